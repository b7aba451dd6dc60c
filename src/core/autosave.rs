//! What autosave writes: after every change, only the records that changed (a document's text
//! once; when its revision moved, its small record of name, labels and recent undo steps, and
//! the chunks of its spans that changed; the index when the list changed), and how a saved
//! workspace is put back together. The browser store itself is the app's.
//!
//! A long text is written in parts of [`PART_BYTES`], and the many chunks of spans a long text
//! gets at once likewise, a few records per transaction ([`Writes::early`]), before the
//! transaction that refers to them: writing 20 MB of text, or the 1,500 chunks of its 767,000
//! spans, in one transaction held the page for about 200 ms each time.

use std::borrow::Cow;
use std::cell::Cell;
use std::collections::{HashMap, HashSet, VecDeque};
use std::ops::Range;
use std::sync::Arc;

use super::spans::Chunk;
use super::workspace::{
    chunk_record, entry_record_chunked, index_from_record, index_record, index_record_of, Entry,
    Mark, RebuildingEntry, SavedIndex, Workspace,
};

pub const INDEX_KEY: &str = "index";

pub fn text_key(id: u64) -> String {
    format!("text:{id}")
}

pub fn doc_key(id: u64) -> String {
    format!("doc:{id}")
}

/// The key of the `k`th chunk of a document's spans.
pub fn chunk_key(id: u64, k: usize) -> String {
    format!("spans:{id}:{k}")
}

/// The key of the `k`th part of the text with hash `hash` of document `id`. The hash is in the
/// key so that a new text's parts never overwrite the parts of the text the stored record
/// still refers to; `part:` sorts before `text:`, so a restore has the parts when the text
/// record comes.
pub fn part_key(id: u64, hash: u64, k: usize) -> String {
    format!("part:{id}:{hash:016x}:{k}")
}

/// A text longer than this is stored in parts of about this many bytes (the text record is
/// then empty, and the document's record says how many parts there are).
pub const PART_BYTES: usize = 256 * 1024;

/// New chunks of one document beyond which they are written as [`Writes::early`] records: an
/// edit's one or two chunks stay in the one transaction.
const EARLY_CHUNKS: usize = 8;

/// Where a text of `text.len()` bytes is cut into parts (char boundaries); one range when it is
/// stored whole.
pub fn text_parts(text: &str) -> Vec<Range<usize>> {
    let mut parts = Vec::with_capacity(text.len() / PART_BYTES + 1);
    let mut at = 0;
    while text.len() - at > PART_BYTES {
        let mut end = at + PART_BYTES;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        parts.push(at..end);
        at = end;
    }
    parts.push(at..text.len());
    parts
}

/// Writes that bring the store up to date: [`Writes::early`] first, in as many transactions
/// as suit the page, then `put` and `delete` in one.
#[derive(Debug, Default)]
pub struct Writes {
    pub put: Vec<(String, String)>,
    pub delete: Vec<String>,
    /// Records nothing in the store refers to until `put` has landed (the parts of a new long
    /// text, the chunks of spans past those the stored record counts), so that they can be
    /// written before it, a few per transaction: should the page close midway, the store
    /// still holds the last saved state whole.
    pub early: Vec<Early>,
    /// The documents written, when the save is only part of what changed (see
    /// [`SaveLog::writes_within`]); `None` when it brings the store fully up to date.
    pub only: Option<HashSet<u64>>,
}

impl Writes {
    pub fn is_empty(&self) -> bool {
        self.put.is_empty() && self.delete.is_empty() && self.early.is_empty()
    }
}

/// One of [`Writes::early`], made into text only when it is written.
#[derive(Debug)]
pub enum Early {
    /// The bytes `range` of a long text.
    Part {
        key: String,
        text: Arc<str>,
        range: Range<usize>,
    },
    Chunk {
        key: String,
        chunk: Chunk,
    },
}

impl Early {
    pub fn key(&self) -> &str {
        match self {
            Early::Part { key, .. } | Early::Chunk { key, .. } => key,
        }
    }

    pub fn value(&self) -> Cow<'_, str> {
        match self {
            Early::Part { text, range, .. } => Cow::Borrowed(&text[range.clone()]),
            Early::Chunk { chunk, .. } => Cow::Owned(chunk_record(chunk)),
        }
    }
}

/// What the store holds of one document.
#[derive(Clone, Debug)]
struct Saved {
    /// The text its record was written with (a document's text can change when something is
    /// pasted into it).
    text: Arc<str>,
    rev: u64,
    /// The chunks of spans its chunk records hold, in order: a chunk still the same allocation
    /// is not written again. `None`: its spans are not in chunk records yet.
    chunks: Option<Vec<Chunk>>,
    /// The hash and the number of the parts its text is stored in, if in parts.
    parts: Option<(u64, usize)>,
}

/// The hash and the number of the parts `e`'s text is stored in, if it is stored in parts.
fn parts_of(e: &Entry) -> Option<(u64, usize)> {
    let n = text_parts(e.editor.doc.text()).len();
    (n > 1).then(|| (e.editor.doc.text_hash(), n))
}

impl Saved {
    fn of(e: &Entry) -> Self {
        Saved {
            text: e.editor.doc.shared_text().clone(),
            rev: e.rev,
            chunks: Some(e.editor.doc.spans().chunks().to_vec()),
            parts: parts_of(e),
        }
    }

    fn holds(&self, e: &Entry) -> bool {
        Arc::ptr_eq(&self.text, e.editor.doc.shared_text()) && self.rev == e.rev
    }
}

/// What the store holds, as far as this page knows, and where the workspace was when it was
/// saved: after an edit only the entries changed since are looked at (see
/// [`Workspace::changed_since`]), so a save costs what changed, not the number of documents.
#[derive(Clone, Debug, Default)]
pub struct SaveLog {
    docs: HashMap<u64, Saved>,
    index: String,
    mark: Mark,
    /// Records the store held when it was read back that nothing refers to: what a save cut
    /// short by the page closing had written ahead (see [`SaveLog::sweep`]).
    strays: Vec<String>,
}

/// The kind, the document's id and the rest of a record's key (`spans:7:2` → `spans`, 7,
/// `2`); `None` for the index and for keys of no known kind.
fn key_parts(key: &str) -> Option<(&str, u64, &str)> {
    let (kind, rest) = key.split_once(':')?;
    if !matches!(kind, "text" | "doc" | "spans" | "part") {
        return None;
    }
    let (id, rest) = rest.split_once(':').unwrap_or((rest, ""));
    Some((kind, id.parse().ok()?, rest))
}

impl SaveLog {
    /// The log of a workspace just read back from the store: all of it is there.
    pub fn of_saved(ws: &Workspace) -> Self {
        SaveLog {
            docs: ws.entries().iter().map(|e| (e.id, Saved::of(e))).collect(),
            index: index_record(ws),
            mark: ws.mark(),
            strays: Vec::new(),
        }
    }

