//! Pieces every form field shares: a label, the server's message linked to the input by
//! `aria-describedby`, and `aria-invalid` while there is one.

use kassa_core::checkout::FieldPath;
use kassa_core::sync::Draft;
use leptos::prelude::*;

use crate::dom::{el, El, Node};
use crate::ui::controller::Controller;

/// The DOM id of a field path (`customer_billing_address.city` → `kassa-customer_billing_address-city`).
pub fn field_id(path: &FieldPath) -> String {
    format!("kassa-{}", path.to_string().replace('.', "-"))
}

/// The DOM id of a field's message.
pub fn error_id(path: &FieldPath) -> String {
    format!("{}-error", field_id(path))
}

/// The server's message for `path`, announced when it appears.
pub fn field_error(ctl: Controller, path: FieldPath) -> El {
    let p = path.clone();
    el("p")
        .class("kassa-field-error")
        .id(&error_id(&path))
        .attr("role", "alert")
        .testid(&format!("error-{path}"))
        .bind_text(move || ctl.error(&p).unwrap_or_default())
}

/// A label with an "optional" mark where the field may stay empty.
pub fn label(ctl: Controller, for_id: &str, text: &str, required: bool) -> El {
    el("label")
        .class("kassa-label")
        .attr("for", for_id)
        .text(text)
        .child((!required).then(|| el("span").class("kassa-optional").text(&format!(" ({})", ctl.t().optional))))
}

/// `aria-invalid` on `input` while the server has a message for `path`.
pub fn invalid_while_refused(input: El, ctl: Controller, path: &FieldPath) -> El {
    let path = path.clone();
    input.bind_bool("aria-invalid", move || ctl.error(&path).is_some())
}

/// Where a text field's value lives in the draft, and what sends a change. Plain function
/// pointers, not a Leptos `Signal` and `Callback`: those were their own instantiations of
/// Leptos's wrapper code for one use.
#[derive(Clone, Copy)]
pub struct Bound {
    /// Reads the value from the draft.
    pub get: fn(&Draft) -> String,
    /// Writes a typed value into the draft.
    pub put: fn(&mut Draft, String),
    /// Sends the change (the field alone, or the whole address it is part of).
    pub send: fn(Controller, &str),
}

/// A text field: what it shows and what it does.
pub struct TextField {
    /// Field path (for id, message and tests).
    pub path: FieldPath,
    /// Label.
    pub label: String,
    /// Whether it must be filled.
    pub required: bool,
    /// `type` attribute.
    pub input_type: &'static str,
    /// `autocomplete` attribute.
    pub autocomplete: &'static str,
    /// `inputmode` attribute.
    pub inputmode: Option<&'static str>,
    /// Help shown under the field.
    pub help: Option<String>,
    /// Shown but not editable (a value that belongs to the buyer's account).
    pub readonly: bool,
}

impl TextField {
    /// An optional free-text field.
    pub fn new(path: impl Into<FieldPath>, label: &str, autocomplete: &'static str) -> Self {
        Self {
            path: path.into(),
            label: label.to_string(),
            required: false,
            input_type: "text",
            autocomplete,
            inputmode: None,
            help: None,
            readonly: false,
        }
    }

    /// The field, bound to a draft value: it shows `bound.get`'s value, every keystroke goes
    /// into the draft; it sends after a pause in typing or on blur.
    pub fn render(self, ctl: Controller, bound: Bound) -> Node {
        let id = field_id(&self.path);
        let err = error_id(&self.path);
        let help_id = format!("{id}-help");
        let described = if self.help.is_some() { format!("{err} {help_id}") } else { err };
        let input = el("input")
            .class("kassa-input")
            .id(&id)
            .attr("name", &self.path.to_string())
            .attr("type", self.input_type)
            .attr("autocomplete", self.autocomplete)
            .attr_opt("inputmode", self.inputmode)
            .flag("required", self.required)
            .flag("readonly", self.readonly)
            .attr("aria-required", if self.required { "true" } else { "false" })
            .attr("aria-describedby", &described)
            .bind_value(move || ctl.draft.with(bound.get))
            .on("input", move |ev| {
                let v = event_target_value(&ev);
                ctl.draft.update(|d| (bound.put)(d, v.clone()));
                (bound.send)(ctl, &v);
            })
            .on("blur", move |_| ctl.flush());
        el("div")
            .class("kassa-field")
            .child(label(ctl, &id, &self.label, self.required))
            .child(invalid_while_refused(input, ctl, &self.path))
            .child(self.help.map(|h| el("p").class("kassa-help").id(&help_id).text(&h)))
            .child(field_error(ctl, self.path))
            .node()
    }
}
