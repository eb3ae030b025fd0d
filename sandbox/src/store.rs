//! Sessions on SQLite. One connection behind a mutex: every read-modify-write of a
//! session runs in one transaction while the lock is held, so concurrent PATCHes on a
//! session serialize and none is lost.

use std::path::Path;
use std::sync::{Arc, Mutex};

use rusqlite::{params, Connection, OptionalExtension};

use crate::error::{AppError, Result};
use crate::session::Session;

/// Shared handle to the sandbox database.
#[derive(Clone)]
pub struct Store {
    conn: Arc<Mutex<Connection>>,
}

impl Store {
    /// Opens (creating if needed) the database at `path`.
    pub fn open(path: &Path) -> Result<Self> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)
                .map_err(|e| AppError::Internal(format!("creating {}: {e}", dir.display())))?;
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
             );",
        )?;
        Ok(Self { conn: Arc::new(Mutex::new(conn)) })
    }

    fn lock(&self) -> Result<std::sync::MutexGuard<'_, Connection>> {
        self.conn.lock().map_err(|_| AppError::Internal("database lock poisoned".into()))
    }

    /// Stores a new session.
    pub fn insert(&self, session: &Session) -> Result<()> {
        let conn = self.lock()?;
        conn.execute(
            "INSERT INTO checkouts (id, client_secret, state) VALUES (?1, ?2, ?3)",
            params![session.id, session.client_secret, serde_json::to_string(session)?],
        )?;
        Ok(())
    }

    /// The session with this client secret.
    pub fn by_secret(&self, client_secret: &str) -> Result<Option<Session>> {
        self.query("SELECT state FROM checkouts WHERE client_secret = ?1", client_secret)
    }

    /// The session with this ID.
    pub fn by_id(&self, id: &str) -> Result<Option<Session>> {
        self.query("SELECT state FROM checkouts WHERE id = ?1", id)
    }

    fn query(&self, sql: &str, key: &str) -> Result<Option<Session>> {
        let conn = self.lock()?;
        let state: Option<String> =
            conn.query_row(sql, params![key], |row| row.get(0)).optional()?;
        Ok(match state {
            Some(s) => Some(serde_json::from_str(&s)?),
            None => None,
        })
    }
}
