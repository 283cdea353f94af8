import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

import { locator } from '../../shared/describe';

const UUID = { regex: '^[0-9a-fA-F-]{8,}$', message: 'Not a LeadGrid ID' };

export const DOSSIER_TYPES = [
	{ name: 'Candidate', value: 'candidate' },
	{ name: 'Sales', value: 'sales' },
];

export const DOSSIER_STATUSES = [
	{ name: 'Active', value: 'active' },
	{ name: 'Archived', value: 'archived' },
	{ name: 'Lost', value: 'lost' },
	{ name: 'Won', value: 'won' },
];

export const CONTACT_KINDS = [
	{ name: 'Candidate', value: 'candidate' },
	{ name: 'Client', value: 'client' },
	{ name: 'Partner', value: 'partner' },
	{ name: 'Prospect', value: 'prospect' },
	{ name: 'Supplier', value: 'supplier' },
];

export const dossierLocator = (displayOptions: IDisplayOptions, description?: string): INodeProperties =>
	locator({ name: 'dossierId', displayName: 'Dossier', searchMethod: 'searchDossiers', displayOptions, idPattern: UUID, description });

export const contactLocator = (displayOptions: IDisplayOptions, description?: string): INodeProperties =>
	locator({ name: 'contactId', displayName: 'Contact', searchMethod: 'searchContacts', displayOptions, idPattern: UUID, description });

export const flowLocator = (displayOptions: IDisplayOptions): INodeProperties =>
	locator({ name: 'flowId', displayName: 'Flow', searchMethod: 'searchFlows', displayOptions, idPattern: UUID });

/** A locator used inside a collection (no display options of its own). */
export function optionalLocator(name: string, displayName: string, searchMethod: string, description: string): INodeProperties {
	const { displayOptions, required, ...rest } = locator({ name, displayName, searchMethod, displayOptions: {}, idPattern: UUID, description });
	void displayOptions;
	void required;
	return rest as INodeProperties;
}
