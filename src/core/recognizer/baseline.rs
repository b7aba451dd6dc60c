//! A rule-based PERSON/PLACE tagger: capitalised runs, titles as context and the gazetteers.
//! It is the yardstick the statistical model must beat (`spanlight eval --baseline`).

use super::hash::HashSet;

use super::gazetteer;
use super::lexicon::{self, List};
use super::tokens::{is_capitalised, Tok};
use crate::core::document::{PERSON, PLACE};
use crate::core::text::TokenKind;

/// Titles and roles that precede a person's name and stay outside the span (GUIDELINES.md).
pub fn is_title(word: &str) -> bool {
    lexicon::has(List::Titles, word)
}

/// Whether token `k` is the department of a title (`State` in `Secretary of State`,
/// `Defense` in `Secretary of Defense`), which is part of the title, not a name or a place.
pub fn is_title_department(toks: &[Tok<'_>], k: usize) -> bool {
    k >= 2
        && toks[k - 1].text == "of"
        && is_title(toks[k - 2].text)
        && lexicon::has(List::TitleDepartments, toks[k].text)
}

/// Lower-case particles that may sit inside a name (`Ludwig van Beethoven`, `Bashar al-Assad`).
pub fn is_name_particle(word: &str) -> bool {
    lexicon::has(List::NameParticles, word)
}

fn is_sentence_end(t: &Tok<'_>) -> bool {
    matches!(t.text, "." | "!" | "?" | "\"" | "“" | "”" | ":" | ";")
}

/// PERSON and PLACE spans as token ranges with their labels.
pub fn find(toks: &[Tok<'_>]) -> Vec<(usize, usize, &'static str)> {
    let g = gazetteer::get();
    let places = g.place_matches(toks);
    let mut persons: HashSet<&str> = HashSet::default();
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if places[i] == Some(true) && is_capitalised(toks[i].text) {
            let mut e = i + 1;
            while e < toks.len() && places[e] == Some(false) {
                e += 1;
            }
            // A place glued into a longer capitalised name is part of an organisation or title.
            let inside_name = e < toks.len()
                && toks[e].kind == TokenKind::Word
                && is_capitalised(toks[e].text)
                && !is_title(toks[e].text);
            if !inside_name {
                out.push((i, e, PLACE));
            }
            i = e;
            continue;
        }
        if toks[i].kind != TokenKind::Word || !is_capitalised(toks[i].text) {
            i += 1;
            continue;
        }
        // A capitalised run, joined by hyphens, initials' dots and name particles.
        let mut e = i + 1;
        while e < toks.len() {
            let t = &toks[e];
            let word =
                t.kind == TokenKind::Word && (is_capitalised(t.text) || is_name_particle(t.text));
            let joiner = (t.text == "-" || t.text == ".")
                && !t.space_before
                && toks.get(e + 1).is_some_and(|n| is_capitalised(n.text))
                && (t.text == "-" || toks[e - 1].text.chars().count() == 1);
            let initial_dot = t.text == "." && toks[e - 1].text.chars().count() == 1;
            if !(word || joiner || initial_dot) {
                break;
            }
            e += 1;
        }
        let run_end = e;
        let mut s = i;
        let mut titled = false;
        while s < run_end && is_title(toks[s].text) {
            s += 1;
            titled = true;
        }
        if i > 0 && is_title(toks[i - 1].text) {
            titled = true;
        }
        if s < run_end {
            let first = toks[s].text;
            let last = toks[run_end - 1].text;
            let multi = run_end - s > 1;
            let known =
                persons.contains(first) || (multi && persons.contains(last)) && run_end - s <= 2;
            let sentence_start = s == 0 || is_sentence_end(&toks[s - 1]);
            let namelike = multi && g.is_given_name(first) && !sentence_start
                || multi && g.is_given_name(first) && g.is_surname(last);
            if titled || namelike || known {
                out.push((s, run_end, PERSON));
                persons.insert(last);
            }
        }
        i = run_end;
    }
    out
}
