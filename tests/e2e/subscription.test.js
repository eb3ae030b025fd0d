// The subscription screen against the sandbox's customer portal: each status in words,
// plan changes under each proration behaviour, seats, cancel and keep, pause and
// resume, the next charge's window, refusals at their fields, what the customer typed
// surviving a failure, the page cancelling a change, destroy mid-request, the list, the
// keyboard, axe, and other languages.
import { test } from "node:test";
import assert from "node:assert/strict";
import { newPage, PRODUCTS, screenshot, seriousViolations, until, useSandbox } from "./harness.js";

let sandbox, browser;
useSandbox((s, b) => ([sandbox, browser] = [s, b]));

const API = "5a1d0000-0000-4000-8000-00000000010b";
const DAY = 86_400_000;
let customers = 0;
const email = () => `sub-${Date.now()}-${customers++}@example.com`;

/**
 * A page with the subscription screen mounted by the JS API on a subscription seeded as
 * `seed` (or, with `list`, on the customer's list), recording the events it fires.
 */
async function screen(seed, { locale = "en-US", proration = "invoice", list = false, seeds = [] } = {}) {
  await sandbox.organization({ proration_behavior: proration, customer_portal_settings: { subscription: { pause: true, update_plan: true, update_seats: true } } });
  const customer = email();
  for (const extra of seeds) await sandbox.seedSubscription({ customer_email: customer, ...extra });
  const made = await sandbox.seedSubscription({ customer_email: customer, ...seed });
  const options = {
    customerSessionToken: made.customer_session.token,
    subscriptionId: list ? undefined : made.subscription.id,
    apiBase: sandbox.url,
    locale,
  };
  const page = await newPage(browser);
  const url = `${sandbox.url}/subscription-test`;
  await page.route(url, (route) => route.fulfill({
    contentType: "text/html",
    body: `<!doctype html><html lang="en"><meta charset="utf-8"><title>Subscription</title><main><div id="sub"></div></main>
      <script type="module">
        import { mountSubscription } from "/pkg/subscription.js";
        window.events = [];
        const element = document.getElementById("sub");
        for (const name of ["kassa:subscription-ready", "kassa:subscription-change", "kassa:subscription-updated", "kassa:error"]) {
          element.addEventListener(name, (e) => window.events.push({ type: e.type, detail: e.detail }));
        }
        window.handle = await mountSubscription(element, ${JSON.stringify(options)});
      </script>`,
  }));
  page.sent = [];
  page.on("request", (r) => {
    if (r.url().includes("/v1/customer-portal/") && r.method() !== "GET") page.sent.push({ method: r.method(), path: new URL(r.url()).pathname, body: r.postDataJSON() });
  });
  await page.goto(url);
  await page.getByTestId(list ? "sub-item" : "sub-status").first().waitFor();
  return { page, made, id: made.subscription.id };
}

const text = (page, id) => page.getByTestId(id).innerText();
const events = (page, type) => page.evaluate((t) => window.events.filter((e) => e.type === t).map((e) => e.detail), type);

