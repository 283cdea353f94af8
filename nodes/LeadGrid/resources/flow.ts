import type { INodeProperties } from 'n8n-workflow';

import { operations, returnAllLimit, sendOption, show } from '../../shared/describe';
import { leadGrid } from '../profile';
import { DOSSIER_TYPES, flowLocator } from './common';

export const flowOperations = operations(
	leadGrid,
	'flow',
	[
		{ name: 'Get Many', value: 'getAll', action: 'Get many flows', description: 'List the flows (pipelines) with their ordered stages and stage IDs. Read-only.', method: 'GET', path: '/flows', list: 'qs' },
		{ name: 'Get Stages', value: 'getStages', action: 'Get the stages of a flow', description: 'List the stages of one flow (by flow ID) in order, with their IDs. Read-only.', method: 'GET', path: '/flows/{flowId}/stages', list: 'unpaged' },
	],
	'getAll',
);

export const flowFields: INodeProperties[] = [
	flowLocator(show('flow', 'getStages')),
	...returnAllLimit('flow', ['getAll', 'getStages']),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: show('flow', 'getAll'),
		options: [sendOption({ displayName: 'Type', name: 'type', type: 'options', options: DOSSIER_TYPES, default: 'sales' }, 'query', 'type')],
	},
];
