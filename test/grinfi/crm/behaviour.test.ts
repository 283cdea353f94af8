/** Paging, bad input, rate limits and credits of the CRM operations, through n8n's engine against the Grinfi sandbox. */
import { expectRequest, itemsOf, json, onlyRequest, rl } from './helpers';
import { KEY, run, useSandbox } from '../setup';

const sandbox = useSandbox();
const state = () => sandbox().state;
const ids = () => state().ids;

describe('Pagination', () => {
	beforeAll(() => {
		// 10 seeded + 240 = 250 contacts.
		state().seedContacts(240);
	});

	test('Return All over 250 contacts makes exactly 3 requests of 100 (offsets 0/100/200), without has_more', async () => {
		const result = await run(sandbox(), { resource: 'contact', operation: 'search', returnAll: true, searchOptions: { order_type: 'asc' } });
		expect(result.error).toBeUndefined();
		const requests = sandbox().server.requests;
		expect(requests.map((r) => [r.method, r.path, r.body])).toEqual([
			['POST', '/leads/api/leads/search', { order_type: 'asc', limit: 100, offset: 0 }],
			['POST', '/leads/api/leads/search', { order_type: 'asc', limit: 100, offset: 100 }],
			['POST', '/leads/api/leads/search', { order_type: 'asc', limit: 100, offset: 200 }],
		]);
		expect(result.items).toHaveLength(250);
		const all = state().contacts.all();
		expect(all).toHaveLength(250);
		expect(result.items.map((i) => i.json.uuid)).toEqual(all.map((c: any) => c.uuid));
		expect(result.items[249].json).toEqual(json(state().model.presentLead(all[249])));
	});

	test('the contact search envelope really has no has_more (the pager falls back to total)', async () => {
		const response = await fetch(`${sandbox().server.url}/leads/api/leads/search`, {
			method: 'POST',
			headers: { Authorization: `Bearer ${KEY}`, 'Content-Type': 'application/json' },
			body: JSON.stringify({ limit: 100, offset: 200 }),
		});
		const body = (await response.json()) as Record<string, unknown>;
		expect(Object.keys(body).sort()).toEqual(['data', 'limit', 'offset', 'total']);
		expect(body.total).toBe(250);
	});

	test('Limit 150 asks for two pages of 100 and returns 150', async () => {
		const result = await run(sandbox(), { resource: 'contact', operation: 'search', returnAll: false, limit: 150 });
		expect(sandbox().server.requests.map((r) => [r.body.limit, r.body.offset])).toEqual([
			[100, 0],
			[100, 100],
		]);
		expect(result.items).toHaveLength(150);
	});

	test('a GET list with has_more pages until has_more is false', async () => {
		const now = new Date().toISOString();
		for (let i = 1; i <= 205; i++) {
			state().db.leadsBlacklist.insert({ uuid: `bb100000-0000-4000-8000-${String(i).padStart(12, '0')}`, team_id: 134, name: `Blocked ${i}`, company_name: null, linkedin: null, ln_id: null, email: `blocked${i}@example.com`, user_id: 20, created_at: now, updated_at: now });
		}
		const result = await run(sandbox(), { resource: 'blacklist', operation: 'getAllContacts', returnAll: true });
		expect(result.error).toBeUndefined();
		expect(sandbox().server.requests.map((r) => r.rawQuery)).toEqual(['limit=100&offset=0', 'limit=100&offset=100', 'limit=100&offset=200']);
		expect(result.items).toHaveLength(206);
	});

	test('a page without has_more stops on the total', async () => {
		const rows = state().db.dataSources.all();
		sandbox().server.inject({ method: 'GET', path: '/leads/api/data-sources', status: 200, body: { data: json(rows), limit: 100, offset: 0, total: rows.length } });
		const result = await run(sandbox(), { resource: 'dataSource', operation: 'getAll', returnAll: true });
		expect(result.error).toBeUndefined();
		expect(sandbox().server.requests).toHaveLength(1);
		expect(itemsOf(result)).toEqual(json(rows));
	});

	test('a page with neither has_more nor total stops when it is not full', async () => {
		const rows = state().db.dataSources.all();
		sandbox().server.inject({ method: 'GET', path: '/leads/api/data-sources', status: 200, body: { data: json(rows) } });
		const result = await run(sandbox(), { resource: 'dataSource', operation: 'getAll', returnAll: true });
		expect(sandbox().server.requests).toHaveLength(1);
		expect(itemsOf(result)).toEqual(json(rows));
	});
});

