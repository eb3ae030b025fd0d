// A page object for the checkout form: what a buyer does, by test id and label.
import { newPage } from "./harness.js";

/** Stripe's test cards: the sandbox's stand-in for Stripe.js takes them as Stripe does. */
export const CARDS = {
  SUCCEEDS: "4242 4242 4242 4242",
  DECLINED: "4000 0000 0000 0002",
  AUTHENTICATES: "4000 0027 6000 3184",
};

/**
 * Types a card into the card form of the checkout in `scope` (a page or a locator):
 * Stripe's Payment Element, here the sandbox's stand-in, in the host's light DOM.
 */
export async function fillCard(scope, number, { exp = "12 / 34", cvc = "123" } = {}) {
  const form = scope.locator(".kassa-payment-slot");
  await form.locator("#number").waitFor();
  await form.locator("#number").fill(number);
  await form.locator("#exp").fill(exp);
  await form.locator("#cvc").fill(cvc);
}

export class CheckoutPage {
  constructor(page, sandbox) {
    this.page = page;
    this.sandbox = sandbox;
    /** Every PATCH the widget sent, as { body, at }. */
    this.patches = [];
    page.on("request", (r) => {
      if (r.method() === "PATCH" && r.url().includes("/v1/checkouts/client/")) {
        this.patches.push({ body: JSON.parse(r.postData() ?? "{}"), at: Date.now() });
      }
    });
  }

  /** Opens a new page on a session created with `body`. */
  static async open(browser, sandbox, body, options = {}) {
    const session = await sandbox.createSession(body);
    const page = await newPage(browser, options);
    const checkout = new CheckoutPage(page, sandbox);
    checkout.session = session;
    checkout.secret = session.client_secret;
    const locale = options.locale ?? "en-US";
    await page.goto(`${sandbox.url}/?client_secret=${session.client_secret}&locale=${locale}`);
    await page.getByTestId("form").waitFor();
    return checkout;
  }

  testId(id) {
    return this.page.getByTestId(id);
  }

  async text(id) {
    return (await this.testId(id).textContent()).trim();
  }

  /** Waits until the widget has nothing unsaved. */
  async settled() {
    await this.page.waitForFunction(() => {
      const root = document.querySelector("#checkout")?.shadowRoot ?? document;
      const s = root.querySelector("[data-testid=sync-status]");
      const totals = root.querySelector("[data-testid=totals]");
      return s && s.textContent.trim() === "" && totals?.getAttribute("aria-busy") === "false";
    });
  }

  /** The session as the server holds it now. */
  async server() {
    return (await this.sandbox.getSession(this.secret)).body;
  }

  /** Types a test card into the card form. */
  async card(number, options) {
    await fillCard(this.page, number, options);
  }

  /** Types a test card and presses Pay. */
  async payWith(number, options) {
    await this.card(number, options);
    await this.testId("pay").click();
  }

  /** The control of a field path (`customer_billing_address.city`). */
  field(path) {
    return this.page.locator(`#kassa-${path.replaceAll(".", "-")}`);
  }
}
