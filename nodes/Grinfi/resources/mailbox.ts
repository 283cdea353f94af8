import type { INodeProperties } from 'n8n-workflow';

import { operations, returnAllLimit, sendOption, show } from '../../shared/describe';
import { requireSomeOf } from '../../shared/request';
import type { FilterField } from '../filters';
import { filterCollection, sendFilter } from '../filters';
import { bodyLocator, optionalLocator, outreachLocator } from '../methods/outreach';
import { grinfi } from '../profile';
import { filterField, ID, ID_HINT } from './automation';
import { sortCollection } from '../sort';
import type { GrinfiResource } from './types';

const R = 'mailbox';

const MAILBOX_FILTERS: FilterField[] = [filterField('q', 'Search', 'q', 'string', 'Part of the address or sender name')];

/** SMTP and IMAP settings, sent as `connection_settings`. */
const connectionSettings: INodeProperties[] = [
	{ displayName: 'IMAP Host', name: 'imap_host', type: 'string', default: '', placeholder: 'e.g. imap.example.com', routing: { send: { type: 'body', property: 'connection_settings.imap_host' } } },
	{ displayName: 'IMAP Password', name: 'imap_password', type: 'string', typeOptions: { password: true }, default: '', routing: { send: { type: 'body', property: 'connection_settings.imap_password' } } },
	{ displayName: 'IMAP Port', name: 'imap_port', type: 'number', default: 993, routing: { send: { type: 'body', property: 'connection_settings.imap_port' } } },
	{ displayName: 'IMAP Username', name: 'imap_username', type: 'string', default: '', routing: { send: { type: 'body', property: 'connection_settings.imap_username' } } },
	{ displayName: 'SMTP Host', name: 'smtp_host', type: 'string', default: '', placeholder: 'e.g. smtp.example.com', routing: { send: { type: 'body', property: 'connection_settings.smtp_host' } } },
	{ displayName: 'SMTP Password', name: 'smtp_password', type: 'string', typeOptions: { password: true }, default: '', routing: { send: { type: 'body', property: 'connection_settings.smtp_password' } } },
	{ displayName: 'SMTP Port', name: 'smtp_port', type: 'number', default: 587, routing: { send: { type: 'body', property: 'connection_settings.smtp_port' } } },
	{ displayName: 'SMTP Username', name: 'smtp_username', type: 'string', default: '', routing: { send: { type: 'body', property: 'connection_settings.smtp_username' } } },
];

const limits = (): INodeProperties[] => [
	sendOption({ displayName: 'Daily Limit', name: 'automation_daily_limit', type: 'number', default: 50, description: 'Most automation emails a day' }, 'body', 'automation_daily_limit'),
	sendOption({ displayName: 'Seconds Between Emails', name: 'automation_task_interval', type: 'number', default: 120, description: 'Pause between two automation emails' }, 'body', 'automation_task_interval'),
];

const mailboxOperations = operations(
	grinfi,
	R,
	[
		{ name: 'Activate', value: 'activate', action: 'Activate a mailbox', description: 'Turn a mailbox on, so automations send from it. Changes data.', method: 'PUT', path: '/emails/api/mailboxes/{mailboxId}/activate' },
		{ name: 'Create', value: 'create', action: 'Create a mailbox', description: 'Connect a mailbox (SMTP and IMAP) to a sender profile. Changes data.', method: 'POST', path: '/emails/api/mailboxes' },
		{ name: 'Deactivate', value: 'deactivate', action: 'Deactivate a mailbox', description: 'Turn a mailbox off. Changes data.', method: 'PUT', path: '/emails/api/mailboxes/{mailboxId}/deactivate' },
		{ name: 'Delete', value: 'delete', action: 'Delete a mailbox', description: 'Delete a mailbox, optionally moving its automation emails to another. Changes data.', method: 'DELETE', path: '/emails/api/mailboxes/{mailboxId}' },
		{ name: 'Get', value: 'get', action: 'Get a mailbox', description: 'Get one mailbox by ID with its status and limits. Read-only.', method: 'GET', path: '/emails/api/mailboxes/{mailboxId}' },
		{ name: 'Get Errors', value: 'getErrors', action: 'Get many mailbox errors', description: 'List the send and sync errors of mailboxes. Read-only.', method: 'GET', path: '/emails/api/mailbox-errors', list: 'qs' },
		{ name: 'Get Many', value: 'getAll', action: 'Get many mailboxes', description: 'List the connected mailboxes. Read-only.', method: 'GET', path: '/emails/api/mailboxes', list: 'qs', preSend: [sendFilter('brackets', MAILBOX_FILTERS)] },
		{ name: 'Update', value: 'update', action: 'Update a mailbox', description: 'Change the sender name, limits or connection settings of a mailbox. Changes data.', method: 'PUT', path: '/emails/api/mailboxes/{mailboxId}', preSend: [requireSomeOf('updateFields', 'Update Fields')] },
	],
	'getAll',
);

