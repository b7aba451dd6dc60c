//! What autosave writes: after every change, only the records that changed (a document's text
//! once, its spans and history when its revision moved, the index when the list changed), and
//! how a saved workspace is put back together. The browser store itself is the app's.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use super::workspace::{
    entry_from_record, entry_record, index_from_record, index_record, Workspace,
};

pub const INDEX_KEY: &str = "index";

pub fn text_key(id: u64) -> String {
    format!("text:{id}")
}

pub fn doc_key(id: u64) -> String {
    format!("doc:{id}")
}

/// Writes that bring the store up to date, in one transaction.
#[derive(Debug, Default, PartialEq)]
pub struct Writes {
    pub put: Vec<(String, String)>,
    pub delete: Vec<String>,
}

impl Writes {
    pub fn is_empty(&self) -> bool {
        self.put.is_empty() && self.delete.is_empty()
    }
}

/// What the store holds, as far as this page knows.
#[derive(Clone, Debug, Default)]
pub struct SaveLog {
    /// The text each document's record was written with (a document's text can change when
    /// something is pasted into it).
    texts: HashMap<u64, Arc<str>>,
    revs: HashMap<u64, u64>,
    index: String,
}

impl SaveLog {
    /// The log of a workspace just read back from the store: all of it is there.
    pub fn of_saved(ws: &Workspace) -> Self {
        SaveLog {
            texts: ws
                .entries()
                .iter()
                .map(|e| (e.id, e.editor.doc.shared_text().clone()))
                .collect(),
            revs: ws.entries().iter().map(|e| (e.id, e.rev)).collect(),
            index: index_record(ws),
        }
    }

    pub fn writes(&self, ws: &Workspace) -> Writes {
        let mut w = Writes::default();
        for e in ws.entries() {
            let text = e.editor.doc.shared_text();
            let text_saved = self.texts.get(&e.id).is_some_and(|t| Arc::ptr_eq(t, text));
            if !text_saved {
                w.put.push((text_key(e.id), text.to_string()));
            }
            // A new text needs its record too: the record's spans belong to the text.
            if !text_saved || self.revs.get(&e.id) != Some(&e.rev) {
                w.put.push((doc_key(e.id), entry_record(e)));
            }
        }
        let live: HashSet<u64> = ws.entries().iter().map(|e| e.id).collect();
        for gone in self.revs.keys().filter(|id| !live.contains(id)) {
            w.delete.push(doc_key(*gone));
            w.delete.push(text_key(*gone));
        }
        let index = index_record(ws);
        if index != self.index {
            w.put.push((INDEX_KEY.to_string(), index));
        }
        w
    }

    /// Records that `ws` is now what the store holds.
    pub fn saved(&mut self, ws: &Workspace) {
        *self = SaveLog::of_saved(ws);
    }
}

/// A workspace back from its saved records: the index, then each document's text and record
/// (`None` where the store had nothing). A document that cannot be read is left out and named
/// in the returned problems; its records stay in the store untouched.
pub fn restore(
    index: &str,
    docs: Vec<(u64, Option<String>, Option<String>)>,
) -> Result<(Workspace, Vec<String>), String> {
    let index = index_from_record(index)?;
    let mut entries = Vec::new();
    let mut problems = Vec::new();
    for (id, text, record) in docs {
        match (text, record) {
            (Some(text), Some(record)) => match entry_from_record(id, &text, &record) {
                Ok(entry) => entries.push(entry),
                Err(e) => problems.push(e),
            },
            _ => problems.push(format!("saved document {id} is incomplete")),
        }
    }
    let current = entries
        .iter()
        .position(|e| e.id == index.current)
        .unwrap_or(0);
    let mut ws = Workspace::from_entries(entries, current);
    // The recogniser: learned again from the done documents (see `SavedLearning`).
    if let Err(e) = ws.restore_learning(&index.learning) {
        problems.push(e);
    }
    Ok((ws, problems))
}

