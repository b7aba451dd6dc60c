//! Features of a token for the PERSON/PLACE tagger, as 32-bit hashes.
//!
//! Hashing instead of strings keeps the model a flat table and the hot loop free of allocation:
//! every feature is `mix(template, value hashes…)`, and per-token value hashes (the word, its
//! lower case, its shape, affixes) are computed once per token and shared by the neighbours'
//! context features.

use super::hash::{HashMap, HashSet};

use super::baseline::{is_name_particle, is_title, is_title_department};
use super::gazetteer;
use super::lexicon::{self, List, Table};
use super::tokens::{ascii_lower, is_capitalised, Tok};
use crate::core::text::TokenKind;

/// FNV-1a over bytes, continuing from `h`.
fn fnv(mut h: u32, bytes: &[u8]) -> u32 {
    for &b in bytes {
        h = (h ^ b as u32).wrapping_mul(0x0100_0193);
    }
    h
}

const FNV0: u32 = 0x811c_9dc5;

pub fn hash_str(s: &str) -> u32 {
    fnv(FNV0, s.as_bytes())
}

/// Combines a template id with value hashes into one feature id.
pub fn mix(template: u32, a: u32, b: u32) -> u32 {
    let mut h = fnv(FNV0, &template.to_le_bytes());
    h = fnv(h, &a.to_le_bytes());
    fnv(h, &b.to_le_bytes())
}

/// `Jean-Marc` → `Xx`, `U.S.` → `X.X.`, `1990s` → `dx`: character classes with runs collapsed.
fn shape(word: &str) -> u32 {
    let mut h = FNV0;
    let mut last = 0u8;
    let mut n = 0;
    for c in word.chars() {
        let k = if c.is_uppercase() {
            b'X'
        } else if c.is_lowercase() {
            b'x'
        } else if c.is_numeric() {
            b'd'
        } else if c.is_alphabetic() {
            b'a'
        } else if (c as u32) < 128 {
            c as u8
        } else {
            b'*'
        };
        if k != last {
            h = fnv(h, &[k]);
            last = k;
            n += 1;
            if n > 6 {
                break;
            }
        }
    }
    h
}

/// What the tagger knows about one token before it decides anything.
#[derive(Clone, Debug)]
pub struct TokenInfo {
    pub lower: u32,
    pub shape: u32,
    /// Capitalised word or initial: the only tokens that can start a name.
    pub cap: bool,
    /// A word token, which alone may begin a name.
    pub can_start: bool,
    /// May be inside a name: words, and punctuation that joins words (`Frank-Walter`) or ends
    /// an initial (`J.`, `U.S.`), but no other punctuation.
    pub can_continue: bool,
    /// 0 other, 1 capitalised word, 2 name particle, 3 lower-case word, 4 punctuation.
    pub case_class: u8,
    /// The word's class learned from unlabelled text ([`word_class`]).
    pub class: WordClass,
}

// Template ids; the numbers are part of the model file's meaning, so never renumber.
const T_BIAS: u32 = 1;
const T_WORD: u32 = 2;
const T_LOWER: u32 = 3;
const T_SHAPE: u32 = 4;
const T_PRE2: u32 = 5;
const T_PRE3: u32 = 6;
const T_SUF2: u32 = 7;
const T_SUF3: u32 = 8;
const T_SUF4: u32 = 9;
const T_PREV: u32 = 10;
const T_NEXT: u32 = 11;
const T_PREV2: u32 = 12;
const T_NEXT2: u32 = 13;
const T_PREV_SHAPE: u32 = 14;
const T_NEXT_SHAPE: u32 = 15;
const T_SENT_START: u32 = 16;
const T_GIVEN: u32 = 17;
const T_SURNAME: u32 = 18;
const T_PLACE: u32 = 19;
const T_PREV_TITLE: u32 = 20;
const T_NEXT_CLITIC: u32 = 21;
const T_SEEN_LOWER: u32 = 22;
const T_BIGRAM_PREV: u32 = 23;
const T_BIGRAM_NEXT: u32 = 24;
const T_KIND: u32 = 25;
const T_TITLE: u32 = 26;
const T_NEXT_GIVEN_SUR: u32 = 27;
const T_PREV_GIVEN: u32 = 28;
const T_PARTICLE: u32 = 29;
const T_SHAPE_CONTEXT: u32 = 30;
const T_PLACE_NEXT: u32 = 31;
const T_PLACE_PREV: u32 = 32;
const T_CAP_RUN: u32 = 33;
const T_HYPHEN_JOIN: u32 = 34;
const T_RUN_HAS_GIVEN: u32 = 35;
const T_RUN_LAST: u32 = 36;
const T_RUN_FIRST: u32 = 37;
const T_RUN_NEXT: u32 = 38;
const T_DEMONYM: u32 = 39;
const T_RUN_HEAD: u32 = 47;
const T_DOC_SURNAME: u32 = 48;
const T_RUN_PREV: u32 = 49;
const T_RUN_APPOS: u32 = 50;
const T_RUN_PREV_CLASS: u32 = 51;
const T_RUN_NEXT_CLASS: u32 = 52;
const T_ORG: u32 = 54;
const T_CLASS: u32 = 55;
const T_CLASS_FINE: u32 = 56;
const T_CLASS_PREV: u32 = 57;
const T_CLASS_NEXT: u32 = 58;
// Features that depend on decisions already taken, added while decoding.
const T_PREV_TAG: u32 = 40;
const T_PREV_TAGS: u32 = 41;
const T_PREV_TAG_SHAPE: u32 = 42;
const T_PREV_TAG_LOWER: u32 = 43;
const T_MEMORY: u32 = 44;
const T_MEMORY_CAP: u32 = 45;
const T_PREV_TAG_CASE: u32 = 46;

