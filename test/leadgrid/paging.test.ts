/**
 * Paging always ends and never returns a record twice (issue 11), seen through LeadGrid's
 * page/per_page lists with `meta.total` and no has_more.
 */
import { run, useSandbox } from './setup';

const sandbox = useSandbox();
const dossierIds = () => sandbox().state.dossiers.all().map((d: { id: string }) => d.id);
const queries = () => sandbox().server.requests.map((r) => `${r.method} ${r.path}?${r.rawQuery}`);

beforeAll(() => sandbox().state.seedDossiers(198)); // 2 seeded + 198 = 200
beforeEach(() => sandbox().server.reset());

test('200 dossiers of 200: Return All makes exactly 2 requests of 100 (meta.total ends it) and returns each dossier once', async () => {
	const result = await run(sandbox(), { resource: 'dossier', operation: 'getAll', returnAll: true });
	expect(result.error).toBeUndefined();
	expect(queries()).toEqual(['GET /dossiers?page=1&per_page=100', 'GET /dossiers?page=2&per_page=100']);
	expect(result.items.map((i) => i.json.id)).toEqual(dossierIds());
	expect(dossierIds()).toHaveLength(200);
});

test('an endpoint that ignores page: Return All fails on the repeated page, naming the endpoint, instead of returning 100 dossiers twice', async () => {
	sandbox().server.inject({ method: 'GET', path: '/dossiers', ignorePaging: true });
	const result = await run(sandbox(), { resource: 'dossier', operation: 'getAll', returnAll: true });
	expect(queries()).toEqual(['GET /dossiers?page=1&per_page=100', 'GET /dossiers?page=2&per_page=100']);
	expect(result.error?.message).toBe('LeadGrid returned the same page twice for GET /dossiers: page 2 repeats records it already sent');
	expect(result.error?.description).toMatch(/^GET \/dossiers ignored the paging parameters/);
	expect(result.items).toEqual([]);
});

test('an endpoint that ignores page: Limit 150 fails too instead of returning 100 dossiers plus 50 repeats', async () => {
	sandbox().server.inject({ method: 'GET', path: '/dossiers', ignorePaging: true });
	const result = await run(sandbox(), { resource: 'dossier', operation: 'getAll', returnAll: false, limit: 150 });
	expect(queries()).toEqual(['GET /dossiers?page=1&per_page=100', 'GET /dossiers?page=2&per_page=100']);
	expect(result.error?.message).toBe('LeadGrid returned the same page twice for GET /dossiers: page 2 repeats records it already sent');
	expect(result.items).toEqual([]);
});

test('Flow Get Stages (no paging documented): one request without page/per_page, Return All returns every stage', async () => {
	const flow = sandbox().state.flows.all()[0];
	const result = await run(sandbox(), { resource: 'flow', operation: 'getStages', flowId: { __rl: true, mode: 'id', value: flow.id }, returnAll: true });
	expect(result.error).toBeUndefined();
	expect(queries()).toEqual([`GET /flows/${flow.id}/stages?`]);
	expect(result.items.map((i) => i.json.name)).toEqual(['Lead', 'Discovery', 'Proposal']);
});
