/**
 * Grinfi Trigger deliveries: the sandbox POSTs events to the URLs the trigger registered, over
 * real HTTP, and n8n-core's WebhookContext hands them to webhook() (see ./n8n.ts).
 */
import { randomBytes } from 'node:crypto';

import { GRINFI_EVENTS } from '../../../nodes/Grinfi/trigger/events';
import { KNOWN_MS, RELIST_MS } from '../../../nodes/Grinfi/trigger/tokens';
import { useSandbox, KEY } from '../setup';
import { N8nWorkflow, Receiver } from './n8n';

const sandbox = useSandbox();
const receiver = new Receiver();
beforeAll(async () => await receiver.listen());
afterAll(async () => await receiver.close());
beforeEach(() => (receiver.deliveries.length = 0));

const credentials = () => ({ grinfiApi: { apiKey: KEY, baseUrl: sandbox().server.url } });
const ALL_EVENTS = GRINFI_EVENTS.map((e) => String(e.value));

/** The event-specific object of each event (OpenAPI webhook-payload; field notes §26). */
const OWN_OBJECT: Record<string, string | undefined> = {
	sender_profile_sent_linkedin_connection_request: 'linkedin_connection_request',
	contact_accepted_linkedin_connection_request: 'linkedin_connection',
	sender_profile_sent_linkedin_message: 'linkedin_message',
	sender_profile_sent_linkedin_inmail: 'linkedin_message',
	contact_replied_linkedin_message: 'linkedin_message',
	contact_replied_linkedin_inmail: 'linkedin_message',
	sender_profile_sent_email: 'email',
	contact_replied_email: 'email',
	contact_opened_email: 'email',
	contact_clicked_email: 'email',
	contact_unsubscribed_email: 'email',
	email_bounced: 'email',
};

async function post(url: string, body: object) {
	const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
	return { status: response.status, body: await response.json().catch(() => undefined) };
}

/** The token Grinfi holds in the target URL of one of the workflow's webhooks (of `event` if given). */
function secretOf(wf: N8nWorkflow, kind: 'production' | 'test' = 'production', event?: string): string {
	const hook = (sandbox().state.webhooks() as Array<Record<string, any>>).find(
		(w) => String(w.target_url).split('?')[0] === wf.url(kind) && (!event || w.event === event),
	);
	return new URL(hook!.target_url).searchParams.get('secret')!;
}

const sample = (event_name: string) => ({
	event_name,
	contact: { uuid: 'c-9', name: 'Grace Hopper', work_email: 'grace@example.com', linkedin_url: 'https://www.linkedin.com/in/grace', company_name: 'Navy' },
	account: { name: 'Navy' },
	sender_profile: { uuid: 's-9', label: 'Main' },
	automation: { uuid: 'f-9', name: 'Flow' },
	contact_markers: { email_sent_count: 1 },
	email: { subject: 'Re: hello', body: 'Sounds good' },
});

describe('deliveries through the sandbox', () => {
	let wf: N8nWorkflow;
	beforeAll(async () => {
		wf = new N8nWorkflow(receiver, credentials(), { events: ALL_EVENTS });
		await wf.activate();
	}, 60_000);
	afterAll(async () => await wf.deactivate());

	test.each(ALL_EVENTS)('%s: one item, the delivery emitted intact', async (event) => {
		await sandbox().state.fireEvent(event);
		const ours = receiver.deliveries.filter((d) => d.webhookId === wf.node.webhookId);
		expect(ours).toHaveLength(1);
		const [delivery] = ours;
		expect(delivery.status).toBe(200);
		expect(delivery.query.secret).toBe(secretOf(wf, 'production', event));
		expect(delivery.items).toHaveLength(1);
		expect(delivery.items[0].json).toEqual(delivery.body);
		// The envelope of the OpenAPI webhook-payload schema, as the sandbox sends it.
		const body = delivery.body as Record<string, any>;
		expect(body.event_name).toBe(event);
		for (const key of ['contact', 'account', 'sender_profile', 'automation', 'contact_markers']) expect(body).toHaveProperty(key);
		const own = OWN_OBJECT[event];
		if (own) expect(body[own]).toEqual(expect.any(Object));
	});

	test('Simplify is off by default: the output is the body as Grinfi sent it', async () => {
		await sandbox().state.fireEvent('contact_replied_linkedin_message');
		const [delivery] = receiver.deliveries;
		expect(Object.keys(delivery.items[0].json).sort()).toEqual(Object.keys(delivery.body).sort());
	});
});

