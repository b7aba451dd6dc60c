//! Property tests: whatever bytes arrive as a file, intake answers with documents or a message
//! naming the file, and never panics (in the browser a panic would kill the page).
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use spanlight::core::formats::Format;
use spanlight::core::intake::{read, read_all, text_of, File, Intake, ReadingText};
use spanlight::core::parts::{paragraph_starts, FindingStarts};

fn format() -> impl Strategy<Value = Option<Format>> {
    prop_oneof![
        Just(None),
        prop::sample::select(Format::ALL.to_vec()).prop_map(Some)
    ]
}

fn name() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "a.txt", "a.ann", "b.jsonl", "c.json", "d.conll", "noext", ".txt", "x.TXT",
    ])
    .prop_map(String::from)
}

/// Bytes that are often almost valid: JSON-ish and brat-ish fragments mixed with noise.
fn bytes() -> impl Strategy<Value = Vec<u8>> {
    let fragment = prop::sample::select(vec![
        "{\"text\": \"Kerry\", ",
        "\"spans\": [{\"start\": 0, \"end\": 5, \"label\": \"PERSON\"}]}",
        "\"label\": [[0, 99, \"X\"]]",
        "T1\tPERSON 0 5\tKerry\n",
        "-DOCSTART- O\n",
        "Kerry B-PERSON\n",
        "\n",
        "{\"kind\": \"spanlight-workspace\", \"version\": 1, \"documents\": [",
        "]}",
        "😀",
        "\r\n",
    ]);
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..200),
        prop::collection::vec(fragment, 0..8).prop_map(|v| v.concat().into_bytes()),
    ]
}

/// Bytes that are often text: pieces of UTF-8 (several widths, a BOM, controls, NUL, white
/// space) with now and then a byte that is not UTF-8.
fn texty_bytes() -> impl Strategy<Value = Vec<u8>> {
    let piece = prop::sample::select(vec![
        "Kerry ",
        "é",
        "東京",
        "👩\u{200d}🔬",
        "\u{feff}",
        "\r\n",
        " ",
        "\t",
        "\u{1}",
        "\0",
        "€",
    ])
    .prop_map(|p| p.as_bytes().to_vec());
    let bad = prop::sample::select(vec![vec![0xffu8], vec![0xe6, 0x9d], vec![0x80]]);
    prop::collection::vec(prop_oneof![8 => piece, 1 => bad], 0..60).prop_map(|v| v.concat())
}

/// Paragraph starts as the rule says, plainly: non-blank lines after a blank one, or, when
/// there is no such line, every non-blank line but the first.
fn plain_paragraph_starts(text: &str) -> Vec<usize> {
    let mut lines = Vec::new();
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        lines.push((at, line.trim().is_empty()));
        at += line.len();
    }
    let first = lines.iter().position(|(_, blank)| !blank);
    let later = |after_blank: bool| -> Vec<usize> {
        lines
            .iter()
            .enumerate()
            .filter(|&(i, &(_, blank))| {
                !blank && first.is_some_and(|f| i > f) && (!after_blank || lines[i - 1].1)
            })
            .map(|(_, &(at, _))| at)
            .collect()
    };
    let by_blank = later(true);
    if by_blank.is_empty() {
        later(false)
    } else {
        by_blank
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, ..ProptestConfig::default() })]

    #[test]
    fn a_file_read_in_steps_reads_as_text_of_reads_it(
        bytes in texty_bytes(),
        step in 0usize..40,
    ) {
        let file = File { name: "a.txt".into(), bytes };
        let whole = text_of(&file).map(str::to_string);
        let stepped = ReadingText::new(&file).and_then(|mut r| {
            while !r.step(&file, step)? {}
            r.finish(&file)
        });
        prop_assert_eq!(stepped, whole);
    }

    #[test]
    fn paragraphs_found_in_steps_are_those_found_at_once(
        lines in prop::collection::vec(prop::sample::select(vec!["", " ", "Kerry met Lavrov.", "\u{e9}t\u{e9} \u{2014} Ga\u{308}vle", "\t\r"]), 0..30),
        step in 0usize..50,
        end_newline in any::<bool>(),
    ) {
        let mut text = lines.join("\n");
        if end_newline {
            text.push('\n');
        }
        let mut finding = FindingStarts::default();
        while !finding.step(&text, step) {}
        let starts = finding.finish();
        prop_assert!(starts.iter().all(|&at| text.is_char_boundary(at)));
        prop_assert_eq!(&starts, &paragraph_starts(&text));
        prop_assert_eq!(starts, plain_paragraph_starts(&text));
    }

    #[test]
    fn any_file_is_read_or_explained(name in name(), bytes in bytes(), format in format()) {
        let file = File { name: name.clone(), bytes };
        match read(&file, format) {
            Ok((Intake::Documents(docs), skipped)) => {
                for (_, d) in docs {
                    prop_assert!(d.check_invariants().is_ok());
                }
                // What was skipped is said, naming the file.
                if let Some(message) = skipped {
                    prop_assert!(message.contains(&name), "{message}");
                }
            }
            Ok((Intake::Workspace(ws), _)) => prop_assert!(!ws.entries().is_empty()),
            Err(message) => prop_assert!(message.contains(&name), "{message}"),
        }
    }

    #[test]
    fn any_set_of_files_is_read_or_explained(
        files in prop::collection::vec((name(), bytes()), 0..4),
        format in format(),
    ) {
        let files: Vec<File> = files.into_iter().map(|(name, bytes)| File { name, bytes }).collect();
        let (_, errors) = read_all(&files, format);
        prop_assert!(errors.len() <= files.len());
    }
}
