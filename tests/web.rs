//! Browser tests (wasm-bindgen-test in headless Chromium): Intl formatting as the buyer
//! sees it, and the components mounted into a real DOM.
#![cfg(target_arch = "wasm32")]

use kassa::core::checkout::CheckoutPublic;
use kassa::core::money::{Currency, Money};
use kassa::intl::format_money;
use kassa::ui::Summary;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const POLAR: &str = include_str!("../core/tests/fixtures/polar_checkout_public.json");

fn money(minor: i64, code: &str) -> Money {
    Money::new(minor, Currency::parse(code).unwrap())
}

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
fn formats_in_the_payment_currency_with_its_exponent() {
    assert_eq!(format_money(&money(1900, "usd"), "en-US"), "$19.00");
    assert_eq!(format_money(&money(1900, "EUR"), "de-DE"), "19,00\u{a0}€");
    assert_eq!(format_money(&money(5900, "KWD"), "en-US"), "KWD\u{a0}5.900");
}

#[wasm_bindgen_test]
fn an_invalid_locale_falls_back_instead_of_throwing() {
    let out = format_money(&money(1900, "USD"), "not a locale!!");
    assert!(out.contains("19.00") || out.contains("19,00"), "{out}");
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
