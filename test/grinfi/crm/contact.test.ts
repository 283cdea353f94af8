/** Every Contact endpoint through n8n's engine against the Grinfi sandbox: the request received and the items returned. */
import { expectRequest, itemsOf, json, onlyRequest, rl } from './helpers';
import { run, useSandbox } from '../setup';

const sandbox = useSandbox();
const state = () => sandbox().state;
const ids = () => state().ids;
const lead = (uuid: string) => json(state().model.presentLead(state().contacts.get(uuid)));

describe('Contact', () => {
	test('Search: POST /leads/api/leads/search with the JSON body filter, paged in the body', async () => {
		const result = await run(sandbox(), {
			resource: 'contact',
			operation: 'search',
			returnAll: false,
			limit: 10,
			filters: { list_uuid: ids().lists[0], tags: [ids().tags[1]], created_from: '2020-01-01T00:00:00', rawFilter: '{"email_status": "ok"}' },
			searchOptions: { order_type: 'asc' },
		});
		expect(result.error).toBeUndefined();
		expectRequest(onlyRequest(sandbox()), {
			method: 'POST',
			path: '/leads/api/leads/search',
			body: {
				filter: { list_uuid: ids().lists[0], tags: [ids().tags[1]], created_at: { '>=': '2020-01-01T00:00:00' }, email_status: 'ok' },
				order_type: 'asc',
				limit: 10,
				offset: 0,
			},
		});
		expect(itemsOf(result)).toEqual([lead(ids().contacts[1])]);
		expect(result.items[0].json).toMatchObject({ first_name: 'Anna', last_name: 'Schmidt' });
	});

	test('Search by text with Return All', async () => {
		const result = await run(sandbox(), { resource: 'contact', operation: 'search', returnAll: true, filters: { q: 'weber' } });
		expectRequest(onlyRequest(sandbox()), { method: 'POST', path: '/leads/api/leads/search', body: { filter: { q: 'weber' }, limit: 100, offset: 0 } });
		expect(itemsOf(result)).toEqual([lead(ids().contacts[2])]);
	});

	test('Count by filters: POST /leads/api/leads/count {all, filter}', async () => {
		const result = await run(sandbox(), { resource: 'contact', operation: 'count', filters: { list_uuid: ids().lists[1] } });
		expect(result.error).toBeUndefined();
		expectRequest(onlyRequest(sandbox()), { method: 'POST', path: '/leads/api/leads/count', body: { all: true, filter: { list_uuid: ids().lists[1] } } });
		const expected = state().contacts.all().filter((c: any) => c.list_uuid === ids().lists[1]).length;
		expect(itemsOf(result)).toEqual([{ total: expected }]);
		expect(expected).toBe(5);
	});

	test('Count by IDs: {ids, all: false}', async () => {
		const result = await run(sandbox(), { resource: 'contact', operation: 'count', countIds: `${ids().contacts[0]}, ${ids().contacts[1]}` });
		expectRequest(onlyRequest(sandbox()), { method: 'POST', path: '/leads/api/leads/count', body: { ids: [ids().contacts[0], ids().contacts[1]], all: false } });
		expect(itemsOf(result)).toEqual([{ total: 2 }]);
	});

	test.each([
		['linkedin', { findLinkedinId: 'https://www.linkedin.com/in/john-doe-123456/' }, { linkedin_id: 'https://www.linkedin.com/in/john-doe-123456/' }, 0],
		['email', { findEmail: '{anna}' }, { email: '{anna}' }, 1],
		['nameCompany', { findName: 'Lukas Weber', findCompanyName: 'Helios Energie GmbH' }, { name: 'Lukas Weber', company_name: 'Helios Energie GmbH' }, 2],
	])('Find by %s: POST /leads/api/leads/lookup-one', async (findBy, template, bodyTemplate, index) => {
		// Anna's email as the sandbox seeded it.
		const fill = (o: object) => JSON.parse(JSON.stringify(o).replace('{anna}', state().contacts.get(ids().contacts[1]).work_email));
		const [fields, body] = [fill(template), fill(bodyTemplate)];
		const result = await run(sandbox(), { resource: 'contact', operation: 'find', findBy, ...fields });
		expect(result.error).toBeUndefined();
		expectRequest(onlyRequest(sandbox()), { method: 'POST', path: '/leads/api/leads/lookup-one', body });
		expect(itemsOf(result)).toEqual([lead(ids().contacts[index])]);
	});

	test('Find that matches nothing: no item by default, a clear error when asked', async () => {
		const empty = await run(sandbox(), { resource: 'contact', operation: 'find', findBy: 'email', findEmail: 'nobody@nowhere.example' });
		expect(empty.error).toBeUndefined();
		expect(empty.items).toEqual([]);
		expectRequest(onlyRequest(sandbox()), { method: 'POST', path: '/leads/api/leads/lookup-one', body: { email: 'nobody@nowhere.example' } });
		const failed = await run(sandbox(), { resource: 'contact', operation: 'find', findBy: 'email', findEmail: 'nobody@nowhere.example', ifNotFound: 'error' });
		expect(failed.error?.message).toBe('No Grinfi contact matches email "nobody@nowhere.example"');
	});

	test('Get: GET /leads/api/leads/{uuid}', async () => {
		const result = await run(sandbox(), { resource: 'contact', operation: 'get', contactId: rl(ids().contacts[0]) });
		expect(result.error).toBeUndefined();
		expectRequest(onlyRequest(sandbox()), { method: 'GET', path: `/leads/api/leads/${ids().contacts[0]}` });
		expect(itemsOf(result)).toEqual([lead(ids().contacts[0])]);
		expect(result.items[0].json.custom_fields).toEqual({ industry_vertical: 'Manufacturing', icebreaker: 'Loved your talk at SaaStr Europa' });
	});

	test('Update: PUT /leads/api/leads/{uuid} with the standard fields', async () => {
		const uuid = ids().contacts[3];
		const result = await run(sandbox(), { resource: 'contact', operation: 'update', contactId: rl(uuid), updateFields: { position: 'Chief Executive Officer', work_email: 'sofia@bottegalabs.example' } });
		expect(result.error).toBeUndefined();
		expectRequest(onlyRequest(sandbox()), { method: 'PUT', path: `/leads/api/leads/${uuid}`, body: { position: 'Chief Executive Officer', work_email: 'sofia@bottegalabs.example' } });
		expect(itemsOf(result)).toEqual([lead(uuid)]);
		expect(state().contacts.get(uuid)).toMatchObject({ position: 'Chief Executive Officer', work_email: 'sofia@bottegalabs.example' });
	});

	test('Update shows a notice that custom fields are dropped, pointing to upsert and Set Value', () => {
		const { Grinfi } = jest.requireActual('../../../nodes/Grinfi/Grinfi.node');
		const notice = new Grinfi().description.properties.find((p: any) => p.type === 'notice' && p.displayOptions?.show?.resource?.[0] === 'contact');
		expect(notice.displayOptions.show.operation).toEqual(['update']);
		expect(notice.displayName).toMatch(/drops custom fields.*Create or Update.*Custom Field → Set Value/);
	});

	test('Create or Update a new contact: POST /leads/api/leads/upsert with list, flags and custom fields by name', async () => {
		const result = await run(sandbox(), {
			resource: 'contact',
			operation: 'upsert',
			listId: rl(ids().lists[0]),
			leadLinkedinId: 'https://www.linkedin.com/in/greta-lind-9001',
			updateIfExists: true,
			moveToList: false,
			leadFields: { first_name: 'Greta', last_name: 'Lind', company_name: 'Nordlys AB', email: 'greta@nordlys.example' },
			customFields: { field: [{ name: 'icebreaker', value: 'Saw your post on Nordic e-commerce' }] },
		});
		expect(result.error).toBeUndefined();
		const [lookup, upsert] = sandbox().server.requests;
		expect(sandbox().server.requests).toHaveLength(2);
		expectRequest(lookup, { method: 'GET', path: '/leads/api/custom-fields', query: [['limit', '100'], ['offset', '0']] });
		expectRequest(upsert, {
			method: 'POST',
			path: '/leads/api/leads/upsert',
			body: {
				list_uuid: ids().lists[0],
				lead: { linkedin_id: 'https://www.linkedin.com/in/greta-lind-9001', first_name: 'Greta', last_name: 'Lind', company_name: 'Nordlys AB', email: 'greta@nordlys.example' },
				update_if_exists: true,
				move_to_list: false,
				custom_fields: { icebreaker: 'Saw your post on Nordic e-commerce' },
			},
		});
		const created = state().contacts.all().find((c: any) => c.linkedin === 'greta-lind-9001');
		expect(itemsOf(result)).toEqual([lead(created.uuid)]);
		expect(result.items[0].json).toMatchObject({ first_name: 'Greta', work_email: 'greta@nordlys.example', list_uuid: ids().lists[0], custom_fields: { icebreaker: 'Saw your post on Nordic e-commerce' } });
	});

	test('Create or Update of 3 items with custom fields reads the custom fields once per run, not once per item', async () => {
		const people = ['ines-roca-1', 'jon-berg-2', 'kai-lund-3'];
		const parameters = {
			resource: 'contact',
			operation: 'upsert',
			listId: rl(ids().lists[0]),
			leadLinkedinId: '={{ $json.linkedin }}',
			updateIfExists: true,
			moveToList: false,
			leadFields: { first_name: '={{ $json.first }}' },
			customFields: { field: [{ name: 'icebreaker', value: '=Hi {{ $json.first }}' }] },
		};
		const items = people.map((linkedin) => ({ json: { linkedin: `https://www.linkedin.com/in/${linkedin}`, first: linkedin.split('-')[0] } }));
		const result = await run(sandbox(), parameters, { items });
		expect(result.error).toBeUndefined();
		expect(sandbox().server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
			'GET /leads/api/custom-fields',
			'POST /leads/api/leads/upsert',
			'POST /leads/api/leads/upsert',
			'POST /leads/api/leads/upsert',
		]);
		expect(sandbox().server.requests.slice(1).map((r) => r.body.custom_fields)).toEqual([{ icebreaker: 'Hi ines' }, { icebreaker: 'Hi jon' }, { icebreaker: 'Hi kai' }]);
		expect(itemsOf(result).map((c: any) => c.custom_fields)).toEqual([{ icebreaker: 'Hi ines' }, { icebreaker: 'Hi jon' }, { icebreaker: 'Hi kai' }]);

		// the next run reads them again (a field created in between is seen)
		sandbox().server.requests.length = 0;
		await run(sandbox(), parameters, { items: items.slice(0, 1) });
		expect(sandbox().server.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /leads/api/custom-fields', 'POST /leads/api/leads/upsert']);
	});

	test('Create or Update an existing contact moves it to the list', async () => {
		const uuid = ids().contacts[0];
		const result = await run(sandbox(), { resource: 'contact', operation: 'upsert', listId: rl(ids().lists[0]), leadLinkedinId: 'john-doe-123456', moveToList: true, leadFields: { position: 'SVP Sales' } });
		expect(result.error).toBeUndefined();
		expectRequest(onlyRequest(sandbox()), {
			method: 'POST',
			path: '/leads/api/leads/upsert',
			body: { list_uuid: ids().lists[0], lead: { linkedin_id: 'john-doe-123456', position: 'SVP Sales' }, update_if_exists: true, move_to_list: true },
		});
		expect(itemsOf(result)).toEqual([lead(uuid)]);
		expect(result.items[0].json).toMatchObject({ uuid, position: 'SVP Sales', list_uuid: ids().lists[0] });
	});

	test('Mass Action by IDs: PUT /leads/api/leads/mass-action {type, payload, filter: {ids}}', async () => {
		const [a, b] = [ids().contacts[4], ids().contacts[6]];
		const result = await run(sandbox(), { resource: 'contact', operation: 'massAction', massActionType: 'contact_add_tags', massTagId: rl(ids().tags[2]), selectBy: 'ids', selectIds: `${a},${b}` });
		expect(result.error).toBeUndefined();
		expectRequest(onlyRequest(sandbox()), { method: 'PUT', path: '/leads/api/leads/mass-action', body: { type: 'contact_add_tags', payload: { tag_uuid: ids().tags[2] }, filter: { ids: [a, b] } } });
		expect(itemsOf(result)).toEqual([{}]);
		expect(state().contacts.get(a).tags).toEqual([ids().tags[2]]);
		expect(state().contacts.get(b).tags).toEqual([ids().tags[2]]);
	});

	test('Mass Action by filters: change the pipeline stage of a list', async () => {
		const stage = ids().stages[3];
		const result = await run(sandbox(), { resource: 'contact', operation: 'massAction', massActionType: 'contact_change_pipeline_stage', massStageId: rl(stage), selectBy: 'filter', selectFilters: { pipeline_stage_uuid: ids().stages[0], q: 'pierre' } });
		expect(result.error).toBeUndefined();
		expectRequest(onlyRequest(sandbox()), {
			method: 'PUT',
			path: '/leads/api/leads/mass-action',
			body: { type: 'contact_change_pipeline_stage', payload: { pipeline_stage_uuid: stage }, filter: { all: true, pipeline_stage_uuid: ids().stages[0], q: 'pierre' } },
		});
		expect(state().contacts.get(ids().contacts[6]).pipeline_stage_uuid).toBe(stage);
		expect(state().contacts.get(ids().contacts[4]).pipeline_stage_uuid).toBe(ids().stages[0]);
	});

	test.each([
		['contact_remove_tags', { massTagId: rl('a2000000-0000-4000-8000-000000000001') }, { tag_uuid: 'a2000000-0000-4000-8000-000000000001' }],
		['contact_replace_tags', { massTagIds: ['a2000000-0000-4000-8000-000000000002'] }, { tag_uuids: ['a2000000-0000-4000-8000-000000000002'] }],
		['contact_change_list', { massListId: rl('a1000000-0000-4000-8000-000000000002') }, { list_uuid: 'a1000000-0000-4000-8000-000000000002' }],
		['contact_change_custom_field', { massCustomFieldId: 'a4000000-0000-4000-8000-000000000001', massCustomFieldValue: 'Retail' }, { custom_field_uuid: 'a4000000-0000-4000-8000-000000000001', value: 'Retail' }],
		['contact_add_to_flow', { massAutomationId: 'f1000000-0000-4000-8000-000000000001' }, { flow_uuid: 'f1000000-0000-4000-8000-000000000001' }],
		['contact_cancel_from_flows', { massAutomationIds: ['f1000000-0000-4000-8000-000000000001'] }, { flow_uuids: ['f1000000-0000-4000-8000-000000000001'] }],
		['contact_mark_read', {}, undefined],
	])('Mass Action %s sends its payload', async (type, fields, payload) => {
		const uuid = ids().contacts[8];
		const result = await run(sandbox(), { resource: 'contact', operation: 'massAction', massActionType: type, ...fields, selectBy: 'ids', selectIds: uuid });
		expect(result.error).toBeUndefined();
		expectRequest(onlyRequest(sandbox()), { method: 'PUT', path: '/leads/api/leads/mass-action', body: { type, ...(payload ? { payload } : {}), filter: { ids: [uuid] } } });
		expect(itemsOf(result)).toEqual([{}]);
	});

	test('Mass Action delete needs the confirmation, then deletes', async () => {
		const doomed = state().seedContacts(1)[0];
		const refused = await run(sandbox(), { resource: 'contact', operation: 'massAction', massActionType: 'contact_delete', selectBy: 'ids', selectIds: doomed.uuid });
		expect(refused.error?.message).toBe('Confirm Delete must be on to delete records with a mass action');
		expect(sandbox().server.requests).toHaveLength(0);
		const result = await run(sandbox(), { resource: 'contact', operation: 'massAction', massActionType: 'contact_delete', confirmDelete: true, selectBy: 'ids', selectIds: doomed.uuid });
		expect(result.error).toBeUndefined();
		expectRequest(onlyRequest(sandbox()), { method: 'PUT', path: '/leads/api/leads/mass-action', body: { type: 'contact_delete', filter: { ids: [doomed.uuid] } } });
		expect(state().contacts.get(doomed.uuid)).toBeUndefined();
	});

	test('Get Metrics: POST /leads/api/leads/metrics', async () => {
		const result = await run(sandbox(), {
			resource: 'contact',
			operation: 'getMetrics',
			periodFrom: '2020-01-01T00:00:00',
			periodTo: '2099-12-31T23:59:59',
			metrics: ['linkedin_inbox_count', 'email_sent_count'],
			metricsAutomations: [],
		});
		expect(result.error).toBeUndefined();
		expectRequest(onlyRequest(sandbox()), {
			method: 'POST',
			path: '/leads/api/leads/metrics',
			body: { period_from: '2020-01-01T00:00:00', period_to: '2099-12-31T23:59:59', metrics: ['linkedin_inbox_count', 'email_sent_count'], flows: [] },
		});
		expect(itemsOf(result)).toEqual([{ total: { linkedin_inbox_count: 1, email_sent_count: 1 } }]);
	});

	test('Enrich by IDs: PUT /leads/api/leads/advanced-enrichment {uuids}', async () => {
		const before = state().credits;
		const result = await run(sandbox(), { resource: 'contact', operation: 'enrich', selectBy: 'ids', selectIds: ids().contacts[5] });
		expect(result.error).toBeUndefined();
		expectRequest(onlyRequest(sandbox()), { method: 'PUT', path: '/leads/api/leads/advanced-enrichment', body: { uuids: [ids().contacts[5]] } });
		expect(itemsOf(result)).toEqual([{ count: 1 }]);
		expect(state().credits).toBe(before - 1);
	});

	test('Enrich by filters sends {filter}', async () => {
		const result = await run(sandbox(), { resource: 'contact', operation: 'enrich', selectBy: 'filter', selectFilters: { q: 'johansson' } });
		expectRequest(onlyRequest(sandbox()), { method: 'PUT', path: '/leads/api/leads/advanced-enrichment', body: { filter: { all: true, q: 'johansson' } } });
		expect(itemsOf(result)).toEqual([{ count: 1 }]);
	});

	test('Get Enrichment Queue: GET /leads/api/enrichment-queue', async () => {
		const result = await run(sandbox(), { resource: 'contact', operation: 'getEnrichmentQueue', returnAll: false, limit: 2 });
		expect(result.error).toBeUndefined();
		expectRequest(onlyRequest(sandbox()), { method: 'GET', path: '/leads/api/enrichment-queue', query: [['limit', '2'], ['offset', '0']] });
		expect(itemsOf(result)).toEqual(json(state().db.enrichmentQueue.all().slice(0, 2)));
		expect(result.items).toHaveLength(2);
	});

	test('Get Enrichment Metrics: POST /leads/api/enrichment-queue/metrics', async () => {
		const result = await run(sandbox(), { resource: 'contact', operation: 'getEnrichmentMetrics' });
		expect(result.error).toBeUndefined();
		const request = onlyRequest(sandbox());
		expect([request.method, request.path, request.rawQuery]).toEqual(['POST', '/leads/api/enrichment-queue/metrics', '']);
		const month = new Date().toISOString().slice(0, 7);
		expect(itemsOf(result)).toEqual([{ this_month_count: state().db.enrichmentQueue.where((e: any) => e.created_at.startsWith(month)).length }]);
	});

	test('Delete: DELETE /leads/api/leads/{uuid}', async () => {
		const doomed = state().seedContacts(1)[0];
		const result = await run(sandbox(), { resource: 'contact', operation: 'delete', contactId: rl(doomed.uuid) });
		expect(result.error).toBeUndefined();
		expectRequest(onlyRequest(sandbox()), { method: 'DELETE', path: `/leads/api/leads/${doomed.uuid}` });
		expect(itemsOf(result)).toEqual([{ success: true }]);
		expect(state().contacts.get(doomed.uuid)).toBeUndefined();
	});
});
