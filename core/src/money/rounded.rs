//! The "rounded" local price (PayNext's `formatted_amount_rounded`: `€0.90` → `€0.99`):
//! a charm price shown beside the exact conversion for orientation.
//!
//! **The rule.** The rounded amount is the smallest amount at or above the exact one
//! that ends in the currency's charm digits, so it is never below the exact amount:
//!
//! | exponent | ends in | examples |
//! | --- | --- | --- |
//! | 0 (JPY, KRW, ISK, CLP) | a 9 in the units | ¥1,234 → ¥1,239; ¥1,239 → ¥1,239 |
//! | 1 | `.9` | 12.3 → 12.9 |
//! | 2 (USD, EUR) | `.99` | €0.90 → €0.99; €19.37 → €19.99; €20.00 → €20.99 |
//! | 3 (KWD, BHD) | `.990` | 5.123 → 5.990; 5.991 → 6.990 |
//! | 4 (CLF) | `.9900` | |
//!
//! Amounts at or below zero are returned unchanged: a free plan never reads as 0.99.

use crate::{Error, Result};

/// The charm-rounded amount for `minor` units of a currency with `exponent` decimals.
pub fn charm_round(minor: i64, exponent: u8) -> Result<i64> {
    if minor <= 0 {
        return Ok(minor);
    }
    // step: one major unit (or 10 units for exponent 0); ending: the charm digits.
    let (step, ending): (i64, i64) = match exponent {
        0 => (10, 9),
        1 => (10, 9),
        e => {
            let step = 10i64.checked_pow(u32::from(e)).ok_or(Error::AmountOverflow)?;
            (step, step - step / 100)
        }
    };
    // Smallest k·step + ending ≥ minor.
    let base = minor - minor.rem_euclid(step);
    let candidate = base.checked_add(ending).ok_or(Error::AmountOverflow)?;
    if candidate >= minor {
        Ok(candidate)
    } else {
        candidate.checked_add(step).ok_or(Error::AmountOverflow)
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn the_documented_examples() {
        assert_eq!(charm_round(90, 2), Ok(99)); // €0.90 → €0.99 (seed 000)
        assert_eq!(charm_round(1937, 2), Ok(1999));
        assert_eq!(charm_round(1999, 2), Ok(1999));
        assert_eq!(charm_round(2000, 2), Ok(2099));
        assert_eq!(charm_round(1, 2), Ok(99));
        assert_eq!(charm_round(1234, 0), Ok(1239));
        assert_eq!(charm_round(1239, 0), Ok(1239));
        assert_eq!(charm_round(1240, 0), Ok(1249));
        assert_eq!(charm_round(123, 1), Ok(129));
        assert_eq!(charm_round(5123, 3), Ok(5990));
        assert_eq!(charm_round(5990, 3), Ok(5990));
        assert_eq!(charm_round(5991, 3), Ok(6990));
        assert_eq!(charm_round(12_345, 4), Ok(19_900));
    }

    #[test]
    fn zero_and_negative_are_unchanged() {
        assert_eq!(charm_round(0, 2), Ok(0));
        assert_eq!(charm_round(-150, 2), Ok(-150));
    }

    #[test]
    fn overflow_is_an_error() {
        assert_eq!(charm_round(i64::MAX, 2), Err(Error::AmountOverflow));
        assert_eq!(charm_round(1, 30), Err(Error::AmountOverflow));
    }

    proptest! {
        #[test]
        fn never_below_exact_and_within_one_step(minor in 1i64..1_000_000_000_000_000, e in 0u8..=4) {
            let r = charm_round(minor, e).unwrap();
            prop_assert!(r >= minor);
            let step = if e <= 1 { 10 } else { 10i64.pow(u32::from(e)) };
            prop_assert!(r - minor < step);
            prop_assert_eq!(charm_round(r, e).unwrap(), r, "idempotent");
        }

        #[test]
        fn monotonic(a in 1i64..1_000_000_000_000, d in 0i64..1_000_000, e in 0u8..=4) {
            prop_assert!(charm_round(a, e).unwrap() <= charm_round(a + d, e).unwrap());
        }

        #[test]
        fn never_panics(a in any::<i64>(), e in any::<u8>()) {
            let _ = charm_round(a, e);
        }
    }
}
