//! `spanlight agree` and `spanlight merge`: several annotators' files of the same documents,
//! compared or merged by votes (see `core::agreement`). Annotators are named by file stem.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde_json::{json, Map, Value};

use crate::core::agreement::{self, Annotator, Report};
use crate::core::formats::{self, Format, Record};

struct Options {
    files: Vec<PathBuf>,
    from: Option<Format>,
    json: bool,
    tokens: bool,
    min_votes: Option<usize>,
}

fn parse(args: &[String], merge: bool) -> Result<Options, String> {
    let mut opts = Options {
        files: Vec::new(),
        from: None,
        json: false,
        tokens: false,
        min_votes: None,
    };
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let (key, inline) = match a.split_once('=') {
            Some((k, v)) if k.starts_with("--") => (k, Some(v.to_string())),
            _ => (a.as_str(), None),
        };
        let mut value = || {
            inline
                .clone()
                .or_else(|| it.next().cloned())
                .ok_or(format!("{key} needs a value"))
        };
        match key {
            "--from" => {
                let name = value()?;
                opts.from = Some(Format::from_name(&name).ok_or_else(|| {
                    let known: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
                    format!("unknown format \"{name}\" (known: {})", known.join(", "))
                })?);
            }
            "--json" if !merge => opts.json = true,
            "--tokens" if !merge => opts.tokens = true,
            "--min-votes" if merge => {
                let v = value()?;
                let k: usize = v.parse().ok().filter(|&k| k >= 1).ok_or(format!(
                    "--min-votes needs a whole number of at least 1, not \"{v}\""
                ))?;
                opts.min_votes = Some(k);
            }
            other if other.starts_with("--") => return Err(format!("unknown option \"{other}\"")),
            file => opts.files.push(PathBuf::from(file)),
        }
    }
    if opts.files.len() < 2 {
        return Err("give at least two annotators' files".into());
    }
    if merge && opts.min_votes.is_none() {
        return Err("--min-votes K is required".into());
    }
    Ok(opts)
}

/// The annotator's name: the file's stem (`ann` for `ann.jsonl`, `bob` for a brat directory).
fn stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| path.display().to_string())
}

/// Reads every file; documents that cannot be read are reported on `err` by file and place.
/// Returns the annotators and how many documents were left out, or why a file is unusable.
fn read_all(opts: &Options, err: &mut impl Write) -> Result<(Vec<Annotator>, usize), String> {
    let mut annotators: Vec<Annotator> = Vec::new();
    let mut bad = 0;
    for path in &opts.files {
        let shown = path.display();
        let (records, errors): (Vec<Record>, Vec<String>) = if opts.from == Some(Format::Brat)
            || (opts.from.is_none() && path.is_dir())
        {
            let results = super::convert::read_brat_dir(path)?;
            let mut ok = Vec::new();
            let mut errors = Vec::new();
            for r in results {
                match r {
                    Ok(r) => ok.push(r),
                    Err(e) => errors.push(format!("{e}; this document is left out")),
                }
            }
            (ok, errors)
        } else {
            let bytes = fs::read(path).map_err(|e| format!("{shown}: cannot read: {e}"))?;
            let text = String::from_utf8(bytes).map_err(|_| format!("{shown}: not UTF-8 text"))?;
            agreement::read_file(&text, opts.from)
        };
        for e in &errors {
            let _ = writeln!(err, "{shown}: {e}");
        }
        bad += errors.len();
        if records.is_empty() {
            return Err(format!("{shown}: no document could be read"));
        }
        let mut name = stem(path);
        // Two files with one stem (a/x.jsonl, b/x.jsonl) get their number added.
        if annotators.iter().any(|a| a.name == name) {
            name = format!("{name}-{}", annotators.len() + 1);
        }
        annotators.push(Annotator::new(name, records));
    }
    Ok((annotators, bad))
}

/// Runs `agree` (or `merge` when `merge`); returns the exit status (0 ok, 1 some input was
/// bad, 2 usage).
pub fn run(args: &[String], merge: bool, out: &mut impl Write, err: &mut impl Write) -> i32 {
    let cmd = if merge { "merge" } else { "agree" };
    let opts = match parse(args, merge) {
        Ok(o) => o,
        Err(e) => {
            let _ = writeln!(err, "spanlight {cmd}: {e}\n\n{}", super::USAGE);
            return 2;
        }
    };
    let (annotators, bad) = match read_all(&opts, err) {
        Ok(x) => x,
        Err(e) => {
            let _ = writeln!(err, "spanlight {cmd}: {e}");
            return 1;
        }
    };
    let matching = agreement::match_documents(&annotators);
    for p in &matching.problems {
        let _ = writeln!(err, "{p}");
    }
    let written = if merge {
        let k = opts.min_votes.unwrap_or(1);
        for m in &matching.documents {
            let n = m.present().len();
            if n < k {
                let _ = writeln!(
                    err,
                    "document {} is in {n} files, fewer than --min-votes {k}; left out",
                    m.name
                );
            }
        }
        let (merged, conflicts) = agreement::merge(&matching, k);
        for c in &conflicts {
            let _ = writeln!(err, "{c}");
        }
        let mut text = String::new();
        for m in &merged {
            let record = Record {
                id: m.id.clone(),
                doc: m.doc.clone(),
            };
            let value = formats::spanlight::to_value(&record);
            text.push_str(&agreement::with_annotators(value, &m.agreed_by).to_string());
            text.push('\n');
        }
        out.write_all(text.as_bytes())
    } else if opts.tokens {
        let value = token_dump(&matching);
        writeln!(out, "{value}")
    } else {
        let report = agreement::report(matching);
        if opts.json {
            writeln!(out, "{}", to_json(&report))
        } else {
            out.write_all(table(&report).as_bytes())
        }
    };
    if written.and_then(|_| out.flush()).is_err() {
        return 1;
    }
    if bad > 0 {
        let _ = writeln!(
            err,
            "spanlight {cmd}: {bad} document(s) could not be read and were left out"
        );
        1
    } else {
        0
    }
}

