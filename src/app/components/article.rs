//! The article with its highlights. Every highlight is a `<mark>` carrying its label and its
//! code-point offsets; the text itself is rendered as text nodes only, so that the element's
//! text content is exactly the document's text and DOM offsets map back without drift.
//!
//! The text is cut into blocks (lines, never inside a span), each a component of its own, so an
//! edit re-renders only the block it touches: a 20,000-word article stays responsive.
//!
//! A long article (see [`viewport::is_windowed`]) renders only the paragraphs near the viewport,
//! between two empty spacers that give the page its whole height; scrolling moves the window,
//! and so does the keyboard when the selection or caret goes somewhere not rendered. Every
//! paragraph carries the code point it starts at (`data-start`), which is all `dom` needs to map
//! a selection back. The browser's find cannot see what is not rendered, so Ctrl+F there opens
//! the app's own find box.

use std::cell::{Cell, RefCell};
use std::ops::Range;
use std::rc::Rc;
use std::sync::Arc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::app::dom;
use crate::app::recognise::ready_to_show;
use crate::core::document::{Document, SpanStatus};
use crate::core::editor::Edge;
use crate::core::find::find;
use crate::core::text::OffsetMap;
use crate::core::viewport::{self, calibrate, Layout, Metrics};

#[derive(Properties, PartialEq, Clone)]
pub struct ArticleProps {
    pub doc: Document,
    pub selected: Option<usize>,
    /// The reading caret, in code points: where the arrow keys are.
    #[prop_or_default]
    pub caret: Option<usize>,
    pub node_ref: NodeRef,
    /// Mouse released over the article: the app reads the selection from the DOM.
    pub onmouseup: Callback<MouseEvent>,
    /// A drag of the selected span's start or end handle began.
    #[prop_or_default]
    pub ondragedge: Callback<Edge>,
    /// The range waiting for a label: a long article keeps it rendered.
    #[prop_or_default]
    pub pending: Option<(usize, usize)>,
    /// The find box found this range (code points): the app selects it.
    #[prop_or_default]
    pub onfind: Callback<(usize, usize)>,
}

/// A highlight as a block draws it.
#[derive(Clone, PartialEq)]
struct Piece {
    start: usize,
    end: usize,
    label: AttrValue,
    color: AttrValue,
    suggested: bool,
}

#[derive(Properties, PartialEq)]
struct BlockProps {
    /// Code point where the block starts.
    start: usize,
    text: AttrValue,
    pieces: Vec<Piece>,
    /// Start of the selected span, when it is in this block.
    selected: Option<usize>,
    /// The caret, when it is in this block (or at its end, for the text's end).
    caret: Option<usize>,
    ondragedge: Callback<Edge>,
}

/// The caret is drawn as an empty element, like the handles: it adds no text.
fn caret_mark() -> Html {
    html! { <span class="caret" aria-hidden="true"></span> }
}

#[component]
fn Block(props: &BlockProps) -> Html {
    let chars: Vec<char> = props.text.chars().collect();
    let slice = |a: usize, b: usize| {
        chars[a - props.start..b - props.start]
            .iter()
            .collect::<String>()
    };
    let end = props.start + chars.len();
    // The text of `[a, b)`, with the caret inside when it falls there.
    let cut = |a: usize, b: usize| -> Html {
        match props.caret.filter(|&c| c >= a && c < b) {
            Some(c) => html! { <>{ slice(a, c) }{ caret_mark() }{ slice(c, b) }</> },
            None => html! { { slice(a, b) } },
        }
    };
    let mut parts = Vec::with_capacity(props.pieces.len() * 2 + 2);
    let mut pos = props.start;
    for p in &props.pieces {
        if p.start > pos {
            parts.push(cut(pos, p.start));
        }
        let text = slice(p.start, p.end);
        let status = if p.suggested { "suggested" } else { "accepted" };
        let is_selected = props.selected == Some(p.start);
        let title = format!("{}: {} ({status})", p.label, text);
        // Handles are empty elements: they add no text, so offsets stay exact.
        let handle = |edge: Edge, class: &'static str| {
            let onmousedown = props.ondragedge.reform(move |e: MouseEvent| {
                e.prevent_default();
                e.stop_propagation();
                edge
            });
            html! { <span class={classes!("handle", class)} aria-hidden="true" {onmousedown}></span> }
        };
        parts.push(html! {
            <mark
                key={p.start}
                class={classes!("span", p.suggested.then_some("suggested"), is_selected.then_some("selected"))}
                style={format!("--label-color: {}", p.color)}
                data-label={p.label.clone()}
                data-start={p.start.to_string()}
                data-end={p.end.to_string()}
                data-status={status}
                aria-current={is_selected.then_some("true")}
                aria-label={title.clone()}
                {title}
            >
                if is_selected { { handle(Edge::Start, "start") } }
                { cut(p.start, p.end) }
                if is_selected { { handle(Edge::End, "end") } }
            </mark>
        });
        pos = p.end;
    }
    if pos < end {
        parts.push(cut(pos, end));
    }
    if props.caret == Some(end) {
        parts.push(caret_mark());
    }
    html! { <span class="block">{ for parts }</span> }
}