test("each status reads in words, with only the actions Polar allows", async () => {
  const inDays = (n) => new Date(Date.now() + n * DAY).toISOString();
  const cases = [
    [{ product_id: PRODUCTS.TEAM, seats: 3 }, /Active\s*Renews on/, ["sub-open-plan", "sub-open-seats", "sub-open-charge", "sub-open-pause", "sub-open-cancel"]],
    [{ product_id: PRODUCTS.STARTER, status: "trialing" }, /Trial\s*Free trial until/, ["sub-open-plan", "sub-open-charge", "sub-open-cancel"]],
    [{ product_id: PRODUCTS.TEAM, status: "past_due", attempt_count: 2, max_attempts_count: 7 }, /Past due\s*Past due since .*Payment attempt 2 of 7/s, ["sub-open-plan", "sub-open-seats", "sub-open-cancel"]],
    [{ product_id: PRODUCTS.STARTER, cancel_at_period_end: true }, /Canceling\s*Cancels on/, ["sub-uncancel"]],
    [{ product_id: PRODUCTS.STARTER, pause_at_period_end: true, resumes_at: inDays(60) }, /Active\s*Pauses on .* until /, ["sub-open-plan", "sub-unpause", "sub-open-cancel"]],
    [{ product_id: PRODUCTS.STARTER, status: "paused", resumes_at: inDays(20) }, /Paused\s*Paused until/, ["sub-resume"]],
    [{ product_id: PRODUCTS.STARTER, status: "canceled" }, /Canceled\s*Ended on/, []],
    [{ product_id: PRODUCTS.TEAM, status: "unpaid" }, /Unpaid\s*Ended: the payments did not go through/, []],
    [{ product_id: PRODUCTS.STARTER, status: "incomplete" }, /Incomplete\s*Waiting for the first payment/, []],
  ];
  for (const [seed, words, allowed] of cases) {
    const { page } = await screen(seed);
    assert.match(await text(page, "sub-status"), words, JSON.stringify(seed));
    const shown = await page.getByTestId("sub-actions").locator("button").evaluateAll((b) => b.map((x) => x.dataset.testid)).catch(() => []);
    assert.deepEqual(shown.filter((t) => t !== "sub-drop-pending"), allowed, JSON.stringify(seed));
    if (seed.status === "past_due" || seed.status === "paused") await screenshot(page, `subscription-${seed.status}`);
    await page.close();
  }
});

test("a plan change under invoice shows what is due now, then charges it", async () => {
  const { page, id } = await screen({ product_id: PRODUCTS.STARTER });
  await page.getByTestId("sub-open-plan").click();
  await page.getByTestId("sub-plan").filter({ hasText: "Kassa API" }).click();
  await until(async () => /Due now\s*\$\d/.test(await text(page, "sub-preview-due").catch(() => "")));
  const due = (await text(page, "sub-preview-due")).match(/\$[\d.,]+/)[0];
  assert.match(await text(page, "sub-preview"), /Remaining time on Kassa Starter/);
  await screenshot(page, "subscription-plan-preview");
  await page.getByTestId("sub-confirm-plan").click();
  await until(async () => (await text(page, "sub-product")) === "Kassa API");
  assert.match(await text(page, "sub-price"), /\$29\.00/);
  assert.equal((await events(page, "kassa:subscription-updated")).at(-1).product_id, API);
  assert.deepEqual(page.sent.at(-1), { method: "PATCH", path: `/v1/customer-portal/subscriptions/${id}`, body: { product_id: API } });
  const charged = (await sandbox.subscriptionAudit(id)).at(-1).find((f) => f.startsWith("charged="));
  assert.equal(`$${(Number(charged.split("=")[1]) / 100).toFixed(2)}`, due, "what was shown is what was charged");
});

test("a plan change under prorate goes on the next invoice", async () => {
  const { page, id } = await screen({ product_id: PRODUCTS.STARTER }, { proration: "prorate" });
  await page.getByTestId("sub-open-plan").click();
  await page.getByTestId("sub-plan").filter({ hasText: "Kassa API" }).click();
  await until(async () => /On your next invoice\s*\$\d/.test(await text(page, "sub-preview-due").catch(() => "")));
  await page.getByTestId("sub-confirm-plan").click();
  await until(async () => (await text(page, "sub-product")) === "Kassa API");
  assert.ok(!(await sandbox.subscriptionAudit(id)).at(-1).some((f) => f.startsWith("charged=")), "nothing charged now");
});

test("a plan change under next_period is pending until the period ends, and can be dropped", async () => {
  const { page } = await screen({ product_id: PRODUCTS.STARTER }, { proration: "next_period" });
  await page.getByTestId("sub-open-plan").click();
  await page.getByTestId("sub-plan").filter({ hasText: "Kassa API" }).click();
  await until(async () => /Takes effect on/.test(await text(page, "sub-preview-due").catch(() => "")));
  await page.getByTestId("sub-confirm-plan").click();
  await page.getByTestId("sub-pending").waitFor();
  assert.match(await text(page, "sub-pending"), /Switches to Kassa API on/);
  assert.equal(await text(page, "sub-product"), "Kassa Starter", "unchanged until then");
  await page.getByTestId("sub-drop-pending").click();
  await page.getByTestId("sub-pending").waitFor({ state: "detached" });
  assert.deepEqual(page.sent.at(-1).body, { pending_update: null });
});

