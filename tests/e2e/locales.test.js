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
