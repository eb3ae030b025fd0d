//! The live checkout: the session as the server last returned it, the buyer's draft,
//! and the update queue that keeps them in step. Components read its signals and call
//! its methods; it owns the timer and the requests.

use std::collections::BTreeMap;
use std::time::Duration;

use kassa_core::api_error::ApiError;
use kassa_core::checkout::{CheckoutPublic, CheckoutStatus, CheckoutUpdate};
use kassa_core::i18n::{texts, Lang, Texts};
use kassa_core::money::Currency;
use kassa_core::sync::{Draft, EditKind, Reaction, Request, RequestKind, SyncStatus, UpdateQueue};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsValue;

use crate::api::{CheckoutEndpoint, Session};
use crate::events::Host;
use crate::ui::amounts::Amounts;

/// The host element, for events; `None` where a checkout is mounted without one (tests).
pub type HostContext = StoredValue<Option<Host>, LocalStorage>;

/// Where the buyer is in the checkout.
#[derive(Clone, Debug, PartialEq)]
pub enum Phase {
    /// Filling in and paying.
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

/// The sandbox's test cards, offered where the provider is the sandbox.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TestCard {
    /// Pays.
    Success,
    /// Is declined.
    Declined,
    /// Needs a second step.
    Authentication,
}

impl TestCard {
    /// The sandbox token of the card.
    pub fn token(self) -> &'static str {
        match self {
            Self::Success => "tok_sandbox_success",
            Self::Declined => "tok_sandbox_declined",
            Self::Authentication => "tok_sandbox_requires_action",
        }
    }
}

/// How often a confirmed session is read until it settles, and how many times.
const POLL_EVERY: Duration = Duration::from_millis(500);
const POLL_LIMIT: u32 = 120;

/// The checkout's state and actions. `Copy`: every field is a handle.
#[derive(Clone, Copy)]
pub struct Controller {
    endpoint: StoredValue<CheckoutEndpoint>,
    queue: StoredValue<UpdateQueue>,
    timer: StoredValue<Option<TimeoutHandle>, LocalStorage>,
    locale: StoredValue<String>,
    host: HostContext,
    /// The session as the server last returned it.
    pub session: RwSignal<CheckoutPublic>,
    /// The same, as the JSON object events hand to the page.
    json: StoredValue<JsValue, LocalStorage>,
    /// What the buyer sees in each field.
    pub draft: RwSignal<Draft>,
    /// 422 messages by field path.
    pub errors: RwSignal<BTreeMap<String, String>>,
    /// What the queue is doing.
    pub status: RwSignal<SyncStatus>,
    /// A message for the whole form (a declined payment).
    pub notice: RwSignal<Option<String>>,
    /// Where the buyer is.
    pub phase: RwSignal<Phase>,
    /// The chosen sandbox test card.
    pub card: RwSignal<TestCard>,
    /// The buyer's language.
    pub lang: Lang,
    /// Formatting context of the session, derived from it once per change.
    amounts: Memo<Amounts>,
}

fn now() -> f64 {
    js_sys::Date::now()
}

/// The phase a session's status implies.
fn phase_of(c: &CheckoutPublic) -> Phase {
    match c.status {
        CheckoutStatus::Open => Phase::Open,
        CheckoutStatus::Confirmed if c.payment_processor_metadata.get("intent_status").map(String::as_str) == Some("requires_action") => {
            Phase::Authenticating
        }
        CheckoutStatus::Confirmed => Phase::Processing,
        CheckoutStatus::Succeeded => Phase::Succeeded,
        CheckoutStatus::Failed => Phase::Failed,
        CheckoutStatus::Expired => Phase::Expired,
    }
}

impl Controller {
    /// A controller over a freshly loaded session.
    pub fn new(endpoint: CheckoutEndpoint, session: Session, locale: String) -> Self {
        let Session { model: session, json } = session;
        let exponent = Currency::parse(&session.currency).map(|c| c.exponent()).unwrap_or(2);
        let session = RwSignal::new(session);
        let for_amounts = locale.clone();
        let amounts = Memo::new(move |_| session.with(|s| Amounts::for_session(s, &for_amounts)));
        let ctl = Self {
            amounts,
            endpoint: StoredValue::new(endpoint),
            queue: StoredValue::new(UpdateQueue::new()),
            timer: StoredValue::new_local(None),
            lang: Lang::from_locale(&locale),
            locale: StoredValue::new(locale),
            host: use_context::<HostContext>().unwrap_or_else(|| StoredValue::new_local(None)),
            draft: RwSignal::new(session.with_untracked(|s| Draft::from_session(s, exponent))),
            phase: RwSignal::new(session.with_untracked(phase_of)),
            session,
            json: StoredValue::new_local(json),
            errors: RwSignal::new(BTreeMap::new()),
            status: RwSignal::new(SyncStatus::Saved),
            notice: RwSignal::new(None),
            card: RwSignal::new(TestCard::Success),
        };
        if ctl.phase.get_untracked() == Phase::Processing {
            ctl.poll(0);
        }
        ctl
    }

