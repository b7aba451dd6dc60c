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

/// Mounts the app on `<body>`, once the shipped recogniser is made a part per task: made in
/// the first render it was the page's longest task (100-260 ms on a first visit).
pub fn start() {
    wasm_bindgen_futures::spawn_local(async {
        // One part per task, not `in_slices`: a part takes 10-30 ms on a first visit, so two
        // in one task's share could pass 50 ms (6 of 25 starts did, against 1-2 of 25 so).
        loop {
            gloo::timers::future::TimeoutFuture::new(0).await;
            if crate::core::recognizer::ready_step() {
                break;
            }
        }
        gloo::timers::future::TimeoutFuture::new(0).await;
        yew::Renderer::<components::app::App>::new().render();
    });
}
