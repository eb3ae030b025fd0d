#!/usr/bin/env bash
# Builds the release widget into pkg/ (wasm-pack, wasm-opt with Cargo.toml's flags), assembles the npm
# package there (the JS API, the script-tag loader, the types, package.json), and builds
# the sandbox. `--with-stats` also builds target/kassa-stats/: the same widget counting
# its live heap allocations (feature alloc-stats), for the leak test and the benchmark.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"
printf '\033[1m==> %s\033[0m\n' "building the widget (release, wasm-opt) into pkg/"
wasm-pack --quiet build --release --target web --out-dir pkg --out-name kassa_wasm
rm -f pkg/.gitignore pkg/kassa.js pkg/kassa_bg.wasm pkg/kassa.d.ts pkg/kassa_bg.wasm.d.ts
cp js/index.js js/index.d.ts js/kassa.js js/payment.js js/package.json pkg/
# What the browser downloads is minified (4.3 KB brotli less on the first render); the
# sources in js/ keep their comments and the .d.ts files carry the documentation.
for f in index.js kassa.js payment.js kassa_wasm.js; do
  esbuild "pkg/$f" --minify --log-level=warning --outfile="pkg/$f" --allow-overwrite
done
cp js/README.md pkg/README.md
# The sentences of every language but English, fetched for the buyer's language only.
rm -rf pkg/lang
cargo run --quiet -p kassa-core --features bundled-langs --example lang_tables -- pkg/lang
if [ "${1:-}" = "--with-stats" ]; then
  printf '\033[1m==> %s\033[0m\n' "building the widget with allocation counts into target/kassa-stats/"
  wasm-pack --quiet build --release --target web --out-dir target/kassa-stats --out-name kassa_wasm -- --features alloc-stats
  cp pkg/index.js pkg/kassa.js pkg/payment.js target/kassa-stats/
  rm -rf target/kassa-stats/lang && cp -r pkg/lang target/kassa-stats/
fi
printf '\033[1m==> %s\033[0m\n' "building the sandbox"
cargo build --quiet -p kassa-sandbox
