//! Name lists (data/gazetteers, built by scripts/build_gazetteers.py from open data; see
//! data/gazetteers/SOURCES.md), embedded so the browser needs no file or network.

use super::hash::HashMap;
use super::lexicon::HashSet;
use std::sync::OnceLock;

use super::tokens::{ascii_lower, Tok};
use crate::core::text::tokenize;

const PLACES: &str = include_str!("../../../data/gazetteers/places.txt");
const GIVEN_NAMES: &str = include_str!("../../../data/gazetteers/given_names.txt");
const SURNAMES: &str = include_str!("../../../data/gazetteers/surnames.txt");
const DEMONYMS: &str = include_str!("../../../data/gazetteers/demonyms.txt");
const ORGANISATIONS: &str = include_str!("../../../data/gazetteers/organisations-own.txt");

/// Longest name, in tokens, that a lookup tries (`al-Qaeda in the Arabian Peninsula`).
const MAX_PHRASE_TOKENS: usize = 8;

/// Names of several words, matched against tokens, longest first.
struct Phrases {
    /// Names as their tokens joined by single spaces, so they match however the text is
    /// spaced and whatever the tokenizer does to `Guinea-Bissau` or `U.S.`.
    joined: HashSet<String>,
    /// First tokens of the names, to skip the joining for most tokens.
    starts: HashSet<String>,
    /// The first bytes of `starts`: most words of a text (`the`, `said`) start with a byte no
    /// name does, and are turned away without hashing them.
    first_bytes: [bool; 256],
}

impl Phrases {
    /// One name a line; blank lines and `#` comments are skipped.
    fn parse(list: &str) -> Phrases {
        let mut joined = HashSet::default();
        let mut starts = HashSet::default();
        for line in list
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        {
            let words: Vec<&str> = tokenize(line)
                .iter()
                .map(|t| slice_cp(line, t.start, t.end))
                .collect();
            if words.is_empty() || words.len() > MAX_PHRASE_TOKENS {
                continue;
            }
            starts.insert(words[0].to_string());
            joined.insert(words.join(" "));
        }
        let mut first_bytes = [false; 256];
        for s in &starts {
            if let Some(&b) = s.as_bytes().first() {
                first_bytes[b as usize] = true;
            }
        }
        Phrases {
            joined,
            starts,
            first_bytes,
        }
    }

    /// How many tokens from `i` the longest name starting there covers (0: none).
    fn longest_at(&self, toks: &[Tok<'_>], i: usize, key: &mut String) -> usize {
        let text = toks[i].text;
        let may_start = text
            .as_bytes()
            .first()
            .is_none_or(|&b| self.first_bytes[b as usize]);
        if !may_start || !self.starts.contains(text) {
            return 0;
        }
        let mut best = 0;
        key.clear();
        for n in 1..=MAX_PHRASE_TOKENS.min(toks.len() - i) {
            if n > 1 {
                key.push(' ');
            }
            key.push_str(toks[i + n - 1].text);
            if self.joined.contains(key.as_str()) {
                best = n;
            }
        }
        best
    }

    /// For each token, `Some(true)` when it starts a match, `Some(false)` inside one; `shout`
    /// also matches a shouted single word (`BRUSSELS`) by its title case.
    fn matches(&self, toks: &[Tok<'_>], shout: bool) -> Vec<Option<bool>> {
        let mut out = vec![None; toks.len()];
        let mut key = String::new();
        let mut i = 0;
        while i < toks.len() {
            let best = self.longest_at(toks, i, &mut key);
            if best == 0 {
                if shout
                    && is_shouted(toks[i].text)
                    && self.joined.contains(&title_case(toks[i].text))
                {
                    out[i] = Some(true);
                }
                i += 1;
                continue;
            }
            out[i] = Some(true);
            for o in out.iter_mut().skip(i + 1).take(best - 1) {
                *o = Some(false);
            }
            i += best;
        }
        out
    }
}

pub struct Gazetteers {
    places: Phrases,
    /// Companies, clubs, media, parties and armed groups that look like persons or places
    /// (`Goldman Sachs`, `Real Madrid`): a feature, so the tagger learns to leave them out.
    organisations: Phrases,
    /// Given names, surnames and demonyms in lower case, each with its [`GIVEN`], [`SURNAME`]
    /// and [`DEMONYM`] bits: one look-up answers all three for a token.
    names: HashMap<String, u8>,
}

/// A given name (`Sarah`).
pub const GIVEN: u8 = 1;
/// A surname (`Smith`).
pub const SURNAME: u8 = 2;
/// An adjective of nationality (`Syrian`).
pub const DEMONYM: u8 = 8;

/// The gazetteers, parsed on first use.
pub fn get() -> &'static Gazetteers {
    static G: OnceLock<Gazetteers> = OnceLock::new();
    G.get_or_init(|| {
        let mut names: HashMap<String, u8> = HashMap::default();
        for (list, bit) in [
            (GIVEN_NAMES, GIVEN),
            (SURNAMES, SURNAME),
            (DEMONYMS, DEMONYM),
        ] {
            for l in list.lines().filter(|l| !l.is_empty()) {
                *names.entry(l.to_lowercase()).or_default() |= bit;
            }
        }
        Gazetteers {
            places: Phrases::parse(PLACES),
            organisations: Phrases::parse(ORGANISATIONS),
            names,
        }
    })
}

fn slice_cp(s: &str, start: usize, end: usize) -> &str {
    let mut it = s
        .char_indices()
        .map(|(b, _)| b)
        .chain(std::iter::once(s.len()));
    let a = it.clone().nth(start).unwrap_or(s.len());
    let b = it.nth(end).unwrap_or(s.len());
    &s[a..b]
}

fn with_lower<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    let mut buf = [0u8; 24];
    match ascii_lower(word, &mut buf) {
        Some(l) => f(l),
        None => f(&word.to_lowercase()),
    }
}

