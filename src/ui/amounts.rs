//! How the amounts of one session are shown: what is charged, in the payment currency,
//! always first; the buyer's local currency, where the session has one, after it and
//! marked approximate.

use kassa_core::checkout::CheckoutPublic;
use kassa_core::money::{Currency, LocalCurrency, Money};

use crate::dom::{el, El};
use crate::intl::{format_wire, CurrencyDisplay, WireAmount};

/// Formatting context of a session: locale, payment currency and local currency.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Amounts {
    locale: String,
    /// The payment currency as sent (may be malformed: then amounts still show).
    code: String,
    /// The payment currency's exponent as the server counts it, if it says.
    decimals: Option<u8>,
    local: Option<LocalCurrency>,
}

impl Amounts {
    /// The context for `checkout` in `locale`.
    pub fn for_session(checkout: &CheckoutPublic, locale: &str) -> Self {
        let details = checkout.currency_details.as_ref();
        let local = details.and_then(|d| d.local_currency(crate::intl::float_text));
        let code = checkout.currency.clone();
        // A "local" currency equal to the payment currency adds nothing.
        let local = local.filter(|l| Currency::parse(&code).ok() != Some(l.unit.currency));
        Self { locale: locale.to_string(), code, decimals: details.and_then(|d| d.payment_decimals()), local }
    }

    /// The payment currency's code, upper case, for "charged in USD".
    pub fn payment_code(&self) -> String {
        self.code.to_ascii_uppercase()
    }

    /// The local currency's code, if amounts are shown in one.
    pub fn local_code(&self) -> Option<String> {
        self.local.as_ref().map(|l| l.unit.currency.code().to_string())
    }

    /// `minor` in the payment currency: `$19.00`.
    pub fn charged(&self, minor: i64) -> String {
        let amount = WireAmount { minor, code: Some(&self.code), decimals: self.decimals, symbol: None };
        format_wire(amount, &self.locale, CurrencyDisplay::Symbol)
    }

    /// A price finer than a minor unit (`"0.5"` cents), in the payment currency:
    /// `$0.005`. `None` if it cannot be shown exactly.
    pub fn unit_price(&self, minor: &str) -> Option<String> {
        let currency = Currency::parse(&self.code).ok()?;
        let exponent = self.decimals.unwrap_or_else(|| currency.exponent());
        crate::intl::format_unit_price(minor, currency, exponent, &self.locale)
    }

    /// `minor` of the payment currency in the local currency (`€17.48`), if there is one
    /// and the conversion fits.
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

/// An amount: the charge, then the local equivalent in parentheses.
pub fn amount(minor: i64, amounts: &Amounts) -> (El, Option<El>) {
    let local = amounts.local(minor);
    (
        el("span").class("kassa-amount").text(&amounts.charged(minor)),
        local.map(|l| el("span").class("kassa-local").testid("local-amount").text(&format!(" (≈\u{a0}{l})"))),
    )
}
