//! A checkout session as the sandbox stores it, and how it renders to Polar's
//! `CheckoutPublic`. Amounts are never stored: every render recalculates them from the
//! buyer's choices, so a stored session can never disagree with its own totals.

use chrono::{DateTime, Duration, SecondsFormat, Utc};
use kassa_core::checkout::{
    Address, AmountType, CheckoutOrganization, CheckoutProduct, CheckoutPublic, CheckoutStatus, Interval,
};
use serde::{Deserialize, Serialize};

use crate::{catalog, fx, geo, pricing};

/// Where a confirmed payment stands.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Payment {
    /// When a confirmed session turns `succeeded` (as the processor's webhook would).
    pub succeeds_at: Option<DateTime<Utc>>,
    /// Set while the payment waits for the buyer's second step (3-D Secure).
    pub requires_action: bool,
    /// The secret of the payment's intent, handed to the stand-in's `handleNextAction`.
    pub intent_client_secret: Option<String>,
    /// The token handed out with the confirmation.
    pub customer_session_token: Option<String>,
}

/// A session's stored state: what the merchant created and the buyer chose.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
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
    /// The session's currency (lower case); every price chosen must be in it.
    pub currency: String,
    /// Pay-what-you-want amount chosen.
    pub amount: Option<i64>,
    /// Seats chosen.
    pub seats: Option<u32>,
    /// The fewest seats this checkout sells, if the merchant narrowed the price's tiers.
    pub min_seats: Option<u32>,
    /// The most seats this checkout sells, if the merchant narrowed the price's tiers.
    pub max_seats: Option<u32>,
    /// Applied discount.
    pub discount_id: Option<String>,
    /// Whether the buyer may enter codes.
    pub allow_discount_codes: bool,
    /// Whether the full billing address is required.
    pub require_billing_address: bool,
    /// Whether the product's trial applies.
    pub allow_trial: bool,
    /// The customer, fixed at creation.
    pub customer_id: Option<String>,
    /// Business purchase.
    pub is_business_customer: bool,
    /// Buyer's name.
    pub customer_name: Option<String>,
    /// Buyer's email.
    pub customer_email: Option<String>,
    /// Name on the invoice.
    pub customer_billing_name: Option<String>,
    /// Billing address.
    pub customer_billing_address: Option<Address>,
    /// Tax ID.
    pub customer_tax_id: Option<String>,
    /// Custom field values by slug.
    pub custom_field_data: serde_json::Map<String, serde_json::Value>,
    /// Locale.
    pub locale: Option<String>,
    /// The payment method type the buyer picked (`card`, …).
    pub payment_method_type: Option<String>,
    /// Where to go after payment.
    pub success_url: Option<String>,
    /// Back-button URL.
    pub return_url: Option<String>,
    /// Merchant metadata.
    pub metadata: serde_json::Map<String, serde_json::Value>,
    /// Sandbox extension: the buyer's local currency (upper case).
    pub local_currency: Option<String>,
    /// Payment progress.
    pub payment: Payment,
}

/// Formats a timestamp the way Polar does (RFC 3339, UTC, `Z`).
pub fn timestamp(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Micros, true)
}

fn trial_end(now: DateTime<Utc>, (interval, count): (Interval, u32)) -> DateTime<Utc> {
    let count = i64::from(count);
    match interval {
        Interval::Day => now + Duration::days(count),
        Interval::Week => now + Duration::weeks(count),
        Interval::Month => now.checked_add_months(chrono::Months::new(count as u32)).unwrap_or(now),
        Interval::Year => now.checked_add_months(chrono::Months::new(12 * count as u32)).unwrap_or(now),
    }
}

impl Session {
    /// The products offered, resolved from the catalog.
    pub fn products(&self, catalog: &[CheckoutProduct]) -> Vec<CheckoutProduct> {
        self.product_ids.iter().filter_map(|id| catalog::find(catalog, id)).collect()
    }

