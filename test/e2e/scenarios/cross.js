'use strict';
/**
 * Across providers in a real n8n: GrowthGenius contacts copied into a Grinfi list with custom fields,
 * a Grinfi LinkedIn reply opening a LeadGrid dossier, a LeadGrid stage change tagging and enrolling
 * the contact in Grinfi, and the daily Grinfi automation report.
 */
const assert = require('node:assert/strict');
const { randomUUID } = require('node:crypto');

const { activateGrinfiTrigger, activateWebhookTrigger, example, executeExample, fireGrinfiEvent, nodeOutput, until } = require('../lib');

const GRINFI_LIST = 'a1000000-0000-4000-8000-000000000001';
const GRINFI_KEY = 'Bearer grinfi_test_key';
const LEADGRID_KEY = 'Bearer lg_live_sandbox_key';
/** LeadGrid sandbox seed: the Sales Flow and its stages Lead, Discovery, Proposal. */
const LG_SALES_FLOW = 'f1000000-0000-4000-8000-000000000001';
const LG_STAGE_LEAD = '5a000000-0000-4000-8000-000000000001';
const LG_STAGE_DISCOVERY = '5a000000-0000-4000-8000-000000000002';
const LG_STAGE_PROPOSAL = '5a000000-0000-4000-8000-000000000003';

