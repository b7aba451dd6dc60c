//! Import and export formats. Every exporter writes each span's text next to its offsets where
//! the format has room for it, and every importer checks them against each other, so a shifted
//! label is caught, not kept.
//!
//! One module per format; this one holds what they share: the [`Format`] names, detection, the
//! multi-document [`export`]/[`import`] entry points, and [`build`], the one place where an
//! imported span becomes a span of a [`Document`] (bounds, grapheme boundaries, text check,
//! unknown labels added, overlaps refused).

pub mod brat;
pub mod bundle;
pub mod conll;
pub mod doccano;
pub mod label_studio;
pub mod prodigy;
pub mod spacy;
pub mod spanlight;
pub mod zip;

use std::fmt;

use serde_json::Value;

use crate::core::document::{Document, Label, LabelName, Span, SpanStatus};
use crate::core::text::Token;

/// The formats spanlight reads and writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// spanlight's own JSON (one object per line when there are several documents).
    Spanlight,
    /// spaCy's `Doc.to_json` shape, one object per line.
    Spacy,
    /// Prodigy tasks, JSONL.
    Prodigy,
    /// doccano sequence-labelling JSONL.
    Doccano,
    /// Label Studio tasks, a JSON array.
    LabelStudio,
    /// brat standoff: a `.txt` and an `.ann` file per document (see [`brat`]).
    Brat,
    /// CoNLL-style IOB2 columns.
    Conll,
}

impl Format {
    pub const ALL: [Format; 7] = [
        Format::Spanlight,
        Format::Spacy,
        Format::Prodigy,
        Format::Doccano,
        Format::LabelStudio,
        Format::Brat,
        Format::Conll,
    ];

    /// The name the CLI and the app's menus use.
    pub fn name(self) -> &'static str {
        match self {
            Format::Spanlight => "spanlight",
            Format::Spacy => "spacy",
            Format::Prodigy => "prodigy",
            Format::Doccano => "doccano",
            Format::LabelStudio => "label-studio",
            Format::Brat => "brat",
            Format::Conll => "conll",
        }
    }

    pub fn from_name(name: &str) -> Option<Format> {
        let name = name.trim().to_ascii_lowercase().replace('_', "-");
        Format::ALL
            .into_iter()
            .find(|f| f.name() == name || (*f == Format::LabelStudio && name == "labelstudio"))
    }

    /// File extension for a multi-document export (brat: the annotation file's).
    pub fn extension(self) -> &'static str {
        match self {
            Format::Spanlight | Format::Spacy | Format::Prodigy | Format::Doccano => "jsonl",
            Format::LabelStudio => "json",
            Format::Brat => "ann",
            Format::Conll => "conll",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A document with the identifier its file gave it (a JSONL `id`, a Label Studio task id, a
/// brat file name), kept so that a conversion does not lose which record is which.
#[derive(Clone, Debug, PartialEq)]
pub struct Record {
    pub id: Option<Value>,
    pub doc: Document,
}

impl Record {
    pub fn new(doc: Document) -> Self {
        Record { id: None, doc }
    }
}

/// Where in the input a problem is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Location {
    /// 1-based line of a line-based file.
    Line(usize),
    /// 1-based document of a file holding several (a JSON array, a CoNLL block).
    Document(usize),
    /// A named file (brat).
    File(String),
    /// The input as a whole.
    Input,
}

/// Why an import failed, in words a user can act on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportError {
    pub at: Location,
    pub message: String,
}

impl ImportError {
    pub fn new(at: Location, message: impl Into<String>) -> Self {
        ImportError {
            at,
            message: message.into(),
        }
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.at {
            Location::Line(n) => write!(f, "line {n}: {}", self.message),
            Location::Document(n) => write!(f, "document {n}: {}", self.message),
            Location::File(name) => write!(f, "{name}: {}", self.message),
            Location::Input => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for ImportError {}

/// Why a document cannot be written in a format (e.g. a span edge in white space, which a
/// token-based format cannot express).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportError {
    /// 1-based number of the document in the export.
    pub document: usize,
    pub message: String,
}

impl fmt::Display for ExportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "document {}: {}", self.document, self.message)
    }
}

impl std::error::Error for ExportError {}

/// Writes documents in `format`: one line per document for the JSONL formats, a JSON array of
/// tasks for Label Studio, `-DOCSTART-` blocks for CoNLL. brat needs a pair of files per
/// document: use [`brat::export_brat`].
pub fn export(docs: &[Document], format: Format) -> Result<String, ExportError> {
    let records: Vec<Record> = docs.iter().cloned().map(Record::new).collect();
    export_records(&records, format)
}

