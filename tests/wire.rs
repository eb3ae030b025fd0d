//! Browser tests of the widget's reader: a session read from the object Chromium's own
//! `JSON.parse` made is the session serde reads from the same text, and bad shapes are
//! refused with the path to the value, never a panic.
#![cfg(target_arch = "wasm32")]

use kassa::core::checkout::CheckoutPublic;
use kassa::core::wire::read;
use kassa::wire::Js;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const POLAR: &str = include_str!("../core/tests/fixtures/polar_checkout_public.json");

fn parse(text: &str) -> Js {
    Js(js_sys::JSON::parse(text).expect("JSON"))
}

#[wasm_bindgen_test]
fn a_polar_session_reads_as_serde_reads_it() {
    let from_browser: CheckoutPublic = read(&parse(POLAR)).expect("readable");
    let from_serde: CheckoutPublic = serde_json::from_str(POLAR).expect("serde");
    assert_eq!(from_browser, from_serde);
}

#[wasm_bindgen_test]
fn unknown_values_and_keys_are_read_leniently() {
    let mut v: serde_json::Value = serde_json::from_str(POLAR).unwrap();
    v["status"] = "a_status_from_the_future".into();
    v["a_key_from_the_future"] = serde_json::json!({"nested": [1, 2.5, null]});
    v["products"][0]["prices"][0]["amount_type"] = "a_type_from_the_future".into();
    let from_browser: CheckoutPublic = read(&parse(&v.to_string())).expect("readable");
    assert_eq!(from_browser, serde_json::from_value::<CheckoutPublic>(v).unwrap());
    assert_eq!(from_browser.status, kassa::core::checkout::CheckoutStatus::Unknown);
}

#[wasm_bindgen_test]
fn bad_shapes_name_the_value() {
    let mut v: serde_json::Value = serde_json::from_str(POLAR).unwrap();
    v["products"][0]["prices"] = serde_json::json!({"not": "an array"});
    let e = read::<CheckoutPublic, _>(&parse(&v.to_string())).unwrap_err();
    assert_eq!(e.to_string(), "unreadable JSON at products[0].prices: expected an array");
    for text in ["[]", "null", "\"session\"", "42"] {
        let e = read::<CheckoutPublic, _>(&parse(text)).unwrap_err();
        assert_eq!(e.to_string(), "unreadable JSON: expected an object", "{text}");
    }
}
