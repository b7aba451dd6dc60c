#![cfg(not(target_arch = "wasm32"))]
//! Export → import through every format gives back the same text, spans and labels (and
//! statuses where the format carries them), on generated documents full of the characters that
//! make offsets drift: astral emoji (ZWJ sequences, flags, skin tones), combining marks, CJK,
//! Arabic and Hebrew, tabs and CRLF line ends. And no importer panics on anything.

use proptest::prelude::*;
use spanlight::core::document::{Document, Label, Span, SpanStatus, NUMBER, PERSON, PLACE};
use spanlight::core::formats::{self, brat, Format};

const WORDS: &[&str] = &[
    "Kerry",
    "Zoë",
    "Jose\u{301}",
    "Anaïs",
    "d'Ivoire",
    "Nin's",
    "Frank-Walter",
    "東京",
    "北京市",
    "مرحبا",
    "القدس",
    "שלום",
    "ירושלים",
    "😀",
    "👨\u{200d}👩\u{200d}👧",
    "🇩🇪",
    "👍🏽",
    "50,000",
    "4.5",
    "$3",
    "2014",
    "e\u{301}\u{302}",
    ".",
    ",",
];
const SEPARATORS: &[&str] = &[" ", " ", " ", "\t", "\r\n", "\n", "  ", " \r\n\r\n"];
const LABELS: &[&str] = &[PERSON, PLACE, NUMBER, "ORG", "Café_Ω"];

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        (
            prop::sample::select(WORDS),
            prop::sample::select(SEPARATORS),
        ),
        0..16,
    )
    .prop_map(|parts| {
        parts
            .into_iter()
            .map(|(w, s)| format!("{w}{s}"))
            .collect::<String>()
    })
}

/// A document whose spans cover whole tokens (as the app snaps selections), with labels from
/// the defaults and two extra ones, and a mix of statuses.
fn document() -> impl Strategy<Value = Document> {
    (text(), prop::collection::vec(any::<u8>(), 40)).prop_map(|(text, choices)| {
        let mut doc = Document::new(&text);
        if choices[0] % 2 == 0 {
            // A user's own colours and hotkeys, which spanlight files must keep.
            let mut labels = doc.labels().to_vec();
            labels[0].color = "#ff0000".into();
            labels[1].hotkey = Some('p');
            doc.set_labels(labels).unwrap();
        }
        doc.add_label(Label::new("ORG", "#aa66cc", Some('4')));
        doc.add_label(Label::new("Café_Ω", "#2bbbad", None));
        let tokens = doc.tokens().to_vec();
        let mut i = 0;
        let mut k = 0;
        while i < tokens.len() {
            let c = choices[k % choices.len()];
            k += 1;
            if c % 3 == 0 {
                let len = 1 + (c as usize / 3) % 3;
                let last = (i + len - 1).min(tokens.len() - 1);
                let mut span = Span::new(
                    tokens[i].start,
                    tokens[last].end,
                    LABELS[(c as usize / 9) % LABELS.len()],
                );
                if c % 2 == 1 {
                    span = span.suggested();
                }
                doc.add_span(span)
                    .expect("token edges are grapheme boundaries");
                i = last + 1;
            } else {
                i += 1;
            }
        }
        doc
    })
}

fn triples(doc: &Document) -> Vec<(usize, usize, String)> {
    doc.spans()
        .iter()
        .map(|s| (s.start, s.end, s.label.to_string()))
        .collect()
}

fn statuses(doc: &Document) -> Vec<SpanStatus> {
    doc.spans().iter().map(|s| s.status).collect()
}

/// What the imported document must share with the original in any offset-carrying format.
fn assert_same_text_spans_labels(orig: &Document, back: &Document) {
    assert_eq!(back.text(), orig.text());
    assert_eq!(triples(back), triples(orig));
    for s in back.spans() {
        assert!(back.label(&s.label).is_some(), "label {} added", s.label);
    }
    back.check_invariants().unwrap();
}

