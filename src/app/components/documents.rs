//! The workspace's documents: name, size, spans, what is left to decide, and a "done" mark;
//! open, rename, duplicate, delete (undoable) and add one.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::field::Field;
use crate::core::wording::{count, grouped};
use crate::core::workspace::{Summary, WorkspaceAction};

#[derive(Properties, PartialEq)]
pub struct DocumentsProps {
    pub summaries: Vec<Summary>,
    pub current: usize,
    pub can_undo_delete: bool,
    pub onaction: Callback<WorkspaceAction>,
}

#[component]
pub fn Documents(props: &DocumentsProps) -> Html {
    let act = |a: WorkspaceAction| props.onaction.reform(move |_: MouseEvent| a.clone());
    html! {
        <section class="documents" aria-label="Documents">
            <h2>{ format!("Documents ({})", grouped(props.summaries.len())) }</h2>
            <ul>
                { for props.summaries.iter().enumerate().map(|(i, s)| html! {
                    <Row key={s.id} index={i} summary={s.clone()} open={i == props.current}
                        onaction={props.onaction.clone()} />
                }) }
            </ul>
            <div class="doc-actions">
                <button onclick={act(WorkspaceAction::New)}>{ "New document" }</button>
                if props.can_undo_delete {
                    <button onclick={act(WorkspaceAction::UndoDelete)}>{ "Undo delete" }</button>
                }
            </div>
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct RowProps {
    index: usize,
    summary: Summary,
    open: bool,
    onaction: Callback<WorkspaceAction>,
}

#[component]
fn Row(props: &RowProps) -> Html {
    let renaming = use_state(|| false);
    let i = props.index;
    let s = &props.summary;
    let act = |a: WorkspaceAction| props.onaction.reform(move |_: MouseEvent| a.clone());
    let ondone = props.onaction.reform(move |e: Event| {
        WorkspaceAction::SetDone(i, e.target_unchecked_into::<HtmlInputElement>().checked())
    });
    let rename = {
        let renaming = renaming.clone();
        Callback::from(move |_: MouseEvent| renaming.set(true))
    };
    let onrename = {
        let renaming = renaming.clone();
        props.onaction.reform(move |name: String| {
            renaming.set(false);
            WorkspaceAction::Rename(i, name)
        })
    };
    let meta = if s.words == 0 {
        "empty".to_string()
    } else {
        format!(
            "{} · {} · {} to decide",
            count(s.words, "word"),
            count(s.spans, "span"),
            grouped(s.undecided)
        )
    };
    html! {
        <li class={classes!("doc", props.open.then_some("open"), s.done.then_some("done"))}>
            if *renaming {
                <Field value={s.name.clone()} label={format!("New name for {}", s.name)}
                    onchange={onrename} autofocus=true />
            } else {
                <button class="doc-open" onclick={act(WorkspaceAction::Open(i))}
                    aria-current={props.open.then_some("true")}
                    aria-label={format!("Open {}: {meta}{}", s.name, if s.done { ", done" } else { "" })}>
                    <span class="doc-name">{ &s.name }</span>
                    <span class="doc-meta">{ meta }</span>
                </button>
            }
            <div class="doc-tools">
                <label class="check"><input type="checkbox" checked={s.done} onchange={ondone}
                    aria-label={format!("{} is done", s.name)} />{ "done" }</label>
                <button onclick={rename} aria-label={format!("Rename {}", s.name)}>{ "Rename" }</button>
                <button onclick={act(WorkspaceAction::Duplicate(i))}
                    aria-label={format!("Duplicate {}", s.name)}>{ "Duplicate" }</button>
                <button class="danger" onclick={act(WorkspaceAction::Delete(i))}
                    aria-label={format!("Delete {}", s.name)}>{ "Delete" }</button>
            </div>
        </li>
    }
}
