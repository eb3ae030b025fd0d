//! The buyer's side: read, update and confirm a session by its client secret.

use axum::extract::{Path, State};
use axum::Json;
use kassa_core::checkout::CheckoutPublic;

use crate::error::{AppError, Result};
use crate::session::Session;
use crate::AppState;

/// Finds a session by client secret, or answers Polar's 404.
pub async fn load(state: &AppState, client_secret: &str) -> Result<Session> {
    let store = state.store.clone();
    let secret = client_secret.to_string();
    tokio::task::spawn_blocking(move || store.by_secret(&secret))
        .await
        .map_err(|e| AppError::Internal(e.to_string()))??
        .ok_or_else(|| AppError::NotFound("Checkout session not found".into()))
}

/// `GET /v1/checkouts/client/{client_secret}` (and the `/custom/` alias).
pub async fn checkouts_client_get(
    State(state): State<AppState>,
    Path(client_secret): Path<String>,
) -> Result<Json<CheckoutPublic>> {
    let session = load(&state, &client_secret).await?;
    Ok(Json(session.render(&state.catalog, &state.base_url)))
}
