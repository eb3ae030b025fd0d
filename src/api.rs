//! The provider's client-secret endpoints over `fetch` (gloo-net). Only transport lives
//! here; what an answer means is decided by [`kassa_core::api_error`].

use gloo_net::http::{Request, Response};
use kassa_core::api_error::ApiError;
use kassa_core::checkout::{CheckoutPublic, CheckoutUpdate};

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
    pub async fn get(&self) -> Result<CheckoutPublic, ApiError> {
        let response = Request::get(&self.url())
            .header("Accept", "application/json")
            .send()
            .await
            .map_err(|e| ApiError::Network(e.to_string()))?;
        read_session(response).await
    }

    /// Sends an update (`PATCH`).
    pub async fn update(&self, body: &CheckoutUpdate) -> Result<CheckoutPublic, ApiError> {
        let json = serde_json::to_string(body).map_err(|e| ApiError::Decode(e.to_string()))?;
        self.send(Request::patch(&self.url()), json).await
    }

    /// Confirms with the update's fields and an optional payment token.
    pub async fn confirm(&self, body: &CheckoutUpdate, token: Option<&str>) -> Result<CheckoutPublic, ApiError> {
        let mut value = serde_json::to_value(body).map_err(|e| ApiError::Decode(e.to_string()))?;
        if let (Some(token), Some(object)) = (token, value.as_object_mut()) {
            object.insert("confirmation_token_id".into(), token.into());
        }
        self.send(Request::post(&format!("{}/confirm", self.url())), value.to_string()).await
    }

    /// The sandbox's stand-in for the processor's second payment step.
    pub async fn next_action(&self, approve: bool) -> Result<CheckoutPublic, ApiError> {
        let outcome = if approve { "approve" } else { "reject" };
        let body = format!(r#"{{"outcome":"{outcome}"}}"#);
        self.send(Request::post(&format!("{}/sandbox/next-action", self.url())), body).await
    }

    async fn send(&self, request: gloo_net::http::RequestBuilder, json: String) -> Result<CheckoutPublic, ApiError> {
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

/// Turns an answer into a session or an [`ApiError`].
async fn read_session(response: Response) -> Result<CheckoutPublic, ApiError> {
    let status = response.status();
    let retry_after = response.headers().get("retry-after");
    let body = response.text().await.map_err(|e| ApiError::Network(e.to_string()))?;
    if (200..300).contains(&status) {
        serde_json::from_str(&body).map_err(|e| ApiError::Decode(e.to_string()))
    } else {
        Err(ApiError::from_response(status, retry_after.as_deref(), &body))
    }
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
