//! The workspace's documents: name, size, spans, what is left to decide, and a "done" mark;
//! open, rename, duplicate, delete (undoable) and add one.

use std::rc::Rc;
use std::sync::Arc;

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::field::Field;
use crate::core::wording::{count, grouped};
use crate::core::workspace::{Entry, Summary, Workspace, WorkspaceAction};

/// The workspace's documents as the list sees them: the workspace the app holds (no copy), two
/// lists the same when every entry is the same allocation. An action changes only the entries
/// it touches, so comparing ten thousand pointers tells what changed, and only the rows in view
/// are summarised.
#[derive(Clone)]
pub struct Entries(pub Rc<Workspace>);

impl Entries {
    fn get(&self) -> &[Arc<Entry>] {
        self.0.entries()
    }
}

impl PartialEq for Entries {
    fn eq(&self, other: &Self) -> bool {
        let (a, b) = (self.get(), other.get());
        a.len() == b.len() && a.iter().zip(b).all(|(x, y)| Arc::ptr_eq(x, y))
    }
}

#[derive(Properties, PartialEq)]
pub struct DocumentsProps {
    pub entries: Entries,
    pub current: usize,
    pub can_undo_delete: bool,
    pub onaction: Callback<WorkspaceAction>,
}

/// Lists longer than this render only the rows near the visible part (each row is several
/// controls: ten thousand of them would be fifty thousand nodes, and a hundred took one task of
/// an import over 50 ms). A screen shows about ten.
const VIRTUAL_FROM: usize = 40;
/// Lists longer than this get a filter box.
const FILTER_FROM: usize = 20;
/// The height of one row of a long list, in CSS pixels (styles/app.css, `.doc-list.virtual`).
const ROW_PX: f64 = 92.0;
/// Rows rendered above and below the visible ones, so a quick scroll shows no gap.
const OVERSCAN: usize = 8;

/// The rows of `entries` whose name contains `filter`, regardless of case.
fn matching(entries: &[Arc<Entry>], filter: &str) -> Vec<usize> {
    let filter = filter.trim().to_lowercase();
    entries
        .iter()
        .enumerate()
        .filter(|(_, e)| filter.is_empty() || e.editor.name.to_lowercase().contains(&filter))
        .map(|(i, _)| i)
        .collect()
}

#[component]
pub fn Documents(props: &DocumentsProps) -> Html {
    let act = |a: WorkspaceAction| props.onaction.reform(move |_: MouseEvent| a.clone());
    let filter = use_state(String::new);
    // The first visible row and how many fit, from the scroll box (long lists only).
    let window = use_state_eq(|| (0usize, 12usize));
    let scroller = use_node_ref();
    let entries = props.entries.get();
    let n = entries.len();
    let rows = matching(entries, if n > FILTER_FROM { &filter } else { "" });
    let virtual_list = rows.len() > VIRTUAL_FROM;
    // Keep the open document in view when it changes (an import opens the first new one).
    {
        let scroller = scroller.clone();
        let at = rows.iter().position(|&i| i == props.current);
        use_effect_with((at, virtual_list), move |&(at, virtual_list)| {
            if let (Some(at), true, Some(el)) =
                (at, virtual_list, scroller.cast::<web_sys::Element>())
            {
                let top = at as f64 * ROW_PX;
                let seen = el.scroll_top() as f64;
                if top < seen || top + ROW_PX > seen + el.client_height() as f64 {
                    el.set_scroll_top(top as i32);
                }
            }
        });
    }
    let onscroll = {
        let window = window.clone();
        Callback::from(move |e: Event| {
            let el = e.target_unchecked_into::<web_sys::Element>();
            let first = (el.scroll_top() as f64 / ROW_PX) as usize;
            let fit = (el.client_height() as f64 / ROW_PX).ceil() as usize + 1;
            window.set((first, fit));
        })
    };
    let oninput = {
        let filter = filter.clone();
        Callback::from(move |e: InputEvent| {
            filter.set(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    let row = |i: usize, style: Option<String>| {
        let s = entries[i].summary();
        html! {
            <Row key={entries[i].id} index={i} summary={s} open={i == props.current}
                onaction={props.onaction.clone()} {style} />
        }
    };
    let list = if virtual_list {
        let (first, fit) = *window;
        let from = first.saturating_sub(OVERSCAN).min(rows.len());
        let to = (first + fit + OVERSCAN).min(rows.len());
        let height = format!("height: {}px", rows.len() as f64 * ROW_PX);
        html! {
            <div class="doc-scroll" ref={scroller.clone()} {onscroll}>
                <ul class="doc-list virtual" style={height}
                    aria-label={format!("Documents {} to {} of {}", from + 1, to, rows.len())}>
                    { for rows[from..to].iter().enumerate().map(|(k, &i)| {
                        row(i, Some(format!("top: {}px", (from + k) as f64 * ROW_PX)))
                    }) }
                </ul>
            </div>
        }
    } else {
        html! {
            <ul class="doc-list" ref={scroller.clone()}>
                { for rows.iter().map(|&i| row(i, None)) }
            </ul>
        }
    };
    html! {
        <section class="documents" aria-label="Documents">
            <h2>{ format!("Documents ({})", grouped(n)) }</h2>
            if n > FILTER_FROM {
                <input type="search" class="doc-filter" placeholder="Filter by name"
                    aria-label="Filter documents by name" value={(*filter).clone()} {oninput} />
                if !filter.trim().is_empty() {
                    <p class="doc-count" role="status">{ format!("{} of {} match", grouped(rows.len()), grouped(n)) }</p>
                }
            }
            { list }
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
    /// Its place in a long list (a `top` in pixels); none in a short one.
    #[prop_or_default]
    style: Option<String>,
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
    // A long text's words are counted once its tokens are built, a moment after it opens.
    let words = s.words.map_or("… words".to_string(), |n| count(n, "word"));
    let meta = if s.words == Some(0) {
        "empty".to_string()
    } else {
        format!(
            "{} · {} · {} to decide",
            words,
            count(s.spans, "span"),
            grouped(s.undecided)
        )
    };
    html! {
        <li class={classes!("doc", props.open.then_some("open"), s.done.then_some("done"))}
            style={props.style.clone()}>
            if *renaming {
                <Field value={s.name.clone()} label={format!("New name for {}", s.name)}
                    onchange={onrename} autofocus=true />
            } else {
                <button class="doc-open" onclick={act(WorkspaceAction::Open(i))}
                    aria-current={props.open.then_some("true")}
                    aria-label={format!("Open {}: {meta}{}", s.name, if s.done { ", done" } else { "" })}>
                    <span class="doc-name" title={s.name.clone()}>{ &s.name }</span>
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
