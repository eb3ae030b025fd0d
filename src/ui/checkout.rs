//! The top-level component: loads the session, then shows the form or the screen of the
//! phase the checkout is in.

use std::cell::Cell;
use std::rc::Rc;

use kassa_core::api_error::ApiError;
use kassa_core::checkout::plans::usage_lines;
use kassa_core::checkout::CheckoutPublic;
use kassa_core::i18n::{texts, Lang};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::{CheckoutEndpoint, Prefetched, Session};
use crate::computed::Computed;
use crate::dom::{dynamic, el, later, El, Node};
use crate::lifetime::{Lifetime, Timer};
use crate::state::State;
use crate::ui::chunks::{closing_screen, preload_after, rare_part, RarePart};
use crate::ui::controller::{Controller, HostContext, Phase};
use crate::ui::custom_fields::custom_fields;
use crate::ui::customer::{billing_address, customer_details};
use crate::ui::discount::discount_code;
use crate::ui::pay::pay;
use crate::ui::plan::{plan_picker, seats};
use crate::ui::screens::{expiry_countdown, waiting};
use crate::ui::summary::summary;
use crate::ui::totals::totals;

/// A checkout session, fetched by client secret and rendered: a spinner while it loads,
/// the form once it has, what went wrong (and a way to try again) if it could not.
pub fn checkout(endpoint: CheckoutEndpoint, locale: String, prefetched: Option<Prefetched>) -> Node {
    // The checkout's lifetime: its requests are aborted and its timers cleared when this
    // component's owner is disposed (`destroy()`).
    let lifetime = Lifetime::new();
    provide_context(lifetime.clone());
    let endpoint = endpoint.with_signal(lifetime.signal());
    let lang = Lang::shown_for(&locale);
    let lang_attr = locale.clone();
    // The last answer, taken by the region that shows it; `None` while a request is out.
    // A `Cell` (take and set cannot fail), not a `StoredValue`: one fewer instantiation
    // of Leptos's arena code; the request's task holds it until the request ends (a
    // `destroy()` aborts it).
    let answer = Rc::new(Cell::new(None::<Result<Session, ApiError>>));
    let answered = State::new(0u32);
    let load = {
        let endpoint = endpoint.clone();
        let answer = answer.clone();
        move |prefetched: Option<Prefetched>| {
            let endpoint = endpoint.clone();
            let lifetime = lifetime.clone();
            let answer = answer.clone();
            spawn_local(async move {
                let result = endpoint.get_or_use(prefetched).await;
                if lifetime.alive() {
                    answer.set(Some(result));
                    answered.try_update(|n| *n += 1);
                }
            });
        }
    };
    load(prefetched);
    let view = dynamic(move || {
        answered.track();
        let load = load.clone();
        let endpoint = endpoint.clone();
        let locale = locale.clone();
        let answer = answer.clone();
        untrack(move || match answer.take() {
            None => waiting("kassa-loading", None).text(texts(lang).loading).node(),
            Some(Ok(session)) => checkout_form(session, endpoint, locale),
            Some(Err(error)) => load_error(error, lang, move || {
                answered.update(|n| *n += 1);
                load(None);
            }),
        })
    });
    el("div")
        .class("kassa")
        .testid("kassa-checkout")
        .attr("lang", &lang_attr)
        .attr("dir", if lang.is_rtl() { "rtl" } else { "ltr" })
        .child(view)
        .node()
}

/// The live checkout over a loaded session.
pub fn checkout_form(checkout: Session, endpoint: CheckoutEndpoint, locale: String) -> Node {
    let ctl = Controller::new(endpoint, checkout, locale);
    provide_context(ctl);
    // Ready once the form is on the page. Once it has painted, the code of what comes
    // after the buyer acts is fetched, so that an edit's request or a closing screen never
    // waits on the network; compiling it before the first frame delayed that frame (an
    // A/B of start-up: 1.06 at p50 over 100 runs, 0.95 without it).
    crate::effect::effect(move || {
        ctl.ready();
        ctl.after_paint(Timer::Prefetch, || {
            spawn_local(async {
                let _ = preload_after().await;
            })
        });
    });
    checkout_view(ctl)
}

