//! `spanlight convert --from F --to G`: reads documents in one format and writes them in
//! another. Each document is converted on its own, so one bad line is reported (with its line
//! number) and skipped while the rest go through; the exit status is then 1.

use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::core::formats::{self, brat, Format, ImportError, Location, Record};

struct Options {
    from: Format,
    to: Format,
    dir: Option<PathBuf>,
}

fn parse(args: &[String]) -> Result<Options, String> {
    let (mut from, mut to, mut dir) = (None, None, None);
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let (key, inline) = match a.split_once('=') {
            Some((k, v)) => (k, Some(v.to_string())),
            None => (a.as_str(), None),
        };
        let mut value = || {
            inline
                .clone()
                .or_else(|| it.next().cloned())
                .ok_or(format!("{key} needs a value"))
        };
        match key {
            "--from" => from = Some(value()?),
            "--to" => to = Some(value()?),
            "--dir" => dir = Some(PathBuf::from(value()?)),
            other => return Err(format!("unknown option \"{other}\"")),
        }
    }
    let format = |name: Option<String>, opt: &str| -> Result<Format, String> {
        let name = name.ok_or(format!("{opt} FORMAT is required"))?;
        Format::from_name(&name).ok_or_else(|| {
            let known: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
            format!("unknown format \"{name}\" (known: {})", known.join(", "))
        })
    };
    let opts = Options {
        from: format(from, "--from")?,
        to: format(to, "--to")?,
        dir,
    };
    if (opts.from == Format::Brat || opts.to == Format::Brat) && opts.dir.is_none() {
        return Err("brat reads and writes NAME.txt + NAME.ann pairs: give --dir DIR".into());
    }
    if opts.from == Format::Brat && opts.to == Format::Brat {
        return Err("--from brat --to brat would write into the directory it reads".into());
    }
    Ok(opts)
}

/// Runs the command; returns the exit status (0 ok, 1 some document failed, 2 usage).
pub fn run(
    args: &[String],
    mut input: impl Read,
    out: &mut impl Write,
    err: &mut impl Write,
) -> i32 {
    let opts = match parse(args) {
        Ok(o) => o,
        Err(e) => {
            let _ = writeln!(err, "spanlight convert: {e}\n\n{}", super::USAGE);
            return 2;
        }
    };
    let mut failed = 0usize;
    let mut report = |e: String| {
        failed += 1;
        let _ = writeln!(err, "{e}");
    };
    let records: Vec<Record> = if opts.from == Format::Brat {
        match read_brat_dir(opts.dir.as_deref().unwrap_or(Path::new("."))) {
            Ok(results) => results
                .into_iter()
                .filter_map(|r| r.map_err(&mut report).ok())
                .collect(),
            Err(e) => {
                let _ = writeln!(err, "spanlight convert: {e}");
                return 1;
            }
        }
    } else {
        let mut bytes = Vec::new();
        if let Err(e) = input.read_to_end(&mut bytes) {
            let _ = writeln!(err, "spanlight convert: cannot read the input: {e}");
            return 1;
        }
        let content = utf8_lines(&bytes, &mut report);
        formats::import_each(&content, opts.from)
            .into_iter()
            .filter_map(|r| r.map_err(|e| report(e.to_string())).ok())
            .collect()
    };

    // Export document by document first, so one document that the target format cannot hold
    // is reported instead of sinking the whole batch.
    let mut good = Vec::with_capacity(records.len());
    for (i, r) in records.into_iter().enumerate() {
        let name = describe_record(&r, i + 1);
        let check = if opts.to == Format::Brat {
            brat::export_brat(&r.doc).map(|_| ())
        } else {
            formats::export_records(std::slice::from_ref(&r), opts.to)
                .map(|_| ())
                .map_err(|e| e.message)
        };
        match check {
            Ok(()) => good.push(r),
            Err(e) => report(format!("{name}: cannot write as {}: {e}", opts.to)),
        }
    }
    let written = good.len();
    if opts.to == Format::Brat {
        if let Err(e) = write_brat_dir(opts.dir.as_deref().unwrap_or(Path::new(".")), &good) {
            let _ = writeln!(err, "spanlight convert: {e}");
            return 1;
        }
    } else {
        match formats::export_records(&good, opts.to) {
            Ok(text) => {
                if out
                    .write_all(text.as_bytes())
                    .and_then(|_| out.flush())
                    .is_err()
                {
                    return 1;
                }
            }
            Err(e) => report(e.to_string()),
        }
    }
    if failed > 0 {
        let _ = writeln!(
            err,
            "spanlight convert: {written} document(s) converted, {failed} problem(s) reported above"
        );
        1
    } else {
        0
    }
}

