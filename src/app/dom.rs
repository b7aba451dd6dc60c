//! The browser edges: DOM selections in UTF-16 become code points here, and files and the
//! clipboard are reached here. Nothing else in the app touches offsets.

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Blob, BlobPropertyBag, Element, HtmlAnchorElement, Node, Range, Url};

use crate::core::text::OffsetMap;

fn document() -> Option<web_sys::Document> {
    web_sys::window()?.document()
}

/// UTF-16 length of the text inside `root` before the point (`node`, `offset`).
fn utf16_before(root: &Node, node: &Node, offset: u32) -> Option<usize> {
    let range = document()?.create_range().ok()?;
    range.set_start(root, 0).ok()?;
    range.set_end(node, offset).ok()?;
    Some(String::from(range.to_string()).encode_utf16().count())
}

/// The paragraph element of `root` holding `node`, and the code point it starts at. Every
/// paragraph carries its start (`data-start`), so a long article that renders only some of its
/// paragraphs still maps back exactly.
fn paragraph_of(root: &Element, node: &Node) -> Option<(Element, usize)> {
    let el = match node.dyn_ref::<Element>() {
        Some(el) => el.clone(),
        None => node.parent_element()?,
    };
    let para = el.closest(".para[data-start]").ok()??;
    if !root.contains(Some(&para)) {
        return None;
    }
    let start = para.get_attribute("data-start")?.parse().ok()?;
    Some((para, start))
}

/// The paragraphs `root` renders, with the code points they start at, in order.
pub fn paragraphs(root: &Element) -> Vec<(Element, usize)> {
    let mut out = Vec::new();
    let mut child = root.first_element_child();
    while let Some(el) = child {
        if let Some(start) = el
            .get_attribute("data-start")
            .and_then(|s| s.parse::<usize>().ok())
        {
            out.push((el.clone(), start));
        }
        child = el.next_element_sibling();
    }
    out
}

/// The code point at DOM point (`node`, `offset`) inside `root`.
fn point_to_cp(root: &Element, map: &OffsetMap, node: &Node, offset: u32) -> Option<usize> {
    let (base, start): (Node, usize) = match paragraph_of(root, node) {
        Some((para, start)) => (para.into(), start),
        // Between paragraphs (on the article itself, or a spacer of a long article): the text
        // rendered before the point, from the first paragraph rendered.
        None => (
            root.clone().into(),
            paragraphs(root).first().map_or(0, |p| p.1),
        ),
    };
    let before = utf16_before(&base, node, offset)?;
    Some(map.utf16_to_cp(map.cp_to_utf16(start)? + before))
}

/// The text node and UTF-16 offset in it of code point `cp` of `root`'s text, when the
/// paragraph holding it is rendered.
fn cp_to_point(root: &Element, map: &OffsetMap, cp: usize) -> Option<(Node, u32)> {
    let paragraphs = paragraphs(root);
    let i = paragraphs.partition_point(|p| p.1 <= cp).checked_sub(1)?;
    let (para, start) = &paragraphs[i];
    let mut target = map.cp_to_utf16(cp)?.checked_sub(map.cp_to_utf16(*start)?)?;
    locate(para, &mut target)
}

/// The window's selection inside `root`, in code points of the text `map` was built from.
/// `root`'s text content must be that text, or for a long article a run of its paragraphs,
/// each marked with its start (highlights add no text of their own).
/// Returns `None` when nothing inside `root` is selected.
pub fn selection_in(root: &Element, map: &OffsetMap) -> Option<(usize, usize)> {
    let selection = web_sys::window()?.get_selection().ok()??;
    if selection.range_count() == 0 {
        return None;
    }
    let range = selection.get_range_at(0).ok()?;
    let (a, b) = (range.start_container().ok()?, range.end_container().ok()?);
    if !root.contains(Some(&a)) || !root.contains(Some(&b)) {
        return None;
    }
    let start = point_to_cp(root, map, &a, range.start_offset().ok()?)?;
    let end = point_to_cp(root, map, &b, range.end_offset().ok()?)?;
    Some((start, end))
}

/// Finds the text node and UTF-16 offset inside it at UTF-16 position `target` under `node`.
fn locate(node: &Node, target: &mut usize) -> Option<(Node, u32)> {
    if node.node_type() == Node::TEXT_NODE {
        let len = node
            .text_content()
            .unwrap_or_default()
            .encode_utf16()
            .count();
        if *target <= len {
            return Some((node.clone(), *target as u32));
        }
        *target -= len;
        return None;
    }
    let children = node.child_nodes();
    for i in 0..children.length() {
        if let Some(found) = children.item(i).and_then(|c| locate(&c, target)) {
            return Some(found);
        }
    }
    None
}

