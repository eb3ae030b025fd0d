// Paying with the card form (Stripe's Payment Element; here the sandbox's stand-in for
// Stripe.js, with Stripe's test cards): success; a decline, then success; a card that
// needs authentication, refused then approved; a validation error that stays in the form;
// a trial in setup mode; a free plan with no card at all; Stripe.js only after the form.
import { test } from "node:test";
import assert from "node:assert/strict";
import { newPage, PRICES, PRODUCTS, screenshot, useSandbox } from "./harness.js";
import { CARDS, CheckoutPage } from "./checkout_page.js";

let sandbox, browser;
useSandbox((s, b) => ([sandbox, browser] = [s, b]));

/** A German consumer only gives email and country. */
async function fillMinimum(c) {
  await c.field("customer_email").fill("ada@example.com");
  await c.testId("country").selectOption("DE");
  await c.field("customer_email").blur();
  await c.settled();
}

/** Every request for Stripe.js (the stand-in, for a sandbox key), with when it left. */
function stripeRequests(page) {
  const seen = [];
  page.on("request", (r) => /\/stripe\.js(\?|$)/.test(r.url()) && seen.push({ url: r.url(), at: Date.now() }));
  return seen;
}

/** What the card form was set up with, as the stand-in recorded it. */
const elementsOptions = (page) => page.evaluate(() => window.__kassaSandboxStripe?.elements ?? []);

test("a card that pays: the form, the token, the confirm, success", async () => {
  const c = await CheckoutPage.open(browser, sandbox, { products: [PRODUCTS.PRO] });
  assert.ok(await c.testId("pay").isDisabled(), "required fields are missing");
  assert.match(await c.text("still-needed"), /Email/);
  await fillMinimum(c);
  await c.payWith(CARDS.SUCCEEDS);
  const screen = c.testId("screen");
  await screen.and(c.page.locator("[data-phase=succeeded]")).waitFor({ timeout: 10000 });
  assert.match(await screen.textContent(), /ada@example\.com/);
  assert.equal((await c.server()).status, "succeeded");
  const [options] = await elementsOptions(c.page);
  assert.deepEqual(
    [options.mode, options.amount, options.currency, options.setupFutureUsage],
    ["payment", 1900, "usd", "off_session"],
    "payment mode for what is due now; the card is kept for what recurs",
  );
  await screenshot(c.page, "succeeded");
});

test("the card form follows every applied update: amount, currency, mode", async () => {
  const c = await CheckoutPage.open(browser, sandbox, { products: [PRODUCTS.PRO], buyer_country: "DE" });
  await c.page.locator(".kassa-payment-slot #number").waitFor();
  const [first] = await elementsOptions(c.page);
  assert.deepEqual([first.mode, first.amount], ["payment", 2261], "$19.00 + 19 % VAT");
  await c.testId(`plan-${PRICES.PRO_YEARLY}`).check();
  await c.settled();
  await c.page.waitForFunction(() => window.__kassaSandboxStripe.updates.some((u) => u.amount === 22610));
  const updates = await c.page.evaluate(() => window.__kassaSandboxStripe.updates.filter((u) => "mode" in u));
  assert.deepEqual(updates.at(-1), { mode: "payment", amount: 22610, currency: "usd", setupFutureUsage: "off_session" });
  await c.testId("discount-input").fill("FREE100");
  await c.testId("discount-apply").click();
  await c.testId("discount-applied").waitFor();
  await c.settled();
  // Fully discounted, forever: no card to take at all.
  assert.equal(await c.testId("payment-element").count(), 0);
});

test("a declined card says why; the buyer tries another and it goes through", async () => {
  const c = await CheckoutPage.open(browser, sandbox, { products: [PRODUCTS.LIFETIME] });
  c.page.expectErrors(/status of 400/); // the declined card
  await fillMinimum(c);
  await c.card(CARDS.DECLINED);
  await screenshot(c.page, "card-form");
  await c.testId("pay").click();
  await c.testId("notice").filter({ hasText: "declined" }).waitFor();
  assert.equal((await c.server()).status, "open");
  assert.equal(await c.page.locator(".kassa-payment-slot #number").inputValue(), CARDS.DECLINED, "nothing typed is lost");
  await screenshot(c.page, "declined");
  await c.payWith(CARDS.SUCCEEDS);
  await c.page.locator("[data-phase=succeeded]").waitFor({ timeout: 10000 });
});