test("seats: a count below the minimum is refused at the field; a valid one is priced, then saved", async () => {
  const { page } = await screen({ product_id: PRODUCTS.TEAM, seats: 3 });
  page.expectErrors(/status of 400/);
  await page.getByTestId("sub-open-seats").click();
  const input = page.getByTestId("input-seats");
  await input.fill("1");
  await page.getByTestId("sub-confirm-seats").click();
  await until(async () => /Minimum 2 seats required/.test(await text(page, "error-seats")));
  assert.equal(await input.getAttribute("aria-invalid"), "true");
  assert.equal(await input.inputValue(), "1", "what was typed stays");
  await input.fill("4");
  await input.dispatchEvent("change");
  await until(async () => /Due now\s*\$\d/.test(await text(page, "sub-preview-due").catch(() => "")));
  await page.getByTestId("sub-confirm-seats").click();
  await until(async () => /Seats\s*4/.test(await text(page, "sub-seats")));
  assert.match(await text(page, "sub-price"), /\$48\.00/);
  assert.match(await text(page, "subscription-status"), /Saved/);
});

test("cancel at period end with a reason, then keep the subscription", async () => {
  const { page } = await screen({ product_id: PRODUCTS.STARTER });
  await page.getByTestId("sub-open-cancel").click();
  await page.getByTestId("input-cancellation_reason").selectOption("too_expensive");
  await page.getByTestId("input-cancellation_comment").fill("Too pricey for now");
  await page.getByTestId("sub-confirm-cancel").click();
  await until(async () => /Canceling\s*Cancels on/.test(await text(page, "sub-status")));
  assert.deepEqual(page.sent.at(-1).body, { cancel_at_period_end: true, cancellation_reason: "too_expensive", cancellation_comment: "Too pricey for now" });
  assert.match(await text(page, "sub-next-charge"), /None/);
  await page.getByTestId("sub-uncancel").click();
  await until(async () => /Active\s*Renews on/.test(await text(page, "sub-status")));
});

test("pause until a day (not before the period ends), take the pause back; a paused subscription resumes", async () => {
  const { page, made } = await screen({ product_id: PRODUCTS.STARTER });
  page.expectErrors(/status of 422/);
  await page.getByTestId("sub-open-pause").click();
  const periodEnd = made.subscription.current_period_end.slice(0, 10);
  await page.getByTestId("input-resumes_at").fill(periodEnd);
  await page.getByTestId("sub-confirm-pause").click();
  await until(async () => /after the current period end/.test(await text(page, "error-resumes_at")));
  const later = new Date(Date.parse(made.subscription.current_period_end) + 30 * DAY).toISOString().slice(0, 10);
  await page.getByTestId("input-resumes_at").fill(later);
  await page.getByTestId("sub-confirm-pause").click();
  await until(async () => /Pauses on .* until /.test(await text(page, "sub-status")));
  await page.getByTestId("sub-unpause").click();
  await until(async () => /Renews on/.test(await text(page, "sub-status")));

  const paused = await screen({ product_id: PRODUCTS.STARTER, status: "paused" });
  assert.match(await text(paused.page, "sub-status"), /Paused\s*Paused$/m);
  await paused.page.getByTestId("sub-resume").click();
  await until(async () => /Active\s*Renews on/.test(await text(paused.page, "sub-status")));
});

