//! brat standoff: the text unchanged in `NAME.txt` (UTF-8), the spans in `NAME.ann`, one
//! text-bound annotation per line:
//!
//! ```text
//! T1⇥PERSON 0 5⇥Kerry        (⇥ is a tab)
//! ```
//!
//! (ID, tab, type, space, start, space, end, tab, the covered text). Offsets are character
//! offsets, end exclusive ("Japan" is 0..5), per brat's own format page
//! (brat.nlplab.org/standoff.html, "individual annotations are connected to specific spans of
//! text through character offsets"); converters that read it count Unicode code points (e.g.
//! bconv's brat notes: "Offsets are counted in terms of Unicode codepoints"), so code points
//! it is. A span crossing a line break is written the way brat writes it, as fragments
//! `start end;start end` split at the break, with the fragments' texts joined by a space.
//! On import such fragments are joined back into one span when only white space separates them
//! (a real discontinuous span is refused: spanlight spans are contiguous). Relations, events,
//! attributes, notes and comments are skipped. brat has no span status (imports as accepted)
//! and no label set in these files (types come from the annotations).

use super::{build, describe, ImportError, Location, RawSpan};
use crate::core::document::{Document, SpanStatus};

fn is_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{b}' | '\u{c}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

/// Writes a document as its `.txt` and `.ann` contents. Fails for what brat cannot hold: a
/// label with white space in it, or a span that starts or ends with a line break.
pub fn export_brat(doc: &Document) -> Result<(String, String), String> {
    let mut ann = String::new();
    for (i, s) in doc.spans().iter().enumerate() {
        let name = describe(i + 1, s.start, s.end, doc.span_text(s));
        if s.label.chars().any(char::is_whitespace) {
            return Err(format!(
                "{name}: its label {:?} has white space, which a brat type cannot",
                s.label
            ));
        }
        let chars: Vec<char> = doc.span_text(s).chars().collect();
        if chars.first().is_some_and(|&c| is_break(c)) || chars.last().is_some_and(|&c| is_break(c))
        {
            return Err(format!(
                "{name}: it starts or ends with a line break, which brat cannot express"
            ));
        }
        // Fragments: maximal runs without line breaks.
        let mut frags: Vec<(usize, usize)> = Vec::new();
        let mut run_start = None;
        for (k, &c) in chars.iter().enumerate() {
            match (is_break(c), run_start) {
                (false, None) => run_start = Some(k),
                (true, Some(a)) => {
                    frags.push((s.start + a, s.start + k));
                    run_start = None;
                }
                _ => {}
            }
        }
        if let Some(a) = run_start {
            frags.push((s.start + a, s.start + chars.len()));
        }
        let offsets: Vec<String> = frags.iter().map(|(a, b)| format!("{a} {b}")).collect();
        let texts: Vec<&str> = frags.iter().map(|&(a, b)| doc.slice(a, b)).collect();
        ann.push_str(&format!(
            "T{}\t{} {}\t{}\n",
            i + 1,
            s.label,
            offsets.join(";"),
            texts.join(" ")
        ));
    }
    Ok((doc.text().to_string(), ann))
}

/// Whether a line looks like a brat text-bound annotation, for format detection.
pub(crate) fn looks_like_ann_line(line: &str) -> bool {
    parse_t_line(line).is_ok_and(|t| t.is_some())
}

struct TLine {
    label: String,
    frags: Vec<(usize, usize)>,
    text: String,
}

fn number(s: &str) -> Result<usize, String> {
    if let Some(rest) = s.strip_prefix('-') {
        if !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_digit()) {
            return Err(format!("offset {s} is negative"));
        }
    }
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("{s:?} is not an offset (a whole number)"));
    }
    s.parse::<usize>()
        .map_err(|_| format!("offset {s} is far too large"))
}

/// Parses a `T` line; `Ok(None)` for lines that are not text-bound annotations.
fn parse_t_line(line: &str) -> Result<Option<TLine>, String> {
    if !line.starts_with('T') {
        return Ok(None);
    }
    let mut cols = line.splitn(3, '\t');
    let id = cols.next().unwrap_or("");
    if id.len() < 2 || !id[1..].starts_with(|c: char| c.is_ascii_digit()) {
        return Err(format!("{id:?} is not an annotation id like T1"));
    }
    let middle = cols
        .next()
        .ok_or("expected \"T1<tab>TYPE START END<tab>TEXT\"")?;
    let text = cols
        .next()
        .ok_or("the covered text is missing (expected \"T1<tab>TYPE START END<tab>TEXT\")")?;
    let (label, frags_s) = middle
        .split_once(' ')
        .ok_or("expected a type and offsets like \"PERSON 0 5\"")?;
    if label.is_empty() {
        return Err("the type is empty".into());
    }
    let mut frags = Vec::new();
    for frag in frags_s.split(';') {
        let mut parts = frag.split(' ');
        let (Some(a), Some(b), None) = (parts.next(), parts.next(), parts.next()) else {
            return Err(format!("{frag:?} is not a fragment like \"0 5\""));
        };
        frags.push((number(a)?, number(b)?));
    }
    Ok(Some(TLine {
        label: label.to_string(),
        frags,
        text: text.to_string(),
    }))
}

