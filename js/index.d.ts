// Kassa's public API. (Written by hand for now; to be generated from the Rust types and
// diffed in CI — see issue 6.)

/** Options of `mount` and `handle.update`. */
export interface KassaOptions {
  /** The session's client secret. Required by `mount`. */
  clientSecret?: string;
  /** The provider's base URL. Default: `https://api.polar.sh`. */
  apiBase?: string;
  /** BCP 47 locale of text and amounts. Default: the browser's language. */
  locale?: string;
  /** `light`, `dark` or `auto` (follows the system). Default: `auto`. */
  theme?: "light" | "dark" | "auto";
}

/** A mounted checkout. */
export interface KassaHandle {
  /** Changes options; a new theme applies in place. */
  update(options: KassaOptions): void;
  /** Removes the checkout. Harmless twice. */
  destroy(): void;
}

/** Polar's `CheckoutPublic` (snake_case, amounts in minor units). */
export type CheckoutSession = Record<string, unknown> & {
  id: string;
  status: "open" | "expired" | "confirmed" | "succeeded" | "failed";
  client_secret: string;
  currency: string;
  amount: number;
  total_amount: number;
  success_url: string;
};

/** `detail` of `kassa:error`. */
export interface KassaErrorDetail {
  code: string;
  message: string;
}

/** The events a checkout fires on its element (bubbling, composed, cancelable). */
export interface KassaEventMap {
  "kassa:ready": CustomEvent<CheckoutSession>;
  "kassa:change": CustomEvent<CheckoutSession>;
  "kassa:error": CustomEvent<KassaErrorDetail>;
  "kassa:expired": CustomEvent<CheckoutSession | null>;
  "kassa:confirmed": CustomEvent<CheckoutSession>;
  "kassa:success": CustomEvent<CheckoutSession>;
}

/** Loads the WebAssembly once (called by `mount`). */
export function init(options?: { wasmUrl?: string | URL }): Promise<unknown>;
/** Mounts a checkout into `element`. */
export function mount(element: HTMLElement, options: KassaOptions): Promise<KassaHandle>;
/** Defines `<kassa-checkout>` (default name). */
export function defineElement(name?: string): void;
