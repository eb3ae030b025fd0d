//! Kassa's DOM builder: elements made by plain function calls, their changing parts bound
//! to Leptos's signals by render effects.
//!
//! Why not `view!`: every `view!` tree is a type of its own, and tachys gives each type its
//! own build, rebuild, mount and unmount code. For a form of some sixty fields and
//! controls that was ~28 % of the wasm (issue #14's reading). Here an element is one
//! non-generic type, each binding a boxed closure under one [`RenderEffect`], so the
//! form's shape costs a few bytes a call. Leptos stays what the checkout is made of:
//! signals, memos, effects, owners and contexts; only its view layer is not used.
//!
//! Ownership follows Leptos's: every effect and listener made while a component is built
//! belongs to the current reactive owner and goes with it (a region re-rendering, or the
//! checkout's `destroy()`). A listener is removed from its element before its closure is
//! dropped, so an event a removed element still fires (a focused input's `blur`) reaches
//! nothing.

use std::cell::Cell;
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use leptos::prelude::{on_cleanup, untrack};
use leptos::reactive::effect::RenderEffect;
use leptos::reactive::owner::Owner;
use send_wrapper::SendWrapper;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

pub use web_sys::Node;

#[wasm_bindgen]
extern "C" {
    /// The page's document, through bindings that cannot fail for Kassa's static tag
    /// names (web-sys's return `Result`s there would be unreachable error paths).
    type Doc;
    #[wasm_bindgen(thread_local_v2, js_name = document)]
    static DOC: Doc;
    #[wasm_bindgen(method, js_name = createElement)]
    fn create_element(this: &Doc, tag: &str) -> web_sys::Element;
    #[wasm_bindgen(method, js_name = createTextNode)]
    fn create_text_node(this: &Doc, data: &str) -> Node;
    #[wasm_bindgen(method, js_name = createComment)]
    fn create_comment(this: &Doc, data: &str) -> Node;
    #[wasm_bindgen(method, js_name = createDocumentFragment)]
    fn create_document_fragment(this: &Doc) -> Node;
}

/// An element being built.
pub struct El(web_sys::Element);

/// A new element.
pub fn el(tag: &str) -> El {
    El(DOC.with(|d| d.create_element(tag)))
}

/// A text node (merchant text stays text: it is never parsed as HTML).
pub fn text(data: &str) -> Node {
    DOC.with(|d| d.create_text_node(data))
}

/// A text node kept equal to `f()`.
pub fn bound_text(f: impl Fn() -> String + 'static) -> Node {
    bind_text_boxed(Box::new(f))
}

fn bind_text_boxed(f: Box<dyn Fn() -> String>) -> Node {
    let node = text("");
    let target = node.clone();
    // Written only when it changed: an unchanged `role="alert"` line is not announced again.
    let last = Cell::new(None::<String>);
    keep(RenderEffect::new(move |_| {
        let value = f();
        if last.take().as_ref() != Some(&value) {
            target.set_text_content(Some(&value));
        }
        last.set(Some(value));
    }));
    node
}

/// Some nodes in a row, as one node to append (a fragment).
pub fn fragment(nodes: impl IntoNodes) -> Node {
    let fragment = DOC.with(Doc::create_document_fragment);
    for node in nodes.into_nodes() {
        let _ = fragment.append_child(&node);
    }
    fragment
}

/// A region of the page re-rendered whenever a signal `f` reads changes: what it built
/// before (nodes, effects, listeners) goes, what it builds now takes its place. Two
/// empty comments mark where it is, so a region may sit among others.
pub fn dynamic<N: IntoNodes>(f: impl Fn() -> N + 'static) -> Node {
    region(Box::new(move || f().into_nodes()))
}

fn region(f: Box<dyn Fn() -> Vec<Node>>) -> Node {
    let (start, end) = DOC.with(|d| (d.create_comment(""), d.create_comment("")));
    let frame = fragment(vec![start.clone(), end.clone()]);
    keep(RenderEffect::new(move |_| {
        // The previous run's owner is already cleaned up: its effects and listeners are gone.
        let Some(parent) = end.parent_node() else { return };
        while let Some(old) = start.next_sibling().filter(|n| *n != end) {
            let _ = parent.remove_child(&old);
        }
        for node in f() {
            let _ = parent.insert_before(&node, Some(&end));
        }
    }));
    frame
}

/// Where a part loaded after the first render is built: the reactive owner of the region
/// waiting for it, while that region lives. Handed to the loaded code, which builds its
/// part with [`Spot::build`], so what it makes goes with the region as everything else does.
#[derive(Clone)]
pub struct Spot {
    owner: Owner,
    live: Arc<AtomicBool>,
}

impl Spot {
    /// A spot at the current owner, live until that owner is cleaned up.
    fn here() -> Self {
        let live = Arc::new(AtomicBool::new(true));
        let ending = live.clone();
        on_cleanup(move || ending.store(false, Ordering::Relaxed));
        Self { owner: Owner::current().unwrap_or_default(), live }
    }

    fn live(&self) -> bool {
        self.live.load(Ordering::Relaxed)
    }

