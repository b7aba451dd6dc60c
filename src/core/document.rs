//! The document and its spans.
//!
//! A [`Document`] owns its spans privately and only changes them through operations that keep
//! the invariants: every span is in bounds, non-empty, on grapheme boundaries, of a known label,
//! and the spans are sorted with no overlaps. So no sequence of edits can produce an export that
//! another tool would reject or misread.

use std::fmt;
use std::sync::{Arc, Mutex, OnceLock};

use serde::{Deserialize, Serialize};

use super::batch::Placed;
pub use super::label_name::LabelName;
use super::spans::{Chunk, Spans};
use super::text::{block_starts, Indexing, OffsetMap, Token, TokenKind, Tokenising};
use super::viewport::Paragraphs;

/// Whether a person has decided on a span, or it is still the recogniser's suggestion.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SpanStatus {
    Suggested,
    #[default]
    Accepted,
}

/// A labelled range `[start, end)` in code points.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    /// Interned: the spans of one label share its name.
    pub label: LabelName,
    #[serde(default)]
    pub status: SpanStatus,
}

impl Span {
    pub fn new(start: usize, end: usize, label: impl Into<LabelName>) -> Self {
        Span {
            start,
            end,
            label: label.into(),
            status: SpanStatus::Accepted,
        }
    }

    pub fn suggested(mut self) -> Self {
        self.status = SpanStatus::Suggested;
        self
    }
}

/// A label a span can carry, with how the app draws and types it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Label {
    pub name: String,
    /// A CSS hex colour (`#rrggbb`) for the highlight background.
    pub color: String,
    /// The key that applies the label in the editor.
    #[serde(default)]
    pub hotkey: Option<char>,
}

impl Label {
    pub fn new(name: &str, color: &str, hotkey: Option<char>) -> Self {
        Label {
            name: name.to_string(),
            color: color.to_string(),
            hotkey,
        }
    }
}

/// Whether `color` may go into a `style` attribute: `#rrggbb` and nothing else, so that a colour
/// read from a shared file cannot carry more CSS (`red;position:fixed`).
pub fn is_safe_color(color: &str) -> bool {
    let b = color.as_bytes();
    b.len() == 7 && b[0] == b'#' && b[1..].iter().all(u8::is_ascii_hexdigit)
}

/// Light colours for new labels, dark text stays readable on each (contrast ≥ 7:1 with #1d2330).
pub const PALETTE: &[&str] = &[
    "#f4b6c2", "#c9b6f4", "#f7c99b", "#a8e6cf", "#f2e394", "#b6d7f4", "#e0c3a8", "#d4f0a0",
];

/// The palette's first colour no label in `labels` has (the first, once all are taken).
pub fn next_color(labels: &[Label]) -> &'static str {
    PALETTE
        .iter()
        .find(|c| !labels.iter().any(|l| l.color.eq_ignore_ascii_case(c)))
        .unwrap_or(&PALETTE[0])
}

/// The longest article the page opens, in bytes of UTF-8, from measurements in headless
/// Chromium (`benches/browser/size.mjs`, BENCHMARKS.md): an article this long opens; a longer
/// one is refused before any work starts, rather than running the page out of memory.
pub const MAX_TEXT_BYTES: usize = 20_000_000;

/// Why `text` (called `what` in the message) is too long to open, if it is.
pub fn too_long(text: &str, what: &str) -> Option<String> {
    over_limit(
        text,
        what,
        ", so split it into several documents (by chapter or section, one file each)",
    )
}

/// [`too_long`]'s message for a text the page offers to cut into documents itself.
pub fn too_long_offering_parts(text: &str, what: &str) -> Option<String> {
    over_limit(
        text,
        what,
        ": choose how to split it into documents, or cancel",
    )
}

fn over_limit(text: &str, what: &str, then: &str) -> Option<String> {
    (text.len() > MAX_TEXT_BYTES).then(|| {
        format!(
            "{what} is {:.1} MB; spanlight opens articles of up to {} MB{then}",
            text.len() as f64 / 1e6,
            MAX_TEXT_BYTES / 1_000_000
        )
    })
}

/// FNV-1a: stable across builds and machines, unlike std's hasher.
pub fn fnv1a(text: &str) -> u64 {
    fnv1a_on(FNV_START, text.as_bytes())
}

const FNV_START: u64 = 0xcbf2_9ce4_8422_2325;

/// FNV-1a of what gave `h`, followed by `bytes`.
fn fnv1a_on(h: u64, bytes: &[u8]) -> u64 {
    bytes
        .iter()
        .fold(h, |h, &b| (h ^ b as u64).wrapping_mul(0x0100_0000_01b3))
}

/// A document being made a step at a time: see [`Document::making`].
pub struct MakingDocument {
    text: Arc<str>,
    hash: u64,
    hashed: usize,
    indexing: Indexing,
}

impl MakingDocument {
    /// Hashes and indexes about `bytes` more of the text; whether it is done.
    pub fn step(&mut self, bytes: usize) -> bool {
        let end = self
            .hashed
            .saturating_add(bytes.max(1))
            .min(self.text.len());
        self.hash = fnv1a_on(self.hash, &self.text.as_bytes()[self.hashed..end]);
        self.hashed = end;
        let indexed = self.indexing.step(&self.text, bytes);
        indexed && self.hashed == self.text.len()
    }

    /// The document, once [`MakingDocument::step`] has said it is done: as
    /// [`Document::tokenised_later`] makes it.
    pub fn finish(self) -> Document {
        Document {
            hash: self.hash,
            map: Arc::new(self.indexing.finish(self.text.clone())),
            derived: Arc::new(Lazy::default()),
            text: self.text,
            spans: Spans::new(),
            labels: default_labels(),
        }
    }
}

/// Longest label name a person can give: enough for "GEOPOLITICAL_ENTITY", short enough for
/// the panels.
pub const MAX_LABEL_NAME: usize = 40;

