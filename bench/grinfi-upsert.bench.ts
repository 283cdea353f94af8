/** Grinfi: 1,000 contact upserts against a sandbox enforcing 300 requests a minute per key. */
import { KEY, run } from '../test/grinfi/setup';
import type { Sandbox } from '../test/harness/sandbox';
import { baseline, packed, report } from './rateLimit';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createGrinfiSandbox } = require('../test/sandbox/grinfi');

const ITEMS = Number(process.env.BENCH_ITEMS ?? 1000);
const LIMIT = 300;

test(`Grinfi: ${ITEMS} upserts at ${LIMIT}/min`, async () => {
	const sandbox: Sandbox = createGrinfiSandbox({ rateLimit: { limit: LIMIT, windowMs: 60_000 } });
	await sandbox.server.listen();
	const list = sandbox.state.ids.lists[0];
	const count429 = () => sandbox.server.requests.filter((r) => r.status === 429).length;
	const body = (i: number, who: string) => JSON.stringify({ list_uuid: list, lead: { linkedin_id: `${who}-${i}`, first_name: 'Bench', last_name: String(i) }, update_if_exists: true, move_to_list: false });
	const rows = [];
	rows.push(await baseline('baseline: all at once, no retry', ITEMS, (i) => ({ url: `${sandbox.server.url}/leads/api/leads/upsert`, method: 'POST', headers: { Authorization: `Bearer ${KEY}` }, body: body(i, 'baseline') }), count429));
	sandbox.server.reset();
	rows.push(
		await packed(
			'n8n-nodes-outreach: paced, 429 retried',
			ITEMS,
			() =>
				run(
					sandbox,
					{ resource: 'contact', operation: 'upsert', listId: { __rl: true, mode: 'id', value: list }, leadLinkedinId: '={{ "bench-" + $json.i }}', updateIfExists: true, moveToList: false, leadFields: { first_name: 'Bench', last_name: '={{ String($json.i) }}' } },
					{ items: Array.from({ length: ITEMS }, (_, i) => ({ json: { i } })), continueOnFail: true },
				),
			count429,
		),
	);
	console.log(`\n${report(LIMIT, rows)}\n`);
	await sandbox.server.close();
	expect(rows[1].failures).toBe(0);
});
