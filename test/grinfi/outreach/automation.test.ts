/**
 * Automations, automation folders and flow versions through n8n's engine against the Grinfi
 * sandbox: the exact request the server received and the items the node returned.
 */
import { useSandbox } from '../setup';
import { api, call, expectRequest, records, rl } from './helpers';

const sandbox = useSandbox();
const sb = () => sandbox();
const flows = () => records(sb(), '/flows/api/flows?limit=100');
const contacts = () => records(sb(), '/leads/api/leads/search', { limit: 100 });
const get = async (path: string) => (await api(sb(), 'GET', path)).body;
/** An automation as GET returns it, less the active version that only GET adds. */
async function flowOf(uuid: unknown) {
	const { flow_version: version, ...flow } = await get(`/flows/api/flows/${String(uuid)}`);
	expect(version).toEqual(expect.objectContaining({ uuid: flow.flow_version_uuid }));
	return flow;
}

const SCHEDULE = {
	timezone: 'Europe/Berlin',
	use_lead_timezone: false,
	timeblocks: [1, 2, 3, 4, 5].map((dow) => ({ dow, min: 540, max: 1080 })),
};

async function newFlow(name: string) {
	const { status, body } = await api(sb(), 'POST', '/flows/api/flows', { name, use_sender_schedule: false, schedule: SCHEDULE });
	expect(status).toBe(201);
	return body;
}

