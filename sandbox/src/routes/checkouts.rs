//! The merchant's side: create and read sessions with the sandbox bearer token.

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use chrono::{Duration, Utc};
use kassa_core::checkout::{Address, AmountType, CheckoutPublic, CheckoutStatus};
use serde::Deserialize;
use serde_json::json;

use crate::error::{AppError, FieldError, Result};
use crate::extract::PolarJson;
use crate::session::Session;
use crate::{catalog, AppState, SANDBOX_TOKEN};

/// How long a new session stays open (Polar's default).
const SESSION_TTL: Duration = Duration::hours(1);

/// Checks the merchant bearer token.
pub fn authorize(headers: &HeaderMap) -> Result<()> {
    let token = headers
        .get(axum::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    match token {
        Some(t) if t == SANDBOX_TOKEN => Ok(()),
        Some(_) => Err(AppError::Unauthorized("Invalid access token".into())),
        None => Err(AppError::Unauthorized("Missing bearer token".into())),
    }
}

/// Polar's `CheckoutProductsCreate`, the fields the sandbox honours.
#[derive(Debug, Deserialize)]
pub struct CreateCheckout {
    /// Products the buyer can choose from; the first is selected.
    pub products: Vec<String>,
    /// Prefilled email.
    #[serde(default)]
    pub customer_email: Option<String>,
    /// Prefilled name.
    #[serde(default)]
    pub customer_name: Option<String>,
    /// Prefilled billing address.
    #[serde(default)]
    pub customer_billing_address: Option<Address>,
    /// Seats, for seat-based products.
    #[serde(default)]
    pub seats: Option<u32>,
    /// Pay-what-you-want amount.
    #[serde(default)]
    pub amount: Option<i64>,
    /// Where to go after payment.
    #[serde(default)]
    pub success_url: Option<String>,
    /// Back-button URL.
    #[serde(default)]
    pub return_url: Option<String>,
    /// Locale.
    #[serde(default)]
    pub locale: Option<String>,
    /// Merchant metadata.
    #[serde(default)]
    pub metadata: serde_json::Map<String, serde_json::Value>,
}

fn new_secret() -> String {
    format!("polar_c_{}{}", uuid::Uuid::new_v4().simple(), uuid::Uuid::new_v4().simple())
}

/// `POST /v1/checkouts/`: creates a session over the given products.
pub async fn checkouts_create(
    State(state): State<AppState>,
    headers: HeaderMap,
    PolarJson(body): PolarJson<CreateCheckout>,
) -> Result<(StatusCode, Json<CheckoutPublic>)> {
    authorize(&headers)?;
    let mut errors = Vec::new();
    if body.products.is_empty() {
        errors.push(FieldError::body(
            "products",
            "too_short",
            "List should have at least 1 item after validation, not 0",
            json!(body.products),
        ));
    }
    for (i, id) in body.products.iter().enumerate() {
        if catalog::find(&state.catalog, id).is_none() {
            errors.push(FieldError {
                loc: vec![json!("body"), json!("products"), json!(i)],
                msg: "Product does not exist.".into(),
                kind: "value_error".into(),
                input: json!(id),
            });
        }
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let product = catalog::find(&state.catalog, &body.products[0])
        .ok_or_else(|| AppError::Internal("validated product vanished".into()))?;
    let price = product
        .prices
        .iter()
        .find(|p| !p.is_archived)
        .ok_or_else(|| AppError::Internal(format!("product {} has no price", product.id)))?;
    let seats = match &price.seat_tiers {
        Some(tiers) if price.amount_type == AmountType::SeatBased => {
            Some(body.seats.unwrap_or(tiers.minimum_seats.unwrap_or(1)))
        }
        _ => None,
    };
    let now = Utc::now();
    let session = Session {
        id: uuid::Uuid::new_v4().to_string(),
        client_secret: new_secret(),
        status: CheckoutStatus::Open,
        created_at: now,
        modified_at: None,
        expires_at: now + SESSION_TTL,
        product_ids: body.products.clone(),
        product_id: product.id.clone(),
        product_price_id: price.id.clone(),
        amount: body.amount,
        seats,
        success_url: body.success_url,
        return_url: body.return_url,
        locale: body.locale,
        customer_email: body.customer_email,
        customer_name: body.customer_name,
        customer_billing_address: body.customer_billing_address,
        metadata: body.metadata,
    };
    let store = state.store.clone();
    let stored = session.clone();
    tokio::task::spawn_blocking(move || store.insert(&stored))
        .await
        .map_err(|e| AppError::Internal(e.to_string()))??;
    Ok((StatusCode::CREATED, Json(session.render(&state.catalog, &state.base_url))))
}

/// `GET /v1/checkouts/{id}`: reads a session by ID.
pub async fn checkouts_get(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Json<CheckoutPublic>> {
    authorize(&headers)?;
    let store = state.store.clone();
    let session = tokio::task::spawn_blocking(move || store.by_id(&id))
        .await
        .map_err(|e| AppError::Internal(e.to_string()))??
        .ok_or_else(|| AppError::NotFound("Checkout session not found".into()))?;
    Ok(Json(session.render(&state.catalog, &state.base_url)))
}
