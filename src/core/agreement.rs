//! Agreement between annotators who each annotated their own copy of the same documents.
//!
//! Documents are matched by their text (a hash of it, confirmed by comparing the texts), never by
//! name or position, so reordered or renamed exports still line up. For every pair of annotators
//! we count exact spans (precision and recall of the second against the first, F1) and Cohen's
//! kappa over tokens; for three or more, Fleiss' kappa. [`merge`] keeps the spans enough
//! annotators agree on, naming them. Nothing here drops input silently: documents only one file
//! has, duplicates and names whose texts differ come back as [`Problem`]s.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;

use serde_json::Value;

use super::document::{Document, Label, Span};
use super::formats::{self, Format, Record};
use super::text::Token;
use super::workspace;

/// One annotator's documents, named after their file (editable by the caller).
#[derive(Clone, Debug, PartialEq)]
pub struct Annotator {
    pub name: String,
    pub records: Vec<Record>,
}

impl Annotator {
    pub fn new(name: impl Into<String>, records: Vec<Record>) -> Self {
        Annotator {
            name: name.into(),
            records,
        }
    }
}

/// One annotator's file read document by document: a workspace file, or documents in `format`
/// (detected from the content when `None`; brat needs its directory, see the CLI). Documents that
/// cannot be read (a span whose text does not match the document, bad JSON) come back as
/// messages naming where they are, so the caller reports them instead of losing them.
pub fn read_file(content: &str, format: Option<Format>) -> (Vec<Record>, Vec<String>) {
    if format.is_none() && workspace::is_workspace_file(content) {
        return match workspace::from_file(content) {
            Ok(ws) => (
                ws.entries()
                    .iter()
                    .map(|e| Record {
                        id: Some(Value::from(e.editor.name.clone())),
                        doc: e.editor.doc.clone(),
                    })
                    .collect(),
                Vec::new(),
            ),
            Err(e) => (Vec::new(), vec![e]),
        };
    }
    let format = format
        .or_else(|| formats::detect(content))
        .unwrap_or(Format::Spanlight);
    let mut records = Vec::new();
    let mut errors = Vec::new();
    for r in formats::import_each(content, format) {
        match r {
            Ok(r) => records.push(r),
            Err(e) => errors.push(format!("{e}; this document is left out")),
        }
    }
    (records, errors)
}

/// A stable 64-bit hash of a text (FNV-1a over its UTF-8 bytes): the key documents are matched
/// by, also shown to users and stored, so it must not change between runs or builds.
pub fn text_key(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ b as u64).wrapping_mul(0x0100_0000_01b3)
    })
}

/// What a reader of the figures must know about the input.
#[derive(Clone, Debug, PartialEq)]
pub enum Problem {
    /// A text only one annotator has: left out of every figure.
    OnlyOne {
        annotator: String,
        record: usize,
        name: String,
    },
    /// A text some annotators lack: counted only in the pairs that have it, and left out of
    /// Fleiss' kappa.
    Missing { name: String, missing: Vec<String> },
    /// The same text twice in one file: the first copy is used.
    Duplicate {
        annotator: String,
        record: usize,
        first: usize,
    },
    /// One name (id) with different texts in different files: they stay separate documents.
    NameClash {
        name: String,
        annotators: Vec<String>,
    },
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::OnlyOne {
                annotator, name, ..
            } => write!(
                f,
                "{annotator}: document {name} is in no other file; left out"
            ),
            Problem::Missing { name, missing } => write!(
                f,
                "document {name} is missing from {}; counted only where present",
                missing.join(", ")
            ),
            Problem::Duplicate {
                annotator,
                record,
                first,
            } => write!(
                f,
                "{annotator}: document {record} repeats the text of document {first}; the \
                 first is used"
            ),
            Problem::NameClash { name, annotators } => write!(
                f,
                "\"{name}\" names different texts in {}; they are kept apart, not merged",
                annotators.join(", ")
            ),
        }
    }
}

/// A text and each annotator's version of it (`None` where their file lacks it).
#[derive(Clone, Debug, PartialEq)]
pub struct Matched {
    pub key: u64,
    /// The id of the first record with this text, kept for the merged output.
    pub id: Option<Value>,
    /// The record's id where it has one, else the start of its text.
    pub name: String,
    pub versions: Vec<Option<Document>>,
}

impl Matched {
    pub fn text(&self) -> &str {
        self.versions
            .iter()
            .flatten()
            .next()
            .map(Document::text)
            .unwrap_or("")
    }

    /// Indices of the annotators who have this document.
    pub fn present(&self) -> Vec<usize> {
        (0..self.versions.len())
            .filter(|&i| self.versions[i].is_some())
            .collect()
    }
}

/// Annotators' documents matched by text.
#[derive(Clone, Debug, PartialEq)]
pub struct Matching {
    pub annotators: Vec<String>,
    /// Texts at least two annotators have, in the order they first appear.
    pub documents: Vec<Matched>,
    pub problems: Vec<Problem>,
}

/// A short name for a record: its id, or its first words.
pub fn record_name(record: &Record) -> String {
    match &record.id {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Null) | None => {
            let text = record.doc.text().trim();
            let mut shown: String = text.chars().take(40).collect();
            if text.chars().count() > 40 {
                shown.push('…');
            }
            format!("{shown:?}")
        }
        Some(other) => other.to_string(),
    }
}

