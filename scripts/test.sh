#!/usr/bin/env bash
# The README's test command: jest through n8n's real engine against the sandboxes, then the
# end-to-end suite in a real n8n. Prints the jest and end-to-end counts, then one
# "N passed, N failed" line over both, last. Only this run's result files are counted: they are
# deleted first. Under CI=true the end-to-end suite cannot be skipped or filtered.
set -uo pipefail
cd "$(dirname "$0")/.."
ARTIFACTS="${TEST_ARTIFACTS:-test-artifacts}"
export TEST_ARTIFACTS="$ARTIFACTS"
if [ "${CI:-}" = "true" ]; then
	for var in SKIP_E2E E2E_ONLY; do
		if [ -n "${!var:-}" ]; then
			echo "CI=true runs the whole end-to-end suite: $var is set (${!var}); unset it." >&2
			exit 1
		fi
	done
fi
mkdir -p "$ARTIFACTS"
rm -f "$ARTIFACTS/jest.json" "$ARTIFACTS/e2e.json"
npx jest --json --outputFile="$ARTIFACTS/jest.json" "$@"
jest_rc=$?
e2e=skipped
e2e_rc=0
if [ -z "${SKIP_E2E:-}" ]; then
	e2e=ran
	bash scripts/system-packages.sh # redis-server (queue mode) and chromium (the editor test)
	node test/e2e/run.js
	e2e_rc=$?
fi
node scripts/test-summary.js "$ARTIFACTS" "$e2e"
summary_rc=$?
[ $jest_rc -eq 0 ] && [ $e2e_rc -eq 0 ] && [ $summary_rc -eq 0 ]
