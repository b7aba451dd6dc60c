//! Tokens with their text, as the recogniser's grammars and features read them.

use super::hash::HashSet;
use crate::core::text::{each_token, TokenKind};

/// A token of [`crate::core::text::tokenize`] with its text and whether white space precedes it,
/// which tells `G7`-like identifiers (`COVID-19`) from free-standing numbers (`- 19`).
///
/// 24 bytes: a text has millions of them. The end is not kept, since the text gives it.
#[derive(Clone, Copy, Debug)]
pub struct Tok<'a> {
    pub text: &'a str,
    /// Start in code points ([`toks`] takes no text of 4 GiB or more).
    start: u32,
    pub kind: TokenKind,
    /// White space (or the start of the text) comes right before this token.
    pub space_before: bool,
    /// A line break comes between the previous token and this one.
    pub newline_before: bool,
}

// Stays small on 64-bit targets (16 bytes on wasm32).
const _: () = assert!(std::mem::size_of::<Tok<'static>>() <= 24);

impl Tok<'_> {
    /// Where the token starts, in code points.
    pub fn start(&self) -> usize {
        self.start as usize
    }

    /// Where the token ends (exclusive), in code points.
    pub fn end(&self) -> usize {
        self.start as usize + self.text.chars().count()
    }
}

/// What ends a line (Unicode's mandatory breaks): no span crosses one.
pub const LINE_BREAKS: [char; 7] = [
    '\n', '\r', '\u{b}', '\u{c}', '\u{85}', '\u{2028}', '\u{2029}',
];

/// Tokenises `text`, keeping the token texts as slices so nothing is copied. A text of 4 GiB
/// or more has no tokens: its offsets would not fit the tokens' `u32`.
pub fn toks(text: &str) -> Vec<Tok<'_>> {
    let mut out: Vec<Tok<'_>> = Vec::new();
    if u32::try_from(text.len()).is_err() {
        return out;
    }
    let mut prev_end_byte = 0usize;
    each_token(text, |t, bytes| {
        let gap = &text[prev_end_byte..bytes.start];
        out.push(Tok {
            text: &text[bytes.clone()],
            // Fits: no more code points than bytes.
            start: t.start as u32,
            kind: t.kind,
            space_before: out.is_empty() || !gap.is_empty(),
            newline_before: gap.contains(LINE_BREAKS),
        });
        prev_end_byte = bytes.end;
    });
    out
}

/// Lower-cases an ASCII word into `buf`; `None` for non-ASCII or long words, which are in no
/// word list the grammars use. A word already in lower case is handed back as it is.
pub fn ascii_lower<'b>(s: &'b str, buf: &'b mut [u8; 24]) -> Option<&'b str> {
    if s.len() > buf.len() || !s.is_ascii() {
        return None;
    }
    // Most words of a text: nothing to copy, and no UTF-8 to check again.
    if !s.bytes().any(|b| b.is_ascii_uppercase()) {
        return Some(s);
    }
    for (d, b) in buf.iter_mut().zip(s.bytes()) {
        *d = b.to_ascii_lowercase();
    }
    std::str::from_utf8(&buf[..s.len()]).ok()
}

/// Whether the word starts with an upper-case letter.
pub fn is_capitalised(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
}

/// The words `toks` writes in lower case: a capitalised word the text also writes so is a
/// common word there (`Grace` and `grace`, `Army` and `army`), whatever the name lists say.
pub fn lower_case_words<'t>(toks: &[Tok<'t>]) -> HashSet<&'t str> {
    toks.iter()
        .filter(|t| t.kind == TokenKind::Word && t.text.starts_with(char::is_lowercase))
        .map(|t| t.text)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_texts_and_spacing_follow_the_text() {
        let t = toks("Zoë's COVID-19\nx");
        let texts: Vec<&str> = t.iter().map(|t| t.text).collect();
        assert_eq!(texts, ["Zoë", "'s", "COVID", "-", "19", "x"]);
        let spaced: Vec<bool> = t.iter().map(|t| t.space_before).collect();
        assert_eq!(spaced, [true, false, true, false, false, true]);
        assert!(t[5].newline_before && !t[2].newline_before);
        assert_eq!((t[0].start(), t[0].end()), (0, 3));
        assert_eq!((t[2].start(), t[2].end()), (6, 11));
    }
}
