//! Polar's `CustomerSubscriptionUpdate`: six bodies, each forbidding keys it does not
//! name, so the set of keys picks the one meant (pydantic's smart union). Kassa writes
//! each exactly ([`SubscriptionUpdate::to_json`]); the sandbox reads with
//! [`SubscriptionUpdate::parse`], which refuses what Polar refuses with the field at
//! fault.

use serde_json::{json, Map, Value};

use crate::subscription::status::CancellationReason;

/// One change to a subscription.
#[derive(Clone, Debug, PartialEq)]
pub enum SubscriptionUpdate {
    /// `CustomerSubscriptionUpdateProduct`: switch plan.
    Product {
        /// The product to switch to.
        product_id: String,
    },
    /// `CustomerSubscriptionUpdateSeats`: change seats (any Int32: Polar's `ge=1` does
    /// not hold, the service answers a count below the minimum).
    Seats {
        /// The new count.
        seats: i64,
    },
    /// `CustomerSubscriptionCancel`: cancel at period end (`Some(true)`), take a
    /// cancellation back (`Some(false)`), or nothing (`None`).
    Cancel {
        /// Cancel or uncancel.
        cancel_at_period_end: Option<bool>,
        /// Why.
        cancellation_reason: Option<CancellationReason>,
        /// The customer's words.
        cancellation_comment: Option<String>,
    },
    /// `CustomerSubscriptionPause`: pause at period end until `resumes_at` (or
    /// indefinitely), or take a scheduled pause back (`false`).
    Pause {
        /// Pause or take the pause back.
        pause_at_period_end: bool,
        /// When to resume (RFC 3339).
        resumes_at: Option<String>,
    },
    /// `CustomerSubscriptionResume`: resume a paused subscription.
    Resume,
    /// `CustomerSubscriptionUpdateClear`: drop the pending update.
    ClearPending,
}

/// Why a body is not one of the six: the field at fault, pydantic's error type, a
/// message, and the offending input.
#[derive(Clone, Debug, PartialEq)]
pub struct BodyError {
    /// The key (`""` for the body itself).
    pub field: String,
    /// `extra_forbidden`, `missing`, `bool_type`, …
    pub kind: &'static str,
    /// What is wrong.
    pub msg: String,
    /// The input.
    pub input: Value,
}

impl BodyError {
    fn new(field: &str, kind: &'static str, msg: &str, input: Value) -> Self {
        Self { field: field.into(), kind, msg: msg.into(), input }
    }
}

/// The keys of each body, in Polar's dispatch order.
const VARIANTS: [&[&str]; 6] = [
    &["product_id"],
    &["seats"],
    &["pending_update"],
    &["pause_at_period_end", "resumes_at"],
    &["resume"],
    &["cancel_at_period_end", "cancellation_reason", "cancellation_comment"],
];

fn is_uuid(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 36
        && b.iter().enumerate().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => *c == b'-',
            _ => c.is_ascii_hexdigit(),
        })
}

fn optional_string(body: &Map<String, Value>, key: &str) -> Result<Option<String>, Vec<BodyError>> {
    match body.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(v) => Err(vec![BodyError::new(key, "string_type", "Input should be a valid string", v.clone())]),
    }
}

fn optional_bool(body: &Map<String, Value>, key: &str) -> Result<Option<bool>, Vec<BodyError>> {
    match body.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Bool(b)) => Ok(Some(*b)),
        Some(v) => Err(vec![BodyError::new(key, "bool_type", "Input should be a valid boolean", v.clone())]),
    }
}

