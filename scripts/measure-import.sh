#!/usr/bin/env bash
# Measures how long a node takes to verify and import a block it did not author, in the
# debug or the release build: starts the two-validator local network (Alice, Bob) on
# loopback, lets it run for BLOCKS blocks, and reads Bob's Prometheus histogram
# `substrate_block_verification_and_import_time` (Alice's blocks reach Bob through the
# import queue, so half of the chain is measured) and `substrate_proposer_block_constructed`.
#
#   scripts/measure-import.sh [debug|release] [BLOCKS]
set -euo pipefail
cd "$(dirname "$0")/.."
profile=${1:-debug}
blocks=${2:-20}
source scripts/env.sh
# NO_BUILD=1 measures the binary already in the target dir (e.g. one built with
# `--features runtime-benchmarks`) instead of building the default one.
if [ -z "${NO_BUILD:-}" ]; then
	if [ "$profile" = release ]; then cargo build -p zkmine-node --release; else cargo build -p zkmine-node; fi
fi
bin="$CARGO_TARGET_DIR/$profile/zkmine-node"
work=$(mktemp -d)
cleanup() { kill -INT "${pids[@]}" 2>/dev/null || true; sleep 2; rm -rf "$work"; }
pids=()
trap cleanup EXIT

"$bin" --chain local --alice --base-path "$work/alice" --port 30433 --rpc-port 9954 \
	--no-prometheus --no-telemetry --no-mdns \
	--node-key 0000000000000000000000000000000000000000000000000000000000000001 \
	>"$work/alice.log" 2>&1 &
pids+=($!)
"$bin" --chain local --bob --base-path "$work/bob" --port 30434 --rpc-port 9955 \
	--prometheus-port 9655 --no-telemetry --no-mdns \
	--node-key 0000000000000000000000000000000000000000000000000000000000000002 \
	--bootnodes /ip4/127.0.0.1/tcp/30433/p2p/12D3KooWEyoppNCUx8Yx66oV9fJnriXwCcXwDDUA2kj6vnc6iDEp \
	>"$work/bob.log" 2>&1 &
pids+=($!)

best=0
deadline=$((SECONDS + blocks * 6 + 300))
while [ "$best" -lt "$blocks" ] && [ $SECONDS -lt $deadline ]; do
	sleep 3
	for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null || deadline=0; done
	best=$(curl -s -H 'Content-Type: application/json' \
		-d '{"jsonrpc":"2.0","id":1,"method":"chain_getHeader","params":[]}' \
		http://127.0.0.1:9955 | sed -n 's/.*"number":"0x\([0-9a-f]*\)".*/\1/p' || true)
	best=$((16#${best:-0}))
	printf '\rbest block on bob: #%s of %s' "$best" "$blocks"
done
echo
if [ "$best" -lt "$blocks" ]; then
	echo "bob did not reach block #$blocks (a node exited, or time ran out); the last lines of both logs:" >&2
	for who in alice bob; do
		echo "--- $who" >&2
		tail -n 25 "$work/$who.log" >&2
	done
	exit 1
fi
metrics=$(curl -s http://127.0.0.1:9655/metrics || true)
report() {
	local name=$1 sum count
	sum=$(echo "$metrics" | awk -v n="${name}_sum" 'index($1, n) == 1 {print $2}')
	count=$(echo "$metrics" | awk -v n="${name}_count" 'index($1, n) == 1 {print $2}')
	if [ -n "$count" ] && [ "$count" != 0 ]; then
		awk -v s="$sum" -v c="$count" -v n="$name" 'BEGIN {printf "%s: %d blocks, mean %.2f ms\n", n, c, 1000 * s / c}'
	else
		echo "$name: no samples"
	fi
}
echo "profile: $profile"
report substrate_block_verification_and_import_time
report substrate_proposer_block_constructed
