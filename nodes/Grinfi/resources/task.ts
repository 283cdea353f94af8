import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { operations, returnAllLimit, sendOption, show } from '../../shared/describe';
import { parameterError } from '../../shared/request';
import { jsonBody } from '../../shared/transport';
import type { FilterField } from '../filters';
import { filterCollection, sendFilter } from '../filters';
import { bodyLocator, outreachLocator } from '../methods/outreach';
import { grinfi } from '../profile';
import { filterField, ID, ID_HINT, sendIdList } from './automation';
import { sortCollection } from '../sort';
import type { GrinfiResource } from './types';

const R = 'task';

export const TASK_TYPES = [
	{ name: 'Email: Send Message', value: 'email_send_message' },
	{ name: 'LinkedIn: Endorse Skills', value: 'linkedin_endorse_skills' },
	{ name: 'LinkedIn: Like Latest Post', value: 'linkedin_like_latest_post' },
	{ name: 'LinkedIn: Send Connection Request', value: 'linkedin_send_connection_request' },
	{ name: 'LinkedIn: Send InMail', value: 'linkedin_send_inmail' },
	{ name: 'LinkedIn: Send Message', value: 'linkedin_send_message' },
	{ name: 'LinkedIn: Withdraw Connection Request', value: 'linkedin_withdraw_connection_request' },
	{ name: 'Trigger: Connection Request Accepted', value: 'trigger_linkedin_connection_request_accepted' },
];

const TASK_STATUSES = [
	{ name: 'Canceled', value: 'canceled' },
	{ name: 'Closed (Executed)', value: 'closed' },
	{ name: 'Failed', value: 'failed' },
	{ name: 'In Progress', value: 'in_progress' },
	{ name: 'Skipped', value: 'skipped' },
];

/** Every filter Grinfi honours on tasks; GET sends them as filter[...], group counts in the body. */
const TASK_FILTERS: FilterField[] = [
	filterField('flow_uuid', 'Automation Name or ID', 'flow_uuid', 'options', 'Only tasks of this automation; narrow big queries with it or Grinfi may time out. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.', { loadOptionsMethod: 'getAutomationOptions' }),
	filterField('automation', 'Automation Mode', 'automation', 'options', 'Tasks created by automations or by hand', { options: [{ name: 'Auto', value: 'auto' }, { name: 'Manual', value: 'manual' }] }),
	filterField('lead_uuid', 'Contact ID', 'lead_uuid', 'string', 'Only tasks for this contact'),
	filterField('executed_from', 'Executed From', 'executed_at', 'string', 'Executed on or after this date or time, e.g. 2026-07-22', { operator: '>=' }),
	filterField('executed_to', 'Executed To', 'executed_at', 'string', 'Executed on or before this date or time, e.g. 2026-07-23', { operator: '<=' }),
	filterField('flow_node_id', 'Node ID', 'flow_node_id', 'number', 'Only tasks made by this step of the automation'),
	filterField('schedule_from', 'Scheduled From', 'schedule_at', 'string', 'Scheduled on or after this date or time', { operator: '>=' }),
	filterField('schedule_to', 'Scheduled To', 'schedule_at', 'string', 'Scheduled on or before this date or time', { operator: '<=' }),
	filterField('sender_profile_uuid', 'Sender Profile Name or ID', 'sender_profile_uuid', 'options', 'Only tasks of this sender. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.', { loadOptionsMethod: 'getSenderProfileOptions' }),
	filterField('status', 'Status', 'status', 'options', 'Closed means executed (e.g. the message was sent)', { options: TASK_STATUSES }),
	filterField('type', 'Type', 'type', 'options', 'Kind of task', { options: TASK_TYPES }),
];

/** The schedule is one object (the day, its time blocks and the tasks), so it stays one item. */
async function wholeSchedule(this: IExecuteSingleFunctions, items: INodeExecutionData[], response: IN8nHttpFullResponse): Promise<INodeExecutionData[]> {
	const body = jsonBody(response.body);
	if (!body || typeof body !== 'object' || Array.isArray(body)) return items;
	return [{ json: body as IDataObject, pairedItem: { item: this.getItemIndex() } }];
}

