//! Customers and their sessions. A checkout's confirmation creates the customer (or
//! finds them by email); a customer session token, `polar_cst_…` for one hour, is what
//! the customer portal takes as its bearer.

use chrono::{DateTime, Duration, Utc};
use kassa_core::checkout::Address;
use kassa_core::subscription::CustomerSession;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use crate::catalog;
use crate::session::timestamp;

/// How long a customer session token works (Polar's `CUSTOMER_SESSION_TTL`).
pub const SESSION_TTL: Duration = Duration::hours(1);

/// A customer as the sandbox stores them.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Customer {
    /// The customer's ID.
    pub id: String,
    /// Email, unique in the organization.
    pub email: String,
    /// Name.
    pub name: Option<String>,
    /// Name on invoices.
    pub billing_name: Option<String>,
    /// Billing address (tax on a change follows it).
    pub billing_address: Option<Address>,
    /// When the customer was created.
    pub created_at: DateTime<Utc>,
    /// Whether a card is on file: a paid checkout leaves one; a free one does not.
    pub has_payment_method: bool,
}

impl Customer {
    /// A new customer with a fresh ID.
    pub fn new(email: &str, now: DateTime<Utc>) -> Self {
        Self { id: uuid::Uuid::new_v4().to_string(), email: email.into(), created_at: now, ..Self::default() }
    }

    /// Polar's `CustomerIndividual`.
    pub fn render(&self) -> Value {
        json!({
            "id": self.id,
            "created_at": timestamp(self.created_at),
            "modified_at": null,
            "metadata": {},
            "external_id": null,
            "email": self.email,
            "email_verified": false,
            "type": "individual",
            "name": self.name,
            "billing_name": self.billing_name,
            "billing_address": self.billing_address,
            "tax_id": null,
            "locale": null,
            "organization_id": catalog::ORGANIZATION_ID,
            "deleted_at": null,
            "first_user_event_at": null,
            "avatar_url": null,
        })
    }
}

/// A customer session as the sandbox stores it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Session {
    /// The session's ID.
    pub id: String,
    /// The bearer token.
    pub token: String,
    /// The customer.
    pub customer_id: String,
    /// When it was created.
    pub created_at: DateTime<Utc>,
    /// When the token stops working.
    pub expires_at: DateTime<Utc>,
    /// Where the portal's back link goes.
    pub return_url: Option<String>,
}

/// A token shaped as Polar's: `polar_cst_` and 43 characters of `[A-Za-z0-9]`.
pub fn new_token() -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    let bytes: Vec<u8> = (0..3).flat_map(|_| *uuid::Uuid::new_v4().as_bytes()).collect();
    let tail: String = bytes.iter().take(43).map(|b| ALPHABET[usize::from(*b) % ALPHABET.len()] as char).collect();
    format!("polar_cst_{tail}")
}

impl Session {
    /// A session for `customer_id` from `now`, for [`SESSION_TTL`].
    pub fn new(customer_id: &str, return_url: Option<String>, now: DateTime<Utc>) -> Self {
        Self {
            id: uuid::Uuid::new_v4().to_string(),
            token: new_token(),
            customer_id: customer_id.into(),
            created_at: now,
            expires_at: now + SESSION_TTL,
            return_url,
        }
    }

    /// Polar's `CustomerSession`.
    pub fn render(&self, customer: &Customer, base_url: &str) -> CustomerSession {
        CustomerSession {
            created_at: timestamp(self.created_at),
            modified_at: None,
            id: self.id.clone(),
            token: self.token.clone(),
            expires_at: timestamp(self.expires_at),
            return_url: self.return_url.clone(),
            customer_portal_url: format!(
                "{base_url}/kassa-sandbox/portal?customer_session_token={}&email={}",
                self.token,
                customer.email.replace('@', "%40")
            ),
            customer_id: customer.id.clone(),
            customer: customer.render(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_shaped_as_polars_and_differ() {
        let (a, b) = (new_token(), new_token());
        assert_ne!(a, b);
        assert_eq!(a.len(), "polar_cst_".len() + 43);
        assert!(a["polar_cst_".len()..].bytes().all(|c| c.is_ascii_alphanumeric()));
    }

    #[test]
    fn a_session_lasts_an_hour() {
        let now = Utc::now();
        let session = Session::new("c", None, now);
        assert_eq!(session.expires_at - now, Duration::hours(1));
    }
}
