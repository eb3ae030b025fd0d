//! Router tests of the checkout endpoints: creation, reading by client secret (and the
//! legacy alias), and Polar's error shapes.

mod support;

use axum::http::StatusCode;
use kassa_core::checkout::CheckoutPublic;
use kassa_sandbox::catalog::ids;
use kassa_sandbox::SANDBOX_TOKEN;
use serde_json::json;
use support::{create, sandbox, send};

#[tokio::test]
async fn create_answers_201_with_a_polar_checkout() {
    let app = sandbox();
    let body = format!(r#"{{"products": ["{}"]}}"#, ids::PRO);
    let json = create(&app, &body).await;
    assert!(json["client_secret"].as_str().unwrap().starts_with("polar_c_"));
    assert_eq!(json["status"], "open");
    assert_eq!(json["product_id"], ids::PRO);
    assert_eq!(json["product_price_id"], ids::PRO_MONTHLY);
    assert_eq!(json["amount"], 1900);
    assert_eq!(json["net_amount"], 1900);
    assert_eq!(json["total_amount"], 1900);
    assert_eq!(json["currency"], "usd");
    assert_eq!(json["product"]["name"], "Kassa Pro");
    assert_eq!(json["products"][0]["prices"].as_array().unwrap().len(), 2);
    // Polar's merchant-side `Checkout` (the contract tests check every key against
    // Polar's OpenAPI document): no organization, the merchant's metadata.
    assert!(json.get("organization").is_none());
    assert_eq!((json["metadata"].clone(), json["subscription_id"].clone()), (json!({}), json!(null)));
    // And the buyer's view of it reads back as Kassa's model.
    let secret = json["client_secret"].as_str().unwrap();
    let (_, public) = send(&app, "GET", &format!("/v1/checkouts/client/{secret}"), None, None).await;
    let parsed: CheckoutPublic = serde_json::from_value(public).unwrap();
    assert_eq!(parsed.billing_interval().map(|(i, n)| (i.as_str(), n)), Some(("month", 1)));
}

#[tokio::test]
async fn client_secret_reads_the_session_on_both_paths() {
    let app = sandbox();
    let created = create(&app, &format!(r#"{{"products": ["{}", "{}"]}}"#, ids::PRO, ids::TEAM)).await;
    let secret = created["client_secret"].as_str().unwrap();
    for path in ["/v1/checkouts/client/", "/v1/checkouts/custom/client/"] {
        let (status, json) = send(&app, "GET", &format!("{path}{secret}"), None, None).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        // The buyer's view of the merchant's checkout: the same session, with the
        // organization instead of what only the merchant sees.
        for key in ["id", "amount", "total_amount", "products", "prices", "product_price_id", "expires_at"] {
            assert_eq!(json[key], created[key], "{path}: {key}");
        }
        assert!(json.get("organization").is_some() && json.get("metadata").is_none(), "{path}");
    }
}

#[tokio::test]
async fn unknown_secret_is_polars_404() {
    let app = sandbox();
    for path in ["/v1/checkouts/client/nope", "/v1/checkouts/custom/client/nope"] {
        let (status, json) = send(&app, "GET", path, None, None).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert_eq!(json["error"], "ResourceNotFound");
        assert!(json["detail"].is_string());
    }
}

#[tokio::test]
async fn merchant_reads_a_session_by_id() {
    let app = sandbox();
    let created = create(&app, &format!(r#"{{"products": ["{}"]}}"#, ids::LIFETIME)).await;
    let id = created["id"].as_str().unwrap();
    let (status, json) = send(&app, "GET", &format!("/v1/checkouts/{id}"), Some(SANDBOX_TOKEN), None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(json["total_amount"], 24900);
    let (status, _) = send(&app, "GET", "/v1/checkouts/unknown", Some(SANDBOX_TOKEN), None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn merchant_endpoints_need_the_token() {
    let app = sandbox();
    let body = format!(r#"{{"products": ["{}"]}}"#, ids::PRO);
    let (status, json) = send(&app, "POST", "/v1/checkouts/", None, Some(&body)).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(json["error"], "Unauthorized");
    let (status, _) = send(&app, "POST", "/v1/checkouts/", Some("wrong"), Some(&body)).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, _) = send(&app, "GET", "/v1/products/", None, None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn create_validates_like_polar() {
    let app = sandbox();
    let (status, json) =
        send(&app, "POST", "/v1/checkouts/", Some(SANDBOX_TOKEN), Some(r#"{"products": ["nope"]}"#)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(json.get("error").is_none(), "Polar's HTTPValidationError is the detail list alone");
    assert_eq!(json["detail"][0]["loc"], json!(["body", "products", 0]));
    assert_eq!(json["detail"][0]["input"], "nope");

    let (status, json) = send(&app, "POST", "/v1/checkouts/", Some(SANDBOX_TOKEN), Some("{not json")).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(json["detail"][0]["type"], "json_invalid");

    let (status, json) = send(&app, "POST", "/v1/checkouts/", Some(SANDBOX_TOKEN), Some(r#"{"products": "x"}"#)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(json["detail"][0]["loc"], json!(["body", "products"]));

    let (status, json) = send(&app, "POST", "/v1/checkouts/", Some(SANDBOX_TOKEN), Some(r#"{"products": []}"#)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(json["detail"][0]["type"], "too_short");
}

#[tokio::test]
async fn seat_based_session_starts_at_the_minimum() {
    let app = sandbox();
    let json = create(&app, &format!(r#"{{"products": ["{}"]}}"#, ids::TEAM)).await;
    assert_eq!(json["seats"], 2);
    // The price's tiers bound the seats; the checkout sets no limits of its own.
    assert_eq!((json["min_seats"].clone(), json["max_seats"].clone()), (json!(null), json!(null)));
    assert_eq!(json["product_price"]["seat_tiers"]["minimum_seats"], 2);
    assert_eq!(json["total_amount"], 2400);
}

#[tokio::test]
async fn products_are_listed_in_polars_shape() {
    let app = sandbox();
    let (status, json) = send(&app, "GET", "/v1/products/", Some(SANDBOX_TOKEN), None).await;
    assert_eq!(status, StatusCode::OK);
    let items = json["items"].as_array().unwrap();
    assert_eq!(json["pagination"]["total_count"], items.len());
    let pro = items.iter().find(|p| p["id"] == ids::PRO).unwrap();
    let intervals: Vec<_> = pro["prices"].as_array().unwrap().iter().map(|p| p["recurring_interval"].clone()).collect();
    assert_eq!(intervals, vec![json!("month"), json!("year")]);
}

#[tokio::test]
async fn wasm_is_served_as_application_wasm() {
    let root = std::env::temp_dir().join(format!("kassa-site-{}", std::process::id()));
    std::fs::create_dir_all(root.join("pkg")).unwrap();
    std::fs::write(root.join("pkg/kassa_bg.wasm"), b"\0asm\x01\0\0\0").unwrap();
    let app = support::sandbox_at(root.clone());
    let req = axum::http::Request::get("/pkg/kassa_bg.wasm").body(axum::body::Body::empty()).unwrap();
    let res = tower::ServiceExt::oneshot(app, req).await.unwrap();
    std::fs::remove_dir_all(&root).unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["content-type"], "application/wasm");
    // A CDN's files: any page may import and fetch them.
    assert_eq!(res.headers()["access-control-allow-origin"], "*");
}

#[tokio::test]
async fn the_widget_and_its_assets_may_be_loaded_from_any_origin_the_demo_page_not() {
    let app = sandbox();
    for (uri, cors) in [("/pkg/index.js", true), ("/www/kassa.css", true), ("/", false)] {
        let req = axum::http::Request::get(uri)
            .header("origin", "https://shop.example")
            .body(axum::body::Body::empty())
            .unwrap();
        let res = tower::ServiceExt::oneshot(app.clone(), req).await.unwrap();
        assert_eq!(res.headers().get("access-control-allow-origin").is_some(), cors, "{uri}");
    }
}

#[tokio::test]
async fn client_endpoints_answer_a_credentialed_preflight_from_any_origin() {
    // Polar's React provider fetches with `credentials: "include"`; `*` would be refused.
    let app = sandbox();
    let req = axum::http::Request::builder()
        .method("OPTIONS")
        .uri("/v1/checkouts/client/polar_c_x")
        .header("origin", "https://shop.example")
        .header("access-control-request-method", "PATCH")
        .header("access-control-request-headers", "content-type")
        .body(axum::body::Body::empty())
        .unwrap();
    let res = tower::ServiceExt::oneshot(app, req).await.unwrap();
    assert_eq!(res.headers()["access-control-allow-origin"], "https://shop.example");
    assert_eq!(res.headers()["access-control-allow-credentials"], "true");
    assert!(res.headers()["access-control-allow-methods"].to_str().unwrap().contains("PATCH"));
}
