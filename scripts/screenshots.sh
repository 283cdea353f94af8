#!/usr/bin/env bash
# Refreshes docs/screenshots/: one picture of each of the six nodes in n8n's editor (the node panel
# with the node's icon and its actions or trigger events), taken by the browser end-to-end suite
# (test/e2e/suites/browser.js) in a real n8n with the packed package, and compressed with pngquant.
#
#   npm run screenshots                       # n8n 2.41.1
#   N8N_VERSION=1.123.81 npm run screenshots  # another installed version
set -euo pipefail
cd "$(dirname "$0")/.."
VERSION="${N8N_VERSION:-2.41.1}"
NODES=(leadGrid leadGridTrigger grinfi grinfiTrigger growthGenius growthGeniusTrigger)

npm run build
bash scripts/system-packages.sh # chromium
if ! command -v pngquant >/dev/null 2>&1; then
	SUDO=""
	[ "$(id -u)" -ne 0 ] && SUDO="sudo"
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq pngquant >/dev/null ||
		{ $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq pngquant >/dev/null; }
fi

E2E_ONLY='editor in a browser: node panel' N8N_VERSIONS="$VERSION" node test/e2e/run.js

mkdir -p docs/screenshots
for node in "${NODES[@]}"; do
	src="test-artifacts/browser/$VERSION-node-$node.png"
	[ -f "$src" ] || { echo "screenshots: $src was not taken" >&2; exit 1; }
	pngquant --quality 65-90 --speed 1 --strip --force --output "docs/screenshots/$node.png" -- "$src"
	echo "docs/screenshots/$node.png: $(stat -c %s "docs/screenshots/$node.png") bytes (n8n $VERSION)"
done