pub const PERSON: &str = "PERSON";
pub const PLACE: &str = "PLACE";
pub const NUMBER: &str = "NUMBER";

/// The labels of `../shared/GUIDELINES.md`, which every new document starts with.
pub fn default_labels() -> Vec<Label> {
    vec![
        Label::new(PERSON, "#ffd36e", Some('1')),
        Label::new(PLACE, "#8fd3ff", Some('2')),
        Label::new(NUMBER, "#b8f2a0", Some('3')),
    ]
}

/// Refuses `s` when it begins before `prev` ends: spans are kept in order and never overlap.
fn follows(prev: Option<&Span>, s: &Span) -> Result<(), SpanError> {
    match prev {
        Some(p) if p.end > s.start => Err(SpanError::Overlap {
            start: s.start,
            end: s.end,
            other_start: p.start,
            other_end: p.end,
        }),
        _ => Ok(()),
    }
}

/// Why a span was refused; each message says what a user can do about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SpanError {
    OutOfRange {
        start: usize,
        end: usize,
        len: usize,
    },
    Empty {
        at: usize,
    },
    NotOnBoundary {
        offset: usize,
    },
    UnknownLabel(String),
    Overlap {
        start: usize,
        end: usize,
        other_start: usize,
        other_end: usize,
    },
    NoSuchSpan(usize),
}

impl fmt::Display for SpanError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SpanError::OutOfRange { start, end, len } => write!(
                f,
                "span {start}..{end} is outside the text, which has {len} characters"
            ),
            SpanError::Empty { at } => write!(f, "span at {at} is empty: select at least one word"),
            SpanError::NotOnBoundary { offset } => write!(
                f,
                "offset {offset} falls inside a character (an accent, emoji or line break)"
            ),
            SpanError::UnknownLabel(l) => write!(f, "label \"{l}\" is not in the label set"),
            SpanError::Overlap {
                start,
                end,
                other_start,
                other_end,
            } => write!(
                f,
                "span {start}..{end} overlaps span {other_start}..{other_end}"
            ),
            SpanError::NoSuchSpan(i) => write!(f, "there is no span number {i}"),
        }
    }
}

impl std::error::Error for SpanError {}

/// Why a label change was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LabelError {
    EmptyName,
    Exists(String),
    /// Longer than [`MAX_LABEL_NAME`] characters.
    TooLong(usize),
    Unknown(String),
    /// Not a `#rrggbb` colour.
    Color(String),
}

impl fmt::Display for LabelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LabelError::EmptyName => write!(f, "a label needs a name"),
            LabelError::Exists(n) => write!(f, "there is already a label \"{n}\""),
            LabelError::TooLong(n) => write!(
                f,
                "a label name can have up to {MAX_LABEL_NAME} characters; this one has {n}"
            ),
            LabelError::Unknown(n) => write!(f, "there is no label \"{n}\""),
            LabelError::Color(c) => write!(f, "{c:?} is not a #rrggbb colour"),
        }
    }
}

impl std::error::Error for LabelError {}

/// A text with its labelled spans. Cloning is cheap: the text, its offset tables and the spans
/// are shared, and the spans are copied only when a copy changes them, so an undo history, the
/// workspace's copies and the app's properties keep whole snapshots of a million spans cheaply.
#[derive(Clone, Debug)]
pub struct Document {
    text: Arc<str>,
    map: Arc<OffsetMap>,
    /// Tokens and block starts, built when first asked for (see
    /// [`Document::tokenised_later`]) and shared by every copy.
    derived: Arc<Lazy>,
    /// [`fnv1a`] of the text, once: autosave records carry it on every write.
    hash: u64,
    spans: Spans,
    labels: Vec<Label>,
}

/// What a document's tokens give, all a function of its text.
#[derive(Debug)]
struct Derived {
    tokens: Vec<Token>,
    /// Tokens that are words or numbers, counted once: document lists show it on every render.
    words: usize,
}

impl Derived {
    fn of(tokens: Vec<Token>) -> Self {
        Derived {
            words: tokens
                .iter()
                .filter(|t| matches!(t.kind, TokenKind::Word | TokenKind::Number))
                .count(),
            tokens,
        }
    }
}

/// What a document builds from its text when first needed, shared by its copies. The block
/// starts need no tokens, so a long text renders before it is tokenised.
#[derive(Debug, Default)]
struct Lazy {
    blocks: OnceLock<Vec<usize>>,
    paragraphs: OnceLock<Paragraphs>,
    derived: OnceLock<Derived>,
    /// Tokenising begun a slice at a time ([`Document::tokenise_some`]); whatever needs the
    /// tokens before it ends carries it on to the end at once.
    slicing: Mutex<Option<Tokenising>>,
}

impl Lazy {
    /// The slices done so far, taken out (a poisoned lock only means a slice was interrupted:
    /// what it holds is still whole slices).
    fn take_slicing(&self) -> Option<Tokenising> {
        self.slicing
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .take()
    }
}

/// Equal documents have equal texts, labels and spans (the offset map and tokens are the
/// text's, so equal with it). A copy shares its text, offset tables
/// and most chunks of spans with the original, and those are compared by pointer first: the
/// app compares documents on every render (Yew's properties), and comparing the characters of
/// a 20 MB text took 80 ms there.
impl PartialEq for Document {
    fn eq(&self, other: &Document) -> bool {
        fn same<T: PartialEq + ?Sized>(a: &Arc<T>, b: &Arc<T>) -> bool {
            Arc::ptr_eq(a, b) || **a == **b
        }
        self.hash == other.hash
            && same(&self.text, &other.text)
            && self.labels == other.labels
            && self.spans == other.spans
    }
}

impl Document {
    pub fn new(text: &str) -> Self {
        let doc = Document::tokenised_later(text);
        doc.derived();
        doc
    }

