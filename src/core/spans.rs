//! The sorted span list of a document, kept in shared chunks.
//!
//! The app keeps the state before an action while it computes the next one (Yew's reducer, the
//! properties of the last render, autosave), so a span list in one vector is copied whole on every
//! change: 40 to 100 ms for a million spans. Here a change copies only the chunk it touches and
//! the list of chunk pointers; every copy of the list shares the other chunks. Chunks also tell
//! autosave what changed since the last write: a chunk it wrote is the same allocation. Each
//! chunk counts its suggestions and labels when it is made, so the legend and review's progress
//! add up chunks rather than read every span on every render.

use std::fmt;
use std::ops::{Deref, Index};
use std::sync::Arc;

use serde::{Serialize, Serializer};

use super::document::{LabelName, Span, SpanStatus};

/// Spans per chunk when a list is cut; a chunk grows to twice that before it is cut again.
pub const CHUNK: usize = 512;

/// A run of spans with what the panels count in it, counted when the run is made.
#[derive(Debug, PartialEq)]
pub struct Piece {
    spans: Box<[Span]>,
    suggested: usize,
    /// How many spans carry each label that occurs here.
    labels: Vec<(LabelName, usize)>,
}

impl Piece {
    pub fn new(spans: Vec<Span>) -> Self {
        let mut labels: Vec<(LabelName, usize)> = Vec::new();
        let mut suggested = 0;
        for s in &spans {
            suggested += usize::from(s.status == SpanStatus::Suggested);
            match labels.iter_mut().find(|(l, _)| *l == s.label) {
                Some((_, n)) => *n += 1,
                None => labels.push((s.label.clone(), 1)),
            }
        }
        Piece {
            spans: spans.into_boxed_slice(),
            suggested,
            labels,
        }
    }
}

impl Deref for Piece {
    type Target = [Span];

    fn deref(&self) -> &[Span] {
        &self.spans
    }
}

/// One chunk of spans, shared between the copies of a list.
pub type Chunk = Arc<Piece>;

fn chunk(spans: Vec<Span>) -> Chunk {
    Arc::new(Piece::new(spans))
}

/// A sorted list of spans in chunks; cloning it copies two pointers.
#[derive(Clone, Default)]
pub struct Spans {
    chunks: Arc<Vec<Chunk>>,
    /// `starts[k]` is the index of chunk `k`'s first span; one more entry holds the length.
    starts: Arc<Vec<usize>>,
}

/// The spans of a list in order.
pub type Iter<'a> =
    std::iter::FlatMap<std::slice::Iter<'a, Chunk>, std::slice::Iter<'a, Span>, ChunkIter>;

type ChunkIter = for<'b> fn(&'b Chunk) -> std::slice::Iter<'b, Span>;

fn chunk_iter(c: &Chunk) -> std::slice::Iter<'_, Span> {
    c.iter()
}

/// Prefix sums of chunk lengths.
fn starts_of(chunks: &[Chunk]) -> Vec<usize> {
    let mut starts = Vec::with_capacity(chunks.len() + 1);
    let mut n = 0;
    starts.push(0);
    for c in chunks {
        n += c.len();
        starts.push(n);
    }
    starts
}

/// Cuts `spans` into chunks of at most [`CHUNK`] (no empty chunk).
fn cut(spans: Vec<Span>) -> Vec<Chunk> {
    // Pieces of even size, so that a chunk cut after it grew leaves no sliver behind.
    let pieces = spans.len().div_ceil(CHUNK);
    let size = spans.len().div_ceil(pieces.max(1)).max(1);
    let mut chunks = Vec::with_capacity(pieces);
    let mut spans = spans.into_iter();
    loop {
        let piece: Vec<Span> = spans.by_ref().take(size).collect();
        if piece.is_empty() {
            return chunks;
        }
        chunks.push(chunk(piece));
    }
}

impl Spans {
    pub fn new() -> Self {
        Spans::from_chunks(Vec::new())
    }

    /// A list from chunks as they are (empty ones left out); the caller keeps them sorted.
    pub fn from_chunks(chunks: Vec<Chunk>) -> Self {
        let chunks: Vec<Chunk> = chunks.into_iter().filter(|c| !c.is_empty()).collect();
        Spans {
            starts: Arc::new(starts_of(&chunks)),
            chunks: Arc::new(chunks),
        }
    }

