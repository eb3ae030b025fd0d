//! A subscription as the sandbox stores it, how time moves it (Polar's `cycle`: a
//! period ends, a pending change applies, a cancellation or pause takes effect, a
//! paused subscription resumes), and how it renders as Polar's `CustomerSubscription`.
//! Its amount is never stored: every render prices its prices again.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use kassa_core::checkout::{AmountType, CheckoutProduct, Interval, ProductPrice, SeatTiers};
use kassa_core::subscription::{
    CancellationReason, CustomerSubscription, CustomerSubscriptionProduct, NextChargeWindow, PastDue, PendingUpdate,
    Proration, SubscriptionStatus,
};
use serde::{Deserialize, Serialize};

use crate::organization::Settings;
use crate::session::timestamp;
use crate::{catalog, discounts, fx};

/// A change waiting for the next period (Polar's `SubscriptionUpdate` row).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Pending {
    /// Its ID.
    pub id: String,
    /// When it was created.
    pub created_at: DateTime<Utc>,
    /// Last change.
    pub modified_at: Option<DateTime<Utc>>,
    /// When it applies.
    pub applies_at: DateTime<Utc>,
    /// The product it switches to.
    pub product_id: Option<String>,
    /// The seats it sets.
    pub seats: Option<u32>,
}

/// A subscription's stored state.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Subscription {
    /// The subscription's ID.
    pub id: String,
    /// The customer.
    pub customer_id: String,
    /// The checkout it was bought in.
    pub checkout_id: Option<String>,
    /// The product.
    pub product_id: String,
    /// The prices billed, from the product.
    pub price_ids: Vec<String>,
    /// Currency, lower case.
    pub currency: String,
    /// Seats, for a seat price.
    pub seats: Option<u32>,
    /// The discount carried over from the checkout.
    pub discount_id: Option<String>,
    /// Renewals the discount still applies to (`None`: every one): a `once` discount
    /// covers the first period only, a `repeating` one its months, as Polar's `cycle`
    /// clears an expired discount.
    pub discount_renewals_left: Option<u32>,
    /// Status.
    pub status: SubscriptionStatus,
    /// Creation time.
    pub created_at: DateTime<Utc>,
    /// Last change.
    pub modified_at: Option<DateTime<Utc>>,
    /// Start of the current period.
    pub current_period_start: DateTime<Utc>,
    /// End of the current period: the next charge.
    pub current_period_end: DateTime<Utc>,
    /// Start of the trial.
    pub trial_start: Option<DateTime<Utc>>,
    /// End of the trial.
    pub trial_end: Option<DateTime<Utc>>,
    /// Whether it ends at the end of the period.
    pub cancel_at_period_end: bool,
    /// When it was canceled.
    pub canceled_at: Option<DateTime<Utc>>,
    /// When it started.
    pub started_at: Option<DateTime<Utc>>,
    /// When it ends: at the period's end once canceled, or a fixed term's last day
    /// (active-to, seed 004) set by the merchant.
    pub ends_at: Option<DateTime<Utc>>,
    /// When it ended.
    pub ended_at: Option<DateTime<Utc>>,
    /// When it became past due.
    pub past_due_at: Option<DateTime<Utc>>,
    /// Whether it pauses at the end of the period.
    pub pause_at_period_end: bool,
    /// When it was paused.
    pub paused_at: Option<DateTime<Utc>>,
    /// When a pause ends.
    pub resumes_at: Option<DateTime<Utc>>,
    /// Why the customer canceled.
    pub cancellation_reason: Option<CancellationReason>,
    /// The customer's words on canceling.
    pub cancellation_comment: Option<String>,
    /// A change waiting for the next period.
    pub pending: Option<Pending>,
    /// Prorations waiting for the next invoice (Polar's pending billing entries).
    pub prorations: Vec<Proration>,
    /// Retries of a failed renewal, while past due.
    pub attempts: Option<PastDue>,
    /// The customer's local currency (upper case), from the checkout.
    pub local_currency: Option<String>,
}

