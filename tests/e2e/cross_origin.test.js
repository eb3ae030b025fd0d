// The script tag from a CDN: a merchant's page on one origin includes `kassa.js` from
// another (here the sandbox's, which serves `/pkg/` as a CDN would, with CORS), under
// the Content Security Policy the README documents for that case.
import { test, after, before } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { newPage, PRICES, PRODUCTS, screenshot, useSandbox } from "./harness.js";

let sandbox, browser, shop;
useSandbox((s, b) => ([sandbox, browser] = [s, b]));

/** The merchant's own server: one page, on its own origin, with its own CSP. */
before(async () => {
  shop = createServer((req, res) => {
    if (req.url === "/favicon.ico") return res.writeHead(204).end(); // the browser asks for it
    const { html, csp } = shop.pages.get(req.url) ?? {};
    if (!html) return res.writeHead(404).end();
    res.writeHead(200, { "content-type": "text/html; charset=utf-8", "content-security-policy": csp });
    res.end(html);
  });
  shop.pages = new Map();
  await new Promise((r) => shop.listen(0, "127.0.0.1", r));
  shop.url = `http://127.0.0.1:${shop.address().port}`;
});
after(() => new Promise((r) => shop.close(r)));

/** The README's policy for Kassa served from a CDN (`cdn`) talking to a provider (`api`). */
const policy = (cdn, api) =>
  `default-src 'none'; script-src 'self' ${cdn} 'wasm-unsafe-eval'; style-src 'self'; connect-src ${cdn} ${api}; img-src 'self'`;

test("the script tag loads from another origin under the documented CSP, and the checkout saves", async () => {
  const session = await sandbox.createSession({ products: [PRODUCTS.PRO] });
  assert.notEqual(new URL(shop.url).origin, new URL(sandbox.url).origin);
  shop.pages.set("/checkout", {
    csp: policy(sandbox.url, sandbox.url),
    html: `<!doctype html><meta charset="utf-8"><title>Shop</title><h1>Shop</h1><div id="checkout"></div>
      <script src="${sandbox.url}/pkg/kassa.js" data-client-secret="${session.client_secret}"
              data-api-base="${sandbox.url}" data-target="#checkout" data-locale="en-US"></script>`,
  });
  const page = await newPage(browser);
  const violations = [];
  page.on("console", (m) => /Content Security Policy/.test(m.text()) && violations.push(m.text()));
  await page.goto(`${shop.url}/checkout`);
  const checkout = page.locator("#checkout");
  await checkout.getByTestId("form").waitFor();
  assert.equal((await checkout.getByTestId("product-name").textContent()).trim(), "Kassa Pro");
  await checkout.getByTestId(`plan-${PRICES.PRO_YEARLY}`).check();
  await checkout.getByTestId("subtotal").filter({ hasText: "$190.00" }).waitFor();
  assert.equal((await sandbox.getSession(session.client_secret)).body.product_price_id, PRICES.PRO_YEARLY);
  assert.deepEqual(violations, []);
  await screenshot(page, "cross-origin-script-tag");
});

test("a buyer outside English: the language's sentences come from the CDN too, under the same policy", async () => {
  const session = await sandbox.createSession({ products: [PRODUCTS.PRO] });
  shop.pages.set("/kasse", {
    csp: policy(sandbox.url, sandbox.url),
    html: `<!doctype html><meta charset="utf-8"><div id="checkout"></div>
      <script src="${sandbox.url}/pkg/kassa.js" data-client-secret="${session.client_secret}"
              data-api-base="${sandbox.url}" data-target="#checkout" data-locale="de-DE"></script>`,
  });
  const page = await newPage(browser);
  const violations = [];
  page.on("console", (m) => /Content Security Policy|could not load/.test(m.text()) && violations.push(m.text()));
  await page.goto(`${shop.url}/kasse`);
  await page.locator("#checkout").getByTestId("form").waitFor();
  assert.equal(await page.locator("#checkout .kassa-total-due dt").textContent(), "Heute fällig");
  assert.deepEqual(violations, []);
});

test("a policy that leaves the CDN out of connect-src: the element explains, nothing throws", async () => {
  // The wasm is fetched, so the CDN belongs in connect-src as well as script-src.
  const session = await sandbox.createSession({ products: [PRODUCTS.PRO] });
  shop.pages.set("/blocked", {
    csp: policy(sandbox.url, sandbox.url).replace(`connect-src ${sandbox.url} ${sandbox.url}`, `connect-src ${sandbox.url}/v1/`),
    html: `<!doctype html><meta charset="utf-8"><div id="checkout"></div>
      <script src="${sandbox.url}/pkg/kassa.js" data-client-secret="${session.client_secret}"
              data-api-base="${sandbox.url}" data-target="#checkout"></script>`,
  });
  const page = await newPage(browser);
  page.expectErrors(/Content Security Policy|Kassa:|Failed to fetch/);
  await page.goto(`${shop.url}/blocked`);
  await page.locator("#checkout [role=alert]").waitFor();
  assert.match(await page.locator("#checkout [role=alert]").textContent(), /could not load/);
});
