//! The buyer's details: email, name, a business purchase (billing name, tax ID) and
//! the billing address with the fields the session asks for.

use kassa_core::checkout::{BillingAddressFields, Field, FieldMode, FieldPath, Patch};
use kassa_core::sync::{Draft, EditKind};
use leptos::prelude::*;

use crate::computed::Computed;
use crate::dom::{dynamic, el, Node};
use crate::intl::{collator, region_name};
use crate::lifetime::Timer;
use crate::state::State;
use crate::ui::controller::Controller;
use crate::ui::field::{error_id, field_error, field_id, invalid_while_refused, label, Bound, TextField};

/// `Null` for an empty string: clearing a field clears it on the server.
fn text_patch(s: &str) -> Patch<String> {
    if s.trim().is_empty() {
        Patch::Null
    } else {
        Patch::Value(s.to_string())
    }
}

/// A text field of the draft: `get` reads it, `put` writes it, then `send` sends the
/// change (the field alone, or the whole address it is part of).
fn draft_field(get: fn(&Draft) -> String, put: fn(&mut Draft, String), send: fn(Controller, &str)) -> Bound {
    Bound { get, put, send }
}

/// Email, name and the business purchase.
pub fn customer_details(ctl: Controller) -> Node {
    let t = ctl.t();
    let business = Computed::new(move || ctl.draft.with(|d| d.is_business_customer));
    // A session made for an existing customer carries their email: Polar does not
    // change it, so it is shown, not offered for editing.
    let locked = ctl.session.with_untracked(|s| s.customer_id.is_some());
    let email = TextField {
        required: true,
        input_type: "email",
        inputmode: Some("email"),
        readonly: locked,
        help: locked.then(|| t.email_locked.to_string()),
        ..TextField::new(Field::CustomerEmail, t.email, "email")
    };
    let bound = draft_field(
        |d| d.customer_email.clone(),
        |d, v| d.customer_email = v,
        |ctl, v| ctl.edit_with(EditKind::Text, |u| u.customer_email = text_patch(v)),
    );
    let email = email.render(ctl, bound);
    let bound = draft_field(
        |d| d.customer_name.clone(),
        |d, v| d.customer_name = v,
        |ctl, v| ctl.edit_with(EditKind::Text, |u| u.customer_name = text_patch(v)),
    );
    let name = TextField::new(Field::CustomerName, t.name, "name").render(ctl, bound);
    // Only the business fields re-render when the box is ticked.
    let business_fields = move || {
        business.get().then(|| {
            untrack(|| {
                let bound = draft_field(
                    |d| d.customer_billing_name.clone(),
                    |d, v| d.customer_billing_name = v,
                    |ctl, v| ctl.edit_with(EditKind::Text, |u| u.customer_billing_name = text_patch(v)),
                );
                let billing_name = TextField {
                    required: true,
                    ..TextField::new(Field::CustomerBillingName, t.billing_name, "organization")
                }
                .render(ctl, bound);
                let bound = draft_field(
                    |d| d.customer_tax_id.clone(),
                    |d, v| d.customer_tax_id = v,
                    |ctl, v| ctl.edit_with(EditKind::Text, |u| u.customer_tax_id = text_patch(v)),
                );
                let tax_id = TextField::new(Field::CustomerTaxId, t.tax_id, "off").render(ctl, bound);
                vec![billing_name, tax_id]
            })
        })
    };
    let checkbox = el("input")
        .attr("type", "checkbox")
        .id("kassa-is_business_customer")
        .class("kassa-checkbox")
        .testid("business")
        .bind_checked(move || business.get())
        .on("change", move |ev| {
            let on = event_target_checked(&ev);
            ctl.draft.update(|d| d.is_business_customer = on);
            ctl.edit_with(EditKind::Discrete, |u| u.is_business_customer = Patch::Value(on));
        });
    el("fieldset")
        .class("kassa-section")
        .child(el("legend").class("kassa-legend").text(t.contact))
        .child(email)
        .child(name)
        .child(
            el("div")
                .class("kassa-check")
                .child(checkbox)
                .child(el("label").attr("for", "kassa-is_business_customer").text(t.business)),
        )
        .dynamic(business_fields)
        .node()
}

