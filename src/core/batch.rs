//! Spans packed for the trip from the Web Worker to the page: a 20 MB article has hundreds of
//! thousands of spans, and as JSON (an object and a label string per span) they cost the page
//! seconds to read. Packed, they are three `u32` arrays (starts, ends, label ids) and a table of
//! label names, which the page copies out of typed arrays at once.
//!
//! What arrives is checked whole: arrays of different lengths, an empty span, an offset past the
//! text or a label id outside the table make the pack an error, never a panic.
//!
//! A large import's batches of documents travel the same way ([`PackedDocs`]): their texts as
//! one run of UTF-8 bytes, their spans as `u32` arrays, and only the small rest (names, done
//! marks, label lists) as JSON. As JSON whole, the texts were escaped in the worker and parsed
//! again on the page, a span at a time.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::document::{Document, Label, LabelName, Span, SpanStatus, MAX_LABEL_NAME};
use super::intake::Incoming;
use super::spans::{Chunk, Piece, CHUNK};

/// The recogniser's spans for one text; each becomes a suggestion when unpacked.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PackedSpans {
    /// Code-point offsets, one of each per span.
    pub starts: Vec<u32>,
    pub ends: Vec<u32>,
    /// Each span's label, as an index into `table`.
    pub labels: Vec<u32>,
    /// The label names, each once.
    pub table: Vec<String>,
}

/// Packs `spans` (sorted by offset on the way). An offset too large for a `u32` (no text the
/// page opens has one) is packed as `u32::MAX`, which unpacking refuses.
pub fn pack(spans: &[Span]) -> PackedSpans {
    let mut order: Vec<&Span> = spans.iter().collect();
    order.sort_by_key(|s| (s.start, s.end));
    let mut packed = PackedSpans {
        starts: Vec::with_capacity(order.len()),
        ends: Vec::with_capacity(order.len()),
        labels: Vec::with_capacity(order.len()),
        table: Vec::new(),
    };
    let offset = |x: usize| u32::try_from(x).unwrap_or(u32::MAX);
    for s in order {
        // Few labels: a look-up in the short table beats a map.
        let id = match packed.table.iter().position(|l| *l == s.label) {
            Some(i) => i,
            None => {
                packed.table.push(s.label.to_string());
                packed.table.len() - 1
            }
        };
        packed.starts.push(offset(s.start));
        packed.ends.push(offset(s.end));
        packed.labels.push(offset(id));
    }
    packed
}

impl PackedSpans {
    /// How many spans the pack holds (the length of its arrays when they agree).
    pub fn len(&self) -> usize {
        self.starts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.starts.is_empty()
    }

    /// Why the pack cannot be read, if it cannot: arrays of different lengths, or a label
    /// name that cannot be one.
    fn check(&self) -> Result<(), String> {
        let n = self.starts.len();
        if self.ends.len() != n || self.labels.len() != n {
            return Err(format!(
                "{} starts, {} ends and {} labels",
                n,
                self.ends.len(),
                self.labels.len()
            ));
        }
        if let Some(bad) = self
            .table
            .iter()
            .find(|l| l.trim().is_empty() || l.chars().count() > MAX_LABEL_NAME)
        {
            return Err(format!("a label name that cannot be one ({bad:?})"));
        }
        Ok(())
    }

    /// The spans, as suggestions, for a text of `char_len` code points; why not, if the pack
    /// is damaged. Whether each span fits the text's graphemes and the other spans is for the
    /// document to judge ([`super::editor::apply_found`]).
    pub fn unpack(&self, char_len: usize) -> Result<Vec<Span>, String> {
        self.check()?;
        let n = self.starts.len();
        // Interned once here, then shared by every span of the label.
        let names: Vec<LabelName> = self.table.iter().map(|l| LabelName::new(l)).collect();
        let mut spans = Vec::with_capacity(n);
        for i in 0..n {
            let (start, end, label) = self.span(i, char_len)?;
            spans.push(Span::new(start, end, &names[label]).suggested());
        }
        Ok(spans)
    }

