//! What a provider's answer means for the buyer, decided from the status and the body
//! alone. Pure, so every mapping is tested natively; the browser layer only fetches.

use serde::Deserialize;

/// One entry of a 422 `detail` list.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct FieldProblem {
    /// Path of the field, without the leading `"body"`: `["customer_billing_address", "country"]`.
    pub path: Vec<String>,
    /// Message to show beside the field.
    pub message: String,
    /// Machine-readable kind.
    pub kind: String,
}

impl FieldProblem {
    /// The update field the problem is about, if its path names one.
    pub fn field_path(&self) -> Option<crate::checkout::FieldPath> {
        crate::checkout::FieldPath::from_segments(&self.path)
    }
}

/// Why Polar refused a request with a 403 other than `NotOpenCheckout`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// `AlreadyActiveSubscriptionError`: the buyer already subscribes to this product.
    AlreadyActiveSubscription,
    /// `TrialAlreadyRedeemed`: the buyer had this trial before; the checkout goes on
    /// without it (`allow_trial: false`).
    TrialAlreadyRedeemed,
    /// `PaymentNotReady`: the payment cannot be taken yet; worth retrying shortly.
    PaymentNotReady,
    /// `DiscountRedemptionLimitReached`: the discount code is used up.
    DiscountRedemptionLimitReached,
    /// `NotPermitted`, or a refusal this version of Kassa does not know.
    NotPermitted,
}

impl Refusal {
    /// The refusal Polar's error name stands for.
    pub fn from_name(name: &str) -> Self {
        match name {
            "AlreadyActiveSubscriptionError" => Self::AlreadyActiveSubscription,
            "TrialAlreadyRedeemed" => Self::TrialAlreadyRedeemed,
            "PaymentNotReady" => Self::PaymentNotReady,
            "DiscountRedemptionLimitReached" => Self::DiscountRedemptionLimitReached,
            _ => Self::NotPermitted,
        }
    }

    /// A stable code for `kassa:error`.
    pub fn code(self) -> &'static str {
        match self {
            Self::AlreadyActiveSubscription => "already_subscribed",
            Self::TrialAlreadyRedeemed => "trial_already_redeemed",
            Self::PaymentNotReady => "payment_not_ready",
            Self::DiscountRedemptionLimitReached => "discount_used_up",
            Self::NotPermitted => "not_permitted",
        }
    }
}

/// Why a request to the provider did not give a session.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ApiError {
    /// The request never got an answer (offline, DNS, CORS, connection reset).
    #[error("network error: {0}")]
    Network(String),
    /// 404: the client secret is unknown.
    #[error("checkout not found: {0}")]
    NotFound(String),
    /// 422: the body was refused field by field; nothing was changed.
    #[error("validation failed")]
    Validation(Vec<FieldProblem>),
    /// 403 `NotOpenCheckout`: the session is no longer open.
    #[error("checkout not open: {0}")]
    NotOpen(String),
    /// 410 `ExpiredCheckoutError`: the session has expired.
    #[error("checkout expired: {0}")]
    Expired(String),
    /// 400 `PaymentError`: the payment was declined.
    #[error("payment failed: {0}")]
    Payment(String),
    /// 403 refusing the request for a reason of Polar's checkout (`CheckoutForbiddenError`
    /// but `NotOpenCheckout`): an active subscription, a redeemed trial, a payment not
    /// ready, a discount used up, or not permitted. Nothing was changed.
    #[error("refused ({}): {detail}", reason.code())]
    Forbidden {
        /// Which refusal.
        reason: Refusal,
        /// Polar's message.
        detail: String,
    },
    /// 409 `CheckoutLocked`: another request holds the session; worth retrying.
    #[error("checkout locked: {0}")]
    Locked(String),
    /// 429: too many requests; retry after this many seconds if the server said.
    #[error("rate limited")]
    RateLimited {
        /// `Retry-After`, in seconds.
        retry_after: Option<u32>,
    },
    /// 5xx: the provider failed; worth retrying.
    #[error("server error {status}")]
    Server {
        /// HTTP status.
        status: u16,
    },
    /// Any other answer.
    #[error("unexpected answer {status}: {detail}")]
    Unexpected {
        /// HTTP status.
        status: u16,
        /// The `detail`, or the start of the body.
        detail: String,
    },
    /// A 200 whose body is not a checkout session.
    #[error("unreadable answer: {0}")]
    Decode(String),
}

