//! The live checkout: the session as the server last returned it, the buyer's draft,
//! and the update queue that keeps them in step. Components read its signals and call
//! its methods; it owns the requests and the timers.
//!
//! Everything here may run after the checkout is destroyed: an answer to a request the
//! destroy aborted, a timer that was due, a listener of one of its events that called
//! `destroy()`. So every reactive access goes through a `try_` accessor, which does
//! nothing on a disposed value, and code woken by an `.await` first asks
//! [`Controller::alive`]. Nothing here can panic on a destroyed checkout.

use std::time::Duration;

use kassa_core::api_error::{ApiError, Refusal};
use kassa_core::checkout::payment::{BillingDetails, PaymentForm};
use kassa_core::checkout::{CheckoutPublic, CheckoutStatus, CheckoutUpdate, FieldPath, FieldSet};
use kassa_core::i18n::{texts, Lang, Texts};
use kassa_core::sandbox::INTENT_REQUIRES_ACTION;
use kassa_core::sync::{Draft, EditKind, FieldErrors, Reaction, Request, RequestKind, SyncStatus, UpdateQueue};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsValue;

use crate::api::{CheckoutEndpoint, Session};
use crate::computed::Computed;
use crate::events::Host;
use crate::lifetime::{Lifetime, Timer};
use crate::payment::{Payment, PaymentLoader};
use crate::state::State;
use crate::ui::amounts::Amounts;
use crate::ui::chunks;

/// The host element, for events; `None` where a checkout is mounted without one (tests).
pub type HostContext = StoredValue<Option<Host>, LocalStorage>;

/// Where the buyer is in the checkout.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Phase {
    /// Filling in and paying.
    #[default]
    Open,
    /// The bank asks for a second step (3-D Secure).
    Authenticating,
    /// Paid; waiting for the provider to settle.
    Processing,
    /// Paid and settled.
    Succeeded,
    /// The payment failed for good.
    Failed,
    /// The session expired.
    Expired,
    /// The session is closed for another reason.
    Closed,
}

/// Where the card form stands.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum CardForm {
    /// Not needed, or not asked for yet.
    #[default]
    Idle,
    /// Loading (the adapter and Stripe.js).
    Loading,
    /// On the page.
    Ready,
    /// It could not load: why.
    Failed(String),
    /// No card form can be offered here (no loader, no publishable key).
    Unavailable,
}

/// How the checkout gets its card form: the loader the JavaScript API passes to `mount`,
/// the provider's base URL (where the sandbox serves its stand-in) and the merchant's
/// `stripeJs` option. Absent where a checkout is mounted without the JavaScript API.
#[derive(Clone, Debug)]
pub struct PaymentSetup {
    /// `(host, options) → Promise<Payment>`.
    pub loader: PaymentLoader,
    /// The provider's base URL.
    pub api_base: String,
    /// Where to load Stripe.js from, if the merchant said.
    pub stripe_js: Option<String>,
}

/// [`PaymentSetup`] in context.
pub type PaymentContext = StoredValue<Option<PaymentSetup>, LocalStorage>;

/// How often a confirmed session is read until it settles, and how many times.
const POLL_EVERY: Duration = Duration::from_millis(500);
const POLL_LIMIT: u32 = 120;

/// The checkout's state and actions. `Copy`: every field is a handle.
#[derive(Clone, Copy)]
pub struct Controller {
    /// What no view reads reactively, in one arena slot (see [`Held`]).
    held: StoredValue<Held, LocalStorage>,
    host: HostContext,
    /// The session as the server last returned it.
    pub session: RwSignal<CheckoutPublic>,
    /// What the buyer sees in each field.
    pub draft: State<Draft>,
    /// 422 messages by field path.
    pub errors: State<FieldErrors>,
    /// What the queue is doing.
    pub status: State<SyncStatus>,
    /// Whether some input is refused, or held behind a refused value (Pay waits).
    pub unsaved: State<bool>,
    /// A message for the whole form (a declined payment, a 422 naming no field).
    pub notice: State<Option<String>>,
    /// Where the buyer is.
    pub phase: State<Phase>,
    /// How to load it.
    payment_setup: PaymentContext,
    /// Where the card form stands.
    pub card: State<CardForm>,
    /// While the card form checks the card and makes a token.
    pub paying: State<bool>,
    /// The buyer's language.
    pub lang: Lang,
    /// Formatting context of the session, derived from it once per change.
    amounts: Computed<Amounts>,
}

