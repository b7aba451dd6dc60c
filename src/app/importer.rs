//! How the page takes files in: a large import goes to the Web Worker and comes back in
//! batches, a small one is read here, a lone long article opens at once, and an article too long
//! to open is refused with the offer to cut it into documents. The app holds the state; this is
//! what its import buttons, drops and the split offer call.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use yew::prelude::*;

use super::components::parts_offer::{SharedStarts, SharedText};
use super::learner::Learner;
use super::state::State;
use super::task_clock::in_slices;
use super::{files, import, recognise};
use crate::core::document::{too_long, too_long_offering_parts, MAX_TEXT_BYTES};
use crate::core::editor::{Action, Notice};
use crate::core::formats::Format;
use crate::core::intake::{self, color_notices, read_all_in_parts, Intake};
use crate::core::parts::{FindingStarts, PartsBy};
use crate::core::workspace::WorkspaceAction;

/// What every import needs from the app: the workspace, the progress bar, the worker, the
/// count of imports started and cancelled (`imports`: how many have started and up to which
/// one Cancel was pressed; a cancelled import adds no documents), and where an article too long
/// to open goes to be offered in parts.
#[derive(Clone)]
pub struct Importer {
    pub state: UseReducerHandle<State>,
    pub progress: UseStateHandle<Option<(usize, usize)>>,
    pub worker: Rc<Learner>,
    pub imports: Rc<Cell<(u64, u64)>>,
    pub offer: UseStateHandle<Option<Offer>>,
}

/// Bytes of an article read per look at the clock while finding its paragraphs.
const SCAN_BYTES: usize = 256 * 1024;

/// What a paste or the text box's text is called when it is offered in parts.
pub const PASTED: &str = "Pasted text";

/// One import: its number, its files, the format chosen and, when asked, how to cut a plain
/// article into documents.
#[derive(Clone)]
struct Request {
    this: u64,
    files: Vec<web_sys::File>,
    format: Option<Format>,
    parts: Option<PartsBy>,
}

/// An article too long to open, refused with the offer to cut it into documents: its name as
/// shown, its text, and the file it came in (none for a paste).
#[derive(Clone)]
pub struct Offer {
    pub name: String,
    pub text: SharedText,
    /// Where its paragraphs start ([`crate::core::parts::paragraph_starts`]).
    pub starts: SharedStarts,
    pub file: Option<web_sys::File>,
}

impl Importer {
    fn notify(&self, n: Notice) {
        self.state
            .dispatch(WorkspaceAction::Edit(Action::Notify(n)));
    }

    fn next(&self) -> u64 {
        let this = self.imports.get().0 + 1;
        self.imports.set((this, self.imports.get().1));
        this
    }

    /// Refuses `text` (called `name`), too long to open, and offers to cut it into documents
    /// when it is within the file limit (a longer one the page could not read anyway).
    pub fn refuse(&self, text: String, name: String, file: Option<web_sys::File>) {
        let offering = text.len() <= intake::MAX_BYTES;
        let message = if offering {
            too_long_offering_parts(&text, &name)
        } else {
            too_long(&text, &name)
        };
        if let Some(message) = message {
            self.notify(Notice::Error(message));
        }
        if offering {
            // Its paragraphs are found first, a slice per task (the offer counts the parts).
            let offer = self.offer.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let mut finding = FindingStarts::default();
                in_slices(|| finding.step(&text, SCAN_BYTES)).await;
                let starts = SharedStarts(Rc::new(finding.finish()));
                let text = SharedText(Rc::new(text));
                offer.set(Some(Offer {
                    name,
                    text,
                    starts,
                    file,
                }));
            });
        }
    }
}

