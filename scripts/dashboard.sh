#!/usr/bin/env bash
# The live explorer (dashboard/): installs its locked npm packages and builds it when that
# is needed (node_modules missing or older than package-lock.json; dist/ missing or older
# than a source file), then serves dist/ on http://127.0.0.1:8080 with `vite preview`.
# The page talks to ws://127.0.0.1:9944 (the dev chain of scripts/dev.sh) unless its
# address says otherwise: http://127.0.0.1:8080/?rpc=ws://HOST:PORT.
#   bash scripts/dashboard.sh                     # serve on port 8080
#   bash scripts/dashboard.sh --port 8081         # another port (or DASHBOARD_PORT=8081)
#   bash scripts/dashboard.sh --rpc ws://127.0.0.1:9945   # print the address for that node
set -euo pipefail
self="$(cd "$(dirname "$0")" && pwd)/$(basename "$0")"
cd "$(dirname "$0")/../dashboard"

port=${DASHBOARD_PORT:-8080}
rpc=""
while [ $# -gt 0 ]; do
	case "$1" in
	--port) port=${2:?--port needs a number}; shift 2 ;;
	--rpc) rpc=${2:?--rpc needs a ws:// address}; shift 2 ;;
	-h | --help) sed -n '2,9p' "$self" | sed 's/^# \{0,1\}//'; exit 0 ;;
	*) echo "dashboard.sh: unknown argument: $1 (see --help)" >&2; exit 2 ;;
	esac
done

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
	echo "dashboard.sh: Node.js and npm are needed (bash scripts/prerequisites.sh installs them)" >&2
	exit 1
fi

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
	echo "==> npm ci (dashboard/)"
	npm ci --no-audit --no-fund --loglevel=error >/dev/null
fi

if [ ! -f dist/index.html ] ||
	[ -n "$(find index.html vite.config.js package.json package-lock.json src -newer dist/index.html -print -quit)" ]; then
	echo "==> vite build (dashboard/dist)"
	npm run --silent build -- --logLevel=warn
fi

node_url=${rpc:-ws://127.0.0.1:9944}
page="http://127.0.0.1:$port/${rpc:+?rpc=$rpc}"
echo "zkmine explorer: $page   (node: $node_url; another node: add ?rpc=ws://HOST:PORT; Ctrl-C stops)"
exec node node_modules/vite/bin/vite.js preview --host 127.0.0.1 --port "$port" --strictPort
