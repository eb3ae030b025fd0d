//! The update rules of the seeds (002, 003) and Polar: an update is checked whole
//! against a copy of the session and either yields the complete new state or every
//! field error at once. Nothing is half-applied.

use kassa_core::checkout::{
    Address, AmountType, CheckoutProduct, CheckoutUpdate, CustomFieldType, FieldMode, Patch,
};
use serde_json::{json, Value};

use crate::error::FieldError;
use crate::session::Session;
use crate::{catalog, discounts, geo, tax_id};

/// Polar's bounds on a pay-what-you-want amount, in minor units.
const AMOUNT_RANGE: std::ops::RangeInclusive<i64> = 50..=99_999_999;

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
            !l.is_empty() && !l.starts_with('-') && !l.ends_with('-') && l.chars().all(|c| c.is_alphanumeric() || c == '-')
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
    a.country = a.country.trim().to_ascii_uppercase();
    fn at(field: &str) -> [&str; 2] {
        ["customer_billing_address", field]
    }
    if !geo::is_country(&a.country) {
        errors.push(FieldError::nested(&at("country"), "value_error", "Invalid country: expected an ISO 3166-1 alpha-2 code", json!(address.country)));
    }
    for field in [&mut a.line1, &mut a.line2, &mut a.city, &mut a.postal_code, &mut a.state] {
        *field = field.as_deref().and_then(trimmed);
    }
    if let Some(state) = a.state.clone() {
        let normalized = geo::normalize_state(&a.country, &state);
        if geo::is_country(&a.country) && !geo::is_state_of(&a.country, &normalized) {
            errors.push(FieldError::nested(&at("state"), "value_error", format!("Invalid state for {}", a.country), json!(state)));
        }
        a.state = Some(normalized);
    }
    a
}

