//! The top-level component: loads the session and shows it, a loading state, or an
//! error the buyer can act on.

use kassa_core::api_error::ApiError;
use leptos::prelude::*;

use crate::api::CheckoutEndpoint;
use crate::ui::Summary;

/// A checkout session, fetched by client secret and rendered.
#[component]
pub fn Checkout(
    /// Where the session lives.
    endpoint: CheckoutEndpoint,
    /// BCP 47 locale for amounts and text.
    locale: String,
) -> impl IntoView {
    let session = LocalResource::new(move || {
        let endpoint = endpoint.clone();
        async move { endpoint.get().await }
    });
    let locale = StoredValue::new(locale);
    view! {
        <div class="kassa" data-testid="kassa-checkout">
            <Transition fallback=|| view! { <Loading /> }>
                {move || {
                    session
                        .get()
                        .map(|result| match result {
                            Ok(checkout) => {
                                view! { <Summary checkout locale=locale.get_value() /> }.into_any()
                            }
                            Err(error) => {
                                view! { <LoadError error on_retry=move || session.refetch() /> }
                                    .into_any()
                            }
                        })
                }}
            </Transition>
        </div>
    }
}

/// Shown while the session loads.
#[component]
fn Loading() -> impl IntoView {
    view! {
        <div class="kassa-loading" role="status" aria-live="polite" data-testid="kassa-loading">
            <span class="kassa-spinner" aria-hidden="true"></span>
            "Loading checkout…"
        </div>
    }
}

/// What to tell the buyer when the session could not be loaded.
fn load_error_text(error: &ApiError) -> (&'static str, &'static str, bool) {
    match error {
        ApiError::NotFound(_) => (
            "Checkout not found",
            "This checkout link is invalid or has been removed. Ask the shop for a new one.",
            false,
        ),
        ApiError::Expired(_) => (
            "Checkout expired",
            "This checkout has expired. Go back to the shop to start again.",
            false,
        ),
        ApiError::Network(_) => (
            "Can't reach the payment service",
            "Check your connection and try again.",
            true,
        ),
        e if e.is_retryable() => (
            "The payment service is having trouble",
            "Nothing was charged. Try again in a moment.",
            true,
        ),
        _ => ("Something went wrong", "This checkout could not be loaded.", true),
    }
}

/// The session could not be loaded.
#[component]
fn LoadError(
    /// Why.
    error: ApiError,
    /// Called when the buyer asks to try again.
    on_retry: impl Fn() + 'static,
) -> impl IntoView {
    let (title, body, retry) = load_error_text(&error);
    view! {
        <div class="kassa-error" role="alert" data-testid="kassa-error" data-code=error.code()>
            <h2 class="kassa-error-title">{title}</h2>
            <p>{body}</p>
            {retry
                .then(|| {
                    view! {
                        <button type="button" class="kassa-button" on:click=move |_| on_retry()>
                            "Try again"
                        </button>
                    }
                })}
        </div>
    }
}
