//! Kassa: a checkout widget compiled to WebAssembly.
//!
//! The browser layer is thin on purpose. What a buyer is charged, how a session is
//! modelled and what a provider's answer means live in [`kassa_core`], tested natively;
//! this crate fetches ([`api`]), formats in the browser ([`intl`]), renders ([`ui`]) and
//! exposes the JavaScript API ([`embed`], the only `#[wasm_bindgen]` exports).

#[cfg(feature = "alloc-stats")]
mod alloc_stats;
pub mod api;
pub mod computed;
#[cfg(test)]
mod css_min;
pub mod dom;
pub mod effect;
#[cfg(feature = "checkout")]
pub mod embed;
pub mod error;
pub mod events;
pub mod intl;
pub mod lifetime;
pub mod payment;
pub mod state;
pub mod ui;
pub mod wire;

pub use error::{Error, Result};
pub use kassa_core as core;
