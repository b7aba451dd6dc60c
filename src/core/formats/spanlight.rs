//! spanlight's own JSON: the whole document, its spans with their text and status, and its
//! labels. Offsets are code points, end exclusive.
//!
//! ```json
//! {"version": 1, "text": "Kerry met Lavrov",
//!  "spans": [{"start": 0, "end": 5, "label": "PERSON", "text": "Kerry", "status": "accepted"}],
//!  "labels": [{"name": "PERSON", "color": "#ffd36e", "hotkey": "1"}]}
//! ```

use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

use super::{array, build, object, offset, string, RawSpan, Record};

use crate::core::document::{Document, Label, LabelName, Span, SpanError, SpanStatus};

pub const VERSION: u32 = 1;

#[derive(Serialize, Deserialize)]
struct FileSpan {
    start: usize,
    end: usize,
    label: LabelName,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    status: SpanStatus,
}

#[derive(Serialize, Deserialize)]
struct File {
    version: u32,
    text: String,
    spans: Vec<FileSpan>,
    #[serde(default)]
    labels: Option<Vec<Label>>,
}

/// Writes a document as pretty-printed spanlight JSON.
pub fn export(doc: &Document) -> String {
    let file = File {
        version: VERSION,
        text: doc.text().to_string(),
        spans: doc
            .spans()
            .iter()
            .map(|s| FileSpan {
                start: s.start,
                end: s.end,
                label: s.label.clone(),
                text: Some(doc.span_text(s).to_string()),
                status: s.status,
            })
            .collect(),
        labels: Some(doc.labels().to_vec()),
    };
    serde_json::to_string_pretty(&file).expect("plain data always serialises")
}

/// What is wrong with a spanlight file.
#[derive(Debug, Clone, PartialEq)]
pub enum ImportError {
    Json(String),
    Version(u32),
    Span {
        index: usize,
        error: SpanError,
    },
    TextMismatch {
        index: usize,
        expected: String,
        found: String,
    },
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::Json(e) => write!(f, "not a spanlight JSON file: {e}"),
            ImportError::Version(v) => {
                write!(f, "spanlight file version {v} is not supported (this app reads {VERSION})")
            }
            ImportError::Span { index, error } => write!(f, "span {}: {error}", index + 1),
            ImportError::TextMismatch { index, expected, found } => write!(
                f,
                "span {}: its offsets cover \"{found}\" but it says \"{expected}\" (offsets drifted)",
                index + 1
            ),
        }
    }
}

impl std::error::Error for ImportError {}

/// Reads spanlight JSON. Labels the file uses but does not list are added with a neutral
/// colour rather than refused, so that hand-written files import.
pub fn import(json: &str) -> Result<Document, ImportError> {
    let file: File = serde_json::from_str(json).map_err(|e| ImportError::Json(e.to_string()))?;
    if file.version != VERSION {
        return Err(ImportError::Version(file.version));
    }
    let mut doc = Document::tokenised_later(&file.text);
    if let Some(labels) = file.labels {
        for label in labels {
            doc.add_label(label);
        }
    }
    let mut spans = Vec::with_capacity(file.spans.len());
    for (index, s) in file.spans.into_iter().enumerate() {
        if doc.label(&s.label).is_none() {
            doc.add_label(Label::new(&s.label, "#d9d9d9", None));
        }
        doc.validate(s.start, s.end, &s.label)
            .map_err(|error| ImportError::Span { index, error })?;
        if let Some(expected) = s.text {
            let found = doc.slice(s.start, s.end);
            if found != expected {
                return Err(ImportError::TextMismatch {
                    index,
                    expected,
                    found: found.to_string(),
                });
            }
        }
        spans.push(Span {
            start: s.start,
            end: s.end,
            label: s.label,
            status: s.status,
        });
    }
    doc.set_spans(spans)
        .map_err(|error| ImportError::Span { index: 0, error })?;
    Ok(doc)
}

/// One document as a compact spanlight object for JSON Lines, with the record's `id` first
/// when it has one (the shape `spanlight tag` writes, plus version, status and labels).
pub(crate) fn to_value(record: &Record) -> Value {
    let doc = &record.doc;
    let mut obj = Map::new();
    if let Some(id) = &record.id {
        obj.insert("id".into(), id.clone());
    }
    obj.insert("version".into(), json!(VERSION));
    obj.insert("text".into(), json!(doc.text()));
    let spans: Vec<Value> = doc
        .spans()
        .iter()
        .map(|s| {
            json!({"start": s.start, "end": s.end, "label": s.label,
                   "text": doc.span_text(s), "status": s.status})
        })
        .collect();
    obj.insert("spans".into(), Value::Array(spans));
    obj.insert("labels".into(), json!(doc.labels()));
    Value::Object(obj)
}

