//! The sandbox's discount codes (case-insensitive, as on Polar).

use kassa_core::checkout::{AmountType, CheckoutDiscount, DiscountDuration, DiscountType, ProductPrice};

use crate::catalog::ids;

/// A discount and the products it is limited to (empty: every product).
pub struct Discount {
    /// The discount as the session shows it.
    pub discount: CheckoutDiscount,
    /// Products it applies to; empty for all.
    pub products: &'static [&'static str],
}

fn percentage(
    id: &str,
    code: &str,
    name: &str,
    bps: u32,
    duration: DiscountDuration,
    months: Option<u32>,
) -> CheckoutDiscount {
    CheckoutDiscount {
        id: id.into(),
        name: name.into(),
        kind: DiscountType::Percentage,
        duration,
        duration_in_months: months,
        code: Some(code.into()),
        amount: None,
        currency: None,
        amounts: None,
        basis_points: Some(bps),
    }
}

/// Every code the sandbox knows.
pub fn all() -> Vec<Discount> {
    let save5 = CheckoutDiscount {
        id: "d15c0000-0000-4000-8000-000000000402".into(),
        name: "$5 off".into(),
        kind: DiscountType::Fixed,
        duration: DiscountDuration::Forever,
        duration_in_months: None,
        code: Some("SAVE5".into()),
        amount: Some(500),
        currency: Some("usd".into()),
        amounts: Some(
            [("usd", 500), ("eur", 500), ("jpy", 800), ("kwd", 1500)]
                .into_iter()
                .map(|(c, a)| (c.to_string(), a))
                .collect(),
        ),
        basis_points: None,
    };
    vec![
        Discount {
            discount: percentage(
                "d15c0000-0000-4000-8000-000000000401",
                "LAUNCH20",
                "Launch week",
                2000,
                DiscountDuration::Once,
                None,
            ),
            products: &[],
        },
        Discount { discount: save5, products: &[] },
        Discount {
            discount: percentage(
                "d15c0000-0000-4000-8000-000000000403",
                "TEAM10",
                "Teams: 10 % for 3 months",
                1000,
                DiscountDuration::Repeating,
                Some(3),
            ),
            products: &[ids::TEAM],
        },
        Discount {
            discount: percentage(
                "d15c0000-0000-4000-8000-000000000404",
                "FREE100",
                "On the house",
                10_000,
                DiscountDuration::Forever,
                None,
            ),
            products: &[ids::LIFETIME, ids::PRO],
        },
    ]
}

/// Finds a code (any case).
pub fn by_code(code: &str) -> Option<Discount> {
    all().into_iter().find(|d| d.discount.code.as_deref().is_some_and(|c| c.eq_ignore_ascii_case(code.trim())))
}

/// Finds a discount by ID.
pub fn by_id(id: &str) -> Option<Discount> {
    all().into_iter().find(|d| d.discount.id == id)
}

impl Discount {
    /// Why the discount cannot apply to `price` of `product_id`, if it cannot.
    pub fn inapplicable(&self, product_id: &str, price: &ProductPrice) -> Option<String> {
        // A pay-what-you-want price takes a discount; a free one has nothing to take off.
        let free = price.amount_type == AmountType::Free
            || price.price_amount == Some(0) && price.amount_type == AmountType::Fixed;
        if free {
            return Some("Discounts do not apply to free prices".into());
        }
        if !self.products.is_empty() && !self.products.contains(&product_id) {
            return Some("This discount code does not apply to this product".into());
        }
        if self.discount.kind == DiscountType::Fixed && self.fixed_amount(&price.price_currency).is_none() {
            return Some("This discount code does not apply to this currency".into());
        }
        None
    }

    fn fixed_amount(&self, currency: &str) -> Option<i64> {
        self.discount.amounts.as_ref()?.get(&currency.to_ascii_lowercase()).copied()
    }

    /// The discount on `amount` in `currency`: a percentage rounded half up, or the fixed
    /// amount, never more than the amount.
    pub fn on(&self, amount: i64, currency: &str) -> i64 {
        let off = match self.discount.kind {
            DiscountType::Percentage => {
                let bps = i128::from(self.discount.basis_points.unwrap_or(0));
                let value = (i128::from(amount) * bps * 2 + 10_000) / 20_000;
                i64::try_from(value).unwrap_or(i64::MAX)
            }
            DiscountType::Fixed => self.fixed_amount(currency).unwrap_or(0),
            DiscountType::Unknown => 0,
        };
        off.clamp(0, amount.max(0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_case_insensitive_and_compute() {
        let launch = by_code(" launch20 ").unwrap();
        assert_eq!(launch.on(1900, "usd"), 380);
        assert_eq!(launch.on(1999, "usd"), 400); // 399.8 → 400
        let save5 = by_code("SAVE5").unwrap();
        assert_eq!(save5.on(1900, "usd"), 500);
        assert_eq!(save5.on(300, "usd"), 300); // never below zero
        assert_eq!(by_code("FREE100").unwrap().on(24900, "usd"), 24900);
        assert!(by_code("NOPE").is_none());
    }
}