/// [`export`] that also writes each record's id where the format has a place for it.
pub fn export_records(records: &[Record], format: Format) -> Result<String, ExportError> {
    let err = |document: usize| move |message: String| ExportError { document, message };
    let lines = |f: &dyn Fn(&Record) -> Result<Value, String>| -> Result<String, ExportError> {
        let mut out = String::new();
        for (i, r) in records.iter().enumerate() {
            let v = f(r).map_err(err(i + 1))?;
            out.push_str(&v.to_string());
            out.push('\n');
        }
        Ok(out)
    };
    match format {
        Format::Spanlight => lines(&|r| Ok(spanlight::to_value(r))),
        Format::Spacy => lines(&spacy::to_value),
        Format::Prodigy => lines(&prodigy::to_value),
        Format::Doccano => lines(&|r| Ok(doccano::to_value(r))),
        Format::LabelStudio => {
            let tasks = records
                .iter()
                .enumerate()
                .map(|(i, r)| label_studio::to_value(r, i + 1))
                .collect();
            Ok(pretty(&Value::Array(tasks)))
        }
        Format::Conll => {
            let mut out = String::new();
            for (i, r) in records.iter().enumerate() {
                out.push_str(&conll::export_one(&r.doc).map_err(err(i + 1))?);
            }
            Ok(out)
        }
        Format::Brat => Err(ExportError {
            document: 1,
            message: "brat keeps each document in a .txt and an .ann file: export to a \
                      directory (spanlight convert --to brat --dir DIR)"
                .into(),
        }),
    }
}

/// Reads every document of `content`, or fails as a whole with the first problem: an import
/// never half-applies. For brat use [`brat::import_brat`].
pub fn import(content: &str, format: Format) -> Result<Vec<Document>, ImportError> {
    Ok(import_records(content, format)?
        .into_iter()
        .map(|r| r.doc)
        .collect())
}

/// [`import`] keeping each document's id.
pub fn import_records(content: &str, format: Format) -> Result<Vec<Record>, ImportError> {
    import_each(content, format).into_iter().collect()
}

/// Reads each document of `content` on its own, so a batch tool can convert the good ones and
/// report the bad ones by line. The app should use [`import`], which is all-or-nothing.
pub fn import_each(content: &str, format: Format) -> Vec<Result<Record, ImportError>> {
    match format {
        Format::Spanlight => json_each(content, spanlight::from_value),
        Format::Spacy => json_each(content, spacy::from_value),
        Format::Prodigy => json_each(content, prodigy::from_value),
        Format::Doccano => json_each(content, doccano::from_value),
        Format::LabelStudio => json_each(content, label_studio::from_value),
        Format::Conll => conll::import_each(content),
        Format::Brat => vec![Err(ImportError::new(
            Location::Input,
            "brat keeps each document in a .txt and an .ann file: import a directory \
             (spanlight convert --from brat --dir DIR)",
        ))],
    }
}

/// Guesses the format from the content, for a file dropped on the app or piped to the CLI.
/// brat is recognised from its `.ann` half.
pub fn detect(content: &str) -> Option<Format> {
    let trimmed = content.trim_start_matches('\u{feff}').trim();
    if trimmed.is_empty() {
        return None;
    }
    if trimmed.starts_with('[') || trimmed.starts_with('{') {
        let first = match serde_json::from_str::<Value>(trimmed) {
            Ok(Value::Array(items)) => items.into_iter().next()?,
            Ok(v) => v,
            Err(_) => serde_json::from_str::<Value>(trimmed.lines().next()?).ok()?,
        };
        return detect_json(&first);
    }
    let first = trimmed.lines().next()?;
    if brat::looks_like_ann_line(first) {
        return Some(Format::Brat);
    }
    if conll::looks_like_conll(trimmed) {
        return Some(Format::Conll);
    }
    None
}

fn detect_json(v: &Value) -> Option<Format> {
    let o = v.as_object()?;
    let has = |k: &str| o.contains_key(k);
    if has("data") && (has("annotations") || has("predictions") || has("completions")) {
        return Some(Format::LabelStudio);
    }
    if has("data") {
        return Some(Format::LabelStudio);
    }
    if has("ents") {
        return Some(Format::Spacy);
    }
    if has("tokens") && (has("spans") || has("answer")) {
        return Some(Format::Prodigy);
    }
    if has("tokens") {
        return Some(Format::Spacy);
    }
    if has("label") || has("entities") {
        return Some(Format::Doccano);
    }
    if has("text") {
        return Some(Format::Spanlight);
    }
    None
}

