//! The seeded catalog: products and prices every sandbox starts with, with fixed IDs so
//! the README, the demo and the tests can name them.

use kassa_core::checkout::custom_field::{CustomFieldProperties, SelectOption};
use kassa_core::checkout::{
    AmountType, AttachedCustomField, Benefit, CheckoutProduct, CustomField, CustomFieldType, Interval, PriceMeter,
    PriceType, ProductPrice, SeatTier, SeatTierType, SeatTiers, TaxBehaviorOption,
};

/// The sandbox organization's ID.
pub const ORGANIZATION_ID: &str = "0a7c0000-0000-4000-8000-000000000001";
/// When the catalog "was created".
const CREATED_AT: &str = "2026-01-01T00:00:00Z";

/// Product IDs, named for the README and tests.
pub mod ids {
    /// Kassa Pro: monthly $19 and yearly $190 (USD), switchable in one checkout.
    pub const PRO: &str = "5a1d0000-0000-4000-8000-000000000101";
    /// Kassa Pro monthly price.
    pub const PRO_MONTHLY: &str = "5a1d0000-0000-4000-8000-000000000201";
    /// Kassa Pro yearly price.
    pub const PRO_YEARLY: &str = "5a1d0000-0000-4000-8000-000000000202";
    /// Kassa Starter: $9/month with a 14-day trial.
    pub const STARTER: &str = "5a1d0000-0000-4000-8000-000000000102";
    /// Kassa Starter monthly price.
    pub const STARTER_MONTHLY: &str = "5a1d0000-0000-4000-8000-000000000203";
    /// Kassa Team: seat-based, 2 to 50 seats, monthly.
    pub const TEAM: &str = "5a1d0000-0000-4000-8000-000000000103";
    /// Kassa Team seat price.
    pub const TEAM_SEATS: &str = "5a1d0000-0000-4000-8000-000000000204";
    /// Support the project: pay what you want from $3, one-time.
    pub const SUPPORT: &str = "5a1d0000-0000-4000-8000-000000000104";
    /// Support price.
    pub const SUPPORT_PWYW: &str = "5a1d0000-0000-4000-8000-000000000205";
    /// Community edition: free.
    pub const COMMUNITY: &str = "5a1d0000-0000-4000-8000-000000000105";
    /// Community price.
    pub const COMMUNITY_FREE: &str = "5a1d0000-0000-4000-8000-000000000206";
    /// Lifetime licence: $249 one-time.
    pub const LIFETIME: &str = "5a1d0000-0000-4000-8000-000000000106";
    /// Lifetime price.
    pub const LIFETIME_ONCE: &str = "5a1d0000-0000-4000-8000-000000000207";
    /// Kassa Pro in euros: €17/month, €170/year.
    pub const PRO_EUR: &str = "5a1d0000-0000-4000-8000-000000000107";
    /// Euro monthly price.
    pub const PRO_EUR_MONTHLY: &str = "5a1d0000-0000-4000-8000-000000000208";
    /// Euro yearly price.
    pub const PRO_EUR_YEARLY: &str = "5a1d0000-0000-4000-8000-000000000209";
    /// Kassa Pro in yen: ¥2,900/month.
    pub const PRO_JPY: &str = "5a1d0000-0000-4000-8000-000000000108";
    /// Yen monthly price.
    pub const PRO_JPY_MONTHLY: &str = "5a1d0000-0000-4000-8000-00000000020a";
    /// Kassa Pro in Kuwaiti dinar: KWD 5.900/month.
    pub const PRO_KWD: &str = "5a1d0000-0000-4000-8000-000000000109";
    /// Dinar monthly price.
    pub const PRO_KWD_MONTHLY: &str = "5a1d0000-0000-4000-8000-00000000020b";
    /// Kassa Studio: graduated seats, $15 each for the first five, $12 from the sixth.
    pub const STUDIO: &str = "5a1d0000-0000-4000-8000-00000000010a";
    /// Studio seat price.
    pub const STUDIO_SEATS: &str = "5a1d0000-0000-4000-8000-00000000020c";
    /// Kassa API: $29/month and $0.005 per API call, at most $100 a month.
    pub const API: &str = "5a1d0000-0000-4000-8000-00000000010b";
    /// API base price.
    pub const API_BASE: &str = "5a1d0000-0000-4000-8000-00000000020d";
    /// API metered price.
    pub const API_CALLS: &str = "5a1d0000-0000-4000-8000-00000000020e";
    /// The meter of API calls.
    pub const METER_API_CALLS: &str = "5a1d0000-0000-4000-8000-000000000601";
}

