//! Import and export formats. Every exporter writes each span's text next to its offsets, and
//! every importer checks them against each other, so a shifted label is caught, not kept.

pub mod spanlight;
