import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import { operations, returnAllLimit, sendOption, show } from '../../shared/describe';
import { parameterError, parseJsonParameter } from '../../shared/request';
import { bodyLocator, outreachLocator } from '../methods/outreach';
import { grinfi } from '../profile';
import { ID, ID_HINT } from './automation';
import type { GrinfiResource } from './types';

const R = 'webhook';

export const WEBHOOK_EVENTS = [
	{ name: 'Contact Accepted LinkedIn Connection Request', value: 'contact_accepted_linkedin_connection_request' },
	{ name: 'Contact Clicked Email', value: 'contact_clicked_email' },
	{ name: 'Contact Created', value: 'contact_created' },
	{ name: 'Contact Deleted', value: 'contact_deleted' },
	{ name: 'Contact Enriched', value: 'contact_enriched' },
	{ name: 'Contact Exported', value: 'contact_exported' },
	{ name: 'Contact Opened Email', value: 'contact_opened_email' },
	{ name: 'Contact Pipeline Stage Changed', value: 'contact_pipeline_stage_changed' },
	{ name: 'Contact Replied Email', value: 'contact_replied_email' },
	{ name: 'Contact Replied LinkedIn InMail', value: 'contact_replied_linkedin_inmail' },
	{ name: 'Contact Replied LinkedIn Message', value: 'contact_replied_linkedin_message' },
	{ name: 'Contact Tag Added', value: 'contact_tag_added' },
	{ name: 'Contact Unsubscribed Email', value: 'contact_unsubscribed_email' },
	{ name: 'Contact Updated', value: 'contact_updated' },
	{ name: 'Email Bounced', value: 'email_bounced' },
	{ name: 'Sender Profile Sent Email', value: 'sender_profile_sent_email' },
	{ name: 'Sender Profile Sent LinkedIn Connection Request', value: 'sender_profile_sent_linkedin_connection_request' },
	{ name: 'Sender Profile Sent LinkedIn InMail', value: 'sender_profile_sent_linkedin_inmail' },
	{ name: 'Sender Profile Sent LinkedIn Message', value: 'sender_profile_sent_linkedin_message' },
];

const METHODS = ['DELETE', 'GET', 'PATCH', 'POST', 'PUT'].map((m) => ({ name: m, value: m }));
const STATUS = [
	{ name: 'Off', value: 'off' },
	{ name: 'On', value: 'on' },
];

/** `filters` is a jsonLogic object or null; blank means null (no filter). */
function sendFilters(collection: string | undefined, name: string, label: string) {
	return async function (this: IExecuteSingleFunctions, options: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		const values = collection ? (this.getNodeParameter(collection, {}) as IDataObject) : { [name]: this.getNodeParameter(name, '') };
		if (!(name in values)) return options;
		const raw = values[name];
		let filters: IDataObject | null = null;
		if (raw !== undefined && raw !== null && !(typeof raw === 'string' && !raw.trim())) {
			const parsed = parseJsonParameter(this, raw, label);
			if (Array.isArray(parsed)) throw parameterError(this, label, 'must be a JSON object or empty');
			filters = Object.keys(parsed).length ? parsed : null;
		}
		return { ...options, body: { ...((options.body as IDataObject) ?? {}), filters } };
	};
}

function targetUrl(parameter: string, label: string) {
	return async function (this: IExecuteSingleFunctions, options: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		const url = String(this.getNodeParameter(parameter, '') ?? '').trim();
		if (!url) return options;
		if (!/^https?:\/\/\S+$/i.test(url)) throw parameterError(this, label, `must be an http(s) URL, got "${url}"`);
		return options;
	};
}

const webhookOperations = operations(
	grinfi,
	R,
	[
		{ name: 'Create', value: 'create', action: 'Create a webhook', description: 'Have Grinfi call a URL when an event happens (one event per webhook). Changes data.', method: 'POST', path: '/integrations/api/webhooks', preSend: [targetUrl('targetUrl', 'Target URL'), sendFilters(undefined, 'filters', 'Filters (JSON)')] },
		{ name: 'Delete', value: 'delete', action: 'Delete a webhook', description: 'Delete a webhook by ID. Changes data.', method: 'DELETE', path: '/integrations/api/webhooks/{webhookId}' },
		{ name: 'Get', value: 'get', action: 'Get a webhook', description: 'Get one webhook by ID. Read-only.', method: 'GET', path: '/integrations/api/webhooks/{webhookId}' },
		{ name: 'Get Many', value: 'getAll', action: 'Get many webhooks', description: 'List the webhooks. Read-only.', method: 'GET', path: '/integrations/api/webhooks', list: 'unpaged' },
		{ name: 'Test', value: 'test', action: 'Test a webhook', description: 'Send a sample payload of an event to a URL and return its answer. Sends a request to that URL.', method: 'POST', path: '/integrations/api/webhooks/test', preSend: [targetUrl('testTargetUrl', 'Target URL')] },
		{ name: 'Update', value: 'update', action: 'Update a webhook', description: 'Change a webhook or turn it on or off. Changes data.', method: 'PUT', path: '/integrations/api/webhooks/{webhookId}', preSend: [updateCheck, targetUrl('updateFields.target_url', 'Update Fields → Target URL'), sendFilters('updateFields', 'filters', 'Update Fields → Filters (JSON)')] },
	],
	'getAll',
);

