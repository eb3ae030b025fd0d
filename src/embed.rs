//! The JavaScript API: the only `#[wasm_bindgen]` exports of Kassa.

use std::any::Any;
use std::cell::RefCell;
use std::collections::HashMap;

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

thread_local! {
    /// Every mounted checkout, by handle ID. A checkout stays on the page until
    /// `destroy()`: a merchant who drops the handle must not see the widget vanish when
    /// the garbage collector finalizes it.
    static MOUNTED: RefCell<HashMap<u32, Box<dyn Any>>> = RefCell::new(HashMap::new());
    static NEXT_ID: RefCell<u32> = const { RefCell::new(1) };
}

/// A mounted checkout; `destroy()` removes it.
#[wasm_bindgen]
pub struct KassaHandle {
    id: u32,
}

#[wasm_bindgen]
impl KassaHandle {
    /// Removes the checkout from the page and releases what it holds. Harmless twice.
    pub fn destroy(&self) {
        let mounted = MOUNTED.with(|m| m.borrow_mut().remove(&self.id));
        drop(mounted); // unmounts, outside the registry's borrow
    }
}

impl KassaHandle {
    /// A second handle to the same checkout (tests only: JavaScript gets one handle).
    #[doc(hidden)]
    pub fn clone_for_test(&self) -> KassaHandle {
        KassaHandle { id: self.id }
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
    let id = NEXT_ID.with(|n| {
        let mut n = n.borrow_mut();
        let id = *n;
        *n += 1;
        id
    });
    MOUNTED.with(|m| m.borrow_mut().insert(id, Box::new(handle)));
    Ok(KassaHandle { id })
}
