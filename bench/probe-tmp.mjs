import { createServer } from "node:http";
import { readFileSync, existsSync } from "node:fs";
import { join, extname } from "node:path";
import { launchBrowser, PRODUCTS, ROOT, startSandbox } from "../tests/e2e/harness.js";
const sandbox = await startSandbox();
const types = { ".js": "text/javascript", ".wasm": "application/wasm", ".json": "application/json" };
const PKG = process.env.PKG ?? join(ROOT, "pkg");
const server = createServer((req, res) => {
  const url = new URL(req.url, "http://x");
  if (url.pathname === "/") return res.writeHead(200, { "content-type": "text/html" }).end(`<!doctype html><meta charset="utf-8"><div id="c" data-kassa-checkout data-client-secret="${url.searchParams.get("secret")}" data-api-base="${sandbox.url}" data-locale="en-US"></div><script src="/pkg/kassa.js"></script>`);
  const path = join(PKG, url.pathname.replace(/^\/pkg\//, ""));
  if (!existsSync(path)) return res.writeHead(404).end();
  res.writeHead(200, { "content-type": types[extname(path)] ?? "application/octet-stream" }).end(readFileSync(path));
});
await new Promise((r) => server.listen(0, "127.0.0.1", r));
const base = `http://127.0.0.1:${server.address().port}`;
const browser = await launchBrowser();
for (let i = 0; i < 5; i++) {
  const session = await sandbox.createSession({ products: [PRODUCTS.TEAM] });
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript({ content: `(() => { const marks = window.__marks = {}; const tick = () => { const r = document.querySelector("#c")?.shadowRoot; if (r) { if (!marks.form && r.querySelector("[data-testid=seats-increase]")) marks.form = performance.now(); if (!marks.cf && r.querySelector("[data-testid=custom-fields] input")) marks.cf = performance.now(); if (!marks.spin && r.querySelector("[data-testid=part-loading]")) marks.spin = performance.now(); } if (!marks.cf) requestAnimationFrame(tick); }; requestAnimationFrame(tick); })();` });
  await page.goto(`${base}/?secret=${session.client_secret}`);
  await page.waitForFunction(() => window.__marks.cf, null, { timeout: 20000 });
  const t = await page.evaluate(() => ({ marks: window.__marks, res: performance.getEntriesByType("resource").map((e) => [e.name.split("/").pop().slice(0, 30), Math.round(e.startTime), Math.round(e.responseEnd)]) }));
  console.log(JSON.stringify(t));
  await context.close();
}
await browser.close(); server.close(); sandbox.stop?.(); process.exit(0);
