//! `spanlight learn [--model FILE] --out FILE < corrected.jsonl`: continues a model's learning
//! from documents a person corrected (spanlight JSONL, any labels), with the page's code.

use std::collections::BTreeMap;
use std::io::{BufRead, Write};

use crate::core::recognizer::{LearnDoc, Recognizer};

/// Reads a model file for `--model`, or says why it cannot be used.
pub fn load_model(path: &str) -> Result<Recognizer, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{path}: {e}"))?;
    Recognizer::from_bytes(&bytes).map_err(|e| format!("{path}: {e}"))
}

/// Args: `[--model FILE] --out FILE`; documents on `input`.
pub fn run(
    args: &[String],
    input: impl BufRead,
    out: &mut impl Write,
    err: &mut impl Write,
) -> i32 {
    let mut model = None;
    let mut target = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match (a.as_str(), it.next()) {
            ("--model", Some(f)) => model = Some(f.clone()),
            ("--out", Some(f)) => target = Some(f.clone()),
            _ => {
                let _ = writeln!(
                    err,
                    "usage: spanlight learn [--model FILE] --out FILE < corrected.jsonl"
                );
                return 2;
            }
        }
    }
    let Some(target) = target else {
        let _ = writeln!(
            err,
            "learn: --out FILE is needed (where the learned model goes)"
        );
        return 2;
    };
    let start = match &model {
        Some(f) => match load_model(f) {
            Ok(r) => r,
            Err(e) => {
                let _ = writeln!(err, "learn: {e}");
                return 1;
            }
        },
        None => Recognizer::shipped().as_ref().clone(),
    };
    let mut docs = Vec::new();
    let mut bad = 0;
    for (i, line) in input.split(b'\n').enumerate() {
        let Ok(line) = line else {
            let _ = writeln!(err, "learn: cannot read line {}", i + 1);
            return 1;
        };
        let Ok(line) = std::str::from_utf8(&line) else {
            bad += 1;
            let _ = writeln!(err, "line {}: not UTF-8 text", i + 1);
            continue;
        };
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<LearnDoc>(line) {
            Ok(mut d) => {
                if d.id.is_empty() {
                    d.id = format!("line {}", i + 1);
                }
                docs.push(d);
            }
            Err(e) => {
                bad += 1;
                let _ = writeln!(err, "line {}: not a document: {e}", i + 1);
            }
        }
    }
    let (learned, report) = start.learn(&docs);
    for (id, why) in &report.skipped {
        let _ = writeln!(err, "{id}: skipped: {why}");
    }
    for l in &report.refused_labels {
        let _ = writeln!(
            err,
            "learn: cannot learn label {l:?} (too long, or too many labels)"
        );
    }
    if let Err(e) = std::fs::write(&target, learned.to_bytes()) {
        let _ = writeln!(err, "learn: cannot write {target}: {e}");
        return 1;
    }
    let _ = writeln!(
        out,
        "learned from {} document{}",
        report.learned,
        if report.learned == 1 { "" } else { "s" },
    );
    let per_doc: BTreeMap<&str, usize> = report
        .spans
        .keys()
        .map(|l| {
            let n = docs
                .iter()
                .filter(|d| d.check().is_ok() && d.spans.iter().any(|s| &s.label == l))
                .count();
            (l.as_str(), n)
        })
        .collect();
    for (label, n) in &report.spans {
        let note = if report.new_labels.contains(label) {
            " (new label)"
        } else if label == "NUMBER" && !report.number_taught {
            " (left to the number grammar: it agreed)"
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "  {label:<12} {n:>6} spans in {:>4} documents{note}",
            per_doc.get(label.as_str()).copied().unwrap_or(0)
        );
    }
    let mut total = crate::core::recognizer::DocScore::default();
    report.scores.iter().for_each(|s| total.add(s));
    if let Some(f1) = total.f1() {
        let _ = writeln!(
            out,
            "progressive validation (each document scored before it was learned): exact F1 {f1:.3}"
        );
    }
    // What progressive validation decided for the labels the person taught.
    let history = learned.history();
    let grown = history.grown();
    if !grown.is_empty() {
        let _ = writeln!(out, "grown to whole capitalised runs: {}", grown.join(", "));
    }
    match &history.labeler {
        Some(l) if l.vetoes.is_empty() => {
            let _ = writeln!(out, "span labeler: kept");
        }
        Some(l) => {
            let _ = writeln!(
                out,
                "span labeler: kept; drops suggestions it judges are not names, for {}",
                l.vetoes.join(", ")
            );
        }
        None => {}
    }
    let _ = writeln!(
        out,
        "wrote {target}: labels {}",
        learned.labels().join(", ")
    );
    if bad > 0 || !report.skipped.is_empty() {
        1
    } else {
        0
    }
}
