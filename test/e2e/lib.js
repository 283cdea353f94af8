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

/**
 * Imports an example of examples/ and runs it headlessly (`n8n execute`); asserts the run
 * succeeded and resolves { workflow, run }.
 */
async function executeExample(n8n, file) {
	const workflow = example(file);
	await n8n.importWorkflow(workflow);
	const { run, code, error } = await n8n.execute(workflow.id);
	assert.equal(code, 0, `n8n execute of ${file} failed: ${error}`);
	return { workflow, run };
}

/** POSTs a JSON body (a webhook delivery or probe); resolves the fetch Response. */
const postJson = (url, body) => fetch(url, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });

/** The production URL of a workflow's webhook trigger (the node with a fixed webhookId). */
function webhookUrl(n8n, workflow) {
	const trigger = workflow.nodes.find((n) => n.webhookId);
	return `${n8n.baseUrl}webhook/${trigger.webhookId}/webhook`;
}

/** n8n registers active webhooks just after it reports ready: waits until `url` answers. */
const untilWebhookAnswers = (url, timeoutMs) => until('the production webhook', async () => (await postJson(url, {})).status !== 404, timeoutMs);

/** Activates a webhook-trigger workflow (activateAndStart) and resolves its URL once it answers. */
async function activateWebhookTrigger(n8n, workflow) {
	await activateAndStart(n8n, workflow.id);
	const url = webhookUrl(n8n, workflow);
	await untilWebhookAnswers(url);
	return url;
}

/**
 * Activates a workflow whose Grinfi Trigger registers `events` and waits until deliveries can
 * start it: the production URL answers, the Grinfi sandbox `gr` holds one webhook per event, and
 * n8n accepts the registered secret. Resolves { url, secret, hooks, registered }: `registered()`
 * lists the sandbox's webhooks for the node's URL at any later time.
 */
async function activateGrinfiTrigger(n8n, gr, workflow) {
	const events = workflow.nodes.find((n) => n.type === 'n8n-nodes-outreach.grinfiTrigger').parameters.events;
	const url = await activateWebhookTrigger(n8n, workflow);
	const registered = () => gr.state.webhooks().filter((w) => String(w.target_url).split('?')[0] === url);
	await until('the Grinfi registrations', () => registered().length >= events.length);
	const hooks = registered();
	assert.deepEqual(hooks.map((h) => h.event).sort(), [...events].sort(), 'the webhooks Grinfi holds for the node');
	const secret = new URL(hooks[0].target_url).searchParams.get('secret');
	// n8n stores the trigger's state just after registering: wait until a delivery with the right
	// secret and an event that starts nothing is accepted.
	await until('the stored secret', async () => (await postJson(`${url}?secret=${secret}`, { event_name: 'not_selected' })).status === 200);
	return { url, secret, hooks, registered };
}

/** Has the Grinfi sandbox deliver one event; asserts n8n accepted it and resolves the delivery. */
async function fireGrinfiEvent(gr, event, data) {
	const results = await gr.state.fireEvent(event, data);
	assert.equal(results.length, 1, `delivered to ${JSON.stringify(results)}`);
	assert.equal(results[0].status, 200, `the delivery answered ${results[0].status} ${results[0].error || ''}`);
	return gr.state.deliveries.filter((d) => d.event === event && !d.test).pop();
}

/**
 * The failed result run.js records for a version on which no scenario ran (setup aside), or
 * undefined. With E2E_ONLY set a filter may match nothing on a version; then it is no failure.
 */
function zeroScenarios(results, prefix, filtered) {
	const ran = results.filter((r) => r.name.startsWith(`${prefix} `) && !r.setup && !r.zero).length;
	if (ran > 0 || filtered) return undefined;
	return { name: `${prefix} no end-to-end scenario ran`, ok: false, zero: true, ms: 0, error: 'zero scenarios ran for this version' };
}

module.exports = { zeroScenarios, example, executeExample, nodeOutput, until, ensureStarted, activateAndStart, postJson, webhookUrl, untilWebhookAnswers, activateWebhookTrigger, activateGrinfiTrigger, fireGrinfiEvent };
