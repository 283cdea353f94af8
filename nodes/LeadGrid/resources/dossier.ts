import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import { asMultipart, readInputFile } from '../../shared/binary';
import { operations, returnAllLimit, sendOption, show } from '../../shared/describe';
import { leadGrid } from '../profile';
import { requireSomeOf } from '../../shared/request';
import { DOSSIER_STATUSES, DOSSIER_TYPES, dossierLocator, optionalLocator } from './common';

const CV_RULES = { field: 'Input Binary Field', maxBytes: 10 * 1024 * 1024, mimeTypes: ['application/pdf'], magic: '%PDF-', kind: 'a PDF' };

/** Create with "Attach CV": the same fields go out as multipart with the PDF in `cv`, in one call. */
async function attachCvOnCreate(this: IExecuteSingleFunctions, options: IHttpRequestOptions): Promise<IHttpRequestOptions> {
	if (!this.getNodeParameter('attachCv', false)) return options;
	const file = await readInputFile(this, this.getNodeParameter('binaryPropertyName', 'data') as string, CV_RULES);
	const fields = Object.fromEntries(
		Object.entries((options.body as IDataObject) ?? {}).map(([k, v]) => [k, v === null ? '' : (v as string | number)]),
	);
	return asMultipart(options, fields, [{ field: 'cv', ...file }]);
}

async function uploadCv(this: IExecuteSingleFunctions, options: IHttpRequestOptions): Promise<IHttpRequestOptions> {
	const file = await readInputFile(this, this.getNodeParameter('binaryPropertyName', 'data') as string, CV_RULES);
	if (this.getNodeParameter('uploadAs', 'multipart') === 'raw') {
		return { ...options, body: file.data, json: false, headers: { ...(options.headers ?? {}), 'Content-Type': 'application/pdf' } };
	}
	return asMultipart(options, {}, [{ field: 'cv', ...file }]);
}

export const dossierOperations = operations(
	leadGrid,
	'dossier',
	[
		{ name: 'Archive', value: 'archive', action: 'Archive a dossier', description: 'Archive a dossier by ID (a soft delete; Update can restore it). Changes data.', method: 'DELETE', path: '/dossiers/{dossierId}' },
		{ name: 'Create', value: 'create', action: 'Create a dossier', description: 'Open a dossier (a sales deal or a candidate) from a type and a name, optionally with a company, an email and a PDF CV. Returns the new dossier with its ID, flow and stage; changes data.', method: 'POST', path: '/dossiers', timeout: 300_000, preSend: [attachCvOnCreate] },
		{ name: 'Get', value: 'get', action: 'Get a dossier', description: 'Get one dossier by ID: type, name, company, status, flow and current stage. Read-only.', method: 'GET', path: '/dossiers/{dossierId}' },
		{ name: 'Get Many', value: 'getAll', action: 'Get many dossiers', description: 'List dossiers, filtered by type, status or stage. Returns one item per dossier; read-only.', method: 'GET', path: '/dossiers', list: 'qs' },
		{ name: 'Update', value: 'update', action: 'Update a dossier', description: 'Change a dossier by ID: its fields, its stage (to move it in the pipeline) or its status. Returns the updated dossier; changes data.', method: 'PATCH', path: '/dossiers/{dossierId}', preSend: [requireSomeOf('updateFields', 'Update Fields')] },
		{ name: 'Upload CV', value: 'uploadCv', action: 'Upload a CV to a dossier', description: 'Attach a PDF CV (max 10 MB) from the input item to a dossier by ID, replacing any previous one. Changes data.', method: 'POST', retry: 'write', path: '/dossiers/{dossierId}/cv', timeout: 300_000, preSend: [uploadCv] },
	],
	'getAll',
);

const stageOption = optionalLocator('current_stage_id', 'Stage', 'searchStages', 'Move the dossier to this stage; it must belong to the dossier’s flow');

const commonFields = (): INodeProperties[] => [
	sendOption({ displayName: 'Company', name: 'company', type: 'string', description: 'Candidate: current employer. Sales: target company.', default: '' }, 'body', 'company'),
	sendOption({ displayName: 'Contact Person', name: 'contact_person', type: 'string', description: 'Sales only: named contact at the target company', default: '' }, 'body', 'contact_person'),
	sendOption({ displayName: 'Deal Currency', name: 'deal_currency', type: 'string', placeholder: 'EUR', description: 'Sales only: ISO 4217 currency code', default: '' }, 'body', 'deal_currency'),
	sendOption({ displayName: 'Deal Size', name: 'deal_size', type: 'number', description: 'Sales only: expected contract value', default: 0 }, 'body', 'deal_size'),
	sendOption({ displayName: 'Email', name: 'email', type: 'string', placeholder: 'name@email.com', description: 'Primary contact email', default: '' }, 'body', 'email'),
	sendOption({ displayName: 'Intake Notes', name: 'intake_notes', type: 'string', typeOptions: { rows: 3 }, description: 'Notes shown in the dossier drawer', default: '' }, 'body', 'intake_notes'),
	sendOption({ displayName: 'Phone', name: 'phone', type: 'string', description: 'Primary contact phone', default: '' }, 'body', 'phone'),
	sendOption({ displayName: 'Role', name: 'role', type: 'string', description: 'Candidate: role applied for. Sales: role of the contact.', default: '' }, 'body', 'role'),
];

