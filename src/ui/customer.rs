//! The buyer's details: email, name, a business purchase (billing name, tax ID) and
//! the billing address with the fields the session asks for.

use kassa_core::checkout::{CheckoutUpdate, Field, FieldMode, FieldPath, Patch};
use kassa_core::sync::{Draft, EditKind};
use leptos::prelude::*;

use crate::intl::{collator, region_name};
use crate::lifetime::Timer;
use crate::ui::controller::Controller;
use crate::ui::field::{error_id, field_id, FieldError, Label, TextField};

/// `Null` for an empty string: clearing a field clears it on the server.
fn text_patch(s: &str) -> Patch<String> {
    if s.trim().is_empty() {
        Patch::Null
    } else {
        Patch::Value(s.to_string())
    }
}

/// A text field of the draft: `get` reads it, `put` writes it and builds the update.
fn text_field(
    ctl: Controller,
    get: fn(&Draft) -> String,
    put: fn(&mut Draft, String),
    update: fn(Patch<String>) -> CheckoutUpdate,
) -> (Signal<String>, Callback<String>) {
    let value = Signal::derive(move || ctl.draft.with(get));
    let on_input = Callback::new(move |v: String| {
        ctl.draft.update(|d| put(d, v.clone()));
        ctl.edit(update(text_patch(&v)), EditKind::Text);
    });
    (value, on_input)
}

/// Email, name and the business purchase.
#[component]
pub fn CustomerDetails() -> impl IntoView {
    let ctl = expect_context::<Controller>();
    let t = ctl.t();
    let (email, on_email) = text_field(
        ctl,
        |d| d.customer_email.clone(),
        |d, v| d.customer_email = v,
        |p| CheckoutUpdate { customer_email: p, ..Default::default() },
    );
    let (name, on_name) = text_field(
        ctl,
        |d| d.customer_name.clone(),
        |d, v| d.customer_name = v,
        |p| CheckoutUpdate { customer_name: p, ..Default::default() },
    );
    let (billing, on_billing) = text_field(
        ctl,
        |d| d.customer_billing_name.clone(),
        |d, v| d.customer_billing_name = v,
        |p| CheckoutUpdate { customer_billing_name: p, ..Default::default() },
    );
    let (tax_id, on_tax_id) = text_field(
        ctl,
        |d| d.customer_tax_id.clone(),
        |d, v| d.customer_tax_id = v,
        |p| CheckoutUpdate { customer_tax_id: p, ..Default::default() },
    );
    let business = move || ctl.draft.with(|d| d.is_business_customer);
    // A session made for an existing customer carries their email: Polar does not
    // change it, so it is shown, not offered for editing.
    let locked = ctl.session.with_untracked(|s| s.customer_id.is_some());
    let email_help = locked.then(|| t.email_locked.to_string());
    view! {
        <fieldset class="kassa-section">
            <legend class="kassa-legend">{t.contact}</legend>
            <TextField path=Field::CustomerEmail label=t.email.into() value=email on_input=on_email
                required=true input_type="email" autocomplete="email" inputmode="email" readonly=locked
                help=email_help />
            <TextField path=Field::CustomerName label=t.name.into() value=name on_input=on_name autocomplete="name" />
            <div class="kassa-check">
                <input type="checkbox" id="kassa-is_business_customer" class="kassa-checkbox" data-testid="business"
                    prop:checked=business
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        ctl.draft.update(|d| d.is_business_customer = on);
                        ctl.edit(CheckoutUpdate { is_business_customer: Patch::Value(on), ..Default::default() }, EditKind::Discrete);
                    } />
                <label for="kassa-is_business_customer">{t.business}</label>
            </div>
            <Show when=business>
                <TextField path=Field::CustomerBillingName label=t.billing_name.into() value=billing
                    on_input=on_billing required=true autocomplete="organization" />
                <TextField path=Field::CustomerTaxId label=t.tax_id.into() value=tax_id on_input=on_tax_id />
            </Show>
        </fieldset>
    }
}

/// Sends the whole address as it stands (Polar replaces it whole); nothing is sent
/// until a country is chosen.
fn send_address(ctl: Controller, kind: EditKind) {
    let address = ctl.draft.with_untracked(|d| d.address.to_address());
    let patch = match address {
        Some(a) => Patch::Value(a),
        None => return,
    };
    ctl.edit(CheckoutUpdate { customer_billing_address: patch, ..Default::default() }, kind);
}

/// Whether the session asks for no part of the address.
fn all_disabled(f: &kassa_core::checkout::BillingAddressFields) -> bool {
    [f.country, f.line1, f.line2, f.postal_code, f.city, f.state].iter().all(|m| *m == FieldMode::Disabled)
}

