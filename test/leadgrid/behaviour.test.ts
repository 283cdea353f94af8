/**
 * The shared mechanisms seen through LeadGrid: pagination, pacing, retry, error mapping,
 * Continue On Fail, and bad input refused before anything is sent.
 */
import { credentialReads } from '../harness';
import { fileItem, PDF } from './helpers';
import { run, useSandbox } from './setup';

const sandbox = useSandbox();
const rl = (value: string) => ({ __rl: true, mode: 'id', value });
const dossiers = () => sandbox().state.dossiers.all();

describe('pagination', () => {
	beforeAll(() => sandbox().state.seedDossiers(248)); // 2 seeded + 248 = 250

	test('Return All over 250 records makes exactly 3 requests of 100', async () => {
		const result = await run(sandbox(), { resource: 'dossier', operation: 'getAll', returnAll: true });
		expect(result.error).toBeUndefined();
		expect(sandbox().server.requests.map((r) => r.rawQuery)).toEqual(['page=1&per_page=100', 'page=2&per_page=100', 'page=3&per_page=100']);
		expect(result.items).toHaveLength(250);
		expect(result.items.map((i) => i.json.id)).toEqual(dossiers().map((d: { id: string }) => d.id));
	});

	test('Limit 30 makes one request of 30', async () => {
		const result = await run(sandbox(), { resource: 'dossier', operation: 'getAll', returnAll: false, limit: 30 });
		expect(sandbox().server.requests.map((r) => r.rawQuery)).toEqual(['page=1&per_page=30']);
		expect(result.items.map((i) => i.json.id)).toEqual(dossiers().slice(0, 30).map((d: { id: string }) => d.id));
	});

	test('Limit 130 makes two requests and returns exactly 130', async () => {
		const result = await run(sandbox(), { resource: 'dossier', operation: 'getAll', returnAll: false, limit: 130 });
		expect(sandbox().server.requests.map((r) => r.rawQuery)).toEqual(['page=1&per_page=100', 'page=2&per_page=100']);
		expect(result.items).toHaveLength(130);
	});
});

describe('retry and pacing', () => {
	test('429 then success: the item succeeds after Retry-After', async () => {
		const dossier = dossiers()[0];
		sandbox().server.inject({ method: 'GET', path: `/dossiers/${dossier.id}`, status: 429, headers: { 'Retry-After': '1' } });
		const result = await run(sandbox(), { resource: 'dossier', operation: 'get', dossierId: rl(dossier.id) });
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.json.id)).toEqual([dossier.id]);
		const [first, second] = sandbox().server.requests;
		expect(sandbox().server.requests).toHaveLength(2);
		expect(second.at - first.at).toBeGreaterThanOrEqual(950);
	});

	test('429 on a POST is retried too (the server did not process it)', async () => {
		const dossier = dossiers()[0];
		sandbox().server.inject({ method: 'POST', path: `/dossiers/${dossier.id}/notes`, status: 429, headers: { 'Retry-After': '0' } });
		const result = await run(sandbox(), { resource: 'note', operation: 'create', dossierId: rl(dossier.id), content: 'Once only' });
		expect(result.error).toBeUndefined();
		expect(sandbox().server.requests.map((r) => r.method)).toEqual(['POST', 'POST']);
		expect(sandbox().state.notes.all().filter((n: { content: string }) => n.content === 'Once only')).toHaveLength(1);
	});

	test('503 on a GET is retried', async () => {
		sandbox().server.inject({ method: 'GET', path: '/flows', status: 503, times: 2 });
		const result = await run(sandbox(), { resource: 'flow', operation: 'getAll', returnAll: true });
		expect(result.error).toBeUndefined();
		expect(sandbox().server.requests).toHaveLength(3);
		expect(result.items).toHaveLength(2);
	});

	test('500 on a POST is not retried and maps to NodeApiError with the provider message', async () => {
		const dossier = dossiers()[0];
		sandbox().server.inject({ method: 'POST', path: `/dossiers/${dossier.id}/notes`, status: 500, body: { error: { code: 'internal', message: 'Unexpected server error.' } } });
		const result = await run(sandbox(), { resource: 'note', operation: 'create', dossierId: rl(dossier.id), content: 'x' });
		expect(sandbox().server.requests).toHaveLength(1);
		expect(result.error?.httpCode).toBe('500');
		expect(result.error?.message).toBe('LeadGrid answered 500: Unexpected server error. (internal)');
	});

	test('with Continue On Fail, errors and successes keep their order and pairing', async () => {
		const good = dossiers().slice(0, 3).map((d: { id: string }) => d.id);
		const ids = [good[0], '00000000-0000-4000-8000-000000000000', good[1], 'ffffffff-0000-4000-8000-000000000000', good[2]];
		const result = await run(sandbox(), { resource: 'dossier', operation: 'get', dossierId: rl('={{ $json.id }}') }, { items: ids.map((id) => ({ json: { id } })), continueOnFail: true });
		expect(result.items).toHaveLength(5);
		expect(result.items.map((i) => i.pairedItem)).toEqual([0, 1, 2, 3, 4].map((item) => ({ item })));
		expect(result.items.map((i) => (i.json.error ? 'error' : i.json.id))).toEqual([good[0], 'error', good[1], 'error', good[2]]);
		// several items: the message names the item; what is missing and what to try lead
		expect(result.items[1].json.error).toBe('No LeadGrid dossier with ID "00000000-0000-4000-8000-000000000000"; list or search the dossiers first to get a valid ID (item 1)');
		expect(result.items[3].json.error).toBe('No LeadGrid dossier with ID "ffffffff-0000-4000-8000-000000000000"; list or search the dossiers first to get a valid ID (item 3)');
	});
});

