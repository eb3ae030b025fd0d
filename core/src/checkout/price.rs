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
        self.tiers.iter().find(|t| seats >= t.min_seats && t.max_seats.is_none_or(|max| seats <= max))
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

/// Most seats Polar sells in one checkout (`CheckoutUpdatePublic.seats`' maximum).
pub const MAX_SEATS: u32 = 10_000;
/// The smallest amount a card can be charged, in minor units (Stripe's floor, which
/// Polar applies to pay-what-you-want amounts).
pub const MIN_CHARGE: i64 = 50;
/// The largest amount Polar accepts for a price, in minor units.
pub const MAX_AMOUNT: i64 = 99_999_999;

impl ProductPrice {
    /// Whether the buyer picks the amount (pay what you want).
    pub fn is_custom(&self) -> bool {
        self.amount_type == AmountType::Custom
    }

    /// The seats a seat-based price sells, `(fewest, most)`: its tiers' stated bounds,
    /// else the tiers' own, within `1..=MAX_SEATS`. `None` for other prices.
    pub fn seat_bounds(&self) -> Option<(u32, u32)> {
        let tiers = self.seat_tiers.as_ref().filter(|_| self.amount_type == AmountType::SeatBased)?;
        let min = tiers.minimum_seats.or(tiers.tiers.first().map(|t| t.min_seats)).unwrap_or(1).max(1);
        let max =
            tiers.maximum_seats.or(tiers.tiers.last().and_then(|t| t.max_seats)).unwrap_or(MAX_SEATS).min(MAX_SEATS);
        Some((min, max.max(min)))
    }

    /// The amounts a pay-what-you-want price accepts, `(least, most)` in minor units:
    /// from its minimum (at least [`MIN_CHARGE`]) to its maximum (at most
    /// [`MAX_AMOUNT`]). `None` for other prices.
    pub fn custom_amount_bounds(&self) -> Option<(i64, i64)> {
        if !self.is_custom() {
            return None;
        }
        let min = self.minimum_amount.unwrap_or(MIN_CHARGE).max(MIN_CHARGE);
        let max = self.maximum_amount.unwrap_or(MAX_AMOUNT).min(MAX_AMOUNT);
        Some((min, max.max(min)))
    }
}

fn catalog() -> String {
    "catalog".to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn price(json: serde_json::Value) -> ProductPrice {
        let mut base = serde_json::json!({
            "id": "p", "created_at": "2026-01-01T00:00:00Z", "amount_type": "fixed",
            "price_currency": "usd", "product_id": "x"
        });
        base.as_object_mut().unwrap().extend(json.as_object().unwrap().clone());
        serde_json::from_value(base).unwrap()
    }

    #[test]
    fn seat_bounds_come_from_the_tiers_within_polars_limits() {
        let tiers = |min: serde_json::Value, max: serde_json::Value| {
            price(serde_json::json!({
                "amount_type": "seat_based",
                "seat_tiers": {"tiers": [{"min_seats": 2, "max_seats": 9, "price_per_seat": 1200},
                                         {"min_seats": 10, "max_seats": null, "price_per_seat": 1000}],
                               "minimum_seats": min, "maximum_seats": max}
            }))
        };
        assert_eq!(tiers(serde_json::json!(2), serde_json::json!(50)).seat_bounds(), Some((2, 50)));
        assert_eq!(tiers(serde_json::Value::Null, serde_json::Value::Null).seat_bounds(), Some((2, MAX_SEATS)));
        assert_eq!(tiers(serde_json::json!(1), serde_json::json!(1_000_000)).seat_bounds(), Some((1, MAX_SEATS)));
        assert_eq!(price(serde_json::json!({"price_amount": 100})).seat_bounds(), None);
    }

    #[test]
    fn custom_amounts_are_bounded_by_the_price_and_polar() {
        let pwyw = |min: i64, max: Option<i64>| {
            price(serde_json::json!({
                "amount_type": "custom", "minimum_amount": min, "maximum_amount": max
            }))
        };
        assert_eq!(pwyw(300, Some(100_000)).custom_amount_bounds(), Some((300, 100_000)));
        assert_eq!(pwyw(10, None).custom_amount_bounds(), Some((MIN_CHARGE, MAX_AMOUNT)));
        assert_eq!(price(serde_json::json!({"price_amount": 100})).custom_amount_bounds(), None);
    }
}
