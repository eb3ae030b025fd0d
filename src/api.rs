//! The provider's client-secret endpoints over `fetch` (gloo-net). Only transport lives
//! here; what an answer means is decided by [`kassa_core::api_error`].
//!
//! JSON goes through the browser's own `JSON.parse`/`JSON.stringify`, never serde_json's
//! parser and writer: they were 69 KB of the wasm, more than the checkout model's own
//! code. Answers are read from the parsed object by `kassa_core::wire` ([`crate::wire`]);
//! request bodies are written by serde-wasm-bindgen's serializer.

use gloo_net::http::{Request, Response};
use kassa_core::api_error::ApiError;
use kassa_core::checkout::{CheckoutPublic, CheckoutUpdate};
use kassa_core::wire;
use serde::Serialize;
use wasm_bindgen::{JsCast, JsValue};

use crate::wire::Js;

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

/// Polar's production API, the default `apiBase`. `js/index.js` names the same default
/// for the request it starts before the WebAssembly loads; the end-to-end tests check
/// the two build the same URL ([`session_url`], exported as `sessionUrl`).
pub const DEFAULT_API_BASE: &str = "https://api.polar.sh";

/// `{api_base}/v1/checkouts/client/{client_secret}`: the one place Rust builds a session's
/// URL. The base defaults to Polar's and loses trailing slashes; the secret is trimmed
/// and encoded by the browser's own `encodeURIComponent`, exactly as `js/index.js`
/// encodes it, so a secret can never change the path.
pub fn session_url(api_base: Option<&str>, client_secret: &str) -> String {
    let base = api_base.unwrap_or(DEFAULT_API_BASE).trim_end_matches('/');
    let secret = String::from(js_sys::encode_uri_component(client_secret.trim()));
    format!("{base}/v1/checkouts/client/{secret}")
}

/// Where a session lives, and the signal that aborts its requests when the checkout
/// is destroyed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckoutEndpoint {
    url: String,
    signal: Option<web_sys::AbortSignal>,
}

impl CheckoutEndpoint {
    /// `api_base` is the provider's origin (`None`: Polar's; the sandbox's in the demo);
    /// an empty base means the page's own origin.
    pub fn new(api_base: Option<&str>, client_secret: &str) -> Self {
        Self { url: session_url(api_base, client_secret), signal: None }
    }

    /// The same endpoint, its requests aborted by `signal`.
    pub fn with_signal(self, signal: Option<web_sys::AbortSignal>) -> Self {
        Self { signal, ..self }
    }

    /// `GET|PATCH {base}/v1/checkouts/client/{client_secret}`.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Reads the session.
    pub async fn get(&self) -> Result<Session, ApiError> {
        let response = Request::get(&self.url)
            .header("Accept", "application/json")
            .abort_signal(self.signal.as_ref())
            .send()
            .await
            .map_err(|e| ApiError::Network(e.to_string()))?;
        read_session(response).await
    }

    /// Reads the session, from `prefetched` when it is a `GET` of this very URL (the
    /// JavaScript API starts one before the WebAssembly has loaded), else anew.
    pub async fn get_or_use(&self, prefetched: Option<Prefetched>) -> Result<Session, ApiError> {
        match prefetched {
            Some(Prefetched { url, response }) if url == self.url => {
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

    /// Sends an update (`PATCH`), its body written by [`request_body`].
    pub async fn update(&self, json: String) -> Result<Session, ApiError> {
        self.send(Request::patch(&self.url), json).await
    }

    /// Confirms (`POST …/confirm`), its body written by [`request_body`].
    pub async fn confirm(&self, json: String) -> Result<Session, ApiError> {
        self.send(Request::post(&format!("{}/confirm", self.url)), json).await
    }

    async fn send(&self, request: gloo_net::http::RequestBuilder, json: String) -> Result<Session, ApiError> {
        let response = request
            .header("Accept", "application/json")
            .header("Content-Type", "application/json")
            .abort_signal(self.signal.as_ref())
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
        let model = wire::read(&Js(json.clone())).map_err(|e| ApiError::Decode(e.to_string()))?;
        Ok(Session { model, json })
    } else {
        let value = parsed.ok().and_then(|v| wire::read(&Js(v)).ok());
        Err(ApiError::from_parsed(status, retry_after.as_deref(), value, &body))
    }
}

/// A value as a plain JS object: absent fields left out, `null`s kept (the JSON-compatible
/// serializer writes `None` as `null`, not `undefined`), maps as objects.
pub(crate) fn to_plain_js<T: Serialize>(value: &T) -> Result<JsValue, serde_wasm_bindgen::Error> {
    value.serialize(&serde_wasm_bindgen::Serializer::json_compatible())
}

/// The JSON body of an update, or with `confirm` of a confirm (the update's fields and
/// the payment token, `null` for none). Only code in the chunk loaded after the first
/// render calls this: serde's writer is not on the start-up path.
pub fn request_body(body: &CheckoutUpdate, confirm: Option<Option<&str>>) -> Result<String, ApiError> {
    let value = to_plain_js(body).map_err(|e| ApiError::Decode(e.to_string()))?;
    if let Some(Some(token)) = confirm {
        js_sys::Reflect::set(&value, &"confirmation_token_id".into(), &token.into())
            .map_err(|_| ApiError::Decode("the confirm body is not an object".into()))?;
    }
    stringify(&value)
}

fn stringify(value: &JsValue) -> Result<String, ApiError> {
    js_sys::JSON::stringify(value)
        .map(String::from)
        .map_err(|_| ApiError::Decode("the request body cannot be written as JSON".into()))
}
