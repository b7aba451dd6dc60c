//! Learning off the main thread: a Web Worker (the `spanlight-worker` binary, built by trunk)
//! runs [`run_job`], so typing and scrolling never wait for it. Messages are plain: the
//! starting model file (or null for the shipped one) and the job as JSON in; the request
//! number, the learned model file and the report as JSON out. Where no worker can be started,
//! the job runs on the page.
//!
//! The same worker recognises the documents of a large import ([`Learner::recognise`]): a
//! message `["recognise", request, model file or null, job JSON]` is answered with
//! `["recognised", request, spans JSON or null, error]`. It also reads, parses and recognises
//! a large import whole ([`Learner::import`], [`super::import`]), and a long pasted text
//! ([`Learner::reserve_text`], [`Learner::send_text`]): `["recognise-text", request, text,
//! model file or null]`, the text as its UTF-8 bytes in a `Uint8Array` whose buffer moves, is
//! answered with `["recognised-text", request, starts, ends, label ids, label table JSON]` (the
//! three arrays as `Uint32Array`s: see [`crate::core::batch`]), or with nulls and the reason.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::Arc;

use js_sys::{Array, Uint8Array};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent, Worker};
use yew::{use_effect_with, use_memo, Callback, UseReducerHandle};

use super::import;
use super::state::State;
use crate::core::batch::{pack, PackedSpans};
use crate::core::parts::PartsBy;
use crate::core::recognizer::batch::{run_recognition, Found, ModelCache, RecognitionJob};
use crate::core::recognizer::{run_job, LearnReport, LearningJob, Recognizer, SharedRecognizer};
use crate::core::workspace::WorkspaceAction;

/// The first element of a recognition message, and of its answer.
const RECOGNISE: &str = "recognise";
const RECOGNISED: &str = "recognised";
const RECOGNISE_TEXT: &str = "recognise-text";
const RECOGNISED_TEXT: &str = "recognised-text";

/// Where the spans found in one long text go, with its request: packed, or why there are none.
pub type OnFound = Callback<(u64, Result<PackedSpans, String>)>;

/// The worker's script, written by trunk next to the app (`data-loader-shim`).
const WORKER_SCRIPT: &str = "./spanlight-worker_loader.js";

/// A learned model file and its report, the answer to request `.0`.
pub type Answer = (u64, Result<Option<(Vec<u8>, LearnReport)>, String>);

/// The started worker with its message and error listeners, kept alive together.
type Started = (
    Worker,
    Closure<dyn FnMut(MessageEvent)>,
    Closure<dyn FnMut(JsValue)>,
);

/// The page's side: starts the worker on first use and sends it one job at a time.
#[derive(Default)]
pub struct Learner {
    worker: RefCell<Option<Started>>,
    ready: Cell<bool>,
    /// Messages waiting for the worker to be ready, each with what it transfers (or null).
    queued: RefCell<Vec<(JsValue, JsValue)>>,
    /// Where the worker's answers go.
    onanswer: RefCell<Option<Callback<Answer>>>,
    busy: Cell<bool>,
    /// The job being learned, kept so that it can be learned on the page if the worker fails.
    current: RefCell<Option<(Option<Vec<u8>>, LearningJob)>>,
    /// The worker could not load (a page opened from a single file, say): learn on the page.
    failed: Cell<bool>,
    /// Recognition requests sent and not answered: each resolves its promise.
    pending: RefCell<HashMap<u64, js_sys::Function>>,
    next_request: Cell<u64>,
    /// Imports sent and not finished: where each one's messages go.
    imports: RefCell<HashMap<u64, Callback<import::Event>>>,
    /// Long texts sent to be recognised and not answered: where each one's spans go.
    texts: RefCell<HashMap<u64, OnFound>>,
}

/// A batch sent to the worker for recognition; [`Pending::found`] waits for its spans.
pub struct Pending(wasm_bindgen_futures::JsFuture);

impl Pending {
    /// The spans of each text, or `None` if the worker failed (recognise the batch here).
    pub async fn found(self) -> Option<Found> {
        let answer = self.0.await.ok()?;
        serde_json::from_str(&answer.as_string()?).ok()
    }
}

