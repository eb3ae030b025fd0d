// The doors merchants use: the script tag (in place, data-target, data-kassa-checkout,
// twice), the custom element, Kassa.mount with update/destroy; the events and their
// payloads; a hostile page stylesheet; the dark theme.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { CARDS, fillCard } from "./checkout_page.js";
import { newPage, PRODUCTS, ROOT, screenshot, useSandbox } from "./harness.js";

let sandbox, browser;
useSandbox((s, b) => ([sandbox, browser] = [s, b]));

/** Serves `html` at a page on the sandbox's origin and opens it. */
async function openHtml(html, options) {
  const page = await newPage(browser, options);
  const url = `${sandbox.url}/test-page-${Math.random().toString(36).slice(2)}`;
  await page.route(url, (route) => route.fulfill({ contentType: "text/html", body: `<!doctype html><html><head><meta charset="utf-8"></head><body>${html}</body></html>` }));
  await page.goto(url);
  return page;
}

const secret = async (body = { products: [PRODUCTS.PRO] }) => (await sandbox.createSession(body)).client_secret;

test("script tag: mounts where it stands, into data-target, and every data-kassa-checkout, included twice", async () => {
  const [a, b, c, d] = [await secret(), await secret({ products: [PRODUCTS.TEAM] }), await secret(), await secret()];
  const api = sandbox.url;
  const page = await openHtml(`
    <main id="inline"><script src="/pkg/kassa.js" data-client-secret="${a}" data-api-base="${api}"></script></main>
    <section id="target-holder"><div id="here"></div></section>
    <script src="/pkg/kassa.js" data-client-secret="${b}" data-api-base="${api}" data-target="#here"></script>
    <div class="marked" data-kassa-checkout data-client-secret="${c}" data-api-base="${api}"></div>
    <div class="marked" data-kassa-checkout data-client-secret="${d}" data-api-base="${api}" data-theme="dark"></div>
    <script src="/pkg/kassa.js"></script>`);
  await page.waitForFunction(() => document.querySelectorAll("[data-testid=product-name]").length === 0 &&
    [...document.querySelectorAll("main div, #here, .marked")].every((el) => el.shadowRoot?.querySelector("[data-testid=product-name]")));
  assert.equal(await page.locator("#inline > div").count(), 1, "mounted right after the tag");
  assert.equal((await page.locator("#here").getByTestId("product-name").textContent()).trim(), "Kassa Team");
  assert.equal(await page.locator(".marked").getByTestId("form").count(), 2, "each marked element once");
  assert.equal(await page.locator(".marked").nth(1).getAttribute("data-theme"), "dark");
  assert.equal(await page.getByTestId("form").count(), 4, "four checkouts, none twice");
  assert.deepEqual(page.errors, []);
});

test("custom element: attributes, attribute changes, removal", async () => {
  const s = await secret();
  const page = await openHtml(`<kassa-checkout client-secret="${s}" api-base="${sandbox.url}" locale="en-US"></kassa-checkout>
    <script src="/pkg/kassa.js"></script>`);
  const el = page.locator("kassa-checkout");
  await el.getByTestId("total").waitFor();
  assert.equal((await el.getByTestId("total").textContent()).trim(), "$19.00");
  await el.evaluate((e) => e.setAttribute("theme", "dark"));
  await page.waitForFunction(() => document.querySelector("kassa-checkout").dataset.theme === "dark");
  await el.evaluate((e) => e.setAttribute("locale", "de-DE"));
  await el.getByTestId("total").filter({ hasText: "19,00" }).waitFor();
  assert.equal((await el.getByTestId("total").textContent()).trim(), "19,00\u00a0$");
  assert.equal(await el.locator(".kassa-total-due dt").textContent(), "Heute fällig", "German's sentences loaded");
  // Removed from the page, it cleans up: its shadow root is emptied.
  await page.evaluate(() => {
    const e = document.querySelector("kassa-checkout");
    window.removedShadow = e.shadowRoot;
    e.remove();
  });
  await page.waitForFunction(() => window.removedShadow.childElementCount === 0);
});

