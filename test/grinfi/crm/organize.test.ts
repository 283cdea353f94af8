/** Lists, tags, pipeline stages, custom fields, notes and activities through n8n's engine against the Grinfi sandbox. */
import { expectRequest, itemsOf, json, onlyRequest, rl } from './helpers';
import { run, useSandbox } from '../setup';

const sandbox = useSandbox();
const state = () => sandbox().state;
const ids = () => state().ids;
const db = () => state().db;

describe('List', () => {
	test('Get Many: GET /leads/api/lists with filter[q]', async () => {
		const result = await run(sandbox(), { resource: 'list', operation: 'getAll', returnAll: false, limit: 10, listFilters: { q: 'saas' } });
		expect(result.error).toBeUndefined();
		const request = onlyRequest(sandbox());
		expectRequest(request, { method: 'GET', path: '/leads/api/lists', query: [['filter[q]', 'saas'], ['limit', '10'], ['offset', '0']] });
		expect(request.rawQuery).toBe('filter%5Bq%5D=saas&limit=10&offset=0');
		expect(itemsOf(result)).toEqual([json(db().lists.get(ids().lists[1]))]);
	});

	test('Create: POST /leads/api/lists', async () => {
		const result = await run(sandbox(), { resource: 'list', operation: 'create', listName: 'Nordics Q3' });
		expect(result.error).toBeUndefined();
		expectRequest(onlyRequest(sandbox()), { method: 'POST', path: '/leads/api/lists', body: { name: 'Nordics Q3' } });
		const created = db().lists.all().find((l: any) => l.name === 'Nordics Q3');
		expect(itemsOf(result)).toEqual([json(created)]);
	});

	test('Get: GET /leads/api/lists/{uuid}', async () => {
		const result = await run(sandbox(), { resource: 'list', operation: 'get', listId: rl(ids().lists[0]) });
		expectRequest(onlyRequest(sandbox()), { method: 'GET', path: `/leads/api/lists/${ids().lists[0]}` });
		expect(itemsOf(result)).toEqual([json(db().lists.get(ids().lists[0]))]);
		expect(result.items[0].json.name).toBe('CMO Germany');
	});

	test('Update: PUT /leads/api/lists/{uuid}', async () => {
		const list = db().lists.all().find((l: any) => l.name === 'Nordics Q3');
		const result = await run(sandbox(), { resource: 'list', operation: 'update', listId: rl(list.uuid), listName: 'Nordics Q4' });
		expect(result.error).toBeUndefined();
		expectRequest(onlyRequest(sandbox()), { method: 'PUT', path: `/leads/api/lists/${list.uuid}`, body: { name: 'Nordics Q4' } });
		expect(itemsOf(result)).toEqual([json(db().lists.get(list.uuid))]);
		expect(result.items[0].json.name).toBe('Nordics Q4');
	});

	test('Get Metrics: POST /leads/api/lists/metrics', async () => {
		const result = await run(sandbox(), { resource: 'list', operation: 'getMetrics', metricsListIds: [ids().lists[0], ids().lists[1]] });
		expect(result.error).toBeUndefined();
		expectRequest(onlyRequest(sandbox()), { method: 'POST', path: '/leads/api/lists/metrics', body: { uuids: [ids().lists[0], ids().lists[1]] } });
		const count = (uuid: string) => ({
			leads_count: state().contacts.all().filter((c: any) => c.list_uuid === uuid).length,
			companies_count: state().companies.all().filter((c: any) => c.lists.includes(uuid)).length,
		});
		expect(itemsOf(result)).toEqual([{ [ids().lists[0]]: count(ids().lists[0]), [ids().lists[1]]: count(ids().lists[1]) }]);
		expect(result.items[0].json[ids().lists[0]]).toEqual({ leads_count: 5, companies_count: 4 });
	});

	test('Delete: DELETE /leads/api/lists/{uuid}', async () => {
		const list = db().lists.all().find((l: any) => l.name === 'Nordics Q4');
		const result = await run(sandbox(), { resource: 'list', operation: 'delete', listId: rl(list.uuid) });
		expectRequest(onlyRequest(sandbox()), { method: 'DELETE', path: `/leads/api/lists/${list.uuid}` });
		expect(itemsOf(result)).toEqual([{ success: true }]);
		expect(db().lists.get(list.uuid)).toBeUndefined();
	});
});