const line = (r) => `${r.method} ${r.path}`;

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

			const { run } = await executeExample(n8n, 'cross-growthgenius-to-grinfi.json');

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
	{
		name: 'Cross example: a Grinfi LinkedIn reply opens a LeadGrid sales dossier with the reply as a note and moves it to Discovery',
		async run(n8n, ctx) {
			const gr = ctx.sandboxes.grinfi;
			const lg = ctx.sandboxes.leadgrid;
			const workflow = example('cross-grinfi-reply-to-leadgrid.json');
			const grFrom = gr.server.requests.length;
			const lgFrom = lg.server.requests.length;
			const dossiersBefore = lg.state.dossiers.all().length;
			const notesBefore = lg.state.notes.all().length;

			await n8n.importWorkflow(workflow);
			let ours = () => [];
			try {
				({ registered: ours } = await activateGrinfiTrigger(n8n, gr, workflow));
				assert.deepEqual(ours().map((h) => h.event), ['contact_replied_linkedin_message']);

				// John Doe (Acme Inc) replies on LinkedIn
				const john = gr.state.contacts.get(gr.state.ids.contacts[0]);
				assert.equal(john.name, 'John Doe');
				const replyText = 'Thanks Alex, Tuesday 10:00 works. Could you send the pricing beforehand?';
				const delivery = await fireGrinfiEvent(gr, 'contact_replied_linkedin_message', { contact: { uuid: john.uuid }, linkedin_message: { text: replyText } });
				const executions = await n8n.waitForExecutions(workflow.id, { count: 1 });
				assert.equal(executions.length, 1);
				assert.equal(executions[0].status, 'success');
				const execution = executions[0];

				// node outputs
				const [event] = nodeOutput(execution, 'Grinfi LinkedIn reply');
				assert.deepEqual(event, JSON.parse(JSON.stringify(delivery.payload)));
				assert.equal(event.contact.uuid, john.uuid);
				assert.equal(event.linkedin_message.text, replyText);
				const intakeNotes = `Replied on LinkedIn to Grinfi outreach. LinkedIn: https://www.linkedin.com/in/john-doe-123456 | Grinfi: https://leadgen.grinfi.io/crm/contacts/${john.uuid}`;
				const opened = nodeOutput(execution, 'Open LeadGrid sales dossier');
				assert.equal(opened.length, 1);
				const [dossier] = opened;
				assert.match(dossier.id, /^[0-9a-f-]{36}$/);
				assert.deepEqual(
					{ type: dossier.type, name: dossier.name, company: dossier.company, contact_person: dossier.contact_person, email: dossier.email, role: dossier.role, intake_notes: dossier.intake_notes, flow_id: dossier.flow_id, current_stage_id: dossier.current_stage_id, status: dossier.status },
					{ type: 'sales', name: 'John Doe', company: 'Acme Inc', contact_person: 'John Doe', email: 'john@acme-inc.example', role: 'VP of Sales', intake_notes: intakeNotes, flow_id: LG_SALES_FLOW, current_stage_id: LG_STAGE_LEAD, status: 'active' },
				);
				const noteText = `LinkedIn reply from John Doe: ${replyText}`;
				const notes = nodeOutput(execution, 'Log the reply as a note');
				assert.equal(notes.length, 1);
				assert.equal(notes[0].dossier_id, dossier.id);
				assert.equal(notes[0].content, noteText);
				assert.equal(notes[0].is_internal, true);
				const moved = nodeOutput(execution, 'Move to Discovery');
				assert.equal(moved.length, 1);
				assert.equal(moved[0].id, dossier.id);
				assert.equal(moved[0].current_stage_id, LG_STAGE_DISCOVERY);

				// the LeadGrid sandbox holds one new dossier, in Discovery, with the note
				assert.equal(lg.state.dossiers.all().length, dossiersBefore + 1);
				const stored = lg.state.dossiers.get(dossier.id);
				assert.ok(stored, 'the dossier is not in the LeadGrid sandbox');
				assert.deepEqual(
					{ type: stored.type, name: stored.name, company: stored.company, contact_person: stored.contact_person, email: stored.email, role: stored.role, intake_notes: stored.intake_notes, flow_id: stored.flow_id, current_stage_id: stored.current_stage_id, status: stored.status },
					{ type: 'sales', name: 'John Doe', company: 'Acme Inc', contact_person: 'John Doe', email: 'john@acme-inc.example', role: 'VP of Sales', intake_notes: intakeNotes, flow_id: LG_SALES_FLOW, current_stage_id: LG_STAGE_DISCOVERY, status: 'active' },
				);
				assert.equal(lg.state.stages.get(stored.current_stage_id).name, 'Discovery');
				assert.equal(lg.state.notes.all().length, notesBefore + 1);
				const storedNotes = lg.state.notes.all().filter((n) => n.dossier_id === dossier.id);
				assert.deepEqual(storedNotes.map((n) => ({ content: n.content, is_internal: n.is_internal })), [{ content: noteText, is_internal: true }]);

				// what LeadGrid received: exactly these three calls, with the key
				const received = lg.server.requests.slice(lgFrom);
				assert.deepEqual(received.map(line), ['POST /dossiers', `POST /dossiers/${dossier.id}/notes`, `PATCH /dossiers/${dossier.id}`]);
				assert.ok(received.every((r) => r.headers.authorization === LEADGRID_KEY), `authorization: ${received.map((r) => r.headers.authorization).join(', ')}`);
				assert.deepEqual(received[0].body, { type: 'sales', name: 'John Doe', company: 'Acme Inc', contact_person: 'John Doe', email: 'john@acme-inc.example', role: 'VP of Sales', intake_notes: intakeNotes });
				assert.deepEqual(received[1].body, { content: noteText, is_internal: true });
				assert.deepEqual(received[2].body, { current_stage_id: LG_STAGE_DISCOVERY });
				// Grinfi only saw the webhook registration (and its lookups), all with the key
				const grReceived = gr.server.requests.slice(grFrom);
				assert.equal(grReceived.filter((r) => r.method === 'POST' && r.path === '/integrations/api/webhooks').length, 1);
				assert.ok(grReceived.every((r) => r.headers.authorization === GRINFI_KEY));
			} finally {
				// deactivating removes the Grinfi webhook, so later deliveries reach no one
				await n8n.deactivate(workflow.id);
				await until('the webhook removed from Grinfi', () => ours().length === 0);
			}
		},
	},
	{
		name: 'Cross example: a LeadGrid stage change tags the contact in Grinfi and adds it to the follow-up automation',
		async run(n8n, ctx) {
			const gr = ctx.sandboxes.grinfi;
			const lg = ctx.sandboxes.leadgrid;
			const ids = gr.state.ids;
			const FOLLOW_UP_TAG = ids.tags[2];
			const FOLLOW_UP_AUTOMATION = ids.flows[1];
			assert.equal(gr.state.tags.get(FOLLOW_UP_TAG).name, 'Follow Up');
			assert.equal(gr.state.flows.get(FOLLOW_UP_AUTOMATION).name, 'SaaS Founders Follow-up');
			// Pierre Martin (Atelier Cloud) is in Grinfi, untagged and in no automation
			const pierre = gr.state.contacts.get(ids.contacts[6]);
			assert.equal(pierre.name, 'Pierre Martin');
			const tagsBefore = [...pierre.tags];
			assert.ok(!tagsBefore.includes(FOLLOW_UP_TAG));
			const enrolledBefore = gr.state.flowLeads.all().filter((x) => x.lead_uuid === pierre.uuid);
			assert.deepEqual(enrolledBefore, []);
			// … and has a LeadGrid sales dossier that was just moved to Proposal
			const dossier = lg.state.dossiers.insert({
				id: randomUUID(), type: 'sales', name: 'Atelier Cloud, EU expansion', company: 'Atelier Cloud', contact_person: pierre.name, email: pierre.work_email,
				role: 'CEO', deal_size: 38000, deal_currency: 'EUR', flow_id: LG_SALES_FLOW, current_stage_id: LG_STAGE_PROPOSAL, status: 'active',
				assigned_to: null, phone: null, cv_url: null, intake_notes: null, created_at: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
			});

			const workflow = example('cross-leadgrid-stage-to-grinfi.json');
			await n8n.importWorkflow(workflow);
			try {
				const url = await activateWebhookTrigger(n8n, workflow);
				const grFrom = gr.server.requests.length;
				const lgFrom = lg.server.requests.length;

				const delivered = await lg.state.deliver('dossier.stage_changed', { id: dossier.id, current_stage_id: LG_STAGE_PROPOSAL, status: 'active' }, { url });
				assert.equal(delivered.results[0].status, 200, `the signed delivery answered ${delivered.results[0].status}`);
				const executions = await n8n.waitForExecutions(workflow.id, { count: 1 });
				assert.equal(executions.length, 1);
				assert.equal(executions[0].status, 'success');
				const execution = executions[0];

				// node outputs
				const [event] = nodeOutput(execution, 'LeadGrid stage changed');
				assert.deepEqual(event, delivered.event);
				const fetched = nodeOutput(execution, 'Fetch LeadGrid dossier');
				assert.equal(fetched.length, 1);
				assert.equal(fetched[0].id, dossier.id);
				assert.equal(fetched[0].email, pierre.work_email);
				assert.equal(fetched[0].current_stage_id, LG_STAGE_PROPOSAL);
				assert.deepEqual(nodeOutput(execution, 'Has an email').map((d) => d.id), [dossier.id]);
				const found = nodeOutput(execution, 'Find Grinfi contact by email');
				assert.equal(found.length, 1);
				assert.equal(found[0].uuid, pierre.uuid);
				assert.equal(found[0].work_email, pierre.work_email);
				assert.deepEqual(nodeOutput(execution, 'Tag as Follow Up'), [{}]);
				assert.deepEqual(nodeOutput(execution, 'Add to follow-up automation'), [{ success: true }]);

				// the Grinfi sandbox: the tag added to what Pierre had, one running enrolment in the automation
				assert.deepEqual(gr.state.contacts.get(pierre.uuid).tags, [...tagsBefore, FOLLOW_UP_TAG]);
				const enrolments = gr.state.flowLeads.all().filter((x) => x.lead_uuid === pierre.uuid);
				assert.equal(enrolments.length, 1, JSON.stringify(enrolments));
				assert.equal(enrolments[0].flow_uuid, FOLLOW_UP_AUTOMATION);
				assert.equal(enrolments[0].status, 'in_progress');
				assert.equal(enrolments[0].added_by, 'user');

				// what each API received
				const lgReceived = lg.server.requests.slice(lgFrom);
				assert.deepEqual(lgReceived.map(line), [`GET /dossiers/${dossier.id}`]);
				assert.equal(lgReceived[0].headers.authorization, LEADGRID_KEY);
				const grReceived = gr.server.requests.slice(grFrom);
				assert.deepEqual(grReceived.map(line), [
					'POST /leads/api/leads/lookup-one',
					'PUT /leads/api/leads/mass-action',
					`POST /flows/api/flows/${FOLLOW_UP_AUTOMATION}/leads/${pierre.uuid}`,
				]);
				assert.ok(grReceived.every((r) => r.headers.authorization === GRINFI_KEY), `authorization: ${grReceived.map((r) => r.headers.authorization).join(', ')}`);
				assert.deepEqual(grReceived[0].body, { email: pierre.work_email });
				assert.deepEqual(grReceived[1].body, { type: 'contact_add_tags', payload: { tag_uuid: FOLLOW_UP_TAG }, filter: { ids: [pierre.uuid] } });
				assert.deepEqual(grReceived[2].body, undefined);

				// a dossier without an email stops at "Has an email": a successful run, nothing sent to Grinfi
				const noEmail = lg.state.dossiers.all().find((d) => !d.email);
				assert.ok(noEmail, 'the LeadGrid sandbox has no dossier without an email');
				const grBeforeSecond = gr.server.requests.length;
				const second = await lg.state.deliver('dossier.stage_changed', { id: noEmail.id, current_stage_id: noEmail.current_stage_id, status: 'active' }, { url });
				assert.equal(second.results[0].status, 200);
				const both = await n8n.waitForExecutions(workflow.id, { count: 2 });
				const skipped = both.find((e) => e.id !== execution.id);
				assert.equal(skipped.status, 'success');
				assert.equal(nodeOutput(skipped, 'Fetch LeadGrid dossier')[0].id, noEmail.id);
				assert.deepEqual(nodeOutput(skipped, 'Has an email'), []);
				assert.equal(skipped.data.resultData.runData['Find Grinfi contact by email'], undefined, 'the Grinfi lookup ran for a dossier without an email');
				assert.deepEqual(gr.server.requests.slice(grBeforeSecond).map(line), []);
			} finally {
				await n8n.deactivate(workflow.id);
			}
		},
	},
	{
		name: 'Cross example: the daily Grinfi automation report lists every automation with its contact funnel and task queue',
		async run(n8n, ctx) {
			const gr = ctx.sandboxes.grinfi;
			const from = gr.server.requests.length;
			const { run } = await executeExample(n8n, 'grinfi-daily-automation-report.json');

			// the expected report, from the sandbox's own state
			const statusLabel = { on: 'Running', off: 'Paused', draft: 'Draft' };
			const flows = gr.state.flows.all().filter((f) => f.status in statusLabel);
			assert.ok(flows.length >= 2, 'the sandbox seeds two automations');
			const expected = flows
				.map((flow) => {
					const enrolments = gr.state.flowLeads.all().filter((x) => x.flow_uuid === flow.uuid);
					const count = (status) => enrolments.filter((x) => x.status === status).length;
					const byType = {};
					for (const t of gr.state.tasks.all().filter((x) => x.flow_uuid === flow.uuid && x.status === 'in_progress')) byType[t.type] = (byType[t.type] || 0) + 1;
					const queued = Object.values(byType).reduce((a, b) => a + b, 0);
					const status = statusLabel[flow.status];
					const [inProgress, finished, failed] = [count('in_progress'), count('finished'), count('failed')];
					return {
						automation: flow.name,
						status,
						contacts_enrolled: enrolments.length,
						in_progress: inProgress,
						finished,
						failed,
						completion_rate_percent: enrolments.length ? Math.round((finished / enrolments.length) * 100) : 0,
						tasks_queued: queued,
						tasks_queued_by_type: byType,
						summary: `${flow.name} (${status}): ${enrolments.length} contacts, ${inProgress} in progress, ${finished} finished, ${failed} failed; ${queued} tasks queued`,
						automation_id: flow.uuid,
					};
				})
				.sort((a, b) => b.contacts_enrolled - a.contacts_enrolled || a.automation.localeCompare(b.automation));

			const listed = nodeOutput(run, 'List automations');
			assert.deepEqual(listed.map((f) => f.uuid).sort(), flows.map((f) => f.uuid).sort());
			assert.deepEqual(nodeOutput(run, 'Collect automation IDs'), [{ automationIds: listed.map((f) => f.uuid) }]);
			const metrics = nodeOutput(run, 'Get automation metrics');
			assert.equal(metrics.length, 1);
			assert.deepEqual(Object.keys(metrics[0]).sort(), flows.map((f) => f.uuid).sort());
			const report = nodeOutput(run, 'Build daily report');
			assert.deepEqual(report, expected);
			// the seeded DACH CTO Outreach leads the report with real numbers (a guard against all-zero reports)
			assert.equal(report[0].automation, 'DACH CTO Outreach');
			assert.ok(report[0].contacts_enrolled >= 3 && report[0].finished >= 1 && report[0].tasks_queued >= 1, JSON.stringify(report[0]));

			// what Grinfi received: one list call and one metrics call for all automations
			const received = gr.server.requests.slice(from);
			assert.deepEqual(received.map(line), ['GET /flows/api/flows', 'POST /flows/api/flows/metrics']);
			assert.ok(received.every((r) => r.headers.authorization === GRINFI_KEY));
			assert.deepEqual(received[0].query.filter(([k]) => k.startsWith('filter[')), [['filter[status][]', 'on'], ['filter[status][]', 'off'], ['filter[status][]', 'draft']]);
			assert.deepEqual(received[1].body, { uuids: listed.map((f) => f.uuid) });
		},
	},
];