test("Kassa.mount: a handle that updates and destroys", async () => {
  const s = await secret();
  const page = await openHtml(`<div id="box"></div><script type="module">
      import { mount } from "/pkg/index.js";
      window.handle = await mount(document.getElementById("box"), { clientSecret: "${s}", apiBase: location.origin, locale: "en-US", theme: "light" });
    </script>`);
  await page.locator("#box").getByTestId("form").waitFor();
  assert.equal(await page.locator("#box").getAttribute("data-theme"), "light");
  await page.evaluate(() => window.handle.update({ theme: "dark" }));
  assert.equal(await page.locator("#box").getAttribute("data-theme"), "dark");
  await screenshot(page, "dark-theme");
  await page.evaluate(() => window.handle.destroy());
  assert.equal(await page.locator("#box").getByTestId("form").count(), 0);
  await page.evaluate(() => window.handle.destroy()); // harmless twice
  const bad = await page.evaluate(async () => {
    const { mount } = await import("/pkg/index.js");
    try { await mount(document.body.appendChild(document.createElement("div")), {}); return "mounted"; } catch (e) { return String(e.message ?? e); }
  });
  assert.match(bad, /clientSecret is required/);
});

test("start-up: the session's GET leaves with the wasm download, once per checkout", async () => {
  const [a, b] = [await secret(), await secret({ products: [PRODUCTS.TEAM] })];
  const page = await newPage(browser);
  // When the wasm mounts (it attaches the shadow root), the GET must already be out.
  await page.addInitScript(() => {
    const attach = Element.prototype.attachShadow;
    Element.prototype.attachShadow = function (init) {
      window.firstMount ??= performance.now();
      return attach.call(this, init);
    };
  });
  const gets = [];
  page.on("request", (r) => {
    if (r.method() === "GET" && r.url().includes("/v1/checkouts/client/")) gets.push(r.url().split("/").pop());
  });
  const url = `${sandbox.url}/test-page-prefetch`;
  // The second checkout's apiBase has a trailing slash: the JavaScript and the wasm must
  // still agree on the URL, or the wasm would ask again.
  await page.route(url, (route) => route.fulfill({ contentType: "text/html", body: `<!doctype html><meta charset="utf-8">
    <div id="a" data-kassa-checkout data-client-secret="${a}" data-api-base="${sandbox.url}"></div>
    <div id="b" data-kassa-checkout data-client-secret=" ${b} " data-api-base="${sandbox.url}/"></div>
    <script src="/pkg/kassa.js"></script>` }));
  await page.goto(url);
  await page.locator("#a").getByTestId("form").waitFor();
  await page.locator("#b").getByTestId("form").waitFor();
  assert.deepEqual(gets.sort(), [a, b].sort(), "one GET per checkout");
  const order = await page.evaluate(() => ({
    get: performance.getEntriesByType("resource").find((e) => e.name.includes("/v1/checkouts/client/")).startTime,
    mount: window.firstMount,
  }));
  assert.ok(order.get < order.mount, `GET at ${order.get} ms, wasm mounted at ${order.mount} ms`);
  assert.deepEqual(page.errors, []);
});