/// The text of cuts `[from, to)`: shared when the block is one line, joined when a span made
/// it take several.
fn block_text(lines: &[AttrValue], from: usize, to: usize) -> AttrValue {
    if to == from + 1 {
        lines[from].clone()
    } else {
        AttrValue::from(
            lines[from..to]
                .iter()
                .map(|l| l.as_str())
                .collect::<String>(),
        )
    }
}

/// What the article keeps per text: whether it renders only a window (its paragraphs are the
/// document's: [`Document::paragraphs`]) and, unless it does, the text of each block (shared by every render after). Keyed by the
/// shared text itself: compared by pointer, and kept alive, so a freed text's address can never
/// be mistaken for a new one.
struct Texts {
    text: Arc<str>,
    windowed: bool,
    lines: Vec<AttrValue>,
}

impl Texts {
    fn new(doc: &Document) -> Self {
        let windowed = viewport::is_windowed(doc.char_len(), doc.paragraphs().starts.len());
        let starts = doc.block_starts();
        // A window's few blocks are cut from the text as they render: not a second copy of it.
        let lines = if windowed {
            Vec::new()
        } else {
            (0..starts.len())
                .map(|i| {
                    let end = starts.get(i + 1).copied().unwrap_or(doc.char_len());
                    AttrValue::from(doc.slice(starts[i], end).to_string())
                })
                .collect()
        };
        Texts {
            text: doc.shared_text().clone(),
            windowed,
            lines,
        }
    }
}

/// What a long article keeps between renders to render only a window of its paragraphs.
struct Window {
    /// The text the layout is for (compared by pointer).
    text: Arc<str>,
    layout: Layout,
    /// The paragraphs to render (grown at render time so that no span is cut).
    shown: Range<usize>,
    /// The selection or caret last rendered: when it moves out of the window, the window
    /// follows it.
    focus: Option<(usize, usize)>,
    /// The caret or a pending range moved: scroll it into view once rendered.
    reveal: bool,
    /// The article's width when its heights were last calibrated (0 before the first).
    width: f64,
    /// Where the text rendered last ends, in code points.
    rendered_end: usize,
}

/// The height of the browser's view, in CSS pixels.
fn view_height() -> f64 {
    web_sys::window()
        .and_then(|w| w.inner_height().ok())
        .and_then(|h| h.as_f64())
        .filter(|h| *h > 0.0)
        .unwrap_or(800.0)
}

/// The article's line height in CSS pixels, from its computed style.
fn line_height(root: &web_sys::Element) -> Option<f64> {
    let style = web_sys::window()?.get_computed_style(root).ok()??;
    let value = style.get_property_value("line-height").ok()?;
    value
        .strip_suffix("px")?
        .parse::<f64>()
        .ok()
        .filter(|h| *h > 0.0)
}

