//! Exchange rates of the sandbox, and the buyer's local currency.
//!
//! Rates are quoted per US dollar; a cross rate `P → L` is `L/USD ÷ P/USD`, rounded half
//! up to 6 decimals, and that rounded rate is the one the session states and both sides
//! convert with ([`kassa_core::money::ExchangeRate::convert`]).

use kassa_core::checkout::currency_details::{AmountPair, PlanCurrencyDetails};
use kassa_core::checkout::{CurrencyDetails, LocalAmount, PaymentAmount};
use kassa_core::money::{charm_round, fallback_format, iso_exponent, ExchangeRate, SymbolPosition};

/// Units of each currency per US dollar.
const PER_USD: &[(&str, &str)] = &[
    ("USD", "1"),
    ("EUR", "0.9235"),
    ("GBP", "0.7874"),
    ("JPY", "157.23"),
    ("KWD", "0.3071"),
    ("BHD", "0.376"),
    ("IQD", "1310"),
    ("HUF", "362.5"),
    ("ISK", "138.9"),
    ("CLP", "944.5"),
    ("CHF", "0.8812"),
    ("CAD", "1.3712"),
    ("BRL", "5.43"),
    ("INR", "83.42"),
    ("SEK", "10.52"),
    ("NOK", "10.71"),
    ("DKK", "6.89"),
    ("PLN", "3.97"),
    ("AUD", "1.52"),
    ("MXN", "17.05"),
    ("AED", "3.6725"),
];

/// A buyer's country's currency, for the sandbox's `buyer_country` extension.
pub fn currency_of_country(country: &str) -> Option<&'static str> {
    Some(match country {
        "US" => "USD",
        "DE" | "FR" | "NL" | "ES" | "IT" | "IE" | "AT" | "BE" | "PT" | "FI" | "GR" | "LU" | "SK" | "SI" | "EE"
        | "LV" | "LT" | "MT" | "CY" | "HR" => "EUR",
        "GB" => "GBP",
        "JP" => "JPY",
        "KW" => "KWD",
        "BH" => "BHD",
        "IQ" => "IQD",
        "HU" => "HUF",
        "IS" => "ISK",
        "CL" => "CLP",
        "CH" => "CHF",
        "CA" => "CAD",
        "BR" => "BRL",
        "IN" => "INR",
        "SE" => "SEK",
        "NO" => "NOK",
        "DK" => "DKK",
        "PL" => "PLN",
        "AU" => "AUD",
        "MX" => "MXN",
        "AE" => "AED",
        _ => return None,
    })
}

/// Whether the sandbox has a rate for `code` (upper case).
pub fn is_supported(code: &str) -> bool {
    PER_USD.iter().any(|(c, _)| *c == code)
}

fn per_usd(code: &str) -> Option<ExchangeRate> {
    let (_, rate) = PER_USD.iter().find(|(c, _)| *c == code)?;
    ExchangeRate::parse(rate).ok()
}

/// The rate from `payment` to `local` (upper-case codes).
pub fn rate(payment: &str, local: &str) -> Option<ExchangeRate> {
    per_usd(local)?.divide(&per_usd(payment)?, 6).ok()
}

/// The symbol and its side, for the server's fallback formatting (`currency_symbol`,
/// `currency_position`), as an English-locale page would show them.
pub fn symbol(code: &str) -> (&'static str, &'static str) {
    match code {
        "USD" => ("$", "left"),
        "EUR" => ("€", "left"),
        "GBP" => ("£", "left"),
        "JPY" => ("¥", "left"),
        "INR" => ("₹", "left"),
        "BRL" => ("R$", "left"),
        "CAD" => ("CA$", "left"),
        "AUD" => ("A$", "left"),
        "MXN" => ("MX$", "left"),
        "CHF" => ("CHF", "left"),
        "SEK" | "NOK" | "DKK" | "ISK" => ("kr", "right"),
        "PLN" => ("zł", "right"),
        "HUF" => ("Ft", "right"),
        "KWD" => ("KD", "left"),
        "BHD" => ("BD", "left"),
        "IQD" => ("IQD", "left"),
        "CLP" => ("CLP$", "left"),
        "AED" => ("AED", "left"),
        _ => ("", "left"),
    }
}

fn formatted(minor: i64, code: &str, exponent: u8) -> String {
    let (symbol, position) = symbol(code);
    let position = SymbolPosition::parse(position).unwrap_or(SymbolPosition::Left);
    fallback_format(minor, exponent, Some((symbol, position)), Some(code))
}

fn payment_block(minor: i64, code: &str) -> PaymentAmount {
    let exponent = iso_exponent(code).unwrap_or(2);
    let (symbol, position) = symbol(code);
    PaymentAmount {
        amount: minor,
        currency: code.to_string(),
        currency_decimals: Some(exponent),
        currency_position: Some(position.into()),
        currency_symbol: Some(symbol.into()),
        formatted_amount: Some(formatted(minor, code, exponent)),
    }
}

fn local_block(minor: i64, payment: &str, local: &str, rate: &ExchangeRate) -> Option<LocalAmount> {
    let from = iso_exponent(payment).unwrap_or(2);
    let to = iso_exponent(local).unwrap_or(2);
    let converted = rate.convert(minor, from, to).ok()?;
    let (symbol, position) = symbol(local);
    Some(LocalAmount {
        amount: converted,
        currency: local.to_string(),
        currency_decimals: Some(to),
        // A JSON number, as in PayNext's seed; serde_json writes the shortest form that
        // reads back as the same decimal.
        currency_exchange_rate: rate.to_decimal_string().parse::<f64>().ok().map(serde_json::Value::from),
        currency_position: Some(position.into()),
        currency_symbol: Some(symbol.into()),
        formatted_amount: Some(formatted(converted, local, to)),
        formatted_amount_rounded: charm_round(converted, to).ok().map(|r| formatted(r, local, to)),
    })
}

fn pair(minor: i64, payment: &str, local: &str, rate: &ExchangeRate) -> AmountPair {
    AmountPair { payment: payment_block(minor, payment), local: local_block(minor, payment, local, rate) }
}

/// PayNext-style `currency_details` for a session paid in `payment` by a buyer whose
/// currency is `local` (upper-case codes): the plan's price per cycle, the amount due
/// now and, with a trial, the trial's price (free). `None` when the two are the same or
/// the sandbox has no rate.
pub fn currency_details(payment: &str, local: &str, plan: i64, due_now: i64, trial: bool) -> Option<CurrencyDetails> {
    if payment == local {
        return None;
    }
    let rate = rate(payment, local)?;
    let plan_pair = pair(plan, payment, local, &rate);
    Some(CurrencyDetails {
        plan: PlanCurrencyDetails {
            payment: plan_pair.payment,
            local: plan_pair.local,
            due_now: Some(pair(due_now, payment, local, &rate)),
            trial: trial.then(|| pair(0, payment, local, &rate)),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cross_rates() {
        assert_eq!(rate("USD", "EUR").unwrap().to_string(), "0.9235");
        assert_eq!(rate("USD", "USD").unwrap().to_string(), "1");
        // 157.23 / 0.9235 = 170.25446670…
        assert_eq!(rate("EUR", "JPY").unwrap().to_string(), "170.254467");
        assert!(rate("USD", "XXX").is_none());
        assert_eq!(currency_of_country("DE"), Some("EUR"));
        assert!(is_supported("KWD") && !is_supported("XYZ"));
    }
}
