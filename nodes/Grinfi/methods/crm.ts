/** Resource-locator searches, option lists and locators for the CRM resources (Grinfi part 1). */
import type {
	IDataObject,
	IDisplayOptions,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	INodeExecutionData,
	INodeListSearchItems,
	INodeListSearchResult,
	INodeProperties,
	INodePropertyOptions,
	PreSendAction,
} from 'n8n-workflow';

import { locator } from '../../shared/describe';
import { searchList } from '../../shared/listSearch';
import { parameterError, parseJsonParameter } from '../../shared/request';
import type { RequestContext } from '../../shared/transport';
import { apiRequest, fetchPages, jsonBody } from '../../shared/transport';
import type { FilterField } from '../filters';
import { buildFilter, filterCollection } from '../filters';
import { grinfi } from '../profile';

const UUID = { regex: '^[0-9a-zA-Z-]{8,}$', message: 'Not a Grinfi ID' };
const INTEGER = { regex: '^[0-9]+$', message: 'A team ID is a number' };

/** Non-empty parts joined by spaces, for names in lists. */
export function label(...parts: unknown[]): string {
	return parts.filter((p) => p !== undefined && p !== null && p !== '').map(String).join(' ');
}

function contactName(c: IDataObject): string {
	const name = label(c.first_name, c.last_name) || String(c.name ?? '') || String(c.uuid);
	return c.company_name ? `${name} (${String(c.company_name)})` : name;
}

const namedItem = (r: IDataObject): INodeListSearchItems => ({ name: String(r.name ?? r.uuid), value: String(r.uuid) });
const stageItem = (s: IDataObject): INodeListSearchItems => ({
	name: s.category ? `${String(s.name)} (${String(s.category)})` : String(s.name),
	value: String(s.uuid),
});
const dataSourceItem = (d: IDataObject): INodeListSearchItems => ({
	name: `${String(d.type)} (${String(d.status)}, ${String(d.uuid).slice(0, 8)})`,
	value: String(d.uuid),
});

function narrow(results: INodeListSearchItems[], filter?: string): INodeListSearchItems[] {
	if (!filter) return results;
	const needle = filter.toLowerCase();
	return results.filter((r) => r.name.toLowerCase().includes(needle) || String(r.value).toLowerCase() === needle);
}

/** The pipeline stages of contacts or companies: one request, the API documents no paging for them. */
async function stagesOf(ctx: ILoadOptionsFunctions, object: 'lead' | 'company'): Promise<IDataObject[]> {
	const request: IHttpRequestOptions = { method: 'GET', url: '/leads/api/pipeline-stages', qs: { filter: JSON.stringify({ object }) } };
	return (await fetchPages(ctx, grinfi, request, Infinity, 'unpaged')).records;
}

/**
 * Custom fields of contacts or companies, ordered as Grinfi shows them: every page of the list,
 * which holds both object types (up to 100 of each).
 */
export async function customFieldsOf(
	ctx: RequestContext,
	object?: 'lead' | 'company',
	baseURL?: string,
): Promise<IDataObject[]> {
	const request: IHttpRequestOptions = { method: 'GET', ...(baseURL ? { baseURL } : {}), url: '/leads/api/custom-fields' };
	const { records } = await fetchPages(ctx, grinfi, request, Infinity);
	return object ? records.filter((f) => !f.object || f.object === object) : records;
}