impl ApiError {
    /// Whether sending the same request again may succeed.
    pub fn is_retryable(&self) -> bool {
        matches!(
            self,
            Self::Network(_)
                | Self::RateLimited { .. }
                | Self::Server { .. }
                | Self::Locked(_)
                | Self::Forbidden { reason: Refusal::PaymentNotReady, .. }
        )
    }

    /// A stable code for events and logs (`kassa:error`'s `code`).
    pub fn code(&self) -> &'static str {
        match self {
            Self::Network(_) => "network",
            Self::NotFound(_) => "not_found",
            Self::Validation(_) => "validation",
            Self::NotOpen(_) => "not_open",
            Self::Expired(_) => "expired",
            Self::Payment(_) => "payment_failed",
            Self::Forbidden { reason, .. } => reason.code(),
            Self::Locked(_) => "locked",
            Self::RateLimited { .. } => "rate_limited",
            Self::Server { .. } => "server",
            Self::Unexpected { .. } => "unexpected",
            Self::Decode(_) => "decode",
        }
    }

    /// Classifies a non-2xx answer from its status, `Retry-After` header and body.
    pub fn from_response(status: u16, retry_after: Option<&str>, body: &str) -> Self {
        Self::from_parsed(status, retry_after, serde_json::from_str(body).ok(), body)
    }

    /// [`ApiError::from_response`] for a body already parsed (`None` when it is not JSON):
    /// the browser parses with its own `JSON.parse`, so the widget carries no JSON parser.
    /// `raw` is quoted, shortened, when the body has no `detail`.
    pub fn from_parsed(status: u16, retry_after: Option<&str>, body: Option<serde_json::Value>, raw: &str) -> Self {
        let (name, detail_value) = match body {
            Some(serde_json::Value::Object(mut o)) => (
                o.get("error").and_then(|e| e.as_str()).unwrap_or_default().to_string(),
                o.remove("detail").unwrap_or_default(),
            ),
            _ => (String::new(), serde_json::Value::Null),
        };
        let detail = match &detail_value {
            serde_json::Value::String(s) => s.clone(),
            // Polar's `detail` is a string but for a 422's list, read below: anything else
            // is quoted as it came, shortened, as a body with no `detail` is.
            _ => raw.chars().take(200).collect(),
        };
        match (status, name.as_str()) {
            (422, _) => Self::Validation(field_problems(&detail_value)),
            (404, _) => Self::NotFound(detail),
            (410, _) | (_, "ExpiredCheckoutError") => Self::Expired(detail),
            (_, "NotOpenCheckout") => Self::NotOpen(detail),
            (_, "PaymentError") => Self::Payment(detail),
            (409, _) | (_, "CheckoutLocked") => Self::Locked(detail),
            (403, name) => Self::Forbidden { reason: Refusal::from_name(name), detail },
            (429, _) => Self::RateLimited { retry_after: retry_after.and_then(|v| v.trim().parse().ok()) },
            (500..=599, _) => Self::Server { status },
            _ => Self::Unexpected { status, detail },
        }
    }
}

