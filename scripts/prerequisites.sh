#!/usr/bin/env bash
# Installs what a fresh Debian machine lacks to build and test zkmine, and nothing that is
# already there: protoc (litep2p's build script), clang/libclang (bindgen, for the optional
# RocksDB of the benchmark build), Node.js and npm (the polkadot.js end-to-end suite and the
# dashboard), Debian's Chromium (the dashboard's browser test), and the `wasm32v1-none` Rust
# target of the runtime.
# Idempotent; safe to run on every build. Needs root (or sudo) only when it installs.
set -euo pipefail

need_apt=()
command -v protoc >/dev/null 2>&1 || need_apt+=(protobuf-compiler)
command -v clang >/dev/null 2>&1 || need_apt+=(clang)
dpkg -s libclang-dev >/dev/null 2>&1 || need_apt+=(libclang-dev)
command -v cc >/dev/null 2>&1 || need_apt+=(build-essential)
command -v git >/dev/null 2>&1 || need_apt+=(git)
command -v curl >/dev/null 2>&1 || need_apt+=(curl)
# Node.js and npm run the polkadot.js end-to-end suite (e2e/, @polkadot/api 16.5 needs
# Node 18 or newer).
command -v node >/dev/null 2>&1 || need_apt+=(nodejs)
command -v npm >/dev/null 2>&1 || need_apt+=(npm)
# Debian's Chromium runs the dashboard's browser test (dashboard/, driven by playwright-core,
# which downloads no browser of its own).
[ -x /usr/bin/chromium ] || need_apt+=(chromium)

if [ ${#need_apt[@]} -gt 0 ]; then
	echo "prerequisites: installing ${need_apt[*]}"
	sudo_cmd=()
	[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
	"${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
	"${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

if ! command -v rustup >/dev/null 2>&1; then
	echo "prerequisites: rustup is required (https://rustup.rs); it installs the toolchain of rust-toolchain.toml" >&2
	exit 1
fi
# rust-toolchain.toml pins the toolchain; make sure it and the WASM target are present.
cd "$(dirname "$0")/.."
toolchain=$(sed -n 's/^channel = "\(.*\)"/\1/p' rust-toolchain.toml)
rustup toolchain list | grep -q "^${toolchain}" || rustup toolchain install "$toolchain" --profile minimal
rustup target list --installed --toolchain "$toolchain" | grep -q '^wasm32v1-none$' ||
	rustup target add wasm32v1-none --toolchain "$toolchain"