fn one(content: &str, f: Format) -> Document {
    let mut docs = formats::import(content, f).unwrap_or_else(|e| panic!("{f}: {e}\n{content}"));
    assert_eq!(docs.len(), 1, "{f}");
    docs.pop().unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn spanlight_keeps_everything(doc in document()) {
        let back = one(&formats::export(std::slice::from_ref(&doc), Format::Spanlight).unwrap(), Format::Spanlight);
        prop_assert_eq!(&back, &doc, "text, spans, statuses, labels with colours and hotkeys");
        let pretty = formats::spanlight::export(&doc);
        prop_assert_eq!(&one(&pretty, Format::Spanlight), &doc, "the app's pretty file too");
    }

    #[test]
    fn label_studio_keeps_statuses_as_annotations_and_predictions(doc in document()) {
        let back = one(&formats::export(std::slice::from_ref(&doc), Format::LabelStudio).unwrap(), Format::LabelStudio);
        assert_same_text_spans_labels(&doc, &back);
        prop_assert_eq!(statuses(&back), statuses(&doc));
    }

    #[test]
    fn prodigy_keeps_statuses_per_task(doc in document()) {
        let back = one(&formats::export(std::slice::from_ref(&doc), Format::Prodigy).unwrap(), Format::Prodigy);
        assert_same_text_spans_labels(&doc, &back);
        let all_accepted = doc.spans().iter().all(|s| s.status == SpanStatus::Accepted);
        let want = if all_accepted { SpanStatus::Accepted } else { SpanStatus::Suggested };
        prop_assert!(back.spans().iter().all(|s| s.status == want));
    }

    #[test]
    fn spacy_doccano_and_brat_keep_text_spans_and_labels(doc in document()) {
        for f in [Format::Spacy, Format::Doccano] {
            let back = one(&formats::export(std::slice::from_ref(&doc), f).unwrap(), f);
            assert_same_text_spans_labels(&doc, &back);
            prop_assert!(back.spans().iter().all(|s| s.status == SpanStatus::Accepted));
        }
        let (txt, ann) = brat::export_brat(&doc).unwrap();
        let back = brat::import_brat(&txt, &ann).unwrap_or_else(|e| panic!("{e}\n{ann}"));
        assert_same_text_spans_labels(&doc, &back);
    }

    #[test]
    fn conll_keeps_tokens_and_labels(doc in document()) {
        let out = formats::export(std::slice::from_ref(&doc), Format::Conll).unwrap();
        let back = one(&out, Format::Conll);
        back.check_invariants().unwrap();
        // No offsets in CoNLL: the rebuilt text joins tokens with single spaces, and the spans
        // keep their tokens' texts and labels in order.
        let span_words = |d: &Document| -> Vec<(String, String)> {
            d.spans()
                .iter()
                .map(|s| (d.span_text(s).split_whitespace().collect(), s.label.to_string()))
                .collect()
        };
        prop_assert_eq!(span_words(&back), span_words(&doc));
        // The rebuilt text holds the same characters outside white space. (spanlight
        // re-tokenises it, so a token like a lone "'s" may come back split in two.)
        let squeeze = |d: &Document| d.text().split_whitespace().collect::<String>();
        prop_assert_eq!(squeeze(&back), squeeze(&doc));
    }

    #[test]
    fn several_documents_keep_their_order(docs in prop::collection::vec(document(), 0..4)) {
        for f in [Format::Spanlight, Format::Spacy, Format::Prodigy, Format::Doccano, Format::LabelStudio, Format::Conll] {
            let out = formats::export(&docs, f).unwrap();
            if docs.is_empty() {
                continue;
            }
            let back = formats::import(&out, f).unwrap_or_else(|e| panic!("{f}: {e}\n{out}"));
            prop_assert_eq!(back.len(), docs.len(), "{}", f);
            for (a, b) in docs.iter().zip(&back) {
                if f != Format::Conll {
                    prop_assert_eq!(triples(a), triples(b));
                    prop_assert_eq!(a.text(), b.text());
                }
            }
            prop_assert_eq!(formats::detect(&out), Some(f));
        }
    }

    /// Arbitrary text never makes an importer panic; whatever it accepts is a valid document.
    #[test]
    fn importers_never_panic_on_arbitrary_text(s in any::<String>()) {
        for f in Format::ALL {
            if let Ok(docs) = formats::import(&s, f) {
                for d in docs { d.check_invariants().unwrap(); }
            }
        }
        let _ = brat::import_brat(&s, &s);
        let _ = formats::detect(&s);
    }

    /// Text made of the pieces these formats are made of reaches the deeper checks.
    #[test]
    fn importers_never_panic_on_format_shaped_garbage(parts in prop::collection::vec(prop::sample::select(vec![
        "{", "}", "[", "]", ",", ":", "\"text\"", "\"start\"", "\"end\"", "\"label\"", "\"spans\"",
        "\"ents\"", "\"tokens\"", "\"token_start\"", "\"token_end\"", "\"data\"", "\"annotations\"",
        "\"predictions\"", "\"result\"", "\"value\"", "\"labels\"", "\"type\"", "\"labels\"", "\"answer\"",
        "\"accept\"", "\"version\"", "1", "0", "-1", "3", "1.5", "1e400", "99999999999999999999",
        "18446744073709551615", "null", "true", "\"😀 Kerry\"", "\"PERSON\"", "\n", "\t", " ",
        "T1", "PERSON", ";", "-DOCSTART-", "B-PERSON", "I-X", "O", "Kerry",
    ]), 0..60)) {
        let s = parts.concat();
        for f in Format::ALL {
            if let Ok(docs) = formats::import(&s, f) {
                for d in docs { d.check_invariants().unwrap(); }
            }
        }
        let _ = brat::import_brat("😀 Kerry met", &s);
    }

    /// A valid export with one character changed either still imports to a valid document or
    /// is refused with a message; never a panic, never a broken document.
    #[test]
    fn mutated_exports_are_refused_or_valid(doc in document(), at in any::<prop::sample::Index>(), c in any::<char>()) {
        for f in [Format::Spanlight, Format::Spacy, Format::Prodigy, Format::Doccano, Format::LabelStudio, Format::Conll] {
            let out = formats::export(std::slice::from_ref(&doc), f).unwrap();
            let mut chars: Vec<char> = out.chars().collect();
            if chars.is_empty() { continue; }
            let i = at.index(chars.len());
            chars[i] = c;
            let mutated: String = chars.into_iter().collect();
            match formats::import(&mutated, f) {
                Ok(docs) => for d in docs { d.check_invariants().unwrap(); },
                Err(e) => prop_assert!(!e.to_string().is_empty()),
            }
        }
    }
}