/// Imports files. A large import goes whole to the learner's Web Worker, which reads, parses
/// and recognises it and sends the documents back in batches, added as they arrive (see
/// [`import_in_worker`]); a small one, or any without a worker, is read here and recognised in
/// batches (in the worker when it can), then added in one step.
pub fn import_files(imp: Importer, list: web_sys::FileList, format: Option<Format>) {
    let mut files: Vec<web_sys::File> = (0..list.length()).filter_map(|i| list.get(i)).collect();
    // An article too long to open that comes with other files is offered in parts as a lone
    // one is (the first such; any other is listed with the import's problems), and the rest
    // are imported meanwhile.
    if let Some(long) = files
        .iter()
        .position(|f| format.is_none() && files.len() > 1 && offered_in_parts(f, &files))
    {
        let long = files.remove(long);
        let r = Request {
            this: imp.next(),
            files: vec![long],
            format,
            parts: None,
        };
        import_long_article(imp.clone(), r);
    }
    let r = Request {
        this: imp.next(),
        files,
        format,
        parts: None,
    };
    // A lone .txt file is one article, with nothing to add in batches: sending it back from
    // the worker as a message would only add time (its recognition goes to the worker anyway).
    let lone_article = matches!(&r.files[..], [f] if f.name().to_lowercase().ends_with(".txt"));
    // A long one opens at once and the worker finds its spans (see `app::recognise`).
    if lone_article && r.files[0].size() >= import::IN_WORKER_FROM {
        return import_long_article(imp, r);
    }
    if !lone_article && r.files.iter().map(|f| f.size()).sum::<f64>() >= import::IN_WORKER_FROM {
        return import_in_worker_or_here(imp, r);
    }
    import_here(imp, r);
}

/// Whether `f`, one of `files`, is a plain article over the page's limit that the page can
/// still read to cut into parts: a `.txt` without a brat `.ann` beside it (whose offsets need
/// the text whole).
fn offered_in_parts(f: &web_sys::File, files: &[web_sys::File]) -> bool {
    let name = f.name().to_lowercase();
    let Some(stem) = name.strip_suffix(".txt") else {
        return false;
    };
    let ann = format!("{stem}.ann");
    f.size() > MAX_TEXT_BYTES as f64
        && f.size() <= intake::MAX_BYTES as f64
        && !files.iter().any(|g| g.name().to_lowercase() == ann)
}

/// Import `r` in the worker, or here when there is none.
fn import_in_worker_or_here(imp: Importer, r: Request) {
    let on = import_in_worker(imp.clone(), r.clone());
    let recognizer = imp.state.0.recognizer();
    let base = (!recognizer.is_shipped()).then(|| recognizer.0.file().to_vec());
    let files: js_sys::Array = r.files.iter().map(wasm_bindgen::JsValue::from).collect();
    if imp
        .worker
        .import(&files, r.format, r.parts, base.as_deref(), on)
    {
        imp.progress.set(Some((0, 0)));
        return;
    }
    import_here(imp, r);
}

/// The article of `offer` cut into documents `by`, imported like several files at once: in the
/// worker, with progress and Cancel.
pub fn import_parts(imp: Importer, offer: Offer, by: PartsBy) {
    let file = offer.file.or_else(|| {
        // A paste becomes a file, so that it takes the same way in.
        let bytes = js_sys::Uint8Array::from(offer.text.0.as_bytes());
        let name = format!("{}.txt", offer.name);
        web_sys::File::new_with_u8_array_sequence(&js_sys::Array::of1(&bytes), &name).ok()
    });
    let Some(file) = file else {
        return imp.notify(Notice::Error(
            "The browser could not hold the text to split it".into(),
        ));
    };
    let r = Request {
        this: imp.next(),
        files: vec![file],
        format: None,
        parts: Some(by),
    };
    import_in_worker_or_here(imp, r);
}

/// A lone `.txt` file of `IN_WORKER_FROM` or more, read here and opened at once with no spans
/// while the worker recognises it; one too long to open is refused with the offer to cut it
/// into documents; should it not be text, or no worker be there, it is imported as before.
fn import_long_article(imp: Importer, r: Request) {
    wasm_bindgen_futures::spawn_local(async move {
        let (files, _) = files::read_files(r.files.clone()).await;
        let article = match files.first() {
            Some(f) => files::text_in_slices(f)
                .await
                .ok()
                .map(|text| (text, f.name.clone())),
            None => None,
        };
        drop(files);
        if let Some((text, name)) = article {
            if too_long(&text, "").is_some() {
                return imp.refuse(text, name, r.files.first().cloned());
            }
            let stem = intake::stem(&name).to_string();
            if recognise::open_long(&imp.state, &imp.worker, text, Some(stem)).is_none() {
                return;
            }
        }
        import_here(imp, r);
    });
}

