//! The update queue's rules, driven with explicit timestamps: coalescing, debounce,
//! out-of-order answers, 422 mapping, retries with `Retry-After`, terminal answers,
//! confirm after drain, and a simulation in which no edit is ever lost.

use kassa_core::api_error::{ApiError, FieldProblem};
use kassa_core::checkout::{CheckoutUpdate, Field, FieldPath, FieldSet, Patch};
use kassa_core::sync::queue::MAX_ATTEMPTS;
use kassa_core::sync::{EditKind, Reaction, RequestKind, SyncStatus, UpdateQueue};
use proptest::prelude::*;

fn seats(n: u32) -> CheckoutUpdate {
    CheckoutUpdate { seats: Patch::Value(n), ..Default::default() }
}

fn name(s: &str) -> CheckoutUpdate {
    CheckoutUpdate { customer_name: Patch::Value(s.into()), ..Default::default() }
}

fn email(s: &str) -> CheckoutUpdate {
    CheckoutUpdate { customer_email: Patch::Value(s.into()), ..Default::default() }
}

#[test]
fn discrete_edits_go_at_once_and_coalesce_while_one_is_in_flight() {
    let mut q = UpdateQueue::new();
    q.edit(seats(3), EditKind::Discrete, 0.0);
    let first = q.next_request(0.0).unwrap();
    assert_eq!(first.body.seats, Patch::Value(3));
    // Clicks while it is in flight wait, and merge: last value wins. They are a burst,
    // so they go once it pauses (300 ms after the last).
    q.edit(seats(4), EditKind::Discrete, 10.0);
    q.edit(seats(5), EditKind::Discrete, 20.0);
    assert!(q.next_request(30.0).is_none(), "one in flight at most");
    assert_eq!(q.on_response(first.seq, Ok(()), 100.0), Reaction::Apply { keep: Field::Seats.into() });
    assert!(q.next_request(319.0).is_none(), "the burst has not paused yet");
    let second = q.next_request(320.0).unwrap();
    assert_eq!(second.body.seats, Patch::Value(5));
    assert_eq!(q.on_response(second.seq, Ok(()), 400.0), Reaction::Apply { keep: Default::default() });
    assert_eq!(q.status(), SyncStatus::Saved);
    assert!(!q.is_busy());
    // A lone click later goes at once again.
    q.edit(seats(6), EditKind::Discrete, 1000.0);
    assert!(q.next_request(1000.0).is_some());
    assert_eq!(q.status(), SyncStatus::Sending);
}

#[test]
fn twenty_clicks_in_a_second_send_at_most_three_patches() {
    for latency in [0.0, 10.0, 100.0, 400.0, 900.0] {
        twenty_clicks(latency);
    }
}

fn twenty_clicks(latency: f64) {
    // Clicks every 50 ms; the server takes `latency` per PATCH.
    let mut q = UpdateQueue::new();
    let mut sent = Vec::new();
    let mut in_flight: Option<(u64, f64)> = None;
    let mut t = 0.0;
    let mut click = 0;
    while t <= 3000.0 {
        if click < 20 && t >= f64::from(click) * 50.0 {
            click += 1;
            q.edit(seats(2 + click), EditKind::Discrete, t);
        }
        if let Some((seq, done)) = in_flight {
            if t >= done && (latency > 0.0 || t > done - 1.0) {
                q.on_response(seq, Ok(()), t);
                in_flight = None;
            }
        }
        if let Some(r) = q.next_request(t) {
            sent.push(r.body.seats.clone());
            in_flight = Some((r.seq, t + latency));
        }
        t += 10.0;
    }
    assert!(sent.len() <= 3, "latency {latency}: {} PATCHes: {sent:?}", sent.len());
    assert_eq!(sent.last(), Some(&Patch::Value(22)), "the last click is what is saved");
}

