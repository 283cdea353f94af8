import { createHash } from 'crypto';
import { sleep } from 'n8n-workflow';

/**
 * One pacer per provider and API key, shared by every item, execution and node of this n8n instance.
 * Requests start at least `window / budget` apart, where the budget is the provider's limit less
 * what others spend on the same key: X-RateLimit-Remaining tells how much of the window is used,
 * and what this process did not send itself was sent by someone else. A 429 holds the key until
 * its Retry-After.
 */
interface PacerState {
	nextAt: number;
	/** Start times of this process's requests within the last window. */
	sent: number[];
	/** Requests others made on this key within the window, as last estimated. */
	others: number;
	othersAt: number;
}

const pacers = new Map<string, PacerState>();

export const RATE_WINDOW_MS = 60_000;

export function pacerKey(provider: string, apiKey: string): string {
	return createHash('sha256').update(`${provider}\u0000${apiKey}`).digest('hex');
}

function stateOf(key: string): PacerState {
	let state = pacers.get(key);
	if (!state) {
		state = { nextAt: 0, sent: [], others: 0, othersAt: 0 };
		pacers.set(key, state);
	}
	return state;
}

function prune(state: PacerState, now: number): void {
	while (state.sent.length && now - state.sent[0] >= RATE_WINDOW_MS) state.sent.shift();
	if (now - state.othersAt >= RATE_WINDOW_MS) state.others = 0;
}

/** Waits for this request's slot. */
export async function acquireSlot(key: string, limitPerWindow: number): Promise<void> {
	const state = stateOf(key);
	const now = Date.now();
	prune(state, now);
	const budget = Math.max(limitPerWindow - state.others, 1);
	const at = Math.max(now, state.nextAt);
	state.nextAt = at + RATE_WINDOW_MS / budget;
	state.sent.push(at);
	if (at > now) await sleep(at - now);
}

/** The provider said how many requests are left in its window: account for others on the key. */
export function noteRemaining(key: string, remaining: number, limitPerWindow: number): void {
	if (!Number.isFinite(remaining) || remaining < 0) return;
	const state = stateOf(key);
	const now = Date.now();
	prune(state, now);
	const ours = state.sent.filter((t) => t <= now).length;
	state.others = Math.max(0, limitPerWindow - remaining - ours);
	state.othersAt = now;
}

/** The provider answered 429: nobody on this key sends before the pause is over. */
export function pauseUntil(key: string, untilMs: number): void {
	const state = stateOf(key);
	state.nextAt = Math.max(state.nextAt, untilMs);
}

/** Test hook: forget all pacing state. */
export function resetPacers(): void {
	pacers.clear();
}

/** How long the next request on this key would wait, in ms (for tests and diagnostics). */
export function nextSlotIn(key: string): number {
	return Math.max(0, stateOf(key).nextAt - Date.now());
}
