//! The browser app (Yew). Thin: events become core [`Action`](crate::core::editor::Action)s, and
//! the core's editor state becomes HTML.

pub mod autosave;
pub mod components;
pub mod dom;
pub mod edge_drag;
pub mod files;
pub mod import;
pub mod importer;
pub mod learner;
pub mod paste;
pub mod recognise;
pub mod shortcuts;
pub mod state;
pub mod storage;
pub mod task_clock;
pub mod tokenise;

/// Mounts the app on `<body>`.
pub fn start() {
    yew::Renderer::<components::app::App>::new().render();
}
