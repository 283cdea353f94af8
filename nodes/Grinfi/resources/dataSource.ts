import type { INodeProperties } from 'n8n-workflow';

import { operations, returnAllLimit, show } from '../../shared/describe';
import { requireSomeOf } from '../../shared/request';
import { crmBodyLocator, crmLocator, crmOptionalLocator, sendIds, sendJsonParameter } from '../methods/crm';
import { grinfi } from '../profile';
import { ID, ID_HINT } from './contact';
import { sortCollection } from '../sort';
import type { GrinfiResource } from './types';

const R = 'dataSource';

const TYPES = [
	{ name: 'CSV Contacts', value: 'csv_leads' },
	{ name: 'LinkedIn Accounts Search', value: 'ln_accounts_search' },
	{ name: 'LinkedIn Leads Search', value: 'ln_leads_search' },
	{ name: 'LinkedIn My Messenger', value: 'ln_my_messenger' },
	{ name: 'LinkedIn My Network', value: 'ln_my_network' },
	{ name: 'Post Engagement', value: 'post_engagement' },
	{ name: 'Recruiter Leads Search', value: 'recruiter_leads_search' },
	{ name: 'Sales Navigator Accounts List', value: 'sn_accounts_list' },
	{ name: 'Sales Navigator Accounts Saved Search', value: 'sn_accounts_saved_search' },
	{ name: 'Sales Navigator Accounts Search', value: 'sn_accounts_search' },
	{ name: 'Sales Navigator Leads List', value: 'sn_leads_list' },
	{ name: 'Sales Navigator Leads Saved Search', value: 'sn_leads_saved_search' },
	{ name: 'Sales Navigator Leads Search', value: 'sn_leads_search' },
];

const dataSourceOperations = operations(
	grinfi,
	R,
	[
		{ name: 'Create', value: 'create', action: 'Create a data source', description: 'Start a LinkedIn or Sales Navigator import of contacts into a list. Changes data.', method: 'POST', path: '/leads/api/data-sources', preSend: [sendJsonParameter('dataSourcePayload', 'payload', 'Payload (JSON)'), sendIds('dataSourceTags', 'tags', 'Tags', false, true)] },
		{ name: 'Delete', value: 'delete', action: 'Delete a data source', description: 'Delete a data source by ID. Changes data.', method: 'DELETE', path: '/leads/api/data-sources/{dataSourceId}' },
		{ name: 'Get', value: 'get', action: 'Get a data source', description: 'Get one data source by ID with its import status. Read-only.', method: 'GET', path: '/leads/api/data-sources/{dataSourceId}' },
		{ name: 'Get Many', value: 'getAll', action: 'Get many data sources', description: 'List the data sources (imports). Read-only.', method: 'GET', path: '/leads/api/data-sources', list: 'qs' },
		{ name: 'Get Metrics', value: 'getMetrics', action: 'Get data source metrics', description: 'Get the queued, saved, duplicate and failed record counts of data sources. Read-only.', method: 'PUT', retry: 'read', path: '/leads/api/data-sources/metrics', preSend: [sendIds('metricsDataSourceIds', 'uuids', 'Data Sources')] },
		{ name: 'Update', value: 'update', action: 'Update a data source', description: 'Change the type, list, payload or tags of a data source. Changes data.', method: 'PUT', path: '/leads/api/data-sources/{dataSourceId}', preSend: [requireSomeOf('updateFields', 'Update Fields'), sendJsonParameter('updateFields.payload', 'payload', 'Update Fields → Payload (JSON)'), sendIds('updateFields.tags', 'tags', 'Tags', false, true)] },
	],
	'getAll',
);

const dataSourceFields: INodeProperties[] = [
	crmLocator('dataSource', 'dataSourceId', show(R, ['delete', 'get', 'update'])),
	{
		displayName: 'Type',
		name: 'dataSourceType',
		type: 'options',
		options: TYPES,
		default: 'sn_leads_search',
		displayOptions: show(R, 'create'),
		description: 'What is imported',
		routing: { send: { type: 'body', property: 'type' } },
	},
	crmBodyLocator('list', 'dataSourceListId', 'list_uuid', show(R, 'create'), 'List the imported contacts go to', 'List'),
	{
		displayName: 'Payload (JSON)',
		name: 'dataSourcePayload',
		type: 'json',
		default: '{}',
		displayOptions: show(R, 'create'),
		description: 'Settings of the import for its type, e.g. the Sales Navigator search link',
	},
	{
		displayName: 'Tags',
		name: 'dataSourceTags',
		type: 'string',
		default: '',
		displayOptions: show(R, 'create'),
		description: 'Comma-separated tags given to the imported contacts',
	},
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: show(R, 'update'),
		options: [
			crmOptionalLocator('list', 'list_uuid', 'List the imported contacts go to', 'list_uuid', 'List'),
			{ displayName: 'Payload (JSON)', name: 'payload', type: 'json', default: '{}', description: 'Settings of the import for its type' },
			{ displayName: 'Tags', name: 'tags', type: 'string', default: '', description: 'Comma-separated tags given to the imported contacts' },
			{ displayName: 'Type', name: 'type', type: 'options', options: TYPES, default: 'sn_leads_search', description: 'What is imported', routing: { send: { type: 'body', property: 'type' } } },
		],
	},
	...returnAllLimit(R, 'getAll'),
	sortCollection(show(R, 'getAll'), 'query', 'asc'),
	{
		displayName: 'Data Source IDs',
		name: 'metricsDataSourceIds',
		type: 'string',
		default: '',
		required: true,
		displayOptions: show(R, 'getMetrics'),
		description: 'Comma-separated data source IDs (or an array from an expression)',
	},
];

export const dataSource: GrinfiResource = {
	name: 'Data Source',
	value: R,
	description: 'LinkedIn and Sales Navigator import jobs',
	operations: dataSourceOperations,
	fields: dataSourceFields,
	pathParams: { dataSourceId: { label: 'Data Source', pattern: ID, patternHint: ID_HINT } },
};
