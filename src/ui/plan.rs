//! What the buyer buys: the plan switcher, seats and a pay-what-you-want amount.

use kassa_core::checkout::{plan_options, AmountType, Field, FieldPath, Patch, PlanOption, SeatTierType};
use kassa_core::i18n::{duration, fill};
use kassa_core::money::amount::parse_minor;
use kassa_core::sync::EditKind;
use leptos::prelude::*;

use crate::computed::Computed;
use crate::dom::{dynamic, el, Node};
use crate::intl::format_integer;
use crate::state::State;
use crate::ui::controller::Controller;
use crate::ui::field::{error_id, field_error, field_id, invalid_while_refused, label};

/// "€190.00 / year", "$249.00 one-time", "Free": how a plan's price reads.
fn price_text(ctl: &Controller, option: &PlanOption) -> String {
    let t = ctl.t();
    let amounts = ctl.amounts();
    let amount = match (option.amount_type, option.amount) {
        (AmountType::Free, _) | (_, Some(0)) => return t.free.to_string(),
        (AmountType::SeatBased, Some(a)) => fill(t.per_seat, &[&amounts.charged(a)]),
        (AmountType::Custom, Some(a)) => fill(t.amount_minimum, &[&amounts.charged(a)]),
        (_, Some(a)) => amounts.charged(a),
        (_, None) => String::new(),
    };
    match option.interval {
        Some((interval, n)) => format!("{amount} {}", ctl.period(interval, n)),
        None if option.amount_type == AmountType::Custom => amount,
        None => format!("{amount} · {}", t.one_time),
    }
}

/// The plan switcher: one radio per plan, shown when there is a choice.
pub fn plan_picker(ctl: Controller) -> Node {
    let options = Computed::new(move || ctl.session.with(plan_options));
    let choose = move |option: &PlanOption| {
        ctl.draft.update(|d| {
            d.product_id = option.product_id.clone();
            d.product_price_id = option.price_id.clone();
        });
        ctl.edit_with(EditKind::Discrete, |u| {
            u.product_id = Patch::Value(option.product_id.clone());
            u.product_price_id = Patch::Value(option.price_id.clone());
        });
    };
    let plan = move |option: PlanOption| {
        let t = ctl.t();
        let id = format!("kassa-plan-{}", option.price_id);
        let price_id = option.price_id.clone();
        let trial =
            option.trial.map(|(i, n)| fill(t.trial, &[&duration(ctl.lang, i, n, &format_integer(n, &ctl.locale()))]));
        let savings = option.savings_percent.map(|p| fill(t.save_percent, &[&format_integer(p, &ctl.locale())]));
        let radio = el("input")
            .attr("type", "radio")
            .attr("name", "kassa-plan")
            .id(&id)
            .class("kassa-plan-radio")
            .testid(&format!("plan-{}", option.price_id))
            .bind_checked(move || ctl.draft.with(|d| d.product_price_id == price_id));
        let label = el("label")
            .attr("for", &id)
            .class("kassa-plan-label")
            .child(el("span").class("kassa-plan-name").text(&option.product_name))
            .child(el("span").class("kassa-plan-price").bind_text({
                // Bound, not built in: the amounts' currency context may change while
                // the plans stay the same.
                let option = option.clone();
                move || price_text(&ctl, &option)
            }))
            .child(savings.map(|s| el("span").class("kassa-badge").text(&s)))
            .child(trial.map(|s| el("span").class("kassa-badge kassa-badge-trial").text(&s)));
        el("div").class("kassa-plan").child(radio.on("change", move |_| choose(&option))).child(label)
    };
    dynamic(move || {
        let options = options.get();
        (options.len() > 1).then(|| {
            untrack(|| {
                el("fieldset")
                    .class("kassa-plans")
                    .testid("plans")
                    .child(el("legend").class("kassa-legend").text(ctl.t().plan))
                    .child(field_error(ctl, Field::ProductPriceId.into()))
                    .child(options.into_iter().map(plan).collect::<Vec<_>>())
            })
        })
    })
}

