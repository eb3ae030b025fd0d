//! What the buyer buys: the plan switcher, seats and a pay-what-you-want amount.

use kassa_core::checkout::{
    plan_options, AmountType, CheckoutUpdate, Field, FieldPath, Patch, PlanOption, SeatTierType,
};
use kassa_core::i18n::{duration, fill};
use kassa_core::money::amount::parse_minor;
use kassa_core::sync::EditKind;
use leptos::prelude::*;

use crate::intl::format_integer;
use crate::ui::controller::Controller;
use crate::ui::field::{error_id, field_id, FieldError, Label};

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
#[component]
pub fn PlanPicker() -> impl IntoView {
    let ctl = expect_context::<Controller>();
    let options = Memo::new(move |_| ctl.session.with(plan_options));
    let choose = move |option: &PlanOption| {
        ctl.draft.update(|d| {
            d.product_id = option.product_id.clone();
            d.product_price_id = option.price_id.clone();
        });
        ctl.edit(
            CheckoutUpdate {
                product_id: Patch::Value(option.product_id.clone()),
                product_price_id: Patch::Value(option.price_id.clone()),
                ..Default::default()
            },
            EditKind::Discrete,
        );
    };
    move || {
        let options = options.get();
        (options.len() > 1).then(|| {
            view! {
                <fieldset class="kassa-plans" data-testid="plans">
                    <legend class="kassa-legend">{ctl.t().plan}</legend>
                    <FieldError path=Field::ProductPriceId />
                    {options
                        .into_iter()
                        .map(|option| {
                            let id = format!("kassa-plan-{}", option.price_id);
                            let price_id = option.price_id.clone();
                            let checked = move || ctl.draft.with(|d| d.product_price_id == price_id);
                            let trial = option.trial.map(|(i, n)| {
                                fill(ctl.t().trial, &[&duration(ctl.lang, i, n, &format_integer(n, &ctl.locale()))])
                            });
                            let savings = option.savings_percent.map(|p| fill(ctl.t().save_percent, &[&format_integer(p, &ctl.locale())]));
                            let text = price_text(&ctl, &option);
                            let name = option.product_name.clone();
                            let on_change = {
                                let option = option.clone();
                                move |_| choose(&option)
                            };
                            view! {
                                <div class="kassa-plan">
                                    <input type="radio" name="kassa-plan" id=id.clone() class="kassa-plan-radio"
                                        data-testid=format!("plan-{}", option.price_id)
                                        prop:checked=checked on:change=on_change />
                                    <label for=id class="kassa-plan-label">
                                        <span class="kassa-plan-name">{name}</span>
                                        <span class="kassa-plan-price">{text}</span>
                                        {savings.map(|s| view! { <span class="kassa-badge">{s}</span> })}
                                        {trial.map(|s| view! { <span class="kassa-badge kassa-badge-trial">{s}</span> })}
                                    </label>
                                </div>
                            }
                        })
                        .collect_view()}
                </fieldset>
            }
        })
    }
}

/// Seats: a stepper and a typed field, clamped to the price's bounds, with the per-seat
/// price of the tier the count falls in.
#[component]
pub fn Seats() -> impl IntoView {
    let ctl = expect_context::<Controller>();
    let bounds = Memo::new(move |_| ctl.session.with(|s| s.seat_bounds()));
    let set = move |seats: u32, kind: EditKind| {
        let Some((min, max)) = bounds.get_untracked() else { return };
        let seats = seats.clamp(min, max);
        if ctl.draft.with_untracked(|d| d.seats) == Some(seats) {
            return;
        }
        ctl.draft.update(|d| d.seats = Some(seats));
        ctl.edit(CheckoutUpdate { seats: Patch::Value(seats), ..Default::default() }, kind);
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
    move || {
        bounds.get().map(|(min, max)| {
            let path = FieldPath::from(Field::Seats);
            let id = field_id(&path);
            let locale = ctl.locale();
            let range = fill(ctl.t().seats_range, &[&format_integer(min, &locale), &format_integer(max, &locale)]);
            view! {
                <div class="kassa-field kassa-seats" data-testid="seats">
                    <Label for_id=id.clone() text=ctl.t().seats.to_string() required=true />
                    <div class="kassa-stepper">
                        <button type="button" class="kassa-step" aria-label=ctl.t().seats_fewer aria-controls=id.clone()
                            data-testid="seats-decrease" disabled=move || { current() <= min }
                            on:click=move |_| set(current().saturating_sub(1), EditKind::Discrete)>"−"</button>
                        <input class="kassa-input kassa-seats-input" id=id.clone() type="number" inputmode="numeric"
                            min=min max=max step="1" data-testid="seats-input"
                            aria-describedby=format!("{} {id}-range", error_id(&path))
                            prop:value=move || current().to_string()
                            on:input=move |ev| {
                                if let Ok(n) = event_target_value(&ev).trim().parse::<u32>() {
                                    set(n, EditKind::Text);
                                }
                            }
                            on:blur=move |_| ctl.flush() />
                        <button type="button" class="kassa-step" aria-label=ctl.t().seats_more aria-controls=id.clone()
                            data-testid="seats-increase" disabled=move || { current() >= max }
                            on:click=move |_| set(current() + 1, EditKind::Discrete)>"+"</button>
                    </div>
                    <p class="kassa-help" id=format!("{id}-range") data-testid="seat-price">
                        {per_seat}
                        " · " {range}
                    </p>
                    <FieldError path=Field::Seats />
                </div>
            }
        })
    }
}

/// The amount of a pay-what-you-want price, checked against its minimum as typed.
#[component]
pub fn PayWhatYouWant() -> impl IntoView {
    let ctl = expect_context::<Controller>();
    let limits = Memo::new(move |_| ctl.session.with(|s| s.selected_price().and_then(|p| p.custom_amount_bounds())));
    let local_error = RwSignal::new(None::<String>);
    move || {
        limits.get().map(|(min, max)| {
            let path = FieldPath::from(Field::Amount);
            let id = field_id(&path);
            let minimum = fill(ctl.t().amount_minimum, &[&ctl.amounts().charged(min)]);
            let on_input = move |ev| {
                let text = event_target_value(&ev);
                ctl.draft.update(|d| d.amount = text.clone());
                match parse_minor(&text, ctl.exponent()) {
                    Some(minor) if (min..=max).contains(&minor) => {
                        local_error.set(None);
                        ctl.edit(CheckoutUpdate { amount: Patch::Value(minor), ..Default::default() }, EditKind::Text);
                    }
                    _ => local_error.set(Some(fill(ctl.t().amount_invalid, &[&ctl.amounts().charged(min)]))),
                }
            };
            view! {
                <div class="kassa-field" data-testid="amount">
                    <Label for_id=id.clone() text=ctl.t().amount.to_string() required=true />
                    <input class="kassa-input" id=id.clone() type="text" inputmode="decimal" autocomplete="off"
                        data-testid="amount-input"
                        aria-describedby=format!("{} {id}-min", error_id(&path))
                        aria-invalid=move || (local_error.get().is_some() || ctl.error(&path).is_some()).to_string()
                        prop:value=move || ctl.draft.with(|d| d.amount.clone())
                        on:input=on_input on:blur=move |_| ctl.flush() />
                    <p class="kassa-help" id=format!("{id}-min")>{minimum}</p>
                    <p class="kassa-field-error" role="alert" data-testid="amount-local-error">{move || local_error.get()}</p>
                    <FieldError path=Field::Amount />
                </div>
            }
        })
    }
}
