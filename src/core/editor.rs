//! The editing session: one document, what is selected, and the undo history.
//!
//! Every user verb is an [`Action`]; [`Editor::apply`] is the reducer. The browser app only turns
//! events into actions and the editor into HTML, so all editing behaviour is tested natively.

use std::sync::Arc;

use super::batch::Placed;
use super::document::{
    next_color, too_long, Document, Label, LabelName, Span, SpanError, SpanStatus,
};
use super::recognizer::Recognizer;
use super::text::{snap_to_tokens, step};
use super::wording::count;

/// Past this many words an article still works and edits stay quick, but opening and reloading
/// it take seconds in the browser; the person is told so when it opens.
pub const LONG_ARTICLE_WORDS: usize = 200_000;

/// How many edits can be undone; each step keeps only what it changed.
const UNDO_DEPTH: usize = 500;

/// A change of more spans than this keeps the whole document before it as its undo step (its
/// unchanged chunks shared) rather than a copy of every span it removed and added.
const LARGE_STEP: usize = 4096;

/// One undo step: what an edit changed, so that undo and redo apply it backwards or forwards
/// without a copy of the whole document per edit.
#[derive(Clone, Debug, PartialEq)]
pub enum Step {
    /// From span index `at`, `removed` were there before the edit and `added` after it; the
    /// labels before and after, when the edit changed them.
    Spans {
        at: usize,
        removed: Vec<Span>,
        added: Vec<Span>,
        labels: Option<Box<(Vec<Label>, Vec<Label>)>>,
    },
    /// The document before a new text was opened, or before a change of most spans (it shares
    /// the text and the chunks of spans the change left alone).
    Whole(Document),
}

impl Step {
    /// The step from `before` to `after`: found by comparing them, which skips the chunks of
    /// spans they share unread.
    pub fn between(before: &Document, after: &Document) -> Step {
        if !Arc::ptr_eq(before.shared_text(), after.shared_text()) && before.text() != after.text()
        {
            return Step::Whole(before.clone());
        }
        let (at, removed, added) = before.spans().difference(after.spans());
        if removed + added > LARGE_STEP {
            return Step::Whole(before.clone());
        }
        let labels = (before.labels() != after.labels())
            .then(|| Box::new((before.labels().to_vec(), after.labels().to_vec())));
        Step::Spans {
            at,
            removed: before.spans().range(at, at + removed).cloned().collect(),
            added: after.spans().range(at, at + added).cloned().collect(),
            labels,
        }
    }

    /// How many spans the step keeps (what saving it costs).
    pub fn size(&self) -> usize {
        match self {
            Step::Spans { removed, added, .. } => removed.len() + added.len(),
            Step::Whole(doc) => doc.spans().len(),
        }
    }

    /// Applies the step to `doc`, backwards (undo) or forwards (redo); returns the step that
    /// goes on the other stack. A step that does not fit (a damaged saved history) changes
    /// nothing.
    fn apply(self, doc: &mut Document, back: bool) -> Result<Step, SpanError> {
        match self {
            Step::Whole(other) => Ok(Step::Whole(std::mem::replace(doc, other))),
            Step::Spans {
                at,
                removed,
                added,
                labels,
            } => {
                let (gone, put) = if back {
                    (&added, &removed)
                } else {
                    (&removed, &added)
                };
                let new_labels = labels.as_ref().map(|l| if back { &l.0 } else { &l.1 });
                let end = at
                    .checked_add(gone.len())
                    .ok_or(SpanError::NoSuchSpan(at))?;
                doc.replace(at, end, put.clone(), new_labels.cloned())?;
                Ok(Step::Spans {
                    at,
                    removed,
                    added,
                    labels,
                })
            }
        }
    }
}

/// A message for the status line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Notice {
    Info(String),
    Error(String),
}

#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Start a new document from text (pasted, typed, sample or file) and highlight it.
    Open {
        text: String,
        name: String,
    },
    /// A text selection, in code points; it is snapped to whole tokens and waits for a label.
    /// A collapsed selection inside a span selects that span.
    SelectRange {
        start: usize,
        end: usize,
    },
    /// Select span `index`.
    SelectSpan(usize),
    /// Move the reading caret to the next (`true`) or previous word, as arrow keys do in an
    /// editor; a pending range collapses to its end (or start) first.
    MoveCaret(bool),
    /// Select the next (`true`) or previous suggestion still to decide: review one by one,
    /// where accepting or rejecting moves on to the next.
    NextSuggestion(bool),
    /// Move the selection to the next (`true`) or previous span.
    SelectNext(bool),
    ClearSelection,
    /// Give the pending range a label (adding a span), or relabel the selected span.
    ApplyLabel(String),
    /// Remove the selected span.
    DeleteSelected,
    /// Accept the selected suggestion as it is.
    AcceptSelected,
    /// Run the recogniser again: suggestions are replaced, accepted spans stay.
    Recognize,
    Rename(String),
    Undo,
    Redo,
    DismissNotice,
    /// Show a message from outside the document (an export, the clipboard, a file).
    Notify(Notice),
    /// Grow or shrink the selected span (or the pending range) by one token at one edge; from
    /// a bare caret, start a range at the token beside it.
    Extend {
        edge: Edge,
        forward: bool,
    },
    /// Move one edge of the selected span to `at` (a drag of its handle); snapped to tokens.
    SetEdge {
        edge: Edge,
        at: usize,
    },
    /// Accept every suggestion.
    AcceptAll,
    /// Repeat the last labelling or unlabelling on every other occurrence of the same text.
    ApplyToAll,
    AddLabel(String),
    RenameLabel {
        from: String,
        to: String,
    },
    RecolorLabel {
        name: String,
        color: String,
    },
    MoveLabel {
        name: String,
        by: isize,
    },
    /// Remove a label with its spans (the app asks first when it is in use).
    DeleteLabel(String),
    /// Put `spans` in place of every span overlapping `[start, end)`: an adjudication decision
    /// (see `core::adjudication`); `what` says which, for the status line.
    Replace {
        start: usize,
        end: usize,
        spans: Vec<Span>,
        what: String,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Edge {
    Start,
    End,
}

/// The last decision a person made about a piece of text, which [`Action::ApplyToAll`] repeats.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Decision {
    Labelled { text: String, label: String },
    Unlabelled { text: String },
}

/// Puts `recognizer`'s suggestions in `doc` (accepted spans stay). A label the recogniser
/// learned from the person (DRUG, ORG) joins the document's labels when it is suggested there.
pub fn suggest(doc: &mut Document, recognizer: &Recognizer) {
    let found = recognizer.recognize(doc.text());
    apply_found(doc, found);
}

