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

/// Every country code, in code order.
pub fn countries() -> impl Iterator<Item = &'static str> {
    COUNTRIES.split(' ')
}

/// Whether `code` is an ISO 3166-1 alpha-2 country code (upper case).
pub fn is_country(code: &str) -> bool {
    code.len() == 2 && countries().any(|c| c == code)
}

/// The subdivisions of `country` Kassa lists (`US`, `CA`), as ISO 3166-2 codes
/// (`US-CA`), if it lists them.
pub fn subdivisions(country: &str) -> Option<Vec<String>> {
    let list = match country {
        "US" => US_STATES,
        "CA" => CA_PROVINCES,
        _ => return None,
    };
    Some(list.split(' ').map(|s| format!("{country}-{s}")).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists() {
        assert_eq!(countries().count(), 249);
        assert!(is_country("DE") && !is_country("ZZ"));
        assert_eq!(subdivisions("CA").unwrap().len(), 13);
        assert!(subdivisions("US").unwrap().contains(&"US-NY".to_string()));
        assert!(subdivisions("DE").is_none());
    }
}
