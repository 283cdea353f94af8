import type { INodeProperties } from 'n8n-workflow';

import { operations, returnAllLimit, sendOption, show } from '../../shared/describe';
import { requireSomeOf } from '../../shared/request';
import { outreachLocator } from '../methods/outreach';
import { grinfi } from '../profile';
import { ID, ID_HINT, jsonOption, sendJson } from './automation';
import type { GrinfiResource } from './types';

const R = 'aiAgent';

const agentOptions = (verb: string): INodeProperties[] => [
	sendOption({ displayName: 'Avatar URL', name: 'avatar_url', type: 'string', default: '', description: `${verb} avatar image URL` }, 'body', 'avatar_url'),
	jsonOption('Classification LLM Config (JSON)', 'classification_llm_config', 'Settings of the classification model as a JSON object'),
	sendOption({ displayName: 'Classification LLM ID', name: 'classification_llm_uuid', type: 'string', default: '', description: 'UUID of the connected LLM that classifies replies' }, 'body', 'classification_llm_uuid'),
	sendOption({ displayName: 'Classification Prompt', name: 'classification_prompt', type: 'string', typeOptions: { rows: 4 }, default: '', description: 'Instructions for classifying replies' }, 'body', 'classification_prompt'),
	sendOption({ displayName: 'Description', name: 'description', type: 'string', default: '', description: `${verb} description` }, 'body', 'description'),
];

const agentOperations = operations(
	grinfi,
	R,
	[
		{ name: 'Create', value: 'create', action: 'Create an AI agent', description: 'Create an AI agent from a name and its settings. Returns it with its ID; changes data.', method: 'POST', path: '/flows/api/ai-agents', preSend: [sendJson('additionalFields.classification_llm_config', 'classification_llm_config', 'Additional Fields → Classification LLM Config (JSON)', { array: false })] },
		{ name: 'Delete', value: 'delete', action: 'Delete an AI agent', description: 'Delete an AI agent by ID. Changes data.', method: 'DELETE', path: '/flows/api/ai-agents/{aiAgentId}' },
		{ name: 'Get', value: 'get', action: 'Get an AI agent', description: 'Get one AI agent by ID with its settings. Read-only.', method: 'GET', path: '/flows/api/ai-agents/{aiAgentId}' },
		{ name: 'Get Many', value: 'getAll', action: 'Get many AI agents', description: 'List the AI agents of the team. Read-only.', method: 'GET', path: '/flows/api/ai-agents', list: 'qs' },
		{ name: 'Update', value: 'update', action: 'Update an AI agent', description: 'Change the settings of an AI agent by ID. Changes data.', method: 'PUT', path: '/flows/api/ai-agents/{aiAgentId}', preSend: [requireSomeOf('updateFields', 'Update Fields'), sendJson('updateFields.classification_llm_config', 'classification_llm_config', 'Update Fields → Classification LLM Config (JSON)', { array: false })] },
	],
	'getAll',
);

const agentFields: INodeProperties[] = [
	outreachLocator('aiAgent', 'aiAgentId', show(R, ['delete', 'get', 'update'])),
	...returnAllLimit(R, 'getAll'),
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		displayOptions: show(R, 'create'),
		description: 'Name of the agent',
		routing: { send: { type: 'body', property: 'name' } },
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: show(R, 'create'),
		options: agentOptions('The'),
	},
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: show(R, 'update'),
		options: [
			...agentOptions('New'),
			sendOption({ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'New name' }, 'body', 'name'),
		],
	},
];

export const aiAgent: GrinfiResource = {
	name: 'AI Agent',
	value: R,
	description: 'AI agents that classify replies',
	operations: agentOperations,
	fields: agentFields,
	pathParams: { aiAgentId: { label: 'AI Agent', pattern: ID, patternHint: ID_HINT } },
};
