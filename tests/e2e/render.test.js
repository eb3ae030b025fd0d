// The widget renders a live sandbox session: product, price with interval, total;
// and readable error states for an unknown session and an unreachable provider.
import { test } from "node:test";
import assert from "node:assert/strict";
import { newPage, PRODUCTS, screenshot, useSandbox } from "./harness.js";

let sandbox, browser;
useSandbox((s, b) => ([sandbox, browser] = [s, b]));

test("the demo page renders the session the sandbox created", async () => {
  const page = await newPage(browser);
  const created = page.waitForResponse((r) => r.url().endsWith("/v1/checkouts/") && r.request().method() === "POST");
  await page.goto(sandbox.url);
  const session = await (await created).json();
  assert.equal(session.product.name, "Kassa Pro");
  assert.equal(session.total_amount, 1900);
  assert.equal(session.currency, "usd");

  await page.getByTestId("product-name").waitFor();
  assert.equal(await page.getByTestId("product-name").textContent(), session.product.name);
  assert.equal(await page.getByTestId("total").textContent(), "$19.00");
  assert.equal((await page.getByTestId("price").textContent()).trim(), "$19.00 / month");
  await screenshot(page, "demo-desktop");
  await page.setViewportSize({ width: 320, height: 640 });
  await screenshot(page, "demo-320");
  // Nothing on the page is wider than a 320 px screen (the scenario bar wraps).
  const overflowing = await page.evaluate(() =>
    [...document.querySelectorAll("body *")].filter((e) => e.getBoundingClientRect().right > 320.5).map((e) => e.tagName + "." + e.className),
  );
  assert.deepEqual(overflowing, []);
  assert.deepEqual(page.errors, []);
});

test("a session created beforehand is mounted by client secret", async () => {
  const session = await sandbox.createSession({ products: [PRODUCTS.TEAM] });
  const page = await newPage(browser, { locale: "de-DE" });
  await page.goto(`${sandbox.url}/?client_secret=${session.client_secret}&locale=de-DE`);
  await page.getByTestId("total").waitFor();
  assert.equal(await page.getByTestId("product-name").textContent(), "Kassa Team");
  // 2 seats × $12.00, formatted by the browser for de-DE.
  assert.equal(await page.getByTestId("total").textContent(), "24,00\u00a0$");
});

test("an unknown client secret shows a readable not-found state", async () => {
  const page = await newPage(browser);
  page.expectErrors(/status of 404/); // the unknown session
  await page.goto(`${sandbox.url}/?client_secret=polar_c_does_not_exist`);
  const error = page.getByTestId("kassa-error");
  await error.waitFor();
  assert.equal(await error.getAttribute("data-code"), "not_found");
  assert.match(await error.textContent(), /Checkout not found/);
  await screenshot(page, "not-found");
});

test("an unreachable provider shows a network error with a retry", async () => {
  const session = await sandbox.createSession({ products: [PRODUCTS.PRO] });
  const page = await newPage(browser);
  page.expectErrors(/ERR_CONNECTION_REFUSED/); // the blocked provider
  let blocked = true;
  await page.route("**/v1/checkouts/client/**", (route) => (blocked ? route.abort("connectionrefused") : route.continue()));
  await page.goto(`${sandbox.url}/?client_secret=${session.client_secret}`);
  const error = page.getByTestId("kassa-error");
  await error.waitFor();
  assert.equal(await error.getAttribute("data-code"), "network");
  await screenshot(page, "network-error");
  blocked = false;
  await page.getByRole("button", { name: "Try again" }).click();
  await page.getByTestId("total").waitFor();
  assert.equal(await page.getByTestId("total").textContent(), "$19.00");
});

test("the local amount on screen is the sandbox's own, to the minor unit", async () => {
  // A buyer in Japan paying in dollars; Japan taxes 10 %, so due now is $20.90.
  const session = await sandbox.createSession({ products: [PRODUCTS.PRO], buyer_country: "JP" });
  const dueNow = session.currency_details.plan.due_now;
  assert.equal(dueNow.payment.amount, 2090);
  assert.equal(dueNow.local.currency, "JPY");
  const page = await newPage(browser);
  await page.goto(`${sandbox.url}/?client_secret=${session.client_secret}&locale=en-US`);
  await page.getByTestId("total").waitFor();
  const expectedLocal = await page.evaluate(
    (amount) => new Intl.NumberFormat("en-US", { style: "currency", currency: "JPY" }).format(amount),
    dueNow.local.amount,
  );
  assert.equal(await page.getByTestId("total").textContent(), `$20.90 (≈\u00a0${expectedLocal})`);
  assert.equal(expectedLocal, "¥3,286");
  assert.match(await page.getByTestId("currency-note").textContent(), /charged in USD/);
  await screenshot(page, "local-currency");
});