describe('Bad input: a clear error naming the field and the item, and nothing sent', () => {
	const upsert = { resource: 'contact', operation: 'upsert', listId: rl('a1000000-0000-4000-8000-000000000001'), leadLinkedinId: 'someone-new-1' };
	const pdf = Buffer.from('%PDF-1.4\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<<>>\nendobj\n\x00\x00\x00', 'latin1');
	const fileItem = (data: Buffer, fileName: string, mimeType: string) => ({ json: {}, binary: { data: { base64: data.toString('base64'), fileName, mimeType } } });

	test.each([
		[
			'invalid JSON filter',
			{ resource: 'contact', operation: 'search', returnAll: true, filters: { q: 'anna', rawFilter: '{"email_status": ok' } },
			undefined,
			'Filters → Raw Filter (JSON) is not valid JSON',
		],
		[
			'invalid JSON filter on a GET list',
			{ resource: 'activity', operation: 'getAll', returnAll: true, filters: { rawFilter: '{type:' } },
			undefined,
			'Filters → Raw Filter (JSON) is not valid JSON',
		],
		[
			'mass action without IDs',
			{ resource: 'contact', operation: 'massAction', massActionType: 'contact_add_tags', massTagId: rl('a2000000-0000-4000-8000-000000000001'), selectBy: 'ids', selectIds: ' , ' },
			undefined,
			'Contact IDs is empty, so no contacts are selected: give at least one ID, or choose Select By "Filters" or "All"',
		],
		[
			'mass action with empty filters',
			{ resource: 'company', operation: 'massAction', massActionType: 'company_add_tags', massTagId: rl('a2000000-0000-4000-8000-000000000001'), selectBy: 'filter', selectFilters: {} },
			undefined,
			'Filters is empty, so no companies are selected: add at least one filter, or choose Select By "IDs" or "All"',
		],
		[
			'CSV that is a PDF',
			{ resource: 'file', operation: 'uploadCsv', binaryPropertyName: 'data' },
			[fileItem(pdf, 'brochure.pdf', 'application/pdf')],
			'Input Binary Field must hold a CSV text file, got application/pdf (brochure.pdf)',
		],
		[
			'CSV named .csv holding binary bytes',
			{ resource: 'file', operation: 'uploadCsv', binaryPropertyName: 'data' },
			[fileItem(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0xff, 0xfe]), 'contacts.csv', 'text/csv')],
			'Input Binary Field must hold a CSV text file, got text/csv (contacts.csv)',
		],
		[
			'CSV binary property missing',
			{ resource: 'file', operation: 'uploadCsv', binaryPropertyName: 'file' },
			[fileItem(Buffer.from('a,b\n1,2\n'), 'x.csv', 'text/csv')],
			'No binary property "file" on item 0 for "Input Binary Field"',
		],
	])('%s', async (_case, parameters, items, message) => {
		const result = await run(sandbox(), parameters, items ? { items } : {});
		expect(result.error?.message).toBe(message);
		expect(result.error?.itemIndex).toBe(0);
		expect(sandbox().server.requests).toEqual([]);
	});

	test('custom field name that does not exist: only the custom-field lookup is sent, never the upsert', async () => {
		const result = await run(sandbox(), { ...upsert, customFields: { field: [{ name: 'icebreaker', value: 'ok' }, { name: 'favourite_colour', value: 'blue' }] } });
		expect(result.error?.message).toBe('Custom Fields → Name "favourite_colour" is not a contact custom field in Grinfi');
		expect(result.error?.description).toBe('The contact custom fields are: industry_vertical, icebreaker. Create it with Custom Field → Create first.');
		expect(sandbox().server.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /leads/api/custom-fields']);
		expect(state().contacts.all().some((c: any) => c.linkedin === 'someone-new-1')).toBe(false);
	});

	test('the error names the item that failed; the others go through (Continue On Fail)', async () => {
		const result = await run(
			sandbox(),
			{ resource: 'contact', operation: 'search', returnAll: false, limit: 1, filters: { rawFilter: '={{ $json.filter }}' } },
			{ items: [{ json: { filter: '{"q": "weber"}' } }, { json: { filter: '{"q": ' } }], continueOnFail: true },
		);
		expect(sandbox().server.requests).toHaveLength(1);
		expect(sandbox().server.requests[0].body).toEqual({ filter: { q: 'weber' }, limit: 1, offset: 0 });
		expect(result.items[0].json.uuid).toBe(ids().contacts[2]);
		expect(result.items[1].json.error).toBe('Filters → Raw Filter (JSON) is not valid JSON (item 1)');
	});
});

describe('Rate limit and credits', () => {
	test('a 429 with Retry-After is waited out and retried; the item succeeds', async () => {
		sandbox().server.inject({ method: 'POST', path: '/leads/api/leads/count', status: 429, headers: { 'Retry-After': '1' } });
		const started = Date.now();
		const result = await run(sandbox(), { resource: 'contact', operation: 'count', countIds: ids().contacts[0] });
		expect(result.error).toBeUndefined();
		expect(Date.now() - started).toBeGreaterThanOrEqual(900);
		const requests = sandbox().server.requests as Array<{ path: string; body: unknown; status?: number }>;
		expect(requests.map((r) => [r.path, r.status])).toEqual([
			['/leads/api/leads/count', 429],
			['/leads/api/leads/count', 200],
		]);
		expect(requests[1].body).toEqual({ ids: [ids().contacts[0]], all: false });
		expect(itemsOf(result)).toEqual([{ total: 1 }]);
	});

	test.each([
		['contact', '/leads/api/leads/advanced-enrichment', 'c1000000-0000-4000-8000-000000000002'],
		['company', '/leads/api/companies/advanced-enrichment', 'c0000000-0000-4000-8000-000000000002'],
	])('%s enrichment without credits: 402 says there are no credits left', async (resource, path, uuid) => {
		state().credits = 0;
		try {
			const result = await run(sandbox(), { resource, operation: 'enrich', selectBy: 'ids', selectIds: uuid });
			expectRequest(onlyRequest(sandbox()), { method: 'PUT', path, body: { uuids: [uuid] } });
			expect(result.error?.httpCode).toBe('402');
			expect(result.error?.message).toBe('Grinfi answered 402: Insufficient credits to perform enrichment. (payment_required)');
			expect(result.error?.description).toMatch(/^Your Grinfi team has no credits left for this \(enrichment needs credits\)\. Top up in Grinfi, then run the item again\./);
		} finally {
			state().credits = 100;
		}
	});
});
