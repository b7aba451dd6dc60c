//! A text (or colour) input that a person edits. Yew's `value` re-applies itself on every
//! render, which would undo typing whenever anything else re-renders (say, the "saved"
//! indicator); this field sets its value only when the value it shows changes, and reports
//! the person's edit on `change` (Enter or leaving the field).

use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct FieldProps {
    pub value: AttrValue,
    pub label: AttrValue,
    pub onchange: Callback<String>,
    /// `text` unless said otherwise (`color`).
    #[prop_or(AttrValue::Static("text"))]
    pub kind: AttrValue,
    #[prop_or_default]
    pub autofocus: bool,
}

#[component]
pub fn Field(props: &FieldProps) -> Html {
    let node = use_node_ref();
    {
        let node = node.clone();
        let autofocus = props.autofocus;
        use_effect_with(props.value.clone(), move |value| {
            if let Some(input) = node.cast::<HtmlInputElement>() {
                input.set_value(value);
                if autofocus {
                    let _ = input.focus();
                }
            }
        });
    }
    let onchange = props
        .onchange
        .reform(|e: Event| e.target_unchecked_into::<HtmlInputElement>().value());
    html! {
        <input type={props.kind.clone()} ref={node} aria-label={props.label.clone()} {onchange} />
    }
}