test("the next charge moves only inside its window: each edge and outside are refused at the field", async () => {
  const end = new Date(Date.now() + 90 * DAY);
  const { page } = await screen({ product_id: API, ends_at: end.toISOString() });
  page.expectErrors(/status of 422/);
  await page.getByTestId("sub-open-charge").click();
  const input = page.getByTestId("input-next_charge_date");
  const day = (n) => new Date(Date.now() + n * DAY).toISOString().slice(0, 10);
  assert.equal(await input.getAttribute("min"), day(1));
  assert.equal(await input.getAttribute("max"), new Date(end.getTime() - DAY).toISOString().slice(0, 10));
  for (const [date, message] of [[day(0), /must be after/], [end.toISOString().slice(0, 10), /must be before/], [day(200), /must be before/]]) {
    await input.fill(date);
    await page.getByTestId("sub-confirm-charge").click();
    await until(async () => message.test(await text(page, "error-next_charge_date")));
    assert.equal(await input.getAttribute("aria-invalid"), "true");
  }
  await input.fill(day(45));
  await page.getByTestId("sub-confirm-charge").click();
  const shown = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" }).format(new Date(`${day(45)}T00:00:00Z`));
  await until(async () => (await text(page, "sub-next-charge")).includes(shown));
  assert.deepEqual(page.sent.at(-1).body, { next_charge_date: day(45) });
});

test("a failed request keeps what the customer typed, and says so", async () => {
  const { page } = await screen({ product_id: PRODUCTS.STARTER });
  page.expectErrors(/status of 500/);
  await page.route("**/v1/customer-portal/subscriptions/*", (route) =>
    route.request().method() === "PATCH" ? route.fulfill({ status: 500, body: "{}" }) : route.continue());
  await page.getByTestId("sub-open-cancel").click();
  await page.getByTestId("input-cancellation_comment").fill("Moving abroad");
  await page.getByTestId("sub-confirm-cancel").click();
  await until(async () => /billing service is having trouble/.test(await text(page, "subscription-notice")));
  assert.equal(await page.getByTestId("input-cancellation_comment").inputValue(), "Moving abroad");
  assert.equal((await events(page, "kassa:error")).at(-1).code, "server_error");
  await page.unroute("**/v1/customer-portal/subscriptions/*");
  await page.getByTestId("sub-confirm-cancel").click();
  await until(async () => /Cancels on/.test(await text(page, "sub-status")));
});

test("the page can cancel a change: nothing is sent", async () => {
  const { page } = await screen({ product_id: PRODUCTS.STARTER, cancel_at_period_end: true });
  await page.evaluate(() => document.getElementById("sub").addEventListener("kassa:subscription-change", (e) => e.preventDefault()));
  await page.getByTestId("sub-uncancel").click();
  await page.waitForTimeout(200);
  assert.deepEqual(page.sent, []);
  assert.equal((await events(page, "kassa:subscription-change")).at(-1).action, "uncancel");
  assert.match(await text(page, "sub-status"), /Cancels on/);
});

test("destroy mid-request: the request is aborted and nothing of the screen runs after", async () => {
  const { page } = await screen({ product_id: PRODUCTS.STARTER, cancel_at_period_end: true });
  let release;
  const held = new Promise((r) => (release = r));
  await page.route("**/v1/customer-portal/subscriptions/*", async (route) => {
    if (route.request().method() !== "PATCH") return route.continue();
    await held;
    await route.continue().catch(() => {});
  });
  const failed = new Promise((resolve) => page.on("requestfailed", (r) => r.method() === "PATCH" && resolve(r.failure()?.errorText)));
  await page.getByTestId("sub-uncancel").click();
  await until(async () => page.sent.length === 1);
  const before = (await page.evaluate(() => window.events.length));
  await page.evaluate(() => window.handle.destroy());
  assert.match(await failed, /ABORTED|aborted|canceled/i);
  release();
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => document.getElementById("sub").shadowRoot.childNodes.length), 0);
  assert.equal(await page.evaluate(() => window.events.length), before, "no event of any kind after destroy: not even kassa:error for the abort");
  // A price asked just before destroy, held by the route until after it: the request is
  // aborted with the screen, and nothing it would have said is shown or fired.
  const second = await screen({ product_id: PRODUCTS.TEAM, seats: 3 });
  let letGo;
  const gate = new Promise((r) => (letGo = r));
  await second.page.route("**/change-preview", async (route) => {
    await gate;
    await route.fulfill({ status: 200, contentType: "application/json", body: JSON.stringify({ base_amount: 0, metered_amount: 0, proration_amount: 1, prorations: [], subtotal_amount: 1, discount_amount: 0, net_amount: 1, tax_amount: 0, total_amount: 1, applied_balance_amount: 0, due_amount: 1 }) }).catch(() => {});
  });
  await second.page.getByTestId("sub-open-seats").click();
  await second.page.getByTestId("input-seats").fill("5");
  await second.page.getByTestId("input-seats").dispatchEvent("change");
  await second.page.waitForTimeout(100);
  const events2 = await second.page.evaluate(() => window.events.length);
  await second.page.evaluate(() => window.handle.destroy());
  letGo();
  await second.page.waitForTimeout(300);
  assert.equal(await second.page.evaluate(() => document.getElementById("sub").shadowRoot.childNodes.length), 0);
  assert.equal(await second.page.evaluate(() => window.events.length), events2);
  await page.evaluate(() => window.handle.destroy()); // harmless twice
});

