/**
 * `npm test` (scripts/test.sh) and CI cannot pass by accident: under CI=true the end-to-end suite
 * can be neither skipped nor filtered, result files of an earlier run are never counted, a
 * missing result counts as a failure, a version on which no scenario ran fails, and the jest and
 * end-to-end counts are printed apart before the combined line.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { zeroScenarios } = require('../e2e/lib');

const root = path.resolve(__dirname, '../..');

function env(extra: Record<string, string>) {
	const base: Record<string, string> = {};
	for (const [key, value] of Object.entries(process.env)) {
		if (value !== undefined && !['CI', 'SKIP_E2E', 'E2E_ONLY', 'TEST_ARTIFACTS'].includes(key)) base[key] = value;
	}
	return { ...base, ...extra };
}

function tempArtifacts() {
	return fs.mkdtempSync(path.join(os.tmpdir(), 'outreach-artifacts-'));
}

const lines = (text: string) => text.trim().split('\n');

describe('under CI=true', () => {
	test.each(['SKIP_E2E', 'E2E_ONLY'])('%s set: npm test fails at once, before any test runs', (variable) => {
		const artifacts = tempArtifacts();
		const run = spawnSync('bash', ['scripts/test.sh'], { cwd: root, env: env({ CI: 'true', [variable]: '1', TEST_ARTIFACTS: artifacts }), encoding: 'utf8' });
		expect(run.status).toBe(1);
		expect(run.stderr).toContain(`${variable} is set`);
		expect(fs.readdirSync(artifacts)).toEqual([]); // jest never ran
	});
});

describe('result files', () => {
	test('an earlier run’s files are deleted first, never counted; jest and end to end are printed apart, the total last', () => {
		const artifacts = tempArtifacts();
		fs.writeFileSync(path.join(artifacts, 'e2e.json'), JSON.stringify({ passed: 40, failed: 0 }));
		fs.writeFileSync(path.join(artifacts, 'jest.json'), JSON.stringify({ numPassedTests: 999, numFailedTests: 0 }));
		const run = spawnSync('bash', ['scripts/test.sh', '--testPathPattern', 'no-such-test-file-anywhere', '--passWithNoTests'], {
			cwd: root,
			env: env({ SKIP_E2E: '1', TEST_ARTIFACTS: artifacts }),
			encoding: 'utf8',
		});
		expect(run.status).toBe(0);
		expect(lines(run.stdout).slice(-3)).toEqual(['jest: 0 passed, 0 failed', 'end to end: skipped (SKIP_E2E)', '0 passed, 0 failed']);
		expect(fs.existsSync(path.join(artifacts, 'e2e.json'))).toBe(false);
	}, 120_000);

	const summary = (artifacts: string, mode: 'ran' | 'skipped') =>
		spawnSync(process.execPath, ['scripts/test-summary.js', artifacts, mode], { cwd: root, env: env({}), encoding: 'utf8' });

	test('an end-to-end run that wrote no result counts as a failure', () => {
		const artifacts = tempArtifacts();
		fs.writeFileSync(path.join(artifacts, 'jest.json'), JSON.stringify({ numPassedTests: 12, numFailedTests: 0 }));
		const run = summary(artifacts, 'ran');
		expect(run.status).toBe(1);
		expect(lines(run.stdout)).toEqual([
			'jest: 12 passed, 0 failed',
			'end to end: no result (test-artifacts/e2e.json was not written by this run)',
			'12 passed, 1 failed',
		]);
	});

	test('counts per version are printed, and the combined line is last', () => {
		const artifacts = tempArtifacts();
		fs.writeFileSync(path.join(artifacts, 'jest.json'), JSON.stringify({ numPassedTests: 10, numFailedTests: 1 }));
		fs.writeFileSync(
			path.join(artifacts, 'e2e.json'),
			JSON.stringify({ passed: 5, failed: 0, versions: { '2.41.1': { scenarios: 3, passed: 5, failed: 0 } } }),
		);
		const run = summary(artifacts, 'ran');
		expect(run.status).toBe(1);
		expect(lines(run.stdout)).toEqual([
			'jest: 10 passed, 1 failed',
			'end to end: 5 passed, 0 failed (n8n 2.41.1: 3 scenarios, 5 passed, 0 failed)',
			'15 passed, 1 failed',
		]);
	});
});

describe('a version on which no end-to-end scenario ran', () => {
	const setup = { name: '[n8n 1.123.81] the packed package loads', ok: true, setup: true };
	test('fails, unless E2E_ONLY chose the scenarios', () => {
		expect(zeroScenarios([setup], '[n8n 1.123.81]', false)).toMatchObject({ ok: false, name: '[n8n 1.123.81] no end-to-end scenario ran' });
		expect(zeroScenarios([], '[n8n 1.123.81]', false)).toMatchObject({ ok: false });
		expect(zeroScenarios([setup], '[n8n 1.123.81]', true)).toBeUndefined();
		expect(zeroScenarios([setup, { name: '[n8n 1.123.81] queue mode: a delivery', ok: false }], '[n8n 1.123.81]', false)).toBeUndefined();
	});
});