#[test]
fn text_waits_for_a_pause_in_typing_or_for_blur() {
    let mut q = UpdateQueue::new();
    for (i, t) in [0.0, 100.0, 200.0, 300.0].into_iter().enumerate() {
        q.edit(name(&"Ada Lovelace"[..i + 1]), EditKind::Text, t);
        assert!(q.next_request(t).is_none());
    }
    assert_eq!(q.next_wakeup(), Some(700.0));
    assert!(q.next_request(699.0).is_none());
    assert_eq!(q.next_request(700.0).unwrap().body.customer_name, Patch::Value("Ada ".into()));

    let mut q = UpdateQueue::new();
    q.edit(name("Ada"), EditKind::Text, 0.0);
    q.flush(50.0);
    assert!(q.next_request(50.0).is_some(), "blur sends at once");
}

#[test]
fn typing_does_not_hold_back_a_click_already_due() {
    let mut q = UpdateQueue::new();
    q.edit(seats(4), EditKind::Discrete, 0.0);
    q.edit(name("A"), EditKind::Text, 1.0);
    let r = q.next_request(1.0).unwrap();
    assert_eq!((r.body.seats, r.body.customer_name), (Patch::Value(4), Patch::Value("A".into())));
}

#[test]
fn an_answer_older_than_one_applied_is_ignored() {
    let mut q = UpdateQueue::new();
    let read = q.take_seq(); // a GET sent first…
    q.edit(seats(3), EditKind::Discrete, 0.0);
    let patch = q.next_request(0.0).unwrap();
    assert!(matches!(q.on_response(patch.seq, Ok(()), 10.0), Reaction::Apply { .. }));
    assert_eq!(q.on_read(read), Reaction::Stale, "…answering after the PATCH must not win");
    assert_eq!(q.on_response(patch.seq, Ok(()), 20.0), Reaction::Stale, "a duplicate answer is ignored");
}

#[test]
fn fields_edited_since_the_request_keep_the_buyers_value() {
    let mut q = UpdateQueue::new();
    q.edit(name("Ada"), EditKind::Text, 0.0);
    let r = q.next_request(400.0).unwrap();
    q.edit(name("Ada L"), EditKind::Text, 450.0);
    let Reaction::Apply { keep } = q.on_response(r.seq, Ok(()), 500.0) else { panic!() };
    assert!(keep.contains(Field::CustomerName));
}

#[test]
fn a_422_keeps_the_input_shows_the_message_and_resends_the_rest() {
    let mut q = UpdateQueue::new();
    q.edit(name("Ada").merge(email("nope")), EditKind::Discrete, 0.0);
    let r = q.next_request(0.0).unwrap();
    let problem = FieldProblem {
        path: vec!["customer_email".into()],
        message: "value is not a valid email address".into(),
        kind: "value_error".into(),
    };
    assert_eq!(q.on_response(r.seq, Err(ApiError::Validation(vec![problem])), 10.0), Reaction::Rejected);
    assert_eq!(
        q.errors().get(&Field::CustomerEmail.into()).map(String::as_str),
        Some("value is not a valid email address")
    );
    // The valid name goes again at once, without the refused email.
    let again = q.next_request(10.0).unwrap();
    assert_eq!(
        (again.body.customer_name.clone(), again.body.customer_email.clone()),
        (Patch::Value("Ada".into()), Patch::Absent)
    );
    let Reaction::Apply { keep } = q.on_response(again.seq, Ok(()), 20.0) else { panic!() };
    assert!(keep.contains(Field::CustomerEmail), "the refused input stays on screen");
    // Editing the field clears its message and sends it.
    q.edit(email("ada@example.com"), EditKind::Discrete, 1000.0);
    assert!(q.errors().is_empty());
    assert_eq!(q.next_request(1000.0).unwrap().body.customer_email, Patch::Value("ada@example.com".into()));
}

