//! Exchange rates as exact decimals, and conversion between currencies in integer
//! arithmetic.
//!
//! **The rounding rule.** A converted amount is rounded to the nearest minor unit of the
//! target currency, halves away from zero (`0.5 → 1`, `-0.5 → -1`): commercial rounding,
//! what a buyer checking with a calculator expects. The widget and the sandbox both call
//! [`ExchangeRate::convert`], so a local amount never differs by a minor unit between the
//! screen and the server.

use std::fmt;

use crate::{Error, Result};

/// Most significant digits a rate may carry. Rates are quoted to at most ~10 digits;
/// the bound keeps every product inside `i128`.
const MAX_DIGITS: usize = 24;

/// A positive exchange rate, exactly as written: `mantissa / 10^scale`.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct ExchangeRate {
    mantissa: u128,
    scale: u32,
}

impl ExchangeRate {
    /// Parses a decimal such as `"0.9"`, `"1.0837"`, `"157"` or `"1.5e-3"`. Rejects zero,
    /// negatives, NaN, infinities and anything that is not a plain decimal.
    pub fn parse(text: &str) -> Result<Self> {
        let invalid = || Error::InvalidRate(text.to_string());
        let s = text.trim();
        let s = s.strip_prefix('+').unwrap_or(s);
        let (number, exp) = match s.find(['e', 'E']) {
            Some(i) => {
                let exp: i32 = s[i + 1..].parse().map_err(|_| invalid())?;
                (&s[..i], exp)
            }
            None => (s, 0),
        };
        let (int, frac) = number.split_once('.').unwrap_or((number, ""));
        if int.is_empty() && frac.is_empty() || !int.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit()) {
            return Err(invalid());
        }
        let digits = format!("{int}{frac}");
        let digits = digits.trim_start_matches('0');
        if digits.is_empty() {
            return Err(invalid()); // zero
        }
        // value = digits × 10^(exp − frac.len()); drop trailing zeros into the exponent.
        let trimmed = digits.trim_end_matches('0');
        let mut power = exp - frac.len() as i32 + (digits.len() - trimmed.len()) as i32;
        if trimmed.len() > MAX_DIGITS || !(-40..=40).contains(&power) {
            return Err(invalid());
        }
        let mut mantissa: u128 = trimmed.parse().map_err(|_| invalid())?;
        while power > 0 {
            mantissa = mantissa.checked_mul(10).ok_or_else(invalid)?;
            power -= 1;
        }
        Ok(Self { mantissa, scale: power.unsigned_abs() })
    }

    /// Reads a rate from JSON: a number (`0.9`) or a decimal string (`"0.9"`).
    /// `float_text` writes a number with a fraction as its shortest decimal text, the one
    /// that reads back as the same double ([`float_text`] natively; the widget passes the
    /// browser's `Number#toString`, because the formatter serde_json links weighs ~10 KB
    /// of tables in the wasm).
    pub fn from_json(value: &serde_json::Value, float_text: impl Fn(f64) -> Option<String>) -> Result<Self> {
        let text = match value {
            serde_json::Value::Number(n) => match (n.as_u64(), n.as_f64()) {
                (Some(whole), _) => Some(whole.to_string()),
                (None, Some(float)) => float_text(float),
                (None, None) => None,
            },
            serde_json::Value::String(s) => Some(s.clone()),
            _ => None,
        };
        match text {
            Some(text) => Self::parse(&text),
            None => Err(Error::InvalidRate("not a positive number or decimal string".into())),
        }
    }

    /// Converts `minor` units of a currency with `from_exponent` decimals into minor units
    /// of a currency with `to_exponent` decimals, rounding half away from zero.
    pub fn convert(&self, minor: i64, from_exponent: u8, to_exponent: u8) -> Result<i64> {
        let pow10 = |n: u32| 10i128.checked_pow(n).ok_or(Error::AmountOverflow);
        let mantissa = i128::try_from(self.mantissa).map_err(|_| Error::AmountOverflow)?;
        // minor × rate × 10^to / 10^from = minor × mantissa × 10^to / 10^(scale + from)
        let mut numerator = i128::from(minor).checked_mul(mantissa).ok_or(Error::AmountOverflow)?;
        let mut denominator_power = self.scale + u32::from(from_exponent);
        let up = u32::from(to_exponent);
        // Cancel powers of ten before multiplying, so large amounts stay in range.
        let cancel = up.min(denominator_power);
        denominator_power -= cancel;
        numerator = numerator.checked_mul(pow10(up - cancel)?).ok_or(Error::AmountOverflow)?;
        let denominator = pow10(denominator_power)?;
        let quotient = numerator / denominator;
        let remainder = numerator % denominator;
        let rounded = if remainder.unsigned_abs() * 2 >= denominator.unsigned_abs() {
            quotient + numerator.signum()
        } else {
            quotient
        };
        i64::try_from(rounded).map_err(|_| Error::AmountOverflow)
    }

    /// `self / other`, rounded half up to `decimals` decimal places: the cross rate
    /// `B→C` from `A→C` and `A→B`. Errors if the result rounds to zero.
    pub fn divide(&self, other: &ExchangeRate, decimals: u32) -> Result<Self> {
        // (m1 / 10^s1) / (m2 / 10^s2) × 10^d = m1 × 10^(s2 + d) / (m2 × 10^s1)
        let pow10 = |n: u32| 10u128.checked_pow(n).ok_or(Error::AmountOverflow);
        let numerator = self.mantissa.checked_mul(pow10(other.scale + decimals)?).ok_or(Error::AmountOverflow)?;
        let denominator = other.mantissa.checked_mul(pow10(self.scale)?).ok_or(Error::AmountOverflow)?;
        let quotient = numerator / denominator;
        let rounded = if (numerator % denominator) * 2 >= denominator { quotient + 1 } else { quotient };
        if rounded == 0 {
            return Err(Error::InvalidRate(format!("{self} / {other}")));
        }
        Self::parse(&Self { mantissa: rounded, scale: decimals }.to_decimal_string())
    }

    /// The rate as a plain decimal string (`"0.9"`).
    pub fn to_decimal_string(&self) -> String {
        let digits = self.mantissa.to_string();
        let scale = self.scale as usize;
        if scale == 0 {
            digits
        } else if digits.len() > scale {
            format!("{}.{}", &digits[..digits.len() - scale], &digits[digits.len() - scale..])
        } else {
            format!("0.{}{digits}", "0".repeat(scale - digits.len()))
        }
    }
}

