//! A workspace of many documents, each with its own editor (and so its own undo history), and
//! the two saved forms of it: one record per document for autosave, written as the person
//! works, and one file for exporting and restoring the whole workspace.

use std::collections::HashSet;
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use super::autosave::text_parts;
use super::batch::{PackedSpans, Placed};
use super::document::{Document, Label, MakingDocument, Span};
use super::editor::{suggest, Action, Editor, Notice, Step};
use super::formats::{spanlight, Record};
use super::recognizer::{LearnDoc, LearnReport, LearningJob, Recognizer, SharedRecognizer};
use super::sample;
use super::spans::{Chunk, Spans};

/// How many undo steps a saved document keeps; more is rarely wanted after a reload.
pub const SAVED_UNDO: usize = 50;

/// Each saved undo step costs its spans, and autosave writes them on every change: a long
/// document keeps fewer steps, so that a save stays small.
pub const SAVED_UNDO_SPANS: usize = 20_000;

/// One document of the workspace.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    /// Stable across renames and reorders: the storage key.
    pub id: u64,
    /// A person has marked the document finished.
    pub done: bool,
    pub editor: Editor,
    /// Grows with every change to the entry, so autosave writes only what changed.
    pub rev: u64,
}

impl Entry {
    pub fn new(id: u64, editor: Editor) -> Self {
        Entry {
            id,
            done: false,
            editor,
            rev: 0,
        }
    }
}

/// What the document list shows of an entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Summary {
    pub id: u64,
    pub name: String,
    /// `None` while a long text's tokens are still being built (see [`Summary::COUNTED_AT_ONCE`]).
    pub words: Option<usize>,
    pub spans: usize,
    /// Suggestions nobody has accepted or rejected yet.
    pub undecided: usize,
    pub done: bool,
}

impl Summary {
    /// Texts shorter than this (in bytes) have their words counted when the list shows them,
    /// tokenising them if need be (about 5 ms natively at this size); a longer one's count
    /// waits for its tokens, built a slice at a time ([`Workspace::untokenised`]). The same
    /// size from which the page opens a text untokenised: at 2 MB, counting at once made the
    /// list's first render tokenise what opening had just left for later (about 40 ms natively).
    pub const COUNTED_AT_ONCE: usize = 250_000;
}

