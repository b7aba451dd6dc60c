#![cfg(not(target_arch = "wasm32"))]
//! What the app and CLI rely on from `recognize`, whatever text a user pastes.

use proptest::prelude::*;
use std::sync::OnceLock;

use spanlight::core::document::{Document, Label, Span, SpanStatus, NUMBER, PERSON, PLACE};
use spanlight::core::recognizer::{recognize, LearnDoc, Recognizer};
use spanlight::core::text::tokenize;

/// Checks every promise of `recognize` on `text`; returns the reason it is broken.
fn check(text: &str) -> Result<(), String> {
    check_spans(text, recognize(text), &[PERSON, PLACE, NUMBER])
}

/// A recogniser that learned a label of the person's own (ORG) from a few documents, so that
/// the stages for taught labels (the span labeler, growing, repeats, abbreviations) run.
fn taught() -> &'static Recognizer {
    static R: OnceLock<Recognizer> = OnceLock::new();
    R.get_or_init(|| {
        let text = "Acme Corp hired Ana Ruiz in Lima. Acme Corp grew. Later Acme Corp \
                    and the Badminton World Federation (BWF) met in Perth. The BWF said so.";
        let mut spans = Vec::new();
        for (w, label) in [
            ("Acme Corp", "ORG"),
            ("Badminton World Federation", "ORG"),
            ("BWF", "ORG"),
            ("Ana Ruiz", PERSON),
            ("Lima", PLACE),
            ("Perth", PLACE),
        ] {
            for (b, _) in text.match_indices(w) {
                let start = text[..b].chars().count();
                spans.push(Span::new(start, start + w.chars().count(), label));
            }
        }
        spans.sort_by_key(|s| s.start);
        let docs = [LearnDoc::from_spans("a", text, &spans)];
        Recognizer::shipped().learn(&docs).0
    })
}

fn check_taught(text: &str) -> Result<(), String> {
    check_spans(
        text,
        taught().recognize(text),
        &[PERSON, PLACE, NUMBER, "ORG"],
    )
}

fn check_spans(text: &str, spans: Vec<Span>, labels: &[&str]) -> Result<(), String> {
    let toks = tokenize(text);
    let mut doc = Document::new(text);
    for l in labels {
        if doc.label(l).is_none() {
            doc.add_label(Label::new(l, "#888888", None));
        }
    }
    for s in &spans {
        if !labels.contains(&s.label.as_str()) {
            return Err(format!("unknown label {s:?}"));
        }
        if s.status != SpanStatus::Suggested {
            return Err(format!("not a suggestion {s:?}"));
        }
        if !toks.iter().any(|t| t.start == s.start) || !toks.iter().any(|t| t.end == s.end) {
            return Err(format!("not on token boundaries {s:?}"));
        }
    }
    for s in &spans {
        let t: String = text.chars().skip(s.start).take(s.end - s.start).collect();
        if let Some(why) = crosses_a_break(&t) {
            return Err(format!("{s:?} ({t:?}) crosses {why}"));
        }
    }
    // `set_spans` checks bounds, emptiness, grapheme boundaries, labels and overlaps.
    doc.set_spans(spans.clone()).map_err(|e| e.to_string())?;
    if doc.spans() != spans.as_slice() {
        return Err("spans are not sorted".into());
    }
    Ok(())
}

/// Whether a span's text crosses a line break or a sentence end: `!`, `?` or `…` before white
/// space, or a full stop between a word and a capitalised word where the word before the dot is
/// in lower case or an acronym (`rained. Then`, `TKO. She`), not an initial or an abbreviation
/// (`J. R. R.`, `St. Louis`).
fn crosses_a_break(t: &str) -> Option<&'static str> {
    const BREAKS: [char; 7] = [
        '\n', '\r', '\u{b}', '\u{c}', '\u{85}', '\u{2028}', '\u{2029}',
    ];
    if t.contains(BREAKS) {
        return Some("a line break");
    }
    let chars: Vec<char> = t.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let space_then_capital = chars.get(i + 1).is_some_and(|c| c.is_whitespace())
            && chars[i + 1..]
                .iter()
                .find(|c| !c.is_whitespace())
                .is_some_and(|c| c.is_uppercase());
        if !space_then_capital {
            continue;
        }
        if matches!(c, '!' | '?' | '…') {
            return Some("a sentence end");
        }
        if c == '.' {
            let word: String = chars[..i]
                .iter()
                .rev()
                .take_while(|c| !c.is_whitespace())
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            let lower = word.len() >= 2 && word.chars().all(|c| c.is_ascii_lowercase());
            let acronym = word.len() >= 2 && word.chars().all(|c| c.is_ascii_uppercase());
            if lower || acronym {
                return Some("a sentence end");
            }
        }
    }
    None
}

