import { createHash } from 'crypto';
import { sleep } from 'n8n-workflow';

/**
 * One pacer per provider and API key, shared by every item, execution and node of this process.
 * Requests start at least `windowMs / limit` apart, so no window of `windowMs` holds more than
 * `limit` of them. The provider's own view (X-RateLimit-Remaining, Retry-After) can only slow it down.
 */
interface PacerState {
	nextAt: number;
}

const pacers = new Map<string, PacerState>();

export const RATE_WINDOW_MS = 60_000;

export function pacerKey(provider: string, apiKey: string): string {
	return createHash('sha256').update(`${provider}\u0000${apiKey}`).digest('hex');
}

function stateOf(key: string): PacerState {
	let state = pacers.get(key);
	if (!state) {
		state = { nextAt: 0 };
		pacers.set(key, state);
	}
	return state;
}

/** Waits for this request's slot. */
export async function acquireSlot(key: string, limitPerWindow: number): Promise<void> {
	const state = stateOf(key);
	const now = Date.now();
	const at = Math.max(now, state.nextAt);
	state.nextAt = at + RATE_WINDOW_MS / limitPerWindow;
	if (at > now) await sleep(at - now);
}

/** The provider said how many requests are left in its window: spread them over the window. */
export function noteRemaining(key: string, remaining: number): void {
	if (!Number.isFinite(remaining) || remaining < 0) return;
	const state = stateOf(key);
	state.nextAt = Math.max(state.nextAt, Date.now() + RATE_WINDOW_MS / Math.max(remaining, 1));
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
