//! Headlines in Title Case (`Kerry, Lavrov Agree To Push For Syria Ceasefire`) capitalise
//! every word, so capitals there say nothing of names. Before tagging, such a line's words that
//! the article also writes in lower case, and its function words, are written in lower case;
//! the rest (the names) keep their capitals.

use std::collections::HashSet;

use super::tokens::is_capitalised;

/// Capitalised in headlines, lower case in running text.
const FUNCTION_WORDS: &[&str] = &[
    "a", "an", "the", "to", "for", "in", "of", "on", "with", "at", "as", "after", "over", "from",
    "by", "into", "amid", "and", "or", "but", "is", "are", "be", "says", "say", "will", "not",
    "up", "out", "off", "its", "his", "her", "their", "new",
];

fn is_function_word(lower: &str) -> bool {
    FUNCTION_WORDS.contains(&lower)
}

/// A word with the punctuation at its edges trimmed off.
fn core_of(word: &str) -> &str {
    word.trim_matches(|c: char| !c.is_alphanumeric())
}

/// Whether `line` is set in Title Case: four or more words, three in four capitalised, and a
/// capitalised function word after the first (`… To Push For …`), which running text never has.
fn is_title_case(line: &str) -> bool {
    let words: Vec<&str> = line
        .split_whitespace()
        .map(core_of)
        .filter(|w| w.chars().next().is_some_and(char::is_alphabetic))
        .collect();
    if words.len() < 4 {
        return false;
    }
    let caps = words.iter().filter(|w| is_capitalised(w)).count();
    let function = words[1..]
        .iter()
        .any(|w| is_capitalised(w) && is_function_word(&w.to_lowercase()));
    caps * 4 >= words.len() * 3 && function
}

/// Whether the article writes `lower` in lower case, or a form of it (`Agree`: `agreed`;
/// `Talks`: `talk`), as headlines shorten words the text spells out.
fn seen_in_some_form(seen: &HashSet<&str>, lower: &str) -> bool {
    if seen.contains(lower) {
        return true;
    }
    let mut buf = String::with_capacity(lower.len() + 3);
    ["s", "d", "ed", "ing", "es"].iter().any(|suffix| {
        buf.clear();
        buf.push_str(lower);
        buf.push_str(suffix);
        seen.contains(buf.as_str())
    }) || lower
        .strip_suffix('s')
        .is_some_and(|stem| stem.len() > 2 && seen.contains(stem))
}

/// `text` with the headlines' ordinary words in lower case, or `None` when it has no headline.
/// Only ASCII letters change, and only to lower case, so every offset stays valid.
pub fn normalise(text: &str) -> Option<String> {
    if !text.split('\n').any(is_title_case) {
        return None;
    }
    let lower_seen: HashSet<&str> = text
        .split_whitespace()
        .map(core_of)
        .filter(|w| w.chars().next().is_some_and(char::is_lowercase))
        .collect();
    let mut out = String::with_capacity(text.len());
    for (n, line) in text.split('\n').enumerate() {
        if n > 0 {
            out.push('\n');
        }
        if !is_title_case(line) {
            out.push_str(line);
            continue;
        }
        let mut rest = line;
        while !rest.is_empty() {
            let ws = rest.len() - rest.trim_start().len();
            out.push_str(&rest[..ws]);
            rest = &rest[ws..];
            let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            let word = &rest[..end];
            let core = core_of(word);
            let lower = core.to_ascii_lowercase();
            let ordinary = core.is_ascii()
                && is_capitalised(core)
                && core.chars().skip(1).any(|c| c.is_ascii_lowercase())
                && (is_function_word(&lower) || seen_in_some_form(&lower_seen, &lower));
            if ordinary {
                let at = word.find(core).unwrap_or(0);
                out.push_str(&word[..at]);
                out.push_str(&core[..1].to_ascii_lowercase());
                out.push_str(&word[at + 1..]);
            } else {
                out.push_str(word);
            }
            rest = &rest[end..];
        }
    }
    debug_assert_eq!(out.len(), text.len());
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_case_headline_keeps_only_its_names_capitalised() {
        let text = "Kerry, Lavrov Agree To Push For Syria Ceasefire In Geneva Talks\n\n\
                    Kerry and Lavrov agreed to push for a ceasefire at the talks.";
        let out = normalise(text).unwrap();
        assert_eq!(
            out.lines().next().unwrap(),
            "Kerry, Lavrov agree to push for Syria ceasefire in Geneva talks"
        );
        assert_eq!(
            &out[out.find('\n').unwrap()..],
            &text[text.find('\n').unwrap()..]
        );
    }

    #[test]
    fn running_text_and_lists_of_names_are_left_alone() {
        assert_eq!(normalise("Kerry met Lavrov in Geneva on Friday."), None);
        assert_eq!(
            normalise("Angela Merkel, Emmanuel Macron, Justin Trudeau"),
            None
        );
        assert_eq!(normalise("Bosnia and Herzegovina"), None);
    }

    #[test]
    fn offsets_survive_any_headline() {
        let text = "Ça Va: Émile Zola's “Heirs” Sue Over The Rights\n\nthe heirs sue over rights.";
        let out = normalise(text).unwrap();
        assert_eq!(out.len(), text.len());
        assert_eq!(out.chars().count(), text.chars().count());
        assert!(out.starts_with("Ça Va: Émile Zola's “heirs” sue over the rights"));
    }
}
