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

/// A pending change for [`SubscriptionSeed`].
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PendingSeed {
    /// The product it switches to.
    #[serde(default)]
    pub product_id: Option<String>,
    /// The seats it sets.
    #[serde(default)]
    pub seats: Option<u32>,
}

/// `POST /v1/sandbox/subscriptions`: a subscription in any state, for the demo and the
/// tests (a real one gets there through months of billing).
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SubscriptionSeed {
    /// The customer, created if new.
    pub customer_email: String,
    /// A recurring product.
    pub product_id: String,
    /// For a product with several legacy prices: which one (the first otherwise).
    #[serde(default)]
    pub price_id: Option<String>,
    /// Seats, for a seat price (its minimum otherwise).
    #[serde(default)]
    pub seats: Option<u32>,
    /// One of Polar's statuses (`active` if absent).
    #[serde(default)]
    pub status: Option<String>,
    /// How many days of the current period have run (10 if absent).
    #[serde(default)]
    pub days_into_period: Option<u32>,
    /// Scheduled to cancel at the period's end.
    #[serde(default)]
    pub cancel_at_period_end: bool,
    /// Scheduled to pause at the period's end.
    #[serde(default)]
    pub pause_at_period_end: bool,
    /// When a pause ends.
    #[serde(default)]
    pub resumes_at: Option<chrono::DateTime<chrono::Utc>>,
    /// A fixed term's end (active-to).
    #[serde(default)]
    pub ends_at: Option<chrono::DateTime<chrono::Utc>>,
    /// Past due: retries made (2 if absent).
    #[serde(default)]
    pub attempt_count: Option<u32>,
    /// Past due: retries allowed (7 if absent).
    #[serde(default)]
    pub max_attempts_count: Option<u32>,
    /// A change waiting for the next period.
    #[serde(default)]
    pub pending_update: Option<PendingSeed>,
    /// Whether the customer has a card on file (yes if absent).
    #[serde(default)]
    pub has_payment_method: Option<bool>,
    /// The customer's local currency (upper case).
    #[serde(default)]
    pub local_currency: Option<String>,
}

fn seed_error(field: &str, msg: &str, input: Value) -> AppError {
    AppError::field(FieldError::body(field, "value_error", msg, input))
}

/// Builds the subscription a seed describes, as of `now`.
fn seeded(
    seed: &SubscriptionSeed,
    customer_id: &str,
    catalog: &[kassa_core::checkout::CheckoutProduct],
    now: chrono::DateTime<chrono::Utc>,
) -> Result<crate::subscription::Subscription> {
    use crate::subscription::{add_interval, interval_of, seat_tiers, Pending, Subscription};
    use chrono::Duration;
    use kassa_core::subscription::{PastDue, SubscriptionStatus as S};
    let product = crate::catalog::find(catalog, &seed.product_id)
        .filter(|p| p.is_recurring)
        .ok_or_else(|| seed_error("product_id", "Not a recurring product of the catalog.", json!(seed.product_id)))?;
    let status = match seed.status.as_deref() {
        None => S::Active,
        Some(s) => {
            S::parse(s).ok_or_else(|| seed_error("status", "Not one of Polar's subscription statuses.", json!(s)))?
        }
    };
    let legacy: Vec<_> = product.prices.iter().filter(|p| p.recurring_interval.is_some()).collect();
    let prices: Vec<_> = if legacy.is_empty() {
        product.prices.clone()
    } else {
        let chosen = match &seed.price_id {
            Some(id) => legacy
                .iter()
                .find(|p| &p.id == id)
                .ok_or_else(|| seed_error("price_id", "Not a price of the product.", json!(id)))?,
            None => legacy[0],
        };
        vec![(*chosen).clone()]
    };
    let (interval, count) = interval_of(&product, &prices);
    let seats = seat_tiers(&prices).map(|t| seed.seats.unwrap_or(t.minimum_seats.unwrap_or(1)));
    let start = now - Duration::days(i64::from(seed.days_into_period.unwrap_or(10)));
    let mut sub = Subscription {
        id: uuid::Uuid::new_v4().to_string(),
        customer_id: customer_id.into(),
        product_id: product.id.clone(),
        price_ids: prices.iter().map(|p| p.id.clone()).collect(),
        currency: prices.first().map(|p| p.price_currency.clone()).unwrap_or_else(|| "usd".into()),
        seats,
        status,
        created_at: start,
        current_period_start: start,
        current_period_end: add_interval(start, interval, count),
        started_at: Some(start),
        local_currency: seed.local_currency.clone(),
        ends_at: seed.ends_at,
        ..Subscription::default()
    };
    let attempts = || PastDue {
        attempt_count: seed.attempt_count.unwrap_or(2),
        max_attempts_count: seed.max_attempts_count.unwrap_or(7),
    };
    match status {
        S::Trialing => {
            let end = product
                .trial_interval
                .zip(product.trial_interval_count)
                .map_or(start + Duration::days(14), |(i, n)| add_interval(start, i, n));
            sub.trial_start = Some(start);
            sub.trial_end = Some(end);
            sub.current_period_end = end;
        }
        S::PastDue | S::Unpaid => {
            sub.past_due_at = Some(start);
            sub.attempts = Some(attempts());
            if status == S::Unpaid {
                sub.attempts = Some(PastDue {
                    attempt_count: seed.max_attempts_count.unwrap_or(7),
                    max_attempts_count: seed.max_attempts_count.unwrap_or(7),
                });
            }
        }
        S::Canceled => {
            sub.cancel_at_period_end = true;
            sub.canceled_at = Some(start - Duration::days(3));
            sub.current_period_end = start;
            sub.current_period_start = start - (add_interval(start, interval, count) - start);
            sub.ends_at = Some(start);
            sub.ended_at = Some(start);
        }
        S::Paused => {
            sub.paused_at = Some(start);
            sub.resumes_at = seed.resumes_at;
            sub.current_period_end = start;
            sub.current_period_start = start - (add_interval(start, interval, count) - start);
        }
        S::Incomplete | S::IncompleteExpired => sub.started_at = None,
        S::Active | S::Unknown => {}
    }
    if seed.cancel_at_period_end && status.is_billable() {
        sub.cancel_at_period_end = true;
        sub.canceled_at = Some(now);
        sub.ends_at = Some(sub.current_period_end);
    }
    if seed.pause_at_period_end && status == S::Active {
        sub.pause_at_period_end = true;
        sub.resumes_at = seed.resumes_at;
    }
    if let Some(pending) = &seed.pending_update {
        if let Some(id) = &pending.product_id {
            crate::catalog::find(catalog, id)
                .ok_or_else(|| seed_error("pending_update", "Not a product of the catalog.", json!(id)))?;
        }
        sub.pending = Some(Pending {
            id: uuid::Uuid::new_v4().to_string(),
            created_at: now,
            modified_at: None,
            applies_at: sub.current_period_end,
            product_id: pending.product_id.clone(),
            seats: pending.seats,
        });
    }
    Ok(sub)
}

