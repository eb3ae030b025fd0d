//! Money: integer minor units, ISO 4217 currencies and their exponents.
//!
//! No floating point touches an amount. Formatting for people happens in the browser
//! (`Intl.NumberFormat`), fed with the exact decimal string built here.

pub mod amount;
pub mod currency;

pub use amount::Money;
pub use currency::{iso_exponent, Currency};
