// A checkout lives inside someone else's page: destroying one while it is busy (a slow
// PATCH in flight, a retry waiting, a payment pending, the countdown ticking) must leave
// nothing of it running and no error in the page, and another checkout on the same page
// must go on saving. The harness fails each test on any page or console error.
import { test } from "node:test";
import assert from "node:assert/strict";
import { CARDS, fillCard } from "./checkout_page.js";
import { newPage, PRICES, PRODUCTS, useSandbox } from "./harness.js";

let sandbox, browser;
useSandbox((s, b) => ([sandbox, browser] = [s, b]));

const pro = (extra = {}) => sandbox.createSession({ products: [PRODUCTS.PRO], ...extra });

/**
 * A page on the sandbox's origin with checkouts `a` and `b` mounted by the JS API
 * (`window.handles.a`, `.b`), and every request to the client endpoints recorded with
 * the session it was for.
 */
async function twoCheckouts(a, b) {
  const page = await newPage(browser);
  const url = `${sandbox.url}/two-checkouts`;
  await page.route(url, (route) => route.fulfill({
    contentType: "text/html",
    body: `<!doctype html><meta charset="utf-8"><div id="a"></div><div id="b"></div>
      <script type="module">
        import { mount } from "/pkg/index.js";
        const options = (clientSecret) => ({ clientSecret, apiBase: location.origin, locale: "en-US" });
        window.handles = { a: await mount(document.getElementById("a"), options("${a.client_secret}")),
                           b: await mount(document.getElementById("b"), options("${b.client_secret}")) };
      </script>`,
  }));
  page.sent = [];
  page.on("request", (r) => {
    const m = r.url().match(/\/v1\/checkouts\/client\/([^/?]+)/);
    if (m) page.sent.push({ secret: m[1], method: r.method(), at: Date.now(), path: new URL(r.url()).pathname });
  });
  await page.goto(url);
  await page.locator("#a").getByTestId("form").waitFor();
  await page.locator("#b").getByTestId("form").waitFor();
  await page.waitForFunction(() => window.handles?.a && window.handles?.b);
  return page;
}

/** Destroys checkout `name`; its shadow root is empty afterwards. */
async function destroy(page, name) {
  await page.evaluate((n) => window.handles[n].destroy(), name);
  assert.equal(await page.locator(`#${name}`).getByTestId("form").count(), 0);
}

/** Checkout `b` switches to yearly and the server has it. */
async function secondStillSaves(page, b) {
  await page.locator("#b").getByTestId(`plan-${PRICES.PRO_YEARLY}`).check();
  await page.locator("#b").getByTestId("subtotal").filter({ hasText: "$190.00" }).waitFor();
  const server = (await sandbox.getSession(b.client_secret)).body;
  assert.equal(server.product_price_id, PRICES.PRO_YEARLY);
}

/** Waits in the page until `ms` milliseconds from now have passed (for an asserted absence). */
const pageTimePasses = (page, ms) => page.evaluate((ms) => new Promise((r) => setTimeout(r, ms)), ms);

test("destroy during a slow PATCH: the request is aborted, nothing of it runs", async () => {
  const [a, b] = [await pro(), await pro()];
  const page = await twoCheckouts(a, b);
  await sandbox.fault(a.client_secret, { fault: "slow", delay_ms: 800 });
  const patch = page.waitForRequest((r) => r.method() === "PATCH" && r.url().includes(a.client_secret));
  await page.locator("#a").getByTestId(`plan-${PRICES.PRO_YEARLY}`).check();
  const request = await patch;
  await destroy(page, "a");
  // The browser gave up the request; the server, which already had it, still applied it.
  assert.equal((await request.response()), null, "aborted: no answer reached the page");
  assert.match(request.failure()?.errorText ?? "", /ABORTED/i);
  await secondStillSaves(page, b);
});

