//! The merchant's side: create and read sessions, and read their audit trail, with the
//! sandbox bearer token.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use chrono::{DateTime, Duration, Utc};
use kassa_core::checkout::{Address, CheckoutStatus, CheckoutUpdate, Patch};
use serde::Deserialize;
use serde_json::{json, Value};

use crate::auth::Merchant;
use crate::error::{AppError, FieldError, Result};
use crate::extract::PolarJson;
use crate::session::Session;
use crate::store::{AuditEntry, Key};
use crate::{catalog, fx, geo, rules, AppState};

/// How long a new session stays open (Polar's default).
const SESSION_TTL: Duration = Duration::hours(1);

fn yes() -> bool {
    true
}

/// Polar's `CheckoutProductsCreate`, the fields the sandbox honours, plus the sandbox's
/// extensions `buyer_country`, `local_currency` and `expires_in_seconds`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreateCheckout {
    /// Products the buyer can choose from; the first is selected.
    pub products: Vec<String>,
    /// Prefilled email.
    #[serde(default)]
    pub customer_email: Option<String>,
    /// Prefilled name.
    #[serde(default)]
    pub customer_name: Option<String>,
    /// Prefilled billing name.
    #[serde(default)]
    pub customer_billing_name: Option<String>,
    /// Prefilled billing address.
    #[serde(default)]
    pub customer_billing_address: Option<Address>,
    /// Prefilled tax ID.
    #[serde(default)]
    pub customer_tax_id: Option<String>,
    /// Business purchase.
    #[serde(default)]
    pub is_business_customer: bool,
    /// An existing customer; never changes afterwards.
    #[serde(default)]
    pub customer_id: Option<String>,
    /// Seats, for seat-based products.
    #[serde(default)]
    pub seats: Option<u32>,
    /// The fewest seats this checkout sells (narrows the price's tiers).
    #[serde(default)]
    pub min_seats: Option<u32>,
    /// The most seats this checkout sells (narrows the price's tiers).
    #[serde(default)]
    pub max_seats: Option<u32>,
    /// Pay-what-you-want amount.
    #[serde(default)]
    pub amount: Option<i64>,
    /// Whether the buyer may enter discount codes (default true).
    #[serde(default = "yes")]
    pub allow_discount_codes: bool,
    /// Whether the full billing address is required (default false).
    #[serde(default)]
    pub require_billing_address: bool,
    /// Whether the product's trial applies (default true).
    #[serde(default = "yes")]
    pub allow_trial: bool,
    /// Where to go after payment: a fully qualified `https` URL.
    #[serde(default)]
    pub success_url: Option<String>,
    /// Back-button URL: a fully qualified `https` URL.
    #[serde(default)]
    pub return_url: Option<String>,
    /// Locale.
    #[serde(default)]
    pub locale: Option<String>,
    /// Merchant metadata.
    #[serde(default)]
    pub metadata: serde_json::Map<String, Value>,
    /// Prefilled custom field values.
    #[serde(default)]
    pub custom_field_data: Option<serde_json::Map<String, Value>>,
    /// Sandbox extension: the buyer's country (ISO 3166-1 alpha-2), as Polar would infer
    /// from their IP: prefills the billing country and picks the local currency.
    #[serde(default)]
    pub buyer_country: Option<String>,
    /// Sandbox extension: the buyer's local currency, shown beside the payment currency.
    #[serde(default)]
    pub local_currency: Option<String>,
    /// Sandbox extension: seconds until the session expires (1 to 86 400; default 3 600).
    #[serde(default)]
    pub expires_in_seconds: Option<i64>,
}

fn new_secret() -> String {
    format!("polar_c_{}{}", uuid::Uuid::new_v4().simple(), uuid::Uuid::new_v4().simple())
}

fn some<T>(v: Option<T>) -> Patch<T> {
    v.map_or(Patch::Absent, Patch::Value)
}

