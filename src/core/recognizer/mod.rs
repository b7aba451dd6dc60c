//! The recogniser: finds PERSON, PLACE and NUMBER spans in plain text (../shared/GUIDELINES.md).

pub mod numbers;
pub mod tokens;

use super::document::{Span, NUMBER};

/// Finds spans in `text`, as suggestions, sorted and non-overlapping.
pub fn recognize(text: &str) -> Vec<Span> {
    let toks = tokens::toks(text);
    numbers::find(&toks)
        .into_iter()
        .map(|(s, e)| Span::new(toks[s].start, toks[e - 1].end, NUMBER).suggested())
        .collect()
}
