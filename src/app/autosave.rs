//! Autosave: the workspace is written to IndexedDB after every change (only what changed; see
//! [`crate::core::autosave`]), one write at a time, the newest state always following. Until the
//! saved workspace has been read back nothing is written, so a slow start never overwrites it.

use std::cell::{Cell, RefCell};
use std::future::{poll_fn, Future};
use std::pin::pin;
use std::rc::Rc;
use std::task::Poll;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::BroadcastChannel;
use yew::{use_effect_with, use_memo, use_state, Callback, UseReducerHandle, UseStateHandle};

use super::state::State;
use super::storage::{StorageError, Store};
use super::task_clock::TaskClock;
use crate::core::autosave::{Early, Restoring, SaveLog};
use crate::core::editor::{Action, Notice};
use crate::core::workspace::{Workspace, WorkspaceAction};

pub const DATABASE: &str = "spanlight";

/// How long a save waits after a change, so the change is painted before it is written.
const FRAME_MS: u32 = 20;

/// About how much one save puts, at most: while a large import arrives, a save of every new
/// document at once took 40-80 ms; the rest follows in the next save.
const SAVE_BYTES: usize = 256 * 1024;

/// How long after the start the records nothing refers to are swept (see [`Autosave::sweep`]).
const SWEEP_AFTER_MS: u32 = 60_000;

/// Stray records deleted per transaction.
const SWEEP_KEYS: usize = 500;

/// What the "saved" indicator shows.
#[derive(Clone, Debug, PartialEq)]
pub enum SaveState {
    Loading,
    Saving,
    Saved,
    /// Not saved, with the reason in words; the work in memory is intact.
    Failed(String),
    /// Another tab saved this workspace: this tab stops writing rather than overwrite it.
    Elsewhere,
}

/// The open channel with its message listener, kept alive together.
type Listening = (BroadcastChannel, Closure<dyn FnMut(web_sys::MessageEvent)>);

/// Tabs of the app tell each other when they save, so two never overwrite each other unseen.
const CHANNEL: &str = "spanlight-autosave";

#[derive(Default)]
pub struct Autosave {
    store: RefCell<Option<Store>>,
    log: RefCell<SaveLog>,
    /// The newest workspace not yet written.
    pending: RefCell<Option<Rc<Workspace>>>,
    ready: Cell<bool>,
    writing: Cell<bool>,
    /// Another tab saved: writing stops until this page is reloaded.
    paused: Cell<bool>,
    /// This tab's name on the channel, and the channel (kept open with its listener).
    tab: Cell<f64>,
    channel: RefCell<Option<Listening>>,
    /// When to sweep, if not [`SWEEP_AFTER_MS`] after the start (tests wait less).
    sweep_after: Cell<Option<u32>>,
}

