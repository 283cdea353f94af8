import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
	INodeProperties,
	PreSendAction,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { operations, returnAllLimit, sendOption, show } from '../../shared/describe';
import { itemLabel, parameterError, parseJsonParameter, requireSomeOf } from '../../shared/request';
import type { Pager } from '../../shared/transport';
import { fetchPages, listRequest, singleRequest } from '../../shared/transport';
import { buildFilter, filterCollection, sendFilter } from '../filters';
import {
	CONTACT_FILTERS,
	crmBodyLocator,
	crmLocator,
	customFieldsOf,
	idList,
	selectionFields,
	sendSelection,
	setBody,
	unwrapRecord,
} from '../methods/crm';
import { grinfi } from '../profile';
import { sortCollection } from '../sort';
import type { GrinfiResource } from './types';

const R = 'contact';
export const ID = /^[0-9a-zA-Z-]{8,}$/;
export const ID_HINT = 'a Grinfi ID';

/** Contact search is Elasticsearch-backed: offset + limit can never pass 10,000. */
export const SEARCH_WINDOW = 10_000;

type BeyondWindow = 'split' | 'error' | 'first';

class SearchWindowExceeded extends Error {
	constructor(readonly total: number | undefined) {
		super('search window exceeded');
	}
}

/** The Grinfi pager, stopping (or failing) at the search window instead of asking past it. */
function windowPager(mode: 'error' | 'first'): Pager {
	const base = grinfi.pager as Pager;
	return {
		...base,
		hasMore(body, pageIndex, pageSize, received) {
			const known = base.total(body);
			// The total caps the pages here too (as in fetchPages), so a search of exactly 10,000 ends without error.
			const more = base.hasMore(body, pageIndex, pageSize, received) && (known === undefined || (pageIndex + 1) * pageSize < known);
			// Fail on the first page when the total already says the window cannot hold it.
			if (mode === 'error' && pageIndex === 0 && known !== undefined && known > SEARCH_WINDOW) throw new SearchWindowExceeded(known);
			if (more && (pageIndex + 1) * pageSize >= SEARCH_WINDOW) {
				if (mode === 'error') throw new SearchWindowExceeded(known);
				return false;
			}
			return more;
		},
	};
}

/** The date fields the search filter compares with operators (field notes: created_at / updated_at). */
const SLICE_FIELDS = ['created_at', 'updated_at'];

/**
 * How Return All splits a search bigger than the window: on the sort field, walking down (or up)
 * from the last record of each slice. Undefined when the search cannot be split: sorted on another
 * field, or the user's own filter on that field is not a range the bound can join.
 */
function slicingOf(body: IDataObject): { field: string; operator: '<=' | '>='; filter: IDataObject } | undefined {
	const field = String(body.order_field || 'created_at');
	if (!SLICE_FIELDS.includes(field)) return undefined;
	const filter = (body.filter ?? {}) as IDataObject;
	const own = filter[field];
	if (own !== undefined && own !== 'is_not_null' && (own === null || typeof own !== 'object' || Array.isArray(own))) return undefined;
	return { field, operator: body.order_type === 'asc' ? '>=' : '<=', filter };
}

/**
 * Return All past the window: one search per slice, each paged up to the window with the user's
 * filter plus `field <= last value seen` (`>=` when ascending). Records at the boundary value that
 * the previous slice returned are skipped, so ties are neither lost nor repeated.
 */
