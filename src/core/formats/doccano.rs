//! doccano sequence-labelling JSONL:
//!
//! ```json
//! {"id": 1, "text": "😀 Kerry met", "label": [[3, 8, "PERSON"]]}
//! ```
//!
//! **Offsets are UTF-16 code units, not code points.** doccano's annotation UI takes span
//! offsets from JavaScript string indices, so in a sequence-labelling project (without "Count
//! grapheme clusters as one character") an emoji before a span shifts it by one per astral
//! character compared with Python: doccano issue #2290 "Sequence labels are
//! TypeScript/JavaScript-style" (firetrucks at 22..32 in doccano vs 19..29 in Python after
//! `👨🏻‍🚒`), the same cause as the earlier emoji-offset reports fixed by doccano PRs #99/#108
//! for the old UI. We write and read what doccano itself does, so a file round-trips through
//! doccano unchanged; for text without astral characters (most text) the two counts agree.
//! The format has no span text, so drift cannot be detected beyond range and boundary checks;
//! an offset inside a surrogate pair is refused. No status (imports as accepted), no label set.
//! Older exports named the list `entities`; both are read.

use serde_json::{json, Map, Value};

use super::{array, build, object, offset, string, RawSpan, Record};
use crate::core::document::SpanStatus;
use crate::core::text::OffsetMap;

pub(crate) fn to_value(record: &Record) -> Value {
    let doc = &record.doc;
    let map = doc.offsets();
    let labels: Vec<Value> = doc
        .spans()
        .iter()
        .map(|s| {
            json!([
                map.cp_to_utf16(s.start).unwrap_or(0),
                map.cp_to_utf16(s.end).unwrap_or(0),
                s.label
            ])
        })
        .collect();
    let mut obj = Map::new();
    if let Some(id) = &record.id {
        obj.insert("id".into(), id.clone());
    }
    obj.insert("text".into(), json!(doc.text()));
    obj.insert("label".into(), Value::Array(labels));
    Value::Object(obj)
}

fn to_cp(map: &OffsetMap, u: usize, field: &str) -> Result<usize, String> {
    map.utf16_to_cp_exact(u).ok_or_else(|| {
        if u > map.utf16_len() {
            format!(
                "{field} {u} is past the end of the text, which has {} UTF-16 units",
                map.utf16_len()
            )
        } else {
            format!("{field} {u} falls inside an emoji or other astral character (doccano counts UTF-16 units)")
        }
    })
}

pub(crate) fn from_value(v: &Value) -> Result<Record, String> {
    let obj = object(v)?;
    let text = string(v, "text")?;
    let map = OffsetMap::new(text);
    let key = if obj.contains_key("label") {
        "label"
    } else {
        "entities"
    };
    let mut spans = Vec::new();
    for (i, item) in array(v, key)?.iter().enumerate() {
        let here = |m: String| format!("span {}: {m}", i + 1);
        let (s, e, label) = match item {
            Value::Array(parts) if parts.len() == 3 => (
                offset(parts.first(), "start").map_err(here)?,
                offset(parts.get(1), "end").map_err(here)?,
                parts[2]
                    .as_str()
                    .ok_or_else(|| here(format!("the label must be a string, not {}", parts[2])))?,
            ),
            Value::Object(_) => (
                offset(item.get("start_offset"), "start_offset").map_err(here)?,
                offset(item.get("end_offset"), "end_offset").map_err(here)?,
                string(item, "label").map_err(here)?,
            ),
            other => {
                return Err(here(format!(
                    "expected [start, end, \"LABEL\"], found {other}"
                )))
            }
        };
        spans.push(RawSpan {
            start: to_cp(&map, s, "start").map_err(here)?,
            end: to_cp(&map, e, "end").map_err(here)?,
            label: label.into(),
            text: None,
            status: SpanStatus::Accepted,
        });
    }
    Ok(Record {
        id: obj.get("id").cloned(),
        doc: build(text, vec![], spans)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::document::{Document, Span, PERSON};

    #[test]
    fn offsets_are_utf16_units_as_in_doccano_2290() {
        let text = "👨🏻\u{200d}🚒 firemen drive firetrucks";
        let mut doc = Document::new(text);
        doc.add_label(crate::core::document::Label::new(
            "VEHICLE", "#abcdef", None,
        ));
        doc.add_span(Span::new(19, 29, "VEHICLE")).unwrap();
        let v = to_value(&Record::new(doc.clone()));
        assert_eq!(v["label"], json!([[22, 32, "VEHICLE"]]));
        let back = from_value(&v).unwrap().doc;
        assert_eq!(back.spans(), doc.spans());
        assert_eq!(back.span_text(&back.spans()[0]), "firetrucks");
    }

    #[test]
    fn offsets_inside_surrogate_pairs_or_past_the_end_are_refused() {
        let err = from_value(&json!({"text": "😀 Kerry", "label": [[1, 8, PERSON]]})).unwrap_err();
        assert!(err.contains("start 1 falls inside an emoji"), "{err}");
        let err = from_value(&json!({"text": "Kerry", "label": [[0, 9, PERSON]]})).unwrap_err();
        assert!(err.contains("end 9 is past the end"), "{err}");
        let err = from_value(&json!({"text": "Kerry", "label": [[0, 5]]})).unwrap_err();
        assert!(err.contains("expected [start, end"), "{err}");
    }
}
