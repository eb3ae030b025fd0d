//! The runtime `wasm_split`'s generated code calls to load a chunk (the macro is pointed
//! here by `wasm_split_path`). Why not `wasm_split_helpers::rt`: it serializes loads with
//! an async `OnceCell` under a `Mutex`, for threads the widget never has, and with their
//! `Debug` formatting it cost the first render ~1.5 KB brotli. Here a load is one call
//! into the loader `__wasm_split.js` exports, which already shares one fetch among
//! concurrent callers and forgets a failed one; a success is remembered in a flag.
//!
//! Safety, in one place: the JavaScript loader calls the callback it is given exactly
//! once per call of the load function, with the data pointer it was given. That pointer
//! is an `Rc` turned into a raw pointer by [`ensure_loaded`] and back into an `Rc` by
//! [`loaded`], once, so the count stays balanced whether or not the waiting future is
//! still there (a checkout destroyed meanwhile drops it; the callback then frees the
//! `Rc` and wakes nobody).

use std::cell::Cell;
use std::ffi::c_void;
use std::future::poll_fn;
use std::pin::Pin;
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::{Poll, Waker};

use super::LoadError;

/// The callback a chunk's load function is given: `(data, loaded)`.
pub type LoadCallbackFn = unsafe extern "C" fn(*const c_void, bool);
/// A chunk's load function, imported from `__wasm_split.js`.
pub type LoadFn = unsafe extern "C" fn(LoadCallbackFn, *const c_void);

/// One chunk's loader, in a `static` per split function.
pub struct LazySplitLoader {
    load: LoadFn,
    loaded: AtomicBool,
}

impl LazySplitLoader {
    /// # Safety
    /// `load` must call its callback exactly once per call, with the data it was given.
    pub const unsafe fn new(load: LoadFn) -> Self {
        Self { load, loaded: AtomicBool::new(false) }
    }
}

/// What one load attempt and its waiting future share.
#[derive(Default)]
struct Attempt {
    outcome: Cell<Option<bool>>,
    waker: Cell<Option<Waker>>,
}

/// Loads the chunk unless it already has been; a failure is not remembered, so the next
/// call tries again.
pub async fn ensure_loaded(loader: Pin<&LazySplitLoader>) -> Result<(), LoadError> {
    let loader = loader.get_ref();
    if loader.loaded.load(Ordering::Relaxed) {
        return Ok(());
    }
    let attempt = Rc::new(Attempt::default());
    // SAFETY: see the module's comment; `loaded` takes this `Rc` back exactly once.
    unsafe { (loader.load)(loaded, Rc::into_raw(attempt.clone()).cast()) };
    let ok = poll_fn(|cx| match attempt.outcome.get() {
        Some(ok) => Poll::Ready(ok),
        None => {
            attempt.waker.set(Some(cx.waker().clone()));
            Poll::Pending
        }
    })
    .await;
    if ok {
        loader.loaded.store(true, Ordering::Relaxed);
        Ok(())
    } else {
        Err(LoadError)
    }
}

/// The callback: records the outcome and wakes the waiting future, if it is still there.
unsafe extern "C" fn loaded(data: *const c_void, ok: bool) {
    // SAFETY: `data` is the `Rc::into_raw` of `ensure_loaded`, given back once.
    let attempt = unsafe { Rc::from_raw(data.cast::<Attempt>()) };
    attempt.outcome.set(Some(ok));
    if let Some(waker) = attempt.waker.take() {
        waker.wake();
    }
}

#[cfg(test)]
mod tests {
    use std::cell::RefCell;
    use std::future::Future;
    use std::task::Context;

    use super::*;

    thread_local! {
        /// The load calls seen, and the callbacks not yet called back.
        static CALLS: Cell<u32> = const { Cell::new(0) };
        static PENDING: RefCell<Vec<(LoadCallbackFn, usize)>> = const { RefCell::new(Vec::new()) };
        static FREED: Cell<u32> = const { Cell::new(0) };
    }

    impl Drop for Attempt {
        fn drop(&mut self) {
            FREED.set(FREED.get() + 1);
        }
    }

    /// A load function that answers later, when the test calls [`answer`].
    unsafe extern "C" fn scripted(callback: LoadCallbackFn, data: *const c_void) {
        CALLS.set(CALLS.get() + 1);
        PENDING.with_borrow_mut(|p| p.push((callback, data as usize)));
    }

    fn answer(ok: bool) {
        for (callback, data) in PENDING.take() {
            unsafe { callback(data as *const c_void, ok) };
        }
    }

    fn poll<F: Future>(future: Pin<&mut F>) -> Poll<F::Output> {
        future.poll(&mut Context::from_waker(Waker::noop()))
    }

    #[test]
    fn a_success_is_remembered_a_failure_is_not() {
        CALLS.set(0);
        static LOADER: LazySplitLoader = unsafe { LazySplitLoader::new(scripted) };
        let loader = Pin::static_ref(&LOADER);

        let mut first = Box::pin(ensure_loaded(loader));
        assert!(poll(first.as_mut()).is_pending());
        answer(false);
        assert_eq!(poll(first.as_mut()), Poll::Ready(Err(LoadError)));

        let mut second = Box::pin(ensure_loaded(loader));
        assert!(poll(second.as_mut()).is_pending(), "a failure is tried again");
        answer(true);
        assert_eq!(poll(second.as_mut()), Poll::Ready(Ok(())));

        let mut third = Box::pin(ensure_loaded(loader));
        assert_eq!(poll(third.as_mut()), Poll::Ready(Ok(())), "no load once loaded");
        assert_eq!(CALLS.get(), 2);
    }

    #[test]
    fn an_answer_after_the_waiting_future_is_gone_frees_what_they_shared() {
        CALLS.set(0);
        FREED.set(0);
        static LOADER: LazySplitLoader = unsafe { LazySplitLoader::new(scripted) };
        let mut waiting = Box::pin(ensure_loaded(Pin::static_ref(&LOADER)));
        assert!(poll(waiting.as_mut()).is_pending());
        drop(waiting);
        assert_eq!(FREED.get(), 0, "the load still holds its count");
        // The callback takes back the one count the load was given, and wakes nobody.
        answer(true);
        assert_eq!(FREED.get(), 1, "freed once, by the callback");
        assert_eq!(CALLS.get(), 1);
        assert!(!LOADER.loaded.load(Ordering::Relaxed), "nobody saw it loaded");
    }
}
