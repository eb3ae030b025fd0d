// Content Security Policy: the demo works on a page served with
//   script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self'
// (no inline script or style, no eval); without 'wasm-unsafe-eval' the element says why
// it cannot load and fires kassa:error.
import { test } from "node:test";
import assert from "node:assert/strict";
import { newPage, PRODUCTS, screenshot, useSandbox } from "./harness.js";

let sandbox, browser;
useSandbox((s, b) => ([sandbox, browser] = [s, b]));

export const STRICT = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self'; img-src 'self'";

/** Opens the demo page with `policy` as its CSP header; collects violations. */
async function openDemo(policy, query) {
  const page = await newPage(browser);
  const violations = [];
  page.on("console", (m) => { if (/Content Security Policy/.test(m.text())) violations.push(m.text()); });
  await page.route(`${sandbox.url}/?*`, async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, headers: { ...response.headers(), "content-security-policy": policy } });
  });
  await page.goto(`${sandbox.url}/?${query}`);
  return { page, violations };
}

test("the demo works under the strict policy", async () => {
  const session = await sandbox.createSession({ products: [PRODUCTS.TEAM], buyer_country: "DE" });
  const { page, violations } = await openDemo(STRICT, `client_secret=${session.client_secret}&locale=en-US`);
  await page.getByTestId("form").waitFor();
  await page.getByTestId("seats-increase").click();
  await page.getByTestId("subtotal").filter({ hasText: "36.00" }).waitFor();
  assert.match((await page.getByTestId("total").textContent()).trim(), /^\$42\.84 \(≈\u00a0€/);
  const styled = await page.getByTestId("pay").evaluate((b) => getComputedStyle(b).backgroundColor);
  assert.notEqual(styled, "rgba(0, 0, 0, 0)", "the adopted stylesheet applies under style-src 'self'");
  assert.deepEqual(violations, []);
  await screenshot(page, "csp-strict");
});

test("without 'wasm-unsafe-eval' the element explains and fires kassa:error", async () => {
  const session = await sandbox.createSession({ products: [PRODUCTS.PRO] });
  const policy = STRICT.replace(" 'wasm-unsafe-eval'", "");
  const page = await newPage(browser);
  page.expectErrors(/Kassa: CompileError/); // the loader reports the refused compile
  await page.route(`${sandbox.url}/csp-page`, (route) =>
    route.fulfill({
      contentType: "text/html",
      headers: { "content-security-policy": policy },
      body: `<!doctype html><div id="box" data-kassa-checkout data-client-secret="${session.client_secret}" data-api-base="${sandbox.url}"></div>
        <script src="/pkg/kassa.js"></script><script src="/www/test-listen.js"></script>`,
    }));
  await page.goto(`${sandbox.url}/csp-page`);
  const note = page.locator("#box [role=alert]");
  await note.waitFor();
  assert.match(await note.textContent(), /Content Security Policy.*'wasm-unsafe-eval'/);
  const errors = await page.evaluate(() => window.kassaErrors);
  assert.deepEqual(errors.map((e) => e.code), ["wasm_blocked"]);
});
