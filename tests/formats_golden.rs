#![cfg(not(target_arch = "wasm32"))]
//! Each exporter's output for one fixed document, compared byte for byte with a file in
//! `tests/golden/` that was checked by hand against the format's documentation. The document
//! has an emoji before its spans (so code points, UTF-16 units and bytes all differ), a
//! suggestion among accepted spans, CRLF, Hebrew and CJK. To regenerate after a deliberate
//! change: `SPANLIGHT_UPDATE_GOLDEN=1 cargo test --test formats_golden`, then review the diff.

use std::path::PathBuf;

use serde_json::json;
use spanlight::core::document::{Document, Span, NUMBER, PERSON, PLACE};
use spanlight::core::formats::{self, brat, Format, Record};

const TEXT: &str =
    "Foreign Minister Jean-Marc Ayrault met 👋 Kerry in Genève on April 22, 2014.\r\nשלום from 東京.";

fn span_of(doc: &Document, needle: &str, label: &str) -> Span {
    let byte = TEXT.find(needle).expect("needle in text");
    let start = doc.offsets().byte_to_cp(byte).unwrap();
    Span::new(start, start + needle.chars().count(), label)
}

fn golden_doc() -> Document {
    let mut doc = Document::new(TEXT);
    let spans = vec![
        span_of(&doc, "Jean-Marc Ayrault", PERSON),
        span_of(&doc, "Kerry", PERSON).suggested(),
        span_of(&doc, "Genève", PLACE),
        span_of(&doc, "22", NUMBER),
        span_of(&doc, "2014", NUMBER),
        span_of(&doc, "東京", PLACE),
    ];
    doc.set_spans(spans).unwrap();
    doc
}

fn check(name: &str, actual: &str) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    if std::env::var_os("SPANLIGHT_UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected =
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert_eq!(actual, expected, "{name} differs from its golden file");
}

#[test]
fn golden_exports() {
    let record = Record {
        id: Some(json!("golden-1")),
        doc: golden_doc(),
    };
    for (f, file) in [
        (Format::Spanlight, "golden.spanlight.jsonl"),
        (Format::Spacy, "golden.spacy.jsonl"),
        (Format::Prodigy, "golden.prodigy.jsonl"),
        (Format::Doccano, "golden.doccano.jsonl"),
        (Format::LabelStudio, "golden.label-studio.json"),
        (Format::Conll, "golden.conll"),
    ] {
        let out = formats::export_records(std::slice::from_ref(&record), f).unwrap();
        check(file, &out);
        // The golden file reads back (CoNLL rebuilds its text, so only its span count).
        let back = formats::import_records(&out, f).unwrap().pop().unwrap();
        assert_eq!(back.doc.spans().len(), 6, "{f}");
        if f != Format::Conll {
            assert_eq!(back.doc.text(), TEXT, "{f}");
        }
    }
    let (txt, ann) = brat::export_brat(&record.doc).unwrap();
    check("golden.txt", &txt);
    check("golden.ann", &ann);
}

/// Facts about the golden document that the files above must show, spelled out so a reader
/// can check them without counting characters.
#[test]
fn golden_offsets_by_unit() {
    let doc = golden_doc();
    let kerry = &doc.spans()[1];
    assert_eq!(doc.span_text(kerry), "Kerry");
    assert_eq!((kerry.start, kerry.end), (41, 46), "code points");
    let map = doc.offsets();
    assert_eq!(
        (map.cp_to_utf16(41), map.cp_to_utf16(46)),
        (Some(42), Some(47)),
        "UTF-16 units: 👋 counts two"
    );
}
