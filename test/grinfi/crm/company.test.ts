/** Every Company endpoint through n8n's engine against the Grinfi sandbox. */
import { expectRequest, itemsOf, json, onlyRequest, rl } from './helpers';
import { run, useSandbox } from '../setup';

const sandbox = useSandbox();
const state = () => sandbox().state;
const ids = () => state().ids;
const company = (uuid: string) => json(state().companies.get(uuid));

describe('Company', () => {
	test('Get Many: GET /leads/api/companies with filter[q] in the query', async () => {
		const result = await run(sandbox(), { resource: 'company', operation: 'getAll', returnAll: true, listFilters: { q: 'acme' } });
		expect(result.error).toBeUndefined();
		const request = onlyRequest(sandbox());
		expectRequest(request, { method: 'GET', path: '/leads/api/companies', query: [['filter[q]', 'acme'], ['limit', '100'], ['offset', '0']] });
		expect(request.rawQuery).toBe('filter%5Bq%5D=acme&limit=100&offset=0');
		expect(itemsOf(result)).toEqual([company(ids().companies[0])]);
	});

	test('Get Many with a raw bracket filter and a limit', async () => {
		const result = await run(sandbox(), { resource: 'company', operation: 'getAll', returnAll: false, limit: 5, listFilters: { rawFilter: '{"industry": ["Software", "E-commerce"]}' } });
		const request = onlyRequest(sandbox());
		expectRequest(request, { method: 'GET', path: '/leads/api/companies', query: [['filter[industry][]', 'Software'], ['filter[industry][]', 'E-commerce'], ['limit', '5'], ['offset', '0']] });
		expect(itemsOf(result)).toEqual([company(ids().companies[0]), company(ids().companies[4])]);
	});

	test('Create: POST /leads/api/companies {companies: [..], list_uuids}', async () => {
		const result = await run(sandbox(), {
			resource: 'company',
			operation: 'create',
			companyName: 'Fjord Robotics',
			companyFields: { domain: 'fjord-robotics.example', industry: 'Robotics', employees_range: '11-50' },
			createOptions: { listIds: [ids().lists[1]], dataSourceId: rl(ids().dataSource) },
		});
		expect(result.error).toBeUndefined();
		expectRequest(onlyRequest(sandbox()), {
			method: 'POST',
			path: '/leads/api/companies',
			body: {
				companies: [{ name: 'Fjord Robotics', domain: 'fjord-robotics.example', industry: 'Robotics', employees_range: '11-50' }],
				list_uuids: [ids().lists[1]],
				data_source_uuid: ids().dataSource,
			},
		});
		const created = state().companies.all().find((c: any) => c.name === 'Fjord Robotics');
		expect(itemsOf(result)).toEqual([json(created)]);
		expect(created).toMatchObject({ domain: 'fjord-robotics.example', lists: [ids().lists[1]], data_source_uuid: ids().dataSource });
	});

	test('Get: GET /leads/api/companies/{uuid}', async () => {
		const result = await run(sandbox(), { resource: 'company', operation: 'get', companyId: rl(ids().companies[1]) });
		expect(result.error).toBeUndefined();
		expectRequest(onlyRequest(sandbox()), { method: 'GET', path: `/leads/api/companies/${ids().companies[1]}` });
		expect(itemsOf(result)).toEqual([company(ids().companies[1])]);
		expect(result.items[0].json.name).toBe('Helios Energie GmbH');
	});

	test('Update: PUT /leads/api/companies/{uuid} with the stage', async () => {
		const uuid = ids().companies[2];
		const result = await run(sandbox(), { resource: 'company', operation: 'update', companyId: rl(uuid), updateFields: { phone: '+39 02 1234567', ln_id: 4242, lead_status_uuid: rl(ids().companyStage) } });
		expect(result.error).toBeUndefined();
		expectRequest(onlyRequest(sandbox()), { method: 'PUT', path: `/leads/api/companies/${uuid}`, body: { phone: '+39 02 1234567', ln_id: 4242, lead_status_uuid: ids().companyStage } });
		expect(itemsOf(result)).toEqual([company(uuid)]);
		expect(result.items[0].json).toMatchObject({ phone: '+39 02 1234567', ln_id: 4242, lead_status_uuid: ids().companyStage });
	});

	test('Search: POST /leads/api/companies/list with the JSON body filter', async () => {
		const result = await run(sandbox(), { resource: 'company', operation: 'search', returnAll: true, filters: { industry: 'Renewable Energy', q: 'helios' } });
		expect(result.error).toBeUndefined();
		expectRequest(onlyRequest(sandbox()), { method: 'POST', path: '/leads/api/companies/list', body: { filter: { q: 'helios', industry: 'Renewable Energy' }, limit: 100, offset: 0 } });
		expect(itemsOf(result)).toEqual([company(ids().companies[1])]);
	});

	test('Lookup: POST /leads/api/companies/lookup {lookups: [..]}', async () => {
		const result = await run(sandbox(), { resource: 'company', operation: 'lookup', lookupFields: { website: 'https://www.nordlys.example/about' } });
		expect(result.error).toBeUndefined();
		expectRequest(onlyRequest(sandbox()), { method: 'POST', path: '/leads/api/companies/lookup', body: { lookups: [{ website: 'https://www.nordlys.example/about' }] } });
		expect(itemsOf(result)).toEqual([company(ids().companies[4])]);
	});

	test('Lookup by LinkedIn ID sends it as the string the reference documents', async () => {
		const result = await run(sandbox(), { resource: 'company', operation: 'lookup', lookupFields: { ln_id: '1000103' } });
		expectRequest(onlyRequest(sandbox()), { method: 'POST', path: '/leads/api/companies/lookup', body: { lookups: [{ ln_id: '1000103' }] } });
		expect(itemsOf(result)).toEqual([company(ids().companies[3])]);
	});

	test('Lookup by a LinkedIn ID that is not a number keeps it (Number() made it null)', async () => {
		await run(sandbox(), { resource: 'company', operation: 'lookup', lookupFields: { ln_id: 'acme-inc-42' } });
		expectRequest(onlyRequest(sandbox()), { method: 'POST', path: '/leads/api/companies/lookup', body: { lookups: [{ ln_id: 'acme-inc-42' }] } });
	});

	test('Get Contacts: POST /leads/api/companies/leads, one item per contact', async () => {
		const uuid = ids().companies[1];
		const result = await run(sandbox(), { resource: 'company', operation: 'getContacts', contactsCompanyIds: uuid });
		expect(result.error).toBeUndefined();
		expectRequest(onlyRequest(sandbox()), { method: 'POST', path: '/leads/api/companies/leads', body: { uuids: [uuid] } });
		const expected = state().contacts.all().filter((c: any) => c.company_uuid === uuid).map((c: any) => ({ company_uuid: uuid, ...json(state().model.presentLead(c)) }));
		expect(itemsOf(result)).toEqual(expected);
		expect(result.items.map((i) => i.json.name)).toEqual(['Anna Schmidt', 'Lukas Weber']);
	});

	test('Enrich by IDs: PUT /leads/api/companies/advanced-enrichment {uuids}', async () => {
		const uuid = ids().companies[5];
		const result = await run(sandbox(), { resource: 'company', operation: 'enrich', selectBy: 'ids', selectIds: uuid });
		expect(result.error).toBeUndefined();
		expectRequest(onlyRequest(sandbox()), { method: 'PUT', path: '/leads/api/companies/advanced-enrichment', body: { uuids: [uuid] } });
		expect(itemsOf(result)).toEqual([{ count: 1 }]);
		expect(state().companies.get(uuid).last_enrich_at).not.toBeNull();
	});

	test('Mass Action by filters: PUT /leads/api/companies/mass-action', async () => {
		const result = await run(sandbox(), { resource: 'company', operation: 'massAction', massActionType: 'company_add_tags', massTagId: rl(ids().tags[0]), selectBy: 'filter', selectFilters: { q: 'sierra' } });
		expect(result.error).toBeUndefined();
		expectRequest(onlyRequest(sandbox()), { method: 'PUT', path: '/leads/api/companies/mass-action', body: { type: 'company_add_tags', payload: { tag_uuid: ids().tags[0] }, filter: { all: true, q: 'sierra' } } });
		expect(itemsOf(result)).toEqual([{}]);
		expect(state().companies.get(ids().companies[6]).tags).toEqual([ids().tags[0]]);
	});

	test.each([
		['company_remove_tags', { massTagId: rl('a2000000-0000-4000-8000-000000000001') }, { tag_uuid: 'a2000000-0000-4000-8000-000000000001' }],
		['company_replace_tags', { massTagIds: ['a2000000-0000-4000-8000-000000000003'] }, { tag_uuids: ['a2000000-0000-4000-8000-000000000003'] }],
		['company_change_pipeline_stage', { massStageId: rl('a3000000-0000-4000-8000-000000000005') }, { pipeline_stage_uuid: 'a3000000-0000-4000-8000-000000000005' }],
	])('Mass Action %s sends its payload', async (type, fields, payload) => {
		const uuid = ids().companies[6];
		const result = await run(sandbox(), { resource: 'company', operation: 'massAction', massActionType: type, ...fields, selectBy: 'ids', selectIds: uuid });
		expect(result.error).toBeUndefined();
		expectRequest(onlyRequest(sandbox()), { method: 'PUT', path: '/leads/api/companies/mass-action', body: { type, payload, filter: { ids: [uuid] } } });
	});

	test('Mass Action delete needs the confirmation', async () => {
		const refused = await run(sandbox(), { resource: 'company', operation: 'massAction', massActionType: 'company_delete', selectBy: 'all' });
		expect(refused.error?.message).toBe('Confirm Delete must be on to delete records with a mass action');
		expect(sandbox().server.requests).toHaveLength(0);
		const doomed = state().companies.all().find((c: any) => c.name === 'Fjord Robotics');
		const result = await run(sandbox(), { resource: 'company', operation: 'massAction', massActionType: 'company_delete', confirmDelete: true, selectBy: 'ids', selectIds: doomed.uuid });
		expectRequest(onlyRequest(sandbox()), { method: 'PUT', path: '/leads/api/companies/mass-action', body: { type: 'company_delete', filter: { ids: [doomed.uuid] } } });
		expect(result.error).toBeUndefined();
		expect(state().companies.get(doomed.uuid)).toBeUndefined();
	});

	test('Delete: DELETE /leads/api/companies/{uuid}', async () => {
		const doomed = state().companies.insert(state().model.makeCompany({ name: 'Short Lived Ltd' }));
		const result = await run(sandbox(), { resource: 'company', operation: 'delete', companyId: rl(doomed.uuid) });
		expect(result.error).toBeUndefined();
		expectRequest(onlyRequest(sandbox()), { method: 'DELETE', path: `/leads/api/companies/${doomed.uuid}` });
		expect(itemsOf(result)).toEqual([{ success: true }]);
		expect(state().companies.get(doomed.uuid)).toBeUndefined();
	});
});
