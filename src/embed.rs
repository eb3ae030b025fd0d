//! The JavaScript API: the only `#[wasm_bindgen]` exports of Kassa.

use std::any::Any;

use serde::Deserialize;
use wasm_bindgen::prelude::*;

use crate::api::CheckoutEndpoint;
use crate::intl::browser_locale;
use crate::ui::Checkout;
use crate::Error;

/// Options of [`mount`], as JavaScript passes them (camelCase).
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct MountOptions {
    /// The session's client secret (required).
    client_secret: String,
    /// The provider's base URL; default: the page's origin.
    #[serde(default)]
    api_base: Option<String>,
    /// BCP 47 locale; default: the browser's language.
    #[serde(default)]
    locale: Option<String>,
}

/// A mounted checkout. Dropping it, or calling `destroy()`, removes the checkout.
#[wasm_bindgen]
pub struct KassaHandle {
    mounted: Option<Box<dyn Any>>,
}

#[wasm_bindgen]
impl KassaHandle {
    /// Removes the checkout from the page and releases what it holds. Harmless twice.
    pub fn destroy(&mut self) {
        self.mounted.take();
    }
}

/// Mounts a checkout into `element`: `mount(el, { clientSecret, apiBase?, locale? })`.
#[wasm_bindgen]
pub fn mount(element: web_sys::HtmlElement, options: JsValue) -> Result<KassaHandle, JsError> {
    let options: MountOptions = serde_wasm_bindgen::from_value(options)
        .map_err(|e| Error::InvalidOptions(e.to_string()))?;
    if options.client_secret.trim().is_empty() {
        return Err(Error::InvalidOptions("clientSecret is empty".into()).into());
    }
    let endpoint = CheckoutEndpoint::new(options.api_base.as_deref().unwrap_or(""), &options.client_secret);
    let locale = options.locale.unwrap_or_else(browser_locale);
    let handle = leptos::mount::mount_to(element, move || {
        leptos::view! { <Checkout endpoint locale /> }
    });
    Ok(KassaHandle { mounted: Some(Box::new(handle)) })
}
