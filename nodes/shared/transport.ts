import type {
	DeclarativeRestApiSettings,
	FunctionsBase,
	ICredentialDataDecryptedObject,
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
import { itemLabel } from './request';

/** Any n8n context that can make authenticated requests (execute, load options, hooks, polls). */
export type RequestContext = FunctionsBase & {
	helpers: Pick<RequestHelperFunctions, 'httpRequestWithAuthentication'>;
	getItemIndex?: () => number;
	/** Execute contexts only: aborted when the execution is cancelled. */
	getExecutionCancelSignal?: () => AbortSignal | undefined;
};

export interface ProviderError {
	message: string;
	description?: string;
}

/**
 * Where a list's paging parameters go: the query, the JSON body, or nowhere (`unpaged`: the API
 * documents no paging for that list and returns it whole in one answer).
 */
export type Paging = 'qs' | 'body' | 'unpaged';

/** How one page of a list is asked for and read. */
export interface Pager {
	/** Largest page the API allows. */
	maxPageSize: number;
	/** Puts page number `pageIndex` (0-based) of `pageSize` into the request. */
	setPage(options: IHttpRequestOptions, pageIndex: number, pageSize: number, where: 'qs' | 'body'): void;
	/** The records of one page. */
	records(body: unknown): IDataObject[];
	/** How many records the whole list holds, when the response says. */
	total(body: unknown): number | undefined;
	/** Whether the server says (or a full page suggests) there are records after this page. */
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
	/**
	 * The record a 404 on `path` means is missing (e.g. `/dossiers/<id>/notes` → the dossier), or
	 * undefined when the path names none. Without it: the last ID in the path, named after the
	 * node's resource.
	 */
	notFound?(path: string): { what: string; id: string } | undefined;
}

/**
 * How a request may be sent again after an ambiguous failure (a 502/503/504, or no answer at all:
 * connection dropped, timeout):
 * - `read` changes nothing: retried with backoff.
 * - `write` sets state by ID (PUT/PATCH/DELETE, upserts): sending it twice ends in the same state,
 *   so it is retried too; a retried DELETE that answers 404 was done by an earlier attempt.
 * - `action` does something each time it is sent (creates, sends, enriches, mass actions): never
 *   re-sent; the item fails saying the provider may have applied it.
 * A 429 is retried for every class: the provider did nothing.
 */
export type RetryClass = 'read' | 'write' | 'action';

/** What the transport needs to know about a request beyond HTTP, declared by its operation. */
export interface RequestPolicy {
	/** Defaults from the method (retryClassOf). */
	retry?: RetryClass;
	/** Milliseconds to wait for an answer (DEFAULT_TIMEOUT_MS unless the operation needs longer). */
	timeout?: number;
	/** What the request does, e.g. "Enrich contacts": named when an action may have been applied. */
	what?: string;
}

/** The request options apiRequest takes: n8n's, plus the operation's policy (never sent). */
export interface ApiRequestOptions extends IHttpRequestOptions {
	policy?: RequestPolicy;
}

/** The class a request has unless its operation says otherwise: GET reads, PUT/PATCH/DELETE write, POST acts. */
export function retryClassOf(method: string | undefined): RetryClass {
	const verb = (method ?? 'GET').toUpperCase();
	if (verb === 'GET' || verb === 'HEAD' || verb === 'OPTIONS') return 'read';
	if (verb === 'PUT' || verb === 'PATCH' || verb === 'DELETE') return 'write';
	return 'action';
}

const RETRYABLE_STATUS = new Set([502, 503, 504]);
const REDIRECT_STATUS = new Set([301, 302, 303, 307, 308]);
export const MAX_429_RETRIES = 6;
export const MAX_5XX_RETRIES = 3;
const MAX_REDIRECTS = 5;
const BACKOFF_BASE_MS = 500;
/** First wait after a 429 without a usable Retry-After; doubles on each further 429. */
const BACKOFF_429_BASE_MS = 1000;
export const MAX_RETRY_AFTER_MS = 120_000;
export const DEFAULT_TIMEOUT_MS = 60_000;

/** Test hook: the timeout of requests whose operation declares none. */
export const transportSettings = { defaultTimeoutMs: DEFAULT_TIMEOUT_MS };

/** Milliseconds Retry-After asks for; undefined when absent, zero or unreadable (then: backoff). */
function retryAfterMs(headers: IDataObject): number | undefined {
	const raw = headers['retry-after'];
	if (typeof raw !== 'string' && typeof raw !== 'number') return undefined;
	const text = String(raw).trim();
	const seconds = Number(text);
	const ms = text !== '' && Number.isFinite(seconds) ? seconds * 1000 : Date.parse(text) - Date.now();
	return Number.isFinite(ms) && ms > 0 ? ms : undefined;
}

// ---------------------------------------------------------------------------------------------
// Secrets

/** The forms a secret can take in what a provider sends back: as is, JSON-escaped, URL-encoded. */
function secretForms(secret: string): string[] {
	if (!secret) return [];
	const forms = new Set([secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret)]);
	return [...forms].sort((a, b) => b.length - a.length);
}