describe('Tag', () => {
	test('Get Many: GET /leads/api/tags in one request without limit/offset (none documented)', async () => {
		const result = await run(sandbox(), { resource: 'tag', operation: 'getAll', returnAll: true });
		expect(result.error).toBeUndefined();
		expectRequest(onlyRequest(sandbox()), { method: 'GET', path: '/leads/api/tags', query: [] });
		expect(itemsOf(result)).toEqual(json(db().tags.all()));
		expect(result.items.map((i) => i.json.name)).toEqual(['Hot Lead', 'Decision Maker', 'Follow Up']);
	});

	test('Create: POST /leads/api/tags', async () => {
		const result = await run(sandbox(), { resource: 'tag', operation: 'create', tagName: 'Webinar 2026', additionalFields: { color: '#8e44ad' } });
		expect(result.error).toBeUndefined();
		expectRequest(onlyRequest(sandbox()), { method: 'POST', path: '/leads/api/tags', body: { name: 'Webinar 2026', color: '#8e44ad' } });
		expect(itemsOf(result)).toEqual([json(db().tags.all().find((t: any) => t.name === 'Webinar 2026'))]);
	});

	test('Update: PUT /leads/api/tags/{uuid}', async () => {
		const tag = db().tags.all().find((t: any) => t.name === 'Webinar 2026');
		const result = await run(sandbox(), { resource: 'tag', operation: 'update', tagId: rl(tag.uuid), updateFields: { name: 'Webinar Q3', color: '#c0392b' } });
		expect(result.error).toBeUndefined();
		expectRequest(onlyRequest(sandbox()), { method: 'PUT', path: `/leads/api/tags/${tag.uuid}`, body: { color: '#c0392b', name: 'Webinar Q3' } });
		expect(itemsOf(result)).toEqual([json(db().tags.get(tag.uuid))]);
		expect(result.items[0].json).toMatchObject({ name: 'Webinar Q3', color: '#c0392b' });
	});

	test('Get Metrics: POST /leads/api/tags/metrics', async () => {
		const result = await run(sandbox(), { resource: 'tag', operation: 'getMetrics', metricsTagIds: [ids().tags[1]], tagMetrics: ['leads_count', 'companies_count'] });
		expect(result.error).toBeUndefined();
		expectRequest(onlyRequest(sandbox()), { method: 'POST', path: '/leads/api/tags/metrics', body: { metrics: ['leads_count', 'companies_count'], uuids: [ids().tags[1]] } });
		const leads = state().contacts.all().filter((c: any) => c.tags.includes(ids().tags[1])).length;
		expect(itemsOf(result)).toEqual([{ [ids().tags[1]]: { leads_count: leads, companies_count: 0 } }]);
		expect(leads).toBe(3);
	});

	test('Delete: DELETE /leads/api/tags/{uuid}', async () => {
		const tag = db().tags.all().find((t: any) => t.name === 'Webinar Q3');
		const result = await run(sandbox(), { resource: 'tag', operation: 'delete', tagId: rl(tag.uuid) });
		expectRequest(onlyRequest(sandbox()), { method: 'DELETE', path: `/leads/api/tags/${tag.uuid}` });
		expect(itemsOf(result)).toEqual([{ success: true }]);
		expect(db().tags.get(tag.uuid)).toBeUndefined();
	});
});

