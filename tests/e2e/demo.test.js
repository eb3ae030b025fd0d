// The demo page as a merchant sees it: every session, the theme toggle, the language
// picker and the live event panel; screenshots in light, dark and Arabic.
import { test } from "node:test";
import assert from "node:assert/strict";
import { CARDS, fillCard } from "./checkout_page.js";
import { newPage, PRODUCTS, screenshot, useSandbox } from "./harness.js";

let sandbox, browser;
useSandbox((s, b) => ([sandbox, browser] = [s, b]));

test("the demo switches session, theme and language and lists events", async () => {
  const page = await newPage(browser, { viewport: { width: 1280, height: 900 } });
  await page.goto(`${sandbox.url}/?theme=light&locale=en-US`);
  await page.getByTestId("form").waitFor();
  await page.locator("[data-testid=demo-events] li[data-event='kassa:ready']").waitFor();
  assert.equal(await page.getByTestId("plans").locator("input").count(), 3, "Pro monthly, Pro yearly, Starter");
  await screenshot(page, "demo-light");

  await page.locator("#demo-controls").getByText("Seats").click();
  await page.getByTestId("seats-input").waitFor();
  assert.equal(await page.getByTestId("seats-input").inputValue(), "5");

  await page.locator("#demo-controls").getByText("Local currency").click();
  await page.getByTestId("currency-note").waitFor();
  assert.match(await page.getByTestId("currency-note").textContent(), /charged in USD.*EUR/);

  await page.locator("#demo-controls").getByText("Free").click();
  await page.getByTestId("pay").filter({ hasText: "Get it free" }).waitFor();

  await page.locator("#demo-theme").selectOption("dark");
  assert.equal(await page.locator("#checkout").getAttribute("data-theme"), "dark");
  await page.locator("#demo-controls").getByText("Plans").click();
  await page.getByTestId("plans").waitFor();
  await screenshot(page, "demo-dark");

  await page.locator("#demo-locale").selectOption("ar-EG");
  await page.locator(".kassa[dir=rtl]").waitFor();
  await screenshot(page, "demo-arabic");
  assert.ok(await page.locator("[data-testid=demo-events] li").count() >= 2);
  assert.deepEqual(page.errors, []);
});

test("after a payment the demo offers the subscription screen, and its scenarios open each status", async () => {
  const session = await sandbox.createSession({ products: [PRODUCTS.PRO], customer_email: `demo-${Date.now()}@example.com`, buyer_country: "DE" });
  const page = await newPage(browser, { viewport: { width: 1280, height: 900 } });
  await page.goto(`${sandbox.url}/?client_secret=${session.client_secret}&locale=en-US`);
  await page.getByTestId("form").waitFor();
  await fillCard(page, CARDS.SUCCEEDS);
  await page.getByTestId("pay").click();
  await page.getByTestId("demo-manage").waitFor({ timeout: 10000 });
  await page.getByTestId("demo-manage").click();
  await page.getByTestId("sub-item").waitFor();
  assert.match(await page.getByTestId("sub-item").innerText(), /Kassa Pro[\s\S]*\$19\.00[\s\S]*Renews on/);
  await page.getByTestId("sub-item").getByRole("button").click();
  await page.getByTestId("sub-status").waitFor();
  await screenshot(page, "demo-subscription");

  for (const [scenario, words] of [["past_due", /Payment attempt 2 of 7/], ["paused", /Paused until/], ["canceling", /Cancels on/], ["pending", /8 seats from/]]) {
    await page.locator("#demo-controls").locator(`input[value=${scenario}]`).check();
    await page.getByTestId("subscription").filter({ hasText: words }).waitFor();
  }
  assert.deepEqual(page.errors, []);
});