/// After a windowed render: measures the rendered paragraphs (calibrating the estimates the
/// first time at this width) and scrolls a moved caret or range into view. True when the
/// heights changed enough that the spacers must be drawn again.
fn settle(view: &RefCell<Option<Window>>, root: &web_sys::Element, map: &OffsetMap) -> bool {
    let mut guard = view.borrow_mut();
    let Some(w) = guard.as_mut() else {
        return false;
    };
    let paragraphs = dom::paragraphs(root);
    let end = w.rendered_end;
    let measured: Vec<(Range<usize>, f64)> = paragraphs
        .iter()
        .enumerate()
        .map(|(k, (el, s))| {
            let next = paragraphs.get(k + 1).map_or(end, |(_, n)| *n);
            (*s..next, el.get_bounding_client_rect().height())
        })
        .collect();
    let mut changed = false;
    let width = f64::from(root.client_width());
    if (width - w.width).abs() > 0.5 && !measured.is_empty() {
        let metrics = w.layout.metrics();
        let line_height = line_height(root).unwrap_or(metrics.line_height);
        let samples: Vec<(usize, usize, f64)> = measured
            .iter()
            .map(|(range, h)| {
                let (first, last) = (
                    w.layout.paragraph_at(range.start),
                    w.layout.paragraph_at(range.end.saturating_sub(1)),
                );
                let (chars, breaks) = (first..=last)
                    .map(|i| w.layout.shape(i))
                    .fold((0, 0), |a, b| (a.0 + b.0, a.1 + b.1));
                (chars, breaks, *h)
            })
            .collect();
        let chars_per_line = calibrate(&samples, line_height)
            .unwrap_or(Metrics::default().chars_per_line * width / 680.0);
        w.layout.set_metrics(Metrics {
            line_height,
            chars_per_line,
        });
        w.width = width;
        changed = true;
    }
    for (range, h) in measured {
        changed |= w.layout.measure(range, h);
    }
    if std::mem::take(&mut w.reveal) {
        match w.focus {
            Some((a, b)) if a != b => dom::reveal_range(root, map, a, b),
            _ => {
                if let Ok(Some(caret)) = root.query_selector(".caret") {
                    dom::reveal_element(&caret);
                }
            }
        }
    }
    changed
}

/// On scrolling: the window moves when what is in view is no longer all rendered. True when
/// the article must render again.
fn follow_scroll(view: &RefCell<Option<Window>>, root: &web_sys::Element) -> bool {
    let mut guard = view.borrow_mut();
    let Some(w) = guard.as_mut() else {
        return false;
    };
    if (f64::from(root.client_width()) - w.width).abs() > 0.5 {
        return true;
    }
    // The top spacer is where the layout's heights are measured from.
    let Some(origin) = root
        .first_element_child()
        .map(|el| el.get_bounding_client_rect().top())
    else {
        return false;
    };
    let height = view_height();
    let (top, bottom) = (-origin, height - origin);
    if w.layout.covers(&w.shown, top, bottom) {
        return false;
    }
    w.shown = w.layout.window(top - height, bottom + height);
    true
}

#[derive(Properties, PartialEq)]
struct FindProps {
    /// A message under the box ("No match").
    status: AttrValue,
    /// Enter (`true`) or Shift+Enter: find the next or previous match of the query.
    onsearch: Callback<(String, bool)>,
    onclose: Callback<()>,
    /// Bumped each time Ctrl+F is pressed, to focus the box again.
    opened: u32,
}

/// The find box of a long article: Enter finds the next match, Shift+Enter the previous, Esc
/// closes it.
#[component]
fn FindBox(props: &FindProps) -> Html {
    let input = use_node_ref();
    {
        let input = input.clone();
        use_effect_with(props.opened, move |_| {
            if let Some(el) = input.cast::<web_sys::HtmlInputElement>() {
                let _ = el.focus();
                el.select();
            }
        });
    }
    let search = {
        let input = input.clone();
        let onsearch = props.onsearch.clone();
        move |forward: bool| {
            if let Some(el) = input.cast::<web_sys::HtmlInputElement>() {
                onsearch.emit((el.value(), forward));
            }
        }
    };
    let onkeydown = {
        let search = search.clone();
        let onclose = props.onclose.clone();
        let input = input.clone();
        Callback::from(move |e: KeyboardEvent| match e.key().as_str() {
            "Enter" => {
                e.prevent_default();
                search(!e.shift_key());
            }
            "Escape" => {
                e.prevent_default();
                onclose.emit(());
            }
            "f" | "F" if e.ctrl_key() || e.meta_key() => e.prevent_default(),
            _ => {
                // Showing a match moved the page's selection into the article; typing goes on
                // at the end of the query, as in a browser's find bar.
                let Some(el) = input.cast::<web_sys::HtmlInputElement>() else {
                    return;
                };
                let in_article = web_sys::window()
                    .and_then(|w| w.get_selection().ok().flatten())
                    .and_then(|s| s.anchor_node())
                    .and_then(|n| match n.dyn_into::<web_sys::Element>() {
                        Ok(el) => Some(el),
                        Err(n) => n.parent_element(),
                    })
                    .is_some_and(|el| el.closest("#article").ok().flatten().is_some());
                if in_article {
                    let end = el.value().encode_utf16().count() as u32;
                    let _ = el.set_selection_range(end, end);
                }
            }
        })
    };
    let next = {
        let search = search.clone();
        Callback::from(move |_: MouseEvent| search(true))
    };
    let previous = Callback::from(move |_: MouseEvent| search(false));
    html! {
        <div class="find-box" role="search" aria-label="Find in the article">
            <input ref={input} type="search" aria-label="Find in the article"
                placeholder="Find in the article" {onkeydown} />
            <button onclick={previous} aria-label="Previous match">{ "↑" }</button>
            <button onclick={next} aria-label="Next match">{ "↓" }</button>
            <button onclick={props.onclose.reform(|_: MouseEvent| ())} aria-label="Close find">{ "×" }</button>
            <span class="find-status" role="status">{ props.status.clone() }</span>
        </div>
    }
}

