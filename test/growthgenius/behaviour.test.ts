/**
 * Bad input is refused before anything is sent (the sandbox log stays empty), provider errors come
 * back with GrowthGenius's message and code, list searches fill the locators, and the sandbox keeps
 * the contract (no Bearer, user_id required).
 */
import { LoadOptionsContext } from 'n8n-core';

import { GrowthGeniusApi } from '../../credentials/GrowthGeniusApi.credentials';
import { listSearch } from '../../nodes/GrowthGenius/methods';
import { triggerSetup } from '../harness';
import { credentialsFor, GROWTHGENIUS, KEY, rl, run, useSandbox } from './setup';

const sandbox = useSandbox();
const state = () => sandbox().state;

async function expectRefused(parameters: object, message: RegExp, overrides: Record<string, string> = {}) {
	const result = await run(sandbox(), parameters, {}, overrides);
	expect(result.error?.message).toMatch(message);
	expect(result.items).toEqual([]);
	expect(sandbox().server.requests).toEqual([]);
	return result;
}

describe('bad input: clear error naming the field, no request', () => {
	test.each([
		['contact', '2026-03-02T00:00:00Z', '2026-03-01T00:00:00Z'],
		['message', '2026-03-01T12:00:01Z', '2026-03-01T12:00:00Z'],
	])('%s Get Many with From after To', async (resource, from, to) => {
		const result = await expectRefused(
			{ resource, operation: 'getAll', from, to, returnAll: true },
			new RegExp(`^From \\(${from.replace('Z', '.000Z')}\\) is after To \\(${to.replace('Z', '.000Z')}\\)`),
		);
		expect(result.error?.description).toMatch(/set From to the earlier date/);
		expect(result.error?.itemIndex).toBe(0);
	});

	test('Get Many without From: n8n refuses to start (required parameter)', async () => {
		await expect(run(sandbox(), { resource: 'contact', operation: 'getAll', from: '', to: '', returnAll: true })).rejects.toThrow(/"From"/);
		expect(sandbox().server.requests).toEqual([]);
	});

	test('Get Many with From empty from an expression: refused by the node', async () => {
		await expectRefused({ resource: 'contact', operation: 'getAll', from: '={{ "" }}', to: '', returnAll: true }, /^From is required/);
	});

	test('Get Many with a From that is not a date', async () => {
		await expectRefused({ resource: 'message', operation: 'getAll', from: 'yesterday-ish', to: '', returnAll: true }, /^From is not a date: "yesterday-ish"/);
	});

	// An ID typed into the field is flagged by n8n's own parameter check before the run starts.
	test.each([
		['contact', { contactId: rl('abc123') }, 'Contact ID must be a number'],
		['message', { messageId: rl('12-x') }, 'Message ID must be a number'],
	])('%s Get with a literal non-numeric ID: the workflow does not start', async (resource, ids, message) => {
		await expect(run(sandbox(), { resource, operation: 'get', ...ids })).rejects.toThrow(message);
		expect(sandbox().server.requests).toEqual([]);
	});

	// An ID from an expression is only known per item: fillPathParams refuses it before sending.
	const fromItem = { __rl: true, mode: 'id', value: '={{ $json.id }}' };
	test.each(['get', 'update', 'delete'])('contact %s with a non-numeric contact ID from the item', async (operation) => {
		const result = await run(sandbox(), { resource: 'contact', operation, contactId: fromItem, updateFields: { title: 'CEO' } }, { items: [{ json: { id: 'abc123' } }] });
		expect(result.error?.message).toMatch(/^Contact must be a number \(GrowthGenius contact ID\), got "abc123"/);
		expect(sandbox().server.requests).toEqual([]);
	});

	test.each(['get', 'update', 'delete'])('message %s with a non-numeric message ID from the item', async (operation) => {
		const result = await run(sandbox(), { resource: 'message', operation, messageId: fromItem, updateFields: { rendered_copy: 'x' } }, { items: [{ json: { id: '12-x' } }] });
		expect(result.error?.message).toMatch(/^Message must be a number \(GrowthGenius message ID\), got "12-x"/);
		expect(sandbox().server.requests).toEqual([]);
	});

	test('message create with a non-numeric contact from the item', async () => {
		const result = await run(
			sandbox(),
			{ resource: 'message', operation: 'create', contactId: fromItem, messageType: 'email', renderedCopy: 'Hi', additionalFields: {} },
			{ items: [{ json: { id: 'steve' } }] },
		);
		expect(result.error?.message).toMatch(/^Contact must be a number, got "steve"/);
		expect(sandbox().server.requests).toEqual([]);
	});

	test('message create without a message type', async () => {
		await expectRefused({ resource: 'message', operation: 'create', contactId: rl(1102755), messageType: ' ', additionalFields: {} }, /^Message Type cannot be empty/);
	});

	test('contact update with no Update Fields', async () => {
		await expectRefused({ resource: 'contact', operation: 'update', contactId: rl(1102755), updateFields: {} }, /^Update Fields needs at least one field/);
	});

	test('contact create with no field at all', async () => {
		await expectRefused({ resource: 'contact', operation: 'create', firstName: '', lastName: '', email: '', additionalFields: {} }, /^Fields needs at least one value/);
	});

	test.each([
		['contact', { operation: 'get', contactId: rl(1102755) }],
		['contact', { operation: 'getAll', from: '2026-01-01T00:00:00Z', to: '2026-01-02T00:00:00Z', returnAll: true }],
		['message', { operation: 'create', contactId: rl(1102755), messageType: 'email', additionalFields: {} }],
	])('%s %o without a User ID in the credential', async (resource, parameters) => {
		const result = await expectRefused({ resource, ...parameters }, /^User ID is missing in the GrowthGenius credential/, { userId: '' });
		expect(result.error?.description).toMatch(/User.*Get Many/);
	});

	test('a non-numeric User ID in the credential', async () => {
		await expectRefused({ resource: 'contact', operation: 'get', contactId: rl(1102755) }, /^User ID in the GrowthGenius credential must be a number, got "me"/, { userId: 'me' });
	});

	test('an API key pasted with "Bearer "', async () => {
		const result = await expectRefused({ resource: 'user', operation: 'getAll', returnAll: true }, /starts with "Bearer"/, { apiKey: `Bearer ${KEY}` });
		expect(result.error?.message).not.toContain(KEY);
	});
});