    pub fn len(&self) -> usize {
        self.starts.last().copied().unwrap_or(0)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The chunks, in order, as shared.
    pub fn chunks(&self) -> &[Chunk] {
        &self.chunks
    }

    /// The chunk holding span `i` and `i`'s place in it.
    fn locate(&self, i: usize) -> Option<(usize, usize)> {
        if i >= self.len() {
            return None;
        }
        let k = self.starts.partition_point(|&s| s <= i) - 1;
        Some((k, i - self.starts[k]))
    }

    pub fn get(&self, i: usize) -> Option<&Span> {
        self.locate(i).map(|(k, j)| &self.chunks[k][j])
    }

    pub fn first(&self) -> Option<&Span> {
        self.chunks.first().and_then(|c| c.first())
    }

    pub fn last(&self) -> Option<&Span> {
        self.chunks.last().and_then(|c| c.last())
    }

    pub fn iter(&self) -> Iter<'_> {
        self.chunks.iter().flat_map(chunk_iter as ChunkIter)
    }

    /// The spans of `range`, in order.
    pub fn range(&self, start: usize, end: usize) -> impl Iterator<Item = &Span> + '_ {
        let end = end.min(self.len());
        let from = self.locate(start);
        let chunks = match from {
            Some((k, _)) => &self.chunks[k..],
            None => &[],
        };
        let skip = from.map_or(0, |(_, j)| j);
        chunks
            .iter()
            .flat_map(chunk_iter as ChunkIter)
            .skip(skip)
            .take(end.saturating_sub(start))
    }

    /// The index of the first span for which `pred` is false, as [`slice::partition_point`]
    /// (the spans must be partitioned by `pred`).
    pub fn partition_point(&self, mut pred: impl FnMut(&Span) -> bool) -> usize {
        // The first chunk whose last span fails, then inside it.
        let k = self
            .chunks
            .partition_point(|c| c.last().is_some_and(&mut pred));
        match self.chunks.get(k) {
            Some(c) => self.starts[k] + c.partition_point(pred),
            None => self.len(),
        }
    }

    pub fn to_vec(&self) -> Vec<Span> {
        self.iter().cloned().collect()
    }

    /// Puts `added` in place of the spans `[start, end)`; only the chunks holding them are
    /// copied. The caller keeps the list sorted.
    pub fn splice(&mut self, start: usize, end: usize, added: Vec<Span>) {
        let len = self.len();
        let (start, end) = (start.min(len), end.clamp(start.min(len), len));
        if self.chunks.is_empty() {
            *self = Spans::from(added);
            return;
        }
        // The chunks the change falls in: from the one holding `start` (or the last, to append
        // at the end) to the one holding the last removed span.
        let first = self.locate(start).map_or(self.chunks.len() - 1, |(k, _)| k);
        let last = if end > start {
            self.locate(end - 1).map_or(first, |(k, _)| k)
        } else {
            first
        };
        let base = self.starts[first];
        let mut merged: Vec<Span> =
            Vec::with_capacity(self.starts[last + 1] - base + added.len() - (end - start));
        for c in &self.chunks[first..=last] {
            merged.extend_from_slice(&c[..]);
        }
        merged.splice(start - base..end - base, added);
        let fresh: Vec<Chunk> = if merged.len() > 2 * CHUNK {
            cut(merged)
        } else if merged.is_empty() {
            Vec::new()
        } else {
            vec![chunk(merged)]
        };
        let mut chunks = Vec::with_capacity(self.chunks.len() + fresh.len());
        chunks.extend_from_slice(&self.chunks[..first]);
        chunks.extend(fresh);
        chunks.extend_from_slice(&self.chunks[last + 1..]);
        *self = Spans::from_chunks(chunks);
    }

    /// How many spans are suggestions.
    pub fn suggested(&self) -> usize {
        self.chunks.iter().map(|c| c.suggested).sum()
    }

    /// How many spans before index `i` are suggestions.
    pub fn suggested_before(&self, i: usize) -> usize {
        let Some((k, j)) = self.locate(i) else {
            return self.suggested();
        };
        let before: usize = self.chunks[..k].iter().map(|c| c.suggested).sum();
        before
            + self.chunks[k][..j]
                .iter()
                .filter(|s| s.status == SpanStatus::Suggested)
                .count()
    }

    /// How many spans carry the label `name`.
    pub fn count_label(&self, name: &str) -> usize {
        self.chunks
            .iter()
            .flat_map(|c| c.labels.iter().find(|(l, _)| l == name))
            .map(|(_, n)| n)
            .sum()
    }

    /// The indices of the spans that carry the label `name`, reading only the chunks that
    /// hold one (a label of a few spans in a long article is found at once).
    pub fn with_label(&self, name: &str) -> Vec<usize> {
        let mut found = Vec::new();
        for (k, c) in self.chunks.iter().enumerate() {
            if c.labels.iter().any(|(l, _)| l == name) {
                let base = self.starts[k];
                found.extend(
                    (0..c.len())
                        .filter(|&j| c[j].label == name)
                        .map(|j| base + j),
                );
            }
        }
        found
    }

    /// The first suggestion at index `from` or after.
    pub fn next_suggested(&self, from: usize) -> Option<usize> {
        let (k0, j0) = self.locate(from)?;
        (k0..self.chunks.len())
            .filter(|&k| self.chunks[k].suggested > 0)
            .find_map(|k| {
                let skip = if k == k0 { j0 } else { 0 };
                let c = &self.chunks[k];
                (skip..c.len())
                    .find(|&j| c[j].status == SpanStatus::Suggested)
                    .map(|j| self.starts[k] + j)
            })
    }

    /// The last suggestion before index `before`.
    pub fn prev_suggested(&self, before: usize) -> Option<usize> {
        let before = before.min(self.len());
        let (k0, j0) = match before.checked_sub(1).and_then(|i| self.locate(i)) {
            Some((k, j)) => (k, j + 1),
            None => return None,
        };
        (0..=k0)
            .rev()
            .filter(|&k| self.chunks[k].suggested > 0)
            .find_map(|k| {
                let c = &self.chunks[k];
                let end = if k == k0 { j0 } else { c.len() };
                (0..end)
                    .rev()
                    .find(|&j| c[j].status == SpanStatus::Suggested)
                    .map(|j| self.starts[k] + j)
            })
    }

    /// Replaces span `i` (which must exist); the caller keeps the list sorted.
    pub fn set(&mut self, i: usize, span: Span) {
        self.splice(i, i + 1, vec![span]);
    }

    /// Where `self` and `other` differ: the first differing index and how many spans from there
    /// each has before their common end. Chunks shared between the two are skipped unread, so
    /// the copy before an edit and after it are compared in about a chunk's time.
    pub fn difference(&self, other: &Spans) -> (usize, usize, usize) {
        let (a, b) = (&self.chunks, &other.chunks);
        let mut k = 0;
        while k < a.len() && k < b.len() && Arc::ptr_eq(&a[k], &b[k]) {
            k += 1;
        }
        let mut start = self.starts[k.min(a.len())];
        let shortest = self.len().min(other.len());
        {
            let (mut x, mut y) = (
                self.range(start, self.len()),
                other.range(start, other.len()),
            );
            while start < shortest && x.next() == y.next() {
                start += 1;
            }
        }
        // The common end, from the back, not crossing `start`.
        let (mut ka, mut kb) = (a.len(), b.len());
        let mut tail = 0;
        while ka > 0 && kb > 0 && Arc::ptr_eq(&a[ka - 1], &b[kb - 1]) {
            ka -= 1;
            kb -= 1;
            tail += a[ka].len();
        }
        let room = shortest - start;
        tail = tail.min(room);
        while tail < room && self.get(self.len() - tail - 1) == other.get(other.len() - tail - 1) {
            tail += 1;
        }
        (start, self.len() - tail - start, other.len() - tail - start)
    }
}

