//! Router tests of the customer portal: a paid checkout's customer, session token and
//! subscription; the portal's auth; and each of Polar's rules for changing a
//! subscription, with its error, all-or-nothing.

mod support;

use axum::http::StatusCode;
use axum::Router;
use chrono::Duration;
use kassa_sandbox::catalog::ids;
use kassa_sandbox::SANDBOX_TOKEN;
use serde_json::{json, Value};
use support::{locs, pay, sandbox_with_clock, send, session, SUCCEEDS};

const PORTAL: &str = "/v1/customer-portal/subscriptions";

/// A subscription made by the sandbox's helper; returns (token, subscription).
async fn seeded(app: &Router, seed: Value) -> (String, Value) {
    let (status, json) =
        send(app, "POST", "/v1/sandbox/subscriptions", Some(SANDBOX_TOKEN), Some(&seed.to_string())).await;
    assert_eq!(status, StatusCode::CREATED, "{json}");
    (json["customer_session"]["token"].as_str().unwrap().to_string(), json["subscription"].clone())
}

async fn portal(app: &Router, method: &str, token: &str, path: &str, body: Option<Value>) -> (StatusCode, Value) {
    let body = body.map(|b| b.to_string());
    send(app, method, &format!("{PORTAL}{path}"), Some(token), body.as_deref()).await
}

async fn patch(app: &Router, token: &str, id: &str, body: Value) -> (StatusCode, Value) {
    portal(app, "PATCH", token, &format!("/{id}"), Some(body)).await
}

async fn organization(app: &Router, body: Value) {
    let (status, json) =
        send(app, "PATCH", "/v1/sandbox/organization", Some(SANDBOX_TOKEN), Some(&body.to_string())).await;
    assert_eq!(status, StatusCode::OK, "{json}");
}

async fn audit(app: &Router, id: &str) -> Vec<Vec<String>> {
    let (_, json) = send(app, "GET", &format!("/v1/sandbox/subscriptions/{id}/audit"), Some(SANDBOX_TOKEN), None).await;
    json["items"].as_array().unwrap().iter().map(|e| serde_json::from_value(e["fields"].clone()).unwrap()).collect()
}

/// A fresh token for the customer (the last one lasted an hour).
async fn fresh_token(app: &Router, sub: &Value) -> String {
    let body = json!({"customer_id": sub["customer_id"]}).to_string();
    let (status, json) = send(app, "POST", "/v1/customer-sessions/", Some(SANDBOX_TOKEN), Some(&body)).await;
    assert_eq!(status, StatusCode::CREATED, "{json}");
    json["token"].as_str().unwrap().to_string()
}

fn team(email: &str) -> Value {
    json!({"customer_email": email, "product_id": ids::TEAM, "seats": 3})
}