fn pieces() -> impl Strategy<Value = String> {
    // Mixes the kinds of text the grammars and the tagger treat specially.
    let piece = prop_oneof![
        any::<String>(),
        "[A-Z][a-z]{0,8}",
        "[0-9]{1,7}([.,][0-9]{1,3})?",
        Just("-".to_string()),
        Just("'s".to_string()),
        Just("$".to_string()),
        Just("%".to_string()),
        Just("e\u{301}".to_string()),
        Just("\r\n".to_string()),
        Just("Mr.".to_string()),
        Just("one".to_string()),
        Just("hundred".to_string()),
        Just("twenty".to_string()),
        Just("and".to_string()),
        Just("New York".to_string()),
        Just("😀".to_string()),
        Just("\u{0}".to_string()),
        Just(" ".to_string()),
        Just(". ".to_string()),
        Just("! ".to_string()),
        Just("\n".to_string()),
        Just("\u{2028}".to_string()),
        Just("rained".to_string()),
        Just("TKO".to_string()),
        Just("GENEVA".to_string()),
        Just(" — ".to_string()),
        Just("Go\u{308}teborg".to_string()),
        Just("US".to_string()),
        Just("minus".to_string()),
        // Given names, alone in a text with no full name, are persons; `grace` is a word too.
        Just("Petar".to_string()),
        // A learned label's names, repeated and abbreviated.
        Just("Acme Corp".to_string()),
        Just("BWF".to_string()),
        Just("(".to_string()),
        Just(")".to_string()),
        Just("Grace".to_string()),
        Just("grace".to_string()),
        Just("/".to_string()),
        Just("+".to_string()),
        Just("\u{308}".to_string()),
        Just("\u{1100}\u{1161}\u{11a8}".to_string()),
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.join(""))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn spans_are_valid_on_any_text(text in any::<String>()) {
        prop_assert_eq!(check(&text), Ok(()));
    }

    #[test]
    fn spans_are_valid_on_mixed_text(text in pieces()) {
        prop_assert_eq!(check(&text), Ok(()));
    }

    #[test]
    fn spans_of_a_learned_label_are_valid_on_mixed_text(text in pieces()) {
        prop_assert_eq!(check_taught(&text), Ok(()));
    }
}

#[test]
fn a_learned_label_is_suggested_at_every_mention_in_new_text() {
    let text = "Shares of Acme Corp rose. Acme Corp said more.\nBWF rules apply.";
    let spans = taught().recognize(text);
    let orgs: Vec<String> = spans
        .iter()
        .filter(|s| s.label == "ORG")
        .map(|s| text.chars().skip(s.start).take(s.end - s.start).collect())
        .collect();
    assert_eq!(check_taught(text), Ok(()));
    assert!(
        orgs.iter().filter(|o| *o == "Acme Corp").count() == 2,
        "{spans:?}"
    );
}

#[test]
fn empty_and_odd_texts() {
    for text in [
        "",
        " ",
        "\u{0}\u{1}\u{7f}",
        "-",
        "$",
        "'s",
        "e\u{301}",
        "\r\n\r\n",
        "A.",
        "Mr",
        "in the US",
        "US$",
        // A prepended mark joins the `$` into its grapheme: no span may start there.
        "\u{d4e}$\u{1810}0",
    ] {
        assert_eq!(check(text), Ok(()), "{text:?}");
    }
}

#[test]
fn no_span_crosses_a_line_break_or_a_sentence_end() {
    for text in [
        "Talks opened in Geneva\n\nNAIROBI — Kenya's president said",
        "PUTIN MEETS OBAMA IN GENEVA AS TALKS STALL\n\nGENEVA — The two met.",
        "She won by TKO. She was happy in Paris. Then Kerry left.",
        "Hillside Park\u{2028}Springfield Road",
    ] {
        assert_eq!(check(text), Ok(()), "{text:?}");
    }
}

