import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
	INodeProperties,
	PreSendAction,
} from 'n8n-workflow';

import { operations, returnAllLimit, sendOption, show } from '../../shared/describe';
import { parameterError, parseJsonParameter } from '../../shared/request';
import type { FilterField } from '../filters';
import { filterCollection, sendFilter } from '../filters';
import { bodyLocator, optionalLocator, outreachLocator } from '../methods/outreach';
import { grinfi } from '../profile';
import { sortCollection } from '../sort';
import type { GrinfiResource } from './types';

// ---------------------------------------------------------------------------------------------
// Helpers shared by the outreach resources.

export const ID = /^[0-9a-zA-Z-]{8,}$/;
export const ID_HINT = 'a Grinfi ID';

/** IDs typed as a comma-separated list (or given as an array by an expression). */
export function idList(value: unknown): string[] {
	const list = Array.isArray(value) ? value : String(value ?? '').split(/[\s,]+/);
	return list.map((v) => String(v).trim()).filter(Boolean);
}

/** Whole numbers typed as a comma-separated list; anything else is refused with the field name. */
export function integerList(ctx: IExecuteSingleFunctions, value: unknown, field: string): number[] {
	return idList(value).map((v) => {
		if (!/^\d+$/.test(v)) throw parameterError(ctx, field, `must be whole numbers separated by commas, got "${v}"`);
		return Number(v);
	});
}

function setBody(options: IHttpRequestOptions, values: IDataObject): IHttpRequestOptions {
	return { ...options, body: { ...((options.body as IDataObject) ?? {}), ...values } };
}

/** Sends a list parameter (comma-separated IDs) as an array property of the body. */
export function sendIdList(parameter: string, property: string, label: string, opts: { required?: boolean; objects?: boolean } = {}): PreSendAction {
	return async function (this: IExecuteSingleFunctions, options: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		const ids = idList(this.getNodeParameter(parameter, ''));
		if (!ids.length) {
			if (opts.required) throw parameterError(this, label, 'needs at least one ID');
			return options;
		}
		return setBody(options, { [property]: opts.objects ? ids.map((uuid) => ({ uuid })) : ids });
	};
}

/**
 * Sends a JSON parameter (a top-level parameter or `collection.key`) as a body property,
 * naming the field and the item when it is not valid JSON. Left blank, nothing is sent.
 */
export function sendJson(path: string, property: string, label: string, opts: { array?: boolean; required?: boolean } = {}): PreSendAction {
	return async function (this: IExecuteSingleFunctions, options: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		const raw = this.getNodeParameter(path, '') as unknown;
		if (raw === undefined || raw === '' || raw === null) {
			if (opts.required) throw parameterError(this, label, 'is required');
			return options;
		}
		const value = parseJsonParameter(this, raw, label);
		if (opts.array !== undefined && Array.isArray(value) !== opts.array) {
			throw parameterError(this, label, opts.array ? 'must be a JSON array' : 'must be a JSON object');
		}
		return setBody(options, { [property]: value });
	};
}

/** A JSON field inside a collection; sent by `sendJson('collection.name', …)`. */
export function jsonOption(displayName: string, name: string, description: string, fallback = '{}'): INodeProperties {
	return { displayName, name, type: 'json', default: fallback, description };
}

/** A filter field (positional, so the collection builder supplies the defaults). */
export function filterField(
	name: string,
	displayName: string,
	field: string,
	type: FilterField['type'],
	description: string,
	extra: Partial<Pick<FilterField, 'operator' | 'options' | 'loadOptionsMethod'>> = {},
): FilterField {
	return { name, displayName, field, type, description, ...extra };
}

// ---------------------------------------------------------------------------------------------
// Working-hours schedule (automations and sender profiles).

const DAYS = [
	{ name: 'Friday', value: 5 },
	{ name: 'Monday', value: 1 },
	{ name: 'Saturday', value: 6 },
	{ name: 'Sunday', value: 0 },
	{ name: 'Thursday', value: 4 },
	{ name: 'Tuesday', value: 2 },
	{ name: 'Wednesday', value: 3 },
];

