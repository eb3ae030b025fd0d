//! [`effect`]: Leptos's `Effect::new`, instantiated once for the whole checkout.
//!
//! Why: `Effect::new` is generic over its closure, and each call compiled to its own copy
//! of the effect's scheduling code (~0.8 KB raw each). Here every effect is one boxed
//! closure type, so there is one copy. Effects behave as Leptos's: run after the current
//! render, again whenever a signal they read changes, gone with their owner.

use leptos::prelude::Effect;

/// Runs `f` once the view is built, and again whenever what it reads changes.
pub fn effect(f: impl Fn() + 'static) {
    erased(Box::new(f));
}

fn erased(f: Box<dyn Fn()>) {
    Effect::new(move |_| f());
}
