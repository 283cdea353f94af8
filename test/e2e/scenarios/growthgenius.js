'use strict';
/** GrowthGenius in a real n8n: the contact + message example, and the polling trigger on new contacts. */
const assert = require('node:assert/strict');

const { ensureStarted, example, executeExample, nodeOutput, until } = require('../lib');

const API_KEY = 'gg_sandbox_key';
const USER_ID = '1';

/** Every request carries the bare API key (no "Bearer") and user_id=1. */
function assertAuthAndUser(requests) {
	for (const r of requests) {
		assert.equal(r.headers.authorization, API_KEY, `${r.method} ${r.path}: Authorization ${JSON.stringify(r.headers.authorization)}`);
		assert.deepEqual(r.query.filter(([k]) => k === 'user_id'), [['user_id', USER_ID]], `${r.method} ${r.path}: query ${r.rawQuery}`);
	}
}

module.exports = [
	{
		name: 'GrowthGenius example: create a contact, record a message to it, read both back',
		async run(n8n, ctx) {
			const gg = ctx.sandboxes.growthgenius;
			const before = gg.server.requests.length;
			const { run } = await executeExample(n8n, 'growthgenius-contact-message.json');

			const [created] = nodeOutput(run, 'Create contact');
			assert.equal(typeof created.id, 'number');
			assert.equal(created.first_name, 'Tim');
			assert.equal(created.last_name, 'Cook');
			assert.equal(created.email, 'tcook@apple.com');
			assert.equal(created.company_name, 'Apple Inc.');
			assert.equal(created.custom3, 'vip');
			assert.equal(created.employee_count, 164000);
			assert.equal(created.user_id, 1);

			const [message] = nodeOutput(run, 'Record message');
			assert.equal(typeof message.id, 'number');
			assert.equal(message.contact_id, created.id);
			assert.equal(message.message_type, 'sales_force_message');
			assert.equal(message.rendered_copy, 'Hi Tim,\n\nGreat to meet you at the summit.');
			assert.equal(message.rendered_subject, 'Following up');

			const [gotContact] = nodeOutput(run, 'Get contact');
			assert.deepEqual(gotContact, created);
			const [gotMessage] = nodeOutput(run, 'Get message');
			assert.deepEqual(gotMessage, message);

			// sandbox state
			assert.deepEqual(gg.state.contacts.get(created.id), created);
			assert.deepEqual(gg.state.messages.get(message.id), message);
			assert.equal(gg.state.contacts.all().filter((c) => c.email === 'tcook@apple.com').length, 1, 'the contact was created more than once');

			// requests: exactly the four calls, the bare key, user_id=1, bodies wrapped
			const requests = gg.server.requests.slice(before);
			assert.deepEqual(
				requests.map((r) => `${r.method} ${r.path}`),
				[
					'POST /integrations/v1/contacts',
					'POST /integrations/v1/messages',
					`GET /integrations/v1/contacts/${created.id}`,
					`GET /integrations/v1/messages/${message.id}`,
				],
			);
			assertAuthAndUser(requests);
			assert.deepEqual(requests[0].body, {
				contact: { first_name: 'Tim', last_name: 'Cook', email: 'tcook@apple.com', company_name: 'Apple Inc.', title: 'CEO', custom3: 'vip', employee_count: 164000 },
			});
			assert.deepEqual(requests[1].body, {
				message: { contact_id: created.id, message_type: 'sales_force_message', rendered_copy: 'Hi Tim,\n\nGreat to meet you at the summit.', rendered_subject: 'Following up' },
			});
			assert.ok(requests.every((r) => r.status < 300), `statuses: ${requests.map((r) => r.status).join(', ')}`);
		},
	},
	{
		name: 'GrowthGenius Trigger (polling, every minute): each contact created after activation starts the workflow exactly once',
		async run(n8n, ctx) {
			const gg = ctx.sandboxes.growthgenius;
			const workflow = example('growthgenius-new-contact-trigger.json');
			const triggerName = workflow.nodes[0].name;
			const isPoll = (r) => r.method === 'GET' && r.path === '/integrations/v1/contacts';
			const polls = (since) => gg.server.requests.slice(since).filter(isPoll);

			// contacts that exist before activation, among them the one the example above created
			// moments ago (inside the trigger's 60 s overlap): none of them may ever start the workflow
			const preExisting = new Set(gg.state.contacts.all().map((c) => c.id));
			assert.ok(preExisting.size >= 2);

			const before = gg.server.requests.length;
			await n8n.importWorkflow(workflow);
			if (n8n.running) {
				await n8n.activateLive(workflow.id);
			} else {
				await n8n.activate(workflow.id);
				await ensureStarted(n8n);
			}
			// the first poll (on activation) only records where it starts from
			const firstPoll = await until('the first poll', async () => polls(before).filter((r) => r.status === 200)[0], 60000);
			await new Promise((r) => setTimeout(r, 500));
			assert.equal((await n8n.executions(workflow.id)).length, 0, 'the first poll started an execution');

			// after the first poll: two new contacts, plus changes that are not a new contact of user 1
			const afterFirstPoll = gg.server.requests.length;
			const ada = gg.state.createContact({ first_name: 'Ada', last_name: 'Lovelace', full_name: 'Ada Lovelace', name: 'Ada Lovelace', email: 'ada@analytical.example' });
			const alan = gg.state.createContact({ first_name: 'Alan', last_name: 'Turing', full_name: 'Alan Turing', name: 'Alan Turing', email: 'alan@bletchley.example' });
			gg.state.touch('contact', 1102755, { title: 'Founder' }); // an update of a pre-existing contact
			const otherUsers = gg.state.createContact({ first_name: 'Grace', last_name: 'Hopper', email: 'grace@navy.example' }, 78); // not user 1's
			const fresh = [ada.id, alan.id];

			const idsIn = (list) => list.flatMap((e) => nodeOutput(e, triggerName).map((c) => c.id));
			await n8n.waitForExecutions(workflow.id, { count: 1, timeoutMs: 150000 });
			const emitted = await until(
				'executions with both new contacts',
				async () => {
					const list = await n8n.executions(workflow.id);
					if (!list.every((e) => e.data !== undefined && !['new', 'running', 'waiting'].includes(e.status))) return null;
					const ids = idsIn(list);
					return fresh.every((id) => ids.includes(id)) ? list : null;
				},
				150000,
			);
			const emittedAt = Date.now();
			// one more poll: its window overlaps the previous one, so it reads both contacts again
			const pollsSoFar = polls(afterFirstPoll).length;
			await until('the poll after the one that found the contacts', async () => polls(afterFirstPoll).length > pollsSoFar, 100000);
			await new Promise((r) => setTimeout(r, 3000));
			const executions = await n8n.waitForExecutions(workflow.id, { count: emitted.length, timeoutMs: 30000 });

			const ids = idsIn(executions);
			for (const id of fresh) assert.equal(ids.filter((x) => x === id).length, 1, `new contact ${id} appeared ${ids.filter((x) => x === id).length} times: ${JSON.stringify(ids)}`);
			for (const id of ids) assert.ok(!preExisting.has(id), `pre-existing contact ${id} started the workflow`);
			assert.ok(!ids.includes(otherUsers.id), "another user's contact started the workflow");
			assert.deepEqual([...ids].sort(), [...fresh].sort(), `executions carried ${JSON.stringify(ids)}`);
			for (const e of executions) {
				assert.equal(e.status, 'success', `execution ${e.id}: ${e.status}`);
				assert.equal(e.mode, 'trigger');
				const triggered = nodeOutput(e, triggerName);
				assert.deepEqual(nodeOutput(e, 'Get contact'), triggered.map((c) => gg.state.contacts.get(c.id)));
			}
			const [adaOut] = executions.flatMap((e) => nodeOutput(e, triggerName)).filter((c) => c.id === ada.id);
			assert.deepEqual(adaOut, ada);

			// the polls: the bare key, user_id=1, an updated-between window; one a minute
			const pollRequests = polls(before);
			assertAuthAndUser(gg.server.requests.slice(before));
			for (const r of pollRequests) {
				const q = Object.fromEntries(r.query);
				assert.ok(q.from && q.to && Date.parse(q.from) < Date.parse(q.to), `poll window ${r.rawQuery}`);
			}
			const gaps = pollRequests.slice(1).map((r, i) => r.at - pollRequests[i].at);
			assert.ok(gaps.slice(1).every((g) => g >= 50000), `polls closer than a minute apart: ${gaps.join(', ')} ms`);
			console.log(
				`  GrowthGenius Trigger: ${pollRequests.length} polls (gaps ${gaps.map((g) => (g / 1000).toFixed(1)).join(', ')} s), ` +
					`${executions.length} execution(s) carrying ${ids.length} contacts, first poll to emission ${((emittedAt - firstPoll.at) / 1000).toFixed(1)} s`,
			);
			await n8n.deactivate(workflow.id);
		},
	},
];
