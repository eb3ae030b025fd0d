//! How the subscription screen reads the customer portal's answers: [`FromWire`] for
//! `CustomerSubscription` and what it holds, and `SubscriptionChargePreview`, field by
//! field as their serde attributes say (the sandbox writes with serde; the tests below
//! hold the two to agree). Reading the browser's own `JSON.parse` object this way keeps
//! serde's deserializers out of the screen's wasm, as the checkout's `read.rs` does.

use crate::checkout::{CheckoutProduct, Interval};
use crate::subscription::model::{
    ChargePreview, CustomerOrganization, CustomerSubscription, CustomerSubscriptionProduct, NextChargeWindow, PastDue,
    PendingUpdate, PortalSettings, PortalSubscriptionSettings, PortalUsageSettings, Proration,
};
use crate::subscription::status::{CancellationReason, ProrationBehavior, SubscriptionStatus};
use crate::wire::{fields, FromWire, Wire};
use crate::wire_enum;
use crate::Result;

wire_enum!(SubscriptionStatus {
    "incomplete" => Incomplete, "incomplete_expired" => IncompleteExpired, "trialing" => Trialing,
    "active" => Active, "past_due" => PastDue, "canceled" => Canceled, "unpaid" => Unpaid, "paused" => Paused,
});
wire_enum!(CancellationReason {
    "customer_service" => CustomerService, "low_quality" => LowQuality, "missing_features" => MissingFeatures,
    "switched_service" => SwitchedService, "too_complex" => TooComplex, "too_expensive" => TooExpensive,
    "unused" => Unused, "other" => Other,
});
wire_enum!(ProrationBehavior { "invoice" => Invoice, "prorate" => Prorate, "next_period" => NextPeriod, "reset" => Reset });

impl FromWire for PortalSubscriptionSettings {
    fn from_wire<W: Wire>(w: &W) -> Result<Self> {
        let f = fields(w)?;
        f.done(Self {
            update_seats: f.opt::<Option<bool>>("update_seats").unwrap_or(true),
            update_plan: f.opt::<Option<bool>>("update_plan").unwrap_or(true),
            pause: f.opt("pause"),
        })
    }
}

impl FromWire for PortalUsageSettings {
    fn from_wire<W: Wire>(w: &W) -> Result<Self> {
        let f = fields(w)?;
        f.done(Self { show: f.opt("show") })
    }
}

impl FromWire for PortalSettings {
    fn from_wire<W: Wire>(w: &W) -> Result<Self> {
        let f = fields(w)?;
        f.done(Self { usage: f.opt("usage"), subscription: f.opt("subscription") })
    }
}

impl FromWire for CustomerOrganization {
    fn from_wire<W: Wire>(w: &W) -> Result<Self> {
        let f = fields(w)?;
        f.done(Self {
            created_at: f.req("created_at"),
            modified_at: f.opt("modified_at"),
            id: f.req("id"),
            name: f.req("name"),
            slug: f.req("slug"),
            avatar_url: f.opt("avatar_url"),
            proration_behavior: f.opt("proration_behavior"),
            allow_customer_updates: f.opt("allow_customer_updates"),
            customer_portal_settings: f.opt("customer_portal_settings"),
        })
    }
}

impl FromWire for CustomerSubscriptionProduct {
    /// The product's own fields and its `organization`, on one object (serde's `flatten`).
    fn from_wire<W: Wire>(w: &W) -> Result<Self> {
        let product = CheckoutProduct::from_wire(w)?;
        let f = fields(w)?;
        f.done(Self { product, organization: f.req("organization") })
    }
}

impl FromWire for PendingUpdate {
    fn from_wire<W: Wire>(w: &W) -> Result<Self> {
        let f = fields(w)?;
        f.done(Self {
            created_at: f.req("created_at"),
            modified_at: f.opt("modified_at"),
            id: f.req("id"),
            applies_at: f.req("applies_at"),
            product_id: f.opt("product_id"),
            seats: f.opt("seats"),
        })
    }
}

impl FromWire for PastDue {
    fn from_wire<W: Wire>(w: &W) -> Result<Self> {
        let f = fields(w)?;
        f.done(Self { attempt_count: f.req("attempt_count"), max_attempts_count: f.req("max_attempts_count") })
    }
}

impl FromWire for NextChargeWindow {
    fn from_wire<W: Wire>(w: &W) -> Result<Self> {
        let f = fields(w)?;
        f.done(Self { after: f.req("after"), before: f.opt("before") })
    }
}