/** Timezone, days and the daily window in minutes from midnight. */
export function scheduleFields(resource: string, operation: string, extra: IDataObject = {}): INodeProperties[] {
	const displayOptions = show(resource, operation, extra as never);
	return [
		{
			displayName: 'Schedule Timezone',
			name: 'scheduleTimezone',
			type: 'string',
			default: 'UTC',
			placeholder: 'e.g. Europe/Berlin',
			displayOptions,
			description: 'IANA timezone the working hours are in',
		},
		{
			displayName: 'Schedule Days',
			name: 'scheduleDays',
			type: 'multiOptions',
			options: DAYS,
			default: [1, 2, 3, 4, 5],
			displayOptions,
			description: 'Days of the week on which steps run',
		},
		{
			displayName: 'Schedule Start (Minutes From Midnight)',
			name: 'scheduleStart',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 1439 },
			default: 540,
			displayOptions,
			description: 'Start of the daily window, e.g. 540 = 09:00',
		},
		{
			displayName: 'Schedule End (Minutes From Midnight)',
			name: 'scheduleEnd',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 1440 },
			default: 1080,
			displayOptions,
			description: 'End of the daily window, e.g. 1080 = 18:00; must be after the start',
		},
		{
			displayName: "Use Contact's Timezone",
			name: 'useContactTimezone',
			type: 'boolean',
			default: false,
			displayOptions,
			description: "Whether to apply the window in each contact's own timezone instead",
		},
	];
}

/** Builds Grinfi's schedule object from the schedule fields, refusing an empty or inverted window. */
export function buildSchedule(ctx: IExecuteSingleFunctions): IDataObject {
	const timezone = String(ctx.getNodeParameter('scheduleTimezone', 'UTC') ?? '').trim();
	const days = (ctx.getNodeParameter('scheduleDays', []) as Array<number | string>).map(Number);
	const min = Number(ctx.getNodeParameter('scheduleStart', 540));
	const max = Number(ctx.getNodeParameter('scheduleEnd', 1080));
	if (!timezone) throw parameterError(ctx, 'Schedule Timezone', 'is required');
	if (!days.length) throw parameterError(ctx, 'Schedule Days', 'needs at least one day');
	for (const [field, value] of [
		['Schedule Start (Minutes From Midnight)', min],
		['Schedule End (Minutes From Midnight)', max],
	] as const) {
		if (!Number.isInteger(value) || value < 0 || value > 1440) {
			throw parameterError(ctx, field, `must be a whole number of minutes from 0 to 1440, got ${value}`);
		}
	}
	if (min >= max) {
		throw parameterError(
			ctx,
			'Schedule Start (Minutes From Midnight)',
			`must be before Schedule End: got start ${min} ≥ end ${max}`,
			'The daily window runs from the start minute to the end minute, e.g. 540 (09:00) to 1080 (18:00).',
		);
	}
	return {
		timezone,
		use_lead_timezone: ctx.getNodeParameter('useContactTimezone', false) as boolean,
		timeblocks: [...days].sort((a, b) => a - b).map((dow) => ({ dow, min, max })),
	};
}

/** Puts the schedule into the body (under `property`), when `onlyIf` names a true boolean parameter or always. */
export function sendSchedule(property = 'schedule', onlyIf?: string): PreSendAction {
	return async function (this: IExecuteSingleFunctions, options: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		if (onlyIf && !this.getNodeParameter(onlyIf, false)) return options;
		return setBody(options, { [property]: buildSchedule(this) });
	};
}

// ---------------------------------------------------------------------------------------------
// Automation (flow)

const R = 'automation';

const STATUSES = [
	{ name: 'Archived', value: 'archived' },
	{ name: 'Draft', value: 'draft' },
	{ name: 'Off', value: 'off' },
	{ name: 'On', value: 'on' },
];

export const AUTOMATION_FILTERS: FilterField[] = [
	filterField('q', 'Search', 'q', 'string', 'Part of the automation name'),
	filterField('status', 'Status', 'status', 'multiOptions', 'Only automations in these statuses', { options: STATUSES }),
	// Not in the OpenAPI's filter; grinfi-field-notes.md §"GET /flows/api/flows": GetSales docs list filter[flow_workspace_uuid].
	filterField('flow_workspace_uuid', 'Folder ID', 'flow_workspace_uuid', 'string', 'Only automations in this folder'),
];

async function requireUpdate(this: IExecuteSingleFunctions, options: IHttpRequestOptions): Promise<IHttpRequestOptions> {
	const fields = this.getNodeParameter('updateFields', {}) as IDataObject;
	if (!Object.keys(fields).length && !this.getNodeParameter('updateSchedule', false)) {
		throw parameterError(this, 'Update Fields', 'needs at least one field (or turn on Update Schedule)');
	}
	return options;
}

