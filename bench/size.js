// Transfer size of everything Kassa's first render needs (the script-tag loader, the JS
// API, the wasm-bindgen glue, the chunk loader and the main wasm), raw, gzip -9 and
// brotli (quality 11). The chunks the checkout fetches once it is interactive
// (pkg/split_*.wasm, see src/ui/chunks.rs) are not part of it; `--parts` prints them apart.
// `node bench/size.js --check` fails if the brotli total exceeds bench/size-budget.txt.
// Raise the budget only deliberately, in a commit that says why. `--parts` also prints
// the first render by part, the wasm by area (a named rebuild of the release wasm; needs
// wasm-bindgen on PATH and binaryen in node_modules, as the build does).
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { readLeb as leb, skipImportDescriptor } from "../scripts/wasm-binary.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
export const FIRST_RENDER = ["kassa.js", "index.js", "kassa_wasm.js", "__wasm_split.js", "kassa_wasm_bg.wasm"];

/** The files of FIRST_RENDER a build in `dir` loads: since the API module holds the glue
 * and the chunk loader, kassa_wasm.js and __wasm_split.js only where index.js imports them
 * (an older build, as an A/B's B may be). */
export function firstRenderFiles(dir) {
  const separate = readFileSync(join(dir, "index.js"), "utf8").includes('"./kassa_wasm.js"');
  return FIRST_RENDER.filter((f) => separate || !["kassa_wasm.js", "__wasm_split.js"].includes(f));
}

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
  const dir = join(ROOT, "pkg");
  return sizes(firstRenderFiles(dir).map((f) => readFileSync(join(dir, f))));
}

/**
 * The subscription screen's first render (its own entry: the script-tag loader, the
 * module with its glue, its wasm), none of which the checkout loads.
 */
export const SUBSCRIPTION_FILES = ["kassa-subscription.js", "subscription.js", "kassa_portal_bg.wasm"];

export function subscriptionSizes() {
  const dir = join(ROOT, "pkg");
  return sizes(SUBSCRIPTION_FILES.map((f) => readFileSync(join(dir, f))));
}

/** Names of the subscription screen's files the checkout's first render refers to (none, or its weight leaks in). */
export function subscriptionLeaks() {
  const dir = join(ROOT, "pkg");
  return firstRenderFiles(dir)
    .filter((f) => f.endsWith(".js"))
    .filter((f) => /kassa_portal|subscription\.js|mountSubscription/.test(readFileSync(join(dir, f), "utf8")));
}

/** The stylesheet as the release wasm carries it: build.rs's minified copy, newest first. */
function builtStylesheet() {
  const build = join(ROOT, "target", "wasm32-unknown-unknown", "release", "build");
  const copies = readdirSync(build)
    .filter((d) => d.startsWith("kassa-"))
    .map((d) => join(build, d, "out", "kassa.css"))
    .filter((f) => existsSync(f))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  if (!copies.length) throw new Error("no minified stylesheet: run scripts/build.sh first");
  return readFileSync(copies[0]);
}

/**
 * The function bodies of a wasm with a name section, as `{ name, bytes }`, and the bytes
 * of its data segments. Enough of the binary format for a size report, no more.
 */
export function wasmFunctions(wasm) {
  let at = 8, imported = 0;
  const bodies = [], names = new Map();
  let data = 0;
  while (at < wasm.length) {
    const id = wasm[at];
    const [size, start] = leb(wasm, at + 1);
    const end = start + size;
    if (id === 2) {
      let [count, p] = leb(wasm, start);
      for (let i = 0; i < count; i++) {
        let len;
        [len, p] = leb(wasm, p); p += len; // module
        [len, p] = leb(wasm, p); p += len; // field
        if (wasm[p] === 0) imported++; // a function
        p = skipImportDescriptor(wasm, p);
      }
    } else if (id === 10) {
      let [count, p] = leb(wasm, start);
      for (let i = 0; i < count; i++) {
        const [len, body] = leb(wasm, p);
        bodies.push({ index: imported + i, bytes: wasm.subarray(p, body + len) });
        p = body + len;
      }
    } else if (id === 11) {
      data += size;
    } else if (id === 0) {
      const [len, p] = leb(wasm, start);
      if (Buffer.from(wasm.subarray(p, p + len)).toString() === "name") {
        let q = p + len;
        while (q < end) {
          const sub = wasm[q];
          const [subSize, subStart] = leb(wasm, q + 1);
          if (sub === 1) {
            let [count, r] = leb(wasm, subStart);
            for (let i = 0; i < count; i++) {
              let index, nameLen;
              [index, r] = leb(wasm, r);
              [nameLen, r] = leb(wasm, r);
              names.set(index, Buffer.from(wasm.subarray(r, r + nameLen)).toString());
              r += nameLen;
            }
          }
          q = subStart + subSize;
        }
      }
    }
    at = end;
  }
  return { functions: bodies.map((b) => ({ name: names.get(b.index) ?? "", bytes: b.bytes })), data };
}

