//! A name's abbreviation defined in the text: `the Badminton World Federation (BWF)`. The
//! letters in the parentheses spell the name's initials, so they are the same name: they take
//! its label there and wherever they stand again in the document (`BWF said`). Formal writing
//! defines an organisation's short name this way; the tagger, with a few dozen examples of a
//! label the person taught, misses most acronyms (BENCHMARKS.md, "A span labeler learned from
//! the person's spans").
//!
//! That the letters spell the name is asked as Schwartz and Hearst's abbreviation finder asks
//! it (2003): each letter, last to first, is found in the name in order, the first at the
//! start of a word. So `NAIROBI (AFP)` is no definition: a dateline's news agency is not the
//! city.

use super::hash::{HashMap, HashSet};
use super::overlaps::Overlaps;
use super::tokens::Tok;
use crate::core::document::PERSON;
use crate::core::text::TokenKind;

/// Longest abbreviation read, in letters and digits, and in tokens (`B&SR` is three).
const MAX_LETTERS: usize = 10;
const MAX_TOKENS: usize = 5;

/// Whether `short` spells `name` by the rule above: at least two letters or digits, at least
/// two of them capitals, and its first a capital.
pub fn abbreviates(short: &str, name: &str) -> bool {
    let letters: Vec<char> = short.chars().filter(|c| c.is_alphanumeric()).collect();
    if letters.len() < 2
        || letters.len() > MAX_LETTERS
        || !letters[0].is_uppercase()
        || letters.iter().filter(|c| c.is_uppercase()).count() < 2
    {
        return false;
    }
    let name: Vec<char> = name.chars().collect();
    let mut j = name.len();
    for (k, &c) in letters.iter().enumerate().rev() {
        loop {
            let Some(at) = j.checked_sub(1) else {
                return false;
            };
            j = at;
            let word_start = j == 0 || !name[j - 1].is_alphanumeric();
            let same = name[j].to_lowercase().eq(c.to_lowercase());
            if same && (k > 0 || word_start) {
                break;
            }
        }
    }
    // The name is longer than its abbreviation: it is not the abbreviation itself.
    name.iter().filter(|c| c.is_alphanumeric()).count() > letters.len()
}

