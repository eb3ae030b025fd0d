#!/usr/bin/env bash
# The benchmark: builds the release widget and sandbox, builds the peer (Polar's React
# checkout components, with Vite), and prints Kassa's and the peer's figures side by side.
# KASSA_BENCH_RUNS sets the start-up runs (default 20), KASSA_BENCH_UPDATES the updates of
# the memory figures (default 1000); KASSA_BENCH_VERBOSE=1 prints every start-up run.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"
bash scripts/setup.sh --browser
bash scripts/build.sh --with-stats
cargo build --quiet --release -p kassa-sandbox
# `npm install --no-save`, not `npm ci`: the lock cannot list rollup's packages for other
# platforms where the registry mirror does not serve them, and `npm ci` refuses such a lock.
(cd bench && npm install --no-save --no-audit --no-fund --loglevel=error && npx vite build peer --base /peer/ --outDir ../peer-dist --emptyOutDir --logLevel error)
node bench/size.js --parts
KASSA_SANDBOX_BIN="$ROOT/target/release/kassa-sandbox" node bench/run.js
