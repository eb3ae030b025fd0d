//! The buyer's local currency beside the payment currency, shaped like PayNext's
//! `currency_details` (seed 000). Kassa's extension to Polar's `CheckoutPublic`.

use serde::{Deserialize, Serialize};

/// An amount in the payment currency: what the buyer is charged.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
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
pub struct AmountPair {
    /// What is charged.
    pub payment: PaymentAmount,
    /// What it is worth in the buyer's currency.
    #[serde(default)]
    pub local: Option<LocalAmount>,
}

/// Local-currency details of the plan: the recurring price (`payment`/`local`), the
/// amount due now and the trial.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
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
pub struct CurrencyDetails {
    /// Details of the selected plan.
    pub plan: PlanCurrencyDetails,
}
