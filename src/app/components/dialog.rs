//! A modal dialog that behaves like one for the keyboard: focus moves into it when it opens,
//! Tab and Shift+Tab cycle inside it (never into the page behind), and when it closes focus
//! goes back to where it was, or to the article when that was nowhere. Escape closes it when it
//! is given `onescape`.

use wasm_bindgen::JsCast;
use web_sys::HtmlElement;
use yew::prelude::*;

/// What Tab can reach inside the dialog.
const FOCUSABLE: &str = "a[href], button:not([disabled]), input:not([disabled]), \
    select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex='-1'])";

#[derive(Properties, PartialEq)]
pub struct DialogProps {
    /// The dialog's accessible name.
    pub label: AttrValue,
    #[prop_or_default]
    pub class: Classes,
    /// Called on Escape inside the dialog (the help dialog hears its keys elsewhere).
    #[prop_or_default]
    pub onescape: Option<Callback<()>>,
    pub children: Html,
}

fn focusables(root: &web_sys::Element) -> Vec<HtmlElement> {
    let Ok(list) = root.query_selector_all(FOCUSABLE) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into::<HtmlElement>().ok())
        .collect()
}

#[component]
pub fn Dialog(props: &DialogProps) -> Html {
    let node = use_node_ref();
    {
        let node = node.clone();
        use_effect_with((), move |_| {
            let document = gloo::utils::document();
            let before = document.active_element();
            if let Some(root) = node.cast::<web_sys::Element>() {
                // The last control (Close, by convention) takes focus, so Enter closes at once.
                if let Some(last) = focusables(&root).pop() {
                    let _ = last.focus();
                }
            }
            move || {
                let back = before
                    .filter(|el| el.tag_name() != "BODY" && el.is_connected())
                    .or_else(|| document.get_element_by_id("article"))
                    .and_then(|el| el.dyn_into::<HtmlElement>().ok());
                if let Some(el) = back {
                    let _ = el.focus();
                }
            }
        });
    }
    let onkeydown = {
        let node = node.clone();
        let onescape = props.onescape.clone();
        Callback::from(move |e: KeyboardEvent| {
            if let (Some(onescape), "Escape") = (&onescape, e.key().as_str()) {
                e.prevent_default();
                return onescape.emit(());
            }
            if e.key() != "Tab" {
                return;
            }
            let Some(root) = node.cast::<web_sys::Element>() else {
                return;
            };
            let items = focusables(&root);
            let (Some(first), Some(last)) = (items.first(), items.last()) else {
                e.prevent_default();
                return;
            };
            let active = gloo::utils::document().active_element();
            let at = |el: &HtmlElement| active.as_ref() == Some(el.unchecked_ref());
            let inside = active.as_ref().is_some_and(|a| root.contains(Some(a)));
            let target = if e.shift_key() && (at(first) || !inside) {
                Some(last)
            } else if !e.shift_key() && (at(last) || !inside) {
                Some(first)
            } else {
                None
            };
            if let Some(el) = target {
                e.prevent_default();
                let _ = el.focus();
            }
        })
    };
    html! {
        <div ref={node} class={classes!("dialog", props.class.clone())} role="dialog"
            aria-modal="true" aria-label={props.label.clone()} {onkeydown}>
            { props.children.clone() }
        </div>
    }
}
