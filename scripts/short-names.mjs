// node scripts/short-names.mjs OUT_DIR
//
// Gives the functions the wasm imports from wasm-bindgen's glue short names (`a`, `b`, …,
// `ba`, …) in both places that spell them: the import section of kassa_wasm_bg.wasm and
// the imports object kassa_wasm.js hands to `WebAssembly.instantiate`. Then the same for
// the wasm's exports the glue calls (`wasm.__wbindgen_malloc`, the hashed closure
// trampolines, `wasm.mount`), in the wasm, the glue and the two declaration files that
// list them (the glue's own `export function mount` keeps its name: only `wasm.…`
// accesses are renamed).
//
// Why: wasm-bindgen names each import after its Rust path plus a 16-digit hash
// (`__wbg_addEventListener_847fd86b8c33ec43`), and the wasm and the glue are two files
// compressed apart, so each of some 150 names was downloaded twice, its hash digits
// incompressible both times (README, "Size"). Nothing else reads these names: the
// chunks import only memory, table and a global (`__wasm_split`), which keep theirs, as
// do the exports __wasm_split.js reads (`memory`, `__indirect_function_table`,
// `__wasm_split_shared0`).
//
// Run after wasm-bindgen (and drop-exports.mjs), before wasm-opt, which keeps import
// and export names. An import not found exactly once in the glue fails the build rather
// than leaving the two files out of step.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { readLeb, skipImportDescriptor, writeLeb } from "./wasm-binary.mjs";

const out = process.argv[2];
if (!out) {
  console.error("usage: node scripts/short-names.mjs OUT_DIR");
  process.exit(2);
}
const fail = (message) => {
  console.error(`short-names: ${message}`);
  process.exit(1);
};
const GLUE_MODULE = "./kassa_wasm_bg.js";
const wasmPath = join(out, "kassa_wasm_bg.wasm");
const gluePath = join(out, "kassa_wasm.js");
const wasm = readFileSync(wasmPath);
let glue = readFileSync(gluePath, "utf8");

/** The `i`th short name: one letter, then a letter and a letter, digit, `_` or `$`. */
function shortName(i) {
  const first = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
  const rest = first + "0123456789_$";
  if (i < first.length) return first[i];
  i -= first.length;
  if (i >= first.length * rest.length) fail("more imports than two-character names");
  return first[Math.floor(i / rest.length)] + rest[i % rest.length];
}

// Reading moves `at` along the wasm; writing builds sections anew.
let at = 0;
const u32 = () => {
  let value;
  [value, at] = readLeb(wasm, at);
  return value;
};
const name = () => {
  const len = u32();
  const s = wasm.subarray(at, at + len).toString("utf8");
  at += len;
  return s;
};
const encodeName = (s) => {
  const b = Buffer.from(s, "utf8");
  return Buffer.concat([writeLeb(b.length), b]);
};
/** A section `id` of `count` entries, as bytes. */
const section = (id, count, entries) => {
  const body = Buffer.concat([writeLeb(count), ...entries]);
  return Buffer.concat([Buffer.from([id]), writeLeb(body.length), body]);
};
/** `name` where a regular expression is built from it. */
const escaped = (name) => name.replace(/\$/g, "\\$");

// The exports __wasm_split.js (and the chunks through it) read by name.
const KEEP_EXPORTS = new Set(["memory", "__indirect_function_table", "__wasm_split_shared0"]);
const declarations = Object.fromEntries(
  ["kassa_wasm.d.ts", "kassa_wasm_bg.wasm.d.ts"].map((f) => [f, readFileSync(join(out, f), "utf8")]),
);
let exported = 0;

let renamed = 0;

/** The import section (from `at` to `end`) with the glue's imports renamed. */
function renameImports(end) {
  const count = u32();
  const entries = [];
  for (let i = 0; i < count; i++) {
    const module = name();
    const field = name();
    const descriptorStart = at;
    at = skipImportDescriptor(wasm, at);
    let short = field;
    if (module === GLUE_MODULE) {
      short = shortName(renamed++);
      const key = new RegExp(`(?<![\\w$])${escaped(field)}(?![\\w$])`, "g");
      const found = glue.match(key)?.length ?? 0;
      if (found !== 1) fail(`import ${field} is in the glue ${found} times, not once`);
      glue = glue.replace(key, short);
    }
    entries.push(encodeName(module), encodeName(short), wasm.subarray(descriptorStart, at));
  }
  if (at !== end) fail("the import section did not parse to its end");
  return section(2, count, entries);
}

/** The export section (from `at` to `end`) with the glue's exports renamed. */
function renameExports(end) {
  const count = u32();
  const entries = [];
  for (let i = 0; i < count; i++) {
    const field = name();
    const descriptorStart = at;
    at++; // kind
    u32(); // index
    const access = new RegExp(`(?<=\\bwasm\\.)${escaped(field)}(?![\\w$])`, "g");
    let short = field;
    if (!KEEP_EXPORTS.has(field) && access.test(glue)) {
      short = `_${shortName(exported++)}`;
      glue = glue.replace(access, short);
      declarations["kassa_wasm.d.ts"] = declarations["kassa_wasm.d.ts"].replace(`readonly ${field}:`, `readonly ${short}:`);
      declarations["kassa_wasm_bg.wasm.d.ts"] = declarations["kassa_wasm_bg.wasm.d.ts"].replace(`export const ${field}:`, `export const ${short}:`);
    }
    entries.push(encodeName(short), wasm.subarray(descriptorStart, at));
  }
  if (at !== end) fail("the export section did not parse to its end");
  return section(7, count, entries);
}

if (wasm.readUInt32LE(0) !== 0x6d736100) fail(`${wasmPath} is not a wasm module`);
at = 8;
const pieces = [wasm.subarray(0, 8)];
while (at < wasm.length) {
  const start = at;
  const id = wasm[at++];
  const size = u32();
  const end = at + size;
  if (id === 2) pieces.push(renameImports(end));
  else if (id === 7) pieces.push(renameExports(end));
  else pieces.push(wasm.subarray(start, end));
  at = end;
}
if (renamed === 0) fail(`no imports from ${GLUE_MODULE}`);
if (exported === 0) fail("no export renamed");
const rewritten = Buffer.concat(pieces);
new WebAssembly.Module(rewritten); // still a valid module
writeFileSync(wasmPath, rewritten);
writeFileSync(gluePath, glue);
for (const [file, edit] of Object.entries(declarations)) writeFileSync(join(out, file), edit);
console.log(`short-names: ${renamed} imports and ${exported} exports renamed`);
