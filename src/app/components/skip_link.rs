//! The first stop of the Tab order: a link that takes the keyboard straight to the work (the
//! article, or the text box while there is none), past the toolbar and the document list.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SkipLinkProps {
    /// The id of the element to focus.
    pub target: AttrValue,
    pub text: AttrValue,
}

#[component]
pub fn SkipLink(props: &SkipLinkProps) -> Html {
    let onclick = {
        let target = props.target.clone();
        Callback::from(move |e: MouseEvent| {
            e.prevent_default();
            let el = gloo::utils::document().get_element_by_id(&target);
            if let Some(el) =
                el.and_then(|el| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el).ok())
            {
                let _ = el.focus();
            }
        })
    };
    html! {
        <a class="skip-link" href={format!("#{}", props.target)} {onclick}>{ props.text.clone() }</a>
    }
}