async function searchInSlices(
	this: IExecutePaginationFunctions,
	request: IHttpRequestOptions,
	slicing: NonNullable<ReturnType<typeof slicingOf>>,
): Promise<IDataObject[]> {
	const profile = { ...grinfi, pager: windowPager('first') };
	const { field, operator } = slicing;
	const own = slicing.filter[field];
	const all: IDataObject[] = [];
	let body = request.body as IDataObject;
	let boundary: unknown;
	let seenAtBoundary = new Set<unknown>();
	for (;;) {
		const { records } = await fetchPages(this, profile, { ...request, body }, Infinity, 'body');
		let fresh = 0;
		for (const record of records) {
			if (record[field] === boundary && seenAtBoundary.has(record.uuid)) continue;
			all.push(record);
			fresh++;
		}
		// A slice short of the window is the end of the search.
		if (records.length < SEARCH_WINDOW) return all;
		const last = records[records.length - 1][field];
		// The next slice would start with the same 10,000 records when this one holds a single value.
		if (!fresh || last === undefined || last === null || last === '' || last === boundary || records[0][field] === last) {
			throw new NodeOperationError(
				this.getNode(),
				`Contact search stops at 10,000 results (Grinfi's search window) and more than 10,000 contacts share the ${field} ${String(last)}${itemLabel(this, this.getItemIndex())}`,
				{ itemIndex: this.getItemIndex(), description: 'Narrow the filters so fewer contacts share one date, or sort by the other date (Options → Sort By).' },
			);
		}
		if (last !== boundary) seenAtBoundary = new Set();
		for (const record of records) if (record[field] === last) seenAtBoundary.add(record.uuid);
		boundary = last;
		const range = own !== undefined && typeof own === 'object' ? (own as IDataObject) : {};
		body = { ...(request.body as IDataObject), filter: { ...slicing.filter, [field]: { ...range, [operator]: last } } };
	}
}

async function searchWithinWindow(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const returnAll = this.getNodeParameter('returnAll', false) as boolean;
	const mode = this.getNodeParameter('searchOptions.beyondWindow', 'split') as BeyondWindow;
	const options = requestData.options as IHttpRequestOptions;
	const slicing = returnAll && mode === 'split' ? slicingOf((options.body ?? {}) as IDataObject) : undefined;
	if (slicing) {
		const item = this.getItemIndex();
		return (await searchInSlices.call(this, options, slicing)).map((json) => ({ json, pairedItem: { item } }));
	}
	const request = listRequest({ ...grinfi, pager: windowPager(returnAll && mode !== 'first' ? 'error' : 'first') }, 'body');
	let failure: unknown;
	try {
		return await request.call(this, requestData);
	} catch (error) {
		failure = error;
	}
	if (!(failure instanceof SearchWindowExceeded)) throw failure;
	const matched = failure.total !== undefined ? `these filters match ${failure.total.toLocaleString('en-US')}` : 'these filters match more';
	throw new NodeOperationError(
		this.getNode(),
		`Contact search stops at 10,000 results (Grinfi's search window) and ${matched}${itemLabel(this, this.getItemIndex())}`,
		{
			itemIndex: this.getItemIndex(),
			description:
				mode === 'split'
					? 'Return All reads past 10,000 by splitting the search on the date it is sorted by: sort by created_at or updated_at (Options → Sort By) without an exact-value filter on that date, narrow the filters, or set Options → More Than 10,000 Results to "Return the First 10,000".'
					: 'Narrow the filters (for example by list, pipeline stage or a created-date range) and run several searches, or set Options → More Than 10,000 Results to "Return the First 10,000".',
		},
	);
}

// ---------------------------------------------------------------------------------------------
// Find (lookup-one)

async function lookupBody(this: IExecuteSingleFunctions, options: IHttpRequestOptions): Promise<IHttpRequestOptions> {
	const by = this.getNodeParameter('findBy', 'linkedin') as string;
	const text = (name: string, label: string) => {
		const value = String(this.getNodeParameter(name, '') ?? '').trim();
		if (!value) throw parameterError(this, label, 'cannot be empty');
		return value;
	};
	const body: IDataObject =
		by === 'email'
			? { email: text('findEmail', 'Email') }
			: by === 'nameCompany'
				? { name: text('findName', 'Name'), company_name: text('findCompanyName', 'Company Name') }
				: { linkedin_id: text('findLinkedinId', 'LinkedIn URL or ID') };
	if (this.getNodeParameter('findOptions.disableAggregation', false)) body.disable_aggregation = true;
	return setBody(options, body);
}

const sendLookup = singleRequest(grinfi);

async function findContact(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	let failure: unknown;
	try {
		return await sendLookup.call(this, requestData);
	} catch (error) {
		failure = error;
	}
	if (!(failure instanceof NodeApiError) || failure.httpCode !== '404') throw failure;
	if (this.getNodeParameter('ifNotFound', 'empty') === 'empty') return [];
	const body = (requestData.options.body ?? {}) as IDataObject;
	const what = Object.entries(body)
		.filter(([key]) => key !== 'disable_aggregation')
		.map(([key, value]) => `${key} "${String(value)}"`)
		.join(' and ');
	throw new NodeOperationError(this.getNode(), `No Grinfi contact matches ${what}${itemLabel(this, this.getItemIndex())}`, {
		itemIndex: this.getItemIndex(),
		description: 'Set If Not Found to "Return Nothing" to continue without a result instead.',
	});
}

