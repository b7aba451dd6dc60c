//! Which label a whole name gets, learned from the person's own spans only.
//!
//! The tagger decides a name's label token by token, with weights that for PERSON and PLACE
//! come from thousands of shipped examples and for a label the person taught (ORG, MISC) from a
//! few dozen: where a taught label's names look like places (`Bowling Green Falcons`,
//! `Connecticut Lottery`) the shipped label wins, and where they look like nothing the shipped
//! model was taught (acronyms, bands, firms) the tagger begins no name at all. This small
//! averaged perceptron sees each name as a whole (its words, its head, the words around it,
//! the gazetteers' say) and is trained from nothing on the person's documents: every span,
//! every label alike, and every capitalised run that is no span as no name ([`NO_NAME`]). So
//! it knows the person's conventions and none of the shipped model's.
//!
//! Recognising, it does three things (`recognize_text`): it relabels the names the tagger
//! found, the tagger's label counting [`PRIOR`] more, but never a person and never into a
//! person (PERSON is what the shipped model knows best: letting the labeler touch it cost
//! Wikigold PERSON 0.83 -> 0.71); it makes a name inside a longer capitalised run the whole
//! run, with a taught label, where it prefers that ([`SpanLabeler::whole_run`]); and it
//! proposes a taught label for a capitalised run the tagger left alone when it prefers that
//! label to no name. Learning trains it only when the person taught
//! a label of their own, and keeps it only when progressive validation says it found more of
//! the person's spans right than wrong (see `learning.rs`). BENCHMARKS.md, "A span labeler
//! learned from the person's spans", has the figures.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::features::{context_class, hash_str, head_class, mix, with_lower};
use super::gazetteer::{self, GIVEN, SURNAME};
use super::hash::HashMap;
use super::overlaps::Overlaps;
use super::perceptron::shuffle;
use super::rules;
use super::tokens::{is_capitalised, Tok};
use crate::core::document::{PERSON, PLACE};
use crate::core::text::TokenKind;

/// What the tagger's own label is worth against the labeler's scores (in the labeler's
/// quantised units, [`SCALE`] per unit of weight).
pub const PRIOR: i64 = 6000;

/// Weights are kept as integers: this many per unit.
const SCALE: f64 = 1000.0;

/// Passes over the person's spans.
const PASSES: usize = 5;

/// The labeler: per feature, one weight per label.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpanLabeler {
    pub labels: Vec<String>,
    pub weights: BTreeMap<u32, Vec<i32>>,
    /// The taught labels whose names the tagger found are taken away where the labeler finds
    /// no name there ([`SpanLabeler::no_name`]): those whose F1 in progressive validation
    /// clearly rose with that (`learning::vetoes_gain`). An older file has none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub vetoes: Vec<String>,
    /// `weights` hashed, made when first needed: recognising looks up every name's features.
    #[serde(skip)]
    index: Index,
}

/// A cache of the weights; two are always equal (it holds nothing the weights do not).
#[derive(Clone, Debug, Default)]
struct Index(std::sync::OnceLock<HashMap<u32, Vec<i32>>>);

impl PartialEq for Index {
    fn eq(&self, _: &Index) -> bool {
        true
    }
}

impl Eq for Index {}

// Template ids of the span features (a namespace of their own: these never reach the tagger).
const S_BIAS: u32 = 9001;
const S_WORD: u32 = 9002;
const S_FIRST: u32 = 9003;
const S_LAST: u32 = 9004;
const S_PREV: u32 = 9005;
const S_NEXT: u32 = 9006;
const S_PREV2: u32 = 9007;
const S_NEXT2: u32 = 9008;
const S_LEN: u32 = 9009;
const S_SUF3: u32 = 9010;
const S_SHAPE: u32 = 9011;
const S_PLACE: u32 = 9012;
const S_ORG: u32 = 9013;
const S_NAME: u32 = 9014;
const S_HEAD: u32 = 9015;
const S_CONTEXT: u32 = 9016;
const S_START: u32 = 9017;
const S_WHOLE: u32 = 9018;
const S_PREV_NEXT: u32 = 9019;
const S_SUF4: u32 = 9020;

fn lower_hash(w: &str) -> u32 {
    with_lower(w, hash_str)
}

fn suffix_hash(w: &str, n: usize) -> Option<u32> {
    with_lower(w, |l| {
        let len = l.chars().count();
        let at = l.char_indices().nth(len.checked_sub(n)?)?.0;
        (len > n).then(|| hash_str(&l[at..]))
    })
}

