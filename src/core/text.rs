//! Text, offsets and tokens.
//!
//! Spans are stored as Unicode code-point offsets (what spaCy, Prodigy and brat use). The DOM
//! speaks UTF-16 and Rust strings speak bytes, so every conversion between the three goes through
//! [`OffsetMap`], built once per text, and nowhere else.

use std::sync::Arc;

use unicode_segmentation::{GraphemeCursor, UnicodeSegmentation};

/// Code points between two marks of [`OffsetMap`]'s sparse index: a lookup walks at most this
/// many characters, and the index costs 16 bytes per this many code points.
const STRIDE: usize = 64;

/// Code-point ↔ byte ↔ UTF-16 conversions for one text. It keeps the text (shared, not
/// copied, when built with [`OffsetMap::shared`]) and the byte and UTF-16 offsets of every
/// [`STRIDE`]-th code point, and walks the few characters from the nearest mark: about a
/// quarter of a byte per character, where a table per character would cost 16. Pure ASCII,
/// where all three units agree, needs no marks at all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OffsetMap {
    text: Arc<str>,
    /// (byte, UTF-16) offsets of code points 0, STRIDE, 2·STRIDE, …; empty for ASCII text.
    marks: Vec<(usize, usize)>,
    chars: usize,
    utf16: usize,
}

impl OffsetMap {
    pub fn new(text: &str) -> Self {
        OffsetMap::shared(Arc::from(text))
    }

    /// The map of a text already shared (a document's), which it keeps rather than copies.
    pub fn shared(text: Arc<str>) -> Self {
        if text.is_ascii() {
            let n = text.len();
            return OffsetMap {
                text,
                marks: Vec::new(),
                chars: n,
                utf16: n,
            };
        }
        let mut indexing = Indexing::new(&text);
        while !indexing.step(&text, usize::MAX) {}
        indexing.finish(text)
    }

    /// Number of code points in the text.
    pub fn char_len(&self) -> usize {
        self.chars
    }

    /// Bytes the map holds besides the (shared) text: its sparse index.
    pub fn index_bytes(&self) -> usize {
        self.marks.capacity() * std::mem::size_of::<(usize, usize)>()
    }

    pub fn utf16_len(&self) -> usize {
        self.utf16
    }

    fn ascii(&self) -> bool {
        self.marks.is_empty()
    }

    /// Whether the characters from mark `i` to the next are all ASCII (as many bytes as
    /// characters), so that an offset among them needs no walk: most strides of a text with a
    /// few dashes or accents are, and placing 767,000 found spans walked for about 100 ms.
    fn ascii_stride(&self, i: usize) -> bool {
        let (b, _) = self.marks[i];
        let (end, chars) = match self.marks.get(i + 1) {
            Some(&(next, _)) => (next, STRIDE),
            None => (self.text.len(), self.chars - i * STRIDE),
        };
        end - b == chars
    }

    /// The characters from mark `i`: (code point, byte, UTF-16 offset) where it starts.
    fn walk_from_mark(&self, i: usize) -> (usize, usize, usize, std::str::Chars<'_>) {
        let (b, u) = self.marks[i];
        (i * STRIDE, b, u, self.text[b..].chars())
    }

    /// Byte offset of code point `cp`, or `None` past the end.
    pub fn cp_to_byte(&self, cp: usize) -> Option<usize> {
        if cp >= self.chars {
            return (cp == self.chars).then_some(self.text.len());
        }
        if self.ascii() {
            return Some(cp);
        }
        let (at, b, _, chars) = self.walk_from_mark(cp / STRIDE);
        if self.ascii_stride(cp / STRIDE) {
            return Some(b + (cp - at));
        }
        Some(b + chars.take(cp - at).map(char::len_utf8).sum::<usize>())
    }

    /// Code point at byte offset `b`, or `None` when `b` is not on a char boundary or out of range.
    pub fn byte_to_cp(&self, b: usize) -> Option<usize> {
        if !self.text.is_char_boundary(b) {
            return None;
        }
        if self.ascii() {
            return Some(b);
        }
        let i = self.marks.partition_point(|m| m.0 <= b) - 1;
        Some(i * STRIDE + self.text[self.marks[i].0..b].chars().count())
    }

    pub fn cp_to_utf16(&self, cp: usize) -> Option<usize> {
        if cp >= self.chars {
            return (cp == self.chars).then_some(self.utf16);
        }
        if self.ascii() {
            return Some(cp);
        }
        let (at, _, u, chars) = self.walk_from_mark(cp / STRIDE);
        if self.ascii_stride(cp / STRIDE) {
            return Some(u + (cp - at));
        }
        Some(u + chars.take(cp - at).map(char::len_utf16).sum::<usize>())
    }

