//! A paste anywhere on the page but a text field: the pasted text opens as a document, a new
//! one when the open document already has text (see `WorkspaceAction::Paste`), so a second
//! article is never lost for want of pressing "New document" first. A long paste opens at once
//! and is recognised in the Web Worker ([`super::recognise`]).

use std::rc::Rc;

use gloo::events::EventListener;
use gloo::timers::future::TimeoutFuture;
use js_sys::{Function, JsString, Reflect};
use wasm_bindgen::JsCast;
use yew::{use_effect_with, Callback, UseReducerHandle};

use super::import::IN_WORKER_FROM;
use super::learner::Learner;
use super::recognise::open_long;
use super::state::State;
use super::task_clock::TaskClock;
use crate::core::document::too_long;
use crate::core::workspace::WorkspaceAction;

/// Whether the paste goes into a field, which handles its own pastes.
fn into_field(e: &web_sys::Event) -> bool {
    e.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| {
            matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                || el.closest("[contenteditable]").ok().flatten().is_some()
        })
}

/// Listens for pastes on the page; `onpaste` gets the pasted plain text, as it is (CRLF kept).
/// A long text is copied into wasm memory after the paste event, a slice per task
/// ([`take_in_slices`]): in the event itself, the browser's `getData` of 20 MB and the copy
/// took one task of about 200 ms.
pub fn listen(onpaste: Callback<String>) -> EventListener {
    EventListener::new(&gloo::utils::document(), "paste", move |e| {
        if into_field(e) {
            return;
        }
        let Some(data) = e
            .dyn_ref::<web_sys::ClipboardEvent>()
            .and_then(|c| c.clipboard_data())
        else {
            return;
        };
        let Some(text) = get_data(&data).filter(|t| t.length() > 0) else {
            return;
        };
        if (text.length() as f64) < IN_WORKER_FROM {
            if let Some(text) = text.as_string() {
                onpaste.emit(text);
            }
            return;
        }
        let onpaste = onpaste.clone();
        wasm_bindgen_futures::spawn_local(async move {
            onpaste.emit(take_in_slices(&text).await);
        });
    })
}

/// The clipboard's plain text as the browser's own string, not yet copied into wasm memory.
fn get_data(data: &web_sys::DataTransfer) -> Option<JsString> {
    let get: Function = Reflect::get(data, &"getData".into())
        .ok()?
        .dyn_into()
        .ok()?;
    get.call1(data, &"text/plain".into()).ok()?.dyn_into().ok()
}

/// UTF-16 units copied into wasm memory between looks at the clock.
const SLICE_UNITS: u32 = 256 * 1024;

/// `text` as a Rust string, copied a slice at a time, [`TASK_MS`](super::task_clock::TASK_MS) of it per task. A slice
/// never ends between the two halves of a surrogate pair; a lone surrogate becomes U+FFFD, as
/// when the whole string is copied at once.
pub async fn take_in_slices(text: &JsString) -> String {
    let n = text.length();
    let mut out = String::with_capacity(n as usize);
    let mut at = 0;
    while at < n {
        // The page paints and answers between tasks (and before the first one).
        TimeoutFuture::new(0).await;
        let clock = TaskClock::start();
        while at < n {
            let mut end = n.min(at + SLICE_UNITS);
            // 0xD800..0xDC00: the first half of a surrogate pair.
            if end < n && (55296.0..56320.0).contains(&text.char_code_at(end - 1)) {
                end += 1; // keep the pair together
            }
            out.push_str(&String::from(text.slice(at, end)));
            at = end;
            if clock.is_up() {
                break;
            }
        }
    }
    out
}

/// Text pasted on the page (not into a field) opens as a document of `state`; a long one is
/// recognised by `learner`'s worker; one too long to open goes to `ontoo_long`.
#[yew::hook]
pub fn use_paste(
    state: UseReducerHandle<State>,
    learner: Rc<Learner>,
    ontoo_long: Callback<String>,
) {
    // Made again when the model changes: a long paste goes to the worker with the model of the
    // moment, read from the handle this listener keeps.
    use_effect_with(state.0.recognizer().clone(), move |_| {
        let listener = listen(Callback::from(move |text: String| {
            if too_long(&text, "").is_some() {
                return ontoo_long.emit(text);
            }
            if let Some(text) = open_long(&state, &learner, text, None) {
                state.dispatch(WorkspaceAction::Paste(text))
            }
        }));
        move || drop(listener)
    });
}