/// Sends the whole address as it stands (Polar replaces it whole); nothing is sent
/// until a country is chosen.
fn send_address(ctl: Controller, kind: EditKind) {
    let address = ctl.draft.with_untracked(|d| d.address.to_address());
    let patch = match address {
        Some(a) => Patch::Value(a),
        None => return,
    };
    ctl.edit_with(kind, |u| u.customer_billing_address = patch);
}

/// Whether the session asks for no part of the address.
fn all_disabled(f: &BillingAddressFields) -> bool {
    [f.country, f.line1, f.line2, f.postal_code, f.city, f.state].iter().all(|m| *m == FieldMode::Disabled)
}

/// One line of the address, as the session asks for it: required, optional or not at all.
struct AddressLine {
    key: &'static str,
    label: &'static str,
    autocomplete: &'static str,
    mode: fn(&BillingAddressFields) -> FieldMode,
    get: fn(&Draft) -> String,
    put: fn(&mut Draft, String),
}

impl AddressLine {
    fn render(self, ctl: Controller, fields: Computed<BillingAddressFields>) -> Node {
        let mode = Computed::new(move || fields.with(self.mode));
        dynamic(move || {
            let mode = mode.get();
            (mode != FieldMode::Disabled).then(|| {
                untrack(|| {
                    let bound = draft_field(self.get, self.put, |ctl, _| send_address(ctl, EditKind::Text));
                    let path = FieldPath::part(Field::CustomerBillingAddress, self.key);
                    TextField {
                        required: mode == FieldMode::Required,
                        ..TextField::new(path, self.label, self.autocomplete)
                    }
                    .render(ctl, bound)
                })
            })
        })
    }
}

/// The country list: the countries Polar takes payments from (a sanctioned one is not
/// offered), by name in the buyer's language and in its order ("Österreich" among the
/// Os, not after "Zypern").
///
/// The full list waits for the task after the first paint: the browser's first
/// `Intl.DisplayNames` loads its region names (~12 ms here) and ~250 options add to the
/// first layout, while no buyer reaches this field within a frame. Until then the list
/// holds the country already chosen, if any, by its code.
fn country_options(ctl: Controller) -> Node {
    let locale = ctl.locale();
    let all_countries = State::new(false);
    ctl.after_paint(Timer::Countries, move || {
        all_countries.try_set(true);
    });
    dynamic(move || {
        let chosen = ctl.draft.with_untracked(|d| d.address.country.clone());
        let mut countries: Vec<(String, String)> = if all_countries.get() {
            kassa_core::geo::billing_countries().map(|c| (c.to_string(), region_name(c, &locale))).collect()
        } else {
            Vec::from_iter((!chosen.is_empty()).then(|| (chosen.clone(), chosen.clone())))
        };
        let compare = collator(&locale);
        kassa_core::sort::stable_sort_by(&mut countries, |a, b| compare(&a.1, &b.1));
        countries
            .into_iter()
            .map(|(code, name)| el("option").attr("value", &code).flag("selected", code == chosen).text(&name))
            .collect::<Vec<_>>()
    })
}

