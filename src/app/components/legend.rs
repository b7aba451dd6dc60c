//! The labels: each is the button that applies it (with its key and count), and in edit mode
//! the place to rename, recolour, reorder, delete and add labels.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::field::Field;
use crate::core::document::{Label, MAX_LABEL_NAME};
use crate::core::editor::Action;
use crate::core::wording::{count as count_of, grouped};

#[derive(Properties, PartialEq)]
pub struct LegendProps {
    pub labels: Vec<Label>,
    /// How many spans carry each label, in the order of `labels`.
    pub counts: Vec<usize>,
    /// Whether a label would apply to something now (a pending range or a selected span).
    pub active: bool,
    pub onlabel: Callback<String>,
    /// Label-set changes (add, rename, recolour, move, delete).
    pub onedit: Callback<Action>,
}

#[component]
pub fn Legend(props: &LegendProps) -> Html {
    let editing = use_state(|| false);
    // The label whose deletion waits for a second "yes", because spans would go with it.
    let confirming = use_state(|| None::<String>);
    let new_name = use_node_ref();

    let toggle = {
        let editing = editing.clone();
        Callback::from(move |_: MouseEvent| editing.set(!*editing))
    };
    let add = {
        let onedit = props.onedit.clone();
        let new_name = new_name.clone();
        move || {
            if let Some(input) = new_name.cast::<HtmlInputElement>() {
                onedit.emit(Action::AddLabel(input.value()));
                input.set_value("");
            }
        }
    };
    let onadd = {
        let add = add.clone();
        Callback::from(move |_: MouseEvent| add())
    };
    let onadd_key = Callback::from(move |e: KeyboardEvent| {
        if e.key() == "Enter" {
            add();
        }
    });

    let rows = props.labels.iter().zip(&props.counts).enumerate().map(|(i, (label, &count))| {
        let name = label.name.clone();
        let apply = props.onlabel.reform({
            let name = name.clone();
            move |_: MouseEvent| name.clone()
        });
        let key = label.hotkey.map(|k| format!(" (key {k})")).unwrap_or_default();
        let style = format!("--label-color: {}", label.color);
        let button = html! {
            <button class="label-button" onclick={apply} aria-label={format!("Label as {}{key}", label.name)}
                data-label={label.name.clone()} aria-disabled={(!props.active).then_some("true")}
                style={style.clone()}>
                <span class="swatch" aria-hidden="true"></span>
                <span class="name">{ &label.name }</span>
                if let Some(k) = label.hotkey { <kbd aria-hidden="true">{ k }</kbd> }
                <span class="count" aria-label={count_of(count, "span")}>{ grouped(count) }</span>
            </button>
        };
        if !*editing {
            return html! { <li key={label.name.clone()}>{ button }</li> };
        }
        let edit = |f: fn(String, String) -> Action| {
            let onedit = props.onedit.clone();
            let name = name.clone();
            Callback::from(move |value: String| onedit.emit(f(name.clone(), value)))
        };
        let rename = edit(|from, to| Action::RenameLabel { from, to });
        let recolor = edit(|name, color| Action::RecolorLabel { name, color });
        let mover = |by: isize| {
            let onedit = props.onedit.clone();
            let name = name.clone();
            Callback::from(move |_: MouseEvent| onedit.emit(Action::MoveLabel { name: name.clone(), by }))
        };
        let delete = {
            let onedit = props.onedit.clone();
            let confirming = confirming.clone();
            let name = name.clone();
            Callback::from(move |_: MouseEvent| {
                if count == 0 || confirming.as_deref() == Some(name.as_str()) {
                    confirming.set(None);
                    onedit.emit(Action::DeleteLabel(name.clone()));
                } else {
                    confirming.set(Some(name.clone()));
                }
            })
        };
        let keep = {
            let confirming = confirming.clone();
            Callback::from(move |_: MouseEvent| confirming.set(None))
        };
        let asking = confirming.as_deref() == Some(name.as_str());
        html! {
            <li key={label.name.clone()} class="label-edit">
                { button }
                <div class="label-tools">
                    <Field value={label.name.clone()} label={format!("Name of label {}", label.name)} onchange={rename} />
                    <Field kind="color" value={label.color.clone()} label={format!("Colour of label {}", label.name)} onchange={recolor} />
                    <button onclick={mover(-1)} disabled={i == 0}
                        aria-label={format!("Move {} up", label.name)}>{ "↑" }</button>
                    <button onclick={mover(1)} disabled={i + 1 == props.labels.len()}
                        aria-label={format!("Move {} down", label.name)}>{ "↓" }</button>
                    if asking {
                        <span class="confirm" role="alert">
                            { format!("Delete {} and its {count} span{}?", label.name, if count == 1 { "" } else { "s" }) }
                            <button class="danger" onclick={delete}
                                aria-label={format!("Yes, delete label {}", label.name)}>{ "Delete" }</button>
                            <button onclick={keep}>{ "Keep" }</button>
                        </span>
                    } else {
                        <button class="danger" onclick={delete}
                            aria-label={format!("Delete label {}", label.name)}>{ "✕" }</button>
                    }
                </div>
            </li>
        }
    });

    html! {
        <section class="legend" aria-label="Labels">
            <h2>{ "Labels" }
                <button class="link" onclick={toggle} aria-pressed={(*editing).to_string()}>
                    { if *editing { "Done" } else { "Edit labels" } }</button>
            </h2>
            <ul>{ for rows }</ul>
            if *editing {
                <div class="label-add">
                    <input type="text" ref={new_name} placeholder="New label, e.g. ORG"
                        maxlength={MAX_LABEL_NAME.to_string()}
                        aria-label="New label name" onkeydown={onadd_key} />
                    <button onclick={onadd}>{ "Add label" }</button>
                </div>
            }
        </section>
    }
}
