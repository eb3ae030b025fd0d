#!/usr/bin/env bash
# The demo: installs what is missing, builds the widget and the sandbox, and serves the
# demo page and the sandbox API on one origin (default http://127.0.0.1:8787/, data in
# data/sandbox.sqlite). Set KASSA_ADDR to listen elsewhere. Ctrl-C stops it.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash scripts/setup.sh
bash scripts/build.sh
exec "$ROOT/target/debug/kassa-sandbox" --addr "${KASSA_ADDR:-127.0.0.1:8787}" --db "$ROOT/data/sandbox.sqlite" --root "$ROOT"
