//! Tokens with their text, as the recogniser's grammars and features read them.

use crate::core::text::{tokenize, TokenKind};

/// A token of [`crate::core::text::tokenize`] with its text and whether white space precedes it,
/// which tells `G7`-like identifiers (`COVID-19`) from free-standing numbers (`- 19`).
#[derive(Clone, Copy, Debug)]
pub struct Tok<'a> {
    pub start: usize,
    pub end: usize,
    pub kind: TokenKind,
    pub text: &'a str,
    /// White space (or the start of the text) comes right before this token.
    pub space_before: bool,
    /// A line break comes between the previous token and this one.
    pub newline_before: bool,
}

/// What ends a line (Unicode's mandatory breaks): no span crosses one.
pub const LINE_BREAKS: [char; 7] = [
    '\n', '\r', '\u{b}', '\u{c}', '\u{85}', '\u{2028}', '\u{2029}',
];

/// Tokenises `text`, keeping the token texts as slices so nothing is copied.
pub fn toks(text: &str) -> Vec<Tok<'_>> {
    let tokens = tokenize(text);
    let mut out = Vec::with_capacity(tokens.len());
    let mut chars = text.char_indices();
    let mut cp = 0usize;
    let mut byte = 0usize;
    let mut prev_end_byte = 0usize;
    // Walks the text once, turning code-point offsets into byte offsets.
    let mut advance_to = |target: usize, cp: &mut usize, byte: &mut usize| {
        while *cp < target {
            match chars.next() {
                Some((_, c)) => {
                    *byte += c.len_utf8();
                    *cp += 1;
                }
                None => break,
            }
        }
    };
    for t in tokens {
        advance_to(t.start, &mut cp, &mut byte);
        let start_byte = byte;
        advance_to(t.end, &mut cp, &mut byte);
        let gap = &text[prev_end_byte..start_byte];
        out.push(Tok {
            start: t.start,
            end: t.end,
            kind: t.kind,
            text: &text[start_byte..byte],
            space_before: out.is_empty() || !gap.is_empty(),
            newline_before: gap.contains(LINE_BREAKS),
        });
        prev_end_byte = byte;
    }
    out
}

/// Lower-cases an ASCII word into `buf`; `None` for non-ASCII or long words, which are in no
/// word list the grammars use.
pub fn ascii_lower<'b>(s: &str, buf: &'b mut [u8; 24]) -> Option<&'b str> {
    if s.len() > buf.len() || !s.is_ascii() {
        return None;
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
        assert_eq!((t[0].start, t[0].end), (0, 3));
    }
}
