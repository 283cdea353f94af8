/**
 * Grinfi's PUTs that act (enrich, mass actions, message retry, task mass actions, continue
 * automation) are never sent twice; its POSTs that only read are retried; the API key never shows,
 * even when Grinfi echoes it in a body, a file or a header.
 */
import { LoadOptionsContext } from 'n8n-core';
import type { INode } from 'n8n-workflow';

import { crmListSearch } from '../../nodes/Grinfi/methods/crm';
import { binaryOf, buildAdditionalData, buildWorkflow } from '../harness';
import { expectNoSecret } from '../harness/secrets';
import { GRINFI, KEY, run, useSandbox } from './setup';

const QUOTED = 'grinfi_"quoted"\\key';
const sandbox = useSandbox({ apiKeys: [KEY, QUOTED] });
const state = () => sandbox().state;
const ids = () => state().ids;
const rl = (value: string) => ({ __rl: true, mode: 'id', value });
const lines = () => sandbox().server.requests.map((r) => `${r.method} ${r.path}`);
const ID = 'a0000000-0000-4000-8000-000000000099';

afterEach(() => sandbox().server.reset());

describe('PUTs that act are never sent again after a 5xx', () => {
	const cases: Array<[string, object, string, string]> = [
		['contact enrich', { resource: 'contact', operation: 'enrich', selectBy: 'ids', selectIds: ID }, '/leads/api/leads/advanced-enrichment', 'Enrich contacts'],
		['company enrich', { resource: 'company', operation: 'enrich', selectBy: 'ids', selectIds: ID }, '/leads/api/companies/advanced-enrichment', 'Enrich companies'],
		[
			'contact mass action',
			{ resource: 'contact', operation: 'massAction', massActionType: 'contact_add_tags', massTagId: rl(ID), selectBy: 'ids', selectIds: ID },
			'/leads/api/leads/mass-action',
			'Run a mass action on contacts',
		],
		[
			'company mass action',
			{ resource: 'company', operation: 'massAction', massActionType: 'company_add_tags', massTagId: rl(ID), selectBy: 'ids', selectIds: ID },
			'/leads/api/companies/mass-action',
			'Run a mass action on companies',
		],
		['LinkedIn message retry', { resource: 'linkedinMessage', operation: 'retry', linkedinMessageId: ID }, `/flows/api/linkedin-messages/${ID}/retry`, 'Retry a failed LinkedIn message'],
		['continue automation', { resource: 'task', operation: 'continueAutomation', continueContactId: rl(ID) }, '/flows/api/tasks/continue-automation', 'Continue the automation for a contact'],
		['task mass cancel', { resource: 'task', operation: 'massCancel', taskIds: ID }, '/flows/api/tasks/mass-cancel', 'Cancel many tasks'],
		['task mass complete', { resource: 'task', operation: 'massComplete', taskIds: ID }, '/flows/api/tasks/mass-complete', 'Complete many tasks'],
		['task mass retry', { resource: 'task', operation: 'massRetry', taskIds: ID }, '/flows/api/tasks/mass-retry', 'Retry many tasks'],
		['task mass skip', { resource: 'task', operation: 'massSkip', taskIds: ID }, '/flows/api/tasks/mass-skip', 'Skip many tasks'],
	];

	test.each(cases)('%s', async (_name, parameters, path, what) => {
		sandbox().server.inject({ method: 'PUT', path, status: 503, times: 5 });
		const result = await run(sandbox(), parameters);
		expect(lines()).toEqual([`PUT ${path}`]);
		expect(result.error?.httpCode).toBe('503');
		expect(result.error?.message).toBe(`Grinfi may have applied "${what}" (it answered 503: Injected 503 (service_unavailable)); it was not sent again`);
		expect(result.error?.description).toContain(`check in Grinfi whether "${what}" took effect before running the item again.`);
	});

	test('Enrich that spent the credits but answered 502 spends them once', async () => {
		const credits = state().credits;
		const uuid = ids().contacts[5];
		sandbox().server.inject({ method: 'PUT', path: '/leads/api/leads/advanced-enrichment', status: 502, applied: true });
		const result = await run(sandbox(), { resource: 'contact', operation: 'enrich', selectBy: 'ids', selectIds: uuid });
		expect(lines()).toEqual(['PUT /leads/api/leads/advanced-enrichment']);
		expect(state().credits).toBe(credits - 1);
		expect(result.error?.message).toMatch(/^Grinfi may have applied "Enrich contacts"/);
	});

	test('a PUT that sets fields by ID is still retried', async () => {
		const uuid = ids().contacts[0];
		sandbox().server.inject({ method: 'PUT', path: `/leads/api/leads/${uuid}`, status: 503 });
		const result = await run(sandbox(), { resource: 'contact', operation: 'update', contactId: rl(uuid), updateFields: { position: 'CTO' } });
		expect(result.error).toBeUndefined();
		expect(lines()).toEqual([`PUT /leads/api/leads/${uuid}`, `PUT /leads/api/leads/${uuid}`]);
	});
});

