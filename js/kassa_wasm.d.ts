/* tslint:disable */
/* eslint-disable */
/**
 * The `ReadableStreamType` enum.
 *
 * *This API requires the following crate features to be activated: `ReadableStreamType`*
 */

export type ReadableStreamType = "bytes";

/** Status of a checkout session. */
export type CheckoutStatus = "open" | "expired" | "confirmed" | "succeeded" | "failed" | (string & {});
/** Whether a session's tax is included in its prices or added to them. */
export type TaxBehavior = "inclusive" | "exclusive" | (string & {});
/** Whether a price includes tax: by the buyer's location, included, or added. */
export type TaxBehaviorOption = "location" | "inclusive" | "exclusive" | (string & {});
/** How a price's amount is determined. */
export type AmountType = "fixed" | "custom" | "seat_based" | "metered_unit" | (string & {});
/** Legacy price type. */
export type PriceType = "one_time" | "recurring" | (string & {});
/** How seat tiers price a count. */
export type SeatTierType = "volume" | "graduated" | (string & {});
/** A recurring or trial interval unit. */
export type Interval = "day" | "week" | "month" | "year" | (string & {});
/** Whether a discount takes a fixed amount or a percentage off. */
export type DiscountType = "fixed" | "percentage" | (string & {});
/** How long a discount applies to a subscription. */
export type DiscountDuration = "once" | "forever" | "repeating" | (string & {});
/** Whether a billing address field is shown, and whether it must be filled. */
export type FieldMode = "required" | "optional" | "disabled" | (string & {});
/** The kind of input a custom field asks for. */
export type CustomFieldType = "text" | "number" | "date" | "checkbox" | "select" | (string & {});



/** `detail` of `kassa:error`. */
export interface KassaErrorDetail {
    code: string;
    message: string;
}

/** The events a checkout fires on its element: bubbling, composed, cancelable. */
export interface KassaEventMap {
    "kassa:ready": CustomEvent<CheckoutPublic>;
    "kassa:change": CustomEvent<CheckoutPublic>;
    "kassa:error": CustomEvent<KassaErrorDetail>;
    "kassa:expired": CustomEvent<CheckoutPublic | null>;
    "kassa:confirmed": CustomEvent<CheckoutPublic>;
    "kassa:success": CustomEvent<CheckoutPublic>;
}


/**
 * A benefit the product grants, shown as a line under the product.
 */
export interface Benefit {
    /**
     * The ID of the benefit.
     */
    id: string;
    /**
     * Creation timestamp.
     */
    created_at: string;
    /**
     * Last modification timestamp.
     */
    modified_at?: string | null;
    /**
     * Benefit type (`custom`, `license_keys`, …).
     */
    type: string;
    /**
     * What the buyer gets, in the merchant's words.
     */
    description: string;
    /**
     * Whether the benefit can be selected.
     */
    selectable?: boolean;
    /**
     * Whether the benefit can be deleted.
     */
    deletable?: boolean;
    /**
     * Whether the benefit was deleted (then it is not shown).
     */
    is_deleted?: boolean;
    /**
     * The ID of the organization owning the benefit.
     */
    organization_id: string;
}

/**
 * A billing address (Polar's `Address`). Only `country` is always present: it decides
 * tax, and which other fields are required.
 */
export interface Address {
    /**
     * First street line.
     */
    line1?: string | null;
    /**
     * Second street line.
     */
    line2?: string | null;
    /**
     * Postal or ZIP code.
     */
    postal_code?: string | null;
    /**
     * City.
     */
    city?: string | null;
    /**
     * State, province or region, as ISO 3166-2 (`US-CA`) where Polar requires one.
     */
    state?: string | null;
    /**
     * ISO 3166-1 alpha-2 country code.
     */
    country: string;
}

/**
 * A custom field attached to the checkout, with its order and whether it is required.
 */
export interface AttachedCustomField {
    /**
     * The ID of the custom field.
     */
    custom_field_id: string;
    /**
     * The field itself.
     */
    custom_field: CustomField;
    /**
     * Position in the form.
     */
    order: number;
    /**
     * Whether the buyer must fill it.
     */
    required: boolean;
}

/**
 * A custom field definition.
 */
