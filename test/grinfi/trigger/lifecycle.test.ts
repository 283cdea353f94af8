/**
 * Grinfi Trigger lifecycle against the Grinfi sandbox: what activation registers, that repeated
 * activation never leaks or doubles a webhook, recovery from changes made behind n8n's back, and
 * all-or-nothing registration. Hooks run through n8n-core's HookContext (see ./n8n.ts).
 */
import { GRINFI_EVENTS } from '../../../nodes/Grinfi/trigger/events';
import { useSandbox, KEY } from '../setup';
import { N8nWorkflow, Receiver } from './n8n';

const sandbox = useSandbox();
const receiver = new Receiver();
beforeAll(async () => await receiver.listen());
afterAll(async () => await receiver.close());

const WEBHOOKS = '/integrations/api/webhooks';
const credentials = () => ({ grinfiApi: { apiKey: KEY, baseUrl: sandbox().server.url } });
const label = (event: string) => GRINFI_EVENTS.find((e) => e.value === event)!.name;

function workflow(parameters: object, name?: string) {
	return new N8nWorkflow(receiver, credentials(), parameters as never, name);
}

/** Webhooks the sandbox holds whose URL is one of this workflow's. */
function hooksOf(wf: N8nWorkflow, kind?: 'production' | 'test'): Array<Record<string, any>> {
	const urls = kind ? [wf.url(kind)] : [wf.url('production'), wf.url('test')];
	return (sandbox().state.webhooks() as Array<Record<string, any>>).filter((w) => urls.includes(String(w.target_url).split('?')[0]));
}

function requests(method?: string) {
	return sandbox().server.requests.filter((r) => r.path.startsWith(WEBHOOKS) && (!method || r.method === method));
}

/** Makes the sandbox answer the `nth` POST that creates a webhook with `status` (test-only wrapper). */
function failNthCreate(nth: number, status: number) {
	const server = sandbox().server as any;
	const route = server.routes.find((r: any) => r.method === 'POST' && r.regex.test(WEBHOOKS));
	const original = route.handler;
	let calls = 0;
	route.handler = async (req: any) => {
		calls++;
		if (calls === nth) {
			throw server.error(status, status === 422 ? 'validation_error' : 'internal', status === 422 ? 'The target url has already been taken.' : 'Server error');
		}
		return await original(req);
	};
	return () => (route.handler = original);
}

const EVENTS = ['contact_replied_linkedin_message', 'contact_replied_email', 'email_bounced'];

/** A change made in Grinfi by someone else (through Grinfi's API), left out of the request log. */
async function behindTheBack(method: 'PUT' | 'DELETE', uuid: string, body?: object) {
	const response = await fetch(`${sandbox().server.url}${WEBHOOKS}/${uuid}`, {
		method,
		headers: { Authorization: `Bearer ${KEY}`, 'Content-Type': 'application/json' },
		body: body ? JSON.stringify(body) : undefined,
	});
	expect(response.status).toBeLessThan(300);
	const log = sandbox().server.requests;
	log.splice(log.length - 1, 1);
}

afterEach(async () => {
	// No test leaves webhooks behind for the next one.
	for (const w of sandbox().state.webhooks() as Array<Record<string, any>>) {
		if (String(w.target_url).startsWith(receiver.url)) await behindTheBack('DELETE', w.uuid);
	}
});

