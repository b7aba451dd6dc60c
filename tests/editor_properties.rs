//! Property tests: no sequence of editor actions breaks the span invariants or loses text.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use spanlight::core::editor::{Action, Edge, Editor};

fn action(len: usize) -> impl Strategy<Value = Action> {
    let at = 0..=len + 2;
    let label = prop::sample::select(vec!["PERSON", "PLACE", "NUMBER", "NEW", "nope"]);
    let edge = prop::sample::select(vec![Edge::Start, Edge::End]);
    prop_oneof![
        (at.clone(), at.clone()).prop_map(|(start, end)| Action::SelectRange { start, end }),
        (0..12usize).prop_map(Action::SelectSpan),
        any::<bool>().prop_map(Action::SelectNext),
        label
            .clone()
            .prop_map(|l| Action::ApplyLabel(l.to_string())),
        Just(Action::DeleteSelected),
        Just(Action::AcceptSelected),
        Just(Action::AcceptAll),
        Just(Action::ApplyToAll),
        Just(Action::Recognize),
        Just(Action::Undo),
        Just(Action::Redo),
        Just(Action::ClearSelection),
        (edge.clone(), any::<bool>()).prop_map(|(edge, forward)| Action::Extend { edge, forward }),
        (edge, at).prop_map(|(edge, at)| Action::SetEdge { edge, at }),
        label.clone().prop_map(|l| Action::AddLabel(l.to_string())),
        label
            .clone()
            .prop_map(|l| Action::DeleteLabel(l.to_string())),
        (label.clone(), label).prop_map(|(a, b)| Action::RenameLabel {
            from: a.into(),
            to: b.into()
        }),
        (any::<i8>()).prop_map(|by| Action::MoveLabel {
            name: "PLACE".into(),
            by: by as isize
        }),
    ]
}

const TEXTS: &[&str] = &[
    "Kerry met Lavrov in Genève on 3 May.\r\nJordan toured Jordan: 50,000 people.",
    "👩‍🔬 Zoë e\u{301} 東京 مصر 🇫🇷 Anaïs Nin's $4.2bn",
    "",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn invariants_hold_after_any_actions(
        which in 0..TEXTS.len(),
        actions in prop::collection::vec(action(60), 0..40),
    ) {
        let text = TEXTS[which];
        let mut e = Editor::default();
        e.apply(Action::Open { text: text.into(), name: "t".into() });
        for a in actions {
            e.apply(a);
            prop_assert!(e.doc.check_invariants().is_ok(), "{:?}", e.doc.check_invariants());
            if let Some(i) = e.selected {
                prop_assert!(i < e.doc.spans().len());
            }
            if let Some((s, t)) = e.pending {
                prop_assert!(s < t && t <= e.doc.char_len());
            }
        }
        // Undo walks back to the opened document, whatever happened; the text never changes.
        while e.can_undo() {
            e.apply(Action::Undo);
            prop_assert!(e.doc.text() == text || e.doc.text().is_empty());
        }
    }
}
