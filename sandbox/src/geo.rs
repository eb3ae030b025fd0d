//! Which billing address fields a buyer fills, by country: the provider's policy.
//! Countries and their subdivisions are `kassa_core::geo`, shared with the widget.

use kassa_core::checkout::{BillingAddressFields, FieldMode};

pub use kassa_core::geo::{is_billing_country, is_country, is_state_of, normalize_state};

/// Which billing address fields a buyer in `country` fills. The US and Canada always
/// need the full address with state (sales tax is per state/province); elsewhere a
/// business purchase, or a merchant that requires it, needs the street address, and a
/// consumer gives only the country. A checkout that takes no payment (free, or fully
/// discounted with no card to set up) asks for no address at all, unless the merchant
/// requires one.
pub fn address_fields(
    country: Option<&str>,
    full_address: bool,
    payment: bool,
    required: bool,
) -> BillingAddressFields {
    use FieldMode::*;
    if !payment && !required {
        return BillingAddressFields {
            country: Disabled,
            state: Disabled,
            city: Disabled,
            postal_code: Disabled,
            line1: Disabled,
            line2: Disabled,
        };
    }
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
        let paid = |country, full| address_fields(country, full, true, false);
        assert_eq!(paid(Some("US"), false).state, FieldMode::Required);
        assert_eq!(paid(Some("DE"), false).line1, FieldMode::Disabled);
        assert_eq!(paid(Some("DE"), true).line1, FieldMode::Required);
        assert_eq!(paid(Some("DE"), true).state, FieldMode::Disabled);
        assert_eq!(paid(Some("AU"), true).state, FieldMode::Optional);
        assert_eq!(paid(Some("IE"), true).postal_code, FieldMode::Optional);
        assert_eq!(paid(None, false).country, FieldMode::Required);
        // Nothing to pay: no address, unless the merchant requires one.
        assert_eq!(address_fields(Some("US"), true, false, false).country, FieldMode::Disabled);
        assert_eq!(address_fields(Some("US"), true, false, true).line1, FieldMode::Required);
    }
}
