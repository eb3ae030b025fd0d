// Against Polar's rules (#12): what the widget does with sessions shaped as Polar's
// 2026-10 API sends them, and with Polar's refusals, against the sandbox behaving as
// Polar (and, where the sandbox cannot produce a shape, a session answered by hand).
import { test } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { CARDS, CheckoutPage } from "./checkout_page.js";
import { newPage, PRICES, PRODUCTS, screenshot, useSandbox } from "./harness.js";

let sandbox, browser;
useSandbox((s, b) => ([sandbox, browser] = [s, b]));

const STUDIO = "5a1d0000-0000-4000-8000-00000000010a";
const API = "5a1d0000-0000-4000-8000-00000000010b";
const API_CALLS = "5a1d0000-0000-4000-8000-00000000020e";

/** Every request the page sends to a client endpoint, with its parsed body. */
function sent(page) {
  const requests = [];
  page.on("request", (r) => {
    if (r.url().includes("/v1/checkouts/client/")) {
      requests.push({ method: r.method(), path: new URL(r.url()).pathname, body: JSON.parse(r.postData() ?? "null") });
    }
  });
  return requests;
}

test("the plan switcher offers the session's prices, not the product's", async () => {
  const session = await sandbox.createSession({ products: [PRODUCTS.PRO] });
  const page = await newPage(browser);
  // Polar may offer fewer prices than the product has: here only the yearly one.
  await page.route("**/v1/checkouts/client/**", async (route) => {
    const response = await route.fetch();
    const json = await response.json();
    json.prices[PRODUCTS.PRO] = json.prices[PRODUCTS.PRO].filter((p) => p.id !== PRICES.PRO_MONTHLY);
    json.products.push({ ...json.products[0], id: "5a1d0000-0000-4000-8000-0000000001ff", name: "Not offered", prices: json.products[0].prices });
    await route.fulfill({ response, json });
  });
  await page.goto(`${sandbox.url}/?client_secret=${session.client_secret}&locale=en-US`);
  await page.getByTestId("form").waitFor();
  // One product, one price offered: no switcher at all, though the product has two.
  assert.equal(await page.getByTestId("plans").count(), 0);
});

test("seats keep within the tiers and the checkout's own limits; graduated seats are explained", async () => {
  const team = await CheckoutPage.open(browser, sandbox, { products: [PRODUCTS.TEAM], min_seats: 3, max_seats: 20 });
  assert.equal(await team.testId("seats-input").inputValue(), "3");
  assert.match(await team.text("seat-price"), /\$12\.00 per seat · 3 to 20 seats/);
  await team.testId("seats-input").fill("25");
  await team.testId("seats-input").blur();
  await team.settled();
  assert.equal((await team.server()).seats, 20, "clamped to the checkout's maximum");

  const studio = await CheckoutPage.open(browser, sandbox, { products: [STUDIO], seats: 8 });
  assert.match(await studio.text("seat-price"), /^5\u00a0×\u00a0\$15\.00 \+ 3\u00a0×\u00a0\$12\.00 · 1 to 10,000 seats$/);
  assert.equal(await studio.text("subtotal"), "$111.00");
  await studio.testId("seats-decrease").click();
  await studio.settled();
  assert.equal(await studio.text("subtotal"), "$99.00", "5 × $15.00 + 2 × $12.00");
  await screenshot(studio.page, "graduated-seats");
});

test("a metered price shows as a usage line, not a plan", async () => {
  const c = await CheckoutPage.open(browser, sandbox, { products: [API] });
  assert.equal(await c.testId("plans").count(), 0, "the metered price is no plan to choose");
  assert.equal((await c.testId(`usage-${API_CALLS}`).textContent()).trim(), "$0.005 per API call, at most $100.00");
  assert.equal(await c.text("subtotal"), "$29.00", "usage is billed later, not today");
  await screenshot(c.page, "metered-usage");
});

