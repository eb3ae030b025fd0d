//! The discount code: apply and remove, shown only where the session accepts codes.

use kassa_core::checkout::{CheckoutUpdate, Field, FieldPath, Patch};
use kassa_core::sync::EditKind;
use leptos::prelude::*;

use crate::ui::controller::Controller;
use crate::ui::field::{error_id, field_id, FieldError, Label};

/// Apply or remove a discount code.
#[component]
pub fn DiscountCode() -> impl IntoView {
    let ctl = expect_context::<Controller>();
    let t = ctl.t();
    let code = RwSignal::new(String::new());
    let shown = Memo::new(move |_| {
        ctl.session.with(|s| s.allow_discount_codes && (s.is_discount_applicable || s.discount.is_some()))
    });
    let applied = Memo::new(move |_| {
        ctl.session.with(|s| s.discount.as_ref().map(|d| (d.code.clone().unwrap_or_default(), d.name.clone())))
    });
    let apply = move || {
        let value = code.get_untracked().trim().to_string();
        if !value.is_empty() {
            ctl.edit(CheckoutUpdate { discount_code: Patch::Value(value), ..Default::default() }, EditKind::Discrete);
        }
    };
    let path = FieldPath::from(Field::DiscountCode);
    let id = field_id(&path);
    move || {
        shown.get().then(|| match applied.get() {
            Some((c, name)) => view! {
                <div class="kassa-discount-applied" data-testid="discount-applied">
                    <span class="kassa-badge">{c}</span>
                    <span>{name}</span>
                    <button type="button" class="kassa-link" data-testid="discount-remove"
                        on:click=move |_| {
                            code.set(String::new());
                            ctl.edit(CheckoutUpdate { discount_code: Patch::Null, ..Default::default() }, EditKind::Discrete);
                        }>{t.remove}</button>
                </div>
            }
            .into_any(),
            None => view! {
                <form class="kassa-field kassa-discount" on:submit=move |ev| { ev.prevent_default(); apply(); }>
                    <Label for_id=id.clone() text=t.discount_code.into() required=false />
                    <div class="kassa-inline">
                        <input class="kassa-input" id=id.clone() type="text" autocomplete="off" data-testid="discount-input"
                            aria-describedby=error_id(&path)
                            aria-invalid={
                                let path = path.clone();
                                move || ctl.error(&path).is_some().to_string()
                            }
                            prop:value=move || code.get()
                            on:input=move |ev| code.set(event_target_value(&ev)) />
                        <button type="submit" class="kassa-button kassa-button-secondary" data-testid="discount-apply">{t.apply}</button>
                    </div>
                    <FieldError path=Field::DiscountCode />
                </form>
            }
            .into_any(),
        })
    }
}
