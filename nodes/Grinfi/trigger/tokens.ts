import { randomBytes } from 'crypto';

import { safeEqual } from '../../shared/signature';

/**
 * The delivery token of a Grinfi webhook: 32 random bytes (hex) made when the webhook is
 * registered and put in its `target_url` (`?secret=`). Grinfi does not sign deliveries, so the
 * token is what proves a delivery came from a webhook n8n registered.
 *
 * n8n keeps no copy: Grinfi's own list of webhooks is the record (n8n 1.x does not hand a webhook
 * the static data its activation wrote, and a copy derived from the API key broke every delivery
 * when the key changed). A delivery is accepted when its token is one this process saw at Grinfi
 * for this node's URL within KNOWN_MS (or registered itself); otherwise Grinfi's list is read, with
 * whatever key the credential holds now (any key of the same team sees the same webhooks).
 */
export const TOKEN_FORMAT = /^[0-9a-f]{64}$/;

/** A token read from Grinfi's list (or registered here) is trusted this long without asking again. */
export const KNOWN_MS = 10 * 60_000;
/** An unknown token makes this process read Grinfi's list at most this often per URL. */
export const RELIST_MS = 5_000;
/** Bound of the scopes remembered (one per trigger URL with recent deliveries). */
const MAX_SCOPES = 1_000;

export function newToken(): string {
	return randomBytes(32).toString('hex');
}

/** The token in a registered `target_url`, or '' when it has none. */
export function tokenOf(targetUrl: unknown): string {
	if (typeof targetUrl !== 'string') return '';
	const query = targetUrl.split('?')[1];
	if (!query) return '';
	for (const pair of query.split('&')) {
		const at = pair.indexOf('=');
		if (at > 0 && pair.slice(0, at) === 'secret') return pair.slice(at + 1);
	}
	return '';
}

interface Scope {
	/** token → until when it is trusted (ms). */
	tokens: Map<string, number>;
	/** When Grinfi's list was last asked for this scope (ms), and the error if that failed. */
	listedAt: number;
	failure?: Error;
	/** A listing in flight, shared by concurrent deliveries. */
	listing?: Promise<void>;
}

const scopes = new Map<string, Scope>();

function scopeOf(key: string): Scope {
	let scope = scopes.get(key);
	if (!scope) {
		if (scopes.size >= MAX_SCOPES) scopes.delete(scopes.keys().next().value as string);
		scope = { tokens: new Map(), listedAt: -Infinity };
		scopes.set(key, scope);
	}
	return scope;
}

/** Trusts `tokens` for the scope (registered here, or just read from Grinfi). */
export function remember(key: string, tokens: string[], nowMs: number): void {
	const scope = scopeOf(key);
	for (const token of tokens) if (TOKEN_FORMAT.test(token)) scope.tokens.set(token, nowMs + KNOWN_MS);
}

/** Forgets everything about the scope (its webhooks were deleted). */
export function forget(key: string): void {
	scopes.delete(key);
}

/** Whether `token` is trusted for the scope now; compares in constant time against each token. */
export function isKnown(key: string, token: string, nowMs: number): boolean {
	const scope = scopes.get(key);
	if (!scope) return false;
	let found = false;
	for (const [candidate, until] of scope.tokens) {
		if (until < nowMs) {
			scope.tokens.delete(candidate);
			continue;
		}
		if (safeEqual(candidate, token)) found = true;
	}
	return found;
}

/**
 * Reads Grinfi's list for the scope unless it was asked within RELIST_MS (then the answer of that
 * time stands: its tokens, or its error again); `list` returns the tokens registered for the
 * scope's URL. Concurrent callers share one listing. Throws what `list` throws.
 */
export async function refresh(key: string, nowMs: number, list: () => Promise<string[]>): Promise<void> {
	const scope = scopeOf(key);
	if (!scope.listing && nowMs - scope.listedAt >= RELIST_MS) {
		scope.listedAt = nowMs;
		scope.listing = list().then(
			(tokens) => {
				scope.failure = undefined;
				scope.tokens.clear();
				remember(key, tokens, nowMs);
				scope.listing = undefined;
			},
			(error: Error) => {
				scope.failure = error;
				scope.listing = undefined;
			},
		);
	}
	if (scope.listing) await scope.listing;
	if (scope.failure) throw scope.failure;
}
