#!/usr/bin/env bash
# The dashboard's tests: the data layer's unit tests, then a build and the browser test
# (Debian's Chromium, driven by playwright-core, against the fast dev node with the demo
# sequencer and two miners). Screenshots go to $CARGO_TARGET_DIR/dashboard-screenshots/.
#   ZKMINE_NODE=/path/to/zkmine-node-fast ZKMINE_MINER=/path/to/zkmine-miner bash dashboard/run-tests.sh
# (defaults: the debug builds under ${CARGO_TARGET_DIR:-~/.cache/zkmine-target}). Exits non-zero if a test fails.
set -euo pipefail
cd "$(dirname "$0")"
npm ci --no-audit --no-fund --loglevel=error >/dev/null
npm run --silent test:unit
npm run --silent build -- --logLevel=warn
npm run --silent test:browser
