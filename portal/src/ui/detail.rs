//! One subscription: plan, price and interval, status in words, seats, period, next
//! charge, a pending change, and the actions Polar's rules allow now.

use kassa::dom::{dynamic, el, fragment, El, Node};
use kassa::intl::format_integer;
use kassa_core::subscription::texts::fill_in;
use kassa_core::subscription::view::{actions, next_charge, status_line, StatusLine};
use kassa_core::subscription::{CustomerSubscription, SubscriptionStatus, SubscriptionUpdate};
use leptos::prelude::*;

use crate::screen::{Panel, Screen};
use crate::ui::money::{amounts, date, period, price};
use crate::ui::panels;

/// The badge's word and its class suffix.
fn badge(s: &Screen, sub: &CustomerSubscription) -> (&'static str, &'static str) {
    let t = s.t();
    use SubscriptionStatus as S;
    match sub.status {
        S::Trialing | S::Active | S::PastDue if sub.cancel_at_period_end => (t.badge_canceling, "canceling"),
        S::Trialing => (t.badge_trialing, "trialing"),
        S::Active => (t.badge_active, "active"),
        S::PastDue => (t.badge_past_due, "past_due"),
        S::Paused => (t.badge_paused, "paused"),
        S::Canceled => (t.badge_canceled, "canceled"),
        S::Unpaid => (t.badge_unpaid, "unpaid"),
        S::Incomplete | S::IncompleteExpired => (t.badge_incomplete, "incomplete"),
        S::Unknown => ("?", "unknown"),
    }
}

/// The status in words: one or two sentences.
pub fn status_words(s: &Screen, sub: &CustomerSubscription) -> Vec<String> {
    let t = s.t();
    let locale = s.locale();
    let d = |ts: &str| date(ts, &locale);
    match status_line(sub) {
        StatusLine::Trialing(end) => vec![fill_in(t.status_trialing, &[&d(&end)])],
        StatusLine::Renews(end) => vec![fill_in(t.status_renews, &[&d(&end)])],
        StatusLine::CancelsOn(end) => vec![fill_in(t.status_cancels, &[&d(&end)])],
        StatusLine::PausesOn(on, None) => vec![fill_in(t.status_pauses, &[&d(&on)])],
        StatusLine::PausesOn(on, Some(until)) => vec![fill_in(t.status_pauses_until, &[&d(&on), &d(&until)])],
        StatusLine::PastDue(since, attempts) => {
            let mut words = vec![match since {
                Some(since) => fill_in(t.status_past_due, &[&d(&since)]),
                None => t.badge_past_due.to_string(),
            }];
            if let Some((attempt, of)) = attempts {
                let (a, o) = (format_integer(attempt, &locale), format_integer(of, &locale));
                words.push(fill_in(t.status_past_due_attempt, &[&a, &o]));
            }
            words
        }
        StatusLine::Paused(None) => vec![t.status_paused.into()],
        StatusLine::Paused(Some(until)) => vec![fill_in(t.status_paused_until, &[&d(&until)])],
        StatusLine::Canceled(Some(on)) => vec![fill_in(t.status_canceled, &[&d(&on)])],
        StatusLine::Canceled(None) => vec![t.badge_canceled.into()],
        StatusLine::Unpaid => vec![t.status_unpaid.into()],
        StatusLine::Incomplete => vec![t.status_incomplete.into()],
        StatusLine::Unknown => vec![t.status_unknown.into()],
    }
}

fn row(term: &str, value: impl kassa::dom::IntoNodes, testid: &str) -> El {
    el("div").class("kassa-total-row").testid(testid).child(el("dt").text(term)).child(el("dd").child(value))
}

fn action(label: &str, testid: &str, primary: bool, f: impl Fn() + 'static) -> El {
    el("button")
        .class(if primary { "kassa-button" } else { "kassa-button kassa-button-secondary" })
        .attr("type", "button")
        .testid(testid)
        .text(label)
        .on("click", move |_| f())
}

fn panel_button(s: Screen, label: &str, testid: &str, panel: Panel) -> El {
    action(label, testid, false, move || {
        if s.panel.get_untracked() == panel {
            s.close();
        } else {
            s.open_panel(panel);
        }
    })
    .bind_attr("aria-expanded", move || Some((s.panel.get() == panel).to_string()))
}

/// The subscription shown, rebuilt when it changes.
pub fn detail(s: Screen) -> Node {
    fragment(vec![
        dynamic(move || s.current.with(|c| c.as_ref().map(|loaded| summary(s, &loaded.model)))),
        el("div").class("kassa-sub-panel").dynamic(move || panels::panel(s, s.panel.get())).node(),
        el("p")
            .class("kassa-notice")
            .attr("role", "alert")
            .testid("subscription-notice")
            .bind_text(move || s.notice.get().unwrap_or_default())
            .node(),
        el("p")
            .class("kassa-status")
            .attr("role", "status")
            .testid("subscription-status")
            .bind_text(move || {
                if s.busy.get() {
                    s.t().saving.into()
                } else if s.saved.get() {
                    s.t().saved.into()
                } else {
                    String::new()
                }
            })
            .node(),
    ])
}

