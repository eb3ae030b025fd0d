//! Polar's `CheckoutPublic`: the checkout session as the client secret sees it.

use crate::checkout::ObjectMap;
use serde::{Deserialize, Serialize};

use crate::checkout::{
    Address, AttachedCustomField, BillingAddressFields, CheckoutDiscount, CheckoutProduct, CurrencyDetails, Interval,
    ProductPrice,
};

/// Status of a checkout session.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CheckoutStatus {
    /// Open: the buyer can still change and pay it.
    #[default]
    Open,
    /// Expired: no longer accessible.
    Expired,
    /// The buyer clicked Pay; the payment's outcome is not known yet.
    Confirmed,
    /// Paid.
    Succeeded,
    /// Failed for technical reasons; cannot be retried.
    Failed,
    /// A status this version of Kassa does not know: shown as closed.
    #[serde(other)]
    Unknown,
}

impl CheckoutStatus {
    /// Whether no further change or payment is possible.
    pub fn is_terminal(&self) -> bool {
        !matches!(self, Self::Open)
    }
}

/// Whether a price includes tax or has it added on top.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TaxBehavior {
    /// Tax is included in the price.
    Inclusive,
    /// Tax is added to the price.
    Exclusive,
    /// A behaviour this version of Kassa does not know: tax shown as a line, not added.
    #[serde(other)]
    Unknown,
}

/// The merchant's organization as shown in the checkout.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct CheckoutOrganization {
    /// Creation timestamp.
    pub created_at: String,
    /// Last modification timestamp.
    #[serde(default)]
    pub modified_at: Option<String>,
    /// The ID of the organization.
    pub id: String,
    /// Name shown in the checkout.
    pub name: String,
    /// Unique slug.
    pub slug: String,
    /// Avatar URL.
    #[serde(default)]
    pub avatar_url: Option<String>,
    /// How subscription changes are prorated.
    #[serde(default = "invoice")]
    pub proration_behavior: String,
    /// Whether customers can update their subscriptions.
    #[serde(default)]
    pub allow_customer_updates: bool,
}

fn invoice() -> String {
    "invoice".to_string()
}

