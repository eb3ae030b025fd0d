//! The buyer's local currency: what an amount in the payment currency is worth to them.
//! Shown beside the charge, marked approximate; never charged.

use crate::money::{ExchangeRate, Money, SymbolPosition};
use crate::Result;

/// A local currency with the rate from the payment currency and the server's display
/// hints (used only when the browser cannot format the code).
#[derive(Clone, Debug, PartialEq)]
pub struct LocalCurrency {
    /// The local amount's currency and exponent, as a zero amount.
    pub unit: Money,
    /// Payment → local.
    pub rate: ExchangeRate,
    /// Server's symbol and position for this currency.
    pub symbol: Option<(String, SymbolPosition)>,
}

impl LocalCurrency {
    /// `payment` in the local currency, rounded half away from zero (see
    /// [`ExchangeRate::convert`]).
    pub fn convert(&self, payment: &Money) -> Result<Money> {
        let minor = self.rate.convert(payment.minor, payment.exponent, self.unit.exponent)?;
        Ok(Money { minor, ..self.unit })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::Currency;

    #[test]
    fn converts_with_the_local_exponent() {
        let eur = Currency::parse("EUR").unwrap();
        let jpy = Currency::parse("JPY").unwrap();
        let local =
            LocalCurrency { unit: Money::new(0, jpy), rate: ExchangeRate::parse("162.5").unwrap(), symbol: None };
        assert_eq!(local.convert(&Money::new(1999, eur)).unwrap(), Money::new(3248, jpy));
    }
}
