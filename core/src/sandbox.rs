//! What the widget and the sandbox provider agree on about the sandbox's payments: the
//! publishable key that marks a sandbox session (its card form is the sandbox's stand-in
//! for Stripe.js), and the processor metadata of a payment waiting for the buyer's
//! second step.

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
