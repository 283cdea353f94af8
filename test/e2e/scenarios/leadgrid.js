'use strict';
/** LeadGrid in a real n8n: the example workflow, and the trigger with signed and forged deliveries. */
const assert = require('node:assert/strict');

const { activateWebhookTrigger, example, executeExample, nodeOutput, until } = require('../lib');

module.exports = [
	{
		name: 'LeadGrid example: open a candidate dossier, log the intake call, move it to Interview',
		async run(n8n, ctx) {
			const { run } = await executeExample(n8n, 'leadgrid-candidate-pipeline.json');
			const [created] = nodeOutput(run, 'Create dossier');
			assert.equal(created.name, 'Lena Jansen');
			assert.equal(created.type, 'candidate');
			const [note] = nodeOutput(run, 'Log intake call');
			assert.equal(note.dossier_id, created.id);
			assert.equal(note.content, 'Intake call with Lena Jansen: strong portfolio, available in March.');
			const [moved] = nodeOutput(run, 'Move to Interview');
			assert.equal(moved.id, created.id);
			assert.equal(moved.current_stage_id, '5a000000-0000-4000-8000-000000000005');
			const lg = ctx.sandboxes.leadgrid;
			assert.equal(lg.state.dossiers.get(created.id).current_stage_id, '5a000000-0000-4000-8000-000000000005');
			const received = lg.server.requests.map((r) => `${r.method} ${r.path}`);
			assert.deepEqual(received.slice(-3), ['POST /dossiers', `POST /dossiers/${created.id}/notes`, `PATCH /dossiers/${created.id}`]);
			assert.ok(lg.server.requests.slice(-3).every((r) => r.headers.authorization === 'Bearer lg_live_sandbox_key'));
		},
	},
	{
		name: 'LeadGrid Trigger: a signed delivery starts one execution, a forged one starts none',
		async run(n8n, ctx) {
			const workflow = example('leadgrid-stage-changed-trigger.json');
			await n8n.importWorkflow(workflow);
			const url = await activateWebhookTrigger(n8n, workflow);
			const lg = ctx.sandboxes.leadgrid;
			const dossier = lg.state.dossiers.all()[0];
			const good = await lg.state.deliver('dossier.stage_changed', { id: dossier.id, current_stage_id: dossier.current_stage_id, status: 'active' }, { url });
			assert.equal(good.results[0].status, 200, `signed delivery answered ${good.results[0].status}`);
			const executions = await until('one execution', async () => {
				const list = await n8n.executions(workflow.id);
				return list.length >= 1 && list.every((e) => e.finished || e.status === 'success' || e.status === 'error') ? list : null;
			});
			assert.equal(executions.length, 1);
			const run = executions[0];
			const [event] = nodeOutput(run, 'LeadGrid Trigger');
			assert.deepEqual(event, good.event);
			const [fetched] = nodeOutput(run, 'Fetch dossier');
			assert.equal(fetched.id, dossier.id);

			const forged = await lg.state.deliver('dossier.stage_changed', { id: dossier.id }, { url, secret: 'whsec_forged' });
			assert.equal(forged.results[0].status, 401);
			const stale = await lg.state.deliver('dossier.stage_changed', { id: dossier.id }, { url, timestamp: Math.floor(Date.now() / 1000) - 3600 });
			assert.equal(stale.results[0].status, 401);
			await new Promise((r) => setTimeout(r, 1500));
			assert.equal((await n8n.executions(workflow.id)).length, 1, 'a forged or stale delivery started an execution');
			await n8n.deactivate(workflow.id);
		},
	},
];
