// Accessibility: no serious or critical axe-core violation, and a purchase done with
// the keyboard alone. Screenshots at 320 px and desktop.
import { test } from "node:test";
import assert from "node:assert/strict";
import { PRODUCTS, screenshot, seriousViolations, useSandbox } from "./harness.js";
import { CheckoutPage } from "./checkout_page.js";

let sandbox, browser;
useSandbox((s, b) => ([sandbox, browser] = [s, b]));

test("axe-core finds no serious or critical violation", async () => {
  const c = await CheckoutPage.open(browser, sandbox, { products: [PRODUCTS.PRO, PRODUCTS.TEAM], buyer_country: "US" });
  c.page.expectErrors(/status of 422/); // the invalid email below
  assert.deepEqual(await seriousViolations(c.page), []);
  // With the business fields, a discount and the seat-based plan with custom fields.
  await c.testId("business").check();
  await c.testId(`plan-5a1d0000-0000-4000-8000-000000000204`).check();
  await c.field("customer_email").fill("nope");
  await c.field("customer_email").blur();
  await c.testId("error-customer_email").filter({ hasText: "email" }).waitFor();
  assert.deepEqual(await seriousViolations(c.page), []);
  await c.page.setViewportSize({ width: 320, height: 800 });
  await screenshot(c.page, "a11y-320");
  // The scan does find problems: an unlabelled input is reported.
  await c.page.evaluate(() =>
    document.querySelector("#checkout").shadowRoot.querySelector(".kassa-form").append(Object.assign(document.createElement("input"), { type: "text" })),
  );
  assert.ok((await seriousViolations(c.page)).some((v) => v.startsWith("label")));
});

test("a purchase with the keyboard alone", async () => {
  const c = await CheckoutPage.open(browser, sandbox, { products: [PRODUCTS.PRO] });
  const focused = () =>
    c.page.evaluate(() => {
      let el = document.activeElement;
      while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
      return el?.id || el?.dataset?.testid || "";
    });
  const tabTo = async (target) => {
    for (let i = 0; i < 60; i++) {
      await c.page.keyboard.press("Tab");
      if ((await focused()) === target) return;
    }
    throw new Error(`never reached ${target}`);
  };
  await tabTo("kassa-plan-5a1d0000-0000-4000-8000-000000000201");
  await c.page.keyboard.press("ArrowDown"); // to the yearly plan
  await tabTo("kassa-customer_email");
  await c.page.keyboard.type("ada@example.com");
  await tabTo("kassa-customer_billing_address-country");
  await c.page.keyboard.type("Germany");
  await c.page.keyboard.press("Enter");
  // The card form, in the host's light DOM behind the checkout's slot, sits in the tab
  // order where the checkout shows it.
  await tabTo("number");
  await c.page.keyboard.type("4242424242424242");
  await c.page.keyboard.press("Tab");
  assert.equal(await focused(), "exp");
  await c.page.keyboard.type("12 / 34");
  await c.page.keyboard.press("Tab");
  assert.equal(await focused(), "cvc");
  await c.page.keyboard.type("123");
  await tabTo("pay");
  await c.settled();
  const focusStyle = await c.page.evaluate(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return getComputedStyle(el).outlineStyle;
  });
  assert.notEqual(focusStyle, "none", "focus is visible");
  await c.page.keyboard.press("Enter");
  await c.page.locator("[data-phase=succeeded]").waitFor({ timeout: 10000 });
  const s = await c.server();
  assert.equal(s.product_price_id, "5a1d0000-0000-4000-8000-000000000202");
  assert.equal(s.customer_billing_address.country, "DE");
});
