//! `kassa-sandbox`: a local stand-in for the payment provider, speaking Polar's
//! client-secret checkout API on SQLite, and serving Kassa's demo page and built widget
//! from the same origin.
//!
//! Run it with `cargo run -p kassa-sandbox -- --addr 127.0.0.1:8787 --db data/sandbox.sqlite`;
//! the README's demo command builds the widget first and does this for you.

pub mod catalog;
pub mod error;
pub mod extract;
pub mod routes;
pub mod session;
pub mod store;

use std::path::PathBuf;
use std::sync::Arc;

use axum::Router;
use kassa_core::checkout::CheckoutProduct;

pub use error::{AppError, Result};
pub use store::Store;

/// The bearer token of the sandbox's merchant endpoints. Public on purpose: the sandbox
/// holds no real money.
pub const SANDBOX_TOKEN: &str = "polar_oat_kassa_sandbox";

/// Everything a handler needs.
#[derive(Clone)]
pub struct AppState {
    /// Sessions.
    pub store: Store,
    /// The seeded catalog.
    pub catalog: Arc<Vec<CheckoutProduct>>,
    /// Folder holding `index.html`, `www/` and `pkg/`.
    pub site_root: PathBuf,
    /// Public base URL, for the `url` fields of a session.
    pub base_url: String,
}

impl AppState {
    /// State over `store`, with the seeded catalog.
    pub fn new(store: Store, site_root: PathBuf, base_url: String) -> Self {
        Self { store, catalog: Arc::new(catalog::products()), site_root, base_url }
    }
}

/// The sandbox's router.
pub fn app(state: AppState) -> Router {
    routes::router(state)
}