function withRouting(field: INodeProperties, property: string): INodeProperties {
	return { ...field, routing: { send: { type: 'body', property, propertyInDotNotation: false } } };
}

export const dossierFields: INodeProperties[] = [
	dossierLocator(show('dossier', ['archive', 'get', 'update', 'uploadCv'])),

	// Create
	{
		displayName: 'Type',
		name: 'type',
		type: 'options',
		options: DOSSIER_TYPES,
		default: 'sales',
		required: true,
		displayOptions: show('dossier', 'create'),
		description: 'Candidate (recruitment) or sales dossier',
		routing: { send: { type: 'body', property: 'type' } },
	},
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		displayOptions: show('dossier', 'create'),
		description: "For candidates the person's name, for sales the deal or account name",
		routing: { send: { type: 'body', property: 'name' } },
	},
	{
		displayName: 'Attach CV',
		name: 'attachCv',
		type: 'boolean',
		default: false,
		displayOptions: show('dossier', 'create'),
		description: 'Whether to attach a PDF CV from the input item in the same call; if the upload fails LeadGrid rolls the dossier back',
	},
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		displayOptions: { show: { resource: ['dossier'], operation: ['create'], attachCv: [true] } },
		hint: 'The name of the input binary field holding the PDF (max 10 MB)',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: show('dossier', 'create'),
		options: [
			sendOption({ displayName: 'Assigned To (User ID)', name: 'assigned_to', type: 'string', description: 'ID of the LeadGrid member to assign the dossier to', default: '' }, 'body', 'assigned_to'),
			...commonFields(),
			withRouting(optionalLocator('contact_id', 'Existing Contact', 'searchContacts', 'Link the dossier to this contact instead of creating a new one'), 'contact_id'),
			withRouting(optionalLocator('flow_id', 'Flow', 'searchFlows', 'Use this flow instead of the default flow for the type; the dossier starts in its first stage'), 'flow_id'),
		],
	},

	// Get Many
	...returnAllLimit('dossier', 'getAll'),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: show('dossier', 'getAll'),
		options: [
			{ ...stageOption, displayName: 'Stage', name: 'stage_id', description: 'Only dossiers currently in this stage', routing: { send: { type: 'query', property: 'stage_id' } } },
			sendOption({ displayName: 'Status', name: 'status', type: 'options', options: DOSSIER_STATUSES, default: 'active' }, 'query', 'status'),
			sendOption({ displayName: 'Type', name: 'type', type: 'options', options: DOSSIER_TYPES, default: 'sales' }, 'query', 'type'),
		],
	},

	// Update
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: show('dossier', 'update'),
		options: [
			{
				displayName: 'Assigned To (User ID)',
				name: 'assigned_to',
				type: 'string',
				default: '',
				description: 'Member to reassign the dossier to; leave empty to unassign',
				routing: { send: { type: 'body', property: 'assigned_to', value: '={{ $value === "" ? null : $value }}' } },
			},
			...commonFields(),
			sendOption({ displayName: 'Name', name: 'name', type: 'string', description: 'Rename the dossier', default: '' }, 'body', 'name'),
			withRouting({ ...stageOption, name: 'current_stage_id' }, 'current_stage_id'),
			sendOption({ displayName: 'Status', name: 'status', type: 'options', options: DOSSIER_STATUSES, default: 'active' }, 'body', 'status'),
		],
	},

	// Upload CV
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		displayOptions: show('dossier', 'uploadCv'),
		hint: 'The name of the input binary field holding the PDF (max 10 MB)',
	},
	{
		displayName: 'Upload As',
		name: 'uploadAs',
		type: 'options',
		default: 'multipart',
		displayOptions: show('dossier', 'uploadCv'),
		options: [
			{ name: 'Multipart Form (Cv Field)', value: 'multipart' },
			{ name: 'Raw PDF Body', value: 'raw' },
		],
		description: 'LeadGrid accepts both; the result is the same',
	},
];
