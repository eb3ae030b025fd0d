//! Browser tests (wasm-bindgen-test in headless Chromium): components mounted into a
//! real DOM.
#![cfg(target_arch = "wasm32")]

use kassa::core::checkout::CheckoutPublic;
use kassa::ui::Summary;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const POLAR: &str = include_str!("../core/tests/fixtures/polar_checkout_public.json");

/// A fresh element attached to the document body.
fn container() -> web_sys::HtmlElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let el = document.create_element("div").unwrap().unchecked_into::<web_sys::HtmlElement>();
    document.body().unwrap().append_child(&el).unwrap();
    el
}

fn text_of(root: &web_sys::HtmlElement, test_id: &str) -> String {
    root.query_selector(&format!("[data-testid={test_id}]"))
        .unwrap()
        .unwrap_or_else(|| panic!("no [data-testid={test_id}]"))
        .text_content()
        .unwrap()
}

#[wasm_bindgen_test]
fn summary_shows_product_price_interval_and_total() {
    let checkout: CheckoutPublic = serde_json::from_str(POLAR).unwrap();
    let root = container();
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        view! { <Summary checkout locale="en-US".to_string() /> }
    });
    assert_eq!(text_of(&root, "product-name"), "Analytics Pro");
    assert_eq!(text_of(&root, "price"), "€190.00 / year");
    assert_eq!(text_of(&root, "total"), "€203.49");
}

#[wasm_bindgen_test]
fn merchant_text_is_never_html() {
    let mut checkout: CheckoutPublic = serde_json::from_str(POLAR).unwrap();
    checkout.products[0].name = "<img src=x onerror=alert(1)>".into();
    let root = container();
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        view! { <Summary checkout locale="en-US".to_string() /> }
    });
    assert_eq!(text_of(&root, "product-name"), "<img src=x onerror=alert(1)>");
    assert!(root.query_selector("img").unwrap().is_none());
}

#[wasm_bindgen_test]
fn mount_rejects_missing_options_with_a_js_error() {
    let root = container();
    let options = js_sys::Object::new();
    assert!(kassa::embed::mount(root.clone(), options.into()).is_err());
    let options = js_sys::Object::new();
    js_sys::Reflect::set(&options, &"clientSecret".into(), &"  ".into()).unwrap();
    assert!(kassa::embed::mount(root, options.into()).is_err());
}

/// The fixture with a local currency (seed 000's shape) at `rate`.
fn with_local(rate: serde_json::Value, local: &str) -> CheckoutPublic {
    let mut checkout: CheckoutPublic = serde_json::from_str(POLAR).unwrap();
    checkout.currency_details = Some(
        serde_json::from_value(serde_json::json!({
            "plan": {
                "payment": {"amount": 19000, "currency": "EUR", "currency_decimals": 2},
                "local": {"amount": 0, "currency": local, "currency_exchange_rate": rate}
            }
        }))
        .unwrap(),
    );
    checkout
}

fn mount_summary(checkout: CheckoutPublic, locale: &str) -> web_sys::HtmlElement {
    let root = container();
    let locale = locale.to_string();
    let mounted = leptos::mount::mount_to(root.clone(), move || view! { <Summary checkout locale /> });
    std::mem::forget(mounted); // keep it on the page for the assertions
    root
}

#[wasm_bindgen_test]
fn local_currency_follows_the_charge_marked_approximate() {
    // €190.00 at 1.0837 = $205.903 → $205.90; total €203.49 → $220.52.
    let root = mount_summary(with_local(serde_json::json!("1.0837"), "USD"), "en-US");
    assert_eq!(text_of(&root, "price"), "€190.00 (≈\u{a0}$205.90) / year");
    assert_eq!(text_of(&root, "total"), "€203.49 (≈\u{a0}$220.52)");
    assert_eq!(text_of(&root, "currency-note"), "You are charged in EUR. Amounts in USD are approximate.");
}

#[wasm_bindgen_test]
fn a_bad_rate_shows_no_local_amount_rather_than_a_wrong_one() {
    for rate in [serde_json::json!(0), serde_json::json!(-1.1), serde_json::json!("NaN"), serde_json::json!(null)] {
        let root = mount_summary(with_local(rate.clone(), "USD"), "en-US");
        assert_eq!(text_of(&root, "total"), "€203.49", "rate {rate}");
        assert!(root.query_selector("[data-testid=currency-note]").unwrap().is_none());
    }
}

#[wasm_bindgen_test]
fn a_three_month_plan_reads_every_3_months_in_the_locale() {
    let mut checkout: CheckoutPublic = serde_json::from_str(POLAR).unwrap();
    checkout.products[0].recurring_interval_count = Some(3);
    checkout.products[0].prices[0].recurring_interval = Some(kassa::core::checkout::Interval::Month);
    let root = mount_summary(checkout.clone(), "en-US");
    assert_eq!(text_of(&root, "price"), "€190.00 every 3 months");
    let root = mount_summary(checkout, "de-DE");
    assert_eq!(text_of(&root, "price"), "190,00\u{a0}€ alle 3 Monate");
}
