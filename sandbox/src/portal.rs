//! The customer portal's rules, as Polar's service applies them
//! (`server/polar/customer_portal/service/subscription.py`, `subscription/service.py`;
//! summarized with citations in `docs/polar-customer-portal.md`): which change a body
//! asks for, what refuses it and with which error, what it does now and what it leaves
//! for the next period, and what it costs (the change preview). Every function works on
//! a copy; the store keeps the copy only if the whole change succeeded.

use axum::http::StatusCode;
use chrono::{DateTime, NaiveDate, Utc};
use kassa_core::checkout::{Address, AmountType, CheckoutProduct, TaxBehavior};
use kassa_core::subscription::{
    ChangePreviewBody, ChargePreview, Proration, ProrationBehavior, SubscriptionStatus, SubscriptionUpdate,
};
use serde_json::{json, Value};

use crate::error::{AppError, FieldError, Result};
use crate::organization::Settings;
use crate::subscription::{add_interval, day, interval_of, seat_tiers, Pending, Subscription};
use crate::{catalog, tax};

/// What a rule needs besides the subscription.
pub struct Context<'a> {
    /// The catalog.
    pub catalog: &'a [CheckoutProduct],
    /// The organization's settings.
    pub org: &'a Settings,
    /// Now.
    pub now: DateTime<Utc>,
    /// Whether the customer has a card on file.
    pub has_payment_method: bool,
    /// The customer's billing address (tax on a charge follows it).
    pub address: Option<&'a Address>,
}

/// What a plan or seat change did to the money.
#[derive(Debug, Default)]
struct Money {
    /// Prorations created.
    entries: Vec<Proration>,
    /// Whether they are charged now rather than on the next invoice.
    charge_now: bool,
    /// A full amount charged now (a trial that ends with the change).
    full: Option<(i64, i64)>,
}

fn already_canceled() -> AppError {
    AppError::refused(
        StatusCode::FORBIDDEN,
        "AlreadyCanceledSubscription",
        "This subscription is already canceled or will be at the end of the period.",
    )
}

fn product_error(msg: &str, input: &str) -> AppError {
    AppError::field(FieldError::body("product_id", "value_error", msg, json!(input)))
}

fn behavior(org: &Settings) -> ProrationBehavior {
    match org.proration_behavior {
        ProrationBehavior::Unknown | ProrationBehavior::Reset => ProrationBehavior::Prorate,
        known => known,
    }
}

/// The share of the current period still to run, as Polar's `_calculate_time_proration`,
/// applied to `amount` (truncated toward zero, as `int(Decimal)` does).
fn prorate(sub: &Subscription, amount: i64, now: DateTime<Utc>) -> i64 {
    let total = (sub.current_period_end - sub.current_period_start).num_seconds();
    let left = (sub.current_period_end - now).num_seconds();
    if total <= 0 || left <= 0 {
        return 0;
    }
    (i128::from(amount) * i128::from(left) / i128::from(total)) as i64
}

/// "Dec 4, 2026", as Babel's `format_date` writes Polar's labels.
fn label_date(t: DateTime<Utc>) -> String {
    t.format("%b %-d, %Y").to_string()
}

fn span(sub: &Subscription, now: DateTime<Utc>) -> String {
    format!("From {} to {}", label_date(now), label_date(sub.current_period_end))
}

fn credit_or_debit(what: String, amount: i64, sub: &Subscription, now: DateTime<Utc>) -> Proration {
    let label = if amount < 0 {
        format!("Remaining time on {what} — {}", span(sub, now))
    } else {
        format!("{what} — {}", span(sub, now))
    };
    Proration { label, amount }
}

fn upsert_pending(sub: &mut Subscription, now: DateTime<Utc>, product_id: Option<String>, seats: Option<u32>) {
    let applies_at = sub.current_period_end;
    match &mut sub.pending {
        Some(p) => {
            if product_id.is_some() {
                p.product_id = product_id;
            }
            if seats.is_some() {
                p.seats = seats;
            }
            p.modified_at = Some(now);
            p.applies_at = applies_at;
        }
        None => {
            sub.pending = Some(Pending {
                id: uuid::Uuid::new_v4().to_string(),
                created_at: now,
                modified_at: None,
                applies_at,
                product_id,
                seats,
            })
        }
    }
}