/// `start + count × interval`, clamped at the end of a shorter month.
pub fn add_interval(start: DateTime<Utc>, interval: Interval, count: u32) -> DateTime<Utc> {
    match interval {
        Interval::Day => start + Duration::days(i64::from(count)),
        Interval::Week => start + Duration::weeks(i64::from(count)),
        Interval::Month => start.checked_add_months(chrono::Months::new(count)).unwrap_or(start),
        Interval::Year => start.checked_add_months(chrono::Months::new(count.saturating_mul(12))).unwrap_or(start),
    }
}

/// The calendar day of a timestamp, UTC.
pub fn day(t: DateTime<Utc>) -> NaiveDate {
    t.date_naive()
}

/// The seat tiers of the first seat price among `prices`.
pub fn seat_tiers(prices: &[ProductPrice]) -> Option<&SeatTiers> {
    prices.iter().find(|p| p.amount_type == AmountType::SeatBased).and_then(|p| p.seat_tiers.as_ref())
}

/// A subscription's interval: a legacy price carries its own, otherwise the product's.
pub fn interval_of(product: &CheckoutProduct, prices: &[ProductPrice]) -> (Interval, u32) {
    if let Some(every) = prices.iter().find_map(|p| p.recurring_interval) {
        return (every, 1);
    }
    (product.recurring_interval.unwrap_or(Interval::Month), product.recurring_interval_count.unwrap_or(1).max(1))
}

/// What `prices` cost for `seats`, before and after the discount: `(gross, discount)`.
pub fn price_of(
    product_id: &str,
    prices: &[ProductPrice],
    seats: Option<u32>,
    discount_id: Option<&str>,
    currency: &str,
) -> (i64, i64) {
    let gross: i64 = prices.iter().filter_map(|p| p.amount_for(seats, None)).sum();
    let discount = discount_id
        .and_then(discounts::by_id)
        .filter(|d| prices.iter().all(|p| d.inapplicable(product_id, p).is_none()))
        .map_or(0, |d| d.on(gross, currency));
    (gross, discount)
}

impl Subscription {
    /// The product, from the catalog.
    pub fn product(&self, catalog: &[CheckoutProduct]) -> Option<CheckoutProduct> {
        catalog::find(catalog, &self.product_id)
    }

    /// The prices billed, from the catalog.
    pub fn prices(&self, catalog: &[CheckoutProduct]) -> Vec<ProductPrice> {
        let product = self.product(catalog);
        self.price_ids.iter().filter_map(|id| product.as_ref().and_then(|p| p.price(id)).cloned()).collect()
    }

    /// What a period costs after discount, before tax.
    pub fn amount(&self, catalog: &[CheckoutProduct]) -> i64 {
        let (gross, discount) = self.price_parts(catalog);
        gross - discount
    }

    /// What a period costs: `(gross, discount)`.
    pub fn price_parts(&self, catalog: &[CheckoutProduct]) -> (i64, i64) {
        price_of(&self.product_id, &self.prices(catalog), self.seats, self.discount_id.as_deref(), &self.currency)
    }

    /// The billing interval.
    pub fn interval(&self, catalog: &[CheckoutProduct]) -> (Interval, u32) {
        match self.product(catalog) {
            Some(product) => interval_of(&product, &self.prices(catalog)),
            None => (Interval::Month, 1),
        }
    }

    /// Switches to `product`'s prices in the subscription's currency, now.
    pub fn switch_to(&mut self, product: &CheckoutProduct) {
        self.product_id = product.id.clone();
        self.price_ids = product
            .prices
            .iter()
            .filter(|p| p.price_currency == self.currency && !p.is_archived)
            .map(|p| p.id.clone())
            .collect();
    }

    /// Whether the customer may cancel (Polar's `can_cancel`).
    pub fn can_cancel(&self) -> bool {
        self.status.is_billable() && self.ended_at.is_none() && !self.cancel_at_period_end && self.ends_at.is_none()
    }