function scrubText(text: string, forms: string[]): string {
	let result = text;
	for (const form of forms) if (result.includes(form)) result = result.split(form).join('***');
	return result;
}

/** A copy of `value` without the secret in any string, key or buffer; `value` itself when it has none. */
function scrubDeep(value: unknown, forms: string[]): unknown {
	if (!forms.length) return value;
	if (typeof value === 'string') return scrubText(value, forms);
	if (Buffer.isBuffer(value)) {
		if (!forms.some((form) => value.includes(form))) return value;
		return Buffer.from(scrubText(value.toString('latin1'), forms.map((f) => Buffer.from(f).toString('latin1'))), 'latin1');
	}
	if (Array.isArray(value)) {
		const items = value.map((item) => scrubDeep(item, forms));
		return items.some((item, i) => item !== value[i]) ? items : value;
	}
	if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
		let changed = false;
		const entries = Object.entries(value as IDataObject).map(([key, item]) => {
			const k = scrubText(key, forms);
			const v = scrubDeep(item, forms);
			if (k !== key || v !== item) changed = true;
			return [k, v];
		});
		return changed ? Object.fromEntries(entries) : value;
	}
	return value;
}

function itemIndexOf(ctx: RequestContext): number | undefined {
	return typeof ctx.getItemIndex === 'function' ? ctx.getItemIndex() : undefined;
}

async function credentialsOf(
	ctx: RequestContext,
	profile: ApiProfile,
): Promise<{ secret: string; baseUrl?: string; data: ICredentialDataDecryptedObject }> {
	const data = await ctx.getCredentials(profile.credentialType);
	const baseUrl = typeof data?.baseUrl === 'string' ? data.baseUrl.replace(/\/+$/, '') : undefined;
	// Keys pasted with a space or a line break: the credential's authenticate trims them too.
	return { secret: String(data?.[profile.secretField] ?? '').trim(), baseUrl, data };
}

// ---------------------------------------------------------------------------------------------
// Waiting, cancellation

/** `promise`, or the `cancelled` error as soon as the execution is cancelled. */
async function untilCancelled<T>(promise: Promise<T>, signal: AbortSignal | undefined, cancelled: () => Error): Promise<T> {
	if (!signal) return await promise;
	if (signal.aborted) throw cancelled();
	let onAbort: () => void = () => undefined;
	const aborted = new Promise<never>((_, reject) => {
		onAbort = () => reject(cancelled());
		signal.addEventListener('abort', onAbort, { once: true });
	});
	try {
		return await Promise.race([promise, aborted]);
	} finally {
		signal.removeEventListener('abort', onAbort);
	}
}

// ---------------------------------------------------------------------------------------------
// Redirects

/** The absolute URL a request goes to, as n8n builds it from baseURL and url. */
function targetOf(options: IHttpRequestOptions): URL {
	if (/^https?:\/\//i.test(options.url) || !options.baseURL) return new URL(options.url);
	return new URL(`${options.baseURL.replace(/\/+$/, '')}/${options.url.replace(/^\/+/, '')}`);
}

/** Why a request got no answer, in words (n8n replaces messages holding an error code with its own). */
function noAnswerOf(error: unknown, timeout: number): { reason: string; code?: string; sent: boolean } {
	const e = error as { message?: string; code?: string; cause?: { code?: string; message?: string } };
	const code = e.cause?.code ?? e.code;
	const text = `${e.message ?? ''} ${e.cause?.message ?? ''}`;
	if (code === 'ECONNABORTED' || code === 'ETIMEDOUT' || /timeout|timed out/i.test(text)) {
		return { reason: `no answer within ${timeout / 1000} s`, code, sent: true };
	}
	// The connection never opened: nothing reached the provider.
	if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
		return { reason: 'the connection was refused or the host was not found', code, sent: false };
	}
	return { reason: 'the connection closed before an answer', code, sent: true };
}

