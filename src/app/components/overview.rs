//! The spans by label, with counts; choosing one selects it and scrolls the article to it.
//! A long group stays folded until opened, so a long article's edits do not rebuild thousands
//! of list items.

use std::collections::HashSet;

use yew::prelude::*;

use crate::core::document::{Document, SpanStatus};
use crate::core::wording::grouped;

/// Groups up to this size start unfolded.
const OPEN_UP_TO: usize = 25;

#[derive(Properties, PartialEq)]
pub struct OverviewProps {
    pub doc: Document,
    pub selected: Option<usize>,
    pub onselect: Callback<usize>,
}

#[component]
pub fn Overview(props: &OverviewProps) -> Html {
    // Labels whose fold a person has flipped from its default.
    let flipped = use_state(HashSet::<String>::new);
    let doc = &props.doc;
    // Counted in one pass; a group's spans are only looked up when it is open, so a folded
    // group of a long article costs nothing per render.
    let counts = doc.label_counts();
    let groups = doc.labels().iter().zip(counts).map(|(label, count)| {
        let open = (count <= OPEN_UP_TO) != flipped.contains(&label.name);
        let spans: Vec<usize> = if open {
            doc.spans().with_label(&label.name)
        } else {
            Vec::new()
        };
        let toggle = {
            let flipped = flipped.clone();
            let name = label.name.clone();
            Callback::from(move |_: MouseEvent| {
                let mut next = (*flipped).clone();
                if !next.remove(&name) {
                    next.insert(name.clone());
                }
                flipped.set(next);
            })
        };
        let items = spans.iter().filter(|_| open).map(|&i| {
            let s = &doc.spans()[i];
            let text = doc.span_text(s).to_string();
            let suggested = s.status == SpanStatus::Suggested;
            html! {
                <li key={s.start}>
                    <button class={classes!("overview-item", suggested.then_some("suggested"),
                            (props.selected == Some(i)).then_some("selected"))}
                        onclick={props.onselect.reform(move |_| i)}
                        aria-label={format!("{} {text}{}", label.name, if suggested { ", suggested" } else { "" })}>
                        { text }
                    </button>
                </li>
            }
        });
        html! {
            <div class="group" key={label.name.clone()}>
                <button class="group-head" onclick={toggle} aria-expanded={open.to_string()}
                    style={format!("--label-color: {}", label.color)}>
                    <span class="swatch" aria-hidden="true"></span>
                    <span class="name">{ &label.name }</span>
                    { format!(" ({})", grouped(count)) }
                </button>
                if open { <ul>{ for items }</ul> }
            </div>
        }
    });
    html! {
        <section class="overview" aria-label="Spans by label">
            <h2>{ "Spans" }</h2>
            { for groups }
        </section>
    }
}
