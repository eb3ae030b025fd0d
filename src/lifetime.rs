//! How long a mounted checkout lives, and what it holds outside the reactive graph: the
//! `AbortController` of its requests and its timers. A checkout lives inside someone
//! else's page, and with `panic = "abort"` one panic takes every checkout on it down,
//! so after `destroy()` nothing of it may run: [`Lifetime::end`] (run by `on_cleanup`
//! when the checkout's owner is disposed) aborts every request in flight, clears every
//! timer, and from then on [`Lifetime::alive`] is `false` for the code an aborted
//! request or a late callback wakes.

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::time::Duration;

use leptos::prelude::{on_cleanup, set_timeout_with_handle, TimeoutHandle};
use send_wrapper::SendWrapper;

/// The named timers a checkout runs; setting one again replaces it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Timer {
    /// The update queue's next wake-up.
    Queue,
    /// The next read of a confirmed session, until it settles.
    Poll,
    /// Filling in the country list after the first paint.
    Countries,
    /// Loading the card form after the first paint.
    Payment,
    /// Fetching the chunk after the first paint.
    Prefetch,
}

const TIMERS: usize = 5;

struct Inner {
    alive: Cell<bool>,
    abort: Option<web_sys::AbortController>,
    timers: RefCell<[Option<TimeoutHandle>; TIMERS]>,
    /// What else must go when the checkout ends (the card form on the page).
    ends: RefCell<Vec<Box<dyn FnOnce()>>>,
}

/// A checkout's lifetime (cheap to clone: every clone is the same lifetime). Leptos asks
/// `Send` of contexts and cleanups; the browser has one thread, which `SendWrapper`
/// states (and would check).
#[derive(Clone)]
pub struct Lifetime(SendWrapper<Rc<Inner>>);

impl Lifetime {
    /// A lifetime that ends when the current reactive owner is cleaned up.
    pub fn new() -> Self {
        let lifetime = Self(SendWrapper::new(Rc::new(Inner {
            alive: Cell::new(true),
            abort: web_sys::AbortController::new().ok(),
            timers: RefCell::new([None, None, None, None, None]),
            ends: RefCell::new(Vec::new()),
        })));
        let ending = lifetime.clone();
        on_cleanup(move || ending.end());
        lifetime
    }

    /// Whether the checkout is still mounted.
    pub fn alive(&self) -> bool {
        self.0.alive.get()
    }

    /// The signal every request of the checkout carries.
    pub fn signal(&self) -> Option<web_sys::AbortSignal> {
        self.0.abort.as_ref().map(web_sys::AbortController::signal)
    }

    /// Runs `f` after `delay`, unless the checkout ends first; replaces the timer of the
    /// same name.
    pub fn timeout(&self, timer: Timer, delay: Duration, f: impl FnOnce() + 'static) {
        self.timeout_boxed(timer, delay, Box::new(f));
    }

    /// [`Lifetime::timeout`] for one closure type: one copy of the timer code, not one
    /// per caller.
    fn timeout_boxed(&self, timer: Timer, delay: Duration, f: Box<dyn FnOnce()>) {
        if !self.alive() {
            return;
        }
        // Weak: a cleared timer's callback, if the browser keeps it, holds nothing alive.
        let me = Rc::downgrade(&self.0);
        let handle = set_timeout_with_handle(
            move || {
                let Some(me) = me.upgrade() else { return };
                me.timers.borrow_mut()[timer as usize] = None;
                if me.alive.get() {
                    f();
                }
            },
            delay,
        )
        .ok();
        if let Some(old) = std::mem::replace(&mut self.0.timers.borrow_mut()[timer as usize], handle) {
            old.clear();
        }
    }

    /// Clears the timer of this name, if it is set.
    pub fn cancel(&self, timer: Timer) {
        if let Some(handle) = self.0.timers.borrow_mut()[timer as usize].take() {
            handle.clear();
        }
    }

    /// Runs `f` when the checkout ends (at once if it has ended).
    pub fn on_end(&self, f: impl FnOnce() + 'static) {
        if self.alive() {
            self.0.ends.borrow_mut().push(Box::new(f));
        } else {
            f();
        }
    }

    /// Ends the checkout: aborts its requests, clears its timers, runs what was left to
    /// run at the end. Harmless twice.
    pub fn end(&self) {
        if !self.0.alive.replace(false) {
            return;
        }
        if let Some(abort) = &self.0.abort {
            abort.abort();
        }
        for handle in self.0.timers.borrow_mut().iter_mut().filter_map(Option::take) {
            handle.clear();
        }
        let ends = std::mem::take(&mut *self.0.ends.borrow_mut());
        for f in ends {
            f();
        }
    }
}

impl Default for Lifetime {
    fn default() -> Self {
        Self::new()
    }
}
