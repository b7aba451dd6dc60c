//! Agreement of two annotators over 1,000 documents of 1,000 words (BENCHMARKS.md): matching by
//! text, then every figure (span F1 and Cohen's kappa per label, documents by disagreement).

use criterion::{criterion_group, criterion_main, Criterion};
use spanlight::core::agreement::{match_documents, merge, report};

#[path = "teams_data.rs"]
mod teams_data;

fn bench(c: &mut Criterion) {
    let annotators = teams_data::annotators(1000, 1000);
    let mut g = c.benchmark_group("agreement, 1,000 docs of 1,000 words, 2 annotators");
    g.sample_size(10);
    g.bench_function("match by text", |b| b.iter(|| match_documents(&annotators)));
    let matching = match_documents(&annotators);
    g.bench_function("match + report", |b| {
        b.iter(|| report(match_documents(&annotators)))
    });
    g.bench_function("merge, 2 votes", |b| b.iter(|| merge(&matching, 2)));
    g.finish();
    let r = report(matching);
    let p = &r.pairs[0];
    println!(
        "{} documents, {} tokens, F1 {:.3}, kappa {:.3}",
        r.matching.documents.len(),
        p.tokens,
        p.overall.counts.f1().unwrap_or(0.0),
        p.overall.kappa.unwrap_or(0.0)
    );
}

criterion_group!(benches, bench);
criterion_main!(benches);
