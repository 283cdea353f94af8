/** LeadGrid Trigger: signed deliveries through n8n-core's WebhookContext, lifecycle through HookContext. */
import { createHmac } from 'node:crypto';

import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';

import { LeadGridTrigger } from '../../nodes/LeadGrid/LeadGridTrigger.node';
import { deliver, hooks, register, triggerSetup } from '../harness';

const TYPE = register(new LeadGridTrigger());
const SECRET = 'whsec_sandbox';
const credentials = { leadGridApi: { apiKey: 'lg_live_sandbox_key', baseUrl: 'http://127.0.0.1:9', webhookSecret: SECRET } };

function setup(events = ['dossier.stage_changed', 'note.created'], creds = credentials) {
	return triggerSetup({ type: TYPE, parameters: { events }, credentials: creds });
}

/** The same trigger in another workflow (n8n gives every workflow its own ID). */
function inWorkflow(id: string) {
	const s = setup();
	Object.assign(s.workflow, { id });
	return s;
}

let counter = 0;
function event(type = 'dossier.stage_changed') {
	counter++;
	return JSON.stringify({ id: `evt_${counter}_${Date.now()}`, type, created_at: '2026-04-15T12:04:10Z', data: { id: 'a91c', current_stage_id: 'd8e2', status: 'active' } });
}

function signature(body: string, t = Math.floor(Date.now() / 1000), secret = SECRET) {
	return `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`;
}

