// Kassa's JavaScript API (the npm package's entry, and what the script-tag loader
// imports). Importing it touches no browser global, so it is safe under server-side
// rendering; the WebAssembly loads on first use, once.
import initWasm, { mount as mountWasm, registerTexts } from "./kassa_wasm.js";

let loading = null;

/** Where `apiBase` points when it is not given (the wasm's `DEFAULT_API_BASE`). */
const DEFAULT_API_BASE = "https://api.polar.sh";

/**
 * The URL a checkout reads its session from: the one place JavaScript builds it. The
 * wasm builds the same (`sessionUrl` in `kassa_wasm.js`, `session_url` in `src/api.rs`):
 * the base without trailing slashes, the trimmed secret through `encodeURIComponent`.
 * The end-to-end tests hold the two to agree, reserved characters included.
 */
export function sessionUrl(options) {
  const base = (options?.apiBase ?? DEFAULT_API_BASE).replace(/\/+$/, "");
  return `${base}/v1/checkouts/client/${encodeURIComponent(String(options?.clientSecret ?? "").trim())}`;
}

/**
 * Loads the WebAssembly module. Called by `mount`; calling it yourself (to start the
 * download early) is harmless, and calling it twice returns the same promise.
 * `wasm` is the module's download already under way (a `Response` or its promise), as
 * the script-tag loader starts it; `wasmUrl` says where to fetch it instead.
 */
export function init(options = {}) {
  const source = options.wasm ?? options.wasmUrl;
  loading ??= initWasm(source ? { module_or_path: source } : undefined);
  return loading;
}

/**
 * Starts the session's `GET` at once, so it travels while the WebAssembly loads. The
 * checkout uses the answer only if it would ask the very same URL; if the two ever
 * disagree it asks again, which costs a request, never correctness.
 */
function prefetch(options) {
  if (typeof fetch !== "function" || typeof options?.clientSecret !== "string" || !options.clientSecret.trim()) return undefined;
  const url = sessionUrl(options);
  const abort = new AbortController();
  const response = fetch(url, { headers: { Accept: "application/json" }, signal: abort.signal });
  response.catch(() => {}); // a failure is reported by the checkout, not as unhandled
  return { url, response, abort };
}

/**
 * Makes the browser load its number-formatting data now, while the WebAssembly is still
 * downloading: the page's first `Intl.NumberFormat` costs ~10 ms of main thread (more on
 * slow devices), which would otherwise land in the checkout's first render.
 */
function warmIntl(locale) {
  try {
    new Intl.NumberFormat(locale, { style: "currency", currency: "USD" }).format(1);
  } catch {
    // An invalid locale: the checkout falls back to the browser's; warming is only a head start.
  }
}

/**
 * The languages whose sentences ship beside this file as `lang/{code}.json`; English is
 * built into the wasm. The same list as `Lang::ALL` in `core/src/i18n.rs`, from which the
 * build writes the files; the end-to-end tests hold the two to agree.
 */
const LANGUAGES = ["de", "fr", "es", "nl", "pt", "ja", "ar"];
const texts = new Map();

/**
 * Starts fetching the sentences of `locale`'s language (the browser's when none is
 * given), once per page, in parallel with the wasm: only the buyer's language travels.
 * Resolves to `{ code, table }`, or null when the file cannot load (the checkout then
 * speaks English, and a later mount tries again). Returns null for English.
 */
function loadTexts(locale) {
  const code = String(locale ?? globalThis.navigator?.language ?? "").split(/[-_]/)[0].toLowerCase();
  if (!LANGUAGES.includes(code) || typeof fetch !== "function") return null;
  if (!texts.has(code)) {
    const table = fetch(new URL(`./lang/${code}.json`, import.meta.url))
      .then((response) => {
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        return response.json();
      })
      .then((table) => ({ code, table }))
      .catch((error) => {
        console.warn(`Kassa: the ${code} sentences could not load (${error?.message}); the checkout shows English`);
        texts.delete(code);
        return null;
      });
    texts.set(code, table);
  }
  return texts.get(code);
}

/** Hands a loaded table to the wasm; a table it refuses leaves the checkout in English. */
function register(loaded) {
  if (!loaded) return;
  try {
    registerTexts(loaded.code, loaded.table);
  } catch (error) {
    console.warn(`Kassa: ${error?.message ?? error}; the checkout shows English`);
  }
}