#[test]
fn nested_422_paths_are_kept_whole() {
    let mut q = UpdateQueue::new();
    q.edit(CheckoutUpdate { customer_billing_address: Patch::Null, ..Default::default() }, EditKind::Discrete, 0.0);
    let r = q.next_request(0.0).unwrap();
    let problem = FieldProblem {
        path: vec!["customer_billing_address".into(), "country".into()],
        message: "Invalid country".into(),
        kind: "value_error".into(),
    };
    q.on_response(r.seq, Err(ApiError::Validation(vec![problem])), 1.0);
    assert!(q.errors().contains_key(&FieldPath::part(Field::CustomerBillingAddress, "country")));
    assert!(q.next_request(1.0).is_none(), "nothing else to send");
}

#[test]
fn a_422_outside_the_request_holds_it_until_the_next_edit() {
    // The buyer moves to France; the server refuses the stored German VAT number, which
    // the request did not carry. Re-sending the address alone would loop on the same 422.
    let mut q = UpdateQueue::new();
    let address = CheckoutUpdate {
        customer_billing_address: Patch::Value(kassa_core::checkout::Address {
            country: "FR".into(),
            ..Default::default()
        }),
        ..Default::default()
    };
    q.edit(address, EditKind::Discrete, 0.0);
    let r = q.next_request(0.0).unwrap();
    let problem = FieldProblem {
        path: vec!["customer_tax_id".into()],
        message: "Invalid tax ID for FR".into(),
        kind: "value_error".into(),
    };
    assert_eq!(q.on_response(r.seq, Err(ApiError::Validation(vec![problem])), 10.0), Reaction::Rejected);
    assert_eq!(q.errors().get(&Field::CustomerTaxId.into()).map(String::as_str), Some("Invalid tax ID for FR"));
    assert!(q.next_request(10.0).is_none() && q.next_wakeup().is_none(), "not re-sent by itself");
    assert!(q.has_unsaved() && !q.is_busy(), "Pay waits: the address is not saved");
    let read = q.take_seq();
    assert!(
        matches!(q.on_read(read), Reaction::Apply { keep } if keep.contains(Field::CustomerBillingAddress) && keep.contains(Field::CustomerTaxId))
    );
    // The buyer fixes the tax ID: both go together.
    q.edit(
        CheckoutUpdate { customer_tax_id: Patch::Value("FR40303265045".into()), ..Default::default() },
        EditKind::Text,
        20.0,
    );
    let both = q.next_request(420.0).unwrap();
    assert_eq!(
        both.body.fields(),
        [Field::CustomerBillingAddress, Field::CustomerTaxId].into_iter().collect::<FieldSet>()
    );
    assert!(matches!(q.on_response(both.seq, Ok(()), 430.0), Reaction::Apply { .. }));
    assert!(!q.has_unsaved());
}

#[test]
fn a_422_without_a_field_is_shown_for_the_form_and_not_resent() {
    let mut q = UpdateQueue::new();
    q.edit(seats(3), EditKind::Discrete, 0.0);
    let r = q.next_request(0.0).unwrap();
    let problem = FieldProblem { path: vec![], message: "Something is off".into(), kind: "value_error".into() };
    q.on_response(r.seq, Err(ApiError::Validation(vec![problem])), 1.0);
    assert_eq!(q.form_error(), Some("Something is off"));
    assert!(q.next_request(1.0).is_none());
    q.edit(name("Ada"), EditKind::Discrete, 1000.0);
    assert_eq!(q.form_error(), None);
    assert_eq!(
        q.next_request(1000.0).unwrap().body.fields(),
        [Field::Seats, Field::CustomerName].into_iter().collect::<FieldSet>()
    );
}

