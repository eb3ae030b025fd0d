// A page object for the checkout form: what a buyer does, by test id and label.
import { newPage } from "./harness.js";

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

  /** The control of a field path (`customer_billing_address.city`). */
  field(path) {
    return this.page.locator(`#kassa-${path.replaceAll(".", "-")}`);
  }
}
