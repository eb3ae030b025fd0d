//! Which billing address fields a buyer fills, by country: the provider's policy.
//! Countries and their subdivisions are `kassa_core::geo`, shared with the widget.

use kassa_core::checkout::{BillingAddressFields, FieldMode};

pub use kassa_core::geo::{is_country, is_state_of, normalize_state};

/// Which billing address fields a buyer in `country` fills. The US and Canada always
/// need the full address with state (sales tax is per state/province); elsewhere a
/// business purchase, or a merchant that requires it, needs the street address, and a
/// consumer gives only the country.
pub fn address_fields(country: Option<&str>, full_address: bool) -> BillingAddressFields {
    use FieldMode::*;
    let country = country.unwrap_or("");
    let full = |state: FieldMode, postal_code: FieldMode| BillingAddressFields {
        country: Required,
        state,
        city: Required,
        postal_code,
        line1: Required,
        line2: Optional,
    };
    match country {
        "US" | "CA" => full(Required, Required),
        // Countries where a state or region is part of a complete address.
        "AU" | "BR" | "MX" | "IN" if full_address => full(Optional, Required),
        // Countries without general postal codes.
        "AE" | "HK" | "QA" | "IE" if full_address => full(Disabled, Optional),
        _ if full_address => full(Disabled, Required),
        _ => BillingAddressFields {
            country: Required,
            state: Disabled,
            city: Disabled,
            postal_code: Disabled,
            line1: Disabled,
            line2: Disabled,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn address_fields_by_country() {
        assert_eq!(address_fields(Some("US"), false).state, FieldMode::Required);
        assert_eq!(address_fields(Some("DE"), false).line1, FieldMode::Disabled);
        assert_eq!(address_fields(Some("DE"), true).line1, FieldMode::Required);
        assert_eq!(address_fields(Some("DE"), true).state, FieldMode::Disabled);
        assert_eq!(address_fields(Some("AU"), true).state, FieldMode::Optional);
        assert_eq!(address_fields(Some("IE"), true).postal_code, FieldMode::Optional);
        assert_eq!(address_fields(None, false).country, FieldMode::Required);
    }
}
