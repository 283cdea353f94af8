import type { INodeProperties } from 'n8n-workflow';

import type { PathParam } from '../../shared/request';

/** One resource of the Grinfi node: its entry in the Resource dropdown, its operations and fields. */
export interface GrinfiResource {
	name: string;
	value: string;
	description?: string;
	operations: INodeProperties;
	fields: INodeProperties[];
	/** Parameters that appear in braces in this resource's paths, e.g. `/leads/api/leads/{contactId}`. */
	pathParams?: Record<string, PathParam>;
}