describe('activation', () => {
	test('registers exactly one webhook per selected event, with name, URL and secret, method, filters and status', async () => {
		const wf = workflow({ events: EVENTS, filters: { automations: ['flow-1', 'flow-2'], lists: ['list-1'] } });
		await wf.activate();
		const posts = requests('POST');
		expect(requests().map((r) => r.method)).toEqual(['GET', 'POST', 'POST', 'POST']);
		// Each webhook has a random token of its own in its URL; n8n keeps no copy.
		const tokens = posts.map((r) => new URL(r.body.target_url).searchParams.get('secret')!);
		expect(tokens.every((t) => /^[0-9a-f]{64}$/.test(t))).toBe(true);
		expect(new Set(tokens).size).toBe(EVENTS.length);
		expect(JSON.stringify(wf.staticData())).not.toMatch(/[0-9a-f]{64}/);
		const filters = {
			jsonLogic: {
				data: { flows: [{ flow_uuid: 'flow-1' }, { flow_uuid: 'flow-2' }] },
				logic: {
					and: [
						{
							or: [
								{ some: [{ var: 'flows' }, { '==': [{ var: 'flow_uuid' }, 'flow-1'] }] },
								{ some: [{ var: 'flows' }, { '==': [{ var: 'flow_uuid' }, 'flow-2'] }] },
							],
						},
						{ in: [{ var: 'list_uuid' }, ['list-1']] },
					],
				},
			},
		};
		expect(posts.map((r) => ({ path: r.path, body: r.body }))).toEqual(
			EVENTS.map((event, i) => ({
				path: WEBHOOKS,
				body: {
					name: `n8n: Reply Router – ${label(event)}`,
					event,
					target_url: `${wf.url('production')}?secret=${tokens[i]}`,
					request_method: 'POST',
					filters,
					status: 'on',
				},
			})),
		);
		const held = hooksOf(wf);
		expect(held.map((w) => w.event).sort()).toEqual([...EVENTS].sort());
		expect((wf.staticData().production as any).hooks).toEqual(Object.fromEntries(held.map((w) => [w.event, w.uuid])));
		console.log(`[grinfi trigger] requests per activation (${EVENTS.length} events): ${requests().length} = 1 listing + ${posts.length} registrations`);
		await wf.deactivate();
		expect(hooksOf(wf)).toHaveLength(0);
	});

	test('without filters sends filters null; a single automation uses the documented jsonLogic form', async () => {
		const plain = workflow({ events: ['contact_enriched'] });
		await plain.activate();
		expect(requests('POST')[0].body.filters).toBeNull();
		await plain.deactivate();
		sandbox().server.clearLog();

		const one = workflow({ events: ['contact_enriched'], filters: { automations: ['F'] } });
		await one.activate();
		expect(requests('POST')[0].body.filters).toEqual({
			jsonLogic: { data: { flows: [{ flow_uuid: 'F' }] }, logic: { or: [{ some: [{ var: 'flows' }, { '==': [{ var: 'flow_uuid' }, 'F'] }] }] } },
		});
		await one.deactivate();
		sandbox().server.clearLog();

		const tagsAndStages = workflow({ events: ['contact_enriched'], filters: { tags: ['T1', 'T2'], pipelineStages: ['S1'] } });
		await tagsAndStages.activate();
		expect(requests('POST')[0].body.filters).toEqual({
			jsonLogic: {
				logic: {
					and: [
						{ some: [{ var: 'tags' }, { in: [{ var: '' }, ['T1', 'T2']] }] },
						{ in: [{ var: 'pipeline_stage_uuid' }, ['S1']] },
					],
				},
			},
		});
		await tagsAndStages.deactivate();
	});

	test('custom filters JSON is sent as it is', async () => {
		const custom = { jsonLogic: { logic: { '==': [{ var: 'status' }, 'ok'] } }, filter_tree_format: null };
		const wf = workflow({ events: ['contact_created'], filters: { customFilters: JSON.stringify(custom) } });
		await wf.activate();
		expect(requests('POST')[0].body.filters).toEqual(custom);
		await wf.deactivate();
	});

	test('invalid custom filters JSON: a clear error naming the field, and nothing is sent', async () => {
		const wf = workflow({ events: ['contact_created'], filters: { customFilters: '{"jsonLogic": ' } });
		await expect(wf.activate()).rejects.toThrow('Custom Filters (JSON) is not valid JSON');
		const notObject = workflow({ events: ['contact_created'], filters: { customFilters: '[1,2]' } });
		await expect(notObject.activate()).rejects.toThrow('Custom Filters (JSON) must be a JSON object');
		const both = workflow({ events: ['contact_created'], filters: { customFilters: '{"a":1}', tags: ['T'] } });
		await expect(both.activate()).rejects.toThrow('Use either Custom Filters (JSON) or the automation, list, tag and stage filters, not both');
		// Only n8n's clean-up after the failed activation may look (GET); nothing is registered or deleted.
		expect(requests().filter((r) => r.method !== 'GET')).toHaveLength(0);
	});

	test('activating again with everything in place makes one listing and no registration', async () => {
		const wf = workflow({ events: EVENTS });
		await wf.activate();
		sandbox().server.clearLog();
		await wf.activate(); // e.g. n8n restarting: checkExists answers true, create is not called
		expect(requests().map((r) => r.method)).toEqual(['GET']);
		expect(hooksOf(wf)).toHaveLength(EVENTS.length);
		await wf.deactivate();
	});
});

