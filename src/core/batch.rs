//! Spans packed for the trip from the Web Worker to the page: a 20 MB article has hundreds of
//! thousands of spans, and as JSON (an object and a label string per span) they cost the page
//! seconds to read. Packed, they are three `u32` arrays (starts, ends, label ids) and a table of
//! label names, which the page copies out of typed arrays at once.
//!
//! What arrives is checked whole: arrays of different lengths, an empty span, an offset past the
//! text or a label id outside the table make the pack an error, never a panic.

use super::document::{Span, MAX_LABEL_NAME};

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
                packed.table.push(s.label.clone());
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

    /// The spans, as suggestions, for a text of `char_len` code points; why not, if the pack
    /// is damaged. Whether each span fits the text's graphemes and the other spans is for the
    /// document to judge ([`super::editor::apply_found`]).
    pub fn unpack(&self, char_len: usize) -> Result<Vec<Span>, String> {
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
        let mut spans = Vec::with_capacity(n);
        for i in 0..n {
            let (start, end) = (self.starts[i] as usize, self.ends[i] as usize);
            // u32::MAX stands for an offset too large to pack.
            if start >= end || end > char_len || self.ends[i] == u32::MAX {
                return Err(format!(
                    "a span from {start} to {end} in a text of {char_len} characters"
                ));
            }
            let label = self.table.get(self.labels[i] as usize).ok_or_else(|| {
                format!("label number {} of {}", self.labels[i], self.table.len())
            })?;
            spans.push(Span::new(start, end, label.as_str()).suggested());
        }
        Ok(spans)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
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

    #[cfg(not(target_arch = "wasm32"))]
    proptest! {
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
