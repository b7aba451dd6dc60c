//! A large import off the page's thread: the Web Worker (the learner's, [`super::learner`])
//! reads the files, parses them, recognises what came without spans, and sends the documents
//! back in batches, which the page adds to the workspace one batch per task. So no step of a
//! 25 MB import holds the page for more than a batch.
//!
//! Messages, page to worker: `["import", request, [File…], format name or null, model file or
//! null, parts or null]` (parts: how to cut a plain article into documents, as JSON) and `["import-cancel", request]`. Worker to page, in this order: `["import-read",
//! request, Read JSON]` once the files are parsed, `["import-batch", request, documents]` per
//! batch (packed: [`batch_message`]), then `["import-done", request]`; or
//! `["import-failed", request, reason]` when the worker cannot do it (the page then imports on
//! its own thread).

use std::cell::RefCell;
use std::collections::HashSet;
use std::rc::Rc;

use js_sys::{Array, Uint32Array, Uint8Array};
use serde::{Deserialize, Serialize};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::DedicatedWorkerGlobalScope;

use crate::core::batch::{pack_docs, PackedDocs};
use crate::core::editor::suggest;
use crate::core::formats::Format;
use crate::core::intake::{color_notices, incoming, read_all_in_parts, File};
use crate::core::parts::PartsBy;
use crate::core::recognizer::batch::{batch_ends, ModelCache};

pub const IMPORT: &str = "import";
pub const CANCEL: &str = "import-cancel";
pub const READ: &str = "import-read";
pub const BATCH: &str = "import-batch";
pub const DONE: &str = "import-done";
pub const FAILED: &str = "import-failed";

/// Imports of files this large in all go to the worker (a 300-document import of 0.75 MB read
/// on the page still had a task of about 100 ms); smaller ones are quicker on the page (no
/// worker to start, no messages).
pub const IN_WORKER_FROM: f64 = 250_000.0;

/// Documents per batch, and characters: the page adds one batch well within a frame.
const BATCH_DOCS: usize = 50;
const BATCH_CHARS: usize = 125_000;

/// What the files held, sent before the first batch.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Read {
    /// Documents that will arrive.
    pub total: usize,
    /// Files or lines that could not be imported, each with its reason.
    pub problems: Vec<String>,
    /// What the import changed on the way in (unsafe label colours).
    pub notices: Vec<String>,
}

/// What the page hears of an import, message by message.
pub enum Event {
    Read(Read),
    /// A batch of documents, packed ([`PackedDocs::unpack`] gives them), or why it could not
    /// be read.
    Batch(Result<PackedDocs, String>),
    Done,
    /// The worker could not import (it failed to load, or the model would not parse).
    Failed(String),
}

impl Event {
    /// The event of a worker's message `m` (`[kind, request, payload]`), if it is an import's.
    pub fn of(m: &Array) -> Option<(u64, Event)> {
        let request = m.get(1).as_f64()? as u64;
        let payload = m.get(2).as_string();
        let event = match m.get(0).as_string()?.as_str() {
            READ => Event::Read(serde_json::from_str(&payload?).ok()?),
            BATCH => Event::Batch(batch_of(&m.get(2))),
            DONE => Event::Done,
            FAILED => Event::Failed(payload.unwrap_or_default()),
            _ => return None,
        };
        Some((request, event))
    }
}

/// The page's message asking for `files` to be imported.
pub fn request(
    request: u64,
    files: &Array,
    format: Option<Format>,
    base: Option<&[u8]>,
    parts: Option<PartsBy>,
) -> JsValue {
    let m = Array::new();
    m.push(&IMPORT.into());
    m.push(&JsValue::from_f64(request as f64));
    m.push(files);
    m.push(&format.map_or(JsValue::NULL, |f| f.name().into()));
    m.push(&base.map_or(JsValue::NULL, |b| Uint8Array::from(b).into()));
    let parts = parts.and_then(|p| serde_json::to_string(&p).ok());
    m.push(&parts.map_or(JsValue::NULL, |p| p.into()));
    m.into()
}

/// The page's message stopping import `request`.
pub fn cancel(request: u64) -> JsValue {
    Array::of2(&CANCEL.into(), &JsValue::from_f64(request as f64)).into()
}

/// The worker's side: what it keeps between messages.
#[derive(Clone, Default)]
pub struct Worker {
    pub models: Rc<RefCell<ModelCache>>,
    cancelled: Rc<RefCell<HashSet<u64>>>,
}

impl Worker {
    /// Handles `m` if it is an import message; `false` otherwise.
    pub fn handle(&self, scope: &DedicatedWorkerGlobalScope, m: &Array) -> bool {
        let request = m.get(1).as_f64().unwrap_or(0.0) as u64;
        match m.get(0).as_string().as_deref() {
            Some(CANCEL) => {
                self.cancelled.borrow_mut().insert(request);
                true
            }
            Some(IMPORT) => {
                let (me, scope, m) = (self.clone(), scope.clone(), m.clone());
                wasm_bindgen_futures::spawn_local(
                    async move { me.import(&scope, request, &m).await },
                );
                true
            }
            _ => false,
        }
    }

