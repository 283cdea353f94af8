/** Resource-locator searches, option lists and locators for the outreach resources. */
import type {
	IDataObject,
	IDisplayOptions,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import { locator } from '../../shared/describe';
import { searchList } from '../../shared/listSearch';
import type { ApiRequestOptions } from '../../shared/transport';
import { apiRequest, jsonBody } from '../../shared/transport';
import { grinfi } from '../profile';
import { crmListSearch, label } from './crm';

const UUID = { regex: '^[0-9a-zA-Z-]{8,}$', message: 'Not a Grinfi ID' };
const INTEGER = { regex: '^[0-9]+$', message: 'A LinkedIn browser ID is a number' };

function personName(record: IDataObject): string {
	return label(record.first_name, record.last_name) || String(record.name ?? record.uuid);
}

async function list(
	ctx: ILoadOptionsFunctions,
	url: string,
	toItem: (record: IDataObject) => INodeListSearchItems,
	filter?: string,
	filterQuery?: string,
	paging: 'qs' | 'unpaged' = 'qs',
): Promise<INodeListSearchResult> {
	return await searchList(ctx, grinfi, { url }, toItem, filter, filterQuery, paging);
}

/** Paged POST lists (browsers, contact search) read their page from the body. */
async function searchByPost(
	ctx: ILoadOptionsFunctions,
	url: string,
	body: IDataObject,
	toItem: (record: IDataObject) => INodeListSearchItems,
	filter?: string,
): Promise<INodeListSearchResult> {
	const options: ApiRequestOptions = { method: 'POST', url, body: { ...body, limit: 100, offset: 0 }, policy: { retry: 'read' } };
	const response = await apiRequest.call(ctx, grinfi, options);
	const records = grinfi.pager?.records(jsonBody(response.body)) ?? [];
	let results = records.map(toItem);
	if (filter) {
		const needle = filter.toLowerCase();
		results = results.filter((r) => r.name.toLowerCase().includes(needle) || String(r.value).toLowerCase() === needle);
	}
	return { results };
}

const automationItem = (f: IDataObject) => ({ name: `${String(f.name)} (${String(f.status)})`, value: String(f.uuid) });
const senderItem = (s: IDataObject) => ({
	name: s.label ? `${personName(s)} (${String(s.label)})` : personName(s),
	value: String(s.uuid),
});
const mailboxItem = (m: IDataObject) => ({ name: `${String(m.sender_name ?? '')} <${String(m.email)}>`.trim(), value: String(m.uuid) });
const namedItem = (r: IDataObject) => ({ name: String(r.name ?? r.uuid), value: String(r.uuid) });

export const outreachListSearch = {
	async searchAutomations(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
		return await list(this, '/flows/api/flows', automationItem, filter, 'filter[q]');
	},
	async searchAutomationFolders(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
		return await list(this, '/flows/api/flow-workspaces', namedItem, filter, undefined, 'unpaged');
	},
	async searchSenderProfiles(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
		return await list(this, '/flows/api/sender-profiles', senderItem, filter, 'filter[q]');
	},
	async searchMailboxes(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
		return await list(this, '/emails/api/mailboxes', mailboxItem, filter, 'filter[q]');
	},
	async searchAiTemplates(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
		return await list(this, '/flows/api/ai-templates', (t) => ({
			name: `${String(t.name)} (${String(t.type)})`,
			value: String(t.uuid),
		}), filter);
	},
	async searchAiAgents(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
		return await list(this, '/flows/api/ai-agents', namedItem, filter);
	},
	async searchWebhooks(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
		return await list(this, '/integrations/api/webhooks', (w) => ({
			name: `${String(w.name)} (${String(w.event)})`,
			value: String(w.uuid),
		}), filter, undefined, 'unpaged');
	},
	async searchLinkedinBrowsers(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
		return await searchByPost(this, '/browsers/api/linkedin-browsers/list', {}, (b) => ({
			name: `${String(b.name ?? b.id)} (${String(b.status)})`,
			value: String(b.id),
		}), filter);
	},
	/** Contacts for the outreach resources, searched by name, company or email on the server. */
	/** The CRM's contact search (server side, filter.q), under the name the outreach locators use. */
	async searchContactsForOutreach(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
		return await crmListSearch.searchContacts.call(this, filter);
	},
	async searchListsForOutreach(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
		return await crmListSearch.searchLists.call(this, filter);
	},
};

async function optionsOf(
	ctx: ILoadOptionsFunctions,
	url: string,
	toItem: (record: IDataObject) => INodeListSearchItems,
): Promise<INodePropertyOptions[]> {
	const { results } = await list(ctx, url, toItem);
	return results
		.map((r) => ({ name: r.name, value: r.value }))
		.sort((a, b) => a.name.localeCompare(b.name));
}

export const outreachLoadOptions = {
	async getAutomationOptions(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return await optionsOf(this, '/flows/api/flows', automationItem);
	},
	async getSenderProfileOptions(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return await optionsOf(this, '/flows/api/sender-profiles', senderItem);
	},
	async getMailboxOptions(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return await optionsOf(this, '/emails/api/mailboxes', mailboxItem);
	},
	/** Mailbox addresses: the value is the email the message is sent from. */
	async getMailboxAddressOptions(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return await optionsOf(this, '/emails/api/mailboxes', (m) => ({ ...mailboxItem(m), value: String(m.email) }));
	},
};

// ---------------------------------------------------------------------------------------------
// Locators of the outreach resources (the list modes use the searches above).

interface LocatorSpec {
	displayName: string;
	searchMethod: string;
	id?: { regex: string; message: string };
	placeholder?: string;
}

const LOCATORS = {
	automation: { displayName: 'Automation', searchMethod: 'searchAutomations' },
	folder: { displayName: 'Folder', searchMethod: 'searchAutomationFolders' },
	senderProfile: { displayName: 'Sender Profile', searchMethod: 'searchSenderProfiles' },
	mailbox: { displayName: 'Mailbox', searchMethod: 'searchMailboxes' },
	aiTemplate: { displayName: 'AI Template', searchMethod: 'searchAiTemplates' },
	aiAgent: { displayName: 'AI Agent', searchMethod: 'searchAiAgents' },
	webhook: { displayName: 'Webhook', searchMethod: 'searchWebhooks' },
	browser: { displayName: 'LinkedIn Browser', searchMethod: 'searchLinkedinBrowsers', id: INTEGER, placeholder: 'e.g. 1234' },
	contact: { displayName: 'Contact', searchMethod: 'searchContactsForOutreach' },
	list: { displayName: 'List', searchMethod: 'searchListsForOutreach' },
} satisfies Record<string, LocatorSpec>;

export type LocatorKind = keyof typeof LOCATORS;

/** A required locator shown for the given operations. */
export function outreachLocator(
	kind: LocatorKind,
	name: string,
	displayOptions: IDisplayOptions,
	description?: string,
	displayName?: string,
): INodeProperties {
	const spec: LocatorSpec = LOCATORS[kind];
	return locator({
		name,
		displayName: displayName ?? spec.displayName,
		searchMethod: spec.searchMethod,
		displayOptions,
		idPattern: spec.id ?? UUID,
		placeholder: spec.placeholder,
		description,
	});
}

/** The same locator inside a collection: no display options, not required, sent to the body. */
export function optionalLocator(
	kind: LocatorKind,
	name: string,
	description: string,
	bodyProperty?: string,
	displayName?: string,
): INodeProperties {
	const { displayOptions, required, ...rest } = outreachLocator(kind, name, {}, description, displayName);
	void displayOptions;
	void required;
	return {
		...(rest as INodeProperties),
		...(bodyProperty ? { routing: { send: { type: 'body', property: bodyProperty, propertyInDotNotation: false } } } : {}),
	};
}

/** A required locator whose ID goes into the body. */
export function bodyLocator(
	kind: LocatorKind,
	name: string,
	bodyProperty: string,
	displayOptions: IDisplayOptions,
	description?: string,
	displayName?: string,
): INodeProperties {
	return {
		...outreachLocator(kind, name, displayOptions, description, displayName),
		routing: { send: { type: 'body', property: bodyProperty, propertyInDotNotation: false } },
	};
}