test("a card the form refuses stays in the form with its message; nothing is sent", async () => {
  const c = await CheckoutPage.open(browser, sandbox, { products: [PRODUCTS.PRO] });
  await fillMinimum(c);
  const confirms = [];
  c.page.on("request", (r) => r.url().endsWith("/confirm") && confirms.push(r));
  await c.payWith("4242 4242 4242 4241");
  await c.page.locator(".kassa-payment-slot #number-error").filter({ hasText: "Your card number is invalid." }).waitFor();
  await c.payWith(CARDS.SUCCEEDS, { exp: "12 / 20" });
  await c.page.locator(".kassa-payment-slot #exp-error").filter({ hasText: "in the past" }).waitFor();
  assert.equal(confirms.length, 0);
  assert.ok(await c.testId("pay").isEnabled(), "the buyer can correct and pay");
});

test("confirm carries fields still being typed", async () => {
  const c = await CheckoutPage.open(browser, sandbox, { products: [PRODUCTS.PRO] });
  await fillMinimum(c);
  await c.card(CARDS.SUCCEEDS);
  await c.field("customer_name").fill("Grace Hopper"); // no blur, no pause: still pending
  await c.testId("pay").click();
  await c.page.locator("[data-phase=succeeded]").waitFor({ timeout: 10000 });
  assert.equal((await c.server()).customer_name, "Grace Hopper");
});

test("a card that needs authentication: refused, the form opens again; approved, it pays", async () => {
  const c = await CheckoutPage.open(browser, sandbox, { products: [PRODUCTS.PRO] });
  c.page.expectErrors(/status of 402/); // the refused second step, as Stripe answers it
  await fillMinimum(c);
  await c.payWith(CARDS.AUTHENTICATES);
  const dialog = c.page.getByRole("dialog");
  await dialog.waitFor();
  assert.equal(await c.testId("screen").getAttribute("data-phase"), "authenticating");
  await screenshot(c.page, "authentication");
  await dialog.getByRole("button", { name: "Fail" }).click();
  await c.testId("notice").filter({ hasText: "unable to authenticate" }).waitFor();
  assert.equal((await c.server()).status, "open");
  await c.payWith(CARDS.AUTHENTICATES);
  await c.page.getByRole("dialog").getByRole("button", { name: "Complete" }).click();
  await c.page.locator("[data-phase=succeeded]").waitFor({ timeout: 10000 });
});

test("a trial saves the card in setup mode and charges nothing today", async () => {
  const c = await CheckoutPage.open(browser, sandbox, { products: [PRODUCTS.STARTER] });
  await fillMinimum(c);
  assert.equal(await c.text("total"), "$0.00");
  // $9.00 + 19 % German VAT once the trial ends.
  assert.equal(await c.text("after-trial"), "Then $10.71 / month after the trial");
  assert.equal(await c.text("pay"), "Start free trial");
  await screenshot(c.page, "trial");
  await c.payWith(CARDS.SUCCEEDS);
  await c.page.locator("[data-phase=succeeded]").waitFor({ timeout: 10000 });
  const [options] = await elementsOptions(c.page);
  assert.deepEqual([options.mode, options.setupFutureUsage, options.amount], ["setup", "off_session", undefined]);
});

test("a free plan is had without a card, and without an address; no Stripe.js is loaded", async () => {
  const c = await CheckoutPage.open(browser, sandbox, { products: [PRODUCTS.COMMUNITY] });
  const stripe = stripeRequests(c.page);
  assert.equal(await c.testId("payment-element").count(), 0);
  assert.ok(await c.testId("billing-address").isHidden(), "Polar asks no address where nothing is paid");
  await c.field("customer_email").fill("ada@example.com");
  await c.field("customer_email").blur();
  await c.settled();
  assert.equal(await c.text("pay"), "Get it free");
  await c.testId("pay").click();
  await c.page.locator("[data-phase=succeeded]").waitFor({ timeout: 10000 });
  assert.deepEqual(stripe, []);
});

