'use strict';
/**
 * `npm run bench`: the pack against n8n's HTTP Request node in a real n8n, against the sandboxes
 * enforcing the providers' documented limits (LeadGrid 600/min, Grinfi 300/min; GrowthGenius
 * documents none, so none is enforced). One workflow per contender, each executed with
 * `n8n execute`; a fresh rate window for each. Prints a Markdown table (and writes
 * test-artifacts/bench.json); then the queue-mode run (bench/queue.js).
 *
 *   BENCH_ONLY=<regex>      only the workloads (or "queue") whose name matches
 *   BENCH_N8N_VERSION=…     n8n version (default 2.41.1)
 *   BENCH_NO_BUILD=1        use the dist/ already built
 *   BENCH_CONTENDERS=pack,httpDefaults   only these contenders
 *
 * The figures are compared within one run (ratios); the machine it ran on is printed with them.
 */
const fs = require('node:fs');
const path = require('node:path');

const { prepareInstance, REPO } = require('../test/e2e/n8n');
const { createLeadGridSandbox } = require('../test/sandbox/leadgrid');
const { createGrinfiSandbox } = require('../test/sandbox/grinfi');
const { createGrowthGeniusSandbox } = require('../test/sandbox/growthgenius');
const { buildAndPack, execute, contenderTask, machine, table } = require('./measure');
const { credentials, workflow, contenders } = require('./workflows');
const { queueBench } = require('./queue');

const VERSION = process.env.BENCH_N8N_VERSION || '2.41.1';
const only = process.env.BENCH_ONLY ? new RegExp(process.env.BENCH_ONLY, 'i') : undefined;
const WINDOW_MS = 60_000;
const CONTENDERS = [
	['pack', 'n8n-nodes-outreach'],
	['httpDefaults', 'HTTP Request, defaults'],
	['httpTuned', 'HTTP Request, batching + Retry On Fail'],
];
const onlyContenders = process.env.BENCH_CONTENDERS ? process.env.BENCH_CONTENDERS.split(',') : undefined;
if (onlyContenders) CONTENDERS.splice(0, CONTENDERS.length, ...CONTENDERS.filter(([c]) => onlyContenders.includes(c)));
/** A workflow id of at most 21 characters. */
const flowId = (w, c) => `bench${w.key}${c ? c.slice(0, 5) + c.slice(-3) : 'Base'}`;

const WORKLOADS = [
	{ key: 'lg600', name: '600 LeadGrid notes', provider: 'leadgrid', items: 600, limit: 600, build: 'leadgridNotes' },
	{ key: 'lg720', name: '720 LeadGrid notes', provider: 'leadgrid', items: 720, limit: 600, build: 'leadgridNotes' },
	{ key: 'gr10k', name: 'read 10,000 Grinfi contacts (100 pages)', provider: 'grinfi', items: 1, records: 10_000, limit: 300, build: 'grinfiRead' },
	{ key: 'gg1000', name: '1,000 GrowthGenius contact gets', provider: 'growthgenius', items: 1000, limit: undefined, build: 'growthGeniusGets' },
];

/** Records a contender read: the pack's items, or the records in the HTTP Request node's pages. */
function recordsRead(items) {
	let n = 0;
	for (const item of items) n += Array.isArray(item.json && item.json.data) ? item.json.data.length : 1;
	return n;
}

