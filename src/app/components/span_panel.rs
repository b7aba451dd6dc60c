//! What is selected: the pending text range, or the selected span with its label and actions.

use yew::prelude::*;

use crate::core::document::{Label, Span, SpanStatus};
use crate::core::wording::grouped;

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
    /// Where the reading caret is, in words (`before “Lavrov”`), when it is somewhere.
    #[prop_or_default]
    pub caret: Option<String>,
    /// Review's progress: the selected suggestion's place among those to decide, and how many.
    #[prop_or_default]
    pub to_decide: (Option<usize>, usize),
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
    } else if let Some(caret) = &props.caret {
        html! {
            <p>{ format!("Caret {caret}. Shift+→ selects the next word; then press a label's key.") }</p>
        }
    } else {
        html! { <p class="hint">{ "Select text to add a span; click a highlight to change or delete it. From the keyboard: arrow keys in the article." }</p> }
    };
    let review = match props.to_decide {
        (_, 0) => "Nothing left to decide".to_string(),
        (Some(at), total) => format!("{} of {} to decide", grouped(at), grouped(total)),
        (None, total) => format!("{} to decide: press J to review them", grouped(total)),
    };
    html! {
        <section class="span-panel" aria-label="Selection" aria-live="polite">
            <h2>{ "Selection" }</h2>
            <p class="review">{ review }</p>
            { body }
        </section>
    }
}