/** Flow-contact filter: Grinfi accepts only flow_uuid, lead_uuid and status, each as an array. */
async function flowContactFilter(this: IExecuteSingleFunctions, options: IHttpRequestOptions): Promise<IHttpRequestOptions> {
	const values = this.getNodeParameter('flowContactFilters', {}) as IDataObject;
	const filter: IDataObject = {};
	for (const [name, key] of [
		['automationIds', 'flow_uuid'],
		['contactIds', 'lead_uuid'],
		['statuses', 'status'],
	] as const) {
		const list = idList(values[name]);
		if (list.length) filter[key] = list;
	}
	if (!Object.keys(filter).length) return options;
	return setBody(options, { filter });
}

/** 204 means the contact was created and added; 200 `{reason: "skipped"}` means it was not. */
async function addResult(this: IExecuteSingleFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const automation = this.getNodeParameter('automationId', '', { extractValue: true }) as string;
	return items.map((item) => {
		const json = item.json ?? {};
		const skipped = json.reason === 'skipped';
		const { success, ...rest } = json;
		void success;
		return { ...item, json: { ...rest, added: !skipped, skipped, automationUuid: automation } };
	});
}

/** Statistics bodies: node or contact-source IDs as whole numbers. */
function sendIntegers(parameter: string, property: string, label: string): PreSendAction {
	return async function (this: IExecuteSingleFunctions, options: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		const ids = integerList(this, this.getNodeParameter(parameter, ''), label);
		if (!ids.length) throw parameterError(this, label, 'needs at least one ID');
		return setBody(options, { [property]: ids });
	};
}

async function executedRange(this: IExecuteSingleFunctions, options: IHttpRequestOptions): Promise<IHttpRequestOptions> {
	const from = this.getNodeParameter('statisticsOptions.executedFrom', '') as string;
	const to = this.getNodeParameter('statisticsOptions.executedTo', '') as string;
	if (!from && !to) return options;
	const range: IDataObject = {};
	if (from) range['>='] = from;
	if (to) range['<='] = to;
	return setBody(options, { filter: { executed_at: range } });
}