/// Polar's `CheckoutPublic`, plus Kassa's optional `currency_details`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct CheckoutPublic {
    /// The ID of the checkout.
    pub id: String,
    /// Creation timestamp.
    pub created_at: String,
    /// Last modification timestamp.
    #[serde(default)]
    pub modified_at: Option<String>,
    /// Values of the custom fields, by slug.
    #[serde(default)]
    #[cfg_attr(feature = "ts", tsify(type = "Record<string, unknown>"))]
    pub custom_field_data: serde_json::Map<String, serde_json::Value>,
    /// Payment processor (`stripe`; the sandbox says `stripe` too).
    pub payment_processor: String,
    /// Status of the session.
    pub status: CheckoutStatus,
    /// Secret used to read, update and confirm the session from the browser.
    pub client_secret: String,
    /// URL of the hosted checkout.
    pub url: String,
    /// When the session expires.
    pub expires_at: String,
    /// Where the buyer goes after paying.
    pub success_url: String,
    /// Where a back button leads, if set.
    #[serde(default)]
    pub return_url: Option<String>,
    /// Origin of the embedding page, if embedded.
    #[serde(default)]
    pub embed_origin: Option<String>,
    /// Amount before discounts and taxes, in minor units.
    pub amount: i64,
    /// Seats, for seat-based prices.
    #[serde(default)]
    pub seats: Option<u32>,
    /// Fewest seats allowed, for seat-based prices.
    #[serde(default)]
    pub min_seats: Option<u32>,
    /// Most seats allowed, for seat-based prices.
    #[serde(default)]
    pub max_seats: Option<u32>,
    /// Discount amount, in minor units.
    #[serde(default)]
    pub discount_amount: i64,
    /// Amount after discounts, before taxes.
    #[serde(default)]
    pub net_amount: i64,
    /// Tax amount; `None` while there is not enough information to compute it.
    #[serde(default)]
    pub tax_amount: Option<i64>,
    /// Whether prices include tax; `None` while tax is not computed.
    #[serde(default)]
    pub tax_behavior: Option<TaxBehavior>,
    /// Amount after discounts and taxes: what is charged now.
    pub total_amount: i64,
    /// Currency code of the session, lower case.
    pub currency: String,
    /// Whether the trial is enabled.
    #[serde(default)]
    pub allow_trial: Option<bool>,
    /// Trial interval unit in force, if any.
    #[serde(default, deserialize_with = "Interval::lenient")]
    pub active_trial_interval: Option<Interval>,
    /// Trial interval count in force, if any.
    #[serde(default)]
    pub active_trial_interval_count: Option<u32>,
    /// End of the trial, if any.
    #[serde(default)]
    pub trial_end: Option<String>,
    /// The ID of the merchant's organization.
    #[serde(default)]
    pub organization_id: String,
    /// Selected product.
    #[serde(default)]
    pub product_id: Option<String>,
    /// Selected price.
    #[serde(default)]
    pub product_price_id: Option<String>,
    /// Applied discount.
    #[serde(default)]
    pub discount_id: Option<String>,
    /// Whether the buyer may enter discount codes.
    #[serde(default)]
    pub allow_discount_codes: bool,
    /// Whether the full billing address is required.
    #[serde(default)]
    pub require_billing_address: bool,
    /// Whether a discount can apply to the selected price.
    #[serde(default)]
    pub is_discount_applicable: bool,
    /// Whether the selected price is free.
    #[serde(default)]
    pub is_free_product_price: bool,
    /// Whether a payment is needed.
    #[serde(default)]
    pub is_payment_required: bool,
    /// Whether a payment method must be set up regardless of the amount.
    #[serde(default)]
    pub is_payment_setup_required: bool,
    /// Whether the payment form is needed at all.
    #[serde(default)]
    pub is_payment_form_required: bool,
    /// The customer, once known. Never changes after creation.
    #[serde(default)]
    pub customer_id: Option<String>,
    /// Whether the buyer purchases as a business.
    #[serde(default)]
    pub is_business_customer: bool,
    /// Buyer's name.
    #[serde(default)]
    pub customer_name: Option<String>,
    /// Buyer's email.
    #[serde(default)]
    pub customer_email: Option<String>,
    /// Buyer's IP address.
    #[serde(default)]
    pub customer_ip_address: Option<String>,
    /// Name on the invoice, for business purchases.
    #[serde(default)]
    pub customer_billing_name: Option<String>,
    /// Billing address.
    #[serde(default)]
    pub customer_billing_address: Option<Address>,
    /// Tax ID (VAT number).
    #[serde(default)]
    pub customer_tax_id: Option<String>,
    /// Locale of the session.
    #[serde(default)]
    pub locale: Option<String>,
    /// The payment method type the buyer picked (`card`, …).
    #[serde(default)]
    pub payment_method_type: Option<String>,
    /// Processor data (publishable key, the intent's status and secret). Values are
    /// strings on Polar today; anything else is kept and ignored.
    #[serde(default)]
    #[cfg_attr(feature = "ts", tsify(type = "Record<string, unknown>"))]
    pub payment_processor_metadata: serde_json::Map<String, serde_json::Value>,
    /// Which billing address fields are required, optional or hidden.
    #[serde(default)]
    pub billing_address_fields: BillingAddressFields,
    /// Products the buyer can choose from.
    #[serde(default)]
    pub products: Vec<CheckoutProduct>,
    /// The selected product.
    #[serde(default)]
    pub product: Option<CheckoutProduct>,
    /// The selected price.
    #[serde(default)]
    pub product_price: Option<ProductPrice>,
    /// Prices per product ID.
    #[serde(default)]
    #[cfg_attr(feature = "ts", tsify(type = "Record<string, ProductPrice[]> | null"))]
    pub prices: Option<ObjectMap<Vec<ProductPrice>>>,
    /// The applied discount.
    #[serde(default)]
    pub discount: Option<CheckoutDiscount>,
    /// The merchant.
    pub organization: CheckoutOrganization,
    /// Custom fields to fill.
    #[serde(default)]
    pub attached_custom_fields: Option<Vec<AttachedCustomField>>,
    /// Token for reading the order right after confirmation (`CheckoutPublicConfirmed`);
    /// only present in the answer to a confirm.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_session_token: Option<String>,
    /// Kassa extension: the buyer's local currency beside the payment currency.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency_details: Option<CurrencyDetails>,
}

