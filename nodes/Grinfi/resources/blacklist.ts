import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import { operations, returnAllLimit, show } from '../../shared/describe';
import { parameterError, withoutEmpty } from '../../shared/request';
import { setBody } from '../methods/crm';
import { grinfi } from '../profile';
import { ID, ID_HINT } from './contact';
import type { GrinfiResource } from './types';

const R = 'blacklist';

/** Sends the identifiers of an entry; at least one is needed. */
function entryBody(parameter: string, needed: string) {
	return async function (this: IExecuteSingleFunctions, options: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		const values = withoutEmpty({ ...(this.getNodeParameter(parameter, {}) as IDataObject) });
		if (!Object.keys(values).length) throw parameterError(this, 'Identify By', `needs at least one of ${needed}`);
		return setBody(options, values);
	};
}

const blacklistOperations = operations(
	grinfi,
	R,
	[
		{ name: 'Add Company', value: 'addCompany', action: 'Add a company to the blacklist', description: 'Blacklist a company (by LinkedIn, domain or name) so its people are never contacted. Changes data.', method: 'POST', path: '/leads/api/companies-blacklist', preSend: [entryBody('companyEntry', 'LinkedIn URL, Domain or Name')] },
		{ name: 'Add Contact', value: 'addContact', action: 'Add a contact to the blacklist', description: 'Blacklist a person (by LinkedIn, email or name) so they are never contacted. Changes data.', method: 'POST', path: '/leads/api/leads-blacklist', preSend: [entryBody('contactEntry', 'LinkedIn URL, Email or Name')] },
		{ name: 'Get Many Companies', value: 'getAllCompanies', action: 'Get many blacklisted companies', description: 'List the blacklisted companies. Read-only.', method: 'GET', path: '/leads/api/companies-blacklist', list: 'qs' },
		{ name: 'Get Many Contacts', value: 'getAllContacts', action: 'Get many blacklisted contacts', description: 'List the blacklisted people. Read-only.', method: 'GET', path: '/leads/api/leads-blacklist', list: 'qs' },
		{ name: 'Remove Company', value: 'removeCompany', action: 'Remove a company from the blacklist', description: 'Remove a company blacklist entry by ID. Changes data.', method: 'DELETE', path: '/leads/api/companies-blacklist/{blacklistEntryId}' },
		{ name: 'Remove Contact', value: 'removeContact', action: 'Remove a contact from the blacklist', description: 'Remove a person blacklist entry by ID. Changes data.', method: 'DELETE', path: '/leads/api/leads-blacklist/{blacklistEntryId}' },
	],
	'getAllContacts',
);

const text = (displayName: string, name: string, description: string, placeholder?: string): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	default: '',
	description,
	...(placeholder ? { placeholder } : {}),
});

const blacklistFields: INodeProperties[] = [
	{
		displayName: 'Entry ID',
		name: 'blacklistEntryId',
		type: 'string',
		default: '',
		required: true,
		displayOptions: show(R, ['removeCompany', 'removeContact']),
		description: 'UUID of the blacklist entry (from Get Many)',
	},
	{
		displayName: 'Identify By',
		name: 'contactEntry',
		type: 'collection',
		placeholder: 'Add Identifier',
		default: {},
		displayOptions: show(R, 'addContact'),
		description: 'At least one of these identifies the person',
		options: [
			text('Company Name', 'company_name', 'Company, together with the name'),
			text('Email', 'email', 'Email address', 'name@email.com'),
			text('LinkedIn URL', 'linkedin', 'Profile URL or nickname'),
			text('Name', 'name', 'Full name'),
		],
	},
	{
		displayName: 'Identify By',
		name: 'companyEntry',
		type: 'collection',
		placeholder: 'Add Identifier',
		default: {},
		displayOptions: show(R, 'addCompany'),
		description: 'At least one of these identifies the company',
		options: [
			text('Domain', 'domain', 'Company domain', 'e.g. acme.com'),
			text('LinkedIn URL', 'linkedin', 'Company LinkedIn page'),
			text('Name', 'name', 'Company name'),
		],
	},
	...returnAllLimit(R, ['getAllCompanies', 'getAllContacts']),
];

export const blacklist: GrinfiResource = {
	name: 'Blacklist',
	value: R,
	description: 'People and companies never to contact',
	operations: blacklistOperations,
	fields: blacklistFields,
	pathParams: { blacklistEntryId: { label: 'Entry ID', pattern: ID, patternHint: ID_HINT } },
};
