/**
 * Items through a node against a sandbox that enforces the provider's rate limit, compared with a
 * baseline in the same run: the same requests fired the way n8n does by default (all items at
 * once, a 429 not retried). Prints items per minute against the limit and the failures of each.
 */
import http from 'node:http';

import { resetPacers } from '../nodes/shared/pacing';
import type { RunResult } from '../test/harness';

export interface RateBenchResult {
	label: string;
	items: number;
	failures: number;
	responses429: number;
	seconds: number;
	itemsPerMinute: number;
}

function send(url: string, method: string, headers: Record<string, string>, body: string): Promise<number> {
	return new Promise((resolve) => {
		const req = http.request(url, { method, headers: { 'Content-Type': 'application/json', ...headers, 'Content-Length': Buffer.byteLength(body) } }, (res) => {
			res.resume();
			res.on('end', () => resolve(res.statusCode ?? 0));
		});
		req.on('error', () => resolve(0));
		req.end(body);
	});
}

/** Baseline: every item at once, no pacing, no retry (n8n's default for declarative nodes). */
export async function baseline(label: string, count: number, request: (i: number) => { url: string; method: string; headers: Record<string, string>; body: string }, count429: () => number): Promise<RateBenchResult> {
	const before = count429();
	const started = Date.now();
	const statuses = await Promise.all(Array.from({ length: count }, (_, i) => {
		const r = request(i);
		return send(r.url, r.method, r.headers, r.body);
	}));
	const seconds = (Date.now() - started) / 1000;
	const failures = statuses.filter((s) => s < 200 || s >= 300).length;
	return { label, items: count, failures, responses429: count429() - before, seconds, itemsPerMinute: ((count - failures) / seconds) * 60 };
}

/** The pack: the node run over `count` items through n8n's engine. */
export async function packed(label: string, count: number, run: () => Promise<RunResult>, count429: () => number): Promise<RateBenchResult> {
	resetPacers();
	const before = count429();
	const started = Date.now();
	const result = await run();
	const seconds = (Date.now() - started) / 1000;
	const failures = result.error ? count : result.items.filter((i) => i.json.error || i.error).length;
	return { label, items: count, failures, responses429: count429() - before, seconds, itemsPerMinute: ((count - failures) / seconds) * 60 };
}

export function report(limitPerMinute: number, rows: RateBenchResult[]): string {
	const lines = rows.map((r) => `${r.label.padEnd(44)} items ${String(r.items).padStart(5)}  failed ${String(r.failures).padStart(5)}  429s seen ${String(r.responses429).padStart(5)}  ${r.seconds.toFixed(1).padStart(7)} s  ${r.itemsPerMinute.toFixed(0).padStart(6)} items/min (limit ${limitPerMinute}/min)`);
	return lines.join('\n');
}
