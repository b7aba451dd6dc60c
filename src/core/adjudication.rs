//! Adjudication: one text as several annotators marked it, the places where they disagree, and
//! the decisions (take one annotator's spans, both, neither) that settle each place on an
//! ordinary [`Document`], which the editor then changes like any other (so undo works).
//!
//! Also the teams state the page keeps: the annotators' files and which document is being
//! adjudicated, as JSON for autosave.

use std::sync::Arc;

use serde_json::{json, Value};

use super::agreement::{self, Annotator, Matched};
use super::document::{Document, Label, Span};
use super::formats::{spanlight, Record};

/// A place where the versions differ: every span any version has in `[start, end)` that not
/// all versions share, grouped while they overlap.
#[derive(Clone, Debug, PartialEq)]
pub struct Disagreement {
    pub start: usize,
    pub end: usize,
    /// Per annotator (as in the versions), their spans here; empty for none or no version.
    pub options: Vec<Vec<Span>>,
}

/// A decision on one [`Disagreement`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Choice {
    /// Keep annotator `i`'s spans here (none if they marked nothing).
    Take(usize),
    /// Keep every annotator's spans here, which works only where they do not overlap.
    Both,
    /// No span here.
    Neither,
}

/// The labels of all versions, first seen first, so every option's label is known.
fn labels(versions: &[Option<Document>]) -> Vec<Label> {
    let mut out: Vec<Label> = Vec::new();
    for l in versions.iter().flatten().flat_map(|d| d.labels()) {
        if !out.iter().any(|x| x.name == l.name) {
            out.push(l.clone());
        }
    }
    out
}

/// The document adjudication starts from: the text with the spans every present version has
/// exactly, and the labels of all versions.
pub fn agreed(versions: &[Option<Document>]) -> Document {
    let present: Vec<&Document> = versions.iter().flatten().collect();
    let Some(first) = present.first() else {
        return Document::new("");
    };
    let mut doc = Document::new(first.text());
    // Labels of valid documents are valid, and `doc` has no spans yet: this cannot fail.
    let _ = doc.set_labels(labels(versions));
    let spans: Vec<Span> = first
        .spans()
        .iter()
        .filter(|s| present[1..].iter().all(|d| has(d, s)))
        .map(|s| Span::new(s.start, s.end, s.label.clone()))
        .collect();
    // A subset of one valid document's spans is valid.
    let _ = doc.set_spans(spans);
    doc
}

fn has(doc: &Document, s: &Span) -> bool {
    let i = doc
        .spans()
        .partition_point(|x| (x.start, x.end) < (s.start, s.end));
    doc.spans()
        .range(i, doc.spans().len())
        .take_while(|x| x.start == s.start && x.end == s.end)
        .any(|x| x.label == s.label)
}

/// Where the present versions of one text differ, in text order.
pub fn disagreements(versions: &[Option<Document>]) -> Vec<Disagreement> {
    let present: Vec<&Document> = versions.iter().flatten().collect();
    // Every disputed span with its annotator, sorted by position.
    let mut disputed: Vec<(usize, &Span)> = versions
        .iter()
        .enumerate()
        .filter_map(|(i, v)| v.as_ref().map(|d| (i, d)))
        .flat_map(|(i, d)| d.spans().iter().map(move |s| (i, s)))
        .filter(|(_, s)| !present.iter().all(|d| has(d, s)))
        .collect();
    disputed.sort_by_key(|(i, s)| (s.start, s.end, *i));
    let mut out: Vec<Disagreement> = Vec::new();
    for (i, s) in disputed {
        match out.last_mut() {
            Some(d) if s.start < d.end => {
                d.end = d.end.max(s.end);
                d.options[i].push(s.clone());
            }
            _ => {
                let mut options = vec![Vec::new(); versions.len()];
                options[i].push(s.clone());
                out.push(Disagreement {
                    start: s.start,
                    end: s.end,
                    options,
                });
            }
        }
    }
    out
}