describe('Pipeline Stage', () => {
	test('Get Many: GET /leads/api/pipeline-stages with the required JSON-string filter', async () => {
		const result = await run(sandbox(), { resource: 'pipelineStage', operation: 'getAll', returnAll: true, stageObject: 'lead' });
		expect(result.error).toBeUndefined();
		const request = onlyRequest(sandbox());
		expectRequest(request, { method: 'GET', path: '/leads/api/pipeline-stages', query: [['filter', '{"object":"lead"}']] });
		expect(request.rawQuery).toBe('filter=%7B%22object%22%3A%22lead%22%7D');
		expect(result.items.map((i) => i.json.name)).toEqual(['New', 'Approaching', 'Replied', 'Demo Booked']);
		expect(itemsOf(result)).toEqual(json(ids().stages.map((uuid: string) => db().stages.get(uuid))));
	});

	test('Get Many filtered by type', async () => {
		const result = await run(sandbox(), { resource: 'pipelineStage', operation: 'getAll', returnAll: false, limit: 5, stageObject: 'lead', stageFilters: { type: 'replied' } });
		expectRequest(onlyRequest(sandbox()), { method: 'GET', path: '/leads/api/pipeline-stages', query: [['filter', '{"object":"lead","type":"replied"}']] });
		expect(itemsOf(result)).toEqual([json(db().stages.get(ids().stages[2]))]);
	});

	test('Create: POST /leads/api/pipeline-stages', async () => {
		const result = await run(sandbox(), { resource: 'pipelineStage', operation: 'create', stageObject: 'company', stageName: 'Customer', stageCategory: 'positive', additionalFields: { order: 2 } });
		expect(result.error).toBeUndefined();
		expectRequest(onlyRequest(sandbox()), { method: 'POST', path: '/leads/api/pipeline-stages', body: { object: 'company', name: 'Customer', category: 'positive', order: 2 } });
		const created = db().stages.all().find((s: any) => s.name === 'Customer');
		expect(itemsOf(result)).toEqual([json(created)]);
		expect(created).toMatchObject({ object: 'company', type: 'custom', category: 'positive', order: 2 });
	});

	test('Update: PUT /leads/api/pipeline-stages/{uuid}', async () => {
		const stage = db().stages.all().find((s: any) => s.name === 'Customer');
		const result = await run(sandbox(), { resource: 'pipelineStage', operation: 'update', pipelineStageId: rl(stage.uuid), updateFields: { name: 'Customer (Won)', order: 3 } });
		expect(result.error).toBeUndefined();
		expectRequest(onlyRequest(sandbox()), { method: 'PUT', path: `/leads/api/pipeline-stages/${stage.uuid}`, body: { name: 'Customer (Won)', order: 3 } });
		expect(itemsOf(result)).toEqual([json(db().stages.get(stage.uuid))]);
		expect(result.items[0].json).toMatchObject({ name: 'Customer (Won)', order: 3 });
	});

	test('Delete: DELETE /leads/api/pipeline-stages/{uuid}', async () => {
		const stage = db().stages.all().find((s: any) => s.name === 'Customer (Won)');
		const result = await run(sandbox(), { resource: 'pipelineStage', operation: 'delete', pipelineStageId: rl(stage.uuid) });
		expectRequest(onlyRequest(sandbox()), { method: 'DELETE', path: `/leads/api/pipeline-stages/${stage.uuid}` });
		expect(itemsOf(result)).toEqual([{ success: true }]);
		expect(db().stages.get(stage.uuid)).toBeUndefined();
	});
});

