//! The customer portal's requests: a subscription (or the list of them), the changes
//! Polar's PATCH takes, its change preview, Kassa's next-charge move, and the
//! organization's products. Each answer keeps the very object `JSON.parse` made, which
//! the page receives in events, beside the typed model.

use gloo_net::http::{Request, RequestBuilder, Response};
use kassa_core::checkout::CheckoutProduct;
use kassa_core::subscription::{ChargePreview, CustomerSubscription};
use send_wrapper::SendWrapper;
use serde::de::DeserializeOwned;
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

    /// Reads a failed answer.
    pub fn from_answer(status: u16, body: &str) -> Self {
        let json: Option<Value> = serde_json::from_str(body).ok();
        match status {
            401 => Self::Auth,
            404 => Self::NotFound,
            422 => {
                let fields = json
                    .as_ref()
                    .and_then(|j| j["detail"].as_array())
                    .map(|items| {
                        items
                            .iter()
                            .map(|item| {
                                let field = item["loc"]
                                    .as_array()
                                    .and_then(|loc| loc.last())
                                    .and_then(Value::as_str)
                                    .unwrap_or("")
                                    .to_string();
                                (field, item["msg"].as_str().unwrap_or("Invalid value").to_string())
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                Self::Fields(fields)
            }
            500.. => Self::Server(status),
            _ => {
                let error = json.as_ref().and_then(|j| j["error"].as_str()).unwrap_or("refused").to_string();
                let detail = json.as_ref().and_then(|j| j["detail"].as_str()).unwrap_or("").to_string();
                Self::Refused(status, error, detail)
            }
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

fn read<T: DeserializeOwned>(body: &str) -> Result<T, PortalError> {
    serde_json::from_str(body).map_err(|e| PortalError::Decode(e.to_string()))
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

    async fn send(&self, request: RequestBuilder, body: Option<&Value>) -> Result<(String, JsValue), PortalError> {
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
        if !(200..300).contains(&status) {
            return Err(PortalError::from_answer(status, &text));
        }
        let json = js_sys::JSON::parse(&text).map_err(|_| PortalError::Decode("the answer is not JSON".into()))?;
        Ok((text, json))
    }

    async fn subscription(&self, request: RequestBuilder, body: Option<&Value>) -> Result<Loaded, PortalError> {
        let (text, json) = self.send(request, body).await?;
        Ok(Loaded { model: read(&text)?, json: SendWrapper::new(json) })
    }

    /// `GET …/subscriptions/{id}`.
    pub async fn get(&self, id: &str) -> Result<Loaded, PortalError> {
        self.subscription(Request::get(&self.subscription_url(id, "")), None).await
    }

    /// `GET …/subscriptions/`: the customer's subscriptions, 100 at most, newest first.
    pub async fn list(&self) -> Result<Vec<Loaded>, PortalError> {
        let (text, json) = self.send(Request::get(&self.url("subscriptions/?limit=100")), None).await?;
        let list: Value = read(&text)?;
        let items = js_sys::Reflect::get(&json, &"items".into()).unwrap_or(JsValue::NULL);
        let items = js_sys::Array::from(&items);
        list["items"]
            .as_array()
            .map(|all| {
                all.iter()
                    .enumerate()
                    .map(|(i, item)| {
                        let model =
                            serde_json::from_value(item.clone()).map_err(|e| PortalError::Decode(e.to_string()))?;
                        Ok(Loaded { model, json: SendWrapper::new(items.get(i as u32)) })
                    })
                    .collect()
            })
            .unwrap_or_else(|| Ok(Vec::new()))
    }

    /// `PATCH …/subscriptions/{id}` with one of Polar's six bodies.
    pub async fn update(&self, id: &str, body: &Value) -> Result<Loaded, PortalError> {
        self.subscription(Request::patch(&self.subscription_url(id, "")), Some(body)).await
    }

    /// `POST …/subscriptions/{id}/change-preview`.
    pub async fn preview(&self, id: &str, body: &Value) -> Result<ChargePreview, PortalError> {
        let (text, _) = self.send(Request::post(&self.subscription_url(id, "/change-preview")), Some(body)).await?;
        read(&text)
    }

    /// `POST …/subscriptions/{id}/next-charge-date` (Kassa's extension).
    pub async fn move_charge(&self, id: &str, body: &Value) -> Result<Loaded, PortalError> {
        self.subscription(Request::post(&self.subscription_url(id, "/next-charge-date")), Some(body)).await
    }

    /// `GET …/organizations/{slug}`: the products the portal offers.
    pub async fn products(&self, slug: &str) -> Result<Vec<CheckoutProduct>, PortalError> {
        let slug = String::from(js_sys::encode_uri_component(slug));
        let (text, _) = self.send(Request::get(&self.url(&format!("organizations/{slug}"))), None).await?;
        let data: Value = read(&text)?;
        Ok(data["products"]
            .as_array()
            .map(|items| items.iter().filter_map(|p| serde_json::from_value(p.clone()).ok()).collect())
            .unwrap_or_default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_map_to_what_the_screen_does_with_them() {
        let invalid = r#"{"error":"invalid_token","error_description":"The access token provided is expired"}"#;
        assert_eq!(PortalError::from_answer(401, invalid), PortalError::Auth);
        assert_eq!(
            PortalError::from_answer(404, r#"{"error":"ResourceNotFound","detail":"Not found"}"#),
            PortalError::NotFound
        );
        let fields = r#"{"error":"PolarRequestValidationError","detail":[{"loc":["body","next_charge_date"],"msg":"The next charge date must be after 2026-12-04.","type":"value_error","input":"2026-12-04"}]}"#;
        assert_eq!(
            PortalError::from_answer(422, fields),
            PortalError::Fields(vec![(
                "next_charge_date".into(),
                "The next charge date must be after 2026-12-04.".into()
            )])
        );
        let seats = r#"{"error":"BelowMinimumSeats","detail":"Minimum 2 seats required."}"#;
        let refused = PortalError::from_answer(400, seats);
        assert_eq!(refused, PortalError::Refused(400, "BelowMinimumSeats".into(), "Minimum 2 seats required.".into()));
        assert_eq!(refused.code(), "BelowMinimumSeats");
        assert_eq!(PortalError::from_answer(502, "<html>bad gateway</html>"), PortalError::Server(502));
        // A refusal that is not JSON still reads as one.
        assert_eq!(
            PortalError::from_answer(409, "conflict"),
            PortalError::Refused(409, "refused".into(), String::new())
        );
    }
}
