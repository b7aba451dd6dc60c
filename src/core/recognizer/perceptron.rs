//! An averaged perceptron that tags tokens O, or B/I of one of the model's labels (PERSON and
//! PLACE in the shipped model; any label a person teaches), greedily left to right with the
//! previous tags as features, and its training.
//!
//! Greedy rather than Viterbi: with the previous two tags as features it loses little on names
//! and stays a single pass, which the browser needs for long articles.
//!
//! Tags: 0 is O; label `k` (its place in [`Model::labels`]) begins with `1 + 2k` and continues
//! with `2 + 2k`, so the shipped PERSON/PLACE tags keep the numbers they always had and a
//! label added later never renumbers the others.

use super::hash::HashMap;
use std::fmt;
use std::hash::{BuildHasherDefault, Hasher};

use super::features::{
    dynamic_feats, fingerprint, mix, token_infos, token_infos_for_training, Features, TokenInfo,
};
use super::tokens::Tok;
use crate::core::document::{PERSON, PLACE};

pub const O: u8 = 0;
/// More labels than anyone annotates with; keeps every tag in a byte.
pub const MAX_LABELS: usize = 100;
/// The longest label name a model file may hold, in bytes.
pub const MAX_LABEL_BYTES: usize = 64;
/// The tag before the first token.
const START: u8 = u8::MAX;
/// The template of a feature's copy for another register ([`Trainer::learn_in_register`]).
const REGISTER_COPY: u32 = 0x7265_6731;

/// A tag's value inside feature hashes. The first model file numbered the start 9, and the
/// shipped weights were trained with it; tags from 9 up (a fifth label onwards) move up by one.
fn code(t: u8) -> u32 {
    match t {
        START => 9,
        t if t >= 9 => t as u32 + 1,
        t => t as u32,
    }
}

/// The label index of a tag (`None` for O and the start).
pub fn label_of(t: u8) -> Option<usize> {
    (t != O && t != START).then(|| (t as usize - 1) / 2)
}

fn is_inside(t: u8) -> bool {
    t != O && t != START && (t - 1) % 2 == 1
}

/// The tag that begins a name of label `k`.
pub fn begin(k: usize) -> u8 {
    1 + 2 * k as u8
}

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

type Table<V> = std::collections::HashMap<u32, V, BuildHasherDefault<IdHasher>>;

/// Whether tag `t` may follow tag `prev`: an inside tag continues a name of its own kind.
fn allowed(prev: u8, t: u8) -> bool {
    !is_inside(t) || (label_of(prev).is_some() && label_of(prev) == label_of(t))
}

/// What earlier mentions in the document teach later ones. The first mention decides: it is
/// usually the full name (`General Manuel Belgrano`), and letting a later, doubtful one
/// overwrite it would spread one mistake over the rest of the text.
fn remember(memory: &mut HashMap<u32, u8>, info: &TokenInfo, tag: u8) {
    if let (true, Some(k)) = (info.cap, label_of(tag)) {
        memory.entry(info.lower).or_insert(k as u8 + 1);
    }
}

/// Why a model file was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ModelError {
    /// Not a spanlight model at all (another file, random bytes).
    NotAModel,
    /// A spanlight model of another format version.
    Version(u16),
    /// Made with other feature templates: its weights would mean something else here.
    Fingerprint { file: u32, here: u32 },
    /// The file ends before `what`.
    Truncated(&'static str),
    /// Something inside is out of its range.
    Invalid(String),
}

impl fmt::Display for ModelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ModelError::NotAModel => write!(f, "not a spanlight model file"),
            ModelError::Version(v) => write!(
                f,
                "a spanlight model of format version {v}; this spanlight reads versions \
                 {OLDEST_VERSION} to {VERSION}: learn or train it again with this version"
            ),
            ModelError::Fingerprint { file, here } => write!(
                f,
                "a model made for other features (fingerprint {file:08x}, this spanlight has \
                 {here:08x}): learn or train it again with this version"
            ),
            ModelError::Truncated(what) => {
                write!(f, "the model file is cut short (it ends in its {what})")
            }
            ModelError::Invalid(why) => write!(f, "the model file is damaged: {why}"),
        }
    }
}

impl std::error::Error for ModelError {}

/// The trained weights: one row of `n_tags` weights per feature.
#[derive(Clone)]
pub struct Model {
    labels: Vec<String>,
    index: Table<u32>,
    weights: Vec<f32>,
}

impl fmt::Debug for Model {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Model")
            .field("labels", &self.labels)
            .field("features", &self.len())
            .finish()
    }
}

