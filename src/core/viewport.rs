//! Which part of a long article to render. A 20 MB article is about a million DOM nodes when
//! rendered whole, so past a size the page renders only the paragraphs near the viewport, with
//! the height of the rest estimated (and measured once seen) so that the page scrolls as if all
//! of it were there. This is the arithmetic of that, in code points and CSS pixels; the article
//! component measures, listens to scrolling and renders.

use std::ops::Range;

use crate::core::document::Document;
use crate::core::spans::Spans;

/// Articles up to this many code points render whole, as they always have.
pub const WINDOWED_CHARS: usize = 100_000;
/// Articles up to this many paragraphs render whole.
pub const WINDOWED_PARAGRAPHS: usize = 400;
/// A line longer than this (in code points) is cut into several paragraphs for windowing, at
/// the text's block starts, so that a text without line breaks is windowed too.
pub const PARAGRAPH_LIMIT: usize = 10_000;

/// Whether an article of `chars` code points in `paragraphs` paragraphs renders only a window.
pub fn is_windowed(chars: usize, paragraphs: usize) -> bool {
    chars > WINDOWED_CHARS || paragraphs > WINDOWED_PARAGRAPHS
}

/// Where the paragraphs of `doc` start: its block starts at line starts, and within a very long
/// line every block start [`PARAGRAPH_LIMIT`] code points on. Always starts with 0.
pub fn paragraph_starts(doc: &Document) -> Vec<usize> {
    let mut out = vec![0];
    let bytes = doc.text().as_bytes();
    for &s in doc.block_starts().iter().skip_while(|&&s| s == 0) {
        // The byte before a line start is its line break (one lookup, not a slice's two).
        let line_start = doc
            .offsets()
            .cp_to_byte(s)
            .is_some_and(|b| matches!(bytes[b - 1], b'\n' | b'\r'));
        if line_start || s - out[out.len() - 1] >= PARAGRAPH_LIMIT {
            out.push(s);
        }
    }
    out
}

/// How text is laid out on the page, for estimating the height of paragraphs not yet seen.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Metrics {
    /// Height of one line, in CSS pixels.
    pub line_height: f64,
    /// Code points that fit on one line, on average.
    pub chars_per_line: f64,
}

impl Default for Metrics {
    /// The article's own style (1.08rem Georgia, line height 2) in a column of about 640 px.
    fn default() -> Self {
        Metrics {
            line_height: 34.56,
            chars_per_line: 80.0,
        }
    }
}

/// The estimated height of a paragraph of `chars` code points of which `breaks` are line
/// breaks (at its end): its text wrapped to lines, plus one empty line per break after the
/// first.
pub fn estimate(chars: usize, breaks: usize, m: &Metrics) -> f64 {
    let text = chars.saturating_sub(breaks) as f64;
    let lines =
        (text / m.chars_per_line.max(1.0)).ceil().max(1.0) + breaks.saturating_sub(1) as f64;
    lines * m.line_height
}

/// Code points per line that make [`estimate`] fit paragraphs as measured: `samples` are
/// (chars, breaks, measured height). Only paragraphs of two lines or more say anything about
/// the line length; `None` when there is none.
pub fn calibrate(samples: &[(usize, usize, f64)], line_height: f64) -> Option<f64> {
    if line_height <= 0.0 {
        return None;
    }
    let (mut text, mut lines) = (0.0, 0.0);
    for &(chars, breaks, height) in samples {
        let wrapped = (height / line_height).round() - breaks.saturating_sub(1) as f64;
        let t = chars.saturating_sub(breaks) as f64;
        if wrapped >= 2.0 && t > 0.0 {
            text += t;
            // The last line is half full on average.
            lines += wrapped - 0.5;
        }
    }
    (lines > 0.0).then(|| text / lines)
}

/// Prefix sums that stay cheap to update (a Fenwick tree): the top of paragraph `i` is the sum
/// of the heights before it, and one paragraph measured changes every top after it.
#[derive(Clone, Debug)]
struct Sums {
    /// 1-based; `tree[k]` sums the `k & -k` heights ending at `k`.
    tree: Vec<f64>,
}

impl Sums {
    fn new(values: &[f64]) -> Self {
        let mut tree = vec![0.0; values.len() + 1];
        for (i, v) in values.iter().enumerate() {
            let k = i + 1;
            tree[k] += v;
            let parent = k + (k & k.wrapping_neg());
            if parent < tree.len() {
                let t = tree[k];
                tree[parent] += t;
            }
        }
        Sums { tree }
    }

