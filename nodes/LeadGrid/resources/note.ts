import type { INodeProperties } from 'n8n-workflow';

import { operations, returnAllLimit, show } from '../../shared/describe';
import { requireText } from '../../shared/request';
import { leadGrid } from '../profile';
import { dossierLocator } from './common';

export const noteOperations = operations(
	leadGrid,
	'note',
	[
		{ name: 'Create', value: 'create', action: 'Add a note to a dossier', description: 'Add a text note to a dossier’s timeline; needs the dossier ID. Returns the note; changes data.', method: 'POST', path: '/dossiers/{dossierId}/notes', preSend: [requireText('content', 'Content')] },
		{ name: 'Get Many', value: 'getAll', action: 'Get many notes of a dossier', description: 'List the notes of a dossier (by dossier ID), oldest first. Read-only.', method: 'GET', path: '/dossiers/{dossierId}/notes', list: 'qs' },
	],
	'create',
);

export const noteFields: INodeProperties[] = [
	dossierLocator(show('note')),
	{
		displayName: 'Content',
		name: 'content',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		required: true,
		displayOptions: show('note', 'create'),
		description: 'The note text; it cannot be empty',
		routing: { send: { type: 'body', property: 'content' } },
	},
	{
		displayName: 'Internal',
		name: 'isInternal',
		type: 'boolean',
		default: true,
		displayOptions: show('note', 'create'),
		description: 'Whether the note is internal (not shared)',
		routing: { send: { type: 'body', property: 'is_internal' } },
	},
	...returnAllLimit('note', 'getAll'),
];