const MAGIC: &[u8; 4] = b"SLPM";
/// The first format: no version, labels or fingerprint.
const MAGIC_V1: &[u8; 4] = b"SLP1";
/// 3: feature ids as gaps between sorted ids, and the weights one tag after another, which
/// gzip packs 15 % smaller than version 2's rows of id and weights. Version 2 files (the
/// fingerprint changed with them) are refused with the version's message.
/// 4: a byte says how wide the weights are: two bytes on a linear scale, as in version 3 (a
/// person's learning), or one on a logarithmic scale ([`LogScale`]: the shipped model). Version
/// 3 files (a person's saved learning) are still read.
const VERSION: u16 = 4;
/// The oldest version read.
const OLDEST_VERSION: u16 = 3;

/// How many bytes a weight takes in a file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Width {
    One = 1,
    Two = 2,
}

/// Weights in one signed byte each: the size of a weight on a logarithmic scale, so that every
/// weight keeps the same relative precision (within 3 %), small or large, where a linear byte
/// would round every small weight to nothing. Code 0 is 0; code ±k is ±`low`·e^((k−1)·`step`).
#[derive(Clone, Copy, Debug, PartialEq)]
struct LogScale {
    low: f32,
    step: f32,
}

impl LogScale {
    /// Sizes below a thousandth of the largest are 0: they cannot move a decision. (A range of
    /// 300 or 10,000 tagged the development sets no better, BENCHMARKS.md.)
    const RANGE: f32 = 1_000.0;

    fn for_max(max: f32) -> LogScale {
        let max = max.max(1e-6);
        LogScale {
            low: max / Self::RANGE,
            step: Self::RANGE.ln() / 126.0,
        }
    }

    fn encode(self, w: f32) -> i8 {
        let size = w.abs();
        // Not a number, or too small to count.
        if size.is_nan() || size < self.low * (-self.step / 2.0).exp() {
            return 0;
        }
        let k = (1.0 + ((size / self.low).ln() / self.step).round()).clamp(1.0, 127.0) as i8;
        if w < 0.0 {
            -k
        } else {
            k
        }
    }

    fn decode(self, q: i8) -> f32 {
        if q == 0 {
            return 0.0;
        }
        let size = self.low * ((q.unsigned_abs() as f32 - 1.0) * self.step).exp();
        if q < 0 {
            -size
        } else {
            size
        }
    }
}

/// A bounds-checked reader: every read names what it was reading when the bytes ran out.
struct Reader<'a> {
    b: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize, what: &'static str) -> Result<&'a [u8], ModelError> {
        let end = self.at.checked_add(n).ok_or(ModelError::Truncated(what))?;
        let s = self
            .b
            .get(self.at..end)
            .ok_or(ModelError::Truncated(what))?;
        self.at = end;
        Ok(s)
    }
    fn u8(&mut self, what: &'static str) -> Result<u8, ModelError> {
        Ok(self.take(1, what)?[0])
    }
    fn u16(&mut self, what: &'static str) -> Result<u16, ModelError> {
        let s = self.take(2, what)?;
        Ok(u16::from_le_bytes([s[0], s[1]]))
    }
    fn u32(&mut self, what: &'static str) -> Result<u32, ModelError> {
        let s = self.take(4, what)?;
        Ok(u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
    }
    /// A LEB128 number of at most 32 bits: seven bits a byte, low first, high bit set on all
    /// but the last.
    fn varint(&mut self, what: &'static str) -> Result<u32, ModelError> {
        let mut x: u64 = 0;
        for shift in (0..35).step_by(7) {
            let b = self.u8(what)?;
            x |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return u32::try_from(x).map_err(|_| {
                    ModelError::Invalid(format!("a number in the {what} is too big"))
                });
            }
        }
        Err(ModelError::Invalid(format!(
            "a number in the {what} is too long"
        )))
    }
}

/// Appends `x` as LEB128 (see [`Reader::varint`]).
fn push_varint(out: &mut Vec<u8>, mut x: u32) {
    while x >= 0x80 {
        out.push((x as u8 & 0x7f) | 0x80);
        x >>= 7;
    }
    out.push(x as u8);
}

impl Model {
    /// A model with no weights for `labels`.
    pub fn empty(labels: Vec<String>) -> Model {
        Model {
            labels,
            index: Table::default(),
            weights: Vec::new(),
        }
    }

    /// The labels this model tags, in tag order.
    pub fn labels(&self) -> &[String] {
        &self.labels
    }

    pub fn n_tags(&self) -> usize {
        1 + 2 * self.labels.len()
    }

    /// The index of `label`, if the model knows it.
    pub fn label_index(&self, label: &str) -> Option<usize> {
        self.labels.iter().position(|l| l == label)
    }

