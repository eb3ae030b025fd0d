//! The widget's model parses whatever Polar may send: 1,500 `CheckoutPublic` instances
//! generated from Polar's own OpenAPI document (`tests/contract/polar-openapi-2026-10.json`)
//! with every enum value, nulls, absent optional fields, unknown extra keys, and enum
//! values Polar has not invented yet, each parsed by the very model the widget uses, and
//! read by the widget's own reader (`kassa_core::wire`) to the same value as serde reads.
//!
//! The generator walks the schema: `$ref`, `oneOf`/`anyOf` (one branch at random),
//! objects (every required property; each optional one or not; sometimes an extra key),
//! arrays (0 to 3 items), enums and string consts (sometimes a value from the future),
//! formats (uuid4, date-time, email, uri). Integers without bounds are drawn from
//! 0..=2,000,000,000: Polar's amounts and counts are never negative.

use std::collections::{BTreeMap, BTreeSet};

use kassa_core::checkout::{CheckoutPublic, CheckoutStatus};
use serde_json::{json, Map, Value};

/// Enough instances that every enum value of the schema shows up (checked below).
const INSTANCES: u64 = 1_500;
/// The enum value no version of Polar has sent yet.
const FUTURE: &str = "a_value_from_the_future";

fn openapi() -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/contract/polar-openapi-2026-10.json");
    serde_json::from_str(&std::fs::read_to_string(path).expect("the OpenAPI document")).expect("JSON")
}

/// xorshift64*: small, seeded, reproducible.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

struct Generator<'a> {
    schemas: &'a Map<String, Value>,
    rng: Rng,
    /// Every enum (by where it is defined) and the values it has.
    enums: BTreeMap<String, BTreeSet<String>>,
    /// The values generated for each enum.
    seen: BTreeMap<String, BTreeSet<String>>,
    /// How often each enum was drawn.
    turns: BTreeMap<String, usize>,
}

impl<'a> Generator<'a> {
    fn resolve(&self, schema: &'a Value) -> (&'a Value, Option<String>) {
        let schemas: &'a Map<String, Value> = self.schemas;
        match schema.get("$ref").and_then(Value::as_str) {
            Some(r) => {
                let name = r.rsplit('/').next().unwrap_or_default();
                (&schemas[name], Some(name.to_string()))
            }
            None => (schema, None),
        }
    }

    fn value(&mut self, schema: &'a Value, at: &str, depth: usize) -> Value {
        let (schema, name) = self.resolve(schema);
        let at = name.unwrap_or_else(|| at.to_string());
        if let Some(branches) = schema.get("oneOf").or_else(|| schema.get("anyOf")).and_then(Value::as_array) {
            // Past a depth, prefer null where it is allowed.
            let null = branches.iter().position(|b| b.get("type") == Some(&json!("null")));
            let i = match null {
                Some(i) if depth > 8 => i,
                _ => self.rng.below(branches.len() as u64) as usize,
            };
            return self.value(&branches[i], &format!("{at}|{i}"), depth + 1);
        }
        if let Some(values) = schema.get("enum").and_then(Value::as_array) {
            let values: Vec<String> = values.iter().filter_map(|v| v.as_str().map(String::from)).collect();
            self.enums.entry(at.clone()).or_default().extend(values.iter().cloned());
            // Each enum's values in turn (a long one like a country list is covered too),
            // and, one turn in every len + 1, the value from the future.
            let turn = self.turns.entry(at.clone()).or_insert(0);
            *turn += 1;
            let turn = *turn;
            let chosen = values.get(turn % (values.len() + 1)).cloned().unwrap_or_else(|| FUTURE.to_string());
            self.seen.entry(at).or_default().insert(chosen.clone());
            return json!(chosen);
        }
        if let Some(constant) = schema.get("const") {
            // A discriminator from the future: a price or a field type Polar adds later.
            return match constant {
                Value::String(_) if self.rng.chance(3) => json!(FUTURE),
                other => other.clone(),
            };
        }
        match schema.get("type").and_then(Value::as_str) {
            Some("null") => Value::Null,
            Some("boolean") => json!(self.rng.chance(50)),
            Some("integer") => {
                let min = schema.get("minimum").and_then(Value::as_f64).unwrap_or(0.0).max(0.0) as u64;
                let max = schema.get("maximum").and_then(Value::as_f64).unwrap_or(2_000_000_000.0) as u64;
                // Small numbers are what sessions are made of; large ones test the range.
                let span = if self.rng.chance(80) { (max - min).min(100) } else { max - min };
                json!(min + self.rng.below(span + 1))
            }
            Some("number") => json!(self.rng.below(10_000) as f64 / 100.0),
            Some("string") => json!(self.string(schema)),
            Some("array") => {
                let items = schema.get("items").expect("an array schema names its items");
                let n = self.rng.below(4);
                Value::Array((0..n).map(|i| self.value(items, &format!("{at}[]"), depth + 1 + i as usize)).collect())
            }
            Some("object") | None => self.object(schema, &at, depth),
            Some(other) => panic!("a schema type the generator does not know: {other}"),
        }
    }

