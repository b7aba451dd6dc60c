//! Fuzzing on stable Rust: property tests over every edge where input comes in (each format's
//! import, intake's detection, the workspace file, the autosave records, the model file), over
//! sequences of workspace actions followed by an autosave round trip, and over the recogniser. Nothing may
//! panic: in the browser a panic aborts the page and loses unsaved work.
//!
//! Short by default (each target's own case count). A long run, as BENCHMARKS.md records:
//!
//! ```text
//! PROPTEST_CASES=100000 cargo test --release --test fuzz
//! ```
#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::collections::HashMap;

use proptest::prelude::*;
use spanlight::core::autosave::{restore, restore_store, SaveLog};
use spanlight::core::document::{is_safe_color, Document, Label, Span, NUMBER, PERSON, PLACE};
use spanlight::core::editor::Action;
use spanlight::core::formats::{self, brat, spanlight as own, Format};
use spanlight::core::intake::{self, File, Intake};
use spanlight::core::recognizer::{recognize, spanlabel, LearnDoc, LearnSpan, Recognizer};
use spanlight::core::workspace::{
    entry_from_record, entry_record, from_file, index_from_record, to_file, Entry, Workspace,
    WorkspaceAction,
};

/// `short` cases unless `PROPTEST_CASES` asks for more.
fn config(short: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(short);
    ProptestConfig {
        cases,
        ..ProptestConfig::default()
    }
}

const TEXTS: &[&str] = &[
    "Kerry met Lavrov in Genève on 3 May.\r\nJordan toured Jordan: 50,000 people.",
    "👩‍🔬 Zoë e\u{301} 東京 مصر 🇫🇷 Anaïs Nin's $4.2bn",
    "He read W.E.B. Du Bois.\n\nThen 2.7 million left.",
    "",
];

/// A document with some spans, as an export would start from.
fn document() -> impl Strategy<Value = Document> {
    (
        0..TEXTS.len(),
        prop::collection::vec((0..80usize, 1..12usize, 0..3usize), 0..6),
    )
        .prop_map(|(t, spans)| {
            let mut d = Document::new(TEXTS[t]);
            for (start, len, l) in spans {
                let label = [PERSON, PLACE, NUMBER][l];
                let _ = d.add_span(Span::new(start, start + len, label));
            }
            d
        })
}

/// Pieces of every format, and of the hostile things a shared file may hold.
const FRAGMENTS: &[&str] = &[
    "{\"text\": \"Kerry\", ",
    "\"spans\": [{\"start\": 0, \"end\": 5, \"label\": \"PERSON\"}]}",
    "\"labels\": [{\"name\": \"X\", \"color\": \"red;position:fixed\"}]",
    "{\"version\": 1, ",
    "\"label\": [[0, 99, \"X\"]]",
    "\"entities\": [[0, 5, \"PERSON\"]]",
    "{\"data\": {\"text\": \"Kerry\"}, \"annotations\": [{\"result\": [",
    "{\"value\": {\"start\": 0, \"end\": 5, \"labels\": [\"PERSON\"]}}",
    "T1\tPERSON 0 5\tKerry\n",
    "T2\tPLACE 3 1\tx\n",
    "-DOCSTART- O\n",
    "Kerry B-PERSON\n",
    "I-PLACE",
    "\n",
    "{\"kind\": \"spanlight-workspace\", \"version\": 1, \"documents\": [",
    "{\"name\": \"a\", \"document\": ",
    "]}",
    "😀",
    "\r\n",
    "\u{feff}",
    "-1",
    "18446744073709551616",
    "1e400",
    "null",
    "[[[[[[[[[[[[[[[[[[[[",
];

/// Text that is often almost valid input: fragments, an export with one change, or anything.
fn input() -> impl Strategy<Value = String> {
    let fragment = prop::sample::select(FRAGMENTS.to_vec());
    prop_oneof![
        any::<String>(),
        prop::collection::vec(fragment, 0..10).prop_map(|v| v.concat()),
        (
            document(),
            prop::sample::select(Format::ALL.to_vec()),
            mutation()
        )
            .prop_map(|(d, f, m)| m.apply(&formats::export(&[d], f).unwrap_or_default())),
        (document(), mutation()).prop_map(|(d, m)| m.apply(&own::export(&d))),
    ]
}

