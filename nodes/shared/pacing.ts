import { createHash } from 'crypto';
import { sleep } from 'n8n-workflow';

/**
 * One pacer per provider and API key, shared by every item, execution and node of this n8n process.
 *
 * A window budget, not a metronome: a request goes out at once while the key has budget left in the
 * provider's window (its documented limit per minute, or the X-RateLimit-Limit it sends), and waits
 * only when the budget is spent, until the oldest request of the window leaves it. The window is
 * sliding: a request counts from its response (a little later than the server counted it, so never
 * too early) until a window after it.
 *
 * Others on the same key (other workers, webhook processes) are accounted for without a shared
 * store: X-RateLimit-Remaining tells how much of the window is used, and what this process did not
 * send itself was sent by someone else. Where the provider sends no such header, or documents no
 * limit at all, a 429 teaches the pacer: the key pauses until Retry-After and this process then
 * allows itself only as many requests per window as it got through before the 429, growing that
 * share back by a tenth per clean window and dropping it after five.
 *
 * At most MAX_IN_FLIGHT requests of one key are in flight at once: acquireSlot returns a release
 * to call when the response is in (or the request failed).
 */

export const RATE_WINDOW_MS = 60_000;
/** The window the pacer counts in: the providers' minute (tests shorten it with setPacerWindow). */
let windowMs = RATE_WINDOW_MS;
/** Requests of one key in flight at once. */
export const MAX_IN_FLIGHT = 8;
/** After a 429, the share learned grows by this factor per window without a 429... */
const RECOVERY_PER_WINDOW = 1.1;
/** ...and is forgotten after this many windows without one. */
const RECOVERY_WINDOWS = 5;

export type Release = () => void;

