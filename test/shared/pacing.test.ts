/**
 * The pacer's schedule, computed on a virtual clock: when each request is let through and which
 * waits the pacer scheduled, never wall-clock gaps.
 */
import type { PacerClock, Release } from '../../nodes/shared/pacing';
import { MAX_IN_FLIGHT, RATE_WINDOW_MS, acquireSlot, nextSlotIn, noteRemaining, pacerKey, pacerStats, pauseUntil, resetPacers, setPacerClock } from '../../nodes/shared/pacing';

const T0 = 1_000_000;
const flush = () => new Promise((resolve) => setImmediate(resolve));

/** Virtual time: sleeps and scheduled callbacks fire only when the test advances the clock. */
class VirtualClock implements PacerClock {
	t = T0;
	private timers: Array<{ at: number; fire: () => void; seq: number }> = [];
	private seq = 0;
	now = () => this.t;
	sleep = (ms: number, signal?: AbortSignal) =>
		new Promise<void>((resolve, reject) => {
			const timer = { at: this.t + ms, fire: resolve, seq: this.seq++ };
			this.timers.push(timer);
			signal?.addEventListener('abort', () => {
				this.timers = this.timers.filter((t) => t !== timer);
				reject(new Error('aborted'));
			});
		});
	/** Runs `fire` at virtual time `at`. */
	at(at: number, fire: () => void) {
		this.timers.push({ at, fire, seq: this.seq++ });
	}
	get pending() {
		return this.timers.length;
	}
	/** Advances time, firing timers in order, until none is left before `until`. */
	async run(until = Infinity) {
		for (let guard = 0; guard < 1_000_000; guard++) {
			await flush();
			if (!this.timers.length) return;
			this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
			const next = this.timers[0];
			if (next.at > until) {
				this.t = until;
				return;
			}
			this.timers.shift();
			this.t = Math.max(this.t, next.at);
			next.fire();
		}
		throw new Error('virtual clock ran away');
	}
}

let clock: VirtualClock;
beforeEach(() => {
	resetPacers();
	clock = new VirtualClock();
	setPacerClock(clock);
});
afterAll(() => setPacerClock());

/** `count` requests queued at once; each is answered `roundTripMs` after it is let through. Resolves their start times. */
async function burst(key: string, limit: number | undefined, count: number, roundTripMs = 0): Promise<number[]> {
	const starts: number[] = [];
	const done = Array.from({ length: count }, async () => {
		const release = await acquireSlot(key, limit);
		starts.push(clock.now());
		if (roundTripMs) await clock.sleep(roundTripMs);
		release();
	});
	await clock.run();
	await Promise.all(done);
	return starts;
}

const counts = (starts: number[]) => starts.reduce<Record<number, number>>((acc, t) => ({ ...acc, [t - T0]: (acc[t - T0] ?? 0) + 1 }), {});

test('keys are per provider and API key, and never the key itself', () => {
	const key = pacerKey('LeadGrid', 'lg_live_secret');
	expect(key).toMatch(/^[0-9a-f]{64}$/);
	expect(key).not.toContain('secret');
	expect(pacerKey('Grinfi', 'lg_live_secret')).not.toBe(key);
});

test('a job within the budget goes out at once: no wait is scheduled', async () => {
	const key = pacerKey('LeadGrid', 'k');
	const starts = await burst(key, 600, 600);
	expect(counts(starts)).toEqual({ 0: 600 });
	expect(pacerStats(key)).toMatchObject({ granted: 600, waits: 0, waitedMs: 0 });
});

