import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import { operations, returnAllLimit, sendOption, show } from '../../shared/describe';
import { parameterError } from '../../shared/request';
import type { FilterField } from '../filters';
import { filterCollection, sendFilter } from '../filters';
import { bodyLocator } from '../methods/outreach';
import { grinfi } from '../profile';
import { filterField, ID, ID_HINT, idList, sendIdList } from './automation';
import { sortCollection } from '../sort';
import type { GrinfiResource } from './types';

const R = 'email';

const EMAIL_FILTERS: FilterField[] = [
	filterField('flow_uuid', 'Automation Name or ID', 'flow_uuid', 'options', 'Only emails of this automation. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.', { loadOptionsMethod: 'getAutomationOptions' }),
	filterField('lead_uuid', 'Contact ID', 'lead_uuid', 'string', 'Only emails with this contact'),
	filterField('type', 'Direction', 'type', 'options', 'Received or sent', { options: [{ name: 'Inbox (Received)', value: 'inbox' }, { name: 'Outbox (Sent)', value: 'outbox' }] }),
	filterField('folder', 'Folder', 'folder', 'string', 'Mailbox folder'),
	filterField('from_email', 'From Email', 'from_email', 'string', 'Sender address'),
	filterField('mailbox_uuid', 'Mailbox Name or ID', 'mailbox_uuid', 'options', 'Only emails of this mailbox. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.', { loadOptionsMethod: 'getMailboxOptions' }),
	filterField('flow_node_id', 'Node ID', 'flow_node_id', 'number', 'Only emails made by this step of the automation'),
	filterField('sent_from', 'Sent From', 'sent_at', 'string', 'Sent on or after this date or time, e.g. 2026-07-01', { operator: '>=' }),
	filterField('sent_to', 'Sent To', 'sent_at', 'string', 'Sent on or before this date or time', { operator: '<=' }),
	filterField('status', 'Status', 'status', 'string', 'E.g. sent (by an automation) or sync (synced from the mailbox)'),
	filterField('template_uuid', 'Template ID', 'template_uuid', 'string', 'Only emails written from this template'),
	filterField('thread_uuid', 'Thread ID', 'thread_uuid', 'string', 'Only emails of this thread'),
	filterField('to_email', 'To Email', 'to_email', 'string', 'Recipient address'),
];

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The body the OpenAPI file gives: flat from/to fields, cc/bcc as address arrays, attachments as {uuid}. */
async function emailBody(this: IExecuteSingleFunctions, options: IHttpRequestOptions): Promise<IHttpRequestOptions> {
	const body = { ...((options.body as IDataObject) ?? {}) };
	const to = String(body.to_email ?? '').trim();
	if (!to) throw parameterError(this, 'To Email', 'is required: an email needs a recipient');
	if (!EMAIL.test(to)) throw parameterError(this, 'To Email', `is not an email address: "${to}"`);
	if (!String(body.from_email ?? '').trim()) throw parameterError(this, 'From Email', 'is required (the address of a connected mailbox)');
	if (!String(body.subject ?? '').trim()) throw parameterError(this, 'Subject', 'cannot be empty');
	body.to_email = to;
	const extra = this.getNodeParameter('additionalFields', {}) as IDataObject;
	for (const key of ['cc', 'bcc'] as const) {
		const list = idList(extra[key]);
		const bad = list.find((address) => !EMAIL.test(address));
		if (bad) throw parameterError(this, `Additional Fields → ${key.toUpperCase()}`, `has an address that is not valid: "${bad}"`);
		if (list.length) body[key] = list;
	}
	return { ...options, body };
}

const emailOperations = operations(
	grinfi,
	R,
	[
		{ name: 'Delete', value: 'delete', action: 'Delete an email', description: 'Delete an email by ID. Changes data.', method: 'DELETE', path: '/emails/api/emails/{emailId}' },
		{ name: 'Get', value: 'get', action: 'Get an email', description: 'Get one email by ID: sender, recipient, subject, status and dates, without its body. Read-only.', method: 'GET', path: '/emails/api/emails/{emailId}' },
		{ name: 'Get Body', value: 'getBody', action: 'Get an email body', description: 'Get the HTML body of an email by its email_body_uuid. Read-only.', method: 'GET', path: '/emails/api/email-bodies/{emailBodyId}' },
		{ name: 'Get Latest by Contacts', value: 'getLatestByContacts', action: 'Get the latest email of contacts', description: 'Get the most recent email with each of the given contacts. Read-only.', method: 'POST', retry: 'read', path: '/emails/api/emails/latest-by-leads', preSend: [sendIdList('contactIds', 'lead_uuids', 'Contact IDs', { required: true })] },
		{ name: 'Get Many', value: 'getAll', action: 'Get many emails', description: 'List emails, filtered by automation, mailbox, contact, direction, status or dates. Read-only.', method: 'GET', path: '/emails/api/emails', list: 'qs', preSend: [sendFilter('brackets', EMAIL_FILTERS)] },
		{ name: 'Get Many Bodies', value: 'getBodies', action: 'Get many email bodies', description: 'List email bodies. Read-only.', method: 'GET', path: '/emails/api/email-bodies', list: 'qs' },
		{ name: 'Get Thread', value: 'getThread', action: 'Get the thread of an email', description: 'Get the conversation a reply email belongs to. Read-only.', method: 'GET', path: '/emails/api/emails/{emailId}/thread' },
		{ name: 'Get Thread for LLM', value: 'getLlmThread', action: 'Get an email thread formatted for an LLM', description: 'Get the email conversation between a sender profile and a contact as text formatted for AI. Read-only.', method: 'POST', retry: 'read', path: '/emails/api/emails/llm-thread' },
		{ name: 'Send', value: 'send', action: 'Send an email', description: 'Send an email to a contact from a connected mailbox, with a subject and a body. Sends a real email.', method: 'POST', path: '/emails/api/emails/send-email', preSend: [emailBody, sendIdList('additionalFields.attachmentIds', 'attachments', 'Additional Fields → Attachment IDs', { objects: true })] },
	],
	'getAll',
);

