import type { IDataObject, ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import { ggRequest } from './profile';

/** The lists have no pagination and need a window: the last 90 days, most recently updated first. */
const WINDOW_MS = 90 * 24 * 3600 * 1000;
const MAX_RESULTS = 200;

async function recent(ctx: ILoadOptionsFunctions, url: string): Promise<IDataObject[]> {
	const now = Date.now();
	const records = await ggRequest(ctx, {
		method: 'GET',
		url,
		qs: { from: new Date(now - WINDOW_MS).toISOString(), to: new Date(now).toISOString() },
	});
	return records.sort((a, b) => String(b.updated_at ?? '').localeCompare(String(a.updated_at ?? '')) || Number(b.id) - Number(a.id));
}

function narrow(items: INodeListSearchItems[], filter?: string): INodeListSearchResult {
	const needle = (filter ?? '').trim().toLowerCase();
	const results = needle ? items.filter((r) => r.name.toLowerCase().includes(needle) || String(r.value) === needle) : items;
	return { results: results.slice(0, MAX_RESULTS) };
}

function contactName(c: IDataObject): string {
	const name = String(c.full_name || c.name || [c.first_name, c.last_name].filter(Boolean).join(' ') || `Contact ${String(c.id)}`);
	const extra = [c.email, c.company_name].filter(Boolean).map(String);
	return extra.length ? `${name} (${extra.join(', ')})` : name;
}

function messageName(m: IDataObject): string {
	const copy = String(m.rendered_subject || m.rendered_copy || m.message_type || '').replace(/\s+/g, ' ').trim();
	const short = copy.length > 60 ? `${copy.slice(0, 57)}…` : copy;
	return `#${String(m.id)} to contact ${String(m.contact_id)}${short ? `: ${short}` : ''}`;
}

export const listSearch = {
	async searchContacts(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
		const records = await recent(this, '/integrations/v1/contacts');
		return narrow(records.map((c) => ({ name: contactName(c), value: String(c.id) })), filter);
	},
	async searchMessages(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
		const records = await recent(this, '/integrations/v1/messages');
		return narrow(records.map((m) => ({ name: messageName(m), value: String(m.id) })), filter);
	},
};
