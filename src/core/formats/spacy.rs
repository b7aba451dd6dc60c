//! spaCy's `Doc.to_json` shape, which `Doc(nlp.vocab).from_json(...)` reads back:
//!
//! ```json
//! {"text": "Kerry met Lavrov", "ents": [{"start": 0, "end": 5, "label": "PERSON", "text": "Kerry"}],
//!  "tokens": [{"id": 0, "start": 0, "end": 5}, {"id": 1, "start": 6, "end": 9}, ...]}
//! ```
//!
//! Offsets are character offsets into a Python `str`, i.e. code points, end exclusive (spaCy's
//! `Span.start_char`/`end_char`, `Token.idx`). The tokens follow spaCy's convention for white
//! space, so that `from_json` rebuilds exactly this text: one plain space after a token is that
//! token's trailing whitespace, and any other run of white space is a token of its own. spaCy
//! requires entities to cover whole tokens; our tokens are split at span edges to make sure.
//! Each entity also carries its `text` (spaCy's JSON schema allows extra string fields there
//! and `from_json` ignores them), so drifted offsets are caught on import.
//! spaCy has no span status: everything imports as accepted. There is no label set either:
//! labels come from the entities, and no place for a record's id, so neither is written.

use serde_json::{json, Value};

use super::{array, build, export_tokens, object, offset, string, RawSpan, Record};
use crate::core::document::{Document, SpanStatus};
use crate::core::text::{Token, TokenKind};

/// spaCy's tokens for a document: ours (split at span edges) plus white-space tokens, each with
/// whether one plain space follows it (spaCy's `whitespace_`, Prodigy's `ws`). Prodigy builds
/// its tokens with spaCy, so it gets the same ones.
pub(crate) fn spacy_tokens(doc: &Document) -> Result<Vec<(Token, bool)>, String> {
    let chars: Vec<char> = doc.text().chars().collect();
    let mut out = Vec::new();
    let mut pos = 0;
    for t in export_tokens(doc)? {
        if t.start > pos {
            let gap = Token {
                start: pos,
                end: t.start,
                kind: TokenKind::Punct,
            };
            out.push((gap, false));
        }
        pos = t.end;
        let space = chars.get(pos) == Some(&' ');
        if space {
            pos += 1;
        }
        out.push((t, space));
    }
    if pos < chars.len() {
        let rest = Token {
            start: pos,
            end: chars.len(),
            kind: TokenKind::Punct,
        };
        out.push((rest, false));
    }
    Ok(out)
}

pub(crate) fn to_value(record: &Record) -> Result<Value, String> {
    let doc = &record.doc;
    let tokens: Vec<Value> = spacy_tokens(doc)?
        .iter()
        .enumerate()
        .map(|(i, (t, _))| json!({"id": i, "start": t.start, "end": t.end}))
        .collect();
    let ents: Vec<Value> = doc
        .spans()
        .iter()
        .map(
            |s| json!({"start": s.start, "end": s.end, "label": s.label, "text": doc.span_text(s)}),
        )
        .collect();
    Ok(json!({"text": doc.text(), "ents": ents, "tokens": tokens}))
}

pub(crate) fn from_value(v: &Value) -> Result<Record, String> {
    object(v)?;
    let text = string(v, "text")?;
    let len = text.chars().count();
    let mut starts = Vec::new();
    let mut ends = Vec::new();
    for (i, t) in array(v, "tokens")?.iter().enumerate() {
        let here = |m: String| format!("token {}: {m}", i + 1);
        let (s, e) = (
            offset(t.get("start"), "start").map_err(here)?,
            offset(t.get("end"), "end").map_err(here)?,
        );
        if s > e || e > len {
            return Err(here(format!(
                "{s}..{e} is outside the text, which has {len} characters"
            )));
        }
        starts.push(s);
        ends.push(e);
    }
    starts.sort_unstable();
    ends.sort_unstable();
    let mut spans = Vec::new();
    for (i, e) in array(v, "ents")?.iter().enumerate() {
        let here = |m: String| format!("entity {}: {m}", i + 1);
        object(e).map_err(here)?;
        let (start, end) = (
            offset(e.get("start"), "start").map_err(here)?,
            offset(e.get("end"), "end").map_err(here)?,
        );
        if !starts.is_empty()
            && (starts.binary_search(&start).is_err() || ends.binary_search(&end).is_err())
        {
            return Err(here(format!(
                "{start}..{end} does not start and end at token boundaries, which spaCy \
                 requires (offsets drifted?)"
            )));
        }
        spans.push(RawSpan {
            start,
            end,
            label: string(e, "label").map_err(here)?.into(),
            text: match e.get("text") {
                Some(Value::String(s)) => Some(s.clone()),
                _ => None,
            },
            status: SpanStatus::Accepted,
        });
    }
    Ok(Record::new(build(text, vec![], spans)?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::document::{Span, PERSON, PLACE};

    #[test]
    fn tokens_follow_spacy_white_space_rules() {
        let mut doc = Document::new("Kerry  met\nLavrov ");
        doc.add_span(Span::new(0, 5, PERSON)).unwrap();
        let v = to_value(&Record::new(doc)).unwrap();
        let toks: Vec<(u64, u64)> = v["tokens"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| (t["start"].as_u64().unwrap(), t["end"].as_u64().unwrap()))
            .collect();
        // "Kerry" + one trailing space, then " " as a token, "met", "\n", "Lavrov" + space.
        assert_eq!(toks, [(0, 5), (6, 7), (7, 10), (10, 11), (11, 17)]);
        assert_eq!(
            v["ents"][0],
            json!({"start": 0, "end": 5, "label": "PERSON", "text": "Kerry"})
        );
    }

    #[test]
    fn entities_off_token_boundaries_are_refused() {
        let v = json!({"text": "Kerry met", "ents": [{"start": 1, "end": 5, "label": PLACE}],
                       "tokens": [{"id": 0, "start": 0, "end": 5}, {"id": 1, "start": 6, "end": 9}]});
        let err = from_value(&v).unwrap_err();
        assert!(err.starts_with("entity 1: 1..5 does not start"), "{err}");
    }
}
