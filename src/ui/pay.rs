//! Paying: the card form (Stripe's Payment Element, in the host's light DOM, projected
//! here through a `<slot>`), the Pay button (disabled while an edit is unsaved or a
//! required field is empty, with the reason beside it), and the save status.

use kassa_core::checkout::{Field, FieldPath};
use kassa_core::i18n::fill;
use kassa_core::sync::SyncStatus;
use leptos::prelude::*;

use crate::computed::Computed;
use crate::dom::{el, Node};
use crate::lifetime::Timer;
use crate::ui::controller::{CardForm, Controller};

/// The label of a field path, for "Still needed: Email, Country": the words its field
/// shows in the form.
fn label_of(ctl: &Controller, path: &FieldPath) -> String {
    let t = ctl.t();
    let key = path.key.as_deref().unwrap_or_default();
    let words = match (path.field, key) {
        (Field::CustomerEmail, _) => t.email,
        (Field::CustomerName, _) => t.name,
        (Field::CustomerBillingName, _) => t.billing_name,
        (Field::CustomerTaxId, _) => t.tax_id,
        (Field::CustomerBillingAddress, "line1") => t.line1,
        (Field::CustomerBillingAddress, "line2") => t.line2,
        (Field::CustomerBillingAddress, "postal_code") => t.postal_code,
        (Field::CustomerBillingAddress, "city") => t.city,
        (Field::CustomerBillingAddress, "state") => t.state,
        (Field::CustomerBillingAddress, _) => t.country,
        (Field::Seats, _) => t.seats,
        (Field::Amount, _) => t.amount,
        (Field::DiscountCode, _) => t.discount_code,
        (Field::ProductId | Field::ProductPriceId, _) => t.plan,
        (Field::CustomFieldData, slug) => {
            return ctl
                .session
                .with_untracked(|s| {
                    s.attached_custom_fields.iter().flatten().find(|f| f.custom_field.slug == slug).map(|f| {
                        f.custom_field.properties.form_label.clone().unwrap_or_else(|| f.custom_field.name.clone())
                    })
                })
                .unwrap_or_else(|| slug.to_string());
        }
        (field, _) => field.name(),
    };
    words.to_string()
}

/// Payment method, Pay button, status.
pub fn pay(ctl: Controller) -> Node {
    let t = ctl.t();
    let needs_form = Computed::new(move || ctl.session.with(|s| s.is_payment_form_required));
    // The card form loads once the form is on the screen (never on the start-up path),
    // and again should a plan that needs a card be chosen later.
    crate::effect::effect(move || {
        if needs_form.get() {
            ctl.after_paint(Timer::Payment, move || ctl.prepare_payment());
        }
    });
    let missing = Computed::new(move || ctl.session.with(|s| ctl.draft.with(|d| d.missing(s))));
    let card_ready = move || !needs_form.get() || ctl.card.get() == CardForm::Ready;
    let can_pay =
        move || missing.with(Vec::is_empty) && !ctl.busy() && !ctl.unsaved.get() && !ctl.paying.get() && card_ready();
    let label = move || {
        ctl.session.with(|s| {
            if s.active_trial_interval.is_some() {
                t.start_trial.to_string()
            } else if s.total_amount == 0 {
                t.get_free.to_string()
            } else {
                fill(t.pay, &[&ctl.amounts().charged(s.total_amount)])
            }
        })
    };
    let card_state = Computed::new(move || match ctl.card.get() {
        CardForm::Idle | CardForm::Loading => Some((t.card_loading, false)),
        CardForm::Failed(_) => Some((t.card_unavailable, true)),
        CardForm::Unavailable => Some((t.no_payment_form, false)),
        CardForm::Ready => None,
    });
    let status = Computed::new(move || match ctl.status.get() {
        SyncStatus::Sending | SyncStatus::Pending => Some((t.saving, false)),
        SyncStatus::Retrying { .. } => Some((t.retrying, false)),
        SyncStatus::Stalled(_) => Some((t.stalled, true)),
        _ => None,
    });
    let card = move || {
        needs_form.get().then(|| {
            el("div")
                .class("kassa-card")
                .testid("payment-element")
                .bind_bool("aria-busy", move || !card_ready())
                .child(el("slot").attr("name", "kassa-payment"))
                .dynamic(move || {
                    card_state.get().map(|(text, problem)| {
                        el("p")
                            .class(if problem { "kassa-help kassa-field-error" } else { "kassa-help" })
                            .attr("role", if problem { "alert" } else { "status" })
                            .testid("card-state")
                            .text(text)
                    })
                })
        })
    };
    let still_needed = move || {
        let names: Vec<String> = missing.get().iter().map(|p| label_of(&ctl, p)).collect();
        if names.is_empty() {
            String::new()
        } else {
            fill(t.still_needed, &[&names.join(", ")])
        }
    };
    let sync_status = move || {
        status.get().map(|(text, retry)| {
            (
                el("span").text(text),
                retry.then(|| {
                    el("button")
                        .attr("type", "button")
                        .class("kassa-link")
                        .testid("retry")
                        .text(t.try_again)
                        .on("click", move |_| ctl.retry())
                }),
            )
        })
    };
    el("section")
        .class("kassa-section kassa-pay")
        .attr("aria-labelledby", "kassa-pay-title")
        .child(el("h3").class("kassa-legend").id("kassa-pay-title").text(t.payment))
        .dynamic(card)
        .child(
            el("p")
                .class("kassa-notice")
                .attr("role", "alert")
                .testid("notice")
                .bind_text(move || ctl.notice.get().unwrap_or_default()),
        )
        .child(
            el("button")
                .attr("type", "button")
                .class("kassa-button kassa-pay-button")
                .testid("pay")
                .bind_flag("disabled", move || !can_pay())
                .attr("aria-describedby", "kassa-pay-why")
                .bind_text(label)
                .on("click", move |_| ctl.pay()),
        )
        .child(el("p").class("kassa-help").id("kassa-pay-why").testid("still-needed").bind_text(still_needed))
        .child(el("p").class("kassa-status").attr("role", "status").testid("sync-status").dynamic(sync_status))
        .node()
}
