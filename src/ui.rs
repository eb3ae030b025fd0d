//! The checkout's components, built with [`crate::dom`] over Leptos's signals. The model
//! is in [`kassa_core`]; these only show it and pass the buyer's edits to the
//! [`controller::Controller`].

pub mod amounts;
pub mod checkout;
// The split points' generated loader glue (see chunks.rs) is the one `unsafe` here.
#[allow(unsafe_code)]
pub mod chunks;
pub mod controller;
pub mod custom_fields;
pub mod customer;
pub mod discount;
pub mod field;
pub mod pay;
pub mod plan;
pub mod screens;
pub mod summary;
pub mod totals;
pub mod usage;

pub use checkout::{checkout, checkout_form, checkout_view};
pub use controller::Controller;