    fn add(&mut self, i: usize, delta: f64) {
        let mut k = i + 1;
        while k < self.tree.len() {
            self.tree[k] += delta;
            k += k & k.wrapping_neg();
        }
    }

    /// Sum of the first `i` values.
    fn prefix(&self, i: usize) -> f64 {
        let mut k = i.min(self.tree.len() - 1);
        let mut sum = 0.0;
        while k > 0 {
            sum += self.tree[k];
            k -= k & k.wrapping_neg();
        }
        sum
    }

    /// How many leading values sum to at most `y`.
    fn count_within(&self, y: f64) -> usize {
        let n = self.tree.len() - 1;
        let mut pos = 0;
        let mut rest = y;
        let mut step = n.checked_next_power_of_two().unwrap_or(0);
        while step > 0 {
            if pos + step <= n && self.tree[pos + step] <= rest {
                pos += step;
                rest -= self.tree[pos];
            }
            step /= 2;
        }
        pos
    }
}

/// The paragraphs of one text with their heights, estimated or measured.
#[derive(Clone, Debug)]
pub struct Layout {
    starts: Vec<usize>,
    len: usize,
    /// Per paragraph: code points, and line breaks among them.
    shape: Vec<(usize, usize)>,
    heights: Vec<f64>,
    measured: Vec<bool>,
    sums: Sums,
    metrics: Metrics,
}

/// Where a text's paragraphs start and their shapes (code points, and line breaks among
/// them): what a [`Layout`] is made from, found in one pass over the text, which a long
/// article's first render did itself (about 200 ms of its task for 19.6 MB); a document keeps
/// them ([`Document::paragraphs`]) so that they can be found in a task of their own before.
#[derive(Clone, Debug, PartialEq)]
pub struct Paragraphs {
    pub starts: Vec<usize>,
    shape: Vec<(usize, usize)>,
    len: usize,
}

impl Paragraphs {
    /// The paragraphs of `doc`, starting at [`paragraph_starts`].
    pub fn of(doc: &Document) -> Self {
        Paragraphs::new(doc.text(), paragraph_starts(doc))
    }
    /// The paragraphs of `text` that start at `starts` (sorted; 0 is added if missing).
    pub fn new(text: &str, starts: Vec<usize>) -> Self {
        let mut finding = FindingParagraphs::new(starts);
        while !finding.step(text, usize::MAX) {}
        finding.finish()
    }
}

/// [`Paragraphs`] found a paragraph at a time, about `bytes` of the text per
/// [`FindingParagraphs::step`], so that a page can spread the pass over a long text over
/// several tasks.
#[derive(Clone, Debug)]
pub struct FindingParagraphs {
    found: Paragraphs,
    /// The next paragraph, and the byte it starts at.
    next: usize,
    byte: usize,
}

impl FindingParagraphs {
    /// Finding the shapes of the paragraphs that start at `starts` (sorted; 0 is added if
    /// missing).
    pub fn new(starts: Vec<usize>) -> Self {
        let mut starts = starts;
        if starts.first() != Some(&0) {
            starts.insert(0, 0);
        }
        FindingParagraphs {
            found: Paragraphs {
                shape: Vec::with_capacity(starts.len()),
                starts,
                len: 0,
            },
            next: 0,
            byte: 0,
        }
    }

    /// The paragraphs of `doc`, from [`paragraph_starts`].
    pub fn of(doc: &Document) -> Self {
        FindingParagraphs::new(paragraph_starts(doc))
    }

    /// Goes on through whole paragraphs until about `bytes` more of `text` (the same text at
    /// every step) have been read; whether all are done.
    pub fn step(&mut self, text: &str, bytes: usize) -> bool {
        let all = text.as_bytes();
        let stop = self.byte.saturating_add(bytes);
        let Paragraphs { starts, shape, len } = &mut self.found;
        while self.next < starts.len() {
            let i = self.next;
            let n = starts
                .get(i + 1)
                .map_or(usize::MAX, |&e| e.saturating_sub(starts[i]));
            let from = self.byte;
            let count = advance(all, &mut self.byte, n);
            // Line breaks, a CRLF counted once; breaks are ASCII, so counted in bytes.
            let piece = &all[from..self.byte];
            let breaks = piece.iter().filter(|&&x| x == b'\r' || x == b'\n').count()
                - piece.windows(2).filter(|w| w == b"\r\n").count();
            *len += count;
            shape.push((count, breaks));
            self.next += 1;
            if self.byte >= stop {
                break;
            }
        }
        self.next == starts.len()
    }

