//! Yew's side of the core editor: `use_reducer` state whose reducer is [`Editor::apply`].

use std::rc::Rc;

use yew::Reducible;

use crate::core::editor::{Action, Editor};

#[derive(Clone, Debug, Default, PartialEq)]
pub struct State(pub Editor);

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = Rc::unwrap_or_clone(self);
        next.0.apply(action);
        Rc::new(next)
    }
}
