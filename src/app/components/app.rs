//! The whole app: the one place that holds state and turns events into actions.

use std::cell::Cell;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::article::Article;
use super::help::Help;
use super::legend::Legend;
use super::overview::Overview;
use super::span_panel::SpanPanel;
use super::text_input::TextInput;
use super::toolbar::Toolbar;
use crate::app::dom;
use crate::app::shortcuts::{key_for, Key};
use crate::app::state::State;
use crate::core::editor::{Action, Decision, Edge, Notice};
use crate::core::formats::spanlight;
use crate::core::sample;

#[component]
pub fn App() -> Html {
    let state = use_reducer(State::default);
    let article = use_node_ref();
    let help = use_state(|| false);
    let accepted_only = use_state(|| false);
    // The edge of the selected span being dragged, if any.
    let dragging: Rc<Cell<Option<Edge>>> = use_memo((), |_| Cell::new(None));
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
    // Keep the selected span in view when the keyboard or the overview moves to it.
    {
        let article = article.clone();
        let start = editor.selected_span().map(|s| s.start);
        use_effect_with(start, move |start| {
            if let (Some(start), Some(root)) = (start, article.cast::<web_sys::Element>()) {
                dom::scroll_to_mark(&root, *start);
            }
        });
    }

    // Shortcuts listen on the whole document: focus falls to <body> when the focused button
    // disappears (say, "Delete span"), and the keys must still work then.
    {
        let state = state.clone();
        let help = help.clone();
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
                    if *help && e.key() == "Escape" {
                        help.set(false);
                        return;
                    }
                    match key_for(e, &state.0) {
                        Some(Key::ToggleHelp) => {
                            e.prevent_default();
                            help.set(!*help);
                        }
                        Some(Key::Edit(action)) => {
                            e.prevent_default();
                            if matches!(action, Action::ApplyLabel(_)) {
                                dom::clear_selection();
                            }
                            state.dispatch(action);
                        }
                        Some(Key::Pass(action)) => state.dispatch(action),
                        None => {}
                    }
                },
            );
            move || drop(listener)
        });
    }

    // Dragging a handle of the selected span: where the mouse is released becomes that edge.
    {
        let state = state.clone();
        let dragging = dragging.clone();
        let article = article.clone();
        use_effect_with(state.clone(), move |_| {
            let document = gloo::utils::document();
            let listener = gloo::events::EventListener::new(&document, "mouseup", move |e| {
                let Some(edge) = dragging.take() else { return };
                let Some(e) = e.dyn_ref::<MouseEvent>() else {
                    return;
                };
                let Some(root) = article.cast::<web_sys::Element>() else {
                    return;
                };
                let point = (e.client_x() as f32, e.client_y() as f32);
                if let Some(at) = dom::offset_at_point(&root, state.0.doc.offsets(), point) {
                    state.dispatch(Action::SetEdge { edge, at });
                }
            });
            move || drop(listener)
        });
    }

    let dispatch = |f: fn(()) -> Action| {
        let state = state.clone();
        Callback::from(move |_: ()| state.dispatch(f(())))
    };
    let forward = |state: &UseReducerHandle<State>| {
        let state = state.clone();
        Callback::from(move |action: Action| state.dispatch(action))
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
    let onaccept_all = dispatch(|_| Action::AcceptAll);
    let onapply_all = dispatch(|_| Action::ApplyToAll);
    let onedit = forward(&state);
    let onlabel = {
        let state = state.clone();
        Callback::from(move |label: String| {
            dom::clear_selection();
            state.dispatch(Action::ApplyLabel(label))
        })
    };
    let onselect = {
        let state = state.clone();
        Callback::from(move |i: usize| state.dispatch(Action::SelectSpan(i)))
    };
    let onrename = {
        let state = state.clone();
        Callback::from(move |name: String| state.dispatch(Action::Rename(name)))
    };
    let onhelp = {
        let help = help.clone();
        Callback::from(move |_: ()| help.set(!*help))
    };
    let onaccepted_only = {
        let accepted_only = accepted_only.clone();
        Callback::from(move |on: bool| accepted_only.set(on))
    };

    let export_json = {
        let state = state.clone();
        let accepted_only = *accepted_only;
        move || {
            let doc = &state.0.doc;
            if accepted_only {
                spanlight::export(&doc.accepted_only())
            } else {
                spanlight::export(doc)
            }
        }
    };
    let ondownload = {
        let state = state.clone();
        let export_json = export_json.clone();
        Callback::from(move |_: ()| {
            let file = dom::file_name(&state.0.name, "json");
            let notice = match dom::download(&file, &export_json(), "application/json") {
                Ok(()) => Notice::Info(format!("Exported {file}")),
                Err(_) => Notice::Error("The browser refused the download; try Copy JSON".into()),
            };
            state.dispatch(Action::Notify(notice));
        })
    };
    let oncopy = {
        let state = state.clone();
        Callback::from(move |_: ()| {
            let json = export_json();
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
        let dragging = dragging.clone();
        Callback::from(move |e: MouseEvent| {
            if dragging.get().is_some() {
                return;
            }
            let Some(root) = article.cast::<web_sys::Element>() else {
                return;
            };
            // A click on a highlight selects it; a drag selects text; a click elsewhere leaves
            // a caret from which Shift+arrows select by words.
            let clicked = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|el| el.closest("mark[data-start]").ok().flatten())
                .and_then(|m| m.get_attribute("data-start"))
                .and_then(|i| i.parse::<usize>().ok())
                .and_then(|start| state.0.doc.span_at(start));
            match (dom::selection_in(&root, state.0.doc.offsets()), clicked) {
                (Some((start, end)), _) if start != end => {
                    state.dispatch(Action::SelectRange { start, end })
                }
                (_, Some(i)) => state.dispatch(Action::SelectSpan(i)),
                (Some((at, _)), None) => state.dispatch(Action::SelectRange { start: at, end: at }),
                (None, None) => state.dispatch(Action::ClearSelection),
            }
        })
    };
    // Memoised, so that the article's unchanged blocks compare equal and are not re-rendered.
    let ondragedge = use_callback(dragging.clone(), |edge: Edge, dragging| {
        dragging.set(Some(edge))
    });

    let counts = doc
        .labels()
        .iter()
        .map(|l| doc.spans().iter().filter(|s| s.label == l.name).count())
        .collect::<Vec<_>>();
    let selected = editor
        .selected_span()
        .map(|s| (s.clone(), doc.span_text(s).to_string()));
    let pending = editor.pending.map(|(s, e)| doc.slice(s, e).to_string());
    let apply_all_text = editor.last_decision.as_ref().map(|d| match d {
        Decision::Labelled { text, .. } | Decision::Unlabelled { text } => text.clone(),
    });
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
                accepted_only={*accepted_only} {apply_all_text}
                {onrename} {onnew} onsample={onsample.clone()} {onundo} {onredo} {ondownload} {oncopy}
                {onaccept_all} {onapply_all} {onaccepted_only} {onhelp} />
            <div class="status" role="status" aria-live="polite">{ notice }</div>
            if *help {
                <Help onclose={Callback::from({ let help = help.clone(); move |_| help.set(false) })} />
            }
            if doc.text().is_empty() {
                <TextInput {onsubmit} {onsample} />
            } else {
                <div class="workspace">
                    <Article doc={doc.clone()} selected={editor.selected} node_ref={article.clone()}
                        {onmouseup} {ondragedge} />
                    <aside class="side">
                        <Legend labels={doc.labels().to_vec()} {counts}
                            active={editor.pending.is_some() || editor.selected.is_some()}
                            onlabel={onlabel.clone()} {onedit} />
                        <SpanPanel labels={doc.labels().to_vec()} {selected} {pending}
                            {onlabel} {ondelete} {onaccept} />
                        <Overview doc={doc.clone()} selected={editor.selected} {onselect} />
                    </aside>
                </div>
            }
        </main>
    }
}