test('over the budget, the rest waits for the window to free: 600 at once, 120 a window after the first answers', async () => {
	const key = pacerKey('LeadGrid', 'k');
	const starts = await burst(key, 600, 720, 20);
	// MAX_IN_FLIGHT at a time, each answered 20 ms later.
	const first = starts.slice(0, 600);
	expect(Math.max(...first) - T0).toBe((Math.ceil(600 / MAX_IN_FLIGHT) - 1) * 20);
	// The 601st starts exactly when the first answer (at 20 ms) leaves the window.
	expect(starts[600] - T0).toBe(20 + RATE_WINDOW_MS);
	expect(Math.max(...starts) - T0).toBeLessThan(RATE_WINDOW_MS + 1000);
	expect(pacerStats(key).waits).toBeGreaterThan(0);
	// Never more than 600 started within any window counted from the answers.
	const sorted = [...starts].sort((a, b) => a - b);
	for (let i = 600; i < sorted.length; i++) expect(sorted[i] - sorted[i - 600]).toBeGreaterThanOrEqual(RATE_WINDOW_MS);
});

test('at most MAX_IN_FLIGHT requests of one key are in flight; a release lets the next one go, without a timed wait', async () => {
	const key = pacerKey('LeadGrid', 'k');
	const releases: Release[] = [];
	const pending = Array.from({ length: MAX_IN_FLIGHT + 4 }, async () => releases.push(await acquireSlot(key, 600)));
	await clock.run();
	expect(releases).toHaveLength(MAX_IN_FLIGHT);
	expect(nextSlotIn(key)).toBe(Infinity);
	releases[0]();
	await clock.run();
	expect(releases).toHaveLength(MAX_IN_FLIGHT + 1);
	releases.slice(1).forEach((r) => r());
	await clock.run();
	await Promise.all(pending);
	expect(releases).toHaveLength(MAX_IN_FLIGHT + 4);
	expect(pacerStats(key)).toMatchObject({ waits: 0, maxInFlight: MAX_IN_FLIGHT });
	expect(nextSlotIn(pacerKey('LeadGrid', 'other'))).toBe(0);
});

test('X-RateLimit-Remaining that this process does not explain is others\' use: only what is left goes out', async () => {
	const key = pacerKey('LeadGrid', 'shared');
	await burst(key, 600, 10);
	// The server says 90 left; we sent 10, so others sent 500 in this window.
	noteRemaining(key, 90, 600);
	const starts = await burst(key, 600, 100);
	expect(counts(starts)).toEqual({ 0: 90, [RATE_WINDOW_MS]: 10 });
});

test('remaining explained by our own requests does not slow us', async () => {
	const key = pacerKey('LeadGrid', 'own');
	await burst(key, 600, 3);
	noteRemaining(key, 597, 600);
	expect(nextSlotIn(key)).toBe(0);
	expect(counts(await burst(key, 600, 597))).toEqual({ 0: 597 });
});

test('an X-RateLimit-Limit below the documented limit is the budget', async () => {
	const key = pacerKey('LeadGrid', 'small-plan');
	await burst(key, 600, 1);
	noteRemaining(key, 99, 100);
	expect(counts(await burst(key, 600, 100))).toEqual({ 0: 99, [RATE_WINDOW_MS]: 1 });
});

test('no documented limit: everything goes at the bounded concurrency, nothing is paced', async () => {
	const key = pacerKey('GrowthGenius', 'k');
	const starts = await burst(key, undefined, 1000, 5);
	// MAX_IN_FLIGHT at a time, the next ones as soon as they are answered.
	expect(Math.max(...starts) - T0).toBe((Math.ceil(1000 / MAX_IN_FLIGHT) - 1) * 5);
	expect(pacerStats(key)).toMatchObject({ granted: 1000, waits: 0 });
});

test('a 429 holds every request of the key until Retry-After, then allows the share that got through', async () => {
	const key = pacerKey('GrowthGenius', 'k');
	const first = await burst(key, undefined, 50);
	expect(counts(first)).toEqual({ 0: 50 });
	// The 51st is refused: released, then the key pauses 30 s.
	(await acquireSlot(key, undefined))();
	pauseUntil(key, T0 + 30_000);
	expect(nextSlotIn(key)).toBe(30_000);
	// 50 got through in this window: that is the share for a window after the pause (until 90 s).
	// The first 50 leave the window at 60 s: 50 go; the other 10 when the share is forgotten.
	const starts = await burst(key, undefined, 60);
	expect(counts(starts)).toEqual({ [RATE_WINDOW_MS]: 50, [30_000 + RATE_WINDOW_MS]: 10 });
});

