//! ISO 4217 currency codes and their minor-unit exponents.

use std::fmt;

/// `("AED", 2), …` as `ISO_CODES` (the codes, three letters each, in order) and
/// `ISO_EXPONENTS` (each code's exponent).
macro_rules! iso_exponents {
    ($(($code:literal, $exponent:literal)),* $(,)?) => {
        const ISO_CODES: &str = concat!($($code),*);
        const ISO_EXPONENTS: &[u8] = &[$($exponent),*];
    };
}

use crate::{Error, Result};

// Minor-unit exponents of every active ISO 4217 code that has one, sorted by code
// (ISO 4217 list one). Funds and precious metals whose minor unit is "N.A." (XAU, XDR,
// …) are left out on purpose: nobody is charged in them, and an unknown code gets the
// clean fallback rather than a guessed exponent.
//
// Where a session states `currency_decimals`, that wins over this table: processors
// disagree with ISO for ISK, HUF, IQD and others.
//
// Stored as one string of codes and one byte per exponent (`ISO_CODES`,
// `ISO_EXPONENTS`), not as `(&str, u8)` pairs: a pointer, a length and padding per code
// were 2 KB of the wasm's data.
iso_exponents! {
    ("AED", 2),
    ("AFN", 2),
    ("ALL", 2),
    ("AMD", 2),
    ("ANG", 2),
    ("AOA", 2),
    ("ARS", 2),
    ("AUD", 2),
    ("AWG", 2),
    ("AZN", 2),
    ("BAM", 2),
    ("BBD", 2),
    ("BDT", 2),
    ("BGN", 2),
    ("BHD", 3),
    ("BIF", 0),
    ("BMD", 2),
    ("BND", 2),
    ("BOB", 2),
    ("BOV", 2),
    ("BRL", 2),
    ("BSD", 2),
    ("BTN", 2),
    ("BWP", 2),
    ("BYN", 2),
    ("BZD", 2),
    ("CAD", 2),
    ("CDF", 2),
    ("CHE", 2),
    ("CHF", 2),
    ("CHW", 2),
    ("CLF", 4),
    ("CLP", 0),
    ("CNY", 2),
    ("COP", 2),
    ("COU", 2),
    ("CRC", 2),
    ("CUP", 2),
    ("CVE", 2),
    ("CZK", 2),
    ("DJF", 0),
    ("DKK", 2),
    ("DOP", 2),
    ("DZD", 2),
    ("EGP", 2),
    ("ERN", 2),
    ("ETB", 2),
    ("EUR", 2),
    ("FJD", 2),
    ("FKP", 2),
    ("GBP", 2),
    ("GEL", 2),
    ("GHS", 2),
    ("GIP", 2),
    ("GMD", 2),
    ("GNF", 0),
    ("GTQ", 2),
    ("GYD", 2),
    ("HKD", 2),
    ("HNL", 2),
    ("HTG", 2),
    ("HUF", 2),
    ("IDR", 2),
    ("ILS", 2),
    ("INR", 2),
    ("IQD", 3),
    ("IRR", 2),
    ("ISK", 0),
    ("JMD", 2),
    ("JOD", 3),
    ("JPY", 0),
    ("KES", 2),
    ("KGS", 2),
    ("KHR", 2),
    ("KMF", 0),
    ("KPW", 2),
    ("KRW", 0),
    ("KWD", 3),
    ("KYD", 2),
    ("KZT", 2),
    ("LAK", 2),
    ("LBP", 2),
    ("LKR", 2),
    ("LRD", 2),
    ("LSL", 2),
    ("LYD", 3),
    ("MAD", 2),
    ("MDL", 2),
    ("MGA", 2),
    ("MKD", 2),
    ("MMK", 2),
    ("MNT", 2),
    ("MOP", 2),
    ("MRU", 2),
    ("MUR", 2),
    ("MVR", 2),
    ("MWK", 2),
    ("MXN", 2),
    ("MXV", 2),
    ("MYR", 2),
    ("MZN", 2),
    ("NAD", 2),
    ("NGN", 2),
    ("NIO", 2),
    ("NOK", 2),
    ("NPR", 2),
    ("NZD", 2),
    ("OMR", 3),
    ("PAB", 2),
    ("PEN", 2),
    ("PGK", 2),
    ("PHP", 2),
    ("PKR", 2),
    ("PLN", 2),
    ("PYG", 0),
    ("QAR", 2),
    ("RON", 2),
    ("RSD", 2),
    ("RUB", 2),
    ("RWF", 0),
    ("SAR", 2),
    ("SBD", 2),
    ("SCR", 2),
    ("SDG", 2),
    ("SEK", 2),
    ("SGD", 2),
    ("SHP", 2),
    ("SLE", 2),
    ("SOS", 2),
    ("SRD", 2),
    ("SSP", 2),
    ("STN", 2),
    ("SVC", 2),
    ("SYP", 2),
    ("SZL", 2),
    ("THB", 2),
    ("TJS", 2),
    ("TMT", 2),
    ("TND", 3),
    ("TOP", 2),
    ("TRY", 2),
    ("TTD", 2),
    ("TWD", 2),
    ("TZS", 2),
    ("UAH", 2),
    ("UGX", 0),
    ("USD", 2),
    ("USN", 2),
    ("UYI", 0),
    ("UYU", 2),
    ("UYW", 4),
    ("UZS", 2),
    ("VED", 2),
    ("VES", 2),
    ("VND", 0),
    ("VUV", 0),
    ("WST", 2),
    ("XAF", 0),
    ("XCD", 2),
    ("XCG", 2),
    ("XOF", 0),
    ("XPF", 0),
    ("YER", 2),
    ("ZAR", 2),
    ("ZMW", 2),
    ("ZWG", 2),
}