    /// Whether what this page knows the store to hold refers to the record `key`: its
    /// document's text or record, one of the chunks of spans or the parts of the text that
    /// record counts. A key of no known kind is kept, as are chunks of a document whose spans
    /// are not in chunk records yet.
    pub fn refers_to(&self, key: &str) -> bool {
        let Some((kind, id, rest)) = key_parts(key) else {
            return true;
        };
        let Some(saved) = self.docs.get(&id) else {
            return false;
        };
        match kind {
            "spans" => match (&saved.chunks, rest.parse::<usize>()) {
                (Some(chunks), Ok(k)) => k < chunks.len(),
                _ => true,
            },
            "part" => match part_of_key(rest) {
                Some((hash, k)) => saved.parts.is_some_and(|(h, n)| h == hash && k < n),
                None => true,
            },
            _ => true,
        }
    }

    /// The records to delete as strays: those the store held when it was read back that
    /// nothing refers to, then or now (this page may have written a key of the same name
    /// since). Each is given once. The page deletes them only once no other tab can be in the
    /// middle of a save that would come to refer to them.
    pub fn sweep(&mut self) -> Vec<String> {
        let strays = std::mem::take(&mut self.strays);
        strays.into_iter().filter(|k| !self.refers_to(k)).collect()
    }

    /// The log of a workspace read back from a store holding the keys `stored` says it holds:
    /// a document whose spans were saved inside its record (before chunks) has its chunks
    /// written at its next change.
    pub fn of_store(ws: &Workspace, stored: impl Fn(&str) -> bool) -> Self {
        let mut log = SaveLog::of_saved(ws);
        for e in ws.entries() {
            let n = e.editor.doc.spans().chunks().len();
            if !(0..n).all(|k| stored(&chunk_key(e.id, k))) {
                if let Some(saved) = log.docs.get_mut(&e.id) {
                    saved.chunks = None;
                }
            }
        }
        log
    }

    /// The entries to look at: those changed since the last save, or all of them (`true`)
    /// when the list, the open document or the recogniser may have changed.
    fn to_check<'a>(&self, ws: &'a Workspace) -> (Vec<&'a Entry>, bool) {
        match ws.changed_since(&self.mark) {
            Some(changed) => (changed.iter().map(|&i| &*ws.entries()[i]).collect(), false),
            None => (ws.entries().iter().map(|e| &**e).collect(), true),
        }
    }

    /// Everything that brings the store up to date with `ws`.
    pub fn writes(&self, ws: &Workspace) -> Writes {
        self.writes_within(ws, usize::MAX)
    }

    /// [`SaveLog::writes`], or only its first documents when all of them would put more than
    /// `max_bytes` (at least one document): thousands of documents arriving at once are saved
    /// a few hundred kilobytes at a time, so that no save holds the page for long. A partial
    /// save names its documents in [`Writes::only`], and its index lists the documents saved
    /// so far, so that a page closed before the last part keeps them; [`SaveLog::landed`]
    /// records it.
    pub fn writes_within(&self, ws: &Workspace, max_bytes: usize) -> Writes {
        let mut w = Writes::default();
        let (check, all) = self.to_check(ws);
        let mut written = HashSet::new();
        let mut bytes = 0;
        for e in check {
            let saved = self.docs.get(&e.id);
            if saved.is_some_and(|s| s.holds(e)) {
                continue;
            }
            if bytes >= max_bytes {
                let index = index_record_of(ws, |id| {
                    written.contains(&id) || self.docs.contains_key(&id)
                });
                if index != self.index {
                    w.put.push((INDEX_KEY.to_string(), index));
                }
                w.only = Some(written);
                return w;
            }
            written.insert(e.id);
            let before = w.put.len();
            let text = e.editor.doc.shared_text();
            let text_saved = saved.is_some_and(|s| Arc::ptr_eq(&s.text, text));
            if !text_saved {
                let parts = text_parts(text);
                let hash = e.editor.doc.text_hash();
                if parts.len() > 1 {
                    for (k, range) in parts.iter().enumerate() {
                        w.early.push(Early::Part {
                            key: part_key(e.id, hash, k),
                            text: text.clone(),
                            range: range.clone(),
                        });
                    }
                    // Empty: the record says the text is in parts.
                    w.put.push((text_key(e.id), String::new()));
                } else {
                    // Copied as bytes: `to_string` on the shared text formats it, twice as slow.
                    w.put.push((text_key(e.id), String::from(&**text)));
                }
                // The parts of the text saved before go with the record that used them.
                if let Some((old, n)) = saved.and_then(|s| s.parts) {
                    if (old, n) != (hash, parts.len()) {
                        w.delete.extend((0..n).map(|k| part_key(e.id, old, k)));
                    }
                }
            }
            // A new text needs its record too: the record's spans belong to the text.
            w.put.push((doc_key(e.id), entry_record_chunked(e)));
            let chunks = saved.and_then(|s| s.chunks.as_deref()).unwrap_or(&[]);
            let now = e.editor.doc.spans().chunks();
            // The chunks past those the stored record counts are not read until the new record
            // lands: many of them (a long text's spans, just found) go early.
            let early = now.len().saturating_sub(chunks.len()) > EARLY_CHUNKS;
            for (k, chunk) in now.iter().enumerate() {
                let same = text_saved && chunks.get(k).is_some_and(|s| Arc::ptr_eq(s, chunk));
                if same {
                    continue;
                }
                if early && k >= chunks.len() {
                    w.early.push(Early::Chunk {
                        key: chunk_key(e.id, k),
                        chunk: chunk.clone(),
                    });
                } else {
                    w.put.push((chunk_key(e.id, k), chunk_record(chunk)));
                }
            }
            for k in now.len()..chunks.len() {
                w.delete.push(chunk_key(e.id, k));
            }
            bytes += w.put[before..].iter().map(|(_, v)| v.len()).sum::<usize>();
        }
        if all {
            let live: HashSet<u64> = ws.entries().iter().map(|e| e.id).collect();
            for (gone, saved) in self.docs.iter().filter(|(id, _)| !live.contains(id)) {
                w.delete.push(doc_key(*gone));
                w.delete.push(text_key(*gone));
                let chunks = saved.chunks.as_ref().map_or(0, Vec::len);
                w.delete.extend((0..chunks).map(|k| chunk_key(*gone, k)));
                if let Some((hash, n)) = saved.parts {
                    w.delete.extend((0..n).map(|k| part_key(*gone, hash, k)));
                }
            }
            let index = index_record(ws);
            if index != self.index {
                w.put.push((INDEX_KEY.to_string(), index));
            }
        }
        w
    }

    /// Records that `writes`, made from `ws`, landed: all of `ws` is now what the store holds,
    /// or, after a partial save, the documents it wrote.
    pub fn landed(&mut self, ws: &Workspace, writes: &Writes) {
        let Some(only) = &writes.only else {
            return self.saved(ws);
        };
        for e in ws.entries().iter().filter(|e| only.contains(&e.id)) {
            self.docs.insert(e.id, Saved::of(e));
        }
        if let Some((_, index)) = writes.put.iter().find(|(k, _)| k == INDEX_KEY) {
            self.index = index.clone();
        }
    }

    /// Records that `ws` is now what the store holds (after [`SaveLog::writes`] of it landed).
    pub fn saved(&mut self, ws: &Workspace) {
        let (check, all) = self.to_check(ws);
        for e in check {
            if !self.docs.get(&e.id).is_some_and(|s| s.holds(e)) {
                self.docs.insert(e.id, Saved::of(e));
            }
        }
        if all {
            let live: HashSet<u64> = ws.entries().iter().map(|e| e.id).collect();
            self.docs.retain(|id, _| live.contains(id));
            self.index = index_record(ws);
        }
        self.mark = ws.mark();
    }
}

