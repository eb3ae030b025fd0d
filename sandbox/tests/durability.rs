//! Sessions survive a restart with their audit trail, and concurrent PATCHes on one
//! session serialize: none is lost.

mod support;

use axum::http::StatusCode;
use kassa_sandbox::catalog::ids;
use kassa_sandbox::{app, AppState, Store, SANDBOX_TOKEN};
use serde_json::json;
use support::{get, patch, sandbox, send, session};

#[tokio::test]
async fn restarting_keeps_every_session_and_its_audit_trail() {
    let dir = std::env::temp_dir().join(format!("kassa-restart-{}", std::process::id()));
    let db = dir.join("nested").join("sandbox.sqlite");
    let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let (secret, id, before) = {
        let app = app(AppState::new(Store::open(&db).unwrap(), root.clone(), "http://sandbox.test".into()));
        let (secret, created) = session(&app, json!({"products": [ids::TEAM]})).await;
        let (_, after) = patch(&app, &secret, json!({"seats": 12, "customer_name": "Ada"})).await;
        (secret, created["id"].as_str().unwrap().to_string(), after)
    };
    // A new process over the same file.
    let app = app(AppState::new(Store::open(&db).unwrap(), root, "http://sandbox.test".into()));
    let (status, json) = get(&app, &secret).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(json, before);
    let (_, audit) = send(&app, "GET", &format!("/v1/checkouts/{id}/audit"), Some(SANDBOX_TOKEN), None).await;
    assert_eq!(audit["items"].as_array().unwrap().len(), 2);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_patches_of_different_fields_all_land() {
    let app = sandbox();
    let (secret, _) = session(&app, json!({"products": [ids::TEAM]})).await;
    let bodies = [
        json!({"customer_name": "Ada"}),
        json!({"customer_email": "ada@example.com"}),
        json!({"seats": 17}),
        json!({"customer_billing_name": "Analytical Engines"}),
        json!({"is_business_customer": true}),
        json!({"customer_billing_address": {"country": "DE"}}),
        json!({"discount_code": "TEAM10"}),
        json!({"locale": "de-DE"}),
        json!({"custom_field_data": {"company": "Acme"}}),
        json!({"is_business_customer": true, "customer_tax_id": "DE123456789"}),
    ];
    // The tax ID needs the German address (and a business purchase): retry it until the
    // address has landed.
    let tasks: Vec<_> = bodies
        .into_iter()
        .map(|body| {
            let (app, secret) = (app.clone(), secret.clone());
            tokio::spawn(async move {
                for _ in 0..50 {
                    if patch(&app, &secret, body.clone()).await.0 == StatusCode::OK {
                        return;
                    }
                    tokio::task::yield_now().await;
                }
                panic!("{body} never landed");
            })
        })
        .collect();
    for t in tasks {
        t.await.unwrap();
    }
    let (_, json) = get(&app, &secret).await;
    assert_eq!(json["customer_name"], "Ada");
    assert_eq!(json["customer_email"], "ada@example.com");
    assert_eq!(json["seats"], 17);
    assert_eq!(json["customer_billing_name"], "Analytical Engines");
    assert_eq!(json["is_business_customer"], true);
    assert_eq!(json["customer_billing_address"]["country"], "DE");
    assert_eq!(json["discount"]["code"], "TEAM10");
    assert_eq!(json["locale"], "de-DE");
    assert_eq!(json["custom_field_data"]["company"], "Acme");
    assert_eq!(json["customer_tax_id"], "DE123456789");
}