test('a 429 where the provider tells what is left (X-RateLimit-Remaining) pauses the key but sets no share', async () => {
	const key = pacerKey('LeadGrid', 'k');
	await burst(key, 600, 100);
	(await acquireSlot(key, 600))();
	noteRemaining(key, 0, 600); // others used the other 499
	pauseUntil(key, T0 + 40_000);
	expect(nextSlotIn(key)).toBe(40_000);
	// A window later our 100 and the others' 499 have left it: the whole budget, no share of 100.
	clock.t = T0 + RATE_WINDOW_MS;
	expect(counts(await burst(key, 600, 600))).toEqual({ [RATE_WINDOW_MS]: 600 });
});

test('the pause an answer brings comes before the next queued request goes', async () => {
	const key = pacerKey('GrowthGenius', 'k');
	const releases: Release[] = [];
	const starts: number[] = [];
	const all = Array.from({ length: MAX_IN_FLIGHT + 1 }, async () => {
		releases.push(await acquireSlot(key, undefined));
		starts.push(clock.now());
	});
	await flush();
	expect(starts).toHaveLength(MAX_IN_FLIGHT);
	// The first answer is a 429: released, then the key pauses, in the same tick (as the transport does).
	releases[0]();
	pauseUntil(key, T0 + 5000);
	releases.slice(1).forEach((release) => release());
	await clock.run();
	await Promise.all(all);
	expect(starts[MAX_IN_FLIGHT] - T0).toBe(5000);
});

test('a 429 after fewer than MAX_IN_FLIGHT got through teaches no share: the process tries again after the pause', async () => {
	const key = pacerKey('Grinfi', 'late');
	await burst(key, 300, MAX_IN_FLIGHT - 2);
	(await acquireSlot(key, 300))();
	pauseUntil(key, T0 + 30_000);
	clock.t = T0 + RATE_WINDOW_MS;
	const t = clock.t - T0;
	expect(counts(await burst(key, 300, 300))).toEqual({ [t]: 300 });
});

test('the share holds for one window after the pause, then the documented limit is the budget again', async () => {
	const key = pacerKey('Grinfi', 'k');
	await burst(key, 300, 100);
	(await acquireSlot(key, 300))();
	pauseUntil(key, T0 + 40_000);
	clock.t = T0 + RATE_WINDOW_MS; // our 100 left the window; the share of 100 holds until 100 s
	expect(counts(await burst(key, 300, 150))).toEqual({ [RATE_WINDOW_MS]: 100, [40_000 + RATE_WINDOW_MS]: 50 });
});

test('a short Retry-After (the window is freeing) teaches no share', async () => {
	const key = pacerKey('Grinfi', 'k');
	await burst(key, 300, 100);
	(await acquireSlot(key, 300))();
	pauseUntil(key, T0 + 2000);
	clock.t = T0 + RATE_WINDOW_MS;
	expect(counts(await burst(key, 300, 300))).toEqual({ [RATE_WINDOW_MS]: 300 });
});

test('an aborted wait ends at once, frees its place, and leaves the others waiting', async () => {
	const key = pacerKey('Grinfi', 'k');
	await burst(key, 300, 300);
	const controller = new AbortController();
	const cancelled = acquireSlot(key, 300, controller.signal);
	const kept = acquireSlot(key, 300);
	await flush();
	controller.abort(new Error('Execution cancelled'));
	await expect(cancelled).rejects.toThrow('Execution cancelled');
	let keptAt = 0;
	void kept.then((release) => {
		keptAt = clock.now();
		release();
	});
	await clock.run();
	expect(keptAt - T0).toBe(RATE_WINDOW_MS);
	expect(pacerStats(key).granted).toBe(301);
	// An already-aborted signal takes no slot at all.
	await expect(acquireSlot(key, 300, AbortSignal.abort(new Error('gone')))).rejects.toThrow('gone');
});

