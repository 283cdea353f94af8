/** User, Teams and API Keys through n8n's engine against the Grinfi sandbox. */
import { expectRequest, itemsOf, json, onlyRequest, rl } from './helpers';
import { run, useSandbox } from '../setup';

const sandbox = useSandbox();
const state = () => sandbox().state;
const team = () => state().db.teams.all()[0];
const presentTeam = (t: any) => json({ ...t, credits: { ...t.credits, advanced_enrichment: state().credits } });

test('User → Get: GET /id/api/users/current', async () => {
	const result = await run(sandbox(), { resource: 'user', operation: 'get' });
	expect(result.error).toBeUndefined();
	expectRequest(onlyRequest(sandbox()), { method: 'GET', path: '/id/api/users/current' });
	expect(itemsOf(result)).toEqual([json(state().db.users.get(20))]);
	expect(result.items[0].json).toMatchObject({ id: 20, first_name: 'Alex', last_name: 'Sandbox', email: 'alex@sandbox-outreach.example' });
});

test('Team → Get Many: GET /id/api/teams paged at 100', async () => {
	const result = await run(sandbox(), { resource: 'team', operation: 'getAll', returnAll: true });
	expect(result.error).toBeUndefined();
	expectRequest(onlyRequest(sandbox()), { method: 'GET', path: '/id/api/teams', query: [['limit', '100'], ['offset', '0']] });
	expect(itemsOf(result)).toEqual([presentTeam(team())]);
});

test('Team → Get: GET /id/api/teams/{id}', async () => {
	const result = await run(sandbox(), { resource: 'team', operation: 'get', teamId: rl(134) });
	expect(result.error).toBeUndefined();
	expectRequest(onlyRequest(sandbox()), { method: 'GET', path: '/id/api/teams/134' });
	expect(itemsOf(result)).toEqual([presentTeam(team())]);
	expect(result.items[0].json).toMatchObject({ id: 134, name: 'Sandbox Outreach Team' });
});

test('Team → Check Limits: POST /id/api/teams/{id}/check-limits', async () => {
	const result = await run(sandbox(), { resource: 'team', operation: 'checkLimits', teamId: rl(134), senderProfilesLimit: 3 });
	expect(result.error).toBeUndefined();
	expectRequest(onlyRequest(sandbox()), { method: 'POST', path: '/id/api/teams/134/check-limits', body: { sender_profiles_limit: 3 } });
	const used = state().senderProfiles.size;
	expect(itemsOf(result)).toEqual([{ monthly: { sender_profiles: { limit: 10, used, available: 10 - used, requested: 3 } }, yearly: null }]);
});

test('Team → Check Limits over the plan is a 402 with the provider message', async () => {
	const result = await run(sandbox(), { resource: 'team', operation: 'checkLimits', teamId: rl(134), senderProfilesLimit: 50 });
	expect(result.error?.httpCode).toBe('402');
	expect(result.error?.message).toMatch(/^Grinfi answered 402: Your subscription allows 10 sender profiles/);
});

test('Team ID must be a number: the ID mode refuses anything else before sending', async () => {
	await expect(run(sandbox(), { resource: 'team', operation: 'get', teamId: rl('abc') })).rejects.toThrow(/A team ID is a number/);
	expect(sandbox().server.requests).toHaveLength(0);
});

test('API Key → Create: POST /id/api/jwt-tokens/create-api-key', async () => {
	const result = await run(sandbox(), { resource: 'apiKey', operation: 'create', keyName: 'n8n production' });
	expect(result.error).toBeUndefined();
	expectRequest(onlyRequest(sandbox()), { method: 'POST', path: '/id/api/jwt-tokens/create-api-key', body: { name: 'n8n production' } });
	const created = state().db.apiKeys.all().find((k: any) => k.name === 'n8n production');
	expect(itemsOf(result)).toEqual([json(created)]);
	expect(state().apiKeys).toContain(created.last_token);
});
