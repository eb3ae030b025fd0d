//! The languages Kassa speaks, the sentences it shows, and the phrases it builds from
//! data (billing intervals, trial lengths).
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

/// The suffix of a recurring price: `"/ month"` for every interval, `"every 3 months"`
/// for several, in the buyer's language. Digits are written by the caller's locale.
pub fn billing_period(lang: Lang, interval: Interval, count: u32, digits: &str) -> String {
    let words = texts(lang).interval(interval);
    if count <= 1 {
        return format!("/ {}", words.unit);
    }
    let many = words.many;
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

/// Every sentence the widget shows, in one language. `{}` marks where a value goes
/// ([`fill`]). Numbers and money are formatted by the browser, never here.
#[derive(Debug)]
#[allow(missing_docs)]
pub struct Texts {
    pub loading: &'static str,
    pub not_found_title: &'static str,
    pub not_found_body: &'static str,
    pub expired_title: &'static str,
    pub expired_body: &'static str,
    pub network_title: &'static str,
    pub network_body: &'static str,
    pub server_title: &'static str,
    pub server_body: &'static str,
    pub generic_title: &'static str,
    pub generic_body: &'static str,
    pub try_again: &'static str,
    pub plan: &'static str,
    pub one_time: &'static str,
    pub save_percent: &'static str,
    pub trial: &'static str,
    pub seats: &'static str,
    pub seats_fewer: &'static str,
    pub seats_more: &'static str,
    pub seats_range: &'static str,
    pub per_seat: &'static str,
    pub amount: &'static str,
    pub amount_minimum: &'static str,
    pub amount_invalid: &'static str,
    pub contact: &'static str,
    pub email: &'static str,
    pub name: &'static str,
    pub business: &'static str,
    pub billing_name: &'static str,
    pub tax_id: &'static str,
    pub billing_address: &'static str,
    pub country: &'static str,
    pub choose_country: &'static str,
    pub line1: &'static str,
    pub line2: &'static str,
    pub postal_code: &'static str,
    pub city: &'static str,
    pub state: &'static str,
    pub choose_state: &'static str,
    pub optional: &'static str,
    pub discount_code: &'static str,
    pub apply: &'static str,
    pub remove: &'static str,
    pub details: &'static str,
    pub subtotal: &'static str,
    pub discount: &'static str,
    pub tax: &'static str,
    pub tax_included: &'static str,
    pub tax_pending: &'static str,
    pub total_due: &'static str,
    pub then_after_trial: &'static str,
    pub free: &'static str,
    pub charged_in: &'static str,
    pub payment: &'static str,
    pub no_payment_form: &'static str,
    pub card_loading: &'static str,
    pub card_unavailable: &'static str,
    pub pay: &'static str,
    pub start_trial: &'static str,
    pub get_free: &'static str,
    pub still_needed: &'static str,
    pub saving: &'static str,
    pub retrying: &'static str,
    pub stalled: &'static str,
    pub payment_failed: &'static str,
    pub processing: &'static str,
    pub success_title: &'static str,
    pub success_body: &'static str,
    pub failed_title: &'static str,
    pub failed_body: &'static str,
    pub closed_title: &'static str,
    pub closed_body: &'static str,
    pub auth_title: &'static str,
    pub auth_body: &'static str,
    pub expires_in: &'static str,
    pub trial_removed: &'static str,
    pub already_subscribed: &'static str,
    pub payment_not_ready: &'static str,
    pub not_permitted: &'static str,
    pub usage: &'static str,
    pub per_unit: &'static str,
    pub usage_cap: &'static str,
    pub email_locked: &'static str,
    /// How "14 days" is written: `{}` the count, then `{}` the unit.
    pub duration: &'static str,
    pub days: IntervalWords,
    pub weeks: IntervalWords,
    pub months: IntervalWords,
    pub years: IntervalWords,
}

/// The words of one interval unit in one language: the only place they are written.
#[derive(Debug)]
pub struct IntervalWords {
    /// After "/" in a price: "$19 / month", "¥2,900 / 月".
    pub unit: &'static str,
    /// A duration of one: "1 month", "1か月".
    pub one: &'static str,
    /// A duration of several, and "every 3 months": "months", "か月".
    pub many: &'static str,
}

impl Texts {
    /// The words of `interval`.
    pub fn interval(&self, interval: Interval) -> &IntervalWords {
        match interval {
            Interval::Day => &self.days,
            Interval::Week => &self.weeks,
            Interval::Month => &self.months,
            Interval::Year => &self.years,
        }
    }
}

/// English.
pub static EN: Texts = Texts {
    loading: "Loading checkout…",
    not_found_title: "Checkout not found",
    not_found_body: "This checkout link is invalid or has been removed. Ask the shop for a new one.",
    expired_title: "Checkout expired",
    expired_body: "This checkout has expired. Nothing was charged. Go back to the shop to start again.",
    network_title: "Can't reach the payment service",
    network_body: "Check your connection and try again.",
    server_title: "The payment service is having trouble",
    server_body: "Nothing was charged. Try again in a moment.",
    generic_title: "Something went wrong",
    generic_body: "This checkout could not be loaded.",
    try_again: "Try again",
    plan: "Plan",
    one_time: "one-time",
    save_percent: "Save {}%",
    trial: "{} free",
    seats: "Seats",
    seats_fewer: "Fewer seats",
    seats_more: "More seats",
    seats_range: "{} to {} seats",
    per_seat: "{} per seat",
    amount: "Name your price",
    amount_minimum: "Minimum {}",
    amount_invalid: "Enter an amount of at least {}.",
    contact: "Your details",
    email: "Email",
    name: "Name",
    business: "I'm purchasing as a business",
    billing_name: "Business name",
    tax_id: "Tax ID",
    billing_address: "Billing address",
    country: "Country",
    choose_country: "Choose a country",
    line1: "Street address",
    line2: "Apartment, suite, etc.",
    postal_code: "Postal code",
    city: "City",
    state: "State / province",
    choose_state: "Choose…",
    optional: "optional",
    discount_code: "Discount code",
    apply: "Apply",
    remove: "Remove",
    details: "Additional information",
    subtotal: "Subtotal",
    discount: "Discount",
    tax: "Tax",
    tax_included: "Tax (included)",
    tax_pending: "Calculated from your country",
    total_due: "Total due today",
    then_after_trial: "Then {} after the trial",
    free: "Free",
    charged_in: "You are charged in {}. Amounts in {} are approximate.",
    payment: "Payment",
    no_payment_form: "Card payments for this provider are not available in this widget.",
    card_loading: "Loading the card form…",
    card_unavailable: "The card form could not load. Check your connection and reload the page.",
    pay: "Pay {}",
    start_trial: "Start free trial",
    get_free: "Get it free",
    still_needed: "Still needed: {}",
    saving: "Saving…",
    retrying: "Connection problem — retrying…",
    stalled: "Your changes could not be saved.",
    payment_failed: "Payment failed: {}",
    processing: "Processing your payment…",
    success_title: "Thank you!",
    success_body: "Your payment went through. A receipt is on its way to {}.",
    failed_title: "Payment failed",
    failed_body: "The payment could not be completed and this checkout is closed. Nothing was charged.",
    closed_title: "This checkout is closed",
    closed_body: "It can no longer be changed or paid.",
    auth_title: "Confirm your payment",
    auth_body: "Your bank asks you to confirm this payment.",
    expires_in: "This checkout expires in {}",
    trial_removed: "You've had this free trial before, so the checkout goes on without it.",
    already_subscribed: "You already subscribe to this product.",
    payment_not_ready: "The payment isn't ready yet — trying again…",
    not_permitted: "This checkout can't be completed. Please contact the shop.",
    usage: "Usage",
    per_unit: "{} per {}",
    usage_cap: "at most {}",
    email_locked: "This email belongs to your account.",
    duration: "{} {}",
    days: IntervalWords { unit: "day", one: "day", many: "days" },
    weeks: IntervalWords { unit: "week", one: "week", many: "weeks" },
    months: IntervalWords { unit: "month", one: "month", many: "months" },
    years: IntervalWords { unit: "year", one: "year", many: "years" },
};

mod tables;

/// The texts of `lang`.
pub fn texts(lang: Lang) -> &'static Texts {
    match lang {
        Lang::En => &EN,
        Lang::De => &tables::DE,
        Lang::Fr => &tables::FR,
        Lang::Es => &tables::ES,
        Lang::Nl => &tables::NL,
        Lang::Pt => &tables::PT,
        Lang::Ja => &tables::JA,
        Lang::Ar => &tables::AR,
    }
}