/// Reads one document from its `.txt` and `.ann` contents. Errors name the `.ann` line.
pub fn import_brat(txt: &str, ann: &str) -> Result<Document, ImportError> {
    let doc = Document::tokenised_later(txt);
    let mut spans = Vec::new();
    let mut lines = Vec::new();
    for (i, raw) in ann.split('\n').enumerate() {
        let n = i + 1;
        let at = || Location::Line(n);
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        if line.trim().is_empty() {
            continue;
        }
        let Some(t) = parse_t_line(line).map_err(|m| ImportError::new(at(), m))? else {
            if line.starts_with(['R', 'E', 'A', 'M', 'N', '*', '#']) {
                continue;
            }
            return Err(ImportError::new(
                at(),
                "not a brat annotation (lines start with T, R, E, A, M, N, * or #)",
            ));
        };
        let mut frags = t.frags.clone();
        frags.sort_unstable();
        let len = doc.char_len();
        for &(a, b) in &frags {
            if a > b || b > len {
                return Err(ImportError::new(
                    at(),
                    format!("fragment {a}..{b} is outside the text, which has {len} characters"),
                ));
            }
        }
        for w in frags.windows(2) {
            let gap = doc.slice(w[0].1.min(w[1].0), w[1].0);
            if w[1].0 < w[0].1 || !gap.chars().all(char::is_whitespace) {
                return Err(ImportError::new(
                    at(),
                    format!(
                        "fragments {}..{} and {}..{} are not one stretch of text; spanlight \
                         spans are contiguous",
                        w[0].0, w[0].1, w[1].0, w[1].1
                    ),
                ));
            }
        }
        let start = frags.first().map_or(0, |f| f.0);
        let end = frags.last().map_or(0, |f| f.1);
        // brat writes a multi-fragment span's text as its fragments joined by spaces; compare
        // in that form, then let `build` check the offsets against the document.
        let expected: Vec<&str> = frags.iter().map(|&(a, b)| doc.slice(a, b)).collect();
        if expected.join(" ") != t.text {
            return Err(ImportError::new(
                at(),
                format!(
                    "{}: its text does not match the document at those offsets, which read \
                     {:?} (offsets drifted?)",
                    describe(spans.len() + 1, start, end, &t.text),
                    expected.join(" ")
                ),
            ));
        }
        spans.push(RawSpan {
            start,
            end,
            label: t.label.into(),
            text: None,
            status: SpanStatus::Accepted,
        });
        lines.push(n);
    }
    build(txt, vec![], spans).map_err(|m| {
        // Name the .ann line of the span the message starts with ("span 3 (...").
        let line = m
            .strip_prefix("span ")
            .and_then(|r| r.split(' ').next())
            .and_then(|k| k.parse::<usize>().ok())
            .and_then(|k| lines.get(k.wrapping_sub(1)).copied());
        ImportError::new(line.map_or(Location::Input, Location::Line), m)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::document::{Span, PERSON, PLACE};

    #[test]
    fn spans_across_line_breaks_become_fragments_and_come_back() {
        let mut doc = Document::new("Kerry met\r\nNew\nYork");
        doc.add_span(Span::new(0, 5, PERSON)).unwrap();
        doc.add_span(Span::new(11, 19, PLACE)).unwrap();
        let (txt, ann) = export_brat(&doc).unwrap();
        assert_eq!(
            ann,
            "T1\tPERSON 0 5\tKerry\nT2\tPLACE 11 14;15 19\tNew York\n"
        );
        assert_eq!(import_brat(&txt, &ann).unwrap(), doc);
    }

    #[test]
    fn bad_annotation_lines_are_named() {
        let txt = "😀 Kerry met Lavrov";
        let e = import_brat(txt, "T1\tPERSON 3 8\tKerry\n").unwrap_err();
        assert_eq!(e.at, Location::Line(1));
        assert!(e.message.contains("offsets drifted?"), "{e}");
        let e = import_brat(txt, "#1\tnote\nT1\tPERSON -2 8\tKerry\n").unwrap_err();
        assert_eq!(e.to_string(), "line 2: offset -2 is negative");
        let e = import_brat(txt, "T1\tPERSON 2 7\tKerry\nT2\tPERSON 6 11\ty met\n").unwrap_err();
        assert_eq!(e.at, Location::Line(1));
        assert!(e.message.contains("overlaps"), "{e}");
        let e = import_brat(txt, "T1\tPERSON 2 7;12 18\tKerry Lavrov\n").unwrap_err();
        assert!(e.message.contains("contiguous"), "{e}");
        assert!(import_brat(txt, "hello\n").is_err());
        let doc = import_brat(txt, "T1\tORG 2 7\tKerry\nR1\tRel Arg1:T1 Arg2:T1\n").unwrap();
        assert!(doc.label("ORG").is_some());
    }
}