    /// The `i`th span's start, end and label (an index into the table), or why it cannot be
    /// one in a text of `char_len` code points.
    fn span(&self, i: usize, char_len: usize) -> Result<(usize, usize, usize), String> {
        let (start, end) = (self.starts[i], self.ends[i]);
        // u32::MAX stands for an offset too large to pack.
        if start >= end || end as usize > char_len || end == u32::MAX {
            return Err(format!(
                "a span from {start} to {end} in a text of {char_len} characters"
            ));
        }
        let label = self.labels[i] as usize;
        if label >= self.table.len() {
            return Err(format!("label number {label} of {}", self.table.len()));
        }
        Ok((start as usize, end as usize, label))
    }
}

/// The spans of a [`PackedSpans`] being unpacked and checked against the document they were
/// found for, a step at a time, so that a page can spread placing hundreds of thousands of them
/// over several tasks (767,000 in one took about 150 ms): each span is checked as
/// [`Document::replace_suggestions`] checks a suggestion (within the text, its ends on grapheme
/// boundaries, not overlapping the one before), and those that pass are cut into chunks as
/// they come. The document's labels are not checked here: the labels a pack brings join the
/// document when it is placed ([`super::editor::Editor::take_placed`]), which checks them.
pub struct Placing {
    doc: Document,
    packed: PackedSpans,
    names: Vec<LabelName>,
    /// The order to take the spans in: `None` when the pack is sorted, as the worker sends it.
    order: Option<Vec<u32>>,
    at: usize,
    chunk: Vec<Span>,
    chunks: Vec<Chunk>,
    last_end: usize,
    used: Vec<bool>,
}

/// What [`Placing`] gave: suggestions checked against the text they were found in, in chunks.
#[derive(Clone, Debug, PartialEq)]
pub struct Placed {
    /// The text they were checked against: they are placed only in a document with this text.
    pub text: Arc<str>,
    pub chunks: Vec<Chunk>,
    /// The labels of the pack's spans (those that did not fit too, as `apply_found` adds
    /// them), each once.
    pub labels: Vec<LabelName>,
}

impl Placed {
    /// Every span, in order.
    pub fn spans(&self) -> Vec<Span> {
        self.chunks.iter().flat_map(|c| c.iter().cloned()).collect()
    }
}

impl Placing {
    /// Starts placing `packed` in `doc`; why not, if the pack is damaged (as
    /// [`PackedSpans::unpack`]).
    pub fn new(doc: &Document, packed: PackedSpans) -> Result<Placing, String> {
        packed.check()?;
        let n = packed.starts.len();
        let key = |i: usize| (packed.starts[i], packed.ends[i]);
        let sorted = (1..n).all(|i| key(i - 1) <= key(i));
        let order = (!sorted).then(|| {
            let mut order: Vec<u32> = (0..n as u32).collect();
            order.sort_by_key(|&i| key(i as usize));
            order
        });
        Ok(Placing {
            doc: doc.clone(),
            names: packed.table.iter().map(|l| LabelName::new(l)).collect(),
            used: vec![false; packed.table.len()],
            packed,
            order,
            at: 0,
            chunk: Vec::with_capacity(CHUNK),
            chunks: Vec::new(),
            last_end: 0,
        })
    }

    /// Checks up to `n` more spans; `Ok(true)` when all are done, an error when the pack is
    /// damaged (an offset past the text, a label id outside the table).
    pub fn step(&mut self, n: usize) -> Result<bool, String> {
        let total = self.packed.starts.len();
        let char_len = self.doc.char_len();
        let end_at = total.min(self.at.saturating_add(n));
        while self.at < end_at {
            let i = self.order.as_ref().map_or(self.at, |o| o[self.at] as usize);
            self.at += 1;
            let (start, end, label) = self.packed.span(i, char_len)?;
            // As `apply_found` does, the label joins the document even if its span does not.
            self.used[label] = true;
            if start < self.last_end || !self.doc.fits(start, end) {
                continue;
            }
            self.last_end = end;
            self.chunk
                .push(Span::new(start, end, self.names[label].clone()).suggested());
            if self.chunk.len() == CHUNK {
                let full = std::mem::replace(&mut self.chunk, Vec::with_capacity(CHUNK));
                self.chunks.push(Arc::new(Piece::new(full)));
            }
        }
        Ok(self.at == total)
    }

    /// The spans that passed, once [`Placing::step`] has said it is done.
    pub fn finish(mut self) -> Placed {
        if !self.chunk.is_empty() {
            self.chunks.push(Arc::new(Piece::new(self.chunk)));
        }
        let labels = self
            .names
            .into_iter()
            .zip(self.used)
            .filter_map(|(name, used)| used.then_some(name))
            .collect();
        Placed {
            text: self.doc.shared_text().clone(),
            chunks: self.chunks,
            labels,
        }
    }
}

