//! Property tests: whatever bytes arrive as a file, intake answers with documents or a message
//! naming the file, and never panics (in the browser a panic would kill the page).
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use spanlight::core::formats::Format;
use spanlight::core::intake::{read, read_all, File, Intake};

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

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, ..ProptestConfig::default() })]

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
