//! Countries, their subdivisions and which billing address fields each asks for.

use kassa_core::checkout::{BillingAddressFields, FieldMode};
use kassa_core::geo::{CA_PROVINCES, US_STATES};

/// ISO 3166-1 alpha-2: every officially assigned code.
/// US states, DC and the inhabited territories (ISO 3166-2:US suffixes).
/// Canadian provinces and territories (ISO 3166-2:CA suffixes).
pub use kassa_core::geo::is_country;

/// The subdivisions of `country` that Kassa validates, if it validates them.
fn subdivisions(country: &str) -> Option<&'static str> {
    match country {
        "US" => Some(US_STATES),
        "CA" => Some(CA_PROVINCES),
        _ => None,
    }
}

/// Whether `state` is valid for `country`: `US-CA` or `CA` for California. Countries
/// whose subdivisions Kassa does not list accept any short value.
pub fn is_state_of(country: &str, state: &str) -> bool {
    let suffix = state.strip_prefix(country).and_then(|s| s.strip_prefix('-')).unwrap_or(state);
    match subdivisions(country) {
        Some(list) => list.split(' ').any(|s| s == suffix),
        None => !state.trim().is_empty() && state.len() <= 64,
    }
}

/// `CA` → `US-CA`: the ISO 3166-2 form Polar stores.
pub fn normalize_state(country: &str, state: &str) -> String {
    let state = state.trim().to_ascii_uppercase();
    if subdivisions(country).is_some() && !state.contains('-') {
        format!("{country}-{state}")
    } else {
        state
    }
}

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
    fn countries_and_states() {
        assert!(is_country("DE") && is_country("US") && !is_country("ZZ") && !is_country("de"));
        assert!(is_state_of("US", "US-CA") && is_state_of("US", "NY") && !is_state_of("US", "US-ZZ"));
        assert!(is_state_of("CA", "CA-QC") && !is_state_of("CA", "US-CA"));
        assert!(is_state_of("DE", "Bayern"));
        assert_eq!(normalize_state("US", "ny"), "US-NY");
        assert_eq!(normalize_state("DE", "Bayern"), "BAYERN");
    }

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
