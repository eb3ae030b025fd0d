//! The subscription screen's JavaScript API: `mountSubscription(element, options)`, the
//! only export of this wasm. Like the checkout, it renders into the element's shadow
//! root with Kassa's stylesheet, and returns a handle with `update(options)` and
//! `destroy()`.

use std::cell::RefCell;

use kassa::dom::Mounted;
use kassa::events::Host;
use kassa::intl::browser_locale;
use kassa::wire::Js;
use kassa_core::wire::{self, FromWire, Wire};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::api::PortalApi;
use crate::screen::Screen;

/// The checkout's stylesheet and the screen's own rules after it.
const STYLESHEET: &str = concat!(include_str!("../../www/kassa.css"), include_str!("../../www/kassa-subscription.css"));

/// Options of `mountSubscription` and `update`, as JavaScript passes them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SubscriptionOptions {
    /// The customer session token (`polar_cst_…`). Required.
    pub customer_session_token: Option<String>,
    /// The subscription to show; without it, the customer's subscriptions are listed.
    pub subscription_id: Option<String>,
    /// The provider's base URL. Default: `https://api.polar.sh`.
    pub api_base: Option<String>,
    /// BCP 47 locale. Default: the browser's language.
    pub locale: Option<String>,
    /// `light`, `dark` or `auto`. Default: `auto`.
    pub theme: Option<String>,
}

impl SubscriptionOptions {
    fn merge(self, later: Self) -> Self {
        Self {
            customer_session_token: later.customer_session_token.or(self.customer_session_token),
            subscription_id: later.subscription_id.or(self.subscription_id),
            api_base: later.api_base.or(self.api_base),
            locale: later.locale.or(self.locale),
            theme: later.theme.or(self.theme),
        }
    }