/// Switches plan (`update_product`, `validate_product_change`).
fn change_product(sub: &mut Subscription, product_id: &str, cx: &Context<'_>) -> Result<Money> {
    if sub.status.is_revoked() || sub.cancel_at_period_end {
        return Err(already_canceled());
    }
    let product =
        catalog::find(cx.catalog, product_id).ok_or_else(|| product_error("Product does not exist.", product_id))?;
    if product.is_archived {
        return Err(product_error("Product is archived.", product_id));
    }
    if product.visibility != "public" {
        return Err(product_error("Product visibility is not allowed.", product_id));
    }
    if !product.is_recurring {
        return Err(product_error("Product is not recurring.", product_id));
    }
    if product.prices.iter().any(|p| p.recurring_interval.is_some()) {
        return Err(product_error("Product has legacy recurring prices.", product_id));
    }
    let new_prices: Vec<_> =
        product.prices.iter().filter(|p| p.price_currency == sub.currency && !p.is_archived).cloned().collect();
    if new_prices.is_empty() {
        return Err(product_error("This product doesn't have a price for the subscription currency.", product_id));
    }
    if new_prices.iter().any(|p| p.amount_type == AmountType::Custom) {
        return Err(product_error("Can't update to a product with custom prices.", product_id));
    }
    let old_prices = sub.prices(cx.catalog);
    let behavior = behavior(cx.org);
    let mut seats = sub.seats;
    match (seat_tiers(&old_prices), seat_tiers(&new_prices)) {
        (Some(_), None) => {
            return Err(product_error("Can't switch from a seat-based to a non-seat-based product.", product_id))
        }
        (None, Some(tiers)) if behavior == ProrationBehavior::NextPeriod => {
            let _ = tiers;
            return Err(AppError::field(FieldError::body(
                "proration_behavior",
                "value_error",
                "Switching from a non-seat to a seat-based product must apply immediately and can't use the 'next_period' proration behavior.",
                json!(behavior.as_str()),
            )));
        }
        (None, Some(tiers)) => {
            seats = Some(tiers.minimum_seats.or(tiers.tiers.first().map(|t| t.min_seats)).unwrap_or(1).max(1))
        }
        _ => {}
    }
    let now = cx.now;
    if behavior == ProrationBehavior::NextPeriod {
        let pending_seats = sub.pending.as_ref().and_then(|p| p.seats);
        sub.pending = None;
        upsert_pending(sub, now, Some(product.id.clone()), pending_seats);
        return Ok(Money::default());
    }
    let old_product = sub.product(cx.catalog);
    let old_interval = sub.interval(cx.catalog);
    let old_amount = sub.amount(cx.catalog);
    sub.switch_to(&product);
    sub.seats = seats;
    sub.pending = None;
    let new_interval = interval_of(&product, &new_prices);
    if sub.status == SubscriptionStatus::Trialing {
        // No proration in a trial: the new product's trial, counted from the trial's
        // start, or the trial ends now and a full period is billed.
        let start = sub.trial_start.unwrap_or(sub.current_period_start);
        let trial_end = product
            .trial_interval
            .zip(product.trial_interval_count)
            .map(|(interval, count)| add_interval(start, interval, count))
            .filter(|end| *end > now);
        return Ok(match trial_end {
            Some(end) => {
                sub.trial_end = Some(end);
                sub.current_period_end = end;
                Money::default()
            }
            None => {
                sub.status = SubscriptionStatus::Active;
                sub.trial_end = Some(now);
                sub.current_period_start = now;
                sub.current_period_end = add_interval(now, new_interval.0, new_interval.1);
                Money { full: Some(sub.price_parts(cx.catalog)), charge_now: true, ..Money::default() }
            }
        });
    }
    let new_amount = sub.amount(cx.catalog);
    let old_name = old_product.map_or_else(|| "Subscription".to_string(), |p| p.name);
    let mut entries = Vec::new();
    let credit = prorate(sub, old_amount, now);
    if credit != 0 {
        entries.push(credit_or_debit(old_name, -credit, sub, now));
    }
    let debit = prorate(sub, new_amount, now);
    if debit != 0 {
        entries.push(credit_or_debit(product.name.clone(), debit, sub, now));
    }
    let interval_changed = old_interval != new_interval;
    if interval_changed {
        sub.current_period_start = now;
        sub.current_period_end = add_interval(now, new_interval.0, new_interval.1);
    }
    let charge_now = behavior == ProrationBehavior::Invoice || (interval_changed && !entries.is_empty());
    Ok(Money { entries, charge_now, full: None })
}

