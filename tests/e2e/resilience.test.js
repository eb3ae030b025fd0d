// The network misbehaves: slow answers lose no typed character, failed requests are
// retried (honouring Retry-After) without dropping edits, an expired session shows its
// closing screen, and merchant text is never run as HTML.
import { test } from "node:test";
import assert from "node:assert/strict";
import { newPage, PRODUCTS, screenshot, useSandbox } from "./harness.js";
import { CheckoutPage } from "./checkout_page.js";

let sandbox, browser;
useSandbox((s, b) => ([sandbox, browser] = [s, b]));

test("with injected latency no typed character is lost", async () => {
  const c = await CheckoutPage.open(browser, sandbox, { products: [PRODUCTS.PRO] });
  await sandbox.fault(c.secret, { fault: "slow", delay_ms: 700, count: 10 });
  const name = "Ada Augusta King, Countess of Lovelace";
  await c.field("customer_name").pressSequentially(name, { delay: 45 });
  assert.equal(await c.field("customer_name").inputValue(), name, "every keystroke stays on screen");
  await c.field("customer_name").blur();
  await c.settled();
  assert.equal(await c.field("customer_name").inputValue(), name);
  assert.equal((await c.server()).customer_name, name);
  assert.ok(c.patches.length < name.length / 3, `${c.patches.length} PATCHes for ${name.length} keystrokes`);
});

test("server errors are retried and the edit lands", async () => {
  const c = await CheckoutPage.open(browser, sandbox, { products: [PRODUCTS.TEAM] });
  c.page.expectErrors(/status of 500/); // the injected failures
  await sandbox.fault(c.secret, { fault: "server_error", count: 2 });
  await c.testId("seats-increase").click();
  await c.testId("sync-status").filter({ hasText: "retrying" }).waitFor();
  await c.settled();
  assert.equal((await c.server()).seats, 3);
  assert.equal(await c.text("total"), "$36.00");
  assert.equal(c.patches.length, 3, "two failures, one success");
});

test("a 429 waits for Retry-After", async () => {
  const c = await CheckoutPage.open(browser, sandbox, { products: [PRODUCTS.TEAM] });
  c.page.expectErrors(/status of 429/); // the injected limit
  await sandbox.fault(c.secret, { fault: "rate_limited", retry_after: 2 });
  await c.testId("seats-increase").click();
  await c.settled();
  assert.equal(c.patches.length, 2);
  const gap = c.patches[1].at - c.patches[0].at;
  assert.ok(gap >= 1900, `retried after ${gap} ms`);
  assert.equal((await c.server()).seats, 3);
});

test("after repeated failures a retry control appears and keeps the edit", async () => {
  const c = await CheckoutPage.open(browser, sandbox, { products: [PRODUCTS.TEAM] });
  await sandbox.fault(c.secret, { fault: "malformed", count: 5 });
  await c.testId("seats-increase").click();
  await c.testId("retry").waitFor({ timeout: 20000 });
  assert.match(await c.text("sync-status"), /could not be saved/);
  assert.equal(await c.testId("seats-input").inputValue(), "3", "the edit is still on screen");
  await screenshot(c.page, "stalled");
  await c.testId("retry").click();
  await c.settled();
  assert.equal((await c.server()).seats, 3);
});

test("an expired session shows its closing screen", async () => {
  const c = await CheckoutPage.open(browser, sandbox, { products: [PRODUCTS.PRO] });
  c.page.expectErrors(/status of 410/); // the expired session
  await sandbox.fault(c.secret, { fault: "expire" });
  await c.field("customer_name").fill("Ada");
  await c.field("customer_name").blur();
  const screen = c.testId("screen");
  await screen.waitFor();
  assert.equal(await screen.getAttribute("data-phase"), "expired");
  assert.match(await screen.textContent(), /Checkout expired/);
  await screenshot(c.page, "expired");
  // Opening it afresh says the same.
  const page = await newPage(browser);
  page.expectErrors(/status of 410/);
  await page.goto(`${sandbox.url}/?client_secret=${c.secret}`);
  await page.getByTestId("kassa-error").waitFor();
  assert.equal(await page.getByTestId("kassa-error").getAttribute("data-code"), "expired");
});

test("merchant strings are text, never HTML", async () => {
  const session = await sandbox.createSession({ products: [PRODUCTS.PRO] });
  const page = await newPage(browser);
  let dialogs = 0;
  page.on("dialog", (d) => { dialogs++; d.dismiss(); });
  const evil = "<img src=x onerror=alert(1)>";
  await page.route("**/v1/checkouts/client/**", async (route) => {
    const response = await route.fetch();
    const body = await response.json();
    body.product.name = evil;
    body.product.description = `<script>alert(2)</script>`;
    body.product.benefits[0].description = evil;
    body.products[0].name = evil;
    body.organization.name = evil;
    await route.fulfill({ response, json: body });
  });
  await page.goto(`${sandbox.url}/?client_secret=${session.client_secret}`);
  await page.getByTestId("form").waitFor();
  assert.equal((await page.getByTestId("product-name").textContent()).trim(), evil);
  // No element was made of the merchant's text, so no handler of it can ever run.
  assert.equal(await page.locator(".kassa img, .kassa script").count(), 0);
  assert.equal(dialogs, 0);
});
