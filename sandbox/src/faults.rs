//! Injected faults, for testing how a client copes: the next requests on one session can
//! be slow, fail with 500, answer 429 with `Retry-After`, or return malformed JSON.
//! Off unless the sandbox runs with `--faults`; kept in memory only.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::json;

use crate::AppState;

/// The body of `POST /v1/sandbox/faults`: a fault for the next `count` requests on the
/// session of `client_secret`.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct FaultRequest {
    /// The session.
    pub client_secret: String,
    /// How many of its next requests (1 to 100; default 1).
    #[serde(default = "one")]
    pub count: u32,
    /// What happens.
    #[serde(flatten)]
    pub fault: Fault,
}

/// A fault, as the `fault` key names it: the first four answer the session's next
/// requests; `expire` and `clear` act at once.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(tag = "fault", rename_all = "snake_case")]
pub enum Fault {
    /// Answer normally, after `delay_ms`.
    Slow {
        /// Delay in milliseconds (at most 30 000).
        delay_ms: u64,
    },
    /// Answer 500 without touching the session.
    ServerError,
    /// Answer 429 with `Retry-After: retry_after` (seconds).
    RateLimited {
        /// Seconds.
        #[serde(default = "one")]
        retry_after: u32,
    },
    /// Answer 200 with a body that is not JSON.
    Malformed,
    /// Refuse with Polar's 403 of this name (`TrialAlreadyRedeemed`,
    /// `AlreadyActiveSubscriptionError`, `PaymentNotReady`, `NotPermitted`,
    /// `DiscountRedemptionLimitReached`), as Polar's service refuses for reasons the
    /// sandbox does not model (a customer's history, the processor's state).
    Refuse {
        /// Polar's error name.
        error: Refusal,
    },
    /// Answer 409 `CheckoutLocked`, as Polar does while another request holds the session.
    Locked,
    /// Expire the session now.
    Expire,
    /// Drop the session's queued faults.
    Clear,
}

fn one() -> u32 {
    1
}

/// The 403s Polar's checkout answers besides `NotOpenCheckout`, with its messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
pub enum Refusal {
    /// The buyer had this trial before.
    TrialAlreadyRedeemed,
    /// The buyer already subscribes to this product.
    AlreadyActiveSubscriptionError,
    /// The payment cannot be taken yet.
    PaymentNotReady,
    /// Not allowed.
    NotPermitted,
    /// The discount code is used up.
    DiscountRedemptionLimitReached,
}

impl Refusal {
    fn body(self) -> serde_json::Value {
        let (name, detail) = match self {
            Self::TrialAlreadyRedeemed => {
                ("TrialAlreadyRedeemed", "You have already redeemed a trial for this product.")
            }
            Self::AlreadyActiveSubscriptionError => {
                ("AlreadyActiveSubscriptionError", "You already have an active subscription to this product.")
            }
            Self::PaymentNotReady => ("PaymentNotReady", "The payment is not ready yet. Try again in a moment."),
            Self::NotPermitted => ("NotPermitted", "You don't have the permission to do this."),
            Self::DiscountRedemptionLimitReached => {
                ("DiscountRedemptionLimitReached", "This discount has reached its maximum number of redemptions.")
            }
        };
        json!({"error": name, "detail": detail})
    }
}

/// The queue of faults per client secret.
#[derive(Clone, Default)]
pub struct Faults {
    enabled: bool,
    queues: Arc<Mutex<HashMap<String, VecDeque<Fault>>>>,
}

impl Faults {
    /// Faults that can be injected only when `enabled`.
    pub fn new(enabled: bool) -> Self {
        Self { enabled, queues: Default::default() }
    }

    /// Whether injection is allowed.
    pub fn enabled(&self) -> bool {
        self.enabled
    }

    /// Queues `fault` for the next `count` requests on `secret`.
    pub fn push(&self, secret: &str, fault: Fault, count: u32) {
        if let Ok(mut queues) = self.queues.lock() {
            let queue = queues.entry(secret.to_string()).or_default();
            queue.extend(std::iter::repeat_n(fault, count as usize));
        }
    }

    /// Drops every queued fault of `secret`.
    pub fn clear(&self, secret: &str) {
        if let Ok(mut queues) = self.queues.lock() {
            queues.remove(secret);
        }
    }

    fn take(&self, secret: &str) -> Option<Fault> {
        let mut queues = self.queues.lock().ok()?;
        let queue = queues.get_mut(secret)?;
        let fault = queue.pop_front();
        if queue.is_empty() {
            queues.remove(secret);
        }
        fault
    }
}

