//! The spans by label, with counts; choosing one selects it and scrolls the article to it.

use yew::prelude::*;

use crate::core::document::{Document, SpanStatus};

#[derive(Properties, PartialEq)]
pub struct OverviewProps {
    pub doc: Document,
    pub selected: Option<usize>,
    pub onselect: Callback<usize>,
}

#[component]
pub fn Overview(props: &OverviewProps) -> Html {
    let doc = &props.doc;
    let groups = doc.labels().iter().map(|label| {
        let items: Vec<Html> = doc
            .spans()
            .iter()
            .enumerate()
            .filter(|(_, s)| s.label == label.name)
            .map(|(i, s)| {
                let text = doc.span_text(s).to_string();
                let suggested = s.status == SpanStatus::Suggested;
                html! {
                    <li key={i}>
                        <button class={classes!("overview-item", suggested.then_some("suggested"),
                                (props.selected == Some(i)).then_some("selected"))}
                            onclick={props.onselect.reform(move |_| i)}
                            aria-label={format!("{} {text}{}", label.name, if suggested { ", suggested" } else { "" })}>
                            { text }
                        </button>
                    </li>
                }
            })
            .collect();
        html! {
            <details key={label.name.clone()} open={!items.is_empty() && items.len() <= 40}>
                <summary style={format!("--label-color: {}", label.color)}>
                    <span class="swatch" aria-hidden="true"></span>
                    { format!("{} ({})", label.name, items.len()) }
                </summary>
                <ul>{ for items }</ul>
            </details>
        }
    });
    html! {
        <section class="overview" aria-label="Spans by label">
            <h2>{ "Spans" }</h2>
            { for groups }
        </section>
    }
}
