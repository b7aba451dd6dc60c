//! Where an article comes in: paste (highlighted at once), type then highlight, or the sample.

use wasm_bindgen::JsCast;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct TextInputProps {
    /// A text to highlight, from the text area or a paste.
    pub onsubmit: Callback<String>,
    pub onsample: Callback<()>,
}

#[component]
pub fn TextInput(props: &TextInputProps) -> Html {
    let area = use_node_ref();
    let read = {
        let area = area.clone();
        move || {
            area.cast::<HtmlTextAreaElement>()
                .map(|a| a.value())
                .unwrap_or_default()
        }
    };
    // Pasting into the empty area opens the article at once. The clipboard's text is taken
    // as it is: a text area's value would turn CRLF into LF and shift every later offset.
    let onpaste = {
        let onsubmit = props.onsubmit.clone();
        let read = read.clone();
        Callback::from(move |e: Event| {
            let Some(e) = e.dyn_ref::<web_sys::ClipboardEvent>() else {
                return;
            };
            let pasted = e
                .clipboard_data()
                .and_then(|d| d.get_data("text/plain").ok());
            if let Some(text) = pasted {
                if read().is_empty() && !text.trim().is_empty() {
                    e.prevent_default();
                    onsubmit.emit(text);
                }
            }
        })
    };
    let onclick = {
        let onsubmit = props.onsubmit.clone();
        Callback::from(move |_| onsubmit.emit(read()))
    };
    let onkeydown = {
        let onclick = onclick.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" && (e.ctrl_key() || e.meta_key()) {
                e.prevent_default();
                onclick.emit(());
            }
        })
    };
    html! {
        <section class="intake">
            <textarea ref={area} id="article-input" aria-label="Article text"
                placeholder="Paste an article here: people, places and numbers are highlighted at once."
                onpaste={onpaste} {onkeydown} rows="14" />
            <div class="intake-actions">
                <button class="primary" onclick={onclick.reform(|_: MouseEvent| ())}>
                    { "Highlight people, places and numbers" }</button>
                <button onclick={props.onsample.reform(|_| ())}>{ "Load sample article" }</button>
            </div>
        </section>
    }
}
