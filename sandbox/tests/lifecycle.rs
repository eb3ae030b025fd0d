//! Router tests of a session's life: confirm with each sandbox token, free sessions,
//! completeness, terminal states (403 not open, 410 expired), the audit trail, local
//! currency details and injected faults.

mod support;

use axum::http::StatusCode;
use kassa_core::money::ExchangeRate;
use kassa_sandbox::catalog::ids;
use kassa_sandbox::SANDBOX_TOKEN;
use serde_json::json;
use support::{
    confirm, get, locs, patch, pay, sandbox, sandbox_with_clock, sandbox_with_faults, send, session, AUTHENTICATES,
    DECLINED, SUCCEEDS,
};

fn ready() -> serde_json::Value {
    json!({"products": [ids::PRO], "customer_email": "ada@example.com", "buyer_country": "DE"})
}

#[tokio::test]
async fn confirm_with_the_success_token_confirms_then_succeeds() {
    let app = sandbox_with_faults();
    let (secret, _) = session(&app, ready()).await;
    let (status, json) = pay(&app, &secret, SUCCEEDS, json!({})).await;
    assert_eq!(status, StatusCode::OK, "{json}");
    assert_eq!(json["status"], "confirmed");
    assert!(json["customer_session_token"].as_str().unwrap().starts_with("polar_cst_"));
    let (_, json) = get(&app, &secret).await;
    assert_eq!(json["status"], "succeeded");
    assert!(json.get("customer_session_token").is_none());
    // No more changes once paid.
    let (status, json) = patch(&app, &secret, json!({"customer_name": "Late"})).await;
    assert_eq!((status, json["error"].clone()), (StatusCode::FORBIDDEN, json!("NotOpenCheckout")));
    let (status, _) = pay(&app, &secret, SUCCEEDS, json!({})).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_declined_payment_is_a_400_and_changes_nothing() {
    let app = sandbox();
    let (secret, _) = session(&app, ready()).await;
    let (_, before) = get(&app, &secret).await;
    let (status, json) = pay(&app, &secret, DECLINED, json!({"customer_name": "Ada"})).await;
    assert_eq!((status, json["error"].clone()), (StatusCode::BAD_REQUEST, json!("PaymentError")));
    let (_, after) = get(&app, &secret).await;
    assert_eq!(after, before);
    // The buyer can try again.
    let (status, _) = pay(&app, &secret, SUCCEEDS, json!({})).await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn a_payment_needing_a_second_step_waits_for_it() {
    let app = sandbox_with_faults();
    let (secret, _) = session(&app, ready()).await;
    let (status, json) = pay(&app, &secret, AUTHENTICATES, json!({})).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(json["status"], "confirmed");
    assert_eq!(json["payment_processor_metadata"]["intent_status"], "requires_action");
    let (_, json) = get(&app, &secret).await;
    assert_eq!(json["status"], "confirmed", "stays confirmed until the second step");
    // The stand-in's handleNextAction settles the intent it was given.
    let intent = json["payment_processor_metadata"]["intent_client_secret"].as_str().unwrap().to_string();
    assert!(intent.starts_with("pi_sandbox_"));
    let next = |outcome: &str, intent: &str| json!({"client_secret": intent, "outcome": outcome}).to_string();
    let (status, json) =
        send(&app, "POST", "/v1/sandbox/stripe/next_action", None, Some(&next("reject", &intent))).await;
    assert_eq!(
        (status, json["error"]["code"].clone()),
        (StatusCode::PAYMENT_REQUIRED, json!("payment_intent_authentication_failure"))
    );
    let (_, json) = get(&app, &secret).await;
    assert_eq!(json["status"], "open", "a failed second step reopens the session");
    let (_, json) = pay(&app, &secret, AUTHENTICATES, json!({})).await;
    let second = json["payment_processor_metadata"]["intent_client_secret"].as_str().unwrap().to_string();
    let (status, _) = send(&app, "POST", "/v1/sandbox/stripe/next_action", None, Some(&next("approve", &intent))).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "the first intent is gone");
    let (status, json) =
        send(&app, "POST", "/v1/sandbox/stripe/next_action", None, Some(&next("approve", &second))).await;
    assert_eq!((status, json["paymentIntent"]["status"].clone()), (StatusCode::OK, json!("succeeded")), "{json}");
    let (_, json) = get(&app, &secret).await;
    assert_eq!(json["status"], "succeeded");
}

#[tokio::test]
async fn confirm_names_every_missing_field_and_applies_body_fields_first() {
    let app = sandbox();
    let (secret, _) = session(&app, json!({"products": [ids::TEAM]})).await;
    let (status, json) = confirm(&app, &secret, json!({"is_business_customer": true})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let mut got = locs(&json);
    got.sort();
    // A business purchase asks for the full address, and the session says so in its
    // `billing_address_fields`: confirm names each of those fields, as the widget does.
    assert_eq!(
        got,
        vec![
            "confirmation_token_id",
            "custom_field_data.company",
            "custom_field_data.team_size",
            "custom_field_data.terms",
            "customer_billing_address.city",
            "customer_billing_address.country",
            "customer_billing_address.line1",
            "customer_billing_address.postal_code",
            "customer_billing_name",
            "customer_email",
        ]
    );
    let mut body = json!({
        "customer_email": "ada@example.com",
        "customer_billing_address": {"country": "US", "line1": "1 Main St", "city": "Springfield", "postal_code": "12345", "state": "US-NY"},
        "custom_field_data": {"company": "Acme", "team_size": "1-10", "terms": false},
    });
    // A required checkbox left unticked is missing (the widget's rule too).
    let (status, json) = pay(&app, &secret, SUCCEEDS, body.clone()).await;
    assert_eq!((status, locs(&json)), (StatusCode::UNPROCESSABLE_ENTITY, vec!["custom_field_data.terms".to_string()]));
    body["custom_field_data"]["terms"] = json!(true);
    let (status, json) = pay(&app, &secret, SUCCEEDS, body).await;
    assert_eq!(status, StatusCode::OK, "{json}");
    assert_eq!(json["customer_email"], "ada@example.com");
    // 2 seats × $12 + 4 % New York tax.
    assert_eq!((json["tax_amount"].clone(), json["total_amount"].clone()), (json!(96), json!(2496)));
}

#[tokio::test]
async fn a_us_buyer_gives_the_full_address() {
    let app = sandbox();
    let (secret, _) =
        session(&app, json!({"products": [ids::PRO], "customer_email": "a@example.com", "buyer_country": "US"})).await;
    let (status, json) = pay(&app, &secret, SUCCEEDS, json!({})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let mut got = locs(&json);
    got.sort();
    assert_eq!(
        got,
        vec![
            "customer_billing_address.city",
            "customer_billing_address.line1",
            "customer_billing_address.postal_code",
            "customer_billing_address.state"
        ]
    );
}

#[tokio::test]
async fn free_and_fully_discounted_sessions_confirm_without_a_token() {
    let app = sandbox_with_faults();
    let (secret, created) =
        session(&app, json!({"products": [ids::COMMUNITY], "customer_email": "a@example.com", "buyer_country": "FR"}))
            .await;
    assert_eq!(
        (created["is_free_product_price"].clone(), created["is_payment_form_required"].clone()),
        (json!(true), json!(false))
    );
    let (status, json) = confirm(&app, &secret, json!({})).await;
    assert_eq!(status, StatusCode::OK, "{json}");
    let (secret, _) =
        session(&app, json!({"products": [ids::LIFETIME], "customer_email": "a@example.com", "buyer_country": "FR"}))
            .await;
    let (_, json) = patch(&app, &secret, json!({"discount_code": "FREE100"})).await;
    assert_eq!((json["total_amount"].clone(), json["is_payment_required"].clone()), (json!(0), json!(false)));
    let (status, _) = confirm(&app, &secret, json!({})).await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn a_trial_makes_nothing_due_today_but_needs_a_payment_method() {
    let app = sandbox();
    let (secret, json) =
        session(&app, json!({"products": [ids::STARTER], "buyer_country": "DE", "local_currency": "EUR"})).await;
    assert_eq!(
        (json["active_trial_interval"].clone(), json["active_trial_interval_count"].clone()),
        (json!("day"), json!(14))
    );
    assert!(json["trial_end"].is_string());
    assert_eq!(
        (json["is_payment_required"].clone(), json["is_payment_setup_required"].clone()),
        (json!(false), json!(true))
    );
    assert_eq!(json["currency_details"]["plan"]["due_now"]["payment"]["amount"], 0);
    assert_eq!(json["currency_details"]["plan"]["trial"]["payment"]["amount"], 0);
    let (_, json) = patch(&app, &secret, json!({"allow_trial": false})).await;
    assert_eq!(
        (json["active_trial_interval"].clone(), json["is_payment_required"].clone()),
        (json!(null), json!(true))
    );
}

#[tokio::test]
async fn local_currency_details_use_the_shared_conversion() {
    let app = sandbox();
    let (_, json) = session(&app, json!({"products": [ids::PRO], "buyer_country": "JP"})).await;
    let plan = &json["currency_details"]["plan"];
    assert_eq!(plan["payment"]["amount"], 1900);
    assert_eq!(plan["payment"]["currency"], "USD");
    assert_eq!(plan["local"]["currency"], "JPY");
    assert_eq!(plan["local"]["currency_decimals"], 0);
    assert_eq!(plan["local"]["currency_exchange_rate"], json!(157.23));
    // $19.00 × 157.23 = ¥2,987.37 → ¥2,987; the charm price is ¥2,989.
    assert_eq!(plan["local"]["amount"], 2987);
    assert_eq!(plan["local"]["formatted_amount"], "¥2,987"); // grouped, as PayNext writes it
    assert_eq!(plan["local"]["formatted_amount_rounded"], "¥2,989");
    // Exactly what the widget computes from the stated rate.
    let rate =
        ExchangeRate::from_json(&plan["local"]["currency_exchange_rate"], kassa_core::money::rate::float_text).unwrap();
    assert_eq!(rate.convert(1900, 2, 0).unwrap(), 2987);
    // Japan taxes 10 %: due now is $20.90 → ¥3,286.
    assert_eq!(plan["due_now"]["payment"]["amount"], 2090);
    assert_eq!(plan["due_now"]["local"]["amount"], rate.convert(2090, 2, 0).unwrap());
    let (_, json) = session(&app, json!({"products": [ids::PRO], "buyer_country": "US"})).await;
    assert!(json.get("currency_details").is_none(), "no local block when it is the payment currency");
}

#[tokio::test]
async fn merchant_create_rules() {
    let app = sandbox();
    let post = |body: serde_json::Value| {
        let app = app.clone();
        async move { send(&app, "POST", "/v1/checkouts/", Some(SANDBOX_TOKEN), Some(&body.to_string())).await }
    };
    let (status, json) = post(json!({"products": [ids::PRO], "success_url": "http://shop.example.com/thanks"})).await;
    assert_eq!((status, locs(&json)), (StatusCode::UNPROCESSABLE_ENTITY, vec!["success_url".to_string()]));
    let customer = "c0570000-0000-4000-8000-000000000001";
    let (status, json) = post(
        json!({"products": [ids::PRO], "success_url": "https://shop.example.com/thanks", "customer_id": customer}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(
        (json["success_url"].clone(), json["customer_id"].clone()),
        (json!("https://shop.example.com/thanks"), json!(customer))
    );
    // Polar's customer IDs are UUIDs.
    let (status, json) = post(json!({"products": [ids::PRO], "customer_id": "cus_1"})).await;
    assert_eq!((status, locs(&json)), (StatusCode::UNPROCESSABLE_ENTITY, vec!["customer_id".to_string()]));
    let (status, json) = post(json!({"products": [ids::PRO], "customer_email": "nope"})).await;
    assert_eq!((status, locs(&json)), (StatusCode::UNPROCESSABLE_ENTITY, vec!["customer_email".to_string()]));
    let (status, json) = post(json!({"products": [ids::PRO], "local_currency": "XYZ"})).await;
    assert_eq!((status, locs(&json)), (StatusCode::UNPROCESSABLE_ENTITY, vec!["local_currency".to_string()]));
    let (status, json) = post(json!({"products": [ids::TEAM], "seats": 7})).await;
    assert_eq!((status, json["seats"].clone()), (StatusCode::CREATED, json!(7)));
}

#[tokio::test]
async fn terminal_states_answer_403_and_410() {
    let app = sandbox_with_faults();
    let (secret, created) = session(&app, ready()).await;
    let faults = |body: serde_json::Value| {
        let app = app.clone();
        async move { send(&app, "POST", "/v1/sandbox/faults", Some(SANDBOX_TOKEN), Some(&body.to_string())).await }
    };
    let (status, _) = faults(json!({"client_secret": secret, "fault": "expire"})).await;
    assert_eq!(status, StatusCode::OK);
    let (status, json) = get(&app, &secret).await;
    assert_eq!((status, json["error"].clone()), (StatusCode::GONE, json!("ExpiredCheckoutError")));
    let (status, _) = patch(&app, &secret, json!({"customer_name": "x"})).await;
    assert_eq!(status, StatusCode::GONE);
    let (status, _) = pay(&app, &secret, SUCCEEDS, json!({})).await;
    assert_eq!(status, StatusCode::GONE);
    // The merchant still reads it, as expired.
    let id = created["id"].as_str().unwrap();
    let (status, json) = send(&app, "GET", &format!("/v1/checkouts/{id}"), Some(SANDBOX_TOKEN), None).await;
    assert_eq!((status, json["status"].clone()), (StatusCode::OK, json!("expired")));
}

#[tokio::test]
async fn a_session_expires_on_its_own() {
    let (app, clock) = sandbox_with_clock();
    let (secret, _) = session(&app, json!({"products": [ids::PRO], "expires_in_seconds": 60})).await;
    clock.advance(chrono::Duration::seconds(59));
    assert_eq!(patch(&app, &secret, json!({"customer_name": "x"})).await.0, StatusCode::OK, "open until its time");
    clock.advance(chrono::Duration::seconds(1));
    let (status, json) = patch(&app, &secret, json!({"customer_name": "y"})).await;
    assert_eq!((status, json["error"].clone()), (StatusCode::GONE, json!("ExpiredCheckoutError")));
    assert_eq!(get(&app, &secret).await.0, StatusCode::GONE);
}

#[tokio::test]
async fn a_confirmed_payment_settles_when_its_time_comes() {
    let (app, clock) = sandbox_with_clock();
    let (secret, _) = session(&app, ready()).await;
    let (status, json) = pay(&app, &secret, SUCCEEDS, json!({})).await;
    assert_eq!((status, json["status"].clone()), (StatusCode::OK, json!("confirmed")));
    assert_eq!(get(&app, &secret).await.1["status"], json!("confirmed"));
    clock.advance(chrono::Duration::milliseconds(500));
    assert_eq!(get(&app, &secret).await.1["status"], json!("succeeded"));
}

#[tokio::test]
async fn injected_faults_hit_the_next_requests_then_stop() {
    let app = sandbox_with_faults();
    let (secret, _) = session(&app, ready()).await;
    let inject = |body: serde_json::Value| {
        let app = app.clone();
        async move { send(&app, "POST", "/v1/sandbox/faults", Some(SANDBOX_TOKEN), Some(&body.to_string())).await }
    };
    inject(json!({"client_secret": secret, "fault": "server_error", "count": 2})).await;
    inject(json!({"client_secret": secret, "fault": "rate_limited", "retry_after": 3})).await;
    inject(json!({"client_secret": secret, "fault": "malformed"})).await;
    let (status, json) = patch(&app, &secret, json!({"customer_name": "Ada"})).await;
    assert_eq!((status, json["error"].clone()), (StatusCode::INTERNAL_SERVER_ERROR, json!("InternalServerError")));
    assert_eq!(get(&app, &secret).await.0, StatusCode::INTERNAL_SERVER_ERROR);
    let req =
        axum::http::Request::get(format!("/v1/checkouts/client/{secret}")).body(axum::body::Body::empty()).unwrap();
    let res = tower::ServiceExt::oneshot(app.clone(), req).await.unwrap();
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(res.headers()["retry-after"], "3");
    let (status, json) = get(&app, &secret).await;
    assert_eq!((status, json), (StatusCode::OK, serde_json::Value::Null), "malformed body");
    let (status, json) = get(&app, &secret).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(json["customer_name"], json!(null), "the failed PATCH changed nothing");
    // Off by default.
    let (status, _) = send(
        &sandbox(),
        "POST",
        "/v1/sandbox/faults",
        Some(SANDBOX_TOKEN),
        Some(&json!({"client_secret": secret, "fault": "server_error"}).to_string()),
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_audit_trail_records_every_accepted_change() {
    let app = sandbox_with_faults();
    let (secret, created) = session(&app, ready()).await;
    patch(&app, &secret, json!({"customer_name": "Ada", "reason": "customer_request", "note": "typo in name"})).await;
    patch(&app, &secret, json!({"customer_email": "bad"})).await; // refused: not audited
    pay(&app, &secret, SUCCEEDS, json!({})).await;
    get(&app, &secret).await;
    let id = created["id"].as_str().unwrap();
    let (status, json) = send(&app, "GET", &format!("/v1/checkouts/{id}/audit"), Some(SANDBOX_TOKEN), None).await;
    assert_eq!(status, StatusCode::OK);
    let items = json["items"].as_array().unwrap();
    let sources: Vec<_> = items.iter().map(|i| i["source"].as_str().unwrap()).collect();
    assert_eq!(sources, vec!["create", "update", "confirm", "sandbox"]);
    assert_eq!(items[1]["fields"], json!(["customer_name"]));
    assert_eq!(
        (items[1]["reason"].clone(), items[1]["note"].clone()),
        (json!("customer_request"), json!("typo in name"))
    );
    assert_eq!(items[3]["fields"], json!(["status=succeeded"]));
    let (status, _) = send(&app, "GET", &format!("/v1/checkouts/{id}/audit"), None, None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}
