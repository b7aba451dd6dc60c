//! What an export hands the person: one file in the chosen format, or for brat a `.txt` and an
//! `.ann` per document (a single pair as two files, several pairs in one zip).

use super::{brat, export, spanlight, zip, ExportError, Format};
use crate::core::document::Document;

/// A file to download: its name and its bytes.
#[derive(Debug, PartialEq)]
pub struct Download {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// A name safe in any file system from a document name.
pub fn safe_name(name: &str) -> String {
    let stem: String = name
        .trim()
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || "-_.".contains(c) {
                c
            } else {
                '-'
            }
        })
        .collect();
    let stem = stem.trim_matches(|c| c == '-' || c == '.');
    if stem.is_empty() {
        "article".into()
    } else {
        stem.to_string()
    }
}

/// The files that export `docs` (named) in `format`; `stem` names a file of several documents.
pub fn downloads(
    docs: &[(String, Document)],
    format: Format,
    stem: &str,
) -> Result<Vec<Download>, ExportError> {
    let stem = safe_name(stem);
    if format == Format::Brat {
        let mut pairs = Vec::new();
        let mut used = std::collections::HashSet::new();
        for (i, (name, doc)) in docs.iter().enumerate() {
            let (txt, ann) = brat::export_brat(doc).map_err(|message| ExportError {
                document: i + 1,
                message,
            })?;
            let mut base = safe_name(name);
            while !used.insert(base.clone()) {
                base.push('_');
            }
            pairs.push(Download {
                name: format!("{base}.txt"),
                bytes: txt.into_bytes(),
            });
            pairs.push(Download {
                name: format!("{base}.ann"),
                bytes: ann.into_bytes(),
            });
        }
        if docs.len() == 1 {
            return Ok(pairs);
        }
        let entries: Vec<(String, Vec<u8>)> =
            pairs.into_iter().map(|d| (d.name, d.bytes)).collect();
        let bytes = zip::write(&entries).map_err(|message| ExportError {
            document: docs.len(),
            message,
        })?;
        return Ok(vec![Download {
            name: format!("{stem}-brat.zip"),
            bytes,
        }]);
    }
    let only: Vec<Document> = docs.iter().map(|(_, d)| d.clone()).collect();
    let (name, text) = match (format, docs) {
        // One document in spanlight's own format is the app's pretty JSON file.
        (Format::Spanlight, [(name, doc)]) => {
            (format!("{}.json", safe_name(name)), spanlight::export(doc))
        }
        (_, [(name, _)]) => (
            format!("{}.{}", safe_name(name), format.extension()),
            export(&only, format)?,
        ),
        _ => (
            format!("{stem}.{}", format.extension()),
            export(&only, format)?,
        ),
    };
    Ok(vec![Download {
        name,
        bytes: text.into_bytes(),
    }])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::document::{Span, PERSON};

    fn docs() -> Vec<(String, Document)> {
        let mut a = Document::new("Kerry met Lavrov");
        a.add_span(Span::new(0, 5, PERSON)).unwrap();
        vec![
            ("talks 1".into(), a),
            ("talks/2".into(), Document::new("Paris")),
        ]
    }

    #[test]
    fn one_file_per_export_named_after_the_document_or_the_workspace() {
        let one = downloads(&docs()[..1], Format::Spanlight, "ws").unwrap();
        assert_eq!(one[0].name, "talks-1.json");
        let all = downloads(&docs(), Format::Prodigy, "my workspace").unwrap();
        assert_eq!(all.len(), 1);
        assert_eq!(all[0].name, "my-workspace.jsonl");
        assert_eq!(
            String::from_utf8(all[0].bytes.clone())
                .unwrap()
                .lines()
                .count(),
            2
        );
    }

    #[test]
    fn brat_gives_a_pair_or_a_zip_of_pairs() {
        let one = downloads(&docs()[..1], Format::Brat, "ws").unwrap();
        assert_eq!(
            one.iter().map(|d| d.name.as_str()).collect::<Vec<_>>(),
            ["talks-1.txt", "talks-1.ann"]
        );
        assert!(String::from_utf8(one[1].bytes.clone())
            .unwrap()
            .contains("PERSON 0 5\tKerry"));
        let all = downloads(&docs(), Format::Brat, "ws").unwrap();
        assert_eq!(all[0].name, "ws-brat.zip");
        assert_eq!(&all[0].bytes[..2], b"PK");
    }
}
