// The subscription screen's API (`kassa/subscription`). The subscription's shape is
// Polar's `CustomerSubscription`; events carry the object the provider sent.

/** Options of `mountSubscription` and `update`. */
export interface KassaSubscriptionOptions {
  /** The customer session token (`polar_cst_…`), from the checkout's confirmation or `POST /v1/customer-sessions/`. */
  customerSessionToken: string;
  /** The subscription to show; without it, the customer's subscriptions are listed to pick one. */
  subscriptionId?: string;
  /** The provider's base URL. Default: `https://api.polar.sh`. */
  apiBase?: string;
  /** BCP 47 locale of text, amounts and dates. Default: the browser's language. */
  locale?: string;
  /** `light`, `dark` or `auto` (follows the system). Default: `auto`. */
  theme?: "light" | "dark" | "auto";
}

/** `detail` of `kassa:subscription-change`: cancel it (`preventDefault()`) and nothing is sent. */
export interface KassaSubscriptionChangeDetail {
  /** `plan`, `seats`, `cancel`, `uncancel`, `pause`, `unpause`, `resume`, `drop_pending` or `next_charge`. */
  action: string;
  subscriptionId: string;
  /** The body sent: one of Polar's `CustomerSubscriptionUpdate` variants, or `{next_charge_date}`. */
  body: Record<string, unknown>;
}

/** The events the screen fires on its element: bubbling, composed, cancelable. */
export interface KassaSubscriptionEventMap {
  "kassa:subscription-ready": CustomEvent<Record<string, unknown>>;
  "kassa:subscription-change": CustomEvent<KassaSubscriptionChangeDetail>;
  "kassa:subscription-updated": CustomEvent<Record<string, unknown>>;
  "kassa:error": CustomEvent<{ code: string; message: string }>;
}

/** A mounted subscription screen. */
export interface KassaSubscriptionHandle {
  update(options: Partial<KassaSubscriptionOptions>): Promise<void>;
  destroy(): void;
}

export function init(options?: { wasm?: Response | Promise<Response>; wasmUrl?: string | URL }): Promise<unknown>;
export function mountSubscription(element: HTMLElement, options: KassaSubscriptionOptions): Promise<KassaSubscriptionHandle>;
export function defineSubscriptionElement(name?: string): void;

declare global {
  interface HTMLElementEventMap extends KassaSubscriptionEventMap {}
}
