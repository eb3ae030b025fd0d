//! The sandbox's own controls, for tests: inject faults into a session's next requests,
//! or expire it now. Only with `--faults`; merchant token required.

use axum::extract::State;
use axum::Json;
use kassa_core::checkout::CheckoutStatus;
use serde_json::{json, Value};

use crate::auth::Merchant;
use crate::error::{AppError, FieldError, Result};
use crate::extract::PolarJson;
use crate::faults::{Fault, FaultRequest};
use crate::store::{AuditEntry, Key};
use crate::AppState;

/// `POST /v1/sandbox/faults`: `{"client_secret", "fault": "slow"|"server_error"|
/// "rate_limited"|"malformed"|"expire"|"clear", "count"?, "delay_ms"?, "retry_after"?}`.
pub async fn faults_create(
    State(state): State<AppState>,
    _: Merchant,
    PolarJson(request): PolarJson<FaultRequest>,
) -> Result<Json<Value>> {
    if !state.faults.enabled() {
        return Err(AppError::NotFound("Fault injection is off: start the sandbox with --faults".into()));
    }
    let FaultRequest { client_secret: secret, count, fault } = request;
    if !(1..=100).contains(&count) {
        return Err(AppError::field(FieldError::body(
            "count",
            "value_error",
            "Must be between 1 and 100",
            json!(count),
        )));
    }
    let now = state.now();
    match fault {
        Fault::Expire => {
            state
                .blocking(move |store| {
                    store.modify(Key::Secret(&secret), now, |session| {
                        if session.status == CheckoutStatus::Open {
                            session.expires_at = now;
                            session.status = CheckoutStatus::Expired;
                        }
                        Ok(Some(AuditEntry::new(now, "sandbox", vec!["status=expired".into()])))
                    })
                })
                .await?;
        }
        Fault::Clear => state.faults.clear(&secret),
        fault => {
            // Make sure the session exists, so a typo in a test fails loudly.
            let s = secret.clone();
            if state.blocking(move |store| store.get(Key::Secret(&s), now)).await?.is_none() {
                return Err(AppError::NotFound("Checkout session not found".into()));
            }
            state.faults.push(&secret, fault, count);
        }
    }
    Ok(Json(json!({ "ok": true })))
}
