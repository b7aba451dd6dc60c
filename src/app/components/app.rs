//! The whole app: the one place that holds state and turns events into actions.
use wasm_bindgen::JsCast;

use yew::prelude::*;

use super::article::Article;
use super::legend::Legend;
use super::span_panel::SpanPanel;
use super::text_input::TextInput;
use super::toolbar::Toolbar;
use crate::app::dom;
use crate::app::state::State;
use crate::core::editor::{Action, Editor, Notice};
use crate::core::formats::spanlight;
use crate::core::sample;

/// Whether a key press belongs to a form control rather than to the annotation shortcuts.
fn typing_in_control(e: &KeyboardEvent) -> bool {
    e.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .map(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"))
        .unwrap_or(false)
}

/// The editor action a key press stands for, if any.
fn shortcut(e: &KeyboardEvent, editor: &Editor) -> Option<Action> {
    if typing_in_control(e) || editor.doc.text().is_empty() {
        return None;
    }
    let ctrl = e.ctrl_key() || e.meta_key();
    match e.key().as_str() {
        "z" | "Z" if ctrl && e.shift_key() => Some(Action::Redo),
        "z" if ctrl => Some(Action::Undo),
        "y" if ctrl => Some(Action::Redo),
        _ if ctrl || e.alt_key() => None,
        "Escape" => Some(Action::ClearSelection),
        "Delete" | "Backspace" => editor.selected.is_some().then_some(Action::DeleteSelected),
        "Tab" => Some(Action::SelectNext(!e.shift_key())),
        "Enter" => editor.selected.is_some().then_some(Action::AcceptSelected),
        key => {
            let mut chars = key.chars();
            let (Some(c), None) = (chars.next(), chars.next()) else {
                return None;
            };
            let label = editor.doc.labels().iter().find(|l| l.hotkey == Some(c))?;
            Some(Action::ApplyLabel(label.name.clone()))
        }
    }
}

#[component]
pub fn App() -> Html {
    let state = use_reducer(State::default);
    let article = use_node_ref();
    let editor = &state.0;
    let doc = &editor.doc;

    // Show the snapped range as the browser's selection, so the user sees what will be labelled.
    {
        let article = article.clone();
        let map = doc.offsets().clone();
        use_effect_with(editor.pending, move |pending| {
            if let (Some((s, e)), Some(root)) = (pending, article.cast::<web_sys::Element>()) {
                dom::select_in(&root, &map, *s, *e);
            }
        });
    }

    let dispatch = |f: fn(()) -> Action| {
        let state = state.clone();
        Callback::from(move |_: ()| state.dispatch(f(())))
    };

    let onsubmit = {
        let state = state.clone();
        Callback::from(move |text: String| {
            if text.trim().is_empty() {
                state.dispatch(Action::Notify(Notice::Error(
                    "The text is empty: paste or type an article first".into(),
                )));
            } else {
                state.dispatch(Action::Open {
                    text,
                    name: "article".into(),
                });
            }
        })
    };
    let onsample = dispatch(|_| Action::Open {
        text: sample::ARTICLE.to_string(),
        name: sample::NAME.to_string(),
    });
    let onnew = dispatch(|_| Action::Open {
        text: String::new(),
        name: "article".into(),
    });
    let onundo = dispatch(|_| Action::Undo);
    let onredo = dispatch(|_| Action::Redo);
    let ondelete = dispatch(|_| Action::DeleteSelected);
    let onaccept = dispatch(|_| Action::AcceptSelected);
    let onlabel = {
        let state = state.clone();
        Callback::from(move |label: String| state.dispatch(Action::ApplyLabel(label)))
    };
    let onrename = {
        let state = state.clone();
        Callback::from(move |name: String| state.dispatch(Action::Rename(name)))
    };

    let ondownload = {
        let state = state.clone();
        Callback::from(move |_: ()| {
            let file = dom::file_name(&state.0.name, "json");
            let notice =
                match dom::download(&file, &spanlight::export(&state.0.doc), "application/json") {
                    Ok(()) => Notice::Info(format!("Exported {file}")),
                    Err(_) => {
                        Notice::Error("The browser refused the download; try Copy JSON".into())
                    }
                };
            state.dispatch(Action::Notify(notice));
        })
    };
    let oncopy = {
        let state = state.clone();
        Callback::from(move |_: ()| {
            let json = spanlight::export(&state.0.doc);
            let state = state.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let notice = match dom::copy(&json).await {
                    Ok(()) => Notice::Info("Copied the JSON to the clipboard".into()),
                    Err(e) => {
                        Notice::Error(format!("Could not copy: {e}; use Export JSON instead"))
                    }
                };
                state.dispatch(Action::Notify(notice));
            });
        })
    };

    let onmouseup = {
        let state = state.clone();
        let article = article.clone();
        Callback::from(move |e: MouseEvent| {
            let Some(root) = article.cast::<web_sys::Element>() else {
                return;
            };
            // A click on a highlight selects it; a drag selects text.
            let clicked = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|el| el.closest("mark[data-index]").ok().flatten())
                .and_then(|m| m.get_attribute("data-index"))
                .and_then(|i| i.parse::<usize>().ok());
            match dom::selection_in(&root, state.0.doc.offsets()) {
                Some((start, end)) if start != end => {
                    state.dispatch(Action::SelectRange { start, end })
                }
                _ => match clicked {
                    Some(i) => state.dispatch(Action::SelectSpan(i)),
                    None => state.dispatch(Action::ClearSelection),
                },
            }
        })
    };

    // Shortcuts listen on the whole document: focus falls to <body> when the focused button
    // disappears (say, "Delete span"), and the keys must still work then.
    {
        let state = state.clone();
        use_effect_with(state.clone(), move |_| {
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
                    if let Some(action) = shortcut(e, &state.0) {
                        e.prevent_default();
                        if matches!(action, Action::ApplyLabel(_)) {
                            dom::clear_selection();
                        }
                        state.dispatch(action);
                    }
                },
            );
            move || drop(listener)
        });
    }

    let counts = doc
        .labels()
        .iter()
        .map(|l| doc.spans().iter().filter(|s| s.label == l.name).count())
        .collect::<Vec<_>>();
    let selected = editor
        .selected_span()
        .map(|s| (s.clone(), doc.span_text(s).to_string()));
    let pending = editor.pending.map(|(s, e)| doc.slice(s, e).to_string());
    let notice = match &editor.notice {
        Some(Notice::Info(m)) => html! { <p class="notice info">{ m.clone() }</p> },
        Some(Notice::Error(m)) => html! { <p class="notice error" role="alert">{ m.clone() }</p> },
        None => html! {},
    };

    html! {
        <main class="app">
            <header class="masthead">
                <h1>{ "spanlight" }</h1>
                <p class="tagline">{ "People, places and numbers, highlighted in your browser. Your text never leaves it." }</p>
            </header>
            <Toolbar name={editor.name.clone()} has_text={!doc.text().is_empty()}
                can_undo={editor.can_undo()} can_redo={editor.can_redo()}
                {onrename} {onnew} onsample={onsample.clone()} {onundo} {onredo} {ondownload} {oncopy} />
            <div class="status" role="status" aria-live="polite">{ notice }</div>
            if doc.text().is_empty() {
                <TextInput {onsubmit} {onsample} />
            } else {
                <div class="workspace">
                    <Article doc={doc.clone()} selected={editor.selected} node_ref={article.clone()} {onmouseup} />
                    <aside class="side">
                        <Legend labels={doc.labels().to_vec()} {counts}
                            active={editor.pending.is_some() || editor.selected.is_some()}
                            onlabel={onlabel.clone()} />
                        <SpanPanel labels={doc.labels().to_vec()} {selected} {pending}
                            {onlabel} {ondelete} {onaccept} />
                    </aside>
                </div>
            }
        </main>
    }
}
