//! Browser tests (wasm-bindgen-test in headless Chromium): components mounted into a
//! real DOM.
#![cfg(target_arch = "wasm32")]

use kassa::api::CheckoutEndpoint;
use kassa::core::checkout::CheckoutPublic;
use kassa::ui::checkout_form;
use wasm_bindgen::{JsCast, JsValue};
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
    let root = mount_form(checkout, "en-US");
    assert_eq!(text_of(&root, "product-name"), "Analytics Pro");
    assert_eq!(text_of(&root, "price"), "€190.00 / year");
    assert_eq!(text_of(&root, "total"), "€203.49");
}

#[wasm_bindgen_test]
fn merchant_text_is_never_html() {
    let mut checkout: CheckoutPublic = serde_json::from_str(POLAR).unwrap();
    checkout.products[0].name = "<img src=x onerror=alert(1)>".into();
    checkout.attached_custom_fields.as_mut().unwrap()[0].custom_field.properties.form_label =
        Some("<b>bold</b>".into());
    let root = mount_form(checkout, "en-US");
    assert_eq!(text_of(&root, "product-name"), "<img src=x onerror=alert(1)>");
    assert!(root.text_content().unwrap().contains("<b>bold</b>"));
    assert!(root.query_selector("b").unwrap().is_none());
    assert!(root.query_selector("img").unwrap().is_none());
}