/// Changes seats (`update_seats`, `validate_seats_change`). `None`: nothing to do.
fn change_seats(sub: &mut Subscription, seats: i64, cx: &Context<'_>) -> Result<Option<Money>> {
    if sub.status.is_revoked() || sub.cancel_at_period_end {
        return Err(already_canceled());
    }
    let prices = sub.prices(cx.catalog);
    let Some(tiers) = seat_tiers(&prices) else {
        return Err(AppError::refused(
            StatusCode::BAD_REQUEST,
            "NotASeatBasedSubscription",
            "This subscription does not support seat-based pricing.",
        ));
    };
    let minimum = tiers.minimum_seats.or(tiers.tiers.first().map(|t| t.min_seats)).unwrap_or(1).max(1);
    let maximum = tiers.maximum_seats.or_else(|| tiers.tiers.last().and_then(|t| t.max_seats));
    if seats < i64::from(minimum) {
        return Err(AppError::refused(
            StatusCode::BAD_REQUEST,
            "BelowMinimumSeats",
            format!("Minimum {minimum} seats required."),
        ));
    }
    if let Some(maximum) = maximum.filter(|m| seats > i64::from(*m)) {
        return Err(AppError::refused(
            StatusCode::BAD_REQUEST,
            "AboveMaximumSeats",
            format!("Maximum {maximum} seats allowed."),
        ));
    }
    let seats = u32::try_from(seats).unwrap_or(u32::MAX);
    let current = sub.seats.unwrap_or(1);
    let now = cx.now;
    if seats == current {
        // The same count takes back a pending seat change, if there is one.
        return Ok(match sub.pending.as_mut().filter(|p| p.seats.is_some()) {
            Some(p) if p.product_id.is_some() => {
                p.seats = None;
                Some(Money::default())
            }
            Some(_) => {
                sub.pending = None;
                Some(Money::default())
            }
            None => None,
        });
    }
    let behavior = behavior(cx.org);
    if behavior == ProrationBehavior::NextPeriod {
        upsert_pending(sub, now, None, Some(seats));
        return Ok(Some(Money::default()));
    }
    let old_amount = sub.amount(cx.catalog);
    sub.seats = Some(seats);
    match &mut sub.pending {
        Some(p) if p.product_id.is_some() => p.seats = None,
        _ => sub.pending = None,
    }
    if sub.status == SubscriptionStatus::Trialing {
        return Ok(Some(Money::default()));
    }
    let delta = prorate(sub, sub.amount(cx.catalog) - old_amount, now);
    let name = sub.product(cx.catalog).map_or_else(|| "Subscription".to_string(), |p| p.name);
    let entries = if delta == 0 {
        Vec::new()
    } else {
        vec![credit_or_debit(format!("{name} ({current} → {seats} seats)"), delta, sub, now)]
    };
    Ok(Some(Money { entries, charge_now: behavior == ProrationBehavior::Invoice, full: None }))
}

/// Prices an invoice of `prorations` (and a full period, if one is billed) for the
/// customer: Polar's `_build_preview` over the sandbox's tax rules.
fn invoice(
    sub: &Subscription,
    prorations: Vec<Proration>,
    full: Option<(i64, i64)>,
    cx: &Context<'_>,
) -> ChargePreview {
    let proration_amount: i64 = prorations.iter().map(|p| p.amount).sum();
    let (full_gross, full_discount) = full.unwrap_or((0, 0));
    let subtotal = proration_amount + full_gross;
    let net = subtotal - full_discount;
    let price = sub.prices(cx.catalog).into_iter().next();
    let (tax, exclusive) = match cx.address {
        Some(address) if net > 0 => {
            let behavior = tax::behavior(price.and_then(|p| p.tax_behavior), address);
            (tax::tax_on(net, tax::rate_bps(address), behavior), behavior == TaxBehavior::Exclusive)
        }
        _ => (0, true),
    };
    let total = if exclusive { net + tax } else { net };
    ChargePreview {
        base_amount: 0,
        metered_amount: 0,
        proration_amount,
        prorations,
        subtotal_amount: subtotal,
        discount_amount: full_discount,
        net_amount: net,
        tax_amount: tax,
        total_amount: total,
        applied_balance_amount: 0,
        due_amount: total.max(0),
    }
}

