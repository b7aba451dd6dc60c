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
/// the first render it was the page's longest task (100-190 ms on a first visit).
pub fn start() {
    wasm_bindgen_futures::spawn_local(async {
        // Not in the task that made the module: that one is long enough already.
        gloo::timers::future::TimeoutFuture::new(0).await;
        while !crate::core::recognizer::ready_step() {
            gloo::timers::future::TimeoutFuture::new(0).await;
        }
        gloo::timers::future::TimeoutFuture::new(0).await;
        yew::Renderer::<components::app::App>::new().render();
    });
}
