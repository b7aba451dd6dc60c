//! Property tests of cutting an over-long article into parts: whatever the text and whatever
//! the numbers, the parts joined give the text back, each part fits, and nothing panics.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use spanlight::core::parts::{paragraph_starts, split, PartsBy};

/// Text rich in what cuts look for: blank lines, CRLF, spaces, and multi-byte code points.
fn text() -> impl Strategy<Value = String> {
    let piece = prop::sample::select(vec![
        "Kerry", " ", "\n", "\n\n", "\r\n", " \n \n", "é", "🎉", "Genève", "\t", "a",
    ]);
    prop::collection::vec(piece, 0..60).prop_map(|v| v.concat())
}

fn by() -> impl Strategy<Value = PartsBy> {
    prop_oneof![
        (0usize..40).prop_map(PartsBy::Size),
        (0usize..6).prop_map(PartsBy::Paragraphs),
    ]
}

proptest! {
    #[test]
    fn parts_joined_are_the_text_and_each_fits(text in text(), by in by()) {
        let parts = split(&text, by);
        let n = match by { PartsBy::Size(n) | PartsBy::Paragraphs(n) => n };
        if n == 0 {
            prop_assert!(parts.is_err());
            return Ok(());
        }
        let parts = parts.unwrap();
        prop_assert_eq!(parts.concat(), text.clone());
        prop_assert!(parts.iter().all(|p| !p.is_empty()));
        match by {
            PartsBy::Size(max) => {
                let mut from = 0;
                for (i, p) in parts.iter().enumerate() {
                    // Within the limit, unless one code point alone is longer.
                    prop_assert!(p.len() <= max || p.chars().count() == 1, "{p:?} over {max}");
                    // A break in reach is used: the part ends at whitespace.
                    let mut reach = (from + max).min(text.len());
                    while !text.is_char_boundary(reach) {
                        reach -= 1;
                    }
                    let breaks = text[from..reach].contains(char::is_whitespace);
                    if i + 1 < parts.len() && breaks {
                        prop_assert!(p.ends_with(char::is_whitespace), "{p:?} cut mid-word");
                    }
                    from += p.len();
                }
            }
            PartsBy::Paragraphs(n) => {
                // Every cut is at a paragraph start, and a part holds at most n paragraphs.
                let starts = paragraph_starts(&text);
                let mut at = 0;
                for p in parts.iter().take(parts.len().saturating_sub(1)) {
                    at += p.len();
                    prop_assert!(starts.contains(&at), "cut at {at}, not a paragraph start");
                }
                let mut from = 0;
                for p in &parts {
                    let inside = starts.iter().filter(|&&s| s > from && s < from + p.len()).count();
                    prop_assert!(inside < n, "{p:?} has {} paragraphs", inside + 1);
                    from += p.len();
                }
            }
        }
    }

    #[test]
    fn any_text_and_any_number_never_panics(text in "\\PC{0,80}", n in any::<usize>()) {
        let _ = split(&text, PartsBy::Size(n));
        let _ = split(&text, PartsBy::Paragraphs(n));
    }
}
