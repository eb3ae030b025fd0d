//! The top-level component: loads the session, then shows the form or the screen of the
//! phase the checkout is in.

use kassa_core::api_error::ApiError;
use kassa_core::i18n::{texts, Lang};
use leptos::prelude::*;

use crate::api::{CheckoutEndpoint, Prefetched, Session};
use crate::lifetime::Lifetime;
use crate::ui::controller::{Controller, Phase};
use crate::ui::custom_fields::CustomFields;
use crate::ui::customer::{BillingAddress, CustomerDetails};
use crate::ui::discount::DiscountCode;
use crate::ui::pay::Pay;
use crate::ui::plan::{PayWhatYouWant, PlanPicker, Seats};
use crate::ui::screens::{ExpiryCountdown, PhaseScreen};
use crate::ui::summary::Summary;
use crate::ui::totals::Totals;
use crate::ui::usage::Usage;

/// A checkout session, fetched by client secret and rendered.
#[component]
pub fn Checkout(
    /// Where the session lives.
    endpoint: CheckoutEndpoint,
    /// BCP 47 locale for amounts and text.
    locale: String,
    /// The first `GET`, if the JavaScript already started it; a retry asks anew.
    prefetched: Option<Prefetched>,
) -> impl IntoView {
    // The checkout's lifetime: its requests are aborted and its timers cleared when this
    // component's owner is disposed (`destroy()`).
    let lifetime = Lifetime::new();
    provide_context(lifetime.clone());
    let load = endpoint.with_signal(lifetime.signal());
    let endpoint = load.clone();
    let prefetched = StoredValue::new_local(prefetched);
    let session = LocalResource::new(move || {
        let endpoint = load.clone();
        let prefetched = prefetched.try_update_value(Option::take).flatten();
        async move { endpoint.get_or_use(prefetched).await }
    });
    let lang = Lang::shown_for(&locale);
    let (endpoint, locale) = (StoredValue::new_local(endpoint), StoredValue::new(locale));
    view! {
        <div class="kassa" data-testid="kassa-checkout" lang=locale.get_value() dir=if lang.is_rtl() { "rtl" } else { "ltr" }>
            <Transition fallback=move || view! { <Loading lang /> }>
                {move || {
                    session.get().map(|result| match result {
                        Ok(checkout) => view! {
                            <CheckoutForm checkout endpoint=endpoint.get_value() locale=locale.get_value() />
                        }
                        .into_any(),
                        Err(error) => view! { <LoadError error lang on_retry=move || session.refetch() /> }.into_any(),
                    })
                }}
            </Transition>
        </div>
    }
}

/// The live checkout over a loaded session.
#[component]
pub fn CheckoutForm(
    /// The session as loaded.
    #[prop(into)]
    checkout: Session,
    /// Where it lives.
    endpoint: CheckoutEndpoint,
    /// BCP 47 locale.
    locale: String,
) -> impl IntoView {
    let ctl = Controller::new(endpoint, checkout, locale);
    provide_context(ctl);
    // Ready once the form is on the page.
    Effect::new(move |_| ctl.ready());
    view! { <CheckoutView /> }
}

/// The form, or the screen of the current phase (needs a [`Controller`] in context).
#[component]
pub fn CheckoutView() -> impl IntoView {
    let ctl = expect_context::<Controller>();
    let phase = Memo::new(move |_| ctl.phase.get());
    move || match phase.get() {
        Phase::Open => view! {
            <div class="kassa-form" data-testid="form">
                <Summary />
                <ExpiryCountdown />
                <PlanPicker />
                <Seats />
                <PayWhatYouWant />
                <Totals />
                <Usage />
                <DiscountCode />
                <CustomerDetails />
                <BillingAddress />
                <CustomFields />
                <Pay />
            </div>
        }
        .into_any(),
        other => view! { <PhaseScreen phase=other /> }.into_any(),
    }
}

/// Shown while the session loads.
#[component]
fn Loading(lang: Lang) -> impl IntoView {
    view! {
        <div class="kassa-loading" role="status" aria-live="polite" data-testid="kassa-loading">
            <span class="kassa-spinner" aria-hidden="true"></span>
            {texts(lang).loading}
        </div>
    }
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

/// The session could not be loaded.
#[component]
fn LoadError(
    /// Why.
    error: ApiError,
    /// Language.
    lang: Lang,
    /// Called when the buyer asks to try again.
    on_retry: impl Fn() + 'static,
) -> impl IntoView {
    let (title, body, retry) = load_error_text(lang, &error);
    if let Some(host) = use_context::<crate::ui::controller::HostContext>() {
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
    view! {
        <div class="kassa-error" role="alert" data-testid="kassa-error" data-code=error.code() data-phase=phase>
            <h2 class="kassa-error-title">{title}</h2>
            <p>{body}</p>
            {retry.then(|| view! {
                <button type="button" class="kassa-button" on:click=move |_| on_retry()>{texts(lang).try_again}</button>
            })}
        </div>
    }
}