    async fn import(&self, scope: &DedicatedWorkerGlobalScope, request: u64, m: &Array) {
        let send = |kind: &str, payload: JsValue| {
            let out = Array::of3(&kind.into(), &JsValue::from_f64(request as f64), &payload);
            let _ = scope.post_message(&out);
        };
        let base = m.get(4).dyn_ref::<Uint8Array>().map(Uint8Array::to_vec);
        let recognizer = match self.models.borrow_mut().get(base.as_deref()) {
            Ok(r) => r,
            Err(e) => return send(FAILED, e.into()),
        };
        let format = m.get(3).as_string().and_then(|f| Format::from_name(&f));
        let (files, mut problems) = read_files(&Array::from(&m.get(2))).await;
        let parts = m
            .get(5)
            .as_string()
            .and_then(|p| serde_json::from_str(&p).ok());
        let (intakes, bad) = read_all_in_parts(&files, format, parts);
        problems.extend(bad);
        let notices: Vec<String> = files.iter().flat_map(color_notices).collect();
        drop(files);
        let mut docs = incoming(intakes);
        let read = Read {
            total: docs.len(),
            problems,
            notices,
        };
        send(
            READ,
            serde_json::to_string(&read).unwrap_or_default().into(),
        );
        let sizes: Vec<usize> = docs.iter().map(|d| d.1.char_len()).collect();
        let ends = batch_ends(&sizes, BATCH_DOCS, BATCH_CHARS);
        let mut rest = docs.drain(..);
        let mut start = 0;
        for end in ends {
            let mut batch: Vec<_> = rest.by_ref().take(end - start).collect();
            start = end;
            for (_, doc, _) in &mut batch {
                if doc.spans().is_empty() && !doc.text().is_empty() {
                    suggest(doc, &recognizer);
                }
            }
            let (message, buffers) = batch_message(&pack_docs(&batch));
            let out = Array::of3(&BATCH.into(), &JsValue::from_f64(request as f64), &message);
            // The arrays' buffers move to the page rather than being copied.
            let _ = scope.post_message_with_transfer(&out, &buffers);
            drop(batch);
            // Between batches the worker hears a Cancel, and a round of learning can run.
            next_task().await;
            if self.cancelled.borrow_mut().remove(&request) {
                return;
            }
        }
        send(DONE, JsValue::NULL);
    }
}

/// A packed batch as a message: `[head JSON, text bytes, lengths, counts, starts, ends, labels,
/// accepted]` (the first array a `Uint8Array`, the others `Uint32Array`s), with the buffers to
/// transfer.
fn batch_message(p: &PackedDocs) -> (Array, Array) {
    let message = Array::new();
    let buffers = Array::new();
    message.push(&p.head.as_str().into());
    let text = Uint8Array::from(p.text.as_slice());
    buffers.push(&text.buffer());
    message.push(&text);
    for numbers in [
        &p.lengths,
        &p.counts,
        &p.starts,
        &p.ends,
        &p.labels,
        &p.accepted,
    ] {
        let array = Uint32Array::from(numbers.as_slice());
        buffers.push(&array.buffer());
        message.push(&array);
    }
    (message, buffers)
}

/// The packed batch of a [`batch_message`]; a message of another shape is an error.
fn batch_of(m: &JsValue) -> Result<PackedDocs, String> {
    let damaged = || "the import's documents arrived damaged (not a batch)".to_string();
    let m: &Array = m.dyn_ref().ok_or_else(damaged)?;
    let numbers = |i: u32| {
        m.get(i)
            .dyn_ref::<Uint32Array>()
            .map(Uint32Array::to_vec)
            .ok_or_else(damaged)
    };
    Ok(PackedDocs {
        head: m.get(0).as_string().ok_or_else(damaged)?,
        text: m
            .get(1)
            .dyn_ref::<Uint8Array>()
            .map(Uint8Array::to_vec)
            .ok_or_else(damaged)?,
        lengths: numbers(2)?,
        counts: numbers(3)?,
        starts: numbers(4)?,
        ends: numbers(5)?,
        labels: numbers(6)?,
        accepted: numbers(7)?,
    })
}

/// Every file of `list` as bytes; a file the browser cannot read becomes a problem line.
async fn read_files(list: &Array) -> (Vec<File>, Vec<String>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for item in list.iter() {
        let Ok(file) = item.dyn_into::<web_sys::File>() else {
            continue;
        };
        let name = file.name();
        match JsFuture::from(file.array_buffer()).await {
            Ok(buffer) => files.push(File {
                name,
                bytes: Uint8Array::new(&buffer).to_vec(),
            }),
            Err(e) => problems.push(format!("{name} could not be read: {e:?}")),
        }
    }
    (files, problems)
}

/// Resolves in a task of its own, after the messages already waiting (a timeout of 0 would
/// wait 4 ms once nested).
async fn next_task() {
    let Ok(channel) = web_sys::MessageChannel::new() else {
        return;
    };
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        channel.port1().set_onmessage(Some(&resolve));
        let _ = channel.port2().post_message(&JsValue::NULL);
    });
    let _ = JsFuture::from(promise).await;
    channel.port1().set_onmessage(None);
}
