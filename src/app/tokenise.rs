//! A long text opens untokenised (its blocks need no tokens, so it shows at once), and its
//! tokens are built here a slice at a time, [`TASK_MS`](super::task_clock::TASK_MS) of work per task, so that no task of
//! the page runs long: 20 MB took one task of over a second. Whatever needs the tokens sooner
//! (a selection snapped to words, a keyboard step) builds the rest at once.

use std::cell::{Cell, RefCell};

use yew::{use_effect_with, use_memo, UseReducerHandle};

use super::state::State;
use super::task_clock::TaskClock;
use crate::core::document::Document;
use crate::core::workspace::WorkspaceAction;

/// Bytes tokenised between looks at the clock: a few milliseconds' work, so that a task ends
/// near [`TASK_MS`](super::task_clock::TASK_MS) even on a slow machine.
const SLICE_BYTES: usize = 16 * 1024;

/// The document being tokenised (with its entry's id), and whether a loop is running.
#[derive(Default)]
struct Tokeniser {
    target: RefCell<Option<(u64, Document)>>,
    running: Cell<bool>,
}

/// Tokenises the workspace's long untokenised texts, the open one first, in the background;
/// each one done is dispatched as [`WorkspaceAction::Tokenised`], so the list shows its words.
#[yew::hook]
pub fn use_tokenising(state: UseReducerHandle<State>) {
    let tokeniser = use_memo((), |_| Tokeniser::default());
    use_effect_with(state, move |state| {
        *tokeniser.target.borrow_mut() = state.0.untokenised();
        if tokeniser.target.borrow().is_none() || tokeniser.running.get() {
            return;
        }
        tokeniser.running.set(true);
        let dispatcher = state.dispatcher();
        wasm_bindgen_futures::spawn_local(async move {
            loop {
                // Between slices (and first of all) the page paints and answers.
                gloo::timers::future::TimeoutFuture::new(0).await;
                let Some((id, doc)) = tokeniser.target.borrow().clone() else {
                    break;
                };
                let clock = TaskClock::start();
                let done = loop {
                    if doc.tokenise_some(SLICE_BYTES) {
                        break true;
                    }
                    if clock.is_up() {
                        break false;
                    }
                };
                if done {
                    // The render this causes names the next text to tokenise, if any.
                    tokeniser.target.borrow_mut().take();
                    dispatcher.dispatch(WorkspaceAction::Tokenised(id));
                }
            }
            tokeniser.running.set(false);
        });
    });
}
