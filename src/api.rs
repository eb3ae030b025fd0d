//! The provider's client-secret endpoints over `fetch` (gloo-net). Only transport lives
//! here; what an answer means is decided by [`kassa_core::api_error`].
//!
//! JSON goes through the browser's own `JSON.parse`/`JSON.stringify` and
//! serde-wasm-bindgen, never serde_json's parser and writer: they were 69 KB of the wasm,
//! more than the checkout model's own code.

use gloo_net::http::{Request, Response};
use kassa_core::api_error::ApiError;
use kassa_core::checkout::{CheckoutPublic, CheckoutUpdate};
use serde::Serialize;
use wasm_bindgen::{JsCast, JsValue};

/// A session as the provider sent it: the typed model the checkout works with, and the
/// very object `JSON.parse` made of the answer, which events hand to the page. Handing that
/// on keeps a session serializer out of the wasm, and gives the page every field the
/// provider sent, including any Kassa does not model.
#[derive(Clone, Debug)]
pub struct Session {
    /// What the checkout reads.
    pub model: CheckoutPublic,
    /// What the page receives (`null` for a session not read from a provider).
    pub json: JsValue,
}

impl From<CheckoutPublic> for Session {
    fn from(model: CheckoutPublic) -> Self {
        Self { model, json: JsValue::NULL }
    }
}

/// Where a session lives: the provider's base URL and the session's client secret.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckoutEndpoint {
    base: String,
    client_secret: String,
}

impl CheckoutEndpoint {
    /// `api_base` is the provider's origin (`https://api.polar.sh`, or the sandbox's);
    /// an empty base means the page's own origin.
    pub fn new(api_base: &str, client_secret: &str) -> Self {
        Self { base: api_base.trim_end_matches('/').to_string(), client_secret: client_secret.to_string() }
    }

    /// `GET|PATCH {base}/v1/checkouts/client/{client_secret}`.
    pub fn url(&self) -> String {
        format!("{}/v1/checkouts/client/{}", self.base, encode_segment(&self.client_secret))
    }

    /// Reads the session.
    pub async fn get(&self) -> Result<Session, ApiError> {
        let response = Request::get(&self.url())
            .header("Accept", "application/json")
            .send()
            .await
            .map_err(|e| ApiError::Network(e.to_string()))?;
        read_session(response).await
    }

    /// Reads the session, from `prefetched` when it is a `GET` of this very URL (the
    /// JavaScript API starts one before the WebAssembly has loaded), else anew.
    pub async fn get_or_use(&self, prefetched: Option<Prefetched>) -> Result<Session, ApiError> {
        match prefetched {
            Some(Prefetched { url, response }) if url == self.url() => {
                let raw = wasm_bindgen_futures::JsFuture::from(response)
                    .await
                    .map_err(|e| ApiError::Network(e.as_string().unwrap_or_else(|| "the request failed".into())))?;
                let raw = raw
                    .dyn_into::<web_sys::Response>()
                    .map_err(|_| ApiError::Network("the prefetched answer is not a Response".into()))?;
                read_session(Response::from(raw)).await
            }
            _ => self.get().await,
        }
    }

    /// Sends an update (`PATCH`).
    pub async fn update(&self, body: &CheckoutUpdate) -> Result<Session, ApiError> {
        self.send(Request::patch(&self.url()), stringify(&to_js(body)?)?).await
    }

    /// Confirms with the update's fields and an optional payment token.
    pub async fn confirm(&self, body: &CheckoutUpdate, token: Option<&str>) -> Result<Session, ApiError> {
        let value = to_js(body)?;
        if let Some(token) = token {
            js_sys::Reflect::set(&value, &"confirmation_token_id".into(), &token.into())
                .map_err(|_| ApiError::Decode("the confirm body is not an object".into()))?;
        }
        self.send(Request::post(&format!("{}/confirm", self.url())), stringify(&value)?).await
    }

    /// The sandbox's stand-in for the processor's second payment step.
    pub async fn next_action(&self, approve: bool) -> Result<Session, ApiError> {
        let outcome = if approve { "approve" } else { "reject" };
        let body = format!(r#"{{"outcome":"{outcome}"}}"#);
        self.send(Request::post(&format!("{}/sandbox/next-action", self.url())), body).await
    }

    async fn send(&self, request: gloo_net::http::RequestBuilder, json: String) -> Result<Session, ApiError> {
        let response = request
            .header("Accept", "application/json")
            .header("Content-Type", "application/json")
            .body(json)
            .map_err(|e| ApiError::Network(e.to_string()))?
            .send()
            .await
            .map_err(|e| ApiError::Network(e.to_string()))?;
        read_session(response).await
    }
}

/// A `GET` of a session already under way: its URL and the `fetch` promise. Starting it
/// before the wasm loads takes the provider's round trip off the start-up's critical path.
#[derive(Debug)]
pub struct Prefetched {
    url: String,
    response: js_sys::Promise,
}

impl Prefetched {
    /// Reads `{url, response}` as JavaScript's `mount` passes it; `None` for anything else.
    pub fn from_js(value: &JsValue) -> Option<Self> {
        let get = |key: &str| js_sys::Reflect::get(value, &key.into()).ok();
        let url = get("url")?.as_string()?;
        let response = get("response")?.dyn_into::<js_sys::Promise>().ok()?;
        Some(Self { url, response })
    }
}

/// Turns an answer into a session or an [`ApiError`].
async fn read_session(response: Response) -> Result<Session, ApiError> {
    let status = response.status();
    let retry_after = response.headers().get("retry-after");
    let body = response.text().await.map_err(|e| ApiError::Network(e.to_string()))?;
    let parsed = js_sys::JSON::parse(&body);
    if (200..300).contains(&status) {
        let json = parsed.map_err(|_| ApiError::Decode("the answer is not JSON".into()))?;
        let model = serde_wasm_bindgen::from_value(json.clone()).map_err(|e| ApiError::Decode(e.to_string()))?;
        Ok(Session { model, json })
    } else {
        let value = parsed.ok().and_then(|v| serde_wasm_bindgen::from_value(v).ok());
        Err(ApiError::from_parsed(status, retry_after.as_deref(), value, &body))
    }
}

/// A value as a plain JS object: absent fields left out, `null`s kept (the JSON-compatible
/// serializer writes `None` as `null`, not `undefined`), maps as objects.
pub(crate) fn to_plain_js<T: Serialize>(value: &T) -> Result<JsValue, serde_wasm_bindgen::Error> {
    value.serialize(&serde_wasm_bindgen::Serializer::json_compatible())
}

fn to_js(body: &CheckoutUpdate) -> Result<JsValue, ApiError> {
    to_plain_js(body).map_err(|e| ApiError::Decode(e.to_string()))
}

fn stringify(value: &JsValue) -> Result<String, ApiError> {
    js_sys::JSON::stringify(value)
        .map(String::from)
        .map_err(|_| ApiError::Decode("the request body cannot be written as JSON".into()))
}

/// Percent-encodes a path segment, so a secret can never change the path.
fn encode_segment(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}
