//! The update rules of the seeds (002, 003) and Polar: an update is checked whole
//! against a copy of the session and either yields the complete new state or every
//! field error at once. Nothing is half-applied.

use kassa_core::checkout::completeness::{self, AddressText, Filled};
use kassa_core::checkout::price::MIN_CHARGE;
use kassa_core::checkout::{Address, CheckoutProduct, CheckoutUpdate, CustomFieldType, Field, Patch, ProductPrice};
use serde_json::{json, Value};

use crate::error::FieldError;
use crate::session::Session;
use crate::{catalog, discounts, geo, tax_id};

/// Whether `email` looks like an address a receipt can go to.
pub fn is_email(email: &str) -> bool {
    let Some((local, domain)) = email.rsplit_once('@') else { return false };
    let labels: Vec<&str> = domain.split('.').collect();
    !local.is_empty()
        && local.len() <= 64
        && !local.contains(char::is_whitespace)
        && !local.contains('@')
        && labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_alphanumeric() || c == '-')
        })
        && labels.last().is_some_and(|tld| tld.len() >= 2 && tld.chars().all(char::is_alphabetic))
}

/// Whether `url` is a fully qualified `https` URL (seed 002).
pub fn is_https_url(url: &str) -> bool {
    url.strip_prefix("https://").is_some_and(|rest| {
        let host = rest.split(['/', '?', '#']).next().unwrap_or("");
        !host.is_empty() && !host.contains(char::is_whitespace) && host.len() <= 253 && url.len() <= 2083
    })
}

fn trimmed(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_string())
}

/// Checks a billing address's syntax and normalizes it (upper-case country, `US-CA`
/// states). Completeness is checked at confirm, so a buyer filling it in is not nagged.
fn check_address(address: &Address, errors: &mut Vec<FieldError>) -> Address {
    let mut a = address.clone();
    fn at(field: &str) -> [&str; 2] {
        ["customer_billing_address", field]
    }
    // Polar's AddressInput: an upper-case ISO code from its list (sanctioned countries
    // are not on it).
    if !geo::is_billing_country(&a.country) {
        errors.push(FieldError::nested(
            &at("country"),
            "enum",
            "Input should be an ISO 3166-1 alpha-2 country code Polar accepts",
            json!(address.country),
        ));
    }
    for field in [&mut a.line1, &mut a.line2, &mut a.city, &mut a.postal_code, &mut a.state] {
        *field = field.as_deref().and_then(trimmed);
    }
    if let Some(state) = a.state.clone() {
        let normalized = geo::normalize_state(&a.country, &state);
        if geo::is_country(&a.country) && !geo::is_state_of(&a.country, &normalized) {
            errors.push(FieldError::nested(
                &at("state"),
                "value_error",
                format!("Invalid state for {}", a.country),
                json!(state),
            ));
        }
        a.state = Some(normalized);
    }
    a
}

/// An update being checked: the session as it was, the state it would become, and
/// every field error found so far. Each `check_*` reads the update's fields for one
/// concern and writes the new state or an error; none stops the others, so the buyer
/// hears of every problem at once.
struct Change<'a> {
    before: &'a Session,
    update: &'a CheckoutUpdate,
    products: &'a [CheckoutProduct],
    next: Session,
    errors: Vec<FieldError>,
}

