//! Find in the article. A long article renders only the paragraphs near the viewport (see
//! [`crate::core::viewport`]), so the browser's own find cannot see the rest: the app finds in
//! the document's text instead. Ignores case; offsets in code points; wraps round the text.

use crate::core::text::OffsetMap;

/// One character's case-folded form (its first lowercase letter: one char for one char, so a
/// match is as long in code points as the query).
fn fold(c: char) -> char {
    if c.is_ascii() {
        c.to_ascii_lowercase()
    } else {
        c.to_lowercase().next().unwrap_or(c)
    }
}

/// Byte offsets in `text[from..to]` where `query` (already folded) matches.
fn matches_in<'a>(
    text: &'a str,
    from: usize,
    to: usize,
    query: &'a [char],
) -> impl Iterator<Item = usize> + 'a {
    let first = query[0];
    text[from..to]
        .char_indices()
        .filter(move |&(_, c)| fold(c) == first)
        .map(move |(i, _)| from + i)
        .filter(move |&b| {
            let mut rest = text[b..].chars();
            query.iter().all(|&q| rest.next().map(fold) == Some(q))
        })
}

/// The first match of `query` in `text` (whose offset map is `map`) that starts at code point
/// `from` or after it (`forward`), or the last one that starts before it, wrapping round the
/// text; as code points `[start, end)`. `None` for an empty query or no match.
pub fn find(
    text: &str,
    map: &OffsetMap,
    query: &str,
    from: usize,
    forward: bool,
) -> Option<(usize, usize)> {
    let query: Vec<char> = query.chars().map(fold).collect();
    if query.is_empty() {
        return None;
    }
    let at = map.cp_to_byte(from.min(map.char_len()))?;
    let found = if forward {
        matches_in(text, at, text.len(), &query)
            .next()
            .or_else(|| matches_in(text, 0, at, &query).next())
    } else {
        matches_in(text, 0, at, &query)
            .last()
            .or_else(|| matches_in(text, at, text.len(), &query).last())
    }?;
    let start = map.byte_to_cp(found)?;
    Some((start, start + query.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find_in(text: &str, query: &str, from: usize, forward: bool) -> Option<(usize, usize)> {
        find(text, &OffsetMap::new(text), query, from, forward)
    }

    #[test]
    fn finds_the_next_match_ignoring_case_and_wraps_round() {
        let text = "Kerry met Lavrov. Then kerry left; KERRY!";
        assert_eq!(find_in(text, "kerry", 0, true), Some((0, 5)));
        assert_eq!(find_in(text, "kerry", 1, true), Some((23, 28)));
        assert_eq!(find_in(text, "kerry", 24, true), Some((35, 40)));
        assert_eq!(
            find_in(text, "kerry", 36, true),
            Some((0, 5)),
            "wraps to the start"
        );
        assert_eq!(find_in(text, "Kerry", 23, false), Some((0, 5)));
        assert_eq!(
            find_in(text, "kerry", 0, false),
            Some((35, 40)),
            "wraps to the end"
        );
        assert_eq!(find_in(text, "Lavrov.", 41, true), Some((10, 17)));
    }

    #[test]
    fn offsets_are_code_points() {
        let text = "Zoë in Zürich 😀 then zürich";
        assert_eq!(find_in(text, "ZÜRICH", 0, true), Some((7, 13)));
        assert_eq!(find_in(text, "zürich", 8, true), Some((21, 27)));
        assert_eq!(find_in(text, "😀", 0, true), Some((14, 15)));
    }

    #[test]
    fn nothing_to_find_is_none() {
        assert_eq!(find_in("Kerry", "", 0, true), None);
        assert_eq!(find_in("Kerry", "Lavrov", 0, true), None);
        assert_eq!(find_in("", "x", 0, true), None);
        assert_eq!(find_in("Kerry", "Kerry and more", 0, true), None);
        assert_eq!(
            find_in("Kerry", "k", 99, true),
            Some((0, 1)),
            "a start past the end is the end"
        );
    }
}
