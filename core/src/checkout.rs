//! The checkout session as Polar's client-secret API speaks it (`CheckoutPublic`), and
//! the pieces it is made of. Field names, types and nullability follow Polar's published
//! schema exactly: snake_case, amounts as integers in minor units, ISO 8601 timestamps,
//! `null` rather than an absent key for an empty value.
//!
//! Reading is lenient where Polar's versions differ (fields added later default when
//! absent); writing (the sandbox) emits every key Polar emits.

pub mod address;
pub mod completeness;
pub mod currency_details;
pub mod custom_field;
pub mod discount;
pub mod field;
pub mod object_map;
pub mod payment;
pub mod plans;
pub mod price;
pub mod product;
pub mod read;
pub mod session;
pub mod update;

pub use address::{Address, BillingAddressFields, FieldMode};
pub use currency_details::{AmountPair, CurrencyDetails, LocalAmount, PaymentAmount, PlanCurrencyDetails};
pub use custom_field::{AttachedCustomField, CustomField, CustomFieldType};
pub use discount::{CheckoutDiscount, DiscountDuration, DiscountType};
pub use field::{Field, FieldPath, FieldSet};
pub use object_map::ObjectMap;
pub use plans::{plan_options, PlanOption};
pub use price::{
    AmountType, PriceMeter, PriceType, ProductPrice, SeatTier, SeatTierType, SeatTiers, TaxBehaviorOption,
};
pub use product::{Benefit, CheckoutProduct, Interval};
pub use session::{CheckoutOrganization, CheckoutPublic, CheckoutStatus, TaxBehavior};
pub use update::{CheckoutUpdate, Patch};

/// A session in Polar's own shape, for the tests of every module that reads one.
#[cfg(test)]
pub(crate) const POLAR_FIXTURE: &str = include_str!("../tests/fixtures/polar_checkout_public.json");

/// The TypeScript of the enums Kassa reads leniently. Events hand the page the
/// provider's JSON as sent, so a value Polar adds later reaches it as is: each type names
/// today's values and leaves room for others (`string & {}` keeps editor completion).
#[cfg(feature = "ts")]
#[wasm_bindgen::prelude::wasm_bindgen(typescript_custom_section)]
const OPEN_ENUMS: &'static str = r#"
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
"#;