pub(super) fn is_sentence_start(toks: &[Tok<'_>], i: usize) -> bool {
    i == 0
        || toks[i].newline_before
        || matches!(
            toks[i - 1].text,
            "." | "!" | "?" | "\"" | "“" | "”" | ":" | ";" | "("
        ) && toks[i - 1].kind == TokenKind::Punct
            // The dot of `Mr.`, `Dr.` or an initial (`J. Smith`) ends no sentence.
            && !(toks[i - 1].text == "."
                && !toks[i - 1].space_before
                && i >= 2
                && (is_title(toks[i - 2].text)
                    || (toks[i - 2].text.chars().count() == 1
                        && is_capitalised(toks[i - 2].text))))
}

fn affix_hash(lower: &str, n: usize, prefix: bool) -> Option<u32> {
    let len = lower.chars().count();
    if len <= n {
        return None;
    }
    let s: &str = if prefix {
        let b = lower.char_indices().nth(n).map(|(b, _)| b)?;
        &lower[..b]
    } else {
        let b = lower.char_indices().nth(len - n).map(|(b, _)| b)?;
        &lower[b..]
    };
    Some(hash_str(s))
}

use gazetteer::{DEMONYM, GIVEN, SURNAME};
const TITLE: u8 = 4;
const _: () = assert!(TITLE & (GIVEN | SURNAME | DEMONYM) == 0);

/// How many tokens [`Features`] keeps tables for at a time: a long text's tables would
/// otherwise cost tens of bytes per token.
pub const WINDOW: usize = 16_384;

/// A document's tokens with what the features need. What the whole document says (gazetteer
/// matches, capitalised runs, words seen in lower case, surnames) is computed once; the
/// per-token tables for one window of tokens at a time ([`Features::each`]). A feature that
/// looks past the window's edge computes that neighbour again, so windows change no feature.
/// The features themselves are produced token by token ([`Features::static_feats`]).
pub struct Features<'t, 'a> {
    toks: &'t [Tok<'a>],
    /// How many tokens a window holds.
    window: usize,
    /// The window's first token; its tables below are indexed from there.
    lo: usize,
    infos: Vec<TokenInfo>,
    /// Hash of the exact word.
    word: Vec<u32>,
    /// Given name, surname, title and demonym bits of every token of the document: a byte
    /// each, computed once, where the runs, the window and its neighbours all need them.
    flags: Vec<u8>,
    /// The capitalised run each token of the window is in.
    run_of: Vec<Option<(u32, u32)>>,
    /// Gazetteer place matches per token (see [`gazetteer::Gazetteers::place_matches`]).
    pub places: Vec<Option<bool>>,
    /// Organisation matches, the same way.
    pub orgs: Vec<Option<bool>>,
    /// The document's capitalised runs, in order ([`cap_runs`]).
    runs: Vec<(u32, u32)>,
    /// Words seen in lower case somewhere in the text: a capitalised `The` or `Reading` at the
    /// start of a sentence is then probably just a word.
    lower_seen: HashSet<&'a str>,
    /// Last words of `Given Surname` runs anywhere in the text: a later `Cabral` alone is
    /// probably the same person (GUIDELINES.md: later mentions by surname are persons too).
    doc_surnames: HashSet<u32>,
    /// Whether half the capitalised words are given no class (training only; see
    /// [`token_infos_for_training`]).
    hide_classes: bool,
}

/// Computes what every feature needs from `toks`.
pub fn token_infos<'t, 'a>(toks: &'t [Tok<'a>]) -> Features<'t, 'a> {
    token_infos_in_windows(toks, WINDOW)
}