#[tokio::test]
async fn a_paid_checkout_leaves_a_customer_a_token_and_a_subscription() {
    let (app, clock) = sandbox_with_clock();
    let (secret, _) =
        session(&app, json!({"products": [ids::STUDIO], "customer_email": "grace@example.com", "buyer_country": "DE"}))
            .await;
    send(&app, "PATCH", &format!("/v1/checkouts/client/{secret}"), None, Some(r#"{"seats": 4}"#)).await;
    let (status, confirmed) = pay(&app, &secret, SUCCEEDS, json!({})).await;
    assert_eq!(status, StatusCode::OK, "{confirmed}");
    let token = confirmed["customer_session_token"].as_str().unwrap().to_string();
    assert!(token.starts_with("polar_cst_"));
    // Polar creates the subscription when the payment succeeds, not at confirmation.
    let (_, list) = portal(&app, "GET", &token, "/", None).await;
    assert_eq!(list["pagination"], json!({"total_count": 0, "max_page": 0}));
    clock.advance(Duration::seconds(1));
    let (status, list) = portal(&app, "GET", &token, "/", None).await;
    assert_eq!(status, StatusCode::OK, "{list}");
    let sub = &list["items"][0];
    assert_eq!(
        (sub["status"].clone(), sub["seats"].clone(), sub["amount"].clone()),
        (json!("active"), json!(4), json!(6000))
    );
    assert_eq!(sub["checkout_id"], confirmed["id"]);
    assert_eq!(sub["customer_id"], confirmed["customer_id"]);
    assert_eq!(sub["product"]["organization"]["slug"], "kassa-sandbox");
    let (status, one) = portal(&app, "GET", &token, &format!("/{}", sub["id"].as_str().unwrap()), None).await;
    assert_eq!((status, one["id"].clone()), (StatusCode::OK, sub["id"].clone()));

    // The same email again: the customer exists, so no token (Polar's guard against
    // someone typing another's address), and a second subscription for them.
    let (secret, _) = session(
        &app,
        json!({"products": [ids::STARTER], "customer_email": "GRACE@example.com", "buyer_country": "DE"}),
    )
    .await;
    let (status, again) = pay(&app, &secret, SUCCEEDS, json!({})).await;
    assert_eq!(status, StatusCode::OK, "{again}");
    assert_eq!(again["customer_session_token"], Value::Null);
    assert_eq!(again["customer_id"], confirmed["customer_id"]);
    clock.advance(Duration::seconds(1));
    let (_, list) = portal(&app, "GET", &token, "/?sorting=amount", None).await;
    let names: Vec<_> =
        list["items"].as_array().unwrap().iter().map(|s| s["status"].as_str().unwrap().to_string()).collect();
    assert_eq!(names, ["trialing", "active"], "Starter's trial, then Studio by amount");
}

#[tokio::test]
async fn the_portal_answers_polars_401s() {
    let (app, clock) = sandbox_with_clock();
    let (token, sub) = seeded(&app, team("ada@example.com")).await;
    let (status, json) = send(&app, "GET", &format!("{PORTAL}/"), None, None).await;
    assert_eq!((status, json), (StatusCode::UNAUTHORIZED, json!({"error": "Unauthorized", "detail": "Unauthorized"})));
    // The merchant's token is a valid token of another kind: anonymous here.
    let (status, json) = send(&app, "GET", &format!("{PORTAL}/"), Some(SANDBOX_TOKEN), None).await;
    assert_eq!((status, json["error"].clone()), (StatusCode::UNAUTHORIZED, json!("Unauthorized")));
    for bad in ["polar_cst_nope", "garbage"] {
        let (status, json) = send(&app, "GET", &format!("{PORTAL}/"), Some(bad), None).await;
        assert_eq!((status, json["error"].clone()), (StatusCode::UNAUTHORIZED, json!("invalid_token")), "{bad}");
        assert!(json["error_description"].is_string());
    }
    let (status, _) = portal(&app, "GET", &token, &format!("/{}", sub["id"].as_str().unwrap()), None).await;
    assert_eq!(status, StatusCode::OK);
    clock.advance(Duration::minutes(61));
    let (status, json) = portal(&app, "GET", &token, "/", None).await;
    assert_eq!((status, json["error"].clone()), (StatusCode::UNAUTHORIZED, json!("invalid_token")), "an hour later");
}

#[tokio::test]
async fn another_customers_subscription_is_not_found_and_a_bad_id_is_a_422() {
    let (app, _) = sandbox_with_clock();
    let (_, theirs) = seeded(&app, team("them@example.com")).await;
    let (token, _) = seeded(&app, team("me@example.com")).await;
    let id = theirs["id"].as_str().unwrap();
    let (status, json) = portal(&app, "GET", &token, &format!("/{id}"), None).await;
    assert_eq!((status, json["error"].clone()), (StatusCode::NOT_FOUND, json!("ResourceNotFound")));
    let (status, _) = patch(&app, &token, id, json!({"seats": 5})).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, json) = portal(&app, "GET", &token, "/not-a-uuid", None).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(json["detail"][0]["loc"], json!(["path", "id"]));
}

#[tokio::test]
async fn the_list_filters_sorts_and_pages_as_polar() {
    let (app, _) = sandbox_with_clock();
    let (token, _) =
        seeded(&app, json!({"customer_email": "l@example.com", "product_id": ids::STARTER, "days_into_period": 1}))
            .await;
    for (product, days) in [(ids::TEAM, 2), (ids::STUDIO, 3)] {
        seeded(&app, json!({"customer_email": "l@example.com", "product_id": product, "days_into_period": days})).await;
    }
    seeded(&app, json!({"customer_email": "l@example.com", "product_id": ids::API, "status": "canceled"})).await;
    seeded(&app, json!({"customer_email": "l@example.com", "product_id": ids::API, "status": "incomplete"})).await;
    let names = |json: &Value| -> Vec<String> {
        json["items"].as_array().unwrap().iter().map(|s| s["product"]["name"].as_str().unwrap().to_string()).collect()
    };
    let (_, all) = portal(&app, "GET", &token, "/", None).await;
    // An incomplete subscription never started: Polar's list leaves it out.
    assert_eq!(all["pagination"]["total_count"], 4);
    assert_eq!(names(&all)[..3], ["Kassa Starter", "Kassa Team", "Kassa Studio"], "newest start first");
    let (_, active) = portal(&app, "GET", &token, "/?active=true", None).await;
    assert_eq!(active["pagination"]["total_count"], 3);
    let (_, ended) = portal(&app, "GET", &token, "/?active=false", None).await;
    assert_eq!(names(&ended), ["Kassa API"]);
    let (_, found) = portal(&app, "GET", &token, "/?query=TEAM", None).await;
    assert_eq!(names(&found), ["Kassa Team"]);
    let (_, by) = portal(
        &app,
        "GET",
        &token,
        &format!("/?product_id={}&product_id={}&sorting=product", ids::TEAM, ids::STUDIO),
        None,
    )
    .await;
    assert_eq!(names(&by), ["Kassa Studio", "Kassa Team"]);
    let (_, page) = portal(&app, "GET", &token, "/?limit=3&page=2", None).await;
    assert_eq!((page["items"].as_array().unwrap().len(), page["pagination"]["max_page"].clone()), (1, json!(2)));
    let (_, clamped) = portal(&app, "GET", &token, "/?limit=500", None).await;
    assert_eq!(clamped["pagination"]["max_page"], 1, "a limit above 100 is clamped, not refused");
    let (status, json) = portal(&app, "GET", &token, "/?page=0", None).await;
    assert_eq!(
        (status, json["detail"][0]["loc"].clone()),
        (StatusCode::UNPROCESSABLE_ENTITY, json!(["query", "page"]))
    );
}

#[tokio::test]
async fn a_plan_change_under_invoice_charges_now_and_without_a_card_changes_nothing() {
    let (app, _) = sandbox_with_clock();
    let (token, sub) = seeded(&app, json!({"customer_email": "i@example.com", "product_id": ids::STARTER})).await;
    let id = sub["id"].as_str().unwrap();
    let (status, preview) =
        portal(&app, "POST", &token, &format!("/{id}/change-preview"), Some(json!({"product_id": ids::API}))).await;
    assert_eq!(status, StatusCode::OK, "{preview}");
    let prorations = preview["prorations"].as_array().unwrap();
    assert_eq!(prorations.len(), 2);
    assert!(prorations[0]["label"].as_str().unwrap().starts_with("Remaining time on Kassa Starter — From "));
    assert!(prorations[0]["amount"].as_i64().unwrap() < 0 && prorations[1]["amount"].as_i64().unwrap() > 0);
    let due = preview["due_amount"].as_i64().unwrap();
    assert!(due > 0 && due < 2900 - 900, "the difference for the rest of the period: {due}");
    let (status, changed) = patch(&app, &token, id, json!({"product_id": ids::API})).await;
    assert_eq!(status, StatusCode::OK, "{changed}");
    assert_eq!((changed["product_id"].as_str(), changed["amount"].clone()), (Some(ids::API), json!(2900)));
    assert_eq!(changed["pending_update"], Value::Null);
    assert!(audit(&app, id).await.last().unwrap().contains(&format!("charged={due}")));

    // No card on file: Polar's 402, and the plan is what it was.
    let (token, sub) = seeded(
        &app,
        json!({"customer_email": "nocard@example.com", "product_id": ids::STARTER, "has_payment_method": false}),
    )
    .await;
    let id = sub["id"].as_str().unwrap();
    let (status, json) = patch(&app, &token, id, json!({"product_id": ids::API})).await;
    assert_eq!((status, json["error"].clone()), (StatusCode::PAYMENT_REQUIRED, json!("PaymentFailed")));
    let (_, after) = portal(&app, "GET", &token, &format!("/{id}"), None).await;
    assert_eq!(after["product_id"], ids::STARTER);
    assert_eq!(audit(&app, id).await.len(), 1, "nothing but its creation");
}

#[tokio::test]
async fn a_plan_change_under_prorate_waits_for_the_next_invoice() {
    let (app, clock) = sandbox_with_clock();
    organization(&app, json!({"proration_behavior": "prorate"})).await;
    let (token, sub) = seeded(&app, json!({"customer_email": "p@example.com", "product_id": ids::STARTER})).await;
    let id = sub["id"].as_str().unwrap();
    let (_, changed) = patch(&app, &token, id, json!({"product_id": ids::API})).await;
    assert_eq!(changed["product_id"], ids::API);
    assert!(!audit(&app, id).await.last().unwrap().iter().any(|f| f.starts_with("charged=")), "nothing charged now");
    // The prorations wait: a preview of the next change shows them.
    let (_, preview) =
        portal(&app, "POST", &token, &format!("/{id}/change-preview"), Some(json!({"product_id": ids::STARTER}))).await;
    assert_eq!(preview["prorations"].as_array().unwrap().len(), 4);
    // At the period's end they are billed with the renewal.
    clock.advance(Duration::days(31));
    let token = fresh_token(&app, &sub).await;
    portal(&app, "GET", &token, &format!("/{id}"), None).await;
    let renewal = audit(&app, id).await.last().unwrap().clone();
    let charged: i64 = renewal.iter().find_map(|f| f.strip_prefix("charged=")).unwrap().parse().unwrap();
    assert!(charged > 2900, "the period plus the prorated difference: {charged}");
}

#[tokio::test]
async fn a_plan_change_under_next_period_is_pending_until_the_period_ends() {
    let (app, clock) = sandbox_with_clock();
    organization(&app, json!({"proration_behavior": "next_period"})).await;
    let (token, sub) = seeded(&app, json!({"customer_email": "n@example.com", "product_id": ids::STARTER})).await;
    let id = sub["id"].as_str().unwrap();
    let (_, preview) =
        portal(&app, "POST", &token, &format!("/{id}/change-preview"), Some(json!({"product_id": ids::API}))).await;
    assert_eq!((preview["due_amount"].clone(), preview["prorations"].clone()), (json!(0), json!([])));
    let (status, changed) = patch(&app, &token, id, json!({"product_id": ids::API})).await;
    assert_eq!(status, StatusCode::OK, "{changed}");
    assert_eq!(changed["product_id"], ids::STARTER, "unchanged until then");
    assert_eq!(changed["pending_update"]["product_id"], ids::API);
    assert_eq!(changed["pending_update"]["applies_at"], changed["current_period_end"]);
    // Dropped, then asked again, then applied by the renewal.
    let (_, cleared) = patch(&app, &token, id, json!({"pending_update": null})).await;
    assert_eq!(cleared["pending_update"], Value::Null);
    let (status, json) = patch(&app, &token, id, json!({"pending_update": null})).await;
    assert_eq!((status, locs(&json)), (StatusCode::UNPROCESSABLE_ENTITY, vec!["pending_update".to_string()]));
    patch(&app, &token, id, json!({"product_id": ids::API})).await;
    clock.advance(Duration::days(31));
    let token = fresh_token(&app, &sub).await;
    let (_, renewed) = portal(&app, "GET", &token, &format!("/{id}"), None).await;
    assert_eq!((renewed["product_id"].as_str(), renewed["pending_update"].clone()), (Some(ids::API), Value::Null));
    // A seat product cannot be reached at the next period (Polar's own rule).
    let (status, json) = patch(&app, &token, id, json!({"product_id": ids::TEAM})).await;
    assert_eq!((status, locs(&json)), (StatusCode::UNPROCESSABLE_ENTITY, vec!["proration_behavior".to_string()]));
}

#[tokio::test]
async fn a_plan_change_is_refused_at_product_id_for_each_of_polars_reasons() {
    let (app, _) = sandbox_with_clock();
    let (token, sub) = seeded(&app, team("r@example.com")).await;
    let id = sub["id"].as_str().unwrap();
    for (product, message) in [
        ("5a1d0000-0000-4000-8000-0000000001ff", "Product does not exist."),
        (ids::LIFETIME, "Product is not recurring."),
        (ids::PRO, "Product has legacy recurring prices."),
        (ids::PRO_JPY, "This product doesn't have a price for the subscription currency."),
        (ids::STARTER, "Can't switch from a seat-based to a non-seat-based product."),
    ] {
        let (status, json) = patch(&app, &token, id, json!({"product_id": product})).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{product}");
        assert_eq!((locs(&json), json["detail"][0]["msg"].clone()), (vec!["product_id".to_string()], json!(message)));
    }
    let (status, json) =
        patch(&app, &token, id, json!({"product_id": ids::STUDIO, "proration_behavior": "invoice"})).await;
    assert_eq!((status, locs(&json)), (StatusCode::UNPROCESSABLE_ENTITY, vec!["proration_behavior".to_string()]));
    organization(&app, json!({"customer_portal_settings": {"subscription": {"update_plan": false}}})).await;
    let (status, json) = patch(&app, &token, id, json!({"product_id": ids::STUDIO})).await;
    assert_eq!((status, json["error"].clone()), (StatusCode::FORBIDDEN, json!("UpdateSubscriptionPlanNotAllowed")));
}

#[tokio::test]
async fn seats_follow_the_price_bounds_and_each_behaviour() {
    let (app, _) = sandbox_with_clock();
    let (token, sub) = seeded(&app, team("s@example.com")).await;
    let id = sub["id"].as_str().unwrap();
    for (seats, error) in [(1, "BelowMinimumSeats"), (0, "BelowMinimumSeats"), (51, "AboveMaximumSeats")] {
        let (status, json) = patch(&app, &token, id, json!({"seats": seats})).await;
        assert_eq!((status, json["error"].clone()), (StatusCode::BAD_REQUEST, json!(error)), "{seats}");
    }
    let (_, preview) = portal(&app, "POST", &token, &format!("/{id}/change-preview"), Some(json!({"seats": 5}))).await;
    let label = preview["prorations"][0]["label"].as_str().unwrap();
    assert!(label.starts_with("Kassa Team (3 → 5 seats) — From "), "{label}");
    let (status, json) = patch(&app, &token, id, json!({"seats": 5})).await;
    assert_eq!((status, json["seats"].clone(), json["amount"].clone()), (StatusCode::OK, json!(5), json!(6000)));
    assert!(audit(&app, id).await.last().unwrap().contains(&format!("charged={}", preview["due_amount"])));

    organization(&app, json!({"proration_behavior": "next_period"})).await;
    let (_, json) = patch(&app, &token, id, json!({"seats": 8})).await;
    assert_eq!((json["seats"].clone(), json["pending_update"]["seats"].clone()), (json!(5), json!(8)));
    // The current count again takes the pending change back.
    let (_, json) = patch(&app, &token, id, json!({"seats": 5})).await;
    assert_eq!(json["pending_update"], Value::Null);

    let (token, sub) = seeded(&app, json!({"customer_email": "s2@example.com", "product_id": ids::STARTER})).await;
    let (status, json) = patch(&app, &token, sub["id"].as_str().unwrap(), json!({"seats": 2})).await;
    assert_eq!((status, json["error"].clone()), (StatusCode::BAD_REQUEST, json!("NotASeatBasedSubscription")));
}

#[tokio::test]
async fn cancel_uncancel_and_delete() {
    let (app, _) = sandbox_with_clock();
    let (token, sub) = seeded(&app, team("c@example.com")).await;
    let id = sub["id"].as_str().unwrap();
    let body =
        json!({"cancel_at_period_end": true, "cancellation_reason": "too_expensive", "cancellation_comment": "Pricey"});
    let (status, json) = patch(&app, &token, id, body.clone()).await;
    assert_eq!(status, StatusCode::OK, "{json}");
    assert_eq!(
        (json["cancel_at_period_end"].clone(), json["ends_at"].clone()),
        (json!(true), json["current_period_end"].clone())
    );
    assert_eq!(
        (json["customer_cancellation_reason"].clone(), json["status"].clone()),
        (json!("too_expensive"), json!("active"))
    );
    let (status, json) = patch(&app, &token, id, body).await;
    assert_eq!((status, json["error"].clone()), (StatusCode::FORBIDDEN, json!("AlreadyCanceledSubscription")));
    let (status, json) = patch(&app, &token, id, json!({"seats": 4})).await;
    assert_eq!((status, json["error"].clone()), (StatusCode::FORBIDDEN, json!("AlreadyCanceledSubscription")));
    let (_, json) = patch(&app, &token, id, json!({"cancel_at_period_end": false})).await;
    assert_eq!(
        (json["cancel_at_period_end"].clone(), json["ends_at"].clone(), json["customer_cancellation_reason"].clone()),
        (json!(false), Value::Null, Value::Null)
    );
    let (status, json) = patch(&app, &token, id, json!({"cancel_at_period_end": false})).await;
    assert_eq!((status, json["error"].clone()), (StatusCode::BAD_REQUEST, json!("BadRequest")));
    let (status, json) = portal(&app, "DELETE", &token, &format!("/{id}"), None).await;
    assert_eq!(
        (status, json["cancel_at_period_end"].clone(), json["customer_cancellation_reason"].clone()),
        (StatusCode::OK, json!(true), Value::Null)
    );
    let (status, _) = portal(&app, "DELETE", &token, &format!("/{id}"), None).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    // An empty body is Polar's cancel that cancels nothing; two bodies at once are a 422.
    let (status, _) = patch(&app, &token, id, json!({})).await;
    assert_eq!(status, StatusCode::OK);
    let (status, json) = patch(&app, &token, id, json!({"seats": 4, "resume": true})).await;
    assert_eq!((status, locs(&json)), (StatusCode::UNPROCESSABLE_ENTITY, vec!["resume".to_string()]));
}

#[tokio::test]
async fn pause_until_a_date_then_resume() {
    let (app, clock) = sandbox_with_clock();
    let (token, sub) = seeded(&app, team("z@example.com")).await;
    let id = sub["id"].as_str().unwrap();
    let end = chrono::DateTime::parse_from_rfc3339(sub["current_period_end"].as_str().unwrap()).unwrap();
    let too_soon = (end - Duration::days(1)).to_rfc3339();
    let (status, json) = patch(&app, &token, id, json!({"pause_at_period_end": true, "resumes_at": too_soon})).await;
    assert_eq!((status, locs(&json)), (StatusCode::UNPROCESSABLE_ENTITY, vec!["resumes_at".to_string()]));
    let (status, json) =
        patch(&app, &token, id, json!({"pause_at_period_end": true, "resumes_at": "2001-01-01T00:00:00Z"})).await;
    assert_eq!(
        (status, json["detail"][0]["type"].clone()),
        (StatusCode::UNPROCESSABLE_ENTITY, json!("datetime_future"))
    );
    let resumes = (end + Duration::days(20)).to_rfc3339();
    let (_, json) = patch(&app, &token, id, json!({"pause_at_period_end": true, "resumes_at": resumes})).await;
    assert_eq!((json["pause_at_period_end"].clone(), json["status"].clone()), (json!(true), json!("active")));
    let (status, json) = patch(&app, &token, id, json!({"pause_at_period_end": true})).await;
    assert_eq!((status, json["error"].clone()), (StatusCode::CONFLICT, json!("CannotPauseSubscription")));
    let (_, json) = patch(&app, &token, id, json!({"pause_at_period_end": false})).await;
    assert_eq!((json["pause_at_period_end"].clone(), json["resumes_at"].clone()), (json!(false), Value::Null));
    let (status, json) = patch(&app, &token, id, json!({"resume": true})).await;
    assert_eq!((status, json["error"].clone()), (StatusCode::CONFLICT, json!("NotPausedSubscription")));
    patch(&app, &token, id, json!({"pause_at_period_end": true, "resumes_at": resumes})).await;
    clock.advance(Duration::days(22));
    let token = fresh_token(&app, &sub).await;
    let (_, json) = portal(&app, "GET", &token, &format!("/{id}"), None).await;
    assert_eq!(
        (json["status"].clone(), json["paused_at"].clone()),
        (json!("paused"), sub["current_period_end"].clone())
    );
    let (status, json) = patch(&app, &token, id, json!({"resume": true})).await;
    assert_eq!(
        (status, json["status"].clone(), json["paused_at"].clone()),
        (StatusCode::OK, json!("active"), Value::Null)
    );
    organization(&app, json!({"customer_portal_settings": {"subscription": {"pause": false}}})).await;
    let (status, json) = patch(&app, &token, id, json!({"pause_at_period_end": true})).await;
    assert_eq!((status, json["error"].clone()), (StatusCode::FORBIDDEN, json!("PauseResumeNotAllowed")));
}

#[tokio::test]
async fn the_next_charge_moves_only_inside_its_window() {
    let (app, clock) = sandbox_with_clock();
    let now = clock.now();
    let day = |d: i64| (now + Duration::days(d)).date_naive().to_string();
    let (token, sub) = seeded(&app, json!({
        "customer_email": "w@example.com", "product_id": ids::STARTER, "ends_at": (now + Duration::days(90)).to_rfc3339(),
    }))
    .await;
    let id = sub["id"].as_str().unwrap();
    assert_eq!(sub["next_charge_window"], json!({"after": day(0), "before": day(90)}));
    let mv = |date: Value| {
        let (app, token, id) = (app.clone(), token.clone(), id.to_string());
        async move {
            portal(&app, "POST", &token, &format!("/{id}/next-charge-date"), Some(json!({"next_charge_date": date})))
                .await
        }
    };
    for (date, why) in
        [(day(0), "on active-from"), (day(-3), "before it"), (day(90), "on active-to"), (day(120), "after it")]
    {
        let (status, json) = mv(json!(date)).await;
        assert_eq!(
            (status, locs(&json)),
            (StatusCode::UNPROCESSABLE_ENTITY, vec!["next_charge_date".to_string()]),
            "{why}"
        );
    }
    for bad in [json!("2027-02-30"), json!("12/01/2027"), json!(20270101)] {
        let (status, json) = mv(bad.clone()).await;
        assert_eq!(
            (status, json["detail"][0]["type"].clone()),
            (StatusCode::UNPROCESSABLE_ENTITY, json!("date_from_datetime_parsing")),
            "{bad}"
        );
    }
    for inside in [day(1), day(89), day(45)] {
        let (status, json) = mv(json!(inside)).await;
        assert_eq!(status, StatusCode::OK, "{json}");
        assert!(json["current_period_end"].as_str().unwrap().starts_with(&inside));
    }
    // A fixed term cannot be canceled by the customer (Polar: `ends_at` is set).
    let (status, _) = portal(&app, "DELETE", &token, &format!("/{id}"), None).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    // Without an end, the window is open-ended; once canceled, there is no next charge.
    let (token, sub) = seeded(&app, json!({"customer_email": "w2@example.com", "product_id": ids::STARTER})).await;
    let id = sub["id"].as_str().unwrap();
    assert_eq!(sub["next_charge_window"], json!({"after": day(0), "before": null}));
    let path = format!("/{id}/next-charge-date");
    let (status, _) = portal(&app, "POST", &token, &path, Some(json!({"next_charge_date": day(400)}))).await;
    assert_eq!(status, StatusCode::OK);
    let (_, canceled) = portal(&app, "DELETE", &token, &format!("/{id}"), None).await;
    assert!(canceled.get("next_charge_window").is_none(), "no next charge to move");
    let (status, json) = portal(&app, "POST", &token, &path, Some(json!({"next_charge_date": day(10)}))).await;
    assert_eq!((status, json["error"].clone()), (StatusCode::FORBIDDEN, json!("AlreadyCanceledSubscription")));
    let (status, json) = portal(&app, "POST", &token, &path, Some(json!({"next_charge_date": day(10), "at": 1}))).await;
    assert_eq!((status, locs(&json)), (StatusCode::UNPROCESSABLE_ENTITY, vec!["at".to_string()]));
}

#[tokio::test]
async fn each_status_renders_as_polar_with_kassas_extensions() {
    let (app, _) = sandbox_with_clock();
    for status in ["trialing", "active", "past_due", "canceled", "unpaid", "paused", "incomplete"] {
        let (_, sub) = seeded(
            &app,
            json!({"customer_email": format!("{status}@example.com"), "product_id": ids::STARTER, "status": status}),
        )
        .await;
        assert_eq!(sub["status"], status);
        assert_eq!(sub.get("past_due").is_some(), status == "past_due", "{status}");
    }
    let (_, sub) = seeded(
        &app,
        json!({"customer_email": "pd@example.com", "product_id": ids::TEAM, "status": "past_due", "attempt_count": 3}),
    )
    .await;
    assert_eq!(sub["past_due"], json!({"attempt_count": 3, "max_attempts_count": 7}));
    assert!(sub["past_due_at"].is_string());
    let (status, json) = send(
        &app,
        "POST",
        "/v1/sandbox/subscriptions",
        Some(SANDBOX_TOKEN),
        Some(&json!({"customer_email": "x@example.com", "product_id": ids::LIFETIME}).to_string()),
    )
    .await;
    assert_eq!((status, locs(&json)), (StatusCode::UNPROCESSABLE_ENTITY, vec!["product_id".to_string()]));
}

#[tokio::test]
async fn the_merchant_issues_customer_sessions() {
    let (app, _) = sandbox_with_clock();
    let (_, sub) = seeded(&app, team("m@example.com")).await;
    let customer_id = sub["customer_id"].as_str().unwrap();
    let body = json!({"customer_id": customer_id, "return_url": "https://shop.example/account"});
    let (status, json) =
        send(&app, "POST", "/v1/customer-sessions/", Some(SANDBOX_TOKEN), Some(&body.to_string())).await;
    assert_eq!(status, StatusCode::CREATED, "{json}");
    assert_eq!(
        (json["customer_id"].as_str(), json["customer"]["email"].as_str()),
        (Some(customer_id), Some("m@example.com"))
    );
    let token = json["token"].as_str().unwrap();
    let (status, list) = portal(&app, "GET", token, "/", None).await;
    assert_eq!((status, list["pagination"]["total_count"].clone()), (StatusCode::OK, json!(1)));
    let unknown = json!({"customer_id": "c0000000-0000-4000-8000-000000000009"});
    let (status, json) =
        send(&app, "POST", "/v1/customer-sessions/", Some(SANDBOX_TOKEN), Some(&unknown.to_string())).await;
    assert_eq!(
        (status, json["detail"][0]["msg"].clone()),
        (StatusCode::UNPROCESSABLE_ENTITY, json!("Customer does not exist."))
    );
    let (status, _) = send(&app, "POST", "/v1/customer-sessions/", None, Some(&body.to_string())).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn the_organization_lists_the_products_its_portal_offers() {
    let (app, _) = sandbox_with_clock();
    let (status, json) = send(&app, "GET", "/v1/customer-portal/organizations/kassa-sandbox", None, None).await;
    assert_eq!(status, StatusCode::OK, "{json}");
    assert_eq!(json["organization"]["customer_portal_settings"]["subscription"]["pause"], true);
    assert!(json["products"].as_array().unwrap().iter().any(|p| p["id"] == ids::TEAM));
    let (status, _) = send(&app, "GET", "/v1/customer-portal/organizations/nope", None, None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn an_invoice_made_now_bills_the_prorations_waiting_and_a_scheduled_resume_bills_its_period() {
    let (app, clock) = sandbox_with_clock();
    organization(&app, json!({"proration_behavior": "prorate"})).await;
    let (token, sub) = seeded(&app, team("wait@example.com")).await;
    let id = sub["id"].as_str().unwrap();
    patch(&app, &token, id, json!({"seats": 5})).await;
    organization(&app, json!({"proration_behavior": "invoice"})).await;
    let (_, preview) = portal(&app, "POST", &token, &format!("/{id}/change-preview"), Some(json!({"seats": 6}))).await;
    assert_eq!(preview["prorations"].as_array().unwrap().len(), 2, "the waiting one and this one");
    patch(&app, &token, id, json!({"seats": 6})).await;
    assert!(
        audit(&app, id).await.last().unwrap().contains(&format!("charged={}", preview["due_amount"])),
        "shown is charged"
    );

    let (_, sub) = seeded(
        &app,
        json!({"customer_email": "resume@example.com", "product_id": ids::STARTER, "status": "paused",
        "resumes_at": (clock.now() + Duration::days(3)).to_rfc3339()}),
    )
    .await;
    let id = sub["id"].as_str().unwrap();
    clock.advance(Duration::days(4));
    let (_, list) = portal(&app, "GET", &fresh_token(&app, &sub).await, &format!("/{id}"), None).await;
    assert_eq!(list["status"], "active");
    assert_eq!(audit(&app, id).await.last().unwrap(), &vec!["status=active".to_string(), "charged=900".to_string()]);
}

#[tokio::test]
async fn a_card_is_asked_for_by_the_prices_not_the_discounted_amount() {
    let (app, _) = sandbox_with_clock();
    let (token, sub) = seeded(
        &app,
        json!({"customer_email": "nocard2@example.com", "product_id": ids::STARTER,
        "cancel_at_period_end": true, "has_payment_method": false}),
    )
    .await;
    let (status, json) = patch(&app, &token, sub["id"].as_str().unwrap(), json!({"cancel_at_period_end": false})).await;
    assert_eq!((status, json["error"].clone()), (StatusCode::CONFLICT, json!("PaymentMethodRequired")));
    // The organization's `allow_customer_updates` is its `update_plan` under Polar's other name.
    assert_eq!(
        sub["product"]["organization"]["allow_customer_updates"],
        sub["product"]["organization"]["customer_portal_settings"]["subscription"]["update_plan"]
    );
}
