//! The one error enum of `kassa-core`.

/// Everything that can go wrong in Kassa's pure logic.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// A currency code that is not three ASCII letters.
    #[error("invalid currency code \"{0}\": expected three letters such as USD")]
    InvalidCurrency(String),
    /// An amount whose arithmetic would leave the range of `i64` minor units.
    #[error("amount out of range")]
    AmountOverflow,
    /// An exchange rate that is not a positive, finite decimal number.
    #[error("invalid exchange rate \"{0}\": expected a positive decimal number")]
    InvalidRate(String),
    /// JSON from the provider (or the page) that does not have the shape of the type
    /// read from it; `at` is the path to the value (`products[0].prices[1].price_currency`).
    #[error("unreadable JSON{}: expected {expected}", at_path(.at))]
    Unreadable {
        /// Where: fields by name, array items by `[index]`.
        at: String,
        /// What was expected there.
        expected: &'static str,
    },
}

/// ` at products[0].id`, or nothing for the value itself.
fn at_path(at: &str) -> String {
    if at.is_empty() {
        String::new()
    } else {
        format!(" at {at}")
    }
}

/// `Result` with Kassa's core error.
pub type Result<T> = std::result::Result<T, Error>;
