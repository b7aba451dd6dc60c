//! Browser benchmark (not a test): the recogniser on a 1,000-word news article, in wasm, in
//! headless Chromium, timed with `performance.now()`. Run by `benches/browser/run.sh`:
//!   cargo test --release --target wasm32-unknown-unknown --test bench_browser -- --nocapture
#![cfg(target_arch = "wasm32")]

use spanlight::core::recognizer::recognize;
use spanlight::core::sample::ARTICLE;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or(0.0)
}

/// About `words` words of wire-style text, from the sample article repeated.
fn article(words: usize) -> String {
    let mut text = String::new();
    while text.split_whitespace().count() < words {
        text.push_str(ARTICLE);
        text.push_str("\n\n");
    }
    let cut: Vec<&str> = text.split_inclusive(char::is_whitespace).collect();
    cut[..words].concat()
}

#[wasm_bindgen_test]
fn recognise_a_thousand_word_article() {
    let text = article(1000);
    recognize(&text); // warm-up: the embedded model is loaded once
    let runs = 50;
    let mut times = Vec::with_capacity(runs);
    let mut spans = 0;
    for _ in 0..runs {
        let t = now();
        spans = recognize(&text).len();
        times.push(now() - t);
    }
    times.sort_by(f64::total_cmp);
    let cold_text = article(1000).replace("Kerry", "Kerrie");
    let t = now();
    recognize(&cold_text);
    let other = now() - t;
    console_log!(
        "recognise, 1,000 words in the browser: median {:.2} ms, p95 {:.2} ms ({} spans); another text {:.2} ms",
        times[runs / 2],
        times[runs * 95 / 100],
        spans,
        other
    );
}
