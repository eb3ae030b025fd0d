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

/// The customer a customer-portal request acts for, from its customer session token.
/// As Polar's auth middleware: no bearer (or a valid token of another kind, such as the
/// merchant's) is anonymous and gets `401 Unauthorized`; a bearer that is not a live
/// customer session token gets RFC 6750's `invalid_token`.
#[derive(Clone, Debug)]
pub struct PortalCustomer(pub crate::customer::Customer);

impl FromRequestParts<crate::AppState> for PortalCustomer {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &crate::AppState) -> Result<Self, Self::Rejection> {
        let anonymous = || AppError::Unauthorized("Unauthorized".into());
        let header = parts.headers.get(AUTHORIZATION).and_then(|v| v.to_str().ok()).ok_or_else(anonymous)?;
        let (scheme, token) = header.split_once(' ').ok_or_else(anonymous)?;
        if !scheme.eq_ignore_ascii_case("bearer") {
            return Err(anonymous());
        }
        let token = token.trim().to_string();
        if token == SANDBOX_TOKEN {
            return Err(anonymous());
        }
        if !token.starts_with("polar_cst_") {
            return Err(AppError::InvalidToken);
        }
        let now = state.now();
        let customer = state.blocking(move |store| store.customer_for_token(&token, now)).await?;
        customer.map(PortalCustomer).ok_or(AppError::InvalidToken)
    }
}