const automationOperations = operations(
	grinfi,
	R,
	[
		{ name: 'Add Contact', value: 'addContact', action: 'Add a contact to an automation', description: 'Add an existing contact to an automation (needs both IDs); the automation then starts contacting the person. Changes data.', method: 'POST', path: '/flows/api/flows/{automationId}/leads/{contactId}' },
		{ name: 'Archive', value: 'archive', action: 'Archive an automation', description: 'Archive an automation by ID. Changes data.', method: 'PUT', path: '/flows/api/flows/{automationId}/archive' },
		{ name: 'Cancel Contact', value: 'cancelContact', action: 'Cancel a contact from automations', description: 'Stop one contact in the chosen automations; no further steps are sent to the person. Changes data.', method: 'PUT', path: '/flows/api/flows/leads/{contactId}/cancel', preSend: [sendIdList('cancelAutomationIds', 'flow_uuids', 'Automations', { required: true })] },
		{ name: 'Cancel Contact From All', value: 'cancelContactFromAll', action: 'Cancel a contact from all automations', description: 'Stop one contact in every automation; no further steps are sent to the person. Changes data.', method: 'PUT', path: '/flows/api/flows/leads/{contactId}/cancel-all' },
		{ name: 'Clone', value: 'clone', action: 'Clone an automation', description: 'Copy an automation under a new name; the copy is stopped. Returns the copy; changes data.', method: 'POST', path: '/flows/api/flows/clone' },
		{ name: 'Create', value: 'create', action: 'Create an automation', description: 'Create an automation in draft status, without steps yet. Returns it with its ID; changes data.', method: 'POST', path: '/flows/api/flows', preSend: [sendSchedule()] },
		{ name: 'Create Contact and Add', value: 'createContact', action: 'Create a contact and add it to an automation', description: 'Create a contact in a list and add it to an automation in one call; the automation then starts contacting the person. Changes data.', method: 'POST', path: '/flows/api/flows/{automationId}/add-new-lead', preSend: [sendJson('contactOptions.custom_fields', 'custom_fields', 'Options → Custom Fields (JSON)', { array: false })], postReceive: [addResult] },
		{ name: 'Delete', value: 'delete', action: 'Delete an automation', description: 'Delete an automation by ID, permanently. Changes data and cannot be undone.', method: 'DELETE', path: '/flows/api/flows/{automationId}' },
		{ name: 'Delete Contact History', value: 'deleteContactHistory', action: 'Erase the automation history of a contact', description: 'Erase a contact’s enrollment history in automations, so it can be enrolled again. Changes data.', method: 'DELETE', path: '/flows/api/flows/leads/{contactId}' },
		{ name: 'Get', value: 'get', action: 'Get an automation', description: 'Get one automation by ID: name, status, folder and schedule. Read-only.', method: 'GET', path: '/flows/api/flows/{automationId}' },
		{ name: 'Get Contact Source Statistics', value: 'getContactSourceStatistics', action: 'Get contact source statistics of an automation', description: 'Get the funnel per contact source (audience) of an automation. Read-only.', method: 'POST', retry: 'read', path: '/flows/api/flows/{automationId}/statistics/contact-sources', preSend: [sendIntegers('contactSourceIds', 'contact_source_ids', 'Contact Source IDs')] },
		{ name: 'Get Contacts', value: 'getContacts', action: 'Get many automation contacts', description: 'List the contacts enrolled in automations, with their status in each. Read-only.', method: 'POST', retry: 'read', path: '/flows/api/flows-leads/list', list: 'body', preSend: [flowContactFilter] },
		{ name: 'Get Many', value: 'getAll', action: 'Get many automations', description: 'List automations with their status. Read-only.', method: 'GET', path: '/flows/api/flows', list: 'qs', preSend: [sendFilter('brackets', AUTOMATION_FILTERS)] },
		{ name: 'Get Metrics', value: 'getMetrics', action: 'Get metrics of automations', description: 'Get contact counts and the pending task queue of automations. Read-only.', method: 'POST', retry: 'read', path: '/flows/api/flows/metrics', preSend: [sendIdList('metricsAutomationIds', 'uuids', 'Automations', { required: true })] },
		{ name: 'Get Node Statistics', value: 'getNodeStatistics', action: 'Get step statistics of an automation', description: 'Get the funnel per step (node) of an automation. Read-only.', method: 'POST', retry: 'read', path: '/flows/api/flows/{automationId}/statistics/nodes', preSend: [sendIntegers('nodeIds', 'node_ids', 'Node IDs'), executedRange] },
		{ name: 'Start', value: 'start', action: 'Start an automation', description: 'Start (turn on) an automation by ID; it begins sending to its contacts. Changes data.', method: 'PUT', path: '/flows/api/flows/{automationId}/start' },
		{ name: 'Stop', value: 'stop', action: 'Stop an automation', description: 'Stop (turn off) an automation by ID; it stops sending. Changes data.', method: 'PUT', path: '/flows/api/flows/{automationId}/stop' },
		{ name: 'Unarchive', value: 'unarchive', action: 'Unarchive an automation', description: 'Restore an archived automation by ID. Changes data.', method: 'PUT', path: '/flows/api/flows/{automationId}/unarchive' },
		{ name: 'Update', value: 'update', action: 'Update an automation', description: 'Rename an automation or change its description or schedule. Changes data.', method: 'PUT', path: '/flows/api/flows/{automationId}', preSend: [requireUpdate, sendSchedule('schedule', 'updateSchedule')] },
	],
	'getAll',
);

const contactFields: INodeProperties[] = [
	{ displayName: 'About', name: 'about', type: 'string', default: '', routing: { send: { type: 'body', property: 'lead.about' } } },
	{ displayName: 'Company Domain', name: 'domain', type: 'string', default: '', routing: { send: { type: 'body', property: 'lead.domain' } } },
	{ displayName: 'Company Name', name: 'company_name', type: 'string', default: '', routing: { send: { type: 'body', property: 'lead.company_name' } } },
	{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'name@email.com', default: '', routing: { send: { type: 'body', property: 'lead.email' } } },
	{ displayName: 'First Name', name: 'first_name', type: 'string', default: '', routing: { send: { type: 'body', property: 'lead.first_name' } } },
	{ displayName: 'Headline', name: 'headline', type: 'string', default: '', routing: { send: { type: 'body', property: 'lead.headline' } } },
	{ displayName: 'Last Name', name: 'last_name', type: 'string', default: '', routing: { send: { type: 'body', property: 'lead.last_name' } } },
	{ displayName: 'LinkedIn Handle', name: 'linkedin', type: 'string', default: '', description: 'LinkedIn nickname, e.g. john-doe-123456 (a deduplication key)', routing: { send: { type: 'body', property: 'lead.linkedin' } } },
	{ displayName: 'LinkedIn Member ID', name: 'ln_id', type: 'string', default: '', description: 'Raw LinkedIn member ID (ACoAA…), a deduplication key', routing: { send: { type: 'body', property: 'lead.ln_id' } } },
	{ displayName: 'Location', name: 'raw_address', type: 'string', default: '', routing: { send: { type: 'body', property: 'lead.raw_address' } } },
	{ displayName: 'Position', name: 'position', type: 'string', default: '', routing: { send: { type: 'body', property: 'lead.position' } } },
	{ displayName: 'Sales Navigator ID', name: 'sn_id', type: 'string', default: '', description: 'Raw Sales Navigator ID (ACwAA…), a deduplication key', routing: { send: { type: 'body', property: 'lead.sn_id' } } },
];

