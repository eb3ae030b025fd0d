//! The change being prepared: a plan or seat change with its price asked for before it
//! is confirmed, a cancellation with its reason, a pause until a day, a new day for the
//! next charge. What the customer types lives in the screen's signals, so a refusal
//! leaves it in place with the message beside its field.

use kassa::dom::{el, El, Node};
use kassa::intl::format_integer;
use kassa_core::subscription::texts::fill_in;
use kassa_core::subscription::view::{plan_choices, seat_bounds};
use kassa_core::subscription::{CancellationReason, CustomerSubscription, ProrationBehavior, SubscriptionUpdate};
use leptos::prelude::*;
use serde_json::json;
use wasm_bindgen::JsCast;

use crate::dates::{day_of, next_day};
use crate::screen::{Kind, Panel, Preview, Screen};
use crate::ui::money::{amounts, date};

fn value_of(event: &web_sys::Event) -> String {
    event
        .target()
        .and_then(|t| {
            t.dyn_ref::<web_sys::HtmlInputElement>()
                .map(|i| i.value())
                .or_else(|| t.dyn_ref::<web_sys::HtmlSelectElement>().map(|i| i.value()))
                .or_else(|| t.dyn_ref::<web_sys::HtmlTextAreaElement>().map(|i| i.value()))
        })
        .unwrap_or_default()
}

/// The message line of `field`, linked from its input.
fn field_error(s: Screen, field: &'static str) -> El {
    el("p")
        .class("kassa-field-error")
        .id(&format!("kassa-sub-{field}-error"))
        .attr("role", "alert")
        .testid(&format!("error-{field}"))
        .bind_text(move || s.field_error(field).unwrap_or_default())
}

fn input(s: Screen, field: &'static str, kind: &str) -> El {
    el("input")
        .class("kassa-input")
        .attr("type", kind)
        .id(&format!("kassa-sub-{field}"))
        .attr("name", field)
        .attr("aria-describedby", &format!("kassa-sub-{field}-error"))
        .testid(&format!("input-{field}"))
        .bind_bool("aria-invalid", move || s.field_error(field).is_some())
}

fn label(field: &str, text: &str) -> El {
    el("label").class("kassa-label").attr("for", &format!("kassa-sub-{field}")).text(text)
}

/// The form's buttons: confirm (its submit) and back.
fn confirm(s: Screen, text: &str, testid: &str) -> El {
    el("div")
        .class("kassa-sub-actions")
        .child(
            el("button")
                .class("kassa-button")
                .attr("type", "submit")
                .testid(testid)
                .text(text)
                .bind_flag("disabled", move || s.busy.get()),
        )
        .child(
            el("button")
                .class("kassa-button kassa-button-secondary")
                .attr("type", "button")
                .text(s.t().back)
                .on("click", move |_| s.close()),
        )
}

/// A form of `body` that runs `submit` (Enter in a field, or its confirm button).
fn form(body: Vec<El>, submit: impl Fn() + 'static) -> Node {
    el("form")
        .class("kassa-section kassa-sub-form")
        .attr("novalidate", "")
        .on("submit", move |e| {
            e.prevent_default();
            submit();
        })
        .child(body)
        .node()
}

/// The price of the change being prepared, as the organization bills it. `now`: the
/// change is invoiced at once even under `prorate` (a plan of another interval, as
/// Polar bills it).
fn preview(s: Screen, sub: &CustomerSubscription, now: impl Fn() -> bool + 'static) -> El {
    let t = s.t();
    let locale = s.locale();
    let money = amounts(sub, &locale);
    let behavior = sub.product.organization.proration_behavior;
    let period_end = date(&sub.current_period_end, &locale);
    el("div").class("kassa-totals kassa-sub-preview").attr("aria-live", "polite").testid("sub-preview").dynamic(
        move || match s.preview.get() {
            Preview::Idle => Vec::new(),
            Preview::Loading => vec![el("p").class("kassa-help").text(t.preview_loading).node()],
            Preview::Refused(message) => vec![el("p").class("kassa-field-error").text(&message).node()],
            Preview::Ready(preview) => {
                let mut out: Vec<Node> = preview
                    .prorations
                    .iter()
                    .map(|p| {
                        el("div")
                            .class("kassa-total-row")
                            .child(el("dt").text(&p.label))
                            .child(el("dd").text(&money.charged(p.amount)))
                            .node()
                    })
                    .collect();
                let (term, amount) = match behavior {
                    ProrationBehavior::NextPeriod => (fill_in(t.applies_on, &[&period_end]), None),
                    ProrationBehavior::Invoice => (t.due_now.to_string(), Some(preview.due_amount)),
                    _ if now() || (preview.due_amount > 0 && preview.prorations.is_empty()) => {
                        (t.due_now.to_string(), Some(preview.due_amount))
                    }
                    _ => (t.next_invoice.to_string(), Some(preview.total_amount)),
                };
                out.push(
                    el("div")
                        .class("kassa-total-row kassa-total-due")
                        .testid("sub-preview-due")
                        .child(el("dt").text(&term))
                        .child(el("dd").text(&amount.map(|a| money.charged(a)).unwrap_or_default()))
                        .node(),
                );
                out
            }
        },
    )
}

