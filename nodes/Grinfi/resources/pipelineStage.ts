import type { IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import { operations, returnAllLimit, sendOption, show } from '../../shared/describe';
import { requireSomeOf } from '../../shared/request';
import type { FilterField } from '../filters';
import { buildFilter, filterCollection } from '../filters';
import { crmLocator, ff } from '../methods/crm';
import { grinfi } from '../profile';
import { ID, ID_HINT } from './contact';
import type { GrinfiResource } from './types';

const R = 'pipelineStage';

const OBJECTS = [
	{ name: 'Contact', value: 'lead' },
	{ name: 'Company', value: 'company' },
];

const CATEGORIES = [
	{ name: 'Cold', value: 'cold', description: 'Not contacted yet' },
	{ name: 'Engaging', value: 'engaging', description: 'Outreach in progress' },
	{ name: 'Negative', value: 'negative', description: 'Rejected or lost' },
	{ name: 'Positive', value: 'positive', description: 'Interested or converted' },
];

const STAGE_FILTERS: FilterField[] = [
	ff({
		key: 'type',
		label: 'Type',
		field: 'type',
		kind: 'options',
		options: [
			{ name: 'Approaching', value: 'approaching' },
			{ name: 'Custom', value: 'custom' },
			{ name: 'Engaging', value: 'engaging' },
			{ name: 'New', value: 'new' },
			{ name: 'Replied', value: 'replied' },
		],
		about: 'Only stages of this type',
	}),
];

/** GET /leads/api/pipeline-stages requires `filter` as a JSON string with the object type. */
async function stageFilter(this: IExecuteSingleFunctions, options: IHttpRequestOptions): Promise<IHttpRequestOptions> {
	const filter = { object: this.getNodeParameter('stageObject', 'lead') as string, ...buildFilter(this, STAGE_FILTERS, 'stageFilters') };
	return { ...options, qs: { ...(options.qs ?? {}), filter: JSON.stringify(filter) } };
}

const stageOperations = operations(
	grinfi,
	R,
	[
		{ name: 'Create', value: 'create', action: 'Create a pipeline stage', description: 'Create a pipeline stage for contacts or companies. Changes data.', method: 'POST', path: '/leads/api/pipeline-stages' },
		{ name: 'Delete', value: 'delete', action: 'Delete a pipeline stage', description: 'Delete a custom pipeline stage. Changes data.', method: 'DELETE', path: '/leads/api/pipeline-stages/{pipelineStageId}' },
		{ name: 'Get Many', value: 'getAll', action: 'Get many pipeline stages', description: 'List the pipeline stages of contacts or companies with their IDs. Read-only.', method: 'GET', path: '/leads/api/pipeline-stages', list: 'unpaged', preSend: [stageFilter] },
		{ name: 'Update', value: 'update', action: 'Update a pipeline stage', description: 'Rename, recategorize or reorder a pipeline stage. Changes data.', method: 'PUT', path: '/leads/api/pipeline-stages/{pipelineStageId}', preSend: [requireSomeOf('updateFields', 'Update Fields')] },
	],
	'getAll',
);

const stageFields: INodeProperties[] = [
	crmLocator('pipelineStage', 'pipelineStageId', show(R, ['delete', 'update'])),
	{
		displayName: 'Object',
		name: 'stageObject',
		type: 'options',
		options: OBJECTS,
		default: 'lead',
		displayOptions: show(R, 'getAll'),
		description: 'Whether to list the stages of the contact or the company pipeline',
	},
	{
		displayName: 'Object',
		name: 'stageObject',
		type: 'options',
		options: OBJECTS,
		default: 'lead',
		displayOptions: show(R, 'create'),
		description: 'Whether the stage belongs to the contact or the company pipeline',
		routing: { send: { type: 'body', property: 'object' } },
	},
	{
		displayName: 'Name',
		name: 'stageName',
		type: 'string',
		default: '',
		required: true,
		displayOptions: show(R, 'create'),
		description: 'Name of the stage',
		routing: { send: { type: 'body', property: 'name' } },
	},
	{
		displayName: 'Category',
		name: 'stageCategory',
		type: 'options',
		options: CATEGORIES,
		default: 'cold',
		displayOptions: show(R, 'create'),
		description: 'Where the stage sits in the funnel',
		routing: { send: { type: 'body', property: 'category' } },
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: show(R, 'create'),
		options: [sendOption({ displayName: 'Order', name: 'order', type: 'number', default: 0, description: 'Position of the stage in the pipeline' }, 'body', 'order')],
	},
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: show(R, 'update'),
		options: [
			sendOption({ displayName: 'Category', name: 'category', type: 'options', options: CATEGORIES, default: 'cold', description: 'Where the stage sits in the funnel' }, 'body', 'category'),
			sendOption({ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'New name' }, 'body', 'name'),
			sendOption({ displayName: 'Order', name: 'order', type: 'number', default: 0, description: 'Position of the stage in the pipeline' }, 'body', 'order'),
		],
	},
	...returnAllLimit(R, 'getAll'),
	filterCollection(show(R, 'getAll'), STAGE_FILTERS, 'stageFilters'),
];

export const pipelineStage: GrinfiResource = {
	name: 'Pipeline Stage',
	value: R,
	description: 'Stages of the contact and company pipelines',
	operations: stageOperations,
	fields: stageFields,
	pathParams: { pipelineStageId: { label: 'Pipeline Stage', pattern: ID, patternHint: ID_HINT } },
};
