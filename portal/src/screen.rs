//! The subscription screen's state and what each of the customer's actions does: every
//! request goes out after a cancelable `kassa:subscription-change`, its answer replaces
//! the subscription shown, and a refusal leaves what the customer typed where it was,
//! with the message beside its field. After `destroy()` nothing here runs: requests are
//! aborted with the lifetime, and every write after an `.await` is a `try_`.

use kassa::events::Host;
use kassa::lifetime::Lifetime;
use kassa_core::checkout::CheckoutProduct;
use kassa_core::i18n::Lang;
use kassa_core::subscription::texts::{portal_texts, PortalTexts};
use kassa_core::subscription::{ChargePreview, SubscriptionUpdate};
use leptos::prelude::*;
use leptos::task::spawn_local;
use send_wrapper::SendWrapper;
use serde_json::Value;
use wasm_bindgen::JsValue;

use crate::api::{Loaded, PortalApi, PortalError};

/// What the screen shows.
#[derive(Clone, Debug, PartialEq)]
pub enum View {
    /// Waiting for the first answer.
    Loading,
    /// The customer's subscriptions, to pick one.
    List,
    /// One subscription.
    Detail,
    /// Nothing could be shown.
    Failed(PortalError),
}

/// The change being prepared, one at a time.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Panel {
    /// None open.
    #[default]
    None,
    /// Switch plan.
    Plan,
    /// Change seats.
    Seats,
    /// Cancel at period end.
    Cancel,
    /// Pause at period end.
    Pause,
    /// Move the next charge.
    Charge,
}

/// Where a change's price stands.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Preview {
    /// Nothing asked.
    #[default]
    Idle,
    /// Asked.
    Loading,
    /// What it bills.
    Ready(ChargePreview),
    /// The provider would refuse it, with why.
    Refused(String),
}

/// Which request a change is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// `PATCH …/subscriptions/{id}`.
    Update,
    /// `POST …/next-charge-date`.
    MoveCharge,
}

/// The screen: signals and the handles its actions need. `Copy`, like the signals.
#[derive(Clone, Copy)]
pub struct Screen {
    api: StoredValue<PortalApi>,
    first: StoredValue<Option<String>>,
    host: StoredValue<Option<SendWrapper<Host>>>,
    life: StoredValue<Lifetime>,
    /// The customer's language.
    pub lang: Lang,
    locale: StoredValue<String>,
    /// What is shown.
    pub view: RwSignal<View>,
    /// The subscription shown.
    pub current: RwSignal<Option<Loaded>>,
    /// The customer's subscriptions (when the screen started with the list).
    pub list: RwSignal<Option<Vec<Loaded>>>,
    /// The organization's products, once asked for.
    pub products: RwSignal<Option<Vec<CheckoutProduct>>>,
    /// The change being prepared.
    pub panel: RwSignal<Panel>,
    /// A request is under way.
    pub busy: RwSignal<bool>,
    /// A message for the whole screen.
    pub notice: RwSignal<Option<String>>,
    /// Messages by field (`seats`, `resumes_at`, `next_charge_date`, …).
    pub fields: RwSignal<Vec<(String, String)>>,
    /// The last change went through.
    pub saved: RwSignal<bool>,
    /// The price of the change being prepared.
    pub preview: RwSignal<Preview>,
    preview_seq: StoredValue<u32>,
    /// The plan chosen.
    pub plan: RwSignal<Option<String>>,
    /// The seats typed.
    pub seats: RwSignal<String>,
    /// The reason chosen (`""` for none).
    pub reason: RwSignal<String>,
    /// The comment typed.
    pub comment: RwSignal<String>,
    /// The resume day typed (`YYYY-MM-DD`, `""` for none).
    pub resumes: RwSignal<String>,
    /// The next charge's day typed.
    pub charge_day: RwSignal<String>,
}

impl Screen {
    /// A screen over `api`, firing its events on `host`, ending with the current owner.
    pub fn new(api: PortalApi, host: Option<Host>, locale: String, first: Option<String>) -> Self {
        let life = Lifetime::new();
        let api = api.with_signal(life.signal());
        Self {
            api: StoredValue::new(api),
            first: StoredValue::new(first),
            host: StoredValue::new(host.map(SendWrapper::new)),
            life: StoredValue::new(life),
            lang: Lang::shown_for(&locale),
            locale: StoredValue::new(locale),
            view: RwSignal::new(View::Loading),
            current: RwSignal::new(None),
            list: RwSignal::new(None),
            products: RwSignal::new(None),
            panel: RwSignal::new(Panel::None),
            busy: RwSignal::new(false),
            notice: RwSignal::new(None),
            fields: RwSignal::new(Vec::new()),
            saved: RwSignal::new(false),
            preview: RwSignal::new(Preview::Idle),
            preview_seq: StoredValue::new(0),
            plan: RwSignal::new(None),
            seats: RwSignal::new(String::new()),
            reason: RwSignal::new(String::new()),
            comment: RwSignal::new(String::new()),
            resumes: RwSignal::new(String::new()),
            charge_day: RwSignal::new(String::new()),
        }
    }

