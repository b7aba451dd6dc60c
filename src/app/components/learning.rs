//! The learning panel: what the recogniser has learned from the person's done documents, how
//! its suggestions fared on each document before learning it (the accuracy curve), and the
//! model's buttons: learn now, export, import, reset to the shipped model.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::app::files::use_file_picker;
use crate::core::recognizer::{DocScore, History};

#[derive(Properties, PartialEq)]
pub struct LearningProps {
    pub history: History,
    /// The recogniser has learned since its starting model.
    pub learned: bool,
    /// The starting model is the shipped one (not an imported model).
    pub shipped_base: bool,
    pub done_documents: usize,
    /// Learning is going on (in the worker).
    pub busy: bool,
    /// How long the last round took, in milliseconds.
    pub last_millis: Option<u32>,
    pub onlearn: Callback<()>,
    pub onreset: Callback<()>,
    pub onexport: Callback<()>,
    pub onimport: Callback<web_sys::FileList>,
}

const WIDTH: f64 = 200.0;
const HEIGHT: f64 = 60.0;

/// The running exact-match F1 after each document (scored before it was learned).
fn running_f1(curve: &[DocScore]) -> Vec<f64> {
    let mut total = DocScore::default();
    curve
        .iter()
        .filter_map(|s| {
            total.add(s);
            total.f1()
        })
        .collect()
}

#[component]
pub fn Learning(props: &LearningProps) -> Html {
    let (picker, choose) = use_file_picker();
    let onchange = {
        let onimport = props.onimport.clone();
        Callback::from(move |e: Event| {
            if let Some(files) = e.target_unchecked_into::<HtmlInputElement>().files() {
                onimport.emit(files);
            }
        })
    };
    let h = &props.history;
    let f1 = running_f1(&h.curve);
    let points: String = f1
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let x = if f1.len() > 1 {
                i as f64 * WIDTH / (f1.len() - 1) as f64
            } else {
                WIDTH / 2.0
            };
            format!("{x:.1},{:.1} ", HEIGHT - f * HEIGHT)
        })
        .collect();
    let state = if props.learned {
        format!(
            "Learned from {} document{}",
            h.docs,
            if h.docs == 1 { "" } else { "s" }
        )
    } else if props.shipped_base {
        "The shipped model: nothing learned yet".to_string()
    } else {
        "An imported model".to_string()
    };
    html! {
        <section class="learning" aria-label="Learning">
            <h2>{ "Learning" }</h2>
            <p class="learning-state" role="status">
                { if props.busy { "Learning from your done documents…".to_string() } else { state } }
            </p>
            if props.learned && !h.spans.is_empty() {
                <ul class="learned-spans" aria-label="Spans learned per label">
                    { for h.spans.iter().map(|(label, n)| html! {
                        <li>{ format!("{label}: {n} span{}", if *n == 1 { "" } else { "s" }) }</li>
                    }) }
                </ul>
            }
            if !f1.is_empty() {
                <figure class="accuracy-curve">
                    <svg viewBox={format!("-4 -4 {} {}", WIDTH + 8.0, HEIGHT + 8.0)} role="img"
                        aria-label={format!("Suggestions' F1 on each document before learning it, now {:.2}", f1[f1.len() - 1])}>
                        <line x1="0" y1={HEIGHT.to_string()} x2={WIDTH.to_string()} y2={HEIGHT.to_string()} class="axis" />
                        <polyline points={points} class="curve" />
                    </svg>
                    <figcaption>{ format!("Suggestions matched your spans: F1 {:.2} over {} document{}", f1[f1.len() - 1], f1.len(), if f1.len() == 1 { "" } else { "s" }) }</figcaption>
                </figure>
            }
            <div class="row">
                <button onclick={props.onlearn.reform(|_| ())} disabled={props.done_documents == 0}
                    title="Learn from the documents marked done">{ "Learn now" }</button>
                <button onclick={props.onexport.reform(|_| ())}>{ "Export model" }</button>
                <button onclick={choose}>{ "Import model…" }</button>
                <button onclick={props.onreset.reform(|_| ())}
                    disabled={!props.learned && props.shipped_base}>{ "Reset to the shipped model" }</button>
            </div>
            <input type="file" ref={picker} class="hidden" {onchange} tabindex="-1"
                aria-label="Model file to import" accept=".bin" />
            if let (Some(ms), true) = (props.last_millis, props.learned) {
                <p class="hint learn-time">{ format!("Last learned in {ms} ms, beside the page") }</p>
            }
            <p class="hint">{ "Marking a document done teaches the suggestions; the model is saved with the workspace." }</p>
        </section>
    }
}