/// Matches the annotators' documents by text.
pub fn match_documents(annotators: &[Annotator]) -> Matching {
    let n = annotators.len();
    let mut problems = Vec::new();
    // Text hash -> indices into `all` (texts sharing a hash are told apart by comparing them).
    let mut by_key: HashMap<u64, Vec<usize>> = HashMap::new();
    let mut all: Vec<Matched> = Vec::new();
    // Where each document was first seen, for the "only one file" report.
    let mut first_seen: Vec<(usize, usize)> = Vec::new();
    // Record id -> (text key, annotator) pairs, for names whose texts differ.
    let mut names: BTreeMap<String, Vec<(u64, usize)>> = BTreeMap::new();
    for (a, annotator) in annotators.iter().enumerate() {
        let mut seen_here: HashMap<usize, usize> = HashMap::new();
        for (r, record) in annotator.records.iter().enumerate() {
            let text = record.doc.text();
            let key = text_key(text);
            let slot = by_key.entry(key).or_default();
            let found = slot.iter().copied().find(|&i| all[i].text() == text);
            let i = match found {
                Some(i) => i,
                None => {
                    all.push(Matched {
                        key,
                        id: record.id.clone(),
                        name: record_name(record),
                        versions: vec![None; n],
                    });
                    first_seen.push((a, r));
                    slot.push(all.len() - 1);
                    all.len() - 1
                }
            };
            if let Some(&first) = seen_here.get(&i) {
                problems.push(Problem::Duplicate {
                    annotator: annotator.name.clone(),
                    record: r + 1,
                    first: first + 1,
                });
                continue;
            }
            seen_here.insert(i, r);
            all[i].versions[a] = Some(record.doc.clone());
            if let Some(Value::String(_) | Value::Number(_)) = &record.id {
                names.entry(record_name(record)).or_default().push((key, a));
            }
        }
    }
    for (name, uses) in names {
        let keys: BTreeSet<u64> = uses.iter().map(|u| u.0).collect();
        if keys.len() > 1 {
            let who: BTreeSet<usize> = uses.iter().map(|u| u.1).collect();
            problems.push(Problem::NameClash {
                name,
                annotators: who.iter().map(|&a| annotators[a].name.clone()).collect(),
            });
        }
    }
    let mut documents = Vec::new();
    for (m, (a, r)) in all.into_iter().zip(first_seen) {
        let present = m.present();
        if present.len() < 2 {
            if n > 1 {
                problems.push(Problem::OnlyOne {
                    annotator: annotators[a].name.clone(),
                    record: r + 1,
                    name: m.name.clone(),
                });
            }
            continue;
        }
        if present.len() < n {
            problems.push(Problem::Missing {
                name: m.name.clone(),
                missing: (0..n)
                    .filter(|i| !present.contains(i))
                    .map(|i| annotators[i].name.clone())
                    .collect(),
            });
        }
        documents.push(m);
    }
    Matching {
        annotators: annotators.iter().map(|a| a.name.clone()).collect(),
        documents,
        problems,
    }
}

/// A token's label in the IOB sense: outside every span, or beginning / inside a span of a label.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Iob {
    O,
    B(String),
    I(String),
}

impl fmt::Display for Iob {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Iob::O => f.write_str("O"),
            Iob::B(l) => write!(f, "B-{l}"),
            Iob::I(l) => write!(f, "I-{l}"),
        }
    }
}

/// The tokens every version of a document is compared on: the core tokeniser's tokens, cut at
/// every span edge of every version, so that each version's spans cover whole pieces and all
/// versions label the same sequence.
pub fn shared_tokens(versions: &[&Document]) -> Vec<Token> {
    let Some(first) = versions.first() else {
        return Vec::new();
    };
    let cuts = versions
        .iter()
        .flat_map(|d| d.spans().iter().flat_map(|s| [s.start, s.end]))
        .collect();
    crate::core::text::split_at(first.tokens(), cuts)
}

/// Each token's IOB label in `doc` (whose spans cover whole tokens of `tokens`).
pub fn token_labels(doc: &Document, tokens: &[Token]) -> Vec<Iob> {
    each_token(doc, tokens, |at| match at {
        Some((span, true)) => Iob::B(span.label.to_string()),
        Some((span, false)) => Iob::I(span.label.to_string()),
        None => Iob::O,
    })
}

/// `f` of each token of `tokens`: the span of `doc` covering it, and whether the span begins
/// there; `None` outside every span. One pass over both, as both are in text order.
fn each_token<T>(
    doc: &Document,
    tokens: &[Token],
    f: impl Fn(Option<(&Span, bool)>) -> T,
) -> Vec<T> {
    let spans = doc.spans();
    let mut s = 0;
    tokens
        .iter()
        .map(|t| {
            while s < spans.len() && spans[s].end <= t.start {
                s += 1;
            }
            f(spans
                .get(s)
                .filter(|span| span.start <= t.start && t.start < span.end)
                .map(|span| (span, span.start == t.start)))
        })
        .collect()
}

/// Cohen's kappa of two equally long label sequences: (p_o − p_e) / (1 − p_e). `None` when it
/// is undefined: no items, or chance agreement is already certain (both use one and the same
/// label throughout), where the formula divides zero by zero.
pub fn cohen_kappa<T: Ord>(a: &[T], b: &[T]) -> Option<f64> {
    let n = a.len().min(b.len());
    if n == 0 {
        return None;
    }
    let mut agree = 0usize;
    let mut counts: BTreeMap<&T, (usize, usize)> = BTreeMap::new();
    for (x, y) in a.iter().zip(b) {
        if x == y {
            agree += 1;
        }
        counts.entry(x).or_default().0 += 1;
        counts.entry(y).or_default().1 += 1;
    }
    let nf = n as f64;
    let po = agree as f64 / nf;
    let pe: f64 = counts
        .values()
        .map(|&(ca, cb)| (ca as f64 / nf) * (cb as f64 / nf))
        .sum();
    kappa(po, pe)
}

/// Fleiss' kappa of `raters` equally long label sequences (one per rater, item by item).
/// `None` when undefined: fewer than two raters, no items, or certain chance agreement.
pub fn fleiss_kappa<T: Ord>(raters: &[&[T]]) -> Option<f64> {
    let r = raters.len();
    let n = raters.iter().map(|s| s.len()).min().unwrap_or(0);
    if r < 2 || n == 0 {
        return None;
    }
    let mut totals: BTreeMap<&T, usize> = BTreeMap::new();
    let mut sum_pi = 0.0;
    let mut item: BTreeMap<&T, usize> = BTreeMap::new();
    for i in 0..n {
        item.clear();
        for rater in raters {
            *item.entry(&rater[i]).or_default() += 1;
        }
        let mut sq = 0usize;
        for (k, c) in &item {
            sq += c * c;
            *totals.entry(k).or_default() += c;
        }
        sum_pi += (sq - r) as f64 / (r * (r - 1)) as f64;
    }
    let p_bar = sum_pi / n as f64;
    let all = (n * r) as f64;
    let pe: f64 = totals.values().map(|&c| (c as f64 / all).powi(2)).sum();
    kappa(p_bar, pe)
}

fn kappa(po: f64, pe: f64) -> Option<f64> {
    // Chance agreement of exactly 1 (up to rounding) leaves 0/0.
    if 1.0 - pe <= 1e-12 {
        return None;
    }
    Some((po - pe) / (1.0 - pe))
}

/// Exact-span counts of one label (or all) between a reference `a` and another annotator `b`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Spans both have: same start, end and label.
    pub both: usize,
    pub a: usize,
    pub b: usize,
}

