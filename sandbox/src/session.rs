//! A checkout session as the sandbox stores it, and how it renders to Polar's
//! `CheckoutPublic`. Amounts are never stored: every render recalculates them from the
//! selection, so a stored session can never disagree with its own totals.

use chrono::{DateTime, SecondsFormat, Utc};
use kassa_core::checkout::{
    Address, AmountType, BillingAddressFields, CheckoutOrganization, CheckoutProduct,
    CheckoutPublic, CheckoutStatus, FieldMode,
};
use serde::{Deserialize, Serialize};

use crate::catalog;

/// A session's stored state: what the merchant created and the buyer chose, never a
/// derived amount.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Session {
    /// The checkout ID.
    pub id: String,
    /// The client secret.
    pub client_secret: String,
    /// Status.
    pub status: CheckoutStatus,
    /// Creation time.
    pub created_at: DateTime<Utc>,
    /// Last change.
    pub modified_at: Option<DateTime<Utc>>,
    /// Expiry.
    pub expires_at: DateTime<Utc>,
    /// Products offered, in order.
    pub product_ids: Vec<String>,
    /// Selected product.
    pub product_id: String,
    /// Selected price.
    pub product_price_id: String,
    /// Pay-what-you-want amount chosen.
    pub amount: Option<i64>,
    /// Seats chosen.
    pub seats: Option<u32>,
    /// Where to go after payment.
    pub success_url: Option<String>,
    /// Back-button URL.
    pub return_url: Option<String>,
    /// Locale.
    pub locale: Option<String>,
    /// Buyer's email.
    pub customer_email: Option<String>,
    /// Buyer's name.
    pub customer_name: Option<String>,
    /// Billing address.
    pub customer_billing_address: Option<Address>,
    /// Merchant metadata.
    pub metadata: serde_json::Map<String, serde_json::Value>,
}

/// Formats a timestamp the way Polar does (RFC 3339, UTC, `Z`).
pub fn timestamp(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Micros, true)
}

/// Totals of a session, in minor units of its currency.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Totals {
    /// Before discount and tax.
    pub amount: i64,
    /// Discount.
    pub discount: i64,
    /// Tax; `None` until the buyer's country is known.
    pub tax: Option<i64>,
    /// Per seat, for seat-based prices.
    pub price_per_seat: Option<i64>,
}

impl Totals {
    /// After discount, before tax.
    pub fn net(&self) -> i64 {
        self.amount - self.discount
    }

    /// What is charged now.
    pub fn total(&self) -> i64 {
        self.net() + self.tax.unwrap_or(0)
    }
}

impl Session {
    /// The products offered, resolved from the catalog.
    pub fn products(&self, catalog: &[CheckoutProduct]) -> Vec<CheckoutProduct> {
        self.product_ids.iter().filter_map(|id| catalog::find(catalog, id)).collect()
    }

    /// Recalculates the totals from the selection.
    pub fn totals(&self, product: &CheckoutProduct) -> Totals {
        let price = product.price(&self.product_price_id);
        let (amount, per_seat) = match price {
            Some(p) => match p.amount_type {
                AmountType::Fixed => (p.price_amount.unwrap_or(0), None),
                AmountType::Custom => {
                    (self.amount.or(p.preset_amount).or(p.minimum_amount).unwrap_or(0), None)
                }
                AmountType::SeatBased => {
                    let seats = self.seats.unwrap_or(1);
                    let per_seat = p
                        .seat_tiers
                        .as_ref()
                        .and_then(|t| t.tier_for(seats))
                        .map_or(0, |t| t.price_per_seat);
                    (per_seat.saturating_mul(i64::from(seats)), Some(per_seat))
                }
                _ => (0, None),
            },
            None => (0, None),
        };
        Totals { amount, discount: 0, tax: None, price_per_seat: per_seat }
    }

