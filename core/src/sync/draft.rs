//! What the buyer sees in each field: their own input while it is unsaved or refused,
//! the server's value otherwise (which may be normalized: `de 123` → `DE123`).

use crate::checkout::completeness::{self, AddressText, Filled};
use crate::checkout::{Address, CheckoutPublic, CheckoutUpdate, Field, FieldPath, FieldSet, Patch};

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
    pub fn from_session(c: &CheckoutPublic) -> Self {
        let mut d = Self::default();
        d.refresh(c, FieldSet::EMPTY);
        d
    }

    /// Takes the server's values, except for the fields in `keep` (buyer input newer
    /// than the answer, or refused by the server).
    pub fn refresh(&mut self, c: &CheckoutPublic, keep: FieldSet) {
        let take = |field: Field| !keep.contains(field);
        if take(Field::ProductId) && take(Field::ProductPriceId) {
            self.product_id = c.product_id.clone().unwrap_or_default();
            self.product_price_id = c.product_price_id.clone().unwrap_or_default();
        }
        if take(Field::Seats) {
            self.seats = c.seats;
        }
        if take(Field::Amount) {
            let custom = c.selected_price().is_some_and(|p| p.is_custom());
            self.amount = if custom {
                crate::money::amount::decimal_string(c.amount, c.payment_exponent())
            } else {
                String::new()
            };
        }
        if take(Field::CustomerEmail) {
            self.customer_email = text(&c.customer_email);
        }
        if take(Field::CustomerName) {
            self.customer_name = text(&c.customer_name);
        }
        if take(Field::IsBusinessCustomer) {
            self.is_business_customer = c.is_business_customer;
        }
        if take(Field::CustomerBillingName) {
            self.customer_billing_name = text(&c.customer_billing_name);
        }
        if take(Field::CustomerBillingAddress) {
            self.address = AddressDraft::from_address(c.customer_billing_address.as_ref());
        }
        if take(Field::CustomerTaxId) {
            self.customer_tax_id = text(&c.customer_tax_id);
        }
        if take(Field::CustomFieldData) {
            self.custom_field_data = c.custom_field_data.clone();
        }
    }

    /// The whole form as a confirm carries it, as Polar's own checkout confirms: the
    /// buyer's details, the address, the custom fields (a cleared one as `null`, which
    /// Polar's merge applies) and `locale`. The email is left out once the session has
    /// a customer: it is theirs and does not change.
    pub fn confirm_form(&self, c: &CheckoutPublic, locale: &str) -> CheckoutUpdate {
        let text = |s: &str| match s.trim() {
            "" => Patch::Null,
            t => Patch::Value(t.to_string()),
        };
        let business = |s: &str| if self.is_business_customer { text(s) } else { Patch::Absent };
        CheckoutUpdate {
            customer_email: if c.customer_id.is_some() { Patch::Absent } else { text(&self.customer_email) },
            customer_name: text(&self.customer_name),
            is_business_customer: Patch::Value(self.is_business_customer),
            customer_billing_name: business(&self.customer_billing_name),
            customer_tax_id: business(&self.customer_tax_id),
            customer_billing_address: self.address.to_address().map_or(Patch::Absent, Patch::Value),
            custom_field_data: Patch::Value(self.custom_field_data.clone()),
            locale: Patch::Value(locale.to_string()),
            ..Default::default()
        }
    }

    /// What the buyer must still fill before paying ([`completeness::missing`] over the
    /// draft and the session's `billing_address_fields` and custom fields).
    pub fn missing(&self, c: &CheckoutPublic) -> Vec<FieldPath> {
        let a = &self.address;
        let filled = Filled {
            customer_email: &self.customer_email,
            is_business_customer: self.is_business_customer,
            customer_billing_name: &self.customer_billing_name,
            address: AddressText {
                country: &a.country,
                line1: &a.line1,
                line2: &a.line2,
                postal_code: &a.postal_code,
                city: &a.city,
                state: &a.state,
            },
            custom_field_data: &self.custom_field_data,
        };
        completeness::missing(
            &filled,
            &c.billing_address_fields,
            c.attached_custom_fields.as_deref().unwrap_or_default(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::checkout::POLAR_FIXTURE as POLAR;

    #[test]
    fn refresh_keeps_the_buyers_newer_input() {
        let c: CheckoutPublic = serde_json::from_str(POLAR).unwrap();
        let mut d = Draft::from_session(&c);
        assert_eq!(d.customer_email, "ada@example.com");
        assert_eq!(d.address.city, "Berlin");
        d.customer_email = "typing@exam".into();
        d.customer_name = "Someone".into();
        d.refresh(&c, Field::CustomerEmail.into());
        assert_eq!(d.customer_email, "typing@exam");
        assert_eq!(d.customer_name, "Ada Lovelace");
    }

    #[test]
    fn the_confirm_form_is_the_whole_form() {
        let mut c: CheckoutPublic = serde_json::from_str(POLAR).unwrap();
        let mut d = Draft::from_session(&c);
        d.custom_field_data.insert("company_size".into(), serde_json::Value::Null);
        let form = d.confirm_form(&c, "de-DE");
        let json = serde_json::to_value(&form).unwrap();
        assert_eq!(json["locale"], "de-DE");
        assert_eq!(json["customer_email"], "ada@example.com");
        assert_eq!(json["customer_billing_address"]["city"], "Berlin");
        assert_eq!(
            json["custom_field_data"],
            serde_json::json!({"company_size": null}),
            "a cleared field goes as null"
        );
        d.is_business_customer = false;
        let json = serde_json::to_value(d.confirm_form(&c, "en")).unwrap();
        assert!(json.get("customer_tax_id").is_none() && json["is_business_customer"] == false);
        c.customer_id = Some("c0570000-0000-4000-8000-000000000001".into());
        assert!(serde_json::to_value(d.confirm_form(&c, "en")).unwrap().get("customer_email").is_none());
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

#[cfg(test)]
mod missing_tests {
    use super::*;

    #[test]
    fn lists_what_is_required_and_empty() {
        let c: CheckoutPublic = serde_json::from_str(crate::checkout::POLAR_FIXTURE).unwrap();
        let mut d = Draft::from_session(&c);
        assert_eq!(d.missing(&c), Vec::<FieldPath>::new(), "the fixture is complete");
        d.customer_email.clear();
        d.customer_billing_name = " ".into();
        d.address.city.clear();
        d.custom_field_data.remove("company_size");
        let missing: Vec<String> = d.missing(&c).iter().map(ToString::to_string).collect();
        assert_eq!(
            missing,
            vec![
                "customer_email",
                "customer_billing_name",
                "customer_billing_address.city",
                "custom_field_data.company_size"
            ]
        );
    }
}