#[test]
fn datelines_in_capitals_are_places() {
    let got = found("NAIROBI — Kenya's president met Putin.\nHILLSIDE, Wis., May 8 — A storm hit.");
    assert!(
        got.contains(&("NAIROBI".to_string(), PLACE.to_string())),
        "{got:?}"
    );
    assert!(
        got.contains(&("HILLSIDE".to_string(), PLACE.to_string())),
        "{got:?}"
    );
}

#[test]
fn a_headlines_last_place_right_above_a_dateline_is_kept() {
    // The tagger may run the headline's last word into the dateline's place below; the
    // dateline's place must not take the headline's with it.
    for (text, place) in [
        (
            "STORMS CLOSE ROADS ACROSS GALICIA\nVIGO, Spain — Heavy rain closed roads across Galicia on Monday, officials said.",
            "GALICIA",
        ),
        (
            "STRIKE HALTS PORT IN ANTWERP\nBRUSSELS — Dockers in Antwerp walked out on Friday.",
            "ANTWERP",
        ),
    ] {
        let got = found(text);
        assert!(
            got.contains(&(place.to_string(), PLACE.to_string())),
            "{got:?}"
        );
    }
}

#[test]
fn an_all_caps_headline_is_not_one_long_span() {
    let got = found("PUTIN MEETS OBAMA IN GENEVA AS TALKS STALL\n\nPutin met Obama in Geneva.");
    assert!(got.iter().all(|(t, _)| !t.contains(' ')), "{got:?}");
    assert!(
        got.contains(&("GENEVA".to_string(), PLACE.to_string())),
        "{got:?}"
    );
}

#[test]
fn decomposed_text_is_found_as_its_composed_form_at_the_offsets_as_written() {
    let composed = found("Talks in Göteborg and Malmö ended.");
    let written = "Talks in Go\u{308}teborg and Malmo\u{308} ended.";
    let decomposed = found(written);
    assert!(
        composed.contains(&("Göteborg".to_string(), PLACE.to_string())),
        "{composed:?}"
    );
    assert_eq!(
        decomposed,
        [
            ("Go\u{308}teborg".to_string(), PLACE.to_string()),
            ("Malmo\u{308}".to_string(), PLACE.to_string())
        ]
    );
    assert_eq!(check(written), Ok(()));
}

#[test]
fn a_long_text_of_repeated_names_and_numbers() {
    // Long runs of capitalised words and number words must not blow up time or memory.
    let text = "New York New York Jean-Marc Ayrault-Smith twenty-one hundred and one $4.2bn "
        .repeat(5_000);
    assert_eq!(check(&text), Ok(()));
}

#[test]
fn guideline_examples() {
    let text = "Foreign Minister Jean-Marc Ayrault met John Kerry in Geneva on April 22, \
                when 50,000 people marched through northern Syria.";
    let spans = recognize(text);
    let got: Vec<(String, &str)> = spans
        .iter()
        .map(|s| {
            let t: String = text.chars().skip(s.start).take(s.end - s.start).collect();
            (t, s.label.as_str())
        })
        .collect();
    let want = [
        ("Jean-Marc Ayrault", PERSON),
        ("John Kerry", PERSON),
        ("Geneva", PLACE),
        ("22", NUMBER),
        ("50,000", NUMBER),
        ("Syria", PLACE),
    ];
    let want: Vec<(String, &str)> = want.iter().map(|(t, l)| (t.to_string(), *l)).collect();
    assert_eq!(got, want);
}

/// The texts and labels `recognize` finds in `text`.
fn found(text: &str) -> Vec<(String, String)> {
    recognize(text)
        .iter()
        .map(|s| {
            let t: String = text.chars().skip(s.start).take(s.end - s.start).collect();
            (t, s.label.to_string())
        })
        .collect()
}

#[test]
fn more_guideline_examples() {
    let got = found(
        "Sheikh Hasina met J. R. R. Tolkien's heirs in Côte d'Ivoire, then flew to \
         Bosnia and Herzegovina with Dr. Sarah O'Neill.",
    );
    let want = [
        ("Sheikh Hasina", PERSON),
        ("J. R. R. Tolkien", PERSON),
        ("Côte d'Ivoire", PLACE),
        ("Bosnia and Herzegovina", PLACE),
        ("Sarah O'Neill", PERSON),
    ];
    let want: Vec<(String, String)> = want
        .iter()
        .map(|(t, l)| (t.to_string(), l.to_string()))
        .collect();
    assert_eq!(got, want);
}
