//! A long text (a paste, the text box, or a lone `.txt` file of 250 KB or more) opens at once,
//! with no spans: the learner's Web Worker recognises it and sends back only its spans, packed
//! ([`crate::core::batch`]), which join the document when they come
//! ([`WorkspaceAction::Recognised`]). Recognising 20 MB on the page held it for 9 s; a shorter
//! text is still recognised on the page, at once, which is quicker than a trip to the worker.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::timers::future::TimeoutFuture;
use yew::{Callback, UseReducerDispatcher, UseReducerHandle};

use super::import::IN_WORKER_FROM;
use super::learner::Learner;
use super::state::State;
use super::task_clock::{in_slices, TaskClock};
use crate::core::batch::{PackedSpans, Placing};
use crate::core::document::{too_long, Document};
use crate::core::text::BlockStarts;
use crate::core::viewport::FindingParagraphs;
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
    // The document once it has opened, which the spans are checked against; an answer that
    // comes before that waits for it.
    let opened: Rc<RefCell<Option<Document>>> = Rc::new(RefCell::new(None));
    let early = Rc::new(RefCell::new(None));
    let on = {
        let (dispatcher, opened, early) = (state.dispatcher(), opened.clone(), early.clone());
        Callback::from(move |(request, found)| match opened.borrow_mut().take() {
            Some(doc) => {
                wasm_bindgen_futures::spawn_local(place(dispatcher.clone(), request, doc, found))
            }
            None => *early.borrow_mut() = Some((request, found)),
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
        // Made a slice per task: hashing and indexing 19.6 MB took a task of 60 ms.
        let mut making = Document::making(&text);
        drop(text);
        in_slices(|| making.step(SCAN_BYTES)).await;
        let doc = making.finish();
        TimeoutFuture::new(0).await;
        ready_to_show(&doc).await;
        TimeoutFuture::new(0).await;
        // A copy shares the text: the spans are checked against the very text that opened.
        let copy = doc.clone();
        state.dispatch(WorkspaceAction::Recognising { request, doc, name });
        match early.take() {
            Some((request, found)) => place(state.dispatcher(), request, copy, found).await,
            None => *opened.borrow_mut() = Some(copy),
        }
    });
    None
}

/// Finds `doc`'s block starts, then its paragraphs (the passes over the text its first render
/// would make), each a few slices of the text per task: one pass over 19.6 MB took 57-110 ms,
/// over a 1 MB part of a split article about 40 ms.
pub async fn ready_to_show(doc: &Document) {
    let mut blocks = BlockStarts::new();
    in_slices(|| blocks.step(doc.text(), SCAN_BYTES)).await;
    doc.set_block_starts(blocks.finish());
    let mut paragraphs = FindingParagraphs::of(doc);
    in_slices(|| paragraphs.step(doc.text(), SCAN_BYTES)).await;
    doc.set_paragraphs(paragraphs.finish());
}

/// Bytes of the text read per look at the clock while finding block starts and paragraphs.
const SCAN_BYTES: usize = 256 * 1024;

/// Spans checked per look at the clock while placing: a few milliseconds' work.
const PLACE_STEP: usize = 8192;

/// Unpacks and checks the spans `found` for `doc` ([`Placing`]), [`TASK_MS`](super::task_clock::TASK_MS) of them per task,
/// then has them put in place ([`WorkspaceAction::Placed`]): 767,000 spans placed in one
/// action took a task of about 150 ms. A damaged pack goes on as it came, to be recognised on
/// the page ([`WorkspaceAction::Recognised`]).
async fn place(
    dispatcher: UseReducerDispatcher<State>,
    request: u64,
    doc: Document,
    found: Result<PackedSpans, String>,
) {
    let damaged = |e: String| WorkspaceAction::Recognised {
        request,
        found: Err(e),
    };
    let mut placing = match found.and_then(|p| Placing::new(&doc, p)) {
        Ok(placing) => placing,
        Err(e) => return dispatcher.dispatch(damaged(e)),
    };
    drop(doc);
    loop {
        // The page paints and answers between tasks (and before the first one).
        TimeoutFuture::new(0).await;
        let clock = TaskClock::start();
        let done = loop {
            match placing.step(PLACE_STEP) {
                Err(e) => return dispatcher.dispatch(damaged(e)),
                Ok(true) => break true,
                Ok(false) => {}
            }
            if clock.is_up() {
                break false;
            }
        };
        if done {
            break;
        }
    }
    dispatcher.dispatch(WorkspaceAction::Placed {
        request,
        placed: placing.finish(),
    });
}

/// Stops recognition `request`: its text stays without spans, and whatever the worker still
/// sends for it is dropped.
pub fn cancel(state: &UseReducerHandle<State>, learner: &Learner, request: u64) {
    learner.forget_text(request);
    state.dispatch(WorkspaceAction::CancelRecognition(request));
}
