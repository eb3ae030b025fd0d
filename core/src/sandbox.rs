//! What the widget and the sandbox provider agree on about the sandbox's payments: the
//! publishable key that marks a sandbox session, its test payment tokens, and the
//! processor metadata of a payment waiting for the buyer's second step.

/// The start of a sandbox session's `payment_processor_metadata.publishable_key`.
pub const PUBLISHABLE_KEY_PREFIX: &str = "pk_sandbox";
/// The sandbox's publishable key.
pub const PUBLISHABLE_KEY: &str = "pk_sandbox_kassa";

/// `payment_processor_metadata.intent_status` while the bank asks for a second step.
pub const INTENT_REQUIRES_ACTION: &str = "requires_action";

/// Whether a publishable key is the sandbox's.
pub fn is_sandbox_key(key: &str) -> bool {
    key.starts_with(PUBLISHABLE_KEY_PREFIX)
}

/// Sandbox payment tokens, sent as `confirmation_token_id`.
pub mod tokens {
    /// Pays.
    pub const SUCCESS: &str = "tok_sandbox_success";
    /// Is declined: 400 `PaymentError`, nothing changes.
    pub const DECLINED: &str = "tok_sandbox_declined";
    /// Needs the buyer's second step (3-D Secure): see `…/sandbox/next-action`.
    pub const REQUIRES_ACTION: &str = "tok_sandbox_requires_action";
}
