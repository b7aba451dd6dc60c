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

/// A text long enough that its spans fill several chunks of `core::spans`.
fn long_text() -> String {
    "Kerry met Lavrov in Paris on 3 May. ".repeat(200)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// Undo history kept as steps behaves as if it kept whole documents: each undo and redo
    /// brings back exactly the document a snapshot would; undoing everything gives the opened
    /// document, redoing everything the last one.
    #[test]
    fn undo_steps_behave_as_whole_snapshots(
        which in 0..TEXTS.len() + 1,
        actions in prop::collection::vec(action(7200), 0..40),
    ) {
        let long = long_text();
        let text = TEXTS.get(which).copied().unwrap_or(&long);
        let mut start = Editor::default();
        start.apply(Action::Open { text: text.into(), name: "t".into() });
        // A history that starts at the opened document.
        let mut e = Editor::new(start.doc.clone(), "t");
        let opened = e.doc.clone();
        let (mut undo, mut redo) = (Vec::new(), Vec::new());
        for a in actions {
            let before = e.doc.clone();
            let changes = e.changes();
            let step = match a {
                Action::Undo => Some(true),
                Action::Redo => Some(false),
                _ => None,
            };
            e.apply(a);
            match step {
                Some(back) => {
                    let (from, to) = if back { (&mut undo, &mut redo) } else { (&mut redo, &mut undo) };
                    if let Some(d) = from.pop() {
                        prop_assert_eq!(&e.doc, &d);
                        to.push(before);
                    } else {
                        prop_assert_eq!(&e.doc, &before);
                    }
                }
                None if e.changes() != changes => {
                    undo.push(before);
                    redo.clear();
                }
                None => prop_assert_eq!(&e.doc, &before),
            }
        }
        // Redo what the actions left undone: the newest document.
        while let Some(d) = redo.pop() {
            undo.push(e.doc.clone());
            e.apply(Action::Redo);
            prop_assert_eq!(&e.doc, &d);
        }
        prop_assert!(!e.can_redo());
        let last = e.doc.clone();
        while let Some(d) = undo.pop() {
            prop_assert!(e.can_undo());
            redo.push(e.doc.clone());
            e.apply(Action::Undo);
            prop_assert_eq!(&e.doc, &d);
        }
        // Back to the opened document exactly.
        prop_assert!(!e.can_undo());
        prop_assert_eq!(&e.doc, &opened);
        prop_assert_eq!(e.doc.spans(), opened.spans());
        while e.can_redo() {
            e.apply(Action::Redo);
        }
        prop_assert_eq!(&e.doc, &last);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 100, ..ProptestConfig::default() })]

    /// A document restored with its tokens built later behaves exactly like one built at once:
    /// the same tokens, the same spans after any edits, the same export in every format.
    #[test]
    fn a_lazily_tokenised_document_behaves_like_an_eager_one(
        which in 0..TEXTS.len(),
        actions in prop::collection::vec(action(60), 0..30),
    ) {
        use spanlight::core::document::Document;
        use spanlight::core::formats::{export, Format};
        let text = TEXTS[which];
        let mut eager = Editor::new(Document::new(text), "t");
        let mut lazy = Editor::new(Document::tokenised_later(text), "t");
        prop_assert!(!lazy.doc.is_tokenised());
        prop_assert_eq!(&lazy.doc, &eager.doc);
        for a in actions {
            eager.apply(a.clone());
            lazy.apply(a);
            prop_assert_eq!(&lazy.doc, &eager.doc);
            prop_assert_eq!(lazy.selected, eager.selected);
        }
        prop_assert_eq!(lazy.doc.tokens(), eager.doc.tokens());
        prop_assert_eq!(lazy.doc.block_starts(), eager.doc.block_starts());
        prop_assert_eq!(lazy.doc.word_count(), eager.doc.word_count());
        for format in Format::ALL {
            let docs = |e: &Editor| export(std::slice::from_ref(&e.doc), format);
            prop_assert_eq!(docs(&lazy), docs(&eager), "{:?}", format);
        }
    }
}