/// The share of capitalised words whose class training hides, and the seed of that choice.
const HIDDEN_PERCENT: u32 = 50;
const HIDE_SEED: u32 = 77;

/// [`token_infos`] for training: half the capitalised words (chosen by a hash of the word and
/// its place, so training stays reproducible) are given no word class. Names the class table
/// knows (`Paris`, `Harold`) would otherwise carry the tagger on their classes alone, the
/// weights of spelling and context would stay weak, and a name the table lacks (`Solveig`,
/// `Deepa`: anything beyond 1960s American prose) would be judged on those weak weights;
/// learning from a person's posts full of such names then climbed more slowly.
pub fn token_infos_for_training<'t, 'a>(toks: &'t [Tok<'a>]) -> Features<'t, 'a> {
    let mut fx = token_infos(toks);
    fx.hide_classes = true;
    fx
}

/// [`token_infos`] with windows of `window` tokens.
fn token_infos_in_windows<'t, 'a>(toks: &'t [Tok<'a>], window: usize) -> Features<'t, 'a> {
    let g = gazetteer::get();
    let places = g.place_matches(toks);
    let orgs = g.organisation_matches(toks);
    let mut lower_seen: HashSet<&'a str> = HashSet::default();
    for t in toks {
        if t.kind == TokenKind::Word && t.text.chars().next().is_some_and(char::is_lowercase) {
            lower_seen.insert(t.text);
        }
    }
    let flags: Vec<u8> = (0..toks.len()).map(|i| token_flags(toks, i)).collect();
    let runs = cap_runs(toks);
    let mut doc_surnames = HashSet::default();
    for &(s, e) in &runs {
        let (mut s, e) = (s as usize, e as usize);
        // `General Manuel Belgrano`: the title is no part of the name.
        while s < e && flags[s] & TITLE != 0 {
            s += 1;
        }
        if (2..=4).contains(&(e - s)) && flags[s] & GIVEN != 0 && places[s].is_none() {
            doc_surnames.insert(with_lower(toks[e - 1].text, hash_str));
        }
    }
    Features {
        toks,
        window: window.max(1),
        lo: 0,
        infos: Vec::new(),
        word: Vec::new(),
        flags,
        run_of: Vec::new(),
        places,
        orgs,
        runs,
        lower_seen,
        doc_surnames,
        hide_classes: false,
    }
}

/// Given name, surname, title and demonym bits of token `i`.
fn token_flags(toks: &[Tok<'_>], i: usize) -> u8 {
    let t = &toks[i];
    let mut fl = 0;
    if t.kind == TokenKind::Word {
        // One look-up for the three name lists; their bits are these flags' own.
        fl = gazetteer::get().name_kinds(t.text);
        if is_title(t.text) || is_title_department(toks, i) {
            fl |= TITLE;
        }
    }
    fl
}

/// What the tagger knows about token `i` before it decides anything.
fn token_info(toks: &[Tok<'_>], i: usize) -> TokenInfo {
    let t = &toks[i];
    let cap = t.kind == TokenKind::Word && is_capitalised(t.text);
    let lower = with_lower(t.text, hash_str);
    TokenInfo {
        lower,
        shape: shape(t.text),
        cap,
        can_start: t.kind == TokenKind::Word,
        can_continue: match t.kind {
            TokenKind::Word | TokenKind::Number => true,
            TokenKind::Clitic => false,
            TokenKind::Punct => {
                let glued_word_next = toks
                    .get(i + 1)
                    .is_some_and(|n| !n.space_before && n.kind == TokenKind::Word);
                let initial_dot = t.text == "."
                    && i > 0
                    && !t.space_before
                    && (toks[i - 1].text.chars().count() == 1 || toks[i - 1].text.contains('.'));
                // `St. Louis`, `Mt. Everest`: a short capitalised abbreviation's dot
                // before the rest of the name.
                let abbreviation_dot = t.text == "."
                    && i > 0
                    && !t.space_before
                    && toks[i - 1].text.chars().count() <= 3
                    && is_capitalised(toks[i - 1].text)
                    && toks.get(i + 1).is_some_and(|n| {
                        n.kind == TokenKind::Word && is_capitalised(n.text) && !n.newline_before
                    });
                (matches!(t.text, "-" | "‑" | "'" | "’" | "&") && glued_word_next)
                    || initial_dot
                    || abbreviation_dot
            }
        },
        case_class: if cap {
            1
        } else if is_name_particle(t.text) {
            2
        } else if t.kind == TokenKind::Word {
            3
        } else if t.kind == TokenKind::Punct {
            4
        } else {
            0
        },
        class: if t.kind == TokenKind::Word {
            class_of_lower(lower)
        } else {
            WordClass::default()
        },
    }
}

/// A word's class learned from unlabelled running text (data/lexicon/word-classes.txt, built
/// by scripts/build_word_classes.py): coarse and fine, each plus one; 0 for a word the text
/// had too rarely. A word the training text lacks then shares weights with the words used like
/// it (`towards` with `toward`, `into` and `from`), as Ratinov & Roth's word clusters did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct WordClass {
    pub coarse: u16,
    pub fine: u16,
}

pub(super) fn word_class(word: &str) -> WordClass {
    class_of_lower(with_lower(word, hash_str))
}

/// The class of the word whose lower case hashes ([`hash_str`]) to `lower`. Keyed by the hash
/// the tagger has already computed, not by the word: no second hashing or comparing of the
/// text (a sixteenth of the tagger's time). A word outside the table may share a hash with
/// one in it and take its class, as features share weights by hash: one in about 200,000.
fn class_of_lower(lower: u32) -> WordClass {
    use std::sync::OnceLock;
    static CLASSES: OnceLock<HashMap<u32, WordClass>> = OnceLock::new();
    let classes = CLASSES.get_or_init(|| {
        lexicon::pairs(Table::WordClasses)
            .filter_map(|(word, classes)| {
                let (coarse, fine) = classes.split_once(' ')?;
                let class = WordClass {
                    coarse: coarse.parse::<u16>().ok()?.checked_add(1)?,
                    fine: fine.trim().parse::<u16>().ok()?.checked_add(1)?,
                };
                Some((hash_str(word), class))
            })
            .collect()
    });
    classes.get(&lower).copied().unwrap_or_default()
}

/// Runs `f` on the lower case of `word`, without allocating for ASCII words.
pub(super) fn with_lower<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    let mut buf = [0u8; 24];
    match ascii_lower(word, &mut buf) {
        Some(l) => f(l),
        None => f(&word.to_lowercase()),
    }
}

