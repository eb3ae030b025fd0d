// Kassa's subscription screen (the npm package's `kassa/subscription` entry, and what
// the `kassa-subscription.js` script tag imports): a module of its own with a wasm of
// its own, so the checkout's first render carries none of it. Importing it touches no
// browser global; the WebAssembly loads on first use, once.
import initWasm, { mountSubscription as mountWasm } from "./kassa_portal.js";

let loading = null;

/** Loads the subscription screen's WebAssembly (`mountSubscription` calls it); harmless twice. */
export function init(options = {}) {
  const source = options.wasm ?? options.wasmUrl;
  loading ??= initWasm(source ? { module_or_path: source } : undefined);
  return loading;
}

function fail(element, code, message) {
  const note = element.ownerDocument.createElement("p");
  note.className = "kassa-unavailable";
  note.setAttribute("role", "alert");
  note.textContent = message;
  element.replaceChildren(note);
  element.dispatchEvent(new CustomEvent("kassa:error", { bubbles: true, composed: true, detail: { code, message } }));
}

/**
 * Mounts a customer's subscription screen into `element`:
 * `{ customerSessionToken, subscriptionId?, apiBase?, locale?, theme? }`. Without a
 * subscription ID it lists the customer's subscriptions to pick one. Resolves to a
 * handle with `update(options)` and `destroy()`.
 */
export async function mountSubscription(element, options) {
  if (!element || typeof element.attachShadow !== "function") {
    throw new TypeError("Kassa.mountSubscription: the first argument must be an element");
  }
  try {
    await init();
  } catch (error) {
    const blocked = /wasm-unsafe-eval|Content Security Policy|CompileError|EvalError/i.test(`${error?.name} ${error?.message}`);
    fail(
      element,
      blocked ? "wasm_blocked" : "load_failed",
      blocked
        ? "This page cannot load: its Content Security Policy does not allow WebAssembly (add 'wasm-unsafe-eval' to script-src)."
        : "Your subscription could not load. Check your connection and reload the page.",
    );
    throw error;
  }
  let handle = mountWasm(element, options);
  return {
    /** Changes options; a new theme applies in place, the others render afresh. Rejects (and keeps the screen as it was) on invalid options or once destroyed. */
    update(next) {
      if (!handle) return Promise.reject(new Error("Kassa: this subscription screen was destroyed"));
      try {
        handle.update(next);
      } catch (error) {
        return Promise.reject(error);
      }
      return Promise.resolve();
    },
    /** Removes the screen: its requests are aborted and the wasm handle freed. Harmless twice. */
    destroy() {
      if (!handle) return;
      handle.destroy();
      handle.free();
      handle = null;
    },
  };
}

const ATTRIBUTES = {
  "customer-session-token": "customerSessionToken",
  "subscription-id": "subscriptionId",
  "api-base": "apiBase",
  locale: "locale",
  theme: "theme",
};

/**
 * Defines `<kassa-subscription customer-session-token subscription-id api-base locale
 * theme>`. It mounts when it has a token and is in the document, follows attribute
 * changes and cleans up when removed. Harmless twice.
 */
export function defineSubscriptionElement(name = "kassa-subscription") {
  if (typeof customElements === "undefined" || customElements.get(name)) return;
  customElements.define(
    name,
    class KassaSubscription extends HTMLElement {
      static observedAttributes = Object.keys(ATTRIBUTES);
      #handle = null;
      #mounting = null;

      #options() {
        const options = {};
        for (const [attr, key] of Object.entries(ATTRIBUTES)) {
          if (this.hasAttribute(attr)) options[key] = this.getAttribute(attr);
        }
        return options;
      }

      connectedCallback() {
        if (this.#handle || this.#mounting || !this.getAttribute("customer-session-token")) return;
        const mounted = this.#options();
        this.#mounting = mountSubscription(this, mounted)
          .then((handle) => {
            this.#handle = handle;
            // Attributes changed while the wasm loaded: apply what they say now.
            const now = this.#options();
            const changed = Object.values(ATTRIBUTES).some((k) => now[k] !== mounted[k]);
            if (changed) {
              const next = Object.fromEntries(Object.values(ATTRIBUTES).map((k) => [k, now[k] ?? (k === "subscriptionId" ? "" : undefined)]));
              handle.update(next).catch(() => {}); // a refused update keeps the screen as it was
            }
            if (!this.isConnected) this.disconnectedCallback();
          })
          .catch(() => {})
          .finally(() => (this.#mounting = null));
      }

      attributeChangedCallback(attr, before, after) {
        if (before === after) return;
        // A removed `subscription-id` goes back to the list (`""`); another removed
        // attribute keeps what was set.
        const value = after ?? (attr === "subscription-id" ? "" : undefined);
        if (this.#handle) this.#handle.update({ [ATTRIBUTES[attr]]: value }).catch(() => {});
        else if (this.isConnected) this.connectedCallback();
      }

      disconnectedCallback() {
        queueMicrotask(() => {
          if (!this.isConnected && this.#handle) {
            this.#handle.destroy();
            this.#handle = null;
          }
        });
      }
    },
  );
}