impl FromWire for CustomerSubscription {
    fn from_wire<W: Wire>(w: &W) -> Result<Self> {
        let f = fields(w)?;
        f.done(Self {
            created_at: f.req("created_at"),
            modified_at: f.opt("modified_at"),
            id: f.req("id"),
            amount: f.req("amount"),
            currency: f.req("currency"),
            recurring_interval: f.lenient("recurring_interval", Interval::parse),
            recurring_interval_count: f.opt::<Option<u32>>("recurring_interval_count").unwrap_or(1),
            status: f.opt("status"),
            current_period_start: f.req("current_period_start"),
            current_period_end: f.req("current_period_end"),
            current_meter_period_start: f.opt("current_meter_period_start"),
            current_meter_period_end: f.opt("current_meter_period_end"),
            trial_start: f.opt("trial_start"),
            trial_end: f.opt("trial_end"),
            cancel_at_period_end: f.opt("cancel_at_period_end"),
            canceled_at: f.opt("canceled_at"),
            started_at: f.opt("started_at"),
            ends_at: f.opt("ends_at"),
            ended_at: f.opt("ended_at"),
            past_due_at: f.opt("past_due_at"),
            pause_at_period_end: f.opt("pause_at_period_end"),
            paused_at: f.opt("paused_at"),
            resumes_at: f.opt("resumes_at"),
            customer_id: f.req("customer_id"),
            product_id: f.req("product_id"),
            discount_id: f.opt("discount_id"),
            checkout_id: f.opt("checkout_id"),
            seats: f.opt("seats"),
            customer_cancellation_reason: f.opt("customer_cancellation_reason"),
            customer_cancellation_comment: f.opt("customer_cancellation_comment"),
            product: f.req("product"),
            prices: f.opt("prices"),
            meters: f.opt("meters"),
            pending_update: f.opt("pending_update"),
            past_due: f.opt("past_due"),
            next_charge_window: f.opt("next_charge_window"),
            currency_details: f.opt("currency_details"),
        })
    }
}

impl FromWire for Proration {
    fn from_wire<W: Wire>(w: &W) -> Result<Self> {
        let f = fields(w)?;
        f.done(Self { label: f.req("label"), amount: f.req("amount") })
    }
}

impl FromWire for ChargePreview {
    fn from_wire<W: Wire>(w: &W) -> Result<Self> {
        let f = fields(w)?;
        f.done(Self {
            base_amount: f.opt("base_amount"),
            metered_amount: f.opt("metered_amount"),
            proration_amount: f.opt("proration_amount"),
            prorations: f.opt("prorations"),
            subtotal_amount: f.opt("subtotal_amount"),
            discount_amount: f.opt("discount_amount"),
            net_amount: f.opt("net_amount"),
            tax_amount: f.opt("tax_amount"),
            total_amount: f.opt("total_amount"),
            applied_balance_amount: f.opt("applied_balance_amount"),
            due_amount: f.opt("due_amount"),
        })
    }
}

#[cfg(test)]
mod tests {
    use serde_json::Value;

    use super::*;
    use crate::wire::read;

    const FIXTURE: &str = include_str!("../../tests/fixtures/customer_subscription.json");

    /// What serde reads and what the screen's reader reads are the same.
    fn agree(json: &Value) {
        let by_serde: CustomerSubscription = serde_json::from_value(json.clone()).unwrap();
        let by_wire: CustomerSubscription = read(&json).unwrap();
        assert_eq!(by_wire, by_serde);
    }

    #[test]
    fn the_screens_reader_agrees_with_serde() {
        let mut json: Value = serde_json::from_str(FIXTURE).unwrap();
        agree(&json);
        json["status"] = "hibernating".into();
        json["customer_cancellation_reason"] = "bored".into();
        json["past_due"] = serde_json::json!({"attempt_count": 2, "max_attempts_count": 7});
        json["next_charge_window"] = serde_json::json!({"after": "2026-12-04", "before": null});
        json["pending_update"] = serde_json::json!({
            "created_at": "2026-12-04T00:00:00Z", "modified_at": null, "id": "p",
            "applies_at": "2026-12-24T00:00:00Z", "product_id": null, "seats": 4
        });
        json["product"]["organization"]["customer_portal_settings"] =
            serde_json::json!({"subscription": {"update_plan": false}});
        json["product"]["organization"]["proration_behavior"] = "someday".into();
        agree(&json);
        let read: CustomerSubscription = read(&&json).unwrap();
        assert_eq!(read.status, SubscriptionStatus::Unknown);
        assert!(
            read.product.organization.customer_portal_settings.subscription.update_seats,
            "absent: Polar's default"
        );
    }

    #[test]
    fn a_subscription_without_its_product_is_refused_by_name() {
        let mut json: Value = serde_json::from_str(FIXTURE).unwrap();
        json.as_object_mut().unwrap().remove("product");
        let error = read::<CustomerSubscription, _>(&&json).unwrap_err();
        assert!(error.to_string().contains("product"), "{error}");
    }

    #[test]
    fn a_preview_reads() {
        let json = serde_json::json!({
            "base_amount": 0, "metered_amount": 0, "proration_amount": 799,
            "prorations": [{"label": "Kassa Team (3 → 4 seats)", "amount": 799}],
            "subtotal_amount": 799, "discount_amount": 0, "net_amount": 799, "tax_amount": 0,
            "total_amount": 799, "applied_balance_amount": 0, "due_amount": 799
        });
        let by_serde: ChargePreview = serde_json::from_value(json.clone()).unwrap();
        assert_eq!(read::<ChargePreview, _>(&&json).unwrap(), by_serde);
    }
}
