/**
 * The transport under failure, seen through LeadGrid and n8n's engine: what is sent again after an
 * ambiguous failure (retry classes), timeouts, cancellation, Retry-After, redirects and secrets.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { ExecuteSingleContext } from 'n8n-core';
import type { IExecutePaginationFunctions, INode } from 'n8n-workflow';
import { createRunExecutionData } from 'n8n-workflow';

import { Grinfi } from '../../nodes/Grinfi/Grinfi.node';
import { GrowthGenius } from '../../nodes/GrowthGenius/GrowthGenius.node';
import { LeadGrid } from '../../nodes/LeadGrid/LeadGrid.node';
import { leadGrid } from '../../nodes/LeadGrid/profile';
import * as pacing from '../../nodes/shared/pacing';
import type { RequestPolicy } from '../../nodes/shared/transport';
import { singleRequest, transportSettings } from '../../nodes/shared/transport';
import { buildAdditionalData, buildWorkflow } from '../harness';
import { expectNoSecret } from '../harness/secrets';
import { KEY, LEADGRID, run, useSandbox } from './setup';

/** A key with a quote and a backslash: JSON-escaped when a provider echoes it in a JSON body. */
const QUOTED = 'lg_live_q"uo\\te';
const sandbox = useSandbox({ apiKeys: [KEY, QUOTED] });
const state = () => sandbox().state;
const rl = (value: string) => ({ __rl: true, mode: 'id', value });
const lines = () => sandbox().server.requests.map((r) => `${r.method} ${r.path}`);
const dossier = () => state().dossiers.all()[0];
const notesWith = (content: string) => state().notes.all().filter((n: { content: string }) => n.content === content);

afterEach(() => sandbox().server.reset());

async function waitFor(condition: () => boolean): Promise<void> {
	while (!condition()) await new Promise((resolve) => setImmediate(resolve));
}