    /// Builds `f` under the region's owner; `None` (and `f` not run) once the region is
    /// gone: the buyer moved on, or the checkout was destroyed, while the code loaded.
    pub fn build(&self, f: impl FnOnce() -> Node) -> Option<Node> {
        self.live().then(|| self.owner.with(|| untrack(f)))
    }
}

/// A region that shows `waiting` until `load` has fetched the code of what goes there and
/// built it at the [`Spot`] it is given; if the code cannot be loaded, what `failed` builds
/// (a way to try again). Nothing is touched once the region is gone.
pub fn later<F, E>(
    waiting: Node,
    load: impl FnOnce(Spot) -> F + 'static,
    failed: impl FnOnce() -> Node + 'static,
) -> Node
where
    F: Future<Output = Result<Option<Node>, E>> + 'static,
{
    let spot = Spot::here();
    let loaded = load(spot.clone());
    later_boxed(waiting, spot, Box::pin(async move { loaded.await.map_err(drop) }), Box::new(failed))
}

/// [`later`] for one future and one closure type: one copy of its task's code, not one
/// per caller.
fn later_boxed(
    waiting: Node,
    spot: Spot,
    load: Pin<Box<dyn Future<Output = Result<Option<Node>, ()>>>>,
    failed: Box<dyn FnOnce() -> Node>,
) -> Node {
    let (start, end) = DOC.with(|d| (d.create_comment(""), d.create_comment("")));
    let frame = fragment(vec![start.clone(), waiting, end.clone()]);
    leptos::task::spawn_local(async move {
        let shown = match load.await {
            Ok(built) => built,
            Err(()) => spot.build(failed),
        };
        let (Some(node), Some(parent)) = (shown, end.parent_node()) else { return };
        while let Some(old) = start.next_sibling().filter(|n| *n != end) {
            let _ = parent.remove_child(&old);
        }
        let _ = parent.insert_before(&node, Some(&end));
    });
    frame
}

/// Keeps `effect` until the current owner is cleaned up.
fn keep(effect: RenderEffect<()>) {
    let effect = SendWrapper::new(effect);
    on_cleanup(move || drop(effect));
}

impl El {
    /// Sets an attribute.
    pub fn attr(self, name: &str, value: &str) -> Self {
        let _ = self.0.set_attribute(name, value);
        self
    }

    /// Sets an attribute if there is a value.
    pub fn attr_opt(self, name: &str, value: Option<&str>) -> Self {
        match value {
            Some(value) => self.attr(name, value),
            None => self,
        }
    }

    /// A boolean attribute (`required`, `hidden`), present or not.
    pub fn flag(self, name: &str, on: bool) -> Self {
        if on {
            self.attr(name, "")
        } else {
            self
        }
    }

    /// `class`.
    pub fn class(self, value: &str) -> Self {
        self.attr("class", value)
    }

    /// `id`.
    pub fn id(self, value: &str) -> Self {
        self.attr("id", value)
    }

    /// `data-testid`: what the end-to-end tests find it by.
    pub fn testid(self, value: &str) -> Self {
        self.attr("data-testid", value)
    }

    /// An attribute kept equal to `f()`; absent while it is `None`.
    pub fn bind_attr(self, name: &'static str, f: impl Fn() -> Option<String> + 'static) -> Self {
        self.bind_attr_boxed(name, Box::new(f))
    }

    fn bind_attr_boxed(self, name: &'static str, f: Box<dyn Fn() -> Option<String>>) -> Self {
        let target = self.0.clone();
        // Written only when it changed (`Some(None)`: absent; `None`: not yet written).
        let last = Cell::new(None::<Option<String>>);
        keep(RenderEffect::new(move |_| {
            let value = f();
            if last.take().as_ref() != Some(&value) {
                let _ = match &value {
                    Some(value) => target.set_attribute(name, value),
                    None => target.remove_attribute(name),
                };
            }
            last.set(Some(value));
        }));
        self
    }

    /// A boolean attribute kept present while `f()` is true.
    pub fn bind_flag(self, name: &'static str, f: impl Fn() -> bool + 'static) -> Self {
        self.bind_attr(name, move || f().then(String::new))
    }

    /// A `"true"`/`"false"` attribute (`aria-invalid`, `aria-busy`) kept equal to `f()`.
    pub fn bind_bool(self, name: &'static str, f: impl Fn() -> bool + 'static) -> Self {
        self.bind_attr(name, move || Some(f().to_string()))
    }

    /// A DOM property (`value`, `checked`) kept equal to `f()`. Set only when `f()`
    /// changed and differs from what the element holds: an answer that leaves the value as
    /// it was does not overwrite what the buyer is typing (a seat count cleared to type
    /// another), and the caret stays where it is.
    pub fn bind_prop(self, name: &'static str, f: impl Fn() -> JsValue + 'static) -> Self {
        self.bind_prop_boxed(name, Box::new(f))
    }

