//! Learning from a person's corrections: the perceptron continues from a recogniser's weights
//! with documents a person annotated, for any label they use.
//!
//! Each document is first scored against the model as it was (progressive validation: the
//! figures a person sees are on text the model had not learned yet), then learned; then a few
//! more passes in a shuffled but fixed order, with news of the shipped model's own training
//! rehearsed among them (see `REHEARSAL`), and the weights are averaged. The same documents
//! in the same order always give the same model. Progressive validation also decides, per
//! label the person taught, whether its spans are grown to whole capitalised runs
//! ([`History::whole_runs`]), and whether the span labeler learned from the person's spans
//! ([`spanlabel`], [`History::labeler`]) is kept.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::perceptron::{example, person_place, shuffle, Model, Trainer};
use super::spanlabel::{self, SpanLabeler};
use super::{recognize_growing, Recognizer};
use crate::core::document::{Span, NUMBER, PERSON, PLACE};

/// Passes over the documents: the first in their order (scoring each before learning it),
/// the rest shuffled.
pub const PASSES: usize = 5;

/// The shuffle's seed: fixed, so learning is reproducible.
const SEED: u64 = 0x5eed_1234;

/// News the shipped model was trained on, rehearsed while learning (one of these documents per
/// document learned, in the shuffled passes): without it, a register whose capitalised words
/// are nearly always names (forum posts) teaches the features of case and position that a
/// capitalised word at a sentence start (`He`, `Separately`, `Aid`) is a person, and news loses
/// 0.06 PERSON F1. Rehearsal updates only the starting model's labels (see
/// [`Trainer::rehearse`]). BENCHMARKS.md, "Replay benchmark", has the figures.
const REHEARSAL: &str = include_str!("../../../data/train/news-train-a.jsonl");

/// The rehearsal documents, parsed once.
fn rehearsal() -> &'static [LearnDoc] {
    static DOCS: std::sync::OnceLock<Vec<LearnDoc>> = std::sync::OnceLock::new();
    DOCS.get_or_init(|| {
        REHEARSAL
            .lines()
            .filter_map(|l| serde_json::from_str::<LearnDoc>(l).ok())
            .filter(|d| d.check().is_ok())
            .collect()
    })
}

/// One span a person made, in code points; `text`, when given, must be what the text holds
/// there (a check that the spans belong to this text).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LearnSpan {
    pub start: usize,
    pub end: usize,
    pub label: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

/// One document to learn from: its text and every span in it (what is not a span is taught as
/// not a name).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LearnDoc {
    #[serde(default)]
    pub id: String,
    pub text: String,
    #[serde(default)]
    pub spans: Vec<LearnSpan>,
}

impl LearnDoc {
    /// What the span labeler learns from this document for `labels` ([`spanlabel::examples`]).
    pub fn labeler_examples(&self, labels: &[String]) -> Vec<(Vec<u32>, usize)> {
        let spans: Vec<_> = self
            .spans
            .iter()
            .map(|s| (s.start, s.end, s.label.as_str()))
            .collect();
        spanlabel::examples(&self.text, &spans, labels)
    }

    /// A document from its text and spans (as the page has them).
    pub fn from_spans(id: &str, text: &str, spans: &[Span]) -> LearnDoc {
        LearnDoc {
            id: id.to_string(),
            text: text.to_string(),
            spans: spans
                .iter()
                .map(|s| LearnSpan {
                    start: s.start,
                    end: s.end,
                    label: s.label.to_string(),
                    text: None,
                })
                .collect(),
        }
    }

    /// Why the spans do not fit the text, if they do not.
    pub fn check(&self) -> Result<(), String> {
        let chars: Vec<char> = self.text.chars().collect();
        for s in &self.spans {
            if s.label.trim().is_empty() {
                return Err(format!("a span at {}–{} has no label", s.start, s.end));
            }
            if s.start >= s.end || s.end > chars.len() {
                return Err(format!(
                    "the {} span at {}–{} lies outside the text ({} characters)",
                    s.label,
                    s.start,
                    s.end,
                    chars.len()
                ));
            }
            if let Some(t) = &s.text {
                let there: String = chars[s.start..s.end].iter().collect();
                if *t != there {
                    return Err(format!(
                        "the {} span at {}–{} says “{t}” but the text there is “{there}”",
                        s.label, s.start, s.end
                    ));
                }
            }
        }
        Ok(())
    }
}

/// Exact-span matches of one document, scored before it was learned.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocScore {
    /// Suggestions that were exactly the person's spans.
    pub matched: usize,
    pub suggested: usize,
    pub gold: usize,
}

impl DocScore {
    /// F1; `None` for a document with nothing to find and nothing found.
    pub fn f1(&self) -> Option<f64> {
        let denom = self.suggested + self.gold;
        (denom > 0).then(|| 2.0 * self.matched as f64 / denom as f64)
    }

    pub fn add(&mut self, o: &DocScore) {
        self.matched += o.matched;
        self.suggested += o.suggested;
        self.gold += o.gold;
    }
}

