//! The customer portal's answers: `CustomerSubscription` and what it holds, the list of
//! them, `SubscriptionChargePreview`, and `CustomerSession`. Kassa's extensions (named
//! in the README and in the contract tests' `extensions.json`) are optional and absent
//! when they say nothing, so a subscription from api.polar.sh reads the same way.

use serde::{Deserialize, Serialize};

use crate::checkout::{Benefit, CheckoutProduct, CurrencyDetails, Interval, ProductPrice};
use crate::subscription::status::{CancellationReason, ProrationBehavior, SubscriptionStatus};

/// Polar's `CustomerPortalSubscriptionSettings`: what the customer may change.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PortalSubscriptionSettings {
    /// Whether seats may be changed.
    #[serde(default = "yes")]
    pub update_seats: bool,
    /// Whether the plan may be changed.
    #[serde(default = "yes")]
    pub update_plan: bool,
    /// Whether the subscription may be paused and resumed (Polar's default: no).
    #[serde(default)]
    pub pause: bool,
}

fn yes() -> bool {
    true
}

impl Default for PortalSubscriptionSettings {
    fn default() -> Self {
        Self { update_seats: true, update_plan: true, pause: false }
    }
}

/// Polar's `CustomerPortalUsageSettings`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PortalUsageSettings {
    /// Whether metered usage is shown.
    #[serde(default)]
    pub show: bool,
}

/// Polar's `OrganizationCustomerPortalSettings`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PortalSettings {
    /// Usage display.
    #[serde(default)]
    pub usage: PortalUsageSettings,
    /// What a customer may do to a subscription.
    #[serde(default)]
    pub subscription: PortalSubscriptionSettings,
}

/// Polar's `CustomerOrganization`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CustomerOrganization {
    /// Creation timestamp.
    pub created_at: String,
    /// Last modification timestamp.
    #[serde(default)]
    pub modified_at: Option<String>,
    /// The ID of the organization.
    pub id: String,
    /// Name shown in the portal.
    pub name: String,
    /// Unique slug.
    pub slug: String,
    /// Avatar URL.
    #[serde(default)]
    pub avatar_url: Option<String>,
    /// How a customer's plan or seat change is prorated.
    #[serde(default)]
    pub proration_behavior: ProrationBehavior,
    /// Whether customers can update their subscriptions.
    #[serde(default)]
    pub allow_customer_updates: bool,
    /// What the portal lets a customer do.
    #[serde(default)]
    pub customer_portal_settings: PortalSettings,
}

/// Polar's `CustomerSubscriptionProduct`: the checkout's product with its organization.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CustomerSubscriptionProduct {
    /// The product, as a checkout shows it.
    #[serde(flatten)]
    pub product: CheckoutProduct,
    /// Its organization.
    pub organization: CustomerOrganization,
}

/// Polar's `PendingSubscriptionUpdate`: a change waiting for the next period.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PendingUpdate {
    /// Creation timestamp.
    pub created_at: String,
    /// Last modification timestamp.
    #[serde(default)]
    pub modified_at: Option<String>,
    /// The ID of the update.
    pub id: String,
    /// When it applies.
    pub applies_at: String,
    /// The product it switches to, if it switches product.
    #[serde(default)]
    pub product_id: Option<String>,
    /// The seats it sets, if it sets seats.
    #[serde(default)]
    pub seats: Option<u32>,
}

/// Kassa extension (seed 001, PayNext's `past_due`): where the retries of a failed
/// renewal stand.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PastDue {
    /// Attempts made so far.
    pub attempt_count: u32,
    /// Attempts that will be made before the subscription is `unpaid`.
    pub max_attempts_count: u32,
}

/// Kassa extension (seed 004, a card gateway's `next_charge_date`): the dates the next
/// charge may be moved to, both exclusive, as `YYYY-MM-DD`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct NextChargeWindow {
    /// The next charge must fall strictly after this day (active-from).
    pub after: String,
    /// The next charge must fall strictly before this day (active-to), if the
    /// subscription has an end.
    #[serde(default)]
    pub before: Option<String>,
}

