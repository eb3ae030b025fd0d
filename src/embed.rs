//! The JavaScript API: the only `#[wasm_bindgen]` exports of Kassa.
//!
//! `mount(element, options)` attaches a shadow root to `element` (the checkout's styles
//! stay in, the page's stay out), adopts Kassa's stylesheet into it and renders there.
//! It returns a [`KassaHandle`] with `update(options)` and `destroy()`. The checkout stays
//! until `destroy()`: dropping the handle does not remove it.

use std::any::Any;
use std::cell::RefCell;

use serde::Deserialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::api::{session_url, CheckoutEndpoint, Prefetched};
use crate::events::Host;
use crate::intl::browser_locale;
use crate::payment::PaymentLoader;
use crate::ui::checkout;
use crate::ui::controller::{HostContext, PaymentContext, PaymentSetup};
use crate::wire::Js;
use crate::Error;
use kassa_core::i18n::{register, Lang, Texts};
use kassa_core::wire::{self, FromWire, Wire};

/// Kassa's stylesheet, compiled in: no request, nothing for a CSP to block. Minified by
/// `build.rs` from `www/kassa.css`.
const STYLESHEET: &str = include_str!(concat!(env!("OUT_DIR"), "/kassa.css"));

/// The colour scheme of a checkout.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, tsify::Tsify)]
#[serde(rename_all = "lowercase")]
pub enum Theme {
    /// Light colours.
    Light,
    /// Dark colours.
    Dark,
    /// Follows the system's `prefers-color-scheme`.
    #[default]
    Auto,
}

impl Theme {
    /// The value of the host's `data-theme` attribute, which the stylesheet reads.
    fn as_str(self) -> &'static str {
        match self {
            Self::Light => "light",
            Self::Dark => "dark",
            Self::Auto => "auto",
        }
    }
}

/// Options of [`mount`] and [`KassaHandle::update`], as JavaScript passes them.
#[derive(Clone, Debug, Default, Deserialize, tsify::Tsify)]
#[serde(rename_all = "camelCase")]
#[tsify(rename = "KassaOptions")]
pub struct Options {
    /// The session's client secret. Required by `mount`.
    #[serde(default)]
    client_secret: Option<String>,
    /// The provider's base URL. Default: `https://api.polar.sh`.
    #[serde(default)]
    api_base: Option<String>,
    /// BCP 47 locale of text and amounts. Default: the browser's language.
    #[serde(default)]
    locale: Option<String>,
    /// `light`, `dark` or `auto` (follows the system). Default: `auto`.
    #[serde(default)]
    theme: Option<Theme>,
    /// Where the card form's Stripe.js comes from. Default: Stripe's own
    /// (`https://js.stripe.com/…`), or, for a sandbox key, the sandbox's stand-in at
    /// `{apiBase}/sandbox/stripe.js`.
    #[serde(default)]
    stripe_js: Option<String>,
}

#[wasm_bindgen(typescript_custom_section)]
const EVENTS: &'static str = r#"
/** `detail` of `kassa:error`. */
export interface KassaErrorDetail {
    code: string;
    message: string;
}

/** The events a checkout fires on its element: bubbling, composed, cancelable. */
export interface KassaEventMap {
    "kassa:ready": CustomEvent<CheckoutPublic>;
    "kassa:change": CustomEvent<CheckoutPublic>;
    "kassa:error": CustomEvent<KassaErrorDetail>;
    "kassa:expired": CustomEvent<CheckoutPublic | null>;
    "kassa:confirmed": CustomEvent<CheckoutPublic>;
    "kassa:success": CustomEvent<CheckoutPublic>;
}
"#;

impl Options {
    /// `self` with the options `later` sets.
    fn merge(self, later: Options) -> Options {
        Options {
            client_secret: later.client_secret.or(self.client_secret),
            api_base: later.api_base.or(self.api_base),
            locale: later.locale.or(self.locale),
            theme: later.theme.or(self.theme),
            stripe_js: later.stripe_js.or(self.stripe_js),
        }
    }

    fn theme(&self) -> &'static str {
        self.theme.unwrap_or_default().as_str()
    }
}

struct Mounted {
    element: web_sys::HtmlElement,
    options: Options,
    /// The card form's loader, from the JavaScript API.
    payment: Option<PaymentLoader>,
    _view: Box<dyn Any>,
}

thread_local! {
    /// Every mounted checkout, by handle ID: a `Vec`, as a page mounts a few.
    static MOUNTED: RefCell<Vec<(u32, Mounted)>> = const { RefCell::new(Vec::new()) };
    static NEXT_ID: RefCell<u32> = const { RefCell::new(1) };
    static SHEET: RefCell<Option<web_sys::CssStyleSheet>> = const { RefCell::new(None) };
}