/// Pretty JSON for the whole-file formats; plain data always serialises.
pub(crate) fn pretty(v: &Value) -> String {
    let mut s = serde_json::to_string_pretty(v).unwrap_or_default();
    s.push('\n');
    s
}

/// Splits JSON input into documents: a JSON array (one document per element), one JSON object
/// (possibly pretty-printed over many lines), or JSON Lines (one per non-empty line).
fn json_each(
    content: &str,
    f: impl Fn(&Value) -> Result<Record, String>,
) -> Vec<Result<Record, ImportError>> {
    let content = content.trim_start_matches('\u{feff}');
    let trimmed = content.trim();
    if trimmed.is_empty() {
        return vec![Err(ImportError::new(
            Location::Input,
            "the input is empty: there is no document to import",
        ))];
    }
    let non_empty_lines = content.lines().filter(|l| !l.trim().is_empty()).count();
    if non_empty_lines > 1 || trimmed.starts_with('[') {
        if let Ok(v) = serde_json::from_str::<Value>(trimmed) {
            return match v {
                Value::Array(items) => items
                    .iter()
                    .enumerate()
                    .map(|(i, item)| {
                        f(item).map_err(|m| ImportError::new(Location::Document(i + 1), m))
                    })
                    .collect(),
                other => vec![f(&other).map_err(|m| ImportError::new(Location::Document(1), m))],
            };
        }
    }
    content
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, line)| {
            let at = Location::Line(i + 1);
            let v: Value = serde_json::from_str(line.trim())
                .map_err(|e| ImportError::new(at.clone(), not_json_on_a_line(&e)))?;
            f(&v).map_err(|m| ImportError::new(at, m))
        })
        .collect()
}

/// serde's message for one line of JSON Lines, without serde's own "at line 1": the caller
/// names the file's line, so a person reads one line number, not two.
fn not_json_on_a_line(e: &serde_json::Error) -> String {
    let text = e.to_string();
    let message = text
        .rsplit_once(" at line ")
        .map_or(text.as_str(), |(m, _)| m);
    format!("not JSON: {message} (column {})", e.column())
}

/// A span as a file states it, before it is checked against the document.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct RawSpan {
    pub start: usize,
    pub end: usize,
    pub label: LabelName,
    /// The span's text as the file states it, when the format carries it.
    pub text: Option<String>,
    pub status: SpanStatus,
}

/// Colours for labels a file introduces, distinct from the three defaults; chosen by name so
/// that the same label gets the same colour in every document.
const NEW_LABEL_COLORS: [&str; 8] = [
    "#f4a6c6", "#c9b3ff", "#ffb38a", "#9ee6d6", "#e6e38a", "#a6c8ff", "#d9b38c", "#d9d9d9",
];

pub(crate) fn new_label(name: &str) -> Label {
    let hash = name
        .bytes()
        .fold(0u32, |h, b| h.wrapping_mul(31).wrapping_add(b as u32));
    Label::new(
        name,
        NEW_LABEL_COLORS[hash as usize % NEW_LABEL_COLORS.len()],
        None,
    )
}

/// `span 2 (12..17 "Kerry")`, the way every import error names a span.
pub(crate) fn describe(n: usize, start: usize, end: usize, text: &str) -> String {
    let mut shown: String = text.chars().take(40).collect();
    if text.chars().count() > 40 {
        shown.push('…');
    }
    format!("span {n} ({start}..{end} {shown:?})")
}