describe('Automation', () => {
	test('Get Many sends filter[q] and filter[status][] in the query', async () => {
		const all = await flows();
		const target = all[0];
		const { json, requests, error } = await call(sb(), {
			resource: 'automation',
			operation: 'getAll',
			limit: 10,
			filters: { q: target.name, status: ['on', 'off', 'draft'] },
		});
		expect(error).toBeUndefined();
		const request = expectRequest(requests, 'GET', '/flows/api/flows', [
			['filter[q]', target.name],
			['filter[status][]', 'on'],
			['filter[status][]', 'off'],
			['filter[status][]', 'draft'],
			['limit', '10'],
			['offset', '0'],
		]);
		expect(request.rawQuery).toContain('filter%5Bstatus%5D%5B%5D=on');
		expect(json).toEqual(await records(sb(), `/flows/api/flows?${request.rawQuery}`));
		expect(json.map((f) => f.uuid)).toContain(target.uuid);
	});

	test('Get Many with Return All pages at 100 until has_more is false', async () => {
		const { json, requests } = await call(sb(), { resource: 'automation', operation: 'getAll', returnAll: true, filters: { flow_workspace_uuid: '' } });
		expect(requests[0].query).toEqual([
			['limit', '100'],
			['offset', '0'],
		]);
		expect(json).toEqual(await flows());
	});

	test('Get', async () => {
		const flow = (await flows())[0];
		const { json, requests } = await call(sb(), { resource: 'automation', operation: 'get', automationId: rl(flow.uuid) });
		expectRequest(requests, 'GET', `/flows/api/flows/${flow.uuid}`);
		expect(json).toEqual([await get(`/flows/api/flows/${flow.uuid}`)]);
	});

	test('Create with days and a daily window', async () => {
		const { json, requests, error } = await call(sb(), {
			resource: 'automation',
			operation: 'create',
			name: 'DACH CTO Outreach',
			useSenderSchedule: false,
			scheduleTimezone: 'Europe/Berlin',
			scheduleDays: [5, 1, 3],
			scheduleStart: 540,
			scheduleEnd: 1020,
			useContactTimezone: true,
			additionalFields: { description: 'Q3 push', priority: 3, is_public: false },
		});
		expect(error).toBeUndefined();
		expectRequest(requests, 'POST', '/flows/api/flows', [], {
			name: 'DACH CTO Outreach',
			use_sender_schedule: false,
			description: 'Q3 push',
			priority: 3,
			is_public: false,
			schedule: {
				timezone: 'Europe/Berlin',
				use_lead_timezone: true,
				timeblocks: [
					{ dow: 1, min: 540, max: 1020 },
					{ dow: 3, min: 540, max: 1020 },
					{ dow: 5, min: 540, max: 1020 },
				],
			},
		});
		expect(json).toHaveLength(1);
		expect(json[0]).toMatchObject({ name: 'DACH CTO Outreach', status: 'draft', use_sender_schedule: false, priority: 3 });
		expect(json[0]).toEqual(await flowOf(json[0].uuid));
	});

	test("Create with the sender's schedule still sends the (required) schedule", async () => {
		const { json, requests } = await call(sb(), { resource: 'automation', operation: 'create', name: 'Sender hours', useSenderSchedule: true });
		expectRequest(requests, 'POST', '/flows/api/flows', [], {
			name: 'Sender hours',
			use_sender_schedule: true,
			schedule: { timezone: 'UTC', use_lead_timezone: false, timeblocks: [1, 2, 3, 4, 5].map((dow) => ({ dow, min: 540, max: 1080 })) },
		});
		expect(json[0]).toMatchObject({ name: 'Sender hours', use_sender_schedule: true });
	});

	test('Update renames and replaces the schedule', async () => {
		const flow = await newFlow('To rename');
		const { json, requests } = await call(sb(), {
			resource: 'automation',
			operation: 'update',
			automationId: rl(flow.uuid),
			updateFields: { name: 'Renamed', description: 'New text' },
			updateSchedule: true,
			scheduleTimezone: 'America/New_York',
			scheduleDays: [2],
			scheduleStart: 480,
			scheduleEnd: 720,
		});
		expectRequest(requests, 'PUT', `/flows/api/flows/${flow.uuid}`, [], {
			name: 'Renamed',
			description: 'New text',
			schedule: { timezone: 'America/New_York', use_lead_timezone: false, timeblocks: [{ dow: 2, min: 480, max: 720 }] },
		});
		expect(json).toEqual([await flowOf(flow.uuid)]);
		expect(json[0]).toMatchObject({ name: 'Renamed', description: 'New text' });
	});

	test('Delete', async () => {
		const flow = await newFlow('To delete');
		const { json, requests } = await call(sb(), { resource: 'automation', operation: 'delete', automationId: rl(flow.uuid) });
		expectRequest(requests, 'DELETE', `/flows/api/flows/${flow.uuid}`);
		expect(json).toEqual([{ success: true }]);
		expect((await api(sb(), 'GET', `/flows/api/flows/${flow.uuid}`)).status).toBe(404);
	});

	test.each([
		['archive', 'archived'],
		['unarchive', 'off'],
		['start', 'on'],
		['stop', 'off'],
	])('%s', async (operation, status) => {
		const flow = (await flows()).find((f) => f.name === 'Lifecycle') ?? (await newFlow('Lifecycle'));
		const { json, requests, error } = await call(sb(), { resource: 'automation', operation, automationId: rl(flow.uuid) });
		expect(error).toBeUndefined();
		expectRequest(requests, 'PUT', `/flows/api/flows/${flow.uuid}/${operation}`);
		expect(json).toEqual([await flowOf(flow.uuid)]);
		expect(json[0].status).toBe(status);
	});

	test('Clone', async () => {
		const flow = (await flows())[0];
		const { json, requests } = await call(sb(), { resource: 'automation', operation: 'clone', sourceAutomationId: rl(flow.uuid), cloneName: 'Campaign Q2 - Copy' });
		expectRequest(requests, 'POST', '/flows/api/flows/clone', [], { flow_uuid: flow.uuid, name: 'Campaign Q2 - Copy' });
		expect(json).toHaveLength(1);
		expect(json[0]).toMatchObject({ name: 'Campaign Q2 - Copy' });
		expect(json[0].uuid).not.toBe(flow.uuid);
		expect(json[0]).toEqual(await flowOf(json[0].uuid));
	});

	test('Get Contacts sends only flow_uuid / lead_uuid / status arrays in the body filter', async () => {
		const flow = (await flows())[0];
		const { json, requests } = await call(sb(), {
			resource: 'automation',
			operation: 'getContacts',
			limit: 20,
			flowContactFilters: { automationIds: flow.uuid, statuses: 'in_progress, finished' },
		});
		const body = { filter: { flow_uuid: [flow.uuid], status: ['in_progress', 'finished'] }, limit: 20, offset: 0 };
		expectRequest(requests, 'POST', '/flows/api/flows-leads/list', [], body);
		expect(json).toEqual(await records(sb(), '/flows/api/flows-leads/list', body));
	});

	test('Get Metrics', async () => {
		const [a, b] = await flows();
		const { json, requests } = await call(sb(), { resource: 'automation', operation: 'getMetrics', metricsAutomationIds: [a.uuid, b.uuid] });
		expectRequest(requests, 'POST', '/flows/api/flows/metrics', [], { uuids: [a.uuid, b.uuid] });
		expect(json).toEqual([(await api(sb(), 'POST', '/flows/api/flows/metrics', { uuids: [a.uuid, b.uuid] })).body]);
		expect(Object.keys(json[0])).toEqual(expect.arrayContaining([a.uuid, b.uuid]));
	});

	test('Get Node Statistics sends node_ids as numbers and an executed_at range', async () => {
		const flow = (await flows())[0];
		const { json, requests } = await call(sb(), {
			resource: 'automation',
			operation: 'getNodeStatistics',
			automationId: rl(flow.uuid),
			nodeIds: '2, 3,6',
			statisticsOptions: { executedFrom: '2026-07-01', executedTo: '2026-07-31' },
		});
		const body = { node_ids: [2, 3, 6], filter: { executed_at: { '>=': '2026-07-01', '<=': '2026-07-31' } } };
		expectRequest(requests, 'POST', `/flows/api/flows/${flow.uuid}/statistics/nodes`, [], body);
		expect(json).toEqual([(await api(sb(), 'POST', `/flows/api/flows/${flow.uuid}/statistics/nodes`, body)).body]);
	});

	test('Get Contact Source Statistics', async () => {
		const flow = (await flows())[0];
		const { json, requests } = await call(sb(), { resource: 'automation', operation: 'getContactSourceStatistics', automationId: rl(flow.uuid), contactSourceIds: '1,2' });
		const body = { contact_source_ids: [1, 2] };
		expectRequest(requests, 'POST', `/flows/api/flows/${flow.uuid}/statistics/contact-sources`, [], body);
		expect(json).toEqual([(await api(sb(), 'POST', `/flows/api/flows/${flow.uuid}/statistics/contact-sources`, body)).body]);
	});

	test('Add Contact (existing contact)', async () => {
		const flow = (await flows())[0];
		const contact = (await contacts())[0];
		const { json, requests, error } = await call(sb(), { resource: 'automation', operation: 'addContact', automationId: rl(flow.uuid), contactId: rl(contact.uuid) });
		expect(error).toBeUndefined();
		expectRequest(requests, 'POST', `/flows/api/flows/${flow.uuid}/leads/${contact.uuid}`);
		expect(json).toEqual([{ success: true }]);
	});

	test('Create Contact and Add: added', async () => {
		const flow = (await flows())[0];
		const list = (await records(sb(), '/leads/api/lists'))[0];
		const { json, requests, error } = await call(sb(), {
			resource: 'automation',
			operation: 'createContact',
			automationId: rl(flow.uuid),
			linkedinId: 'https://www.linkedin.com/in/jane-new-9000',
			listId: rl(list.uuid),
			contactFields: { first_name: 'Jane', last_name: 'New', company_name: 'Acme Inc' },
			contactOptions: { custom_fields: '{"field_position": "CTO"}', update_lead_if_exists: false, flow_segment_id: 1 },
		});
		expect(error).toBeUndefined();
		expectRequest(requests, 'POST', `/flows/api/flows/${flow.uuid}/add-new-lead`, [], {
			lead: { linkedin_id: 'https://www.linkedin.com/in/jane-new-9000', first_name: 'Jane', last_name: 'New', company_name: 'Acme Inc' },
			list_uuid: list.uuid,
			custom_fields: { field_position: 'CTO' },
			update_lead_if_exists: false,
			flow_segment_id: 1,
		});
		expect(json).toEqual([{ added: true, skipped: false, automationUuid: flow.uuid }]);
	});

	test('Create Contact and Add: an existing contact is reported as skipped, not as an error', async () => {
		const flow = (await flows())[0];
		const list = (await records(sb(), '/leads/api/lists'))[0];
		const existing = (await contacts())[0];
		const linkedin = existing.linkedin ?? existing.ln_id ?? existing.linkedin_id;
		const { json, requests, error } = await call(sb(), {
			resource: 'automation',
			operation: 'createContact',
			automationId: rl(flow.uuid),
			linkedinId: linkedin,
			listId: rl(list.uuid),
			contactOptions: { skip_if_lead_exists: true },
		});
		expect(error).toBeUndefined();
		expectRequest(requests, 'POST', `/flows/api/flows/${flow.uuid}/add-new-lead`, [], {
			lead: { linkedin_id: linkedin },
			list_uuid: list.uuid,
			skip_if_lead_exists: true,
		});
		expect(json).toEqual([{ reason: 'skipped', added: false, skipped: true, automationUuid: flow.uuid }]);
	});

	test('Cancel Contact from chosen automations', async () => {
		const [a, b] = await flows();
		const contact = (await contacts())[0];
		const { json, requests } = await call(sb(), { resource: 'automation', operation: 'cancelContact', contactId: rl(contact.uuid), cancelAutomationIds: [a.uuid, b.uuid] });
		expectRequest(requests, 'PUT', `/flows/api/flows/leads/${contact.uuid}/cancel`, [], { flow_uuids: [a.uuid, b.uuid] });
		expect(json).toEqual([{ success: true }]);
	});

	test('Cancel Contact From All', async () => {
		const contact = (await contacts())[0];
		const { json, requests } = await call(sb(), { resource: 'automation', operation: 'cancelContactFromAll', contactId: rl(contact.uuid) });
		expectRequest(requests, 'PUT', `/flows/api/flows/leads/${contact.uuid}/cancel-all`);
		expect(json).toEqual([{ success: true }]);
	});

	test('Delete Contact History', async () => {
		const contact = (await contacts())[0];
		const { json, requests } = await call(sb(), { resource: 'automation', operation: 'deleteContactHistory', contactId: rl(contact.uuid) });
		expectRequest(requests, 'DELETE', `/flows/api/flows/leads/${contact.uuid}`);
		expect(json).toEqual([{ success: true }]);
	});
});