const automationFields: INodeProperties[] = [
	outreachLocator('automation', 'automationId', show(R, ['addContact', 'archive', 'createContact', 'delete', 'get', 'getContactSourceStatistics', 'getNodeStatistics', 'start', 'stop', 'unarchive', 'update'])),
	outreachLocator('contact', 'contactId', show(R, ['addContact', 'cancelContact', 'cancelContactFromAll', 'deleteContactHistory'])),

	// Get Many
	...returnAllLimit(R, 'getAll'),
	sortCollection(show(R, 'getAll'), 'query', 'asc'),
	filterCollection(show(R, 'getAll'), AUTOMATION_FILTERS),

	// Create
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		displayOptions: show(R, 'create'),
		description: 'Name of the automation',
		routing: { send: { type: 'body', property: 'name' } },
	},
	{
		displayName: "Use Sender's Schedule",
		name: 'useSenderSchedule',
		type: 'boolean',
		default: false,
		displayOptions: show(R, 'create'),
		description: "Whether each step runs in its sender profile's working hours; the schedule below is still sent (Grinfi requires it) but ignored",
		routing: { send: { type: 'body', property: 'use_sender_schedule' } },
	},
	...scheduleFields(R, 'create'),
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: show(R, 'create'),
		options: [
			sendOption({ displayName: 'Description', name: 'description', type: 'string', default: '', description: 'Description of the automation' }, 'body', 'description'),
			optionalLocator('folder', 'flow_workspace_uuid', 'Folder to put the automation in', 'flow_workspace_uuid'),
			sendOption({ displayName: 'Is Public', name: 'is_public', type: 'boolean', default: true, description: 'Whether the whole team can see the automation' }, 'body', 'is_public'),
			sendOption({ displayName: 'Priority', name: 'priority', type: 'number', default: 2, description: 'Higher runs first (Grinfi default 2)' }, 'body', 'priority'),
		],
	},

	// Update
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: show(R, 'update'),
		options: [
			sendOption({ displayName: 'Description', name: 'description', type: 'string', default: '', description: 'New description' }, 'body', 'description'),
			sendOption({ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'New name' }, 'body', 'name'),
		],
	},
	{
		displayName: 'Update Schedule',
		name: 'updateSchedule',
		type: 'boolean',
		default: false,
		displayOptions: show(R, 'update'),
		description: 'Whether to replace the working-hours schedule',
	},
	...scheduleFields(R, 'update', { updateSchedule: [true] }),

	// Clone
	bodyLocator('automation', 'sourceAutomationId', 'flow_uuid', show(R, 'clone'), 'The automation to copy', 'Automation to Clone'),
	{
		displayName: 'New Name',
		name: 'cloneName',
		type: 'string',
		default: '',
		required: true,
		displayOptions: show(R, 'clone'),
		description: 'Name of the copy',
		routing: { send: { type: 'body', property: 'name' } },
	},
	{
		displayName: 'Additional Fields',
		name: 'cloneFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: show(R, 'clone'),
		options: [optionalLocator('folder', 'flow_workspace_uuid', 'Folder to put the copy in', 'flow_workspace_uuid')],
	},

	// Get Contacts (flow leads)
	...returnAllLimit(R, 'getContacts'),
	{
		displayName: 'Filters',
		name: 'flowContactFilters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: show(R, 'getContacts'),
		options: [
			{ displayName: 'Automation IDs', name: 'automationIds', type: 'string', default: '', description: 'Comma-separated automation IDs' },
			{ displayName: 'Contact IDs', name: 'contactIds', type: 'string', default: '', description: 'Comma-separated contact IDs' },
			{ displayName: 'Statuses', name: 'statuses', type: 'string', default: '', placeholder: 'e.g. in_progress, finished', description: 'Comma-separated enrollment statuses' },
		],
	},

	// Metrics
	{
		displayName: 'Automation Names or IDs',
		name: 'metricsAutomationIds',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getAutomationOptions' },
		default: [],
		required: true,
		displayOptions: show(R, 'getMetrics'),
		description: 'Automations to report on. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},

	// Statistics
	{
		displayName: 'Node IDs',
		name: 'nodeIds',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 2, 3, 6',
		displayOptions: show(R, 'getNodeStatistics'),
		description: "Comma-separated step IDs (the numeric node IDs of the automation's active version)",
	},
	{
		displayName: 'Options',
		name: 'statisticsOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: show(R, 'getNodeStatistics'),
		options: [
			{ displayName: 'Executed From', name: 'executedFrom', type: 'string', default: '', placeholder: 'e.g. 2026-07-01', description: 'Only count tasks executed on or after this date' },
			{ displayName: 'Executed To', name: 'executedTo', type: 'string', default: '', placeholder: 'e.g. 2026-07-31', description: 'Only count tasks executed on or before this date' },
		],
	},
	{
		displayName: 'Contact Source IDs',
		name: 'contactSourceIds',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 1, 2',
		displayOptions: show(R, 'getContactSourceStatistics'),
		description: "Comma-separated contact source IDs (the numeric contact source IDs of the automation's version)",
	},

	// Add an existing contact
	{
		displayName: 'Options',
		name: 'addOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: show(R, 'addContact'),
		options: [
			// Not in the OpenAPI (no body documented); grinfi-field-notes.md §"POST /flows/api/flows/{flowUuid}/leads/{leadUuid}": GS-N8N flow.ts sends it.
			sendOption({ displayName: 'Contact Source ID', name: 'contact_source_id', type: 'number', default: 1, description: 'Contact source (audience) of the automation to add the contact through' }, 'body', 'contact_source_id'),
		],
	},

	// Create a contact and add it
	{
		displayName: 'LinkedIn ID or URL',
		name: 'linkedinId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. https://www.linkedin.com/in/john-doe-123456',
		displayOptions: show(R, 'createContact'),
		description: 'Profile URL, Sales Navigator URL, nickname or LinkedIn member ID of the new contact',
		routing: { send: { type: 'body', property: 'lead.linkedin_id' } },
	},
	bodyLocator('list', 'listId', 'list_uuid', show(R, 'createContact'), 'List the new contact is created in'),
	{
		displayName: 'Contact Fields',
		name: 'contactFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: show(R, 'createContact'),
		options: contactFields,
	},
	{
		displayName: 'Options',
		name: 'contactOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: show(R, 'createContact'),
		options: [
			jsonOption('Custom Fields (JSON)', 'custom_fields', 'Custom field values as a JSON object, e.g. {"field_position": "CTO"}'),
			sendOption({ displayName: 'Automation Segment', name: 'flow_segment_id', type: 'number', default: 1, description: 'Segment of the automation the contact enters' }, 'body', 'flow_segment_id'),
			sendOption({ displayName: 'Move To List', name: 'move_to_list', type: 'boolean', default: false, description: 'Whether to move an existing contact to the list' }, 'body', 'move_to_list'),
			sendOption({ displayName: 'Skip If Contact Exists', name: 'skip_if_lead_exists', type: 'boolean', default: false, description: 'Whether to skip (not add) a contact that already exists; the item then says skipped' }, 'body', 'skip_if_lead_exists'),
			sendOption({ displayName: 'Update If Contact Exists', name: 'update_lead_if_exists', type: 'boolean', default: true, description: 'Whether to update an existing contact with these fields' }, 'body', 'update_lead_if_exists'),
		],
	},

	// Cancel a contact from some automations
	{
		displayName: 'Automation Names or IDs',
		name: 'cancelAutomationIds',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getAutomationOptions' },
		default: [],
		required: true,
		displayOptions: show(R, 'cancelContact'),
		description: 'Automations to stop the contact in. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
];

export const automation: GrinfiResource = {
	name: 'Automation',
	value: R,
	description: 'Outreach sequences (flows), their contacts and statistics',
	operations: automationOperations,
	fields: automationFields,
	pathParams: {
		automationId: { label: 'Automation', pattern: ID, patternHint: ID_HINT },
		contactId: { label: 'Contact', pattern: ID, patternHint: ID_HINT },
	},
};
