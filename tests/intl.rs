//! Browser tests of money formatting: what `Intl.NumberFormat` in Chromium shows a buyer,
//! compared with literal strings written by hand, and every bad input falling back
//! cleanly instead of throwing.
#![cfg(target_arch = "wasm32")]

use kassa::core::money::{Currency, Money, SymbolPosition};
use kassa::intl::{
    collator, format_integer, format_money, format_money_as, format_wire, region_name, CurrencyDisplay, WireAmount,
};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const NBSP: &str = "\u{a0}";

/// 1 234 567 minor units of `code`, formatted for `locale`.
fn fmt(code: &str, locale: &str) -> String {
    format_money(&Money::new(1_234_567, Currency::parse(code).unwrap()), locale)
}

/// Currency × locale matrix. The amount is 1 234 567 minor units: 12,345.67 for the
/// 2-decimal currencies (USD, EUR, HUF), 1,234,567 for the 0-decimal ones (JPY, ISK,
/// CLP), 1,234.567 for the 3-decimal ones (KWD, BHD, and IQD, which ISO gives 3
/// decimals though CLDR gives it 0: Kassa's exponent wins).
#[rustfmt::skip]
const MATRIX: &[(&str, &str, &str)] = &[
    // en-US: symbol before, "," groups, "." decimals; letter symbols get a no-break space.
    ("USD", "en-US", "$12,345.67"),
    ("EUR", "en-US", "€12,345.67"),
    ("JPY", "en-US", "¥1,234,567"),
    ("KWD", "en-US", "KWD\u{a0}1,234.567"),
    ("IQD", "en-US", "IQD\u{a0}1,234.567"),
    ("HUF", "en-US", "HUF\u{a0}12,345.67"),
    ("ISK", "en-US", "ISK\u{a0}1,234,567"),
    ("CLP", "en-US", "CLP\u{a0}1,234,567"),
    ("BHD", "en-US", "BHD\u{a0}1,234.567"),
    // de-DE: symbol after a no-break space, "." groups, "," decimals.
    ("USD", "de-DE", "12.345,67\u{a0}$"),
    ("EUR", "de-DE", "12.345,67\u{a0}€"),
    ("JPY", "de-DE", "1.234.567\u{a0}¥"),
    ("KWD", "de-DE", "1.234,567\u{a0}KWD"),
    ("IQD", "de-DE", "1.234,567\u{a0}IQD"),
    ("HUF", "de-DE", "12.345,67\u{a0}HUF"),
    ("ISK", "de-DE", "1.234.567\u{a0}ISK"),
    ("CLP", "de-DE", "1.234.567\u{a0}CLP"),
    ("BHD", "de-DE", "1.234,567\u{a0}BHD"),
    // fr-FR: narrow no-break space groups, "," decimals, symbol after a no-break space;
    // the dollars are "$US" and "$CL", the yen "JPY".
    ("USD", "fr-FR", "12\u{202f}345,67\u{a0}$US"),
    ("EUR", "fr-FR", "12\u{202f}345,67\u{a0}€"),
    ("JPY", "fr-FR", "1\u{202f}234\u{202f}567\u{a0}JPY"),
    ("KWD", "fr-FR", "1\u{202f}234,567\u{a0}KWD"),
    ("IQD", "fr-FR", "1\u{202f}234,567\u{a0}IQD"),
    ("HUF", "fr-FR", "12\u{202f}345,67\u{a0}HUF"),
    ("ISK", "fr-FR", "1\u{202f}234\u{202f}567\u{a0}ISK"),
    ("CLP", "fr-FR", "1\u{202f}234\u{202f}567\u{a0}$CL"), // French writes dollars $US, $CA, $CL
    ("BHD", "fr-FR", "1\u{202f}234,567\u{a0}BHD"),
    // ja-JP: like en-US, but the yen is the full-width "￥".
    ("USD", "ja-JP", "$12,345.67"),
    ("EUR", "ja-JP", "€12,345.67"),
    ("JPY", "ja-JP", "￥1,234,567"),
    ("KWD", "ja-JP", "KWD\u{a0}1,234.567"),
    ("IQD", "ja-JP", "IQD\u{a0}1,234.567"),
    ("HUF", "ja-JP", "HUF\u{a0}12,345.67"),
    ("ISK", "ja-JP", "ISK\u{a0}1,234,567"),
    ("CLP", "ja-JP", "CLP\u{a0}1,234,567"),
    ("BHD", "ja-JP", "BHD\u{a0}1,234.567"),
    // ar-EG: a right-to-left mark first, Arabic-Indic digits, "٬" groups, "٫" decimals,
    // symbol after a no-break space; Arabic symbols end with their own RLM.
    ("USD", "ar-EG", "\u{200f}١٢٬٣٤٥٫٦٧\u{a0}US$"),
    ("EUR", "ar-EG", "\u{200f}١٢٬٣٤٥٫٦٧\u{a0}€"),
    ("JPY", "ar-EG", "\u{200f}١٬٢٣٤٬٥٦٧\u{a0}JP¥"),
    ("KWD", "ar-EG", "\u{200f}١٬٢٣٤٫٥٦٧\u{a0}د.ك.\u{200f}"),
    ("IQD", "ar-EG", "\u{200f}١٬٢٣٤٫٥٦٧\u{a0}د.ع.\u{200f}"),
    ("HUF", "ar-EG", "\u{200f}١٢٬٣٤٥٫٦٧\u{a0}HUF"),
    ("ISK", "ar-EG", "\u{200f}١٬٢٣٤٬٥٦٧\u{a0}ISK"),
    ("CLP", "ar-EG", "\u{200f}١٬٢٣٤٬٥٦٧\u{a0}CLP"),
    ("BHD", "ar-EG", "\u{200f}١٬٢٣٤٫٥٦٧\u{a0}د.ب.\u{200f}"),
    // pt-BR: symbol before a no-break space, "." groups, "," decimals.
    ("USD", "pt-BR", "US$\u{a0}12.345,67"),
    ("EUR", "pt-BR", "€\u{a0}12.345,67"),
    ("JPY", "pt-BR", "JP¥\u{a0}1.234.567"),
    ("KWD", "pt-BR", "KWD\u{a0}1.234,567"),
    ("IQD", "pt-BR", "IQD\u{a0}1.234,567"),
    ("HUF", "pt-BR", "HUF\u{a0}12.345,67"),
    ("ISK", "pt-BR", "ISK\u{a0}1.234.567"),
    ("CLP", "pt-BR", "CLP\u{a0}1.234.567"),
    ("BHD", "pt-BR", "BHD\u{a0}1.234,567"),
];