/// Builds a document from imported spans: every span in range, on grapheme boundaries, with the
/// text the file says it has; labels the document does not know are added (with a colour);
/// overlapping spans are refused with both named. A non-empty `labels` (a file's own label
/// set, with colours and hotkeys) replaces the default labels, so a recoloured label survives.
pub(crate) fn build(
    text: &str,
    labels: Vec<Label>,
    spans: Vec<RawSpan>,
) -> Result<Document, String> {
    let mut doc = Document::tokenised_later(text);
    if !labels.is_empty() {
        let mut set: Vec<Label> = Vec::with_capacity(labels.len());
        for l in labels {
            if l.name.trim().is_empty() {
                return Err("a label has an empty name".into());
            }
            if !set.iter().any(|x| x.name == l.name) {
                set.push(l);
            }
        }
        doc.set_labels(set).map_err(|e| e.to_string())?;
    }
    for (i, s) in spans.iter().enumerate() {
        let n = i + 1;
        let shown = s
            .text
            .clone()
            .unwrap_or_else(|| doc.slice(s.start, s.end).to_string());
        let name = describe(n, s.start, s.end, &shown);
        if s.label.trim().is_empty() {
            return Err(format!("{name}: it has no label"));
        }
        if doc.label(&s.label).is_none() {
            doc.add_label(new_label(&s.label));
        }
        doc.validate(s.start, s.end, &s.label)
            .map_err(|e| format!("{name}: {e}"))?;
        if let Some(expected) = &s.text {
            let found = doc.slice(s.start, s.end);
            if found != expected {
                return Err(format!(
                    "{name}: its text does not match the document at those offsets, which \
                     read {found:?} (offsets drifted?)"
                ));
            }
        }
    }
    let mut order: Vec<usize> = (0..spans.len()).collect();
    order.sort_by_key(|&i| (spans[i].start, spans[i].end));
    for w in order.windows(2) {
        let (a, b) = (&spans[w[0]], &spans[w[1]]);
        if b.start < a.end {
            let (first, second) = (w[0].min(w[1]), w[0].max(w[1]));
            let d = |i: usize| {
                let s = &spans[i];
                describe(i + 1, s.start, s.end, doc.slice(s.start, s.end))
            };
            return Err(format!(
                "{} overlaps {}: spanlight spans cannot overlap; remove one of them",
                d(first),
                d(second)
            ));
        }
    }
    let spans = spans
        .into_iter()
        .map(|s| Span {
            start: s.start,
            end: s.end,
            label: s.label,
            status: s.status,
        })
        .collect();
    doc.set_spans(spans).map_err(|e| e.to_string())?;
    Ok(doc)
}

/// Reads a non-negative offset, explaining what is wrong with anything else (negative, not a
/// whole number, too large, missing).
pub(crate) fn offset(v: Option<&Value>, field: &str) -> Result<usize, String> {
    match v {
        None | Some(Value::Null) => Err(format!("\"{field}\" is missing")),
        Some(Value::Number(n)) => {
            if let Some(u) = n.as_u64() {
                usize::try_from(u).map_err(|_| format!("\"{field}\" ({u}) is far too large"))
            } else if let Some(i) = n.as_i64() {
                Err(format!("\"{field}\" is negative ({i})"))
            } else {
                Err(format!("\"{field}\" must be a whole number, not {n}"))
            }
        }
        Some(other) => Err(format!("\"{field}\" must be a number, not {other}")),
    }
}

/// The string field `field` of a JSON object.
pub(crate) fn string<'a>(v: &'a Value, field: &str) -> Result<&'a str, String> {
    match v.get(field) {
        Some(Value::String(s)) => Ok(s),
        None | Some(Value::Null) => Err(format!("\"{field}\" is missing")),
        Some(other) => Err(format!("\"{field}\" must be a string, not {other}")),
    }
}

/// The array field `field` of a JSON object; a missing field reads as empty.
pub(crate) fn array<'a>(v: &'a Value, field: &str) -> Result<&'a [Value], String> {
    match v.get(field) {
        Some(Value::Array(a)) => Ok(a),
        None | Some(Value::Null) => Ok(&[]),
        Some(other) => Err(format!("\"{field}\" must be a list, not {other}")),
    }
}