/// Puts `values` into the `{}` of `template`, in order.
pub fn fill(template: &str, values: &[&str]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut values = values.iter();
    let mut rest = template;
    while let Some(i) = rest.find("{}") {
        out.push_str(&rest[..i]);
        out.push_str(values.next().copied().unwrap_or(""));
        rest = &rest[i + 2..];
    }
    out.push_str(rest);
    out
}

/// "14 days", "1 month": a trial length.
pub fn duration(lang: Lang, interval: Interval, count: u32, digits: &str) -> String {
    let t = texts(lang);
    let words = t.interval(interval);
    fill(t.duration, &[digits, if count == 1 { words.one } else { words.many }])
}

#[cfg(test)]
mod text_tests {
    use super::*;

    /// Every language fills every sentence, keeps each template's placeholders, and
    /// differs from English where it should (a forgotten copy shows up here).
    #[test]
    fn every_language_is_complete() {
        let langs = [Lang::De, Lang::Fr, Lang::Es, Lang::Nl, Lang::Pt, Lang::Ja, Lang::Ar];
        let en = format!("{:?}", texts(Lang::En));
        let slots = |s: &str| s.matches("{}").count();
        for lang in langs {
            let t = texts(lang);
            let dump = format!("{t:?}");
            assert!(!dump.contains(": \"\""), "{lang:?} has an empty sentence");
            assert_ne!(dump, en, "{lang:?} is English");
            for (a, b) in [
                (EN.save_percent, t.save_percent),
                (EN.trial, t.trial),
                (EN.seats_range, t.seats_range),
                (EN.per_seat, t.per_seat),
                (EN.amount_minimum, t.amount_minimum),
                (EN.amount_invalid, t.amount_invalid),
                (EN.then_after_trial, t.then_after_trial),
                (EN.charged_in, t.charged_in),
                (EN.pay, t.pay),
                (EN.still_needed, t.still_needed),
                (EN.payment_failed, t.payment_failed),
                (EN.per_unit, t.per_unit),
                (EN.usage_cap, t.usage_cap),
                (EN.success_body, t.success_body),
                (EN.expires_in, t.expires_in),
            ] {
                assert_eq!(slots(a), slots(b), "{lang:?}: {b:?} needs the placeholders of {a:?}");
            }
            assert_ne!(t.pay, EN.pay, "{lang:?}");
            assert_ne!(t.total_due, EN.total_due, "{lang:?}");
        }
    }

