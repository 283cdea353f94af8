import type { INodeProperties } from 'n8n-workflow';

import { operations, returnAllLimit, show } from '../../shared/describe';
import type { FilterField } from '../filters';
import { filterCollection, sendFilter } from '../filters';
import { crmBodyLocator, ff, sendJsonParameter } from '../methods/crm';
import { grinfi } from '../profile';
import { sortCollection } from '../sort';
import type { GrinfiResource } from './types';

const R = 'activity';

export const ACTIVITY_TYPES = [
	{ name: 'Contact Enriched', value: 'contact_enriched' },
	{ name: 'Email Bounced', value: 'email_bounced' },
	{ name: 'Email Clicked', value: 'email_clicked' },
	{ name: 'Email Opened', value: 'email_opened' },
	{ name: 'Email Replied', value: 'email_replied' },
	{ name: 'Email Sent', value: 'email_sent' },
	{ name: 'LinkedIn Connection Request Accepted', value: 'linkedin_connection_request_accepted' },
	{ name: 'LinkedIn Connection Request Sent', value: 'linkedin_connection_request_sent' },
	{ name: 'LinkedIn Message Replied', value: 'linkedin_message_replied' },
	{ name: 'LinkedIn Message Sent', value: 'linkedin_message_sent' },
	{ name: 'Pipeline Stage Changed', value: 'pipeline_stage_changed' },
];

/** Activities take `filter` as a JSON string in the query, and require it (`{}` when empty). */
const ACTIVITY_FILTERS: FilterField[] = [
	ff({ key: 'type', label: 'Type', field: 'type', kind: 'options', options: ACTIVITY_TYPES, about: 'Only activities of this type' }),
	ff({ key: 'lead_uuid', label: 'Contact ID', field: 'lead_uuid', kind: 'string', about: 'Only activities of this contact' }),
	ff({ key: 'company_uuid', label: 'Company ID', field: 'company_uuid', kind: 'string', about: 'Only activities of this company' }),
	ff({ key: 'created_from', label: 'Created From', field: 'created_at', operator: '>=', kind: 'dateTime', about: 'Created on or after this time' }),
	ff({ key: 'created_to', label: 'Created To', field: 'created_at', operator: '<=', kind: 'dateTime', about: 'Created on or before this time' }),
];

const activityOperations = operations(
	grinfi,
	R,
	[
		{ name: 'Create', value: 'create', action: 'Create an activity', description: 'Record an activity (a call, a meeting…) on a contact or a company. Returns the activity; changes data.', method: 'POST', path: '/leads/api/activities', preSend: [sendJsonParameter('activityPayload', 'payload', 'Payload (JSON)')] },
		{ name: 'Get Many', value: 'getAll', action: 'Get many activities', description: 'List activities, filtered by type, contact, company or dates. Read-only.', method: 'GET', path: '/leads/api/activities', list: 'qs', preSend: [sendFilter('json', ACTIVITY_FILTERS, { required: true })] },
	],
	'getAll',
);

const activityFields: INodeProperties[] = [
	...returnAllLimit(R, 'getAll'),
	sortCollection(show(R, 'getAll'), 'query', 'asc'),
	filterCollection(show(R, 'getAll'), ACTIVITY_FILTERS),
	{
		displayName: 'Record Type',
		name: 'activityObject',
		type: 'options',
		options: [
			{ name: 'Contact', value: 'lead' },
			{ name: 'Company', value: 'company' },
		],
		default: 'lead',
		displayOptions: show(R, 'create'),
		description: 'Whether the activity is on a contact or a company',
		routing: { send: { type: 'body', property: 'object_type' } },
	},
	crmBodyLocator('contact', 'activityContactId', 'object_uuid', show(R, 'create', { activityObject: ['lead'] }), 'Contact the activity is on'),
	crmBodyLocator('company', 'activityCompanyId', 'object_uuid', show(R, 'create', { activityObject: ['company'] }), 'Company the activity is on'),
	{
		displayName: 'Type',
		name: 'activityType',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. pipeline_stage_changed',
		displayOptions: show(R, 'create'),
		description: 'Activity type key, e.g. email_sent or a type of your own',
		routing: { send: { type: 'body', property: 'type' } },
	},
	{
		displayName: 'Payload (JSON)',
		name: 'activityPayload',
		type: 'json',
		default: '{}',
		displayOptions: show(R, 'create'),
		description: 'Event-specific data as a JSON object',
	},
];

export const activity: GrinfiResource = {
	name: 'Activity',
	value: R,
	description: 'Timeline events of contacts and companies',
	operations: activityOperations,
	fields: activityFields,
};
