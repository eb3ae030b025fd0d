//! `kassa-sandbox`: a local stand-in for the payment provider, speaking Polar's
//! client-secret checkout API on SQLite, and serving Kassa's demo page and built widget
//! from the same origin.
//!
//! Run it with `cargo run -p kassa-sandbox -- --addr 127.0.0.1:8787 --db data/sandbox.sqlite`;
//! the README's demo command builds the widget first and does this for you.

pub mod auth;
pub mod catalog;
pub mod clock;
pub mod customer;
pub mod discounts;
pub mod error;
pub mod extract;
pub mod faults;
pub mod fx;
pub mod geo;
pub mod organization;
pub mod portal;
pub mod pricing;
pub mod processor;
pub mod purchase;
pub mod record;
pub mod routes;
pub mod rules;
pub mod session;
pub mod store;
pub mod subscription;
pub mod tax;
pub mod tax_id;

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
    /// Injected faults (inert unless enabled).
    pub faults: faults::Faults,
    /// How long a confirmed payment takes to succeed, as a processor's webhook would.
    pub settle_after: chrono::Duration,
    /// What time it is (the system's, or a test's manual clock).
    pub clock: clock::Clock,
    /// The card processor's confirmation tokens.
    pub processor: processor::Processor,
}

impl AppState {
    /// State over `store`, with the seeded catalog, faults off, payments settling after
    /// half a second.
    pub fn new(store: Store, site_root: PathBuf, base_url: String) -> Self {
        Self {
            store,
            catalog: Arc::new(catalog::products()),
            site_root,
            base_url,
            faults: faults::Faults::new(false),
            settle_after: chrono::Duration::milliseconds(500),
            clock: clock::Clock::system(),
            processor: processor::Processor::default(),
        }
    }

    /// The time now, by the state's clock.
    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.clock.now()
    }

    /// The same state with fault injection allowed.
    pub fn with_faults(mut self) -> Self {
        self.faults = faults::Faults::new(true);
        self
    }

    /// Runs a blocking store operation off the async runtime.
    pub async fn blocking<T, F>(&self, f: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnOnce(&Store) -> Result<T> + Send + 'static,
    {
        let store = self.store.clone();
        tokio::task::spawn_blocking(move || f(&store))
            .await
            .map_err(|e| AppError::Internal(format!("store task: {e}")))?
    }
}

/// The sandbox's router.
pub fn app(state: AppState) -> Router {
    routes::router(state)
}
