/**
 * The pacer seen through n8n's engine against the sandboxes: a job within the window's budget goes
 * out without a single pacing wait; a job over it loses no item and never exceeds the sandbox's limit
 * in any window. The over-budget case runs on a 3-second window (setPacerWindow and the sandbox's
 * windowMs) so that it takes seconds, not minutes; nothing here asserts on wall-clock gaps.
 */
import { MAX_IN_FLIGHT, pacerKey, pacerStats, setPacerWindow } from '../../nodes/shared/pacing';
import type { LoggedRequest } from '../harness/sandbox';
import * as growthGenius from '../growthgenius/setup';
import * as grinfi from '../grinfi/setup';
import * as leadGrid from '../leadgrid/setup';

const rl = (value: string) => ({ __rl: true, mode: 'id', value });
const items = (n: number) => Array.from({ length: n }, (_, i) => ({ json: { i } }));
const failed = (result: { items: Array<{ json: Record<string, unknown>; error?: unknown }>; error?: unknown }) =>
	result.error ? -1 : result.items.filter((item) => item.json.error || item.error).length;

/** The largest number of accepted requests the server received within any `windowMs`. */
function busiestWindow(requests: LoggedRequest[], windowMs: number): number {
	const times = requests.filter((r) => r.status !== 429).map((r) => r.at).sort((a, b) => a - b);
	let most = 0;
	for (let start = 0, end = 0; end < times.length; end++) {
		while (times[end] - times[start] >= windowMs) start++;
		most = Math.max(most, end - start + 1);
	}
	return most;
}

describe('LeadGrid within the budget (600/min)', () => {
	const sandbox = leadGrid.useSandbox();

	test('300 notes are all sent without a pacing wait, at most MAX_IN_FLIGHT at once', async () => {
		const dossier = sandbox().state.dossiers.all()[0];
		const result = await leadGrid.run(sandbox(), { resource: 'note', operation: 'create', dossierId: rl(dossier.id), content: '={{ "note " + $json.i }}' }, { items: items(300) });
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.json.content)).toEqual(items(300).map((i) => `note ${i.json.i}`));
		expect(sandbox().server.requests.map((r) => r.status)).toEqual(Array(300).fill(201));
		const stats = pacerStats(pacerKey('LeadGrid', leadGrid.KEY));
		expect(stats).toMatchObject({ granted: 300, waits: 0, waitedMs: 0 });
		expect(stats.maxInFlight).toBeLessThanOrEqual(MAX_IN_FLIGHT);
	});
});

describe('Grinfi within the budget (300/min)', () => {
	const sandbox = grinfi.useSandbox();

	test('200 contact gets are all sent without a pacing wait', async () => {
		const uuid = sandbox().state.contacts.all()[0].uuid;
		const result = await grinfi.run(sandbox(), { resource: 'contact', operation: 'get', contactId: rl(uuid) }, { items: items(200) });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(200);
		expect(sandbox().server.requests.filter((r) => r.status === 200)).toHaveLength(200);
		expect(pacerStats(pacerKey('Grinfi', grinfi.KEY))).toMatchObject({ granted: 200, waits: 0 });
	});
});

describe('GrowthGenius, no documented limit', () => {
	const sandbox = growthGenius.useSandbox();

	test('700 contact gets (more than the old 120/min pace would allow in five minutes) go without a pacing wait', async () => {
		const id = String(sandbox().state.contacts.all()[0].id);
		const result = await growthGenius.run(sandbox(), { resource: 'contact', operation: 'get', contactId: growthGenius.rl(id) }, { items: items(700) });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(700);
		expect(sandbox().server.requests).toHaveLength(700);
		expect(pacerStats(pacerKey('GrowthGenius', growthGenius.KEY))).toMatchObject({ granted: 700, waits: 0 });
	});
});

describe('LeadGrid over the budget (30 per 3-second window)', () => {
	const WINDOW = 3000;
	const LIMIT = 30;
	const sandbox = leadGrid.useSandbox({ rateLimit: { limit: LIMIT, windowMs: WINDOW } });
	beforeAll(() => setPacerWindow(WINDOW));
	afterAll(() => setPacerWindow());

	test('75 notes: none fails, no 429, and no window holds more than the limit', async () => {
		const dossier = sandbox().state.dossiers.all()[0];
		const result = await leadGrid.run(sandbox(), { resource: 'note', operation: 'create', dossierId: rl(dossier.id), content: '={{ "over " + $json.i }}' }, { items: items(75), continueOnFail: true });
		expect(failed(result)).toBe(0);
		expect(result.items.map((i) => i.json.content)).toEqual(items(75).map((i) => `over ${i.json.i}`));
		const requests = sandbox().server.requests;
		expect(requests.filter((r) => r.status === 429)).toHaveLength(0);
		expect(requests).toHaveLength(75);
		expect(busiestWindow(requests, WINDOW)).toBeLessThanOrEqual(LIMIT);
		// The pacer waited for the window (it learnt the limit of 30 from X-RateLimit-Limit).
		expect(pacerStats(pacerKey('LeadGrid', leadGrid.KEY)).waits).toBeGreaterThan(0);
	});
});
