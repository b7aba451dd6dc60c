//! `spanlight curve`: the replay benchmark of learning. Annotated documents are fed as a
//! person's corrections, in order, and documents not yet seen are scored at 0, 10, 25, 50 and
//! 100 documents. At each count the model learns the first N documents from the starting model,
//! as the page does when the Nth is marked done; `--incremental` instead piles each document
//! onto the previous model (for comparison).

use std::collections::BTreeMap;
use std::io::Write;
use std::sync::Arc;

use crate::core::recognizer::corpus::fold;
use crate::core::recognizer::{DocScore, LearnDoc, Recognizer};

const USAGE: &str =
    "usage: spanlight curve GOLD.jsonl [--fold K | --test TEST.jsonl] [--model FILE] \
[--at 0,10,25,50,100] [--also FILE.jsonl]… [--incremental]";

fn read_docs(path: &str) -> Result<Vec<LearnDoc>, String> {
    let s = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    s.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| serde_json::from_str(l).map_err(|e| format!("{path}: line {}: {e}", i + 1)))
        .collect()
}

/// Exact-span counts per label of `docs` under `r` (only gold labels are shown).
fn scores(r: &Recognizer, docs: &[LearnDoc]) -> BTreeMap<String, DocScore> {
    let mut out: BTreeMap<String, DocScore> = BTreeMap::new();
    for d in docs {
        let pred = r.recognize(&d.text);
        for s in &d.spans {
            out.entry(s.label.clone()).or_default().gold += 1;
            if pred
                .iter()
                .any(|p| p.start == s.start && p.end == s.end && p.label == s.label)
            {
                out.entry(s.label.clone()).or_default().matched += 1;
            }
        }
        for p in &pred {
            out.entry(p.label.to_string()).or_default().suggested += 1;
        }
    }
    out
}

fn row(scores: &BTreeMap<String, DocScore>, labels: &[String]) -> String {
    labels
        .iter()
        .map(|l| match scores.get(l).and_then(DocScore::f1) {
            Some(f) => format!("{f:>8.3}"),
            None => format!("{:>8}", "-"),
        })
        .collect()
}

pub fn run(args: &[String], out: &mut impl Write, err: &mut impl Write) -> i32 {
    let mut path = None;
    let mut held = 0u32;
    let mut test_file = None;
    let mut model = None;
    let mut also: Vec<String> = Vec::new();
    let mut batch = true;
    let mut at: Vec<usize> = vec![0, 10, 25, 50, 100];
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--fold" => match it.next().and_then(|k| k.parse().ok()) {
                Some(k) => held = k,
                None => return usage(err),
            },
            "--test" => test_file = it.next().cloned(),
            "--model" => model = it.next().cloned(),
            "--also" => match it.next() {
                Some(f) => also.push(f.clone()),
                None => return usage(err),
            },
            "--incremental" => batch = false,
            "--at" => match it.next().map(|s| {
                s.split(',')
                    .map(|n| n.trim().parse())
                    .collect::<Result<Vec<usize>, _>>()
            }) {
                Some(Ok(v)) if !v.is_empty() => at = v,
                _ => return usage(err),
            },
            _ if path.is_none() => path = Some(a.clone()),
            _ => return usage(err),
        }
    }
    let Some(path) = path else {
        return usage(err);
    };
    let start: Arc<Recognizer> = match &model {
        Some(f) => match super::learn::load_model(f) {
            Ok(r) => Arc::new(r),
            Err(e) => {
                let _ = writeln!(err, "curve: {e}");
                return 1;
            }
        },
        None => Recognizer::shipped(),
    };
    let loaded = read_docs(&path).and_then(|all| {
        let test = match &test_file {
            Some(t) => read_docs(t)?,
            None => all
                .iter()
                .filter(|d| fold(&d.id) == held)
                .cloned()
                .collect(),
        };
        let learn = match &test_file {
            Some(_) => all,
            None => all.into_iter().filter(|d| fold(&d.id) != held).collect(),
        };
        // Several files are scored as one set: more spans, a steadier figure.
        let also = also
            .iter()
            .map(|a| read_docs(a))
            .collect::<Result<Vec<_>, _>>()?
            .concat();
        Ok((learn, test, also))
    });
    let (learn, test, also_docs) = match loaded {
        Ok(x) => x,
        Err(e) => {
            let _ = writeln!(err, "curve: {e}");
            return 1;
        }
    };
    let labels: Vec<String> = {
        let mut l: Vec<String> = test
            .iter()
            .flat_map(|d| d.spans.iter().map(|s| s.label.clone()))
            .collect();
        l.sort();
        l.dedup();
        l
    };
    let also_labels: Vec<String> = {
        let mut l: Vec<String> = also_docs
            .iter()
            .flat_map(|d| d.spans.iter().map(|s| s.label.clone()))
            .collect();
        l.sort();
        l.dedup();
        l
    };
    let _ = writeln!(
        out,
        "learning from {} documents of {path} {}, scoring {} unseen documents{}",
        learn.len(),
        if batch {
            "(the first N, from the start, at each N)"
        } else {
            "(one by one, each onto the last model)"
        },
        test.len(),
        if also_docs.is_empty() {
            String::new()
        } else {
            format!(" and {}", also.join(" + "))
        }
    );
    let header: String = labels.iter().map(|l| format!("{l:>8}")).collect();
    let also_header: String = also_labels.iter().map(|l| format!("{l:>8}")).collect();
    let _ = writeln!(
        out,
        "{:>5} {header}{}{:>10}",
        "docs",
        if also_docs.is_empty() {
            String::new()
        } else {
            format!("  | also:{also_header}")
        },
        "pv F1"
    );
    let mut current = start.clone();
    let mut fed = 0;
    let mut pv = DocScore::default();
    let mut pv_since = DocScore::default();
    for &k in &at {
        let k = k.min(learn.len());
        if batch {
            let (r, report) = start.learn(&learn[..k]);
            current = Arc::new(r);
            pv = DocScore::default();
            report.scores.iter().for_each(|s| pv.add(s));
            pv_since = pv;
        } else {
            while fed < k {
                let (r, report) = current.learn(&learn[fed..fed + 1]);
                report.scores.iter().for_each(|s| {
                    pv.add(s);
                    pv_since.add(s);
                });
                for (id, why) in report.skipped {
                    let _ = writeln!(err, "{id}: skipped: {why}");
                }
                current = Arc::new(r);
                fed += 1;
            }
        }
        let also_row = if also_docs.is_empty() {
            String::new()
        } else {
            format!(
                "  |      {}",
                row(&scores(&current, &also_docs), &also_labels)
            )
        };
        let pv_f1 = pv_since
            .f1()
            .map(|f| format!("{f:>10.3}"))
            .unwrap_or_else(|| format!("{:>10}", "-"));
        let _ = writeln!(
            out,
            "{k:>5} {}{also_row}{pv_f1}",
            row(&scores(&current, &test), &labels)
        );
        pv_since = DocScore::default();
        if k == learn.len() && at.iter().any(|&a| a > k) {
            break;
        }
    }
    let _ = writeln!(
        out,
        "exact-span F1 per label on the unseen documents; pv F1: progressive validation, each \
         of the {} documents scored just before it was learned; overall {}",
        if batch {
            "first N"
        } else {
            "documents since the previous row's"
        },
        pv.f1().map(|f| format!("{f:.3}")).unwrap_or("-".into())
    );
    0
}

fn usage(err: &mut impl Write) -> i32 {
    let _ = writeln!(err, "{USAGE}");
    2
}
