/**
 * Contact search cannot page past Grinfi's 10,000-result window. With "Stop With an Error" or "Return the
 * First 10,000" Return All stops there instead of looping (the default splits the search: split.test.ts).
 */
import { run, useSandbox } from '../setup';

const sandbox = useSandbox();
const state = () => sandbox().state;

beforeAll(() => {
	// 10 seeded + 10,000 = 10,010 contacts: more than the search window holds.
	state().seedContacts(10_000);
});

test('"Stop With an Error": Return All fails on the first page with a clear message when the filters match more than 10,000', async () => {
	const result = await run(sandbox(), { resource: 'contact', operation: 'search', returnAll: true, searchOptions: { beyondWindow: 'error' } });
	expect(result.error?.message).toBe("Contact search stops at 10,000 results (Grinfi's search window) and these filters match 10,010");
	expect(result.error?.description).toMatch(/^Narrow the filters .* "Return the First 10,000"\.$/);
	expect(sandbox().server.requests.map((r) => [r.path, r.body])).toEqual([['/leads/api/leads/search', { limit: 100, offset: 0 }]]);
});

test('a narrower filter under the window pages normally', async () => {
	const result = await run(sandbox(), { resource: 'contact', operation: 'search', returnAll: true, filters: { q: 'Test Contact 1000' } });
	expect(result.error).toBeUndefined();
	// "Test Contact 1000" .. "Test Contact 10009": 11 names contain the text.
	expect(result.items.map((i) => i.json.name)).toEqual(state().contacts.all().filter((c: any) => c.name.includes('Test Contact 1000')).reverse().map((c: any) => c.name));
	expect(sandbox().server.requests).toHaveLength(1);
});

test('"Return the First 10,000" pages up to the window and stops there, never asking past it', async () => {
	const result = await run(sandbox(), { resource: 'contact', operation: 'search', returnAll: true, searchOptions: { beyondWindow: 'first' } });
	expect(result.error).toBeUndefined();
	const requests = sandbox().server.requests;
	expect(requests).toHaveLength(100);
	expect(requests.map((r) => r.body.offset)).toEqual(Array.from({ length: 100 }, (_, i) => i * 100));
	expect(requests.every((r) => r.body.limit === 100 && (r as { status?: number }).status === 200)).toBe(true);
	expect(result.items).toHaveLength(10_000);
}, 120_000);
