//! The sandbox's own controls, for tests: inject faults into a session's next requests,
//! or expire it now. Only with `--faults`; merchant token required.

use axum::extract::State;
use axum::http::HeaderMap;
use axum::Json;
use chrono::Utc;
use kassa_core::checkout::CheckoutStatus;
use serde_json::{json, Value};

use crate::error::{AppError, FieldError, Result};
use crate::extract::{parse_value, PolarJson};
use crate::faults::Fault;
use crate::routes::checkouts::authorize;
use crate::store::{AuditEntry, Key};
use crate::AppState;

/// `POST /v1/sandbox/faults`: `{"client_secret", "fault": "slow"|"server_error"|
/// "rate_limited"|"malformed"|"expire"|"clear", "count"?, "delay_ms"?, "retry_after"?}`.
pub async fn faults_create(
    State(state): State<AppState>,
    headers: HeaderMap,
    PolarJson(mut body): PolarJson<Value>,
) -> Result<Json<Value>> {
    authorize(&headers)?;
    if !state.faults.enabled() {
        return Err(AppError::NotFound("Fault injection is off: start the sandbox with --faults".into()));
    }
    let object = body.as_object_mut().ok_or_else(|| AppError::field(FieldError::body("body", "model_type", "Input should be an object", Value::Null)))?;
    let secret = match object.remove("client_secret") {
        Some(Value::String(s)) => s,
        other => return Err(AppError::field(FieldError::body("client_secret", "missing", "Field required", other.unwrap_or(Value::Null)))),
    };
    let count = match object.remove("count") {
        None => 1,
        Some(v) => match v.as_u64() {
            Some(n @ 1..=100) => n as u32,
            _ => return Err(AppError::field(FieldError::body("count", "value_error", "Must be between 1 and 100", v))),
        },
    };
    match object.get("fault").and_then(Value::as_str) {
        Some("expire") => {
            state
                .blocking(move |store| {
                    store.modify(Key::Secret(&secret), Utc::now(), |session| {
                        if session.status == CheckoutStatus::Open {
                            session.expires_at = Utc::now();
                            session.status = CheckoutStatus::Expired;
                        }
                        Ok(Some(AuditEntry::new(Utc::now(), "sandbox", vec!["status=expired".into()])))
                    })
                })
                .await?;
        }
        Some("clear") => state.faults.clear(&secret),
        _ => {
            // Make sure the session exists, so a typo in a test fails loudly.
            let s = secret.clone();
            if state.blocking(move |store| store.get(Key::Secret(&s), Utc::now())).await?.is_none() {
                return Err(AppError::NotFound("Checkout session not found".into()));
            }
            let fault: Fault = parse_value(body)?;
            state.faults.push(&secret, fault, count);
        }
    }
    Ok(Json(json!({ "ok": true })))
}
