//! Dates in the customer's language, by the browser's `Intl.DateTimeFormat`, in UTC:
//! the provider counts a subscription's days in UTC (the next charge's window is a range
//! of UTC days), so a date shown is the day the provider means wherever the customer is.

use wasm_bindgen::JsValue;

fn formatter(locale: &str) -> Option<js_sys::Intl::DateTimeFormat> {
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"dateStyle".into(), &"medium".into());
    let _ = js_sys::Reflect::set(&options, &"timeZone".into(), &"UTC".into());
    let locales = js_sys::Array::of1(&JsValue::from_str(locale));
    let formatter = js_sys::Intl::DateTimeFormat::new(&locales, &options);
    Some(formatter)
}

/// `2026-12-04T10:00:00Z` (or `2026-12-04`) as "Dec 4, 2026" in `locale`; the text as
/// sent when the browser cannot read it.
pub fn format_date(timestamp: &str, locale: &str) -> String {
    let iso = if timestamp.len() == 10 { format!("{timestamp}T00:00:00Z") } else { timestamp.to_string() };
    let date = js_sys::Date::new(&JsValue::from_str(&iso));
    if date.get_time().is_nan() {
        return timestamp.to_string();
    }
    formatter(locale)
        .and_then(|f| f.format().call1(&JsValue::UNDEFINED, &date).ok())
        .and_then(|s| s.as_string())
        .unwrap_or_else(|| timestamp[..timestamp.len().min(10)].to_string())
}

/// The UTC day of a timestamp, `YYYY-MM-DD` (what a date input holds).
pub fn day_of(timestamp: &str) -> String {
    timestamp.chars().take(10).collect()
}

/// The day after `day` (`YYYY-MM-DD`), by the browser's calendar.
pub fn next_day(day: &str, by: i32) -> String {
    let date = js_sys::Date::new(&JsValue::from_str(&format!("{day}T00:00:00Z")));
    if date.get_time().is_nan() {
        return day.to_string();
    }
    let moved = js_sys::Date::new(&JsValue::from_f64(date.get_time() + f64::from(by) * 86_400_000.0));
    String::from(moved.to_iso_string()).chars().take(10).collect()
}