async function scheduleDate(this: IExecuteSingleFunctions, options: IHttpRequestOptions): Promise<IHttpRequestOptions> {
	const raw = String(this.getNodeParameter('date', '') ?? '').trim();
	const date = /^\d{4}-\d{2}-\d{2}/.exec(raw)?.[0];
	if (!date) throw parameterError(this, 'Date', `must be a date like 2026-04-03, got "${raw}"`);
	return { ...options, qs: { ...(options.qs ?? {}), date } };
}

/** What to do instead when a mass endpoint times out (Grinfi's mass task endpoints are known to 504). */
const MASS_HINTS: Record<string, string> = {
	massCancel: 'use the per-task operation Task → Cancel for each task instead (e.g. one item per task ID).',
	massComplete: 'use the per-task operation Task → Complete for each task instead (e.g. one item per task ID).',
	massRetry: 'Grinfi has no public per-task retry, so send fewer task IDs per item (e.g. 20), then check each task with the per-task operation Task → Get.',
	massSkip: 'Grinfi has no public per-task skip, so send fewer task IDs per item (e.g. 20), or use the per-task operation Task → Cancel for each task.',
};

const massHint = (operation: string) =>
	`Grinfi timed out on this mass task action (a known problem of its mass endpoints); some tasks may have changed. To finish the job, ${MASS_HINTS[operation]}`;

const taskOperations = operations(
	grinfi,
	R,
	[
		{ name: 'Cancel', value: 'cancel', action: 'Cancel a task', description: 'Cancel a manual task by ID. Changes data.', method: 'PUT', path: '/flows/api/tasks/{taskId}/cancel' },
		{ name: 'Complete', value: 'complete', action: 'Complete a task', description: 'Mark a manual task as done; the automation moves on. Changes data.', method: 'PUT', path: '/flows/api/tasks/{taskId}/complete' },
		{ name: 'Continue Automation', value: 'continueAutomation', action: 'Continue the automation for a contact', description: 'Resume a contact paused in an automation. Changes data.', method: 'PUT', retry: 'action', path: '/flows/api/tasks/continue-automation' },
		{ name: 'Create', value: 'create', action: 'Create a task', description: 'Create a manual task for a contact. Changes data.', method: 'POST', path: '/flows/api/tasks' },
		{ name: 'Fail', value: 'fail', action: 'Mark a task as failed', description: 'Mark a manual task as failed. Changes data.', method: 'PUT', path: '/flows/api/tasks/{taskId}/fail' },
		{ name: 'Get', value: 'get', action: 'Get a task', description: 'Get one task by ID with its type, status and contact. Read-only.', method: 'GET', path: '/flows/api/tasks/{taskId}' },
		{ name: 'Get Group Counts', value: 'getGroupCounts', action: 'Count tasks by a field', description: 'Count tasks per automation, sender, type or status. Read-only.', method: 'POST', retry: 'read', path: '/flows/api/tasks/group-counts', preSend: [sendFilter('body', TASK_FILTERS)] },
		{ name: 'Get Many', value: 'getAll', action: 'Get many tasks', description: 'List tasks, filtered by automation, status, type, sender, contact or dates. Read-only.', method: 'GET', path: '/flows/api/tasks', list: 'qs', preSend: [sendFilter('brackets', TASK_FILTERS)] },
		{ name: 'Get Schedule', value: 'getSchedule', action: 'Get the task schedule of a sender', description: 'List the tasks scheduled for a sender profile on one day. Read-only.', method: 'GET', path: '/flows/api/tasks/schedule', preSend: [scheduleDate], postReceive: [wholeSchedule] },
		{ name: 'Mass Cancel', value: 'massCancel', action: 'Cancel many tasks', description: 'Cancel several manual tasks at once. Changes data.', method: 'PUT', retry: 'action', path: '/flows/api/tasks/mass-cancel', preSend: [sendIdList('taskIds', 'uuids', 'Task IDs', { required: true })], statusHints: { 504: massHint('massCancel') } },
		{ name: 'Mass Complete', value: 'massComplete', action: 'Complete many tasks', description: 'Mark several manual tasks as done at once. Changes data.', method: 'PUT', retry: 'action', path: '/flows/api/tasks/mass-complete', preSend: [sendIdList('taskIds', 'uuids', 'Task IDs', { required: true })], statusHints: { 504: massHint('massComplete') } },
		{ name: 'Mass Retry', value: 'massRetry', action: 'Retry many tasks', description: 'Retry several tasks at once; their messages are sent again. Changes data.', method: 'PUT', retry: 'action', path: '/flows/api/tasks/mass-retry', preSend: [sendIdList('taskIds', 'uuids', 'Task IDs', { required: true })], statusHints: { 504: massHint('massRetry') } },
		{ name: 'Mass Skip', value: 'massSkip', action: 'Skip many tasks', description: 'Skip several tasks at once. Changes data.', method: 'PUT', retry: 'action', path: '/flows/api/tasks/mass-skip', preSend: [sendIdList('taskIds', 'uuids', 'Task IDs', { required: true })], statusHints: { 504: massHint('massSkip') } },
	],
	'getAll',
);

