import type { INodeProperties } from 'n8n-workflow';

import { operations } from '../../shared/describe';
import { unwrapRecord } from '../methods/crm';
import { grinfi } from '../profile';
import type { GrinfiResource } from './types';

const R = 'user';

export const user: GrinfiResource = {
	name: 'User',
	value: R,
	description: 'The user the API key belongs to',
	operations: operations(grinfi, R, [
		{ name: 'Get', value: 'get', action: 'Get the current user', description: 'Get the user the API key belongs to. Read-only.', method: 'GET', path: '/id/api/users/current', postReceive: [unwrapRecord('user')] },
	]),
	fields: [] as INodeProperties[],
};
