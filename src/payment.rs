//! The card form, through `js/payment.js` (Stripe's Payment Element, or the sandbox's
//! stand-in for it). The JavaScript API hands the wasm a loader for it; the checkout calls
//! the loader once the form is on the screen and a payment form is needed, so neither
//! the adapter nor Stripe.js is on the start-up path. Everything here is a thin binding:
//! what the form is set up with is [`kassa_core::checkout::payment`].

use kassa_core::checkout::payment::{BillingDetails, PaymentForm};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen]
extern "C" {
    /// A mounted card form (`createPayment`'s answer in `js/payment.js`).
    #[derive(Clone, Debug)]
    pub type Payment;

    #[wasm_bindgen(method, catch)]
    fn update(this: &Payment, options: &JsValue) -> Result<(), JsValue>;

    #[wasm_bindgen(method, catch, js_name = confirmationToken)]
    fn confirmation_token(this: &Payment, billing: &JsValue) -> Result<js_sys::Promise, JsValue>;

    #[wasm_bindgen(method, catch, js_name = nextAction)]
    fn next_action(this: &Payment, client_secret: &str) -> Result<js_sys::Promise, JsValue>;

    #[wasm_bindgen(method, catch)]
    fn destroy(this: &Payment) -> Result<(), JsValue>;
}

/// Why the card form could not do what was asked: its message, shown to the buyer.
pub type PaymentError = String;

/// The loader the JavaScript API passes to `mount`: `(host, options) → Promise<Payment>`.
#[derive(Clone, Debug)]
pub struct PaymentLoader(pub js_sys::Function);

fn get(value: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(value, &key.into()).unwrap_or(JsValue::UNDEFINED)
}

/// Sets `key` of `object` (an object the wasm just made: setting cannot fail).
fn set(object: &js_sys::Object, key: &str, value: impl Into<JsValue>) {
    let _ = js_sys::Reflect::set(object, &key.into(), &value.into());
}

/// An answer `{...}`, or its `{error: {message, inForm}}`: the message, and whether the
/// card form already shows it.
async fn settle(promise: Result<js_sys::Promise, JsValue>) -> Result<JsValue, (PaymentError, bool)> {
    let answer = JsFuture::from(promise.map_err(|e| (describe(e), false))?).await.map_err(|e| (describe(e), false))?;
    let error = get(&answer, "error");
    if error.is_undefined() || error.is_null() {
        return Ok(answer);
    }
    let message = get(&error, "message").as_string().unwrap_or_else(|| "The card could not be processed.".into());
    Err((message, get(&error, "inForm").is_truthy()))
}

fn describe(error: JsValue) -> PaymentError {
    error
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| error.as_string())
        .unwrap_or_else(|| "The card form failed.".into())
}

/// `js/payment.js`'s `PaymentOptions`, built by hand: a serializer for two small structs
/// costs the wasm more than these lines.
fn form_object(form: &PaymentForm) -> js_sys::Object {
    let o = js_sys::Object::new();
    set(&o, "publishableKey", form.publishable_key.as_str());
    set(&o, "mode", form.mode);
    set(&o, "amount", form.amount as f64);
    set(&o, "currency", form.currency.as_str());
    set(&o, "setupFutureUsage", form.setup_future_usage.map_or(JsValue::NULL, JsValue::from));
    o
}

fn options(form: &PaymentForm, locale: &str, api_base: &str, stripe_js: Option<&str>) -> JsValue {
    let o = form_object(form);
    set(&o, "locale", locale);
    set(&o, "apiBase", api_base);
    if let Some(url) = stripe_js {
        set(&o, "stripeJs", url);
    }
    o.into()
}

/// Stripe's `billing_details`.
fn billing_object(billing: &BillingDetails) -> js_sys::Object {
    let text = |v: &Option<String>| v.as_deref().map_or(JsValue::NULL, JsValue::from);
    let a = &billing.address;
    let address = js_sys::Object::new();
    for (key, value) in [
        ("country", &a.country),
        ("line1", &a.line1),
        ("line2", &a.line2),
        ("postal_code", &a.postal_code),
        ("city", &a.city),
        ("state", &a.state),
    ] {
        set(&address, key, text(value));
    }
    let o = js_sys::Object::new();
    set(&o, "name", text(&billing.name));
    set(&o, "email", text(&billing.email));
    set(&o, "address", address);
    o
}

impl PaymentLoader {
    /// Loads the adapter and Stripe.js and mounts the form on `host`.
    pub async fn load(
        &self,
        host: &web_sys::Element,
        form: &PaymentForm,
        locale: &str,
        api_base: &str,
        stripe_js: Option<&str>,
    ) -> Result<Payment, PaymentError> {
        let promise =
            self.0.call2(&JsValue::NULL, host, &options(form, locale, api_base, stripe_js)).map_err(describe)?;
        let promise = promise.dyn_into::<js_sys::Promise>().map_err(|_| "The card form did not load.".to_string())?;
        let payment = JsFuture::from(promise).await.map_err(describe)?;
        Ok(payment.unchecked_into())
    }
}

impl Payment {
    /// Follows an applied update of the session (amount, currency, mode).
    pub fn follow(&self, form: &PaymentForm) {
        let _ = self.update(&form_object(form));
    }

    /// Checks the card and makes a confirmation token, with the buyer's billing details.
    /// `Err((message, true))` when the card form itself shows what is wrong.
    pub async fn token(&self, billing: &BillingDetails) -> Result<String, (PaymentError, bool)> {
        let answer = settle(self.confirmation_token(&billing_object(billing))).await?;
        get(&answer, "token").as_string().ok_or_else(|| ("The card could not be processed.".into(), false))
    }

    /// The bank's second step for the intent of `client_secret`.
    pub async fn authenticate(&self, client_secret: &str) -> Result<(), PaymentError> {
        settle(self.next_action(client_secret)).await.map(|_| ()).map_err(|(message, _)| message)
    }

    /// Removes the form from the page.
    pub fn remove(&self) {
        let _ = self.destroy();
    }
}
