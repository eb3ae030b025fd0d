//! The sandbox's one error enum, rendered as Polar's OpenAPI document describes errors:
//! `{"error", "detail"}`, and for validation a 422 `{"detail": [{loc, msg, type, input}]}`.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;
use serde_json::{json, Value};

/// One entry of a 422's `detail` list, as Polar (FastAPI/pydantic) writes it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FieldError {
    /// Where the error is: `["body", "customer_email"]`.
    pub loc: Vec<Value>,
    /// Human-readable message.
    pub msg: String,
    /// Machine-readable kind (`value_error`, `missing`, `int_parsing`, …).
    #[serde(rename = "type")]
    pub kind: String,
    /// The offending input.
    pub input: Value,
}

impl FieldError {
    /// An error on a top-level body field.
    pub fn body(field: &str, kind: &str, msg: impl Into<String>, input: Value) -> Self {
        Self { loc: vec![json!("body"), json!(field)], msg: msg.into(), kind: kind.into(), input }
    }

    /// An error on a nested body field: `body.customer_billing_address.country`.
    pub fn nested(path: &[&str], kind: &str, msg: impl Into<String>, input: Value) -> Self {
        let mut loc = vec![json!("body")];
        loc.extend(path.iter().map(|p| json!(p)));
        Self { loc, msg: msg.into(), kind: kind.into(), input }
    }
}

/// Everything a sandbox request can fail with.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// Unknown checkout, product or path.
    #[error("{0}")]
    NotFound(String),
    /// Missing or wrong bearer token on a merchant endpoint.
    #[error("{0}")]
    Unauthorized(String),
    /// The body failed validation; nothing was changed.
    #[error("validation failed")]
    Validation(Vec<FieldError>),
    /// The session is not open (or its payment has started).
    #[error("{0}")]
    NotOpen(String),
    /// The session has expired.
    #[error("{0}")]
    Expired(String),
    /// The payment was declined.
    #[error("{0}")]
    Payment(String),
    /// One of Polar's named refusals: its status, its error class (`AlreadyCanceledSubscription`,
    /// `PaymentFailed`, …) and its message, as Polar's service words them.
    #[error("{detail}")]
    Refused {
        /// The HTTP status.
        status: StatusCode,
        /// Polar's error class name.
        error: &'static str,
        /// The message.
        detail: String,
    },
    /// A customer session token that is unknown, expired or malformed: Polar answers
    /// RFC 6750's `invalid_token` from its auth middleware, before any route.
    #[error("invalid token")]
    InvalidToken,
    /// Anything unexpected. Its details are logged, never sent.
    #[error("internal error: {0}")]
    Internal(String),
}

impl AppError {
    /// One of Polar's named refusals.
    pub fn refused(status: StatusCode, error: &'static str, detail: impl Into<String>) -> Self {
        Self::Refused { status, error, detail: detail.into() }
    }

    /// A 422 with a single field error.
    pub fn field(error: FieldError) -> Self {
        Self::Validation(vec![error])
    }
}

impl From<rusqlite::Error> for AppError {
    fn from(e: rusqlite::Error) -> Self {
        Self::Internal(format!("sqlite: {e}"))
    }
}

impl From<serde_json::Error> for AppError {
    fn from(e: serde_json::Error) -> Self {
        Self::Internal(format!("json: {e}"))
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let (status, name, detail) = match self {
            Self::NotFound(d) => (StatusCode::NOT_FOUND, "ResourceNotFound", json!(d)),
            Self::Unauthorized(d) => (StatusCode::UNAUTHORIZED, "Unauthorized", json!(d)),
            // Polar's `HTTPValidationError`: the list of problems, and nothing else.
            Self::Validation(errors) => {
                return (StatusCode::UNPROCESSABLE_ENTITY, Json(json!({ "detail": errors }))).into_response()
            }
            Self::NotOpen(d) => (StatusCode::FORBIDDEN, "NotOpenCheckout", json!(d)),
            Self::Expired(d) => (StatusCode::GONE, "ExpiredCheckoutError", json!(d)),
            Self::Payment(d) => (StatusCode::BAD_REQUEST, "PaymentError", json!(d)),
            Self::Refused { status, error, detail } => (status, error, json!(detail)),
            Self::InvalidToken => return invalid_token(),
            Self::Internal(d) => {
                eprintln!("kassa-sandbox: internal error: {d}");
                (StatusCode::INTERNAL_SERVER_ERROR, "InternalServerError", json!("Internal error"))
            }
        };
        let mut response = (status, Json(json!({ "error": name, "detail": detail }))).into_response();
        if status == StatusCode::UNAUTHORIZED {
            response.headers_mut().insert(
                axum::http::header::WWW_AUTHENTICATE,
                axum::http::HeaderValue::from_static(r#"Bearer realm="polar""#),
            );
        }
        response
    }
}

/// Polar's answer to a bad bearer token (`server/polar/oauth2/exceptions.py`
/// `InvalidTokenError`, laid out by authlib): not an OpenAPI schema, so Kassa's
/// contract tests name it in `extensions.json`.
fn invalid_token() -> Response {
    const DESCRIPTION: &str = "The access token provided is expired, revoked, malformed, or invalid for other reasons.";
    let challenge = format!(r#"Bearer realm="polar", error="invalid_token", error_description="{DESCRIPTION}""#);
    let mut response =
        (StatusCode::UNAUTHORIZED, Json(json!({ "error": "invalid_token", "error_description": DESCRIPTION })))
            .into_response();
    let headers = response.headers_mut();
    if let Ok(value) = axum::http::HeaderValue::from_str(&challenge) {
        headers.insert(axum::http::header::WWW_AUTHENTICATE, value);
    }
    headers.insert(axum::http::header::CACHE_CONTROL, axum::http::HeaderValue::from_static("no-store"));
    headers.insert(axum::http::header::PRAGMA, axum::http::HeaderValue::from_static("no-cache"));
    response
}

/// `Result` with the sandbox's error.
pub type Result<T> = std::result::Result<T, AppError>;
