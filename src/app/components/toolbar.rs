//! The document's name and the commands on the whole document: new, undo, redo, export.

use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ToolbarProps {
    pub name: String,
    pub has_text: bool,
    pub can_undo: bool,
    pub can_redo: bool,
    pub onrename: Callback<String>,
    pub onnew: Callback<()>,
    pub onsample: Callback<()>,
    pub onundo: Callback<()>,
    pub onredo: Callback<()>,
    pub ondownload: Callback<()>,
    pub oncopy: Callback<()>,
}

#[component]
pub fn Toolbar(props: &ToolbarProps) -> Html {
    let onchange = props
        .onrename
        .reform(|e: Event| e.target_unchecked_into::<HtmlInputElement>().value());
    let unit = |cb: &Callback<()>| cb.reform(|_: MouseEvent| ());
    html! {
        <nav class="toolbar" aria-label="Document">
            <label class="doc-name">
                <span>{ "Name" }</span>
                <input type="text" value={props.name.clone()} aria-label="Document name" {onchange} />
            </label>
            <button onclick={unit(&props.onnew)} disabled={!props.has_text}>{ "New article" }</button>
            <button onclick={unit(&props.onsample)}>{ "Load sample article" }</button>
            <button onclick={unit(&props.onundo)} disabled={!props.can_undo}
                aria-label="Undo (Ctrl+Z)">{ "Undo" }</button>
            <button onclick={unit(&props.onredo)} disabled={!props.can_redo}
                aria-label="Redo (Ctrl+Shift+Z)">{ "Redo" }</button>
            <span class="spacer"></span>
            <button class="primary" onclick={unit(&props.ondownload)} disabled={!props.has_text}
                aria-label={format!("Export JSON: download {}", crate::app::dom::file_name(&props.name, "json"))}>
                { "Export JSON" }</button>
            <button onclick={unit(&props.oncopy)} disabled={!props.has_text}
                aria-label="Copy JSON to the clipboard">{ "Copy JSON" }</button>
        </nav>
    }
}
