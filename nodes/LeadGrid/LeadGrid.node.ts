import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { toolDescriptions } from '../shared/describe';
import { fillPathParams } from '../shared/request';
import { simplifyProperties } from '../shared/simplify';
import { singleRequest } from '../shared/transport';
import { listSearch } from './methods';
import { leadGrid } from './profile';
import { contactFieldsDescription, contactOperations } from './resources/contact';
import { dossierFields, dossierOperations } from './resources/dossier';
import { dossierContactFields, dossierContactOperations } from './resources/dossierContact';
import { flowFields, flowOperations } from './resources/flow';
import { noteFields, noteOperations } from './resources/note';
import { LEADGRID_SIMPLIFY } from './simplify';

const operationDropdowns = [contactOperations, dossierOperations, dossierContactOperations, flowOperations, noteOperations];

const UUID = /^[0-9a-zA-Z-]{8,}$/;

export class LeadGrid implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'LeadGrid',
		name: 'leadGrid',
		icon: { light: 'file:leadgrid.svg', dark: 'file:leadgrid.dark.svg' },
		group: ['transform'],
		// 1.1: Simplify is on by default for new nodes (version 1 nodes keep their output)
		version: [1, 1.1],
		defaultVersion: 1.1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Manage LeadGrid dossiers, contacts, flows and notes',
		defaults: { name: 'LeadGrid' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'leadGridApi', required: true }],
		// No baseURL here: n8n would evaluate it as an expression twice per item (a large part of the
		// CPU per item); the shared transport resolves relative URLs against the credential's base URL.
		requestDefaults: {
			headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
			json: true,
		},
		requestOperations: { pagination: singleRequest(leadGrid) },
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Contact', value: 'contact' },
					{ name: 'Dossier', value: 'dossier' },
					{ name: 'Dossier Contact', value: 'dossierContact' },
					{ name: 'Flow', value: 'flow' },
					{ name: 'Note', value: 'note' },
				],
				default: 'dossier',
				// Every request goes through the pack's transport (pacing, retry, errors, paging).
				routing: {
					send: {
						paginate: true,
						preSend: [
							fillPathParams({
								dossierId: { label: 'Dossier', pattern: UUID, patternHint: 'a LeadGrid ID' },
								contactId: { label: 'Contact', pattern: UUID, patternHint: 'a LeadGrid ID' },
								flowId: { label: 'Flow', pattern: UUID, patternHint: 'a LeadGrid ID' },
							}),
						],
					},
				},
			},
			...operationDropdowns,
			...toolDescriptions('LeadGrid', operationDropdowns),
			...contactFieldsDescription,
			...dossierFields,
			...dossierContactFields,
			...flowFields,
			...noteFields,
			...simplifyProperties(operationDropdowns, LEADGRID_SIMPLIFY),
		],
	};

	methods = { listSearch };
}
