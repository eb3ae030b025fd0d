//! Money formatted by the browser's `Intl.NumberFormat`, so it follows the buyer's locale
//! without shipping locale data. Fed with the exact decimal string from
//! [`kassa_core::money::Money::decimal_string`]: no float ever holds an amount.

use std::cell::RefCell;
use std::collections::HashMap;

use kassa_core::money::Money;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// `Intl.NumberFormat`, bound by hand so a constructor that throws (an invalid
    /// locale or currency) is caught rather than thrown into the merchant's page.
    #[wasm_bindgen(js_namespace = Intl, js_name = NumberFormat)]
    #[derive(Clone)]
    type NumberFormat;

    #[wasm_bindgen(catch, constructor, js_namespace = Intl, js_class = "NumberFormat")]
    fn new(locales: &JsValue, options: &JsValue) -> Result<NumberFormat, JsValue>;

    #[wasm_bindgen(catch, method)]
    fn format(this: &NumberFormat, value: &JsValue) -> Result<String, JsValue>;
}

thread_local! {
    /// One formatter per locale, currency and exponent: constructing one costs far more
    /// than formatting with it.
    static FORMATTERS: RefCell<HashMap<(String, String, u8), Option<NumberFormat>>> =
        RefCell::new(HashMap::new());
}

fn formatter(locale: &str, money: &Money) -> Option<NumberFormat> {
    let key = (locale.to_string(), money.currency.code().to_string(), money.exponent);
    FORMATTERS.with(|cache| {
        cache
            .borrow_mut()
            .entry(key)
            .or_insert_with(|| {
                let options = js_sys::Object::new();
                let set = |k: &str, v: JsValue| {
                    let _ = js_sys::Reflect::set(&options, &JsValue::from_str(k), &v);
                };
                set("style", "currency".into());
                set("currency", money.currency.code().into());
                set("minimumFractionDigits", money.exponent.into());
                set("maximumFractionDigits", money.exponent.into());
                NumberFormat::new(&JsValue::from_str(locale), &options)
                    .or_else(|_| NumberFormat::new(&JsValue::UNDEFINED, &options))
                    .ok()
            })
            .clone()
    })
}

/// Formats `money` for `locale` (`"en-US"`), e.g. `$19.00`. Never throws: an invalid
/// locale falls back to the browser's default, and a failure to format at all falls
/// back to `CODE 0.00`.
pub fn format_money(money: &Money, locale: &str) -> String {
    let decimal = money.decimal_string();
    formatter(locale, money)
        .and_then(|f| f.format(&JsValue::from_str(&decimal)).ok())
        .unwrap_or_else(|| format!("{} {decimal}", money.currency.code()))
}

/// The browser's preferred language (`navigator.language`), or `en-US`.
pub fn browser_locale() -> String {
    web_sys::window()
        .and_then(|w| w.navigator().language())
        .unwrap_or_else(|| "en-US".to_string())
}