/// The DOM range of code points `[start, end)` of `root`, when both ends are rendered.
fn range_of(root: &Element, map: &OffsetMap, start: usize, end: usize) -> Option<Range> {
    let (sa, oa) = cp_to_point(root, map, start)?;
    let (sb, ob) = cp_to_point(root, map, end)?;
    let range: Range = document()?.create_range().ok()?;
    range.set_start(&sa, oa).ok()?;
    range.set_end(&sb, ob).ok()?;
    Some(range)
}

/// Shows code points `[start, end)` of `root` as the window's selection, so a snapped
/// selection is visibly snapped.
pub fn select_in(root: &Element, map: &OffsetMap, start: usize, end: usize) -> Option<()> {
    let range = range_of(root, map, start, end)?;
    let selection = web_sys::window()?.get_selection().ok()??;
    selection.remove_all_ranges().ok()?;
    selection.add_range(&range).ok()
}

/// Scrolls the page so that what lies between `top` and `bottom` (viewport pixels) is in the
/// middle of the view, unless it is in view already.
fn scroll_if_hidden(top: f64, bottom: f64) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let height = window
        .inner_height()
        .ok()
        .and_then(|h| h.as_f64())
        .unwrap_or(0.0);
    if top < 0.0 || bottom > height {
        window.scroll_by_with_x_and_y(0.0, (top + bottom - height) / 2.0);
    }
}

/// Scrolls code points `[start, end)` of `root` into view when they are out of it.
pub fn reveal_range(root: &Element, map: &OffsetMap, start: usize, end: usize) {
    if let Some(range) = range_of(root, map, start, end) {
        let rect = range.get_bounding_client_rect();
        scroll_if_hidden(rect.top(), rect.bottom());
    }
}

/// Scrolls `el` into view when it is out of it.
pub fn reveal_element(el: &Element) {
    let rect = el.get_bounding_client_rect();
    scroll_if_hidden(rect.top(), rect.bottom());
}

/// The code point under a viewport point inside `root`, for dragging a span's edge there.
pub fn offset_at_point(root: &Element, map: &OffsetMap, (x, y): (f32, f32)) -> Option<usize> {
    let caret = document()?.caret_position_from_point(x, y)?;
    let node = caret.offset_node()?;
    if !root.contains(Some(&node)) {
        return None;
    }
    point_to_cp(root, map, &node, caret.offset())
}

/// Scrolls the highlight that starts at code point `start` to the middle of the view, with its
/// context around.
pub fn scroll_to_mark(root: &Element, start: usize) {
    let selector = format!("mark[data-start=\"{start}\"]");
    if let Ok(Some(mark)) = root.query_selector(&selector) {
        let options = web_sys::ScrollIntoViewOptions::new();
        options.set_block(web_sys::ScrollLogicalPosition::Center);
        mark.scroll_into_view_with_scroll_into_view_options(&options);
    }
}

/// Where the window's selection ends on the page (left edge, bottom), for a menu under it.
pub fn selection_anchor() -> Option<(f64, f64)> {
    let window = web_sys::window()?;
    let selection = window.get_selection().ok()??;
    if selection.range_count() == 0 {
        return None;
    }
    let rect = selection.get_range_at(0).ok()?.get_bounding_client_rect();
    let (x, y) = (window.scroll_x().ok()?, window.scroll_y().ok()?);
    Some((rect.left() + x, rect.bottom() + y))
}

/// Clears the window's selection (after a span is made from it).
pub fn clear_selection() {
    if let Some(Ok(Some(s))) = web_sys::window().map(|w| w.get_selection()) {
        let _ = s.remove_all_ranges();
    }
}

/// Saves `bytes` as a file through the browser's download.
pub fn download(file_name: &str, bytes: &[u8], mime: &str) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let blob = Blob::new_with_u8_array_sequence_and_options(&parts, &options)?;
    let url = Url::create_object_url_with_blob(&blob)?;
    let doc = document().ok_or("no document")?;
    let anchor: HtmlAnchorElement = doc.create_element("a")?.dyn_into()?;
    anchor.set_href(&url);
    anchor.set_download(file_name);
    anchor.click();
    // Revoking at once can cancel the download in some browsers; a moment later is safe.
    gloo::timers::callback::Timeout::new(10_000, move || {
        let _ = Url::revoke_object_url(&url);
    })
    .forget();
    Ok(())
}

/// The MIME type for a downloaded file, by its extension.
pub fn mime_of(file_name: &str) -> &'static str {
    match file_name.rsplit('.').next() {
        Some("json") => "application/json",
        Some("jsonl") => "application/jsonl",
        Some("zip") => "application/zip",
        _ => "text/plain;charset=utf-8",
    }
}

/// Puts `text` on the clipboard; resolves to an error message when the browser refuses.
pub async fn copy(text: &str) -> Result<(), String> {
    let window = web_sys::window().ok_or("no window")?;
    let promise = window.navigator().clipboard().write_text(text);
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .map(|_| ())
        .map_err(|e| {
            e.as_string()
                .unwrap_or_else(|| "the browser refused clipboard access".into())
        })
}
