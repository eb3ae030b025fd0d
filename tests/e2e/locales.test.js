// Locales: the option drives words and amounts; without it the browser's language does;
// Arabic lays out right to left.
import { test } from "node:test";
import assert from "node:assert/strict";
import { newPage, PRODUCTS, screenshot, useSandbox } from "./harness.js";

let sandbox, browser;
useSandbox((s, b) => ([sandbox, browser] = [s, b]));

async function open(query, contextLocale = "en-US") {
  const session = await sandbox.createSession({ products: [PRODUCTS.PRO] });
  const page = await newPage(browser, { locale: contextLocale });
  await page.goto(`${sandbox.url}/?client_secret=${session.client_secret}${query}`);
  await page.getByTestId("form").waitFor();
  return page;
}

const rowLabel = (page) => page.locator(".kassa-total-due dt").textContent();

test("German words and amounts", async () => {
  const page = await open("&locale=de-DE");
  assert.equal(await rowLabel(page), "Heute fällig");
  assert.equal((await page.getByTestId("total").textContent()).trim(), "19,00\u00a0$");
  assert.equal((await page.getByTestId("price").textContent()).trim(), "19,00\u00a0$ / Monat");
});

test("the browser's language is the default", async () => {
  const page = await open("", "fr-FR");
  assert.equal(await rowLabel(page), "À payer aujourd'hui");
  assert.equal((await page.getByTestId("total").textContent()).trim(), "19,00\u00a0$US");
});

test("Arabic lays out right to left", async () => {
  const page = await open("&locale=ar-EG");
  const root = page.locator("#checkout").locator(".kassa");
  assert.equal(await root.getAttribute("dir"), "rtl");
  assert.equal(await root.getAttribute("lang"), "ar-EG");
  assert.equal(await rowLabel(page), "المستحق اليوم");
  assert.equal((await page.getByTestId("total").textContent()).trim(), "\u200f١٩٫٠٠\u00a0US$");
  // The label sits right of the amount.
  const label = await page.locator(".kassa-total-due dt").boundingBox();
  const amount = await page.locator(".kassa-total-due dd").boundingBox();
  assert.ok(label.x > amount.x, "right to left");
  await screenshot(page, "arabic");
});

test("Japanese", async () => {
  const page = await open("&locale=ja-JP");
  assert.equal(await rowLabel(page), "本日のお支払い");
  assert.equal((await page.getByTestId("pay").textContent()).trim(), "$19.00を支払う");
});

/** The requests of `page` for language tables, by file name, in the order sent. */
function tableRequests(page) {
  const seen = [];
  page.on("request", (r) => {
    const url = new URL(r.url());
    if (url.pathname.startsWith("/pkg/lang/")) seen.push(url.pathname.slice("/pkg/lang/".length));
    if (url.pathname.endsWith("/kassa_wasm_bg.wasm")) seen.push("wasm");
  });
  return seen;
}

test("only the buyer's language travels, requested before the wasm; English needs none", async () => {
  const session = await sandbox.createSession({ products: [PRODUCTS.PRO] });
  const german = await newPage(browser, { locale: "en-US" });
  const sent = tableRequests(german);
  await german.goto(`${sandbox.url}/?client_secret=${session.client_secret}&locale=de-CH`);
  await german.getByTestId("form").waitFor();
  assert.deepEqual(sent, ["de.json", "wasm"], "one table, sent alongside the wasm, not after it");
  assert.equal(await rowLabel(german), "Heute fällig");

  const english = await newPage(browser, { locale: "en-GB" });
  const none = tableRequests(english);
  await english.goto(`${sandbox.url}/?client_secret=${session.client_secret}`);
  await english.getByTestId("form").waitFor();
  assert.deepEqual(none, ["wasm"]);
  assert.equal(await rowLabel(english), "Total due today");
});

test("a language whose sentences cannot load shows English, left to right, and says why in the console", async () => {
  const session = await sandbox.createSession({ products: [PRODUCTS.PRO] });
  const page = await newPage(browser, { locale: "en-US" });
  page.expectErrors(/status of 404/);
  const warnings = [];
  page.on("console", (m) => m.type() === "warning" && warnings.push(m.text()));
  await page.route("**/pkg/lang/ar.json", (route) => route.fulfill({ status: 404, body: "" }));
  await page.goto(`${sandbox.url}/?client_secret=${session.client_secret}&locale=ar-EG`);
  await page.getByTestId("form").waitFor();
  const root = page.locator("#checkout").locator(".kassa");
  assert.equal(await root.getAttribute("dir"), "ltr");
  assert.equal(await rowLabel(page), "Total due today");
  assert.equal((await page.getByTestId("total").textContent()).trim(), "\u200f١٩٫٠٠\u00a0US$", "amounts still in the locale");
  assert.ok(warnings.some((w) => /the ar sentences could not load \(HTTP 404\)/.test(w)), warnings.join("\n"));

  // A table that lacks a sentence is refused whole, as is one for a language Kassa lacks.
  const refused = await page.evaluate(async () => {
    // The raw wasm-bindgen module, a second instance beside the one index.js holds.
    const wasm = await import("/pkg/kassa_wasm.js");
    await wasm.default();
    const messages = [];
    for (const [code, table] of [["fr", { pay: "Payer {}" }], ["xx", {}]]) {
      try {
        wasm.registerTexts(code, table);
      } catch (error) {
        messages.push(String(error.message ?? error));
      }
    }
    return messages;
  });
  assert.deepEqual(refused, ['invalid language table: the fr table has no sentence "loading"', 'invalid language table: no language "xx"']);
});

test("a new locale at run time loads its sentences; updates apply in the order made", async () => {
  const session = await sandbox.createSession({ products: [PRODUCTS.PRO] });
  const page = await newPage(browser, { locale: "en-US" });
  const url = `${sandbox.url}/locale-page`;
  await page.route(url, (route) => route.fulfill({ contentType: "text/html", body: `<!doctype html><meta charset="utf-8"><div id="box"></div>
    <script type="module">
      import { mount } from "/pkg/index.js";
      window.handle = await mount(document.getElementById("box"), { clientSecret: "${session.client_secret}", apiBase: location.origin, locale: "en-US" });
    </script>` }));
  // Japanese's table is slow to come; French's is quick.
  await page.route("**/pkg/lang/ja.json", async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 400));
    await route.continue();
  });
  await page.goto(url);
  await page.locator("#box").getByTestId("form").waitFor();
  await page.evaluate(() => Promise.all([window.handle.update({ locale: "ja-JP" }), window.handle.update({ locale: "fr-FR" })]));
  const row = page.locator("#box .kassa-total-due dt");
  await row.filter({ hasText: "À payer aujourd'hui" }).waitFor();
  assert.equal(await page.locator("#box .kassa").getAttribute("lang"), "fr-FR", "French, asked last, wins");
  await page.evaluate(() => window.handle.update({ locale: "nl-NL" }));
  await row.filter({ hasText: "Vandaag te betalen" }).waitFor();
});

test("the languages the JavaScript fetches are the tables the build writes", async () => {
  const { readFileSync, readdirSync } = await import("node:fs");
  const root = new URL("../../", import.meta.url);
  const list = readFileSync(new URL("js/index.js", root), "utf8").match(/const LANGUAGES = (\[[^\]]*\])/)[1];
  const files = readdirSync(new URL("pkg/lang/", root)).map((f) => f.replace(/\.json$/, ""));
  assert.deepEqual(JSON.parse(list).sort(), files.sort());
});