describe('deliveries', () => {
	test('a valid delivery gives one item with the event', async () => {
		const body = event();
		const { items, response } = await deliver(setup(), { body, headers: { 'X-LeadGrid-Signature': signature(body) } });
		expect(response.statusCode).toBe(200);
		expect(items.map((i) => i.json)).toEqual([JSON.parse(body)]);
	});

	const forged: Array<[string, (body: string) => { body: string; headers: Record<string, string> }]> = [
		['tampered body', (body) => ({ body: body.replace('"active"', '"won"'), headers: { 'X-LeadGrid-Signature': signature(body) } })],
		['wrong secret', (body) => ({ body, headers: { 'X-LeadGrid-Signature': signature(body, undefined, 'whsec_other') } })],
		['missing header', (body) => ({ body, headers: {} })],
		['stale timestamp (6 minutes old)', (body) => ({ body, headers: { 'X-LeadGrid-Signature': signature(body, Math.floor(Date.now() / 1000) - 360) } })],
		['timestamp from the future', (body) => ({ body, headers: { 'X-LeadGrid-Signature': signature(body, Math.floor(Date.now() / 1000) + 360) } })],
		['malformed header', (body) => ({ body, headers: { 'X-LeadGrid-Signature': 'v1=abc' } })],
	];
	test.each(forged)('%s: 401 and no item', async (_name, make) => {
		const request = make(event());
		const { items, response, result } = await deliver(setup(), request);
		expect(response.statusCode).toBe(401);
		expect(result.noWebhookResponse).toBe(true);
		expect(result.workflowData).toBeUndefined();
		expect(items).toEqual([]);
	});

	test('an event that is not selected starts nothing', async () => {
		const body = event('dossier.created');
		const { result, response } = await deliver(setup(), { body, headers: { 'X-LeadGrid-Signature': signature(body) } });
		expect(response.statusCode).toBe(200);
		expect(result.workflowData).toBeUndefined();
	});

	test('a wrong signature: the 401 body does not say why, n8n’s log does', async () => {
		const warn = jest.spyOn(Container.get(Logger), 'warn').mockImplementation(() => undefined);
		try {
			for (const [reason, make] of [
				['mismatch', (body: string) => signature(body, undefined, 'whsec_other')],
				['stale', (body: string) => signature(body, Math.floor(Date.now() / 1000) - 360)],
				['missing', () => undefined],
			] as const) {
				const body = event();
				const header = make(body);
				const { response } = await deliver(setup(), { body, headers: header ? { 'X-LeadGrid-Signature': header } : {} });
				expect(response.statusCode).toBe(401);
				expect(response.body).toEqual({ error: 'Unauthorized' });
				expect(warn).toHaveBeenLastCalledWith(`LeadGrid Trigger refused a delivery (401): signature ${reason}`, expect.objectContaining({ reason }));
			}
		} finally {
			warn.mockRestore();
		}
	});

	test('a signing secret pasted with whitespace around it still verifies', async () => {
		const body = event();
		const padded = { leadGridApi: { ...credentials.leadGridApi, webhookSecret: `  ${SECRET}\n` } };
		const { items, response } = await deliver(setup(undefined, padded), { body, headers: { 'X-LeadGrid-Signature': signature(body) } });
		expect(response.statusCode).toBe(200);
		expect(items).toHaveLength(1);
		const blank = { leadGridApi: { ...credentials.leadGridApi, webhookSecret: ' \n ' } };
		await expect(hooks(setup(undefined, blank)).create()).rejects.toThrow('The LeadGrid credential has no Webhook Signing Secret');
	});

	test('the same event delivered to two workflows starts both, each once', async () => {
		const body = event('note.created');
		const headers = { 'X-LeadGrid-Signature': signature(body) };
		const [a, b] = [inWorkflow('wf-a'), inWorkflow('wf-b')];
		const first = await deliver(a, { body, headers });
		const second = await deliver(b, { body, headers });
		expect([first.items.length, second.items.length]).toEqual([1, 1]);
		// each still ignores its own redelivery
		expect((await deliver(a, { body, headers })).result.workflowData).toBeUndefined();
		expect((await deliver(b, { body, headers })).result.workflowData).toBeUndefined();
	});

	test('the same event on the test URL and the production URL starts both', async () => {
		const body = event('note.created');
		const headers = { 'X-LeadGrid-Signature': signature(body) };
		const s = setup();
		const production = await deliver(s, { body, headers });
		const test = await deliver(s, { body, headers, mode: 'manual' });
		expect([production.items.length, test.items.length]).toEqual([1, 1]);
	});

	test('events without an ID are never dropped', async () => {
		const s = setup();
		const body = JSON.stringify({ type: 'note.created', created_at: '2026-04-15T12:04:10Z', data: { id: 'n1' } });
		const headers = { 'X-LeadGrid-Signature': signature(body) };
		const outcomes = [];
		for (let i = 0; i < 3; i++) outcomes.push((await deliver(s, { body, headers })).items.length);
		expect(outcomes).toEqual([1, 1, 1]);
	});

	test('a replayed delivery (same event id) starts nothing the second time', async () => {
		const body = event('note.created');
		const headers = { 'X-LeadGrid-Signature': signature(body) };
		const first = await deliver(setup(), { body, headers });
		const second = await deliver(setup(), { body, headers });
		expect(first.items).toHaveLength(1);
		expect(second.result.workflowData).toBeUndefined();
	});
});

describe('lifecycle', () => {
	test('create records the URL, checkExists sees it, delete forgets it', async () => {
		const s = setup();
		const h = hooks(s);
		expect(await h.checkExists()).toBe(false);
		expect(await h.create()).toBe(true);
		expect(h.staticData()).toEqual({ webhookUrl: `http://localhost:5678/webhook/${s.node.webhookId}/webhook` });
		expect(await h.checkExists()).toBe(true);
		expect(await h.delete()).toBe(true);
		expect(h.staticData()).toEqual({});
		expect(await h.checkExists()).toBe(false);
	});

	test('activation without a signing secret fails with a clear error', async () => {
		const h = hooks(setup(undefined, { leadGridApi: { ...credentials.leadGridApi, webhookSecret: '' } }));
		await expect(h.create()).rejects.toThrow('The LeadGrid credential has no Webhook Signing Secret');
	});
});
