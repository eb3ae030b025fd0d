// Transfer size of everything Kassa's first render needs (the script-tag loader, the JS
// API, the wasm-bindgen glue and the wasm), raw, gzip -9 and brotli (quality 11).
// `node bench/size.js --check` fails if the brotli total exceeds bench/size-budget.txt.
// Raise the budget only deliberately, in a commit that says why.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
export const FIRST_RENDER = ["kassa.js", "index.js", "kassa_wasm.js", "kassa_wasm_bg.wasm"];

/** Raw, gzip and brotli bytes of `buffers`. */
export function sizes(buffers) {
  let raw = 0, gzip = 0, brotli = 0;
  for (const b of buffers) {
    raw += b.length;
    gzip += gzipSync(b, { level: 9 }).length;
    brotli += brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  }
  return { raw, gzip, brotli };
}

export function kassaSizes() {
  return sizes(FIRST_RENDER.map((f) => readFileSync(join(ROOT, "pkg", f))));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const s = kassaSizes();
  const budget = Number(readFileSync(join(ROOT, "bench", "size-budget.txt"), "utf8").trim());
  console.log(`kassa first render: ${s.raw} B raw, ${s.gzip} B gzip, ${s.brotli} B brotli (budget ${budget} B brotli)`);
  if (process.argv.includes("--check") && s.brotli > budget) {
    console.error(`size budget exceeded by ${s.brotli - budget} B: shrink the widget, or raise bench/size-budget.txt in a commit that says why`);
    process.exit(1);
  }
}