impl SubscriptionUpdate {
    /// Reads a PATCH body as Polar does; every problem found, or the one body meant.
    pub fn parse(body: &Value) -> Result<Self, Vec<BodyError>> {
        let Some(body) = body.as_object() else {
            return Err(vec![BodyError::new("", "model_type", "Input should be an object", body.clone())]);
        };
        // The body whose keys the first key belongs to (an empty body is a Cancel that
        // cancels nothing, as pydantic reads it).
        let variant = body
            .keys()
            .find_map(|k| VARIANTS.iter().position(|v| v.contains(&k.as_str())))
            .unwrap_or(VARIANTS.len() - 1);
        let extra: Vec<BodyError> = body
            .iter()
            .filter(|(k, _)| !VARIANTS[variant].contains(&k.as_str()))
            .map(|(k, v)| BodyError::new(k, "extra_forbidden", "Extra inputs are not permitted", v.clone()))
            .collect();
        if !extra.is_empty() {
            return Err(extra);
        }
        let one = |e: BodyError| vec![e];
        match variant {
            0 => match &body["product_id"] {
                Value::String(s) if is_uuid(s) => Ok(Self::Product { product_id: s.to_ascii_lowercase() }),
                v => Err(one(BodyError::new("product_id", "uuid_parsing", "Input should be a valid UUID", v.clone()))),
            },
            1 => match body["seats"].as_i64().filter(|n| i32::try_from(*n).is_ok()) {
                Some(seats) if body["seats"].is_i64() => Ok(Self::Seats { seats }),
                _ => Err(one(BodyError::new(
                    "seats",
                    "int_type",
                    "Input should be a valid integer between -2147483648 and 2147483647",
                    body["seats"].clone(),
                ))),
            },
            2 => match &body["pending_update"] {
                Value::Null => Ok(Self::ClearPending),
                v => Err(one(BodyError::new("pending_update", "none_required", "Input should be None", v.clone()))),
            },
            3 => {
                let pause = match optional_bool(body, "pause_at_period_end")? {
                    Some(p) => p,
                    None => {
                        return Err(one(BodyError::new(
                            "pause_at_period_end",
                            "missing",
                            "Field required",
                            Value::Null,
                        )))
                    }
                };
                Ok(Self::Pause { pause_at_period_end: pause, resumes_at: optional_string(body, "resumes_at")? })
            }
            4 => match &body["resume"] {
                Value::Bool(true) => Ok(Self::Resume),
                v => Err(one(BodyError::new("resume", "literal_error", "Input should be True", v.clone()))),
            },
            _ => {
                let reason = match body.get("cancellation_reason") {
                    None | Some(Value::Null) => None,
                    Some(v) => match v.as_str().and_then(CancellationReason::parse) {
                        Some(r) => Some(r),
                        None => {
                            let names: Vec<_> =
                                CancellationReason::ALL.iter().map(|r| format!("'{}'", r.as_str())).collect();
                            return Err(one(BodyError::new(
                                "cancellation_reason",
                                "enum",
                                &format!("Input should be {}", names.join(", ")),
                                v.clone(),
                            )));
                        }
                    },
                };
                Ok(Self::Cancel {
                    cancel_at_period_end: optional_bool(body, "cancel_at_period_end")?,
                    cancellation_reason: reason,
                    cancellation_comment: optional_string(body, "cancellation_comment")?,
                })
            }
        }
    }

    /// The body, exactly as Polar's schema names it.
    pub fn to_json(&self) -> Value {
        match self {
            Self::Product { product_id } => json!({ "product_id": product_id }),
            Self::Seats { seats } => json!({ "seats": seats }),
            Self::Cancel { cancel_at_period_end, cancellation_reason, cancellation_comment } => json!({
                "cancel_at_period_end": cancel_at_period_end,
                "cancellation_reason": cancellation_reason.map(CancellationReason::as_str),
                "cancellation_comment": cancellation_comment,
            }),
            Self::Pause { pause_at_period_end, resumes_at } => {
                json!({ "pause_at_period_end": pause_at_period_end, "resumes_at": resumes_at })
            }
            Self::Resume => json!({ "resume": true }),
            Self::ClearPending => json!({ "pending_update": null }),
        }
    }
}

/// Polar's `CustomerSubscriptionChangePreview`: the change a preview prices.
#[derive(Clone, Debug, PartialEq)]
pub enum ChangePreviewBody {
    /// A plan change.
    Product(String),
    /// A seat change.
    Seats(i64),
}

impl ChangePreviewBody {
    /// Reads a preview body: exactly one of `product_id`, `seats`.
    pub fn parse(body: &Value) -> Result<Self, Vec<BodyError>> {
        match SubscriptionUpdate::parse(body)? {
            SubscriptionUpdate::Product { product_id } => Ok(Self::Product(product_id)),
            SubscriptionUpdate::Seats { seats } => Ok(Self::Seats(seats)),
            _ => Err(vec![BodyError::new("", "union_tag_invalid", "Expected `product_id` or `seats`", body.clone())]),
        }
    }

