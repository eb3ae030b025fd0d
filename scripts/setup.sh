#!/usr/bin/env bash
# Installs what Kassa's build and tests need, skipping whatever is already there.
# Sourced by demo.sh and test.sh; `--browser` also installs Debian's Chromium and
# ChromeDriver (the tests need them, the demo does not).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

# wasm-pack must find wasm-opt here (binaryen from npm), or it tries to download one.
export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# wasm-bindgen-cli must be exactly the wasm-bindgen in Cargo.lock.
want_bindgen="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3; exit }' Cargo.lock)"
have_bindgen="$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)"
if [ "$have_bindgen" != "$want_bindgen" ]; then
  say "installing wasm-bindgen-cli $want_bindgen (matches Cargo.lock)"
  cargo install wasm-bindgen-cli --version "$want_bindgen"
fi

WASM_PACK_VERSION=0.15.1
if [ "$(wasm-pack --version 2>/dev/null | awk '{print $2}' || true)" != "$WASM_PACK_VERSION" ]; then
  say "installing wasm-pack $WASM_PACK_VERSION"
  cargo install wasm-pack --version "$WASM_PACK_VERSION"
fi

# Node dev dependencies (binaryen's wasm-opt, playwright-core, …), reinstalled only when
# package-lock.json changes.
lock_hash="$(sha256sum package-lock.json | cut -d' ' -f1)"
if [ "$(cat node_modules/.kassa-lock-hash 2>/dev/null || true)" != "$lock_hash" ]; then
  say "installing node dev dependencies"
  npm ci --no-audit --no-fund
  echo "$lock_hash" > node_modules/.kassa-lock-hash
fi

if [ "${1:-}" = "--browser" ]; then
  if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
    say "installing Debian's chromium and chromium-driver"
    SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
    $SUDO apt-get update
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y chromium chromium-driver
  fi
fi
