//! How the widget reads a session: [`FromWire`] for `CheckoutPublic` and every type in
//! it, field by field as their serde attributes say (`req`: no `default`; `opt`:
//! `default`; `or`: a named default; `present`: absent and `null` told apart; `lenient`:
//! `Interval::lenient`). Why this exists beside serde, and how the two are held to agree:
//! `crate::wire`.

use crate::checkout::custom_field::{CustomFieldProperties, SelectOption};
use crate::checkout::{
    Address, AmountPair, AmountType, AttachedCustomField, Benefit, BillingAddressFields, CheckoutDiscount,
    CheckoutOrganization, CheckoutProduct, CheckoutPublic, CheckoutStatus, CurrencyDetails, CustomField,
    CustomFieldType, DiscountDuration, DiscountType, FieldMode, Interval, LocalAmount, PaymentAmount,
    PlanCurrencyDetails, PriceMeter, PriceType, ProductPrice, SeatTier, SeatTierType, SeatTiers, TaxBehavior,
    TaxBehaviorOption,
};
use crate::wire::{fields, FromWire, Wire};
use crate::wire_enum;
use crate::Result;

wire_enum!(CheckoutStatus { "open" => Open, "expired" => Expired, "confirmed" => Confirmed, "succeeded" => Succeeded, "failed" => Failed });
wire_enum!(TaxBehavior { "inclusive" => Inclusive, "exclusive" => Exclusive });
wire_enum!(TaxBehaviorOption { "location" => Location, "inclusive" => Inclusive, "exclusive" => Exclusive });
wire_enum!(AmountType { "fixed" => Fixed, "custom" => Custom, "free" => Free, "seat_based" => SeatBased, "metered_unit" => MeteredUnit });
wire_enum!(PriceType { "one_time" => OneTime, "recurring" => Recurring });
wire_enum!(SeatTierType { "volume" => Volume, "graduated" => Graduated });
wire_enum!(FieldMode { "required" => Required, "optional" => Optional, "disabled" => Disabled });
wire_enum!(CustomFieldType { "text" => Text, "number" => Number, "date" => Date, "checkbox" => Checkbox, "select" => Select });
wire_enum!(DiscountType { "fixed" => Fixed, "percentage" => Percentage });
wire_enum!(DiscountDuration { "once" => Once, "forever" => Forever, "repeating" => Repeating });

impl FromWire for CheckoutPublic {
    #[inline(never)]
    fn from_wire<W: Wire>(w: &W) -> Result<Self> {
        let f = fields(w)?;
        f.done(Self {
            id: f.req("id"),
            created_at: f.req("created_at"),
            modified_at: f.opt("modified_at"),
            custom_field_data: f.opt("custom_field_data"),
            payment_processor: f.req("payment_processor"),
            status: f.req("status"),
            client_secret: f.req("client_secret"),
            url: f.req("url"),
            expires_at: f.req("expires_at"),
            success_url: f.req("success_url"),
            return_url: f.opt("return_url"),
            embed_origin: f.opt("embed_origin"),
            amount: f.req("amount"),
            seats: f.opt("seats"),
            min_seats: f.opt("min_seats"),
            max_seats: f.opt("max_seats"),
            discount_amount: f.opt("discount_amount"),
            net_amount: f.opt("net_amount"),
            tax_amount: f.opt("tax_amount"),
            tax_behavior: f.opt("tax_behavior"),
            total_amount: f.req("total_amount"),
            currency: f.req("currency"),
            allow_trial: f.opt("allow_trial"),
            active_trial_interval: f.lenient("active_trial_interval", Interval::parse),
            active_trial_interval_count: f.opt("active_trial_interval_count"),
            trial_end: f.opt("trial_end"),
            organization_id: f.opt("organization_id"),
            product_id: f.opt("product_id"),
            product_price_id: f.opt("product_price_id"),
            discount_id: f.opt("discount_id"),
            allow_discount_codes: f.opt("allow_discount_codes"),
            require_billing_address: f.opt("require_billing_address"),
            is_discount_applicable: f.opt("is_discount_applicable"),
            is_free_product_price: f.opt("is_free_product_price"),
            is_payment_required: f.opt("is_payment_required"),
            is_payment_setup_required: f.opt("is_payment_setup_required"),
            is_payment_form_required: f.opt("is_payment_form_required"),
            customer_id: f.opt("customer_id"),
            is_business_customer: f.opt("is_business_customer"),
            customer_name: f.opt("customer_name"),
            customer_email: f.opt("customer_email"),
            customer_ip_address: f.opt("customer_ip_address"),
            customer_billing_name: f.opt("customer_billing_name"),
            customer_billing_address: f.opt("customer_billing_address"),
            customer_tax_id: f.opt("customer_tax_id"),
            locale: f.opt("locale"),
            payment_method_type: f.opt("payment_method_type"),
            payment_processor_metadata: f.opt("payment_processor_metadata"),
            billing_address_fields: f.opt("billing_address_fields"),
            products: f.opt("products"),
            product: f.opt("product"),
            product_price: f.opt("product_price"),
            prices: f.opt("prices"),
            discount: f.opt("discount"),
            organization: f.req("organization"),
            attached_custom_fields: f.opt("attached_custom_fields"),
            customer_session_token: f.opt("customer_session_token"),
            currency_details: f.opt("currency_details"),
        })
    }
}