/// The form, or the screen of the current phase.
pub fn checkout_view(ctl: Controller) -> Node {
    let phase = Computed::new(move || ctl.phase.get());
    // Bumped by "Try again" when a closing screen's code could not be fetched.
    let retry = State::new(0u32);
    let parts: [fn(Controller) -> Node; 12] = [
        summary,
        expiry_countdown,
        plan_picker,
        seats,
        |ctl| {
            deferred(ctl, RarePart::CustomAmount, |s| {
                s.selected_price().and_then(|p| p.custom_amount_bounds()).is_some()
            })
        },
        totals,
        |ctl| deferred(ctl, RarePart::Usage, |s| !usage_lines(s).is_empty()),
        discount_code,
        customer_details,
        billing_address,
        custom_fields,
        pay,
    ];
    dynamic(move || {
        let phase = phase.get();
        retry.track();
        untrack(|| match phase {
            Phase::Open => {
                el("div").class("kassa-form").testid("form").child(parts.map(|part| part(ctl)).to_vec()).node()
            }
            other => later(
                waiting("kassa-loading", None).node(),
                move |at| closing_screen(at, ctl, other),
                move || {
                    ctl.chunk_unavailable();
                    load_failed(ctl.t(), move || retry.update(|n| *n += 1))
                },
            ),
        })
    })
}

/// A part of the form only some sessions have (a pay-what-you-want amount, metered usage):
/// nothing while the session has none, and once it has, the part built by the chunk's
/// code, with a spinner while that loads and a way to try again if it cannot. Their code
/// is not in the first render most checkouts download (−1.9 KB brotli, README "Size").
fn deferred(ctl: Controller, part: RarePart, has: fn(&CheckoutPublic) -> bool) -> Node {
    let shown = Computed::new(move || ctl.session.with(has));
    let retry = State::new(0u32);
    dynamic(move || {
        retry.track();
        shown.get().then(|| {
            untrack(|| {
                later(
                    waiting("part-loading", None).class("kassa-loading kassa-part-loading").node(),
                    move |at| rare_part(at, ctl, part),
                    move || {
                        ctl.chunk_unavailable();
                        load_failed(ctl.t(), move || retry.update(|n| *n += 1))
                    },
                )
            })
        })
    })
}

/// A part of the checkout whose code could not be fetched (Kassa's own file, not the
/// provider): check the connection, and a way to try again.
fn load_failed(t: &'static kassa_core::i18n::Texts, on_retry: impl Fn() + 'static) -> Node {
    let retry = retry_button(t.try_again, on_retry).testid("load-retry");
    error_box("load-failed", t.generic_title, t.network_body, Some(retry)).node()
}

/// What stands where a screen could not be shown: a title, why, and maybe a way to retry.
fn error_box(testid: &str, title: &str, body: &str, retry: Option<El>) -> El {
    el("div")
        .class("kassa-error")
        .attr("role", "alert")
        .testid(testid)
        .child(el("h2").class("kassa-error-title").text(title))
        .child(el("p").text(body))
        .child(retry)
}

fn retry_button(label: &str, on_retry: impl Fn() + 'static) -> El {
    el("button").attr("type", "button").class("kassa-button").text(label).on("click", move |_| on_retry())
}

/// What to tell the buyer when the session could not be loaded.
fn load_error_text(lang: Lang, error: &ApiError) -> (&'static str, &'static str, bool) {
    let t = texts(lang);
    match error {
        ApiError::NotFound(_) => (t.not_found_title, t.not_found_body, false),
        ApiError::Expired(_) => (t.expired_title, t.expired_body, false),
        ApiError::Network(_) => (t.network_title, t.network_body, true),
        e if e.is_retryable() => (t.server_title, t.server_body, true),
        _ => (t.generic_title, t.generic_body, true),
    }
}

/// The session could not be loaded: why, and a way to try again where that may help.
fn load_error(error: ApiError, lang: Lang, on_retry: impl Fn() + 'static) -> Node {
    let (title, body, retry) = load_error_text(lang, &error);
    if let Some(host) = use_context::<HostContext>() {
        host.with_value(|h| {
            if let Some(h) = h {
                h.error(error.code(), &error.to_string());
                if matches!(error, ApiError::Expired(_)) {
                    h.emit("kassa:expired", &wasm_bindgen::JsValue::NULL);
                }
            }
        });
    }
    let phase = if matches!(error, ApiError::Expired(_)) { "expired" } else { "error" };
    let retry = retry.then(|| retry_button(texts(lang).try_again, on_retry));
    error_box("kassa-error", title, body, retry).attr("data-code", error.code()).attr("data-phase", phase).node()
}
