// The buyer's details, discount codes, custom fields and a pay-what-you-want amount,
// each saved to the server; a refused value shows beside its field and stays typed.
import { test } from "node:test";
import assert from "node:assert/strict";
import { PRODUCTS, screenshot, useSandbox } from "./harness.js";
import { CheckoutPage } from "./checkout_page.js";

let sandbox, browser;
useSandbox((s, b) => ([sandbox, browser] = [s, b]));

test("details are saved and tax follows the country", async () => {
  const c = await CheckoutPage.open(browser, sandbox, { products: [PRODUCTS.PRO] });
  await c.field("customer_email").fill("ada@example.com");
  await c.field("customer_name").fill("Ada Lovelace");
  await c.testId("country").selectOption("DE");
  await c.testId("business").check();
  await c.field("customer_billing_name").fill("Analytical Engines GmbH");
  await c.field("customer_billing_address.line1").fill("Unter den Linden 1");
  await c.field("customer_billing_address.postal_code").fill("10117");
  await c.field("customer_billing_address.city").fill("Berlin");
  await c.field("customer_tax_id").fill("de 123 456 789");
  await c.field("customer_tax_id").blur();
  await c.settled();
  const s = await c.server();
  assert.equal(s.customer_email, "ada@example.com");
  assert.equal(s.customer_name, "Ada Lovelace");
  assert.equal(s.is_business_customer, true);
  assert.equal(s.customer_billing_name, "Analytical Engines GmbH");
  assert.deepEqual([s.customer_billing_address.country, s.customer_billing_address.city], ["DE", "Berlin"]);
  assert.equal(s.customer_tax_id, "DE123456789");
  // 19 % German VAT on $19.00, added on top.
  assert.equal(await c.text("tax"), "$3.61");
  assert.equal(await c.text("total"), "$22.61");
  assert.equal(await c.field("customer_tax_id").inputValue(), "DE123456789", "the server's normalized value once saved");
  assert.equal(await c.text("still-needed"), "");
  assert.ok(await c.testId("pay").isEnabled());
});

test("a 422 shows beside its field and the typed value stays", async () => {
  const c = await CheckoutPage.open(browser, sandbox, { products: [PRODUCTS.PRO] });
  c.page.expectErrors(/status of 422/);
  await c.field("customer_email").fill("not-an-email");
  await c.field("customer_email").blur();
  await c.testId("error-customer_email").filter({ hasText: "valid email" }).waitFor();
  assert.equal(await c.field("customer_email").inputValue(), "not-an-email");
  assert.equal(await c.field("customer_email").getAttribute("aria-invalid"), "true");
  assert.equal(await c.field("customer_email").getAttribute("aria-describedby"), "kassa-customer_email-error");
  assert.equal((await c.server()).customer_email, null, "nothing was saved");
  await screenshot(c.page, "field-error");
  await c.field("customer_email").fill("ada@example.com");
  await c.field("customer_email").blur();
  await c.settled();
  assert.equal(await c.text("error-customer_email"), "");
  assert.equal((await c.server()).customer_email, "ada@example.com");
});

test("a discount code applies and comes off", async () => {
  const c = await CheckoutPage.open(browser, sandbox, { products: [PRODUCTS.PRO] });
  c.page.expectErrors(/status of 422/); // the unknown code
  await c.testId("discount-input").fill("nope");
  await c.testId("discount-apply").click();
  await c.testId("error-discount_code").filter({ hasText: "not found" }).waitFor();
  await c.testId("discount-input").fill("launch20");
  await c.testId("discount-apply").click();
  await c.testId("discount-applied").waitFor();
  await c.settled();
  assert.equal(await c.text("discount-amount"), "−$3.80");
  assert.equal(await c.text("total"), "$15.20");
  await c.testId("discount-remove").click();
  await c.testId("discount-input").waitFor();
  await c.settled();
  assert.equal(await c.testId("discount-amount").count(), 0);
  assert.equal(await c.text("total"), "$19.00");
  assert.equal((await c.server()).discount, null);
});

test("custom fields of every type are saved", async () => {
  const c = await CheckoutPage.open(browser, sandbox, { products: [PRODUCTS.TEAM] });
  await c.testId("custom-company").fill("Acme");
  await c.testId("custom-team_size").selectOption("11-50");
  await c.testId("custom-developers").fill("12");
  await c.testId("custom-start_date").fill("2026-12-01");
  await c.testId("custom-terms").check();
  await c.testId("custom-developers").blur();
  await c.settled();
  assert.deepEqual((await c.server()).custom_field_data, {
    company: "Acme", team_size: "11-50", developers: 12, start_date: "2026-12-01", terms: true,
  });
});

test("a pay-what-you-want amount is checked as typed and saved", async () => {
  const c = await CheckoutPage.open(browser, sandbox, { products: [PRODUCTS.SUPPORT] });
  assert.equal(await c.testId("amount-input").inputValue(), "10.00", "the suggested amount");
  await c.testId("amount-input").fill("2");
  assert.match(await c.text("amount-local-error"), /at least \$3\.00/);
  await c.testId("amount-input").fill("12.50");
  await c.testId("amount-input").blur();
  await c.settled();
  assert.equal(await c.text("amount-local-error"), "");
  assert.equal((await c.server()).amount, 1250);
  assert.equal(await c.text("total"), "$12.50");
});