/// The ISO 4217 exponent of `code` (any case), or `None` for a code ISO does not list
/// as active with a minor unit.
pub fn iso_exponent(code: &str) -> Option<u8> {
    let upper = code.to_ascii_uppercase();
    let (mut low, mut high) = (0, ISO_EXPONENTS.len());
    while low < high {
        let mid = (low + high) / 2;
        match ISO_CODES.as_bytes().get(3 * mid..3 * mid + 3)?.cmp(upper.as_bytes()) {
            std::cmp::Ordering::Less => low = mid + 1,
            std::cmp::Ordering::Greater => high = mid,
            std::cmp::Ordering::Equal => return ISO_EXPONENTS.get(mid).copied(),
        }
    }
    None
}

/// A currency code: three ASCII letters, kept upper-case.
///
/// Polar sends codes in lower case (`"usd"`), PayNext in upper case; both parse to the
/// same `Currency`. A well-formed code that ISO does not know is still a `Currency`
/// (a processor may support it); [`Currency::exponent`] then falls back to 2.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Currency([u8; 3]);

impl Currency {
    /// Parses a code such as `"USD"` or `"usd"`.
    pub fn parse(code: &str) -> Result<Self> {
        let bytes = code.trim().as_bytes();
        match bytes {
            [a, b, c] if bytes.iter().all(u8::is_ascii_alphabetic) => {
                Ok(Self([a.to_ascii_uppercase(), b.to_ascii_uppercase(), c.to_ascii_uppercase()]))
            }
            _ => Err(Error::InvalidCurrency(code.to_string())),
        }
    }

    /// The upper-case code, as Intl and ISO spell it.
    pub fn code(&self) -> &str {
        // Only ASCII letters are ever stored.
        std::str::from_utf8(&self.0).unwrap_or("XXX")
    }

    /// The lower-case code, as Polar's wire format spells it.
    pub fn wire_code(&self) -> String {
        self.code().to_ascii_lowercase()
    }

    /// Whether ISO 4217 lists this code as active with a minor unit.
    pub fn is_known(&self) -> bool {
        iso_exponent(self.code()).is_some()
    }

    /// The ISO exponent, or 2 for a code ISO does not know (the most common exponent,
    /// and the one every processor assumes by default).
    pub fn exponent(&self) -> u8 {
        iso_exponent(self.code()).unwrap_or(2)
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl fmt::Debug for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Currency({})", self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sorted_and_unique_so_binary_search_is_valid() {
        let codes: Vec<&str> = (0..ISO_CODES.len() / 3).map(|i| &ISO_CODES[3 * i..3 * i + 3]).collect();
        assert_eq!(ISO_CODES.len(), 3 * ISO_EXPONENTS.len(), "one exponent per code");
        assert!(codes.iter().all(|c| c.bytes().all(|b| b.is_ascii_uppercase())));
        for pair in codes.windows(2) {
            assert!(pair[0] < pair[1], "{} before {}", pair[0], pair[1]);
        }
        assert_eq!(codes.len(), 166, "ISO 4217's active codes with a minor unit, as listed");
    }

    #[test]
    fn exponents_of_the_currencies_processors_disagree_on() {
        assert_eq!(iso_exponent("USD"), Some(2));
        assert_eq!(iso_exponent("jpy"), Some(0));
        assert_eq!(iso_exponent("KWD"), Some(3));
        assert_eq!(iso_exponent("BHD"), Some(3));
        assert_eq!(iso_exponent("IQD"), Some(3));
        assert_eq!(iso_exponent("ISK"), Some(0));
        assert_eq!(iso_exponent("HUF"), Some(2));
        assert_eq!(iso_exponent("CLP"), Some(0));
        assert_eq!(iso_exponent("CLF"), Some(4));
        assert_eq!(iso_exponent("XAU"), None);
        assert_eq!(iso_exponent("ABC"), None);
    }

    #[test]
    fn parse_normalises_case_and_rejects_malformed_codes() {
        assert_eq!(Currency::parse("usd").unwrap().code(), "USD");
        assert_eq!(Currency::parse(" Eur ").unwrap().code(), "EUR");
        assert_eq!(Currency::parse("usd").unwrap().wire_code(), "usd");
        for bad in ["", "US", "USDX", "U$D", "12 ", "ÜSD"] {
            assert!(Currency::parse(bad).is_err(), "{bad:?} should be rejected");
        }
    }

    #[test]
    fn unknown_but_well_formed_code_falls_back_to_two_decimals() {
        let c = Currency::parse("ABC").unwrap();
        assert!(!c.is_known());
        assert_eq!(c.exponent(), 2);
    }
}
