//! Leptos components. The model is in [`kassa_core`]; these only show it.

pub mod amounts;
pub mod checkout;
pub mod summary;

pub use checkout::Checkout;
pub use summary::Summary;