    /// The paragraphs, once [`FindingParagraphs::step`] has said it is done.
    pub fn finish(self) -> Paragraphs {
        self.found
    }
}

/// Moves byte offset `b` of UTF-8 `bytes` on by up to `n` code points; returns how many it
/// moved. Runs of ASCII go a block at a time: 20 MB decoded character by character was half of
/// a long article's first render.
fn advance(bytes: &[u8], b: &mut usize, n: usize) -> usize {
    let mut count = 0;
    while count < n && *b < bytes.len() {
        let run = (n - count).min(64).min(bytes.len() - *b);
        if bytes[*b..*b + run].is_ascii() {
            *b += run;
            count += run;
            continue;
        }
        *b += 1;
        while *b < bytes.len() && bytes[*b] & 0xc0 == 0x80 {
            *b += 1;
        }
        count += 1;
    }
    count
}

impl Layout {
    /// The paragraphs of `text` (of `len` code points) that start at `starts` (sorted, from 0),
    /// every height estimated with `metrics`.
    pub fn new(text: &str, starts: Vec<usize>, metrics: Metrics) -> Self {
        Layout::of(Paragraphs::new(text, starts), metrics)
    }

    /// The layout of `paragraphs` (see [`Document::paragraphs`]), every height estimated with
    /// `metrics`: no pass over the text.
    pub fn of(paragraphs: Paragraphs, metrics: Metrics) -> Self {
        let Paragraphs { starts, shape, len } = paragraphs;
        let heights: Vec<f64> = shape
            .iter()
            .map(|&(c, b)| estimate(c, b, &metrics))
            .collect();
        Layout {
            sums: Sums::new(&heights),
            measured: vec![false; starts.len()],
            starts,
            len,
            shape,
            heights,
            metrics,
        }
    }

    /// How many paragraphs.
    pub fn count(&self) -> usize {
        self.starts.len()
    }

    pub fn metrics(&self) -> Metrics {
        self.metrics
    }

    /// Code points `[start, end)` of paragraphs `range`.
    pub fn text_range(&self, range: &Range<usize>) -> Range<usize> {
        let at = |i: usize| self.starts.get(i).copied().unwrap_or(self.len);
        at(range.start)..at(range.end)
    }

    /// The paragraph holding code point `cp` (the last one for the text's end or past it).
    pub fn paragraph_at(&self, cp: usize) -> usize {
        self.starts.partition_point(|&s| s <= cp).saturating_sub(1)
    }

    /// Where paragraph `i` starts on the page, below the article's top (the whole height for
    /// `i` past the last).
    pub fn top(&self, i: usize) -> f64 {
        self.sums.prefix(i)
    }

    /// The height of the whole article.
    pub fn total(&self) -> f64 {
        self.sums.prefix(self.count())
    }

    /// The paragraph at height `y` below the article's top (the first above it, the last below).
    pub fn at_height(&self, y: f64) -> usize {
        if y <= 0.0 {
            return 0;
        }
        self.sums.count_within(y).min(self.count() - 1)
    }

    /// The paragraphs that meet heights `[top, bottom]`, at least one.
    pub fn window(&self, top: f64, bottom: f64) -> Range<usize> {
        let first = self.at_height(top);
        first..(self.at_height(bottom) + 1).max(first + 1)
    }

    /// Whether `window` holds every paragraph that meets heights `[top, bottom]`.
    pub fn covers(&self, window: &Range<usize>, top: f64, bottom: f64) -> bool {
        let seen = self.window(top, bottom);
        window.start <= seen.start && seen.end <= window.end
    }

    /// A window of about `view` pixels above and two below paragraph `first`, reaching at least
    /// to paragraph `last` (when that is under `limit` paragraphs on).
    pub fn around(&self, first: usize, last: usize, view: f64, limit: usize) -> Range<usize> {
        let first = first.min(self.count() - 1);
        let y = self.top(first);
        let w = self.window(y - view, y + 2.0 * view);
        let last = last.clamp(first, first + limit).min(self.count() - 1);
        w.start..w.end.max(last + 1)
    }

