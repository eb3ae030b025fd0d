// Paying: a declined card shows why and can be retried; a card that needs a second
// step waits for it; a free plan and a trial need no charge today.
import { test } from "node:test";
import assert from "node:assert/strict";
import { PRODUCTS, screenshot, useSandbox } from "./harness.js";
import { CheckoutPage } from "./checkout_page.js";

let sandbox, browser;
useSandbox((s, b) => ([sandbox, browser] = [s, b]));

/** A German consumer only gives email and country. */
async function fillMinimum(c) {
  await c.field("customer_email").fill("ada@example.com");
  await c.testId("country").selectOption("DE");
  await c.field("customer_email").blur();
  await c.settled();
}

test("a declined payment shows an error; the buyer retries and succeeds", async () => {
  const c = await CheckoutPage.open(browser, sandbox, { products: [PRODUCTS.PRO] });
  c.page.expectErrors(/status of 400/); // the declined card
  assert.ok(await c.testId("pay").isDisabled(), "required fields are missing");
  assert.match(await c.text("still-needed"), /Email/);
  await fillMinimum(c);
  await c.testId("card-declined").check();
  await c.testId("pay").click();
  await c.testId("notice").filter({ hasText: "declined" }).waitFor();
  assert.equal((await c.server()).status, "open");
  await screenshot(c.page, "declined");
  await c.testId("card-success").check();
  await c.testId("pay").click();
  const screen = c.testId("screen");
  await screen.and(c.page.locator("[data-phase=succeeded]")).waitFor({ timeout: 10000 });
  assert.match(await screen.textContent(), /ada@example\.com/);
  assert.equal((await c.server()).status, "succeeded");
  await screenshot(c.page, "succeeded");
});

test("confirm carries fields still being typed", async () => {
  const c = await CheckoutPage.open(browser, sandbox, { products: [PRODUCTS.PRO] });
  await fillMinimum(c);
  await c.field("customer_name").fill("Grace Hopper"); // no blur, no pause: still pending
  await c.testId("pay").click();
  await c.page.locator("[data-phase=succeeded]").waitFor({ timeout: 10000 });
  assert.equal((await c.server()).customer_name, "Grace Hopper");
});

test("a card that needs authentication waits for the second step", async () => {
  const c = await CheckoutPage.open(browser, sandbox, { products: [PRODUCTS.PRO] });
  c.page.expectErrors(/status of 400/); // the refused second step
  await fillMinimum(c);
  await c.testId("card-auth").check();
  await c.testId("pay").click();
  await c.testId("auth-reject").click();
  await c.testId("notice").filter({ hasText: "authenticated" }).waitFor();
  await c.testId("card-auth").check();
  await c.testId("pay").click();
  await c.testId("auth-approve").click();
  await c.page.locator("[data-phase=succeeded]").waitFor({ timeout: 10000 });
});

test("a free plan is had without a card, and without an address", async () => {
  const c = await CheckoutPage.open(browser, sandbox, { products: [PRODUCTS.COMMUNITY] });
  assert.equal(await c.testId("test-cards").count(), 0);
  assert.ok(await c.testId("billing-address").isHidden(), "Polar asks no address where nothing is paid");
  await c.field("customer_email").fill("ada@example.com");
  await c.field("customer_email").blur();
  await c.settled();
  assert.equal(await c.text("pay"), "Get it free");
  await c.testId("pay").click();
  await c.page.locator("[data-phase=succeeded]").waitFor({ timeout: 10000 });
});

test("a trial costs nothing today and says what follows", async () => {
  const c = await CheckoutPage.open(browser, sandbox, { products: [PRODUCTS.STARTER] });
  await fillMinimum(c);
  assert.equal(await c.text("total"), "$0.00");
  // $9.00 + 19 % German VAT once the trial ends.
  assert.equal(await c.text("after-trial"), "Then $10.71 / month after the trial");
  assert.equal(await c.text("pay"), "Start free trial");
  await screenshot(c.page, "trial");
});
