//! The article with its highlights. Every highlight is a `<mark>` carrying its label and its
//! code-point offsets; the text itself is rendered as text nodes only, so that the element's
//! text content is exactly the document's text and DOM offsets map back without drift.
//!
//! The text is cut into blocks (lines, never inside a span), each a component of its own, so an
//! edit re-renders only the block it touches: a 20,000-word article stays responsive.

use yew::prelude::*;

use crate::core::document::{Document, SpanStatus};
use crate::core::editor::Edge;

#[derive(Properties, PartialEq)]
pub struct ArticleProps {
    pub doc: Document,
    pub selected: Option<usize>,
    /// The reading caret, in code points: where the arrow keys are.
    #[prop_or_default]
    pub caret: Option<usize>,
    pub node_ref: NodeRef,
    /// Mouse released over the article: the app reads the selection from the DOM.
    pub onmouseup: Callback<MouseEvent>,
    /// A drag of the selected span's start or end handle began.
    #[prop_or_default]
    pub ondragedge: Callback<Edge>,
}

/// A highlight as a block draws it.
#[derive(Clone, PartialEq)]
struct Piece {
    start: usize,
    end: usize,
    label: AttrValue,
    color: AttrValue,
    suggested: bool,
}

#[derive(Properties, PartialEq)]
struct BlockProps {
    /// Code point where the block starts.
    start: usize,
    text: AttrValue,
    pieces: Vec<Piece>,
    /// Start of the selected span, when it is in this block.
    selected: Option<usize>,
    /// The caret, when it is in this block (or at its end, for the text's end).
    caret: Option<usize>,
    ondragedge: Callback<Edge>,
}

/// The caret is drawn as an empty element, like the handles: it adds no text.
fn caret_mark() -> Html {
    html! { <span class="caret" aria-hidden="true"></span> }
}

#[component]
fn Block(props: &BlockProps) -> Html {
    let chars: Vec<char> = props.text.chars().collect();
    let slice = |a: usize, b: usize| {
        chars[a - props.start..b - props.start]
            .iter()
            .collect::<String>()
    };
    let end = props.start + chars.len();
    // The text of `[a, b)`, with the caret inside when it falls there.
    let cut = |a: usize, b: usize| -> Html {
        match props.caret.filter(|&c| c >= a && c < b) {
            Some(c) => html! { <>{ slice(a, c) }{ caret_mark() }{ slice(c, b) }</> },
            None => html! { { slice(a, b) } },
        }
    };
    let mut parts = Vec::with_capacity(props.pieces.len() * 2 + 2);
    let mut pos = props.start;
    for p in &props.pieces {
        if p.start > pos {
            parts.push(cut(pos, p.start));
        }
        let text = slice(p.start, p.end);
        let status = if p.suggested { "suggested" } else { "accepted" };
        let is_selected = props.selected == Some(p.start);
        let title = format!("{}: {} ({status})", p.label, text);
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
                key={p.start}
                class={classes!("span", p.suggested.then_some("suggested"), is_selected.then_some("selected"))}
                style={format!("--label-color: {}", p.color)}
                data-label={p.label.clone()}
                data-start={p.start.to_string()}
                data-end={p.end.to_string()}
                data-status={status}
                aria-current={is_selected.then_some("true")}
                aria-label={title.clone()}
                {title}
            >
                if is_selected { { handle(Edge::Start, "start") } }
                { cut(p.start, p.end) }
                if is_selected { { handle(Edge::End, "end") } }
            </mark>
        });
        pos = p.end;
    }
    if pos < end {
        parts.push(cut(pos, end));
    }
    if props.caret == Some(end) {
        parts.push(caret_mark());
    }
    html! { <span class="block">{ for parts }</span> }
}

/// The text of cuts `[from, to)`: shared when the block is one line, joined when a span made
/// it take several.
fn block_text(lines: &[AttrValue], from: usize, to: usize) -> AttrValue {
    if to == from + 1 {
        lines[from].clone()
    } else {
        AttrValue::from(
            lines[from..to]
                .iter()
                .map(|l| l.as_str())
                .collect::<String>(),
        )
    }
}

