//! Pieces every form field shares: a label, the server's message linked to the input by
//! `aria-describedby`, and `aria-invalid` while there is one.

use kassa_core::checkout::FieldPath;
use leptos::prelude::*;

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
#[component]
pub fn FieldError(
    /// The field path, as a 422's `loc` names it.
    #[prop(into)]
    path: FieldPath,
) -> impl IntoView {
    let ctl = expect_context::<Controller>();
    let id = error_id(&path);
    let testid = format!("error-{path}");
    view! {
        <p class="kassa-field-error" id=id role="alert" data-testid=testid>
            {move || ctl.error(&path)}
        </p>
    }
}

/// A label with an "optional" mark where the field may stay empty.
#[component]
pub fn Label(
    /// The input's id.
    for_id: String,
    /// The text.
    text: String,
    /// Whether the field must be filled.
    required: bool,
) -> impl IntoView {
    let ctl = expect_context::<Controller>();
    view! {
        <label class="kassa-label" for=for_id>
            {text}
            {(!required).then(|| view! { <span class="kassa-optional">" (" {ctl.t().optional} ")"</span> })}
        </label>
    }
}

/// A text input bound to a draft value; sends after a pause in typing or on blur.
#[component]
pub fn TextField(
    /// Field path (for id, message and tests).
    #[prop(into)]
    path: FieldPath,
    /// Label.
    label: String,
    /// The value shown.
    #[prop(into)]
    value: Signal<String>,
    /// Called with the new value on every keystroke.
    on_input: Callback<String>,
    /// Whether it must be filled.
    #[prop(default = false)]
    required: bool,
    /// `type` attribute.
    #[prop(default = "text")]
    input_type: &'static str,
    /// `autocomplete` attribute.
    #[prop(default = "off")]
    autocomplete: &'static str,
    /// `inputmode` attribute.
    #[prop(optional)]
    inputmode: Option<&'static str>,
    /// Placeholder (merchant text).
    #[prop(optional)]
    placeholder: Option<String>,
    /// Help shown under the field.
    #[prop(optional_no_strip)]
    help: Option<String>,
    /// Shown but not editable (a value that belongs to the buyer's account).
    #[prop(default = false)]
    readonly: bool,
) -> impl IntoView {
    let ctl = expect_context::<Controller>();
    let id = field_id(&path);
    let err = error_id(&path);
    let help_id = format!("{id}-help");
    let described = if help.is_some() { format!("{err} {help_id}") } else { err };
    let p = path.clone();
    view! {
        <div class="kassa-field">
            <Label for_id=id.clone() text=label required />
            <input
                class="kassa-input"
                id=id
                name=path.to_string()
                type=input_type
                autocomplete=autocomplete
                inputmode=inputmode
                placeholder=placeholder
                required=required
                readonly=readonly
                aria-required=required.to_string()
                aria-describedby=described
                aria-invalid=move || ctl.error(&p).is_some().to_string()
                prop:value=move || value.get()
                on:input=move |ev| on_input.run(event_target_value(&ev))
                on:blur=move |_| ctl.flush()
            />
            {help.map(|h| view! { <p class="kassa-help" id=help_id>{h}</p> })}
            <FieldError path />
        </div>
    }
}
