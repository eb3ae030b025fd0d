//! What the buyer is buying and what it costs.

use kassa_core::checkout::{CheckoutPublic, Interval};
use kassa_core::money::{Currency, Money};
use leptos::prelude::*;

use crate::intl::format_money;

/// "/ month", "/ 3 months": the suffix of a recurring price.
fn interval_suffix(interval: Interval, count: u32) -> String {
    let unit = interval.as_str();
    if count == 1 {
        format!("/ {unit}")
    } else {
        format!("/ {count} {unit}s")
    }
}

/// Product, price with its interval, and the total due today.
#[component]
pub fn Summary(
    /// The session to show.
    checkout: CheckoutPublic,
    /// BCP 47 locale for amounts.
    locale: String,
) -> impl IntoView {
    let currency = Currency::parse(&checkout.currency).ok();
    let money = move |minor: i64| match currency {
        Some(c) => format_money(&Money::new(minor, c), &locale),
        None => format!("{minor}"),
    };
    let product = checkout.selected_product().cloned();
    let name = product.as_ref().map(|p| p.name.clone()).unwrap_or_default();
    let description = product.as_ref().and_then(|p| p.description.clone());
    let suffix = checkout.billing_interval().map(|(i, n)| interval_suffix(i, n));
    let price = if checkout.is_free_product_price { "Free".to_string() } else { money(checkout.amount) };
    let total = money(checkout.total_amount);
    view! {
        <section class="kassa-summary" aria-labelledby="kassa-product-name">
            <p class="kassa-merchant">{checkout.organization.name.clone()}</p>
            <h2 class="kassa-product" id="kassa-product-name" data-testid="product-name">
                {name}
            </h2>
            {description.map(|d| view! { <p class="kassa-description">{d}</p> })}
            <p class="kassa-price" data-testid="price">
                <span class="kassa-price-amount">{price}</span>
                {suffix.map(|s| view! { <span class="kassa-price-interval">" " {s}</span> })}
            </p>
            <dl class="kassa-totals" aria-live="polite">
                <div class="kassa-total-row kassa-total-due">
                    <dt>"Total due today"</dt>
                    <dd data-testid="total">{total}</dd>
                </div>
            </dl>
        </section>
    }
}
