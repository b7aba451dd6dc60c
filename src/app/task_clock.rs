//! Long work on the page is done in slices, a task's share at a time, so the page paints and
//! answers between tasks: one clock and one share for all of it (tokenising, pasting, placing
//! spans, reading files, saving and restoring).

/// Work a task does before the page may paint and answer again (a frame is about 16 ms).
pub const TASK_MS: f64 = 20.0;

/// The clock of one task's work, started when the task starts it.
pub struct TaskClock(Option<f64>);

fn now() -> Option<f64> {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
}

impl TaskClock {
    pub fn start() -> Self {
        TaskClock(now())
    }

    /// Whether this task has had its [`TASK_MS`] (at once, where there is no clock to read).
    pub fn is_up(&self) -> bool {
        now().zip(self.0).is_none_or(|(t, s)| t - s >= TASK_MS)
    }
}

/// Calls `step` until it says it is done, [`TASK_MS`] of calls per task, the first in a task
/// after this one.
pub async fn in_slices(mut step: impl FnMut() -> bool) {
    loop {
        gloo::timers::future::TimeoutFuture::new(0).await;
        let clock = TaskClock::start();
        loop {
            if step() {
                return;
            }
            if clock.is_up() {
                break;
            }
        }
    }
}