impl From<Vec<Span>> for Spans {
    fn from(spans: Vec<Span>) -> Self {
        Spans::from_chunks(cut(spans))
    }
}

impl Index<usize> for Spans {
    type Output = Span;

    fn index(&self, i: usize) -> &Span {
        match self.get(i) {
            Some(s) => s,
            None => panic!("span {i} of {}", self.len()),
        }
    }
}

impl<'a> IntoIterator for &'a Spans {
    type Item = &'a Span;
    type IntoIter = Iter<'a>;

    fn into_iter(self) -> Iter<'a> {
        self.iter()
    }
}

impl PartialEq for Spans {
    fn eq(&self, other: &Spans) -> bool {
        Arc::ptr_eq(&self.chunks, &other.chunks)
            || (self.len() == other.len() && self.difference(other).1 == 0)
    }
}

impl PartialEq<[Span]> for Spans {
    fn eq(&self, other: &[Span]) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

impl PartialEq<&[Span]> for Spans {
    fn eq(&self, other: &&[Span]) -> bool {
        *self == **other
    }
}

impl<const N: usize> PartialEq<[Span; N]> for Spans {
    fn eq(&self, other: &[Span; N]) -> bool {
        *self == other[..]
    }
}

impl<const N: usize> PartialEq<&[Span; N]> for Spans {
    fn eq(&self, other: &&[Span; N]) -> bool {
        *self == other[..]
    }
}

impl<const N: usize> PartialEq<[Span; N]> for &Spans {
    fn eq(&self, other: &[Span; N]) -> bool {
        **self == other[..]
    }
}

impl PartialEq<Vec<Span>> for Spans {
    fn eq(&self, other: &Vec<Span>) -> bool {
        *self == other[..]
    }
}

impl fmt::Debug for Spans {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

/// Written as one list, as a vector of spans is.
impl Serialize for Spans {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(i: usize) -> Span {
        Span::new(2 * i, 2 * i + 1, "X")
    }

