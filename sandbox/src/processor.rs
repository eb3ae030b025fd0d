//! The sandbox's card processor: what Stripe does for Polar, offline. The stand-in for
//! Stripe.js (`/sandbox/stripe.js`, `sandbox/assets/stripe.js`) turns a card typed into
//! its payment form into a confirmation token here; the checkout's confirm takes the
//! token and charges (or declines, or asks for authentication) as Stripe's test cards do;
//! the stand-in's `handleNextAction` settles the authentication here.
//!
//! Stripe's documented test numbers decide the outcome: `4000 0000 0000 0002` is
//! declined, `4000 0027 6000 3184` requires authentication, any other valid number
//! succeeds (`4242 4242 4242 4242`). Tokens live in memory for an hour, as Stripe's do.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::{DateTime, Datelike, Duration, Utc};
use kassa_core::checkout::CheckoutStatus;
use serde::Deserialize;
use serde_json::json;

use crate::error::AppError;
use crate::extract::PolarJson;
use crate::store::{AuditEntry, Key};
use crate::AppState;

/// The stand-in for Stripe.js, served to pages that pay in the sandbox.
pub const STRIPE_JS: &str = include_str!("../assets/stripe.js");

/// What a test card does when it is charged.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CardOutcome {
    /// Paid (or set up).
    Succeeds,
    /// Declined: `card_declined`.
    Declined,
    /// The bank asks for authentication (3-D Secure) first.
    RequiresAction,
}

impl CardOutcome {
    /// The outcome of a (valid) card number, as Stripe's test numbers behave.
    pub fn of(number: &str) -> Self {
        match number {
            "4000000000000002" => Self::Declined,
            "4000002760003184" => Self::RequiresAction,
            _ => Self::Succeeds,
        }
    }
}

struct Issued {
    outcome: CardOutcome,
    expires: DateTime<Utc>,
}

/// The confirmation tokens the stand-in has issued.
#[derive(Clone, Default)]
pub struct Processor {
    tokens: Arc<Mutex<HashMap<String, Issued>>>,
}

impl Processor {
    fn issue(&self, outcome: CardOutcome, now: DateTime<Utc>) -> String {
        let id = format!("ctoken_sandbox_{}", uuid::Uuid::new_v4().simple());
        if let Ok(mut tokens) = self.tokens.lock() {
            tokens.retain(|_, t| t.expires > now);
            tokens.insert(id.clone(), Issued { outcome, expires: now + Duration::hours(1) });
        }
        id
    }

    /// The outcome of charging with `token`, if the stand-in issued it and it has not
    /// expired. A token charges once.
    pub fn redeem(&self, token: &str, now: DateTime<Utc>) -> Option<CardOutcome> {
        let mut tokens = self.tokens.lock().ok()?;
        tokens.remove(token).filter(|t| t.expires > now).map(|t| t.outcome)
    }
}

/// Whether `number` passes the Luhn check.
fn luhn(number: &str) -> bool {
    let digits: Vec<u32> = number.chars().filter_map(|c| c.to_digit(10)).collect();
    if digits.len() < 12 || digits.len() != number.len() {
        return false;
    }
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(i, d)| {
            if i % 2 == 1 {
                if d * 2 > 9 {
                    d * 2 - 9
                } else {
                    d * 2
                }
            } else {
                *d
            }
        })
        .sum();
    sum % 10 == 0
}

/// A card as the stand-in's form sends it.
#[derive(Debug, Deserialize)]
pub struct Card {
    number: String,
    exp_month: u32,
    exp_year: u32,
    cvc: String,
}

/// `POST /v1/sandbox/stripe/confirmation_tokens`: what `stripe.createConfirmationToken`
/// sends to Stripe.
#[derive(Debug, Deserialize)]
pub struct TokenRequest {
    /// The page's publishable key.
    publishable_key: String,
    /// The card.
    card: Card,
}

/// Stripe's error body: `{"error": {"type", "code", "message"}}`.
fn stripe_error(status: StatusCode, kind: &str, code: &str, message: &str) -> Response {
    (status, Json(json!({"error": {"type": kind, "code": code, "message": message}}))).into_response()
}

/// Checks a card as Stripe does before tokenizing: a valid number, an expiry not past,
/// a three- or four-digit CVC. A refusal is Stripe's `(code, message)`.
fn check(card: &Card, now: DateTime<Utc>) -> Result<CardOutcome, (&'static str, &'static str)> {
    let invalid = |code, message| Err((code, message));
    let number: String = card.number.chars().filter(|c| !c.is_whitespace()).collect();
    if !luhn(&number) {
        return invalid("incorrect_number", "Your card number is invalid.");
    }
    let year = if card.exp_year < 100 { 2000 + card.exp_year } else { card.exp_year };
    let this_month = (u32::try_from(now.year()).unwrap_or(0), now.month());
    if !(1..=12).contains(&card.exp_month) || (year, card.exp_month) < this_month {
        return invalid("invalid_expiry_year", "Your card's expiration date is in the past.");
    }
    if !(3..=4).contains(&card.cvc.len()) || !card.cvc.chars().all(|c| c.is_ascii_digit()) {
        return invalid("incorrect_cvc", "Your card's security code is invalid.");
    }
    Ok(CardOutcome::of(&number))
}

