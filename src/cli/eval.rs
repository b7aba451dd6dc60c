//! `spanlight eval GOLD.jsonl`: precision, recall and F1 per label against annotated documents.

use std::collections::BTreeMap;
use std::io::Write;
use std::sync::Arc;

use crate::core::document::{NUMBER, PERSON, PLACE};
use crate::core::recognizer::corpus::{fold, parse_jsonl};
use crate::core::recognizer::Recognizer;

const LABELS: [&str; 3] = [PERSON, PLACE, NUMBER];

#[derive(Default, Clone, Copy)]
struct Counts {
    gold: usize,
    pred: usize,
    /// Predicted spans that match a gold span (exactly, or by overlapping it).
    pred_ok: usize,
    /// Gold spans that a prediction matches.
    gold_ok: usize,
}

impl Counts {
    fn prf(&self) -> (f64, f64, f64) {
        let p = ratio(self.pred_ok, self.pred);
        let r = ratio(self.gold_ok, self.gold);
        let f = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        (p, r, f)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// Args: `GOLD.jsonl [--split dev|train|all] [--fold K] [--baseline] [--model FILE] [--errors]`;
/// `--fold K` evaluates on fold K (for cross-validation with `train --holdout K`).
pub fn run(args: &[String], out: &mut impl Write, err: &mut impl Write) -> i32 {
    let mut path = None;
    let mut split = "all".to_string();
    let mut baseline = false;
    let mut dev_fold = 0u32;
    let mut show_errors = false;
    let mut model_file: Option<String> = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--split" => split = it.next().cloned().unwrap_or_default(),
            "--fold" => {
                split = "dev".into();
                dev_fold = it.next().and_then(|k| k.parse().ok()).unwrap_or(0);
            }
            "--baseline" => baseline = true,
            "--errors" => show_errors = true,
            "--model" => model_file = it.next().cloned(),
            _ if path.is_none() => path = Some(a.clone()),
            _ => {
                let _ = writeln!(err, "eval: unexpected argument \"{a}\"");
                return 2;
            }
        }
    }
    if !matches!(split.as_str(), "all" | "dev" | "train") {
        let _ = writeln!(err, "eval: --split must be dev, train or all");
        return 2;
    }
    let Some(path) = path else {
        let _ = writeln!(
            err,
            "usage: spanlight eval GOLD.jsonl [--split dev|train|all] [--baseline]"
        );
        return 2;
    };
    // A learned model file is read whole, with its history (taught labels grown to whole runs,
    // the person's span labeler), so that eval scores what `tag` and the page suggest.
    let (recognizer, tagger) = match (&model_file, baseline) {
        (_, true) => (Arc::new(Recognizer::baseline()), "baseline".to_string()),
        (Some(f), _) => match super::learn::load_model(f) {
            Ok(r) => (Arc::new(r), f.clone()),
            Err(e) => {
                let _ = writeln!(err, "eval: {e}");
                return 1;
            }
        },
        (None, _) => {
            let shipped = Recognizer::shipped();
            let name = if shipped.model().is_some() {
                "embedded model"
            } else {
                "baseline (no embedded model)"
            };
            (shipped, name.to_string())
        }
    };
    let docs = match std::fs::read_to_string(&path)
        .map_err(|e| e.to_string())
        .and_then(|s| parse_jsonl(&s))
    {
        Ok(d) => d,
        Err(e) => {
            let _ = writeln!(err, "eval: {path}: {e}");
            return 1;
        }
    };
    // NUMBER and the labels the model tags (a learned model may know ORG, DRUG, …).
    let mut labels: Vec<&str> = LABELS.to_vec();
    let known: Vec<String> = recognizer
        .model()
        .map(|m| m.labels().to_vec())
        .unwrap_or_default();
    for l in &known {
        if !labels.contains(&l.as_str()) {
            labels.push(l);
        }
    }
    let mut exact: BTreeMap<&str, Counts> = BTreeMap::new();
    let mut overlap: BTreeMap<&str, Counts> = BTreeMap::new();
    let mut n_docs = 0;
    for doc in &docs {
        let dev = fold(&doc.id) == dev_fold;
        if (split == "dev" && !dev) || (split == "train" && dev) {
            continue;
        }
        n_docs += 1;
        let pred = recognizer.recognize(&doc.text);
        for &label in &labels {
            let g: Vec<(usize, usize)> = doc
                .spans
                .iter()
                .filter(|s| s.label == label)
                .map(|s| (s.start, s.end))
                .collect();
            let p: Vec<(usize, usize)> = pred
                .iter()
                .filter(|s| s.label == label)
                .map(|s| (s.start, s.end))
                .collect();
            let ov = |a: &(usize, usize), b: &(usize, usize)| a.0 < b.1 && b.0 < a.1;
            if show_errors {
                let chars: Vec<char> = doc.text.chars().collect();
                let show = |s: &(usize, usize)| -> String {
                    chars[s.0.min(chars.len())..s.1.min(chars.len())]
                        .iter()
                        .collect()
                };
                for x in p.iter().filter(|x| !g.contains(x)) {
                    let _ = writeln!(out, "  {} false {label}: {}", doc.id, show(x));
                }
                for x in g.iter().filter(|x| !p.contains(x)) {
                    let _ = writeln!(out, "  {} missed {label}: {}", doc.id, show(x));
                }
            }
            let e = exact.entry(label).or_default();
            e.gold += g.len();
            e.pred += p.len();
            e.pred_ok += p.iter().filter(|x| g.contains(x)).count();
            e.gold_ok += g.iter().filter(|x| p.contains(x)).count();
            let o = overlap.entry(label).or_default();
            o.gold += g.len();
            o.pred += p.len();
            o.pred_ok += p.iter().filter(|x| g.iter().any(|y| ov(x, y))).count();
            o.gold_ok += g.iter().filter(|x| p.iter().any(|y| ov(x, y))).count();
        }
    }
    let _ = writeln!(
        out,
        "{path} ({split}: {n_docs} documents, tagger: {tagger})"
    );
    let _ = writeln!(
        out,
        "{:<8} {:>5} {:>5} | {:>6} {:>6} {:>6} | {:>6} {:>6} {:>6}",
        "label", "gold", "pred", "P", "R", "F1", "P~", "R~", "F1~"
    );
    for &label in &labels {
        let e = exact.get(label).copied().unwrap_or_default();
        let o = overlap.get(label).copied().unwrap_or_default();
        if !docs
            .iter()
            .any(|d| d.spans.iter().any(|s| s.label == label))
        {
            let _ = writeln!(out, "{label:<8} (no gold spans in this file: not scored)");
            continue;
        }
        let (p, r, f) = e.prf();
        let (po, ro, fo) = o.prf();
        let _ = writeln!(
            out,
            "{label:<8} {:>5} {:>5} | {p:>6.3} {r:>6.3} {f:>6.3} | {po:>6.3} {ro:>6.3} {fo:>6.3}",
            e.gold, e.pred
        );
    }
    let _ = writeln!(
        out,
        "exact match left, overlap match (~) right; gold labels the tagger does not know are skipped"
    );
    0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn eval_text(gold: &str, extra: &[&str]) -> (i32, String) {
        let dir = std::env::temp_dir().join(format!("spanlight-eval-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(format!("gold-{}.jsonl", extra.len()));
        std::fs::write(&path, gold).unwrap();
        let mut args = vec![path.to_string_lossy().to_string()];
        args.extend(extra.iter().map(|s| s.to_string()));
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let status = run(&args, &mut out, &mut err);
        (
            status,
            String::from_utf8(out).unwrap() + &String::from_utf8(err).unwrap(),
        )
    }

    #[test]
    fn scores_numbers_exactly_and_by_overlap() {
        // Gold says `995 million` and `two`; the grammar finds both, so NUMBER is perfect,
        // and an ORG gold span is not scored at all.
        let gold = r#"{"id": "a", "text": "It cost 995 million euros over two weeks at Acme.", "spans": [{"start": 8, "end": 19, "label": "NUMBER"}, {"start": 31, "end": 34, "label": "NUMBER"}, {"start": 44, "end": 48, "label": "ORG"}]}"#;
        let (status, out) = eval_text(gold, &["--baseline"]);
        assert_eq!(status, 0, "{out}");
        let line = out.lines().find(|l| l.starts_with("NUMBER")).unwrap();
        assert!(line.contains("1.000  1.000  1.000"), "{out}");
        assert!(!out.contains("ORG"), "{out}");
        // A gold span that only overlaps the prediction counts under ~ but not exactly.
        let gold = r#"{"id": "b", "text": "It cost 995 million euros.", "spans": [{"start": 8, "end": 25, "label": "NUMBER"}]}"#;
        let (_, out) = eval_text(gold, &["--baseline"]);
        let line = out.lines().find(|l| l.starts_with("NUMBER")).unwrap();
        assert!(
            line.contains("0.000  0.000  0.000 |  1.000  1.000  1.000"),
            "{out}"
        );
    }

    #[test]
    fn bad_input_is_reported() {
        let (status, out) = eval_text("not json\n", &[]);
        assert_eq!(status, 1);
        assert!(out.contains("line 1"), "{out}");
        let (status, _) = eval_text("{\"text\": \"a\"}\n", &["--split", "sideways"]);
        assert_eq!(status, 2);
    }

    /// A model file learned from `text`, whose only taught label DRUG is `Zorvexin`, with its
    /// history saying DRUG names are grown to whole capitalised runs (`gain` > 0) or not.
    fn drug_model(gain: i64) -> std::path::PathBuf {
        use crate::core::recognizer::learning::{LearnDoc, LearnSpan};
        let text = "The patient was given Zorvexin on Monday. Zorvexin lowered the fever, \
            and a second dose of Zorvexin followed.";
        let spans = text
            .match_indices("Zorvexin")
            .map(|(b, w)| {
                let start = text[..b].chars().count();
                LearnSpan {
                    start,
                    end: start + w.chars().count(),
                    label: "DRUG".into(),
                    text: None,
                }
            })
            .collect();
        let d = LearnDoc {
            id: "a".into(),
            text: text.into(),
            spans,
        };
        let (learned, _) = Recognizer::shipped().learn(&[d]);
        let mut history = learned.history().clone();
        history.whole_runs = [("DRUG".to_string(), gain)].into();
        let model = learned.model().expect("a learned model").clone();
        let file = Recognizer::from_model(model, history).to_bytes();
        let dir = std::env::temp_dir().join(format!("spanlight-eval-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(format!("drug-{gain}.bin"));
        std::fs::write(&path, file).unwrap();
        path
    }

    #[test]
    fn a_learned_model_is_scored_with_what_it_learned_beyond_its_weights() {
        // The person's DRUG names are whole capitalised runs, and the model's history says to
        // grow them: eval must score the grown `Zorvexin Retard`, as `tag` suggests it.
        let gold = r#"{"id": "g", "text": "Doctors gave Zorvexin Retard to children.", "spans": [{"start": 13, "end": 28, "label": "DRUG"}]}"#;
        let score = |gain: i64| {
            let model = drug_model(gain).to_string_lossy().to_string();
            let (status, out) = eval_text(gold, &["--model", &model]);
            assert_eq!(status, 0, "{out}");
            out.lines()
                .find(|l| l.starts_with("DRUG"))
                .unwrap_or_else(|| panic!("DRUG is scored: {out}"))
                .to_string()
        };
        let grown = score(1);
        assert!(grown.contains("1.000  1.000  1.000 |"), "{grown}");
        let kept = score(-1);
        assert!(
            kept.contains("0.000  0.000  0.000 |  1.000  1.000  1.000"),
            "{kept}"
        );
    }
}
