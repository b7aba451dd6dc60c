//! An article too long for the page cut into parts, each opened as a document of its own.
//!
//! Cuts fall between paragraphs (after a blank line), else at a line break, else (a text with
//! no breaks at all) after a whitespace, and only as a last resort anywhere, though never inside
//! a code point. The parts keep every character in order: joined, they give the text back
//! exactly, so nothing is lost and no offset moves within a part.

use serde::{Deserialize, Serialize};

use super::document::MAX_TEXT_BYTES;
use super::wording::grouped;

/// How to cut: into parts of at most so many bytes of UTF-8, or of so many paragraphs each.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PartsBy {
    Size(usize),
    Paragraphs(usize),
}

/// Where paragraphs start in `text`, in bytes, the first (at 0) left out: the start of each
/// non-blank line after a blank one. A text with no blank line between two others has one
/// paragraph a line. Blank lines stay with the paragraph before them.
pub fn paragraph_starts(text: &str) -> Vec<usize> {
    let mut finding = FindingStarts::default();
    while !finding.step(text, usize::MAX) {}
    finding.finish()
}

/// [`paragraph_starts`] found a few lines at a time, so that the page can let the browser paint
/// between steps: one pass over a 50 MB article held it for about 60 ms. Both ways of cutting
/// are followed at once, since which one applies is known only at the end.
#[derive(Debug, Default)]
pub struct FindingStarts {
    at: usize,
    after_blank: Vec<usize>,
    every_line: Vec<usize>,
    seen_text: bool,
    prev_blank: bool,
}

impl FindingStarts {
    /// Reads whole lines of `text` until about `bytes` more have been read; whether all of it
    /// has been.
    pub fn step(&mut self, text: &str, bytes: usize) -> bool {
        let stop = self.at.saturating_add(bytes.max(1));
        while self.at < text.len() && self.at < stop {
            let rest = &text[self.at..];
            let line = rest.find('\n').map_or(rest, |i| &rest[..=i]);
            let blank = line.trim().is_empty();
            if !blank {
                if self.seen_text {
                    self.every_line.push(self.at);
                    if self.prev_blank {
                        self.after_blank.push(self.at);
                    }
                }
                self.seen_text = true;
            }
            self.prev_blank = blank;
            self.at += line.len();
        }
        self.at >= text.len()
    }

    /// The paragraph starts, once [`FindingStarts::step`] has read all of the text.
    pub fn finish(self) -> Vec<usize> {
        if self.after_blank.is_empty() {
            self.every_line
        } else {
            self.after_blank
        }
    }
}

/// `text` cut into parts `by` size or paragraph count. A part of paragraphs that would be over
/// the page's limit is cut further by size, so every part opens. `N = 0`, or a size over the
/// limit, is an error that says so.
pub fn split(text: &str, by: PartsBy) -> Result<Vec<&str>, String> {
    split_at(text, &paragraph_starts(text), by)
}

/// [`split`] with the text's [`paragraph_starts`] already found (the page asks again at each
/// change of the numbers, and finding them in 20 MB takes a while).
pub fn split_at<'a>(text: &'a str, starts: &[usize], by: PartsBy) -> Result<Vec<&'a str>, String> {
    let limit = MAX_TEXT_BYTES / 1_000_000;
    let mut parts = Vec::new();
    match by {
        PartsBy::Size(0) => return Err("a part must be larger than 0 bytes".into()),
        PartsBy::Paragraphs(0) => return Err("a part must have at least 1 paragraph".into()),
        PartsBy::Size(max) if max > MAX_TEXT_BYTES => {
            return Err(format!(
                "parts of {:.1} MB would be over the page's limit of {limit} MB",
                max as f64 / 1e6
            ))
        }
        PartsBy::Size(max) => by_size(text, starts, 0..text.len(), max, &mut parts),
        PartsBy::Paragraphs(n) => {
            let mut from = 0;
            for &at in starts.iter().skip(n - 1).step_by(n) {
                by_size(text, starts, from..at, MAX_TEXT_BYTES, &mut parts);
                from = at;
            }
            by_size(text, starts, from..text.len(), MAX_TEXT_BYTES, &mut parts);
        }
    }
    Ok(parts)
}

/// Cuts `text[range]` into parts of at most `max` bytes (a single code point longer than `max`
/// still makes a part), each at the best break there is.
fn by_size<'a>(
    text: &'a str,
    starts: &[usize],
    range: std::ops::Range<usize>,
    max: usize,
    out: &mut Vec<&'a str>,
) {
    let mut from = range.start;
    while from < range.end {
        let to = if range.end - from <= max {
            range.end
        } else {
            cut(text, starts, from, max)
        };
        out.push(&text[from..to]);
        from = to;
    }
}

