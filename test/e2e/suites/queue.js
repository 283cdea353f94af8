'use strict';
/**
 * Queue mode, n8n's way of scaling out: Redis (Debian's redis-server on loopback), one main and
 * one worker, each with its own user folder and the pack installed in it (as every instance of a
 * real deployment needs), sharing the database and the encryption key.
 *
 * - A signed LeadGrid delivery reaches the main's webhook (the trigger verifies it there); the
 *   execution is queued and run by the worker, whose action node fetches the dossier.
 * - An action-node workflow (n8n's Webhook node → Grinfi) queued by the main runs on the worker.
 *
 * "Run by the worker" is shown two ways: an expression reads $env.OUTREACH_PROCESS, which is
 * "worker" only in the worker's environment, and the worker's log (not the main's) says it
 * finished the execution.
 */
const assert = require('node:assert/strict');
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { prepareInstance, findFreePort } = require('../n8n');
const { example, nodeOutput, until, untilWebhookAnswers, webhookUrl } = require('../lib');
const { startSandboxes } = require('../../sandbox/all');

const REDIS = process.env.REDIS_SERVER || '/usr/bin/redis-server';

let running; // { redis, sandboxes, main, worker, dir }

/**
 * Starts redis-server on a free loopback port, without persistence; resolves { port, stop }. A port
 * taken by another process before redis binds it is replaced by another one.
 */
async function startRedis(dir) {
	for (let attempt = 1; ; attempt++) {
		try {
			return await startRedisOnce(dir);
		} catch (error) {
			if (!/Address already in use/i.test(error.message) || attempt >= 5) throw error;
		}
	}
}

