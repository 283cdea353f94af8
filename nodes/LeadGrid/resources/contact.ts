import type { INodeProperties } from 'n8n-workflow';

import { operations, returnAllLimit, sendOption, show } from '../../shared/describe';
import { leadGrid } from '../profile';
import { CONTACT_KINDS, contactLocator } from './common';
import { requireSomeOf } from '../../shared/request';

export const contactOperations = operations(
	leadGrid,
	'contact',
	[
		{ name: 'Create', value: 'create', action: 'Create a contact', description: 'Create a contact (a person) from a name and an email, with optional company, role and phone. LeadGrid refuses an email already in use. Returns the new contact with its ID; changes data.', method: 'POST', path: '/contacts' },
		{ name: 'Delete', value: 'delete', action: 'Delete a contact', description: 'Delete a contact by ID; its links to dossiers go, the dossiers stay. Changes data and cannot be undone.', method: 'DELETE', path: '/contacts/{contactId}' },
		{ name: 'Get', value: 'get', action: 'Get a contact', description: 'Get one contact by ID: name, email, company, role, kinds and dossier count. Read-only.', method: 'GET', path: '/contacts/{contactId}' },
		{ name: 'Get Many', value: 'getAll', action: 'Get many contacts', description: 'List contacts, filtered by kind, pool or a search text. Returns one item per contact; read-only.', method: 'GET', path: '/contacts', list: 'qs', request: { arrayFormat: 'repeat' } },
		{ name: 'Update', value: 'update', action: 'Update a contact', description: 'Change fields of a contact by ID (name, email, company, role, phone…). Returns the updated contact; changes data.', method: 'PATCH', path: '/contacts/{contactId}', preSend: [requireSomeOf('updateFields', 'Update Fields')] },
	],
	'getAll',
);

const contactFields = (): INodeProperties[] => [
	sendOption({ displayName: 'City', name: 'city', type: 'string', default: '' }, 'body', 'city'),
	sendOption({ displayName: 'Company', name: 'company', type: 'string', description: 'Current employer or account', default: '' }, 'body', 'company'),
	sendOption({ displayName: 'Email', name: 'email', type: 'string', placeholder: 'name@email.com', description: 'Primary email, unique in your organization', default: '' }, 'body', 'email'),
	sendOption({ displayName: 'Kinds', name: 'kind', type: 'multiOptions', options: CONTACT_KINDS, default: [], description: 'The complete set of kinds of the contact' }, 'body', 'kind'),
	sendOption({ displayName: 'LinkedIn URL', name: 'linkedin_url', type: 'string', placeholder: 'https://linkedin.com/in/…', default: '' }, 'body', 'linkedin_url'),
	sendOption({ displayName: 'Notes', name: 'notes', type: 'string', typeOptions: { rows: 3 }, description: 'Internal notes shown on the contact drawer', default: '' }, 'body', 'notes'),
	sendOption({ displayName: 'Phone', name: 'phone', type: 'string', default: '' }, 'body', 'phone'),
	sendOption({ displayName: 'Role', name: 'role', type: 'string', description: 'Job title or role', default: '' }, 'body', 'role'),
];

export const contactFieldsDescription: INodeProperties[] = [
	contactLocator(show('contact', ['delete', 'get', 'update'])),
	{
		displayName: 'Full Name',
		name: 'fullName',
		type: 'string',
		default: '',
		required: true,
		displayOptions: show('contact', 'create'),
		routing: { send: { type: 'body', property: 'full_name' } },
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: show('contact', 'create'),
		options: contactFields(),
	},
	...returnAllLimit('contact', 'getAll'),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: show('contact', 'getAll'),
		options: [
			sendOption({ displayName: 'Kinds', name: 'kind', type: 'multiOptions', options: CONTACT_KINDS, default: [], description: 'Contacts having any of these kinds' }, 'query', 'kind'),
			sendOption(
				{
					displayName: 'Pool',
					name: 'pool',
					type: 'options',
					default: 'in_pool',
					options: [
						{ name: 'In Pool', value: 'in_pool', description: 'Currently in the talent pool' },
						{ name: 'Expired', value: 'expired', description: 'Pool window has passed' },
					],
				},
				'query',
				'pool',
			),
			sendOption({ displayName: 'Search', name: 'search', type: 'string', description: 'Free text over name, email, company and role', default: '' }, 'query', 'search'),
		],
	},
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: show('contact', 'update'),
		options: [...contactFields(), sendOption({ displayName: 'Full Name', name: 'full_name', type: 'string', default: '' }, 'body', 'full_name')],
	},
];