/// Where the part starting at `from` ends, at most `max` bytes on: the last paragraph start in
/// reach, else after the last line break, else after the last whitespace, else the last code
/// point that fits (or the first, when none does). Always after `from`.
fn cut(text: &str, starts: &[usize], from: usize, max: usize) -> usize {
    let mut limit = from + max;
    while !text.is_char_boundary(limit) {
        limit -= 1;
    }
    let i = starts.partition_point(|&s| s <= limit);
    if let Some(&s) = i.checked_sub(1).and_then(|i| starts.get(i)) {
        if s > from {
            return s;
        }
    }
    let window = &text[from..limit];
    if let Some(nl) = window.rfind('\n') {
        return from + nl + 1;
    }
    if let Some((i, c)) = window.char_indices().rev().find(|(_, c)| c.is_whitespace()) {
        return from + i + c.len_utf8();
    }
    if limit > from {
        return limit;
    }
    from + text[from..].chars().next().map_or(1, char::len_utf8)
}

/// The name of part `i` (from 1) of `n` of `name`: "book (part 3 of 12)"; a single part keeps
/// the name as it is.
pub fn part_name(name: &str, i: usize, n: usize) -> String {
    if n <= 1 {
        name.to_string()
    } else {
        format!("{name} (part {} of {})", grouped(i), grouped(n))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_fall_between_paragraphs() {
        let text = "One a.\nOne b.\n\nTwo.\n\n\nThree.\n\nFour.";
        assert_eq!(paragraph_starts(text), [15, 22, 30]);
        assert_eq!(
            split(text, PartsBy::Paragraphs(2)).unwrap(),
            ["One a.\nOne b.\n\nTwo.\n\n\n", "Three.\n\nFour."]
        );
        assert_eq!(
            split(text, PartsBy::Size(24)).unwrap(),
            ["One a.\nOne b.\n\nTwo.\n\n\n", "Three.\n\nFour."]
        );
        assert_eq!(
            split(text, PartsBy::Size(10)).unwrap(),
            [
                "One a.\n",
                "One b.\n\n",
                "Two.\n\n\n",
                "Three.\n\n",
                "Four."
            ],
            "a paragraph too long for a part is cut at a line break"
        );
    }

    #[test]
    fn without_blank_lines_each_line_is_a_paragraph() {
        let text = "\r\nKerry.\r\nLavrov.\r\nZarif.\r\n";
        assert_eq!(
            split(text, PartsBy::Paragraphs(2)).unwrap(),
            ["\r\nKerry.\r\nLavrov.\r\n", "Zarif.\r\n"]
        );
    }

    #[test]
    fn a_text_without_breaks_is_cut_after_a_space_and_never_inside_a_code_point() {
        assert_eq!(
            split("Kerry met Lavrov in Genève", PartsBy::Size(12)).unwrap(),
            ["Kerry met ", "Lavrov in ", "Genève"]
        );
        let parts = split("ééééé", PartsBy::Size(3)).unwrap();
        assert_eq!(parts, ["é", "é", "é", "é", "é"]);
        assert_eq!(split("🎉🎉", PartsBy::Size(1)).unwrap(), ["🎉", "🎉"]);
    }

    #[test]
    fn zero_or_a_size_over_the_limit_is_an_error_that_says_so() {
        assert!(split("text", PartsBy::Size(0))
            .unwrap_err()
            .contains("0 bytes"));
        assert!(split("text", PartsBy::Paragraphs(0))
            .unwrap_err()
            .contains("1 paragraph"));
        let err = split("text", PartsBy::Size(MAX_TEXT_BYTES + 1)).unwrap_err();
        assert!(err.contains("limit of 20 MB"), "{err}");
        assert_eq!(split("", PartsBy::Size(5)).unwrap(), Vec::<&str>::new());
    }

    #[test]
    fn parts_of_paragraphs_stay_within_the_page_limit() {
        let para = "Kerry met Lavrov. ".repeat(1000) + "\n\n";
        let text = para.repeat(MAX_TEXT_BYTES / para.len() + 10);
        let parts = split(&text, PartsBy::Paragraphs(1_000_000)).unwrap();
        assert_eq!(parts.len(), 2);
        assert!(parts.iter().all(|p| p.len() <= MAX_TEXT_BYTES));
        assert!(parts[0].ends_with("\n\n"), "cut between paragraphs");
        assert_eq!(parts.concat(), text);
    }

    #[test]
    fn parts_are_named_after_the_article() {
        assert_eq!(part_name("book", 3, 12), "book (part 3 of 12)");
        assert_eq!(part_name("book", 1, 1), "book");
        assert_eq!(part_name("book", 1000, 1200), "book (part 1,000 of 1,200)");
    }
}
