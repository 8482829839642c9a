#!/usr/bin/env bash
# Run the end-to-end suite against a fast-runtime dev node.
#   ZKMINE_NODE=/path/to/zkmine-node-fast bash e2e/run.sh
# (default: ~/.cache/zkmine-target/debug/zkmine-node-fast). Exits non-zero if any scenario fails.
set -euo pipefail
cd "$(dirname "$0")"
npm ci --no-audit --no-fund --loglevel=error >/dev/null
npm test
