//! [`Computed`]: a Leptos `Memo` whose value's type is erased inside it, so every memo of
//! the checkout shares one instantiation of the memo's graph code.
//!
//! Why: each `Memo<T>` of a new `T`, and each closure given to `Memo::new`, compiled to
//! its own copy of Leptos's memo machinery (~1 KB raw each, 22 memos). Here there is one
//! `Memo<Erased>` type and one boxed closure type; the typed face is a thin downcast. The
//! memo behaves as Leptos's does: computed lazily, its readers notified only when the new
//! value differs (`PartialEq` on the real type).
//!
//! Reads are `try_` reads: a memo read after the checkout is destroyed (a late callback)
//! gives the type's default instead of panicking.

use std::any::Any;
use std::marker::PhantomData;
use std::sync::Arc;

use leptos::prelude::*;

/// A value of some type that compares with another of the same type.
trait Value: Send + Sync {
    fn as_any(&self) -> &dyn Any;
    fn same(&self, other: &dyn Value) -> bool;
}

impl<T: PartialEq + Send + Sync + 'static> Value for T {
    fn as_any(&self) -> &dyn Any {
        self
    }

    fn same(&self, other: &dyn Value) -> bool {
        other.as_any().downcast_ref::<T>() == Some(self)
    }
}

#[derive(Clone)]
struct Erased(Arc<dyn Value>);

impl PartialEq for Erased {
    fn eq(&self, other: &Self) -> bool {
        self.0.same(&*other.0)
    }
}

/// The one memo instantiation.
fn erased(compute: Box<dyn Fn() -> Erased + Send + Sync>) -> Memo<Erased> {
    Memo::new(move |_| compute())
}

/// A memoized derived value (see the module's doc).
pub struct Computed<T> {
    memo: Memo<Erased>,
    value: PhantomData<fn() -> T>,
}

impl<T> Clone for Computed<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Computed<T> {}

impl<T: PartialEq + Default + Send + Sync + 'static> Computed<T> {
    /// A memo of `f`, owned by the current reactive owner.
    pub fn new(f: impl Fn() -> T + Send + Sync + 'static) -> Self {
        Self { memo: erased(Box::new(move || Erased(Arc::new(f())))), value: PhantomData }
    }

    /// Reads the value, subscribing the current effect to it.
    pub fn with<R>(&self, f: impl FnOnce(&T) -> R) -> R {
        Self::read(self.memo.try_get(), f)
    }

    /// Reads the value without subscribing.
    pub fn with_untracked<R>(&self, f: impl FnOnce(&T) -> R) -> R {
        Self::read(self.memo.try_get_untracked(), f)
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

    fn read<R>(value: Option<Erased>, f: impl FnOnce(&T) -> R) -> R {
        crate::state::read_or_default(value.as_ref().map(|v| v.0.as_any()), f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notifies_only_when_the_value_changes() {
        let owner = Owner::new();
        owner.with(|| {
            let source = RwSignal::new(1);
            let parity = Computed::new(move || source.get() % 2 == 0);
            let runs = Arc::new(std::sync::atomic::AtomicU32::new(0));
            let counted = runs.clone();
            let reader = Computed::new(move || {
                counted.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                parity.get()
            });
            assert!(!reader.get());
            source.set(3);
            assert!(!reader.get());
            assert_eq!(runs.load(std::sync::atomic::Ordering::Relaxed), 1, "an equal value notifies no one");
            source.set(4);
            assert!(reader.get());
            assert_eq!(runs.load(std::sync::atomic::Ordering::Relaxed), 2);
            assert!(parity.with(|p| *p), "4 is even");
        });
    }

    #[test]
    fn a_disposed_memo_reads_as_the_default() {
        let owner = Owner::new();
        let vec = owner.with(|| Computed::new(|| vec![1, 2, 3]));
        assert_eq!(vec.get_untracked(), vec![1, 2, 3]);
        owner.cleanup();
        drop(owner);
        assert_eq!(vec.get(), Vec::<i32>::new());
    }
}