impl FromWire for CheckoutOrganization {
    #[inline(never)]
    fn from_wire<W: Wire>(w: &W) -> Result<Self> {
        let f = fields(w)?;
        f.done(Self {
            created_at: f.req("created_at"),
            modified_at: f.opt("modified_at"),
            id: f.req("id"),
            name: f.req("name"),
            slug: f.req("slug"),
            avatar_url: f.opt("avatar_url"),
            proration_behavior: f.or("proration_behavior", "invoice"),
            allow_customer_updates: f.opt("allow_customer_updates"),
        })
    }
}

impl FromWire for CheckoutProduct {
    #[inline(never)]
    fn from_wire<W: Wire>(w: &W) -> Result<Self> {
        let f = fields(w)?;
        f.done(Self {
            id: f.req("id"),
            created_at: f.req("created_at"),
            modified_at: f.opt("modified_at"),
            trial_interval: f.lenient("trial_interval", Interval::parse),
            trial_interval_count: f.opt("trial_interval_count"),
            name: f.req("name"),
            description: f.opt("description"),
            visibility: f.or("visibility", "public"),
            recurring_interval: f.lenient("recurring_interval", Interval::parse),
            recurring_interval_count: f.opt("recurring_interval_count"),
            meter_interval: f.lenient("meter_interval", Interval::parse),
            meter_interval_count: f.opt("meter_interval_count"),
            is_recurring: f.req("is_recurring"),
            is_archived: f.opt("is_archived"),
            organization_id: f.req("organization_id"),
            prices: f.req("prices"),
            benefits: f.opt("benefits"),
            medias: f.opt("medias"),
        })
    }
}

impl FromWire for Benefit {
    #[inline(never)]
    fn from_wire<W: Wire>(w: &W) -> Result<Self> {
        let f = fields(w)?;
        f.done(Self {
            id: f.req("id"),
            created_at: f.req("created_at"),
            modified_at: f.opt("modified_at"),
            kind: f.req("type"),
            description: f.req("description"),
            selectable: f.opt("selectable"),
            deletable: f.opt("deletable"),
            is_deleted: f.opt("is_deleted"),
            organization_id: f.req("organization_id"),
        })
    }
}

impl FromWire for ProductPrice {
    #[inline(never)]
    fn from_wire<W: Wire>(w: &W) -> Result<Self> {
        let f = fields(w)?;
        f.done(Self {
            created_at: f.req("created_at"),
            modified_at: f.opt("modified_at"),
            id: f.req("id"),
            source: f.or("source", "catalog"),
            amount_type: f.req("amount_type"),
            price_currency: f.req("price_currency"),
            tax_behavior: f.opt("tax_behavior"),
            is_archived: f.opt("is_archived"),
            product_id: f.req("product_id"),
            price_type: f.opt("type"),
            recurring_interval: f.lenient("recurring_interval", Interval::parse),
            price_amount: f.opt("price_amount"),
            minimum_amount: f.opt("minimum_amount"),
            maximum_amount: f.present("maximum_amount"),
            preset_amount: f.present("preset_amount"),
            seat_tiers: f.opt("seat_tiers"),
            unit_amount: f.opt("unit_amount"),
            cap_amount: f.present("cap_amount"),
            meter_id: f.opt("meter_id"),
            meter: f.opt("meter"),
            legacy: f.opt("legacy"),
        })
    }
}

