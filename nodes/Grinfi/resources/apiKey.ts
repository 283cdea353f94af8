import type { INodeProperties } from 'n8n-workflow';

import { operations, show } from '../../shared/describe';
import { grinfi } from '../profile';
import type { GrinfiResource } from './types';

const R = 'apiKey';

const apiKeyFields: INodeProperties[] = [
	{
		displayName: 'The new key is returned once, in last_token: store it safely (e.g. in an n8n credential) and do not log it.',
		name: 'apiKeyNotice',
		type: 'notice',
		default: '',
		displayOptions: show(R, 'create'),
	},
	{
		displayName: 'Name',
		name: 'keyName',
		type: 'string',
		default: '',
		required: true,
		displayOptions: show(R, 'create'),
		description: 'Name of the key, shown in Grinfi settings',
		routing: { send: { type: 'body', property: 'name' } },
	},
];

export const apiKey: GrinfiResource = {
	name: 'API Key',
	value: R,
	description: 'API keys of the team',
	operations: operations(grinfi, R, [
		{ name: 'Create', value: 'create', action: 'Create an API key', description: 'Create an API key for the team, valid for three years. Returns the key; changes data.', method: 'POST', path: '/id/api/jwt-tokens/create-api-key' },
	]),
	fields: apiKeyFields,
};