describe('retry classes: what is sent again after a 502/503/504 or no answer', () => {
	test('read (GET): retried after a 503', async () => {
		const { id } = dossier();
		sandbox().server.inject({ method: 'GET', path: `/dossiers/${id}`, status: 503 });
		const result = await run(sandbox(), { resource: 'dossier', operation: 'get', dossierId: rl(id) });
		expect(result.error).toBeUndefined();
		expect(lines()).toEqual([`GET /dossiers/${id}`, `GET /dossiers/${id}`]);
		expect(result.items.map((i) => i.json.id)).toEqual([id]);
	});

	test('write (PATCH): applied, answered 502, retried; the item succeeds', async () => {
		const contact = state().contacts.all()[0];
		sandbox().server.inject({ method: 'PATCH', path: `/contacts/${contact.id}`, status: 502, applied: true });
		const result = await run(sandbox(), { resource: 'contact', operation: 'update', contactId: rl(contact.id), updateFields: { city: 'Utrecht' } });
		expect(result.error).toBeUndefined();
		expect(lines()).toEqual([`PATCH /contacts/${contact.id}`, `PATCH /contacts/${contact.id}`]);
		expect(sandbox().server.requests.map((r) => r.body)).toEqual([{ city: 'Utrecht' }, { city: 'Utrecht' }]);
		expect(result.items[0].json).toMatchObject({ id: contact.id, city: 'Utrecht' });
	});

	test('write (DELETE): applied, answered 503, retried; the 404 of the retry counts as done', async () => {
		const contact = state().contacts.insert({ id: 'c0000000-0000-4000-8000-0000000000d1', full_name: 'Gone Twice', kind: [] });
		sandbox().server.inject({ method: 'DELETE', path: `/contacts/${contact.id}`, status: 503, applied: true });
		const result = await run(sandbox(), { resource: 'contact', operation: 'delete', contactId: rl(contact.id) });
		expect(result.error).toBeUndefined();
		expect(sandbox().server.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
			`DELETE /contacts/${contact.id} 503`,
			`DELETE /contacts/${contact.id} 404`,
		]);
		expect(result.items.map((i) => i.json)).toEqual([{ success: true }]);
		expect(state().contacts.get(contact.id)).toBeUndefined();
	});

	test('a DELETE that answers 404 the first time is still "not found"', async () => {
		const result = await run(sandbox(), { resource: 'contact', operation: 'delete', contactId: rl('c0000000-0000-4000-8000-0000000000d2') });
		expect(lines()).toHaveLength(1);
		expect(result.error?.httpCode).toBe('404');
	});

	test('action (POST): applied, answered 503: not sent again, the error says it may have been applied', async () => {
		const { id } = dossier();
		sandbox().server.inject({ method: 'POST', path: `/dossiers/${id}/notes`, status: 503, applied: true });
		const result = await run(sandbox(), { resource: 'note', operation: 'create', dossierId: rl(id), content: 'Called once' });
		expect(lines()).toEqual([`POST /dossiers/${id}/notes`]);
		expect(notesWith('Called once')).toHaveLength(1);
		expect(result.error?.httpCode).toBe('503');
		expect(result.error?.message).toBe('LeadGrid may have applied "Add a note to a dossier" (it answered 503: Injected 503 (injected)); it was not sent again');
		expect(result.error?.description).toBe(
			'Sending it again could do it twice: check in LeadGrid whether "Add a note to a dossier" took effect before running the item again.',
		);
	});

	test('read: a dropped connection is retried', async () => {
		const { id } = dossier();
		sandbox().server.inject({ method: 'GET', path: `/dossiers/${id}`, drop: true });
		const result = await run(sandbox(), { resource: 'dossier', operation: 'get', dossierId: rl(id) });
		expect(result.error).toBeUndefined();
		expect(sandbox().server.requests.map((r) => `${r.method} ${r.status}`)).toEqual(['GET dropped', 'GET 200']);
	});

	test('action: a dropped connection after the note was stored is not sent again', async () => {
		const { id } = dossier();
		sandbox().server.inject({ method: 'POST', path: `/dossiers/${id}/notes`, drop: true, applied: true });
		const result = await run(sandbox(), { resource: 'note', operation: 'create', dossierId: rl(id), content: 'Dropped once' });
		expect(lines()).toEqual([`POST /dossiers/${id}/notes`]);
		expect(notesWith('Dropped once')).toHaveLength(1);
		expect(result.error?.httpCode).toBe('none');
		expect(result.error?.message).toBe('LeadGrid may have applied "Add a note to a dossier" (the connection closed before an answer); it was not sent again');
		expect(result.error?.description).toBe(
			'Error code ECONNRESET. Sending it again could do it twice: check in LeadGrid whether "Add a note to a dossier" took effect before running the item again.',
		);
	});

	test('a 429 is retried for an action too (the provider did nothing)', async () => {
		const { id } = dossier();
		sandbox().server.inject({ method: 'POST', path: `/dossiers/${id}/notes`, status: 429, headers: { 'Retry-After': '1' } });
		const result = await run(sandbox(), { resource: 'note', operation: 'create', dossierId: rl(id), content: 'After 429' });
		expect(result.error).toBeUndefined();
		expect(lines()).toEqual([`POST /dossiers/${id}/notes`, `POST /dossiers/${id}/notes`]);
		expect(notesWith('After 429')).toHaveLength(1);
	});
});

