import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import { operations, returnAllLimit, sendOption, show } from '../../shared/describe';
import { requireSomeOf } from '../../shared/request';
import { bodyLocator, outreachLocator } from '../methods/outreach';
import { grinfi } from '../profile';
import { ID, ID_HINT, jsonOption, sendJson } from './automation';
import type { GrinfiResource } from './types';

const R = 'aiTemplate';

export const TEMPLATE_TYPES = [
	{ name: 'Connection Note', value: 'connection_note' },
	{ name: 'Email', value: 'email' },
	{ name: 'Message', value: 'message' },
	{ name: 'Post Comment', value: 'post_comment' },
];

/** Grinfi answers 500 when `is_public` is missing, and wants it as 1 or 0. */
async function isPublic(this: IExecuteSingleFunctions, options: IHttpRequestOptions): Promise<IHttpRequestOptions> {
	const value = this.getNodeParameter('isPublic', false) ? 1 : 0;
	return { ...options, body: { ...((options.body as IDataObject) ?? {}), is_public: value } };
}

const templateOptions = (collection: string, verb: string): INodeProperties[] => [
	sendOption({ displayName: 'Body', name: 'body', type: 'string', typeOptions: { rows: 5 }, default: '', description: `${verb} text; {{first_name}} style variables work` }, 'body', 'body'),
	sendOption({ displayName: 'Enable Fallback', name: 'enable_fallback', type: 'boolean', default: false, description: 'Whether to send the fallback text when generation fails' }, 'body', 'enable_fallback'),
	sendOption({ displayName: 'Enable Validation', name: 'enable_validation', type: 'boolean', default: false, description: 'Whether a second model checks the generated text' }, 'body', 'enable_validation'),
	jsonOption('LLM Config (JSON)', 'llm_config', `Model settings as a JSON object (${collection})`),
	sendOption({ displayName: 'LLM ID', name: 'llm_uuid', type: 'string', default: '', description: 'UUID of the connected LLM that writes the text' }, 'body', 'llm_uuid'),
	sendOption({ displayName: 'Prompt', name: 'prompt', type: 'string', typeOptions: { rows: 4 }, default: '', description: 'Instructions for the model' }, 'body', 'prompt'),
	jsonOption('Settings (JSON)', 'settings', 'Other template settings as a JSON object'),
	sendOption({ displayName: 'Subject', name: 'subject', type: 'string', default: '', description: `${verb} subject (emails, InMails)` }, 'body', 'subject'),
];

const jsonOf = (collection: string, label: string) => [
	sendJson(`${collection}.llm_config`, 'llm_config', `${label} → LLM Config (JSON)`, { array: false }),
	sendJson(`${collection}.settings`, 'settings', `${label} → Settings (JSON)`, { array: false }),
];

const templateOperations = operations(
	grinfi,
	R,
	[
		{ name: 'Create', value: 'create', action: 'Create an AI template', description: 'Create a message template, optionally written by AI', method: 'POST', path: '/flows/api/ai-templates', preSend: [isPublic, ...jsonOf('additionalFields', 'Additional Fields')] },
		{ name: 'Delete', value: 'delete', action: 'Delete an AI template', description: 'Delete a template (Grinfi still lists it afterwards)', method: 'DELETE', path: '/flows/api/ai-templates/{aiTemplateId}' },
		{ name: 'Get', value: 'get', action: 'Get an AI template', description: 'Retrieve a template', method: 'GET', path: '/flows/api/ai-templates/{aiTemplateId}' },
		{ name: 'Get Many', value: 'getAll', action: 'Get many AI templates', description: 'List templates', method: 'GET', path: '/flows/api/ai-templates', list: 'qs' },
		{ name: 'Render', value: 'render', action: 'Render an AI template', description: 'Render a template for a contact and a sender profile', method: 'POST', retry: 'read', path: '/flows/api/ai-templates/render' },
		{ name: 'Update', value: 'update', action: 'Update an AI template', description: 'Change a template', method: 'PUT', path: '/flows/api/ai-templates/{aiTemplateId}', preSend: [requireSomeOf('updateFields', 'Update Fields'), ...jsonOf('updateFields', 'Update Fields')] },
	],
	'getAll',
);

const templateFields: INodeProperties[] = [
	outreachLocator('aiTemplate', 'aiTemplateId', show(R, ['delete', 'get', 'update'])),
	...returnAllLimit(R, 'getAll'),
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		displayOptions: show(R, 'create'),
		description: 'Name of the template',
		routing: { send: { type: 'body', property: 'name' } },
	},
	{
		displayName: 'Type',
		name: 'type',
		type: 'options',
		options: TEMPLATE_TYPES,
		default: 'message',
		required: true,
		displayOptions: show(R, 'create'),
		description: 'What the template writes',
		routing: { send: { type: 'body', property: 'type' } },
	},
	{
		displayName: 'Is Public',
		name: 'isPublic',
		type: 'boolean',
		default: false,
		displayOptions: show(R, 'create'),
		description: 'Whether the whole team can use the template (always sent, as 1 or 0)',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: show(R, 'create'),
		options: templateOptions('additional fields', 'The'),
	},
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: show(R, 'update'),
		options: [
			...templateOptions('update fields', 'New').slice(0, 4),
			sendOption({ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'New name' }, 'body', 'name'),
			...templateOptions('update fields', 'New').slice(4),
		],
	},

	// Render
	{
		displayName: 'Template',
		name: 'renderMode',
		type: 'options',
		options: [
			{ name: 'Saved Template', value: 'saved', description: 'Render a saved template; the fields below override its own' },
			{ name: 'Ad Hoc', value: 'adHoc', description: 'Render a template given here (subject, body, prompt…) without saving it' },
		],
		default: 'saved',
		displayOptions: show(R, 'render'),
		description: 'Whether to render a saved template or one described here',
	},
	bodyLocator('aiTemplate', 'renderTemplateId', 'uuid', show(R, 'render', { renderMode: ['saved'] }), 'Saved template to render', 'AI Template'),
	bodyLocator('contact', 'contactId', 'lead_uuid', show(R, 'render'), 'Contact to render the template for'),
	bodyLocator('senderProfile', 'senderProfileId', 'sender_profile_uuid', show(R, 'render'), 'Sender profile the text is written as'),
	{
		displayName: 'Template Fields',
		name: 'renderFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: show(R, 'render'),
		description: 'The template to render (ad hoc), or what to change of the saved one for this render',
		options: [
			...templateOptions('template fields', 'The').map((option) =>
				option.name === 'llm_config' || option.name === 'settings'
					? { ...option, routing: { send: { preSend: [sendJson(`renderFields.${option.name}`, option.name, `Template Fields → ${option.displayName}`, { array: false })] } } }
					: option,
			),
			sendOption({ displayName: 'Type', name: 'type', type: 'options', options: TEMPLATE_TYPES, default: 'message', description: 'What the template writes' }, 'body', 'type'),
		],
	},
];

export const aiTemplate: GrinfiResource = {
	name: 'AI Template',
	value: R,
	description: 'Message templates, optionally written by AI',
	operations: templateOperations,
	fields: templateFields,
	pathParams: { aiTemplateId: { label: 'AI Template', pattern: ID, patternHint: ID_HINT } },
};