impl FromWire for SeatTiers {
    #[inline(never)]
    fn from_wire<W: Wire>(w: &W) -> Result<Self> {
        let f = fields(w)?;
        f.done(Self {
            seat_tier_type: f.opt("seat_tier_type"),
            tiers: f.req("tiers"),
            minimum_seats: f.opt("minimum_seats"),
            maximum_seats: f.opt("maximum_seats"),
        })
    }
}

impl FromWire for SeatTier {
    #[inline(never)]
    fn from_wire<W: Wire>(w: &W) -> Result<Self> {
        let f = fields(w)?;
        f.done(Self {
            min_seats: f.req("min_seats"),
            max_seats: f.opt("max_seats"),
            price_per_seat: f.req("price_per_seat"),
        })
    }
}

impl FromWire for PriceMeter {
    #[inline(never)]
    fn from_wire<W: Wire>(w: &W) -> Result<Self> {
        let f = fields(w)?;
        f.done(Self {
            id: f.req("id"),
            name: f.req("name"),
            unit: f.opt("unit"),
            custom_label: f.opt("custom_label"),
            custom_multiplier: f.opt("custom_multiplier"),
        })
    }
}

impl FromWire for CheckoutDiscount {
    #[inline(never)]
    fn from_wire<W: Wire>(w: &W) -> Result<Self> {
        let f = fields(w)?;
        f.done(Self {
            id: f.req("id"),
            name: f.req("name"),
            kind: f.req("type"),
            duration: f.req("duration"),
            duration_in_months: f.opt("duration_in_months"),
            code: f.opt("code"),
            amount: f.opt("amount"),
            currency: f.opt("currency"),
            amounts: f.opt("amounts"),
            basis_points: f.opt("basis_points"),
        })
    }
}

impl FromWire for Address {
    #[inline(never)]
    fn from_wire<W: Wire>(w: &W) -> Result<Self> {
        let f = fields(w)?;
        f.done(Self {
            line1: f.opt("line1"),
            line2: f.opt("line2"),
            postal_code: f.opt("postal_code"),
            city: f.opt("city"),
            state: f.opt("state"),
            country: f.req("country"),
        })
    }
}

impl FromWire for BillingAddressFields {
    #[inline(never)]
    fn from_wire<W: Wire>(w: &W) -> Result<Self> {
        let f = fields(w)?;
        f.done(Self {
            country: f.req("country"),
            state: f.req("state"),
            city: f.req("city"),
            postal_code: f.req("postal_code"),
            line1: f.req("line1"),
            line2: f.req("line2"),
        })
    }
}

impl FromWire for AttachedCustomField {
    #[inline(never)]
    fn from_wire<W: Wire>(w: &W) -> Result<Self> {
        let f = fields(w)?;
        f.done(Self {
            custom_field_id: f.req("custom_field_id"),
            custom_field: f.req("custom_field"),
            order: f.req("order"),
            required: f.req("required"),
        })
    }
}

impl FromWire for CustomField {
    #[inline(never)]
    fn from_wire<W: Wire>(w: &W) -> Result<Self> {
        let f = fields(w)?;
        f.done(Self {
            id: f.req("id"),
            created_at: f.req("created_at"),
            modified_at: f.opt("modified_at"),
            metadata: f.opt("metadata"),
            kind: f.req("type"),
            slug: f.req("slug"),
            name: f.req("name"),
            organization_id: f.req("organization_id"),
            properties: f.opt("properties"),
        })
    }
}

impl FromWire for CustomFieldProperties {
    #[inline(never)]
    fn from_wire<W: Wire>(w: &W) -> Result<Self> {
        let f = fields(w)?;
        f.done(Self {
            form_label: f.opt("form_label"),
            form_help_text: f.opt("form_help_text"),
            form_placeholder: f.opt("form_placeholder"),
            textarea: f.opt("textarea"),
            min_length: f.opt("min_length"),
            max_length: f.opt("max_length"),
            ge: f.opt("ge"),
            le: f.opt("le"),
            options: f.opt("options"),
        })
    }
}