describe('timeouts', () => {
	test('every operation carries its policy to the transport; uploads and downloads declare 5 minutes, the rest use the 60 s default', () => {
		const longer: string[] = [];
		for (const node of [new LeadGrid(), new Grinfi(), new GrowthGenius()]) {
			for (const property of node.description.properties.filter((p) => p.name === 'operation')) {
				for (const option of property.options as Array<{ value: string; routing: { request: { method: string; policy?: RequestPolicy } } }>) {
					const policy = option.routing.request.policy;
					expect(policy?.retry).toMatch(/^(read|write|action)$/);
					if (policy?.timeout) longer.push(`${node.description.name} ${property.displayOptions?.show?.resource?.[0]} ${option.value} ${policy.timeout}`);
				}
			}
		}
		expect(longer.sort()).toEqual([
			'grinfi attachment upload 300000',
			'grinfi file download 300000',
			'grinfi file uploadCsv 300000',
			'leadGrid dossier create 300000',
			'leadGrid dossier uploadCv 300000',
		]);
	});

	// The default (60 s) scaled down so the test does not wait a minute; operations that declare
	// their own timeout keep it.
	beforeEach(() => (transportSettings.defaultTimeoutMs = 300));
	afterEach(() => (transportSettings.defaultTimeoutMs = 60_000));

	test('read: no answer within the timeout is retried, then fails saying it timed out', async () => {
		sandbox().server.inject({ method: 'GET', path: '/flows', status: 200, delayMs: 20_000, times: 4 });
		const result = await run(sandbox(), { resource: 'flow', operation: 'getAll', returnAll: true });
		expect(lines()).toEqual(Array(4).fill('GET /flows'));
		expect(result.error?.httpCode).toBe('none');
		expect(result.error?.message).toBe('LeadGrid could not be reached: no answer within 0.3 s');
	});

	test('action: no answer within the timeout is not sent again', async () => {
		const { id } = dossier();
		sandbox().server.inject({ method: 'POST', path: `/dossiers/${id}/notes`, status: 201, delayMs: 20_000, applied: true });
		const result = await run(sandbox(), { resource: 'note', operation: 'create', dossierId: rl(id), content: 'Slow note' });
		expect(lines()).toEqual([`POST /dossiers/${id}/notes`]);
		expect(notesWith('Slow note')).toHaveLength(1);
		expect(result.error?.message).toBe('LeadGrid may have applied "Add a note to a dossier" (no answer within 0.3 s); it was not sent again');
	});
});

describe('Retry-After', () => {
	test('longer than the 2-minute cap: the item fails at once, saying when to retry', async () => {
		sandbox().server.inject({ method: 'GET', path: '/flows', status: 429, headers: { 'Retry-After': '3600' } });
		const before = Date.now();
		const result = await run(sandbox(), { resource: 'flow', operation: 'getAll', returnAll: true });
		expect(lines()).toEqual(['GET /flows']);
		expect(result.error?.httpCode).toBe('429');
		const at = /until (\S+Z): run the item again after that time$/.exec(result.error?.message ?? '')?.[1];
		expect(result.error?.message).toBe(`LeadGrid is rate limiting this API key until ${at}: run the item again after that time`);
		// The time said is the one Retry-After gives (an hour from when it was received).
		expect(Date.parse(at as string) - before).toBeGreaterThanOrEqual(3_599_000);
		expect(Date.parse(at as string) - before).toBeLessThan(3_600_000 + 60_000);
	});

	test.each([
		['absent', {}],
		['0', { 'Retry-After': '0' }],
	])('Retry-After %s: the waits the transport schedules double (1 s, 2 s, 4 s)', async (_name, headers) => {
		const scheduled: number[] = [];
		const spy = jest.spyOn(pacing, 'pauseUntil').mockImplementation((key, until) => {
			scheduled.push(until - Date.now());
			// Record the wait, do not make the test sit through it.
		});
		try {
			sandbox().server.inject({ method: 'GET', path: '/flows', status: 429, headers, times: 3 });
			const result = await run(sandbox(), { resource: 'flow', operation: 'getAll', returnAll: true });
			expect(result.error).toBeUndefined();
			expect(lines()).toEqual(Array(4).fill('GET /flows'));
			expect(scheduled.map((ms) => Math.round(ms / 100) * 100)).toEqual([1000, 2000, 4000]);
		} finally {
			spy.mockRestore();
		}
	});
});

/**
 * n8n-core (2.41.1 and 1.123.81) builds the context of a declarative node without the execution's
 * cancel signal (WorkflowExecute.executeDeclarativeNodeInTest), so a cancelled run cannot reach the
 * transport through RoutingNode today. These tests give the operation the context RoutingNode
 * gives it (n8n-core's ExecuteSingleContext) with the signal n8n would pass, and cancel that.
 */
