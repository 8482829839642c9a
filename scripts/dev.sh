#!/usr/bin/env bash
# Run a zkmine development chain: one authority (Alice), blocks every 6 s, finalized by
# GRANDPA, state in a temporary directory, JSON-RPC on ws://127.0.0.1:9944.
# Extra arguments go to the node, e.g. `scripts/dev.sh --rpc-external`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/prerequisites.sh
source scripts/env.sh
# The same build as scripts/test.sh (see build_workspace in scripts/env.sh).
build_workspace
exec "$CARGO_TARGET_DIR/debug/zkmine-node" --dev --tmp --rpc-cors all "$@"