describe('bad input is refused before sending', () => {
	const cases: Array<[string, object, object, RegExp]> = [
		['empty note content', { resource: 'note', operation: 'create', dossierId: rl('a91c0000-0000-4000-8000-000000000001'), content: '   ' }, {}, /^Content cannot be empty$/],
		// n8n itself refuses literal empty or malformed IDs; IDs from expressions are checked by the node.
		['missing dossier (from an expression)', { resource: 'dossier', operation: 'get', dossierId: rl('={{ $json.id }}') }, { items: [{ json: { id: '' } }] }, /^Dossier is required$/],
		['malformed dossier ID (from an expression)', { resource: 'dossier', operation: 'get', dossierId: rl('={{ $json.id }}') }, { items: [{ json: { id: '../flows' } }] }, /^Dossier must be a LeadGrid ID, got "\.\.\/flows"$/],
		['non-PDF CV', { resource: 'dossier', operation: 'uploadCv', dossierId: rl('a91c0000-0000-4000-8000-000000000001'), binaryPropertyName: 'data', uploadAs: 'multipart' }, { items: [fileItem(Buffer.from('hello'), 'cv.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')] }, /^"Input Binary Field" on item 0 must be a PDF/],
		['oversized CV', { resource: 'dossier', operation: 'uploadCv', dossierId: rl('a91c0000-0000-4000-8000-000000000001'), binaryPropertyName: 'data', uploadAs: 'raw' }, { items: [fileItem(Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024)]), 'big.pdf', 'application/pdf')] }, /^"Input Binary Field" on item 0 is 10 MB, more than the 10 MB allowed$/],
		['missing binary property', { resource: 'dossier', operation: 'uploadCv', dossierId: rl('a91c0000-0000-4000-8000-000000000001'), binaryPropertyName: 'resume', uploadAs: 'raw' }, { items: [fileItem(PDF, 'cv.pdf', 'application/pdf')] }, /^No binary property "resume" on item 0 for "Input Binary Field"$/],
		['empty Update Fields', { resource: 'contact', operation: 'update', contactId: rl('c12a0000-0000-4000-8000-000000000001'), updateFields: {} }, {}, /^Update Fields needs at least one field$/],
	];

	test.each(cases)('%s', async (_name, parameters, extra, message) => {
		const result = await run(sandbox(), parameters, extra);
		expect(result.error?.message).toMatch(message);
		expect(result.error?.itemIndex).toBe(0);
		expect(sandbox().server.requests).toHaveLength(0);
	});

	test('a key not starting with lg_live_ gets a clear message and no request', async () => {
		const result = await run(sandbox(), { resource: 'flow', operation: 'getAll', returnAll: true }, {}, 'sk_test_123');
		expect(result.error?.message).toBe('The LeadGrid API key must start with "lg_live_". Create one in LeadGrid under Settings → API and paste the full key into the credential.');
		expect(result.error?.message).not.toContain('sk_test_123');
		expect(sandbox().server.requests).toHaveLength(0);
	});

	test('an invalid stage for the flow is the provider 400, mapped', async () => {
		const dossier = dossiers().find((d: { type: string }) => d.type === 'sales');
		const otherFlowStage = sandbox().state.stages.all().find((s: { flow_id: string }) => s.flow_id !== dossier.flow_id);
		const result = await run(sandbox(), { resource: 'dossier', operation: 'update', dossierId: rl(dossier.id), updateFields: { current_stage_id: rl(otherFlowStage.id) } });
		expect(result.error?.httpCode).toBe('400');
		expect(result.error?.message).toBe("LeadGrid answered 400: current_stage_id must belong to the dossier's flow. (invalid_body)");
		expect(sandbox().server.requests).toHaveLength(1);
	});

	test('a wrong key is a 401 whose message never contains the key', async () => {
		const key = 'lg_live_wrong_secret_value';
		const result = await run(sandbox(), { resource: 'flow', operation: 'getAll', returnAll: true }, {}, key);
		expect(result.error?.httpCode).toBe('401');
		expect(JSON.stringify(result)).not.toContain(key);
	});
});

describe('n8n CPU per item', () => {
	test('each request reads the credential once: the transport hands n8n the credential it read', async () => {
		const ids = dossiers().slice(0, 2).map((d: { id: string }) => d.id);
		const items = [0, 1, 0, 1, 0, 1].map((i) => ({ json: { id: ids[i] } }));
		const before = credentialReads.count;
		const result = await run(sandbox(), { resource: 'dossier', operation: 'get', dossierId: rl('={{ $json.id }}') }, { items });
		expect(result.error).toBeUndefined();
		expect(sandbox().server.requests.map((r) => `${r.method} ${r.path}`)).toEqual(items.map((i) => `GET /dossiers/${i.json.id}`));
		expect(result.items.map((i) => i.json.id)).toEqual(items.map((i) => i.json.id));
		// One read by n8n's routing for the node, then one per request: n8n would read it again for every request.
		expect(credentialReads.count - before).toBe(1 + items.length);
	});
});