/// One change to a valid file: a character replaced, a piece cut out, or the file cut short.
#[derive(Clone, Debug)]
enum Mutation {
    Replace(prop::sample::Index, char),
    Cut(prop::sample::Index, usize),
    Truncate(prop::sample::Index),
    Insert(prop::sample::Index, &'static str),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<prop::sample::Index>(), any::<char>()).prop_map(|(i, c)| Mutation::Replace(i, c)),
        (any::<prop::sample::Index>(), 1..20usize).prop_map(|(i, n)| Mutation::Cut(i, n)),
        any::<prop::sample::Index>().prop_map(Mutation::Truncate),
        (
            any::<prop::sample::Index>(),
            prop::sample::select(FRAGMENTS.to_vec())
        )
            .prop_map(|(i, f)| Mutation::Insert(i, f)),
    ]
}

impl Mutation {
    fn apply(&self, s: &str) -> String {
        let mut chars: Vec<char> = s.chars().collect();
        if chars.is_empty() {
            return s.to_string();
        }
        let n = chars.len();
        match self {
            Mutation::Replace(i, c) => chars[i.index(n)] = *c,
            Mutation::Cut(i, n) => {
                let at = i.index(chars.len());
                chars.drain(at..(at + n).min(chars.len()));
            }
            Mutation::Truncate(i) => chars.truncate(i.index(chars.len())),
            Mutation::Insert(i, f) => {
                let at = i.index(chars.len());
                chars.splice(at..at, f.chars());
            }
        }
        chars.into_iter().collect()
    }
}

/// A document that came in through an edge: whole, and nothing but safe colours.
fn check_doc(d: &Document) -> Result<(), TestCaseError> {
    prop_assert!(d.check_invariants().is_ok(), "{:?}", d.check_invariants());
    for l in d.labels() {
        prop_assert!(is_safe_color(&l.color), "{:?}", l.color);
    }
    Ok(())
}

fn check_workspace(ws: &Workspace) -> Result<(), TestCaseError> {
    prop_assert!(!ws.entries().is_empty() && ws.current() < ws.entries().len());
    for e in ws.entries() {
        check_doc(&e.editor.doc)?;
    }
    Ok(())
}

fn workspace_action() -> impl Strategy<Value = WorkspaceAction> {
    let i = 0..6usize;
    let name = prop_oneof![
        prop::sample::select(vec!["a", "a copy", " ", "<b>x</b>", "東京"]).prop_map(String::from),
        any::<String>(),
    ];
    let label = prop::sample::select(vec![PERSON, PLACE, "NEW", "nope"]).prop_map(String::from);
    let edit = prop_oneof![
        (0..90usize, 0..90usize).prop_map(|(start, end)| Action::SelectRange { start, end }),
        (0..8usize).prop_map(Action::SelectSpan),
        label.clone().prop_map(Action::ApplyLabel),
        Just(Action::DeleteSelected),
        Just(Action::AcceptSelected),
        Just(Action::AcceptAll),
        Just(Action::Undo),
        Just(Action::Redo),
        label.clone().prop_map(Action::AddLabel),
        label.clone().prop_map(Action::DeleteLabel),
        (label, prop::sample::select(vec!["#123456", "red;x:y", ""])).prop_map(|(name, c)| {
            Action::RecolorLabel {
                name,
                color: c.into(),
            }
        }),
        (0..TEXTS.len()).prop_map(|t| Action::Open {
            text: TEXTS[t].into(),
            name: "opened".into()
        }),
    ];
    prop_oneof![
        4 => edit.prop_map(WorkspaceAction::Edit),
        1 => Just(WorkspaceAction::New),
        1 => i.clone().prop_map(WorkspaceAction::Open),
        1 => (i.clone(), name.clone()).prop_map(|(i, n)| WorkspaceAction::Rename(i, n)),
        1 => i.clone().prop_map(WorkspaceAction::Duplicate),
        1 => i.clone().prop_map(WorkspaceAction::Delete),
        1 => Just(WorkspaceAction::UndoDelete),
        1 => (i, any::<bool>()).prop_map(|(i, d)| WorkspaceAction::SetDone(i, d)),
        1 => prop::collection::vec((name, document()), 0..3).prop_map(WorkspaceAction::Add),
    ]
}