impl Counts {
    /// Of `b`'s spans, the share `a` has too; `None` when `b` has none.
    pub fn precision(&self) -> Option<f64> {
        (self.b > 0).then(|| self.both as f64 / self.b as f64)
    }

    /// Of `a`'s spans, the share `b` has too; `None` when `a` has none.
    pub fn recall(&self) -> Option<f64> {
        (self.a > 0).then(|| self.both as f64 / self.a as f64)
    }

    /// Harmonic mean of precision and recall, 2·both / (a + b); `None` when neither has a span.
    pub fn f1(&self) -> Option<f64> {
        (self.a + self.b > 0).then(|| 2.0 * self.both as f64 / (self.a + self.b) as f64)
    }
}

/// One label's figures for a pair.
#[derive(Clone, Debug, PartialEq)]
pub struct LabelFigures {
    pub counts: Counts,
    /// Cohen's kappa over tokens with every other label read as outside.
    pub kappa: Option<f64>,
}

/// The figures of annotator `b` against annotator `a`.
#[derive(Clone, Debug, PartialEq)]
pub struct Pair {
    pub a: usize,
    pub b: usize,
    /// Documents both have.
    pub documents: usize,
    pub tokens: usize,
    /// Labels either of the two used, by name.
    pub labels: BTreeMap<String, LabelFigures>,
    pub overall: LabelFigures,
}

/// A document's disagreement: spans not every annotator who has the document marked exactly.
#[derive(Clone, Debug, PartialEq)]
pub struct DocumentFigures {
    /// Index into [`Matching::documents`].
    pub document: usize,
    /// Distinct spans (start, end, label) any annotator marked.
    pub spans: usize,
    /// Of those, the ones some annotator lacks.
    pub disputed: usize,
}

/// Everything `spanlight agree` and the teams view show.
#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    pub matching: Matching,
    pub pairs: Vec<Pair>,
    /// Fleiss' kappa over the documents every annotator has; only for three or more.
    pub fleiss: Option<f64>,
    /// Documents with the most disputed spans first.
    pub ranking: Vec<DocumentFigures>,
}

/// Token labels of each present version of a matched document, on [`shared_tokens`].
pub fn document_token_labels(m: &Matched) -> Vec<Option<Vec<Iob>>> {
    let present: Vec<&Document> = m.versions.iter().flatten().collect();
    let tokens = shared_tokens(&present);
    m.versions
        .iter()
        .map(|v| v.as_ref().map(|d| token_labels(d, &tokens)))
        .collect()
}

/// Labels numbered, so that a token's IOB label is a small number (0 outside, `2l + 1` at the
/// beginning and `2l + 2` inside a span of label `l`) and counting needs no strings: a thousand
/// documents of a thousand words are a million tokens per annotator.
struct Codes {
    index: HashMap<String, u32>,
}

impl Codes {
    fn new(matching: &Matching) -> Self {
        let names: BTreeSet<&str> = matching
            .documents
            .iter()
            .flat_map(|m| m.versions.iter().flatten())
            .flat_map(|d| d.spans().iter().map(|s| s.label.as_str()))
            .collect();
        Codes {
            index: names
                .into_iter()
                .enumerate()
                .map(|(i, n)| (n.to_string(), i as u32))
                .collect(),
        }
    }

    /// Categories: outside, and B and I of each label.
    fn categories(&self) -> usize {
        2 * self.index.len() + 1
    }

    fn label(&self, name: &str) -> Option<usize> {
        self.index.get(name).map(|&i| i as usize)
    }

    /// Each token's code in `doc`, as [`token_labels`] gives its label.
    fn tokens(&self, doc: &Document, tokens: &[Token]) -> Vec<u32> {
        each_token(doc, tokens, |at| match at {
            Some((span, begins)) => {
                let l = self.index.get(span.label.as_str()).copied().unwrap_or(0);
                if begins {
                    2 * l + 1
                } else {
                    2 * l + 2
                }
            }
            None => 0,
        })
    }
}

/// The label of a code (`None` outside), and a code seen by one label's figures (0 outside,
/// 1 beginning, 2 inside).
fn label_of(code: u32) -> Option<usize> {
    (code > 0).then(|| (code as usize - 1) / 2)
}

fn project(code: u32, label: usize) -> usize {
    match label_of(code) {
        Some(l) if l == label => 2 - (code as usize % 2),
        _ => 0,
    }
}

/// Cohen's kappa of two code sequences over `k` categories; as [`cohen_kappa`].
fn kappa_of_codes(a: &[u32], b: &[u32], k: usize) -> Option<f64> {
    let n = a.len().min(b.len());
    if n == 0 {
        return None;
    }
    let (mut ca, mut cb) = (vec![0usize; k], vec![0usize; k]);
    let mut agree = 0usize;
    for (&x, &y) in a.iter().zip(b) {
        ca[x as usize] += 1;
        cb[y as usize] += 1;
        agree += usize::from(x == y);
    }
    kappa_from_counts(n, agree, &ca, &cb)
}

fn kappa_from_counts(n: usize, agree: usize, ca: &[usize], cb: &[usize]) -> Option<f64> {
    let nf = n as f64;
    let pe: f64 = ca
        .iter()
        .zip(cb)
        .map(|(&x, &y)| (x as f64 / nf) * (y as f64 / nf))
        .sum();
    kappa(agree as f64 / nf, pe)
}

/// Each label's Cohen's kappa with every other label read as outside, in one pass: a token
/// pair only matters to the (at most two) labels it carries; for the others it is an agreed O.
fn label_kappas(a: &[u32], b: &[u32], labels: usize) -> Vec<Option<f64>> {
    let n = a.len().min(b.len());
    let mut ca = vec![[0usize; 3]; labels];
    let mut cb = vec![[0usize; 3]; labels];
    let mut involved = vec![0usize; labels];
    let mut disagree = vec![0usize; labels];
    for (&x, &y) in a.iter().zip(b) {
        let (lx, ly) = (label_of(x), label_of(y));
        for l in [lx, ly.filter(|&l| Some(l) != lx)].into_iter().flatten() {
            let (px, py) = (project(x, l), project(y, l));
            ca[l][px] += 1;
            cb[l][py] += 1;
            involved[l] += 1;
            disagree[l] += usize::from(px != py);
        }
    }
    (0..labels)
        .map(|l| {
            if n == 0 {
                return None;
            }
            let (mut xa, mut xb) = (ca[l], cb[l]);
            xa[0] += n - involved[l];
            xb[0] += n - involved[l];
            kappa_from_counts(n, n - disagree[l], &xa, &xb)
        })
        .collect()
}