async function main() {
	const host = machine();
	console.log(`n8n ${VERSION}; machine: ${host.nproc} CPUs, ${host.cpu}; load average ${host.load}`);
	const packDir = buildAndPack();
	const sandboxes = {
		leadgrid: createLeadGridSandbox({ rateLimit: { limit: 600, windowMs: WINDOW_MS } }),
		grinfi: createGrinfiSandbox({ rateLimit: { limit: 300, windowMs: WINDOW_MS } }),
		growthgenius: createGrowthGeniusSandbox({}),
	};
	const urls = {};
	for (const [name, sandbox] of Object.entries(sandboxes)) urls[name] = await sandbox.server.listen(0);
	const grinfiContacts = sandboxes.grinfi.state.contacts.all().length;
	if (grinfiContacts < 10_000) sandboxes.grinfi.state.seedContacts(10_000 - grinfiContacts);
	const context = { urls, dossierId: sandboxes.leadgrid.state.dossiers.all()[0].id, contactId: sandboxes.growthgenius.state.contacts.all()[0].id };

	const results = [];
	const chosen = WORKLOADS.filter((w) => !only || only.test(w.name) || only.test(w.key));
	if (chosen.length) {
		const n8n = await prepareInstance({ version: VERSION, packDir });
		try {
			await n8n.importCredentials(credentials(urls));
			const flows = [];
			for (const w of chosen) {
				const nodes = contenders[w.build](context);
				flows.push(workflow(flowId(w), `Bench ${w.name}: items only`, w.items));
				for (const [c, label] of CONTENDERS) flows.push(workflow(flowId(w, c), `Bench ${w.name}: ${label}`, w.items, nodes[c]));
			}
			await n8n.importWorkflow(flows);
			for (const w of chosen) {
				const sandbox = sandboxes[w.provider];
				const base = await execute(n8n, flowId(w));
				if (base.code !== 0) throw new Error(`the items-only workflow of ${w.name} failed:\n${base.stderr.slice(-2000)}`);
				for (const [c, label] of CONTENDERS) {
					sandbox.server.reset(); // a fresh rate window and log
					const measured = await execute(n8n, flowId(w, c));
					const task = contenderTask(measured.run);
					const requests = sandbox.server.requests;
					const ok2xx = requests.filter((r) => r.status >= 200 && r.status < 300).length;
					const total = w.records ?? w.items;
					const ok = w.records ? (task && !task.error ? recordsRead(task.items) : ok2xx * 100) : ok2xx;
					const row = {
						workload: w.name,
						key: w.key,
						contender: c,
						label,
						limit: w.limit,
						items: total,
						ok: Math.min(ok, total),
						failed: total - Math.min(ok, total),
						executionFailed: measured.code !== 0,
						requests: requests.length,
						responses429: requests.filter((r) => r.status === 429).length,
						// The node's own time (n8n's executionTime), not the CLI's start-up.
						seconds: task ? task.executionTime / 1000 : NaN,
						cliSeconds: measured.wallSeconds,
						cpuSeconds: measured.cpuSeconds - base.cpuSeconds,
					};
					if (requests.length > 1) row.serverSpanSeconds = (requests[requests.length - 1].at - requests[0].at) / 1000;
					results.push(row);
					console.log(`${w.name} | ${label}: ${row.ok} ok, ${row.failed} failed, ${row.responses429} 429s, ${row.seconds.toFixed(1)} s, n8n CPU ${row.cpuSeconds.toFixed(1)} s${row.executionFailed ? ' (execution failed)' : ''}`);
				}
			}
		} finally {
			await n8n.dispose();
		}
	}

	const report = [`n8n ${VERSION}, ${host.nproc} CPUs (${host.cpu}), load average at start ${host.load}.`, ''];
	if (results.length) {
		const rows = results.map((r) => {
			const http = results.find((x) => x.key === r.key && x.contender === 'httpDefaults');
			const perMin = r.seconds > 0 ? (r.ok / r.seconds) * 60 : NaN;
			const reqPerMin = r.seconds > 0 ? ((r.requests - r.responses429) / r.seconds) * 60 : NaN;
			return [
				r.workload,
				r.label,
				`${r.ok} / ${r.failed}${r.executionFailed ? ' (execution failed)' : ''}`,
				`${r.responses429} of ${r.requests}`,
				r.seconds.toFixed(1),
				`${perMin.toFixed(0)} items/min; ${reqPerMin.toFixed(0)} req/min${r.limit ? ` (limit ${r.limit})` : ''}`,
				http && http.seconds > 0 ? `${(r.seconds / http.seconds).toFixed(2)}×` : '',
				r.cpuSeconds.toFixed(1),
				http && http.cpuSeconds > 0 ? `${(r.cpuSeconds / http.cpuSeconds).toFixed(2)}×` : '',
			];
		});
		report.push(table(['workload', 'contender', 'items ok / failed', '429s', 'seconds', 'throughput', 'time vs HTTP defaults', 'n8n CPU s', 'CPU vs HTTP defaults'], rows));
		const lg720 = results.find((r) => r.key === 'lg720' && r.contender === 'pack');
		if (lg720) {
			// 600 at once, the other 120 once the window frees: a minute after the first answers.
			report.push('', `720 notes: the window allows them in ${WINDOW_MS / 1000} s at the least; the pack took ${(lg720.seconds / (WINDOW_MS / 1000)).toFixed(2)}× that.`);
		}
	}
	if (!only || only.test('queue')) {
		const queue = await queueBench({ version: VERSION, packDir });
		report.push('', queue.report);
		results.push(...queue.results);
	}
	const text = report.join('\n');
	console.log(`\n${text}\n`);
	fs.mkdirSync(path.join(REPO, 'test-artifacts'), { recursive: true });
	fs.writeFileSync(path.join(REPO, 'test-artifacts', 'bench.json'), JSON.stringify({ version: VERSION, machine: host, results, report: text }, null, 2));
	for (const s of Object.values(sandboxes)) await s.server.close();
}

main().then(
	() => process.exit(0),
	(error) => {
		console.error(error);
		process.exit(1);
	},
);
