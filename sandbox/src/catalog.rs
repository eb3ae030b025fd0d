//! The seeded catalog: products and prices every sandbox starts with, with fixed IDs so
//! the README, the demo and the tests can name them.

use kassa_core::checkout::custom_field::{CustomFieldProperties, SelectOption};
use kassa_core::checkout::{
    AmountType, AttachedCustomField, Benefit, CheckoutProduct, CustomField, CustomFieldType, Interval, PriceType,
    ProductPrice, SeatTier, SeatTiers, TaxBehavior,
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
        tax_behavior: Some(if currency == "eur" { TaxBehavior::Inclusive } else { TaxBehavior::Exclusive }),
        is_archived: false,
        product_id: product_id.into(),
        price_type: Some(PriceType::OneTime),
        recurring_interval: None,
        price_amount: None,
        minimum_amount: None,
        maximum_amount: None,
        preset_amount: None,
        seat_tiers: None,
    }
}

fn fixed(id: &str, product: &str, currency: &str, amount: i64, every: Option<Interval>) -> ProductPrice {
    ProductPrice {
        price_amount: Some(amount),
        price_type: Some(if every.is_some() { PriceType::Recurring } else { PriceType::OneTime }),
        recurring_interval: every,
        ..price(id, product, currency, AmountType::Fixed)
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
        organization_id: ORGANIZATION_ID.into(),
    }
}

fn product(id: &str, name: &str, description: &str, prices: Vec<ProductPrice>) -> CheckoutProduct {
    let recurring = prices.iter().find_map(|p| p.recurring_interval);
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
        is_recurring: recurring.is_some(),
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
        vec![fixed(PRO_MONTHLY, PRO, "usd", 1900, Some(Month)), fixed(PRO_YEARLY, PRO, "usd", 19000, Some(Year))],
    );
    pro.benefits = vec![benefit(1, "Unlimited checkouts"), benefit(2, "Priority support")];

    let mut starter = product(
        STARTER,
        "Kassa Starter",
        "Try it free for 14 days.",
        vec![fixed(STARTER_MONTHLY, STARTER, "usd", 900, Some(Month))],
    );
    starter.trial_interval = Some(Interval::Day);
    starter.trial_interval_count = Some(14);

    let mut team_price = price(TEAM_SEATS, TEAM, "usd", AmountType::SeatBased);
    team_price.price_type = Some(PriceType::Recurring);
    team_price.recurring_interval = Some(Month);
    team_price.seat_tiers = Some(SeatTiers {
        tiers: vec![
            SeatTier { min_seats: 2, max_seats: Some(9), price_per_seat: 1200 },
            SeatTier { min_seats: 10, max_seats: Some(50), price_per_seat: 1000 },
        ],
        minimum_seats: Some(2),
        maximum_seats: Some(50),
    });
    let team = product(TEAM, "Kassa Team", "Per-seat pricing for teams.", vec![team_price]);

    let mut pwyw = price(SUPPORT_PWYW, SUPPORT, "usd", AmountType::Custom);
    pwyw.minimum_amount = Some(300);
    pwyw.maximum_amount = Some(100_000);
    pwyw.preset_amount = Some(1000);
    let support = product(SUPPORT, "Support the project", "Pay what you want.", vec![pwyw]);

    let community = product(
        COMMUNITY,
        "Community edition",
        "Free forever.",
        vec![price(COMMUNITY_FREE, COMMUNITY, "usd", AmountType::Free)],
    );
    let lifetime = product(
        LIFETIME,
        "Lifetime licence",
        "Pay once, use forever.",
        vec![fixed(LIFETIME_ONCE, LIFETIME, "usd", 24900, None)],
    );
    let pro_eur = product(
        PRO_EUR,
        "Kassa Pro (EUR)",
        "Everything a growing shop needs.",
        vec![
            fixed(PRO_EUR_MONTHLY, PRO_EUR, "eur", 1700, Some(Month)),
            fixed(PRO_EUR_YEARLY, PRO_EUR, "eur", 17000, Some(Year)),
        ],
    );
    let pro_jpy = product(
        PRO_JPY,
        "Kassa Pro (JPY)",
        "Everything a growing shop needs.",
        vec![fixed(PRO_JPY_MONTHLY, PRO_JPY, "jpy", 2900, Some(Month))],
    );
    let pro_kwd = product(
        PRO_KWD,
        "Kassa Pro (KWD)",
        "Everything a growing shop needs.",
        vec![fixed(PRO_KWD_MONTHLY, PRO_KWD, "kwd", 5900, Some(Month))],
    );
    vec![pro, starter, team, support, community, lifetime, pro_eur, pro_jpy, pro_kwd]
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
