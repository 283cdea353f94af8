'use strict';
/** Helpers for end-to-end scenarios. */
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '../..');

/** An example workflow of examples/. */
const example = (file) => JSON.parse(fs.readFileSync(path.join(root, 'examples', file), 'utf8'));

/** The items a node produced in a run printed by `n8n execute --rawOutput`. */
function nodeOutput(run, nodeName) {
	const resultData = run.data ? run.data.resultData : run.resultData;
	const task = resultData.runData[nodeName];
	assert.ok(task, `node "${nodeName}" did not run; ran: ${Object.keys(resultData.runData).join(', ')}`);
	assert.equal(task[0].error, undefined, `node "${nodeName}" failed: ${JSON.stringify(task[0].error)}`);
	return task[0].data.main[0].map((item) => item.json);
}

async function until(what, check, timeoutMs = 20000) {
	const started = Date.now();
	for (;;) {
		const value = await check();
		if (value) return value;
		if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 250));
	}
}

/** Starts n8n unless it runs (trigger scenarios need the server; CLI executions do not). */
async function ensureStarted(n8n) {
	if (!n8n.running) await n8n.start();
}

/**
 * Activates a trigger workflow the way that behaves the same on n8n 1.x and 2.x: with n8n stopped,
 * through the CLI, then (re)starting n8n, which registers the workflow's webhooks at start.
 */
async function activateAndStart(n8n, workflowId) {
	if (n8n.running) await n8n.stop();
	await n8n.activate(workflowId);
	await n8n.start();
}

module.exports = { example, nodeOutput, until, ensureStarted, activateAndStart };