    /// Adds `label` (no weights yet: it is never chosen until learned); `false` if the name
    /// is empty or too long, or the model holds as many labels as it may.
    pub fn add_label(&mut self, label: &str) -> bool {
        if self.label_index(label).is_some() {
            return true;
        }
        if self.labels.len() >= MAX_LABELS
            || label.trim().is_empty()
            || label.len() > MAX_LABEL_BYTES
        {
            return false;
        }
        let old = self.n_tags();
        self.labels.push(label.to_string());
        let new = self.n_tags();
        let mut weights = Vec::with_capacity(self.index.len() * new);
        for row in self.weights.chunks_exact(old) {
            weights.extend_from_slice(row);
            weights.extend([0.0, 0.0]);
        }
        self.weights = weights;
        true
    }

    fn row(&self, f: u32) -> Option<&[f32]> {
        let n = self.n_tags();
        self.index
            .get(&f)
            .map(|&r| &self.weights[r as usize * n..(r as usize + 1) * n])
    }

    fn add_scores(&self, feats: &[u32], scores: &mut [f32]) {
        // The shipped model's five tags (O and two per label) in registers: summed in memory,
        // each feature waited on the last one's stores. The sums are the same, in the same order.
        if let Ok(scores) = <&mut [f32; 5]>::try_from(&mut *scores) {
            return self.add_scores_fixed(feats, scores);
        }
        for f in feats {
            if let Some(w) = self.row(*f) {
                for (s, x) in scores.iter_mut().zip(w) {
                    *s += x;
                }
            }
        }
    }