    /// Moves the subscription along with time, as Polar's scheduler would: each period
    /// that has ended renews it (applying a pending change and billing the prorations)
    /// unless it was set to cancel or pause; a pause ends at `resumes_at`. Returns what
    /// changed, for the audit trail (empty when nothing did).
    pub fn advance(&mut self, now: DateTime<Utc>, catalog: &[CheckoutProduct]) -> Vec<String> {
        let mut changed = Vec::new();
        // Bounded: a subscription left for years renews once per period, not forever.
        for _ in 0..1000 {
            if self.status == SubscriptionStatus::Paused {
                match self.resumes_at.filter(|t| *t <= now) {
                    Some(at) => {
                        // A new period starts and is billed, as Polar's scheduled resume orders it.
                        self.resume_at(at, catalog);
                        let due = self.amount(catalog) + self.prorations.drain(..).map(|p| p.amount).sum::<i64>();
                        changed.push("status=active".into());
                        changed.push(format!("charged={}", due.max(0)));
                        continue;
                    }
                    None => break,
                }
            }
            if !matches!(self.status, SubscriptionStatus::Active | SubscriptionStatus::Trialing)
                || self.current_period_end > now
            {
                break;
            }
            let at = self.current_period_end;
            if self.cancel_at_period_end || self.ends_at.is_some_and(|end| end <= at) {
                self.status = SubscriptionStatus::Canceled;
                self.ended_at = Some(at);
                self.pending = None;
                changed.push("status=canceled".into());
                break;
            }
            if self.pause_at_period_end {
                self.status = SubscriptionStatus::Paused;
                self.paused_at = Some(at);
                self.pause_at_period_end = false;
                changed.push("status=paused".into());
                continue;
            }
            if let Some(pending) = self.pending.take() {
                if let Some(product) = pending.product_id.as_deref().and_then(|id| catalog::find(catalog, id)) {
                    self.switch_to(&product);
                }
                if pending.seats.is_some() {
                    self.seats = pending.seats;
                }
                changed.push("pending_update=applied".into());
            }
            if self.status == SubscriptionStatus::Trialing {
                self.status = SubscriptionStatus::Active;
                changed.push("status=active".into());
            }
            match self.discount_renewals_left {
                Some(0) if self.discount_id.is_some() => {
                    self.discount_id = None;
                    changed.push("discount_id=null".into());
                }
                Some(n) => self.discount_renewals_left = Some(n.saturating_sub(1)),
                None => {}
            }
            let due = self.amount(catalog) + self.prorations.drain(..).map(|p| p.amount).sum::<i64>();
            changed.push(format!("charged={}", due.max(0)));
            let (interval, count) = self.interval(catalog);
            self.current_period_start = at;
            self.current_period_end = add_interval(at, interval, count);
        }
        if !changed.is_empty() {
            self.modified_at = Some(now);
        }
        changed
    }

    /// Resumes a paused subscription at `at`: a new period starts and is billed.
    pub fn resume_at(&mut self, at: DateTime<Utc>, catalog: &[CheckoutProduct]) {
        let (interval, count) = self.interval(catalog);
        self.status = SubscriptionStatus::Active;
        self.paused_at = None;
        self.resumes_at = None;
        self.current_period_start = at;
        self.current_period_end = add_interval(at, interval, count);
    }

    /// The days the next charge may move between (Kassa's extension, seed 004): only a
    /// running subscription that will charge again (not set to cancel or to pause) has one.
    pub fn next_charge_window(&self, now: DateTime<Utc>) -> Option<NextChargeWindow> {
        if !matches!(self.status, SubscriptionStatus::Active | SubscriptionStatus::Trialing)
            || self.cancel_at_period_end
            || self.pause_at_period_end
            || self.ended_at.is_some()
        {
            return None;
        }
        let after = day(self.current_period_start).max(day(now));
        Some(NextChargeWindow { after: after.to_string(), before: self.ends_at.map(|t| day(t).to_string()) })
    }