export interface CustomField {
    /**
     * The ID of the field.
     */
    id: string;
    /**
     * Creation timestamp.
     */
    created_at: string;
    /**
     * Last modification timestamp.
     */
    modified_at?: string | null;
    /**
     * Merchant metadata.
     */
    metadata?: Record<string, unknown>;
    /**
     * Input kind.
     */
    type: CustomFieldType;
    /**
     * Key of the value in `custom_field_data`.
     */
    slug: string;
    /**
     * Name of the field.
     */
    name: string;
    /**
     * The ID of the organization owning the field.
     */
    organization_id: string;
    /**
     * Presentation and constraints.
     */
    properties?: CustomFieldProperties;
}

/**
 * A payment amount and, where the buyer's currency differs, its local counterpart.
 */
export interface AmountPair {
    /**
     * What is charged.
     */
    payment: PaymentAmount;
    /**
     * What it is worth in the buyer's currency.
     */
    local?: LocalAmount | null;
}

/**
 * An amount converted into the buyer's local currency: shown for orientation only.
 */
export interface LocalAmount {
    /**
     * Minor units.
     */
    amount: number;
    /**
     * Currency code.
     */
    currency: string;
    /**
     * Decimal places of the currency as the processor counts them (wins over ISO).
     */
    currency_decimals?: number | null;
    /**
     * Payment → local rate, as a JSON number or a decimal string.
     */
    currency_exchange_rate?: number | string | null;
    /**
     * `left` or `right`.
     */
    currency_position?: string | null;
    /**
     * The server's symbol.
     */
    currency_symbol?: string | null;
    /**
     * The server's own rendering.
     */
    formatted_amount?: string | null;
    /**
     * The server's psychologically rounded rendering (`€0.99`).
     */
    formatted_amount_rounded?: string | null;
}

/**
 * An amount in the payment currency: what the buyer is charged.
 */
export interface PaymentAmount {
    /**
     * Minor units.
     */
    amount: number;
    /**
     * Currency code.
     */
    currency: string;
    /**
     * Decimal places of the currency as the processor counts them (wins over ISO).
     */
    currency_decimals?: number | null;
    /**
     * `left` or `right`: where the server would put the symbol (fallback formatting).
     */
    currency_position?: string | null;
    /**
     * The server's symbol (fallback formatting).
     */
    currency_symbol?: string | null;
    /**
     * The server's own rendering, used only when the browser cannot format.
     */
    formatted_amount?: string | null;
}

/**
 * Local-currency details of the plan: the recurring price (`payment`/`local`), the
 * amount due now and the trial.
 */
export interface PlanCurrencyDetails {
    /**
     * The recurring (or one-time) price in the payment currency.
     */
    payment: PaymentAmount;
    /**
     * The same in the local currency.
     */
    local?: LocalAmount | null;
    /**
     * The amount due today.
     */
    due_now?: AmountPair | null;
    /**
     * The trial price, if the plan has a trial.
     */
    trial?: AmountPair | null;
}

/**
 * One option of a select field.
 */
export interface SelectOption {
    /**
     * Stored value.
     */
    value: string;
    /**
     * Label shown to the buyer.
     */
    label: string;
}

/**
 * One tier of seat-based pricing.
 */
export interface SeatTier {
    /**
     * First seat count of the tier.
     */
    min_seats: number;
    /**
     * Last seat count of the tier; `None` for unlimited.
     */
    max_seats?: number | null;
    /**
     * Price of each seat in this tier, in minor units.
     */
    price_per_seat: number;
}

/**
 * Options of [`mount`] and [`KassaHandle::update`], as JavaScript passes them.
 */
export interface KassaOptions {
    /**
     * The session's client secret. Required by `mount`.
     */
    clientSecret?: string | undefined;
    /**
     * The provider's base URL. Default: `https://api.polar.sh`.
     */
    apiBase?: string | undefined;
    /**
     * BCP 47 locale of text and amounts. Default: the browser's language.
     */
    locale?: string | undefined;
    /**
     * `light`, `dark` or `auto` (follows the system). Default: `auto`.
     */
    theme?: Theme | undefined;
    /**
     * Where the card form's Stripe.js comes from. Default: Stripe's own
     * (`https://js.stripe.com/…`), or, for a sandbox key, the sandbox's stand-in at
     * `{apiBase}/sandbox/stripe.js`.
     */
    stripeJs?: string | undefined;
}

/**
 * PayNext-style `currency_details`.
 */
export interface CurrencyDetails {
    /**
     * Details of the selected plan.
     */
    plan: PlanCurrencyDetails;
}