export const crmListSearch = {
	async searchContacts(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
		const response = await apiRequest.call(this, grinfi, {
			method: 'POST',
			url: '/leads/api/leads/search',
			policy: { retry: 'read' },
			body: { ...(filter ? { filter: { q: filter } } : {}), limit: 100, offset: 0 },
		});
		const records = grinfi.pager?.records(jsonBody(response.body)) ?? [];
		return { results: records.map((c) => ({ name: contactName(c), value: String(c.uuid) })) };
	},
	async searchCompanies(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
		return await searchList(this, grinfi, { url: '/leads/api/companies' }, (c) => ({
			name: c.domain ? `${String(c.name)} (${String(c.domain)})` : String(c.name ?? c.uuid),
			value: String(c.uuid),
		}), filter, 'filter[q]');
	},
	async searchLists(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
		return await searchList(this, grinfi, { url: '/leads/api/lists' }, namedItem, filter, 'filter[q]');
	},
	async searchTags(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
		return await searchList(this, grinfi, { url: '/leads/api/tags' }, namedItem, filter, undefined, 'unpaged');
	},
	async searchContactStages(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
		return { results: narrow((await stagesOf(this, 'lead')).map(stageItem), filter) };
	},
	async searchCompanyStages(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
		return { results: narrow((await stagesOf(this, 'company')).map(stageItem), filter) };
	},
	/** Stages of contacts and of companies, named "Contacts › Stage" / "Companies › Stage". */
	async searchPipelineStages(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
		const leads = (await stagesOf(this, 'lead')).map((s) => ({ ...stageItem(s), name: `Contacts › ${stageItem(s).name}` }));
		const companies = (await stagesOf(this, 'company')).map((s) => ({ ...stageItem(s), name: `Companies › ${stageItem(s).name}` }));
		return { results: narrow([...leads, ...companies], filter) };
	},
	async searchCustomFields(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
		const fields = await customFieldsOf(this);
		const results = fields.map((f) => ({
			name: `${String(f.name)} (${f.object === 'company' ? 'company' : 'contact'})`,
			value: String(f.uuid),
		}));
		return { results: narrow(results, filter) };
	},
	async searchDataSources(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
		return await searchList(this, grinfi, { url: '/leads/api/data-sources' }, dataSourceItem, filter);
	},
	async searchTeams(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
		return await searchList(this, grinfi, { url: '/id/api/teams' }, (t) => ({ name: String(t.name ?? t.id), value: String(t.id) }), filter);
	},
};

async function optionsOf(
	ctx: ILoadOptionsFunctions,
	url: string,
	toItem: (r: IDataObject) => INodeListSearchItems,
	paging: 'qs' | 'unpaged' = 'qs',
): Promise<INodePropertyOptions[]> {
	const { results } = await searchList(ctx, grinfi, { url }, toItem, undefined, undefined, paging);
	return sorted(results);
}

function sorted(results: INodeListSearchItems[]): INodePropertyOptions[] {
	return results.map((r) => ({ name: r.name, value: r.value })).sort((a, b) => a.name.localeCompare(b.name));
}

export const crmLoadOptions = {
	async getListOptions(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return await optionsOf(this, '/leads/api/lists', namedItem);
	},
	async getTagOptions(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return await optionsOf(this, '/leads/api/tags', namedItem, 'unpaged');
	},
	async getContactStageOptions(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return sorted((await stagesOf(this, 'lead')).map(stageItem));
	},
	async getCompanyStageOptions(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return sorted((await stagesOf(this, 'company')).map(stageItem));
	},
	async getDataSourceOptions(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return await optionsOf(this, '/leads/api/data-sources', dataSourceItem);
	},
	/** Contact custom fields by name: upsert sends them keyed by name. */
	async getContactCustomFieldNames(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return (await customFieldsOf(this, 'lead'))
			.map((f) => ({ name: String(f.name), value: String(f.name) }))
			.sort((a, b) => a.name.localeCompare(b.name));
	},
	async getContactCustomFieldOptions(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return (await customFieldsOf(this, 'lead'))
			.map((f) => ({ name: String(f.name), value: String(f.uuid) }))
			.sort((a, b) => a.name.localeCompare(b.name));
	},
	async getCrmAutomationOptions(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return await optionsOf(this, '/flows/api/flows', (f) => ({ name: `${String(f.name)} (${String(f.status)})`, value: String(f.uuid) }));
	},
};

// ---------------------------------------------------------------------------------------------
// Locators of the CRM resources (the list modes use the searches above).

const LOCATORS = {
	contact: { displayName: 'Contact', searchMethod: 'searchContacts' },
	company: { displayName: 'Company', searchMethod: 'searchCompanies' },
	list: { displayName: 'List', searchMethod: 'searchLists' },
	tag: { displayName: 'Tag', searchMethod: 'searchTags' },
	contactStage: { displayName: 'Pipeline Stage', searchMethod: 'searchContactStages' },
	companyStage: { displayName: 'Pipeline Stage', searchMethod: 'searchCompanyStages' },
	pipelineStage: { displayName: 'Pipeline Stage', searchMethod: 'searchPipelineStages' },
	customField: { displayName: 'Custom Field', searchMethod: 'searchCustomFields' },
	dataSource: { displayName: 'Data Source', searchMethod: 'searchDataSources' },
	team: { displayName: 'Team', searchMethod: 'searchTeams', id: INTEGER, placeholder: 'e.g. 42' },
} satisfies Record<string, { displayName: string; searchMethod: string; id?: typeof UUID; placeholder?: string }>;

