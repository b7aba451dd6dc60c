//! Throughput of `recognize` in words per second on news-style text (BENCHMARKS.md).

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use spanlight::core::recognizer::{recognize, recognize_with, Tagger};

/// About 100,000 words of news-style text: the hand-written dev paragraphs and the synthetic
/// training sentences, repeated. Read at compile time so the bench needs no paths.
fn corpus() -> String {
    let mut out = String::new();
    for src in [
        include_str!("../data/dev/news-dev.jsonl"),
        include_str!("../data/train/synthetic-news.jsonl"),
    ] {
        for line in src.lines() {
            let v: serde_json::Value = serde_json::from_str(line).expect("jsonl");
            out.push_str(v["text"].as_str().unwrap_or(""));
            out.push_str("\n\n");
        }
    }
    out.repeat(2)
}

fn bench(c: &mut Criterion) {
    let text = corpus();
    let words = text.split_whitespace().count() as u64;
    // Loads the model once before timing, as the app does on first use.
    let _ = recognize("warm up");
    let mut g = c.benchmark_group("recognize");
    g.throughput(Throughput::Elements(words));
    g.sample_size(10);
    g.bench_function("model", |b| b.iter(|| recognize(&text)));
    g.bench_function("baseline", |b| {
        b.iter(|| recognize_with(&text, Tagger::Baseline))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
