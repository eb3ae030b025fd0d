//! Sessions and their audit trail on SQLite. One connection behind a mutex: every
//! read-modify-write of a session runs in one transaction while the lock is held, so
//! concurrent PATCHes on a session serialize and none is lost, and an update and its
//! audit entry are written together or not at all.

use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard};

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};
use serde::{Deserialize, Serialize};

use crate::error::{AppError, Result};
use crate::session::{timestamp, Session};

pub mod portal;

/// One accepted change of a session, for the merchant's audit trail.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AuditEntry {
    /// When.
    pub at: String,
    /// `create`, `update`, `confirm`, `payment` or `sandbox`.
    pub source: String,
    /// The fields the change set.
    pub fields: Vec<String>,
    /// Why (the update's `reason`), if given.
    pub reason: Option<String>,
    /// A note (the update's `note`), if given.
    pub note: Option<String>,
}

impl AuditEntry {
    /// An entry at `now` from `source` for `fields`.
    pub fn new(now: DateTime<Utc>, source: &str, fields: Vec<String>) -> Self {
        Self { at: timestamp(now), source: source.into(), fields, reason: None, note: None }
    }
}

/// Appends `entry` to the audit trail of `checkout_id`, inside the caller's transaction.
fn append_audit(tx: &rusqlite::Transaction<'_>, checkout_id: &str, entry: &AuditEntry) -> Result<()> {
    tx.execute(
        "INSERT INTO audit (checkout_id, entry) VALUES (?1, ?2)",
        params![checkout_id, serde_json::to_string(entry)?],
    )?;
    Ok(())
}

/// Shared handle to the sandbox database.
#[derive(Clone)]
pub struct Store {
    conn: Arc<Mutex<Connection>>,
}

/// Which column finds a session.
#[derive(Clone, Copy, Debug)]
pub enum Key<'a> {
    /// By client secret (the buyer's side).
    Secret(&'a str),
    /// By ID (the merchant's side).
    Id(&'a str),
}

impl Store {
    /// Opens (creating if needed) the database at `path`.
    pub fn open(path: &Path) -> Result<Self> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| AppError::Internal(format!("creating {}: {e}", dir.display())))?;
        }
        Self::init(Connection::open(path)?)
    }

    /// An in-memory database, for tests.
    pub fn in_memory() -> Result<Self> {
        Self::init(Connection::open_in_memory()?)
    }

    fn init(conn: Connection) -> Result<Self> {
        conn.execute_batch(
            "PRAGMA journal_mode = WAL;
             PRAGMA synchronous = NORMAL;
             CREATE TABLE IF NOT EXISTS checkouts (
                 id            TEXT PRIMARY KEY,
                 client_secret TEXT NOT NULL UNIQUE,
                 state         TEXT NOT NULL
             );
             CREATE TABLE IF NOT EXISTS audit (
                 seq         INTEGER PRIMARY KEY AUTOINCREMENT,
                 checkout_id TEXT NOT NULL REFERENCES checkouts(id),
                 entry       TEXT NOT NULL
             );
             CREATE INDEX IF NOT EXISTS audit_by_checkout ON audit (checkout_id, seq);",
        )?;
        conn.execute_batch(portal::SCHEMA)?;
        Ok(Self { conn: Arc::new(Mutex::new(conn)) })
    }

    fn lock(&self) -> Result<MutexGuard<'_, Connection>> {
        self.conn.lock().map_err(|_| AppError::Internal("database lock poisoned".into()))
    }

    /// Stores a new session with its first audit entry.
    pub fn insert(&self, session: &Session, entry: &AuditEntry) -> Result<()> {
        let mut conn = self.lock()?;
        let tx = conn.transaction()?;
        tx.execute(
            "INSERT INTO checkouts (id, client_secret, state) VALUES (?1, ?2, ?3)",
            params![session.id, session.client_secret, serde_json::to_string(session)?],
        )?;
        append_audit(&tx, &session.id, entry)?;
        tx.commit()?;
        Ok(())
    }

    /// Reads a session, moved along with time (expiry, settled payments) as of `now`.
    pub fn get(&self, key: Key<'_>, now: DateTime<Utc>) -> Result<Option<Session>> {
        match self.modify(key, now, |_| Ok(None)) {
            Ok(session) => Ok(Some(session)),
            Err(AppError::NotFound(_)) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// Runs `change` on the session under the lock, in one transaction. `change` returns
    /// the audit entry of what it did (`None` for a read); if it fails, nothing it did is
    /// kept. Time-driven moves (expiry, settlement) are kept even then: they are facts.
    pub fn modify<F>(&self, key: Key<'_>, now: DateTime<Utc>, change: F) -> Result<Session>
    where
        F: FnOnce(&mut Session) -> Result<Option<AuditEntry>>,
    {
        self.modify_with(key, now, |session, _| change(session))
    }

    /// [`modify`](Self::modify), with the transaction handed to `change` so what the
    /// change leaves behind (a customer, their session) is written with it or not at all.
    /// A payment that settles here creates its subscription in the same transaction.
    pub fn modify_with<F>(&self, key: Key<'_>, now: DateTime<Utc>, change: F) -> Result<Session>
    where
        F: FnOnce(&mut Session, &rusqlite::Transaction<'_>) -> Result<Option<AuditEntry>>,
    {
        let mut conn = self.lock()?;
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let (sql, value) = match key {
            Key::Secret(s) => ("SELECT state FROM checkouts WHERE client_secret = ?1", s),
            Key::Id(id) => ("SELECT state FROM checkouts WHERE id = ?1", id),
        };
        let state: Option<String> = tx.query_row(sql, params![value], |row| row.get(0)).optional()?;
        let mut session: Session = match state {
            Some(s) => serde_json::from_str(&s)?,
            None => return Err(AppError::NotFound("Checkout session not found".into())),
        };
        let write = |tx: &rusqlite::Transaction<'_>, s: &Session| -> Result<()> {
            tx.execute("UPDATE checkouts SET state = ?1 WHERE id = ?2", params![serde_json::to_string(s)?, s.id])?;
            Ok(())
        };
        if session.advance(now) {
            write(&tx, &session)?;
            crate::purchase::on_settled(&tx, &session, now)?;
            let status = format!("status={:?}", session.status).to_lowercase();
            append_audit(&tx, &session.id, &AuditEntry::new(now, "sandbox", vec![status]))?;
        }
        let mut next = session.clone();
        match change(&mut next, &tx) {
            Ok(Some(entry)) => {
                write(&tx, &next)?;
                append_audit(&tx, &next.id, &entry)?;
                tx.commit()?;
                Ok(next)
            }
            Ok(None) => {
                tx.commit()?;
                Ok(session)
            }
            Err(e) => {
                tx.commit()?; // keeps only the time-driven move, if any
                Err(e)
            }
        }
    }

    /// The audit trail of a session, oldest first.
    pub fn audit(&self, checkout_id: &str) -> Result<Vec<AuditEntry>> {
        let conn = self.lock()?;
        let mut stmt = conn.prepare("SELECT entry FROM audit WHERE checkout_id = ?1 ORDER BY seq")?;
        let rows = stmt.query_map(params![checkout_id], |row| row.get::<_, String>(0))?;
        rows.map(|r| Ok(serde_json::from_str(&r?)?)).collect()
    }
}
