//! What is selected: the pending text range, or the selected span with its label and actions.

use yew::prelude::*;

use crate::core::document::{Label, Span, SpanStatus};

#[derive(Properties, PartialEq)]
pub struct SpanPanelProps {
    pub labels: Vec<Label>,
    /// The selected span and its text.
    pub selected: Option<(Span, String)>,
    /// The text of a pending (snapped, unlabelled) selection.
    pub pending: Option<String>,
    pub onlabel: Callback<String>,
    pub ondelete: Callback<()>,
    pub onaccept: Callback<()>,
}

#[component]
pub fn SpanPanel(props: &SpanPanelProps) -> Html {
    let body = if let Some((span, text)) = &props.selected {
        let onchange = props.onlabel.reform(|e: Event| {
            e.target_unchecked_into::<web_sys::HtmlSelectElement>()
                .value()
        });
        let suggested = span.status == SpanStatus::Suggested;
        html! {
            <>
                <p class="selected-text">
                    <span class="quote">{ text.clone() }</span>
                    <span class="status">{ if suggested { " suggested" } else { " accepted" } }</span>
                </p>
                <label>
                    { "Label " }
                    <select aria-label="Label of the selected span" {onchange}>
                    { for props.labels.iter().map(|l| html! {
                        <option value={l.name.clone()} selected={l.name == span.label}>{ &l.name }</option>
                    }) }
                    </select>
                </label>
                if suggested {
                    <button onclick={props.onaccept.reform(|_| ())}>{ "Accept" }</button>
                }
                <button class="danger" onclick={props.ondelete.reform(|_| ())}
                    aria-label="Delete the selected span">{ "Delete span" }</button>
            </>
        }
    } else if let Some(text) = &props.pending {
        html! {
            <p>{ "Selected " }<span class="quote">{ text.clone() }</span>
               { ": choose a label (click it, or press its key)." }</p>
        }
    } else {
        html! { <p class="hint">{ "Select text to add a span; click a highlight to change or delete it." }</p> }
    };
    html! {
        <section class="span-panel" aria-label="Selection" aria-live="polite">
            <h2>{ "Selection" }</h2>
            { body }
        </section>
    }
}