/// `POST /v1/sandbox/stripe/confirmation_tokens`: a confirmation token for a card.
pub async fn confirmation_tokens_create(
    State(state): State<AppState>,
    PolarJson(request): PolarJson<TokenRequest>,
) -> Response {
    if !kassa_core::sandbox::is_sandbox_key(&request.publishable_key) {
        return stripe_error(
            StatusCode::UNAUTHORIZED,
            "invalid_request_error",
            "api_key_invalid",
            "Invalid API Key provided.",
        );
    }
    match check(&request.card, state.now()) {
        Ok(outcome) => {
            let id = state.processor.issue(outcome, state.now());
            let last4: String = request.card.number.chars().filter(char::is_ascii_digit).rev().take(4).collect();
            let last4: String = last4.chars().rev().collect();
            Json(json!({
                "id": id,
                "object": "confirmation_token",
                "payment_method_preview": {"type": "card", "card": {"last4": last4, "exp_month": request.card.exp_month, "exp_year": request.card.exp_year}},
            }))
            .into_response()
        }
        Err((code, message)) => stripe_error(StatusCode::BAD_REQUEST, "validation_error", code, message),
    }
}

/// `POST /v1/sandbox/stripe/next_action`: the buyer passed or failed the bank's second
/// step for the intent of `client_secret`.
#[derive(Debug, Deserialize)]
pub struct NextAction {
    /// The intent's client secret (`payment_processor_metadata.intent_client_secret`).
    client_secret: String,
    /// Whether the buyer passed.
    outcome: Outcome,
}

/// The bank's verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Authenticated: the payment goes through.
    Approve,
    /// Not authenticated: the session reopens, the buyer can try again.
    Reject,
}

/// `POST /v1/sandbox/stripe/next_action`, answering as Stripe's `handleNextAction`
/// resolves: the intent, or an error.
pub async fn next_action_create(State(state): State<AppState>, PolarJson(action): PolarJson<NextAction>) -> Response {
    let now = state.now();
    let settle = state.settle_after;
    let NextAction { client_secret, outcome } = action;
    let secret = client_secret.clone();
    let result = state
        .blocking(move |store| {
            // The intent's secret names its checkout: `pi_sandbox_{checkout id}_secret_…`.
            let id = secret.strip_prefix("pi_sandbox_").and_then(|s| s.split("_secret_").next()).unwrap_or_default();
            store.modify(Key::Id(id), now, |session| {
                let waiting = session.payment.intent_client_secret.as_deref() == Some(secret.as_str());
                if session.status != CheckoutStatus::Confirmed || !session.payment.requires_action || !waiting {
                    return Err(AppError::NotOpen("No payment is waiting for a second step".into()));
                }
                session.payment.requires_action = false;
                let what = match outcome {
                    Outcome::Approve => {
                        session.payment.succeeds_at = Some(now + settle);
                        "payment=authenticated"
                    }
                    Outcome::Reject => {
                        session.status = CheckoutStatus::Open;
                        session.payment = Default::default();
                        "payment=authentication_failed"
                    }
                };
                session.modified_at = Some(now);
                Ok(Some(AuditEntry::new(now, "payment", vec![what.into()])))
            })
        })
        .await;
    let intent = |status: &str| json!({"id": client_secret.split("_secret").next().unwrap_or(""), "object": "payment_intent", "status": status});
    match (result, outcome) {
        (Ok(_), Outcome::Approve) => Json(json!({"paymentIntent": intent("succeeded")})).into_response(),
        (Ok(_), Outcome::Reject) => stripe_error(
            StatusCode::PAYMENT_REQUIRED,
            "card_error",
            "payment_intent_authentication_failure",
            "We are unable to authenticate your payment method. Please choose a different payment method and try again.",
        ),
        (Err(_), _) => stripe_error(StatusCode::BAD_REQUEST, "invalid_request_error", "resource_missing", "No such payment_intent."),
    }
}

/// `GET /sandbox/stripe.js`: the stand-in for Stripe.js.
pub async fn stripe_js() -> Response {
    ([(header::CONTENT_TYPE, "text/javascript; charset=utf-8"), (header::ACCESS_CONTROL_ALLOW_ORIGIN, "*")], STRIPE_JS)
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stripes_test_numbers() {
        assert!(luhn("4242424242424242") && luhn("4000000000000002") && luhn("4000002760003184"));
        assert!(!luhn("4242424242424241") && !luhn("4242") && !luhn("4242 4242 4242 4242"));
        assert_eq!(CardOutcome::of("4242424242424242"), CardOutcome::Succeeds);
        assert_eq!(CardOutcome::of("4000000000000002"), CardOutcome::Declined);
        assert_eq!(CardOutcome::of("4000002760003184"), CardOutcome::RequiresAction);
        assert_eq!(CardOutcome::of("5555555555554444"), CardOutcome::Succeeds);
    }

    #[test]
    fn cards_are_checked_before_a_token_is_issued() {
        let now = Utc::now();
        let card = |number: &str, month, year, cvc: &str| Card {
            number: number.into(),
            exp_month: month,
            exp_year: year,
            cvc: cvc.into(),
        };
        assert!(check(&card("4242 4242 4242 4242", 12, 2099, "123"), now).is_ok());
        assert!(check(&card("4242424242424241", 12, 2099, "123"), now).is_err());
        assert!(check(&card("4242424242424242", 1, 2001, "123"), now).is_err());
        assert!(check(&card("4242424242424242", 13, 2099, "123"), now).is_err());
        assert!(check(&card("4242424242424242", 12, 99, "12"), now).is_err());
        let processor = Processor::default();
        let token = processor.issue(CardOutcome::Declined, now);
        assert_eq!(processor.redeem(&token, now), Some(CardOutcome::Declined));
        assert_eq!(processor.redeem(&token, now), None, "a token charges once");
        let late = processor.issue(CardOutcome::Succeeds, now);
        assert_eq!(processor.redeem(&late, now + Duration::hours(2)), None, "expired");
    }
}
