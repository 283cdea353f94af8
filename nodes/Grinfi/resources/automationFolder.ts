import type { INodeProperties } from 'n8n-workflow';

import { operations, returnAllLimit, sendOption, show } from '../../shared/describe';
import { requireSomeOf } from '../../shared/request';
import { outreachLocator } from '../methods/outreach';
import { grinfi } from '../profile';
import { ID, ID_HINT } from './automation';
import type { GrinfiResource } from './types';

const R = 'automationFolder';

const folderOperations = operations(
	grinfi,
	R,
	[
		{ name: 'Create', value: 'create', action: 'Create an automation folder', description: 'Create a folder for automations. Changes data.', method: 'POST', path: '/flows/api/flow-workspaces' },
		{ name: 'Delete', value: 'delete', action: 'Delete an automation folder', description: 'Delete an automation folder by ID. Changes data.', method: 'DELETE', path: '/flows/api/flow-workspaces/{folderId}' },
		{ name: 'Get Many', value: 'getAll', action: 'Get many automation folders', description: 'List the automation folders. Read-only.', method: 'GET', path: '/flows/api/flow-workspaces', list: 'unpaged' },
		{ name: 'Update', value: 'update', action: 'Update an automation folder', description: 'Rename or reorder an automation folder. Changes data.', method: 'PUT', path: '/flows/api/flow-workspaces/{folderId}', preSend: [requireSomeOf('updateFields', 'Update Fields')] },
	],
	'getAll',
);

const folderFields: INodeProperties[] = [
	outreachLocator('folder', 'folderId', show(R, ['delete', 'update'])),
	...returnAllLimit(R, 'getAll'),
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		displayOptions: show(R, 'create'),
		description: 'Name of the folder',
		routing: { send: { type: 'body', property: 'name' } },
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: show(R, 'create'),
		options: [sendOption({ displayName: 'Order', name: 'order', type: 'number', default: 0, description: 'Position of the folder in the list' }, 'body', 'order')],
	},
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: show(R, 'update'),
		options: [
			sendOption({ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'New name' }, 'body', 'name'),
			sendOption({ displayName: 'Order', name: 'order', type: 'number', default: 0, description: 'New position of the folder' }, 'body', 'order'),
		],
	},
];

export const automationFolder: GrinfiResource = {
	name: 'Automation Folder',
	value: R,
	description: 'Folders (workspaces) that group automations',
	operations: folderOperations,
	fields: folderFields,
	pathParams: { folderId: { label: 'Folder', pattern: ID, patternHint: ID_HINT } },
};