impl fmt::Debug for ExchangeRate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ExchangeRate({})", self.to_decimal_string())
    }
}

/// A double's shortest decimal text, by serde_json's formatter: [`ExchangeRate::from_json`]'s
/// `float_text` outside the browser.
pub fn float_text(n: f64) -> Option<String> {
    serde_json::Number::from_f64(n).map(|n| n.to_string())
}

impl fmt::Display for ExchangeRate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_decimal_string())
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use serde_json::json;

    use super::*;

    fn rate(s: &str) -> ExchangeRate {
        ExchangeRate::parse(s).unwrap()
    }

    #[test]
    fn parses_every_way_a_rate_is_written() {
        assert_eq!(rate("0.9").to_string(), "0.9");
        assert_eq!(rate("0.90").to_string(), "0.9");
        assert_eq!(rate("+1.0837").to_string(), "1.0837");
        assert_eq!(rate("157").to_string(), "157");
        assert_eq!(rate("1500.00").to_string(), "1500");
        assert_eq!(rate(".5").to_string(), "0.5");
        assert_eq!(rate("1.5e-3").to_string(), "0.0015");
        assert_eq!(rate("2E2").to_string(), "200");
        assert_eq!(ExchangeRate::from_json(&json!(0.9), float_text).unwrap(), rate("0.9"));
        assert_eq!(ExchangeRate::from_json(&json!("0.9"), float_text).unwrap(), rate("0.9"));
        assert_eq!(ExchangeRate::from_json(&json!(157), float_text).unwrap(), rate("157"));
        assert!(ExchangeRate::from_json(&json!(0.9), |_| None).is_err(), "a fraction needs its text");
    }

    #[test]
    fn rejects_rates_that_are_not_positive_decimals() {
        for bad in
            ["0", "0.000", "-1", "-0.5", "NaN", "inf", "", ".", "1.2.3", "1,5", "e5", "1e", "abc", "0x10", "1e999"]
        {
            assert!(ExchangeRate::parse(bad).is_err(), "{bad:?} should be rejected");
        }
        for bad in [json!(null), json!(true), json!([]), json!(-0.9), json!(0)] {
            assert!(ExchangeRate::from_json(&bad, float_text).is_err(), "{bad} should be rejected");
        }
    }

    #[test]
    fn converts_between_exponents_rounding_half_away_from_zero() {
        // Seed 000: 100 (USD 1.00) at 0.9 → 90 (EUR 0.90).
        assert_eq!(rate("0.9").convert(100, 2, 2).unwrap(), 90);
        // USD 19.00 → JPY at 157.23 = 2987.37 → 2987.
        assert_eq!(rate("157.23").convert(1900, 2, 0).unwrap(), 2987);
        // USD 10.00 → KWD at 0.3071 = 3.071 → 3071 fils.
        assert_eq!(rate("0.3071").convert(1000, 2, 3).unwrap(), 3071);
        // JPY 2900 → USD at 0.00636 = 18.444 → 1844 cents.
        assert_eq!(rate("0.00636").convert(2900, 0, 2).unwrap(), 1844);
        // Halves: 1 cent at 0.5 = 0.5 → 1; −1 → −1.
        assert_eq!(rate("0.5").convert(1, 2, 2).unwrap(), 1);
        assert_eq!(rate("0.5").convert(-1, 2, 2).unwrap(), -1);
        assert_eq!(rate("0.49").convert(1, 2, 2).unwrap(), 0);
        assert_eq!(rate("0.9").convert(0, 2, 2).unwrap(), 0);
    }

    #[test]
    fn cross_rates_round_half_up_and_normalise() {
        // EUR per USD 0.9235, JPY per USD 157.23 → JPY per EUR 170.2544666… → 170.254467.
        assert_eq!(rate("157.23").divide(&rate("0.9235"), 6).unwrap().to_string(), "170.254467");
        assert_eq!(rate("1").divide(&rate("4"), 6).unwrap().to_string(), "0.25");
        assert_eq!(rate("2").divide(&rate("2"), 6).unwrap().to_string(), "1");
        assert!(rate("1").divide(&rate("1e20"), 6).is_err());
    }

    #[test]
    fn results_beyond_i64_are_an_error_not_a_panic() {
        assert_eq!(rate("2").convert(i64::MAX, 2, 2), Err(Error::AmountOverflow));
        assert_eq!(rate("1").convert(i64::MAX, 0, 3), Err(Error::AmountOverflow));
        assert_eq!(rate("1").convert(i64::MAX, 2, 2), Ok(i64::MAX));
        assert_eq!(rate("1").convert(i64::MIN, 2, 2), Ok(i64::MIN));
    }

    fn any_rate() -> impl Strategy<Value = ExchangeRate> {
        (1u64..=10_000_000_000, 0u32..=10).prop_map(|(m, s)| ExchangeRate { mantissa: u128::from(m), scale: s })
    }

    proptest! {
        #[test]
        fn conversion_is_monotonic(rate in any_rate(), a in -1_000_000_000_000i64..1_000_000_000_000, d in 0i64..1_000_000, from in 0u8..=3, to in 0u8..=3) {
            let lo = rate.convert(a, from, to);
            let hi = rate.convert(a + d, from, to);
            if let (Ok(lo), Ok(hi)) = (lo, hi) {
                prop_assert!(lo <= hi, "{a} → {lo}, {} → {hi}", a + d);
            }
        }

        #[test]
        fn conversion_never_panics(rate in any_rate(), a in any::<i64>(), from in 0u8..=4, to in 0u8..=4) {
            let _ = rate.convert(a, from, to);
        }

        #[test]
        fn conversion_is_within_half_a_minor_unit(m in 1u64..1_000_000, s in 0u32..=6, a in -1_000_000_000i64..1_000_000_000) {
            // Check against a rational computed independently: |result − exact| ≤ 1/2.
            let rate = ExchangeRate { mantissa: u128::from(m), scale: s };
            let got = i128::from(rate.convert(a, 2, 2).unwrap());
            let exact_num = i128::from(a) * i128::from(m);
            let den = 10i128.pow(s);
            prop_assert!((got * den - exact_num).abs() * 2 <= den);
        }

        #[test]
        fn parse_round_trips(m in 1u64..u64::MAX, s in 0u32..=18) {
            prop_assume!(m % 10 != 0); // a trailing zero is normalised away
            let r = ExchangeRate { mantissa: u128::from(m), scale: s };
            let again = ExchangeRate::parse(&r.to_decimal_string()).unwrap();
            prop_assert_eq!(again.to_decimal_string(), r.to_decimal_string());
        }
    }
}
