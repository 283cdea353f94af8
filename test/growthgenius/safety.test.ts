/**
 * GrowthGenius sends the API key raw as the Authorization header: it never shows, even when
 * GrowthGenius echoes that header back. Creates (GrowthGenius never deduplicates) are not sent
 * twice; deletes are retried, and a retried delete that answers 404 was done.
 */
import { expectNoSecret } from '../harness/secrets';
import { KEY, rl, run, useSandbox } from './setup';

const QUOTED = 'gg_"raw"\\key';
const sandbox = useSandbox({ apiKeys: [KEY, QUOTED] });
const state = () => sandbox().state;
const lines = () => sandbox().server.requests.map((r) => `${r.method} ${r.path}`);

afterEach(() => sandbox().server.reset());

describe('the API key (the raw Authorization header) never shows, even when echoed', () => {
	test('in an error body, JSON-escaped (a key with quotes and a backslash)', async () => {
		sandbox().server.inject({ method: 'GET', path: '/integrations/v1/users', status: 403, body: { error: 'Authorization "{{authorization}}" may not list users' } });
		const result = await run(sandbox(), { resource: 'user', operation: 'getAll', returnAll: true }, {}, { apiKey: QUOTED });
		expect(sandbox().server.requests.map((r) => r.headers.authorization)).toEqual([QUOTED]);
		expect(result.error?.message).toBe('GrowthGenius answered 403: Authorization "***" may not list users');
		expectNoSecret(result, QUOTED);
	});

	test('in a success body, with the key pasted between spaces and line breaks', async () => {
		sandbox().server.inject({ method: 'GET', path: '/integrations/v1/users', status: 200, body: { users: [{ id: 1, token: '{{authorization}}', note: 'key={{key}}' }] } });
		const result = await run(sandbox(), { resource: 'user', operation: 'getAll', returnAll: true }, {}, { apiKey: `\n ${KEY} \n` });
		expect(result.error).toBeUndefined();
		expect(sandbox().server.requests.map((r) => r.headers.authorization)).toEqual([KEY]);
		expect(result.items.map((i) => i.json)).toEqual([{ id: 1, token: '***', note: 'key=***' }]);
		expectNoSecret(result, KEY);
	});
});

describe('retry classes', () => {
	test('Create (never deduplicated) that answered 502 after storing the contact is not sent again', async () => {
		const before = state().contacts.all().length;
		sandbox().server.inject({ method: 'POST', path: '/integrations/v1/contacts', status: 502, applied: true });
		const result = await run(sandbox(), { resource: 'contact', operation: 'create', firstName: 'Once', email: 'once@example.com', additionalFields: {} });
		expect(lines()).toEqual(['POST /integrations/v1/contacts']);
		expect(state().contacts.all()).toHaveLength(before + 1);
		expect(result.error?.message).toMatch(/^GrowthGenius may have applied "Create a contact" \(it answered 502: .+\); it was not sent again$/);
	});

	test('Delete that answered 503 after deleting is retried; its 404 counts as done', async () => {
		const created = state().createContact({ first_name: 'Gone' });
		sandbox().server.inject({ method: 'DELETE', path: `/integrations/v1/contacts/${created.id}`, status: 503, applied: true });
		const result = await run(sandbox(), { resource: 'contact', operation: 'delete', contactId: rl(created.id) });
		expect(result.error).toBeUndefined();
		expect(sandbox().server.requests.map((r) => `${r.method} ${r.status}`)).toEqual(['DELETE 503', 'DELETE 404']);
		expect(result.items.map((i) => i.json)).toEqual([{ id: created.id, deleted: true }]);
		expect(state().contacts.get(created.id)).toBeUndefined();
	});
});