/// Reads one spanlight object: the app's file, a `tag` output line (no version, no status:
/// its spans are the recogniser's, so they come in as suggestions unless they say otherwise),
/// or a line of [`to_value`].
pub(crate) fn from_value(v: &Value) -> Result<Record, String> {
    let obj = object(v)?;
    match obj.get("version") {
        None => {}
        Some(Value::Number(n)) if n.as_u64() == Some(VERSION as u64) => {}
        Some(other) => {
            return Err(format!(
                "spanlight file version {other} is not supported (this app reads {VERSION})"
            ))
        }
    }
    let text = string(v, "text")?;
    let default_status = if obj.contains_key("version") {
        SpanStatus::Accepted
    } else {
        SpanStatus::Suggested
    };
    let mut labels = Vec::new();
    for (i, l) in array(v, "labels")?.iter().enumerate() {
        let label: Label =
            serde_json::from_value(l.clone()).map_err(|e| format!("label {}: {e}", i + 1))?;
        labels.push(label);
    }
    let mut spans = Vec::new();
    for (i, s) in array(v, "spans")?.iter().enumerate() {
        let here = |m: String| format!("span {}: {m}", i + 1);
        object(s).map_err(here)?;
        let status = match s.get("status") {
            None | Some(Value::Null) => default_status,
            Some(st) => serde_json::from_value(st.clone()).map_err(|_| {
                here(format!(
                    "\"status\" must be \"accepted\" or \"suggested\", not {st}"
                ))
            })?,
        };
        spans.push(RawSpan {
            start: offset(s.get("start"), "start").map_err(here)?,
            end: offset(s.get("end"), "end").map_err(here)?,
            label: string(s, "label").map_err(here)?.into(),
            text: match s.get("text") {
                None | Some(Value::Null) => None,
                Some(_) => Some(string(s, "text").map_err(here)?.to_string()),
            },
            status,
        });
    }
    Ok(Record {
        id: obj.get("id").cloned(),
        doc: build(text, labels, spans)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::document::{PERSON, PLACE};

    #[test]
    fn export_carries_code_point_offsets_and_span_text() {
        let mut doc = Document::new("👋 Zoë met Kerry in Genève");
        doc.add_span(Span::new(2, 5, PERSON)).unwrap();
        doc.add_span(Span::new(19, 25, PLACE).suggested()).unwrap();
        let v: serde_json::Value = serde_json::from_str(&export(&doc)).unwrap();
        assert_eq!(v["version"], 1);
        assert_eq!(v["spans"][0]["text"], "Zoë");
        assert_eq!(v["spans"][0]["start"], 2);
        assert_eq!(v["spans"][1]["text"], "Genève");
        assert_eq!(v["spans"][1]["status"], "suggested");
        assert_eq!(v["labels"][0]["name"], "PERSON");
        assert_eq!(import(&export(&doc)).unwrap(), doc);
    }

    #[test]
    fn drifted_offsets_are_caught() {
        let json = r#"{"version":1,"text":"😀 Kerry met","spans":[{"start":3,"end":8,"label":"PERSON","text":"Kerry"}]}"#;
        let err = import(json).unwrap_err();
        assert!(matches!(err, ImportError::TextMismatch { .. }), "{err}");
        assert!(err.to_string().contains("drifted"));
    }

    #[test]
    fn unknown_labels_are_added_and_bad_files_explained() {
        let json = r#"{"version":1,"text":"IBM","spans":[{"start":0,"end":3,"label":"ORG"}]}"#;
        let doc = import(json).unwrap();
        assert!(doc.label("ORG").is_some());
        assert!(matches!(import("{\"text\": 3}"), Err(ImportError::Json(_))));
        assert_eq!(
            import(r#"{"version":9,"text":"","spans":[]}"#),
            Err(ImportError::Version(9))
        );
    }

    #[test]
    fn jsonl_lines_keep_ids_statuses_and_labels() {
        let mut doc = Document::new("Kerry met Lavrov");
        doc.add_label(Label::new("ORG", "#123456", Some('4')));
        doc.add_span(Span::new(0, 5, PERSON)).unwrap();
        doc.add_span(Span::new(10, 16, PERSON).suggested()).unwrap();
        let rec = Record {
            id: Some(serde_json::json!("a-7")),
            doc,
        };
        let line = to_value(&rec).to_string();
        let v: Value = serde_json::from_str(&line).unwrap();
        assert_eq!(
            (&v["id"], &v["version"]),
            (&serde_json::json!("a-7"), &serde_json::json!(1))
        );
        assert!(!line.contains('\n'), "one line per document");
        assert_eq!(
            from_value(&serde_json::from_str(&line).unwrap()).unwrap(),
            rec
        );
    }

    #[test]
    fn tag_output_lines_import_as_suggestions() {
        let line = r#"{"id": 4, "text": "Kerry met", "spans": [{"start": 0, "end": 5, "label": "PERSON", "text": "Kerry"}]}"#;
        let rec = from_value(&serde_json::from_str(line).unwrap()).unwrap();
        assert_eq!(rec.id, Some(serde_json::json!(4)));
        assert_eq!(rec.doc.spans(), &[Span::new(0, 5, PERSON).suggested()]);
        let bad = r#"{"text": "Kerry", "spans": [{"start": 0, "end": 5, "label": "PERSON", "status": "maybe"}]}"#;
        let err = from_value(&serde_json::from_str(bad).unwrap()).unwrap_err();
        assert!(err.starts_with("span 1: \"status\" must be"), "{err}");
    }
}