describe('authenticity and event selection', () => {
	let wf: N8nWorkflow;
	beforeAll(async () => {
		wf = new N8nWorkflow(receiver, credentials(), { events: ['contact_replied_email', 'contact_replied_linkedin_message'] });
		await wf.activate();
	});
	afterAll(async () => await wf.deactivate());

	test('right secret and a selected event: one item', async () => {
		const { status } = await post(`${wf.url('production')}?secret=${secretOf(wf)}`, sample('contact_replied_email'));
		expect(status).toBe(200);
		expect(receiver.deliveries[0].items.map((i) => i.json)).toEqual([sample('contact_replied_email')]);
	});

	test.each([
		// The last character changed to another hex digit (a fixed '0' would be right one time in 16).
		['a wrong secret', (s: string) => `?secret=${s.slice(0, -1)}${s.endsWith('0') ? '1' : '0'}`],
		['a secret of another length', (s: string) => `?secret=${s}00`],
		['no secret', () => ''],
		['an empty secret', () => '?secret='],
		['the secret under another name', (s: string) => `?token=${s}`],
	])('%s: 401 and no execution', async (_name, query) => {
		const { status, body } = await post(`${wf.url('production')}${query(secretOf(wf))}`, sample('contact_replied_email'));
		expect(status).toBe(401);
		expect(body).toEqual({ error: expect.stringContaining('only accepts deliveries') });
		const [delivery] = receiver.deliveries;
		expect(delivery.result).toEqual({ noWebhookResponse: true });
		expect(delivery.items).toEqual([]);
	});

	test('an event that is not selected: 200 and no execution', async () => {
		const { status } = await post(`${wf.url('production')}?secret=${secretOf(wf)}`, sample('email_bounced'));
		expect(status).toBe(200);
		expect(receiver.deliveries[0].result.workflowData).toBeUndefined();
	});

	test('a body without event_name: 200 and no execution', async () => {
		const { status } = await post(`${wf.url('production')}?secret=${secretOf(wf)}`, { contact: {} });
		expect(status).toBe(200);
		expect(receiver.deliveries[0].result.workflowData).toBeUndefined();
	});
});