export type CrmLocatorKind = keyof typeof LOCATORS;

/** A required locator shown for the given operations. */
export function crmLocator(
	kind: CrmLocatorKind,
	name: string,
	displayOptions: IDisplayOptions,
	description?: string,
	displayName?: string,
): INodeProperties {
	const spec: { displayName: string; searchMethod: string; id?: typeof UUID; placeholder?: string } = LOCATORS[kind];
	return locator({
		name,
		displayName: displayName ?? spec.displayName,
		searchMethod: spec.searchMethod,
		displayOptions,
		idPattern: spec.id ?? UUID,
		placeholder: spec.placeholder,
		description,
	});
}

/** A required locator whose ID goes into the body (dot paths allowed, e.g. `payload.tag_uuid`). */
export function crmBodyLocator(
	kind: CrmLocatorKind,
	name: string,
	bodyProperty: string,
	displayOptions: IDisplayOptions,
	description?: string,
	displayName?: string,
): INodeProperties {
	return {
		...crmLocator(kind, name, displayOptions, description, displayName),
		routing: { send: { type: 'body', property: bodyProperty } },
	};
}

/** The same locator inside a collection: no display options, not required; sent to the body when a property is given. */
export function crmOptionalLocator(kind: CrmLocatorKind, name: string, description: string, bodyProperty?: string, displayName?: string): INodeProperties {
	const { displayOptions, required, ...rest } = crmLocator(kind, name, {}, description, displayName);
	void displayOptions;
	void required;
	return {
		...(rest as INodeProperties),
		...(bodyProperty ? { routing: { send: { type: 'body', property: bodyProperty, propertyInDotNotation: false } } } : {}),
	};
}

// ---------------------------------------------------------------------------------------------
// Request helpers shared by the CRM resources.

export function setBody(options: IHttpRequestOptions, values: IDataObject): IHttpRequestOptions {
	return { ...options, body: { ...((options.body as IDataObject) ?? {}), ...values } };
}

/** IDs typed as a comma-separated list, picked in a multi-select, or given as an array by an expression. */
export function idList(value: unknown, separator: RegExp = /[\s,]+/): string[] {
	const list = Array.isArray(value) ? value : String(value ?? '').split(separator);
	return list.map((v) => String(v).trim()).filter(Boolean);
}

/**
 * Sends a list of IDs (or, with `names`, comma-separated names that may hold spaces) as a body array;
 * `required` refuses an empty list before sending.
 */
export function sendIds(parameter: string, property: string, label: string, required = true, names = false): PreSendAction {
	return async function (this: IExecuteSingleFunctions, options: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		const ids = idList(this.getNodeParameter(parameter, ''), names ? /,/ : undefined);
		if (!ids.length) {
			if (required) throw parameterError(this, label, 'needs at least one ID');
			return options;
		}
		return setBody(options, { [property]: ids });
	};
}

/** Sends a JSON parameter (top level or `collection.key`) as a body property; blank sends nothing. */
export function sendJsonParameter(path: string, property: string, label: string, shape: 'object' | 'array' = 'object'): PreSendAction {
	return async function (this: IExecuteSingleFunctions, options: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		const raw = this.getNodeParameter(path, '') as unknown;
		if (raw === undefined || raw === null || raw === '') return options;
		const value = parseJsonParameter(this, raw, label);
		if (Array.isArray(value) !== (shape === 'array')) throw parameterError(this, label, `must be a JSON ${shape}`);
		return setBody(options, { [property]: value });
	};
}

/** postReceive: single records some Grinfi endpoints wrap as `{lead: {...}}` become the record. */
export function unwrapRecord(key: string) {
	return async function (this: IExecuteSingleFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
		return items.map((item) => {
			const inner = item.json[key];
			return inner && typeof inner === 'object' && !Array.isArray(inner) && Object.keys(item.json).length === 1
				? { ...item, json: inner as IDataObject }
				: item;
		});
	};
}

export const LOAD_OPTIONS_HINT = 'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.';
export const LOAD_OPTIONS_HINT_MANY = 'Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.';

