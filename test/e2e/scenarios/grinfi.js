'use strict';
/**
 * Grinfi in a real n8n: the example workflows against the sandbox (node outputs and what the
 * sandbox received and holds), and the trigger with registration, deliveries and removal.
 */
const assert = require('node:assert/strict');

const { activateGrinfiTrigger, example, executeExample, fireGrinfiEvent, nodeOutput, until } = require('../lib');

const CRED_KEY = 'Bearer grinfi_test_key';

/** The requests the Grinfi sandbox received since `from` (an index into its request log). */
const requestsSince = (gr, from) => gr.server.requests.slice(from);
const line = (r) => `${r.method} ${r.path}`;

module.exports = [
	{
		name: 'Grinfi example: upsert a contact with a custom field, tag it by mass action, find it by search',
		async run(n8n, ctx) {
			const gr = ctx.sandboxes.grinfi;
			const ids = gr.state.ids;
			const from = gr.server.requests.length;
			const { run } = await executeExample(n8n, 'grinfi-upsert-tag-search.json');

			const [upserted] = nodeOutput(run, 'Upsert contact');
			assert.equal(upserted.first_name, 'Greta');
			assert.equal(upserted.list_uuid, ids.lists[1]);
			assert.deepEqual(upserted.custom_fields, { industry_vertical: 'Nordic e-commerce' });
			assert.deepEqual(nodeOutput(run, 'Tag as Hot Lead'), [{}]);
			const found = nodeOutput(run, 'Search tagged contacts');
			assert.equal(found.length, 1, `search returned ${found.map((c) => c.name).join(', ')}`);
			assert.equal(found[0].uuid, upserted.uuid);
			assert.deepEqual(found[0].tags, [ids.tags[0]]);
			assert.equal(found[0].custom_fields.industry_vertical, 'Nordic e-commerce');

			// the sandbox's state
			const stored = gr.state.contacts.get(upserted.uuid);
			assert.ok(stored, 'the contact is not in the sandbox');
			assert.equal(stored.linkedin, 'greta-lind-9001');
			assert.equal(stored.list_uuid, ids.lists[1]);
			assert.deepEqual(stored.tags, [ids.tags[0]]);
			assert.deepEqual(gr.state.model.customFieldsOf('lead', upserted.uuid), { industry_vertical: 'Nordic e-commerce' });

			// what it received
			const received = requestsSince(gr, from);
			assert.deepEqual(received.map(line), [
				'GET /leads/api/custom-fields',
				'POST /leads/api/leads/upsert',
				'PUT /leads/api/leads/mass-action',
				'POST /leads/api/leads/search',
			]);
			assert.ok(received.every((r) => r.headers.authorization === CRED_KEY));
			assert.deepEqual(received[1].body.custom_fields, { industry_vertical: 'Nordic e-commerce' });
			assert.equal(received[1].body.list_uuid, ids.lists[1]);
			assert.deepEqual(received[2].body, { type: 'contact_add_tags', payload: { tag_uuid: ids.tags[0] }, filter: { ids: [upserted.uuid] } });
			assert.deepEqual(received[3].body.filter, { q: 'Greta', list_uuid: ids.lists[1], tags: [ids.tags[0]] });
		},
	},
	{
		name: 'Grinfi example: upload a file, send it in a LinkedIn message to a contact of an automation, list the sent messages',
		async run(n8n, ctx) {
			const gr = ctx.sandboxes.grinfi;
			const ids = gr.state.ids;
			const from = gr.server.requests.length;
			const { workflow, run } = await executeExample(n8n, 'grinfi-attachment-linkedin-message.json');

			const PNG = Buffer.from(workflow.nodes.find((n) => n.name === 'Brochure as Base64').parameters.assignments.assignments[0].value, 'base64');
			const [file] = nodeOutput(run, 'Upload attachment');
			assert.match(file.uuid, /^[0-9a-f-]{36}$/);
			assert.deepEqual({ name: file.payload.name, size: file.payload.size, type: file.payload.type }, { name: 'brochure.png', size: String(PNG.length), type: 'image/png' });
			const [enrolled] = nodeOutput(run, 'Contact of the automation');
			assert.equal(enrolled.flow_uuid, ids.flows[0]);
			assert.equal(enrolled.status, 'in_progress');
			const [sent] = nodeOutput(run, 'Send LinkedIn message');
			assert.equal(sent.lead_uuid, enrolled.lead_uuid);
			assert.equal(sent.sender_profile_uuid, enrolled.sender_profile_uuid);
			assert.equal(sent.type, 'outbox');
			assert.deepEqual(sent.attachments, [{ uuid: file.uuid }]);
			const listed = nodeOutput(run, 'List sent messages');
			assert.ok(listed.length >= 1);
			assert.ok(listed.every((m) => m.lead_uuid === enrolled.lead_uuid && m.type === 'outbox'));
			const mine = listed.find((m) => m.uuid === sent.uuid);
			assert.ok(mine, 'the sent message is not listed');
			assert.deepEqual(mine.attachments, [{ uuid: file.uuid }]);

			// the sandbox's state: the stored file and the stored message referencing it
			assert.ok(gr.state.attachments.get(file.uuid), 'the attachment is not in the sandbox');
			const stored = gr.state.linkedinMessages.get(sent.uuid);
			assert.ok(stored, 'the message is not in the sandbox');
			assert.deepEqual(stored.attachments, [{ uuid: file.uuid }]);
			assert.equal(stored.text, 'Hi {{first_name}}, here is the brochure we talked about.');

			// what it received: the PNG as multipart, then the message with the attachment reference
			const received = requestsSince(gr, from);
			assert.deepEqual(received.map(line), [
				'POST /flows/api/attachments',
				'POST /flows/api/flows-leads/list',
				'POST /flows/api/linkedin-messages',
				'GET /flows/api/linkedin-messages',
			]);
			assert.ok(received.every((r) => r.headers.authorization === CRED_KEY));
			const upload = received[0].multipart;
			assert.ok(upload.files.attachment.data.equals(PNG), 'the uploaded bytes differ from the PNG');
			assert.equal(upload.files.attachment.filename, 'brochure.png');
			assert.deepEqual(received[1].body.filter, { flow_uuid: [ids.flows[0]], status: ['in_progress'] });
			assert.deepEqual(received[2].body.attachments, [{ uuid: file.uuid }]);
			assert.equal(received[2].body.lead_uuid, enrolled.lead_uuid);
			assert.ok(received[3].query.some(([k, v]) => k === 'filter[lead_uuid]' && v === enrolled.lead_uuid));
		},
	},
	{
		name: 'Grinfi Trigger: activation registers one webhook per event, a reply starts one execution, a forged delivery none, a new API key of the same team keeps deliveries working, deactivation removes them',
		async run(n8n, ctx) {
			const gr = ctx.sandboxes.grinfi;
			const ids = gr.state.ids;
			const workflow = example('grinfi-reply-trigger.json');
			const events = workflow.nodes.find((n) => n.type === 'n8n-nodes-outreach.grinfiTrigger').parameters.events;
			const from = gr.server.requests.length;

			await n8n.importWorkflow(workflow);
			const { url, secret, hooks, registered: ours } = await activateGrinfiTrigger(n8n, gr, workflow);

			// the sandbox has one webhook per event, all at the node's URL, each with a random token of its own
			assert.equal(hooks.length, events.length, `registered: ${JSON.stringify(hooks.map((h) => h.event))}`);
			assert.match(secret, /^[0-9a-f]{64}$/);
			const tokens = hooks.map((h) => new URL(h.target_url).searchParams.get('secret'));
			assert.equal(new Set(tokens).size, hooks.length, 'two webhooks share a token');
			for (const hook of hooks) {
				assert.match(hook.target_url, new RegExp(`^${url.replace(/[.?]/g, '\\$&')}\\?secret=[0-9a-f]{64}$`));
				assert.equal(hook.request_method, 'POST');
				assert.equal(hook.status, 'on');
				assert.ok(hook.name.includes(workflow.name), `webhook name "${hook.name}"`);
			}
			const created = requestsSince(gr, from).filter((r) => r.method === 'POST' && r.path === '/integrations/api/webhooks');
			assert.equal(created.length, events.length);
			assert.ok(created.every((r) => r.headers.authorization === CRED_KEY));

			// a reply delivered by the sandbox: exactly one execution with the payload
			const contact = ids.contacts[1];
			const delivery = await fireGrinfiEvent(gr, 'contact_replied_linkedin_message', {
				contact: { uuid: contact },
				linkedin_message: { text: 'Sounds good, send me the deck please.' },
			});
			const executions = await n8n.waitForExecutions(workflow.id, { count: 1 });
			assert.equal(executions.length, 1);
			assert.equal(executions[0].status, 'success');
			const [event] = nodeOutput(executions[0], 'Grinfi Trigger');
			assert.deepEqual(event, JSON.parse(JSON.stringify(delivery.payload)));
			assert.equal(event.event_name, 'contact_replied_linkedin_message');
			assert.equal(event.contact.uuid, contact);
			assert.equal(event.linkedin_message.text, 'Sounds good, send me the deck please.');
			const [fetched] = nodeOutput(executions[0], 'Fetch contact');
			assert.equal(fetched.uuid, contact);
			assert.equal(fetched.first_name, 'Anna');

			// forged deliveries (a wrong secret, no secret) answer 401 and start nothing
			const body = JSON.stringify(delivery.payload);
			const post = (target) => fetch(target, { method: 'POST', body, headers: { 'content-type': 'application/json' } });
			const forged = await post(`${url}?secret=${'0'.repeat(secret.length)}`);
			assert.equal(forged.status, 401);
			const bare = await post(url);
			assert.equal(bare.status, 401);
			await new Promise((r) => setTimeout(r, 1500));
			assert.equal((await n8n.executions(workflow.id)).length, 1, 'a forged delivery started an execution');

			// the credential gets another key of the same Grinfi team and the old one is revoked: the
			// webhooks registered before keep starting the workflow, a forged token is still refused
			// (n8n asks Grinfi's webhook list with the new key)
			const made = await fetch(`${gr.server.url}/id/api/jwt-tokens/create-api-key`, {
				method: 'POST',
				headers: { authorization: CRED_KEY, 'content-type': 'application/json' },
				body: JSON.stringify({ name: 'rotated in e2e' }),
			});
			const newKey = (await made.json()).last_token;
			const credential = ctx.sandboxes.credentials().find((c) => c.type === 'grinfiApi');
			await n8n.importCredentials({ ...credential, data: { ...credential.data, apiKey: newKey } });
			const keys = gr.state.apiKeys;
			keys.splice(keys.indexOf(CRED_KEY.slice('Bearer '.length)), 1);
			try {
				const rotatedFrom = gr.server.requests.length;
				await fireGrinfiEvent(gr, 'contact_replied_linkedin_message', { contact: { uuid: contact } });
				await n8n.waitForExecutions(workflow.id, { count: 2 });
				// That delivery may be accepted from the in-process cache of tokens seen at registration;
				// an unknown token makes n8n read Grinfi's webhook list, at most once per 5 s per URL, so
				// wait that out to see which key the listing goes with.
				await new Promise((r) => setTimeout(r, 5500));
				const stillForged = await post(`${url}?secret=${'0'.repeat(64)}`);
				assert.equal(stillForged.status, 401);
				const listings = requestsSince(gr, rotatedFrom).filter((r) => line(r) === 'GET /integrations/api/webhooks');
				assert.ok(listings.length >= 1 && listings.every((r) => r.headers.authorization === `Bearer ${newKey}`), JSON.stringify(listings.map((r) => r.headers.authorization)));
				await new Promise((r) => setTimeout(r, 1500));
				assert.equal((await n8n.executions(workflow.id)).length, 2, 'a forged delivery after the key change started an execution');
			} finally {
				keys.push(CRED_KEY.slice('Bearer '.length));
				await n8n.importCredentials(credential);
			}

			// deactivating removes the webhooks from Grinfi
			await n8n.deactivate(workflow.id);
			await until('the webhooks removed from the sandbox', () => ours().length === 0);
			const removed = requestsSince(gr, from).filter((r) => r.method === 'DELETE' && r.path.startsWith('/integrations/api/webhooks/'));
			assert.deepEqual(removed.map((r) => r.path.split('/').pop()).sort(), hooks.map((h) => h.uuid).sort());
			assert.deepEqual(await gr.state.fireEvent('contact_replied_linkedin_message', { contact: { uuid: contact } }), []);
		},
	},
];
