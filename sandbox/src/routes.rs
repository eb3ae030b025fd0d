//! The sandbox's HTTP surface: Polar's paths, plus the demo site on the same origin.

pub mod checkouts;
pub mod checkouts_client;
pub mod products;
pub mod site;

use axum::http::{header, Method};
use axum::routing::{get, post};
use axum::Router;
use tower_http::cors::{Any, CorsLayer};

use crate::AppState;

/// Builds the router over `state`.
pub fn router(state: AppState) -> Router {
    // The client-secret endpoints are called from merchants' pages on any origin, as on
    // Polar; the secret is the credential, so no cookies are involved.
    let client_cors = CorsLayer::new()
        .allow_origin(Any)
        .allow_methods([Method::GET, Method::PATCH, Method::POST])
        .allow_headers([header::CONTENT_TYPE, header::ACCEPT]);
    let client = Router::new()
        .route("/v1/checkouts/client/{client_secret}", get(checkouts_client::checkouts_client_get))
        .route(
            "/v1/checkouts/custom/client/{client_secret}",
            get(checkouts_client::checkouts_client_get),
        )
        .layer(client_cors);
    let merchant = Router::new()
        .route("/v1/checkouts/", post(checkouts::checkouts_create))
        .route("/v1/checkouts", post(checkouts::checkouts_create))
        .route("/v1/checkouts/{id}", get(checkouts::checkouts_get))
        .route("/v1/products/", get(products::products_list))
        .route("/v1/products", get(products::products_list));
    client.merge(merchant).merge(site::router(&state.site_root)).with_state(state)
}
