//! Custom fields a merchant attaches to a checkout.

use serde::{Deserialize, Serialize};

/// The kind of input a custom field asks for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CustomFieldType {
    /// Free text.
    Text,
    /// A number.
    Number,
    /// A calendar date.
    Date,
    /// A checkbox.
    Checkbox,
    /// One of a list of options.
    Select,
    /// A type this version of Kassa does not know.
    #[default]
    #[serde(other)]
    Unknown,
}

/// One option of a select field.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct SelectOption {
    /// Stored value.
    pub value: String,
    /// Label shown to the buyer.
    pub label: String,
}

/// Presentation and constraints of a custom field.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct CustomFieldProperties {
    /// Label shown to the buyer (else the field's name).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub form_label: Option<String>,
    /// Help text under the field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub form_help_text: Option<String>,
    /// Placeholder.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub form_placeholder: Option<String>,
    /// Multi-line text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub textarea: Option<bool>,
    /// Shortest text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_length: Option<u32>,
    /// Longest text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_length: Option<u32>,
    /// Smallest number, or earliest date as a Unix timestamp.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ge: Option<i64>,
    /// Largest number, or latest date as a Unix timestamp.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub le: Option<i64>,
    /// Options of a select field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub options: Option<Vec<SelectOption>>,
}

/// A custom field definition.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct CustomField {
    /// The ID of the field.
    pub id: String,
    /// Creation timestamp.
    pub created_at: String,
    /// Last modification timestamp.
    #[serde(default)]
    pub modified_at: Option<String>,
    /// Merchant metadata.
    #[serde(default)]
    #[cfg_attr(feature = "ts", tsify(type = "Record<string, unknown>"))]
    pub metadata: serde_json::Map<String, serde_json::Value>,
    /// Input kind.
    #[serde(rename = "type")]
    pub kind: CustomFieldType,
    /// Key of the value in `custom_field_data`.
    pub slug: String,
    /// Name of the field.
    pub name: String,
    /// The ID of the organization owning the field.
    pub organization_id: String,
    /// Presentation and constraints.
    #[serde(default)]
    pub properties: CustomFieldProperties,
}

/// A custom field attached to the checkout, with its order and whether it is required.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct AttachedCustomField {
    /// The ID of the custom field.
    pub custom_field_id: String,
    /// The field itself.
    pub custom_field: CustomField,
    /// Position in the form.
    pub order: i32,
    /// Whether the buyer must fill it.
    pub required: bool,
}

/// The custom fields in the merchant's `order` (ties as sent): the order the form shows
/// them in and "Still needed" lists them in.
pub fn in_order(fields: &[AttachedCustomField]) -> Vec<&AttachedCustomField> {
    let mut ordered: Vec<&AttachedCustomField> = fields.iter().collect();
    crate::sort::stable_sort_by(&mut ordered, |a, b| a.order.cmp(&b.order));
    ordered
}
