//! The subscription screen's views, built with the checkout's DOM builder: the list to
//! pick from, one subscription, and the panel of the change being prepared.

pub mod detail;
pub mod list;
pub mod money;
pub mod panels;

use kassa::dom::{el, Node};
use leptos::prelude::*;

use crate::screen::{Screen, View};

/// The whole screen.
pub fn screen(s: Screen) -> Node {
    let t = s.t();
    el("div")
        .class("kassa kassa-subscription")
        .attr("lang", s.lang.code())
        .attr("dir", if s.lang.is_rtl() { "rtl" } else { "ltr" })
        .testid("subscription")
        .dynamic(move || match s.view.get() {
            View::Loading => el("p")
                .class("kassa-loading")
                .attr("role", "status")
                .child(el("span").class("kassa-spinner").attr("aria-hidden", "true"))
                .text(t.loading)
                .node(),
            View::List => list::list(s),
            View::Detail => detail::detail(s),
            View::Failed(error) => el("div")
                .class("kassa-screen kassa-error")
                .attr("role", "alert")
                .testid("subscription-error")
                .child(el("p").class("kassa-error-title").text(&s.message(&error)))
                .child(
                    el("button")
                        .class("kassa-button kassa-button-secondary")
                        .attr("type", "button")
                        .text(t.try_again)
                        .on("click", move |_| {
                            let id = s.current.with_untracked(|c| c.as_ref().map(|l| l.model.id.clone()));
                            s.start(id.or_else(|| s.start_id()));
                        }),
                )
                .node(),
        })
        .node()
}