impl PartialEq for Learner {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

fn message(base: Option<&[u8]>, job: &LearningJob) -> JsValue {
    let m = Array::new();
    m.push(&base.map_or(JsValue::NULL, |b| Uint8Array::from(b).into()));
    m.push(&serde_json::to_string(job).unwrap_or_default().into());
    m.into()
}

fn answer_of(data: &JsValue) -> Option<Answer> {
    let a: &Array = data.dyn_ref()?;
    let request = a.get(0).as_f64()? as u64;
    if let Some(e) = a.get(3).as_string() {
        return Some((request, Err(e)));
    }
    let model = a.get(1);
    if model.is_null() {
        return Some((request, Ok(None)));
    }
    let bytes = model.dyn_ref::<Uint8Array>()?.to_vec();
    let report: LearnReport = serde_json::from_str(&a.get(2).as_string()?).ok()?;
    Some((request, Ok(Some((bytes, report)))))
}

impl Learner {
    /// Whether a job is being learned.
    pub fn busy(&self) -> bool {
        self.busy.get()
    }

    /// Learns `job` from `base` (`None`: the shipped model); the answer goes to `onanswer`.
    pub fn run(
        self: &Rc<Self>,
        base: Option<Vec<u8>>,
        job: LearningJob,
        onanswer: Callback<Answer>,
    ) {
        self.busy.set(true);
        *self.onanswer.borrow_mut() = Some(onanswer);
        if self.failed.get() || (self.worker.borrow().is_none() && !self.start()) {
            self.run_here(base, job);
            return;
        }
        let m = message(base.as_deref(), &job);
        *self.current.borrow_mut() = Some((base, job));
        self.send(m);
    }

    /// Posts now, or once the worker says it is ready.
    fn send(&self, m: JsValue) {
        self.send_moving(m, JsValue::NULL);
    }

    /// [`Learner::send`], moving the buffers of the array `transfer` (null: none) to the worker
    /// rather than copying them.
    fn send_moving(&self, m: JsValue, transfer: JsValue) {
        if self.ready.get() {
            self.post_moving(&m, &transfer);
        } else {
            self.queued.borrow_mut().push((m, transfer));
        }
    }

