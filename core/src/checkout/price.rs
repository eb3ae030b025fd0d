//! Product prices, as Polar's 2026-10 API sends them: fixed, pay-what-you-want (`custom`),
//! seat-based (volume or graduated tiers) and metered, plus the legacy recurring prices
//! that carry their own interval. Read leniently: a value Kassa does not know becomes
//! `Unknown` (not offered to the buyer) instead of failing the whole session. Written
//! exactly: fields of one price type are absent from the JSON of the others, as on Polar.

use serde::{Deserialize, Serialize};

use crate::checkout::Interval;

/// How a price's amount is determined (Polar's `amount_type`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AmountType {
    /// A fixed `price_amount` (a free price is a fixed price of 0).
    Fixed,
    /// Pay what you want, from `minimum_amount`.
    Custom,
    /// Free: read from sessions of Polar's older API, never written.
    Free,
    /// Per seat, from `seat_tiers`.
    SeatBased,
    /// Metered per unit (`unit_amount` per unit of `meter`): billed by usage, shown as a
    /// usage line beside the plan, never a plan of its own.
    MeteredUnit,
    /// A type this version of Kassa does not know: not offered.
    #[default]
    #[serde(other)]
    Unknown,
}

/// Whether a price includes tax (Polar's `TaxBehaviorOption`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TaxBehaviorOption {
    /// Decided by the buyer's location (included where prices customarily include
    /// tax, added elsewhere); the session's `tax_behavior` says which applies.
    Location,
    /// Included in the price.
    Inclusive,
    /// Added to the price.
    Exclusive,
    /// A behaviour this version of Kassa does not know.
    #[serde(other)]
    Unknown,
}

/// Legacy price type: whether the price recurs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PriceType {
    /// Charged once.
    OneTime,
    /// Charged every interval.
    Recurring,
    /// A type this version of Kassa does not know.
    #[serde(other)]
    Unknown,
}

/// How seat tiers price a count (Polar's `SeatTierType`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SeatTierType {
    /// Every seat costs the price of the tier the count falls in.
    #[default]
    Volume,
    /// Each seat costs the price of the tier it falls in (the first tier's seats at the
    /// first price, the next at the next…).
    Graduated,
    /// A type this version of Kassa does not know: priced as volume, Polar's default.
    #[serde(other)]
    Unknown,
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
    /// Price of each seat in this tier, in minor units.
    pub price_per_seat: i64,
}

/// Seat tiers of a seat-based price (Polar's `ProductPriceSeatTiers`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct SeatTiers {
    /// Volume or graduated; volume where absent.
    #[serde(default)]
    pub seat_tier_type: SeatTierType,
    /// Tiers, sorted by `min_seats`, contiguous.
    pub tiers: Vec<SeatTier>,
    /// Fewest seats that can be bought.
    #[serde(default)]
    pub minimum_seats: Option<u32>,
    /// Most seats that can be bought; `None` for unlimited.
    #[serde(default)]
    pub maximum_seats: Option<u32>,
}

impl SeatTiers {
    /// The tier that holds the `seats`-th seat, if any.
    pub fn tier_for(&self, seats: u32) -> Option<&SeatTier> {
        self.tiers.iter().find(|t| seats >= t.min_seats && t.max_seats.is_none_or(|max| seats <= max))
    }

    /// What `seats` seats cost, in minor units: volume prices every seat at the tier of
    /// the count, graduated prices each seat at its own tier. `None` when a seat falls in
    /// no tier.
    pub fn amount_for(&self, seats: u32) -> Option<i64> {
        match self.seat_tier_type {
            SeatTierType::Graduated => {
                let mut total: i64 = 0;
                for seat_tier in self.tiers.iter().filter(|t| t.min_seats <= seats) {
                    let last = seat_tier.max_seats.map_or(seats, |max| max.min(seats));
                    let count = i64::from(last.saturating_sub(seat_tier.min_seats) + 1);
                    total = total.checked_add(count.checked_mul(seat_tier.price_per_seat)?)?;
                }
                // Every seat from 1 (or the first tier's start) must be priced.
                (seats == 0 || self.tier_for(seats).is_some()).then_some(total)
            }
            _ => self.tier_for(seats)?.price_per_seat.checked_mul(i64::from(seats)),
        }
    }

    /// The seats of each tier a count reaches, with its price: `(seats, per seat)`, for
    /// explaining a graduated total ("5 × $12.00 + 3 × $10.00"). One line for volume.
    pub fn breakdown(&self, seats: u32) -> Vec<(u32, i64)> {
        match self.seat_tier_type {
            SeatTierType::Graduated => self
                .tiers
                .iter()
                .filter(|t| t.min_seats <= seats)
                .map(|t| (t.max_seats.map_or(seats, |max| max.min(seats)) - t.min_seats + 1, t.price_per_seat))
                .collect(),
            _ => self.tier_for(seats).map(|t| vec![(seats, t.price_per_seat)]).unwrap_or_default(),
        }
    }
}