test("confirm sends the whole form, custom fields and locale included; a cleared field goes as null", async () => {
  const c = await CheckoutPage.open(browser, sandbox, {
    products: [PRODUCTS.TEAM], customer_email: "ada@example.com", buyer_country: "DE",
    custom_field_data: { company: "Acme", team_size: "1-10", terms: true, developers: 4, start_date: "2026-12-01T00:00:00Z" },
  }, { locale: "de-DE" });
  const requests = sent(c.page);
  // Polar's datetime form of a date shows as its day.
  assert.equal(await c.testId("custom-start_date").inputValue(), "2026-12-01");
  await c.testId("custom-developers").fill("");
  await c.testId("custom-developers").blur();
  await c.settled();
  await c.card(CARDS.SUCCEEDS);
  const cleared = requests.find((r) => r.method === "PATCH" && r.body.custom_field_data);
  assert.equal(cleared.body.custom_field_data.developers, null, "sent as null, which Polar's merge applies");
  assert.equal((await c.server()).custom_field_data.developers, undefined);
  await c.testId("pay").click();
  await c.page.locator("[data-phase=processing], [data-phase=succeeded]").first().waitFor();
  const confirm = requests.find((r) => r.path.endsWith("/confirm"));
  assert.equal(confirm.body.locale, "de-DE");
  assert.equal(confirm.body.customer_email, "ada@example.com");
  assert.equal(confirm.body.custom_field_data.company, "Acme");
  assert.equal(confirm.body.customer_billing_address.country, "DE");
  assert.match(confirm.body.confirmation_token_id, /^ctoken_sandbox_/, "the token the card form made");
});

test("a stored tax ID refused after a country change is shown at its field, not re-sent in a loop", async () => {
  const c = await CheckoutPage.open(browser, sandbox, {
    products: [PRODUCTS.PRO], buyer_country: "DE", is_business_customer: true, customer_tax_id: "DE123456789",
    customer_billing_name: "Analytical Engines GmbH",
    customer_billing_address: { country: "DE", line1: "Unter den Linden 1", city: "Berlin", postal_code: "10117" },
  });
  c.page.expectErrors(/status of 422/);
  await c.testId("country").selectOption("FR");
  await c.testId("error-customer_tax_id").filter({ hasText: /tax ID|VAT/i }).waitFor();
  const count = c.patches.length;
  await c.page.evaluate(() => new Promise((r) => setTimeout(r, 1500))); // long enough for any retry
  assert.equal(c.patches.length, count, "not re-sent by itself");
  assert.ok(await c.testId("pay").isDisabled(), "Pay waits while the address is refused");
  assert.equal((await c.server()).customer_billing_address.country, "DE", "nothing was applied");
  // A French VAT number: both go together.
  await c.field("customer_tax_id").fill("FR40303265045");
  await c.field("customer_tax_id").blur();
  await c.settled();
  const server = await c.server();
  assert.deepEqual([server.customer_billing_address.country, server.customer_tax_id], ["FR", "FR40303265045"]);
  assert.equal(await c.text("error-customer_tax_id"), "");
});