fn summary(s: Screen, sub: &CustomerSubscription) -> Node {
    let t = s.t();
    let locale = s.locale();
    let money = amounts(sub, &locale);
    let (word, kind) = badge(&s, sub);
    let allowed = actions(sub);
    let from_list = s.list.with_untracked(Option::is_some);
    let mut rows = Vec::new();
    if let Some(seats) = sub.seats {
        rows.push(row(t.seats, format_integer(seats, &locale), "sub-seats"));
    }
    rows.push(row(
        t.current_period,
        fill_in("{} – {}", &[&date(&sub.current_period_start, &locale), &date(&sub.current_period_end, &locale)]),
        "sub-period",
    ));
    let next = match next_charge(sub) {
        Some((when, amount)) => {
            let amount_text = money.charged(amount);
            let local = money.local(amount).map(|l| format!(" (≈ {l})")).unwrap_or_default();
            fill_in(t.next_charge_value, &[&format!("{amount_text}{local}"), &date(&when, &locale)])
        }
        None => t.no_next_charge.into(),
    };
    rows.push(row(t.next_charge, next, "sub-next-charge"));
    let pending = sub.pending_update.as_ref().map(|p| {
        let on = date(&p.applies_at, &locale);
        let mut lines: Vec<Node> = Vec::new();
        if let Some(product) = p.product_id.clone() {
            // Its own binding: when the products arrive only this line changes, not the
            // buttons (a rebuilt button would take the keyboard's focus with it).
            let on = on.clone();
            lines.push(
                el("p")
                    .bind_text(move || {
                        let name = s
                            .products
                            .with(|ps| {
                                ps.as_ref().and_then(|ps| ps.iter().find(|x| x.id == product).map(|x| x.name.clone()))
                            })
                            .unwrap_or_else(|| "…".to_string());
                        fill_in(t.pending_product, &[&name, &on])
                    })
                    .node(),
            );
        }
        if let Some(seats) = p.seats {
            lines.push(el("p").text(&fill_in(t.pending_seats, &[&format_integer(seats, &locale), &on])).node());
        }
        el("section")
            .class("kassa-sub-pending")
            .testid("sub-pending")
            .child(el("h3").class("kassa-legend").text(t.pending_title))
            .child(lines)
            .child(allowed.drop_pending.then(|| {
                action(t.drop_pending, "sub-drop-pending", false, move || {
                    s.change("drop_pending", SubscriptionUpdate::ClearPending)
                })
                .bind_flag("disabled", move || s.busy.get())
            }))
    });
    let mut buttons: Vec<El> = Vec::new();
    if allowed.change_plan {
        buttons.push(panel_button(s, t.change_plan, "sub-open-plan", Panel::Plan));
    }
    if allowed.change_seats {
        buttons.push(panel_button(s, t.change_seats, "sub-open-seats", Panel::Seats));
    }
    if allowed.move_charge {
        buttons.push(panel_button(s, t.move_charge, "sub-open-charge", Panel::Charge));
    }
    if allowed.pause {
        buttons.push(panel_button(s, t.pause, "sub-open-pause", Panel::Pause));
    }
    if allowed.unpause {
        buttons.push(action(t.unpause, "sub-unpause", false, move || {
            s.change("unpause", SubscriptionUpdate::Pause { pause_at_period_end: false, resumes_at: None })
        }));
    }
    if allowed.resume {
        buttons.push(action(t.resume, "sub-resume", true, move || s.change("resume", SubscriptionUpdate::Resume)));
    }
    if allowed.uncancel {
        buttons.push(action(t.keep, "sub-uncancel", true, move || {
            s.change(
                "uncancel",
                SubscriptionUpdate::Cancel {
                    cancel_at_period_end: Some(false),
                    cancellation_reason: None,
                    cancellation_comment: None,
                },
            )
        }));
    }
    if allowed.cancel {
        buttons.push(panel_button(s, t.cancel, "sub-open-cancel", Panel::Cancel));
    }
    let buttons: Vec<Node> =
        buttons.into_iter().map(|b| b.bind_flag("disabled", move || s.busy.get()).node()).collect();
    let words = status_words(&s, sub);
    el("div")
        .class("kassa-form")
        .child(from_list.then(|| {
            let arrow = if s.lang.is_rtl() { "→" } else { "←" };
            el("button")
                .class("kassa-link kassa-sub-back")
                .attr("type", "button")
                .testid("sub-back")
                .text(&format!("{arrow} {}", t.all_subscriptions))
                .on("click", move |_| s.back_to_list())
        }))
        .child(
            el("header")
                .class("kassa-summary")
                .child(el("h2").class("kassa-product").testid("sub-product").text(&sub.product.product.name))
                .child(el("p").class("kassa-price").testid("sub-price").child(price(sub.amount, &money)).child(
                    el("span").class("kassa-price-interval").text(&format!(" {}", period(sub, s.lang, &locale))),
                ))
                .child(
                    el("p")
                        .class("kassa-sub-status")
                        .testid("sub-status")
                        .child(el("span").class(&format!("kassa-badge kassa-sub-badge kassa-sub-{kind}")).text(word))
                        .child(
                            words
                                .into_iter()
                                .map(|w| el("span").class("kassa-sub-words").text(&w).node())
                                .collect::<Vec<_>>(),
                        ),
                ),
        )
        .child(el("dl").class("kassa-totals").child(rows))
        .child(pending)
        .child((!buttons.is_empty()).then(|| el("div").class("kassa-sub-actions").testid("sub-actions").child(buttons)))
        .node()
}
