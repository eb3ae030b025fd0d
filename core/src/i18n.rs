//! The languages Kassa speaks and the phrases it builds from data (billing intervals).
//! Numbers and currencies are the browser's job (`Intl`); only words live here.

use crate::checkout::Interval;

/// A language Kassa ships strings for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    /// English (the fallback).
    #[default]
    En,
    /// German.
    De,
    /// French.
    Fr,
    /// Spanish.
    Es,
    /// Dutch.
    Nl,
    /// Portuguese (Brazil).
    Pt,
    /// Japanese.
    Ja,
    /// Arabic (right to left).
    Ar,
}

impl Lang {
    /// The language of a BCP 47 tag (`"de-DE"` → German); English for anything else.
    pub fn from_locale(locale: &str) -> Self {
        let primary = locale.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
        match primary.as_str() {
            "de" => Self::De,
            "fr" => Self::Fr,
            "es" => Self::Es,
            "nl" => Self::Nl,
            "pt" => Self::Pt,
            "ja" => Self::Ja,
            "ar" => Self::Ar,
            _ => Self::En,
        }
    }

    /// Whether text runs right to left.
    pub fn is_rtl(&self) -> bool {
        matches!(self, Self::Ar)
    }
}

/// Singular and plural of an interval unit: (one, many).
fn unit(lang: Lang, interval: Interval) -> (&'static str, &'static str) {
    use Interval::*;
    match (lang, interval) {
        (Lang::En, Day) => ("day", "days"),
        (Lang::En, Week) => ("week", "weeks"),
        (Lang::En, Month) => ("month", "months"),
        (Lang::En, Year) => ("year", "years"),
        (Lang::De, Day) => ("Tag", "Tage"),
        (Lang::De, Week) => ("Woche", "Wochen"),
        (Lang::De, Month) => ("Monat", "Monate"),
        (Lang::De, Year) => ("Jahr", "Jahre"),
        (Lang::Fr, Day) => ("jour", "jours"),
        (Lang::Fr, Week) => ("semaine", "semaines"),
        (Lang::Fr, Month) => ("mois", "mois"),
        (Lang::Fr, Year) => ("an", "ans"),
        (Lang::Es, Day) => ("día", "días"),
        (Lang::Es, Week) => ("semana", "semanas"),
        (Lang::Es, Month) => ("mes", "meses"),
        (Lang::Es, Year) => ("año", "años"),
        (Lang::Nl, Day) => ("dag", "dagen"),
        (Lang::Nl, Week) => ("week", "weken"),
        (Lang::Nl, Month) => ("maand", "maanden"),
        (Lang::Nl, Year) => ("jaar", "jaar"),
        (Lang::Pt, Day) => ("dia", "dias"),
        (Lang::Pt, Week) => ("semana", "semanas"),
        (Lang::Pt, Month) => ("mês", "meses"),
        (Lang::Pt, Year) => ("ano", "anos"),
        (Lang::Ja, Day) => ("日", "日"),
        (Lang::Ja, Week) => ("週", "週間"),
        (Lang::Ja, Month) => ("月", "か月"),
        (Lang::Ja, Year) => ("年", "年"),
        (Lang::Ar, Day) => ("يوم", "أيام"),
        (Lang::Ar, Week) => ("أسبوع", "أسابيع"),
        (Lang::Ar, Month) => ("شهر", "أشهر"),
        (Lang::Ar, Year) => ("سنة", "سنوات"),
    }
}

/// The suffix of a recurring price: `"/ month"` for every interval, `"every 3 months"`
/// for several, in the buyer's language. Digits are written by the caller's locale.
pub fn billing_period(lang: Lang, interval: Interval, count: u32, digits: &str) -> String {
    let (one, many) = unit(lang, interval);
    if count <= 1 {
        return format!("/ {one}");
    }
    match lang {
        Lang::En => format!("every {digits} {many}"),
        Lang::De => format!("alle {digits} {many}"),
        Lang::Fr => {
            let every = if matches!(interval, Interval::Week) { "toutes les" } else { "tous les" };
            format!("{every} {digits} {many}")
        }
        Lang::Es => format!("cada {digits} {many}"),
        Lang::Nl => format!("elke {digits} {many}"),
        Lang::Pt => format!("a cada {digits} {many}"),
        Lang::Ja => format!("{digits}{many}ごと"),
        Lang::Ar => format!("كل {digits} {many}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locales_map_to_languages() {
        assert_eq!(Lang::from_locale("de-DE"), Lang::De);
        assert_eq!(Lang::from_locale("pt_BR"), Lang::Pt);
        assert_eq!(Lang::from_locale("AR-eg"), Lang::Ar);
        assert_eq!(Lang::from_locale("zz"), Lang::En);
        assert_eq!(Lang::from_locale(""), Lang::En);
        assert!(Lang::Ar.is_rtl() && !Lang::En.is_rtl());
    }

    #[test]
    fn periods_read_naturally() {
        assert_eq!(billing_period(Lang::En, Interval::Month, 1, "1"), "/ month");
        assert_eq!(billing_period(Lang::En, Interval::Month, 3, "3"), "every 3 months");
        assert_eq!(billing_period(Lang::De, Interval::Year, 1, "1"), "/ Jahr");
        assert_eq!(billing_period(Lang::De, Interval::Month, 3, "3"), "alle 3 Monate");
        assert_eq!(billing_period(Lang::Fr, Interval::Week, 2, "2"), "toutes les 2 semaines");
        assert_eq!(billing_period(Lang::Ja, Interval::Month, 3, "3"), "3か月ごと");
        assert_eq!(billing_period(Lang::Ar, Interval::Month, 3, "٣"), "كل ٣ أشهر");
    }
}