test("without an ID the customer's subscriptions are listed to pick one", async () => {
  const { page } = await screen({ product_id: PRODUCTS.STARTER }, { list: true, seeds: [{ product_id: PRODUCTS.TEAM, seats: 2, days_into_period: 20 }] });
  const items = page.getByTestId("sub-item");
  assert.equal(await items.count(), 2);
  assert.match(await items.first().innerText(), /Kassa Starter/);
  assert.deepEqual(await seriousViolations(page), []);
  await items.filter({ hasText: "Kassa Team" }).getByRole("button").click();
  await until(async () => (await text(page, "sub-product")) === "Kassa Team");
  await page.getByTestId("sub-back").click();
  await until(async () => (await items.count()) === 2);
});

test("the keyboard reaches every action, and axe finds nothing serious", async () => {
  const { page } = await screen({ product_id: PRODUCTS.TEAM, seats: 3 });
  assert.deepEqual(await seriousViolations(page), []);
  const seats = page.getByTestId("sub-open-seats");
  await seats.focus();
  await page.keyboard.press("Enter");
  await page.getByTestId("input-seats").waitFor();
  assert.equal(await seats.getAttribute("aria-expanded"), "true");
  await page.getByTestId("input-seats").focus();
  await page.keyboard.press("Enter"); // submits the form with the count as it stands
  await until(async () => page.sent.length === 1);
  await page.getByTestId("sub-open-cancel").click();
  assert.deepEqual(await seriousViolations(page), [], "with the cancel form open");
});

test("in German and in Arabic (right to left)", async () => {
  const de = await screen({ product_id: PRODUCTS.TEAM, seats: 3, status: "past_due", attempt_count: 3 }, { locale: "de-DE" });
  assert.match(await text(de.page, "sub-status"), /Überfällig\s*Überfällig seit .*Zahlungsversuch 3 von 7/s);
  assert.match(await text(de.page, "sub-price"), /36,00\s*\$\s*\/ Monat/);
  const ar = await screen({ product_id: PRODUCTS.STARTER }, { locale: "ar-EG" });
  assert.equal(await ar.page.getByTestId("subscription").getAttribute("dir"), "rtl");
  assert.match(await text(ar.page, "sub-status"), /يتجدد في/);
  await screenshot(ar.page, "subscription-arabic");
});