/// `POST /v1/sandbox/subscriptions`: answers `{subscription, customer_session}`.
pub async fn subscriptions_create(
    State(state): State<AppState>,
    _: Merchant,
    PolarJson(seed): PolarJson<SubscriptionSeed>,
) -> Result<(axum::http::StatusCode, Json<Value>)> {
    let now = state.now();
    let catalog = state.catalog.clone();
    let base_url = state.base_url.clone();
    if !seed.customer_email.contains('@') {
        return Err(seed_error("customer_email", "Not an email address.", json!(seed.customer_email)));
    }
    let answer = state
        .blocking(move |store| {
            store.transaction(|tx| {
                use crate::store::portal::{
                    customer_by_email, insert_subscription, put_customer, put_session, settings,
                };
                let mut customer = customer_by_email(tx, &seed.customer_email)?
                    .unwrap_or_else(|| crate::customer::Customer::new(&seed.customer_email, now));
                customer.has_payment_method = seed.has_payment_method.unwrap_or(true);
                put_customer(tx, &customer)?;
                let sub = seeded(&seed, &customer.id, &catalog, now)?;
                insert_subscription(
                    tx,
                    &sub,
                    &AuditEntry::new(now, "sandbox", vec![format!("status={}", sub.status.as_str())]),
                )?;
                let session = crate::customer::Session::new(&customer.id, None, now);
                put_session(tx, &session)?;
                Ok(json!({
                    "subscription": sub.render(&catalog, &settings(tx)?, now),
                    "customer_session": session.render(&customer, &base_url),
                }))
            })
        })
        .await?;
    Ok((axum::http::StatusCode::CREATED, Json(answer)))
}

/// `GET /v1/sandbox/subscriptions/{id}/audit`: every change, oldest first.
pub async fn subscription_audit(
    State(state): State<AppState>,
    _: Merchant,
    axum::extract::Path(id): axum::extract::Path<String>,
) -> Result<Json<Value>> {
    let entries = state.blocking(move |store| store.subscription_audit(&id)).await?;
    if entries.is_empty() {
        return Err(AppError::NotFound("Not found".into()));
    }
    Ok(Json(json!({ "items": entries })))
}

/// Settings the merchant may change, each optional.
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrganizationChange {
    /// `invoice`, `prorate` or `next_period`.
    #[serde(default)]
    pub proration_behavior: Option<String>,
    /// `{"subscription": {"update_plan", "update_seats", "pause"}}`, each optional.
    #[serde(default)]
    pub customer_portal_settings: Option<PortalChange>,
}

/// The portal's settings, each optional.
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PortalChange {
    /// What a customer may do to a subscription.
    #[serde(default)]
    pub subscription: Option<PortalSubscriptionChange>,
}

/// What a customer may do to a subscription, each optional.
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PortalSubscriptionChange {
    /// Change plan.
    #[serde(default)]
    pub update_plan: Option<bool>,
    /// Change seats.
    #[serde(default)]
    pub update_seats: Option<bool>,
    /// Pause and resume.
    #[serde(default)]
    pub pause: Option<bool>,
}

/// `PATCH /v1/sandbox/organization`: answers the organization as customers see it.
pub async fn organization_update(
    State(state): State<AppState>,
    _: Merchant,
    PolarJson(change): PolarJson<OrganizationChange>,
) -> Result<Json<kassa_core::subscription::CustomerOrganization>> {
    let behavior = match change.proration_behavior.as_deref() {
        None => None,
        Some(s) => Some(kassa_core::subscription::ProrationBehavior::parse_setting(s).ok_or_else(|| {
            AppError::field(FieldError::body(
                "proration_behavior",
                "enum",
                "Input should be 'invoice', 'prorate' or 'next_period'",
                json!(s),
            ))
        })?),
    };
    let settings = state
        .blocking(move |store| {
            let mut settings = store.settings()?;
            if let Some(b) = behavior {
                settings.proration_behavior = b;
            }
            if let Some(sub) = change.customer_portal_settings.and_then(|p| p.subscription) {
                let s = &mut settings.subscription;
                s.update_plan = sub.update_plan.unwrap_or(s.update_plan);
                s.update_seats = sub.update_seats.unwrap_or(s.update_seats);
                s.pause = sub.pause.unwrap_or(s.pause);
            }
            store.set_settings(&settings)?;
            Ok(settings)
        })
        .await?;
    Ok(Json(settings.render()))
}
