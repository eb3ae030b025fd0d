// The code the first render does not need (the closing screens, the payment flow, the
// request bodies, the parts only some sessions have) is a chunk of its own
// (src/ui/chunks.rs): the checkout is interactive before it arrives, it is fetched once
// the form is up (or as the form is built, for a part only some sessions have), and a
// chunk that cannot be fetched is offered again, not lost.
import { test } from "node:test";
import assert from "node:assert/strict";
import { newPage, PRODUCTS, screenshot, until, useSandbox } from "./harness.js";
import { CheckoutPage } from "./checkout_page.js";

let sandbox, browser;
useSandbox((s, b) => ([sandbox, browser] = [s, b]));

const CHUNK = "**/pkg/split_after.wasm";

/** Opens a checkout with `route` installed on the chunk before the page loads. */
async function openWithChunk(route, products = [PRODUCTS.PRO]) {
  const session = await sandbox.createSession({ products });
  const page = await newPage(browser);
  await page.route(CHUNK, route);
  const c = new CheckoutPage(page, sandbox);
  c.secret = session.client_secret;
  await page.goto(`${sandbox.url}/?client_secret=${session.client_secret}`);
  await page.getByTestId("form").waitFor();
  return c;
}

/** Expires the session under the page, then edits: the answer is the expired screen. */
async function expire(c) {
  c.page.expectErrors(/status of 410/);
  await sandbox.fault(c.secret, { fault: "expire" });
  await c.field("customer_name").fill("Ada");
  await c.field("customer_name").blur();
}

test("the form is interactive while the chunk is on its way; an edit made meanwhile is sent once it arrives", async () => {
  let release, requested;
  const held = new Promise((r) => (release = r));
  const prefetched = new Promise((r) => (requested = r));
  const asked = [];
  const c = await openWithChunk(async (route) => {
    asked.push(Date.now());
    requested();
    await held;
    await route.continue();
  }, [PRODUCTS.TEAM]);
  // Fetched once the form is up, without being asked for by anything on screen.
  await prefetched;
  assert.equal(asked.length, 1, "prefetched once the form is on the page");
  // Meanwhile the buyer edits: the form takes it and says it is saving; the body's
  // writer is in the chunk, so the PATCH leaves when the chunk is in.
  await c.field("customer_name").fill("Ada Lovelace");
  await c.field("customer_name").blur();
  await c.testId("seats-increase").click();
  assert.equal(await c.testId("seats-input").inputValue(), "3", "the stepper answers at once");
  assert.match(await c.text("sync-status"), /Saving/);
  assert.equal(c.patches.length, 0);
  release();
  await c.settled();
  const server = await c.server();
  assert.equal(server.customer_name, "Ada Lovelace");
  assert.equal(server.seats, 3);
  // Once it has arrived, a closing screen needs no second fetch.
  await expire(c);
  const screen = c.testId("screen");
  await screen.waitFor();
  assert.equal(await screen.getAttribute("data-phase"), "expired");
  assert.equal(asked.length, 1, "the chunk was fetched once");
});

test("a chunk that cannot be fetched is offered again, and then shows its screen", async () => {
  // A checkout opened after it was paid: its first screen is a closing one, in the chunk.
  const session = await sandbox.createSession({ products: [PRODUCTS.PRO] });
  const page = await newPage(browser);
  page.expectErrors(/split_after\.wasm|Failed to fetch|ERR_INTERNET_DISCONNECTED/);
  let fail = true, asked = 0;
  await page.route(CHUNK, (route) => {
    asked++;
    return fail ? route.abort("internetdisconnected") : route.continue();
  });
  await page.route(`**/v1/checkouts/client/${session.client_secret}`, async (route) => {
    const answer = await route.fetch();
    await route.fulfill({ response: answer, json: { ...(await answer.json()), status: "succeeded" } });
  });
  await page.goto(`${sandbox.url}/?client_secret=${session.client_secret}`);
  const failed = page.getByTestId("load-failed");
  await failed.waitFor();
  assert.equal(await failed.getAttribute("role"), "alert");
  assert.match(await failed.textContent(), /Something went wrong.*Check your connection/);
  const events = await page.locator("[data-event='kassa:error']").allTextContents();
  assert.ok(events.some((e) => e.includes("chunk_unavailable")), `${events}`);
  await screenshot(page, "chunk-failed");
  // Still unreachable: the retry asks again (a failure is not cached), fails the same
  // way, and says so again.
  const before = asked;
  await page.getByTestId("load-retry").click();
  await until(() => asked > before);
  await failed.waitFor();
  fail = false;
  await page.getByTestId("load-retry").click();
  const screen = page.getByTestId("screen");
  await screen.waitFor();
  assert.equal(await screen.getAttribute("data-phase"), "succeeded");
  assert.equal(await page.getByTestId("load-failed").count(), 0);
});

