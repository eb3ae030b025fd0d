//! The merchant's custom fields: text, number, date, checkbox and select, required or
//! not. Labels, help and options are merchant text, shown as text.

use kassa_core::checkout::custom_field::in_order;
use kassa_core::checkout::{AttachedCustomField, CheckoutUpdate, CustomFieldType, Field, FieldPath, Patch};
use kassa_core::sync::EditKind;
use leptos::prelude::*;
use serde_json::Value;

use crate::ui::controller::Controller;
use crate::ui::field::{error_id, field_id, FieldError, Label};

/// Sets one custom field and sends them all. A cleared field is sent as `null`, not
/// left out: Polar merges `custom_field_data` into what it holds, so only a `null`
/// clears a stored value.
fn set(ctl: Controller, slug: &str, value: Value, kind: EditKind) {
    ctl.draft.update(|d| {
        d.custom_field_data.insert(slug.to_string(), value);
    });
    let data = ctl.draft.with_untracked(|d| d.custom_field_data.clone());
    ctl.edit(CheckoutUpdate { custom_field_data: Patch::Value(data), ..Default::default() }, kind);
}

/// One custom field.
#[component]
fn CustomFieldInput(field: AttachedCustomField) -> impl IntoView {
    let ctl = expect_context::<Controller>();
    let f = field.custom_field;
    let slug = f.slug.clone();
    let path = FieldPath::part(Field::CustomFieldData, slug.clone());
    let id = field_id(&path);
    let label = f.properties.form_label.clone().unwrap_or_else(|| f.name.clone());
    let help_id = format!("{id}-help");
    let described = format!("{} {help_id}", error_id(&path));
    let help = f.properties.form_help_text.clone();
    let required = field.required;
    let current = {
        let slug = slug.clone();
        move || ctl.draft.with(|d| d.custom_field_data.get(&slug).cloned().unwrap_or(Value::Null))
    };
    let invalid = {
        let path = path.clone();
        move || ctl.error(&path).is_some().to_string()
    };
    let input = match f.kind {
        CustomFieldType::Checkbox => {
            let s = slug.clone();
            let current = current.clone();
            return view! {
                <div class="kassa-check">
                    <input type="checkbox" class="kassa-checkbox" id=id.clone() required=required aria-describedby=described
                        aria-invalid=invalid data-testid=format!("custom-{slug}")
                        prop:checked=move || current().as_bool().unwrap_or(false)
                        on:change=move |ev| set(ctl, &s, Value::Bool(event_target_checked(&ev)), EditKind::Discrete) />
                    <label for=id>{label}</label>
                    {help.map(|h| view! { <p class="kassa-help" id=help_id>{h}</p> })}
                    <FieldError path />
                </div>
            }
            .into_any();
        }
        CustomFieldType::Select => {
            let s = slug.clone();
            let options = f.properties.options.clone().unwrap_or_default();
            let current = current.clone();
            view! {
                <select class="kassa-input" id=id.clone() required=required aria-describedby=described.clone() aria-invalid=invalid.clone()
                    data-testid=format!("custom-{slug}")
                    prop:value=move || current().as_str().unwrap_or("").to_string()
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        set(ctl, &s, if v.is_empty() { Value::Null } else { Value::String(v) }, EditKind::Discrete);
                    }>
                    <option value="">"—"</option>
                    {options.into_iter().map(|o| view! { <option value=o.value>{o.label}</option> }).collect_view()}
                </select>
            }
            .into_any()
        }
        kind => {
            let s = slug.clone();
            let (input_type, inputmode) = match kind {
                CustomFieldType::Number => ("number", "numeric"),
                CustomFieldType::Date => ("date", "none"),
                _ => ("text", "text"),
            };
            let current = current.clone();
            view! {
                <input class="kassa-input" id=id.clone() type=input_type inputmode=inputmode required=required
                    aria-describedby=described.clone() aria-invalid=invalid.clone() data-testid=format!("custom-{slug}")
                    placeholder=f.properties.form_placeholder.clone()
                    prop:value=move || match current() {
                        // A date may come back as Polar's datetime: the input shows its day.
                        Value::String(s) if kind == CustomFieldType::Date => s.chars().take(10).collect(),
                        Value::String(s) => s,
                        Value::Number(n) => n.to_string(),
                        _ => String::new(),
                    }
                    on:input=move |ev| {
                        let v = event_target_value(&ev);
                        let value = match kind {
                            _ if v.trim().is_empty() => Value::Null,
                            CustomFieldType::Number => v.trim().parse::<i64>().map(Value::from).unwrap_or(Value::String(v)),
                            _ => Value::String(v),
                        };
                        set(ctl, &s, value, if kind == CustomFieldType::Date { EditKind::Discrete } else { EditKind::Text });
                    }
                    on:blur=move |_| ctl.flush() />
            }
            .into_any()
        }
    };
    view! {
        <div class="kassa-field">
            <Label for_id=id text=label required />
            {input}
            {help.map(|h| view! { <p class="kassa-help" id=help_id>{h}</p> })}
            <FieldError path />
        </div>
    }
    .into_any()
}

/// Every custom field of the session, in the merchant's order.
#[component]
pub fn CustomFields() -> impl IntoView {
    let ctl = expect_context::<Controller>();
    let fields = Memo::new(move |_| {
        ctl.session.with(|s| {
            let fields = s.attached_custom_fields.as_deref().unwrap_or_default();
            in_order(fields).into_iter().cloned().collect::<Vec<_>>()
        })
    });
    move || {
        let fields = fields.get();
        (!fields.is_empty()).then(|| {
            view! {
                <fieldset class="kassa-section" data-testid="custom-fields">
                    <legend class="kassa-legend">{ctl.t().details}</legend>
                    {fields.into_iter().map(|field| view! { <CustomFieldInput field /> }).collect_view()}
                </fieldset>
            }
        })
    }
}
