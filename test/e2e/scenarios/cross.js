'use strict';
/** Across providers in a real n8n: GrowthGenius contacts copied into a Grinfi list with custom fields. */
const assert = require('node:assert/strict');

const { example, nodeOutput } = require('../lib');

const GRINFI_LIST = 'a1000000-0000-4000-8000-000000000001';

module.exports = [
	{
		name: 'Cross example: new GrowthGenius contacts with a LinkedIn profile are upserted into a Grinfi list with custom fields',
		async run(n8n, ctx) {
			const gg = ctx.sandboxes.growthgenius;
			const gr = ctx.sandboxes.grinfi;
			// two new GrowthGenius contacts: one with a LinkedIn profile, one without (filtered out)
			const marta = gg.state.createContact({
				first_name: 'Marta', last_name: 'Kowalska', full_name: 'Marta Kowalska', name: 'Marta Kowalska', email: 'marta@fintechly.example',
				company_name: 'Fintechly', title: 'VP Growth', industry: 'Financial Services', linkedin_url: 'https://www.linkedin.com/in/marta-kowalska-77',
			});
			const noLinkedin = gg.state.createContact({ first_name: 'Noor', last_name: 'Haddad', email: 'noor@nolinkedin.example', company_name: 'Quiet Co' });
			const grBefore = gr.server.requests.length;
			const ggBefore = gg.server.requests.length;
			const grinfiCountBefore = gr.state.contacts.all().length;

			const workflow = example('cross-growthgenius-to-grinfi.json');
			await n8n.importWorkflow(workflow);
			const { run, code, error } = await n8n.execute(workflow.id);
			assert.equal(code, 0, `n8n execute failed: ${error}`);

			const listed = nodeOutput(run, 'New GrowthGenius contacts');
			assert.ok(listed.some((c) => c.id === marta.id), `Get Many did not return ${marta.id}: ${JSON.stringify(listed.map((c) => c.id))}`);
			assert.ok(listed.some((c) => c.id === noLinkedin.id));
			const kept = nodeOutput(run, 'Has a LinkedIn profile');
			assert.ok(kept.every((c) => c.linkedin_url), 'the filter kept a contact without a LinkedIn profile');
			assert.ok(kept.some((c) => c.id === marta.id));
			const upserted = nodeOutput(run, 'Upsert into Grinfi list');
			assert.equal(upserted.length, kept.length);
			const out = upserted.find((l) => l.linkedin === 'marta-kowalska-77');
			assert.ok(out, `no upserted Grinfi contact for marta-kowalska-77: ${JSON.stringify(upserted)}`);
			assert.equal(out.first_name, 'Marta');
			assert.equal(out.list_uuid, GRINFI_LIST);
			assert.deepEqual(out.custom_fields, { industry_vertical: 'Financial Services', icebreaker: `GrowthGenius contact ${marta.id}: VP Growth at Fintechly` });

			// the Grinfi sandbox holds the contact, in the list, with both custom fields
			const stored = gr.state.contacts.all().filter((l) => l.linkedin === 'marta-kowalska-77');
			assert.equal(stored.length, 1);
			const [lead] = stored;
			assert.equal(gr.state.contacts.all().length, grinfiCountBefore + kept.length);
			assert.equal(lead.uuid, out.uuid);
			assert.equal(lead.first_name, 'Marta');
			assert.equal(lead.last_name, 'Kowalska');
			assert.equal(lead.company_name, 'Fintechly');
			assert.equal(lead.work_email, 'marta@fintechly.example');
			assert.equal(lead.position, 'VP Growth');
			assert.equal(lead.list_uuid, GRINFI_LIST);
			const values = Object.fromEntries(
				gr.state.customFieldValues
					.all()
					.filter((v) => v.object_type === 'lead' && v.object_uuid === lead.uuid)
					.map((v) => [gr.state.customFields.get(v.custom_field_uuid).name, v.value]),
			);
			assert.deepEqual(values, { industry_vertical: 'Financial Services', icebreaker: `GrowthGenius contact ${marta.id}: VP Growth at Fintechly` });
			assert.ok(!gr.state.contacts.all().some((l) => l.work_email === 'noor@nolinkedin.example'), 'the contact without LinkedIn reached Grinfi');

			// what each API received
			const ggRequests = gg.server.requests.slice(ggBefore);
			assert.deepEqual(ggRequests.map((r) => `${r.method} ${r.path}`), ['GET /integrations/v1/contacts']);
			assert.equal(ggRequests[0].headers.authorization, 'gg_sandbox_key');
			assert.deepEqual(ggRequests[0].query.find(([k]) => k === 'user_id'), ['user_id', '1']);
			const upserts = gr.server.requests.slice(grBefore).filter((r) => r.method === 'POST' && r.path === '/leads/api/leads/upsert');
			assert.equal(upserts.length, kept.length);
			const body = upserts.find((r) => r.body.lead.linkedin_id === marta.linkedin_url).body;
			assert.deepEqual(body, {
				list_uuid: GRINFI_LIST,
				lead: { linkedin_id: marta.linkedin_url, first_name: 'Marta', last_name: 'Kowalska', company_name: 'Fintechly', email: 'marta@fintechly.example', position: 'VP Growth' },
				update_if_exists: true,
				move_to_list: true,
				custom_fields: { industry_vertical: 'Financial Services', icebreaker: `GrowthGenius contact ${marta.id}: VP Growth at Fintechly` },
			});
			assert.ok(gr.server.requests.slice(grBefore).every((r) => r.headers.authorization === 'Bearer grinfi_test_key'));
		},
	},
];