impl Entry {
    pub fn summary(&self) -> Summary {
        let doc = &self.editor.doc;
        Summary {
            id: self.id,
            name: self.editor.name.clone(),
            words: if doc.text().len() < Summary::COUNTED_AT_ONCE {
                Some(doc.word_count())
            } else {
                doc.word_count_if_known()
            },
            spans: doc.spans().len(),
            undecided: doc.spans().suggested(),
            done: self.done,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum WorkspaceAction {
    /// An edit of the open document.
    Edit(Action),
    /// Text pasted on the page: it fills the open document when that is empty, and otherwise
    /// becomes a new document, so the work open is never replaced.
    Paste(String),
    /// A new, empty document, opened.
    New,
    Open(usize),
    Rename(usize, String),
    Duplicate(usize),
    Delete(usize),
    /// Brings back the last deleted document.
    UndoDelete,
    SetDone(usize, bool),
    /// Imported documents, appended; the first of them is opened.
    Add(Vec<(String, Document)>),
    /// Everything replaced: a restored workspace (from storage or a file).
    Replace(Box<Workspace>),
    /// A workspace file's documents, added beside the ones here with their done marks
    /// ([`Workspace::merge`]); applied to the state of the moment, so nothing done while the
    /// file was read is lost.
    Merge(Box<Workspace>),
    /// The sample article: it fills the open document when that is empty, and otherwise comes
    /// as a new document beside the work.
    Sample,
    /// The saved workspace, read back at start; documents made while it was loading (a quick
    /// paste) are kept beside it.
    Restore(Box<Workspace>),
    /// A batch of the large import number `import` (the page's count), appended as it arrives
    /// with the names made unique; the first batch opens its first document. The import can
    /// still be taken back whole ([`WorkspaceAction::CancelImports`]).
    ImportBatch {
        import: u64,
        docs: Vec<(String, Document, bool)>,
    },
    /// The import `import` has arrived whole: it can no longer be taken back, and the notice
    /// says how many documents came.
    ImportDone(u64),
    /// Every import still arriving is taken back: its documents go, an untouched blank document
    /// it replaced comes back, and the document open before it is open again.
    CancelImports,
    /// A long text (pasted, typed, or a lone `.txt` file) opened at once with no spans yet, while
    /// the page's Web Worker recognises it as request `request` (the page's number). With no
    /// `name` it opens as a paste does ([`WorkspaceAction::Paste`]); with a file's name it is
    /// added as a new document, as an import is. The document (untokenised: see
    /// [`Document::tokenised_later`]) is made before the action, in a task of its own, so that
    /// opening 20 MB is not one long task.
    Recognising {
        request: u64,
        doc: Document,
        name: Option<String>,
    },
    /// The worker's answer to request `request`: the spans it found, packed, or why it could
    /// not. They go to the document they were found for wherever it is now (deleted ones too);
    /// they are dropped if that document is gone or no longer has that text (the paste was
    /// undone). A damaged pack is not applied: without an answer the text is recognised on the
    /// page, as it was before the worker. See [`Editor::take_found`] for how
    /// they join the undo history and meet the person's own spans.
    Recognised {
        request: u64,
        found: Result<PackedSpans, String>,
    },
    /// [`WorkspaceAction::Recognised`] with the spans already unpacked and checked against the
    /// text, a step at a time ([`crate::core::batch::Placing`]), so that this action only puts
    /// them in place.
    Placed {
        request: u64,
        placed: Placed,
    },
    /// The person stopped recognition `request`: the text stays, without spans, and the status
    /// line says so.
    CancelRecognition(u64),
    /// The document with this id has its tokens now (built a slice at a time): nothing
    /// changes but its entry's allocation, so that the list shows its word count.
    Tokenised(u64),
    /// Learn from the done documents not learned yet (also what marking one done does).
    Learn,
    /// Another recogniser (an imported or restored model, or the shipped one again); the
    /// suggestions of documents not done are refreshed with it.
    SetRecognizer(SharedRecognizer),
    /// A background learner's answer to request `request` ([`Workspace::learning_job`]): the
    /// learned recogniser, nothing new to learn, or why it failed. An answer to a request
    /// overtaken by a change of model is dropped.
    Learned {
        request: u64,
        outcome: Result<Option<(SharedRecognizer, LearnReport)>, String>,
    },
}

/// Entries sit behind `Arc`s so that a copy of the workspace (Yew keeps the state it rendered)
/// shares every document, and an action copies only the entry it changes (`Arc::make_mut`).
#[derive(Clone, Debug, PartialEq)]
pub struct Workspace {
    entries: Vec<Arc<Entry>>,
    current: usize,
    deleted: Vec<(usize, Arc<Entry>)>,
    next_id: u64,
    /// Where learning starts: the shipped recogniser, or one imported.
    base: SharedRecognizer,
    /// The recogniser that suggests spans here: the base, having learned the done documents.
    recognizer: SharedRecognizer,
    /// What the last round of learning did, for the panel and the status line.
    last_learning: Option<Box<LearnReport>>,
    /// Learning is done elsewhere (a Web Worker): see [`Workspace::learning_job`].
    background: bool,
    /// Rounds of learning asked for, and the last one answered (or given up).
    requests: u64,
    answered: u64,
    /// Imports arriving in batches, which Cancel can still take back.
    importing: Vec<Importing>,
    /// Texts whose spans a Web Worker is finding.
    recognising: Vec<Recognition>,
    /// What changed lately, so autosave looks at those entries only.
    changes: Changes,
}

/// A text opened before its spans were found: which document it went to, and the text itself
/// (shared, not copied), so that spans arriving after the paste was undone are not put on
/// another text.
#[derive(Clone, Debug, PartialEq)]
struct Recognition {
    request: u64,
    id: u64,
    text: Arc<str>,
}

/// Which entries changed since a [`Mark`], kept so that autosave's work after an edit does not
/// grow with the number of documents. Positions of changed entries are journalled only while
/// the list keeps its shape: any other action (a document added, removed, moved or opened, the
/// recogniser changed) is a "layout" change, after which a reader looks at every entry and the
/// index once. A workspace and its copies form one line (`epoch`); a mark from another line,
/// or from before the last layout change, is answered with `None`: look at everything.
#[derive(Clone, Debug)]
struct Changes {
    epoch: Arc<()>,
    seq: u64,
    /// When the shape last changed.
    layout: u64,
    /// (when, position) of entries changed since `layout`, the newest last.
    entries: Vec<(u64, usize)>,
}

/// Bookkeeping only: two workspaces with the same documents are equal however they got there.
impl PartialEq for Changes {
    fn eq(&self, _: &Changes) -> bool {
        true
    }
}

/// The journal is dropped (as if the layout changed) past this many distinct entries.
const JOURNAL: usize = 1024;

impl Changes {
    fn new() -> Self {
        Changes {
            epoch: Arc::new(()),
            seq: 1,
            layout: 1,
            entries: Vec::new(),
        }
    }

    fn entry(&mut self, i: usize) {
        self.seq += 1;
        if let Some(at) = self.entries.iter().rposition(|&(_, j)| j == i) {
            self.entries.remove(at);
        }
        self.entries.push((self.seq, i));
        if self.entries.len() > JOURNAL {
            self.layout();
        }
    }

    fn layout(&mut self) {
        self.seq += 1;
        self.layout = self.seq;
        self.entries.clear();
    }
}

/// A point in a workspace's history of changes ([`Workspace::mark`]).
#[derive(Clone, Debug, Default)]
pub struct Mark(Option<(Arc<()>, u64)>);

/// What an import arriving in batches has changed so far, so that it can be taken back.
#[derive(Clone, Debug, PartialEq)]
struct Importing {
    import: u64,
    /// The entries it added.
    ids: Vec<u64>,
    /// The document open before it started.
    open_before: u64,
    /// The untouched blank document its first batch replaced.
    blank: Option<Arc<Entry>>,
}

impl Default for Workspace {
    fn default() -> Self {
        Workspace::from_entries(vec![], 0)
    }
}

impl Workspace {
    /// A workspace of `entries` (one empty document when there are none), opened at `current`.
    pub fn from_entries(mut entries: Vec<Entry>, current: usize) -> Self {
        if entries.is_empty() {
            entries.push(Entry::new(1, Editor::default()));
        }
        let next_id = entries.iter().map(|e| e.id).max().unwrap_or(0) + 1;
        let current = current.min(entries.len() - 1);
        Workspace {
            entries: entries.into_iter().map(Arc::new).collect(),
            current,
            deleted: Vec::new(),
            next_id,
            base: SharedRecognizer::shipped(),
            recognizer: SharedRecognizer::shipped(),
            last_learning: None,
            background: false,
            requests: 0,
            answered: 0,
            importing: Vec::new(),
            recognising: Vec::new(),
            changes: Changes::new(),
        }
    }

    /// Where this workspace is in its history of changes, for [`Workspace::changed_since`].
    pub fn mark(&self) -> Mark {
        Mark(Some((self.changes.epoch.clone(), self.changes.seq)))
    }

    /// The positions of the entries that may have changed since `mark`, when only entries
    /// changed (in place); `None` when the list, the open document or the recogniser may have
    /// changed too, or `mark` is not of this workspace's line: then look at everything.
    pub fn changed_since(&self, mark: &Mark) -> Option<Vec<usize>> {
        let (epoch, seq) = mark.0.as_ref()?;
        let c = &self.changes;
        if !Arc::ptr_eq(epoch, &c.epoch) || c.layout > *seq || *seq > c.seq {
            return None;
        }
        Some(
            c.entries
                .iter()
                .filter(|&&(when, _)| when > *seq)
                .map(|&(_, i)| i)
                .filter(|&i| i < self.entries.len())
                .collect(),
        )
    }

    /// The documents, with their names and done marks, in order (what a workspace file brings
    /// into another workspace).
    pub fn into_documents(self) -> Vec<(String, Document, bool)> {
        self.entries
            .into_iter()
            .map(|e| {
                let e = Arc::unwrap_or_clone(e);
                (e.editor.name, e.editor.doc, e.done)
            })
            .collect()
    }

    /// Whether an import is still arriving in batches.
    pub fn importing(&self) -> bool {
        !self.importing.is_empty()
    }

    /// A text whose spans are being found, if any: its request and its document's name. A
    /// paste already undone, or a document deleted, is waited for no longer.
    pub fn recognising(&self) -> Option<(u64, &str)> {
        self.recognising.iter().find_map(|r| {
            let e = self.entries.iter().find(|e| e.id == r.id)?;
            Arc::ptr_eq(e.editor.doc.shared_text(), &r.text)
                .then_some((r.request, e.editor.name.as_str()))
        })
    }

    /// Learning is asked for with [`Workspace::learning_job`] and its result handed back with
    /// [`WorkspaceAction::Learned`], instead of being done at once.
    pub fn learn_in_background(&mut self, on: bool) {
        self.background = on;
    }

    /// Learning was asked for and its result has not come back yet.
    pub fn learning_busy(&self) -> bool {
        self.requests > self.answered
    }

    /// What a background learner has to do now, with the starting model (`None`: the shipped
    /// one); `None` when nothing is waiting.
    pub fn learning_job(&self) -> Option<(Option<SharedRecognizer>, LearningJob)> {
        self.learning_busy().then(|| {
            let base = (!self.base.is_shipped()).then(|| self.base.clone());
            let job = LearningJob {
                request: self.requests,
                previous: self.recognizer.history().clone(),
                docs: self.done_documents(),
            };
            (base, job)
        })
    }

    pub fn recognizer(&self) -> &SharedRecognizer {
        &self.recognizer
    }

    pub fn last_learning(&self) -> Option<&LearnReport> {
        self.last_learning.as_deref()
    }

    /// The done documents as the recogniser learns them: every span that stands in a document
    /// marked done (marking it done accepts the suggestions left in it).
    pub fn done_documents(&self) -> Vec<LearnDoc> {
        self.entries
            .iter()
            .filter(|e| e.done && !e.editor.doc.text().is_empty())
            .map(|e| {
                LearnDoc::from_spans(
                    &e.editor.name,
                    e.editor.doc.text(),
                    &e.editor.doc.spans().to_vec(),
                )
            })
            .collect()
    }

    /// Where learning starts (the shipped recogniser unless one was imported).
    pub fn base_recognizer(&self) -> &SharedRecognizer {
        &self.base
    }

    /// Learns the done documents (from the base), unless the recogniser has learned exactly
    /// these, then refreshes the suggestions of the others.
    fn learn(&mut self) {
        let docs = self.done_documents();
        // Nothing done (any more): the starting model, at once.
        if docs.is_empty() {
            if self.recognizer != self.base {
                self.answered = self.requests;
                self.last_learning = None;
                self.set_recognizer(self.base.clone());
            }
            return;
        }
        if self.background {
            self.requests += 1;
            return;
        }
        let learned = self.base.relearn(&docs, self.recognizer.history());
        if let Some((learned, report)) = learned {
            self.take_learned(SharedRecognizer(std::sync::Arc::new(learned)), report);
        }
    }

    fn take_learned(&mut self, learned: SharedRecognizer, report: LearnReport) {
        let message = report.summary();
        self.set_recognizer(learned);
        self.last_learning = Some(Box::new(report));
        if let Some(m) = message {
            self.notify(Notice::Info(m));
        }
    }

    /// Swaps the recogniser and re-suggests in every document not done; accepted spans stay,
    /// and each refreshed document can undo its refresh.
    fn set_recognizer(&mut self, recognizer: SharedRecognizer) {
        self.recognizer = recognizer;
        self.changes.layout();
        for entry in self.entries.iter_mut().filter(|e| !e.done) {
            let doc = &entry.editor.doc;
            if doc.text().is_empty() {
                continue;
            }
            let mut after = doc.clone();
            suggest(&mut after, &self.recognizer);
            if after.spans() != doc.spans() {
                // Only a document whose suggestions change is copied, and it is recognised
                // once: what was found here becomes its suggestions.
                let entry = Arc::make_mut(entry);
                entry.editor.refresh(after);
                entry.rev += 1;
            }
        }
    }

    pub fn entries(&self) -> &[Arc<Entry>] {
        &self.entries
    }

    /// The entry at `i`, made this workspace's own if it was shared (only it is copied).
    fn entry_mut(&mut self, i: usize) -> &mut Entry {
        self.changes.entry(i);
        Arc::make_mut(&mut self.entries[i])
    }

    pub fn current(&self) -> usize {
        self.current
    }

    pub fn editor(&self) -> &Editor {
        &self.entries[self.current].editor
    }

    /// The id and document of the first long text whose tokens are not built yet, the open
    /// one first: the page builds them a slice per task ([`Document::tokenise_some`]), then
    /// says so with [`WorkspaceAction::Tokenised`].
    pub fn untokenised(&self) -> Option<(u64, Document)> {
        let open = &self.entries[self.current];
        std::iter::once(open)
            .chain(self.entries.iter())
            .find(|e| {
                let doc = &e.editor.doc;
                doc.text().len() >= Summary::COUNTED_AT_ONCE && !doc.is_tokenised()
            })
            .map(|e| (e.id, e.editor.doc.clone()))
    }

    pub fn can_undo_delete(&self) -> bool {
        !self.deleted.is_empty()
    }

    fn fresh_id(&mut self) -> u64 {
        self.next_id += 1;
        self.next_id - 1
    }

    fn notify(&mut self, notice: Notice) {
        let current = self.current;
        self.entry_mut(current).editor.apply(Action::Notify(notice));
    }

    /// Restores a workspace's documents next to the ones here, so restoring loses nothing.
    pub fn merge(&mut self, other: Workspace) {
        let dones: Vec<bool> = other.entries.iter().map(|e| e.done).collect();
        let docs = other
            .entries
            .into_iter()
            .map(|e| {
                let e = Arc::unwrap_or_clone(e);
                (e.editor.name, e.editor.doc)
            })
            .collect();
        self.apply(WorkspaceAction::Add(docs));
        // Add appends them all at the end.
        let first = self.entries.len() - dones.len();
        for (i, done) in (first..self.entries.len()).zip(dones) {
            if done {
                self.entry_mut(i).done = true;
            }
        }
    }

    /// What an export writes, with names: the open document, or all of them (`all`), and
    /// with `accepted_only` without the suggestions nobody accepted.
    pub fn to_export(&self, all: bool, accepted_only: bool) -> Vec<(String, Document)> {
        let entries = if all {
            &self.entries[..]
        } else {
            std::slice::from_ref(&self.entries[self.current])
        };
        entries
            .iter()
            .map(|e| {
                let doc = &e.editor.doc;
                let doc = if accepted_only {
                    doc.accepted_only()
                } else {
                    doc.clone()
                };
                (e.editor.name.clone(), doc)
            })
            .collect()
    }

    /// The names in use, to make new ones unique against (one pass, not one per candidate).
    fn names(&self) -> HashSet<String> {
        self.entries.iter().map(|e| e.editor.name.clone()).collect()
    }

    /// A name not yet used in the workspace, from `base`.
    fn unique_name(&self, base: &str) -> String {
        unique_in(&self.names(), base)
    }

    pub fn apply(&mut self, action: WorkspaceAction) {
        let count = self.entries.len();
        // Only an edit or a rename leaves the list, the open document and the recogniser as
        // they were; after anything else autosave compares the index.
        if !matches!(
            action,
            WorkspaceAction::Edit(_) | WorkspaceAction::Rename(..)
        ) {
            self.changes.layout();
        }
        match action {
            WorkspaceAction::Edit(a) => {
                let current = self.current;
                let recognizer = self.recognizer.clone();
                let entry = self.entry_mut(current);
                let before = entry.editor.changes();
                entry.editor.apply_with(a, &recognizer);
                // Selecting is not a change: autosave has nothing to write for it.
                if entry.editor.changes() != before {
                    entry.rev += 1;
                }
            }
            WorkspaceAction::New => {
                let id = self.fresh_id();
                let name = self.unique_name("article");
                self.entries.push(Arc::new(Entry::new(
                    id,
                    Editor::new(Document::new(""), &name),
                )));
                self.current = self.entries.len() - 1;
                self.notify(Notice::Info(format!(
                    "New document “{name}”: paste or type its text"
                )));
            }
            WorkspaceAction::Paste(text) => self.paste(Pasted::Here(text)),
            WorkspaceAction::Open(i) if i < count => {
                self.current = i;
                let name = self.editor().name.clone();
                let (_, left) = self.editor().to_decide();
                self.notify(Notice::Info(format!(
                    "Opened “{name}”: {} to decide",
                    super::wording::grouped(left)
                )));
            }
            WorkspaceAction::Rename(i, name) if i < count => {
                let entry = self.entry_mut(i);
                entry.editor.apply(Action::Rename(name));
                entry.rev += 1;
            }
            WorkspaceAction::Duplicate(i) if i < count => {
                let mut copy = Entry::clone(&self.entries[i]);
                copy.id = self.fresh_id();
                copy.editor.name = self.unique_name(&format!("{} copy", copy.editor.name));
                let (from, to) = (
                    self.entries[i].editor.name.clone(),
                    copy.editor.name.clone(),
                );
                self.entries.insert(i + 1, Arc::new(copy));
                self.current = i + 1;
                self.notify(Notice::Info(format!("Duplicated “{from}” as “{to}”")));
            }
            WorkspaceAction::Delete(i) if i < count => {
                let entry = self.entries.remove(i);
                let name = entry.editor.name.clone();
                self.deleted.push((i, entry));
                if self.entries.is_empty() {
                    let id = self.fresh_id();
                    self.entries
                        .push(Arc::new(Entry::new(id, Editor::default())));
                }
                if self.current >= i && self.current > 0 {
                    self.current -= 1;
                }
                self.current = self.current.min(self.entries.len() - 1);
                self.notify(Notice::Info(format!(
                    "Deleted “{name}”; Undo delete brings it back"
                )));
            }
            WorkspaceAction::UndoDelete => {
                let Some((i, entry)) = self.deleted.pop() else {
                    return;
                };
                // The blank document that stood in for an emptied workspace goes again.
                if self.entries.len() == 1 && self.entries[0].editor.doc.text().is_empty() {
                    self.entries.clear();
                }
                let at = i.min(self.entries.len());
                let name = entry.editor.name.clone();
                self.entries.insert(at, entry);
                self.current = at;
                self.notify(Notice::Info(format!("Restored “{name}”")));
            }
            WorkspaceAction::SetDone(i, done) if i < count => {
                let entry = self.entry_mut(i);
                entry.done = done;
                entry.rev += 1;
                let name = entry.editor.name.clone();
                let marked = if done {
                    format!("Marked “{name}” done")
                } else {
                    format!("Marked “{name}” not done")
                };
                self.notify(Notice::Info(marked.clone()));
                // A document marked done teaches; one no longer done no longer does.
                if done || self.recognizer != self.base {
                    self.learn();
                }
                // Learning here may answer at once (in the page a worker answers later): one
                // line says both.
                if let Some(Notice::Info(m)) = &self.editor().notice {
                    if *m != marked {
                        let both = format!("{marked}. {m}");
                        self.notify(Notice::Info(both));
                    }
                }
            }
            WorkspaceAction::Learn => self.learn(),
            WorkspaceAction::Learned { request, outcome } => {
                if request <= self.answered || request > self.requests {
                    return;
                }
                self.answered = request;
                match outcome {
                    Ok(Some((learned, report))) => self.take_learned(learned, report),
                    Ok(None) => {}
                    Err(e) => self.notify(Notice::Error(format!("Learning failed: {e}"))),
                }
            }
            WorkspaceAction::SetRecognizer(r) => {
                // Whatever was being learned started from the old model.
                self.answered = self.requests;
                let shipped = r.is_shipped();
                self.base = r.clone();
                self.last_learning = None;
                self.set_recognizer(r);
                self.notify(Notice::Info(if shipped {
                    "Suggestions come from the shipped model again".into()
                } else {
                    format!(
                        "Suggestions come from a model that learned from {} documents",
                        self.recognizer.history().docs
                    )
                }));
            }
            WorkspaceAction::Add(docs) => {
                if docs.is_empty() {
                    return;
                }
                // An untouched blank document is replaced rather than kept in front.
                if self.entries.len() == 1 && self.entries[0].editor.doc.text().is_empty() {
                    self.entries.clear();
                }
                let first = self.entries.len();
                let n = docs.len();
                let mut taken = self.names();
                self.entries.reserve(n);
                for (name, doc) in docs {
                    let id = self.fresh_id();
                    let name = unique_in(&taken, &name);
                    taken.insert(name.clone());
                    self.entries
                        .push(Arc::new(Entry::new(id, Editor::new(doc, &name))));
                }
                self.current = first;
                self.notify(Notice::Info(format!(
                    "Imported {}",
                    super::wording::count(n, "document")
                )));
            }
            WorkspaceAction::ImportBatch { import, docs } => self.import_batch(import, docs),
            WorkspaceAction::ImportDone(import) => {
                let Some(at) = self.importing.iter().position(|i| i.import == import) else {
                    return;
                };
                let done = self.importing.remove(at);
                self.notify(Notice::Info(format!(
                    "Imported {}",
                    super::wording::count(done.ids.len(), "document")
                )));
            }
            WorkspaceAction::CancelImports => self.cancel_imports(),
            WorkspaceAction::Recognising {
                request,
                doc,
                name: None,
            } => self.paste(Pasted::InWorker(request, doc)),
            WorkspaceAction::Recognising {
                request,
                doc,
                name: Some(name),
            } => self.add_recognising(request, doc, &name),
            WorkspaceAction::Recognised { request, found } => {
                self.recognised(request, Found::Packed(found))
            }
            WorkspaceAction::Placed { request, placed } => {
                self.recognised(request, Found::Placed(placed))
            }
            WorkspaceAction::CancelRecognition(request) => {
                let Some(at) = self.recognising.iter().position(|r| r.request == request) else {
                    return;
                };
                let r = self.recognising.remove(at);
                if let Some(entry) = self.entry_by_id(r.id) {
                    entry.editor.stop_awaiting(Notice::Info(
                        "Recognition cancelled: the text is open without highlights; \
                         Find again finds them"
                            .into(),
                    ));
                }
            }
            WorkspaceAction::Tokenised(id) => {
                if let Some(e) = self.entries.iter_mut().find(|e| e.id == id) {
                    *e = Arc::new(Entry::clone(e));
                }
            }
            WorkspaceAction::Merge(ws) => self.merge(*ws),
            WorkspaceAction::Sample => {
                let (text, name) = (sample::ARTICLE.to_string(), sample::NAME.to_string());
                if self.editor().doc.text().is_empty() {
                    self.apply(WorkspaceAction::Edit(Action::Open { text, name }));
                } else {
                    let doc = suggest_if_bare_with(Document::new(&text), &self.recognizer);
                    self.apply(WorkspaceAction::Add(vec![(name, doc)]));
                }
            }
            WorkspaceAction::Replace(ws) => {
                let (base, recognizer) = (self.base.clone(), self.recognizer.clone());
                let learning = (self.background, self.requests, self.answered);
                *self = *ws;
                // Another line of changes: autosave's marks of either say nothing about it.
                self.changes = Changes::new();
                (self.background, self.requests, self.answered) = learning;
                // A workspace read from storage or a file brings its model separately.
                if self.recognizer.is_shipped() {
                    (self.base, self.recognizer) = (base, recognizer);
                }
            }
            WorkspaceAction::Restore(ws) => {
                let mut mine = std::mem::replace(self, *ws);
                self.changes = Changes::new();
                // The restored workspace may ask for its model to be learned again.
                let wanted = self.learning_busy();
                (self.background, self.requests, self.answered) =
                    (mine.background, mine.requests, mine.answered);
                if wanted {
                    self.requests += 1;
                }
                if self.recognizer.is_shipped() {
                    self.base = std::mem::take(&mut mine.base);
                    self.recognizer = std::mem::take(&mut mine.recognizer);
                }
                let kept: Vec<Arc<Entry>> = mine
                    .entries
                    .into_iter()
                    .filter(|e| !e.editor.doc.text().is_empty())
                    .collect();
                let old_ids: Vec<u64> = kept.iter().map(|e| e.id).collect();
                let made: Vec<(String, Document)> = kept
                    .into_iter()
                    .map(|e| {
                        let e = Arc::unwrap_or_clone(e);
                        (e.editor.name, e.editor.doc)
                    })
                    .collect();
                if !made.is_empty() {
                    self.apply(WorkspaceAction::Add(made));
                }
                // A long paste still being recognised follows its document to its new id.
                let first = self.entries.len() - old_ids.len();
                for mut r in mine.recognising {
                    if let Some(k) = old_ids.iter().position(|&id| id == r.id) {
                        let entry = self.entry_mut(first + k);
                        entry.editor.await_found();
                        r.id = entry.id;
                        self.recognising.push(r);
                    }
                }
            }
            // An index out of range (a stale click): nothing to do.
            _ => {}
        }
    }
}

/// What was pasted: a text to recognise here, or a long text's document that the Web Worker
/// recognises as request `u64`.
enum Pasted {
    Here(String),
    InWorker(u64, Document),
}

impl Workspace {
    /// Opens a pasted text: in the open document when it is empty, else in a new one. In the
    /// worker's case, the text opens without spans, which the Web Worker is finding.
    fn paste(&mut self, pasted: Pasted) {
        let text = match &pasted {
            Pasted::Here(text) => text.as_str(),
            Pasted::InWorker(_, doc) => doc.text(),
        };
        if text.trim().is_empty() {
            return self.notify(Notice::Error(
                "The pasted text is empty: copy an article first".into(),
            ));
        }
        let fresh = self.editor().doc.text().is_empty();
        if !fresh {
            self.apply(WorkspaceAction::New);
        }
        let name = self.editor().name.clone();
        let (current, recognizer) = (self.current, self.recognizer.clone());
        let entry = self.entry_mut(current);
        let waiting = match pasted {
            Pasted::InWorker(request, doc) => entry
                .editor
                .open_unrecognised(doc, name.clone())
                .then(|| Recognition {
                    request,
                    id: entry.id,
                    text: entry.editor.doc.shared_text().clone(),
                }),
            Pasted::Here(text) => {
                let open = Action::Open {
                    text,
                    name: name.clone(),
                };
                entry.editor.apply_with(open, &recognizer);
                None
            }
        };
        entry.rev += 1;
        if let (false, Some(Notice::Info(found))) = (fresh, entry.editor.notice.clone()) {
            self.notify(Notice::Info(format!(
                "Opened the pasted text as a new document, “{name}”. {found}"
            )));
        }
        self.recognising.extend(waiting);
    }

    /// A lone `.txt` file's `text`, added as a new document `name` (an untouched blank one
    /// makes way) with no spans yet: recognition `request` finds them.
    fn add_recognising(&mut self, request: u64, doc: Document, name: &str) {
        let text = doc.text();
        if let Some(message) = super::document::too_long(text, name) {
            return self.notify(Notice::Error(message));
        }
        if text.trim().is_empty() {
            return self.notify(Notice::Error(format!("{name} is empty")));
        }
        if self.entries.len() == 1 && self.entries[0].editor.doc.text().is_empty() {
            self.entries.clear();
        }
        let id = self.fresh_id();
        let name = self.unique_name(name);
        let mut editor = Editor::new(doc, &name);
        editor.await_found();
        let r = Recognition {
            request,
            id,
            text: editor.doc.shared_text().clone(),
        };
        self.entries.push(Arc::new(Entry::new(id, editor)));
        self.current = self.entries.len() - 1;
        self.recognising.push(r);
    }

    /// The entry with this id, among the documents or the deleted ones, made this workspace's own.
    fn entry_by_id(&mut self, id: u64) -> Option<&mut Entry> {
        let entry = self
            .entries
            .iter_mut()
            .chain(self.deleted.iter_mut().map(|(_, e)| e))
            .find(|e| e.id == id)?;
        Some(Arc::make_mut(entry))
    }

    fn recognised(&mut self, request: u64, found: Found) {
        let Some(at) = self.recognising.iter().position(|r| r.request == request) else {
            return; // cancelled, or replaced with a restored workspace
        };
        let r = self.recognising.remove(at);
        let open = self.entries[self.current].id;
        let recognizer = self.recognizer.clone();
        let Some(entry) = self.entry_by_id(r.id) else {
            return; // the document is gone
        };
        if !Arc::ptr_eq(entry.editor.doc.shared_text(), &r.text) {
            // The paste was undone: these spans belong to a text no longer there.
            entry.editor.stop_awaiting(Notice::Info(
                "The pasted text was taken back before its highlights came".into(),
            ));
            return;
        }
        match found {
            Found::Placed(placed) => entry.editor.take_placed(placed),
            // A worker that failed (its script would not load, say) or a damaged answer: the
            // text is recognised here, as it was before there was a worker.
            Found::Packed(found) => {
                let spans = found
                    .and_then(|p| p.unpack(entry.editor.doc.char_len()))
                    .unwrap_or_else(|_| recognizer.recognize(entry.editor.doc.text()));
                entry.editor.take_found(spans);
            }
        }
        entry.rev += 1;
        // Found for a document not open: the status line says where.
        if r.id != open {
            let (name, said) = (entry.editor.name.clone(), entry.editor.notice.clone());
            if let Some(Notice::Info(m) | Notice::Error(m)) = said {
                self.notify(Notice::Info(format!("“{name}”: {m}")));
            }
        }
    }

    fn import_batch(&mut self, import: u64, docs: Vec<(String, Document, bool)>) {
        let at = match self.importing.iter().position(|i| i.import == import) {
            Some(at) => at,
            None => {
                if docs.is_empty() {
                    return;
                }
                let mut started = Importing {
                    import,
                    ids: Vec::new(),
                    open_before: self.entries[self.current].id,
                    blank: None,
                };
                // An untouched blank document is replaced rather than kept in front.
                if self.entries.len() == 1 && self.entries[0].editor.doc.text().is_empty() {
                    started.blank = self.entries.pop();
                }
                self.current = self.entries.len();
                self.importing.push(started);
                self.importing.len() - 1
            }
        };
        let mut taken = self.names();
        self.entries.reserve(docs.len());
        for (name, doc, done) in docs {
            let id = self.fresh_id();
            let name = unique_in(&taken, &name);
            taken.insert(name.clone());
            let mut entry = Entry::new(id, Editor::new(doc, &name));
            entry.done = done;
            self.entries.push(Arc::new(entry));
            self.importing[at].ids.push(id);
        }
    }

    fn cancel_imports(&mut self) {
        let importing = std::mem::take(&mut self.importing);
        if importing.is_empty() {
            return;
        }
        let gone: HashSet<u64> = importing
            .iter()
            .flat_map(|i| i.ids.iter().copied())
            .collect();
        let open = self.entries.get(self.current).map(|e| e.id);
        self.entries.retain(|e| !gone.contains(&e.id));
        self.deleted.retain(|(_, e)| !gone.contains(&e.id));
        // Put back what the first import found: its blank document and the open one.
        let first = &importing[0];
        if self.entries.is_empty() {
            let blank = match &first.blank {
                Some(b) => b.clone(),
                None => Arc::new(Entry::new(self.fresh_id(), Editor::default())),
            };
            self.entries.push(blank);
        }
        let reopen = match open {
            Some(id) if !gone.contains(&id) => id,
            _ => first.open_before,
        };
        self.current = self
            .entries
            .iter()
            .position(|e| e.id == reopen)
            .unwrap_or(0);
    }
}

/// A name not in `taken`, from `base`: `base`, else `base (2)`, `base (3)`, …
fn unique_in(taken: &HashSet<String>, base: &str) -> String {
    if !taken.contains(base) {
        return base.to_string();
    }
    (2..)
        .map(|i| format!("{base} ({i})"))
        .find(|n| !taken.contains(n))
        .expect("names run out never")
}

/// Recognises a document that came without spans, as a pasted one would be.
pub fn suggest_if_bare(doc: Document) -> Document {
    suggest_if_bare_with(doc, &Recognizer::shipped())
}

/// [`suggest_if_bare`] with the workspace's recogniser.
pub fn suggest_if_bare_with(mut doc: Document, recognizer: &Recognizer) -> Document {
    if doc.spans().is_empty() && !doc.text().is_empty() {
        suggest(&mut doc, recognizer);
    }
    doc
}

/// Spans and labels: one whole state of a document, as records kept undo history before it
/// was kept as steps (still read, so that an autosave written then still opens).
#[derive(Deserialize)]
struct SavedState {
    spans: Vec<Span>,
    labels: Vec<Label>,
}

impl SavedState {
    /// The state on `base`'s text, or `None` when it no longer fits (it is then dropped, not
    /// trusted).
    fn restore(self, base: &Document) -> Option<Document> {
        let mut doc = base.clone();
        doc.set_labels(self.labels).ok()?;
        doc.set_spans(self.spans).ok()?;
        Some(doc)
    }
}

/// One undo step as a record keeps it (see [`Step::Spans`]).
#[derive(Serialize, Deserialize)]
struct SavedStep<S> {
    at: usize,
    removed: S,
    added: S,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    labels: Option<(Vec<Label>, Vec<Label>)>,
}

/// An entry as autosave keeps it; the text is saved apart, once, because it never changes.
/// Records written before undo steps have `state`, `undo` and `redo` (whole states); since,
/// `labels`, the spans (in the record, or in `chunks` records of their own) and the steps.
#[derive(Deserialize)]
struct SavedEntry {
    /// Of the text the spans belong to, so a record is never applied to another text.
    text_hash: u64,
    name: String,
    done: bool,
    #[serde(default)]
    state: Option<SavedState>,
    #[serde(default)]
    undo: Vec<SavedState>,
    #[serde(default)]
    redo: Vec<SavedState>,
    #[serde(default)]
    labels: Option<Vec<Label>>,
    #[serde(default)]
    spans: Option<Vec<Span>>,
    /// How many chunk records (`autosave::chunk_key`) hold the spans.
    #[serde(default)]
    chunks: Option<usize>,
    /// How many part records (`autosave::part_key`) hold a long text.
    #[serde(default)]
    text_parts: Option<usize>,
    #[serde(default)]
    undo_steps: Vec<SavedStep<Vec<Span>>>,
    #[serde(default)]
    redo_steps: Vec<SavedStep<Vec<Span>>>,
}

/// The newest steps of a history (its end), as many as [`SAVED_UNDO`] and [`SAVED_UNDO_SPANS`]
/// allow, as records keep them. A whole-document step (a new text, or a change of most spans)
/// ends what is kept.
fn newest_within_budget(steps: &[Arc<Step>]) -> Vec<SavedStep<&[Span]>> {
    let mut budget = SAVED_UNDO_SPANS;
    let mut kept: Vec<SavedStep<&[Span]>> = steps
        .iter()
        .rev()
        .take(SAVED_UNDO)
        .map_while(|step| match &**step {
            Step::Spans {
                at,
                removed,
                added,
                labels,
            } => {
                budget = budget.checked_sub(step.size())?;
                Some(SavedStep {
                    at: *at,
                    removed: removed.as_slice(),
                    added: added.as_slice(),
                    labels: labels.as_ref().map(|l| (**l).clone()),
                })
            }
            Step::Whole(_) => None,
        })
        .collect();
    kept.reverse();
    kept
}

/// Where a record's spans are.
enum SpansIn {
    Record,
    Chunks,
}

fn record_of(entry: &Entry, spans_in: SpansIn) -> String {
    #[derive(Serialize)]
    struct SavedRecord<'a> {
        text_hash: u64,
        name: &'a str,
        done: bool,
        labels: &'a [Label],
        #[serde(skip_serializing_if = "Option::is_none")]
        spans: Option<&'a Spans>,
        #[serde(skip_serializing_if = "Option::is_none")]
        chunks: Option<usize>,
        #[serde(skip_serializing_if = "Option::is_none")]
        text_parts: Option<usize>,
        undo_steps: Vec<SavedStep<&'a [Span]>>,
        redo_steps: Vec<SavedStep<&'a [Span]>>,
    }
    let doc = &entry.editor.doc;
    let (undo, redo) = entry.editor.history();
    let saved = SavedRecord {
        text_hash: doc.text_hash(),
        name: &entry.editor.name,
        done: entry.done,
        labels: doc.labels(),
        spans: matches!(spans_in, SpansIn::Record).then(|| doc.spans()),
        chunks: matches!(spans_in, SpansIn::Chunks).then(|| doc.spans().chunks().len()),
        // Only in the chunked records of autosave, which writes a long text in parts.
        text_parts: matches!(spans_in, SpansIn::Chunks)
            .then(|| text_parts(doc.text()).len())
            .filter(|&n| n > 1),
        undo_steps: newest_within_budget(undo),
        redo_steps: newest_within_budget(redo),
    };
    serde_json::to_string(&saved).expect("plain data always serialises")
}

/// The autosave record of an entry (everything but its text), with its spans in it.
pub fn entry_record(entry: &Entry) -> String {
    record_of(entry, SpansIn::Record)
}

/// The autosave record of an entry without its spans, which go in records of their own, one per
/// chunk ([`chunk_record`]), so that an edit rewrites one chunk and this small record rather
/// than every span of a long article.
pub fn entry_record_chunked(entry: &Entry) -> String {
    record_of(entry, SpansIn::Chunks)
}

/// The record of one chunk of spans.
pub fn chunk_record(chunk: &Chunk) -> String {
    serde_json::to_string(&chunk[..]).expect("plain data always serialises")
}

/// An entry back from its autosave record and its text (a record with its spans in it).
pub fn entry_from_record(id: u64, text: &str, record: &str) -> Result<Entry, String> {
    entry_from_records(id, text, record, |_| None, |_, _| None)
}

/// An entry back from its autosave record, its text, and the records of its chunks of spans
/// (`chunk(k)` for the `k`th), whichever way it was written. A long text is stored in parts
/// (`part(hash, k)` for the `k`th of the text with that hash), its text record empty. All at
/// once: see [`RebuildingEntry`] for steps.
pub fn entry_from_records<'a>(
    id: u64,
    text: &str,
    record: &str,
    chunk: impl Fn(usize) -> Option<&'a str>,
    part: impl Fn(u64, usize) -> Option<&'a str>,
) -> Result<Entry, String> {
    let mut rebuilding = RebuildingEntry::start(id, text.to_string(), record)?;
    loop {
        if let Some(entry) = rebuilding.step(&chunk, &part)? {
            return Ok(entry);
        }
    }
}

/// Text hashed and indexed per step of a [`RebuildingEntry`].
const REBUILD_BYTES: usize = 256 * 1024;

/// An entry being rebuilt from its records ([`entry_from_records`]) a step at a time: a step
/// joins one part of a long text, hashes and indexes [`REBUILD_BYTES`] of it, or reads and
/// checks one chunk of spans. At once, a 19.6 MB article's text and 1,136 chunk records held
/// the page for 300 ms.
pub struct RebuildingEntry {
    id: u64,
    saved: SavedEntry,
    stage: Rebuilding,
}

enum Rebuilding {
    /// The parts of a long text joined so far, and how many.
    Joining(String, usize),
    Making(MakingDocument),
    /// The document, and its chunks of spans read and checked so far.
    Spans(Document, Vec<Chunk>),
    /// Between stages.
    Moving,
}

impl RebuildingEntry {
    /// Starts rebuilding the entry whose record is `record` and text `text` (empty when it is
    /// stored in parts); an error when the record cannot be read.
    pub fn start(id: u64, text: String, record: &str) -> Result<Self, String> {
        let saved: SavedEntry = serde_json::from_str(record)
            .map_err(|e| format!("saved document {id} is damaged: {e}"))?;
        let stage = match saved.text_parts {
            Some(_) if text.is_empty() => Rebuilding::Joining(text, 0),
            _ => Rebuilding::Making(Document::making(&text)),
        };
        Ok(RebuildingEntry { id, saved, stage })
    }

