//! The whole app: the one place that holds state and turns events into actions.

use std::cell::Cell;
use std::rc::Rc;
use std::sync::Arc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::article::Article;
use super::documents::{Documents, Entries};
use super::help::Help;
use super::learning::Learning;
use super::legend::Legend;
use super::overview::Overview;
use super::parts_offer::PartsOffer;
use super::skip_link::SkipLink;
use super::span_panel::SpanPanel;
use super::teams::Teams;
use super::text_input::TextInput;
use super::toolbar::Toolbar;
use super::transfer::Transfer;
use crate::app::autosave::{use_autosave, SaveState};
use crate::app::edge_drag::use_edge_drag;
use crate::app::importer::{import_files, import_parts, Importer, Offer, PASTED};
use crate::app::learner::use_learning;
use crate::app::paste::use_paste;
use crate::app::shortcuts::use_global_keys;
use crate::app::state::State;
use crate::app::{dom, files, recognise};
use crate::core::document::{too_long, Document};
use crate::core::editor::{Action, Decision, Edge, Notice};
use crate::core::formats::bundle::{downloads, Download};
use crate::core::formats::Format;
use crate::core::parts::PartsBy;
use crate::core::recognizer::{Recognizer, SharedRecognizer};
use crate::core::workspace::{self, WorkspaceAction};

fn save_files(files: Vec<Download>) -> Result<String, String> {
    let names: Vec<String> = files.iter().map(|f| f.name.clone()).collect();
    for f in &files {
        dom::download(&f.name, &f.bytes, dom::mime_of(&f.name))
            .map_err(|_| "The browser refused the download; try Copy JSON".to_string())?;
    }
    Ok(format!("Exported {}", names.join(" and ")))
}

