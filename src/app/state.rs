//! Yew's side of the core workspace: `use_reducer` state whose reducer is [`Workspace::apply`].

use std::rc::Rc;

use yew::Reducible;

use crate::core::workspace::{Workspace, WorkspaceAction};

/// The workspace behind an `Rc`, so autosave can keep the state it saves without copying it.
#[derive(Clone, Debug, Default)]
pub struct State(pub Rc<Workspace>);

/// Two states are the same state when they are the same allocation: every action makes a new
/// one, so effects keyed on the state compare a pointer, not every document.
impl PartialEq for State {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl Reducible for State {
    type Action = WorkspaceAction;

    /// The copy is shallow: the entries are shared, and the action copies only those it changes.
    fn reduce(self: Rc<Self>, action: WorkspaceAction) -> Rc<Self> {
        let mut next = Rc::unwrap_or_clone(Rc::unwrap_or_clone(self).0);
        next.apply(action);
        Rc::new(State(Rc::new(next)))
    }
}