test("start-up: a prefetch of another URL is not used; a failed one is retried by the buyer", async () => {
  const s = await secret();
  const page = await openHtml(`<div id="x"></div><div id="y"></div><script type="module">
      import init, { mount } from "/pkg/kassa_wasm.js";
      await init();
      const other = "${sandbox.url}/v1/checkouts/client/polar_c_not_this_one";
      mount(document.getElementById("x"), { clientSecret: "${s}", apiBase: location.origin, locale: "en-US" }, { url: other, response: fetch(other) });
      const url = location.origin + "/v1/checkouts/client/${s}";
      mount(document.getElementById("y"), { clientSecret: "${s}", apiBase: location.origin, locale: "en-US" }, { url, response: Promise.reject(new TypeError("Failed to fetch")) });
    </script>`);
  page.expectErrors(/status of 404/); // the prefetch of a session that does not exist
  // The mismatching prefetch is ignored: the checkout asks its own URL and shows the session.
  await page.locator("#x").getByTestId("total").waitFor();
  assert.equal((await page.locator("#x").getByTestId("total").textContent()).trim(), "$19.00");
  // A failed prefetch is a load error with a retry that asks anew.
  await page.locator("#y").getByRole("button", { name: /try again/i }).click();
  await page.locator("#y").getByTestId("total").waitFor();
  assert.equal((await page.locator("#y").getByTestId("total").textContent()).trim(), "$19.00");
});

test("a malformed locale still mounts, formatting in the browser's default", async () => {
  const s = await secret();
  const page = await openHtml(`<div id="box"></div><script type="module">
      import { mount } from "/pkg/index.js";
      await mount(document.getElementById("box"), { clientSecret: "${s}", apiBase: location.origin, locale: "not a locale!" });
    </script>`, { locale: "en-US" });
  await page.locator("#box").getByTestId("total").waitFor();
  assert.equal((await page.locator("#box").getByTestId("total").textContent()).trim(), "$19.00");
  assert.deepEqual(page.errors, []);
});

test("events: ready, change, error, confirmed, success with preventDefault", async () => {
  const s = await secret({ products: [PRODUCTS.TEAM], customer_email: "ada@example.com", buyer_country: "DE",
    custom_field_data: { company: "Acme", team_size: "1-10", terms: true }, success_url: "https://shop.example/thanks" });
  const page = await openHtml(`<div id="box"></div><script type="module">
      import { mount } from "/pkg/index.js";
      window.events = [];
      const box = document.getElementById("box");
      for (const name of ["ready", "change", "error", "expired", "confirmed", "success"]) {
        document.addEventListener("kassa:" + name, (e) => {
          window.events.push({ name: e.type, detail: e.detail, cancelable: e.cancelable, target: e.target.id });
          if (name === "success" && window.keep) e.preventDefault();
        });
      }
      window.keep = true;
      await mount(box, { clientSecret: "${s}", apiBase: location.origin, locale: "en-US" });
    </script>`);
  page.expectErrors(/status of 400/); // the declined card
  const box = page.locator("#box");
  await box.getByTestId("form").waitFor();
  await page.waitForFunction(() => window.events.some((e) => e.name === "kassa:ready"));
  await box.getByTestId("seats-increase").click();
  await page.waitForFunction(() => window.events.some((e) => e.name === "kassa:change" && e.detail.seats === 3));
  await fillCard(box, CARDS.DECLINED);
  await box.getByTestId("pay").click();
  await page.waitForFunction(() => window.events.some((e) => e.name === "kassa:error"));
  await fillCard(box, CARDS.SUCCEEDS);
  await box.getByTestId("pay").click();
  await page.waitForFunction(() => window.events.some((e) => e.name === "kassa:success"), null, { timeout: 10000 });
  const events = await page.evaluate(() => window.events);
  const first = (name) => events.find((e) => e.name === name);
  assert.equal(first("kassa:ready").detail.client_secret, s);
  assert.equal(first("kassa:ready").target, "box");
  assert.ok(first("kassa:ready").cancelable);
  assert.deepEqual(first("kassa:error").detail, { code: "payment_failed", message: "Your card was declined." });
  assert.equal(first("kassa:confirmed").detail.status, "confirmed");
  assert.equal(first("kassa:success").detail.status, "succeeded");
  assert.equal(new URL(page.url()).host, new URL(sandbox.url).host, "preventDefault kept the buyer on the page");
});