    /// Fires an event on the host element, if there is one.
    fn emit(&self, f: impl FnOnce(&Host)) {
        self.host.with_value(|h| {
            if let Some(h) = h {
                f(h)
            }
        });
    }

    /// Fires `kassa:ready` with the session.
    pub fn ready(&self) {
        let json = self.json.get_value();
        self.emit(|h| {
            h.session("kassa:ready", &json);
        });
    }

    /// Moves to `phase`, firing the event of the transition.
    pub fn set_phase(&self, phase: Phase) {
        let before = self.phase.get_untracked();
        if before == phase {
            return;
        }
        self.phase.set(phase.clone());
        let json = self.json.get_value();
        match phase {
            Phase::Processing | Phase::Authenticating if before == Phase::Open => self.emit(|h| {
                h.session("kassa:confirmed", &json);
            }),
            Phase::Succeeded => self.emit(|h| h.success(&json, &self.session.with_untracked(|s| s.success_url.clone()))),
            Phase::Expired => self.emit(|h| {
                h.session("kassa:expired", &json);
            }),
            Phase::Failed => self.emit(|h| h.error("payment_failed", self.t().failed_body)),
            _ => {}
        }
        if phase == Phase::Processing {
            self.poll(0);
        }
    }

    /// The texts of the buyer's language.
    pub fn t(&self) -> &'static Texts {
        texts(self.lang)
    }

    /// The buyer's locale.
    pub fn locale(&self) -> String {
        self.locale.get_value()
    }

    /// Formatting context of the current session (reactive).
    pub fn amounts(&self) -> Amounts {
        self.amounts.get()
    }

    /// "/ month", "every 3 months": a billing period in the buyer's language and digits.
    pub fn period(&self, interval: kassa_core::checkout::Interval, count: u32) -> String {
        let locale = self.locale.get_value();
        kassa_core::i18n::billing_period(self.lang, interval, count, &crate::intl::format_integer(count, &locale))
    }

    /// The payment currency's exponent.
    pub fn exponent(&self) -> u8 {
        self.session.with_untracked(|s| Currency::parse(&s.currency).map(|c| c.exponent()).unwrap_or(2))
    }

    /// The 422 message of a field path, reactively.
    pub fn error(&self, path: &str) -> Option<String> {
        self.errors.with(|e| e.get(path).cloned())
    }

    /// Records an edit the buyer made (the draft is already updated) and sends it in
    /// due course.
    pub fn edit(&self, update: CheckoutUpdate, kind: EditKind) {
        self.notice.set(None);
        self.queue.update_value(|q| q.edit(update, kind, now()));
        self.pump();
    }

    /// The buyer left a text field: send it now.
    pub fn flush(&self) {
        self.queue.update_value(|q| q.flush(now()));
        self.pump();
    }

    /// "Try again" after the queue stalled.
    pub fn retry(&self) {
        self.notice.set(None);
        self.queue.update_value(|q| q.retry_now(now()));
        self.pump();
    }

    /// Pays: confirms once every edit is saved, with the chosen test card if a payment
    /// is needed.
    pub fn pay(&self) {
        self.notice.set(None);
        let needs_payment = self.session.with_untracked(|s| s.is_payment_form_required);
        let token = needs_payment.then(|| self.card.get_untracked().token().to_string());
        self.queue.update_value(|q| {
            q.flush(now());
            q.confirm(token);
        });
        self.pump();
    }

    /// Whether the queue is saving or a confirm is under way (reactive through `status`).
    pub fn busy(&self) -> bool {
        self.status.track();
        self.queue.with_value(|q| q.is_busy() || q.is_confirming())
    }

    fn sync(&self) {
        let (status, errors) = self.queue.with_value(|q| (q.status(), q.errors().clone()));
        self.status.set(status);
        if self.errors.with_untracked(|e| *e != errors) {
            self.errors.set(errors);
        }
    }

    /// Sends what is due, or sets the one timer for when something will be.
    fn pump(&self) {
        let t = now();
        if let Some(handle) = self.timer.try_update_value(Option::take).flatten() {
            handle.clear();
        }
        let request = self.queue.try_update_value(|q| q.next_request(t)).flatten();
        if let Some(request) = request {
            let ctl = *self;
            spawn_local(async move {
                let endpoint = ctl.endpoint.get_value();
                let result = match &request.kind {
                    RequestKind::Update => endpoint.update(&request.body).await,
                    RequestKind::Confirm { token } => endpoint.confirm(&request.body, token.as_deref()).await,
                };
                ctl.answered(request, result);
            });
        } else if let Some(at) = self.queue.with_value(UpdateQueue::next_wakeup) {
            let ctl = *self;
            let wait = Duration::from_millis((at - t).clamp(0.0, 60_000.0) as u64);
            let handle = set_timeout_with_handle(move || ctl.pump(), wait).ok();
            self.timer.set_value(handle);
        }
        self.sync();
    }

    fn answered(&self, request: Request, result: Result<Session, ApiError>) {
        let t = now();
        let (outcome, session) = match result {
            Ok(session) => (Ok(()), Some(session)),
            Err(e) => (Err(e), None),
        };
        let error = outcome.clone().err();
        let reaction = self.queue.try_update_value(|q| q.on_response(request.seq, outcome, t)).unwrap_or(Reaction::Stale);
        match reaction {
            Reaction::Apply { keep } => {
                if let Some(session) = session {
                    self.show(session, &keep);
                }
            }
            Reaction::Terminal => {
                self.set_phase(match error {
                    Some(ApiError::Expired(_)) => Phase::Expired,
                    _ => Phase::Closed,
                });
                // A 403 on confirm may mean an earlier attempt went through: read it.
                if !matches!(error, Some(ApiError::Expired(_))) {
                    self.reload();
                }
            }
            Reaction::PaymentFailed(message) => {
                self.notice.set(Some(kassa_core::i18n::fill(self.t().payment_failed, &[&message])));
                self.emit(|h| h.error("payment_failed", &message));
            }
            Reaction::Stalled => {
                if let Some(e) = &error {
                    self.emit(|h| h.error(e.code(), &e.to_string()));
                }
            }
            Reaction::Stale | Reaction::Rejected | Reaction::Retrying { .. } => {}
        }
        self.pump();
    }

    /// Shows a session from the server, keeping the buyer's newer input in `keep`.
    fn show(&self, session: Session, keep: &std::collections::BTreeSet<&'static str>) {
        let Session { model: session, json } = session;
        let exponent = self.exponent();
        self.draft.update(|d| d.refresh(&session, keep, exponent));
        let phase = phase_of(&session);
        self.emit(|h| {
            h.session("kassa:change", &json);
        });
        self.json.set_value(json);
        self.session.set(session);
        self.set_phase(phase);
    }

    /// Reads the session (after confirm, or to learn why it closed).
    fn reload(&self) {
        let ctl = *self;
        let seq = self.queue.try_update_value(UpdateQueue::take_seq).unwrap_or(0);
        spawn_local(async move {
            if let Ok(session) = ctl.endpoint.get_value().get().await {
                if let Some(Reaction::Apply { keep }) = ctl.queue.try_update_value(|q| q.on_read(seq)) {
                    ctl.show(session, &keep);
                }
            }
        });
    }

    /// Reads a confirmed session until it settles.
    fn poll(&self, attempt: u32) {
        if attempt >= POLL_LIMIT || self.phase.get_untracked() != Phase::Processing {
            return;
        }
        let ctl = *self;
        set_timeout(
            move || {
                ctl.reload();
                ctl.poll(attempt + 1);
            },
            POLL_EVERY,
        );
    }

    /// The sandbox's second payment step: the buyer approves or rejects.
    pub fn authenticate(&self, approve: bool) {
        let ctl = *self;
        spawn_local(async move {
            match ctl.endpoint.get_value().next_action(approve).await {
                Ok(session) => ctl.show(session, &Default::default()),
                Err(ApiError::Payment(message)) => {
                    ctl.notice.set(Some(kassa_core::i18n::fill(ctl.t().payment_failed, &[&message])));
                    ctl.emit(|h| h.error("payment_failed", &message));
                    ctl.set_phase(Phase::Open);
                    ctl.reload();
                }
                Err(_) => ctl.reload(),
            }
        });
    }
}
