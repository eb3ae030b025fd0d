//! Polar's `CheckoutUpdatePublic`: the body of `PATCH /v1/checkouts/client/{secret}`
//! (and, with a payment token, of `POST …/confirm`). One type for both sides: the widget
//! serializes it, the sandbox parses it, so they agree on every key.
//!
//! Absent fields are left untouched and `null` clears, so each field is a [`Patch`].

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::checkout::Address;

/// One field of an update: not sent, sent as `null`, or sent with a value.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Patch<T> {
    /// Not in the body: leave the field as it is.
    #[default]
    Absent,
    /// `null`: clear the field.
    Null,
    /// A new value.
    Value(T),
}

impl<T> Patch<T> {
    /// Whether the field is not in the body.
    pub fn is_absent(&self) -> bool {
        matches!(self, Self::Absent)
    }

    /// The value, if one was sent.
    pub fn value(&self) -> Option<&T> {
        match self {
            Self::Value(v) => Some(v),
            _ => None,
        }
    }

    /// Applies the patch to `field`: absent keeps it, null clears it, a value replaces it.
    pub fn apply_to(&self, field: &mut Option<T>)
    where
        T: Clone,
    {
        match self {
            Self::Absent => {}
            Self::Null => *field = None,
            Self::Value(v) => *field = Some(v.clone()),
        }
    }

    /// Combines two patches of the same field: the later one wins unless it is absent.
    pub fn then(self, later: Self) -> Self {
        if later.is_absent() {
            self
        } else {
            later
        }
    }
}

impl<T: Serialize> Serialize for Patch<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            // Skipped by `skip_serializing_if`; if reached, it is a null.
            Self::Absent | Self::Null => serializer.serialize_none(),
            Self::Value(v) => v.serialize(serializer),
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Patch<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // Reached only when the key is present; absence is the `Default`.
        Ok(match Option::<T>::deserialize(deserializer)? {
            Some(v) => Self::Value(v),
            None => Self::Null,
        })
    }
}

/// The body of an update. Unknown keys are refused, so a typo never silently does
/// nothing. `reason` and `note` are Kassa's extension: they go to the audit trail.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckoutUpdate {
    /// Switch product (must be one of the session's products).
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub product_id: Patch<String>,
    /// Switch price (must belong to one of the session's products).
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub product_price_id: Patch<String>,
    /// Pay-what-you-want amount, in minor units.
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub amount: Patch<i64>,
    /// Seats, for seat-based prices.
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub seats: Patch<u32>,
    /// Whether the buyer purchases as a business.
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub is_business_customer: Patch<bool>,
    /// Buyer's name.
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub customer_name: Patch<String>,
    /// Buyer's email.
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub customer_email: Patch<String>,
    /// Name on the invoice.
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub customer_billing_name: Patch<String>,
    /// Billing address (replaced whole).
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub customer_billing_address: Patch<Address>,
    /// Tax ID.
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub customer_tax_id: Patch<String>,
    /// Discount code; `null` removes the discount.
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub discount_code: Patch<String>,
    /// Custom field values by slug (replaced whole).
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub custom_field_data: Patch<serde_json::Map<String, serde_json::Value>>,
    /// Locale.
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub locale: Patch<String>,
    /// `false` disables the trial; `true` is refused (only Polar's merchant side may).
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub allow_trial: Patch<bool>,
    /// Kassa extension: why the update was made (audit trail).
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub reason: Patch<String>,
    /// Kassa extension: a note on the update, at most 500 characters (audit trail).
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub note: Patch<String>,
}

