//! Live heap allocations of the wasm, for the benchmark and the leak test (cargo feature
//! `alloc-stats`; never in the published build). The wasm's memory only ever grows, in
//! 64 KiB pages, so it shows a leak late and coarsely; counting what is allocated and not
//! yet freed shows one leaked allocation per update after a handful of updates.
#![allow(unsafe_code)] // the one GlobalAlloc wrapper; it forwards every call unchanged

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use wasm_bindgen::prelude::*;

static LIVE_ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);
static LIVE_BYTES: AtomicUsize = AtomicUsize::new(0);

/// The system allocator, counting.
struct Counting;

// SAFETY: every method forwards to `System` with the caller's arguments untouched; the
// counters are bookkeeping beside it.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let ptr = unsafe { System.alloc(layout) };
        if !ptr.is_null() {
            LIVE_ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
            LIVE_BYTES.fetch_add(layout.size(), Ordering::Relaxed);
        }
        ptr
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        LIVE_ALLOCATIONS.fetch_sub(1, Ordering::Relaxed);
        LIVE_BYTES.fetch_sub(layout.size(), Ordering::Relaxed);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let new = unsafe { System.realloc(ptr, layout, new_size) };
        if !new.is_null() {
            LIVE_BYTES.fetch_add(new_size, Ordering::Relaxed);
            LIVE_BYTES.fetch_sub(layout.size(), Ordering::Relaxed);
        }
        new
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// `[allocations, bytes]` allocated and not yet freed.
#[wasm_bindgen(js_name = allocStats)]
pub fn alloc_stats() -> Vec<u32> {
    [&LIVE_ALLOCATIONS, &LIVE_BYTES].map(|c| c.load(Ordering::Relaxed) as u32).to_vec()
}
