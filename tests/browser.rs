//! Browser tests: components rendered in headless Chromium (wasm-bindgen-test).
//! Run by `scripts/test.sh`: `cargo test --target wasm32-unknown-unknown --test browser`.
#![cfg(target_arch = "wasm32")]

use spanlight::app::components::article::{Article, ArticleProps};
use spanlight::app::dom;
use spanlight::core::document::{Document, Span, PERSON, PLACE};
use spanlight::core::editor::{Action, Editor};
use spanlight::core::formats::spanlight as format;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, Node};
use yew::{Callback, NodeRef};

wasm_bindgen_test_configure!(run_in_browser);

/// Text where UTF-16, bytes and code points all disagree: emoji (astral and ZWJ), accents as
/// combining marks, CJK, Arabic and CRLF line ends.
const HARD: &str = "👩‍🔬 Zoë Jose\u{301} met Kerry\r\nin 東京, then مصر 🇫🇷 with Anaïs.";

async fn mount(doc: Document) -> Element {
    mount_with_caret(doc, None).await
}

async fn mount_with_caret(doc: Document, caret: Option<usize>) -> Element {
    let document = web_sys::window().unwrap().document().unwrap();
    let host = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&host).unwrap();
    mount_in_with_caret(&host, doc, caret).await
}

async fn mount_in(host: &Element, doc: Document) -> Element {
    mount_in_with_caret(host, doc, None).await
}

async fn mount_in_with_caret(host: &Element, doc: Document, caret: Option<usize>) -> Element {
    let props = ArticleProps {
        doc,
        selected: None,
        caret,
        node_ref: NodeRef::default(),
        onmouseup: Callback::noop(),
        ondragedge: Callback::noop(),
        pending: None,
        onfind: Callback::noop(),
    };
    yew::Renderer::<Article>::with_root_and_props(host.clone(), props).render();
    yew::scheduler::flush().await;
    host.query_selector("#article")
        .unwrap()
        .expect("the article is rendered")
}

fn cp(text: &str, needle: &str) -> (usize, usize) {
    let byte = text.find(needle).unwrap();
    let start = text[..byte].chars().count();
    (start, start + needle.chars().count())
}

/// The text node holding UTF-16 position `at` of `root`'s text, and the offset inside it.
fn text_at(root: &Node, at: u32) -> (Node, u32) {
    fn walk(node: &Node, left: &mut u32) -> Option<(Node, u32)> {
        if node.node_type() == Node::TEXT_NODE {
            let len = node
                .text_content()
                .unwrap_or_default()
                .encode_utf16()
                .count() as u32;
            if *left < len {
                return Some((node.clone(), *left));
            }
            *left -= len;
            return None;
        }
        let kids = node.child_nodes();
        (0..kids.length()).find_map(|i| walk(&kids.item(i).unwrap(), left))
    }
    let mut left = at;
    walk(root, &mut left).expect("the position is inside the text")
}

/// Selects UTF-16 offsets `[a, b)` of a text node, as a mouse drag would.
fn select_text(node: &Node, a: u32, b: u32) {
    let document = web_sys::window().unwrap().document().unwrap();
    let range = document.create_range().unwrap();
    range.set_start(node, a).unwrap();
    range.set_end(node, b).unwrap();
    let sel = web_sys::window().unwrap().get_selection().unwrap().unwrap();
    sel.remove_all_ranges().unwrap();
    sel.add_range(&range).unwrap();
}

#[wasm_bindgen_test]
async fn highlights_carry_code_point_offsets_and_the_text_is_unchanged() {
    let mut doc = Document::new(HARD);
    let (ks, ke) = cp(HARD, "Kerry");
    let (ts, te) = cp(HARD, "東京");
    doc.add_span(Span::new(ks, ke, PERSON)).unwrap();
    doc.add_span(Span::new(ts, te, PLACE)).unwrap();
    let article = mount(doc).await;
    assert_eq!(
        article.text_content().unwrap(),
        HARD,
        "no text is added or normalised (CRLF kept)"
    );
    let marks = article.query_selector_all("mark").unwrap();
    assert_eq!(marks.length(), 2);
    let kerry: Element = marks.item(0).unwrap().dyn_into().unwrap();
    assert_eq!(kerry.get_attribute("data-label").as_deref(), Some(PERSON));
    assert_eq!(kerry.get_attribute("data-start"), Some(ks.to_string()));
    assert_eq!(kerry.get_attribute("data-end"), Some(ke.to_string()));
    assert_eq!(kerry.text_content().as_deref(), Some("Kerry"));
}

