#!/usr/bin/env bash
# Builds the release widget into pkg/ (split, wasm-bindgen, wasm-opt with Cargo.toml's flags), assembles the npm
# package there (the JS API, the script-tag loader, the types, package.json), and builds
# the sandbox. `--with-stats` also builds target/kassa-stats/: the same widget counting
# its live heap allocations (feature alloc-stats), for the leak test and the benchmark.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"

# The wasm-opt flags, as Cargo.toml's [package.metadata.wasm-pack…] lists them for wasm-pack.
read -r -a WASM_OPT_FLAGS < <(sed -n 's/^wasm-opt = \[\(.*\)\]$/\1/p' Cargo.toml | tr -d '",')
WASM_FEATURES=()
for flag in "${WASM_OPT_FLAGS[@]}"; do [[ "$flag" == --enable-* ]] && WASM_FEATURES+=("$flag"); done

# widget OUT_DIR [FEATURE…]: the release widget, split (feature `split`, see
# src/ui/chunks.rs) into the first render and the chunks loaded after it. wasm-pack's
# build cannot split, so its three steps run here with the splitter between the first
# two: the wasm linked with its relocations (what the splitter reads), then split into
# main.wasm, split_*.wasm and their loader __wasm_split.js; then wasm-bindgen on
# main.wasm, and wasm-opt on main and chunks alike.
widget() {
  local out="$1"; shift
  local features="split${1:+,$1}"
  local split_dir="$ROOT/target/split/$(basename "$out")"
  # Panic locations name source files: the shipped wasm names them relative to the
  # crate (`reactive_graph-0.2.16/src/owner.rs`, `src/dom.rs`), not by this machine's paths.
  local remap=(--remap-path-prefix="$ROOT/=")
  for registry in "${CARGO_HOME:-$HOME/.cargo}"/registry/src/*/; do remap+=(--remap-path-prefix="$registry="); done
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="${remap[*]}" \
    cargo rustc --quiet --lib --release --target wasm32-unknown-unknown -p kassa --crate-type cdylib \
    --features "$features" -- -C link-arg=--emit-relocs
  cargo build --quiet --release -p kassa-split
  rm -rf "$split_dir" && mkdir -p "$split_dir" "$out"
  "$ROOT/target/release/kassa-split" "$ROOT/target/wasm32-unknown-unknown/release/kassa.wasm" "$split_dir" ./kassa_wasm.js >/dev/null
  rm -f "$out"/kassa_wasm* "$out"/split_*.wasm "$out"/__wasm_split.js
  wasm-bindgen --target web --keep-lld-exports --out-dir "$out" --out-name kassa_wasm "$split_dir/main.wasm"
  # wasm-streams' stream classes, exported by every build although Kassa never makes one.
  node "$ROOT/scripts/drop-exports.mjs" "$out" IntoUnderlyingByteSource IntoUnderlyingSink IntoUnderlyingSource \
    -- "${WASM_FEATURES[@]}"
  # The wasm's imports from the glue and exports to it by short names instead of hashed
  # ones, in the wasm, the glue and their declarations.
  node "$ROOT/scripts/short-names.mjs" "$out"
  wasm-opt "$out/kassa_wasm_bg.wasm" "${WASM_OPT_FLAGS[@]}" -o "$out/kassa_wasm_bg.wasm"
  for chunk in "$split_dir"/split_*.wasm; do
    wasm-opt "$chunk" "${WASM_OPT_FLAGS[@]}" -o "$out/$(basename "$chunk")"
  done
  cp "$split_dir/__wasm_split.js" "$out/"
}

# portal OUT_DIR: the subscription screen (portal/), a wasm of its own loaded only by
# `mountSubscription`, `<kassa-subscription>` or kassa-subscription.js: the checkout's
# first render carries none of it. Built with the widget's flags, so the two share
# every compiled dependency in target/.
portal() {
  local out="$1"
  local remap=(--remap-path-prefix="$ROOT/=")
  for registry in "${CARGO_HOME:-$HOME/.cargo}"/registry/src/*/; do remap+=(--remap-path-prefix="$registry="); done
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="${remap[*]}" \
    cargo build --quiet --release --target wasm32-unknown-unknown -p kassa-portal
  rm -f "$out"/kassa_portal*
  wasm-bindgen --target web --out-dir "$out" --out-name kassa_portal \
    "$ROOT/target/wasm32-unknown-unknown/release/kassa_portal.wasm"
  wasm-opt "$out/kassa_portal_bg.wasm" "${WASM_OPT_FLAGS[@]}" -o "$out/kassa_portal_bg.wasm"
}

printf '\033[1m==> %s\033[0m\n' "building the widget (release, split, wasm-opt) into pkg/"
widget pkg
printf '\033[1m==> %s\033[0m\n' "building the subscription screen (release, wasm-opt) into pkg/"
portal pkg
cp js/index.js js/index.d.ts js/kassa.js js/payment.js js/package.json pkg/
# What the browser downloads is minified (4.3 KB brotli less on the first render); the
# sources in js/ keep their comments and the .d.ts files carry the documentation.
for f in index.js kassa.js payment.js kassa_wasm.js __wasm_split.js; do
  esbuild "pkg/$f" --minify --log-level=warning --outfile="pkg/$f" --allow-overwrite
done
# The JS API, the glue and the chunk loader as one module: one request and one
# compression context instead of three (0.5 KB brotli less). kassa_wasm.js and
# __wasm_split.js stay in the package as the raw wasm-bindgen module, which index.js no
# longer imports; the allocation-counting build below keeps the three apart.
cp pkg/index.js "$ROOT/target/index.unbundled.js"
esbuild pkg/index.js --bundle --format=esm --minify --external:./payment.js --log-level=warning \
  --outfile=pkg/index.js --allow-overwrite
# The subscription screen's module, with its glue, as one file; its script-tag loader.
cp js/subscription.js js/subscription.d.ts js/kassa-subscription.js pkg/
esbuild pkg/subscription.js --bundle --format=esm --minify --log-level=warning \
  --outfile=pkg/subscription.js --allow-overwrite
esbuild pkg/kassa-subscription.js --minify --log-level=warning --outfile=pkg/kassa-subscription.js --allow-overwrite
cp js/README.md pkg/README.md
# The sentences of every language but English, fetched for the buyer's language only.
rm -rf pkg/lang
cargo run --quiet -p kassa-core --features bundled-langs --example lang_tables -- pkg/lang
if [ "${1:-}" = "--with-stats" ]; then
  printf '\033[1m==> %s\033[0m\n' "building the widget with allocation counts into target/kassa-stats/"
  widget target/kassa-stats alloc-stats
  cp pkg/kassa.js pkg/payment.js target/kassa-stats/
  cp "$ROOT/target/index.unbundled.js" target/kassa-stats/index.js
  rm -rf target/kassa-stats/lang && cp -r pkg/lang target/kassa-stats/
fi
printf '\033[1m==> %s\033[0m\n' "building the sandbox"
cargo build --quiet -p kassa-sandbox