/** Fires `kassa:error` on `element` and shows `message` in it, without any style attribute. */
function fail(element, code, message) {
  const note = element.ownerDocument.createElement("p");
  note.className = "kassa-unavailable";
  note.setAttribute("role", "alert");
  note.textContent = message;
  element.replaceChildren(note);
  element.dispatchEvent(new CustomEvent("kassa:error", { bubbles: true, composed: true, detail: { code, message } }));
}

/**
 * What the wasm calls back into: the card form, loaded only when a checkout needs one,
 * after its form is on the screen (a bundler makes `payment.js` a chunk of its own).
 */
const HOOKS = {
  payment: (host, options) => import("./payment.js").then((m) => m.createPayment(host, options)),
};

/**
 * Mounts a checkout into `element`. Resolves to a handle with `update(options)` and
 * `destroy()`. See the README for every option and its default.
 */
export async function mount(element, options) {
  if (!element || typeof element.attachShadow !== "function") {
    throw new TypeError("Kassa.mount: the first argument must be an element");
  }
  const session = prefetch(options);
  const sentences = loadTexts(options?.locale);
  warmIntl(options?.locale);
  try {
    await init();
    register(await sentences);
  } catch (error) {
    const blocked = /wasm-unsafe-eval|Content Security Policy|CompileError|EvalError/i.test(`${error?.name} ${error?.message}`);
    const message = blocked
      ? "This checkout cannot load: the page's Content Security Policy does not allow WebAssembly (add 'wasm-unsafe-eval' to script-src)."
      : "This checkout could not load. Check your connection and reload the page.";
    fail(element, blocked ? "wasm_blocked" : "load_failed", message);
    throw error;
  }
  let handle;
  try {
    handle = mountWasm(element, options, session, HOOKS);
  } catch (error) {
    session?.abort.abort();
    throw error;
  }
  let pending = null; // the last update waiting for a language's sentences
  return {
    /**
     * Changes options; a new theme applies in place. Throws once destroyed. Resolves once
     * applied: at once, or when a new locale's sentences have loaded (updates apply in
     * the order they were made).
     */
    update(next) {
      if (!handle) throw new Error("Kassa: this checkout was destroyed");
      const sentences = typeof next?.locale === "string" ? loadTexts(next.locale) : null;
      if (!sentences && !pending) {
        handle.update(next);
        return Promise.resolve();
      }
      const applied = (pending ?? Promise.resolve()).then(async () => {
        register(await sentences);
        handle?.update(next);
      });
      pending = applied;
      const settle = () => {
        if (pending === applied) pending = null;
      };
      applied.then(settle, settle);
      return applied;
    },
    /**
     * Removes the checkout: its requests are aborted, its timers cleared, and the wasm
     * handle is freed. Harmless twice.
     */
    destroy() {
      if (!handle) return;
      session?.abort.abort();
      handle.destroy();
      handle.free();
      handle = null;
    },
  };
}

const ATTRIBUTES = {
  "client-secret": "clientSecret",
  "api-base": "apiBase",
  locale: "locale",
  theme: "theme",
  "stripe-js": "stripeJs",
};

/**
 * Defines `<kassa-checkout client-secret api-base locale theme>`. It mounts when it has
 * a client secret and is in the document, reacts to attribute changes and cleans up
 * when removed. Harmless twice; does nothing where there is no `customElements`.
 */
export function defineElement(name = "kassa-checkout") {
  if (typeof customElements === "undefined" || customElements.get(name)) return;
  customElements.define(
    name,
    class KassaCheckout extends HTMLElement {
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
        if (this.#handle || this.#mounting || !this.getAttribute("client-secret")) return;
        this.#mounting = mount(this, this.#options())
          .then((handle) => {
            this.#handle = handle;
            if (!this.isConnected) this.disconnectedCallback();
          })
          .catch(() => {})
          .finally(() => (this.#mounting = null));
      }

      attributeChangedCallback(attr, before, after) {
        if (before === after) return;
        if (this.#handle) this.#handle.update({ [ATTRIBUTES[attr]]: after ?? undefined });
        else if (this.isConnected) this.connectedCallback();
      }

      disconnectedCallback() {
        // A move within the document reconnects at once: only clean up if it stays out.
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
