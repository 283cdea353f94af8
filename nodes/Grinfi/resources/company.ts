import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { operations, returnAllLimit, sendOption, show } from '../../shared/describe';
import { parameterError, requireSomeOf, withoutEmpty } from '../../shared/request';
import { filterCollection, sendFilter } from '../filters';
import type { FilterField } from '../filters';
import { COMPANY_FILTERS, crmBodyLocator, crmLocator, crmOptionalLocator, idList, selectionFields, sendSelection, setBody } from '../methods/crm';
import { grinfi } from '../profile';
import { ID, ID_HINT, confirmDestructive } from './contact';
import { sortCollection } from '../sort';
import type { GrinfiResource } from './types';

const R = 'company';

/** GET /leads/api/companies reads `filter[q]` (and other keys) from the query. */
const COMPANY_LIST_FILTERS: FilterField[] = COMPANY_FILTERS.filter((f) => f.name === 'q');

/** Create takes an array of companies; one item creates one company. */
async function createBody(this: IExecuteSingleFunctions, options: IHttpRequestOptions): Promise<IHttpRequestOptions> {
	const name = String(this.getNodeParameter('companyName', '') ?? '').trim();
	if (!name) throw parameterError(this, 'Name', 'cannot be empty');
	const fields = withoutEmpty({ ...(this.getNodeParameter('companyFields', {}) as IDataObject) });
	const extra = (this.getNodeParameter('createOptions', {}) as IDataObject) ?? {};
	const body: IDataObject = { companies: [{ name, ...fields }] };
	const lists = idList(extra.listIds);
	if (lists.length) body.list_uuids = lists;
	const dataSource = (extra.dataSourceId as IDataObject | undefined)?.value ?? extra.dataSourceId;
	if (dataSource) body.data_source_uuid = String(dataSource);
	return setBody(options, body);
}

async function lookupBody(this: IExecuteSingleFunctions, options: IHttpRequestOptions): Promise<IHttpRequestOptions> {
	const lookup = withoutEmpty({ ...(this.getNodeParameter('lookupFields', {}) as IDataObject) });
	if (!Object.keys(lookup).length) throw parameterError(this, 'Lookup By', 'needs at least one of LinkedIn URL, LinkedIn ID, Website or Name');
	// `lookups[].ln_id` is a string in Grinfi's reference: sent as typed (a number from an expression becomes its digits).
	if (lookup.ln_id !== undefined) lookup.ln_id = String(lookup.ln_id);
	return setBody(options, { lookups: [lookup] });
}

/** `{companyUuid: [contacts]}` becomes one item per contact, carrying its company's ID. */
async function contactsPerCompany(this: IExecuteSingleFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const out: INodeExecutionData[] = [];
	for (const item of items) {
		for (const [companyUuid, leads] of Object.entries(item.json)) {
			if (!Array.isArray(leads)) continue;
			for (const lead of leads as IDataObject[]) out.push({ ...item, json: { company_uuid: companyUuid, ...lead } });
		}
	}
	return out;
}

export const COMPANY_MASS_ACTIONS = [
	{ name: 'Add Tag', value: 'company_add_tags', description: 'Add one tag to the companies' },
	{ name: 'Change Pipeline Stage', value: 'company_change_pipeline_stage', description: 'Move the companies to a pipeline stage' },
	{ name: 'Delete (Destructive)', value: 'company_delete', description: 'Delete the companies for good' },
	{ name: 'Remove Tag', value: 'company_remove_tags', description: 'Remove one tag from the companies' },
	{ name: 'Replace Tags', value: 'company_replace_tags', description: 'Replace all tags of the companies' },
];