fn price(id: &str, product_id: &str, currency: &str, amount_type: AmountType) -> ProductPrice {
    ProductPrice {
        id: id.into(),
        created_at: CREATED_AT.into(),
        modified_at: None,
        source: "catalog".into(),
        amount_type,
        price_currency: currency.into(),
        // Euro prices are shown to consumers with VAT included, as EU law expects;
        // the others have tax added at checkout.
        tax_behavior: Some(if currency == "eur" { TaxBehaviorOption::Inclusive } else { TaxBehaviorOption::Exclusive }),
        is_archived: false,
        product_id: product_id.into(),
        price_type: None,
        recurring_interval: None,
        price_amount: None,
        minimum_amount: None,
        maximum_amount: None,
        preset_amount: None,
        seat_tiers: None,
        unit_amount: None,
        cap_amount: None,
        meter_id: None,
        meter: None,
        legacy: None,
    }
}

/// A fixed price; its product says whether and how often it recurs.
fn fixed(id: &str, product: &str, currency: &str, amount: i64) -> ProductPrice {
    ProductPrice { price_amount: Some(amount), ..price(id, product, currency, AmountType::Fixed) }
}

/// A legacy recurring fixed price, carrying its own interval: how Polar still serves a
/// product sold monthly and yearly under one ID.
fn legacy(id: &str, product: &str, currency: &str, amount: i64, every: Interval) -> ProductPrice {
    ProductPrice {
        price_type: Some(PriceType::Recurring),
        recurring_interval: Some(every),
        legacy: Some(true),
        ..fixed(id, product, currency, amount)
    }
}

fn benefit(n: u8, description: &str) -> Benefit {
    Benefit {
        id: format!("be0e0000-0000-4000-8000-0000000003{n:02x}"),
        created_at: CREATED_AT.into(),
        modified_at: None,
        kind: "custom".into(),
        description: description.into(),
        selectable: false,
        deletable: true,
        is_deleted: false,
        organization_id: ORGANIZATION_ID.into(),
    }
}

/// A product billed `every` interval (`None`: once). Legacy products, whose prices carry
/// their own intervals, recur with no interval of their own.
fn product(
    id: &str,
    name: &str,
    description: &str,
    every: Option<Interval>,
    prices: Vec<ProductPrice>,
) -> CheckoutProduct {
    let legacy = prices.iter().any(|p| p.legacy == Some(true));
    let recurring = every.filter(|_| !legacy);
    let metered = prices.iter().any(|p| p.amount_type == AmountType::MeteredUnit);
    CheckoutProduct {
        id: id.into(),
        created_at: CREATED_AT.into(),
        modified_at: None,
        trial_interval: None,
        trial_interval_count: None,
        name: name.into(),
        description: Some(description.into()),
        visibility: "public".into(),
        recurring_interval: recurring,
        recurring_interval_count: recurring.map(|_| 1),
        meter_interval: every.filter(|_| metered),
        meter_interval_count: every.filter(|_| metered).map(|_| 1),
        is_recurring: every.is_some() || legacy,
        is_archived: false,
        organization_id: ORGANIZATION_ID.into(),
        prices,
        benefits: Vec::new(),
        medias: Vec::new(),
    }
}