impl CheckoutUpdate {
    /// Every field's wire name, in wire order.
    pub const FIELDS: &'static [&'static str] = &[
        "product_id", "product_price_id", "amount", "seats", "is_business_customer", "customer_name",
        "customer_email", "customer_billing_name", "customer_billing_address", "customer_tax_id",
        "discount_code", "custom_field_data", "locale", "allow_trial", "reason", "note",
    ];

    /// The static wire name equal to `name`, if `name` is a field of the update.
    pub fn field_name(name: &str) -> Option<&'static str> {
        Self::FIELDS.iter().copied().find(|f| *f == name)
    }

    /// Names of the fields this update sends, in wire order (for the audit trail and
    /// for knowing which edits a response answers).
    pub fn field_names(&self) -> Vec<&'static str> {
        let mut names = Vec::new();
        let mut add = |present: bool, name: &'static str| {
            if present {
                names.push(name);
            }
        };
        add(!self.product_id.is_absent(), "product_id");
        add(!self.product_price_id.is_absent(), "product_price_id");
        add(!self.amount.is_absent(), "amount");
        add(!self.seats.is_absent(), "seats");
        add(!self.is_business_customer.is_absent(), "is_business_customer");
        add(!self.customer_name.is_absent(), "customer_name");
        add(!self.customer_email.is_absent(), "customer_email");
        add(!self.customer_billing_name.is_absent(), "customer_billing_name");
        add(!self.customer_billing_address.is_absent(), "customer_billing_address");
        add(!self.customer_tax_id.is_absent(), "customer_tax_id");
        add(!self.discount_code.is_absent(), "discount_code");
        add(!self.custom_field_data.is_absent(), "custom_field_data");
        add(!self.locale.is_absent(), "locale");
        add(!self.allow_trial.is_absent(), "allow_trial");
        names
    }

    /// This update followed by `later`: per field, the later value wins; a field `later`
    /// does not send keeps this one's. How edits made while a request is in flight
    /// coalesce into the next request.
    pub fn merge(self, later: Self) -> Self {
        Self {
            product_id: self.product_id.then(later.product_id),
            product_price_id: self.product_price_id.then(later.product_price_id),
            amount: self.amount.then(later.amount),
            seats: self.seats.then(later.seats),
            is_business_customer: self.is_business_customer.then(later.is_business_customer),
            customer_name: self.customer_name.then(later.customer_name),
            customer_email: self.customer_email.then(later.customer_email),
            customer_billing_name: self.customer_billing_name.then(later.customer_billing_name),
            customer_billing_address: self.customer_billing_address.then(later.customer_billing_address),
            customer_tax_id: self.customer_tax_id.then(later.customer_tax_id),
            discount_code: self.discount_code.then(later.discount_code),
            custom_field_data: self.custom_field_data.then(later.custom_field_data),
            locale: self.locale.then(later.locale),
            allow_trial: self.allow_trial.then(later.allow_trial),
            reason: self.reason.then(later.reason),
            note: self.note.then(later.note),
        }
    }

    /// Stops sending the field named `name` (its wire name). Unknown names are ignored.
    pub fn remove(&mut self, name: &str) {
        match name {
            "product_id" => self.product_id = Patch::Absent,
            "product_price_id" => self.product_price_id = Patch::Absent,
            "amount" => self.amount = Patch::Absent,
            "seats" => self.seats = Patch::Absent,
            "is_business_customer" => self.is_business_customer = Patch::Absent,
            "customer_name" => self.customer_name = Patch::Absent,
            "customer_email" => self.customer_email = Patch::Absent,
            "customer_billing_name" => self.customer_billing_name = Patch::Absent,
            "customer_billing_address" => self.customer_billing_address = Patch::Absent,
            "customer_tax_id" => self.customer_tax_id = Patch::Absent,
            "discount_code" => self.discount_code = Patch::Absent,
            "custom_field_data" => self.custom_field_data = Patch::Absent,
            "locale" => self.locale = Patch::Absent,
            "allow_trial" => self.allow_trial = Patch::Absent,
            "reason" => self.reason = Patch::Absent,
            "note" => self.note = Patch::Absent,
            _ => {}
        }
    }

    /// Whether the update changes nothing.
    pub fn is_empty(&self) -> bool {
        self.field_names().is_empty()
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn absent_null_and_value_are_three_different_things() {
        let u: CheckoutUpdate =
            serde_json::from_value(json!({"customer_name": null, "seats": 3})).unwrap();
        assert_eq!(u.customer_name, Patch::Null);
        assert_eq!(u.seats, Patch::Value(3));
        assert_eq!(u.customer_email, Patch::Absent);
        assert_eq!(u.field_names(), vec!["seats", "customer_name"]);
    }

    #[test]
    fn serializes_only_what_is_sent() {
        let u = CheckoutUpdate {
            discount_code: Patch::Null,
            seats: Patch::Value(5),
            ..Default::default()
        };
        assert_eq!(serde_json::to_value(&u).unwrap(), json!({"seats": 5, "discount_code": null}));
        assert_eq!(serde_json::to_value(CheckoutUpdate::default()).unwrap(), json!({}));
    }

    #[test]
    fn unknown_keys_are_refused() {
        let e = serde_json::from_value::<CheckoutUpdate>(json!({"customer_id": "x"})).unwrap_err();
        assert!(e.to_string().contains("unknown field `customer_id`"), "{e}");
    }

    #[test]
    fn merge_keeps_the_last_value_per_field_and_remove_drops_one() {
        let first = CheckoutUpdate { seats: Patch::Value(3), customer_name: Patch::Value("A".into()), ..Default::default() };
        let later = CheckoutUpdate { seats: Patch::Value(4), customer_email: Patch::Null, ..Default::default() };
        let mut merged = first.merge(later);
        assert_eq!(merged.seats, Patch::Value(4));
        assert_eq!(merged.customer_name, Patch::Value("A".into()));
        assert_eq!(merged.customer_email, Patch::Null);
        merged.remove("customer_name");
        merged.remove("no_such_field");
        assert_eq!(merged.field_names(), vec!["seats", "customer_email"]);
    }

    #[test]
    fn patches_apply_and_combine() {
        let mut name = Some("Ada".to_string());
        Patch::Absent.apply_to(&mut name);
        assert_eq!(name.as_deref(), Some("Ada"));
        Patch::Null.apply_to(&mut name);
        assert_eq!(name, None);
        Patch::Value("Grace".to_string()).apply_to(&mut name);
        assert_eq!(name.as_deref(), Some("Grace"));
        assert_eq!(Patch::Value(1).then(Patch::Absent), Patch::Value(1));
        assert_eq!(Patch::Value(1).then(Patch::Null), Patch::Null);
        assert_eq!(Patch::Null.then(Patch::Value(2)), Patch::Value(2));
    }
}
