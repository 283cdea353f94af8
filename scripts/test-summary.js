'use strict';
/**
 * The summary `npm test` prints last: the jest counts, the end-to-end counts (per n8n version),
 * then one "N passed, N failed" line over both. Reads only the result files of this run
 * (scripts/test.sh deletes them first): a missing file, or a version on which no end-to-end
 * scenario ran, counts as a failure. Exits 1 when anything failed.
 *
 *   node scripts/test-summary.js <artifacts dir> <e2e: ran|skipped>
 */
const fs = require('node:fs');
const path = require('node:path');

const [dir = 'test-artifacts', e2eMode = 'ran'] = process.argv.slice(2);
const read = (file) => {
	try {
		return JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
	} catch {
		return undefined;
	}
};

let passed = 0;
let failed = 0;

const jest = read('jest.json');
if (!jest) {
	failed += 1;
	console.log('jest: no result (test-artifacts/jest.json was not written by this run)');
} else {
	const jestFailed = jest.numFailedTests + (jest.numRuntimeErrorTestSuites || 0);
	passed += jest.numPassedTests;
	failed += jestFailed;
	console.log(`jest: ${jest.numPassedTests} passed, ${jestFailed} failed`);
}

if (e2eMode === 'skipped') {
	console.log('end to end: skipped (SKIP_E2E)');
} else {
	const e2e = read('e2e.json');
	if (!e2e) {
		failed += 1;
		console.log('end to end: no result (test-artifacts/e2e.json was not written by this run)');
	} else {
		passed += e2e.passed;
		failed += e2e.failed;
		const versions = Object.entries(e2e.versions || {}).map(([v, c]) => `n8n ${v}: ${c.scenarios} scenarios, ${c.passed} passed, ${c.failed} failed`);
		console.log(`end to end: ${e2e.passed} passed, ${e2e.failed} failed${versions.length ? ` (${versions.join('; ')})` : ''}`);
		if (e2e.error) console.log(`end to end: ${e2e.error}`);
		for (const [version, counts] of Object.entries(e2e.versions || {})) {
			if (!counts.scenarios && !process.env.E2E_ONLY) {
				// run.js records this as a failed result already; say it plainly here too
				console.log(`end to end: no scenario ran on n8n ${version}`);
			}
		}
	}
}

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
