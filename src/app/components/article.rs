//! The article with its highlights. Every highlight is a `<mark>` carrying its label and its
//! code-point offsets; the text itself is rendered as text nodes only, so that the element's
//! text content is exactly the document's text and DOM offsets map back without drift.

use yew::prelude::*;

use crate::core::document::{Document, SpanStatus};
use crate::core::editor::Edge;

#[derive(Properties, PartialEq)]
pub struct ArticleProps {
    pub doc: Document,
    pub selected: Option<usize>,
    pub node_ref: NodeRef,
    /// Mouse released over the article: the app reads the selection from the DOM.
    pub onmouseup: Callback<MouseEvent>,
    /// A drag of the selected span's start or end handle began.
    #[prop_or_default]
    pub ondragedge: Callback<Edge>,
}

#[component]
pub fn Article(props: &ArticleProps) -> Html {
    let doc = &props.doc;
    let mut parts: Vec<Html> = Vec::with_capacity(doc.spans().len() * 2 + 1);
    let mut pos = 0;
    for (i, span) in doc.spans().iter().enumerate() {
        if span.start > pos {
            parts.push(html! { { doc.slice(pos, span.start).to_string() } });
        }
        let color = doc
            .label(&span.label)
            .map(|l| l.color.clone())
            .unwrap_or_default();
        let suggested = span.status == SpanStatus::Suggested;
        let is_selected = props.selected == Some(i);
        let text = doc.span_text(span).to_string();
        let status = if suggested { "suggested" } else { "accepted" };
        let title = format!("{}: {} ({status})", span.label, text);
        // Handles are empty elements: they add no text, so offsets stay exact.
        let handle = |edge: Edge, class: &'static str| {
            let onmousedown = props.ondragedge.reform(move |e: MouseEvent| {
                e.prevent_default();
                e.stop_propagation();
                edge
            });
            html! { <span class={classes!("handle", class)} aria-hidden="true" {onmousedown}></span> }
        };
        parts.push(html! {
            <mark
                key={format!("{}-{}", span.start, span.end)}
                class={classes!("span", suggested.then_some("suggested"), is_selected.then_some("selected"))}
                style={format!("--label-color: {color}")}
                data-label={span.label.clone()}
                data-start={span.start.to_string()}
                data-end={span.end.to_string()}
                data-status={status}
                data-index={i.to_string()}
                aria-current={is_selected.then_some("true")}
                {title}
            >
                if is_selected { { handle(Edge::Start, "start") } }
                { text }
                if is_selected { { handle(Edge::End, "end") } }
            </mark>
        });
        pos = span.end;
    }
    if pos < doc.char_len() {
        parts.push(html! { { doc.slice(pos, doc.char_len()).to_string() } });
    }
    html! {
        <div
            id="article"
            class="article"
            ref={props.node_ref.clone()}
            tabindex="0"
            role="document"
            aria-label="Annotated article: select text to add a span, click a highlight to select it"
            onmouseup={props.onmouseup.clone()}
        >{ for parts }</div>
    }
}