    /// The code point at UTF-16 offset `u` (`Err` with it when `u` falls inside its surrogate
    /// pair); past the end, `Err` with the length.
    fn utf16_lookup(&self, u: usize) -> Result<usize, usize> {
        if u >= self.utf16 {
            return if u == self.utf16 {
                Ok(self.chars)
            } else {
                Err(self.chars)
            };
        }
        if self.ascii() {
            return Ok(u);
        }
        let i = self.marks.partition_point(|m| m.1 <= u) - 1;
        let (mut cp, _, mut unit, chars) = self.walk_from_mark(i);
        for c in chars {
            if unit == u {
                return Ok(cp);
            }
            if unit + c.len_utf16() > u {
                return Err(cp);
            }
            unit += c.len_utf16();
            cp += 1;
        }
        Ok(cp)
    }

    /// Code point at UTF-16 offset `u`. An offset inside a surrogate pair (which a DOM selection
    /// can report) rounds down to the start of that code point; past the end clamps to the end.
    pub fn utf16_to_cp(&self, u: usize) -> usize {
        self.utf16_lookup(u).unwrap_or_else(|cp| cp)
    }

    /// Code point at UTF-16 offset `u`, or `None` when `u` falls inside a surrogate pair or past
    /// the end. Importers use this rather than [`Self::utf16_to_cp`]: a file's offset that splits
    /// an emoji is an error to report, not a position to round.
    pub fn utf16_to_cp_exact(&self, u: usize) -> Option<usize> {
        self.utf16_lookup(u).ok()
    }

    /// The text of code points `[start, end)`, or `None` when out of range.
    pub fn slice<'a>(&self, text: &'a str, start: usize, end: usize) -> Option<&'a str> {
        if start > end {
            return None;
        }
        let (a, b) = (self.cp_to_byte(start)?, self.cp_to_byte(end)?);
        text.get(a..b)
    }

    /// Whether code point `cp` is on a grapheme-cluster boundary, so that a span edge there does
    /// not cut a base letter from its combining mark, an emoji sequence, or CR from LF.
    pub fn is_grapheme_boundary(&self, text: &str, cp: usize) -> bool {
        self.cp_to_byte(cp).is_some_and(|b| is_boundary_at(text, b))
    }
}

/// An [`OffsetMap`]'s index built about `bytes` of the text per [`Indexing::step`], so that a
/// page can spread it over several tasks.
#[derive(Clone, Debug)]
pub struct Indexing {
    marks: Vec<(usize, usize)>,
    b: usize,
    chars: usize,
    unit: usize,
}

impl Indexing {
    pub fn new(text: &str) -> Self {
        Indexing {
            marks: Vec::with_capacity(text.len() / STRIDE + 1),
            b: 0,
            chars: 0,
            unit: 0,
        }
    }

    /// Indexes about `bytes` more of `text` (the same text at every step); whether it is done.
    pub fn step(&mut self, text: &str, bytes: usize) -> bool {
        // From the lead bytes alone, a mark's worth of characters at a time: decoding every
        // character made this a third of opening a 20 MB article.
        let all = text.as_bytes();
        let stop = self.b.saturating_add(bytes.max(1));
        let (mut b, mut chars, mut unit) = (self.b, self.chars, self.unit);
        while b < all.len() && b < stop {
            self.marks.push((b, unit));
            if all.get(b..b + STRIDE).is_some_and(<[u8]>::is_ascii) {
                (b, chars, unit) = (b + STRIDE, chars + STRIDE, unit + STRIDE);
                continue;
            }
            let mut k = 0;
            while k < STRIDE && b < all.len() {
                let (len, units) = match all[b] {
                    0..0x80 => (1, 1),
                    0x80..0xe0 => (2, 1),
                    0xe0..0xf0 => (3, 1),
                    _ => (4, 2),
                };
                b += len;
                unit += units;
                k += 1;
            }
            chars += k;
        }
        (self.b, self.chars, self.unit) = (b, chars, unit);
        b >= all.len()
    }

    /// The map of `text` (the text indexed, shared), once [`Indexing::step`] has said it is
    /// done. Pure ASCII needs no marks.
    pub fn finish(mut self, text: Arc<str>) -> OffsetMap {
        if self.chars == text.len() {
            self.marks = Vec::new();
        }
        OffsetMap {
            text,
            marks: self.marks,
            chars: self.chars,
            utf16: self.unit,
        }
    }
}

