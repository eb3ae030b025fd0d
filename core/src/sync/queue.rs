//! The update queue: at most one request in flight per session; edits made meanwhile
//! merge into the next request (last value per field); text fields wait for a pause in
//! typing, discrete controls go at once; failures are retried with backoff, honouring
//! `Retry-After`, up to a bound; no edit is ever dropped.

use crate::api_error::{ApiError, Refusal};
use crate::checkout::{CheckoutUpdate, FieldSet};
use crate::sync::FieldErrors;

/// How long a text field waits after the last keystroke before it is sent.
pub const TEXT_IDLE_MS: f64 = 400.0;
/// A click within this long of the previous click is part of a burst: the burst is sent
/// once it pauses this long. A lone click goes at once.
pub const BURST_MS: f64 = 300.0;
/// Failed attempts of one batch before the queue stops and shows a retry control.
pub const MAX_ATTEMPTS: u32 = 5;
/// First retry delay; doubles per attempt.
const BACKOFF_BASE_MS: f64 = 500.0;
/// Longest retry delay, and the most a `Retry-After` is honoured for.
const BACKOFF_MAX_MS: f64 = 8_000.0;
const RETRY_AFTER_MAX_MS: f64 = 60_000.0;

/// What kind of control produced an edit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EditKind {
    /// Typed text: sent after [`TEXT_IDLE_MS`] without typing, or on blur.
    Text,
    /// A click or a choice (plan, seats stepper, toggle, select): sent at once, unless
    /// it follows another within [`BURST_MS`]; then the burst goes when it pauses.
    Discrete,
}

/// What a request does.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RequestKind {
    /// `PATCH …/{client_secret}`.
    Update,
    /// `POST …/{client_secret}/confirm` with this payment token.
    Confirm {
        /// `confirmation_token_id`; `None` for a session that needs no payment.
        token: Option<String>,
    },
}

/// A request to send.
#[derive(Clone, Debug, PartialEq)]
pub struct Request {
    /// Its sequence number: answers are applied only if newer than the last applied.
    pub seq: u64,
    /// Update or confirm.
    pub kind: RequestKind,
    /// The fields it sends.
    pub body: CheckoutUpdate,
}

/// What the browser layer should do with an answer.
#[derive(Clone, Debug, PartialEq)]
pub enum Reaction {
    /// Show the returned session. The fields in `keep` hold buyer input newer than
    /// the answer (or refused by the server): keep the buyer's values for them.
    Apply {
        /// Fields whose on-screen value must not be replaced by the server's.
        keep: FieldSet,
    },
    /// An answer to an older request than one already applied: ignore it.
    Stale,
    /// 422: show each message beside its field; the buyer's input stays.
    Rejected,
    /// Will retry by itself at `at_ms`.
    Retrying {
        /// When.
        at_ms: f64,
    },
    /// Gave up retrying or hit an unexpected answer: show the error and a retry control.
    Stalled,
    /// The session is no longer open (403) or has expired (410): show its terminal
    /// screen; nothing more is sent.
    Terminal,
    /// The payment was declined: show why; the buyer can try again.
    PaymentFailed(String),
    /// The buyer had this trial before: the request goes again at once without the
    /// trial (`allow_trial: false`, as Polar's own checkout does); say so.
    TrialRemoved,
    /// Polar refused the request (an active subscription, not permitted): show why. A
    /// refused update waits for the buyer's next edit; a refused confirm is not retried,
    /// its fields are saved as an update.
    Refused {
        /// Which refusal.
        reason: Refusal,
        /// Polar's message.
        detail: String,
    },
}

/// What the queue is doing, for the screen.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum SyncStatus {
    /// Everything is saved.
    #[default]
    Saved,
    /// Edits wait for a pause in typing or for the request in flight.
    Pending,
    /// A request is in flight.
    Sending,
    /// Waiting to retry at this time.
    Retrying {
        /// When.
        at_ms: f64,
    },
    /// Stopped after an error; edits are kept until the buyer retries.
    Stalled(ApiError),
    /// The session is closed.
    Stopped(ApiError),
}

#[derive(Clone, Debug, PartialEq)]
enum Confirm {
    None,
    Wanted(Option<String>),
    InFlight,
}