describe('provider errors', () => {
	test('an unknown contact: NodeApiError naming the missing contact and what to try, GrowthGenius’s answer in the description, 404', async () => {
		const result = await run(sandbox(), { resource: 'contact', operation: 'get', contactId: rl(999999999) });
		expect(result.error).toMatchObject({ message: 'No GrowthGenius contact with ID "999999999"; list or search the contacts first to get a valid ID', httpCode: '404' });
		expect(result.error?.description).toBe('GrowthGenius answered 404: Contact not found. No record with that ID (it may have been deleted).');
		expect(sandbox().server.requests).toHaveLength(1);
	});

	test('a wrong API key: 401 with a hint, the key not in the message', async () => {
		const result = await run(sandbox(), { resource: 'user', operation: 'getAll', returnAll: true }, {}, { apiKey: 'gg_wrong_key' });
		expect(result.error).toMatchObject({ message: 'GrowthGenius answered 401: Invalid API key.', httpCode: '401' });
		expect(result.error?.description).toMatch(/without "Bearer"/);
		expect(JSON.stringify(result.error)).not.toContain('gg_wrong_key');
	});

	test('a User ID GrowthGenius does not know: 403 with its message and a hint', async () => {
		const result = await run(sandbox(), { resource: 'contact', operation: 'get', contactId: rl(1102755) }, {}, { userId: '4242' });
		expect(result.error).toMatchObject({ message: 'GrowthGenius answered 403: User 4242 has not enabled integrations.', httpCode: '403' });
		expect(result.error?.description).toMatch(/User ID in the GrowthGenius credential/);
	});

	test('a GET answered 503 is retried and succeeds once', async () => {
		sandbox().server.inject({ method: 'GET', path: '/integrations/v1/contacts/1102755', status: 503 });
		const result = await run(sandbox(), { resource: 'contact', operation: 'get', contactId: rl(1102755) });
		expect(result.error).toBeUndefined();
		expect(sandbox().server.requests.map((r) => r.status)).toEqual([503, 200]);
		expect(result.items).toHaveLength(1);
	});

	test('Continue On Fail: a bad item gives an error item, the good one its record', async () => {
		const result = await run(
			sandbox(),
			{ resource: 'contact', operation: 'get', contactId: { __rl: true, mode: 'id', value: '={{ $json.id }}' } },
			{ items: [{ json: { id: 'nope' } }, { json: { id: '1102755' } }], continueOnFail: true },
		);
		expect(result.items).toHaveLength(2);
		expect(String(result.items[0].json.error)).toMatch(/^Contact must be a number/);
		expect(result.items[1].json.id).toBe(1102755);
		expect(sandbox().server.requests).toHaveLength(1);
	});
});