/// The article, once it can be shown without holding the page: a long text's block starts and
/// paragraphs are found a slice per task first (one pass over 19.6 MB took 57-110 ms, as the
/// first render after a reload or on switching to it), the article saying meanwhile that it is
/// opening. A long paste is readied before it opens (`recognise::open_long`).
#[component]
pub fn Article(props: &ArticleProps) -> Html {
    let update = use_force_update();
    let doc = &props.doc;
    let ready = doc.text().len() < READY_IN_SLICES_FROM || doc.is_ready_to_show();
    // The text by identity: comparing 20 MB at each render would be slow.
    let text = Arc::as_ptr(doc.shared_text()) as *const u8 as usize;
    {
        let doc = doc.clone();
        use_effect_with((text, ready), move |&(_, ready)| {
            if !ready {
                wasm_bindgen_futures::spawn_local(async move {
                    ready_to_show(&doc).await;
                    update.force_update();
                });
            }
        });
    }
    if !ready {
        return html! {
            <div id="article" class="article opening" ref={props.node_ref.clone()} tabindex="0"
                role="document" aria-busy="true" aria-label="Article: opening">
                <p>{ "Opening the document…" }</p>
            </div>
        };
    }
    html! { <Shown ..props.clone() /> }
}

/// Texts from this long on are readied in slices before they are shown (as long as a paste
/// that opens at once and is recognised in the worker).
const READY_IN_SLICES_FROM: usize = 250_000;

