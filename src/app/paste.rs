//! A paste anywhere on the page but a text field: the pasted text opens as a document, a new
//! one when the open document already has text (see `WorkspaceAction::Paste`), so a second
//! article is never lost for want of pressing "New document" first. A long paste opens at once
//! and is recognised in the Web Worker ([`super::recognise`]).

use std::rc::Rc;

use gloo::events::EventListener;
use wasm_bindgen::JsCast;
use yew::{use_effect_with, Callback, UseReducerHandle};

use super::learner::Learner;
use super::recognise::open_long;
use super::state::State;
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
pub fn listen(onpaste: Callback<String>) -> EventListener {
    EventListener::new(&gloo::utils::document(), "paste", move |e| {
        if into_field(e) {
            return;
        }
        let text = e
            .dyn_ref::<web_sys::ClipboardEvent>()
            .and_then(|c| c.clipboard_data())
            .and_then(|d| d.get_data("text/plain").ok());
        if let Some(text) = text.filter(|t| !t.is_empty()) {
            onpaste.emit(text);
        }
    })
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