const mailboxFields: INodeProperties[] = [
	outreachLocator('mailbox', 'mailboxId', show(R, ['activate', 'deactivate', 'delete', 'get', 'update'])),
	...returnAllLimit(R, ['getAll', 'getErrors']),
	sortCollection(show(R, ['getAll', 'getErrors']), 'query', 'asc'),
	filterCollection(show(R, 'getAll'), MAILBOX_FILTERS),
	{
		displayName: 'Filters',
		name: 'errorFilters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: show(R, 'getErrors'),
		options: [sendOption({ displayName: 'Search', name: 'search', type: 'string', default: '', description: 'Text to look for in the errors' }, 'query', 'search')],
	},

	// Create
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'name@email.com',
		displayOptions: show(R, 'create'),
		description: 'Address of the mailbox',
		routing: { send: { type: 'body', property: 'email' } },
	},
	{
		displayName: 'Sender Name',
		name: 'senderName',
		type: 'string',
		default: '',
		required: true,
		displayOptions: show(R, 'create'),
		description: 'Name shown as the sender',
		routing: { send: { type: 'body', property: 'sender_name' } },
	},
	bodyLocator('senderProfile', 'senderProfileId', 'sender_profile_uuid', show(R, 'create'), 'Sender profile the mailbox belongs to'),
	{
		displayName: 'Connection Settings',
		name: 'connectionSettings',
		type: 'collection',
		placeholder: 'Add Setting',
		default: {},
		displayOptions: show(R, 'create'),
		options: connectionSettings,
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: show(R, 'create'),
		options: [
			...limits(),
			sendOption({ displayName: 'Provider', name: 'provider', type: 'string', default: '', placeholder: 'e.g. smtp', description: 'Mail provider of the mailbox' }, 'body', 'provider'),
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
			sendOption({ displayName: 'Custom Tracking Domain ID', name: 'custom_tracking_domain_uuid', type: 'string', default: '', description: 'UUID of the tracking domain for opens and clicks' }, 'body', 'custom_tracking_domain_uuid'),
			limits()[0],
			...connectionSettings.slice(0, 4),
			limits()[1],
			sendOption({ displayName: 'Sender Name', name: 'sender_name', type: 'string', default: '', description: 'New sender name' }, 'body', 'sender_name'),
			...connectionSettings.slice(4),
		],
	},

	// Delete
	{
		displayName: 'Reassign Automation Emails',
		name: 'reassign',
		type: 'boolean',
		default: false,
		displayOptions: show(R, 'delete'),
		description: 'Whether to move the automation emails of this mailbox to another mailbox',
		routing: { send: { type: 'body', property: 'automation_reassign_mailboxes' } },
	},
	{
		...optionalLocator('mailbox', 'reassignMailboxId', 'Mailbox that takes over the automation emails', 'automation_mailbox_to_reassign', 'Reassign To Mailbox'),
		required: true,
		displayOptions: show(R, 'delete', { reassign: [true] }),
	},
];

export const mailbox: GrinfiResource = {
	name: 'Mailbox',
	value: R,
	description: 'Connected email accounts (SMTP/IMAP)',
	operations: mailboxOperations,
	fields: mailboxFields,
	pathParams: { mailboxId: { label: 'Mailbox', pattern: ID, patternHint: ID_HINT } },
};
