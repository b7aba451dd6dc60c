//! Everything that is not the browser: offsets, the span model, the recogniser, file formats.

pub mod adjudication;
pub mod agreement;
pub mod autosave;
pub mod batch;
pub mod document;
pub mod editor;
pub mod find;
pub mod formats;
pub mod intake;
pub mod label_name;
pub mod parts;
pub mod read_pages;
pub mod recognizer;
pub mod sample;
pub mod spans;
pub mod text;
pub mod viewport;
pub mod wording;
pub mod workspace;

pub use document::{Document, Label, LabelError, Span, SpanError, SpanStatus};
pub use label_name::LabelName;