/// What kind of token a [`Token`] is; the recogniser and selection snapping both use it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters (with marks, inner apostrophes), possibly mixed with digits.
    Word,
    /// Digits, possibly with inner `,` `.` separators (`50,000`, `4.5`).
    Number,
    /// A possessive clitic split off its word (`'s`, `’s`, `'`), kept outside names.
    Clitic,
    /// Anything else that is not white space: punctuation, symbols, emoji.
    Punct,
}

/// A token: `[start, end)` in code points.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: TokenKind,
}

/// `tokens` cut at every offset of `cuts` that falls inside one, so that spans ending or starting
/// there cover whole pieces (token-based exports, and agreement over tokens).
pub fn split_at(tokens: &[Token], mut cuts: Vec<usize>) -> Vec<Token> {
    cuts.sort_unstable();
    cuts.dedup();
    let mut out = Vec::with_capacity(tokens.len() + cuts.len());
    for t in tokens {
        let mut start = t.start;
        let inner = cuts.partition_point(|&c| c <= t.start);
        for &c in cuts[inner..].iter().take_while(|&&c| c < t.end) {
            out.push(Token {
                start,
                end: c,
                kind: t.kind,
            });
            start = c;
        }
        out.push(Token {
            start,
            end: t.end,
            kind: t.kind,
        });
    }
    out
}

/// Splits text into tokens by Unicode word boundaries (UAX #29), dropping white space and
/// splitting a trailing possessive `'s` off its word. Hyphens are tokens of their own, so
/// `Frank-Walter` is three tokens that the recogniser may join again.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    each_token(text, |t, _| out.push(t));
    out
}

/// [`tokenize`] one token at a time, with the token's byte range in `text`, for callers that
/// keep tokens their own way (the recogniser, on texts of millions of tokens).
pub fn each_token(text: &str, mut f: impl FnMut(Token, std::ops::Range<usize>)) {
    let mut cp = 0;
    for (byte, piece) in text.split_word_bound_indices() {
        let len = piece.chars().count();
        let start = cp;
        cp += len;
        if piece.chars().all(char::is_whitespace) {
            continue;
        }
        let kind = classify(piece);
        if kind == TokenKind::Word {
            if let Some(stem_len) = possessive_stem_len(piece) {
                let stem_bytes = piece
                    .char_indices()
                    .nth(stem_len)
                    .map_or(piece.len(), |(b, _)| b);
                f(
                    Token {
                        start,
                        end: start + stem_len,
                        kind,
                    },
                    byte..byte + stem_bytes,
                );
                f(
                    Token {
                        start: start + stem_len,
                        end: cp,
                        kind: TokenKind::Clitic,
                    },
                    byte + stem_bytes..byte + piece.len(),
                );
                continue;
            }
        }
        f(
            Token {
                start,
                end: cp,
                kind,
            },
            byte..byte + piece.len(),
        );
    }
}

fn classify(piece: &str) -> TokenKind {
    let mut letters = false;
    let mut digits = false;
    for c in piece.chars() {
        if c.is_alphabetic() {
            letters = true;
        } else if c.is_numeric() {
            digits = true;
        }
    }
    match (letters, digits) {
        (true, _) => TokenKind::Word,
        (false, true) => TokenKind::Number,
        _ => {
            // A lone combining mark after white space still belongs to no word: punctuation.
            TokenKind::Punct
        }
    }
}

/// For `Nin's` / `Nin’s` returns the length of `Nin` in code points.
fn possessive_stem_len(word: &str) -> Option<usize> {
    let chars: Vec<char> = word.chars().collect();
    let n = chars.len();
    if n >= 3 && matches!(chars[n - 2], '\'' | '’') && matches!(chars[n - 1], 's' | 'S') {
        return Some(n - 2);
    }
    None
}

/// Grows `[start, end)` (code points) to whole tokens and trims white space, as a mouse
/// selection should be snapped. Returns `None` when the range covers no token.
pub fn snap_to_tokens(tokens: &[Token], start: usize, end: usize) -> Option<(usize, usize)> {
    let (start, end) = if start <= end {
        (start, end)
    } else {
        (end, start)
    };
    let touching = |t: &&Token| {
        if start == end {
            t.start <= start && start < t.end
        } else {
            t.start < end && start < t.end
        }
    };
    let first = tokens.iter().find(touching)?;
    let last = tokens.iter().rev().find(touching)?;
    Some((first.start, last.end))
}

/// Tokenising a text a slice at a time, so that a page can tokenise a long text between
/// frames: the slices together give exactly [`tokenize`] of the whole text. A slice ends where
/// UAX #29 always puts a word boundary whatever comes before or after (after a line feed, or
/// between an ASCII space and an ASCII letter or digit), so each slice is tokenised alone.
#[derive(Clone, Debug, Default)]
pub struct Tokenising {
    /// Where the next slice starts, in bytes and in code points.
    byte: usize,
    cp: usize,
    tokens: Vec<Token>,
    /// Room was made for the tokens at the first slice (see [`Tokenising::step`]).
    reserved: bool,
}