/// A small learned model file, with a label of its own and a learning history.
fn model_file() -> &'static [u8] {
    static BYTES: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    BYTES.get_or_init(|| {
        let text = "Acme Holdings hired Ana Ruiz in Lima. Acme Holdings grew.";
        let span = |start, end, label: &str| LearnSpan {
            start,
            end,
            label: label.into(),
            text: None,
        };
        let doc = LearnDoc {
            id: "a".into(),
            text: text.into(),
            spans: vec![
                span(0, 13, "ORG"),
                span(20, 28, PERSON),
                span(32, 36, PLACE),
            ],
        };
        Recognizer::baseline().learn(&[doc]).0.to_bytes()
    })
}

/// [`model_file`]'s weights as the shipped model keeps them: a byte each, no history.
fn small_model_file() -> &'static [u8] {
    static BYTES: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    BYTES.get_or_init(|| {
        let r = Recognizer::from_bytes(model_file()).expect("the learned file reads");
        r.model().expect("a model").to_small_bytes(0.0, &[])
    })
}

/// A recogniser learned from short reports with acronyms and firms as ORG, with everything a
/// learned model can add after the tagger switched on: ORG grown to whole runs, the span
/// labeler, its vetoes, and (as for any taught label) defined abbreviations.
fn learned_everything() -> &'static Recognizer {
    static R: std::sync::OnceLock<Recognizer> = std::sync::OnceLock::new();
    R.get_or_init(|| {
        let docs: Vec<LearnDoc> = common::org_reports()
            .into_iter()
            .enumerate()
            .map(|(i, (text, names))| {
                let mut spans = Vec::new();
                for (w, label) in names {
                    for (b, _) in text.match_indices(w) {
                        let start = text[..b].chars().count();
                        spans.push(LearnSpan {
                            start,
                            end: start + w.chars().count(),
                            label: label.into(),
                            text: None,
                        });
                    }
                }
                LearnDoc {
                    id: i.to_string(),
                    text,
                    spans,
                }
            })
            .collect();
        let (learned, _) = Recognizer::shipped().learn(&docs);
        let mut history = learned.history().clone();
        history.whole_runs = [("ORG".to_string(), 1)].into();
        // Every part on, whatever progressive validation decided for these documents: a
        // labeler trained on them as learning trains the kept one, when none was kept.
        if history.labeler.is_none() {
            let labels: Vec<String> = ["ORG", "PERSON", "PLACE", spanlabel::NO_NAME]
                .map(String::from)
                .to_vec();
            let examples: Vec<_> = docs
                .iter()
                .flat_map(|d| d.labeler_examples(&labels))
                .collect();
            history.labeler = spanlabel::train(labels, &examples);
        }
        let labeler = history.labeler.as_mut().expect("a span labeler");
        labeler.vetoes = vec!["ORG".into()];
        let model = learned.model().expect("a learned model").clone();
        Recognizer::from_model(model, history)
    })
}

