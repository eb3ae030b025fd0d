//! The discount code: apply and remove, shown only where the session accepts codes.

use kassa_core::checkout::{Field, FieldPath, Patch};
use kassa_core::sync::EditKind;
use leptos::prelude::*;

use crate::computed::Computed;
use crate::dom::{dynamic, el, Node};
use crate::state::State;
use crate::ui::controller::Controller;
use crate::ui::field::{error_id, field_error, field_id, invalid_while_refused, label};

/// Apply or remove a discount code.
pub fn discount_code(ctl: Controller) -> Node {
    let t = ctl.t();
    let code = State::new(String::new());
    let shown = Computed::new(move || {
        ctl.session.with(|s| s.allow_discount_codes && (s.is_discount_applicable || s.discount.is_some()))
    });
    let applied = Computed::new(move || {
        ctl.session.with(|s| s.discount.as_ref().map(|d| (d.code.clone().unwrap_or_default(), d.name.clone())))
    });
    let apply = move || {
        let value = code.get_untracked().trim().to_string();
        if !value.is_empty() {
            ctl.edit_with(EditKind::Discrete, |u| u.discount_code = Patch::Value(value));
        }
    };
    let path = FieldPath::from(Field::DiscountCode);
    let id = field_id(&path);
    dynamic(move || {
        let shown = shown.get();
        let applied = applied.get();
        untrack(|| {
            shown.then(|| match applied {
                Some((c, name)) => el("div")
                    .class("kassa-discount-applied")
                    .testid("discount-applied")
                    .child(el("span").class("kassa-badge").text(&c))
                    .child(el("span").text(&name))
                    .child(
                        el("button")
                            .attr("type", "button")
                            .class("kassa-link")
                            .testid("discount-remove")
                            .text(t.remove)
                            .on("click", move |_| {
                                code.set(String::new());
                                ctl.edit_with(EditKind::Discrete, |u| u.discount_code = Patch::Null);
                            }),
                    ),
                None => {
                    let input = el("input")
                        .class("kassa-input")
                        .id(&id)
                        .attr("type", "text")
                        .attr("autocomplete", "off")
                        .testid("discount-input")
                        .attr("aria-describedby", &error_id(&path))
                        .bind_value(move || code.get())
                        .on("input", move |ev| code.set(event_target_value(&ev)));
                    el("form")
                        .class("kassa-field kassa-discount")
                        .on("submit", move |ev| {
                            ev.prevent_default();
                            apply();
                        })
                        .child(label(ctl, &id, t.discount_code, false))
                        .child(
                            el("div").class("kassa-inline").child(invalid_while_refused(input, ctl, &path)).child(
                                el("button")
                                    .attr("type", "submit")
                                    .class("kassa-button kassa-button-secondary")
                                    .testid("discount-apply")
                                    .text(t.apply),
                            ),
                        )
                        .child(field_error(ctl, path.clone()))
                }
            })
        })
    })
}