test("the doors: the script tag in place and on marked elements, the custom element with attribute changes, the dark theme", async () => {
  await sandbox.organization({ proration_behavior: "invoice" });
  const seed = async (extra = {}) => sandbox.seedSubscription({ customer_email: email(), product_id: PRODUCTS.TEAM, seats: 3, ...extra });
  const [a, b, c] = [await seed(), await seed({ status: "trialing", product_id: PRODUCTS.STARTER }), await seed()];
  const api = sandbox.url;
  const page = await newPage(browser);
  const url = `${sandbox.url}/subscription-doors`;
  await page.route(url, (route) => route.fulfill({
    contentType: "text/html",
    body: `<!doctype html><html lang="en"><meta charset="utf-8"><title>Doors</title><main>
      <section id="inline"><script src="/pkg/kassa-subscription.js" data-kassa-subscription data-customer-session-token="${a.customer_session.token}"
        data-subscription-id="${a.subscription.id}" data-api-base="${api}" data-locale="en-US"></script></section>
      <div class="marked" data-kassa-subscription data-customer-session-token="${b.customer_session.token}" data-api-base="${api}" data-locale="en-US" data-theme="dark"></div>
      <kassa-subscription customer-session-token="${c.customer_session.token}" subscription-id="${c.subscription.id}" api-base="${api}" locale="en-US"></kassa-subscription>
      <kassa-subscription id="early" customer-session-token="${c.customer_session.token}" subscription-id="${c.subscription.id}" api-base="${api}" locale="en-US"></kassa-subscription>
      <script src="/pkg/kassa-subscription.js"></script>
      <script>window.Kassa.subscriptionReady.then(() => document.getElementById("early").setAttribute("locale", "es-ES"));</script></main>`,
  }));
  await page.goto(url);
  await page.locator("#inline").getByTestId("sub-product").waitFor();
  assert.equal(await page.locator("#inline").getByTestId("sub-product").innerText(), "Kassa Team");
  await page.locator(".marked").getByTestId("sub-item").waitFor();
  assert.match(await page.locator(".marked").getByTestId("sub-item").innerText(), /Kassa Starter[\s\S]*Free trial until/);
  assert.equal(await page.locator(".marked").getAttribute("data-theme"), "dark");
  await screenshot(page, "subscription-doors");
  // An attribute changed while the screen was still loading is applied once it is in.
  await page.locator("#early").getByTestId("sub-status").filter({ hasText: "Se renueva el" }).waitFor();
  await page.locator("#early").evaluate((e) => e.remove());
  const el = page.locator("kassa-subscription");
  await el.getByTestId("sub-price").waitFor();
  await el.evaluate((e) => e.setAttribute("locale", "fr-FR"));
  await el.getByTestId("sub-status").filter({ hasText: "Renouvelé le" }).waitFor();
  // Without its subscription ID the element lists the customer's subscriptions.
  await el.evaluate((e) => e.removeAttribute("subscription-id"));
  await el.getByTestId("sub-item").waitFor();
  await el.evaluate((e) => e.remove());
  await page.waitForFunction(() => !document.querySelector("kassa-subscription"));
  assert.equal(await page.evaluate(() => typeof window.Kassa.mountSubscription), "function");
  assert.equal(await page.getByTestId("subscription").count(), 2, "each door once, the removed one gone");
});

test("on a 320 px screen nothing runs off it, with a change open", async () => {
  const { page } = await screen({ product_id: PRODUCTS.TEAM, seats: 4, status: "past_due" }, { list: false });
  await page.setViewportSize({ width: 320, height: 700 });
  for (const panel of ["sub-open-plan", "sub-open-seats", "sub-open-cancel"]) {
    await page.getByTestId(panel).click();
    await page.getByTestId("subscription").locator("form").waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 320, panel);
  }
  await screenshot(page, "subscription-320");
});

test("a pending change from the provider names its plan and seats, and when it applies", async () => {
  const { page, made } = await screen({ product_id: PRODUCTS.TEAM, seats: 3, pending_update: { product_id: "5a1d0000-0000-4000-8000-00000000010a", seats: 6 } });
  const day = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" }).format(new Date(made.subscription.current_period_end));
  await page.getByTestId("sub-pending").filter({ hasText: "Kassa Studio" }).waitFor();
  assert.equal((await text(page, "sub-pending")).replace(/\n+/g, "\n"), `Scheduled change\nSwitches to Kassa Studio on ${day}\n6 seats from ${day}\nDrop this change`);
});