describe('cancelling the execution', () => {
	function cancellable() {
		const node: INode = {
			id: 'subject',
			name: 'Subject',
			type: LEADGRID,
			typeVersion: 1,
			position: [0, 0],
			parameters: { resource: 'flow', operation: 'getAll' },
			credentials: { leadGridApi: { id: 'leadGridApi', name: 'leadGridApi' } },
		};
		const workflow = buildWorkflow([node], {}, 'leadgrid-cancel');
		const additionalData = buildAdditionalData(workflow, { leadGridApi: { apiKey: KEY, baseUrl: sandbox().server.url } });
		const inputData = { main: [[{ json: {} }]] };
		const controller = new AbortController();
		const context = new ExecuteSingleContext(
			workflow,
			node,
			additionalData,
			'manual',
			createRunExecutionData(),
			0,
			[{ json: {} }],
			inputData,
			0,
			{ node, data: inputData, source: null },
			controller.signal,
		);
		const requestData = {
			options: { method: 'GET' as const, baseURL: sandbox().server.url, url: '/flows', qs: { page: 1, per_page: 100 }, json: true },
			preSend: [],
			postReceive: [],
			requestOperations: {},
		};
		const done = singleRequest(leadGrid)
			.call(context as unknown as IExecutePaginationFunctions, requestData)
			.then(
				(items) => ({ items, error: undefined }),
				(error: Error) => ({ items: [], error }),
			);
		return { cancel: () => controller.abort(), done };
	}

	test('ends a Retry-After wait: no request after the cancel', async () => {
		// 30 s: longer than this test's timeout, so a wait that outlives the cancel fails it.
		sandbox().server.inject({ method: 'GET', path: '/flows', status: 429, headers: { 'Retry-After': '30' } });
		const running = cancellable();
		await waitFor(() => sandbox().server.requests.length === 1);
		running.cancel();
		const result = await running.done;
		expect(result.error?.message).toBe('The execution was cancelled');
		expect(lines()).toEqual(['GET /flows']);
	}, 20_000);

	test('ends a backoff wait after a 503: no request after the cancel', async () => {
		sandbox().server.inject({ method: 'GET', path: '/flows', status: 503, times: 5 });
		const running = cancellable();
		await waitFor(() => sandbox().server.requests.length === 1);
		running.cancel();
		const result = await running.done;
		expect(result.error?.message).toBe('The execution was cancelled');
		expect(lines()).toEqual(['GET /flows']);
	});

	test('aborts a request waiting for its answer, and does not retry it', async () => {
		sandbox().server.inject({ method: 'GET', path: '/flows', status: 200, delayMs: 100_000, times: 5 });
		const running = cancellable();
		await waitFor(() => sandbox().server.requests.length === 1);
		running.cancel();
		const result = await running.done;
		expect(result.error?.message).toBe('The execution was cancelled');
		expect(lines()).toEqual(['GET /flows']);
	}, 20_000);
});

