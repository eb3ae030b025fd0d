// The npm package, as a merchant's build uses it: `npm pack` the built pkg/, install
// the tarball into a fresh Vite 7 app in a temp folder, `vite build`, serve the result
// and render a sandbox checkout in Chromium. Also: importing it in Node touches no
// `window` and throws nothing.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createServer } from "node:http";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { extname, join } from "node:path";
import { launchBrowser, newPage, PRODUCTS, ROOT, screenshot, startSandbox, until } from "./harness.js";

/** The Vite the test app builds with: the version line the README promises. */
const VITE = "7";

let sandbox, browser, dir;
before(async () => {
  sandbox = await startSandbox();
  browser = await launchBrowser();
  dir = mkdtempSync(join(tmpdir(), "kassa-vite-"));
});
after(async () => {
  await browser?.close();
  await sandbox?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const run = (cmd, args, cwd) => execFileSync(cmd, args, { cwd, stdio: ["ignore", "pipe", "pipe"], encoding: "utf8" });

test("importing the package in Node touches no window and throws nothing", async () => {
  const out = run(process.execPath, ["--input-type=module", "-e",
    `const m = await import(${JSON.stringify(join(ROOT, "pkg", "index.js"))}); m.defineElement(); console.log(Object.keys(m).sort().join(","), typeof window);`], ROOT);
  assert.equal(out.trim(), "defineElement,init,mount,sessionUrl undefined");
});

test("the package ships none of wasm-streams' stream classes (scripts/drop-exports.mjs)", () => {
  const wasm = new WebAssembly.Module(readFileSync(join(ROOT, "pkg", "kassa_wasm_bg.wasm")));
  const exports = WebAssembly.Module.exports(wasm).map((e) => e.name);
  // Kassa's own exports stay (under the short names scripts/short-names.mjs gives them,
  // which the glue calls them by).
  assert.ok(exports.length > 10, `${exports}`);
  const glue = readFileSync(join(ROOT, "pkg", "kassa_wasm.js"), "utf8");
  for (const name of ["mount", "registerTexts", "sessionUrl"]) assert.match(glue, new RegExp(`export function ${name}\\(`), name);
  assert.deepEqual(exports.filter((name) => /intounderlying/i.test(name)), []);
  // index.js carries its own copy of the glue (scripts/build.sh bundles it).
  for (const file of ["kassa_wasm.js", "kassa_wasm.d.ts", "index.js"]) {
    assert.doesNotMatch(readFileSync(join(ROOT, "pkg", file), "utf8"), /IntoUnderlying|intounderlying/, file);
  }
});

test("npm pack → Vite 7 app → vite build → renders a sandbox checkout", { timeout: 240_000 }, async () => {
  const packed = run("npm", ["pack", "--json", "--pack-destination", dir], join(ROOT, "pkg"));
  const [{ filename, files }] = JSON.parse(packed);
  const names = files.map((f) => f.path).sort();
  for (const required of ["index.js", "index.d.ts", "kassa.js", "kassa_wasm.js", "kassa_wasm_bg.wasm", "__wasm_split.js", "split_after.wasm", "lang/de.json", "package.json", "subscription.js", "subscription.d.ts", "kassa-subscription.js", "kassa_portal_bg.wasm"]) {
    assert.ok(names.includes(required), `${required} is in the package: ${names}`);
  }
  const app = join(dir, "app");
  run("mkdir", ["-p", app], dir);
  writeFileSync(join(app, "package.json"), JSON.stringify({
    name: "kassa-vite-check", private: true, type: "module",
    dependencies: { kassa: `file:${join(dir, filename)}` },
    devDependencies: { vite: VITE, typescript: "5" },
  }));
  writeFileSync(join(app, "index.html"), `<!doctype html><html><head><meta charset="utf-8"><title>Shop</title></head>
    <body><h1>My shop</h1><div id="checkout"></div><script type="module" src="/main.js"></script></body></html>`);
  writeFileSync(join(app, "main.js"), `import { mount } from "kassa";
    const q = new URLSearchParams(location.search);
    if (q.get("token")) {
      // The subscription screen, imported only where it is used: its own chunk and wasm.
      import("kassa/subscription").then(({ mountSubscription }) =>
        mountSubscription(document.getElementById("checkout"), { customerSessionToken: q.get("token"), subscriptionId: q.get("sub"), apiBase: q.get("api"), locale: q.get("locale") }));
    } else {
      mount(document.getElementById("checkout"), { clientSecret: q.get("secret"), apiBase: q.get("api"), locale: q.get("locale") });
    }`);
  writeFileSync(join(app, "check.ts"), `import { mount, type CheckoutPublic, type KassaOptions } from "kassa";
    const options: KassaOptions = { clientSecret: "polar_c_x", theme: "dark", locale: "de-DE" };
    const el = document.createElement("kassa-checkout");
    el.addEventListener("kassa:change", (e) => { const s: CheckoutPublic = e.detail; const n: number = s.total_amount; console.log(n, s.seats ?? 0); });
    el.addEventListener("kassa:error", (e) => console.log(e.detail.code, e.detail.message));
    mount(el, options).then((h) => { h.update({ theme: "light" }); h.destroy(); });
    import { mountSubscription, type KassaSubscriptionOptions } from "kassa/subscription";
    const sub: KassaSubscriptionOptions = { customerSessionToken: "polar_cst_x", subscriptionId: "s", theme: "auto" };
    el.addEventListener("kassa:subscription-change", (e) => { const action: string = e.detail.action; if (action === "cancel") e.preventDefault(); });
    mountSubscription(el, sub).then((h) => h.destroy());`);
  run("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error"], app);
  // The published types describe options, events and the session, strictly.
  run("npx", ["tsc", "--noEmit", "--strict", "--lib", "esnext,dom", "--module", "nodenext", "--moduleResolution", "nodenext", "--target", "es2022", "check.ts"], app);
  run("npx", ["vite", "build"], app);
  const dist = join(app, "dist");
  assert.equal(readdirSync(join(dist, "assets")).filter((f) => f.endsWith(".wasm")).length, 3, "Vite emitted the wasm, its chunk and the subscription screen's");

  const types = { ".html": "text/html", ".js": "text/javascript", ".wasm": "application/wasm", ".css": "text/css" };
  const server = createServer((req, res) => {
    if (req.url === "/favicon.ico") return res.writeHead(204).end(); // the browser asks for it
    const path = join(dist, new URL(req.url, "http://x").pathname.replace(/\/$/, "/index.html"));
    if (!path.startsWith(dist) || !existsSync(path)) return res.writeHead(404).end();
    res.writeHead(200, { "content-type": types[extname(path)] ?? "application/octet-stream" }).end(readFileSync(path));
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  try {
    const session = await sandbox.createSession({ products: [PRODUCTS.PRO] });
    const page = await newPage(browser);
    page.loadedUrls = [];
    page.on("request", (r) => page.loadedUrls.push(r.url()));
    const origin = `http://127.0.0.1:${server.address().port}`;
    await page.goto(`${origin}/?secret=${session.client_secret}&api=${encodeURIComponent(sandbox.url)}&locale=en-US`);
    await page.getByTestId("product-name").waitFor();
    assert.equal((await page.getByTestId("product-name").textContent()).trim(), "Kassa Pro");
    assert.equal((await page.getByTestId("total").textContent()).trim(), "$19.00");
    await screenshot(page, "vite-app");
    assert.ok(!page.loadedUrls?.some((u) => /portal/.test(u)), "the checkout loads none of the subscription screen");
    // The chunk loads from where Vite put it: an edit, whose body the chunk writes, is saved.
    await page.locator("#kassa-customer_name").fill("Ada");
    await page.locator("#kassa-customer_name").blur();
    await until(async () => (await sandbox.getSession(session.client_secret)).body.customer_name === "Ada");
    assert.deepEqual(page.errors, []);
    // The language tables survive the bundler: Vite emits them and the app finds them.
    const german = await newPage(browser);
    await german.goto(`${origin}/?secret=${session.client_secret}&api=${encodeURIComponent(sandbox.url)}&locale=de-DE`);
    await german.getByTestId("form").waitFor();
    assert.equal(await german.locator(".kassa-total-due dt").textContent(), "Heute fällig");
    // The subscription screen from the same package, through the app's own bundle.
    const made = await sandbox.seedSubscription({ customer_email: `vite-${Date.now()}@example.com`, product_id: PRODUCTS.TEAM, seats: 2 });
    const subscription = await newPage(browser);
    await subscription.goto(`${origin}/?token=${made.customer_session.token}&sub=${made.subscription.id}&api=${encodeURIComponent(sandbox.url)}&locale=en-US`);
    await subscription.getByTestId("sub-product").waitFor();
    assert.equal(await subscription.getByTestId("sub-product").innerText(), "Kassa Team");
  } finally {
    server.close();
  }
});