fn check_custom_fields(product_id: &str, data: &serde_json::Map<String, Value>, errors: &mut Vec<FieldError>) {
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
                Some(n) if p.ge.is_some_and(|ge| n < ge) => Some(format!("Input should be greater than or equal to {}", p.ge.unwrap_or(0))),
                Some(n) if p.le.is_some_and(|le| n > le) => Some(format!("Input should be less than or equal to {}", p.le.unwrap_or(0))),
                _ => None,
            },
            CustomFieldType::Date => match value.as_str() {
                Some(s) if chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok() => None,
                _ => Some("Input should be a valid date (YYYY-MM-DD)".to_string()),
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
pub fn apply(session: &Session, update: &CheckoutUpdate, products: &[CheckoutProduct]) -> Result<Session, Vec<FieldError>> {
    let mut next = session.clone();
    let mut errors = Vec::new();
    let body = |field: &str, kind: &str, msg: &str, input: Value| FieldError::body(field, kind, msg, input);

    // Plan: product and price.
    if let Some(product_id) = update.product_id.value() {
        match products.iter().find(|p| &p.id == product_id) {
            Some(product) if update.product_price_id.is_absent() => {
                if let Some(price) = product.prices.iter().find(|p| !p.is_archived) {
                    next.product_id = product.id.clone();
                    next.product_price_id = price.id.clone();
                }
            }
            Some(product) => next.product_id = product.id.clone(),
            None => errors.push(body("product_id", "value_error", "Product is not available in this checkout", json!(product_id))),
        }
    }
    if let Some(price_id) = update.product_price_id.value() {
        let owner = products.iter().find(|p| p.price(price_id).is_some());
        match owner {
            Some(product) if update.product_id.value().is_some_and(|id| id != &product.id) => {
                errors.push(body("product_price_id", "value_error", "Price does not belong to the selected product", json!(price_id)))
            }
            Some(product) => {
                next.product_id = product.id.clone();
                next.product_price_id = price_id.clone();
            }
            None => errors.push(body("product_price_id", "value_error", "Price is not available in this checkout", json!(price_id))),
        }
    }
    let product = products.iter().find(|p| p.id == next.product_id);
    let price = product.and_then(|p| p.price(&next.product_price_id));
    if let Some(price) = price {
        if !price.price_currency.eq_ignore_ascii_case(&session.currency) {
            let field = if update.product_price_id.is_absent() { "product_id" } else { "product_price_id" };
            errors.push(body(field, "value_error", "The price's currency does not match the checkout's currency", json!(price.price_currency)));
        }
    }

    // Seats: kept within the new price's bounds; a switch to a seat-based price starts
    // at its minimum.
    let tiers = price.and_then(|p| p.seat_tiers.as_ref()).filter(|_| price.is_some_and(|p| p.amount_type == AmountType::SeatBased));
    match (update.seats.value(), tiers) {
        (Some(&seats), Some(tiers)) => {
            let min = tiers.minimum_seats.unwrap_or(1);
            let max = tiers.maximum_seats.unwrap_or(u32::MAX);
            if seats < min || seats > max {
                errors.push(body("seats", "value_error", &format!("Seats must be between {min} and {max}"), json!(seats)));
            } else {
                next.seats = Some(seats);
            }
        }
        (Some(&seats), None) => errors.push(body("seats", "value_error", "Seats are only available for seat-based pricing", json!(seats))),
        (None, Some(tiers)) => {
            let min = tiers.minimum_seats.unwrap_or(1);
            let max = tiers.maximum_seats.unwrap_or(u32::MAX);
            next.seats = Some(next.seats.unwrap_or(min).clamp(min, max));
        }
        (None, None) => next.seats = None,
    }

    // Pay what you want.
    if let Some(&amount) = update.amount.value() {
        match price {
            Some(p) if p.amount_type == AmountType::Custom => {
                let min = p.minimum_amount.unwrap_or(*AMOUNT_RANGE.start()).max(*AMOUNT_RANGE.start());
                let max = p.maximum_amount.unwrap_or(*AMOUNT_RANGE.end()).min(*AMOUNT_RANGE.end());
                if amount < min {
                    errors.push(body("amount", "greater_than_equal", &format!("Input should be greater than or equal to {min}"), json!(amount)));
                } else if amount > max {
                    errors.push(body("amount", "less_than_equal", &format!("Input should be less than or equal to {max}"), json!(amount)));
                } else {
                    next.amount = Some(amount);
                }
            }
            _ => errors.push(body("amount", "value_error", "An amount can only be chosen for pay-what-you-want prices", json!(amount))),
        }
    }

    // Customer.
    if let Some(&business) = update.is_business_customer.value() {
        next.is_business_customer = business;
    }
    update.customer_name.apply_to(&mut next.customer_name);
    next.customer_name = next.customer_name.as_deref().and_then(trimmed);
    if let Some(name) = &next.customer_name {
        if name.chars().count() > 256 {
            errors.push(body("customer_name", "string_too_long", "String should have at most 256 characters", json!(name)));
        }
    }
    match &update.customer_email {
        Patch::Value(email) => {
            let email = email.trim();
            if is_email(email) {
                next.customer_email = Some(email.to_string());
            } else {
                errors.push(body("customer_email", "value_error", "value is not a valid email address: An email address must have an @-sign and a domain.", json!(email)));
            }
        }
        patch => patch.apply_to(&mut next.customer_email),
    }
    update.customer_billing_name.apply_to(&mut next.customer_billing_name);
    next.customer_billing_name = next.customer_billing_name.as_deref().and_then(trimmed);
    match &update.customer_billing_address {
        Patch::Value(address) => next.customer_billing_address = Some(check_address(address, &mut errors)),
        patch => patch.apply_to(&mut next.customer_billing_address),
    }
    match &update.customer_tax_id {
        Patch::Value(raw) => {
            let id = tax_id::normalize(raw);
            if id.is_empty() {
                next.customer_tax_id = None;
            } else {
                let country = next.customer_billing_address.as_ref().map(|a| a.country.as_str());
                match tax_id::check(&id, country) {
                    Ok(()) => next.customer_tax_id = Some(id),
                    Err(msg) => errors.push(body("customer_tax_id", "value_error", &msg, json!(raw))),
                }
            }
        }
        patch => patch.apply_to(&mut next.customer_tax_id),
    }

    // Discount.
    match &update.discount_code {
        Patch::Value(code) if !session.allow_discount_codes => {
            errors.push(body("discount_code", "value_error", "Discount codes are not accepted on this checkout", json!(code)))
        }
        Patch::Value(code) => match (discounts::by_code(code), product, price) {
            (None, ..) => errors.push(body("discount_code", "value_error", "Discount code not found", json!(code))),
            (Some(d), Some(product), Some(price)) => match d.inapplicable(&product.id, price) {
                Some(msg) => errors.push(body("discount_code", "value_error", &msg, json!(code))),
                None => next.discount_id = Some(d.discount.id),
            },
            (Some(_), ..) => errors.push(body("discount_code", "value_error", "No price selected", json!(code))),
        },
        Patch::Null => next.discount_id = None,
        Patch::Absent => {}
    }
    // A plan change can make the applied discount inapplicable: then it is dropped.
    if let (Some(id), Some(product), Some(price)) = (&next.discount_id, product, price) {
        if discounts::by_id(id).is_none_or(|d| d.inapplicable(&product.id, price).is_some()) {
            next.discount_id = None;
        }
    }

    // Custom fields: replaced whole, checked against the (new) product's fields.
    match &update.custom_field_data {
        Patch::Value(data) => {
            check_custom_fields(&next.product_id, data, &mut errors);
            next.custom_field_data = data.clone();
        }
        Patch::Null => next.custom_field_data.clear(),
        Patch::Absent => {}
    }

    if let Some(locale) = update.locale.value() {
        let ok = !locale.is_empty() && locale.len() <= 35 && locale.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        if ok {
            next.locale = Some(locale.clone());
        } else {
            errors.push(body("locale", "value_error", "Invalid locale", json!(locale)));
        }
    } else if update.locale == Patch::Null {
        next.locale = None;
    }
    match update.allow_trial {
        Patch::Value(false) => next.allow_trial = false,
        Patch::Value(true) => errors.push(body("allow_trial", "literal_error", "Input should be False", json!(true))),
        _ => {}
    }
    if let Some(note) = update.note.value() {
        if note.chars().count() > 500 {
            errors.push(body("note", "string_too_long", "String should have at most 500 characters", json!(note)));
        }
    }
    if let Some(reason) = update.reason.value() {
        if reason.chars().count() > 100 {
            errors.push(body("reason", "string_too_long", "String should have at most 100 characters", json!(reason)));
        }
    }

    if errors.is_empty() {
        Ok(next)
    } else {
        Err(errors)
    }
}

/// What a session still lacks before it can be paid: every required field that is
/// empty, as `missing` errors on the field's `loc`.
pub fn missing_for_confirm(session: &Session) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let missing = |path: &[&str]| FieldError::nested(path, "missing", "Field required", Value::Null);
    if session.customer_email.is_none() {
        errors.push(missing(&["customer_email"]));
    }
    if session.is_business_customer && session.customer_billing_name.is_none() {
        errors.push(missing(&["customer_billing_name"]));
    }
    match &session.customer_billing_address {
        None => errors.push(missing(&["customer_billing_address", "country"])),
        Some(address) => {
            let modes = geo::address_fields(Some(&address.country), session.full_address());
            let fields = [
                ("line1", modes.line1, &address.line1),
                ("line2", modes.line2, &address.line2),
                ("postal_code", modes.postal_code, &address.postal_code),
                ("city", modes.city, &address.city),
                ("state", modes.state, &address.state),
            ];
            for (name, mode, value) in fields {
                if mode == FieldMode::Required && value.is_none() {
                    errors.push(missing(&["customer_billing_address", name]));
                }
            }
        }
    }
    for field in catalog::custom_fields(&session.product_id) {
        let value = session.custom_field_data.get(&field.custom_field.slug);
        let empty = match value {
            None | Some(Value::Null) => true,
            Some(Value::String(s)) => s.trim().is_empty(),
            Some(Value::Bool(b)) => field.custom_field.kind == CustomFieldType::Checkbox && !b,
            _ => false,
        };
        if field.required && empty {
            errors.push(missing(&["custom_field_data", &field.custom_field.slug]));
        }
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails() {
        for ok in ["ada@example.com", "a.b+tag@sub.example.co.uk", "ü@bücher.de"] {
            assert!(is_email(ok), "{ok}");
        }
        for bad in ["", "ada", "ada@", "@example.com", "ada@example", "ada@@example.com", "a da@example.com", "ada@-x.com", "ada@example.c0m"] {
            assert!(!is_email(bad), "{bad}");
        }
    }

    #[test]
    fn https_urls() {
        assert!(is_https_url("https://shop.example.com/thanks?checkout_id={CHECKOUT_ID}"));
        for bad in ["http://shop.example.com", "shop.example.com", "https://", "ftp://x", "javascript:alert(1)", "https:// x"] {
            assert!(!is_https_url(bad), "{bad}");
        }
    }
}