    /// [`Model::add_scores`] for `N` tags.
    fn add_scores_fixed<const N: usize>(&self, feats: &[u32], scores: &mut [f32; N]) {
        let mut acc = *scores;
        for f in feats {
            if let Some(&r) = self.index.get(f) {
                let at = r as usize * N;
                if let Some(w) = self.weights.get(at..at + N) {
                    for (s, x) in acc.iter_mut().zip(w) {
                        *s += x;
                    }
                }
            }
        }
        *scores = acc;
    }

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
        let mut fx = token_infos(toks);
        let tags = decode(&mut fx, self.n_tags(), |feats, scores| {
            self.add_scores(feats, scores)
        });
        (tags, fx.places, fx.orgs)
    }

    /// Reads a model written by [`Model::to_bytes`]; every read is bounds-checked.
    pub fn from_bytes(b: &[u8]) -> Result<Model, ModelError> {
        Model::read(b).map(|(m, _)| m)
    }

    /// [`Model::from_bytes`], also handing back the bytes stored after the weights (what the
    /// recogniser keeps about its learning).
    pub fn read(b: &[u8]) -> Result<(Model, &[u8]), ModelError> {
        let mut r = Reader { b, at: 0 };
        let magic = r.take(4, "header").map_err(|_| ModelError::NotAModel)?;
        if magic == MAGIC_V1 {
            return Err(ModelError::Version(1));
        }
        if magic != MAGIC {
            return Err(ModelError::NotAModel);
        }
        let version = r.u16("version")?;
        if !(OLDEST_VERSION..=VERSION).contains(&version) {
            return Err(ModelError::Version(version));
        }
        let file = r.u32("fingerprint")?;
        let here = fingerprint();
        if file != here {
            return Err(ModelError::Fingerprint { file, here });
        }
        let n_labels = r.u8("label count")? as usize;
        if n_labels > MAX_LABELS {
            return Err(ModelError::Invalid(format!(
                "{n_labels} labels, at most {MAX_LABELS} allowed"
            )));
        }
        let mut labels: Vec<String> = Vec::with_capacity(n_labels);
        for _ in 0..n_labels {
            let len = r.u8("labels")? as usize;
            let name = std::str::from_utf8(r.take(len, "labels")?)
                .map_err(|_| ModelError::Invalid("a label name is not UTF-8 text".into()))?;
            if name.trim().is_empty() || len > MAX_LABEL_BYTES {
                return Err(ModelError::Invalid(
                    "a label name is empty or too long".into(),
                ));
            }
            if labels.iter().any(|l| l == name) {
                return Err(ModelError::Invalid(format!("label {name:?} appears twice")));
            }
            labels.push(name.to_string());
        }
        // Version 3 has two bytes a weight and says nothing of it.
        let width = if version == 3 {
            2
        } else {
            r.u8("weight width")? as usize
        };
        if width != 1 && width != 2 {
            return Err(ModelError::Invalid(format!(
                "weights of {width} bytes, not 1 or 2"
            )));
        }
        let mut scale = [0f32; 2];
        for x in scale.iter_mut().take(3 - width) {
            *x = f32::from_le_bytes(r.take(4, "scale")?.try_into().expect("4 bytes"));
        }
        // The largest weight the scale can give is a number too.
        let largest = match width {
            1 => scale[0] * (126.0 * scale[1]).exp(),
            _ => scale[0] * 32768.0,
        };
        if !largest.is_finite() || scale.iter().any(|x| *x < 0.0) {
            return Err(ModelError::Invalid(
                "the weight scale is not a number".into(),
            ));
        }
        let n_rows = r.u32("feature count")? as usize;
        let n_tags = 1 + 2 * n_labels;
        // Each row has an id of one byte at least and its weights of `width` bytes each: no
        // more rows than the bytes left can hold, before anything is reserved for them.
        let row_min = 1 + width * n_tags;
        if n_rows
            .checked_mul(row_min)
            .is_none_or(|need| need > b.len() - r.at)
        {
            return Err(ModelError::Truncated("weights"));
        }
        let mut index = Table::default();
        index.reserve(n_rows);
        let mut id: u32 = 0;
        for row in 0..n_rows {
            let gap = r.varint("feature ids")?;
            if row > 0 && gap == 0 {
                return Err(ModelError::Invalid(format!(
                    "feature {id:08x} appears twice"
                )));
            }
            id = id
                .checked_add(gap)
                .ok_or_else(|| ModelError::Invalid("a feature id is out of range".into()))?;
            index.insert(id, row as u32);
        }
        let columns = r.take(n_rows * n_tags * width, "weights")?;
        let mut weights = vec![0f32; n_rows * n_tags];
        let log = LogScale {
            low: scale[0],
            step: scale[1],
        };
        for (k, q) in columns.chunks_exact(width).enumerate() {
            let (tag, row) = (k / n_rows, k % n_rows);
            weights[row * n_tags + tag] = match *q {
                [a, b] => i16::from_le_bytes([a, b]) as f32 * scale[0],
                [a] => log.decode(a as i8),
                _ => unreachable!("chunks of `width` bytes"),
            };
        }
        let extra_len = r.u32("notes")? as usize;
        let extra = r.take(extra_len, "notes")?;
        if r.at != b.len() {
            return Err(ModelError::Invalid(format!(
                "{} bytes after the end",
                b.len() - r.at
            )));
        }
        Ok((
            Model {
                labels,
                index,
                weights,
            },
            extra,
        ))
    }

    /// Writes the weights quantised to 16 bits, sorted by feature id so the file is the same
    /// for the same training (format version 4: ids as gaps, then the weights tag by tag);
    /// features whose weights are all below `prune` are dropped. What a person's learning
    /// saves: the small steps of a few corrections keep their precision.
    /// `extra` is stored after the weights and handed back by [`Model::read`].
    pub fn to_bytes(&self, prune: f32, extra: &[u8]) -> Vec<u8> {
        self.write(prune, extra, Width::Two)
    }

    /// [`Model::to_bytes`] with each weight in one byte ([`LogScale`]): the shipped model,
    /// which the page loads, a third smaller gzipped.
    pub fn to_small_bytes(&self, prune: f32, extra: &[u8]) -> Vec<u8> {
        self.write(prune, extra, Width::One)
    }

    fn write(&self, prune: f32, extra: &[u8], width: Width) -> Vec<u8> {
        let n = self.n_tags();
        let mut rows: Vec<(u32, &[f32])> = self
            .index
            .iter()
            .map(|(&k, &r)| (k, &self.weights[r as usize * n..(r as usize + 1) * n]))
            .filter(|(_, w)| w.iter().any(|x| x.abs() >= prune))
            .collect();
        rows.sort_unstable_by_key(|r| r.0);
        let max = rows
            .iter()
            .flat_map(|r| r.1)
            .fold(0f32, |m, x| m.max(x.abs()))
            .max(1e-6);
        let bytes = width as usize;
        let mut out = Vec::with_capacity(64 + rows.len() * (4 + bytes * n) + extra.len());
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&VERSION.to_le_bytes());
        out.extend_from_slice(&fingerprint().to_le_bytes());
        out.push(self.labels.len() as u8);
        for l in &self.labels {
            out.push(l.len() as u8);
            out.extend_from_slice(l.as_bytes());
        }
        out.push(bytes as u8);
        let log = LogScale::for_max(max);
        let scale = max / 32767.0;
        match width {
            Width::One => {
                out.extend_from_slice(&log.low.to_le_bytes());
                out.extend_from_slice(&log.step.to_le_bytes());
            }
            Width::Two => out.extend_from_slice(&scale.to_le_bytes()),
        }
        out.extend_from_slice(&(rows.len() as u32).to_le_bytes());
        let mut last = 0;
        for &(id, _) in &rows {
            push_varint(&mut out, id - last);
            last = id;
        }
        for tag in 0..n {
            for (_, w) in &rows {
                match width {
                    Width::One => out.push(log.encode(w[tag]) as u8),
                    Width::Two => {
                        out.extend_from_slice(&((w[tag] / scale).round() as i16).to_le_bytes())
                    }
                }
            }
        }
        out.extend_from_slice(&(extra.len() as u32).to_le_bytes());
        out.extend_from_slice(extra);
        out
    }

    /// The mean of several models' weights (an averaged ensemble); all have `models[0]`'s
    /// labels.
    pub fn average(models: &[Model]) -> Model {
        let labels = models.first().map(|m| m.labels.clone()).unwrap_or_default();
        let mut avg = Model::empty(labels);
        let n = avg.n_tags();
        let count = models.len().max(1) as f32;
        for m in models {
            for (&k, &r) in &m.index {
                let at = avg.row_index(k);
                let src = &m.weights[r as usize * n..(r as usize + 1) * n];
                for (x, y) in avg.weights[at * n..(at + 1) * n].iter_mut().zip(src) {
                    *x += y / count;
                }
            }
        }
        avg
    }

    /// The row of feature `f`, made (all zeros) if it has none.
    fn row_index(&mut self, f: u32) -> usize {
        let n = self.n_tags();
        let next = self.index.len() as u32;
        let r = *self.index.entry(f).or_insert(next);
        if r == next {
            self.weights.extend(std::iter::repeat_n(0.0, n));
        }
        r as usize
    }

    /// Removes the rows of `features`. (A shared feature whose hash equals a copy's shared its
    /// row with it during training, so it goes too: a handful of a million.)
    fn drop_rows(&mut self, features: &super::hash::HashSet<u32>) {
        let n = self.n_tags();
        let mut kept = Model::empty(std::mem::take(&mut self.labels));
        for (&f, &r) in &self.index {
            if !features.contains(&f) {
                let at = kept.row_index(f);
                kept.weights[at * n..(at + 1) * n]
                    .copy_from_slice(&self.weights[r as usize * n..(r as usize + 1) * n]);
            }
        }
        *self = kept;
    }

    /// The weights of one feature, for explaining a decision.
    pub fn weights_of(&self, feature: u32) -> Option<Vec<f32>> {
        self.row(feature).map(<[f32]>::to_vec)
    }

    pub fn len(&self) -> usize {
        self.index.len()
    }

    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }
}