// ---------------------------------------------------------------------------------------------
// Create or Update (upsert): custom fields by name, checked against the team's custom fields.

/** The contact custom field names per execution and node: one lookup serves all items of a run. */
const fieldNamesOfRun = new Map<string, Promise<string[]>>();
const MAX_RUNS_REMEMBERED = 20;

function contactFieldNames(ctx: IExecuteSingleFunctions, baseURL?: string): Promise<string[]> {
	const lookup = async () => (await customFieldsOf(ctx as never, 'lead', baseURL)).map((f) => String(f.name));
	const executionId = ctx.getExecutionId();
	if (!executionId) return lookup();
	const key = `${executionId}\u0000${ctx.getNode().id}\u0000${baseURL ?? ''}`;
	let names = fieldNamesOfRun.get(key);
	if (!names) {
		names = lookup();
		// a failed lookup is not remembered: the next item asks again
		names.catch(() => fieldNamesOfRun.delete(key));
		fieldNamesOfRun.set(key, names);
		while (fieldNamesOfRun.size > MAX_RUNS_REMEMBERED) fieldNamesOfRun.delete(fieldNamesOfRun.keys().next().value as string);
	}
	return names;
}

async function customFieldsByName(this: IExecuteSingleFunctions, options: IHttpRequestOptions): Promise<IHttpRequestOptions> {
	const entries = ((this.getNodeParameter('customFields.field', []) as IDataObject[]) ?? []).filter(
		(entry) => String(entry.name ?? '').trim() !== '',
	);
	if (!entries.length) return options;
	const known = await contactFieldNames(this, options.baseURL);
	const values: IDataObject = {};
	for (const entry of entries) {
		const name = String(entry.name).trim();
		if (!known.includes(name)) {
			throw parameterError(
				this,
				'Custom Fields → Name',
				`"${name}" is not a contact custom field in Grinfi`,
				known.length ? `The contact custom fields are: ${known.join(', ')}. Create it with Custom Field → Create first.` : 'The team has no contact custom fields yet. Create one with Custom Field → Create first.',
			);
		}
		values[name] = entry.value ?? '';
	}
	return setBody(options, { custom_fields: values });
}

// ---------------------------------------------------------------------------------------------
// Count and mass action

async function countBody(this: IExecuteSingleFunctions, options: IHttpRequestOptions): Promise<IHttpRequestOptions> {
	const ids = idList(this.getNodeParameter('countIds', ''));
	if (ids.length) return setBody(options, { ids, all: false });
	const filter = buildFilter(this, CONTACT_FILTERS);
	return setBody(options, Object.keys(filter).length ? { all: true, filter } : { all: true });
}

export const CONTACT_MASS_ACTIONS = [
	{ name: 'Add Tag', value: 'contact_add_tags', description: 'Add one tag to the contacts' },
	{ name: 'Add to Automation', value: 'contact_add_to_flow', description: 'Enroll the contacts in an automation' },
	{ name: 'Cancel From Automations', value: 'contact_cancel_from_flows', description: 'Stop the contacts in the chosen automations' },
	{ name: 'Change List', value: 'contact_change_list', description: 'Move the contacts to another list' },
	{ name: 'Change Pipeline Stage', value: 'contact_change_pipeline_stage', description: 'Move the contacts to a pipeline stage' },
	{ name: 'Delete (Destructive)', value: 'contact_delete', description: 'Delete the contacts for good' },
	{ name: 'Export to CSV', value: 'contact_export_csv', description: 'Queue a CSV export of the contacts' },
	{ name: 'Mark Conversations Read', value: 'contact_mark_read', description: 'Mark the contacts’ conversations as read' },
	{ name: 'Remove Tag', value: 'contact_remove_tags', description: 'Remove one tag from the contacts' },
	{ name: 'Replace Tags', value: 'contact_replace_tags', description: 'Replace all tags of the contacts' },
	{ name: 'Set Custom Field', value: 'contact_change_custom_field', description: 'Set one custom field on the contacts' },
];