/// A batch of documents packed for the trip from the import's Web Worker to the page.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PackedDocs {
    /// The small rest as JSON ([`Head`]).
    pub head: String,
    /// Every text's UTF-8 bytes, one after the other.
    pub text: Vec<u8>,
    /// Each text's length in bytes, and how many spans each document has, in order.
    pub lengths: Vec<u32>,
    pub counts: Vec<u32>,
    /// Every document's spans, one after the other: offsets in code points, each span's label
    /// as an index into the head's table, and 1 for a span a person accepted, 0 for a suggestion.
    pub starts: Vec<u32>,
    pub ends: Vec<u32>,
    pub labels: Vec<u32>,
    pub accepted: Vec<u32>,
}

/// What [`PackedDocs`] carries as JSON: one entry per document, except the label lists, which
/// are each sent once (the documents of an import mostly share one).
#[derive(Debug, Default, Serialize, Deserialize)]
struct Head {
    names: Vec<String>,
    done: Vec<bool>,
    /// Each document's label list, as an index into `label_lists`.
    label_list: Vec<u32>,
    label_lists: Vec<Vec<Label>>,
    /// The spans' label names, each once.
    table: Vec<LabelName>,
}

/// Packs `docs` for the page; [`PackedDocs::unpack`] gives them back.
pub fn pack_docs(docs: &[Incoming]) -> PackedDocs {
    let offset = |x: usize| u32::try_from(x).unwrap_or(u32::MAX);
    let mut head = Head::default();
    let mut packed = PackedDocs::default();
    for (name, doc, done) in docs {
        head.names.push(name.clone());
        head.done.push(*done);
        let list = match head.label_lists.iter().position(|l| l == doc.labels()) {
            Some(i) => i,
            None => {
                head.label_lists.push(doc.labels().to_vec());
                head.label_lists.len() - 1
            }
        };
        head.label_list.push(offset(list));
        packed.text.extend_from_slice(doc.text().as_bytes());
        packed.lengths.push(offset(doc.text().len()));
        packed.counts.push(offset(doc.spans().len()));
        for s in doc.spans().iter() {
            let id = match head.table.iter().position(|l| *l == s.label) {
                Some(i) => i,
                None => {
                    head.table.push(s.label.clone());
                    head.table.len() - 1
                }
            };
            packed.starts.push(offset(s.start));
            packed.ends.push(offset(s.end));
            packed.labels.push(offset(id));
            packed
                .accepted
                .push(u32::from(s.status == SpanStatus::Accepted));
        }
    }
    packed.head = serde_json::to_string(&head).expect("plain data always serialises");
    packed
}

