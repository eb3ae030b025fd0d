//! What a subscription screen shows and offers, decided from the subscription alone:
//! the status in words (which sentence, with which dates and counts), the next charge,
//! the actions Polar's rules allow now, the plans it may switch to, and its seat bounds.
//! Pure, so every rule is tested natively; the browser only formats dates and money.

use crate::checkout::{AmountType, CheckoutProduct, Interval, ProductPrice};
use crate::subscription::model::CustomerSubscription;
use crate::subscription::status::SubscriptionStatus;

/// The status line: a sentence and the values it takes (timestamps as sent, formatted
/// by the browser).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StatusLine {
    /// In a free trial until the date.
    Trialing(String),
    /// Active; renews on the date.
    Renews(String),
    /// Set to cancel on the date.
    CancelsOn(String),
    /// Set to pause on the date (and resume on the second, if set).
    PausesOn(String, Option<String>),
    /// A renewal failed on the date; retries: (attempt, of), when the provider says.
    PastDue(Option<String>, Option<(u32, u32)>),
    /// Paused, until the date if set.
    Paused(Option<String>),
    /// Ended on the date.
    Canceled(Option<String>),
    /// Retries were exhausted.
    Unpaid,
    /// The first payment has not gone through.
    Incomplete,
    /// A status this version does not know (its spelling is not kept: the badge says
    /// "unknown", the rest of the screen still works).
    Unknown,
}

/// Whether `sub` ends when its current period does: set to cancel, or a fixed term in
/// its last period (timestamps compare as text: Polar writes them all in one format).
pub fn ends(sub: &CustomerSubscription) -> bool {
    sub.cancel_at_period_end || sub.ends_at.as_deref().is_some_and(|end| end <= sub.current_period_end.as_str())
}

/// The status line of `sub`.
pub fn status_line(sub: &CustomerSubscription) -> StatusLine {
    use SubscriptionStatus as S;
    let end = sub.current_period_end.clone();
    match sub.status {
        S::Trialing | S::Active | S::PastDue if ends(sub) => StatusLine::CancelsOn(sub.ends_at.clone().unwrap_or(end)),
        S::Active if sub.pause_at_period_end => StatusLine::PausesOn(end, sub.resumes_at.clone()),
        S::Trialing => StatusLine::Trialing(sub.trial_end.clone().unwrap_or(end)),
        S::Active => StatusLine::Renews(end),
        S::PastDue => StatusLine::PastDue(
            sub.past_due_at.clone(),
            sub.past_due.as_ref().map(|p| (p.attempt_count, p.max_attempts_count)),
        ),
        S::Paused => StatusLine::Paused(sub.resumes_at.clone()),
        S::Canceled => StatusLine::Canceled(sub.ended_at.clone().or(sub.ends_at.clone())),
        S::Unpaid => StatusLine::Unpaid,
        S::Incomplete | S::IncompleteExpired => StatusLine::Incomplete,
        S::Unknown => StatusLine::Unknown,
    }
}

/// What the customer may do now, by Polar's rules and the organization's portal settings.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Actions {
    /// Switch plan.
    pub change_plan: bool,
    /// Change seats.
    pub change_seats: bool,
    /// Cancel at period end.
    pub cancel: bool,
    /// Take a scheduled cancellation back.
    pub uncancel: bool,
    /// Pause at period end.
    pub pause: bool,
    /// Take a scheduled pause back.
    pub unpause: bool,
    /// Resume a paused subscription.
    pub resume: bool,
    /// Drop the pending change.
    pub drop_pending: bool,
    /// Move the next charge (only where the provider offers a window: Kassa's extension).
    pub move_charge: bool,
}

/// The actions `sub` allows.
pub fn actions(sub: &CustomerSubscription) -> Actions {
    use SubscriptionStatus as S;
    let settings = &sub.product.organization.customer_portal_settings.subscription;
    // Polar refuses plan and seat changes only to a revoked subscription or one set to
    // cancel; Kassa offers them on a billed one only (trialing, active, past due): a
    // change to a paused or never-paid subscription is not something a customer means.
    // `allow_customer_updates` is Polar's name for `update_plan` on the organization
    // (`server/polar/models/organization.py`): the two settings below decide.
    let updatable = sub.status.is_billable() && !sub.cancel_at_period_end && !ends(sub);
    let running = sub.status.is_billable() && sub.ended_at.is_none();
    Actions {
        change_plan: updatable && settings.update_plan,
        change_seats: updatable && settings.update_seats && sub.seats.is_some(),
        cancel: running && !sub.cancel_at_period_end && sub.ends_at.is_none(),
        uncancel: running && sub.cancel_at_period_end,
        pause: settings.pause
            && sub.status == S::Active
            && !sub.cancel_at_period_end
            && !sub.pause_at_period_end
            && sub.ends_at.is_none(),
        unpause: settings.pause && sub.status == S::Active && sub.pause_at_period_end,
        resume: settings.pause && sub.status == S::Paused,
        drop_pending: sub.pending_update.is_some() && !sub.status.is_revoked(),
        move_charge: sub.next_charge_window.is_some()
            && running
            && !sub.cancel_at_period_end
            && !sub.pause_at_period_end,
    }
}

