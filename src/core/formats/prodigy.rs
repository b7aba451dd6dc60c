//! Prodigy tasks (JSONL), as `ner_manual` writes them:
//!
//! ```json
//! {"text": "Kerry met", "tokens": [{"text": "Kerry", "start": 0, "end": 5, "id": 0, "ws": true}, ...],
//!  "spans": [{"start": 0, "end": 5, "token_start": 0, "token_end": 0, "label": "PERSON", "text": "Kerry"}],
//!  "answer": "accept", "meta": {"id": "doc-1"}}
//! ```
//!
//! Offsets are code points (Python string indices), end exclusive; `token_start`/`token_end`
//! are token indices and **inclusive**. Tokens are the ones spaCy (and so Prodigy) would
//! make of our tokenisation: white space other than one trailing space is a token of its own,
//! and `ws` says whether one space follows. Prodigy records a decision per task, not per span: a
//! document whose spans are all accepted is written with `"answer": "accept"`; one with any
//! suggestion is written without an answer (a pre-highlighted task still to review), so an
//! unreviewed suggestion is never passed off as a decision. On import, `accept` makes every
//! span accepted; no answer, `reject` or `ignore` make them suggestions. The record's id
//! goes in `meta.id`, which Prodigy shows and keeps.

use serde_json::{json, Map, Value};

use super::spacy::spacy_tokens;
use super::{array, build, object, offset, string, token_range, RawSpan, Record};
use crate::core::document::SpanStatus;

pub(crate) fn to_value(record: &Record) -> Result<Value, String> {
    let doc = &record.doc;
    let with_ws = spacy_tokens(doc)?;
    let token_values: Vec<Value> = with_ws
        .iter()
        .enumerate()
        .map(|(i, (t, ws))| {
            json!({"text": doc.slice(t.start, t.end), "start": t.start, "end": t.end, "id": i, "ws": ws})
        })
        .collect();
    let tokens: Vec<_> = with_ws.into_iter().map(|(t, _)| t).collect();
    let mut spans = Vec::new();
    for s in doc.spans() {
        // export_tokens guarantees both edges are token edges.
        let (a, b) = token_range(&tokens, s.start, s.end).ok_or("span not on token edges")?;
        spans.push(
            json!({"start": s.start, "end": s.end, "token_start": a, "token_end": b,
                          "label": s.label, "text": doc.span_text(s)}),
        );
    }
    let mut obj = Map::new();
    obj.insert("text".into(), json!(doc.text()));
    obj.insert("tokens".into(), Value::Array(token_values));
    obj.insert("spans".into(), Value::Array(spans));
    if doc.spans().iter().all(|s| s.status == SpanStatus::Accepted) {
        obj.insert("answer".into(), json!("accept"));
    }
    if let Some(id) = &record.id {
        obj.insert("meta".into(), json!({ "id": id }));
    }
    Ok(Value::Object(obj))
}

pub(crate) fn from_value(v: &Value) -> Result<Record, String> {
    object(v)?;
    let text = string(v, "text")?;
    let status = match v.get("answer") {
        None | Some(Value::Null) => SpanStatus::Suggested,
        Some(Value::String(a)) if a == "accept" => SpanStatus::Accepted,
        Some(Value::String(a)) if a == "reject" || a == "ignore" => SpanStatus::Suggested,
        Some(other) => {
            return Err(format!(
                "\"answer\" must be \"accept\", \"reject\" or \"ignore\", not {other}"
            ))
        }
    };
    let map = crate::core::text::OffsetMap::new(text);
    let mut tokens = Vec::new();
    for (i, t) in array(v, "tokens")?.iter().enumerate() {
        let here = |m: String| format!("token {i}: {m}");
        let (s, e) = (
            offset(t.get("start"), "start").map_err(here)?,
            offset(t.get("end"), "end").map_err(here)?,
        );
        let Some(found) = map.slice(text, s, e) else {
            return Err(here(format!(
                "{s}..{e} is outside the text, which has {} characters",
                map.char_len()
            )));
        };
        if let Some(Value::String(claimed)) = t.get("text") {
            if claimed != found {
                return Err(here(format!(
                    "its text {claimed:?} does not match the document at {s}..{e}, which \
                     reads {found:?} (offsets drifted?)"
                )));
            }
        }
        tokens.push((s, e));
    }
    let mut spans = Vec::new();
    for (i, s) in array(v, "spans")?.iter().enumerate() {
        let here = |m: String| format!("span {}: {m}", i + 1);
        object(s).map_err(here)?;
        let (start, end) = (
            offset(s.get("start"), "start").map_err(here)?,
            offset(s.get("end"), "end").map_err(here)?,
        );
        for (field, edge, pick) in [("token_start", start, 0), ("token_end", end, 1)] {
            if s.get(field).is_none() || tokens.is_empty() {
                continue;
            }
            let k = offset(s.get(field), field).map_err(here)?;
            let Some(&tok) = tokens.get(k) else {
                return Err(here(format!(
                    "\"{field}\" is {k}, but there are only {} tokens",
                    tokens.len()
                )));
            };
            let at = if pick == 0 { tok.0 } else { tok.1 };
            if at != edge {
                return Err(here(format!(
                    "\"{field}\" {k} is the token at {}..{}, which does not {} at {edge} as \
                     the span does (token_end is inclusive)",
                    tok.0,
                    tok.1,
                    if pick == 0 { "start" } else { "end" }
                )));
            }
        }
        spans.push(RawSpan {
            start,
            end,
            label: string(s, "label").map_err(here)?.into(),
            text: match s.get("text") {
                Some(Value::String(t)) => Some(t.clone()),
                _ => None,
            },
            status,
        });
    }
    let id = v.get("meta").and_then(|m| m.get("id")).cloned();
    Ok(Record {
        id,
        doc: build(text, vec![], spans)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::document::{Document, Span, PERSON};

    #[test]
    fn token_end_is_inclusive_and_checked() {
        let mut doc = Document::new("Jean-Marc Ayrault met Kerry");
        doc.add_span(Span::new(0, 17, PERSON)).unwrap();
        let v = to_value(&Record::new(doc)).unwrap();
        assert_eq!(v["spans"][0]["token_start"], 0);
        assert_eq!(
            v["spans"][0]["token_end"], 3,
            "Jean - Marc Ayrault: tokens 0..=3"
        );
        assert_eq!(v["tokens"][3]["ws"], true);
        assert_eq!(v["tokens"][0]["ws"], false);
        assert_eq!(v["answer"], "accept");
        let mut bad = v.clone();
        bad["spans"][0]["token_end"] = json!(4);
        let err = from_value(&bad).unwrap_err();
        assert!(err.contains("token_end is inclusive"), "{err}");
    }

    #[test]
    fn answers_decide_statuses() {
        let task = |answer: Value| {
            let mut t =
                json!({"text": "Kerry", "spans": [{"start": 0, "end": 5, "label": "PERSON"}]});
            if !answer.is_null() {
                t["answer"] = answer;
            }
            from_value(&t)
        };
        assert_eq!(
            task(json!("accept")).unwrap().doc.spans()[0].status,
            SpanStatus::Accepted
        );
        assert_eq!(
            task(Value::Null).unwrap().doc.spans()[0].status,
            SpanStatus::Suggested
        );
        assert_eq!(
            task(json!("reject")).unwrap().doc.spans()[0].status,
            SpanStatus::Suggested
        );
        assert!(task(json!("yes")).unwrap_err().contains("\"answer\""));
    }
}
