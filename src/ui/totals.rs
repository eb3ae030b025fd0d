//! The totals: subtotal, discount, tax (included or added), what is due today and, after
//! a trial, what follows. Announced politely when they change.

use kassa_core::checkout::{FieldMode, TaxBehavior};
use kassa_core::i18n::fill;
use kassa_core::sync::SyncStatus;
use leptos::prelude::*;

use crate::dom::{dynamic, el, El, Node};
use crate::ui::amounts::amount;
use crate::ui::controller::Controller;

/// One line of the totals.
fn row(class: &str, label: El, testid: &str, value: impl crate::dom::IntoNodes) -> El {
    el("div").class(class).child(label).child(el("dd").testid(testid).child(value))
}

/// Subtotal, discount, tax and total.
pub fn totals(ctl: Controller) -> Node {
    let t = ctl.t();
    let busy =
        move || matches!(ctl.status.get(), SyncStatus::Sending | SyncStatus::Pending | SyncStatus::Retrying { .. });
    // The list and its live region stay; only the rows inside re-render. (A reactive
    // attribute inside a re-rendering region would keep one effect per update alive.)
    let rows = move || {
        let amounts = ctl.amounts();
        // Read in place, not cloned: the session is the largest value the checkout holds.
        ctl.session.with(|s| {
            let trial = s.active_trial_interval.is_some();
            let due = if trial { 0 } else { s.total_amount };
            let tax_row = match (s.tax_amount, s.tax_behavior) {
                (Some(tax), Some(TaxBehavior::Inclusive)) => Some((t.tax_included, Some(tax))),
                (Some(tax), _) => Some((t.tax, Some(tax))),
                // "Calculated from your country" only where the country is asked for.
                (None, _) if s.billing_address_fields.country == FieldMode::Disabled => None,
                (None, _) => Some((t.tax, None)),
            };
            let period = s.billing_interval().map(|(i, n)| ctl.period(i, n));
            let after_trial = (trial && s.total_amount > 0).then(|| {
                let then = format!("{} {}", amounts.charged(s.total_amount), period.clone().unwrap_or_default());
                fill(t.then_after_trial, &[then.trim()])
            });
            let dt = |text: &str| el("dt").text(text);
            let discount = (s.discount_amount > 0).then(|| {
                let code = s.discount.as_ref().and_then(|d| d.code.as_deref()).map(|c| format!(" ({c})"));
                row(
                    "kassa-total-row kassa-total-discount",
                    dt(t.discount).child(code),
                    "discount-amount",
                    format!("−{}", amounts.charged(s.discount_amount)),
                )
            });
            let tax = tax_row.map(|(label, tax)| {
                let value = match tax {
                    Some(tax) => amounts.charged(tax),
                    None => t.tax_pending.to_string(),
                };
                row("kassa-total-row", dt(label), "tax", value)
            });
            vec![
                row("kassa-total-row", dt(t.subtotal), "subtotal", amounts.charged(s.amount)).node(),
                crate::dom::fragment((discount, tax)),
                row("kassa-total-row kassa-total-due", dt(t.total_due), "total", amount(due, &amounts)).node(),
                crate::dom::fragment(
                    after_trial.map(|text| el("p").class("kassa-help kassa-then").testid("after-trial").text(&text)),
                ),
            ]
        })
    };
    let local_note = move || {
        let amounts = ctl.amounts();
        amounts.local_code().map(|local| {
            let note = fill(t.charged_in, &[&amounts.payment_code(), &local]);
            el("p").class("kassa-currency-note").testid("currency-note").text(&note)
        })
    };
    crate::dom::fragment((
        el("dl")
            .class("kassa-totals")
            .attr("aria-live", "polite")
            .bind_bool("aria-busy", busy)
            .testid("totals")
            .dynamic(rows),
        dynamic(local_note),
    ))
}