/// Builds a new session from a create body, under the same rules as an update.
fn create_session(body: CreateCheckout, state: &AppState, now: DateTime<Utc>) -> Result<Session> {
    let mut errors = Vec::new();
    if body.products.is_empty() {
        errors.push(FieldError::body(
            "products",
            "too_short",
            "List should have at least 1 item after validation, not 0",
            json!([]),
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
    for (field, url) in [("success_url", &body.success_url), ("return_url", &body.return_url)] {
        if let Some(url) = url {
            if !rules::is_https_url(url) {
                errors.push(FieldError::body(
                    field,
                    "url_scheme",
                    "URL must be a fully qualified https URL",
                    json!(url),
                ));
            }
        }
    }
    for (field, seats) in [("min_seats", body.min_seats), ("max_seats", body.max_seats)] {
        if let Some(n) = seats.filter(|n| !(1..=kassa_core::checkout::price::MAX_SEATS).contains(n)) {
            errors.push(FieldError::body(field, "less_than_equal", "Input should be between 1 and 10000", json!(n)));
        }
    }
    if let (Some(min), Some(max)) = (body.min_seats, body.max_seats) {
        if min > max {
            errors.push(FieldError::body(
                "max_seats",
                "value_error",
                "max_seats must be at least min_seats",
                json!(max),
            ));
        }
    }
    if let Some(id) =
        body.customer_id.as_deref().filter(|id| uuid::Uuid::parse_str(id).map_or(true, |u| u.get_version_num() != 4))
    {
        errors.push(FieldError::body("customer_id", "uuid_parsing", "Input should be a valid UUID", json!(id)));
    }
    let buyer_country = body.buyer_country.as_deref().map(|c| c.trim().to_ascii_uppercase());
    if let Some(c) = &buyer_country {
        if !geo::is_country(c) {
            errors.push(FieldError::body("buyer_country", "value_error", "Invalid country", json!(c)));
        }
    }
    let local_currency = body
        .local_currency
        .as_deref()
        .map(|c| c.trim().to_ascii_uppercase())
        .or_else(|| buyer_country.as_deref().and_then(fx::currency_of_country).map(String::from));
    if let Some(c) = &local_currency {
        if !fx::is_supported(c) {
            errors.push(FieldError::body(
                "local_currency",
                "value_error",
                "The sandbox has no exchange rate for this currency",
                json!(c),
            ));
        }
    }
    let ttl = match body.expires_in_seconds {
        None => SESSION_TTL,
        Some(s) if (1..=86_400).contains(&s) => Duration::seconds(s),
        Some(s) => {
            errors.push(FieldError::body("expires_in_seconds", "value_error", "Must be between 1 and 86400", json!(s)));
            SESSION_TTL
        }
    };
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let first = catalog::find(&state.catalog, &body.products[0])
        .ok_or_else(|| AppError::Internal("validated product vanished".into()))?;
    let price = first
        .prices
        .iter()
        .find(|p| !p.is_archived)
        .ok_or_else(|| AppError::Internal(format!("product {} has no price", first.id)))?;
    let base = Session {
        id: uuid::Uuid::new_v4().to_string(),
        client_secret: new_secret(),
        status: CheckoutStatus::Open,
        created_at: now,
        modified_at: None,
        expires_at: now + ttl,
        product_ids: body.products.clone(),
        product_id: first.id.clone(),
        product_price_id: price.id.clone(),
        currency: price.price_currency.to_ascii_lowercase(),
        allow_discount_codes: body.allow_discount_codes,
        require_billing_address: body.require_billing_address || body.customer_billing_address.is_some(),
        allow_trial: body.allow_trial,
        customer_id: body.customer_id,
        min_seats: body.min_seats,
        max_seats: body.max_seats,
        success_url: body.success_url,
        return_url: body.return_url,
        metadata: body.metadata,
        local_currency,
        ..Default::default()
    };
    // The prefilled buyer details go through the update rules, so a create can never
    // store what a PATCH would refuse.
    let address = body
        .customer_billing_address
        .or_else(|| buyer_country.map(|country| Address { country, ..Default::default() }));
    let prefill = CheckoutUpdate {
        seats: some(body.seats),
        amount: some(body.amount),
        is_business_customer: Patch::Value(body.is_business_customer),
        customer_name: some(body.customer_name),
        customer_email: some(body.customer_email),
        customer_billing_name: some(body.customer_billing_name),
        customer_billing_address: some(address),
        customer_tax_id: some(body.customer_tax_id),
        custom_field_data: some(body.custom_field_data),
        locale: some(body.locale),
        ..Default::default()
    };
    rules::apply(&base, &prefill, &base.products(&state.catalog)).map_err(AppError::Validation)
}

/// `POST /v1/checkouts/`: creates a session over the given products.
pub async fn checkouts_create(
    State(state): State<AppState>,
    _: Merchant,
    PolarJson(body): PolarJson<CreateCheckout>,
) -> Result<(StatusCode, Json<Value>)> {
    let now = state.now();
    let session = create_session(body, &state, now)?;
    let stored = session.clone();
    state
        .blocking(move |store| store.insert(&stored, &AuditEntry::new(now, "create", vec!["products".into()])))
        .await?;
    Ok((StatusCode::CREATED, Json(session.render_merchant(&state.catalog, &state.base_url, now))))
}

/// `GET /v1/checkouts/{id}`: reads a session by ID (expired ones too).
pub async fn checkouts_get(State(state): State<AppState>, _: Merchant, Path(id): Path<String>) -> Result<Json<Value>> {
    let now = state.now();
    let session = state
        .blocking(move |store| store.get(Key::Id(&id), now))
        .await?
        .ok_or_else(|| AppError::NotFound("Checkout session not found".into()))?;
    Ok(Json(session.render_merchant(&state.catalog, &state.base_url, now)))
}

/// `GET /v1/checkouts/{id}/audit`: every accepted change, oldest first.
pub async fn checkouts_audit(
    State(state): State<AppState>,
    _: Merchant,
    Path(id): Path<String>,
) -> Result<Json<Value>> {
    let now = state.now();
    let items = state
        .blocking(move |store| {
            if store.get(Key::Id(&id), now)?.is_none() {
                return Err(AppError::NotFound("Checkout session not found".into()));
            }
            store.audit(&id)
        })
        .await?;
    Ok(Json(json!({ "items": items })))
}