describe('Automation Folder', () => {
	test('Create', async () => {
		const { json, requests } = await call(sb(), { resource: 'automationFolder', operation: 'create', name: 'EMEA', additionalFields: { order: 2 } });
		expectRequest(requests, 'POST', '/flows/api/flow-workspaces', [], { name: 'EMEA', order: 2 });
		expect(json[0]).toMatchObject({ name: 'EMEA', order: 2 });
		expect((await records(sb(), '/flows/api/flow-workspaces?limit=100')).find((f) => f.uuid === json[0].uuid)).toEqual(json[0]);
	});

	test('Get Many', async () => {
		const { json, requests } = await call(sb(), { resource: 'automationFolder', operation: 'getAll', limit: 50 });
		// No limit/offset documented for this list: one request without them, Limit applied to the answer.
		expectRequest(requests, 'GET', '/flows/api/flow-workspaces', []);
		expect(json).toEqual(await records(sb(), '/flows/api/flow-workspaces'));
		expect(json.length).toBeGreaterThan(0);
	});

	test('Update', async () => {
		const folder = (await api(sb(), 'POST', '/flows/api/flow-workspaces', { name: 'Old' })).body;
		const { json, requests } = await call(sb(), { resource: 'automationFolder', operation: 'update', folderId: rl(folder.uuid), updateFields: { name: 'New', order: 5 } });
		expectRequest(requests, 'PUT', `/flows/api/flow-workspaces/${folder.uuid}`, [], { name: 'New', order: 5 });
		expect(json[0]).toMatchObject({ uuid: folder.uuid, name: 'New', order: 5 });
		expect((await records(sb(), '/flows/api/flow-workspaces?limit=100')).find((f) => f.uuid === folder.uuid)).toEqual(json[0]);
	});

	test('Delete', async () => {
		const folder = (await api(sb(), 'POST', '/flows/api/flow-workspaces', { name: 'Gone' })).body;
		const { json, requests, error } = await call(sb(), { resource: 'automationFolder', operation: 'delete', folderId: rl(folder.uuid) });
		expect(error).toBeUndefined();
		expect(json).toHaveLength(1);
		expectRequest(requests, 'DELETE', `/flows/api/flow-workspaces/${folder.uuid}`);
		expect((await records(sb(), '/flows/api/flow-workspaces?limit=100')).map((f) => f.uuid)).not.toContain(folder.uuid);
	});
});

