/**
 * Every GrowthGenius endpoint (11) through n8n's engine against the sandbox, over real HTTP: the
 * exact request the server received (header without "Bearer", user_id except on Users, method,
 * path, query, wrapped body) and the items the node returned.
 */
import { KEY, onlyRequest, rl, run, useSandbox, USER_ID } from './setup';
import type { LoggedRequest } from './setup';

const sandbox = useSandbox();
const state = () => sandbox().state;
const json = (result: { items: Array<{ json: unknown }> }) => result.items.map((i) => i.json);

function expectAuth(request: LoggedRequest) {
	expect(request.headers.authorization).toBe(KEY);
	expect(request.headers.authorization).not.toMatch(/bearer/i);
}

describe('User', () => {
	test('Get Many: GET /users without user_id, one item per user', async () => {
		const result = await run(sandbox(), { resource: 'user', operation: 'getAll', returnAll: true });
		expect(result.error).toBeUndefined();
		const request = onlyRequest(sandbox());
		expectAuth(request);
		expect([request.method, request.path, request.rawQuery]).toEqual(['GET', '/integrations/v1/users', '']);
		expect(json(result)).toEqual(state().users.all());
		expect(json(result)[0]).toEqual({
			id: 1,
			team_id: 2,
			created_at: '2019-03-21T16:11:00.024-04:00',
			email: 'dev@growthgenius.com',
			email_bcc: 'tim@cnn.com',
			first_name: 'Okay',
			full_name: 'Okay Senior',
			last_name: 'Senior',
			reporting_email: 'reporting-dev@growthgenius.com',
			roles: ['superadmin', 'admin'],
		});
	});

	test('Get Many with Limit 1 applies the limit locally (the API has no pagination)', async () => {
		const result = await run(sandbox(), { resource: 'user', operation: 'getAll', returnAll: false, limit: 1 });
		const request = onlyRequest(sandbox());
		expect(request.rawQuery).toBe('');
		expect(json(result)).toEqual([state().users.all()[0]]);
	});

	test('works without a User ID in the credential', async () => {
		const result = await run(sandbox(), { resource: 'user', operation: 'getAll', returnAll: true }, {}, { userId: '' });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(2);
	});
});

