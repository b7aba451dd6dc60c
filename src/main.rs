//! `spanlight`: the command-line tool (natively); see `spanlight help`.

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    std::process::exit(spanlight::cli::run(&args));
}

// Only the browser app is built for wasm; this keeps `cargo build --target wasm32…` working.
#[cfg(target_arch = "wasm32")]
fn main() {}