/// The controller's state that no view reads reactively. One `StoredValue` of it, not
/// one each: every `StoredValue::new` of another type was its own inlined copy of
/// Leptos's arena insertion in the checkout's constructor (README, "Size"). A closure
/// given [`Controller::held`] or [`Controller::held_mut`] must not reach the controller's
/// other held state: the slot is locked while it runs.
struct Held {
    endpoint: CheckoutEndpoint,
    queue: UpdateQueue,
    lifetime: Lifetime,
    locale: String,
    /// The session as the JSON object events hand to the page.
    json: JsValue,
    /// The card form, once loaded.
    payment: Option<Payment>,
    /// What the card form was last set up with.
    payment_form: Option<PaymentForm>,
    /// Set once the bank's second step passed, so a session that still says it waits
    /// for it is not sent through it again.
    authenticated: bool,
}

/// An update that changes nothing (see [`Controller::edit_with`]).
#[inline(never)]
fn empty_update() -> CheckoutUpdate {
    CheckoutUpdate::default()
}

fn now() -> f64 {
    js_sys::Date::now()
}

/// The phase a session's status implies.
fn phase_of(c: &CheckoutPublic) -> Phase {
    match c.status {
        CheckoutStatus::Open => Phase::Open,
        CheckoutStatus::Confirmed if c.processor_meta("intent_status") == Some(INTENT_REQUIRES_ACTION) => {
            Phase::Authenticating
        }
        CheckoutStatus::Confirmed => Phase::Processing,
        CheckoutStatus::Succeeded => Phase::Succeeded,
        CheckoutStatus::Failed => Phase::Failed,
        CheckoutStatus::Expired => Phase::Expired,
        // A status Polar adds later: nothing can be done with it here.
        CheckoutStatus::Unknown => Phase::Closed,
    }
}

impl Controller {
    /// A controller over a freshly loaded session, living as long as the checkout's
    /// [`Lifetime`] (from context; a new one bound to the current owner otherwise).
    pub fn new(endpoint: CheckoutEndpoint, session: Session, locale: String) -> Self {
        let lifetime = use_context::<Lifetime>().unwrap_or_default();
        let endpoint = endpoint.with_signal(lifetime.signal());
        let Session { model: session, json } = session;
        let session = RwSignal::new(session);
        let for_amounts = locale.clone();
        let amounts = Computed::new(move || session.with(|s| Amounts::for_session(s, &for_amounts)));
        let ctl = Self {
            amounts,
            lang: Lang::shown_for(&locale),
            held: StoredValue::new_local(Held {
                endpoint,
                queue: UpdateQueue::new(),
                lifetime,
                locale,
                json,
                payment: None,
                payment_form: None,
                authenticated: false,
            }),
            host: use_context::<HostContext>().unwrap_or_else(|| StoredValue::new_local(None)),
            draft: State::new(session.with_untracked(Draft::from_session)),
            phase: State::new(session.with_untracked(phase_of)),
            session,
            errors: State::new(FieldErrors::default()),
            status: State::new(SyncStatus::Saved),
            unsaved: State::new(false),
            notice: State::new(None),
            payment_setup: use_context::<PaymentContext>().unwrap_or_else(|| StoredValue::new_local(None)),
            card: State::new(CardForm::Idle),
            paying: State::new(false),
        };
        // A session already paid or waiting for the bank: read it until it settles.
        if matches!(ctl.phase.get_untracked(), Phase::Processing | Phase::Authenticating) {
            ctl.poll(0);
        }
        ctl
    }

    /// Whether the checkout is still mounted: code an `.await` or a timer wakes checks
    /// this before anything else.
    pub fn alive(&self) -> bool {
        self.held(|h| h.lifetime.alive()).unwrap_or(false)
    }

    /// Reads the held state; `None` once the checkout is gone.
    fn held<R>(&self, f: impl FnOnce(&Held) -> R) -> Option<R> {
        self.held.try_with_value(f)
    }

