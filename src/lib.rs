//! spanlight: annotate people, places and numbers in an article, in the browser.
//!
//! [`core`] knows nothing of the DOM and is tested natively; it also drives the CLI.
//! [`app`] is the Yew front end, compiled only for the browser.

pub mod core;

#[cfg(target_arch = "wasm32")]
pub mod app;

#[cfg(not(target_arch = "wasm32"))]
pub mod cli;
