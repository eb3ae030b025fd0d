#!/usr/bin/env bash
# Builds the release widget into pkg/ (wasm-pack, wasm-opt -Oz) and the sandbox.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"
printf '\033[1m==> %s\033[0m\n' "building the widget (release, wasm-opt -Oz) into pkg/"
wasm-pack --quiet build --release --target web --out-dir pkg
printf '\033[1m==> %s\033[0m\n' "building the sandbox"
cargo build --quiet -p kassa-sandbox
