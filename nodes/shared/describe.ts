import type {
	DeclarativeRestApiSettings,
	IDisplayOptions,
	IExecutePaginationFunctions,
	INodeExecutionData,
	IHttpRequestMethods,
	INodeProperties,
	INodePropertyOptions,
	PreSendAction,
} from 'n8n-workflow';

import type { ApiProfile, Paging, RequestPolicy, RetryClass } from './transport';
import { listRequest, retryClassOf, singleRequest } from './transport';

/** One operation of a resource: its words in the editor and the request it makes. */
export interface OperationSpec {
	name: string;
	value: string;
	action: string;
	description: string;
	method: IHttpRequestMethods;
	/** Path with parameter names in braces, e.g. `/dossiers/{dossierId}`. */
	path: string;
	/**
	 * A list with Return All / Limit, paged by the provider's pager with its paging parameters in the
	 * query or the body; `unpaged` when the API documents no paging for it (one request, Limit applied
	 * to the answer).
	 */
	list?: Paging;
	/** Extra request options, e.g. `encoding: 'arraybuffer'` for downloads. */
	request?: { encoding?: 'arraybuffer'; arrayFormat?: 'repeat' | 'brackets' | 'indices' };
	/** Runs before sending (builds bodies, checks input). */
	preSend?: PreSendAction[];
	/** Shapes the items returned. */
	postReceive?: Array<(...args: never[]) => unknown>;
	/**
	 * What the transport may do after a 502/503/504 or no answer (README "Retries"): `read` and
	 * `write` (sets state by ID: sending twice ends the same) are retried, an `action` is never
	 * sent again. Defaults from the method: GET read; PUT, PATCH, DELETE write; POST action.
	 */
	retry?: RetryClass;
	/** Milliseconds to wait for the answer when 60 s is not enough (uploads, file downloads). */
	timeout?: number;
	/** Error hints of this operation by status code, added to the provider's (profile.statusHints). */
	statusHints?: Record<number, string>;
	/**
	 * Sends the request itself instead of the standard routing (singleRequest, or listRequest for
	 * `list`; `list` and `statusHints` then do nothing), for operations that read a status as a
	 * result (e.g. 404 = "not found" = no items) or page in their own way.
	 */
	send?: (this: IExecutePaginationFunctions, requestData: DeclarativeRestApiSettings.ResultOptions) => Promise<INodeExecutionData[]>;
}

export function show(resource: string, operation?: string | string[], extra: IDisplayOptions['show'] = {}): IDisplayOptions {
	return {
		show: {
			resource: [resource],
			...(operation ? { operation: Array.isArray(operation) ? operation : [operation] } : {}),
			...extra,
		},
	};
}

function fallbackOf(specs: OperationSpec[], preferred?: string): string {
	return preferred ?? specs[0].value;
}

/** The operation's own routing, when it differs from the resource's (singleRequest of the profile). */
function routingOf(profile: ApiProfile, spec: OperationSpec) {
	if (spec.send) return spec.send;
	const own = spec.statusHints ? { ...profile, statusHints: { ...profile.statusHints, ...spec.statusHints } } : profile;
	if (spec.list) return listRequest(own, spec.list);
	return spec.statusHints ? singleRequest(own) : undefined;
}

/**
 * The operation's retry class and timeout, carried on its request options to apiRequest (which
 * takes them off before sending): custom `send` functions and the pagers pass them on as they are.
 */
export function policyOf(spec: OperationSpec): RequestPolicy {
	return { retry: spec.retry ?? retryClassOf(spec.method), what: spec.action, ...(spec.timeout ? { timeout: spec.timeout } : {}) };
}

/** The Operation dropdown of one resource. */
export function operations(profile: ApiProfile, resource: string, specs: OperationSpec[], defaultOperation?: string): INodeProperties {
	const options: INodePropertyOptions[] = specs.map((spec) => {
		const pagination = routingOf(profile, spec);
		return {
			name: spec.name,
			value: spec.value,
			action: spec.action,
			description: spec.description,
			routing: {
				request: { method: spec.method, url: spec.path, ...(spec.request ?? {}), policy: policyOf(spec) } as DeclarativeRestApiSettings.HttpRequestOptions,
				...(spec.preSend ? { send: { preSend: spec.preSend } } : {}),
				...(pagination ? { operations: { pagination } } : {}),
				...(spec.postReceive ? { output: { postReceive: spec.postReceive as never } } : {}),
			},
		};
	});
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: show(resource),
		options,
		default: fallbackOf(specs, defaultOperation),
	};
}

