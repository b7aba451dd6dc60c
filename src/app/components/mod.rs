//! Components: plain props in, `on…` callbacks out. Only [`app::App`] holds state.

pub mod app;
pub mod article;
pub mod dialog;
pub mod documents;
pub mod field;
pub mod help;
pub mod learning;
pub mod legend;
pub mod overview;
pub mod parts_offer;
pub mod skip_link;
pub mod span_panel;
pub mod teams;
pub mod text_input;
pub mod toolbar;
pub mod transfer;