/**
 * Top-level areas of the wasm, by the symbol names of its functions (mangled names hold
 * their crates' paths). The first that matches wins; generic code instantiated for a
 * view is named after the framework that defines it, so "view" includes Leptos's part.
 */
export const AREAS = [
  ["serde (wire types in and out)", /serde/],
  ["view (reactive_graph; kassa::dom, ui, computed, state)", /tachys|reactive_graph|leptos|any_spawner|kassa::ui|kassa::dom|kassa::computed|kassa::state|or_poisoned|guardian/],
  ["logic (kassa-core: money, model, queue, rules)", /kassa_core/],
  ["browser layer (kassa: api, embed, intl, payment)", /kassa/],
  ["bindings (wasm-bindgen, js-sys, web-sys, gloo)", /wasm_bindgen|js_sys|web_sys|gloo|wasm_streams|futures|send_wrapper/],
  ["runtime (std, core, alloc, allocator, fmt, panics)", /dlmalloc|hashbrown|alloc|core|std|fmt|panic|memcpy|memset|memmove|memcmp/],
  ["other (unnamed, closures)", /.*/],
];

/**
 * The release main wasm again (the splitter's output), through wasm-bindgen and the same wasm-opt flags (Cargo.toml's) but keeping
 * function names, split by area. Brotli per area is the area's bodies compressed alone,
 * scaled so the areas and the data add up to the real wasm's brotli bytes: shares, not
 * exact bytes (brotli's context crosses areas).
 */