/// Greedy decoding shared by tagging and training: `score` adds the weights of the features.
fn decode(
    fx: &mut Features<'_, '_>,
    n_tags: usize,
    mut score: impl FnMut(&[u32], &mut [f32]),
) -> Vec<u8> {
    let mut tags = Vec::with_capacity(fx.len());
    let mut memory = HashMap::default();
    let mut feats = Vec::with_capacity(64);
    let mut scores = vec![0f32; n_tags];
    let (mut p1, mut p2) = (START, START);
    fx.each(|fx, i, info| {
        feats.clear();
        fx.static_feats(i, &mut feats);
        dynamic_feats(info, code(p1), code(p2), &memory, &mut feats);
        scores.iter_mut().for_each(|s| *s = 0.0);
        score(&feats, &mut scores);
        let t = best(&scores, p1, info);
        remember(&mut memory, info, t);
        tags.push(t);
        p2 = p1;
        p1 = t;
    });
    tags
}

/// The best tag allowed after `prev`; only a word can begin a name (never `-`, `(` or `2014`),
/// and punctuation continues one only where it joins words. Ties go to the earlier tag, so a
/// label nobody has taught (all its weights zero) never wins over O.
fn best(scores: &[f32], prev: u8, info: &TokenInfo) -> u8 {
    let mut best = O;
    let mut best_score = f32::NEG_INFINITY;
    for (t, &s) in scores.iter().enumerate() {
        let t = t as u8;
        let ok = if t == O {
            true
        } else if is_inside(t) {
            info.can_continue && allowed(prev, t)
        } else {
            info.can_start
        };
        if ok && s > best_score {
            best = t;
            best_score = s;
        }
    }
    best
}

fn argmax(scores: &[f32]) -> u8 {
    let mut best = 0;
    for t in 1..scores.len() {
        if scores[t] > scores[best] {
            best = t;
        }
    }
    best as u8
}

/// Token ranges `[start, end)` with labels from a tag sequence.
pub fn spans<'l>(tags: &[u8], labels: &'l [String]) -> Vec<(usize, usize, &'l str)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < tags.len() {
        let Some(label) = label_of(tags[i]).and_then(|k| labels.get(k)) else {
            i += 1;
            continue;
        };
        let inside = begin(label_of(tags[i]).unwrap_or(0)) + 1;
        let mut e = i + 1;
        while e < tags.len() && tags[e] == inside {
            e += 1;
        }
        out.push((i, e, label.as_str()));
        i = e;
    }
    out
}