test("a locked checkout (409) is retried; a redeemed trial is dropped and said; refusals are explained", async () => {
  const c = await CheckoutPage.open(browser, sandbox, { products: [PRODUCTS.STARTER], customer_email: "ada@example.com", buyer_country: "DE" });
  c.page.expectErrors(/status of (409|403)/);
  const requests = sent(c.page);
  await sandbox.fault(c.secret, { fault: "locked" });
  await c.field("customer_name").fill("Ada");
  await c.field("customer_name").blur();
  await c.settled();
  assert.equal((await c.server()).customer_name, "Ada", "the locked PATCH went again");
  // The buyer had this trial before: Polar refuses the confirm, Kassa confirms again
  // without the trial and says so, as Polar's own checkout does.
  await sandbox.fault(c.secret, { fault: "refuse", error: "TrialAlreadyRedeemed" });
  // The second confirm takes a moment, so the message can be read before the payment ends.
  await sandbox.fault(c.secret, { fault: "slow", delay_ms: 1500 });
  await c.payWith(CARDS.SUCCEEDS);
  await c.testId("notice").filter({ hasText: "free trial before" }).waitFor();
  await c.page.locator("[data-phase=processing], [data-phase=succeeded]").first().waitFor();
  const confirms = requests.filter((r) => r.path.endsWith("/confirm"));
  assert.equal(confirms.length, 2);
  assert.equal(confirms[1].body.allow_trial, false);
  assert.equal((await c.server()).allow_trial, false);

  const d = await CheckoutPage.open(browser, sandbox, { products: [PRODUCTS.PRO], customer_email: "ada@example.com", buyer_country: "DE" });
  d.page.expectErrors(/status of 403/);
  await sandbox.fault(d.secret, { fault: "refuse", error: "AlreadyActiveSubscriptionError" });
  await d.payWith(CARDS.SUCCEEDS);
  await d.testId("notice").filter({ hasText: "already subscribe" }).waitFor();
  assert.equal((await d.server()).status, "open");
  await sandbox.fault(d.secret, { fault: "refuse", error: "NotPermitted" });
  await d.testId("pay").click();
  await d.testId("notice").filter({ hasText: "contact the shop" }).waitFor();
  await sandbox.fault(d.secret, { fault: "refuse", error: "PaymentNotReady" });
  await d.testId("pay").click();
  await d.page.locator("[data-phase=processing], [data-phase=succeeded]").first().waitFor();
  assert.equal((await d.server()).status === "open", false, "retried until the payment was ready");

  const e = await CheckoutPage.open(browser, sandbox, { products: [PRODUCTS.PRO] });
  e.page.expectErrors(/status of 403/);
  await sandbox.fault(e.secret, { fault: "refuse", error: "DiscountRedemptionLimitReached" });
  await e.testId("discount-input").fill("LAUNCH20");
  await e.testId("discount-apply").click();
  await e.testId("error-discount_code").filter({ hasText: "maximum number of redemptions" }).waitFor();
});

test("an existing customer's email is read-only; refused countries are not offered; a free checkout asks no address", async () => {
  const c = await CheckoutPage.open(browser, sandbox, {
    products: [PRODUCTS.PRO], customer_id: "c0570000-0000-4000-8000-000000000001", customer_email: "ada@example.com",
  });
  assert.equal(await c.field("customer_email").getAttribute("readonly"), "");
  await c.testId("country").locator("option[value=DE]").waitFor({ state: "attached" });
  for (const refused of ["RU", "IR", "KP", "CU", "SY"]) {
    assert.equal(await c.testId("country").locator(`option[value=${refused}]`).count(), 0, refused);
  }
  const free = await CheckoutPage.open(browser, sandbox, { products: [PRODUCTS.COMMUNITY], customer_email: "ada@example.com" });
  assert.ok(await free.testId("billing-address").isHidden());
  assert.ok(await free.testId("pay").isEnabled(), "nothing else is needed");
});

test("backoff works without Retry-After, which Polar's CORS does not expose", async () => {
  // A shop page on another origin: the 429's Retry-After (30 s) is not readable there.
  const session = await sandbox.createSession({ products: [PRODUCTS.TEAM] });
  const shop = createServer((req, res) => {
    if (req.url === "/favicon.ico") return res.writeHead(204).end();
    res.writeHead(200, { "content-type": "text/html" }).end(`<!doctype html><meta charset="utf-8"><div id="checkout"></div>
      <script src="${sandbox.url}/pkg/kassa.js" data-client-secret="${session.client_secret}" data-api-base="${sandbox.url}" data-target="#checkout" data-locale="en-US"></script>`);
  });
  await new Promise((r) => shop.listen(0, "127.0.0.1", r));
  try {
    const page = await newPage(browser);
    page.expectErrors(/status of 429/);
    await page.goto(`http://127.0.0.1:${shop.address().port}/`);
    const checkout = page.locator("#checkout");
    await checkout.getByTestId("form").waitFor();
    const retryAfter = page.waitForResponse((r) => r.status() === 429);
    await sandbox.fault(session.client_secret, { fault: "rate_limited", retry_after: 30 });
    const clicked = Date.now();
    await checkout.getByTestId("seats-increase").click();
    const limited = await retryAfter;
    assert.equal(await limited.headerValue("retry-after"), "30", "the server said 30 s…");
    await checkout.getByTestId("subtotal").filter({ hasText: "$36.00" }).waitFor({ timeout: 10_000 });
    assert.ok(Date.now() - clicked < 10_000, "…the widget, unable to read it, backed off by itself");
    assert.equal((await sandbox.getSession(session.client_secret)).body.seats, 3);
  } finally {
    shop.close();
  }
});

