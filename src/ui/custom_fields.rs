//! The merchant's custom fields: text, number, date, checkbox and select, required or
//! not. Labels, help and options are merchant text, shown as text.

use kassa_core::checkout::custom_field::in_order;
use kassa_core::checkout::{AttachedCustomField, CustomFieldType, Field, FieldPath, Patch};
use kassa_core::sync::EditKind;
use leptos::prelude::*;
use serde_json::Value;

use crate::computed::Computed;
use crate::dom::{dynamic, el, Node};
use crate::ui::controller::Controller;
use crate::ui::field::{error_id, field_error, field_id, invalid_while_refused, label};

/// Sets one custom field and sends them all. A cleared field is sent as `null`, not
/// left out: Polar merges `custom_field_data` into what it holds, so only a `null`
/// clears a stored value.
fn set(ctl: Controller, slug: &str, value: Value, kind: EditKind) {
    ctl.draft.update(|d| {
        d.custom_field_data.insert(slug.to_string(), value);
    });
    let data = ctl.draft.with_untracked(|d| d.custom_field_data.clone());
    ctl.edit_with(kind, |u| u.custom_field_data = Patch::Value(data));
}

/// One custom field.
fn custom_field_input(ctl: Controller, field: AttachedCustomField) -> Node {
    let f = field.custom_field;
    let slug = f.slug.clone();
    let path = FieldPath::part(Field::CustomFieldData, slug.clone());
    let id = field_id(&path);
    let label_text = f.properties.form_label.clone().unwrap_or_else(|| f.name.clone());
    let help_id = format!("{id}-help");
    let help = f.properties.form_help_text.as_deref().map(|h| el("p").class("kassa-help").id(&help_id).text(h));
    let required = field.required;
    let current = {
        let slug = slug.clone();
        move || ctl.draft.with(|d| d.custom_field_data.get(&slug).cloned().unwrap_or(Value::Null))
    };
    let input = |tag: &str| {
        let input = el(tag)
            .id(&id)
            .flag("required", required)
            .attr("aria-describedby", &format!("{} {help_id}", error_id(&path)))
            .testid(&format!("custom-{slug}"));
        invalid_while_refused(input, ctl, &path)
    };
    let s = slug.clone();
    match f.kind {
        CustomFieldType::Checkbox => {
            let input = input("input")
                .attr("type", "checkbox")
                .class("kassa-checkbox")
                .bind_checked(move || current().as_bool().unwrap_or(false))
                .on("change", move |ev| set(ctl, &s, Value::Bool(event_target_checked(&ev)), EditKind::Discrete));
            el("div")
                .class("kassa-check")
                .child(input)
                .child(el("label").attr("for", &id).text(&label_text))
                .child(help)
                .child(field_error(ctl, path))
                .node()
        }
        CustomFieldType::Select => {
            let options = f.properties.options.clone().unwrap_or_default();
            let select = input("select")
                .class("kassa-input")
                .child(el("option").attr("value", "").text("—"))
                .child(options.iter().map(|o| el("option").attr("value", &o.value).text(&o.label)).collect::<Vec<_>>())
                .bind_value(move || current().as_str().unwrap_or("").to_string())
                .on("change", move |ev| {
                    let v = event_target_value(&ev);
                    set(ctl, &s, if v.is_empty() { Value::Null } else { Value::String(v) }, EditKind::Discrete);
                });
            field_box(ctl, &id, &label_text, required, select, help, path)
        }
        kind => {
            let (input_type, inputmode) = match kind {
                CustomFieldType::Number => ("number", "numeric"),
                CustomFieldType::Date => ("date", "none"),
                _ => ("text", "text"),
            };
            let text = input("input")
                .class("kassa-input")
                .attr("type", input_type)
                .attr("inputmode", inputmode)
                .attr_opt("placeholder", f.properties.form_placeholder.as_deref())
                .bind_value(move || match current() {
                    // A date may come back as Polar's datetime: the input shows its day.
                    Value::String(s) if kind == CustomFieldType::Date => s.chars().take(10).collect(),
                    Value::String(s) => s,
                    Value::Number(n) => match n.as_i64() {
                        Some(whole) => whole.to_string(),
                        None => n.as_f64().and_then(crate::intl::float_text).unwrap_or_default(),
                    },
                    _ => String::new(),
                })
                .on("input", move |ev| {
                    let v = event_target_value(&ev);
                    let value = match kind {
                        _ if v.trim().is_empty() => Value::Null,
                        CustomFieldType::Number => v.trim().parse::<i64>().map(Value::from).unwrap_or(Value::String(v)),
                        _ => Value::String(v),
                    };
                    set(
                        ctl,
                        &s,
                        value,
                        if kind == CustomFieldType::Date { EditKind::Discrete } else { EditKind::Text },
                    );
                })
                .on("blur", move |_| ctl.flush());
            field_box(ctl, &id, &label_text, required, text, help, path)
        }
    }
}

/// A labelled field: label, input, help and the server's message.
fn field_box(
    ctl: Controller,
    id: &str,
    text: &str,
    required: bool,
    input: crate::dom::El,
    help: Option<crate::dom::El>,
    path: FieldPath,
) -> Node {
    el("div")
        .class("kassa-field")
        .child(label(ctl, id, text, required))
        .child(input)
        .child(help)
        .child(field_error(ctl, path))
        .node()
}

/// Every custom field of the session, in the merchant's order.
pub fn custom_fields(ctl: Controller) -> Node {
    let fields = Computed::new(move || {
        ctl.session.with(|s| {
            let fields = s.attached_custom_fields.as_deref().unwrap_or_default();
            in_order(fields).into_iter().cloned().collect::<Vec<_>>()
        })
    });
    dynamic(move || {
        let fields = fields.get();
        untrack(|| {
            (!fields.is_empty()).then(|| {
                el("fieldset")
                    .class("kassa-section")
                    .testid("custom-fields")
                    .child(el("legend").class("kassa-legend").text(ctl.t().details))
                    .child(fields.into_iter().map(|field| custom_field_input(ctl, field)).collect::<Vec<_>>())
            })
        })
    })
}
