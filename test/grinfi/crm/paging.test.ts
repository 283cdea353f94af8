/**
 * Paging always ends and never returns a record twice (issue 11): an endpoint that ignores offset
 * fails with an error naming it, the total caps the pages, lists without documented paging are one
 * request, and the custom-field lookup of Create or Update reads every page.
 */
import { run, useSandbox } from '../setup';
import { expectRequest, itemsOf } from './helpers';

const sandbox = useSandbox();
const state = () => sandbox().state;
const rl = (value: string) => ({ __rl: true, mode: 'id', value });
const queries = () => sandbox().server.requests.map((r) => `${r.method} ${r.path}${r.rawQuery ? `?${r.rawQuery}` : ''}`);

beforeEach(() => state().reset());

/** Adds lists until the team has exactly `total`, returned by GET /leads/api/lists oldest first. */
function listsUpTo(total: number): string[] {
	const db = state().db;
	for (let i = db.lists.size + 1; i <= total; i++) {
		const at = new Date(Date.UTC(2030, 0, 1, 0, 0, i)).toISOString();
		db.lists.insert({ uuid: `11111111-0000-4000-8000-${String(i).padStart(12, '0')}`, team_id: 134, name: `Paging list ${i}`, created_at: at, updated_at: at });
	}
	return db.lists.all().map((l: { uuid: string }) => l.uuid);
}

describe('the total ends Return All', () => {
	test('200 lists of 200, answered without has_more: exactly 2 requests of 100, every list once', async () => {
		const all = listsUpTo(200);
		const result = await run(sandbox(), { resource: 'list', operation: 'getAll', returnAll: true });
		expect(result.error).toBeUndefined();
		expect(queries()).toEqual(['GET /leads/api/lists?limit=100&offset=0', 'GET /leads/api/lists?limit=100&offset=100']);
		// GET /leads/api/lists has no has_more (OpenAPI schema): only `total` can stop the pager after page 2.
		expect(sandbox().server.requests.every((r) => r.status === 200)).toBe(true);
		expect(result.items.map((i) => i.json.uuid)).toEqual(all);
	});
});

describe('an endpoint that ignores offset', () => {
	test('Limit 150 fails on the repeated page, naming the endpoint, instead of returning 100 records plus 50 repeats', async () => {
		listsUpTo(200);
		sandbox().server.inject({ method: 'GET', path: '/leads/api/lists', ignorePaging: true });
		const result = await run(sandbox(), { resource: 'list', operation: 'getAll', returnAll: false, limit: 150 });
		expect(queries()).toEqual(['GET /leads/api/lists?limit=100&offset=0', 'GET /leads/api/lists?limit=100&offset=100']);
		expect(result.error?.message).toBe('Grinfi returned the same page twice for GET /leads/api/lists: page 2 repeats records it already sent');
		expect(result.error?.description).toMatch(/^GET \/leads\/api\/lists ignored the paging parameters/);
		expect(result.items).toEqual([]);
	});

	test('Return All over a body-paged list that always says has_more stops after 2 requests instead of looping forever', async () => {
		for (let i = 1; i <= 150; i++) state().companies.insert(state().model.makeCompany({ name: `Paging Co ${i}`, domain: `paging-${i}.example` }));
		sandbox().server.inject({ method: 'POST', path: '/leads/api/companies/list', ignorePaging: true });
		const result = await run(sandbox(), { resource: 'company', operation: 'search', returnAll: true });
		expect(sandbox().server.requests.map((r) => [r.method, r.path, r.body])).toEqual([
			['POST', '/leads/api/companies/list', { limit: 100, offset: 0 }],
			['POST', '/leads/api/companies/list', { limit: 100, offset: 100 }],
		]);
		expect(result.error?.message).toBe('Grinfi returned the same page twice for POST /leads/api/companies/list: page 2 repeats records it already sent');
		expect(result.items).toEqual([]);
	}, 30_000);

	test('with Continue On Fail the item carries the error instead of records', async () => {
		listsUpTo(200);
		sandbox().server.inject({ method: 'GET', path: '/leads/api/lists', ignorePaging: true });
		const result = await run(sandbox(), { resource: 'list', operation: 'getAll', returnAll: true }, { continueOnFail: true });
		expect(queries()).toEqual(['GET /leads/api/lists?limit=100&offset=0', 'GET /leads/api/lists?limit=100&offset=100']);
		expect(result.error).toBeUndefined();
		expect(itemsOf(result)).toEqual([{ error: 'Grinfi returned the same page twice for GET /leads/api/lists: page 2 repeats records it already sent' }]);
	});
});