fn number(x: Option<f64>) -> Value {
    x.map_or(Value::Null, |x| json!(x))
}

/// The object the issue specifies: documents, pairs (labels and overall), fleiss.
pub(crate) fn to_json(r: &Report) -> Value {
    let names = &r.matching.annotators;
    let pairs: Vec<Value> = r
        .pairs
        .iter()
        .map(|p| {
            let labels: Map<String, Value> = p
                .labels
                .iter()
                .map(|(l, f)| {
                    (
                        l.clone(),
                        json!({
                            "precision": number(f.counts.precision()),
                            "recall": number(f.counts.recall()),
                            "f1": number(f.counts.f1()),
                            "kappa": number(f.kappa),
                        }),
                    )
                })
                .collect();
            json!({
                "a": names[p.a],
                "b": names[p.b],
                "labels": labels,
                "overall": {"f1": number(p.overall.counts.f1()), "kappa": number(p.overall.kappa)},
            })
        })
        .collect();
    json!({"documents": r.matching.documents.len(), "pairs": pairs, "fleiss": number(r.fleiss)})
}

/// Every matched document's token labels per annotator (null where absent), for checking our
/// kappas against other implementations.
fn token_dump(m: &agreement::Matching) -> Value {
    let docs: Vec<Value> = m
        .documents
        .iter()
        .map(|d| {
            let labels: Vec<Value> = agreement::document_token_labels(d)
                .into_iter()
                .map(|v| {
                    v.map_or(Value::Null, |seq| {
                        seq.iter().map(|l| l.to_string()).collect::<Vec<_>>().into()
                    })
                })
                .collect();
            json!({"name": d.name, "labels": labels})
        })
        .collect();
    json!({"annotators": m.annotators, "documents": docs})
}

fn cell(x: Option<f64>) -> String {
    x.map_or_else(|| "—".to_string(), |x| format!("{x:.3}"))
}

/// The figures as a plain-text table.
fn table(r: &Report) -> String {
    let names = &r.matching.annotators;
    let mut s = format!(
        "{} document(s) matched by text across {} annotators: {}\n",
        r.matching.documents.len(),
        names.len(),
        names.join(", ")
    );
    for p in &r.pairs {
        let (a, b) = (&names[p.a], &names[p.b]);
        s.push_str(&format!(
            "\n{b} against {a} ({} documents, {} tokens)\n",
            p.documents, p.tokens
        ));
        s.push_str(&format!(
            "{:<14} {:>9} {:>9} {:>9} {:>9} {:>6} {:>6} {:>6}\n",
            "label",
            "precision",
            "recall",
            "F1",
            "kappa",
            "both",
            a_short(a),
            a_short(b)
        ));
        let row = |s: &mut String, label: &str, f: &agreement::LabelFigures| {
            s.push_str(&format!(
                "{:<14} {:>9} {:>9} {:>9} {:>9} {:>6} {:>6} {:>6}\n",
                label,
                cell(f.counts.precision()),
                cell(f.counts.recall()),
                cell(f.counts.f1()),
                cell(f.kappa),
                f.counts.both,
                f.counts.a,
                f.counts.b
            ));
        };
        for (label, f) in &p.labels {
            row(&mut s, label, f);
        }
        row(&mut s, "overall", &p.overall);
    }
    if names.len() >= 3 {
        s.push_str(&format!(
            "\nFleiss' kappa over the documents all {} have: {}\n",
            names.len(),
            cell(r.fleiss)
        ));
    }
    s.push_str("\ndocuments by disagreement (disputed spans of all distinct spans):\n");
    for d in &r.ranking {
        s.push_str(&format!(
            "{:>5} of {:<5} {}\n",
            d.disputed, d.spans, r.matching.documents[d.document].name
        ));
    }
    s
}

/// An annotator's name cut to fit a count column.
fn a_short(name: &str) -> String {
    name.chars().take(6).collect()
}