    /// Sends `texts` to the worker to be recognised with the model file `base` (`None`: the
    /// shipped model). `None` when there is no worker: recognise them on the page.
    pub fn recognise(self: &Rc<Self>, base: Option<&[u8]>, texts: Vec<String>) -> Option<Pending> {
        if self.failed.get() || (self.worker.borrow().is_none() && !self.start()) {
            return None;
        }
        let request = self.next_request.get() + 1;
        self.next_request.set(request);
        let job = RecognitionJob { request, texts };
        let m = Array::new();
        m.push(&RECOGNISE.into());
        m.push(&JsValue::from_f64(request as f64));
        m.push(&base.map_or(JsValue::NULL, |b| Uint8Array::from(b).into()));
        m.push(&serde_json::to_string(&job).ok()?.into());
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            self.pending.borrow_mut().insert(request, resolve);
        });
        self.send(m.into());
        Some(Pending(promise.into()))
    }

    /// Sends `files` to the worker to be read, parsed and recognised with the model file `base`
    /// (`None`: the shipped one); what it sends back goes to `on`, message by message, ending
    /// with [`import::Event::Done`] or [`import::Event::Failed`]. `false` when there is no
    /// worker: import them on the page. With `parts`, a plain article comes in cut into
    /// documents.
    pub fn import(
        self: &Rc<Self>,
        files: &Array,
        format: Option<crate::core::formats::Format>,
        parts: Option<PartsBy>,
        base: Option<&[u8]>,
        on: Callback<import::Event>,
    ) -> bool {
        if self.failed.get() || (self.worker.borrow().is_none() && !self.start()) {
            return false;
        }
        let request = self.next_request.get() + 1;
        self.next_request.set(request);
        self.imports.borrow_mut().insert(request, on);
        self.send(import::request(request, files, format, base, parts));
        true
    }

    /// Takes a number for recognising one long text, whose spans go to `on`, packed; `None`
    /// when there is no worker (recognise it on the page). The text follows with
    /// [`Learner::send_text`], which may wait for a task of its own: handing 20 MB over takes
    /// a while.
    pub fn reserve_text(self: &Rc<Self>, on: OnFound) -> Option<u64> {
        if self.failed.get() || (self.worker.borrow().is_none() && !self.start()) {
            return None;
        }
        let request = self.next_request.get() + 1;
        self.next_request.set(request);
        self.texts.borrow_mut().insert(request, on);
        Some(request)
    }

    /// Sends the `text` of recognition `request` ([`Learner::reserve_text`]) to the worker, to
    /// be recognised with the model file `base` (`None`: the shipped one). Should the worker
    /// have stopped meanwhile, its answer has already come, as an error.
    ///
    /// The text goes as its UTF-8 bytes, copied out of wasm memory into a buffer that moves to
    /// the worker: as a JS string, 20 MB took a task of about 100 ms here (decoding the bytes
    /// into a string, then the structured clone copying it), the buffer one copy of a few.
    pub fn send_text(&self, request: u64, text: &str, base: Option<&[u8]>) {
        if !self.texts.borrow().contains_key(&request) {
            return; // cancelled, or the worker stopped
        }
        let bytes = Uint8Array::new_with_length(text.len() as u32);
        bytes.copy_from(text.as_bytes());
        let m = Array::new();
        m.push(&RECOGNISE_TEXT.into());
        m.push(&JsValue::from_f64(request as f64));
        m.push(&bytes);
        m.push(&base.map_or(JsValue::NULL, |b| Uint8Array::from(b).into()));
        self.send_moving(m.into(), Array::of1(&bytes.buffer()).into());
    }

    /// Forgets recognition `request`: the worker finishes the text it is on (one call, which
    /// cannot be stopped midway), and its answer is dropped.
    pub fn forget_text(&self, request: u64) {
        self.texts.borrow_mut().remove(&request);
    }

    /// Passes the spans of a long text on, read from the worker's message `a`.
    fn found_text(&self, a: &Array) {
        let request = a.get(1).as_f64().unwrap_or(0.0) as u64;
        let Some(on) = self.texts.borrow_mut().remove(&request) else {
            return;
        };
        let array = |i: u32| {
            a.get(i)
                .dyn_ref::<js_sys::Uint32Array>()
                .map(|x| x.to_vec())
        };
        let found = match (array(2), array(3), array(4), a.get(5).as_string()) {
            (Some(starts), Some(ends), Some(labels), Some(table)) => serde_json::from_str(&table)
                .map(|table| PackedSpans {
                    starts,
                    ends,
                    labels,
                    table,
                })
                .map_err(|e| format!("the label table arrived damaged: {e}")),
            _ => Err(a
                .get(6)
                .as_string()
                .unwrap_or_else(|| "the worker's answer was unreadable".into())),
        };
        on.emit((request, found));
    }

    /// Stops every import in progress: the worker sends no more of them, and nothing more that
    /// it had sent is passed on.
    pub fn cancel_imports(&self) {
        let requests: Vec<u64> = self.imports.borrow_mut().drain().map(|(r, _)| r).collect();
        for request in requests {
            self.send(import::cancel(request));
        }
    }

    /// Passes an import's message on to its callback.
    fn imported(&self, request: u64, event: import::Event) {
        let finished = matches!(event, import::Event::Done | import::Event::Failed(_));
        let on = if finished {
            self.imports.borrow_mut().remove(&request)
        } else {
            self.imports.borrow().get(&request).cloned()
        };
        if let Some(on) = on {
            on.emit(event);
        }
    }

    /// Answers a recognition request (`NULL`: recognise it on the page).
    fn resolve(&self, request: u64, found: &JsValue) {
        let resolve = self.pending.borrow_mut().remove(&request);
        if let Some(f) = resolve {
            let _ = f.call1(&JsValue::NULL, found);
        }
    }

    /// Posts `m`, moving the buffers listed in `transfer` (null: none).
    fn post_moving(&self, m: &JsValue, transfer: &JsValue) {
        if let Some((w, _, _)) = &*self.worker.borrow() {
            let _ = match transfer.dyn_ref::<Array>() {
                Some(t) => w.post_message_with_transfer(m, t),
                None => w.post_message(m),
            };
        }
    }

    /// No worker: learns on the page, after this event.
    fn run_here(self: &Rc<Self>, base: Option<Vec<u8>>, job: LearningJob) {
        let me = self.clone();
        wasm_bindgen_futures::spawn_local(async move {
            gloo::timers::future::TimeoutFuture::new(0).await;
            let outcome = run_job(base.as_deref(), &job);
            me.busy.set(false);
            let onanswer = me.onanswer.borrow().clone();
            if let Some(cb) = onanswer {
                cb.emit((job.request, outcome));
            }
        });
    }

    /// Starts the worker; `false` if the browser will not.
    fn start(self: &Rc<Self>) -> bool {
        let Ok(worker) = Worker::new(WORKER_SCRIPT) else {
            return false;
        };
        let me = Rc::downgrade(self);
        let onmessage = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
            let Some(me) = me.upgrade() else { return };
            // The first message says the worker is ready.
            if !me.ready.get() {
                me.ready.set(true);
                let queued = std::mem::take(&mut *me.queued.borrow_mut());
                for (m, transfer) in &queued {
                    me.post_moving(m, transfer);
                }
                return;
            }
            let data = e.data();
            if let Some(a) = data.dyn_ref::<Array>() {
                if a.get(0).as_string().as_deref() == Some(RECOGNISED) {
                    let request = a.get(1).as_f64().unwrap_or(0.0) as u64;
                    me.resolve(request, &a.get(2));
                    return;
                }
                if a.get(0).as_string().as_deref() == Some(RECOGNISED_TEXT) {
                    me.found_text(a);
                    return;
                }
                if let Some((request, event)) = import::Event::of(a) {
                    me.imported(request, event);
                    return;
                }
            }
            me.busy.set(false);
            me.current.borrow_mut().take();
            let answer = answer_of(&data)
                .unwrap_or((0, Err("the learner sent something unreadable".into())));
            let onanswer = me.onanswer.borrow().clone();
            if let Some(cb) = onanswer {
                cb.emit(answer);
            }
        });
        worker.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
        // A worker whose script cannot load says so only here: its job is learned on the page.
        let me = Rc::downgrade(self);
        let onerror = Closure::<dyn FnMut(JsValue)>::new(move |_| {
            let Some(me) = me.upgrade() else { return };
            me.failed.set(true);
            // Kept, not dropped: this listener is running.
            if let Some((w, _, _)) = &*me.worker.borrow() {
                w.terminate();
            }
            let current = me.current.borrow_mut().take();
            if let Some((base, job)) = current {
                me.run_here(base, job);
            }
            let pending: Vec<u64> = me.pending.borrow().keys().copied().collect();
            for request in pending {
                me.resolve(request, &JsValue::NULL);
            }
            let imports: Vec<u64> = me.imports.borrow().keys().copied().collect();
            for request in imports {
                me.imported(request, import::Event::Failed("the worker stopped".into()));
            }
            let texts: Vec<(u64, OnFound)> = me.texts.borrow_mut().drain().collect();
            for (request, on) in texts {
                on.emit((request, Err("the worker stopped".into())));
            }
        });
        worker.set_onerror(Some(onerror.as_ref().unchecked_ref()));
        *self.worker.borrow_mut() = Some((worker, onmessage, onerror));
        true
    }
}