impl Features<'_, '_> {
    /// How many tokens the document has.
    pub fn len(&self) -> usize {
        self.toks.len()
    }

    pub fn is_empty(&self) -> bool {
        self.toks.is_empty()
    }

    /// Fills the tables for the window that starts at token `lo`.
    fn fill(&mut self, lo: usize) {
        let toks = self.toks;
        let hi = lo.saturating_add(self.window).min(toks.len());
        self.lo = lo;
        self.infos.clear();
        self.word.clear();
        self.run_of.clear();
        for i in lo..hi {
            let mut info = token_info(toks, i);
            if self.hides_class(i) {
                info.class = WordClass::default();
            }
            self.infos.push(info);
            self.word.push(hash_str(toks[i].text));
        }
        self.run_of.resize(hi - lo, None);
        let first = self.runs.partition_point(|r| (r.1 as usize) <= lo);
        for &(s, e) in self.runs[first..]
            .iter()
            .take_while(|r| (r.0 as usize) < hi)
        {
            for i in (s as usize).max(lo)..(e as usize).min(hi) {
                self.run_of[i - lo] = Some((s, e));
            }
        }
    }

    /// Runs `f` on every token in order, with its index and what the tagger knows of it,
    /// moving the window along the document.
    pub fn each(&mut self, mut f: impl FnMut(&Self, usize, &TokenInfo)) {
        let mut lo = 0;
        while lo < self.toks.len() {
            self.fill(lo);
            let this = &*self;
            for (k, info) in this.infos.iter().enumerate() {
                f(this, lo + k, info);
            }
            lo += this.infos.len();
        }
    }

    /// Whether training hides token `j`'s word class.
    fn hides_class(&self, j: usize) -> bool {
        self.hide_classes
            && is_capitalised(self.toks[j].text)
            && mix(hash_str(self.toks[j].text), j as u32, HIDE_SEED) % 100 < HIDDEN_PERCENT
    }

    /// Whether token `j` is in the window.
    fn in_window(&self, j: usize) -> bool {
        j >= self.lo && j - self.lo < self.infos.len()
    }

    /// Lower-case and shape hashes of token `j`, from the window when it is there.
    fn lower_shape(&self, j: usize) -> (u32, u32) {
        if self.in_window(j) {
            let x = &self.infos[j - self.lo];
            (x.lower, x.shape)
        } else {
            let t = self.toks[j].text;
            (with_lower(t, hash_str), shape(t))
        }
    }