impl FromWire for SelectOption {
    #[inline(never)]
    fn from_wire<W: Wire>(w: &W) -> Result<Self> {
        let f = fields(w)?;
        f.done(Self { value: f.req("value"), label: f.req("label") })
    }
}

impl FromWire for CurrencyDetails {
    #[inline(never)]
    fn from_wire<W: Wire>(w: &W) -> Result<Self> {
        let f = fields(w)?;
        f.done(Self { plan: f.req("plan") })
    }
}

impl FromWire for PlanCurrencyDetails {
    #[inline(never)]
    fn from_wire<W: Wire>(w: &W) -> Result<Self> {
        let f = fields(w)?;
        f.done(Self {
            payment: f.req("payment"),
            local: f.opt("local"),
            due_now: f.opt("due_now"),
            trial: f.opt("trial"),
        })
    }
}

impl FromWire for AmountPair {
    #[inline(never)]
    fn from_wire<W: Wire>(w: &W) -> Result<Self> {
        let f = fields(w)?;
        f.done(Self { payment: f.req("payment"), local: f.opt("local") })
    }
}

impl FromWire for PaymentAmount {
    #[inline(never)]
    fn from_wire<W: Wire>(w: &W) -> Result<Self> {
        let f = fields(w)?;
        f.done(Self {
            amount: f.req("amount"),
            currency: f.req("currency"),
            currency_decimals: f.opt("currency_decimals"),
            currency_position: f.opt("currency_position"),
            currency_symbol: f.opt("currency_symbol"),
            formatted_amount: f.opt("formatted_amount"),
        })
    }
}

impl FromWire for LocalAmount {
    #[inline(never)]
    fn from_wire<W: Wire>(w: &W) -> Result<Self> {
        let f = fields(w)?;
        f.done(Self {
            amount: f.req("amount"),
            currency: f.req("currency"),
            currency_decimals: f.opt("currency_decimals"),
            currency_exchange_rate: f.opt("currency_exchange_rate"),
            currency_position: f.opt("currency_position"),
            currency_symbol: f.opt("currency_symbol"),
            formatted_amount: f.opt("formatted_amount"),
            formatted_amount_rounded: f.opt("formatted_amount_rounded"),
        })
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use super::*;
    use crate::wire::read;

    use crate::checkout::POLAR_FIXTURE as POLAR;

    fn both(v: &Value) -> (Result<CheckoutPublic>, std::result::Result<CheckoutPublic, serde_json::Error>) {
        (read(&v), serde_json::from_value(v.clone()))
    }

    #[test]
    fn reads_a_polar_session_as_serde_does() {
        let v: Value = serde_json::from_str(POLAR).unwrap();
        let (wire, serde) = both(&v);
        assert_eq!(wire.unwrap(), serde.unwrap());
    }

    #[test]
    fn refuses_what_serde_refuses_and_says_where() {
        let mut v: Value = serde_json::from_str(POLAR).unwrap();
        v["products"][0]["prices"][0]["price_currency"] = json!(7);
        let (wire, serde) = both(&v);
        assert!(serde.is_err());
        assert_eq!(
            wire.unwrap_err().to_string(),
            "unreadable JSON at products[0].prices[0].price_currency: expected a string"
        );
        v["products"][0]["prices"][0]["price_currency"] = json!("eur");
        v.as_object_mut().unwrap().remove("organization");
        assert!(read::<CheckoutPublic, _>(&&v).unwrap_err().to_string().contains("at organization: expected a value"));
    }

    #[test]
    fn takes_defaults_for_null_where_serde_would_fail_the_session() {
        let mut v: Value = serde_json::from_str(POLAR).unwrap();
        v["is_business_customer"] = Value::Null;
        v["products"][0]["benefits"] = Value::Null;
        let (wire, serde) = both(&v);
        assert!(serde.is_err(), "serde refuses a null bool");
        let wire = wire.unwrap();
        assert!(!wire.is_business_customer && wire.products[0].benefits.is_empty());
    }
}
