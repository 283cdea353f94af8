import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import { operations, returnAllLimit, sendOption, show } from '../../shared/describe';
import { parameterError } from '../../shared/request';
import type { FilterField } from '../filters';
import { filterCollection, sendFilter } from '../filters';
import { bodyLocator, optionalLocator } from '../methods/outreach';
import { grinfi } from '../profile';
import { filterField, ID, ID_HINT, sendIdList } from './automation';
import { sortCollection } from '../sort';
import type { GrinfiResource } from './types';

const R = 'linkedinMessage';

const DIRECTIONS = [
	{ name: 'Inbox (Received)', value: 'inbox' },
	{ name: 'Outbox (Sent)', value: 'outbox' },
];
const MESSAGE_STATUSES = [
	{ name: 'Done', value: 'done' },
	{ name: 'Failed', value: 'failed' },
	{ name: 'In Progress', value: 'in_progress' },
	{ name: 'New', value: 'new' },
];

const MESSAGE_FILTERS: FilterField[] = [
	// automation, linkedin_conversation_uuid, linkedin_type: not in the OpenAPI's filter; grinfi-field-notes.md §"GET /flows/api/linkedin-messages" (GetSales docs, MCP-157, GS-N8N).
	filterField('automation', 'Automation Mode', 'automation', 'options', 'Sent by an automation, by hand, or synced from LinkedIn', { options: [{ name: 'Auto', value: 'auto' }, { name: 'Manual', value: 'manual' }, { name: 'Synced', value: 'synced' }] }),
	filterField('lead_uuid', 'Contact ID', 'lead_uuid', 'string', 'Only messages with this contact'),
	filterField('linkedin_conversation_uuid', 'Conversation ID', 'linkedin_conversation_uuid', 'string', 'Only messages of this conversation'),
	filterField('linkedin_type', 'LinkedIn Type', 'linkedin_type', 'options', 'Kind of LinkedIn message', { options: [{ name: 'Connection Note', value: 'connection_note' }, { name: 'InMail', value: 'InMail' }, { name: 'Message', value: 'message' }] }),
	filterField('q', 'Search', 'q', 'string', 'Text to look for'),
	filterField('sender_profile_uuid', 'Sender Profile Name or ID', 'sender_profile_uuid', 'options', 'Only messages of this sender. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.', { loadOptionsMethod: 'getSenderProfileOptions' }),
	filterField('status', 'Status', 'status', 'options', 'Delivery status', { options: MESSAGE_STATUSES }),
	filterField('type', 'Direction', 'type', 'options', 'Received or sent', { options: DIRECTIONS }),
];

const COUNT_FILTERS: FilterField[] = [
	filterField('lead_uuid', 'Contact ID', 'lead_uuid', 'string', 'Only messages with this contact'),
	filterField('sent_from', 'Sent From', 'sent_at', 'string', 'Sent on or after this date or time, e.g. 2026-07-01', { operator: '>=' }),
	filterField('sent_to', 'Sent To', 'sent_at', 'string', 'Sent on or before this date or time', { operator: '<=' }),
	filterField('sender_profile_uuid', 'Sender Profile Name or ID', 'sender_profile_uuid', 'options', 'Only messages of this sender. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.', { loadOptionsMethod: 'getSenderProfileOptions' }),
	filterField('status', 'Status', 'status', 'options', 'Delivery status', { options: MESSAGE_STATUSES }),
	filterField('type', 'Direction', 'type', 'options', 'Received (replies) or sent', { options: DIRECTIONS }),
];

async function textOrTemplate(this: IExecuteSingleFunctions, options: IHttpRequestOptions): Promise<IHttpRequestOptions> {
	const body = (options.body as IDataObject) ?? {};
	const text = String(body.text ?? '').trim();
	if (!text && !body.template_uuid) throw parameterError(this, 'Text', 'cannot be empty unless an AI template is chosen');
	if (text.length > 8000) throw parameterError(this, 'Text', `is ${text.length} characters, more than the 8000 LinkedIn allows`);
	if (!text) delete body.text;
	return { ...options, body };
}

