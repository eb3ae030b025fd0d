// Content Security Policy: the demo works, and pays, on a page served with Kassa's
// directives and Stripe's (no inline script or style, no eval); without
// 'wasm-unsafe-eval' the element says why it cannot load and fires kassa:error.
import { test } from "node:test";
import assert from "node:assert/strict";
import { CARDS, fillCard } from "./checkout_page.js";
import { newPage, PRODUCTS, screenshot, useSandbox } from "./harness.js";

let sandbox, browser;
useSandbox((s, b) => ([sandbox, browser] = [s, b]));

// Kassa's directives plus Stripe's (as the README lists them); the sandbox's stand-in for
// Stripe.js comes from the sandbox, 'self' here.
export const STRICT =
  "default-src 'none'; script-src 'self' 'wasm-unsafe-eval' https://js.stripe.com; style-src 'self'; " +
  "connect-src 'self' https://api.stripe.com; frame-src https://js.stripe.com https://hooks.stripe.com; img-src 'self' https://*.stripe.com";

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
  await screenshot(page, "csp-strict");
  // Paying: the card form loads (the adapter module, the stand-in for Stripe.js), makes
  // a token and the checkout confirms, all within the policy.
  await page.getByTestId("custom-company").fill("Acme");
  await page.getByTestId("custom-team_size").selectOption("1-10");
  await page.getByTestId("custom-terms").check();
  await page.locator("#kassa-customer_email").fill("ada@example.com");
  await page.locator("#kassa-customer_email").blur();
  await fillCard(page, CARDS.SUCCEEDS);
  await page.getByTestId("pay").click();
  await page.locator("[data-phase=succeeded]").waitFor({ timeout: 10000 });
  assert.deepEqual(violations, []);
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
