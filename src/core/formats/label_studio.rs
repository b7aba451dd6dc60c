//! Label Studio tasks (a JSON array), for a project with the named-entity template
//! (`<Labels name="label" toName="text">` over `<Text name="text" value="$text"/>`):
//!
//! ```json
//! [{"data": {"text": "Kerry met"},
//!   "annotations": [{"result": [{"id": "s1", "from_name": "label", "to_name": "text", "type": "labels",
//!                                "value": {"start": 0, "end": 5, "text": "Kerry", "labels": ["PERSON"]}}]}]}]
//! ```
//!
//! Offsets are code points, end exclusive: Label Studio's text regions store code-point
//! offsets since "Fix offsets in Text with emoji" (label-studio PR #1559, "Store code points
//! instead of js length", merged via label-studio-frontend PR #308, closing #1008). Issues
//! #4929 and #4988 (2023) report spans *shown* in the wrong place after emoji/line breaks while
//! "firetrucks" was "correctly marked in the exported JSON"; older versions exported UTF-16
//! offsets (#1347). Every region carries `value.text`, which we write and check on import, so a
//! file from a drifting version is refused instead of silently shifted.
//! Statuses map onto Label Studio's own distinction: accepted spans are an `annotation`,
//! suggestions a `prediction` (pre-annotation). On import the first annotation that was not
//! cancelled gives accepted spans and the first prediction gives suggestions, except where they
//! overlap an accepted span (an annotator corrected them). Results of other types (choices,
//! ratings) are ignored. The record's id is written as `data.id` (Label Studio's own task
//! `id` is an integer it assigns); on import `data.id` is read, else the task `id`.

use serde_json::{json, Map, Value};

use super::{array, build, object, offset, string, RawSpan, Record};
use crate::core::document::{Document, SpanStatus};

fn results(doc: &Document, status: SpanStatus) -> Vec<Value> {
    doc.spans()
        .iter()
        .enumerate()
        .filter(|(_, s)| s.status == status)
        .map(|(i, s)| {
            json!({"id": format!("s{}", i + 1), "from_name": "label", "to_name": "text",
                   "type": "labels",
                   "value": {"start": s.start, "end": s.end, "text": doc.span_text(s),
                             "labels": [s.label]}})
        })
        .collect()
}

pub(crate) fn to_value(record: &Record, _n: usize) -> Value {
    let doc = &record.doc;
    let mut obj = Map::new();
    let mut data = Map::new();
    data.insert("text".into(), json!(doc.text()));
    if let Some(id) = &record.id {
        data.insert("id".into(), id.clone());
    }
    obj.insert("data".into(), Value::Object(data));
    let accepted = results(doc, SpanStatus::Accepted);
    let suggested = results(doc, SpanStatus::Suggested);
    if !accepted.is_empty() || suggested.is_empty() {
        obj.insert("annotations".into(), json!([{ "result": accepted }]));
    }
    if !suggested.is_empty() {
        obj.insert(
            "predictions".into(),
            json!([{"model_version": "spanlight", "result": suggested}]),
        );
    }
    Value::Object(obj)
}

fn read_results(
    list: &Value,
    what: &str,
    status: SpanStatus,
    out: &mut Vec<RawSpan>,
) -> Result<(), String> {
    for (i, r) in array(list, "result")?.iter().enumerate() {
        let here = |m: String| format!("{what} result {}: {m}", i + 1);
        object(r).map_err(here)?;
        if r.get("type").and_then(Value::as_str) != Some("labels") {
            continue;
        }
        let value = r
            .get("value")
            .ok_or_else(|| here("\"value\" is missing".into()))?;
        object(value).map_err(here)?;
        let labels = array(value, "labels").map_err(here)?;
        let label = match labels {
            [Value::String(l)] => l.clone(),
            [] => return Err(here("it has no label".into())),
            [_] => return Err(here("its label must be a string".into())),
            _ => {
                return Err(here(format!(
                    "it has {} labels; spanlight gives each span one label",
                    labels.len()
                )))
            }
        };
        out.push(RawSpan {
            start: offset(value.get("start"), "start").map_err(here)?,
            end: offset(value.get("end"), "end").map_err(here)?,
            label: label.into(),
            text: match value.get("text") {
                Some(Value::String(t)) => Some(t.clone()),
                _ => None,
            },
            status,
        });
    }
    Ok(())
}

pub(crate) fn from_value(v: &Value) -> Result<Record, String> {
    let obj = object(v)?;
    let data = v.get("data").ok_or(
        "\"data\" is missing: a Label Studio task looks like {\"data\": {\"text\": \"...\"}}",
    )?;
    let text = string(data, "text").map_err(|e| format!("data: {e}"))?;
    let key = if obj.contains_key("annotations") {
        "annotations"
    } else {
        "completions"
    };
    let mut spans = Vec::new();
    let annotation = array(v, key)?
        .iter()
        .find(|a| a.get("was_cancelled").and_then(Value::as_bool) != Some(true));
    if let Some(a) = annotation {
        read_results(a, "annotation", SpanStatus::Accepted, &mut spans)?;
    }
    let mut predicted = Vec::new();
    if let Some(p) = array(v, "predictions")?.first() {
        read_results(p, "prediction", SpanStatus::Suggested, &mut predicted)?;
    }
    let n_accepted = spans.len();
    for p in predicted {
        if !spans[..n_accepted]
            .iter()
            .any(|a| a.start < p.end && p.start < a.end)
        {
            spans.push(p);
        }
    }
    Ok(Record {
        id: data.get("id").or_else(|| obj.get("id")).cloned(),
        doc: build(text, vec![], spans)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::document::{Span, PERSON, PLACE};

    #[test]
    fn suggestions_become_predictions_and_corrected_ones_are_dropped() {
        let mut doc = Document::new("Kerry met Lavrov in Geneva");
        doc.add_span(Span::new(0, 5, PERSON)).unwrap();
        doc.add_span(Span::new(20, 26, PLACE).suggested()).unwrap();
        let mut v = to_value(&Record::new(doc.clone()), 1);
        assert_eq!(v["annotations"][0]["result"][0]["value"]["text"], "Kerry");
        assert_eq!(
            v["predictions"][0]["result"][0]["value"]["labels"],
            json!([PLACE])
        );
        assert_eq!(from_value(&v).unwrap().doc, doc);
        // A prediction the annotator replaced is not imported on top of the annotation.
        v["predictions"][0]["result"][0]["value"] =
            json!({"start": 0, "end": 9, "text": "Kerry met", "labels": [PLACE]});
        let spans = from_value(&v).unwrap().doc.spans().to_vec();
        assert_eq!(spans, vec![Span::new(0, 5, PERSON)]);
    }

    #[test]
    fn region_text_is_checked_and_multi_labels_refused() {
        let task = |value: Value| {
            from_value(
                &json!({"data": {"text": "😀 Kerry met"}, "annotations": [{"result": [
                {"id": "a", "from_name": "label", "to_name": "text", "type": "labels", "value": value}]}]}),
            )
        };
        let err =
            task(json!({"start": 3, "end": 8, "text": "Kerry", "labels": [PERSON]})).unwrap_err();
        assert!(err.contains("offsets drifted?"), "{err}");
        let err = task(json!({"start": 2, "end": 7, "labels": [PERSON, PLACE]})).unwrap_err();
        assert!(err.contains("2 labels"), "{err}");
        assert!(task(json!({"start": 2, "end": 7, "text": "Kerry", "labels": [PERSON]})).is_ok());
    }
}
