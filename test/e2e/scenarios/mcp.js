'use strict';
/**
 * The pack's nodes as AI agent tools in a real n8n: examples/ai-sdr-mcp.json (n8n's MCP Server
 * Trigger wired to six tool nodes whose parameters come from `$fromAI()`), activated, and driven
 * by a real MCP client (@modelcontextprotocol/sdk over streamable HTTP at the trigger's production
 * URL). The client lists the tools (names, descriptions, input schemas), calls each one, and the
 * test checks the exact requests the sandboxes received, the size of the simplified results, and
 * that bad arguments come back as tool errors an agent can act on while later calls still work.
 */
const assert = require('node:assert/strict');

const { activateAndStart, example, until } = require('../lib');

const WORKFLOW = 'ai-sdr-mcp.json';
const bytes = (value) => Buffer.byteLength(JSON.stringify(value));
const isEmpty = (v) => v === null || v === undefined || v === '' || (Array.isArray(v) && !v.length) || (typeof v === 'object' && v !== null && !Array.isArray(v) && !Object.keys(v).length);

/** The MCP client of the SDK, connected over streamable HTTP. */
async function connect(url) {
	const { Client } = require('@modelcontextprotocol/sdk/client/index.js');
	const { StreamableHTTPClientTransport } = require('@modelcontextprotocol/sdk/client/streamableHttp.js');
	const client = new Client({ name: 'n8n-nodes-outreach-e2e', version: '1.0.0' });
	await client.connect(new StreamableHTTPClientTransport(new URL(url)));
	return client;
}

/** Calls a tool; resolves { isError, text, json } (json: the parsed text when it is JSON). */
async function call(client, name, args) {
	const result = await client.callTool({ name, arguments: args });
	const text = result.content.map((c) => c.text).join('\n');
	let json;
	try {
		json = JSON.parse(text);
	} catch {
		json = undefined;
	}
	return { isError: Boolean(result.isError), text, json };
}

/** The requests a sandbox received while `fn` ran: [{ method, path, query, body }]. */
async function received(sandbox, fn) {
	const from = sandbox.server.requests.length;
	const result = await fn();
	const requests = sandbox.server.requests.slice(from).map((r) => ({ method: r.method, path: r.path, query: r.query, body: r.body }));
	return { result, requests };
}