/**
 * Polar's `CheckoutDiscount*` union, as one struct: the fields of the other shapes are
 * absent from the JSON, as on Polar.
 */
export interface CheckoutDiscount {
    /**
     * The ID of the discount.
     */
    id: string;
    /**
     * Name shown to the buyer.
     */
    name: string;
    /**
     * Fixed or percentage.
     */
    type: DiscountType;
    /**
     * How long it applies.
     */
    duration: DiscountDuration;
    /**
     * Months a repeating discount lasts.
     */
    duration_in_months?: number;
    /**
     * The code the buyer typed, if it came from a code.
     */
    code?: string | null;
    /**
     * Fixed discount amount, in minor units of `currency`.
     */
    amount?: number;
    /**
     * Currency of a fixed discount.
     */
    currency?: string;
    /**
     * Fixed discount amount per currency.
     */
    amounts?: Record<string, number>;
    /**
     * Percentage discount in basis points (1000 = 10 %).
     */
    basis_points?: number;
}

/**
 * Polar's `CheckoutProduct`: a product with its prices, benefits and media.
 */
export interface CheckoutProduct {
    /**
     * The ID of the product.
     */
    id: string;
    /**
     * Creation timestamp.
     */
    created_at: string;
    /**
     * Last modification timestamp.
     */
    modified_at?: string | null;
    /**
     * Trial interval unit configured on the product.
     */
    trial_interval?: Interval | null;
    /**
     * Number of trial interval units.
     */
    trial_interval_count?: number | null;
    /**
     * The product's name (merchant text, never HTML).
     */
    name: string;
    /**
     * The product's description (merchant text, Markdown on Polar, shown as text).
     */
    description?: string | null;
    /**
     * `public` or `private`.
     */
    visibility?: string;
    /**
     * Billing interval of a subscription product; `None` for a one-time product.
     */
    recurring_interval?: Interval | null;
    /**
     * Number of interval units per billing cycle (2 with `month` = every 2 months).
     */
    recurring_interval_count?: number | null;
    /**
     * How often metered usage is billed, where the product has metered prices.
     */
    meter_interval?: Interval | null;
    /**
     * Number of `meter_interval` units per metered billing cycle.
     */
    meter_interval_count?: number | null;
    /**
     * Whether the product is a subscription.
     */
    is_recurring: boolean;
    /**
     * Whether the product is archived.
     */
    is_archived?: boolean;
    /**
     * The ID of the organization owning the product.
     */
    organization_id: string;
    /**
     * The product's prices.
     */
    prices: ProductPrice[];
    /**
     * Benefits granted by the product.
     */
    benefits?: Benefit[];
    /**
     * Product media, passed through untouched.
     */
    medias?: unknown[];
}

/**
 * Polar's `CheckoutPublic`, plus Kassa's optional `currency_details`.
 */