#[wasm_bindgen_test]
fn mount_rejects_missing_options_with_a_js_error() {
    let root = container();
    let options = js_sys::Object::new();
    assert!(kassa::embed::mount(root.clone(), options.into(), JsValue::UNDEFINED, JsValue::UNDEFINED).is_err());
    let options = js_sys::Object::new();
    js_sys::Reflect::set(&options, &"clientSecret".into(), &"  ".into()).unwrap();
    assert!(kassa::embed::mount(root.clone(), options.into(), JsValue::UNDEFINED, JsValue::UNDEFINED).is_err());
    // Options of the wrong shape are named in the error.
    let message = |options: JsValue| {
        let error: JsValue =
            kassa::embed::mount(root.clone(), options, JsValue::UNDEFINED, JsValue::UNDEFINED).err().unwrap().into();
        js_sys::Reflect::get(&error, &"message".into()).unwrap().as_string().unwrap()
    };
    assert_eq!(message("polar_c_x".into()), "invalid options: options must be an object");
    let options = js_sys::Object::new();
    js_sys::Reflect::set(&options, &"clientSecret".into(), &5.into()).unwrap();
    assert_eq!(message(options.into()), "invalid options: clientSecret must be a string");
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

/// Mounts the form over `checkout`, made to expire in a day unless it already has a
/// future expiry of its own.
fn mount_form(mut checkout: CheckoutPublic, locale: &str) -> web_sys::HtmlElement {
    if js_sys::Date::parse(&checkout.expires_at) < js_sys::Date::now() {
        let tomorrow = js_sys::Date::new(&(js_sys::Date::now() + 86_400_000.0).into());
        checkout.expires_at = tomorrow.to_iso_string().into();
    }
    mount_as_is(checkout, locale)
}

fn mount_as_is(checkout: CheckoutPublic, locale: &str) -> web_sys::HtmlElement {
    let root = container();
    let locale = locale.to_string();
    // An endpoint nothing answers on: these tests make no edits, so nothing is sent.
    let endpoint = CheckoutEndpoint::new(Some("http://127.0.0.1:9"), &checkout.client_secret);
    let mounted = kassa::dom::mount(&root, move || checkout_form(checkout.into(), endpoint, locale));
    std::mem::forget(mounted); // keep it on the page for the assertions
    root
}

#[wasm_bindgen_test]
fn local_currency_follows_the_charge_marked_approximate() {
    // €190.00 at 1.0837 = $205.903 → $205.90; total €203.49 → $220.52.
    let root = mount_form(with_local(serde_json::json!("1.0837"), "USD"), "en-US");
    assert_eq!(text_of(&root, "price"), "€190.00 (≈\u{a0}$205.90) / year");
    assert_eq!(text_of(&root, "total"), "€203.49 (≈\u{a0}$220.52)");
    assert_eq!(text_of(&root, "currency-note"), "You are charged in EUR. Amounts in USD are approximate.");
}

#[wasm_bindgen_test]
fn a_bad_rate_shows_no_local_amount_rather_than_a_wrong_one() {
    for rate in [serde_json::json!(0), serde_json::json!(-1.1), serde_json::json!("NaN"), serde_json::json!(null)] {
        let root = mount_form(with_local(rate.clone(), "USD"), "en-US");
        assert_eq!(text_of(&root, "total"), "€203.49", "rate {rate}");
        assert!(root.query_selector("[data-testid=currency-note]").unwrap().is_none());
    }
}

#[wasm_bindgen_test]
fn a_three_month_plan_reads_every_3_months_in_the_locale() {
    let mut checkout: CheckoutPublic = serde_json::from_str(POLAR).unwrap();
    checkout.products[0].recurring_interval_count = Some(3);
    checkout.products[0].prices[0].recurring_interval = Some(kassa::core::checkout::Interval::Month);
    let root = mount_form(checkout.clone(), "en-US");
    assert_eq!(text_of(&root, "price"), "€190.00 every 3 months");
    let root = mount_form(checkout, "de-DE");
    assert_eq!(text_of(&root, "price"), "190,00\u{a0}€ alle 3 Monate");
}

#[wasm_bindgen_test]
async fn the_form_shows_the_sessions_details_and_totals() {
    let checkout: CheckoutPublic = serde_json::from_str(POLAR).unwrap();
    let root = mount_form(checkout, "en-US");
    leptos::task::tick().await; // properties are set by effects after mount
    let input = |id: &str| {
        root.query_selector(&format!("#{id}")).unwrap().unwrap().unchecked_into::<web_sys::HtmlInputElement>()
    };
    assert_eq!(input("kassa-customer_email").value(), "ada@example.com");
    assert_eq!(input("kassa-customer_billing_name").value(), "Analytical Engines GmbH", "business fields shown");
    assert_eq!(input("kassa-customer_billing_address-city").value(), "Berlin");
    assert_eq!(
        input("kassa-customer_email").get_attribute("aria-describedby").as_deref(),
        Some("kassa-customer_email-error"),
        "messages are linked to their field"
    );
    assert_eq!(text_of(&root, "subtotal"), "€190.00");
    assert_eq!(text_of(&root, "discount-amount"), "−€19.00");
    assert_eq!(text_of(&root, "tax"), "€32.49");
    assert_eq!(
        root.query_selector("[data-testid=totals]").unwrap().unwrap().get_attribute("aria-live").as_deref(),
        Some("polite")
    );
    // A real Polar session has no sandbox test cards: Pay stays disabled and says why.
    assert!(root.query_selector("[data-testid=test-cards]").unwrap().is_none());
    let pay = root.query_selector("[data-testid=pay]").unwrap().unwrap();
    assert!(pay.has_attribute("disabled"));
    assert_eq!(pay.text_content().unwrap(), "Pay €203.49");
}

#[wasm_bindgen_test]
fn every_control_has_a_label() {
    let checkout: CheckoutPublic = serde_json::from_str(POLAR).unwrap();
    let root = mount_form(checkout, "en-US");
    let controls = root.query_selector_all("input, select, textarea").unwrap();
    for i in 0..controls.length() {
        let el = controls.item(i).unwrap().unchecked_into::<web_sys::Element>();
        let id = el.id();
        let labelled = !id.is_empty() && root.query_selector(&format!("label[for='{id}']")).unwrap().is_some();
        assert!(labelled || el.has_attribute("aria-label"), "control without a label: {}", el.outer_html());
    }
}

#[wasm_bindgen_test]
async fn a_session_past_its_expiry_shows_the_expired_screen() {
    let checkout: CheckoutPublic = serde_json::from_str(POLAR).unwrap(); // expired in the fixture
    let root = mount_as_is(checkout, "en-US");
    leptos::task::tick().await;
    let screen = root.query_selector("[data-testid=screen]").unwrap().expect("a closing screen");
    assert_eq!(screen.get_attribute("data-phase").as_deref(), Some("expired"));
    assert!(root.query_selector("[data-testid=form]").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn a_countdown_shows_in_the_last_ten_minutes() {
    let mut checkout: CheckoutPublic = serde_json::from_str(POLAR).unwrap();
    let soon = js_sys::Date::new(&(js_sys::Date::now() + 5.0 * 60_000.0 - 500.0).into());
    checkout.expires_at = soon.to_iso_string().into();
    let root = mount_as_is(checkout, "en-US");
    leptos::task::tick().await;
    assert_eq!(text_of(&root, "countdown"), "This checkout expires in 5:00");
}

#[wasm_bindgen_test]
async fn a_dropped_handle_keeps_the_checkout_until_destroy() {
    let root = container();
    let options = js_sys::Object::new();
    js_sys::Reflect::set(&options, &"clientSecret".into(), &"polar_c_x".into()).unwrap();
    js_sys::Reflect::set(&options, &"apiBase".into(), &"http://127.0.0.1:9".into()).unwrap();
    let handle = kassa::embed::mount(root.clone(), options.into(), JsValue::UNDEFINED, JsValue::UNDEFINED).unwrap();
    let same = kassa::embed::KassaHandle::clone_for_test(&handle);
    {
        let _forgotten = handle;
    } // what the garbage collector does to a handle nobody kept
    leptos::task::tick().await;
    let shadow = root.shadow_root().expect("mounted in a shadow root");
    assert!(shadow.query_selector(".kassa").unwrap().is_some(), "still mounted");
    same.destroy();
    assert!(shadow.query_selector(".kassa").unwrap().is_none(), "destroy removes it");
    same.destroy(); // harmless twice
}

#[wasm_bindgen_test]
async fn each_closed_status_has_its_screen() {
    use kassa::core::checkout::CheckoutStatus;
    for (status, phase, words) in [
        (CheckoutStatus::Confirmed, "processing", "Processing your payment"),
        (CheckoutStatus::Succeeded, "succeeded", "Thank you!"),
        (CheckoutStatus::Failed, "failed", "Payment failed"),
        (CheckoutStatus::Expired, "expired", "Checkout expired"),
    ] {
        let mut checkout: CheckoutPublic = serde_json::from_str(POLAR).unwrap();
        checkout.status = status;
        let root = mount_form(checkout, "en-US");
        leptos::task::tick().await;
        let screen = root.query_selector("[data-testid=screen]").unwrap().expect("a screen");
        assert_eq!(screen.get_attribute("data-phase").as_deref(), Some(phase));
        assert!(screen.text_content().unwrap().contains(words), "{phase}");
        assert!(root.query_selector("[data-testid=form]").unwrap().is_none());
    }
}
