import type { INodeProperties } from 'n8n-workflow';

import { operations, returnAllLimit, sendOption, show } from '../../shared/describe';
import { requireSomeOf } from '../../shared/request';
import { crmLocator, sendIds } from '../methods/crm';
import { grinfi } from '../profile';
import { ID, ID_HINT } from './contact';
import type { GrinfiResource } from './types';

const R = 'tag';

const tagOperations = operations(
	grinfi,
	R,
	[
		{ name: 'Create', value: 'create', action: 'Create a tag', description: 'Create a tag for contacts and companies. Returns it with its ID; changes data.', method: 'POST', path: '/leads/api/tags' },
		{ name: 'Delete', value: 'delete', action: 'Delete a tag', description: 'Delete a tag by ID. Changes data.', method: 'DELETE', path: '/leads/api/tags/{tagId}' },
		{ name: 'Get Many', value: 'getAll', action: 'Get many tags', description: 'List the tags with their IDs. Read-only.', method: 'GET', path: '/leads/api/tags', list: 'unpaged' },
		{ name: 'Get Metrics', value: 'getMetrics', action: 'Get tag metrics', description: 'Count how many contacts or companies carry each tag. Read-only.', method: 'POST', retry: 'read', path: '/leads/api/tags/metrics', preSend: [sendIds('metricsTagIds', 'uuids', 'Tags')] },
		{ name: 'Update', value: 'update', action: 'Update a tag', description: 'Rename or recolor a tag. Changes data.', method: 'PUT', path: '/leads/api/tags/{tagId}', preSend: [requireSomeOf('updateFields', 'Update Fields')] },
	],
	'getAll',
);

const colorField = (): INodeProperties =>
	sendOption({ displayName: 'Color', name: 'color', type: 'color', default: '#4a90e2', description: 'Hex color of the tag' }, 'body', 'color');

const tagFields: INodeProperties[] = [
	crmLocator('tag', 'tagId', show(R, ['delete', 'update'])),
	{
		displayName: 'Name',
		name: 'tagName',
		type: 'string',
		default: '',
		required: true,
		displayOptions: show(R, 'create'),
		description: 'Name of the tag',
		routing: { send: { type: 'body', property: 'name' } },
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: show(R, 'create'),
		options: [colorField()],
	},
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: show(R, 'update'),
		options: [colorField(), sendOption({ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'New name' }, 'body', 'name')],
	},
	...returnAllLimit(R, 'getAll'),
	{
		displayName: 'Tag Names or IDs',
		name: 'metricsTagIds',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getTagOptions' },
		default: [],
		required: true,
		displayOptions: show(R, 'getMetrics'),
		description: 'Tags to count. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Metrics',
		name: 'tagMetrics',
		type: 'multiOptions',
		options: [
			{ name: 'Companies Count', value: 'companies_count' },
			{ name: 'Contacts Count', value: 'leads_count' },
		],
		default: ['leads_count'],
		required: true,
		displayOptions: show(R, 'getMetrics'),
		description: 'Counts to return per tag',
		routing: { send: { type: 'body', property: 'metrics' } },
	},
];

export const tag: GrinfiResource = {
	name: 'Tag',
	value: R,
	description: 'Tags for contacts and companies',
	operations: tagOperations,
	fields: tagFields,
	pathParams: { tagId: { label: 'Tag', pattern: ID, patternHint: ID_HINT } },
};