/// The billing address: the country list, then each field the session asks for,
/// required or optional as `billing_address_fields` says.
#[component]
pub fn BillingAddress() -> impl IntoView {
    let ctl = expect_context::<Controller>();
    let t = ctl.t();
    let locale = ctl.locale();
    // The full country list waits for the task after the first paint: the browser's first
    // `Intl.DisplayNames` loads its region names (~12 ms here) and ~250 options add to the
    // first layout, while no buyer reaches this field within a frame. Until then the list
    // holds the country already chosen, if any, by its code.
    let all_countries = RwSignal::new(false);
    if let Ok(frame) = request_animation_frame_with_handle(move || {
        ctl.later(Timer::Countries, std::time::Duration::ZERO, move || {
            all_countries.try_set(true);
        });
    }) {
        on_cleanup(move || frame.cancel());
    }
    let country_options = move || {
        let chosen = ctl.draft.with_untracked(|d| d.address.country.clone());
        let mut countries: Vec<(String, String)> = if all_countries.get() {
            // The countries Polar takes payments from: a sanctioned one is not offered.
            kassa_core::geo::billing_countries().map(|c| (c.to_string(), region_name(c, &locale))).collect()
        } else {
            Vec::from_iter((!chosen.is_empty()).then(|| (chosen.clone(), chosen.clone())))
        };
        // In the buyer's language's order: "Österreich" among the Os, not after "Zypern".
        let compare = collator(&locale);
        countries.sort_by(|a, b| compare(&a.1, &b.1));
        countries
            .into_iter()
            .map(|(code, name)| view! { <option value=code.clone() selected=code == chosen>{name}</option> })
            .collect_view()
    };
    let fields = Memo::new(move |_| ctl.session.with(|s| s.billing_address_fields.clone()));
    let country = move || ctl.draft.with(|d| d.address.country.clone());
    let line = move |name: &'static str,
                     label: &'static str,
                     autocomplete: &'static str,
                     mode: fn(&kassa_core::checkout::BillingAddressFields) -> FieldMode,
                     get: fn(&Draft) -> String,
                     put: fn(&mut Draft, String)| {
        move || {
            let mode = fields.with(mode);
            (mode != FieldMode::Disabled).then(|| {
                let value = Signal::derive(move || ctl.draft.with(get));
                let on_input = Callback::new(move |v: String| {
                    ctl.draft.update(|d| put(d, v));
                    send_address(ctl, EditKind::Text);
                });
                view! {
                    <TextField path=FieldPath::part(Field::CustomerBillingAddress, name) label=label.into() value on_input
                        required=mode == FieldMode::Required autocomplete />
                }
            })
        }
    };
    let state = move || {
        let mode = fields.with(|f| f.state);
        let subdivisions = kassa_core::geo::subdivisions(&country());
        (mode != FieldMode::Disabled).then(|| {
            let path = FieldPath::part(Field::CustomerBillingAddress, "state");
            let id = field_id(&path);
            let on_state = move |v: String| {
                ctl.draft.update(|d| d.address.state = v);
                send_address(ctl, EditKind::Discrete);
            };
            match subdivisions {
                Some(list) => view! {
                    <div class="kassa-field">
                        <Label for_id=id.clone() text=t.state.into() required=mode == FieldMode::Required />
                        <select class="kassa-input" id=id autocomplete="address-level1" aria-describedby=error_id(&path)
                            prop:value=move || ctl.draft.with(|d| d.address.state.clone())
                            on:change=move |ev| on_state(event_target_value(&ev))>
                            <option value="">{t.choose_state}</option>
                            {list.into_iter().map(|code| {
                                let short = code.split('-').nth(1).unwrap_or(&code).to_string();
                                view! { <option value=code.clone()>{short}</option> }
                            }).collect_view()}
                        </select>
                        <FieldError path=path.clone() />
                    </div>
                }
                .into_any(),
                None => {
                    let value = Signal::derive(move || ctl.draft.with(|d| d.address.state.clone()));
                    let on_input = Callback::new(move |v: String| {
                        ctl.draft.update(|d| d.address.state = v);
                        send_address(ctl, EditKind::Text);
                    });
                    view! { <TextField path=path.clone() label=t.state.into() value on_input
                    required=mode == FieldMode::Required autocomplete="address-level1" /> }
                    .into_any()
                }
            }
        })
    };
    let country_path = FieldPath::part(Field::CustomerBillingAddress, "country");
    let country_id = field_id(&country_path);
    view! {
        // Asked only where the session asks for it: a free checkout, for one, may need no
        // address at all.
        <fieldset class="kassa-section" data-testid="billing-address" hidden=move || fields.with(all_disabled)>
            <legend class="kassa-legend">{t.billing_address}</legend>
            <div class="kassa-field">
                <Label for_id=country_id.clone() text=t.country.into() required=fields.with_untracked(|f| f.country == FieldMode::Required) />
                <select class="kassa-input" id=country_id autocomplete="country" data-testid="country"
                    aria-describedby=error_id(&country_path)
                    aria-invalid={
                        let path = country_path.clone();
                        move || ctl.error(&path).is_some().to_string()
                    }
                    prop:value=country
                    on:change=move |ev| {
                        let code = event_target_value(&ev);
                        ctl.draft.update(|d| {
                            if d.address.country != code {
                                d.address.state.clear();
                            }
                            d.address.country = code;
                        });
                        send_address(ctl, EditKind::Discrete);
                    }>
                    <option value="">{t.choose_country}</option>
                    {country_options}
                </select>
                <FieldError path=country_path />
            </div>
            {line("line1", t.line1, "address-line1", |f| f.line1, |d| d.address.line1.clone(), |d, v| d.address.line1 = v)}
            {line("line2", t.line2, "address-line2", |f| f.line2, |d| d.address.line2.clone(), |d, v| d.address.line2 = v)}
            {line("postal_code", t.postal_code, "postal-code", |f| f.postal_code, |d| d.address.postal_code.clone(), |d, v| d.address.postal_code = v)}
            {line("city", t.city, "address-level2", |f| f.city, |d| d.address.city.clone(), |d, v| d.address.city = v)}
            {state}
        </fieldset>
    }
}