/// The next charge: when, and what a period costs (before tax; prorations come on top).
/// A paused subscription that resumes on a day is charged that day, as Polar's charge
/// preview counts it.
pub fn next_charge(sub: &CustomerSubscription) -> Option<(String, i64)> {
    use SubscriptionStatus as S;
    if sub.status == S::Paused {
        return sub.resumes_at.clone().map(|at| (at, sub.amount));
    }
    let charges = matches!(sub.status, S::Active | S::Trialing | S::PastDue)
        && !ends(sub)
        && !sub.pause_at_period_end
        && sub.ended_at.is_none();
    charges.then(|| (sub.current_period_end.clone(), sub.amount))
}

/// A plan the subscription may switch to.
#[derive(Clone, Debug, PartialEq)]
pub struct PlanChoice {
    /// The product.
    pub product_id: String,
    /// Its name.
    pub name: String,
    /// What a period costs (for one seat, or the minimum seats of a seat price).
    pub amount: i64,
    /// Its billing interval.
    pub interval: Option<(Interval, u32)>,
    /// Whether it is priced per seat.
    pub per_seat: bool,
}

fn is_seat(price: &ProductPrice) -> bool {
    price.amount_type == AmountType::SeatBased
}

/// The plans `sub` may switch to among `products` (the organization's, as its portal
/// lists them), following Polar's checks: recurring, not archived, no legacy or custom
/// price, a price in the subscription's currency, never from seats to no seats.
pub fn plan_choices(sub: &CustomerSubscription, products: &[CheckoutProduct]) -> Vec<PlanChoice> {
    let from_seats = sub.prices.iter().any(is_seat);
    products
        .iter()
        .filter(|p| p.id != sub.product_id && p.is_recurring && !p.is_archived && p.visibility == "public")
        .filter_map(|p| {
            let prices: Vec<&ProductPrice> =
                p.prices.iter().filter(|price| price.price_currency == sub.currency && !price.is_archived).collect();
            let acceptable = !prices.is_empty()
                && prices
                    .iter()
                    .all(|price| price.recurring_interval.is_none() && price.amount_type != AmountType::Custom);
            let per_seat = prices.iter().any(|price| is_seat(price));
            if !acceptable || (from_seats && !per_seat) {
                return None;
            }
            let seats = prices
                .iter()
                .find_map(|price| price.seat_tiers.as_ref())
                .map(|t| t.minimum_seats.or(t.tiers.first().map(|x| x.min_seats)).unwrap_or(1));
            let amount = prices.iter().filter_map(|price| price.amount_for(seats, None)).sum();
            Some(PlanChoice {
                product_id: p.id.clone(),
                name: p.name.clone(),
                amount,
                interval: p.recurring_interval.map(|i| (i, p.recurring_interval_count.unwrap_or(1))),
                per_seat,
            })
        })
        .collect()
}

/// The seat bounds of `sub`'s seat price: `(minimum, maximum)`.
pub fn seat_bounds(sub: &CustomerSubscription) -> Option<(u32, Option<u32>)> {
    let tiers = sub.prices.iter().find_map(|p| p.seat_tiers.as_ref())?;
    let minimum = tiers.minimum_seats.or(tiers.tiers.first().map(|t| t.min_seats)).unwrap_or(1).max(1);
    let maximum = tiers.maximum_seats.or_else(|| tiers.tiers.last().and_then(|t| t.max_seats));
    Some((minimum, maximum))
}