describe('Custom Field', () => {
	const present = (f: any) => ({ uuid: f.uuid, team_id: f.team_id, user_id: f.user_id, name: f.name, object: f.object, order: f.order });

	test('Get Many: GET /leads/api/custom-fields', async () => {
		const result = await run(sandbox(), { resource: 'customField', operation: 'getAll', returnAll: true });
		expect(result.error).toBeUndefined();
		expectRequest(onlyRequest(sandbox()), { method: 'GET', path: '/leads/api/custom-fields', query: [['limit', '100'], ['offset', '0']] });
		expect(itemsOf(result)).toEqual(json(db().customFields.all().map(present)));
		expect(result.items.map((i) => i.json.name)).toEqual(['industry_vertical', 'icebreaker']);
	});

	test('Create: POST /leads/api/custom-fields', async () => {
		const result = await run(sandbox(), { resource: 'customField', operation: 'create', fieldName: 'budget_owner', fieldObject: 'company', additionalFields: { order: 1 } });
		expect(result.error).toBeUndefined();
		expectRequest(onlyRequest(sandbox()), { method: 'POST', path: '/leads/api/custom-fields', body: { name: 'budget_owner', object: 'company', order: 1 } });
		const created = db().customFields.all().find((f: any) => f.name === 'budget_owner');
		expect(itemsOf(result)).toEqual([json(present(created))]);
	});

	test('Create with an invalid name is refused before sending', async () => {
		const result = await run(sandbox(), { resource: 'customField', operation: 'create', fieldName: '1st-choice', fieldObject: 'lead' });
		expect(result.error?.message).toBe('Name must start with a letter or underscore and hold only letters, digits and underscores, got "1st-choice"');
		expect(sandbox().server.requests).toHaveLength(0);
	});

	test('Update: PUT /leads/api/custom-fields/{uuid}', async () => {
		const field = db().customFields.all().find((f: any) => f.name === 'budget_owner');
		const result = await run(sandbox(), { resource: 'customField', operation: 'update', customFieldId: rl(field.uuid), updateFields: { name: 'budget_holder', order: 4 } });
		expect(result.error).toBeUndefined();
		expectRequest(onlyRequest(sandbox()), { method: 'PUT', path: `/leads/api/custom-fields/${field.uuid}`, body: { name: 'budget_holder', order: 4 } });
		expect(itemsOf(result)).toEqual([json(present(db().customFields.get(field.uuid)))]);
	});

	test('Set Value on a contact: POST /leads/api/custom-field-values', async () => {
		const contact = ids().contacts[4];
		const result = await run(sandbox(), { resource: 'customField', operation: 'setValue', valueCustomFieldId: rl(ids().customFields[1]), valueObject: 'lead', valueContactId: rl(contact), fieldValue: 'Congrats on the Series B' });
		expect(result.error).toBeUndefined();
		expectRequest(onlyRequest(sandbox()), {
			method: 'POST',
			path: '/leads/api/custom-field-values',
			body: { custom_field_uuid: ids().customFields[1], object_type: 'lead', object_uuid: contact, value: 'Congrats on the Series B' },
		});
		const value = db().customFieldValues.find((v: any) => v.object_uuid === contact && v.custom_field_uuid === ids().customFields[1]);
		expect(itemsOf(result)).toEqual([json(value)]);
		expect(state().model.customFieldsOf('lead', contact)).toEqual({ icebreaker: 'Congrats on the Series B' });
	});

	test('Set Value on a company with Clear Value sends null', async () => {
		const field = db().customFields.all().find((f: any) => f.name === 'budget_holder');
		const uuid = ids().companies[0];
		const result = await run(sandbox(), { resource: 'customField', operation: 'setValue', valueCustomFieldId: rl(field.uuid), valueObject: 'company', valueCompanyId: rl(uuid), clearValue: true });
		expect(result.error).toBeUndefined();
		expectRequest(onlyRequest(sandbox()), { method: 'POST', path: '/leads/api/custom-field-values', body: { custom_field_uuid: field.uuid, object_type: 'company', object_uuid: uuid, value: null } });
		expect(result.items[0].json).toMatchObject({ object_type: 'company', object_uuid: uuid, value: null });
	});

	test('Delete: DELETE /leads/api/custom-fields/{uuid}', async () => {
		const field = db().customFields.all().find((f: any) => f.name === 'budget_holder');
		const result = await run(sandbox(), { resource: 'customField', operation: 'delete', customFieldId: rl(field.uuid) });
		expectRequest(onlyRequest(sandbox()), { method: 'DELETE', path: `/leads/api/custom-fields/${field.uuid}` });
		expect(itemsOf(result)).toEqual([{ success: true }]);
		expect(db().customFields.get(field.uuid)).toBeUndefined();
	});
});