/// The client secret in a client-endpoint path.
fn secret_of(path: &str) -> Option<&str> {
    let rest =
        path.strip_prefix("/v1/checkouts/client/").or_else(|| path.strip_prefix("/v1/checkouts/custom/client/"))?;
    rest.split('/').next().filter(|s| !s.is_empty())
}

/// Middleware on the client endpoints: applies the next queued fault, if any.
pub async fn inject(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if !state.faults.enabled() || request.method() == axum::http::Method::OPTIONS {
        return next.run(request).await;
    }
    let fault = secret_of(request.uri().path()).and_then(|s| state.faults.take(s));
    // A slow answer is still the provider's own; the others are made up here.
    let injected = fault.as_ref().is_some_and(|f| !matches!(f, Fault::Slow { .. }));
    let mut response = match fault {
        None | Some(Fault::Expire | Fault::Clear) => next.run(request).await,
        Some(Fault::Slow { delay_ms }) => {
            tokio::time::sleep(Duration::from_millis(delay_ms.min(30_000))).await;
            next.run(request).await
        }
        Some(Fault::ServerError) => (
            StatusCode::INTERNAL_SERVER_ERROR,
            axum::Json(json!({"error": "InternalServerError", "detail": "Injected fault"})),
        )
            .into_response(),
        Some(Fault::RateLimited { retry_after }) => {
            let mut response = (
                StatusCode::TOO_MANY_REQUESTS,
                axum::Json(json!({"error": "TooManyRequests", "detail": "Rate limit exceeded"})),
            )
                .into_response();
            if let Ok(v) = HeaderValue::from_str(&retry_after.to_string()) {
                response.headers_mut().insert(header::RETRY_AFTER, v);
            }
            response
        }
        Some(Fault::Refuse { error }) => (StatusCode::FORBIDDEN, axum::Json(error.body())).into_response(),
        Some(Fault::Locked) => (
            StatusCode::CONFLICT,
            axum::Json(
                json!({"error": "CheckoutLocked", "detail": "This checkout is being updated by another request."}),
            ),
        )
            .into_response(),
        Some(Fault::Malformed) => Response::builder()
            .status(StatusCode::OK)
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from("{\"id\": \"trunc"))
            .unwrap_or_else(|_| StatusCode::INTERNAL_SERVER_ERROR.into_response()),
    };
    if injected {
        response.extensions_mut().insert(crate::record::Injected);
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_found_on_both_paths() {
        assert_eq!(secret_of("/v1/checkouts/client/abc"), Some("abc"));
        assert_eq!(secret_of("/v1/checkouts/custom/client/abc/confirm"), Some("abc"));
        assert_eq!(secret_of("/v1/products/"), None);
    }

    #[test]
    fn requests_read_as_one_enum() {
        let read = |v: serde_json::Value| serde_json::from_value::<FaultRequest>(v);
        let r = read(json!({"client_secret": "s", "fault": "rate_limited", "retry_after": 3, "count": 2})).unwrap();
        assert_eq!((r.fault, r.count), (Fault::RateLimited { retry_after: 3 }, 2));
        assert_eq!(read(json!({"client_secret": "s", "fault": "expire"})).unwrap().fault, Fault::Expire);
        assert_eq!(read(json!({"client_secret": "s", "fault": "slow", "delay_ms": 5})).unwrap().count, 1);
        assert!(read(json!({"client_secret": "s", "fault": "explode"})).is_err());
        let refuse = read(json!({"client_secret": "s", "fault": "refuse", "error": "TrialAlreadyRedeemed"})).unwrap();
        assert_eq!(refuse.fault, Fault::Refuse { error: Refusal::TrialAlreadyRedeemed });
        assert!(read(json!({"client_secret": "s", "fault": "refuse", "error": "Nope"})).is_err());
        assert!(read(json!({"fault": "clear"})).is_err());
    }

    #[test]
    fn faults_are_taken_in_order() {
        let faults = Faults::new(true);
        faults.push("s", Fault::ServerError, 2);
        faults.push("s", Fault::Malformed, 1);
        assert_eq!(faults.take("s"), Some(Fault::ServerError));
        assert_eq!(faults.take("s"), Some(Fault::ServerError));
        assert_eq!(faults.take("s"), Some(Fault::Malformed));
        assert_eq!(faults.take("s"), None);
    }
}