    /// Changes the held state; `None` once the checkout is gone.
    fn held_mut<R>(&self, f: impl FnOnce(&mut Held) -> R) -> Option<R> {
        self.held.try_update_value(f)
    }

    fn lifetime(&self) -> Option<Lifetime> {
        self.held(|h| h.lifetime.clone())
    }

    fn endpoint(&self) -> Option<CheckoutEndpoint> {
        self.held(|h| h.endpoint.clone())
    }

    /// Runs `f` after `delay` unless the checkout is destroyed first (the timer of this
    /// name is replaced).
    pub fn later(&self, timer: Timer, delay: Duration, f: impl FnOnce() + 'static) {
        if let Some(lifetime) = self.lifetime() {
            lifetime.timeout(timer, delay, f);
        }
    }

    /// Runs `f` once the page has painted (the next frame, then a task) unless the current
    /// owner or the checkout goes first: what the first render does not need (the country
    /// list, the card form, the chunk's code) must not delay the first frame.
    pub fn after_paint(&self, timer: Timer, f: impl FnOnce() + 'static) {
        self.after_paint_boxed(timer, Box::new(f));
    }

    fn after_paint_boxed(&self, timer: Timer, f: Box<dyn FnOnce()>) {
        let ctl = *self;
        if let Ok(frame) = request_animation_frame_with_handle(move || ctl.later(timer, Duration::ZERO, f)) {
            on_cleanup(move || frame.cancel());
        }
    }

    /// Fires an event on the host element, if there is one. A listener may destroy the
    /// checkout: callers do nothing after this but `try_` accesses.
    fn emit(&self, f: impl FnOnce(&Host)) {
        if let Some(Some(host)) = self.host.try_get_value() {
            f(&host);
        }
    }

    /// Fires `kassa:ready` with the session.
    pub fn ready(&self) {
        if let Some(json) = self.held(|h| h.json.clone()) {
            self.emit(|h| {
                h.session("kassa:ready", &json);
            });
        }
    }

    /// Moves to `phase`, firing the event of the transition.
    pub fn set_phase(&self, phase: Phase) {
        let Some(before) = self.phase.try_get_untracked() else { return };
        if before == phase {
            return;
        }
        self.phase.try_set(phase.clone());
        match phase {
            Phase::Processing => self.poll(0),
            Phase::Authenticating => self.authenticate(),
            _ => {}
        }
        let json = self.held(|h| h.json.clone()).unwrap_or(JsValue::NULL);
        match phase {
            Phase::Processing | Phase::Authenticating if before == Phase::Open => self.emit(|h| {
                h.session("kassa:confirmed", &json);
            }),
            Phase::Succeeded => {
                let url = self.session.try_with_untracked(|s| s.success_url.clone()).unwrap_or_default();
                self.emit(|h| h.success(&json, &url));
            }
            Phase::Expired => self.emit(|h| {
                h.session("kassa:expired", &json);
            }),
            Phase::Failed => self.emit(|h| h.error("payment_failed", self.t().failed_body)),
            _ => {}
        }
    }

