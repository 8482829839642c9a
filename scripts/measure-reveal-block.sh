#!/usr/bin/env bash
# Measures whether blocks full of reveals execute within their weight, on the release node
# built with `runtime-benchmarks` (the one `scripts/benchmark.sh --release` builds): starts a
# dev chain in a fresh directory, fills blocks with the worst reveal the pool admits
# (`e2e/tools/reveal-flood.js`: well-formed proofs that fail the pairing check, from active
# provers), stops the node, and re-executes those blocks with `benchmark block`, which
# prints each block's execution time against its consumed weight.
#
#   scripts/measure-reveal-block.sh [PROVERS] [REVEALS_PER_PROVER]
# Defaults: 40 provers x 30 reveals = 1 200 reveals (more than two full blocks).
set -euo pipefail
cd "$(dirname "$0")/.."
provers=${1:-40}
per_prover=${2:-30}
source scripts/env.sh
node="$CARGO_TARGET_DIR/release/zkmine-node"
"$node" benchmark block --help >/dev/null 2>&1 || {
	echo "no release node with \`benchmark block\` at $node: run scripts/benchmark.sh --release first" >&2
	exit 1
}
(cd e2e && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
work=$(mktemp -d)
pid=
cleanup() { [ -n "$pid" ] && kill -INT "$pid" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

port=9966
"$node" --dev --base-path "$work/chain" --rpc-port $port --no-prometheus --no-telemetry \
	--pool-limit 20000 --pool-kbytes 65536 >"$work/node.log" 2>&1 &
pid=$!
for _ in $(seq 1 120); do
	curl -s -H 'Content-Type: application/json' -d '{"jsonrpc":"2.0","id":1,"method":"system_health","params":[]}' \
		http://127.0.0.1:$port >/dev/null 2>&1 && break
	sleep 1
done
node e2e/tools/reveal-flood.js "ws://127.0.0.1:$port" "$provers" "$per_prover" "$work/blocks.json"
kill -INT "$pid"
wait "$pid" || true
pid=
from=$(node -e "const b=require('$work/blocks.json').blocks; console.log(b[0].number)")
to=$(node -e "const b=require('$work/blocks.json').blocks; console.log(b[b.length-1].number)")
echo "==> re-executing blocks $from..$to (benchmark block, 10 repetitions)"
"$node" benchmark block --dev --base-path "$work/chain" --from "$from" --to "$to" --repeat 10 2>&1 |
	grep -E "Block [0-9]+ with"
