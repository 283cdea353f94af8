import type { INodeProperties } from 'n8n-workflow';

import { operations, returnAllLimit, sendOption, show } from '../../shared/describe';
import { requireSomeOf } from '../../shared/request';
import { dateRange, deleted, growthGenius, limitLocally, wrapBody } from '../profile';
import { contactLocator, updatedBetween } from './common';

export const contactOperations = operations(
	growthGenius,
	'contact',
	[
		{ name: 'Create', value: 'create', action: 'Create a contact', description: 'Create a contact from its fields (name, email, company, LinkedIn URL…). GrowthGenius never deduplicates, so search first. Returns the contact with its ID; changes data.', method: 'POST', path: '/integrations/v1/contacts', preSend: [wrapBody('contact', 'create')] },
		{ name: 'Delete', value: 'delete', action: 'Delete a contact', description: 'Delete a contact by ID. Changes data.', method: 'DELETE', path: '/integrations/v1/contacts/{contactId}', postReceive: [deleted('contactId')] },
		{ name: 'Get', value: 'get', action: 'Get a contact', description: 'Get one contact by its numeric ID: name, emails, phones, company, LinkedIn URL, stage and status. Read-only.', method: 'GET', path: '/integrations/v1/contacts/{contactId}' },
		{ name: 'Get Many', value: 'getAll', action: 'Get many contacts', description: 'List the contacts updated between two times (From is required). Returns one item per contact; read-only.', method: 'GET', path: '/integrations/v1/contacts', preSend: [dateRange], postReceive: [limitLocally] },
		{ name: 'Update', value: 'update', action: 'Update a contact', description: 'Change fields of a contact by ID. Returns the contact; changes data.', method: 'PATCH', path: '/integrations/v1/contacts/{contactId}', preSend: [requireSomeOf('updateFields', 'Update Fields'), wrapBody('contact', 'update')] },
	],
	'create',
);

