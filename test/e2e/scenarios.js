'use strict';
/** The end-to-end scenarios, run in order against one real n8n instance per version. */
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');

const { startSandboxes } = require('../sandbox/all');

const root = path.resolve(__dirname, '../..');
const pkg = require(path.join(root, 'package.json'));

let sandboxes;

/** Every file in scenarios/ exports an array of {name, run(n8n, ctx)}; ctx.sandboxes are running. */
function providerScenarios() {
	const dir = path.join(__dirname, 'scenarios');
	return fs
		.readdirSync(dir)
		.filter((f) => f.endsWith('.js'))
		.sort()
		.flatMap((f) => require(path.join(dir, f)).map((scenario) => ({ ...scenario, run: (n8n, opts) => scenario.run(n8n, { ...opts, sandboxes }) })));
}

const scenarios = [
	{
		name: 'the packed package loads as a marketplace install (every node of package.json)',
		always: true,
		async run(n8n) {
			sandboxes = sandboxes || (await startSandboxes({ ports: { leadgrid: 0, grinfi: 0, growthgenius: 0 } }));
			const loaded = await n8n.exportNodes();
			const expected = pkg.n8n.nodes.map((file) => {
				const Cls = Object.values(require(path.join(root, file)))[0];
				return `${pkg.name}.${new Cls().description.name}`;
			});
			for (const type of expected) assert.ok(loaded.includes(type), `${type} not loaded; loaded: ${loaded.filter((t) => t.startsWith(pkg.name)).join(', ')}`);
			await n8n.importCredentials(sandboxes.credentials());
		},
	},
	...providerScenarios(),
	{
		name: 'stop n8n and the sandboxes',
		always: true,
		async run(n8n) {
			await n8n.stop();
			if (sandboxes) await sandboxes.close();
			sandboxes = undefined;
		},
	},
];

module.exports = { scenarios };
