//! Kassa's subscription screen: after checkout, a customer sees their subscription (plan,
//! price and interval, seats, status in words, period, next charge, a pending change)
//! and changes it through Polar's customer portal API with a customer session token.
//!
//! Its own wasm, loaded only by `Kassa.mountSubscription` or `<kassa-subscription>`: the
//! checkout's first render does not carry a byte of it. It reuses the checkout's DOM
//! builder, formatting, lifetime and events (the `kassa` crate without its exports); the
//! rules of what is shown and allowed are in `kassa_core::subscription`, tested natively.

pub mod api;
pub mod dates;
pub mod embed;
pub mod screen;
pub mod ui;