/**
 * The one way this pack talks to a provider. Every request is paced per API key, has a timeout
 * (the operation's, else 60 s) and stops when the execution is cancelled. A 429 is retried after
 * Retry-After (or with exponential backoff; a Retry-After over 2 minutes fails at once, saying
 * when to retry); a 502/503/504 or no answer is retried with backoff for reads and writes, never
 * for actions (RetryClass). Redirects are followed only within the same origin, so the credential
 * never goes anywhere else. The secret is scrubbed from every answer and error.
 */
export async function apiRequest(
	this: RequestContext,
	profile: ApiProfile,
	options: ApiRequestOptions,
): Promise<IN8nHttpFullResponse> {
	const { secret, baseUrl, data } = await credentialsOf(this, profile);
	// The credential read above is handed to n8n, which would otherwise read and decrypt it again.
	const credentialsDecrypted = { id: '', name: '', type: profile.credentialType, data };
	const { policy = {}, ...http } = options;
	let request: IHttpRequestOptions = http;
	// n8n applies a node's requestDefaults only to routed operations: list searches, load options,
	// hooks and polls send relative URLs, which resolve against the credential's base URL here.
	if (!request.baseURL && !/^https?:\/\//.test(request.url) && baseUrl) request = { ...request, baseURL: baseUrl };
	const itemIndex = itemIndexOf(this);
	const problem = profile.checkSecret?.(secret);
	if (problem) throw new NodeOperationError(this.getNode(), problem, { itemIndex });
	const forms = secretForms(secret);
	const key = pacerKey(profile.name, secret);
	const retry = policy.retry ?? retryClassOf(request.method);
	const timeout = policy.timeout ?? transportSettings.defaultTimeoutMs;
	const signal = typeof this.getExecutionCancelSignal === 'function' ? this.getExecutionCancelSignal() : undefined;
	const what = policy.what ?? `${(request.method ?? 'GET').toUpperCase()} ${request.url}`;
	// An action that got no clear answer: the provider may have done it, so it is not sent again.
	const mayApply = (reason: string, httpCode: string, body: unknown, hints: Array<string | undefined> = []) =>
		new NodeApiError(this.getNode(), (scrubDeep(body, forms) ?? {}) as JsonObject, {
			message: scrubText(`${profile.name} may have applied "${what}" (${reason}); it was not sent again`, forms),
			description: scrubText(
				[
					...hints,
					`Sending it again could do it twice: check in ${profile.name} whether "${what}" took effect before running the item again.`,
				]
					.filter(Boolean)
					.join(' '),
				forms,
			),
			httpCode,
			itemIndex,
		});
	const cancelled = () => new NodeOperationError(this.getNode(), 'The execution was cancelled', { itemIndex });
	// A wait (backoff, Retry-After, pacing) that ends early when the execution is cancelled.
	const wait = async <T>(promise: Promise<T>) => await untilCancelled(promise, signal, cancelled);
	let throttled = 0;
	let failed = 0;
	let redirects = 0;
	for (;;) {
		// The pacer's wait ends when the execution is cancelled; the release frees the slot once the answer is in.
		const release = await wait(acquireSlot(key, profile.requestsPerMinute, signal));
		let response: IN8nHttpFullResponse;
		try {
			response = (await this.helpers.httpRequestWithAuthentication.call(this as never, profile.credentialType, {
				...request,
				headers: { ...(request.headers ?? {}) },
				timeout,
				...(signal ? { abortSignal: signal } : {}),
				// Redirects are followed below, within the same origin only.
				disableFollowRedirect: true,
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
			}, { credentialsDecrypted })) as IN8nHttpFullResponse;
			release();
		} catch (error) {
			release();
			if (signal?.aborted) throw cancelled();
			// No HTTP answer at all (connection refused, reset, timeout).
			const { reason, code, sent } = noAnswerOf(error, timeout);
			if (retry !== 'action' && failed < MAX_5XX_RETRIES) {
				await wait(sleep(BACKOFF_BASE_MS * 2 ** failed++));
				continue;
			}
			const detail = code ? `Error code ${code}.` : undefined;
			if (retry === 'action' && sent) throw mayApply(reason, 'none', { message: reason }, [detail]);
			throw new NodeApiError(this.getNode(), { message: reason } as JsonObject, {
				message: `${profile.name} could not be reached: ${reason}`,
				description: [detail, retry === 'action' ? 'Nothing reached it, so nothing was done.' : undefined].filter(Boolean).join(' ') || undefined,
				httpCode: 'none',
				itemIndex,
			});
		}
		const status = response.statusCode;
		const headers = { ...(response.headers ?? {}) } as IDataObject;
		if (headers['x-ratelimit-remaining'] !== undefined) {
			const limit = Number(headers['x-ratelimit-limit']) || profile.requestsPerMinute;
			noteRemaining(key, Number(headers['x-ratelimit-remaining']), limit);
		}
		const location = headers.location;
		if (REDIRECT_STATUS.has(status) && typeof location === 'string') {
			const from = targetOf(request);
			const to = new URL(location, from);
			if (to.origin !== from.origin || redirects >= MAX_REDIRECTS) {
				throw new NodeApiError(this.getNode(), { message: `Redirected to ${to.origin}` } as JsonObject, {
					message: scrubText(
						to.origin !== from.origin
							? `${profile.name} redirected the request to another address (${to.origin}); it was not followed, so the API key is not sent there`
							: `${profile.name} redirected the request more than ${MAX_REDIRECTS} times`,
						forms,
					),
					description: `If ${profile.name}'s API has moved, set the Base URL in the ${profile.name} credential to its new address.`,
					httpCode: String(status),
					itemIndex,
				});
			}
			redirects++;
			const asGet = status === 303 && (request.method ?? 'GET').toUpperCase() !== 'HEAD';
			request = { ...request, url: to.href, baseURL: undefined, qs: undefined, ...(asGet ? { method: 'GET', body: undefined } : {}) };
			continue;
		}
		if (status === 429 && throttled < MAX_429_RETRIES) {
			const asked = retryAfterMs(headers);
			if (asked !== undefined && asked > MAX_RETRY_AFTER_MS) {
				const at = new Date(Date.now() + asked).toISOString().replace(/\.\d{3}Z$/, 'Z');
				throw new NodeApiError(this.getNode(), { message: 'Rate limited' } as JsonObject, {
					message: `${profile.name} is rate limiting this API key until ${at}: run the item again after that time`,
					description: `It answered 429 with Retry-After ${String(headers['retry-after'])}, longer than the 2 minutes this node waits. Nothing was lost.`,
					httpCode: '429',
					itemIndex,
				});
			}
			// Nobody on this key sends before the wait is over.
			pauseUntil(key, Date.now() + (asked ?? BACKOFF_429_BASE_MS * 2 ** throttled));
			throttled++;
			continue;
		}
		if (RETRYABLE_STATUS.has(status) && retry !== 'action' && failed < MAX_5XX_RETRIES) {
			await wait(sleep(BACKOFF_BASE_MS * 2 ** failed++));
			continue;
		}
		// The DELETE that got no clear answer was done after all.
		if (status === 404 && failed > 0 && retry === 'write' && (request.method ?? '').toUpperCase() === 'DELETE') {
			return { ...response, statusCode: 204, statusMessage: 'No Content', body: '' };
		}
		if (status >= 200 && status < 300) {
			return { ...response, body: scrubDeep(response.body, forms) as IN8nHttpFullResponse['body'], headers: scrubDeep(headers, forms) as IDataObject };
		}
		if (retry === 'action' && RETRYABLE_STATUS.has(status)) {
			const body = parseErrorBody(response.body);
			const parsed = profile.errorOf(body, status, request);
			throw mayApply(`it answered ${status}: ${parsed.message}`, String(status), body, [profile.statusHints?.[status], parsed.description]);
		}
		throw providerError(this, profile, request, response, forms, throttled, retry);
	}
}

const ID_SEGMENT = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\d+)$/i;