    fn string(&mut self, schema: &Value) -> String {
        let n = self.rng.next();
        match schema.get("format").and_then(Value::as_str) {
            Some("uuid4" | "uuid") => format!(
                "{:08x}-{:04x}-4{:03x}-8{:03x}-{:012x}",
                n as u32,
                (n >> 32) as u16,
                (n >> 48) & 0xfff,
                n & 0xfff,
                n & 0xffff_ffff_ffff
            ),
            Some("date-time") => format!("2026-{:02}-{:02}T{:02}:00:00Z", 1 + n % 12, 1 + n % 28, n % 24),
            Some("email") => format!("buyer{}@example.com", n % 1000),
            Some("uri") => format!("https://example.com/{}", n % 1000),
            Some("ipvanyaddress") => format!("192.0.2.{}", n % 255),
            _ => ["", "a", "Kassa Pro", "ünïcødé ✓", "<b>not html</b>", "x".repeat(300).as_str()][n as usize % 6]
                .to_string(),
        }
    }

    fn object(&mut self, schema: &'a Value, at: &str, depth: usize) -> Value {
        let mut object = Map::new();
        let required: BTreeSet<&str> = schema
            .get("required")
            .and_then(Value::as_array)
            .map(|r| r.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        if let Some(properties) = schema.get("properties").and_then(Value::as_object) {
            for (key, property) in properties {
                if required.contains(key.as_str()) || self.rng.chance(60) {
                    let value = self.value(property, &format!("{at}.{key}"), depth + 1);
                    object.insert(key.clone(), value);
                }
            }
        }
        if let Some(extra) = schema.get("additionalProperties").filter(|a| a.is_object()) {
            for i in 0..self.rng.below(3) {
                let value = self.value(extra, &format!("{at}.*"), depth + 1);
                object.insert(format!("key_{i}"), value);
            }
        }
        // A key Polar adds in a later version.
        if schema.get("properties").is_some() && self.rng.chance(20) {
            object.insert("a_field_from_the_future".into(), json!({"nested": [1, "two", null]}));
        }
        Value::Object(object)
    }
}

#[test]
fn every_checkout_polar_may_send_parses() {
    let document = openapi();
    let schemas = document["components"]["schemas"].as_object().expect("schemas");
    let mut generator = Generator {
        schemas,
        rng: Rng(0x9E37_79B9_7F4A_7C15),
        enums: BTreeMap::new(),
        seen: BTreeMap::new(),
        turns: BTreeMap::new(),
    };
    let root = &schemas["CheckoutPublic"];
    let mut statuses = BTreeSet::new();
    for seed in 1..=INSTANCES {
        generator.rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
        let instance = generator.value(root, "CheckoutPublic", 0);
        match serde_json::from_value::<CheckoutPublic>(instance.clone()) {
            Ok(checkout) => {
                // The widget reads sessions with its own reader, held here to serde's reading.
                match kassa_core::wire::read::<CheckoutPublic, _>(&&instance) {
                    Ok(read) => assert!(
                        read == checkout,
                        "instance {seed}: the widget's reader differs from serde:\n{}\n{}",
                        serde_json::to_string(&read).unwrap(),
                        serde_json::to_string(&checkout).unwrap()
                    ),
                    Err(e) => panic!("instance {seed}: the widget's reader refuses what serde reads: {e}"),
                }
                statuses.insert(format!("{:?}", checkout.status));
                // What the widget derives from a session never panics either.
                let _ = (checkout.selected_price(), checkout.seat_bounds(), checkout.payment_exponent());
                let _ = (
                    kassa_core::checkout::plan_options(&checkout),
                    kassa_core::checkout::plans::usage_lines(&checkout),
                );
            }
            Err(e) => {
                panic!("instance {seed} does not parse: {e}\n{}", serde_json::to_string_pretty(&instance).unwrap())
            }
        }
    }
    // Every enum value of the schema was generated, and one from the future for each.
    let mut missing = Vec::new();
    for (at, values) in &generator.enums {
        let seen = generator.seen.get(at).cloned().unwrap_or_default();
        for value in values.iter().chain([&FUTURE.to_string()]) {
            if !seen.contains(value) {
                missing.push(format!("{at} = {value}"));
            }
        }
    }
    assert!(missing.is_empty(), "enum values never generated: {missing:?}");
    assert!(statuses.contains(&format!("{:?}", CheckoutStatus::Unknown)), "a status from the future maps to Unknown");
}

#[test]
fn the_generator_can_fail() {
    // A model that refused unknown status values would not survive the generator: the
    // test above can fail.
    #[derive(serde::Deserialize)]
    #[allow(dead_code)]
    struct Strict {
        status: StrictStatus,
    }
    #[derive(serde::Deserialize)]
    #[serde(rename_all = "snake_case")]
    enum StrictStatus {
        Open,
        Expired,
        Confirmed,
        Succeeded,
        Failed,
    }
    let document = openapi();
    let schemas = document["components"]["schemas"].as_object().expect("schemas");
    let mut generator =
        Generator { schemas, rng: Rng(1), enums: BTreeMap::new(), seen: BTreeMap::new(), turns: BTreeMap::new() };
    let root = &schemas["CheckoutPublic"];
    let refused = (1..=200u64).any(|seed| {
        generator.rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
        serde_json::from_value::<Strict>(generator.value(root, "CheckoutPublic", 0)).is_err()
    });
    assert!(refused, "a strict model is refused by some generated instance");
}