async function updateCheck(this: IExecuteSingleFunctions, options: IHttpRequestOptions): Promise<IHttpRequestOptions> {
	const fields = this.getNodeParameter('updateFields', {}) as IDataObject;
	if (!Object.keys(fields).length) throw parameterError(this, 'Update Fields', 'needs at least one field');
	return options;
}

const webhookFields: INodeProperties[] = [
	outreachLocator('webhook', 'webhookId', show(R, ['delete', 'get', 'update'])),
	...returnAllLimit(R, 'getAll'),

	// Create
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		displayOptions: show(R, 'create'),
		description: 'Name of the webhook',
		routing: { send: { type: 'body', property: 'name' } },
	},
	{
		displayName: 'Event',
		name: 'event',
		type: 'options',
		options: WEBHOOK_EVENTS,
		default: 'contact_replied_linkedin_message',
		required: true,
		displayOptions: show(R, ['create', 'test']),
		description: 'The event that calls the URL',
		routing: { send: { type: 'body', property: 'event' } },
	},
	{
		displayName: 'Target URL',
		name: 'targetUrl',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'https://example.com/hook?token=secret',
		displayOptions: show(R, 'create'),
		description: 'URL Grinfi calls; Grinfi signs nothing, so put a secret in the query string and check it',
		routing: { send: { type: 'body', property: 'target_url' } },
	},
	{
		displayName: 'Request Method',
		name: 'requestMethod',
		type: 'options',
		options: METHODS,
		default: 'POST',
		displayOptions: show(R, ['create', 'test']),
		description: 'HTTP method of the call',
		routing: { send: { type: 'body', property: 'request_method' } },
	},
	{
		displayName: 'Status',
		name: 'status',
		type: 'options',
		options: STATUS,
		default: 'on',
		displayOptions: show(R, 'create'),
		description: 'Whether the webhook is active',
		routing: { send: { type: 'body', property: 'status' } },
	},
	{
		displayName: 'Filters (JSON)',
		name: 'filters',
		type: 'json',
		default: '',
		displayOptions: show(R, 'create'),
		description: 'Optional jsonLogic filter object, e.g. {"jsonLogic": {...}}; empty sends null (every event)',
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
			sendOption({ displayName: 'Event', name: 'event', type: 'options', options: WEBHOOK_EVENTS, default: 'contact_replied_linkedin_message', description: "New event. Grinfi's reference lists 19 events for creating a webhook but only 4 for this update (Contact Replied Email, Contact Replied LinkedIn Message, Contact Exported, Contact Enriched); the create list is the newer one. If Grinfi refuses another event here, create a new webhook with it and delete this one." }, 'body', 'event'),
			{ displayName: 'Filters (JSON)', name: 'filters', type: 'json', default: '', description: 'New jsonLogic filter object; empty removes the filter' },
			sendOption({ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'New name' }, 'body', 'name'),
			sendOption({ displayName: 'Request Method', name: 'request_method', type: 'options', options: METHODS, default: 'POST', description: 'New HTTP method' }, 'body', 'request_method'),
			sendOption({ displayName: 'Status', name: 'status', type: 'options', options: STATUS, default: 'on', description: 'Turn the webhook on or off' }, 'body', 'status'),
			sendOption({ displayName: 'Target URL', name: 'target_url', type: 'string', default: '', description: 'New URL' }, 'body', 'target_url'),
		],
	},

	// Test
	bodyLocator('webhook', 'testWebhookId', 'uuid', show(R, 'test'), 'Webhook to test', 'Webhook'),
	{
		displayName: 'Target URL',
		name: 'testTargetUrl',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'https://example.com/hook?token=secret',
		displayOptions: show(R, 'test'),
		description: 'URL to send the sample payload to (usually the webhook’s own)',
		routing: { send: { type: 'body', property: 'target_url' } },
	},
];

export const webhook: GrinfiResource = {
	name: 'Webhook',
	value: R,
	description: 'Webhooks that call a URL on Grinfi events',
	operations: webhookOperations,
	fields: webhookFields,
	pathParams: { webhookId: { label: 'Webhook', pattern: ID, patternHint: ID_HINT } },
};
