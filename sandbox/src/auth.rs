//! The merchant's bearer token, as an extractor: a handler that takes [`Merchant`] runs
//! only for a request carrying the sandbox's token, and every other request gets
//! Polar's 401 before the handler is reached.

use axum::extract::FromRequestParts;
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;

use crate::error::AppError;
use crate::SANDBOX_TOKEN;

/// Proof that the request carries the merchant's token.
#[derive(Clone, Copy, Debug)]
pub struct Merchant;

impl<S: Send + Sync> FromRequestParts<S> for Merchant {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let token =
            parts.headers.get(AUTHORIZATION).and_then(|v| v.to_str().ok()).and_then(|v| v.strip_prefix("Bearer "));
        match token {
            Some(t) if t == SANDBOX_TOKEN => Ok(Merchant),
            Some(_) => Err(AppError::Unauthorized("Invalid access token".into())),
            None => Err(AppError::Unauthorized("Missing bearer token".into())),
        }
    }
}