/// What a reload must give back of an entry.
fn kept(e: &Entry) -> (u64, String, bool, Document) {
    (e.id, e.editor.name.clone(), e.done, e.editor.doc.clone())
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn every_format_import_reads_or_explains(s in input()) {
        for f in Format::ALL {
            for r in formats::import_each(&s, f).into_iter().flatten() {
                check_doc(&r.doc)?;
            }
        }
        if let Ok(d) = own::import(&s) {
            check_doc(&d)?;
        }
    }

    #[test]
    fn brat_pairs_read_or_explain(txt in input(), ann in input()) {
        if let Ok(d) = brat::import_brat(&txt, &ann) {
            check_doc(&d)?;
            prop_assert_eq!(d.text(), txt.as_str());
        }
    }

    #[test]
    fn intake_detects_reads_or_names_the_file(
        s in input(),
        noise in prop::collection::vec(any::<u8>(), 0..64),
        name in prop::sample::select(vec!["a.txt", "b.json", "c.jsonl", "d.conll", "e.ann", "f"]),
    ) {
        let _ = formats::detect(&s);
        for bytes in [s.clone().into_bytes(), [s.as_bytes(), &noise].concat()] {
            let file = File { name: name.to_string(), bytes };
            let _ = intake::color_notices(&file);
            match intake::read(&file, None) {
                Ok((Intake::Documents(docs), _)) => {
                    for (_, d) in &docs {
                        check_doc(d)?;
                    }
                }
                Ok((Intake::Workspace(ws), _)) => check_workspace(&ws)?,
                Err(message) => prop_assert!(message.contains(name), "{}", message),
            }
        }
    }

    #[test]
    fn workspace_files_read_or_explain(
        docs in prop::collection::vec(document(), 0..3),
        m in mutation(),
        junk in input(),
    ) {
        let mut ws = Workspace::default();
        ws.apply(WorkspaceAction::Add(docs.into_iter().map(|d| ("d".to_string(), d)).collect()));
        let file = to_file(&ws);
        let back = from_file(&file).unwrap();
        prop_assert_eq!(
            back.entries().iter().map(|e| &e.editor.doc).collect::<Vec<_>>(),
            ws.entries().iter().map(|e| &e.editor.doc).collect::<Vec<_>>()
        );
        for s in [m.apply(&file), junk] {
            if let Ok(ws) = from_file(&s) {
                check_workspace(&ws)?;
            }
        }
    }

    #[test]
    fn autosave_records_read_or_explain(
        d in document(),
        m in mutation(),
        junk in input(),
        text in prop::sample::select(TEXTS.to_vec()),
    ) {
        let mut ws = Workspace::default();
        ws.apply(WorkspaceAction::Add(vec![("d".into(), d)]));
        let entry = &ws.entries()[0];
        let record = entry_record(entry);
        for r in [m.apply(&record), junk.clone()] {
            for t in [entry.editor.doc.text(), text] {
                if let Ok(e) = entry_from_record(7, t, &r) {
                    check_doc(&e.editor.doc)?;
                    prop_assert_eq!(e.editor.doc.text(), t);
                    // Whatever its saved steps say, undo and redo keep the document whole.
                    let mut editor = e.editor;
                    for a in [Action::Undo, Action::Undo, Action::Redo, Action::Redo, Action::Redo] {
                        editor.apply(a);
                        check_doc(&editor.doc)?;
                    }
                }
            }
        }
        let _ = index_from_record(&junk);
        if let Ok((ws, _)) = restore(&junk, vec![(1, Some(junk.clone()), Some(record))]) {
            check_workspace(&ws)?;
        }
    }

    #[test]
    fn any_workspace_actions_survive_an_autosave_round_trip(
        steps in prop::collection::vec((workspace_action(), any::<bool>()), 0..30),
    ) {
        let mut ws = Workspace::default();
        let mut store: HashMap<String, String> = HashMap::new();
        let mut log = SaveLog::default();
        for (action, save_now) in steps {
            ws.apply(action);
            check_workspace(&ws)?;
            // Saves come after some changes, not all: each must bring the store up to date.
            if save_now {
                let w = log.writes(&ws);
                for k in w.delete {
                    store.remove(&k);
                }
                store.extend(w.put);
                log.saved(&ws);
            }
        }
        let w = log.writes(&ws);
        for k in w.delete {
            store.remove(&k);
        }
        store.extend(w.put);
        let (back, problems, _) = restore_store(&mut store.clone(), false).unwrap().unwrap();
        prop_assert!(problems.is_empty(), "{:?}", problems);
        prop_assert_eq!(
            back.entries().iter().map(|e| kept(e)).collect::<Vec<_>>(),
            ws.entries().iter().map(|e| kept(e)).collect::<Vec<_>>()
        );
        prop_assert_eq!(back.current(), ws.current());
        // Nothing of a deleted document stays behind in the store.
        let chunks: usize = ws.entries().iter().map(|e| e.editor.doc.spans().chunks().len()).sum();
        prop_assert_eq!(store.len(), 1 + 2 * ws.entries().len() + chunks);
    }

    #[test]
    fn the_recogniser_gives_valid_spans_for_any_text(
        s in prop_oneof![
            any::<String>(),
            prop::collection::vec(
                prop::sample::select(vec![
                    "Kerry ", "met ", "W.E.B. ", "Du Bois", "in ", "Genève", ".", " ", "\n",
                    "3 ", "May ", "2.7 ", "million", "$", "4.2bn", "👩‍🔬", "e\u{301}", "東京",
                    "مصر", "Mr. ", "U.S.", "—", "'s", "\"", "(", ")", "50,000", "1,", ",000",
                ]),
                0..40,
            )
            .prop_map(|v| v.concat()),
        ],
    ) {
        let spans = recognize(&s);
        let mut d = Document::new(&s);
        for sp in &spans {
            prop_assert!(d.validate(sp.start, sp.end, &sp.label).is_ok(), "{:?} in {:?}", sp, s);
        }
        prop_assert!(d.set_spans(spans).is_ok());
        check_doc(&d)?;
    }

    #[test]
    fn a_learned_model_gives_valid_spans_on_one_line_for_any_text(
        s in prop_oneof![
            any::<String>(),
            prop::collection::vec(
                prop::sample::select(vec![
                    "Acme Corp ", "the ", "NCAA ", "Badminton World Federation ", "(BWF) ",
                    "BWF", "B&SR", "(", ")", "&", "-", "Maria ", "Lopez", "in ", "Leeds", ".",
                    " ", "\n", "The ", "University ", "I ", "3 ", "e\u{301}", "東京", "'s",
                    "of ", "From ", "Army ",
                ]),
                0..40,
            )
            .prop_map(|v| v.concat()),
        ],
    ) {
        let r = learned_everything();
        let spans = r.recognize(&s);
        let mut d = Document::new(&s);
        for l in r.labels() {
            d.add_label(Label::new(&l, "#d9d9d9", None));
        }
        let chars: Vec<char> = s.chars().collect();
        for sp in &spans {
            prop_assert!(d.validate(sp.start, sp.end, &sp.label).is_ok(), "{:?} in {:?}", sp, s);
            prop_assert!(!chars[sp.start..sp.end].contains(&'\n'), "{:?} in {:?}", sp, s);
        }
        prop_assert!(d.set_spans(spans).is_ok());
        check_doc(&d)?;
    }

    #[test]
    fn model_files_read_or_explain_and_what_reads_tags_safely(
        edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>(), 0..3u8), 1..6),
        cut in any::<prop::sample::Index>(),
        small in any::<bool>(),
    ) {
        // A model file (a person's learning, or weights in a byte as shipped) with a few bytes
        // changed, inserted or removed, then maybe cut short.
        let mut bytes = if small { small_model_file() } else { model_file() }.to_vec();
        for (at, b, how) in edits {
            let i = at.index(bytes.len());
            match how {
                0 => bytes[i] = b,
                1 => bytes.insert(i, b),
                _ => {
                    bytes.remove(i);
                }
            }
        }
        if cut.index(4) == 0 {
            bytes.truncate(cut.index(bytes.len() + 1));
        }
        if let Ok(r) = Recognizer::from_bytes(&bytes) {
            let text = TEXTS[2];
            let mut d = Document::new(text);
            for l in r.labels() {
                d.add_label(Label::new(&l, "#d9d9d9", None));
            }
            let spans = r.recognize(text);
            prop_assert!(d.set_spans(spans.clone()).is_ok(), "{:?}", spans);
            check_doc(&d)?;
        }
    }
}