/// The queue of one session.
#[derive(Clone, Debug)]
pub struct UpdateQueue {
    pending: CheckoutUpdate,
    ready_at: f64,
    in_flight: Option<Request>,
    /// Fields edited since the request in flight was sent.
    edited_in_flight: FieldSet,
    /// Edits a 422 stopped for a reason outside them (a stored value the server now
    /// refuses, a problem with no field): re-sending them alone would be refused again,
    /// so they wait for the buyer's next edit and go with it.
    held: CheckoutUpdate,
    next_seq: u64,
    last_applied: u64,
    attempts: u32,
    not_before: f64,
    stalled: Option<ApiError>,
    stopped: Option<ApiError>,
    confirm: Confirm,
    /// 422 messages by field path (`customer_billing_address.country`).
    errors: FieldErrors,
    /// A 422 message that names no field of the form.
    form_error: Option<String>,
    /// When the last discrete edit was made.
    last_click: f64,
}

impl Default for UpdateQueue {
    fn default() -> Self {
        Self::new()
    }
}

impl UpdateQueue {
    /// An empty queue.
    pub fn new() -> Self {
        Self {
            pending: CheckoutUpdate::default(),
            ready_at: f64::INFINITY,
            in_flight: None,
            edited_in_flight: FieldSet::EMPTY,
            held: CheckoutUpdate::default(),
            next_seq: 1,
            last_applied: 0,
            attempts: 0,
            not_before: 0.0,
            stalled: None,
            stopped: None,
            confirm: Confirm::None,
            errors: FieldErrors::default(),
            form_error: None,
            last_click: f64::NEG_INFINITY,
        }
    }

    /// Records an edit at `now_ms`. Its fields' old error messages go (the server will
    /// judge the new values), held edits go with it, and a stalled queue tries again.
    pub fn edit(&mut self, update: CheckoutUpdate, kind: EditKind, now_ms: f64) {
        if self.stopped.is_some() || update.is_empty() {
            return;
        }
        let fields = update.fields();
        self.errors.retain(|path, _| !fields.contains(path.field));
        self.form_error = None;
        if self.in_flight.is_some() {
            self.edited_in_flight = self.edited_in_flight.union(fields);
        }
        let held = std::mem::take(&mut self.held);
        self.pending = held.merge(std::mem::take(&mut self.pending)).merge(update);
        self.ready_at = match kind {
            EditKind::Discrete => {
                let in_burst = now_ms - self.last_click < BURST_MS;
                self.last_click = now_ms;
                if in_burst {
                    now_ms + BURST_MS
                } else {
                    now_ms
                }
            }
            // A discrete edit already due is not held back by typing after it.
            EditKind::Text if self.ready_at <= now_ms => self.ready_at,
            EditKind::Text => now_ms + TEXT_IDLE_MS,
        };
        if self.stalled.is_some() {
            self.retry_now(now_ms);
        }
    }

    /// The buyer left a text field: send what it holds without waiting.
    pub fn flush(&mut self, now_ms: f64) {
        if !self.pending.is_empty() {
            self.ready_at = self.ready_at.min(now_ms);
        }
    }

    /// Asks to confirm with `token` once every edit before it is saved. The confirm
    /// carries `form`, the whole form as the buyer sees it (as Polar's own checkout
    /// confirms), with any edit not yet sent.
    pub fn confirm(&mut self, token: Option<String>, form: CheckoutUpdate) {
        if self.stopped.is_none() {
            self.pending = std::mem::take(&mut self.pending).merge(form);
            self.confirm = Confirm::Wanted(token);
        }
    }

    /// The buyer pressed "Try again" after the queue stalled.
    pub fn retry_now(&mut self, now_ms: f64) {
        self.stalled = None;
        self.attempts = 0;
        self.not_before = now_ms;
        if !self.pending.is_empty() {
            self.ready_at = self.ready_at.min(now_ms);
        }
    }

    /// The request to send now, if any. At most one is in flight.
    pub fn next_request(&mut self, now_ms: f64) -> Option<Request> {
        self.start_next(now_ms)?;
        self.in_flight.clone()
    }

    /// [`UpdateQueue::next_request`] without a copy of it: puts the request to send now,
    /// if any, in flight and gives its sequence number; [`UpdateQueue::in_flight`] has
    /// it. The widget sends from there, so the code that copies a request's body is
    /// loaded with the code that sends it, after the first render.
    pub fn start_next(&mut self, now_ms: f64) -> Option<u64> {
        if self.stopped.is_some() || self.stalled.is_some() || self.in_flight.is_some() || now_ms < self.not_before {
            return None;
        }
        let kind = match &self.confirm {
            Confirm::Wanted(token) => RequestKind::Confirm { token: token.clone() },
            _ if !self.pending.is_empty() && now_ms >= self.ready_at => RequestKind::Update,
            _ => return None,
        };
        if matches!(kind, RequestKind::Confirm { .. }) {
            self.confirm = Confirm::InFlight;
        }
        let seq = self.take_seq();
        self.ready_at = f64::INFINITY;
        self.edited_in_flight = FieldSet::EMPTY;
        self.in_flight = Some(Request { seq, kind, body: std::mem::take(&mut self.pending) });
        Some(seq)
    }

