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
pub mod plans;
pub mod price;
pub mod product;
pub mod session;
pub mod update;

pub use address::{Address, BillingAddressFields, FieldMode};
pub use currency_details::{AmountPair, CurrencyDetails, LocalAmount, PaymentAmount, PlanCurrencyDetails};
pub use custom_field::{AttachedCustomField, CustomField, CustomFieldType};
pub use discount::{CheckoutDiscount, DiscountDuration, DiscountType};
pub use field::{Field, FieldPath, FieldSet};
pub use plans::{plan_options, PlanOption};
pub use price::{AmountType, PriceType, ProductPrice, SeatTier, SeatTiers};
pub use product::{Benefit, CheckoutProduct, Interval};
pub use session::{CheckoutOrganization, CheckoutPublic, CheckoutStatus, TaxBehavior};
pub use update::{CheckoutUpdate, Patch};