/// Books what a plan or seat change costs: onto the next invoice, or charged now (a
/// 402 without a card, and then nothing of the change is kept).
fn settle(sub: &mut Subscription, money: Money, cx: &Context<'_>, fields: &mut Vec<String>) -> Result<()> {
    if !money.charge_now {
        sub.prorations.extend(money.entries);
        return Ok(());
    }
    // An invoice made now bills every proration waiting as well, as Polar's immediate
    // order does: what the preview showed is what is charged.
    let mut entries = std::mem::take(&mut sub.prorations);
    entries.extend(money.entries);
    let due = invoice(sub, entries, money.full, cx).due_amount;
    if due > 0 && !cx.has_payment_method {
        return Err(AppError::refused(
            StatusCode::PAYMENT_REQUIRED,
            "PaymentFailed",
            "Payment failed with reason: missing_payment_method.",
        ));
    }
    fields.push(format!("charged={due}"));
    Ok(())
}

/// Whether every price of `sub` is free (Polar's `_require_payment_method` asks this of
/// the prices, not of the discounted amount: a 100 % discount still needs a card).
fn all_free(sub: &Subscription, cx: &Context<'_>) -> bool {
    sub.prices(cx.catalog).iter().all(|p| match p.amount_type {
        AmountType::Free => true,
        AmountType::Fixed => p.price_amount.unwrap_or(0) == 0,
        AmountType::SeatBased => p.seat_tiers.as_ref().is_some_and(|t| t.tiers.iter().all(|x| x.price_per_seat == 0)),
        _ => false,
    })
}

fn gate(allowed: bool, error: &'static str, detail: &str) -> Result<()> {
    if allowed {
        Ok(())
    } else {
        Err(AppError::refused(StatusCode::FORBIDDEN, error, detail))
    }
}

fn parse_time(field: &str, value: &str) -> Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(value).map(|t| t.with_timezone(&Utc)).map_err(|_| {
        AppError::field(FieldError::body(
            field,
            "datetime_from_date_parsing",
            "Input should be a valid datetime",
            json!(value),
        ))
    })
}