    /// A document whose tokens are built only when first needed (opened, recognised, learned
    /// from, exported): a reload of thousands of documents then reads their texts and spans
    /// without tokenising any. It behaves exactly as [`Document::new`]'s.
    pub fn tokenised_later(text: &str) -> Self {
        let shared: Arc<str> = Arc::from(text);
        Document {
            hash: fnv1a(text),
            map: Arc::new(OffsetMap::shared(shared.clone())),
            derived: Arc::new(Lazy::default()),
            text: shared,
            spans: Spans::new(),
            labels: default_labels(),
        }
    }

    /// [`Document::tokenised_later`] of `text`, its hash and offset index built a step at a
    /// time ([`MakingDocument::step`]): for 19.6 MB the two passes took a task of 60 ms.
    pub fn making(text: &str) -> MakingDocument {
        MakingDocument {
            hash: FNV_START,
            hashed: 0,
            indexing: Indexing::new(text),
            text: Arc::from(text),
        }
    }

    fn derived(&self) -> &Derived {
        self.derived.derived.get_or_init(|| {
            let begun = self.derived.take_slicing().unwrap_or_default();
            Derived::of(begun.finish(&self.text))
        })
    }

    /// Whether the tokens have been built yet (see [`Document::tokenised_later`]).
    pub fn is_tokenised(&self) -> bool {
        self.derived.derived.get().is_some()
    }

    /// Tokenises about `bytes` more of the text (whole lines or words), so that a page can
    /// tokenise a long text a slice per task rather than in one long task; `true` once the
    /// tokens are built. The tokens are the same as if built at once.
    pub fn tokenise_some(&self, bytes: usize) -> bool {
        if self.is_tokenised() {
            return true;
        }
        let done = {
            let mut slicing = self
                .derived
                .slicing
                .lock()
                .unwrap_or_else(|e| e.into_inner());
            let begun = slicing.get_or_insert_with(Tokenising::new);
            if !begun.step(&self.text, bytes) {
                return false;
            }
            slicing.take()
        };
        // Set outside the lock: `derived` may be waiting for it on another thread.
        if let Some(done) = done {
            let _ = self
                .derived
                .derived
                .set(Derived::of(done.finish(&self.text)));
        }
        self.is_tokenised()
    }

