import { createHash } from 'crypto';
import { sleep } from 'n8n-workflow';

/**
 * One pacer per provider and API key, shared by every item, execution and node of this n8n instance.
 *
 * A window budget, not a metronome: a request goes out at once while the key has budget left in the
 * provider's window (its documented limit per minute, or the X-RateLimit-Limit it sends), and waits
 * only when the budget is spent, until the oldest request of the window leaves it. The window is
 * sliding: a request counts from its response (a little later than the server counted it, so never
 * too early) until a window after it.
 *
 * Others on the same key (other workers, webhook processes) are accounted for without a shared
 * store: X-RateLimit-Remaining tells how much of the window is used, and what this process did not
 * send itself was sent by someone else. A 429 pauses the key until Retry-After. Where the provider
 * sends no remaining header, or documents no limit at all, the 429 also teaches the pacer: for the
 * window after the pause this process allows itself only as many requests as it got through before
 * the 429 (its share), so that processes released by the same pause do not all burst again.
 *
 * At most MAX_IN_FLIGHT requests of one key are in flight at once: acquireSlot returns a release
 * to call when the response is in (or the request failed).
 */

export const RATE_WINDOW_MS = 60_000;
/** The window the pacer counts in: the providers' minute (tests shorten it with setPacerWindow). */
let windowMs = RATE_WINDOW_MS;
/** Requests of one key in flight at once... */
export const MAX_IN_FLIGHT = 8;
/** ...and for a window after a 429 (the key is contended: those in flight when its window is spent are refused too). */
export const CONTENDED_IN_FLIGHT = 2;

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
	/** The provider tells what is left of its window (X-RateLimit-Remaining): others are counted, no share is learnt. */
	tellsRemaining: boolean;
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
	/** The end of the pause that set the share; it holds for a window from then. */
	shareFrom: number;
	/** Until then, at most CONTENDED_IN_FLIGHT requests are in flight. */
	contendedUntil: number;
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
			tellsRemaining: false,
			stamps: [],
			inFlight: 0,
			others: 0,
			othersAt: 0,
			pausedUntil: 0,
			share: Infinity,
			shareFrom: 0,
			contendedUntil: 0,
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

/** The share learned from a 429 as it stands at `now`: it holds for one window after the pause. */
function shareAt(state: PacerState, now: number): number {
	if (state.share !== Infinity && now >= state.shareFrom + windowMs) state.share = Infinity;
	return state.share;
}

/**
 * How long the next request on this key has to wait from `now`: 0 to go at once, a number of ms
 * for the budget to free up, Infinity until a request in flight finishes.
 */
function waitFor(state: PacerState, documented: number | undefined, now: number): number {
	if (now < state.pausedUntil) return state.pausedUntil - now;
	if (state.inFlight >= (now < state.contendedUntil ? CONTENDED_IN_FLIGHT : MAX_IN_FLIGHT)) return Infinity;
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
	// The share is forgotten a window after its pause.
	if (overShare && !overLimit) at = Math.min(at, state.shareFrom + windowMs);
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
		// Not at once: the caller first tells what the answer said (noteRemaining, pauseUntil).
		void Promise.resolve().then(async () => await drive(state));
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
	state.tellsRemaining = true;
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
 * The provider answered 429: nobody on this key sends before `untilMs`. Where the provider does not
 * say what is left of its window, this process then allows itself no more requests per window than
 * it got through (the refused ones not counted), when that is at least MAX_IN_FLIGHT and the pause
 * is long (the window is full of recent requests): a process that got (almost) nothing through, or
 * was refused while the window was freeing, learnt nothing about its share and tries again after
 * the pause.
 */
export function pauseUntil(key: string, untilMs: number): void {
	const state = stateOf(key);
	const now = clock.now();
	prune(state, now);
	// The refused request was released just before: the server did not count it.
	if (state.stamps.length) state.stamps.pop();
	state.pausedUntil = Math.max(state.pausedUntil, untilMs);
	const through = state.stamps.length;
	state.contendedUntil = state.pausedUntil + windowMs;
	// A short Retry-After means the window is freeing now (its oldest requests are about to leave): what got
	// through just then says nothing of this process's share.
	if (state.tellsRemaining || through < MAX_IN_FLIGHT || untilMs - now < windowMs / 2) return;
	state.share = Math.min(shareAt(state, now), through);
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