/// The panel `panel`, for the subscription shown.
pub fn panel(s: Screen, panel: Panel) -> Option<Node> {
    let sub = s.current.with_untracked(|c| c.as_ref().map(|l| l.model.clone()))?;
    let t = s.t();
    let locale = s.locale();
    Some(match panel {
        Panel::None => return None,
        Panel::Plan => {
            let choices = s.products.with(|p| p.as_ref().map(|p| plan_choices(&sub, p)));
            let body = match choices {
                None => vec![el("p").class("kassa-help").text(t.preview_loading)],
                Some(choices) if choices.is_empty() => {
                    vec![el("p").class("kassa-help").testid("sub-no-plans").text(t.no_plans)]
                }
                Some(choices) => {
                    let money = amounts(&sub, &locale);
                    let interval_now = (sub.recurring_interval, sub.recurring_interval_count.max(1));
                    let items: Vec<Node> = choices
                        .into_iter()
                        .map(|choice| {
                            let id = choice.product_id.clone();
                            let chosen = id.clone();
                            let interval = choice.interval.map(|(i, n)| {
                                kassa_core::i18n::billing_period(s.lang, i, n, &format_integer(n, &locale))
                            });
                            el("label")
                                .class("kassa-plan")
                                .testid("sub-plan")
                                .child(
                                    el("input")
                                        .class("kassa-plan-radio")
                                        .attr("type", "radio")
                                        .attr("name", "product_id")
                                        .attr("value", &id)
                                        .bind_checked(move || s.plan.get().as_deref() == Some(chosen.as_str()))
                                        .on("change", move |_| {
                                            s.plan.set(Some(id.clone()));
                                            s.price(json!({ "product_id": id }));
                                        }),
                                )
                                .child(
                                    el("span")
                                        .class("kassa-plan-label")
                                        .child(el("span").class("kassa-plan-name").text(&choice.name))
                                        .child(el("span").class("kassa-plan-price").text(&format!(
                                            "{} {}",
                                            money.charged(choice.amount),
                                            interval.unwrap_or_default()
                                        ))),
                                )
                                .node()
                        })
                        .collect();
                    vec![
                        el("fieldset")
                            .class("kassa-plans")
                            .attr("aria-describedby", "kassa-sub-product_id-error")
                            .child(el("legend").class("kassa-legend").text(t.choose_plan))
                            .child(items),
                        field_error(s, "product_id"),
                        field_error(s, "proration_behavior"),
                        preview(s, &sub, move || {
                            // Another billing interval is invoiced at once, whatever the behaviour.
                            let chosen = s.plan.get_untracked();
                            s.products.with_untracked(|ps| {
                                let product = ps.iter().flatten().find(|p| Some(&p.id) == chosen.as_ref());
                                product.is_some_and(|p| {
                                    (p.recurring_interval, p.recurring_interval_count.unwrap_or(1).max(1))
                                        != interval_now
                                })
                            })
                        }),
                        confirm(s, t.confirm_change, "sub-confirm-plan"),
                    ]
                }
            };
            form(body, move || {
                if let Some(product_id) = s.plan.get_untracked() {
                    s.change("plan", SubscriptionUpdate::Product { product_id });
                }
            })
        }
        Panel::Seats => {
            let (minimum, maximum) = seat_bounds(&sub).unwrap_or((1, None));
            let ask = move || {
                if let Ok(n) = s.seats.get_untracked().trim().parse::<i64>() {
                    s.price(json!({ "seats": n }));
                }
            };
            let step = move |by: i64| {
                let n = s.seats.get_untracked().trim().parse::<i64>().unwrap_or(i64::from(minimum)) + by;
                let n = n.max(i64::from(minimum)).min(maximum.map_or(i64::MAX, i64::from));
                s.seats.set(n.to_string());
                s.price(json!({ "seats": n }));
            };
            let mut field = input(s, "seats", "number")
                .class("kassa-input kassa-seats-input")
                .attr("inputmode", "numeric")
                .attr("min", &minimum.to_string())
                .bind_value(move || s.seats.get())
                .on("input", move |e| s.seats.set(value_of(&e)))
                .on("change", move |_| ask());
            if let Some(max) = maximum {
                field = field.attr("max", &max.to_string());
            }
            let range = match maximum {
                Some(max) => format!("{}–{}", format_integer(minimum, &locale), format_integer(max, &locale)),
                None => format!("≥ {}", format_integer(minimum, &locale)),
            };
            form(
                vec![
                    label("seats", t.seats),
                    el("div")
                        .class("kassa-stepper")
                        .child(
                            el("button")
                                .class("kassa-step")
                                .attr("type", "button")
                                .attr("aria-label", "−1")
                                .text("−")
                                .on("click", move |_| step(-1)),
                        )
                        .child(field)
                        .child(
                            el("button")
                                .class("kassa-step")
                                .attr("type", "button")
                                .attr("aria-label", "+1")
                                .text("+")
                                .on("click", move |_| step(1)),
                        ),
                    el("p").class("kassa-help").text(&range),
                    field_error(s, "seats"),
                    preview(s, &sub, || false),
                    confirm(s, t.confirm_change, "sub-confirm-seats"),
                ],
                move || match s.seats.get_untracked().trim().parse::<i64>() {
                    Ok(seats) => s.change("seats", SubscriptionUpdate::Seats { seats }),
                    Err(_) => s.fields.set(vec![("seats".into(), range.clone())]),
                },
            )
        }
        Panel::Cancel => {
            let reasons = t_reasons(&s);
            let until = date(sub.ends_at.as_deref().unwrap_or(&sub.current_period_end), &locale);
            form(
                vec![
                    label("cancellation_reason", t.cancel_reason),
                    el("select")
                        .class("kassa-input")
                        .id("kassa-sub-cancellation_reason")
                        .attr("aria-describedby", "kassa-sub-cancellation_reason-error")
                        .testid("input-cancellation_reason")
                        .child(el("option").attr("value", "").text(t.cancel_reason_none))
                        .child(
                            reasons
                                .into_iter()
                                .map(|(value, text)| el("option").attr("value", value).text(text).node())
                                .collect::<Vec<_>>(),
                        )
                        .bind_value(move || s.reason.get())
                        .on("change", move |e| s.reason.set(value_of(&e))),
                    field_error(s, "cancellation_reason"),
                    label("cancellation_comment", t.cancel_comment),
                    el("textarea")
                        .class("kassa-input")
                        .id("kassa-sub-cancellation_comment")
                        .attr("rows", "3")
                        .attr("maxlength", "1000")
                        .attr("aria-describedby", "kassa-sub-cancellation_comment-error")
                        .testid("input-cancellation_comment")
                        .bind_value(move || s.comment.get())
                        .on("input", move |e| s.comment.set(value_of(&e))),
                    field_error(s, "cancellation_comment"),
                    el("p").class("kassa-help").text(&fill_in(t.cancel_note, &[&until])),
                    confirm(s, t.cancel_confirm, "sub-confirm-cancel"),
                ],
                move || {
                    let reason = CancellationReason::parse(&s.reason.get_untracked());
                    let comment = Some(s.comment.get_untracked()).filter(|c| !c.trim().is_empty());
                    s.change(
                        "cancel",
                        SubscriptionUpdate::Cancel {
                            cancel_at_period_end: Some(true),
                            cancellation_reason: reason,
                            cancellation_comment: comment,
                        },
                    );
                },
            )
        }
        Panel::Pause => {
            let end = date(&sub.current_period_end, &locale);
            let first = next_day(&day_of(&sub.current_period_end), 1);
            form(
                vec![
                    label("resumes_at", t.pause_until),
                    input(s, "resumes_at", "date")
                        .attr("min", &first)
                        .bind_value(move || s.resumes.get())
                        .on("input", move |e| s.resumes.set(value_of(&e))),
                    field_error(s, "resumes_at"),
                    el("p").class("kassa-help").text(&fill_in(t.pause_note, &[&end])),
                    confirm(s, t.pause_confirm, "sub-confirm-pause"),
                ],
                move || {
                    let day = s.resumes.get_untracked();
                    let resumes_at = Some(day).filter(|d| !d.is_empty()).map(|d| format!("{d}T00:00:00Z"));
                    s.change("pause", SubscriptionUpdate::Pause { pause_at_period_end: true, resumes_at });
                },
            )
        }
        Panel::Charge => {
            let window = sub.next_charge_window.clone()?;
            let first = next_day(&window.after, 1);
            let last = window.before.as_deref().map(|b| next_day(b, -1));
            let hint = match &window.before {
                Some(before) => {
                    fill_in(t.charge_window, &[&date(&first, &locale), &date(&next_day(before, -1), &locale)])
                }
                None => fill_in(t.charge_window_open, &[&date(&window.after, &locale)]),
            };
            let mut field = input(s, "next_charge_date", "date")
                .attr("min", &first)
                .bind_value(move || s.charge_day.get())
                .on("input", move |e| s.charge_day.set(value_of(&e)));
            if let Some(last) = &last {
                field = field.attr("max", last);
            }
            form(
                vec![
                    label("next_charge_date", t.charge_date),
                    field,
                    el("p").class("kassa-help").testid("sub-charge-window").text(&hint),
                    field_error(s, "next_charge_date"),
                    confirm(s, t.charge_confirm, "sub-confirm-charge"),
                ],
                move || {
                    let day = s.charge_day.get_untracked();
                    s.send("next_charge", Kind::MoveCharge, json!({ "next_charge_date": day }));
                },
            )
        }
    })
}

/// The reasons Polar takes, in the customer's language.
fn t_reasons(s: &Screen) -> Vec<(&'static str, &'static str)> {
    let t = s.t();
    let words = [
        t.reason_customer_service,
        t.reason_low_quality,
        t.reason_missing_features,
        t.reason_switched_service,
        t.reason_too_complex,
        t.reason_too_expensive,
        t.reason_unused,
        t.reason_other,
    ];
    CancellationReason::ALL.iter().zip(words).map(|(r, w)| (r.as_str(), w)).collect()
}
