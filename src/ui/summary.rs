//! What the buyer is buying: merchant, product, its price and interval, its benefits.

use leptos::prelude::*;

use crate::ui::amounts::Amount;
use crate::ui::controller::Controller;

/// The product header.
#[component]
pub fn Summary() -> impl IntoView {
    let ctl = expect_context::<Controller>();
    move || {
        let s = ctl.session.get();
        let amounts = ctl.amounts();
        let product = s.selected_product().cloned();
        let name = product.as_ref().map(|p| p.name.clone()).unwrap_or_default();
        let description = product.as_ref().and_then(|p| p.description.clone());
        let benefits: Vec<String> =
            product.iter().flat_map(|p| p.benefits.iter().map(|b| b.description.clone())).collect();
        let period = s.billing_interval().map(|(i, n)| ctl.period(i, n));
        let price = if s.is_free_product_price {
            view! { <span class="kassa-amount">{ctl.t().free}</span> }.into_any()
        } else {
            view! { <Amount minor=s.amount amounts /> }.into_any()
        };
        view! {
            <header class="kassa-summary">
                <p class="kassa-merchant">{s.organization.name.clone()}</p>
                <h2 class="kassa-product" id="kassa-product-name" data-testid="product-name">{name}</h2>
                {description.map(|d| view! { <p class="kassa-description">{d}</p> })}
                <p class="kassa-price" data-testid="price">
                    {price}
                    {period.map(|p| view! { <span class="kassa-price-interval">" " {p}</span> })}
                </p>
                {(!benefits.is_empty()).then(|| view! {
                    <ul class="kassa-benefits">{benefits.into_iter().map(|b| view! { <li>{b}</li> }).collect_view()}</ul>
                })}
            </header>
        }
    }
}
