//! Files in and out: import (a picker; dropping files anywhere works too) with the format
//! detected or chosen, and export of this document or all of them in any supported format.

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::app::files::use_file_picker;
use crate::core::formats::Format;
use crate::core::wording::grouped;

#[derive(Properties, PartialEq)]
pub struct TransferProps {
    /// `(done, total)` while an import is recognising documents; `(0, 0)` while its files are
    /// read (how many documents they hold is not known yet).
    pub progress: Option<(usize, usize)>,
    pub export_format: Format,
    /// `None` detects the format from each file's content.
    pub import_format: Option<Format>,
    pub onimport: Callback<web_sys::FileList>,
    pub onimport_format: Callback<Option<Format>>,
    pub onexport_format: Callback<Format>,
    /// Export the open document (`false`) or all documents (`true`).
    pub onexport: Callback<bool>,
    pub onsave_workspace: Callback<()>,
    /// Stops the import in progress; it adds no documents.
    pub oncancel_import: Callback<()>,
}

fn label(f: Format) -> &'static str {
    match f {
        Format::Spanlight => "spanlight JSON",
        Format::Spacy => "spaCy JSON",
        Format::Prodigy => "Prodigy JSONL",
        Format::Doccano => "doccano JSONL",
        Format::LabelStudio => "Label Studio JSON",
        Format::Brat => "brat standoff (.txt + .ann)",
        Format::Conll => "CoNLL IOB2",
    }
}

#[component]
pub fn Transfer(props: &TransferProps) -> Html {
    let (picker, choose) = use_file_picker();
    let onchange = {
        let onimport = props.onimport.clone();
        Callback::from(move |e: Event| {
            if let Some(files) = e.target_unchecked_into::<HtmlInputElement>().files() {
                onimport.emit(files);
            }
        })
    };
    let onimport_format = props.onimport_format.reform(|e: Event| {
        Format::from_name(&e.target_unchecked_into::<HtmlSelectElement>().value())
    });
    let onexport_format = props.onexport_format.reform(|e: Event| {
        let value = e.target_unchecked_into::<HtmlSelectElement>().value();
        Format::from_name(&value).unwrap_or(Format::Spanlight)
    });
    html! {
        <section class="transfer" aria-label="Import and export">
            <h2>{ "Import" }</h2>
            <div class="row">
                <button onclick={choose} disabled={props.progress.is_some()}>{ "Import files…" }</button>
                <select aria-label="Import format" onchange={onimport_format}>
                    <option value="" selected={props.import_format.is_none()}>{ "Detect format" }</option>
                    { for Format::ALL.iter().map(|f| html! {
                        <option value={f.name()} selected={props.import_format == Some(*f)}>{ label(*f) }</option>
                    }) }
                </select>
            </div>
            <input type="file" multiple=true ref={picker} class="hidden" {onchange} tabindex="-1"
                aria-label="Files to import" accept=".txt,.json,.jsonl,.ann,.conll,.iob,.tsv" />
            <p class="hint">{ "Text, JSONL of {\"text\"} lines, any export format, brat .txt + .ann pairs, or a workspace file. You can also drop files on the page." }</p>
            if let Some((done, total)) = props.progress {
                <div class="progress" role="status">
                    if total == 0 {
                        <progress aria-label="Reading files"></progress>
                        { " Reading the files…" }
                    } else {
                        <progress max={total.to_string()} value={done.to_string()}
                            aria-label="Import progress"></progress>
                        { format!(" Recognising {} of {}", grouped(done), grouped(total)) }
                    }
                    <button onclick={props.oncancel_import.reform(|_| ())}>{ "Cancel import" }</button>
                </div>
            }
            <h2>{ "Export" }</h2>
            <select aria-label="Export format" onchange={onexport_format}>
                { for Format::ALL.iter().map(|f| html! {
                    <option value={f.name()} selected={props.export_format == *f}>{ label(*f) }</option>
                }) }
            </select>
            <div class="row">
                <button onclick={props.onexport.reform(|_| false)}>{ "Export this document" }</button>
                <button onclick={props.onexport.reform(|_| true)}>{ "Export all documents" }</button>
            </div>
            <button onclick={props.onsave_workspace.reform(|_| ())}>{ "Save workspace file" }</button>
        </section>
    }
}
