//! The customer's subscriptions, to pick one: each with its plan, price, status and a
//! button that opens it.

use kassa::dom::{el, Node};
use leptos::prelude::*;

use crate::screen::Screen;
use crate::ui::detail::status_words;
use crate::ui::money::{amounts, period, price};

/// The list.
pub fn list(s: Screen) -> Node {
    let t = s.t();
    let locale = s.locale();
    let items = s.list.with(|l| l.clone().unwrap_or_default());
    let body = if items.is_empty() {
        el("p").class("kassa-help").testid("sub-list-empty").text(t.list_empty).node()
    } else {
        el("ul")
            .class("kassa-sub-list")
            .child(
                items
                    .into_iter()
                    .map(|loaded| {
                        let sub = loaded.model.clone();
                        let money = amounts(&sub, &locale);
                        let words = status_words(&s, &sub).join(" · ");
                        let name = sub.product.product.name.clone();
                        el("li")
                            .class("kassa-sub-item")
                            .testid("sub-item")
                            .child(el("h3").class("kassa-plan-name").text(&name))
                            .child(
                                el("p").class("kassa-price").child(price(sub.amount, &money)).child(
                                    el("span")
                                        .class("kassa-price-interval")
                                        .text(&format!(" {}", period(&sub, s.lang, &locale))),
                                ),
                            )
                            .child(el("p").class("kassa-help").text(&words))
                            .child(
                                el("button")
                                    .class("kassa-button kassa-button-secondary")
                                    .attr("type", "button")
                                    .attr("aria-label", &format!("{} {name}", t.manage))
                                    .text(t.manage)
                                    .on("click", move |_| s.open(loaded.clone())),
                            )
                            .node()
                    })
                    .collect::<Vec<_>>(),
            )
            .node()
    };
    el("div").class("kassa-form").child(el("h2").class("kassa-product").text(t.list_title)).child(body).node()
}