/// Each importer, given a file that is wrong in a way users meet, says what and where.
#[test]
fn malformed_files_get_clear_errors() {
    let cases: &[(Format, &str, &str)] = &[
        (Format::Spanlight, "", "the input is empty"),
        (
            Format::Spanlight,
            "{\"text\": \"a\"}\n{\"text\": 3}\n",
            "line 2: \"text\" must be a string",
        ),
        (
            Format::Spanlight,
            r#"{"text": "😀 Kerry met", "spans": [{"start": 3, "end": 8, "label": "PERSON", "text": "Kerry"}]}"#,
            "line 1: span 1 (3..8 \"Kerry\"): its text does not match the document at those offsets, which read \"erry \" (offsets drifted?)",
        ),
        (
            Format::Spanlight,
            r#"{"text": "Kerry", "spans": [{"start": -1, "end": 5, "label": "PERSON"}]}"#,
            "line 1: span 1: \"start\" is negative (-1)",
        ),
        (
            Format::Spanlight,
            r#"{"text": "Kerry", "spans": [{"start": 0, "end": 18446744073709551616, "label": "PERSON"}]}"#,
            "line 1: span 1: \"end\" must be a whole number",
        ),
        (
            Format::Spanlight,
            r#"{"text": "Kerry", "spans": [{"start": 0, "end": 9, "label": "PERSON"}]}"#,
            "outside the text, which has 5 characters",
        ),
        (
            Format::Spanlight,
            r#"{"text": "Zoe\u0301", "spans": [{"start": 0, "end": 3, "label": "PERSON"}]}"#,
            "offset 3 falls inside a character",
        ),
        (
            Format::Spacy,
            r#"{"text": "Kerry met", "ents": [{"start": 0, "end": 5}]}"#,
            "line 1: entity 1: \"label\" is missing",
        ),
        (
            Format::Prodigy,
            r#"{"text": "Kerry met", "spans": [{"start": 0, "end": 5, "label": "PERSON"}, {"start": 2, "end": 9, "label": "PLACE"}]}"#,
            "line 1: span 1 (0..5 \"Kerry\") overlaps span 2 (2..9 \"rry met\")",
        ),
        (
            Format::Doccano,
            r#"{"text": "😀 Kerry", "label": [[1, 8, "PERSON"]]}"#,
            "falls inside an emoji",
        ),
        (
            Format::LabelStudio,
            r#"[{"data": {"text": "Kerry"}}, {"annotations": []}]"#,
            "document 2: \"data\" is missing",
        ),
        (
            Format::Conll,
            "Kerry B-PERSON\nmet\n",
            "line 2: expected \"TOKEN TAG\"",
        ),
        (Format::Brat, "T1\tPERSON 0 5\tKerry", "import a directory"),
    ];
    for (f, input, expected) in cases {
        let err = formats::import(input, *f).unwrap_err().to_string();
        assert!(
            err.contains(expected),
            "{f}: {input}\n  got:  {err}\n  want: {expected}"
        );
    }
}

/// All-or-nothing: one bad document and no document is returned.
#[test]
fn a_failed_import_returns_no_documents() {
    let input = "{\"text\": \"Kerry\"}\n{\"text\": \"x\", \"spans\": [{\"start\": 0, \"end\": 4, \"label\": \"PERSON\"}]}\n";
    assert!(formats::import(input, Format::Spanlight).is_err());
    let each = formats::import_each(input, Format::Spanlight);
    assert!(
        each[0].is_ok() && each[1].is_err(),
        "import_each keeps the good ones"
    );
}

/// Unknown labels are added with a colour, and the same colour in every document.
#[test]
fn unknown_labels_are_added_with_a_stable_colour() {
    let input = "{\"text\": \"IBM\", \"label\": [[0, 3, \"ORG\"]]}\n{\"text\": \"SAP\", \"label\": [[0, 3, \"ORG\"]]}\n";
    let docs = formats::import(input, Format::Doccano).unwrap();
    let c0 = &docs[0].label("ORG").unwrap().color;
    assert!(c0.starts_with('#') && c0.len() == 7);
    assert_eq!(c0, &docs[1].label("ORG").unwrap().color);
    assert!(docs[0].label(PERSON).is_some(), "defaults stay");
}
