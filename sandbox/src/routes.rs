//! The sandbox's HTTP surface: Polar's paths, the sandbox's own controls, and the demo
//! site on the same origin.

pub mod checkouts;
pub mod checkouts_client;
pub mod customer_portal;
pub mod customer_sessions;
pub mod products;
pub mod sandbox;
pub mod site;

use axum::http::{header, Method};
use axum::routing::{get, patch, post};
use axum::{middleware, Router};
use tower_http::cors::{AllowOrigin, CorsLayer};

use crate::AppState;

/// Builds the router over `state`.
pub fn router(state: AppState) -> Router {
    use checkouts_client::*;
    // The client-secret endpoints are called from merchants' pages on any origin, as on
    // Polar; the secret is the credential and the sandbox sets no cookies. The origin is
    // mirrored rather than `*` because Polar's own React provider fetches with
    // `credentials: "include"`, and browsers refuse `*` on a credentialed answer.
    let client_cors = CorsLayer::new()
        .allow_origin(AllowOrigin::mirror_request())
        .allow_credentials(true)
        .allow_methods([Method::GET, Method::PATCH, Method::POST])
        .allow_headers([header::CONTENT_TYPE, header::ACCEPT])
        // Polar's CORS exposes no header: a page cannot read `Retry-After`, so the widget
        // backs off on its own. The sandbox is no kinder.
        // As Polar's API (Starlette's default): a browser asks once per ten minutes.
        .max_age(std::time::Duration::from_secs(600));
    let mut client = Router::new();
    for prefix in ["/v1/checkouts/client", "/v1/checkouts/custom/client"] {
        client = client
            .route(&format!("{prefix}/{{client_secret}}"), get(checkouts_client_get).patch(checkouts_client_update))
            .route(&format!("{prefix}/{{client_secret}}/confirm"), post(checkouts_client_confirm));
    }
    let client = client.layer(middleware::from_fn_with_state(state.clone(), crate::faults::inject)).layer(client_cors);
    // The customer portal is called from merchants' pages too, with the customer
    // session token as its bearer.
    let portal_cors = CorsLayer::new()
        .allow_origin(AllowOrigin::mirror_request())
        .allow_credentials(true)
        .allow_methods([Method::GET, Method::PATCH, Method::POST, Method::DELETE])
        .allow_headers([header::AUTHORIZATION, header::CONTENT_TYPE, header::ACCEPT])
        .max_age(std::time::Duration::from_secs(600));
    let portal = {
        use customer_portal as cp;
        let one = "/v1/customer-portal/subscriptions/{id}";
        Router::new()
            .route("/v1/customer-portal/subscriptions/", get(cp::list))
            .route("/v1/customer-portal/subscriptions", get(cp::list))
            .route(one, get(cp::get).patch(cp::update).delete(cp::cancel))
            .route(&format!("{one}/change-preview"), post(cp::change_preview))
            .route(&format!("{one}/next-charge-date"), post(cp::next_charge_date))
            .route("/v1/customer-portal/organizations/{slug}", get(cp::organization))
            .layer(portal_cors)
    };
    let merchant = Router::new()
        .route("/v1/customer-sessions/", post(customer_sessions::create))
        .route("/v1/customer-sessions", post(customer_sessions::create))
        .route("/v1/sandbox/subscriptions", post(sandbox::subscriptions_create))
        .route("/v1/sandbox/subscriptions/{id}/audit", get(sandbox::subscription_audit))
        .route("/v1/sandbox/organization", patch(sandbox::organization_update))
        .route("/v1/checkouts/", post(checkouts::checkouts_create))
        .route("/v1/checkouts", post(checkouts::checkouts_create))
        .route("/v1/checkouts/{id}", get(checkouts::checkouts_get))
        .route("/v1/checkouts/{id}/audit", get(checkouts::checkouts_audit))
        .route("/v1/products/", get(products::products_list))
        .route("/v1/products", get(products::products_list))
        .route("/v1/sandbox/faults", post(sandbox::faults_create));
    // The card processor's side, called by the stand-in for Stripe.js from any page.
    let processor = Router::new()
        .route("/v1/sandbox/stripe/confirmation_tokens", post(crate::processor::confirmation_tokens_create))
        .route("/v1/sandbox/stripe/next_action", post(crate::processor::next_action_create))
        .route("/sandbox/stripe.js", get(crate::processor::stripe_js))
        .layer(
            CorsLayer::new()
                .allow_origin(AllowOrigin::any())
                .allow_methods([Method::GET, Method::POST])
                .allow_headers([header::CONTENT_TYPE]),
        );
    client
        .merge(portal)
        .merge(merchant)
        .merge(processor)
        .merge(site::router(&state.site_root))
        .layer(middleware::from_fn_with_state(crate::record::Recorder::from_env(), crate::record::record))
        .with_state(state)
}