impl PartialEq for Autosave {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

/// Writes `early` (the parts of a long text, the many chunks of its spans) in transactions of
/// [`TASK_MS`](super::task_clock::TASK_MS) of work each, one per task: 20 MB of text in one transaction held the
/// page for about 200 ms (the copy, the JS string, IndexedDB's `put`).
async fn write_early(store: &Store, early: &[Early]) -> Result<(), StorageError> {
    let mut rest = early.iter().peekable();
    while rest.peek().is_some() {
        let clock = TaskClock::start();
        let mut first = true;
        let batch = std::iter::from_fn(|| {
            if !std::mem::take(&mut first) && clock.is_up() {
                return None;
            }
            rest.next().map(|e| (e.key(), e.value()))
        });
        // Waiting for the commit lets the page have the next task.
        store.put_each(batch).await?;
    }
    Ok(())
}

/// The saved workspace, if there is one, the documents that could not be read back, and the
/// log of what the store holds. The records are read in pages ([`Store::for_each_page`]) while
/// the documents already read are rebuilt, [`TASK_MS`](super::task_clock::TASK_MS) of work per
/// task, a long document in many steps ([`Restoring::step_until`]); the workspace is put
/// together in a task of its own, and the page takes it in in the next.
pub async fn load(store: &Store) -> Result<Option<(Workspace, Vec<String>, SaveLog)>, String> {
    let restoring = RefCell::new(Restoring::new(true));
    // Set when the reading has ended, with how.
    let read: RefCell<Option<Result<(), String>>> = RefCell::new(None);
    let reading = async {
        let mut failed = None;
        let outcome = store
            .for_each_page(|page| {
                if let Err(e) = restoring.borrow_mut().add(page) {
                    failed.get_or_insert(e);
                }
            })
            .await
            .map_err(|e| e.to_string());
        restoring.borrow_mut().all_added();
        *read.borrow_mut() = Some(outcome.and(failed.map_or(Ok(()), Err)));
    };
    let rebuilding = async {
        loop {
            let all_read = read.borrow().is_some();
            let clock = TaskClock::start();
            // Until the task's time is up, or nothing more has come yet: then wait for it in
            // another task, not here.
            let done = restoring.borrow_mut().step_until(|| clock.is_up());
            if all_read && (done || read.borrow().as_ref().is_some_and(Result::is_err)) {
                break;
            }
            gloo::timers::future::TimeoutFuture::new(0).await;
        }
    };
    both(reading, rebuilding).await;
    read.take().unwrap_or(Ok(()))?;
    let restored = restoring.into_inner().finish();
    gloo::timers::future::TimeoutFuture::new(0).await;
    Ok(restored)
}

/// Runs two futures side by side on this thread until both are done: reading goes on (each
/// page asked for as the last arrives) while rebuilding waits for its next task.
async fn both(a: impl Future<Output = ()>, b: impl Future<Output = ()>) {
    let (mut a, mut b) = (pin!(a), pin!(b));
    let (mut a_done, mut b_done) = (false, false);
    poll_fn(|cx| {
        if !a_done {
            a_done = a.as_mut().poll(cx).is_ready();
        }
        if !b_done {
            b_done = b.as_mut().poll(cx).is_ready();
        }
        if a_done && b_done {
            Poll::Ready(())
        } else {
            Poll::Pending
        }
    })
    .await
}

/// Autosave as the app uses it: reads the saved workspace back once (restoring it into `state`,
/// with a notice for documents that could not be read), then saves after every change. Returns
/// what the "saved" indicator shows.
#[yew::hook]
pub fn use_autosave(state: UseReducerHandle<State>) -> UseStateHandle<SaveState> {
    let saver = use_memo((), |_| Autosave::default());
    let save_state = use_state(|| SaveState::Loading);
    {
        let saver = saver.clone();
        let state = state.clone();
        let save_state = save_state.clone();
        use_effect_with((), move |_| {
            let onrestore =
                Callback::from(move |(restored, problems): (Workspace, Vec<String>)| {
                    state.dispatch(WorkspaceAction::Restore(Box::new(restored)));
                    if !problems.is_empty() {
                        let message = format!(
                            "Some saved documents could not be read back: {}",
                            problems.join("; ")
                        );
                        state.dispatch(WorkspaceAction::Edit(Action::Notify(Notice::Error(
                            message,
                        ))));
                    }
                });
            saver.start(onrestore, Callback::from(move |s| save_state.set(s)));
        });
    }
    {
        let save_state = save_state.clone();
        use_effect_with(state, move |state| {
            saver.save(state.0.clone(), Callback::from(move |s| save_state.set(s)));
        });
    }
    save_state
}

impl Autosave {
    /// Opens the store and reads the saved workspace back; `onrestore` receives it (with any
    /// problems to report). From then on, [`Autosave::save`] writes.
    pub fn start(
        self: Rc<Self>,
        onrestore: Callback<(Workspace, Vec<String>)>,
        onstate: Callback<SaveState>,
    ) {
        self.start_in(DATABASE, onrestore, onstate)
    }

    /// [`Autosave::start`] on the database `name` (tests use their own).
    pub fn start_in(
        self: Rc<Self>,
        name: &'static str,
        onrestore: Callback<(Workspace, Vec<String>)>,
        onstate: Callback<SaveState>,
    ) {
        wasm_bindgen_futures::spawn_local(async move {
            let store = match Store::open(name).await {
                Ok(store) => store,
                Err(e) => return onstate.emit(SaveState::Failed(e.to_string())),
            };
            match load(&store).await {
                Ok(Some((ws, problems, log))) => {
                    *self.log.borrow_mut() = log;
                    // What waited to be saved was the blank start: never write it over this.
                    self.pending.borrow_mut().take();
                    onrestore.emit((ws, problems));
                }
                Ok(None) => {}
                Err(e) => {
                    // Unreadable: leave what is stored alone rather than overwrite it.
                    return onstate.emit(SaveState::Failed(format!(
                        "The saved work could not be read: {e}"
                    )));
                }
            }
            *self.store.borrow_mut() = Some(store);
            self.listen(onstate.clone());
            self.ready.set(true);
            onstate.emit(SaveState::Saved);
            // A change made while loading is saved now.
            if self.pending.borrow().is_some() {
                self.clone().write_loop(onstate);
            }
            let after = self.sweep_after.get().unwrap_or(SWEEP_AFTER_MS);
            gloo::timers::future::TimeoutFuture::new(after).await;
            self.sweep().await;
        });
    }