/// What the page does with each message of import `r` from the worker: each batch of
/// documents joins the workspace in the task it arrives in (and autosave writes it), and the
/// progress bar counts them (a long first document, which opens, is readied for showing by the
/// article). Should the worker fail, what came is taken back and the import runs here.
fn import_in_worker(imp: Importer, r: Request) -> Callback<import::Event> {
    let import = FromWorker {
        imp,
        r,
        read: Default::default(),
        arrived: Cell::new(0),
    };
    Callback::from(move |event: import::Event| import.take(event))
}

/// An import in the worker, as the page follows it.
struct FromWorker {
    imp: Importer,
    r: Request,
    read: RefCell<import::Read>,
    arrived: Cell<usize>,
}

impl FromWorker {
    fn take(&self, event: import::Event) {
        let Importer {
            state,
            progress,
            worker,
            imports,
            ..
        } = &self.imp;
        let this = self.r.this;
        if imports.get().1 >= this {
            return;
        }
        match event {
            import::Event::Read(r) => {
                progress.set(Some((0, r.total)));
                *self.read.borrow_mut() = r;
            }
            import::Event::Batch(packed) => match packed.and_then(|p| p.unpack()) {
                Ok(docs) => {
                    self.arrived.set(self.arrived.get() + docs.len());
                    state.dispatch(WorkspaceAction::ImportBatch { import: this, docs });
                    progress.set(Some((self.arrived.get(), self.read.borrow().total)));
                }
                Err(e) => {
                    imports.set((imports.get().0, this));
                    worker.cancel_imports();
                    progress.set(None);
                    state.dispatch(WorkspaceAction::CancelImports);
                    self.imp.notify(Notice::Error(format!(
                        "The import stopped: {e}; nothing was added"
                    )));
                }
            },
            import::Event::Done => {
                progress.set(None);
                state.dispatch(WorkspaceAction::ImportDone(this));
                let read = self.read.borrow();
                if !read.problems.is_empty() {
                    self.imp
                        .notify(Notice::Error(intake::problems_message(&read.problems)));
                } else if !read.notices.is_empty() {
                    self.imp.notify(Notice::Info(read.notices.join("; ")));
                }
            }
            import::Event::Failed(_) => {
                state.dispatch(WorkspaceAction::CancelImports);
                import_here(self.imp.clone(), self.r.clone());
            }
        }
    }
}

/// Import `r`, read on the page: recognises what came without spans (showing progress) and
/// adds the documents in one step; a restored workspace file joins the documents already here.
fn import_here(imp: Importer, r: Request) {
    wasm_bindgen_futures::spawn_local(async move {
        let Importer {
            state,
            progress,
            worker,
            imports,
            ..
        } = imp.clone();
        let (files, mut errors) = files::read_files(r.files).await;
        let (intakes, bad) = read_all_in_parts(&files, r.format, r.parts);
        errors.extend(bad);
        let recoloured: Vec<String> = files.iter().flat_map(color_notices).collect();
        let mut docs = Vec::new();
        for intake in intakes {
            match intake {
                Intake::Documents(d) => docs.extend(d),
                Intake::Workspace(ws) => state.dispatch(WorkspaceAction::Merge(Box::new(ws))),
            }
        }
        if !docs.is_empty() {
            let report = progress.clone();
            let recognizer = state.0.recognizer().clone();
            let this = r.this;
            let cancelled = move || imports.get().1 >= this;
            let docs = files::recognise_import(docs, recognizer, worker, cancelled, move |d, t| {
                report.set(Some((d, t)))
            })
            .await;
            // Cancelled: the Cancel button has said so and cleared the progress bar.
            let Some(docs) = docs else { return };
            progress.set(None);
            state.dispatch(WorkspaceAction::Add(docs));
        } else {
            progress.set(None);
        }
        if !errors.is_empty() {
            imp.notify(Notice::Error(intake::problems_message(&errors)));
        } else if !recoloured.is_empty() {
            imp.notify(Notice::Info(recoloured.join("; ")));
        }
    });
}
