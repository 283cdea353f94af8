'use strict';
/**
 * End to end in a real n8n: the packed package installed as a marketplace install does, the
 * example workflows executed headlessly against the sandboxes with their outputs checked, and the
 * trigger workflows activated and driven by real deliveries (scenarios.js, one instance per
 * version); then the suites of suites/ that start their own n8n processes (queue mode: main,
 * worker and Redis; the editor in a browser).
 *
 * N8N_VERSIONS=2.41.1,1.123.81 chooses the n8n versions (default: 2.41.1).
 * E2E_ONLY=<regular expression> runs only the scenarios whose name matches (setup always runs);
 * refused under CI=true, where every scenario runs.
 * Writes test-artifacts/e2e.json (TEST_ARTIFACTS=<dir> elsewhere) with the counts, overall and per
 * version; the file of an earlier run is deleted first. A version on which no scenario ran (setup
 * aside) counts as a failure unless E2E_ONLY is set.
 */
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { prepareInstance } = require('./n8n');
const { zeroScenarios } = require('./lib');
const { scenarios } = require('./scenarios');

const root = path.resolve(__dirname, '../..');
const artifacts = path.resolve(root, process.env.TEST_ARTIFACTS || 'test-artifacts');
const resultFile = path.join(artifacts, 'e2e.json');
const only = process.env.E2E_ONLY ? new RegExp(process.env.E2E_ONLY, 'i') : undefined;

/** `npm pack` of the built package, untarred: what a marketplace install unpacks. */
function pack() {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outreach-e2e-pack-'));
	const out = execFileSync('npm', ['pack', '--json', '--pack-destination', dir], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
	const [{ filename }] = JSON.parse(out);
	execFileSync('tar', ['-xzf', path.join(dir, filename), '-C', dir]);
	return path.join(dir, 'package');
}

/**
 * The suites of suites/: each module exports { name, versions?(version) → boolean, scenarios:
 * [{ name, run({ version, packDir, artifacts }) }], cleanup?() }; a suite starts and stops
 * whatever it needs itself.
 */
function standaloneSuites() {
	const dir = path.join(__dirname, 'suites');
	if (!fs.existsSync(dir)) return [];
	return fs
		.readdirSync(dir)
		.filter((f) => f.endsWith('.js'))
		.sort()
		.map((f) => require(path.join(dir, f)));
}

const selected = (scenario, prefix) => scenario.always || !only || only.test(`${prefix} ${scenario.name}`);

async function runScenario(results, name, fn) {
	const t = Date.now();
	try {
		await fn();
		results.push({ name, ok: true, ms: Date.now() - t });
		console.log(`✓ ${name} (${((Date.now() - t) / 1000).toFixed(1)} s)`);
	} catch (error) {
		results.push({ name, ok: false, ms: Date.now() - t, error: String(error && error.stack ? error.stack : error) });
		console.log(`✗ ${name}\n  ${String(error && error.stack ? error.stack : error).split('\n').join('\n  ')}`);
	}
}

async function main() {
	fs.mkdirSync(artifacts, { recursive: true });
	fs.rmSync(resultFile, { force: true }); // nothing of an earlier run can be counted
	if (process.env.CI === 'true' && (process.env.E2E_ONLY || process.env.SKIP_E2E)) {
		throw new Error(`CI=true runs every end-to-end scenario: unset ${process.env.E2E_ONLY ? 'E2E_ONLY' : 'SKIP_E2E'}`);
	}
	if (!fs.existsSync(path.join(root, 'dist'))) execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
	const packDir = pack();
	const versions = (process.env.N8N_VERSIONS || '2.41.1').split(',').map((v) => v.trim()).filter(Boolean);
	const results = [];
	const suites = standaloneSuites();
	for (const version of versions) {
		const started = Date.now();
		const prefix = `[n8n ${version}]`;
		const firstResult = results.length;
		const chosen = scenarios.filter((s) => selected(s, prefix));
		if (chosen.some((s) => !s.always)) {
			// A free port each time, so parallel runs never collide.
			const n8n = await prepareInstance({ version, packDir });
			try {
				for (const scenario of chosen) {
					await runScenario(results, `${prefix} ${scenario.name}`, () => scenario.run(n8n, { version }));
					if (scenario.always) results[results.length - 1].setup = true;
				}
			} finally {
				await n8n.dispose();
			}
		}
		for (const suite of suites) {
			if (suite.versions && !suite.versions(version)) continue;
			const picked = suite.scenarios.filter((s) => selected(s, `${prefix} ${suite.name}:`));
			try {
				for (const scenario of picked) {
					await runScenario(results, `${prefix} ${suite.name}: ${scenario.name}`, () => scenario.run({ version, packDir, artifacts }));
				}
			} finally {
				if (suite.cleanup) await suite.cleanup();
			}
		}
		const zero = zeroScenarios(results.slice(firstResult), prefix, Boolean(only));
		if (zero) {
			results.push(zero);
			console.log(`✗ ${zero.name}`);
		}
		console.log(`n8n ${version}: ${((Date.now() - started) / 1000).toFixed(0)} s`);
	}
	fs.rmSync(path.dirname(packDir), { recursive: true, force: true });
	const passed = results.filter((r) => r.ok).length;
	const failed = results.length - passed;
	const perVersion = Object.fromEntries(
		versions.map((version) => {
			const mine = results.filter((r) => r.name.startsWith(`[n8n ${version}]`));
			return [version, { passed: mine.filter((r) => r.ok).length, failed: mine.filter((r) => !r.ok).length, scenarios: mine.filter((r) => !r.setup && !r.zero).length }];
		}),
	);
	fs.writeFileSync(resultFile, JSON.stringify({ passed, failed, versions: perVersion, results }, null, 2));
	console.log(`end to end: ${passed} passed, ${failed} failed`);
	process.exit(failed ? 1 : 0);
}

main().catch((error) => {
	console.error(error);
	fs.mkdirSync(artifacts, { recursive: true });
	fs.writeFileSync(resultFile, JSON.stringify({ passed: 0, failed: 1, error: String(error) }));
	process.exit(1);
});