/** A session written by hand in Polar's current shape, as api.polar.sh sends it. */
function handwritten(secret) {
  const org = "0a7c0000-0000-4000-8000-0000000000aa";
  const product = "9b1d0000-0000-4000-8000-000000000001";
  const at = "2026-11-01T10:00:00Z";
  const seats = {
    created_at: at, modified_at: null, id: "9b1d0000-0000-4000-8000-000000000002", source: "catalog",
    amount_type: "seat_based", price_currency: "eur", tax_behavior: "location", is_archived: false, product_id: product,
    seat_tiers: { seat_tier_type: "graduated", minimum_seats: 1, maximum_seats: null,
      tiers: [{ min_seats: 1, max_seats: 5, price_per_seat: 1500 }, { min_seats: 6, max_seats: null, price_per_seat: 1200 }] },
  };
  const metered = {
    created_at: at, modified_at: null, id: "9b1d0000-0000-4000-8000-000000000003", source: "catalog",
    amount_type: "metered_unit", price_currency: "eur", tax_behavior: "location", is_archived: false, product_id: product,
    unit_amount: "0.25", cap_amount: null, meter_id: "9b1d0000-0000-4000-8000-000000000004",
    meter: { id: "9b1d0000-0000-4000-8000-000000000004", name: "build minute", unit: "scalar", custom_label: null, custom_multiplier: null },
  };
  const from_the_future = { ...metered, id: "9b1d0000-0000-4000-8000-000000000005", amount_type: "tiered_usage" };
  const checkoutProduct = {
    id: product, created_at: at, modified_at: null, trial_interval: null, trial_interval_count: null, name: "Studio Cloud",
    description: "Seats and build minutes", visibility: "public", recurring_interval: "month", recurring_interval_count: 1,
    meter_interval: "month", meter_interval_count: 1, is_recurring: true, is_archived: false, organization_id: org,
    prices: [seats, metered, from_the_future], benefits: [], medias: [],
  };
  // 8 seats: 5 × €15.00 + 3 × €12.00 = €111.00, German VAT included (location).
  return {
    id: "9b1d0000-0000-4000-8000-000000000010", created_at: at, modified_at: at, custom_field_data: {}, payment_processor: "stripe",
    status: "open", client_secret: secret, url: `https://polar.sh/checkout/${secret}`, expires_at: "2099-01-01T00:00:00Z",
    success_url: "https://shop.example/thanks", return_url: null, embed_origin: null,
    amount: 11100, seats: 8, min_seats: null, max_seats: null, discount_amount: 0, net_amount: 11100, tax_amount: 1772,
    tax_behavior: "inclusive", total_amount: 11100, currency: "eur", allow_trial: true, active_trial_interval: null,
    active_trial_interval_count: null, trial_end: null, organization_id: org, product_id: product, product_price_id: seats.id,
    discount_id: null, allow_discount_codes: true, require_billing_address: false, is_discount_applicable: true,
    is_free_product_price: false, is_payment_required: true, is_payment_setup_required: true, is_payment_form_required: true,
    customer_id: null, is_business_customer: false, customer_name: null, customer_email: "ada@example.com",
    customer_ip_address: null, customer_billing_name: null, customer_billing_address: { line1: null, line2: null, postal_code: null, city: null, state: null, country: "DE" },
    customer_tax_id: null, locale: "en", payment_method_type: null,
    payment_processor_metadata: { publishable_key: "pk_live_51Polar", customer_session_id: "cs_1" },
    billing_address_fields: { country: "required", state: "disabled", city: "disabled", postal_code: "disabled", line1: "disabled", line2: "disabled" },
    products: [checkoutProduct], product: checkoutProduct, product_price: seats, prices: { [product]: [seats, metered, from_the_future] },
    discount: null,
    organization: { created_at: at, modified_at: null, id: org, name: "Studio Inc.", slug: "studio", avatar_url: null, proration_behavior: "prorate", allow_customer_updates: true },
    attached_custom_fields: [], a_field_from_the_future: { nested: true },
  };
}