/// A word's case: 0 lower, 1 capitalised, 2 all capitals (an acronym), 3 other.
fn case_of(w: &str) -> u32 {
    let letters: Vec<char> = w.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.is_empty() {
        3
    } else if letters.len() > 1 && letters.iter().all(|c| c.is_uppercase()) {
        2
    } else if is_capitalised(w) {
        1
    } else {
        0
    }
}

/// The features of the name over tokens `s..e`.
pub fn span_feats(
    toks: &[Tok<'_>],
    places: &[Option<bool>],
    orgs: &[Option<bool>],
    s: usize,
    e: usize,
) -> Vec<u32> {
    let mut f = Vec::with_capacity(32);
    if s >= e || e > toks.len() {
        return f;
    }
    const NONE: u32 = 0x5eed;
    let word = |j: isize| -> u32 {
        if j < 0 || j as usize >= toks.len() {
            NONE
        } else {
            lower_hash(toks[j as usize].text)
        }
    };
    let words: Vec<&Tok<'_>> = toks[s..e]
        .iter()
        .filter(|t| t.kind == TokenKind::Word || t.kind == TokenKind::Number)
        .collect();
    f.push(mix(S_BIAS, 0, 0));
    let whole = toks[s..e]
        .iter()
        .fold(0, |h, t| mix(S_WHOLE, h, lower_hash(t.text)));
    f.push(mix(S_WHOLE, whole, 0));
    for t in &words {
        f.push(mix(S_WORD, lower_hash(t.text), 0));
    }
    let first = toks[s].text;
    let last = toks[e - 1].text;
    f.push(mix(S_FIRST, lower_hash(first), 0));
    f.push(mix(S_LAST, lower_hash(last), 0));
    if let Some(h) = suffix_hash(last, 3) {
        f.push(mix(S_SUF3, h, 0));
    }
    if let Some(h) = suffix_hash(last, 4) {
        f.push(mix(S_SUF4, h, 0));
    }
    let (si, ei) = (s as isize, e as isize);
    f.push(mix(S_PREV, word(si - 1), 0));
    f.push(mix(S_NEXT, word(ei), 0));
    f.push(mix(S_PREV2, word(si - 2), word(si - 1)));
    f.push(mix(S_NEXT2, word(ei), word(ei + 1)));
    f.push(mix(S_PREV_NEXT, word(si - 1), word(ei)));
    f.push(mix(S_LEN, words.len().min(5) as u32, 0));
    let shape = words
        .iter()
        .take(4)
        .fold(0u32, |h, t| h.wrapping_mul(7).wrapping_add(case_of(t.text)));
    f.push(mix(S_SHAPE, shape, words.len().min(5) as u32));
    for (k, w) in words.iter().enumerate().take(1) {
        f.push(mix(S_SHAPE, 100 + case_of(w.text), k as u32));
    }
    let place_all = (s..e).all(|i| places.get(i).is_some_and(Option::is_some));
    let place_any = (s..e).any(|i| places.get(i).is_some_and(Option::is_some));
    f.push(mix(S_PLACE, place_all as u32, place_any as u32));
    let org_any = (s..e).any(|i| orgs.get(i).is_some_and(Option::is_some));
    f.push(mix(S_ORG, org_any as u32, 0));
    let g = gazetteer::get();
    let given = g.name_kinds(first) & GIVEN != 0;
    let surname = g.name_kinds(last) & SURNAME != 0;
    f.push(mix(S_NAME, given as u32, surname as u32));
    f.push(mix(S_HEAD, head_class(last), 0));
    if s > 0 {
        f.push(mix(S_CONTEXT, 1, context_class(toks[s - 1].text)));
    }
    if let Some(t) = toks.get(e) {
        f.push(mix(S_CONTEXT, 2, context_class(t.text)));
    }
    let start = super::features::is_sentence_start(toks, s);
    f.push(mix(
        S_START,
        start as u32,
        rules::is_function_word(first) as u32,
    ));
    f
}

/// What the labeler learns from one document with `spans` (code points): every span of a
/// label in `labels`, and, when `labels` has [`NO_NAME`], every capitalised run that overlaps
/// no span as no name; each with the index of its label.
pub fn examples(
    text: &str,
    spans: &[(usize, usize, &str)],
    labels: &[String],
) -> Vec<(Vec<u32>, usize)> {
    let toks = super::tokens::toks(text);
    let g = gazetteer::get();
    let (places, orgs) = (g.place_matches(&toks), g.organisation_matches(&toks));
    let mut out = Vec::new();
    for &(start, end, label) in spans {
        let Some(k) = labels.iter().position(|l| l == label) else {
            continue;
        };
        let a = toks.partition_point(|t| t.end() <= start);
        let b = toks.partition_point(|t| t.start() < end);
        if a < b {
            out.push((span_feats(&toks, &places, &orgs, a, b), k));
        }
    }
    if let Some(none) = labels.iter().position(|l| l == NO_NAME) {
        let marked = Overlaps::new(spans.iter().map(|s| (s.0, s.1)));
        for (a, b) in candidate_runs(&toks) {
            let (cs, ce) = (toks[a].start(), toks[b - 1].end());
            if marked.count(cs, ce) == 0 {
                out.push((span_feats(&toks, &places, &orgs, a, b), none));
            }
        }
    }
    out
}

/// Trains a labeler one name at a time; [`LabelerTrainer::finish`] averages.
struct LabelerTrainer {
    labels: Vec<String>,
    w: BTreeMap<u32, Vec<f64>>,
    total: BTreeMap<u32, Vec<f64>>,
    stamp: BTreeMap<u32, Vec<u64>>,
    clock: u64,
}

impl LabelerTrainer {
    fn new(labels: Vec<String>) -> LabelerTrainer {
        LabelerTrainer {
            labels,
            w: BTreeMap::new(),
            total: BTreeMap::new(),
            stamp: BTreeMap::new(),
            clock: 0,
        }
    }

    /// One update: the name with features `feats` has label `gold` (an index into the labels).
    fn learn(&mut self, feats: &[u32], gold: usize) {
        let n = self.labels.len();
        if gold >= n {
            return;
        }
        self.clock += 1;
        let mut scores = vec![0f64; n];
        for f in feats {
            if let Some(r) = self.w.get(f) {
                for (s, x) in scores.iter_mut().zip(r) {
                    *s += x;
                }
            }
        }
        let guess = argmax(&scores);
        if guess == gold {
            return;
        }
        for f in feats {
            let r = self.w.entry(*f).or_insert_with(|| vec![0.0; n]);
            let t = self.total.entry(*f).or_insert_with(|| vec![0.0; n]);
            let st = self.stamp.entry(*f).or_insert_with(|| vec![0; n]);
            for (l, d) in [(gold, 1.0), (guess, -1.0)] {
                t[l] += (self.clock - st[l]) as f64 * r[l];
                st[l] = self.clock;
                r[l] += d;
            }
        }
    }

    fn quantised(&self, weight: impl Fn(u32, usize, f64) -> f64) -> SpanLabeler {
        let weights = self
            .w
            .iter()
            .filter_map(|(&f, r)| {
                let q: Vec<i32> = r
                    .iter()
                    .enumerate()
                    .map(|(l, &x)| (weight(f, l, x) * SCALE).round() as i32)
                    .collect();
                q.iter().any(|&x| x != 0).then_some((f, q))
            })
            .collect();
        SpanLabeler {
            labels: self.labels.clone(),
            weights,
            vetoes: Vec::new(),
            index: Index::default(),
        }
    }

    /// The averaged weights.
    fn finish(self) -> SpanLabeler {
        let clock = self.clock.max(1);
        self.quantised(|f, l, x| {
            let t = self.total.get(&f).map_or(0.0, |t| t[l]);
            let st = self.stamp.get(&f).map_or(0, |s| s[l]);
            (t + (clock - st) as f64 * x) / clock as f64
        })
    }
}

/// Trains the labeler on `spans` (features and the index of their label in `labels`): the
/// first pass in order, the rest shuffled with a fixed seed; `None` when there is nothing to
/// tell apart.
pub fn train(labels: Vec<String>, spans: &[(Vec<u32>, usize)]) -> Option<SpanLabeler> {
    if labels.len() < 2 || spans.is_empty() {
        return None;
    }
    let mut t = LabelerTrainer::new(labels);
    let mut order: Vec<usize> = (0..spans.len()).collect();
    let mut seed: u64 = 0x1abe_1000;
    for pass in 0..PASSES {
        if pass > 0 {
            shuffle(&mut order, &mut seed);
        }
        for &k in &order {
            t.learn(&spans[k].0, spans[k].1);
        }
    }
    Some(t.finish())
}

fn argmax<T: PartialOrd + Copy>(scores: &[T]) -> usize {
    let mut best = 0;
    for (i, s) in scores.iter().enumerate() {
        if *s > scores[best] {
            best = i;
        }
    }
    best
}

/// The label of capitalised runs that are no name, in training.
pub const NO_NAME: &str = "";

/// Capitalised runs that could be names: [`features::cap_runs`], less a sentence's first word
/// when that is a word of grammar (`The`, `In`).
pub fn candidate_runs(toks: &[Tok<'_>]) -> Vec<(usize, usize)> {
    super::features::cap_runs(toks)
        .into_iter()
        .filter_map(|(s, e)| {
            let (mut s, e) = (s as usize, e as usize);
            if super::features::is_sentence_start(toks, s) && rules::is_function_word(toks[s].text)
            {
                s += 1;
            }
            (s < e).then_some((s, e))
        })
        .collect()
}

impl SpanLabeler {
    fn scores(
        &self,
        toks: &[Tok<'_>],
        places: &[Option<bool>],
        orgs: &[Option<bool>],
        s: usize,
        e: usize,
    ) -> Vec<i64> {
        let mut scores = vec![0i64; self.labels.len()];
        let index = self
            .index
            .0
            .get_or_init(|| self.weights.iter().map(|(k, v)| (*k, v.clone())).collect());
        for f in span_feats(toks, places, orgs, s, e) {
            if let Some(r) = index.get(&f) {
                for (x, y) in scores.iter_mut().zip(r) {
                    *x += *y as i64;
                }
            }
        }
        scores
    }

    /// A name the tagger found inside a longer capitalised run (`Perth` of `Perth Glory`,
    /// `Ohio` of `Ohio Senate`): the taught label the whole run gets, when the labeler prefers
    /// the run as that label both to the name as the tagger labelled it and to no name. A
    /// person is left alone.
    pub fn whole_run<'l>(
        &self,
        toks: &[Tok<'_>],
        places: &[Option<bool>],
        orgs: &[Option<bool>],
        span: (usize, usize, &'l str),
        run: (usize, usize),
        labels: &'l [String],
    ) -> Option<&'l str> {
        if span.2 == PERSON {
            return None;
        }
        let k = self.labels.iter().position(|l| l == span.2)?;
        let own = self.scores(toks, places, orgs, span.0, span.1)[k];
        let whole = self.scores(toks, places, orgs, run.0, run.1);
        let none = self
            .labels
            .iter()
            .position(|l| l == NO_NAME)
            .map_or(i64::MIN, |i| whole[i]);
        let (best, &score) = self
            .labels
            .iter()
            .zip(&whole)
            .filter(|(l, _)| *l != NO_NAME && *l != PERSON && *l != PLACE)
            .max_by_key(|(_, s)| **s)?;
        if score <= own || score <= none {
            return None;
        }
        labels.iter().find(|l| *l == best).map(String::as_str)
    }

    /// Whether a name the tagger found with one of [`SpanLabeler::vetoes`] is no name by the
    /// labeler: it scores no name above the label. A taught label with few examples makes the
    /// tagger begin names at capitalised words of every kind (`University`, `Railroad`, a
    /// letter of `B&SR`); the labeler has seen the person's runs that are no name.
    pub fn no_name(
        &self,
        toks: &[Tok<'_>],
        places: &[Option<bool>],
        orgs: &[Option<bool>],
        (s, e, label): (usize, usize, &str),
    ) -> bool {
        if !self.vetoes.iter().any(|v| v == label) {
            return false;
        }
        let (Some(k), Some(none)) = (
            self.labels.iter().position(|l| l == label),
            self.labels.iter().position(|l| l == NO_NAME),
        ) else {
            return false;
        };
        let scores = self.scores(toks, places, orgs, s, e);
        scores[none] > scores[k]
    }

    /// A name the tagger missed: the label of one of `taught` that the run `s..e` gets, when
    /// the labeler prefers it to no name at all.
    pub fn propose<'l>(
        &self,
        toks: &[Tok<'_>],
        places: &[Option<bool>],
        orgs: &[Option<bool>],
        (s, e): (usize, usize),
        taught: &[&'l str],
    ) -> Option<&'l str> {
        let none = self.labels.iter().position(|l| l == NO_NAME)?;
        let scores = self.scores(toks, places, orgs, s, e);
        let best = argmax(&scores);
        if best == none {
            return None;
        }
        taught.iter().find(|l| **l == self.labels[best]).copied()
    }

    /// The label the name over `s..e` gets, given the tagger said `tagged`: the labeler's
    /// best, with the tagger's label counting [`PRIOR`] more. A label the labeler does not
    /// know is left as it is.
    pub fn relabel<'l>(
        &self,
        toks: &[Tok<'_>],
        places: &[Option<bool>],
        orgs: &[Option<bool>],
        span: (usize, usize, &'l str),
        labels: &'l [String],
    ) -> &'l str {
        let (s, e, tagged) = span;
        let Some(k) = self.labels.iter().position(|l| l == tagged) else {
            return tagged;
        };
        if tagged == PERSON {
            return tagged;
        }
        let mut scores = self.scores(toks, places, orgs, s, e);
        scores[k] += PRIOR;
        for (i, l) in self.labels.iter().enumerate() {
            if l == PERSON || l == NO_NAME {
                scores[i] = i64::MIN;
            }
        }
        let best = argmax(&scores);
        if scores[best] <= scores[k] {
            return tagged;
        }
        labels
            .iter()
            .find(|l| **l == self.labels[best])
            .map_or(tagged, String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::document::PLACE;
    use crate::core::recognizer::tokens::toks;

    /// (start, end, label) in code points of each `(words, label)`, every occurrence.
    fn marked<'a>(text: &str, names: &[(&str, &'a str)]) -> Vec<(usize, usize, &'a str)> {
        let mut out = Vec::new();
        for &(w, label) in names {
            for (b, _) in text.match_indices(w) {
                let start = text[..b].chars().count();
                out.push((start, start + w.chars().count(), label));
            }
        }
        out
    }

    fn labels() -> Vec<String> {
        ["ORG", PERSON, PLACE, NO_NAME].map(String::from).to_vec()
    }

    /// A labeler trained on texts where acronyms and `… Corp` are ORG.
    fn trained() -> SpanLabeler {
        let docs: [(&str, &[(&str, &str)]); 4] = [
            (
                "Yesterday the NCAA fined Acme Corp. Maria Lopez of the ACLU said Leeds agreed.",
                &[
                    ("NCAA", "ORG"),
                    ("Acme Corp", "ORG"),
                    ("Maria Lopez", PERSON),
                    ("ACLU", "ORG"),
                    ("Leeds", PLACE),
                ],
            ),
            (
                "Later the NBC sued Brill Corp in York. However, Tom Hale of the RFL left.",
                &[
                    ("NBC", "ORG"),
                    ("Brill Corp", "ORG"),
                    ("York", PLACE),
                    ("Tom Hale", PERSON),
                    ("RFL", "ORG"),
                ],
            ),
            (
                "Then the FIFA paid Zant Corp. Meanwhile Ana Ruiz of the IOC flew to Lima.",
                &[
                    ("FIFA", "ORG"),
                    ("Zant Corp", "ORG"),
                    ("Ana Ruiz", PERSON),
                    ("IOC", "ORG"),
                    ("Lima", PLACE),
                ],
            ),
            (
                "Today the UEFA met Kolt Corp in Oslo. Sadly Ben Ford of the ICC was ill.",
                &[
                    ("UEFA", "ORG"),
                    ("Kolt Corp", "ORG"),
                    ("Oslo", PLACE),
                    ("Ben Ford", PERSON),
                    ("ICC", "ORG"),
                ],
            ),
        ];
        let ex: Vec<_> = docs
            .iter()
            .flat_map(|(text, names)| examples(text, &marked(text, names), &labels()))
            .collect();
        train(labels(), &ex).expect("four labels, many examples")
    }

    /// Gazetteer matches per token, as the labeler is given them.
    type Matches = Vec<Option<bool>>;

    /// The tokens of `text`, their place and organisation matches, and the tokens `a..b` that
    /// `words` covers.
    fn run_of(text: &str, words: &str) -> (Vec<Tok<'static>>, Matches, Matches, usize, usize) {
        let text: &'static str = Box::leak(text.to_string().into_boxed_str());
        let t = toks(text);
        let &(s, e, _) = marked(text, &[(words, "")]).first().expect("in the text");
        let a = t.partition_point(|x| x.end() <= s);
        let b = t.partition_point(|x| x.start() < e);
        let g = gazetteer::get();
        let (p, o) = (g.place_matches(&t), g.organisation_matches(&t));
        (t, p, o, a, b)
    }

    #[test]
    fn a_run_the_tagger_left_is_proposed_with_the_taught_label_it_looks_like() {
        let l = trained();
        let text = "Last week the WAFL fined Grobe Corp. Sadly Tom Hale said so.";
        for (words, want) in [
            ("WAFL", Some("ORG")),
            ("Grobe Corp", Some("ORG")),
            // A name the person marked as a person is the tagger's to find, never proposed.
            ("Tom Hale", None),
            ("Sadly", None),
        ] {
            let (t, p, o, a, b) = run_of(text, words);
            assert_eq!(l.propose(&t, &p, &o, (a, b), &["ORG"]), want, "{words}");
        }
    }

    #[test]
    fn a_place_may_become_a_taught_label_but_a_person_stays_and_none_is_made() {
        let l = trained();
        let labels = labels();
        let text = "Last week the WAFL fined Grobe Corp. Sadly Tom Hale said so.";
        let (t, p, o, a, b) = run_of(text, "Grobe Corp");
        // The tagger called the firm a place: the labeler, sure of ORG, says so.
        assert_eq!(l.relabel(&t, &p, &o, (a, b, PLACE), &labels), "ORG");
        // A person the tagger found stays a person whatever the labeler thinks.
        assert_eq!(l.relabel(&t, &p, &o, (a, b, PERSON), &labels), PERSON);
        // Nothing becomes a person, and a label the labeler never saw is left alone.
        let (t, p, o, a, b) = run_of(text, "Tom Hale");
        assert_ne!(l.relabel(&t, &p, &o, (a, b, PLACE), &labels), PERSON);
        assert_eq!(l.relabel(&t, &p, &o, (a, b, "DRUG"), &labels), "DRUG");
    }

    #[test]
    fn a_place_that_begins_a_longer_name_gives_way_to_the_whole_name() {
        let l = trained();
        let labels = labels();
        let text = "Last week Lima Corp fined the WAFL.";
        let (t, p, o, a, b) = run_of(text, "Lima Corp");
        // The tagger found the place `Lima`; the person's spans say `… Corp` is a firm.
        let lima = (a, a + 1, PLACE);
        assert_eq!(l.whole_run(&t, &p, &o, lima, (a, b), &labels), Some("ORG"));
        // A person the tagger found is left alone.
        let person = (a, a + 1, PERSON);
        assert_eq!(l.whole_run(&t, &p, &o, person, (a, b), &labels), None);
    }

    #[test]
    fn a_taught_name_the_labeler_finds_no_name_goes_only_for_a_vetoing_label() {
        let mut l = trained();
        let text = "Last week the WAFL fined Grobe Corp. Sadly Tom Hale said so.";
        // The tagger, with few ORG examples, began an ORG at a sentence's first word.
        let (t, p, o, a, b) = run_of(text, "Sadly");
        let (wt, wp, wo, wa, wb) = run_of(text, "WAFL");
        assert!(
            !l.no_name(&t, &p, &o, (a, b, "ORG")),
            "no vetoes, nothing goes"
        );
        l.vetoes = vec!["ORG".into()];
        assert!(l.no_name(&t, &p, &o, (a, b, "ORG")));
        assert!(
            !l.no_name(&wt, &wp, &wo, (wa, wb, "ORG")),
            "an acronym stays"
        );
        // Never a person or a place: their names are the tagger's.
        assert!(!l.no_name(&t, &p, &o, (a, b, PLACE)));
        assert!(!l.no_name(&t, &p, &o, (a, b, PERSON)));
        // A labeler from an older file has no vetoes.
        let mut json = serde_json::to_value(&l).unwrap();
        json.as_object_mut().unwrap().remove("vetoes");
        let old: SpanLabeler = serde_json::from_value(json).unwrap();
        assert!(old.vetoes.is_empty());
        assert!(!old.no_name(&t, &p, &o, (a, b, "ORG")));
    }

    #[test]
    fn nothing_to_tell_apart_trains_no_labeler() {
        assert!(train(labels(), &[]).is_none());
        assert!(train(vec!["ORG".into()], &[(vec![1, 2], 0)]).is_none());
    }
}
