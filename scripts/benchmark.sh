#!/usr/bin/env bash
# Regenerates the weights of the zkmine pallets and of the runtime on the WASM runtime:
#   1. builds the node with `--features runtime-benchmarks` (the `benchmark` subcommand),
#   2. `pallets`: runs `benchmark pallet` for each zkmine pallet with the weight template kept
#      in this repo and writes `pallets/<pallet>/src/weights.rs`;
#   3. `runtime`: the weights the runtime itself configures, in `runtime/src/weights/`:
#      FRAME's transaction extensions (`frame_system_extensions`) and
#      `pallet_transaction_payment` benchmarked on this node (`benchmark pallet`), the base
#      weights of a block and of an extrinsic (`benchmark overhead`: `block_weights.rs`,
#      `extrinsic_weights.rs`), and the database weights (`benchmark storage` on ParityDB,
#      the node's only database, with a genesis of `DB_ACCOUNTS` extra accounts so that
#      reads walk a trie deeper than the dev chain's; writes in batches of 1 000, about a
#      block of reveals' worth, each batch's storage root computed: `paritydb_weights.rs`).
#
#   scripts/benchmark.sh [--release] [STEPS] [REPEAT]
#   PALLETS="pallet_zkp_submission" scripts/benchmark.sh   # one pallet only
#   STAGES=runtime scripts/benchmark.sh --release          # only the runtime's weights
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

stages=${STAGES:-pallets runtime}
bench_pallet() {
	"$node" benchmark pallet \
		--runtime "$runtime" \
		--genesis-builder=runtime \
		--genesis-builder-preset=development \
		--extrinsic '*' \
		--wasm-execution compiled \
		--steps "$steps" \
		--repeat "$repeat" \
		--heap-pages 4096 \
		--header scripts/weight-header.txt \
		"$@"
}

if [[ " $stages " == *" pallets "* ]]; then
	for pallet in ${PALLETS:-pallet_prover_registry pallet_zkp_submission}; do
		dir="pallets/$(echo "${pallet#pallet_}" | tr _ -)"
		echo "==> benchmarking $pallet (steps $steps, repeat $repeat) -> $dir/src/weights.rs"
		bench_pallet --pallet "$pallet" --template scripts/weight-template.hbs \
			--output "$dir/src/weights.rs"
	done
fi

if [[ " $stages " == *" runtime "* ]]; then
	out=runtime/src/weights
	for pallet in frame_system_extensions pallet_transaction_payment; do
		echo "==> benchmarking $pallet (steps $steps, repeat $repeat) -> $out/$pallet.rs"
		bench_pallet --pallet "$pallet" --output "$out/$pallet.rs"
	done

	echo "==> benchmark overhead (empty block, system.remark) -> $out/{block,extrinsic}_weights.rs"
	"$node" benchmark overhead --chain dev --wasm-execution compiled \
		--warmup 10 --repeat 100 --header scripts/weight-header.txt --weight-path "$out"

	echo "==> benchmark storage (ParityDB, dev genesis + ${DB_ACCOUNTS:-100000} accounts) -> $out/paritydb_weights.rs"
	work=$(mktemp -d)
	trap 'rm -rf "$work"' EXIT
	"$node" export-chain-spec --chain dev >"$work/dev.json" 2>/dev/null
	python3 scripts/endow-spec.py "$work/dev.json" "${DB_ACCOUNTS:-100000}" >"$work/spec.json"
	"$node" benchmark storage --chain "$work/spec.json" --base-path "$work/db" --db paritydb \
		--state-version 1 --batch-size 1000 --header scripts/weight-header.txt --weight-path "$out"
fi
cargo fmt --all >/dev/null 2>&1 || true
echo "==> weights written; review the diff with: git diff pallets/*/src/weights.rs"
