//! Amounts and dates on the subscription screen: the payment currency by
//! `Intl.NumberFormat`, the customer's local currency beside it where the provider
//! sends `currency_details` (as the checkout shows them), dates by `Intl.DateTimeFormat`.

use kassa::dom::{el, El};
use kassa::intl::{format_wire, CurrencyDisplay, WireAmount};
use kassa_core::i18n::{billing_period, Lang};
use kassa_core::money::{Currency, LocalCurrency, Money};
use kassa_core::subscription::CustomerSubscription;

use crate::dates::format_date;

/// How a subscription's amounts are written: the checkout's `Amounts` over a
/// subscription instead of a session. Not that type itself: widening its constructor
/// moved the checkout's code about and cost its first render bytes, which this screen
/// must not.
pub struct Amounts {
    locale: String,
    code: String,
    decimals: Option<u8>,
    local: Option<LocalCurrency>,
}

impl Amounts {
    /// `minor` in the payment currency.
    pub fn charged(&self, minor: i64) -> String {
        let amount = WireAmount { minor, code: Some(&self.code), decimals: self.decimals, symbol: None };
        format_wire(amount, &self.locale, CurrencyDisplay::Symbol)
    }

    /// `minor` converted to the customer's local currency, if the provider sent one.
    pub fn local(&self, minor: i64) -> Option<String> {
        let local = self.local.as_ref()?;
        let currency = Currency::parse(&self.code).ok()?;
        let exponent = self.decimals.unwrap_or_else(|| currency.exponent());
        let converted = local.convert(&Money::with_exponent(minor, currency, exponent)).ok()?;
        let code = converted.currency.code().to_string();
        let amount = WireAmount {
            minor: converted.minor,
            code: Some(&code),
            decimals: Some(converted.exponent),
            symbol: local.symbol.as_ref().map(|(s, p)| (s.as_str(), *p)),
        };
        Some(format_wire(amount, &self.locale, CurrencyDisplay::Symbol))
    }
}

/// The amounts of `sub` in `locale`.
pub fn amounts(sub: &CustomerSubscription, locale: &str) -> Amounts {
    let details = sub.currency_details.as_ref();
    let local = details
        .and_then(|d| d.local_currency(kassa::intl::float_text))
        .filter(|l| Currency::parse(&sub.currency).ok() != Some(l.unit.currency));
    Amounts {
        locale: locale.to_string(),
        code: sub.currency.clone(),
        decimals: details.and_then(|d| d.payment_decimals()),
        local,
    }
}

/// `minor` in the payment currency, with the local currency beside it when known.
pub fn price(minor: i64, amounts: &Amounts) -> El {
    let shown = el("span").class("kassa-amount").text(&amounts.charged(minor));
    match amounts.local(minor) {
        Some(local) => el("span").child(shown).child(el("span").class("kassa-local").text(&format!(" (≈ {local})"))),
        None => el("span").child(shown),
    }
}

/// "/ month", "every 3 months" for `sub`'s interval.
pub fn period(sub: &CustomerSubscription, lang: Lang, locale: &str) -> String {
    match sub.recurring_interval {
        Some(interval) => {
            let count = sub.recurring_interval_count.max(1);
            billing_period(lang, interval, count, &kassa::intl::format_integer(count, locale))
        }
        None => String::new(),
    }
}

/// A timestamp as a date.
pub fn date(timestamp: &str, locale: &str) -> String {
    format_date(timestamp, locale)
}
