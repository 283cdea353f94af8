'use strict';
/**
 * Many processes, one key: n8n in queue mode (Redis, a main, three workers that each run one
 * execution at a time), three executions of 300 items started at once on one LeadGrid key (sandbox
 * enforcing 600/min) and then on one Grinfi key (300/min). Each worker has its own pacer; they
 * converge through X-RateLimit-Remaining (LeadGrid) or the 429s (Grinfi sends no such header).
 * Goals: 0 failed items, 429s under 5% of requests, throughput at least 85% of the limit.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { prepareInstance } = require('../test/e2e/n8n');
const { until } = require('../test/e2e/lib');
const { startRedis, queueEnv } = require('../test/e2e/suites/queue');
const { createLeadGridSandbox } = require('../test/sandbox/leadgrid');
const { createGrinfiSandbox } = require('../test/sandbox/grinfi');
const { table } = require('./measure');
const { credentials, itemNodes, CREDENTIALS, rl } = require('./workflows');

const WORKERS = 3;
const ITEMS = 300;
const WINDOW_MS = 60_000;

/** Webhook (POST {count}) → `count` items → the pack's node. A probe with no count makes no item. */
function webhookWorkflow(id, pathName, node) {
	const [, make, split] = itemNodes(0);
	make.parameters.assignments.assignments[0].value = '={{ Array.from({ length: $json.body.count || 0 }, (_, i) => i) }}';
	return {
		id,
		name: `Bench queue: ${pathName}`,
		nodes: [
			{ id: `${id}-hook`.padEnd(36, '0').slice(0, 36), name: 'Webhook', type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [0, 0], webhookId: `be0c0000-0000-4000-8000-${pathName.replace(/\W/g, '').padEnd(12, '0').slice(0, 12)}`, parameters: { httpMethod: 'POST', path: pathName, responseMode: 'onReceived', options: {} } },
			make,
			split,
			{ id: `${id}-node`.padEnd(36, '0').slice(0, 36), name: 'Contender', position: [600, 0], ...node },
		],
		connections: {
			Webhook: { main: [[{ node: 'Make items', type: 'main', index: 0 }]] },
			'Make items': { main: [[{ node: 'One item each', type: 'main', index: 0 }]] },
			'One item each': { main: [[{ node: 'Contender', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
		pinData: {},
		active: false,
	};
}

const stripAnsi = (text) => text.replace(/\u001b\[[0-9;]*m/g, '');
const ranOn = (workers, id) => workers.findIndex((w) => new RegExp(`Worker finished execution ${id} \\(job`).test(stripAnsi(w.readLog())));

async function queueBench({ version, packDir }) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outreach-bench-queue-'));
	const redis = await startRedis(dir);
	const lg = createLeadGridSandbox({ rateLimit: { limit: 600, windowMs: WINDOW_MS } });
	const gr = createGrinfiSandbox({ rateLimit: { limit: 300, windowMs: WINDOW_MS } });
	const urls = { leadgrid: await lg.server.listen(0), grinfi: await gr.server.listen(0), growthgenius: 'http://127.0.0.1:9' };
	const dbFile = path.join(dir, 'database.sqlite');
	const main = await prepareInstance({ version, packDir, env: queueEnv(redis.port, dbFile, 'main') });
	const workers = [];
	const results = [];
	try {
		for (let i = 0; i < WORKERS; i++) {
			// One execution at a time per worker, so the three executions land on three workers.
			workers.push(await prepareInstance({ version, packDir, env: { ...queueEnv(redis.port, dbFile, 'worker'), N8N_LOG_LEVEL: 'debug', N8N_CONCURRENCY_PRODUCTION_LIMIT: '1' } }));
		}
		await main.importCredentials(credentials(urls));
		const cases = [
			{
				name: `LeadGrid: ${WORKERS} workers × ${ITEMS} notes, one key, 600/min`,
				limit: 600,
				sandbox: lg,
				workflow: webhookWorkflow('benchQueueLeadGrid', 'bench-queue-leadgrid', {
					type: 'n8n-nodes-outreach.leadGrid',
					typeVersion: 1,
					parameters: { resource: 'note', operation: 'create', dossierId: rl(lg.state.dossiers.all()[0].id), content: '={{ "queued note " + $json.i }}' },
					credentials: CREDENTIALS.pack.leadgrid,
				}),
			},
			{
				name: `Grinfi: ${WORKERS} workers × ${ITEMS} contact gets, one key, 300/min`,
				limit: 300,
				sandbox: gr,
				workflow: webhookWorkflow('benchQueueGrinfi', 'bench-queue-grinfi', {
					type: 'n8n-nodes-outreach.grinfi',
					typeVersion: 1,
					parameters: { resource: 'contact', operation: 'get', contactId: rl(gr.state.contacts.all()[0].uuid) },
					credentials: CREDENTIALS.pack.grinfi,
				}),
			},
		];
		for (const c of cases) {
			await main.importWorkflow(c.workflow);
			await main.activate(c.workflow.id);
		}
		await main.start();
		for (const w of workers) await w.start({ command: 'worker' });
		for (const c of cases) {
			const url = `${main.baseUrl}webhook/${c.workflow.nodes[0].parameters.path}`;
			// A probe (no count: no item, no request) until the production webhook answers.
			await until('the production webhook', async () => (await fetch(url, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } })).status === 200, 60000);
			const probes = (await main.waitForExecutions(c.workflow.id, { count: 1, timeoutMs: 60000 })).length;
			c.sandbox.server.reset();
			const started = Date.now();
			const fired = await Promise.all(Array.from({ length: WORKERS }, () => fetch(url, { method: 'POST', body: JSON.stringify({ count: ITEMS }), headers: { 'content-type': 'application/json' } })));
			if (fired.some((r) => r.status !== 200)) throw new Error(`the webhook answered ${fired.map((r) => r.status).join(', ')}`);
			const executions = (await main.waitForExecutions(c.workflow.id, { count: probes + WORKERS, timeoutMs: 10 * 60 * 1000 })).slice(0, WORKERS);
			const requests = c.sandbox.server.requests;
			const ok = requests.filter((r) => r.status >= 200 && r.status < 300);
			const refused = requests.filter((r) => r.status === 429).length;
			const span = ok.length > 1 ? (ok[ok.length - 1].at - requests[0].at) / 1000 : NaN;
			const row = {
				workload: c.name,
				contender: 'queue',
				limit: c.limit,
				items: WORKERS * ITEMS,
				ok: ok.length,
				failed: WORKERS * ITEMS - ok.length,
				requests: requests.length,
				responses429: refused,
				seconds: span,
				itemsPerMinute: (ok.length / span) * 60,
				executions: executions.map((e) => ({ id: e.id, status: e.status, worker: ranOn(workers, e.id) })),
				wallSeconds: (Date.now() - started) / 1000,
			};
			results.push(row);
			console.log(`${c.name}: ${row.ok} ok, ${row.failed} failed, ${refused} 429s of ${requests.length}, ${span.toFixed(1)} s, executions ${JSON.stringify(row.executions)}`);
		}
	} finally {
		for (const w of workers) await w.dispose();
		await main.dispose();
		await lg.server.close();
		await gr.server.close();
		redis.stop();
		fs.rmSync(dir, { recursive: true, force: true });
	}
	const rows = results.map((r) => [
		r.workload,
		`${r.ok} / ${r.failed}`,
		`${r.responses429} of ${r.requests} (${((r.responses429 / r.requests) * 100).toFixed(1)}%)`,
		r.seconds.toFixed(1),
		`${r.itemsPerMinute.toFixed(0)}/min (${((r.itemsPerMinute / r.limit) * 100).toFixed(0)}% of ${r.limit})`,
		r.executions.map((e) => `${e.status} on worker ${e.worker + 1}`).join(', '),
	]);
	const report = ['Queue mode (main + 3 workers, one key):', '', table(['workload', 'items ok / failed', '429s', 'seconds (first request → last success)', 'throughput', 'executions'], rows)].join('\n');
	return { results, report };
}

module.exports = { queueBench };

if (require.main === module) {
	const { buildAndPack } = require('./measure');
	queueBench({ version: process.env.BENCH_N8N_VERSION || '2.41.1', packDir: buildAndPack() }).then(
		({ report }) => {
			console.log(`\n${report}\n`);
			process.exit(0);
		},
		(error) => {
			console.error(error);
			process.exit(1);
		},
	);
}
