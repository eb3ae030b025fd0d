//! The buyer's local currency beside the payment currency, shaped like PayNext's
//! `currency_details` (seed 000). Kassa's extension to Polar's `CheckoutPublic`.

use serde::{Deserialize, Serialize};

/// An amount in the payment currency: what the buyer is charged.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct PaymentAmount {
    /// Minor units.
    pub amount: i64,
    /// Currency code.
    pub currency: String,
    /// Decimal places of the currency as the processor counts them (wins over ISO).
    #[serde(default)]
    pub currency_decimals: Option<u8>,
    /// `left` or `right`: where the server would put the symbol (fallback formatting).
    #[serde(default)]
    pub currency_position: Option<String>,
    /// The server's symbol (fallback formatting).
    #[serde(default)]
    pub currency_symbol: Option<String>,
    /// The server's own rendering, used only when the browser cannot format.
    #[serde(default)]
    pub formatted_amount: Option<String>,
}

/// An amount converted into the buyer's local currency: shown for orientation only.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct LocalAmount {
    /// Minor units.
    pub amount: i64,
    /// Currency code.
    pub currency: String,
    /// Decimal places of the currency as the processor counts them (wins over ISO).
    #[serde(default)]
    pub currency_decimals: Option<u8>,
    /// Payment → local rate, as a JSON number or a decimal string.
    #[serde(default)]
    #[cfg_attr(feature = "ts", tsify(type = "number | string | null"))]
    pub currency_exchange_rate: Option<serde_json::Value>,
    /// `left` or `right`.
    #[serde(default)]
    pub currency_position: Option<String>,
    /// The server's symbol.
    #[serde(default)]
    pub currency_symbol: Option<String>,
    /// The server's own rendering.
    #[serde(default)]
    pub formatted_amount: Option<String>,
    /// The server's psychologically rounded rendering (`€0.99`).
    #[serde(default)]
    pub formatted_amount_rounded: Option<String>,
}

/// A payment amount and, where the buyer's currency differs, its local counterpart.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct AmountPair {
    /// What is charged.
    pub payment: PaymentAmount,
    /// What it is worth in the buyer's currency.
    #[serde(default)]
    pub local: Option<LocalAmount>,
}

/// Local-currency details of the plan: the recurring price (`payment`/`local`), the
/// amount due now and the trial.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct PlanCurrencyDetails {
    /// The recurring (or one-time) price in the payment currency.
    pub payment: PaymentAmount,
    /// The same in the local currency.
    #[serde(default)]
    pub local: Option<LocalAmount>,
    /// The amount due today.
    #[serde(default)]
    pub due_now: Option<AmountPair>,
    /// The trial price, if the plan has a trial.
    #[serde(default)]
    pub trial: Option<AmountPair>,
}

/// PayNext-style `currency_details`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct CurrencyDetails {
    /// Details of the selected plan.
    pub plan: PlanCurrencyDetails,
}

impl CurrencyDetails {
    /// The buyer's local currency with its rate, if the session carries a usable one.
    /// A malformed code or rate means no local amounts are shown, rather than wrong ones.
    /// `float_text` as [`ExchangeRate::from_json`] takes it.
    pub fn local_currency(&self, float_text: impl Fn(f64) -> Option<String>) -> Option<crate::money::LocalCurrency> {
        use crate::money::{Currency, ExchangeRate, Money, SymbolPosition};
        let local = self.plan.local.as_ref()?;
        let currency = Currency::parse(&local.currency).ok()?;
        let exponent = local.currency_decimals.unwrap_or_else(|| currency.exponent());
        let rate = ExchangeRate::from_json(local.currency_exchange_rate.as_ref()?, float_text).ok()?;
        let symbol =
            local.currency_symbol.clone().zip(local.currency_position.as_deref().and_then(SymbolPosition::parse));
        Some(crate::money::LocalCurrency { unit: Money::with_exponent(0, currency, exponent), rate, symbol })
    }

    /// The payment currency's exponent as the server counts it, if it says.
    pub fn payment_decimals(&self) -> Option<u8> {
        self.plan.payment.currency_decimals
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn details(rate: serde_json::Value, currency: &str) -> CurrencyDetails {
        serde_json::from_value(serde_json::json!({
            "plan": {
                "payment": {"amount": 100, "currency": "USD", "currency_decimals": 2},
                "local": {"amount": 90, "currency": currency, "currency_decimals": 2,
                          "currency_exchange_rate": rate, "currency_position": "left",
                          "currency_symbol": "€"}
            }
        }))
        .unwrap()
    }

    #[test]
    fn reads_seed_000s_local_block() {
        let local = details(serde_json::json!(0.9), "EUR").local_currency(crate::money::rate::float_text).unwrap();
        assert_eq!(local.rate.to_string(), "0.9");
        assert_eq!(local.unit.currency.code(), "EUR");
        assert_eq!(local.symbol, Some(("€".to_string(), crate::money::SymbolPosition::Left)));
    }

    #[test]
    fn a_bad_rate_or_code_shows_no_local_amount() {
        assert!(details(serde_json::json!(0), "EUR").local_currency(crate::money::rate::float_text).is_none());
        assert!(details(serde_json::json!(-1.2), "EUR").local_currency(crate::money::rate::float_text).is_none());
        assert!(details(serde_json::json!("abc"), "EUR").local_currency(crate::money::rate::float_text).is_none());
        assert!(details(serde_json::json!(null), "EUR").local_currency(crate::money::rate::float_text).is_none());
        assert!(details(serde_json::json!(0.9), "E").local_currency(crate::money::rate::float_text).is_none());
    }
}
