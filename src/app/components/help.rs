//! The keyboard help panel (`?`), listed from the same table the key handler uses.

use yew::prelude::*;

use super::dialog::Dialog;
use crate::app::shortcuts::SHORTCUTS;

#[derive(Properties, PartialEq)]
pub struct HelpProps {
    pub onclose: Callback<()>,
}

#[component]
pub fn Help(props: &HelpProps) -> Html {
    html! {
        <Dialog class="help" label="Keyboard shortcuts">
            <h2>{ "Keyboard shortcuts" }</h2>
            <table>
                { for SHORTCUTS.iter().map(|s| html! {
                    <tr><th scope="row"><kbd>{ s.keys }</kbd></th><td>{ s.does }</td></tr>
                }) }
            </table>
            <p>{ "With the mouse: select text to add a span, click a highlight to select it, drag the handles at a selected span's ends to resize it." }</p>
            <button onclick={props.onclose.reform(|_| ())}>{ "Close" }</button>
        </Dialog>
    }
}