#[component]
pub fn Article(props: &ArticleProps) -> Html {
    let doc = &props.doc;
    // The text of each cut (line) once per document, shared by every render after.
    // Keyed by the shared text itself: compared by pointer first, and kept alive, so a freed
    // text's address can never be mistaken for a new one.
    let lines = {
        let doc = doc.clone();
        use_memo(doc.shared_text().clone(), move |_| {
            let starts = doc.block_starts();
            (0..starts.len())
                .map(|i| {
                    let end = starts.get(i + 1).copied().unwrap_or(doc.char_len());
                    AttrValue::from(doc.slice(starts[i], end).to_string())
                })
                .collect::<Vec<AttrValue>>()
        })
    };
    // One shared string per label and colour, not one per highlight.
    let styles: std::collections::HashMap<&str, (AttrValue, AttrValue)> = doc
        .labels()
        .iter()
        .map(|l| {
            (
                l.name.as_str(),
                (
                    AttrValue::from(l.name.clone()),
                    AttrValue::from(l.color.clone()),
                ),
            )
        })
        .collect();
    let spans = doc.spans();
    let selected_start = props.selected.and_then(|i| spans.get(i)).map(|s| s.start);
    // Lines become paragraphs (block-level, so the browser re-lays out only the one that
    // changed); a paragraph holds one or more blocks (inline, the unit of re-rendering).
    let mut paragraphs: Vec<(usize, Vec<Html>)> = Vec::new();
    let line_start = |cp: usize| cp == 0 || matches!(doc.slice(cp - 1, cp), "\n" | "\r");
    let starts = doc.block_starts();
    let mut next_span = 0;
    let mut b = 0;
    while b < starts.len() {
        let start = starts[b];
        // Extend the block past any cut that a span crosses.
        let mut end_index = b + 1;
        let mut end = starts.get(end_index).copied().unwrap_or(doc.char_len());
        let mut pieces = Vec::new();
        while let Some(s) = spans.get(next_span).filter(|s| s.start < end) {
            while s.end > end {
                end_index += 1;
                end = starts.get(end_index).copied().unwrap_or(doc.char_len());
            }
            let (label, color) = styles
                .get(s.label.as_str())
                .cloned()
                .unwrap_or_else(|| (AttrValue::from(s.label.clone()), AttrValue::default()));
            pieces.push(Piece {
                start: s.start,
                end: s.end,
                label,
                color,
                suggested: s.status == SpanStatus::Suggested,
            });
            next_span += 1;
        }
        let selected = selected_start.filter(|&x| x >= start && x < end);
        let caret = props
            .caret
            .filter(|&c| (c >= start && c < end) || (c == end && end == doc.char_len()));
        if paragraphs.is_empty() || line_start(start) {
            paragraphs.push((start, Vec::new()));
        }
        let blocks = &mut paragraphs
            .last_mut()
            .expect("a paragraph was just pushed")
            .1;
        blocks.push(html! {
            <Block key={start} {start} text={block_text(&lines, b, end_index)}
                {pieces} {selected} {caret} ondragedge={props.ondragedge.clone()} />
        });
        b = end_index;
    }
    // Focus comes here when the article appears with focus nowhere (the text box it replaces
    // had it), so the keyboard can go on at once.
    {
        let node = props.node_ref.clone();
        use_effect_with((), move |_| {
            let idle = gloo::utils::document()
                .active_element()
                .is_none_or(|el| el.tag_name() == "BODY");
            if let (true, Some(el)) = (idle, node.cast::<web_sys::HtmlElement>()) {
                let _ = el.focus();
            }
        });
    }
    html! {
        <div
            id="article"
            class="article"
            ref={props.node_ref.clone()}
            tabindex="0"
            role="document"
            aria-label="Article: arrow keys move the caret by words, Shift+arrows select, 1 to 9 label, J and K review suggestions"
            onmouseup={props.onmouseup.clone()}
        >{ for paragraphs.into_iter().map(|(key, blocks)| html! {
            <div class="para" {key}>{ for blocks }</div>
        }) }</div>
    }
}
