// node scripts/drop-exports.mjs OUT_DIR CLASS… -- WASM_METADCE_FLAG…
//
// Removes JS classes a dependency exports but Kassa never hands to JS from what
// wasm-bindgen wrote into OUT_DIR: their exports and the code only they reach from
// kassa_wasm_bg.wasm (binaryen's wasm-metadce, which sees the wasm as part of a larger
// graph and so can drop exports, which wasm-opt cannot), their classes from
// kassa_wasm.js and kassa_wasm.d.ts, and the glue's imports nothing calls any more.
//
// Why: Leptos turns on server_fn's `browser` feature, which links wasm-streams, whose
// `IntoUnderlyingSource`, `…Sink` and `…ByteSource` are `#[wasm_bindgen]` classes. A
// cdylib exports every such item of every crate it links, so each build shipped them
// (code, glue, types) although no Kassa call ever creates one.
//
// The edits are to wasm-bindgen's output as the pinned version writes it; a class or
// import not found where expected fails the build rather than leaving half of it.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const args = process.argv.slice(2);
const dashes = args.indexOf("--");
const [out, ...classes] = dashes < 0 ? args : args.slice(0, dashes);
const flags = dashes < 0 ? [] : args.slice(dashes + 1);
if (!out || classes.length === 0) {
  console.error("usage: node scripts/drop-exports.mjs OUT_DIR CLASS… -- WASM_METADCE_FLAG…");
  process.exit(2);
}
const fail = (message) => {
  console.error(`drop-exports: ${message}`);
  process.exit(1);
};

const wasmPath = join(out, "kassa_wasm_bg.wasm");
const before = new WebAssembly.Module(readFileSync(wasmPath));
const lowered = classes.map((c) => c.toLowerCase());
const dropped = (name) => lowered.some((c) => name === `__wbg_${c}_free` || name.startsWith(`${c}_`));
const exports = WebAssembly.Module.exports(before).map((e) => e.name);
const gone = exports.filter(dropped);
for (const c of lowered) {
  if (!gone.includes(`__wbg_${c}_free`)) fail(`no export __wbg_${c}_free: is the class still linked?`);
}

// Every export but the dropped ones is reached from JS; metadce removes the rest.
const kept = exports.filter((name) => !dropped(name));
const graph = [
  { name: "js", root: true, reaches: kept.map((name) => `export:${name}`) },
  ...kept.map((name) => ({ name: `export:${name}`, export: name })),
];
const scratch = mkdtempSync(join(tmpdir(), "kassa-dce-"));
try {
  const graphPath = join(scratch, "graph.json");
  writeFileSync(graphPath, JSON.stringify(graph));
  execFileSync("wasm-metadce", [wasmPath, "-f", graphPath, "-o", wasmPath, ...flags], { stdio: ["ignore", "ignore", "inherit"] });
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
const after = new WebAssembly.Module(readFileSync(wasmPath));
const stillImported = new Set(WebAssembly.Module.imports(after).map((i) => i.name));
const unusedImports = WebAssembly.Module.imports(before)
  .filter((i) => i.module === "./kassa_wasm_bg.js" && !stillImported.has(i.name))
  .map((i) => i.name);

/** `text` without the lines from the one matching `start` through the first matching `end`. */
function cut(text, start, end, what) {
  const lines = text.split("\n");
  const from = lines.findIndex((l) => start.test(l));
  if (from < 0) fail(`${what} not found`);
  const to = lines.findIndex((l, i) => i >= from && end.test(l));
  if (to < 0) fail(`the end of ${what} not found`);
  lines.splice(from, to - from + 1);
  return lines.join("\n");
}

const escape = (s) => s.replace(/[$]/g, "\\$");
let glue = readFileSync(join(out, "kassa_wasm.js"), "utf8");
let types = readFileSync(join(out, "kassa_wasm.d.ts"), "utf8");
for (const c of classes) {
  glue = cut(glue, new RegExp(`^export class ${c} \\{$`), /^\}$/, `class ${c}`);
  glue = cut(glue, new RegExp(`^if \\(Symbol\\.dispose\\) ${c}\\.prototype`), /./, `${c}'s dispose`);
  glue = cut(glue, new RegExp(`^const ${c}Finalization = `), /\);$/, `${c}'s finalization registry`);
  types = cut(types, new RegExp(`^export class ${c} \\{$`), /^\}$/, `the type of ${c}`);
}
for (const name of gone) {
  types = cut(types, new RegExp(`^    readonly ${escape(name)}: `), /./, `the type of export ${name}`);
}
for (const name of unusedImports) {
  // An import is one property of the imports object, on one line or up to the line
  // that closes it at the same indentation.
  const start = new RegExp(`^        ${escape(name)}: `);
  const line = glue.split("\n").find((l) => start.test(l));
  if (line === undefined) fail(`import ${name} not found in the glue`);
  glue = /\},?$/.test(line) && !/\{$/.test(line) ? cut(glue, start, /./, `import ${name}`) : cut(glue, start, /^        \}/, `import ${name}`);
}
writeFileSync(join(out, "kassa_wasm.js"), glue);
writeFileSync(join(out, "kassa_wasm.d.ts"), types);
console.log(`dropped ${classes.join(", ")}: ${gone.length} exports, ${unusedImports.length} imports`);
