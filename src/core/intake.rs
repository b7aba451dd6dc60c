//! Files coming in: bytes from a file picker or a drop become documents to add, a workspace to
//! restore, or a message that says plainly what is wrong. Nothing here can panic on any input,
//! and a failed file changes nothing.

use serde_json::Value;

use super::document::{is_safe_color, too_long, Document};
use super::formats::{self, brat, Format};
use super::parts::{part_name, split, PartsBy};
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
pub fn stem(name: &str) -> &str {
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
    if let Some(e) = too_large(file) {
        return Err(e);
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

/// Why `file` is too large to take, if it is.
fn too_large(file: &File) -> Option<String> {
    (file.bytes.len() > MAX_BYTES).then(|| {
        format!(
            "{} is {:.0} MB; spanlight takes files up to {} MB, so split it into smaller files",
            file.name,
            file.bytes.len() as f64 / 1e6,
            MAX_BYTES / (1024 * 1024)
        )
    })
}

/// [`text_of`] a step at a time, about `bytes` of the file per [`ReadingText::step`], so that a
/// page can read a long file over several tasks (19.6 MB took one of about 170 ms, with the
/// copy): the same checks, the same messages, and the text as an owned string.
pub struct ReadingText {
    at: usize,
    chars: usize,
    controls: usize,
    nul: bool,
    blank: bool,
    text: String,
}

impl ReadingText {
    /// Starts reading `file`; an error when it is too large.
    pub fn new(file: &File) -> Result<ReadingText, String> {
        if let Some(e) = too_large(file) {
            return Err(e);
        }
        let bom = "\u{feff}".as_bytes();
        Ok(ReadingText {
            at: if file.bytes.starts_with(bom) {
                bom.len()
            } else {
                0
            },
            chars: 0,
            controls: 0,
            nul: false,
            blank: true,
            text: String::with_capacity(file.bytes.len()),
        })
    }

    /// Reads on through about `bytes` more of `file` (the same file at every step); `Ok(true)`
    /// once all of it is read, an error where it is not UTF-8.
    pub fn step(&mut self, file: &File, bytes: usize) -> Result<bool, String> {
        let all = &file.bytes;
        if self.at >= all.len() {
            return Ok(true);
        }
        let end = self.at.saturating_add(bytes.max(4)).min(all.len());
        let (valid, next) = match std::str::from_utf8(&all[self.at..end]) {
            Ok(s) => (s, end),
            // A character cut by the end of the step: read it with the next one.
            Err(e) if e.error_len().is_none() && end < all.len() => {
                let n = e.valid_up_to();
                (
                    std::str::from_utf8(&all[self.at..self.at + n]).unwrap_or(""),
                    self.at + n,
                )
            }
            Err(e) => {
                return Err(format!(
                    "{} is not UTF-8 text (byte {} is not valid); if it is text, save it as UTF-8",
                    file.name,
                    self.at + e.valid_up_to() + 1
                ))
            }
        };
        for c in valid.chars() {
            self.chars += 1;
            self.controls += usize::from(c.is_control() && !c.is_whitespace());
            self.nul |= c == '\0';
            self.blank &= c.is_whitespace();
        }
        self.text.push_str(valid);
        self.at = next;
        Ok(self.at >= all.len())
    }

    /// The text, once [`ReadingText::step`] has said it is all read; an error, as
    /// [`text_of`]'s, when it is binary or empty.
    pub fn finish(self, file: &File) -> Result<String, String> {
        let name = &file.name;
        if self.nul || self.controls * 100 > self.chars.max(1) {
            return Err(format!("{name} looks like a binary file, not text"));
        }
        if self.blank {
            return Err(format!("{name} is empty"));
        }
        Ok(self.text)
    }
}

/// Reads one file. `format` overrides detection; `.txt` files and text in no known format are
/// plain articles. A brat `.ann` needs its `.txt`: see [`read_all`].
///
/// A file of many documents (JSONL, say) keeps its good ones: the second value then lists, in
/// one message, every document that was skipped and why, one line number each.
pub fn read(file: &File, format: Option<Format>) -> Result<(Intake, Option<String>), String> {
    read_in_parts(file, format, None)
}

/// [`read`], with a plain article cut into documents `parts` when asked (it may be longer than
/// the page opens, up to the file limit): "book (part 3 of 12)".
pub fn read_in_parts(
    file: &File,
    format: Option<Format>,
    parts: Option<PartsBy>,
) -> Result<(Intake, Option<String>), String> {
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
        if let Some(by) = parts {
            let parts = split(text, by).map_err(|e| format!("{name}: {e}"))?;
            let n = parts.len();
            let docs = parts
                .into_iter()
                .enumerate()
                .map(|(i, part)| (part_name(stem(name), i + 1, n), Document::new(part)))
                .collect();
            return Ok((Intake::Documents(docs), None));
        }
        if let Some(message) = too_long(text, name) {
            return Err(message);
        }
        return Ok((
            Intake::Documents(vec![(
                stem(name).to_string(),
                Document::tokenised_later(text),
            )]),
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
    let mut problems: Vec<String> = bad
        .into_iter()
        .filter_map(|(_, r)| r.err())
        .map(|e| e.to_string())
        .collect();
    // A document past the page's limit is refused before any work, like a bad line.
    let (good, huge): (Vec<_>, Vec<_>) = good.into_iter().partition(|(_, r)| {
        r.as_ref()
            .is_ok_and(|r| too_long(r.doc.text(), "").is_none())
    });
    for (i, r) in huge {
        if let Ok(r) = r {
            if let Some(message) = too_long(r.doc.text(), &format!("document {}", i + 1)) {
                problems.push(message);
            }
        }
    }
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

/// What the import of `file` changes on the way in, for a notice the person sees: each label
/// whose colour is not `#rrggbb` (which never reaches the page: the document gives it a palette
/// colour instead). Reads spanlight files, JSON Lines of them and workspace files.
pub fn color_notices(file: &File) -> Vec<String> {
    let Ok(text) = text_of(file) else {
        return Vec::new();
    };
    if !text.contains("color") {
        return Vec::new();
    }
    let values: Vec<Value> = match serde_json::from_str::<Value>(text) {
        Ok(v) => vec![v],
        Err(_) => text
            .lines()
            .filter_map(|l| serde_json::from_str(l).ok())
            .collect(),
    };
    let mut bad = Vec::new();
    for v in &values {
        unsafe_colors(v, &mut bad);
    }
    bad.dedup();
    let shown = |s: &str| {
        let mut t: String = s.chars().take(30).collect();
        if s.chars().count() > 30 {
            t.push('…');
        }
        t
    };
    bad.iter()
        .map(|(name, color)| {
            format!(
                "{}: label “{}” has the colour {:?}, which is not a #rrggbb colour; it gets one \
                 of spanlight's own",
                file.name,
                shown(name),
                shown(color)
            )
        })
        .collect()
}

/// Every `{"name": …, "color": …}` in `v` whose colour is not `#rrggbb`.
fn unsafe_colors(v: &Value, out: &mut Vec<(String, String)>) {
    match v {
        Value::Array(items) => items.iter().for_each(|i| unsafe_colors(i, out)),
        Value::Object(obj) => {
            if let (Some(Value::String(name)), Some(color)) = (obj.get("name"), obj.get("color")) {
                let color = match color {
                    Value::String(c) => c.clone(),
                    other => other.to_string(),
                };
                if !is_safe_color(&color) {
                    out.push((name.clone(), color));
                }
            }
            obj.values().for_each(|i| unsafe_colors(i, out));
        }
        _ => {}
    }
}

/// Reads several files at once, pairing brat's `NAME.txt` with `NAME.ann`. Each file succeeds
/// or fails on its own; the errors say which file and why (and, for a file imported in part,
/// what was skipped).
pub fn read_all(files: &[File], format: Option<Format>) -> (Vec<Intake>, Vec<String>) {
    read_all_in_parts(files, format, None)
}

/// [`read_all`], each plain article cut into documents `parts` when asked ([`read_in_parts`]).
pub fn read_all_in_parts(
    files: &[File],
    format: Option<Format>,
    parts: Option<PartsBy>,
) -> (Vec<Intake>, Vec<String>) {
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
            read_in_parts(file, format, parts).map(|(intake, skipped)| {
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

/// A document on its way in: its name, the document, and whether it is marked done (the
/// documents of a workspace file keep their marks).
pub type Incoming = (String, Document, bool);

/// The documents of `intakes`, in order; a workspace file's documents join them as
/// [`Workspace::merge`] would add them (names, documents and done marks; not their histories).
pub fn incoming(intakes: Vec<Intake>) -> Vec<Incoming> {
    let mut docs = Vec::new();
    for intake in intakes {
        match intake {
            Intake::Documents(d) => docs.extend(d.into_iter().map(|(n, d)| (n, d, false))),
            Intake::Workspace(ws) => docs.extend(ws.into_documents()),
        }
    }
    docs
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
        // Read, not yet tokenised: the recogniser has its own tokens, and thousands of
        // documents are listed long before one is opened.
        assert!(d.iter().all(|x| !x.1.is_tokenised()));
        assert_eq!(d[1].1.word_count(), 1);
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

    #[test]
    fn hostile_label_colours_are_replaced_and_reported() {
        let hostile = "red;position:fixed;inset:0";
        let json = format!(
            r##"{{"version":1,"text":"Kerry works at IBM","spans":[{{"start":15,"end":18,"label":"<b>ORG</b>"}}],
               "labels":[{{"name":"PERSON","color":"#ffd36e"}},{{"name":"<b>ORG</b>","color":"{hostile}"}}]}}"##
        );
        let f = file("shared.json", &json);
        let d = docs(read(&f, None).unwrap());
        let org = d[0].1.label("<b>ORG</b>").unwrap();
        assert!(is_safe_color(&org.color), "{}", org.color);
        assert_eq!(d[0].1.label("PERSON").unwrap().color, "#ffd36e");
        let notes = color_notices(&f);
        assert_eq!(notes.len(), 1, "{notes:?}");
        assert!(notes[0].contains("<b>ORG</b>") && notes[0].contains("shared.json"));
        // The same through a workspace file.
        let ws = workspace::to_file(&Workspace::default()).replace("#ffd36e", "x;y");
        let wf = file("backup.json", &ws);
        let Ok((Intake::Workspace(back), _)) = read(&wf, None) else {
            panic!("a workspace file");
        };
        assert!(back.entries()[0]
            .editor
            .doc
            .labels()
            .iter()
            .all(|l| is_safe_color(&l.color)));
        assert_eq!(color_notices(&wf).len(), 1);
        assert!(color_notices(&file("a.txt", "Kerry met Lavrov")).is_empty());
    }

    #[test]
    fn a_workspace_file_comes_in_as_its_documents_with_their_done_marks() {
        let mut ws = Workspace::default();
        ws.apply(workspace::WorkspaceAction::Add(vec![
            ("a".into(), Document::new("Kerry")),
            ("b".into(), Document::new("Paris")),
        ]));
        ws.apply(workspace::WorkspaceAction::SetDone(1, true));
        let (intake, _) = read(&file("backup.json", &workspace::to_file(&ws)), None).unwrap();
        let docs = incoming(vec![intake]);
        let names: Vec<(&str, &str, bool)> = docs
            .iter()
            .map(|(n, d, done)| (n.as_str(), d.text(), *done))
            .collect();
        assert_eq!(names, [("a", "Kerry", false), ("b", "Paris", true)]);
    }

    #[test]
    fn an_article_past_the_page_limit_is_refused_with_its_size() {
        let max = crate::core::document::MAX_TEXT_BYTES;
        let long = "Kerry met Lavrov. ".repeat(max / 18 + 1);
        let err = read(&file("book.txt", &long), None).unwrap_err();
        assert!(
            err.starts_with("book.txt is 20.0 MB") && err.contains("split it"),
            "{err}"
        );
    }

    #[test]
    fn an_article_past_the_page_limit_comes_in_parts_when_asked() {
        let max = crate::core::document::MAX_TEXT_BYTES;
        let long = "Kerry met Lavrov in Geneva.\n\n".repeat(max / 29 + 1);
        let by = Some(PartsBy::Size(max / 2));
        let d = docs(read_in_parts(&file("book.txt", &long), None, by).unwrap());
        let names: Vec<&str> = d.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(
            names,
            [
                "book (part 1 of 3)",
                "book (part 2 of 3)",
                "book (part 3 of 3)"
            ]
        );
        let joined: String = d.iter().map(|x| x.1.text()).collect();
        assert!(joined == long, "the parts joined are the file");
        // Other formats are not plain articles: their documents come in as before.
        let jsonl = "{\"text\": \"Kerry\"}\n";
        let (ok, errors) = read_all_in_parts(&[file("b.jsonl", jsonl)], None, by);
        assert_eq!((ok.len(), errors.len()), (1, 0));
        // Past the file limit nothing is read, parts or not.
        let huge = File {
            name: "huge.txt".into(),
            bytes: vec![b'a'; MAX_BYTES + 1],
        };
        assert!(read_in_parts(&huge, None, by)
            .unwrap_err()
            .contains("files up to 50 MB"));
    }
}
