//! Product prices: fixed, pay-what-you-want, free and seat-based.

use serde::{Deserialize, Serialize};

use crate::checkout::Interval;

/// How a price's amount is determined (Polar's `amount_type`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify), tsify(missing_as_null))]
#[serde(rename_all = "snake_case")]
pub enum AmountType {
    /// A fixed `price_amount`.
    Fixed,
    /// Pay what you want, from `minimum_amount`.
    Custom,
    /// Free.
    Free,
    /// Per seat, from `seat_tiers`.
    SeatBased,
    /// Metered per unit; shown but not supported for checkout by Kassa.
    MeteredUnit,
    /// A type this version of Kassa does not know.
    #[serde(other)]
    Unknown,
}

/// Legacy price type: whether the price recurs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify), tsify(missing_as_null))]
#[serde(rename_all = "snake_case")]
pub enum PriceType {
    /// Charged once.
    OneTime,
    /// Charged every interval.
    Recurring,
}

/// One tier of seat-based pricing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct SeatTier {
    /// First seat count of the tier.
    pub min_seats: u32,
    /// Last seat count of the tier; `None` for unlimited.
    #[serde(default)]
    pub max_seats: Option<u32>,
    /// Price of each seat, in minor units, when the count falls in this tier.
    pub price_per_seat: i64,
}

/// Seat tiers of a seat-based price (volume pricing: every seat costs the tier's price).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct SeatTiers {
    /// Tiers, sorted by `min_seats`, contiguous.
    pub tiers: Vec<SeatTier>,
    /// Fewest seats that can be bought (the first tier's `min_seats`).
    #[serde(default)]
    pub minimum_seats: Option<u32>,
    /// Most seats that can be bought; `None` for unlimited.
    #[serde(default)]
    pub maximum_seats: Option<u32>,
}

impl SeatTiers {
    /// The tier that prices `seats`, if any.
    pub fn tier_for(&self, seats: u32) -> Option<&SeatTier> {
        self.tiers
            .iter()
            .find(|t| seats >= t.min_seats && t.max_seats.is_none_or(|max| seats <= max))
    }
}

/// Polar's `ProductPrice`, one struct for every `amount_type`. Fields that belong to
/// one type only are absent from the JSON of the others, as on Polar.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct ProductPrice {
    /// The ID of the price.
    pub id: String,
    /// Creation timestamp.
    pub created_at: String,
    /// Last modification timestamp.
    #[serde(default)]
    pub modified_at: Option<String>,
    /// `catalog` or `ad_hoc`.
    #[serde(default = "catalog")]
    pub source: String,
    /// How the amount is determined.
    pub amount_type: AmountType,
    /// Currency code, lower case (`"usd"`).
    pub price_currency: String,
    /// Whether the price includes tax (`inclusive`) or has it added (`exclusive`);
    /// `None` follows the organization's default.
    #[serde(default)]
    pub tax_behavior: Option<crate::checkout::TaxBehavior>,
    /// Whether the price is archived.
    #[serde(default)]
    pub is_archived: bool,
    /// The ID of the product the price belongs to.
    pub product_id: String,
    /// Legacy: whether the price recurs. Kept because products with a monthly and a
    /// yearly price are told apart by it.
    #[serde(default, rename = "type")]
    pub price_type: Option<PriceType>,
    /// Legacy: the interval of a recurring price.
    #[serde(default)]
    pub recurring_interval: Option<Interval>,
    /// Fixed price amount, in minor units.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price_amount: Option<i64>,
    /// Pay-what-you-want minimum, in minor units.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minimum_amount: Option<i64>,
    /// Pay-what-you-want maximum, in minor units.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub maximum_amount: Option<i64>,
    /// Pay-what-you-want amount suggested to the buyer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preset_amount: Option<i64>,
    /// Seat tiers of a seat-based price.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seat_tiers: Option<SeatTiers>,
}

fn catalog() -> String {
    "catalog".to_string()
}
