/** Sender profiles, AI agents, AI templates, mailboxes and LinkedIn browsers against the Grinfi sandbox. */
import { useSandbox } from '../setup';
import { api, call, expectRequest, records, rl } from './helpers';

const sandbox = useSandbox();
const sb = () => sandbox();
const get = async (path: string) => (await api(sb(), 'GET', path)).body;
const senders = () => records(sb(), '/flows/api/sender-profiles?limit=100');
const contact = async () => (await records(sb(), '/leads/api/leads/search', { limit: 100 }))[0];

async function newSender(first = 'Sam') {
	const { status, body } = await api(sb(), 'POST', '/flows/api/sender-profiles', { first_name: first, last_name: 'Sender', assignee_user_id: 20 });
	expect(status).toBe(201);
	return body;
}

describe('Sender Profile', () => {
	test('Get Many with filter[q] and filter[status]', async () => {
		const sender = (await senders())[0];
		const { json, requests } = await call(sb(), { resource: 'senderProfile', operation: 'getAll', limit: 10, filters: { q: sender.first_name, status: 'enabled' } });
		const request = expectRequest(requests, 'GET', '/flows/api/sender-profiles', [
			['filter[q]', sender.first_name],
			['filter[status]', 'enabled'],
			['limit', '10'],
			['offset', '0'],
		]);
		expect(json).toEqual(await records(sb(), `/flows/api/sender-profiles?${request.rawQuery}`));
	});

	test('Create needs first name, last name and assignee user ID', async () => {
		const { json, requests, error } = await call(sb(), {
			resource: 'senderProfile',
			operation: 'create',
			firstName: 'Anna',
			lastName: 'Berg',
			assigneeUserId: 20,
			additionalFields: { label: 'EMEA', linkedin_schedule: '{"timezone": "Europe/Berlin", "use_lead_timezone": false, "timeblocks": [{"dow": 1, "min": 540, "max": 1080}]}' },
		});
		expect(error).toBeUndefined();
		expectRequest(requests, 'POST', '/flows/api/sender-profiles', [], {
			first_name: 'Anna',
			last_name: 'Berg',
			assignee_user_id: 20,
			label: 'EMEA',
			linkedin_schedule: { timezone: 'Europe/Berlin', use_lead_timezone: false, timeblocks: [{ dow: 1, min: 540, max: 1080 }] },
		});
		expect(json[0]).toMatchObject({ first_name: 'Anna', last_name: 'Berg', assignee_user_id: 20, label: 'EMEA' });
		expect(json).toEqual([await get(`/flows/api/sender-profiles/${String(json[0].uuid)}`)]);
	});

	test('Get', async () => {
		const sender = (await senders())[0];
		const { json, requests } = await call(sb(), { resource: 'senderProfile', operation: 'get', senderProfileId: rl(sender.uuid) });
		expectRequest(requests, 'GET', `/flows/api/sender-profiles/${sender.uuid}`);
		expect(json).toEqual([await get(`/flows/api/sender-profiles/${sender.uuid}`)]);
	});

	test('Update with a schedule', async () => {
		const sender = await newSender('Upd');
		const { json, requests } = await call(sb(), {
			resource: 'senderProfile',
			operation: 'update',
			senderProfileId: rl(sender.uuid),
			updateFields: { label: 'Night shift' },
			updateSchedule: true,
			scheduleTimezone: 'Asia/Tokyo',
			scheduleDays: [6, 0],
			scheduleStart: 60,
			scheduleEnd: 300,
		});
		expectRequest(requests, 'PUT', `/flows/api/sender-profiles/${sender.uuid}`, [], {
			label: 'Night shift',
			schedule: { timezone: 'Asia/Tokyo', use_lead_timezone: false, timeblocks: [{ dow: 0, min: 60, max: 300 }, { dow: 6, min: 60, max: 300 }] },
		});
		expect(json).toEqual([await get(`/flows/api/sender-profiles/${sender.uuid}`)]);
		expect(json[0].label).toBe('Night shift');
	});

	test.each([
		['disable', 'disabled'],
		['enable', 'enabled'],
	])('%s', async (operation, status) => {
		const sender = (await senders()).find((s) => s.first_name === 'Toggle') ?? (await newSender('Toggle'));
		const { json, requests } = await call(sb(), { resource: 'senderProfile', operation, senderProfileId: rl(sender.uuid) });
		expectRequest(requests, 'PUT', `/flows/api/sender-profiles/${sender.uuid}/${operation}`);
		const after = await get(`/flows/api/sender-profiles/${sender.uuid}`);
		expect(after.status).toBe(status);
		expect(json).toEqual([json[0].uuid ? after : { success: true }]);
	});

	test('Delete', async () => {
		const sender = await newSender('Gone');
		const { json, requests } = await call(sb(), { resource: 'senderProfile', operation: 'delete', senderProfileId: rl(sender.uuid) });
		expectRequest(requests, 'DELETE', `/flows/api/sender-profiles/${sender.uuid}`);
		expect(json).toEqual([{ success: true }]);
		expect((await api(sb(), 'GET', `/flows/api/sender-profiles/${sender.uuid}`)).status).toBe(404);
	});
});

