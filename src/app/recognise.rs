//! A long text (a paste, the text box, or a lone `.txt` file of 250 KB or more) opens at once,
//! with no spans: the learner's Web Worker recognises it and sends back only its spans, packed
//! ([`crate::core::batch`]), which join the document when they come
//! ([`WorkspaceAction::Recognised`]). Recognising 20 MB on the page held it for 9 s; a shorter
//! text is still recognised on the page, at once, which is quicker than a trip to the worker.

use std::rc::Rc;

use yew::{Callback, UseReducerHandle};

use super::import::IN_WORKER_FROM;
use super::learner::Learner;
use super::state::State;
use crate::core::document::too_long;
use crate::core::workspace::WorkspaceAction;

/// Opens `text` (as a paste does, or as a new document `name` for a file) and has the worker
/// recognise it. Gives `text` back when the page should open it as before: it is short, too
/// long to open (the page says why), empty, or there is no worker.
pub fn open_long(
    state: &UseReducerHandle<State>,
    learner: &Rc<Learner>,
    text: String,
    name: Option<String>,
) -> Option<String> {
    if (text.len() as f64) < IN_WORKER_FROM || too_long(&text, "").is_some() {
        return Some(text);
    }
    let recognizer = state.0.recognizer();
    let base = (!recognizer.is_shipped()).then(|| recognizer.0.file().to_vec());
    let dispatcher = state.dispatcher();
    let on = Callback::from(move |(request, found)| {
        dispatcher.dispatch(WorkspaceAction::Recognised { request, found })
    });
    let Some(request) = learner.recognise_text(&text, base.as_deref(), on) else {
        return Some(text);
    };
    state.dispatch(WorkspaceAction::Recognising {
        request,
        text,
        name,
    });
    None
}

/// Stops recognition `request`: its text stays without spans, and whatever the worker still
/// sends for it is dropped.
pub fn cancel(state: &UseReducerHandle<State>, learner: &Learner, request: u64) {
    learner.forget_text(request);
    state.dispatch(WorkspaceAction::CancelRecognition(request));
}
