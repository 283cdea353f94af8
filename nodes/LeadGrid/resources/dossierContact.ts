import type { INodeProperties } from 'n8n-workflow';

import { operations, returnAllLimit, show } from '../../shared/describe';
import { leadGrid } from '../profile';
import { contactLocator, dossierLocator } from './common';

export const dossierContactOperations = operations(
	leadGrid,
	'dossierContact',
	[
		{ name: 'Get Many', value: 'getAll', action: 'Get many contacts of a dossier', description: 'List the contacts linked to a dossier (by dossier ID), each with its role. Read-only.', method: 'GET', path: '/dossiers/{dossierId}/contacts', list: 'qs' },
		{ name: 'Link', value: 'link', action: 'Link a contact to a dossier', description: 'Link an existing contact to a dossier with a role; needs both IDs. Changes data.', method: 'POST', path: '/dossiers/{dossierId}/contacts' },
		{ name: 'Unlink', value: 'unlink', action: 'Unlink a contact from a dossier', description: 'Remove the link between a contact and a dossier; the contact itself stays. Changes data.', method: 'DELETE', path: '/dossiers/{dossierId}/contacts/{contactId}' },
	],
	'getAll',
);

export const dossierContactFields: INodeProperties[] = [
	dossierLocator(show('dossierContact')),
	{ ...contactLocator(show('dossierContact', 'unlink')) },
	{
		...contactLocator(show('dossierContact', 'link'), 'The contact to link'),
		routing: { send: { type: 'body', property: 'contact_id' } },
	},
	{
		displayName: 'Role on Dossier',
		name: 'roleOnDossier',
		type: 'options',
		default: 'other',
		required: true,
		displayOptions: show('dossierContact', 'link'),
		options: [
			{ name: 'Champion', value: 'champion' },
			{ name: 'Decision Maker', value: 'decision_maker' },
			{ name: 'Gatekeeper', value: 'gatekeeper' },
			{ name: 'Hiring Manager', value: 'hiring_manager' },
			{ name: 'Introducer', value: 'introducer' },
			{ name: 'Other', value: 'other' },
			{ name: 'Primary', value: 'primary' },
		],
		routing: { send: { type: 'body', property: 'role_on_dossier' } },
	},
	{
		displayName: 'Primary Contact',
		name: 'isPrimary',
		type: 'boolean',
		default: false,
		displayOptions: show('dossierContact', 'link'),
		description: 'Whether this becomes the primary contact of the dossier (the previous primary is demoted)',
		routing: { send: { type: 'body', property: 'is_primary' } },
	},
	...returnAllLimit('dossierContact', 'getAll'),
];
