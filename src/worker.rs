//! The learning Web Worker that trunk builds next to the app (see index.html and
//! `app::learner`): learning from the person's corrections runs here, off the page's thread.

#[cfg(target_arch = "wasm32")]
fn main() {
    spanlight::app::learner::serve();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("spanlight-worker is the browser app's learning worker: trunk builds it");
    std::process::exit(2);
}