/// Fleiss' kappa of code columns (one per rater) over `k` categories; as [`fleiss_kappa`].
fn fleiss_of_codes(raters: &[Vec<u32>], k: usize) -> Option<f64> {
    let r = raters.len();
    let n = raters.iter().map(Vec::len).min().unwrap_or(0);
    if r < 2 || n == 0 {
        return None;
    }
    let mut totals = vec![0usize; k];
    let mut item = vec![0usize; k];
    let mut sum_pi = 0.0;
    for i in 0..n {
        for rater in raters {
            item[rater[i] as usize] += 1;
        }
        let mut sq = 0usize;
        for rater in raters {
            let c = &mut item[rater[i] as usize];
            if *c > 0 {
                sq += *c * *c;
                totals[rater[i] as usize] += *c;
                *c = 0;
            }
        }
        sum_pi += (sq - r) as f64 / (r * (r - 1)) as f64;
    }
    let all = (n * r) as f64;
    let pe: f64 = totals.iter().map(|&c| (c as f64 / all).powi(2)).sum();
    kappa(sum_pi / n as f64, pe)
}

/// Computes every figure for matched documents.
pub fn report(matching: Matching) -> Report {
    let n = matching.annotators.len();
    let codes = Codes::new(&matching);
    let labels: Vec<Vec<Option<Vec<u32>>>> = matching
        .documents
        .iter()
        .map(|m| {
            let present: Vec<&Document> = m.versions.iter().flatten().collect();
            let tokens = shared_tokens(&present);
            m.versions
                .iter()
                .map(|v| v.as_ref().map(|d| codes.tokens(d, &tokens)))
                .collect()
        })
        .collect();
    let mut pairs = Vec::new();
    for a in 0..n {
        for b in a + 1..n {
            pairs.push(pair(&matching, &codes, &labels, a, b));
        }
    }
    let fleiss = if n >= 3 {
        let mut columns: Vec<Vec<u32>> = vec![Vec::new(); n];
        for doc in &labels {
            if doc.iter().all(Option::is_some) {
                for (col, seq) in columns.iter_mut().zip(doc.iter().flatten()) {
                    col.extend_from_slice(seq);
                }
            }
        }
        fleiss_of_codes(&columns, codes.categories())
    } else {
        None
    };
    let mut ranking: Vec<DocumentFigures> = matching
        .documents
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let votes = votes(m);
            let present = m.present().len();
            DocumentFigures {
                document: i,
                spans: votes.len(),
                disputed: votes.values().filter(|v| v.len() < present).count(),
            }
        })
        .collect();
    ranking.sort_by(|x, y| {
        y.disputed
            .cmp(&x.disputed)
            .then(x.document.cmp(&y.document))
    });
    Report {
        matching,
        pairs,
        fleiss,
        ranking,
    }
}

fn pair(
    matching: &Matching,
    codes: &Codes,
    labels: &[Vec<Option<Vec<u32>>>],
    a: usize,
    b: usize,
) -> Pair {
    let mut counts: BTreeMap<String, Counts> = BTreeMap::new();
    let mut overall = Counts::default();
    let (mut seq_a, mut seq_b): (Vec<u32>, Vec<u32>) = (Vec::new(), Vec::new());
    let mut documents = 0;
    for (m, doc_labels) in matching.documents.iter().zip(labels) {
        let (Some(da), Some(db)) = (&m.versions[a], &m.versions[b]) else {
            continue;
        };
        documents += 1;
        let set_b: BTreeSet<(usize, usize, &str)> = db
            .spans()
            .iter()
            .map(|s| (s.start, s.end, s.label.as_str()))
            .collect();
        for s in da.spans() {
            let c = counts.entry(s.label.to_string()).or_default();
            c.a += 1;
            overall.a += 1;
            if set_b.contains(&(s.start, s.end, s.label.as_str())) {
                c.both += 1;
                overall.both += 1;
            }
        }
        for s in db.spans() {
            counts.entry(s.label.to_string()).or_default().b += 1;
            overall.b += 1;
        }
        if let (Some(la), Some(lb)) = (&doc_labels[a], &doc_labels[b]) {
            seq_a.extend_from_slice(la);
            seq_b.extend_from_slice(lb);
        }
    }
    let kappas = label_kappas(&seq_a, &seq_b, codes.index.len());
    let labels = counts
        .into_iter()
        .map(|(label, counts)| {
            let kappa = codes.label(&label).and_then(|l| kappas[l]);
            (label, LabelFigures { counts, kappa })
        })
        .collect();
    Pair {
        a,
        b,
        documents,
        tokens: seq_a.len(),
        labels,
        overall: LabelFigures {
            counts: overall,
            kappa: kappa_of_codes(&seq_a, &seq_b, codes.categories()),
        },
    }
}

/// Each distinct span of a matched document with the annotators who marked it exactly.
pub fn votes(m: &Matched) -> BTreeMap<(usize, usize, String), Vec<usize>> {
    let mut out: BTreeMap<(usize, usize, String), Vec<usize>> = BTreeMap::new();
    for (a, v) in m.versions.iter().enumerate() {
        for s in v.iter().flat_map(|d| d.spans()) {
            out.entry((s.start, s.end, s.label.to_string()))
                .or_default()
                .push(a);
        }
    }
    out
}

/// A merged document with, for each of its spans (in order), the annotators who marked it.
#[derive(Clone, Debug, PartialEq)]
pub struct Merged {
    pub id: Option<Value>,
    pub name: String,
    pub doc: Document,
    pub agreed_by: Vec<Vec<String>>,
}

/// Why a span with enough votes is not in a merged document.
#[derive(Clone, Debug, PartialEq)]
pub struct Conflict {
    pub document: String,
    pub kept: Span,
    pub dropped: Span,
    pub kept_votes: usize,
    pub dropped_votes: usize,
}

impl fmt::Display for Conflict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (k, d) = (&self.kept, &self.dropped);
        write!(
            f,
            "document {}: {}..{} {} ({} votes) overlaps {}..{} {} ({} votes); the first is kept",
            self.document,
            k.start,
            k.end,
            k.label,
            self.kept_votes,
            d.start,
            d.end,
            d.label,
            self.dropped_votes
        )
    }
}

