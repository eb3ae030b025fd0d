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
        Self::ALL.into_iter().find(|lang| lang.code() == primary).unwrap_or_default()
    }

    /// Every language, English first.
    pub const ALL: [Lang; 8] = [Self::En, Self::De, Self::Fr, Self::Es, Self::Nl, Self::Pt, Self::Ja, Self::Ar];

    /// The ISO 639-1 code: the name of the language's table file, `lang/{code}.json`.
    pub fn code(self) -> &'static str {
        ["en", "de", "fr", "es", "nl", "pt", "ja", "ar"][self as usize]
    }

    /// The language `locale` is shown in: its own once its table is at hand (compiled in
    /// or [`register`]ed), English otherwise, so a table that failed to load never leaves
    /// English sentences laid out right to left.
    pub fn shown_for(locale: &str) -> Self {
        Some(Self::from_locale(locale)).filter(|lang| lang.has_texts()).unwrap_or_default()
    }

    /// Whether the sentences of this language are at hand (English's always are).
    pub fn has_texts(self) -> bool {
        self == Self::En || !std::ptr::eq(texts(self), &EN)
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

/// Declares [`Texts`] from one list of its sentences, with the lookup that builds a table
/// from data (the tables of other languages load at run time, see [`register`]) and the
/// entries that write one out. A sentence named here is named nowhere else.
macro_rules! texts {
    ($($(#[$doc:meta])* $sentence:ident,)*; $($words:ident,)*) => {
        /// Every sentence the widget shows, in one language. `{}` marks where a value goes
        /// ([`fill`]). Numbers and money are formatted by the browser, never here.
        #[derive(Debug)]
        #[allow(missing_docs)]
        pub struct Texts {
            $($(#[$doc])* pub $sentence: &'static str,)*
            $(pub $words: IntervalWords,)*
        }

        impl Texts {
            /// A table from `get`, which answers a sentence's key (`"pay"`, `"months.many"`);
            /// `Err` names the first key it did not answer. One loop over the keys, not a
            /// lookup written out per sentence: this runs in the wasm, where code is weight.
            pub fn from_lookup(mut get: impl FnMut(&str) -> Option<&'static str>) -> Result<Self, &'static str> {
                // Data, not code per sentence: a blank table copied, then each slot found
                // through a static list of keys and field accessors.
                type Slot = fn(&mut Texts) -> &mut &'static str;
                const BLANK: Texts = Texts {
                    $($sentence: "",)*
                    $($words: IntervalWords { unit: "", one: "", many: "" },)*
                };
                // The keys as one string, a line each, beside their slots in the same
                // order: `(&str, Slot)` pairs spent a pointer and a length per key.
                const KEYS: &str = concat!(
                    $(stringify!($sentence), "\n",)*
                    $(
                        stringify!($words), ".unit\n",
                        stringify!($words), ".one\n",
                        stringify!($words), ".many\n",
                    )*
                );
                const SLOTS: &[Slot] = &[
                    $(|t| &mut t.$sentence,)*
                    $(|t| &mut t.$words.unit, |t| &mut t.$words.one, |t| &mut t.$words.many,)*
                ];
                let mut table = BLANK;
                for (key, slot) in KEYS.lines().zip(SLOTS) {
                    *slot(&mut table) = get(key).ok_or(key)?;
                }
                Ok(table)
            }

            /// Every sentence with its key, in declaration order: what [`Self::from_lookup`] reads.
            pub fn entries(&self) -> Vec<(String, &'static str)> {
                let mut out = vec![$((stringify!($sentence).to_string(), self.$sentence),)*];
                $(
                    let w = &self.$words;
                    for (part, text) in [("unit", w.unit), ("one", w.one), ("many", w.many)] {
                        out.push((format!("{}.{part}", stringify!($words)), text));
                    }
                )*
                out
            }
        }
    };
}

texts! {
    loading,
    not_found_title,
    not_found_body,
    expired_title,
    expired_body,
    network_title,
    network_body,
    server_title,
    server_body,
    generic_title,
    generic_body,
    try_again,
    plan,
    one_time,
    save_percent,
    trial,
    seats,
    seats_fewer,
    seats_more,
    seats_range,
    per_seat,
    amount,
    amount_minimum,
    amount_invalid,
    contact,
    email,
    name,
    business,
    billing_name,
    tax_id,
    billing_address,
    country,
    choose_country,
    line1,
    line2,
    postal_code,
    city,
    state,
    choose_state,
    optional,
    discount_code,
    apply,
    remove,
    details,
    subtotal,
    discount,
    tax,
    tax_included,
    tax_pending,
    total_due,
    then_after_trial,
    free,
    charged_in,
    payment,
    no_payment_form,
    card_loading,
    card_unavailable,
    pay,
    start_trial,
    get_free,
    still_needed,
    saving,
    retrying,
    stalled,
    payment_failed,
    processing,
    success_title,
    success_body,
    failed_title,
    failed_body,
    closed_title,
    closed_body,
    auth_title,
    auth_body,
    expires_in,
    trial_removed,
    already_subscribed,
    payment_not_ready,
    not_permitted,
    usage,
    per_unit,
    usage_cap,
    email_locked,
    /// How "14 days" is written: `{}` the count, then `{}` the unit.
    duration,
    ;
    days,
    weeks,
    months,
    years,
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

/// The tables of the other languages, in the source. A wasm build leaves them out: they
/// ship as `lang/{code}.json` beside the widget (written from these by
/// `examples/lang_tables.rs`), fetched in parallel with the wasm for the buyer's language
/// only, and handed over with [`register`]. Native builds and tests compile them in.
#[cfg(any(test, feature = "bundled-langs"))]
mod tables;

/// The tables registered at run time, by [`Lang`] (English, built in, has none).
static REGISTERED: [std::sync::OnceLock<Texts>; 8] = [const { std::sync::OnceLock::new() }; 8];

/// Makes `table` the texts of `lang`. The first registration of a language stays (every
/// copy of the widget on a page loads the same file); English is built in and ignored.
pub fn register(lang: Lang, table: Texts) {
    if lang != Lang::En {
        let _ = REGISTERED[lang as usize].set(table);
    }
}

/// The texts of `lang`: English until its table is compiled in or registered.
pub fn texts(lang: Lang) -> &'static Texts {
    #[cfg(any(test, feature = "bundled-langs"))]
    return match lang {
        Lang::En => &EN,
        Lang::De => &tables::DE,
        Lang::Fr => &tables::FR,
        Lang::Es => &tables::ES,
        Lang::Nl => &tables::NL,
        Lang::Pt => &tables::PT,
        Lang::Ja => &tables::JA,
        Lang::Ar => &tables::AR,
    };
    #[cfg(not(any(test, feature = "bundled-langs")))]
    REGISTERED[lang as usize].get().unwrap_or(&EN)
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

    /// What the table writer emits is what the widget reads back: every language's
    /// entries rebuild the same table, and a missing sentence is named.
    #[test]
    fn tables_travel_as_entries() {
        for lang in Lang::ALL {
            let entries: std::collections::HashMap<String, &'static str> = texts(lang).entries().into_iter().collect();
            assert_eq!(entries.len(), EN.entries().len(), "{lang:?}: keys are unique");
            let rebuilt = Texts::from_lookup(|key| entries.get(key).copied()).unwrap();
            assert_eq!(format!("{rebuilt:?}"), format!("{:?}", texts(lang)), "{lang:?}");
            assert_eq!(Lang::from_locale(lang.code()), lang);
            assert!(lang.has_texts() && Lang::shown_for(lang.code()) == lang);
        }
        let missing = Texts::from_lookup(|key| (key != "months.many").then_some("x")).unwrap_err();
        assert_eq!(missing, "months.many");
        assert_eq!(Texts::from_lookup(|key| (key != "pay").then_some("x")).unwrap_err(), "pay");
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
