//! Tax ID checks: the format of EU VAT numbers (and the UK's), by country.

/// Patterns after the country prefix: `9` a digit, `A` a letter, `X` a letter or digit,
/// anything else itself. A number matches if it matches any pattern of its country.
fn vat_patterns(prefix: &str) -> Option<&'static [&'static str]> {
    Some(match prefix {
        "AT" => &["U99999999"],
        "BE" => &["0999999999", "1999999999"],
        "BG" => &["999999999", "9999999999"],
        "CY" => &["99999999A"],
        "CZ" => &["99999999", "999999999", "9999999999"],
        "DE" => &["999999999"],
        "DK" => &["99999999"],
        "EE" => &["999999999"],
        "EL" => &["999999999"],
        "ES" => &["X9999999X"],
        "FI" => &["99999999"],
        "FR" => &["XX999999999"],
        "HR" => &["99999999999"],
        "HU" => &["99999999"],
        "IE" => &["9999999A", "9999999AA", "9X99999A"],
        "IT" => &["99999999999"],
        "LT" => &["999999999", "999999999999"],
        "LU" => &["99999999"],
        "LV" => &["99999999999"],
        "MT" => &["99999999"],
        "NL" => &["999999999B99"],
        "PL" => &["9999999999"],
        "PT" => &["999999999"],
        "RO" => &["99", "999", "9999", "99999", "999999", "9999999", "99999999", "999999999", "9999999999"],
        "SE" => &["999999999901"],
        "SI" => &["99999999"],
        "SK" => &["9999999999"],
        "GB" => &["999999999", "999999999999"],
        _ => return None,
    })
}

fn matches(value: &str, pattern: &str) -> bool {
    value.len() == pattern.len()
        && value.bytes().zip(pattern.bytes()).all(|(v, p)| match p {
            b'9' => v.is_ascii_digit(),
            b'A' => v.is_ascii_uppercase(),
            b'X' => v.is_ascii_uppercase() || v.is_ascii_digit(),
            other => v == other,
        })
}

/// The VAT prefix of a country (Greece writes `EL`).
fn vat_prefix(country: &str) -> &str {
    if country == "GR" {
        "EL"
    } else {
        country
    }
}

/// Upper case, without the spaces, dots and dashes people type.
pub fn normalize(tax_id: &str) -> String {
    tax_id.chars().filter(|c| !matches!(c, ' ' | '.' | '-')).collect::<String>().to_ascii_uppercase()
}

/// Checks a (normalized) tax ID for a buyer in `country`. `Err` says what is wrong.
pub fn check(tax_id: &str, country: Option<&str>) -> Result<(), String> {
    if tax_id.len() < 4 || tax_id.len() > 20 || !tax_id.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Err("Invalid tax ID: expected 4 to 20 letters and digits".into());
    }
    let (prefix, rest) = tax_id.split_at(2);
    match (vat_patterns(prefix), country) {
        (Some(patterns), country) => {
            if let Some(country) = country {
                if vat_patterns(vat_prefix(country)).is_some() && vat_prefix(country) != prefix {
                    return Err(format!("This VAT number is from {prefix}, but the billing country is {country}"));
                }
            }
            if patterns.iter().any(|p| matches(rest, p)) {
                Ok(())
            } else {
                Err(format!("Invalid {prefix} VAT number format"))
            }
        }
        (None, Some(country)) if vat_patterns(vat_prefix(country)).is_some() => {
            Err(format!("A VAT number for {country} starts with {}", vat_prefix(country)))
        }
        // Elsewhere the format is not checked beyond its characters.
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eu_vat_numbers() {
        assert_eq!(normalize("de 123.456-789"), "DE123456789");
        assert!(check("DE123456789", Some("DE")).is_ok());
        assert!(check("DE12345678", Some("DE")).is_err());
        assert!(check("FRXX123456789", Some("FR")).is_ok());
        assert!(check("NL123456789B01", Some("NL")).is_ok());
        assert!(check("NL123456789X01", Some("NL")).is_err());
        assert!(check("ATU12345678", Some("AT")).is_ok());
        assert!(check("EL123456789", Some("GR")).is_ok());
        assert!(check("ESX1234567X", None).is_ok());
        assert!(check("DE123456789", Some("FR")).unwrap_err().contains("billing country is FR"));
        assert!(check("123456789", Some("DE")).unwrap_err().contains("starts with DE"));
        assert!(check("GB123456789", Some("GB")).is_ok());
    }

    #[test]
    fn elsewhere_only_characters_are_checked() {
        assert!(check("123456789", Some("US")).is_ok());
        assert!(check("12", Some("US")).is_err());
        assert!(check("12#456", Some("US")).is_err());
    }
}