/// What `seats` cost a period at `sub`'s seat price (before discount).
pub fn seats_amount(sub: &CustomerSubscription, seats: u32) -> Option<i64> {
    sub.prices.iter().filter(|p| is_seat(p)).find_map(|p| p.amount_for(Some(seats), None))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::subscription::model::{NextChargeWindow, PastDue, PendingUpdate};

    /// A subscription as the sandbox renders one (its router tests write the fixture).
    fn sub(status: SubscriptionStatus) -> CustomerSubscription {
        let mut sub: CustomerSubscription = serde_json::from_str(FIXTURE).unwrap();
        sub.status = status;
        sub
    }

    const FIXTURE: &str = include_str!("../../tests/fixtures/customer_subscription.json");

    #[test]
    fn each_status_has_its_line() {
        use SubscriptionStatus as S;
        let mut s = sub(S::Active);
        let end = s.current_period_end.clone();
        assert_eq!(status_line(&s), StatusLine::Renews(end.clone()));
        s.cancel_at_period_end = true;
        s.ends_at = Some(end.clone());
        assert_eq!(status_line(&s), StatusLine::CancelsOn(end.clone()));
        let mut s = sub(S::Active);
        s.pause_at_period_end = true;
        s.resumes_at = Some("2027-03-01T00:00:00Z".into());
        assert_eq!(status_line(&s), StatusLine::PausesOn(end.clone(), Some("2027-03-01T00:00:00Z".into())));
        let mut s = sub(S::PastDue);
        s.past_due_at = Some("2026-12-01T00:00:00Z".into());
        s.past_due = Some(PastDue { attempt_count: 2, max_attempts_count: 7 });
        assert_eq!(status_line(&s), StatusLine::PastDue(Some("2026-12-01T00:00:00Z".into()), Some((2, 7))));
        let mut s = sub(S::Trialing);
        s.trial_end = Some("2026-12-20T00:00:00Z".into());
        assert_eq!(status_line(&s), StatusLine::Trialing("2026-12-20T00:00:00Z".into()));
        assert_eq!(status_line(&sub(S::Paused)), StatusLine::Paused(None));
        assert_eq!(status_line(&sub(S::Unpaid)), StatusLine::Unpaid);
        assert_eq!(status_line(&sub(S::IncompleteExpired)), StatusLine::Incomplete);
        assert_eq!(status_line(&sub(S::Unknown)), StatusLine::Unknown);
    }

    #[test]
    fn actions_follow_polars_rules_and_the_portal_settings() {
        use SubscriptionStatus as S;
        let active = actions(&sub(S::Active));
        assert!(active.change_plan && active.change_seats && active.cancel && active.pause);
        assert!(!active.uncancel && !active.resume && !active.unpause && !active.drop_pending);
        let mut s = sub(S::Active);
        s.cancel_at_period_end = true;
        let canceling = actions(&s);
        assert!(canceling.uncancel && !canceling.cancel && !canceling.change_plan && !canceling.pause);
        let paused = actions(&sub(S::Paused));
        assert!(paused.resume && !paused.cancel && !paused.change_plan);
        let trial = actions(&sub(S::Trialing));
        assert!(trial.cancel && !trial.pause, "Polar pauses only an active subscription");
        let ended = actions(&sub(S::Canceled));
        assert_eq!(ended, Actions::default());
        let mut s = sub(S::Active);
        s.product.organization.customer_portal_settings.subscription.pause = false;
        s.product.organization.customer_portal_settings.subscription.update_plan = false;
        s.product.organization.allow_customer_updates = false; // Polar's name for update_plan
        let limited = actions(&s);
        assert!(!limited.pause && !limited.change_plan && limited.change_seats, "seats follow their own setting");
        let mut s = sub(S::Active);
        s.ends_at = Some(s.current_period_end.clone());
        assert_eq!(status_line(&s), StatusLine::CancelsOn(s.current_period_end.clone()), "a fixed term's last period");
        assert_eq!(next_charge(&s), None);
        assert!(!actions(&s).change_plan && !actions(&s).cancel);
        let mut s = sub(S::Active);
        s.pending_update = Some(PendingUpdate {
            created_at: String::new(),
            modified_at: None,
            id: "p".into(),
            applies_at: s.current_period_end.clone(),
            product_id: None,
            seats: Some(4),
        });
        s.next_charge_window = Some(NextChargeWindow { after: "2026-12-04".into(), before: None });
        let more = actions(&s);
        assert!(more.drop_pending && more.move_charge);
        s.seats = None;
        assert!(!actions(&s).change_seats);
    }

    #[test]
    fn the_next_charge_is_the_period_end_unless_it_will_not_come() {
        let s = sub(SubscriptionStatus::Active);
        assert_eq!(next_charge(&s), Some((s.current_period_end.clone(), s.amount)));
        let mut s = sub(SubscriptionStatus::Active);
        s.cancel_at_period_end = true;
        assert_eq!(next_charge(&s), None);
        assert_eq!(next_charge(&sub(SubscriptionStatus::Paused)), None, "paused until resumed by hand");
        let mut s = sub(SubscriptionStatus::Paused);
        s.resumes_at = Some("2027-02-01T00:00:00Z".into());
        assert_eq!(next_charge(&s), Some(("2027-02-01T00:00:00Z".into(), s.amount)), "charged when it resumes");
    }

    #[test]
    fn plans_follow_polars_product_checks() {
        let s = sub(SubscriptionStatus::Active);
        let products = s.product.product.clone();
        let mut other = products.clone();
        other.id = "other".into();
        other.name = "Other".into();
        let mut legacy = other.clone();
        legacy.id = "legacy".into();
        legacy.prices[0].recurring_interval = Some(Interval::Month);
        let mut once = other.clone();
        once.id = "once".into();
        once.is_recurring = false;
        let mut euro = other.clone();
        euro.id = "euro".into();
        euro.prices[0].price_currency = "eur".into();
        let choices = plan_choices(&s, &[products, other, legacy, once, euro]);
        let ids: Vec<_> = choices.iter().map(|c| c.product_id.as_str()).collect();
        assert_eq!(ids, ["other"], "not itself, legacy, one-time or another currency");
    }

    #[test]
    fn seats_are_bounded_by_the_seat_price() {
        let s = sub(SubscriptionStatus::Active);
        assert_eq!(seat_bounds(&s), Some((2, Some(50))));
        assert_eq!(seats_amount(&s, 10), Some(10_000));
    }
}