/// What a recogniser has learned since the shipped model, kept in its model file.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct History {
    /// Documents learned from.
    pub docs: usize,
    /// Spans learned from, per label.
    pub spans: BTreeMap<String, usize>,
    /// Each learned document's score against the model as it was just before.
    pub curve: Vec<DocScore>,
    /// Fingerprints of the documents learned (text and spans): a workspace relearns only when
    /// its done documents are not these.
    #[serde(default)]
    pub seen: BTreeSet<u64>,
    /// Per taught label, how many more of the person's spans progressive validation found
    /// exactly with the label's spans grown to whole capitalised runs than without (negative:
    /// fewer). The labels that gain are grown when recognising (see [`History::grown`]).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub whole_runs: BTreeMap<String, i64>,
    /// Which label a whole name gets, learned from the person's spans when they taught a label
    /// of their own (see [`spanlabel`]); an older file has none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub labeler: Option<SpanLabeler>,
}

impl History {
    /// The taught labels whose spans are grown to whole capitalised runs: those for which that
    /// found more of the person's spans, on documents not yet learned, than it lost.
    pub fn grown(&self) -> Vec<&str> {
        self.whole_runs
            .iter()
            .filter(|(_, &gain)| gain > 0)
            .map(|(l, _)| l.as_str())
            .collect()
    }
}

/// What one round of learning did.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LearnReport {
    /// Documents learned from.
    pub learned: usize,
    /// Spans learned from, per label.
    pub spans: BTreeMap<String, usize>,
    /// Documents left out, with the reason: (id, why).
    pub skipped: Vec<(String, String)>,
    /// Labels the model did not have before.
    pub new_labels: Vec<String>,
    /// Labels that could not be added (a name too long, too many labels).
    pub refused_labels: Vec<String>,
    /// Whether NUMBER is now learned rather than left to the grammar: the person's numbers
    /// differed from the grammar's.
    pub number_taught: bool,
    /// Progressive validation: each document's score before it was learned, in order.
    pub scores: Vec<DocScore>,
    /// How long the learning took, where a clock was at hand (the page's worker).
    #[serde(default)]
    pub millis: Option<u32>,
}

/// Exact matches of `pred` against `gold`, over the labels in `scored`.
pub fn score(pred: &[Span], gold: &[LearnSpan], scored: &BTreeSet<String>) -> DocScore {
    let g: BTreeSet<(usize, usize, &str)> = gold
        .iter()
        .filter(|s| scored.contains(&s.label))
        .map(|s| (s.start, s.end, s.label.as_str()))
        .collect();
    let p: BTreeSet<(usize, usize, &str)> = pred
        .iter()
        .filter(|s| scored.contains(s.label.as_str()))
        .map(|s| (s.start, s.end, s.label.as_str()))
        .collect();
    DocScore {
        matched: p.intersection(&g).count(),
        suggested: p.len(),
        gold: g.len(),
    }
}

/// The NUMBER spans a document has, as (start, end).
fn numbers_in<'a>(
    spans: impl Iterator<Item = (usize, usize, &'a str)>,
) -> BTreeSet<(usize, usize)> {
    spans
        .filter(|s| s.2 == NUMBER)
        .map(|s| (s.0, s.1))
        .collect()
}

impl LearnReport {
    /// One line for the status line; `None` when there was nothing to say.
    pub fn summary(&self) -> Option<String> {
        let mut parts = Vec::new();
        if self.learned > 0 {
            let spans: Vec<String> = self.spans.iter().map(|(l, n)| format!("{n} {l}")).collect();
            parts.push(format!(
                "Learned from {} document{} ({})",
                self.learned,
                if self.learned == 1 { "" } else { "s" },
                if spans.is_empty() {
                    "no spans".to_string()
                } else {
                    spans.join(", ")
                }
            ));
        }
        for (id, why) in &self.skipped {
            parts.push(format!("Skipped “{id}”: {why}"));
        }
        for l in &self.refused_labels {
            parts.push(format!(
                "Cannot learn label “{l}” (name too long, or too many labels)"
            ));
        }
        (!parts.is_empty()).then(|| parts.join(". "))
    }
}

/// A stable fingerprint of a document's text and spans (FNV-1a, 64 bits).
fn doc_hash(d: &LearnDoc) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |b: &[u8]| {
        for &x in b {
            h = (h ^ x as u64).wrapping_mul(0x0100_0000_01b3);
        }
        h = (h ^ 0xff).wrapping_mul(0x0100_0000_01b3);
    };
    eat(d.text.as_bytes());
    for s in &d.spans {
        eat(&(s.start as u64).to_le_bytes());
        eat(&(s.end as u64).to_le_bytes());
        eat(s.label.as_bytes());
    }
    h
}

/// Spans right less spans wrong: what progressive validation asks of the span labeler.
fn net(s: &DocScore) -> i64 {
    2 * s.matched as i64 - s.suggested as i64
}