    /// Takes one step, with the records of chunks and parts as [`entry_from_records`]; the
    /// entry once it is rebuilt, an error when it cannot be.
    pub fn step<'a>(
        &mut self,
        chunk: impl Fn(usize) -> Option<&'a str>,
        part: impl Fn(u64, usize) -> Option<&'a str>,
    ) -> Result<Option<Entry>, String> {
        let saved = &self.saved;
        let name = || saved.name.as_str();
        let unfit = || format!("saved document “{}” does not fit its text", name());
        match std::mem::replace(&mut self.stage, Rebuilding::Moving) {
            Rebuilding::Joining(mut text, k) => {
                let n = saved.text_parts.unwrap_or(0);
                if k < n {
                    text.push_str(part(saved.text_hash, k).ok_or_else(|| {
                        format!("saved document “{}” is missing part of its text", name())
                    })?);
                    self.stage = Rebuilding::Joining(text, k + 1);
                } else {
                    self.stage = Rebuilding::Making(Document::making(&text));
                }
            }
            Rebuilding::Making(mut making) => {
                if !making.step(REBUILD_BYTES) {
                    self.stage = Rebuilding::Making(making);
                    return Ok(None);
                }
                // Tokenised when first needed: a reload of thousands of documents opens one.
                let mut doc = making.finish();
                if saved.text_hash != doc.text_hash() {
                    return Err(format!(
                        "saved document “{}” does not match its saved text",
                        name()
                    ));
                }
                if saved.state.is_some() {
                    return self.written_before_steps(doc).map(Some);
                }
                doc.set_labels(saved.labels.clone().unwrap_or_default())
                    .map_err(|_| unfit())?;
                match (&saved.spans, saved.chunks) {
                    (Some(spans), _) => doc.set_spans(spans.clone()).map_err(|_| unfit())?,
                    (None, Some(n)) => {
                        self.stage = Rebuilding::Spans(doc, Vec::with_capacity(n));
                        return Ok(None);
                    }
                    (None, None) => {}
                }
                return Ok(Some(self.entry(doc)));
            }
            Rebuilding::Spans(mut doc, mut chunks) => {
                let k = chunks.len();
                if k < saved.chunks.unwrap_or(0) {
                    let json = chunk(k)
                        .ok_or_else(|| format!("saved document “{}” is incomplete", name()))?;
                    let spans = serde_json::from_str::<Vec<Span>>(json)
                        .map_err(|e| format!("saved document “{}” is damaged: {e}", name()))?;
                    chunks.push(doc.checked_chunk(&chunks, spans).map_err(|_| unfit())?);
                    self.stage = Rebuilding::Spans(doc, chunks);
                } else {
                    doc.set_checked_chunks(chunks);
                    return Ok(Some(self.entry(doc)));
                }
            }
            Rebuilding::Moving => unreachable!("every step leaves a stage"),
        }
        Ok(None)
    }