#[component]
fn Shown(props: &ArticleProps) -> Html {
    let doc = &props.doc;
    let texts = use_mut_ref(|| None::<Rc<Texts>>);
    let texts: Rc<Texts> = {
        let mut cached = texts.borrow_mut();
        match cached.as_ref() {
            Some(t) if Arc::ptr_eq(&t.text, doc.shared_text()) => t.clone(),
            _ => {
                let t = Rc::new(Texts::new(doc));
                *cached = Some(t.clone());
                t
            }
        }
    };
    let windowed = texts.windowed;
    let view = use_mut_ref(|| None::<Window>);
    let update = use_force_update();
    // One shared string per label and colour, not one per highlight.
    let styles: std::collections::HashMap<&str, (AttrValue, AttrValue)> = doc
        .labels()
        .iter()
        .map(|l| {
            (
                l.name.as_str(),
                (
                    AttrValue::from(l.name.clone()),
                    AttrValue::from(l.color.clone()),
                ),
            )
        })
        .collect();
    let spans = doc.spans();
    let selected_span = props.selected.and_then(|i| spans.get(i));
    let selected_start = selected_span.map(|s| s.start);
    // What to render: the whole text, or a window of paragraphs between two spacers.
    let (from, to, spacers) = if windowed {
        let mut guard = view.borrow_mut();
        if guard
            .as_ref()
            .is_none_or(|w| !Arc::ptr_eq(&w.text, doc.shared_text()))
        {
            let layout = Layout::of(doc.paragraphs().clone(), Metrics::default());
            *guard = Some(Window {
                text: doc.shared_text().clone(),
                shown: layout.window(0.0, 2.0 * view_height()),
                layout,
                focus: None,
                reveal: false,
                width: 0.0,
                rendered_end: 0,
            });
        }
        let w = guard.as_mut().expect("the window was just made");
        // The selection, the range waiting for a label, or the caret: when it moves out of
        // the window, the window moves to it.
        let focus = selected_span
            .map(|s| (s.start, s.end))
            .or(props.pending)
            .or(props.caret.map(|c| (c, c)));
        if focus != w.focus {
            w.focus = focus;
            if let Some((a, b)) = focus {
                let first = w.layout.paragraph_at(a);
                let last = w.layout.paragraph_at(b.saturating_sub(1).max(a));
                if !(w.shown.contains(&first) && w.shown.contains(&last)) {
                    w.shown = w.layout.around(first, last, view_height(), 200);
                }
                // The app scrolls a selected span into view itself.
                w.reveal = selected_span.is_none();
            }
        }
        let shown = w.layout.unsplit(w.shown.clone(), spans);
        let range = w.layout.text_range(&shown);
        w.rendered_end = range.end;
        let above = w.layout.top(shown.start);
        let below = w.layout.total() - w.layout.top(shown.end);
        (range.start, range.end, Some((above, below)))
    } else {
        (0, doc.char_len(), None)
    };
    // Lines become paragraphs (block-level, so the browser re-lays out only the one that
    // changed); a paragraph holds one or more blocks (inline, the unit of re-rendering).
    let mut paragraphs: Vec<(usize, Vec<Html>)> = Vec::new();
    let line_start = |cp: usize| cp == 0 || matches!(doc.slice(cp - 1, cp), "\n" | "\r");
    let starts = doc.block_starts();
    let mut next_span = spans.partition_point(|s| s.start < from);
    let mut b = starts.partition_point(|&s| s < from);
    while b < starts.len() && starts[b] < to {
        let start = starts[b];
        // Extend the block past any cut that a span crosses.
        let mut end_index = b + 1;
        let mut end = starts.get(end_index).copied().unwrap_or(doc.char_len());
        let mut pieces = Vec::new();
        while let Some(s) = spans.get(next_span).filter(|s| s.start < end) {
            while s.end > end {
                end_index += 1;
                end = starts.get(end_index).copied().unwrap_or(doc.char_len());
            }
            let (label, color) = styles
                .get(s.label.as_str())
                .cloned()
                .unwrap_or_else(|| (AttrValue::from(s.label.to_string()), AttrValue::default()));
            pieces.push(Piece {
                start: s.start,
                end: s.end,
                label,
                color,
                suggested: s.status == SpanStatus::Suggested,
            });
            next_span += 1;
        }
        let selected = selected_start.filter(|&x| x >= start && x < end);
        let caret = props
            .caret
            .filter(|&c| (c >= start && c < end) || (c == end && end == doc.char_len()));
        if paragraphs.is_empty() || line_start(start) {
            paragraphs.push((start, Vec::new()));
        }
        let blocks = &mut paragraphs
            .last_mut()
            .expect("a paragraph was just pushed")
            .1;
        blocks.push(html! {
            <Block key={start} {start} text={if windowed {
                    AttrValue::from(doc.slice(start, end).to_string())
                } else {
                    block_text(&texts.lines, b, end_index)
                }}
                {pieces} {selected} {caret} ondragedge={props.ondragedge.clone()} />
        });
        b = end_index;
    }
    // Focus comes here when the article appears with focus nowhere (the text box it replaces
    // had it), so the keyboard can go on at once.
    {
        let node = props.node_ref.clone();
        use_effect_with((), move |_| {
            let idle = gloo::utils::document()
                .active_element()
                .is_none_or(|el| el.tag_name() == "BODY");
            if let (true, Some(el)) = (idle, node.cast::<web_sys::HtmlElement>()) {
                let _ = el.focus();
            }
        });
    }
    // A windowed article measures what it rendered after every render, and follows scrolling
    // and resizing (once a frame at most).
    {
        let view = view.clone();
        let node = props.node_ref.clone();
        let update = update.clone();
        let map = windowed.then(|| doc.shared_offsets().clone());
        use_effect(move || {
            if let (Some(map), Some(root)) = (map, node.cast::<web_sys::Element>()) {
                if settle(&view, &root, &map) {
                    update.force_update();
                }
            }
        });
    }
    {
        let view = view.clone();
        let node = props.node_ref.clone();
        use_effect_with(windowed, move |&windowed| {
            let listeners = windowed.then(|| {
                let window = gloo::utils::window();
                let scheduled = Rc::new(Cell::new(false));
                let on = move |_: &Event| {
                    if scheduled.replace(true) {
                        return;
                    }
                    let (scheduled, view, node, update) = (
                        scheduled.clone(),
                        view.clone(),
                        node.clone(),
                        update.clone(),
                    );
                    let frame = wasm_bindgen::closure::Closure::once_into_js(move || {
                        scheduled.set(false);
                        if let Some(root) = node.cast::<web_sys::Element>() {
                            if follow_scroll(&view, &root) {
                                update.force_update();
                            }
                        }
                    });
                    let _ = gloo::utils::window().request_animation_frame(frame.unchecked_ref());
                };
                let options = gloo::events::EventListenerOptions::run_in_capture_phase();
                [
                    gloo::events::EventListener::new_with_options(
                        &window,
                        "scroll",
                        options,
                        on.clone(),
                    ),
                    gloo::events::EventListener::new(&window, "resize", on),
                ]
            });
            move || drop(listeners)
        });
    }
    // Find, for a long article: Ctrl+F in it opens the find box.
    let finding = use_state(|| 0u32);
    let find_status = use_state(AttrValue::default);
    // The query and the match last found, where Enter goes on from.
    let last_found = use_mut_ref(|| None::<(String, usize)>);
    let onkeydown = {
        let finding = finding.clone();
        Callback::from(move |e: KeyboardEvent| {
            let ctrl = e.ctrl_key() || e.meta_key();
            if windowed && ctrl && !e.alt_key() && e.key().eq_ignore_ascii_case("f") {
                e.prevent_default();
                finding.set(*finding + 1);
            }
        })
    };
    let onsearch = {
        let text = doc.shared_text().clone();
        let map = doc.shared_offsets().clone();
        let pending = props.pending;
        let here = pending.map(|p| p.0).or(props.caret).unwrap_or(0);
        let node = props.node_ref.clone();
        let onfind = props.onfind.clone();
        let status = find_status.clone();
        let last_found = last_found.clone();
        Callback::from(move |(query, forward): (String, bool)| {
            let mut last = last_found.borrow_mut();
            let from = match last.as_ref().filter(|(q, _)| *q == query) {
                Some((_, at)) if forward => at + 1,
                Some((_, at)) => *at,
                None => here,
            };
            match find(&text, &map, &query, from, forward) {
                Some(found) => {
                    *last = Some((query, found.0));
                    status.set(AttrValue::default());
                    // Found again inside the range already selected, which typing in the box
                    // unselected on the page: the selection itself will not change, so show it.
                    if let (Some((s, e)), Some(root)) = (pending, node.cast::<web_sys::Element>()) {
                        if s <= found.0 && found.1 <= e {
                            dom::select_in(&root, &map, s, e);
                        }
                    }
                    onfind.emit(found);
                }
                None if query.is_empty() => status.set(AttrValue::default()),
                None => status.set(format!("No match for “{query}”").into()),
            }
        })
    };
    let onclose = {
        let finding = finding.clone();
        let node = props.node_ref.clone();
        Callback::from(move |_: ()| {
            finding.set(0);
            if let Some(el) = node.cast::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        })
    };
    let paragraphs = paragraphs.into_iter().map(|(key, blocks)| {
        html! { <div class="para" {key} data-start={key.to_string()}>{ for blocks }</div> }
    });
    let spacer = |key: &'static str, height: f64| {
        html! { <div class="spacer" {key} aria-hidden="true" style={format!("height: {height:.1}px")}></div> }
    };
    html! {
        <>
            if windowed && *finding > 0 {
                <FindBox status={(*find_status).clone()} {onsearch} {onclose} opened={*finding} />
            }
            <div
                id="article"
                class="article"
                ref={props.node_ref.clone()}
                tabindex="0"
                role="document"
                aria-label="Article: arrow keys move the caret by words, Shift+arrows select, 1 to 9 label, J and K review suggestions"
                onmouseup={props.onmouseup.clone()}
                {onkeydown}
            >
                if let Some((above, _)) = spacers { { spacer("above", above) } }
                { for paragraphs }
                if let Some((_, below)) = spacers { { spacer("below", below) } }
            </div>
        </>
    }
}