/// Whether taking away the names the labeler finds no name raises a label's F1, from its
/// scores without (`kept`) and with (`vetoed`) that on the same documents. The F1 rises when
/// fewer than F1/2 of the names taken away were right; asked here with a margin of one
/// standard deviation of that count: the labeler kept is trained on more documents than the
/// ones validation scored with, and a label on the edge lost on unseen documents what it won
/// in validation (Wikigold MISC at 50 documents, three folds of five: 0.27-0.32 → 0.28-0.33
/// in validation, 0.04-0.05 lower on the held-out fold).
fn vetoes_gain(kept: &DocScore, vetoed: &DocScore) -> bool {
    let taken = kept.suggested as f64 - vetoed.suggested as f64;
    let right = kept.matched as f64 - vetoed.matched as f64;
    if taken <= 0.0 {
        return vetoed.matched * (kept.suggested + kept.gold)
            > kept.matched * (vetoed.suggested + vetoed.gold);
    }
    let half_f1 = kept.matched as f64 / (kept.suggested + kept.gold).max(1) as f64;
    let expected = taken * half_f1;
    right < expected - (expected * (1.0 - half_f1)).sqrt()
}

impl Recognizer {
    /// Learns `docs` afresh on top of this recogniser (the workspace's starting point: the
    /// shipped model or an imported one) to replace the recogniser whose history is `previous`,
    /// which learned an earlier set of them; `None` when it has learned exactly these already. Relearning from the
    /// start rather than piling each document onto the last model keeps one document from
    /// counting more the earlier it was done. The accuracy curve goes on from `previous`'s,
    /// with the documents it had not learned.
    ///
    /// [`LearningJob`] carries the same to a Web Worker and back.
    pub fn relearn(
        &self,
        docs: &[LearnDoc],
        previous: &History,
    ) -> Option<(Recognizer, LearnReport)> {
        let valid: Vec<&LearnDoc> = docs.iter().filter(|d| d.check().is_ok()).collect();
        let mut wanted = self.history.seen.clone();
        wanted.extend(valid.iter().map(|d| doc_hash(d)));
        if wanted == previous.seen && docs.len() == valid.len() {
            return None;
        }
        let (mut learned, report) = self.learn(docs);
        let mut curve = previous.curve.clone();
        for (d, s) in valid.iter().zip(&report.scores) {
            if !previous.seen.contains(&doc_hash(d)) {
                curve.push(*s);
            }
        }
        learned.history.curve = curve;
        learned.file = std::sync::OnceLock::new();
        Some((learned, report))
    }

