//! Files from the browser (picker or drop) read into bytes, and imported documents recognised in
//! small batches that yield to the page, so a thousand documents never freeze it.

use gloo::timers::future::TimeoutFuture;
use web_sys::FileList;

use crate::core::document::Document;
use crate::core::intake::File;
use crate::core::recognizer::SharedRecognizer;
use crate::core::workspace::suggest_if_bare_with;

/// Reads every file of a list as bytes; a file the browser cannot read becomes an error line.
pub async fn read_list(list: FileList) -> (Vec<File>, Vec<String>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for i in 0..list.length() {
        let Some(file) = list.get(i) else { continue };
        let name = file.name();
        let blob = gloo::file::Blob::from(file);
        match gloo::file::futures::read_as_bytes(&blob).await {
            Ok(bytes) => files.push(File { name, bytes }),
            Err(e) => errors.push(format!("{name} could not be read: {e}")),
        }
    }
    (files, errors)
}

/// Recognises documents that came without spans with the workspace's recogniser, reporting progress as `(done, total)` and
/// letting the page breathe about every 30 ms.
pub async fn recognise_all(
    docs: Vec<(String, Document)>,
    recognizer: SharedRecognizer,
    progress: impl Fn(usize, usize),
) -> Vec<(String, Document)> {
    let total = docs.len();
    let mut out = Vec::with_capacity(total);
    let mut since_yield = js_sys::Date::now();
    for (i, (name, doc)) in docs.into_iter().enumerate() {
        out.push((name, suggest_if_bare_with(doc, &recognizer)));
        if js_sys::Date::now() - since_yield > 30.0 {
            progress(i + 1, total);
            TimeoutFuture::new(0).await;
            since_yield = js_sys::Date::now();
        }
    }
    progress(total, total);
    out
}
