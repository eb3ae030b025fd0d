// Memory: applied updates must not leave anything behind. Runs the widget built with
// allocation counts (target/kassa-stats/, `bash scripts/build.sh --with-stats`) and
// compares the wasm's live allocations, after a forced garbage collection, between two
// points a few hundred updates apart. A binding that outlives its view (one allocation
// per update, as the totals once had) shows up as hundreds.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { extname, join } from "node:path";
import { liveAllocations, newPage, PRODUCTS, ROOT, useSandbox } from "./harness.js";

let sandbox, browser;
useSandbox((s, b) => ([sandbox, browser] = [s, b]));

const STATS = join(ROOT, "target", "kassa-stats");
const TYPES = { ".js": "text/javascript", ".wasm": "application/wasm" };

async function openCounted() {
  const { client_secret: secret } = await sandbox.createSession({ products: [PRODUCTS.TEAM] });
  const page = await newPage(browser);
  await page.route(`${sandbox.url}/stats/**`, (route) => {
    const file = new URL(route.request().url()).pathname.slice("/stats/".length);
    route.fulfill({ contentType: TYPES[extname(file)], body: readFileSync(join(STATS, file)) });
  });
  const url = `${sandbox.url}/memory-page`;
  await page.route(url, (route) => route.fulfill({ contentType: "text/html", body: `<!doctype html><meta charset="utf-8">
    <div id="c" data-kassa-checkout data-client-secret="${secret}" data-api-base="${sandbox.url}" data-locale="en-US"></div>
    <script src="/stats/kassa.js"></script>` }));
  await page.goto(url);
  await page.locator("#c").getByTestId("seats-input").waitFor();
  const cdp = await page.context().newCDPSession(page);
  page.liveAllocations = () => liveAllocations(page, cdp);
  return page;
}

/** In the page: `n` updates, each a typed seat count sent on blur and shown. */
function updates(page, n) {
  return page.evaluate(async (n) => {
    const scope = document.querySelector("#c").shadowRoot;
    const field = scope.querySelector("[data-testid=seats-input]");
    const total = () => scope.querySelector("[data-testid=total]").textContent;
    for (let i = 0; i < n; i++) {
      const before = total();
      field.value = String((Number(field.value) % 40) + 2);
      field.dispatchEvent(new Event("input", { bubbles: true }));
      field.dispatchEvent(new FocusEvent("blur"));
      await new Promise((done) => {
        const check = () => (total() !== before ? done() : requestAnimationFrame(check));
        check();
      });
    }
  }, n);
}

test("300 applied updates leave no allocation behind", async () => {
  const page = await openCounted();
  await updates(page, 20); // caches and first-use allocations settle
  const before = await page.liveAllocations();
  await updates(page, 300);
  const after = await page.liveAllocations();
  assert.ok(after - before < 30, `live allocations ${before} → ${after} over 300 updates`);
  assert.deepEqual(page.errors, []);
});
