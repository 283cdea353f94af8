import type {
	DeclarativeRestApiSettings,
	FunctionsBase,
	IDataObject,
	IExecutePaginationFunctions,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	INodeExecutionData,
	JsonObject,
	RequestHelperFunctions,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import { acquireSlot, noteRemaining, pacerKey, pauseUntil } from './pacing';

/** Any n8n context that can make authenticated requests (execute, load options, hooks, polls). */
export type RequestContext = FunctionsBase & {
	helpers: Pick<RequestHelperFunctions, 'httpRequestWithAuthentication'>;
	getItemIndex?: () => number;
};

export interface ProviderError {
	message: string;
	description?: string;
}

/** How one page of a list is asked for and read. */
export interface Pager {
	/** Largest page the API allows. */
	maxPageSize: number;
	/** Puts page number `pageIndex` (0-based) of `pageSize` into the request. */
	setPage(options: IHttpRequestOptions, pageIndex: number, pageSize: number, where: 'qs' | 'body'): void;
	/** The records of one page. */
	records(body: unknown): IDataObject[];
	/** Whether the server has records after this page. */
	hasMore(body: unknown, pageIndex: number, pageSize: number, received: number): boolean;
}

export interface ApiProfile {
	/** Provider name used in messages. */
	name: string;
	credentialType: string;
	/** The credential field holding the secret: pacing key, and scrubbed from every message. */
	secretField: string;
	/** The documented limit per key; undefined when the provider documents none (then only 429s slow us). */
	requestsPerMinute?: number;
	/** Checks the secret's format; a message means no request is sent. */
	checkSecret?: (secret: string) => string | undefined;
	/** Reads the provider's error envelope. */
	errorOf(body: unknown, statusCode: number, request: IHttpRequestOptions): ProviderError;
	/** Turns a successful body into the records an operation returns. */
	unwrap(body: unknown): IDataObject | IDataObject[];
	pager?: Pager;
	/** Error hints by status code, e.g. 402 for "no credits". */
	statusHints?: Record<number, string>;
}

const RETRYABLE_STATUS = new Set([502, 503, 504]);
const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);
export const MAX_429_RETRIES = 6;
export const MAX_5XX_RETRIES = 3;
const BACKOFF_BASE_MS = 500;
const MAX_RETRY_AFTER_MS = 120_000;

function retryAfterMs(headers: IDataObject | undefined): number {
	const raw = headers?.['retry-after'];
	if (typeof raw === 'string' || typeof raw === 'number') {
		const seconds = Number(raw);
		if (Number.isFinite(seconds)) return Math.min(Math.max(seconds, 0) * 1000, MAX_RETRY_AFTER_MS);
		const date = Date.parse(String(raw));
		if (!Number.isNaN(date)) return Math.min(Math.max(date - Date.now(), 0), MAX_RETRY_AFTER_MS);
	}
	return 1000;
}

function scrub(text: string | undefined, secret: string): string | undefined {
	if (text === undefined || !secret) return text;
	return text.split(secret).join('***');
}

function itemIndexOf(ctx: RequestContext): number | undefined {
	return typeof ctx.getItemIndex === 'function' ? ctx.getItemIndex() : undefined;
}

async function credentialsOf(ctx: RequestContext, profile: ApiProfile): Promise<{ secret: string; baseUrl?: string }> {
	const credentials = await ctx.getCredentials(profile.credentialType);
	const baseUrl = typeof credentials?.baseUrl === 'string' ? credentials.baseUrl.replace(/\/+$/, '') : undefined;
	return { secret: String(credentials?.[profile.secretField] ?? ''), baseUrl };
}

/**
 * The one way this pack talks to a provider: paced per API key, 429 retried after Retry-After,
 * 502/503/504 retried with backoff on idempotent methods, errors mapped to NodeApiError
 * with the provider's message and HTTP code and without the secret.
 */
