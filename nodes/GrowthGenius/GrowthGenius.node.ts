import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { toolDescriptions } from '../shared/describe';
import { fillPathParams } from '../shared/request';
import { simplifyProperties } from '../shared/simplify';
import { singleRequest } from '../shared/transport';
import { listSearch } from './methods';
import { addUserId, growthGenius } from './profile';
import { NUMERIC_ID } from './resources/common';
import { contactFieldsDescription, contactOperations } from './resources/contact';
import { messageFields, messageOperations } from './resources/message';
import { userFields, userOperations } from './resources/user';
import { GROWTHGENIUS_SIMPLIFY } from './simplify';

const operationDropdowns = [contactOperations, messageOperations, userOperations];

export class GrowthGenius implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'GrowthGenius',
		name: 'growthGenius',
		icon: { light: 'file:growthgenius.svg', dark: 'file:growthgenius.dark.svg' },
		group: ['transform'],
		// 1.1: Simplify is on by default for new nodes (version 1 nodes keep their output)
		version: [1, 1.1],
		defaultVersion: 1.1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Manage GrowthGenius contacts and messages',
		defaults: { name: 'GrowthGenius' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'growthGeniusApi', required: true }],
		// No baseURL here: n8n would evaluate it as an expression twice per item (a large part of the
		// CPU per item); the shared transport resolves relative URLs against the credential's base URL.
		requestDefaults: {
			headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
			json: true,
		},
		requestOperations: { pagination: singleRequest(growthGenius) },
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Contact', value: 'contact' },
					{ name: 'Message', value: 'message' },
					{ name: 'User', value: 'user' },
				],
				default: 'contact',
				// Every request goes through the pack's transport; IDs are checked and user_id added first.
				routing: {
					send: {
						paginate: true,
						preSend: [
							fillPathParams({
								contactId: { label: 'Contact', pattern: NUMERIC_ID, patternHint: 'a number (GrowthGenius contact ID)' },
								messageId: { label: 'Message', pattern: NUMERIC_ID, patternHint: 'a number (GrowthGenius message ID)' },
							}),
							addUserId,
						],
					},
				},
			},
			...operationDropdowns,
			...toolDescriptions('GrowthGenius', operationDropdowns),
			...contactFieldsDescription,
			...messageFields,
			...userFields,
			...simplifyProperties(operationDropdowns, GROWTHGENIUS_SIMPLIFY),
		],
	};

	methods = { listSearch };
}
