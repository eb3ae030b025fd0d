//! `POST /v1/customer-sessions/`: the merchant issues a customer session token for one
//! of its customers (Polar's `CustomerSessionCustomerIDCreate` or
//! `…CustomerExternalIDCreate`), the bearer of the customer portal for an hour.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use kassa_core::subscription::CustomerSession;
use serde_json::{json, Value};

use crate::auth::Merchant;
use crate::customer::Session;
use crate::error::{AppError, FieldError, Result};
use crate::extract::PolarJson;
use crate::store::portal::{customer, put_session};
use crate::AppState;

const KEYS: [&str; 6] =
    ["customer_id", "external_customer_id", "customer_external_id", "member_id", "external_member_id", "return_url"];

/// `POST /v1/customer-sessions/`.
pub async fn create(
    State(state): State<AppState>,
    _: Merchant,
    PolarJson(body): PolarJson<Value>,
) -> Result<(StatusCode, Json<CustomerSession>)> {
    let object = body.as_object().cloned().unwrap_or_default();
    if let Some((key, value)) = object.iter().find(|(k, _)| !KEYS.contains(&k.as_str())) {
        return Err(AppError::field(FieldError::body(
            key,
            "extra_forbidden",
            "Extra inputs are not permitted",
            value.clone(),
        )));
    }
    let return_url = match object.get("return_url") {
        None | Some(Value::Null) => None,
        Some(Value::String(url)) if (1..=2083).contains(&url.len()) && url.contains("://") => Some(url.clone()),
        Some(other) => {
            return Err(AppError::field(FieldError::body(
                "return_url",
                "url_parsing",
                "Input should be a valid URL",
                other.clone(),
            )))
        }
    };
    let missing = || AppError::field(FieldError::body("customer_id", "missing", "Field required", Value::Null));
    let (field, id) =
        match (object.get("customer_id"), object.get("external_customer_id").or(object.get("customer_external_id"))) {
            (Some(Value::String(id)), _) => ("customer_id", id.clone()),
            (Some(other), _) => {
                return Err(AppError::field(FieldError::body(
                    "customer_id",
                    "uuid_parsing",
                    "Input should be a valid UUID",
                    other.clone(),
                )))
            }
            // The sandbox's customers have no external IDs: none exists.
            (None, Some(id)) => ("external_customer_id", id.as_str().unwrap_or_default().to_string()),
            (None, None) => return Err(missing()),
        };
    let now = state.now();
    let base_url = state.base_url.clone();
    let session = state
        .blocking(move |store| {
            store.transaction(|tx| {
                let found = if field == "customer_id" { customer(tx, &id)? } else { None };
                let Some(found) = found else {
                    return Err(AppError::Validation(vec![FieldError::body(
                        field,
                        "value_error",
                        "Customer does not exist.",
                        json!(id),
                    )]));
                };
                let session = Session::new(&found.id, return_url, now);
                put_session(tx, &session)?;
                Ok(session.render(&found, &base_url))
            })
        })
        .await?;
    Ok((StatusCode::CREATED, Json(session)))
}
