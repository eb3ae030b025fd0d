//! The customer portal's requests: a subscription (or the list of them), the changes
//! Polar's PATCH takes, its change preview, Kassa's next-charge move, and the
//! organization's products. Each answer keeps the very object `JSON.parse` made, which
//! the page receives in events, beside the typed model.

use gloo_net::http::{Request, RequestBuilder, Response};
use kassa::wire::Js;
use kassa_core::checkout::CheckoutProduct;
use kassa_core::subscription::{ChargePreview, CustomerSubscription};
use kassa_core::wire::{self, FromWire, Wire};
use send_wrapper::SendWrapper;
use serde_json::Value;
use wasm_bindgen::JsValue;

/// Polar's production API, the default `apiBase`.
pub const DEFAULT_API_BASE: &str = "https://api.polar.sh";

/// Why a request did not give what was asked.
#[derive(Clone, Debug, PartialEq)]
pub enum PortalError {
    /// The request did not reach the provider, or was aborted.
    Network(String),
    /// 401: the token is unknown or expired.
    Auth,
    /// 404: no such subscription for this customer.
    NotFound,
    /// 422: the fields at fault, by the last segment of their `loc`, with messages.
    Fields(Vec<(String, String)>),
    /// Another refusal with Polar's `{error, detail}`: its status, class and message.
    Refused(u16, String, String),
    /// 5xx.
    Server(u16),
    /// The answer could not be read.
    Decode(String),
}

impl PortalError {
    /// A stable code for `kassa:error`.
    pub fn code(&self) -> &str {
        match self {
            Self::Network(_) => "network",
            Self::Auth => "unauthorized",
            Self::NotFound => "not_found",
            Self::Fields(_) => "invalid",
            Self::Refused(_, error, _) => error,
            Self::Server(_) => "server_error",
            Self::Decode(_) => "unreadable",
        }
    }

    /// Reads a failed answer (its body as `JSON.parse` made it, `null` if it was not JSON).
    pub fn from_answer(status: u16, body: &JsValue) -> Self {
        let body = Js(body.clone());
        let text = |w: Option<Js>| w.and_then(|w| w.string());
        let detail = body.get("detail");
        match status {
            401 => Self::Auth,
            404 => Self::NotFound,
            422 => Self::Fields(
                detail
                    .and_then(|d| d.items())
                    .unwrap_or_default()
                    .iter()
                    .map(|problem| {
                        let field = text(problem.get("loc").and_then(|l| l.items()).and_then(|l| l.into_iter().last()));
                        (field.unwrap_or_default(), text(problem.get("msg")).unwrap_or_else(|| "Invalid value".into()))
                    })
                    .collect(),
            ),
            500.. => Self::Server(status),
            _ => Self::Refused(
                status,
                text(body.get("error")).unwrap_or_else(|| "refused".into()),
                text(detail).unwrap_or_default(),
            ),
        }
    }
}

/// A subscription as the provider sent it: the model, and the parsed JSON object.
#[derive(Clone, Debug)]
pub struct Loaded {
    /// What the screen reads.
    pub model: CustomerSubscription,
    /// What the page receives in events.
    pub json: SendWrapper<JsValue>,
}

/// The customer portal of one customer, its requests aborted by `signal`.
#[derive(Clone, Debug)]
pub struct PortalApi {
    base: String,
    token: String,
    signal: Option<SendWrapper<web_sys::AbortSignal>>,
}

/// Reads `json` (what `JSON.parse` made) as a `T`, leniently ([`kassa_core::wire`]).
fn read<T: FromWire>(json: &JsValue) -> Result<T, PortalError> {
    wire::read(&Js(json.clone())).map_err(|e| PortalError::Decode(e.to_string()))
}

impl PortalApi {
    /// The portal at `api_base` (Polar's when `None`; the page's origin when empty).
    pub fn new(api_base: Option<&str>, token: &str, signal: Option<web_sys::AbortSignal>) -> Self {
        let base = api_base.unwrap_or(DEFAULT_API_BASE).trim_end_matches('/').to_string();
        Self { base, token: token.trim().to_string(), signal: signal.map(SendWrapper::new) }
    }