    /// Appends the features of token `i`, which is in the window, that do not depend on the
    /// tagger's own decisions.
    pub fn static_feats(&self, i: usize, f: &mut Vec<u32>) {
        const NONE: u32 = 0x5eed;
        let toks = self.toks;
        let t = &toks[i];
        let info = &self.infos[i - self.lo];
        let at = |j: isize| -> (u32, u32) {
            if j < 0 || j as usize >= toks.len() {
                (NONE, NONE)
            } else {
                self.lower_shape(j as usize)
            }
        };
        let flag = |j: usize, bit: u8| self.flags.get(j).is_some_and(|fl| fl & bit != 0);
        let (lower, shp, cap) = (info.lower, info.shape, info.cap);
        let ii = i as isize;
        f.push(mix(T_BIAS, 0, 0));
        f.push(mix(T_WORD, self.word[i - self.lo], 0));
        f.push(mix(T_LOWER, lower, 0));
        f.push(mix(T_SHAPE, shp, 0));
        f.push(mix(T_KIND, t.kind as u32, 0));
        let start = is_sentence_start(toks, i);
        with_lower(t.text, |l| {
            for (tmpl, n, pre) in [
                (T_PRE2, 2, true),
                (T_PRE3, 3, true),
                (T_SUF2, 2, false),
                (T_SUF3, 3, false),
                (T_SUF4, 4, false),
            ] {
                if let Some(h) = affix_hash(l, n, pre) {
                    f.push(mix(tmpl, h, 0));
                }
            }
            if cap && l != t.text && self.lower_seen.contains(l) {
                f.push(mix(T_SEEN_LOWER, start as u32, 0));
            }
        });
        let (p1, ps) = at(ii - 1);
        let (n1, ns) = at(ii + 1);
        f.push(mix(T_PREV, p1, 0));
        f.push(mix(T_NEXT, n1, 0));
        f.push(mix(T_PREV2, at(ii - 2).0, 0));
        f.push(mix(T_NEXT2, at(ii + 2).0, 0));
        f.push(mix(T_PREV_SHAPE, ps, shp));
        f.push(mix(T_NEXT_SHAPE, ns, shp));
        f.push(mix(T_SHAPE_CONTEXT, ps, ns));
        f.push(mix(T_BIGRAM_PREV, p1, lower));
        f.push(mix(T_BIGRAM_NEXT, lower, n1));
        f.push(mix(T_SENT_START, start as u32, shp));
        let class = info.class;
        if class.fine != 0 {
            f.push(mix(T_CLASS, class.coarse as u32, cap as u32));
            f.push(mix(T_CLASS_FINE, class.fine as u32, cap as u32));
        }
        let class_at = |j: usize| match toks.get(j) {
            Some(t) if t.kind == TokenKind::Word => {
                if self.in_window(j) {
                    self.infos[j - self.lo].class
                } else if self.hides_class(j) {
                    WordClass::default()
                } else {
                    word_class(t.text)
                }
            }
            _ => WordClass::default(),
        };
        if i > 0 {
            let c = class_at(i - 1);
            if c.fine != 0 {
                f.push(mix(T_CLASS_PREV, c.fine as u32, cap as u32));
            }
        }
        let c = class_at(i + 1);
        if c.fine != 0 {
            f.push(mix(T_CLASS_NEXT, c.fine as u32, cap as u32));
        }
        if flag(i, GIVEN) {
            f.push(mix(T_GIVEN, cap as u32, 0));
        }
        if flag(i, SURNAME) {
            f.push(mix(T_SURNAME, cap as u32, 0));
        }
        if let Some(b) = self.places[i] {
            f.push(mix(T_PLACE, b as u32, cap as u32));
        }
        if let Some(b) = self.orgs[i] {
            f.push(mix(T_ORG, b as u32, cap as u32));
        }
        if i + 1 < toks.len() {
            if let Some(b) = self.places[i + 1] {
                f.push(mix(T_PLACE_NEXT, b as u32, cap as u32));
            }
            let (g1, s1) = (flag(i + 1, GIVEN), flag(i + 1, SURNAME));
            if g1 || s1 {
                f.push(mix(T_NEXT_GIVEN_SUR, g1 as u32, s1 as u32));
            }
        }
        if i > 0 {
            if let Some(b) = self.places[i - 1] {
                f.push(mix(T_PLACE_PREV, b as u32, cap as u32));
            }
            if flag(i - 1, TITLE) {
                f.push(mix(T_PREV_TITLE, cap as u32, 0));
            }
            if flag(i - 1, GIVEN) {
                f.push(mix(T_PREV_GIVEN, cap as u32, 0));
            }
        }
        if flag(i, TITLE) {
            f.push(mix(T_TITLE, cap as u32, 0));
        }
        if flag(i, DEMONYM) {
            f.push(mix(T_DEMONYM, 0, 0));
        }
        if let Some((s, e)) = self.run_of[i - self.lo] {
            let (s, e) = (s as usize, e as usize);
            let len = (e - s).min(4) as u32;
            let pos = if i == s {
                0
            } else if i + 1 == e {
                2
            } else {
                1
            };
            f.push(mix(T_CAP_RUN, len, pos));
            // Pushed twice when not at a sentence start: weighs the run more than other
            // evidence, which helped in cross-validation.
            f.push(mix(T_CAP_RUN, len, pos + 10 * start as u32));
            if (s..e).any(|k| flag(k, GIVEN)) {
                f.push(mix(T_RUN_HAS_GIVEN, len, pos));
            }
            // The head and the first word of the run say what kind of name it is: `… River`,
            // `… University`, `Lake …`; the word after it too (`… said`, `… province`).
            if e - s > 1 {
                f.push(mix(T_RUN_LAST, self.lower_shape(e - 1).0, pos));
                f.push(mix(T_RUN_FIRST, self.lower_shape(s).0, pos));
            }
            f.push(mix(T_RUN_NEXT, at(e as isize).0, pos));
            // The word before the run, for every word of it: `said …`, `coach …`,
            // `according to …`, `told …`.
            f.push(mix(T_RUN_PREV, at(s as isize - 1).0, pos));
            // The same, by kind of word, so that `novelist …` and `… insisted` teach what
            // `journalist …` and `… said` do even where the training text lacks that word.
            if s > 0 {
                let c = context_class(toks[s - 1].text);
                if c != 0 {
                    f.push(mix(T_RUN_PREV_CLASS, c, pos));
                }
            }
            if let Some(t) = toks.get(e) {
                let c = context_class(t.text);
                if c != 0 {
                    f.push(mix(T_RUN_NEXT_CLASS, c, pos));
                }
            }
            // Apposition after the run: `…, 62,` (an age) or `…, the minister`.
            if toks.get(e).is_some_and(|t| t.text == ",") {
                let appos = match toks.get(e + 1) {
                    Some(t) if t.kind == TokenKind::Number => {
                        1 + toks.get(e + 2).is_some_and(|t| t.text == ",") as u32
                    }
                    Some(t) if matches!(t.text, "the" | "a" | "an" | "who" | "whose") => 3,
                    Some(t) if t.kind == TokenKind::Word && !is_capitalised(t.text) => 4,
                    _ => 0,
                };
                if appos != 0 {
                    f.push(mix(T_RUN_APPOS, appos, pos));
                }
            }
            let head = head_class(toks[e - 1].text);
            if head != 0 {
                f.push(mix(T_RUN_HEAD, head, pos));
            }
        }
        let hyphen = |k: usize| toks[k].text == "-" && !toks[k].space_before;
        if i > 0 && i + 1 < toks.len() && hyphen(i) && !toks[i + 1].space_before {
            let l = is_capitalised(toks[i - 1].text) as u32;
            let r = is_capitalised(toks[i + 1].text) as u32;
            f.push(mix(T_HYPHEN_JOIN, l, r));
        }
        if is_name_particle(t.text) {
            f.push(mix(T_PARTICLE, 0, 0));
        }
        if cap && self.doc_surnames.contains(&lower) {
            let alone = self.run_of[i - self.lo].is_some_and(|(s, e)| e - s == 1);
            f.push(mix(T_DOC_SURNAME, alone as u32, 0));
        }
        if toks.get(i + 1).is_some_and(|n| n.kind == TokenKind::Clitic) {
            f.push(mix(T_NEXT_CLITIC, 0, 0));
        }
    }
}

