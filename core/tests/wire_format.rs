//! Kassa reads Polar's own `CheckoutPublic`, including fields and price types it does
//! not act on, and writes it back with the same keys.

use kassa_core::checkout::{
    AmountType, CheckoutPublic, CheckoutStatus, CustomFieldType, DiscountType, FieldMode, Interval, TaxBehavior,
};

const POLAR: &str = include_str!("fixtures/polar_checkout_public.json");

#[test]
fn reads_a_polar_checkout_public() {
    let c: CheckoutPublic = serde_json::from_str(POLAR).unwrap();
    assert_eq!(c.status, CheckoutStatus::Open);
    assert_eq!((c.amount, c.discount_amount, c.net_amount), (19000, 1900, 17100));
    assert_eq!((c.tax_amount, c.total_amount), (Some(3249), 20349));
    assert_eq!(c.tax_behavior, Some(TaxBehavior::Exclusive));
    assert_eq!(c.currency, "eur");
    assert_eq!(c.billing_address_fields.line2, FieldMode::Optional);
    assert_eq!(c.customer_billing_address.as_ref().unwrap().country, "DE");
    assert_eq!(c.discount.as_ref().unwrap().kind, DiscountType::Percentage);
    assert_eq!(c.discount.as_ref().unwrap().basis_points, Some(1000));
    let field = &c.attached_custom_fields.as_ref().unwrap()[0];
    assert_eq!(field.custom_field.kind, CustomFieldType::Select);
    assert_eq!(field.custom_field.properties.options.as_ref().unwrap().len(), 2);
    // `product` and `product_price` are null here: the selection is found by ID.
    assert_eq!(c.selected_product().unwrap().name, "Analytics Pro");
    assert_eq!(c.selected_price().unwrap().price_amount, Some(19000));
    assert_eq!(c.billing_interval(), Some((Interval::Year, 1)));
    // A price type Kassa does not sell is read, not rejected.
    assert_eq!(c.products[0].prices[1].amount_type, AmountType::MeteredUnit);
}

#[test]
fn round_trip_keeps_every_key_kassa_models() {
    let c: CheckoutPublic = serde_json::from_str(POLAR).unwrap();
    let written = serde_json::to_value(&c).unwrap();
    let original: serde_json::Value = serde_json::from_str(POLAR).unwrap();
    for (key, value) in written.as_object().unwrap() {
        assert!(original.get(key).is_some(), "Kassa wrote {key}, which Polar does not send");
        if key != "products" {
            assert_eq!(&original[key], value, "{key} changed in the round trip");
        }
    }
}