    /// What the buyer chose that the price depends on.
    pub fn choices(&self) -> pricing::Choices<'_> {
        pricing::Choices {
            amount: self.amount,
            seats: self.seats,
            discount_id: self.discount_id.as_deref(),
            allow_trial: self.allow_trial,
            address: self.customer_billing_address.as_ref(),
        }
    }

    /// Moves the session along with time: an open session past its expiry is expired;
    /// a confirmed payment past its settle time has succeeded. Returns whether it changed.
    pub fn advance(&mut self, now: DateTime<Utc>) -> bool {
        match self.status {
            CheckoutStatus::Open if now >= self.expires_at => {
                self.status = CheckoutStatus::Expired;
                true
            }
            CheckoutStatus::Confirmed
                if !self.payment.requires_action && self.payment.succeeds_at.is_some_and(|t| now >= t) =>
            {
                self.status = CheckoutStatus::Succeeded;
                true
            }
            _ => false,
        }
    }

    /// Whether the full address is asked for: the merchant requires it, or the buyer buys
    /// as a business.
    pub fn full_address(&self) -> bool {
        self.require_billing_address || self.is_business_customer
    }

    /// Renders the session as Polar's `CheckoutPublic`.
    pub fn render(&self, catalog: &[CheckoutProduct], base_url: &str, now: DateTime<Utc>) -> CheckoutPublic {
        let products = self.products(catalog);
        let product = products.iter().find(|p| p.id == self.product_id).cloned();
        let price = product.as_ref().and_then(|p| p.price(&self.product_price_id)).cloned();
        let totals = match (&product, &price) {
            (Some(product), Some(price)) => pricing::quote(&self.choices(), product, price),
            _ => pricing::Quote::default(),
        };
        let is_free = price.as_ref().is_some_and(|p| {
            p.amount_type == AmountType::Free || (p.amount_type == AmountType::Fixed && p.price_amount == Some(0))
        });
        let seat_tiers = price.as_ref().and_then(|p| p.seat_tiers.as_ref());
        let is_recurring = product.as_ref().is_some_and(|p| p.is_recurring);
        let discount = totals.discount.as_ref();
        let forever_free = discount.is_some_and(|d| {
            d.discount.basis_points == Some(10_000)
                && d.discount.duration != kassa_core::checkout::DiscountDuration::Once
        });
        let payment_required = totals.due_now() > 0;
        let setup_required = is_recurring && !is_free && !forever_free && totals.amount > 0;
        let country = self.customer_billing_address.as_ref().map(|a| a.country.as_str());
        let currency_details = self.local_currency.as_deref().and_then(|local| {
            fx::currency_details(
                &self.currency.to_ascii_uppercase(),
                local,
                totals.amount,
                totals.due_now(),
                totals.trial.is_some(),
            )
        });
        CheckoutPublic {
            id: self.id.clone(),
            created_at: timestamp(self.created_at),
            modified_at: self.modified_at.map(timestamp),
            custom_field_data: self.custom_field_data.clone(),
            payment_processor: "stripe".into(),
            status: self.status,
            client_secret: self.client_secret.clone(),
            url: format!("{base_url}/checkout/{}", self.client_secret),
            expires_at: timestamp(self.expires_at),
            success_url: self.success_url.clone().unwrap_or_else(|| format!("{base_url}/?checkout_id={}", self.id)),
            return_url: self.return_url.clone(),
            embed_origin: None,
            amount: totals.amount,
            seats: seat_tiers.map(|_| self.seats.unwrap_or(1)),
            // The checkout's own limits, as the merchant set them; the price's tiers
            // bound the seats on their own.
            min_seats: self.min_seats,
            max_seats: self.max_seats,
            discount_amount: totals.discount_amount,
            net_amount: totals.net(),
            tax_amount: totals.tax,
            tax_behavior: totals.tax_behavior,
            total_amount: totals.total(),
            currency: self.currency.clone(),
            allow_trial: Some(self.allow_trial),
            active_trial_interval: totals.trial.map(|t| t.0),
            active_trial_interval_count: totals.trial.map(|t| t.1),
            trial_end: totals.trial.map(|t| timestamp(trial_end(now, t))),
            organization_id: catalog::ORGANIZATION_ID.into(),
            product_id: Some(self.product_id.clone()),
            product_price_id: Some(self.product_price_id.clone()),
            discount_id: discount.map(|d| d.discount.id.clone()),
            allow_discount_codes: self.allow_discount_codes,
            require_billing_address: self.require_billing_address,
            // Anything with a price takes a discount, pay what you want included.
            is_discount_applicable: price.is_some() && !is_free,
            is_free_product_price: is_free,
            is_payment_required: payment_required,
            is_payment_setup_required: setup_required,
            is_payment_form_required: payment_required || setup_required,
            customer_id: self.customer_id.clone(),
            is_business_customer: self.is_business_customer,
            customer_name: self.customer_name.clone(),
            customer_email: self.customer_email.clone(),
            customer_ip_address: None,
            customer_billing_name: self.customer_billing_name.clone(),
            customer_billing_address: self.customer_billing_address.clone(),
            customer_tax_id: self.customer_tax_id.clone(),
            locale: self.locale.clone(),
            payment_method_type: self.payment_method_type.clone(),
            payment_processor_metadata: self.processor_metadata(),
            billing_address_fields: geo::address_fields(
                country,
                self.full_address(),
                payment_required || setup_required,
                self.require_billing_address,
            ),
            prices: Some(products.iter().map(|p| (p.id.clone(), p.prices.clone())).collect()),
            products,
            attached_custom_fields: Some(catalog::custom_fields(&self.product_id)),
            product,
            product_price: price,
            discount: discount.map(|d| d.discount.clone()),
            organization: CheckoutOrganization {
                created_at: crate::organization::CREATED_AT.into(),
                modified_at: None,
                id: catalog::ORGANIZATION_ID.into(),
                name: crate::organization::NAME.into(),
                slug: crate::organization::SLUG.into(),
                avatar_url: None,
                proration_behavior: "invoice".into(),
                allow_customer_updates: true,
            },
            customer_session_token: None,
            currency_details,
        }
    }

    /// Renders the session as Polar's merchant-side `Checkout`: the public session
    /// without its `organization`, with what only the merchant sees (metadata, the
    /// external customer, the subscription, the checkout's own trial).
    pub fn render_merchant(
        &self,
        catalog: &[CheckoutProduct],
        base_url: &str,
        now: DateTime<Utc>,
    ) -> serde_json::Value {
        let mut checkout = serde_json::to_value(self.render(catalog, base_url, now)).unwrap_or_default();
        if let Some(fields) = checkout.as_object_mut() {
            fields.remove("organization");
            fields.insert("trial_interval".into(), serde_json::Value::Null);
            fields.insert("trial_interval_count".into(), serde_json::Value::Null);
            fields.insert("metadata".into(), serde_json::Value::Object(self.metadata.clone()));
            fields.insert("external_customer_id".into(), serde_json::Value::Null);
            fields.insert("subscription_id".into(), serde_json::Value::Null);
            fields.insert("customer_metadata".into(), serde_json::json!({}));
        }
        checkout
    }

    fn processor_metadata(&self) -> serde_json::Map<String, serde_json::Value> {
        let mut meta = serde_json::Map::new();
        meta.insert("publishable_key".to_string(), kassa_core::sandbox::PUBLISHABLE_KEY.into());
        if let Some(secret) = self.payment.intent_client_secret.as_ref().filter(|_| self.payment.requires_action) {
            meta.insert("intent_status".into(), kassa_core::sandbox::INTENT_REQUIRES_ACTION.into());
            meta.insert("intent_client_secret".into(), secret.clone().into());
        }
        meta
    }
}