    /// Records that the paragraphs of code points `[start, end)` measure `height` on the page
    /// (shared among them by length, when one element holds several); true when a height
    /// changed by more than a pixel.
    pub fn measure(&mut self, text: Range<usize>, height: f64) -> bool {
        if !height.is_finite() || height < 0.0 || text.start >= text.end {
            return false;
        }
        let (first, last) = (
            self.paragraph_at(text.start),
            self.paragraph_at(text.end - 1),
        );
        let chars: usize = (first..=last)
            .map(|i| self.shape[i].0)
            .sum::<usize>()
            .max(1);
        let mut changed = false;
        for i in first..=last {
            let h = height * self.shape[i].0 as f64 / chars as f64;
            let delta = h - self.heights[i];
            if delta.abs() > 1.0 {
                changed = true;
            }
            if delta != 0.0 {
                self.heights[i] = h;
                self.sums.add(i, delta);
            }
            self.measured[i] = true;
        }
        changed
    }

    /// Estimates every height again with `metrics`, forgetting what was measured (the column
    /// changed width, or the estimate was calibrated).
    pub fn set_metrics(&mut self, metrics: Metrics) {
        self.metrics = metrics;
        for (i, &(c, b)) in self.shape.iter().enumerate() {
            self.heights[i] = estimate(c, b, &metrics);
        }
        self.measured.iter_mut().for_each(|m| *m = false);
        self.sums = Sums::new(&self.heights);
    }

    /// (chars, breaks) of paragraph `i`, for [`calibrate`].
    pub fn shape(&self, i: usize) -> (usize, usize) {
        self.shape[i]
    }

