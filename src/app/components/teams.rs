//! The teams view: several annotators' files of the same documents, their agreement (a table
//! per pair and label, Fleiss' kappa, a small chart), the documents by disagreement, and the
//! adjudication of one document. Thin: figures come from `core::agreement`, decisions from
//! `core::adjudication` as editor actions on an ordinary workspace document (so undo, the
//! ordinary editing keys and export all work); the team itself is saved in the browser.

use std::rc::Rc;
use std::sync::Arc;

use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, KeyboardEvent};
use yew::prelude::*;

use crate::app::files::use_file_picker;
use crate::app::{dom, files, storage::Store};
use crate::core::adjudication::{self, Choice, Disagreement, Team};
use crate::core::agreement::{self, Annotator, Matched, Report};
use crate::core::document::Document;
use crate::core::editor::{Action, Notice};
use crate::core::formats::{spanlight, Record};
use crate::core::intake;
use crate::core::workspace::{Workspace, WorkspaceAction};

/// The team lives in its own database, apart from the workspace's records.
const DATABASE: &str = "spanlight-team";
const ANNOTATORS_KEY: &str = "annotators";
const VIEW_KEY: &str = "view";

/// Keys for the decisions: the first two annotators on the home row, both, neither.
const TAKE_KEYS: [&str; 2] = ["f", "j"];
const BOTH_KEY: &str = "b";
const NEITHER_KEY: &str = "n";

#[derive(Properties)]
pub struct TeamsProps {
    pub ws: Rc<Workspace>,
    pub onworkspace: Callback<WorkspaceAction>,
}

/// The same workspace is the same allocation: comparing two workspaces' every document on each
/// render cost more than rendering this panel again (tens of milliseconds at 10,000 documents).
impl PartialEq for TeamsProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.ws, &other.ws) && self.onworkspace == other.onworkspace
    }
}

fn notify(onworkspace: &Callback<WorkspaceAction>, notice: Notice) {
    onworkspace.emit(WorkspaceAction::Edit(Action::Notify(notice)));
}

fn figure(x: Option<f64>) -> String {
    x.map_or_else(|| "—".to_string(), |x| format!("{x:.3}"))
}

/// The text of `doc` with its spans as marks, coloured by label.
fn marked(doc: &Document) -> Html {
    let mut parts = Vec::new();
    let mut at = 0;
    for s in doc.spans() {
        if s.start > at {
            parts.push(html! { { doc.slice(at, s.start).to_string() } });
        }
        let color = doc
            .label(&s.label)
            .map(|l| l.color.as_str())
            .filter(|c| is_hex_color(c))
            .unwrap_or("#d9d9d9");
        parts.push(html! {
            <mark class="span" style={format!("--label-color: {color}")} data-label={s.label.to_string()}>
                { doc.span_text(s).to_string() }</mark>
        });
        at = s.end;
    }
    if at < doc.char_len() {
        parts.push(html! { { doc.slice(at, doc.char_len()).to_string() } });
    }
    html! { <>{ for parts }</> }
}

/// Only `#rrggbb` reaches a style attribute: a colour read from a file is not trusted as CSS.
fn is_hex_color(c: &str) -> bool {
    c.len() == 7 && c.starts_with('#') && c[1..].chars().all(|x| x.is_ascii_hexdigit())
}