const companyOperations = operations(
	grinfi,
	R,
	[
		{ name: 'Create', value: 'create', action: 'Create a company', description: 'Create a company from a name, optionally with its domain, LinkedIn and lists. Returns it with its ID; changes data.', method: 'POST', path: '/leads/api/companies', preSend: [createBody] },
		{ name: 'Delete', value: 'delete', action: 'Delete a company', description: 'Delete a company by ID. Changes data.', method: 'DELETE', path: '/leads/api/companies/{companyId}' },
		{ name: 'Enrich', value: 'enrich', action: 'Enrich companies', description: 'Run advanced enrichment on companies chosen by ID or filters. Uses credits; changes data.', method: 'PUT', retry: 'action', path: '/leads/api/companies/advanced-enrichment', preSend: [sendSelection(COMPANY_FILTERS, 'companies', 'uuidsOrFilter')] },
		{ name: 'Get', value: 'get', action: 'Get a company', description: 'Get one company by ID: name, domain, LinkedIn, industry, size and stage. Read-only.', method: 'GET', path: '/leads/api/companies/{companyId}' },
		{ name: 'Get Contacts', value: 'getContacts', action: 'Get the contacts of companies', description: 'List the contacts working at the given companies, one item per contact. Read-only.', method: 'POST', retry: 'read', path: '/leads/api/companies/leads', preSend: [sendIdsOf('contactsCompanyIds')], postReceive: [contactsPerCompany] },
		{ name: 'Get Many', value: 'getAll', action: 'Get many companies', description: 'List companies, optionally matching a search text. Read-only.', method: 'GET', path: '/leads/api/companies', list: 'qs', preSend: [sendFilter('brackets', COMPANY_LIST_FILTERS, { name: 'listFilters' })] },
		{ name: 'Lookup', value: 'lookup', action: 'Look up a company', description: 'Find companies by LinkedIn URL or ID, website or name. Returns the matches; read-only.', method: 'POST', retry: 'read', path: '/leads/api/companies/lookup', preSend: [lookupBody] },
		{ name: 'Mass Action', value: 'massAction', action: 'Run a mass action on companies', description: 'Tag, move or delete many companies at once, chosen by ID or filters. Changes data.', method: 'PUT', retry: 'action', path: '/leads/api/companies/mass-action', preSend: [confirmDestructive('company_delete'), sendSelection(COMPANY_FILTERS, 'companies')] },
		{ name: 'Search', value: 'search', action: 'Search companies', description: 'Search companies by text, list, pipeline stage, tags, industry or dates. Returns one item per company; read-only.', method: 'POST', retry: 'read', path: '/leads/api/companies/list', list: 'body', preSend: [sendFilter('body', COMPANY_FILTERS)] },
		{ name: 'Update', value: 'update', action: 'Update a company', description: 'Change fields of a company by ID. Returns the company; changes data.', method: 'PUT', path: '/leads/api/companies/{companyId}', preSend: [requireSomeOf('updateFields', 'Update Fields')] },
	],
	'getAll',
);

function sendIdsOf(parameter: string) {
	return async function (this: IExecuteSingleFunctions, options: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		const ids = idList(this.getNodeParameter(parameter, ''));
		if (!ids.length) throw parameterError(this, 'Company IDs', 'needs at least one ID');
		return setBody(options, { uuids: ids });
	};
}

const opt = (displayName: string, name: string, description: string, placeholder?: string): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	default: '',
	description,
	...(placeholder ? { placeholder } : {}),
});

const companyFieldList = (): INodeProperties[] => [
	opt('Domain', 'domain', 'Company domain', 'e.g. acme.com'),
	opt('Employees Range', 'employees_range', 'Headcount band, e.g. 51-200'),
	opt('HQ Address', 'hq_raw_address', 'Headquarters address as free text'),
	opt('Industry', 'industry', 'Industry, e.g. Software Development'),
	opt('LinkedIn URL', 'linkedin', 'Company LinkedIn page', 'e.g. https://www.linkedin.com/company/acme'),
	opt('Website', 'website', 'Company website', 'e.g. https://acme.com'),
];

const forMass = (...types: string[]) => show(R, 'massAction', { massActionType: types });

