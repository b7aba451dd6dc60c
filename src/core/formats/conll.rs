//! CoNLL-style IOB2 columns: one token per line, `TOKEN TAG`, a blank line after each
//! sentence, each document opened by a `-DOCSTART- O` line (as in CoNLL-2003):
//!
//! ```text
//! -DOCSTART- O
//!
//! Kerry B-PERSON
//! met O
//! ```
//!
//! The format has no offsets and no text, only tokens, so on import the text is **rebuilt by
//! joining all tokens with single spaces** (sentences too): "Kerry met Lavrov ." for
//! "Kerry met Lavrov.". Spans keep their tokens and labels, not their original offsets. An
//! `I-` tag that does not continue a span of its label starts one (as conlleval reads IOB1).
//! Files with more columns (CoNLL-2003's `EU NNP B-NP B-ORG`) are read as first column = token,
//! last column = tag. Sentences are split on export after `.`, `!`, `?` and at line breaks, never inside a span.
//! No status (imports as accepted), no ids, no label set.

use super::{build, export_tokens, ImportError, Location, RawSpan, Record};
use crate::core::document::{Document, SpanStatus};

const DOCSTART: &str = "-DOCSTART-";

/// Writes one document as a `-DOCSTART-` block.
pub(crate) fn export_one(doc: &Document) -> Result<String, String> {
    let tokens = export_tokens(doc)?;
    let mut out = format!("{DOCSTART} O\n\n");
    let spans = doc.spans();
    let mut k = 0; // first span that may cover the current token
    let mut in_sentence = false;
    for (i, t) in tokens.iter().enumerate() {
        let word = doc.slice(t.start, t.end);
        if word.chars().any(char::is_whitespace) {
            return Err(format!(
                "token {word:?} at {}..{} contains white space, which a CoNLL line cannot hold",
                t.start, t.end
            ));
        }
        while k < spans.len() && spans[k].end <= t.start {
            k += 1;
        }
        // A sentence never ends inside a span: `W.E.B. Du Bois` stays one entity.
        let covering = spans.get(k).filter(|s| s.start <= t.start);
        let continues = covering.is_some_and(|s| s.start < t.start);
        let goes_on = covering.is_some_and(|s| s.end > t.end);
        if i > 0 && !continues {
            let gap = doc.slice(tokens[i - 1].end, t.start);
            if in_sentence && gap.contains(['\n', '\r', '\u{2028}', '\u{2029}']) {
                out.push('\n');
            }
        }
        let tag = match covering {
            Some(s) => {
                if s.label.chars().any(char::is_whitespace) || s.label.is_empty() {
                    return Err(format!(
                        "label {:?} cannot be a CoNLL tag (it has white space)",
                        s.label
                    ));
                }
                let prefix = if s.start == t.start { "B" } else { "I" };
                format!("{prefix}-{}", s.label)
            }
            _ => "O".to_string(),
        };
        out.push_str(word);
        out.push(' ');
        out.push_str(&tag);
        out.push('\n');
        in_sentence = true;
        if !goes_on && matches!(word, "." | "!" | "?" | "。" | "！" | "？") {
            out.push('\n');
            in_sentence = false;
        }
    }
    if in_sentence {
        out.push('\n');
    }
    Ok(out)
}

enum Tag<'a> {
    Outside,
    Begin(&'a str),
    Inside(&'a str),
}

fn parse_tag(tag: &str) -> Option<Tag<'_>> {
    if tag == "O" {
        return Some(Tag::Outside);
    }
    let (p, label) = tag.split_once('-')?;
    if label.is_empty() {
        return None;
    }
    match p {
        "B" => Some(Tag::Begin(label)),
        "I" => Some(Tag::Inside(label)),
        _ => None,
    }
}

fn columns(line: &str) -> Vec<&str> {
    line.split([' ', '\t']).filter(|c| !c.is_empty()).collect()
}

/// Whether the content looks like CoNLL columns, for format detection.
pub(crate) fn looks_like_conll(content: &str) -> bool {
    let mut lines = content.lines().filter(|l| !l.trim().is_empty()).peekable();
    if lines
        .peek()
        .is_some_and(|l| l.trim_start().starts_with(DOCSTART))
    {
        return true;
    }
    let sample: Vec<&str> = lines.take(5).collect();
    !sample.is_empty()
        && sample.iter().all(|l| {
            let c = columns(l);
            c.len() >= 2 && c.last().and_then(|t| parse_tag(t)).is_some()
        })
}

struct Block {
    /// (line number, token, tag)
    rows: Vec<(usize, String, String)>,
    first_line: usize,
}

fn read_block(block: &Block) -> Result<Record, ImportError> {
    let mut text = String::new();
    let mut len = 0usize;
    let mut spans: Vec<RawSpan> = Vec::new();
    let mut open = false;
    for (n, token, tag) in &block.rows {
        let at = || Location::Line(*n);
        if !text.is_empty() {
            text.push(' ');
            len += 1;
        }
        let start = len;
        text.push_str(token);
        len += token.chars().count();
        match parse_tag(tag).ok_or_else(|| {
            ImportError::new(
                at(),
                format!("tag {tag:?} is not IOB2 (O, B-LABEL or I-LABEL)"),
            )
        })? {
            Tag::Outside => open = false,
            Tag::Inside(label) if open && spans.last().is_some_and(|s| s.label == label) => {
                if let Some(s) = spans.last_mut() {
                    s.end = len;
                }
            }
            Tag::Begin(label) | Tag::Inside(label) => {
                spans.push(RawSpan {
                    start,
                    end: len,
                    label: label.into(),
                    text: None,
                    status: SpanStatus::Accepted,
                });
                open = true;
            }
        }
    }
    let doc = build(&text, vec![], spans)
        .map_err(|m| ImportError::new(Location::Line(block.first_line), m))?;
    Ok(Record::new(doc))
}