#[wasm_bindgen_test]
async fn the_reading_caret_adds_no_text_and_sits_at_its_offset() {
    let mut doc = Document::new(HARD);
    let (ks, ke) = cp(HARD, "Kerry");
    doc.add_span(Span::new(ks, ke, PERSON)).unwrap();
    // Inside a highlight ("Ke|rry"), in plain text, and at the very end.
    for at in [ks + 2, cp(HARD, "met").0, HARD.chars().count()] {
        let article = mount_with_caret(doc.clone(), Some(at)).await;
        assert_eq!(article.text_content().unwrap(), HARD, "caret at {at}");
        let carets = article.query_selector_all(".caret").unwrap();
        assert_eq!(carets.length(), 1, "one caret at {at}");
        // The text before the caret is exactly the document's first `at` code points.
        let document = web_sys::window().unwrap().document().unwrap();
        let range = document.create_range().unwrap();
        range.set_start(&article, 0).unwrap();
        range.set_end_before(&carets.item(0).unwrap()).unwrap();
        let before: String = range.to_string().into();
        assert_eq!(
            before,
            HARD.chars().take(at).collect::<String>(),
            "caret at {at}"
        );
    }
}

#[wasm_bindgen_test]
async fn a_dom_selection_becomes_code_points_and_exports_without_drift() {
    let doc = Document::new(HARD);
    let map = doc.offsets().clone();
    let article = mount(doc.clone()).await;
    // Select "Jose\u{301} met Ke" by UTF-16 offsets inside the text node that holds it.
    let u16_of = |needle: &str| HARD[..HARD.find(needle).unwrap()].encode_utf16().count() as u32;
    let (node, a) = text_at(&article, u16_of("Jose"));
    let b = a + (u16_of("rry") - u16_of("Jose"));
    select_text(&node, a, b);
    let (start, end) = dom::selection_in(&article, &map).expect("the selection is inside");
    assert_eq!((start, end), (cp(HARD, "Jose").0, cp(HARD, "rry").0));

    // Through the editor: snapped to whole tokens, labelled, exported.
    let mut editor = Editor::new(doc, "t");
    editor.apply(Action::SelectRange { start, end });
    editor.apply(Action::ApplyLabel(PERSON.into()));
    let json: serde_json::Value = serde_json::from_str(&format::export(&editor.doc)).unwrap();
    let span = &json["spans"][0];
    assert_eq!(span["text"], "Jose\u{301} met Kerry");
    let (s, e) = cp(HARD, "Jose\u{301} met Kerry");
    assert_eq!(
        (
            span["start"].as_u64().unwrap(),
            span["end"].as_u64().unwrap()
        ),
        (s as u64, e as u64)
    );
    let chars: Vec<char> = HARD.chars().collect();
    assert_eq!(
        chars[s..e].iter().collect::<String>(),
        "Jose\u{301} met Kerry"
    );
}

#[wasm_bindgen_test]
async fn selections_across_highlights_and_inside_surrogate_pairs_map_back() {
    let mut doc = Document::new(HARD);
    let (ks, ke) = cp(HARD, "Kerry");
    doc.add_span(Span::new(ks, ke, PERSON)).unwrap();
    let map = doc.offsets().clone();
    let article = mount(doc).await;
    // Programmatic selection of [Zoë .. Kerry-end] through dom::select_in, across the <mark>.
    let (zs, _) = cp(HARD, "Zoë");
    dom::select_in(&article, &map, zs, ke).unwrap();
    assert_eq!(dom::selection_in(&article, &map), Some((zs, ke)));
    // A selection edge in the middle of 🇫🇷's surrogate pairs rounds to a code point.
    let (fs, _) = cp(HARD, "🇫🇷");
    let flag_u16 = map.cp_to_utf16(fs).unwrap() as u32;
    let (node, at) = text_at(&article, flag_u16);
    select_text(&node, at + 1, at + 3);
    let (s, e) = dom::selection_in(&article, &map).unwrap();
    assert_eq!((s, e), (fs, fs + 1));
}

