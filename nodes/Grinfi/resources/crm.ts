import { activity } from './activity';
import { apiKey } from './apiKey';
import { blacklist } from './blacklist';
import { company } from './company';
import { contact } from './contact';
import { customField } from './customField';
import { dataSource } from './dataSource';
import { file } from './file';
import { list } from './list';
import { note } from './note';
import { pipelineStage } from './pipelineStage';
import { tag } from './tag';
import { team } from './team';
import { user } from './user';
import type { GrinfiResource } from './types';

/** Account and CRM resources (issue: Grinfi node, part 1). The only list of them. */
export const crmResources: GrinfiResource[] = [
	activity,
	apiKey,
	blacklist,
	company,
	contact,
	customField,
	dataSource,
	file,
	list,
	note,
	pipelineStage,
	tag,
	team,
	user,
];
