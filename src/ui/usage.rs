//! The usage lines of metered prices: "$0.005 per API call, at most $100.00". Billed
//! after use, beside the plan, so shown under the totals and never added to them.

use kassa_core::checkout::plans::usage_lines;
use kassa_core::i18n::fill;
use leptos::prelude::*;

use crate::computed::Computed;
use crate::dom::{dynamic, el, Node};
use crate::ui::controller::Controller;

/// Every metered price of the selected product, one line each.
pub fn usage(ctl: Controller) -> Node {
    let lines = Computed::new(move || ctl.session.with(usage_lines));
    dynamic(move || {
        let lines = lines.get();
        (!lines.is_empty()).then(|| {
            let t = ctl.t();
            let amounts = ctl.amounts();
            let items: Vec<_> = lines
                .into_iter()
                .filter_map(|line| {
                    let price = amounts.unit_price(&line.unit_amount)?;
                    let mut text = fill(t.per_unit, &[&price, &line.meter]);
                    if let Some(cap) = line.cap_amount {
                        text = format!("{text}, {}", fill(t.usage_cap, &[&amounts.charged(cap)]));
                    }
                    Some(el("li").testid(&format!("usage-{}", line.price_id)).text(&text))
                })
                .collect();
            el("section")
                .class("kassa-usage")
                .attr("aria-labelledby", "kassa-usage-title")
                .testid("usage")
                .child(el("h3").class("kassa-legend").id("kassa-usage-title").text(t.usage))
                .child(el("ul").class("kassa-usage-lines").child(items))
        })
    })
}
