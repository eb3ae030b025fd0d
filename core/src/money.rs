//! Money: integer minor units, ISO 4217 currencies and their exponents, exact exchange
//! rates and the charm-rounded local price.
//!
//! No floating point touches an amount. Formatting for people happens in the browser
//! (`Intl.NumberFormat`), fed with the exact decimal string built here; [`fallback`]
//! covers the cases `Intl` cannot.

pub mod amount;
pub mod currency;
pub mod fallback;
pub mod local;
pub mod rate;
pub mod rounded;

pub use amount::Money;
pub use currency::{iso_exponent, Currency};
pub use fallback::{fallback_format, SymbolPosition};
pub use local::LocalCurrency;
pub use rate::ExchangeRate;
pub use rounded::charm_round;