/// The input as text; a line that is not UTF-8 is reported and left empty, so the other lines
/// keep their numbers.
fn utf8_lines(bytes: &[u8], report: &mut impl FnMut(String)) -> String {
    if let Ok(s) = std::str::from_utf8(bytes) {
        return s.to_string();
    }
    let mut out = String::with_capacity(bytes.len());
    for (i, line) in bytes.split(|&b| b == b'\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        match std::str::from_utf8(line) {
            Ok(s) => out.push_str(s),
            Err(_) => report(format!("line {}: not UTF-8 text", i + 1)),
        }
    }
    out
}

fn describe_record(r: &Record, n: usize) -> String {
    match &r.id {
        Some(Value::String(s)) => format!("document {n} (id {s:?})"),
        Some(id) => format!("document {n} (id {id})"),
        None => format!("document {n}"),
    }
}

/// Reads every `NAME.txt` in `dir` (sorted by name) with its `NAME.ann` (none: no spans).
pub(super) fn read_brat_dir(dir: &Path) -> Result<Vec<Result<Record, String>>, String> {
    let entries =
        fs::read_dir(dir).map_err(|e| format!("cannot read directory {}: {e}", dir.display()))?;
    let mut txts: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    txts.sort();
    if txts.is_empty() {
        return Err(format!("no NAME.txt files in {}", dir.display()));
    }
    let mut out = Vec::new();
    for txt_path in txts {
        let stem = txt_path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let ann_path = txt_path.with_extension("ann");
        let read = |p: &Path| -> Result<String, String> {
            let bytes = fs::read(p).map_err(|e| format!("{}: cannot read: {e}", p.display()))?;
            String::from_utf8(bytes).map_err(|_| format!("{}: not UTF-8 text", p.display()))
        };
        let result = read(&txt_path).and_then(|txt| {
            let ann = if ann_path.exists() {
                read(&ann_path)?
            } else {
                String::new()
            };
            brat::import_brat(&txt, &ann)
                .map(|doc| Record {
                    id: Some(Value::String(stem.clone())),
                    doc,
                })
                .map_err(|e: ImportError| match e.at {
                    Location::Input => format!("{}: {}", ann_path.display(), e.message),
                    _ => format!("{}: {e}", ann_path.display()),
                })
        });
        out.push(result);
    }
    Ok(out)
}

/// A file name from a record's id: letters, digits, `-`, `_` and `.` kept, the rest `_`.
fn file_stem(r: &Record, n: usize) -> String {
    let raw = match &r.id {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(x)) => x.to_string(),
        _ => String::new(),
    };
    let clean: String = raw
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '_'
            }
        })
        .collect();
    let clean = clean.trim_start_matches('.').to_string();
    if clean.is_empty() {
        format!("doc-{n}")
    } else {
        clean
    }
}