/// Every product of the sandbox, in catalog order.
pub fn products() -> Vec<CheckoutProduct> {
    use ids::*;
    use Interval::{Month, Year};
    let mut pro = product(
        PRO,
        "Kassa Pro",
        "Everything a growing shop needs.",
        None,
        vec![legacy(PRO_MONTHLY, PRO, "usd", 1900, Month), legacy(PRO_YEARLY, PRO, "usd", 19000, Year)],
    );
    pro.benefits = vec![benefit(1, "Unlimited checkouts"), benefit(2, "Priority support")];

    let mut starter = product(
        STARTER,
        "Kassa Starter",
        "Try it free for 14 days.",
        Some(Month),
        vec![fixed(STARTER_MONTHLY, STARTER, "usd", 900)],
    );
    starter.trial_interval = Some(Interval::Day);
    starter.trial_interval_count = Some(14);

    let mut team_price = price(TEAM_SEATS, TEAM, "usd", AmountType::SeatBased);
    team_price.seat_tiers = Some(SeatTiers {
        seat_tier_type: SeatTierType::Volume,
        tiers: vec![
            SeatTier { min_seats: 2, max_seats: Some(9), price_per_seat: 1200 },
            SeatTier { min_seats: 10, max_seats: Some(50), price_per_seat: 1000 },
        ],
        minimum_seats: Some(2),
        maximum_seats: Some(50),
    });
    let team = product(TEAM, "Kassa Team", "Per-seat pricing for teams.", Some(Month), vec![team_price]);

    let mut pwyw = price(SUPPORT_PWYW, SUPPORT, "usd", AmountType::Custom);
    pwyw.minimum_amount = Some(300);
    pwyw.maximum_amount = Some(Some(100_000));
    pwyw.preset_amount = Some(Some(1000));
    let support = product(SUPPORT, "Support the project", "Pay what you want.", None, vec![pwyw]);

    // Polar has no free price type: a free price is a fixed price of 0.
    let community = product(
        COMMUNITY,
        "Community edition",
        "Free forever.",
        None,
        vec![fixed(COMMUNITY_FREE, COMMUNITY, "usd", 0)],
    );
    let lifetime = product(
        LIFETIME,
        "Lifetime licence",
        "Pay once, use forever.",
        None,
        vec![fixed(LIFETIME_ONCE, LIFETIME, "usd", 24900)],
    );
    let pro_eur = product(
        PRO_EUR,
        "Kassa Pro (EUR)",
        "Everything a growing shop needs.",
        None,
        vec![legacy(PRO_EUR_MONTHLY, PRO_EUR, "eur", 1700, Month), legacy(PRO_EUR_YEARLY, PRO_EUR, "eur", 17000, Year)],
    );
    let pro_jpy = product(
        PRO_JPY,
        "Kassa Pro (JPY)",
        "Everything a growing shop needs.",
        Some(Month),
        vec![fixed(PRO_JPY_MONTHLY, PRO_JPY, "jpy", 2900)],
    );
    let pro_kwd = product(
        PRO_KWD,
        "Kassa Pro (KWD)",
        "Everything a growing shop needs.",
        Some(Month),
        vec![fixed(PRO_KWD_MONTHLY, PRO_KWD, "kwd", 5900)],
    );

    let mut studio_price = price(STUDIO_SEATS, STUDIO, "usd", AmountType::SeatBased);
    studio_price.seat_tiers = Some(SeatTiers {
        seat_tier_type: SeatTierType::Graduated,
        tiers: vec![
            SeatTier { min_seats: 1, max_seats: Some(5), price_per_seat: 1500 },
            SeatTier { min_seats: 6, max_seats: None, price_per_seat: 1200 },
        ],
        minimum_seats: Some(1),
        maximum_seats: None,
    });
    let studio = product(STUDIO, "Kassa Studio", "Graduated per-seat pricing.", Some(Month), vec![studio_price]);

    let mut calls = price(API_CALLS, API, "usd", AmountType::MeteredUnit);
    calls.unit_amount = Some("0.5".into());
    calls.cap_amount = Some(Some(10_000));
    calls.meter_id = Some(METER_API_CALLS.into());
    calls.meter = Some(PriceMeter {
        id: METER_API_CALLS.into(),
        name: "API call".into(),
        unit: Some("scalar".into()),
        custom_label: None,
        custom_multiplier: None,
    });
    let api = product(
        API,
        "Kassa API",
        "A base fee, and usage billed monthly.",
        Some(Month),
        vec![fixed(API_BASE, API, "usd", 2900), calls],
    );
    vec![pro, starter, team, support, community, lifetime, pro_eur, pro_jpy, pro_kwd, studio, api]
}

/// The product with this ID.
pub fn find(catalog: &[CheckoutProduct], id: &str) -> Option<CheckoutProduct> {
    catalog.iter().find(|p| p.id == id).cloned()
}

fn field(n: u8, kind: CustomFieldType, slug: &str, name: &str, properties: CustomFieldProperties) -> CustomField {
    CustomField {
        id: format!("cf000000-0000-4000-8000-0000000005{n:02x}"),
        created_at: CREATED_AT.into(),
        modified_at: None,
        metadata: Default::default(),
        kind,
        slug: slug.into(),
        name: name.into(),
        organization_id: ORGANIZATION_ID.into(),
        properties,
    }
}

/// Custom fields attached to a product, in form order. Kassa Team asks for one of each
/// type, required and optional.
pub fn custom_fields(product_id: &str) -> Vec<AttachedCustomField> {
    if product_id != ids::TEAM {
        return Vec::new();
    }
    let props = |label: &str| CustomFieldProperties { form_label: Some(label.into()), ..Default::default() };
    let fields = [
        (
            field(
                1,
                CustomFieldType::Text,
                "company",
                "Company",
                CustomFieldProperties {
                    min_length: Some(2),
                    max_length: Some(80),
                    form_placeholder: Some("Acme Inc.".into()),
                    ..props("Company name")
                },
            ),
            true,
        ),
        (
            field(
                2,
                CustomFieldType::Select,
                "team_size",
                "Team size",
                CustomFieldProperties {
                    options: Some(vec![
                        SelectOption { value: "1-10".into(), label: "1–10 people".into() },
                        SelectOption { value: "11-50".into(), label: "11–50 people".into() },
                        SelectOption { value: "51+".into(), label: "More than 50".into() },
                    ]),
                    ..props("How big is your team?")
                },
            ),
            true,
        ),
        (
            field(
                3,
                CustomFieldType::Number,
                "developers",
                "Developers",
                CustomFieldProperties {
                    ge: Some(0),
                    le: Some(10_000),
                    form_help_text: Some("How many of them write code?".into()),
                    ..props("Developers")
                },
            ),
            false,
        ),
        (field(4, CustomFieldType::Date, "start_date", "Start date", props("When do you want to start?")), false),
        (field(5, CustomFieldType::Checkbox, "terms", "Terms", props("I accept the terms of service")), true),
    ];
    fields
        .into_iter()
        .enumerate()
        .map(|(i, (custom_field, required))| AttachedCustomField {
            custom_field_id: custom_field.id.clone(),
            custom_field,
            order: i as i32,
            required,
        })
        .collect()
}
