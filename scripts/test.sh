#!/usr/bin/env bash
# Every test, in three layers: native (cargo test), browser (wasm-bindgen tests in
# headless Chromium) and end-to-end (the demo page against a real sandbox, driven by
# playwright-core). Installs what is missing first. Runs every layer even when one
# fails, prints each runner's summary and a total, and exits non-zero on any failure.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"

bash scripts/setup.sh --browser || { echo "setup failed"; exit 1; }

# Every answer the sandbox gives in the tests below is recorded here and checked
# against Polar's OpenAPI document by the contract layer (tests/contract/).
export KASSA_CONTRACT_DIR="$ROOT/target/contract"
rm -rf "$KASSA_CONTRACT_DIR"

LOG_DIR="$(mktemp -d)"
trap 'rm -rf "$LOG_DIR"' EXIT
declare -a NAMES=() RESULTS=()

# run NAME COMMAND…: runs a layer, keeps its output for the summary.
run() {
  local name="$1"; shift
  printf '\n\033[1m==> %s: %s\033[0m\n' "$name" "$*"
  "$@" 2>&1 | tee "$LOG_DIR/$name.log"
  local status=${PIPESTATUS[0]}
  NAMES+=("$name"); RESULTS+=("$status")
}

# Style and lints are part of the tests: formatting (rustfmt.toml), and clippy with
# every warning an error, natively for the workspace and for the widget's wasm target.
run fmt cargo fmt --all --check
run native cargo test --workspace
# The card payment code against Stripe's own declarations (@stripe/stripe-js).
run stripe-types tsc -p tests/stripe/tsconfig.json
run clippy cargo clippy --workspace --all-targets -- -D warnings
run clippy-wasm cargo clippy -p kassa --target wasm32-unknown-unknown --all-targets -- -D warnings
# The release build's split points (src/ui/chunks.rs) as they are built with feature `split`.
run clippy-split cargo clippy -p kassa --target wasm32-unknown-unknown --lib --features split -- -D warnings
run clippy-portal cargo clippy -p kassa-portal --target wasm32-unknown-unknown --all-targets -- -D warnings
run load cargo test -p kassa-sandbox --test load -- --ignored --nocapture
run browser wasm-pack test --headless --chrome
run browser-portal wasm-pack test --headless --chrome portal
run build bash scripts/build.sh --with-stats
build_status=${RESULTS[-1]}
# The TypeScript declarations generated from the Rust types must match the committed
# copy (js/kassa_wasm.d.ts); after a deliberate change: cp pkg/kassa_wasm.d.ts js/.
run types diff -u js/kassa_wasm.d.ts pkg/kassa_wasm.d.ts
# The first render's brotli size must stay within bench/size-budget.txt.
run size node bench/size.js --check
if [ "$build_status" = 0 ]; then
  run e2e node --test --test-concurrency=1 tests/e2e/
else
  NAMES+=("e2e"); RESULTS+=("skipped: build failed")
fi
run contract node --test tests/contract/

# Totals from each runner's own summary lines: cargo's and wasm-bindgen-test's
# "test result: … N passed; M failed", node's "# pass N" / "# fail M".
passed=0; failed=0
for f in "$LOG_DIR"/*.log; do
  p=$(grep -Eo '[0-9]+ passed; [0-9]+ failed' "$f" | awk '{s+=$1} END {print s+0}')
  q=$(grep -Eo '[0-9]+ passed; [0-9]+ failed' "$f" | awk '{s+=$3} END {print s+0}')
  np=$(grep -E '^# pass [0-9]+' "$f" | awk '{s+=$3} END {print s+0}')
  nf=$(grep -E '^# fail [0-9]+' "$f" | awk '{s+=$3} END {print s+0}')
  passed=$((passed + p + np)); failed=$((failed + q + nf))
done

echo
echo "Summary:"
status=0
for i in "${!NAMES[@]}"; do
  if [ "${RESULTS[$i]}" = 0 ]; then mark="ok"; else mark="FAILED (${RESULTS[$i]})"; status=1; fi
  printf '  %-8s %s\n' "${NAMES[$i]}" "$mark"
done
echo "kassa: $passed passed, $failed failed"
exit $status