describe('AI Agent', () => {
	test('Create', async () => {
		const { json, requests } = await call(sb(), {
			resource: 'aiAgent',
			operation: 'create',
			name: 'Reply classifier',
			additionalFields: { description: 'Sorts replies', classification_prompt: 'Positive or not?', classification_llm_config: '{"temperature": 0}' },
		});
		expectRequest(requests, 'POST', '/flows/api/ai-agents', [], {
			name: 'Reply classifier',
			description: 'Sorts replies',
			classification_prompt: 'Positive or not?',
			classification_llm_config: { temperature: 0 },
		});
		expect(json[0]).toMatchObject({ name: 'Reply classifier', description: 'Sorts replies' });
		expect(json).toEqual([await get(`/flows/api/ai-agents/${String(json[0].uuid)}`)]);
	});

	test('Get Many', async () => {
		const { json, requests } = await call(sb(), { resource: 'aiAgent', operation: 'getAll', returnAll: true });
		expectRequest(requests, 'GET', '/flows/api/ai-agents', [
			['limit', '100'],
			['offset', '0'],
		]);
		expect(json).toEqual(await records(sb(), '/flows/api/ai-agents?limit=100&offset=0'));
		expect(json.length).toBeGreaterThan(0);
	});

	test('Get', async () => {
		const agent = (await records(sb(), '/flows/api/ai-agents'))[0];
		const { json, requests } = await call(sb(), { resource: 'aiAgent', operation: 'get', aiAgentId: rl(agent.uuid) });
		expectRequest(requests, 'GET', `/flows/api/ai-agents/${agent.uuid}`);
		expect(json).toEqual([await get(`/flows/api/ai-agents/${agent.uuid}`)]);
	});

	test('Update', async () => {
		const agent = (await api(sb(), 'POST', '/flows/api/ai-agents', { name: 'Temp agent' })).body;
		const { json, requests } = await call(sb(), { resource: 'aiAgent', operation: 'update', aiAgentId: rl(agent.uuid), updateFields: { name: 'Renamed agent', avatar_url: 'https://example.com/a.png' } });
		expectRequest(requests, 'PUT', `/flows/api/ai-agents/${agent.uuid}`, [], { name: 'Renamed agent', avatar_url: 'https://example.com/a.png' });
		expect(json).toEqual([await get(`/flows/api/ai-agents/${agent.uuid}`)]);
		expect(json[0].name).toBe('Renamed agent');
	});

	test('Delete', async () => {
		const agent = (await api(sb(), 'POST', '/flows/api/ai-agents', { name: 'Doomed agent' })).body;
		const { json, requests } = await call(sb(), { resource: 'aiAgent', operation: 'delete', aiAgentId: rl(agent.uuid) });
		expectRequest(requests, 'DELETE', `/flows/api/ai-agents/${agent.uuid}`);
		expect(json).toEqual([{ success: true }]);
	});
});