export interface CheckoutPublic {
    /**
     * The ID of the checkout.
     */
    id: string;
    /**
     * Creation timestamp.
     */
    created_at: string;
    /**
     * Last modification timestamp.
     */
    modified_at?: string | null;
    /**
     * Values of the custom fields, by slug.
     */
    custom_field_data?: Record<string, unknown>;
    /**
     * Payment processor (`stripe`; the sandbox says `stripe` too).
     */
    payment_processor: string;
    /**
     * Status of the session.
     */
    status: CheckoutStatus;
    /**
     * Secret used to read, update and confirm the session from the browser.
     */
    client_secret: string;
    /**
     * URL of the hosted checkout.
     */
    url: string;
    /**
     * When the session expires.
     */
    expires_at: string;
    /**
     * Where the buyer goes after paying.
     */
    success_url: string;
    /**
     * Where a back button leads, if set.
     */
    return_url?: string | null;
    /**
     * Origin of the embedding page, if embedded.
     */
    embed_origin?: string | null;
    /**
     * Amount before discounts and taxes, in minor units.
     */
    amount: number;
    /**
     * Seats, for seat-based prices.
     */
    seats?: number | null;
    /**
     * Fewest seats allowed, for seat-based prices.
     */
    min_seats?: number | null;
    /**
     * Most seats allowed, for seat-based prices.
     */
    max_seats?: number | null;
    /**
     * Discount amount, in minor units.
     */
    discount_amount?: number;
    /**
     * Amount after discounts, before taxes.
     */
    net_amount?: number;
    /**
     * Tax amount; `None` while there is not enough information to compute it.
     */
    tax_amount?: number | null;
    /**
     * Whether prices include tax; `None` while tax is not computed.
     */
    tax_behavior?: TaxBehavior | null;
    /**
     * Amount after discounts and taxes: what is charged now.
     */
    total_amount: number;
    /**
     * Currency code of the session, lower case.
     */
    currency: string;
    /**
     * Whether the trial is enabled.
     */
    allow_trial?: boolean | null;
    /**
     * Trial interval unit in force, if any.
     */
    active_trial_interval?: Interval | null;
    /**
     * Trial interval count in force, if any.
     */
    active_trial_interval_count?: number | null;
    /**
     * End of the trial, if any.
     */
    trial_end?: string | null;
    /**
     * The ID of the merchant's organization.
     */
    organization_id?: string;
    /**
     * Selected product.
     */
    product_id?: string | null;
    /**
     * Selected price.
     */
    product_price_id?: string | null;
    /**
     * Applied discount.
     */
    discount_id?: string | null;
    /**
     * Whether the buyer may enter discount codes.
     */
    allow_discount_codes?: boolean;
    /**
     * Whether the full billing address is required.
     */
    require_billing_address?: boolean;
    /**
     * Whether a discount can apply to the selected price.
     */
    is_discount_applicable?: boolean;
    /**
     * Whether the selected price is free.
     */
    is_free_product_price?: boolean;
    /**
     * Whether a payment is needed.
     */
    is_payment_required?: boolean;
    /**
     * Whether a payment method must be set up regardless of the amount.
     */
    is_payment_setup_required?: boolean;
    /**
     * Whether the payment form is needed at all.
     */
    is_payment_form_required?: boolean;
    /**
     * The customer, once known. Never changes after creation.
     */
    customer_id?: string | null;
    /**
     * Whether the buyer purchases as a business.
     */
    is_business_customer?: boolean;
    /**
     * Buyer's name.
     */
    customer_name?: string | null;
    /**
     * Buyer's email.
     */
    customer_email?: string | null;
    /**
     * Buyer's IP address.
     */
    customer_ip_address?: string | null;
    /**
     * Name on the invoice, for business purchases.
     */
    customer_billing_name?: string | null;
    /**
     * Billing address.
     */
    customer_billing_address?: Address | null;
    /**
     * Tax ID (VAT number).
     */
    customer_tax_id?: string | null;
    /**
     * Locale of the session.
     */
    locale?: string | null;
    /**
     * The payment method type the buyer picked (`card`, …).
     */
    payment_method_type?: string | null;
    /**
     * Processor data (publishable key, the intent's status and secret). Values are
     * strings on Polar today; anything else is kept and ignored.
     */
    payment_processor_metadata?: Record<string, unknown>;
    /**
     * Which billing address fields are required, optional or hidden.
     */
    billing_address_fields?: BillingAddressFields;
    /**
     * Products the buyer can choose from.
     */
    products?: CheckoutProduct[];
    /**
     * The selected product.
     */
    product?: CheckoutProduct | null;
    /**
     * The selected price.
     */
    product_price?: ProductPrice | null;
    /**
     * Prices per product ID.
     */
    prices?: Record<string, ProductPrice[]> | null;
    /**
     * The applied discount.
     */
    discount?: CheckoutDiscount | null;
    /**
     * The merchant.
     */
    organization: CheckoutOrganization;
    /**
     * Custom fields to fill.
     */
    attached_custom_fields?: AttachedCustomField[] | null;
    /**
     * Token for reading the order right after confirmation (`CheckoutPublicConfirmed`);
     * only present in the answer to a confirm.
     */
    customer_session_token?: string;
    /**
     * Kassa extension: the buyer's local currency beside the payment currency.
     */
    currency_details?: CurrencyDetails;
}

/**
 * Polar's `ProductPrice` (and `LegacyRecurringProductPrice`), one struct for every
 * `amount_type`.
 */
