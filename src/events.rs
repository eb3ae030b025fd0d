//! The events a checkout fires on its host element, as cancelable, bubbling, composed
//! `CustomEvent`s, so a merchant can listen on the element or any ancestor:
//!
//! | event | `detail` | default action |
//! | --- | --- | --- |
//! | `kassa:ready` | the session | — |
//! | `kassa:change` | the session, after each applied update | — |
//! | `kassa:error` | `{code, message}` | — |
//! | `kassa:expired` | the session | — |
//! | `kassa:confirmed` | the session | — |
//! | `kassa:success` | the session | go to its `success_url`, if `https`; `preventDefault()` stops it |
//!
//! "The session" is the provider's JSON object as received, a fresh copy per event, so a
//! listener that changes it changes nothing else.

use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// The platform's deep copy (every browser Kassa supports has it).
    #[wasm_bindgen(js_name = structuredClone, catch)]
    fn structured_clone(value: &JsValue) -> Result<JsValue, JsValue>;
}

/// The element a checkout is mounted on, where its events are fired.
#[derive(Clone, Debug)]
pub struct Host(pub web_sys::Element);

/// `{code, message}` of `kassa:error`, built by hand: the serializer is not on the
/// start-up path (it writes request bodies, in the chunk loaded after the first render).
fn error_detail(code: &str, message: &str) -> JsValue {
    let detail = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&detail, &"code".into(), &code.into());
    let _ = js_sys::Reflect::set(&detail, &"message".into(), &message.into());
    detail.into()
}

impl Host {
    /// Fires `name` with `detail`; returns whether no listener called `preventDefault()`.
    pub fn emit(&self, name: &str, detail: &JsValue) -> bool {
        let init = web_sys::CustomEventInit::new();
        init.set_bubbles(true);
        init.set_composed(true);
        init.set_cancelable(true);
        init.set_detail(detail);
        match web_sys::CustomEvent::new_with_event_init_dict(name, &init) {
            Ok(event) => self.0.dispatch_event(&event).unwrap_or(true),
            Err(_) => true,
        }
    }

    /// Fires a session event (`kassa:ready`, `kassa:change`, …) with a copy of the
    /// session's JSON object.
    pub fn session(&self, name: &str, json: &JsValue) -> bool {
        self.emit(name, &structured_clone(json).unwrap_or(JsValue::NULL))
    }

    /// Fires `kassa:error`.
    pub fn error(&self, code: &str, message: &str) {
        self.emit("kassa:error", &error_detail(code, message));
    }

    /// Fires `kassa:success` and, unless prevented, goes to the session's `success_url`
    /// when it is `https` (never to another scheme: a `javascript:` URL is not followed).
    pub fn success(&self, json: &JsValue, url: &str) {
        if self.session("kassa:success", json) && url.starts_with("https://") {
            if let Some(window) = web_sys::window() {
                let _ = window.location().assign(url);
            }
        }
    }
}
