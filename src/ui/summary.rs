//! What the buyer is buying: merchant, product, its price and interval, its benefits.

use leptos::prelude::*;

use crate::dom::{dynamic, el, Node};
use crate::ui::amounts::amount;
use crate::ui::controller::Controller;

/// The product header.
pub fn summary(ctl: Controller) -> Node {
    // Read in place, not cloned: the session is the largest value the checkout holds.
    dynamic(move || {
        ctl.session.with(|s| {
            let amounts = ctl.amounts();
            let product = s.selected_product();
            let name = product.map(|p| p.name.as_str()).unwrap_or_default();
            let description = product.and_then(|p| p.description.as_deref());
            // `dir="auto"`, not the stylesheet's `unicode-bidi: plaintext`: the tick's margin
            // follows the item's own direction, so English in an Arabic checkout keeps its
            // gap between tick and text.
            let benefits: Vec<_> = product
                .iter()
                .flat_map(|p| &p.benefits)
                .map(|b| el("li").attr("dir", "auto").text(&b.description))
                .collect();
            let period = s.billing_interval().map(|(i, n)| ctl.period(i, n));
            let price = el("p").class("kassa-price").testid("price");
            let price = if s.is_free_product_price {
                price.child(el("span").class("kassa-amount").text(ctl.t().free))
            } else {
                price.child(amount(s.amount, &amounts))
            };
            el("header")
                .class("kassa-summary")
                .child(el("p").class("kassa-merchant").text(&s.organization.name))
                .child(el("h2").class("kassa-product").id("kassa-product-name").testid("product-name").text(name))
                .child(description.map(|d| el("p").class("kassa-description").text(d)))
                .child(price.child(period.map(|p| el("span").class("kassa-price-interval").text(&format!(" {p}")))))
                .child((!benefits.is_empty()).then(|| el("ul").class("kassa-benefits").child(benefits)))
        })
    })
}