/// Polar's `CustomerSubscription`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CustomerSubscription {
    /// Creation timestamp.
    pub created_at: String,
    /// Last modification timestamp.
    #[serde(default)]
    pub modified_at: Option<String>,
    /// The ID of the subscription.
    pub id: String,
    /// What each period costs, after discount, before tax, in minor units.
    pub amount: i64,
    /// Currency, lower case.
    pub currency: String,
    /// Billing interval.
    #[serde(deserialize_with = "Interval::lenient")]
    pub recurring_interval: Option<Interval>,
    /// Intervals per period.
    #[serde(default = "one")]
    pub recurring_interval_count: u32,
    /// Status.
    #[serde(default)]
    pub status: SubscriptionStatus,
    /// Start of the current period.
    pub current_period_start: String,
    /// End of the current period: the next charge.
    pub current_period_end: String,
    /// Start of the current meter period.
    #[serde(default)]
    pub current_meter_period_start: Option<String>,
    /// End of the current meter period.
    #[serde(default)]
    pub current_meter_period_end: Option<String>,
    /// Start of the trial.
    #[serde(default)]
    pub trial_start: Option<String>,
    /// End of the trial.
    #[serde(default)]
    pub trial_end: Option<String>,
    /// Whether it ends at the end of the period.
    #[serde(default)]
    pub cancel_at_period_end: bool,
    /// When it was canceled.
    #[serde(default)]
    pub canceled_at: Option<String>,
    /// When it started.
    #[serde(default)]
    pub started_at: Option<String>,
    /// When it will end.
    #[serde(default)]
    pub ends_at: Option<String>,
    /// When it ended.
    #[serde(default)]
    pub ended_at: Option<String>,
    /// When it became past due (optional in Polar's document).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub past_due_at: Option<String>,
    /// Whether it pauses at the end of the period.
    #[serde(default)]
    pub pause_at_period_end: bool,
    /// When it was paused.
    #[serde(default)]
    pub paused_at: Option<String>,
    /// When a paused subscription resumes.
    #[serde(default)]
    pub resumes_at: Option<String>,
    /// The customer.
    pub customer_id: String,
    /// The product.
    pub product_id: String,
    /// The discount.
    #[serde(default)]
    pub discount_id: Option<String>,
    /// The checkout it was bought in.
    #[serde(default)]
    pub checkout_id: Option<String>,
    /// Seats, for a seat-based subscription (optional in Polar's document).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seats: Option<u32>,
    /// Why the customer canceled.
    #[serde(default)]
    pub customer_cancellation_reason: Option<CancellationReason>,
    /// The customer's words on canceling.
    #[serde(default)]
    pub customer_cancellation_comment: Option<String>,
    /// The product, with its organization.
    pub product: CustomerSubscriptionProduct,
    /// The prices billed.
    #[serde(default)]
    pub prices: Vec<ProductPrice>,
    /// Metered usage this period.
    #[serde(default)]
    pub meters: Vec<serde_json::Value>,
    /// A change waiting for the next period.
    #[serde(default)]
    pub pending_update: Option<PendingUpdate>,
    /// Kassa extension: retries of a failed renewal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub past_due: Option<PastDue>,
    /// Kassa extension: where the next charge may be moved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_charge_window: Option<NextChargeWindow>,
    /// Kassa extension: the period's amount in the customer's local currency.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency_details: Option<CurrencyDetails>,
}

fn one() -> u32 {
    1
}

impl CustomerSubscription {
    /// The benefits of the subscribed product.
    pub fn benefits(&self) -> &[Benefit] {
        &self.product.product.benefits
    }
}

/// Polar's `Pagination`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Pagination {
    /// How many items match.
    pub total_count: u64,
    /// The last page.
    pub max_page: u64,
}

/// Polar's `ListResource_CustomerSubscription_`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SubscriptionList {
    /// This page.
    pub items: Vec<CustomerSubscription>,
    /// Paging.
    pub pagination: Pagination,
}

/// Polar's `SubscriptionChargePreviewProration`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Proration {
    /// What it is for.
    pub label: String,
    /// Signed: positive charges, negative credits.
    pub amount: i64,
}

/// Polar's `SubscriptionChargePreview`: what an invoice would bill.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ChargePreview {
    /// The plan's own amount.
    pub base_amount: i64,
    /// Metered usage.
    pub metered_amount: i64,
    /// The sum of the prorations.
    pub proration_amount: i64,
    /// Each proration.
    pub prorations: Vec<Proration>,
    /// Before discount and tax.
    pub subtotal_amount: i64,
    /// Discount.
    pub discount_amount: i64,
    /// After discount, before tax.
    pub net_amount: i64,
    /// Tax.
    pub tax_amount: i64,
    /// After tax.
    pub total_amount: i64,
    /// Taken from the customer's balance.
    pub applied_balance_amount: i64,
    /// What is charged.
    pub due_amount: i64,
}