    /// The texts of the buyer's language.
    pub fn t(&self) -> &'static Texts {
        texts(self.lang)
    }

    /// The buyer's locale.
    pub fn locale(&self) -> String {
        self.held(|h| h.locale.clone()).unwrap_or_default()
    }

    /// Formatting context of the current session (reactive).
    pub fn amounts(&self) -> Amounts {
        self.amounts.get()
    }

    /// "/ month", "every 3 months": a billing period in the buyer's language and digits.
    pub fn period(&self, interval: kassa_core::checkout::Interval, count: u32) -> String {
        let locale = self.locale();
        kassa_core::i18n::billing_period(self.lang, interval, count, &crate::intl::format_integer(count, &locale))
    }

    /// The payment currency's exponent: the one amounts are shown and typed with.
    pub fn exponent(&self) -> u8 {
        self.session.try_with_untracked(CheckoutPublic::payment_exponent).unwrap_or(2)
    }

    /// The 422 message of a field path, reactively.
    pub fn error(&self, path: &FieldPath) -> Option<String> {
        self.errors.with(|e| e.get(path).cloned())
    }

    /// Records an edit the buyer made (the draft is already updated) and sends it in
    /// due course.
    pub fn edit(&self, update: CheckoutUpdate, kind: EditKind) {
        self.notice.try_set(None);
        self.held_mut(|h| h.queue.edit(update, kind, now()));
        self.pump();
    }

    /// Records an edit of the fields `set` writes into an otherwise empty update. Every
    /// edit starts from one out-of-line empty update: a `CheckoutUpdate { …,
    /// ..Default::default() }` at each of a dozen call sites was ~0.5 KB of code each.
    pub fn edit_with(&self, kind: EditKind, set: impl FnOnce(&mut CheckoutUpdate)) {
        let mut update = empty_update();
        set(&mut update);
        self.edit(update, kind);
    }

    /// The buyer left a text field: send it now.
    pub fn flush(&self) {
        self.held_mut(|h| h.queue.flush(now()));
        self.pump();
    }

    /// "Try again" after the queue stalled.
    pub fn retry(&self) {
        self.notice.try_set(None);
        self.held_mut(|h| h.queue.retry_now(now()));
        self.pump();
    }

    /// Pays: where a card is needed, has the card form check it and make a token;
    /// then confirms once every edit is saved, carrying the whole form.
    pub fn pay(&self) {
        self.notice.try_set(None);
        // Paying until the chunk's code takes over: a second click meanwhile does nothing.
        if self.paying.try_get_untracked() != Some(false) {
            return;
        }
        self.paying.try_set(true);
        let ctl = *self;
        self.after(chunks::pay(ctl), move || {
            ctl.paying.try_set(false);
            ctl.payment_code_missing();
        });
    }

    /// [`Controller::pay`]'s work, in the chunk loaded after the first render (as is the
    /// confirm's form, written from the draft).
    pub(crate) fn pay_now(&self) {
        self.paying.try_set(false);
        let needs_card = self.session.try_with_untracked(|s| s.is_payment_form_required).unwrap_or(false);
        if !needs_card {
            return self.confirm(None);
        }
        let (Some(Some(payment)), Some(billing)) =
            (self.held(|h| h.payment.clone()), self.draft.try_with_untracked(BillingDetails::of))
        else {
            return;
        };
        let ctl = *self;
        self.paying.try_set(true);
        spawn_local(async move {
            let token = payment.token(&billing).await;
            if !ctl.alive() {
                return;
            }
            ctl.paying.try_set(false);
            match token {
                Ok(token) => ctl.confirm(Some(token)),
                // A card the form refuses: its message stays in the form.
                Err((_, true)) => {}
                Err((message, false)) => {
                    ctl.notice.try_set(Some(kassa_core::i18n::fill(ctl.t().payment_failed, &[&message])));
                }
            }
        });
    }

    /// Runs `step`, code of the chunk loaded after the first render, when it has loaded;
    /// `failed` if it could not be (the network, or the file is missing).
    fn after(
        &self,
        step: impl std::future::Future<Output = Result<(), chunks::LoadError>> + 'static,
        failed: impl FnOnce() + 'static,
    ) {
        self.after_boxed(Box::pin(step), Box::new(failed));
    }

    /// [`Controller::after`] for one future and one closure type: one task's code, not one
    /// per split point.
    fn after_boxed(
        &self,
        step: std::pin::Pin<Box<dyn std::future::Future<Output = Result<(), chunks::LoadError>>>>,
        failed: Box<dyn FnOnce()>,
    ) {
        let ctl = *self;
        spawn_local(async move {
            if step.await.is_err() && ctl.alive() {
                failed();
            }
        });
    }

    /// A part of the checkout whose code could not be fetched: `kassa:error` says so.
    pub fn chunk_unavailable(&self) {
        self.emit(|h| {
            h.error("chunk_unavailable", "the checkout's code loaded after its first render could not be fetched")
        });
    }

    /// The chunk with the payment code could not be fetched: said where the buyer looks.
    fn payment_code_missing(&self) {
        self.chunk_unavailable();
        let message = self.t().network_body;
        self.notice.try_set(Some(kassa_core::i18n::fill(self.t().payment_failed, &[message])));
    }

    /// Confirms with `token` once every edit is saved, carrying the whole form.
    fn confirm(&self, token: Option<String>) {
        let locale = self.locale();
        let Some(form) = self.session.try_with_untracked(|s| self.draft.with_untracked(|d| d.confirm_form(s, &locale)))
        else {
            return;
        };
        self.held_mut(|h| {
            h.queue.flush(now());
            h.queue.confirm(token, form);
        });
        self.pump();
    }

    /// Loads the card form, if the session needs one and it is not loaded: the
    /// adapter and Stripe.js come only now, after the form is on the screen, with the
    /// chunk that holds the payment code.
    pub fn prepare_payment(&self) {
        let ctl = *self;
        self.after(chunks::load_card_form(ctl), move || {
            let message = "The card form could not load.".to_string();
            ctl.card.try_set(CardForm::Failed(message.clone()));
            ctl.emit(|h| h.error("payment_unavailable", &message));
        });
    }

    /// [`Controller::prepare_payment`]'s work, in the chunk loaded after the first render.
    pub(crate) fn load_card_form(&self) {
        let Some(form) = self.session.try_with_untracked(PaymentForm::for_session).flatten() else { return };
        if self.card.try_get_untracked() != Some(CardForm::Idle) {
            return;
        }
        let setup = self.payment_setup.try_get_value().flatten();
        let host = self.host.try_get_value().flatten();
        let (Some(setup), Some(host), Some(lifetime)) = (setup, host, self.lifetime()) else {
            self.card.try_set(CardForm::Unavailable);
            return;
        };
        self.card.try_set(CardForm::Loading);
        self.held_mut(|h| h.payment_form = Some(form.clone()));
        let ctl = *self;
        let locale = self.locale();
        spawn_local(async move {
            let loaded = setup.loader.load(&host.0, &form, &locale, &setup.api_base, setup.stripe_js.as_deref()).await;
            if !ctl.alive() {
                // Destroyed while it loaded: it goes at once.
                if let Ok(payment) = loaded {
                    payment.remove();
                }
                return;
            }
            match loaded {
                Ok(payment) => {
                    let keep = payment.clone();
                    lifetime.on_end(move || keep.remove());
                    ctl.held_mut(|h| h.payment = Some(payment));
                    ctl.card.try_set(CardForm::Ready);
                    // The session may have changed while the form loaded.
                    ctl.follow_card_form();
                }
                Err(message) => {
                    ctl.card.try_set(CardForm::Failed(message.clone()));
                    ctl.emit(|h| h.error("payment_unavailable", &message));
                }
            }
        });
    }

    /// Sets the card form up for the session as it now is (amount, currency, mode), if
    /// there is one (and so the payment code has loaded).
    fn follow_payment(&self) {
        if self.held(|h| h.payment.is_some()) == Some(true) {
            let ctl = *self;
            self.after(chunks::follow_payment(ctl), || {});
        }
    }

    /// [`Controller::follow_payment`]'s work, in the chunk loaded after the first render.
    pub(crate) fn follow_card_form(&self) {
        let Some(form) = self.session.try_with_untracked(PaymentForm::for_session).flatten() else { return };
        if self.held(|h| h.payment_form.as_ref() == Some(&form)) == Some(true) {
            return;
        }
        if let Some(Some(payment)) = self.held(|h| h.payment.clone()) {
            payment.follow(&form);
            self.held_mut(|h| h.payment_form = Some(form));
        }
    }

    /// Whether the queue is saving or a confirm is under way (reactive through `status`).
    pub fn busy(&self) -> bool {
        self.status.track();
        self.held(|h| h.queue.is_busy() || h.queue.is_confirming()).unwrap_or(false)
    }

    /// Copies what the queue is doing into the signals the view reads.
    fn sync(&self) {
        let Some((status, errors, form_error, unsaved)) = self.held(|h| {
            let q = &h.queue;
            (q.status(), q.errors().clone(), q.form_error().map(String::from), q.has_unsaved())
        }) else {
            return;
        };
        self.status.try_set(status);
        if self.errors.try_with_untracked(|e| *e != errors).unwrap_or(false) {
            self.errors.try_set(errors);
        }
        if self.unsaved.try_get_untracked() != Some(unsaved) {
            self.unsaved.try_set(unsaved);
        }
        if let Some(message) = form_error {
            self.notice.try_set(Some(message));
        }
    }

    /// Sends what is due, or sets the one timer for when something will be. Sending (the
    /// body's writer, the request, what its answer does) is in the chunk loaded after the
    /// first render: a request can only follow an edit, by when the chunk is in.
    fn pump(&self) {
        let Some(lifetime) = self.lifetime() else { return };
        if !lifetime.alive() {
            return;
        }
        let t = now();
        lifetime.cancel(Timer::Queue);
        if let Some(seq) = self.held_mut(|h| h.queue.start_next(t)).flatten() {
            let ctl = *self;
            self.after(chunks::send(ctl, seq), move || ctl.unsent(seq));
        } else if let Some(at) = self.held(|h| h.queue.next_wakeup()).flatten() {
            let ctl = *self;
            let wait = Duration::from_millis((at - t).clamp(0.0, 60_000.0) as u64);
            lifetime.timeout(Timer::Queue, wait, move || ctl.pump());
        }
        self.sync();
    }

    /// [`Controller::pump`]'s request `seq`, in the chunk: its body written, sent, its
    /// answer applied.
    pub(crate) fn send(&self, seq: u64) {
        let Some(endpoint) = self.endpoint() else { return };
        let in_flight = self.held(|h| h.queue.in_flight().filter(|r| r.seq == seq).cloned());
        let Some(request) = in_flight.flatten() else { return };
        let ctl = *self;
        spawn_local(async move {
            let token = match &request.kind {
                RequestKind::Update => None,
                RequestKind::Confirm { token } => Some(token.as_deref()),
            };
            let result = match (crate::api::request_body(&request.body, token), token) {
                (Err(e), _) => Err(e),
                (Ok(json), None) => endpoint.update(json).await,
                (Ok(json), Some(_)) => endpoint.confirm(json).await,
            };
            if ctl.alive() {
                ctl.answered(request, result);
            }
        });
    }

    /// The chunk that sends could not be fetched: the request failed as it would on the
    /// network, and the queue retries it (the buyer's edits stay in the draft).
    fn unsent(&self, seq: u64) {
        let error = ApiError::Network("the checkout's code could not be loaded".into());
        let reaction = self.held_mut(|h| h.queue.unsent(seq, error.clone(), now()));
        self.pump();
        if reaction == Some(Reaction::Stalled) {
            self.emit(|h| h.error(error.code(), &error.to_string()));
        }
    }

    fn answered(&self, request: Request, result: Result<Session, ApiError>) {
        let t = now();
        let (outcome, session) = match result {
            Ok(session) => (Ok(()), Some(session)),
            Err(e) => (Err(e), None),
        };
        let error = outcome.clone().err();
        let reaction = self.held_mut(|h| h.queue.on_response(request.seq, outcome, t)).unwrap_or(Reaction::Stale);
        // The queue's next step first: the events below may hand control to a listener
        // that destroys the checkout.
        self.pump();
        match reaction {
            Reaction::Apply { keep } => {
                if let Some(session) = session {
                    self.show(session, keep);
                }
            }
            Reaction::Terminal => {
                // A 403 on confirm may mean an earlier attempt went through: read it.
                if !matches!(error, Some(ApiError::Expired(_))) {
                    self.reload_now();
                }
                self.set_phase(match error {
                    Some(ApiError::Expired(_)) => Phase::Expired,
                    _ => Phase::Closed,
                });
            }
            Reaction::PaymentFailed(message) => {
                self.notice.try_set(Some(kassa_core::i18n::fill(self.t().payment_failed, &[&message])));
                self.emit(|h| h.error("payment_failed", &message));
            }
            Reaction::TrialRemoved => {
                self.notice.try_set(Some(self.t().trial_removed.to_string()));
            }
            Reaction::Refused { reason, detail } => {
                let t = self.t();
                let words = match reason {
                    Refusal::AlreadyActiveSubscription => t.already_subscribed,
                    _ => t.not_permitted,
                };
                self.notice.try_set(Some(words.to_string()));
                self.emit(|h| h.error(reason.code(), &detail));
            }
            Reaction::Retrying { .. }
                if matches!(error, Some(ApiError::Forbidden { reason: Refusal::PaymentNotReady, .. })) =>
            {
                self.notice.try_set(Some(self.t().payment_not_ready.to_string()));
            }
            Reaction::Stalled => {
                if let Some(e) = &error {
                    self.emit(|h| h.error(e.code(), &e.to_string()));
                }
            }
            Reaction::Stale | Reaction::Rejected | Reaction::Retrying { .. } => {}
        }
    }

    /// Shows a session from the server, keeping the buyer's newer input in `keep`.
    fn show(&self, session: Session, keep: FieldSet) {
        let Session { model: session, json } = session;
        self.draft.try_update(|d| d.refresh(&session, keep));
        let mut phase = phase_of(&session);
        // Past the bank's step, a provider that still says it waits is settling.
        if phase == Phase::Authenticating && self.held(|h| h.authenticated) == Some(true) {
            phase = Phase::Processing;
        }
        self.held_mut(|h| h.json = json.clone());
        self.session.try_set(session);
        self.follow_payment();
        self.emit(|h| {
            h.session("kassa:change", &json);
        });
        self.set_phase(phase);
    }

    /// Reads the session (after confirm, or to learn why it closed), with the code that
    /// shows an answer, in the chunk loaded after the first render.
    fn reload(&self) {
        let ctl = *self;
        // Nothing to say if the chunk cannot be fetched: the poll that asked reads again.
        self.after(chunks::reload(ctl), || {});
    }

    /// [`Controller::reload`]'s work, in the chunk.
    pub(crate) fn reload_now(&self) {
        let (Some(endpoint), Some(seq)) = (self.endpoint(), self.held_mut(|h| h.queue.take_seq())) else {
            return;
        };
        let ctl = *self;
        spawn_local(async move {
            let result = endpoint.get().await;
            if !ctl.alive() {
                return;
            }
            if let Ok(session) = result {
                if let Some(Reaction::Apply { keep }) = ctl.held_mut(|h| h.queue.on_read(seq)) {
                    ctl.show(session, keep);
                }
            }
        });
    }

    /// Reads a confirmed session until it settles.
    fn poll(&self, attempt: u32) {
        let waiting = matches!(self.phase.try_get_untracked(), Some(Phase::Processing | Phase::Authenticating));
        if attempt >= POLL_LIMIT || !waiting {
            return;
        }
        let ctl = *self;
        if let Some(lifetime) = self.lifetime() {
            lifetime.timeout(Timer::Poll, POLL_EVERY, move || {
                ctl.reload();
                ctl.poll(attempt + 1);
            });
        }
    }

    /// The bank's second step (3-D Secure), through the card form: on success the
    /// session settles (read until it does); on failure the form opens again with why.
    fn authenticate(&self) {
        let ctl = *self;
        self.after(chunks::authenticate(ctl), move || {
            ctl.payment_code_missing();
            ctl.set_phase(Phase::Open);
        });
    }

    /// [`Controller::authenticate`]'s work, in the chunk loaded after the first render.
    pub(crate) fn authenticate_now(&self) {
        let secret =
            self.session.try_with_untracked(|s| s.processor_meta("intent_client_secret").map(String::from)).flatten();
        let (Some(secret), Some(Some(payment))) = (secret, self.held(|h| h.payment.clone())) else {
            // No card form to take the step: read until the provider settles it.
            return self.poll(0);
        };
        let ctl = *self;
        spawn_local(async move {
            let result = payment.authenticate(&secret).await;
            if !ctl.alive() {
                return;
            }
            match result {
                Ok(()) => {
                    ctl.held_mut(|h| h.authenticated = true);
                    ctl.set_phase(Phase::Processing);
                }
                Err(message) => {
                    ctl.notice.try_set(Some(kassa_core::i18n::fill(ctl.t().payment_failed, &[&message])));
                    ctl.reload_now();
                    ctl.set_phase(Phase::Open);
                    ctl.emit(|h| h.error("payment_failed", &message));
                }
            }
        });
    }
}
