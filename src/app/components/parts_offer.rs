//! The offer that comes with the refusal of an article too long to open: cut it into documents
//! of up to so many MB, or of so many paragraphs each ([`crate::core::parts`]), seeing how many
//! documents that makes before pressing Split.

use std::rc::Rc;

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::dialog::Dialog;
use crate::core::document::MAX_TEXT_BYTES;
use crate::core::parts::{split_at, PartsBy};
use crate::core::wording::{count, grouped};

/// A long text, compared by identity: comparing 20 MB at each render would be slow.
#[derive(Clone)]
pub struct SharedText(pub Rc<String>);

impl PartialEq for SharedText {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// Where a long text's paragraphs start, compared by identity as its text is.
#[derive(Clone)]
pub struct SharedStarts(pub Rc<Vec<usize>>);

impl PartialEq for SharedStarts {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

#[derive(Properties, PartialEq)]
pub struct PartsOfferProps {
    /// What the text is called: a file's name, or "The pasted text".
    pub name: AttrValue,
    pub text: SharedText,
    /// Where its paragraphs start, found before the offer opens.
    pub starts: SharedStarts,
    pub onsplit: Callback<PartsBy>,
    pub onclose: Callback<()>,
}

#[derive(Clone, Copy, PartialEq)]
enum Mode {
    Size,
    Paragraphs,
}

/// The parts asked for by what is typed, or what is wrong with it.
fn parts_by(mode: Mode, mb: &str, paragraphs: &str) -> Result<PartsBy, String> {
    match mode {
        Mode::Size => match mb.trim().replace(',', ".").parse::<f64>() {
            Ok(mb) if mb.is_finite() && mb >= 0.0 => Ok(PartsBy::Size((mb * 1e6).round() as usize)),
            _ => Err("Type a size in MB, such as 1 or 2.5".into()),
        },
        Mode::Paragraphs => match paragraphs.trim().replace(',', "").parse::<usize>() {
            Ok(n) => Ok(PartsBy::Paragraphs(n)),
            Err(_) => Err("Type a number of paragraphs, such as 1000".into()),
        },
    }
}

/// Sets `mode` to `m` on any event (a radio button's change, a number field's focus).
fn choose<E: 'static>(mode: &UseStateHandle<Mode>, m: Mode) -> Callback<E> {
    let mode = mode.clone();
    Callback::from(move |_| mode.set(m))
}

#[component]
pub fn PartsOffer(props: &PartsOfferProps) -> Html {
    let mode = use_state(|| Mode::Size);
    let mb = use_state(|| "1".to_string());
    let paragraphs = use_state(|| "1000".to_string());
    let starts = props.starts.0.clone();
    let by = parts_by(*mode, &mb, &paragraphs);
    let made = use_memo(
        (props.text.clone(), by.clone()),
        |(t, by)| -> Result<usize, String> {
            let by = by.clone()?;
            let n = split_at(&t.0, &starts, by)?.len();
            Ok(n)
        },
    );
    let text_mb = props.text.0.len() as f64 / 1e6;
    let limit = MAX_TEXT_BYTES / 1_000_000;

    let typed = |field: UseStateHandle<String>, m: Mode| {
        let mode = mode.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            field.set(input.value());
            mode.set(m);
        })
    };
    let onsplit = {
        let onsplit = props.onsplit.clone();
        let by = by.clone();
        Callback::from(move |_: MouseEvent| {
            if let Ok(by) = by.clone() {
                onsplit.emit(by)
            }
        })
    };
    let onclose = props.onclose.reform(|_: MouseEvent| ());
    let onescape = props.onclose.clone();
    let (said, n) = match &*made {
        Ok(n) => (format!("That makes {}.", count(*n, "document")), Some(*n)),
        Err(e) => (e.clone(), None),
    };
    html! {
        <Dialog class="parts-offer" label="Split into documents" {onescape}>
            <h2>{ format!("{} is too long to open", props.name) }</h2>
            <p>{ format!(
                "It is {text_mb:.1} MB; spanlight opens articles of up to {limit} MB. It can come \
                 in as several documents instead, cut between paragraphs, with nothing left out."
            ) }</p>
            <fieldset>
                <legend>{ "Split into" }</legend>
                <div class="parts-choice">
                    <input type="radio" id="parts-by-size" name="parts-by"
                        checked={*mode == Mode::Size} onchange={choose(&mode, Mode::Size)} />
                    <label for="parts-by-size">{ "documents of up to" }</label>
                    { " " }
                    <input type="number" min="0.1" max={limit.to_string()} step="any" value={(*mb).clone()}
                        aria-label="Megabytes per document" onfocus={choose(&mode, Mode::Size)}
                        oninput={typed(mb.clone(), Mode::Size)} />
                    { " MB" }
                </div>
                <div class="parts-choice">
                    <input type="radio" id="parts-by-paragraphs" name="parts-by"
                        checked={*mode == Mode::Paragraphs} onchange={choose(&mode, Mode::Paragraphs)} />
                    <label for="parts-by-paragraphs">{ "documents of" }</label>
                    { " " }
                    <input type="number" min="1" step="1" value={(*paragraphs).clone()}
                        aria-label="Paragraphs per document" onfocus={choose(&mode, Mode::Paragraphs)}
                        oninput={typed(paragraphs.clone(), Mode::Paragraphs)} />
                    { format!(" paragraphs each (of {})", grouped(starts.len() + 1)) }
                </div>
            </fieldset>
            <p class="parts-count" aria-live="polite">{ said }</p>
            <button onclick={onsplit} disabled={n.is_none()}>
                { n.map_or("Split".to_string(), |n| format!("Split into {}", count(n, "document"))) }
            </button>
            { " " }
            <button onclick={onclose}>{ "Cancel" }</button>
        </Dialog>
    }
}