const emailFields: INodeProperties[] = [
	{
		displayName: 'Email ID',
		name: 'emailId',
		type: 'string',
		default: '',
		required: true,
		displayOptions: show(R, ['delete', 'get', 'getThread']),
		description: 'UUID of the email',
	},
	{
		displayName: 'Email Body ID',
		name: 'emailBodyId',
		type: 'string',
		default: '',
		required: true,
		displayOptions: show(R, 'getBody'),
		description: 'UUID of the body (email_body_uuid of an email)',
	},
	...returnAllLimit(R, ['getAll', 'getBodies']),
	sortCollection(show(R, ['getAll', 'getBodies']), 'query', 'asc'),
	filterCollection(show(R, 'getAll'), EMAIL_FILTERS),
	{
		displayName: 'Filters',
		name: 'bodyFilters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: show(R, 'getBodies'),
		options: [sendOption({ displayName: 'Search', name: 'search', type: 'string', default: '', description: 'Text to look for in subjects and bodies' }, 'query', 'search')],
	},

	// Send
	bodyLocator('senderProfile', 'senderProfileId', 'sender_profile_uuid', show(R, ['getLlmThread', 'send']), 'Sender profile the email is sent as'),
	bodyLocator('contact', 'contactId', 'lead_uuid', show(R, ['getLlmThread', 'send']), 'Contact the email is for'),
	{
		displayName: 'From Email Name or ID',
		name: 'fromEmail',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getMailboxAddressOptions' },
		default: '',
		required: true,
		displayOptions: show(R, 'send'),
		description: 'Mailbox the email goes out from (its address). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		routing: { send: { type: 'body', property: 'from_email' } },
	},
	{
		displayName: 'From Name',
		name: 'fromName',
		type: 'string',
		default: '',
		required: true,
		displayOptions: show(R, 'send'),
		description: 'Sender name shown to the recipient',
		routing: { send: { type: 'body', property: 'from_name' } },
	},
	{
		displayName: 'To Email',
		name: 'toEmail',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'name@email.com',
		displayOptions: show(R, 'send'),
		description: 'Recipient address',
		routing: { send: { type: 'body', property: 'to_email' } },
	},
	{
		displayName: 'To Name',
		name: 'toName',
		type: 'string',
		default: '',
		required: true,
		displayOptions: show(R, 'send'),
		description: 'Recipient name',
		routing: { send: { type: 'body', property: 'to_name' } },
	},
	{
		displayName: 'Subject',
		name: 'subject',
		type: 'string',
		default: '',
		required: true,
		displayOptions: show(R, 'send'),
		description: 'Subject line',
		routing: { send: { type: 'body', property: 'subject' } },
	},
	{
		displayName: 'Body',
		name: 'body',
		type: 'string',
		typeOptions: { rows: 6 },
		default: '',
		displayOptions: show(R, 'send'),
		description: 'Email body; HTML is supported',
		routing: { send: { type: 'body', property: 'body' } },
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: show(R, 'send'),
		options: [
			{ displayName: 'Attachment IDs', name: 'attachmentIds', type: 'string', default: '', description: 'Comma-separated UUIDs of uploaded attachments (Attachment → Upload)' },
			{ displayName: 'BCC', name: 'bcc', type: 'string', default: '', description: 'Comma-separated blind-copy addresses' },
			{ displayName: 'CC', name: 'cc', type: 'string', default: '', description: 'Comma-separated copy addresses' },
		],
	},

	// Latest by contacts
	{
		displayName: 'Contact IDs',
		name: 'contactIds',
		type: 'string',
		default: '',
		required: true,
		displayOptions: show(R, 'getLatestByContacts'),
		description: 'Comma-separated contact UUIDs (or an array from an expression)',
	},

	// Thread for LLM (sender and contact above)
	{
		displayName: 'Contact Name',
		name: 'contactName',
		type: 'string',
		default: '',
		required: true,
		displayOptions: show(R, 'getLlmThread'),
		description: 'Name of the contact, used to label their messages',
		routing: { send: { type: 'body', property: 'lead_name' } },
	},
	{
		displayName: 'Options',
		name: 'threadOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: show(R, 'getLlmThread'),
		options: [
			sendOption({ displayName: 'Max Emails', name: 'limit', type: 'string', default: '', description: 'Most emails to include (sent as text, as Grinfi expects)' }, 'body', 'limit'),
			sendOption({ displayName: 'Sent Within Days', name: 'sent_at_recency_in_days', type: 'number', default: 30, description: 'Only emails sent in the last so many days' }, 'body', 'sent_at_recency_in_days'),
		],
	},
];

export const email: GrinfiResource = {
	name: 'Email',
	value: R,
	description: 'Emails sent and received through connected mailboxes',
	operations: emailOperations,
	fields: emailFields,
	pathParams: {
		emailId: { label: 'Email ID', pattern: ID, patternHint: ID_HINT },
		emailBodyId: { label: 'Email Body ID', pattern: ID, patternHint: ID_HINT },
	},
};
