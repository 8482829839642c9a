#!/usr/bin/env bash
# The whole test suite, as CI runs it:
#   1. the `fast-runtime` node (one-second blocks) for the miner and end-to-end suites,
#      kept as `zkmine-node-fast` beside the default node;
#   2. every crate's unit and integration tests (runtime integration tests, node smoke
#      tests on loopback, the miner's integration test against the fast node);
#   3. the pallets' tests with their FRAME benchmark suites (`--features runtime-benchmarks`);
#   4. the polkadot.js end-to-end suite (`e2e/`) against the fast node;
#   5. the dashboard (`dashboard/`): its data layer's unit tests, then a browser test in
#      Debian's Chromium against the fast node with the demo sequencer and two miners.
# The converter's tests (`client/formats`) run the real snarkjs of `examples/circom-rollup`;
# the miner's circom-rollup test proves with it through the external prover backend.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/prerequisites.sh
source scripts/env.sh

echo "==> npm packages and setup of the circom example (the real snarkjs for the converter's"
echo "    tests, the circuit and keys for the miner's circom-rollup integration test)"
(cd examples/circom-rollup && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
if [ ! -f examples/circom-rollup/build/batch_final.zkey ]; then
	mkdir -p examples/circom-rollup/build
	bash examples/circom-rollup/setup.sh >examples/circom-rollup/build/setup.log 2>&1 ||
		{ tail -30 examples/circom-rollup/build/setup.log; exit 1; }
fi

echo "==> build: the workspace with the fast-runtime node"
# Same package selection as step 2, so that only the runtime and the node differ between
# the two builds (see build_workspace in scripts/env.sh).
build_workspace --features zkmine-node/fast-runtime
fast="$CARGO_TARGET_DIR/debug/zkmine-node-fast"
cp "$CARGO_TARGET_DIR/debug/zkmine-node" "$fast.tmp"
mv "$fast.tmp" "$fast"
export ZKMINE_NODE="$fast"

exclude=()
for p in "${ZKMINE_PALLETS[@]}"; do exclude+=(--exclude "$p"); done
echo "==> workspace tests (runtime, node smoke tests, miner, demo rollup, primitives)"
cargo test --workspace "${exclude[@]}"

echo "==> pallet tests with their benchmark suites (runtime-benchmarks)"
pkgs=()
for p in "${ZKMINE_PALLETS[@]}"; do pkgs+=(-p "$p"); done
cargo test "${pkgs[@]}" --features runtime-benchmarks

echo "==> end-to-end suite: polkadot.js against the fast-runtime dev node"
bash e2e/run.sh

echo "==> dashboard: unit tests, then Chromium against the fast node, a sequencer and two miners"
bash dashboard/run-tests.sh