module.exports = [
	{
		name: 'AI agents over MCP: the MCP Server Trigger exposes the pack’s tools; a real MCP client lists and calls them, gets simplified results and tool errors it can act on',
		async run(n8n, ctx) {
			const { grinfi: gr, leadgrid: lg, growthgenius: gg } = ctx.sandboxes;
			const workflow = example(WORKFLOW);
			const trigger = workflow.nodes.find((n) => n.type === '@n8n/n8n-nodes-langchain.mcpTrigger');
			const toolNodes = workflow.nodes.filter((n) => n !== trigger);
			await n8n.importWorkflow(workflow);
			await activateAndStart(n8n, workflow.id);
			const url = `${n8n.baseUrl}mcp/${trigger.parameters.path}`;
			// n8n registers production webhooks just after it reports ready
			await until('the MCP endpoint', async () => (await fetch(url, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } })).status !== 404, 30000);

			const client = await connect(url);
			try {
				// --- the tools an agent sees
				const { tools } = await client.listTools();
				assert.deepEqual(tools.map((t) => t.name).sort(), toolNodes.map((n) => n.name).sort());
				const tool = (name) => tools.find((t) => t.name === name);
				const expectedDescriptions = {
					grinfi_search_contacts: /^Grinfi: Search contacts by a text \(name, email, company, position…\), list, pipeline stage, tags, statuses or dates\. Returns one item per contact; read-only\.$/,
					grinfi_create_or_update_contact: /^Grinfi: Create a contact in a list from a LinkedIn URL or ID, or update it if it exists.*changes data\.$/,
					grinfi_send_linkedin_message: /^Grinfi: Send a LinkedIn message .*Sends a real message/,
					leadgrid_open_dossier: /^LeadGrid: Open a dossier \(a sales deal or a candidate\).*changes data\.$/,
					leadgrid_log_note: /^LeadGrid: Add a text note to a dossier’s timeline; needs the dossier ID\./,
					growthgenius_recent_contacts: /^GrowthGenius: List the contacts updated between two times.*read-only\.$/,
				};
				for (const [name, description] of Object.entries(expectedDescriptions)) assert.match(tool(name).description, description, `${name}: ${tool(name).description}`);
				const schema = (name) => ({
					properties: Object.fromEntries(Object.entries(tool(name).inputSchema.properties).map(([k, v]) => [k, v.type])),
					required: [...(tool(name).inputSchema.required || [])].sort(),
				});
				assert.deepEqual(schema('grinfi_search_contacts'), { properties: { limit: 'number', query: 'string' }, required: ['limit', 'query'] });
				assert.deepEqual(schema('grinfi_create_or_update_contact'), {
					properties: { linkedin: 'string', first_name: 'string', last_name: 'string', company: 'string' },
					required: ['company', 'first_name', 'last_name', 'linkedin'],
				});
				assert.deepEqual(schema('grinfi_send_linkedin_message'), { properties: { contact_id: 'string', text: 'string' }, required: ['contact_id', 'text'] });
				assert.deepEqual(schema('leadgrid_open_dossier'), { properties: { deal_name: 'string', company: 'string', email: 'string' }, required: ['company', 'deal_name', 'email'] });
				assert.deepEqual(schema('leadgrid_log_note'), { properties: { dossier_id: 'string', note: 'string' }, required: ['dossier_id', 'note'] });
				assert.deepEqual(schema('growthgenius_recent_contacts'), { properties: { updated_since: 'string' }, required: ['updated_since'] });
				assert.match(tool('grinfi_search_contacts').inputSchema.properties.query.description, /name, an email, a company or a position/);

				// --- Grinfi Contact Search: one request, simplified records
				const search = await received(gr, () => call(client, 'grinfi_search_contacts', { query: 'example', limit: 5 }));
				assert.equal(search.result.isError, false, search.result.text);
				assert.deepEqual(search.requests, [{ method: 'POST', path: '/leads/api/leads/search', query: [], body: { filter: { q: 'example' }, limit: 5, offset: 0 } }]);
				const found = search.result.json;
				assert.equal(found.length, 5);
				const raw = await (await fetch(`${gr.server.url}/leads/api/leads/search`, {
					method: 'POST',
					headers: { authorization: 'Bearer grinfi_test_key', 'content-type': 'application/json' },
					body: JSON.stringify({ filter: { q: 'example' }, limit: 5, offset: 0 }),
				})).json();
				assert.deepEqual(found.map((c) => c.uuid), raw.data.map((c) => c.uuid));
				for (const contact of found) {
					assert.ok(!Object.values(contact).some(isEmpty), `an empty value in ${JSON.stringify(contact)}`);
					assert.ok(!('experience' in contact) && !('team_id' in contact), `not simplified: ${Object.keys(contact)}`);
					assert.ok(contact.uuid && contact.name && contact.status && contact.created_at);
				}
				const [rawBytes, simpleBytes] = [bytes(raw.data), bytes(found)];
				console.log(`  MCP grinfi_search_contacts, 5 contacts: raw ${rawBytes} bytes, simplified ${simpleBytes} bytes (${Math.round((100 * simpleBytes) / rawBytes)}%)`);
				assert.ok(simpleBytes < rawBytes * 0.6, `simplified ${simpleBytes} bytes, raw ${rawBytes}`);
				const priya = found.find((c) => c.first_name === 'Priya');

				// --- Grinfi Contact Create or Update
				const upsert = await received(gr, () =>
					call(client, 'grinfi_create_or_update_contact', { linkedin: 'https://www.linkedin.com/in/mara-tool-4242', first_name: 'Mara', last_name: 'Tool', company: 'Agentic GmbH' }),
				);
				assert.equal(upsert.result.isError, false, upsert.result.text);
				assert.deepEqual(upsert.requests, [
					{
						method: 'POST',
						path: '/leads/api/leads/upsert',
						query: [],
						body: {
							list_uuid: 'a1000000-0000-4000-8000-000000000001',
							lead: { linkedin_id: 'https://www.linkedin.com/in/mara-tool-4242', first_name: 'Mara', last_name: 'Tool', company_name: 'Agentic GmbH' },
							update_if_exists: true,
							move_to_list: false,
						},
					},
				]);
				const [mara] = upsert.result.json;
				assert.equal(mara.first_name, 'Mara');
				assert.ok(gr.state.contacts.get(mara.uuid), 'the contact is not in the sandbox');

				// --- LinkedIn Message Send: an unknown contact ID is a tool error naming the field; no message
				const messagesBefore = gr.state.linkedinMessages.all().length;
				const badSend = await received(gr, () => call(client, 'grinfi_send_linkedin_message', { contact_id: 'not an id', text: 'Hello' }));
				assert.equal(badSend.result.isError, true);
				assert.deepEqual(badSend.requests.map((r) => [r.method, r.path, r.body.lead_uuid]), [['POST', '/flows/api/linkedin-messages', 'not an id']]);
				assert.match(badSend.result.text, /Grinfi answered 422: The selected lead uuid is invalid\. \(validation_error\)/);
				assert.match(badSend.result.text, /lead_uuid: The selected lead uuid is invalid\./);
				assert.doesNotMatch(badSend.result.text, /\(item 0\)/);
				assert.equal(gr.state.linkedinMessages.all().length, messagesBefore);
				// then the same tool works
				const send = await received(gr, () => call(client, 'grinfi_send_linkedin_message', { contact_id: priya.uuid, text: 'Hi Priya, loved your talk on product discovery.' }));
				assert.equal(send.result.isError, false, send.result.text);
				assert.deepEqual(send.requests, [
					{
						method: 'POST',
						path: '/flows/api/linkedin-messages',
						query: [],
						body: { sender_profile_uuid: 'b1000000-0000-4000-8000-000000000001', lead_uuid: priya.uuid, text: 'Hi Priya, loved your talk on product discovery.' },
					},
				]);
				const [message] = send.result.json;
				assert.equal(gr.state.linkedinMessages.get(message.uuid).text, 'Hi Priya, loved your talk on product discovery.');

				// --- LeadGrid Dossier Create, then Note Create on it
				const open = await received(lg, () => call(client, 'leadgrid_open_dossier', { deal_name: 'Acme Inc, AI SDR pilot', company: 'Acme Inc', email: 'priya.patel@acme-inc.example' }));
				assert.equal(open.result.isError, false, open.result.text);
				assert.deepEqual(open.requests, [
					{ method: 'POST', path: '/dossiers', query: [], body: { type: 'sales', name: 'Acme Inc, AI SDR pilot', company: 'Acme Inc', email: 'priya.patel@acme-inc.example' } },
				]);
				const [dossier] = open.result.json;
				assert.ok(lg.state.dossiers.get(dossier.id), 'the dossier is not in the sandbox');

				// a dossier that does not exist: a tool error saying what is missing and what to try
				const missing = '00000000-0000-4000-8000-00000000dead';
				const badNote = await received(lg, () => call(client, 'leadgrid_log_note', { dossier_id: missing, note: 'Sent a LinkedIn message.' }));
				assert.equal(badNote.result.isError, true);
				assert.equal(badNote.requests.length, 1);
				assert.match(badNote.result.text, new RegExp(`No LeadGrid dossier with ID "${missing}"; list or search the dossiers first to get a valid ID`));
				assert.match(badNote.result.text, /LeadGrid answered 404: Dossier not found/);
				assert.doesNotMatch(badNote.result.text, /\(item 0\)/);
				console.log(`  MCP tool error an agent gets: ${JSON.stringify(badNote.result.text)}`);
				// a missing argument: refused before anything is sent
				const noArgs = await received(lg, () => call(client, 'leadgrid_log_note', { dossier_id: dossier.id }));
				assert.equal(noArgs.result.isError, true, noArgs.result.text);
				assert.deepEqual(noArgs.requests, []);
				console.log(`  MCP missing argument: ${JSON.stringify(noArgs.result.text)}`);

				const note = await received(lg, () => call(client, 'leadgrid_log_note', { dossier_id: dossier.id, note: 'Sent a LinkedIn message to Priya about the pilot.' }));
				assert.equal(note.result.isError, false, note.result.text);
				assert.deepEqual(note.requests, [
					{ method: 'POST', path: `/dossiers/${dossier.id}/notes`, query: [], body: { content: 'Sent a LinkedIn message to Priya about the pilot.', is_internal: true } },
				]);

				// --- GrowthGenius Contact Get Many: simplified
				const recent = await received(gg, () => call(client, 'growthgenius_recent_contacts', { updated_since: '2020-01-01T00:00:00Z' }));
				assert.equal(recent.result.isError, false, recent.result.text);
				assert.equal(recent.requests.length, 1);
				assert.equal(recent.requests[0].method, 'GET');
				assert.equal(recent.requests[0].path, '/integrations/v1/contacts');
				const query = Object.fromEntries(recent.requests[0].query);
				assert.equal(query.user_id, '1');
				assert.equal(query.from, '2020-01-01T00:00:00.000Z');
				assert.ok(query.to, 'no To');
				const contacts = recent.result.json;
				assert.ok(contacts.length >= 1);
				for (const contact of contacts) {
					assert.ok(!Object.values(contact).some(isEmpty), `an empty value in ${JSON.stringify(contact)}`);
					// other scenarios create contacts with only some fields: each keeps its ID and a name or email
					assert.ok(contact.id && (contact.full_name || contact.first_name || contact.last_name || contact.email), JSON.stringify(contact));
				}
				const rawContacts = gg.state.contacts.all().filter((c) => contacts.some((s) => s.id === c.id));
				console.log(`  MCP growthgenius_recent_contacts, ${contacts.length} contacts: raw ${bytes(rawContacts)} bytes, simplified ${bytes(contacts)} bytes`);
				assert.ok(bytes(contacts) < bytes(rawContacts) / 2);
			} finally {
				await client.close();
			}
		},
	},
	{
		name: 'AI agents: the AI SDR agent example imports and every node type it uses (agent, chat model, chat trigger, the pack’s tools) is loaded',
		async run(n8n) {
			const workflow = example('ai-sdr-agent.json');
			await n8n.importWorkflow(workflow);
			const loaded = await n8n.exportNodes();
			for (const node of workflow.nodes) assert.ok(loaded.includes(node.type), `${node.type} (${node.name}) is not loaded`);
			const tools = workflow.nodes.filter((n) => n.type.startsWith('n8n-nodes-outreach.') && n.type.endsWith('Tool'));
			assert.deepEqual(tools.map((n) => n.name).sort(), ['Log Note', 'Open Dossier', 'Search Contacts', 'Send LinkedIn Message']);
			for (const tool of tools) assert.deepEqual(workflow.connections[tool.name].ai_tool[0][0].node, 'AI SDR Agent');
		},
	},
];