    /// Sweeps `ms` after the start instead of [`SWEEP_AFTER_MS`] (for tests).
    pub fn sweeping_after(self, ms: u32) -> Self {
        self.sweep_after.set(Some(ms));
        self
    }

    /// Deletes the records the store held at the start that nothing refers to (what a save
    /// cut short by a closed page had written ahead; [`SaveLog::sweep`]). Done
    /// [`SWEEP_AFTER_MS`] after the start, and only if no other tab has saved since: a save
    /// another tab was in the middle of then would have ended and said so by now. Without the
    /// channel to hear other tabs, nothing is swept.
    async fn sweep(self: Rc<Self>) {
        let mut strays = self.log.borrow_mut().sweep();
        let Some(store) = self.store.borrow().clone() else {
            return;
        };
        while !strays.is_empty() {
            // Never beside this tab's own save: one being written may use a stray's key
            // again. Saves begun later queue behind this deletion (IndexedDB runs writes to a
            // store in the order they began).
            while self.writing.get() {
                gloo::timers::future::TimeoutFuture::new(FRAME_MS).await;
            }
            if self.paused.get() || self.channel.borrow().is_none() {
                return;
            }
            let rest = strays.split_off(strays.len().min(SWEEP_KEYS));
            let mut some = std::mem::replace(&mut strays, rest);
            some.retain(|k| !self.log.borrow().refers_to(k));
            // Left for the next start if it fails.
            if store.put_many(&[], &some).await.is_err() {
                return;
            }
        }
    }

    /// Hears other tabs' saves; after one, this tab writes no more (its edits stay in the page,
    /// and the person chooses: reload, or keep a workspace file).
    fn listen(self: &Rc<Self>, onstate: Callback<SaveState>) {
        self.tab.set(js_sys::Math::random());
        let Ok(channel) = BroadcastChannel::new(CHANNEL) else {
            return;
        };
        let me = Rc::downgrade(self);
        let onmessage =
            Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
                let Some(me) = me.upgrade() else { return };
                if e.data().as_f64().is_some_and(|tab| tab != me.tab.get()) && !me.paused.get() {
                    me.paused.set(true);
                    onstate.emit(SaveState::Elsewhere);
                }
            });
        channel.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
        *self.channel.borrow_mut() = Some((channel, onmessage));
    }

    fn announce(&self) {
        if let Some((channel, _)) = &*self.channel.borrow() {
            let _ = channel.post_message(&JsValue::from_f64(self.tab.get()));
        }
    }

    /// Asks for `ws` to be saved; returns at once.
    pub fn save(self: Rc<Self>, ws: Rc<Workspace>, onstate: Callback<SaveState>) {
        *self.pending.borrow_mut() = Some(ws);
        if self.ready.get() && !self.writing.get() && !self.paused.get() {
            self.write_loop(onstate);
        }
    }

    fn write_loop(self: Rc<Self>, onstate: Callback<SaveState>) {
        self.writing.set(true);
        wasm_bindgen_futures::spawn_local(async move {
            let mut more = false;
            loop {
                // Let the edit reach the screen first (a frame is 16 ms), and let a burst of
                // keys become one write; the next part of a partial save follows at once.
                gloo::timers::future::TimeoutFuture::new(if more { 0 } else { FRAME_MS }).await;
                more = false;
                if self.paused.get() {
                    break;
                }
                let Some(ws) = self.pending.borrow_mut().take() else {
                    break;
                };
                let writes = self.log.borrow().writes_within(&ws, SAVE_BYTES);
                if writes.is_empty() {
                    continue;
                }
                onstate.emit(SaveState::Saving);
                let store = self.store.borrow().clone();
                let Some(store) = store else { break };
                let written = match write_early(&store, &writes.early).await {
                    Ok(()) => store.put_many(&writes.put, &writes.delete).await,
                    Err(e) => Err(e),
                };
                match written {
                    Ok(()) => {
                        self.log.borrow_mut().landed(&ws, &writes);
                        self.announce();
                        if writes.only.is_some() {
                            // The rest next, unless a newer state is waiting already.
                            self.pending.borrow_mut().get_or_insert(ws);
                            more = true;
                        } else {
                            onstate.emit(SaveState::Saved);
                        }
                    }
                    // Nothing is dropped: the next change tries again with everything unsaved.
                    // A failed write is one aborted transaction, so the store still holds
                    // the last saved state whole, and a reload opens it.
                    Err(e) => onstate.emit(SaveState::Failed(format!(
                        "{e} What was saved before is intact: a reload opens it, without the \
                         changes since."
                    ))),
                }
            }
            self.writing.set(false);
        });
    }
}