impl Tokenising {
    pub fn new() -> Self {
        Tokenising::default()
    }

    /// Tokenises at least `bytes` more of `text` (to the next place a slice may end, or the
    /// end); `true` once the whole text is done. `text` is the same text at every step.
    pub fn step(&mut self, text: &str, bytes: usize) -> bool {
        if self.byte >= text.len() {
            return true;
        }
        if self.byte == 0 && bytes < text.len() {
            // Room for the tokens at once (about one per 4 bytes of prose): grown by doubling,
            // the vector of a 19.6 MB text was copied whole in one slice (a 43 ms realloc);
            // `finish` gives back what is left over.
            self.tokens.reserve(text.len() / 4);
            self.reserved = true;
        }
        let end = slice_end(text, self.byte.saturating_add(bytes.max(1)));
        let (cp, tokens) = (self.cp, &mut self.tokens);
        let slice = &text[self.byte..end];
        each_token(slice, |t, _| {
            tokens.push(Token {
                start: t.start + cp,
                end: t.end + cp,
                kind: t.kind,
            })
        });
        self.cp += slice.chars().count();
        self.byte = end;
        end >= text.len()
    }

    /// Bytes of the text tokenised so far.
    pub fn done_bytes(&self) -> usize {
        self.byte
    }

    /// The tokens of the whole `text`, tokenising what is left at once.
    pub fn finish(mut self, text: &str) -> Vec<Token> {
        while !self.step(text, usize::MAX) {}
        if self.reserved {
            self.tokens.shrink_to_fit();
        }
        self.tokens
    }
}

/// The first byte at or after `from` where a slice of `text` may end (see [`Tokenising`]), or
/// the end of the text. Both kinds of place follow an ASCII byte, so they are char boundaries.
fn slice_end(text: &str, from: usize) -> usize {
    let bytes = text.as_bytes();
    (from.max(1)..bytes.len())
        .find(|&i| {
            let (before, at) = (bytes[i - 1], bytes[i]);
            before == b'\n' || (before == b' ' && at.is_ascii_alphanumeric())
        })
        .unwrap_or(bytes.len())
}

/// Longest run of text, in code points, that a view renders as one block.
pub const BLOCK_LIMIT: usize = 2000;
/// How far past [`BLOCK_LIMIT`] a line without white space (Chinese, Japanese) runs before it
/// is cut at any grapheme boundary instead of at a word start.
pub const BLOCK_SLACK: usize = 200;

/// Code points where the text may be cut into blocks for rendering: line starts, and within a
/// line longer than [`BLOCK_LIMIT`] the next word start after white space (or, in a text
/// without white space, the next grapheme boundary [`BLOCK_SLACK`] further on). A function of
/// the text alone, so that rendering never waits for tokens; a view that re-renders one block
/// per edit stays fast on long articles, and only cuts where no span crosses.
pub fn block_starts(text: &str) -> Vec<usize> {
    let mut finding = BlockStarts::new();
    while !finding.step(text, usize::MAX) {}
    finding.finish()
}

/// [`block_starts`] found a line at a time, about `bytes` of the text per
/// [`BlockStarts::step`], so that a page can spread the scan of a long text over several tasks.
#[derive(Clone, Debug)]
pub struct BlockStarts {
    starts: Vec<usize>,
    byte: usize,
    cp: usize,
    done: bool,
}

impl Default for BlockStarts {
    fn default() -> Self {
        BlockStarts::new()
    }
}

impl BlockStarts {
    pub fn new() -> Self {
        BlockStarts {
            starts: vec![0],
            byte: 0,
            cp: 0,
            done: false,
        }
    }

    /// Goes on through whole lines until about `bytes` more of `text` (the same text at every
    /// step) have been read; whether the end has been reached.
    pub fn step(&mut self, text: &str, bytes: usize) -> bool {
        // Line by line, counting a short line's code points without decoding them (20 MB opens
        // in this one scan): only a line longer than the limit is walked character by character.
        let all = text.as_bytes();
        let is_break = |b: &u8| matches!(b, b'\n' | b'\r');
        let stop = self.byte.saturating_add(bytes);
        // At least one line per step, however small `bytes` is.
        while !self.done {
            let byte = self.byte;
            let end = all[byte..]
                .iter()
                .position(is_break)
                .map_or(all.len(), |i| byte + i);
            let line = &text[byte..end];
            let n = line.chars().count();
            if n > BLOCK_LIMIT {
                cut_long_line(text, byte, end, self.cp, &mut self.starts);
            }
            self.cp += n;
            let breaks = all[end..].iter().take_while(|b| is_break(b)).count();
            (self.byte, self.cp) = (end + breaks, self.cp + breaks);
            if self.byte >= all.len() {
                self.done = true;
            } else {
                self.starts.push(self.cp);
            }
            if self.byte >= stop {
                break;
            }
        }
        self.done
    }

