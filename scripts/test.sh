#!/usr/bin/env bash
# The README's test command: jest through n8n's real engine against the sandboxes, then the
# end-to-end suite in a real n8n. Ends with one "N passed, N failed" line over both.
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p test-artifacts
npx jest --json --outputFile=test-artifacts/jest.json "$@"
jest_rc=$?
e2e_rc=0
if [ -z "${SKIP_E2E:-}" ] && [ -f test/e2e/run.js ]; then
	bash scripts/system-packages.sh # redis-server (queue mode) and chromium (the editor test)
	node test/e2e/run.js
	e2e_rc=$?
fi
node -e '
const fs = require("fs");
const j = JSON.parse(fs.readFileSync("test-artifacts/jest.json", "utf8"));
let passed = j.numPassedTests, failed = j.numFailedTests + (j.numRuntimeErrorTestSuites || 0);
if (fs.existsSync("test-artifacts/e2e.json")) { const e = JSON.parse(fs.readFileSync("test-artifacts/e2e.json", "utf8")); passed += e.passed; failed += e.failed; }
console.log(`${passed} passed, ${failed} failed`);
'
[ $jest_rc -eq 0 ] && [ $e2e_rc -eq 0 ]
