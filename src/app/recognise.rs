//! A long text (a paste, the text box, or a lone `.txt` file of 250 KB or more) opens at once,
//! with no spans: the learner's Web Worker recognises it and sends back only its spans, packed
//! ([`crate::core::batch`]), which join the document when they come
//! ([`WorkspaceAction::Recognised`]). Recognising 20 MB on the page held it for 9 s; a shorter
//! text is still recognised on the page, at once, which is quicker than a trip to the worker.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use gloo::timers::future::TimeoutFuture;
use yew::{Callback, UseReducerHandle};

use super::import::IN_WORKER_FROM;
use super::learner::Learner;
use super::state::State;
use crate::core::document::{too_long, Document};
use crate::core::workspace::WorkspaceAction;

/// Opens `text` (as a paste does, or as a new document `name` for a file) and has the worker
/// recognise it. Gives `text` back when the page should open it as before: it is short, too
/// long to open (the page says why), empty, or there is no worker. The rest is done a step
/// per task (20 MB in one task held the page for a second): the text goes to the worker, its
/// document is made, its blocks are found, and it opens.
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
    // An answer that comes before the document has opened waits for it.
    let opened = Rc::new(Cell::new(false));
    let early = Rc::new(RefCell::new(None));
    let on = {
        let (dispatcher, opened, early) = (state.dispatcher(), opened.clone(), early.clone());
        Callback::from(move |(request, found)| {
            if opened.get() {
                dispatcher.dispatch(WorkspaceAction::Recognised { request, found })
            } else {
                *early.borrow_mut() = Some((request, found));
            }
        })
    };
    let Some(request) = learner.reserve_text(on) else {
        return Some(text);
    };
    let (state, learner) = (state.clone(), learner.clone());
    wasm_bindgen_futures::spawn_local(async move {
        TimeoutFuture::new(0).await;
        learner.send_text(request, &text, base.as_deref());
        TimeoutFuture::new(0).await;
        let doc = Document::tokenised_later(&text);
        drop(text);
        TimeoutFuture::new(0).await;
        doc.block_starts();
        TimeoutFuture::new(0).await;
        state.dispatch(WorkspaceAction::Recognising { request, doc, name });
        opened.set(true);
        if let Some((request, found)) = early.take() {
            state.dispatch(WorkspaceAction::Recognised { request, found });
        }
    });
    None
}

/// Stops recognition `request`: its text stays without spans, and whatever the worker still
/// sends for it is dropped.
pub fn cancel(state: &UseReducerHandle<State>, learner: &Learner, request: u64) {
    learner.forget_text(request);
    state.dispatch(WorkspaceAction::CancelRecognition(request));
}
