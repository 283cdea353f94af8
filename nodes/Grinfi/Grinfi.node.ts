import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { toolDescriptions } from '../shared/describe';
import { fillPathParams } from '../shared/request';
import { simplifyProperties } from '../shared/simplify';
import { singleRequest } from '../shared/transport';
import { crmListSearch, crmLoadOptions, outreachListSearch, outreachLoadOptions } from './methods';
import { grinfi } from './profile';
import { crmResources } from './resources/crm';
import { outreachResources } from './resources/outreach';
import { GRINFI_SIMPLIFY } from './simplify';

const resources = [...crmResources, ...outreachResources].sort((a, b) => a.name.localeCompare(b.name));
const operationDropdowns = resources.map((r) => r.operations);
const pathParams = Object.assign({}, ...resources.map((r) => r.pathParams ?? {}));

export class Grinfi implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Grinfi',
		name: 'grinfi',
		icon: { light: 'file:grinfi.svg', dark: 'file:grinfi.dark.svg' },
		group: ['transform'],
		// 1.1: Simplify is on by default for new nodes (version 1 nodes keep their output)
		version: [1, 1.1],
		defaultVersion: 1.1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'LinkedIn and email outreach with Grinfi.io: contacts, automations, messages and more',
		defaults: { name: 'Grinfi' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'grinfiApi', required: true }],
		// No baseURL here: n8n would evaluate it as an expression twice per item (a large part of the
		// CPU per item); the shared transport resolves relative URLs against the credential's base URL.
		requestDefaults: {
			headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
			json: true,
		},
		requestOperations: { pagination: singleRequest(grinfi) },
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: resources.map(({ name, value, description }) => ({ name, value, description })),
				default: 'contact',
				// Every request goes through the pack's transport (pacing, retry, errors, paging).
				routing: { send: { paginate: true, preSend: [fillPathParams(pathParams)] } },
			},
			...operationDropdowns,
			...toolDescriptions('Grinfi', operationDropdowns, {
				'contact.upsert':
					'Create a contact in a list from a LinkedIn URL or ID, or update it if it exists, with standard and custom fields. Returns the contact with its ID; changes data.',
			}),
			...resources.flatMap((r) => r.fields),
			...simplifyProperties(operationDropdowns, GRINFI_SIMPLIFY),
		],
	};

	methods = {
		listSearch: { ...crmListSearch, ...outreachListSearch },
		loadOptions: { ...crmLoadOptions, ...outreachLoadOptions },
	};
}
