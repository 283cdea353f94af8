/** LinkedIn messages, conversations, emails, attachments and webhooks against the Grinfi sandbox. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { useSandbox } from '../setup';
import { api, call, expectRequest, fileItem, records, rl } from './helpers';

const sandbox = useSandbox();
const sb = () => sandbox();
const get = async (path: string) => (await api(sb(), 'GET', path)).body;
const sender = async () => (await records(sb(), '/flows/api/sender-profiles?limit=100'))[0];
const contact = async () => (await records(sb(), '/leads/api/leads/search', { limit: 100 }))[0];
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(4096, 7)]);

async function upload(name = 'deck.png') {
	const { json, error } = await call(sb(), { resource: 'attachment', operation: 'upload', binaryPropertyName: 'data' }, { items: [fileItem(PNG, name, 'image/png')] });
	expect(error).toBeUndefined();
	return json[0];
}

describe('Attachment', () => {
	test('Upload sends multipart: the file in attachment, payload name, size (text) and type', async () => {
		const { json, requests, error } = await call(sb(), { resource: 'attachment', operation: 'upload', binaryPropertyName: 'file' }, { items: [fileItem(PNG, 'photo.png', 'image/png', 'file')] });
		expect(error).toBeUndefined();
		expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /flows/api/attachments']);
		const [request] = requests;
		expect(request.contentType).toMatch(/^multipart\/form-data; boundary=/);
		expect(request.multipart?.fields).toEqual({ 'payload[name]': 'photo.png', 'payload[size]': String(PNG.length), 'payload[type]': 'image/png' });
		expect(Object.keys(request.multipart?.files ?? {})).toEqual(['attachment']);
		expect(request.multipart?.files.attachment.filename).toBe('photo.png');
		expect(request.multipart?.files.attachment.contentType).toBe('image/png');
		expect(request.multipart?.files.attachment.data.equals(PNG)).toBe(true);
		expect(json).toHaveLength(1);
		expect(json[0]).toMatchObject({ payload: { name: 'photo.png', size: String(PNG.length), type: 'image/png' } });
		expect(json).toEqual([await get(`/flows/api/attachments/${String(json[0].uuid)}`)]);
	});

	test('Get Many', async () => {
		await upload('listed.png');
		const { json, requests } = await call(sb(), { resource: 'attachment', operation: 'getAll', limit: 50 });
		expectRequest(requests, 'GET', '/flows/api/attachments', [
			['limit', '50'],
			['offset', '0'],
		]);
		expect(json).toEqual(await records(sb(), '/flows/api/attachments?limit=50&offset=0'));
		expect(json.length).toBeGreaterThan(0);
	});

	test('Get', async () => {
		const file = await upload('one.png');
		const { json, requests } = await call(sb(), { resource: 'attachment', operation: 'get', attachmentId: file.uuid });
		expectRequest(requests, 'GET', `/flows/api/attachments/${String(file.uuid)}`);
		expect(json).toEqual([file]);
	});

	test('Delete', async () => {
		const file = await upload('gone.png');
		const { json, requests } = await call(sb(), { resource: 'attachment', operation: 'delete', attachmentId: file.uuid });
		expectRequest(requests, 'DELETE', `/flows/api/attachments/${String(file.uuid)}`);
		expect(json).toEqual([{ success: true }]);
		expect((await api(sb(), 'GET', `/flows/api/attachments/${String(file.uuid)}`)).status).toBe(404);
	});
});

describe('LinkedIn Message', () => {
	test('Send with a template, uploaded attachments and an InMail subject', async () => {
		const from = await sender();
		const to = await contact();
		const template = (await records(sb(), '/flows/api/ai-templates'))[0];
		const a = await upload('a.png');
		const b = await upload('b.png');
		const { json, requests, error } = await call(sb(), {
			resource: 'linkedinMessage',
			operation: 'send',
			senderProfileId: rl(from.uuid),
			contactId: rl(to.uuid),
			text: "Hi {{first_name}}, here's the deck we discussed.",
			additionalFields: { template_uuid: rl(template.uuid), attachmentIds: `${String(a.uuid)},${String(b.uuid)}`, subject: 'Our deck', linkedin_messenger_type: 'sn' },
		});
		expect(error).toBeUndefined();
		expectRequest(requests, 'POST', '/flows/api/linkedin-messages', [], {
			sender_profile_uuid: from.uuid,
			lead_uuid: to.uuid,
			text: "Hi {{first_name}}, here's the deck we discussed.",
			template_uuid: template.uuid,
			subject: 'Our deck',
			linkedin_messenger_type: 'sn',
			attachments: [{ uuid: a.uuid }, { uuid: b.uuid }],
		});
		expect(json[0]).toMatchObject({ sender_profile_uuid: from.uuid, lead_uuid: to.uuid, text: "Hi {{first_name}}, here's the deck we discussed.", type: 'outbox' });
		expect(json).toEqual([(await records(sb(), `/flows/api/linkedin-messages?limit=100&filter%5Blead_uuid%5D=${String(to.uuid)}`)).find((m) => m.uuid === json[0].uuid)]);
	});

	test('Get Many with filter[...] keys', async () => {
		const to = await contact();
		const { json, requests } = await call(sb(), {
			resource: 'linkedinMessage',
			operation: 'getAll',
			limit: 30,
			filters: { lead_uuid: to.uuid, type: 'outbox', status: 'new', q: 'deck' },
		});
		const request = expectRequest(requests, 'GET', '/flows/api/linkedin-messages', [
			['filter[lead_uuid]', to.uuid],
			['filter[q]', 'deck'],
			['filter[status]', 'new'],
			['filter[type]', 'outbox'],
			['limit', '30'],
			['offset', '0'],
		]);
		expect(json).toEqual(await records(sb(), `/flows/api/linkedin-messages?${request.rawQuery}`));
	});

	test('Retry', async () => {
		const message = sb().state.linkedinMessages.get(sb().state.ids.linkedinMessages[1]);
		message.status = 'failed';
		message.fail_reason = 'Recipient is not a connection';
		const { json, requests, error } = await call(sb(), { resource: 'linkedinMessage', operation: 'retry', linkedinMessageId: message.uuid });
		expect(error).toBeUndefined();
		expectRequest(requests, 'PUT', `/flows/api/linkedin-messages/${String(message.uuid)}/retry`);
		expect(json).toEqual([(await records(sb(), '/flows/api/linkedin-messages?limit=100')).find((m) => m.uuid === message.uuid)]);
		expect(json[0]).toMatchObject({ status: 'new', fail_reason: null });
	});

	test('Delete', async () => {
		const from = await sender();
		const to = await contact();
		const message = (await api(sb(), 'POST', '/flows/api/linkedin-messages', { sender_profile_uuid: from.uuid, lead_uuid: to.uuid, text: 'Oops' })).body;
		const { json, requests } = await call(sb(), { resource: 'linkedinMessage', operation: 'delete', linkedinMessageId: message.uuid });
		expectRequest(requests, 'DELETE', `/flows/api/linkedin-messages/${String(message.uuid)}`);
		expect(json).toEqual([{ success: true }]);
	});

	test('Get Group Counts with a sent_at range', async () => {
		const from = await sender();
		const { json, requests } = await call(sb(), {
			resource: 'linkedinMessage',
			operation: 'getGroupCounts',
			groupField: 'sender_profile_uuid',
			countFilters: { type: 'inbox', sender_profile_uuid: from.uuid, sent_from: '2026-07-01', sent_to: '2026-07-31' },
		});
		const body = { group_field: 'sender_profile_uuid', filter: { sender_profile_uuid: from.uuid, sent_at: { '>=': '2026-07-01', '<=': '2026-07-31' }, type: 'inbox' } };
		expectRequest(requests, 'POST', '/flows/api/linkedin-messages/group-counts', [], body);
		expect(json).toEqual([(await api(sb(), 'POST', '/flows/api/linkedin-messages/group-counts', body)).body]);
	});
});

describe('LinkedIn Conversation', () => {
	test('Get Many with filter[lead_uuid] and filter[linkedin_account_uuid]', async () => {
		const conversation = (await records(sb(), '/flows/api/linkedin-conversations?limit=100'))[0];
		const { json, requests } = await call(sb(), {
			resource: 'linkedinConversation',
			operation: 'getAll',
			limit: 10,
			filters: { lead_uuid: conversation.lead_uuid, linkedin_account_uuid: conversation.linkedin_account_uuid },
		});
		const request = expectRequest(requests, 'GET', '/flows/api/linkedin-conversations', [
			['filter[lead_uuid]', conversation.lead_uuid],
			['filter[linkedin_account_uuid]', conversation.linkedin_account_uuid],
			['limit', '10'],
			['offset', '0'],
		]);
		expect(json).toEqual(await records(sb(), `/flows/api/linkedin-conversations?${request.rawQuery}`));
		expect(json.map((c) => c.uuid)).toContain(conversation.uuid);
	});
});

describe('Email', () => {
	const emails = () => records(sb(), '/emails/api/emails?limit=100');

	test('Send (the OpenAPI body: flat from/to fields, cc/bcc arrays, attachment references)', async () => {
		const from = await sender();
		const to = await contact();
		const file = await upload('deck.png');
		const { json, requests, error } = await call(sb(), {
			resource: 'email',
			operation: 'send',
			senderProfileId: rl(from.uuid),
			contactId: rl(to.uuid),
			fromEmail: 'john@company.com',
			fromName: 'John Doe',
			toEmail: ' jane@acme.com ',
			toName: 'Jane Smith',
			subject: 'Quick question about your outreach stack',
			body: '<p>Hi Jane, attached is our deck.</p>',
			additionalFields: { cc: 'sales@company.com, boss@company.com', bcc: 'crm@company.com', attachmentIds: String(file.uuid) },
		});
		expect(error).toBeUndefined();
		expectRequest(requests, 'POST', '/emails/api/emails/send-email', [], {
			sender_profile_uuid: from.uuid,
			lead_uuid: to.uuid,
			from_email: 'john@company.com',
			from_name: 'John Doe',
			to_email: 'jane@acme.com',
			to_name: 'Jane Smith',
			subject: 'Quick question about your outreach stack',
			body: '<p>Hi Jane, attached is our deck.</p>',
			cc: ['sales@company.com', 'boss@company.com'],
			bcc: ['crm@company.com'],
			attachments: [{ uuid: file.uuid }],
		});
		expect(json).toHaveLength(1);
		const sent = json[0].emailDomain as { uuid: string; email_body_uuid: string };
		expect(sent).toMatchObject({ to_email: 'jane@acme.com', to_name: 'Jane Smith', from_email: 'john@company.com', subject: 'Quick question about your outreach stack', cc: ['sales@company.com', 'boss@company.com'], bcc: ['crm@company.com'] });
		expect(sent).toEqual(await get(`/emails/api/emails/${sent.uuid}`));
		expect(json[0].emailBodyDomain).toEqual(await get(`/emails/api/email-bodies/${sent.email_body_uuid}`));
	});

	test('Get Many with filter[...] keys and a sent_at range', async () => {
		const email = (await emails())[0];
		const { json, requests } = await call(sb(), {
			resource: 'email',
			operation: 'getAll',
			limit: 40,
			filters: { lead_uuid: email.lead_uuid, type: email.type, mailbox_uuid: email.mailbox_uuid, sent_from: '2020-01-01', sent_to: '2030-12-31' },
		});
		const request = expectRequest(requests, 'GET', '/emails/api/emails', [
			['filter[lead_uuid]', email.lead_uuid],
			['filter[type]', email.type],
			['filter[mailbox_uuid]', email.mailbox_uuid],
			['filter[sent_at][>=]', '2020-01-01'],
			['filter[sent_at][<=]', '2030-12-31'],
			['limit', '40'],
			['offset', '0'],
		]);
		expect(json).toEqual(await records(sb(), `/emails/api/emails?${request.rawQuery}`));
	});

	test('Get', async () => {
		const email = (await emails())[0];
		const { json, requests } = await call(sb(), { resource: 'email', operation: 'get', emailId: email.uuid });
		expectRequest(requests, 'GET', `/emails/api/emails/${String(email.uuid)}`);
		expect(json).toEqual([await get(`/emails/api/emails/${String(email.uuid)}`)]);
	});

	test('Get Thread', async () => {
		const email = (await emails())[0];
		const { json, requests, error } = await call(sb(), { resource: 'email', operation: 'getThread', emailId: email.uuid });
		expect(error).toBeUndefined();
		expectRequest(requests, 'GET', `/emails/api/emails/${String(email.uuid)}/thread`);
		const direct = await get(`/emails/api/emails/${String(email.uuid)}/thread`);
		expect(json).toEqual(Array.isArray(direct) ? direct : Array.isArray(direct?.data) ? direct.data : [direct]);
	});

	test('Get Many Bodies with search', async () => {
		const { json, requests } = await call(sb(), { resource: 'email', operation: 'getBodies', limit: 5, bodyFilters: { search: 'deck' } });
		expectRequest(requests, 'GET', '/emails/api/email-bodies', [
			['search', 'deck'],
			['limit', '5'],
			['offset', '0'],
		]);
		expect(json).toEqual(await records(sb(), '/emails/api/email-bodies?search=deck&limit=5&offset=0'));
	});

	test('Get Body', async () => {
		const email = (await emails())[0];
		const { json, requests } = await call(sb(), { resource: 'email', operation: 'getBody', emailBodyId: email.email_body_uuid });
		expectRequest(requests, 'GET', `/emails/api/email-bodies/${String(email.email_body_uuid)}`);
		expect(json).toEqual([await get(`/emails/api/email-bodies/${String(email.email_body_uuid)}`)]);
	});

	test('Get Latest by Contacts', async () => {
		const [a, b] = await records(sb(), '/leads/api/leads/search', { limit: 100 });
		const { json, requests } = await call(sb(), { resource: 'email', operation: 'getLatestByContacts', contactIds: `${String(a.uuid)}, ${String(b.uuid)}` });
		const body = { lead_uuids: [a.uuid, b.uuid] };
		expectRequest(requests, 'POST', '/emails/api/emails/latest-by-leads', [], body);
		const direct = (await api(sb(), 'POST', '/emails/api/emails/latest-by-leads', body)).body;
		expect(json).toEqual(Array.isArray(direct) ? direct : Array.isArray(direct?.data) ? direct.data : [direct]);
	});

	test('Get Thread for LLM (limit sent as text)', async () => {
		const from = await sender();
		const to = await contact();
		const { json, requests } = await call(sb(), {
			resource: 'email',
			operation: 'getLlmThread',
			senderProfileId: rl(from.uuid),
			contactId: rl(to.uuid),
			contactName: 'Jane Smith',
			threadOptions: { limit: '10', sent_at_recency_in_days: 30 },
		});
		const body = { sender_profile_uuid: from.uuid, lead_uuid: to.uuid, lead_name: 'Jane Smith', limit: '10', sent_at_recency_in_days: 30 };
		expectRequest(requests, 'POST', '/emails/api/emails/llm-thread', [], body);
		const direct = (await api(sb(), 'POST', '/emails/api/emails/llm-thread', body)).body;
		expect(json).toEqual(Array.isArray(direct) ? direct : Array.isArray(direct?.data) ? direct.data : [direct]);
	});

	test('Delete', async () => {
		const email = (await emails()).at(-1);
		const { json, requests } = await call(sb(), { resource: 'email', operation: 'delete', emailId: email.uuid });
		expectRequest(requests, 'DELETE', `/emails/api/emails/${String(email.uuid)}`);
		expect(json).toEqual([{ success: true }]);
		expect((await api(sb(), 'GET', `/emails/api/emails/${String(email.uuid)}`)).status).toBe(404);
	});
});

describe('Webhook', () => {
	const hooks = () => records(sb(), '/integrations/api/webhooks');
	const someHook = async () =>
		(await hooks())[0] ?? (await api(sb(), 'POST', '/integrations/api/webhooks', { name: 'Fixture', event: 'contact_created', target_url: 'https://example.com/x', request_method: 'POST' })).body;

	test('Create (filters null when empty, request_method always sent)', async () => {
		const { json, requests, error } = await call(sb(), {
			resource: 'webhook',
			operation: 'create',
			name: 'Replies to CRM',
			event: 'contact_replied_email',
			targetUrl: 'https://example.com/hook?token=abc',
		});
		expect(error).toBeUndefined();
		expectRequest(requests, 'POST', '/integrations/api/webhooks', [], {
			name: 'Replies to CRM',
			event: 'contact_replied_email',
			target_url: 'https://example.com/hook?token=abc',
			request_method: 'POST',
			status: 'on',
			filters: null,
		});
		expect(json[0]).toMatchObject({ name: 'Replies to CRM', event: 'contact_replied_email', status: 'on' });
		expect(json).toEqual([await get(`/integrations/api/webhooks/${String(json[0].uuid)}`)]);
	});

	test('Create with a jsonLogic filter', async () => {
		const filters = { jsonLogic: { logic: { '==': [{ var: 'flow_uuid' }, 'F'] } } };
		const { requests } = await call(sb(), {
			resource: 'webhook',
			operation: 'create',
			name: 'One flow',
			event: 'contact_tag_added',
			targetUrl: 'https://example.com/t',
			requestMethod: 'PUT',
			status: 'off',
			filters: JSON.stringify(filters),
		});
		expectRequest(requests, 'POST', '/integrations/api/webhooks', [], { name: 'One flow', event: 'contact_tag_added', target_url: 'https://example.com/t', request_method: 'PUT', status: 'off', filters });
	});

	test('Get Many', async () => {
		const { json, requests } = await call(sb(), { resource: 'webhook', operation: 'getAll', returnAll: true });
		// No limit/offset documented for this list: one request without them.
		expectRequest(requests, 'GET', '/integrations/api/webhooks', []);
		expect(json).toEqual(await hooks());
		expect(json.length).toBeGreaterThan(0);
	});

	test('Get', async () => {
		const hook = await someHook();
		const { json, requests } = await call(sb(), { resource: 'webhook', operation: 'get', webhookId: rl(hook.uuid) });
		expectRequest(requests, 'GET', `/integrations/api/webhooks/${String(hook.uuid)}`);
		expect(json).toEqual([await get(`/integrations/api/webhooks/${String(hook.uuid)}`)]);
	});

	test('Update turns a webhook off', async () => {
		const hook = await someHook();
		const { json, requests, error } = await call(sb(), { resource: 'webhook', operation: 'update', webhookId: rl(hook.uuid), updateFields: { status: 'off', name: 'Paused' } });
		expect(error).toBeUndefined();
		expectRequest(requests, 'PUT', `/integrations/api/webhooks/${String(hook.uuid)}`, [], { status: 'off', name: 'Paused' });
		expect(json).toEqual([await get(`/integrations/api/webhooks/${String(hook.uuid)}`)]);
		expect(json[0]).toMatchObject({ status: 'off', name: 'Paused' });
	});

	test('Test sends the full config and returns the target’s answer', async () => {
		const hook = await someHook();
		const received: Array<{ method?: string; url?: string; body: any }> = [];
		const target = http.createServer((req, res) => {
			const chunks: Buffer[] = [];
			req.on('data', (c: Buffer) => chunks.push(c));
			req.on('end', () => {
				received.push({ method: req.method, url: req.url, body: JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null') });
				res.writeHead(200, { 'Content-Type': 'application/json' });
				res.end(JSON.stringify({ received: true }));
			});
		});
		await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
		const url = `http://127.0.0.1:${(target.address() as AddressInfo).port}/hook?token=abc`;
		try {
			const { json, requests, error } = await call(sb(), {
				resource: 'webhook',
				operation: 'test',
				testWebhookId: rl(hook.uuid),
				event: 'sender_profile_sent_email',
				requestMethod: 'POST',
				testTargetUrl: url,
			});
			expect(error).toBeUndefined();
			expectRequest(requests, 'POST', '/integrations/api/webhooks/test', [], { uuid: hook.uuid, event: 'sender_profile_sent_email', request_method: 'POST', target_url: url });
			expect(json).toEqual([{ status_code: 200, body: '{"received":true}' }]);
			expect(received).toHaveLength(1);
			expect(received[0]).toMatchObject({ method: 'POST', url: '/hook?token=abc', body: { event_name: 'sender_profile_sent_email' } });
		} finally {
			target.closeAllConnections();
			await new Promise((resolve) => target.close(resolve));
		}
	});

	test('Update replaces the filters (empty removes them)', async () => {
		const hook = (await api(sb(), 'POST', '/integrations/api/webhooks', { name: 'Filtered', event: 'contact_created', target_url: 'https://example.com/f', request_method: 'POST', filters: { jsonLogic: { a: 1 } } })).body;
		const { json, requests, error } = await call(sb(), { resource: 'webhook', operation: 'update', webhookId: rl(hook.uuid), updateFields: { filters: '' } });
		expect(error).toBeUndefined();
		expectRequest(requests, 'PUT', `/integrations/api/webhooks/${String(hook.uuid)}`, [], { filters: null });
		expect(json).toEqual([await get(`/integrations/api/webhooks/${String(hook.uuid)}`)]);
		expect(json[0].filters).toBeNull();
	});

	test('Delete', async () => {
		const hook = (await api(sb(), 'POST', '/integrations/api/webhooks', { name: 'Gone', event: 'contact_created', target_url: 'https://example.com/x', request_method: 'POST' })).body;
		const { json, requests } = await call(sb(), { resource: 'webhook', operation: 'delete', webhookId: rl(hook.uuid) });
		expectRequest(requests, 'DELETE', `/integrations/api/webhooks/${String(hook.uuid)}`);
		expect(json).toEqual([{ success: true }]);
		expect((await api(sb(), 'GET', `/integrations/api/webhooks/${String(hook.uuid)}`)).status).toBe(404);
	});
});