export interface ProductPrice {
    /**
     * Creation timestamp.
     */
    created_at: string;
    /**
     * Last modification timestamp.
     */
    modified_at?: string | null;
    /**
     * The ID of the price.
     */
    id: string;
    /**
     * `catalog` or `ad_hoc`.
     */
    source?: string;
    /**
     * How the amount is determined.
     */
    amount_type: AmountType;
    /**
     * Currency code, lower case (`"usd"`).
     */
    price_currency: string;
    /**
     * Whether the price includes tax; `None` follows the organization's default.
     */
    tax_behavior?: TaxBehaviorOption | null;
    /**
     * Whether the price is archived.
     */
    is_archived?: boolean;
    /**
     * The ID of the product the price belongs to.
     */
    product_id: string;
    /**
     * Legacy: whether the price recurs (only on legacy recurring prices).
     */
    type?: PriceType;
    /**
     * Legacy: the interval of a recurring price (only on legacy recurring prices).
     */
    recurring_interval?: Interval;
    /**
     * Fixed price amount, in minor units.
     */
    price_amount?: number;
    /**
     * Pay-what-you-want minimum, in minor units.
     */
    minimum_amount?: number;
    /**
     * Pay-what-you-want maximum, in minor units (`null` for none: written on custom prices).
     */
    maximum_amount?: number | null;
    /**
     * Pay-what-you-want amount suggested to the buyer (`null` for none: written on custom prices).
     */
    preset_amount?: number | null;
    /**
     * Seat tiers of a seat-based price.
     */
    seat_tiers?: SeatTiers;
    /**
     * Metered: the price of one unit, in minor units, as a decimal string ("0.5").
     */
    unit_amount?: string;
    /**
     * Metered: the most a billing period can cost, in minor units (`null` for no cap).
     */
    cap_amount?: number | null;
    /**
     * Metered: the ID of the meter.
     */
    meter_id?: string;
    /**
     * Metered: the meter.
     */
    meter?: PriceMeter;
    /**
     * Legacy: `true` on legacy recurring prices.
     */
    legacy?: boolean;
}

/**
 * Polar's `billing_address_fields`: the mode of each address field for this session.
 */
export interface BillingAddressFields {
    /**
     * Country selector.
     */
    country: FieldMode;
    /**
     * State or province.
     */
    state: FieldMode;
    /**
     * City.
     */
    city: FieldMode;
    /**
     * Postal code.
     */
    postal_code: FieldMode;
    /**
     * First street line.
     */
    line1: FieldMode;
    /**
     * Second street line.
     */
    line2: FieldMode;
}

/**
 * Presentation and constraints of a custom field.
 */
export interface CustomFieldProperties {
    /**
     * Label shown to the buyer (else the field's name).
     */
    form_label?: string;
    /**
     * Help text under the field.
     */
    form_help_text?: string;
    /**
     * Placeholder.
     */
    form_placeholder?: string;
    /**
     * Multi-line text.
     */
    textarea?: boolean;
    /**
     * Shortest text.
     */
    min_length?: number;
    /**
     * Longest text.
     */
    max_length?: number;
    /**
     * Smallest number, or earliest date as a Unix timestamp.
     */
    ge?: number;
    /**
     * Largest number, or latest date as a Unix timestamp.
     */
    le?: number;
    /**
     * Options of a select field.
     */
    options?: SelectOption[];
}

/**
 * Seat tiers of a seat-based price (Polar's `ProductPriceSeatTiers`).
 */
export interface SeatTiers {
    /**
     * Volume or graduated; volume where absent.
     */
    seat_tier_type?: SeatTierType;
    /**
     * Tiers, sorted by `min_seats`, contiguous.
     */
    tiers: SeatTier[];
    /**
     * Fewest seats that can be bought.
     */
    minimum_seats?: number | null;
    /**
     * Most seats that can be bought; `None` for unlimited.
     */
    maximum_seats?: number | null;
}

/**
 * The colour scheme of a checkout.
 */
export type Theme = "light" | "dark" | "auto";

/**
 * The merchant's organization as shown in the checkout.
 */
export interface CheckoutOrganization {
    /**
     * Creation timestamp.
     */
    created_at: string;
    /**
     * Last modification timestamp.
     */
    modified_at?: string | null;
    /**
     * The ID of the organization.
     */
    id: string;
    /**
     * Name shown in the checkout.
     */
    name: string;
    /**
     * Unique slug.
     */
    slug: string;
    /**
     * Avatar URL.
     */
    avatar_url?: string | null;
    /**
     * How subscription changes are prorated.
     */
    proration_behavior?: string;
    /**
     * Whether customers can update their subscriptions.
     */
    allow_customer_updates?: boolean;
}

/**
 * The meter a metered price counts (Polar's `ProductPriceMeter`).
 */
