import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import { operations, returnAllLimit, sendOption, show } from '../../shared/describe';
import { parameterError, requireSomeOf } from '../../shared/request';
import { bodyLocator, outreachLocator } from '../methods/outreach';
import { grinfi } from '../profile';
import { idList, jsonOption, sendJson } from './automation';
import { sortCollection } from '../sort';
import type { GrinfiResource } from './types';

const R = 'linkedinBrowser';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

async function recipients(this: IExecuteSingleFunctions, options: IHttpRequestOptions): Promise<IHttpRequestOptions> {
	const list = idList(this.getNodeParameter('recipients', ''));
	if (!list.length) throw parameterError(this, 'Recipients', 'needs at least one email address');
	const bad = list.find((address) => !EMAIL.test(address));
	if (bad) throw parameterError(this, 'Recipients', `has an address that is not valid: "${bad}"`);
	return { ...options, body: { ...((options.body as IDataObject) ?? {}), recipients: list } };
}

const countryCode = (name: string, required: boolean, description: string): INodeProperties => ({
	displayName: 'Proxy Country Code',
	name,
	type: 'string',
	default: '',
	required,
	placeholder: 'e.g. DE',
	description,
});

const browserOperations = operations(
	grinfi,
	R,
	[
		{ name: 'Create', value: 'create', action: 'Create a LinkedIn browser', description: 'Create a cloud browser seat for a sender profile (log in with Generate Login Link). Changes data.', method: 'POST', path: '/browsers/api/linkedin-browsers' },
		{ name: 'Delete', value: 'delete', action: 'Delete a LinkedIn browser', description: 'Delete a cloud browser seat by ID. Changes data.', method: 'DELETE', path: '/browsers/api/linkedin-browsers/{browserId}' },
		{ name: 'Generate Login Link', value: 'generateLoginLink', action: 'Generate a smart login link', description: 'Get a public page (valid 7 days) where the LinkedIn owner logs in; replaces the previous link. Changes data.', method: 'POST', path: '/browsers/api/linkedin-browsers/{browserId}/generate-external-access-key' },
		{ name: 'Get', value: 'get', action: 'Get a LinkedIn browser', description: 'Get one cloud browser seat by ID with its status. Read-only.', method: 'GET', path: '/browsers/api/linkedin-browsers/{browserId}' },
		{ name: 'Get Many', value: 'getAll', action: 'Get many LinkedIn browsers', description: 'List the cloud browser seats. Read-only.', method: 'POST', retry: 'read', path: '/browsers/api/linkedin-browsers/list', list: 'body' },
		{ name: 'Run', value: 'run', action: 'Start a LinkedIn browser session', description: 'Resume a seat that was logged in before (never one that never logged in). Changes data.', method: 'POST', path: '/browsers/api/linkedin-browsers/{browserId}/run' },
		{ name: 'Set Proxy', value: 'setProxy', action: 'Set the proxy of a LinkedIn browser', description: 'Change the proxy country of a seat. Changes data.', method: 'POST', retry: 'write', path: '/browsers/api/linkedin-browsers/{browserId}/set-proxy' },
		{ name: 'Share', value: 'share', action: 'Share a LinkedIn browser', description: 'Share a browser profile with people by email. Changes data.', method: 'POST', path: '/browsers/api/linkedin-browsers/{browserId}/share', preSend: [recipients] },
		{ name: 'Stop', value: 'stop', action: 'Stop a LinkedIn browser session', description: 'Stop a running seat. Changes data.', method: 'POST', path: '/browsers/api/linkedin-browsers/{browserId}/stop' },
		{ name: 'Update', value: 'update', action: 'Update a LinkedIn browser', description: 'Rename a seat or change its schedule. Changes data.', method: 'PUT', path: '/browsers/api/linkedin-browsers/{browserId}', preSend: [requireSomeOf('updateFields', 'Update Fields'), sendJson('updateFields.schedule', 'schedule', 'Update Fields → Schedule (JSON)', { array: false })] },
	],
	'getAll',
);

const browserFields: INodeProperties[] = [
	outreachLocator('browser', 'browserId', show(R, ['delete', 'generateLoginLink', 'get', 'run', 'setProxy', 'share', 'stop', 'update'])),
	...returnAllLimit(R, 'getAll'),
	sortCollection(show(R, 'getAll'), 'body', 'asc'),

	// Create
	bodyLocator('senderProfile', 'senderProfileId', 'sender_profile_uuid', show(R, 'create'), 'Sender profile the seat belongs to'),
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: show(R, 'create'),
		options: [sendOption({ ...countryCode('proxy_country_code', false, 'Country of the proxy, e.g. US or DE'), default: '' }, 'body', 'proxy_country_code')],
	},

	// Set proxy
	{
		...countryCode('proxyCountryCode', true, 'Country of the new proxy, e.g. US or DE'),
		default: '',
		displayOptions: show(R, 'setProxy'),
		routing: { send: { type: 'body', property: 'proxy_country_code' } },
	},

	// Share
	{
		displayName: 'Recipients',
		name: 'recipients',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. anna@example.com, ben@example.com',
		displayOptions: show(R, 'share'),
		description: 'Comma-separated email addresses to share the browser profile with',
	},

	// Update
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: show(R, 'update'),
		options: [
			sendOption({ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'New name of the seat. Not documented: the Grinfi API reference gives this endpoint no body.' }, 'body', 'name'),
			jsonOption('Schedule (JSON)', 'schedule', 'Working hours: {"timezone": "Europe/Berlin", "use_lead_timezone": false, "timeblocks": [{"dow": 1, "min": 540, "max": 1080}]}. Not documented: the Grinfi API reference gives this endpoint no body.'),
		],
	},
];

export const linkedinBrowser: GrinfiResource = {
	name: 'LinkedIn Browser',
	value: R,
	description: 'Cloud browser seats that run LinkedIn accounts',
	operations: browserOperations,
	fields: browserFields,
	pathParams: { browserId: { label: 'LinkedIn Browser', pattern: /^\d+$/, patternHint: 'a number' } },
};
