/** The pacer's arithmetic: spacing under the limit, others' use of the key, Retry-After pauses. */
import { acquireSlot, nextSlotIn, noteRemaining, pacerKey, pauseUntil, resetPacers } from '../../nodes/shared/pacing';

beforeEach(() => resetPacers());

test('keys are per provider and API key, and never the key itself', () => {
	const key = pacerKey('LeadGrid', 'lg_live_secret');
	expect(key).toMatch(/^[0-9a-f]{64}$/);
	expect(key).not.toContain('secret');
	expect(pacerKey('Grinfi', 'lg_live_secret')).not.toBe(key);
});

test('requests of one key start window/limit apart', async () => {
	const key = pacerKey('LeadGrid', 'k1');
	await acquireSlot(key, 600);
	expect(nextSlotIn(key)).toBeGreaterThan(90);
	expect(nextSlotIn(key)).toBeLessThanOrEqual(100);
	expect(nextSlotIn(pacerKey('LeadGrid', 'k2'))).toBe(0);
});

test('a low X-RateLimit-Remaining that this process does not explain shrinks the budget', async () => {
	const key = pacerKey('LeadGrid', 'shared-key');
	await acquireSlot(key, 600);
	// The server says 10 left; we sent 1, so others sent 589 in this window: 11 remain for us.
	noteRemaining(key, 10, 600);
	await acquireSlot(key, 600);
	expect(nextSlotIn(key)).toBeGreaterThan(60_000 / 11 - 200);
});

test('remaining explained by our own requests does not slow us', async () => {
	const key = pacerKey('LeadGrid', 'own-key');
	for (let i = 0; i < 3; i++) await acquireSlot(key, 600);
	noteRemaining(key, 597, 600);
	await acquireSlot(key, 600);
	expect(nextSlotIn(key)).toBeLessThanOrEqual(110);
});

test('a 429 pause holds every request of the key', () => {
	const key = pacerKey('Grinfi', 'k');
	pauseUntil(key, Date.now() + 5000);
	expect(nextSlotIn(key)).toBeGreaterThan(4900);
});