/** A destructive mass action needs the explicit confirmation before anything is sent. */
export function confirmDestructive(deleteType: string): (this: IExecuteSingleFunctions, options: IHttpRequestOptions) => Promise<IHttpRequestOptions> {
	return async function (this: IExecuteSingleFunctions, options: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		const type = this.getNodeParameter('massActionType', '') as string;
		if (type === deleteType && this.getNodeParameter('confirmDelete', false) !== true) {
			throw parameterError(this, 'Confirm Delete', 'must be on to delete records with a mass action', 'Deleting cannot be undone: turn on Confirm Delete to run it.');
		}
		return options;
	};
}

/** The payload fields of a mass action, each shown for the types that use it. */
function massPayloadFields(): INodeProperties[] {
	const forType = (...types: string[]) => show(R, 'massAction', { massActionType: types });
	return [
		crmBodyLocator('tag', 'massTagId', 'payload.tag_uuid', forType('contact_add_tags', 'contact_remove_tags'), 'Tag to add or remove'),
		{
			displayName: 'Tag Names or IDs',
			name: 'massTagIds',
			type: 'multiOptions',
			typeOptions: { loadOptionsMethod: 'getTagOptions' },
			default: [],
			required: true,
			displayOptions: forType('contact_replace_tags'),
			description: 'The tags the contacts keep (all others are removed). Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			routing: { send: { type: 'body', property: 'payload.tag_uuids' } },
		},
		crmBodyLocator('list', 'massListId', 'payload.list_uuid', forType('contact_change_list'), 'List to move the contacts to'),
		crmBodyLocator('contactStage', 'massStageId', 'payload.pipeline_stage_uuid', forType('contact_change_pipeline_stage'), 'Stage to move the contacts to'),
		{
			displayName: 'Custom Field Name or ID',
			name: 'massCustomFieldId',
			type: 'options',
			typeOptions: { loadOptionsMethod: 'getContactCustomFieldOptions' },
			default: '',
			required: true,
			displayOptions: forType('contact_change_custom_field'),
			description: 'Custom field to set. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			routing: { send: { type: 'body', property: 'payload.custom_field_uuid' } },
		},
		{
			displayName: 'Custom Field Value',
			name: 'massCustomFieldValue',
			type: 'string',
			default: '',
			displayOptions: forType('contact_change_custom_field'),
			description: 'Value to set; leave empty to clear the field',
			routing: { send: { type: 'body', property: 'payload.value', value: '={{ $value === "" ? null : $value }}' } },
		},
		{
			displayName: 'Automation Name or ID',
			name: 'massAutomationId',
			type: 'options',
			typeOptions: { loadOptionsMethod: 'getCrmAutomationOptions' },
			default: '',
			required: true,
			displayOptions: forType('contact_add_to_flow'),
			description: 'Automation to add the contacts to. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			routing: { send: { type: 'body', property: 'payload.flow_uuid' } },
		},
		{
			displayName: 'Automation Names or IDs',
			name: 'massAutomationIds',
			type: 'multiOptions',
			typeOptions: { loadOptionsMethod: 'getCrmAutomationOptions' },
			default: [],
			required: true,
			displayOptions: forType('contact_cancel_from_flows'),
			description: 'Automations to stop the contacts in. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			routing: { send: { type: 'body', property: 'payload.flow_uuids' } },
		},
		{
			displayName: 'Confirm Delete',
			name: 'confirmDelete',
			type: 'boolean',
			default: false,
			displayOptions: forType('contact_delete'),
			description: 'Whether you really want to delete every selected contact; this cannot be undone',
		},
	];
}

// ---------------------------------------------------------------------------------------------
// Operations

