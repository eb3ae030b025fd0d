// Switching plan and changing seats: the screen answers at once, the totals come back
// from the server, and a burst of clicks is coalesced.
import { test } from "node:test";
import assert from "node:assert/strict";
import { PRICES, PRODUCTS, screenshot, useSandbox } from "./harness.js";
import { CheckoutPage } from "./checkout_page.js";

let sandbox, browser;
useSandbox((s, b) => ([sandbox, browser] = [s, b]));

test("switching to the yearly plan shows the server's totals", async () => {
  const c = await CheckoutPage.open(browser, sandbox, { products: [PRODUCTS.PRO, PRODUCTS.TEAM] });
  assert.equal(await c.text("subtotal"), "$19.00");
  await c.testId(`plan-${PRICES.PRO_YEARLY}`).check();
  await c.settled();
  assert.equal(await c.text("subtotal"), "$190.00");
  assert.equal(await c.text("price"), "$190.00 / year");
  assert.equal((await c.server()).product_price_id, PRICES.PRO_YEARLY);
  assert.deepEqual(c.page.errors, []);
});

test("seats: the stepper answers at once and the total follows from the server", async () => {
  const c = await CheckoutPage.open(browser, sandbox, { products: [PRODUCTS.TEAM] });
  assert.equal(await c.testId("seats-input").inputValue(), "2");
  assert.ok(await c.testId("seats-decrease").isDisabled(), "cannot go below the minimum");
  await c.testId("seats-increase").click();
  assert.equal(await c.testId("seats-input").inputValue(), "3", "optimistic");
  await c.settled();
  assert.equal(await c.text("total"), "$36.00");
  assert.equal((await c.server()).seats, 3);
  // A typed count beyond the maximum is clamped.
  await c.testId("seats-input").fill("75");
  await c.testId("seats-input").blur();
  await c.settled();
  assert.equal(await c.testId("seats-input").inputValue(), "50");
  assert.equal((await c.server()).seats, 50);
  assert.equal(await c.text("total"), "$500.00");
  await screenshot(c.page, "seats");
});

test("twenty seat clicks within a second send at most three PATCHes", async () => {
  const c = await CheckoutPage.open(browser, sandbox, { products: [PRODUCTS.TEAM] });
  // Twenty clicks, 40 ms apart, dispatched in the page so test-runner round trips under
  // load cannot stretch them beyond one second.
  const span = await c.page.evaluate(async () => {
    const button = document.querySelector("#checkout").shadowRoot.querySelector("[data-testid=seats-increase]");
    const started = performance.now();
    for (let i = 0; i < 20; i++) {
      button.click();
      await new Promise((r) => setTimeout(r, 40));
    }
    return performance.now() - started;
  });
  assert.ok(span < 1000, `clicked within a second (${span.toFixed(0)} ms)`);
  await c.settled();
  const screenSeats = Number(await c.testId("seats-input").inputValue());
  assert.equal(screenSeats, 22);
  assert.ok(c.patches.length <= 3, `${c.patches.length} PATCHes: ${JSON.stringify(c.patches.map((p) => p.body))}`);
  assert.equal((await c.server()).seats, screenSeats, "the server ends with the seats on screen");
});
