#![cfg(not(target_arch = "wasm32"))]
//! `spanlight learn`, and `tag`/`eval` with `--model`, end to end: a person's corrected
//! documents teach a new label that the learned model then finds in new text.

mod common;

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

fn run(args: &[&str], input: &str) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_spanlight"))
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

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("spanlight-cli-learn-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

/// A corrected document: every occurrence of each word gets its label.
fn line(id: &str, text: &str, spans: &[(&str, &str)]) -> String {
    let mut out = Vec::new();
    for (word, label) in spans {
        for (b, _) in text.match_indices(word) {
            let s = text[..b].chars().count();
            out.push(serde_json::json!({"start": s, "end": s + word.chars().count(), "label": label, "text": word}));
        }
    }
    serde_json::json!({"id": id, "text": text, "spans": out}).to_string() + "\n"
}

#[test]
fn learn_then_tag_and_eval_with_the_learned_model() {
    let model = temp("drug.bin");
    let model_s = model.to_string_lossy().to_string();
    let mut input = line(
        "a",
        "The patient was given Zorvexin in Leeds. Zorvexin lowered the fever, and a second \
         dose of Zorvexin followed, said Maria Lopez.",
        &[
            ("Zorvexin", "DRUG"),
            ("Leeds", "PLACE"),
            ("Maria Lopez", "PERSON"),
        ],
    );
    // A document whose span does not fit its text is reported and skipped.
    input += r#"{"id": "bad", "text": "Ana Ruiz", "spans": [{"start": 0, "end": 30, "label": "PERSON"}]}"#;
    input += "\nnot json\n";
    let (status, out, err) = run(&["learn", "--out", &model_s], &input);
    assert_eq!(status, 1, "some input was skipped: {out}{err}");
    assert!(out.contains("learned from 1 document"), "{out}");
    let drug = out
        .lines()
        .find(|l| l.trim_start().starts_with("DRUG"))
        .unwrap();
    assert!(
        drug.contains("3 spans") && drug.contains("new label"),
        "{out}"
    );
    assert!(
        err.contains("bad: skipped") && err.contains("outside the text"),
        "{err}"
    );
    assert!(err.contains("line 3: not a document"), "{err}");

    let text = r#"{"id": 7, "text": "Doctors in Cardiff prescribe Zorvexin to children."}"#;
    let (status, out, err) = run(&["tag", "--model", &model_s], text);
    assert_eq!(status, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    let found: Vec<(String, String)> = v["spans"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["text"].as_str().unwrap().into(),
                s["label"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert!(
        found.contains(&("Zorvexin".into(), "DRUG".into())),
        "{found:?}"
    );
    assert!(
        found.contains(&("Cardiff".into(), "PLACE".into())),
        "{found:?}"
    );
    // The shipped model knows no DRUG.
    let (_, shipped, _) = run(&["tag"], text);
    assert!(!shipped.contains("DRUG"), "{shipped}");

    let gold = temp("gold.jsonl");
    std::fs::write(
        &gold,
        line(
            "g",
            "Nurses gave Zorvexin to Tom Hale.",
            &[("Zorvexin", "DRUG"), ("Tom Hale", "PERSON")],
        ),
    )
    .unwrap();
    let (status, out, err) = run(&["eval", &gold.to_string_lossy(), "--model", &model_s], "");
    assert_eq!(status, 0, "{err}");
    let drug = out.lines().find(|l| l.starts_with("DRUG")).unwrap();
    assert!(drug.contains("1.000  1.000  1.000"), "{out}");

    // Learning continues from a learned model, and is the same for the same input.
    let again = temp("again.bin");
    let twice = temp("twice.bin");
    for f in [&again, &twice] {
        let more = line(
            "m",
            "Zorvexin and Cardiol were given in York.",
            &[("Zorvexin", "DRUG"), ("Cardiol", "DRUG"), ("York", "PLACE")],
        );
        let (status, out, err) = run(
            &["learn", "--model", &model_s, "--out", &f.to_string_lossy()],
            &more,
        );
        assert_eq!(status, 0, "{err}");
        assert!(!out.contains("new label"), "{out}");
    }
    assert_eq!(
        std::fs::read(&again).unwrap(),
        std::fs::read(&twice).unwrap()
    );
}

#[test]
fn a_bad_model_file_gets_a_clear_message_and_no_panic() {
    let bad = temp("twelve.bin");
    std::fs::write(&bad, b"SLPM\x03\x00abcdef").unwrap();
    let bad_s = bad.to_string_lossy().to_string();
    for args in [
        vec!["tag", "--model", &bad_s],
        vec!["learn", "--model", &bad_s, "--out", "/dev/null"],
    ] {
        let (status, _, err) = run(&args, "{\"text\": \"Ana\"}\n");
        assert_eq!(status, 1, "{err}");
        assert!(
            err.contains("other features") || err.contains("cut short"),
            "{err}"
        );
        assert!(!err.contains("panicked"), "{err}");
    }
    let (status, _, err) = run(&["learn"], "");
    assert_eq!(status, 2);
    assert!(err.contains("--out"), "{err}");
}

#[test]
fn the_learning_curve_scores_unseen_documents_as_documents_are_learned() {
    let learn = temp("curve-learn.jsonl");
    let test = temp("curve-test.jsonl");
    let docs: String = ["Leeds", "York", "Bath"]
        .iter()
        .enumerate()
        .map(|(i, town)| {
            line(
                &format!("l{i}"),
                &format!("Nurses in {town} gave Zorvexin to patients. Zorvexin helped."),
                &[("Zorvexin", "DRUG"), (town, "PLACE")],
            )
        })
        .collect();
    std::fs::write(&learn, docs).unwrap();
    std::fs::write(
        &test,
        line(
            "t",
            "Doctors prescribe Zorvexin in Hull.",
            &[("Zorvexin", "DRUG"), ("Hull", "PLACE")],
        ),
    )
    .unwrap();
    let (status, out, err) = run(
        &[
            "curve",
            &learn.to_string_lossy(),
            "--test",
            &test.to_string_lossy(),
            "--at",
            "0,3",
        ],
        "",
    );
    assert_eq!(status, 0, "{err}");
    let rows: Vec<Vec<&str>> = out
        .lines()
        .map(|l| l.split_whitespace().collect())
        .filter(|r: &Vec<&str>| r.first().is_some_and(|c| c.parse::<usize>().is_ok()))
        .collect();
    assert_eq!(rows.len(), 2, "{out}");
    // Columns: docs, DRUG, PLACE.
    assert!(out.contains("DRUG") && out.contains("PLACE"), "{out}");
    assert_eq!(rows[0][1], "0.000", "no DRUG found before learning: {out}");
    assert_eq!(rows[1][1], "1.000", "{out}");
}

#[test]
fn the_learning_curve_scores_several_other_files_as_one_set() {
    let learn = temp("also-learn.jsonl");
    std::fs::write(
        &learn,
        line("l", "Nurses in Leeds met.", &[("Leeds", "PLACE")]),
    )
    .unwrap();
    // The recogniser finds Hull; nobody would find the place the second file claims.
    let found = temp("also-found.jsonl");
    std::fs::write(
        &found,
        line("a", "Nurses met in Hull.", &[("Hull", "PLACE")]),
    )
    .unwrap();
    let missed = temp("also-missed.jsonl");
    std::fs::write(&missed, line("b", "The ward opened.", &[("ward", "PLACE")])).unwrap();
    let also_row = |files: &[&PathBuf]| {
        let mut args = vec![
            "curve".to_string(),
            learn.to_string_lossy().into_owned(),
            "--test".to_string(),
            learn.to_string_lossy().into_owned(),
            "--at".to_string(),
            "0".to_string(),
        ];
        for f in files {
            args.push("--also".to_string());
            args.push(f.to_string_lossy().into_owned());
        }
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let (status, out, err) = run(&args, "");
        assert_eq!(status, 0, "{err}");
        let row = out
            .lines()
            .find(|l| l.trim_start().starts_with("0 "))
            .unwrap_or_else(|| panic!("{out}"));
        row.split('|')
            .nth(1)
            .unwrap()
            .split_whitespace()
            .next()
            .unwrap()
            .to_string()
    };
    assert_eq!(also_row(&[&found]), "1.000");
    // One place found of two: the files are pooled, not the first one kept.
    assert_eq!(also_row(&[&found, &missed]), "0.667");
    let (status, _, err) = run(&["curve", &learn.to_string_lossy(), "--also"], "");
    assert_eq!(status, 2, "--also with no file is a usage error: {err}");
}

#[test]
fn learn_says_what_progressive_validation_decided_for_the_taught_labels() {
    let input: String = common::org_reports()
        .iter()
        .enumerate()
        .map(|(i, (text, names))| line(&i.to_string(), text, names))
        .collect();
    let model = temp("org.bin");
    let (status, out, err) = run(&["learn", "--out", &model.to_string_lossy()], &input);
    assert_eq!(status, 0, "{err}");
    let learned =
        spanlight::core::recognizer::Recognizer::from_bytes(&std::fs::read(&model).unwrap())
            .unwrap();
    let history = learned.history();
    // What is printed is what the file holds: whether progressive validation kept the labeler
    // depends on how well the shipped tagger alone learns these ORG names (since the model
    // learned from the Brown passages it does, F1 0.953 against 0.935 with the labeler; where
    // the labeler helps and is kept: `clubs_named_after_their_towns_are_suggested_as_the_
    // persons_org` in src/core/recognizer/learning.rs).
    match history.labeler.as_ref() {
        None => assert!(!out.contains("span labeler"), "{out}"),
        Some(labeler) => {
            let said = out
                .lines()
                .find(|l| l.starts_with("span labeler: kept"))
                .unwrap_or_else(|| panic!("{out}"));
            if labeler.vetoes.is_empty() {
                assert_eq!(said, "span labeler: kept");
            } else {
                assert!(said.ends_with(&labeler.vetoes.join(", ")), "{out}");
            }
        }
    }
    let grown = history.grown();
    assert_eq!(
        out.lines()
            .find_map(|l| l.strip_prefix("grown to whole capitalised runs: ")),
        (!grown.is_empty()).then(|| grown.join(", ")).as_deref(),
        "{out}"
    );
    // Persons and places alone teach no labeler, and nothing is said of one.
    let plain = line(
        "p",
        "Maria Lopez flew to Leeds.",
        &[("Maria Lopez", "PERSON"), ("Leeds", "PLACE")],
    );
    let (_, out, _) = run(
        &["learn", "--out", &temp("plain.bin").to_string_lossy()],
        &plain,
    );
    assert!(!out.contains("span labeler"), "{out}");
}