    /// The entry of `doc` with the record's name, state and history.
    fn entry(&mut self, doc: Document) -> Entry {
        let steps = |s: Vec<SavedStep<Vec<Span>>>| {
            s.into_iter()
                .map(|s| Step::Spans {
                    at: s.at,
                    removed: s.removed,
                    added: s.added,
                    labels: s.labels.map(Box::new),
                })
                .collect()
        };
        let saved = &mut self.saved;
        let editor = Editor::with_steps(
            doc,
            &saved.name,
            steps(std::mem::take(&mut saved.undo_steps)),
            steps(std::mem::take(&mut saved.redo_steps)),
        );
        Entry {
            id: self.id,
            done: saved.done,
            editor,
            rev: 0,
        }
    }

    /// The entry of a record written before undo steps: its whole states, at once.
    fn written_before_steps(&mut self, doc: Document) -> Result<Entry, String> {
        let saved = &mut self.saved;
        let unfit = format!("saved document “{}” does not fit its text", saved.name);
        let state = saved.state.take().ok_or_else(|| unfit.clone())?;
        let states = |s: Vec<SavedState>| s.into_iter().filter_map(|s| s.restore(&doc));
        let (undo, redo) = (
            states(std::mem::take(&mut saved.undo)).collect(),
            states(std::mem::take(&mut saved.redo)).collect(),
        );
        let doc = state.restore(&doc).ok_or(unfit)?;
        Ok(Entry {
            id: self.id,
            done: saved.done,
            editor: Editor::with_history(doc, &saved.name, undo, redo),
            rev: 0,
        })
    }
}

/// The worker's answer for a long text, as it came or already placed.
enum Found {
    Packed(Result<PackedSpans, String>),
    Placed(Placed),
}

/// FNV-1a of a text, as records carry it.
#[cfg(test)]
fn text_hash(text: &str) -> u64 {
    super::document::fnv1a(text)
}

/// How the workspace's recogniser is kept. It is the base having learned the done documents,
/// and learning is deterministic, so what is saved is whether it learned and the base when it
/// is not the shipped one (an imported model, as hex); the model is learned again on restore.
#[derive(Serialize, Deserialize, Debug, Default, Clone, PartialEq, Eq)]
pub struct SavedLearning {
    #[serde(default)]
    pub learned: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base: Option<String>,
}

fn to_hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for &b in bytes {
        s.push(DIGITS[(b >> 4) as usize] as char);
        s.push(DIGITS[(b & 15) as usize] as char);
    }
    s
}

fn from_hex(s: &str) -> Option<Vec<u8>> {
    let nibble = |c: u8| (c as char).to_digit(16).map(|d| d as u8);
    let b = s.as_bytes();
    if !b.len().is_multiple_of(2) {
        return None;
    }
    b.chunks_exact(2)
        .map(|p| Some(nibble(p[0])? << 4 | nibble(p[1])?))
        .collect()
}

impl Workspace {
    /// What autosave and the workspace file keep of the recogniser.
    pub fn saved_learning(&self) -> SavedLearning {
        SavedLearning {
            learned: self.recognizer != self.base,
            base: (!self.base.is_shipped()).then(|| to_hex(self.base.file())),
        }
    }