    /// A new recogniser that has learned `docs` on top of this one (see the module's comment).
    /// Documents whose spans do not fit their text are skipped and reported.
    pub fn learn(&self, docs: &[LearnDoc]) -> (Recognizer, LearnReport) {
        let mut report = LearnReport::default();
        let valid: Vec<&LearnDoc> = docs
            .iter()
            .filter(|d| match d.check() {
                Ok(()) => true,
                Err(why) => {
                    report.skipped.push((d.id.clone(), why));
                    false
                }
            })
            .collect();
        if valid.is_empty() {
            return (self.clone(), report);
        }
        // NUMBER keeps its grammar unless the person's numbers say otherwise.
        report.number_taught = valid.iter().any(|d| {
            let mine = numbers_in(d.spans.iter().map(|s| (s.start, s.end, s.label.as_str())));
            !mine.is_empty() && {
                let found = self.recognize(&d.text);
                mine != numbers_in(found.iter().map(|s| (s.start, s.end, s.label.as_str())))
            }
        });
        let used: BTreeSet<String> = valid
            .iter()
            .flat_map(|d| d.spans.iter().map(|s| s.label.clone()))
            .collect();
        let mut model = self
            .model
            .clone()
            .unwrap_or_else(|| Model::empty(person_place()));
        for label in &used {
            if (label == NUMBER && !report.number_taught) || model.label_index(label).is_some() {
                continue;
            }
            if model.add_label(label) {
                report.new_labels.push(label.clone());
            } else {
                report.refused_labels.push(label.clone());
            }
        }
        let data: Vec<_> = valid
            .iter()
            .map(|d| {
                let spans = d.spans.iter().map(|s| (s.start, s.end, s.label.as_str()));
                example(&d.text, spans, model.labels())
            })
            .collect();
        // Rehearsal teaches PERSON and PLACE (the rehearsal documents know no other label),
        // when the starting model has them where the shipped one does.
        let shipped_labels = person_place();
        let rehearse: Vec<_> = if model.labels().starts_with(&shipped_labels) {
            rehearsal()
                .iter()
                .take(data.len())
                .map(|d| {
                    let spans = d.spans.iter().map(|s| (s.start, s.end, s.label.as_str()));
                    example(&d.text, spans, &shipped_labels)
                })
                .collect()
        } else {
            Vec::new()
        };
        let rehearsed_tags = Model::empty(shipped_labels.clone()).n_tags();
        // Labels whose spans may be grown to whole capitalised runs: the person's own, not
        // PERSON and PLACE, which have rules of their own.
        let growable: Vec<String> = model
            .labels()
            .iter()
            .filter(|l| *l != PERSON && *l != PLACE && used.contains(*l))
            .cloned()
            .collect();
        let growable_refs: Vec<&str> = growable.iter().map(String::as_str).collect();
        let mut whole_runs = self.history.whole_runs.clone();
        // The span labeler, when the person taught a label of their own: its labels are the
        // person's (numbers aside) and no name.
        let labeler_labels: Option<Vec<String>> = growable.iter().any(|l| l != NUMBER).then(|| {
            let mut l: Vec<String> = used.iter().filter(|l| *l != NUMBER).cloned().collect();
            l.push(spanlabel::NO_NAME.to_string());
            l
        });
        // Filled in the first pass, a document at a time.
        let mut labeler_data: Vec<Vec<(Vec<u32>, usize)>> = Vec::new();
        // Spans right less spans wrong with the labeler than without, on documents not yet
        // learned: the labeler is kept only when this is positive.
        let mut labeler_gain: i64 = 0;
        // Per taught label, its exact matches on documents not yet learned with the labeler
        // as it is and with the labeler taking away the tagger's names of that label that it
        // finds no name: where that gives the higher F1, the kept labeler does
        // ([`SpanLabeler::vetoes`], [`vetoes_gain`]).
        let vetoable: Vec<String> = growable.iter().filter(|l| *l != NUMBER).cloned().collect();
        let mut veto_scores: BTreeMap<String, (DocScore, DocScore)> = BTreeMap::new();
        // The labeler trained on the documents so far, without vetoes and with every one.
        let mut pv_labeler: Option<(SpanLabeler, SpanLabeler)> = None;
        let mut trainer = Trainer::from_model(model);
        for (i, (d, (t, g))) in valid.iter().zip(&data).enumerate() {
            // Scored as the recogniser would be now, which grows the labels that have gained
            // so far; where some label could be grown, also with and without growing, to learn
            // which gain.
            let plain = recognize_growing(&d.text, Some(trainer.current()), &[]);
            let grown: BTreeSet<String> = growable
                .iter()
                .filter(|l| whole_runs.get(*l).is_some_and(|&g| g > 0))
                .cloned()
                .collect();
            if growable.is_empty() {
                report.scores.push(score(&plain, &d.spans, &used));
            } else {
                // Growing changes nothing where the tagger found none of these labels.
                let all = if plain.iter().any(|s| growable.iter().any(|g| *g == s.label)) {
                    recognize_growing(&d.text, Some(trainer.current()), &growable_refs)
                } else {
                    plain.clone()
                };
                let rest: BTreeSet<String> = used.difference(&grown).cloned().collect();
                let mut s = score(&plain, &d.spans, &rest);
                s.add(&score(&all, &d.spans, &grown));
                if let Some(labels) = &labeler_labels {
                    // Scored with a labeler trained as the kept one is, on the documents
                    // before this one; retrained when their count doubles, so that the cost
                    // stays within twice the kept one's.
                    if i.is_power_of_two() {
                        let so_far: Vec<_> = labeler_data.iter().flatten().cloned().collect();
                        pv_labeler = spanlabel::train(labels.clone(), &so_far).map(|l| {
                            let mut every = l.clone();
                            every.vetoes = vetoable.clone();
                            (l, every)
                        });
                    }
                    if let Some((plain_labeler, every)) = &pv_labeler {
                        let grown_refs: Vec<&str> = grown.iter().map(String::as_str).collect();
                        let with = |l: &SpanLabeler| {
                            super::recognize_taught(
                                &d.text,
                                Some(trainer.current()),
                                &grown_refs,
                                Some(l),
                            )
                        };
                        let (kept, vetoed) = (with(plain_labeler), with(every));
                        // Scored as the labeler would be now: vetoing for the labels that
                        // have gained so far.
                        let mut scored = DocScore::default();
                        for l in &used {
                            let one: BTreeSet<String> = [l.clone()].into();
                            let on = veto_scores.get(l).is_some_and(|(k, v)| vetoes_gain(k, v));
                            scored.add(&score(if on { &vetoed } else { &kept }, &d.spans, &one));
                        }
                        for l in &vetoable {
                            let one: BTreeSet<String> = [l.clone()].into();
                            let both = veto_scores.entry(l.clone()).or_default();
                            both.0.add(&score(&kept, &d.spans, &one));
                            both.1.add(&score(&vetoed, &d.spans, &one));
                        }
                        labeler_gain += net(&scored) - net(&s);
                        if labeler_gain > 0 {
                            s = scored;
                        }
                    }
                    labeler_data.push(d.labeler_examples(labels));
                }
                report.scores.push(s);
                for l in &growable {
                    let one: BTreeSet<String> = [l.clone()].into();
                    let gain = score(&all, &d.spans, &one).matched as i64
                        - score(&plain, &d.spans, &one).matched as i64;
                    *whole_runs.entry(l.clone()).or_default() += gain;
                }
            }
            trainer.learn(t, g);
        }
        let mut order: Vec<usize> = (0..data.len() + rehearse.len()).collect();
        let mut seed = SEED;
        for _ in 1..PASSES {
            shuffle(&mut order, &mut seed);
            for &k in &order {
                match data.get(k) {
                    Some((t, g)) => trainer.learn(t, g),
                    None => {
                        let (t, g) = &rehearse[k - data.len()];
                        trainer.rehearse(t, g, rehearsed_tags)
                    }
                };
            }
        }
        report.learned = valid.len();
        for d in &valid {
            for s in &d.spans {
                *report.spans.entry(s.label.clone()).or_default() += 1;
            }
        }
        let mut history = self.history.clone();
        history.docs += report.learned;
        for (l, n) in &report.spans {
            *history.spans.entry(l.clone()).or_default() += n;
        }
        history.curve.extend(report.scores.iter().copied());
        history.seen.extend(valid.iter().map(|d| doc_hash(d)));
        history.whole_runs = whole_runs;
        if let Some(labels) = labeler_labels {
            history.labeler = if labeler_gain > 0 {
                let all: Vec<_> = labeler_data.into_iter().flatten().collect();
                spanlabel::train(labels, &all).map(|mut l| {
                    l.vetoes = veto_scores
                        .iter()
                        .filter(|(_, (k, v))| vetoes_gain(k, v))
                        .map(|(l, _)| l.clone())
                        .collect();
                    l
                })
            } else {
                None
            };
        }
        (Recognizer::from_model(trainer.finish(), history), report)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::document::{PERSON, PLACE};

    fn doc(id: &str, text: &str, spans: &[(&str, &str)]) -> LearnDoc {
        // Every occurrence of each (word, label).
        let mut out = Vec::new();
        for (word, label) in spans {
            let chars: Vec<char> = text.chars().collect();
            let w: Vec<char> = word.chars().collect();
            let mut i = 0;
            while i + w.len() <= chars.len() {
                if chars[i..i + w.len()] == w[..] {
                    out.push(LearnSpan {
                        start: i,
                        end: i + w.len(),
                        label: label.to_string(),
                        text: Some(word.to_string()),
                    });
                    i += w.len();
                } else {
                    i += 1;
                }
            }
        }
        out.sort_by_key(|s| s.start);
        LearnDoc {
            id: id.into(),
            text: text.into(),
            spans: out,
        }
    }

    fn labelled(r: &Recognizer, text: &str) -> Vec<(String, String)> {
        let chars: Vec<char> = text.chars().collect();
        r.recognize(text)
            .iter()
            .map(|s| (chars[s.start..s.end].iter().collect(), s.label.to_string()))
            .collect()
    }

    #[test]
    fn names_are_taken_away_only_when_that_clearly_raises_the_label_s_f1() {
        let ds = |matched, suggested, gold| DocScore {
            matched,
            suggested,
            gold,
        };
        // F1 0.39 (169 right of 521, 346 to find): taking away 123 names of which 10 were
        // right raises it to 0.43.
        assert!(vetoes_gain(&ds(169, 521, 346), &ds(159, 398, 346)));
        // F1 0.32: taking away 58 names of which 7 were right raises it to 0.33, but 7 is
        // within one standard deviation of the 9.2 that would leave it as it was.
        assert!(!vetoes_gain(&ds(64, 217, 186), &ds(57, 159, 186)));
        // As right as the rest: no gain.
        assert!(!vetoes_gain(&ds(50, 100, 100), &ds(25, 50, 100)));
        // More found once names went (a run freed for a name of its own): a gain.
        assert!(vetoes_gain(&ds(54, 204, 213), &ds(59, 148, 213)));
        // Nothing taken away: the higher F1 decides.
        assert!(vetoes_gain(&ds(10, 20, 20), &ds(11, 20, 20)));
        assert!(!vetoes_gain(&ds(10, 20, 20), &ds(10, 20, 20)));
        assert!(!vetoes_gain(&DocScore::default(), &DocScore::default()));
    }

    #[test]
    fn only_labels_that_gained_from_whole_runs_are_grown() {
        let h = History {
            whole_runs: [("ORG".into(), 3), ("MISC".into(), 0), ("DRUG".into(), -2)].into(),
            ..History::default()
        };
        assert_eq!(h.grown(), ["ORG"]);
        // A model file from before keeps reading, growing nothing.
        let old: History = serde_json::from_str(r#"{"docs":1,"spans":{},"curve":[]}"#).unwrap();
        assert!(old.grown().is_empty());
        assert_eq!(old.labeler, None, "and relabels nothing");
    }

    const DRUG_DOC: &str = "The patient was given Zorvexin on Monday. Zorvexin lowered the fever, \
        and a second dose of Zorvexin followed in Leeds, said Maria Lopez.";

    #[test]
    fn a_new_label_is_learned_from_three_examples_and_suggested_in_new_text() {
        let shipped = Recognizer::shipped();
        let new_text = "Doctors in Cardiff now prescribe Zorvexin to children.";
        assert!(!labelled(&shipped, new_text)
            .iter()
            .any(|(_, l)| l == "DRUG"));
        let d = doc(
            "a",
            DRUG_DOC,
            &[
                ("Zorvexin", "DRUG"),
                ("Leeds", "PLACE"),
                ("Maria Lopez", "PERSON"),
            ],
        );
        let (learned, report) = shipped.learn(&[d]);
        assert_eq!(report.learned, 1);
        assert_eq!(report.new_labels, ["DRUG"]);
        assert_eq!(report.spans["DRUG"], 3);
        assert!(
            labelled(&learned, new_text).contains(&("Zorvexin".into(), "DRUG".into())),
            "{:?}",
            labelled(&learned, new_text)
        );
        // What it knew stays: the place of the new text is still a place.
        assert!(labelled(&learned, new_text).contains(&("Cardiff".into(), "PLACE".into())));
        // A rule that makes a lone word after `said` a person does not touch a taught label.
        let said = "Nothing worked, said Zorvexin.";
        assert!(labelled(&learned, said).contains(&("Zorvexin".into(), "DRUG".into())));
        assert_eq!(learned.history().docs, 1);
        assert_eq!(learned.history().spans["DRUG"], 3);
    }

    #[test]
    fn learning_is_deterministic_and_survives_the_model_file() {
        let docs = [
            doc("a", DRUG_DOC, &[("Zorvexin", "DRUG"), ("Leeds", "PLACE")]),
            doc(
                "b",
                "Acme Holdings hired Ana Ruiz in Lima. Acme Holdings grew.",
                &[
                    ("Acme Holdings", "ORG"),
                    ("Ana Ruiz", "PERSON"),
                    ("Lima", "PLACE"),
                ],
            ),
        ];
        let (a, _) = Recognizer::shipped().learn(&docs);
        let (b, _) = Recognizer::shipped().learn(&docs);
        let bytes = a.to_bytes();
        assert_eq!(bytes, b.to_bytes(), "same documents, same model");
        let again = Recognizer::from_bytes(&bytes).unwrap();
        assert_eq!(again.labels(), ["PERSON", "PLACE", "DRUG", "ORG"]);
        assert_eq!(again.history(), a.history());
        let text = "Acme Holdings sold Zorvexin in Lima to Ana Ruiz.";
        assert_eq!(
            again.recognize(text),
            a.recognize(text),
            "quantised weights agree"
        );
        // Relearning the same documents from the start changes nothing; one more is learned
        // with the others, and the curve goes on with it alone.
        let shipped = Recognizer::shipped();
        assert!(shipped.relearn(&docs, a.history()).is_none());
        let more = doc(
            "c",
            "Zorvexin reached York.",
            &[("Zorvexin", "DRUG"), ("York", "PLACE")],
        );
        let all = [docs[0].clone(), docs[1].clone(), more];
        let (c, report) = shipped.relearn(&all, a.history()).unwrap();
        assert_eq!(report.learned, 3);
        assert_eq!(c.history().docs, 3);
        assert_eq!(
            c.history().curve.len(),
            3,
            "two from before and the new one"
        );
        assert_eq!(c.history().curve[..2], a.history().curve[..]);
    }

    /// Match reports where clubs are named after their towns: the person calls a club ORG and
    /// its town a PLACE, and bands and firms ORG too.
    fn club_docs() -> Vec<LearnDoc> {
        let texts = [
            "The Leeds Rhinos beat the Wigan Warriors 24-10 in Leeds on Sunday, said coach Tom Hale. \
             Fans of the Wigan Warriors travelled from Wigan by train.",
            "In Bradford, the Bradford Bulls lost to the Hull Kingstons. Anna Price of the BBC said \
             the Bradford Bulls would appeal to the RFL.",
            "The Warrington Wolves signed Sam Okafor from the Salford Reds. Warrington is a town \
             in Cheshire, and the Warrington Wolves play at home on Fridays.",
            "The Castleford Tigers and the Leeds Rhinos met in Castleford. Ben Ford, who coaches \
             the Castleford Tigers, blamed the referee and the RFL.",
            "Sky Sports showed the Huddersfield Giants against the Wakefield Trinity in Wakefield. \
             The Huddersfield Giants won, said Mia Clarke of Sky Sports.",
            "The Salford Reds visited Hull, where the Hull Kingstons had not lost since May. \
             Jo Reid of the BBC reported from Hull for the RFL.",
        ];
        let spans: [&[(&str, &str)]; 6] = [
            &[
                ("Leeds Rhinos", "ORG"),
                ("Wigan Warriors", "ORG"),
                ("Leeds on", "x"),
                ("Tom Hale", "PERSON"),
                ("from Wigan", "x"),
            ],
            &[
                ("Bradford,", "x"),
                ("Bradford Bulls", "ORG"),
                ("Hull Kingstons", "ORG"),
                ("Anna Price", "PERSON"),
                ("BBC", "ORG"),
                ("RFL", "ORG"),
            ],
            &[
                ("Warrington Wolves", "ORG"),
                ("Sam Okafor", "PERSON"),
                ("Salford Reds", "ORG"),
                ("Warrington is", "x"),
                ("Cheshire", "PLACE"),
            ],
            &[
                ("Castleford Tigers", "ORG"),
                ("Leeds Rhinos", "ORG"),
                ("in Castleford", "x"),
                ("Ben Ford", "PERSON"),
                ("RFL", "ORG"),
            ],
            &[
                ("Sky Sports", "ORG"),
                ("Huddersfield Giants", "ORG"),
                ("Wakefield Trinity", "ORG"),
                ("in Wakefield", "x"),
                ("Mia Clarke", "PERSON"),
            ],
            &[
                ("Salford Reds", "ORG"),
                ("Hull,", "x"),
                ("Hull Kingstons", "ORG"),
                ("Jo Reid", "PERSON"),
                ("BBC", "ORG"),
                ("from Hull", "x"),
                ("RFL", "ORG"),
            ],
        ];
        texts
            .iter()
            .zip(spans)
            .enumerate()
            .map(|(i, (text, spans))| {
                // A town is marked by its word alone: "x" entries mark the town in the words
                // around it.
                let mut d = doc(&format!("club{i}"), text, spans);
                let chars: Vec<char> = text.chars().collect();
                for s in d.spans.iter_mut().filter(|s| s.label == "x") {
                    let words: String = chars[s.start..s.end].iter().collect();
                    let town = words
                        .split(|c: char| !c.is_alphabetic())
                        .find(|w| w.starts_with(char::is_uppercase))
                        .unwrap_or_default()
                        .to_string();
                    s.start += words.find(&town).unwrap_or(0);
                    s.end = s.start + town.chars().count();
                    s.label = PLACE.to_string();
                    s.text = Some(town);
                }
                d.spans.sort_by_key(|s| s.start);
                d.spans.dedup();
                d
            })
            .collect()
    }

    #[test]
    fn clubs_named_after_their_towns_are_suggested_as_the_persons_org() {
        let docs = club_docs();
        assert!(docs.iter().all(|d| d.check().is_ok()));
        let (learned, _) = Recognizer::shipped().learn(&docs);
        // Two clubs it has seen and two it has not, each beside its town.
        let text = "The Wigan Warriors beat the Hull Kingstons in Hull. Tom Reid of the BBC said \
                    the Swinton Lions and the Widnes Vikings would meet in Widnes.";
        let found = labelled(&learned, text);
        for (name, label) in [
            ("Wigan Warriors", "ORG"),
            ("Hull Kingstons", "ORG"),
            ("Hull", PLACE),
            ("Tom Reid", PERSON),
            ("BBC", "ORG"),
            ("Swinton Lions", "ORG"),
            ("Widnes Vikings", "ORG"),
            ("Widnes", PLACE),
        ] {
            assert!(
                found.contains(&(name.into(), label.into())),
                "{name} as {label}: {found:?}"
            );
        }
        // The labeler the person's ORG spans taught is kept, and survives the model file.
        assert!(learned.history().labeler.is_some());
        let again = Recognizer::from_bytes(&learned.to_bytes()).unwrap();
        assert_eq!(again.history(), learned.history());
        assert_eq!(again.recognize(text), learned.recognize(text));
    }

    #[test]
    fn persons_and_places_alone_train_no_labeler() {
        let d = doc(
            "a",
            "Ana Ruiz flew from Lima to Leeds, where Tom Hale met Ana Ruiz.",
            &[
                ("Ana Ruiz", PERSON),
                ("Lima", PLACE),
                ("Leeds", PLACE),
                ("Tom Hale", PERSON),
            ],
        );
        let (learned, _) = Recognizer::shipped().learn(&[d]);
        assert_eq!(learned.history().labeler, None);
    }

    #[test]
    fn documents_whose_spans_do_not_fit_their_text_are_skipped_and_named() {
        let mut outside = doc("outside", "Ana Ruiz flew.", &[("Ana Ruiz", "PERSON")]);
        outside.spans[0].end = 99;
        let mut wrong = doc("wrong", "Ana Ruiz flew.", &[("Ana Ruiz", "PERSON")]);
        wrong.spans[0].text = Some("Lima".into());
        let shipped = Recognizer::shipped();
        let (r, report) = shipped.learn(&[outside, wrong]);
        assert_eq!(report.learned, 0);
        assert_eq!(report.skipped.len(), 2);
        assert!(
            report.skipped[0].1.contains("outside the text"),
            "{report:?}"
        );
        assert!(report.skipped[1].1.contains("“Lima”"), "{report:?}");
        assert_eq!(r.history().docs, 0);
        assert!(report.summary().unwrap().contains("Skipped “wrong”"));
    }

    #[test]
    fn numbers_stay_with_the_grammar_unless_the_person_corrects_them() {
        let shipped = Recognizer::shipped();
        let agree = doc(
            "agree",
            "Ana Ruiz paid 40 dollars for 3 books.",
            &[("Ana Ruiz", "PERSON"), ("40", "NUMBER"), ("3", "NUMBER")],
        );
        let (r, report) = shipped.learn(std::slice::from_ref(&agree));
        assert!(!report.number_taught);
        assert!(!r.labels().contains(&NUMBER.to_string()));
        // `Room 101` is a name here, not a number, say the person's corrections.
        let differ = doc(
            "differ",
            "Ana Ruiz paid 40 dollars in Room 101. Room 101 was cold.",
            &[("Ana Ruiz", "PERSON"), ("40", "NUMBER")],
        );
        let (r, report) = shipped.learn(&[differ]);
        assert!(report.number_taught);
        assert!(r.labels().contains(&NUMBER.to_string()));
    }

    #[test]
    fn each_document_is_scored_before_it_is_learned() {
        let shipped = Recognizer::shipped();
        let a = doc("a", DRUG_DOC, &[("Zorvexin", "DRUG"), ("Leeds", "PLACE")]);
        let b = doc(
            "b",
            "Patients in York took Zorvexin twice.",
            &[("Zorvexin", "DRUG"), ("York", "PLACE")],
        );
        let (_, report) = shipped.learn(&[a.clone(), b]);
        assert_eq!(report.scores.len(), 2);
        let labels: BTreeSet<String> = ["DRUG", "PLACE"].map(String::from).into();
        let first = score(&shipped.recognize(&a.text), &a.spans, &labels);
        assert_eq!(
            report.scores[0], first,
            "the first against the model as it was"
        );
        assert_eq!(first.matched, 1, "only Leeds: DRUG was unknown");
        assert_eq!(
            report.scores[1].matched, 2,
            "the second after learning the first"
        );
    }

    fn jsonl(text: &str) -> Vec<LearnDoc> {
        text.lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    }

    /// PERSON F1 of `r` over `docs`.
    fn person_f1(r: &Recognizer, docs: &[LearnDoc]) -> f64 {
        let persons: BTreeSet<String> = [PERSON.to_string()].into();
        let mut total = DocScore::default();
        for d in docs {
            total.add(&score(&r.recognize(&d.text), &d.spans, &persons));
        }
        total.f1().unwrap()
    }

    #[test]
    fn learning_another_register_keeps_what_the_shipped_model_knew_of_news() {
        // Forum posts, where nearly every capitalised word is a name, many at a sentence
        // start; news the shipped model was trained on, but not the news it rehearses.
        let forum = jsonl(include_str!("../../../data/learn/forum-learn.jsonl"));
        let forum_test = jsonl(include_str!("../../../data/learn/forum-test.jsonl"));
        let news = jsonl(include_str!("../../../data/train/news-train-b.jsonl"));
        let shipped = Recognizer::shipped();
        let (learned, report) = shipped.learn(&forum);
        assert_eq!(report.learned, forum.len());
        let (before, after) = (person_f1(&shipped, &news), person_f1(&learned, &news));
        // Without rehearsal: 0.993 → 0.898.
        assert!(
            after >= before - 0.02,
            "news PERSON F1 {before:.3} → {after:.3}"
        );
        let (before, after) = (
            person_f1(&shipped, &forum_test),
            person_f1(&learned, &forum_test),
        );
        // 0.800 → 0.873 in file order. Each time the shipped model learned more text of other
        // voices it started higher and the lift asked fell (+0.2 before the Brown passages,
        // +0.15 before its press and other non-fiction, now +0.05); over seven orders learning
        // lifts PERSON by 0.085, 0.800 → 0.885 after 55 posts, higher than before at every
        // point (BENCHMARKS.md, "More of the press and other non-fiction").
        assert!(
            after >= before + 0.05 && after >= 0.8,
            "forum PERSON F1 {before:.3} → {after:.3}"
        );
    }

    #[test]
    fn a_label_with_no_examples_is_never_suggested() {
        let mut m = Recognizer::shipped().model().unwrap().clone();
        assert!(m.add_label("DATE"));
        let r = Recognizer::from_model(m, History::default());
        let text = "Ana Ruiz met Tom Hale in Lima on Monday, 3 May 2021.";
        assert!(!r.recognize(text).iter().any(|s| s.label == "DATE"));
        assert_eq!(r.recognize(text), Recognizer::shipped().recognize(text));
    }
}

/// Learning to be done off the page's main thread: what [`Recognizer::relearn`] needs, as
/// data a Web Worker can receive. The starting model travels as a model file, `None` for the
/// shipped one (the worker has its own copy).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LearningJob {
    /// Which request of the workspace this answers.
    pub request: u64,
    pub previous: History,
    pub docs: Vec<LearnDoc>,
}

/// What comes back: the learned model file and the report, or why nothing was learned.
pub fn run_job(
    base: Option<&[u8]>,
    job: &LearningJob,
) -> Result<Option<(Vec<u8>, LearnReport)>, String> {
    let base = match base {
        Some(b) => std::sync::Arc::new(Recognizer::from_bytes(b).map_err(|e| e.to_string())?),
        None => Recognizer::shipped(),
    };
    Ok(base
        .relearn(&job.docs, &job.previous)
        .map(|(r, report)| (r.to_bytes(), report)))
}