    fn theme(&self) -> Result<&str, JsError> {
        match self.theme.as_deref().unwrap_or("auto") {
            t @ ("light" | "dark" | "auto") => Ok(t),
            _ => Err(JsError::new(r#"theme must be "light", "dark" or "auto""#)),
        }
    }
}

/// Read by their camelCase names, as `KassaSubscriptionOptions` names them.
impl FromWire for SubscriptionOptions {
    fn from_wire<W: Wire>(w: &W) -> kassa_core::Result<Self> {
        let f = wire::fields(w)?;
        f.done(Self {
            customer_session_token: f.opt("customerSessionToken"),
            subscription_id: f.opt("subscriptionId"),
            api_base: f.opt("apiBase"),
            locale: f.opt("locale"),
            theme: f.opt("theme"),
        })
    }
}

fn parse(options: JsValue) -> Result<SubscriptionOptions, JsError> {
    if options.is_undefined() || options.is_null() {
        return Ok(SubscriptionOptions::default());
    }
    wire::read(&Js(options)).map_err(|e| match e {
        kassa_core::Error::Unreadable { at, expected } => {
            let what = if at.is_empty() { "options" } else { at.as_str() };
            JsError::new(&format!("{what} must be {expected}"))
        }
        other => JsError::new(&other.to_string()),
    })
}

struct Entry {
    element: web_sys::HtmlElement,
    options: SubscriptionOptions,
    _view: Option<Mounted>,
}

thread_local! {
    static MOUNTED: RefCell<Vec<(u32, Entry)>> = const { RefCell::new(Vec::new()) };
    static NEXT_ID: RefCell<u32> = const { RefCell::new(1) };
    static SHEET: RefCell<Option<web_sys::CssStyleSheet>> = const { RefCell::new(None) };
}

fn stylesheet() -> Result<web_sys::CssStyleSheet, JsError> {
    SHEET.with(|cell| {
        if let Some(sheet) = cell.borrow().as_ref() {
            return Ok(sheet.clone());
        }
        let sheet =
            web_sys::CssStyleSheet::new().map_err(|_| JsError::new("constructable stylesheets are not supported"))?;
        sheet.replace_sync(STYLESHEET).map_err(|_| JsError::new("the stylesheet did not parse"))?;
        *cell.borrow_mut() = Some(sheet.clone());
        Ok(sheet)
    })
}

fn render(element: &web_sys::HtmlElement, options: &SubscriptionOptions) -> Result<Mounted, JsError> {
    let token = options.customer_session_token.as_deref().map(str::trim).unwrap_or_default();
    if token.is_empty() {
        return Err(JsError::new("customerSessionToken is required"));
    }
    let _ = element.set_attribute("data-theme", options.theme()?);
    let shadow = match element.shadow_root() {
        Some(shadow) => shadow,
        None => element
            .attach_shadow(&web_sys::ShadowRootInit::new(web_sys::ShadowRootMode::Open))
            .map_err(|_| JsError::new("this element cannot host a shadow root"))?,
    };
    shadow.set_inner_html("");
    let _ = js_sys::Reflect::set(&shadow, &"adoptedStyleSheets".into(), &js_sys::Array::of1(&stylesheet()?.into()));
    let document = element.owner_document().ok_or_else(|| JsError::new("element is not in a document"))?;
    let container = document.create_element("div").map_err(|_| JsError::new("cannot create elements"))?;
    shadow.append_child(&container).map_err(|_| JsError::new("cannot attach"))?;
    let api = PortalApi::new(options.api_base.as_deref(), token, None);
    let locale = options.locale.clone().unwrap_or_else(browser_locale);
    let host = Host(element.clone().unchecked_into());
    let id = options.subscription_id.clone();
    Ok(kassa::dom::mount(&container, move || {
        let screen = Screen::new(api, Some(host), locale, id.clone());
        screen.start(id);
        crate::ui::screen(screen)
    }))
}

/// A mounted subscription screen.
#[wasm_bindgen]
pub struct SubscriptionHandle {
    id: u32,
}

#[wasm_bindgen]
impl SubscriptionHandle {
    /// Changes options: a new theme in place; anything else renders the screen afresh.
    pub fn update(&self, options: JsValue) -> Result<(), JsError> {
        let later = parse(options)?;
        MOUNTED.with(|m| {
            let mut mounted = m.borrow_mut();
            let Some((_, entry)) = mounted.iter_mut().find(|(id, _)| *id == self.id) else {
                return Err(JsError::new("this subscription screen was destroyed"));
            };
            let merged = entry.options.clone().merge(later);
            // Checked before the screen shown goes: a refused update leaves it as it was.
            merged.theme()?;
            if merged.customer_session_token.as_deref().map(str::trim).unwrap_or_default().is_empty() {
                return Err(JsError::new("customerSessionToken is required"));
            }
            let theme_only = SubscriptionOptions { theme: None, ..merged.clone() }
                == SubscriptionOptions { theme: None, ..entry.options.clone() };
            if theme_only {
                let _ = entry.element.set_attribute("data-theme", merged.theme()?);
            } else {
                entry._view = None;
                entry._view = Some(render(&entry.element, &merged)?);
            }
            entry.options = merged;
            Ok(())
        })
    }

    /// Removes the screen and ends everything it started (requests aborted). Harmless twice.
    pub fn destroy(&self) {
        let entry = MOUNTED.with(|m| {
            let mut all = m.borrow_mut();
            let at = all.iter().position(|(id, _)| *id == self.id)?;
            Some(all.swap_remove(at).1)
        });
        if let Some(entry) = entry {
            let element = entry.element.clone();
            drop(entry);
            if let Some(shadow) = element.shadow_root() {
                shadow.set_inner_html("");
            }
        }
    }
}

/// `mountSubscription(element, {customerSessionToken, subscriptionId?, apiBase?, locale?, theme?})`.
#[wasm_bindgen(js_name = mountSubscription)]
pub fn mount_subscription(element: web_sys::HtmlElement, options: JsValue) -> Result<SubscriptionHandle, JsError> {
    let options = parse(options)?;
    let view = render(&element, &options)?;
    let id = NEXT_ID.with(|n| {
        let mut n = n.borrow_mut();
        let id = *n;
        *n += 1;
        id
    });
    MOUNTED.with(|m| m.borrow_mut().push((id, Entry { element, options, _view: Some(view) })));
    Ok(SubscriptionHandle { id })
}