/// Reads Polar's 422 `detail` list; a string detail becomes one problem with no path.
fn field_problems(detail: &serde_json::Value) -> Vec<FieldProblem> {
    match detail {
        serde_json::Value::Array(items) => items
            .iter()
            .map(|item| {
                let path = item["loc"]
                    .as_array()
                    .map(|loc| {
                        loc.iter()
                            .skip_while(|s| s.as_str() == Some("body"))
                            // A step is a key or an index (`["custom_field_data", 0]`).
                            .filter_map(|s| match s {
                                serde_json::Value::String(s) => Some(s.clone()),
                                other => other.as_u64().map(|i| i.to_string()),
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                FieldProblem {
                    path,
                    message: item["msg"].as_str().unwrap_or("Invalid value").to_string(),
                    kind: item["type"].as_str().unwrap_or("value_error").to_string(),
                }
            })
            .collect(),
        serde_json::Value::String(s) => {
            vec![FieldProblem { path: Vec::new(), message: s.clone(), kind: "value_error".into() }]
        }
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn polar_404_is_not_found_with_its_detail() {
        let e = ApiError::from_response(404, None, r#"{"error":"ResourceNotFound","detail":"Not found"}"#);
        assert_eq!(e, ApiError::NotFound("Not found".into()));
        assert!(!e.is_retryable());
    }

    #[test]
    fn polar_422_maps_each_loc_to_a_field_path() {
        let body = r#"{"error":"RequestValidationError","detail":[
            {"loc":["body","customer_email"],"msg":"value is not a valid email address","type":"value_error","input":"x"},
            {"loc":["body","customer_billing_address","country"],"msg":"Invalid country","type":"value_error","input":"ZZ"}]}"#;
        let ApiError::Validation(problems) = ApiError::from_response(422, None, body) else { panic!() };
        assert_eq!(problems[0].path, vec!["customer_email"]);
        assert_eq!(problems[0].message, "value is not a valid email address");
        assert_eq!(problems[1].path, vec!["customer_billing_address", "country"]);
    }

    #[test]
    fn a_loc_index_is_a_step_and_a_detail_not_a_string_is_quoted_raw() {
        let body = r#"{"detail":[{"loc":["body","products",1,null],"msg":"Unknown product","type":"value_error"}]}"#;
        let ApiError::Validation(problems) = ApiError::from_response(422, None, body) else { panic!() };
        assert_eq!(problems[0].path, vec!["products", "1"]);
        let body = r#"{"error":"Weird","detail":{"why":[1.5]}}"#;
        assert_eq!(ApiError::from_response(418, None, body), ApiError::Unexpected { status: 418, detail: body.into() });
    }

    #[test]
    fn terminal_and_retryable_answers() {
        assert_eq!(
            ApiError::from_response(410, None, r#"{"error":"ExpiredCheckoutError","detail":"gone"}"#).code(),
            "expired"
        );
        assert_eq!(
            ApiError::from_response(403, None, r#"{"error":"NotOpenCheckout","detail":"no"}"#).code(),
            "not_open"
        );
        assert_eq!(
            ApiError::from_response(400, None, r#"{"error":"PaymentError","detail":"declined"}"#).code(),
            "payment_failed"
        );
        let limited = ApiError::from_response(429, Some(" 3 "), "");
        assert_eq!(limited, ApiError::RateLimited { retry_after: Some(3) });
        assert!(limited.is_retryable());
        let server = ApiError::from_response(502, None, "<html>bad gateway</html>");
        assert_eq!(server, ApiError::Server { status: 502 });
        assert!(server.is_retryable());
    }

    #[test]
    fn polars_refusals_and_the_lock() {
        let refused =
            |name: &str| ApiError::from_response(403, None, &format!(r#"{{"error":"{name}","detail":"why"}}"#));
        assert_eq!(
            refused("TrialAlreadyRedeemed"),
            ApiError::Forbidden { reason: Refusal::TrialAlreadyRedeemed, detail: "why".into() }
        );
        assert_eq!(refused("AlreadyActiveSubscriptionError").code(), "already_subscribed");
        assert_eq!(refused("DiscountRedemptionLimitReached").code(), "discount_used_up");
        assert_eq!(refused("NotPermitted").code(), "not_permitted");
        assert_eq!(refused("SomethingNew").code(), "not_permitted");
        assert!(refused("PaymentNotReady").is_retryable() && !refused("NotPermitted").is_retryable());
        assert_eq!(refused("NotOpenCheckout").code(), "not_open");
        let locked = ApiError::from_response(409, None, r#"{"error":"CheckoutLocked","detail":"busy"}"#);
        assert_eq!(locked, ApiError::Locked("busy".into()));
        assert!(locked.is_retryable());
        // Polar's CORS does not expose Retry-After: a 429 without it still retries.
        assert!(ApiError::from_response(429, None, "").is_retryable());
    }

    #[test]
    fn a_non_json_body_still_classifies() {
        let e = ApiError::from_response(418, None, "I'm a teapot");
        assert_eq!(e, ApiError::Unexpected { status: 418, detail: "I'm a teapot".into() });
    }
}
