//! spanlight: annotate people, places and numbers in an article, in the browser.
//!
//! [`core`] knows nothing of the DOM and is tested natively; it also drives the CLI.
//! [`app`] is the Yew front end, compiled only for the browser and only with the `app` feature
//! (the npm package builds the core alone).

pub mod core;

#[cfg(all(target_arch = "wasm32", feature = "app"))]
pub mod app;

#[cfg(not(target_arch = "wasm32"))]
pub mod cli;
