import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

import { locator, show } from '../../shared/describe';

/** GrowthGenius IDs are integers. */
export const NUMERIC_ID = /^\d+$/;
const idRule = (what: string) => ({ regex: '^\\s*[0-9]+\\s*$', message: `${what} ID must be a number` });

export const contactLocator = (displayOptions: IDisplayOptions, description?: string): INodeProperties =>
	locator({
		name: 'contactId',
		displayName: 'Contact',
		searchMethod: 'searchContacts',
		displayOptions,
		idPattern: idRule('Contact'),
		placeholder: 'e.g. 1102755',
		description: description ?? 'The contact. From List shows contacts updated in the last 90 days; pick ID for older ones.',
	});

export const messageLocator = (displayOptions: IDisplayOptions): INodeProperties =>
	locator({
		name: 'messageId',
		displayName: 'Message',
		searchMethod: 'searchMessages',
		displayOptions,
		idPattern: idRule('Message'),
		placeholder: 'e.g. 393642',
		description: 'The message. From List shows messages updated in the last 90 days; pick ID for older ones.',
	});

/** A contact locator inside a collection, sent as `contact_id`. */
export function contactIdOption(): INodeProperties {
	const { displayOptions, required, ...rest } = contactLocator({}, 'The contact the message was sent to');
	void displayOptions;
	void required;
	return { ...rest, name: 'contact_id', default: { mode: 'list', value: '' }, routing: { send: { type: 'body', property: 'contact_id', propertyInDotNotation: false } } } as INodeProperties;
}

/** Updated-between window of the Get Many lists. */
export function updatedBetween(resource: string): INodeProperties[] {
	return [
		{
			displayName: 'From',
			name: 'from',
			type: 'dateTime',
			default: '',
			required: true,
			displayOptions: show(resource, 'getAll'),
			description: 'Return records updated at or after this time (read in the workflow’s time zone when it has none)',
		},
		{
			displayName: 'To',
			name: 'to',
			type: 'dateTime',
			default: '',
			displayOptions: show(resource, 'getAll'),
			description: 'Return records updated at or before this time; leave empty for now. Must not be before From.',
		},
	];
}