#[test]
fn server_errors_back_off_then_stall_without_dropping_edits() {
    let mut q = UpdateQueue::new();
    q.edit(seats(3), EditKind::Discrete, 0.0);
    let mut t = 0.0;
    let mut delays = Vec::new();
    for _ in 0..4 {
        let r = q.next_request(t).unwrap();
        let Reaction::Retrying { at_ms } = q.on_response(r.seq, Err(ApiError::Server { status: 503 }), t) else {
            panic!()
        };
        delays.push(at_ms - t);
        assert!(q.next_request(at_ms - 1.0).is_none(), "no retry before its time");
        // An edit during the wait is merged, not lost.
        q.edit(seats(4), EditKind::Discrete, t + 1.0);
        t = at_ms;
    }
    assert_eq!(delays, vec![500.0, 1000.0, 2000.0, 4000.0]);
    let r = q.next_request(t).unwrap();
    assert_eq!(r.body.seats, Patch::Value(4));
    assert_eq!(q.on_response(r.seq, Err(ApiError::Network("offline".into())), t), Reaction::Stalled);
    assert!(matches!(q.status(), SyncStatus::Stalled(ApiError::Network(_))));
    assert!(q.next_request(t + 100_000.0).is_none(), "stalled until the buyer retries");
    q.retry_now(t + 5.0);
    assert_eq!(q.next_request(t + 5.0).unwrap().body.seats, Patch::Value(4));
}

#[test]
fn retry_after_is_honoured() {
    let mut q = UpdateQueue::new();
    q.edit(seats(3), EditKind::Discrete, 0.0);
    let r = q.next_request(0.0).unwrap();
    assert_eq!(
        q.on_response(r.seq, Err(ApiError::RateLimited { retry_after: Some(3) }), 100.0),
        Reaction::Retrying { at_ms: 3100.0 }
    );
    assert!(q.next_request(3099.0).is_none());
    assert!(q.next_request(3100.0).is_some());
}

#[test]
fn a_closed_session_stops_the_queue() {
    let mut q = UpdateQueue::new();
    q.edit(seats(3), EditKind::Discrete, 0.0);
    let r = q.next_request(0.0).unwrap();
    assert_eq!(q.on_response(r.seq, Err(ApiError::Expired("gone".into())), 1.0), Reaction::Terminal);
    q.edit(seats(4), EditKind::Discrete, 2.0);
    assert!(q.next_request(2.0).is_none());
    assert!(matches!(q.status(), SyncStatus::Stopped(ApiError::Expired(_))));
}

#[test]
fn confirm_waits_for_the_queue_to_drain_and_carries_pending_fields() {
    let mut q = UpdateQueue::new();
    q.edit(seats(3), EditKind::Discrete, 0.0);
    let patch = q.next_request(0.0).unwrap();
    q.edit(name("Ada"), EditKind::Text, 10.0); // still within the typing pause
    q.confirm(Some("tok_sandbox_success".into()), CheckoutUpdate::default());
    assert!(q.next_request(20.0).is_none(), "waits for the PATCH in flight");
    q.on_response(patch.seq, Ok(()), 30.0);
    let confirm = q.next_request(30.0).unwrap();
    assert_eq!(confirm.kind, RequestKind::Confirm { token: Some("tok_sandbox_success".into()) });
    assert_eq!(confirm.body.customer_name, Patch::Value("Ada".into()), "the typed name goes with it");
    assert!(q.is_confirming());
    assert!(matches!(q.on_response(confirm.seq, Ok(()), 40.0), Reaction::Apply { .. }));
    assert!(!q.is_confirming());
}

#[test]
fn confirm_carries_the_whole_form() {
    let mut q = UpdateQueue::new();
    q.edit(name("Ada"), EditKind::Text, 0.0);
    let form = CheckoutUpdate { locale: Patch::Value("de-DE".into()), ..email("ada@example.com").merge(name("Ada L")) };
    q.confirm(None, form);
    let confirm = q.next_request(0.0).unwrap();
    assert_eq!(
        confirm.body.fields(),
        [Field::CustomerName, Field::CustomerEmail, Field::Locale].into_iter().collect::<FieldSet>()
    );
    assert_eq!(confirm.body.customer_name, Patch::Value("Ada L".into()), "the form as shown wins");
}

