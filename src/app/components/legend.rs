//! The labels with their colours, hotkeys and counts; each is also the button that applies it.

use yew::prelude::*;

use crate::core::document::Label;

#[derive(Properties, PartialEq)]
pub struct LegendProps {
    pub labels: Vec<Label>,
    /// How many spans carry each label, in the order of `labels`.
    pub counts: Vec<usize>,
    /// Whether a label would apply to something now (a pending range or a selected span).
    pub active: bool,
    pub onlabel: Callback<String>,
}

#[component]
pub fn Legend(props: &LegendProps) -> Html {
    html! {
        <section class="legend" aria-label="Labels">
            <h2>{ "Labels" }</h2>
            <ul>
            { for props.labels.iter().zip(&props.counts).map(|(label, count)| {
                let name = label.name.clone();
                let onclick = props.onlabel.reform(move |_| name.clone());
                let key = label.hotkey.map(|k| format!(" (key {k})")).unwrap_or_default();
                let aria = format!("Label as {}{key}", label.name);
                html! {
                    <li key={label.name.clone()}>
                        <button class="label-button" {onclick} aria-label={aria}
                            data-label={label.name.clone()}
                            aria-disabled={(!props.active).then_some("true")}
                            style={format!("--label-color: {}", label.color)}>
                            <span class="swatch" aria-hidden="true"></span>
                            <span class="name">{ &label.name }</span>
                            if let Some(k) = label.hotkey { <kbd>{ k }</kbd> }
                            <span class="count" aria-label={format!("{count} spans")}>{ count }</span>
                        </button>
                    </li>
                }
            }) }
            </ul>
        </section>
    }
}