test("destroy during a retry wait: the retry never goes", async () => {
  const [a, b] = [await pro(), await pro()];
  const page = await twoCheckouts(a, b);
  await sandbox.fault(a.client_secret, { fault: "server_error" });
  const failed = page.waitForResponse((r) => r.request().method() === "PATCH" && r.url().includes(a.client_secret));
  await page.locator("#a").getByTestId(`plan-${PRICES.PRO_YEARLY}`).check();
  assert.equal((await failed).status(), 500);
  page.expectErrors(/status of 500/);
  await destroy(page, "a");
  const destroyedAt = Date.now();
  await pageTimePasses(page, 1200); // the retry was due 500 ms after the failure
  await secondStillSaves(page, b);
  assert.deepEqual(page.sent.filter((r) => r.secret === a.client_secret && r.at > destroyedAt), [], "nothing sent for a after destroy");
  assert.equal((await sandbox.getSession(a.client_secret)).body.product_price_id, PRICES.PRO_MONTHLY);
});

test("destroy while paying is pending: the confirm is aborted and the poll never runs", async () => {
  const ready = { customer_email: "ada@example.com", buyer_country: "DE" };
  const [a, b] = [await pro(ready), await pro()];
  const page = await twoCheckouts(a, b);
  // First payment: confirmed, then destroyed while the widget polls for the settlement.
  await fillCard(page.locator("#a"), CARDS.SUCCEEDS);
  await page.locator("#a").getByTestId("pay").click();
  await page.locator("#a").locator("[data-phase=processing]").waitFor();
  await destroy(page, "a");
  const destroyedAt = Date.now();
  await pageTimePasses(page, 1200); // two poll periods
  assert.deepEqual(page.sent.filter((r) => r.secret === a.client_secret && r.at > destroyedAt), [], "no poll after destroy");
  await secondStillSaves(page, b);
});

test("destroy while the confirm itself is in flight", async () => {
  const ready = { customer_email: "ada@example.com", buyer_country: "DE" };
  const [a, b] = [await pro(ready), await pro()];
  const page = await twoCheckouts(a, b);
  await sandbox.fault(a.client_secret, { fault: "slow", delay_ms: 800 });
  const confirm = page.waitForRequest((r) => r.method() === "POST" && r.url().endsWith(`${a.client_secret}/confirm`));
  await fillCard(page.locator("#a"), CARDS.SUCCEEDS);
  await page.locator("#a").getByTestId("pay").click();
  const request = await confirm;
  await destroy(page, "a");
  assert.equal(await request.response(), null);
  // The server took the payment; the page hears nothing of it.
  const deadline = Date.now() + 5000;
  while ((await sandbox.getSession(a.client_secret)).body.status === "open" && Date.now() < deadline) {
    await pageTimePasses(page, 50);
  }
  await secondStillSaves(page, b);
});

test("destroy during the countdown: the clock stops with it", async () => {
  const [a, b] = [await pro({ expires_in_seconds: 300 }), await pro()];
  const page = await twoCheckouts(a, b);
  await page.locator("#a").getByTestId("countdown").waitFor();
  await destroy(page, "a");
  await pageTimePasses(page, 1500); // the countdown ticks every second
  await secondStillSaves(page, b);
});

test("removing <kassa-checkout> during a slow PATCH cleans it up like destroy", async () => {
  const [a, b] = [await pro(), await pro()];
  const page = await newPage(browser);
  const url = `${sandbox.url}/element-removal`;
  await page.route(url, (route) => route.fulfill({
    contentType: "text/html",
    body: `<!doctype html><meta charset="utf-8">
      <kassa-checkout id="a" client-secret="${a.client_secret}" api-base="${sandbox.url}" locale="en-US"></kassa-checkout>
      <kassa-checkout id="b" client-secret="${b.client_secret}" api-base="${sandbox.url}" locale="en-US"></kassa-checkout>
      <script src="/pkg/kassa.js"></script>`,
  }));
  await page.goto(url);
  await page.locator("#a").getByTestId("form").waitFor();
  await page.locator("#b").getByTestId("form").waitFor();
  await sandbox.fault(a.client_secret, { fault: "slow", delay_ms: 800 });
  const patch = page.waitForRequest((r) => r.method() === "PATCH" && r.url().includes(a.client_secret));
  await page.locator("#a").getByTestId(`plan-${PRICES.PRO_YEARLY}`).check();
  const request = await patch;
  await page.evaluate(() => { window.removed = document.getElementById("a").shadowRoot; document.getElementById("a").remove(); });
  await page.waitForFunction(() => window.removed.childElementCount === 0);
  assert.equal(await request.response(), null, "aborted");
  await secondStillSaves(page, b);
});