describe('repeated activation', () => {
	test('20 activate/deactivate cycles leave no webhook behind and never two for one event', async () => {
		const wf = workflow({ events: EVENTS.slice(0, 2) });
		let maxPerEvent = 0;
		const perActivation: number[] = [];
		for (let cycle = 0; cycle < 20; cycle++) {
			const before = requests().length;
			await wf.activate();
			perActivation.push(requests().length - before);
			const active = hooksOf(wf);
			expect(active.map((w) => w.event).sort()).toEqual(EVENTS.slice(0, 2).sort());
			for (const event of EVENTS.slice(0, 2)) maxPerEvent = Math.max(maxPerEvent, active.filter((w) => w.event === event).length);
			await wf.deactivate();
			expect(hooksOf(wf)).toHaveLength(0);
			expect(wf.staticData()).toEqual({});
		}
		const registrations = requests('POST').length;
		const deletions = requests('DELETE').length;
		const leaks = hooksOf(wf).length;
		console.log(
			`[grinfi trigger] 20 cycles x 2 events: registrations=${registrations} deletions=${deletions} leaks=${leaks} ` +
				`max webhooks per event=${maxPerEvent} requests per activation=${Math.max(...perActivation)} (1 listing + 2 registrations)`,
		);
		expect(registrations).toBe(40);
		expect(deletions).toBe(40);
		expect(leaks).toBe(0);
		expect(maxPerEvent).toBe(1);
		expect(Math.max(...perActivation)).toBe(3);
	}, 120_000);

	test('a webhook deleted in Grinfi behind n8n’s back is re-created by checkExists + create', async () => {
		const wf = workflow({ events: EVENTS });
		await wf.activate();
		const victim = hooksOf(wf).find((w) => w.event === 'contact_replied_email')!;
		await behindTheBack('DELETE', victim.uuid);
		expect(hooksOf(wf)).toHaveLength(2);
		sandbox().server.clearLog();
		await wf.activate();
		expect(requests().map((r) => `${r.method} ${r.body?.event ?? ''}`.trim())).toEqual(['GET', 'POST contact_replied_email']);
		const after = hooksOf(wf);
		expect(after.map((w) => w.event).sort()).toEqual([...EVENTS].sort());
		expect(after.find((w) => w.event === 'contact_replied_email')!.uuid).not.toBe(victim.uuid);
		await wf.deactivate();
		expect(hooksOf(wf)).toHaveLength(0);
	});

	test('a webhook changed in Grinfi (switched off, other URL or filters) is replaced', async () => {
		const wf = workflow({ events: EVENTS });
		await wf.activate();
		const [off, refiltered, moved] = hooksOf(wf);
		await behindTheBack('PUT', off.uuid, { status: 'off' });
		await behindTheBack('PUT', refiltered.uuid, { filters: { jsonLogic: { logic: { '==': [1, 1] } } } });
		await behindTheBack('PUT', moved.uuid, { target_url: 'https://elsewhere.example/hook' });
		await wf.activate();
		const after = hooksOf(wf);
		expect(after.map((w) => w.event).sort()).toEqual([...EVENTS].sort());
		const uuids = after.map((w) => w.uuid);
		expect(uuids).not.toContain(off.uuid);
		expect(uuids).not.toContain(refiltered.uuid);
		const all = (sandbox().state.webhooks() as Array<Record<string, any>>).map((w) => w.uuid);
		expect(all).not.toContain(moved.uuid); // the moved one was ours: deleted, not left behind
		expect(after.every((w) => w.status === 'on' && w.filters === null)).toBe(true);
		await wf.deactivate();
	});

	test('webhooks left at Grinfi after the static data was lost are removed, not doubled', async () => {
		const wf = workflow({ events: EVENTS });
		await wf.activate();
		const staticData = wf.production.getStaticData('node', wf.node);
		delete staticData.production;
		await wf.activate();
		const after = hooksOf(wf);
		expect(after).toHaveLength(EVENTS.length);
		expect(new Set(after.map((w) => w.event)).size).toBe(EVENTS.length);
		await wf.deactivate();
		expect(hooksOf(wf)).toHaveLength(0);
	});

	test.each([422, 500])('a %i on the 2nd registration leaves nothing registered and says what happened', async (status) => {
		const wf = workflow({ events: EVENTS });
		const restore = failNthCreate(2, status);
		try {
			const failure = wf.activate();
			await expect(failure).rejects.toThrow(`Could not register the Grinfi webhook for "${label(EVENTS[1])}": Grinfi answered ${status}`);
			await failure.catch((error) => {
				expect(error.httpCode).toBe(String(status));
				expect(error.description).toContain('The 1 webhook(s) registered before it were deleted again');
			});
		} finally {
			restore();
		}
		expect(hooksOf(wf)).toHaveLength(0);
		expect(requests('POST')).toHaveLength(2); // nothing after the failure
		expect(requests('DELETE')).toHaveLength(1);
		expect(wf.staticData()).toEqual({});
		await wf.activate();
		expect(hooksOf(wf)).toHaveLength(EVENTS.length);
		await wf.deactivate();
	});

	test('a registration error that echoes the target URL shows no delivery token', async () => {
		const server = sandbox().server as any;
		const route = server.routes.find((r: any) => r.method === 'POST' && r.regex.test(WEBHOOKS));
		const original = route.handler;
		route.handler = async (req: any) => {
			const url = req.body.target_url;
			// A provider that quotes the input back, in the message and in the field errors.
			throw Object.assign(server.error(422, 'validation_error', `The target url ${url} is not reachable.`), {
				body: { error: { reason: 'validation_error', message: `The target url ${url} is not reachable.`, data: { target_url: [`${url} answered 404`] } } },
			});
		};
		const wf = workflow({ events: ['contact_replied_email'] });
		let caught: any;
		try {
			await wf.activate().catch((error) => (caught = error));
		} finally {
			route.handler = original;
		}
		const [sent] = requests('POST');
		const token = new URL(sent.body.target_url).searchParams.get('secret')!;
		expect(token).toMatch(/^[0-9a-f]{64}$/);
		expect(caught.message).toContain(`Could not register the Grinfi webhook for "${label('contact_replied_email')}": Grinfi answered 422: The target url ${wf.url('production')}?secret=*** is not reachable.`);
		expect(caught.description).toContain(`target_url: ${wf.url('production')}?secret=*** answered 404`);
		const everything = JSON.stringify({ ...caught, message: caught.message, description: caught.description, cause: caught.cause, stack: caught.stack });
		expect(everything).not.toContain(token);
	});

	test('changing the events re-registers only what changed; changing the filters re-registers all', async () => {
		const wf = workflow({ events: ['contact_replied_email', 'email_bounced'] });
		await wf.activate();
		const kept = hooksOf(wf).find((w) => w.event === 'email_bounced')!;
		wf.setParameters({ events: ['email_bounced', 'contact_opened_email'] });
		await wf.activate();
		let after = hooksOf(wf);
		expect(after.map((w) => w.event).sort()).toEqual(['contact_opened_email', 'email_bounced']);
		expect(after.find((w) => w.event === 'email_bounced')!.uuid).toBe(kept.uuid);

		wf.setParameters({ events: ['email_bounced', 'contact_opened_email'], filters: { tags: ['hot'] } });
		sandbox().server.clearLog();
		await wf.activate();
		after = hooksOf(wf);
		expect(after).toHaveLength(2);
		expect(after.map((w) => w.uuid)).not.toContain(kept.uuid);
		expect(after.every((w) => JSON.stringify(w.filters).includes('hot'))).toBe(true);
		expect(requests().map((r) => r.method)).toEqual(['GET', 'DELETE', 'DELETE', 'POST', 'POST']);
		await wf.deactivate();
		expect(hooksOf(wf)).toHaveLength(0);
	});

	test('after n8n’s webhook URL changed, activation moves every webhook to the new URL', async () => {
		const wf = workflow({ events: EVENTS });
		await wf.activate();
		const old = hooksOf(wf, 'production').map((w) => w.uuid);
		wf.webhookBase = `${receiver.url}/moved/webhook`;
		sandbox().server.clearLog();
		await wf.activate();
		expect(requests().map((r) => r.method)).toEqual(['GET', 'DELETE', 'DELETE', 'DELETE', 'POST', 'POST', 'POST']);
		const all = sandbox().state.webhooks() as Array<Record<string, any>>;
		expect(all.filter((w) => old.includes(w.uuid))).toHaveLength(0);
		const moved = all.filter((w) => String(w.target_url).startsWith(`${wf.url('production')}?secret=`));
		expect(moved.map((w) => w.event).sort()).toEqual([...EVENTS].sort());
		await wf.deactivate();
		expect((sandbox().state.webhooks() as Array<Record<string, any>>).filter((w) => String(w.target_url).startsWith(receiver.url))).toHaveLength(0);
	});

	test('a long workflow name is cut so the webhook name stays within Grinfi’s 255 characters', async () => {
		const wf = workflow({ events: ['contact_created'] }, 'W'.repeat(300));
		await wf.activate();
		const [hook] = hooksOf(wf);
		expect(hook.name).toHaveLength(255);
		expect(hook.name.startsWith('n8n: WWW')).toBe(true);
		await wf.deactivate();
	});

	test('a stale webhook that cannot be deleted fails the activation, and is retried rather than taken for valid', async () => {
		const wf = workflow({ events: EVENTS, filters: { tags: ['cold'] } });
		await wf.activate();
		const first = hooksOf(wf).map((w) => w.uuid);
		wf.setParameters({ events: EVENTS, filters: { tags: ['hot'] } });
		sandbox().server.inject({ method: 'DELETE', status: 500, times: 1 });
		await expect(wf.activate()).rejects.toThrow('Could not clean up before activation: 1 Grinfi webhook(s) could not be deleted');
		// n8n removed what was registered after the failure (our stand-in calls delete, as n8n does).
		expect(hooksOf(wf)).toHaveLength(0);
		await wf.activate();
		const after = hooksOf(wf);
		expect(after).toHaveLength(EVENTS.length);
		expect(after.some((w) => first.includes(w.uuid))).toBe(false);
		expect(after.every((w) => JSON.stringify(w.filters).includes('hot'))).toBe(true);
		await wf.deactivate();
	});

	test('deactivation tolerates webhooks already gone and forgets them all', async () => {
		const wf = workflow({ events: EVENTS });
		await wf.activate();
		for (const w of hooksOf(wf).slice(0, 2)) await behindTheBack('DELETE', w.uuid);
		await expect(wf.deactivate()).resolves.toBe(true);
		expect(hooksOf(wf)).toHaveLength(0);
		expect(wf.staticData()).toEqual({});
	});

	test('a failed deletion is reported, and the webhook is kept in mind for the next attempt', async () => {
		const wf = workflow({ events: EVENTS });
		await wf.activate();
		sandbox().server.inject({ method: 'DELETE', status: 500, times: 1 });
		await expect(wf.deactivate()).rejects.toThrow('Could not deactivate: 1 Grinfi webhook(s) could not be deleted');
		expect(hooksOf(wf)).toHaveLength(1);
		expect(Object.keys((wf.staticData().production as any).hooks)).toHaveLength(1);
		await wf.deactivate();
		expect(hooksOf(wf)).toHaveLength(0);
		expect(wf.staticData()).toEqual({});
	});
});

