//! [`Wire`] over the browser's own values: a session is read from the very object
//! `JSON.parse` made of the answer, and options from the object the page passed, with
//! `kassa_core::wire`'s reader instead of serde (why: that module's documentation).

use js_sys::{Array, Object, Reflect};
use kassa_core::wire::Wire;
use wasm_bindgen::{JsCast, JsValue};

/// A JavaScript value read by [`kassa_core::wire`].
pub struct Js(pub JsValue);

impl Wire for Js {
    fn get(&self, key: &str) -> Option<Self> {
        if !self.is_object() {
            return None;
        }
        let value = Reflect::get(&self.0, &JsValue::from_str(key)).ok()?;
        (!value.is_undefined()).then_some(Js(value))
    }
    fn is_object(&self) -> bool {
        self.0.is_object() && !Array::is_array(&self.0)
    }
    /// `undefined` counts as `null`: a page's `{ locale: undefined }` sets nothing.
    fn is_null(&self) -> bool {
        self.0.is_null() || self.0.is_undefined()
    }
    fn string(&self) -> Option<String> {
        self.0.as_string()
    }
    fn number(&self) -> Option<f64> {
        self.0.as_f64()
    }
    fn boolean(&self) -> Option<bool> {
        self.0.as_bool()
    }
    fn items(&self) -> Option<Vec<Self>> {
        Array::is_array(&self.0).then(|| Array::from(&self.0).iter().map(Js).collect())
    }
    fn entries(&self) -> Option<Vec<(String, Self)>> {
        if !self.is_object() {
            return None;
        }
        let keys = Object::keys(self.0.unchecked_ref::<Object>());
        Some(
            keys.iter()
                .filter_map(|k| {
                    let value = Reflect::get(&self.0, &k).ok()?;
                    Some((k.as_string()?, Js(value)))
                })
                .collect(),
        )
    }
}
