//! Browser tests of Kassa's DOM builder (`src/dom.rs`): bindings, regions, ownership.
#![cfg(target_arch = "wasm32")]

use kassa::dom::{el, later, mount, Node};
use kassa::state::State;
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn container() -> web_sys::Element {
    let document = web_sys::window().unwrap().document().unwrap();
    let el = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&el).unwrap();
    el
}

fn input_of(root: &web_sys::Element) -> web_sys::HtmlInputElement {
    root.query_selector("input").unwrap().unwrap().unchecked_into()
}

#[wasm_bindgen_test]
async fn a_value_is_written_when_it_changes_not_over_what_the_buyer_types() {
    let root = container();
    let seats = StoredValue::new(None::<State<u32>>);
    let mounted = mount(&root, move || {
        let state = State::new(3u32);
        seats.set_value(Some(state));
        el("input").bind_value(move || state.get().to_string()).node()
    });
    let seats = seats.get_value().unwrap();
    let input = input_of(&root);
    assert_eq!(input.value(), "3");
    // The buyer clears the field to type another count; an answer leaves the count as it was.
    input.set_value("");
    seats.set(3);
    leptos::task::tick().await;
    assert_eq!(input.value(), "", "an unchanged value does not overwrite the buyer's text");
    seats.set(4);
    leptos::task::tick().await;
    assert_eq!(input.value(), "4", "a changed value is shown");
    drop(mounted);
    assert_eq!(root.child_element_count(), 0, "unmounting removes the tree");
}

#[wasm_bindgen_test]
async fn a_region_rebuilds_and_its_listeners_go_with_it() {
    let root = container();
    let shown = StoredValue::new(None::<State<u32>>);
    let clicks = StoredValue::new(0u32);
    let _mounted = mount(&root, move || {
        let n = State::new(1u32);
        shown.set_value(Some(n));
        el("div")
            .dynamic(move || {
                let b = el("button").text(&n.get().to_string()).on("click", move |_| clicks.update_value(|c| *c += 1));
                b.node()
            })
            .node()
    });
    let n = shown.get_value().unwrap();
    let first: web_sys::HtmlElement = root.query_selector("button").unwrap().unwrap().unchecked_into();
    first.click();
    assert_eq!(clicks.get_value(), 1);
    n.set(2);
    leptos::task::tick().await;
    let buttons = root.query_selector_all("button").unwrap();
    assert_eq!(buttons.length(), 1, "the old button is gone");
    assert_eq!(buttons.get(0).unwrap().text_content().unwrap(), "2");
    first.click();
    assert_eq!(clicks.get_value(), 1, "a removed button's listener is removed");
}

#[wasm_bindgen_test]
async fn a_tree_mounted_inside_another_owner_outlives_it() {
    let root = container();
    let word = StoredValue::new_local(None::<State<String>>);
    let outer = Owner::new();
    let mounted = outer.with(|| {
        // As when a page mounts a checkout from a listener of another's event.
        mount(&root, move || {
            let w = State::new(String::from("first"));
            word.set_value(Some(w));
            el("p").bind_text(move || w.get()).node()
        })
    });
    outer.cleanup();
    drop(outer);
    let w = word.get_value().unwrap();
    w.set("second".into());
    leptos::task::tick().await;
    assert_eq!(root.text_content().unwrap(), "second", "the outer owner's cleanup leaves the tree alive");
    drop(mounted);
    assert_eq!(root.text_content().unwrap(), "");
}

/// A promise and its `resolve`, for holding a `later` region's load until the test says.
fn gate() -> (wasm_bindgen_futures::JsFuture, js_sys::Function) {
    let mut resolve = None;
    let promise = js_sys::Promise::new(&mut |r, _| resolve = Some(r));
    (promise.into(), resolve.unwrap())
}

#[wasm_bindgen_test]
async fn a_later_region_waits_then_shows_what_was_built_or_what_failed() {
    let root = container();
    let (loaded, open) = gate();
    let (refused, refuse) = gate();
    let _mounted = mount(&root, move || {
        el("div")
            .child(later(
                el("p").text("waiting").node(),
                move |at| async move {
                    let _ = loaded.await;
                    Ok::<_, ()>(at.build(|| el("p").text("built").node()))
                },
                || el("p").text("failed").node(),
            ))
            .child(later(
                el("p").text("waiting too").node(),
                move |_at| async move {
                    let _ = refused.await;
                    Err::<Option<Node>, ()>(())
                },
                || el("p").text("failed").node(),
            ))
            .node()
    });
    assert_eq!(root.text_content().unwrap(), "waitingwaiting too");
    open.call0(&JsValue::NULL).unwrap();
    refuse.call0(&JsValue::NULL).unwrap();
    for _ in 0..3 {
        leptos::task::tick().await;
    }
    assert_eq!(root.text_content().unwrap(), "builtfailed", "each in its own place");
}

#[wasm_bindgen_test]
async fn a_later_region_gone_before_its_code_arrives_builds_nothing() {
    let root = container();
    let (loaded, open) = gate();
    let built = std::rc::Rc::new(std::cell::Cell::new(false));
    let seen = built.clone();
    let mounted = mount(&root, move || {
        later(
            el("p").text("waiting").node(),
            move |at| async move {
                let _ = loaded.await;
                Ok::<_, ()>(at.build(move || {
                    seen.set(true);
                    el("p").text("built").node()
                }))
            },
            || el("p").text("failed").node(),
        )
    });
    drop(mounted);
    open.call0(&JsValue::NULL).unwrap();
    for _ in 0..3 {
        leptos::task::tick().await;
    }
    assert!(!built.get(), "the destroyed checkout's part is not built");
    assert_eq!(root.child_element_count(), 0);
}
