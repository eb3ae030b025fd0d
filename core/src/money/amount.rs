//! An amount of money in integer minor units.

use crate::money::Currency;

/// An amount in minor units of a currency, with the exponent that says where the
/// decimal point goes (from ISO 4217, or from the session's `currency_decimals`,
/// which wins).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Money {
    /// The amount in minor units (cents for USD, yen for JPY, fils for KWD).
    pub minor: i64,
    /// The currency.
    pub currency: Currency,
    /// Number of decimal places in one major unit.
    pub exponent: u8,
}

impl Money {
    /// An amount with the currency's ISO exponent.
    pub fn new(minor: i64, currency: Currency) -> Self {
        Self { minor, currency, exponent: currency.exponent() }
    }

    /// An amount with an explicit exponent, for sessions that state `currency_decimals`.
    pub fn with_exponent(minor: i64, currency: Currency, exponent: u8) -> Self {
        Self { minor, currency, exponent }
    }

    /// The exact decimal value as a string (`1999`, exponent 2 → `"19.99"`), the form
    /// `Intl.NumberFormat` formats without going through a float, so amounts above
    /// 2^53 stay exact. A zero is always `"0"`-based, never `"-0"`.
    pub fn decimal_string(&self) -> String {
        decimal_string(self.minor, self.exponent)
    }
}

/// `minor` scaled down by `10^exponent`, written as a plain decimal string.
pub fn decimal_string(minor: i64, exponent: u8) -> String {
    let digits = minor.unsigned_abs().to_string();
    let exponent = usize::from(exponent);
    let mut out = String::with_capacity(digits.len() + exponent + 3);
    if minor < 0 {
        out.push('-');
    }
    if exponent == 0 {
        out.push_str(&digits);
    } else if digits.len() > exponent {
        let (int, frac) = digits.split_at(digits.len() - exponent);
        out.push_str(int);
        out.push('.');
        out.push_str(frac);
    } else {
        out.push_str("0.");
        out.extend(std::iter::repeat_n('0', exponent - digits.len()));
        out.push_str(&digits);
    }
    out
}

/// A fractional amount of minor units as Polar writes a metered unit price (`"0.5"`
/// cents), scaled down by `10^exponent` into an exact major-unit decimal (`"0.005"`),
/// with the number of fraction digits it needs (at least `exponent`). `None` for
/// anything but a plain non-negative decimal, or for more than 20 fraction digits (the
/// most `Intl.NumberFormat` takes).
pub fn minor_decimal_to_major(text: &str, exponent: u8) -> Option<(String, u8)> {
    let (int, frac) = text.trim().split_once('.').unwrap_or((text.trim(), ""));
    if int.is_empty() || !int.chars().chain(frac.chars()).all(|c| c.is_ascii_digit()) {
        return None;
    }
    let frac = frac.trim_end_matches('0');
    let digits = format!("{int}{frac}");
    let scale = frac.len() + usize::from(exponent);
    let digits = digits.trim_start_matches('0');
    let (int, frac) = if digits.len() > scale { digits.split_at(digits.len() - scale) } else { ("", digits) };
    let frac = format!("{frac:0>scale$}");
    let shown = u8::try_from(scale.max(usize::from(exponent))).ok().filter(|d| *d <= 20)?;
    let int = if int.is_empty() { "0" } else { int };
    Some((if frac.is_empty() { int.to_string() } else { format!("{int}.{frac}") }, shown))
}

