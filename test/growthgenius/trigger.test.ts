/**
 * GrowthGenius Trigger: poll() through n8n-core's real PollContext, requests over real HTTP to the
 * sandbox through the shared transport. A scripted sequence of changes (same-second updates, a
 * record updated twice, a GrowthGenius clock 30 s behind and ahead, a failed poll, a retried poll)
 * must give every observable change exactly once.
 */
import { PollContext } from 'n8n-core';
import type { IDataObject } from 'n8n-workflow';

import { GrowthGeniusTrigger } from '../../nodes/GrowthGenius/GrowthGeniusTrigger.node';
import { resetPacers } from '../../nodes/shared/pacing';
import { register, triggerSetup } from '../harness';
import { KEY, useSandbox } from './setup';

const TRIGGER = register(new GrowthGeniusTrigger());
/** The node's bound on items per poll (its notice says 500). */
const MAX_ITEMS_PER_POLL = 500;
const KEYS = { createdOrUpdated: KEY, created: 'gg_key_created', updated: 'gg_key_updated' } as const;
type Event = keyof typeof KEYS;

const sandbox = useSandbox({ apiKeys: Object.values(KEYS) });
const state = () => sandbox().state;

function trigger(event: Event, resource = 'contact', credentials: Record<string, string> = {}) {
	const setup = triggerSetup({
		type: TRIGGER,
		parameters: { resource, event, options: {} },
		credentials: { growthGeniusApi: { apiKey: KEYS[event], userId: '1', baseUrl: sandbox().server.url, ...credentials } },
		staticData: {},
	});
	return {
		event,
		async poll(mode: 'trigger' | 'manual' = 'trigger'): Promise<IDataObject[]> {
			const context = new PollContext(setup.workflow, setup.node, setup.additionalData, mode, mode === 'manual' ? 'manual' : 'activate');
			const result = await setup.nodeType.poll!.call(context);
			return (result?.[0] ?? []).map((item) => item.json);
		},
		staticData: () => setup.workflow.getStaticData('node', setup.node) as IDataObject,
	};
}

