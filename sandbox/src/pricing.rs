//! What a session costs, recalculated from its choices on every read: amount, discount,
//! net, tax and total, the trial, and what is due now.

use kassa_core::checkout::{AmountType, CheckoutProduct, Interval, ProductPrice, TaxBehavior};

use crate::session::Session;
use crate::{discounts, tax};

/// The totals of a session, in minor units of its currency.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Totals {
    /// Before discount and tax (tax included for inclusive prices).
    pub amount: i64,
    /// Per seat at the current count, for seat-based prices.
    pub price_per_seat: Option<i64>,
    /// Discount.
    pub discount: i64,
    /// Tax; `None` until the buyer's country is known.
    pub tax: Option<i64>,
    /// Whether the tax is in the price or on top; `None` until it is computed.
    pub tax_behavior: Option<TaxBehavior>,
    /// The trial in force, if any.
    pub trial: Option<(Interval, u32)>,
}

impl Totals {
    /// After discount, before tax.
    pub fn net(&self) -> i64 {
        self.amount - self.discount
    }

    /// After discount and tax.
    pub fn total(&self) -> i64 {
        match self.tax_behavior {
            Some(TaxBehavior::Exclusive) => self.net() + self.tax.unwrap_or(0),
            _ => self.net(),
        }
    }

    /// What is charged today: nothing during a trial.
    pub fn due_now(&self) -> i64 {
        if self.trial.is_some() {
            0
        } else {
            self.total()
        }
    }
}

/// The amount of one billing cycle of `price`, before discount and tax.
pub fn base_amount(session: &Session, price: &ProductPrice) -> (i64, Option<i64>) {
    match price.amount_type {
        AmountType::Fixed => (price.price_amount.unwrap_or(0), None),
        AmountType::Custom => {
            (session.amount.or(price.preset_amount).or(price.minimum_amount).unwrap_or(0), None)
        }
        AmountType::SeatBased => {
            let seats = session.seats.unwrap_or(1);
            let per_seat = price
                .seat_tiers
                .as_ref()
                .and_then(|t| t.tier_for(seats))
                .map_or(0, |t| t.price_per_seat);
            (per_seat.saturating_mul(i64::from(seats)), Some(per_seat))
        }
        _ => (0, None),
    }
}

/// The trial of `product` if the session allows it and the product recurs.
pub fn trial(session: &Session, product: &CheckoutProduct) -> Option<(Interval, u32)> {
    if !session.allow_trial || !product.is_recurring {
        return None;
    }
    product.trial_interval.zip(product.trial_interval_count)
}

/// Recalculates the totals of `session` for its selected product and price.
pub fn totals(session: &Session, product: &CheckoutProduct, price: &ProductPrice) -> Totals {
    let (amount, price_per_seat) = base_amount(session, price);
    let discount = session
        .discount_id
        .as_deref()
        .and_then(discounts::by_id)
        .filter(|d| d.inapplicable(&product.id, price).is_none())
        .map_or(0, |d| d.on(amount, &price.price_currency));
    let net = amount - discount;
    let behavior = price.tax_behavior.unwrap_or(TaxBehavior::Exclusive);
    let (tax, tax_behavior) = match &session.customer_billing_address {
        Some(address) => (Some(tax::tax_on(net, tax::rate_bps(address), behavior)), Some(behavior)),
        None => (None, None),
    };
    Totals { amount, price_per_seat, discount, tax, tax_behavior, trial: trial(session, product) }
}
