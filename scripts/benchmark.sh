#!/usr/bin/env bash
# Regenerates the weights of the zkmine pallets on the WASM runtime:
#   1. builds the node with `--features runtime-benchmarks` (the `benchmark` subcommand),
#   2. runs `benchmark pallet` for each pallet with the weight template kept in this repo,
#   3. writes `pallets/<pallet>/src/weights.rs`.
#
#   scripts/benchmark.sh [--release] [STEPS] [REPEAT]
#   PALLETS="pallet_zkp_submission" scripts/benchmark.sh   # one pallet only
# Defaults: debug build (the WASM runtime is always built optimized; the debug node runs it
# with an optimized wasmtime, host functions are unoptimized: the weights err on the high
# side), 50 steps, 20 repetitions. `--release` builds an optimized node first.
set -euo pipefail
cd "$(dirname "$0")/.."
profile=debug
if [ "${1:-}" = "--release" ]; then profile=release; shift; fi
steps=${1:-50}
repeat=${2:-20}
source scripts/env.sh
bash scripts/prerequisites.sh

build=(cargo build -p zkmine-node --features runtime-benchmarks)
[ "$profile" = release ] && build+=(--release)
echo "==> ${build[*]}"
"${build[@]}"
node="$CARGO_TARGET_DIR/$profile/zkmine-node"
wbuild="$CARGO_TARGET_DIR/$profile/wbuild/zkmine-runtime"
runtime="$wbuild/zkmine_runtime.compact.compressed.wasm"
[ -f "$runtime" ] || runtime="$wbuild/zkmine_runtime.wasm"
echo "==> runtime: $runtime"

for pallet in ${PALLETS:-pallet_prover_registry pallet_zkp_submission}; do
	dir="pallets/$(echo "${pallet#pallet_}" | tr _ -)"
	echo "==> benchmarking $pallet (steps $steps, repeat $repeat) -> $dir/src/weights.rs"
	"$node" benchmark pallet \
		--runtime "$runtime" \
		--genesis-builder=runtime \
		--genesis-builder-preset=development \
		--pallet "$pallet" \
		--extrinsic '*' \
		--wasm-execution compiled \
		--steps "$steps" \
		--repeat "$repeat" \
		--heap-pages 4096 \
		--header scripts/weight-header.txt \
		--template scripts/weight-template.hbs \
		--output "$dir/src/weights.rs"
done
cargo fmt --all >/dev/null 2>&1 || true
echo "==> weights written; review the diff with: git diff pallets/*/src/weights.rs"