/// Makes `found` (what a recogniser found in this document's text, here or in a Web Worker)
/// the document's suggestions, adding the labels it needs.
pub fn apply_found(doc: &mut Document, found: Vec<Span>) {
    let mut labels: Vec<&LabelName> = Vec::new();
    for s in &found {
        // Runs of one label are common: compare with the last one first.
        if labels.last() != Some(&&s.label) && !labels.contains(&&s.label) {
            labels.push(&s.label);
        }
    }
    add_labels(doc, labels);
    doc.replace_suggestions(found);
}

/// Adds to `doc` whichever of `labels` it lacks (a label the recogniser learned from the person,
/// DRUG or ORG, joins the document when it is suggested there), each with the next colour.
fn add_labels<'a>(doc: &mut Document, labels: impl IntoIterator<Item = &'a LabelName>) {
    let mut added = false;
    for label in labels {
        if doc.label(label).is_none() {
            let color = next_color(doc.labels()).to_string();
            added |= doc.add_label(Label::new(label, &color, None));
        }
    }
    if added {
        doc.number_hotkeys();
    }
}

/// [`apply_found`] for suggestions already checked against the text ([`Placed`]): placed as
/// they are when they fit (see [`Document::place`]), or checked again.
pub fn apply_placed(doc: &mut Document, placed: Placed) {
    add_labels(doc, &placed.labels);
    if let Err(placed) = doc.place(placed) {
        doc.replace_suggestions(placed.spans());
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Editor {
    pub doc: Document,
    /// The document's name; exports are called `<name>.json`.
    pub name: String,
    pub selected: Option<usize>,
    /// A snapped text range waiting for a label.
    pub pending: Option<(usize, usize)>,
    pub notice: Option<Notice>,
    /// Where a click left the caret, outside any span: the start of a keyboard selection.
    pub caret: Option<usize>,
    pub last_decision: Option<Decision>,
    /// The selection came from [`Action::NextSuggestion`]: deciding it moves on to the next.
    pub reviewing: bool,
    /// Shared, so that the copy of the editor every action makes copies pointers, not spans.
    undo: Vec<Arc<Step>>,
    redo: Vec<Arc<Step>>,
    /// Counts changes to the document or its name (not to the selection), for autosave.
    changes: u64,
    /// The text was opened without its spans, which are being found elsewhere (a Web Worker),
    /// and the history has not moved since: when they come they join the opening step
    /// ([`Editor::take_found`]).
    awaiting: bool,
}

impl Default for Editor {
    fn default() -> Self {
        Editor::new(Document::new(""), "article")
    }
}

impl Editor {
    pub fn new(doc: Document, name: &str) -> Self {
        Editor {
            doc,
            name: name.to_string(),
            selected: None,
            pending: None,
            notice: None,
            caret: None,
            last_decision: None,
            reviewing: false,
            undo: Vec::new(),
            redo: Vec::new(),
            changes: 0,
            awaiting: false,
        }
    }

    /// The steps undo and redo would take, oldest first (the last is taken first), for saving.
    pub fn history(&self) -> (&[Arc<Step>], &[Arc<Step>]) {
        (&self.undo, &self.redo)
    }

    /// An editor with a saved undo history, as after a reload.
    pub fn with_steps(doc: Document, name: &str, undo: Vec<Step>, redo: Vec<Step>) -> Self {
        let mut e = Editor::new(doc, name);
        e.undo = undo.into_iter().map(Arc::new).collect();
        e.redo = redo.into_iter().map(Arc::new).collect();
        e
    }

    /// An editor with an undo history saved as whole documents (of the same text), oldest first,
    /// as autosave wrote it before steps: each neighbouring pair becomes a step.
    pub fn with_history(
        doc: Document,
        name: &str,
        undo: Vec<Document>,
        redo: Vec<Document>,
    ) -> Self {
        let mut steps = Vec::with_capacity(undo.len());
        for (i, before) in undo.iter().enumerate() {
            let after = undo.get(i + 1).unwrap_or(&doc);
            steps.push(Step::between(before, after));
        }
        // The last redo state is the one right after `doc`.
        let mut redo_steps = Vec::with_capacity(redo.len());
        for (i, after) in redo.iter().enumerate() {
            let before = redo.get(i + 1).unwrap_or(&doc);
            redo_steps.push(Step::between(before, after));
        }
        Editor::with_steps(doc, name, steps, redo_steps)
    }

    /// Grows whenever the document or its name changes; selections leave it alone.
    pub fn changes(&self) -> u64 {
        self.changes
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// The selected span, if any.
    pub fn selected_span(&self) -> Option<&Span> {
        self.selected.and_then(|i| self.doc.spans().get(i))
    }

    fn info(&mut self, msg: impl Into<String>) {
        self.notice = Some(Notice::Info(msg.into()));
    }

    fn error(&mut self, msg: impl Into<String>) {
        self.notice = Some(Notice::Error(msg.into()));
    }

    /// Takes `doc`, this document with suggestions found elsewhere (after learning), as one
    /// step that undo takes back; the status line stays as it was, since the person did nothing.
    pub fn refresh(&mut self, doc: Document) {
        let before = std::mem::replace(&mut self.doc, doc);
        self.undo_point(before);
        self.selected = None;
        self.pending = None;
    }

    /// Opens `text` as this document, recognised with `recognizer`. One undo step.
    fn open(&mut self, text: &str, name: String, recognizer: &Recognizer) {
        if let Some(message) = too_long(text, "This text") {
            self.error(message);
            return;
        }
        let mut doc = Document::tokenised_later(text);
        suggest(&mut doc, recognizer);
        self.open_document(doc, name, true);
    }

    /// Opens `doc` as this document: recognised already, or with no spans yet (they are found
    /// elsewhere and come through [`Editor::take_found`]). One undo step.
    fn open_document(&mut self, doc: Document, name: String, recognised: bool) {
        let blank = doc.text().trim().is_empty();
        let before = std::mem::replace(&mut self.doc, doc);
        self.undo_point(before);
        self.name = name;
        self.selected = None;
        self.pending = None;
        if blank {
            self.notice = None;
        } else if !recognised {
            self.await_found();
        } else {
            self.found_notice();
        }
    }

    /// "Found N spans", with a word about long articles.
    fn found_notice(&mut self) {
        let found = self.doc.spans().len();
        let words = self.doc.word_count();
        if words > LONG_ARTICLE_WORDS {
            self.info(format!(
                "Found {} in this long article ({}). Opening and reloading \
                 an article this long take seconds; splitting it into several documents \
                 keeps spanlight quick.",
                count(found, "span"),
                count(words, "word")
            ));
        } else {
            self.info(format!("Found {}", count(found, "span")));
        }
    }

    /// Opens `text` with no spans yet: a Web Worker recognises it, and its spans come through
    /// [`Editor::take_found`]. Opening is one undo step, which the spans join when nothing has
    /// changed meanwhile. `false` (with the reason on the status line) if the text is too long.
    /// `doc` is untokenised, as made: a long text's tokens are built a slice at a time
    /// (`Document::tokenise_some`), or at once by whatever needs them first.
    pub fn open_unrecognised(&mut self, doc: Document, name: String) -> bool {
        if let Some(message) = too_long(doc.text(), "This text") {
            self.error(message);
            return false;
        }
        self.open_document(doc, name, false);
        true
    }

    /// The recogniser's spans for this text, found elsewhere, become its suggestions. When
    /// nothing has changed since the text opened they join the opening step, so one undo takes
    /// back the text and its spans together; otherwise they are a step of their own, and the
    /// spans the person made meanwhile win where the two overlap.
    pub fn take_found(&mut self, found: Vec<Span>) {
        self.take(|doc| apply_found(doc, found));
    }

    /// [`Editor::take_found`] for suggestions already checked against the text.
    pub fn take_placed(&mut self, placed: Placed) {
        self.take(|doc| apply_placed(doc, placed));
    }

    /// Puts suggestions in with `apply`, as [`Editor::take_found`] says.
    fn take(&mut self, apply: impl FnOnce(&mut Document)) {
        if self.awaiting {
            self.awaiting = false;
            apply(&mut self.doc);
            self.changes += 1;
            self.selected = None;
        } else {
            let mut after = self.doc.clone();
            apply(&mut after);
            self.refresh(after);
        }
        self.found_notice();
    }

    /// Marks a document opened (or brought back) with no spans as waiting for spans found
    /// elsewhere: they join its last step when they come.
    pub fn await_found(&mut self) {
        self.awaiting = true;
        self.info("Recognising… the text can be read meanwhile; its highlights follow");
    }

    /// The spans being found elsewhere will not come (the person cancelled, or the worker
    /// failed): the text stays as it is, without them, and `why` says so.
    pub fn stop_awaiting(&mut self, why: Notice) {
        self.awaiting = false;
        self.notice = Some(why);
    }

    fn describe(&self, span: &Span) -> String {
        format!("{} “{}”", span.label, self.doc.span_text(span))
    }

    /// Applies `action`, recognising with the shipped recogniser.
    pub fn apply(&mut self, action: Action) {
        self.apply_with(action, &Recognizer::shipped());
    }

    /// Applies `action`; opening and re-recognising use `recognizer` (the workspace's).
    pub fn apply_with(&mut self, action: Action, recognizer: &Recognizer) {
        match action {
            Action::Open { text, name } => self.open(&text, name, recognizer),
            Action::SelectRange { start, end } => {
                self.pending = None;
                self.caret = None;
                self.reviewing = false;
                if start == end {
                    self.selected = self.doc.span_at(start);
                    if self.selected.is_none() {
                        self.caret = Some(start);
                    }
                    return;
                }
                match snap_to_tokens(self.doc.tokens(), start, end) {
                    Some(range) => {
                        self.selected = None;
                        self.pending = Some(range);
                    }
                    None => self.selected = None,
                }
            }
            Action::SelectSpan(i) => {
                self.pending = None;
                self.reviewing = false;
                self.selected = (i < self.doc.spans().len()).then_some(i);
            }
            Action::SelectNext(forward) => {
                let n = self.doc.spans().len();
                if n == 0 {
                    return;
                }
                self.pending = None;
                self.reviewing = false;
                // From the caret, the first span after it (or the last before it).
                let spans = self.doc.spans();
                let after =
                    |c: usize| Some(spans.partition_point(|s| s.start < c)).filter(|&i| i < n);
                let before = |c: usize| spans.partition_point(|s| s.start < c).checked_sub(1);
                self.selected = Some(match (self.selected, forward) {
                    (None, true) => self.caret.and_then(after).unwrap_or(0),
                    (None, false) => self.caret.and_then(before).unwrap_or(n - 1),
                    (Some(i), true) => (i + 1) % n,
                    (Some(i), false) => (i + n - 1) % n,
                });
            }
            // Like Esc in an editor: the selection collapses to a caret at its start, from
            // which the arrows go on.
            Action::ClearSelection => {
                let start = self.pending.map(|p| p.0);
                self.caret = start
                    .or(self.selected_span().map(|s| s.start))
                    .or(self.caret);
                self.selected = None;
                self.pending = None;
                self.reviewing = false;
            }
            Action::MoveCaret(forward) => self.move_caret(forward),
            Action::NextSuggestion(forward) => self.next_suggestion(forward),
            Action::ApplyLabel(label) => self.apply_label(&label),
            Action::DeleteSelected => {
                let Some(i) = self.selected else {
                    self.error("Select a span to delete");
                    return;
                };
                match self.change(|d| d.remove_span(i)) {
                    Ok(span) => {
                        let text = self.doc.span_text(&span).to_string();
                        self.last_decision = Some(Decision::Unlabelled { text });
                        let what = format!("Deleted {}", self.describe(&span));
                        self.selected = None;
                        if self.reviewing {
                            let next = self.advance_review(span.start);
                            self.info(format!("Rejected {}{next}", self.describe(&span)));
                        } else {
                            self.info(what);
                        }
                    }
                    Err(e) => self.error(e.to_string()),
                }
            }
            Action::AcceptSelected => {
                let Some(span) = self.selected_span().cloned() else {
                    return;
                };
                if span.status == SpanStatus::Suggested {
                    let label = span.label.clone();
                    self.apply_label(&label);
                    if matches!(self.notice, Some(Notice::Info(_))) {
                        let next = if self.reviewing {
                            self.advance_review(span.start)
                        } else {
                            String::new()
                        };
                        self.info(format!("Accepted {}{next}", self.describe(&span)));
                    }
                } else if self.reviewing {
                    let next = self.advance_review(span.start);
                    self.info(format!(
                        "{} was already accepted{next}",
                        self.describe(&span)
                    ));
                }
            }
            Action::Recognize => {
                let before = self.doc.clone();
                suggest(&mut self.doc, recognizer);
                self.undo_point(before);
                self.selected = None;
                self.pending = None;
                self.info(format!("Found {}", count(self.doc.spans().len(), "span")));
            }
            Action::Rename(name) => {
                self.changes += 1;
                let name = name.trim();
                self.name = if name.is_empty() {
                    "article".into()
                } else {
                    name.to_string()
                };
                self.info(format!("Renamed the document “{}”", self.name));
            }
            Action::Undo => self.step_history(true),
            Action::Redo => self.step_history(false),
            Action::DismissNotice => self.notice = None,
            Action::Notify(notice) => self.notice = Some(notice),
            Action::Extend { edge, forward } => self.extend(edge, forward),
            Action::SetEdge { edge, at } => self.set_edge(edge, at),
            Action::AcceptAll => {
                match self.change(|d| match d.accept_all() {
                    0 => Err(()),
                    n => Ok(n),
                }) {
                    Ok(n) => self.info(format!("Accepted {}", count(n, "suggestion"))),
                    Err(()) => self.info("There are no suggestions left to accept"),
                }
            }
            Action::ApplyToAll => self.apply_to_all(),
            Action::Replace {
                start,
                end,
                spans,
                what,
            } => {
                let result = self.change(|d| {
                    let mut kept: Vec<Span> = d
                        .spans()
                        .iter()
                        .filter(|s| !(s.start < end && start < s.end))
                        .cloned()
                        .collect();
                    kept.extend(spans);
                    d.set_spans(kept)
                });
                match result {
                    Ok(()) => {
                        self.selected = None;
                        self.pending = None;
                        self.info(what);
                    }
                    Err(e) => self.error(format!("Cannot do that here: {e}")),
                }
            }
            Action::AddLabel(name) => {
                let name = match self.doc.check_label_name(&name, None) {
                    Ok(name) => name,
                    Err(e) => return self.error(capitalised(&e.to_string())),
                };
                let color = next_color(self.doc.labels()).to_string();
                let added = self.change(|d| {
                    if !d.add_label(Label::new(&name, &color, None)) {
                        return Err(());
                    }
                    d.number_hotkeys();
                    Ok(())
                });
                match added {
                    Ok(()) => self.info(format!("Added the label {name}")),
                    Err(()) => self.error(format!("There is already a label “{name}”")),
                }
            }
            Action::RenameLabel { from, to } => self.label_edit(|d| {
                d.rename_label(&from, &to)
                    .map(|_| format!("Renamed the label {from} to {}", to.trim()))
            }),
            Action::RecolorLabel { name, color } => self.label_edit(|d| {
                d.set_label_color(&name, &color)
                    .map(|_| format!("Changed the colour of {name} to {color}"))
            }),
            Action::MoveLabel { name, by } => self.label_edit(|d| {
                d.move_label(&name, by).map(|_| {
                    let at = d.labels().iter().position(|l| l.name == name).unwrap_or(0);
                    format!("Moved {name} to place {} of {}", at + 1, d.labels().len())
                })
            }),
            Action::DeleteLabel(name) => {
                self.selected = None;
                self.label_edit(|d| {
                    d.remove_label(&name)
                        .map(|n| format!("Deleted the label {name} and its {}", count(n, "span")))
                })
            }
        }
    }

    fn apply_label(&mut self, label: &str) {
        if self.doc.label(label).is_none() {
            self.error(format!("There is no label “{label}”"));
            return;
        }
        if let Some((start, end)) = self.pending {
            match self.change(|d| d.add_span(Span::new(start, end, label))) {
                Ok(replaced) => {
                    self.pending = None;
                    self.caret = None;
                    self.last_decision = Some(Decision::Labelled {
                        text: self.doc.slice(start, end).to_string(),
                        label: label.to_string(),
                    });
                    self.selected = self.doc.span_at(start);
                    let added = format!("{label} “{}”", self.doc.slice(start, end));
                    if replaced.is_empty() {
                        self.info(format!("Added {added}"));
                    } else {
                        let old: Vec<String> = replaced.iter().map(|s| self.describe(s)).collect();
                        self.info(format!("Added {added}, replacing {}", old.join(", ")));
                    }
                }
                Err(e) => self.error(format!("Cannot add that span: {e}")),
            }
        } else if let Some(i) = self.selected {
            match self.change(|d| d.set_label(i, label)) {
                Ok(()) => {
                    let now = self.doc.spans()[i].clone();
                    self.last_decision = Some(Decision::Labelled {
                        text: self.doc.span_text(&now).to_string(),
                        label: label.to_string(),
                    });
                    let msg = format!("Labelled {}", self.describe(&now));
                    self.info(msg);
                }
                Err(e) => self.error(e.to_string()),
            }
        } else {
            self.error("Select some text or a span first, then choose a label");
        }
    }

    /// Runs a label-set change as one undo step, reporting its message or error.
    fn label_edit<E: std::fmt::Display>(
        &mut self,
        f: impl FnOnce(&mut Document) -> Result<String, E>,
    ) {
        match self.change(f) {
            Ok(msg) => self.info(msg),
            Err(e) => self.error(capitalised(&e.to_string())),
        }
    }

    /// Runs an edit of the document as one undo step: recorded when it succeeds; when it fails
    /// the document is put back as it was, so a failed edit never changes anything.
    fn change<T, E>(&mut self, f: impl FnOnce(&mut Document) -> Result<T, E>) -> Result<T, E> {
        let before = self.doc.clone();
        let result = f(&mut self.doc);
        match &result {
            Ok(_) => self.undo_point(before),
            Err(_) => self.doc = before,
        }
        result
    }

    fn extend(&mut self, edge: Edge, forward: bool) {
        let toks = self.doc.tokens();
        let moved = |edge: Edge, (s, e): (usize, usize)| -> Option<(usize, usize)> {
            match (edge, forward) {
                (Edge::End, true) => Some((s, step::next_end(toks, e)?)),
                (Edge::End, false) => Some((s, step::prev_end(toks, e).filter(|&x| x > s)?)),
                (Edge::Start, true) => Some((step::next_start(toks, s).filter(|&x| x < e)?, e)),
                (Edge::Start, false) => Some((step::prev_start(toks, s)?, e)),
            }
        };
        if let Some(i) = self.selected {
            let span = &self.doc.spans()[i];
            if let Some((s, e)) = moved(edge, (span.start, span.end)) {
                self.resize(i, s, e);
            }
        } else if let Some(range) = self.pending {
            // A selection made leftwards from the caret has its moving end at the start, as in
            // an editor: Shift+← grows it to the left, Shift+→ shrinks it (to nothing at last).
            let leftwards = edge == Edge::End && self.caret.is_some_and(|c| c >= range.1);
            match moved(if leftwards { Edge::Start } else { edge }, range) {
                Some(range) => self.pending = Some(range),
                None if leftwards && forward => self.pending = None,
                None => {}
            }
        } else {
            // From the caret (or, with none yet, from the text's edge): the token after it
            // (forward) or before it (backward).
            let c = self
                .caret
                .unwrap_or(if forward { 0 } else { self.doc.char_len() });
            let range = if forward {
                step::next_end(toks, c).and_then(|e| snap_to_tokens(toks, e - 1, e))
            } else {
                step::prev_start(toks, c).and_then(|s| snap_to_tokens(toks, s, s + 1))
            };
            self.pending = range;
        }
    }

    /// The reading caret a word on: to the next word's start (or the text's end), or back to
    /// the previous word's start. A pending range or a selected span collapses to the caret at
    /// its end (forward) or start.
    fn move_caret(&mut self, forward: bool) {
        let toks = self.doc.tokens();
        let range = self
            .pending
            .or(self.selected_span().map(|s| (s.start, s.end)));
        let at = match (range, self.caret, forward) {
            (Some((_, e)), _, true) => e,
            (Some((s, _)), _, false) => s,
            (None, None, true) => toks.first().map_or(0, |t| t.start),
            (None, None, false) => toks.last().map_or(0, |t| t.start),
            (None, Some(c), true) => step::next_start(toks, c).unwrap_or(self.doc.char_len()),
            (None, Some(c), false) => step::prev_start(toks, c).unwrap_or(0),
        };
        self.caret = Some(at);
        self.pending = None;
        self.selected = None;
        self.reviewing = false;
    }

    /// What the caret is at, for a person who cannot see it: `before “Lavrov”`.
    pub fn caret_context(&self) -> Option<String> {
        let c = self.caret?;
        let word = self.doc.tokens().iter().find(|t| t.end > c);
        Some(match word {
            Some(t) if t.start >= c => format!("before “{}”", self.doc.slice(t.start, t.end)),
            Some(t) => format!("inside “{}”", self.doc.slice(t.start, t.end)),
            None => "at the end of the text".to_string(),
        })
    }

    fn is_suggestion(&self, i: usize) -> bool {
        self.doc
            .spans()
            .get(i)
            .is_some_and(|s| s.status == SpanStatus::Suggested)
    }

    /// Review's progress: the selected suggestion's place among those still to decide (when a
    /// suggestion is selected), and how many are still to decide.
    pub fn to_decide(&self) -> (Option<usize>, usize) {
        // From the counts the chunks of spans keep: the panel shows this on every render, and
        // an article can have a million spans.
        let spans = self.doc.spans();
        let at = self
            .selected
            .filter(|&i| self.is_suggestion(i))
            .map(|i| spans.suggested_before(i) + 1);
        (at, spans.suggested())
    }

    fn next_suggestion(&mut self, forward: bool) {
        let spans = self.doc.spans();
        let (Some(first), Some(last)) =
            (spans.next_suggested(0), spans.prev_suggested(spans.len()))
        else {
            self.selected = None;
            self.pending = None;
            self.reviewing = false;
            self.info("No suggestions left to decide");
            return;
        };
        let spans = self.doc.spans();
        let here = self.pending.map(|p| p.0).or(self.caret);
        let at = |c: usize| spans.partition_point(|s| s.start < c);
        let pick = match (self.selected, here, forward) {
            (Some(i), _, true) => spans.next_suggested(i + 1),
            (Some(i), _, false) => spans.prev_suggested(i),
            (None, Some(c), true) => spans.next_suggested(at(c)),
            (None, Some(c), false) => spans.prev_suggested(at(c)),
            (None, None, _) => None,
        }
        .unwrap_or(if forward { first } else { last });
        self.selected = Some(pick);
        self.pending = None;
        self.caret = None;
        self.reviewing = true;
    }

    /// After a decision in review: selects the next suggestion after code point `after`
    /// (wrapping round) and says how many are left.
    fn advance_review(&mut self, after: usize) -> String {
        let spans = self.doc.spans();
        let next = spans
            .next_suggested(spans.partition_point(|s| s.start <= after))
            .or_else(|| spans.next_suggested(0));
        self.selected = next;
        self.reviewing = next.is_some();
        match self.to_decide() {
            (_, 0) => "; every suggestion is decided".to_string(),
            (_, left) => format!("; {} left to decide", crate::core::wording::grouped(left)),
        }
    }

    fn set_edge(&mut self, edge: Edge, at: usize) {
        let Some(i) = self.selected else { return };
        let span = self.doc.spans()[i].clone();
        let toks = self.doc.tokens();
        let range = match edge {
            // The start of the token under the pointer, or of the next one in white space.
            Edge::Start => snap_to_tokens(toks, at, at)
                .map(|r| r.0)
                .or_else(|| step::next_start(toks, at))
                .filter(|&s| s < span.end)
                .map(|s| (s, span.end)),
            // The end of the token just before the pointer, or of the previous one.
            Edge::End => at
                .checked_sub(1)
                .and_then(|a| snap_to_tokens(toks, a, a))
                .map(|r| r.1)
                .or_else(|| step::prev_end(toks, at))
                .filter(|&e| e > span.start)
                .map(|e| (span.start, e)),
        };
        if let Some((s, e)) = range.filter(|&r| r != (span.start, span.end)) {
            self.resize(i, s, e);
        }
    }

    fn resize(&mut self, i: usize, start: usize, end: usize) {
        match self.change(|d| d.resize_span(i, start, end)) {
            Ok(()) => {
                let now = self.doc.spans()[i].clone();
                self.info(format!("Resized to {}", self.describe(&now)));
            }
            Err(e) => self.error(format!("Cannot resize: {e}")),
        }
    }

    /// Every occurrence of `text` in the document that covers whole tokens, in code points.
    fn occurrences(&self, text: &str) -> Vec<(usize, usize)> {
        let map = self.doc.offsets();
        let len = text.chars().count();
        self.doc
            .text()
            .match_indices(text)
            .filter_map(|(b, _)| map.byte_to_cp(b))
            .map(|s| (s, s + len))
            .filter(|&(s, e)| step::is_whole(self.doc.tokens(), s, e))
            .collect()
    }

    fn apply_to_all(&mut self) {
        let Some(decision) = self.last_decision.clone() else {
            self.error("Label or delete a span first; then this repeats it everywhere");
            return;
        };
        let occurrences = match &decision {
            Decision::Labelled { text, .. } => self.occurrences(text),
            Decision::Unlabelled { .. } => Vec::new(),
        };
        // One undo step; nothing changed is no step at all.
        let changed = self.change(|d| {
            let n = match &decision {
                Decision::Labelled { label, .. } => {
                    let mut n = 0;
                    for (s, e) in occurrences {
                        // A person's earlier decision on an overlapping span is not overruled,
                        // and one already made here needs no repeating.
                        let (first, last) = d.overlapping(s, e);
                        let decided = d
                            .spans()
                            .range(first, last)
                            .any(|x| x.status == SpanStatus::Accepted);
                        if !decided && d.add_span(Span::new(s, e, label.clone())).is_ok() {
                            n += 1;
                        }
                    }
                    n
                }
                Decision::Unlabelled { text } => {
                    let keep: Vec<Span> = d
                        .spans()
                        .iter()
                        .filter(|s| d.span_text(s) != text)
                        .cloned()
                        .collect();
                    let n = d.spans().len() - keep.len();
                    d.set_spans(keep).map_err(|_| 0usize)?;
                    n
                }
            };
            if n == 0 {
                Err(0)
            } else {
                Ok(n)
            }
        });
        let n = changed.unwrap_or_else(|n| n);
        if n > 0 {
            self.selected = None;
        }
        let n_more = crate::core::wording::grouped(n);
        self.info(match (&decision, n) {
            (Decision::Labelled { text, label }, 0) => {
                format!("Every other “{text}” is already decided: nothing to repeat as {label}")
            }
            (Decision::Labelled { text, label }, _) => {
                format!("Labelled {n_more} more “{text}” as {label}")
            }
            (Decision::Unlabelled { text }, 0) => {
                format!("There is no other “{text}” span to remove")
            }
            (Decision::Unlabelled { text }, _) => {
                format!("Removed {n_more} more “{text}” span{}", plural(n))
            }
        });
    }

    /// Records the step from `before` to the document now, after a change succeeded.
    fn undo_point(&mut self, before: Document) {
        self.changes += 1;
        self.awaiting = false;
        self.undo.push(Arc::new(Step::between(&before, &self.doc)));
        if self.undo.len() > UNDO_DEPTH {
            self.undo.remove(0);
        }
        self.redo.clear();
    }

    fn step_history(&mut self, back: bool) {
        let (from, to) = if back {
            (&mut self.undo, &mut self.redo)
        } else {
            (&mut self.redo, &mut self.undo)
        };
        let Some(step) = from.pop() else {
            self.error(if back {
                "Nothing to undo"
            } else {
                "Nothing to redo"
            });
            return;
        };
        self.awaiting = false;
        match Arc::unwrap_or_clone(step).apply(&mut self.doc, back) {
            Ok(other) => to.push(Arc::new(other)),
            Err(e) => {
                // Only a saved history that no longer fits gets here: it is dropped whole.
                self.undo.clear();
                self.redo.clear();
                self.error(format!(
                    "Cannot {} here ({e}); the undo history is cleared",
                    if back { "undo" } else { "redo" }
                ));
                return;
            }
        }
        self.changes += 1;
        self.selected = None;
        self.reviewing = false;
        self.pending = None;
        self.info(if back { "Undone" } else { "Redone" });
    }
}

/// An error from the core, which starts in lower case, as a sentence for the status line.
fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::document::{PERSON, PLACE};

    fn open(text: &str) -> Editor {
        let mut e = Editor::default();
        e.apply(Action::Open {
            text: text.into(),
            name: "t".into(),
        });
        e
    }

    fn spans(e: &Editor) -> Vec<(String, &str)> {
        e.doc
            .spans()
            .iter()
            .map(|s| (e.doc.span_text(s).to_string(), s.label.as_str()))
            .collect()
    }

    #[test]
    fn a_selection_snaps_to_tokens_and_takes_a_label() {
        let mut e = open("Minister Jean-Marc Ayrault arrived.");
        e.apply(Action::ClearSelection);
        let existing = e.doc.spans().len();
        // "an-Marc Ayra" from the middle of words.
        e.apply(Action::SelectRange { start: 11, end: 23 });
        assert_eq!(e.pending, Some((9, 26)));
        e.apply(Action::ApplyLabel(PERSON.into()));
        assert!(spans(&e).contains(&("Jean-Marc Ayrault".into(), PERSON)));
        assert!(e.doc.spans().len() <= existing + 1);
        let i = e.selected.expect("the new span is selected");
        assert_eq!(e.doc.spans()[i].status, SpanStatus::Accepted);
    }

    #[test]
    fn relabel_delete_undo_redo() {
        let mut e = open("Jordan toured Jordan");
        e.apply(Action::SelectRange { start: 14, end: 20 });
        e.apply(Action::ApplyLabel(PLACE.into()));
        e.apply(Action::SelectRange { start: 0, end: 6 });
        e.apply(Action::ApplyLabel(PERSON.into()));
        let i = e.doc.span_at(0).unwrap();
        e.apply(Action::SelectSpan(i));
        e.apply(Action::ApplyLabel(PLACE.into()));
        assert_eq!(e.doc.spans()[i].label, PLACE);
        e.apply(Action::DeleteSelected);
        assert_eq!(e.doc.span_at(0), None);
        assert!(matches!(&e.notice, Some(Notice::Info(m)) if m.contains("Jordan")));
        e.apply(Action::Undo);
        assert_eq!(e.doc.spans()[e.doc.span_at(0).unwrap()].label, PLACE);
        e.apply(Action::Undo);
        assert_eq!(e.doc.spans()[e.doc.span_at(0).unwrap()].label, PERSON);
        e.apply(Action::Redo);
        e.apply(Action::Redo);
        assert_eq!(e.doc.span_at(0), None);
        e.apply(Action::Redo);
        assert_eq!(e.notice, Some(Notice::Error("Nothing to redo".into())));
        e.doc.check_invariants().unwrap();
    }

    #[test]
    fn labelling_nothing_or_white_space_says_why() {
        let mut e = open("Kerry  met");
        e.apply(Action::ClearSelection);
        e.apply(Action::ApplyLabel(PERSON.into()));
        assert!(matches!(e.notice, Some(Notice::Error(_))));
        e.apply(Action::SelectRange { start: 5, end: 7 });
        assert_eq!(e.pending, None, "white space alone selects nothing");
        e.apply(Action::ApplyLabel("NOPE".into()));
        assert!(matches!(e.notice, Some(Notice::Error(ref m)) if m.contains("NOPE")));
    }

    #[test]
    fn tab_order_walks_spans_and_wraps() {
        let mut e = open("a b c");
        for (s, t) in [(0, 1), (2, 3), (4, 5)] {
            e.apply(Action::SelectRange { start: s, end: t });
            e.apply(Action::ApplyLabel(PERSON.into()));
        }
        e.apply(Action::ClearSelection);
        e.caret = None;
        e.apply(Action::SelectNext(true));
        assert_eq!(e.selected, Some(0));
        e.apply(Action::SelectNext(false));
        assert_eq!(e.selected, Some(2));
        // From a caret, Tab goes to the span after it, Shift+Tab to the one before.
        e.apply(Action::SelectRange { start: 1, end: 1 });
        e.apply(Action::SelectNext(true));
        assert_eq!(e.selected, Some(1));
        e.apply(Action::SelectRange { start: 3, end: 3 });
        e.apply(Action::SelectNext(false));
        assert_eq!(e.selected, Some(1));
    }

    #[test]
    fn a_very_long_article_opens_with_a_plain_warning() {
        let e = open(&"word ".repeat(LONG_ARTICLE_WORDS + 1));
        assert!(matches!(&e.notice, Some(Notice::Info(m)) if m.contains("splitting it")));
        let e = open("Kerry met Lavrov");
        assert!(matches!(&e.notice, Some(Notice::Info(m)) if m.starts_with("Found")));
    }

    #[test]
    fn opening_a_new_text_can_be_undone() {
        let mut e = open("Kerry");
        e.apply(Action::SelectRange { start: 0, end: 5 });
        e.apply(Action::ApplyLabel(PERSON.into()));
        e.apply(Action::Open {
            text: String::new(),
            name: "article".into(),
        });
        assert_eq!(e.doc.text(), "");
        e.apply(Action::Undo);
        assert_eq!(e.doc.text(), "Kerry");
        assert_eq!(e.doc.spans().len(), 1);
    }

    fn add(e: &mut Editor, start: usize, end: usize, label: &str) {
        e.apply(Action::SelectRange { start, end });
        e.apply(Action::ApplyLabel(label.into()));
    }

    #[test]
    fn keyboard_resizing_moves_one_token_at_a_time() {
        let mut e = open("Foreign Minister Jean-Marc Ayrault said");
        e.doc.set_spans(vec![]).unwrap();
        add(&mut e, 17, 26, PERSON); // "Jean-Marc"
        e.apply(Action::Extend {
            edge: Edge::End,
            forward: true,
        });
        assert_eq!(spans(&e), [("Jean-Marc Ayrault".into(), PERSON)]);
        e.apply(Action::Extend {
            edge: Edge::Start,
            forward: false,
        });
        assert_eq!(spans(&e)[0].0, "Minister Jean-Marc Ayrault");
        e.apply(Action::Extend {
            edge: Edge::Start,
            forward: true,
        });
        e.apply(Action::Extend {
            edge: Edge::End,
            forward: false,
        });
        assert_eq!(spans(&e)[0].0, "Jean-Marc");
        e.apply(Action::Undo);
        assert_eq!(spans(&e)[0].0, "Jean-Marc Ayrault", "each step is undoable");
    }

    #[test]
    fn a_caret_and_shift_arrows_make_a_range_for_the_keyboard() {
        let mut e = open("met Sergei Lavrov today");
        e.doc.set_spans(vec![]).unwrap();
        e.apply(Action::SelectRange { start: 4, end: 4 });
        assert_eq!(e.caret, Some(4));
        e.apply(Action::Extend {
            edge: Edge::End,
            forward: true,
        });
        assert_eq!(e.pending, Some((4, 10)));
        e.apply(Action::Extend {
            edge: Edge::End,
            forward: true,
        });
        assert_eq!(e.pending, Some((4, 17)));
        e.apply(Action::ApplyLabel(PERSON.into()));
        assert_eq!(spans(&e), [("Sergei Lavrov".into(), PERSON)]);
    }

    #[test]
    fn arrows_move_a_word_caret_and_esc_collapses_to_it() {
        let mut e = open("met Sergei Lavrov today");
        e.doc.set_spans(vec![]).unwrap();
        // No caret yet: → starts at the first word, then goes word by word.
        e.apply(Action::MoveCaret(true));
        assert_eq!(e.caret, Some(0));
        e.apply(Action::MoveCaret(true));
        assert_eq!(e.caret_context().as_deref(), Some("before “Sergei”"));
        for _ in 0..2 {
            e.apply(Action::Extend {
                edge: Edge::End,
                forward: true,
            });
        }
        e.apply(Action::ApplyLabel(PERSON.into()));
        assert_eq!(spans(&e), [("Sergei Lavrov".into(), PERSON)]);
        // → from the new span: the caret goes past it, then on; ← comes back a word.
        e.apply(Action::MoveCaret(true));
        assert_eq!((e.caret, e.selected), (Some(17), None));
        e.apply(Action::MoveCaret(true));
        assert_eq!(e.caret_context().as_deref(), Some("before “today”"));
        e.apply(Action::MoveCaret(true));
        assert_eq!(e.caret_context().as_deref(), Some("at the end of the text"));
        e.apply(Action::MoveCaret(true));
        assert_eq!(e.caret, Some(23), "the caret stops at the end");
        e.apply(Action::MoveCaret(false));
        e.apply(Action::MoveCaret(false));
        assert_eq!(e.caret_context().as_deref(), Some("before “Lavrov”"));
        // Esc after Shift+→ collapses the selection to a caret at its start.
        e.apply(Action::Extend {
            edge: Edge::End,
            forward: true,
        });
        assert_eq!(e.pending, Some((11, 17)));
        e.apply(Action::ClearSelection);
        assert_eq!((e.caret, e.pending), (Some(11), None));
        // Shift+← from the caret selects leftwards, word by word; Shift+→ takes words back.
        let left = Action::Extend {
            edge: Edge::End,
            forward: false,
        };
        let right = Action::Extend {
            edge: Edge::End,
            forward: true,
        };
        e.apply(left.clone());
        assert_eq!(e.pending, Some((4, 10)), "Sergei");
        e.apply(left.clone());
        assert_eq!(e.pending, Some((0, 10)), "met Sergei");
        e.apply(right.clone());
        assert_eq!(e.pending, Some((4, 10)));
        e.apply(right);
        assert_eq!(
            (e.pending, e.caret),
            (None, Some(11)),
            "back to the bare caret"
        );
        // With no caret at all, Shift+→ still selects: the first word.
        let mut fresh = open("Kerry met Lavrov");
        fresh.apply(Action::ClearSelection);
        fresh.caret = None;
        fresh.apply(Action::Extend {
            edge: Edge::End,
            forward: true,
        });
        assert_eq!(fresh.pending, Some((0, 5)));
    }

    #[test]
    fn review_goes_through_suggestions_one_by_one() {
        let mut e = open("Kerry met Lavrov and Zarif in Geneva");
        e.doc.replace_suggestions(vec![
            Span::new(0, 5, PERSON),
            Span::new(10, 16, PERSON),
            Span::new(21, 26, PERSON),
            Span::new(30, 36, PLACE),
        ]);
        assert_eq!(e.to_decide(), (None, 4));
        e.apply(Action::NextSuggestion(false));
        assert_eq!(
            e.selected_span().unwrap().start,
            30,
            "K from nowhere: the last"
        );
        e.apply(Action::NextSuggestion(true));
        assert_eq!(e.to_decide(), (Some(1), 4), "J wraps round to the first");
        e.apply(Action::AcceptSelected);
        assert_eq!(e.doc.spans()[0].status, SpanStatus::Accepted);
        assert_eq!(e.selected_span().unwrap().start, 10, "accepting moves on");
        assert_eq!(e.to_decide(), (Some(1), 3));
        assert!(
            matches!(&e.notice, Some(Notice::Info(m)) if m == "Accepted PERSON “Kerry”; 3 left to decide"),
            "{:?}",
            e.notice
        );
        e.apply(Action::DeleteSelected);
        assert_eq!(e.selected_span().unwrap().start, 21, "rejecting moves on");
        assert!(
            matches!(&e.notice, Some(Notice::Info(m)) if m.starts_with("Rejected PERSON “Lavrov”"))
        );
        e.apply(Action::NextSuggestion(true));
        e.apply(Action::AcceptSelected);
        assert_eq!(
            e.selected_span().unwrap().start,
            21,
            "wraps round to what is left"
        );
        e.apply(Action::AcceptSelected);
        assert_eq!((e.selected, e.to_decide()), (None, (None, 0)));
        assert!(
            matches!(&e.notice, Some(Notice::Info(m)) if m.ends_with("every suggestion is decided"))
        );
        e.apply(Action::NextSuggestion(true));
        assert_eq!(
            e.notice,
            Some(Notice::Info("No suggestions left to decide".into()))
        );
        // Outside review, accepting stays on the span.
        e.apply(Action::Undo);
        e.apply(Action::SelectSpan(1));
        e.apply(Action::AcceptSelected);
        assert_eq!(e.selected, Some(1));
    }

    #[test]
    fn apply_to_all_with_nothing_left_says_so() {
        let mut e = open("Jordan met Kerry");
        e.doc.set_spans(vec![]).unwrap();
        add(&mut e, 0, 6, PLACE);
        e.apply(Action::ApplyToAll);
        assert!(
            matches!(&e.notice, Some(Notice::Info(m)) if m.contains("nothing to repeat")),
            "{:?}",
            e.notice
        );
        e.apply(Action::SelectSpan(0));
        e.apply(Action::DeleteSelected);
        e.apply(Action::ApplyToAll);
        assert_eq!(
            e.notice,
            Some(Notice::Info(
                "There is no other “Jordan” span to remove".into()
            ))
        );
    }

    #[test]
    fn label_names_are_checked_when_added_or_renamed() {
        let mut e = open("Kerry");
        e.apply(Action::AddLabel("person".into()));
        assert_eq!(
            e.notice,
            Some(Notice::Error("There is already a label \"PERSON\"".into()))
        );
        e.apply(Action::AddLabel("X".repeat(300)));
        assert!(matches!(&e.notice, Some(Notice::Error(m)) if m.contains("up to 40")));
        assert_eq!(e.doc.labels().len(), 3);
        e.apply(Action::RenameLabel {
            from: PLACE.into(),
            to: "number".into(),
        });
        assert!(matches!(&e.notice, Some(Notice::Error(_))));
        assert!(e.doc.label(PLACE).is_some());
    }

    #[test]
    fn dragging_an_edge_snaps_to_tokens() {
        let mut e = open("Dr. Sarah O'Neill met them");
        e.doc.set_spans(vec![]).unwrap();
        add(&mut e, 4, 9, PERSON);
        e.apply(Action::SetEdge {
            edge: Edge::End,
            at: 13,
        }); // inside O'Neill
        assert_eq!(spans(&e)[0].0, "Sarah O'Neill");
        e.apply(Action::SetEdge {
            edge: Edge::Start,
            at: 0,
        });
        assert_eq!(spans(&e)[0].0, "Dr. Sarah O'Neill");
        e.apply(Action::SetEdge {
            edge: Edge::Start,
            at: 40,
        });
        assert_eq!(
            spans(&e)[0].0,
            "Dr. Sarah O'Neill",
            "an edge cannot pass the other"
        );
    }

    #[test]
    fn apply_to_all_repeats_a_decision_on_whole_tokens_only() {
        let mut e = open("Jordan met Jordanians. Jordan, again: Jordan.");
        e.doc.set_spans(vec![]).unwrap();
        add(&mut e, 0, 6, PLACE);
        e.apply(Action::ApplyToAll);
        let found = spans(&e);
        assert_eq!(found.len(), 3, "{found:?}: not inside Jordanians");
        assert!(found.iter().all(|(t, l)| t == "Jordan" && *l == PLACE));
        e.apply(Action::SelectSpan(1));
        e.apply(Action::DeleteSelected);
        e.apply(Action::ApplyToAll);
        assert!(e.doc.spans().is_empty());
        e.apply(Action::Undo);
        assert_eq!(e.doc.spans().len(), 2, "one undo step brings all back");
    }

    #[test]
    fn accept_all_and_accepted_only_export() {
        let mut e = open("x");
        e.doc.replace_suggestions(vec![Span::new(0, 1, PLACE)]);
        assert_eq!(e.doc.accepted_only().spans().len(), 0);
        e.apply(Action::AcceptAll);
        assert_eq!(e.doc.spans()[0].status, SpanStatus::Accepted);
        assert_eq!(e.doc.accepted_only().spans().len(), 1);
    }

    #[test]
    fn labels_of_ones_own() {
        let mut e = open("IBM hired Kerry");
        e.doc.set_spans(vec![]).unwrap();
        e.apply(Action::AddLabel("ORG".into()));
        let org = e.doc.label("ORG").unwrap().clone();
        assert_eq!(org.hotkey, Some('4'));
        assert!(!org.color.is_empty());
        add(&mut e, 0, 3, "ORG");
        e.apply(Action::RenameLabel {
            from: "ORG".into(),
            to: "COMPANY".into(),
        });
        assert_eq!(spans(&e), [("IBM".into(), "COMPANY")]);
        e.apply(Action::AddLabel("COMPANY".into()));
        assert!(matches!(e.notice, Some(Notice::Error(_))));
        e.apply(Action::DeleteLabel("COMPANY".into()));
        assert!(e.doc.spans().is_empty());
        e.apply(Action::Undo);
        assert_eq!(spans(&e), [("IBM".into(), "COMPANY")]);
    }

    #[test]
    fn an_article_past_the_limit_is_refused_before_any_work() {
        let mut e = open("Kerry met Lavrov");
        let before = e.doc.clone();
        let huge = "Kerry met Lavrov. ".repeat(crate::core::document::MAX_TEXT_BYTES / 18 + 1);
        e.apply(Action::Open {
            text: huge,
            name: "huge".into(),
        });
        assert_eq!(e.doc, before, "the open document is kept");
        match &e.notice {
            Some(Notice::Error(m)) => assert!(m.contains("split it"), "{m}"),
            other => panic!("{other:?}"),
        }
    }
}