describe('redirects', () => {
	let other: http.Server;
	let otherUrl: string;
	const received: Array<Record<string, unknown>> = [];
	beforeAll(async () => {
		other = http.createServer((req, res) => {
			received.push({ path: req.url, ...req.headers });
			res.writeHead(200, { 'Content-Type': 'application/json' });
			res.end(JSON.stringify({ data: [{ id: 'elsewhere' }], meta: { total: 1 } }));
		});
		await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
		otherUrl = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
	});
	afterAll(async () => await new Promise((resolve) => other.close(resolve)));
	beforeEach(() => (received.length = 0));

	test('to another origin: not followed, so the other server never gets the API key', async () => {
		sandbox().server.inject({ method: 'GET', path: '/flows', status: 302, headers: { Location: `${otherUrl}/flows?page=1&per_page=100` } });
		const result = await run(sandbox(), { resource: 'flow', operation: 'getAll', returnAll: true });
		expect(received.filter((headers) => headers.authorization !== undefined)).toEqual([]);
		expect(received).toEqual([]);
		expect(lines()).toEqual(['GET /flows']);
		expect(result.error?.httpCode).toBe('302');
		expect(result.error?.message).toBe(`LeadGrid redirected the request to another address (${otherUrl}); it was not followed, so the API key is not sent there`);
		expect(result.error?.description).toBe("If LeadGrid's API has moved, set the Base URL in the LeadGrid credential to its new address.");
	});

	test('within the same origin: followed, with the credential', async () => {
		sandbox().server.inject({ method: 'GET', path: '/flows', status: 307, headers: { Location: '/flows?page=1&per_page=100&moved=1' } });
		const result = await run(sandbox(), { resource: 'flow', operation: 'getAll', returnAll: true });
		expect(result.error).toBeUndefined();
		expect(sandbox().server.requests.map((r) => `${r.path}?${r.rawQuery} ${r.headers.authorization}`)).toEqual([
			`/flows?page=1&per_page=100 Bearer ${KEY}`,
			`/flows?page=1&per_page=100&moved=1 Bearer ${KEY}`,
		]);
		expect(result.items).toHaveLength(2);
	});
});

describe('the API key never shows, even when LeadGrid echoes it', () => {
	test('a key with a quote and a backslash, echoed in an error body (JSON-escaped) and a header', async () => {
		sandbox().server.inject({
			method: 'GET',
			path: '/flows',
			status: 400,
			body: { error: { code: 'bad_request', message: 'Key {{key}} may not do this', detail: { authorization: '{{authorization}}' } } },
			headers: { 'X-Echo': '{{authorization}}' },
		});
		const result = await run(sandbox(), { resource: 'flow', operation: 'getAll', returnAll: true }, {}, QUOTED);
		expect(sandbox().server.requests[0].headers.authorization).toBe(`Bearer ${QUOTED}`);
		expect(sandbox().server.requests[0].status).toBe(400);
		expect(result.error?.message).toBe('LeadGrid answered 400: Key *** may not do this (bad_request)');
		expectNoSecret(result, QUOTED);
	});

	test('a message quoting the JSON request (the key escaped inside the text) and a plain-text error', async () => {
		sandbox().server.inject({
			method: 'GET',
			path: '/flows',
			status: 400,
			body: { error: { code: 'upstream', message: 'Upstream refused {"headers":{"authorization":"Bearer {{keyJson}}"}}' } },
		});
		const quoting = await run(sandbox(), { resource: 'flow', operation: 'getAll', returnAll: true }, {}, QUOTED);
		expect(quoting.error?.message).toBe('LeadGrid answered 400: Upstream refused {"headers":{"authorization":"Bearer ***"}} (upstream)');
		expectNoSecret(quoting, QUOTED);
		sandbox().server.inject({ method: 'GET', path: '/flows', status: 401, body: Buffer.from('Unknown key {{key}}'), headers: { 'Content-Type': 'text/plain' } });
		const plain = await run(sandbox(), { resource: 'flow', operation: 'getAll', returnAll: true }, {}, QUOTED);
		expect(plain.error?.httpCode).toBe('401');
		expectNoSecret(plain, QUOTED);
	});

	test('a key pasted with spaces and a line break is trimmed, and scrubbed from a success body', async () => {
		const { id } = dossier();
		sandbox().server.inject({ method: 'GET', path: `/dossiers/${id}`, status: 200, body: { data: { id, name: 'Made with {{key}}', raw: '{{authorization}}' } } });
		const result = await run(sandbox(), { resource: 'dossier', operation: 'get', dossierId: rl(id) }, {}, `  ${KEY} \n`);
		expect(result.error).toBeUndefined();
		expect(sandbox().server.requests.map((r) => r.headers.authorization)).toEqual([`Bearer ${KEY}`]);
		expect(result.items.map((i) => i.json)).toEqual([{ id, name: 'Made with ***', raw: 'Bearer ***' }]);
		expectNoSecret(result, KEY);
	});
});
