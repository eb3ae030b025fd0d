//! The buyer's side: read, update and confirm a session by its client secret.

use axum::extract::{Path, State};
use axum::Json;
use chrono::{DateTime, Utc};
use kassa_core::checkout::{CheckoutPublic, CheckoutStatus, CheckoutUpdate};
use serde_json::Value;

use crate::error::{AppError, FieldError, Result};
use crate::extract::{parse_value, PolarJson};
use crate::processor::CardOutcome;
use crate::session::Session;
use crate::store::{AuditEntry, Key};
use crate::{rules, AppState};

fn expired() -> AppError {
    AppError::Expired("This checkout session has expired".into())
}

/// Refuses changes to a session that is not open.
fn ensure_open(session: &Session) -> Result<()> {
    match session.status {
        CheckoutStatus::Open => Ok(()),
        CheckoutStatus::Expired => Err(expired()),
        _ => Err(AppError::NotOpen("Checkout session is not open".into())),
    }
}

/// `GET /v1/checkouts/client/{client_secret}` (and the `/custom/` alias).
pub async fn checkouts_client_get(
    State(state): State<AppState>,
    Path(secret): Path<String>,
) -> Result<Json<CheckoutPublic>> {
    let now = state.now();
    let session = state
        .blocking(move |store| store.get(Key::Secret(&secret), now))
        .await?
        .ok_or_else(|| AppError::NotFound("Checkout session not found".into()))?;
    if session.status == CheckoutStatus::Expired {
        return Err(expired());
    }
    Ok(Json(session.render(&state.catalog, &state.base_url, now)))
}

/// Applies `update` to an open session under the update rules; returns the audit
/// entry of what it changed (`None` when it changed nothing).
fn apply_update(
    session: &mut Session,
    update: &CheckoutUpdate,
    state: &AppState,
    now: DateTime<Utc>,
    source: &str,
) -> Result<Option<AuditEntry>> {
    ensure_open(session)?;
    let products = session.products(&state.catalog);
    *session = rules::apply(session, update, &products).map_err(AppError::Validation)?;
    let fields: Vec<String> = update.fields().iter().map(|f| f.name().to_string()).collect();
    if fields.is_empty() {
        return Ok(None);
    }
    session.modified_at = Some(now);
    let mut entry = AuditEntry::new(now, source, fields);
    entry.reason = update.reason.clone();
    entry.note = update.note.clone();
    Ok(Some(entry))
}

/// `PATCH /v1/checkouts/client/{client_secret}`: Polar's `CheckoutUpdatePublic`.
pub async fn checkouts_client_update(
    State(state): State<AppState>,
    Path(secret): Path<String>,
    PolarJson(update): PolarJson<CheckoutUpdate>,
) -> Result<Json<CheckoutPublic>> {
    let now = state.now();
    let st = state.clone();
    let session = state
        .blocking(move |store| {
            store.modify(Key::Secret(&secret), now, |session| apply_update(session, &update, &st, now, "update"))
        })
        .await?;
    Ok(Json(session.render(&state.catalog, &state.base_url, now)))
}

/// `POST /v1/checkouts/client/{client_secret}/confirm`: applies the body's update fields
/// under the same rules, checks the session is complete, and takes the payment.
pub async fn checkouts_client_confirm(
    State(state): State<AppState>,
    Path(secret): Path<String>,
    PolarJson(mut body): PolarJson<Value>,
) -> Result<Json<Value>> {
    let token = match body.as_object_mut().map(|o| o.remove("confirmation_token_id")) {
        Some(Some(Value::String(t))) => Some(t),
        Some(Some(Value::Null)) | Some(None) => None,
        Some(Some(other)) => {
            return Err(AppError::field(FieldError::body(
                "confirmation_token_id",
                "string_type",
                "Input should be a valid string",
                other,
            )))
        }
        None => return Err(AppError::field(FieldError::body("body", "model_type", "Input should be an object", body))),
    };
    let update: CheckoutUpdate = parse_value(body)?;
    let now = state.now();
    let st = state.clone();
    let session = state
        .blocking(move |store| {
            store.modify_with(Key::Secret(&secret), now, |session, tx| {
                let applied = apply_update(session, &update, &st, now, "confirm")?;
                let shown = session.render(&st.catalog, &st.base_url, now);
                let mut missing = rules::missing_for_confirm(session, &shown.billing_address_fields);
                let needs_payment = shown.is_payment_form_required;
                if needs_payment && token.is_none() {
                    missing.push(FieldError::body("confirmation_token_id", "missing", "Field required", Value::Null));
                }
                if !missing.is_empty() {
                    return Err(AppError::Validation(missing));
                }
                // The card behind the token decides, as Stripe's test cards do.
                match token.as_deref().filter(|_| needs_payment).map(|t| st.processor.redeem(t, now)) {
                    None | Some(Some(CardOutcome::Succeeds)) => {
                        session.payment.succeeds_at = Some(now + st.settle_after)
                    }
                    Some(Some(CardOutcome::RequiresAction)) => {
                        session.payment.requires_action = true;
                        session.payment.intent_client_secret =
                            Some(format!("pi_sandbox_{}_secret_{}", session.id, uuid::Uuid::new_v4().simple()));
                    }
                    Some(Some(CardOutcome::Declined)) => {
                        return Err(AppError::Payment("Your card was declined.".into()))
                    }
                    Some(None) => {
                        return Err(AppError::Payment(
                            "No such confirmation token: it was not issued, or was used or expired.".into(),
                        ))
                    }
                }
                session.status = CheckoutStatus::Confirmed;
                session.modified_at = Some(now);
                session.payment.customer_session_token =
                    crate::purchase::on_confirm(tx, session, needs_payment && token.is_some(), now)?;
                let mut entry = applied.unwrap_or_else(|| AuditEntry::new(now, "confirm", Vec::new()));
                entry.fields.push("status=confirmed".into());
                Ok(Some(entry))
            })
        })
        .await?;
    // `CheckoutPublicConfirmed` requires the token's key: `null` when the email already
    // belonged to a customer.
    let mut checkout = serde_json::to_value(session.render(&state.catalog, &state.base_url, now))?;
    if let Some(fields) = checkout.as_object_mut() {
        fields.insert("customer_session_token".into(), session.payment.customer_session_token.clone().into());
    }
    Ok(Json(checkout))
}