impl PackedDocs {
    /// The documents, each built and checked as a document read from a file is (its spans in
    /// bounds, on grapheme boundaries, of its labels, apart); why not, if anything is damaged.
    pub fn unpack(&self) -> Result<Vec<Incoming>, String> {
        let damaged = |e: String| format!("the import's documents arrived damaged ({e})");
        let head: Head = serde_json::from_str(&self.head).map_err(|e| damaged(e.to_string()))?;
        let n = head.names.len();
        let spans = self.starts.len();
        if [
            head.done.len(),
            head.label_list.len(),
            self.lengths.len(),
            self.counts.len(),
        ]
        .iter()
        .any(|&l| l != n)
            || [self.ends.len(), self.labels.len(), self.accepted.len()]
                .iter()
                .any(|&l| l != spans)
        {
            return Err(damaged(format!(
                "{n} names, {} done marks, {} label lists, {} lengths, {} span counts; \
                 {spans} starts, {} ends, {} labels, {} statuses",
                head.done.len(),
                head.label_list.len(),
                self.lengths.len(),
                self.counts.len(),
                self.ends.len(),
                self.labels.len(),
                self.accepted.len()
            )));
        }
        let text = std::str::from_utf8(&self.text)
            .map_err(|e| damaged(format!("text not UTF-8 at byte {}", e.valid_up_to())))?;
        let (mut at, mut first) = (0usize, 0usize);
        let mut docs = Vec::with_capacity(n);
        for (i, name) in head.names.into_iter().enumerate() {
            let end = at.saturating_add(self.lengths[i] as usize);
            let Some(t) = text.get(at..end) else {
                return Err(damaged(format!(
                    "text {} from byte {at} to {end} of {}",
                    i + 1,
                    text.len()
                )));
            };
            at = end;
            let last = first.saturating_add(self.counts[i] as usize);
            if last > spans {
                return Err(damaged(format!("{last} spans of {spans}")));
            }
            let mut found = Vec::with_capacity(last - first);
            for k in first..last {
                let label = head.table.get(self.labels[k] as usize).ok_or_else(|| {
                    damaged(format!(
                        "label number {} of {}",
                        self.labels[k],
                        head.table.len()
                    ))
                })?;
                let status = match self.accepted[k] {
                    0 => SpanStatus::Suggested,
                    1 => SpanStatus::Accepted,
                    other => return Err(damaged(format!("span status {other}"))),
                };
                found.push(Span {
                    start: self.starts[k] as usize,
                    end: self.ends[k] as usize,
                    label: label.clone(),
                    status,
                });
            }
            first = last;
            let labels = head
                .label_lists
                .get(head.label_list[i] as usize)
                .ok_or_else(|| damaged(format!("label list number {}", head.label_list[i])))?;
            let mut doc = Document::tokenised_later(t);
            doc.set_labels(labels.clone())
                .map_err(|e| damaged(e.to_string()))?;
            doc.set_spans(found).map_err(|e| damaged(e.to_string()))?;
            docs.push((name, doc, head.done[i]));
        }
        if at != text.len() || first != spans {
            return Err(damaged(format!(
                "{} bytes and {} spans left over",
                text.len() - at,
                spans - first
            )));
        }
        Ok(docs)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(not(target_arch = "wasm32"))]
    use crate::core::editor::{apply_found, apply_placed};
    #[cfg(not(target_arch = "wasm32"))]
    use proptest::prelude::*;

    fn spans() -> Vec<Span> {
        vec![
            Span::new(10, 16, "GPE"),
            Span::new(0, 5, "PERSON"),
            Span::new(20, 26, "PERSON"),
        ]
    }

    #[test]
    fn spans_pack_as_offsets_and_one_table_of_labels() {
        let p = pack(&spans());
        assert_eq!(p.starts, [0, 10, 20]);
        assert_eq!(p.ends, [5, 16, 26]);
        assert_eq!(p.table, ["PERSON", "GPE"]);
        assert_eq!(p.labels, [0, 1, 0]);
        let back = p.unpack(26).unwrap();
        assert_eq!(back[1], Span::new(10, 16, "GPE").suggested());
    }

    #[test]
    fn a_damaged_pack_is_an_error() {
        let good = pack(&spans());
        let mut short = good.clone();
        short.ends.pop();
        assert!(short.unpack(26).unwrap_err().contains("3 starts, 2 ends"));
        assert!(
            good.unpack(25).unwrap_err().contains("text of 25"),
            "past the text"
        );
        let mut empty = good.clone();
        empty.ends[0] = 0;
        assert!(empty.unpack(26).is_err(), "an empty span");
        let mut label = good.clone();
        label.labels[2] = 7;
        assert!(label
            .unpack(26)
            .unwrap_err()
            .contains("label number 7 of 2"));
        let mut name = good.clone();
        name.table[1] = " ".into();
        assert!(name.unpack(26).is_err(), "a blank label name");
        let huge = pack(&[Span::new(0, usize::MAX, "PERSON")]);
        assert!(huge.unpack(usize::MAX).is_err(), "an offset past u32");
    }

    /// Documents as an import brings them: recognised, one marked done, one with its own
    /// labels and a span a person accepted, one empty of spans, one not in ASCII.
    fn incoming() -> Vec<Incoming> {
        let recognizer = crate::core::recognizer::Recognizer::shipped();
        let mut a = Document::new("Kerry met Lavrov in Geneva.");
        crate::core::editor::suggest(&mut a, &recognizer);
        assert!(!a.spans().is_empty());
        let mut b = Document::new("Zoë Šarić left Kraków\r\nfor Zürich.");
        b.set_labels(vec![
            Label::new("ANIMAL", "#a8e6cf", Some('1')),
            Label::new("CITY", "#f2e394", None),
        ])
        .unwrap();
        b.set_spans(vec![
            Span::new(15, 21, "CITY"),
            Span::new(27, 33, "CITY").suggested(),
        ])
        .unwrap();
        vec![
            ("wire 1".into(), a, false),
            ("wire 2".into(), b, true),
            ("wire 3".into(), Document::new("no names here"), false),
        ]
    }

