import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import { operations, returnAllLimit, sendOption, show } from '../../shared/describe';
import { parameterError } from '../../shared/request';
import type { FilterField } from '../filters';
import { filterCollection, sendFilter } from '../filters';
import { outreachLocator } from '../methods/outreach';
import { grinfi } from '../profile';
import { filterField, ID, ID_HINT, jsonOption, scheduleFields, sendJson, sendSchedule } from './automation';
import { sortCollection } from '../sort';
import type { GrinfiResource } from './types';

const R = 'senderProfile';

const SENDER_FILTERS: FilterField[] = [
	filterField('q', 'Search', 'q', 'string', 'Part of the name or label'),
	filterField('status', 'Status', 'status', 'options', 'Only enabled or disabled senders', { options: [{ name: 'Disabled', value: 'disabled' }, { name: 'Enabled', value: 'enabled' }] }),
];

async function requireUpdate(this: IExecuteSingleFunctions, options: IHttpRequestOptions): Promise<IHttpRequestOptions> {
	const fields = this.getNodeParameter('updateFields', {}) as IDataObject;
	if (!Object.keys(fields).length && !this.getNodeParameter('updateSchedule', false)) {
		throw parameterError(this, 'Update Fields', 'needs at least one field (or turn on Update Schedule)');
	}
	return options;
}

const senderOperations = operations(
	grinfi,
	R,
	[
		{ name: 'Create', value: 'create', action: 'Create a sender profile', description: 'Create a sender profile (the identity messages go out as). Changes data.', method: 'POST', path: '/flows/api/sender-profiles', preSend: [sendJson('additionalFields.linkedin_schedule', 'linkedin_schedule', 'Additional Fields → LinkedIn Schedule (JSON)', { array: false }), sendJson('additionalFields.email_schedule', 'email_schedule', 'Additional Fields → Email Schedule (JSON)', { array: false })] },
		{ name: 'Delete', value: 'delete', action: 'Delete a sender profile', description: 'Delete a sender profile by ID. Changes data.', method: 'DELETE', path: '/flows/api/sender-profiles/{senderProfileId}' },
		{ name: 'Disable', value: 'disable', action: 'Disable a sender profile', description: 'Pause a sender profile; its automations stop sending. Changes data.', method: 'PUT', path: '/flows/api/sender-profiles/{senderProfileId}/disable' },
		{ name: 'Enable', value: 'enable', action: 'Enable a sender profile', description: 'Turn a sender profile back on. Changes data.', method: 'PUT', path: '/flows/api/sender-profiles/{senderProfileId}/enable' },
		{ name: 'Get', value: 'get', action: 'Get a sender profile', description: 'Get one sender profile by ID with its accounts and schedule. Read-only.', method: 'GET', path: '/flows/api/sender-profiles/{senderProfileId}' },
		{ name: 'Get Many', value: 'getAll', action: 'Get many sender profiles', description: 'List the sender profiles with their IDs. Read-only.', method: 'GET', path: '/flows/api/sender-profiles', list: 'qs', preSend: [sendFilter('brackets', SENDER_FILTERS)] },
		{ name: 'Update', value: 'update', action: 'Update a sender profile', description: 'Rename a sender profile or change its schedule. Changes data.', method: 'PUT', path: '/flows/api/sender-profiles/{senderProfileId}', preSend: [requireUpdate, sendSchedule('schedule', 'updateSchedule')] },
	],
	'getAll',
);

const senderFields: INodeProperties[] = [
	outreachLocator('senderProfile', 'senderProfileId', show(R, ['delete', 'disable', 'enable', 'get', 'update'])),
	...returnAllLimit(R, 'getAll'),
	sortCollection(show(R, 'getAll'), 'query', 'asc'),
	filterCollection(show(R, 'getAll'), SENDER_FILTERS),
	{
		displayName: 'First Name',
		name: 'firstName',
		type: 'string',
		default: '',
		required: true,
		displayOptions: show(R, 'create'),
		description: 'First name of the sender',
		routing: { send: { type: 'body', property: 'first_name' } },
	},
	{
		displayName: 'Last Name',
		name: 'lastName',
		type: 'string',
		default: '',
		required: true,
		displayOptions: show(R, 'create'),
		description: 'Last name of the sender',
		routing: { send: { type: 'body', property: 'last_name' } },
	},
	{
		displayName: 'Assignee User ID',
		name: 'assigneeUserId',
		type: 'number',
		default: 0,
		required: true,
		displayOptions: show(R, 'create'),
		description: 'Numeric ID of the Grinfi user who owns the sender (your own ID is in User → Get Current)',
		routing: { send: { type: 'body', property: 'assignee_user_id' } },
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: show(R, 'create'),
		options: [
			jsonOption('Email Schedule (JSON)', 'email_schedule', 'Schedule for emails: {"timezone": "Europe/Berlin", "use_lead_timezone": false, "timeblocks": [{"dow": 1, "min": 540, "max": 1080}]}'),
			sendOption({ displayName: 'Label', name: 'label', type: 'string', default: '', description: 'Label shown next to the name' }, 'body', 'label'),
			jsonOption('LinkedIn Schedule (JSON)', 'linkedin_schedule', 'Schedule for LinkedIn actions, same shape as the email schedule'),
		],
	},
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: show(R, 'update'),
		options: [
			sendOption({ displayName: 'First Name', name: 'first_name', type: 'string', default: '', description: 'New first name' }, 'body', 'first_name'),
			sendOption({ displayName: 'Label', name: 'label', type: 'string', default: '', description: 'New label' }, 'body', 'label'),
			sendOption({ displayName: 'Last Name', name: 'last_name', type: 'string', default: '', description: 'New last name' }, 'body', 'last_name'),
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
];

export const senderProfile: GrinfiResource = {
	name: 'Sender Profile',
	value: R,
	description: 'Identities (LinkedIn account and mailbox) outreach is sent as',
	operations: senderOperations,
	fields: senderFields,
	pathParams: { senderProfileId: { label: 'Sender Profile', pattern: ID, patternHint: ID_HINT } },
};