/** Contact filters Grinfi honours on search, count, mass action, enrichment and export. */
/** A filter field, written so the linter does not take it for a node parameter. */
export function ff(spec: { key: string; label: string; field: string; kind: FilterField['type']; about: string; operator?: FilterField['operator']; options?: INodePropertyOptions[]; method?: string }): FilterField {
	return {
		name: spec.key,
		displayName: spec.label,
		field: spec.field,
		type: spec.kind,
		description: spec.about,
		...(spec.operator ? { operator: spec.operator } : {}),
		...(spec.options ? { options: spec.options } : {}),
		...(spec.method ? { loadOptionsMethod: spec.method } : {}),
	};
}

export const CONTACT_FILTERS: FilterField[] = [
	ff({ key: 'q', label: 'Search Text', field: 'q', kind: 'string', about: 'Free text over name, company, email, position and headline' }),
	ff({ key: 'list_uuid', label: 'List Name or ID', field: 'list_uuid', kind: 'options', method: 'getListOptions', about: `Only contacts in this list. ${LOAD_OPTIONS_HINT}` }),
	ff({ key: 'pipeline_stage_uuid', label: 'Pipeline Stage Name or ID', field: 'pipeline_stage_uuid', kind: 'options', method: 'getContactStageOptions', about: `Only contacts in this stage. ${LOAD_OPTIONS_HINT}` }),
	ff({ key: 'tags', label: 'Tag Names or IDs', field: 'tags', kind: 'multiOptions', method: 'getTagOptions', about: `Contacts having any of these tags. ${LOAD_OPTIONS_HINT_MANY}` }),
	ff({ key: 'status', label: 'Status', field: 'status', kind: 'multiOptions', options: CONTACT_STATUSES(), about: 'Contact data status' }),
	ff({ key: 'email_status', label: 'Email Status', field: 'email_status', kind: 'multiOptions', options: [
		{ name: 'Need Search', value: 'need_search' },
		{ name: 'No Data', value: 'no_data' },
		{ name: 'OK', value: 'ok' },
		{ name: 'Unsubscribed', value: 'unsubscribed' },
	], about: 'Email discovery status' }),
	ff({ key: 'linkedin_status', label: 'LinkedIn Status', field: 'linkedin_status', kind: 'multiOptions', options: [
		{ name: 'Blocked', value: 'blocked' },
		{ name: 'Enrichment Failed', value: 'enrichment_failed' },
		{ name: 'Need Enrichment', value: 'need_enrichment' },
		{ name: 'No Data', value: 'no_data' },
		{ name: 'OK', value: 'ok' },
	], about: 'LinkedIn enrichment status' }),
	ff({ key: 'data_source_uuid', label: 'Data Source Name or ID', field: 'data_source_uuid', kind: 'options', method: 'getDataSourceOptions', about: `Only contacts imported by this data source. ${LOAD_OPTIONS_HINT}` }),
	ff({ key: 'created_from', label: 'Created From', field: 'created_at', operator: '>=', kind: 'dateTime', about: 'Created on or after this time' }),
	ff({ key: 'created_to', label: 'Created To', field: 'created_at', operator: '<=', kind: 'dateTime', about: 'Created on or before this time' }),
	ff({ key: 'updated_from', label: 'Updated From', field: 'updated_at', operator: '>=', kind: 'dateTime', about: 'Updated on or after this time' }),
	ff({ key: 'updated_to', label: 'Updated To', field: 'updated_at', operator: '<=', kind: 'dateTime', about: 'Updated on or before this time' }),
];

function CONTACT_STATUSES(): INodePropertyOptions[] {
	return [
		{ name: 'Duplicate', value: 'duplicate' },
		{ name: 'Failed Validation', value: 'failed_validation' },
		{ name: 'No Contact Data', value: 'no_contact_data' },
		{ name: 'OK', value: 'ok' },
	];
}

