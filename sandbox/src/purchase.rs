//! What a checkout leaves behind, as Polar's checkout service does it: confirming
//! creates (or finds) the customer and hands out a customer session token
//! (`_create_or_update_customer`); the payment's success creates the subscription of a
//! recurring product (`create_or_update_from_checkout`). Both run inside the checkout's
//! own transaction.

use chrono::{DateTime, Utc};
use kassa_core::checkout::{CheckoutStatus, DiscountDuration};
use kassa_core::subscription::SubscriptionStatus;
use rusqlite::Transaction;

use crate::customer::{Customer, Session as CustomerSession};
use crate::error::Result;
use crate::session::Session;
use crate::store::portal::{
    await_settlement, customer, customer_by_email, insert_subscription, put_customer, put_session,
};
use crate::store::AuditEntry;
use crate::subscription::{add_interval, interval_of, Subscription};
use crate::{catalog, pricing};

/// At confirmation: links the checkout to its customer, creating them if the email is
/// new, and returns a customer session token. An email that already belongs to a
/// customer gets no token (`null`), as on Polar: whoever typed it may not own it.
pub fn on_confirm(
    tx: &Transaction<'_>,
    session: &mut Session,
    pays_by_card: bool,
    now: DateTime<Utc>,
) -> Result<Option<String>> {
    let email = session.customer_email.clone().unwrap_or_default();
    let (mut customer, token) = match &session.customer_id {
        Some(id) => match customer(tx, id)? {
            Some(known) => (known, true),
            None => (Customer { id: id.clone(), ..Customer::new(&email, now) }, true),
        },
        None => match customer_by_email(tx, &email)? {
            Some(known) => (known, false),
            None => (Customer::new(&email, now), true),
        },
    };
    customer.name = session.customer_name.clone().or(customer.name);
    customer.billing_name = session.customer_billing_name.clone().or(customer.billing_name);
    customer.billing_address = session.customer_billing_address.clone().or(customer.billing_address);
    customer.has_payment_method |= pays_by_card;
    put_customer(tx, &customer)?;
    session.customer_id = Some(customer.id.clone());
    await_settlement(tx, &session.id, &customer.id)?;
    if !token {
        return Ok(None);
    }
    let customer_session = CustomerSession::new(&customer.id, None, now);
    put_session(tx, &customer_session)?;
    Ok(Some(customer_session.token))
}

/// At the payment's success: the subscription of a recurring product, from now (or
/// from the end of its trial).
pub fn on_settled(tx: &Transaction<'_>, session: &Session, now: DateTime<Utc>) -> Result<()> {
    if session.status != CheckoutStatus::Succeeded {
        return Ok(());
    }
    let catalog = catalog::products();
    let (Some(customer_id), Some(product)) = (&session.customer_id, catalog::find(&catalog, &session.product_id))
    else {
        return Ok(());
    };
    let Some(price) = product.price(&session.product_price_id).filter(|_| product.is_recurring) else {
        return Ok(());
    };
    // A legacy price is a plan of its own; otherwise the subscription bills every price
    // of the product in the checkout's currency (a base fee and its metered usage).
    let prices: Vec<_> = if price.recurring_interval.is_some() {
        vec![price.clone()]
    } else {
        product.prices.iter().filter(|p| p.price_currency == session.currency && !p.is_archived).cloned().collect()
    };
    let (interval, count) = interval_of(&product, &prices);
    let trial = pricing::trial(&session.choices(), &product);
    let trial_end = trial.map(|(i, n)| add_interval(now, i, n));
    let quote = pricing::quote(&session.choices(), &product, price);
    let sub = Subscription {
        id: uuid::Uuid::new_v4().to_string(),
        customer_id: customer_id.clone(),
        checkout_id: Some(session.id.clone()),
        product_id: product.id.clone(),
        price_ids: prices.iter().map(|p| p.id.clone()).collect(),
        currency: session.currency.clone(),
        seats: crate::subscription::seat_tiers(&prices).map(|_| session.seats.unwrap_or(1)),
        discount_renewals_left: quote.discount.as_ref().and_then(|d| match d.discount.duration {
            DiscountDuration::Forever | DiscountDuration::Unknown => None,
            DiscountDuration::Once => Some(0),
            // Months of discount, counted in renewals of this interval (the first period is one).
            DiscountDuration::Repeating => {
                let months = d.discount.duration_in_months.unwrap_or(1);
                let per_period = match interval {
                    kassa_core::checkout::Interval::Year => 12 * count,
                    kassa_core::checkout::Interval::Month => count,
                    _ => 1,
                };
                Some(months.div_ceil(per_period.max(1)).saturating_sub(1))
            }
        }),
        discount_id: quote.discount.map(|d| d.discount.id),
        status: if trial.is_some() { SubscriptionStatus::Trialing } else { SubscriptionStatus::Active },
        created_at: now,
        current_period_start: now,
        current_period_end: trial_end.unwrap_or_else(|| add_interval(now, interval, count)),
        trial_start: trial.map(|_| now),
        trial_end,
        started_at: Some(now),
        local_currency: session.local_currency.clone(),
        ..Subscription::default()
    };
    insert_subscription(tx, &sub, &AuditEntry::new(now, "payment", vec![format!("checkout_id={}", session.id)]))
}
