//! Yew's side of the core workspace: `use_reducer` state whose reducer is [`Workspace::apply`].

use std::rc::Rc;

use yew::Reducible;

use crate::core::workspace::{Workspace, WorkspaceAction};

#[derive(Clone, Debug, Default, PartialEq)]
pub struct State(pub Workspace);

impl Reducible for State {
    type Action = WorkspaceAction;

    fn reduce(self: Rc<Self>, action: WorkspaceAction) -> Rc<Self> {
        let mut next = Rc::unwrap_or_clone(self);
        next.0.apply(action);
        Rc::new(next)
    }
}
