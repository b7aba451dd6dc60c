//! What one edit costs in the core on a long article (BENCHMARKS.md, "Editing a long
//! article"): the app's reducer (a copy of the workspace, then the action), the copies and counts
//! a render makes, and what autosave writes, each timed once, twice over, on a document of SPANS
//! spans (default a million, about 8.5 MB of text):
//!   cargo run --release --example long_article_edits [SPANS]
//! Wall-clock times of single runs: for before/after comparisons on one machine, not tests.

use spanlight::core::autosave::SaveLog;
use spanlight::core::document::{Document, Span};
use spanlight::core::editor::Action;
use spanlight::core::workspace::{entry_record, Workspace, WorkspaceAction};
use std::time::Instant;

/// Runs `f` once and prints how long it took.
fn t<R>(name: &str, f: impl FnOnce() -> R) -> R {
    let s = Instant::now();
    let r = std::hint::black_box(f());
    println!("{name:40} {:8.1} ms", s.elapsed().as_secs_f64() * 1e3);
    r
}

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1_000_000);
    // Two spans in every 17 characters, one a suggestion, one accepted.
    let unit = "Paris met Kerry. ";
    let text = unit.repeat(n / 2);
    let mut doc = t("Document::new", || Document::new(&text));
    let labels = ["PLACE", "PERSON"];
    let spans: Vec<Span> = (0..n / 2)
        .flat_map(|i| {
            let b = i * 17;
            [
                Span::new(b, b + 5, labels[0]).suggested(),
                Span::new(b + 10, b + 15, labels[1]),
            ]
        })
        .collect();
    doc.set_spans(spans).unwrap();
    println!("spans {}", doc.spans().len());
    let mut ws = Workspace::default();
    ws.apply(WorkspaceAction::Add(vec![("big".into(), doc)]));
    ws.apply(WorkspaceAction::Open(ws.entries().len() - 1));
    let mid = n / 2;
    let mut log = SaveLog::default();
    log.saved(&ws);
    for round in 0..2 {
        println!("-- round {round}");
        let held = ws.clone();
        let mut next = t("reducer: clone + SelectSpan", || {
            let mut w = held.clone();
            w.apply(WorkspaceAction::Edit(Action::SelectSpan(mid)));
            w
        });
        let held = next.clone();
        next = t("reducer: clone + NextSuggestion", || {
            let mut w = held.clone();
            w.apply(WorkspaceAction::Edit(Action::NextSuggestion(true)));
            w
        });
        let held = next.clone();
        next = t("reducer: clone + DeleteSelected", || {
            let mut w = held.clone();
            w.apply(WorkspaceAction::Edit(Action::DeleteSelected));
            w
        });
        let held = next.clone();
        next = t("reducer: clone + Undo", || {
            let mut w = held.clone();
            w.apply(WorkspaceAction::Edit(Action::Undo));
            w
        });
        let doc = &next.editor().doc;
        let _c = t("doc.clone()", || doc.clone());
        let c2 = doc.clone();
        t("doc == clone (props)", || doc == &c2);
        t("label counts", || doc.label_counts());
        t("summaries", || {
            next.entries()
                .iter()
                .map(|e| e.summary())
                .collect::<Vec<_>>()
        });
        t("to_decide", || next.editor().to_decide());
        let e = next.entries()[next.current()].clone();
        let rec = t("entry_record (all spans in one record)", || {
            entry_record(&e)
        });
        println!("record {} MB", rec.len() / 1_000_000);
        let writes = t("autosave writes after the edits", || log.writes(&next));
        let bytes: usize = writes.put.iter().map(|(k, v)| k.len() + v.len()).sum();
        println!(
            "autosave wrote {} records, {} KB",
            writes.put.len(),
            bytes / 1000
        );
        log.saved(&next);
        ws = next;
    }
}
