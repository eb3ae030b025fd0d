//! Dates in the customer's language, by the browser's `Intl.DateTimeFormat`, in UTC:
//! the provider counts a subscription's days in UTC (the next charge's window is a range
//! of UTC days), so a date shown is the day the provider means wherever the customer is.
//! Nothing here throws into the page: an invalid locale falls back to the browser's,
//! an unreadable timestamp shows as sent.

use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// `Intl.DateTimeFormat`, bound by hand so a constructor that throws (an invalid
    /// locale) is caught, as the checkout binds `Intl.NumberFormat`.
    #[wasm_bindgen(js_namespace = Intl, js_name = DateTimeFormat)]
    type DateTimeFormat;

    #[wasm_bindgen(catch, constructor, js_namespace = Intl, js_class = "DateTimeFormat")]
    fn new(locales: &JsValue, options: &JsValue) -> Result<DateTimeFormat, JsValue>;

    #[wasm_bindgen(catch, method)]
    fn format(this: &DateTimeFormat, date: &js_sys::Date) -> Result<String, JsValue>;
}

fn formatter(locale: &str) -> Option<DateTimeFormat> {
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"dateStyle".into(), &"medium".into());
    let _ = js_sys::Reflect::set(&options, &"timeZone".into(), &"UTC".into());
    DateTimeFormat::new(&JsValue::from_str(locale), &options)
        .or_else(|_| DateTimeFormat::new(&JsValue::UNDEFINED, &options))
        .ok()
}

/// The first ten characters (`YYYY-MM-DD` of a timestamp), never splitting a character.
fn first_ten(text: &str) -> String {
    text.chars().take(10).collect()
}

/// `2026-12-04T10:00:00Z` (or `2026-12-04`) as "Dec 4, 2026" in `locale`; the text as
/// sent when the browser cannot read it.
pub fn format_date(timestamp: &str, locale: &str) -> String {
    let iso = if timestamp.len() == 10 { format!("{timestamp}T00:00:00Z") } else { timestamp.to_string() };
    let date = js_sys::Date::new(&JsValue::from_str(&iso));
    if date.get_time().is_nan() {
        return timestamp.to_string();
    }
    formatter(locale).and_then(|f| f.format(&date).ok()).unwrap_or_else(|| first_ten(timestamp))
}

/// The UTC day of a timestamp, `YYYY-MM-DD` (what a date input holds).
pub fn day_of(timestamp: &str) -> String {
    first_ten(timestamp)
}

/// Days since 1970-01-01 of a civil date (Howard Hinnant's `days_from_civil`).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date of a count of days since 1970-01-01 (`civil_from_days`).
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// The day `by` days after `day` (`YYYY-MM-DD`; before it for a negative `by`); `day`
/// itself when it is not such a day or the result has no four-digit year.
pub fn next_day(day: &str, by: i32) -> String {
    let parts: Vec<i64> = day.split('-').filter_map(|p| p.parse().ok()).collect();
    let [y, m, d] = parts[..] else { return day.to_string() };
    let valid =
        day.len() == 10 && (1..=12).contains(&m) && d >= 1 && civil_from_days(days_from_civil(y, m, d)) == (y, m, d);
    if !valid {
        return day.to_string();
    }
    let (y2, m2, d2) = civil_from_days(days_from_civil(y, m, d) + i64::from(by));
    if !(0..=9999).contains(&y2) {
        return day.to_string();
    }
    format!("{y2:04}-{m2:02}-{d2:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_move_across_months_years_and_leap_days() {
        assert_eq!(next_day("2026-12-31", 1), "2027-01-01");
        assert_eq!(next_day("2027-03-01", -1), "2027-02-28");
        assert_eq!(next_day("2028-02-28", 1), "2028-02-29");
        assert_eq!(next_day("2026-12-04", 45), "2027-01-18");
        assert_eq!(next_day("2027-02-30", 1), "2027-02-30", "not a day: unchanged");
        assert_eq!(next_day("9999-12-31", 1), "9999-12-31", "no five-digit years");
        assert_eq!(next_day("soon", 1), "soon");
        assert_eq!(day_of("2026-12-04T10:00:00Z"), "2026-12-04");
        assert_eq!(day_of("２０２６"), "２０２６", "never splits a character");
    }
}
