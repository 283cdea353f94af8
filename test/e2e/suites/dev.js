'use strict';
/**
 * The README's first command, `npm run dev`, on a fresh folder: it must end with a running n8n
 * that has the six nodes, the three sandbox credentials and every example workflow, and the
 * printed login must work; a second run with the same folder (a newcomer's second run) must
 * give the same. Prints how long each run took to be ready.
 */
const assert = require('node:assert/strict');
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { findFreePort } = require('../n8n');
const { until } = require('../lib');

const root = path.resolve(__dirname, '../../..');
const pkg = require(path.join(root, 'package.json'));

let folder;

/** Runs `node scripts/dev.js` until it prints "Press Ctrl-C"; resolves { url, email, password, stop }. */
async function startDev(version, port) {
	const child = spawn(process.execPath, [path.join(root, 'scripts', 'dev.js')], {
		cwd: root,
		env: { ...process.env, N8N_VERSION: version, N8N_PORT: String(port), N8N_DEV_FOLDER: folder },
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let out = '';
	child.stdout.on('data', (c) => (out += c));
	child.stderr.on('data', (c) => (out += c));
	const exited = new Promise((resolve) => child.on('exit', resolve));
	await until('npm run dev to print its banner', async () => out.includes('Press Ctrl-C') || child.exitCode !== null, 240000);
	assert.equal(child.exitCode, null, `scripts/dev.js exited:\n${out}`);
	const login = /Login:\s+(\S+) \/ (\S+)/.exec(out);
	const url = /URL:\s+(\S+)/.exec(out);
	assert.ok(login && url, `no URL or login in:\n${out}`);
	return {
		url: url[1],
		email: login[1],
		password: login[2],
		output: () => out,
		async stop() {
			child.kill('SIGTERM');
			await Promise.race([exited, new Promise((r) => setTimeout(r, 30000))]);
			if (child.exitCode === null) child.kill('SIGKILL');
		},
	};
}

/** Logs in with the printed login and reads what the editor would show. */
async function editorView(dev) {
	const headers = { 'content-type': 'application/json', 'browser-id': 'dev-suite' };
	const login = await fetch(new URL('rest/login', dev.url), { method: 'POST', headers, body: JSON.stringify({ emailOrLdapLoginId: dev.email, password: dev.password }) });
	assert.equal(login.status, 200, `the printed login was refused (${login.status})`);
	const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
	const get = async (p) => {
		const res = await fetch(new URL(p, dev.url), { headers: { ...headers, cookie } });
		assert.equal(res.status, 200, `GET ${p} answered ${res.status}`);
		return res.json();
	};
	const workflows = (await get('rest/workflows')).data;
	const credentials = (await get('rest/credentials')).data;
	const nodeTypes = await get('types/nodes.json');
	return { workflows, credentials, nodeTypes };
}

const examples = () =>
	fs
		.readdirSync(path.join(root, 'examples'))
		.filter((f) => f.endsWith('.json'))
		.map((f) => JSON.parse(fs.readFileSync(path.join(root, 'examples', f), 'utf8')));

module.exports = {
	name: 'npm run dev',
	versions: (version) => version === (process.env.N8N_VERSION || '2.41.1'),
	scenarios: [
		{
			name: 'a fresh run gives a running n8n with the six nodes, the sandbox credentials and every example; a second run starts the same n8n again',
			async run({ version }) {
				folder = fs.mkdtempSync(path.join(os.tmpdir(), 'outreach-dev-'));
				const port = await findFreePort();
				for (const round of [1, 2]) {
					const started = Date.now();
					const dev = await startDev(version, port);
					console.log(`  npm run dev, run ${round}: ready in ${((Date.now() - started) / 1000).toFixed(0)} s`);
					try {
						const { workflows, credentials, nodeTypes } = await editorView(dev);
						const expected = examples();
						assert.deepEqual(workflows.map((w) => w.id).sort(), expected.map((w) => w.id).sort(), `round ${round}: workflows`);
						assert.deepEqual(
							credentials.map((c) => `${c.name} (${c.type})`).sort(),
							['Grinfi (sandbox) (grinfiApi)', 'GrowthGenius (sandbox) (growthGeniusApi)', 'LeadGrid (sandbox) (leadGridApi)'],
							`round ${round}: credentials`,
						);
						const ours = [...new Set(nodeTypes.map((t) => t.name).filter((n) => n.startsWith(`${pkg.name}.`) && !n.endsWith('Tool')))].sort();
						assert.deepEqual(ours, ['grinfi', 'grinfiTrigger', 'growthGenius', 'growthGeniusTrigger', 'leadGrid', 'leadGridTrigger'].map((n) => `${pkg.name}.${n}`));
					} finally {
						await dev.stop();
					}
				}
			},
		},
	],
	cleanup: async () => {
		if (folder) fs.rmSync(folder, { recursive: true, force: true });
		folder = undefined;
	},
};