/// The spans a decision puts in the disagreement's place, or why it cannot.
pub fn resolve(d: &Disagreement, choice: Choice, names: &[String]) -> Result<Vec<Span>, String> {
    let accepted = |spans: &[Span]| -> Vec<Span> {
        spans
            .iter()
            .map(|s| Span::new(s.start, s.end, s.label.clone()))
            .collect()
    };
    match choice {
        Choice::Neither => Ok(Vec::new()),
        Choice::Take(i) => d
            .options
            .get(i)
            .map(|o| accepted(o))
            .ok_or_else(|| format!("there is no annotator number {}", i + 1)),
        Choice::Both => {
            let mut all: Vec<(usize, Span)> = d
                .options
                .iter()
                .enumerate()
                .flat_map(|(i, o)| accepted(o).into_iter().map(move |s| (i, s)))
                .collect();
            all.sort_by_key(|(_, s)| (s.start, s.end));
            all.dedup_by(|x, y| x.1 == y.1);
            for w in all.windows(2) {
                let ((i, a), (j, b)) = (&w[0], &w[1]);
                if b.start < a.end {
                    let name = |k: usize| names.get(k).cloned().unwrap_or_default();
                    return Err(format!(
                        "{}'s {} {}..{} and {}'s {} {}..{} overlap, so both cannot stay: take \
                         one, then fix it by hand if need be",
                        name(*i),
                        a.label,
                        a.start,
                        a.end,
                        name(*j),
                        b.label,
                        b.start,
                        b.end
                    ));
                }
            }
            Ok(all.into_iter().map(|(_, s)| s).collect())
        }
    }
}

/// What the page keeps of a team: the annotators' documents (names editable) and which text is
/// being adjudicated (by its key, see [`agreement::text_key`]). The annotators are shared, so
/// moving through the disagreements copies and saves none of their documents.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Team {
    pub annotators: Arc<Vec<Annotator>>,
    pub adjudicating: Option<u64>,
    /// Which disagreement the keys act on.
    pub cursor: usize,
    /// Whether the teams view is open, so a reload comes back to it.
    pub open: bool,
}

/// Name given to the workspace document that holds a text's adjudication.
pub fn adjudicated_name(m: &Matched) -> String {
    let base = m.name.trim_matches('"');
    format!("{base} (adjudicated)")
}

const KIND: &str = "spanlight-team";

impl Team {
    /// The annotators as JSON, each one's documents in spanlight's own shape: the large record,
    /// written only when they change.
    pub fn annotators_json(&self) -> String {
        let annotators: Vec<Value> = self
            .annotators
            .iter()
            .map(|a| {
                let docs: Vec<Value> = a.records.iter().map(spanlight::to_value).collect();
                json!({"name": a.name, "documents": docs})
            })
            .collect();
        json!({"kind": KIND, "version": 1, "annotators": annotators}).to_string()
    }

    /// Where the view is: the small record, written after every decision.
    pub fn view_json(&self) -> String {
        json!({
            "kind": KIND,
            // A string: a u64 does not survive JavaScript's numbers.
            "adjudicating": self.adjudicating.map(|k| format!("{k:016x}")),
            "cursor": self.cursor,
            "open": self.open,
        })
        .to_string()
    }

