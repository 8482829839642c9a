# Sourced by the scripts: one cargo target directory outside the clone, shared by every
# checkout on this machine (CI reuses it; a cold build fits in CI's time as well).
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/zkmine-target}"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