const contactOperations = operations(
	grinfi,
	R,
	[
		{ name: 'Count', value: 'count', action: 'Count contacts', description: 'Count the contacts matching filters or a list of IDs. Returns a number; read-only.', method: 'POST', retry: 'read', path: '/leads/api/leads/count', preSend: [countBody] },
		{ name: 'Create or Update', value: 'upsert', action: 'Create or update a contact', description: 'Create a new record, or update the current one if it already exists (upsert)', method: 'POST', retry: 'write', path: '/leads/api/leads/upsert', preSend: [customFieldsByName], postReceive: [unwrapRecord('lead')] },
		{ name: 'Delete', value: 'delete', action: 'Delete a contact', description: 'Delete a contact by ID (Grinfi removes it in the background). Changes data.', method: 'DELETE', path: '/leads/api/leads/{contactId}' },
		{ name: 'Enrich', value: 'enrich', action: 'Enrich contacts', description: 'Run advanced enrichment (emails, phones) on contacts chosen by ID or filters. Uses credits; changes data.', method: 'PUT', retry: 'action', path: '/leads/api/leads/advanced-enrichment', preSend: [sendSelection(CONTACT_FILTERS, 'contacts', 'uuidsOrFilter')] },
		{ name: 'Find', value: 'find', action: 'Find a contact', description: 'Find one contact by LinkedIn URL or ID, by email, or by name and company. Returns the contact, or nothing when none matches; read-only.', method: 'POST', retry: 'read', path: '/leads/api/leads/lookup-one', preSend: [lookupBody], postReceive: [unwrapRecord('lead')], send: findContact },
		{ name: 'Get', value: 'get', action: 'Get a contact', description: 'Get one contact by ID: name, emails, LinkedIn, company, position, list, stage and tags. Read-only.', method: 'GET', path: '/leads/api/leads/{contactId}', postReceive: [unwrapRecord('lead')] },
		{ name: 'Get Enrichment Metrics', value: 'getEnrichmentMetrics', action: 'Get enrichment usage metrics', description: 'Get how many enrichments the team used this month. Read-only.', method: 'POST', retry: 'read', path: '/leads/api/enrichment-queue/metrics' },
		{ name: 'Get Enrichment Queue', value: 'getEnrichmentQueue', action: 'Get the enrichment queue', description: 'List the contacts waiting for enrichment. Read-only.', method: 'GET', path: '/leads/api/enrichment-queue', list: 'qs' },
		{ name: 'Get Metrics', value: 'getMetrics', action: 'Get team engagement metrics', description: 'Get team-wide outreach totals (messages sent, replies…) for a period. Read-only.', method: 'POST', retry: 'read', path: '/leads/api/leads/metrics' },
		{ name: 'Mass Action', value: 'massAction', action: 'Run a mass action on contacts', description: 'Tag, move, enroll in an automation, export or delete many contacts at once, chosen by ID or filters. Changes data.', method: 'PUT', retry: 'action', path: '/leads/api/leads/mass-action', preSend: [confirmDestructive('contact_delete'), sendSelection(CONTACT_FILTERS, 'contacts')] },
		{ name: 'Search', value: 'search', action: 'Search contacts', description: 'Search contacts by a text (name, email, company, position…), list, pipeline stage, tags, statuses or dates. Returns one item per contact; read-only.', method: 'POST', retry: 'read', path: '/leads/api/leads/search', preSend: [sendFilter('body', CONTACT_FILTERS)], send: searchWithinWindow },
		{ name: 'Update', value: 'update', action: 'Update a contact', description: 'Change standard fields of a contact by ID (not custom fields). Returns the contact; changes data.', method: 'PUT', path: '/leads/api/leads/{contactId}', preSend: [requireSomeOf('updateFields', 'Update Fields')], postReceive: [unwrapRecord('lead')] },
	],
	'search',
);

const leadField = (displayName: string, name: string, description: string, placeholder?: string): INodeProperties =>
	sendOption({ displayName, name, type: 'string', default: '', description, ...(placeholder ? { placeholder } : {}) }, 'body', name);

/** Standard contact fields (PUT body and upsert `lead`). */
const standardFields = (): INodeProperties[] => [
	leadField('About', 'about', 'Profile summary'),
	leadField('Company Name', 'company_name', 'Current company'),
	leadField('Domain', 'domain', 'Company domain, used to find the email', 'e.g. acme.com'),
	leadField('Email', 'email', 'Email address', 'name@email.com'),
	leadField('First Name', 'first_name', 'Given name'),
	leadField('Headline', 'headline', 'LinkedIn headline'),
	leadField('Last Name', 'last_name', 'Family name'),
	leadField('LinkedIn Handle', 'linkedin', 'LinkedIn nickname, e.g. john-doe-123456'),
	leadField('LinkedIn Member ID', 'ln_id', 'Raw LinkedIn member ID (ACoAA…)'),
	leadField('Location', 'raw_address', 'Address as free text, e.g. Berlin, Germany'),
	leadField('Position', 'position', 'Job title'),
	leadField('Sales Navigator ID', 'sn_id', 'Raw Sales Navigator ID (ACwAA…)'),
];

