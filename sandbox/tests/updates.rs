//! Router tests of `PATCH /v1/checkouts/client/{secret}`: Polar's `CheckoutUpdatePublic`
//! semantics and every rule of the seeds, each error's shape, and all-or-nothing.

mod support;

use axum::http::StatusCode;
use kassa_sandbox::catalog::ids;
use serde_json::json;
use support::{get, locs, patch, sandbox, send, session};

#[tokio::test]
async fn plan_switch_between_monthly_and_yearly_recalculates() {
    let app = sandbox();
    let (secret, created) = session(&app, json!({"products": [ids::PRO]})).await;
    assert_eq!(created["total_amount"], 1900);
    let (status, json) = patch(&app, &secret, json!({"product_price_id": ids::PRO_YEARLY})).await;
    assert_eq!(status, StatusCode::OK, "{json}");
    assert_eq!(json["product_price_id"], ids::PRO_YEARLY);
    assert_eq!(json["amount"], 19000);
    assert_eq!(json["total_amount"], 19000);
    assert!(json["modified_at"].is_string());
    // The alias path updates too.
    let (status, json) = send(
        &app,
        "PATCH",
        &format!("/v1/checkouts/custom/client/{secret}"),
        None,
        Some(&json!({"product_price_id": ids::PRO_MONTHLY}).to_string()),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(json["amount"], 1900);
}

#[tokio::test]
async fn product_switch_selects_its_first_price_and_seats() {
    let app = sandbox();
    let (secret, _) = session(&app, json!({"products": [ids::PRO, ids::TEAM]})).await;
    let (_, json) = patch(&app, &secret, json!({"product_id": ids::TEAM})).await;
    assert_eq!(json["product_price_id"], ids::TEAM_SEATS);
    assert_eq!((json["seats"].clone(), json["amount"].clone()), (json!(2), json!(2400)));
    assert_eq!(json["attached_custom_fields"].as_array().unwrap().len(), 5);
    let (_, json) = patch(&app, &secret, json!({"seats": 12})).await;
    assert_eq!(json["amount"], json!(12000), "12 seats at the second tier's $10.00");
    let (_, json) = patch(&app, &secret, json!({"product_id": ids::PRO})).await;
    assert_eq!(json["seats"], json!(null));
}

#[tokio::test]
async fn seats_stay_within_the_price_bounds() {
    let app = sandbox();
    let (secret, _) = session(&app, json!({"products": [ids::TEAM]})).await;
    for bad in [1, 51] {
        let (status, json) = patch(&app, &secret, json!({"seats": bad})).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(locs(&json), vec!["seats"]);
    }
    let (status, _) = patch(&app, &secret, json!({"seats": 50})).await;
    assert_eq!(status, StatusCode::OK);
    let (_, pro) = session(&app, json!({"products": [ids::PRO]})).await;
    let (status, json) = patch(&app, pro["client_secret"].as_str().unwrap(), json!({"seats": 3})).await;
    assert_eq!((status, locs(&json)), (StatusCode::UNPROCESSABLE_ENTITY, vec!["seats".to_string()]));
}

#[tokio::test]
async fn products_and_prices_must_belong_to_the_session_and_its_currency() {
    let app = sandbox();
    let (secret, _) = session(&app, json!({"products": [ids::PRO, ids::PRO_EUR]})).await;
    let (status, json) = patch(&app, &secret, json!({"product_id": ids::LIFETIME})).await;
    assert_eq!((status, locs(&json)), (StatusCode::UNPROCESSABLE_ENTITY, vec!["product_id".to_string()]));
    let (status, json) = patch(&app, &secret, json!({"product_price_id": ids::TEAM_SEATS})).await;
    assert_eq!((status, locs(&json)), (StatusCode::UNPROCESSABLE_ENTITY, vec!["product_price_id".to_string()]));
    // The euro product is offered, but the session is in dollars (seed 002).
    let (status, json) = patch(&app, &secret, json!({"product_id": ids::PRO_EUR})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(json["detail"][0]["msg"].as_str().unwrap().contains("currency"));
    let (status, json) =
        patch(&app, &secret, json!({"product_id": ids::PRO, "product_price_id": ids::PRO_EUR_YEARLY})).await;
    assert_eq!((status, locs(&json)), (StatusCode::UNPROCESSABLE_ENTITY, vec!["product_price_id".to_string()]));
}

#[tokio::test]
async fn pay_what_you_want_respects_the_minimum() {
    let app = sandbox();
    let (secret, created) = session(&app, json!({"products": [ids::SUPPORT]})).await;
    assert_eq!(created["amount"], 1000); // the preset
                                         // Polar discounts pay-what-you-want prices too.
    assert!(created["is_discount_applicable"].as_bool().unwrap());
    let (status, json) = patch(&app, &secret, json!({"amount": 299})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(json["detail"][0]["type"], "greater_than_equal");
    let (_, json) = patch(&app, &secret, json!({"amount": 300})).await;
    assert_eq!(json["total_amount"], 300);
    let (status, _) = patch(&app, &secret, json!({"amount": 100_001})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let (_, json) = patch(&app, &secret, json!({"amount": 2000, "discount_code": "LAUNCH20"})).await;
    assert_eq!((json["discount_amount"].clone(), json["total_amount"].clone()), (json!(400), json!(1600)));
}

#[tokio::test]
async fn absent_is_untouched_and_null_clears() {
    let app = sandbox();
    let (secret, _) =
        session(&app, json!({"products": [ids::PRO], "customer_name": "Ada", "customer_email": "ada@example.com"}))
            .await;
    let (_, json) = patch(&app, &secret, json!({"customer_name": "Ada Lovelace"})).await;
    assert_eq!(
        (json["customer_name"].clone(), json["customer_email"].clone()),
        (json!("Ada Lovelace"), json!("ada@example.com"))
    );
    let (_, json) = patch(&app, &secret, json!({"customer_email": null})).await;
    assert_eq!((json["customer_name"].clone(), json["customer_email"].clone()), (json!("Ada Lovelace"), json!(null)));
}

#[tokio::test]
async fn customer_details_are_validated() {
    let app = sandbox();
    let (secret, _) = session(&app, json!({"products": [ids::PRO]})).await;
    let (status, json) = patch(&app, &secret, json!({"customer_email": "not-an-email"})).await;
    assert_eq!((status, locs(&json)), (StatusCode::UNPROCESSABLE_ENTITY, vec!["customer_email".to_string()]));
    assert_eq!(json["detail"][0]["input"], "not-an-email");
    let (status, json) = patch(&app, &secret, json!({"customer_billing_address": {"country": "XX"}})).await;
    assert_eq!(
        (status, locs(&json)),
        (StatusCode::UNPROCESSABLE_ENTITY, vec!["customer_billing_address.country".to_string()])
    );
    let (status, json) =
        patch(&app, &secret, json!({"customer_billing_address": {"country": "US", "state": "ZZ"}})).await;
    assert_eq!(
        (status, locs(&json)),
        (StatusCode::UNPROCESSABLE_ENTITY, vec!["customer_billing_address.state".to_string()])
    );
    // Polar's countries are upper case; a state is normalized to ISO 3166-2.
    let (status, json) = patch(&app, &secret, json!({"customer_billing_address": {"country": "us"}})).await;
    assert_eq!(
        (status, locs(&json)),
        (StatusCode::UNPROCESSABLE_ENTITY, vec!["customer_billing_address.country".to_string()])
    );
    let (status, json) = patch(&app, &secret, json!({"customer_billing_address": {"country": "RU"}})).await;
    assert_eq!(
        (status, json["detail"][0]["type"].clone()),
        (StatusCode::UNPROCESSABLE_ENTITY, json!("enum")),
        "a country Polar refuses"
    );
    let (_, json) = patch(&app, &secret, json!({"customer_billing_address": {"country": "US", "state": "ca"}})).await;
    assert_eq!(json["customer_billing_address"]["state"], "US-CA");
    assert_eq!(json["billing_address_fields"]["state"], "required");
    let (status, json) = patch(&app, &secret, json!({"customer_id": "cus_x"})).await;
    assert_eq!(
        (status, json["detail"][0]["type"].clone()),
        (StatusCode::UNPROCESSABLE_ENTITY, json!("extra_forbidden"))
    );
    assert_eq!(locs(&json), vec!["customer_id"]);
    let (status, json) = patch(&app, &secret, json!({"allow_trial": true})).await;
    assert_eq!((status, json["detail"][0]["type"].clone()), (StatusCode::UNPROCESSABLE_ENTITY, json!("literal_error")));
}

#[tokio::test]
async fn eu_vat_numbers_are_checked_against_the_country() {
    let app = sandbox();
    let (secret, _) = session(&app, json!({"products": [ids::PRO], "buyer_country": "DE"})).await;
    let (status, json) =
        patch(&app, &secret, json!({"is_business_customer": true, "customer_tax_id": "DE 12345678"})).await;
    assert_eq!((status, locs(&json)), (StatusCode::UNPROCESSABLE_ENTITY, vec!["customer_tax_id".to_string()]));
    let (status, json) =
        patch(&app, &secret, json!({"is_business_customer": true, "customer_tax_id": "FR12345678901"})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{json}");
    let (status, json) =
        patch(&app, &secret, json!({"is_business_customer": true, "customer_tax_id": "de 123 456 789"})).await;
    assert_eq!(status, StatusCode::OK, "{json}");
    assert_eq!(json["customer_tax_id"], "DE123456789");
    assert_eq!(json["billing_address_fields"]["line1"], "required");
    // The stored tax ID is checked again when the country changes: refused at its own
    // field, though the request did not carry it, and nothing changes.
    let (status, json) = patch(&app, &secret, json!({"customer_billing_address": {"country": "FR"}})).await;
    assert_eq!((status, locs(&json)), (StatusCode::UNPROCESSABLE_ENTITY, vec!["customer_tax_id".to_string()]));
    let (status, json) = patch(
        &app,
        &secret,
        json!({"customer_billing_address": {"country": "FR", "line1": "1 rue de Rivoli", "city": "Paris", "postal_code": "75001"}, "customer_tax_id": "FR40303265045"}),
    )
    .await;
    assert_eq!((status, json["customer_tax_id"].clone()), (StatusCode::OK, json!("FR40303265045")), "{json}");
    // Buying as a private person: the tax ID goes.
    let (_, json) = patch(&app, &secret, json!({"is_business_customer": false})).await;
    assert_eq!(json["customer_tax_id"], json!(null));
}

#[tokio::test]
async fn a_tax_id_needs_a_billing_country() {
    let app = sandbox();
    let (secret, _) = session(&app, json!({"products": [ids::PRO]})).await;
    let (status, json) =
        patch(&app, &secret, json!({"is_business_customer": true, "customer_tax_id": "DE123456789"})).await;
    assert_eq!((status, locs(&json)), (StatusCode::UNPROCESSABLE_ENTITY, vec!["customer_tax_id".to_string()]));
    assert_eq!(json["detail"][0]["msg"], "A billing country is required to validate the tax ID");
}

#[tokio::test]
async fn discount_codes_apply_and_remove() {
    let app = sandbox();
    let (secret, _) = session(&app, json!({"products": [ids::PRO]})).await;
    let (_, json) = patch(&app, &secret, json!({"discount_code": "launch20"})).await;
    assert_eq!(json["discount"]["code"], "LAUNCH20");
    assert_eq!(
        (json["discount_amount"].clone(), json["net_amount"].clone(), json["total_amount"].clone()),
        (json!(380), json!(1520), json!(1520))
    );
    let (_, json) = patch(&app, &secret, json!({"discount_code": "SAVE5"})).await;
    assert_eq!(json["discount_amount"], 500);
    let (_, json) = patch(&app, &secret, json!({"discount_code": null})).await;
    assert_eq!(
        (json["discount"].clone(), json["discount_amount"].clone(), json["total_amount"].clone()),
        (json!(null), json!(0), json!(1900))
    );
    for code in ["NOPE", "TEAM10"] {
        let (status, json) = patch(&app, &secret, json!({"discount_code": code})).await;
        assert_eq!(
            (status, locs(&json)),
            (StatusCode::UNPROCESSABLE_ENTITY, vec!["discount_code".to_string()]),
            "{code}"
        );
    }
    // Where the checkout takes no codes, Polar ignores one without an error.
    let (secret, _) = session(&app, json!({"products": [ids::PRO], "allow_discount_codes": false})).await;
    let (status, json) = patch(&app, &secret, json!({"discount_code": "LAUNCH20", "customer_name": "Ada"})).await;
    assert_eq!(
        (status, json["discount"].clone(), json["customer_name"].clone()),
        (StatusCode::OK, json!(null), json!("Ada"))
    );
}

#[tokio::test]
async fn a_plan_change_drops_a_discount_that_no_longer_applies() {
    let app = sandbox();
    let (secret, _) = session(&app, json!({"products": [ids::TEAM, ids::PRO]})).await;
    let (_, json) = patch(&app, &secret, json!({"discount_code": "TEAM10"})).await;
    assert_eq!(json["discount_amount"], 240);
    let (_, json) = patch(&app, &secret, json!({"product_id": ids::PRO})).await;
    assert_eq!((json["discount"].clone(), json["discount_amount"].clone()), (json!(null), json!(0)));
}

#[tokio::test]
async fn tax_exclusive_and_inclusive_by_country() {
    let app = sandbox();
    let (secret, created) = session(&app, json!({"products": [ids::PRO]})).await;
    assert_eq!((created["tax_amount"].clone(), created["tax_behavior"].clone()), (json!(null), json!(null)));
    let (_, json) =
        patch(&app, &secret, json!({"customer_billing_address": {"country": "US", "state": "US-CA"}})).await;
    // $19.00 + 7.25 % = $1.38 on top.
    assert_eq!(
        (json["tax_amount"].clone(), json["tax_behavior"].clone(), json["total_amount"].clone()),
        (json!(138), json!("exclusive"), json!(2038))
    );
    let (secret, _) = session(&app, json!({"products": [ids::PRO_EUR], "buyer_country": "DE"})).await;
    let (_, json) = get(&app, &secret).await;
    // €17.00 including 19 % VAT: €2.71 of it is tax; the total stays €17.00.
    assert_eq!(
        (json["tax_amount"].clone(), json["tax_behavior"].clone(), json["total_amount"].clone()),
        (json!(271), json!("inclusive"), json!(1700))
    );
}

#[tokio::test]
async fn custom_fields_are_typed_and_known() {
    let app = sandbox();
    let (secret, _) = session(&app, json!({"products": [ids::TEAM]})).await;
    let bad = json!({"custom_field_data": {"company": "A", "team_size": "huge", "developers": "ten", "start_date": "tomorrow", "terms": "yes", "nope": 1}});
    let (status, json) = patch(&app, &secret, bad).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let mut got = locs(&json);
    got.sort();
    assert_eq!(
        got,
        vec![
            "custom_field_data.company",
            "custom_field_data.developers",
            "custom_field_data.nope",
            "custom_field_data.start_date",
            "custom_field_data.team_size",
            "custom_field_data.terms"
        ]
    );
    let good = json!({"custom_field_data": {"company": "Acme", "team_size": "11-50", "developers": 12, "start_date": "2026-12-01", "terms": true}});
    let (status, json) = patch(&app, &secret, good).await;
    assert_eq!(status, StatusCode::OK, "{json}");
    assert_eq!(json["custom_field_data"]["developers"], 12);
}

#[tokio::test]
async fn a_failed_update_changes_nothing() {
    let app = sandbox();
    let (secret, _) = session(&app, json!({"products": [ids::PRO, ids::TEAM], "customer_name": "Ada"})).await;
    let (_, before) = get(&app, &secret).await;
    // Valid name, plan and code beside one invalid email: none of it may stick.
    let (status, json) = patch(
        &app,
        &secret,
        json!({"customer_name": "Grace", "product_id": ids::TEAM, "customer_email": "nope", "seats": 99}),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let mut got = locs(&json);
    got.sort();
    assert_eq!(got, vec!["customer_email", "seats"], "every error is reported at once");
    let (_, after) = get(&app, &secret).await;
    assert_eq!(after, before, "the session is exactly as before");
}

#[tokio::test]
async fn malformed_bodies_are_422_never_500() {
    let app = sandbox();
    let (secret, _) = session(&app, json!({"products": [ids::PRO]})).await;
    for body in [
        "{",
        "[]",
        "\"x\"",
        r#"{"seats": "two"}"#,
        r#"{"seats": -1}"#,
        r#"{"amount": 1.5}"#,
        r#"{"customer_billing_address": {"line1": "x"}}"#,
    ] {
        let (status, json) = send(&app, "PATCH", &format!("/v1/checkouts/client/{secret}"), None, Some(body)).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body} → {json}");
        assert!(json["detail"].is_array(), "{body} → {json}");
    }
}

#[tokio::test]
async fn unknown_secret_on_patch_is_404() {
    let app = sandbox();
    let (status, json) = patch(&app, "polar_c_nope", json!({"seats": 2})).await;
    assert_eq!((status, json["error"].clone()), (StatusCode::NOT_FOUND, json!("ResourceNotFound")));
}

#[tokio::test]
async fn seats_start_over_on_a_product_switch_and_keep_within_the_checkouts_limits() {
    let app = sandbox();
    let (secret, created) =
        session(&app, json!({"products": [ids::TEAM, ids::PRO], "min_seats": 3, "max_seats": 20})).await;
    assert_eq!(
        (created["seats"].clone(), created["min_seats"].clone(), created["max_seats"].clone()),
        (json!(3), json!(3), json!(20))
    );
    let (status, _) = patch(&app, &secret, json!({"seats": 21})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "the checkout's own limit, below the tiers' 50");
    let (_, json) = patch(&app, &secret, json!({"seats": 17})).await;
    assert_eq!(json["seats"], 17);
    let (_, json) = patch(&app, &secret, json!({"product_id": ids::PRO})).await;
    assert_eq!(json["seats"], json!(null));
    let (_, json) = patch(&app, &secret, json!({"product_id": ids::TEAM})).await;
    assert_eq!(json["seats"], 3, "back at the minimum, not the 17 of before");
}

#[tokio::test]
async fn an_archived_product_cannot_be_switched_to() {
    // A product archived after the checkout was made: the session still lists it, the
    // switch is refused.
    let store = kassa_sandbox::Store::in_memory().unwrap();
    let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let before =
        kassa_sandbox::app(kassa_sandbox::AppState::new(store.clone(), root.clone(), "http://sandbox.test".into()));
    let (secret, _) = session(&before, json!({"products": [ids::PRO, ids::LIFETIME]})).await;
    let mut state = kassa_sandbox::AppState::new(store, root, "http://sandbox.test".into());
    let mut catalog = (*state.catalog).clone();
    catalog.iter_mut().filter(|p| p.id == ids::LIFETIME).for_each(|p| p.is_archived = true);
    state.catalog = std::sync::Arc::new(catalog);
    let after = kassa_sandbox::app(state);
    let (status, json) = patch(&after, &secret, json!({"product_id": ids::LIFETIME})).await;
    assert_eq!(
        (status, json["detail"][0]["msg"].clone()),
        (StatusCode::UNPROCESSABLE_ENTITY, json!("Product is archived"))
    );
    let (status, _) = patch(&after, &secret, json!({"product_id": ids::PRO})).await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn custom_fields_merge_and_null_clears() {
    let app = sandbox();
    let (secret, _) = session(&app, json!({"products": [ids::TEAM]})).await;
    let (_, json) = patch(&app, &secret, json!({"custom_field_data": {"company": "Acme", "developers": 5}})).await;
    assert_eq!(json["custom_field_data"], json!({"company": "Acme", "developers": 5}));
    let (_, json) =
        patch(&app, &secret, json!({"custom_field_data": {"developers": null, "start_date": "2026-12-01T00:00:00Z"}}))
            .await;
    assert_eq!(
        json["custom_field_data"],
        json!({"company": "Acme", "start_date": "2026-12-01T00:00:00Z"}),
        "merged; null cleared"
    );
    let (status, _) = patch(&app, &secret, json!({"custom_field_data": {"start_date": "1 December"}})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn seat_errors_are_polars_words_and_types() {
    let app = sandbox();
    let (secret, _) = session(&app, json!({"products": [ids::TEAM, ids::PRO]})).await;
    let detail = |json: &serde_json::Value| {
        let d = &json["detail"][0];
        (d["type"].as_str().unwrap().to_string(), d["msg"].as_str().unwrap().to_string(), d["input"].clone())
    };
    // The team price's tiers run from 2 to 50 seats.
    let (status, json) = patch(&app, &secret, json!({"seats": 1})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(detail(&json), ("greater_than_equal".into(), "Minimum 2 seats required.".into(), json!(1)));
    let (_, json) = patch(&app, &secret, json!({"seats": 51})).await;
    assert_eq!(detail(&json), ("less_than_equal".into(), "Maximum 50 seats allowed.".into(), json!(51)));
    let (status, _) = patch(&app, &secret, json!({"product_id": ids::PRO})).await;
    assert_eq!(status, StatusCode::OK);
    let (_, json) = patch(&app, &secret, json!({"seats": 3})).await;
    assert_eq!(detail(&json), ("value_error".into(), "Seats can only be set for seat-based pricing.".into(), json!(3)));
}
