//! Amounts and dates on the subscription screen: the payment currency by
//! `Intl.NumberFormat`, the customer's local currency beside it where the provider
//! sends `currency_details` (as the checkout shows them), dates by `Intl.DateTimeFormat`.

use kassa::dom::{el, El};
use kassa::ui::amounts::Amounts;
use kassa_core::i18n::{billing_period, Lang};
use kassa_core::subscription::CustomerSubscription;

use crate::dates::format_date;

/// The amounts of `sub` in `locale`.
pub fn amounts(sub: &CustomerSubscription, locale: &str) -> Amounts {
    Amounts::for_details(&sub.currency, sub.currency_details.as_ref(), locale)
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