/// Applies `update` to `sub`. Returns the audit fields of what changed, or `None` when
/// the body changes nothing.
pub fn update(sub: &mut Subscription, update: &SubscriptionUpdate, cx: &Context<'_>) -> Result<Option<Vec<String>>> {
    let settings = &cx.org.subscription;
    let now = cx.now;
    // The body's own validation (pydantic) comes before anything else.
    let resumes_at = match update {
        SubscriptionUpdate::Pause { resumes_at: Some(at), .. } => {
            let at = parse_time("resumes_at", at)?;
            if at <= now {
                return Err(AppError::field(FieldError::body(
                    "resumes_at",
                    "datetime_future",
                    "Input should be in the future",
                    json!(crate::session::timestamp(at)),
                )));
            }
            Some(at)
        }
        _ => None,
    };
    let mut fields = Vec::new();
    match update {
        SubscriptionUpdate::Product { product_id } => {
            gate(
                settings.update_plan,
                "UpdateSubscriptionPlanNotAllowed",
                "Updating subscription plan is not allowed.",
            )?;
            let money = change_product(sub, product_id, cx)?;
            fields.push(match &sub.pending {
                Some(p) if p.product_id.as_deref() == Some(product_id.as_str()) => "pending_update.product_id".into(),
                _ => format!("product_id={product_id}"),
            });
            settle(sub, money, cx, &mut fields)?;
        }
        SubscriptionUpdate::Seats { seats } => {
            gate(
                settings.update_seats,
                "UpdateSubscriptionSeatsNotAllowed",
                "Updating subscription seats is not allowed.",
            )?;
            let Some(money) = change_seats(sub, *seats, cx)? else { return Ok(None) };
            fields.push(format!("seats={seats}"));
            settle(sub, money, cx, &mut fields)?;
        }
        SubscriptionUpdate::ClearPending => {
            if sub.pending.take().is_none() {
                return Err(AppError::field(FieldError::body(
                    "pending_update",
                    "value_error",
                    "This subscription has no pending update to clear.",
                    Value::Null,
                )));
            }
            fields.push("pending_update=null".into());
        }
        SubscriptionUpdate::Pause { pause_at_period_end: true, .. } => {
            gate(settings.pause, "PauseResumeNotAllowed", "Pausing or resuming a subscription is not allowed.")?;
            if sub.status != SubscriptionStatus::Active
                || sub.cancel_at_period_end
                || sub.pause_at_period_end
                || sub.ends_at.is_some()
            {
                return Err(AppError::refused(
                    StatusCode::CONFLICT,
                    "CannotPauseSubscription",
                    "This subscription cannot be paused.",
                ));
            }
            if resumes_at.is_some_and(|at| at <= sub.current_period_end) {
                return Err(AppError::field(FieldError::body(
                    "resumes_at",
                    "value_error",
                    "resumes_at must be after the current period end.",
                    json!(resumes_at.map(crate::session::timestamp)),
                )));
            }
            sub.pause_at_period_end = true;
            sub.resumes_at = resumes_at;
            fields.push("pause_at_period_end=true".into());
        }
        SubscriptionUpdate::Pause { pause_at_period_end: false, .. } => {
            gate(settings.pause, "PauseResumeNotAllowed", "Pausing or resuming a subscription is not allowed.")?;
            if !sub.pause_at_period_end || sub.status != SubscriptionStatus::Active {
                return Err(AppError::refused(
                    StatusCode::CONFLICT,
                    "NoScheduledPause",
                    "This subscription is not scheduled to be paused.",
                ));
            }
            sub.pause_at_period_end = false;
            sub.resumes_at = None;
            fields.push("pause_at_period_end=false".into());
        }
        SubscriptionUpdate::Resume => {
            gate(settings.pause, "PauseResumeNotAllowed", "Pausing or resuming a subscription is not allowed.")?;
            if sub.status != SubscriptionStatus::Paused {
                return Err(AppError::refused(
                    StatusCode::CONFLICT,
                    "NotPausedSubscription",
                    "This subscription is not paused.",
                ));
            }
            if !all_free(sub, cx) && !cx.has_payment_method {
                return Err(AppError::refused(
                    StatusCode::CONFLICT,
                    "PaymentMethodRequired",
                    "Add a payment method before resuming this subscription.",
                ));
            }
            sub.resume_at(now, cx.catalog);
            fields.push("status=active".into());
            fields.push(format!("charged={}", sub.amount(cx.catalog)));
        }
        SubscriptionUpdate::Cancel { cancel_at_period_end: None, .. } => return Ok(None),
        SubscriptionUpdate::Cancel { cancel_at_period_end: Some(true), cancellation_reason, cancellation_comment } => {
            cancel(sub, now)?;
            sub.cancellation_reason = *cancellation_reason;
            sub.cancellation_comment = cancellation_comment.clone().filter(|c| !c.is_empty());
            fields.push("cancel_at_period_end=true".into());
        }
        SubscriptionUpdate::Cancel { cancel_at_period_end: Some(false), .. } => {
            let can_uncancel = sub.cancel_at_period_end && sub.status.is_billable();
            if can_uncancel && !all_free(sub, cx) && !cx.has_payment_method {
                return Err(AppError::refused(
                    StatusCode::CONFLICT,
                    "PaymentMethodRequired",
                    "Add a payment method before uncancelling this subscription.",
                ));
            }
            if sub.ended_at.is_some() {
                return Err(AppError::refused(StatusCode::GONE, "ResourceUnavailable", "Unavailable"));
            }
            if !can_uncancel {
                return Err(AppError::refused(StatusCode::BAD_REQUEST, "BadRequest", "Bad request"));
            }
            sub.cancel_at_period_end = false;
            sub.ends_at = None;
            sub.canceled_at = None;
            sub.cancellation_reason = None;
            sub.cancellation_comment = None;
            fields.push("cancel_at_period_end=false".into());
        }
    }
    sub.modified_at = Some(now);
    Ok(Some(fields))
}