const companyFields: INodeProperties[] = [
	crmLocator('company', 'companyId', show(R, ['delete', 'get', 'update'])),

	// Create
	{
		displayName: 'Name',
		name: 'companyName',
		type: 'string',
		default: '',
		required: true,
		displayOptions: show(R, 'create'),
		description: 'Company name',
	},
	{
		displayName: 'Company Fields',
		name: 'companyFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: show(R, 'create'),
		options: companyFieldList(),
	},
	{
		displayName: 'Options',
		name: 'createOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: show(R, 'create'),
		options: [
			crmOptionalLocator('dataSource', 'dataSourceId', 'Data source to attribute the company to'),
			{
				displayName: 'List Names or IDs',
				name: 'listIds',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getListOptions' },
				default: [],
				description: 'Lists to put the company in. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
		],
	},

	// Get Many / Search
	...returnAllLimit(R, ['getAll', 'search']),
	sortCollection(show(R, 'getAll'), 'query', 'asc'),
	sortCollection(show(R, 'search'), 'body', 'desc'),
	filterCollection(show(R, 'getAll'), COMPANY_LIST_FILTERS, 'listFilters'),
	filterCollection(show(R, 'search'), COMPANY_FILTERS),

	// Update
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: show(R, 'update'),
		options: [
			...[
				...companyFieldList(),
				opt('About', 'about', 'Company description'),
				opt('Name', 'name', 'Company name'),
				opt('Phone', 'phone', 'Main phone number'),
			].map((field) => sendOption(field, 'body', field.name)),
			sendOption({ displayName: 'LinkedIn Company ID', name: 'ln_id', type: 'number', default: 0, description: 'Numeric LinkedIn company ID' }, 'body', 'ln_id'),
			crmOptionalLocator('companyStage', 'lead_status_uuid', 'Pipeline stage to move the company to', 'lead_status_uuid'),
		].sort((a, b) => a.displayName.localeCompare(b.displayName)),
	},

	// Lookup
	{
		displayName: 'Lookup By',
		name: 'lookupFields',
		type: 'collection',
		placeholder: 'Add Identifier',
		default: {},
		displayOptions: show(R, 'lookup'),
		description: 'Any of these identify the company; at least one is needed',
		options: [
			opt('LinkedIn ID', 'ln_id', 'LinkedIn company ID, e.g. 1000103 (sent as text)'),
			opt('LinkedIn URL', 'linkedin', 'Company LinkedIn page'),
			opt('Name', 'name', 'Company name'),
			opt('Website', 'website', 'Company website or domain'),
		],
	},

	// Get contacts
	{
		displayName: 'Company IDs',
		name: 'contactsCompanyIds',
		type: 'string',
		default: '',
		required: true,
		displayOptions: show(R, 'getContacts'),
		description: 'Comma-separated company IDs (or an array from an expression)',
	},

	// Mass action
	{
		displayName: 'Action',
		name: 'massActionType',
		type: 'options',
		options: COMPANY_MASS_ACTIONS,
		default: 'company_add_tags',
		displayOptions: show(R, 'massAction'),
		description: 'What to do with the selected companies',
		routing: { send: { type: 'body', property: 'type' } },
	},
	crmBodyLocator('tag', 'massTagId', 'payload.tag_uuid', forMass('company_add_tags', 'company_remove_tags'), 'Tag to add or remove'),
	{
		displayName: 'Tag Names or IDs',
		name: 'massTagIds',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getTagOptions' },
		default: [],
		required: true,
		displayOptions: forMass('company_replace_tags'),
		description: 'The tags the companies keep. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		routing: { send: { type: 'body', property: 'payload.tag_uuids' } },
	},
	crmBodyLocator('companyStage', 'massStageId', 'payload.pipeline_stage_uuid', forMass('company_change_pipeline_stage'), 'Stage to move the companies to'),
	{
		displayName: 'Confirm Delete',
		name: 'confirmDelete',
		type: 'boolean',
		default: false,
		displayOptions: forMass('company_delete'),
		description: 'Whether you really want to delete every selected company; this cannot be undone',
	},
	...selectionFields(R, ['massAction', 'enrich'], 'company', COMPANY_FILTERS),
];

export const company: GrinfiResource = {
	name: 'Company',
	value: R,
	description: 'CRM companies (accounts): search, look up, enrich, mass actions',
	operations: companyOperations,
	fields: companyFields,
	pathParams: { companyId: { label: 'Company', pattern: ID, patternHint: ID_HINT } },
};