/// Polar's `CustomerSession` (the customer is kept as it came: Kassa reads only its ID).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CustomerSession {
    /// Creation timestamp.
    pub created_at: String,
    /// Last modification timestamp.
    #[serde(default)]
    pub modified_at: Option<String>,
    /// The session's ID.
    pub id: String,
    /// The bearer token.
    pub token: String,
    /// When the token stops working.
    pub expires_at: String,
    /// Where the portal's back link goes.
    #[serde(default)]
    pub return_url: Option<String>,
    /// The hosted portal.
    pub customer_portal_url: String,
    /// The customer.
    pub customer_id: String,
    /// The customer, in Polar's `Customer` shape.
    pub customer: serde_json::Value,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A subscription as api.polar.sh might send it: no Kassa extensions, no `seats`,
    /// a status and reason from the future, and a field Kassa does not know.
    const FROM_POLAR: &str = r#"{
        "created_at": "2026-11-01T10:00:00Z", "modified_at": null,
        "id": "e0b6a1de-0000-4000-8000-000000000001", "amount": 1900, "currency": "usd",
        "recurring_interval": "month", "recurring_interval_count": 1, "status": "hibernating",
        "current_period_start": "2026-11-01T10:00:00Z", "current_period_end": "2026-12-01T10:00:00Z",
        "current_meter_period_start": null, "current_meter_period_end": null,
        "trial_start": null, "trial_end": null, "cancel_at_period_end": true,
        "canceled_at": "2026-11-02T10:00:00Z", "started_at": "2026-11-01T10:00:00Z",
        "ends_at": "2026-12-01T10:00:00Z", "ended_at": null, "pause_at_period_end": false,
        "paused_at": null, "resumes_at": null,
        "customer_id": "c0000000-0000-4000-8000-000000000001",
        "product_id": "5a1d0000-0000-4000-8000-000000000102", "discount_id": null, "checkout_id": null,
        "customer_cancellation_reason": "found_a_cheaper_one", "customer_cancellation_comment": null,
        "units": null,
        "product": {
            "id": "5a1d0000-0000-4000-8000-000000000102", "created_at": "2026-01-01T00:00:00Z",
            "modified_at": null, "trial_interval": null, "trial_interval_count": null,
            "name": "Starter", "description": null, "visibility": "public",
            "recurring_interval": "month", "recurring_interval_count": 1,
            "meter_interval": null, "meter_interval_count": null, "is_recurring": true,
            "is_archived": false, "organization_id": "0a7c0000-0000-4000-8000-000000000001",
            "prices": [], "benefits": [], "medias": [],
            "organization": {
                "created_at": "2026-01-01T00:00:00Z", "modified_at": null,
                "id": "0a7c0000-0000-4000-8000-000000000001", "name": "Shop", "slug": "shop",
                "avatar_url": null, "proration_behavior": "prorate", "allow_customer_updates": true,
                "customer_portal_settings": {"usage": {"show": true}, "subscription": {"update_seats": true, "update_plan": true}},
                "organization_features": {"member_model_enabled": false}
            }
        },
        "prices": [], "meters": [], "pending_update": null
    }"#;

    #[test]
    fn reads_a_polar_subscription_leniently() {
        let sub: CustomerSubscription = serde_json::from_str(FROM_POLAR).unwrap();
        assert_eq!(sub.status, SubscriptionStatus::Unknown);
        assert_eq!(sub.customer_cancellation_reason, Some(CancellationReason::Unknown));
        assert_eq!(sub.recurring_interval, Some(Interval::Month));
        assert_eq!(sub.seats, None);
        assert!(sub.past_due.is_none() && sub.next_charge_window.is_none());
        let org = &sub.product.organization;
        assert_eq!(org.proration_behavior, ProrationBehavior::Prorate);
        // `pause` absent: Polar's default, not allowed.
        assert!(!org.customer_portal_settings.subscription.pause);
    }

    #[test]
    fn reads_a_subscription_whose_product_and_prices_are_polars_own() {
        // The product of a session Polar sent (its every price type and benefit), as a
        // subscription's product: whatever Polar writes there, Kassa reads.
        let checkout: serde_json::Value = serde_json::from_str(crate::checkout::POLAR_FIXTURE).unwrap();
        let mut sub: serde_json::Value = serde_json::from_str(FROM_POLAR).unwrap();
        let organization = sub["product"]["organization"].clone();
        let mut product = checkout["products"][0].clone();
        product["organization"] = organization;
        sub["prices"] = product["prices"].clone();
        sub["product"] = product;
        sub["prices"].as_array_mut().unwrap().push(serde_json::json!({
            "created_at": "2026-01-01T00:00:00Z", "modified_at": null, "id": "p-future", "source": "catalog",
            "amount_type": "meter_credit", "price_currency": "usd", "is_archived": false,
            "product_id": "x", "credits": 100, "a_field_from_the_future": {"nested": true}
        }));
        let read: CustomerSubscription = serde_json::from_value(sub).unwrap();
        assert!(!read.prices.is_empty());
        assert_eq!(read.prices.last().unwrap().amount_type, crate::checkout::AmountType::Unknown);
        assert_eq!(read.product.product.name, checkout["products"][0]["name"].as_str().unwrap());
    }

    #[test]
    fn writes_no_extension_that_says_nothing() {
        let sub: CustomerSubscription = serde_json::from_str(FROM_POLAR).unwrap();
        let json = serde_json::to_value(&sub).unwrap();
        for key in ["past_due", "next_charge_window", "currency_details", "seats", "past_due_at"] {
            assert!(json.get(key).is_none(), "{key} written");
        }
        assert_eq!(json["product"]["organization"]["slug"], "shop");
        assert_eq!(json["product"]["name"], "Starter");
    }
}