    #[test]
    fn a_batch_of_documents_arrives_as_it_left() {
        let docs = incoming();
        let packed = pack_docs(&docs);
        assert_eq!(packed.unpack().unwrap(), docs);
        assert_eq!(packed.lengths.len(), 3);
        assert!(packed.accepted.contains(&1) && packed.accepted.contains(&0));
        assert_eq!(pack_docs(&[]).unpack().unwrap(), []);
    }

    /// The page only lists what a batch brings until a document is opened, so it tokenises
    /// none of them on arrival; opened, a document has the tokens it would have had at once.
    #[test]
    fn arriving_documents_are_tokenised_when_first_needed() {
        let docs = incoming();
        let back = pack_docs(&docs).unpack().unwrap();
        assert!(back.iter().all(|(_, d, _)| !d.is_tokenised()));
        for ((_, sent, _), (_, got, _)) in docs.iter().zip(&back) {
            assert_eq!(got.tokens(), sent.tokens());
            assert_eq!(got.word_count(), sent.word_count());
        }
    }

    #[test]
    fn a_damaged_batch_of_documents_is_an_error() {
        let good = pack_docs(&incoming());
        let err = |p: &PackedDocs| p.unpack().unwrap_err();
        let damaged: Vec<(&str, PackedDocs)> = vec![
            (
                "head",
                PackedDocs {
                    head: "{".into(),
                    ..good.clone()
                },
            ),
            (
                "lengths",
                PackedDocs {
                    lengths: good.lengths[1..].to_vec(),
                    ..good.clone()
                },
            ),
            (
                "counts",
                PackedDocs {
                    counts: vec![0, 0, 0],
                    ..good.clone()
                },
            ),
            (
                "ends",
                PackedDocs {
                    ends: good.ends[1..].to_vec(),
                    ..good.clone()
                },
            ),
            (
                "text cut",
                PackedDocs {
                    text: good.text[..good.text.len() - 1].to_vec(),
                    ..good.clone()
                },
            ),
            (
                "text extra",
                PackedDocs {
                    text: [&good.text[..], b"x"].concat(),
                    ..good.clone()
                },
            ),
        ];
        for (what, p) in &damaged {
            assert!(
                err(p).starts_with("the import's documents arrived damaged"),
                "{what}: {}",
                err(p)
            );
        }
        // A length that ends inside a character, not at its edge.
        let mut mid = good.clone();
        let first = mid.lengths[0];
        mid.lengths[0] = first + 3;
        mid.lengths[1] -= 3;
        assert!(
            err(&mid).contains("text 1 from byte 0 to 30"),
            "{}",
            err(&mid)
        );
        let mut label = good.clone();
        label.labels[0] = 99;
        assert!(err(&label).contains("label number 99"));
        let mut status = good.clone();
        status.accepted[0] = 2;
        assert!(err(&status).contains("span status 2"));
        let mut past = good.clone();
        past.ends[0] = 10_000;
        assert!(
            err(&past).contains("out of range") || err(&past).contains("10000"),
            "{}",
            err(&past)
        );
        let mut overlap = good.clone();
        overlap.starts[1] = overlap.starts[0];
        assert!(overlap.unpack().is_err(), "overlapping spans");
        let mut not_utf8 = good.clone();
        not_utf8.text[0] = 0xff;
        assert!(err(&not_utf8).contains("UTF-8"));
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest! {
        #[test]
        fn any_batch_of_documents_unpacks_or_errs_without_panicking(
            cut in 0usize..200,
            lengths in proptest::collection::vec(any::<u32>(), 0..5),
            counts in proptest::collection::vec(0u32..4, 0..5),
            numbers in proptest::collection::vec(any::<u32>(), 0..8),
            names in 0usize..5,
        ) {
            let good = pack_docs(&incoming());
            let mut p = good.clone();
            p.text.truncate(cut);
            p.lengths = lengths;
            p.counts = counts;
            p.starts = numbers.clone();
            p.ends = numbers.iter().map(|x| x.wrapping_add(3)).collect();
            p.labels = numbers.iter().map(|x| x % 4).collect();
            p.accepted = numbers.iter().map(|x| x % 3).collect();
            let head: serde_json::Value = serde_json::from_str(&good.head).unwrap();
            let mut head = head.as_object().unwrap().clone();
            head["names"] = serde_json::json!(vec!["x"; names]);
            head["done"] = serde_json::json!(vec![false; names]);
            head["label_list"] = serde_json::json!(vec![0; names]);
            p.head = serde_json::Value::Object(head).to_string();
            if let Ok(docs) = p.unpack() {
                prop_assert_eq!(docs.len(), names);
            }
        }

        #[test]
        fn unpacking_gives_back_what_was_packed(
            raw in proptest::collection::vec((0usize..5000, 1usize..40, 0usize..4), 0..60)
        ) {
            let names = ["PERSON", "GPE", "ORG", "MONEY"];
            let spans: Vec<Span> = raw
                .iter()
                .map(|&(s, len, l)| Span::new(s, s + len, names[l]).suggested())
                .collect();
            let p = pack(&spans);
            prop_assert_eq!(p.len(), spans.len());
            let mut back = p.unpack(5040).unwrap();
            let mut want = spans.clone();
            let key = |s: &Span| (s.start, s.end, s.label.clone());
            back.sort_by_key(key);
            want.sort_by_key(key);
            prop_assert_eq!(back, want);
        }

        #[test]
        fn placing_in_steps_gives_what_apply_found_gives(
            raw in proptest::collection::vec((0usize..1000, 1usize..12, 0usize..3), 0..80),
            step in 1usize..20,
            reversed: bool,
        ) {
            // Combining marks, a ZWJ sequence and CRLF: ends that are not grapheme boundaries.
            let doc = Document::new(&"Kerry e\u{301}t 👨\u{200d}👩\u{200d}👧 Paris\r\n".repeat(12));
            let n = doc.char_len();
            let names = ["PERSON", "PLACE", "DRUG"];
            let spans: Vec<Span> = raw
                .iter()
                .map(|&(s, len, l)| {
                    let s = s % (n - 1);
                    Span::new(s, (s + len).min(n), names[l]).suggested()
                })
                .collect();
            let mut p = pack(&spans);
            if reversed {
                p.starts.reverse();
                p.ends.reverse();
                p.labels.reverse();
            }
            let mut want = doc.clone();
            apply_found(&mut want, p.unpack(n).unwrap());
            let mut got = doc.clone();
            let mut placing = Placing::new(&got, p).unwrap();
            while !placing.step(step).unwrap() {}
            apply_placed(&mut got, placing.finish());
            let all = |d: &Document| d.spans().iter().cloned().collect::<Vec<_>>();
            prop_assert_eq!(all(&got), all(&want));
            let labels = |d: &Document| {
                let mut l: Vec<String> = d.labels().iter().map(|l| l.name.clone()).collect();
                l.sort();
                l
            };
            prop_assert_eq!(labels(&got), labels(&want));
        }

        #[test]
        fn any_pack_places_or_errs_without_panicking(
            starts in proptest::collection::vec(any::<u32>(), 0..8),
            ends in proptest::collection::vec(any::<u32>(), 0..8),
            labels in proptest::collection::vec(any::<u32>(), 0..8),
            table in proptest::collection::vec(".{0,3}", 0..3),
        ) {
            let doc = Document::new("Kerry met Lavrov in Geneva");
            let p = PackedSpans { starts, ends, labels, table };
            if let Ok(mut placing) = Placing::new(&doc, p) {
                while let Ok(false) = placing.step(3) {}
            }
        }

        #[test]
        fn any_pack_unpacks_or_errs_without_panicking(
            starts in proptest::collection::vec(any::<u32>(), 0..8),
            ends in proptest::collection::vec(any::<u32>(), 0..8),
            labels in proptest::collection::vec(any::<u32>(), 0..8),
            table in proptest::collection::vec(".{0,3}", 0..3),
            char_len in 0usize..1000,
        ) {
            let p = PackedSpans { starts, ends, labels, table };
            if let Ok(spans) = p.unpack(char_len) {
                prop_assert!(spans.iter().all(|s| s.start < s.end && s.end <= char_len));
            }
        }
    }
}