/// Learning as the app uses it: a round of learning the workspace asks for goes to the worker,
/// one at a time, and its answer comes back as an action. Returns the learner, whose worker
/// also recognises imports.
#[yew::hook]
pub fn use_learning(state: UseReducerHandle<State>) -> Rc<Learner> {
    let learner = use_memo((), |_| Learner::default());
    {
        let learner = learner.clone();
        use_effect_with(state.clone(), move |current| {
            if let Some((base, job)) = current.0.learning_job() {
                if !learner.busy() {
                    let onanswer = Callback::from(move |(request, outcome): Answer| {
                        let outcome = outcome.and_then(|learned| {
                            learned
                                .map(|(bytes, report)| {
                                    Recognizer::from_bytes(&bytes)
                                        .map(|r| (SharedRecognizer(Arc::new(r)), report))
                                        .map_err(|e| e.to_string())
                                })
                                .transpose()
                        });
                        state.dispatch(WorkspaceAction::Learned { request, outcome });
                    });
                    learner.run(base.map(|b| b.to_bytes()), job, onanswer);
                }
            }
        });
    }
    learner
}

/// The worker's side: answers each job with [`run_job`].
pub fn serve() {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply = scope.clone();
    let imports = import::Worker::default();
    let onmessage = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
        let data = e.data();
        if let Some(a) = data.dyn_ref::<Array>() {
            if a.get(0).as_string().as_deref() == Some(RECOGNISE) {
                let answer = recognised(&mut imports.models.borrow_mut(), a);
                let _ = reply.post_message(&answer);
                return;
            }
            if a.get(0).as_string().as_deref() == Some(RECOGNISE_TEXT) {
                let answer = recognised_text(&mut imports.models.borrow_mut(), a);
                // The three arrays' buffers move to the page rather than being copied.
                let moved = Array::new();
                for i in 2..5 {
                    if let Some(x) = answer.get(i).dyn_ref::<js_sys::Uint32Array>() {
                        moved.push(&x.buffer());
                    }
                }
                let _ = reply.post_message_with_transfer(&answer, &moved);
                return;
            }
            if imports.handle(&reply, a) {
                return;
            }
        }
        let out = Array::new();
        let parts: Option<(Option<Vec<u8>>, LearningJob)> = data.dyn_ref::<Array>().and_then(|a| {
            let base = a.get(0).dyn_ref::<Uint8Array>().map(Uint8Array::to_vec);
            let job = serde_json::from_str(&a.get(1).as_string()?).ok()?;
            Some((base, job))
        });
        match parts {
            Some((base, job)) => {
                out.push(&JsValue::from_f64(job.request as f64));
                let t0 = js_sys::Date::now();
                match run_job(base.as_deref(), &job) {
                    Ok(Some((bytes, mut report))) => {
                        report.millis = Some((js_sys::Date::now() - t0).round() as u32);
                        out.push(&Uint8Array::from(bytes.as_slice()).into());
                        out.push(&serde_json::to_string(&report).unwrap_or_default().into());
                    }
                    Ok(None) => {
                        out.push(&JsValue::NULL);
                        out.push(&JsValue::NULL);
                    }
                    Err(e) => {
                        out.push(&JsValue::NULL);
                        out.push(&JsValue::NULL);
                        out.push(&e.into());
                    }
                }
            }
            None => {
                out.push(&JsValue::from_f64(0.0));
                out.push(&JsValue::NULL);
                out.push(&JsValue::NULL);
                out.push(&"the page sent the learner something unreadable".into());
            }
        }
        let _ = reply.post_message(&out);
    });
    scope.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
    onmessage.forget();
    // Messages sent before this point were dropped: the page waits for this one.
    let _ = scope.post_message(&JsValue::from_str("ready"));
}