/** "linkedinMessage" → "LinkedIn message": a resource value in words. */
function resourceWords(value: string): string {
	return value
		.replace(/([a-z])([A-Z])/g, '$1 $2')
		.toLowerCase()
		.replace(/\blinkedin\b/g, 'LinkedIn')
		.replace(/\bai\b/g, 'AI');
}

/**
 * A 404 on a record's path, in words an AI agent or a person can act on: which record is missing
 * and how to get a valid ID ("No LeadGrid dossier with ID "…"; list or search dossiers first…").
 */
function notFoundMessage(ctx: RequestContext, profile: ApiProfile, request: IHttpRequestOptions): string | undefined {
	const path = request.url.replace(/^https?:\/\/[^/]+/, '').split('?')[0];
	let target = profile.notFound?.(path);
	if (!target && !profile.notFound) {
		const id = path.split('/').reverse().find((segment) => ID_SEGMENT.test(decodeURIComponent(segment)));
		const resource = ctx.getNode().parameters?.resource;
		if (id && typeof resource === 'string') target = { what: resourceWords(resource), id: decodeURIComponent(id) };
	}
	if (!target) return undefined;
	const plural = target.what.replace(/y$/, 'ie').replace(/x$/, 'xe') + 's';
	return `No ${profile.name} ${target.what} with ID "${target.id}"; list or search the ${plural} first to get a valid ID`;
}