describe('Note', () => {
	test('Get Many: GET /leads/api/notes', async () => {
		const result = await run(sandbox(), { resource: 'note', operation: 'getAll', returnAll: true });
		expect(result.error).toBeUndefined();
		expectRequest(onlyRequest(sandbox()), { method: 'GET', path: '/leads/api/notes', query: [['limit', '100'], ['offset', '0']] });
		expect(itemsOf(result)).toEqual(json(db().notes.all()));
		expect(result.items[0].json.note).toBe('Interested in a pilot after the Q3 budget review.');
	});

	test('Create on a contact: POST /leads/api/notes', async () => {
		const contact = ids().contacts[1];
		const result = await run(sandbox(), { resource: 'note', operation: 'create', noteObject: 'lead', noteContactId: rl(contact), noteText: 'Asked for the energy benchmarks deck.' });
		expect(result.error).toBeUndefined();
		expectRequest(onlyRequest(sandbox()), { method: 'POST', path: '/leads/api/notes', body: { object: 'lead', object_uuid: contact, note: 'Asked for the energy benchmarks deck.' } });
		expect(itemsOf(result)).toEqual([json(db().notes.all().find((n: any) => n.object_uuid === contact))]);
	});

	test('Create on a company', async () => {
		const uuid = ids().companies[3];
		const result = await run(sandbox(), { resource: 'note', operation: 'create', noteObject: 'company', noteCompanyId: rl(uuid), noteText: 'Procurement runs through Warsaw HQ.' });
		expectRequest(onlyRequest(sandbox()), { method: 'POST', path: '/leads/api/notes', body: { object: 'company', object_uuid: uuid, note: 'Procurement runs through Warsaw HQ.' } });
		expect(result.items[0].json).toMatchObject({ object: 'company', object_uuid: uuid });
	});

	test('Update: PUT /leads/api/notes/{uuid}', async () => {
		const result = await run(sandbox(), { resource: 'note', operation: 'update', noteId: ids().note, noteText: 'Pilot approved for Q4.' });
		expect(result.error).toBeUndefined();
		expectRequest(onlyRequest(sandbox()), { method: 'PUT', path: `/leads/api/notes/${ids().note}`, body: { note: 'Pilot approved for Q4.' } });
		expect(itemsOf(result)).toEqual([json(db().notes.get(ids().note))]);
		expect(result.items[0].json.note).toBe('Pilot approved for Q4.');
	});

	test('Delete: DELETE /leads/api/notes/{uuid}', async () => {
		const note = db().notes.all().find((n: any) => n.object === 'company');
		const result = await run(sandbox(), { resource: 'note', operation: 'delete', noteId: note.uuid });
		expectRequest(onlyRequest(sandbox()), { method: 'DELETE', path: `/leads/api/notes/${note.uuid}` });
		expect(itemsOf(result)).toEqual([{ success: true }]);
		expect(db().notes.get(note.uuid)).toBeUndefined();
	});
});

describe('Activity', () => {
	test('Get Many without filters still sends the required filter={}', async () => {
		const result = await run(sandbox(), { resource: 'activity', operation: 'getAll', returnAll: true });
		expect(result.error).toBeUndefined();
		const request = onlyRequest(sandbox());
		expectRequest(request, { method: 'GET', path: '/leads/api/activities', query: [['filter', '{}'], ['limit', '100'], ['offset', '0']] });
		expect(request.rawQuery).toBe('filter=%7B%7D&limit=100&offset=0');
		// Grinfi orders by created_at, oldest first.
		const expected = [...db().activities.all()].sort((a: any, b: any) => Date.parse(a.created_at) - Date.parse(b.created_at));
		expect(itemsOf(result)).toEqual(json(expected));
		expect(result.items).toHaveLength(3);
	});

	test('Get Many: GET /leads/api/activities with the JSON-string filter', async () => {
		const result = await run(sandbox(), {
			resource: 'activity',
			operation: 'getAll',
			returnAll: false,
			limit: 10,
			filters: { type: 'linkedin_connection_request_accepted', lead_uuid: ids().contacts[0], created_from: '2020-01-01T00:00:00' },
		});
		expect(result.error).toBeUndefined();
		expectRequest(onlyRequest(sandbox()), {
			method: 'GET',
			path: '/leads/api/activities',
			query: [['filter', JSON.stringify({ type: 'linkedin_connection_request_accepted', lead_uuid: ids().contacts[0], created_at: { '>=': '2020-01-01T00:00:00' } })], ['limit', '10'], ['offset', '0']],
		});
		expect(itemsOf(result)).toEqual([json(db().activities.all()[0])]);
		expect(result.items[0].json.type).toBe('linkedin_connection_request_accepted');
	});

	test('Create: POST /leads/api/activities', async () => {
		const contact = ids().contacts[3];
		const result = await run(sandbox(), { resource: 'activity', operation: 'create', activityObject: 'lead', activityContactId: rl(contact), activityType: 'call_logged', activityPayload: '{"minutes": 12, "outcome": "demo booked"}' });
		expect(result.error).toBeUndefined();
		expectRequest(onlyRequest(sandbox()), { method: 'POST', path: '/leads/api/activities', body: { object_type: 'lead', object_uuid: contact, type: 'call_logged', payload: { minutes: 12, outcome: 'demo booked' } } });
		const created = db().activities.all().find((a: any) => a.type === 'call_logged');
		expect(itemsOf(result)).toEqual([json(created)]);
	});
});