test('when every waiter gives up, the pacer\'s own timed wait ends too', async () => {
	const key = pacerKey('Grinfi', 'k');
	await burst(key, 300, 300);
	const controller = new AbortController();
	const waiting = acquireSlot(key, 300, controller.signal);
	await flush();
	expect(clock.pending).toBe(1);
	controller.abort();
	await expect(waiting).rejects.toBeDefined();
	await flush();
	expect(clock.pending).toBe(0);
});

/**
 * Several processes on one key, each with its own pacer (a key per process here), against a
 * server enforcing a sliding window: they converge on the shared budget without a shared store.
 */
async function simulate({ limit, processes, items, headers, latencyMs = 10, staggerMs = 0 }: { limit: number; processes: number; items: number; headers: boolean; latencyMs?: number; staggerMs?: number }) {
	const window: number[] = [];
	let refused = 0;
	let sent = 0;
	let lastDone = T0;
	const serve = (key?: string) => {
		const now = clock.now();
		while (window.length && now - window[0] >= RATE_WINDOW_MS) window.shift();
		if (window.length >= limit) return { status: 429, remaining: 0, retryAfter: Math.ceil((RATE_WINDOW_MS - (now - window[0])) / 1000) };
		window.push(now);
		return { status: 200, remaining: limit - window.length, retryAfter: 0 };
	};
	const one = async (key: string, startAt: number) => {
		if (startAt > clock.now()) await clock.sleep(startAt - clock.now());
		for (let attempt = 0; attempt < 10; attempt++) {
			const release = await acquireSlot(key, limit);
			sent++;
			await clock.sleep(latencyMs / 2);
			const answer = serve(key);
			await clock.sleep(latencyMs / 2);
			release();
			if (headers) noteRemaining(key, answer.remaining, limit);
			if (answer.status === 200) {
				lastDone = Math.max(lastDone, clock.now());
				return true;
			}
			refused++;
			pauseUntil(key, clock.now() + answer.retryAfter * 1000);
		}
		return false;
	};
	const results = Array.from({ length: processes }, (_, p) => Array.from({ length: items }, () => one(pacerKey('Sim', `process-${p}`), T0 + p * staggerMs))).flat();
	await clock.run();
	const ok = (await Promise.all(results)).filter(Boolean).length;
	return { ok, refused, sent, minutes: (lastDone - T0) / RATE_WINDOW_MS };
}

test('3 processes × 300 items on one key with X-RateLimit-Remaining (LeadGrid, 600/min): all done, few 429s, near the limit', async () => {
	const { ok, refused, sent, minutes } = await simulate({ limit: 600, processes: 3, items: 300, headers: true });
	expect(ok).toBe(900);
	expect(refused / sent).toBeLessThan(0.05);
	// 600 in the first window, 300 in the second: done just after one minute.
	expect(minutes).toBeLessThan(1.1);
});

test('3 processes × 300 items on one key without remaining headers (Grinfi, 300/min): all done, few 429s, near the limit', async () => {
	const { ok, refused, sent, minutes } = await simulate({ limit: 300, processes: 3, items: 300, headers: false });
	expect(ok).toBe(900);
	expect(refused / sent).toBeLessThan(0.05);
	// Throughput at least 85% of the limit. (The 429s make the shares a little unequal, so the
	// last few items of one process go in a fourth window, at three minutes.)
	expect(900 / minutes).toBeGreaterThanOrEqual(0.85 * 300);
	expect(minutes).toBeLessThan(3.1);
});

test.each([
	['with X-RateLimit-Remaining (LeadGrid, 600/min)', 600, true],
	['without remaining headers (Grinfi, 300/min)', 300, false],
])('3 processes starting 2 s apart × 300 items on one key %s: all done, few 429s, at least 85%% of the limit', async (_name, limit, headers) => {
	const { ok, refused, sent, minutes } = await simulate({ limit, processes: 3, items: 300, headers, staggerMs: 2000 });
	expect(ok).toBe(900);
	expect(refused / sent).toBeLessThan(0.05);
	expect(900 / minutes).toBeGreaterThanOrEqual(0.85 * limit);
});