describe('lists documented without paging are one request', () => {
	beforeEach(() => {
		for (let i = 1; i <= 147; i++) state().db.tags.insert({ uuid: `22222222-0000-4000-8000-${String(i).padStart(12, '0')}`, team_id: 134, name: `Tag ${i}`, color: null, created_at: `2031-01-01T00:00:00.${String(i).padStart(3, '0')}Z`, updated_at: '2031-01-01T00:00:00Z' });
	});

	test('Tag Get Many, Return All: GET /leads/api/tags without limit/offset returns all 150 tags', async () => {
		const result = await run(sandbox(), { resource: 'tag', operation: 'getAll', returnAll: true });
		expect(result.error).toBeUndefined();
		expect(sandbox().server.requests).toHaveLength(1);
		expectRequest(sandbox().server.requests[0], { method: 'GET', path: '/leads/api/tags', query: [] });
		expect(itemsOf(result)).toEqual(JSON.parse(JSON.stringify(state().tags.all())));
		expect(result.items).toHaveLength(150);
	});

	test('Tag Get Many, Limit 120: one request without limit/offset, the first 120 tags of the answer', async () => {
		const result = await run(sandbox(), { resource: 'tag', operation: 'getAll', returnAll: false, limit: 120 });
		expect(result.error).toBeUndefined();
		expect(queries()).toEqual(['GET /leads/api/tags']);
		expect(result.items.map((i) => i.json.uuid)).toEqual(state().tags.all().slice(0, 120).map((t: { uuid: string }) => t.uuid));
	});

	test('an unpaged list answered short of its total fails, naming the endpoint, instead of returning part of it', async () => {
		const first = JSON.parse(JSON.stringify(state().tags.all().slice(0, 20)));
		sandbox().server.inject({ method: 'GET', path: '/leads/api/tags', status: 200, body: { data: first, limit: 20, offset: 0, total: 150, has_more: true } });
		const result = await run(sandbox(), { resource: 'tag', operation: 'getAll', returnAll: true });
		expect(queries()).toEqual(['GET /leads/api/tags']);
		expect(result.error?.message).toBe('Grinfi returned 20 of 150 records for GET /leads/api/tags, which its reference documents without paging');
		expect(result.items).toEqual([]);
	});

	test('Pipeline Stage Get Many, Limit 2: one request with only the filter', async () => {
		const result = await run(sandbox(), { resource: 'pipelineStage', operation: 'getAll', returnAll: false, limit: 2, stageObject: 'lead' });
		expect(result.error).toBeUndefined();
		expect(sandbox().server.requests.map((r) => [r.path, r.query])).toEqual([['/leads/api/pipeline-stages', [['filter', '{"object":"lead"}']]]]);
		expect(result.items.map((i) => i.json.name)).toEqual(['New', 'Approaching']);
	});
});

describe('Create or Update reads every page of the custom fields', () => {
	test('a team with 100 company fields and 50 contact fields sets the 150th by name', async () => {
		const db = state().db;
		db.customFields.clear();
		const field = (i: number, object: 'lead' | 'company', name: string) =>
			db.customFields.insert({ uuid: `33333333-0000-4000-8000-${String(i).padStart(12, '0')}`, team_id: 134, user_id: 20, name, object, order: i });
		for (let i = 1; i <= 100; i++) field(i, 'company', `company_field_${i}`);
		for (let i = 1; i <= 50; i++) field(100 + i, 'lead', `contact_field_${i}`);
		const list = db.lists.all()[0].uuid;
		const result = await run(sandbox(), {
			resource: 'contact',
			operation: 'upsert',
			listId: rl(list),
			leadLinkedinId: 'https://www.linkedin.com/in/paging-person-150',
			updateIfExists: true,
			moveToList: false,
			leadFields: { first_name: 'Paging' },
			customFields: { field: [{ name: 'contact_field_50', value: 'the 150th field' }] },
		});
		expect(result.error).toBeUndefined();
		expect(queries()).toEqual([
			'GET /leads/api/custom-fields?limit=100&offset=0',
			'GET /leads/api/custom-fields?limit=100&offset=100',
			'POST /leads/api/leads/upsert',
		]);
		expectRequest(sandbox().server.requests[2], {
			method: 'POST',
			path: '/leads/api/leads/upsert',
			body: {
				list_uuid: list,
				lead: { linkedin_id: 'https://www.linkedin.com/in/paging-person-150', first_name: 'Paging' },
				update_if_exists: true,
				move_to_list: false,
				custom_fields: { contact_field_50: 'the 150th field' },
			},
		});
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toMatchObject({ first_name: 'Paging', linkedin: 'paging-person-150', custom_fields: { contact_field_50: 'the 150th field' } });
	});
});