    /// The subscription the screen was mounted for, if one was named.
    pub fn start_id(&self) -> Option<String> {
        self.first.get_value()
    }

    /// The sentences of the customer's language.
    pub fn t(&self) -> &'static PortalTexts {
        portal_texts(self.lang)
    }

    /// The locale amounts and dates are formatted in.
    pub fn locale(&self) -> String {
        self.locale.get_value()
    }

    fn alive(&self) -> bool {
        self.life.try_with_value(Lifetime::alive).unwrap_or(false)
    }

    fn api(&self) -> Option<PortalApi> {
        self.life.try_with_value(Lifetime::alive).filter(|a| *a)?;
        self.api.try_get_value()
    }

    fn emit(&self, name: &str, detail: &JsValue) -> bool {
        self.host.try_with_value(|h| h.as_ref().is_none_or(|h| h.emit(name, detail))).unwrap_or(false)
    }

    /// The message `error` shows as, in the customer's language where it is generic,
    /// and in the provider's words where it names a rule.
    pub fn message(&self, error: &PortalError) -> String {
        let t = self.t();
        match error {
            PortalError::Network(_) => t.error_network.into(),
            PortalError::Auth => t.error_auth.into(),
            PortalError::NotFound => t.error_not_found.into(),
            PortalError::Server(_) => t.error_server.into(),
            PortalError::Refused(_, _, detail) if !detail.is_empty() => detail.clone(),
            PortalError::Fields(fields) if !fields.is_empty() => fields[0].1.clone(),
            _ => t.error_generic.into(),
        }
    }

    fn fail(&self, error: &PortalError) {
        let message = self.message(error);
        if let Some(h) = self.host.try_get_value().flatten() {
            h.error(error.code(), &message);
        }
    }

    /// Starts: the subscription `id`, or the list to pick one from.
    pub fn start(self, id: Option<String>) {
        match id.filter(|id| !id.trim().is_empty()) {
            Some(id) => self.load(id),
            None => self.load_list(),
        }
    }

    /// Reads subscription `id` and shows it.
    pub fn load(self, id: String) {
        let Some(api) = self.api() else { return };
        self.view.try_set(View::Loading);
        spawn_local(async move {
            let answer = api.get(&id).await;
            if !self.alive() {
                return;
            }
            match answer {
                Ok(loaded) => self.open(loaded),
                Err(e) => {
                    self.fail(&e);
                    self.view.try_set(View::Failed(e));
                }
            }
        });
    }

    /// Reads the customer's subscriptions and lists them.
    pub fn load_list(self) {
        let Some(api) = self.api() else { return };
        self.view.try_set(View::Loading);
        spawn_local(async move {
            let answer = api.list().await;
            if !self.alive() {
                return;
            }
            match answer {
                Ok(list) => {
                    self.list.try_set(Some(list));
                    self.view.try_set(View::List);
                }
                Err(e) => {
                    self.fail(&e);
                    self.view.try_set(View::Failed(e));
                }
            }
        });
    }

    /// Shows `loaded`, and tells the page (`kassa:subscription-ready`).
    pub fn open(&self, loaded: Loaded) {
        let json = loaded.json.clone();
        // A pending plan change is shown by its product's name: ask for the products.
        let pending_product = loaded.model.pending_update.as_ref().is_some_and(|p| p.product_id.is_some());
        if pending_product && self.products.try_with_untracked(Option::is_none).unwrap_or(false) {
            self.load_products(loaded.model.product.organization.slug.clone());
        }
        self.current.try_set(Some(loaded));
        self.close();
        self.view.try_set(View::Detail);
        self.emit("kassa:subscription-ready", &json);
    }

    /// Back to the list.
    pub fn back_to_list(&self) {
        self.close();
        self.current.set(None);
        self.view.set(View::List);
    }

    /// Closes the open panel and forgets its messages and preview.
    pub fn close(&self) {
        // A price still on its way belongs to the change closed: it must not land in the next.
        self.preview_seq.try_update_value(|n| *n = n.wrapping_add(1));
        self.panel.try_set(Panel::None);
        self.fields.try_set(Vec::new());
        self.notice.try_set(None);
        self.preview.try_set(Preview::Idle);
    }

    /// Opens `panel` with its inputs as the subscription stands.
    pub fn open_panel(self, panel: Panel) {
        self.close();
        self.saved.set(false);
        let Some(sub) = self.current.with_untracked(|c| c.as_ref().map(|l| l.model.clone())) else { return };
        match panel {
            Panel::Seats => self.seats.set(sub.seats.unwrap_or(1).to_string()),
            Panel::Charge => self.charge_day.set(String::new()),
            Panel::Plan => {
                self.plan.set(None);
                if self.products.with_untracked(Option::is_none) {
                    self.load_products(sub.product.organization.slug.clone());
                }
            }
            _ => {}
        }
        self.panel.set(panel);
    }

    fn load_products(&self, slug: String) {
        let this = *self;
        let Some(api) = self.api() else { return };
        spawn_local(async move {
            let answer = api.products(&slug).await;
            if !this.alive() {
                return;
            }
            match answer {
                Ok(products) => {
                    this.products.try_set(Some(products));
                }
                Err(e) => {
                    this.notice.try_set(Some(this.message(&e)));
                    this.products.try_set(Some(Vec::new()));
                }
            }
        });
    }

    /// Prices a plan or seat change (`{"product_id"}` or `{"seats"}`); a later ask
    /// supersedes an earlier one still under way.
    pub fn price(self, body: Value) {
        let Some(api) = self.api() else { return };
        let Some(id) = self.current_id() else { return };
        let seq = self.preview_seq.get_value().wrapping_add(1);
        self.preview_seq.set_value(seq);
        self.preview.set(Preview::Loading);
        self.fields.set(Vec::new());
        spawn_local(async move {
            let answer = api.preview(&id, &body).await;
            if !self.alive() || self.preview_seq.try_get_value() != Some(seq) {
                return;
            }
            let next = match answer {
                Ok(preview) => Preview::Ready(preview),
                Err(PortalError::Fields(fields)) => {
                    let message = fields.first().map(|f| f.1.clone()).unwrap_or_default();
                    self.fields.try_set(fields);
                    Preview::Refused(message)
                }
                Err(e) => Preview::Refused(self.message(&e)),
            };
            self.preview.try_set(next);
        });
    }

    fn current_id(&self) -> Option<String> {
        self.current.with_untracked(|c| c.as_ref().map(|l| l.model.id.clone()))
    }

    /// Sends `update` as `action` (`plan`, `seats`, `cancel`, …) unless the page prevents
    /// it; shows the answer, or the refusal beside its field.
    pub fn change(self, action: &'static str, update: SubscriptionUpdate) {
        self.send(action, Kind::Update, update.to_json());
    }

    /// Sends a change of `kind` with `body`.
    pub fn send(self, action: &'static str, kind: Kind, body: Value) {
        if self.busy.get_untracked() {
            return;
        }
        let Some(api) = self.api() else { return };
        let Some(id) = self.current_id() else { return };
        let detail = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&detail, &"action".into(), &action.into());
        let _ = js_sys::Reflect::set(&detail, &"subscriptionId".into(), &id.as_str().into());
        let _ =
            js_sys::Reflect::set(&detail, &"body".into(), &js_sys::JSON::parse(&body.to_string()).unwrap_or_default());
        if !self.emit("kassa:subscription-change", &detail) {
            return;
        }
        self.busy.set(true);
        self.saved.set(false);
        self.notice.set(None);
        self.fields.set(Vec::new());
        spawn_local(async move {
            let answer = match kind {
                Kind::Update => api.update(&id, &body).await,
                Kind::MoveCharge => api.move_charge(&id, &body).await,
            };
            if !self.alive() {
                return;
            }
            self.busy.try_set(false);
            match answer {
                Ok(loaded) => {
                    let json = loaded.json.clone();
                    self.current.try_set(Some(loaded.clone()));
                    self.list.try_update(|list| {
                        if let Some(item) = list.iter_mut().flatten().find(|l| l.model.id == loaded.model.id) {
                            *item = loaded;
                        }
                    });
                    self.close();
                    self.saved.try_set(true);
                    self.emit("kassa:subscription-updated", &json);
                }
                // The provider said yes but its answer could not be read: show what it holds now.
                Err(error @ PortalError::Decode(_)) => {
                    self.fail(&error);
                    self.load(id);
                }
                Err(error) => {
                    self.fail(&error);
                    match &error {
                        PortalError::Fields(fields) => {
                            self.fields.try_set(fields.clone());
                        }
                        // Polar's seat refusals are about the seat count.
                        PortalError::Refused(_, name, detail)
                            if matches!(name.as_str(), "BelowMinimumSeats" | "AboveMaximumSeats") =>
                        {
                            self.fields.try_set(vec![("seats".into(), detail.clone())]);
                        }
                        _ => {
                            self.notice.try_set(Some(self.message(&error)));
                        }
                    }
                }
            }
        });
    }

    /// The message for `field`, if the provider refused it.
    pub fn field_error(&self, field: &str) -> Option<String> {
        self.fields.with(|f| f.iter().find(|(k, _)| k == field).map(|(_, m)| m.clone()))
    }
}
