import type { IDataObject, IHookFunctions, IHttpRequestOptions, INode, IWebhookFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { RequestContext } from '../../shared/transport';
import { apiRequest, jsonBody } from '../../shared/transport';
import { grinfi } from '../profile';
import { eventLabel } from './events';
import type { FilterChoice } from './filters';
import { buildFilters, canonical, filtersMatch } from './filters';
import { TOKEN_FORMAT, forget, isKnown, newToken, refresh, remember, tokenOf } from './tokens';

export const WEBHOOKS_PATH = '/integrations/api/webhooks';
/** Pages of the webhook list read at most (100 each) before giving up on finding ours. */
const MAX_LIST_PAGES = 20;

/**
 * What one URL of this node (the production or the test URL) has registered at Grinfi. Kept in the
 * node's static data under its kind, so the test URL and the production URL never touch each
 * other's webhooks, even when both are registered at once. The delivery tokens are not kept here
 * (see ./tokens.ts): Grinfi holds them in the registered `target_url`s.
 */
export interface Registration {
	/** The node's webhook URL, without the token. */
	url: string;
	/** Webhook UUID at Grinfi by event (`stale:<uuid>` for one that could not be deleted yet). */
	hooks: Record<string, string>;
	/** Canonical JSON of the `filters` sent ("null" for none). */
	filters: string;
}

export type Kind = 'production' | 'test';

interface Desired {
	kind: Kind;
	url: string;
	events: string[];
	filters: IDataObject | null;
}

type StaticData = IDataObject & Partial<Record<Kind, Registration>>;

/** Test URL registrations are made in n8n's "manual" mode; everything else is production. */
export function kindOf(mode: string): Kind {
	return mode === 'manual' ? 'test' : 'production';
}

/** The in-process record of trusted tokens is per workflow, node and URL kind. */
function scopeKey(ctx: IHookFunctions | IWebhookFunctions, kind: Kind): string {
	return `${String(ctx.getWorkflow().id ?? '')}\u0000${ctx.getNode().id}\u0000${kind}`;
}

export function targetUrl(url: string, token: string): string {
	return `${url}${url.includes('?') ? '&' : '?'}secret=${token}`;
}

/** Hides delivery tokens: every `secret=…` of a URL, and the tokens given, wherever they appear. */
function hideTokens(text: string, tokens: string[]): string {
	let out = text.replace(/([?&]secret=)[^&\s"'\\]+/g, '$1***');
	for (const token of tokens) if (token) out = out.split(token).join('***');
	return out;
}

/** The error again with every delivery token hidden (as the transport hides the API key). */
function withoutTokens(node: INode, error: Error, tokens: string[]): Error {
	const hide = (text: string | null | undefined) => (typeof text === 'string' ? hideTokens(text, tokens) : undefined);
	if (error instanceof NodeApiError) {
		return new NodeApiError(node, JSON.parse(hideTokens(JSON.stringify(error.errorResponse ?? {}), tokens)) as JsonObject, {
			message: hide(error.message),
			description: hide(error.description),
			httpCode: error.httpCode ?? undefined,
		});
	}
	if (error instanceof NodeOperationError) {
		return new NodeOperationError(node, hide(error.message) ?? '', { description: hide(error.description) });
	}
	return new NodeOperationError(node, hide(error.message) ?? 'Request failed');
}

function withoutQuery(url: unknown): string {
	return typeof url === 'string' ? url.split('?')[0] : '';
}

function staticDataOf(ctx: IHookFunctions): StaticData {
	return ctx.getWorkflowStaticData('node') as StaticData;
}

function save(ctx: IHookFunctions, kind: Kind, registration: Registration | undefined): void {
	const data = staticDataOf(ctx);
	// Replace the whole entry, so n8n's observable static data notices the change.
	if (registration) data[kind] = { ...registration, hooks: { ...registration.hooks } };
	else delete data[kind];
}

/** Every Grinfi request of the trigger: an error never carries a delivery token. */
async function call(ctx: RequestContext, options: IHttpRequestOptions) {
	try {
		return await apiRequest.call(ctx, grinfi, {
			headers: { Accept: 'application/json' },
			json: true,
			...options,
		});
	} catch (error) {
		throw withoutTokens(ctx.getNode(), error as Error, [tokenOf((options.body as IDataObject | undefined)?.target_url)]);
	}
}

function desiredOf(ctx: IHookFunctions): Desired {
	const url = ctx.getNodeWebhookUrl('default');
	if (!url) throw new NodeOperationError(ctx.getNode(), 'n8n gave no webhook URL for this trigger');
	const events = [...new Set((ctx.getNodeParameter('events', []) as string[]).map(String))];
	if (!events.length) {
		throw new NodeOperationError(ctx.getNode(), 'Choose at least one event', {
			description: 'Grinfi registers one webhook per event; with no event nothing would start this workflow.',
		});
	}
	const choice = ctx.getNodeParameter('filters', {}) as FilterChoice;
	return { kind: kindOf(ctx.getMode()), url, events, filters: buildFilters(ctx.getNode(), choice) };
}

/** Every webhook of the team (Grinfi pages the list with limit/offset). */
async function listWebhooks(ctx: RequestContext): Promise<IDataObject[]> {
	const pager = grinfi.pager!;
	const all: IDataObject[] = [];
	for (let pageIndex = 0; pageIndex < MAX_LIST_PAGES; pageIndex++) {
		const options: IHttpRequestOptions = { method: 'GET', url: WEBHOOKS_PATH, qs: {} };
		pager.setPage(options, pageIndex, pager.maxPageSize, 'qs');
		const body = jsonBody((await call(ctx, options)).body);
		const page = pager.records(body);
		all.push(...page);
		if (!page.length || !pager.hasMore(body, pageIndex, pager.maxPageSize, all.length)) break;
	}
	return all;
}

function isNotFound(error: unknown): boolean {
	return error instanceof NodeApiError && error.httpCode === '404';
}

/** Deletes webhooks by UUID; a webhook already gone (404) counts as deleted. Returns the failures. */
async function removeAll(ctx: IHookFunctions, uuids: string[]): Promise<Array<{ uuid: string; error: Error }>> {
	const failures: Array<{ uuid: string; error: Error }> = [];
	for (const uuid of uuids) {
		try {
			await call(ctx, { method: 'DELETE', url: `${WEBHOOKS_PATH}/${encodeURIComponent(uuid)}` });
		} catch (error) {
			if (!isNotFound(error)) failures.push({ uuid, error: error as Error });
		}
	}
	return failures;
}

/** The error again, with what the trigger was doing in front of it; an API error keeps its HTTP code. */
function explained(node: INode, error: Error, message: string, description: string): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError) {
		return new NodeApiError(node, (error.errorResponse ?? {}) as JsonObject, {
			message: `${message}: ${error.message}`,
			description: [error.description, description].filter(Boolean).join(' '),
			httpCode: error.httpCode ?? undefined,
		});
	}
	return new NodeOperationError(node, `${message}: ${error.message}`, { description });
}

function failureError(node: INode, what: string, failures: Array<{ uuid: string; error: Error }>) {
	const message = `${what}: ${failures.length} Grinfi webhook(s) could not be deleted (${failures
		.map((f) => f.uuid)
		.join(', ')})`;
	const description =
		'Their IDs are kept, so the next activation or deactivation tries again. You can also delete them in Grinfi under Settings → Webhooks.';
	return explained(node, failures[0].error, message, description);
}

const isOn = (webhook: IDataObject) => webhook.status === undefined || webhook.status === 'on';

function held(webhook: IDataObject, registration: Registration, event: string, filters: IDataObject | null): boolean {
	return (
		withoutQuery(webhook.target_url) === registration.url &&
		TOKEN_FORMAT.test(tokenOf(webhook.target_url)) &&
		webhook.event === event &&
		String(webhook.request_method ?? 'POST').toUpperCase() === 'POST' &&
		isOn(webhook) &&
		filtersMatch(filters, webhook.filters)
	);
}

/**
 * True only if every event chosen has its webhook at Grinfi with this URL (and secret), event and
 * filters, switched on. Anything else that this node's URL has at Grinfi (webhooks of events no
 * longer chosen, with old filters, an old URL, or left behind by a lost static data) is deleted,
 * and the ones still right are kept for `create`. One listing, plus a delete per stale webhook.
 */
export async function checkExists(ctx: IHookFunctions): Promise<boolean> {
	const desired = desiredOf(ctx);
	const remote = await listWebhooks(ctx);
	const byUuid = new Map(remote.map((w) => [String(w.uuid), w]));
	const previous = staticDataOf(ctx)[desired.kind];
	const kept: Record<string, string> = {};
	const stale: string[] = [];
	const sameSetup = previous?.url === desired.url && previous.filters === canonical(desired.filters);
	for (const [event, uuid] of Object.entries(previous?.hooks ?? {})) {
		const webhook = byUuid.get(uuid);
		if (!webhook) continue; // deleted in Grinfi behind n8n's back
		if (sameSetup && desired.events.includes(event) && !kept[event] && held(webhook, previous, event, desired.filters)) {
			kept[event] = uuid;
		} else {
			stale.push(uuid);
		}
	}
	// Webhooks pointing at this very URL that this node does not know (e.g. its static data was lost).
	const tracked = new Set(Object.values(previous?.hooks ?? {}));
	for (const webhook of remote) {
		const uuid = String(webhook.uuid);
		if (withoutQuery(webhook.target_url) === desired.url && !tracked.has(uuid)) stale.push(uuid);
	}
	const failures = await removeAll(ctx, stale);
	const failed = new Set(failures.map((f) => f.uuid));
	// Stale webhooks that could not be deleted are kept under a key no event matches, so they are
	// never taken for valid ones and the next create, check or delete tries again.
	const leftOver = Object.fromEntries([...failed].map((uuid) => [`stale:${uuid}`, uuid]));
	const hooks = { ...leftOver, ...kept };
	save(ctx, desired.kind, {
		url: desired.url,
		hooks,
		filters: canonical(desired.filters),
	});
	// The tokens of the webhooks kept are known good: deliveries need not ask Grinfi again.
	remember(
		scopeKey(ctx, desired.kind),
		Object.values(kept).map((uuid) => tokenOf(byUuid.get(uuid)?.target_url)),
		Date.now(),
	);
	if (failures.length) throw failureError(ctx.getNode(), 'Could not clean up before activation', failures);
	return stale.length === 0 && desired.events.every((event) => kept[event]);
}

/**
 * Registers a webhook for each chosen event that has none yet (normally all of them): all or
 * nothing. If one registration fails, the ones made here are deleted again and the error says so.
 */
export async function create(ctx: IHookFunctions): Promise<boolean> {
	const desired = desiredOf(ctx);
	const filtersKey = canonical(desired.filters);
	let registration = staticDataOf(ctx)[desired.kind];
	// Called without checkExists, or after a change: nothing registered for another setup survives.
	if (registration && (registration.url !== desired.url || registration.filters !== filtersKey)) {
		const failures = await removeAll(ctx, Object.values(registration.hooks));
		if (failures.length) throw failureError(ctx.getNode(), 'Could not replace the old Grinfi webhooks', failures);
		registration = undefined;
	}
	const kept: Record<string, string> = {};
	const obsolete: string[] = [];
	for (const [event, uuid] of Object.entries(registration?.hooks ?? {})) {
		if (desired.events.includes(event)) kept[event] = uuid;
		else obsolete.push(uuid);
	}
	const obsoleteFailures = await removeAll(ctx, obsolete);
	if (obsoleteFailures.length) throw failureError(ctx.getNode(), 'Could not remove webhooks of events no longer chosen', obsoleteFailures);
	const current: Registration = { url: desired.url, hooks: { ...kept }, filters: filtersKey };
	const workflowName = ctx.getWorkflow().name ?? `workflow ${ctx.getWorkflow().id ?? ''}`.trim();
	const prefix = desired.kind === 'test' ? 'n8n (test)' : 'n8n';
	const made: Record<string, string> = {};
	for (const event of desired.events.filter((e) => !kept[e])) {
		// A token of its own for each webhook, kept by Grinfi in the target URL and nowhere else.
		const token = newToken();
		try {
			const response = await call(ctx, {
				method: 'POST',
				url: WEBHOOKS_PATH,
				body: {
					name: `${prefix}: ${workflowName} – ${eventLabel(event)}`.slice(0, 255),
					event,
					target_url: targetUrl(desired.url, token),
					request_method: 'POST',
					filters: desired.filters,
					status: 'on',
				},
			});
			const body = jsonBody(response.body) as IDataObject;
			const created = ((body?.data as IDataObject | undefined)?.uuid ?? body?.uuid) as string | undefined;
			if (!created) {
				throw new NodeOperationError(ctx.getNode(), `Grinfi registered no webhook for "${eventLabel(event)}"`, {
					description: 'Its answer carried no webhook UUID.',
				});
			}
			made[event] = String(created);
			remember(scopeKey(ctx, desired.kind), [token], Date.now());
		} catch (error) {
			const failures = await removeAll(ctx, Object.values(made));
			const failed = new Set(failures.map((f) => f.uuid));
			const survivors = Object.fromEntries(Object.entries(made).filter(([, uuid]) => failed.has(uuid)));
			save(ctx, desired.kind, { ...current, hooks: { ...kept, ...survivors } });
			const removed = Object.keys(made).length - failures.length;
			const rollback = failures.length
				? `${removed} of the ${Object.keys(made).length} webhook(s) registered before it were deleted again; ${failures.length} could not be (${[...failed].join(', ')}): delete them in Grinfi under Settings → Webhooks.`
				: `The ${removed} webhook(s) registered before it were deleted again, so nothing was left half set up.`;
			throw explained(ctx.getNode(), error as Error, `Could not register the Grinfi webhook for "${eventLabel(event)}"`, rollback);
		}
	}
	save(ctx, desired.kind, { ...current, hooks: { ...kept, ...made } });
	return true;
}

/**
 * Deletes every webhook registered for the URL n8n is deactivating (production or test), tolerating
 * those already gone, and forgets them. Registrations of the other URL are left alone.
 */
export async function remove(ctx: IHookFunctions): Promise<boolean> {
	const url = ctx.getNodeWebhookUrl('default');
	const data = staticDataOf(ctx);
	const kind = (['production', 'test'] as Kind[]).find((k) => data[k]?.url === url);
	if (!kind) {
		// No record here (n8n 1.x may not hand back what activation stored): remove whatever Grinfi
		// has for this URL, so deactivation never leaves webhooks behind.
		if (!url) return true;
		for (const k of ['production', 'test'] as Kind[]) forget(scopeKey(ctx, k));
		const ours = (await listWebhooks(ctx)).filter((w) => withoutQuery(w.target_url) === url).map((w) => String(w.uuid));
		const failures = await removeAll(ctx, ours);
		if (failures.length) throw failureError(ctx.getNode(), 'Could not deactivate', failures);
		return true;
	}
	const registration = data[kind]!;
	forget(scopeKey(ctx, kind));
	const failures = await removeAll(ctx, Object.values(registration.hooks));
	if (failures.length) {
		const failed = new Set(failures.map((f) => f.uuid));
		save(ctx, kind, {
			...registration,
			hooks: Object.fromEntries(Object.entries(registration.hooks).filter(([, uuid]) => failed.has(uuid))),
		});
		throw failureError(ctx.getNode(), 'Could not deactivate', failures);
	}
	save(ctx, kind, undefined);
	return true;
}

/** Whether a registered `target_url` (without its query) is this node's URL of `kind`. */
function isOwnUrl(base: string, kind: Kind, productionUrl: string): boolean {
	if (kind === 'production') return base === productionUrl;
	// The test URL differs from the production URL only in n8n's test path before
	// `/<webhook id>/<path>` (n8n hands a webhook only its production URL).
	const tail = productionUrl.slice(productionUrl.lastIndexOf('/', productionUrl.lastIndexOf('/') - 1));
	const origin = (url: string) => /^[a-z]+:\/\/[^/]+/i.exec(url)?.[0] ?? '';
	return base !== productionUrl && base.endsWith(tail) && origin(base) === origin(productionUrl);
}

export type Verdict = 'accepted' | 'refused';

/**
 * Checks the token of a delivery (see ./tokens.ts): accepted if it is the token of a webhook,
 * switched on, that Grinfi holds for this node's URL of `kind`. Known tokens are answered from
 * memory; an unknown one makes one listing of Grinfi's webhooks (at most one per RELIST_MS per
 * URL), with the key the credential holds now. Throws, without any token in the error, when the
 * list cannot be read.
 */
export async function verifyDelivery(ctx: IWebhookFunctions, kind: Kind, token: string): Promise<Verdict> {
	if (!TOKEN_FORMAT.test(token)) return 'refused';
	const key = scopeKey(ctx, kind);
	if (isKnown(key, token, Date.now())) return 'accepted';
	const productionUrl = ctx.getNodeWebhookUrl('default');
	if (!productionUrl) return 'refused';
	await refresh(key, Date.now(), async () =>
		(await listWebhooks(ctx))
			.filter((w) => isOn(w) && isOwnUrl(withoutQuery(w.target_url), kind, productionUrl))
			.map((w) => tokenOf(w.target_url)),
	);
	return isKnown(key, token, Date.now()) ? 'accepted' : 'refused';
}