/** The documented contact fields (see the Contact API's response), sent inside `contact`. */
function contactFields(): INodeProperties[] {
	const fields: INodeProperties[] = [
		sendOption({ displayName: 'Annual Revenue', name: 'annual_revenue', type: 'string', default: '' }, 'body', 'annual_revenue'),
		sendOption({ displayName: 'Bad Data Reason', name: 'bad_data_reason', type: 'string', description: 'Why the contact data is considered bad', default: '' }, 'body', 'bad_data_reason'),
		sendOption({ displayName: 'City', name: 'city', type: 'string', default: '' }, 'body', 'city'),
		sendOption({ displayName: 'Company Address', name: 'company_address', type: 'string', default: '' }, 'body', 'company_address'),
		sendOption({ displayName: 'Company City', name: 'company_city', type: 'string', default: '' }, 'body', 'company_city'),
		sendOption({ displayName: 'Company Country', name: 'company_country', type: 'string', default: '' }, 'body', 'company_country'),
		sendOption({ displayName: 'Company LinkedIn URL', name: 'company_linkedin_url', type: 'string', placeholder: 'linkedin.com/company/…', default: '' }, 'body', 'company_linkedin_url'),
		sendOption({ displayName: 'Company Name', name: 'company_name', type: 'string', default: '' }, 'body', 'company_name'),
		sendOption({ displayName: 'Company Name (Informal)', name: 'company_name_informal', type: 'string', description: 'Short name people use, e.g. "Apple" for "Apple Inc."', default: '' }, 'body', 'company_name_informal'),
		sendOption({ displayName: 'Company State', name: 'company_state', type: 'string', default: '' }, 'body', 'company_state'),
		sendOption({ displayName: 'Corporate Phone', name: 'corporate_phone', type: 'string', default: '' }, 'body', 'corporate_phone'),
		sendOption({ displayName: 'Country', name: 'country', type: 'string', default: '' }, 'body', 'country'),
		sendOption({ displayName: 'Custom 1', name: 'custom1', type: 'string', default: '' }, 'body', 'custom1'),
		sendOption({ displayName: 'Custom 2', name: 'custom2', type: 'string', default: '' }, 'body', 'custom2'),
		sendOption({ displayName: 'Custom 3', name: 'custom3', type: 'string', default: '' }, 'body', 'custom3'),
		sendOption({ displayName: 'Custom 4', name: 'custom4', type: 'string', default: '' }, 'body', 'custom4'),
		sendOption({ displayName: 'Custom 5', name: 'custom5', type: 'string', default: '' }, 'body', 'custom5'),
		sendOption({ displayName: 'Custom 6', name: 'custom6', type: 'string', default: '' }, 'body', 'custom6'),
		sendOption({ displayName: 'Custom 7', name: 'custom7', type: 'string', default: '' }, 'body', 'custom7'),
		sendOption({ displayName: 'Custom 8', name: 'custom8', type: 'string', default: '' }, 'body', 'custom8'),
		sendOption({ displayName: 'Custom 9', name: 'custom9', type: 'string', default: '' }, 'body', 'custom9'),
		sendOption({ displayName: 'Email Status', name: 'email_status', type: 'string', description: 'Verification status of the email', default: '' }, 'body', 'email_status'),
		sendOption({ displayName: 'Employee Count', name: 'employee_count', type: 'number', typeOptions: { minValue: 0 }, default: 0 }, 'body', 'employee_count'),
		sendOption({ displayName: 'Facebook URL', name: 'facebook_url', type: 'string', default: '' }, 'body', 'facebook_url'),
		sendOption({ displayName: 'First Phone', name: 'first_phone', type: 'string', default: '' }, 'body', 'first_phone'),
		sendOption({ displayName: 'Full Name', name: 'full_name', type: 'string', default: '' }, 'body', 'full_name'),
		sendOption({ displayName: 'Home Phone', name: 'home_phone', type: 'string', default: '' }, 'body', 'home_phone'),
		sendOption({ displayName: 'Industry', name: 'industry', type: 'string', default: '' }, 'body', 'industry'),
		sendOption({ displayName: 'Keywords', name: 'keywords', type: 'string', description: 'Comma-separated keywords', default: '' }, 'body', 'keywords'),
		sendOption({ displayName: 'Label Names', name: 'label_names', type: 'string', description: 'Labels of the contact (the reference shows no example value)', default: '' }, 'body', 'label_names'),
		sendOption({ displayName: 'LinkedIn URL', name: 'linkedin_url', type: 'string', placeholder: 'linkedin.com/in/…', default: '' }, 'body', 'linkedin_url'),
		sendOption({ displayName: 'LinkedIn Username', name: 'linkedin_username', type: 'string', placeholder: 'e.g. tony-barkley-92824584', default: '' }, 'body', 'linkedin_username'),
		sendOption({ displayName: 'Lists', name: 'lists', type: 'string', description: 'Lists of the contact (the reference shows no example value)', default: '' }, 'body', 'lists'),
		sendOption({ displayName: 'Mobile Phone', name: 'mobile_phone', type: 'string', default: '' }, 'body', 'mobile_phone'),
		sendOption({ displayName: 'Name', name: 'name', type: 'string', description: 'Display name, e.g. Tony Barkley', default: '' }, 'body', 'name'),
		sendOption({ displayName: 'Other Phone', name: 'other_phone', type: 'string', default: '' }, 'body', 'other_phone'),
		sendOption({ displayName: 'SEO Description', name: 'seo_description', type: 'string', default: '' }, 'body', 'seo_description'),
		sendOption({ displayName: 'Stage', name: 'stage', type: 'string', default: '' }, 'body', 'stage'),
		sendOption({ displayName: 'State', name: 'state', type: 'string', description: 'State or region of the contact', default: '' }, 'body', 'state'),
		sendOption({ displayName: 'Status', name: 'status', type: 'string', placeholder: 'e.g. Ongoing', default: '' }, 'body', 'status'),
		sendOption({ displayName: 'Technologies', name: 'technologies', type: 'string', description: 'Comma-separated technologies the company uses', default: '' }, 'body', 'technologies'),
		sendOption({ displayName: 'Title', name: 'title', type: 'string', description: 'Job title', default: '' }, 'body', 'title'),
		sendOption({ displayName: 'Twitter URL', name: 'twitter_url', type: 'string', default: '' }, 'body', 'twitter_url'),
		sendOption({ displayName: 'Unstructured Data', name: 'unstructured_data', type: 'string', description: 'Free-form notes kept with the contact', default: '' }, 'body', 'unstructured_data'),
		sendOption({ displayName: 'Upload Identifier', name: 'upload_identifier', type: 'string', description: 'Your identifier of the import the contact came from', default: '' }, 'body', 'upload_identifier'),
		sendOption({ displayName: 'Website', name: 'website', type: 'string', placeholder: 'e.g. apple.com', default: '' }, 'body', 'website'),
		sendOption({ displayName: 'Work Phone', name: 'work_phone', type: 'string', default: '' }, 'body', 'work_phone'),
	];
	return fields;
}

export const contactFieldsDescription: INodeProperties[] = [
	{
		displayName:
			'GrowthGenius never deduplicates on Create: a contact with the same email or name and company as an existing one becomes a second contact. To change an existing contact use Update.',
		name: 'dedupeNotice',
		type: 'notice',
		default: '',
		displayOptions: show('contact', 'create'),
	},
	contactLocator(show('contact', ['delete', 'get', 'update'])),
	{
		displayName: 'First Name',
		name: 'firstName',
		type: 'string',
		default: '',
		displayOptions: show('contact', 'create'),
		routing: { send: { type: 'body', property: 'first_name', propertyInDotNotation: false } },
	},
	{
		displayName: 'Last Name',
		name: 'lastName',
		type: 'string',
		default: '',
		displayOptions: show('contact', 'create'),
		routing: { send: { type: 'body', property: 'last_name', propertyInDotNotation: false } },
	},
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		default: '',
		displayOptions: show('contact', 'create'),
		routing: { send: { type: 'body', property: 'email', propertyInDotNotation: false } },
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: show('contact', 'create'),
		options: contactFields(),
	},
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: show('contact', 'update'),
		description: 'The fields to change; a field added but left empty is cleared',
		options: [
			...contactFields(),
			sendOption({ displayName: 'Email', name: 'email', type: 'string', placeholder: 'name@email.com', default: '' }, 'body', 'email'),
			sendOption({ displayName: 'First Name', name: 'first_name', type: 'string', default: '' }, 'body', 'first_name'),
			sendOption({ displayName: 'Last Name', name: 'last_name', type: 'string', default: '' }, 'body', 'last_name'),
		].sort((a, b) => a.displayName.localeCompare(b.displayName)),
	},
	...updatedBetween('contact'),
	...returnAllLimit('contact', 'getAll'),
];