/** Only Date is faked: HTTP, sleeps and retries run on real timers. */
function useFakeDate() {
	jest.useFakeTimers({
		doNotFake: ['nextTick', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout', 'queueMicrotask', 'hrtime', 'performance'],
		now: Date.now(),
	});
}
/** Moves the (fake) clock on by `ms`. */
const later = (ms: number) => jest.setSystemTime(Date.now() + ms);
const WEBHOOK_LISTINGS = () => sandbox().server.requests.filter((r) => r.method === 'GET' && r.path === '/integrations/api/webhooks');
const ours = (wf: N8nWorkflow) => receiver.deliveries.filter((d) => d.webhookId === wf.node.webhookId);

describe('the delivery token is Grinfi’s, not derived from the API key', () => {
	afterEach(() => jest.useRealTimers());

	test('after the API key changes to another key of the same team, deliveries still start the workflow; a forged token is still refused', async () => {
		useFakeDate();
		const creds = credentials();
		const wf = new N8nWorkflow(receiver, creds, { events: ['contact_replied_email'] });
		await wf.activate();
		// A second key of the same team, made through Grinfi's API; the first one is then revoked.
		const made = await fetch(`${sandbox().server.url}/id/api/jwt-tokens/create-api-key`, {
			method: 'POST',
			headers: { Authorization: `Bearer ${KEY}`, 'Content-Type': 'application/json' },
			body: JSON.stringify({ name: 'rotated' }),
		});
		const newKey = ((await made.json()) as { last_token: string }).last_token;
		const keys = sandbox().state.apiKeys as string[];
		keys.splice(keys.indexOf(KEY), 1);
		creds.grinfiApi.apiKey = newKey;
		try {
			await sandbox().state.fireEvent('contact_replied_email');
			// Long after (n8n restarted, or the token fell out of this process's memory): Grinfi's list
			// is read again, with the new key.
			later(KNOWN_MS + 1000);
			sandbox().server.clearLog();
			await sandbox().state.fireEvent('contact_replied_email');
			expect(WEBHOOK_LISTINGS().map((r) => r.headers.authorization)).toEqual([`Bearer ${newKey}`]);
			expect(ours(wf).map((d) => [d.status, d.items.length])).toEqual([
				[200, 1],
				[200, 1],
			]);

			receiver.deliveries.length = 0;
			for (const forged of [randomBytes(32).toString('hex'), randomBytes(32).toString('hex')]) {
				const { status } = await post(`${wf.url('production')}?secret=${forged}`, sample('contact_replied_email'));
				expect(status).toBe(401);
			}
			expect(ours(wf).map((d) => d.items.length)).toEqual([0, 0]);
			// Unknown tokens read Grinfi's list at most once per RELIST_MS for a URL (here: it was just read).
			expect(WEBHOOK_LISTINGS()).toHaveLength(1);
			later(RELIST_MS + 1);
			expect((await post(`${wf.url('production')}?secret=${randomBytes(32).toString('hex')}`, sample('contact_replied_email'))).status).toBe(401);
			expect(WEBHOOK_LISTINGS()).toHaveLength(2);
		} finally {
			keys.push(KEY);
			creds.grinfiApi.apiKey = KEY;
		}
		await wf.deactivate();
	});

	test('the token of another workflow’s webhook is refused', async () => {
		useFakeDate();
		const a = new N8nWorkflow(receiver, credentials(), { events: ['contact_replied_email'] });
		const b = new N8nWorkflow(receiver, credentials(), { events: ['contact_replied_email'] });
		await a.activate();
		await b.activate();
		later(KNOWN_MS + 1000); // nothing in memory: the answer comes from Grinfi's list
		expect((await post(`${a.url('production')}?secret=${secretOf(b)}`, sample('contact_replied_email'))).status).toBe(401);
		expect((await post(`${a.url('production')}?secret=${secretOf(a)}`, sample('contact_replied_email'))).status).toBe(200);
		expect(ours(a).map((d) => d.items.length)).toEqual([0, 1]);
		await a.deactivate();
		await b.deactivate();
	});

	test('a webhook deleted at Grinfi no longer lets its token in once the list is read again', async () => {
		useFakeDate();
		const wf = new N8nWorkflow(receiver, credentials(), { events: ['contact_replied_email'] });
		await wf.activate();
		const token = secretOf(wf);
		const [hook] = (sandbox().state.webhooks() as Array<Record<string, any>>).filter((w) => String(w.target_url).includes(token));
		sandbox().state.db.webhooks.delete(hook.uuid);
		later(KNOWN_MS + 1000);
		expect((await post(`${wf.url('production')}?secret=${token}`, sample('contact_replied_email'))).status).toBe(401);
		await wf.deactivate();
	});

	test('when Grinfi’s list cannot be read the delivery gets 503 (not 401) and the next one is checked again', async () => {
		useFakeDate();
		const wf = new N8nWorkflow(receiver, credentials(), { events: ['contact_replied_email'] });
		await wf.activate();
		later(KNOWN_MS + 1000);
		sandbox().server.inject({ method: 'GET', path: '/integrations/api/webhooks', status: 500, times: 1 });
		const first = await post(`${wf.url('production')}?secret=${secretOf(wf)}`, sample('contact_replied_email'));
		expect(first).toEqual({ status: 503, body: { error: 'The delivery could not be checked now; try again later.' } });
		later(RELIST_MS + 1);
		expect((await post(`${wf.url('production')}?secret=${secretOf(wf)}`, sample('contact_replied_email'))).status).toBe(200);
		expect(ours(wf).map((d) => d.items.length)).toEqual([0, 1]);
		await wf.deactivate();
	});
});

describe('test URL', () => {
	test('a test session accepts its own secret on the test URL and not the production one', async () => {
		const wf = new N8nWorkflow(receiver, credentials(), { events: ['contact_replied_email'] });
		await wf.activate('production');
		await wf.activate('test');
		await sandbox().state.fireEvent('contact_replied_email');
		const ours = receiver.deliveries.filter((d) => d.webhookId === wf.node.webhookId);
		expect(ours.map((d) => [d.kind, d.status, d.items.length]).sort()).toEqual([
			['production', 200, 1],
			['test', 200, 1],
		]);
		receiver.deliveries.length = 0;
		const crossed = await post(`${wf.url('test')}?secret=${secretOf(wf, 'production')}`, sample('contact_replied_email'));
		expect(crossed.status).toBe(401);
		await wf.deactivate('test');
		await wf.deactivate('production');
	});
});

describe('Simplify', () => {
	test('outputs event, contact name, email, LinkedIn URL, company and the message text', async () => {
		const wf = new N8nWorkflow(receiver, credentials(), { events: ['contact_replied_linkedin_message', 'contact_replied_email', 'contact_tag_added'], simplify: true });
		await wf.activate();
		const url = `${wf.url('production')}?secret=${secretOf(wf)}`;
		await post(url, {
			...sample('contact_replied_linkedin_message'),
			contact: { uuid: 'c-1', first_name: 'Ada', last_name: 'Lovelace', position: 'Analyst', linkedin: 'https://www.linkedin.com/in/ada', personal_email: 'ada@home.example' },
			account: { name: 'Analytical Engines' },
			email: null,
			linkedin_message: { subject: null, text: 'Happy to talk on Tuesday', type: 'inbox', status: 'new', sent_at: '2026-04-15 12:04:10', read_at: null },
		});
		await post(url, sample('contact_replied_email'));
		await post(url, { ...sample('contact_tag_added'), email: null });
		await sandbox().state.fireEvent('contact_replied_linkedin_message');
		const items = receiver.deliveries.map((d) => d.items[0]?.json);
		expect(items[0]).toEqual({
			event: 'contact_replied_linkedin_message',
			contact_uuid: 'c-1',
			name: 'Ada Lovelace',
			email: 'ada@home.example',
			linkedin_url: 'https://www.linkedin.com/in/ada',
			company: 'Analytical Engines',
			position: 'Analyst',
			message: 'Happy to talk on Tuesday',
			subject: null,
			sender_profile: 'Main',
			automation: 'Flow',
		});
		expect(items[1]).toMatchObject({
			event: 'contact_replied_email',
			name: 'Grace Hopper',
			email: 'grace@example.com',
			linkedin_url: 'https://www.linkedin.com/in/grace',
			company: 'Navy',
			message: 'Sounds good',
			subject: 'Re: hello',
		});
		expect(items[2]).toMatchObject({ event: 'contact_tag_added', name: 'Grace Hopper', message: null });
		// The sandbox's own delivery simplifies too.
		expect(items[3]).toMatchObject({ event: 'contact_replied_linkedin_message' });
		expect(Object.keys(items[3]!)).toEqual(Object.keys(items[0]!));
		await wf.deactivate();
	});
});

describe('filters as Grinfi applies them (the sandbox evaluates the jsonLogic sent)', () => {
	type Row = Record<string, any>;
	const contacts = (): Row[] => sandbox().state.contacts.all();
	const enrolments = (): Row[] => sandbox().state.flowLeads.all();

	/** A contact the filter should let through and one it should stop, for each kind of filter. */
	function cases(): Array<[string, object, Row, Row]> {
		const all = contacts();
		const [a] = all;
		const otherList = all.find((c) => c.list_uuid !== a.list_uuid)!;
		const tag = a.tags[0];
		const untagged = all.find((c) => !c.tags.includes(tag))!;
		const otherStage = all.find((c) => c.pipeline_stage_uuid !== a.pipeline_stage_uuid)!;
		const enrolment = enrolments()[0];
		const enrolled = all.find((c) => c.uuid === enrolment.lead_uuid)!;
		const outsider = all.find((c) => !enrolments().some((e) => e.lead_uuid === c.uuid && e.flow_uuid === enrolment.flow_uuid))!;
		return [
			['lists', { lists: [a.list_uuid] }, a, otherList],
			['tags', { tags: [tag] }, a, untagged],
			['pipelineStages', { pipelineStages: [a.pipeline_stage_uuid] }, a, otherStage],
			['automations', { automations: [enrolment.flow_uuid] }, enrolled, outsider],
		];
	}

	test('each filter lets its contacts through and stops the others', async () => {
		for (const [name, filters, inside, outside] of cases()) {
			const wf = new N8nWorkflow(receiver, credentials(), { events: ['contact_updated'], filters });
			await wf.activate();
			receiver.deliveries.length = 0;
			const outsideOverrides = name === 'automations' ? { contact: { uuid: outside.uuid }, automation: null } : { contact: { uuid: outside.uuid } };
			const insideResults = await sandbox().state.fireEvent('contact_updated', { contact: { uuid: inside.uuid } });
			const outsideResults = await sandbox().state.fireEvent('contact_updated', outsideOverrides);
			const ours = (results: Array<{ url: string }>) => results.filter((r) => r.url.startsWith(wf.url('production')));
			expect([name, ours(insideResults).length, ours(outsideResults).length]).toEqual([name, 1, 0]);
			expect(receiver.deliveries.filter((d) => d.webhookId === wf.node.webhookId).map((d) => (d.body.contact as Row).uuid)).toEqual([inside.uuid]);
			await wf.deactivate();
		}
	}, 60_000);
});
