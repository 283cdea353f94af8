import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import { operations, show } from '../../shared/describe';
import { parameterError, parseJsonParameter } from '../../shared/request';
import { outreachLocator } from '../methods/outreach';
import { grinfi } from '../profile';
import { ID, ID_HINT, sendJson } from './automation';
import type { GrinfiResource } from './types';

const R = 'flowVersion';

function jsonArray(ctx: IExecuteSingleFunctions, parameter: string, label: string): IDataObject[] {
	const value = parseJsonParameter(ctx, ctx.getNodeParameter(parameter, '[]'), label);
	if (!Array.isArray(value)) throw parameterError(ctx, label, 'must be a JSON array');
	return value;
}

/** Nodes and contact sources; Grinfi refuses a version without a contact source, so we do first. */
async function versionBody(this: IExecuteSingleFunctions, options: IHttpRequestOptions): Promise<IHttpRequestOptions> {
	const nodes = jsonArray(this, 'nodes', 'Nodes (JSON)');
	if (!nodes.length) throw parameterError(this, 'Nodes (JSON)', 'needs at least one node (every branch ends in an "end" node)');
	const sources = jsonArray(this, 'contactSources', 'Contact Sources (JSON)');
	if (!sources.length) {
		throw parameterError(
			this,
			'Contact Sources (JSON)',
			'needs at least one contact source',
			'Grinfi refuses a version without contact sources. For no audience yet, send {"id": 1, "rotation_strategy": "fair", "sender_profiles": [], "after_id": <entry node id>}.',
		);
	}
	const body: IDataObject = { nodes, contact_sources: sources };
	const firstCommon = (this.getNodeParameter('additionalFields', {}) as IDataObject).first_common_node_id;
	if (firstCommon !== undefined && firstCommon !== null && String(firstCommon) !== '') body.first_common_node_id = firstCommon;
	return { ...options, body: { ...((options.body as IDataObject) ?? {}), ...body } };
}

/** Grinfi answers 500 to a node without `before`/`after`: send them as [] when missing. */
async function nodeBody(this: IExecuteSingleFunctions, options: IHttpRequestOptions): Promise<IHttpRequestOptions> {
	const node = parseJsonParameter(this, this.getNodeParameter('node', '{}'), 'Node (JSON)');
	if (Array.isArray(node)) throw parameterError(this, 'Node (JSON)', 'must be a JSON object (one node)');
	if (node.id === undefined) throw parameterError(this, 'Node (JSON)', 'needs a numeric "id"');
	if (!node.type) throw parameterError(this, 'Node (JSON)', 'needs a "type"');
	return { ...options, body: { ...node, before: node.before ?? [], after: node.after ?? [] } };
}

const versionOperations = operations(
	grinfi,
	R,
	[
		{ name: 'Create', value: 'create', action: 'Create a flow version', description: 'Save a new version of an automation with its steps (nodes) and contact sources. Changes data.', method: 'POST', path: '/flows/api/flows/{automationId}/flow-versions', preSend: [versionBody] },
		{ name: 'Delete', value: 'delete', action: 'Delete a flow version', description: 'Delete a version of an automation (the active one cannot be deleted). Changes data.', method: 'DELETE', path: '/flows/api/flow-versions/{flowVersionId}' },
		{ name: 'Get', value: 'get', action: 'Get a flow version', description: 'Get one version of an automation with its steps and contact sources. Read-only.', method: 'GET', path: '/flows/api/flow-versions/{flowVersionId}' },
		{ name: 'Get Many', value: 'getAll', action: 'Get many flow versions', description: 'List the versions saved for an automation. Read-only.', method: 'GET', path: '/flows/api/flows/{automationId}/flow-versions' },
		{ name: 'Validate Contact Source', value: 'validateContactSource', action: 'Validate a contact source', description: 'Check a contact source before saving it in a version. Read-only.', method: 'POST', retry: 'read', path: '/flows/api/flow-versions/validate-contact-source', preSend: [sendJson('contactSourceOptions', 'options', 'Options (JSON)', { array: false })] },
		{ name: 'Validate Node', value: 'validateNode', action: 'Validate a flow node', description: 'Check one step (node) before saving it in a version. Read-only.', method: 'POST', retry: 'read', path: '/flows/api/flow-versions/validate-node', preSend: [nodeBody] },
	],
	'getAll',
);

const versionFields: INodeProperties[] = [
	outreachLocator('automation', 'automationId', show(R, ['create', 'getAll'])),
	{
		displayName: 'Flow Version ID',
		name: 'flowVersionId',
		type: 'string',
		default: '',
		required: true,
		displayOptions: show(R, ['delete', 'get']),
		description: 'UUID of the version (see Get Many, or `flow_version_uuid` of an automation)',
	},
	{
		displayName: 'Nodes (JSON)',
		name: 'nodes',
		type: 'json',
		default: '[]',
		required: true,
		displayOptions: show(R, 'create'),
		description: 'The steps as a JSON array of flow nodes, each with a numeric ID, type, before and after edges, automation "auto", payload, delay_in_seconds, created_at and updated_at',
	},
	{
		displayName: 'Contact Sources (JSON)',
		name: 'contactSources',
		type: 'json',
		default: '[]',
		required: true,
		displayOptions: show(R, 'create'),
		description: 'JSON array of at least one contact source, each with a numeric ID, rotation_strategy "fair", sender_profiles (UUIDs) and after_id (the entry node)',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: show(R, 'create'),
		options: [
			{
				displayName: 'First Common Node ID',
				name: 'first_common_node_id',
				type: 'number',
				default: 0,
				description: 'Node where branches reconverge; set it on branching trees or the web editor will not open the automation',
			},
		],
	},
	{
		displayName: 'Node (JSON)',
		name: 'node',
		type: 'json',
		default: '{\n  "id": 1,\n  "type": "linkedin_send_connection_request",\n  "automation": "auto",\n  "before": [],\n  "after": [],\n  "payload": {},\n  "delay_in_seconds": 0\n}',
		required: true,
		displayOptions: show(R, 'validateNode'),
		description: 'One flow node; missing "before" and "after" are sent as []',
	},
	{
		displayName: 'Contact Source ID',
		name: 'contactSourceId',
		type: 'number',
		default: 1,
		required: true,
		displayOptions: show(R, 'validateContactSource'),
		description: 'Numeric ID of the contact source',
		routing: { send: { type: 'body', property: 'id' } },
	},
	{
		displayName: 'Type',
		name: 'contactSourceType',
		type: 'string',
		default: 'manual',
		displayOptions: show(R, 'validateContactSource'),
		description: 'Kind of contact source, e.g. manual',
		routing: { send: { type: 'body', property: 'type' } },
	},
	{
		displayName: 'Options (JSON)',
		name: 'contactSourceOptions',
		type: 'json',
		default: '{}',
		displayOptions: show(R, 'validateContactSource'),
		description: 'Settings of the contact source as a JSON object',
	},
];

export const flowVersion: GrinfiResource = {
	name: 'Flow Version',
	value: R,
	description: 'Saved versions of an automation: steps (nodes) and contact sources',
	operations: versionOperations,
	fields: versionFields,
	pathParams: {
		automationId: { label: 'Automation', pattern: ID, patternHint: ID_HINT },
		flowVersionId: { label: 'Flow Version ID', pattern: ID, patternHint: ID_HINT },
	},
};
