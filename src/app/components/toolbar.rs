//! The document's name and the commands on the whole document: new, undo, redo, export.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::field::Field;

#[derive(Properties, PartialEq)]
pub struct ToolbarProps {
    pub name: String,
    pub has_text: bool,
    pub can_undo: bool,
    pub can_redo: bool,
    pub onrename: Callback<String>,
    pub onsample: Callback<()>,
    pub onundo: Callback<()>,
    pub onredo: Callback<()>,
    pub ondownload: Callback<()>,
    pub oncopy: Callback<()>,
    /// Whether exports leave out suggestions nobody has accepted.
    pub accepted_only: bool,
    /// The text the last decision was about, which "Apply to all" repeats.
    pub apply_all_text: Option<String>,
    pub onaccept_all: Callback<()>,
    pub onapply_all: Callback<()>,
    pub onaccepted_only: Callback<bool>,
    pub onhelp: Callback<()>,
    /// Run the recogniser again: suggestions are replaced, accepted spans stay.
    pub onrecognize: Callback<()>,
}

#[component]
pub fn Toolbar(props: &ToolbarProps) -> Html {
    let unit = |cb: &Callback<()>| cb.reform(|_: MouseEvent| ());
    html! {
        <nav class="toolbar" aria-label="Document">
            <label class="doc-name">
                <span>{ "Name" }</span>
                <Field value={props.name.clone()} label="Document name" onchange={props.onrename.clone()} />
            </label>
            // While there is no text, the sample's button sits by the text box instead.
            if props.has_text {
                <button onclick={unit(&props.onsample)}>{ "Load sample article" }</button>
            }
            <button onclick={unit(&props.onundo)} disabled={!props.can_undo}
                aria-label="Undo (Ctrl+Z)">{ "Undo" }</button>
            <button onclick={unit(&props.onredo)} disabled={!props.can_redo}
                aria-label="Redo (Ctrl+Shift+Z)">{ "Redo" }</button>
            <button onclick={unit(&props.onrecognize)} disabled={!props.has_text}
                aria-label="Find again: run the recogniser again, keeping accepted spans">{ "Find again" }</button>
            <button onclick={unit(&props.onaccept_all)} disabled={!props.has_text}
                aria-label="Accept all suggestions (Shift+Enter)">{ "Accept all" }</button>
            <button onclick={unit(&props.onapply_all)} disabled={props.apply_all_text.is_none()}
                aria-label={match &props.apply_all_text {
                    Some(t) => format!("Apply the last decision to every “{t}” (A)"),
                    None => "Apply to all occurrences (A): label or delete a span first".to_string(),
                }}>{ "Apply to all" }</button>
            <button onclick={unit(&props.onhelp)} aria-label="Keyboard shortcuts (?)">{ "?" }</button>
            <span class="spacer"></span>
            <label class="check">
                <input type="checkbox" checked={props.accepted_only}
                    onchange={props.onaccepted_only.reform(|e: Event| {
                        e.target_unchecked_into::<HtmlInputElement>().checked()
                    })} />
                { "Only accepted spans" }
            </label>
            <button class="primary" onclick={unit(&props.ondownload)} disabled={!props.has_text}
                aria-label={format!("Export JSON: download {}.json", crate::core::formats::bundle::safe_name(&props.name))}>
                { "Export JSON" }</button>
            <button onclick={unit(&props.oncopy)} disabled={!props.has_text}
                aria-label="Copy JSON to the clipboard">{ "Copy JSON" }</button>
        </nav>
    }
}
