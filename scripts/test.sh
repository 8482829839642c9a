#!/usr/bin/env bash
# The whole test suite, as CI runs it: every crate's unit and integration tests (runtime
# integration tests, node smoke tests on loopback), and the pallets' tests with their
# FRAME benchmark suites (`--features runtime-benchmarks`).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/prerequisites.sh
source scripts/env.sh

pallets=(pallet-prover-registry pallet-zkp-submission)
exclude=()
for p in "${pallets[@]}"; do exclude+=(--exclude "$p"); done

echo "==> workspace tests (runtime, node smoke tests, primitives)"
cargo test --workspace "${exclude[@]}"

echo "==> pallet tests with their benchmark suites (runtime-benchmarks)"
pkgs=()
for p in "${pallets[@]}"; do pkgs+=(-p "$p"); done
cargo test "${pkgs[@]}" --features runtime-benchmarks