    #[test]
    fn fill_and_duration() {
        assert_eq!(fill("Pay {}", &["$19.00"]), "Pay $19.00");
        assert_eq!(fill("{} to {} seats", &["2", "50"]), "2 to 50 seats");
        assert_eq!(fill("no slots", &["x"]), "no slots");
        assert_eq!(fill("{} and {}", &["a"]), "a and ");
        assert_eq!(duration(Lang::En, Interval::Day, 14, "14"), "14 days");
        assert_eq!(duration(Lang::En, Interval::Month, 1, "1"), "1 month");
    }

    /// A period and a duration read their words from the same table: Japanese writes
    /// "/ 月" for a monthly price, "3か月ごと" for a quarterly one, "1か月" for a trial.
    #[test]
    fn periods_and_durations_share_their_words() {
        assert_eq!(billing_period(Lang::Ja, Interval::Month, 1, "1"), "/ 月");
        assert_eq!(billing_period(Lang::Ja, Interval::Month, 3, "3"), "3か月ごと");
        assert_eq!(duration(Lang::Ja, Interval::Month, 1, "1"), "1か月");
        assert_eq!(duration(Lang::Ja, Interval::Day, 14, "14"), "14日間");
        assert_eq!(duration(Lang::De, Interval::Week, 2, "2"), "2 Wochen");
        for lang in [Lang::En, Lang::De, Lang::Fr, Lang::Es, Lang::Nl, Lang::Pt, Lang::Ja, Lang::Ar] {
            let t = texts(lang);
            for interval in [Interval::Day, Interval::Week, Interval::Month, Interval::Year] {
                let words = t.interval(interval);
                assert!(billing_period(lang, interval, 1, "1").ends_with(words.unit));
                assert!(billing_period(lang, interval, 2, "2").contains(words.many), "{lang:?} {interval:?}");
                assert!(duration(lang, interval, 2, "2").contains(words.many));
            }
        }
    }
}
