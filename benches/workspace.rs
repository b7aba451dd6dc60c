//! What one action costs in a large workspace (BENCHMARKS.md, issue "every action within one
//! frame"): the reducer copies the workspace Yew still holds, then applies the action, so the
//! figure here is that copy plus the action, with 1,000 and 10,000 documents of 400 words.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use spanlight::core::document::Document;
use spanlight::core::editor::Action;
use spanlight::core::recognizer::recognize;
use spanlight::core::workspace::{Workspace, WorkspaceAction};

/// A 400-word news-style document with its suggestions, from the dev set.
fn article() -> Document {
    let src = include_str!("../data/dev/news-holdout2.jsonl");
    let mut text = String::new();
    for line in src.lines() {
        let v: serde_json::Value = serde_json::from_str(line).expect("jsonl");
        text.push_str(v["text"].as_str().unwrap_or(""));
        text.push_str("\n\n");
        if text.split_whitespace().count() >= 400 {
            break;
        }
    }
    let mut doc = Document::new(&text);
    doc.replace_suggestions(recognize(&text));
    doc
}

fn bench(c: &mut Criterion) {
    let doc = article();
    let mut g = c.benchmark_group("workspace action");
    g.sample_size(20);
    for n in [1_000usize, 10_000] {
        let mut ws = Workspace::default();
        ws.apply(WorkspaceAction::Add(
            (0..n).map(|i| (format!("doc {i}"), doc.clone())).collect(),
        ));
        ws.apply(WorkspaceAction::Open(n / 2));
        g.bench_with_input(BenchmarkId::new("select a span", n), &ws, |b, ws| {
            b.iter(|| {
                let mut next = ws.clone();
                next.apply(WorkspaceAction::Edit(Action::SelectSpan(0)));
                next
            })
        });
        g.bench_with_input(BenchmarkId::new("label a word", n), &ws, |b, ws| {
            b.iter(|| {
                let mut next = ws.clone();
                next.apply(WorkspaceAction::Edit(Action::SelectRange {
                    start: 0,
                    end: 3,
                }));
                next.apply(WorkspaceAction::Edit(Action::ApplyLabel("PLACE".into())));
                next
            })
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