impl Change<'_> {
    fn error(&mut self, field: Field, kind: &str, msg: impl Into<String>, input: Value) {
        self.errors.push(FieldError::body(field.name(), kind, msg, input));
    }

    fn product(&self) -> Option<&CheckoutProduct> {
        self.products.iter().find(|p| p.id == self.next.product_id)
    }

    fn price(&self) -> Option<&ProductPrice> {
        self.product().and_then(|p| p.price(&self.next.product_price_id))
    }

    /// Product and price: both must be the session's, the product not archived; a
    /// price must belong to the product if both are sent, and be in the session's
    /// currency. A product alone selects its first price in the session's currency.
    fn check_plan(&mut self) {
        let update = self.update;
        let currency = self.before.currency.clone();
        if let Some(product_id) = update.product_id.value() {
            match self.products.iter().find(|p| &p.id == product_id) {
                None => self.error(
                    Field::ProductId,
                    "value_error",
                    "Product is not available in this checkout",
                    json!(product_id),
                ),
                Some(product) if product.is_archived => {
                    self.error(Field::ProductId, "value_error", "Product is archived", json!(product_id))
                }
                Some(product) if update.product_price_id.is_absent() => {
                    let price = product.prices.iter().find(|p| {
                        !p.is_archived && p.is_sellable() && p.price_currency.eq_ignore_ascii_case(&currency)
                    });
                    match price {
                        Some(price) => {
                            self.next.product_id = product.id.clone();
                            self.next.product_price_id = price.id.clone();
                        }
                        None => self.error(
                            Field::ProductId,
                            "value_error",
                            "The product has no price in the checkout's currency",
                            json!(product_id),
                        ),
                    }
                }
                Some(product) => self.next.product_id = product.id.clone(),
            }
        }
        if let Some(price_id) = update.product_price_id.value() {
            match self.products.iter().find(|p| p.price(price_id).is_some()) {
                Some(product) if update.product_id.value().is_some_and(|id| id != &product.id) => self.error(
                    Field::ProductPriceId,
                    "value_error",
                    "Price does not belong to the selected product",
                    json!(price_id),
                ),
                Some(product) if product.is_archived || product.price(price_id).is_some_and(|p| p.is_archived) => {
                    self.error(Field::ProductPriceId, "value_error", "Price is archived", json!(price_id))
                }
                Some(product) => {
                    self.next.product_id = product.id.clone();
                    self.next.product_price_id = price_id.clone();
                }
                None => self.error(
                    Field::ProductPriceId,
                    "value_error",
                    "Price is not available in this checkout",
                    json!(price_id),
                ),
            }
        }
        let price_currency = self.price().map(|p| p.price_currency.clone());
        if let Some(price_currency) = price_currency.filter(|c| !c.eq_ignore_ascii_case(&currency)) {
            let field = if update.product_price_id.is_absent() { Field::ProductId } else { Field::ProductPriceId };
            self.error(
                field,
                "value_error",
                "The price's currency does not match the checkout's currency",
                json!(price_currency),
            );
        }
    }

    /// Seats, within the (new) price's tiers narrowed by the checkout's own limits. A
    /// switch of product starts over at the new price's minimum; a switch away from a
    /// seat-based price clears them.
    fn check_seats(&mut self) {
        let bounds = self.price().and_then(|p| p.seat_bounds_within(self.next.min_seats, self.next.max_seats));
        let switched = self.next.product_id != self.before.product_id;
        match (self.update.seats.value(), bounds) {
            // Polar's words and types (`_validate_seat_limits` in its checkout service).
            (Some(&seats), Some((min, _))) if seats < min => {
                self.error(Field::Seats, "greater_than_equal", format!("Minimum {min} seats required."), json!(seats))
            }
            (Some(&seats), Some((_, max))) if seats > max => {
                self.error(Field::Seats, "less_than_equal", format!("Maximum {max} seats allowed."), json!(seats))
            }
            (Some(&seats), Some(_)) => self.next.seats = Some(seats),
            (Some(&seats), None) => {
                self.error(Field::Seats, "value_error", "Seats can only be set for seat-based pricing.", json!(seats))
            }
            (None, Some((min, _))) if switched => self.next.seats = Some(min),
            (None, Some((min, max))) => self.next.seats = Some(self.next.seats.unwrap_or(min).clamp(min, max)),
            (None, None) => self.next.seats = None,
        }
    }

    /// A pay-what-you-want amount, within the price's bounds: from its minimum (which
    /// may be 0: free, or pay what you want) to its maximum, and never a non-zero amount
    /// below what a card can be charged.
    fn check_amount(&mut self) {
        let Some(&amount) = self.update.amount.value() else { return };
        let Some(price) = self.price().filter(|p| p.is_custom()).cloned() else {
            return self.error(
                Field::Amount,
                "value_error",
                "An amount can only be chosen for pay-what-you-want prices",
                json!(amount),
            );
        };
        let (min, max) = price.custom_amount_bounds().unwrap_or((0, 0));
        if price.accepts_custom_amount(amount) {
            self.next.amount = Some(amount);
        } else if amount > max {
            self.error(
                Field::Amount,
                "less_than_equal",
                format!("Input should be less than or equal to {max}"),
                json!(amount),
            );
        } else {
            let least = if min == 0 { MIN_CHARGE } else { min };
            let message = if min == 0 {
                format!("Input should be 0, or greater than or equal to {least}")
            } else {
                format!("Input should be greater than or equal to {least}")
            };
            self.error(Field::Amount, "greater_than_equal", message, json!(amount));
        }
    }

    /// Business purchase, name, email, billing name and address.
    fn check_customer(&mut self) {
        let update = self.update;
        if let Some(&business) = update.is_business_customer.value() {
            self.next.is_business_customer = business;
        }
        update.customer_name.apply_to(&mut self.next.customer_name);
        self.next.customer_name = self.next.customer_name.as_deref().and_then(trimmed);
        if let Some(name) = self.next.customer_name.clone().filter(|n| n.chars().count() > 256) {
            self.error(
                Field::CustomerName,
                "string_too_long",
                "String should have at most 256 characters",
                json!(name),
            );
        }
        match &update.customer_email {
            Patch::Value(email) if is_email(email.trim()) => self.next.customer_email = Some(email.trim().to_string()),
            Patch::Value(email) => self.error(
                Field::CustomerEmail,
                "value_error",
                "value is not a valid email address: An email address must have an @-sign and a domain.",
                json!(email.trim()),
            ),
            patch => patch.apply_to(&mut self.next.customer_email),
        }
        update.customer_billing_name.apply_to(&mut self.next.customer_billing_name);
        self.next.customer_billing_name = self.next.customer_billing_name.as_deref().and_then(trimmed);
        match &update.customer_billing_address {
            Patch::Value(address) => {
                self.next.customer_billing_address = Some(check_address(address, &mut self.errors))
            }
            patch => patch.apply_to(&mut self.next.customer_billing_address),
        }
    }

    /// The tax ID: it needs a billing country and must suit it; a stored one is checked
    /// again when the address changes, and goes when the buyer is no longer buying as a
    /// business.
    fn check_tax_id(&mut self) {
        let update = self.update;
        if !self.next.is_business_customer {
            self.next.customer_tax_id = None;
            return;
        }
        let id = match &update.customer_tax_id {
            Patch::Value(raw) => Some(tax_id::normalize(raw)).filter(|id| !id.is_empty()),
            Patch::Null => None,
            // Unchanged: checked again only if the address it must suit has changed.
            Patch::Absent if update.customer_billing_address.is_absent() => return,
            Patch::Absent => self.next.customer_tax_id.clone(),
        };
        let Some(id) = id else {
            self.next.customer_tax_id = None;
            return;
        };
        let input = update.customer_tax_id.value().map_or_else(|| json!(id), |raw| json!(raw));
        match self.next.customer_billing_address.as_ref().map(|a| a.country.clone()) {
            None => self.error(
                Field::CustomerTaxId,
                "value_error",
                "A billing country is required to validate the tax ID",
                input,
            ),
            Some(country) => match tax_id::check(&id, Some(&country)) {
                Ok(()) => self.next.customer_tax_id = Some(id),
                Err(msg) => self.error(Field::CustomerTaxId, "value_error", msg, input),
            },
        }
    }

    /// A discount code: known and applicable to the (new) price. Where the checkout
    /// takes no codes, a code is ignored, as Polar ignores it. A plan change that makes
    /// the applied discount inapplicable drops it.
    fn check_discount(&mut self) {
        match &self.update.discount_code {
            Patch::Value(_) if !self.before.allow_discount_codes => {}
            Patch::Value(code) => {
                let verdict = match (discounts::by_code(code), self.product(), self.price()) {
                    (None, ..) => Err("Discount code not found".to_string()),
                    (Some(d), Some(product), Some(price)) => match d.inapplicable(&product.id, price) {
                        Some(msg) => Err(msg),
                        None => Ok(d.discount.id),
                    },
                    (Some(_), ..) => Err("No price selected".to_string()),
                };
                match verdict {
                    Ok(id) => self.next.discount_id = Some(id),
                    Err(msg) => self.error(Field::DiscountCode, "value_error", msg, json!(code)),
                }
            }
            Patch::Null => self.next.discount_id = None,
            Patch::Absent => {}
        }
        let applies = match (self.next.discount_id.as_deref(), self.product(), self.price()) {
            (Some(id), Some(product), Some(price)) => {
                discounts::by_id(id).is_some_and(|d| d.inapplicable(&product.id, price).is_none())
            }
            _ => true,
        };
        if !applies {
            self.next.discount_id = None;
        }
    }

    /// Custom fields, checked against the (new) product's fields and merged into what
    /// the session holds, as Polar merges them: a key sent replaces its value, `null`
    /// clears it, a key not sent stays.
    fn check_custom_fields(&mut self) {
        match &self.update.custom_field_data {
            Patch::Value(data) => {
                check_custom_field_values(&self.next.product_id, data, &mut self.errors);
                for (slug, value) in data {
                    match value {
                        Value::Null => self.next.custom_field_data.remove(slug),
                        value => self.next.custom_field_data.insert(slug.clone(), value.clone()),
                    };
                }
            }
            Patch::Null => self.next.custom_field_data.clear(),
            Patch::Absent => {}
        }
    }

    /// The locale, the trial (only `false` may be sent), the payment method type, and
    /// the audit trail's reason and note.
    fn check_the_rest(&mut self) {
        let update = self.update;
        match &update.locale {
            Patch::Value(locale) => {
                let ok = !locale.is_empty()
                    && locale.len() <= 35
                    && locale.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
                if ok {
                    self.next.locale = Some(locale.clone());
                } else {
                    self.error(Field::Locale, "value_error", "Invalid locale", json!(locale));
                }
            }
            Patch::Null => self.next.locale = None,
            Patch::Absent => {}
        }
        match update.allow_trial {
            Patch::Value(false) => self.next.allow_trial = false,
            Patch::Value(true) => self.error(Field::AllowTrial, "literal_error", "Input should be False", json!(true)),
            _ => {}
        }
        update.payment_method_type.apply_to(&mut self.next.payment_method_type);
        for (name, value, max) in [("reason", &update.reason, 100), ("note", &update.note, 500)] {
            if let Some(text) = value.as_ref().filter(|t| t.chars().count() > max) {
                self.errors.push(FieldError::body(
                    name,
                    "string_too_long",
                    format!("String should have at most {max} characters"),
                    json!(text),
                ));
            }
        }
    }
}