/// Parses an amount as a buyer types it (`"12"`, `"12.5"`, `"12,50"`, `" 1 200.00 "`)
/// into minor units with `exponent` decimals.
///
/// The last `.` or `,` is the decimal separator, unless exactly three digits follow it
/// and the currency has fewer than three decimals: then it groups thousands (`1,200`,
/// German `12.345`). Every other separator and space groups thousands. `None` for
/// anything else, negatives, or more decimals than the currency has.
pub fn parse_minor(text: &str, exponent: u8) -> Option<i64> {
    let cleaned: String = text.chars().filter(|c| !c.is_whitespace() && *c != '\u{a0}' && *c != '\u{202f}').collect();
    if cleaned.is_empty() || !cleaned.chars().all(|c| c.is_ascii_digit() || c == '.' || c == ',') {
        return None;
    }
    let exponent = usize::from(exponent);
    let (int, frac) = match cleaned.rfind(['.', ',']) {
        Some(i) => {
            let decimals = cleaned.len() - i - 1;
            if decimals == 3 && exponent < 3 {
                (cleaned.as_str(), "")
            } else {
                (&cleaned[..i], &cleaned[i + 1..])
            }
        }
        None => (cleaned.as_str(), ""),
    };
    if frac.len() > exponent || (int.is_empty() && frac.is_empty()) {
        return None;
    }
    let int: String = int.chars().filter(char::is_ascii_digit).collect();
    let int = if int.is_empty() { "0" } else { int.as_str() };
    format!("{int}{frac:0<exponent$}").parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cur(code: &str) -> Currency {
        Currency::parse(code).unwrap()
    }

    #[test]
    fn metered_unit_prices_scale_exactly() {
        assert_eq!(minor_decimal_to_major("0.5", 2), Some(("0.005".into(), 3)));
        assert_eq!(minor_decimal_to_major("50", 2), Some(("0.50".into(), 2)));
        assert_eq!(minor_decimal_to_major("1250", 2), Some(("12.50".into(), 2)));
        assert_eq!(minor_decimal_to_major("0.000001", 2), Some(("0.00000001".into(), 8)));
        assert_eq!(minor_decimal_to_major("3", 0), Some(("3".into(), 0)));
        assert_eq!(minor_decimal_to_major("2.50", 3), Some(("0.0025".into(), 4)));
        for bad in ["", "-1", "1e3", "abc", ".5", "1.2.3"] {
            assert_eq!(minor_decimal_to_major(bad, 2), None, "{bad}");
        }
    }

    #[test]
    fn decimal_strings_for_each_exponent() {
        assert_eq!(Money::new(1999, cur("USD")).decimal_string(), "19.99");
        assert_eq!(Money::new(5, cur("USD")).decimal_string(), "0.05");
        assert_eq!(Money::new(0, cur("USD")).decimal_string(), "0.00");
        assert_eq!(Money::new(-1999, cur("EUR")).decimal_string(), "-19.99");
        assert_eq!(Money::new(-5, cur("EUR")).decimal_string(), "-0.05");
        assert_eq!(Money::new(1500, cur("JPY")).decimal_string(), "1500");
        assert_eq!(Money::new(1, cur("KWD")).decimal_string(), "0.001");
        assert_eq!(Money::new(12345, cur("BHD")).decimal_string(), "12.345");
        assert_eq!(Money::with_exponent(1500, cur("ISK"), 2).decimal_string(), "15.00");
    }

    #[test]
    fn typed_amounts() {
        assert_eq!(parse_minor("12", 2), Some(1200));
        assert_eq!(parse_minor("12.5", 2), Some(1250));
        assert_eq!(parse_minor("12,50", 2), Some(1250));
        assert_eq!(parse_minor(" 1 200.00 ", 2), Some(120_000));
        assert_eq!(parse_minor("1,200.00", 2), Some(120_000));
        assert_eq!(parse_minor("1.200,00", 2), Some(120_000));
        assert_eq!(parse_minor("1,200", 2), Some(120_000));
        assert_eq!(parse_minor(".5", 2), Some(50));
        assert_eq!(parse_minor("1500", 0), Some(1500));
        assert_eq!(parse_minor("1,500", 0), Some(1500));
        assert_eq!(parse_minor("5.900", 3), Some(5900));
        assert_eq!(parse_minor("12.345", 2), Some(1_234_500)); // German grouping
        assert_eq!(parse_minor("12.3456", 2), None);
        assert_eq!(parse_minor("12.5", 0), None);
        assert_eq!(parse_minor(".", 2), None);
        assert_eq!(parse_minor("-5", 2), None);
        assert_eq!(parse_minor("abc", 2), None);
        assert_eq!(parse_minor("", 2), None);
        assert_eq!(parse_minor("99999999999999999999", 2), None);
    }

    #[test]
    fn extremes_do_not_overflow() {
        assert_eq!(decimal_string(i64::MAX, 2), "92233720368547758.07");
        assert_eq!(decimal_string(i64::MIN, 2), "-92233720368547758.08");
        assert_eq!(decimal_string(i64::MIN, 0), "-9223372036854775808");
    }
}
