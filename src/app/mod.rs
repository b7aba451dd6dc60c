//! The browser app (Yew). Thin: events become core operations, core state becomes HTML.

pub fn start() {}