const inLead = (field: INodeProperties): INodeProperties => ({
	...field,
	routing: { send: { type: 'body', property: `lead.${field.name}` } },
});

const METRICS = [
	{ name: 'Email Bounced', value: 'email_bounced_count' },
	{ name: 'Email Clicked', value: 'email_clicked_count' },
	{ name: 'Email Inbox', value: 'email_inbox_count' },
	{ name: 'Email Opened', value: 'email_opened_count' },
	{ name: 'Email Sent', value: 'email_sent_count' },
	{ name: 'Email Unsubscribed', value: 'email_unsubscribed_count' },
	{ name: 'LinkedIn Connection Requests Accepted', value: 'linkedin_connection_request_accepted_count' },
	{ name: 'LinkedIn Connection Requests Sent', value: 'linkedin_connection_request_sent_count' },
	{ name: 'LinkedIn Inbox', value: 'linkedin_inbox_count' },
	{ name: 'LinkedIn InMails Replied', value: 'linkedin_inmail_replied_count' },
	{ name: 'LinkedIn InMails Sent', value: 'linkedin_inmail_sent_count' },
	{ name: 'LinkedIn Messages Opened', value: 'linkedin_opened_count' },
	{ name: 'LinkedIn Messages Sent', value: 'linkedin_sent_count' },
];