const taskFields: INodeProperties[] = [
	{
		displayName: 'Task ID',
		name: 'taskId',
		type: 'string',
		default: '',
		required: true,
		displayOptions: show(R, ['cancel', 'complete', 'fail', 'get']),
		description: 'UUID of the task',
	},

	// Get Many / Group Counts
	...returnAllLimit(R, 'getAll'),
	sortCollection(show(R, 'getAll'), 'query', 'asc'),
	filterCollection(show(R, ['getAll', 'getGroupCounts']), TASK_FILTERS),
	{
		displayName: 'Group By',
		name: 'groupField',
		type: 'options',
		options: [
			{ name: 'Automation', value: 'flow_uuid' },
			{ name: 'Sender Profile', value: 'sender_profile_uuid' },
			{ name: 'Status', value: 'status' },
			{ name: 'Type', value: 'type' },
		],
		default: 'flow_uuid',
		displayOptions: show(R, 'getGroupCounts'),
		description: 'Field the counts are broken down by',
		routing: { send: { type: 'body', property: 'group_field' } },
	},

	// Create
	bodyLocator('contact', 'contactId', 'lead_uuid', show(R, 'create'), 'Contact the task is for'),
	bodyLocator('senderProfile', 'senderProfileId', 'sender_profile_uuid', show(R, 'create'), 'Sender profile that performs the task'),
	{
		...outreachLocator('senderProfile', 'senderProfileId', show(R, 'getSchedule'), 'Sender profile whose schedule to show'),
		routing: { send: { type: 'query', property: 'sender_profile_uuid', propertyInDotNotation: false } },
	},
	{
		displayName: 'Text',
		name: 'text',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		required: true,
		displayOptions: show(R, 'create'),
		description: 'Message or note text of the task; {{first_name}} style variables work',
		routing: { send: { type: 'body', property: 'text' } },
	},
	{
		displayName: 'Schedule At',
		name: 'scheduleAt',
		type: 'dateTime',
		default: '',
		required: true,
		displayOptions: show(R, 'create'),
		description: 'When the task is due',
		routing: { send: { type: 'body', property: 'schedule_at' } },
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: show(R, 'create'),
		options: [
			sendOption({ displayName: 'Note', name: 'note', type: 'string', default: '', description: 'Internal note on the task' }, 'body', 'note'),
			sendOption({ displayName: 'Timezone', name: 'timezone', type: 'string', default: 'UTC', description: 'Timezone of Schedule At (Grinfi default UTC)' }, 'body', 'timezone'),
			sendOption({ displayName: 'Type', name: 'type', type: 'options', options: TASK_TYPES, default: 'linkedin_send_message', description: 'Kind of task (Grinfi default: LinkedIn message)' }, 'body', 'type'),
		],
	},

	// Continue automation
	bodyLocator('contact', 'continueContactId', 'lead_uuid', show(R, 'continueAutomation'), 'Contact paused in an automation', 'Contact'),

	// Schedule (sender profile above, sent to the query here)
	{
		displayName: 'Date',
		name: 'date',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 2026-04-03',
		displayOptions: show(R, 'getSchedule'),
		description: 'Day to show (YYYY-MM-DD)',
	},

	// Mass actions
	{
		displayName: 'Task IDs',
		name: 'taskIds',
		type: 'string',
		default: '',
		required: true,
		displayOptions: show(R, Object.keys(MASS_HINTS)),
		description: 'Comma-separated task UUIDs (or an array from an expression)',
	},
];

export const task: GrinfiResource = {
	name: 'Task',
	value: R,
	description: 'Manual and automation tasks (one step for one contact)',
	operations: taskOperations,
	fields: taskFields,
	pathParams: { taskId: { label: 'Task ID', pattern: ID, patternHint: ID_HINT } },
};
