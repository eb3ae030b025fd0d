//! `GET /v1/products/`: the seeded catalog, in Polar's list shape.

use axum::extract::State;
use axum::Json;
use serde_json::{json, Value};

use crate::auth::Merchant;
use crate::error::Result;
use crate::AppState;

/// Lists every product with its prices.
pub async fn products_list(State(state): State<AppState>, _: Merchant) -> Result<Json<Value>> {
    let items = state.catalog.as_slice();
    Ok(Json(json!({
        "items": items,
        "pagination": { "total_count": items.len(), "max_page": 1 },
    })))
}