async function startRedisOnce(dir) {
	if (!fs.existsSync(REDIS)) throw new Error(`${REDIS} not found: install Debian's redis-server (apt-get install -y redis-server)`);
	const port = await findFreePort();
	const child = spawn(REDIS, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], {
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let output = '';
	child.stdout.on('data', (chunk) => (output += chunk));
	child.stderr.on('data', (chunk) => (output += chunk));
	const stop = () => child.exitCode === null && child.kill('SIGKILL');
	process.on('exit', stop);
	await until('redis-server to accept connections', async () => output.includes('Ready to accept connections') || child.exitCode !== null, 20000);
	if (child.exitCode !== null) throw new Error(`redis-server exited (${child.exitCode}):\n${output}`);
	return { port, stop };
}

/** The environment shared by main and worker; OUTREACH_PROCESS tells them apart. */
function queueEnv(redisPort, dbFile, role) {
	return {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(redisPort),
		DB_SQLITE_DATABASE: dbFile,
		N8N_BLOCK_ENV_ACCESS_IN_NODE: 'false',
		N8N_LOG_LEVEL: 'debug',
		OUTREACH_PROCESS: role,
	};
}

async function setUp(version, packDir) {
	if (running && running.version === version) return running;
	await tearDown();
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outreach-queue-'));
	running = { version, dir };
	running.redis = await startRedis(dir);
	running.sandboxes = await startSandboxes({ ports: { leadgrid: 0, grinfi: 0, growthgenius: 0 } });
	const dbFile = path.join(dir, 'database.sqlite');
	running.main = await prepareInstance({ version, packDir, env: queueEnv(running.redis.port, dbFile, 'main') });
	running.worker = await prepareInstance({ version, packDir, env: queueEnv(running.redis.port, dbFile, 'worker') });
	// the main creates the database and holds the credentials; the worker reads them from it
	await running.main.importCredentials(running.sandboxes.credentials());
	return running;
}

async function tearDown() {
	if (!running) return;
	const { main, worker, sandboxes, redis, dir } = running;
	running = undefined;
	for (const n8n of [worker, main]) if (n8n) await n8n.dispose();
	if (sandboxes) await sandboxes.close();
	if (redis) redis.stop();
	if (process.env.KEEP_N8N !== '1') fs.rmSync(dir, { recursive: true, force: true });
}

/** A Set node that records which process evaluated it. */
const whereNode = (name, position) => ({
	id: `${name.replace(/\W/g, '')}-0000-4000-8000-000000000001`.slice(0, 36),
	name,
	type: 'n8n-nodes-base.set',
	typeVersion: 3.4,
	position,
	parameters: {
		assignments: { assignments: [{ id: 'a1', name: 'ranOn', value: '={{ $env.OUTREACH_PROCESS }}', type: 'string' }] },
		includeOtherFields: true,
		options: {},
	},
});

/** Whether a process's log says it ran execution `id` ("Worker finished execution 1 (job 1)", 1.x and 2.x). */
const ranExecution = (n8n, id) => new RegExp(`Worker finished execution ${id} \\(job`).test(n8n.readLog().replace(/\u001b\[[0-9;]*m/g, ''));

module.exports = {
	name: 'queue mode',
	scenarios: [
		{
			name: 'a signed LeadGrid delivery is received by the main and executed by the worker, which runs the action node',
			async run({ version, packDir }) {
				const { main, worker, sandboxes } = await setUp(version, packDir);
				const base = example('leadgrid-stage-changed-trigger.json');
				const workflow = {
					...base,
					id: 'queueLeadGridTrig1',
					name: 'Queue mode: LeadGrid Trigger → Fetch dossier (worker)',
					nodes: [...base.nodes, whereNode('Where it ran', [480, 0])],
					connections: { ...base.connections, 'Fetch dossier': { main: [[{ node: 'Where it ran', type: 'main', index: 0 }]] } },
				};
				await main.importWorkflow(workflow);
				await main.activate(workflow.id);
				await main.start();
				await worker.start({ command: 'worker' });

				const lg = sandboxes.leadgrid;
				const url = webhookUrl(main, workflow);
				await untilWebhookAnswers(url, 60000);
				const dossier = lg.state.dossiers.all()[1];
				const before = lg.server.requests.length;
				const delivery = await lg.state.deliver('dossier.stage_changed', { id: dossier.id, current_stage_id: dossier.current_stage_id, status: 'active' }, { url });
				assert.equal(delivery.results[0].status, 200, `the main answered the signed delivery ${delivery.results[0].status}`);

				const [execution] = await main.waitForExecutions(workflow.id, { count: 1, timeoutMs: 60000 });
				assert.equal(execution.status, 'success', `execution ${execution.id} ended ${execution.status}`);
				assert.equal(execution.mode, 'webhook');
				const [event] = nodeOutput(execution, 'LeadGrid Trigger');
				assert.deepEqual(event, delivery.event);
				const [where] = nodeOutput(execution, 'Where it ran');
				assert.equal(where.ranOn, 'worker', 'the nodes after the trigger did not run on the worker');
				assert.equal(where.id, dossier.id);
				assert.equal(where.name, dossier.name);
				assert.ok(ranExecution(worker, execution.id), `the worker's log does not say it ran execution ${execution.id}`);
				assert.ok(!ranExecution(main, execution.id), `the main's log says it ran execution ${execution.id}`);

				// the worker's action node made exactly one request, with the credential from the shared database
				const received = lg.server.requests.slice(before);
				assert.deepEqual(received.map((r) => `${r.method} ${r.path}`), [`GET /dossiers/${dossier.id}`]);
				assert.equal(received[0].headers.authorization, 'Bearer lg_live_sandbox_key');

				// a forged delivery is refused by the main and queues nothing
				const forged = await lg.state.deliver('dossier.stage_changed', { id: dossier.id }, { url, secret: 'whsec_forged' });
				assert.equal(forged.results[0].status, 401);
				await new Promise((r) => setTimeout(r, 1500));
				assert.equal((await main.executions(workflow.id)).length, 1, 'a forged delivery started an execution');
				await main.deactivate(workflow.id);
			},
		},
		{
			name: 'an action-node workflow (Webhook → Grinfi) queued by the main runs on the worker',
			async run({ version, packDir }) {
				const { main, worker, sandboxes } = await setUp(version, packDir);
				const gr = sandboxes.grinfi;
				const workflow = {
					id: 'queueGrinfiAction1',
					name: 'Queue mode: Webhook → Grinfi tags (worker)',
					nodes: [
						{
							id: 'c3f0a1b2-0000-4000-8000-000000000001',
							name: 'Webhook',
							type: 'n8n-nodes-base.webhook',
							typeVersion: 2,
							position: [0, 0],
							webhookId: 'c3f0a1b2-0000-4000-8000-00000000a001',
							parameters: { httpMethod: 'POST', path: 'queue-grinfi-tags', responseMode: 'onReceived', options: {} },
						},
						{
							id: 'c3f0a1b2-0000-4000-8000-000000000002',
							name: 'List Grinfi tags',
							type: 'n8n-nodes-outreach.grinfi',
							typeVersion: 1,
							position: [240, 0],
							parameters: { resource: 'tag', operation: 'getAll', returnAll: true },
							credentials: { grinfiApi: { id: 'grSandboxCred001', name: 'Grinfi (sandbox)' } },
						},
						whereNode('Where it ran', [480, 0]),
					],
					connections: {
						Webhook: { main: [[{ node: 'List Grinfi tags', type: 'main', index: 0 }]] },
						'List Grinfi tags': { main: [[{ node: 'Where it ran', type: 'main', index: 0 }]] },
					},
					settings: { executionOrder: 'v1' },
					pinData: {},
					active: false,
				};
				// activation at start: restart the main with the workflow active (the worker keeps running)
				await main.stop();
				await main.importWorkflow(workflow);
				await main.activate(workflow.id);
				await main.start();
				if (!worker.running) await worker.start({ command: 'worker' });

				const before = gr.server.requests.length;
				const url = `${main.baseUrl}webhook/queue-grinfi-tags`;
				const answered = await until('the webhook', async () => {
					const res = await fetch(url, { method: 'POST', body: JSON.stringify({ from: 'queue test' }), headers: { 'content-type': 'application/json' } });
					return res.status === 404 ? null : res;
				}, 60000);
				assert.equal(answered.status, 200);

				const [execution] = await main.waitForExecutions(workflow.id, { count: 1, timeoutMs: 60000 });
				assert.equal(execution.status, 'success', `execution ${execution.id} ended ${execution.status}`);
				const tags = nodeOutput(execution, 'List Grinfi tags');
				assert.deepEqual(tags.map((t) => t.uuid).sort(), gr.state.tags.all().map((t) => t.uuid).sort());
				const where = nodeOutput(execution, 'Where it ran');
				assert.equal(where.length, tags.length);
				assert.ok(where.every((w) => w.ranOn === 'worker'), `ran on: ${[...new Set(where.map((w) => w.ranOn))].join(', ')}`);
				assert.ok(ranExecution(worker, execution.id), `the worker's log does not say it ran execution ${execution.id}`);
				assert.ok(!ranExecution(main, execution.id), `the main's log says it ran execution ${execution.id}`);

				const received = gr.server.requests.slice(before);
				assert.equal(received.length, 1, `Grinfi received ${received.map((r) => `${r.method} ${r.path}`).join(', ')}`);
				assert.equal(`${received[0].method} ${received[0].path}`, 'GET /leads/api/tags');
				assert.equal(received[0].headers.authorization, 'Bearer grinfi_test_key');
				await main.deactivate(workflow.id);
			},
		},
	],
	cleanup: tearDown,
	// for bench/queue.js
	startRedis,
	queueEnv,
};