    /// Renders as Polar's `CustomerSubscription`.
    pub fn render(&self, catalog: &[CheckoutProduct], org: &Settings, now: DateTime<Utc>) -> CustomerSubscription {
        let product = self.product(catalog).unwrap_or_else(|| CheckoutProduct {
            id: self.product_id.clone(),
            name: "Unavailable product".into(),
            ..catalog::products().remove(0)
        });
        let prices = self.prices(catalog);
        let amount = self.amount(catalog);
        let (interval, count) = self.interval(catalog);
        let ts = |t: Option<DateTime<Utc>>| t.map(timestamp);
        CustomerSubscription {
            created_at: timestamp(self.created_at),
            modified_at: ts(self.modified_at),
            id: self.id.clone(),
            amount,
            currency: self.currency.clone(),
            recurring_interval: Some(interval),
            recurring_interval_count: count,
            status: self.status,
            current_period_start: timestamp(self.current_period_start),
            current_period_end: timestamp(self.current_period_end),
            current_meter_period_start: None,
            current_meter_period_end: None,
            trial_start: ts(self.trial_start),
            trial_end: ts(self.trial_end),
            cancel_at_period_end: self.cancel_at_period_end,
            canceled_at: ts(self.canceled_at),
            started_at: ts(self.started_at),
            ends_at: ts(self.ends_at),
            ended_at: ts(self.ended_at),
            past_due_at: ts(self.past_due_at),
            pause_at_period_end: self.pause_at_period_end,
            paused_at: ts(self.paused_at),
            resumes_at: ts(self.resumes_at),
            customer_id: self.customer_id.clone(),
            product_id: self.product_id.clone(),
            discount_id: self.discount_id.clone(),
            checkout_id: self.checkout_id.clone(),
            seats: seat_tiers(&prices).map(|_| self.seats.unwrap_or(1)),
            customer_cancellation_reason: self.cancellation_reason,
            customer_cancellation_comment: self.cancellation_comment.clone(),
            product: CustomerSubscriptionProduct { product, organization: org.render() },
            prices,
            meters: Vec::new(),
            pending_update: self.pending.as_ref().map(|p| PendingUpdate {
                created_at: timestamp(p.created_at),
                modified_at: p.modified_at.map(timestamp),
                id: p.id.clone(),
                applies_at: timestamp(p.applies_at),
                product_id: p.product_id.clone(),
                seats: p.seats,
            }),
            past_due: self.attempts.clone().filter(|_| self.status == SubscriptionStatus::PastDue),
            next_charge_window: self.next_charge_window(now),
            currency_details: self.local_currency.as_deref().and_then(|local| {
                fx::currency_details(&self.currency.to_ascii_uppercase(), local, amount, amount, false)
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::ids;
    use chrono::TimeZone;

    fn at(y: i32, m: u32, d: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, 12, 0, 0).unwrap()
    }

    fn team(seats: u32) -> Subscription {
        let start = at(2026, 11, 15);
        Subscription {
            id: "s".into(),
            customer_id: "c".into(),
            product_id: ids::TEAM.into(),
            price_ids: vec![ids::TEAM_SEATS.into()],
            currency: "usd".into(),
            seats: Some(seats),
            status: SubscriptionStatus::Active,
            created_at: start,
            current_period_start: start,
            current_period_end: at(2026, 12, 15),
            started_at: Some(start),
            ..Subscription::default()
        }
    }

    #[test]
    fn a_month_ends_on_the_last_day_of_a_shorter_one() {
        assert_eq!(add_interval(at(2027, 1, 31), Interval::Month, 1), at(2027, 2, 28));
        assert_eq!(add_interval(at(2026, 12, 4), Interval::Year, 1), at(2027, 12, 4));
        assert_eq!(add_interval(at(2026, 12, 4), Interval::Day, 14), at(2026, 12, 18));
    }

    #[test]
    fn a_renewal_applies_the_pending_change_and_bills_the_prorations() {
        let catalog = catalog::products();
        let mut sub = team(3);
        sub.pending = Some(Pending {
            id: "p".into(),
            created_at: at(2026, 12, 1),
            modified_at: None,
            applies_at: sub.current_period_end,
            product_id: None,
            seats: Some(5),
        });
        sub.prorations.push(Proration { label: "x".into(), amount: 250 });
        let changed = sub.advance(at(2026, 12, 16), &catalog);
        assert_eq!(changed, ["pending_update=applied", "charged=6250"]);
        assert_eq!((sub.seats, sub.pending.is_none(), sub.prorations.len()), (Some(5), true, 0));
        assert_eq!((sub.current_period_start, sub.current_period_end), (at(2026, 12, 15), at(2027, 1, 15)));
    }

    #[test]
    fn a_cancellation_or_a_pause_takes_effect_at_the_period_end() {
        let catalog = catalog::products();
        let mut canceled = team(2);
        canceled.cancel_at_period_end = true;
        assert!(canceled.advance(at(2026, 12, 14), &catalog).is_empty(), "not before");
        assert_eq!(canceled.advance(at(2026, 12, 15), &catalog), ["status=canceled"]);
        assert_eq!((canceled.status, canceled.ended_at), (SubscriptionStatus::Canceled, Some(at(2026, 12, 15))));

        let mut paused = team(2);
        paused.pause_at_period_end = true;
        paused.resumes_at = Some(at(2027, 2, 1));
        paused.advance(at(2027, 1, 10), &catalog);
        assert_eq!((paused.status, paused.paused_at), (SubscriptionStatus::Paused, Some(at(2026, 12, 15))));
        paused.advance(at(2027, 2, 2), &catalog);
        assert_eq!(paused.status, SubscriptionStatus::Active);
        assert_eq!((paused.current_period_start, paused.current_period_end), (at(2027, 2, 1), at(2027, 3, 1)));
    }

    #[test]
    fn a_once_discount_covers_the_first_period_only() {
        let catalog = catalog::products();
        let mut sub = team(3);
        sub.discount_id = crate::discounts::by_code("LAUNCH20").map(|d| d.discount.id);
        sub.discount_renewals_left = Some(0);
        assert!(sub.amount(&catalog) < 3600, "discounted now");
        let changed = sub.advance(at(2026, 12, 16), &catalog);
        assert_eq!(changed, ["discount_id=null", "charged=3600"]);
        assert_eq!(sub.amount(&catalog), 3600);
    }

    #[test]
    fn the_window_runs_from_today_to_a_fixed_terms_end() {
        let mut sub = team(2);
        let window = sub.next_charge_window(at(2026, 12, 4)).unwrap();
        assert_eq!((window.after.as_str(), window.before), ("2026-12-04", None));
        sub.ends_at = Some(at(2027, 6, 30));
        assert_eq!(sub.next_charge_window(at(2026, 12, 4)).unwrap().before.as_deref(), Some("2027-06-30"));
        sub.cancel_at_period_end = true;
        assert!(sub.next_charge_window(at(2026, 12, 4)).is_none());
    }

    #[test]
    fn renders_seats_only_for_a_seat_price_and_attempts_only_when_past_due() {
        let catalog = catalog::products();
        let mut sub = team(4);
        sub.attempts = Some(PastDue { attempt_count: 2, max_attempts_count: 7 });
        let org = Settings::default();
        let shown = sub.render(&catalog, &org, at(2026, 12, 4));
        assert_eq!((shown.seats, shown.amount), (Some(4), 4800));
        assert!(shown.past_due.is_none());
        sub.status = SubscriptionStatus::PastDue;
        assert_eq!(sub.render(&catalog, &org, at(2026, 12, 4)).past_due.unwrap().attempt_count, 2);
        sub.product_id = ids::STARTER.into();
        sub.price_ids = vec![ids::STARTER_MONTHLY.into()];
        let starter = sub.render(&catalog, &org, at(2026, 12, 4));
        assert_eq!((starter.seats, starter.amount), (None, 900));
    }
}