    /// The block starts, once [`BlockStarts::step`] has said it is done.
    pub fn finish(self) -> Vec<usize> {
        self.starts
    }
}

/// The cuts within the line of bytes `[from, to)` of `text`, which starts at code point `cp`.
fn cut_long_line(text: &str, from: usize, to: usize, cp: usize, starts: &mut Vec<usize>) {
    let mut last = cp;
    let mut prev = None;
    for (at, (byte, c)) in text[from..to].char_indices().enumerate() {
        let Some(p) = prev.replace(c) else { continue };
        let at = cp + at;
        let cut = at - last >= BLOCK_LIMIT
            && ((p.is_whitespace() && !c.is_whitespace())
                || at - last >= BLOCK_LIMIT + BLOCK_SLACK)
            && is_boundary_at(text, from + byte);
        if cut {
            starts.push(at);
            last = at;
        }
    }
}

/// Whether byte `b` of `text` is a grapheme-cluster boundary.
fn is_boundary_at(text: &str, b: usize) -> bool {
    // Between two ASCII characters the only join is CR LF (no ASCII character extends,
    // prepends, joins or is pictographic), and the ends of a text are boundaries: the cursor,
    // which looks up the properties of the characters either side, is for the rest.
    let bytes = text.as_bytes();
    if b == 0 || b == bytes.len() {
        return true;
    }
    if let (Some(&before), Some(&after)) = (bytes.get(b - 1), bytes.get(b)) {
        if before.is_ascii() && after.is_ascii() {
            return !(before == b'\r' && after == b'\n');
        }
    }
    GraphemeCursor::new(b, text.len(), true)
        .is_boundary(text, 0)
        .unwrap_or(false)
}

/// Token-wise steps for growing and shrinking a range from the keyboard.
pub mod step {
    use super::Token;

    /// The end of the first token that ends after `pos`.
    pub fn next_end(tokens: &[Token], pos: usize) -> Option<usize> {
        let i = tokens.partition_point(|t| t.end <= pos);
        tokens.get(i).map(|t| t.end)
    }

    /// The end of the last token that ends before `pos`.
    pub fn prev_end(tokens: &[Token], pos: usize) -> Option<usize> {
        let i = tokens.partition_point(|t| t.end < pos);
        i.checked_sub(1).map(|i| tokens[i].end)
    }

    /// The start of the first token that starts after `pos`.
    pub fn next_start(tokens: &[Token], pos: usize) -> Option<usize> {
        let i = tokens.partition_point(|t| t.start <= pos);
        tokens.get(i).map(|t| t.start)
    }

    /// The start of the last token that starts before `pos`.
    pub fn prev_start(tokens: &[Token], pos: usize) -> Option<usize> {
        let i = tokens.partition_point(|t| t.start < pos);
        i.checked_sub(1).map(|i| tokens[i].start)
    }

    /// Whether `[start, end)` begins and ends on token edges (covers whole tokens).
    pub fn is_whole(tokens: &[Token], start: usize, end: usize) -> bool {
        tokens.binary_search_by_key(&start, |t| t.start).is_ok()
            && tokens.binary_search_by_key(&end, |t| t.end).is_ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        let map = OffsetMap::new(text);
        tokenize(text)
            .iter()
            .map(|t| map.slice(text, t.start, t.end).unwrap())
            .collect()
    }

    #[test]
    fn offsets_agree_on_astral_and_combining_text() {
        let text = "a😀e\u{301}\r\n中";
        let map = OffsetMap::new(text);
        assert_eq!(map.char_len(), 7);
        assert_eq!(map.utf16_len(), 8);
        assert_eq!(map.cp_to_utf16(2), Some(3));
        assert_eq!(map.utf16_to_cp(3), 2);
        // Inside the surrogate pair of 😀 rounds down to the emoji's start.
        assert_eq!(map.utf16_to_cp(2), 1);
        assert_eq!(map.cp_to_byte(2), Some(5));
        assert_eq!(map.byte_to_cp(5), Some(2));
        assert_eq!(map.byte_to_cp(2), None);
        assert_eq!(map.slice(text, 6, 7), Some("中"));
        assert!(
            !map.is_grapheme_boundary(text, 3),
            "between e and its accent"
        );
        assert!(!map.is_grapheme_boundary(text, 5), "between CR and LF");
        assert!(map.is_grapheme_boundary(text, 4));
    }

