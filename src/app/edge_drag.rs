//! Dragging a handle of the selected span: where the mouse is released becomes that edge.

use std::cell::Cell;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::MouseEvent;
use yew::{use_effect_with, use_memo, NodeRef, UseReducerHandle};

use super::dom;
use super::state::State;
use crate::core::editor::{Action, Edge};
use crate::core::workspace::WorkspaceAction;

/// The edge being dragged, if any (set when a handle is pressed); a mouse release anywhere on
/// the page moves that edge of `state`'s selected span to the point in `article` under it.
#[yew::hook]
pub fn use_edge_drag(state: UseReducerHandle<State>, article: NodeRef) -> Rc<Cell<Option<Edge>>> {
    let dragging: Rc<Cell<Option<Edge>>> = use_memo((), |_| Cell::new(None));
    {
        let dragging = dragging.clone();
        use_effect_with(state.clone(), move |_| {
            let document = gloo::utils::document();
            let listener = gloo::events::EventListener::new(&document, "mouseup", move |e| {
                let Some(edge) = dragging.take() else { return };
                let Some(e) = e.dyn_ref::<MouseEvent>() else {
                    return;
                };
                let Some(root) = article.cast::<web_sys::Element>() else {
                    return;
                };
                let point = (e.client_x() as f32, e.client_y() as f32);
                if let Some(at) = dom::offset_at_point(&root, state.0.editor().doc.offsets(), point)
                {
                    state.dispatch(WorkspaceAction::Edit(Action::SetEdge { edge, at }));
                }
            });
            move || drop(listener)
        });
    }
    dragging
}