    /// The request in flight, if one is.
    pub fn in_flight(&self) -> Option<&Request> {
        self.in_flight.as_ref()
    }

    /// A sequence number for a read (a GET) that is not an update, so its answer can be
    /// ordered against the updates' answers.
    pub fn take_seq(&mut self) -> u64 {
        let seq = self.next_seq;
        self.next_seq += 1;
        seq
    }

    /// When [`next_request`](Self::next_request) may next return a request, if it can
    /// without another event.
    pub fn next_wakeup(&self) -> Option<f64> {
        if self.stopped.is_some() || self.stalled.is_some() || self.in_flight.is_some() {
            return None;
        }
        let due = match self.confirm {
            Confirm::Wanted(_) => 0.0,
            _ if !self.pending.is_empty() => self.ready_at,
            _ => return None,
        };
        Some(due.max(self.not_before))
    }

    /// Whether the answer to request `seq` is newer than everything applied so far;
    /// marks it applied if so.
    fn accept(&mut self, seq: u64) -> bool {
        if seq <= self.last_applied {
            return false;
        }
        self.last_applied = seq;
        true
    }

    /// The fields whose on-screen value is the buyer's, not the server's: unsent,
    /// edited since the request in flight left, held, or refused.
    fn keep(&self) -> FieldSet {
        let refused: FieldSet = self.errors.keys().map(|p| p.field).collect();
        self.pending.fields().union(self.edited_in_flight).union(self.held.fields()).union(refused)
    }

    /// A successful answer to a read (`GET`) with sequence `seq`.
    pub fn on_read(&mut self, seq: u64) -> Reaction {
        if self.accept(seq) {
            Reaction::Apply { keep: self.keep() }
        } else {
            Reaction::Stale
        }
    }

    /// The answer to request `seq` at `now_ms`: `Ok` if it returned a session.
    pub fn on_response(&mut self, seq: u64, result: Result<(), ApiError>, now_ms: f64) -> Reaction {
        let Some(request) = self.in_flight.take_if(|r| r.seq == seq) else {
            return Reaction::Stale;
        };
        let was_confirm = matches!(request.kind, RequestKind::Confirm { .. });
        if was_confirm {
            self.confirm = Confirm::None;
        }
        match result {
            Ok(()) => {
                self.attempts = 0;
                if self.accept(seq) {
                    Reaction::Apply { keep: self.keep() }
                } else {
                    Reaction::Stale
                }
            }
            Err(ApiError::Validation(problems)) => {
                // Nothing was applied. Refused fields stay on screen with their message
                // and are not re-sent until edited. The rest go again at once, unless a
                // problem lies outside the request (a stored tax ID refused after an
                // address change, a message with no field): then sending the rest alone
                // would be refused again, so it waits for the buyer's next edit.
                let mut body = request.body;
                let sent = body.fields();
                let mut refused = FieldSet::EMPTY;
                let mut outside = problems.is_empty();
                for problem in problems {
                    match problem.field_path() {
                        Some(path) => {
                            if sent.contains(path.field) {
                                refused.insert(path.field);
                            } else {
                                outside = true;
                            }
                            self.errors.insert(path, problem.message);
                        }
                        None => {
                            outside = true;
                            self.form_error = Some(problem.message);
                        }
                    }
                }
                body.take(refused);
                if outside {
                    self.held = std::mem::take(&mut self.held).merge(body);
                } else {
                    self.requeue(body, now_ms);
                }
                self.attempts = 0;
                Reaction::Rejected
            }
            Err(e @ (ApiError::NotOpen(_) | ApiError::Expired(_))) => {
                self.stopped = Some(e);
                Reaction::Terminal
            }
            Err(ApiError::Forbidden { reason: Refusal::TrialAlreadyRedeemed, .. }) => {
                let mut body = request.body;
                body.allow_trial = crate::checkout::Patch::Value(false);
                self.requeue(body, now_ms);
                if let RequestKind::Confirm { token } = request.kind {
                    self.confirm = Confirm::Wanted(token);
                }
                Reaction::TrialRemoved
            }
            Err(ApiError::Forbidden { reason: Refusal::DiscountRedemptionLimitReached, detail }) => {
                // Like a 422 on the code: shown beside it, not re-sent; the rest goes on.
                let mut body = request.body;
                body.take(crate::checkout::Field::DiscountCode.into());
                self.errors.insert(crate::checkout::Field::DiscountCode.into(), detail);
                self.requeue(body, now_ms);
                Reaction::Rejected
            }
            // A payment not ready yet is retried below, like a server error.
            Err(ApiError::Forbidden { reason, detail }) if reason != Refusal::PaymentNotReady => {
                // A refused confirm changed nothing: its fields go again as an update, so
                // the buyer can pay once the reason is gone. A refused update would be
                // refused again: it waits for the buyer's next edit.
                if was_confirm {
                    self.requeue(request.body, now_ms);
                } else {
                    self.held = std::mem::take(&mut self.held).merge(request.body);
                }
                Reaction::Refused { reason, detail }
            }
            Err(ApiError::Payment(message)) => {
                // The confirm changed nothing: its fields go again as an update.
                self.requeue(request.body, now_ms);
                Reaction::PaymentFailed(message)
            }
            Err(e) if e.is_retryable() || matches!(e, ApiError::Decode(_)) => self.retry_later(request, e, now_ms),
            Err(e) => {
                self.requeue(request.body, now_ms);
                self.stalled = Some(e);
                Reaction::Stalled
            }
        }
    }