    /// Puts the saved recogniser back: the base, then what it learned from the done documents.
    /// A base that cannot be read leaves the shipped one, and says why.
    pub fn restore_learning(&mut self, saved: &SavedLearning) -> Result<(), String> {
        self.changes.layout();
        let mut result = Ok(());
        if let Some(hex) = &saved.base {
            match from_hex(hex)
                .ok_or_else(|| "it is not hex".to_string())
                .and_then(|b| Recognizer::from_bytes(&b).map_err(|e| e.to_string()))
            {
                Ok(r) => {
                    self.base = SharedRecognizer(std::sync::Arc::new(r));
                    self.recognizer = self.base.clone();
                }
                Err(e) => result = Err(format!("the saved model could not be read: {e}")),
            }
        }
        if saved.learned && self.background {
            self.requests += 1;
        } else if saved.learned {
            if let Some((learned, report)) = self
                .base
                .relearn(&self.done_documents(), self.recognizer.history())
            {
                self.recognizer = SharedRecognizer(std::sync::Arc::new(learned));
                self.last_learning = Some(Box::new(report));
            }
        }
        result
    }
}

/// The autosave index: which documents there are, in order, and which is open, and how the
/// recogniser is kept.
#[derive(Serialize, Deserialize, Debug, PartialEq, Eq)]
pub struct SavedIndex {
    pub version: u32,
    pub order: Vec<u64>,
    pub current: u64,
    #[serde(default)]
    pub learning: SavedLearning,
}

pub fn index_record(ws: &Workspace) -> String {
    index_record_of(ws, |_| true)
}

/// The index of `ws` listing only the documents `listed` chooses (in their order): those whose
/// records a partial save has written so far.
pub fn index_record_of(ws: &Workspace, listed: impl Fn(u64) -> bool) -> String {
    let index = SavedIndex {
        version: 1,
        order: ws
            .entries
            .iter()
            .map(|e| e.id)
            .filter(|&id| listed(id))
            .collect(),
        current: ws.entries[ws.current].id,
        learning: ws.saved_learning(),
    };
    serde_json::to_string(&index).expect("plain data always serialises")
}

pub fn index_from_record(record: &str) -> Result<SavedIndex, String> {
    serde_json::from_str(record).map_err(|e| format!("the saved workspace index is damaged: {e}"))
}

/// Marks a workspace file apart from a single document's.
const WORKSPACE_KIND: &str = "spanlight-workspace";

/// The whole workspace as one JSON file (documents with text, spans, labels, names, done marks).
pub fn to_file(ws: &Workspace) -> String {
    let docs: Vec<Value> = ws
        .entries
        .iter()
        .map(|e| {
            let doc = spanlight::to_value(&Record::new(e.editor.doc.clone()));
            json!({"name": e.editor.name, "done": e.done, "document": doc})
        })
        .collect();
    let file = json!({"kind": WORKSPACE_KIND, "version": 1, "current": ws.current,
        "learning": ws.saved_learning(), "documents": docs});
    serde_json::to_string_pretty(&file).expect("plain data always serialises")
}

/// Whether `content` is a workspace file (rather than a document to import).
pub fn is_workspace_file(content: &str) -> bool {
    content.contains(WORKSPACE_KIND)
        && serde_json::from_str::<Value>(content)
            .is_ok_and(|v| v.get("kind").and_then(Value::as_str) == Some(WORKSPACE_KIND))
}

/// A workspace back from its file; any fault names the document it is in.
pub fn from_file(content: &str) -> Result<Workspace, String> {
    let v: Value =
        serde_json::from_str(content).map_err(|e| format!("not a workspace file: {e}"))?;
    if v.get("kind").and_then(Value::as_str) != Some(WORKSPACE_KIND) {
        return Err("not a spanlight workspace file".into());
    }
    if v.get("version").and_then(Value::as_u64) != Some(1) {
        return Err("this workspace file's version is not supported (this app reads 1)".into());
    }
    let docs = v
        .get("documents")
        .and_then(Value::as_array)
        .ok_or("the file lists no documents")?;
    let mut entries = Vec::with_capacity(docs.len());
    for (i, d) in docs.iter().enumerate() {
        let at = |m: String| format!("document {}: {m}", i + 1);
        let record =
            spanlight::from_value(d.get("document").unwrap_or(&Value::Null)).map_err(at)?;
        let name = d.get("name").and_then(Value::as_str).unwrap_or("article");
        let done = d.get("done").and_then(Value::as_bool).unwrap_or(false);
        entries.push(Entry {
            id: i as u64 + 1,
            done,
            editor: Editor::new(record.doc, name),
            rev: 0,
        });
    }
    let current = v.get("current").and_then(Value::as_u64).unwrap_or(0) as usize;
    let mut ws = Workspace::from_entries(entries, current);
    if let Some(l) = v.get("learning") {
        let saved: SavedLearning = serde_json::from_value(l.clone())
            .map_err(|e| format!("its learning record is damaged: {e}"))?;
        ws.restore_learning(&saved)?;
    }
    Ok(ws)
}