export async function apiRequest(
	this: RequestContext,
	profile: ApiProfile,
	options: IHttpRequestOptions,
): Promise<IN8nHttpFullResponse> {
	const { secret, baseUrl } = await credentialsOf(this, profile);
	// n8n applies a node's requestDefaults only to routed operations: list searches, load options,
	// hooks and polls send relative URLs, which resolve against the credential's base URL here.
	if (!options.baseURL && !/^https?:\/\//.test(options.url) && baseUrl) options = { ...options, baseURL: baseUrl };
	const problem = profile.checkSecret?.(secret);
	if (problem) {
		throw new NodeOperationError(this.getNode(), problem, { itemIndex: itemIndexOf(this) });
	}
	const key = pacerKey(profile.name, secret);
	const method = (options.method ?? 'GET').toUpperCase();
	let throttled = 0;
	let failed = 0;
	for (;;) {
		const release = await acquireSlot(key, profile.requestsPerMinute);
		let response: IN8nHttpFullResponse;
		try {
			response = (await this.helpers.httpRequestWithAuthentication.call(this as never, profile.credentialType, {
				...options,
				headers: { ...(options.headers ?? {}) },
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
			})) as IN8nHttpFullResponse;
			release();
		} catch (error) {
			release();
			// No HTTP answer at all (connection refused, reset, timeout).
			const cause = error as { message?: string; cause?: { code?: string }; code?: string };
			if (IDEMPOTENT.has(method) && failed < MAX_5XX_RETRIES) {
				await sleep(BACKOFF_BASE_MS * 2 ** failed++);
				continue;
			}
			throw new NodeApiError(
				this.getNode(),
				{ message: scrub(cause.message, secret) ?? 'Request failed' } as JsonObject,
				{
					message: `${profile.name} could not be reached: ${scrub(cause.message, secret) ?? 'no response'}`,
					httpCode: 'none',
					itemIndex: itemIndexOf(this),
				},
			);
		}
		const status = response.statusCode;
		const headers = (response.headers ?? {}) as IDataObject;
		const remaining = Number(headers['x-ratelimit-remaining']);
		if (headers['x-ratelimit-remaining'] !== undefined) noteRemaining(key, remaining, Number(headers['x-ratelimit-limit']) || profile.requestsPerMinute);
		if (status === 429 && throttled < MAX_429_RETRIES) {
			throttled++;
			pauseUntil(key, Date.now() + retryAfterMs(headers));
			continue;
		}
		if (RETRYABLE_STATUS.has(status) && IDEMPOTENT.has(method) && failed < MAX_5XX_RETRIES) {
			await sleep(BACKOFF_BASE_MS * 2 ** failed++);
			continue;
		}
		if (status >= 200 && status < 300) return response;
		throw providerError(this, profile, options, response, secret, throttled);
	}
}

function providerError(
	ctx: RequestContext,
	profile: ApiProfile,
	request: IHttpRequestOptions,
	response: IN8nHttpFullResponse,
	secret: string,
	throttled: number,
): NodeApiError {
	let body: unknown = response.body;
	if (Buffer.isBuffer(body)) body = body.toString('utf8');
	if (typeof body === 'string') {
		try {
			body = JSON.parse(body);
		} catch {
			body = { message: body };
		}
	}
	const status = response.statusCode;
	const parsed = profile.errorOf(body, status, request);
	const hint = profile.statusHints?.[status];
	let description = parsed.description;
	if (hint) description = description ? `${hint} ${description}` : hint;
	if (status === 429) {
		description = `Still rate limited after ${throttled} retries that waited for Retry-After. Nothing was lost: run the item again later.`;
	}
	const message = scrub(`${profile.name} answered ${status}: ${parsed.message}`, secret) as string;
	return new NodeApiError(
		ctx.getNode(),
		JSON.parse(scrub(JSON.stringify(body ?? {}), secret) as string) as JsonObject,
		{
			message,
			description: scrub(description, secret),
			httpCode: String(status),
			itemIndex: itemIndexOf(ctx),
		},
	);
}

/** Parses a JSON body that may arrive as a string or a buffer (binary-safe requests). */
export function jsonBody(body: unknown): unknown {
	if (Buffer.isBuffer(body)) body = body.toString('utf8');
	if (typeof body === 'string' && body.length) {
		try {
			return JSON.parse(body);
		} catch {
			return body;
		}
	}
	return body;
}

function toItems(records: IDataObject | IDataObject[], itemIndex: number): INodeExecutionData[] {
	const list = Array.isArray(records) ? records : [records];
	return list.map((json) => ({ json: json ?? {}, pairedItem: { item: itemIndex } }));
}

type PostReceive = (
	this: IExecutePaginationFunctions,
	items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
) => Promise<INodeExecutionData[]>;

async function runPostReceive(
	ctx: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
	items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	let result = items;
	for (const step of requestData.postReceive) {
		for (const action of step.actions) {
			if (typeof action !== 'function') {
				throw new NodeOperationError(ctx.getNode(), 'Declarative postReceive actions are not supported here', {
					itemIndex: ctx.getItemIndex(),
				});
			}
			result = await (action as PostReceive).call(ctx, result, response);
		}
	}
	return result;
}

/**
 * Routing for every operation of a declarative node: n8n hands the request it built from the
 * parameters to this function (as `requestOperations.pagination`), which sends it through
 * apiRequest and returns the records as items.
 */
export function singleRequest(profile: ApiProfile) {
	return async function (
		this: IExecutePaginationFunctions,
		requestData: DeclarativeRestApiSettings.ResultOptions,
	): Promise<INodeExecutionData[]> {
		const response = await apiRequest.call(this, profile, requestData.options as IHttpRequestOptions);
		const body = requestData.options.encoding === 'arraybuffer' ? {} : jsonBody(response.body);
		const records = body === undefined || body === '' ? { success: true } : profile.unwrap(body);
		return await runPostReceive(this, requestData, toItems(records, this.getItemIndex()), response);
	};
}

/**
 * The paging loop: asks for pages of the largest size the API allows (or just `limit` when that
 * is smaller) until `limit` records are in or the server says there is nothing more.
 */
export async function fetchPages(
	ctx: RequestContext,
	profile: ApiProfile,
	request: IHttpRequestOptions,
	limit: number,
	where: 'qs' | 'body' = 'qs',
): Promise<{ records: IDataObject[]; last?: IN8nHttpFullResponse }> {
	const pager = profile.pager;
	if (!pager) throw new NodeOperationError(ctx.getNode(), `${profile.name} has no pagination`);
	const records: IDataObject[] = [];
	let last: IN8nHttpFullResponse | undefined;
	// One page size for the whole run, so page numbers and offsets stay aligned.
	const size = Math.min(pager.maxPageSize, limit);
	for (let pageIndex = 0; records.length < limit; pageIndex++) {
		const options: IHttpRequestOptions = {
			...request,
			qs: { ...(request.qs ?? {}) },
			body: where === 'body' ? { ...((request.body as IDataObject) ?? {}) } : request.body,
		};
		pager.setPage(options, pageIndex, size, where);
		last = await apiRequest.call(ctx, profile, options);
		const body = jsonBody(last.body);
		const page = pager.records(body);
		records.push(...page);
		if (!page.length || !pager.hasMore(body, pageIndex, size, records.length)) break;
	}
	return { records: records.slice(0, limit), last };
}

/**
 * Routing for list operations: Return All pages through at the largest page size, Limit asks
 * for no more than needed, and no request is made once the server said there is nothing more.
 */
export function listRequest(profile: ApiProfile, where: 'qs' | 'body' = 'qs') {
	return async function (
		this: IExecutePaginationFunctions,
		requestData: DeclarativeRestApiSettings.ResultOptions,
	): Promise<INodeExecutionData[]> {
		const returnAll = this.getNodeParameter('returnAll', false) as boolean;
		const limit = returnAll ? Infinity : (this.getNodeParameter('limit', 50) as number);
		const { records, last } = await fetchPages(this, profile, requestData.options as IHttpRequestOptions, limit, where);
		const items = toItems(records, this.getItemIndex());
		return last ? await runPostReceive(this, requestData, items, last) : items;
	};
}