test("Stripe.js is not requested before the form is on the screen", async () => {
  const session = await sandbox.createSession({ products: [PRODUCTS.PRO] });
  const page = await newPage(browser);
  // In the page: when the form first appears, by a check every frame from the start.
  await page.addInitScript(() => {
    const look = () => {
      const form = document.querySelector("#checkout")?.shadowRoot?.querySelector("[data-testid=form]");
      if (form) window.formShownAt = performance.now();
      else requestAnimationFrame(look);
    };
    requestAnimationFrame(look);
  });
  await page.goto(`${sandbox.url}/?client_secret=${session.client_secret}&locale=en-US`);
  await page.locator(".kassa-payment-slot #number").waitFor();
  const timing = await page.evaluate(() => ({
    shown: window.formShownAt,
    stripe: performance.getEntriesByType("resource").filter((e) => e.name.endsWith("/stripe.js")).map((e) => [e.name, e.startTime]),
  }));
  assert.equal(timing.stripe.length, 1, "loaded once");
  const [[url, asked]] = timing.stripe;
  assert.ok(asked >= timing.shown, `Stripe.js asked at ${asked.toFixed(1)} ms, the form shown at ${timing.shown.toFixed(1)} ms`);
  assert.match(url, /\/sandbox\/stripe\.js$/, "a sandbox key loads the sandbox's stand-in");
});

test("in Arabic, the card form speaks Arabic and the checkout pays", async () => {
  const c = await CheckoutPage.open(browser, sandbox, { products: [PRODUCTS.PRO], customer_email: "ada@example.com", buyer_country: "EG" }, { locale: "ar-EG" });
  await c.page.locator(".kassa-payment-slot #number").waitFor();
  assert.equal((await c.page.locator(".kassa-payment-slot label[for=number]").textContent()).trim(), "رقم البطاقة");
  assert.equal(await c.page.locator(".kassa-payment-slot .form").getAttribute("dir"), "rtl");
  const [stripe] = await c.page.evaluate(() => window.__kassaSandboxStripe.stripe);
  assert.equal(stripe.options.locale, "ar-EG", "Stripe is told the checkout's locale");
  // The merchant's English benefit reads left to right, its tick's gap toward the text.
  const benefit = await c.page.locator(".kassa-benefits li").first().evaluate((li) => ({
    direction: getComputedStyle(li).direction,
    gap: getComputedStyle(li, "::before").marginRight,
  }));
  assert.deepEqual(benefit, { direction: "ltr", gap: "8px" });
  await screenshot(c.page, "card-form-ar");
  await c.payWith(CARDS.SUCCEEDS);
  await c.page.locator("[data-phase=succeeded]").waitFor({ timeout: 10000 });
});

test("in the dark theme, the card form is dark too, and follows a change of theme", async () => {
  const session = await sandbox.createSession({ products: [PRODUCTS.PRO], customer_email: "ada@example.com", buyer_country: "DE" });
  const page = await newPage(browser);
  await page.goto(`${sandbox.url}/?client_secret=${session.client_secret}&locale=en-US&theme=dark`);
  await page.locator(".kassa-payment-slot #number").waitFor();
  const [options] = await page.evaluate(() => window.__kassaSandboxStripe.elements);
  assert.equal(options.appearance.theme, "night");
  assert.ok(options.appearance.variables.colorPrimary, "Kassa's accent goes with it");
  const background = () => page.locator(".kassa-payment-slot #number").evaluate((e) => getComputedStyle(e).backgroundColor);
  const dark = await background();
  await screenshot(page, "card-form-dark");
  await page.evaluate(() => window.kassaDemo.update({ theme: "light" }));
  await page.waitForFunction((before) => {
    const input = document.querySelector(".kassa-payment-slot").querySelector(".__PrivateStripeElement").shadowRoot.querySelector("#number");
    return getComputedStyle(input).backgroundColor !== before;
  }, dark);
  const c = new CheckoutPage(page, sandbox);
  await c.payWith(CARDS.SUCCEEDS);
  await page.locator("[data-phase=succeeded]").waitFor({ timeout: 10000 });
});