#[wasm_bindgen_test]
async fn pasted_markup_is_shown_as_text() {
    let text = "<img src=x onerror=alert(1)><b>Kerry</b> &amp; <script>boom()</script>";
    let mut doc = Document::new(text);
    doc.add_label(spanlight::core::Label::new("<i>ORG</i>", "#ccc", None));
    let (s, e) = cp(text, "Kerry");
    doc.add_span(Span::new(s, e, "<i>ORG</i>")).unwrap();
    let article = mount(doc).await;
    assert_eq!(article.text_content().unwrap(), text);
    assert!(
        article
            .query_selector("img, b, script, i")
            .unwrap()
            .is_none(),
        "no element was parsed"
    );
    let mark = article.query_selector("mark").unwrap().unwrap();
    assert_eq!(
        mark.get_attribute("data-label").as_deref(),
        Some("<i>ORG</i>")
    );
}

/// `n` numbered paragraphs of `line`, and their document with the first "Kerry" a PERSON.
fn paragraphs_with_kerry(n: usize, line: &str) -> (String, Document) {
    let text: String = (0..n)
        .map(|i| format!("Paragraph {i}: {line}\n\n"))
        .collect();
    let mut doc = Document::new(&text);
    let (ks, ke) = cp(&text, "Kerry");
    doc.add_span(Span::new(ks, ke, PERSON)).unwrap();
    (text, doc)
}

#[wasm_bindgen_test]
async fn a_long_text_not_yet_readied_says_it_is_opening_then_shows_its_highlights() {
    // About 300 KB: past the size readied in slices before it is shown.
    let (text, doc) = paragraphs_with_kerry(6000, "Kerry met Lavrov in Geneva.");
    assert!(!doc.is_ready_to_show());
    let document = web_sys::window().unwrap().document().unwrap();
    let host = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&host).unwrap();
    let article = mount_in(&host, doc.clone()).await;
    assert_eq!(article.get_attribute("aria-busy").as_deref(), Some("true"));
    assert!(article.text_content().unwrap().contains("Opening"));
    for _ in 0..200 {
        if host.query_selector("#article mark").unwrap().is_some() {
            break;
        }
        gloo::timers::future::TimeoutFuture::new(10).await;
    }
    let article = host.query_selector("#article").unwrap().unwrap();
    assert!(article.get_attribute("aria-busy").is_none());
    let mark = article
        .query_selector("mark")
        .unwrap()
        .expect("highlights shown");
    assert_eq!(mark.text_content().as_deref(), Some("Kerry"));
    assert!(text.starts_with(&article.text_content().unwrap()));
    assert!(doc.is_ready_to_show(), "found once, for every later render");
}

#[wasm_bindgen_test]
async fn a_long_article_renders_a_window_whose_selections_map_to_the_whole_text() {
    // 600 paragraphs, past the size that renders whole; emoji keep UTF-16 and code points apart.
    let (text, doc) = paragraphs_with_kerry(600, "👩‍🔬 Kerry met Lavrov in Genève.");
    let map = doc.offsets().clone();
    let article = mount(doc).await;
    let shown = article.query_selector_all(".para").unwrap().length();
    assert!(
        shown > 0 && shown < 300,
        "{shown} of 600 paragraphs rendered"
    );
    assert_eq!(article.query_selector_all(".spacer").unwrap().length(), 2);
    let rendered = article.text_content().unwrap();
    assert!(
        text.starts_with(&rendered),
        "the window starts at the text's start"
    );

    // A selection inside the fifth paragraph, by UTF-16 offsets inside its own text node.
    let para: Element = article
        .query_selector_all(".para")
        .unwrap()
        .item(4)
        .unwrap()
        .dyn_into()
        .unwrap();
    let start: usize = para.get_attribute("data-start").unwrap().parse().unwrap();
    let para_text = para.text_content().unwrap();
    let u16_of = |needle: &str| {
        para_text[..para_text.find(needle).unwrap()]
            .encode_utf16()
            .count() as u32
    };
    let (node, a) = text_at(&para, u16_of("Lavrov"));
    select_text(&node, a, a + 6);
    let chars: Vec<char> = text.chars().collect();
    let (s, e) = dom::selection_in(&article, &map).expect("the selection is inside");
    assert_eq!(chars[s..e].iter().collect::<String>(), "Lavrov");
    assert_eq!(s, start + cp(&para_text, "Lavrov").0);
    // And back: code points to the page's selection.
    dom::select_in(&article, &map, s, e).unwrap();
    assert_eq!(dom::selection_in(&article, &map), Some((s, e)));
    // What is not rendered cannot be selected, and says so.
    let end = chars.len();
    assert_eq!(dom::select_in(&article, &map, end - 5, end), None);
}
