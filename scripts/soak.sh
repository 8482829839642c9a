#!/usr/bin/env bash
# The miner's soak run (issue 15): the mining integration test at length on the fast node:
# four miners, ZKMINE_SOAK_SEQUENCES sequences (30 by default), one miner killed with
# `kill -9` between its commitment and its reveal twice, the node restarted once; no honest
# miner slashed, rewards exactly floor(2 ZKM * s_i / S) per sequence. Prints the figures
# recorded in docs/BENCHMARKS.md (proving time, commit and reveal latency in blocks).
# CI runs the same test with 4 sequences (scripts/test.sh). About 25 blocks (25 s) a sequence.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
export ZKMINE_SOAK_SEQUENCES="${ZKMINE_SOAK_SEQUENCES:-30}"
export ZKMINE_SOAK_KILLS="${ZKMINE_SOAK_KILLS:-2}"
if [ -z "${ZKMINE_NODE:-}" ]; then
	fast="$CARGO_TARGET_DIR/debug/zkmine-node-fast"
	if [ ! -x "$fast" ]; then
		echo "==> build: the fast-runtime node"
		build_workspace --features zkmine-node/fast-runtime
		cp "$CARGO_TARGET_DIR/debug/zkmine-node" "$fast.tmp"
		mv "$fast.tmp" "$fast"
	fi
	export ZKMINE_NODE="$fast"
fi
echo "==> soak: $ZKMINE_SOAK_SEQUENCES sequences, $ZKMINE_SOAK_KILLS kill -9 of a miner mid-round, one node restart"
start=$(date +%s)
cargo test -p zkmine-miner --test mining -- --nocapture 2>&1 | grep -E "^soak:|test result|panicked|FAILED|^  left|^ right|^thread"
echo "==> soak done in $(( $(date +%s) - start )) s"
