//! The one error enum of `kassa-core`.

/// Everything that can go wrong in Kassa's pure logic.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// A currency code that is not three ASCII letters.
    #[error("invalid currency code {0:?}: expected three letters such as USD")]
    InvalidCurrency(String),
    /// An amount whose arithmetic would leave the range of `i64` minor units.
    #[error("amount out of range")]
    AmountOverflow,
    /// An exchange rate that is not a positive, finite decimal number.
    #[error("invalid exchange rate {0:?}: expected a positive decimal number")]
    InvalidRate(String),
}

/// `Result` with Kassa's core error.
pub type Result<T> = std::result::Result<T, Error>;