/// Kassa's stylesheet, built once and shared by every shadow root.
fn stylesheet() -> Result<web_sys::CssStyleSheet, Error> {
    SHEET.with(|cell| {
        if let Some(sheet) = cell.borrow().as_ref() {
            return Ok(sheet.clone());
        }
        let sheet = web_sys::CssStyleSheet::new()
            .map_err(|_| Error::InvalidOptions("constructable stylesheets are not supported".into()))?;
        sheet.replace_sync(STYLESHEET).map_err(|_| Error::InvalidOptions("the stylesheet did not parse".into()))?;
        *cell.borrow_mut() = Some(sheet.clone());
        Ok(sheet)
    })
}

/// The element's shadow root, emptied, with Kassa's stylesheet; and a fresh container.
fn prepare(element: &web_sys::HtmlElement) -> Result<web_sys::HtmlElement, Error> {
    let shadow = match element.shadow_root() {
        Some(shadow) => shadow,
        None => element
            .attach_shadow(&web_sys::ShadowRootInit::new(web_sys::ShadowRootMode::Open))
            .map_err(|_| Error::InvalidOptions("this element cannot host a shadow root".into()))?,
    };
    shadow.set_inner_html("");
    let sheet: JsValue = stylesheet()?.into();
    let sheets = js_sys::Array::of1(&sheet);
    let _ = js_sys::Reflect::set(&shadow, &"adoptedStyleSheets".into(), &sheets);
    let document =
        element.owner_document().ok_or_else(|| Error::InvalidOptions("element is not in a document".into()))?;
    let container = document
        .create_element("div")
        .map_err(|_| Error::InvalidOptions("cannot create elements".into()))?
        .unchecked_into::<web_sys::HtmlElement>();
    shadow.append_child(&container).map_err(|_| Error::InvalidOptions("cannot attach".into()))?;
    Ok(container)
}

/// Renders a checkout for `options` into `element`; the returned value unmounts on drop.
fn render(
    element: &web_sys::HtmlElement,
    options: &Options,
    prefetched: Option<Prefetched>,
    payment: Option<PaymentLoader>,
) -> Result<Box<dyn Any>, Error> {
    let secret = options.client_secret.as_deref().map(str::trim).unwrap_or_default();
    if secret.is_empty() {
        return Err(Error::InvalidOptions("clientSecret is required".into()));
    }
    let _ = element.set_attribute("data-theme", options.theme());
    let container = prepare(element)?;
    let endpoint = CheckoutEndpoint::new(options.api_base.as_deref(), secret);
    let locale = options.locale.clone().unwrap_or_else(browser_locale);
    let host = Host(element.clone().into());
    let payment = payment.map(|loader| PaymentSetup {
        loader,
        api_base: options.api_base.clone().unwrap_or_else(|| crate::api::DEFAULT_API_BASE.to_string()),
        stripe_js: options.stripe_js.clone(),
    });
    let handle = crate::dom::mount(&container, move || {
        let host: HostContext = leptos::prelude::StoredValue::new_local(Some(host));
        leptos::prelude::provide_context(host);
        let payment: PaymentContext = leptos::prelude::StoredValue::new_local(payment);
        leptos::prelude::provide_context(payment);
        checkout(endpoint, locale, prefetched)
    });
    Ok(Box::new(handle))
}

fn parse(options: JsValue) -> Result<Options, Error> {
    if options.is_undefined() || options.is_null() {
        return Ok(Options::default());
    }
    wire::read(&Js(options)).map_err(|e| match e {
        // In the option's own words: `theme must be "light", "dark" or "auto"`.
        kassa_core::Error::Unreadable { at, expected } => {
            let what = if at.is_empty() { "options" } else { at.as_str() };
            Error::InvalidOptions(format!("{what} must be {expected}"))
        }
        other => Error::InvalidOptions(other.to_string()),
    })
}