    /// The same portal, its requests aborted by `signal`.
    pub fn with_signal(mut self, signal: Option<web_sys::AbortSignal>) -> Self {
        self.signal = signal.map(SendWrapper::new);
        self
    }

    fn url(&self, path: &str) -> String {
        format!("{}/v1/customer-portal/{path}", self.base)
    }

    fn subscription_url(&self, id: &str, rest: &str) -> String {
        let id = String::from(js_sys::encode_uri_component(id.trim()));
        self.url(&format!("subscriptions/{id}{rest}"))
    }

    async fn send(&self, request: RequestBuilder, body: Option<&Value>) -> Result<JsValue, PortalError> {
        let request = request
            .header("Accept", "application/json")
            .header("Authorization", &format!("Bearer {}", self.token))
            .abort_signal(self.signal.as_deref());
        let request = match body {
            Some(body) => request.header("Content-Type", "application/json").body(body.to_string()),
            None => request.build(),
        }
        .map_err(|e| PortalError::Network(e.to_string()))?;
        let response: Response = request.send().await.map_err(|e| PortalError::Network(e.to_string()))?;
        let status = response.status();
        let text = response.text().await.map_err(|e| PortalError::Network(e.to_string()))?;
        let json = js_sys::JSON::parse(&text);
        if !(200..300).contains(&status) {
            return Err(PortalError::from_answer(status, &json.unwrap_or(JsValue::NULL)));
        }
        json.map_err(|_| PortalError::Decode("the answer is not JSON".into()))
    }

    async fn subscription(&self, request: RequestBuilder, body: Option<&Value>) -> Result<Loaded, PortalError> {
        let json = self.send(request, body).await?;
        Ok(Loaded { model: read(&json)?, json: SendWrapper::new(json) })
    }

    /// `GET …/subscriptions/{id}`.
    pub async fn get(&self, id: &str) -> Result<Loaded, PortalError> {
        self.subscription(Request::get(&self.subscription_url(id, "")), None).await
    }

    /// `GET …/subscriptions/`: the customer's subscriptions, 100 at most, newest first.
    /// One the screen cannot read is left out rather than hiding the others.
    pub async fn list(&self) -> Result<Vec<Loaded>, PortalError> {
        let json = self.send(Request::get(&self.url("subscriptions/?limit=100")), None).await?;
        let items =
            Js(json).get("items").and_then(|i| i.items()).ok_or_else(|| PortalError::Decode("no items".into()))?;
        Ok(items
            .into_iter()
            .filter_map(|item| Some(Loaded { model: read(&item.0).ok()?, json: SendWrapper::new(item.0) }))
            .collect())
    }

    /// `PATCH …/subscriptions/{id}` with one of Polar's six bodies.
    pub async fn update(&self, id: &str, body: &Value) -> Result<Loaded, PortalError> {
        self.subscription(Request::patch(&self.subscription_url(id, "")), Some(body)).await
    }

    /// `POST …/subscriptions/{id}/change-preview`.
    pub async fn preview(&self, id: &str, body: &Value) -> Result<ChargePreview, PortalError> {
        read(&self.send(Request::post(&self.subscription_url(id, "/change-preview")), Some(body)).await?)
    }

    /// `POST …/subscriptions/{id}/next-charge-date` (Kassa's extension).
    pub async fn move_charge(&self, id: &str, body: &Value) -> Result<Loaded, PortalError> {
        self.subscription(Request::post(&self.subscription_url(id, "/next-charge-date")), Some(body)).await
    }

    /// `GET …/organizations/{slug}`: the products the portal offers (one the screen
    /// cannot read is left out).
    pub async fn products(&self, slug: &str) -> Result<Vec<CheckoutProduct>, PortalError> {
        let slug = String::from(js_sys::encode_uri_component(slug));
        let json = self.send(Request::get(&self.url(&format!("organizations/{slug}"))), None).await?;
        let products = Js(json).get("products").and_then(|p| p.items()).unwrap_or_default();
        Ok(products.iter().filter_map(|p| CheckoutProduct::from_wire(p).ok()).collect())
    }
}
