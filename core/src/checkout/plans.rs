//! The plans a buyer can switch between: every price the session offers for each of its
//! products (Polar's `prices`, per product) in the session's currency, with its interval,
//! trial and the saving of a yearly plan; and the usage lines of metered prices, which
//! are billed beside a plan rather than chosen.

use crate::checkout::{AmountType, CheckoutProduct, CheckoutPublic, Interval, ProductPrice};

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

/// The prices `checkout` offers for `product`: Polar's `prices` for it where the session
/// has that map (the checkout's own selection: a product it leaves out offers nothing),
/// else the product's prices.
pub fn offered_prices<'a>(checkout: &'a CheckoutPublic, product: &'a CheckoutProduct) -> &'a [ProductPrice] {
    match &checkout.prices {
        Some(map) => map.get(&product.id).map_or(&[], Vec::as_slice),
        None => &product.prices,
    }
}

/// The plans of `checkout`, in the order of its products and prices. Archived prices,
/// prices in another currency and price types Kassa cannot sell (metered, unknown) are
/// left out.
pub fn plan_options(checkout: &CheckoutPublic) -> Vec<PlanOption> {
    let mut options = Vec::new();
    for product in &checkout.products {
        let prices = offered_prices(checkout, product);
        let count = product.recurring_interval_count.unwrap_or(1);
        let monthly = prices
            .iter()
            .find(|p| p.amount_type == AmountType::Fixed && p.recurring_interval == Some(Interval::Month))
            .and_then(|p| p.price_amount);
        for price in prices {
            if price.is_archived
                || !price.is_sellable()
                || !price.price_currency.eq_ignore_ascii_case(&checkout.currency)
            {
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

/// A metered price of the selected product: billed per unit of its meter, after use.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UsageLine {
    /// The price's ID.
    pub price_id: String,
    /// What is counted ("API calls"): the meter's name (merchant text).
    pub meter: String,
    /// The price of one unit, in minor units of the session's currency, as the exact
    /// decimal Polar sends ("0.5").
    pub unit_amount: String,
    /// The most a period can cost, in minor units, if capped.
    pub cap_amount: Option<i64>,
}

/// The usage lines of the selected product: its metered prices in the session's currency.
pub fn usage_lines(checkout: &CheckoutPublic) -> Vec<UsageLine> {
    let Some(product) = checkout.selected_product() else { return Vec::new() };
    offered_prices(checkout, product)
        .iter()
        .filter(|p| p.amount_type == AmountType::MeteredUnit && !p.is_archived)
        .filter(|p| p.price_currency.eq_ignore_ascii_case(&checkout.currency))
        .filter_map(|p| {
            Some(UsageLine {
                price_id: p.id.clone(),
                meter: p.meter.as_ref().map(|m| m.custom_label.clone().unwrap_or_else(|| m.name.clone()))?,
                unit_amount: p.unit_amount.clone()?,
                cap_amount: p.cap_amount.flatten(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::checkout::POLAR_FIXTURE as POLAR;

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
        assert_eq!(
            usage_lines(&c).iter().map(|u| (u.meter.as_str(), u.unit_amount.as_str())).collect::<Vec<_>>(),
            vec![("API calls", "0.5")]
        );
        let ids: Vec<_> = options.iter().map(|o| o.price_id.as_str()).collect();
        assert_eq!(ids, vec!["d2e3f4a5-b6c7-4d8e-9f0a-1b2c3d4e5f60", "monthly"]);
        // €190 a year against 12 × €19 = €228: 16.67 % → 16 %.
        assert_eq!(options[0].savings_percent, Some(16));
        assert_eq!(options[0].interval, Some((Interval::Year, 1)));
        assert_eq!(options[1].savings_percent, None);
    }

    #[test]
    fn the_sessions_own_prices_are_offered_not_the_products() {
        let mut c: CheckoutPublic = serde_json::from_str(POLAR).unwrap();
        let product = c.products[0].id.clone();
        let yearly = c.products[0].prices[0].clone();
        let mut monthly = yearly.clone();
        monthly.id = "monthly".into();
        c.products[0].prices.push(monthly);
        assert_eq!(plan_options(&c).len(), 2, "without a prices map, the product's prices");
        c.prices = Some([(product, vec![yearly])].into_iter().collect());
        let ids: Vec<_> = plan_options(&c).into_iter().map(|o| o.price_id).collect();
        assert_eq!(ids, vec!["d2e3f4a5-b6c7-4d8e-9f0a-1b2c3d4e5f60"], "the session offers only the yearly price");
        assert!(usage_lines(&c).is_empty(), "nor its metered price");
    }
}
