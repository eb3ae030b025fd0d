//! Money formatted by the browser's `Intl.NumberFormat`, so it follows the buyer's locale
//! without shipping locale data. Fed with the exact decimal string from
//! [`kassa_core::money::Money::decimal_string`]: no float ever holds an amount, so
//! amounts above 2^53 stay exact.

use std::cell::RefCell;

use kassa_core::money::{fallback_format, Currency, Money, SymbolPosition};
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

/// How the currency is shown (`Intl`'s `currencyDisplay`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum CurrencyDisplay {
    /// The locale's symbol: `$`, `US$`, `€`. The default.
    #[default]
    Symbol,
    /// The shortest symbol: `$` even where the locale would say `US$`.
    NarrowSymbol,
    /// The ISO code: `USD`.
    Code,
}

impl CurrencyDisplay {
    fn as_str(self) -> &'static str {
        match self {
            Self::Symbol => "symbol",
            Self::NarrowSymbol => "narrowSymbol",
            Self::Code => "code",
        }
    }
}

/// A few values by key, found by a linear scan. The caches below hold one entry per
/// locale (and currency) a page shows, a handful: a hash map each cost more wasm than
/// all their scans will take time.
struct Cache<K, V>(Vec<(K, V)>);

impl<K: PartialEq, V: Clone> Cache<K, V> {
    const fn new() -> Self {
        Self(Vec::new())
    }

    /// The value for `key`, made by `make` the first time.
    fn get_or_insert_with(&mut self, key: K, make: impl FnOnce() -> V) -> V {
        if let Some((_, value)) = self.0.iter().find(|(k, _)| *k == key) {
            return value.clone();
        }
        let value = make();
        self.0.push((key, value.clone()));
        value
    }
}

/// Locale, currency, fraction digits (least, most) and display.
type FormatterKey = (String, Currency, (u8, u8), CurrencyDisplay);

thread_local! {
    /// One formatter per locale, currency, exponent and display: constructing one costs
    /// far more than formatting with it. `None` records a combination Intl refused.
    static FORMATTERS: RefCell<Cache<FormatterKey, Option<NumberFormat>>> = const { RefCell::new(Cache::new()) };
}

fn formatter(locale: &str, currency: Currency, digits: (u8, u8), display: CurrencyDisplay) -> Option<NumberFormat> {
    let key = (locale.to_string(), currency, digits, display);
    FORMATTERS.with(|cache| {
        cache.borrow_mut().get_or_insert_with(key, || {
            let options = js_sys::Object::new();
            let set = |k: &str, v: JsValue| {
                let _ = js_sys::Reflect::set(&options, &JsValue::from_str(k), &v);
            };
            set("style", "currency".into());
            set("currency", currency.code().into());
            set("currencyDisplay", display.as_str().into());
            set("minimumFractionDigits", digits.0.into());
            set("maximumFractionDigits", digits.1.into());
            // A zero never prints as "-0.00".
            set("signDisplay", "negative".into());
            NumberFormat::new(&JsValue::from_str(locale), &options)
                .or_else(|_| NumberFormat::new(&JsValue::UNDEFINED, &options))
                .ok()
        })
    })
}

/// Formats `money` for `locale` (`"en-US"` → `$19.00`) with the locale's symbol.
pub fn format_money(money: &Money, locale: &str) -> String {
    format_money_as(money, locale, CurrencyDisplay::Symbol)
}

/// Formats `money` for `locale` with the given currency display. Never throws: an
/// invalid locale falls back to the browser's default locale, and a currency Intl cannot
/// format falls back to `CODE 0.00`.
pub fn format_money_as(money: &Money, locale: &str, display: CurrencyDisplay) -> String {
    formatter(locale, money.currency, (money.exponent, money.exponent), display)
        .and_then(|f| f.format(&JsValue::from_str(&money.decimal_string())).ok())
        .unwrap_or_else(|| fallback_format(money.minor, money.exponent, None, Some(money.currency.code())))
}

/// Formats a price finer than the currency's minor unit (a metered unit price of
/// `"0.5"` cents → `$0.005`), exactly, with as many fraction digits as it needs. `None`
/// when the text is not a plain decimal or Intl refuses the currency.
pub fn format_unit_price(minor: &str, currency: Currency, exponent: u8, locale: &str) -> Option<String> {
    let (major, digits) = kassa_core::money::amount::minor_decimal_to_major(minor, exponent)?;
    formatter(locale, currency, (exponent, digits), CurrencyDisplay::Symbol)?.format(&JsValue::from_str(&major)).ok()
}

/// An amount as it arrives on the wire: a code that may be missing or malformed, the
/// server's decimals and symbol hints.
#[derive(Clone, Copy, Debug, Default)]
pub struct WireAmount<'a> {
    /// Minor units.
    pub minor: i64,
    /// The currency code as sent (`"usd"`, `"EUR"`, `null`, `"??"`).
    pub code: Option<&'a str>,
    /// `currency_decimals`, which wins over ISO.
    pub decimals: Option<u8>,
    /// The server's symbol and position.
    pub symbol: Option<(&'a str, SymbolPosition)>,
}