describe('AI Template', () => {
	test.each([
		[true, 1],
		[false, 0],
	])('Create always sends is_public (%s → %i)', async (isPublic, sent) => {
		const { json, requests, error } = await call(sb(), {
			resource: 'aiTemplate',
			operation: 'create',
			name: `Intro ${sent}`,
			type: 'message',
			isPublic,
			additionalFields: { body: 'Hi {{first_name}}', settings: '{"tone": "casual"}' },
		});
		expect(error).toBeUndefined();
		expectRequest(requests, 'POST', '/flows/api/ai-templates', [], { name: `Intro ${sent}`, type: 'message', body: 'Hi {{first_name}}', is_public: sent, settings: { tone: 'casual' } });
		expect(json[0]).toMatchObject({ name: `Intro ${sent}`, type: 'message', body: 'Hi {{first_name}}' });
		expect(json).toEqual([await get(`/flows/api/ai-templates/${String(json[0].uuid)}`)]);
	});

	test('Get Many', async () => {
		const { json, requests } = await call(sb(), { resource: 'aiTemplate', operation: 'getAll', limit: 5 });
		expectRequest(requests, 'GET', '/flows/api/ai-templates', [
			['limit', '5'],
			['offset', '0'],
		]);
		expect(json).toEqual(await records(sb(), '/flows/api/ai-templates?limit=5&offset=0'));
	});

	test('Get', async () => {
		const template = (await records(sb(), '/flows/api/ai-templates'))[0];
		const { json, requests } = await call(sb(), { resource: 'aiTemplate', operation: 'get', aiTemplateId: rl(template.uuid) });
		expectRequest(requests, 'GET', `/flows/api/ai-templates/${template.uuid}`);
		expect(json).toEqual([await get(`/flows/api/ai-templates/${template.uuid}`)]);
	});

	test('Update', async () => {
		const template = (await api(sb(), 'POST', '/flows/api/ai-templates', { name: 'Temp', type: 'email', is_public: 0 })).body;
		const { json, requests } = await call(sb(), {
			resource: 'aiTemplate',
			operation: 'update',
			aiTemplateId: rl(template.uuid),
			updateFields: { subject: 'Quick question', enable_fallback: true, llm_config: '{"model": "x"}' },
		});
		expectRequest(requests, 'PUT', `/flows/api/ai-templates/${template.uuid}`, [], { subject: 'Quick question', enable_fallback: true, llm_config: { model: 'x' } });
		expect(json).toEqual([await get(`/flows/api/ai-templates/${template.uuid}`)]);
		expect(json[0]).toMatchObject({ subject: 'Quick question', enable_fallback: true });
	});

	test('Delete', async () => {
		const template = (await api(sb(), 'POST', '/flows/api/ai-templates', { name: 'Doomed', type: 'message', is_public: 1 })).body;
		const { json, requests } = await call(sb(), { resource: 'aiTemplate', operation: 'delete', aiTemplateId: rl(template.uuid) });
		expectRequest(requests, 'DELETE', `/flows/api/ai-templates/${template.uuid}`);
		expect(json).toEqual([{ success: true }]);
	});

	test('Render for a contact and a sender', async () => {
		const template = (await records(sb(), '/flows/api/ai-templates'))[0];
		const sender = (await senders())[0];
		const lead = await contact();
		const { json, requests, error } = await call(sb(), {
			resource: 'aiTemplate',
			operation: 'render',
			renderTemplateId: rl(template.uuid),
			contactId: rl(lead.uuid),
			senderProfileId: rl(sender.uuid),
		});
		expect(error).toBeUndefined();
		const body = { uuid: template.uuid, lead_uuid: lead.uuid, sender_profile_uuid: sender.uuid };
		expectRequest(requests, 'POST', '/flows/api/ai-templates/render', [], body);
		expect(json).toEqual([(await api(sb(), 'POST', '/flows/api/ai-templates/render', body)).body]);
		expect(json[0]).toHaveProperty('rendered_body');
	});
});

