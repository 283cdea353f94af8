'use strict';
/**
 * `npm run dev`: a real n8n (pinned version, installed into .cache/ on first use) with this pack
 * installed the way a marketplace install does, the three sandboxes running, credentials that
 * point at them and the example workflows imported. Prints the URL and the login; Ctrl-C stops all.
 *
 * N8N_VERSION (default 2.41.1), N8N_PORT (default 5678), N8N_DEV_FOLDER (default
 * .cache/dev-n8n-<version>, kept between runs).
 */
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { prepareInstance } = require('../test/e2e/n8n');
const { startSandboxes } = require('../test/sandbox/all');

const root = path.resolve(__dirname, '..');
const VERSION = process.env.N8N_VERSION || '2.41.1';
const PORT = Number(process.env.N8N_PORT || 5678);

async function main() {
	console.log('Building the pack…');
	execFileSync('npm', ['run', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
	const packRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'outreach-dev-pack-'));
	const out = execFileSync('npm', ['pack', '--json', '--pack-destination', packRoot], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
	execFileSync('tar', ['-xzf', path.join(packRoot, JSON.parse(out)[0].filename), '-C', packRoot]);

	console.log(`Preparing n8n ${VERSION} (installed into .cache/ on first use, about 3 minutes; cached afterwards)…`);
	const sandboxes = await startSandboxes();
	// One n8n folder kept across runs (.cache/dev-n8n-<version>): the first run imports the
	// credentials and the examples, later runs only the examples not imported yet, then put the
	// fresh pack in and start.
	const userFolder = process.env.N8N_DEV_FOLDER || path.join(root, '.cache', `dev-n8n-${VERSION}`);
	const marker = path.join(userFolder, 'imported-examples.json');
	const n8n = await prepareInstance({ version: VERSION, port: PORT, packDir: path.join(packRoot, 'package'), userFolder });
	const examples = fs.readdirSync(path.join(root, 'examples')).filter((f) => f.endsWith('.json'));
	const done = fs.existsSync(marker) ? JSON.parse(fs.readFileSync(marker, 'utf8')) : [];
	if (!done.length) await n8n.importCredentials(sandboxes.credentials());
	const missing = examples.filter((file) => !done.includes(file));
	if (missing.length) {
		await n8n.importWorkflow(missing.map((file) => JSON.parse(fs.readFileSync(path.join(root, 'examples', file), 'utf8'))));
		fs.writeFileSync(marker, JSON.stringify([...done, ...missing], null, 2));
	}
	await n8n.start();
	await n8n.login(); // 1.x sets the owner up here; 2.x has it from the environment

	const stop = async () => {
		await n8n.dispose();
		await sandboxes.close();
		fs.rmSync(packRoot, { recursive: true, force: true });
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);

	console.log(`
n8n ${VERSION} is running with n8n-nodes-outreach:

  URL:       ${n8n.baseUrl}
  Login:     ${n8n.owner.email} / ${n8n.owner.password}
  Sandboxes: ${Object.entries(sandboxes)
		.filter(([, s]) => s && s.server)
		.map(([name, s]) => `${name} ${s.server.url}`)
		.join(', ')}
  Examples:  ${examples.length} workflows imported; credentials "… (sandbox)" point at the sandboxes.
  Data:      ${userFolder} (kept between runs; delete it to start afresh)

Press Ctrl-C to stop.`);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