impl FromWire for Theme {
    fn from_wire<W: Wire>(w: &W) -> kassa_core::Result<Self> {
        let name = String::from_wire(w)?;
        [Self::Light, Self::Dark, Self::Auto]
            .into_iter()
            .find(|t| t.as_str() == name)
            .ok_or(kassa_core::Error::Unreadable { at: String::new(), expected: r#""light", "dark" or "auto""# })
    }
}

/// Read by their camelCase names, as the `KassaOptions` type names them.
impl FromWire for Options {
    fn from_wire<W: Wire>(w: &W) -> kassa_core::Result<Self> {
        let f = wire::fields(w)?;
        f.done(Self {
            client_secret: f.opt("clientSecret"),
            api_base: f.opt("apiBase"),
            locale: f.opt("locale"),
            theme: f.opt("theme"),
            stripe_js: f.opt("stripeJs"),
        })
    }
}

/// `sessionUrl(apiBase?, clientSecret)`: the URL a checkout reads its session from, as
/// the wasm builds it. `js/index.js` builds the same URL for the request it starts before
/// the wasm loads; the end-to-end tests hold the two to agree.
#[wasm_bindgen(js_name = sessionUrl)]
pub fn session_url_js(api_base: Option<String>, client_secret: &str) -> String {
    session_url(api_base.as_deref(), client_secret)
}

/// `registerTexts(code, table)`: the sentences of a language besides English, as
/// `js/index.js` fetched them from `lang/{code}.json` beside the wasm, in parallel with it,
/// before a checkout in that language mounts. A table lacking a sentence is refused whole
/// and the checkout speaks English: half a translation reads worse than none.
#[wasm_bindgen(js_name = registerTexts)]
pub fn register_texts(code: &str, table: JsValue) -> Result<(), JsError> {
    let lang = Lang::ALL
        .into_iter()
        .find(|l| *l != Lang::En && l.code() == code)
        .ok_or_else(|| Error::InvalidTexts(format!("no language \"{code}\"")))?;
    if lang.has_texts() {
        return Ok(());
    }
    // Leaked once per language and page: the table lives as long as the page, like English.
    let sentence = |key: &str| js_sys::Reflect::get(&table, &JsValue::from_str(key)).ok()?.as_string();
    let texts = Texts::from_lookup(|key| sentence(key).map(|text| &*Box::leak(text.into_boxed_str())))
        .map_err(|key| Error::InvalidTexts(format!("the {code} table has no sentence \"{key}\"")))?;
    register(lang, texts);
    Ok(())
}

/// A mounted checkout; `update(options)` changes it, `destroy()` removes it.
#[wasm_bindgen]
pub struct KassaHandle {
    id: u32,
}

#[wasm_bindgen]
impl KassaHandle {
    /// Changes options. A new theme is applied in place; a new client secret, API base
    /// or locale renders the checkout afresh.
    pub fn update(&self, options: JsValue) -> Result<(), JsError> {
        let later = parse(options)?;
        MOUNTED.with(|m| -> Result<(), JsError> {
            let mut mounted = m.borrow_mut();
            let Some((_, entry)) = mounted.iter_mut().find(|(id, _)| *id == self.id) else {
                return Err(Error::InvalidOptions("this checkout was destroyed".into()).into());
            };
            let merged = entry.options.clone().merge(later);
            let theme_only = merged.client_secret == entry.options.client_secret
                && merged.api_base == entry.options.api_base
                && merged.locale == entry.options.locale;
            if theme_only {
                let _ = entry.element.set_attribute("data-theme", merged.theme());
            } else {
                entry._view = Box::new(());
                entry._view = render(&entry.element, &merged, None, entry.payment.clone())?;
            }
            entry.options = merged;
            Ok(())
        })
    }

    /// Removes the checkout from the page and releases what it holds. Harmless twice.
    pub fn destroy(&self) {
        let mounted = MOUNTED.with(|m| {
            let mut all = m.borrow_mut();
            let at = all.iter().position(|(id, _)| *id == self.id)?;
            Some(all.swap_remove(at).1)
        });
        if let Some(mounted) = mounted {
            let element = mounted.element.clone();
            drop(mounted); // unmounts, outside the registry's borrow
            if let Some(shadow) = element.shadow_root() {
                shadow.set_inner_html("");
            }
        }
    }
}

impl KassaHandle {
    /// A second handle to the same checkout (tests only: JavaScript gets one handle).
    #[doc(hidden)]
    pub fn clone_for_test(&self) -> KassaHandle {
        KassaHandle { id: self.id }
    }
}

/// Mounts a checkout into `element`:
/// `mount(el, { clientSecret, apiBase?, locale?, theme?, stripeJs? }, prefetched?, hooks?)`,
/// where `prefetched` is `{url, response}`: a `GET` of the session JavaScript already
/// started (used only if its URL is the one the checkout would ask), and `hooks` is
/// `{payment}`: the loader of the card form, `(host, options) → Promise`.
#[wasm_bindgen]
pub fn mount(
    element: web_sys::HtmlElement,
    options: JsValue,
    prefetched: JsValue,
    hooks: JsValue,
) -> Result<KassaHandle, JsError> {
    let options = parse(options)?;
    let payment = js_sys::Reflect::get(&hooks, &"payment".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .map(PaymentLoader);
    let view = render(&element, &options, Prefetched::from_js(&prefetched), payment.clone())?;
    let id = NEXT_ID.with(|n| {
        let mut n = n.borrow_mut();
        let id = *n;
        *n += 1;
        id
    });
    MOUNTED.with(|m| m.borrow_mut().push((id, Mounted { element, options, payment, _view: view })));
    Ok(KassaHandle { id })
}
