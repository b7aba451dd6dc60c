//! The browser entry point that trunk builds.

#[cfg(target_arch = "wasm32")]
fn main() {
    spanlight::app::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("spanlight-web is the browser app: serve it with `scripts/serve.sh`");
    std::process::exit(2);
}
