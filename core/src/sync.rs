//! Keeping the buyer's edits and the provider's session in step: the update queue
//! (what to send when, what to do with each answer) and the draft (what the buyer sees
//! in each field). Plain Rust with explicit timestamps, so every rule is tested natively;
//! the browser layer only supplies the clock, the timer and `fetch`.

pub mod draft;
pub mod field_errors;
pub mod queue;

pub use draft::{AddressDraft, Draft};
pub use field_errors::FieldErrors;
pub use queue::{EditKind, Reaction, Request, RequestKind, SyncStatus, UpdateQueue};
