// @ts-check
// Kassa's card payment: Stripe's Payment Element, as Polar's own checkout uses it. Loaded
// by the widget on first need (after the form is shown, only where a payment form is
// required), never on the start-up path. Type-checked against @stripe/stripe-js.
//
// Stripe refuses to mount inside a shadow root, and the checkout lives in one: the
// element is mounted in the host's light DOM, in a `<div slot="kassa-payment">` the
// checkout projects through its `<slot name="kassa-payment">`, where the rest stays
// isolated. Appearance follows Kassa's CSS variables and its light/dark theme.

/** Where Stripe's own loader (@stripe/stripe-js 10) takes Stripe.js from. */
export const STRIPE_JS = "https://js.stripe.com/endive/stripe.js";

/** @type {Map<string, Promise<import("@stripe/stripe-js").StripeConstructor>>} */
const loading = new Map();

/**
 * Loads Stripe.js from `url` once (a page that already has it keeps its own).
 * @param {string} url
 * @returns {Promise<import("@stripe/stripe-js").StripeConstructor>}
 */
export function loadStripe(url) {
  if (window.Stripe) return Promise.resolve(window.Stripe);
  let promise = loading.get(url);
  if (!promise) {
    promise = new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = url;
      script.async = true;
      script.addEventListener("load", () => (window.Stripe ? resolve(window.Stripe) : reject(new Error("Stripe.js did not load"))));
      script.addEventListener("error", () => {
        loading.delete(url);
        script.remove();
        reject(new Error(`Stripe.js could not be loaded from ${url}`));
      });
      document.head.appendChild(script);
    });
    loading.set(url, promise);
  }
  return promise;
}

/**
 * Which Stripe.js a session pays with: the option where the merchant set one; the
 * sandbox's stand-in for a sandbox key (`pk_sandbox_…`), served by the sandbox at
 * `{apiBase}/sandbox/stripe.js`; Stripe's own otherwise. The only difference between
 * paying in the sandbox and on Polar.
 * @param {{publishableKey: string, apiBase?: string, stripeJs?: string}} options
 */
export function stripeJsUrl({ publishableKey, apiBase, stripeJs }) {
  if (stripeJs) return stripeJs;
  if (publishableKey.startsWith("pk_sandbox")) return new URL("/sandbox/stripe.js", apiBase || location.href).href;
  return STRIPE_JS;
}

/**
 * Stripe's appearance from Kassa's CSS variables as the host computes them.
 * @param {HTMLElement} host
 * @returns {import("@stripe/stripe-js").Appearance}
 */
export function appearanceOf(host) {
  const style = getComputedStyle(host);
  const css = (/** @type {string} */ name) => style.getPropertyValue(name).trim() || undefined;
  const theme = host.getAttribute("data-theme");
  const dark = theme === "dark" || (theme !== "light" && matchMedia("(prefers-color-scheme: dark)").matches);
  return {
    theme: dark ? "night" : "stripe",
    variables: {
      colorPrimary: css("--kassa-accent"),
      colorBackground: css("--kassa-bg"),
      colorText: css("--kassa-fg"),
      colorDanger: css("--kassa-danger"),
      fontFamily: css("--kassa-font"),
      borderRadius: css("--kassa-radius"),
    },
  };
}

/**
 * @typedef {object} PaymentOptions
 * @property {string} publishableKey `payment_processor_metadata.publishable_key`
 * @property {string} [locale] the checkout's locale
 * @property {string} [apiBase] the provider's base URL
 * @property {string} [stripeJs] where to load Stripe.js from, overriding the default
 * @property {"payment" | "setup"} mode `payment` when the session charges now, `setup` to save a card
 * @property {number} amount minor units, for `payment`
 * @property {string} currency lower case
 * @property {"off_session" | null} setupFutureUsage `off_session` for what recurs
 */

/**
 * @typedef {object} BillingDetails
 * @property {string | null} name
 * @property {string | null} email
 * @property {{country: string | null, line1: string | null, line2: string | null, postal_code: string | null, city: string | null, state: string | null}} address
 */

/**
 * Mounts the Payment Element for `host`'s checkout. Resolves once it is on the page.
 * @param {HTMLElement} host the checkout's element
 * @param {PaymentOptions} options
 */
export async function createPayment(host, options) {
  const Stripe = await loadStripe(stripeJsUrl(options));
  const stripe = Stripe(options.publishableKey, /** @type {any} */ ({ locale: options.locale ?? "auto" }));
  /** @param {PaymentOptions} o */
  const mode = (o) =>
    /** @type {import("@stripe/stripe-js").StripeElementsOptionsMode} */ (
      o.mode === "payment"
        ? { mode: "payment", amount: o.amount, currency: o.currency, setupFutureUsage: o.setupFutureUsage }
        : { mode: "setup", currency: o.currency, setupFutureUsage: o.setupFutureUsage ?? "off_session" }
    );
  const elements = stripe.elements({ ...mode(options), appearance: appearanceOf(host) });
  const element = elements.create("payment", {
    layout: "tabs",
    // Kassa asks for the name, email and address itself, and passes them on.
    fields: { billingDetails: { name: "never", email: "never", address: "never" } },
  });
  const slot = host.ownerDocument.createElement("div");
  slot.slot = "kassa-payment";
  slot.className = "kassa-payment-slot";
  host.appendChild(slot);
  element.mount(slot);

  // The theme follows the host: its data-theme attribute and the system's preference.
  const restyle = () => void elements.update({ appearance: appearanceOf(host) });
  const themes = new MutationObserver(restyle);
  themes.observe(host, { attributes: true, attributeFilter: ["data-theme", "style", "class"] });
  const scheme = matchMedia("(prefers-color-scheme: dark)");
  scheme.addEventListener("change", restyle);

  return {
    /**
     * Follows an applied update of the session: amount, currency, mode.
     * @param {PaymentOptions} next
     */
    update(next) {
      void elements.update(mode(next));
    },
    /**
     * Checks the card in the form (an error stays shown there, and comes back with
     * `inForm`), then makes a confirmation token for Polar's confirm.
     * @param {BillingDetails} billing
     * @returns {Promise<{token?: string, error?: {message?: string, inForm?: boolean}}>}
     */
    async confirmationToken(billing) {
      const submitted = await elements.submit();
      if (submitted.error) return { error: { message: submitted.error.message, inForm: true } };
      const { confirmationToken, error } = await stripe.createConfirmationToken({
        elements,
        params: { payment_method_data: { billing_details: billing } },
      });
      return error ? { error: { message: error.message } } : { token: confirmationToken.id };
    },
    /**
     * The bank's second step (3-D Secure) for the intent of `clientSecret`.
     * @param {string} clientSecret
     * @returns {Promise<{error?: {message?: string}}>}
     */
    async nextAction(clientSecret) {
      const { error } = await stripe.handleNextAction({ clientSecret });
      return error ? { error: { message: error.message } } : {};
    },
    /** Removes the element and everything it added to the page. */
    destroy() {
      themes.disconnect();
      scheme.removeEventListener("change", restyle);
      element.destroy();
      slot.remove();
    },
  };
}
