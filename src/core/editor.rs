//! The editing session: one document, what is selected, and the undo history.
//!
//! Every user verb is an [`Action`]; [`Editor::apply`] is the reducer. The browser app only turns
//! events into actions and the editor into HTML, so all editing behaviour is tested natively.

use std::sync::Arc;

use super::document::{Document, Span, SpanStatus};
use super::recognizer::recognize;
use super::text::snap_to_tokens;

/// How many edits can be undone; snapshots share the text, so each costs only its spans.
const UNDO_DEPTH: usize = 500;

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
    undo: Vec<Arc<Document>>,
    redo: Vec<Arc<Document>>,
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
            undo: Vec::new(),
            redo: Vec::new(),
        }
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

    /// Records the current document before a change, so it can be undone.
    fn checkpoint(&mut self) {
        self.undo_point(self.doc.clone());
    }

    fn describe(&self, span: &Span) -> String {
        format!("{} “{}”", span.label, self.doc.span_text(span))
    }

    pub fn apply(&mut self, action: Action) {
        match action {
            Action::Open { text, name } => {
                self.checkpoint();
                let mut doc = Document::new(&text);
                doc.replace_suggestions(recognize(&text));
                let count = doc.spans().len();
                self.doc = doc;
                self.name = name;
                self.selected = None;
                self.pending = None;
                if text.trim().is_empty() {
                    self.notice = None;
                } else {
                    self.info(format!(
                        "Found {count} span{}",
                        if count == 1 { "" } else { "s" }
                    ));
                }
            }
            Action::SelectRange { start, end } => {
                self.pending = None;
                if start == end {
                    self.selected = self.doc.span_at(start);
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
                self.selected = (i < self.doc.spans().len()).then_some(i);
            }
            Action::SelectNext(forward) => {
                let n = self.doc.spans().len();
                if n == 0 {
                    return;
                }
                self.pending = None;
                self.selected = Some(match (self.selected, forward) {
                    (None, true) => 0,
                    (None, false) => n - 1,
                    (Some(i), true) => (i + 1) % n,
                    (Some(i), false) => (i + n - 1) % n,
                });
            }
            Action::ClearSelection => {
                self.selected = None;
                self.pending = None;
            }
            Action::ApplyLabel(label) => self.apply_label(&label),
            Action::DeleteSelected => {
                let Some(i) = self.selected else {
                    self.error("Select a span to delete");
                    return;
                };
                let before = self.doc.clone();
                match self.doc.remove_span(i) {
                    Ok(span) => {
                        self.undo_point(before);
                        let what = format!("Deleted {}", self.describe(&span));
                        self.info(what);
                        self.selected = None;
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
                }
            }
            Action::Recognize => {
                self.checkpoint();
                let text = self.doc.text().to_string();
                self.doc.replace_suggestions(recognize(&text));
                self.selected = None;
                self.pending = None;
                self.info(format!("Found {} spans", self.doc.spans().len()));
            }
            Action::Rename(name) => {
                let name = name.trim();
                self.name = if name.is_empty() {
                    "article".into()
                } else {
                    name.to_string()
                };
            }
            Action::Undo => self.step_history(true),
            Action::Redo => self.step_history(false),
            Action::DismissNotice => self.notice = None,
            Action::Notify(notice) => self.notice = Some(notice),
        }
    }

    fn apply_label(&mut self, label: &str) {
        if self.doc.label(label).is_none() {
            self.error(format!("There is no label “{label}”"));
            return;
        }
        if let Some((start, end)) = self.pending {
            let before = self.doc.clone();
            match self.doc.add_span(Span::new(start, end, label)) {
                Ok(replaced) => {
                    self.undo_point(before);
                    self.pending = None;
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
            let before = self.doc.clone();
            match self.doc.set_label(i, label) {
                Ok(()) => {
                    self.undo_point(before);
                    let now = self.doc.spans()[i].clone();
                    let msg = format!("Labelled {}", self.describe(&now));
                    self.info(msg);
                }
                Err(e) => self.error(e.to_string()),
            }
        } else {
            self.error("Select some text or a span first, then choose a label");
        }
    }

    /// Records `before` as an undo step after a change succeeded.
    fn undo_point(&mut self, before: Document) {
        self.undo.push(Arc::new(before));
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
        let Some(doc) = from.pop() else {
            self.error(if back {
                "Nothing to undo"
            } else {
                "Nothing to redo"
            });
            return;
        };
        to.push(Arc::new(std::mem::replace(&mut self.doc, (*doc).clone())));
        self.selected = None;
        self.pending = None;
        self.info(if back { "Undone" } else { "Redone" });
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
        e.apply(Action::SelectNext(true));
        assert_eq!(e.selected, Some(0));
        e.apply(Action::SelectNext(false));
        assert_eq!(e.selected, Some(2));
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
}