    /// How many words (and numbers) the text has, if its tokens are built: a list can show
    /// the others' counts later rather than tokenise a long text to show one.
    pub fn word_count_if_known(&self) -> Option<usize> {
        self.derived.derived.get().map(|d| d.words)
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// The text as shared between this document's copies: two documents have the same text
    /// object exactly when one was copied from the other, which autosave uses to see whether a
    /// text needs writing without comparing it.
    pub fn shared_text(&self) -> &Arc<str> {
        &self.text
    }

    /// A hash of the text that is the same in every build and on every machine, so a saved
    /// record can say which text its spans belong to.
    pub fn text_hash(&self) -> u64 {
        self.hash
    }

    /// Spans in the chunks they were saved in (see `core::spans`), refused whole if any span
    /// is invalid or two overlap or are out of order, as [`Document::set_spans`].
    pub fn set_span_chunks(&mut self, chunks: Vec<Vec<Span>>) -> Result<(), SpanError> {
        let mut checked = Vec::with_capacity(chunks.len());
        for chunk in chunks {
            checked.push(self.checked_chunk(&checked, chunk)?);
        }
        self.set_checked_chunks(checked);
        Ok(())
    }

    /// `spans` as a chunk if each is valid here and they follow in order, without overlap,
    /// the chunks `before` them: [`Document::set_span_chunks`] a chunk at a time, so a long
    /// document's thousand chunks can be checked a few per task.
    pub fn checked_chunk(&self, before: &[Chunk], spans: Vec<Span>) -> Result<Chunk, SpanError> {
        // Chunks can be empty: the last span before is in the last that is not.
        let mut prev = before.iter().rev().find_map(|c| c.last());
        for s in &spans {
            self.validate(s.start, s.end, &s.label)?;
            follows(prev, s)?;
            prev = Some(s);
        }
        Ok(Arc::new(super::spans::Piece::new(spans)))
    }

    /// Sets the spans to `chunks`, each made by [`Document::checked_chunk`] for this document
    /// with those before it.
    pub fn set_checked_chunks(&mut self, chunks: Vec<Chunk>) {
        self.spans = Spans::from_chunks(chunks);
    }

    pub fn offsets(&self) -> &OffsetMap {
        &self.map
    }

    /// The offset map as shared, for keeping past a render without copying it (it costs
    /// bytes per character of the text).
    pub fn shared_offsets(&self) -> &Arc<OffsetMap> {
        &self.map
    }

    pub fn tokens(&self) -> &[Token] {
        &self.derived().tokens
    }

    /// Where a view may cut the text into blocks; see [`block_starts`]. Needs no tokens.
    pub fn block_starts(&self) -> &[usize] {
        self.derived.blocks.get_or_init(|| block_starts(&self.text))
    }

    /// Keeps `starts`, found a step at a time ([`crate::core::text::BlockStarts`]) for this
    /// text, as its block starts (unless they are known already).
    pub fn set_block_starts(&self, starts: Vec<usize>) {
        let _ = self.derived.blocks.set(starts);
    }

    /// Keeps `paragraphs`, found a step at a time
    /// ([`crate::core::viewport::FindingParagraphs`]) for this text, as its paragraphs.
    pub fn set_paragraphs(&self, paragraphs: Paragraphs) {
        let _ = self.derived.paragraphs.set(paragraphs);
    }

    /// Whether the block starts and paragraphs a first render reads are known already (found
    /// a step at a time, or read once).
    pub fn is_ready_to_show(&self) -> bool {
        self.derived.blocks.get().is_some() && self.derived.paragraphs.get().is_some()
    }

    /// Where the text's paragraphs start and their shapes, for a long article's layout
    /// ([`crate::core::viewport`]); found once, as the block starts are.
    pub fn paragraphs(&self) -> &Paragraphs {
        self.derived.paragraphs.get_or_init(|| Paragraphs::of(self))
    }

    /// How many words (and numbers) the text has.
    pub fn word_count(&self) -> usize {
        self.derived().words
    }

    pub fn char_len(&self) -> usize {
        self.map.char_len()
    }

    pub fn spans(&self) -> &Spans {
        &self.spans
    }

    /// How many spans carry each label, in the labels' order, from the counts each chunk of
    /// spans keeps: the legend needs them on every render.
    pub fn label_counts(&self) -> Vec<usize> {
        self.labels
            .iter()
            .map(|l| self.spans.count_label(&l.name))
            .collect()
    }

    /// Changes every span at once with `f` (a bulk edit: it costs a copy of all spans).
    fn rebuild(&mut self, f: impl FnOnce(&mut Vec<Span>)) {
        let mut spans = self.spans.to_vec();
        f(&mut spans);
        self.spans = Spans::from(spans);
    }

    /// The indices `[first, last)` of the spans overlapping `[start, end)`: they are
    /// neighbours, since spans are sorted and apart.
    pub fn overlapping(&self, start: usize, end: usize) -> (usize, usize) {
        let first = self.spans.partition_point(|s| s.end <= start);
        let last = first
            + self
                .spans
                .range(first, self.spans.len())
                .take_while(|s| s.start < end)
                .count();
        (first, last)
    }

    /// [`Document::splice`] with the labels set to `labels` first, when given: one undo step
    /// may change both. Refused whole, leaving the document as it was.
    pub fn replace(
        &mut self,
        start: usize,
        end: usize,
        added: Vec<Span>,
        labels: Option<Vec<Label>>,
    ) -> Result<(), SpanError> {
        let Some(labels) = labels else {
            return self.splice(start, end, added);
        };
        let before = self.clone();
        self.labels = labels;
        let result = self.splice(start, end, added).and_then(|()| {
            match self.spans.iter().find(|s| self.label(&s.label).is_none()) {
                Some(s) => Err(SpanError::UnknownLabel(s.label.to_string())),
                None => Ok(()),
            }
        });
        if result.is_err() {
            *self = before;
        }
        result
    }

    /// Puts `added` in place of the spans `[start, end)` (by index), refusing a span that is
    /// invalid or out of order with the others; on refusal nothing changes. Undo and redo
    /// apply their steps with it, so a damaged saved history cannot break a document.
    pub fn splice(&mut self, start: usize, end: usize, added: Vec<Span>) -> Result<(), SpanError> {
        if start > end || end > self.spans.len() {
            return Err(SpanError::NoSuchSpan(end));
        }
        for s in &added {
            self.validate(s.start, s.end, &s.label)?;
        }
        let before = start.checked_sub(1).and_then(|i| self.spans.get(i));
        let after = self.spans.get(end);
        let mut prev = before;
        for s in added.iter().chain(after) {
            follows(prev, s)?;
            prev = Some(s);
        }
        self.spans.splice(start, end, added);
        Ok(())
    }

    pub fn labels(&self) -> &[Label] {
        &self.labels
    }

    pub fn label(&self, name: &str) -> Option<&Label> {
        self.labels.iter().find(|l| l.name == name)
    }

    /// The covered text of code points `[start, end)`; empty when out of range.
    pub fn slice(&self, start: usize, end: usize) -> &str {
        self.map.slice(&self.text, start, end).unwrap_or("")
    }

    pub fn span_text(&self, span: &Span) -> &str {
        self.slice(span.start, span.end)
    }

    /// Index of the span that covers code point `cp`.
    pub fn span_at(&self, cp: usize) -> Option<usize> {
        let i = self.spans.partition_point(|s| s.end <= cp);
        (i < self.spans.len() && self.spans[i].start <= cp).then_some(i)
    }

    /// Whether `[start, end)` is a non-empty range of the text with both ends on grapheme
    /// boundaries: [`Document::validate`] without the label.
    pub fn fits(&self, start: usize, end: usize) -> bool {
        start < end
            && end <= self.char_len()
            && self.map.is_grapheme_boundary(&self.text, start)
            && self.map.is_grapheme_boundary(&self.text, end)
    }

    /// Checks everything about a span except overlaps.
    pub fn validate(&self, start: usize, end: usize, label: &str) -> Result<(), SpanError> {
        let len = self.char_len();
        if start > end || end > len {
            return Err(SpanError::OutOfRange { start, end, len });
        }
        if start == end {
            return Err(SpanError::Empty { at: start });
        }
        for offset in [start, end] {
            if !self.map.is_grapheme_boundary(&self.text, offset) {
                return Err(SpanError::NotOnBoundary { offset });
            }
        }
        if self.label(label).is_none() {
            return Err(SpanError::UnknownLabel(label.to_string()));
        }
        Ok(())
    }

    /// Adds a span; spans it overlaps are replaced and returned, so the caller can say so.
    pub fn add_span(&mut self, span: Span) -> Result<Vec<Span>, SpanError> {
        self.validate(span.start, span.end, &span.label)?;
        let (first, last) = self.overlapping(span.start, span.end);
        let replaced: Vec<Span> = self.spans.range(first, last).cloned().collect();
        self.spans.splice(first, last, vec![span]);
        Ok(replaced)
    }

    pub fn remove_span(&mut self, index: usize) -> Result<Span, SpanError> {
        if index >= self.spans.len() {
            return Err(SpanError::NoSuchSpan(index));
        }
        let span = self.spans[index].clone();
        self.spans.splice(index, index + 1, Vec::new());
        Ok(span)
    }

    /// Relabels a span; a person chose the label, so the span counts as accepted.
    pub fn set_label(&mut self, index: usize, label: &str) -> Result<(), SpanError> {
        if self.label(label).is_none() {
            return Err(SpanError::UnknownLabel(label.to_string()));
        }
        if index >= self.spans.len() {
            return Err(SpanError::NoSuchSpan(index));
        }
        let mut span = self.spans[index].clone();
        span.label = label.into();
        span.status = SpanStatus::Accepted;
        self.spans.set(index, span);
        Ok(())
    }

    /// Replaces all spans at once, refusing the whole set if any span is invalid or two
    /// overlap: an import must not half-apply.
    pub fn set_spans(&mut self, mut spans: Vec<Span>) -> Result<(), SpanError> {
        for s in &spans {
            self.validate(s.start, s.end, &s.label)?;
        }
        spans.sort_by_key(|s| (s.start, s.end));
        for pair in spans.windows(2) {
            follows(Some(&pair[0]), &pair[1])?;
        }
        self.spans = Spans::from(spans);
        Ok(())
    }

    /// Puts suggestions checked a step at a time ([`super::batch::Placing`]) in place, as they
    /// are: they were checked against this very text (the same allocation), and the document
    /// has no accepted span for them to overlap and knows all their labels. Otherwise gives
    /// them back, for [`Document::replace_suggestions`] to check again.
    pub fn place(&mut self, placed: Placed) -> Result<(), Placed> {
        let fits = Arc::ptr_eq(&placed.text, &self.text)
            && self.spans.iter().all(|s| s.status != SpanStatus::Accepted)
            && placed.labels.iter().all(|l| self.label(l).is_some());
        if !fits {
            return Err(placed);
        }
        self.spans = Spans::from_chunks(placed.chunks);
        Ok(())
    }

    /// Puts fresh recogniser output in place of the old suggestions. Spans a person has
    /// accepted stay, and a suggestion that would overlap one of them is dropped.
    pub fn replace_suggestions(&mut self, mut suggestions: Vec<Span>) {
        // Linear after sorting: a long article brings hundreds of thousands of suggestions.
        let accepted: Vec<Span> = self
            .spans
            .iter()
            .filter(|s| s.status == SpanStatus::Accepted)
            .cloned()
            .collect();
        suggestions.sort_by_key(|s| (s.start, s.end));
        let mut fresh: Vec<Span> = Vec::with_capacity(suggestions.len());
        for s in suggestions {
            let i = accepted.partition_point(|a| a.end <= s.start);
            let clash = accepted.get(i).is_some_and(|a| a.start < s.end)
                || fresh.last().is_some_and(|f| f.end > s.start);
            if !clash && self.validate(s.start, s.end, &s.label).is_ok() {
                fresh.push(s.suggested());
            }
        }
        let mut merged = Vec::with_capacity(accepted.len() + fresh.len());
        let (mut a, mut f) = (
            accepted.into_iter().peekable(),
            fresh.into_iter().peekable(),
        );
        loop {
            let next = match (a.peek(), f.peek()) {
                (Some(x), Some(y)) if x.start <= y.start => a.next(),
                (Some(_), Some(_)) => f.next(),
                (Some(_), None) => a.next(),
                (None, Some(_)) => f.next(),
                (None, None) => break,
            };
            merged.extend(next);
        }
        self.spans = Spans::from(merged);
    }

    /// A person's new name for a label, trimmed, or why it cannot be: names differ from every
    /// other label's regardless of case (`person` beside `PERSON` would only confuse) and are
    /// short enough to fit a panel. `renaming` is the label being renamed, which may keep its
    /// own name in another case.
    pub fn check_label_name(
        &self,
        name: &str,
        renaming: Option<&str>,
    ) -> Result<String, LabelError> {
        let name = name.trim();
        if name.is_empty() {
            return Err(LabelError::EmptyName);
        }
        let len = name.chars().count();
        if len > MAX_LABEL_NAME {
            return Err(LabelError::TooLong(len));
        }
        let clash = self
            .labels
            .iter()
            .filter(|l| Some(l.name.as_str()) != renaming)
            .find(|l| l.name.to_lowercase() == name.to_lowercase());
        match clash {
            Some(l) => Err(LabelError::Exists(l.name.clone())),
            None => Ok(name.to_string()),
        }
    }

    /// Adds a label unless one of that name exists; returns whether it was added.
    /// A colour that is not `#rrggbb` is replaced by the palette's next one.
    pub fn add_label(&mut self, mut label: Label) -> bool {
        if self.label(&label.name).is_some() {
            return false;
        }
        if !is_safe_color(&label.color) {
            label.color = next_color(&self.labels).to_string();
        }
        self.labels.push(label);
        true
    }

    /// Replaces the label set; spans whose label is no longer in it are refused. A colour that
    /// is not `#rrggbb` is replaced by the palette's next one.
    pub fn set_labels(&mut self, mut labels: Vec<Label>) -> Result<(), SpanError> {
        if let Some(s) = self
            .spans
            .iter()
            .find(|s| !labels.iter().any(|l| l.name == s.label))
        {
            return Err(SpanError::UnknownLabel(s.label.to_string()));
        }
        for i in 0..labels.len() {
            if !is_safe_color(&labels[i].color) {
                labels[i].color = next_color(&labels).to_string();
            }
        }
        self.labels = labels;
        Ok(())
    }

    /// Moves a span's edges; a person did it, so it counts as accepted. Growing into another
    /// span is refused rather than silently deleting that span.
    pub fn resize_span(&mut self, index: usize, start: usize, end: usize) -> Result<(), SpanError> {
        let label = self
            .spans
            .get(index)
            .ok_or(SpanError::NoSuchSpan(index))?
            .label
            .clone();
        self.validate(start, end, &label)?;
        let (first, last) = self.overlapping(start, end);
        if let Some(other) = (first..last)
            .filter(|&i| i != index)
            .map(|i| &self.spans[i])
            .next()
        {
            return Err(SpanError::Overlap {
                start,
                end,
                other_start: other.start,
                other_end: other.end,
            });
        }
        let mut span = self.spans[index].clone();
        span.start = start;
        span.end = end;
        span.status = SpanStatus::Accepted;
        // Overlapping nothing else, it keeps its place among its neighbours.
        self.spans.set(index, span);
        Ok(())
    }

    /// Marks every suggestion accepted; returns how many there were.
    pub fn accept_all(&mut self) -> usize {
        let mut n = 0;
        if !self.spans.iter().any(|s| s.status == SpanStatus::Suggested) {
            return 0;
        }
        self.rebuild(|spans| {
            for s in spans
                .iter_mut()
                .filter(|s| s.status == SpanStatus::Suggested)
            {
                s.status = SpanStatus::Accepted;
                n += 1;
            }
        });
        n
    }

    /// A copy with only the spans a person accepted, for an export without suggestions.
    pub fn accepted_only(&self) -> Document {
        let mut doc = self.clone();
        doc.rebuild(|spans| spans.retain(|s| s.status == SpanStatus::Accepted));
        doc
    }

    /// Renames a label and every span that carries it.
    pub fn rename_label(&mut self, from: &str, to: &str) -> Result<(), LabelError> {
        let to = &self.check_label_name(to, Some(from))?;
        let label = self.labels.iter_mut().find(|l| l.name == from);
        label
            .ok_or_else(|| LabelError::Unknown(from.to_string()))?
            .name = to.to_string();
        let to = LabelName::new(to);
        self.rebuild(|spans| {
            for s in spans.iter_mut().filter(|s| s.label == from) {
                s.label = to.clone();
            }
        });
        Ok(())
    }

    pub fn set_label_color(&mut self, name: &str, color: &str) -> Result<(), LabelError> {
        if !is_safe_color(color) {
            return Err(LabelError::Color(color.chars().take(40).collect()));
        }
        let label = self.labels.iter_mut().find(|l| l.name == name);
        label
            .ok_or_else(|| LabelError::Unknown(name.to_string()))?
            .color = color.to_string();
        Ok(())
    }

    /// Moves a label `by` places in the order; hotkeys follow the order.
    pub fn move_label(&mut self, name: &str, by: isize) -> Result<(), LabelError> {
        let i = self
            .labels
            .iter()
            .position(|l| l.name == name)
            .ok_or_else(|| LabelError::Unknown(name.to_string()))?;
        let j = (i as isize + by).clamp(0, self.labels.len() as isize - 1) as usize;
        let label = self.labels.remove(i);
        self.labels.insert(j, label);
        self.number_hotkeys();
        Ok(())
    }

    /// Removes a label and the spans that carry it; returns how many spans went with it.
    pub fn remove_label(&mut self, name: &str) -> Result<usize, LabelError> {
        let before = self.labels.len();
        self.labels.retain(|l| l.name != name);
        if self.labels.len() == before {
            return Err(LabelError::Unknown(name.to_string()));
        }
        let spans = self.spans.len();
        self.rebuild(|spans| spans.retain(|s| s.label != name));
        self.number_hotkeys();
        Ok(spans - self.spans.len())
    }

    /// Hotkeys are the label's place in the order, 1 to 9.
    pub fn number_hotkeys(&mut self) {
        for (i, l) in self.labels.iter_mut().enumerate() {
            l.hotkey = char::from_digit(i as u32 + 1, 10).filter(|_| i < 9);
        }
    }

    /// Checks the invariants; for tests and debug assertions.
    pub fn check_invariants(&self) -> Result<(), String> {
        for s in self.spans.iter() {
            self.validate(s.start, s.end, &s.label)
                .map_err(|e| e.to_string())?;
        }
        for (a, b) in self.spans.iter().zip(self.spans.iter().skip(1)) {
            if a.end > b.start {
                return Err(format!("spans {a:?} and {b:?} overlap or are unsorted"));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_in_chunks_are_checked_across_an_empty_chunk() {
        let mut d = Document::new("Kerry met Lavrov in Paris");
        let first = vec![Span::new(0, 5, PERSON), Span::new(10, 16, PERSON)];
        let overlapping = vec![Span::new(12, 16, PLACE)];
        assert!(d
            .set_span_chunks(vec![first.clone(), vec![], overlapping])
            .is_err());
        assert!(d.spans().is_empty(), "refused whole");
        d.set_span_chunks(vec![first, vec![], vec![Span::new(20, 25, PLACE)]])
            .unwrap();
        assert_eq!(d.spans().len(), 3);
        assert_eq!(d.spans().chunks().len(), 2, "the empty chunk is dropped");
    }

    #[test]
    fn a_document_made_in_steps_is_the_document_made_at_once() {
        for text in [
            "Kerry met Lavrov in Geneva. ".repeat(300),
            "Zoë 👩\u{200d}🔬 met Kerry\r\nin 東京 — €5. ".repeat(300),
            String::new(),
        ] {
            let whole = Document::tokenised_later(&text);
            for bytes in [0, 1, 7, 64, 1000, usize::MAX] {
                let mut making = Document::making(&text);
                while !making.step(bytes) {}
                let doc = making.finish();
                assert_eq!(doc, whole);
                assert_eq!(doc.text_hash(), whole.text_hash(), "{bytes} bytes a step");
                assert_eq!(doc.offsets(), whole.offsets(), "{bytes} bytes a step");
            }
        }
    }

    /// Where the page offers to split a long text itself, its message points there rather
    /// than telling the person to cut files by hand; both say the size and the limit.
    #[test]
    fn a_text_over_the_limit_is_refused_with_its_size() {
        let long = "x".repeat(MAX_TEXT_BYTES + 1);
        let by_hand = too_long(&long, "book.txt").unwrap();
        let offered = too_long_offering_parts(&long, "book.txt").unwrap();
        for m in [&by_hand, &offered] {
            assert!(m.starts_with("book.txt is 20.0 MB; spanlight opens articles of up to 20 MB"));
        }
        assert!(by_hand.contains("one file each"), "{by_hand}");
        assert!(offered.contains("choose how to split"), "{offered}");
        assert_eq!(too_long(&long[1..], "x"), None);
        assert_eq!(too_long_offering_parts(&long[1..], "x"), None);
    }

    #[test]
    fn tokens_built_later_are_built_once_and_shared_by_copies() {
        let text = "Kerry met Lavrov in Genève.\n\nZoë e\u{301} 東京 on 3 May.";
        let lazy = Document::tokenised_later(text);
        let copy = lazy.clone();
        assert!(!lazy.is_tokenised() && !copy.is_tokenised());
        assert_eq!(lazy, Document::new(text), "equal before its tokens exist");
        assert_eq!(copy.word_count(), Document::new(text).word_count());
        assert!(lazy.is_tokenised(), "a copy's tokens are the original's");
        assert_eq!(lazy.tokens(), Document::new(text).tokens());
        assert_eq!(lazy.block_starts(), Document::new(text).block_starts());
        let mut d = Document::tokenised_later(text);
        d.set_spans(vec![Span::new(0, 5, PERSON)]).unwrap();
        assert!(!d.is_tokenised(), "spans need no tokens");
    }

    #[test]
    fn adding_an_overlapping_span_replaces_and_reports() {
        let mut d = Document::new("Paris Hilton visited Paris.");
        assert!(d.add_span(Span::new(21, 26, PLACE)).unwrap().is_empty());
        assert!(d.add_span(Span::new(0, 5, PLACE)).unwrap().is_empty());
        let replaced = d.add_span(Span::new(0, 12, PERSON)).unwrap();
        assert_eq!(replaced, vec![Span::new(0, 5, PLACE)]);
        assert_eq!(
            d.spans()
                .iter()
                .map(|s| (s.start, s.end))
                .collect::<Vec<_>>(),
            [(0, 12), (21, 26)]
        );
        d.check_invariants().unwrap();
    }

    #[test]
    fn invalid_spans_are_refused_with_reasons() {
        let mut d = Document::new("Zoë e\u{301}");
        assert_eq!(
            d.add_span(Span::new(0, 9, PERSON)),
            Err(SpanError::OutOfRange {
                start: 0,
                end: 9,
                len: 6
            })
        );
        assert_eq!(
            d.add_span(Span::new(2, 2, PERSON)),
            Err(SpanError::Empty { at: 2 })
        );
        assert_eq!(
            d.add_span(Span::new(4, 5, PERSON)),
            Err(SpanError::NotOnBoundary { offset: 5 })
        );
        assert_eq!(
            d.add_span(Span::new(0, 3, "ORG")),
            Err(SpanError::UnknownLabel("ORG".into()))
        );
        assert!(d.spans().is_empty());
    }

    #[test]
    fn set_spans_is_all_or_nothing() {
        let mut d = Document::new("Kerry met Lavrov in Geneva");
        d.add_span(Span::new(0, 5, PERSON)).unwrap();
        let bad = vec![Span::new(10, 16, PERSON), Span::new(12, 14, PLACE)];
        assert!(matches!(d.set_spans(bad), Err(SpanError::Overlap { .. })));
        assert_eq!(d.spans(), &[Span::new(0, 5, PERSON)]);
    }

    #[test]
    fn suggestions_never_override_accepted_spans() {
        let mut d = Document::new("Jordan toured Jordan");
        d.add_span(Span::new(0, 6, PERSON)).unwrap();
        d.replace_suggestions(vec![Span::new(0, 6, PLACE), Span::new(14, 20, PLACE)]);
        assert_eq!(d.spans()[0], Span::new(0, 6, PERSON));
        assert_eq!(d.spans()[1], Span::new(14, 20, PLACE).suggested());
        d.replace_suggestions(vec![]);
        assert_eq!(
            d.spans().len(),
            1,
            "old suggestions go, accepted spans stay"
        );
    }

    #[test]
    fn resizing_keeps_spans_apart() {
        let mut d = Document::new("Kerry met Lavrov in Geneva");
        d.add_span(Span::new(0, 5, PERSON).suggested()).unwrap();
        d.add_span(Span::new(10, 16, PERSON)).unwrap();
        d.resize_span(0, 0, 9).unwrap();
        assert_eq!(
            d.spans()[0],
            Span::new(0, 9, PERSON),
            "resized means accepted"
        );
        assert!(matches!(
            d.resize_span(0, 0, 16),
            Err(SpanError::Overlap { .. })
        ));
        assert_eq!(d.spans()[0].end, 9);
    }

    #[test]
    fn label_names_are_unique_regardless_of_case_and_short() {
        let mut d = Document::new("Kerry");
        assert_eq!(
            d.check_label_name(" person ", None),
            Err(LabelError::Exists(PERSON.into()))
        );
        assert_eq!(d.check_label_name(" ORG ", None), Ok("ORG".into()));
        let long = "X".repeat(MAX_LABEL_NAME + 1);
        assert_eq!(
            d.check_label_name(&long, None),
            Err(LabelError::TooLong(MAX_LABEL_NAME + 1))
        );
        assert!(d.check_label_name(&long[1..], None).is_ok());
        assert_eq!(d.check_label_name("  ", None), Err(LabelError::EmptyName));
        // A label may take its own name in another case, not another label's.
        d.rename_label(PERSON, "Person").unwrap();
        assert_eq!(d.labels()[0].name, "Person");
        assert_eq!(
            d.rename_label("Person", "place"),
            Err(LabelError::Exists(PLACE.into()))
        );
        assert!(d.rename_label("Person", &long).is_err());
        assert_eq!(
            d.labels()[0].name,
            "Person",
            "a refused rename changes nothing"
        );
    }

    #[test]
    fn a_copy_keeps_its_spans_whatever_happens_to_the_original() {
        // Undo keeps copies of the document: a later edit must not reach into them.
        let mut d = Document::new("Kerry met Lavrov in Paris");
        d.add_span(Span::new(0, 5, PERSON)).unwrap();
        d.add_span(Span::new(20, 25, PLACE).suggested()).unwrap();
        let copy = d.clone();
        d.set_label(0, PLACE).unwrap();
        d.add_span(Span::new(10, 16, PERSON)).unwrap();
        d.remove_span(2).unwrap();
        d.accept_all();
        assert_eq!(
            copy.spans(),
            &[
                Span::new(0, 5, PERSON),
                Span::new(20, 25, PLACE).suggested()
            ]
        );
        assert_eq!(
            d.spans(),
            &[Span::new(0, 5, PLACE), Span::new(10, 16, PERSON)]
        );
        assert_ne!(d, copy);
        let mut back = copy.clone();
        assert_eq!(back, copy);
        back.remove_label(PLACE).unwrap();
        assert_eq!(
            copy.spans().len(),
            2,
            "removing a label changes only its own copy"
        );
    }

    #[test]
    fn label_counts_follow_the_label_order() {
        let mut d = Document::new("Kerry met Lavrov in Paris and Berlin");
        for (s, e, l) in [
            (0, 5, PERSON),
            (10, 16, PERSON),
            (20, 25, PLACE),
            (30, 36, PLACE),
        ] {
            d.add_span(Span::new(s, e, l)).unwrap();
        }
        d.set_label(1, PLACE).unwrap();
        let counts = d.label_counts();
        assert_eq!(counts.len(), d.labels().len());
        for (label, n) in d.labels().iter().zip(&counts) {
            let expected = d.spans().iter().filter(|s| s.label == label.name).count();
            assert_eq!(*n, expected, "{}", label.name);
        }
        assert_eq!(counts.iter().sum::<usize>(), 4);
        d.move_label(PLACE, -5).unwrap();
        assert_eq!(d.label_counts()[0], 3, "PLACE first now, with three spans");
    }

    #[test]
    fn labels_rename_reorder_and_delete_with_their_spans() {
        let mut d = Document::new("Kerry met Lavrov in Geneva");
        d.add_span(Span::new(0, 5, PERSON)).unwrap();
        d.add_span(Span::new(20, 26, PLACE)).unwrap();
        d.rename_label(PERSON, "PER").unwrap();
        assert_eq!(d.spans()[0].label, "PER");
        assert_eq!(
            d.rename_label("PER", PLACE),
            Err(LabelError::Exists(PLACE.into()))
        );
        d.move_label(NUMBER, -2).unwrap();
        let order: Vec<_> = d
            .labels()
            .iter()
            .map(|l| (l.name.as_str(), l.hotkey))
            .collect();
        assert_eq!(
            order,
            [(NUMBER, Some('1')), ("PER", Some('2')), (PLACE, Some('3'))]
        );
        assert_eq!(d.remove_label(PLACE), Ok(1));
        assert_eq!(d.spans().len(), 1);
        assert_eq!(d.labels()[1].hotkey, Some('2'));
        d.check_invariants().unwrap();
    }

    #[test]
    fn suggestions_that_overlap_each_other_keep_the_first() {
        let mut d = Document::new("New York City Hall");
        d.add_span(Span::new(14, 18, PLACE)).unwrap();
        d.replace_suggestions(vec![
            Span::new(4, 13, PLACE),
            Span::new(0, 8, PLACE),
            Span::new(9, 18, PLACE),
        ]);
        let got: Vec<_> = d
            .spans()
            .iter()
            .map(|s| (s.start, s.end, s.status))
            .collect();
        assert_eq!(
            got,
            [
                (0, 8, SpanStatus::Suggested),
                (14, 18, SpanStatus::Accepted)
            ]
        );
        d.check_invariants().unwrap();
    }

    #[test]
    fn span_at_finds_the_covering_span() {
        let mut d = Document::new("Kerry met Lavrov");
        d.add_span(Span::new(0, 5, PERSON)).unwrap();
        d.add_span(Span::new(10, 16, PERSON)).unwrap();
        assert_eq!(d.span_at(4), Some(0));
        assert_eq!(d.span_at(5), None);
        assert_eq!(d.span_at(10), Some(1));
        assert_eq!(d.span_at(16), None);
    }

    #[test]
    fn label_colours_are_hex_or_replaced_never_css() {
        let hostile = "red;position:fixed;inset:0";
        let mut d = Document::new("Kerry");
        assert!(d.add_label(Label::new("ORG", hostile, None)));
        let org = d.label("ORG").unwrap().color.clone();
        assert!(is_safe_color(&org), "{org}");
        d.set_labels(vec![
            Label::new(PERSON, "#FFD36E", None),
            Label::new("X", "url(x)", None),
            Label::new("Y", "", None),
        ])
        .unwrap();
        assert_eq!(
            d.label(PERSON).unwrap().color,
            "#FFD36E",
            "a good colour is kept"
        );
        let (x, y) = (&d.label("X").unwrap().color, &d.label("Y").unwrap().color);
        assert!(is_safe_color(x) && is_safe_color(y) && x != y, "{x} {y}");
        assert!(d.set_label_color(PERSON, "blue}body{display:none").is_err());
        assert_eq!(d.label(PERSON).unwrap().color, "#FFD36E");
        d.set_label_color(PERSON, "#000000").unwrap();
        for bad in [
            "#12345",
            "#1234567",
            "#12345g",
            "123456",
            " #123456",
            "#12345\u{e9}",
        ] {
            assert!(!is_safe_color(bad), "{bad}");
        }
    }
}