/** Company filters for the JSON-body endpoints (search, mass action, enrichment, export). */
export const COMPANY_FILTERS: FilterField[] = [
	ff({ key: 'q', label: 'Search Text', field: 'q', kind: 'string', about: 'Free text over name, domain and website' }),
	ff({ key: 'lists', label: 'List Names or IDs', field: 'lists', kind: 'multiOptions', method: 'getListOptions', about: `Companies in any of these lists. ${LOAD_OPTIONS_HINT_MANY}` }),
	ff({ key: 'lead_status_uuid', label: 'Pipeline Stage Name or ID', field: 'lead_status_uuid', kind: 'options', method: 'getCompanyStageOptions', about: `Only companies in this stage. ${LOAD_OPTIONS_HINT}` }),
	ff({ key: 'tags', label: 'Tag Names or IDs', field: 'tags', kind: 'multiOptions', method: 'getTagOptions', about: `Companies having any of these tags. ${LOAD_OPTIONS_HINT_MANY}` }),
	ff({ key: 'industry', label: 'Industry', field: 'industry', kind: 'string', about: 'Exact industry, e.g. Software Development' }),
	ff({ key: 'created_from', label: 'Created From', field: 'created_at', operator: '>=', kind: 'dateTime', about: 'Created on or after this time' }),
	ff({ key: 'created_to', label: 'Created To', field: 'created_at', operator: '<=', kind: 'dateTime', about: 'Created on or before this time' }),
	ff({ key: 'updated_from', label: 'Updated From', field: 'updated_at', operator: '>=', kind: 'dateTime', about: 'Updated on or after this time' }),
	ff({ key: 'updated_to', label: 'Updated To', field: 'updated_at', operator: '<=', kind: 'dateTime', about: 'Updated on or before this time' }),
];

/** Which records a bulk operation acts on: listed IDs, the ones matching the filters, or all. */
export function selectionFields(resource: string, operations: string[], noun: 'contact' | 'company', filters: FilterField[]): INodeProperties[] {
	const plural = noun === 'contact' ? 'Contacts' : 'Companies';
	return [
		{
			displayName: 'Select By',
			name: 'selectBy',
			type: 'options',
			options: [
				{ name: 'IDs', value: 'ids', description: `The ${plural.toLowerCase()} whose IDs you give` },
				{ name: 'Filters', value: 'filter', description: `Every ${noun} matching the filters` },
				{ name: `All ${plural}`, value: 'all', description: `Every ${noun} of the team` },
			],
			default: 'ids',
			displayOptions: { show: { resource: [resource], operation: operations } },
			description: `Which ${plural.toLowerCase()} to act on`,
		},
		{
			displayName: `${noun === 'contact' ? 'Contact' : 'Company'} IDs`,
			name: 'selectIds',
			type: 'string',
			default: '',
			placeholder: 'e.g. 6f2b0c1e-…, 9a77-…',
			displayOptions: { show: { resource: [resource], operation: operations, selectBy: ['ids'] } },
			description: 'Comma-separated IDs (or an array from an expression)',
		},
		filterCollection({ show: { resource: [resource], operation: operations, selectBy: ['filter'] } }, filters, 'selectFilters'),
	];
}

/**
 * Builds the selection of a bulk operation as Grinfi's filter object: `{ids: [...]}`,
 * `{all: true, ...filters}` or `{all: true}`. An empty selection is refused before sending.
 */
export function buildSelection(ctx: IExecuteSingleFunctions, filters: FilterField[], noun: string): IDataObject {
	const by = ctx.getNodeParameter('selectBy', 'ids') as string;
	if (by === 'all') return { all: true };
	if (by === 'filter') {
		const filter = buildFilter(ctx, filters, 'selectFilters');
		if (!Object.keys(filter).length) {
			throw parameterError(ctx, 'Filters', `is empty, so no ${noun} are selected: add at least one filter, or choose Select By "IDs" or "All"`);
		}
		return { all: true, ...filter };
	}
	const ids = idList(ctx.getNodeParameter('selectIds', ''));
	if (!ids.length) throw parameterError(ctx, `${noun === 'contacts' ? 'Contact' : 'Company'} IDs`, `is empty, so no ${noun} are selected: give at least one ID, or choose Select By "Filters" or "All"`);
	return { ids };
}

/** Sends the selection as `filter` (mass action, export) or as `uuids` / `filter` (enrichment). */
export function sendSelection(filters: FilterField[], noun: string, as: 'filter' | 'uuidsOrFilter' = 'filter'): PreSendAction {
	return async function (this: IExecuteSingleFunctions, options: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		const selection = buildSelection(this, filters, noun);
		if (as === 'uuidsOrFilter' && Array.isArray(selection.ids)) return setBody(options, { uuids: selection.ids });
		return setBody(options, { filter: selection });
	};
}