/// Gold tags for `toks` from labelled code-point spans; labels not in `labels` are O. Each
/// span's tokens are found by binary search (tokens are in order and do not overlap), so a
/// long document with many spans takes time in their sum, not their product.
pub fn gold_tags(toks: &[Tok<'_>], spans: &[(usize, usize, &str)], labels: &[String]) -> Vec<u8> {
    let mut tags = vec![O; toks.len()];
    for &(s, e, label) in spans {
        let Some(k) = labels.iter().position(|l| l == label) else {
            continue;
        };
        let b = begin(k);
        // The tokens that overlap `s..e`.
        let first = toks.partition_point(|t| t.end() <= s);
        let last = toks.partition_point(|t| t.start() < e);
        for (i, t) in tags.iter_mut().enumerate().take(last).skip(first) {
            *t = if i == first { b } else { b + 1 };
        }
    }
    tags
}

/// The labels of the first model: the shipped one tags these.
/// One training example: the tokens of `text` and their gold tags for `spans`.
pub fn example<'t, 'l>(
    text: &'t str,
    spans: impl IntoIterator<Item = (usize, usize, &'l str)>,
    labels: &[String],
) -> (Vec<Tok<'t>>, Vec<u8>) {
    let t = super::tokens::toks(text);
    let spans: Vec<_> = spans.into_iter().collect();
    let g = gold_tags(&t, &spans, labels);
    (t, g)
}

pub fn person_place() -> Vec<String> {
    vec![PERSON.to_string(), PLACE.to_string()]
}

/// Shuffles `order` in place with a fixed-seed generator (an LCG, Fisher-Yates), advancing
/// `seed`: a different order each pass, the same order each run, so training and learning are
/// deterministic for the same input.
pub fn shuffle(order: &mut [usize], seed: &mut u64) {
    for i in (1..order.len()).rev() {
        *seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        order.swap(i, (*seed >> 33) as usize % (i + 1));
    }
}

/// Trains the averaged perceptron, from zero or from a model's weights.
pub struct Trainer {
    /// The current (not averaged) weights.
    model: Model,
    totals: Vec<f64>,
    stamps: Vec<u64>,
    clock: u64,
    /// While rehearsing, the number of tags that may be updated (see [`Trainer::rehearse`]).
    within: Option<usize>,
    /// While learning a document of another register, that register's id (see
    /// [`Trainer::learn_in_register`]).
    register: Option<u32>,
    /// The register copies of features that got a row: dropped by [`Trainer::finish`].
    copies: super::hash::HashSet<u32>,
}

impl Default for Trainer {
    fn default() -> Self {
        Trainer::from_model(Model::empty(person_place()))
    }
}

impl Trainer {
    /// Continues from `model`'s weights: the average starts from them.
    pub fn from_model(model: Model) -> Self {
        let n = model.weights.len();
        Trainer {
            model,
            totals: vec![0.0; n],
            stamps: vec![0; n],
            clock: 0,
            within: None,
            register: None,
            copies: Default::default(),
        }
    }

    /// [`Trainer::learn`] on a document of another register (old fiction beside news): every
    /// feature also gets a copy of its own for `register`, so what holds only there (in fiction
    /// a capitalised word alone is nearly always a person) is learned into the copies, and the
    /// shared weights keep what holds across registers. The copies are dropped when training
    /// ends; the model tags with the shared weights alone (Daumé's "frustratingly easy" domain
    /// adaptation, with one side).
    pub fn learn_in_register(&mut self, toks: &[Tok<'_>], gold: &[u8], register: u32) -> usize {
        self.register = Some(register);
        let errors = self.learn(toks, gold);
        self.register = None;
        errors
    }

    /// [`Trainer::learn`] on a document that knows only the first `tags` tags (the starting
    /// model's labels): mistakes between those are corrected, while anything touching a later
    /// label is left alone, since the document never says where those labels would be.
    pub fn rehearse(&mut self, toks: &[Tok<'_>], gold: &[u8], tags: usize) -> usize {
        self.within = Some(tags);
        let errors = self.learn(toks, gold);
        self.within = None;
        errors
    }

    /// The weights as they are now, before averaging.
    pub fn current(&self) -> &Model {
        &self.model
    }

    /// One pass over one document: decodes with the current weights and, where a token's tag
    /// is wrong, moves weight from the predicted tag to the gold one.
    pub fn learn(&mut self, toks: &[Tok<'_>], gold: &[u8]) -> usize {
        let mut fx = token_infos_for_training(toks);
        let n_tags = self.model.n_tags();
        let mut memory = HashMap::default();
        let mut feats = Vec::with_capacity(64);
        let mut scores = vec![0f32; n_tags];
        let (mut p1, mut p2) = (START, START);
        let mut errors = 0;
        fx.each(|fx, i, info| {
            let Some(&g) = gold.get(i) else {
                return;
            };
            self.clock += 1;
            feats.clear();
            fx.static_feats(i, &mut feats);
            dynamic_feats(info, code(p1), code(p2), &memory, &mut feats);
            let shared = feats.len();
            if let Some(r) = self.register {
                for k in 0..shared {
                    feats.push(mix(REGISTER_COPY, feats[k], r));
                }
            }
            scores.iter_mut().for_each(|s| *s = 0.0);
            self.model.add_scores(&feats, &mut scores);
            let guess = best(&scores, p1, info);
            // Updates compare with the unconstrained best tag: were the constraints applied
            // here, the weights of a tag they forbid would never be pushed down and would grow
            // without bound, drowning the transitions at tagging time.
            let free = argmax(&scores);
            let known = self
                .within
                .is_none_or(|k| (g as usize) < k && (free as usize) < k);
            if free != g && (g as usize) < n_tags && known {
                for &f in &feats {
                    self.update(f, g as usize, 1.0);
                    self.update(f, free as usize, -1.0);
                }
                self.copies.extend(&feats[shared..]);
            }
            if guess != g {
                errors += 1;
            }
            // Later tokens see the tagger's own history, as they will when tagging.
            remember(&mut memory, info, guess);
            p2 = p1;
            p1 = guess;
        });
        errors
    }

    fn update(&mut self, f: u32, tag: usize, delta: f32) {
        let n = self.model.n_tags();
        let r = self.model.row_index(f);
        if self.totals.len() < self.model.weights.len() {
            self.totals.resize(self.model.weights.len(), 0.0);
            self.stamps.resize(self.model.weights.len(), 0);
        }
        let at = r * n + tag;
        let w = &mut self.model.weights[at];
        self.totals[at] += (self.clock - self.stamps[at]) as f64 * *w as f64;
        self.stamps[at] = self.clock;
        *w += delta;
    }

    /// The averaged weights, without the register copies.
    pub fn finish(self) -> Model {
        let clock = self.clock.max(1);
        let mut model = self.model;
        for ((w, total), stamp) in model.weights.iter_mut().zip(&self.totals).zip(&self.stamps) {
            let t = total + (clock - stamp) as f64 * *w as f64;
            *w = (t / clock as f64) as f32;
        }
        if !self.copies.is_empty() {
            model.drop_rows(&self.copies);
        }
        model
    }
}

#[cfg(test)]
mod tests {
    use super::super::tokens::toks;
    use super::*;

    #[test]
    fn spans_follow_bio_tags() {
        let labels = [PERSON.to_string(), PLACE.to_string(), "DRUG".to_string()];
        assert_eq!(
            spans(&[O, 1, 2, O, 3, 3, 4, 5, 6, O], &labels),
            [(1, 3, PERSON), (4, 5, PLACE), (5, 7, PLACE), (7, 9, "DRUG")]
        );
    }

    #[test]
    fn gold_tags_mark_every_token_a_span_touches_and_a_later_span_wins() {
        let labels = [PERSON.to_string(), PLACE.to_string(), "ORG".to_string()];
        let text = "Ana Lopez-Garcia flew to San Jose.";
        let t = toks(text);
        let tag_of = |spans: &[(usize, usize, &str)]| gold_tags(&t, spans, &labels);
        let (p, l, o) = (begin(0), begin(1), begin(2));
        // Tokens: Ana, Lopez, -, Garcia, flew, to, San, Jose, .
        assert_eq!(
            tag_of(&[(0, 16, PERSON), (25, 33, PLACE)]),
            [p, p + 1, p + 1, p + 1, O, O, l, l + 1, O]
        );
        // A span that begins or ends inside a token takes the whole token.
        assert_eq!(tag_of(&[(2, 5, PERSON)]), [p, p + 1, O, O, O, O, O, O, O]);
        // Labels not asked for are O; a later span overwrites an earlier one.
        assert_eq!(
            tag_of(&[(0, 9, "DRUG"), (25, 33, PLACE), (29, 33, "ORG")]),
            [O, O, O, O, O, O, l, o, O]
        );
        assert_eq!(tag_of(&[(40, 50, PERSON)]), [O; 9]);
    }

    #[test]
    fn rehearsal_corrects_only_the_labels_its_documents_know() {
        let labels = [PERSON.to_string(), PLACE.to_string(), "ORG".to_string()];
        let text = "Acme hired Kerry in Geneva.";
        let t = toks(text);
        let taught = gold_tags(&t, &[(0, 4, "ORG"), (11, 16, PERSON)], &labels);
        let mut tr = Trainer::from_model(Model::empty(labels.to_vec()));
        for _ in 0..5 {
            tr.learn(&t, &taught);
        }
        assert_eq!(tr.current().tag(&t), taught);
        // A news document that knows PERSON and PLACE only: `Acme` is no name to it, and
        // `Geneva` a place.
        let news = gold_tags(&t, &[(11, 16, PERSON), (20, 26, PLACE)], &labels);
        for _ in 0..5 {
            tr.rehearse(&t, &news, 5);
        }
        let tags = tr.current().tag(&t);
        assert_eq!(tags[0], begin(2), "ORG stays what the person taught");
        assert_eq!(tags[4], begin(1), "the place is learned");
    }

    #[test]
    fn what_only_another_register_says_stays_in_its_copies() {
        // Our register says `Paxton` is a town; the other (as much of it) says a man of that
        // name. Learned as one text, the word is a toss-up; with the other's register copies,
        // the shared weights keep what our text says and the copies leave with training.
        let ours = "They drove to Paxton on Sunday.";
        let theirs = "They drove to Paxton on Sunday, he said.";
        let (t1, t2) = (toks(ours), toks(theirs));
        let g1 = gold_tags(&t1, &[(14, 20, PLACE)], &person_place());
        let g2 = gold_tags(&t2, &[(14, 20, PERSON)], &person_place());
        let mut tr = Trainer::default();
        for _ in 0..10 {
            tr.learn(&t1, &g1);
            tr.learn_in_register(&t2, &g2, 1);
        }
        let with_copies = tr.current().len();
        let copies = tr.copies.clone();
        assert!(!copies.is_empty());
        let m = tr.finish();
        assert!(m.len() < with_copies);
        assert!(copies.iter().all(|f| m.weights_of(*f).is_none()));
        assert_eq!(m.tag(&t1)[3], begin(1), "{:?}", m.tag(&t1));
        assert_eq!(m.tag(&t2)[3], begin(1), "the shared weights say a town");
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
                let g = gold_tags(&t, spans, &person_place());
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
        let again = Model::from_bytes(&m.to_bytes(0.0, b"notes")).unwrap();
        let small = Model::from_bytes(&m.to_small_bytes(0.0, b"notes")).unwrap();
        for (t, g) in &data {
            assert_eq!(spans(&m.tag(t), m.labels()), spans(g, m.labels()));
            assert_eq!(again.tag(t), m.tag(t), "quantised weights decide the same");
            assert_eq!(small.tag(t), m.tag(t), "weights in a byte decide the same");
        }
        assert_eq!(
            Model::read(&m.to_small_bytes(0.0, b"notes")).unwrap().1,
            b"notes"
        );
        assert_eq!(Model::read(&m.to_bytes(0.0, b"notes")).unwrap().1, b"notes");
        assert_eq!(
            Model::from_bytes(b"SLP1garbage").unwrap_err(),
            ModelError::Version(1)
        );
        assert_eq!(Model::from_bytes(&[]).unwrap_err(), ModelError::NotAModel);
        // A damaged scale whose largest weight is no number is refused, not read as infinities.
        let mut bad = m.to_small_bytes(0.0, &[]);
        let head = 4 + 2 + 4 + 1 + m.labels.iter().map(|l| 1 + l.len()).sum::<usize>();
        bad[head + 5..head + 9].copy_from_slice(&1.0f32.to_le_bytes());
        assert!(matches!(
            Model::from_bytes(&bad),
            Err(ModelError::Invalid(_))
        ));
        // A person's learning saved in format 3 (weights in two bytes) is still read.
        let v3 = Model::from_bytes(&version_3(&m)).unwrap();
        for (t, _) in &data {
            assert_eq!(v3.tag(t), m.tag(t));
        }
    }

    /// `m` written as format 3 wrote it: format 4's two-byte weights are format 3's, less the
    /// byte that says how wide they are.
    fn version_3(m: &Model) -> Vec<u8> {
        let mut out = m.to_bytes(0.0, &[]);
        // Up to the width: magic, version, fingerprint, labels.
        let head = 4 + 2 + 4 + 1 + m.labels.iter().map(|l| 1 + l.len()).sum::<usize>();
        assert_eq!(out.remove(head), 2, "two bytes a weight");
        out[4..6].copy_from_slice(&3u16.to_le_bytes());
        out
    }

    #[test]
    fn a_weight_in_one_byte_keeps_its_sign_and_size_within_three_percent() {
        let log = LogScale::for_max(250.0);
        for w in [250.0f32, -250.0, 31.7, -4.2, 0.9, 0.3, -0.26] {
            let back = log.decode(log.encode(w));
            assert_eq!(back.signum(), w.signum(), "{w}");
            assert!(((back - w) / w).abs() <= 0.03, "{w} came back as {back}");
        }
        // Far below the largest weight, or not a number: nothing.
        for w in [0.0f32, 0.2, -0.01, f32::NAN] {
            assert_eq!(log.decode(log.encode(w)), 0.0, "{w}");
        }
        assert_eq!(log.encode(1e9), 127);
        assert_eq!(log.encode(-1e9), -127);
    }
}