#[wasm_bindgen_test]
fn currency_by_locale_matrix() {
    let mut wrong = Vec::new();
    for (code, locale, expected) in MATRIX {
        let got = fmt(code, locale);
        if got != *expected {
            wrong.push(format!("{code} {locale}: expected {expected:?}, got {got:?}"));
        }
    }
    assert!(wrong.is_empty(), "{} of {} differ:\n{}", wrong.len(), MATRIX.len(), wrong.join("\n"));
}

#[wasm_bindgen_test]
fn currency_display_options() {
    let usd = Money::new(1999, Currency::parse("USD").unwrap());
    assert_eq!(format_money_as(&usd, "en-CA", CurrencyDisplay::Symbol), "US$19.99");
    assert_eq!(format_money_as(&usd, "en-CA", CurrencyDisplay::NarrowSymbol), "$19.99");
    assert_eq!(format_money_as(&usd, "en-US", CurrencyDisplay::Code), format!("USD{NBSP}19.99"));
}

#[wasm_bindgen_test]
fn the_sessions_decimals_win_over_iso() {
    // A processor that counts ISK in hundredths (as Stripe does).
    let isk = Money::with_exponent(150_000, Currency::parse("ISK").unwrap(), 2);
    assert_eq!(format_money(&isk, "en-US"), format!("ISK{NBSP}1,500.00"));
}

#[wasm_bindgen_test]
fn lowercase_codes_format_like_upper_case() {
    assert_eq!(fmt("usd", "en-US"), "$12,345.67");
}

#[wasm_bindgen_test]
fn zero_and_negative_amounts() {
    let usd = Currency::parse("USD").unwrap();
    assert_eq!(format_money(&Money::new(0, usd), "en-US"), "$0.00");
    assert_eq!(format_money(&Money::new(-1999, usd), "en-US"), "-$19.99");
    assert_eq!(format_money(&Money::new(-5, usd), "de-DE"), format!("-0,05{NBSP}$"));
    assert_eq!(format_money(&Money::new(0, Currency::parse("JPY").unwrap()), "ja-JP"), "￥0");
}

#[wasm_bindgen_test]
fn amounts_above_2_pow_53_stay_exact() {
    let usd = Currency::parse("USD").unwrap();
    // 2^53 + 1 cents: a float would print …409.92.
    assert_eq!(format_money(&Money::new(9_007_199_254_740_993, usd), "en-US"), "$90,071,992,547,409.93");
    assert_eq!(format_money(&Money::new(i64::MAX, usd), "en-US"), "$92,233,720,368,547,758.07");
}

