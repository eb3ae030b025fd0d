//! Billing addresses and which of their fields a checkout asks for.

use serde::{Deserialize, Serialize};

/// A billing address (Polar's `Address`). Only `country` is always present: it decides
/// tax, and which other fields are required.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct Address {
    /// First street line.
    #[serde(default)]
    pub line1: Option<String>,
    /// Second street line.
    #[serde(default)]
    pub line2: Option<String>,
    /// Postal or ZIP code.
    #[serde(default)]
    pub postal_code: Option<String>,
    /// City.
    #[serde(default)]
    pub city: Option<String>,
    /// State, province or region, as ISO 3166-2 (`US-CA`) where Polar requires one.
    #[serde(default)]
    pub state: Option<String>,
    /// ISO 3166-1 alpha-2 country code.
    pub country: String,
}

/// Whether a billing address field is shown, and whether it must be filled.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldMode {
    /// Shown and must be filled.
    Required,
    /// Shown, may be left empty.
    #[default]
    Optional,
    /// Not shown.
    Disabled,
    /// A mode this version of Kassa does not know: shown, and left to the buyer.
    #[serde(other)]
    Unknown,
}

/// Polar's `billing_address_fields`: the mode of each address field for this session.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct BillingAddressFields {
    /// Country selector.
    pub country: FieldMode,
    /// State or province.
    pub state: FieldMode,
    /// City.
    pub city: FieldMode,
    /// Postal code.
    pub postal_code: FieldMode,
    /// First street line.
    pub line1: FieldMode,
    /// Second street line.
    pub line2: FieldMode,
}