describe('list searches (n8n-core LoadOptionsContext)', () => {
	function context(overrides: Record<string, string> = {}) {
		const setup = triggerSetup({ type: GROWTHGENIUS, parameters: { resource: 'contact', operation: 'get' }, credentials: credentialsFor(sandbox(), overrides) });
		return new LoadOptionsContext(setup.workflow, setup.node, setup.additionalData, 'parameters.contactId');
	}

	test('contacts: recent ones, newest first, narrowed by the filter, with user_id and a 90-day window', async () => {
		const made = state().createContact({ first_name: 'Zed', last_name: 'Searchable', full_name: 'Zed Searchable', email: 'zed@example.com', company_name: 'Zcorp' });
		const all = await listSearch.searchContacts.call(context(), undefined);
		expect(all.results[0]).toEqual({ name: 'Zed Searchable (zed@example.com, Zcorp)', value: String(made.id) });
		const narrowed = await listSearch.searchContacts.call(context(), 'zcorp');
		expect(narrowed.results).toEqual([{ name: 'Zed Searchable (zed@example.com, Zcorp)', value: String(made.id) }]);
		const request = sandbox().server.requests[0];
		expect(request.headers.authorization).toBe(KEY);
		const query = Object.fromEntries(request.query);
		expect(query.user_id).toBe('1');
		expect(Date.parse(query.to) - Date.parse(query.from)).toBe(90 * 24 * 3600 * 1000);
	});

	test('messages: named by id, contact and subject or copy', async () => {
		const message = state().createMessage({ contact_id: 1102755, message_type: 'email', rendered_subject: 'Searchable subject' });
		const found = await listSearch.searchMessages.call(context(), 'searchable subject');
		expect(found.results).toEqual([{ name: `#${message.id} to contact 1102755: Searchable subject`, value: String(message.id) }]);
	});

	test('without a User ID: a clear error and no request', async () => {
		await expect(listSearch.searchContacts.call(context({ userId: '' }))).rejects.toThrow(/User ID is missing in the GrowthGenius credential/);
		expect(sandbox().server.requests).toEqual([]);
	});
});

describe('credential', () => {
	test('the test request reaches the User API with the key alone', async () => {
		const credential = new GrowthGeniusApi();
		expect(credential.test.request).toMatchObject({ url: '/integrations/v1/users' });
		expect(credential.authenticate.properties.headers).toEqual({ Authorization: '={{$credentials.apiKey.trim()}}' });
		const response = await fetch(`${sandbox().server.url}${credential.test.request.url}`, { headers: { Authorization: KEY } });
		expect(response.status).toBe(200);
	});
});

describe('sandbox contract', () => {
	const get = (path: string, authorization: string) => fetch(`${sandbox().server.url}${path}`, { headers: { Authorization: authorization } });

	test('a "Bearer …" header is refused with 401', async () => {
		const response = await get('/integrations/v1/users', `Bearer ${KEY}`);
		expect(response.status).toBe(401);
		expect(await response.json()).toEqual({ error: 'Invalid API key. Send the key alone in the Authorization header, without "Bearer".', status: 401 });
	});

	test.each(['/integrations/v1/contacts/1102755', '/integrations/v1/messages/393642', '/integrations/v1/contacts?from=2026-01-01T00:00:00Z&to=2027-01-01T00:00:00Z'])(
		'%s without user_id is refused with 422',
		async (path) => {
			const response = await get(path, KEY);
			expect(response.status).toBe(422);
			expect(await response.json()).toEqual({ error: 'user_id is required.', status: 422 });
		},
	);

	test('a body that is not wrapped is refused with 422', async () => {
		const response = await fetch(`${sandbox().server.url}/integrations/v1/contacts?user_id=1`, {
			method: 'POST',
			headers: { Authorization: KEY, 'Content-Type': 'application/json' },
			body: JSON.stringify({ first_name: 'Flat' }),
		});
		expect(response.status).toBe(422);
		expect(await response.json()).toEqual({ error: 'param is missing or the value is empty: contact', status: 422 });
	});
});
