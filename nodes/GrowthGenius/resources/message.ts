import type { INodeProperties } from 'n8n-workflow';

import { operations, returnAllLimit, sendOption, show } from '../../shared/describe';
import { requireSomeOf, requireText } from '../../shared/request';
import { dateRange, deleted, growthGenius, limitLocally, wrapBody } from '../profile';
import { contactIdOption, contactLocator, messageLocator, updatedBetween } from './common';

export const messageOperations = operations(
	growthGenius,
	'message',
	[
		{ name: 'Create', value: 'create', action: 'Create a message', description: 'Record a message sent to a contact (it is not sent); GrowthGenius never deduplicates. Changes data.', method: 'POST', path: '/integrations/v1/messages', preSend: [requireText('messageType', 'Message Type'), wrapBody('message', 'create')] },
		{ name: 'Delete', value: 'delete', action: 'Delete a message', description: 'Delete a message by ID. Changes data.', method: 'DELETE', path: '/integrations/v1/messages/{messageId}', postReceive: [deleted('messageId')] },
		{ name: 'Get', value: 'get', action: 'Get a message', description: 'Get one message by its numeric ID. Read-only.', method: 'GET', path: '/integrations/v1/messages/{messageId}' },
		{ name: 'Get Many', value: 'getAll', action: 'Get many messages', description: 'List the messages updated between two times (From is required). Read-only.', method: 'GET', path: '/integrations/v1/messages', preSend: [dateRange], postReceive: [limitLocally] },
		{ name: 'Update', value: 'update', action: 'Update a message', description: 'Change fields of a message by ID. Changes data.', method: 'PATCH', path: '/integrations/v1/messages/{messageId}', preSend: [requireSomeOf('updateFields', 'Update Fields'), wrapBody('message', 'update')] },
	],
	'create',
);

const renderedSubject = () =>
	sendOption({ displayName: 'Rendered Subject', name: 'rendered_subject', type: 'string', description: 'Subject line as sent (empty for messages without one)', default: '' }, 'body', 'rendered_subject');
const sentAt = () => sendOption({ displayName: 'Sent At', name: 'sent_at', type: 'dateTime', description: 'When the message was sent', default: '' }, 'body', 'sent_at');
const teamId = () => sendOption({ displayName: 'Team ID', name: 'team_id', type: 'string', placeholder: 'e.g. 1', description: 'Numeric ID of the team', default: '' }, 'body', 'team_id');
const senderId = () =>
	sendOption({ displayName: 'Sender User ID', name: 'user_id', type: 'string', placeholder: 'e.g. 78', description: 'Numeric ID of the user who sent the message', default: '' }, 'body', 'user_id');

export const messageFields: INodeProperties[] = [
	{
		displayName: 'GrowthGenius never deduplicates on Create: running this twice records the message twice.',
		name: 'dedupeNotice',
		type: 'notice',
		default: '',
		displayOptions: show('message', 'create'),
	},
	messageLocator(show('message', ['delete', 'get', 'update'])),
	{
		...contactLocator(show('message', 'create'), 'The contact the message was sent to'),
		default: { mode: 'list', value: '' },
		routing: { send: { type: 'body', property: 'contact_id', propertyInDotNotation: false } },
	},
	{
		displayName: 'Message Type',
		name: 'messageType',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. sales_force_message',
		displayOptions: show('message', 'create'),
		description: 'Kind of message as GrowthGenius names it, e.g. sales_force_message',
		routing: { send: { type: 'body', property: 'message_type', propertyInDotNotation: false } },
	},
	{
		displayName: 'Rendered Copy',
		name: 'renderedCopy',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		displayOptions: show('message', 'create'),
		description: 'The message body as sent',
		routing: { send: { type: 'body', property: 'rendered_copy', propertyInDotNotation: false } },
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: show('message', 'create'),
		options: [renderedSubject(), senderId(), sentAt(), teamId()],
	},
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: show('message', 'update'),
		description: 'The fields to change; a field added but left empty is cleared',
		options: [
			contactIdOption(),
			sendOption({ displayName: 'Message Type', name: 'message_type', type: 'string', placeholder: 'e.g. sales_force_message', default: '' }, 'body', 'message_type'),
			sendOption({ displayName: 'Rendered Copy', name: 'rendered_copy', type: 'string', typeOptions: { rows: 4 }, default: '' }, 'body', 'rendered_copy'),
			renderedSubject(),
			senderId(),
			sentAt(),
			teamId(),
		],
	},
	...updatedBetween('message'),
	...returnAllLimit('message', 'getAll'),
];