/// Cancels at the period's end (`DELETE`, or `cancel_at_period_end: true`).
pub fn cancel(sub: &mut Subscription, now: DateTime<Utc>) -> Result<()> {
    if !sub.can_cancel() {
        return Err(already_canceled());
    }
    sub.cancel_at_period_end = true;
    sub.canceled_at = Some(now);
    sub.ends_at = Some(sub.current_period_end);
    sub.pause_at_period_end = false;
    sub.resumes_at = None;
    sub.modified_at = Some(now);
    Ok(())
}

/// What a plan or seat change would bill, without making it (Polar's
/// `POST …/change-preview`): the prorations waiting for the next invoice with the
/// change's own, or nothing now for a change left for the next period.
pub fn preview(sub: &Subscription, change: &ChangePreviewBody, cx: &Context<'_>) -> Result<ChargePreview> {
    let settings = &cx.org.subscription;
    let mut draft = sub.clone();
    let money = match change {
        ChangePreviewBody::Seats(seats) => {
            gate(
                settings.update_seats,
                "UpdateSubscriptionSeatsNotAllowed",
                "Updating subscription seats is not allowed.",
            )?;
            change_seats(&mut draft, *seats, cx)?.unwrap_or_default()
        }
        ChangePreviewBody::Product(id) => {
            gate(
                settings.update_plan,
                "UpdateSubscriptionPlanNotAllowed",
                "Updating subscription plan is not allowed.",
            )?;
            change_product(&mut draft, id, cx)?
        }
    };
    let mut prorations = sub.prorations.clone();
    prorations.extend(money.entries);
    Ok(invoice(&draft, prorations, money.full, cx))
}

/// Moves the next charge (Kassa's extension, seed 004): a day strictly inside the
/// subscription's window, or a 422 at `next_charge_date`.
pub fn move_next_charge(sub: &mut Subscription, body: &Value, cx: &Context<'_>) -> Result<Vec<String>> {
    let object = body.as_object().ok_or_else(|| {
        AppError::field(FieldError::body("body", "model_type", "Input should be an object", body.clone()))
    })?;
    if let Some((key, value)) = object.iter().find(|(k, _)| k.as_str() != "next_charge_date") {
        return Err(AppError::field(FieldError::body(
            key,
            "extra_forbidden",
            "Extra inputs are not permitted",
            value.clone(),
        )));
    }
    let input = object.get("next_charge_date").cloned().unwrap_or(Value::Null);
    let date = match &input {
        Value::Null => {
            return Err(AppError::field(FieldError::body("next_charge_date", "missing", "Field required", Value::Null)))
        }
        Value::String(s) => NaiveDate::parse_from_str(s, "%Y-%m-%d").ok().filter(|_| s.len() == 10),
        _ => None,
    }
    .ok_or_else(|| {
        AppError::field(FieldError::body(
            "next_charge_date",
            "date_from_datetime_parsing",
            "Input should be a valid date in the format YYYY-MM-DD",
            input.clone(),
        ))
    })?;
    if sub.status.is_revoked() || sub.cancel_at_period_end {
        return Err(already_canceled());
    }
    let Some(window) = sub.next_charge_window(cx.now) else {
        return Err(AppError::refused(
            StatusCode::CONFLICT,
            "NextChargeNotMovable",
            "The next charge of this subscription cannot be moved.",
        ));
    };
    let outside =
        |msg: String| AppError::field(FieldError::body("next_charge_date", "value_error", msg, input.clone()));
    if date.to_string() <= window.after {
        return Err(outside(format!("The next charge date must be after {}.", window.after)));
    }
    if let Some(before) = window.before.filter(|before| date.to_string() >= *before) {
        return Err(outside(format!("The next charge date must be before {before}.")));
    }
    // The same time of day as before: only the day moves.
    let moved = date.and_time(sub.current_period_end.time()).and_utc();
    if sub.status == SubscriptionStatus::Trialing {
        sub.trial_end = Some(moved);
    }
    if let Some(p) = &mut sub.pending {
        p.applies_at = moved;
    }
    sub.current_period_end = moved;
    sub.modified_at = Some(cx.now);
    Ok(vec![format!("current_period_end={}", day(moved))])
}