#[component]
pub fn App() -> Html {
    // Learning runs in a Web Worker (app::learner): the workspace asks, the learner answers.
    let state = use_reducer(|| {
        let mut ws = workspace::Workspace::default();
        ws.learn_in_background(true);
        State(Rc::new(ws))
    });
    let article = use_node_ref();
    let help = use_state(|| false);
    let accepted_only = use_state(|| false);
    let progress = use_state(|| None::<(usize, usize)>);
    // Imports started (and cancelled): see `import_files`.
    let imports: Rc<Cell<(u64, u64)>> = use_memo((), |_| Cell::new((0, 0)));
    // An article too long to open, offered in parts (see `Importer::refuse`).
    let offer = use_state(|| None::<Offer>);
    let export_format = use_state(|| Format::Spanlight);
    let import_format = use_state(|| None::<Format>);
    let ws = &state.0;
    let editor = ws.editor();
    let doc = &editor.doc;

    // Autosave: read the saved workspace back once, then save after every change.
    let save_state = use_autosave(state.clone());
    // A round of learning waiting: to the worker, one at a time; its answer back as an action.
    let learner = use_learning(state.clone());
    // A long text opened untokenised: its tokens are built a slice per task.
    crate::app::tokenise::use_tokenising(state.clone());

    // Show the snapped range as the browser's selection, so the user sees what will be labelled,
    // with the label menu just under it.
    let menu_at = use_state(|| None::<(f64, f64)>);
    {
        let article = article.clone();
        let map = doc.shared_offsets().clone();
        let menu_at = menu_at.clone();
        use_effect_with(editor.pending, move |pending| {
            let shown = match (pending, article.cast::<web_sys::Element>()) {
                (Some((s, e)), Some(root)) => {
                    dom::select_in(&root, &map, *s, *e).and_then(|_| dom::selection_anchor())
                }
                _ => None,
            };
            menu_at.set(shown);
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

    // Shortcuts listen on the whole document, even with the focus on <body>.
    use_global_keys(state.clone(), help.clone());
    // Text pasted on the page (not into a field) opens as a document: see paste.rs.
    let importer = Importer {
        state: state.clone(),
        progress: progress.clone(),
        worker: learner.clone(),
        imports: imports.clone(),
        offer: offer.clone(),
    };
    // A text too long to open is refused with the offer to cut it into documents.
    let ontoo_long = {
        let importer = importer.clone();
        Callback::from(move |text: String| importer.refuse(text, PASTED.into(), None))
    };
    use_paste(state.clone(), learner.clone(), ontoo_long.clone());
    // Dragging a handle of the selected span: the edge being dragged, if any.
    let dragging = use_edge_drag(state.clone(), article.clone());

    let edit = |f: fn(()) -> Action| {
        let state = state.clone();
        Callback::from(move |_: ()| state.dispatch(WorkspaceAction::Edit(f(()))))
    };
    // Made once: a callback new on every render would re-render every document row.
    let onworkspace = {
        let dispatcher = state.dispatcher();
        use_callback((), move |a: WorkspaceAction, _| dispatcher.dispatch(a))
    };
    let onedit = {
        let state = state.clone();
        Callback::from(move |a: Action| state.dispatch(WorkspaceAction::Edit(a)))
    };

    let onsubmit = {
        let onedit = onedit.clone();
        let (state, learner) = (state.clone(), learner.clone());
        Callback::from(move |text: String| {
            if too_long(&text, "").is_some() {
                return ontoo_long.emit(text);
            }
            // A long text opens at once and the worker finds its spans.
            let Some(text) = recognise::open_long(&state, &learner, text, None) else {
                return;
            };
            onedit.emit(if text.trim().is_empty() {
                Action::Notify(Notice::Error(
                    "The text is empty: paste or type an article first".into(),
                ))
            } else {
                Action::Open {
                    text,
                    name: "article".into(),
                }
            })
        })
    };
    let onsample = {
        let state = state.clone();
        Callback::from(move |_: ()| state.dispatch(WorkspaceAction::Sample))
    };
    let onundo = edit(|_| Action::Undo);
    let onredo = edit(|_| Action::Redo);
    let ondelete = edit(|_| Action::DeleteSelected);
    let onaccept = edit(|_| Action::AcceptSelected);
    let onaccept_all = edit(|_| Action::AcceptAll);
    let onapply_all = edit(|_| Action::ApplyToAll);
    let onrecognize = edit(|_| Action::Recognize);
    let onlabel = {
        let onedit = onedit.clone();
        Callback::from(move |label: String| {
            dom::clear_selection();
            onedit.emit(Action::ApplyLabel(label))
        })
    };
    let onselect = onedit.reform(Action::SelectSpan);
    // A match of the article's find box becomes the selection, ready for a label.
    let onfind = onedit.reform(|(start, end)| Action::SelectRange { start, end });
    let onrename = onedit.reform(Action::Rename);
    let onhelp = {
        let help = help.clone();
        Callback::from(move |_: ()| help.set(!*help))
    };
    let onaccepted_only = {
        let accepted_only = accepted_only.clone();
        Callback::from(move |on: bool| accepted_only.set(on))
    };

    // What an export writes: the open document or all of them, suggestions left out on request.
    let export_docs = {
        let state = state.clone();
        let accepted_only = *accepted_only;
        move |all: bool| -> Vec<(String, Document)> { state.0.to_export(all, accepted_only) }
    };
    let report = |state: &UseReducerHandle<State>, result: Result<String, String>| {
        let notice = match result {
            Ok(m) => Notice::Info(m),
            Err(m) => Notice::Error(m),
        };
        state.dispatch(WorkspaceAction::Edit(Action::Notify(notice)));
    };
    let ondownload = {
        let state = state.clone();
        let export_docs = export_docs.clone();
        Callback::from(move |_: ()| {
            let result = downloads(&export_docs(false), Format::Spanlight, "workspace")
                .map_err(|e| e.to_string())
                .and_then(save_files);
            report(&state, result);
        })
    };
    let onexport = {
        let state = state.clone();
        let export_docs = export_docs.clone();
        let format = *export_format;
        Callback::from(move |all: bool| {
            let result = downloads(&export_docs(all), format, "workspace")
                .map_err(|e| format!("Cannot export as {format}: {e}"))
                .and_then(save_files);
            report(&state, result);
        })
    };
    let onsave_workspace = {
        let state = state.clone();
        Callback::from(move |_: ()| {
            let file = Download {
                name: "spanlight-workspace.json".into(),
                bytes: workspace::to_file(&state.0).into_bytes(),
            };
            report(&state, save_files(vec![file]));
        })
    };
    let oncopy = {
        let state = state.clone();
        let export_docs = export_docs.clone();
        Callback::from(move |_: ()| {
            let json = crate::core::formats::spanlight::export(&export_docs(false).remove(0).1);
            let state = state.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let result = match dom::copy(&json).await {
                    Ok(()) => Ok("Copied the JSON to the clipboard".to_string()),
                    Err(e) => Err(format!("Could not copy: {e}; use Export JSON instead")),
                };
                report(&state, result);
            });
        })
    };
    let onimport = {
        let importer = importer.clone();
        let format = *import_format;
        Callback::from(move |list: web_sys::FileList| import_files(importer.clone(), list, format))
    };
    let onsplit = {
        let importer = importer.clone();
        Callback::from(move |by: PartsBy| {
            if let Some(offer) = (*importer.offer).clone() {
                importer.offer.set(None);
                import_parts(importer.clone(), offer, by);
            }
        })
    };
    let onclose_offer = {
        let offer = offer.clone();
        Callback::from(move |_: ()| offer.set(None))
    };
    let oncancel_import = {
        let state = state.clone();
        let progress = progress.clone();
        let imports = imports.clone();
        let learner = learner.clone();
        Callback::from(move |_: ()| {
            let (started, _) = imports.get();
            imports.set((started, started));
            progress.set(None);
            // What an import in the worker has added so far goes again.
            learner.cancel_imports();
            state.dispatch(WorkspaceAction::CancelImports);
            let n = Notice::Info("Import cancelled: no documents were added".into());
            state.dispatch(WorkspaceAction::Edit(Action::Notify(n)));
        })
    };
    let oncancel_recognition = {
        let (state, learner) = (state.clone(), learner.clone());
        Callback::from(move |request: u64| recognise::cancel(&state, &learner, request))
    };
    let onimport_format = {
        let import_format = import_format.clone();
        Callback::from(move |f: Option<Format>| import_format.set(f))
    };
    let onexport_format = {
        let export_format = export_format.clone();
        Callback::from(move |f: Format| export_format.set(f))
    };
    // The learning panel: learn now, export or import a model, reset to the shipped one.
    let onlearn = {
        let state = state.clone();
        Callback::from(move |_: ()| state.dispatch(WorkspaceAction::Learn))
    };
    let onreset_model = {
        let state = state.clone();
        Callback::from(move |_: ()| {
            let sure = gloo::utils::window()
                .confirm_with_message(
                    "Forget what the suggestions learned and go back to the shipped model? \
                     Your documents and spans stay as they are.",
                )
                .unwrap_or(false);
            if sure {
                state.dispatch(WorkspaceAction::SetRecognizer(SharedRecognizer::shipped()));
            }
        })
    };
    let onexport_model = {
        let state = state.clone();
        Callback::from(move |_: ()| {
            let file = Download {
                name: "spanlight-model.bin".into(),
                bytes: state.0.recognizer().to_bytes(),
            };
            report(&state, save_files(vec![file]));
        })
    };
    let onimport_model = {
        let state = state.clone();
        Callback::from(move |list: web_sys::FileList| {
            let state = state.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let (files, errors) = files::read_list(list).await;
                let result = match (files.first(), errors.first()) {
                    (Some(f), _) => match Recognizer::from_bytes(&f.bytes) {
                        Ok(r) => {
                            state.dispatch(WorkspaceAction::SetRecognizer(SharedRecognizer(
                                Arc::new(r),
                            )));
                            return;
                        }
                        Err(e) => Err(format!("Cannot use {} as a model: {e}", f.name)),
                    },
                    (None, Some(e)) => Err(e.clone()),
                    (None, None) => return,
                };
                report(&state, result);
            });
        })
    };
    // Files dropped anywhere on the page are imported.
    let ondragover = Callback::from(|e: DragEvent| e.prevent_default());
    let ondrop = {
        let onimport = onimport.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            if let Some(list) = e.data_transfer().and_then(|d| d.files()) {
                if list.length() > 0 {
                    onimport.emit(list);
                }
            }
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
            let doc = &state.0.editor().doc;
            // A click on a highlight selects it; a drag selects text; a click elsewhere leaves
            // a caret from which Shift+arrows select by words.
            let clicked = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|el| el.closest("mark[data-start]").ok().flatten())
                .and_then(|m| m.get_attribute("data-start"))
                .and_then(|i| i.parse::<usize>().ok())
                .and_then(|start| doc.span_at(start));
            let action = match (dom::selection_in(&root, doc.offsets()), clicked) {
                (Some((start, end)), _) if start != end => Action::SelectRange { start, end },
                (_, Some(i)) => Action::SelectSpan(i),
                (Some((at, _)), None) => Action::SelectRange { start: at, end: at },
                (None, None) => Action::ClearSelection,
            };
            state.dispatch(WorkspaceAction::Edit(action));
        })
    };
    // Memoised, so that the article's unchanged blocks compare equal and are not re-rendered.
    let ondragedge = use_callback(dragging.clone(), |edge: Edge, dragging| {
        dragging.set(Some(edge))
    });

    let counts = doc.label_counts();
    let selected = editor
        .selected_span()
        .map(|s| (s.clone(), doc.span_text(s).to_string()));
    let pending = editor.pending.map(|(s, e)| doc.slice(s, e).to_string());
    let apply_all_text = editor.last_decision.as_ref().map(|d| match d {
        Decision::Labelled { text, .. } | Decision::Unlabelled { text } => text.clone(),
    });
    let done_count = ws.entries().iter().filter(|e| e.done).count();
    let notice = match &editor.notice {
        Some(Notice::Info(m)) => html! { <p class="notice info">{ m.clone() }</p> },
        Some(Notice::Error(m)) => html! { <p class="notice error" role="alert">{ m.clone() }</p> },
        None => html! {},
    };

    // Nothing has been written yet on a first, empty load: "Saved" would say nothing true.
    let nothing_to_save = ws.entries().len() == 1 && doc.text().is_empty();
    html! {
        <main class="app" {ondragover} {ondrop}>
            if doc.text().is_empty() {
                <SkipLink target="article-input" text="Skip to the text box" />
            } else {
                <SkipLink target="article" text="Skip to the article" />
            }
            <header class="masthead">
                <h1>{ "spanlight" }</h1>
                <p class="tagline">{ "People, places and numbers, highlighted in your browser. Your text never leaves it." }</p>
            </header>
            <Teams ws={state.0.clone()} onworkspace={onworkspace.clone()} />
            <Toolbar name={editor.name.clone()} has_text={!doc.text().is_empty()}
                can_undo={editor.can_undo()} can_redo={editor.can_redo()}
                accepted_only={*accepted_only} {apply_all_text}
                {onrename} onsample={onsample.clone()} {onundo} {onredo} {ondownload} {oncopy}
                {onaccept_all} {onapply_all} {onaccepted_only} {onhelp} {onrecognize} />
            <div class="status-line">
                <div class="status" role="status" aria-live="polite">{ notice }</div>
                <span class={classes!("save-state", matches!(*save_state, SaveState::Failed(_) | SaveState::Elsewhere).then_some("failed"))}
                    aria-label="Saving" data-state={match &*save_state {
                        SaveState::Loading => "loading",
                        SaveState::Saving => "saving",
                        SaveState::Saved => "saved",
                        SaveState::Failed(_) | SaveState::Elsewhere => "failed",
                    }}>
                    { match &*save_state {
                        SaveState::Loading => "Opening saved work…",
                        SaveState::Saving | SaveState::Saved if nothing_to_save => "",
                        SaveState::Saving => "Saving…",
                        SaveState::Saved => "Saved in this browser",
                        SaveState::Failed(_) | SaveState::Elsewhere => "Not saved",
                    } }
                </span>
            </div>
            if let Some((request, name)) = ws.recognising() {
                <div class="progress recognising" role="status">
                    <progress aria-label="Recognising"></progress>
                    { format!(" Recognising “{name}”: its highlights follow") }
                    <button onclick={oncancel_recognition.reform(move |_: MouseEvent| request)}>
                        { "Cancel recognition" }</button>
                </div>
            }
            if *save_state == SaveState::Elsewhere {
                <div class="save-failed" role="alert">
                    <p>{ "This workspace was just saved from another tab. So as not to overwrite that tab's work, changes made here are no longer saved. Reload to continue with the saved workspace, or first keep this page's work as a file." }</p>
                    <button onclick={Callback::from(|_: MouseEvent| { let _ = gloo::utils::window().location().reload(); })}>
                        { "Reload" }</button>
                    <button onclick={onsave_workspace.reform(|_| ())}>{ "Save workspace file" }</button>
                </div>
            }
            if let SaveState::Failed(why) = &*save_state {
                <div class="save-failed" role="alert">
                    <p>{ why.clone() }</p>
                    <button onclick={onsave_workspace.reform(|_| ())}>{ "Save workspace file" }</button>
                </div>
            }
            if let (Some((x, y)), Some(_)) = (*menu_at, editor.pending) {
                <div class="label-menu" role="group" aria-label="Label the selection"
                    style={format!("left: {x:.0}px; top: {:.0}px", y + 4.0)}>
                    { for doc.labels().iter().map(|l| {
                        let name = l.name.clone();
                        let key = l.hotkey.map(|k| format!(" ({k})")).unwrap_or_default();
                        html! {
                            <button style={format!("--label-color: {}", l.color)}
                                onclick={onlabel.reform(move |_: MouseEvent| name.clone())}>
                                <span class="swatch" aria-hidden="true"></span>{ format!("{}{key}", l.name) }
                            </button>
                        }
                    }) }
                </div>
            }
            if let Some(o) = &*offer {
                <PartsOffer name={o.name.clone()} text={o.text.clone()} starts={o.starts.clone()} {onsplit}
                    onclose={onclose_offer} />
            }
            if *help {
                <Help onclose={Callback::from({ let help = help.clone(); move |_| help.set(false) })} />
            }
            // The article comes before the document list in the Tab order; the grid still
            // draws the list on the left.
            <div class="workspace">
                if doc.text().is_empty() {
                    <TextInput {onsubmit} {onsample} />
                } else {
                    <Article doc={doc.clone()} selected={editor.selected} caret={editor.caret}
                        pending={editor.pending} node_ref={article.clone()} {onmouseup} {ondragedge}
                        {onfind} />
                }
                <aside class="files">
                    <Documents entries={Entries(ws.clone())} current={ws.current()} can_undo_delete={ws.can_undo_delete()}
                        onaction={onworkspace} />
                    <Transfer progress={*progress} export_format={*export_format}
                        import_format={*import_format} {onimport} {onimport_format} {onexport_format}
                        {onexport} onsave_workspace={onsave_workspace.clone()}
                        oncancel_import={oncancel_import} />
                    <Learning history={ws.recognizer().history().clone()}
                        learned={ws.recognizer() != ws.base_recognizer()}
                        shipped_base={ws.base_recognizer().is_shipped()}
                        done_documents={done_count} busy={ws.learning_busy()}
                        last_millis={ws.last_learning().and_then(|r| r.millis)}
                        {onlearn} onreset={onreset_model} onexport={onexport_model}
                        onimport={onimport_model} />
                </aside>
                <aside class="side">
                    if !doc.text().is_empty() {
                        <Legend labels={doc.labels().to_vec()} {counts}
                            active={editor.pending.is_some() || editor.selected.is_some()}
                            onlabel={onlabel.clone()} onedit={onedit.clone()} />
                        <SpanPanel labels={doc.labels().to_vec()} {selected} {pending}
                            {onlabel} {ondelete} {onaccept} caret={editor.caret_context()}
                            to_decide={editor.to_decide()} />
                        <Overview doc={doc.clone()} selected={editor.selected} {onselect} />
                    }
                </aside>
            </div>
        </main>
    }
}
