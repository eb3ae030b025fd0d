//! The customer portal's tables: customers, their sessions, subscriptions and each
//! subscription's audit trail, and the organization's settings. Like a checkout, a
//! subscription changes in one transaction under the store's lock, with its audit entry
//! or not at all.

use chrono::{DateTime, Utc};
use kassa_core::checkout::CheckoutProduct;
use rusqlite::{params, OptionalExtension, Transaction, TransactionBehavior};

use crate::customer::{Customer, Session as CustomerSession};
use crate::error::{AppError, Result};
use crate::organization::Settings;
use crate::store::{AuditEntry, Store};
use crate::subscription::Subscription;

/// The schema of the portal's tables.
pub(super) const SCHEMA: &str = "
    CREATE TABLE IF NOT EXISTS customers (
        id    TEXT PRIMARY KEY,
        email TEXT NOT NULL UNIQUE,
        state TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS customer_sessions (
        token       TEXT PRIMARY KEY,
        customer_id TEXT NOT NULL REFERENCES customers(id),
        state       TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS subscriptions (
        id          TEXT PRIMARY KEY,
        customer_id TEXT NOT NULL REFERENCES customers(id),
        checkout_id TEXT UNIQUE,
        state       TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS subscriptions_by_customer ON subscriptions (customer_id);
    CREATE TABLE IF NOT EXISTS subscription_audit (
        seq             INTEGER PRIMARY KEY AUTOINCREMENT,
        subscription_id TEXT NOT NULL REFERENCES subscriptions(id),
        entry           TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS settlements (
        checkout_id TEXT PRIMARY KEY REFERENCES checkouts(id),
        customer_id TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS settings (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );";

fn not_found() -> AppError {
    AppError::NotFound("Not found".into())
}

/// The customer with this ID, inside a transaction.
pub fn customer(tx: &Transaction<'_>, id: &str) -> Result<Option<Customer>> {
    let state: Option<String> =
        tx.query_row("SELECT state FROM customers WHERE id = ?1", params![id], |r| r.get(0)).optional()?;
    Ok(state.map(|s| serde_json::from_str(&s)).transpose()?)
}

/// The customer with this email, inside a transaction.
pub fn customer_by_email(tx: &Transaction<'_>, email: &str) -> Result<Option<Customer>> {
    let state: Option<String> = tx
        .query_row("SELECT state FROM customers WHERE email = ?1 COLLATE NOCASE", params![email], |r| r.get(0))
        .optional()?;
    Ok(state.map(|s| serde_json::from_str(&s)).transpose()?)
}

/// Writes a customer (new or changed), inside a transaction.
pub fn put_customer(tx: &Transaction<'_>, customer: &Customer) -> Result<()> {
    tx.execute(
        "INSERT INTO customers (id, email, state) VALUES (?1, ?2, ?3)
         ON CONFLICT(id) DO UPDATE SET email = excluded.email, state = excluded.state",
        params![customer.id, customer.email, serde_json::to_string(customer)?],
    )?;
    Ok(())
}

/// Notes a confirmed checkout of `customer_id` whose payment has yet to settle, inside a
/// transaction: the portal settles it before it answers, as Polar's webhook would have.
pub fn await_settlement(tx: &Transaction<'_>, checkout_id: &str, customer_id: &str) -> Result<()> {
    tx.execute(
        "INSERT OR IGNORE INTO settlements (checkout_id, customer_id) VALUES (?1, ?2)",
        params![checkout_id, customer_id],
    )?;
    Ok(())
}

/// Stores a customer session, inside a transaction.
pub fn put_session(tx: &Transaction<'_>, session: &CustomerSession) -> Result<()> {
    tx.execute(
        "INSERT INTO customer_sessions (token, customer_id, state) VALUES (?1, ?2, ?3)",
        params![session.token, session.customer_id, serde_json::to_string(session)?],
    )?;
    Ok(())
}

/// Stores a new subscription with its first audit entry, inside a transaction.
pub fn insert_subscription(tx: &Transaction<'_>, sub: &Subscription, entry: &AuditEntry) -> Result<()> {
    tx.execute(
        "INSERT INTO subscriptions (id, customer_id, checkout_id, state) VALUES (?1, ?2, ?3, ?4)",
        params![sub.id, sub.customer_id, sub.checkout_id, serde_json::to_string(sub)?],
    )?;
    append(tx, &sub.id, entry)
}

fn append(tx: &Transaction<'_>, id: &str, entry: &AuditEntry) -> Result<()> {
    tx.execute(
        "INSERT INTO subscription_audit (subscription_id, entry) VALUES (?1, ?2)",
        params![id, serde_json::to_string(entry)?],
    )?;
    Ok(())
}

fn write(tx: &Transaction<'_>, sub: &Subscription) -> Result<()> {
    tx.execute("UPDATE subscriptions SET state = ?1 WHERE id = ?2", params![serde_json::to_string(sub)?, sub.id])?;
    Ok(())
}

/// Reads a subscription and moves it along with time, writing the move (a fact) with
/// its audit entry.
fn load(
    tx: &Transaction<'_>,
    id: &str,
    now: DateTime<Utc>,
    catalog: &[CheckoutProduct],
) -> Result<Option<Subscription>> {
    let state: Option<String> =
        tx.query_row("SELECT state FROM subscriptions WHERE id = ?1", params![id], |r| r.get(0)).optional()?;
    let Some(state) = state else { return Ok(None) };
    let mut sub: Subscription = serde_json::from_str(&state)?;
    let moved = sub.advance(now, catalog);
    if !moved.is_empty() {
        write(tx, &sub)?;
        append(tx, &sub.id, &AuditEntry::new(now, "sandbox", moved))?;
    }
    Ok(Some(sub))
}

/// What a change to a subscription sees besides it.
pub struct Scope<'a> {
    /// The subscription's customer.
    pub customer: &'a Customer,
    /// The organization's settings.
    pub settings: &'a Settings,
}

impl Store {
    /// Settles the customer's confirmed checkouts whose payment is due by `now`
    /// (creating their subscriptions), so the portal never answers before the webhook
    /// it stands in for.
    pub fn settle(&self, customer_id: &str, now: DateTime<Utc>) -> Result<()> {
        let waiting: Vec<String> = {
            let conn = self.lock()?;
            let mut stmt = conn.prepare("SELECT checkout_id FROM settlements WHERE customer_id = ?1")?;
            let rows = stmt.query_map(params![customer_id], |r| r.get::<_, String>(0))?;
            rows.collect::<std::result::Result<_, _>>()?
        };
        for checkout_id in waiting {
            let session = self.get(crate::store::Key::Id(&checkout_id), now)?;
            if session.is_none_or(|s| s.status != kassa_core::checkout::CheckoutStatus::Confirmed) {
                self.lock()?.execute("DELETE FROM settlements WHERE checkout_id = ?1", params![checkout_id])?;
            }
        }
        Ok(())
    }

    /// The customer a session token belongs to, if the token is known and unexpired.
    pub fn customer_for_token(&self, token: &str, now: DateTime<Utc>) -> Result<Option<Customer>> {
        let mut conn = self.lock()?;
        let tx = conn.transaction()?;
        let state: Option<String> = tx
            .query_row("SELECT state FROM customer_sessions WHERE token = ?1", params![token], |r| r.get(0))
            .optional()?;
        let Some(state) = state else { return Ok(None) };
        let session: CustomerSession = serde_json::from_str(&state)?;
        if session.expires_at <= now {
            return Ok(None);
        }
        customer(&tx, &session.customer_id)
    }

    /// Runs `f` in one immediate transaction under the lock; commits only if it succeeds.
    pub fn transaction<T>(&self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        let mut conn = self.lock()?;
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let value = f(&tx)?;
        tx.commit()?;
        Ok(value)
    }

    /// The organization's settings.
    pub fn settings(&self) -> Result<Settings> {
        self.transaction(settings)
    }

    /// Replaces the organization's settings.
    pub fn set_settings(&self, value: &Settings) -> Result<()> {
        self.transaction(|tx| {
            tx.execute(
                "INSERT INTO settings (key, value) VALUES ('organization', ?1)
                 ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                params![serde_json::to_string(value)?],
            )?;
            Ok(())
        })
    }

    /// Every subscription of `customer_id`, moved along with time, newest start first.
    pub fn subscriptions_of(
        &self,
        customer_id: &str,
        now: DateTime<Utc>,
        catalog: &[CheckoutProduct],
    ) -> Result<Vec<Subscription>> {
        self.settle(customer_id, now)?;
        self.transaction(|tx| {
            let ids: Vec<String> = {
                let mut stmt = tx.prepare("SELECT id FROM subscriptions WHERE customer_id = ?1")?;
                let rows = stmt.query_map(params![customer_id], |r| r.get::<_, String>(0))?;
                rows.collect::<std::result::Result<_, _>>()?
            };
            let mut subs = Vec::new();
            for id in ids {
                subs.extend(load(tx, &id, now, catalog)?);
            }
            Ok(subs)
        })
    }

    /// Runs `change` on the subscription `id` of `customer_id` in one transaction.
    /// `change` returns the audit fields of what it did (`None` for nothing); if it
    /// fails, nothing it did is kept (time's moves are: they are facts). Another
    /// customer's subscription is not found, as on Polar. Answers the subscription with
    /// the organization's settings it was changed under (what rendering it needs).
    pub fn modify_subscription<F>(
        &self,
        id: &str,
        customer_id: &str,
        now: DateTime<Utc>,
        catalog: &[CheckoutProduct],
        change: F,
    ) -> Result<(Subscription, Settings)>
    where
        F: FnOnce(&mut Subscription, &Scope<'_>) -> Result<Option<Vec<String>>>,
    {
        self.settle(customer_id, now)?;
        let mut conn = self.lock()?;
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let sub = load(&tx, id, now, catalog)?.filter(|s| s.customer_id == customer_id);
        let Some(sub) = sub else {
            tx.commit()?;
            return Err(not_found());
        };
        let customer = customer(&tx, customer_id)?.ok_or_else(not_found)?;
        let settings = settings(&tx)?;
        let mut next = sub.clone();
        match change(&mut next, &Scope { customer: &customer, settings: &settings }) {
            Ok(Some(fields)) => {
                write(&tx, &next)?;
                append(&tx, &next.id, &AuditEntry::new(now, "portal", fields))?;
                tx.commit()?;
                Ok((next, settings))
            }
            Ok(None) => {
                tx.commit()?;
                Ok((sub, settings))
            }
            Err(e) => {
                tx.commit()?; // keeps only time's move, if any
                Err(e)
            }
        }
    }

    /// Runs `change` on subscription `id` as the merchant (any customer's).
    pub fn modify_subscription_as_merchant<F>(
        &self,
        id: &str,
        now: DateTime<Utc>,
        catalog: &[CheckoutProduct],
        change: F,
    ) -> Result<Subscription>
    where
        F: FnOnce(&mut Subscription) -> Result<Vec<String>>,
    {
        self.transaction(|tx| {
            let mut sub = load(tx, id, now, catalog)?.ok_or_else(not_found)?;
            let fields = change(&mut sub)?;
            write(tx, &sub)?;
            append(tx, &sub.id, &AuditEntry::new(now, "sandbox", fields))?;
            Ok(sub)
        })
    }

    /// The audit trail of a subscription, oldest first.
    pub fn subscription_audit(&self, id: &str) -> Result<Vec<AuditEntry>> {
        let conn = self.lock()?;
        let mut stmt = conn.prepare("SELECT entry FROM subscription_audit WHERE subscription_id = ?1 ORDER BY seq")?;
        let rows = stmt.query_map(params![id], |row| row.get::<_, String>(0))?;
        rows.map(|r| Ok(serde_json::from_str(&r?)?)).collect()
    }
}

/// The organization's settings, inside a transaction (the defaults until set).
pub fn settings(tx: &Transaction<'_>) -> Result<Settings> {
    let value: Option<String> =
        tx.query_row("SELECT value FROM settings WHERE key = 'organization'", [], |r| r.get(0)).optional()?;
    Ok(value.map(|v| serde_json::from_str(&v)).transpose()?.unwrap_or_default())
}
