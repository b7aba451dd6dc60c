//! Name lists (data/gazetteers, built by scripts/build_gazetteers.py from open data; see
//! data/gazetteers/SOURCES.md), embedded so the browser needs no file or network.

use super::hash::HashMap;
use super::lexicon::HashSet;
use std::sync::{Mutex, OnceLock};

use super::tokens::{ascii_lower, Tok};
use crate::core::text::each_token;

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
        let mut phrases = Phrases::empty();
        phrases.add(list);
        phrases
    }

    fn empty() -> Phrases {
        Phrases {
            joined: HashSet::default(),
            starts: HashSet::default(),
            first_bytes: [false; 256],
        }
    }

    /// Adds the names of `lines`, whole lines of a list.
    fn add(&mut self, lines: &str) {
        let mut words: Vec<&str> = Vec::new();
        for line in lines
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        {
            line_words(line, &mut words);
            if words.is_empty() || words.len() > MAX_PHRASE_TOKENS {
                continue;
            }
            if let Some(&b) = words[0].as_bytes().first() {
                self.first_bytes[b as usize] = true;
            }
            self.starts.insert(words[0].to_string());
            self.joined.insert(words.join(" "));
        }
    }

    /// How many words from `i` the longest name starting there covers (0: none); `word(k)` is
    /// the `k`th of `len` words.
    fn longest_at<'w>(
        &self,
        word: impl Fn(usize) -> &'w str,
        len: usize,
        i: usize,
        key: &mut String,
    ) -> usize {
        let text = word(i);
        let may_start = text
            .as_bytes()
            .first()
            .is_none_or(|&b| self.first_bytes[b as usize]);
        if !may_start || !self.starts.contains(text) {
            return 0;
        }
        let mut best = 0;
        key.clear();
        for n in 1..=MAX_PHRASE_TOKENS.min(len - i) {
            if n > 1 {
                key.push(' ');
            }
            key.push_str(word(i + n - 1));
            if self.joined.contains(key.as_str()) {
                best = n;
            }
        }
        best
    }

    /// For each of `len` words, `Some(true)` when it starts a match, `Some(false)` inside one;
    /// `shout` also matches a shouted single word (`BRUSSELS`) by its title case.
    fn matches<'w>(
        &self,
        word: impl Fn(usize) -> &'w str,
        len: usize,
        shout: bool,
    ) -> Vec<Option<bool>> {
        let mut out = vec![None; len];
        let mut key = String::new();
        let mut i = 0;
        while i < len {
            let best = self.longest_at(&word, len, i, &mut key);
            if best == 0 {
                if shout && is_shouted(word(i)) && self.joined.contains(&title_case(word(i))) {
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

/// The name lists, each read from its text on first use (or by [`ready_step`]).
pub struct Gazetteers {
    places: OnceLock<Phrases>,
    /// Companies, clubs, media, parties and armed groups that look like persons or places
    /// (`Goldman Sachs`, `Real Madrid`): a feature, so the tagger learns to leave them out.
    organisations: OnceLock<Phrases>,
    /// Given names, surnames and demonyms in lower case, each with its [`GIVEN`], [`SURNAME`]
    /// and [`DEMONYM`] bits: one look-up answers all three for a token.
    names: OnceLock<HashMap<String, u8>>,
}

/// A given name (`Sarah`).
pub const GIVEN: u8 = 1;
/// A surname (`Smith`).
pub const SURNAME: u8 = 2;
/// An adjective of nationality (`Syrian`).
pub const DEMONYM: u8 = 8;

/// The gazetteers, each list parsed on first use.
pub fn get() -> &'static Gazetteers {
    static G: Gazetteers = Gazetteers {
        places: OnceLock::new(),
        organisations: OnceLock::new(),
        names: OnceLock::new(),
    };
    &G
}

/// What [`ready_step`] reads of a list of names at most in one call.
const STEP_BYTES: usize = 40_000;

/// Reads the next part of the lists not read yet (at most [`STEP_BYTES`] of a list of names),
/// or says there is none left: a page calls it once a task before it first recognises, so no
/// one task reads them all. A list asked for before its parts are all read is read whole then.
pub fn ready_step() -> bool {
    let g = get();
    if g.places.get().is_none() {
        step_phrases(&g.places, PLACES);
    } else if g.organisations.get().is_none() {
        step_phrases(&g.organisations, ORGANISATIONS);
    } else if g.names.get().is_none() {
        g.names();
    } else {
        return true;
    }
    false
}

/// A list being read in parts: which list (its text's address), its names so far, and how
/// far into its text.
type Reading = Option<(usize, Phrases, usize)>;

/// The list [`ready_step`] is reading.
static READING: Mutex<Reading> = Mutex::new(None);

fn step_phrases(lock: &OnceLock<Phrases>, list: &str) {
    let mut reading = READING.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(phrases) = read_part(&mut reading, list, STEP_BYTES) {
        let _ = lock.set(phrases);
    }
}

/// Reads the next `step` bytes of `list` (to the end of a line) into `reading`, starting anew
/// if it held another list; the names, once the list is all read.
fn read_part(reading: &mut Reading, list: &str, step: usize) -> Option<Phrases> {
    let which = list.as_ptr() as usize;
    if reading.as_ref().is_none_or(|(w, _, _)| *w != which) {
        *reading = Some((which, Phrases::empty(), 0));
    }
    let (_, phrases, at) = reading.as_mut()?;
    let from = (*at + step).min(list.len());
    let end = list.as_bytes()[from..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(list.len(), |i| from + i + 1);
    phrases.add(&list[*at..end]);
    *at = end;
    if end < list.len() {
        return None;
    }
    reading.take().map(|(_, phrases, _)| phrases)
}

/// A list line's words as the tokenizer finds them. Most lines are plain words of ASCII
/// letters with single spaces, whose tokens are those words: they skip the word-boundary rules,
/// which made reading the lists the page's longest task at its start.
fn line_words<'a>(line: &'a str, words: &mut Vec<&'a str>) {
    words.clear();
    let plain = line
        .split(' ')
        .all(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_alphabetic()));
    if plain {
        words.extend(line.split(' '));
    } else {
        each_token(line, |_, bytes| words.push(&line[bytes]));
    }
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
    fn places(&self) -> &Phrases {
        self.places.get_or_init(|| Phrases::parse(PLACES))
    }

    fn organisations(&self) -> &Phrases {
        self.organisations
            .get_or_init(|| Phrases::parse(ORGANISATIONS))
    }

    fn names(&self) -> &HashMap<String, u8> {
        self.names.get_or_init(|| {
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
            names
        })
    }

    /// The [`GIVEN`], [`SURNAME`] and [`DEMONYM`] bits of `word`, in any case (0: none).
    pub fn name_kinds(&self, word: &str) -> u8 {
        with_lower(word, |l| self.names().get(l).copied().unwrap_or(0))
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

    /// Whether the name lists know `word` as a given name or a surname.
    pub fn is_given_or_surname(&self, word: &str) -> bool {
        self.name_kinds(word) & (GIVEN | SURNAME) != 0
    }

    /// Marks tokens covered by place names, longest match first: for each token, `Some(true)`
    /// when it starts a match, `Some(false)` inside one. Datelines and headlines shout:
    /// `BRUSSELS` is `Brussels`.
    pub fn place_matches(&self, toks: &[Tok<'_>]) -> Vec<Option<bool>> {
        self.places().matches(|k| toks[k].text, toks.len(), true)
    }

    /// For each of `words` (whole words, in Title Case: a headline's), whether a place name
    /// of one or more of them covers it, longest match first (`New`, `Zealand` of `NEW
    /// ZEALAND`).
    pub fn place_words(&self, words: &[String]) -> Vec<bool> {
        self.places()
            .matches(|k| words[k].as_str(), words.len(), false)
            .into_iter()
            .map(|m| m.is_some())
            .collect()
    }

    /// [`Self::place_matches`] for the organisation list.
    pub fn organisation_matches(&self, toks: &[Tok<'_>]) -> Vec<Option<bool>> {
        self.organisations()
            .matches(|k| toks[k].text, toks.len(), false)
    }
}

#[cfg(test)]
mod tests {
    use super::super::tokens::toks;
    use super::*;

    #[test]
    fn every_list_line_is_read_as_the_tokenizer_reads_it() {
        let mut words = Vec::new();
        let mut plain = 0;
        for list in [PLACES, ORGANISATIONS, GIVEN_NAMES, SURNAMES, DEMONYMS] {
            for line in list.lines() {
                line_words(line, &mut words);
                let offsets = crate::core::text::OffsetMap::new(line);
                let tokens: Vec<&str> = crate::core::text::tokenize(line)
                    .iter()
                    .map(|t| offsets.slice(line, t.start, t.end).unwrap())
                    .collect();
                assert_eq!(words, tokens, "{line:?}");
                if list == PLACES {
                    plain += line.bytes().all(|b| b.is_ascii_alphabetic() || b == b' ') as usize;
                }
            }
        }
        assert!(plain > 10_000, "most places take the plain path: {plain}");
    }

    #[test]
    fn a_list_read_in_parts_has_the_names_it_has_read_whole() {
        let whole = Phrases::parse(PLACES);
        for step in [1, 997, 40_000] {
            let mut reading: Reading = None;
            // Another list begun and left: reading this one starts anew.
            assert!(read_part(&mut reading, ORGANISATIONS, 10).is_none());
            let mut parts = 1;
            let parted = loop {
                match read_part(&mut reading, PLACES, step) {
                    Some(p) => break p,
                    None => parts += 1,
                }
            };
            // A part is `step` bytes and the rest of its last line.
            let longest = PLACES.lines().map(str::len).max().unwrap() + 1;
            assert!(parts >= PLACES.len() / (step + longest), "{parts}");
            assert!(parts <= PLACES.len() / step + 1, "{parts}");
            assert!(parted.joined == whole.joined && parted.starts == whole.starts);
            assert_eq!(parted.first_bytes, whole.first_bytes);
            assert!(reading.is_none());
        }
    }

    #[test]
    fn the_lists_are_ready_after_some_steps() {
        let mut steps = 0;
        while !ready_step() {
            steps += 1;
            assert!(steps <= 12, "about 160 KB of lists, 40 KB a step");
        }
        assert!(ready_step(), "and stay ready");
        assert!(get().is_given_name("Sarah") && get().is_demonym("Syrian"));
    }

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