#[test]
fn a_declined_payment_keeps_the_fields_it_carried() {
    let mut q = UpdateQueue::new();
    q.edit(name("Ada"), EditKind::Text, 0.0);
    q.confirm(Some("tok_sandbox_declined".into()), CheckoutUpdate::default());
    let c = q.next_request(0.0).unwrap();
    assert_eq!(
        q.on_response(c.seq, Err(ApiError::Payment("declined".into())), 5.0),
        Reaction::PaymentFailed("declined".into())
    );
    assert!(!q.is_confirming());
    assert_eq!(q.next_request(5.0).unwrap().body.customer_name, Patch::Value("Ada".into()));
}

#[test]
fn a_network_error_on_confirm_retries_the_confirm() {
    let mut q = UpdateQueue::new();
    q.confirm(None, CheckoutUpdate::default());
    let c = q.next_request(0.0).unwrap();
    assert!(matches!(q.on_response(c.seq, Err(ApiError::Network("x".into())), 0.0), Reaction::Retrying { .. }));
    assert!(matches!(q.next_request(500.0).unwrap().kind, RequestKind::Confirm { token: None }));
}

#[test]
fn a_request_never_sent_fails_as_a_network_error_would() {
    // Two queues with the same history: one told its request failed on the network, the
    // other that it was never sent (the widget's sending code could not be loaded).
    let (mut answered, mut unsent) = (UpdateQueue::new(), UpdateQueue::new());
    for q in [&mut answered, &mut unsent] {
        q.edit(name("Ada"), EditKind::Text, 0.0);
        q.confirm(Some("tok".into()), CheckoutUpdate::default());
    }
    for attempt in 1..=MAX_ATTEMPTS {
        let t = f64::from(attempt) * 100_000.0;
        let (a, u) = (answered.next_request(t).unwrap(), unsent.next_request(t).unwrap());
        assert_eq!(a, u);
        let network = || ApiError::Network("offline".into());
        let reaction = unsent.unsent(u.seq, network(), t);
        assert_eq!(reaction, answered.on_response(a.seq, Err(network()), t));
        assert_eq!(reaction == Reaction::Stalled, attempt == MAX_ATTEMPTS, "attempt {attempt}: {reaction:?}");
        assert_eq!(unsent.unsent(u.seq, network(), t), Reaction::Stale, "once only");
    }
    assert_eq!(answered.status(), unsent.status());
    unsent.retry_now(1e9);
    let again = unsent.next_request(1e9).unwrap();
    assert_eq!(
        (again.kind, again.body.customer_name),
        (RequestKind::Confirm { token: Some("tok".into()) }, Patch::Value("Ada".into()))
    );
}

#[test]
fn a_redeemed_trial_is_dropped_and_the_confirm_goes_again() {
    use kassa_core::api_error::Refusal;
    let mut q = UpdateQueue::new();
    q.edit(name("Ada"), EditKind::Text, 0.0);
    q.confirm(Some("tok".into()), CheckoutUpdate::default());
    let c = q.next_request(0.0).unwrap();
    let refused =
        ApiError::Forbidden { reason: Refusal::TrialAlreadyRedeemed, detail: "Trial already redeemed".into() };
    assert_eq!(q.on_response(c.seq, Err(refused), 5.0), Reaction::TrialRemoved);
    let again = q.next_request(5.0).unwrap();
    assert_eq!(again.kind, RequestKind::Confirm { token: Some("tok".into()) });
    assert_eq!((again.body.allow_trial, again.body.customer_name), (Patch::Value(false), Patch::Value("Ada".into())));
}

#[test]
fn a_used_up_discount_shows_at_its_field_and_the_rest_is_saved() {
    use kassa_core::api_error::Refusal;
    let mut q = UpdateQueue::new();
    q.edit(CheckoutUpdate { discount_code: Patch::Value("GONE".into()), ..seats(3) }, EditKind::Discrete, 0.0);
    let r = q.next_request(0.0).unwrap();
    let refused = ApiError::Forbidden { reason: Refusal::DiscountRedemptionLimitReached, detail: "Used up".into() };
    assert_eq!(q.on_response(r.seq, Err(refused), 5.0), Reaction::Rejected);
    assert_eq!(q.errors().get(&Field::DiscountCode.into()).map(String::as_str), Some("Used up"));
    let again = q.next_request(5.0).unwrap();
    assert_eq!(again.body.fields(), Field::Seats.into());
}

