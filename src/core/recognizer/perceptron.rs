//! An averaged perceptron that tags tokens O / B-PERSON / I-PERSON / B-PLACE / I-PLACE, greedily
//! left to right with the previous tags as features, and its training.
//!
//! Greedy rather than Viterbi: with the previous two tags as features it loses little on names
//! and stays a single pass, which the browser needs for long articles.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::features::{dynamic_feats, token_infos, Features, TokenInfo};
use super::tokens::Tok;
use crate::core::document::{PERSON, PLACE};

pub const N_TAGS: usize = 5;
pub const O: u8 = 0;
pub const B_PER: u8 = 1;
pub const I_PER: u8 = 2;
pub const B_LOC: u8 = 3;
pub const I_LOC: u8 = 4;
/// The tag before the first token.
const START: u8 = 9;

/// Feature ids are already hashes; hashing them again would only cost time.
#[derive(Default)]
pub struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | b as u64;
        }
    }
    fn write_u32(&mut self, n: u32) {
        // Spreads the bits over the top too, which hashbrown uses for its control bytes.
        self.0 = (n as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

type Table<V> = HashMap<u32, V, BuildHasherDefault<IdHasher>>;

/// Whether tag `t` may follow tag `prev`: an inside tag continues a name of its own kind.
fn allowed(prev: u8, t: u8) -> bool {
    match t {
        I_PER => prev == B_PER || prev == I_PER,
        I_LOC => prev == B_LOC || prev == I_LOC,
        _ => true,
    }
}

/// What earlier mentions in the document teach later ones. The first mention decides: it is
/// usually the full name (`General Manuel Belgrano`), and letting a later, doubtful one
/// overwrite it would spread one mistake over the rest of the text.
fn remember(memory: &mut HashMap<u32, u8>, info: &TokenInfo, tag: u8) {
    if info.cap && tag != O {
        memory
            .entry(info.lower)
            .or_insert(if tag <= I_PER { 1 } else { 2 });
    }
}

/// The trained weights.
pub struct Model {
    weights: Table<[f32; N_TAGS]>,
}

const MAGIC: &[u8; 4] = b"SLP1";

impl Model {
    /// Tags `toks`; returns one tag per token.
    pub fn tag(&self, toks: &[Tok<'_>]) -> Vec<u8> {
        self.tag_with_lists(toks).0
    }

    /// [`Model::tag`], also handing back the place and organisation matches of the
    /// gazetteers, which the recogniser's rules need again and should not look up twice.
    #[allow(clippy::type_complexity)]
    pub fn tag_with_lists(
        &self,
        toks: &[Tok<'_>],
    ) -> (Vec<u8>, Vec<Option<bool>>, Vec<Option<bool>>) {
        let fx = token_infos(toks);
        let tags = decode(&fx, |feats, scores| {
            for f in feats {
                if let Some(w) = self.weights.get(f) {
                    for (s, x) in scores.iter_mut().zip(w) {
                        *s += x;
                    }
                }
            }
        });
        (tags, fx.places, fx.orgs)
    }

    /// Reads a model written by [`Model::to_bytes`]; `None` if the bytes are not one.
    pub fn from_bytes(b: &[u8]) -> Option<Model> {
        if b.len() < 12 || &b[..4] != MAGIC || b[4] as usize != N_TAGS {
            return None;
        }
        let scale = f32::from_le_bytes(b[5..9].try_into().ok()?);
        let n = u32::from_le_bytes(b[9..13].try_into().ok()?) as usize;
        let entry = 4 + 2 * N_TAGS;
        let body = b.get(13..13 + n.checked_mul(entry)?)?;
        let mut weights = Table::default();
        weights.reserve(n);
        for e in body.chunks_exact(entry) {
            let id = u32::from_le_bytes(e[..4].try_into().ok()?);
            let mut w = [0f32; N_TAGS];
            for (k, x) in w.iter_mut().enumerate() {
                *x = i16::from_le_bytes([e[4 + 2 * k], e[5 + 2 * k]]) as f32 * scale;
            }
            weights.insert(id, w);
        }
        Some(Model { weights })
    }

    /// Writes the weights quantised to 16 bits, sorted by feature id so the file is the same
    /// for the same training; features whose weights are all below `prune` are dropped.
    pub fn to_bytes(&self, prune: f32) -> Vec<u8> {
        let mut rows: Vec<(u32, [f32; N_TAGS])> = self
            .weights
            .iter()
            .filter(|(_, w)| w.iter().any(|x| x.abs() >= prune))
            .map(|(k, w)| (*k, *w))
            .collect();
        rows.sort_unstable_by_key(|r| r.0);
        let max = rows
            .iter()
            .flat_map(|r| r.1)
            .fold(0f32, |m, x| m.max(x.abs()))
            .max(1e-6);
        let scale = max / 32767.0;
        let mut out = Vec::with_capacity(13 + rows.len() * (4 + 2 * N_TAGS));
        out.extend_from_slice(MAGIC);
        out.push(N_TAGS as u8);
        out.extend_from_slice(&scale.to_le_bytes());
        out.extend_from_slice(&(rows.len() as u32).to_le_bytes());
        for (id, w) in rows {
            out.extend_from_slice(&id.to_le_bytes());
            for x in w {
                out.extend_from_slice(&((x / scale).round() as i16).to_le_bytes());
            }
        }
        out
    }

    /// The mean of several models' weights (an averaged ensemble).
    pub fn average(models: &[Model]) -> Model {
        let mut weights: Table<[f32; N_TAGS]> = Table::default();
        let n = models.len().max(1) as f32;
        for m in models {
            for (k, w) in &m.weights {
                let e = weights.entry(*k).or_insert([0.0; N_TAGS]);
                for (x, y) in e.iter_mut().zip(w) {
                    *x += y / n;
                }
            }
        }
        Model { weights }
    }

    /// The weights of one feature, for explaining a decision.
    pub fn weights_of(&self, feature: u32) -> Option<[f32; N_TAGS]> {
        self.weights.get(&feature).copied()
    }

    pub fn len(&self) -> usize {
        self.weights.len()
    }

    pub fn is_empty(&self) -> bool {
        self.weights.is_empty()
    }
}

/// Greedy decoding shared by tagging and training: `score` adds the weights of the features.
fn decode(fx: &Features<'_, '_>, mut score: impl FnMut(&[u32], &mut [f32; N_TAGS])) -> Vec<u8> {
    let mut tags = Vec::with_capacity(fx.infos.len());
    let mut memory = HashMap::new();
    let mut feats = Vec::with_capacity(64);
    let (mut p1, mut p2) = (START, START);
    for (i, info) in fx.infos.iter().enumerate() {
        feats.clear();
        fx.static_feats(i, &mut feats);
        dynamic_feats(info, p1, p2, &memory, &mut feats);
        let mut scores = [0f32; N_TAGS];
        score(&feats, &mut scores);
        let t = best(&scores, p1, info);
        remember(&mut memory, info, t);
        tags.push(t);
        p2 = p1;
        p1 = t;
    }
    tags
}

/// The best tag allowed after `prev`; only a word can begin a name (never `-`, `(` or `2014`),
/// and punctuation continues one only where it joins words.
fn best(scores: &[f32; N_TAGS], prev: u8, info: &TokenInfo) -> u8 {
    let mut best = O;
    let mut best_score = f32::NEG_INFINITY;
    for (t, &s) in scores.iter().enumerate() {
        let t = t as u8;
        let ok = match t {
            B_PER | B_LOC => info.can_start,
            I_PER | I_LOC => info.can_continue && allowed(prev, t),
            _ => true,
        };
        if ok && s > best_score {
            best = t;
            best_score = s;
        }
    }
    best
}

fn argmax(scores: &[f32; N_TAGS]) -> u8 {
    let mut best = 0;
    for t in 1..N_TAGS {
        if scores[t] > scores[best] {
            best = t;
        }
    }
    best as u8
}

/// Token ranges `[start, end)` with labels from a tag sequence.
pub fn spans(tags: &[u8]) -> Vec<(usize, usize, &'static str)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < tags.len() {
        let (label, inside) = match tags[i] {
            B_PER | I_PER => (PERSON, I_PER),
            B_LOC | I_LOC => (PLACE, I_LOC),
            _ => {
                i += 1;
                continue;
            }
        };
        let mut e = i + 1;
        while e < tags.len() && tags[e] == inside {
            e += 1;
        }
        out.push((i, e, label));
        i = e;
    }
    out
}

/// Gold tags for `toks` from labelled code-point spans; other labels are O.
pub fn gold_tags(toks: &[Tok<'_>], spans: &[(usize, usize, &str)]) -> Vec<u8> {
    let mut tags = vec![O; toks.len()];
    for &(s, e, label) in spans {
        let (b, inside) = match label {
            PERSON => (B_PER, I_PER),
            PLACE => (B_LOC, I_LOC),
            _ => continue,
        };
        let mut first = true;
        for (k, t) in toks.iter().enumerate() {
            if t.start < e && s < t.end {
                tags[k] = if first { b } else { inside };
                first = false;
            }
        }
    }
    tags
}

/// Trains the averaged perceptron.
#[derive(Default)]
pub struct Trainer {
    weights: Table<[f32; N_TAGS]>,
    totals: Table<[f64; N_TAGS]>,
    stamps: Table<[u64; N_TAGS]>,
    clock: u64,
}

impl Trainer {
    /// One pass over one document: decodes with the current weights and, where a token's tag
    /// is wrong, moves weight from the predicted tag to the gold one.
    pub fn learn(&mut self, toks: &[Tok<'_>], gold: &[u8]) -> usize {
        let fx = token_infos(toks);
        let mut memory = HashMap::new();
        let mut feats = Vec::with_capacity(64);
        let (mut p1, mut p2) = (START, START);
        let mut errors = 0;
        for (i, (info, &g)) in fx.infos.iter().zip(gold).enumerate() {
            self.clock += 1;
            feats.clear();
            fx.static_feats(i, &mut feats);
            dynamic_feats(info, p1, p2, &memory, &mut feats);
            let mut scores = [0f32; N_TAGS];
            for f in &feats {
                if let Some(w) = self.weights.get(f) {
                    for (s, x) in scores.iter_mut().zip(w) {
                        *s += x;
                    }
                }
            }
            let guess = best(&scores, p1, info);
            // Updates compare with the unconstrained best tag: were the constraints applied
            // here, the weights of a tag they forbid would never be pushed down and would grow
            // without bound, drowning the transitions at tagging time.
            let free = argmax(&scores);
            if free != g {
                for &f in &feats {
                    self.update(f, g as usize, 1.0);
                    self.update(f, free as usize, -1.0);
                }
            }
            if guess != g {
                errors += 1;
            }
            // Later tokens see the tagger's own history, as they will when tagging.
            remember(&mut memory, info, guess);
            p2 = p1;
            p1 = guess;
        }
        errors
    }

    fn update(&mut self, f: u32, tag: usize, delta: f32) {
        let w = self.weights.entry(f).or_insert([0.0; N_TAGS]);
        let total = self.totals.entry(f).or_insert([0.0; N_TAGS]);
        let stamp = self.stamps.entry(f).or_insert([0; N_TAGS]);
        total[tag] += (self.clock - stamp[tag]) as f64 * w[tag] as f64;
        stamp[tag] = self.clock;
        w[tag] += delta;
    }

    /// The averaged weights.
    pub fn finish(self) -> Model {
        let clock = self.clock.max(1);
        let mut weights = Table::default();
        for (f, w) in &self.weights {
            let total = self.totals.get(f).copied().unwrap_or_default();
            let stamp = self.stamps.get(f).copied().unwrap_or_default();
            let mut avg = [0f32; N_TAGS];
            for k in 0..N_TAGS {
                let t = total[k] + (clock - stamp[k]) as f64 * w[k] as f64;
                avg[k] = (t / clock as f64) as f32;
            }
            weights.insert(*f, avg);
        }
        Model { weights }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tokens::toks;
    use super::*;

    #[test]
    fn spans_follow_bio_tags() {
        assert_eq!(
            spans(&[O, B_PER, I_PER, O, B_LOC, B_LOC, I_LOC]),
            [(1, 3, PERSON), (4, 5, PLACE), (5, 7, PLACE)]
        );
    }

    #[test]
    fn a_model_learns_and_survives_its_file_format() {
        let docs = [
            (
                "Kerry met Lavrov in Geneva. Lavrov flew to Moscow.",
                vec![
                    (0, 5, PERSON),
                    (10, 16, PERSON),
                    (20, 26, PLACE),
                    (28, 34, PERSON),
                    (43, 49, PLACE),
                ],
            ),
            (
                "Merkel visited Paris. Paris welcomed Merkel.",
                vec![
                    (0, 6, PERSON),
                    (15, 20, PLACE),
                    (22, 27, PLACE),
                    (37, 43, PERSON),
                ],
            ),
        ];
        let data: Vec<_> = docs
            .iter()
            .map(|(text, spans)| {
                let t = toks(text);
                let g = gold_tags(&t, spans);
                (t, g)
            })
            .collect();
        let mut tr = Trainer::default();
        for _ in 0..10 {
            for (t, g) in &data {
                tr.learn(t, g);
            }
        }
        let m = tr.finish();
        let again = Model::from_bytes(&m.to_bytes(0.0)).unwrap();
        for (t, g) in &data {
            assert_eq!(spans(&m.tag(t)), spans(g));
            assert_eq!(again.tag(t), m.tag(t), "quantised weights decide the same");
        }
        assert!(Model::from_bytes(b"SLP1garbage").is_none());
        assert!(Model::from_bytes(&[]).is_none());
    }
}