describe('Contact', () => {
	test('Create: POST with the fields wrapped in "contact", returns the new contact', async () => {
		const result = await run(sandbox(), {
			resource: 'contact',
			operation: 'create',
			firstName: 'Tim',
			lastName: 'Cook',
			email: 'tcook@apple.com',
			additionalFields: { company_name: 'Apple Inc.', title: 'CEO', custom3: 'vip', employee_count: 164000, linkedin_url: 'linkedin.com/in/tim-cook', website: '' },
		});
		expect(result.error).toBeUndefined();
		const request = onlyRequest(sandbox());
		expectAuth(request);
		expect([request.method, request.path, request.query]).toEqual(['POST', '/integrations/v1/contacts', [['user_id', USER_ID]]]);
		expect(request.contentType).toBe('application/json');
		expect(request.body).toEqual({
			contact: { first_name: 'Tim', last_name: 'Cook', email: 'tcook@apple.com', company_name: 'Apple Inc.', title: 'CEO', custom3: 'vip', employee_count: 164000, linkedin_url: 'linkedin.com/in/tim-cook' },
		});
		const created = state().contacts.get(result.items[0].json.id as number);
		expect(created).toMatchObject({ first_name: 'Tim', last_name: 'Cook', email: 'tcook@apple.com', custom3: 'vip', user_id: 1, website: null });
		expect(json(result)).toEqual([created]);
	});

	test('Create with every field of the reference a client can set (the rest are read-only, see the README)', async () => {
		const added = {
			bad_data_reason: 'bounced',
			email_status: 'verified',
			label_names: 'vip',
			linkedin_username: 'tim-cook',
			lists: 'Leaders',
			name: 'Tim Cook',
			unstructured_data: 'met at WWDC',
			upload_identifier: 'import-42',
		};
		const result = await run(sandbox(), { resource: 'contact', operation: 'create', firstName: 'Tim', additionalFields: added });
		expect(result.error).toBeUndefined();
		expect(onlyRequest(sandbox()).body).toEqual({ contact: { first_name: 'Tim', ...added } });
		expect(state().contacts.get(result.items[0].json.id as number)).toMatchObject(added);
	});

	test('Create twice makes two contacts (GrowthGenius never deduplicates)', async () => {
		const params = { resource: 'contact', operation: 'create', firstName: 'Dup', email: 'dup@example.com', additionalFields: {} };
		const first = await run(sandbox(), params);
		const second = await run(sandbox(), params);
		expect(first.items[0].json.id).not.toBe(second.items[0].json.id);
	});

	test('Get: GET /contacts/{id}?user_id=…', async () => {
		const contact = state().contacts.get(1102755);
		const result = await run(sandbox(), { resource: 'contact', operation: 'get', contactId: rl(1102755) });
		const request = onlyRequest(sandbox());
		expectAuth(request);
		expect([request.method, request.path, request.rawQuery]).toEqual(['GET', '/integrations/v1/contacts/1102755', `user_id=${USER_ID}`]);
		expect(json(result)).toEqual([contact]);
		expect(json(result)[0]).toMatchObject({ id: 1102755, email: 'sjobs@apple.com', company_name: 'Apple Inc.', contact_account: { id: 485499, status: 'cold' } });
	});

	test('Update: PATCH with the changed fields wrapped; an added blank field is cleared', async () => {
		const created = state().createContact({ first_name: 'Ann', title: 'CTO', city: 'Leeds' });
		const result = await run(sandbox(), {
			resource: 'contact',
			operation: 'update',
			contactId: rl(created.id),
			updateFields: { title: 'CEO', status: 'Ongoing', custom9: 'z', city: '' },
		});
		expect(result.error).toBeUndefined();
		const request = onlyRequest(sandbox());
		expectAuth(request);
		expect([request.method, request.path, request.query]).toEqual(['PATCH', `/integrations/v1/contacts/${created.id}`, [['user_id', USER_ID]]]);
		expect(request.body).toEqual({ contact: { title: 'CEO', status: 'Ongoing', custom9: 'z', city: null } });
		expect(json(result)).toEqual([state().contacts.get(created.id)]);
		expect(json(result)[0]).toMatchObject({ id: created.id, first_name: 'Ann', title: 'CEO', status: 'Ongoing', custom9: 'z', city: null });
	});

	test('Delete: DELETE /contacts/{id}?user_id=…', async () => {
		const created = state().createContact({ first_name: 'Gone' });
		const result = await run(sandbox(), { resource: 'contact', operation: 'delete', contactId: rl(created.id) });
		const request = onlyRequest(sandbox());
		expectAuth(request);
		expect([request.method, request.path, request.rawQuery]).toEqual(['DELETE', `/integrations/v1/contacts/${created.id}`, `user_id=${USER_ID}`]);
		expect(json(result)).toEqual([{ id: created.id, deleted: true }]);
		expect(state().contacts.get(created.id)).toBeUndefined();
	});

	test('Get Many: GET /contacts with user_id, from and to (UTC); one item per contact', async () => {
		state().setNow('2031-05-05T10:00:00Z');
		const inside = state().createContact({ first_name: 'Inside' });
		state().setNow('2031-05-07T10:00:00Z');
		state().createContact({ first_name: 'After' });
		state().setNow(null);
		const result = await run(sandbox(), {
			resource: 'contact',
			operation: 'getAll',
			from: '2031-05-05T00:00:00Z',
			to: '2031-05-06T06:00:00+02:00',
			returnAll: true,
		});
		expect(result.error).toBeUndefined();
		const request = onlyRequest(sandbox());
		expectAuth(request);
		expect([request.method, request.path]).toEqual(['GET', '/integrations/v1/contacts']);
		expect(request.query).toEqual([
			['user_id', USER_ID],
			['from', '2031-05-05T00:00:00.000Z'],
			['to', '2031-05-06T04:00:00.000Z'],
		]);
		expect(json(result)).toEqual([inside]);
		expect(inside.updated_at).toBe('2031-05-05T05:00:00.000-05:00');
	});

	test('Get Many with Limit: the whole window is fetched once and cut locally', async () => {
		state().setNow('2032-01-01T10:00:00Z');
		const made = [1, 2, 3].map((n) => state().createContact({ first_name: `L${n}` }));
		state().setNow(null);
		const result = await run(sandbox(), { resource: 'contact', operation: 'getAll', from: '2032-01-01T00:00:00Z', to: '2032-01-02T00:00:00Z', returnAll: false, limit: 2 });
		expect(sandbox().server.requests).toHaveLength(1);
		expect(json(result)).toEqual(made.slice(0, 2));
	});

	test('Get Many: From without a zone is read in the workflow time zone, To defaults to now', async () => {
		const before = Date.now();
		const result = await run(sandbox(), { resource: 'contact', operation: 'getAll', from: '2026-05-05T00:00:00', to: '', returnAll: true });
		expect(result.error).toBeUndefined();
		const query = Object.fromEntries(onlyRequest(sandbox()).query);
		// The harness workflow has no time zone setting: n8n's default, America/New_York (UTC-4 in May).
		expect(query.from).toBe('2026-05-05T04:00:00.000Z');
		expect(Date.parse(query.to)).toBeGreaterThanOrEqual(before - 1000);
		expect(Date.parse(query.to)).toBeLessThanOrEqual(Date.now());
	});

	test('Get Many: From and To from expressions (luxon DateTime values)', async () => {
		const result = await run(sandbox(), {
			resource: 'contact',
			operation: 'getAll',
			from: '={{ DateTime.fromISO("2026-06-01T10:00:00", { zone: "Europe/Amsterdam" }) }}',
			to: '={{ DateTime.fromISO("2026-06-02T10:00:00Z") }}',
			returnAll: true,
		});
		expect(result.error).toBeUndefined();
		const query = Object.fromEntries(onlyRequest(sandbox()).query);
		expect([query.from, query.to]).toEqual(['2026-06-01T08:00:00.000Z', '2026-06-02T10:00:00.000Z']);
	});
});