pub(crate) fn object(v: &Value) -> Result<&serde_json::Map<String, Value>, String> {
    v.as_object()
        .ok_or_else(|| format!("expected a JSON object, found {}", kind(v)))
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "true/false",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// The tokens the token-based formats write: the document's tokens, split wherever a span
/// starts or ends inside one, so that every span covers whole tokens. A span whose edge falls in
/// white space (no token starts or ends there) cannot be written and is reported.
pub(crate) fn export_tokens(doc: &Document) -> Result<Vec<Token>, String> {
    let cuts = doc.spans().iter().flat_map(|s| [s.start, s.end]).collect();
    let out = crate::core::text::split_at(doc.tokens(), cuts);
    for (i, s) in doc.spans().iter().enumerate() {
        let starts = out.binary_search_by_key(&s.start, |t| t.start).is_ok();
        let ends = out.binary_search_by_key(&s.end, |t| t.end).is_ok();
        if !starts || !ends {
            return Err(format!(
                "{} {} in white space; this format counts in tokens, so trim the span to \
                 its words",
                describe(i + 1, s.start, s.end, doc.span_text(s)),
                if starts { "ends" } else { "starts" }
            ));
        }
    }
    Ok(out)
}

/// Index of the token starting at `start` and of the one ending at `end` (inclusive).
pub(crate) fn token_range(tokens: &[Token], start: usize, end: usize) -> Option<(usize, usize)> {
    let a = tokens.binary_search_by_key(&start, |t| t.start).ok()?;
    let b = tokens.binary_search_by_key(&end, |t| t.end).ok()?;
    Some((a, b))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::document::{PERSON, PLACE};

    #[test]
    fn format_names_round_trip() {
        for f in Format::ALL {
            assert_eq!(Format::from_name(f.name()), Some(f));
        }
        assert_eq!(Format::from_name("Label_Studio"), Some(Format::LabelStudio));
        assert_eq!(Format::from_name("xml"), None);
        assert_eq!(Format::Conll.extension(), "conll");
    }

    #[test]
    fn build_reports_drift_overlap_and_adds_labels() {
        let text = "😀 Kerry met Lavrov";
        let drift = RawSpan {
            start: 3,
            end: 8,
            label: PERSON.into(),
            text: Some("Kerry".into()),
            status: SpanStatus::Accepted,
        };
        let err = build(text, vec![], vec![drift]).unwrap_err();
        assert_eq!(
            err,
            "span 1 (3..8 \"Kerry\"): its text does not match the document at those offsets, \
             which read \"erry \" (offsets drifted?)"
        );
        let ok = |s, e, l: &str| RawSpan {
            start: s,
            end: e,
            label: l.into(),
            text: None,
            status: SpanStatus::Accepted,
        };
        let err = build(
            text,
            vec![],
            vec![ok(12, 18, PERSON), ok(2, 7, "ORG"), ok(6, 9, PLACE)],
        )
        .unwrap_err();
        assert!(
            err.starts_with("span 2 (2..7 \"Kerry\") overlaps span 3 (6..9 \"y m\")"),
            "{err}"
        );
        let doc = build(text, vec![], vec![ok(12, 18, PERSON), ok(2, 7, "ORG")]).unwrap();
        assert_eq!(doc.label("ORG").unwrap().color, new_label("ORG").color);
        assert_eq!(doc.spans()[0], Span::new(2, 7, "ORG"));
    }

    #[test]
    fn offsets_explain_bad_numbers() {
        let v: Value =
            serde_json::from_str(r#"{"a": -3, "b": 1.5, "c": "7", "d": 99999999999999999999}"#)
                .unwrap();
        assert_eq!(
            offset(v.get("a"), "a").unwrap_err(),
            "\"a\" is negative (-3)"
        );
        assert!(offset(v.get("b"), "b")
            .unwrap_err()
            .contains("whole number"));
        assert!(offset(v.get("c"), "c")
            .unwrap_err()
            .contains("must be a number"));
        assert!(offset(v.get("d"), "d").is_err());
        assert_eq!(offset(v.get("e"), "e").unwrap_err(), "\"e\" is missing");
    }

    #[test]
    fn export_tokens_split_at_span_edges_and_refuse_white_space_edges() {
        let mut doc = Document::new("Ninja Nin");
        doc.add_span(Span::new(0, 3, PERSON)).unwrap();
        let toks: Vec<(usize, usize)> = export_tokens(&doc)
            .unwrap()
            .iter()
            .map(|t| (t.start, t.end))
            .collect();
        assert_eq!(toks, [(0, 3), (3, 5), (6, 9)]);
        let mut doc = Document::new("Kerry met");
        doc.add_span(Span::new(0, 6, PERSON)).unwrap();
        let err = export_tokens(&doc).unwrap_err();
        assert!(err.contains("ends in white space"), "{err}");
    }

    #[test]
    fn detects_each_format_from_its_content() {
        let cases = [
            (r#"{"version":1,"text":"a","spans":[]}"#, Format::Spanlight),
            (r#"{"id":3,"text":"a"}"#, Format::Spanlight),
            (r#"{"text":"a","ents":[],"tokens":[]}"#, Format::Spacy),
            (
                r#"{"text":"a","tokens":[],"spans":[],"answer":"accept"}"#,
                Format::Prodigy,
            ),
            (r#"{"text":"a","label":[[0,1,"X"]]}"#, Format::Doccano),
            (
                r#"[{"data":{"text":"a"},"annotations":[]}]"#,
                Format::LabelStudio,
            ),
            ("T1\tPERSON 0 5\tKerry\n", Format::Brat),
            ("-DOCSTART- O\n\nKerry B-PERSON\nmet O\n", Format::Conll),
            ("Kerry B-PERSON\nmet O\n", Format::Conll),
        ];
        for (content, f) in cases {
            assert_eq!(detect(content), Some(f), "{content}");
        }
        assert_eq!(detect(""), None);
        assert_eq!(detect("just some prose"), None);
    }
}