/** Time as the pacer sees it; tests swap in a virtual clock (setPacerClock). */
export interface PacerClock {
	now(): number;
	sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

const realClock: PacerClock = {
	now: () => Date.now(),
	sleep: async (ms, signal) => await sleep(ms, signal),
};
let clock: PacerClock = realClock;

interface Waiter {
	grant(): void;
	cancel(reason: unknown): void;
}

/** What a pacer did, for tests and diagnostics. */
export interface PacerStats {
	/** Requests let through. */
	granted: number;
	/** Timed waits the pacer scheduled because the window's budget was spent or the key paused. */
	waits: number;
	/** Their total length in ms. */
	waitedMs: number;
	/** Most requests in flight at once. */
	maxInFlight: number;
}

interface PacerState {
	/** The provider's documented limit per window (undefined: none documented). */
	documented?: number;
	/** The limit the provider told (X-RateLimit-Limit); wins over the documented one. */
	toldLimit?: number;
	/** Response times of this process's finished requests within the window, oldest first. */
	stamps: number[];
	inFlight: number;
	/** Requests others made on this key within the window, as last estimated, and when. */
	others: number;
	othersAt: number;
	/** Nobody sends on this key before this time (a 429's Retry-After). */
	pausedUntil: number;
	/** Requests per window this process allows itself since a 429 (Infinity: no such share). */
	share: number;
	/** When the share starts to grow back (the end of the pause that set it). */
	shareFrom: number;
	queue: Waiter[];
	driving: boolean;
	/** Ends the driver's timed wait early (every waiter gave up). */
	wake?: AbortController;
	stats: PacerStats;
}

const pacers = new Map<string, PacerState>();

export function pacerKey(provider: string, apiKey: string): string {
	return createHash('sha256').update(`${provider}\u0000${apiKey}`).digest('hex');
}

function stateOf(key: string): PacerState {
	let state = pacers.get(key);
	if (!state) {
		state = {
			stamps: [],
			inFlight: 0,
			others: 0,
			othersAt: 0,
			pausedUntil: 0,
			share: Infinity,
			shareFrom: 0,
			queue: [],
			driving: false,
			stats: { granted: 0, waits: 0, waitedMs: 0, maxInFlight: 0 },
		};
		pacers.set(key, state);
	}
	return state;
}

function prune(state: PacerState, now: number): void {
	let expired = 0;
	while (expired < state.stamps.length && now - state.stamps[expired] >= windowMs) expired++;
	if (expired) state.stamps.splice(0, expired);
	if (state.others && now - state.othersAt >= windowMs) state.others = 0;
}

function limitOf(state: PacerState, documented: number | undefined): number {
	const limit = state.toldLimit ?? documented;
	return limit && limit > 0 ? limit : Infinity;
}

/** The share learned from a 429 as it stands at `now`: grown back a tenth per clean window. */
function shareAt(state: PacerState, now: number): number {
	if (state.share === Infinity || now < state.shareFrom) return state.share;
	const windows = Math.floor((now - state.shareFrom) / windowMs);
	if (windows >= RECOVERY_WINDOWS) {
		state.share = Infinity;
		return Infinity;
	}
	return Math.floor(state.share * RECOVERY_PER_WINDOW ** windows);
}

/**
 * How long the next request on this key has to wait from `now`: 0 to go at once, a number of ms
 * for the budget to free up, Infinity until a request in flight finishes.
 */
function waitFor(state: PacerState, documented: number | undefined, now: number): number {
	if (now < state.pausedUntil) return state.pausedUntil - now;
	if (state.inFlight >= MAX_IN_FLIGHT) return Infinity;
	prune(state, now);
	const ours = state.stamps.length + state.inFlight;
	const limit = limitOf(state, documented);
	const share = shareAt(state, now);
	const overLimit = ours + state.others >= limit;
	const overShare = ours >= share;
	if (!overLimit && !overShare) return 0;
	// Budget frees up when our oldest finished request leaves the window; requests in flight free
	// it once they finish (their release drives the queue again).
	let at = state.stamps.length ? state.stamps[0] + windowMs : Infinity;
	// The others' requests last counted have surely left the window a window after we counted them.
	if (overLimit && !overShare && state.others) at = Math.min(at, state.othersAt + windowMs);
	// The share grows back at the next window boundary after its pause.
	if (overShare && !overLimit && state.share !== Infinity) {
		const next = state.shareFrom + (Math.max(0, Math.floor((now - state.shareFrom) / windowMs)) + 1) * windowMs;
		at = Math.min(at, now < state.shareFrom ? state.shareFrom : next);
	}
	return at === Infinity ? Infinity : Math.max(1, at - now);
}

function grant(state: PacerState): Release {
	state.inFlight++;
	state.stats.granted++;
	state.stats.maxInFlight = Math.max(state.stats.maxInFlight, state.inFlight);
	let released = false;
	return () => {
		if (released) return;
		released = true;
		state.inFlight--;
		state.stamps.push(clock.now());
		void drive(state);
	};
}

/** Lets queued requests through in order as the budget allows; one driver per key at a time. */
async function drive(state: PacerState): Promise<void> {
	if (state.driving) return;
	state.driving = true;
	try {
		while (state.queue.length) {
			const wait = waitFor(state, state.documented, clock.now());
			if (wait === 0) {
				(state.queue.shift() as Waiter).grant();
				continue;
			}
			// In-flight requests are at the bound: their release drives the queue again.
			if (wait === Infinity) break;
			state.stats.waits++;
			state.stats.waitedMs += wait;
			const wake = new AbortController();
			state.wake = wake;
			try {
				await clock.sleep(wait, wake.signal);
			} catch {
				// woken early: every waiter gave up
				state.wake = undefined;
			}
			state.wake = undefined;
		}
	} finally {
		state.driving = false;
	}
}

function abortReason(signal: AbortSignal): unknown {
	return signal.reason ?? new Error('The wait for a request slot was cancelled');
}

/**
 * Waits until this key may send a request (at once while the window has budget) and resolves a
 * release to call when its response is in. Rejects when `signal` aborts first (execution cancelled).
 */
export async function acquireSlot(key: string, limitPerWindow: number | undefined, signal?: AbortSignal): Promise<Release> {
	if (signal?.aborted) throw abortReason(signal);
	const state = stateOf(key);
	state.documented = limitPerWindow;
	if (!state.queue.length && waitFor(state, limitPerWindow, clock.now()) === 0) return grant(state);
	return await new Promise<Release>((resolve, reject) => {
		const onAbort = () => {
			const index = state.queue.indexOf(waiter);
			if (index !== -1) state.queue.splice(index, 1);
			if (!state.queue.length) state.wake?.abort();
			reject(abortReason(signal as AbortSignal));
		};
		const waiter: Waiter = {
			grant: () => {
				signal?.removeEventListener('abort', onAbort);
				resolve(grant(state));
			},
			cancel: (reason) => {
				signal?.removeEventListener('abort', onAbort);
				reject(reason);
			},
		};
		signal?.addEventListener('abort', onAbort, { once: true });
		state.queue.push(waiter);
		void drive(state);
	});
}

/**
 * The provider said how many requests are left in its window (and its limit, when it sends it):
 * what this process did not send itself, others sent on the same key.
 */
export function noteRemaining(key: string, remaining: number, limitPerWindow: number | undefined): void {
	if (!Number.isFinite(remaining) || remaining < 0) return;
	const state = stateOf(key);
	if (limitPerWindow !== undefined && Number.isFinite(limitPerWindow) && limitPerWindow > 0 && limitPerWindow !== state.documented) {
		state.toldLimit = limitPerWindow;
	}
	const limit = limitOf(state, state.documented);
	if (limit === Infinity) return;
	const now = clock.now();
	prune(state, now);
	state.others = Math.max(0, limit - remaining - state.stamps.length - state.inFlight);
	state.othersAt = now;
}

/**
 * The provider answered 429: nobody on this key sends before `untilMs`, and this process then
 * allows itself no more requests per window than it got through (the refused one not counted).
 */
export function pauseUntil(key: string, untilMs: number): void {
	const state = stateOf(key);
	const now = clock.now();
	prune(state, now);
	// The refused request was released just before: the server did not count it.
	if (state.stamps.length) state.stamps.pop();
	state.share = Math.min(shareAt(state, now), Math.max(1, state.stamps.length + state.inFlight));
	state.pausedUntil = Math.max(state.pausedUntil, untilMs);
	state.shareFrom = state.pausedUntil;
}

/** Test hook: forget all pacing state (requests still waiting are refused). */
export function resetPacers(): void {
	for (const state of pacers.values()) {
		const waiting = state.queue.splice(0);
		for (const waiter of waiting) waiter.cancel(new Error('The pacers were reset'));
		state.wake?.abort();
	}
	pacers.clear();
}

/** Test hook: the clock the pacer reads and sleeps on (none: the real one). */
export function setPacerClock(replacement?: PacerClock): void {
	clock = replacement ?? realClock;
}

/** Test hook: the length of the window (none: the providers' minute). */
export function setPacerWindow(ms?: number): void {
	windowMs = ms ?? RATE_WINDOW_MS;
}

/** How long the next request on this key would wait, in ms (Infinity: until one in flight finishes). */
export function nextSlotIn(key: string): number {
	const state = stateOf(key);
	if (state.queue.length) return Math.max(1, waitFor(state, state.documented, clock.now()));
	return waitFor(state, state.documented, clock.now());
}

/** What the pacer of this key did so far (for tests and benchmarks). */
export function pacerStats(key: string): PacerStats {
	return { ...stateOf(key).stats };
}