fn is_shouted(w: &str) -> bool {
    w.chars().count() >= 3 && w.chars().all(|c| c.is_uppercase())
}

fn title_case(w: &str) -> String {
    let mut out = String::with_capacity(w.len());
    for (k, c) in w.chars().enumerate() {
        if k == 0 {
            out.push(c);
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out
}

impl Gazetteers {
    /// The [`GIVEN`], [`SURNAME`] and [`DEMONYM`] bits of `word`, in any case (0: none).
    pub fn name_kinds(&self, word: &str) -> u8 {
        with_lower(word, |l| self.names.get(l).copied().unwrap_or(0))
    }

    pub fn is_given_name(&self, word: &str) -> bool {
        self.name_kinds(word) & GIVEN != 0
    }

    /// `Syrian`, `German`: adjectives of nationality, which are not places (GUIDELINES.md).
    pub fn is_demonym(&self, word: &str) -> bool {
        self.name_kinds(word) & DEMONYM != 0
    }

    pub fn is_surname(&self, word: &str) -> bool {
        self.name_kinds(word) & SURNAME != 0
    }

    /// Marks tokens covered by place names, longest match first: for each token, `Some(true)`
    /// when it starts a match, `Some(false)` inside one. Datelines and headlines shout:
    /// `BRUSSELS` is `Brussels`.
    pub fn place_matches(&self, toks: &[Tok<'_>]) -> Vec<Option<bool>> {
        self.places.matches(toks, true)
    }

    /// [`Self::place_matches`] for the organisation list.
    pub fn organisation_matches(&self, toks: &[Tok<'_>]) -> Vec<Option<bool>> {
        self.organisations.matches(toks, false)
    }
}

#[cfg(test)]
mod tests {
    use super::super::tokens::toks;
    use super::*;

    #[test]
    fn places_match_whole_names_longest_first() {
        let g = get();
        let t = toks("from Bosnia and Herzegovina to New York and Guinea-Bissau");
        let m = g.place_matches(&t);
        let starts: Vec<&str> = t
            .iter()
            .zip(&m)
            .filter(|(_, m)| **m == Some(true))
            .map(|(t, _)| t.text)
            .collect();
        assert_eq!(starts, ["Bosnia", "New", "Guinea"]);
        assert_eq!(m[2], Some(false), "`and` inside Bosnia and Herzegovina");
        assert_eq!(m[7], None, "`and` between two places");
        let t = toks("NAIROBI - Kenyan officials");
        assert_eq!(g.place_matches(&t)[0], Some(true), "a shouted dateline");
    }

    #[test]
    fn names_match_in_any_case() {
        let g = get();
        assert!(g.is_given_name("Sarah") && g.is_given_name("JOHN"));
        assert!(g.is_surname("Smith") && g.is_surname("McDonald"));
        assert!(!g.is_given_name("Syria"));
    }
}