/// What a word next to a capitalised run says of it: 1 a role or kin noun, which a person's
/// name follows (`the novelist …`, `grandmaster …`, `his wife …`); 2 a verb of speaking or
/// thinking, whose subject or speaker is a person (`… said`, `told …`). 0 neither.
pub(super) fn context_class(word: &str) -> u32 {
    if lexicon::has(List::RoleNouns, word) {
        1
    } else if lexicon::has(List::SpeechVerbs, word) {
        2
    } else {
        0
    }
}

/// What the last word of a capitalised run makes of it: 1 a geographic feature (`… River`,
/// `… County`), 2 an organisation, facility, event or company (`… University`, `… Park`,
/// `… Cup`, `… Holdings`),
/// which are neither persons nor places (GUIDELINES.md); 0 neither. A short closed list
/// generalises where wikigold is too small to learn each head word.
pub(super) fn head_class(word: &str) -> u32 {
    if lexicon::has(List::PlaceHeads, word) {
        1
    } else if lexicon::has(List::OrganisationHeads, word) || lexicon::has(List::CompanyHeads, word)
    {
        2
    } else {
        0
    }
}

/// The token ranges of runs of capitalised words (joined by hyphens, initials' dots and name
/// particles), in order: names are such runs, and their length and the token's
/// place in them tell `Foreign Minister Jean-Marc Ayrault` apart from a lone sentence-initial
/// `The`.
pub(super) fn cap_runs(toks: &[Tok<'_>]) -> Vec<(u32, u32)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if !(toks[i].kind == TokenKind::Word && is_capitalised(toks[i].text)) {
            i += 1;
            continue;
        }
        let mut e = i + 1;
        while e < toks.len() {
            let t = &toks[e];
            let joins = matches!(t.text, "-" | ".") && !t.space_before;
            let word =
                t.kind == TokenKind::Word && (is_capitalised(t.text) || is_name_particle(t.text));
            let joiner = joins
                && toks.get(e + 1).is_some_and(|n| {
                    n.kind == TokenKind::Word
                        && is_capitalised(n.text)
                        && (t.text == "-"
                            || !n.space_before
                            || toks[e - 1].text.chars().count() <= 3)
                });
            if !(word || joiner) {
                break;
            }
            e += 1;
        }
        // A trailing particle (`Tour de`) belongs to what follows, not to the run.
        while e > i + 1 && is_name_particle(toks[e - 1].text) {
            e -= 1;
        }
        out.push((i as u32, e as u32));
        i = e;
    }
    out
}

