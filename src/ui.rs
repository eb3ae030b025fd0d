//! Leptos components. The model is in [`kassa_core`]; these only show it and pass the
//! buyer's edits to the [`controller::Controller`].

pub mod amounts;
pub mod checkout;
pub mod controller;
pub mod customer;
pub mod field;
pub mod plan;
pub mod summary;

pub use checkout::Checkout;
pub use summary::Summary;