test("a session written by hand in Polar's current shape renders with its totals", async () => {
  const secret = "polar_c_handwritten";
  const page = await newPage(browser);
  page.expectErrors(/ERR_NAME_NOT_RESOLVED|ERR_CONNECTION|ERR_INTERNET/); // js.stripe.com, offline
  const stripe = [];
  page.on("request", (r) => r.url().includes("stripe.js") && stripe.push(r.url()));
  await page.route(`**/v1/checkouts/client/${secret}`, (route) => route.fulfill({ json: handwritten(secret) }));
  await page.goto(`${sandbox.url}/?client_secret=${secret}&locale=en-US`);
  await page.getByTestId("form").waitFor();
  assert.equal((await page.getByTestId("product-name").textContent()).trim(), "Studio Cloud");
  assert.equal((await page.getByTestId("seats-input").inputValue()), "8");
  assert.match(await page.getByTestId("seat-price").textContent(), /5\u00a0×\u00a0€15\.00 \+ 3\u00a0×\u00a0€12\.00/);
  assert.equal((await page.getByTestId("subtotal").textContent()).trim(), "€111.00");
  assert.equal((await page.getByTestId("tax").textContent()).trim(), "€17.72");
  assert.match(await page.getByTestId("totals").textContent(), /Tax \(included\)/);
  assert.equal((await page.getByTestId("total").textContent()).trim(), "€111.00");
  assert.equal((await page.getByTestId("usage").textContent()).includes("€0.0025 per build minute"), true);
  assert.equal(await page.getByTestId("plans").count(), 0, "the metered price and the price type from the future are no plans");
  // A real Polar key loads Stripe's own Stripe.js, which this machine cannot reach: the
  // card form says so, kassa:error says why, and nothing else breaks.
  await page.getByTestId("card-state").filter({ hasText: "could not load" }).waitFor();
  assert.deepEqual(stripe, ["https://js.stripe.com/endive/stripe.js"]);
  const events = await page.locator("[data-event='kassa:error']").allTextContents();
  assert.ok(events.some((e) => e.includes("payment_unavailable")), `${events}`);
  assert.ok(await page.getByTestId("pay").isDisabled());
  await screenshot(page, "polar-handwritten");
});

test("an unknown status shows the closing screen; a body that cannot be read is an error with kassa:error", async () => {
  const page = await newPage(browser);
  await page.route("**/v1/checkouts/client/polar_c_future", (route) => route.fulfill({ json: { ...handwritten("polar_c_future"), status: "in_review" } }));
  await page.goto(`${sandbox.url}/?client_secret=polar_c_future&locale=en-US`);
  const screen = page.getByTestId("screen");
  await screen.waitFor();
  assert.equal(await screen.getAttribute("data-phase"), "closed");

  const broken = await newPage(browser);
  await broken.route("**/v1/checkouts/client/polar_c_broken", (route) => route.fulfill({ json: { ...handwritten("polar_c_broken"), amount: "a lot" } }));
  await broken.goto(`${sandbox.url}/?client_secret=polar_c_broken&locale=en-US`);
  const error = broken.getByTestId("kassa-error");
  await error.waitFor();
  assert.equal(await error.getAttribute("data-code"), "decode");
  const events = await broken.locator("[data-event='kassa:error']").allTextContents();
  assert.ok(events.some((e) => e.includes("decode")), `kassa:error fired: ${events}`);
});