/// Features that depend on the tags already chosen for earlier tokens and on what earlier
/// sentences of the document were found to be (later mentions by surname alone).
pub fn dynamic_feats(
    info: &TokenInfo,
    prev: u32,
    prev2: u32,
    memory: &HashMap<u32, u8>,
    out: &mut Vec<u32>,
) {
    out.push(mix(T_PREV_TAG, prev, 0));
    out.push(mix(T_PREV_TAGS, prev, prev2));
    out.push(mix(T_PREV_TAG_SHAPE, prev, info.shape));
    out.push(mix(T_PREV_TAG_LOWER, prev, info.lower));
    // Names continue through capitalised words and particles, rarely through other words.
    out.push(mix(T_PREV_TAG_CASE, prev, info.case_class as u32));
    if let Some(&kind) = memory.get(&info.lower) {
        out.push(mix(T_MEMORY, kind as u32, 0));
        out.push(mix(T_MEMORY_CAP, kind as u32, info.cap as u32));
    }
}

/// A fingerprint of the feature templates: the hash of every feature they produce on a fixed
/// text, with a few previous tags and a document memory. A model file records it, so a model
/// trained before a change to this file (or to the word lists it reads) is refused rather than
/// silently tagging with features that now mean something else.
pub fn fingerprint() -> u32 {
    use std::sync::OnceLock;
    static F: OnceLock<u32> = OnceLock::new();
    *F.get_or_init(|| {
        const PROBE: &str = "BERLIN, May 3 (AFP) — Dr. Jean-Marc O'Neill of Kessler Dynamics met \
            President Ana María López-Obrador in New York's Central Park on 3 May 2014.\n\
            \"The U.S. will not wait,\" said Lavrov, a Russian. Later O'Neill flew to São Paulo, \
            Côte d'Ivoire and the Gulf of Guinea with J. R. R. Tolkien and al-Otaibi.";
        let toks = super::tokens::toks(PROBE);
        let mut fx = token_infos(&toks);
        let mut memory = HashMap::default();
        let mut feats = Vec::new();
        let mut h = FNV0;
        fx.each(|fx, i, info| {
            feats.clear();
            fx.static_feats(i, &mut feats);
            dynamic_feats(info, (i % 5) as u32, (i % 3) as u32, &memory, &mut feats);
            if info.cap {
                memory.insert(info.lower, (i % 2) as u8 + 1);
            }
            h = fnv(h, &(feats.len() as u32).to_le_bytes());
            for f in &feats {
                h = fnv(h, &f.to_le_bytes());
            }
            h = fnv(
                h,
                &[
                    info.cap as u8,
                    info.can_start as u8,
                    info.can_continue as u8,
                ],
            );
            h = fnv(h, &[info.case_class]);
        });
        for (p, o) in fx.places.iter().zip(&fx.orgs) {
            h = fnv(h, &[p.map_or(2, u8::from), o.map_or(2, u8::from)]);
        }
        // The classes of words the probe lacks mean something too.
        fnv(h, Table::WordClasses.source().as_bytes())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every token's static features, with windows of `window` tokens.
    fn all_feats(toks: &[Tok<'_>], window: usize) -> Vec<Vec<u32>> {
        feats_of(token_infos_in_windows(toks, window))
    }

    /// Every token's static features, as training sees them.
    fn training_feats(toks: &[Tok<'_>], window: usize) -> Vec<Vec<u32>> {
        let mut fx = token_infos_in_windows(toks, window);
        fx.hide_classes = true;
        feats_of(fx)
    }

    fn feats_of(mut fx: Features<'_, '_>) -> Vec<Vec<u32>> {
        let mut out = Vec::new();
        fx.each(|fx, i, _| {
            let mut f = Vec::new();
            fx.static_feats(i, &mut f);
            out.push(f);
        });
        out
    }

    #[test]
    fn words_used_alike_share_a_class_in_any_case() {
        let towards = word_class("towards");
        assert_ne!(towards, WordClass::default());
        assert_eq!(word_class("Towards"), towards);
        assert_eq!(word_class("TOWARDS"), towards);
        assert_eq!(word_class("toward").fine, towards.fine);
        assert_eq!(word_class("Xqzvbt"), WordClass::default());
        assert_eq!(word_class(""), WordClass::default());
    }

    #[test]
    fn every_word_of_the_class_table_has_its_class() {
        // A line that does not parse would leave its word classless without a word said;
        // classes are found by the hash of the lower-case word, so each word needs its own.
        let words: Vec<&str> = lexicon::pairs(Table::WordClasses).map(|(w, _)| w).collect();
        assert!(words.len() > 10_000);
        for w in &words {
            assert_ne!(word_class(w), WordClass::default(), "{w}");
        }
        let hashes: std::collections::HashSet<u32> = words.iter().map(|w| hash_str(w)).collect();
        assert_eq!(hashes.len(), words.len());
    }

    #[test]
    fn a_word_and_its_neighbours_are_described_by_their_classes() {
        let t = super::super::tokens::toks("went towards Paris");
        let feats = all_feats(&t, 64);
        let (went, towards) = (word_class("went").fine, word_class("towards").fine);
        assert!(feats[1].contains(&mix(T_CLASS_FINE, towards as u32, 0)));
        assert!(feats[1].contains(&mix(T_CLASS_PREV, went as u32, 0)));
        assert!(feats[2].contains(&mix(T_CLASS_PREV, towards as u32, 1)));
        let t = super::super::tokens::toks("went xqzvbt Paris");
        assert!(!all_feats(&t, 64)[1]
            .iter()
            .any(|&f| (0..=300).any(|c| f == mix(T_CLASS_FINE, c, 0))));
    }

    #[test]
    fn windows_change_no_feature() {
        // Runs of names, titles and places that any small window cuts through.
        let text = "Foreign Minister Jean-Marc Ayrault met General Kamal Eddin Hamid in \
                    Bosnia and Herzegovina. Later Ayrault flew to St. Louis, said Dr. J. R. R. \
                    Tolkien of the Ministry of Defence; Tour de France, Ludwig van Beethoven.";
        let toks = super::super::tokens::toks(text);
        let whole = all_feats(&toks, usize::MAX);
        assert_eq!(whole.len(), toks.len());
        let training = training_feats(&toks, usize::MAX);
        for window in [1, 2, 3, 5, 8] {
            assert_eq!(all_feats(&toks, window), whole, "windows of {window}");
            assert_eq!(
                training_feats(&toks, window),
                training,
                "training, windows of {window}"
            );
        }
    }

    #[test]
    fn training_hides_the_class_of_about_half_the_capitalised_words_only() {
        let own_class = |f: &[u32], class: WordClass, cap: bool| {
            f.contains(&mix(T_CLASS_FINE, class.fine as u32, cap as u32))
        };
        let names = [
            "Paris", "Harold", "Boston", "Mary", "London", "George", "Texas", "Helen",
        ];
        let text: Vec<String> = (0..50)
            .map(|k| format!("{} went", names[k % names.len()]))
            .collect();
        let text = text.join(" and ");
        let toks = super::super::tokens::toks(&text);
        let (shown, training) = (all_feats(&toks, 64), training_feats(&toks, 64));
        assert_eq!(training, training_feats(&toks, 64), "the same on every run");
        let mut hidden = 0;
        for (i, t) in toks.iter().enumerate() {
            let class = word_class(t.text);
            assert_ne!(class, WordClass::default(), "{}", t.text);
            let cap = is_capitalised(t.text);
            assert!(own_class(&shown[i], class, cap), "a tagged text hides none");
            if !own_class(&training[i], class, cap) {
                assert!(cap, "`{}` is in lower case", t.text);
                hidden += 1;
            }
        }
        // 50 names: each hidden or not by a hash of the word and its place.
        assert!((15..=35).contains(&hidden), "{hidden} of 50 hidden");
    }
}
