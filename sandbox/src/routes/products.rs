//! `GET /v1/products/`: the seeded catalog, in Polar's list shape.

use axum::extract::State;
use axum::Json;
use kassa_core::checkout::CheckoutProduct;
use serde_json::{json, Value};

use crate::auth::Merchant;
use crate::catalog;
use crate::error::Result;
use crate::AppState;

/// A catalog product as Polar's merchant-side `Product`: the checkout's view of it, with
/// its metadata, its custom fields and its benefits in full (`BenefitCustom`).
fn merchant_product(product: &CheckoutProduct) -> Value {
    let mut value = serde_json::to_value(product).unwrap_or_default();
    if let Some(fields) = value.as_object_mut() {
        fields.insert("metadata".into(), json!({}));
        fields.insert("attached_custom_fields".into(), json!(catalog::custom_fields(&product.id)));
        if let Some(Value::Array(benefits)) = fields.get_mut("benefits") {
            for benefit in benefits.iter_mut().filter_map(Value::as_object_mut) {
                benefit.insert("metadata".into(), json!({}));
                benefit.insert("visibility".into(), json!("public"));
                benefit.insert("properties".into(), json!({"note": null}));
                benefit.insert("visibility_configurable".into(), json!(false));
            }
        }
    }
    value
}

/// Lists every product with its prices.
pub async fn products_list(State(state): State<AppState>, _: Merchant) -> Result<Json<Value>> {
    let items: Vec<Value> = state.catalog.iter().map(merchant_product).collect();
    Ok(Json(json!({
        "items": items,
        "pagination": { "total_count": items.len(), "max_page": 1 },
    })))
}
