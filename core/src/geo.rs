//! Countries and the subdivisions Kassa knows, shared by the widget's address form and
//! the sandbox's validation.

/// ISO 3166-1 alpha-2: every officially assigned code.
pub const COUNTRIES: &str = "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL \
BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO \
DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM \
HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR \
LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL \
NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ \
SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA \
VC VE VG VI VN VU WF WS YE YT ZA ZM ZW";

/// US states, DC and the inhabited territories (ISO 3166-2:US suffixes).
pub const US_STATES: &str = "AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT \
NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC AS GU MP PR UM VI";

/// Canadian provinces and territories (ISO 3166-2:CA suffixes).
pub const CA_PROVINCES: &str = "AB BC MB NB NL NS NT NU ON PE QC SK YT";

/// Countries Polar takes no payment from (sanctioned): not in its `AddressInput`, so a
/// billing address there is refused, and the widget does not offer them.
pub const REFUSED: &str = "CU IR KP RU SY";

/// Every country code, in code order.
pub fn countries() -> impl Iterator<Item = &'static str> {
    COUNTRIES.split(' ')
}

/// Whether `code` is an ISO 3166-1 alpha-2 country code (upper case).
pub fn is_country(code: &str) -> bool {
    code.len() == 2 && countries().any(|c| c == code)
}

/// Whether a billing address may be in `code`: an ISO country, upper case, that Polar
/// does not refuse.
pub fn is_billing_country(code: &str) -> bool {
    is_country(code) && !REFUSED.split(' ').any(|c| c == code)
}

/// The countries a billing address may be in, in code order.
pub fn billing_countries() -> impl Iterator<Item = &'static str> {
    countries().filter(|c| !REFUSED.split(' ').any(|r| r == *c))
}

/// The ISO 3166-2 suffixes of the subdivisions Kassa lists for `country` (`US`, `CA`).
fn subdivision_suffixes(country: &str) -> Option<&'static str> {
    match country {
        "US" => Some(US_STATES),
        "CA" => Some(CA_PROVINCES),
        _ => None,
    }
}

/// The subdivisions of `country` Kassa lists (`US`, `CA`), as ISO 3166-2 codes
/// (`US-CA`), if it lists them.
pub fn subdivisions(country: &str) -> Option<Vec<String>> {
    Some(subdivision_suffixes(country)?.split(' ').map(|s| format!("{country}-{s}")).collect())
}

/// Whether `state` is valid for `country`: `US-CA` or `CA` for California. Countries
/// whose subdivisions Kassa does not list accept any value of up to 64 bytes.
pub fn is_state_of(country: &str, state: &str) -> bool {
    let suffix = state.strip_prefix(country).and_then(|s| s.strip_prefix('-')).unwrap_or(state);
    match subdivision_suffixes(country) {
        Some(list) => list.split(' ').any(|s| s == suffix),
        None => !state.trim().is_empty() && state.len() <= 64,
    }
}

/// `ca` → `US-CA`: the upper-case ISO 3166-2 form Polar stores, for the countries Kassa
/// lists subdivisions of; other states are only trimmed and upper-cased.
pub fn normalize_state(country: &str, state: &str) -> String {
    let state = state.trim().to_ascii_uppercase();
    if subdivision_suffixes(country).is_some() && !state.contains('-') {
        format!("{country}-{state}")
    } else {
        state
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists() {
        assert_eq!(countries().count(), 249);
        assert!(is_country("DE") && !is_country("ZZ"));
        assert!(is_billing_country("DE") && !is_billing_country("RU") && !is_billing_country("de"));
        assert_eq!(billing_countries().count(), 244, "Polar's AddressInput lists 244");
        assert_eq!(subdivisions("CA").unwrap().len(), 13);
        assert!(subdivisions("US").unwrap().contains(&"US-NY".to_string()));
        assert!(subdivisions("DE").is_none());
    }

    #[test]
    fn states() {
        assert!(is_state_of("US", "US-CA") && is_state_of("US", "NY") && !is_state_of("US", "US-ZZ"));
        assert!(is_state_of("CA", "CA-QC") && !is_state_of("CA", "US-CA"));
        assert!(is_state_of("DE", "Bayern"));
        assert_eq!(normalize_state("US", "ny"), "US-NY");
        assert_eq!(normalize_state("DE", "Bayern"), "BAYERN");
        // Every listed subdivision is valid in the form the widget's list offers.
        for country in ["US", "CA"] {
            assert!(subdivisions(country).unwrap().iter().all(|s| is_state_of(country, s)));
        }
    }
}
