/**
 * Return All over more contacts than Grinfi's 10,000-result search window: the search is split on
 * the sort date, every slice stays inside the window and keeps the user's filter, and every contact
 * comes back once, in the order asked for.
 */
import { KEY, run, useSandbox } from '../setup';

const WINDOW = 10_000;
const sandbox = useSandbox();
const state = () => sandbox().state;
const lists = () => state().ids.lists as string[];

/** The newest contacts come first (the default sort); this date is older than them, newer than the seed. */
const TIE = new Date(Date.now() - 60 * 60 * 1000).toISOString();

beforeAll(() => {
	// Oldest first: 30 contacts created at the same instant, then 9,990 more, with 300 of another
	// list in between. With the seeded contacts of the first list the filter matches 10,025 or more,
	// and in newest-first order the 30 equal dates straddle the 10,000th place.
	state().seedContacts(30, { list_uuid: lists()[0], created_at: TIE, updated_at: TIE });
	state().seedContacts(5_000, { list_uuid: lists()[0] });
	state().seedContacts(300, { list_uuid: lists()[1] });
	state().seedContacts(4_990, { list_uuid: lists()[0] });
});

/** The first list's contacts in the sandbox's order for created_at (ties in insertion order). */
function expected(direction: 'asc' | 'desc') {
	const sign = direction === 'desc' ? -1 : 1;
	return state()
		.contacts.all()
		.filter((c: any) => c.list_uuid === lists()[0])
		.sort((a: any, b: any) => sign * (Date.parse(a.created_at) - Date.parse(b.created_at) || a._seq - b._seq))
		.map((c: any) => c.uuid);
}

function expectInsideWindow(requests: Array<{ path: string; body: any; status?: number }>) {
	for (const r of requests) {
		expect(r.path).toBe('/leads/api/leads/search');
		expect(r.status).toBe(200);
		expect(r.body.offset + r.body.limit).toBeLessThanOrEqual(WINDOW);
	}
}

test('Return All (the default) returns every contact past the window, each once, newest first, keeping the filter in every slice', async () => {
	const want = expected('desc');
	expect(want.length).toBeGreaterThan(10_005);
	const result = await run(sandbox(), {
		resource: 'contact',
		operation: 'search',
		returnAll: true,
		filters: { list_uuid: lists()[0], created_from: '2000-01-01T00:00:00' },
	});
	expect(result.error).toBeUndefined();
	const got = result.items.map((i) => i.json.uuid);
	expect(new Set(got).size).toBe(got.length);
	expect(got).toEqual(want);

	const requests = sandbox().server.requests;
	expectInsideWindow(requests);
	// First slice: the user's search exactly as before, paged to the window.
	const own = { list_uuid: lists()[0], created_at: { '>=': '2000-01-01T00:00:00' } };
	expect(requests.slice(0, 100).map((r) => r.body)).toEqual(Array.from({ length: 100 }, (_, i) => ({ filter: own, limit: 100, offset: i * 100 })));
	// Then from the last date seen (the 30 equal dates: the ten already returned are not repeated).
	expect(requests.slice(100).map((r) => r.body)).toEqual([{ filter: { list_uuid: lists()[0], created_at: { '>=': '2000-01-01T00:00:00', '<=': TIE } }, limit: 100, offset: 0 }]);
}, 180_000);

test('ascending: slices go up from the last date seen, next to the user\'s own upper bound', async () => {
	const far = '2100-01-01T00:00:00';
	const result = await run(sandbox(), {
		resource: 'contact',
		operation: 'search',
		returnAll: true,
		filters: { list_uuid: lists()[0], created_to: far },
		searchOptions: { order_type: 'asc' },
	});
	expect(result.error).toBeUndefined();
	const got = result.items.map((i) => i.json.uuid);
	expect(got).toEqual(expected('asc'));
	const requests = sandbox().server.requests;
	expectInsideWindow(requests);
	expect(requests).toHaveLength(101);
	const boundary = result.items[WINDOW - 1].json.created_at;
	expect(requests.map((r) => r.body.filter)).toEqual([
		...Array.from({ length: 100 }, () => ({ list_uuid: lists()[0], created_at: { '<=': far } })),
		{ list_uuid: lists()[0], created_at: { '<=': far, '>=': boundary } },
	]);
	expect(requests.every((r) => r.body.order_type === 'asc')).toBe(true);
}, 180_000);

test('sorted by a field the filter cannot range over: a clear error on the first page, nothing past it', async () => {
	const result = await run(sandbox(), { resource: 'contact', operation: 'search', returnAll: true, searchOptions: { order_field: 'name' } });
	expect(result.error?.message).toMatch(/^Contact search stops at 10,000 results \(Grinfi's search window\) and these filters match 10,\d{3}$/);
	expect(result.error?.description).toMatch(/sort by created_at or updated_at/);
	expect(sandbox().server.requests.map((r) => r.body)).toEqual([{ order_field: 'name', limit: 100, offset: 0 }]);
});

test('Limit is unchanged: one page of the limit, no slicing', async () => {
	const result = await run(sandbox(), { resource: 'contact', operation: 'search', returnAll: false, limit: 5, filters: { list_uuid: lists()[0] } });
	expect(result.items.map((i) => i.json.uuid)).toEqual(expected('desc').slice(0, 5));
	expect(sandbox().server.requests.map((r) => r.body)).toEqual([{ filter: { list_uuid: lists()[0] }, limit: 5, offset: 0 }]);
});

test('the sandbox refuses a contact search page past the window (offset + limit over 10,000) and nothing else', async () => {
	const search = (body: object) =>
		fetch(`${sandbox().server.url}/leads/api/leads/search`, { method: 'POST', headers: { Authorization: `Bearer ${KEY}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
	const inside = await search({ limit: 100, offset: 9_900 });
	expect(inside.status).toBe(200);
	expect(((await inside.json()) as { data: unknown[] }).data).toHaveLength(100);
	const past = await search({ limit: 100, offset: 9_901 });
	expect(past.status).toBe(422);
	expect(((await past.json()) as { error: unknown }).error).toMatchObject({ reason: 'validation_error', data: { offset: [expect.stringMatching(/less than or equal to 10000/)] } });
	// Elsewhere (here GET companies) paging deep is fine: only contact search has the window.
	expect((await fetch(`${sandbox().server.url}/leads/api/companies?limit=100&offset=20000`, { headers: { Authorization: `Bearer ${KEY}` } })).status).toBe(200);
});

describe('more than 10,000 contacts on one date', () => {
	const crowded = useSandbox();

	beforeAll(() => {
		crowded().state.seedContacts(10_001, { created_at: TIE, updated_at: TIE });
	});

	test('cannot be split: a clear error after the first slice, never a page past the window nor the same slice again', async () => {
		const result = await run(crowded(), { resource: 'contact', operation: 'search', returnAll: true });
		expect(result.error?.message).toBe(`Contact search stops at 10,000 results (Grinfi's search window) and more than 10,000 contacts share the created_at ${TIE}`);
		const requests = crowded().server.requests;
		expectInsideWindow(requests);
		expect(requests.map((r) => r.body.offset)).toEqual(Array.from({ length: 100 }, (_, i) => i * 100));
	}, 180_000);
});