/// The spans at least `min_votes` annotators agree on exactly, per document present in at least
/// `min_votes` files. Where two such spans overlap (possible when `min_votes` is half or less),
/// the one with more votes, then the longer, then the earlier, is kept and the other reported.
pub fn merge(matching: &Matching, min_votes: usize) -> (Vec<Merged>, Vec<Conflict>) {
    let min_votes = min_votes.max(1);
    let mut merged = Vec::new();
    let mut conflicts = Vec::new();
    for m in &matching.documents {
        if m.present().len() < min_votes {
            continue;
        }
        let Some(first) = m.versions.iter().flatten().next() else {
            continue;
        };
        // A copy shares the text and its token tables: no second tokenising.
        let mut doc = first.clone();
        let _ = doc.set_spans(Vec::new());
        let mut labels: Vec<Label> = Vec::new();
        for l in m.versions.iter().flatten().flat_map(|d| d.labels()) {
            if !labels.iter().any(|x| x.name == l.name) {
                labels.push(l.clone());
            }
        }
        // The labels came from valid documents, so none is empty; spans are checked again.
        let _ = doc.set_labels(labels);
        let mut candidates: Vec<(Span, Vec<usize>)> = votes(m)
            .into_iter()
            .filter(|(_, who)| who.len() >= min_votes)
            .map(|((start, end, label), who)| (Span::new(start, end, label), who))
            .collect();
        candidates.sort_by(|x, y| {
            y.1.len()
                .cmp(&x.1.len())
                .then((y.0.end - y.0.start).cmp(&(x.0.end - x.0.start)))
                .then(x.0.start.cmp(&y.0.start))
        });
        let mut kept: Vec<(Span, Vec<usize>)> = Vec::new();
        for (span, who) in candidates {
            if let Some((k, kw)) = kept
                .iter()
                .find(|(k, _)| k.start < span.end && span.start < k.end)
            {
                conflicts.push(Conflict {
                    document: m.name.clone(),
                    kept: k.clone(),
                    dropped: span,
                    kept_votes: kw.len(),
                    dropped_votes: who.len(),
                });
                continue;
            }
            kept.push((span, who));
        }
        kept.sort_by_key(|(s, _)| (s.start, s.end));
        let agreed_by = kept
            .iter()
            .map(|(_, who)| {
                who.iter()
                    .map(|&a| matching.annotators[a].clone())
                    .collect()
            })
            .collect();
        let spans: Vec<Span> = kept.into_iter().map(|(s, _)| s).collect();
        if doc.set_spans(spans).is_err() {
            // Unreachable for spans taken from valid documents of this text; kept as a guard
            // so that a bug shows as a missing document in the output, never as a panic.
            continue;
        }
        merged.push(Merged {
            id: m.id.clone(),
            name: m.name.clone(),
            doc,
            agreed_by,
        });
    }
    (merged, conflicts)
}

/// Which annotators marked each span of `doc` exactly, from the versions of its text: what an
/// adjudicated document's export says about its spans.
pub fn agreed_by(doc: &Document, versions: &[(String, Document)]) -> Vec<Vec<String>> {
    doc.spans()
        .iter()
        .map(|s| {
            versions
                .iter()
                .filter(|(_, v)| {
                    v.text() == doc.text()
                        && v.spans()
                            .iter()
                            .any(|x| x.start == s.start && x.end == s.end && x.label == s.label)
                })
                .map(|(name, _)| name.clone())
                .collect()
        })
        .collect()
}