test("success without preventDefault goes to the https success_url", async () => {
  const s = await secret({ products: [PRODUCTS.COMMUNITY], customer_email: "ada@example.com", buyer_country: "DE", success_url: "https://shop.example/thanks" });
  const page = await openHtml(`<div id="box"></div><script type="module">
      import { mount } from "/pkg/index.js";
      await mount(document.getElementById("box"), { clientSecret: "${s}", apiBase: location.origin });
    </script>`);
  await page.route("https://shop.example/**", (route) => route.fulfill({ contentType: "text/html", body: "<h1>Thanks</h1>" }));
  await page.locator("#box").getByTestId("pay").click();
  await page.waitForURL("https://shop.example/thanks", { timeout: 10000 });
});

test("a hostile page stylesheet neither breaks the widget nor receives its styles", async () => {
  const s = await secret();
  const page = await openHtml(`<style>* { all: unset !important; } div { display: none; } button { color: red; }</style>
    <p class="kassa-price" id="outside">outside</p>
    <div id="box" data-kassa-checkout data-client-secret="${s}" data-api-base="${sandbox.url}"></div>
    <script src="/pkg/kassa.js"></script>`);
  const box = page.locator("#box");
  await box.getByTestId("pay").waitFor();
  assert.ok(await box.getByTestId("product-name").isVisible());
  assert.ok(await box.getByTestId("pay").isVisible());
  const pay = await box.getByTestId("pay").evaluate((b) => getComputedStyle(b).backgroundColor);
  assert.equal(pay, "rgb(59, 91, 219)", "the widget keeps its own styles");
  const outside = await page.locator("#outside").evaluate((p) => getComputedStyle(p).fontSize);
  assert.notEqual(outside, "28px", "its styles stay inside");
  await screenshot(page, "hostile-page");
});

test("JavaScript and the wasm build the same session URL, reserved characters and defaults included", async () => {
  const page = await openHtml(`<p>urls</p>`);
  const cases = [
    { clientSecret: "polar_c_abc" },
    { clientSecret: " polar_c_abc ", apiBase: "https://api.polar.sh/" },
    { clientSecret: "a/b?c#d&e=f g%h+i", apiBase: sandbox.url },
    { clientSecret: "!'()*~._-", apiBase: `${sandbox.url}//` },
    { clientSecret: "ü€😀", apiBase: "" },
  ];
  const urls = await page.evaluate(async (cases) => {
    const js = await import("/pkg/index.js");
    const wasm = await import("/pkg/kassa_wasm.js");
    await wasm.default();
    return cases.map((c) => [js.sessionUrl(c), wasm.sessionUrl(c.apiBase, c.clientSecret)]);
  }, cases);
  for (const [i, [fromJs, fromWasm]] of urls.entries()) {
    assert.equal(fromWasm, fromJs, `case ${i}`);
  }
  assert.equal(urls[0][0], "https://api.polar.sh/v1/checkouts/client/polar_c_abc", "Polar is the default");
  assert.equal(urls[2][0], `${sandbox.url}/v1/checkouts/client/a%2Fb%3Fc%23d%26e%3Df%20g%25h%2Bi`);
});

test("an invalid theme is refused with a clear error; the types name the three themes", async () => {
  const s = await secret();
  const page = await openHtml(`<div id="box"></div>`);
  const message = await page.evaluate(async ([s, api]) => {
    const { mount } = await import("/pkg/index.js");
    try { await mount(document.getElementById("box"), { clientSecret: s, apiBase: api, theme: "purple" }); return "mounted"; } catch (e) { return String(e.message ?? e); }
  }, [s, sandbox.url]);
  assert.match(message, /theme must be "light", "dark" or "auto"/);
  const types = readFileSync(join(ROOT, "pkg", "kassa_wasm.d.ts"), "utf8");
  assert.match(types, /export type Theme = "light" \| "dark" \| "auto";/);
  assert.match(types, /theme\?: Theme/);
});
