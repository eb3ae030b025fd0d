//! What a selection costs, recalculated on every read: amount, discount, net, tax and
//! total, the trial, and what is due now. The one place that decides whether the
//! applied discount still applies. It reads the buyer's [`Choices`], not a stored
//! session, so it depends on nothing above it.

use kassa_core::checkout::{Address, CheckoutProduct, Interval, ProductPrice, TaxBehavior};

use crate::discounts::{self, Discount};
use crate::tax;

/// What the buyer chose that a price depends on.
#[derive(Clone, Copy, Debug, Default)]
pub struct Choices<'a> {
    /// Pay-what-you-want amount.
    pub amount: Option<i64>,
    /// Seats.
    pub seats: Option<u32>,
    /// The applied discount's ID.
    pub discount_id: Option<&'a str>,
    /// Whether the product's trial may apply.
    pub allow_trial: bool,
    /// Billing address (tax follows its country and state).
    pub address: Option<&'a Address>,
}

/// The totals of a selection, in minor units of its currency.
#[derive(Default)]
pub struct Quote {
    /// Before discount and tax (tax included for inclusive prices).
    pub amount: i64,
    /// The applied discount, if it applies to this product and price.
    pub discount: Option<Discount>,
    /// The discount's amount.
    pub discount_amount: i64,
    /// Tax; `None` until the buyer's country is known.
    pub tax: Option<i64>,
    /// Whether the tax is in the price or on top; `None` until it is computed.
    pub tax_behavior: Option<TaxBehavior>,
    /// The trial in force, if any.
    pub trial: Option<(Interval, u32)>,
}

impl Quote {
    /// After discount, before tax.
    pub fn net(&self) -> i64 {
        self.amount - self.discount_amount
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

/// The trial of `product` if the choices allow it and the product recurs.
pub fn trial(choices: &Choices<'_>, product: &CheckoutProduct) -> Option<(Interval, u32)> {
    if !choices.allow_trial || !product.is_recurring {
        return None;
    }
    product.trial_interval.zip(product.trial_interval_count)
}

/// Prices `choices` for `product` at `price`.
pub fn quote(choices: &Choices<'_>, product: &CheckoutProduct, price: &ProductPrice) -> Quote {
    // Metered prices cost nothing up front; they are billed by usage.
    let amount = price.amount_for(choices.seats, choices.amount).unwrap_or(0);
    let discount =
        choices.discount_id.and_then(discounts::by_id).filter(|d| d.inapplicable(&product.id, price).is_none());
    let discount_amount = discount.as_ref().map_or(0, |d| d.on(amount, &price.price_currency));
    let net = amount - discount_amount;
    let (tax, tax_behavior) = match choices.address {
        Some(address) => {
            let behavior = tax::behavior(price.tax_behavior, address);
            (Some(tax::tax_on(net, tax::rate_bps(address), behavior)), Some(behavior))
        }
        None => (None, None),
    };
    Quote { amount, discount, discount_amount, tax, tax_behavior, trial: trial(choices, product) }
}