/// The tokens `i..` that make one glued abbreviation candidate ending before `)`: words and
/// `&`, `.`, `-` with no space between them; its end.
fn glued_before_close(toks: &[Tok<'_>], i: usize) -> Option<usize> {
    let mut e = i;
    while e < toks.len() && e - i < MAX_TOKENS {
        if e > i && toks[e].space_before {
            break;
        }
        if toks[e].text == ")" {
            break;
        }
        let ok = toks[e].kind == TokenKind::Word
            || toks[e].kind == TokenKind::Number
            || matches!(toks[e].text, "&" | "." | "-");
        if !ok {
            return None;
        }
        e += 1;
    }
    (e > i && toks.get(e).is_some_and(|t| t.text == ")")).then_some(e)
}

fn joined(toks: &[Tok<'_>], s: usize, e: usize) -> String {
    toks[s..e].iter().map(|t| t.text).collect()
}

/// The abbreviations `names` define (a name of one of `labels` right before `(` letters `)`),
/// with their label: each definition, and each later stand of the same letters as whole
/// tokens. Token ranges; the caller keeps the names it already has.
pub fn defined<'a>(
    toks: &[Tok<'_>],
    names: &[(usize, usize, &'a str)],
    labels: &[&str],
) -> Vec<(usize, usize, &'a str)> {
    let mut short: HashMap<String, (usize, &'a str)> = HashMap::default();
    let mut out = Vec::new();
    for &(s, e, label) in names {
        if !labels.contains(&label) || toks.get(e).is_none_or(|t| t.text != "(") {
            continue;
        }
        let Some(close) = glued_before_close(toks, e + 1) else {
            continue;
        };
        let letters = joined(toks, e + 1, close);
        let name: String = toks[s..e]
            .iter()
            .map(|t| {
                if t.space_before {
                    format!(" {}", t.text)
                } else {
                    t.text.to_string()
                }
            })
            .collect();
        if abbreviates(&letters, &name) {
            out.push((e + 1, close, label));
            short.entry(letters).or_insert((close, label));
        }
    }
    if short.is_empty() {
        return out;
    }
    // Later stands: the same letters as whole glued tokens, after the definition.
    let mut i = 0;
    while i < toks.len() {
        let starts = toks[i].kind == TokenKind::Word
            && toks[i].text.starts_with(char::is_uppercase)
            && (i == 0 || toks[i].space_before || !is_glue(toks[i - 1].text));
        let mut matched = None;
        if starts {
            let mut text = String::new();
            for e in i..(i + MAX_TOKENS).min(toks.len()) {
                if e > i && toks[e].space_before {
                    break;
                }
                text.push_str(toks[e].text);
                if let Some(&(after, label)) = short.get(&text) {
                    // Not the start of a longer word (`BWFs`, `B&SRX`); `BWF-run` is.
                    let whole = toks.get(e + 1).is_none_or(|n| {
                        n.space_before
                            || !(n.kind == TokenKind::Word
                                || n.kind == TokenKind::Number
                                || n.text == "&")
                    });
                    if i >= after && whole {
                        matched = Some((i, e + 1, label));
                    }
                }
            }
        }
        match matched {
            Some(m) => {
                out.push(m);
                i = m.1;
            }
            None => i += 1,
        }
    }
    out
}

/// Puts the abbreviations `defined` found among the names `found`: over a name on the same
/// letters that is not a person, and where they overlap no other name. In time linear in the
/// names and abbreviations (and a sort): a long article may use one thousands of times.
pub fn put<'a>(
    found: &mut Vec<(usize, usize, &'a str)>,
    mut defined: Vec<(usize, usize, &'a str)>,
) {
    if defined.is_empty() {
        return;
    }
    defined.sort_unstable();
    defined.dedup_by_key(|d| (d.0, d.1));
    let places: HashSet<(usize, usize)> = defined.iter().map(|d| (d.0, d.1)).collect();
    found.retain(|n| n.2 == PERSON || !places.contains(&(n.0, n.1)));
    let taken = Overlaps::new(found.iter().map(|n| (n.0, n.1)));
    for (s, e, label) in defined {
        if taken.count(s, e) == 0 {
            found.push((s, e, label));
        }
    }
}

fn is_glue(t: &str) -> bool {
    matches!(t, "&" | "-")
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::core::recognizer::tokens::toks;
    use proptest::prelude::*;

    proptest! {
        /// On any text of capitals, brackets, glue and line breaks, with any names found,
        /// what is defined lies in the text, after its name, on whole tokens of one line, with
        /// the name's label, and no two overlap.
        #[test]
        fn what_is_defined_is_within_the_text_and_one_line(
            pieces in prop::collection::vec(
                prop::sample::select(vec![
                    "Acme", "Bank", "Corp", "AB", "ABC", "(", ")", "&", "-", ".", " ", "\n",
                    "é", "Ünion", "of", "12", "B", "C",
                ]),
                0..60,
            ),
            names in prop::collection::vec((0usize..70, 0usize..6), 0..6),
        ) {
            let text: String = pieces.concat();
            let t = toks(&text);
            let names: Vec<(usize, usize, &str)> = names
                .iter()
                .map(|&(s, n)| (s.min(t.len()), (s + n).min(t.len()), "ORG"))
                .filter(|n| n.0 < n.1)
                .collect();
            let found = defined(&t, &names, &["ORG"]);
            let mut seen: Vec<(usize, usize)> = Vec::new();
            for (s, e, label) in found {
                prop_assert!(s < e && e <= t.len());
                prop_assert_eq!(label, "ORG");
                prop_assert!(t[s + 1..e].iter().all(|x| !x.space_before && !x.newline_before));
                prop_assert!(!seen.iter().any(|o| o.0 < e && s < o.1) || seen.contains(&(s, e)));
                seen.push((s, e));
            }
        }
    }

    #[test]
    fn letters_that_spell_the_name_s_initials_abbreviate_it() {
        for (short, name) in [
            ("BWF", "Badminton World Federation"),
            ("BCIT", "British Columbia Institute of Technology"),
            ("WSOP", "World Series of Poker"),
            ("LSWR", "London and South Western Railway"),
            ("MUSL", "Multi-State Lottery"),
            ("B&SR", "Bridgton and Saco River"),
            ("U.N.", "United Nations"),
        ] {
            assert!(abbreviates(short, name), "{short} {name}");
        }
        for (short, name) in [
            // A news agency after a dateline.
            ("AFP", "NAIROBI"),
            ("AP", "Geneva"),
            // Not capitals, or one letter, or not in order.
            ("Ltd", "Lloyd Trading"),
            ("B", "Bank"),
            ("FWB", "Badminton World Federation"),
            // The name itself in capitals is no abbreviation of it.
            ("NATO", "Nato"),
        ] {
            assert!(!abbreviates(short, name), "{short} {name}");
        }
    }

    /// The texts of the abbreviations `defined` finds when `name` is found as `label`.
    fn found(text: &str, name: &str, label: &'static str, taught: &[&str]) -> Vec<String> {
        let t = toks(text);
        let b = text.find(name).unwrap();
        let (s, e) = (b, b + name.len());
        // Byte offsets equal code points in these ASCII texts.
        let a = t.partition_point(|x| x.end() <= s);
        let z = t.partition_point(|x| x.start() < e);
        defined(&t, &[(a, z, label)], taught)
            .into_iter()
            .map(|(s, e, l)| {
                assert_eq!(l, label);
                joined(&t, s, e)
            })
            .collect()
    }

    #[test]
    fn an_abbreviation_goes_over_a_name_on_its_letters_but_not_a_person_nor_across_names() {
        let mut found = vec![
            (0, 3, "ORG"),
            (5, 6, "PLACE"),
            (8, 9, PERSON),
            (10, 14, "MISC"),
            (20, 22, "ORG"),
        ];
        let defined = vec![
            (5, 6, "ORG"),
            (8, 9, "ORG"),
            (12, 13, "ORG"),
            (16, 17, "ORG"),
            (16, 17, "ORG"),
            (3, 4, "ORG"),
        ];
        put(&mut found, defined);
        found.sort_unstable();
        assert_eq!(
            found,
            [
                (0, 3, "ORG"),
                // Right after a name, not in it.
                (3, 4, "ORG"),
                // The place on the same letters gives way; the person does not.
                (5, 6, "ORG"),
                (8, 9, PERSON),
                // Inside the MISC name: not put.
                (10, 14, "MISC"),
                // Put once.
                (16, 17, "ORG"),
                (20, 22, "ORG"),
            ]
        );
    }

    #[test]
    fn a_defined_abbreviation_takes_the_name_s_label_there_and_later() {
        let text = "The Badminton World Federation (BWF) met. Later the BWF said BWFs and \
                    XBWF are other words; BWF-run events are its own.";
        assert_eq!(
            found(text, "Badminton World Federation", "ORG", &["ORG"]),
            ["BWF", "BWF", "BWF"]
        );
        // Only for the labels asked (the person's own), and never before the definition.
        assert!(found(text, "Badminton World Federation", "PLACE", &["ORG"]).is_empty());
        let text = "The BWF met. The Badminton World Federation (BWF) said so.";
        assert_eq!(
            found(text, "Badminton World Federation", "ORG", &["ORG"]),
            ["BWF"]
        );
        // Glued letters, as the tokenizer splits them.
        let text = "the Bridgton and Saco River (B&SR) line; B&SR trains ran.";
        assert_eq!(
            found(text, "Bridgton and Saco River", "ORG", &["ORG"]),
            ["B&SR", "B&SR"]
        );
        // A dateline's agency is not the place's abbreviation.
        assert!(found("NAIROBI (AFP) - Rain fell.", "NAIROBI", "ORG", &["ORG"]).is_empty());
    }
}