describe('test URL and production URL', () => {
	test('both registered at once, and neither removes the other’s webhooks', async () => {
		const wf = workflow({ events: EVENTS.slice(0, 2) });
		await wf.activate('production');
		await wf.activate('test'); // "listen for test event" while the workflow is active
		expect(hooksOf(wf, 'production')).toHaveLength(2);
		expect(hooksOf(wf, 'test')).toHaveLength(2);
		expect(hooksOf(wf, 'test').every((w) => w.name.startsWith('n8n (test): Reply Router – '))).toBe(true);
		const tokensOf = (kind: 'production' | 'test') => hooksOf(wf, kind).map((w) => new URL(w.target_url).searchParams.get('secret'));
		expect(tokensOf('test').filter((t) => tokensOf('production').includes(t))).toEqual([]);

		await wf.deactivate('test');
		expect(hooksOf(wf, 'test')).toHaveLength(0);
		expect(hooksOf(wf, 'production')).toHaveLength(2);

		// A new test session starts again from the production static data.
		await wf.activate('test');
		expect(hooksOf(wf, 'production')).toHaveLength(2);
		expect(hooksOf(wf, 'test')).toHaveLength(2);
		await wf.deactivate('production');
		expect(hooksOf(wf, 'production')).toHaveLength(0);
		expect(hooksOf(wf, 'test')).toHaveLength(2);
		await wf.deactivate('test');
		expect(hooksOf(wf)).toHaveLength(0);
	});

	test('a failed test registration does not touch the production webhooks', async () => {
		const wf = workflow({ events: EVENTS.slice(0, 2) });
		await wf.activate('production');
		const restore = failNthCreate(1, 422);
		try {
			await expect(wf.activate('test')).rejects.toThrow('Could not register the Grinfi webhook');
		} finally {
			restore();
		}
		expect(hooksOf(wf, 'test')).toHaveLength(0);
		expect(hooksOf(wf, 'production')).toHaveLength(2);
		await wf.deactivate('production');
	});
});

test('each of the 19 events can be chosen and is registered as its own webhook', async () => {
	expect(GRINFI_EVENTS).toHaveLength(19);
	const wf = workflow({ events: GRINFI_EVENTS.map((e) => e.value) });
	await wf.activate();
	expect(requests('POST')).toHaveLength(19);
	expect(new Set(hooksOf(wf).map((w) => w.event)).size).toBe(19);
	await wf.deactivate();
	expect(hooksOf(wf)).toHaveLength(0);
}, 60_000);
