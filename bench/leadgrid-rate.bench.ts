/** LeadGrid: 900 note creations (more than the limit allows in a minute) against a sandbox enforcing 600 requests a minute. */
import { KEY, run } from '../test/leadgrid/setup';
import type { Sandbox } from '../test/leadgrid/setup';
import { baseline, packed, report } from './rateLimit';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createLeadGridSandbox } = require('../test/sandbox/leadgrid');

const ITEMS = Number(process.env.BENCH_ITEMS ?? 900);
const LIMIT = 600;

test(`LeadGrid: ${ITEMS} notes at ${LIMIT}/min`, async () => {
	const sandbox: Sandbox = createLeadGridSandbox({ rateLimit: { limit: LIMIT, windowMs: 60_000 } });
	await sandbox.server.listen();
	const dossier = sandbox.state.dossiers.all()[0];
	const count429 = () => sandbox.server.requests.filter((r) => r.status === 429).length;
	const rows = [];
	rows.push(await baseline('baseline: all at once, no retry', ITEMS, (i) => ({ url: `${sandbox.server.url}/dossiers/${dossier.id}/notes`, method: 'POST', headers: { Authorization: `Bearer ${KEY}` }, body: JSON.stringify({ content: `baseline ${i}` }) }), count429));
	// Let the sandbox's one-minute window empty before the pack's run.
	sandbox.server.reset();
	rows.push(await packed('n8n-nodes-outreach: paced, 429 retried', ITEMS, () => run(sandbox, { resource: 'note', operation: 'create', dossierId: { __rl: true, mode: 'id', value: dossier.id }, content: '={{ "note " + $json.i }}' }, { items: Array.from({ length: ITEMS }, (_, i) => ({ json: { i } })), continueOnFail: true }), count429));
	console.log(`\n${report(LIMIT, rows)}\n`);
	await sandbox.server.close();
	expect(rows[1].failures).toBe(0);
});