fn write_brat_dir(dir: &Path, records: &[Record]) -> Result<(), String> {
    fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let mut used = std::collections::HashSet::new();
    for (i, r) in records.iter().enumerate() {
        let mut stem = file_stem(r, i + 1);
        if !used.insert(stem.clone()) {
            stem = format!("{stem}-{}", i + 1);
            used.insert(stem.clone());
        }
        let (txt, ann) = brat::export_brat(&r.doc)?;
        for (ext, content) in [("txt", txt), ("ann", ann)] {
            let path = dir.join(format!("{stem}.{ext}"));
            fs::write(&path, content)
                .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn convert(args: &str, input: &str) -> (i32, String, String) {
        let args: Vec<String> = args.split_whitespace().map(String::from).collect();
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let status = run(&args, input.as_bytes(), &mut out, &mut err);
        (
            status,
            String::from_utf8(out).unwrap(),
            String::from_utf8(err).unwrap(),
        )
    }

    #[test]
    fn converts_tag_output_and_names_bad_lines() {
        let input = "{\"id\": 1, \"text\": \"😀 Kerry\", \"spans\": [{\"start\": 2, \"end\": 7, \"label\": \"PERSON\", \"text\": \"Kerry\"}]}\n\
                     not json\n\
                     {\"id\": 3, \"text\": \"😀 Kerry met\", \"spans\": [{\"start\": 3, \"end\": 8, \"label\": \"PERSON\", \"text\": \"Kerry\"}]}\n";
        let (status, out, err) = convert("--from spanlight --to doccano", input);
        assert_eq!(status, 1);
        assert_eq!(
            out,
            "{\"id\":1,\"label\":[[3,8,\"PERSON\"]],\"text\":\"😀 Kerry\"}\n"
        );
        assert!(err.contains("line 2: not JSON"), "{err}");
        assert!(
            err.contains("line 3: span 1 (3..8 \"Kerry\"): its text does not match"),
            "{err}"
        );
        assert!(err.contains("1 document(s) converted"), "{err}");
    }

    #[test]
    fn usage_errors_exit_2() {
        assert_eq!(convert("--from spanlight", "").0, 2);
        let (status, _, err) = convert("--from xml --to conll", "");
        assert_eq!(status, 2);
        assert!(err.contains("unknown format \"xml\""), "{err}");
        assert!(convert("--from spanlight --to brat", "")
            .2
            .contains("--dir"));
    }

    #[test]
    fn not_utf8_lines_are_reported_and_the_rest_converted() {
        let mut input = b"{\"text\": \"a\"}\n".to_vec();
        input.extend_from_slice(b"\xff\xfe\n{\"text\": \"b\"}\n");
        let args: Vec<String> = ["--from", "spanlight", "--to", "prodigy"]
            .map(String::from)
            .into();
        let (mut out, mut err) = (Vec::new(), Vec::new());
        assert_eq!(run(&args, &input[..], &mut out, &mut err), 1);
        assert_eq!(String::from_utf8(out).unwrap().lines().count(), 2);
        assert!(String::from_utf8(err)
            .unwrap()
            .contains("line 2: not UTF-8 text"));
    }

    #[test]
    fn brat_directories_round_trip() {
        let dir = std::env::temp_dir().join(format!("spanlight-brat-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        let input = "{\"id\": \"a/1\", \"version\": 1, \"text\": \"Kerry met\\r\\nLavrov\", \"spans\": [{\"start\": 0, \"end\": 5, \"label\": \"PERSON\"}]}\n";
        let d = dir.to_str().unwrap();
        let (status, _, err) = convert(&format!("--from spanlight --to brat --dir {d}"), input);
        assert_eq!(status, 0, "{err}");
        assert_eq!(
            fs::read_to_string(dir.join("a_1.ann")).unwrap(),
            "T1\tPERSON 0 5\tKerry\n"
        );
        assert_eq!(
            fs::read_to_string(dir.join("a_1.txt")).unwrap(),
            "Kerry met\r\nLavrov"
        );
        let (status, out, err) = convert(&format!("--from brat --to spanlight --dir {d}"), "");
        assert_eq!(status, 0, "{err}");
        let v: Value = serde_json::from_str(out.trim()).unwrap();
        assert_eq!(v["id"], "a_1");
        assert_eq!(v["text"], "Kerry met\r\nLavrov");
        assert_eq!(v["spans"][0]["text"], "Kerry");
        fs::write(dir.join("a_1.ann"), "T1\tPERSON 0 4\tKerry\n").unwrap();
        let (status, _, err) = convert(&format!("--from brat --to spanlight --dir {d}"), "");
        assert_eq!(status, 1);
        assert!(err.contains("a_1.ann: line 1:"), "{err}");
        let _ = fs::remove_dir_all(&dir);
    }
}