    /// `window` grown until no span in `spans` (sorted, not overlapping) crosses its edges, so
    /// that every span it shows is whole.
    pub fn unsplit(&self, window: Range<usize>, spans: &Spans) -> Range<usize> {
        let crossed = |cp: usize| {
            let i = spans.partition_point(|s| s.end <= cp);
            spans.get(i).is_some_and(|s| s.start < cp)
        };
        let (mut first, mut last) = (
            window.start.min(self.count() - 1),
            window.end.min(self.count()),
        );
        while first > 0 && crossed(self.starts[first]) {
            first -= 1;
        }
        while last < self.count() && crossed(self.starts[last]) {
            last += 1;
        }
        first..last.max(first + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::document::Span;

    #[test]
    fn paragraphs_found_in_steps_are_the_paragraphs_found_at_once() {
        let text = format!(
            "Zoë met Kerry.\r\n\r\n{}\n東京 🇩🇪\n\nend",
            "word ".repeat(5000)
        );
        let doc = Document::new(&text);
        let whole = Paragraphs::of(&doc);
        assert!(whole.starts.len() > 3, "{:?}", whole.starts);
        for bytes in [0, 1, 7, 100, usize::MAX] {
            let mut finding = FindingParagraphs::of(&doc);
            while !finding.step(&text, bytes) {}
            assert!(finding.step(&text, bytes), "done stays done");
            assert_eq!(finding.finish(), whole, "{bytes} bytes a step");
        }
        assert_eq!(doc.paragraphs(), &whole);
    }

    const M: Metrics = Metrics {
        line_height: 10.0,
        chars_per_line: 10.0,
    };

    fn layout(paragraphs: &[&str]) -> Layout {
        let text = paragraphs.concat();
        let mut starts = vec![];
        let mut at = 0;
        for p in paragraphs {
            starts.push(at);
            at += p.chars().count();
        }
        Layout::new(&text, starts, M)
    }

    /// (chars, breaks) of each paragraph as the characters say, for comparing with the bytes'.
    fn shapes_by_chars(text: &str, starts: &[usize]) -> Vec<(usize, usize)> {
        let chars: Vec<char> = text.chars().collect();
        (0..starts.len())
            .map(|i| {
                let end = starts.get(i + 1).copied().unwrap_or(chars.len());
                let piece = &chars[starts[i].min(chars.len())..end.min(chars.len())];
                let breaks = piece
                    .iter()
                    .enumerate()
                    .filter(|&(k, &c)| c == '\r' || (c == '\n' && (k == 0 || piece[k - 1] != '\r')))
                    .count();
                (piece.len(), breaks)
            })
            .collect()
    }

    #[test]
    fn paragraph_shapes_count_code_points_and_breaks() {
        let unit = "Zoë met 👩\u{200d}🔬 in 東京.\r\n\r\nA long line of plain ASCII text, well over sixty-four bytes long, then é\n";
        let text = unit.repeat(40);
        let n = text.chars().count();
        for step in [1, 7, 63, 64, 65, 200, 1000] {
            let starts: Vec<usize> = (0..n).step_by(step).collect();
            let layout = Layout::new(&text, starts.clone(), M);
            let got: Vec<_> = (0..layout.count()).map(|i| layout.shape(i)).collect();
            assert_eq!(
                got,
                shapes_by_chars(&text, &starts),
                "every {step} code points"
            );
        }
    }

    #[test]
    fn long_articles_are_windowed_short_ones_are_not() {
        assert!(!is_windowed(20_000, 30));
        assert!(is_windowed(100_001, 30));
        assert!(is_windowed(50_000, 401));
    }

    #[test]
    fn paragraphs_start_at_lines_and_cut_very_long_lines() {
        let doc = Document::new("Kerry met Lavrov.\n\nIn Geneva.\r\nOn Tuesday.");
        assert_eq!(paragraph_starts(&doc), vec![0, 19, 31]);
        let long = "word ".repeat(5_000);
        let doc = Document::new(&long);
        let starts = paragraph_starts(&doc);
        assert!(
            starts.len() >= 2,
            "a 25,000-character line is cut: {starts:?}"
        );
        assert!(starts.windows(2).all(|w| w[1] - w[0] >= PARAGRAPH_LIMIT));
        assert!(starts.iter().all(|&s| doc.block_starts().contains(&s)));
    }

    #[test]
    fn heights_are_estimated_from_length_and_breaks() {
        // 25 characters of text wrap to 3 lines; two breaks add one empty line.
        assert_eq!(estimate(27, 2, &M), 40.0);
        assert_eq!(estimate(0, 0, &M), 10.0);
        let l = layout(&["0123456789012345678901234\n\n", "short\n", "end"]);
        assert_eq!(
            (l.top(0), l.top(1), l.top(2), l.total()),
            (0.0, 40.0, 50.0, 60.0)
        );
    }

    #[test]
    fn calibration_finds_the_line_length() {
        // 95 characters measured on 2 lines, 155 on 4: about 50 a line (the last half full).
        let cpl = calibrate(&[(95, 0, 20.0), (155, 0, 40.0), (3, 0, 10.0)], 10.0).unwrap();
        assert!((cpl - 50.0).abs() < 0.01, "{cpl}");
        assert_eq!(
            calibrate(&[(3, 0, 10.0)], 10.0),
            None,
            "one-line paragraphs say nothing"
        );
    }

    #[test]
    fn the_window_is_what_meets_the_view() {
        let l = layout(&["a\n"; 100]);
        assert_eq!(l.window(0.0, 45.0), 0..5);
        assert_eq!(l.window(995.0, 2000.0), 99..100);
        assert_eq!(l.window(-50.0, -10.0), 0..1);
        assert!(l.covers(&(3..10), 35.0, 95.0));
        assert!(!l.covers(&(4..10), 35.0, 95.0));
        assert_eq!(l.around(50, 50, 20.0, 10), 48..55);
        assert_eq!(
            l.around(50, 55, 20.0, 10),
            48..56,
            "reaches the end of the focus"
        );
        assert_eq!(l.around(50, 90, 20.0, 10), 48..61, "but not past the limit");
    }

    #[test]
    fn measuring_moves_what_is_below() {
        let mut l = layout(&["a\n"; 10]);
        assert!(l.measure(l.text_range(&(2..3)), 35.0));
        assert_eq!((l.top(2), l.top(3), l.total()), (20.0, 55.0, 125.0));
        assert!(
            !l.measure(l.text_range(&(2..3)), 35.5),
            "under a pixel is no change"
        );
        // One element holding two paragraphs shares its height by their length.
        let mut l = layout(&["abc\n", "a\n", "end"]);
        l.measure(0..6, 60.0);
        assert_eq!((l.top(1), l.top(2)), (40.0, 60.0));
        l.set_metrics(M);
        assert_eq!(l.top(2), 20.0, "new metrics forget the measurements");
    }

    #[test]
    fn the_paragraph_of_an_offset() {
        let l = layout(&["abc\n", "de\n", "f"]);
        let at: Vec<usize> = (0..=9).map(|cp| l.paragraph_at(cp)).collect();
        assert_eq!(at, vec![0, 0, 0, 0, 1, 1, 1, 2, 2, 2]);
        assert_eq!(l.text_range(&(1..3)), 4..8);
    }

    #[test]
    fn a_window_never_cuts_a_span() {
        let l = layout(&["ab\n", "cd\n", "ef\n", "gh"]);
        let spans = Spans::from(vec![Span::new(1, 4, "PERSON"), Span::new(7, 10, "PLACE")]);
        assert_eq!(l.unsplit(1..2, &spans), 0..2);
        assert_eq!(l.unsplit(3..4, &spans), 2..4);
        assert_eq!(l.unsplit(0..1, &Spans::new()), 0..1);
    }

    /// Property tests, natively only (proptest is not built for wasm).
    #[cfg(not(target_arch = "wasm32"))]
    mod props {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn sums_and_searches_agree_with_counting(
                heights in proptest::collection::vec(0u32..200, 1..120),
                updates in proptest::collection::vec((0usize..120, 0u32..200), 0..20),
                ys in proptest::collection::vec(-50.0f64..30_000.0, 1..10),
            ) {
                let paragraphs: Vec<String> = heights.iter().map(|_| "x\n".to_string()).collect();
                let refs: Vec<&str> = paragraphs.iter().map(|s| s.as_str()).collect();
                let mut l = layout(&refs);
                let mut naive: Vec<f64> = vec![10.0; heights.len()];
                for (i, &h) in heights.iter().enumerate() {
                    l.measure(l.text_range(&(i..i + 1)), h as f64);
                    naive[i] = h as f64;
                }
                for &(i, h) in &updates {
                    let i = i % heights.len();
                    l.measure(l.text_range(&(i..i + 1)), h as f64);
                    naive[i] = h as f64;
                }
                for i in 0..=naive.len() {
                    let want: f64 = naive[..i].iter().sum();
                    prop_assert!((l.top(i) - want).abs() < 1e-6);
                }
                for &y in &ys {
                    let p = l.at_height(y);
                    prop_assert!(p < naive.len());
                    // The paragraph at y starts at or above it, and the next one starts below it.
                    if y > 0.0 {
                        prop_assert!(l.top(p) <= y + 1e-6);
                        prop_assert!(p + 1 == naive.len() || l.top(p + 1) > y - 1e-6);
                    }
                    let w = l.window(y, y + 300.0);
                    prop_assert!(w.start <= p && p < w.end && w.end <= naive.len());
                    prop_assert!(l.covers(&w, y, y + 300.0));
                }
            }

            #[test]
            fn windows_hold_whole_spans_and_offsets_find_their_paragraph(
                lens in proptest::collection::vec(1usize..30, 1..40),
                cuts in proptest::collection::vec((0usize..1000, 1usize..60), 0..10),
                window in (0usize..40, 1usize..10),
            ) {
                let paragraphs: Vec<String> = lens.iter().map(|&n| format!("{}\n", "a".repeat(n))).collect();
                let refs: Vec<&str> = paragraphs.iter().map(|s| s.as_str()).collect();
                let l = layout(&refs);
                let len: usize = lens.iter().map(|n| n + 1).sum();
                // Non-overlapping spans, some across paragraph ends.
                let mut spans: Vec<Span> = Vec::new();
                let mut points: Vec<(usize, usize)> = cuts.iter().map(|&(s, n)| (s % len, (s % len + n).min(len))).collect();
                points.sort();
                for (s, e) in points {
                    if s < e && spans.last().is_none_or(|p| p.end <= s) {
                        spans.push(Span::new(s, e, "PERSON"));
                    }
                }
                let first = window.0 % l.count();
                let w = l.unsplit(first..first + window.1, &Spans::from(spans.clone()));
                prop_assert!(w.start <= first && w.end <= l.count() && w.start < w.end);
                let range = l.text_range(&w);
                for s in &spans {
                    let inside = s.start >= range.start && s.end <= range.end;
                    let outside = s.end <= range.start || s.start >= range.end;
                    prop_assert!(inside || outside, "span {:?} cut by {:?}", s, range);
                }
                for cp in 0..len {
                    let p = l.paragraph_at(cp);
                    prop_assert!(l.text_range(&(p..p + 1)).contains(&cp));
                }
            }
        }
    }
}