function parseErrorBody(raw: unknown): unknown {
	let body = raw;
	if (Buffer.isBuffer(body)) body = body.toString('utf8');
	if (typeof body === 'string') {
		try {
			body = JSON.parse(body);
		} catch {
			body = { message: body };
		}
	}
	return body;
}

function providerError(
	ctx: RequestContext,
	profile: ApiProfile,
	request: IHttpRequestOptions,
	response: IN8nHttpFullResponse,
	forms: string[],
	throttled: number,
	retry: RetryClass,
): NodeApiError {
	const body = scrubDeep(parseErrorBody(response.body), forms);
	const status = response.statusCode;
	const parsed = profile.errorOf(body, status, request);
	const hint = profile.statusHints?.[status];
	let description = parsed.description;
	if (hint) description = description ? `${hint} ${description}` : hint;
	if (status === 429) {
		description = `Still rate limited after ${throttled} retries that waited for Retry-After. Nothing was lost: run the item again later.`;
	}
	if (status >= 500 && retry === 'action') {
		const applied = `${profile.name} may have applied it before failing: check before running the item again.`;
		description = description ? `${description} ${applied}` : applied;
	}
	const answer = `${profile.name} answered ${status}: ${parsed.message}`;
	const missing = status === 404 ? notFoundMessage(ctx, profile, request) : undefined;
	// A missing record leads with what is missing and what to try; the provider's answer follows.
	if (missing) description = description ? `${answer.replace(/\.?$/, '.')} ${description}` : answer;
	const itemIndex = itemIndexOf(ctx);
	return new NodeApiError(ctx.getNode(), (body ?? {}) as JsonObject, {
		message: scrubText(`${missing ?? answer}${itemLabel(ctx as never, itemIndex)}`, forms),
		description: description === undefined ? undefined : scrubText(description, forms),
		httpCode: String(status),
		itemIndex,
	});
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

/** A record's ID (`uuid` or `id`), to notice a record the server already returned. */
function identityOf(record: IDataObject): string | undefined {
	const id = record?.uuid ?? record?.id;
	return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
}

/** The request's method and path, e.g. `GET /leads/api/lists`, for messages. */
function endpointOf(request: IHttpRequestOptions): string {
	const url = request.url ?? '';
	const path = /^https?:\/\//i.test(url) ? new URL(url).pathname : url.split('?')[0];
	return `${(request.method ?? 'GET').toUpperCase()} ${path}`;
}

function repeatedPage(ctx: RequestContext, profile: ApiProfile, request: IHttpRequestOptions, pageIndex: number): NodeOperationError {
	const itemIndex = itemIndexOf(ctx);
	const endpoint = endpointOf(request);
	return new NodeOperationError(
		ctx.getNode(),
		`${profile.name} returned the same page twice for ${endpoint}: page ${pageIndex + 1} repeats records it already sent${itemLabel(ctx as never, itemIndex)}`,
		{
			itemIndex,
			description: `${endpoint} ignored the paging parameters, so reading on would repeat records or never end. Nothing was returned for this item. Set a Limit of at most ${profile.pager?.maxPageSize ?? 100} (one page) or narrow the list with filters, and report the endpoint to ${profile.name}.`,
		},
	);
}

function partialList(ctx: RequestContext, profile: ApiProfile, request: IHttpRequestOptions, received: number, total: number): NodeOperationError {
	const itemIndex = itemIndexOf(ctx);
	const endpoint = endpointOf(request);
	return new NodeOperationError(
		ctx.getNode(),
		`${profile.name} returned ${received} of ${total} records for ${endpoint}, which its reference documents without paging${itemLabel(ctx as never, itemIndex)}`,
		{
			itemIndex,
			description: `Nothing was returned for this item rather than part of the list. Narrow the list with filters, or report the endpoint to ${profile.name}.`,
		},
	);
}

/**
 * The paging loop: asks for pages of the largest size the API allows (or just `limit` when that
 * is smaller) until `limit` records are in, the server says there is nothing more, or the pages
 * cover the total the server gave. A record the server already returned is not returned again, and
 * a page that brings nothing new (the endpoint ignored offset/page) fails with an error naming the
 * endpoint instead of looping. `unpaged` lists are read in one request without paging parameters,
 * and the limit applies to that one answer.
 */
export async function fetchPages(
	ctx: RequestContext,
	profile: ApiProfile,
	request: IHttpRequestOptions,
	limit: number,
	paging: Paging = 'qs',
): Promise<{ records: IDataObject[]; last?: IN8nHttpFullResponse }> {
	const pager = profile.pager;
	if (!pager) throw new NodeOperationError(ctx.getNode(), `${profile.name} has no pagination`);
	const records: IDataObject[] = [];
	const seen = new Set<string>();
	let previous: string | undefined;
	let last: IN8nHttpFullResponse | undefined;
	// One page size for the whole run, so page numbers and offsets stay aligned.
	const size = Math.min(pager.maxPageSize, limit);
	for (let pageIndex = 0; records.length < limit; pageIndex++) {
		const options: IHttpRequestOptions = {
			...request,
			qs: { ...(request.qs ?? {}) },
			body: paging === 'body' ? { ...((request.body as IDataObject) ?? {}) } : request.body,
		};
		if (paging !== 'unpaged') pager.setPage(options, pageIndex, size, paging);
		last = await apiRequest.call(ctx, profile, options);
		const body = jsonBody(last.body);
		const page = pager.records(body);
		if (paging === 'unpaged') {
			records.push(...page);
			// The reference documents no paging here, so a short answer cannot be completed: say so
			// rather than return part of the list as if it were all of it.
			const total = pager.total(body);
			if (total !== undefined && page.length < total && page.length < limit) throw partialList(ctx, profile, options, page.length, total);
			break;
		}
		const fresh = page.filter((record) => {
			const id = identityOf(record);
			if (id === undefined) return true;
			if (seen.has(id)) return false;
			seen.add(id);
			return true;
		});
		const signature = JSON.stringify(page);
		if (page.length && (!fresh.length || signature === previous)) throw repeatedPage(ctx, profile, options, pageIndex);
		previous = signature;
		records.push(...fresh);
		if (!page.length || !pager.hasMore(body, pageIndex, size, records.length)) break;
		const total = pager.total(body);
		if (total !== undefined && (pageIndex + 1) * size >= total) break;
	}
	return { records: records.slice(0, limit), last };
}

/**
 * Routing for list operations: Return All pages through at the largest page size, Limit asks
 * for no more than needed, and no request is made once the server said there is nothing more.
 * An `unpaged` list is one request; Limit then keeps the first records of the answer.
 */
export function listRequest(profile: ApiProfile, paging: Paging = 'qs') {
	return async function (
		this: IExecutePaginationFunctions,
		requestData: DeclarativeRestApiSettings.ResultOptions,
	): Promise<INodeExecutionData[]> {
		const returnAll = this.getNodeParameter('returnAll', false) as boolean;
		const limit = returnAll ? Infinity : (this.getNodeParameter('limit', 50) as number);
		const { records, last } = await fetchPages(this, profile, requestData.options as IHttpRequestOptions, limit, paging);
		const items = toItems(records, this.getItemIndex());
		return last ? await runPostReceive(this, requestData, items, last) : items;
	};
}