/// The worker's answer to a recognition message.
fn recognised(models: &mut ModelCache, m: &Array) -> JsValue {
    let out = Array::new();
    out.push(&RECOGNISED.into());
    out.push(&m.get(1));
    let base = m.get(2).dyn_ref::<Uint8Array>().map(Uint8Array::to_vec);
    let job: Option<RecognitionJob> = m
        .get(3)
        .as_string()
        .and_then(|j| serde_json::from_str(&j).ok());
    let found = match (models.get(base.as_deref()), job) {
        (Ok(r), Some(job)) => {
            serde_json::to_string(&run_recognition(&r, &job)).map_err(|e| e.to_string())
        }
        (Err(e), _) => Err(e),
        (_, None) => Err("the page sent the recogniser something unreadable".into()),
    };
    match found {
        Ok(json) => out.push(&json.into()),
        Err(e) => {
            out.push(&JsValue::NULL);
            out.push(&e.into())
        }
    };
    out.into()
}

/// The worker's answer to a long text: its spans, packed into typed arrays.
fn recognised_text(models: &mut ModelCache, m: &Array) -> Array {
    let out = Array::new();
    out.push(&RECOGNISED_TEXT.into());
    out.push(&m.get(1));
    let base = m.get(3).dyn_ref::<Uint8Array>().map(Uint8Array::to_vec);
    // The text comes as UTF-8 bytes (see `Learner::send_text`).
    let text = m
        .get(2)
        .dyn_ref::<Uint8Array>()
        .and_then(|b| String::from_utf8(b.to_vec()).ok());
    let found = match (models.get(base.as_deref()), text) {
        (Ok(r), Some(text)) => Ok(pack(&r.recognize(&text))),
        (Err(e), _) => Err(e),
        (_, None) => Err("the page sent the recogniser something unreadable".to_string()),
    };
    match found {
        Ok(p) => {
            out.push(&js_sys::Uint32Array::from(p.starts.as_slice()));
            out.push(&js_sys::Uint32Array::from(p.ends.as_slice()));
            out.push(&js_sys::Uint32Array::from(p.labels.as_slice()));
            out.push(&serde_json::to_string(&p.table).unwrap_or_default().into());
        }
        Err(e) => {
            for _ in 0..4 {
                out.push(&JsValue::NULL);
            }
            out.push(&e.into());
        }
    }
    out
}
