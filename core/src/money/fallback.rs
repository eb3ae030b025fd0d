//! Formatting without the browser's `Intl`: used only when `Intl.NumberFormat` cannot
//! format (an unknown or malformed currency), so the buyer still sees a sensible amount.
//! First choice: the server's symbol and position (`€0.90`, `0.90 kr`); else the code
//! (`XYZ 0.90`).

use crate::money::amount::decimal_string;

/// Where a server says the symbol goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SymbolPosition {
    /// Before the amount: `€0.90`.
    Left,
    /// After the amount, with a no-break space: `0.90 kr`.
    Right,
}

impl SymbolPosition {
    /// Reads PayNext's `currency_position` (`"left"` / `"right"`).
    pub fn parse(s: &str) -> Option<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "left" | "before" | "prefix" => Some(Self::Left),
            "right" | "after" | "suffix" => Some(Self::Right),
            _ => None,
        }
    }
}

/// The integer part of a plain decimal grouped by thousands: `2987` → `2,987`.
fn grouped(decimal: &str) -> String {
    let (int, frac) = decimal.split_once('.').map_or((decimal, None), |(i, f)| (i, Some(f)));
    let mut out = String::with_capacity(decimal.len() + int.len() / 3);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if let Some(frac) = frac {
        out.push('.');
        out.push_str(frac);
    }
    out
}

/// `minor` with `exponent` decimals, thousands grouped, with the server's symbol where it
/// gave one, else the code (or nothing, if there is not even a code). A minus sign goes
/// before everything.
pub fn fallback_format(minor: i64, exponent: u8, symbol: Option<(&str, SymbolPosition)>, code: Option<&str>) -> String {
    let decimal = decimal_string(minor, exponent);
    let (sign, digits) = match decimal.strip_prefix('-') {
        Some(d) => ("-", grouped(d)),
        None => ("", grouped(&decimal)),
    };
    match (symbol, code) {
        (Some((s, SymbolPosition::Left)), _) if !s.trim().is_empty() => format!("{sign}{s}{digits}"),
        (Some((s, SymbolPosition::Right)), _) if !s.trim().is_empty() => {
            format!("{sign}{digits}\u{a0}{s}")
        }
        (_, Some(c)) if !c.trim().is_empty() => format!("{sign}{}\u{a0}{digits}", c.trim()),
        _ => format!("{sign}{digits}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefers_the_servers_symbol_then_the_code() {
        assert_eq!(fallback_format(90, 2, Some(("€", SymbolPosition::Left)), Some("EUR")), "€0.90");
        assert_eq!(fallback_format(-90, 2, Some(("€", SymbolPosition::Left)), None), "-€0.90");
        assert_eq!(fallback_format(1250, 2, Some(("kr", SymbolPosition::Right)), None), "12.50\u{a0}kr");
        assert_eq!(fallback_format(1250, 2, Some(("  ", SymbolPosition::Left)), Some("SEK")), "SEK\u{a0}12.50");
        assert_eq!(fallback_format(1250, 3, None, Some("XYZ")), "XYZ\u{a0}1.250");
        assert_eq!(fallback_format(1250, 0, None, None), "1,250");
        assert_eq!(fallback_format(2987, 0, Some(("¥", SymbolPosition::Left)), Some("JPY")), "¥2,987");
        assert_eq!(fallback_format(-123_456_789, 2, None, Some("USD")), "-USD\u{a0}1,234,567.89");
        assert_eq!(fallback_format(99_999, 3, Some(("KD", SymbolPosition::Left)), None), "KD99.999");
        assert_eq!(SymbolPosition::parse("LEFT"), Some(SymbolPosition::Left));
        assert_eq!(SymbolPosition::parse("middle"), None);
    }
}
