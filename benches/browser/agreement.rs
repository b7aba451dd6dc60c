//! Browser benchmark (not a test): agreement of two annotators over 1,000 documents of 1,000
//! words, in wasm, in headless Chromium, timed with `performance.now()`: what the teams view
//! computes when the annotators' files come in. Run by `benches/browser/run.sh`:
//!   cargo test --release --target wasm32-unknown-unknown --test bench_agreement_browser -- --nocapture
#![cfg(target_arch = "wasm32")]

use spanlight::core::agreement::{match_documents, report};
use wasm_bindgen_test::*;

#[path = "../teams_data.rs"]
mod teams_data;

wasm_bindgen_test_configure!(run_in_browser);

fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or(0.0)
}

#[wasm_bindgen_test]
fn agreement_over_a_thousand_documents() {
    let annotators = teams_data::annotators(1000, 1000);
    let runs = 5;
    let mut times = Vec::with_capacity(runs);
    let mut tokens = 0;
    for _ in 0..runs {
        let t = now();
        let r = report(match_documents(&annotators));
        times.push(now() - t);
        tokens = r.pairs[0].tokens;
    }
    times.sort_by(f64::total_cmp);
    console_log!(
        "agreement, 1,000 docs of 1,000 words, 2 annotators, in the browser: median {:.0} ms, \
         fastest {:.0} ms, slowest {:.0} ms ({} tokens)",
        times[runs / 2],
        times[0],
        times[runs - 1],
        tokens
    );
}
