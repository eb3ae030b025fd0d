//! Helpers shared by the router tests: an app over an in-memory store, and requests.
#![allow(dead_code)]

use axum::body::Body;
use axum::http::{Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use kassa_sandbox::{app, AppState, Store, SANDBOX_TOKEN};
use serde_json::Value;
use tower::ServiceExt;

/// A fresh sandbox over an in-memory database, serving the repository's site.
pub fn sandbox() -> Router {
    sandbox_at(std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(".."))
}

/// A fresh sandbox serving the site under `root`.
pub fn sandbox_at(root: std::path::PathBuf) -> Router {
    app(AppState::new(Store::in_memory().unwrap(), root, "http://sandbox.test".into()))
}

/// Sends a request and returns the status and the JSON body (`Null` when empty).
pub async fn send(
    app: &Router,
    method: &str,
    uri: &str,
    token: Option<&str>,
    body: Option<&str>,
) -> (StatusCode, Value) {
    let mut req = Request::builder().method(method).uri(uri);
    if let Some(t) = token {
        req = req.header("authorization", format!("Bearer {t}"));
    }
    if body.is_some() {
        req = req.header("content-type", "application/json");
    }
    let req = req.body(Body::from(body.unwrap_or("").to_string())).unwrap();
    let res = app.clone().oneshot(req).await.unwrap();
    let status = res.status();
    let bytes = res.into_body().collect().await.unwrap().to_bytes();
    let json = if bytes.is_empty() { Value::Null } else { serde_json::from_slice(&bytes).unwrap_or(Value::Null) };
    (status, json)
}

/// Creates a session over `products` with the sandbox token; returns its JSON.
pub async fn create(app: &Router, body: &str) -> Value {
    let (status, json) = send(app, "POST", "/v1/checkouts/", Some(SANDBOX_TOKEN), Some(body)).await;
    assert_eq!(status, StatusCode::CREATED, "{json}");
    json
}

/// A sandbox whose payments settle at once and whose faults can be injected.
pub fn sandbox_with_faults() -> Router {
    let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut state = AppState::new(Store::in_memory().unwrap(), root, "http://sandbox.test".into()).with_faults();
    state.settle_after = chrono::Duration::zero();
    app(state)
}

/// A sandbox on a manual clock, and the clock: tests move time instead of sleeping.
pub fn sandbox_with_clock() -> (Router, kassa_sandbox::clock::Clock) {
    let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut state = AppState::new(Store::in_memory().unwrap(), root, "http://sandbox.test".into()).with_faults();
    state.clock = kassa_sandbox::clock::Clock::manual(chrono::Utc::now());
    let clock = state.clock.clone();
    (app(state), clock)
}

/// Creates a session and returns its client secret and JSON.
pub async fn session(app: &Router, body: serde_json::Value) -> (String, Value) {
    let json = create(app, &body.to_string()).await;
    (json["client_secret"].as_str().unwrap().to_string(), json)
}

/// `PATCH /v1/checkouts/client/{secret}`.
pub async fn patch(app: &Router, secret: &str, body: serde_json::Value) -> (StatusCode, Value) {
    send(app, "PATCH", &format!("/v1/checkouts/client/{secret}"), None, Some(&body.to_string())).await
}

/// `GET /v1/checkouts/client/{secret}`.
pub async fn get(app: &Router, secret: &str) -> (StatusCode, Value) {
    send(app, "GET", &format!("/v1/checkouts/client/{secret}"), None, None).await
}

/// `POST /v1/checkouts/client/{secret}/confirm`.
pub async fn confirm(app: &Router, secret: &str, body: serde_json::Value) -> (StatusCode, Value) {
    send(app, "POST", &format!("/v1/checkouts/client/{secret}/confirm"), None, Some(&body.to_string())).await
}

/// The `loc`s of a 422's detail, joined with dots after `body`: `["customer_email"]`.
pub fn locs(json: &Value) -> Vec<String> {
    json["detail"]
        .as_array()
        .map(|items| {
            items
                .iter()
                .map(|i| {
                    i["loc"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .skip(1)
                        .map(|s| s.as_str().map(String::from).unwrap_or_else(|| s.to_string()))
                        .collect::<Vec<_>>()
                        .join(".")
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Stripe's test cards, as the stand-in's form submits them.
pub const SUCCEEDS: &str = "4242424242424242";
/// Declined.
pub const DECLINED: &str = "4000000000000002";
/// Needs the bank's second step.
pub const AUTHENTICATES: &str = "4000002760003184";

/// A confirmation token for a test card, as the stand-in for Stripe.js gets one.
pub async fn card_token(app: &Router, number: &str) -> String {
    let body = serde_json::json!({
        "publishable_key": "pk_sandbox_kassa",
        "card": {"number": number, "exp_month": 12, "exp_year": 2099, "cvc": "123"},
    });
    let (status, json) =
        send(app, "POST", "/v1/sandbox/stripe/confirmation_tokens", None, Some(&body.to_string())).await;
    assert_eq!(status, StatusCode::OK, "{json}");
    json["id"].as_str().unwrap().to_string()
}

/// Confirms with a fresh token for the card `number`.
pub async fn pay(app: &Router, secret: &str, number: &str, mut body: serde_json::Value) -> (StatusCode, Value) {
    body["confirmation_token_id"] = serde_json::json!(card_token(app, number).await);
    confirm(app, secret, body).await
}