/// A workspace back from its saved records: the index, then each document's text and record
/// (`None` where the store had nothing), its spans in the record. A document that cannot be
/// read is left out and named in the returned problems; its records stay in the store untouched.
pub fn restore(
    index: &str,
    docs: Vec<(u64, Option<String>, Option<String>)>,
) -> Result<(Workspace, Vec<String>), String> {
    restore_with(index, docs, false)
}

/// [`restore`] for a page that learns in a Web Worker: the learned model is asked for
/// ([`Workspace::learning_job`]) rather than learned here, so a reload never waits for it.
pub fn restore_learning_later(
    index: &str,
    docs: Vec<(u64, Option<String>, Option<String>)>,
) -> Result<(Workspace, Vec<String>), String> {
    restore_with(index, docs, true)
}

/// The workspace a store holds (all its records by key), if it holds one, the problems met
/// reading it back (as [`restore`]), and the log of what the store holds; learning as
/// [`restore_learning_later`] when `background`. All at once: see [`Restoring`] for steps.
pub fn restore_store(
    store: &mut HashMap<String, String>,
    background: bool,
) -> Result<Option<(Workspace, Vec<String>, SaveLog)>, String> {
    let Some(mut restoring) = Restoring::start(std::mem::take(store), background)? else {
        return Ok(None);
    };
    while !restoring.step(usize::MAX) {}
    Ok(restoring.finish())
}

/// A restore from the store's records done a few documents at a time, so that a page reading
/// back thousands of documents can let the browser paint and handle input between steps, and
/// can rebuild documents while the rest are still being read. Records are [`Restoring::add`]ed
/// all at once or in key order, as the store lists them (a document's record and chunks of
/// spans, `doc:` and `spans:`, then come before its text, `text:`); [`Restoring::step`] until
/// it says it is done, then [`Restoring::finish`]. The result is what [`restore_store`] gives.
#[derive(Default)]
pub struct Restoring {
    index: Option<SavedIndex>,
    /// Each listed document's place in the index's order.
    listed: HashMap<u64, usize>,
    /// The records not used yet (texts, records and chunks of spans by key).
    store: HashMap<String, String>,
    /// Documents whose text has come and that are not rebuilt yet, in the order they came.
    ready: VecDeque<u64>,
    /// Ready documents whose record had not come, tried again when all records are in.
    later: Vec<u64>,
    /// Every record has been added.
    complete: bool,
    entries: HashMap<u64, Entry>,
    saved: HashMap<u64, Saved>,
    /// Each problem with the document it is about, ordered as the index at the end.
    problems: Vec<(u64, String)>,
    background: bool,
    /// What each rebuilt document's record referred to.
    asked: HashMap<u64, Asked>,
    /// The document being rebuilt, a step at a time, and what its record has referred to.
    rebuilding: Option<(u64, RebuildingEntry, Asked)>,
}

/// What came of [`Restoring`] taking up the next document.
enum Next {
    /// Its rebuilding has started.
    Rebuilding,
    /// It is missing its text or record, or its record cannot be read.
    Missing,
}

/// The records a document's stored record referred to, as seen while rebuilding it: how many
/// chunks of spans it counts, and the hash and number of its text's parts. Told from what the
/// entry holds, they can differ (a chunk left empty is dropped when read back), so a record
/// the stored one counts is never taken for a stray.
#[derive(Clone, Copy, Debug, Default)]
struct Asked {
    chunks: usize,
    parts: Option<(u64, usize)>,
}

impl Asked {
    /// Whether the stored record referred to the record of kind `kind` whose key ends in
    /// `rest` (see [`key_parts`]); a key it cannot read is taken as referred to.
    fn refers_to(&self, kind: &str, rest: &str) -> bool {
        match kind {
            "spans" => rest.parse::<usize>().map_or(true, |k| k < self.chunks),
            "part" => match part_of_key(rest) {
                Some((hash, k)) => self.parts.is_some_and(|(h, n)| h == hash && k < n),
                None => true,
            },
            _ => true,
        }
    }
}

/// The hash and number of a `part:` key's rest (`00000000000000ab:3` → 0xab, 3).
fn part_of_key(rest: &str) -> Option<(u64, usize)> {
    let (hash, k) = rest.split_once(':')?;
    Some((u64::from_str_radix(hash, 16).ok()?, k.parse().ok()?))
}

impl Restoring {
    /// A restore whose records are still to be added.
    pub fn new(background: bool) -> Self {
        Restoring {
            background,
            ..Restoring::default()
        }
    }

    /// A restore of the workspace `store` holds; `None` when it holds none, an error when its
    /// index cannot be read.
    pub fn start(
        store: HashMap<String, String>,
        background: bool,
    ) -> Result<Option<Restoring>, String> {
        let mut restoring = Restoring::new(background);
        restoring.add(store)?;
        restoring.all_added();
        Ok(restoring.index.is_some().then_some(restoring))
    }

    /// Takes in records read from the store; an error when the index is among them and cannot
    /// be read.
    pub fn add(
        &mut self,
        records: impl IntoIterator<Item = (String, String)>,
    ) -> Result<(), String> {
        for (key, value) in records {
            if key == INDEX_KEY {
                let index = index_from_record(&value)?;
                self.listed = index
                    .order
                    .iter()
                    .enumerate()
                    .map(|(i, &id)| (id, i))
                    .collect();
                self.index = Some(index);
                continue;
            }
            if let Some(id) = key.strip_prefix("text:").and_then(|id| id.parse().ok()) {
                self.ready.push_back(id);
            }
            self.store.insert(key, value);
        }
        Ok(())
    }

    /// Says every record has been added: documents still missing one are incomplete.
    pub fn all_added(&mut self) {
        self.complete = true;
        self.ready.extend(self.later.drain(..));
    }