#[test]
fn a_refusal_is_shown_and_waits_for_the_buyer() {
    use kassa_core::api_error::Refusal;
    let mut q = UpdateQueue::new();
    q.confirm(Some("tok".into()), CheckoutUpdate::default());
    let c = q.next_request(0.0).unwrap();
    let refused =
        ApiError::Forbidden { reason: Refusal::AlreadyActiveSubscription, detail: "Already subscribed".into() };
    assert!(matches!(
        q.on_response(c.seq, Err(refused), 1.0),
        Reaction::Refused { reason: Refusal::AlreadyActiveSubscription, .. }
    ));
    assert!(q.next_request(1.0).is_none() && !q.is_confirming(), "not retried, not re-confirmed");
    // A payment not ready yet is retried with backoff, no Retry-After needed.
    q.confirm(Some("tok".into()), CheckoutUpdate::default());
    let c = q.next_request(2.0).unwrap();
    let not_ready = ApiError::Forbidden { reason: Refusal::PaymentNotReady, detail: "Not ready".into() };
    assert_eq!(q.on_response(c.seq, Err(not_ready), 2.0), Reaction::Retrying { at_ms: 502.0 });
    // So is a locked session.
    let c = q.next_request(502.0).unwrap();
    assert!(matches!(q.on_response(c.seq, Err(ApiError::Locked("busy".into())), 502.0), Reaction::Retrying { .. }));
}

proptest! {
    /// Random edits of three fields, random timing and a server that fails a third of
    /// the time: once the failures stop, the server holds the last value of every field.
    #[test]
    fn no_edit_is_ever_lost(
        steps in prop::collection::vec((0u8..3, 0u32..100, any::<bool>(), 0u8..3), 1..60),
    ) {
        let mut q = UpdateQueue::new();
        let mut server: [Option<u32>; 3] = [None; 3];
        let mut last: [Option<u32>; 3] = [None; 3];
        let mut t = 0.0;
        let mut fail = steps.iter().map(|s| s.3 == 0).cycle();
        for (field, value, text, _) in &steps {
            let update = match field {
                0 => seats(*value),
                1 => name(&value.to_string()),
                _ => CheckoutUpdate { amount: Patch::Value(i64::from(*value)), ..Default::default() },
            };
            last[*field as usize] = Some(*value);
            q.edit(update, if *text { EditKind::Text } else { EditKind::Discrete }, t);
            t += 150.0;
            if let Some(r) = q.next_request(t) {
                if fail.next().unwrap() {
                    q.on_response(r.seq, Err(ApiError::Server { status: 500 }), t);
                    q.retry_now(t); // keep the simulation moving even past the bound
                } else {
                    apply(&mut server, &r.body);
                    q.on_response(r.seq, Ok(()), t);
                }
            }
        }
        // The network heals.
        for _ in 0..20 {
            t += 10_000.0;
            q.flush(t);
            if let Some(r) = q.next_request(t) {
                apply(&mut server, &r.body);
                q.on_response(r.seq, Ok(()), t);
            }
        }
        prop_assert_eq!(server, last);
        prop_assert!(!q.is_busy());
    }
}

fn apply(server: &mut [Option<u32>; 3], body: &CheckoutUpdate) {
    if let Patch::Value(v) = body.seats {
        server[0] = Some(v);
    }
    if let Patch::Value(v) = &body.customer_name {
        server[1] = v.parse().ok();
    }
    if let Patch::Value(v) = body.amount {
        server[2] = Some(v as u32);
    }
}
