// Kassa's public API. The types of options, events and the session are generated from
// the Rust types into kassa_wasm.d.ts (a copy is kept in the repository and diffed in
// CI, so these never lag the runtime); this file declares the JavaScript functions.
import type { CheckoutPublic, KassaErrorDetail, KassaEventMap, KassaOptions } from "./kassa_wasm.js";

export type { CheckoutPublic, KassaErrorDetail, KassaEventMap, KassaOptions } from "./kassa_wasm.js";
export type * from "./kassa_wasm.js";

/** A mounted checkout. */
export interface KassaHandle {
  /**
   * Changes options; a new theme applies in place, the others render afresh. Resolves once
   * applied: at once, or when a new locale's sentences (`lang/{code}.json`) have loaded.
   */
  update(options: KassaOptions): Promise<void>;
  /** Removes the checkout: aborts its requests, clears its timers, frees the wasm handle. Harmless twice. */
  destroy(): void;
}

/**
 * Loads the WebAssembly once (`mount` calls it); harmless twice. `wasm` hands over a
 * download already started (`fetch(…)`), `wasmUrl` says where to fetch it.
 */
export function init(options?: { wasm?: Response | Promise<Response>; wasmUrl?: string | URL }): Promise<unknown>;
/** Mounts a checkout into `element`; rejects on invalid options or if WebAssembly cannot load. */
export function mount(element: HTMLElement, options: KassaOptions): Promise<KassaHandle>;
/** Defines `<kassa-checkout client-secret api-base locale theme>` (default name). Harmless twice. */
export function defineElement(name?: string): void;
/** The URL a checkout reads its session from: `{apiBase}/v1/checkouts/client/{clientSecret}`. */
export function sessionUrl(options: Pick<KassaOptions, "apiBase" | "clientSecret">): string;

declare global {
  interface HTMLElementEventMap extends KassaEventMap {}
  /** Set by the script-tag loader. */
  interface Window {
    Kassa?: { ready: Promise<unknown>; mount(element: HTMLElement, options: KassaOptions): Promise<KassaHandle> };
  }
}

export type { CheckoutPublic as CheckoutSession };