export interface PriceMeter {
    /**
     * The ID of the meter.
     */
    id: string;
    /**
     * Its name ("API calls").
     */
    name: string;
    /**
     * Its unit (`scalar`, `token`, …, or `custom` with `custom_label`).
     */
    unit?: string | null;
    /**
     * The unit's label where `unit` is `custom`.
     */
    custom_label?: string | null;
    /**
     * How many metered units make one billed unit, where set.
     */
    custom_multiplier?: number | null;
}





/**
 * A mounted checkout; `update(options)` changes it, `destroy()` removes it.
 */
export class KassaHandle {
    private constructor();
    free(): void;
    [Symbol.dispose](): void;
    /**
     * Removes the checkout from the page and releases what it holds. Harmless twice.
     */
    destroy(): void;
    /**
     * Changes options. A new theme is applied in place; a new client secret, API base
     * or locale renders the checkout afresh.
     */
    update(options: any): void;
}

/**
 * Mounts a checkout into `element`:
 * `mount(el, { clientSecret, apiBase?, locale?, theme?, stripeJs? }, prefetched?, hooks?)`,
 * where `prefetched` is `{url, response}`: a `GET` of the session JavaScript already
 * started (used only if its URL is the one the checkout would ask), and `hooks` is
 * `{payment}`: the loader of the card form, `(host, options) → Promise`.
 */
export function mount(element: HTMLElement, options: any, prefetched: any, hooks: any): KassaHandle;

/**
 * `registerTexts(code, table)`: the sentences of a language besides English, as
 * `js/index.js` fetched them from `lang/{code}.json` beside the wasm, in parallel with it,
 * before a checkout in that language mounts. A table lacking a sentence is refused whole
 * and the checkout speaks English: half a translation reads worse than none.
 */
export function registerTexts(code: string, table: any): void;

/**
 * `sessionUrl(apiBase?, clientSecret)`: the URL a checkout reads its session from, as
 * the wasm builds it. `js/index.js` builds the same URL for the request it starts before
 * the wasm loads; the end-to-end tests hold the two to agree.
 */
export function sessionUrl(api_base: string | null | undefined, client_secret: string): string;

export type InitInput = RequestInfo | URL | Response | BufferSource | WebAssembly.Module;

export interface InitOutput {
    readonly _a: (a: number, b: number) => void;
    readonly _b: (a: number) => void;
    readonly _c: (a: number, b: any) => [number, number];
    readonly _d: (a: any, b: any, c: any, d: any) => [number, number, number];
    readonly _e: (a: number, b: number, c: any) => [number, number];
    readonly _f: (a: number, b: number, c: number, d: number) => [number, number];
    readonly __indirect_function_table: WebAssembly.Table;
    readonly memory: WebAssembly.Memory;
    readonly _g: (a: number, b: number, c: any, d: any) => void;
    readonly _h: (a: number, b: number, c: any) => [number, number];
    readonly _i: (a: number, b: number, c: any) => void;
    readonly _j: (a: number, b: number) => void;
    readonly _k: (a: number, b: number) => number;
    readonly _l: (a: number, b: number, c: number, d: number) => number;
    readonly _m: (a: number, b: number, c: number) => void;
    readonly _n: (a: number) => void;
    readonly _o: () => number;
    readonly _p: WebAssembly.Table;
    readonly _q: (a: number, b: number) => void;
    readonly _r: (a: number) => void;
    readonly _s: () => void;
}

export type SyncInitInput = BufferSource | WebAssembly.Module;

/**
 * Instantiates the given `module`, which can either be bytes or
 * a precompiled `WebAssembly.Module`.
 *
 * @param {{ module: SyncInitInput }} module - Passing `SyncInitInput` directly is deprecated.
 *
 * @returns {InitOutput}
 */
export function initSync(module: { module: SyncInitInput } | SyncInitInput): InitOutput;

/**
 * If `module_or_path` is {RequestInfo} or {URL}, makes a request and
 * for everything else, calls `WebAssembly.instantiate` directly.
 *
 * @param {{ module_or_path: InitInput | Promise<InitInput> }} module_or_path - Passing `InitInput` directly is deprecated.
 *
 * @returns {Promise<InitOutput>}
 */
export default function __wbg_init (module_or_path?: { module_or_path: InitInput | Promise<InitInput> } | InitInput | Promise<InitInput>): Promise<InitOutput>;