/** Return All + Limit for a list operation; `maxPageSize` is the provider's largest page. */
export function returnAllLimit(resource: string, operation: string | string[], maxLimit?: number): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			displayOptions: show(resource, operation),
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			displayOptions: show(resource, operation, { returnAll: [false] }),
			typeOptions: { minValue: 1, ...(maxLimit ? { maxValue: maxLimit } : {}) },
			default: 50,
			description: 'Max number of results to return',
		},
	];
}

/** A resource locator filled from a list search, with an ID mode. */
export function locator(opts: {
	name: string;
	displayName: string;
	searchMethod: string;
	displayOptions: IDisplayOptions;
	required?: boolean;
	description?: string;
	idPattern?: { regex: string; message: string };
	placeholder?: string;
}): INodeProperties {
	return {
		displayName: opts.displayName,
		name: opts.name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: opts.required ?? true,
		description: opts.description,
		displayOptions: opts.displayOptions,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: opts.searchMethod, searchable: true },
			},
			{
				displayName: 'ID',
				name: 'id',
				type: 'string',
				placeholder: opts.placeholder ?? 'e.g. 6f2b0c1e-1d2e-4c7a-9a77-2f4b8c1d9e01',
				...(opts.idPattern
					? { validation: [{ type: 'regex', properties: { regex: opts.idPattern.regex, errorMessage: opts.idPattern.message } }] }
					: {}),
			},
		],
	};
}

/** An optional field of an Additional Fields / Update Fields / Filters collection, sent as-is. */
export function sendOption(field: Omit<INodeProperties, 'routing'>, to: 'body' | 'query', property: string): INodeProperties {
	return { ...field, routing: { send: { type: to, property, propertyInDotNotation: false } } };
}

/** Words a trigger's panel label keeps as written (n8n's own casing would make "linked in"). */
const PROPER_WORDS = new Set(['LinkedIn', 'InMail']);

/**
 * Trigger events with the label n8n's node panel lists for each ("On contact replied on
 * LinkedIn"): the option's `action`. Without it n8n lower-cases the name and splits brand names.
 */
export function panelEvents(options: INodePropertyOptions[]): INodePropertyOptions[] {
	return options.map((option) => ({
		...option,
		action:
			option.action ??
			`On ${option.name
				.split(' ')
				.map((word) => (PROPER_WORDS.has(word) ? word : word.toLowerCase()))
				.join(' ')}`,
	}));
}

/**
 * The tool description an AI agent sees when the node is used as a tool (n8n's "<Node> Tool"),
 * one per operation: the operation's description, prefixed with the provider. n8n's own default
 * would be "<action> in <Node>" (e.g. "Search contacts in Grinfi"); as a field of the tool the
 * user can still rewrite it. Shown only on the tool variant (`@tool`).
 */
export function toolDescriptions(
	provider: string,
	operationDropdowns: INodeProperties[],
	/** Words for operations whose editor description n8n's lint fixes (e.g. upsert), by `resource.operation`. */
	overrides: Record<string, string> = {},
): INodeProperties[] {
	return operationDropdowns.flatMap((dropdown) => {
		const resource = String(dropdown.displayOptions?.show?.resource?.[0]);
		return (dropdown.options as INodePropertyOptions[]).map(
			(option): INodeProperties => ({
				displayName: 'Description',
				name: 'toolDescription',
				type: 'string',
				typeOptions: { rows: 2 },
				default: `${provider}: ${overrides[`${resource}.${String(option.value)}`] ?? option.description}`,
				required: true,
				displayOptions: show(resource, String(option.value), { '@tool': [true] }),
				description: 'Explain to the LLM what this tool does; filled in from the operation',
			}),
		);
	});
}
