//! Hard constraints on every span, whichever stage found it: a span never crosses a line break
//! or a sentence end. Lines and sentences are units the tagger cannot see whole (it reads
//! tokens), so a place at the end of a paragraph can run into a dateline at the start of the
//! next; this stage cuts such a span at the break and keeps the pieces that are still names.

use super::tokens::Tok;
use crate::core::text::TokenKind::{Number, Word};

/// Whether token `k` ends a sentence: `!`, `?`, `…`, or a full stop that is neither the dot of
/// an initial (`J.`, `U.S.`) nor of a short capitalised abbreviation (`St.`, `Wis.`, `Jr.`),
/// followed by white space (or the end). Before a lower-case word only the full stop after a
/// capitalised word that is no abbreviation ends one: posts begin sentences in lower case
/// (`cycled down to Arras. flat and windy`), while `Jr. said`, `etc. and` and `Yahoo! said`
/// go on. The name stage's tidying reads the same test, so a span and its trimmed dot agree.
pub fn is_sentence_end(toks: &[Tok<'_>], k: usize) -> bool {
    let t = &toks[k];
    let next = toks.get(k + 1);
    if next.is_some_and(|n| !n.space_before) {
        return false;
    }
    let lower_next = next.is_some_and(|n| n.text.starts_with(char::is_lowercase));
    match t.text {
        "!" | "?" | "…" => !lower_next,
        "." => {
            let Some(p) = k.checked_sub(1).map(|j| &toks[j]) else {
                return false;
            };
            if t.space_before || p.kind != Word {
                // `4.` or `) .`: a full stop after something that is not a word.
                return !lower_next && (!t.space_before || p.kind == Number);
            }
            if lower_next {
                return is_name_word(p.text) && !is_abbreviation(p.text);
            }
            !is_abbreviation(p.text)
        }
        _ => false,
    }
}

/// A capitalised word in mixed case (`Arras`, `Corp`), as names are written.
fn is_name_word(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase) && chars.all(char::is_lowercase)
}

/// The word before a dot that makes the dot an abbreviation's: a single letter (an initial),
/// a word with dots inside (`U.S`), or a short capitalised word in mixed case: three letters
/// at most, or without a vowel (`St`, `Wis`, `Mrs`). An all-capitals word is an acronym and
/// can end a sentence (`won by TKO.`).
pub(super) fn is_abbreviation(word: &str) -> bool {
    let n = word.chars().count();
    let mut chars = word.chars();
    let first_upper = chars.next().is_some_and(char::is_uppercase);
    n == 1
        || word.contains('.')
        || (first_upper && chars.all(char::is_lowercase) && (n <= 3 || is_vowel_free(word)))
}

/// `Mr`, `Dr`, `St`, `Jr`, `Sr`: no vowel, so no word of their own.
fn is_vowel_free(word: &str) -> bool {
    !word
        .chars()
        .any(|c| matches!(c.to_ascii_lowercase(), 'a' | 'e' | 'i' | 'o' | 'u' | 'y'))
}

/// Whether a span of tokens may not continue from token `k - 1` to token `k`.
fn is_cut(toks: &[Tok<'_>], k: usize) -> bool {
    toks[k].newline_before || is_sentence_end(toks, k - 1)
}

/// `span` cut at every line break and sentence end inside it, each piece trimmed of the
/// punctuation at its edges (the dot of an abbreviation stays) and kept only if it still has a
/// word or number (and, for a name, a capital and a word that is not of grammar).
pub fn split<'a>(
    toks: &[Tok<'_>],
    (s, e, label): (usize, usize, &'a str),
    is_name: bool,
) -> Vec<(usize, usize, &'a str)> {
    let e = e.min(toks.len());
    if s >= e || !(s + 1..e).any(|k| is_cut(toks, k)) {
        return vec![(s, e, label)];
    }
    let mut out = Vec::new();
    let mut start = s;
    for k in s + 1..=e {
        if k < e && !is_cut(toks, k) {
            continue;
        }
        let (mut a, mut b) = (start, k);
        start = k;
        while a < b && toks[a].kind != Word && toks[a].kind != Number {
            a += 1;
        }
        while b > a
            && toks[b - 1].kind != Word
            && toks[b - 1].kind != Number
            && !(toks[b - 1].text == "." && b - 1 > a && !is_sentence_end(toks, b - 1))
        {
            b -= 1;
        }
        let capital = toks[a..b]
            .iter()
            .any(|t| t.text.chars().any(char::is_uppercase));
        // A piece that is only words of grammar (`The` of `… EMI. The`) is no name either.
        if a < b && (!is_name || (capital && !super::only_grammar(&toks[a..b]))) {
            out.push((a, b, label));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::recognizer::tokens::toks;

    fn pieces(text: &str, s: usize, e: usize) -> Vec<String> {
        let t = toks(text);
        split(&t, (s, e, "PLACE"), true)
            .into_iter()
            .map(|(a, b, _)| {
                t[a..b]
                    .iter()
                    .enumerate()
                    .map(|(i, x)| {
                        if i > 0 && x.space_before {
                            format!(" {}", x.text)
                        } else {
                            x.text.to_string()
                        }
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn a_piece_that_is_only_words_of_grammar_is_no_name() {
        assert_eq!(pieces("won by TKO. She was", 2, 5), ["TKO"]);
        assert_eq!(pieces("owned by EMI. The band", 2, 5), ["EMI"]);
        // `US` and `IT` are names; `Us` and `It` are not.
        assert_eq!(pieces("said Maria. US troops", 1, 4), ["Maria", "US"]);
        assert_eq!(pieces("said Maria. It was", 1, 4), ["Maria"]);
    }

    #[test]
    fn a_span_is_cut_at_a_line_break() {
        let text = "in Geneva\n\nNAIROBI said";
        assert_eq!(pieces(text, 1, 3), ["Geneva", "NAIROBI"]);
    }

    #[test]
    fn a_span_is_cut_at_a_sentence_end_but_not_at_an_abbreviation() {
        assert_eq!(pieces("won by TKO. Maria was", 2, 5), ["TKO", "Maria"]);
        assert_eq!(pieces("in St. Louis today", 1, 4), ["St. Louis"]);
        assert_eq!(pieces("J. R. R. Tolkien wrote", 0, 7), ["J. R. R. Tolkien"]);
        assert_eq!(pieces("Hillside, Wis. May", 2, 4), ["Wis."]);
        assert_eq!(pieces("Really? Yes", 0, 3), ["Really", "Yes"]);
    }

    #[test]
    fn sentence_ends() {
        let t = toks("It rained. Then it stopped at 4. Later Mr. Li left.");
        let ends: Vec<&str> = (0..t.len())
            .filter(|&k| is_sentence_end(&t, k))
            .map(|k| t[k - 1].text)
            .collect();
        assert_eq!(ends, ["rained", "4", "left"]);
    }

    #[test]
    fn before_a_lower_case_word_only_the_full_stop_after_a_name_ends_a_sentence() {
        let t =
            toks("down to Arras. flat, then Jr. said, etc. and Yahoo! said at 4. then Corp. fell");
        let ends: Vec<&str> = (0..t.len())
            .filter(|&k| is_sentence_end(&t, k))
            .map(|k| t[k - 1].text)
            .collect();
        assert_eq!(ends, ["Arras", "Corp"]);
    }
}
