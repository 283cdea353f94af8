import type { INodeProperties } from 'n8n-workflow';

import { operations, returnAllLimit, show } from '../../shared/describe';
import type { FilterField } from '../filters';
import { filterCollection, sendFilter } from '../filters';
import { grinfi } from '../profile';
import { filterField } from './automation';
import type { GrinfiResource } from './types';

const R = 'linkedinConversation';

/** Only these two filters exist; Grinfi rejects filter[flow_uuid] here. */
const CONVERSATION_FILTERS: FilterField[] = [
	filterField('lead_uuid', 'Contact ID', 'lead_uuid', 'string', 'Only conversations with this contact'),
	filterField('linkedin_account_uuid', 'LinkedIn Account ID', 'linkedin_account_uuid', 'string', 'Only conversations of this LinkedIn account'),
];

const conversationOperations = operations(
	grinfi,
	R,
	[
		{ name: 'Get Many', value: 'getAll', action: 'Get many LinkedIn conversations', description: 'List LinkedIn conversations (threads) of the team’s accounts. Read-only.', method: 'GET', path: '/flows/api/linkedin-conversations', list: 'qs', preSend: [sendFilter('brackets', CONVERSATION_FILTERS)] },
	],
	'getAll',
);

const conversationFields: INodeProperties[] = [
	...returnAllLimit(R, 'getAll'),
	filterCollection(show(R, 'getAll'), CONVERSATION_FILTERS),
];

export const linkedinConversation: GrinfiResource = {
	name: 'LinkedIn Conversation',
	value: R,
	description: 'LinkedIn conversation threads',
	operations: conversationOperations,
	fields: conversationFields,
};