test("an edit made while the chunk cannot be fetched is kept, retried, and saved once it can", async () => {
  let fail = true;
  const c = await openWithChunk((route) => (fail ? route.abort("internetdisconnected") : route.continue()));
  c.page.expectErrors(/split_after\.wasm|Failed to fetch|ERR_INTERNET_DISCONNECTED/);
  await c.field("customer_name").fill("Ada Lovelace");
  await c.field("customer_name").blur();
  await c.testId("sync-status").filter({ hasText: /retrying/ }).waitFor();
  assert.equal(await c.field("customer_name").inputValue(), "Ada Lovelace", "the edit stays on screen");
  assert.equal(c.patches.length, 0, "nothing was sent without its body's writer");
  fail = false;
  await until(async () => (await c.server()).customer_name === "Ada Lovelace");
  await c.settled();
  assert.equal(c.patches.length, 1);
});

test("paying while the chunk cannot be fetched says so and changes nothing; paying again once it can goes through", async () => {
  let fail = true;
  const session = await sandbox.createSession({ products: [PRODUCTS.COMMUNITY], customer_email: "ada@example.com" });
  const page = await newPage(browser);
  await page.route(CHUNK, (route) => (fail ? route.abort("internetdisconnected") : route.continue()));
  page.expectErrors(/split_after\.wasm|Failed to fetch|ERR_INTERNET_DISCONNECTED/);
  const c = new CheckoutPage(page, sandbox);
  c.secret = session.client_secret;
  await page.goto(`${sandbox.url}/?client_secret=${session.client_secret}`);
  await page.getByTestId("form").waitFor();
  await c.testId("pay").click();
  await c.testId("notice").filter({ hasText: /connection/i }).waitFor();
  assert.ok(await c.testId("pay").isEnabled(), "the buyer can pay again");
  assert.equal((await c.server()).status, "open", "nothing was confirmed");
  fail = false;
  await c.testId("pay").click();
  await page.locator("[data-phase=succeeded]").waitFor({ timeout: 10000 });
  assert.equal((await c.server()).status, "succeeded");
});

test("a part only some sessions have waits for its code, and is offered again if it cannot be fetched", async () => {
  // A pay-what-you-want price: its amount field's code is in the chunk, which such a
  // session fetches as its form is built.
  let fail = true, asked = 0;
  const c = await openWithChunk((route) => {
    asked++;
    return fail ? route.abort("internetdisconnected") : route.continue();
  }, [PRODUCTS.SUPPORT]);
  c.page.expectErrors(/split_after\.wasm|Failed to fetch|ERR_INTERNET_DISCONNECTED/);
  const failed = c.testId("load-failed");
  await failed.waitFor();
  await screenshot(c.page, "part-failed");
  assert.equal(await c.testId("amount-input").count(), 0);
  // The rest of the form is there and takes edits meanwhile.
  await c.field("customer_name").fill("Ada");
  const events = await c.page.locator("[data-event='kassa:error']").allTextContents();
  assert.ok(events.some((e) => e.includes("chunk_unavailable")), `${events}`);
  fail = false;
  const before = asked;
  await c.testId("load-retry").click();
  await c.testId("amount-input").waitFor();
  assert.ok(asked > before, "asked again");
  assert.equal(await c.testId("amount-input").inputValue(), "10.00", "the suggested amount");
  assert.equal(await c.testId("load-failed").count(), 0);
  await c.testId("amount-input").fill("12.50");
  await c.testId("amount-input").blur();
  await c.settled();
  const server = await c.server();
  assert.equal(server.amount, 1250);
  assert.equal(server.customer_name, "Ada");
});