const contactFields: INodeProperties[] = [
	crmLocator('contact', 'contactId', show(R, ['delete', 'get', 'update'])),

	// Find
	{
		displayName: 'Find By',
		name: 'findBy',
		type: 'options',
		options: [
			{ name: 'LinkedIn URL or ID', value: 'linkedin' },
			{ name: 'Email', value: 'email' },
			{ name: 'Name and Company', value: 'nameCompany' },
		],
		default: 'linkedin',
		displayOptions: show(R, 'find'),
		description: 'What identifies the contact',
	},
	{
		displayName: 'LinkedIn URL or ID',
		name: 'findLinkedinId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. https://www.linkedin.com/in/john-doe-123456',
		displayOptions: show(R, 'find', { findBy: ['linkedin'] }),
		description: 'Profile URL, Sales Navigator URL, nickname or member ID',
	},
	{
		displayName: 'Email',
		name: 'findEmail',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'name@email.com',
		displayOptions: show(R, 'find', { findBy: ['email'] }),
	},
	{
		displayName: 'Name',
		name: 'findName',
		type: 'string',
		default: '',
		required: true,
		displayOptions: show(R, 'find', { findBy: ['nameCompany'] }),
		description: 'Full name of the contact',
	},
	{
		displayName: 'Company Name',
		name: 'findCompanyName',
		type: 'string',
		default: '',
		required: true,
		displayOptions: show(R, 'find', { findBy: ['nameCompany'] }),
	},
	{
		displayName: 'If Not Found',
		name: 'ifNotFound',
		type: 'options',
		options: [
			{ name: 'Return Nothing', value: 'empty', description: 'Output no item for this input' },
			{ name: 'Stop With an Error', value: 'error', description: 'Fail the item, naming what was looked up' },
		],
		default: 'empty',
		displayOptions: show(R, 'find'),
		description: 'What to do when no contact matches',
	},
	{
		displayName: 'Options',
		name: 'findOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: show(R, 'find'),
		options: [
			{ displayName: 'Skip Aggregation', name: 'disableAggregation', type: 'boolean', default: false, description: 'Whether to skip the enrichment data aggregation (faster)' },
		],
	},

	// Search, enrichment queue
	...returnAllLimit(R, ['search', 'getEnrichmentQueue']).map((p) =>
		p.name === 'limit' ? { ...p, typeOptions: { minValue: 1, maxValue: SEARCH_WINDOW } } : p,
	),
	filterCollection(show(R, ['search', 'count']), CONTACT_FILTERS),
	{
		displayName: 'Options',
		name: 'searchOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: show(R, 'search'),
		options: [
			{
				displayName: 'More Than 10,000 Results',
				name: 'beyondWindow',
				type: 'options',
				options: [
					{ name: 'Return All (Split the Search)', value: 'split', description: 'Search in slices of the sort date (created_at or updated_at), each inside the window, and return every contact' },
					{ name: 'Stop With an Error', value: 'error', description: 'Fail before paging when the filters match more than 10,000' },
					{ name: 'Return the First 10,000', value: 'first', description: 'Page up to the search window and stop there' },
				],
				default: 'split',
				description: 'Grinfi contact search cannot page past 10,000 results; what Return All does then',
			},
			sendOption({ displayName: 'Skip Aggregation', name: 'disable_aggregation', type: 'boolean', default: false, description: 'Whether to skip the enrichment data aggregation (faster)' }, 'body', 'disable_aggregation'),
			sendOption({ displayName: 'Sort By', name: 'order_field', type: 'string', default: 'created_at', description: 'Contact field to sort by, e.g. created_at or updated_at' }, 'body', 'order_field'),
			sendOption({
				displayName: 'Sort Order',
				name: 'order_type',
				type: 'options',
				options: [
					{ name: 'Ascending', value: 'asc' },
					{ name: 'Descending', value: 'desc' },
				],
				default: 'desc',
			}, 'body', 'order_type'),
		],
	},

	// Count
	{
		displayName: 'Contact IDs',
		name: 'countIds',
		type: 'string',
		default: '',
		displayOptions: show(R, 'count'),
		description: 'Count only these contacts (comma-separated); leave empty to count by the filters (or all contacts)',
	},

	// Create or Update
	crmBodyLocator('list', 'listId', 'list_uuid', show(R, 'upsert'), 'List the contact is created in (and moved to, with Move to List)'),
	{
		displayName: 'LinkedIn URL or ID',
		name: 'leadLinkedinId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. https://www.linkedin.com/in/john-doe-123456',
		displayOptions: show(R, 'upsert'),
		description: 'Identifies the contact: profile URL, Sales Navigator URL, nickname or member ID',
		routing: { send: { type: 'body', property: 'lead.linkedin_id' } },
	},
	{
		displayName: 'Update If Exists',
		name: 'updateIfExists',
		type: 'boolean',
		default: true,
		displayOptions: show(R, 'upsert'),
		description: 'Whether to update the contact when it already exists (otherwise it is left as it is)',
		routing: { send: { type: 'body', property: 'update_if_exists' } },
	},
	{
		displayName: 'Move to List',
		name: 'moveToList',
		type: 'boolean',
		default: false,
		displayOptions: show(R, 'upsert'),
		description: 'Whether to move an existing contact into the list above',
		routing: { send: { type: 'body', property: 'move_to_list' } },
	},
	{
		displayName: 'Contact Fields',
		name: 'leadFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: show(R, 'upsert'),
		options: standardFields().map(inLead),
	},
	{
		displayName: 'Custom Fields',
		name: 'customFields',
		type: 'fixedCollection',
		placeholder: 'Add Custom Field',
		typeOptions: { multipleValues: true },
		default: {},
		displayOptions: show(R, 'upsert'),
		description: 'Custom field values by field name; a name Grinfi does not know stops the item before anything is sent',
		options: [
			{
				displayName: 'Field',
				name: 'field',
				values: [
					{
						displayName: 'Name or ID',
						name: 'name',
						type: 'options',
						typeOptions: { loadOptionsMethod: 'getContactCustomFieldNames' },
						default: '',
						description: 'Contact custom field. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
					},
					{ displayName: 'Value', name: 'value', type: 'string', default: '', description: 'Value to store' },
				],
			},
		],
	},

	// Update
	{
		displayName:
			'Update changes standard fields only: Grinfi drops custom fields sent here. To set custom fields use Create or Update (custom fields by name) or Custom Field → Set Value.',
		name: 'updateNotice',
		type: 'notice',
		default: '',
		displayOptions: show(R, 'update'),
	},
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: show(R, 'update'),
		options: [
			...standardFields().map((field) =>
				field.name === 'email'
					? { ...field, description: 'Grinfi accepts it here but does not save it (field notes: MCP-157); use Work Email or Personal Email instead' }
					: field,
			),
			// Not in the OpenAPI PUT body; grinfi-field-notes.md §4 "PUT /leads/api/leads/{uuid}": work_email / personal_email save (MCP-157), the phone numbers are accepted (GS-N8N).
			leadField('Personal Email', 'personal_email', 'Private email address (saves, unlike Email)', 'name@email.com'),
			leadField('Personal Phone', 'personal_phone_number', 'Private phone number'),
			leadField('Work Email', 'work_email', 'Business email address (saves, unlike Email)', 'name@email.com'),
			leadField('Work Phone', 'work_phone_number', 'Business phone number'),
		].sort((a, b) => a.displayName.localeCompare(b.displayName)),
	},

	// Mass action
	{
		displayName: 'Action',
		name: 'massActionType',
		type: 'options',
		options: CONTACT_MASS_ACTIONS,
		default: 'contact_add_tags',
		displayOptions: show(R, 'massAction'),
		description: 'What to do with the selected contacts',
		routing: { send: { type: 'body', property: 'type' } },
	},
	...massPayloadFields(),
	...selectionFields(R, ['massAction', 'enrich'], 'contact', CONTACT_FILTERS),

	// Metrics
	{
		displayName: 'Period From',
		name: 'periodFrom',
		type: 'dateTime',
		default: '',
		required: true,
		displayOptions: show(R, 'getMetrics'),
		description: 'Start of the period (inclusive)',
		routing: { send: { type: 'body', property: 'period_from' } },
	},
	{
		displayName: 'Period To',
		name: 'periodTo',
		type: 'dateTime',
		default: '',
		required: true,
		displayOptions: show(R, 'getMetrics'),
		description: 'End of the period (inclusive)',
		routing: { send: { type: 'body', property: 'period_to' } },
	},
	{
		displayName: 'Metrics',
		name: 'metrics',
		type: 'multiOptions',
		options: METRICS,
		default: ['linkedin_sent_count', 'email_sent_count'],
		required: true,
		displayOptions: show(R, 'getMetrics'),
		description: 'Totals to return',
		routing: { send: { type: 'body', property: 'metrics' } },
	},
	{
		displayName: 'Automation Names or IDs',
		name: 'metricsAutomations',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getCrmAutomationOptions' },
		default: [],
		displayOptions: show(R, 'getMetrics'),
		description: 'Only these automations; none means all. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		routing: { send: { type: 'body', property: 'flows' } },
	},
	{
		displayName: "Grinfi's reference says this endpoint ignores Filter and Group By today; they are sent for when it applies them",
		name: 'metricsNotice',
		type: 'notice',
		default: '',
		displayOptions: show(R, 'getMetrics'),
	},
	{
		displayName: 'Options',
		name: 'metricsOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: show(R, 'getMetrics'),
		options: [
			{
				displayName: 'Filter (JSON)',
				name: 'filter',
				type: 'json',
				default: '{}',
				description: 'Filter object, e.g. {"tags": ["…"]}. Grinfi ignores it today (documented for later).',
				routing: { send: { preSend: [sendJsonObject('metricsOptions.filter', 'filter', 'Options → Filter (JSON)')] } },
			},
			sendOption({
				displayName: 'Group By',
				name: 'group_by',
				type: 'options',
				options: ['date', 'flows', 'lists', 'pipeline_stages', 'sender_profiles', 'tags', 'workflows'].map((value) => ({
					name: value.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase()),
					value,
				})),
				default: 'sender_profiles',
				description: 'Group key. Grinfi does not change the response shape for it today.',
			}, 'body', 'group_by'),
		],
	},
	// Enrichment queue
	sortCollection(show(R, 'getEnrichmentQueue'), 'query', 'asc'),
];

/** Sends a JSON-object option as a body property, naming the field and the item when it is not valid JSON. */
function sendJsonObject(path: string, property: string, label: string): PreSendAction {
	return async function (this: IExecuteSingleFunctions, options: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		const value = parseJsonParameter(this, this.getNodeParameter(path, '{}'), label);
		if (Array.isArray(value)) throw parameterError(this, label, 'must be a JSON object, not an array');
		return setBody(options, { [property]: value });
	};
}

export const contact: GrinfiResource = {
	name: 'Contact',
	value: R,
	description: 'CRM contacts (leads): find, search, create or update, tag, enrich, mass actions',
	operations: contactOperations,
	fields: contactFields,
	pathParams: { contactId: { label: 'Contact', pattern: ID, patternHint: ID_HINT } },
};