describe('Message', () => {
	test('Create: POST with the fields wrapped in "message", numbers as numbers', async () => {
		const result = await run(sandbox(), {
			resource: 'message',
			operation: 'create',
			contactId: rl(1102755),
			messageType: 'sales_force_message',
			renderedCopy: 'Hey Steve,\n\nYou hate prospecting. I love it.',
			additionalFields: { rendered_subject: 'Quick question', sent_at: '2019-08-09T07:10:41.275-04:00', team_id: '2', user_id: '1' },
		});
		expect(result.error).toBeUndefined();
		const request = onlyRequest(sandbox());
		expectAuth(request);
		expect([request.method, request.path, request.query]).toEqual(['POST', '/integrations/v1/messages', [['user_id', USER_ID]]]);
		expect(request.body).toEqual({
			message: {
				contact_id: 1102755,
				message_type: 'sales_force_message',
				rendered_copy: 'Hey Steve,\n\nYou hate prospecting. I love it.',
				rendered_subject: 'Quick question',
				sent_at: '2019-08-09T11:10:41.275Z',
				team_id: 2,
				user_id: 1,
			},
		});
		const created = state().messages.get(result.items[0].json.id as number);
		expect(created).toMatchObject({ contact_id: 1102755, message_type: 'sales_force_message', rendered_subject: 'Quick question', team_id: 2, user_id: 1 });
		expect(json(result)).toEqual([created]);
	});

	test('Get: GET /messages/{id}?user_id=…', async () => {
		const message = state().messages.get(393642);
		const result = await run(sandbox(), { resource: 'message', operation: 'get', messageId: rl(393642) });
		const request = onlyRequest(sandbox());
		expectAuth(request);
		expect([request.method, request.path, request.rawQuery]).toEqual(['GET', '/integrations/v1/messages/393642', `user_id=${USER_ID}`]);
		expect(json(result)).toEqual([message]);
		expect(json(result)[0]).toMatchObject({ id: 393642, contact_id: 1102755, message_type: 'sales_force_message', rendered_subject: null });
	});

	test('Update: PATCH with the fields wrapped; contact from a locator goes out as a number', async () => {
		const other = state().createContact({ first_name: 'Other' });
		const message = state().createMessage({ contact_id: 1102755, message_type: 'email', rendered_copy: 'v1' });
		const result = await run(sandbox(), {
			resource: 'message',
			operation: 'update',
			messageId: rl(message.id),
			updateFields: { contact_id: rl(other.id), rendered_copy: 'v2', rendered_subject: '' },
		});
		expect(result.error).toBeUndefined();
		const request = onlyRequest(sandbox());
		expectAuth(request);
		expect([request.method, request.path, request.query]).toEqual(['PATCH', `/integrations/v1/messages/${message.id}`, [['user_id', USER_ID]]]);
		expect(request.body).toEqual({ message: { contact_id: other.id, rendered_copy: 'v2', rendered_subject: null } });
		expect(json(result)).toEqual([state().messages.get(message.id)]);
		expect(json(result)[0]).toMatchObject({ contact_id: other.id, rendered_copy: 'v2', message_type: 'email' });
	});

	test('Delete: DELETE /messages/{id}?user_id=…', async () => {
		const message = state().createMessage({ contact_id: 1102755, message_type: 'email' });
		const result = await run(sandbox(), { resource: 'message', operation: 'delete', messageId: rl(message.id) });
		const request = onlyRequest(sandbox());
		expectAuth(request);
		expect([request.method, request.path, request.rawQuery]).toEqual(['DELETE', `/integrations/v1/messages/${message.id}`, `user_id=${USER_ID}`]);
		expect(json(result)).toEqual([{ id: message.id, deleted: true }]);
		expect(state().messages.get(message.id)).toBeUndefined();
	});

	test('Get Many: GET /messages with user_id, from and to; one item per message', async () => {
		state().setNow('2033-03-03T12:00:00Z');
		const a = state().createMessage({ contact_id: 1102755, message_type: 'email', rendered_copy: 'a' });
		const b = state().createMessage({ contact_id: 1102755, message_type: 'email', rendered_copy: 'b' });
		state().setNow(null);
		const result = await run(sandbox(), { resource: 'message', operation: 'getAll', from: '2033-03-03T00:00:00Z', to: '2033-03-04T00:00:00Z', returnAll: true });
		expect(result.error).toBeUndefined();
		const request = onlyRequest(sandbox());
		expectAuth(request);
		expect([request.method, request.path]).toEqual(['GET', '/integrations/v1/messages']);
		expect(request.query).toEqual([
			['user_id', USER_ID],
			['from', '2033-03-03T00:00:00.000Z'],
			['to', '2033-03-04T00:00:00.000Z'],
		]);
		expect(json(result)).toEqual([a, b]);
	});
});