/// Seats: a stepper and a typed field, clamped to the price's bounds, with the per-seat
/// price of the tier the count falls in.
pub fn seats(ctl: Controller) -> Node {
    let bounds = Computed::new(move || ctl.session.with(|s| s.seat_bounds()));
    let set = move |seats: u32, kind: EditKind| {
        let Some((min, max)) = bounds.get_untracked() else { return };
        let seats = seats.clamp(min, max);
        if ctl.draft.with_untracked(|d| d.seats) == Some(seats) {
            return;
        }
        ctl.draft.update(|d| d.seats = Some(seats));
        ctl.edit_with(kind, |u| u.seats = Patch::Value(seats));
    };
    let current = move || ctl.draft.with(|d| d.seats).unwrap_or(1);
    // What the count on screen costs, before the server answers: "$12.00 per seat" for
    // volume tiers, "5 × $15.00 + 3 × $12.00" for graduated ones.
    let per_seat = move || {
        let seats = current();
        let breakdown = ctl.session.with(|s| {
            s.selected_price().and_then(|p| p.seat_tiers.as_ref()).map(|t| (t.seat_tier_type, t.breakdown(seats)))
        });
        let amounts = ctl.amounts();
        match breakdown? {
            (SeatTierType::Graduated, parts) if !parts.is_empty() => Some(
                parts
                    .iter()
                    .map(|(n, price)| {
                        format!("{}\u{a0}×\u{a0}{}", format_integer(*n, &ctl.locale()), amounts.charged(*price))
                    })
                    .collect::<Vec<_>>()
                    .join(" + "),
            ),
            (_, parts) => parts.first().map(|(_, price)| fill(ctl.t().per_seat, &[&amounts.charged(*price)])),
        }
    };
    dynamic(move || {
        bounds.get().map(|(min, max)| {
            untrack(|| {
                let t = ctl.t();
                let path = FieldPath::from(Field::Seats);
                let id = field_id(&path);
                let locale = ctl.locale();
                let range = fill(t.seats_range, &[&format_integer(min, &locale), &format_integer(max, &locale)]);
                let step = |name: &str, label: &str, text: &str| {
                    el("button")
                        .attr("type", "button")
                        .class("kassa-step")
                        .attr("aria-label", label)
                        .attr("aria-controls", &id)
                        .testid(name)
                        .text(text)
                };
                let input = el("input")
                    .class("kassa-input kassa-seats-input")
                    .id(&id)
                    .attr("type", "number")
                    .attr("inputmode", "numeric")
                    .attr("min", &min.to_string())
                    .attr("max", &max.to_string())
                    .attr("step", "1")
                    .testid("seats-input")
                    .attr("aria-describedby", &format!("{} {id}-range", error_id(&path)))
                    .bind_value(move || current().to_string())
                    .on("input", move |ev| {
                        if let Ok(n) = event_target_value(&ev).trim().parse::<u32>() {
                            set(n, EditKind::Text);
                        }
                    })
                    .on("blur", move |_| ctl.flush());
                el("div")
                    .class("kassa-field kassa-seats")
                    .testid("seats")
                    .child(label(ctl, &id, t.seats, true))
                    .child(
                        el("div")
                            .class("kassa-stepper")
                            .child(
                                step("seats-decrease", t.seats_fewer, "−")
                                    .bind_flag("disabled", move || current() <= min)
                                    .on("click", move |_| set(current().saturating_sub(1), EditKind::Discrete)),
                            )
                            .child(invalid_while_refused(input, ctl, &path))
                            .child(
                                step("seats-increase", t.seats_more, "+")
                                    .bind_flag("disabled", move || current() >= max)
                                    .on("click", move |_| set(current() + 1, EditKind::Discrete)),
                            ),
                    )
                    .child(
                        el("p")
                            .class("kassa-help")
                            .id(&format!("{id}-range"))
                            .testid("seat-price")
                            .bind_text(move || per_seat().unwrap_or_default())
                            .text(&format!(" · {range}")),
                    )
                    .child(field_error(ctl, path))
            })
        })
    })
}

/// The amount of a pay-what-you-want price, checked against its minimum as typed.
pub fn pay_what_you_want(ctl: Controller) -> Node {
    let limits = Computed::new(move || ctl.session.with(|s| s.selected_price().and_then(|p| p.custom_amount_bounds())));
    let local_error = State::new(None::<String>);
    dynamic(move || {
        limits.get().map(|(min, max)| {
            untrack(|| {
                let t = ctl.t();
                let path = FieldPath::from(Field::Amount);
                let id = field_id(&path);
                let minimum = move || fill(ctl.t().amount_minimum, &[&ctl.amounts().charged(min)]);
                let refused = path.clone();
                let input = el("input")
                    .class("kassa-input")
                    .id(&id)
                    .attr("type", "text")
                    .attr("inputmode", "decimal")
                    .attr("autocomplete", "off")
                    .testid("amount-input")
                    .attr("aria-describedby", &format!("{} {id}-min", error_id(&path)))
                    .bind_bool("aria-invalid", move || local_error.get().is_some() || ctl.error(&refused).is_some())
                    .bind_value(move || ctl.draft.with(|d| d.amount.clone()))
                    .on("input", move |ev| {
                        let text = event_target_value(&ev);
                        ctl.draft.update(|d| d.amount = text.clone());
                        match parse_minor(&text, ctl.exponent()) {
                            Some(minor) if (min..=max).contains(&minor) => {
                                local_error.set(None);
                                ctl.edit_with(EditKind::Text, |u| u.amount = Patch::Value(minor));
                            }
                            _ => local_error.set(Some(fill(ctl.t().amount_invalid, &[&ctl.amounts().charged(min)]))),
                        }
                    })
                    .on("blur", move |_| ctl.flush());
                el("div")
                    .class("kassa-field")
                    .testid("amount")
                    .child(label(ctl, &id, t.amount, true))
                    .child(input)
                    .child(el("p").class("kassa-help").id(&format!("{id}-min")).bind_text(minimum))
                    .child(
                        el("p")
                            .class("kassa-field-error")
                            .attr("role", "alert")
                            .testid("amount-local-error")
                            .bind_text(move || local_error.get().unwrap_or_default()),
                    )
                    .child(field_error(ctl, path))
            })
        })
    })
}
