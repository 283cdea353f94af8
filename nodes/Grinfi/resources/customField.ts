import type { IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import { operations, returnAllLimit, sendOption, show } from '../../shared/describe';
import { parameterError, requireSomeOf } from '../../shared/request';
import { crmBodyLocator, crmLocator, setBody } from '../methods/crm';
import { grinfi } from '../profile';
import { ID, ID_HINT } from './contact';
import { sortCollection } from '../sort';
import type { GrinfiResource } from './types';

const R = 'customField';

const OBJECTS = [
	{ name: 'Contact', value: 'lead' },
	{ name: 'Company', value: 'company' },
];

/** Field names start with a letter or underscore and hold letters, digits and underscores only. */
async function checkName(this: IExecuteSingleFunctions, options: IHttpRequestOptions): Promise<IHttpRequestOptions> {
	const operation = this.getNodeParameter('operation', '') as string;
	const name = String(
		operation === 'create' ? this.getNodeParameter('fieldName', '') : ((this.getNodeParameter('updateFields', {}) as { name?: string }).name ?? ''),
	);
	if ((operation === 'create' || name) && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
		throw parameterError(this, 'Name', `must start with a letter or underscore and hold only letters, digits and underscores, got "${name}"`);
	}
	return options;
}

/** Set Value: the record is a contact or a company; an empty value clears the field (null). */
async function valueBody(this: IExecuteSingleFunctions, options: IHttpRequestOptions): Promise<IHttpRequestOptions> {
	const objectType = this.getNodeParameter('valueObject', 'lead') as string;
	const record = this.getNodeParameter(objectType === 'company' ? 'valueCompanyId' : 'valueContactId', '', { extractValue: true }) as string;
	if (!String(record ?? '').trim()) throw parameterError(this, objectType === 'company' ? 'Company' : 'Contact', 'is required');
	const clear = this.getNodeParameter('clearValue', false) as boolean;
	return setBody(options, {
		object_type: objectType,
		object_uuid: String(record).trim(),
		value: clear ? null : (this.getNodeParameter('fieldValue', '') as string),
	});
}

const customFieldOperations = operations(
	grinfi,
	R,
	[
		{ name: 'Create', value: 'create', action: 'Create a custom field', description: 'Create a custom field for contacts or companies. Changes data.', method: 'POST', path: '/leads/api/custom-fields', preSend: [checkName] },
		{ name: 'Delete', value: 'delete', action: 'Delete a custom field', description: 'Delete a custom field and all its values. Changes data and cannot be undone.', method: 'DELETE', path: '/leads/api/custom-fields/{customFieldId}' },
		{ name: 'Get Many', value: 'getAll', action: 'Get many custom fields', description: 'List the custom fields of contacts or companies. Read-only.', method: 'GET', path: '/leads/api/custom-fields', list: 'qs' },
		{ name: 'Set Value', value: 'setValue', action: 'Set a custom field value', description: 'Set or clear a custom field on one contact or company. Changes data.', method: 'POST', retry: 'write', path: '/leads/api/custom-field-values', preSend: [valueBody] },
		{ name: 'Update', value: 'update', action: 'Update a custom field', description: 'Rename or reorder a custom field. Changes data.', method: 'PUT', path: '/leads/api/custom-fields/{customFieldId}', preSend: [requireSomeOf('updateFields', 'Update Fields'), checkName] },
	],
	'getAll',
);

const customFieldFields: INodeProperties[] = [
	crmLocator('customField', 'customFieldId', show(R, ['delete', 'update'])),
	{
		displayName: 'Name',
		name: 'fieldName',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. icebreaker_line',
		displayOptions: show(R, 'create'),
		description: 'Field name: a letter or underscore first, then letters, digits and underscores',
		routing: { send: { type: 'body', property: 'name' } },
	},
	{
		displayName: 'Object',
		name: 'fieldObject',
		type: 'options',
		options: OBJECTS,
		default: 'lead',
		displayOptions: show(R, 'create'),
		description: 'Whether the field is for contacts or companies (max 100 each)',
		routing: { send: { type: 'body', property: 'object' } },
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: show(R, 'create'),
		options: [sendOption({ displayName: 'Order', name: 'order', type: 'number', default: 0, description: 'Position among the custom fields' }, 'body', 'order')],
	},
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: show(R, 'update'),
		options: [
			sendOption({ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'New field name' }, 'body', 'name'),
			sendOption({ displayName: 'Order', name: 'order', type: 'number', default: 0, description: 'Position among the custom fields' }, 'body', 'order'),
		],
	},
	...returnAllLimit(R, 'getAll'),
	sortCollection(show(R, 'getAll'), 'query', 'asc'),

	// Set value
	crmBodyLocator('customField', 'valueCustomFieldId', 'custom_field_uuid', show(R, 'setValue'), 'Custom field to set', 'Custom Field'),
	{
		displayName: 'Record Type',
		name: 'valueObject',
		type: 'options',
		options: OBJECTS,
		default: 'lead',
		displayOptions: show(R, 'setValue'),
		description: 'Whether the value is set on a contact or a company',
	},
	crmLocator('contact', 'valueContactId', show(R, 'setValue', { valueObject: ['lead'] }), 'Contact to set the value on'),
	crmLocator('company', 'valueCompanyId', show(R, 'setValue', { valueObject: ['company'] }), 'Company to set the value on'),
	{
		displayName: 'Clear Value',
		name: 'clearValue',
		type: 'boolean',
		default: false,
		displayOptions: show(R, 'setValue'),
		description: 'Whether to remove the value instead of setting one',
	},
	{
		displayName: 'Value',
		name: 'fieldValue',
		type: 'string',
		default: '',
		displayOptions: show(R, 'setValue', { clearValue: [false] }),
		description: 'Value to store',
	},
];

export const customField: GrinfiResource = {
	name: 'Custom Field',
	value: R,
	description: 'Custom fields of contacts and companies, and their values',
	operations: customFieldOperations,
	fields: customFieldFields,
	pathParams: { customFieldId: { label: 'Custom Field', pattern: ID, patternHint: ID_HINT } },
};