    #[test]
    fn tokens_keep_names_numbers_and_split_possessives() {
        assert_eq!(
            words("Anaïs Nin's 50,000 O'Neill, Frank-Walter"),
            vec!["Anaïs", "Nin", "'s", "50,000", "O'Neill", ",", "Frank", "-", "Walter"]
        );
        assert_eq!(
            words("José’s 4.5% $3"),
            vec!["José", "’s", "4.5", "%", "$", "3"]
        );
    }

    #[test]
    fn blocks_start_at_lines_and_cut_long_lines_at_tokens() {
        let text = "one two\r\n\r\nthree\nfour";
        assert_eq!(block_starts(text), vec![0, 11, 17]);
        let long = "word ".repeat(1000);
        let starts = block_starts(&long);
        assert!(starts.len() >= 2);
        assert!(
            starts.iter().all(|s| s % 5 == 0),
            "cuts fall on word starts"
        );
    }

    #[test]
    fn steps_move_by_whole_tokens() {
        let text = "Dr. Sarah O'Neill, 50";
        let toks = tokenize(text);
        // Tokens: Dr . Sarah O'Neill , 50 at 0-2 2-3 4-9 10-17 17-18 19-21.
        assert_eq!(step::next_end(&toks, 9), Some(17));
        assert_eq!(step::next_end(&toks, 21), None);
        assert_eq!(step::prev_end(&toks, 17), Some(9));
        assert_eq!(step::prev_end(&toks, 2), None);
        assert_eq!(step::next_start(&toks, 4), Some(10));
        assert_eq!(step::prev_start(&toks, 10), Some(4));
        assert!(step::is_whole(&toks, 4, 17));
        assert!(!step::is_whole(&toks, 5, 17));
    }

    #[test]
    fn snapping_grows_to_whole_tokens() {
        let text = "Jean-Marc Ayrault met Kerry";
        let toks = tokenize(text);
        assert_eq!(snap_to_tokens(&toks, 2, 12), Some((0, 17)));
        assert_eq!(snap_to_tokens(&toks, 17, 18), None, "white space alone");
        assert_eq!(
            snap_to_tokens(&toks, 23, 23),
            Some((22, 27)),
            "a caret inside a word"
        );
        assert_eq!(
            snap_to_tokens(&toks, 27, 22),
            Some((22, 27)),
            "backwards selection"
        );
    }

    #[test]
    fn the_offset_index_costs_a_fraction_of_a_byte_per_character() {
        let text = "Zoë met 👩‍🔬 in 東京, then e\u{301} مصر.\r\n".repeat(5000);
        let n = text.chars().count();
        let map = OffsetMap::new(&text);
        assert!(
            map.index_bytes() * 2 <= n,
            "{} bytes for {n} code points",
            map.index_bytes()
        );
        assert_eq!(
            OffsetMap::new(&"Kerry ".repeat(1000)).index_bytes(),
            0,
            "ASCII needs none"
        );
        // Spot checks far from the start, across marks.
        let cp = n - 7;
        let byte = text.char_indices().nth(cp).unwrap().0;
        assert_eq!(map.cp_to_byte(cp), Some(byte));
        assert_eq!(map.byte_to_cp(byte), Some(cp));
        let unit = text[..byte].encode_utf16().count();
        assert_eq!(map.cp_to_utf16(cp), Some(unit));
        assert_eq!(map.utf16_to_cp_exact(unit), Some(cp));
    }

    #[test]
    fn a_long_line_without_white_space_is_cut_at_grapheme_boundaries() {
        let text = "東京e\u{301}👩\u{200d}🔬".repeat(1000);
        let map = OffsetMap::new(&text);
        let starts = block_starts(&text);
        assert!(starts.len() >= 2, "{starts:?}");
        for pair in starts.windows(2) {
            assert!(
                pair[1] - pair[0] <= BLOCK_LIMIT + BLOCK_SLACK + 3,
                "{pair:?}"
            );
            assert!(map.is_grapheme_boundary(&text, pair[1]));
        }
    }

    #[test]
    fn tokenising_in_slices_gives_the_same_tokens() {
        let text =
            "Kerry's visit.\n\u{301}Zoë met 50,000 people\r\nin 東京 🇩🇪🇩🇪 O'Neill\n".repeat(50);
        for bytes in [1, 7, 100, 4096, usize::MAX] {
            let mut t = Tokenising::new();
            let mut steps = 0;
            while !t.step(&text, bytes) {
                steps += 1;
            }
            assert!(bytes > 100 || steps > 10, "{bytes} bytes: {steps} steps");
            assert_eq!(t.done_bytes(), text.len());
            assert_eq!(t.finish(&text), tokenize(&text), "{bytes} bytes a slice");
        }
    }

