//! Sales tax by country (and US state), inclusive or exclusive as the price says.
//!
//! Rates are basis points. Rounding: half up to the minor unit. Exclusive:
//! `tax = round(net × rate)`, charged on top. Inclusive: the price already holds the tax,
//! `tax = net − round(net / (1 + rate))`, and the total is the net.

use kassa_core::checkout::{Address, TaxBehavior, TaxBehaviorOption};

/// Whether tax is in the price or on top, for a price's option and the buyer's address:
/// `location` includes it where consumer prices customarily include tax (the EU's VAT
/// area, the UK, Norway, Switzerland, Iceland, Australia, New Zealand, Japan) and adds
/// it elsewhere; no option is the organization's default, which here is to add it.
pub fn behavior(option: Option<TaxBehaviorOption>, address: &Address) -> TaxBehavior {
    const INCLUSIVE: &str = "AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK \
GB NO CH IS AU NZ JP";
    match option {
        Some(TaxBehaviorOption::Inclusive) => TaxBehavior::Inclusive,
        Some(TaxBehaviorOption::Location) if INCLUSIVE.split(' ').any(|c| c == address.country) => {
            TaxBehavior::Inclusive
        }
        _ => TaxBehavior::Exclusive,
    }
}

/// The tax rate for a billing address, in basis points. Countries not listed have no tax.
pub fn rate_bps(address: &Address) -> u32 {
    match (address.country.as_str(), address.state.as_deref()) {
        ("US", Some("US-CA")) => 725,
        ("US", Some("US-NY")) => 400,
        ("US", Some("US-TX")) => 625,
        ("US", Some("US-WA")) => 650,
        ("US", _) => 0,
        ("CA", Some("CA-QC")) => 1498,
        ("CA", Some("CA-ON")) => 1300,
        ("CA", _) => 500,
        ("DE", _) => 1900,
        ("FR", _) | ("AT", _) | ("GB", _) => 2000,
        ("NL", _) | ("ES", _) | ("BE", _) => 2100,
        ("IT", _) => 2200,
        ("IE", _) | ("PT", _) | ("PL", _) => 2300,
        ("SE", _) | ("DK", _) | ("NO", _) => 2500,
        ("FI", _) => 2550,
        ("HU", _) => 2700,
        ("IS", _) => 2400,
        ("CH", _) => 810,
        ("JP", _) | ("AU", _) | ("BH", _) => 1000,
        ("NZ", _) | ("SA", _) => 1500,
        ("AE", _) => 500,
        ("CL", _) => 1900,
        ("IN", _) => 1800,
        _ => 0,
    }
}

fn round_half_up(numerator: i128, denominator: i128) -> i64 {
    let q = (numerator * 2 + denominator) / (denominator * 2);
    i64::try_from(q).unwrap_or(i64::MAX)
}

/// The tax on `net` at `rate_bps` with `behavior`.
pub fn tax_on(net: i64, rate_bps: u32, behavior: TaxBehavior) -> i64 {
    if net <= 0 || rate_bps == 0 {
        return 0;
    }
    let (net, rate) = (i128::from(net), i128::from(rate_bps));
    match behavior {
        TaxBehavior::Exclusive | TaxBehavior::Unknown => round_half_up(net * rate, 10_000),
        TaxBehavior::Inclusive => i64::try_from(net).unwrap_or(i64::MAX) - round_half_up(net * 10_000, 10_000 + rate),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(country: &str, state: Option<&str>) -> Address {
        Address { country: country.into(), state: state.map(Into::into), ..Default::default() }
    }

    #[test]
    fn rates_by_country_and_state() {
        assert_eq!(rate_bps(&at("DE", None)), 1900);
        assert_eq!(rate_bps(&at("US", Some("US-CA"))), 725);
        assert_eq!(rate_bps(&at("US", Some("US-OR"))), 0);
        assert_eq!(rate_bps(&at("KW", None)), 0);
    }

    #[test]
    fn location_follows_the_buyers_country() {
        let location = Some(TaxBehaviorOption::Location);
        assert_eq!(behavior(location, &at("DE", None)), TaxBehavior::Inclusive);
        assert_eq!(behavior(location, &at("US", Some("US-CA"))), TaxBehavior::Exclusive);
        assert_eq!(behavior(Some(TaxBehaviorOption::Inclusive), &at("US", None)), TaxBehavior::Inclusive);
        assert_eq!(behavior(None, &at("DE", None)), TaxBehavior::Exclusive);
    }

    #[test]
    fn exclusive_and_inclusive() {
        // $19.00 at 7.25 % = 1.3775 → 1.38 on top.
        assert_eq!(tax_on(1900, 725, TaxBehavior::Exclusive), 138);
        // €17.00 including 19 %: 17 / 1.19 = 14.2857 → 14.29 net of tax, tax 2.71.
        assert_eq!(tax_on(1700, 1900, TaxBehavior::Inclusive), 271);
        assert_eq!(tax_on(0, 1900, TaxBehavior::Exclusive), 0);
        assert_eq!(tax_on(1900, 0, TaxBehavior::Inclusive), 0);
    }
}