/// The meter a metered price counts (Polar's `ProductPriceMeter`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct PriceMeter {
    /// The ID of the meter.
    pub id: String,
    /// Its name ("API calls").
    pub name: String,
    /// Its unit (`scalar`, `token`, …, or `custom` with `custom_label`).
    #[serde(default)]
    pub unit: Option<String>,
    /// The unit's label where `unit` is `custom`.
    #[serde(default)]
    pub custom_label: Option<String>,
    /// How many metered units make one billed unit, where set.
    #[serde(default)]
    pub custom_multiplier: Option<i64>,
}

/// Polar's `ProductPrice` (and `LegacyRecurringProductPrice`), one struct for every
/// `amount_type`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct ProductPrice {
    /// Creation timestamp.
    pub created_at: String,
    /// Last modification timestamp.
    #[serde(default)]
    pub modified_at: Option<String>,
    /// The ID of the price.
    pub id: String,
    /// `catalog` or `ad_hoc`.
    #[serde(default = "catalog")]
    pub source: String,
    /// How the amount is determined.
    pub amount_type: AmountType,
    /// Currency code, lower case (`"usd"`).
    pub price_currency: String,
    /// Whether the price includes tax; `None` follows the organization's default.
    #[serde(default)]
    pub tax_behavior: Option<TaxBehaviorOption>,
    /// Whether the price is archived.
    #[serde(default)]
    pub is_archived: bool,
    /// The ID of the product the price belongs to.
    pub product_id: String,
    /// Legacy: whether the price recurs (only on legacy recurring prices).
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub price_type: Option<PriceType>,
    /// Legacy: the interval of a recurring price (only on legacy recurring prices).
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "Interval::lenient")]
    pub recurring_interval: Option<Interval>,
    /// Fixed price amount, in minor units.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price_amount: Option<i64>,
    /// Pay-what-you-want minimum, in minor units.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minimum_amount: Option<i64>,
    /// Pay-what-you-want maximum, in minor units (`null` for none: written on custom prices).
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "present")]
    pub maximum_amount: Option<Option<i64>>,
    /// Pay-what-you-want amount suggested to the buyer (`null` for none: written on custom prices).
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "present")]
    pub preset_amount: Option<Option<i64>>,
    /// Seat tiers of a seat-based price.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seat_tiers: Option<SeatTiers>,
    /// Metered: the price of one unit, in minor units, as a decimal string ("0.5").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit_amount: Option<String>,
    /// Metered: the most a billing period can cost, in minor units (`null` for no cap).
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "present")]
    pub cap_amount: Option<Option<i64>>,
    /// Metered: the ID of the meter.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meter_id: Option<String>,
    /// Metered: the meter.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meter: Option<PriceMeter>,
    /// Legacy: `true` on legacy recurring prices.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub legacy: Option<bool>,
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

    /// [`seat_bounds`](Self::seat_bounds) narrowed by a checkout's own `min_seats` and
    /// `max_seats`, where the merchant set them.
    pub fn seat_bounds_within(&self, min_seats: Option<u32>, max_seats: Option<u32>) -> Option<(u32, u32)> {
        let (min, max) = self.seat_bounds()?;
        let min = min_seats.map_or(min, |m| m.max(min));
        let max = max_seats.map_or(max, |m| m.min(max));
        Some((min, max.max(min)))
    }

    /// The amounts a pay-what-you-want price accepts, `(least, most)` in minor units:
    /// from its minimum to its maximum (at most [`MAX_AMOUNT`]). `None` for other prices.
    /// A minimum of 0 makes the price "free, or pay what you want": then any amount from
    /// [`MIN_CHARGE`] is accepted besides 0 ([`ProductPrice::accepts_custom_amount`]).
    pub fn custom_amount_bounds(&self) -> Option<(i64, i64)> {
        if !self.is_custom() {
            return None;
        }
        let min = self.minimum_amount.unwrap_or(MIN_CHARGE).max(0);
        let max = self.maximum_amount.flatten().unwrap_or(MAX_AMOUNT).min(MAX_AMOUNT);
        Some((min, max.max(min)))
    }

    /// Whether a pay-what-you-want price accepts `amount`: within its bounds, and either
    /// 0 (where the minimum is 0) or at least [`MIN_CHARGE`], the least a card can pay.
    pub fn accepts_custom_amount(&self, amount: i64) -> bool {
        self.custom_amount_bounds()
            .is_some_and(|(min, max)| (min..=max).contains(&amount) && (amount == 0 || amount >= MIN_CHARGE))
    }

    /// The amount a price asks for one period before discount and tax, for `seats` on a
    /// seat-based price and `custom` on a pay-what-you-want one (else its preset or
    /// minimum). `None` for metered and unknown prices, which have no amount up front.
    pub fn amount_for(&self, seats: Option<u32>, custom: Option<i64>) -> Option<i64> {
        match self.amount_type {
            AmountType::Fixed => Some(self.price_amount.unwrap_or(0)),
            AmountType::Free => Some(0),
            AmountType::Custom => custom.or(self.preset_amount.flatten()).or(self.minimum_amount).or(Some(0)),
            AmountType::SeatBased => self.seat_tiers.as_ref()?.amount_for(seats.unwrap_or(1)),
            AmountType::MeteredUnit | AmountType::Unknown => None,
        }
    }

    /// Whether the price can be bought as a plan (metered and unknown prices cannot).
    pub fn is_sellable(&self) -> bool {
        matches!(self.amount_type, AmountType::Fixed | AmountType::Custom | AmountType::Free | AmountType::SeatBased)
    }
}