/// Formats an amount from the wire, falling back cleanly: Intl for a code ISO knows;
/// the server's symbol and position for one it does not (else Intl with the code); and
/// for a missing or malformed code, the server's symbol, then the bare code, then the
/// bare number.
pub fn format_wire(amount: WireAmount<'_>, locale: &str, display: CurrencyDisplay) -> String {
    match amount.code.map(Currency::parse) {
        Some(Ok(currency)) => {
            let exponent = amount.decimals.unwrap_or_else(|| currency.exponent());
            let money = Money::with_exponent(amount.minor, currency, exponent);
            match amount.symbol {
                Some(symbol) if !currency.is_known() => {
                    fallback_format(amount.minor, exponent, Some(symbol), Some(currency.code()))
                }
                _ => format_money_as(&money, locale, display),
            }
        }
        _ => fallback_format(amount.minor, amount.decimals.unwrap_or(2), amount.symbol, amount.code),
    }
}

/// The browser's preferred language (`navigator.language`), or `en-US`.
pub fn browser_locale() -> String {
    web_sys::window().and_then(|w| w.navigator().language()).unwrap_or_else(|| "en-US".to_string())
}

/// A double's shortest decimal text, as JavaScript writes it (`Number#toString`: `0.9`,
/// `1.5e-7`), for [`kassa_core::money::ExchangeRate::from_json`] and a custom field's
/// number: the browser's formatter instead of one linked into the wasm.
pub fn float_text(n: f64) -> Option<String> {
    let text = js_sys::Number::from(n).to_string_with_radix(10).ok()?;
    n.is_finite().then(|| text.into())
}

/// Formats a plain integer for `locale` (`3` → `"٣"` in Arabic), for counts in phrases.
pub fn format_integer(n: u32, locale: &str) -> String {
    thread_local! {
        static INTEGERS: RefCell<Cache<String, Option<NumberFormat>>> = const { RefCell::new(Cache::new()) };
    }
    INTEGERS
        .with(|cache| {
            cache.borrow_mut().get_or_insert_with(locale.to_string(), || {
                NumberFormat::new(&JsValue::from_str(locale), &js_sys::Object::new()).ok()
            })
        })
        .and_then(|f| f.format(&JsValue::from(n)).ok())
        .unwrap_or_else(|| n.to_string())
}

#[wasm_bindgen]
extern "C" {
    /// `Intl.DisplayNames`, for country names in the buyer's language.
    #[wasm_bindgen(js_namespace = Intl, js_name = DisplayNames)]
    #[derive(Clone)]
    type DisplayNames;

    #[wasm_bindgen(catch, constructor, js_namespace = Intl, js_class = "DisplayNames")]
    fn new_display_names(locales: &JsValue, options: &JsValue) -> Result<DisplayNames, JsValue>;

    #[wasm_bindgen(catch, method)]
    fn of(this: &DisplayNames, code: &str) -> Result<JsValue, JsValue>;
}

#[wasm_bindgen]
extern "C" {
    /// `Intl.Collator`, to order names as the buyer's language does.
    #[wasm_bindgen(js_namespace = Intl, js_name = Collator)]
    type Collator;

    #[wasm_bindgen(catch, constructor, js_namespace = Intl, js_class = "Collator")]
    fn new_collator(locales: &JsValue) -> Result<Collator, JsValue>;

    #[wasm_bindgen(method)]
    fn compare(this: &Collator, a: &str, b: &str) -> f64;
}

/// How `locale` orders words (`"Österreich"` before `"Polen"` in German, where byte order
/// puts it after `"Zypern"`). Never throws: an invalid locale orders as the browser's
/// default, and without `Intl.Collator` strings order by their bytes.
pub fn collator(locale: &str) -> impl Fn(&str, &str) -> std::cmp::Ordering {
    let collator = Collator::new_collator(&JsValue::from_str(locale))
        .or_else(|_| Collator::new_collator(&JsValue::UNDEFINED))
        .ok();
    move |a, b| match &collator {
        Some(c) => c.compare(a, b).partial_cmp(&0.0).unwrap_or(std::cmp::Ordering::Equal),
        None => a.cmp(b),
    }
}

/// The name of a country (`"DE"` → `"Germany"`, `"Deutschland"` in German), or the code
/// if the browser has no name for it.
pub fn region_name(code: &str, locale: &str) -> String {
    thread_local! {
        static NAMES: RefCell<Cache<String, Option<DisplayNames>>> = const { RefCell::new(Cache::new()) };
    }
    NAMES
        .with(|cache| {
            cache.borrow_mut().get_or_insert_with(locale.to_string(), || {
                let options = js_sys::Object::new();
                let _ = js_sys::Reflect::set(&options, &"type".into(), &"region".into());
                DisplayNames::new_display_names(&JsValue::from_str(locale), &options)
                    .or_else(|_| DisplayNames::new_display_names(&JsValue::UNDEFINED, &options))
                    .ok()
            })
        })
        .and_then(|names| names.of(code).ok())
        .and_then(|v| v.as_string())
        .unwrap_or_else(|| code.to_string())
}
