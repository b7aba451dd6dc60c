//! The annotated text the model is trained and scored on: every span fits its text and says
//! what it covers, and no held-out passage is also training text (a leak would make a held-out
//! figure a training one).
#![cfg(not(target_arch = "wasm32"))]

use std::collections::HashSet;
use std::path::Path;

/// A span: start and end in code points, label, and the text it says it covers.
type Span = (usize, usize, String, String);

/// Each document of a JSONL file: its id, text and spans.
fn docs(path: &Path) -> Vec<(String, String, Vec<Span>)> {
    let body = std::fs::read_to_string(path).unwrap();
    body.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l)
                .unwrap_or_else(|e| panic!("{}: bad line: {e}", path.display()));
            let spans = v["spans"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| {
                    (
                        s["start"].as_u64().unwrap() as usize,
                        s["end"].as_u64().unwrap() as usize,
                        s["label"].as_str().unwrap().to_string(),
                        s["text"].as_str().unwrap_or_default().to_string(),
                    )
                })
                .collect();
            (
                v["id"].as_str().unwrap_or_default().to_string(),
                v["text"].as_str().unwrap().to_string(),
                spans,
            )
        })
        .collect()
}

fn jsonl_in(dir: &str) -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join(dir))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "jsonl"))
        .collect();
    files.sort();
    files
}

#[test]
fn every_annotated_span_fits_its_text_and_names_it() {
    let files: Vec<_> = ["data/train", "data/dev", "data/learn"]
        .iter()
        .flat_map(|d| jsonl_in(d))
        .collect();
    assert!(files.len() >= 20, "{files:?}");
    for f in &files {
        for (id, text, spans) in docs(f) {
            let chars: Vec<char> = text.chars().collect();
            let mut last_end = 0;
            for (start, end, label, said) in spans {
                let at = format!("{} {id} {start}..{end}", f.display());
                assert!(start < end && end <= chars.len(), "{at}: out of the text");
                assert!(start >= last_end, "{at}: overlaps the span before");
                let covered: String = chars[start..end].iter().collect();
                assert_eq!(covered.trim(), covered, "{at}: space at an edge");
                if !said.is_empty() {
                    assert_eq!(covered, said, "{at}");
                }
                assert!(
                    ["PERSON", "PLACE", "NUMBER"].contains(&label.as_str()),
                    "{at}: {label}"
                );
                last_end = end;
            }
        }
    }
}

#[test]
fn no_held_out_passage_is_training_text() {
    // Every set under data/dev (the sealed holdouts among them) and the forum posts scored
    // after learning.
    let training: HashSet<String> = jsonl_in("data/train")
        .iter()
        .flat_map(|f| docs(f))
        .map(|(_, text, _)| text)
        .collect();
    let mut held: Vec<_> = jsonl_in("data/dev");
    held.push(Path::new(env!("CARGO_MANIFEST_DIR")).join("data/learn/forum-test.jsonl"));
    for sealed in ["brown-holdout", "news-holdout3", "news-holdout11"] {
        assert!(
            held.iter().any(|f| f.ends_with(format!("{sealed}.jsonl"))),
            "{sealed}"
        );
    }
    for f in &held {
        let held_docs = docs(f);
        assert!(!held_docs.is_empty(), "{}", f.display());
        for (id, text, _) in held_docs {
            assert!(
                !training.contains(&text),
                "{} {id} is also training text",
                f.display()
            );
        }
    }
}
