//! Products offered in a checkout.

use serde::{Deserialize, Serialize};

use crate::checkout::ProductPrice;

/// A recurring or trial interval unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Interval {
    /// Daily.
    Day,
    /// Weekly.
    Week,
    /// Monthly.
    Month,
    /// Yearly.
    Year,
}

impl Interval {
    /// Parses Polar's spelling (`"month"`).
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "day" => Some(Self::Day),
            "week" => Some(Self::Week),
            "month" => Some(Self::Month),
            "year" => Some(Self::Year),
            _ => None,
        }
    }

    /// Reads an optional interval leniently: a value this version of Kassa does not know
    /// reads as none (a price with an interval from the future shows without one, rather
    /// than failing the session).
    pub fn lenient<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Self>, D::Error> {
        Ok(Option::<String>::deserialize(d)?.as_deref().and_then(Self::parse))
    }

    /// Polar's spelling.
    pub fn as_str(&self) -> &'static str {
        match self {
            Self::Day => "day",
            Self::Week => "week",
            Self::Month => "month",
            Self::Year => "year",
        }
    }
}

/// A benefit the product grants, shown as a line under the product.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct Benefit {
    /// The ID of the benefit.
    pub id: String,
    /// Creation timestamp.
    pub created_at: String,
    /// Last modification timestamp.
    #[serde(default)]
    pub modified_at: Option<String>,
    /// Benefit type (`custom`, `license_keys`, …).
    #[serde(rename = "type")]
    pub kind: String,
    /// What the buyer gets, in the merchant's words.
    pub description: String,
    /// Whether the benefit can be selected.
    #[serde(default)]
    pub selectable: bool,
    /// Whether the benefit can be deleted.
    #[serde(default)]
    pub deletable: bool,
    /// Whether the benefit was deleted (then it is not shown).
    #[serde(default)]
    pub is_deleted: bool,
    /// The ID of the organization owning the benefit.
    pub organization_id: String,
}

/// Polar's `CheckoutProduct`: a product with its prices, benefits and media.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct CheckoutProduct {
    /// The ID of the product.
    pub id: String,
    /// Creation timestamp.
    pub created_at: String,
    /// Last modification timestamp.
    #[serde(default)]
    pub modified_at: Option<String>,
    /// Trial interval unit configured on the product.
    #[serde(default, deserialize_with = "Interval::lenient")]
    pub trial_interval: Option<Interval>,
    /// Number of trial interval units.
    #[serde(default)]
    pub trial_interval_count: Option<u32>,
    /// The product's name (merchant text, never HTML).
    pub name: String,
    /// The product's description (merchant text, Markdown on Polar, shown as text).
    #[serde(default)]
    pub description: Option<String>,
    /// `public` or `private`.
    #[serde(default = "public")]
    pub visibility: String,
    /// Billing interval of a subscription product; `None` for a one-time product.
    #[serde(default, deserialize_with = "Interval::lenient")]
    pub recurring_interval: Option<Interval>,
    /// Number of interval units per billing cycle (2 with `month` = every 2 months).
    #[serde(default)]
    pub recurring_interval_count: Option<u32>,
    /// How often metered usage is billed, where the product has metered prices.
    #[serde(default, deserialize_with = "Interval::lenient")]
    pub meter_interval: Option<Interval>,
    /// Number of `meter_interval` units per metered billing cycle.
    #[serde(default)]
    pub meter_interval_count: Option<u32>,
    /// Whether the product is a subscription.
    pub is_recurring: bool,
    /// Whether the product is archived.
    #[serde(default)]
    pub is_archived: bool,
    /// The ID of the organization owning the product.
    pub organization_id: String,
    /// The product's prices.
    pub prices: Vec<ProductPrice>,
    /// Benefits granted by the product.
    #[serde(default)]
    pub benefits: Vec<Benefit>,
    /// Product media, passed through untouched.
    #[serde(default)]
    #[cfg_attr(feature = "ts", tsify(type = "unknown[]"))]
    pub medias: Vec<serde_json::Value>,
}

fn public() -> String {
    "public".to_string()
}

impl CheckoutProduct {
    /// The price with this ID, if the product has it.
    pub fn price(&self, id: &str) -> Option<&ProductPrice> {
        self.prices.iter().find(|p| p.id == id)
    }
}
