//! Files coming in: bytes from a file picker or a drop become documents to add, a workspace to
//! restore, or a message that says plainly what is wrong. Nothing here can panic on any input,
//! and a failed file changes nothing.

use super::document::Document;
use super::formats::{self, brat, Format};
use super::wording::grouped;
use super::workspace::{self, Workspace};

/// Larger files would not be usable in a browser tab anyway; say so instead of freezing.
pub const MAX_BYTES: usize = 50 * 1024 * 1024;

/// A file as it arrived.
pub struct File {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// What a file (or a brat pair of files) holds.
#[derive(Debug)]
pub enum Intake {
    Documents(Vec<(String, Document)>),
    Workspace(Workspace),
}

/// The name without its extension, for naming documents after their file.
fn stem(name: &str) -> &str {
    match name.rfind('.') {
        Some(i) if i > 0 => &name[..i],
        _ => name,
    }
}

fn extension(name: &str) -> String {
    name.rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default()
}

/// The file's text: UTF-8 (a byte-order mark is dropped), not binary, not empty, not huge.
pub fn text_of(file: &File) -> Result<&str, String> {
    let name = &file.name;
    if file.bytes.len() > MAX_BYTES {
        return Err(format!(
            "{name} is {:.0} MB; spanlight takes files up to {} MB, so split it into smaller files",
            file.bytes.len() as f64 / 1e6,
            MAX_BYTES / (1024 * 1024)
        ));
    }
    let text = std::str::from_utf8(&file.bytes).map_err(|e| {
        format!(
            "{name} is not UTF-8 text (byte {} is not valid); if it is text, save it as UTF-8",
            e.valid_up_to() + 1
        )
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let controls = text
        .chars()
        .filter(|c| c.is_control() && !c.is_whitespace())
        .count();
    if text.contains('\0') || controls * 100 > text.chars().count().max(1) {
        return Err(format!("{name} looks like a binary file, not text"));
    }
    if text.trim().is_empty() {
        return Err(format!("{name} is empty"));
    }
    Ok(text)
}

/// Reads one file. `format` overrides detection; `.txt` files and text in no known format are
/// plain articles. A brat `.ann` needs its `.txt`: see [`read_all`].
///
/// A file of many documents (JSONL, say) keeps its good ones: the second value then lists, in
/// one message, every document that was skipped and why, one line number each.
pub fn read(file: &File, format: Option<Format>) -> Result<(Intake, Option<String>), String> {
    let name = &file.name;
    let text = text_of(file)?;
    if format.is_none() && workspace::is_workspace_file(text) {
        return workspace::from_file(text)
            .map(|ws| (Intake::Workspace(ws), None))
            .map_err(|e| format!("{name}: {e}"));
    }
    let format = match format {
        Some(f) => Some(f),
        None if extension(name) == "txt" => None,
        None => formats::detect(text),
    };
    let Some(format) = format else {
        return Ok((
            Intake::Documents(vec![(stem(name).to_string(), Document::new(text))]),
            None,
        ));
    };
    if format == Format::Brat {
        return Err(format!(
            "{name}: a brat .ann file needs its .txt: choose or drop both together"
        ));
    }
    let results = formats::import_each(text, format);
    let total = results.len();
    // Each document keeps its number in the file, so "batch 3" is the third even when the
    // second was skipped.
    let (good, bad): (Vec<_>, Vec<_>) = results.into_iter().enumerate().partition(|r| r.1.is_ok());
    let problems: Vec<String> = bad
        .into_iter()
        .filter_map(|(_, r)| r.err())
        .map(|e| e.to_string())
        .collect();
    if good.is_empty() {
        return Err(format!("{name} ({format}): {}", problems.join("; ")));
    }
    let skipped = (!problems.is_empty()).then(|| {
        format!(
            "{name} ({format}): imported {} of {}; skipped {}",
            grouped(good.len()),
            grouped(total),
            problems.join("; ")
        )
    });
    let records: Vec<_> = good
        .into_iter()
        .filter_map(|(i, r)| Some((i, r.ok()?)))
        .collect();
    let many = total > 1;
    let docs = records
        .into_iter()
        .map(|(i, r)| {
            let label = match &r.id {
                Some(serde_json::Value::String(s)) => s.clone(),
                Some(v) if !v.is_null() => v.to_string(),
                _ => (i + 1).to_string(),
            };
            let doc_name = if many {
                format!("{} {label}", stem(name))
            } else {
                stem(name).to_string()
            };
            (doc_name, r.doc)
        })
        .collect();
    Ok((Intake::Documents(docs), skipped))
}

/// Reads several files at once, pairing brat's `NAME.txt` with `NAME.ann`. Each file succeeds
/// or fails on its own; the errors say which file and why (and, for a file imported in part,
/// what was skipped).
pub fn read_all(files: &[File], format: Option<Format>) -> (Vec<Intake>, Vec<String>) {
    let mut intakes = Vec::new();
    let mut errors = Vec::new();
    let ann_of = |txt: &File| {
        files
            .iter()
            .find(|f| extension(&f.name) == "ann" && stem(&f.name) == stem(&txt.name))
    };
    for file in files {
        let ext = extension(&file.name);
        let result = if ext == "ann"
            && files
                .iter()
                .any(|f| extension(&f.name) == "txt" && stem(&f.name) == stem(&file.name))
        {
            continue; // read with its .txt
        } else if let (true, Some(ann)) = (ext == "txt", ann_of(file)) {
            text_of(file).and_then(|txt| {
                let ann_text = std::str::from_utf8(&ann.bytes)
                    .map_err(|_| format!("{} is not UTF-8 text", ann.name))?;
                brat::import_brat(txt, ann_text)
                    .map(|doc| Intake::Documents(vec![(stem(&file.name).to_string(), doc)]))
                    .map_err(|e| format!("{} + {}: {e}", file.name, ann.name))
            })
        } else {
            read(file, format).map(|(intake, skipped)| {
                errors.extend(skipped);
                intake
            })
        };
        match result {
            Ok(i) => intakes.push(i),
            Err(e) => errors.push(e),
        }
    }
    (intakes, errors)
}

/// The problems of one import as one message: one alone as it is, several listed.
pub fn problems_message(problems: &[String]) -> String {
    match problems {
        [one] => one.clone(),
        many => format!(
            "{} problems with this import: {}",
            grouped(many.len()),
            many.join("; ")
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(name: &str, text: &str) -> File {
        File {
            name: name.into(),
            bytes: text.as_bytes().to_vec(),
        }
    }

    fn docs((i, _): (Intake, Option<String>)) -> Vec<(String, Document)> {
        match i {
            Intake::Documents(d) => d,
            Intake::Workspace(_) => panic!("expected documents"),
        }
    }

    #[test]
    fn plain_text_files_are_articles_named_after_the_file() {
        let d = docs(read(&file("talks.txt", "\u{feff}Kerry met Lavrov.\r\n"), None).unwrap());
        assert_eq!(d[0].0, "talks");
        assert_eq!(
            d[0].1.text(),
            "Kerry met Lavrov.\r\n",
            "BOM dropped, CRLF kept"
        );
    }

    #[test]
    fn jsonl_of_texts_becomes_many_documents() {
        let jsonl = "{\"id\": \"a1\", \"text\": \"Kerry\"}\n{\"text\": \"Paris\"}\n";
        let d = docs(read(&file("batch.jsonl", jsonl), None).unwrap());
        assert_eq!(
            d.iter().map(|x| x.0.as_str()).collect::<Vec<_>>(),
            ["batch a1", "batch 2"]
        );
    }

    #[test]
    fn bad_files_get_messages_that_name_them() {
        let binary = File {
            name: "photo.jpg".into(),
            bytes: vec![0xff, 0xd8, 0xff, 0xe0, 0, 16],
        };
        assert!(read(&binary, None)
            .unwrap_err()
            .contains("photo.jpg is not UTF-8"));
        let nul = File {
            name: "x.bin".into(),
            bytes: b"abc\0def".to_vec(),
        };
        assert!(read(&nul, None).unwrap_err().contains("binary"));
        assert!(read(&file("e.txt", "  \n"), None)
            .unwrap_err()
            .contains("e.txt is empty"));
        let wrong = read(
            &file(
                "d.jsonl",
                "{\"text\": \"Kerry\", \"label\": [[0, 9, \"PERSON\"]]}",
            ),
            None,
        );
        let err = wrong.unwrap_err();
        assert!(err.starts_with("d.jsonl (doccano)"), "{err}");
        // A format chosen by hand wins over detection, and its parser explains the mismatch.
        let forced = read(
            &file("x.json", "{\"text\": \"Kerry\"}"),
            Some(Format::LabelStudio),
        );
        let err = forced.unwrap_err();
        assert!(err.starts_with("x.json (label-studio)"), "{err}");
    }

    #[test]
    fn brat_pairs_are_read_together_and_a_lone_ann_is_explained() {
        let files = vec![
            file("a.txt", "Kerry met Lavrov"),
            file("a.ann", "T1\tPERSON 0 5\tKerry\n"),
            file("b.ann", "T1\tPERSON 0 5\tKerry\n"),
        ];
        let (ok, errors) = read_all(&files, None);
        assert_eq!(ok.len(), 1);
        let d = docs((ok.into_iter().next().unwrap(), None));
        assert_eq!(d[0].1.spans().len(), 1);
        assert_eq!(errors.len(), 1);
        assert!(errors[0].contains("b.ann"), "{errors:?}");
    }

    #[test]
    fn a_jsonl_file_with_bad_lines_keeps_the_good_ones_and_lists_the_bad() {
        let jsonl = "{\"text\": \"Kerry\"}\n{\"text\": \"Paris\", oops}\n\n{\"text\": \"Rome\"}\nnot json\n";
        let (ok, errors) = read_all(&[file("batch.jsonl", jsonl)], None);
        assert_eq!(ok.len(), 1);
        let d = docs((ok.into_iter().next().unwrap(), None));
        assert_eq!(
            d.iter()
                .map(|x| (x.0.as_str(), x.1.text()))
                .collect::<Vec<_>>(),
            [("batch 1", "Kerry"), ("batch 3", "Rome")],
            "named by their place in the file"
        );
        assert_eq!(errors.len(), 1, "one message: {errors:?}");
        let message = &errors[0];
        assert!(
            message
                .starts_with("batch.jsonl (spanlight): imported 2 of 4; skipped line 2: not JSON"),
            "{message}"
        );
        assert!(message.contains("; line 5: not JSON"), "{message}");
        assert_eq!(
            message.matches("line").count(),
            2,
            "one line number for each bad line: {message}"
        );
        let (none, errors) = read_all(
            &[file("bad.jsonl", "{\"text\": 5}\n{\"text\": []}\n")],
            None,
        );
        assert!(none.is_empty());
        assert_eq!(errors.len(), 1);
    }

    #[test]
    fn a_workspace_file_restores_a_workspace() {
        let ws = Workspace::default();
        let f = file("backup.json", &workspace::to_file(&ws));
        assert!(matches!(read(&f, None), Ok((Intake::Workspace(_), None))));
    }
}