fn check_custom_field_values(product_id: &str, data: &serde_json::Map<String, Value>, errors: &mut Vec<FieldError>) {
    let fields = catalog::custom_fields(product_id);
    for (slug, value) in data {
        let at = ["custom_field_data", slug.as_str()];
        let Some(field) = fields.iter().find(|f| &f.custom_field.slug == slug) else {
            errors.push(FieldError::nested(&at, "extra_forbidden", "Unknown custom field", value.clone()));
            continue;
        };
        if value.is_null() {
            continue;
        }
        let p = &field.custom_field.properties;
        let problem = match field.custom_field.kind {
            CustomFieldType::Text => match value.as_str() {
                None => Some("Input should be a valid string".to_string()),
                Some(s) if p.min_length.is_some_and(|m| (s.chars().count() as u32) < m) => {
                    Some(format!("String should have at least {} characters", p.min_length.unwrap_or(0)))
                }
                Some(s) if p.max_length.is_some_and(|m| (s.chars().count() as u32) > m) => {
                    Some(format!("String should have at most {} characters", p.max_length.unwrap_or(0)))
                }
                _ => None,
            },
            CustomFieldType::Number => match value.as_i64() {
                None => Some("Input should be a valid integer".to_string()),
                Some(n) if p.ge.is_some_and(|ge| n < ge) => {
                    Some(format!("Input should be greater than or equal to {}", p.ge.unwrap_or(0)))
                }
                Some(n) if p.le.is_some_and(|le| n > le) => {
                    Some(format!("Input should be less than or equal to {}", p.le.unwrap_or(0)))
                }
                _ => None,
            },
            // A day, or Polar's datetime form of one.
            CustomFieldType::Date => match value.as_str() {
                Some(s)
                    if chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok()
                        || chrono::DateTime::parse_from_rfc3339(s).is_ok() =>
                {
                    None
                }
                _ => Some("Input should be a valid date (YYYY-MM-DD) or datetime".to_string()),
            },
            CustomFieldType::Checkbox => (!value.is_boolean()).then(|| "Input should be a valid boolean".to_string()),
            CustomFieldType::Select => {
                let options = p.options.as_deref().unwrap_or(&[]);
                match value.as_str() {
                    Some(v) if options.iter().any(|o| o.value == v) => None,
                    _ => Some("Input should be one of the options".to_string()),
                }
            }
            CustomFieldType::Unknown => None,
        };
        if let Some(msg) = problem {
            errors.push(FieldError::nested(&at, "value_error", msg, value.clone()));
        }
    }
}