    /// The body, exactly.
    pub fn to_json(&self) -> Value {
        match self {
            Self::Product(id) => json!({ "product_id": id }),
            Self::Seats(n) => json!({ "seats": n }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PRODUCT: &str = "5a1d0000-0000-4000-8000-000000000102";

    #[test]
    fn the_keys_pick_the_body_and_each_round_trips() {
        let all = [
            SubscriptionUpdate::Product { product_id: PRODUCT.into() },
            SubscriptionUpdate::Seats { seats: 3 },
            SubscriptionUpdate::Cancel {
                cancel_at_period_end: Some(true),
                cancellation_reason: Some(CancellationReason::TooExpensive),
                cancellation_comment: Some("Pricey".into()),
            },
            SubscriptionUpdate::Cancel {
                cancel_at_period_end: Some(false),
                cancellation_reason: None,
                cancellation_comment: None,
            },
            SubscriptionUpdate::Pause { pause_at_period_end: true, resumes_at: Some("2027-03-01T00:00:00Z".into()) },
            SubscriptionUpdate::Pause { pause_at_period_end: false, resumes_at: None },
            SubscriptionUpdate::Resume,
            SubscriptionUpdate::ClearPending,
        ];
        for update in all {
            assert_eq!(SubscriptionUpdate::parse(&update.to_json()), Ok(update.clone()), "{update:?}");
        }
    }

    #[test]
    fn an_empty_body_is_a_cancel_that_does_nothing() {
        assert_eq!(
            SubscriptionUpdate::parse(&json!({})),
            Ok(SubscriptionUpdate::Cancel {
                cancel_at_period_end: None,
                cancellation_reason: None,
                cancellation_comment: None
            })
        );
    }

    #[test]
    fn keys_of_two_bodies_or_unknown_keys_are_refused_at_the_key() {
        let errors = SubscriptionUpdate::parse(&json!({"product_id": PRODUCT, "seats": 2})).unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!((errors[0].field.as_str(), errors[0].kind), ("seats", "extra_forbidden"));
        // Polar's portal takes no proration behaviour: the organization's applies.
        let errors =
            SubscriptionUpdate::parse(&json!({"product_id": PRODUCT, "proration_behavior": "invoice"})).unwrap_err();
        assert_eq!(errors[0].field, "proration_behavior");
    }

    #[test]
    fn each_field_is_checked_for_its_type() {
        let kind = |body: Value| SubscriptionUpdate::parse(&body).unwrap_err()[0].clone();
        assert_eq!(kind(json!({"product_id": "pro"})).kind, "uuid_parsing");
        assert_eq!(kind(json!({"seats": "3"})).kind, "int_type");
        assert_eq!(kind(json!({"seats": 2.5})).kind, "int_type");
        assert_eq!(kind(json!({"seats": 3_000_000_000_i64})).kind, "int_type");
        assert_eq!(kind(json!({"resume": false})).kind, "literal_error");
        assert_eq!(kind(json!({"pending_update": {}})).kind, "none_required");
        assert_eq!(kind(json!({"resumes_at": "2027-01-01T00:00:00Z"})).kind, "missing");
        assert_eq!(kind(json!({"cancel_at_period_end": "yes"})).kind, "bool_type");
        let reason = kind(json!({"cancel_at_period_end": true, "cancellation_reason": "bored"}));
        assert_eq!((reason.field.as_str(), reason.kind), ("cancellation_reason", "enum"));
        assert_eq!(kind(json!([1])).kind, "model_type");
        // Seats below one reach the service (Polar's Int32 bound wins over `ge=1`).
        assert_eq!(SubscriptionUpdate::parse(&json!({"seats": 0})), Ok(SubscriptionUpdate::Seats { seats: 0 }));
    }

    #[test]
    fn a_preview_prices_a_plan_or_a_seat_change_only() {
        assert_eq!(ChangePreviewBody::parse(&json!({"seats": 4})), Ok(ChangePreviewBody::Seats(4)));
        assert_eq!(
            ChangePreviewBody::parse(&json!({"product_id": PRODUCT})),
            Ok(ChangePreviewBody::Product(PRODUCT.into()))
        );
        assert!(ChangePreviewBody::parse(&json!({"resume": true})).is_err());
        assert_eq!(ChangePreviewBody::Seats(4).to_json(), json!({"seats": 4}));
    }
}
