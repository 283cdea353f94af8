import type { IDataObject, IExecuteSingleFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { show } from './describe';

/**
 * The node version from which Simplify is on by default. Saved workflows do not store a default,
 * so version 1 nodes keep Simplify off (their output is unchanged); nodes added from 1.1 on
 * (the default version) get it on, as n8n's own nodes do.
 */
export const SIMPLIFY_ON_FROM_VERSION = 1.1;

/** The operations that return records (get, search and list), which offer Simplify. */
export const READ_OPERATIONS = new Set(['get', 'getAll', 'search', 'find', 'lookup', 'getContacts', 'getAllCompanies', 'getAllContacts', 'getStages']);

/** Fields kept, in this order, for a resource (`contact`) or one operation of it (`company.getContacts`). */
export type SimplifyFields = Record<string, string[]>;

/**
 * What a resource without its own list keeps: IDs, names, emails, URLs, type, status, stage,
 * text and timestamps.
 */
const USEFUL_KEY = /^(id|uuid|name|title|label|email|type|status|stage|text|subject|description)$|_(id|uuid|ids|uuids|name|email|status|stage|type|at|url)$/;

function isEmpty(value: unknown): boolean {
	if (value === null || value === undefined || value === '') return true;
	if (Array.isArray(value)) return value.length === 0;
	if (typeof value === 'object') return Object.keys(value as object).length === 0;
	return false;
}

/** One record with only the given fields (or the useful keys), null and empty values dropped. */
export function simplifyRecord(record: IDataObject, fields?: string[]): IDataObject {
	const kept: IDataObject = {};
	const keys = fields ?? Object.keys(record).filter((key) => USEFUL_KEY.test(key));
	for (const key of keys) {
		if (!isEmpty(record[key])) kept[key] = record[key];
	}
	if (Object.keys(kept).length) return kept;
	// A shape the list does not know (e.g. a confirmation): only the empty values go.
	return Object.fromEntries(Object.entries(record).filter(([, value]) => !isEmpty(value)));
}

/**
 * The Simplify switch of one resource's read operations, with its output step: off by default on
 * version 1 nodes, on from SIMPLIFY_ON_FROM_VERSION.
 */
function simplifyOption(resource: string, operations: string[], fields: SimplifyFields): INodeProperties[] {
	async function simplify(this: IExecuteSingleFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
		if (!this.getNodeParameter('simplify', false)) return items;
		const operation = this.getNodeParameter('operation', '') as string;
		const list = fields[`${resource}.${operation}`] ?? fields[resource];
		return items.map((item) => ({ ...item, json: simplifyRecord(item.json, list) }));
	}
	const base = {
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean' as const,
		description: 'Whether to return a simplified version of the response instead of the raw data',
		routing: { output: { postReceive: [simplify] } },
	};
	return [
		{ ...base, default: false, displayOptions: show(resource, operations, { '@version': [1] }) },
		{ ...base, default: true, displayOptions: show(resource, operations, { '@version': [{ _cnd: { gte: SIMPLIFY_ON_FROM_VERSION } }] }) },
	];
}

/** Simplify for every read operation of the given Operation dropdowns (one per resource). */
export function simplifyProperties(operationDropdowns: INodeProperties[], fields: SimplifyFields): INodeProperties[] {
	return operationDropdowns.flatMap((dropdown) => {
		const resource = String(dropdown.displayOptions?.show?.resource?.[0]);
		const reads = (dropdown.options ?? [])
			.map((option) => String((option as { value: unknown }).value))
			.filter((value) => READ_OPERATIONS.has(value));
		return reads.length ? simplifyOption(resource, reads, fields) : [];
	});
}