describe('POSTs that only read are retried', () => {
	test('Contact Search after a 503', async () => {
		sandbox().server.inject({ method: 'POST', path: '/leads/api/leads/search', status: 503 });
		const result = await run(sandbox(), { resource: 'contact', operation: 'search', returnAll: false, limit: 5 });
		expect(result.error).toBeUndefined();
		expect(lines()).toEqual(['POST /leads/api/leads/search', 'POST /leads/api/leads/search']);
		expect(result.items).toHaveLength(5);
	});

	test('Contact Count after a 504', async () => {
		sandbox().server.inject({ method: 'POST', path: '/leads/api/leads/count', status: 504 });
		const result = await run(sandbox(), { resource: 'contact', operation: 'count', countIds: ids().contacts[0] });
		expect(result.error).toBeUndefined();
		expect(lines()).toEqual(['POST /leads/api/leads/count', 'POST /leads/api/leads/count']);
		expect(result.items.map((i) => i.json)).toEqual([{ total: 1 }]);
	});

	test('the contact list search (a POST outside the routing) after a 502', async () => {
		const node: INode = {
			id: 'methods',
			name: 'Grinfi',
			type: GRINFI,
			typeVersion: 1,
			position: [0, 0],
			parameters: { resource: 'contact', operation: 'get' },
			credentials: { grinfiApi: { id: 'grinfiApi', name: 'grinfiApi' } },
		};
		const workflow = buildWorkflow([node], {}, 'grinfi-safety-methods', {});
		const additionalData = buildAdditionalData(workflow, { grinfiApi: { apiKey: KEY, baseUrl: sandbox().server.url } });
		const context = new LoadOptionsContext(workflow, node, additionalData, 'contactId');
		sandbox().server.inject({ method: 'POST', path: '/leads/api/leads/search', status: 502 });
		const { results } = await crmListSearch.searchContacts.call(context as never);
		expect(lines()).toEqual(['POST /leads/api/leads/search', 'POST /leads/api/leads/search']);
		expect(results.length).toBeGreaterThan(0);
	});
});

describe('the API key never shows, even when Grinfi echoes it', () => {
	test('in an error body (JSON-escaped: a key with quotes and a backslash)', async () => {
		sandbox().server.inject({
			method: 'GET',
			path: '/id/api/users/current',
			status: 422,
			body: { error: { reason: 'echo', message: 'Token {{key}} rejected', data: { token: ['{{authorization}} is not allowed'] } } },
		});
		const result = await run(sandbox(), { resource: 'user', operation: 'get' }, {}, QUOTED);
		expect(sandbox().server.requests.map((r) => r.headers.authorization)).toEqual([`Bearer ${QUOTED}`]);
		expect(result.error?.message).toBe('Grinfi answered 422: Token *** rejected (echo)');
		expect(result.error?.description).toBe('token: Bearer *** is not allowed');
		expectNoSecret(result, QUOTED);
	});

	test('in a success body, with the key pasted with surrounding whitespace', async () => {
		sandbox().server.inject({ method: 'GET', path: '/id/api/users/current', status: 200, body: { id: 1, note: 'called with {{key}}', header: '{{authorization}}' } });
		const result = await run(sandbox(), { resource: 'user', operation: 'get' }, {}, `\t${KEY}  `);
		expect(result.error).toBeUndefined();
		expect(sandbox().server.requests.map((r) => r.headers.authorization)).toEqual([`Bearer ${KEY}`]);
		expect(result.items.map((i) => i.json)).toEqual([{ id: 1, note: 'called with ***', header: 'Bearer ***' }]);
		expectNoSecret(result, KEY);
	});

	test('in a downloaded file and its Content-Disposition header', async () => {
		sandbox().server.inject({
			method: 'POST',
			path: '/leads/api/file-exports/download',
			status: 200,
			body: Buffer.from('uuid,note\n1,exported with {{key}}\n'),
			headers: { 'Content-Type': 'text/csv', 'Content-Disposition': 'attachment; filename="export-{{key}}.csv"' },
		});
		const result = await run(sandbox(), { resource: 'file', operation: 'download', exportFileName: 'export.csv', binaryPropertyName: 'data' });
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ fileName: 'export-***.csv', mimeType: 'text/csv' });
		expect((await binaryOf(result.items[0])).toString('utf8')).toBe('uuid,note\n1,exported with ***\n');
		expectNoSecret(result, KEY);
	});
});
