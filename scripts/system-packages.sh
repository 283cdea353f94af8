#!/usr/bin/env bash
# The Debian packages the end-to-end suite needs beyond Node.js: redis-server (queue mode: n8n's
# main and worker talk through Redis) and chromium (the editor tested in a real browser, driven by
# playwright-core). Idempotent; needs root (or sudo) and Debian's package registry.
set -euo pipefail
need=()
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
[ -x /usr/bin/chromium ] || need+=(chromium)
[ ${#need[@]} -eq 0 ] && { echo "system packages: redis-server and chromium are installed"; exit 0; }
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
echo "system packages: installing ${need[*]}"
$SUDO apt-get install -y -qq "${need[@]}" >/dev/null ||
	{ $SUDO apt-get update -qq && $SUDO apt-get install -y -qq "${need[@]}" >/dev/null; }
