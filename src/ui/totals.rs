//! The totals: subtotal, discount, tax (included or added), what is due today and, after
//! a trial, what follows. Announced politely when they change.

use kassa_core::checkout::{FieldMode, TaxBehavior};
use kassa_core::i18n::fill;
use kassa_core::sync::SyncStatus;
use leptos::prelude::*;

use crate::ui::amounts::Amount;
use crate::ui::controller::Controller;

/// Subtotal, discount, tax and total.
#[component]
pub fn Totals() -> impl IntoView {
    let ctl = expect_context::<Controller>();
    let t = ctl.t();
    let busy =
        move || matches!(ctl.status.get(), SyncStatus::Sending | SyncStatus::Pending | SyncStatus::Retrying { .. });
    // The list and its live region stay; only the rows inside re-render. (A reactive
    // attribute inside a re-rendering closure kept one allocation per update alive.)
    let rows = move || {
        let amounts = ctl.amounts();
        let s = ctl.session.get();
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
        view! {
            <div class="kassa-total-row">
                <dt>{t.subtotal}</dt>
                <dd data-testid="subtotal">{amounts.charged(s.amount)}</dd>
            </div>
            {(s.discount_amount > 0).then(|| view! {
                <div class="kassa-total-row kassa-total-discount">
                    <dt>{t.discount}{s.discount.as_ref().and_then(|d| d.code.clone()).map(|c| format!(" ({c})"))}</dt>
                    <dd data-testid="discount-amount">"−" {amounts.charged(s.discount_amount)}</dd>
                </div>
            })}
            {tax_row.map(|(label, tax)| view! {
                <div class="kassa-total-row">
                    <dt>{label}</dt>
                    <dd data-testid="tax">{match tax {
                        Some(tax) => amounts.charged(tax),
                        None => t.tax_pending.to_string(),
                    }}</dd>
                </div>
            })}
            <div class="kassa-total-row kassa-total-due">
                <dt>{t.total_due}</dt>
                <dd data-testid="total"><Amount minor=due amounts=amounts.clone() /></dd>
            </div>
            {after_trial.map(|text| view! { <p class="kassa-help kassa-then" data-testid="after-trial">{text}</p> })}
        }
    };
    let local_note = move || {
        let amounts = ctl.amounts();
        amounts.local_code().map(|local| {
            let note = fill(t.charged_in, &[&amounts.payment_code(), &local]);
            view! { <p class="kassa-currency-note" data-testid="currency-note">{note}</p> }
        })
    };
    view! {
        <dl class="kassa-totals" aria-live="polite" aria-busy=move || busy().to_string() data-testid="totals">
            {rows}
        </dl>
        {local_note}
    }
}
