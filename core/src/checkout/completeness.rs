//! What must be filled before a session can be paid. One rule, applied by the widget
//! (Pay stays disabled and says "Still needed: …") and by the sandbox's confirm (a 422
//! `missing` per field), so the two can never disagree on what a buyer still owes.

use serde_json::{Map, Value};

use crate::checkout::custom_field::in_order;
use crate::checkout::{
    Address, AttachedCustomField, BillingAddressFields, CustomFieldType, Field, FieldMode, FieldPath,
};

/// The billing address as text, each part empty when not given.
#[derive(Clone, Copy, Debug, Default)]
pub struct AddressText<'a> {
    /// ISO 3166-1 alpha-2.
    pub country: &'a str,
    /// Street.
    pub line1: &'a str,
    /// Second street line.
    pub line2: &'a str,
    /// Postal code.
    pub postal_code: &'a str,
    /// City.
    pub city: &'a str,
    /// State or province.
    pub state: &'a str,
}

impl<'a> AddressText<'a> {
    /// The text of a stored address (empty parts for `None`).
    pub fn of(address: Option<&'a Address>) -> Self {
        let Some(a) = address else { return Self::default() };
        let s = |v: &'a Option<String>| v.as_deref().unwrap_or("");
        Self {
            country: &a.country,
            line1: s(&a.line1),
            line2: s(&a.line2),
            postal_code: s(&a.postal_code),
            city: s(&a.city),
            state: s(&a.state),
        }
    }
}

/// What the buyer has filled, as the rule reads it.
#[derive(Clone, Copy, Debug)]
pub struct Filled<'a> {
    /// Email.
    pub customer_email: &'a str,
    /// Business purchase.
    pub is_business_customer: bool,
    /// Billing name.
    pub customer_billing_name: &'a str,
    /// Billing address.
    pub address: AddressText<'a>,
    /// Custom field values by slug.
    pub custom_field_data: &'a Map<String, Value>,
}

/// Whether `value` fills a custom field of `kind`: a blank string or `null` does not,
/// and a required checkbox is filled only when ticked (Polar requires `true`).
pub fn fills(kind: CustomFieldType, value: Option<&Value>) -> bool {
    match value {
        None | Some(Value::Null) => false,
        Some(Value::String(s)) => !s.trim().is_empty(),
        Some(Value::Bool(ticked)) => kind != CustomFieldType::Checkbox || *ticked,
        Some(_) => true,
    }
}

/// Every field still needed before paying, as field paths (the same paths a 422 uses):
/// the email, the billing name of a business purchase, each address field
/// `address_fields` requires, each required custom field.
pub fn missing(
    filled: &Filled<'_>,
    address_fields: &BillingAddressFields,
    custom_fields: &[AttachedCustomField],
) -> Vec<FieldPath> {
    let blank = |s: &str| s.trim().is_empty();
    let mut missing = Vec::new();
    if blank(filled.customer_email) {
        missing.push(Field::CustomerEmail.into());
    }
    if filled.is_business_customer && blank(filled.customer_billing_name) {
        missing.push(Field::CustomerBillingName.into());
    }
    let (f, a) = (address_fields, &filled.address);
    for (key, mode, value) in [
        ("country", f.country, a.country),
        ("line1", f.line1, a.line1),
        ("line2", f.line2, a.line2),
        ("postal_code", f.postal_code, a.postal_code),
        ("city", f.city, a.city),
        ("state", f.state, a.state),
    ] {
        if mode == FieldMode::Required && blank(value) {
            missing.push(FieldPath::part(Field::CustomerBillingAddress, key));
        }
    }
    for field in in_order(custom_fields).into_iter().filter(|f| f.required) {
        let slug = &field.custom_field.slug;
        if !fills(field.custom_field.kind, filled.custom_field_data.get(slug)) {
            missing.push(FieldPath::part(Field::CustomFieldData, slug.clone()));
        }
    }
    missing
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn a_required_checkbox_needs_a_tick_other_fields_any_value() {
        assert!(!fills(CustomFieldType::Checkbox, Some(&json!(false))));
        assert!(fills(CustomFieldType::Checkbox, Some(&json!(true))));
        assert!(fills(CustomFieldType::Number, Some(&json!(0))));
        assert!(!fills(CustomFieldType::Text, Some(&json!("  "))));
        assert!(!fills(CustomFieldType::Select, None));
        assert!(!fills(CustomFieldType::Date, Some(&Value::Null)));
    }

    #[test]
    fn lists_what_is_required_and_empty_in_form_order() {
        let c: crate::checkout::CheckoutPublic = serde_json::from_str(crate::checkout::POLAR_FIXTURE).unwrap();
        let data = Map::new();
        let filled = Filled {
            customer_email: " ",
            is_business_customer: true,
            customer_billing_name: "",
            address: AddressText { country: "DE", ..Default::default() },
            custom_field_data: &data,
        };
        let fields = c.attached_custom_fields.clone().unwrap_or_default();
        let paths: Vec<String> =
            missing(&filled, &c.billing_address_fields, &fields).iter().map(ToString::to_string).collect();
        assert_eq!(paths[..2], ["customer_email", "customer_billing_name"]);
        assert!(paths.contains(&"customer_billing_address.city".to_string()), "{paths:?}");
        assert!(!paths.iter().any(|p| p == "customer_billing_address.country"));
    }
}
