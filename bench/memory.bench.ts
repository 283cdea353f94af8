/**
 * Memory: Grinfi Contact Search, Return All over 50,000 contacts (five times the search window, so the
 * search is split), run through n8n's engine. Prints the node's peak memory growth (JS heap + external,
 * garbage not yet collected included) and what stays live afterwards, against the JSON size of the
 * records it returned, measured in the same run. Goal: peak growth ≤ 3× the JSON size (measured on a
 * 2-core machine, Node 20: 50,010 contacts, 54.7 MB of JSON, peak growth 75.0 MB = 1.37×, live 1.08×).
 *
 * The sandbox runs in a child process so that its own 50,000 contacts and the responses it builds are
 * not counted. BENCH_RECORDS changes the number of contacts.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';

import { resetPacers } from '../nodes/shared/pacing';
import { run } from '../test/grinfi/setup';
import type { Sandbox } from '../test/harness/sandbox';

const RECORDS = Number(process.env.BENCH_RECORDS ?? 50_000);
const MB = 1024 * 1024;

v8.setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** A Grinfi sandbox with `count` more contacts, listening on a free port in its own process. */
async function sandboxProcess(count: number): Promise<{ child: ChildProcess; url: string }> {
	const file = path.join(__dirname, '..', 'test', 'sandbox', 'grinfi.js');
	const script = `
		const { createGrinfiSandbox } = require(${JSON.stringify(file)});
		const sandbox = createGrinfiSandbox();
		sandbox.state.seedContacts(${count});
		sandbox.server.listen().then((url) => process.stdout.write(JSON.stringify({ url, contacts: sandbox.state.contacts.all().length }) + '\\n'));
		process.on('disconnect', () => process.exit(0));
	`;
	const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
	const [line] = (await once(child.stdout!, 'data')) as [Buffer];
	return { child, url: (JSON.parse(line.toString()) as { url: string }).url };
}

const heapAndExternal = () => {
	const m = process.memoryUsage();
	return m.heapUsed + m.external;
};

test(`Grinfi Contact Search, Return All over ${RECORDS.toLocaleString('en-US')} contacts: peak memory growth against the records' JSON size`, async () => {
	const { child, url } = await sandboxProcess(RECORDS);
	const sandbox = { server: { url } } as Sandbox;
	// Warm-up: the first run loads n8n's engine and the node's modules; that is not the records' memory.
	await run(sandbox, { resource: 'contact', operation: 'search', returnAll: false, limit: 100 });
	resetPacers();
	gc();
	const baseline = heapAndExternal();
	// Peaks: the heap before every garbage collection (allocation only grows it between two), and samples.
	const profiler = new v8.GCProfiler();
	profiler.start();
	let sampled = baseline;
	const sampler = setInterval(() => (sampled = Math.max(sampled, heapAndExternal())), 5);
	const started = Date.now();
	const result = await run(sandbox, { resource: 'contact', operation: 'search', returnAll: true });
	const seconds = (Date.now() - started) / 1000;
	clearInterval(sampler);
	const external = process.memoryUsage().external;
	const stats = profiler.stop();
	const beforeGcPeak = Math.max(0, ...(stats?.statistics ?? []).map((s) => s.beforeGC.heapStatistics.usedHeapSize)) + external;
	const peak = Math.max(sampled, beforeGcPeak, heapAndExternal()) - baseline;
	gc();
	const live = heapAndExternal() - baseline;

	expect(result.error).toBeUndefined();
	const uuids = new Set(result.items.map((i) => i.json.uuid));
	// The JSON of the records returned, one at a time (no single huge string).
	let jsonBytes = 2 + Math.max(0, result.items.length - 1);
	for (const item of result.items) jsonBytes += Buffer.byteLength(JSON.stringify(item.json));

	const row = (label: string, bytes: number) => `${label.padEnd(54)} ${(bytes / MB).toFixed(1).padStart(7)} MB  ${(bytes / jsonBytes).toFixed(2).padStart(5)}× JSON`;
	console.log(
		[
			'',
			`Grinfi Contact Search, Return All: ${result.items.length.toLocaleString('en-US')} contacts (${uuids.size.toLocaleString('en-US')} distinct) in ${seconds.toFixed(1)} s, Node ${process.version}`,
			row('records as JSON (baseline)', jsonBytes),
			row('peak growth, heap + external (incl. uncollected garbage)', peak),
			row('live after the run (items held), after a full GC', live),
			'',
		].join('\n'),
	);
	child.disconnect();
	await once(child, 'exit');

	expect(result.items.length).toBe(uuids.size);
	expect(result.items.length).toBeGreaterThanOrEqual(RECORDS);
	// The goal is stated for 50,000 records; on small runs n8n's fixed costs weigh more than the records.
	if (RECORDS >= 50_000) expect(peak).toBeLessThanOrEqual(3 * jsonBytes);
});