const messageOperations = operations(
	grinfi,
	R,
	[
		{ name: 'Delete', value: 'delete', action: 'Delete a LinkedIn message', description: 'Delete a LinkedIn message by ID. Changes data.', method: 'DELETE', path: '/flows/api/linkedin-messages/{linkedinMessageId}' },
		{ name: 'Get Group Counts', value: 'getGroupCounts', action: 'Count LinkedIn messages by a field', description: 'Count LinkedIn messages per status, direction, sender or LinkedIn account. Read-only.', method: 'POST', retry: 'read', path: '/flows/api/linkedin-messages/group-counts', preSend: [sendFilter('body', COUNT_FILTERS, { name: 'countFilters' })] },
		{ name: 'Get Many', value: 'getAll', action: 'Get many LinkedIn messages', description: 'List LinkedIn messages of the unified inbox, filtered by contact, sender, direction or status. Read-only.', method: 'GET', path: '/flows/api/linkedin-messages', list: 'qs', preSend: [sendFilter('brackets', MESSAGE_FILTERS)] },
		{ name: 'Retry', value: 'retry', action: 'Retry a failed LinkedIn message', description: 'Send a failed LinkedIn message again. Sends a real message.', method: 'PUT', retry: 'action', path: '/flows/api/linkedin-messages/{linkedinMessageId}/retry' },
		{ name: 'Send', value: 'send', action: 'Send a LinkedIn message', description: 'Send a LinkedIn message (or InMail) to a contact from a sender profile; needs the contact ID, the sender profile ID and the text. Sends a real message (queued by Grinfi).', method: 'POST', path: '/flows/api/linkedin-messages', preSend: [textOrTemplate, sendIdList('additionalFields.attachmentIds', 'attachments', 'Additional Fields → Attachment IDs', { objects: true })] },
	],
	'getAll',
);

const messageFields: INodeProperties[] = [
	{
		displayName: 'LinkedIn Message ID',
		name: 'linkedinMessageId',
		type: 'string',
		default: '',
		required: true,
		displayOptions: show(R, ['delete', 'retry']),
		description: 'UUID of the message',
	},
	...returnAllLimit(R, 'getAll'),
	sortCollection(show(R, 'getAll'), 'query', 'asc'),
	filterCollection(show(R, 'getAll'), MESSAGE_FILTERS),
	{
		displayName: 'Group By',
		name: 'groupField',
		type: 'options',
		options: [
			{ name: 'Direction', value: 'type' },
			{ name: 'LinkedIn Account', value: 'linkedin_account_uuid' },
			{ name: 'Sender Profile', value: 'sender_profile_uuid' },
			{ name: 'Status', value: 'status' },
		],
		default: 'status',
		displayOptions: show(R, 'getGroupCounts'),
		description: 'Field the counts are broken down by (replies per sender: Sender Profile with Direction = Inbox)',
		routing: { send: { type: 'body', property: 'group_field' } },
	},
	filterCollection(show(R, 'getGroupCounts'), COUNT_FILTERS, 'countFilters'),

	// Send
	bodyLocator('senderProfile', 'senderProfileId', 'sender_profile_uuid', show(R, 'send'), 'Sender profile (LinkedIn account) that sends the message'),
	bodyLocator('contact', 'contactId', 'lead_uuid', show(R, 'send'), 'Contact to write to'),
	{
		displayName: 'Text',
		name: 'text',
		type: 'string',
		typeOptions: { rows: 5 },
		default: '',
		displayOptions: show(R, 'send'),
		description: 'Message text (max 8000 characters); may be empty when an AI template is chosen',
		routing: { send: { type: 'body', property: 'text' } },
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: show(R, 'send'),
		options: [
			optionalLocator('aiTemplate', 'template_uuid', 'AI template that writes or completes the message', 'template_uuid', 'AI Template'),
			{ displayName: 'Attachment IDs', name: 'attachmentIds', type: 'string', default: '', description: 'Comma-separated UUIDs of uploaded attachments (Attachment → Upload)' },
			// subject, linkedin_messenger_type: not in the OpenAPI; grinfi-field-notes.md §"POST /flows/api/linkedin-messages" (MCP-005, GS-N8N).
			sendOption({ displayName: 'InMail Subject', name: 'subject', type: 'string', default: '', description: 'Subject of an InMail (Sales Navigator), max 511 characters' }, 'body', 'subject'),
			sendOption({ displayName: 'Messenger', name: 'linkedin_messenger_type', type: 'options', options: [{ name: 'LinkedIn', value: 'basic' }, { name: 'Sales Navigator (InMail)', value: 'sn' }], default: 'basic', description: 'Send through LinkedIn or Sales Navigator' }, 'body', 'linkedin_messenger_type'),
		],
	},
];

export const linkedinMessage: GrinfiResource = {
	name: 'LinkedIn Message',
	value: R,
	description: 'LinkedIn messages and InMails of the unified inbox',
	operations: messageOperations,
	fields: messageFields,
	pathParams: { linkedinMessageId: { label: 'LinkedIn Message ID', pattern: ID, patternHint: ID_HINT } },
};
