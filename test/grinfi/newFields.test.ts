/**
 * Fields added so that every documented Grinfi field can be set (issue 14): sorting of the lists on
 * every page, AI Template → Render ad hoc, the dedup keys of Create Contact and Add, the metrics
 * filter and group_by, and Company Lookup's string `ln_id` (in crm/company.test.ts).
 */
import { api, call, expectRequest, records, rl } from './outreach/helpers';
import { useSandbox } from './setup';

const sandbox = useSandbox();
const sb = () => sandbox();
const db = () => sb().state.db;

describe('Sorting', () => {
	test('Return All over 3 pages sends the sort on every page and returns the records in that order', async () => {
		const lead = db().leads.all()[0];
		for (let i = 0; i < 230; i++) {
			const at = new Date(Date.UTC(2025, 0, 1, 0, i)).toISOString();
			db().notes.insert({ uuid: `sort-note-${String(i).padStart(3, '0')}`, team_id: 1, user_id: 1, object: 'lead', object_uuid: lead.uuid, note: `n${i}`, created_at: at, updated_at: at });
		}
		const { json, requests, error } = await call(sb(), { resource: 'note', operation: 'getAll', returnAll: true, sort: { order_field: 'created_at', order_type: 'desc' } });
		expect(error).toBeUndefined();
		const total = db().notes.all().length;
		expect(total).toBeGreaterThan(200);
		const pages = Math.ceil(total / 100);
		expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual(Array(pages).fill('GET /leads/api/notes'));
		requests.forEach((request, page) => {
			expect(request.query).toEqual([
				['order_field', 'created_at'],
				['order_type', 'desc'],
				['limit', '100'],
				['offset', String(page * 100)],
			]);
		});
		const newestFirst = [...db().notes.all()].sort((a: any, b: any) => b.created_at.localeCompare(a.created_at)).map((n: any) => n.uuid);
		expect(json.map((n: any) => n.uuid)).toEqual(newestFirst);
	});

	test('Limit with the sort asks for the newest records only', async () => {
		const { json, requests } = await call(sb(), { resource: 'note', operation: 'getAll', limit: 3, sort: { order_type: 'desc' } });
		expectRequest(requests, 'GET', '/leads/api/notes', [
			['order_type', 'desc'],
			['limit', '3'],
			['offset', '0'],
		]);
		const newest = [...db().notes.all()].sort((a: any, b: any) => b.created_at.localeCompare(a.created_at)).slice(0, 3);
		expect(json.map((n: any) => n.uuid)).toEqual(newest.map((n: any) => n.uuid));
	});

	test('a POST list (Company Search) sends the sort in the body', async () => {
		const { json, requests } = await call(sb(), { resource: 'company', operation: 'search', limit: 2, sort: { order_field: 'name', order_type: 'asc' } });
		expectRequest(requests, 'POST', '/leads/api/companies/list', [], { order_field: 'name', order_type: 'asc', limit: 2, offset: 0 });
		const names = db().companies.all().map((c: any) => c.name).sort((a: string, b: string) => a.localeCompare(b));
		expect(json.map((c: any) => c.name)).toEqual(names.slice(0, 2));
	});

	test('without a sort nothing is added (saved workflows send what they sent)', async () => {
		const { requests } = await call(sb(), { resource: 'note', operation: 'getAll', limit: 5 });
		expectRequest(requests, 'GET', '/leads/api/notes', [
			['limit', '5'],
			['offset', '0'],
		]);
	});
});