#[wasm_bindgen_test]
fn an_invalid_locale_falls_back_instead_of_throwing() {
    let usd = Money::new(1999, Currency::parse("USD").unwrap());
    let out = format_money(&usd, "not a locale!!");
    // Chromium's default locale formats it; what matters is the digits and no throw.
    assert!(out.contains("19.99") || out.contains("19,99"), "{out}");
}

#[wasm_bindgen_test]
fn unknown_codes_use_the_servers_symbol_then_the_code() {
    let with_symbol =
        WireAmount { minor: 1999, code: Some("ABC"), decimals: None, symbol: Some(("Ƀ", SymbolPosition::Left)) };
    assert_eq!(format_wire(with_symbol, "en-US", CurrencyDisplay::Symbol), "Ƀ19.99");
    let bare = WireAmount { minor: 1999, code: Some("ABC"), decimals: None, symbol: None };
    assert_eq!(format_wire(bare, "en-US", CurrencyDisplay::Symbol), format!("ABC{NBSP}19.99"));
}

#[wasm_bindgen_test]
fn missing_or_malformed_codes_never_throw() {
    let null = WireAmount { minor: 1999, code: None, decimals: None, symbol: None };
    assert_eq!(format_wire(null, "en-US", CurrencyDisplay::Symbol), "19.99");
    let null_with_symbol =
        WireAmount { minor: 1999, code: None, decimals: None, symbol: Some(("€", SymbolPosition::Right)) };
    assert_eq!(format_wire(null_with_symbol, "en-US", CurrencyDisplay::Symbol), format!("19.99{NBSP}€"));
    let malformed = WireAmount { minor: 1999, code: Some("U$"), decimals: Some(2), symbol: None };
    assert_eq!(format_wire(malformed, "en-US", CurrencyDisplay::Symbol), format!("U${NBSP}19.99"));
    let lower = WireAmount { minor: 1999, code: Some("eur"), decimals: None, symbol: None };
    assert_eq!(format_wire(lower, "de-DE", CurrencyDisplay::Symbol), format!("19,99{NBSP}€"));
}

#[wasm_bindgen_test]
fn counts_use_the_locales_digits() {
    assert_eq!(format_integer(3, "en-US"), "3");
    assert_eq!(format_integer(3, "ar-EG"), "٣");
}

#[wasm_bindgen_test]
fn names_sort_as_the_buyers_language_does() {
    let mut names = vec!["Zypern", "Österreich", "Albanien", "Polen"];
    let bytes = {
        let mut b = names.clone();
        b.sort();
        b
    };
    assert_eq!(bytes.last(), Some(&"Österreich"), "byte order puts Ö after Z");
    let compare = collator("de-DE");
    names.sort_by(|a, b| compare(a, b));
    assert_eq!(names, ["Albanien", "Österreich", "Polen", "Zypern"]);
    // The country list's own names, in German.
    let (at, pl) = (region_name("AT", "de-DE"), region_name("PL", "de-DE"));
    assert_eq!(compare(&at, &pl), std::cmp::Ordering::Less, "{at} before {pl}");
    // A locale Intl refuses orders as the browser's default, without throwing.
    let fallback = collator("not a locale!");
    assert_eq!(fallback("a", "b"), std::cmp::Ordering::Less);
}

#[wasm_bindgen_test]
fn a_doubles_text_is_the_browsers_shortest_and_reads_back_as_the_rate() {
    use kassa::core::money::ExchangeRate;
    use kassa::intl::float_text;
    assert_eq!(float_text(0.9).as_deref(), Some("0.9"));
    assert_eq!(float_text(1.0837).as_deref(), Some("1.0837"));
    assert_eq!(float_text(0.1 + 0.2).as_deref(), Some("0.30000000000000004"));
    assert_eq!(float_text(1.5e-7).as_deref(), Some("1.5e-7"));
    assert_eq!(float_text(f64::NAN), None);
    assert_eq!(float_text(f64::INFINITY), None);
    // A rate the session sends as a JSON number reads as the decimal it was written as,
    // exponent and all, the same as its native reading by serde_json's formatter.
    for (number, written) in [(0.9, "0.9"), (1.0837, "1.0837"), (157.25, "157.25"), (1.5e-7, "0.00000015")] {
        let json = serde_json::json!(number);
        let browser = ExchangeRate::from_json(&json, float_text).unwrap();
        assert_eq!(browser, ExchangeRate::parse(written).unwrap());
        assert_eq!(browser, ExchangeRate::from_json(&json, kassa::core::money::rate::float_text).unwrap());
    }
}
