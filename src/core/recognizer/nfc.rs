//! Text in composed form (NFC) for the recogniser's look-ups, with the way back to the offsets
//! of the text as written. `Go` + U+0308 + `teborg` is the same place as `Göteborg`, but the
//! gazetteers and the model know only the composed spelling; the person's text is never
//! changed, so spans found in the composed text are mapped back to its offsets.

use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// The composed text and, for each of its code points, the code-point range of the text as
/// written that it came from.
#[derive(Debug, PartialEq, Eq)]
pub struct Composed {
    pub text: String,
    /// `from[i]`: where code point `i` of `text` starts and ends in the written text.
    from: Vec<(usize, usize)>,
}

impl Composed {
    /// The written text's offsets of code points `start..end` of the composed text.
    pub fn written(&self, start: usize, end: usize) -> Option<(usize, usize)> {
        if start >= end {
            return None;
        }
        Some((self.from.get(start)?.0, self.from.get(end - 1)?.1))
    }
}

/// Whether `c` starts a run that composes independently of what comes before it.
fn starts_run(c: char) -> bool {
    canonical_combining_class(c) == 0 && is_nfc_quick(std::iter::once(c)) == IsNormalized::Yes
}

/// `text` composed, or `None` when it already is (almost all text), so nothing is copied.
pub fn compose(text: &str) -> Option<Composed> {
    if is_nfc_quick(text.chars()) == IsNormalized::Yes {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut from = Vec::with_capacity(text.len());
    let mut run = String::new();
    let mut run_start = 0usize;
    let mut cp = 0usize;
    let mut flush = |run: &mut String, run_start: usize, run_end: usize| {
        let n = run.chars().count();
        let composed: String = run.nfc().collect();
        let m = composed.chars().count();
        for (j, _) in composed.chars().enumerate() {
            // One to one when nothing composed; otherwise the whole run, which holds a base
            // and its marks, stands for each code point it became.
            from.push(if m == n {
                (run_start + j, run_start + j + 1)
            } else {
                (run_start, run_end)
            });
        }
        out.push_str(&composed);
        run.clear();
    };
    for c in text.chars() {
        if starts_run(c) && !run.is_empty() {
            flush(&mut run, run_start, cp);
            run_start = cp;
        }
        run.push(c);
        cp += 1;
    }
    if !run.is_empty() {
        flush(&mut run, run_start, cp);
    }
    Some(Composed { text: out, from })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn composed_text_maps_back_to_the_written_offsets() {
        let written = "in Go\u{308}teborg today";
        let c = compose(written).unwrap();
        assert_eq!(c.text, "in Göteborg today");
        // `Göteborg` is code points 3..11 composed, 3..12 as written.
        assert_eq!(c.written(3, 11), Some((3, 12)));
        // `today` after it moves by one.
        assert_eq!(c.written(12, 17), Some((13, 18)));
        assert_eq!(compose("Göteborg"), None);
    }
}
