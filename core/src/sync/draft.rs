//! What the buyer sees in each field: their own input while it is unsaved or refused,
//! the server's value otherwise (which may be normalized: `de 123` → `DE123`).

use std::collections::BTreeSet;

use crate::checkout::{Address, CheckoutPublic};

/// The billing address as typed: every field a string, empty for none.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AddressDraft {
    /// ISO 3166-1 alpha-2, or empty.
    pub country: String,
    /// Street.
    pub line1: String,
    /// Street, second line.
    pub line2: String,
    /// Postal code.
    pub postal_code: String,
    /// City.
    pub city: String,
    /// State or province (`US-CA`).
    pub state: String,
}

fn text(v: &Option<String>) -> String {
    v.clone().unwrap_or_default()
}

fn opt(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_string())
}

impl AddressDraft {
    /// From the session's address.
    pub fn from_address(a: Option<&Address>) -> Self {
        a.map(|a| Self {
            country: a.country.clone(),
            line1: text(&a.line1),
            line2: text(&a.line2),
            postal_code: text(&a.postal_code),
            city: text(&a.city),
            state: text(&a.state),
        })
        .unwrap_or_default()
    }

    /// The address to send, or `None` while no country is chosen (Polar requires one).
    pub fn to_address(&self) -> Option<Address> {
        Some(Address {
            country: opt(&self.country)?,
            line1: opt(&self.line1),
            line2: opt(&self.line2),
            postal_code: opt(&self.postal_code),
            city: opt(&self.city),
            state: opt(&self.state),
        })
    }
}

/// The buyer-editable values of a session, as shown in the form.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Draft {
    /// Selected product.
    pub product_id: String,
    /// Selected price.
    pub product_price_id: String,
    /// Seats.
    pub seats: Option<u32>,
    /// Pay-what-you-want amount as typed, in major units (`"12.50"`).
    pub amount: String,
    /// Email.
    pub customer_email: String,
    /// Name.
    pub customer_name: String,
    /// Business purchase.
    pub is_business_customer: bool,
    /// Billing name.
    pub customer_billing_name: String,
    /// Billing address.
    pub address: AddressDraft,
    /// Tax ID.
    pub customer_tax_id: String,
    /// Custom field values by slug.
    pub custom_field_data: serde_json::Map<String, serde_json::Value>,
}

impl Draft {
    /// The draft of a freshly loaded session.
    pub fn from_session(c: &CheckoutPublic, exponent: u8) -> Self {
        let mut d = Self::default();
        d.refresh(c, &BTreeSet::new(), exponent);
        d
    }

    /// Takes the server's values, except for the fields in `keep` (buyer input newer
    /// than the answer, or refused by the server).
    pub fn refresh(&mut self, c: &CheckoutPublic, keep: &BTreeSet<&'static str>, exponent: u8) {
        let take = |field: &str| !keep.contains(field);
        if take("product_id") && take("product_price_id") {
            self.product_id = c.product_id.clone().unwrap_or_default();
            self.product_price_id = c.product_price_id.clone().unwrap_or_default();
        }
        if take("seats") {
            self.seats = c.seats;
        }
        if take("amount") {
            let custom = c.selected_price().is_some_and(|p| p.amount_type == crate::checkout::AmountType::Custom);
            self.amount = if custom { crate::money::amount::decimal_string(c.amount, exponent) } else { String::new() };
        }
        if take("customer_email") {
            self.customer_email = text(&c.customer_email);
        }
        if take("customer_name") {
            self.customer_name = text(&c.customer_name);
        }
        if take("is_business_customer") {
            self.is_business_customer = c.is_business_customer;
        }
        if take("customer_billing_name") {
            self.customer_billing_name = text(&c.customer_billing_name);
        }
        if take("customer_billing_address") {
            self.address = AddressDraft::from_address(c.customer_billing_address.as_ref());
        }
        if take("customer_tax_id") {
            self.customer_tax_id = text(&c.customer_tax_id);
        }
        if take("custom_field_data") {
            self.custom_field_data = c.custom_field_data.clone();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const POLAR: &str = include_str!("../../tests/fixtures/polar_checkout_public.json");

    #[test]
    fn refresh_keeps_the_buyers_newer_input() {
        let c: CheckoutPublic = serde_json::from_str(POLAR).unwrap();
        let mut d = Draft::from_session(&c, 2);
        assert_eq!(d.customer_email, "ada@example.com");
        assert_eq!(d.address.city, "Berlin");
        d.customer_email = "typing@exam".into();
        d.customer_name = "Someone".into();
        d.refresh(&c, &["customer_email"].into(), 2);
        assert_eq!(d.customer_email, "typing@exam");
        assert_eq!(d.customer_name, "Ada Lovelace");
    }

    #[test]
    fn an_address_needs_a_country_to_be_sent() {
        let mut a = AddressDraft { city: " Berlin ".into(), ..Default::default() };
        assert_eq!(a.to_address(), None);
        a.country = "DE".into();
        let address = a.to_address().unwrap();
        assert_eq!((address.city.as_deref(), address.line1), (Some("Berlin"), None));
    }
}

impl Draft {
    /// What the buyer must still fill before paying, as field paths (the same paths a
    /// 422 uses): email, the address fields `billing_address_fields` requires, the
    /// billing name of a business purchase, required custom fields.
    pub fn missing(&self, c: &CheckoutPublic) -> Vec<String> {
        use crate::checkout::FieldMode::Required;
        let mut missing = Vec::new();
        let blank = |s: &str| s.trim().is_empty();
        if blank(&self.customer_email) {
            missing.push("customer_email".to_string());
        }
        if self.is_business_customer && blank(&self.customer_billing_name) {
            missing.push("customer_billing_name".to_string());
        }
        let f = &c.billing_address_fields;
        let a = &self.address;
        for (name, mode, value) in [
            ("country", f.country, &a.country),
            ("line1", f.line1, &a.line1),
            ("line2", f.line2, &a.line2),
            ("postal_code", f.postal_code, &a.postal_code),
            ("city", f.city, &a.city),
            ("state", f.state, &a.state),
        ] {
            if mode == Required && blank(value) {
                missing.push(format!("customer_billing_address.{name}"));
            }
        }
        for field in c.attached_custom_fields.iter().flatten().filter(|f| f.required) {
            let empty = match self.custom_field_data.get(&field.custom_field.slug) {
                None | Some(serde_json::Value::Null) => true,
                Some(serde_json::Value::String(s)) => blank(s),
                Some(serde_json::Value::Bool(b)) => !b,
                Some(_) => false,
            };
            if empty {
                missing.push(format!("custom_field_data.{}", field.custom_field.slug));
            }
        }
        missing
    }
}

#[cfg(test)]
mod missing_tests {
    use super::*;

    #[test]
    fn lists_what_is_required_and_empty() {
        let c: CheckoutPublic = serde_json::from_str(include_str!("../../tests/fixtures/polar_checkout_public.json")).unwrap();
        let mut d = Draft::from_session(&c, 2);
        assert_eq!(d.missing(&c), Vec::<String>::new(), "the fixture is complete");
        d.customer_email.clear();
        d.customer_billing_name = " ".into();
        d.address.city.clear();
        d.custom_field_data.remove("company_size");
        assert_eq!(d.missing(&c), vec!["customer_email", "customer_billing_name", "customer_billing_address.city", "custom_field_data.company_size"]);
    }
}
