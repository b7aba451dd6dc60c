#![cfg(not(target_arch = "wasm32"))]
//! The model file: whatever bytes `--model` or an import hands over, reading them gives a model
//! or a reason, never a panic; and a learned recogniser keeps the recogniser's promises.

use proptest::prelude::*;
use spanlight::core::document::{Document, Label};
use spanlight::core::recognizer::{LearnDoc, LearnSpan, ModelError, Recognizer};

/// A small learned model, with a label of its own and a learning history.
fn small_model() -> Vec<u8> {
    let text = "Acme Holdings hired Ana Ruiz in Lima. Acme Holdings grew.";
    let span = |start: usize, end: usize, label: &str| LearnSpan {
        start,
        end,
        label: label.into(),
        text: None,
    };
    let doc = LearnDoc {
        id: "a".into(),
        text: text.into(),
        spans: vec![
            span(0, 13, "ORG"),
            span(20, 28, "PERSON"),
            span(32, 36, "PLACE"),
            span(38, 51, "ORG"),
        ],
    };
    let (r, report) = Recognizer::baseline().learn(&[doc]);
    assert_eq!(report.learned, 1);
    r.to_bytes()
}

#[test]
fn every_cut_of_a_model_file_is_refused_with_a_reason() {
    let bytes = small_model();
    assert!(Recognizer::from_bytes(&bytes).is_ok());
    for n in 0..bytes.len() {
        let e = Recognizer::from_bytes(&bytes[..n]).unwrap_err();
        assert!(
            matches!(e, ModelError::Truncated(_) | ModelError::NotAModel),
            "{n}: {e}"
        );
        assert!(!e.to_string().is_empty());
    }
    let mut longer = bytes.clone();
    longer.push(0);
    assert!(matches!(
        Recognizer::from_bytes(&longer),
        Err(ModelError::Invalid(_))
    ));
}

#[test]
fn a_twelve_byte_file_and_other_versions_and_features_are_refused() {
    // Once a panic in `Model::from_bytes`.
    let e = Recognizer::from_bytes(b"SLP1\x05abcdefg").unwrap_err();
    assert_eq!(e, ModelError::Version(1));
    assert!(e.to_string().contains("version 1"), "{e}");
    let bytes = small_model();
    let mut newer = bytes.clone();
    newer[4] = 9;
    assert_eq!(
        Recognizer::from_bytes(&newer).unwrap_err(),
        ModelError::Version(9)
    );
    // Bytes 6..10 are the fingerprint of the feature templates.
    let mut other = bytes.clone();
    other[6] ^= 1;
    let e = Recognizer::from_bytes(&other).unwrap_err();
    assert!(matches!(e, ModelError::Fingerprint { .. }), "{e}");
    assert!(e.to_string().contains("other features"), "{e}");
    assert_eq!(
        Recognizer::from_bytes(b"PK\x03\x04 a zip, not a model").unwrap_err(),
        ModelError::NotAModel
    );
}

#[test]
fn the_shipped_model_reads_and_knows_person_and_place() {
    let r = Recognizer::shipped();
    assert!(r.model().is_some_and(|m| m.len() > 10_000));
    assert_eq!(r.labels(), ["PERSON", "PLACE"]);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("SPANLIGHT_FUZZ_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(256)
    ))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let _ = Recognizer::from_bytes(&bytes);
    }

    /// A valid header followed by anything: the reader goes deeper before it refuses.
    #[test]
    fn a_valid_header_with_arbitrary_rest_never_panics(
        rest in proptest::collection::vec(any::<u8>(), 0..400),
        cut in 10usize..40,
    ) {
        let bytes = small_model();
        let mut b = bytes[..cut.min(bytes.len())].to_vec();
        b.extend(rest);
        let _ = Recognizer::from_bytes(&b);
    }

    /// Flipped bytes in a real file: a model or a reason, never a panic; a model read from
    /// damaged weights still tags within the text.
    #[test]
    fn flipped_bytes_never_panic(at in any::<prop::sample::Index>(), x in 1u8..=255) {
        let mut b = small_model();
        let i = at.index(b.len());
        b[i] ^= x;
        if let Ok(r) = Recognizer::from_bytes(&b) {
            let text = "Acme Holdings hired Ana Ruiz in Lima.";
            let mut doc = Document::new(text);
            for l in r.labels() {
                doc.add_label(Label::new(&l, "#ffffff", None));
            }
            prop_assert!(doc.set_spans(r.recognize(text)).is_ok());
        }
    }
}