function wasmByArea(realBrotli) {
  const input = join(ROOT, "target/split/pkg/main.wasm");
  const dir = mkdtempSync(join(tmpdir(), "kassa-size-"));
  try {
    // The project's binaryen first, as the build uses it (the system's may be too old).
    const env = { ...process.env, PATH: `${join(ROOT, "node_modules", ".bin")}:${process.env.PATH}` };
    execFileSync("wasm-bindgen", ["--target", "web", "--keep-debug", "--keep-lld-exports", "--out-dir", dir, "--out-name", "k", input], { env });
    execFileSync("wasm-opt", [join(dir, "k_bg.wasm"), ...wasmOptFlags(), "--debuginfo", "-o", join(dir, "named.wasm")], { env });
    const { functions, data } = wasmFunctions(readFileSync(join(dir, "named.wasm")));
    const areas = AREAS.map(([label, pattern]) => ({ label, pattern, raw: 0, parts: [] }));
    for (const f of functions) {
      const area = areas.find((a) => a.pattern.test(f.name));
      area.raw += f.bytes.length;
      area.parts.push(f.bytes);
    }
    const dataArea = { label: "data (strings, stylesheet, ISO tables, panic locations)", raw: data, parts: [] };
    const named = readFileSync(join(dir, "named.wasm"));
    dataArea.alone = brotli(dataSection(named));
    for (const a of areas) a.alone = brotli(Buffer.concat(a.parts));
    const all = [...areas, dataArea];
    const sum = all.reduce((s, a) => s + a.alone, 0);
    for (const a of all) a.brotli = Math.round((a.alone / sum) * realBrotli);
    return all.filter((a) => a.raw > 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The wasm-opt flags wasm-pack uses, as Cargo.toml's `[package.metadata.wasm-pack…]` lists them. */
function wasmOptFlags() {
  const line = readFileSync(join(ROOT, "Cargo.toml"), "utf8").match(/^wasm-opt = (\[.*\])$/m);
  if (!line) throw new Error("Cargo.toml names no wasm-opt flags");
  return JSON.parse(line[1]);
}

/** The bytes of the data section of `wasm`. */
function dataSection(wasm) {
  let at = 8;
  while (at < wasm.length) {
    const [size, start] = leb(wasm, at + 1);
    if (wasm[at] === 11) return wasm.subarray(start, start + size);
    at = start + size;
  }
  return Buffer.alloc(0);
}

const brotli = (b) => brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

/** Prints the first render by part: files, the wasm by area, the stylesheet, language data. */
function printParts() {
  const loaded = firstRenderFiles(join(ROOT, "pkg"));
  const files = [
    ["loader (kassa.js)", "kassa.js"],
    [loaded.includes("kassa_wasm.js") ? "JS API (index.js)" : "JS API, wasm-bindgen glue, chunk loader (index.js)", "index.js"],
    ["wasm-bindgen glue (kassa_wasm.js)", "kassa_wasm.js"],
    ["chunk loader (__wasm_split.js)", "__wasm_split.js"],
    ["wasm (kassa_wasm_bg.wasm)", "kassa_wasm_bg.wasm"],
  ].filter(([, f]) => loaded.includes(f)).map(([label, f]) => {
    const b = readFileSync(join(ROOT, "pkg", f));
    return { label, raw: b.length, brotli: brotli(b) };
  });
  const line = (label, raw, br, indent = "") => console.log(`${(indent + label).padEnd(62)} ${String(raw).padStart(8)} B ${String(br).padStart(8)} B`);
  console.log(`${"first render, by part".padEnd(62)} ${"raw".padStart(10)} ${"brotli".padStart(10)}`);
  for (const f of files) {
    line(f.label, f.raw, f.brotli);
    if (f.label.startsWith("wasm ")) {
      for (const a of wasmByArea(f.brotli)) line(a.label, a.raw, `~${a.brotli}`, "  ");
    }
  }
  const css = builtStylesheet();
  line("  of the wasm's data: the stylesheet (www/kassa.css, minified)", css.length, brotli(css));
  const tables = readdirSync(join(ROOT, "pkg", "lang")).map((f) => ({ f, b: readFileSync(join(ROOT, "pkg", "lang", f)) }));
  const br = tables.map((t) => brotli(t.b));
  console.log(`language data, beside the first render for a buyer outside English (one of ${tables.length} tables, fetched in parallel with the wasm): ${Math.min(...br)}–${Math.max(...br)} B brotli`);
  console.log("not part of the first render, fetched once the checkout is interactive:");
  for (const f of readdirSync(join(ROOT, "pkg")).filter((f) => /^split_.*\.wasm$/.test(f)).sort()) {
    const b = readFileSync(join(ROOT, "pkg", f));
    line(`chunk ${f}`, b.length, brotli(b), "  ");
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const s = kassaSizes();
  const budget = Number(readFileSync(join(ROOT, "bench", "size-budget.txt"), "utf8").trim());
  console.log(`kassa first render: ${s.raw} B raw, ${s.gzip} B gzip, ${s.brotli} B brotli (budget ${budget} B brotli)`);
  const sub = subscriptionSizes();
  console.log(`subscription screen first render (its own entry): ${sub.raw} B raw, ${sub.gzip} B gzip, ${sub.brotli} B brotli`);
  if (process.argv.includes("--check") && s.brotli > budget) {
    console.error(`size budget exceeded by ${s.brotli - budget} B: shrink the widget, or raise bench/size-budget.txt in a commit that says why`);
    process.exit(1);
  }
  const leaks = subscriptionLeaks();
  if (process.argv.includes("--check") && leaks.length) {
    console.error(`the checkout's first render refers to the subscription screen: ${leaks.join(", ")}`);
    process.exit(1);
  }
  if (process.argv.includes("--parts")) printParts();
}