/// The state or province: a list where the country has one, a text field otherwise.
fn state_field(ctl: Controller, fields: Computed<BillingAddressFields>) -> Node {
    let mode = Computed::new(move || fields.with(|f| f.state));
    let country = Computed::new(move || ctl.draft.with(|d| d.address.country.clone()));
    dynamic(move || {
        let mode = mode.get();
        let subdivisions = country.with(|c| kassa_core::geo::subdivisions(c));
        (mode != FieldMode::Disabled).then(|| {
            untrack(|| {
                let t = ctl.t();
                let path = FieldPath::part(Field::CustomerBillingAddress, "state");
                let required = mode == FieldMode::Required;
                match subdivisions {
                    Some(list) => {
                        let id = field_id(&path);
                        let options = list.into_iter().map(|code| {
                            let short = code.split('-').nth(1).unwrap_or(&code).to_string();
                            el("option").attr("value", &code).text(&short)
                        });
                        let select = el("select")
                            .class("kassa-input")
                            .id(&id)
                            .attr("autocomplete", "address-level1")
                            .attr("aria-describedby", &error_id(&path))
                            .child(el("option").attr("value", "").text(t.choose_state))
                            .child(options.collect::<Vec<_>>())
                            .bind_value(move || ctl.draft.with(|d| d.address.state.clone()))
                            .on("change", move |ev| {
                                let v = event_target_value(&ev);
                                ctl.draft.update(|d| d.address.state = v);
                                send_address(ctl, EditKind::Discrete);
                            });
                        el("div")
                            .class("kassa-field")
                            .child(label(ctl, &id, t.state, required))
                            .child(select)
                            .child(field_error(ctl, path))
                            .node()
                    }
                    None => {
                        let bound = draft_field(
                            |d| d.address.state.clone(),
                            |d, v| d.address.state = v,
                            |ctl, _| send_address(ctl, EditKind::Text),
                        );
                        TextField { required, ..TextField::new(path, t.state, "address-level1") }.render(ctl, bound)
                    }
                }
            })
        })
    })
}

/// The billing address: the country list, then each field the session asks for,
/// required or optional as `billing_address_fields` says.
pub fn billing_address(ctl: Controller) -> Node {
    let t = ctl.t();
    let fields = Computed::new(move || ctl.session.with(|s| s.billing_address_fields.clone()));
    let country_path = FieldPath::part(Field::CustomerBillingAddress, "country");
    let country_id = field_id(&country_path);
    let select = el("select")
        .class("kassa-input")
        .id(&country_id)
        .attr("autocomplete", "country")
        .testid("country")
        .attr("aria-describedby", &error_id(&country_path))
        .child(el("option").attr("value", "").text(t.choose_country))
        .child(country_options(ctl))
        .bind_value(move || ctl.draft.with(|d| d.address.country.clone()))
        .on("change", move |ev| {
            let code = event_target_value(&ev);
            ctl.draft.update(|d| {
                if d.address.country != code {
                    d.address.state.clear();
                }
                d.address.country = code;
            });
            send_address(ctl, EditKind::Discrete);
        });
    let line = |key, label, autocomplete, mode, get, put| {
        AddressLine { key, label, autocomplete, mode, get, put }.render(ctl, fields)
    };
    let country_required = fields.with_untracked(|f| f.country == FieldMode::Required);
    // Asked only where the session asks for it: a free checkout, for one, may need no
    // address at all.
    el("fieldset")
        .class("kassa-section")
        .testid("billing-address")
        .bind_flag("hidden", move || fields.with(all_disabled))
        .child(el("legend").class("kassa-legend").text(t.billing_address))
        .child(
            el("div")
                .class("kassa-field")
                .child(label(ctl, &country_id, t.country, country_required))
                .child(invalid_while_refused(select, ctl, &country_path))
                .child(field_error(ctl, country_path)),
        )
        .child(line(
            "line1",
            t.line1,
            "address-line1",
            |f| f.line1,
            |d| d.address.line1.clone(),
            |d, v| d.address.line1 = v,
        ))
        .child(line(
            "line2",
            t.line2,
            "address-line2",
            |f| f.line2,
            |d| d.address.line2.clone(),
            |d, v| d.address.line2 = v,
        ))
        .child(line(
            "postal_code",
            t.postal_code,
            "postal-code",
            |f| f.postal_code,
            |d| d.address.postal_code.clone(),
            |d, v| d.address.postal_code = v,
        ))
        .child(line(
            "city",
            t.city,
            "address-level2",
            |f| f.city,
            |d| d.address.city.clone(),
            |d, v| d.address.city = v,
        ))
        .child(state_field(ctl, fields))
        .node()
}
