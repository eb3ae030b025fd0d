//! The demo page, `www/` assets and the built widget in `pkg/`, served from the same
//! origin as the API so the demo needs no CORS and works under a strict CSP.
//!
//! `pkg/` and `www/` are also what a CDN serves to merchants' pages on other origins:
//! the script-tag loader `import()`s the API module and `fetch`es the wasm, and both
//! are CORS requests. So, like every public npm CDN, they answer with
//! `Access-Control-Allow-Origin: *` (the files are public and carry no credentials).

use std::path::Path;

use axum::http::{header, HeaderValue};
use axum::Router;
use tower_http::services::{ServeDir, ServeFile};
use tower_http::set_header::SetResponseHeaderLayer;

use crate::AppState;

/// Routes for `/`, `/index.html`, `/www/*` and `/pkg/*` under `root`.
pub fn router(root: &Path) -> Router<AppState> {
    let index = ServeFile::new(root.join("index.html"));
    let public = Router::new()
        .nest_service("/www", ServeDir::new(root.join("www")))
        .nest_service("/pkg", ServeDir::new(root.join("pkg")))
        .layer(SetResponseHeaderLayer::overriding(header::ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*")));
    Router::new()
        .route_service("/", index.clone())
        .route_service("/index.html", index)
        .merge(public)
        // The widget is rebuilt often while developing: never serve a stale one.
        .layer(SetResponseHeaderLayer::overriding(header::CACHE_CONTROL, HeaderValue::from_static("no-cache")))
}