describe('AI Template → Render', () => {
	const sender = async () => (await records(sb(), '/flows/api/sender-profiles?limit=100'))[0];
	const lead = async () => (await records(sb(), '/leads/api/leads/search', { limit: 100 }))[0];

	test('ad hoc: no saved template, the template is in the request', async () => {
		const [s, l] = [await sender(), await lead()];
		const { json, requests, error } = await call(sb(), {
			resource: 'aiTemplate',
			operation: 'render',
			renderMode: 'adHoc',
			contactId: rl(l.uuid),
			senderProfileId: rl(s.uuid),
			renderFields: {
				subject: 'Hello',
				body: 'Hi {{first_name}}',
				type: 'message',
				llm_uuid: 'llm-0001-uuid',
				llm_config: '{"temperature": 0.2}',
				prompt: 'Write to {{first_name}}',
				enable_validation: true,
				enable_fallback: true,
				settings: '{"tone": "warm"}',
			},
		});
		expect(error).toBeUndefined();
		const body = {
			lead_uuid: l.uuid,
			sender_profile_uuid: s.uuid,
			subject: 'Hello',
			body: 'Hi {{first_name}}',
			type: 'message',
			llm_uuid: 'llm-0001-uuid',
			llm_config: { temperature: 0.2 },
			prompt: 'Write to {{first_name}}',
			enable_validation: true,
			enable_fallback: true,
			settings: { tone: 'warm' },
		};
		expectRequest(requests, 'POST', '/flows/api/ai-templates/render', [], body);
		expect(json).toEqual([(await api(sb(), 'POST', '/flows/api/ai-templates/render', body)).body]);
		expect(json[0].rendered_body).toBe(`Hi ${l.first_name}`);
	});

	test('saved template (the default mode) with an override of its body', async () => {
		const template = (await records(sb(), '/flows/api/ai-templates'))[0];
		const [s, l] = [await sender(), await lead()];
		const { requests, error } = await call(sb(), {
			resource: 'aiTemplate',
			operation: 'render',
			renderTemplateId: rl(template.uuid),
			contactId: rl(l.uuid),
			senderProfileId: rl(s.uuid),
			renderFields: { body: 'Bye {{first_name}}' },
		});
		expect(error).toBeUndefined();
		expectRequest(requests, 'POST', '/flows/api/ai-templates/render', [], { uuid: template.uuid, lead_uuid: l.uuid, sender_profile_uuid: s.uuid, body: 'Bye {{first_name}}' });
	});

	test('an ad hoc Settings that is not a JSON object is refused before sending', async () => {
		const [s, l] = [await sender(), await lead()];
		const { requests, error } = await call(sb(), {
			resource: 'aiTemplate',
			operation: 'render',
			renderMode: 'adHoc',
			contactId: rl(l.uuid),
			senderProfileId: rl(s.uuid),
			renderFields: { body: 'x', settings: '[1]' },
		});
		expect(error?.message).toBe('Template Fields → Settings (JSON) must be a JSON object');
		expect(requests).toEqual([]);
	});
});

test('Automation → Create Contact and Add sends the dedup keys ln_id, sn_id and linkedin in lead', async () => {
	const flow = (await records(sb(), '/flows/api/flows'))[0];
	const list = (await records(sb(), '/leads/api/lists'))[0];
	const { requests, error } = await call(sb(), {
		resource: 'automation',
		operation: 'createContact',
		automationId: rl(flow.uuid),
		linkedinId: 'https://www.linkedin.com/in/dedup-keys-1',
		listId: rl(list.uuid),
		contactFields: { ln_id: 'ACoAAdedup1', sn_id: 'ACwAAdedup1', linkedin: 'dedup-keys-1' },
	});
	expect(error).toBeUndefined();
	expectRequest(requests, 'POST', `/flows/api/flows/${flow.uuid}/add-new-lead`, [], {
		lead: { linkedin_id: 'https://www.linkedin.com/in/dedup-keys-1', ln_id: 'ACoAAdedup1', sn_id: 'ACwAAdedup1', linkedin: 'dedup-keys-1' },
		list_uuid: list.uuid,
	});
});

describe('Contact → Get Metrics', () => {
	const base = { resource: 'contact', operation: 'getMetrics', periodFrom: '2020-01-01T00:00:00', periodTo: '2099-12-31T23:59:59', metrics: ['email_sent_count'] };

	test('sends filter and group_by', async () => {
		const { requests, error } = await call(sb(), { ...base, metricsOptions: { filter: '{"tags": ["t-1"]}', group_by: 'flows' } });
		expect(error).toBeUndefined();
		expectRequest(requests, 'POST', '/leads/api/leads/metrics', [], {
			period_from: '2020-01-01T00:00:00',
			period_to: '2099-12-31T23:59:59',
			metrics: ['email_sent_count'],
			flows: [],
			filter: { tags: ['t-1'] },
			group_by: 'flows',
		});
	});

	test('a filter that is not valid JSON is refused with the field name', async () => {
		const { requests, error } = await call(sb(), { ...base, metricsOptions: { filter: '{tags' } });
		expect(error?.message).toBe('Options → Filter (JSON) is not valid JSON');
		expect(requests).toEqual([]);
	});
});
