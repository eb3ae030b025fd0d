//! The demo page, `www/` assets and the built widget in `pkg/`, served from the same
//! origin as the API so the demo needs no CORS and works under a strict CSP.

use std::path::Path;

use axum::http::{header, HeaderValue};
use axum::Router;
use tower_http::services::{ServeDir, ServeFile};
use tower_http::set_header::SetResponseHeaderLayer;

use crate::AppState;

/// Routes for `/`, `/index.html`, `/www/*` and `/pkg/*` under `root`.
pub fn router(root: &Path) -> Router<AppState> {
    let index = ServeFile::new(root.join("index.html"));
    Router::new()
        .route_service("/", index.clone())
        .route_service("/index.html", index)
        .nest_service("/www", ServeDir::new(root.join("www")))
        .nest_service("/pkg", ServeDir::new(root.join("pkg")))
        // The widget is rebuilt often while developing: never serve a stale one.
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-cache"),
        ))
}