/// Reads each `-DOCSTART-` block as a document (a file without any is one document).
pub(crate) fn import_each(content: &str) -> Vec<Result<Record, ImportError>> {
    let content = content.trim_start_matches('\u{feff}');
    if content.trim().is_empty() {
        return vec![Err(ImportError::new(
            Location::Input,
            "the input is empty: there is no document to import",
        ))];
    }
    let mut blocks: Vec<Block> = Vec::new();
    let mut current: Option<Block> = None;
    let mut errors = Vec::new();
    for (i, raw) in content.split('\n').enumerate() {
        let n = i + 1;
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        if line.trim().is_empty() {
            continue;
        }
        let cols = columns(line);
        if cols.first() == Some(&DOCSTART) {
            blocks.extend(current.take());
            current = Some(Block {
                rows: Vec::new(),
                first_line: n,
            });
            continue;
        }
        let block = current.get_or_insert(Block {
            rows: Vec::new(),
            first_line: n,
        });
        match (cols.first(), cols.last()) {
            (Some(tok), Some(tag)) if cols.len() >= 2 => {
                block.rows.push((n, tok.to_string(), tag.to_string()))
            }
            _ => errors.push(ImportError::new(
                Location::Line(n),
                format!("expected \"TOKEN TAG\", found {line:?}"),
            )),
        }
    }
    blocks.extend(current);
    let mut out: Vec<Result<Record, ImportError>> = blocks.iter().map(read_block).collect();
    // A malformed line belongs to the block it is in; report it in that block's place.
    for e in errors {
        let Location::Line(n) = e.at else { continue };
        let k = blocks.iter().rposition(|b| b.first_line <= n).unwrap_or(0);
        match out.get_mut(k) {
            Some(slot @ Ok(_)) => *slot = Err(e),
            Some(Err(_)) => {}
            None => out.push(Err(e)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::document::{Span, PERSON, PLACE};

    #[test]
    fn writes_iob2_with_sentences_and_rebuilds_text_with_spaces() {
        let mut doc = Document::new("Frank-Walter Steinmeier met Kerry.\nIn Côte d'Ivoire.");
        doc.add_span(Span::new(0, 23, PERSON)).unwrap();
        doc.add_span(Span::new(28, 33, PERSON)).unwrap();
        doc.add_span(Span::new(38, 51, PLACE)).unwrap();
        let out = export_one(&doc).unwrap();
        assert_eq!(
            out,
            "-DOCSTART- O\n\nFrank B-PERSON\n- I-PERSON\nWalter I-PERSON\nSteinmeier I-PERSON\n\
             met O\nKerry B-PERSON\n. O\n\nIn O\nCôte B-PLACE\nd'Ivoire I-PLACE\n. O\n\n"
        );
        let back = import_each(&out).pop().unwrap().unwrap().doc;
        assert_eq!(
            back.text(),
            "Frank - Walter Steinmeier met Kerry . In Côte d'Ivoire ."
        );
        let texts: Vec<&str> = back.spans().iter().map(|s| back.span_text(s)).collect();
        assert_eq!(
            texts,
            ["Frank - Walter Steinmeier", "Kerry", "Côte d'Ivoire"]
        );
        assert_eq!(
            export_one(&back).unwrap().replace("\n\n", "\n"),
            out.replace("\n\n", "\n")
        );
    }

    #[test]
    fn bad_tags_and_lines_are_named() {
        let docs = import_each("-DOCSTART- O\n\nKerry B-PERSON\nmet X-ORG\n-DOCSTART- O\nok O\n");
        let e = docs[0].as_ref().unwrap_err();
        assert_eq!(
            e.to_string(),
            "line 4: tag \"X-ORG\" is not IOB2 (O, B-LABEL or I-LABEL)"
        );
        assert!(docs[1].is_ok());
        let docs = import_each("Kerry\n");
        assert!(docs[0]
            .as_ref()
            .unwrap_err()
            .to_string()
            .starts_with("line 1: expected"));
        let docs = import_each("EU NNP B-NP B-ORG\nrejects VBZ B-VP I-PLACE\n");
        let doc = &docs[0].as_ref().unwrap().doc;
        assert_eq!(doc.spans().len(), 2, "I- after another label starts a span");
    }

    #[test]
    fn sentences_never_split_a_span() {
        let text =
            "He read W.E.B. Du Bois.\nThen J. R. R.\nTolkien. Then Washington, D.C. was quiet.";
        let mut doc = Document::new(text);
        let at = |w: &str| text.chars().count() - text[text.find(w).unwrap()..].chars().count();
        let span = |w: &str, l: &str| Span::new(at(w), at(w) + w.chars().count(), l);
        doc.add_span(span("W.E.B. Du Bois", PERSON)).unwrap();
        doc.add_span(span("J. R. R.\nTolkien", PERSON)).unwrap();
        doc.add_span(span("Washington, D.C.", PLACE)).unwrap();
        let out = export_one(&doc).unwrap();
        for sentence in out.split("\n\n") {
            let first = sentence.lines().next().unwrap_or("");
            assert!(
                !first.contains(" I-"),
                "a sentence starts inside a span:\n{out}"
            );
        }
        let back = import_each(&out).remove(0).unwrap().doc;
        let names: Vec<&str> = back.spans().iter().map(|s| back.span_text(s)).collect();
        assert_eq!(names.len(), 3, "{out}");
        assert!(
            names[0].starts_with("W") && names[0].ends_with("Bois"),
            "{names:?}"
        );
        assert!(
            out.contains("Bois I-PERSON\n. O\n\n"),
            "the sentence still ends after it:\n{out}"
        );
    }
}
