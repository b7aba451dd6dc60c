//! Files from the browser (picker or drop) read into bytes, and imported documents recognised in
//! batches in the Web Worker (or, without one, in small batches that yield to the page), so a
//! large import never freezes it.

use std::collections::VecDeque;
use std::ops::Range;
use std::rc::Rc;

use gloo::timers::future::TimeoutFuture;
use web_sys::FileList;

use super::task_clock::TaskClock;
use crate::app::learner::{Learner, Pending};
use crate::core::document::Document;
use crate::core::editor::{apply_found, suggest};
use crate::core::intake::{self, File};
use crate::core::recognizer::batch::batch_ends;
use crate::core::recognizer::SharedRecognizer;

/// Reads every file of a list as bytes; a file the browser cannot read becomes an error line.
pub async fn read_list(list: FileList) -> (Vec<File>, Vec<String>) {
    read_files((0..list.length()).filter_map(|i| list.get(i)).collect()).await
}

/// [`read_list`] of files held apart from a list (one made on the page, say).
pub async fn read_files(list: Vec<web_sys::File>) -> (Vec<File>, Vec<String>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for file in list {
        let name = file.name();
        let blob = gloo::file::Blob::from(file);
        match gloo::file::futures::read_as_bytes(&blob).await {
            Ok(bytes) => files.push(File { name, bytes }),
            Err(e) => errors.push(format!("{name} could not be read: {e}")),
        }
    }
    (files, errors)
}

/// Bytes of a file read per look at the clock by [`text_in_slices`], and the reading per task.
const READ_BYTES: usize = 256 * 1024;

/// The text of `file`, checked as [`intake::text_of`] checks it, [`TASK_MS`](super::task_clock::TASK_MS) of it per
/// task, from the next task on ([`intake::ReadingText`]): 19.6 MB read at once was a task of
/// about 170 ms.
pub async fn text_in_slices(file: &File) -> Result<String, String> {
    let mut reading = intake::ReadingText::new(file)?;
    loop {
        gloo::timers::future::TimeoutFuture::new(0).await;
        let clock = TaskClock::start();
        loop {
            if reading.step(file, READ_BYTES)? {
                return reading.finish(file);
            }
            if clock.is_up() {
                break;
            }
        }
    }
}

/// Texts per batch sent to the worker, and characters: the page applies one batch's spans well
/// within a frame, and the worker always has the next batch waiting.
const BATCH_DOCS: usize = 100;
const BATCH_CHARS: usize = 250_000;
/// Batches sent ahead of the one being applied.
const IN_FLIGHT: usize = 2;

/// Recognises the documents that came without spans with the workspace's recogniser, in
/// batches in the Web Worker (`worker`), or here in small batches that yield to the page when
/// there is no worker or the import is small. Reports progress as `(done, total)` over those documents; `None` once
/// `cancelled` says so (the import then adds nothing).
pub async fn recognise_import(
    mut docs: Vec<(String, Document)>,
    recognizer: SharedRecognizer,
    worker: Rc<Learner>,
    cancelled: impl Fn() -> bool,
    progress: impl Fn(usize, usize),
) -> Option<Vec<(String, Document)>> {
    let bare: Vec<usize> = (0..docs.len())
        .filter(|&i| docs[i].1.spans().is_empty() && !docs[i].1.text().is_empty())
        .collect();
    let total = bare.len();
    let sizes: Vec<usize> = bare.iter().map(|&i| docs[i].1.char_len()).collect();
    let mut start = 0;
    let batches: Vec<Range<usize>> = batch_ends(&sizes, BATCH_DOCS, BATCH_CHARS)
        .into_iter()
        .map(|end| std::mem::replace(&mut start, end)..end)
        .collect();
    // An import that fits in one batch is recognised here at once: no worker to fetch and start.
    let one_batch = total <= BATCH_DOCS && sizes.iter().sum::<usize>() <= BATCH_CHARS;
    let base = (!recognizer.is_shipped()).then(|| recognizer.0.file().to_vec());
    let mut sent: VecDeque<(Range<usize>, Option<Pending>)> = VecDeque::new();
    let mut next = batches.iter();
    let mut done = 0;
    // Counted across batches: a batch can take less than the slice, and batches with no worker
    // follow each other without a pause, so a per-batch clock never yielded at all.
    let mut since_yield = js_sys::Date::now();
    progress(0, total);
    loop {
        while sent.len() < IN_FLIGHT {
            let Some(r) = next.next() else { break };
            let pending = if one_batch {
                None
            } else {
                let texts = bare[r.clone()]
                    .iter()
                    .map(|&i| docs[i].1.text().to_string())
                    .collect();
                worker.recognise(base.as_deref(), texts)
            };
            sent.push_back((r.clone(), pending));
        }
        let Some((r, pending)) = sent.pop_front() else {
            break;
        };
        let found = match pending {
            Some(p) => p.found().await,
            None => None,
        };
        if cancelled() {
            return None;
        }
        match found {
            Some(found) if found.len() == r.len() => {
                for (&i, f) in bare[r.clone()].iter().zip(found) {
                    apply_found(&mut docs[i].1, f);
                }
            }
            // No worker, or it failed: this batch here, yielding about every 30 ms.
            _ => {
                for (k, &i) in bare[r.clone()].iter().enumerate() {
                    suggest(&mut docs[i].1, &recognizer);
                    if js_sys::Date::now() - since_yield > 30.0 {
                        progress(done + k + 1, total);
                        TimeoutFuture::new(0).await;
                        if cancelled() {
                            return None;
                        }
                        since_yield = js_sys::Date::now();
                    }
                }
            }
        }
        done += r.len();
        progress(done, total);
    }
    Some(docs)
}

/// A hidden `<input type="file">` (its ref) and the callback that opens it from a visible
/// button, which a keyboard and a screen reader reach like any other.
#[yew::hook]
pub fn use_file_picker() -> (yew::NodeRef, yew::Callback<web_sys::MouseEvent>) {
    let picker = yew::use_node_ref();
    let choose = {
        let picker = picker.clone();
        yew::Callback::from(move |_: web_sys::MouseEvent| {
            if let Some(input) = picker.cast::<web_sys::HtmlInputElement>() {
                input.click();
            }
        })
    };
    (picker, choose)
}