describe('Mailbox', () => {
	const mailboxes = () => records(sb(), '/emails/api/mailboxes?limit=100');

	test('Get Many with filter[q]', async () => {
		const box = (await mailboxes())[0];
		const { json, requests } = await call(sb(), { resource: 'mailbox', operation: 'getAll', limit: 10, filters: { q: box.email } });
		const request = expectRequest(requests, 'GET', '/emails/api/mailboxes', [
			['filter[q]', box.email],
			['limit', '10'],
			['offset', '0'],
		]);
		expect(json).toEqual(await records(sb(), `/emails/api/mailboxes?${request.rawQuery}`));
		expect(json.map((m) => m.uuid)).toContain(box.uuid);
	});

	test('Create with SMTP and IMAP settings', async () => {
		const sender = (await senders())[0];
		const { json, requests, error } = await call(sb(), {
			resource: 'mailbox',
			operation: 'create',
			email: 'anna@company.com',
			senderName: 'Anna Berg',
			senderProfileId: rl(sender.uuid),
			connectionSettings: { smtp_host: 'smtp.company.com', smtp_port: 587, smtp_username: 'anna', smtp_password: 's3cret', imap_host: 'imap.company.com', imap_port: 993, imap_username: 'anna', imap_password: 's3cret' },
			additionalFields: { automation_daily_limit: 40, automation_task_interval: 180, provider: 'smtp' },
		});
		expect(error).toBeUndefined();
		expectRequest(requests, 'POST', '/emails/api/mailboxes', [], {
			email: 'anna@company.com',
			sender_name: 'Anna Berg',
			sender_profile_uuid: sender.uuid,
			connection_settings: { smtp_host: 'smtp.company.com', smtp_port: 587, smtp_username: 'anna', smtp_password: 's3cret', imap_host: 'imap.company.com', imap_port: 993, imap_username: 'anna', imap_password: 's3cret' },
			automation_daily_limit: 40,
			automation_task_interval: 180,
			provider: 'smtp',
		});
		expect(json[0]).toMatchObject({ email: 'anna@company.com', sender_name: 'Anna Berg', sender_profile_uuid: sender.uuid });
		expect(json).toEqual([await get(`/emails/api/mailboxes/${String(json[0].uuid)}`)]);
	});

	test('Get', async () => {
		const box = (await mailboxes())[0];
		const { json, requests } = await call(sb(), { resource: 'mailbox', operation: 'get', mailboxId: rl(box.uuid) });
		expectRequest(requests, 'GET', `/emails/api/mailboxes/${box.uuid}`);
		expect(json).toEqual([await get(`/emails/api/mailboxes/${box.uuid}`)]);
	});

	test('Update', async () => {
		const box = (await mailboxes())[0];
		const { json, requests } = await call(sb(), { resource: 'mailbox', operation: 'update', mailboxId: rl(box.uuid), updateFields: { sender_name: 'Renamed Sender', automation_daily_limit: 25 } });
		expectRequest(requests, 'PUT', `/emails/api/mailboxes/${box.uuid}`, [], { sender_name: 'Renamed Sender', automation_daily_limit: 25 });
		expect(json).toEqual([await get(`/emails/api/mailboxes/${box.uuid}`)]);
		expect(json[0]).toMatchObject({ sender_name: 'Renamed Sender', automation_daily_limit: 25 });
	});

	test.each([
		['deactivate', 'deactivate'],
		['activate', 'activate'],
	])('%s', async (operation, path) => {
		const box = (await mailboxes())[0];
		const { json, requests, error } = await call(sb(), { resource: 'mailbox', operation, mailboxId: rl(box.uuid) });
		expect(error).toBeUndefined();
		expectRequest(requests, 'PUT', `/emails/api/mailboxes/${box.uuid}/${path}`);
		expect(json).toEqual([await get(`/emails/api/mailboxes/${box.uuid}`)]);
	});

	test('Delete sends the reassignment in the DELETE body', async () => {
		const sender = (await senders())[0];
		const [keep] = await mailboxes();
		const doomed = (await api(sb(), 'POST', '/emails/api/mailboxes', { email: 'old@company.com', sender_name: 'Old', sender_profile_uuid: sender.uuid })).body;
		const { json, requests, error } = await call(sb(), { resource: 'mailbox', operation: 'delete', mailboxId: rl(doomed.uuid), reassign: true, reassignMailboxId: rl(keep.uuid) });
		expect(error).toBeUndefined();
		expectRequest(requests, 'DELETE', `/emails/api/mailboxes/${doomed.uuid}`, [], { automation_reassign_mailboxes: true, automation_mailbox_to_reassign: keep.uuid });
		expect(json).toEqual([{ success: true }]);
	});

	test('Delete without reassignment still sends automation_reassign_mailboxes: false', async () => {
		const sender = (await senders())[0];
		const doomed = (await api(sb(), 'POST', '/emails/api/mailboxes', { email: 'old2@company.com', sender_name: 'Old', sender_profile_uuid: sender.uuid })).body;
		const { requests } = await call(sb(), { resource: 'mailbox', operation: 'delete', mailboxId: rl(doomed.uuid) });
		expectRequest(requests, 'DELETE', `/emails/api/mailboxes/${doomed.uuid}`, [], { automation_reassign_mailboxes: false });
	});

	test('Get Errors with search', async () => {
		const { json, requests } = await call(sb(), { resource: 'mailbox', operation: 'getErrors', limit: 20, errorFilters: { search: 'auth' } });
		expectRequest(requests, 'GET', '/emails/api/mailbox-errors', [
			['search', 'auth'],
			['limit', '20'],
			['offset', '0'],
		]);
		expect(json).toEqual(await records(sb(), '/emails/api/mailbox-errors?search=auth&limit=20&offset=0'));
	});
});