/// The ids the index lists, to fetch their records.
pub fn saved_ids(index: &str) -> Result<Vec<u64>, String> {
    Ok(index_from_record(index)?.order)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::document::{Document, PERSON};
    use crate::core::editor::Action;
    use crate::core::workspace::WorkspaceAction;

    /// A pretend store: applies writes to a map.
    fn apply(store: &mut HashMap<String, String>, w: Writes) {
        for k in w.delete {
            store.remove(&k);
        }
        for (k, v) in w.put {
            store.insert(k, v);
        }
    }

    /// What a reload reads: the index and each listed document's text and record.
    fn read_back(store: &HashMap<String, String>) -> (Workspace, Vec<String>) {
        let index = &store[INDEX_KEY];
        let docs = saved_ids(index)
            .unwrap()
            .into_iter()
            .map(|id| {
                (
                    id,
                    store.get(&text_key(id)).cloned(),
                    store.get(&doc_key(id)).cloned(),
                )
            })
            .collect();
        restore(index, docs).unwrap()
    }

    fn reload(store: &HashMap<String, String>) -> Workspace {
        let (ws, problems) = read_back(store);
        assert!(problems.is_empty(), "{problems:?}");
        ws
    }

    #[test]
    fn only_what_changed_is_written_and_a_reload_gives_the_same_workspace() {
        let mut store = HashMap::new();
        let mut log = SaveLog::default();
        let mut ws = Workspace::default();
        ws.apply(WorkspaceAction::Add(vec![
            ("a".into(), Document::new("Kerry met Lavrov")),
            ("b".into(), Document::new("Paris")),
        ]));
        let first = log.writes(&ws);
        assert_eq!(first.put.len(), 5, "two texts, two records, the index");
        apply(&mut store, first);
        log.saved(&ws);
        assert!(log.writes(&ws).is_empty());

        ws.apply(WorkspaceAction::Edit(Action::SelectRange {
            start: 0,
            end: 5,
        }));
        ws.apply(WorkspaceAction::Edit(Action::ApplyLabel(PERSON.into())));
        let edit = log.writes(&ws);
        assert_eq!(
            edit.put.iter().map(|(k, _)| k.as_str()).collect::<Vec<_>>(),
            [doc_key(ws.entries()[0].id)]
        );
        apply(&mut store, edit);
        log.saved(&ws);

        ws.apply(WorkspaceAction::Edit(Action::SelectNext(true)));
        assert!(
            log.writes(&ws).is_empty(),
            "selecting changes nothing to save"
        );

        ws.apply(WorkspaceAction::Delete(1));
        let delete = log.writes(&ws);
        assert_eq!(delete.delete.len(), 2);
        apply(&mut store, delete);
        log.saved(&ws);

        let back = reload(&store);
        assert_eq!(back.entries().len(), 1);
        assert_eq!(back.editor().doc, ws.editor().doc);
        assert_eq!(back.editor().name, "a");
        assert!(
            SaveLog::of_saved(&back).writes(&back).is_empty(),
            "nothing to write after a reload"
        );
    }

    #[test]
    fn pasting_into_a_saved_blank_document_saves_the_new_text() {
        let mut store = HashMap::new();
        let mut log = SaveLog::default();
        let mut ws = Workspace::default();
        apply(&mut store, log.writes(&ws));
        log.saved(&ws);
        ws.apply(WorkspaceAction::Edit(Action::Open {
            text: "Kerry met Lavrov".into(),
            name: "a".into(),
        }));
        apply(&mut store, log.writes(&ws));
        log.saved(&ws);
        let back = reload(&store);
        assert_eq!(back.editor().doc.text(), "Kerry met Lavrov");
        assert_eq!(back.editor().doc.spans(), ws.editor().doc.spans());
    }

    #[test]
    fn damaged_or_missing_records_are_named_and_the_rest_restored() {
        let mut store = HashMap::new();
        let mut ws = Workspace::default();
        ws.apply(WorkspaceAction::Add(vec![
            ("a".into(), Document::new("Kerry")),
            ("b".into(), Document::new("Paris")),
        ]));
        apply(&mut store, SaveLog::default().writes(&ws));
        let b = ws.entries()[1].id;
        store.insert(doc_key(b), "{broken".into());
        let (back, problems) = read_back(&store);
        assert_eq!(back.entries().len(), 1);
        assert_eq!(problems.len(), 1);
        assert!(problems[0].contains("damaged"));
        assert!(restore("nonsense", vec![]).is_err());
    }
}