fn describe_spans(doc: &Document, spans: &[crate::core::document::Span]) -> String {
    if spans.is_empty() {
        return "nothing".into();
    }
    spans
        .iter()
        .map(|s| format!("{} “{}”", s.label, doc.span_text(s)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The team, compared by identity: a new value is made for every change, and comparing whole
/// teams (every document of every annotator) on each render would be slow.
#[derive(Clone, Default)]
struct Shared(Rc<Team>);

impl PartialEq for Shared {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl std::ops::Deref for Shared {
    type Target = Team;
    fn deref(&self) -> &Team {
        &self.0
    }
}

/// The annotators, compared by identity for the same reason.
struct ByPtr(Arc<Vec<Annotator>>);

impl PartialEq for ByPtr {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

#[component]
pub fn Teams(props: &TeamsProps) -> Html {
    let team = use_state(Shared::default);
    let loaded = use_state(|| false);
    let store = use_state(|| None::<Store>);
    let problems = use_state(Vec::<String>::new);

    // Read the saved team once; save it after every change once it has been read: the
    // annotators' documents only when they change, where the view is after every decision.
    {
        let team = team.clone();
        let loaded = loaded.clone();
        let store = store.clone();
        let onworkspace = props.onworkspace.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                match Store::open(DATABASE).await {
                    Ok(s) => {
                        let records = match (s.get(ANNOTATORS_KEY).await, s.get(VIEW_KEY).await) {
                            (Ok(a), Ok(v)) => Team::restore(a.as_deref(), v.as_deref()),
                            (Err(e), _) | (_, Err(e)) => Err(e.to_string()),
                        };
                        match records {
                            Ok(t) => team.set(Shared(Rc::new(t))),
                            Err(e) => notify(
                                &onworkspace,
                                Notice::Error(format!("The saved team could not be read: {e}")),
                            ),
                        }
                        store.set(Some(s));
                    }
                    Err(e) => notify(
                        &onworkspace,
                        Notice::Error(format!("The team will not be saved: {e}")),
                    ),
                }
                loaded.set(true);
            });
        });
    }
    {
        let store = store.clone();
        let onworkspace = props.onworkspace.clone();
        let written = use_mut_ref(|| None::<Arc<Vec<Annotator>>>);
        use_effect_with(((*team).clone(), *loaded), move |(team, loaded)| {
            if let (true, Some(store)) = (*loaded, (*store).clone()) {
                let changed = !written
                    .borrow()
                    .as_ref()
                    .is_some_and(|w| Arc::ptr_eq(w, &team.annotators));
                *written.borrow_mut() = Some(team.annotators.clone());
                let view = team.view_json();
                let team = team.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    let mut puts = vec![(VIEW_KEY.to_string(), view)];
                    if changed {
                        // Thousands of documents take a while to write out: let the page show
                        // the figures first.
                        gloo::timers::future::TimeoutFuture::new(50).await;
                        puts.push((ANNOTATORS_KEY.to_string(), team.annotators_json()));
                    }
                    if let Err(e) = store.put_many(&puts, &[]).await {
                        notify(
                            &onworkspace,
                            Notice::Error(format!("The team was not saved: {e}")),
                        );
                    }
                });
            }
        });
    }

    let update = {
        let team = team.clone();
        move |f: &mut dyn FnMut(&mut Team)| {
            let mut next = Team::clone(&team);
            f(&mut next);
            team.set(Shared(Rc::new(next)));
        }
    };

    // Figures only when the team changes, not on every edit of the open document.
    let report: Rc<Report> = use_memo(ByPtr(team.annotators.clone()), |a| {
        agreement::report(agreement::match_documents(&a.0))
    });
    let names = report.matching.annotators.clone();

    // The document being adjudicated, its disagreements, and whether it is the open document.
    let current: Option<(Matched, Vec<Disagreement>)> = team.adjudicating.and_then(|key| {
        let m = report
            .matching
            .documents
            .iter()
            .find(|m| m.key == key)?
            .clone();
        let ds = adjudication::disagreements(&m.versions);
        Some((m, ds))
    });
    let open_doc = &props.ws.editor().doc;
    let is_open = current
        .as_ref()
        .is_some_and(|(m, _)| open_doc.text() == m.text());

    let decide = {
        let team = team.clone();
        let onworkspace = props.onworkspace.clone();
        let current = current.clone();
        let names = names.clone();
        let update = update.clone();
        Callback::from(move |choice: Choice| {
            let Some((m, ds)) = &current else { return };
            let Some(d) = ds.get(team.cursor) else {
                notify(
                    &onworkspace,
                    Notice::Info("Every disagreement here has a decision".into()),
                );
                return;
            };
            let who = match choice {
                Choice::Take(i) => format!("Took {}'s", names.get(i).cloned().unwrap_or_default()),
                Choice::Both => "Kept both".into(),
                Choice::Neither => "Kept neither".into(),
            };
            let doc = m.versions.iter().flatten().next().cloned();
            match adjudication::resolve(d, choice, &names) {
                Ok(spans) => {
                    let what = match &doc {
                        Some(doc) => format!("{who}: {}", describe_spans(doc, &spans)),
                        None => who,
                    };
                    onworkspace.emit(WorkspaceAction::Edit(Action::Replace {
                        start: d.start,
                        end: d.end,
                        spans,
                        what,
                    }));
                    let n = ds.len();
                    update(&mut move |t: &mut Team| t.cursor = (t.cursor + 1).min(n));
                }
                Err(e) => notify(&onworkspace, Notice::Error(e)),
            }
        })
    };

    // The decision keys, only while the adjudicated document is open.
    {
        let decide = decide.clone();
        let n = names.len();
        use_effect_with((is_open, decide.clone()), move |(is_open, _)| {
            let listener = is_open.then(|| {
                let options = gloo::events::EventListenerOptions::enable_prevent_default();
                let document = gloo::utils::document();
                gloo::events::EventListener::new_with_options(
                    &document,
                    "keydown",
                    options,
                    move |e| {
                        let Some(e) = e.dyn_ref::<KeyboardEvent>() else {
                            return;
                        };
                        let in_control = e
                            .target()
                            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                            .is_some_and(|el| {
                                matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                            });
                        if in_control || e.ctrl_key() || e.meta_key() || e.alt_key() {
                            return;
                        }
                        let key = e.key().to_lowercase();
                        let choice = match key.as_str() {
                            k if k == BOTH_KEY => Choice::Both,
                            k if k == NEITHER_KEY => Choice::Neither,
                            k => match TAKE_KEYS.iter().position(|t| *t == k) {
                                Some(i) if i < n => Choice::Take(i),
                                _ => return,
                            },
                        };
                        e.prevent_default();
                        decide.emit(choice);
                    },
                )
            });
            move || drop(listener)
        });
    }

    let (picker, choose) = use_file_picker();
    let onfiles = {
        let update = update.clone();
        let problems = problems.clone();
        Callback::from(move |e: Event| {
            let input = e.target_unchecked_into::<HtmlInputElement>();
            let Some(list) = input.files() else { return };
            let update = update.clone();
            let problems = problems.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let (read, mut errors) = files::read_list(list).await;
                // Only now: clearing the picker empties the list it gave, so the same files can
                // be chosen again.
                input.set_value("");
                let mut added: Vec<(String, Vec<Record>)> = Vec::new();
                for f in &read {
                    // The file's stem, as the CLI names annotators.
                    let name = match f.name.rsplit_once('.') {
                        Some((stem, _)) if !stem.is_empty() => stem.to_string(),
                        _ => f.name.clone(),
                    };
                    match intake::text_of(f) {
                        Ok(text) => {
                            let (records, bad) = agreement::read_file(text, None);
                            errors.extend(bad.into_iter().map(|b| format!("{}: {b}", f.name)));
                            if records.is_empty() {
                                errors.push(format!("{}: no document could be read", f.name));
                            } else {
                                added.push((name, records));
                            }
                        }
                        Err(e) => errors.push(e),
                    }
                }
                update(&mut move |t: &mut Team| {
                    for (name, records) in added.clone() {
                        t.add(&name, records);
                    }
                });
                problems.set(errors);
            });
        })
    };

    let adjudicate = {
        let update = update.clone();
        let onworkspace = props.onworkspace.clone();
        let ws = props.ws.clone();
        Callback::from(move |m: Matched| {
            let name = adjudication::adjudicated_name(&m);
            let existing = ws
                .entries()
                .iter()
                .position(|e| e.editor.name == name && e.editor.doc.text() == m.text());
            match existing {
                Some(i) => onworkspace.emit(WorkspaceAction::Open(i)),
                None => onworkspace.emit(WorkspaceAction::Add(vec![(
                    name,
                    adjudication::agreed(&m.versions),
                )])),
            }
            let key = m.key;
            update(&mut move |t: &mut Team| {
                if t.adjudicating != Some(key) {
                    t.cursor = 0;
                }
                t.adjudicating = Some(key);
            });
        })
    };

    let table = html! {
        <>
        { for report.pairs.iter().map(|p| {
            let (a, b) = (names[p.a].clone(), names[p.b].clone());
            let row = |label: &str, f: &agreement::LabelFigures| html! {
                <tr>
                    <th scope="row">{ label.to_string() }</th>
                    <td>{ figure(f.counts.precision()) }</td>
                    <td>{ figure(f.counts.recall()) }</td>
                    <td>{ figure(f.counts.f1()) }</td>
                    <td>{ figure(f.kappa) }</td>
                    <td class="chart" aria-hidden="true">
                        <span class="bar" style={format!("width: {:.0}%", f.counts.f1().unwrap_or(0.0) * 100.0)}></span>
                    </td>
                </tr>
            };
            html! {
                <table class="agreement" aria-label={format!("{b} against {a}")}>
                    <caption>{ format!("{b} against {a}: {} documents, {} tokens", p.documents, p.tokens) }</caption>
                    <thead><tr>
                        <th scope="col">{ "label" }</th><th scope="col">{ "precision" }</th>
                        <th scope="col">{ "recall" }</th><th scope="col">{ "F1" }</th>
                        <th scope="col">{ "kappa" }</th><th scope="col">{ "F1 chart" }</th>
                    </tr></thead>
                    <tbody>
                        { for p.labels.iter().map(|(l, f)| row(l, f)) }
                        { row("overall", &p.overall) }
                    </tbody>
                </table>
            }
        }) }
        if names.len() >= 3 {
            <p class="fleiss">{ format!("Fleiss' kappa over the documents all {} have: {}", names.len(), figure(report.fleiss)) }</p>
        }
        </>
    };

    let annotators = html! {
        <ul class="annotators">
            { for team.annotators.iter().enumerate().map(|(i, a)| {
                let onrename = {
                    let update = update.clone();
                    let onworkspace = props.onworkspace.clone();
                    Callback::from(move |e: Event| {
                        let value = e.target_unchecked_into::<HtmlInputElement>().value();
                        let mut result = Ok(());
                        update(&mut |t: &mut Team| result = t.rename(i, &value));
                        if let Err(msg) = result {
                            notify(&onworkspace, Notice::Error(msg));
                        }
                    })
                };
                let onremove = {
                    let update = update.clone();
                    Callback::from(move |_: MouseEvent| update(&mut move |t: &mut Team| t.remove(i)))
                };
                html! {
                    <li>
                        <input type="text" value={a.name.clone()} aria-label={format!("Annotator {} name", i + 1)}
                            onchange={onrename} />
                        { format!(" {} documents ", a.records.len()) }
                        <button onclick={onremove} aria-label={format!("Remove {}", a.name)}>{ "Remove" }</button>
                    </li>
                }
            }) }
        </ul>
    };

    let documents = html! {
        <ol class="by-disagreement" aria-label="Documents by disagreement">
            { for report.ranking.iter().map(|d| {
                let m = report.matching.documents[d.document].clone();
                let name = m.name.clone();
                let onclick = adjudicate.reform(move |_: MouseEvent| m.clone());
                html! {
                    <li>
                        <span class="doc-name">{ name.clone() }</span>
                        { format!(" {} of {} spans disputed ", d.disputed, d.spans) }
                        <button {onclick} aria-label={format!("Adjudicate {name}")}>{ "Adjudicate" }</button>
                    </li>
                }
            }) }
        </ol>
    };

    let adjudication_view = match &current {
        None => html! {},
        Some((m, ds)) => {
            let cursor = team.cursor;
            let reopen = {
                let adjudicate = adjudicate.clone();
                let m = m.clone();
                Callback::from(move |_: MouseEvent| adjudicate.emit(m.clone()))
            };
            let onexport = {
                let onworkspace = props.onworkspace.clone();
                let doc = open_doc.clone();
                let versions: Vec<(String, Document)> = names
                    .iter()
                    .cloned()
                    .zip(m.versions.iter().cloned())
                    .filter_map(|(n, v)| v.map(|v| (n, v)))
                    .collect();
                let file = format!("{}.json", adjudication::adjudicated_name(m));
                Callback::from(move |_: MouseEvent| {
                    let who = agreement::agreed_by(&doc, &versions);
                    let value = spanlight::to_value(&Record::new(doc.clone()));
                    let json = agreement::with_annotators(value, &who).to_string();
                    let result = dom::download(&file, json.as_bytes(), dom::mime_of(&file));
                    let notice = match result {
                        Ok(()) => Notice::Info(format!("Exported {file}")),
                        Err(_) => Notice::Error("The browser refused the download".into()),
                    };
                    notify(&onworkspace, notice);
                })
            };
            let key_of = |c: Choice| match c {
                Choice::Take(i) => TAKE_KEYS.get(i).map(|k| k.to_uppercase()),
                Choice::Both => Some(BOTH_KEY.to_uppercase()),
                Choice::Neither => Some(NEITHER_KEY.to_uppercase()),
            };
            let button = |c: Choice, text: String| {
                let key = key_of(c).map(|k| format!(" ({k})")).unwrap_or_default();
                html! {
                    <button onclick={decide.reform(move |_: MouseEvent| c)} disabled={!is_open}>
                        { format!("{text}{key}") }</button>
                }
            };
            html! {
                <section class="adjudication" aria-label="Adjudication">
                    <h3>{ format!("Adjudicating {}", m.name) }</h3>
                    <div class="versions">
                        { for names.iter().zip(&m.versions).map(|(n, v)| html! {
                            <div class="version">
                                <span class="who">{ n.clone() }</span>
                                <p class="version-text">{ v.as_ref().map(marked).unwrap_or_else(|| html! { <em>{ "does not have this text" }</em> }) }</p>
                            </div>
                        }) }
                    </div>
                    if !is_open {
                        <button onclick={reopen}>{ "Open the adjudicated document" }</button>
                    }
                    <p class="progress" role="status">{
                        if ds.is_empty() { "The annotators agree on every span here".to_string() }
                        else if cursor >= ds.len() { format!("All {} disagreements decided", ds.len()) }
                        else { format!("Disagreement {} of {}", cursor + 1, ds.len()) }
                    }</p>
                    <ol class="disagreements" aria-label="Disagreements">
                        { for ds.iter().enumerate().map(|(i, d)| {
                            let text = m.versions.iter().flatten().next().map(|doc| doc.slice(d.start, d.end).to_string()).unwrap_or_default();
                            let options = names.iter().zip(&d.options).zip(&m.versions).map(|((n, o), v)| {
                                let said = v.as_ref().map(|doc| describe_spans(doc, o)).unwrap_or_else(|| "—".into());
                                format!("{n}: {said}")
                            }).collect::<Vec<_>>().join("; ");
                            let now: Vec<_> = open_doc.spans().iter().filter(|s| s.start < d.end && d.start < s.end).cloned().collect();
                            let now = if is_open { format!(" → now {}", describe_spans(open_doc, &now)) } else { String::new() };
                            let update = update.clone();
                            let onclick = Callback::from(move |_: MouseEvent| update(&mut move |t: &mut Team| t.cursor = i));
                            html! {
                                <li class={classes!((i == cursor).then_some("current"))} aria-current={(i == cursor).then_some("true")}>
                                    <button class="link" {onclick}>{ format!("“{text}”") }</button>
                                    { format!(" {options}{now}") }
                                </li>
                            }
                        }) }
                    </ol>
                    <div class="row decisions">
                        { for (0..names.len()).map(|i| button(Choice::Take(i), format!("Take {}", names[i]))) }
                        { button(Choice::Both, "Both".into()) }
                        { button(Choice::Neither, "Neither".into()) }
                        <button onclick={onexport} disabled={!is_open}>{ "Export with annotators" }</button>
                    </div>
                    <p class="hint">{ "Decide with the keys shown; fix a span of your own with the ordinary editing keys below; Ctrl+Z undoes either." }</p>
                </section>
            }
        }
    };

    let onclear = {
        let update = update.clone();
        Callback::from(move |_: MouseEvent| {
            update(&mut |t: &mut Team| {
                *t = Team {
                    open: true,
                    ..Team::default()
                }
            })
        })
    };

    let ontoggle = {
        let update = update.clone();
        Callback::from(move |_: MouseEvent| update(&mut |t: &mut Team| t.open = !t.open))
    };
    if !team.open {
        return html! {
            <div class="teams-closed">
                <button class="teams-toggle" aria-expanded="false" onclick={ontoggle}>
                    { "Compare annotators…" }</button>
            </div>
        };
    }

    html! {
        <section class="teams" aria-label="Teams">
            <div class="row">
                <h2>{ "Compare annotators" }</h2>
                <button class="teams-toggle" aria-expanded="true" onclick={ontoggle}>{ "Close" }</button>
            </div>
            <div class="row">
                <button onclick={choose}>{ "Add annotators' files…" }</button>
                <input type="file" multiple=true class="hidden" aria-label="Annotators' files" tabindex="-1"
                    ref={picker} accept=".json,.jsonl,.conll,.iob,.tsv" onchange={onfiles} />
                if !team.annotators.is_empty() {
                    <button onclick={onclear}>{ "Clear team" }</button>
                }
            </div>
            <p class="hint">{ "One file per annotator, in any format spanlight reads or as a workspace file; documents are matched by their text." }</p>
            { annotators }
            if !problems.is_empty() || !report.matching.problems.is_empty() {
                <ul class="team-problems" role="alert">
                    { for problems.iter().map(|p| html! { <li>{ p.clone() }</li> }) }
                    { for report.matching.problems.iter().map(|p| html! { <li>{ p.to_string() }</li> }) }
                </ul>
            }
            if names.len() >= 2 {
                <p>{ format!("{} documents matched by text", report.matching.documents.len()) }</p>
                { table }
                { documents }
            }
            { adjudication_view }
        </section>
    }
}
