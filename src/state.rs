//! [`State`]: a Leptos `RwSignal` whose value's type is erased inside it, so the
//! checkout's signals share one instantiation of the signal's graph code.
//!
//! Why: each `RwSignal<T>` of a new `T` compiled to its own copy of Leptos's signal
//! machinery (reads, writes, subscriber sets; ~1.5 KB raw per type, ten types). Here there
//! is one `RwSignal<Slot>`; the typed face downcasts. It behaves as Leptos's signal does:
//! a read subscribes the current effect (an `_untracked` read does not), a write notifies
//! every subscriber. The session itself stays a plain `RwSignal<CheckoutPublic>`: one type.
//!
//! Every read and write is a `try_` underneath: on a signal read after the checkout is
//! destroyed (a late callback), reads see the type's default and writes do nothing,
//! instead of panicking.

use std::any::Any;
use std::marker::PhantomData;

use leptos::prelude::*;

/// The erased value.
struct Slot(Box<dyn Any + Send + Sync>);

/// A signal of a `T` (see the module's doc).
pub struct State<T> {
    signal: RwSignal<Slot>,
    value: PhantomData<fn() -> T>,
}

impl<T> Clone for State<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for State<T> {}

/// Reads an erased value as the `T` it was stored as, or `T::default()` where there is
/// none (a disposed signal or memo); `State` and [`crate::computed::Computed`] both read
/// through here. The downcast holds while the value lives: their `new` stored a `T`.
pub(crate) fn read_or_default<T: Default + 'static, R>(value: Option<&dyn Any>, f: impl FnOnce(&T) -> R) -> R {
    match value.and_then(|v| v.downcast_ref::<T>()) {
        Some(value) => f(value),
        None => f(&T::default()),
    }
}

/// The one signal instantiation.
fn slot(value: Box<dyn Any + Send + Sync>) -> RwSignal<Slot> {
    RwSignal::new(Slot(value))
}

impl<T: Default + Send + Sync + 'static> State<T> {
    /// A signal holding `value`, owned by the current reactive owner.
    pub fn new(value: T) -> Self {
        Self { signal: slot(Box::new(value)), value: PhantomData }
    }

    fn read<R>(slot: Option<&Slot>, f: impl FnOnce(&T) -> R) -> R {
        read_or_default(slot.map(|s| &*s.0 as &dyn Any), f)
    }

    /// Reads the value, subscribing the current effect to it.
    pub fn with<R>(&self, f: impl FnOnce(&T) -> R) -> R {
        Self::read(self.signal.try_read().as_deref(), f)
    }

    /// Reads the value without subscribing.
    pub fn with_untracked<R>(&self, f: impl FnOnce(&T) -> R) -> R {
        Self::read(self.signal.try_read_untracked().as_deref(), f)
    }

    /// Reads the value without subscribing; `None` once the signal is disposed.
    pub fn try_with_untracked<R>(&self, f: impl FnOnce(&T) -> R) -> Option<R> {
        let slot = self.signal.try_read_untracked()?;
        slot.0.downcast_ref::<T>().map(f)
    }

    /// The value, cloned, subscribing the current effect to it.
    pub fn get(&self) -> T
    where
        T: Clone,
    {
        self.with(T::clone)
    }

    /// The value, cloned, without subscribing.
    pub fn get_untracked(&self) -> T
    where
        T: Clone,
    {
        self.with_untracked(T::clone)
    }

    /// The value, cloned, without subscribing; `None` once the signal is disposed.
    pub fn try_get_untracked(&self) -> Option<T>
    where
        T: Clone,
    {
        self.try_with_untracked(T::clone)
    }

    /// Changes the value in place and notifies; `None` (and nothing done) once the
    /// signal is disposed.
    pub fn try_update<R>(&self, f: impl FnOnce(&mut T) -> R) -> Option<R> {
        let mut slot = self.signal.try_write()?;
        slot.0.downcast_mut::<T>().map(f)
    }

    /// Changes the value in place and notifies.
    pub fn update(&self, f: impl FnOnce(&mut T)) {
        self.try_update(f);
    }

    /// Replaces the value and notifies; `None` once the signal is disposed.
    pub fn try_set(&self, value: T) -> Option<()> {
        self.try_update(|v| *v = value)
    }

    /// Replaces the value and notifies.
    pub fn set(&self, value: T) {
        self.try_set(value);
    }

    /// Subscribes the current effect without reading.
    pub fn track(&self) {
        self.signal.track();
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicU32, Ordering};
    use std::sync::Arc;

    use super::*;
    use crate::computed::Computed;

    #[test]
    fn reads_writes_and_notifies_like_a_signal() {
        let owner = Owner::new();
        owner.with(|| {
            let count = State::new(1u32);
            let runs = Arc::new(AtomicU32::new(0));
            let counted = runs.clone();
            let double = Computed::new(move || {
                counted.fetch_add(1, Ordering::Relaxed);
                count.get() * 2
            });
            assert_eq!(double.get(), 2);
            count.set(5);
            assert_eq!(double.get(), 10);
            count.update(|n| *n += 1);
            assert_eq!(double.get(), 12);
            assert_eq!(runs.load(Ordering::Relaxed), 3);
            assert_eq!(count.try_update(|n| std::mem::replace(n, 0)), Some(6));
            assert_eq!(count.get_untracked(), 0);
        });
    }

    #[test]
    fn a_disposed_signal_reads_as_the_default_and_ignores_writes() {
        let owner = Owner::new();
        let text = owner.with(|| State::new(String::from("kept")));
        assert_eq!(text.with_untracked(String::len), 4);
        owner.cleanup();
        drop(owner);
        assert_eq!(text.get(), "");
        assert_eq!(text.try_set("late".into()), None);
        assert_eq!(text.try_get_untracked(), None);
    }
}