    /// Request `seq` was never sent (the code that sends could not be loaded): it fails
    /// as a network error would, without the rest of [`UpdateQueue::on_response`], which
    /// the widget loads with that code.
    pub fn unsent(&mut self, seq: u64, error: ApiError, now_ms: f64) -> Reaction {
        let Some(request) = self.in_flight.take_if(|r| r.seq == seq) else {
            return Reaction::Stale;
        };
        if matches!(request.kind, RequestKind::Confirm { .. }) {
            self.confirm = Confirm::None;
        }
        self.retry_later(request, error, now_ms)
    }

    /// A request that may succeed later goes again after a backoff, until it has failed
    /// [`MAX_ATTEMPTS`] times in a row: then the queue stalls.
    fn retry_later(&mut self, request: Request, e: ApiError, now_ms: f64) -> Reaction {
        self.requeue(request.body, now_ms);
        if let RequestKind::Confirm { token } = request.kind {
            self.confirm = Confirm::Wanted(token);
        }
        self.attempts += 1;
        if self.attempts >= MAX_ATTEMPTS {
            self.stalled = Some(e);
            return Reaction::Stalled;
        }
        let delay = match e {
            ApiError::RateLimited { retry_after: Some(s) } => (f64::from(s) * 1000.0).min(RETRY_AFTER_MAX_MS),
            _ => (BACKOFF_BASE_MS * 2f64.powi(self.attempts as i32 - 1)).min(BACKOFF_MAX_MS),
        };
        self.not_before = now_ms + delay;
        Reaction::Retrying { at_ms: self.not_before }
    }

    /// Puts an unsent body back in front of newer edits, due at once.
    fn requeue(&mut self, body: CheckoutUpdate, now_ms: f64) {
        if body.is_empty() {
            return;
        }
        self.pending = body.merge(std::mem::take(&mut self.pending));
        self.ready_at = self.ready_at.min(now_ms);
    }

    /// 422 messages by field path.
    pub fn errors(&self) -> &FieldErrors {
        &self.errors
    }

    /// The last 422 message that named no field of the form, until the next edit.
    pub fn form_error(&self) -> Option<&str> {
        self.form_error.as_deref()
    }

    /// Whether some of the buyer's input is not saved and will not be without an edit:
    /// a refused value, or edits held behind one (Pay waits for this too).
    pub fn has_unsaved(&self) -> bool {
        !self.errors.is_empty() || !self.held.is_empty()
    }

    /// Whether anything is unsaved or being saved (Pay waits for this).
    pub fn is_busy(&self) -> bool {
        self.in_flight.is_some() || !self.pending.is_empty() || matches!(self.confirm, Confirm::Wanted(_))
    }

    /// Whether a confirm is asked for or in flight.
    pub fn is_confirming(&self) -> bool {
        self.confirm != Confirm::None
    }

    /// Edits not yet sent.
    pub fn pending(&self) -> &CheckoutUpdate {
        &self.pending
    }

    /// What the queue is doing.
    pub fn status(&self) -> SyncStatus {
        if let Some(e) = &self.stopped {
            SyncStatus::Stopped(e.clone())
        } else if let Some(e) = &self.stalled {
            SyncStatus::Stalled(e.clone())
        } else if self.in_flight.is_some() {
            SyncStatus::Sending
        } else if self.not_before > 0.0
            && (!self.pending.is_empty() || self.confirm != Confirm::None)
            && self.attempts > 0
        {
            SyncStatus::Retrying { at_ms: self.not_before }
        } else if !self.pending.is_empty() {
            SyncStatus::Pending
        } else {
            SyncStatus::Saved
        }
    }
}
