#![cfg(not(target_arch = "wasm32"))]
//! `spanlight agree` and `spanlight merge` end to end, on two annotators' exports of three
//! documents (tests/teams) with known disagreements: Lavrov (only ann), Paris (PLACE for ann,
//! PERSON for bob), 3 (only bob), New York (ann) against York (bob).

use std::path::PathBuf;
use std::process::Command;

use serde_json::{json, Value};

fn fixture(name: &str) -> String {
    format!("{}/tests/teams/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn spanlight(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_spanlight"))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// A scratch directory for this test's files.
fn scratch(test: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("cli_agree_{test}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn close(v: &Value, expected: f64) {
    let x = v.as_f64().unwrap_or_else(|| panic!("{v} is not a number"));
    assert!((x - expected).abs() < 1e-9, "{x} != {expected}");
}

#[test]
fn agree_json_has_the_issue_shape_and_hand_computed_figures() {
    let (code, out, err) = spanlight(&[
        "agree",
        &fixture("ann.jsonl"),
        &fixture("bob.jsonl"),
        "--json",
    ]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(err, "", "nothing to report");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["documents"], 3);
    assert_eq!(v["fleiss"], Value::Null, "two annotators");
    let p = &v["pairs"][0];
    assert_eq!(v["pairs"].as_array().unwrap().len(), 1);
    assert_eq!((&p["a"], &p["b"]), (&json!("ann"), &json!("bob")));
    let keys: Vec<&String> = p["labels"].as_object().unwrap().keys().collect();
    assert_eq!(keys, ["NUMBER", "PERSON", "PLACE"], "labels either used");
    // PERSON: ann 4, bob 4, both 3 (Kerry, Merkel, Eric Adams).
    close(&p["labels"]["PERSON"]["precision"], 0.75);
    close(&p["labels"]["PERSON"]["recall"], 0.75);
    close(&p["labels"]["PERSON"]["f1"], 0.75);
    // PLACE: ann 3 (Geneva, Paris, New York), bob 2 (Geneva, York), both 1.
    close(&p["labels"]["PLACE"]["precision"], 0.5);
    close(&p["labels"]["PLACE"]["recall"], 1.0 / 3.0);
    close(&p["labels"]["PLACE"]["f1"], 0.4);
    // NUMBER: only bob's "3": precision 0, recall undefined.
    close(&p["labels"]["NUMBER"]["precision"], 0.0);
    assert_eq!(p["labels"]["NUMBER"]["recall"], Value::Null);
    close(&p["overall"]["f1"], 8.0 / 14.0);
    // 27 tokens, 22 agree; p_e = (4·4 + 1·1 + 3·2 + 18·19) / 27² = 365/729.
    close(&p["overall"]["kappa"], 229.0 / 364.0);
    assert_eq!(p["overall"].as_object().unwrap().len(), 2, "f1 and kappa");
}

#[test]
fn agree_table_names_pairs_and_ranks_documents() {
    let (code, out, _) = spanlight(&["agree", &fixture("ann.jsonl"), &fixture("bob.jsonl")]);
    assert_eq!(code, 0);
    assert!(out.starts_with("3 document(s) matched by text across 2 annotators: ann, bob"));
    assert!(
        out.contains("bob against ann (3 documents, 27 tokens)"),
        "{out}"
    );
    let overall = out.lines().find(|l| l.starts_with("overall")).unwrap();
    assert!(
        overall.contains("0.571") && overall.contains("0.629"),
        "{overall}"
    );
    // paris has 3 disputed spans, mayor 2, geneva 1.
    let ranked: Vec<&str> = out
        .lines()
        .skip_while(|l| !l.starts_with("documents by disagreement"))
        .skip(1)
        .map(|l| l.split_whitespace().last().unwrap())
        .collect();
    assert_eq!(ranked, ["paris", "mayor", "geneva"]);
}

#[test]
fn bad_input_is_reported_and_left_out_not_lost() {
    let dir = scratch("bad");
    let ann = std::fs::read_to_string(fixture("ann.jsonl")).unwrap();
    let bob = std::fs::read_to_string(fixture("bob.jsonl")).unwrap();
    // cy: geneva drifted by one (its span's text no longer matches), paris as bob, a text of
    // her own, and "mayor" naming a different text.
    let mut cy = String::new();
    cy.push_str(
        r#"{"id":"geneva","text":"Kerry met Lavrov in Geneva on Monday.","spans":[{"start":1,"end":6,"label":"PERSON","text":"Kerry"}]}"#,
    );
    cy.push('\n');
    cy.push_str(bob.lines().nth(2).unwrap());
    cy.push('\n');
    cy.push_str(r#"{"id":"own","text":"Only Cy has this.","spans":[]}"#);
    cy.push('\n');
    cy.push_str(r#"{"id":"mayor","text":"Another mayor spoke.","spans":[]}"#);
    cy.push('\n');
    let files: Vec<String> = [("ann", &ann), ("bob", &bob), ("cy", &cy)]
        .iter()
        .map(|(n, c)| {
            let p = dir.join(format!("{n}.jsonl"));
            std::fs::write(&p, c).unwrap();
            p.display().to_string()
        })
        .collect();
    let (code, out, err) = spanlight(&["agree", &files[0], &files[1], &files[2], "--json"]);
    assert_eq!(code, 1, "a document could not be read");
    assert!(err.contains("cy.jsonl: line 1:"), "{err}");
    assert!(err.contains("does not match"), "{err}");
    assert!(
        err.contains("cy: document own is in no other file; left out"),
        "{err}"
    );
    assert!(
        err.contains("\"mayor\" names different texts in ann, bob, cy"),
        "{err}"
    );
    assert!(err.contains("document geneva is missing from cy"), "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["documents"], 3);
    assert_eq!(v["pairs"].as_array().unwrap().len(), 3);
    // Fleiss over the one document all three have (paris).
    assert!(v["fleiss"].is_number(), "{v}");
    // ann and cy share only paris: Merkel both; Paris PLACE vs PERSON; 3 only cy.
    let ac = &v["pairs"][1];
    assert_eq!((&ac["a"], &ac["b"]), (&json!("ann"), &json!("cy")));
    close(&ac["overall"]["f1"], 2.0 / 5.0);
}

#[test]
fn merge_keeps_agreed_spans_and_names_the_annotators() {
    let (code, out, err) = spanlight(&[
        "merge",
        &fixture("ann.jsonl"),
        &fixture("bob.jsonl"),
        "--min-votes",
        "2",
    ]);
    assert_eq!(code, 0, "{err}");
    let lines: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let ids: Vec<&str> = lines.iter().map(|l| l["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["geneva", "paris", "mayor"]);
    let spans = |i: usize| -> Vec<(String, Value)> {
        lines[i]["spans"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| {
                (
                    s["text"].as_str().unwrap().to_string(),
                    s["annotators"].clone(),
                )
            })
            .collect()
    };
    let both = json!(["ann", "bob"]);
    assert_eq!(
        spans(0),
        [
            ("Kerry".into(), both.clone()),
            ("Geneva".into(), both.clone())
        ]
    );
    assert_eq!(spans(1), [("Merkel".into(), both.clone())]);
    assert_eq!(spans(2), [("Eric Adams".into(), both)]);
    // The output is ordinary spanlight JSONL: convert reads it back.
    let dir = scratch("merge");
    std::fs::write(dir.join("merged.jsonl"), &out).unwrap();
    let back = Command::new(env!("CARGO_BIN_EXE_spanlight"))
        .args(["convert", "--from", "spanlight", "--to", "spanlight"])
        .stdin(std::fs::File::open(dir.join("merged.jsonl")).unwrap())
        .output()
        .unwrap();
    assert!(back.status.success());
    assert_eq!(String::from_utf8(back.stdout).unwrap().lines().count(), 3);

    let (code, _, err) = spanlight(&["merge", &fixture("ann.jsonl"), &fixture("bob.jsonl")]);
    assert_eq!(code, 2);
    assert!(err.contains("--min-votes K is required"), "{err}");

    // One vote: Paris is PLACE for ann and PERSON for bob; one is kept, the other reported.
    let (code, out, err) = spanlight(&[
        "merge",
        &fixture("ann.jsonl"),
        &fixture("bob.jsonl"),
        "--min-votes=1",
    ]);
    assert_eq!(code, 0);
    assert!(err.contains("document paris: 15..20"), "{err}");
    assert!(
        err.contains("document mayor: 13..21 PLACE (1 votes) overlaps 17..21"),
        "{err}"
    );
    let paris: Value = serde_json::from_str(out.lines().nth(1).unwrap()).unwrap();
    assert_eq!(paris["spans"].as_array().unwrap().len(), 3);
}

#[test]
fn usage_errors_explain_themselves() {
    let (code, _, err) = spanlight(&["agree", &fixture("ann.jsonl")]);
    assert_eq!(code, 2);
    assert!(err.contains("give at least two annotators' files"), "{err}");
    let (code, _, err) = spanlight(&["agree", "a.jsonl", "b.jsonl", "--from", "xml"]);
    assert_eq!(code, 2);
    assert!(err.contains("unknown format \"xml\""), "{err}");
    let (code, _, err) = spanlight(&["agree", "/nonexistent/a.jsonl", &fixture("bob.jsonl")]);
    assert_eq!(code, 1);
    assert!(err.contains("/nonexistent/a.jsonl: cannot read"), "{err}");
}

#[test]
fn other_formats_agree_like_spanlight() {
    // bob's file as CoNLL and as doccano gives the same figures against ann.
    let dir = scratch("formats");
    let (_, spanlight_json, _) = spanlight(&[
        "agree",
        &fixture("ann.jsonl"),
        &fixture("bob.jsonl"),
        "--json",
    ]);
    for to in ["doccano", "spacy"] {
        let out = Command::new(env!("CARGO_BIN_EXE_spanlight"))
            .args(["convert", "--from", "spanlight", "--to", to])
            .stdin(std::fs::File::open(fixture("bob.jsonl")).unwrap())
            .output()
            .unwrap();
        assert!(out.status.success());
        let path = dir.join("bob.jsonl");
        std::fs::write(&path, out.stdout).unwrap();
        let (code, json, err) = spanlight(&[
            "agree",
            &fixture("ann.jsonl"),
            path.to_str().unwrap(),
            "--json",
        ]);
        assert_eq!(code, 0, "{to}: {err}");
        assert_eq!(json, spanlight_json, "{to}");
    }
}

#[test]
fn merge_reports_documents_in_too_few_files() {
    let (code, out, err) = spanlight(&[
        "merge",
        &fixture("ann.jsonl"),
        &fixture("bob.jsonl"),
        "--min-votes",
        "3",
    ]);
    assert_eq!(code, 0);
    assert_eq!(out, "", "no document is in three files");
    for name in ["geneva", "paris", "mayor"] {
        let line = format!("document {name} is in 2 files, fewer than --min-votes 3; left out");
        assert!(err.contains(&line), "{err}");
    }
}

#[test]
fn brat_directories_agree_like_their_jsonl() {
    let dir = scratch("brat");
    let mut args = vec!["agree".to_string()];
    for name in ["ann", "bob"] {
        let out = dir.join(name);
        let status = Command::new(env!("CARGO_BIN_EXE_spanlight"))
            .args(["convert", "--from", "spanlight", "--to", "brat", "--dir"])
            .arg(&out)
            .stdin(std::fs::File::open(fixture(&format!("{name}.jsonl"))).unwrap())
            .status()
            .unwrap();
        assert!(status.success());
        args.push(out.display().to_string());
    }
    args.push("--json".into());
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let (code, json, err) = spanlight(&args);
    assert_eq!(code, 0, "{err}");
    let (_, expected, _) = spanlight(&[
        "agree",
        &fixture("ann.jsonl"),
        &fixture("bob.jsonl"),
        "--json",
    ]);
    assert_eq!(
        json, expected,
        "annotators named by directory, same figures"
    );
}
