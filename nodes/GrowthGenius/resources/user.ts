import type { INodeProperties } from 'n8n-workflow';

import { operations, returnAllLimit } from '../../shared/describe';
import { growthGenius, limitLocally } from '../profile';

export const userOperations = operations(
	growthGenius,
	'user',
	[
		{
			name: 'Get Many',
			value: 'getAll',
			action: 'Get many users',
			description: 'List the users of your team who enabled integrations; their ID is the User ID the credential needs. Read-only.',
			method: 'GET',
			path: '/integrations/v1/users',
			postReceive: [limitLocally],
		},
	],
	'getAll',
);

export const userFields: INodeProperties[] = [...returnAllLimit('user', 'getAll')];