describe('Flow Version', () => {
	const NOW = '2026-07-22T10:00:00.000000Z';
	const nodes = [
		{ id: 1, type: 'linkedin_send_connection_request', before: [], after: [{ node_id: 2, branch_id: 1 }], automation: 'auto', payload: { template: 'Hi {{first_name}}!', fallback_send: true, template_uuid: null }, delay_in_seconds: 0, created_at: NOW, updated_at: NOW },
		{ id: 2, type: 'end', before: [{ node_id: 1, branch_id: 1 }], after: [], automation: 'auto', payload: [], delay_in_seconds: 0, created_at: NOW, updated_at: NOW },
	];
	const sources = [{ id: 1, name: null, rotation_strategy: 'fair', sender_profiles: [], after_id: 1, mass_actions_filter: null, filter_tree_format: null }];

	test('Create', async () => {
		const flow = await newFlow('Versioned');
		const { json, requests, error } = await call(sb(), {
			resource: 'flowVersion',
			operation: 'create',
			automationId: rl(flow.uuid),
			nodes: JSON.stringify(nodes),
			contactSources: JSON.stringify(sources),
			additionalFields: { first_common_node_id: 2 },
		});
		expect(error).toBeUndefined();
		expectRequest(requests, 'POST', `/flows/api/flows/${flow.uuid}/flow-versions`, [], { nodes, contact_sources: sources, first_common_node_id: 2 });
		expect(json).toHaveLength(1);
		expect(json[0]).toMatchObject({ flow_uuid: flow.uuid, nodes, contact_sources: sources, first_common_node_id: 2 });
		// GET adds team_id to the stored version; everything else is what the create answered.
		expect(json).toEqual([expect.objectContaining(await get(`/flows/api/flow-versions/${String(json[0].uuid)}`).then(({ team_id: team, ...rest }) => rest))]);
		expect((await get(`/flows/api/flows/${flow.uuid}`)).flow_version_uuid).toBe(json[0].uuid);
	});

	test('Get Many returns the bare array as items', async () => {
		const flow = (await flows()).find((f) => f.name === 'Versioned');
		const { json, requests } = await call(sb(), { resource: 'flowVersion', operation: 'getAll', automationId: rl(flow.uuid) });
		expectRequest(requests, 'GET', `/flows/api/flows/${flow.uuid}/flow-versions`);
		expect(json).toEqual(await get(`/flows/api/flows/${flow.uuid}/flow-versions`));
		expect(json.length).toBeGreaterThan(0);
	});

	test('Get', async () => {
		const flow = (await flows()).find((f) => f.name === 'Versioned');
		const version = (await get(`/flows/api/flows/${flow.uuid}/flow-versions`))[0];
		const { json, requests } = await call(sb(), { resource: 'flowVersion', operation: 'get', flowVersionId: version.uuid });
		expectRequest(requests, 'GET', `/flows/api/flow-versions/${version.uuid}`);
		expect(json).toEqual([await get(`/flows/api/flow-versions/${version.uuid}`)]);
	});

	test('Delete', async () => {
		const flow = (await flows()).find((f) => f.name === 'Versioned');
		const created = (await api(sb(), 'POST', `/flows/api/flows/${flow.uuid}/flow-versions`, { nodes, contact_sources: sources })).body;
		const active = (await get(`/flows/api/flows/${flow.uuid}`)).flow_version_uuid;
		const old = (await get(`/flows/api/flows/${flow.uuid}/flow-versions`)).find((v: { uuid: string }) => v.uuid !== active);
		expect(active).toBe(created.uuid);
		const { json, requests, error } = await call(sb(), { resource: 'flowVersion', operation: 'delete', flowVersionId: old.uuid });
		expect(error).toBeUndefined();
		expectRequest(requests, 'DELETE', `/flows/api/flow-versions/${old.uuid}`);
		expect((await api(sb(), 'GET', `/flows/api/flow-versions/${old.uuid}`)).status).toBe(404);
		expect(json).toEqual([{ success: true }]);
	});

	test('Validate Node always sends before and after', async () => {
		const { json, requests, error } = await call(sb(), {
			resource: 'flowVersion',
			operation: 'validateNode',
			node: JSON.stringify({ id: 1, type: 'linkedin_send_connection_request', automation: 'auto', payload: { template: 'Hi {{first_name}}!', fallback_send: true, template_uuid: null }, delay_in_seconds: 0 }),
		});
		expect(error).toBeUndefined();
		expectRequest(requests, 'POST', '/flows/api/flow-versions/validate-node', [], {
			id: 1,
			type: 'linkedin_send_connection_request',
			automation: 'auto',
			payload: { template: 'Hi {{first_name}}!', fallback_send: true, template_uuid: null },
			delay_in_seconds: 0,
			before: [],
			after: [],
		});
		expect(json).toEqual([{ success: true }]);
	});

	test('Validate Contact Source', async () => {
		const { json, requests, error } = await call(sb(), {
			resource: 'flowVersion',
			operation: 'validateContactSource',
			contactSourceId: 1,
			contactSourceType: 'manual',
			contactSourceOptions: '{"rotation_strategy": "fair"}',
		});
		expect(error).toBeUndefined();
		const body = { id: 1, type: 'manual', options: { rotation_strategy: 'fair' } };
		expectRequest(requests, 'POST', '/flows/api/flow-versions/validate-contact-source', [], body);
		const direct = await api(sb(), 'POST', '/flows/api/flow-versions/validate-contact-source', body);
		expect(json).toEqual([direct.body === undefined || direct.body === '' ? { success: true } : direct.body]);
	});
});