/// Applies `update` to a copy of `session`. Returns the complete new state, or every
/// field error (and then the session is untouched).
pub fn apply(
    session: &Session,
    update: &CheckoutUpdate,
    products: &[CheckoutProduct],
) -> Result<Session, Vec<FieldError>> {
    let mut change = Change { before: session, update, products, next: session.clone(), errors: Vec::new() };
    change.check_plan();
    change.check_seats();
    change.check_amount();
    change.check_customer();
    change.check_tax_id();
    change.check_discount();
    change.check_custom_fields();
    change.check_the_rest();
    if change.errors.is_empty() {
        Ok(change.next)
    } else {
        Err(change.errors)
    }
}

/// What a session still lacks before it can be paid: `kassa_core`'s completeness rule
/// (the one the widget's Pay button applies) over the `billing_address_fields` the
/// session shows, as `missing` errors on each field's `loc`.
pub fn missing_for_confirm(session: &Session, fields: &kassa_core::checkout::BillingAddressFields) -> Vec<FieldError> {
    let address = session.customer_billing_address.as_ref();
    let filled = Filled {
        customer_email: session.customer_email.as_deref().unwrap_or_default(),
        is_business_customer: session.is_business_customer,
        customer_billing_name: session.customer_billing_name.as_deref().unwrap_or_default(),
        address: AddressText::of(address),
        custom_field_data: &session.custom_field_data,
    };
    completeness::missing(&filled, fields, &catalog::custom_fields(&session.product_id))
        .into_iter()
        .map(|path| {
            let mut loc = vec![json!("body"), json!(path.field.name())];
            loc.extend(path.key.map(|k| json!(k)));
            FieldError { loc, msg: "Field required".into(), kind: "missing".into(), input: Value::Null }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails() {
        for ok in ["ada@example.com", "a.b+tag@sub.example.co.uk", "ü@bücher.de"] {
            assert!(is_email(ok), "{ok}");
        }
        for bad in [
            "",
            "ada",
            "ada@",
            "@example.com",
            "ada@example",
            "ada@@example.com",
            "a da@example.com",
            "ada@-x.com",
            "ada@example.c0m",
        ] {
            assert!(!is_email(bad), "{bad}");
        }
    }

    #[test]
    fn https_urls() {
        assert!(is_https_url("https://shop.example.com/thanks?checkout_id={CHECKOUT_ID}"));
        for bad in
            ["http://shop.example.com", "shop.example.com", "https://", "ftp://x", "javascript:alert(1)", "https:// x"]
        {
            assert!(!is_https_url(bad), "{bad}");
        }
    }
}