    /// Renders the session as Polar's `CheckoutPublic`.
    pub fn render(&self, catalog: &[CheckoutProduct], base_url: &str) -> CheckoutPublic {
        let products = self.products(catalog);
        let product = products.iter().find(|p| p.id == self.product_id).cloned();
        let price = product.as_ref().and_then(|p| p.price(&self.product_price_id)).cloned();
        let totals = product.as_ref().map(|p| self.totals(p)).unwrap_or(Totals {
            amount: 0,
            discount: 0,
            tax: None,
            price_per_seat: None,
        });
        let currency = price.as_ref().map_or("usd".to_string(), |p| p.price_currency.clone());
        let is_free = price.as_ref().is_some_and(|p| p.amount_type == AmountType::Free);
        let seat_tiers = price.as_ref().and_then(|p| p.seat_tiers.as_ref());
        let is_recurring = product.as_ref().is_some_and(|p| p.is_recurring);
        let trial = product.as_ref().and_then(|p| p.trial_interval.zip(p.trial_interval_count));
        let payment_required = totals.total() > 0;
        CheckoutPublic {
            id: self.id.clone(),
            created_at: timestamp(self.created_at),
            modified_at: self.modified_at.map(timestamp),
            custom_field_data: Default::default(),
            payment_processor: "stripe".into(),
            status: self.status,
            client_secret: self.client_secret.clone(),
            url: format!("{base_url}/checkout/{}", self.client_secret),
            expires_at: timestamp(self.expires_at),
            success_url: self
                .success_url
                .clone()
                .unwrap_or_else(|| format!("{base_url}/checkout/{}/confirmation", self.client_secret)),
            return_url: self.return_url.clone(),
            embed_origin: None,
            amount: totals.amount,
            seats: seat_tiers.map(|_| self.seats.unwrap_or(1)),
            min_seats: seat_tiers.and_then(|t| t.minimum_seats),
            max_seats: seat_tiers.and_then(|t| t.maximum_seats),
            price_per_seat: totals.price_per_seat,
            discount_amount: totals.discount,
            net_amount: totals.net(),
            tax_amount: totals.tax,
            tax_behavior: None,
            total_amount: totals.total(),
            currency,
            subtotal_amount: Some(totals.net()),
            allow_trial: Some(true),
            active_trial_interval: trial.map(|t| t.0),
            active_trial_interval_count: trial.map(|t| t.1),
            trial_end: None,
            organization_id: catalog::ORGANIZATION_ID.into(),
            product_id: Some(self.product_id.clone()),
            product_price_id: Some(self.product_price_id.clone()),
            discount_id: None,
            allow_discount_codes: true,
            require_billing_address: false,
            is_discount_applicable: !is_free,
            is_free_product_price: is_free,
            is_payment_required: payment_required,
            is_payment_setup_required: is_recurring && !is_free,
            is_payment_form_required: payment_required || (is_recurring && !is_free),
            customer_id: None,
            is_business_customer: false,
            customer_name: self.customer_name.clone(),
            customer_email: self.customer_email.clone(),
            customer_ip_address: None,
            customer_billing_name: None,
            customer_billing_address: self.customer_billing_address.clone(),
            customer_tax_id: None,
            locale: self.locale.clone(),
            payment_processor_metadata: [("publishable_key".to_string(), "pk_sandbox_kassa".to_string())]
                .into_iter()
                .collect(),
            billing_address_fields: BillingAddressFields {
                country: FieldMode::Required,
                state: FieldMode::Disabled,
                city: FieldMode::Disabled,
                postal_code: FieldMode::Disabled,
                line1: FieldMode::Disabled,
                line2: FieldMode::Disabled,
            },
            prices: Some(products.iter().map(|p| (p.id.clone(), p.prices.clone())).collect()),
            products,
            product,
            product_price: price,
            discount: None,
            organization: CheckoutOrganization {
                created_at: "2026-01-01T00:00:00Z".into(),
                modified_at: None,
                id: catalog::ORGANIZATION_ID.into(),
                name: "Kassa Sandbox Shop".into(),
                slug: "kassa-sandbox".into(),
                avatar_url: None,
                proration_behavior: "invoice".into(),
                allow_customer_updates: true,
            },
            attached_custom_fields: Some(Vec::new()),
            currency_details: None,
        }
    }
}