    #[cfg(not(target_arch = "wasm32"))]
    mod properties {
        use super::super::{
            block_starts, tokenize, BlockStarts, OffsetMap, Tokenising, BLOCK_LIMIT, BLOCK_SLACK,
        };
        use proptest::prelude::*;

        /// Text for the tokeniser: words, possessives, numbers, marks and joiners right after
        /// line breaks and spaces, flags in runs, every kind of line break.
        fn token_text() -> impl Strategy<Value = String> {
            let pieces = prop::sample::select(vec![
                "a", "Zoë", " ", "  ", "\t", "\n", "\r", "\r\n", "\u{301}", "\u{200d}", "'s",
                "Nin's", "’", "'", "50,000", "4.5", ".", ",", "-", "中", "文", "😀", "🇩🇪", "👍🏽",
                "\u{2028}", "\u{85}", "\u{a0}", "\u{3000}", "x1", "9", "_", "ｶ",
            ]);
            prop::collection::vec(pieces, 0..200).prop_map(|v| v.concat())
        }

        /// Text with long lines: mostly words and spaces, or mostly CJK and marks, with line
        /// breaks rare.
        fn long_lines() -> impl Strategy<Value = String> {
            let pieces = prop::sample::select(vec![
                "word",
                " ",
                "中",
                "文字",
                "e\u{301}",
                "\u{301}",
                "👩\u{200d}🔬",
                "\r\n",
                "\u{a0}",
                "🇩🇪",
                "ab",
                "\r",
                "  ",
            ]);
            let weights = prop::collection::vec(prop::sample::select(vec![0usize, 1, 2, 3]), 1..3);
            (weights, prop::collection::vec(pieces, 0..3000)).prop_map(|(drop, v)| {
                // Leave out some kinds of piece, so some texts have no spaces or no breaks.
                v.into_iter()
                    .filter(|p| {
                        !drop.iter().any(|&d| match d {
                            0 => p.chars().any(char::is_whitespace),
                            1 => p.contains('\n') || p.contains('\r'),
                            _ => p.is_ascii(),
                        })
                    })
                    .collect::<String>()
            })
        }

        proptest! {
            #[test]
            fn tokenising_in_slices_equals_tokenising_at_once(
                text in token_text(),
                bytes in prop::sample::select(vec![1usize, 2, 3, 5, 8, 13, 64, 1000]),
            ) {
                let mut t = Tokenising::new();
                while !t.step(&text, bytes) {}
                prop_assert!(t.step(&text, bytes), "done stays done");
                prop_assert_eq!(t.finish(&text), tokenize(&text));
            }

            #[test]
            fn block_starts_are_valid_cuts(text in long_lines(), step in 0usize..3000) {
                let map = OffsetMap::new(&text);
                let starts = block_starts(&text);
                let mut finding = BlockStarts::new();
                while !finding.step(&text, step) {}
                prop_assert!(finding.step(&text, step), "done stays done");
                prop_assert_eq!(&finding.finish(), &starts, "found in steps, the same");
                let chars: Vec<char> = text.chars().collect();
                let n = chars.len();
                prop_assert_eq!(starts[0], 0);
                prop_assert!(starts.windows(2).all(|w| w[0] < w[1]), "increasing");
                prop_assert!(starts.iter().all(|&s| s < n.max(1)));
                for &s in &starts {
                    prop_assert!(map.is_grapheme_boundary(&text, s), "{} is inside a character", s);
                }
                let is_break = |c: char| c == '\n' || c == '\r';
                let line_start = |i: usize| i > 0 && is_break(chars[i - 1]) && !is_break(chars[i]);
                let word_start = |i: usize| chars[i - 1].is_whitespace() && !chars[i].is_whitespace();
                for i in 1..n {
                    if line_start(i) {
                        prop_assert!(starts.binary_search(&i).is_ok(), "line start {} missing", i);
                    }
                }
                let ends = starts.iter().skip(1).copied().chain([n]);
                for (&s, e) in starts.iter().zip(ends) {
                    // Past the limit, the block ends at the first place it could.
                    for i in (s + BLOCK_LIMIT).max(1)..e {
                        let boundary = map.is_grapheme_boundary(&text, i);
                        prop_assert!(
                            !(boundary && word_start(i)),
                            "block {}..{} runs past a word start at {}", s, e, i
                        );
                        prop_assert!(
                            !(boundary && i >= s + BLOCK_LIMIT + BLOCK_SLACK),
                            "block {}..{} runs past a boundary at {}", s, e, i
                        );
                    }
                }
            }
        }