    fn bind_prop_boxed(self, name: &'static str, f: Box<dyn Fn() -> JsValue>) -> Self {
        let target = self.0.clone();
        let key = JsValue::from_str(name);
        let last = Cell::new(None::<JsValue>);
        keep(RenderEffect::new(move |_| {
            let value = f();
            if last.take().as_ref() != Some(&value) && js_sys::Reflect::get(&target, &key).ok().as_ref() != Some(&value)
            {
                let _ = js_sys::Reflect::set(&target, &key, &value);
            }
            last.set(Some(value));
        }));
        self
    }

    /// `value`, kept equal to `f()`.
    pub fn bind_value(self, f: impl Fn() -> String + 'static) -> Self {
        self.bind_prop("value", move || JsValue::from_str(&f()))
    }

    /// `checked`, kept equal to `f()`.
    pub fn bind_checked(self, f: impl Fn() -> bool + 'static) -> Self {
        self.bind_prop("checked", move || JsValue::from_bool(f()))
    }

    /// Listens for `event` while the current owner lives.
    pub fn on(self, event: &'static str, f: impl FnMut(web_sys::Event) + 'static) -> Self {
        self.on_boxed(event, Box::new(f))
    }

    fn on_boxed(self, event: &'static str, f: Box<dyn FnMut(web_sys::Event)>) -> Self {
        let listener = Closure::wrap(f);
        let target = self.0.clone();
        let _ = target.add_event_listener_with_callback(event, listener.as_ref().unchecked_ref());
        let held = SendWrapper::new((target, listener));
        on_cleanup(move || {
            let (target, listener) = held.take();
            let _ = target.remove_event_listener_with_callback(event, listener.as_ref().unchecked_ref());
        });
        self
    }

    /// Appends children.
    pub fn child(self, nodes: impl IntoNodes) -> Self {
        for node in nodes.into_nodes() {
            let _ = self.0.append_child(&node);
        }
        self
    }

    /// Appends text.
    pub fn text(self, data: &str) -> Self {
        let _ = self.0.append_child(&text(data));
        self
    }

    /// Appends a text node kept equal to `f()`.
    pub fn bind_text(self, f: impl Fn() -> String + 'static) -> Self {
        self.child(bound_text(f))
    }

    /// Appends a region re-rendered from `f` (see [`dynamic`]).
    pub fn dynamic<N: IntoNodes>(self, f: impl Fn() -> N + 'static) -> Self {
        self.child(dynamic(f))
    }

    /// The element.
    pub fn node(self) -> Node {
        self.0.into()
    }
}

/// What a builder can append: elements, nodes, text, and optional or repeated ones.
pub trait IntoNodes {
    /// The nodes, in order.
    fn into_nodes(self) -> Vec<Node>;
}

impl IntoNodes for El {
    fn into_nodes(self) -> Vec<Node> {
        vec![self.node()]
    }
}

impl IntoNodes for Node {
    fn into_nodes(self) -> Vec<Node> {
        vec![self]
    }
}

impl IntoNodes for &str {
    fn into_nodes(self) -> Vec<Node> {
        vec![text(self)]
    }
}

impl IntoNodes for String {
    fn into_nodes(self) -> Vec<Node> {
        vec![text(&self)]
    }
}

impl<T: IntoNodes> IntoNodes for Option<T> {
    fn into_nodes(self) -> Vec<Node> {
        self.map(IntoNodes::into_nodes).unwrap_or_default()
    }
}

impl<T: IntoNodes> IntoNodes for Vec<T> {
    fn into_nodes(self) -> Vec<Node> {
        self.into_iter().flat_map(IntoNodes::into_nodes).collect()
    }
}

impl<A: IntoNodes, B: IntoNodes> IntoNodes for (A, B) {
    fn into_nodes(self) -> Vec<Node> {
        let mut nodes = self.0.into_nodes();
        nodes.extend(self.1.into_nodes());
        nodes
    }
}

/// A tree mounted into an element, with its own reactive owner; dropping it disposes
/// every effect and listener in it and removes its nodes.
pub struct Mounted {
    owner: Owner,
    parent: web_sys::Element,
}

/// Builds `f` under a new root owner (contexts provided in `f` are the tree's) and
/// appends it to `parent`.
pub fn mount(parent: &web_sys::Element, f: impl FnOnce() -> Node) -> Mounted {
    // Effects re-run as tasks: the executor is Leptos's, on the browser's microtasks.
    let _ = any_spawner::Executor::init_wasm_bindgen();
    // A root, untracked: a page may mount a checkout from a listener of another's event,
    // fired while that one's region or effect is current; the new checkout must not be
    // that owner's child (it would go when that one re-renders) nor tracked by it.
    let outer = Owner::current();
    if let Some(outer) = outer.clone() {
        outer.unset();
    }
    let owner = Owner::new();
    let node = owner.with(|| untrack(f));
    if let Some(outer) = outer {
        outer.set();
    }
    let _ = parent.append_child(&node);
    Mounted { owner, parent: parent.clone() }
}

impl Drop for Mounted {
    fn drop(&mut self) {
        self.owner.cleanup();
        self.parent.set_text_content(None);
    }
}
