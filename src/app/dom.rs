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

/// The window's selection inside `root`, in code points of the text `map` was built from.
/// `root`'s text content must be exactly that text (highlights add no text of their own).
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
    let start = utf16_before(root, &a, range.start_offset().ok()?)?;
    let end = utf16_before(root, &b, range.end_offset().ok()?)?;
    Some((map.utf16_to_cp(start), map.utf16_to_cp(end)))
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

/// Shows code points `[start, end)` of `root` as the window's selection, so a snapped
/// selection is visibly snapped.
pub fn select_in(root: &Element, map: &OffsetMap, start: usize, end: usize) -> Option<()> {
    let (mut a, mut b) = (map.cp_to_utf16(start)?, map.cp_to_utf16(end)?);
    let (sa, oa) = locate(root, &mut a)?;
    let (sb, ob) = locate(root, &mut b)?;
    let range: Range = document()?.create_range().ok()?;
    range.set_start(&sa, oa).ok()?;
    range.set_end(&sb, ob).ok()?;
    let selection = web_sys::window()?.get_selection().ok()??;
    selection.remove_all_ranges().ok()?;
    selection.add_range(&range).ok()
}

/// The code point under a viewport point inside `root`, for dragging a span's edge there.
pub fn offset_at_point(root: &Element, map: &OffsetMap, (x, y): (f32, f32)) -> Option<usize> {
    let caret = document()?.caret_position_from_point(x, y)?;
    let node = caret.offset_node()?;
    if !root.contains(Some(&node)) {
        return None;
    }
    Some(map.utf16_to_cp(utf16_before(root, &node, caret.offset())?))
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
