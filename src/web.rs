//! The browser entry point that trunk builds.

#[cfg(all(target_arch = "wasm32", feature = "app"))]
fn main() {
    spanlight::app::start();
}

#[cfg(not(all(target_arch = "wasm32", feature = "app")))]
fn main() {
    eprintln!("spanlight-web is the browser app: serve it with `scripts/serve.sh`");
    std::process::exit(2);
}