        /// Text mixing ASCII, accents, combining marks, CJK, RTL, astral emoji (ZWJ, flags,
        /// skin tones), tabs and CRLF: every width in UTF-8 (1–4 bytes) and UTF-16 (1–2 units).
        fn mixed_text() -> impl Strategy<Value = String> {
            let pieces = prop::sample::select(vec![
                "a",
                "Z",
                " ",
                "\t",
                "\r\n",
                "\n",
                "é",
                "e\u{301}",
                "中",
                "文",
                "مرحبا",
                "שלום",
                "😀",
                "👨\u{200d}👩\u{200d}👧",
                "🇩🇪",
                "👍🏽",
                "\u{10ffff}",
                "ß",
                "€",
                // Runs of ASCII that cover whole marks, which the index skips at once.
                "Foreign ministers from 17 countries met in Geneva on Tuesday, in a row. ",
            ]);
            // Long enough to cross several marks of the sparse index.
            prop::collection::vec(pieces, 0..300).prop_map(|v| v.concat())
        }

        proptest! {
            #[test]
            fn code_points_bytes_and_utf16_agree_with_std(text in mixed_text()) {
                let map = OffsetMap::new(&text);
                prop_assert_eq!(map.char_len(), text.chars().count());
                prop_assert_eq!(map.utf16_len(), text.encode_utf16().count());
                let (mut byte, mut unit) = (0, 0);
                for (cp, c) in text.chars().enumerate() {
                    prop_assert_eq!(map.cp_to_byte(cp), Some(byte));
                    prop_assert_eq!(map.byte_to_cp(byte), Some(cp));
                    prop_assert_eq!(map.cp_to_utf16(cp), Some(unit));
                    prop_assert_eq!(map.utf16_to_cp(unit), cp);
                    prop_assert_eq!(map.utf16_to_cp_exact(unit), Some(cp));
                    if c.len_utf16() == 2 {
                        // Inside a surrogate pair: rounds down, and the exact form refuses.
                        prop_assert_eq!(map.utf16_to_cp(unit + 1), cp);
                        prop_assert_eq!(map.utf16_to_cp_exact(unit + 1), None);
                    }
                    for inner in 1..c.len_utf8() {
                        prop_assert_eq!(map.byte_to_cp(byte + inner), None);
                    }
                    byte += c.len_utf8();
                    unit += c.len_utf16();
                }
                let n = map.char_len();
                prop_assert_eq!(map.cp_to_byte(n), Some(text.len()));
                prop_assert_eq!(map.cp_to_byte(n + 1), None);
                prop_assert_eq!(map.utf16_to_cp_exact(unit + 1), None);
                prop_assert_eq!(map.utf16_to_cp(unit + 5), n, "past the end clamps");
            }

            #[test]
            fn grapheme_boundaries_agree_with_unicode_segmentation(text in mixed_text()) {
                let map = OffsetMap::new(&text);
                let bounds: std::collections::HashSet<usize> =
                    unicode_segmentation::UnicodeSegmentation::grapheme_indices(text.as_str(), true)
                    .map(|(b, _)| b)
                    .chain([text.len()])
                    .collect();
                let mut byte = 0;
                for cp in 0..=map.char_len() {
                    prop_assert_eq!(
                        map.is_grapheme_boundary(&text, cp),
                        bounds.contains(&byte),
                        "at code point {}", cp
                    );
                    byte += text[byte..].chars().next().map_or(0, char::len_utf8);
                }
            }

            #[test]
            fn round_trips_through_every_unit(text in mixed_text(), a in 0usize..700, b in 0usize..700) {
                let map = OffsetMap::new(&text);
                let n = map.char_len();
                let (a, b) = (a.min(n), b.min(n));
                let u = map.cp_to_utf16(a).unwrap();
                prop_assert_eq!(map.utf16_to_cp_exact(u), Some(a));
                let byte = map.cp_to_byte(a).unwrap();
                prop_assert_eq!(map.byte_to_cp(byte), Some(a));
                let (s, e) = (a.min(b), a.max(b));
                let slice = map.slice(&text, s, e).unwrap();
                let expected: String = text.chars().skip(s).take(e - s).collect();
                prop_assert_eq!(slice, expected.as_str());
                // UTF-16 length of the slice equals the difference of UTF-16 offsets.
                prop_assert_eq!(
                    slice.encode_utf16().count(),
                    map.cp_to_utf16(e).unwrap() - map.cp_to_utf16(s).unwrap()
                );
            }
        }
    }
}
