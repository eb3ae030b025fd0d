//! What the buyer sees outside the form: the expiry countdown, the bank's second step,
//! and the closing screens (processing, paid, failed, expired, closed).

use std::time::Duration;

use kassa_core::i18n::fill;
use leptos::prelude::*;

use crate::computed::Computed;
use crate::dom::{dynamic, el, El, Node};
use crate::state::State;
use crate::ui::controller::{Controller, Phase};

/// Shown from this long before expiry.
const WARN_BEFORE_MS: f64 = 10.0 * 60.0 * 1000.0;

/// "This checkout expires in 4:59", from ten minutes before expiry; at zero the
/// expired screen.
pub fn expiry_countdown(ctl: Controller) -> Node {
    let now = State::new(js_sys::Date::now());
    if let Ok(handle) = set_interval_with_handle(
        move || {
            now.try_set(js_sys::Date::now());
        },
        Duration::from_secs(1),
    ) {
        on_cleanup(move || handle.clear());
    }
    let expires = Computed::new(move || ctl.session.with(|s| js_sys::Date::parse(&s.expires_at)));
    let left = move || expires.get() - now.get();
    crate::effect::effect(move || {
        if left() <= 0.0 && ctl.phase.get_untracked() == Phase::Open {
            ctl.set_phase(Phase::Expired);
        }
    });
    // Shown or not re-renders the line; the seconds only change its text.
    let shown = Computed::new(move || {
        let ms = left();
        ms.is_finite() && ms > 0.0 && ms <= WARN_BEFORE_MS
    });
    dynamic(move || {
        shown.get().then(|| {
            el("p")
                .class("kassa-countdown")
                .attr("role", "timer")
                .attr("aria-live", "off")
                .testid("countdown")
                .bind_text(move || {
                    let secs = (left().max(0.0) / 1000.0).ceil() as u64;
                    fill(ctl.t().expires_in, &[&format!("{}:{:02}", secs / 60, secs % 60)])
                })
        })
    })
}

/// A closing screen: a heading, a sentence, and whether it reports a problem.
fn screen(title: &str, body: &str, phase: &str, problem: bool) -> El {
    el("div")
        .class(if problem { "kassa-screen kassa-screen-problem" } else { "kassa-screen" })
        .attr("role", "status")
        .testid("screen")
        .attr("data-phase", phase)
        .child(el("div").class("kassa-screen-icon").attr("aria-hidden", "true").text(if problem { "!" } else { "✓" }))
        .child(el("h2").class("kassa-screen-title").text(title))
        .child(el("p").text(body))
}

/// A spinner with what is being waited for.
pub fn waiting(testid: &str, phase: Option<&str>) -> El {
    el("div")
        .class("kassa-loading")
        .attr("role", "status")
        .attr("aria-live", "polite")
        .testid(testid)
        .attr_opt("data-phase", phase)
        .child(el("span").class("kassa-spinner").attr("aria-hidden", "true"))
}

/// The screen for every phase but `Open`.
pub fn phase_screen(ctl: Controller, phase: Phase) -> Node {
    let t = ctl.t();
    match phase {
        Phase::Open => crate::dom::fragment(Vec::<Node>::new()),
        // The bank's window (Stripe's, or the sandbox's stand-in) is open over the page.
        Phase::Authenticating => waiting("screen", Some("authenticating"))
            .child(el("span").child(el("strong").text(t.auth_title)).text(" ").text(t.auth_body))
            .node(),
        Phase::Processing => waiting("screen", Some("processing")).text(t.processing).node(),
        Phase::Succeeded => {
            let email = ctl.session.with_untracked(|s| s.customer_email.clone().unwrap_or_default());
            screen(t.success_title, &fill(t.success_body, &[&email]), "succeeded", false).node()
        }
        Phase::Failed => screen(t.failed_title, t.failed_body, "failed", true).node(),
        Phase::Expired => screen(t.expired_title, t.expired_body, "expired", true).node(),
        Phase::Closed => screen(t.closed_title, t.closed_body, "closed", true).node(),
    }
}
