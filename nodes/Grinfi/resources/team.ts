import type { INodeProperties } from 'n8n-workflow';

import { operations, returnAllLimit, show } from '../../shared/describe';
import { crmLocator, unwrapRecord } from '../methods/crm';
import { grinfi } from '../profile';
import type { GrinfiResource } from './types';

const R = 'team';

const teamOperations = operations(
	grinfi,
	R,
	[
		{ name: 'Check Limits', value: 'checkLimits', action: 'Check sender profile capacity', description: 'Check whether the plan can hold a number of sender profiles, and at what price. Read-only.', method: 'POST', retry: 'read', path: '/id/api/teams/{teamId}/check-limits' },
		{ name: 'Get', value: 'get', action: 'Get a team', description: 'Get one team by ID with its features and credits. Read-only.', method: 'GET', path: '/id/api/teams/{teamId}', postReceive: [unwrapRecord('team')] },
		{ name: 'Get Many', value: 'getAll', action: 'Get many teams', description: 'List the teams of the user. Read-only.', method: 'GET', path: '/id/api/teams', list: 'qs' },
	],
	'getAll',
);

const teamFields: INodeProperties[] = [
	crmLocator('team', 'teamId', show(R, ['checkLimits', 'get'])),
	{
		displayName: 'Sender Profiles Limit',
		name: 'senderProfilesLimit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 1,
		required: true,
		displayOptions: show(R, 'checkLimits'),
		description: 'Number of sender profiles to check the capacity for',
		routing: { send: { type: 'body', property: 'sender_profiles_limit' } },
	},
	...returnAllLimit(R, 'getAll'),
];

export const team: GrinfiResource = {
	name: 'Team',
	value: R,
	description: 'Teams (workspaces) of the user',
	operations: teamOperations,
	fields: teamFields,
	pathParams: { teamId: { label: 'Team', pattern: /^\d+$/, patternHint: 'a number' } },
};
