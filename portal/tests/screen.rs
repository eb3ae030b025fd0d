//! Browser tests of the subscription screen: a subscription as the sandbox sends it,
//! shown in words and amounts by the browser's Intl, the actions its status allows, and
//! `mountSubscription`'s refusals.
#![cfg(target_arch = "wasm32")]

use kassa_core::subscription::{CustomerSubscription, PastDue, SubscriptionStatus};
use kassa_portal::api::{Loaded, PortalApi};
use kassa_portal::screen::{Screen, View};
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const FIXTURE: &str = include_str!("../../core/tests/fixtures/customer_subscription.json");

fn container() -> web_sys::Element {
    let document = web_sys::window().unwrap().document().unwrap();
    let el = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&el).unwrap();
    el
}

/// The screen showing `sub` in `locale`, without asking any provider.
fn shown(sub: CustomerSubscription, locale: &str) -> (web_sys::Element, kassa::dom::Mounted) {
    let root = container();
    let locale = locale.to_string();
    let mounted = kassa::dom::mount(&root, move || {
        let screen =
            Screen::new(PortalApi::new(Some("http://127.0.0.1:9"), "polar_cst_test", None), None, locale, None);
        screen.current.set(Some(Loaded { model: sub, json: SendWrapper::new(JsValue::NULL) }));
        screen.view.set(View::Detail);
        kassa_portal::ui::screen(screen)
    });
    (root, mounted)
}

fn text(root: &web_sys::Element, testid: &str) -> String {
    root.query_selector(&format!("[data-testid={testid}]"))
        .unwrap()
        .map(|e| e.text_content().unwrap_or_default())
        .unwrap_or_default()
}

fn fixture() -> CustomerSubscription {
    serde_json::from_str(FIXTURE).unwrap()
}

#[wasm_bindgen_test]
fn an_active_subscription_shows_its_plan_price_seats_and_next_charge() {
    let (root, _m) = shown(fixture(), "en-US");
    assert_eq!(text(&root, "sub-product"), "Kassa Team");
    assert_eq!(text(&root, "sub-price"), "$36.00 / month");
    assert!(text(&root, "sub-status").starts_with("ActiveRenews on "), "{}", text(&root, "sub-status"));
    assert_eq!(text(&root, "sub-seats"), "Seats3");
    assert!(text(&root, "sub-next-charge").starts_with("Next charge$36.00 on "));
    let buttons = root.query_selector_all("[data-testid=sub-actions] button").unwrap().length();
    assert_eq!(buttons, 5, "plan, seats, next charge, pause, cancel");
}

#[wasm_bindgen_test]
fn a_past_due_subscription_counts_its_attempts_in_the_customers_language() {
    let mut sub = fixture();
    sub.status = SubscriptionStatus::PastDue;
    sub.past_due_at = Some("2026-11-24T10:00:00Z".into());
    sub.past_due = Some(PastDue { attempt_count: 2, max_attempts_count: 7 });
    let (root, _m) = shown(sub, "de-DE");
    let status = text(&root, "sub-status");
    assert!(status.contains("Überfällig seit 24.11.2026"), "{status}");
    assert!(status.contains("Zahlungsversuch 2 von 7"), "{status}");
    let price = text(&root, "sub-price").replace('\u{a0}', " ");
    assert_eq!(price, "36,00 $ / Monat");
}

#[wasm_bindgen_test]
fn an_unknown_status_still_shows_the_subscription_without_actions() {
    let json = FIXTURE.replace(r#""status": "active""#, r#""status": "hibernating""#);
    let sub: CustomerSubscription = serde_json::from_str(&json).unwrap();
    let (root, _m) = shown(sub, "en-US");
    assert_eq!(text(&root, "sub-product"), "Kassa Team");
    assert!(text(&root, "sub-status").contains("not known to this page"));
    assert!(root.query_selector("[data-testid=sub-actions]").unwrap().is_none());
}

#[wasm_bindgen_test]
fn mounting_without_a_token_or_with_a_bad_theme_is_refused() {
    let element: web_sys::HtmlElement = wasm_bindgen::JsCast::unchecked_into(container());
    let options = js_sys::JSON::parse(r#"{"subscriptionId":"x"}"#).unwrap();
    let error: JsValue = kassa_portal::embed::mount_subscription(element.clone(), options).err().unwrap().into();
    assert!(format!("{error:?}").contains("customerSessionToken is required"));
    let options = js_sys::JSON::parse(r#"{"customerSessionToken":"polar_cst_x","theme":"neon"}"#).unwrap();
    let error: JsValue = kassa_portal::embed::mount_subscription(element, options).err().unwrap().into();
    assert!(format!("{error:?}").contains("theme must be"));
}

#[wasm_bindgen_test]
fn dates_never_throw_into_the_page() {
    use kassa_portal::dates::{format_date, next_day};
    assert_eq!(format_date("2026-12-04T10:00:00Z", "en-US"), "Dec 4, 2026");
    assert_eq!(format_date("2026-12-04", "de-DE"), "04.12.2026");
    // An invalid locale falls back to the browser's; an unreadable date shows as sent.
    assert!(!format_date("2026-12-04", "not a locale!!").is_empty());
    assert_eq!(format_date("soon", "en-US"), "soon");
    assert_eq!(next_day("2026-12-31", 1), "2027-01-01");
    assert_eq!(next_day("2027-03-01", -1), "2027-02-28");
}

#[wasm_bindgen_test]
fn answers_map_to_what_the_screen_does_with_them() {
    use kassa_portal::api::PortalError;
    let answer =
        |status: u16, body: &str| PortalError::from_answer(status, &js_sys::JSON::parse(body).unwrap_or(JsValue::NULL));
    assert_eq!(answer(401, r#"{"error":"invalid_token","error_description":"expired"}"#), PortalError::Auth);
    assert_eq!(answer(404, r#"{"error":"ResourceNotFound","detail":"Not found"}"#), PortalError::NotFound);
    let fields = r#"{"error":"PolarRequestValidationError","detail":[{"loc":["body","next_charge_date"],"msg":"The next charge date must be after 2026-12-04.","type":"value_error","input":"2026-12-04"}]}"#;
    assert_eq!(
        answer(422, fields),
        PortalError::Fields(vec![("next_charge_date".into(), "The next charge date must be after 2026-12-04.".into())])
    );
    let refused = answer(400, r#"{"error":"BelowMinimumSeats","detail":"Minimum 2 seats required."}"#);
    assert_eq!(refused, PortalError::Refused(400, "BelowMinimumSeats".into(), "Minimum 2 seats required.".into()));
    assert_eq!(refused.code(), "BelowMinimumSeats");
    assert_eq!(answer(502, "<html>bad gateway</html>"), PortalError::Server(502));
    assert_eq!(
        answer(409, "conflict"),
        PortalError::Refused(409, "refused".into(), String::new()),
        "not JSON, still a refusal"
    );
}