    /// Whether the records added so far include the index (a workspace was saved).
    pub fn has_index(&self) -> bool {
        self.index.is_some()
    }

    /// Whether documents whose records have come wait to be rebuilt.
    pub fn has_ready(&self) -> bool {
        !self.ready.is_empty() || self.rebuilding.is_some()
    }

    /// How many documents have been rebuilt (or found unreadable), and how many the index
    /// lists.
    pub fn progress(&self) -> (usize, usize) {
        let listed = self.index.as_ref().map_or(0, |i| i.order.len());
        (self.entries.len() + self.problems.len(), listed)
    }

    /// Rebuilds at most `n` more of the documents whose records have come; returns whether all
    /// are done (every record added and used). A document that cannot be read is left out
    /// and named in the problems; its records stay in the store.
    pub fn step(&mut self, n: usize) -> bool {
        let mut rebuilt = 0;
        self.step_with(|finished| {
            rebuilt += usize::from(finished);
            rebuilt >= n
        })
    }

    /// As [`Restoring::step`], asking `is_up` after every step of work (a short document is
    /// one; a long one is many, see [`RebuildingEntry`]) whether to stop for now.
    pub fn step_until(&mut self, mut is_up: impl FnMut() -> bool) -> bool {
        self.step_with(|_| is_up())
    }

    /// Steps until `stop` (told whether the step finished a document) says so, or nothing is
    /// ready.
    fn step_with(&mut self, mut stop: impl FnMut(bool) -> bool) -> bool {
        loop {
            if self.rebuilding.is_none() {
                match self.next_ready() {
                    Some(Next::Rebuilding) => {}
                    Some(Next::Missing) => {
                        if stop(true) {
                            break;
                        }
                        continue;
                    }
                    None => break,
                }
            }
            let finished = self.rebuild_some();
            if stop(finished) {
                break;
            }
        }
        self.complete && self.ready.is_empty() && self.rebuilding.is_none()
    }

    /// Takes up the next document whose records have all come.
    fn next_ready(&mut self) -> Option<Next> {
        loop {
            let id = self.ready.pop_front()?;
            // Records of documents the index does not list are not this workspace's.
            if self.index.is_some() && !self.listed.contains_key(&id) {
                continue;
            }
            if !self.store.contains_key(&doc_key(id)) && !self.complete {
                self.later.push(id);
                continue;
            }
            let (text, record) = (
                self.store.remove(&text_key(id)),
                self.store.remove(&doc_key(id)),
            );
            let (Some(text), Some(record)) = (text, record) else {
                return Some(Next::Missing);
            };
            return Some(match RebuildingEntry::start(id, text, &record) {
                Ok(entry) => {
                    self.rebuilding = Some((id, entry, Asked::default()));
                    Next::Rebuilding
                }
                Err(e) => {
                    self.problems.push((id, e));
                    Next::Missing
                }
            });
        }
    }

    /// One step of the document being rebuilt; whether it is finished.
    fn rebuild_some(&mut self) -> bool {
        let Some((id, mut entry, asked)) = self.rebuilding.take() else {
            return true;
        };
        let store = &self.store;
        // What the record asks for is what it refers to (see `Asked`).
        let asked = Cell::new(asked);
        let chunk = |k: usize| {
            let a = asked.get();
            asked.set(Asked {
                chunks: a.chunks.max(k + 1),
                ..a
            });
            store.get(&chunk_key(id, k)).map(String::as_str)
        };
        let part = |hash: u64, k: usize| {
            let a = asked.get();
            let n = a.parts.filter(|p| p.0 == hash).map_or(0, |p| p.1);
            asked.set(Asked {
                parts: Some((hash, n.max(k + 1))),
                ..a
            });
            store.get(&part_key(id, hash, k)).map(String::as_str)
        };
        match entry.step(chunk, part) {
            Ok(None) => {
                self.rebuilding = Some((id, entry, asked.get()));
                return false;
            }
            Ok(Some(entry)) => {
                self.asked.insert(id, asked.get());
                let mut saved = Saved::of(&entry);
                // Its text is in the entry now.
                if let Some((hash, n)) = saved.parts {
                    for k in 0..n {
                        self.store.remove(&part_key(id, hash, k));
                    }
                }
                let store = &self.store;
                // Spans saved inside the record (before chunks) get their chunk records at
                // the document's next change.
                let n = entry.editor.doc.spans().chunks().len();
                if !(0..n).all(|k| store.contains_key(&chunk_key(id, k))) {
                    saved.chunks = None;
                }
                self.saved.insert(id, saved);
                self.entries.insert(id, entry);
            }
            Err(e) => self.problems.push((id, e)),
        }
        true
    }

    /// The workspace read back (what has been rebuilt, if not all), the problems met, and the
    /// log of what the store holds; `None` when no index was added (nothing was saved).
    pub fn finish(mut self) -> Option<(Workspace, Vec<String>, SaveLog)> {
        let index = self.index.take()?;
        let mut entries = Vec::with_capacity(index.order.len());
        let mut problems = std::mem::take(&mut self.problems);
        let failed: HashSet<u64> = problems.iter().map(|(id, _)| *id).collect();
        for &id in &index.order {
            match self.entries.remove(&id) {
                Some(entry) => entries.push(entry),
                None if !failed.contains(&id) => {
                    problems.push((id, format!("saved document {id} is incomplete")))
                }
                None => {}
            }
        }
        problems.retain(|(id, _)| self.listed.contains_key(id));
        problems.sort_by_key(|(id, _)| self.listed[id]);
        let mut problems: Vec<String> = problems.into_iter().map(|(_, p)| p).collect();
        let current = entries
            .iter()
            .position(|e| e.id == index.current)
            .unwrap_or(0);
        let mut ws = Workspace::from_entries(entries, current);
        ws.learn_in_background(self.background);
        // The recogniser: learned again from the done documents (see `SavedLearning`).
        if let Err(e) = ws.restore_learning(&index.learning) {
            problems.push(e);
        }
        self.saved.retain(|id, _| self.listed.contains_key(id));
        let mut log = SaveLog {
            docs: self.saved,
            index: index_record(&ws),
            mark: ws.mark(),
            strays: Vec::new(),
        };
        // What is left unread: records of documents the index does not list, and of read
        // documents records their record does not count, are strays; the records of a listed
        // document that could not be read stay, untouched.
        let (listed, asked) = (&self.listed, &self.asked);
        let strays = self.store.into_keys().filter(|k| match key_parts(k) {
            Some((_, id, _)) if !listed.contains_key(&id) => true,
            Some((kind, id, rest)) if log.docs.contains_key(&id) => {
                let stored = asked.get(&id).is_none_or(|a| a.refers_to(kind, rest));
                !stored && !log.refers_to(k)
            }
            _ => false,
        });
        log.strays = strays.collect();
        log.strays.sort();
        Some((ws, problems, log))
    }
}