/// Adds `"annotators": [...]` to each span object of a spanlight JSON value, from `agreed_by`
/// (one list per span, in order).
pub fn with_annotators(mut value: Value, agreed_by: &[Vec<String>]) -> Value {
    if let Some(spans) = value.get_mut("spans").and_then(Value::as_array_mut) {
        for (span, who) in spans.iter_mut().zip(agreed_by) {
            if let Some(obj) = span.as_object_mut() {
                obj.insert("annotators".into(), Value::from(who.clone()));
            }
        }
    }
    value
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str, spans: &[(usize, usize, &str)]) -> Document {
        let mut d = Document::new(text);
        for &(s, e, l) in spans {
            if d.label(l).is_none() {
                d.add_label(Label::new(l, "#d9d9d9", None));
            }
            d.add_span(Span::new(s, e, l)).unwrap();
        }
        d
    }

    fn rec(id: &str, d: Document) -> Record {
        Record {
            id: Some(Value::from(id)),
            doc: d,
        }
    }

    const T1: &str = "Kerry met Lavrov in Geneva.";
    const T2: &str = "Merkel flew to Paris with 3 aides.";

    #[test]
    fn cohen_kappa_by_hand() {
        // 10 items: a says yes 6 times, b 5 times, they agree on 7 (4 yes, 3 no).
        let a = [1, 1, 1, 1, 1, 1, 0, 0, 0, 0];
        let b = [1, 1, 1, 1, 0, 0, 1, 0, 0, 0];
        // p_o = 0.7; p_e = 0.6·0.5 + 0.4·0.5 = 0.5; kappa = 0.2 / 0.5 = 0.4.
        let k = cohen_kappa(&a, &b).unwrap();
        assert!((k - 0.4).abs() < 1e-12, "{k}");
        assert_eq!(cohen_kappa(&a, &a), Some(1.0));
        assert_eq!(
            cohen_kappa(&[0, 0, 0], &[0, 0, 0]),
            None,
            "0/0 is undefined"
        );
        assert_eq!(cohen_kappa::<u8>(&[], &[]), None);
        // Total disagreement with balanced labels: p_o = 0, p_e = 0.5, kappa = -1.
        assert_eq!(cohen_kappa(&[0, 1], &[1, 0]), Some(-1.0));
    }

    #[test]
    fn fleiss_kappa_by_hand() {
        // 3 raters, 4 items. Item counts (yes,no): (3,0) (2,1) (0,3) (1,2).
        // P_i = 1, 1/3, 1, 1/3 -> P̄ = 2/3. p_yes = 6/12, p_no = 6/12 -> P_e = 0.5.
        // kappa = (2/3 - 1/2) / (1/2) = 1/3.
        let r1 = [1, 1, 0, 1];
        let r2 = [1, 1, 0, 0];
        let r3 = [1, 0, 0, 0];
        let k = fleiss_kappa(&[&r1[..], &r2[..], &r3[..]]).unwrap();
        assert!((k - 1.0 / 3.0).abs() < 1e-12, "{k}");
        assert_eq!(fleiss_kappa(&[&r1[..], &r1[..], &r1[..]]), Some(1.0));
        assert_eq!(fleiss_kappa(&[&[0, 0][..], &[0, 0][..], &[0, 0][..]]), None);
        assert_eq!(fleiss_kappa(&[&r1[..]]), None);
    }

    #[test]
    fn tokens_are_cut_at_every_versions_span_edges() {
        // "Ninja" is one token; A marks "Nin", so both versions are compared on "Nin" + "ja".
        let a = doc("Ninja Nin", &[(0, 3, "PERSON")]);
        let b = doc("Ninja Nin", &[(6, 9, "PERSON")]);
        let toks = shared_tokens(&[&a, &b]);
        let edges: Vec<(usize, usize)> = toks.iter().map(|t| (t.start, t.end)).collect();
        assert_eq!(edges, [(0, 3), (3, 5), (6, 9)]);
        let la: Vec<String> = token_labels(&a, &toks)
            .iter()
            .map(|l| l.to_string())
            .collect();
        assert_eq!(la, ["B-PERSON", "O", "O"]);
        let long = doc(T1, &[(0, 16, "PERSON")]);
        let toks = shared_tokens(&[&long]);
        let ll: Vec<String> = token_labels(&long, &toks)
            .iter()
            .map(|l| l.to_string())
            .collect();
        assert_eq!(ll, ["B-PERSON", "I-PERSON", "I-PERSON", "O", "O", "O"]);
    }

    /// Two annotators, two shared documents plus one only A has, listed in different orders.
    fn two() -> Vec<Annotator> {
        let a = Annotator::new(
            "ann",
            vec![
                rec(
                    "d1",
                    doc(
                        T1,
                        &[(0, 5, "PERSON"), (10, 16, "PERSON"), (20, 26, "PLACE")],
                    ),
                ),
                rec("d2", doc(T2, &[(0, 6, "PERSON"), (15, 20, "PLACE")])),
                rec("solo", doc("Only here.", &[])),
            ],
        );
        let b = Annotator::new(
            "bob",
            vec![
                // Reordered: matching is by text, not position.
                rec(
                    "d2",
                    doc(
                        T2,
                        &[(0, 6, "PERSON"), (15, 20, "PERSON"), (26, 27, "NUMBER")],
                    ),
                ),
                rec("d1", doc(T1, &[(0, 5, "PERSON"), (20, 26, "PLACE")])),
            ],
        );
        vec![a, b]
    }

    #[test]
    fn pair_figures_by_hand() {
        let r = report(match_documents(&two()));
        assert_eq!(r.matching.documents.len(), 2);
        assert_eq!(
            r.matching.problems,
            [Problem::OnlyOne {
                annotator: "ann".into(),
                record: 3,
                name: "solo".into()
            }]
        );
        let p = &r.pairs[0];
        assert_eq!((p.a, p.b, p.documents), (0, 1, 2));
        // PERSON: A has Kerry, Lavrov, Merkel (3); B has Kerry, Merkel, Paris (3); both 2.
        let person = &p.labels["PERSON"].counts;
        assert_eq!((person.both, person.a, person.b), (2, 3, 3));
        assert_eq!(person.precision(), Some(2.0 / 3.0));
        // PLACE: A Geneva, Paris; B Geneva.
        let place = &p.labels["PLACE"].counts;
        assert_eq!((place.both, place.a, place.b), (1, 2, 1));
        assert_eq!(place.precision(), Some(1.0));
        assert_eq!(place.recall(), Some(0.5));
        assert!((place.f1().unwrap() - 2.0 / 3.0).abs() < 1e-12);
        // NUMBER: only B, so no recall... of A's none: recall undefined, precision 0.
        let number = &p.labels["NUMBER"].counts;
        assert_eq!((number.precision(), number.recall()), (Some(0.0), None));
        assert_eq!(number.f1(), Some(0.0));
        // Overall: both 3 of A's 5 and B's 5: F1 = 6 / 10.
        assert!((p.overall.counts.f1().unwrap() - 0.6).abs() < 1e-12);

        // Tokens: T1 = Kerry met Lavrov in Geneva . (6); T2 = Merkel flew to Paris with 3
        // aides . (8): 14 in all.
        // A: B-PER O B-PER O B-PLA O | B-PER O O B-PLA O O O O
        // B: B-PER O O     O B-PLA O | B-PER O O B-PER O B-NUM O O
        // Agree on 11 of 14. A's counts: O 9, B-PER 3, B-PLA 2; B's: O 9, B-PER 3, B-PLA 1,
        // B-NUM 1. p_e = (9·9 + 3·3 + 2·1) / 196 = 92/196.
        let po = 11.0 / 14.0;
        let pe = 92.0 / 196.0;
        let expected = (po - pe) / (1.0 - pe);
        assert_eq!(p.tokens, 14);
        assert!((p.overall.kappa.unwrap() - expected).abs() < 1e-12);
        // PLACE alone: A: B-PLA at tokens 4 and 9; B: at token 4. Agree 13 of 14.
        // p_e = (12·13 + 2·1) / 196 = 158/196.
        let pe = 158.0 / 196.0;
        let expected = (13.0 / 14.0 - pe) / (1.0 - pe);
        assert!((p.labels["PLACE"].kappa.unwrap() - expected).abs() < 1e-12);
        assert!(r.fleiss.is_none(), "Fleiss needs three annotators");
        // d2 has 3 disputed spans (Paris twice, 3), d1 one (Lavrov): d2 first.
        let order: Vec<(usize, usize)> =
            r.ranking.iter().map(|d| (d.document, d.disputed)).collect();
        assert_eq!(order, [(1, 3), (0, 1)]);
    }

    #[test]
    fn three_annotators_get_fleiss_over_documents_all_have() {
        let mut anns = two();
        anns.push(Annotator::new(
            "cy",
            vec![rec("d1", doc(T1, &[(0, 5, "PERSON"), (10, 16, "PERSON")]))],
        ));
        let r = report(match_documents(&anns));
        assert_eq!(r.pairs.len(), 3);
        assert_eq!(
            r.pairs.iter().map(|p| (p.a, p.b)).collect::<Vec<_>>(),
            [(0, 1), (0, 2), (1, 2)]
        );
        assert!(r.matching.problems.contains(&Problem::Missing {
            name: "d2".into(),
            missing: vec!["cy".into()]
        }));
        // Fleiss over d1 only (6 tokens):
        // ann: B-PER O B-PER O B-PLA O; bob: B-PER O O O B-PLA O; cy: B-PER O B-PER O O O.
        // Token 0: 3×B-PER (P=1); 1: O (1); 2: 2 B-PER + O (1/3); 3: (1); 4: 2 B-PLA + O (1/3);
        // 5: (1). P̄ = (4 + 2/3)/6 = 7/9. Totals of 18: B-PER 5, O 11, B-PLA 2.
        // P_e = (25 + 121 + 4)/324 = 150/324.
        let pe = 150.0 / 324.0;
        let expected = (7.0 / 9.0 - pe) / (1.0 - pe);
        assert!((r.fleiss.unwrap() - expected).abs() < 1e-12);
    }

    #[test]
    fn duplicates_and_names_with_different_texts_are_reported() {
        let a = Annotator::new(
            "a",
            vec![
                rec("x", doc(T1, &[])),
                rec("x2", doc(T1, &[])),
                rec("y", doc(T2, &[])),
            ],
        );
        let b = Annotator::new(
            "b",
            vec![rec("x", doc(T1, &[])), rec("y", doc("Another text.", &[]))],
        );
        let m = match_documents(&[a, b]);
        assert!(m.problems.contains(&Problem::Duplicate {
            annotator: "a".into(),
            record: 2,
            first: 1
        }));
        assert!(m.problems.contains(&Problem::NameClash {
            name: "y".into(),
            annotators: vec!["a".into(), "b".into()]
        }));
        // The two "y" texts stay apart: each is in one file only.
        assert_eq!(m.documents.len(), 1);
        assert_eq!(
            m.problems
                .iter()
                .filter(|p| matches!(p, Problem::OnlyOne { .. }))
                .count(),
            2
        );
    }

    #[test]
    fn merge_keeps_spans_with_enough_votes_and_names_the_voters() {
        let mut anns = two();
        anns.push(Annotator::new(
            "cy",
            vec![rec(
                "d2",
                doc(
                    T2,
                    &[(0, 6, "PERSON"), (15, 20, "PLACE"), (26, 27, "NUMBER")],
                ),
            )],
        ));
        let m = match_documents(&anns);
        let (merged, conflicts) = merge(&m, 2);
        assert!(conflicts.is_empty());
        let d2 = merged.iter().find(|d| d.name == "d2").unwrap();
        let spans: Vec<(usize, usize, &str)> = d2
            .doc
            .spans()
            .iter()
            .map(|s| (s.start, s.end, s.label.as_str()))
            .collect();
        // Paris: PLACE (ann, cy) beats PERSON (bob); "3": bob and cy.
        assert_eq!(
            spans,
            [(0, 6, "PERSON"), (15, 20, "PLACE"), (26, 27, "NUMBER")]
        );
        assert_eq!(
            d2.agreed_by,
            [
                vec!["ann", "bob", "cy"],
                vec!["ann", "cy"],
                vec!["bob", "cy"]
            ]
        );
        let (merged, conflicts) = merge(&m, 3);
        let d2 = merged.iter().find(|d| d.name == "d2").unwrap();
        assert_eq!(d2.doc.spans().len(), 1);
        assert!(conflicts.is_empty());
        assert!(
            merged.iter().all(|d| d.name != "d1"),
            "d1 is in two files only"
        );
        // With one vote, both Paris spans qualify and overlap: one is kept, one reported.
        let (_, conflicts) = merge(&m, 1);
        assert_eq!(conflicts.len(), 1);
        assert_eq!(conflicts[0].kept, Span::new(15, 20, "PLACE"));
        assert_eq!(conflicts[0].dropped, Span::new(15, 20, "PERSON"));
    }

    #[test]
    fn files_are_read_in_any_format_or_as_a_workspace() {
        let doccano = r#"{"text":"Kerry met Lavrov.","label":[[0,5,"PERSON"]]}"#;
        let (records, errors) = read_file(doccano, None);
        assert!(errors.is_empty());
        assert_eq!(records[0].doc.spans(), [Span::new(0, 5, "PERSON")]);
        let mut ws = workspace::Workspace::default();
        ws.apply(workspace::WorkspaceAction::Add(vec![(
            "talks".into(),
            doc(T1, &[(0, 5, "PERSON")]),
        )]));
        let (records, errors) = read_file(&workspace::to_file(&ws), None);
        assert!(errors.is_empty());
        let talks = records.iter().find(|r| r.doc.text() == T1).unwrap();
        assert_eq!(talks.id, Some(Value::from("talks")));
        // A drifted span: that document is reported, the others read.
        let jsonl = format!(
            "{}\n{}\n",
            r#"{"text":"Kerry met Lavrov.","spans":[{"start":1,"end":6,"label":"PERSON","text":"Kerry"}]}"#,
            r#"{"text":"Paris.","spans":[]}"#
        );
        let (records, errors) = read_file(&jsonl, Some(Format::Spanlight));
        assert_eq!(records.len(), 1);
        assert!(errors[0].starts_with("line 1: span 1"), "{errors:?}");
        assert!(
            errors[0].ends_with("this document is left out"),
            "{errors:?}"
        );
    }

    #[test]
    fn exports_say_who_agreed() {
        let d = doc(T1, &[(0, 5, "PERSON"), (10, 16, "PERSON")]);
        let versions = vec![
            ("ann".to_string(), doc(T1, &[(0, 5, "PERSON")])),
            (
                "bob".to_string(),
                doc(T1, &[(0, 5, "PERSON"), (10, 16, "PLACE")]),
            ),
        ];
        let who = agreed_by(&d, &versions);
        assert_eq!(who, [vec!["ann", "bob"], Vec::<&str>::new()]);
        let v = with_annotators(serde_json::json!({"spans": [{}, {}]}), &who);
        assert_eq!(
            v["spans"][0]["annotators"],
            serde_json::json!(["ann", "bob"])
        );
        assert_eq!(v["spans"][1]["annotators"], serde_json::json!([]));
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod properties {
    use super::*;
    use proptest::prelude::*;

    const LABELS: [&str; 3] = ["PERSON", "PLACE", "NUMBER"];

    /// One document's span proposals: (start, length, label index).
    type Proposals = Vec<(usize, usize, usize)>;

    /// A text of words and punctuation, and span proposals (start, len, label) in code points;
    /// proposals that are invalid for the text are skipped, as a real file's would be refused.
    fn version(text: &str, proposals: &[(usize, usize, usize)]) -> Document {
        let mut d = Document::new(text);
        for &(start, len, l) in proposals {
            let span = Span::new(start, start + len, LABELS[l % 3]);
            if d.validate(span.start, span.end, &span.label).is_ok() {
                let _ = d.add_span(span);
            }
        }
        d
    }

    fn text() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "Kerry", " ", "met", "Anaïs", "'s", ",", "😀", "e\u{301}", "50,000", "\n", "Nin",
        ]);
        prop::collection::vec(pieces, 0..20).prop_map(|v| v.concat())
    }

    fn proposals() -> impl Strategy<Value = Proposals> {
        prop::collection::vec((0usize..60, 1usize..12, 0usize..3), 0..8)
    }

    fn annotators(texts: &[String], sets: &[Vec<Proposals>]) -> Vec<Annotator> {
        sets.iter()
            .enumerate()
            .map(|(a, docs)| {
                let records = docs
                    .iter()
                    .zip(texts)
                    .map(|(p, t)| Record::new(version(t, p)))
                    .collect();
                Annotator::new(format!("a{a}"), records)
            })
            .collect()
    }

    proptest! {
        #[test]
        fn a_file_agrees_with_itself(t in prop::collection::vec(text(), 1..4),
                                     p in prop::collection::vec(proposals(), 4)) {
            let anns = annotators(&t, &[p.clone(), p.clone(), p]);
            let r = report(match_documents(&anns));
            for pair in &r.pairs {
                if let Some(f1) = pair.overall.counts.f1() {
                    prop_assert_eq!(f1, 1.0);
                }
                // Undefined only when every token carries one and the same label.
                match pair.overall.kappa {
                    Some(k) => prop_assert!((k - 1.0).abs() < 1e-12, "{}", k),
                    None => {
                        let distinct: BTreeSet<Iob> = r.matching.documents.iter()
                            .flat_map(|m| document_token_labels(m).into_iter().flatten().flatten())
                            .collect();
                        prop_assert!(distinct.len() <= 1, "{:?}", distinct);
                    }
                }
                for fig in pair.labels.values() {
                    prop_assert_eq!(fig.counts.f1(), Some(1.0));
                }
            }
            if let Some(k) = r.fleiss {
                prop_assert!((k - 1.0).abs() < 1e-12);
            }
            prop_assert!(r.ranking.iter().all(|d| d.disputed == 0));
        }

        #[test]
        fn f1_and_kappa_are_symmetric(t in prop::collection::vec(text(), 1..4),
                                      pa in prop::collection::vec(proposals(), 4),
                                      pb in prop::collection::vec(proposals(), 4)) {
            let ab = report(match_documents(&annotators(&t, &[pa.clone(), pb.clone()])));
            let ba = report(match_documents(&annotators(&t, &[pb, pa])));
            let (x, y) = (&ab.pairs[0], &ba.pairs[0]);
            prop_assert_eq!(x.overall.counts.f1(), y.overall.counts.f1());
            prop_assert_eq!(x.overall.counts.precision(), y.overall.counts.recall());
            match (x.overall.kappa, y.overall.kappa) {
                (Some(k1), Some(k2)) => prop_assert!((k1 - k2).abs() < 1e-12),
                (k1, k2) => prop_assert_eq!(k1, k2),
            }
            for (label, fx) in &x.labels {
                let fy = &y.labels[label];
                prop_assert_eq!(fx.counts.f1(), fy.counts.f1());
            }
        }

        #[test]
        fn merge_output_is_valid_and_every_span_has_its_votes(
            t in prop::collection::vec(text(), 1..4),
            p in prop::collection::vec(prop::collection::vec(proposals(), 4), 2..5),
            k in 1usize..5,
        ) {
            let m = match_documents(&annotators(&t, &p));
            let (merged, _) = merge(&m, k);
            for d in &merged {
                prop_assert!(d.doc.check_invariants().is_ok());
                prop_assert_eq!(d.agreed_by.len(), d.doc.spans().len());
                prop_assert!(d.agreed_by.iter().all(|w| w.len() >= k));
            }
        }

        #[test]
        fn counting_by_codes_equals_the_plain_definitions(
            a in prop::collection::vec(0u32..7, 0..60),
            b in prop::collection::vec(0u32..7, 0..60),
            c in prop::collection::vec(0u32..7, 0..60),
        ) {
            let n = a.len().min(b.len()).min(c.len());
            let (a, b, c) = (&a[..n], &b[..n], &c[..n]);
            let close = |x: Option<f64>, y: Option<f64>| match (x, y) {
                (Some(x), Some(y)) => (x - y).abs() < 1e-9,
                (x, y) => x == y,
            };
            prop_assert!(close(kappa_of_codes(a, b, 7), cohen_kappa(a, b)));
            let per_label = label_kappas(a, b, 3);
            for (l, k) in per_label.iter().enumerate() {
                let pa: Vec<usize> = a.iter().map(|&x| project(x, l)).collect();
                let pb: Vec<usize> = b.iter().map(|&x| project(x, l)).collect();
                prop_assert!(close(*k, cohen_kappa(&pa, &pb)), "label {}", l);
            }
            let cols = vec![a.to_vec(), b.to_vec(), c.to_vec()];
            prop_assert!(close(fleiss_of_codes(&cols, 7), fleiss_kappa(&[a, b, c])));
        }

        #[test]
        fn arbitrary_files_never_panic(files in prop::collection::vec(
            prop::collection::vec(prop::sample::select(vec![
                "{", "}", "[", "]", "\"text\":", "\"spans\":", "\"start\":", "\"end\":",
                "\"label\":", "\"PERSON\"", "\"Kerry 😀\"", "0", "3", "-1", "99", ",", ":",
                "\n", " ", "\"id\":", "\"a\"", "\"label\":[[0,5,\"X\"]]",
            ]), 0..40).prop_map(|v| v.concat()), 2..4)) {
            let annotators: Vec<Annotator> = files
                .iter()
                .enumerate()
                .map(|(i, f)| Annotator::new(format!("a{i}"), read_file(f, None).0))
                .collect();
            let m = match_documents(&annotators);
            let (merged, _) = merge(&m, 1);
            let r = report(m);
            prop_assert_eq!(r.pairs.len(), files.len() * (files.len() - 1) / 2);
            for d in merged {
                prop_assert!(d.doc.check_invariants().is_ok());
            }
        }

        #[test]
        fn kappas_never_panic_and_stay_in_range(a in prop::collection::vec(0u8..4, 0..50),
                                               b in prop::collection::vec(0u8..4, 0..50),
                                               c in prop::collection::vec(0u8..4, 0..50)) {
            if let Some(k) = cohen_kappa(&a, &b) {
                prop_assert!((-1.0 - 1e-9..=1.0 + 1e-9).contains(&k), "{}", k);
            }
            if let Some(k) = fleiss_kappa(&[&a[..], &b[..], &c[..]]) {
                prop_assert!(k <= 1.0 + 1e-9 && k.is_finite(), "{}", k);
            }
        }
    }
}
