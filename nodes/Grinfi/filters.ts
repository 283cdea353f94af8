import type {
	IDataObject,
	IDisplayOptions,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
	INodePropertyOptions,
	PreSendAction,
} from 'n8n-workflow';

import { parameterError, parseJsonParameter } from '../shared/request';

/**
 * Grinfi reads filters in three syntaxes, one per endpoint family:
 * - 'body':     a JSON body `filter` object (search, count, mass action, export, group counts);
 * - 'brackets': `filter[field]=value` query keys (GET lists; flat keys are silently ignored);
 * - 'json':     `filter` as a JSON string in the query (activities, pipeline stages; required there).
 * Operations describe their form fields once (FilterField) and pick the syntax.
 */
export type FilterStyle = 'body' | 'brackets' | 'json';

export interface FilterField {
	/** Parameter name inside the Filters collection. */
	name: string;
	displayName: string;
	/** API field the value filters on. */
	field: string;
	/** Comparison; ranges use '>=' / '<='. Arrays (multiOptions) mean IN. */
	operator?: '=' | '>=' | '<=' | '!=';
	type: 'string' | 'options' | 'multiOptions' | 'dateTime' | 'number' | 'boolean';
	options?: INodePropertyOptions[];
	/** Fills the options from a load-options method (e.g. lists, tags). */
	loadOptionsMethod?: string;
	description?: string;
}

const RAW = 'rawFilter';

/** The Filters collection: the common fields as form fields plus a raw JSON filter for the rest. */
export function filterCollection(displayOptions: IDisplayOptions, fields: FilterField[], name = 'filters'): INodeProperties {
	const options: INodeProperties[] = fields.map((f) => ({
		displayName: f.displayName,
		name: f.name,
		type: f.type,
		default: f.type === 'multiOptions' ? [] : f.type === 'boolean' ? false : f.type === 'number' ? 0 : '',
		description: f.description,
		...(f.options ? { options: f.options } : {}),
		...(f.loadOptionsMethod ? { typeOptions: { loadOptionsMethod: f.loadOptionsMethod } } : {}),
	}));
	options.push({
		displayName: 'Raw Filter (JSON)',
		name: RAW,
		type: 'json',
		default: '{}',
		description:
			'Any other filter as a JSON object: field → value (equal), array (any of), {">=": …} (operators =, !=, &lt;, &lt;=, &gt;, &gt;=, &lt;&gt;), or "is_null" / "is_not_null". Merged with the fields above.',
	});
	return { displayName: 'Filters', name, type: 'collection', placeholder: 'Add Filter', default: {}, displayOptions, options };
}

/** Builds the filter object from the Filters collection of the current item. */
export function buildFilter(ctx: IExecuteSingleFunctions, fields: FilterField[], name = 'filters'): IDataObject {
	const values = ctx.getNodeParameter(name, {}) as IDataObject;
	const filter: IDataObject = {};
	for (const f of fields) {
		const value = values[f.name];
		if (value === undefined || value === '' || (Array.isArray(value) && !value.length)) continue;
		if (!f.operator || f.operator === '=') filter[f.field] = value;
		else filter[f.field] = { ...((filter[f.field] as IDataObject) ?? {}), [f.operator]: value };
	}
	if (values[RAW] !== undefined) {
		const raw = parseJsonParameter(ctx, values[RAW], 'Filters → Raw Filter (JSON)');
		if (Array.isArray(raw)) throw parameterError(ctx, 'Filters → Raw Filter (JSON)', 'must be a JSON object, not an array');
		Object.assign(filter, raw);
	}
	return filter;
}

/** `{a: 1, b: {">=": 2}, c: [3, 4]}` → `filter[a]=1`, `filter[b][>=]=2`, `filter[c][]=3&filter[c][]=4` keys. */
export function toBracketQuery(filter: IDataObject, prefix = 'filter'): IDataObject {
	const qs: IDataObject = {};
	const walk = (value: unknown, key: string) => {
		if (Array.isArray(value)) {
			// One key per value: n8n sends arrays as key[0]=…; Grinfi wants key[]=…
			qs[`${key}[]`] = value as IDataObject[];
		} else if (value && typeof value === 'object') {
			for (const [k, v] of Object.entries(value as IDataObject)) walk(v, `${key}[${k}]`);
		} else if (value !== undefined && value !== null) {
			qs[key] = value as string;
		}
	};
	for (const [k, v] of Object.entries(filter)) walk(v, `${prefix}[${k}]`);
	return qs;
}

/** Sends the filter in the endpoint's syntax. `required` makes an empty filter `{}` still go out. */
export function sendFilter(style: FilterStyle, fields: FilterField[], opts: { required?: boolean; name?: string } = {}): PreSendAction {
	return async function (this: IExecuteSingleFunctions, options: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		const filter = buildFilter(this, fields, opts.name);
		const empty = !Object.keys(filter).length;
		if (style === 'body') {
			if (empty && !opts.required) return options;
			return { ...options, body: { ...((options.body as IDataObject) ?? {}), filter } };
		}
		if (style === 'json') {
			if (empty && !opts.required) return options;
			return { ...options, qs: { ...(options.qs ?? {}), filter: JSON.stringify(filter) } };
		}
		return { ...options, qs: { ...(options.qs ?? {}), ...toBracketQuery(filter) }, arrayFormat: 'repeat' };
	};
}