    #[cfg(not(target_arch = "wasm32"))]
    use proptest::prelude::*;

    #[cfg(not(target_arch = "wasm32"))]
    proptest! {
        /// Any splice does to the chunks what it does to a plain vector, and copies share the
        /// chunks they did not change.
        #[test]
        fn splices_match_a_vector(
            n in 0usize..3000,
            edits in proptest::collection::vec((0usize..3100, 0usize..40, 0usize..40), 1..30),
        ) {
            let mut plain: Vec<Span> = (0..n).map(span).collect();
            let mut list = Spans::from(plain.clone());
            for cut in [0, n / 3, n / 2, n] {
                let pred = |s: &Span| s.start < 2 * cut;
                prop_assert_eq!(list.partition_point(pred), plain.partition_point(pred));
            }
            for (at, remove, add) in edits {
                let before = list.clone();
                let at = at.min(plain.len());
                let end = (at + remove).min(plain.len());
                let added: Vec<Span> = (0..add).map(|i| span(10_000 + i)).collect();
                plain.splice(at..end, added.clone());
                list.splice(at, end, added);
                prop_assert_eq!(&list, &plain);
                prop_assert_eq!(list.len(), plain.len());
                let (s, r, a) = before.difference(&list);
                let mut back = list.clone();
                back.splice(s, s + a, before.range(s, s + r).cloned().collect());
                prop_assert_eq!(&back, &before.to_vec());
                let shared = list.chunks().iter().filter(|c| before.chunks().iter().any(|b| Arc::ptr_eq(b, c))).count();
                prop_assert!(shared + 3 >= list.chunks().len().min(before.chunks().len()));
            }
            for (i, s) in plain.iter().enumerate() {
                prop_assert_eq!(&list[i], s);
            }
        }
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest! {
        /// The counts the chunks keep agree with counting every span, after any splices.
        #[test]
        fn chunk_counts_match_counting_every_span(
            kinds in proptest::collection::vec((any::<bool>(), 0usize..3), 0..2500),
            edits in proptest::collection::vec((0usize..2600, 0usize..600, proptest::collection::vec((any::<bool>(), 0usize..3), 0..600)), 0..6),
            probes in proptest::collection::vec(0usize..2700, 1..20),
        ) {
            let make = |i: usize, (suggested, label): (bool, usize)| {
                let s = Span::new(2 * i, 2 * i + 1, ["A", "B", "C"][label]);
                if suggested { s.suggested() } else { s }
            };
            let mut plain: Vec<Span> = kinds.iter().enumerate().map(|(i, &k)| make(i, k)).collect();
            let mut list = Spans::from(plain.clone());
            for (at, remove, added) in edits {
                let at = at.min(plain.len());
                let end = (at + remove).min(plain.len());
                let added: Vec<Span> = added.into_iter().enumerate().map(|(i, k)| make(5000 + i, k)).collect();
                plain.splice(at..end, added.clone());
                list.splice(at, end, added);
            }
            let is = |s: &Span| s.status == SpanStatus::Suggested;
            prop_assert_eq!(list.suggested(), plain.iter().filter(|s| is(s)).count());
            for l in ["A", "B", "C", "D"] {
                prop_assert_eq!(list.count_label(l), plain.iter().filter(|s| s.label == l).count());
                let with: Vec<usize> = (0..plain.len()).filter(|&i| plain[i].label == l).collect();
                prop_assert_eq!(list.with_label(l), with);
            }
            for p in probes {
                let q = p.min(plain.len());
                prop_assert_eq!(list.suggested_before(q), plain[..q].iter().filter(|s| is(s)).count());
                prop_assert_eq!(list.next_suggested(p), (p..plain.len()).find(|&i| is(&plain[i])));
                prop_assert_eq!(list.prev_suggested(p), (0..q).rev().find(|&i| is(&plain[i])));
            }
        }
    }

    #[test]
    fn an_edit_copies_one_chunk_and_leaves_the_copy_alone() {
        let list = Spans::from((0..10 * CHUNK).map(span).collect::<Vec<_>>());
        let mut edited = list.clone();
        edited.set(
            5 * CHUNK + 3,
            Span::new(10 * CHUNK + 6, 10 * CHUNK + 7, "Y"),
        );
        assert_eq!(list[5 * CHUNK + 3], span(5 * CHUNK + 3));
        assert_eq!(edited[5 * CHUNK + 3].label, "Y");
        let shared = edited
            .chunks()
            .iter()
            .zip(list.chunks())
            .filter(|(a, b)| Arc::ptr_eq(a, b))
            .count();
        assert_eq!(shared, 9);
        assert_eq!(list.difference(&edited), (5 * CHUNK + 3, 1, 1));
    }
}
