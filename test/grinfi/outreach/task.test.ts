/** Tasks through n8n's engine against the Grinfi sandbox, incl. the filter[...] encoding and the 504 hint. */
import { useSandbox } from '../setup';
import { api, call, expectRequest, records, rl } from './helpers';

const sandbox = useSandbox();
const sb = () => sandbox();
const get = async (path: string) => (await api(sb(), 'GET', path)).body;

async function fixtures() {
	const flow = (await records(sb(), '/flows/api/flows?limit=100'))[0];
	const sender = (await records(sb(), '/flows/api/sender-profiles?limit=100'))[0];
	const contact = (await records(sb(), '/leads/api/leads/search', { limit: 100 }))[0];
	return { flow, sender, contact };
}

async function manualTask(text = 'Call them') {
	const { sender, contact } = await fixtures();
	const { status, body } = await api(sb(), 'POST', '/flows/api/tasks', {
		lead_uuid: contact.uuid,
		sender_profile_uuid: sender.uuid,
		text,
		schedule_at: '2026-08-01T10:00:00.000000Z',
	});
	expect(status).toBe(201);
	return body;
}

describe('Task', () => {
	test('Get Many sends every filter as filter[...] (ranges as [>=] / [<=])', async () => {
		const { flow, sender, contact } = await fixtures();
		const { json, requests, error } = await call(sb(), {
			resource: 'task',
			operation: 'getAll',
			limit: 25,
			filters: {
				flow_uuid: flow.uuid,
				automation: 'auto',
				lead_uuid: contact.uuid,
				executed_from: '2026-07-22',
				executed_to: '2026-07-23',
				flow_node_id: 2,
				schedule_from: '2026-07-01',
				schedule_to: '2026-07-31',
				sender_profile_uuid: sender.uuid,
				status: 'closed',
				type: 'linkedin_send_connection_request',
			},
		});
		expect(error).toBeUndefined();
		const request = expectRequest(requests, 'GET', '/flows/api/tasks', [
			['filter[flow_uuid]', flow.uuid],
			['filter[automation]', 'auto'],
			['filter[lead_uuid]', contact.uuid],
			['filter[executed_at][>=]', '2026-07-22'],
			['filter[executed_at][<=]', '2026-07-23'],
			['filter[flow_node_id]', '2'],
			['filter[schedule_at][>=]', '2026-07-01'],
			['filter[schedule_at][<=]', '2026-07-31'],
			['filter[sender_profile_uuid]', sender.uuid],
			['filter[status]', 'closed'],
			['filter[type]', 'linkedin_send_connection_request'],
			['limit', '25'],
			['offset', '0'],
		]);
		expect(request.rawQuery).toContain('filter%5Bexecuted_at%5D%5B%3E%3D%5D=2026-07-22');
		expect(json).toEqual(await records(sb(), `/flows/api/tasks?${request.rawQuery}`));
	});

	test('Get Many narrowed by automation returns its tasks', async () => {
		const { flow } = await fixtures();
		const { json, requests } = await call(sb(), { resource: 'task', operation: 'getAll', limit: 100, filters: { flow_uuid: flow.uuid } });
		expectRequest(requests, 'GET', '/flows/api/tasks', [
			['filter[flow_uuid]', flow.uuid],
			['limit', '100'],
			['offset', '0'],
		]);
		expect(json).toEqual(await records(sb(), `/flows/api/tasks?filter%5Bflow_uuid%5D=${flow.uuid}&limit=100&offset=0`));
		for (const task of json) expect(task.flow_uuid).toBe(flow.uuid);
	});

	test('Create a manual task', async () => {
		const { sender, contact } = await fixtures();
		const { json, requests, error } = await call(sb(), {
			resource: 'task',
			operation: 'create',
			contactId: rl(contact.uuid),
			senderProfileId: rl(sender.uuid),
			text: "Hi {{first_name}}, I'd love to connect!",
			scheduleAt: '2026-03-01T10:00:00.000000Z',
			additionalFields: { type: 'linkedin_send_message', note: 'VIP', timezone: 'Europe/Berlin' },
		});
		expect(error).toBeUndefined();
		expectRequest(requests, 'POST', '/flows/api/tasks', [], {
			lead_uuid: contact.uuid,
			sender_profile_uuid: sender.uuid,
			text: "Hi {{first_name}}, I'd love to connect!",
			schedule_at: '2026-03-01T10:00:00.000000Z',
			type: 'linkedin_send_message',
			note: 'VIP',
			timezone: 'Europe/Berlin',
		});
		expect(json[0]).toMatchObject({ lead_uuid: contact.uuid, sender_profile_uuid: sender.uuid, automation: 'manual', type: 'linkedin_send_message' });
		expect(json).toEqual([await get(`/flows/api/tasks/${String(json[0].uuid)}`)]);
	});

	test('Get', async () => {
		const task = await manualTask();
		const { json, requests } = await call(sb(), { resource: 'task', operation: 'get', taskId: task.uuid });
		expectRequest(requests, 'GET', `/flows/api/tasks/${task.uuid}`);
		expect(json).toEqual([await get(`/flows/api/tasks/${task.uuid}`)]);
	});

	test.each([
		['complete', 'closed'],
		['cancel', 'canceled'],
		['fail', 'failed'],
	])('%s', async (operation, status) => {
		const task = await manualTask();
		const { json, requests, error } = await call(sb(), { resource: 'task', operation, taskId: task.uuid });
		expect(error).toBeUndefined();
		expectRequest(requests, 'PUT', `/flows/api/tasks/${task.uuid}/${operation}`);
		const after = await get(`/flows/api/tasks/${task.uuid}`);
		expect(after.status).toBe(status);
		expect(json).toEqual([json[0].uuid ? after : { success: true }]);
	});

	test('Continue Automation', async () => {
		const { contact } = await fixtures();
		const { json, requests, error } = await call(sb(), { resource: 'task', operation: 'continueAutomation', continueContactId: rl(contact.uuid) });
		expect(error).toBeUndefined();
		expectRequest(requests, 'PUT', '/flows/api/tasks/continue-automation', [], { lead_uuid: contact.uuid });
		expect(json).toEqual([{}]);
	});

	test('Get Schedule sends sender_profile_uuid and the date (YYYY-MM-DD) in the query', async () => {
		const { sender } = await fixtures();
		const { json, requests, error } = await call(sb(), { resource: 'task', operation: 'getSchedule', senderProfileId: rl(sender.uuid), date: '2026-04-03T09:30:00' });
		expect(error).toBeUndefined();
		expectRequest(requests, 'GET', '/flows/api/tasks/schedule', [
			['sender_profile_uuid', sender.uuid],
			['date', '2026-04-03'],
		]);
		const direct = await get(`/flows/api/tasks/schedule?sender_profile_uuid=${sender.uuid}&date=2026-04-03`);
		expect(json).toEqual([direct]);
		expect(json[0]).toMatchObject({ date: '2026-04-03', sender_profile_uuid: sender.uuid });
	});

	test.each([
		['massCancel', 'mass-cancel', 'canceled'],
		['massComplete', 'mass-complete', 'closed'],
		['massRetry', 'mass-retry', 'in_progress'],
		['massSkip', 'mass-skip', 'skipped'],
	])('%s sends the task IDs as uuids', async (operation, path, status) => {
		const a = await manualTask('one');
		const b = await manualTask('two');
		if (operation === 'massRetry') for (const t of [a, b]) Object.assign(sb().state.tasks.get(t.uuid), { status: 'failed', error_msg: 'Timeout' });
		const { json, requests, error } = await call(sb(), { resource: 'task', operation, taskIds: `${a.uuid}, ${b.uuid}` });
		expect(error).toBeUndefined();
		expectRequest(requests, 'PUT', `/flows/api/tasks/${path}`, [], { uuids: [a.uuid, b.uuid] });
		expect(json).toEqual([{}]);
		for (const t of [a, b]) expect((await get(`/flows/api/tasks/${t.uuid}`)).status).toBe(status);
	});

	test('a mass action that times out (504) says to use the per-task operation', async () => {
		const a = await manualTask('slow');
		sb().server.inject({ method: 'PUT', path: '/flows/api/tasks/mass-cancel', status: 504, times: 10 });
		const { error, requests } = await call(sb(), { resource: 'task', operation: 'massCancel', taskIds: a.uuid });
		sb().server.reset();
		// A mass action acts: it is not sent again after a 504 (some tasks may have changed).
		expect(requests.map((r) => `${r.method} ${r.path} ${JSON.stringify(r.body)}`)).toEqual([`PUT /flows/api/tasks/mass-cancel ${JSON.stringify({ uuids: [a.uuid] })}`]);
		expect(error?.httpCode).toBe('504');
		expect(error?.message).toMatch(/^Grinfi may have applied "Cancel many tasks" \(it answered 504: /);
		expect(error?.description).toBe(
			'Grinfi timed out on this mass task action (a known problem of its mass endpoints); some tasks may have changed. To finish the job, use the per-task operation Task → Cancel for each task instead (e.g. one item per task ID). Sending it again could do it twice: check in Grinfi whether "Cancel many tasks" took effect before running the item again.',
		);
	});

	test('Get Group Counts sends group_field and the filter in the body', async () => {
		const { flow } = await fixtures();
		const { json, requests } = await call(sb(), {
			resource: 'task',
			operation: 'getGroupCounts',
			groupField: 'type',
			filters: { flow_uuid: flow.uuid, status: 'closed', executed_from: '2026-07-01', executed_to: '2026-08-01' },
		});
		const body = { group_field: 'type', filter: { flow_uuid: flow.uuid, status: 'closed', executed_at: { '>=': '2026-07-01', '<=': '2026-08-01' } } };
		expectRequest(requests, 'POST', '/flows/api/tasks/group-counts', [], body);
		expect(json).toEqual([(await api(sb(), 'POST', '/flows/api/tasks/group-counts', body)).body]);
	});
});