fn restore_with(
    index: &str,
    docs: Vec<(u64, Option<String>, Option<String>)>,
    background: bool,
) -> Result<(Workspace, Vec<String>), String> {
    let mut store = HashMap::from([(INDEX_KEY.to_string(), index.to_string())]);
    for (id, text, record) in docs {
        store.extend(text.map(|t| (text_key(id), t)));
        store.extend(record.map(|r| (doc_key(id), r)));
    }
    let (ws, problems, _) =
        restore_store(&mut store, background)?.ok_or("the saved workspace has no index")?;
    Ok((ws, problems))
}

/// The ids the index lists, to fetch their records.
pub fn saved_ids(index: &str) -> Result<Vec<u64>, String> {
    Ok(index_from_record(index)?.order)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::document::{Document, Span, PERSON, PLACE};
    use crate::core::editor::Action;
    use crate::core::label_name::all_interned;
    use crate::core::spans::CHUNK;
    use crate::core::workspace::WorkspaceAction;

    /// A pretend store: applies writes to a map.
    fn apply(store: &mut HashMap<String, String>, w: Writes) {
        apply_early(store, &w);
        for k in w.delete {
            store.remove(&k);
        }
        for (k, v) in w.put {
            store.insert(k, v);
        }
    }

    /// Only the early writes: the page closed before the rest.
    fn apply_early(store: &mut HashMap<String, String>, w: &Writes) {
        for e in &w.early {
            store.insert(e.key().to_string(), e.value().into_owned());
        }
    }

    /// What a reload reads: every record of the store.
    fn read_back(store: &HashMap<String, String>) -> (Workspace, Vec<String>) {
        let (ws, problems, _) = restore_store(&mut store.clone(), false).unwrap().unwrap();
        (ws, problems)
    }

    /// A workspace of one document `name` holding `text`, saved to a pretend store.
    fn saved_one(name: &str, text: &str) -> (HashMap<String, String>, SaveLog, Workspace) {
        let (mut store, mut log, mut ws): (HashMap<String, String>, SaveLog, Workspace) =
            Default::default();
        ws.apply(WorkspaceAction::Add(vec![(
            name.into(),
            Document::new(text),
        )]));
        apply(&mut store, log.writes(&ws));
        log.saved(&ws);
        (store, log, ws)
    }

    fn reload(store: &HashMap<String, String>) -> Workspace {
        let (ws, problems) = read_back(store);
        assert!(problems.is_empty(), "{problems:?}");
        ws
    }

    #[test]
    fn strays_are_swept_but_an_unreadable_documents_records_stay() {
        let (mut store, mut log, mut ws) = saved_one("a", "Kerry met Lavrov in Paris");
        ws.apply(WorkspaceAction::Add(vec![(
            "b".into(),
            Document::new("Lisbon"),
        )]));
        apply(&mut store, log.writes(&ws));
        log.saved(&ws);
        let (a, b) = (ws.entries()[0].id, ws.entries()[1].id);
        // Records of a document the index does not list (an import's last save cut short),
        // and a chunk of spans past those `a`'s record counts.
        let orphan = a.max(b) + 100;
        store.insert(text_key(orphan), "Vienna".into());
        store.insert(doc_key(orphan), store[&doc_key(b)].clone());
        let chunks = ws.entries()[0].editor.doc.spans().chunks().len();
        store.insert(chunk_key(a, chunks + 2), "[]".into());
        // `b`'s record damaged: it cannot be read, and none of its records may go.
        store.insert(doc_key(b), "{damaged".into());

        let (back, problems, mut next) = restore_store(&mut store.clone(), false).unwrap().unwrap();
        assert_eq!(back.entries().len(), 1);
        assert_eq!(problems.len(), 1, "{problems:?}");
        let mut swept = next.sweep();
        swept.sort();
        let mut expected = vec![chunk_key(a, chunks + 2), doc_key(orphan), text_key(orphan)];
        expected.sort();
        assert_eq!(swept, expected);
        for k in &swept {
            store.remove(k);
        }
        assert!(store.contains_key(&doc_key(b)) && store.contains_key(&text_key(b)));
        let (again, _, mut after) = restore_store(&mut store.clone(), false).unwrap().unwrap();
        assert_eq!(again.entries(), back.entries());
        assert!(after.sweep().is_empty(), "nothing more to sweep");
    }

    #[test]
    fn a_record_the_stored_document_counts_is_no_stray_though_read_back_empty() {
        let (mut store, mut log, mut ws) = saved_one("a", "Kerry met Lavrov");
        ws.apply(WorkspaceAction::Edit(Action::SelectRange {
            start: 0,
            end: 5,
        }));
        ws.apply(WorkspaceAction::Edit(Action::ApplyLabel(PERSON.into())));
        apply(&mut store, log.writes(&ws));
        log.saved(&ws);
        let id = ws.entries()[0].id;
        // A record counting two chunks, the second empty (dropped when read back).
        let record = store[&doc_key(id)].replace("\"chunks\":1", "\"chunks\":2");
        assert_ne!(record, store[&doc_key(id)], "the record counts its chunks");
        store.insert(doc_key(id), record);
        store.insert(chunk_key(id, 1), "[]".into());
        let (back, problems, mut next) = restore_store(&mut store.clone(), false).unwrap().unwrap();
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(back.entries()[0].editor.doc.spans().chunks().len(), 1);
        assert!(
            next.sweep().is_empty(),
            "the stored record counts both chunks"
        );
    }

    #[test]
    fn many_new_documents_are_saved_in_parts_and_the_store_reads_back_whole_between_them() {
        let (mut store, mut log, mut ws) = saved_one("first", "Kerry met Lavrov");
        let text = "Delegates met in Lisbon on Monday. ".repeat(30);
        ws.apply(WorkspaceAction::Add(
            (0..40)
                .map(|i| (format!("wire {i}"), Document::new(&text)))
                .collect(),
        ));
        let max = 8 * text.len();
        let mut parts = 0;
        let mut saved_so_far = 1;
        loop {
            let w = log.writes_within(&ws, max);
            let partial = w.only.is_some();
            if partial {
                let only = w.only.as_ref().unwrap();
                assert!(
                    !only.is_empty() && only.len() <= 9,
                    "{} documents",
                    only.len()
                );
            }
            log.landed(&ws, &w);
            apply(&mut store, w);
            parts += 1;
            if !partial {
                break;
            }
            // Between parts, the store reads back as the documents saved so far, each whole:
            // a page closed now keeps them.
            let back = reload(&store);
            assert!(
                back.entries().len() > saved_so_far,
                "each part adds documents"
            );
            saved_so_far = back.entries().len();
            for a in back.entries() {
                let b = ws.entries().iter().find(|b| b.id == a.id).unwrap();
                assert_eq!(
                    (&a.editor.name, a.editor.doc.text()),
                    (&b.editor.name, b.editor.doc.text())
                );
            }
            // An edit meanwhile (the first document) is saved with the rest.
            if parts == 2 {
                ws.apply(WorkspaceAction::Open(0));
                ws.apply(WorkspaceAction::Edit(Action::SelectRange {
                    start: 0,
                    end: 5,
                }));
                ws.apply(WorkspaceAction::Edit(Action::ApplyLabel(PERSON.into())));
            }
        }
        assert!(parts >= 5, "{parts} saves");
        assert!(log.writes(&ws).is_empty(), "all saved");
        let back = reload(&store);
        assert_eq!(back.entries().len(), 41);
        for (a, b) in back.entries().iter().zip(ws.entries()) {
            assert_eq!(
                (&a.editor.name, &a.editor.doc),
                (&b.editor.name, &b.editor.doc)
            );
        }
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
            [
                doc_key(ws.entries()[0].id),
                chunk_key(ws.entries()[0].id, 0)
            ],
            "the record and the chunk with the new span"
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

    /// A saved workspace of `n` documents, with its store and log.
    fn saved_workspace(n: usize) -> (Workspace, HashMap<String, String>, SaveLog) {
        let mut ws = Workspace::default();
        ws.apply(WorkspaceAction::Add(
            (0..n)
                .map(|i| {
                    (
                        format!("d{i}"),
                        Document::new(&format!("Kerry met Lavrov {i}")),
                    )
                })
                .collect(),
        ));
        let mut store = HashMap::new();
        let mut log = SaveLog::default();
        apply(&mut store, log.writes(&ws));
        log.saved(&ws);
        (ws, store, log)
    }

    fn keys(w: &Writes) -> Vec<&str> {
        w.put.iter().map(|(k, _)| k.as_str()).collect()
    }

    #[test]
    fn an_edit_writes_that_documents_records_and_looks_at_no_other() {
        let (mut ws, mut store, mut log) = saved_workspace(200);
        ws.apply(WorkspaceAction::Open(7));
        apply(&mut store, log.writes(&ws));
        log.saved(&ws);
        let mark = ws.mark();
        let id = ws.entries()[7].id;
        edit(&mut ws, Action::SelectRange { start: 0, end: 5 });
        edit(&mut ws, Action::ApplyLabel(PERSON.into()));
        assert_eq!(
            ws.changed_since(&mark),
            Some(vec![7]),
            "one entry to look at"
        );
        let w = log.writes(&ws);
        assert_eq!(keys(&w), [doc_key(id), chunk_key(id, 0)], "not the index");
        assert!(w.delete.is_empty());
        apply(&mut store, w);
        log.saved(&ws);
        ws.apply(WorkspaceAction::Rename(7, "talks".into()));
        assert_eq!(
            keys(&log.writes(&ws)),
            [doc_key(id)],
            "a name is in the record"
        );
        apply(&mut store, log.writes(&ws));
        log.saved(&ws);
        assert!(log.writes(&ws).is_empty());
        let back = reload(&store);
        assert!(
            back.entries().iter().all(|e| !e.editor.doc.is_tokenised()),
            "a reload tokenises nothing until it is needed"
        );
        assert_eq!(back.entries()[7].editor.name, "talks");
        assert_eq!(back.editor().doc.tokens(), ws.editor().doc.tokens());
        assert_eq!(back.editor().doc, ws.editor().doc);
    }

    #[test]
    fn adding_removing_reordering_or_opening_writes_the_index() {
        let (mut ws, mut store, mut log) = saved_workspace(5);
        for action in [
            WorkspaceAction::New,
            WorkspaceAction::Delete(2),
            WorkspaceAction::Duplicate(0),
            WorkspaceAction::UndoDelete,
            WorkspaceAction::Open(3),
        ] {
            ws.apply(action.clone());
            let w = log.writes(&ws);
            assert!(keys(&w).contains(&INDEX_KEY), "{action:?}: {:?}", keys(&w));
            apply(&mut store, w);
            log.saved(&ws);
            assert!(log.writes(&ws).is_empty(), "{action:?} saved whole");
            let back = reload(&store);
            let ids = |ws: &Workspace| ws.entries().iter().map(|e| e.id).collect::<Vec<_>>();
            assert_eq!(ids(&back), ids(&ws), "{action:?}");
            assert_eq!(back.current(), ws.current(), "{action:?}");
        }
        // Opening the document already open changes nothing stored.
        ws.apply(WorkspaceAction::Open(ws.current()));
        assert!(!keys(&log.writes(&ws)).contains(&INDEX_KEY));
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

    #[test]
    fn restoring_in_steps_gives_what_restoring_at_once_gives() {
        let (mut ws, mut store, _) = saved_workspace(23);
        ws.apply(WorkspaceAction::Open(11));
        edit(&mut ws, Action::SelectRange { start: 0, end: 5 });
        edit(&mut ws, Action::ApplyLabel(PERSON.into()));
        ws.apply(WorkspaceAction::SetDone(3, true));
        apply(&mut store, SaveLog::default().writes(&ws));
        store.insert(doc_key(ws.entries()[5].id), "{broken".into());
        store.remove(&text_key(ws.entries()[17].id));
        // Records of a document the index does not list are not this workspace's: left alone.
        store.insert(text_key(999), "orphan".into());
        store.insert(doc_key(999), "{broken".into());

        let (whole, whole_problems, _) = restore_store(&mut store.clone(), false).unwrap().unwrap();
        let mut restoring = Restoring::start(store.clone(), false).unwrap().unwrap();
        let mut steps = 0;
        while !restoring.step(5) {
            steps += 1;
            assert!(
                restoring.progress().0 <= 5 * steps,
                "{:?}",
                restoring.progress()
            );
        }
        assert_eq!(steps, 4, "22 documents with a text, 5 a step");
        assert_eq!(restoring.progress(), (22, 23), "one has no text");
        let (stepped, problems, log) = restoring.finish().unwrap();
        assert_eq!(stepped.entries(), whole.entries());
        assert_eq!(stepped.current(), whole.current());
        assert_eq!(stepped.saved_learning(), whole.saved_learning());
        assert!(
            stepped.saved_learning().learned,
            "learned again from the done document"
        );
        assert_eq!(problems, whole_problems);
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems[0].contains("damaged") && problems[1].contains("incomplete"));
        assert_eq!(stepped.entries().len(), 21);
        assert_eq!(stepped.editor().doc, ws.editor().doc, "the open document");
        assert!(stepped.entries().iter().any(|e| e.done));
        assert!(
            log.writes(&stepped).is_empty(),
            "nothing to write after a reload"
        );

        // Read in pages in key order, as the page reads the store, with steps in between.
        let mut records: Vec<(String, String)> = store.clone().into_iter().collect();
        records.sort();
        let mut paged = Restoring::new(false);
        for page in records.chunks(7) {
            paged.add(page.to_vec()).unwrap();
            assert!(!paged.step(3));
        }
        while paged.has_ready() {
            assert!(!paged.step(3), "not done before every record is in");
        }
        paged.all_added();
        while !paged.step(3) {}
        let (back, paged_problems, paged_log) = paged.finish().unwrap();
        assert_eq!(back.entries(), whole.entries());
        assert_eq!(back.current(), whole.current());
        assert_eq!(paged_problems, whole_problems);
        assert!(paged_log.writes(&back).is_empty());

        assert!(Restoring::start(HashMap::new(), false).unwrap().is_none());
        assert!(Restoring::start(store_with_index("nonsense"), false).is_err());
    }

    #[test]
    fn text_parts_cut_on_char_boundaries_and_join_to_the_text() {
        for text in [
            String::new(),
            "é".repeat(PART_BYTES / 2),
            "é".repeat(PART_BYTES / 2 + 1),
            format!("a{}", "€".repeat(PART_BYTES / 3 + 5)),
        ] {
            let parts = text_parts(&text);
            assert_eq!(parts.first().map(|r| r.start), Some(0));
            assert_eq!(parts.last().map(|r| r.end), Some(text.len()));
            assert!(parts.windows(2).all(|w| w[0].end == w[1].start));
            assert!(parts.iter().all(|r| r.len() <= PART_BYTES));
            assert!(parts.len() == 1 || parts.iter().all(|r| !r.is_empty()));
            let joined: String = parts.iter().map(|r| &text[r.clone()]).collect();
            assert_eq!(joined, text);
        }
    }

    /// A text of about 1.3 MB (six parts) with a place every 20 characters: 118 chunks.
    fn long_found(word: &str) -> Document {
        let mut d = Document::new(&format!("{word} — met Kerry. ").repeat(60_000));
        let n = word.chars().count() + 14;
        let spans = (0..60_000)
            .map(|i| Span::new(n * i, n * i + word.len(), PLACE).suggested())
            .collect();
        d.set_spans(spans).unwrap();
        d
    }

    /// [`saved_one`], then a long document of `word`s ([`long_found`]) saved beside it.
    fn saved_with_long(word: &str) -> (HashMap<String, String>, Workspace) {
        let (mut store, mut log, mut ws) = saved_one("short", "Paris");
        ws.apply(WorkspaceAction::Add(vec![(
            "long".into(),
            long_found(word),
        )]));
        apply(&mut store, log.writes(&ws));
        log.saved(&ws);
        (store, ws)
    }

    #[test]
    fn a_long_document_is_read_back_a_step_at_a_time_as_it_is_at_once() {
        let (mut store, ws) = saved_with_long("Paris");
        let long = &ws.entries()[1];
        let (id, chunks) = (long.id, long.editor.doc.spans().chunks().len());
        let parts = text_parts(long.editor.doc.text()).len();
        // A chunk past those its record counts: a stray, as at once.
        store.insert(chunk_key(id, chunks + 3), "[]".into());
        let (whole, _, mut whole_log) = restore_store(&mut store.clone(), false).unwrap().unwrap();
        fn docs(ws: &Workspace) -> Vec<&Document> {
            ws.entries().iter().map(|e| &e.editor.doc).collect()
        }
        assert!(docs(&whole) == docs(&ws), "read back at once");

        // One step at a time, in key order a page of 40 records at a time, as the page reads.
        let mut records: Vec<(String, String)> = store.into_iter().collect();
        records.sort();
        let mut restoring = Restoring::new(false);
        let mut steps = 0;
        for page in records.chunks(40) {
            restoring.add(page.to_vec()).unwrap();
            while restoring.has_ready() {
                assert!(!restoring.step_until(|| true));
                steps += 1;
            }
        }
        restoring.all_added();
        while !restoring.step_until(|| true) {
            steps += 1;
        }
        // A step joins a part, hashes and indexes 256 KB, or reads a chunk of spans.
        assert!(steps >= 2 * parts + chunks, "{steps} steps");
        let (back, problems, mut back_log) = restoring.finish().unwrap();
        assert!(problems.is_empty(), "{problems:?}");
        assert!(back.entries() == whole.entries(), "as at once");
        assert!(docs(&back) == docs(&ws));
        assert!(back_log.writes(&back).is_empty(), "nothing to write");
        assert_eq!(back_log.sweep(), [chunk_key(id, chunks + 3)]);
        assert_eq!(whole_log.sweep(), [chunk_key(id, chunks + 3)]);
    }

    #[test]
    fn a_long_document_with_a_damaged_chunk_is_named_and_its_records_stay() {
        let (mut store, ws) = saved_with_long("Lyon");
        let id = ws.entries()[1].id;
        store.insert(chunk_key(id, 40), "[{\"start\":".into());
        let mut restoring = Restoring::start(store.clone(), false).unwrap().unwrap();
        while !restoring.step_until(|| true) {}
        let (back, problems, mut back_log) = restoring.finish().unwrap();
        assert_eq!(back.entries().len(), 1, "the short one");
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].contains("“long” is damaged"), "{problems:?}");
        assert!(back_log.sweep().is_empty(), "the long one's records stay");
    }

    fn part_keys(store: &HashMap<String, String>) -> Vec<&String> {
        let mut keys: Vec<_> = store.keys().filter(|k| k.starts_with("part:")).collect();
        keys.sort();
        keys
    }

    #[test]
    fn a_long_text_and_its_many_chunks_are_written_early_and_a_closed_page_loses_nothing() {
        let (mut store, mut log, mut ws) = saved_one("short", "Paris");
        let saved_before = store.clone();

        ws.apply(WorkspaceAction::Add(vec![(
            "long".into(),
            long_found("Paris"),
        )]));
        let id = ws.entries()[1].id;
        let doc = ws.entries()[1].editor.doc.clone();
        let w = log.writes(&ws);
        let early: Vec<&str> = w.early.iter().map(Early::key).collect();
        let hash = doc.text_hash();
        let parts = text_parts(doc.text()).len();
        assert!(parts > 1);
        let part_keys_now: Vec<String> = (0..parts).map(|k| part_key(id, hash, k)).collect();
        assert_eq!(&early[..parts], part_keys_now);
        assert_eq!(
            early.len(),
            parts + doc.spans().chunks().len(),
            "every chunk early"
        );
        assert!(
            w.put.iter().all(|(_, v)| v.len() < 10_000),
            "the last transaction is small: {:?}",
            keys(&w)
        );
        assert!(w.put.contains(&(text_key(id), String::new())));

        // The page closed after the early records: the store opens as it was saved.
        let mut closed = saved_before.clone();
        apply_early(&mut closed, &w);
        assert_eq!(reload(&closed).entries(), reload(&saved_before).entries());
        // To the page that opens it next, those records are strays: swept, they leave the
        // store as it was saved.
        let (_, _, mut next) = restore_store(&mut closed.clone(), false).unwrap().unwrap();
        let mut swept = next.sweep();
        let mut written_early: Vec<String> = early.iter().map(|k| k.to_string()).collect();
        swept.sort();
        written_early.sort();
        assert_eq!(swept, written_early);
        assert!(next.sweep().is_empty(), "each stray is given once");
        for k in &swept {
            closed.remove(k);
        }
        assert_eq!(closed, saved_before);

        apply(&mut store, w);
        log.saved(&ws);
        let back = reload(&store);
        assert_eq!(back.entries()[1].editor.doc, doc);
        assert!(SaveLog::of_saved(&back).writes(&back).is_empty());
        assert_eq!(part_keys(&store).len(), parts);

        // A new long text in the same document: its parts are new records, and the old ones
        // go only with the record that used them.
        ws.apply(WorkspaceAction::Open(1));
        edit(
            &mut ws,
            Action::Open {
                text: long_found("Vienna").text().to_string(),
                name: "long".into(),
            },
        );
        let w = log.writes(&ws);
        let old: Vec<String> = part_keys(&store).into_iter().cloned().collect();
        assert!(w.early.iter().all(|e| !old.contains(&e.key().to_string())));
        assert!(old.iter().all(|k| w.delete.contains(k)));
        let mut closed = store.clone();
        apply_early(&mut closed, &w);
        assert_eq!(reload(&closed).entries()[1].editor.doc, doc);
        apply(&mut store, w);
        log.saved(&ws);
        let back = reload(&store);
        assert_eq!(back.entries()[1].editor.doc, ws.entries()[1].editor.doc);
        assert!(back.entries()[1].editor.doc.text().starts_with("Vienna — "));
        let now = &ws.entries()[1].editor.doc;
        assert_eq!(
            part_keys(&store).len(),
            text_parts(now.text()).len(),
            "the old parts are gone"
        );

        ws.apply(WorkspaceAction::Delete(1));
        apply(&mut store, log.writes(&ws));
        assert!(part_keys(&store).is_empty(), "deleted with the document");
    }

    fn store_with_index(index: &str) -> HashMap<String, String> {
        HashMap::from([(INDEX_KEY.to_string(), index.to_string())])
    }

    fn long_doc(n: usize) -> Document {
        let mut d = Document::new(&"Paris met Kerry. ".repeat(n));
        let spans = (0..n)
            .flat_map(|i| {
                let b = 17 * i;
                [
                    Span::new(b, b + 5, PLACE).suggested(),
                    Span::new(b + 10, b + 15, PERSON),
                ]
            })
            .collect();
        d.set_spans(spans).unwrap();
        d
    }

    fn edit(ws: &mut Workspace, action: Action) {
        ws.apply(WorkspaceAction::Edit(action));
    }

    #[test]
    fn an_edit_of_a_long_document_writes_its_chunk_not_every_span() {
        let mut store = HashMap::new();
        let mut log = SaveLog::default();
        let mut ws = Workspace::default();
        ws.apply(WorkspaceAction::Add(vec![(
            "long".into(),
            long_doc(5 * CHUNK),
        )]));
        let id = ws.entries()[0].id;
        apply(&mut store, log.writes(&ws));
        log.saved(&ws);
        let chunks = ws.editor().doc.spans().chunks().len();
        assert!(chunks >= 10, "{chunks}");
        for (select, action) in [
            (3 * CHUNK + 7, Action::DeleteSelected),
            (2 * CHUNK, Action::ApplyLabel(PERSON.into())),
            (0, Action::Undo),
        ] {
            edit(&mut ws, Action::SelectSpan(select));
            assert!(log.writes(&ws).is_empty(), "selecting writes nothing");
            edit(&mut ws, action);
            let w = log.writes(&ws);
            let spans: Vec<&str> = w
                .put
                .iter()
                .map(|(k, _)| k.as_str())
                .filter(|k| k.starts_with("spans:"))
                .collect();
            assert!(spans.len() <= 1, "{spans:?}");
            assert!(w.put.iter().any(|(k, _)| *k == doc_key(id)));
            let bytes: usize = w.put.iter().map(|(_, v)| v.len()).sum();
            assert!(bytes < 100_000, "{bytes} bytes written for one edit");
            apply(&mut store, w);
            log.saved(&ws);
            let back = reload(&store);
            assert_eq!(back.editor().doc, ws.editor().doc);
            // Restored, the spans of a label share its name again, as recognised ones do.
            assert!(all_interned(back.editor().doc.spans().iter()));
        }
        // The history came back too: undo after the reload does what it does here.
        let mut back = reload(&store);
        back.apply(WorkspaceAction::Edit(Action::Undo));
        edit(&mut ws, Action::Undo);
        assert_eq!(back.editor().doc, ws.editor().doc);
        // Deleting the document deletes its chunks.
        ws.apply(WorkspaceAction::Delete(0));
        apply(&mut store, log.writes(&ws));
        assert!(!store.keys().any(|k| k.starts_with(&format!("spans:{id}:"))));
    }

    #[test]
    fn a_store_written_before_chunks_opens_and_its_next_save_writes_them() {
        // The layout autosave wrote before: the spans and whole undo states in the record.
        let (text, record) = crate::core::workspace::old_format_record();
        let index = serde_json::json!({"version": 1, "order": [4], "current": 4}).to_string();
        let mut store: HashMap<String, String> = [
            (INDEX_KEY.to_string(), index),
            (text_key(4), text.to_string()),
            (doc_key(4), record),
        ]
        .into();
        let (mut ws, problems, log) = restore_store(&mut store.clone(), false).unwrap().unwrap();
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(ws.editor().doc.spans(), [Span::new(0, 5, PERSON)]);
        assert!(all_interned(ws.editor().doc.spans().iter()));
        assert!(log.writes(&ws).is_empty(), "opening writes nothing");
        edit(&mut ws, Action::SelectRange { start: 20, end: 25 });
        edit(&mut ws, Action::ApplyLabel(PLACE.into()));
        let w = log.writes(&ws);
        assert!(
            w.put.iter().any(|(k, _)| *k == chunk_key(4, 0)),
            "{:?}",
            w.put
        );
        apply(&mut store, w);
        let mut back = reload(&store);
        assert_eq!(back.editor().doc, ws.editor().doc);
        back.apply(WorkspaceAction::Edit(Action::Undo));
        back.apply(WorkspaceAction::Edit(Action::Undo));
        assert!(back.editor().doc.spans().is_empty(), "both steps undo");
    }
}