impl CheckoutPublic {
    /// The selected price: `product_price`, else looked up by `product_price_id` among
    /// the products.
    pub fn selected_price(&self) -> Option<&ProductPrice> {
        if let Some(price) = &self.product_price {
            return Some(price);
        }
        let id = self.product_price_id.as_deref()?;
        self.products.iter().find_map(|p| p.price(id))
    }

    /// The selected product: `product`, else looked up by `product_id`.
    pub fn selected_product(&self) -> Option<&CheckoutProduct> {
        if let Some(product) = &self.product {
            return Some(product);
        }
        let id = self.product_id.as_deref()?;
        self.products.iter().find(|p| p.id == id)
    }

    /// A string of `payment_processor_metadata` (`publishable_key`, `intent_status`, …).
    pub fn processor_meta(&self, key: &str) -> Option<&str> {
        self.payment_processor_metadata.get(key).and_then(serde_json::Value::as_str)
    }

    /// The payment currency's exponent: the session's own `currency_decimals` where it
    /// states one, else ISO 4217's (2 for a code ISO does not know). The one exponent
    /// amounts are shown with and typed amounts are parsed with.
    pub fn payment_exponent(&self) -> u8 {
        self.currency_details
            .as_ref()
            .and_then(|d| d.payment_decimals())
            .unwrap_or_else(|| crate::money::Currency::parse(&self.currency).map_or(2, |c| c.exponent()))
    }

    /// The seats the buyer may choose, `(fewest, most)`: the selected price's bounds
    /// narrowed by the checkout's own `min_seats`/`max_seats`. `None` unless the
    /// selected price is seat-based.
    pub fn seat_bounds(&self) -> Option<(u32, u32)> {
        self.selected_price()?.seat_bounds_within(self.min_seats, self.max_seats)
    }

    /// The billing interval of the selection: the legacy price's own interval, else the
    /// product's; `None` for a one-time purchase.
    pub fn billing_interval(&self) -> Option<(Interval, u32)> {
        let product = self.selected_product();
        let count = product.and_then(|p| p.recurring_interval_count).unwrap_or(1);
        if let Some(interval) = self.selected_price().and_then(|p| p.recurring_interval) {
            return Some((interval, count));
        }
        product.and_then(|p| p.recurring_interval).map(|i| (i, count))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::checkout::POLAR_FIXTURE as POLAR;

    #[test]
    fn the_payment_exponent_is_the_sessions_own_where_it_states_one() {
        let mut c: CheckoutPublic = serde_json::from_str(POLAR).unwrap();
        assert_eq!(c.payment_exponent(), 2, "EUR by ISO 4217");
        c.currency = "isk".into();
        assert_eq!(c.payment_exponent(), 0, "ISK by ISO 4217");
        // Processors count ISK in hundredths: the session says so, and both showing and
        // parsing a typed amount follow it.
        c.currency_details = Some(
            serde_json::from_value(serde_json::json!({
                "plan": {"payment": {"amount": 1250, "currency": "ISK", "currency_decimals": 2}}
            }))
            .unwrap(),
        );
        assert_eq!(c.payment_exponent(), 2);
        assert_eq!(crate::money::amount::parse_minor("12.50", c.payment_exponent()), Some(1250));
    }

    #[test]
    fn seat_bounds_are_the_prices_narrowed_by_the_checkouts() {
        let mut c: CheckoutPublic = serde_json::from_str(POLAR).unwrap();
        assert_eq!(c.seat_bounds(), None, "not a seat-based price");
        let price: ProductPrice = serde_json::from_value(serde_json::json!({
            "id": "seats", "created_at": "2026-01-01T00:00:00Z", "amount_type": "seat_based",
            "price_currency": "eur", "product_id": c.products[0].id,
            "seat_tiers": {"tiers": [{"min_seats": 1, "max_seats": null, "price_per_seat": 900}],
                           "minimum_seats": 1, "maximum_seats": null}
        }))
        .unwrap();
        c.product_price = Some(price);
        assert_eq!(c.seat_bounds(), Some((1, crate::checkout::price::MAX_SEATS)));
        (c.min_seats, c.max_seats) = (Some(3), Some(20));
        assert_eq!(c.seat_bounds(), Some((3, 20)));
    }
}