const T0 = Date.parse('2026-12-03T12:00:00.000Z');
/** Only Date is faked: HTTP, sleeps and retries run on real timers. */
function useFakeDate() {
	jest.useFakeTimers({
		doNotFake: ['nextTick', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout', 'queueMicrotask', 'hrtime', 'performance'],
		now: T0,
	});
}
const at = (seconds: number) => jest.setSystemTime(T0 + seconds * 1000);
const changeKey = (r: IDataObject) => `${String(r.id)}@${Date.parse(String(r.updated_at))}`;

afterEach(() => {
	jest.useRealTimers();
	state().setNow(null);
	state().setSkew(0);
});

describe('polling: every change exactly once', () => {
	test.each(['contact', 'message'])('scripted %s changes across polls', async (resource) => {
		useFakeDate();
		const triggers = (Object.keys(KEYS) as Event[]).map((event) => trigger(event, resource));
		const emitted: Record<Event, IDataObject[]> = { createdOrUpdated: [], created: [], updated: [] };
		interface Change { id: number; key: string; kind: 'created' | 'updated'; superseded: boolean }
		const ledger: Change[] = [];
		let sincePoll = new Map<number, Change>();
		const note = (kind: Change['kind'], record: IDataObject) => {
			const previous = sincePoll.get(record.id as number);
			if (previous) previous.superseded = true;
			const change = { id: record.id as number, key: changeKey(record), kind, superseded: false };
			ledger.push(change);
			sincePoll.set(change.id, change);
		};
		const contactId = 1102755;
		const create = (fields: IDataObject = {}) =>
			resource === 'contact' ? state().createContact(fields) : state().createMessage({ contact_id: contactId, message_type: 'email', ...fields });
		const make = (fields: IDataObject = {}) => {
			const record = create(fields);
			note('created', record);
			return record as IDataObject;
		};
		const touch = (record: IDataObject, fields: IDataObject = {}) => note('updated', state().touch(resource, record.id, fields));
		const pollAll = async () => {
			const outputs: Record<string, IDataObject[]> = {};
			for (const t of triggers) {
				outputs[t.event] = await t.poll();
				emitted[t.event].push(...outputs[t.event]);
			}
			sincePoll = new Map();
			return outputs;
		};

		// Before activation: none of this may be emitted.
		at(-120);
		create({ rendered_copy: 'old', first_name: 'Old' });
		at(-30);
		const early = create({ rendered_copy: 'early', first_name: 'Early' });
		at(-20);
		state().touch(resource, early.id, {});

		at(0);
		expect(await pollAll()).toEqual({ createdOrUpdated: [], created: [], updated: [] });
		expect(triggers[0].staticData().cursor).toBe(T0);

		at(10);
		const a = make({ first_name: 'A', rendered_copy: 'A' });
		const b = make({ first_name: 'B', rendered_copy: 'B' });
		at(20);
		const second = await pollAll();
		expect(second.createdOrUpdated.map((r) => r.id)).toEqual([a.id, b.id]);
		expect(second.updated).toEqual([]);

		// Same second: B updated and C created both stamped 30.000, a poll in between.
		at(25);
		touch(a, { title: 'one' });
		at(30);
		state().setNow(T0 + 30_000);
		touch(b, { title: 'same-second' });
		at(30.5);
		await pollAll();
		at(30.9);
		const c = make({ first_name: 'C', rendered_copy: 'C' });
		expect(c.updated_at).toBe(state().contacts.get(b.id)?.updated_at ?? state().messages.get(b.id)?.updated_at);
		state().setNow(null);
		at(40);
		expect((await pollAll()).createdOrUpdated.map((r) => r.id)).toEqual([c.id]);

		// A record updated twice, a poll after each update; E created and edited between two polls.
		at(45);
		touch(a, { title: 'two' });
		at(50);
		await pollAll();
		at(55);
		touch(a, { title: 'three' });
		at(56);
		const e = make({ first_name: 'E', rendered_copy: 'E' });
		at(57);
		touch(e, { title: 'edited' });
		at(60);
		await pollAll();

		// GrowthGenius's clock 30 s behind n8n's: its stamps land before our last cursor.
		state().setSkew(-30_000);
		at(70);
		await pollAll();
		at(71);
		touch(b, { title: 'behind' });
		at(75);
		const d = make({ first_name: 'D', rendered_copy: 'D' });
		at(80);
		expect((await pollAll()).createdOrUpdated.map((r) => r.id)).toEqual([b.id, d.id]);

		// 30 s ahead: the change is stamped in our future and shows up once our clock gets there.
		state().setSkew(30_000);
		at(85);
		touch(c, { title: 'ahead' });
		at(90);
		expect((await pollAll()).createdOrUpdated).toEqual([]);
		at(100);
		expect((await pollAll()).createdOrUpdated).toEqual([]);
		at(120);
		expect((await pollAll()).createdOrUpdated.map((r) => r.id)).toEqual([c.id]);
		state().setSkew(0);

		// A failed poll (500) throws and leaves the cursor; the next poll catches up.
		at(130);
		touch(d, { title: 'after failure' });
		const path = `/integrations/v1/${resource}s`;
		sandbox().server.inject({ method: 'GET', path, status: 500, times: triggers.length });
		at(135);
		for (const t of triggers) {
			const before = JSON.stringify(t.staticData());
			await expect(t.poll()).rejects.toThrow('GrowthGenius answered 500: Injected 500');
			expect(JSON.stringify(t.staticData())).toBe(before);
		}
		at(140);
		expect((await pollAll()).createdOrUpdated.map((r) => r.id)).toEqual([d.id]);

		// A 503 is retried inside the poll: still once.
		at(145);
		touch(e, { title: 'after 503' });
		sandbox().server.inject({ method: 'GET', path, status: 503, times: 1 });
		at(150);
		expect((await pollAll()).createdOrUpdated.map((r) => r.id)).toEqual([e.id]);

		// Quiet polls: nothing emitted, the seen-set drains to what the window can still return.
		at(300);
		await pollAll();
		at(500);
		await pollAll();
		for (const t of triggers) expect(Object.keys(t.staticData().seen as IDataObject)).toEqual([]);

		// Figures.
		const observable = ledger.filter((c) => !c.superseded);
		const expected: Record<Event, string[]> = {
			createdOrUpdated: observable.map((c) => c.key),
			created: [...new Set(ledger.filter((c) => c.kind === 'created').map((c) => String(c.id)))],
			updated: observable.filter((c) => c.kind === 'updated').map((c) => c.key),
		};
		const figures = (Object.keys(KEYS) as Event[]).map((event) => {
			const keys = emitted[event].map((r) => (event === 'created' ? String(r.id) : changeKey(r)));
			const unique = new Set(keys);
			return {
				resource,
				event,
				changesMade: ledger.length,
				observable: observable.length,
				expected: expected[event].length,
				emitted: keys.length,
				duplicates: keys.length - unique.size,
				missed: expected[event].filter((k) => !unique.has(k)).length,
				unexpected: [...unique].filter((k) => !expected[event].includes(k)).length,
			};
		});
		// eslint-disable-next-line no-console
		console.log(`GrowthGenius Trigger polling figures (${resource}):\n${JSON.stringify(figures, null, 1)}`);
		for (const f of figures) {
			expect(f).toMatchObject({ duplicates: 0, missed: 0, unexpected: 0 });
			expect(f.emitted).toBe(f.expected);
		}
		expect(figures.map((f) => [f.changesMade, f.observable, f.expected])).toEqual([
			[14, 13, 13],
			[14, 13, 5],
			[14, 13, 9],
		]);
	});
});

describe('activation, manual runs and failures', () => {
	test('a manual test run returns the latest records and leaves the cursor alone', async () => {
		const t = trigger('createdOrUpdated');
		const base = Date.now() - 10_000;
		const made = [1, 2, 3, 4, 5, 6].map((n) => {
			state().setNow(base + n * 1000);
			return state().createContact({ first_name: `Manual ${n}` });
		});
		state().setNow(base + 7000);
		state().touch('contact', made[0].id, { title: 'touched last' });
		state().setNow(null);
		const sample = await t.poll('manual');
		expect(sample.map((r) => r.id)).toEqual([made[0].id, made[5].id, made[4].id, made[3].id, made[2].id]);
		expect(t.staticData()).toEqual({});
		expect(sandbox().server.requests).toHaveLength(1);
	});

	test('a manual run of "Updated" shows only records changed after their creation', async () => {
		const t = trigger('updated');
		const fresh = state().createContact({ first_name: 'Fresh' });
		const sample = await t.poll('manual');
		expect(sample.map((r) => r.id)).not.toContain(fresh.id);
		expect(sample.every((r) => r.created_at !== r.updated_at)).toBe(true);
	});

	test('the first poll floods nothing, even with recent changes', async () => {
		const t = trigger('createdOrUpdated');
		state().createContact({ first_name: 'Just before activation' });
		expect(await t.poll()).toEqual([]);
		expect(await t.poll()).toEqual([]);
		expect(typeof t.staticData().cursor).toBe('number');
	});

	test('a failed first poll stores nothing; the next one starts the cursor', async () => {
		const t = trigger('createdOrUpdated');
		sandbox().server.inject({ method: 'GET', path: '/integrations/v1/contacts', status: 500 });
		await expect(t.poll()).rejects.toThrow('GrowthGenius answered 500');
		expect(t.staticData()).toEqual({});
		expect(await t.poll()).toEqual([]);
		expect(typeof t.staticData().cursor).toBe('number');
	});

	test('without a User ID: a clear error naming the field and no request', async () => {
		const t = trigger('createdOrUpdated', 'contact', { userId: '' });
		await expect(t.poll()).rejects.toThrow('User ID is missing in the GrowthGenius credential');
		expect(sandbox().server.requests).toEqual([]);
		expect(t.staticData()).toEqual({});
	});

	test('every poll sends the key alone, user_id, from = cursor − 60 s and to = now', async () => {
		useFakeDate();
		const t = trigger('createdOrUpdated', 'message');
		at(0);
		await t.poll();
		at(60);
		await t.poll();
		const [first, second] = sandbox().server.requests;
		expect(first.headers.authorization).toBe(KEY);
		expect([second.method, second.path]).toEqual(['GET', '/integrations/v1/messages']);
		expect(second.query).toEqual([
			['from', '2026-12-03T11:59:00.000Z'],
			['to', '2026-12-03T12:01:00.000Z'],
			['user_id', '1'],
		]);
		expect(first.query).toEqual([
			['from', '2026-12-03T11:59:00.000Z'],
			['to', '2026-12-03T12:01:00.000Z'],
			['user_id', '1'],
		]);
	});
});

/** A clock of its own for each test below, days apart, so records of other tests stay out of its windows. */
function clockFrom(iso: string) {
	const t0 = Date.parse(iso);
	return { t0, at: (seconds: number) => jest.setSystemTime(t0 + seconds * 1000) };
}

describe('messages as documented (sent_at only, no created_at or updated_at)', () => {
	afterEach(() => state().setMessageStamps(true));

	test('"Created" fires on the first sighting of each message, once; an edit is an update, not a creation', async () => {
		useFakeDate();
		const { at } = clockFrom('2027-01-10T12:00:00.000Z');
		state().setMessageStamps(false);
		const created = trigger('created', 'message');
		const any = trigger('createdOrUpdated', 'message');
		const both = [created, any];
		at(0);
		for (const t of both) expect(await t.poll()).toEqual([]);
		at(10);
		const a = state().createMessage({ contact_id: 1102755, message_type: 'email', rendered_copy: 'A', sent_at: '2019-08-09T07:10:41.275-04:00' });
		const b = state().createMessage({ contact_id: 1102755, message_type: 'email', rendered_copy: 'B', sent_at: '2019-08-09T07:11:00.000-04:00' });
		at(20);
		const [firstCreated, firstAny] = [await created.poll(), await any.poll()];
		expect(firstCreated.map((m) => m.id)).toEqual([a.id, b.id]);
		expect(firstCreated[0]).not.toHaveProperty('created_at');
		expect(firstAny.map((m) => m.id)).toEqual([a.id, b.id]);
		at(40);
		for (const t of both) expect(await t.poll()).toEqual([]);
		// An edit long after the first sighting fell out of the seen-set: an update, not a new message.
		at(600);
		for (const t of both) expect(await t.poll()).toEqual([]);
		state().touch('message', a.id, { rendered_copy: 'A, edited' });
		at(620);
		expect(await created.poll()).toEqual([]);
		expect((await any.poll()).map((m) => [m.id, m.rendered_copy])).toEqual([[a.id, 'A, edited']]);
		at(640);
		for (const t of both) expect(await t.poll()).toEqual([]);
	});
});

describe('after a long outage', () => {
	test(`a poll emits at most ${MAX_ITEMS_PER_POLL} items; the next polls catch up without gaps or duplicates`, async () => {
		useFakeDate();
		const { t0, at } = clockFrom('2027-02-10T12:00:00.000Z');
		const triggers = (['created', 'createdOrUpdated'] as Event[]).map((event) => trigger(event));
		at(0);
		for (const t of triggers) await t.poll();
		// A day without polls: 1234 contacts, three per second (so a poll can stop inside one second),
		// one of them edited later during the outage.
		const made: IDataObject[] = [];
		for (let i = 0; i < 1234; i++) {
			state().setNow(t0 + 3600_000 + Math.floor(i / 3) * 1000);
			made.push(state().createContact({ first_name: `Backlog ${i}` }));
		}
		state().setNow(t0 + 20 * 3600_000);
		state().touch('contact', made[7].id, { title: 'edited in the outage' });
		state().setNow(null);
		const emitted: Record<string, IDataObject[][]> = { created: [], createdOrUpdated: [] };
		let minute = 0;
		const pollAll = async () => {
			at(24 * 3600 + 60 * minute++);
			for (const t of triggers) emitted[t.event].push(await t.poll());
		};
		for (let i = 0; i < 3; i++) await pollAll();
		// A contact created while catching up is not lost either.
		const late = state().createContact({ first_name: 'During catch-up' });
		for (let i = 0; i < 3; i++) await pollAll();
		const expected = [...made.map((r) => r.id), late.id];
		for (const event of ['created', 'createdOrUpdated']) {
			const sizes = emitted[event].map((batch) => batch.length);
			// eslint-disable-next-line no-console
			console.log(`GrowthGenius Trigger after an outage (${event}): items per poll ${JSON.stringify(sizes)}`);
			expect(Math.max(...sizes)).toBe(MAX_ITEMS_PER_POLL);
			const ids = emitted[event].flat().map((r) => r.id);
			expect(ids).toHaveLength(expected.length);
			expect(new Set(ids).size).toBe(ids.length);
			expect([...ids].sort()).toEqual([...expected].sort());
			expect(sizes.slice(-1)).toEqual([0]);
		}
		for (const r of sandbox().server.requests) {
			const q = Object.fromEntries(r.query);
			expect(Date.parse(q.from)).toBeLessThanOrEqual(Date.parse(q.to));
		}
	});
});

describe('a clock that moves back', () => {
	test('never asks for from > to, and loses or repeats nothing', async () => {
		useFakeDate();
		const { t0, at } = clockFrom('2027-03-10T12:00:00.000Z');
		const t = trigger('createdOrUpdated');
		at(0);
		await t.poll();
		at(60);
		await t.poll();
		// n8n's clock is set back ten minutes (e.g. corrected by NTP); GrowthGenius's is not.
		state().setSkew(600_000);
		at(-540);
		resetPacers(); // the pacer's own schedule is on the old clock; not what this test is about
		const a = state().createContact({ first_name: 'While back' });
		const out: IDataObject[] = [];
		out.push(...(await t.poll()));
		at(-480);
		out.push(...(await t.poll()));
		expect(t.staticData().cursor).toBe(t0 + 60_000); // the window never moved back
		for (const r of sandbox().server.requests) {
			const q = Object.fromEntries(r.query);
			expect(Date.parse(q.from)).toBeLessThanOrEqual(Date.parse(q.to));
		}
		// The clock comes forward again.
		state().setSkew(0);
		for (const s of [70, 130, 200]) {
			at(s);
			out.push(...(await t.poll()));
		}
		expect(out.map((r) => r.id)).toEqual([a.id]);
		expect(t.staticData().cursor).toBe(t0 + 200_000);
	});
});