describe('LinkedIn Browser', () => {
	const browsers = () => records(sb(), '/browsers/api/linkedin-browsers/list', { limit: 100 });

	test('Get Many pages in the POST body', async () => {
		const { json, requests } = await call(sb(), { resource: 'linkedinBrowser', operation: 'getAll', limit: 10 });
		expectRequest(requests, 'POST', '/browsers/api/linkedin-browsers/list', [], { limit: 10, offset: 0 });
		expect(json).toEqual(await records(sb(), '/browsers/api/linkedin-browsers/list', { limit: 10, offset: 0 }));
		expect(json.length).toBeGreaterThan(0);
	});

	test('Create', async () => {
		const sender = (await senders())[0];
		const { json, requests } = await call(sb(), { resource: 'linkedinBrowser', operation: 'create', senderProfileId: rl(sender.uuid), additionalFields: { proxy_country_code: 'DE' } });
		expectRequest(requests, 'POST', '/browsers/api/linkedin-browsers', [], { sender_profile_uuid: sender.uuid, proxy_country_code: 'DE' });
		expect(json[0]).toMatchObject({ sender_profile_uuid: sender.uuid, status: 'stopped', linkedin_account_uuid: null });
		expect(json).toEqual([await get(`/browsers/api/linkedin-browsers/${String(json[0].id)}`)]);
	});

	test('Get', async () => {
		const browser = (await browsers())[0];
		const { json, requests } = await call(sb(), { resource: 'linkedinBrowser', operation: 'get', browserId: rl(browser.id) });
		expectRequest(requests, 'GET', `/browsers/api/linkedin-browsers/${browser.id}`);
		expect(json).toEqual([await get(`/browsers/api/linkedin-browsers/${browser.id}`)]);
	});

	test('Update', async () => {
		const browser = (await browsers())[0];
		const { json, requests } = await call(sb(), { resource: 'linkedinBrowser', operation: 'update', browserId: rl(browser.id), updateFields: { name: 'Seat Berlin' } });
		expectRequest(requests, 'PUT', `/browsers/api/linkedin-browsers/${browser.id}`, [], { name: 'Seat Berlin' });
		expect(json).toEqual([await get(`/browsers/api/linkedin-browsers/${browser.id}`)]);
	});

	test('Generate Login Link', async () => {
		const browser = (await browsers())[0];
		const { json, requests } = await call(sb(), { resource: 'linkedinBrowser', operation: 'generateLoginLink', browserId: rl(browser.id) });
		expectRequest(requests, 'POST', `/browsers/api/linkedin-browsers/${browser.id}/generate-external-access-key`);
		expect(json).toHaveLength(1);
		const key = String(json[0].external_access_key);
		expect(key).toMatch(/^lb_ak_[0-9a-f]{48}$/);
		expect(json).toEqual([{ external_access_key: key, cloud_browser_url: `https://leadgen.grinfi.io/cloud-browser/public/${key}` }]);
	});

	test.each([
		['run', 'running'],
		['stop', 'stopped'],
	])('%s', async (operation, status) => {
		const browser = (await browsers()).find((b) => b.linkedin_account_uuid);
		const { json, requests, error } = await call(sb(), { resource: 'linkedinBrowser', operation, browserId: rl(browser.id) });
		expect(error).toBeUndefined();
		expectRequest(requests, 'POST', `/browsers/api/linkedin-browsers/${browser.id}/${operation}`);
		expect(json).toEqual([{ success: true }]);
		expect((await get(`/browsers/api/linkedin-browsers/${browser.id}`)).status).toBe(status);
	});

	test('Set Proxy', async () => {
		const browser = (await browsers())[0];
		const { json, requests } = await call(sb(), { resource: 'linkedinBrowser', operation: 'setProxy', browserId: rl(browser.id), proxyCountryCode: 'US' });
		expectRequest(requests, 'POST', `/browsers/api/linkedin-browsers/${browser.id}/set-proxy`, [], { proxy_country_code: 'US' });
		expect(json).toEqual([await get(`/browsers/api/linkedin-browsers/${browser.id}`)]);
		expect(json[0].proxy_country_code).toBe('US');
	});

	test('Share', async () => {
		const browser = (await browsers())[0];
		const { json, requests } = await call(sb(), { resource: 'linkedinBrowser', operation: 'share', browserId: rl(browser.id), recipients: 'anna@example.com, ben@example.com' });
		expectRequest(requests, 'POST', `/browsers/api/linkedin-browsers/${browser.id}/share`, [], { recipients: ['anna@example.com', 'ben@example.com'] });
		expect(json).toEqual([await get(`/browsers/api/linkedin-browsers/${browser.id}`)]);
		expect(json[0].shared_emails).toEqual(expect.arrayContaining(['anna@example.com', 'ben@example.com']));
	});

	test('Delete', async () => {
		const sender = (await senders())[0];
		const seat = (await api(sb(), 'POST', '/browsers/api/linkedin-browsers', { sender_profile_uuid: sender.uuid })).body;
		const { json, requests } = await call(sb(), { resource: 'linkedinBrowser', operation: 'delete', browserId: rl(seat.id) });
		expectRequest(requests, 'DELETE', `/browsers/api/linkedin-browsers/${seat.id}`);
		expect(json).toEqual([{ success: true }]);
		expect((await api(sb(), 'GET', `/browsers/api/linkedin-browsers/${seat.id}`)).status).toBe(404);
	});
});
