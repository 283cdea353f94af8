import type { INodeProperties } from 'n8n-workflow';

import { operations, returnAllLimit, show } from '../../shared/describe';
import { filterCollection, sendFilter } from '../filters';
import type { FilterField } from '../filters';
import { COMPANY_FILTERS, crmLocator, sendIds } from '../methods/crm';
import { grinfi } from '../profile';
import { filterField } from './automation';
import { ID, ID_HINT } from './contact';
import { sortCollection } from '../sort';
import type { GrinfiResource } from './types';

const R = 'list';

/** GET /leads/api/lists reads `filter[q]` (name search) from the query. */
const LIST_FILTERS: FilterField[] = [
	...COMPANY_FILTERS.filter((f) => f.name === 'q').map((f) => ({ ...f, description: 'Part of the list name' })),
	filterField('name', 'Name', 'name', 'string', 'The whole list name (exact match)'),
	filterField('uuid', 'List ID', 'uuid', 'string', 'UUID of one list'),
];

const listOperations = operations(
	grinfi,
	R,
	[
		{ name: 'Create', value: 'create', action: 'Create a list', description: 'Create a contact list. Returns it with its ID; changes data.', method: 'POST', path: '/leads/api/lists' },
		{ name: 'Delete', value: 'delete', action: 'Delete a list', description: 'Delete a list by ID. Changes data.', method: 'DELETE', path: '/leads/api/lists/{listId}' },
		{ name: 'Get', value: 'get', action: 'Get a list', description: 'Get one contact list by ID. Read-only.', method: 'GET', path: '/leads/api/lists/{listId}' },
		{ name: 'Get Many', value: 'getAll', action: 'Get many lists', description: 'List the contact lists, optionally by name. Read-only.', method: 'GET', path: '/leads/api/lists', list: 'qs', preSend: [sendFilter('brackets', LIST_FILTERS, { name: 'listFilters' })] },
		{ name: 'Get Metrics', value: 'getMetrics', action: 'Get list metrics', description: 'Get the contact counts of lists. Read-only.', method: 'POST', retry: 'read', path: '/leads/api/lists/metrics', preSend: [sendIds('metricsListIds', 'uuids', 'Lists')] },
		{ name: 'Update', value: 'update', action: 'Update a list', description: 'Rename a list. Changes data.', method: 'PUT', path: '/leads/api/lists/{listId}' },
	],
	'getAll',
);

const listFields: INodeProperties[] = [
	crmLocator('list', 'listId', show(R, ['delete', 'get', 'update'])),
	{
		displayName: 'Name',
		name: 'listName',
		type: 'string',
		default: '',
		required: true,
		displayOptions: show(R, ['create', 'update']),
		description: 'Name of the list',
		routing: { send: { type: 'body', property: 'name' } },
	},
	...returnAllLimit(R, 'getAll'),
	sortCollection(show(R, 'getAll'), 'query', 'asc'),
	filterCollection(show(R, 'getAll'), LIST_FILTERS, 'listFilters'),
	{
		displayName: 'List Names or IDs',
		name: 'metricsListIds',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getListOptions' },
		default: [],
		required: true,
		displayOptions: show(R, 'getMetrics'),
		description: 'Lists to count. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
];

export const list: GrinfiResource = {
	name: 'List',
	value: R,
	description: 'Contact lists (every contact belongs to one)',
	operations: listOperations,
	fields: listFields,
	pathParams: { listId: { label: 'List', pattern: ID, patternHint: ID_HINT } },
};