/// Reads a key that may hold `null`: present (`Some`, null or not) apart from absent
/// (`None`, the `default`), so a price is written back with exactly the keys it came with.
fn present<'de, D: serde::Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(d).map(Some)
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
        assert!(
            pwyw(300, Some(100_000)).accepts_custom_amount(300) && !pwyw(300, Some(100_000)).accepts_custom_amount(299)
        );
        // A minimum of 0: free, or at least what a card can be charged.
        let free_or_more = pwyw(0, None);
        assert_eq!(free_or_more.custom_amount_bounds(), Some((0, MAX_AMOUNT)));
        assert!(free_or_more.accepts_custom_amount(0) && free_or_more.accepts_custom_amount(MIN_CHARGE));
        assert!(
            !free_or_more.accepts_custom_amount(MIN_CHARGE - 1) && !free_or_more.accepts_custom_amount(MAX_AMOUNT + 1)
        );
        assert_eq!(price(serde_json::json!({"price_amount": 100})).custom_amount_bounds(), None);
    }

    fn tiers(kind: &str) -> SeatTiers {
        serde_json::from_value(serde_json::json!({
            "seat_tier_type": kind,
            "tiers": [{"min_seats": 1, "max_seats": 5, "price_per_seat": 1200},
                      {"min_seats": 6, "max_seats": 20, "price_per_seat": 1000},
                      {"min_seats": 21, "max_seats": null, "price_per_seat": 800}],
            "minimum_seats": 1, "maximum_seats": null
        }))
        .unwrap()
    }

    #[test]
    fn volume_tiers_price_every_seat_at_the_counts_tier() {
        let volume = tiers("volume");
        assert_eq!(volume.amount_for(5), Some(6000));
        assert_eq!(volume.amount_for(8), Some(8000));
        assert_eq!(volume.breakdown(8), vec![(8, 1000)]);
        assert_eq!(tiers("a_type_from_the_future").amount_for(8), Some(8000), "unknown types price as volume");
    }

    #[test]
    fn graduated_tiers_price_each_seat_at_its_own_tier() {
        let graduated = tiers("graduated");
        assert_eq!(graduated.amount_for(5), Some(6000));
        // 5 × 12.00 + 3 × 10.00
        assert_eq!(graduated.amount_for(8), Some(9000));
        assert_eq!(graduated.breakdown(8), vec![(5, 1200), (3, 1000)]);
        // 5 × 12.00 + 15 × 10.00 + 2 × 8.00
        assert_eq!(graduated.amount_for(22), Some(22600));
        assert_eq!(graduated.breakdown(22).iter().map(|(n, _)| n).sum::<u32>(), 22);
    }

    #[test]
    fn null_and_absent_are_told_apart_and_written_back() {
        let custom = price(
            serde_json::json!({"amount_type": "custom", "minimum_amount": 0, "maximum_amount": null, "preset_amount": 500}),
        );
        assert_eq!((custom.maximum_amount, custom.preset_amount), (Some(None), Some(Some(500))));
        let json = serde_json::to_value(&custom).unwrap();
        assert_eq!(json["maximum_amount"], serde_json::Value::Null);
        assert!(json.as_object().unwrap().contains_key("maximum_amount"));
        let fixed = serde_json::to_value(price(serde_json::json!({"price_amount": 100}))).unwrap();
        for absent in ["maximum_amount", "type", "recurring_interval", "seat_tiers", "legacy"] {
            assert!(!fixed.as_object().unwrap().contains_key(absent), "{absent}");
        }
    }
}
