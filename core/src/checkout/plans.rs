//! The plans a buyer can switch between: every price of the session's products in the
//! session's currency, with its interval, trial and the saving of a yearly plan.

use crate::checkout::{AmountType, CheckoutPublic, Interval, ProductPrice};

/// One choice in the plan switcher.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlanOption {
    /// Product ID.
    pub product_id: String,
    /// Price ID.
    pub price_id: String,
    /// Product name (merchant text).
    pub product_name: String,
    /// Billing interval; `None` for one-time.
    pub interval: Option<(Interval, u32)>,
    /// How the amount is set.
    pub amount_type: AmountType,
    /// Fixed amount, per-seat amount of the first tier, or PWYW minimum, in minor units.
    pub amount: Option<i64>,
    /// Trial of the product.
    pub trial: Option<(Interval, u32)>,
    /// Whole percent saved against twelve months of the same product's monthly price.
    pub savings_percent: Option<u32>,
}

fn interval_of(price: &ProductPrice, product_interval: Option<Interval>, count: u32) -> Option<(Interval, u32)> {
    price.recurring_interval.or(product_interval).map(|i| (i, count))
}

fn shown_amount(price: &ProductPrice) -> Option<i64> {
    match price.amount_type {
        AmountType::Fixed => price.price_amount,
        AmountType::Custom => price.minimum_amount,
        AmountType::Free => Some(0),
        AmountType::SeatBased => price.seat_tiers.as_ref().and_then(|t| t.tiers.first()).map(|t| t.price_per_seat),
        _ => None,
    }
}

/// The plans of `checkout`, in catalog order. Archived prices, prices in another
/// currency and price types Kassa cannot sell are left out.
pub fn plan_options(checkout: &CheckoutPublic) -> Vec<PlanOption> {
    let mut options = Vec::new();
    for product in &checkout.products {
        let count = product.recurring_interval_count.unwrap_or(1);
        let monthly = product
            .prices
            .iter()
            .find(|p| p.amount_type == AmountType::Fixed && p.recurring_interval == Some(Interval::Month))
            .and_then(|p| p.price_amount);
        for price in &product.prices {
            let sellable = matches!(
                price.amount_type,
                AmountType::Fixed | AmountType::Custom | AmountType::Free | AmountType::SeatBased
            );
            if price.is_archived || !sellable || !price.price_currency.eq_ignore_ascii_case(&checkout.currency) {
                continue;
            }
            let interval = interval_of(price, product.recurring_interval, count);
            let savings_percent = match (interval, price.price_amount, monthly) {
                (Some((Interval::Year, 1)), Some(yearly), Some(monthly)) if monthly > 0 => {
                    let full = i128::from(monthly) * 12;
                    let saved = full - i128::from(yearly);
                    (saved > 0).then(|| (saved * 100 / full) as u32).filter(|p| *p > 0)
                }
                _ => None,
            };
            options.push(PlanOption {
                product_id: product.id.clone(),
                price_id: price.id.clone(),
                product_name: product.name.clone(),
                interval,
                amount_type: price.amount_type,
                amount: shown_amount(price),
                trial: product.trial_interval.zip(product.trial_interval_count),
                savings_percent,
            });
        }
    }
    options
}

#[cfg(test)]
mod tests {
    use super::*;

    const POLAR: &str = include_str!("../../tests/fixtures/polar_checkout_public.json");

    #[test]
    fn yearly_savings_and_currency_filter() {
        let mut c: CheckoutPublic = serde_json::from_str(POLAR).unwrap();
        let mut monthly = c.products[0].prices[0].clone();
        monthly.id = "monthly".into();
        monthly.recurring_interval = Some(Interval::Month);
        monthly.price_amount = Some(1900);
        let mut dollars = monthly.clone();
        dollars.id = "usd".into();
        dollars.price_currency = "usd".into();
        c.products[0].prices.extend([monthly, dollars]);
        let options = plan_options(&c);
        // The metered price and the dollar price are left out.
        let ids: Vec<_> = options.iter().map(|o| o.price_id.as_str()).collect();
        assert_eq!(ids, vec!["d2e3f4a5-b6c7-4d8e-9f0a-1b2c3d4e5f60", "monthly"]);
        // €190 a year against 12 × €19 = €228: 16.67 % → 16 %.
        assert_eq!(options[0].savings_percent, Some(16));
        assert_eq!(options[0].interval, Some((Interval::Year, 1)));
        assert_eq!(options[1].savings_percent, None);
    }
}
