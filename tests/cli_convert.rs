#![cfg(not(target_arch = "wasm32"))]
//! The `spanlight convert` binary end to end: the conformance sample goes through every format
//! and back to spanlight JSONL with the same texts, spans and ids where the format keeps them.

use std::io::Write;
use std::process::{Command, Stdio};

use serde_json::Value;

const SAMPLE: &str = include_str!("conformance/sample.jsonl");

fn convert(args: &[&str], input: &str) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_spanlight"))
        .arg("convert")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// (id, text, spans as (start, end, label)) of each line.
type Summary = (Value, String, Vec<(u64, u64, String)>);

fn summary(jsonl: &str) -> Vec<Summary> {
    jsonl
        .lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).unwrap();
            let spans = v["spans"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| {
                    (
                        s["start"].as_u64().unwrap(),
                        s["end"].as_u64().unwrap(),
                        s["label"].as_str().unwrap().to_string(),
                    )
                })
                .collect();
            (
                v["id"].clone(),
                v["text"].as_str().unwrap().to_string(),
                spans,
            )
        })
        .collect()
}

#[test]
fn every_format_round_trips_through_the_binary() {
    let original = summary(SAMPLE);
    for (format, keeps_id) in [
        ("spanlight", true),
        ("spacy", false),
        ("prodigy", true),
        ("doccano", true),
        ("label-studio", true),
    ] {
        let (status, there, err) = convert(&["--from", "spanlight", "--to", format], SAMPLE);
        assert_eq!(status, 0, "{format}: {err}");
        let (status, back, err) = convert(&["--from", format, "--to", "spanlight"], &there);
        assert_eq!(status, 0, "{format}: {err}");
        let back = summary(&back);
        assert_eq!(back.len(), original.len(), "{format}");
        for (a, b) in original.iter().zip(&back) {
            assert_eq!((&a.1, &a.2), (&b.1, &b.2), "{format}: text and spans");
            if keeps_id {
                assert_eq!(a.0, b.0, "{format}: id");
            }
        }
    }
}

#[test]
fn brat_directory_and_conll_through_the_binary() {
    let dir = std::env::temp_dir().join(format!("spanlight-cli-brat-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let d = dir.to_str().unwrap();
    let (status, _, err) = convert(&["--from", "spanlight", "--to", "brat", "--dir", d], SAMPLE);
    assert_eq!(status, 0, "{err}");
    let (status, back, err) = convert(&["--from", "brat", "--to", "spanlight", "--dir", d], "");
    assert_eq!(status, 0, "{err}");
    assert_eq!(summary(&back), summary(SAMPLE), "ids are the file names");
    let _ = std::fs::remove_dir_all(&dir);

    let (status, conll, err) = convert(&["--from", "spanlight", "--to", "conll"], SAMPLE);
    assert_eq!(status, 0, "{err}");
    assert_eq!(conll.matches("-DOCSTART-").count(), 5);
    let (status, back, err) = convert(&["--from", "conll", "--to", "spanlight"], &conll);
    assert_eq!(status, 0, "{err}");
    let first = &summary(&back)[0];
    assert_eq!(
        first.1, "Kerry met Lavrov in Geneva .",
        "tokens joined by single spaces"
    );
}

#[test]
fn a_drifted_line_is_named_and_the_exit_status_is_1() {
    let drifted = SAMPLE.replacen("\"start\": 6, \"end\": 9", "\"start\": 7, \"end\": 10", 1);
    assert_ne!(drifted, SAMPLE);
    let (status, out, err) = convert(&["--from", "spanlight", "--to", "doccano"], &drifted);
    assert_eq!(status, 1);
    assert_eq!(out.lines().count(), 4, "the other documents are converted");
    assert!(
        err.contains("line 2: span 1 (7..10 \"Zoë\"): its text does not match"),
        "{err}"
    );
}
