# Sourced by the scripts: one cargo target directory outside the clone, shared by every
# checkout on this machine (CI reuses it; a cold build fits in CI's time as well).
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/zkmine-target}"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"

# The pallets are tested on their own, with their benchmark suites (`runtime-benchmarks`).
ZKMINE_PALLETS=(pallet-prover-registry pallet-zkp-submission)

# Build every crate of the workspace and its tests (not the pallets' own tests), without
# running anything; extra arguments go to cargo. The dev chain (scripts/dev.sh) and the
# test suite (scripts/test.sh) build through here on purpose: cargo resolves the features
# of shared dependencies per package selection (the miner's subxt turns on e.g. scale-info's
# `docs`), and a node built alone would resolve them differently, so `dev.sh` followed by
# `test.sh` would compile the whole Substrate stack twice. One selection, one build.
build_workspace() {
	local exclude=()
	for p in "${ZKMINE_PALLETS[@]}"; do exclude+=(--exclude "$p"); done
	cargo test --workspace "${exclude[@]}" --no-run "$@"
}