    /// The team back from its two records (either may be missing); a document that cannot be
    /// read fails the whole, so nothing is half restored.
    pub fn restore(annotators: Option<&str>, view: Option<&str>) -> Result<Team, String> {
        let parse = |s: &str| -> Result<Value, String> {
            let v: Value =
                serde_json::from_str(s).map_err(|e| format!("not a team record: {e}"))?;
            if v.get("kind").and_then(Value::as_str) != Some(KIND) {
                return Err("not a team record".into());
            }
            Ok(v)
        };
        let mut team = Team::default();
        if let Some(s) = annotators {
            let v = parse(s)?;
            let mut list = Vec::new();
            for a in v
                .get("annotators")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                let name = a.get("name").and_then(Value::as_str).unwrap_or("annotator");
                let mut records = Vec::new();
                for (i, d) in a
                    .get("documents")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                    .enumerate()
                {
                    records.push(
                        spanlight::from_value(d)
                            .map_err(|e| format!("{name}, document {}: {e}", i + 1))?,
                    );
                }
                list.push(Annotator::new(name, records));
            }
            team.annotators = Arc::new(list);
        }
        if let Some(s) = view {
            let v = parse(s)?;
            team.adjudicating = v
                .get("adjudicating")
                .and_then(Value::as_str)
                .and_then(|k| u64::from_str_radix(k, 16).ok());
            team.cursor = v.get("cursor").and_then(Value::as_u64).unwrap_or(0) as usize;
            team.open = v.get("open").and_then(Value::as_bool).unwrap_or(false);
        }
        Ok(team)
    }

    /// Adds an annotator's documents, named `name` (made unique).
    pub fn add(&mut self, name: &str, records: Vec<Record>) {
        let base = if name.trim().is_empty() {
            "annotator"
        } else {
            name.trim()
        };
        let mut name = base.to_string();
        let mut n = 1;
        while self.annotators.iter().any(|a| a.name == name) {
            n += 1;
            name = format!("{base} {n}");
        }
        Arc::make_mut(&mut self.annotators).push(Annotator::new(name, records));
    }

    /// Renames annotator `i`; refused when empty or taken, so figures stay readable.
    pub fn rename(&mut self, i: usize, name: &str) -> Result<(), String> {
        let name = name.trim();
        if name.is_empty() {
            return Err("An annotator needs a name".into());
        }
        if self
            .annotators
            .iter()
            .enumerate()
            .any(|(j, a)| j != i && a.name == name)
        {
            return Err(format!("There is already an annotator called {name}"));
        }
        let a = Arc::make_mut(&mut self.annotators)
            .get_mut(i)
            .ok_or("There is no such annotator")?;
        a.name = name.to_string();
        Ok(())
    }

    /// Removes annotator `i` (nothing when there is none).
    pub fn remove(&mut self, i: usize) {
        if i < self.annotators.len() {
            Arc::make_mut(&mut self.annotators).remove(i);
        }
    }

    /// Versions of the text being adjudicated, with their annotators' names.
    pub fn versions_of(&self, key: u64) -> Option<Matched> {
        agreement::match_documents(&self.annotators)
            .documents
            .into_iter()
            .find(|m| m.key == key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str, spans: &[(usize, usize, &str)]) -> Document {
        let mut d = Document::new(text);
        for &(s, e, l) in spans {
            d.add_span(Span::new(s, e, l)).unwrap();
        }
        d
    }

    const T: &str = "The mayor of New York, Eric Adams, met Kerry in Paris.";
    // New 13..16, York 17..21, Eric Adams 23..33, Kerry 39..44, Paris 48..53.

    fn versions() -> Vec<Option<Document>> {
        vec![
            Some(doc(
                T,
                &[(13, 21, "PLACE"), (23, 33, "PERSON"), (39, 44, "PERSON")],
            )),
            Some(doc(
                T,
                &[(17, 21, "PLACE"), (23, 33, "PERSON"), (48, 53, "PLACE")],
            )),
        ]
    }

    #[test]
    fn agreed_spans_start_the_adjudication() {
        let d = agreed(&versions());
        assert_eq!(d.spans(), [Span::new(23, 33, "PERSON")]);
        assert_eq!(d.text(), T);
    }

    #[test]
    fn disagreements_group_overlapping_spans() {
        let ds = disagreements(&versions());
        let places: Vec<(usize, usize)> = ds.iter().map(|d| (d.start, d.end)).collect();
        assert_eq!(places, [(13, 21), (39, 44), (48, 53)]);
        assert_eq!(ds[0].options[0], [Span::new(13, 21, "PLACE")]);
        assert_eq!(ds[0].options[1], [Span::new(17, 21, "PLACE")]);
        assert!(ds[1].options[1].is_empty(), "bob marked nothing at Kerry");
        // An absent version marks nothing, so nothing it lacks is disputed by it.
        let mut three = versions();
        three.push(None);
        assert_eq!(disagreements(&three).len(), 3);
    }

    #[test]
    fn decisions_resolve_to_spans() {
        let names = vec!["ann".to_string(), "bob".to_string()];
        let ds = disagreements(&versions());
        assert_eq!(
            resolve(&ds[0], Choice::Take(1), &names).unwrap(),
            [Span::new(17, 21, "PLACE")]
        );
        assert_eq!(resolve(&ds[0], Choice::Neither, &names).unwrap(), []);
        let err = resolve(&ds[0], Choice::Both, &names).unwrap_err();
        assert!(
            err.starts_with("ann's PLACE 13..21 and bob's PLACE 17..21 overlap"),
            "{err}"
        );
        assert_eq!(
            resolve(&ds[1], Choice::Both, &names).unwrap(),
            [Span::new(39, 44, "PERSON")]
        );
        assert!(resolve(&ds[1], Choice::Take(5), &names).is_err());
    }

    #[test]
    fn decisions_are_editor_changes_that_undo() {
        use crate::core::editor::{Action, Editor};
        let names = vec!["ann".to_string(), "bob".to_string()];
        let vs = versions();
        let mut ed = Editor::new(agreed(&vs), "mayor (adjudicated)");
        let ds = disagreements(&vs);
        let decide = |ed: &mut Editor, d: &Disagreement, c: Choice| {
            let spans = resolve(d, c, &names).unwrap();
            ed.apply(Action::Replace {
                start: d.start,
                end: d.end,
                spans,
                what: "decided".into(),
            });
        };
        decide(&mut ed, &ds[0], Choice::Take(0));
        decide(&mut ed, &ds[1], Choice::Neither);
        decide(&mut ed, &ds[2], Choice::Both);
        let got: Vec<(usize, usize)> = ed.doc.spans().iter().map(|s| (s.start, s.end)).collect();
        assert_eq!(got, [(13, 21), (23, 33), (48, 53)]);
        // Taking bob's York where ann's New York stands replaces it.
        decide(&mut ed, &ds[0], Choice::Take(1));
        assert_eq!(ed.doc.spans()[0], Span::new(17, 21, "PLACE"));
        ed.apply(Action::Undo);
        assert_eq!(ed.doc.spans()[0], Span::new(13, 21, "PLACE"));
        ed.doc.check_invariants().unwrap();
    }

    #[test]
    fn team_survives_its_json() {
        let mut team = Team::default();
        let [a, b]: [Option<Document>; 2] = versions().try_into().unwrap();
        team.add("ann", vec![Record::new(a.unwrap())]);
        team.add("ann", vec![Record::new(b.unwrap())]);
        assert_eq!(team.annotators[1].name, "ann 2", "names stay apart");
        team.rename(1, "bob").unwrap();
        assert!(team.rename(1, "ann").is_err());
        assert!(team.rename(1, " ").is_err());
        team.adjudicating = Some(agreement::text_key(T));
        team.cursor = 2;
        team.open = true;
        let back = Team::restore(Some(&team.annotators_json()), Some(&team.view_json())).unwrap();
        assert_eq!(back, team);
        let m = back.versions_of(agreement::text_key(T)).unwrap();
        assert_eq!(m.versions.len(), 2);
        let view_only = Team::restore(None, Some(&team.view_json())).unwrap();
        assert!(view_only.annotators.is_empty() && view_only.open);
        assert!(Team::restore(Some("{}"), None).is_err());
        assert!(Team::restore(None, Some("nonsense")).is_err());
        team.remove(0);
        team.remove(7);
        assert_eq!(team.annotators.len(), 1);
    }
}
