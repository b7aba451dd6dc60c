//! Yew's side of the core workspace: `use_reducer` state whose reducer is [`Workspace::apply`].

use std::rc::Rc;

use yew::Reducible;

use crate::core::workspace::{Workspace, WorkspaceAction};

/// The workspace behind an `Rc`, so autosave can keep the state it saves without copying it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct State(pub Rc<Workspace>);

impl Reducible for State {
    type Action = WorkspaceAction;

    fn reduce(self: Rc<Self>, action: WorkspaceAction) -> Rc<Self> {
        let mut next = Rc::unwrap_or_clone(Rc::unwrap_or_clone(self).0);
        next.apply(action);
        Rc::new(State(Rc::new(next)))
    }
}
