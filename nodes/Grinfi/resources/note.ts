import type { INodeProperties } from 'n8n-workflow';

import { operations, returnAllLimit, show } from '../../shared/describe';
import { crmBodyLocator } from '../methods/crm';
import { grinfi } from '../profile';
import { ID, ID_HINT } from './contact';
import { sortCollection } from '../sort';
import type { GrinfiResource } from './types';

const R = 'note';

const noteOperations = operations(
	grinfi,
	R,
	[
		{ name: 'Create', value: 'create', action: 'Create a note', description: 'Add a text note to a contact or a company. Returns the note; changes data.', method: 'POST', path: '/leads/api/notes' },
		{ name: 'Delete', value: 'delete', action: 'Delete a note', description: 'Delete a note by ID. Changes data.', method: 'DELETE', path: '/leads/api/notes/{noteId}' },
		{ name: 'Get Many', value: 'getAll', action: 'Get many notes', description: 'List the notes of the team. Read-only.', method: 'GET', path: '/leads/api/notes', list: 'qs' },
		{ name: 'Update', value: 'update', action: 'Update a note', description: 'Change the text of a note. Changes data.', method: 'PUT', path: '/leads/api/notes/{noteId}' },
	],
	'getAll',
);

const noteFields: INodeProperties[] = [
	{
		displayName: 'Note ID',
		name: 'noteId',
		type: 'string',
		default: '',
		required: true,
		displayOptions: show(R, ['delete', 'update']),
		description: 'UUID of the note (from Get Many)',
	},
	{
		displayName: 'Record Type',
		name: 'noteObject',
		type: 'options',
		options: [
			{ name: 'Contact', value: 'lead' },
			{ name: 'Company', value: 'company' },
		],
		default: 'lead',
		displayOptions: show(R, 'create'),
		description: 'Whether the note is on a contact or a company',
		routing: { send: { type: 'body', property: 'object' } },
	},
	crmBodyLocator('contact', 'noteContactId', 'object_uuid', show(R, 'create', { noteObject: ['lead'] }), 'Contact the note is on'),
	crmBodyLocator('company', 'noteCompanyId', 'object_uuid', show(R, 'create', { noteObject: ['company'] }), 'Company the note is on'),
	{
		displayName: 'Note',
		name: 'noteText',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		required: true,
		displayOptions: show(R, ['create', 'update']),
		description: 'Text of the note',
		routing: { send: { type: 'body', property: 'note' } },
	},
	...returnAllLimit(R, 'getAll'),
	sortCollection(show(R, 'getAll'), 'query', 'asc'),
];

export const note: GrinfiResource = {
	name: 'Note',
	value: R,
	description: 'Notes on contacts and companies',
	operations: noteOperations,
	fields: noteFields,
	pathParams: { noteId: { label: 'Note ID', pattern: ID, patternHint: ID_HINT } },
};
