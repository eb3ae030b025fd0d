//! Discounts applied to a checkout.

use crate::checkout::ObjectMap;
use serde::{Deserialize, Serialize};

/// Whether a discount takes a fixed amount or a percentage off.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DiscountType {
    /// A fixed amount off.
    Fixed,
    /// A percentage off, in basis points.
    Percentage,
    /// A type this version of Kassa does not know: shown by name and amount only.
    #[default]
    #[serde(other)]
    Unknown,
}

/// How long a discount applies to a subscription.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DiscountDuration {
    /// The first payment only.
    Once,
    /// Every payment.
    Forever,
    /// Every payment for `duration_in_months`.
    Repeating,
    /// A duration this version of Kassa does not know.
    #[default]
    #[serde(other)]
    Unknown,
}

/// Polar's `CheckoutDiscount*` union, as one struct: the fields of the other shapes are
/// absent from the JSON, as on Polar.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct CheckoutDiscount {
    /// The ID of the discount.
    pub id: String,
    /// Name shown to the buyer.
    pub name: String,
    /// Fixed or percentage.
    #[serde(rename = "type")]
    pub kind: DiscountType,
    /// How long it applies.
    pub duration: DiscountDuration,
    /// Months a repeating discount lasts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration_in_months: Option<u32>,
    /// The code the buyer typed, if it came from a code.
    #[serde(default)]
    pub code: Option<String>,
    /// Fixed discount amount, in minor units of `currency`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<i64>,
    /// Currency of a fixed discount.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    /// Fixed discount amount per currency.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", tsify(type = "Record<string, number>"))]
    pub amounts: Option<ObjectMap<i64>>,
    /// Percentage discount in basis points (1000 = 10 %).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis_points: Option<u32>,
}
