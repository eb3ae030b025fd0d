//! What the buyer sees outside the form: the expiry countdown, the bank's second step,
//! and the closing screens (processing, paid, failed, expired, closed).

use std::time::Duration;

use kassa_core::i18n::fill;
use leptos::prelude::*;

use crate::ui::controller::{Controller, Phase};

/// Shown from this long before expiry.
const WARN_BEFORE_MS: f64 = 10.0 * 60.0 * 1000.0;

/// "This checkout expires in 4:59", from ten minutes before expiry; at zero the
/// expired screen.
#[component]
pub fn ExpiryCountdown() -> impl IntoView {
    let ctl = expect_context::<Controller>();
    let now = RwSignal::new(js_sys::Date::now());
    if let Ok(handle) = set_interval_with_handle(
        move || {
            now.try_set(js_sys::Date::now());
        },
        Duration::from_secs(1),
    ) {
        on_cleanup(move || handle.clear());
    }
    let expires = Memo::new(move |_| ctl.session.with(|s| js_sys::Date::parse(&s.expires_at)));
    let left = move || expires.get() - now.get();
    Effect::new(move |_| {
        if left() <= 0.0 && ctl.phase.get_untracked() == Phase::Open {
            ctl.set_phase(Phase::Expired);
        }
    });
    move || {
        let ms = left();
        (ms.is_finite() && ms > 0.0 && ms <= WARN_BEFORE_MS).then(|| {
            let secs = (ms / 1000.0).ceil() as u64;
            let text = fill(ctl.t().expires_in, &[&format!("{}:{:02}", secs / 60, secs % 60)]);
            view! { <p class="kassa-countdown" role="timer" aria-live="off" data-testid="countdown">{text}</p> }
        })
    }
}

/// A closing screen.
#[component]
fn Screen(
    /// Heading.
    title: String,
    /// Body.
    body: String,
    /// Test id and `data-phase`.
    phase: &'static str,
    /// Whether it reports a problem.
    #[prop(default = false)]
    problem: bool,
) -> impl IntoView {
    view! {
        <div class="kassa-screen" class:kassa-screen-problem=problem role="status" data-testid="screen" data-phase=phase>
            <div class="kassa-screen-icon" aria-hidden="true">{if problem { "!" } else { "✓" }}</div>
            <h2 class="kassa-screen-title">{title}</h2>
            <p>{body}</p>
        </div>
    }
}

/// The screen for every phase but `Open`.
#[component]
pub fn PhaseScreen(
    /// The phase.
    phase: Phase,
) -> impl IntoView {
    let ctl = expect_context::<Controller>();
    let t = ctl.t();
    match phase {
        Phase::Open => ().into_any(),
        // The bank's window (Stripe's, or the sandbox's stand-in) is open over the page.
        Phase::Authenticating => view! {
            <div class="kassa-loading" role="status" aria-live="polite" data-testid="screen" data-phase="authenticating">
                <span class="kassa-spinner" aria-hidden="true"></span>
                <span><strong>{t.auth_title}</strong> " " {t.auth_body}</span>
            </div>
        }
        .into_any(),
        Phase::Processing => view! {
            <div class="kassa-loading" role="status" aria-live="polite" data-testid="screen" data-phase="processing">
                <span class="kassa-spinner" aria-hidden="true"></span>
                {t.processing}
            </div>
        }
        .into_any(),
        Phase::Succeeded => {
            let email = ctl.session.with_untracked(|s| s.customer_email.clone().unwrap_or_default());
            view! { <Screen title=t.success_title.into() body=fill(t.success_body, &[&email]) phase="succeeded" /> }.into_any()
        }
        Phase::Failed => view! { <Screen title=t.failed_title.into() body=t.failed_body.into() phase="failed" problem=true /> }.into_any(),
        Phase::Expired => view! { <Screen title=t.expired_title.into() body=t.expired_body.into() phase="expired" problem=true /> }.into_any(),
        Phase::Closed => view! { <Screen title=t.closed_title.into() body=t.closed_body.into() phase="closed" problem=true /> }.into_any(),
    }
}