/// A record in the layout autosave wrote before undo steps (whole states in the record), for
/// the tests that such a store still opens: its text, and the record of "talks" with one
/// PERSON span, one undo state (no spans) and one redo state (adding a PLACE suggestion).
#[cfg(test)]
pub(crate) fn old_format_record() -> (&'static str, String) {
    use super::document::{default_labels, PERSON, PLACE};
    let text = "Kerry met Lavrov in Paris";
    let labels = serde_json::to_value(default_labels()).expect("labels serialise");
    let record = json!({
        "text_hash": text_hash(text),
        "name": "talks",
        "done": false,
        "state": {
            "spans": [{"start": 0, "end": 5, "label": PERSON, "status": "accepted"}],
            "labels": labels,
        },
        "undo": [{"spans": [], "labels": labels}],
        "redo": [{"spans": [
            {"start": 0, "end": 5, "label": PERSON, "status": "accepted"},
            {"start": 20, "end": 25, "label": PLACE, "status": "suggested"},
        ], "labels": labels}],
    });
    (text, record.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::document::SpanStatus;
    use crate::core::document::{PERSON, PLACE};

    fn doc(text: &str, spans: &[(usize, usize, &str)]) -> Document {
        let mut d = Document::new(text);
        for &(s, e, l) in spans {
            d.add_span(Span::new(s, e, l)).unwrap();
        }
        d
    }

    fn names(ws: &Workspace) -> Vec<String> {
        ws.entries().iter().map(|e| e.editor.name.clone()).collect()
    }

    fn batch(names: &[&str]) -> Vec<(String, Document, bool)> {
        names
            .iter()
            .map(|n| (n.to_string(), doc("Kerry met Lavrov.", &[]), false))
            .collect()
    }

    #[test]
    fn an_import_in_batches_arrives_in_order_and_says_how_many_came() {
        let mut ws = Workspace::default();
        ws.apply(WorkspaceAction::ImportBatch {
            import: 1,
            docs: batch(&["a", "b"]),
        });
        assert_eq!(names(&ws), ["a", "b"], "the blank document made way");
        assert!(ws.importing());
        let mut more = batch(&["a", "c"]);
        more[1].2 = true;
        ws.apply(WorkspaceAction::ImportBatch {
            import: 1,
            docs: more,
        });
        assert_eq!(names(&ws), ["a", "b", "a (2)", "c"]);
        assert!(ws.entries()[3].done, "a workspace file's done mark is kept");
        assert_eq!(ws.current(), 0, "the first document of the import is open");
        ws.apply(WorkspaceAction::ImportDone(1));
        assert!(!ws.importing());
        assert_eq!(
            ws.editor().notice,
            Some(Notice::Info("Imported 4 documents".into()))
        );
        // Done is done: a late Cancel takes nothing back.
        ws.apply(WorkspaceAction::CancelImports);
        assert_eq!(ws.entries().len(), 4);
    }

    const TALKS: &str = "Kerry met Lavrov in Geneva. Zarif flew to Vienna.";

    /// What the worker sends back for `text`: the shipped recogniser's spans, packed.
    fn found_in(text: &str) -> Result<PackedSpans, String> {
        Ok(crate::core::batch::pack(
            &Recognizer::shipped().recognize(text),
        ))
    }

    fn recognising(request: u64, text: &str) -> WorkspaceAction {
        WorkspaceAction::Recognising {
            request,
            doc: Document::tokenised_later(text),
            name: None,
        }
    }

    #[test]
    fn a_long_paste_shows_its_text_first_and_its_spans_join_the_opening_step() {
        let mut ws = Workspace::default();
        ws.apply(recognising(1, TALKS));
        assert_eq!(ws.editor().doc.text(), TALKS, "the text is shown at once");
        assert!(ws.editor().doc.spans().is_empty(), "no spans yet");
        assert_eq!(ws.recognising(), Some((1, "article")));
        assert!(
            matches!(&ws.editor().notice, Some(Notice::Info(m)) if m.starts_with("Recognising")),
            "{:?}",
            ws.editor().notice
        );
        ws.apply(WorkspaceAction::Recognised {
            request: 1,
            found: found_in(TALKS),
        });
        assert_eq!(ws.recognising(), None);
        // The same spans and labels as a paste recognised on the page.
        let mut here = Workspace::default();
        here.apply(WorkspaceAction::Paste(TALKS.into()));
        assert!(!here.editor().doc.spans().is_empty());
        assert_eq!(ws.editor().doc.spans(), here.editor().doc.spans());
        assert_eq!(ws.editor().doc.labels(), here.editor().doc.labels());
        assert_eq!(ws.editor().notice, here.editor().notice, "Found N spans");
        // One undo takes back the paste, text and spans together; redo brings both.
        ws.apply(WorkspaceAction::Edit(Action::Undo));
        assert_eq!(ws.editor().doc.text(), "");
        assert!(!ws.editor().can_undo());
        ws.apply(WorkspaceAction::Edit(Action::Redo));
        assert_eq!(ws.editor().doc.spans(), here.editor().doc.spans());
    }

    /// The spans the worker finds in the open document, checked a few at a time as the page
    /// does before it places them.
    fn placed_in(ws: &Workspace) -> Placed {
        let packed = found_in(ws.editor().doc.text()).unwrap();
        let mut placing = crate::core::batch::Placing::new(&ws.editor().doc, packed).unwrap();
        while !placing.step(7).unwrap() {}
        placing.finish()
    }

    /// The spans of request 1 arriving in `placed` as placed, in `recognised` as recognised.
    fn arrive_both_ways(placed: &mut Workspace, recognised: &mut Workspace) {
        let spans = placed_in(placed);
        placed.apply(WorkspaceAction::Placed {
            request: 1,
            placed: spans,
        });
        recognised.apply(WorkspaceAction::Recognised {
            request: 1,
            found: found_in(TALKS),
        });
    }

    #[test]
    fn placed_spans_do_what_recognised_spans_do() {
        // Waiting: they join the opening step.
        let (mut placed, mut recognised) = (Workspace::default(), Workspace::default());
        placed.apply(recognising(1, TALKS));
        recognised.apply(recognising(1, TALKS));
        arrive_both_ways(&mut placed, &mut recognised);
        assert!(!placed.editor().doc.spans().is_empty());
        assert_eq!(placed.editor(), recognised.editor());
        assert_eq!(placed.recognising(), None);
        placed.apply(WorkspaceAction::Edit(Action::Undo));
        assert_eq!(
            placed.editor().doc.text(),
            "",
            "one undo takes back text and spans"
        );

        // After the person's own span: checked again, and the person's span wins.
        let (mut placed, mut recognised) = (Workspace::default(), Workspace::default());
        let geneva = TALKS.find("Geneva").unwrap();
        for ws in [&mut placed, &mut recognised] {
            ws.apply(recognising(1, TALKS));
            ws.apply(WorkspaceAction::Edit(Action::SelectRange {
                start: geneva,
                end: geneva + 6,
            }));
            ws.apply(WorkspaceAction::Edit(Action::ApplyLabel(PERSON.into())));
        }
        arrive_both_ways(&mut placed, &mut recognised);
        assert_eq!(placed.editor(), recognised.editor());
        let at_geneva = placed.editor().doc.span_at(geneva).unwrap();
        assert_eq!(
            placed.editor().doc.spans()[at_geneva].status,
            SpanStatus::Accepted
        );

        // Cancelled, or the paste taken back: they are dropped.
        let mut ws = Workspace::default();
        ws.apply(recognising(1, TALKS));
        let spans = placed_in(&ws);
        ws.apply(WorkspaceAction::CancelRecognition(1));
        ws.apply(WorkspaceAction::Placed {
            request: 1,
            placed: spans.clone(),
        });
        assert!(ws.editor().doc.spans().is_empty());
        let mut ws = Workspace::default();
        ws.apply(recognising(2, TALKS));
        ws.apply(WorkspaceAction::Edit(Action::Undo));
        ws.apply(WorkspaceAction::Placed {
            request: 2,
            placed: spans,
        });
        assert!(ws.editor().doc.spans().is_empty());
        assert_eq!(ws.editor().doc.text(), "");
    }

    #[test]
    fn spans_arriving_after_an_edit_are_a_step_of_their_own_and_the_persons_spans_win() {
        let mut ws = Workspace::default();
        ws.apply(recognising(1, TALKS));
        // The person labels "Geneva" (which the recogniser calls a place) a PERSON first.
        let geneva = TALKS.find("Geneva").unwrap();
        ws.apply(WorkspaceAction::Edit(Action::SelectRange {
            start: geneva,
            end: geneva + 6,
        }));
        ws.apply(WorkspaceAction::Edit(Action::ApplyLabel(PERSON.into())));
        ws.apply(WorkspaceAction::Recognised {
            request: 1,
            found: found_in(TALKS),
        });
        let spans = ws.editor().doc.spans().to_vec();
        let at_geneva: Vec<&Span> = spans.iter().filter(|s| s.start == geneva).collect();
        assert_eq!(at_geneva.len(), 1);
        assert_eq!(at_geneva[0].label, PERSON);
        assert_eq!(at_geneva[0].status, SpanStatus::Accepted);
        assert!(spans.iter().any(|s| s.status == SpanStatus::Suggested));
        // Undo: the arrival, then the person's span, then the paste.
        ws.apply(WorkspaceAction::Edit(Action::Undo));
        assert_eq!(ws.editor().doc.spans().len(), 1);
        ws.apply(WorkspaceAction::Edit(Action::Undo));
        assert!(ws.editor().doc.spans().is_empty());
        ws.apply(WorkspaceAction::Edit(Action::Undo));
        assert_eq!(ws.editor().doc.text(), "");
    }

    #[test]
    fn spans_for_a_document_gone_or_undone_are_dropped_and_a_deleted_one_keeps_them() {
        // Undone before the spans came: they belong to no text here.
        let mut ws = Workspace::default();
        ws.apply(recognising(1, TALKS));
        ws.apply(WorkspaceAction::Edit(Action::Undo));
        assert_eq!(ws.recognising(), None, "nothing to wait for");
        ws.apply(WorkspaceAction::Recognised {
            request: 1,
            found: found_in(TALKS),
        });
        assert_eq!(ws.editor().doc.text(), "");
        assert!(ws.editor().doc.spans().is_empty());
        // Deleted meanwhile: it gets them, and comes back with them.
        let mut ws = Workspace::default();
        ws.apply(WorkspaceAction::Paste("Kerry".into()));
        ws.apply(recognising(2, TALKS));
        assert_eq!(ws.entries().len(), 2, "a new document beside the first");
        ws.apply(WorkspaceAction::Delete(1));
        ws.apply(WorkspaceAction::Recognised {
            request: 2,
            found: found_in(TALKS),
        });
        assert_eq!(ws.entries().len(), 1);
        ws.apply(WorkspaceAction::UndoDelete);
        assert_eq!(ws.editor().doc.text(), TALKS);
        assert!(!ws.editor().doc.spans().is_empty());
        // Gone with a workspace replaced whole: nothing happens.
        let mut ws = Workspace::default();
        ws.apply(recognising(3, TALKS));
        ws.apply(WorkspaceAction::Replace(Box::default()));
        let before = ws.clone();
        ws.apply(WorkspaceAction::Recognised {
            request: 3,
            found: found_in(TALKS),
        });
        assert_eq!(ws, before);
    }

    #[test]
    fn cancel_leaves_the_text_without_spans_and_says_so() {
        let mut ws = Workspace::default();
        ws.apply(recognising(1, TALKS));
        ws.apply(WorkspaceAction::CancelRecognition(1));
        assert_eq!(ws.recognising(), None);
        assert_eq!(ws.editor().doc.text(), TALKS);
        assert!(
            matches!(&ws.editor().notice, Some(Notice::Info(m)) if m.contains("Recognition cancelled")),
            "{:?}",
            ws.editor().notice
        );
        // The answer that comes anyway is not applied.
        ws.apply(WorkspaceAction::Recognised {
            request: 1,
            found: found_in(TALKS),
        });
        assert!(ws.editor().doc.spans().is_empty());
        ws.apply(WorkspaceAction::Edit(Action::Undo));
        assert_eq!(
            ws.editor().doc.text(),
            "",
            "undo still takes the paste back"
        );
    }

    #[test]
    fn a_damaged_answer_or_a_failed_worker_leaves_the_text_to_be_recognised_here() {
        let mut here = Workspace::default();
        here.apply(WorkspaceAction::Paste(TALKS.into()));
        let mut damaged = found_in(TALKS).unwrap();
        damaged.ends[0] = 10_000;
        for found in [Ok(damaged), Err("the worker stopped".to_string())] {
            let mut ws = Workspace::default();
            ws.apply(recognising(1, TALKS));
            ws.apply(WorkspaceAction::Recognised { request: 1, found });
            assert_eq!(ws.editor().doc.spans(), here.editor().doc.spans());
            ws.apply(WorkspaceAction::Edit(Action::Undo));
            assert_eq!(ws.editor().doc.text(), "", "still one step");
        }
    }

    #[test]
    fn a_long_paste_made_while_the_saved_workspace_loads_still_gets_its_spans() {
        let mut page = Workspace::default();
        page.apply(recognising(1, TALKS));
        let mut saved = Workspace::default();
        saved.apply(WorkspaceAction::Paste("Kerry".into()));
        page.apply(WorkspaceAction::Restore(Box::new(saved)));
        assert_eq!(names(&page), ["article", "article (2)"]);
        assert_eq!(page.recognising(), Some((1, "article (2)")));
        page.apply(WorkspaceAction::Recognised {
            request: 1,
            found: found_in(TALKS),
        });
        assert!(!page.entries()[1].editor.doc.spans().is_empty());
    }

    #[test]
    fn a_long_txt_file_comes_as_a_new_document_and_gets_its_spans() {
        let mut ws = Workspace::default();
        ws.apply(WorkspaceAction::Recognising {
            request: 5,
            doc: Document::tokenised_later(TALKS),
            name: Some("talks".into()),
        });
        assert_eq!(names(&ws), ["talks"], "the blank document made way");
        assert_eq!(ws.recognising(), Some((5, "talks")));
        ws.apply(WorkspaceAction::Recognising {
            request: 6,
            doc: Document::tokenised_later("Zarif in Vienna"),
            name: Some("talks".into()),
        });
        assert_eq!(names(&ws), ["talks", "talks (2)"]);
        ws.apply(WorkspaceAction::Recognised {
            request: 5,
            found: found_in(TALKS),
        });
        assert!(!ws.entries()[0].editor.doc.spans().is_empty());
        assert!(
            matches!(&ws.editor().notice, Some(Notice::Info(m)) if m.starts_with("“talks”: Found")),
            "the open document's status line says where: {:?}",
            ws.editor().notice
        );
        assert_eq!(ws.recognising(), Some((6, "talks (2)")));
    }

    /// A text long enough that the list waits for its word count.
    fn long_text() -> String {
        format!("{TALKS}\n").repeat(Summary::COUNTED_AT_ONCE / TALKS.len() + 1)
    }

    #[test]
    fn a_long_paste_opens_untokenised_and_is_the_same_once_tokenised() {
        let text = long_text();
        let whole = Document::new(&text);
        let mut ws = Workspace::default();
        ws.apply(recognising(1, &text));
        let doc = ws.editor().doc.clone();
        assert!(!doc.is_tokenised(), "opening does not tokenise");
        assert_eq!(doc.block_starts(), whole.block_starts());
        assert!(!doc.is_tokenised(), "nor does rendering its blocks");
        assert_eq!(ws.entries()[0].summary().words, None, "the list waits");
        let (id, pending) = ws.untokenised().expect("the open text is to be tokenised");
        assert_eq!(id, ws.entries()[0].id);
        let mut slices = 1;
        while !pending.tokenise_some(16 * 1024) {
            slices += 1;
        }
        assert!(slices > 10, "{slices} slices");
        assert!(doc.is_tokenised(), "the workspace's copy shares the tokens");
        assert!(ws.untokenised().is_none());
        let before = ws.entries()[0].clone();
        ws.apply(WorkspaceAction::Tokenised(id));
        assert!(
            !Arc::ptr_eq(&before, &ws.entries()[0]),
            "its row is rendered again"
        );
        assert_eq!(ws.entries()[0].summary().words, Some(whole.word_count()));
        assert_eq!(doc.tokens(), whole.tokens());
        ws.apply(WorkspaceAction::Recognised {
            request: 1,
            found: found_in(&text),
        });
        assert_eq!(ws.editor().doc.spans().len(), {
            let mut d = whole.clone();
            suggest(&mut d, &Recognizer::shipped());
            d.spans().len()
        });
    }

    #[test]
    fn a_long_text_gets_its_tokens_at_once_when_needed_before_they_are_built() {
        let text = long_text();
        let mut ws = Workspace::default();
        ws.apply(WorkspaceAction::Recognising {
            request: 2,
            doc: Document::tokenised_later(&text),
            name: Some("long".into()),
        });
        let doc = ws.editor().doc.clone();
        assert!(!doc.is_tokenised(), "a lone .txt opens untokenised too");
        assert!(!doc.tokenise_some(1000), "a slice begun");
        ws.apply(WorkspaceAction::Edit(Action::SelectRange {
            start: 2,
            end: 12,
        }));
        assert_eq!(ws.editor().pending, Some((0, 16)), "snapped to whole words");
        assert!(doc.is_tokenised());
        assert_eq!(doc.tokens(), Document::new(&text).tokens());
        assert!(doc.tokenise_some(1000), "nothing left to slice");
        let short = Document::tokenised_later(TALKS);
        let entry = Entry::new(9, Editor::new(short, "short"));
        assert_eq!(
            entry.summary().words,
            Some(9),
            "a short text is counted at once"
        );
    }

    #[test]
    fn a_cancelled_import_leaves_the_workspace_as_it_was() {
        let mut ws = Workspace::default();
        ws.apply(WorkspaceAction::Add(vec![
            ("mine".into(), doc("Kerry", &[])),
            ("notes".into(), doc("Paris", &[])),
        ]));
        ws.apply(WorkspaceAction::Open(1));
        let before: Vec<Arc<Entry>> = ws.entries().to_vec();
        ws.apply(WorkspaceAction::ImportBatch {
            import: 4,
            docs: batch(&["x", "mine"]),
        });
        ws.apply(WorkspaceAction::ImportBatch {
            import: 4,
            docs: batch(&["y"]),
        });
        assert_eq!(ws.entries().len(), 5);
        assert_eq!(ws.editor().name, "x");
        ws.apply(WorkspaceAction::CancelImports);
        assert!(!ws.importing());
        assert_eq!(ws.entries().len(), before.len());
        assert!(ws
            .entries()
            .iter()
            .zip(&before)
            .all(|(a, b)| Arc::ptr_eq(a, b)));
        assert_eq!(
            ws.editor().name,
            "notes",
            "the document open before is open again"
        );

        // Into an empty workspace: the blank document comes back.
        let mut fresh = Workspace::default();
        let blank = fresh.entries()[0].clone();
        fresh.apply(WorkspaceAction::ImportBatch {
            import: 1,
            docs: batch(&["x"]),
        });
        fresh.apply(WorkspaceAction::CancelImports);
        assert_eq!(fresh.entries().len(), 1);
        assert!(Arc::ptr_eq(&fresh.entries()[0], &blank));
    }

    /// An action on one document copies that document only: the state Yew keeps from before
    /// shares every other entry, so a click costs the same with one document or ten thousand.
    #[test]
    fn an_action_copies_only_the_document_it_changes() {
        let mut ws = Workspace::default();
        ws.apply(WorkspaceAction::Add(
            (0..50)
                .map(|i| (format!("d{i}"), doc("Kerry met Lavrov.", &[])))
                .collect(),
        ));
        ws.apply(WorkspaceAction::Open(7));
        let before = ws.clone();
        ws.apply(WorkspaceAction::Edit(Action::SelectRange {
            start: 0,
            end: 5,
        }));
        ws.apply(WorkspaceAction::Edit(Action::ApplyLabel(PLACE.into())));
        for i in 0..50 {
            let shared = Arc::ptr_eq(&before.entries()[i], &ws.entries()[i]);
            assert_eq!(shared, i != 7, "entry {i}");
        }
        // The entry that changed is the new state's own; the old state still has the old one.
        assert_ne!(before.entries()[7].editor.doc, ws.entries()[7].editor.doc);
        ws.apply(WorkspaceAction::SetDone(3, true));
        assert!(ws.entries()[3].done && !before.entries()[3].done);
    }

    #[test]
    fn many_documents_of_one_name_get_numbered_names() {
        let mut ws = Workspace::default();
        ws.apply(WorkspaceAction::Add(
            (0..1000)
                .map(|_| ("notes".to_string(), doc("x", &[])))
                .collect(),
        ));
        let names = names(&ws);
        assert_eq!(names[0], "notes");
        assert_eq!(names[1], "notes (2)");
        assert_eq!(names[999], "notes (1000)");
        ws.apply(WorkspaceAction::Duplicate(0));
        assert_eq!(ws.editor().name, "notes copy");
    }

    #[test]
    fn documents_are_added_renamed_duplicated_deleted_and_restored() {
        let mut ws = Workspace::default();
        ws.apply(WorkspaceAction::Add(vec![
            ("a".into(), doc("Kerry", &[(0, 5, PERSON)])),
            ("a".into(), doc("Paris", &[])),
        ]));
        assert_eq!(
            names(&ws),
            ["a", "a (2)"],
            "the blank start document is replaced"
        );
        ws.apply(WorkspaceAction::Rename(1, "paris".into()));
        ws.apply(WorkspaceAction::Duplicate(0));
        assert_eq!(names(&ws), ["a", "a copy", "paris"]);
        assert_eq!(ws.current(), 1);
        ws.apply(WorkspaceAction::Delete(0));
        assert_eq!(names(&ws), ["a copy", "paris"]);
        ws.apply(WorkspaceAction::UndoDelete);
        assert_eq!(names(&ws), ["a", "a copy", "paris"]);
        assert_eq!(ws.editor().doc.spans().len(), 1, "with its spans");
        let ids: Vec<u64> = ws.entries().iter().map(|e| e.id).collect();
        let mut unique = ids.clone();
        unique.dedup();
        assert_eq!(ids.len(), unique.len());
    }

    /// A workspace file is read while the person goes on working: what they did meanwhile
    /// stays, since the file's documents are added to the state of the moment.
    #[test]
    fn a_workspace_file_merges_into_the_work_of_the_moment() {
        let mut ws = Workspace::default();
        ws.apply(WorkspaceAction::Add(vec![("a".into(), doc("Kerry", &[]))]));
        let mut file = Workspace::default();
        file.apply(WorkspaceAction::Add(vec![
            ("a".into(), doc("Paris", &[])),
            ("b".into(), doc("Rome", &[])),
        ]));
        file.apply(WorkspaceAction::SetDone(1, true));
        // While the file was being read: a label, and a new document.
        ws.apply(WorkspaceAction::Edit(Action::SelectRange {
            start: 0,
            end: 5,
        }));
        ws.apply(WorkspaceAction::Edit(Action::ApplyLabel(PERSON.into())));
        ws.apply(WorkspaceAction::Paste("Lavrov".into()));
        ws.apply(WorkspaceAction::Merge(Box::new(file)));
        assert_eq!(names(&ws), ["a", "article", "a (2)", "b"]);
        assert_eq!(
            ws.entries()[0].editor.doc.spans().len(),
            1,
            "the label stays"
        );
        assert_eq!(ws.entries()[1].editor.doc.text(), "Lavrov");
        assert_eq!(
            ws.entries().iter().map(|e| e.done).collect::<Vec<_>>(),
            [false, false, false, true]
        );
    }

    #[test]
    fn the_sample_fills_an_empty_document_and_otherwise_comes_beside_the_work() {
        let mut ws = Workspace::default();
        ws.apply(WorkspaceAction::Sample);
        assert_eq!(names(&ws), [sample::NAME]);
        assert_eq!(ws.editor().doc.text(), sample::ARTICLE);
        assert!(!ws.editor().doc.spans().is_empty(), "highlighted at once");
        let mut ws = Workspace::default();
        ws.apply(WorkspaceAction::Add(vec![(
            "mine".into(),
            doc("Kerry", &[(0, 5, PERSON)]),
        )]));
        ws.apply(WorkspaceAction::Sample);
        assert_eq!(names(&ws), ["mine", sample::NAME]);
        assert_eq!(ws.current(), 1, "the sample is open");
        assert!(!ws.editor().doc.spans().is_empty(), "highlighted at once");
        assert_eq!(
            ws.entries()[0].editor.doc.spans().len(),
            1,
            "the work is untouched"
        );
    }

    #[test]
    fn an_export_is_the_open_document_or_all_with_or_without_suggestions() {
        let mut ws = Workspace::default();
        let mut b = doc("Kerry in Paris", &[(0, 5, PERSON)]);
        b.add_span(Span::new(9, 14, PLACE).suggested()).unwrap();
        ws.apply(WorkspaceAction::Add(vec![
            ("a".into(), doc("Rome", &[])),
            ("b".into(), b),
        ]));
        ws.apply(WorkspaceAction::Open(1));
        let open = ws.to_export(false, false);
        assert_eq!(open.len(), 1);
        assert_eq!((open[0].0.as_str(), open[0].1.spans().len()), ("b", 2));
        let accepted = ws.to_export(false, true);
        assert_eq!(accepted[0].1.spans().len(), 1, "the suggestion is left out");
        assert_eq!(accepted[0].1.text(), "Kerry in Paris");
        let all = ws.to_export(true, false);
        assert_eq!(
            all.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>(),
            ["a", "b"]
        );
    }

    #[test]
    fn restoring_at_start_keeps_what_was_pasted_meanwhile() {
        let mut saved = Workspace::default();
        saved.apply(WorkspaceAction::Add(vec![(
            "old".into(),
            doc("Kerry", &[]),
        )]));
        let mut fresh = Workspace::default();
        fresh.apply(WorkspaceAction::Restore(Box::new(saved.clone())));
        assert_eq!(fresh, saved, "a blank start document is not kept");
        let mut busy = Workspace::default();
        busy.apply(WorkspaceAction::Edit(Action::Open {
            text: "Paris".into(),
            name: "new".into(),
        }));
        busy.apply(WorkspaceAction::Restore(Box::new(saved)));
        assert_eq!(names(&busy), ["old", "new"]);
    }

    #[test]
    fn a_paste_fills_a_blank_document_and_otherwise_opens_a_new_one() {
        let mut ws = Workspace::default();
        ws.apply(WorkspaceAction::Paste("Kerry met Lavrov".into()));
        assert_eq!(names(&ws), ["article"]);
        assert_eq!(ws.editor().doc.text(), "Kerry met Lavrov");
        ws.apply(WorkspaceAction::Paste("Zarif in Geneva".into()));
        assert_eq!(names(&ws), ["article", "article (2)"]);
        assert_eq!(ws.current(), 1);
        assert_eq!(
            ws.entries()[0].editor.doc.text(),
            "Kerry met Lavrov",
            "kept"
        );
        assert_eq!(ws.editor().doc.text(), "Zarif in Geneva");
        assert!(!ws.editor().doc.spans().is_empty(), "recognised at once");
        assert!(
            matches!(&ws.editor().notice, Some(Notice::Info(m))
                if m.starts_with("Opened the pasted text as a new document, “article (2)”. Found")),
            "{:?}",
            ws.editor().notice
        );
        ws.apply(WorkspaceAction::Paste(" \n".into()));
        assert_eq!(ws.entries().len(), 2, "an empty paste opens nothing");
        assert!(matches!(ws.editor().notice, Some(Notice::Error(_))));
        ws.apply(WorkspaceAction::Open(0));
        assert!(
            matches!(&ws.editor().notice, Some(Notice::Info(m)) if m.starts_with("Opened “article”"))
        );
    }

    #[test]
    fn every_change_to_the_list_is_said_in_the_status_line() {
        let mut ws = Workspace::default();
        ws.apply(WorkspaceAction::Paste("Kerry".into()));
        let said = |ws: &Workspace| match &ws.editor().notice {
            Some(Notice::Info(m)) => m.clone(),
            other => panic!("{other:?}"),
        };
        ws.apply(WorkspaceAction::SetDone(0, true));
        // What the recogniser learned from it is said in the same line.
        assert!(said(&ws).starts_with("Marked “article” done. Learned from 1 document"));
        ws.apply(WorkspaceAction::Duplicate(0));
        assert_eq!(said(&ws), "Duplicated “article” as “article copy”");
        ws.apply(WorkspaceAction::New);
        assert_eq!(
            said(&ws),
            "New document “article (2)”: paste or type its text"
        );
        ws.apply(WorkspaceAction::Rename(2, "notes".into()));
        assert_eq!(said(&ws), "Renamed the document “notes”");
        ws.apply(WorkspaceAction::Open(0));
        assert_eq!(said(&ws), "Opened “article”: 1 to decide");
    }

    #[test]
    fn deleting_the_last_document_leaves_a_blank_one() {
        let mut ws = Workspace::default();
        ws.apply(WorkspaceAction::Edit(Action::Open {
            text: "Kerry".into(),
            name: "k".into(),
        }));
        ws.apply(WorkspaceAction::Delete(0));
        assert_eq!(ws.entries().len(), 1);
        assert!(ws.editor().doc.text().is_empty());
        ws.apply(WorkspaceAction::UndoDelete);
        assert_eq!(names(&ws), ["k"]);
    }

    #[test]
    fn summaries_count_words_spans_and_undecided() {
        let mut d = doc("Kerry met Lavrov, twice.", &[(0, 5, PERSON)]);
        d.replace_suggestions(vec![Span::new(10, 16, PERSON)]);
        let ws = Workspace::from_entries(
            vec![Entry {
                id: 7,
                done: true,
                editor: Editor::new(d, "x"),
                rev: 0,
            }],
            0,
        );
        let s = ws.entries()[0].summary();
        assert_eq!(
            (s.words, s.spans, s.undecided, s.done),
            (Some(4), 2, 1, true)
        );
    }

    #[test]
    fn autosave_records_bring_back_the_document_and_its_undo_history() {
        let text = "Kerry met Lavrov in Genève 👋";
        let mut editor = Editor::new(doc(text, &[]), "talks");
        editor.apply(Action::SelectRange { start: 0, end: 5 });
        editor.apply(Action::ApplyLabel(PERSON.into()));
        editor.apply(Action::SelectRange { start: 20, end: 26 });
        editor.apply(Action::ApplyLabel(PLACE.into()));
        editor.apply(Action::Undo);
        let entry = Entry {
            id: 3,
            done: true,
            editor,
            rev: 0,
        };
        let back = entry_from_record(3, text, &entry_record(&entry)).unwrap();
        assert_eq!(back.editor.doc, entry.editor.doc);
        assert_eq!(back.editor.name, "talks");
        assert!(back.done);
        let mut editor = back.editor;
        editor.apply(Action::Redo);
        assert_eq!(editor.doc.spans().len(), 2, "redo survives the reload");
        editor.apply(Action::Undo);
        editor.apply(Action::Undo);
        assert!(editor.doc.spans().is_empty(), "undo survives the reload");
        assert!(entry_from_record(3, "other text", &entry_record(&entry)).is_err());
        assert!(entry_from_record(3, text, "{not json")
            .unwrap_err()
            .contains("damaged"));
    }

    #[test]
    fn a_record_saved_before_spans_were_written_borrowed_still_opens() {
        // The shape autosave has always written: a reload after an update opens the work.
        let (text, record) = old_format_record();
        let entry = entry_from_record(4, text, &record).unwrap();
        assert_eq!(entry.editor.doc, doc(text, &[(0, 5, PERSON)]));
        assert_eq!(
            entry_from_record(4, text, &entry_record(&entry))
                .unwrap()
                .editor
                .history(),
            entry.editor.history(),
            "written again, the history is the same"
        );
        let mut editor = entry.editor;
        editor.apply(Action::Redo);
        assert_eq!(editor.doc.spans()[1], Span::new(20, 25, PLACE).suggested());
        editor.apply(Action::Undo);
        editor.apply(Action::Undo);
        assert!(editor.doc.spans().is_empty());
    }

    #[test]
    fn long_histories_are_trimmed_to_a_budget_newest_first() {
        let text = "a ".repeat(30_000);
        let mut editor = Editor::new(Document::new(&text), "long");
        // Six steps of 4,000 spans each, then single spans.
        for k in 0..6 {
            let many = (0..4000)
                .map(|i| Span::new(8000 * k + 2 * i, 8000 * k + 2 * i + 1, PLACE))
                .collect();
            editor.apply(Action::Replace {
                start: 8000 * k,
                end: 8000 * (k + 1),
                spans: many,
                what: "many".into(),
            });
        }
        let at = |i: usize| 2 * (24_000 + i);
        let add = |editor: &mut Editor, i: usize| {
            editor.apply(Action::SelectRange {
                start: at(i),
                end: at(i) + 1,
            });
            editor.apply(Action::ApplyLabel(PERSON.into()));
        };
        for i in 0..3 {
            add(&mut editor, i);
        }
        let entry = Entry::new(1, editor.clone());
        let mut back = entry_from_record(1, &text, &entry_record(&entry)).unwrap();
        let (undo, _) = back.editor.history();
        // Newest first: three single spans and four steps of 4,000 make 16,003; a fifth would
        // pass the budget.
        assert_eq!(undo.len(), 7);
        assert!(undo.iter().map(|s| s.size()).sum::<usize>() <= SAVED_UNDO_SPANS);
        for _ in 0..7 {
            back.editor.apply(Action::Undo);
        }
        assert_eq!(back.editor.doc.spans().len(), 2 * 4000);
        assert!(!back.editor.can_undo());
        // At most SAVED_UNDO steps, the newest.
        for i in 3..SAVED_UNDO + 10 {
            add(&mut editor, i);
        }
        let entry = Entry::new(1, editor.clone());
        let mut back = entry_from_record(1, &text, &entry_record(&entry)).unwrap();
        assert_eq!(back.editor.history().0.len(), SAVED_UNDO);
        for _ in 0..SAVED_UNDO {
            back.editor.apply(Action::Undo);
            editor.apply(Action::Undo);
        }
        assert_eq!(back.editor.doc, editor.doc);
    }

    #[test]
    fn the_workspace_file_round_trips_and_bad_files_are_named() {
        let mut ws = Workspace::default();
        ws.apply(WorkspaceAction::Add(vec![
            ("one".into(), doc("Kerry\r\nmet 👋 Zoë", &[(0, 5, PERSON)])),
            ("two".into(), doc("Paris", &[(0, 5, PLACE)])),
        ]));
        ws.apply(WorkspaceAction::SetDone(1, true));
        ws.apply(WorkspaceAction::Open(1));
        let file = to_file(&ws);
        assert!(is_workspace_file(&file));
        assert!(!is_workspace_file(r#"{"text": "spanlight-workspace"}"#));
        let back = from_file(&file).unwrap();
        assert_eq!(names(&back), ["one", "two"]);
        assert_eq!(back.current(), 1);
        assert!(back.entries()[1].done);
        assert_eq!(
            back.entries()[0].editor.doc.spans(),
            ws.entries()[0].editor.doc.spans()
        );
        assert_eq!(back.entries()[0].editor.doc.text(), "Kerry\r\nmet 👋 Zoë");
        let broken = file.replace("\"end\": 5", "\"end\": 99");
        assert!(from_file(&broken).unwrap_err().starts_with("document 1"));
    }

    #[test]
    fn bare_imports_get_suggestions_and_annotated_ones_keep_theirs() {
        let d = suggest_if_bare(doc("Angela Merkel visited Paris on 3 May.", &[]));
        assert!(!d.spans().is_empty());
        assert!(d.spans().iter().all(|s| s.status == SpanStatus::Suggested));
        let kept = suggest_if_bare(doc("Angela Merkel visited Paris.", &[(22, 27, PLACE)]));
        assert_eq!(kept.spans(), &[Span::new(22, 27, PLACE)]);
    }

    fn drug_spans(ws: &Workspace, i: usize) -> Vec<(String, SpanStatus)> {
        let d = &ws.entries()[i].editor.doc;
        d.spans()
            .iter()
            .filter(|s| s.label == "DRUG")
            .map(|s| (d.span_text(s).to_string(), s.status))
            .collect()
    }

    fn drug_doc() -> Document {
        let text = "The patient was given Zorvexin on Monday. Zorvexin lowered the fever, and a \
            second dose of Zorvexin followed.";
        let mut a = doc(text, &[]);
        a.add_label(Label::new("DRUG", "#ffffff", None));
        for (s, _) in text.match_indices("Zorvexin") {
            let s = text[..s].chars().count();
            a.add_span(Span::new(s, s + 8, "DRUG")).unwrap();
        }
        a
    }

    #[test]
    fn marking_a_document_done_learns_and_refreshes_the_others_undoably() {
        let a = drug_doc();
        // The other document: a span the person accepted, and suggestions to come.
        let b = doc(
            "Doctors prescribe Zorvexin to children in Cardiff.",
            &[(42, 49, PLACE)],
        );
        let mut ws = Workspace::default();
        ws.apply(WorkspaceAction::Add(vec![("a".into(), a), ("b".into(), b)]));
        assert!(drug_spans(&ws, 1).is_empty());
        let b_before = ws.entries()[1].editor.doc.clone();
        ws.apply(WorkspaceAction::SetDone(0, true));
        assert!(!ws.recognizer().is_shipped());
        assert_eq!(ws.recognizer().history().docs, 1);
        assert_eq!(ws.last_learning().unwrap().spans["DRUG"], 3);
        assert_eq!(
            drug_spans(&ws, 1),
            [("Zorvexin".to_string(), SpanStatus::Suggested)],
            "suggested in the document not done, with the label added to it"
        );
        let accepted: Vec<&Span> = ws.entries()[1]
            .editor
            .doc
            .spans()
            .iter()
            .filter(|s| s.status == SpanStatus::Accepted)
            .collect();
        assert_eq!(
            accepted,
            [&Span::new(42, 49, PLACE)],
            "accepted spans never change"
        );
        // No longer done, it no longer teaches; done again, the same model is learned.
        let probe = "Nurses gave Zorvexin in York.";
        let learned = ws.recognizer().recognize(probe);
        ws.apply(WorkspaceAction::SetDone(0, false));
        assert!(ws.recognizer().is_shipped());
        assert!(drug_spans(&ws, 1).is_empty());
        let unlearned = ws.entries()[1].editor.doc.clone();
        ws.apply(WorkspaceAction::SetDone(0, true));
        assert_eq!(ws.recognizer().recognize(probe), learned);
        assert_eq!(drug_spans(&ws, 1).len(), 1);
        // Undo in the refreshed document takes each refresh back.
        ws.apply(WorkspaceAction::Open(1));
        ws.apply(WorkspaceAction::Edit(Action::Undo));
        assert_eq!(ws.entries()[1].editor.doc.spans(), unlearned.spans());
        ws.apply(WorkspaceAction::Edit(Action::Undo));
        ws.apply(WorkspaceAction::Edit(Action::Undo));
        assert_eq!(ws.entries()[1].editor.doc.spans(), b_before.spans());
        // A new document gets the learned suggestion; the shipped model again takes it away.
        ws.apply(WorkspaceAction::New);
        ws.apply(WorkspaceAction::Edit(Action::Open {
            text: "They took Zorvexin again.".into(),
            name: "c".into(),
        }));
        assert_eq!(drug_spans(&ws, 2).len(), 1);
        ws.apply(WorkspaceAction::SetRecognizer(SharedRecognizer::shipped()));
        assert!(ws.recognizer().is_shipped());
        assert!(drug_spans(&ws, 2).is_empty());
    }

    /// The workspace as autosave writes it and reads it back.
    fn reload(ws: &Workspace) -> Workspace {
        let docs = ws
            .entries()
            .iter()
            .map(|e| {
                let text = e.editor.doc.text().to_string();
                (e.id, Some(text), Some(entry_record(e)))
            })
            .collect();
        let (back, problems) = crate::core::autosave::restore(&index_record(ws), docs).unwrap();
        assert!(problems.is_empty(), "{problems:?}");
        back
    }

    #[test]
    fn what_was_learned_comes_back_after_a_reload_and_a_reset_stays_reset() {
        let mut ws = Workspace::default();
        ws.apply(WorkspaceAction::Add(vec![("a".into(), drug_doc())]));
        ws.apply(WorkspaceAction::SetDone(0, true));
        let text = "They took Zorvexin again.";
        let learned = ws.recognizer().recognize(text);
        assert!(learned.iter().any(|s| s.label == "DRUG"));
        let back = reload(&ws);
        assert_eq!(back.recognizer().recognize(text), learned);
        assert_eq!(back.recognizer().to_bytes(), ws.recognizer().to_bytes());
        let file = from_file(&to_file(&ws)).unwrap();
        assert_eq!(file.recognizer().recognize(text), learned);
        // A model imported as the starting point is kept too.
        let imported = Recognizer::from_bytes(&ws.recognizer().to_bytes()).unwrap();
        let mut other = Workspace::default();
        other.apply(WorkspaceAction::SetRecognizer(SharedRecognizer(
            std::sync::Arc::new(imported),
        )));
        assert_eq!(other.recognizer().recognize(text), learned);
        assert_eq!(reload(&other).recognizer().recognize(text), learned);
        // Reset: the shipped model, also after a reload, though the document is still done.
        ws.apply(WorkspaceAction::SetRecognizer(SharedRecognizer::shipped()));
        assert!(!ws
            .recognizer()
            .recognize(text)
            .iter()
            .any(|s| s.label == "DRUG"));
        assert!(reload(&ws).recognizer().is_shipped());
        // A damaged saved model is named, and the shipped one is used.
        let mut damaged = Workspace::default();
        let e = damaged
            .restore_learning(&SavedLearning {
                learned: false,
                base: Some("5a".into()),
            })
            .unwrap_err();
        assert!(e.contains("could not be read"), "{e}");
        assert!(damaged.recognizer().is_shipped());
    }

    #[test]
    fn learning_in_the_background_takes_the_newest_answer_only() {
        let mut ws = Workspace::default();
        ws.learn_in_background(true);
        ws.apply(WorkspaceAction::Add(vec![("a".into(), drug_doc())]));
        assert!(ws.learning_job().is_none());
        ws.apply(WorkspaceAction::SetDone(0, true));
        assert!(
            ws.recognizer().is_shipped(),
            "nothing learned on this thread"
        );
        let (base, job) = ws.learning_job().unwrap();
        assert!(base.is_none(), "the shipped model: the learner has its own");
        assert_eq!(job.docs.len(), 1);
        // What a worker does, through its messages' form.
        let job: LearningJob = serde_json::from_str(&serde_json::to_string(&job).unwrap()).unwrap();
        let (bytes, report) = crate::core::recognizer::run_job(None, &job)
            .unwrap()
            .unwrap();
        let learned =
            SharedRecognizer(std::sync::Arc::new(Recognizer::from_bytes(&bytes).unwrap()));
        // An answer to an earlier request is taken while a newer one still waits.
        ws.apply(WorkspaceAction::Learn);
        ws.apply(WorkspaceAction::Learned {
            request: job.request,
            outcome: Ok(Some((learned.clone(), report.clone()))),
        });
        assert!(ws.learning_busy(), "a newer request is still waiting");
        let (_, newer) = ws.learning_job().unwrap();
        ws.apply(WorkspaceAction::Learned {
            request: newer.request,
            outcome: Ok(Some((learned.clone(), report))),
        });
        assert!(!ws.learning_busy());
        assert_eq!(ws.recognizer(), &learned);
        let text = "They took Zorvexin again.";
        assert!(ws
            .recognizer()
            .recognize(text)
            .iter()
            .any(|s| s.label == "DRUG"));
        // A reset drops what is in flight.
        ws.apply(WorkspaceAction::Learn);
        let (_, late) = ws.learning_job().unwrap();
        ws.apply(WorkspaceAction::SetRecognizer(SharedRecognizer::shipped()));
        ws.apply(WorkspaceAction::Learned {
            request: late.request,
            outcome: Ok(Some((learned, LearnReport::default()))),
        });
        assert!(ws.recognizer().is_shipped());
        assert!(!ws.learning_busy());
    }

    #[test]
    fn a_page_learning_in_the_background_asks_for_the_saved_model_after_a_reload() {
        let mut ws = Workspace::default();
        ws.apply(WorkspaceAction::Add(vec![("a".into(), drug_doc())]));
        ws.apply(WorkspaceAction::SetDone(0, true));
        let docs = ws
            .entries()
            .iter()
            .map(|e| {
                let text = e.editor.doc.text().to_string();
                (e.id, Some(text), Some(entry_record(e)))
            })
            .collect();
        let (restored, _) =
            crate::core::autosave::restore_learning_later(&index_record(&ws), docs).unwrap();
        assert!(
            restored.recognizer().is_shipped(),
            "not learned on the page's thread"
        );
        let mut page = Workspace::default();
        page.learn_in_background(true);
        page.apply(WorkspaceAction::Restore(Box::new(restored)));
        let (_, job) = page.learning_job().expect("the learned model is asked for");
        let (bytes, report) = crate::core::recognizer::run_job(None, &job)
            .unwrap()
            .unwrap();
        let learned =
            SharedRecognizer(std::sync::Arc::new(Recognizer::from_bytes(&bytes).unwrap()));
        page.apply(WorkspaceAction::Learned {
            request: job.request,
            outcome: Ok(Some((learned, report))),
        });
        assert_eq!(page.recognizer().to_bytes(), ws.recognizer().to_bytes());
    }
}
