//! The keyboard: which key does what. One table feeds both the key handler and the help panel,
//! so the help can never drift from the behaviour.

use wasm_bindgen::JsCast;
use web_sys::KeyboardEvent;
use yew::{use_effect_with, UseReducerHandle, UseStateHandle};

use super::dom;
use super::state::State;
use crate::core::editor::{Action, Edge, Editor};
use crate::core::workspace::WorkspaceAction;

/// A line of the help panel.
pub struct Shortcut {
    pub keys: &'static str,
    pub does: &'static str,
}

pub const SHORTCUTS: &[Shortcut] = &[
    Shortcut { keys: "→ / ←", does: "In the article: move the caret to the next / previous word; with a span selected, select the next / previous span" },
    Shortcut { keys: "Shift+→ / Shift+←", does: "From the caret, select the next / previous word; then grow / shrink the end of the selection or span by a word" },
    Shortcut { keys: "1 … 9", does: "Label the selected text, or relabel the selected span" },
    Shortcut { keys: "J / K", does: "Review: the next / previous suggestion still to decide" },
    Shortcut { keys: "Tab / Shift+Tab", does: "In the article: select the next / previous span; past the last one, move on" },
    Shortcut { keys: "Esc", does: "Clear the selection, leaving the caret there (or close this help)" },
    Shortcut { keys: "Alt+Shift+← / Alt+Shift+→", does: "Grow / shrink the start by a word" },
    Shortcut { keys: "Delete / Backspace", does: "Delete (reject) the selected span; in review, go on to the next" },
    Shortcut { keys: "Enter", does: "Accept the selected suggestion; in review, go on to the next" },
    Shortcut { keys: "Shift+Enter", does: "Accept all suggestions" },
    Shortcut { keys: "A", does: "Apply the last labelling or deletion to every occurrence of the same text" },
    Shortcut { keys: "Ctrl+Z", does: "Undo" },
    Shortcut { keys: "Ctrl+Shift+Z / Ctrl+Y", does: "Redo" },
    Shortcut { keys: "Ctrl+F", does: "In a long article: find (Enter: next match, Shift+Enter: previous, Esc: close); the browser's find sees only the paragraphs on screen" },
    Shortcut { keys: "F / J / B / N", does: "Adjudicating (Compare annotators): take the first / second annotator's spans, both, neither" },
    Shortcut { keys: "?", does: "Show or hide this help" },
];

/// What a key press is for.
pub enum Key {
    /// An editor action that replaces the key's default behaviour.
    Edit(Action),
    /// An editor action after which the key keeps its default (Tab past the last span clears
    /// the selection and moves focus on, so the article never traps the keyboard).
    Pass(Action),
    ToggleHelp,
}

fn target(e: &KeyboardEvent) -> Option<web_sys::Element> {
    e.target()?.dyn_into::<web_sys::Element>().ok()
}

/// Whether the key press comes from a form control, which keeps its own keys, or from inside
/// a dialog (the offer to split a long article), whose keys are its own.
fn in_control(e: &KeyboardEvent) -> bool {
    target(e).is_some_and(|el| {
        matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
            || el.closest("[role=dialog]").ok().flatten().is_some()
    })
}

/// Whether focus is on the article or nowhere in particular: only then do Tab, Enter and the
/// arrows belong to the spans (on a button, Tab and Enter keep their usual meaning).
fn in_article(e: &KeyboardEvent) -> bool {
    target(e)
        .is_none_or(|el| el.tag_name() == "BODY" || el.closest("#article").ok().flatten().is_some())
}

/// The meaning of a key press, if it has one here.
pub fn key_for(e: &KeyboardEvent, editor: &Editor) -> Option<Key> {
    if in_control(e) {
        return None;
    }
    if e.key() == "?" {
        return Some(Key::ToggleHelp);
    }
    if editor.doc.text().is_empty() {
        return None;
    }
    let ctrl = e.ctrl_key() || e.meta_key();
    let shift = e.shift_key();
    let selected = editor.selected.is_some();
    let here = in_article(e);
    let action = match e.key().as_str() {
        "z" | "Z" if ctrl && shift => Action::Redo,
        "z" if ctrl => Action::Undo,
        "y" if ctrl => Action::Redo,
        _ if ctrl => return None,
        "ArrowRight" | "ArrowLeft" if shift => {
            let right = e.key() == "ArrowRight";
            if e.alt_key() {
                Action::Extend {
                    edge: Edge::Start,
                    forward: right,
                }
            } else {
                Action::Extend {
                    edge: Edge::End,
                    forward: right,
                }
            }
        }
        _ if e.alt_key() => return None,
        "ArrowRight" if selected && here => Action::SelectNext(true),
        "ArrowLeft" if selected && here => Action::SelectNext(false),
        "ArrowRight" | "ArrowLeft" if here => Action::MoveCaret(e.key() == "ArrowRight"),
        "j" | "J" => Action::NextSuggestion(true),
        "k" | "K" => Action::NextSuggestion(false),
        "Tab" if here => {
            let n = editor.doc.spans().len();
            let leaving = match editor.selected {
                Some(i) => (shift && i == 0) || (!shift && i + 1 == n),
                None => n == 0 || shift,
            };
            if leaving {
                return Some(Key::Pass(Action::ClearSelection));
            }
            Action::SelectNext(!shift)
        }
        "Enter" if shift && here => Action::AcceptAll,
        "Enter" if selected && here => Action::AcceptSelected,
        "Escape" => Action::ClearSelection,
        "Delete" | "Backspace" if selected => Action::DeleteSelected,
        "a" | "A" => Action::ApplyToAll,
        key => {
            let mut chars = key.chars();
            let (Some(c), None) = (chars.next(), chars.next()) else {
                return None;
            };
            let label = editor.doc.labels().iter().find(|l| l.hotkey == Some(c))?;
            Action::ApplyLabel(label.name.clone())
        }
    };
    Some(Key::Edit(action))
}

/// The keys of the table above, acting on `state`, and `?` / Esc showing and hiding the help
/// (`help`). They listen on the whole document: focus falls to <body> when the focused button
/// disappears (say, "Delete span"), and the keys must still work then.
#[yew::hook]
pub fn use_global_keys(state: UseReducerHandle<State>, help: UseStateHandle<bool>) {
    use_effect_with((state.clone(), *help), move |_| {
        let document = gloo::utils::document();
        let options = gloo::events::EventListenerOptions::enable_prevent_default();
        let listener = gloo::events::EventListener::new_with_options(
            &document,
            "keydown",
            options,
            move |e| {
                let Some(e) = e.dyn_ref::<KeyboardEvent>() else {
                    return;
                };
                // The help dialog is modal: no key reaches the page behind it.
                if *help {
                    if matches!(e.key().as_str(), "Escape" | "?") {
                        e.prevent_default();
                        help.set(false);
                    }
                    return;
                }
                match key_for(e, state.0.editor()) {
                    Some(Key::ToggleHelp) => {
                        e.prevent_default();
                        help.set(!*help);
                    }
                    Some(Key::Edit(action)) => {
                        e.prevent_default();
                        if matches!(action, Action::ApplyLabel(_)) {
                            dom::clear_selection();
                        }
                        state.dispatch(WorkspaceAction::Edit(action));
                    }
                    Some(Key::Pass(action)) => state.dispatch(WorkspaceAction::Edit(action)),
                    None => {}
                }
            },
        );
        move || drop(listener)
    });
}
