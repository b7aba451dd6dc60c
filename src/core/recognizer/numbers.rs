//! The NUMBER grammar (GUIDELINES.md): digits with separators and sign, number words and their
//! compounds, scale words, ordinals, and attached currency or percent symbols.
//!
//! A grammar rather than the statistical model: the guideline is precise and closed, so rules
//! reach it exactly, and wikigold has no NUMBER annotations to learn from anyway.

use std::sync::OnceLock;

use super::hash::HashMap;
use super::lexicon::{self, List, Table};
use super::tokens::{ascii_lower, is_capitalised, Tok};
use crate::core::text::TokenKind;

/// What a lower-cased word is to the grammar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Word {
    /// `zero` … `nine`.
    Unit,
    /// `ten` … `nineteen`.
    Teen,
    /// `twenty` … `ninety`.
    Tens,
    /// `hundred`, `thousand`, `million`, `bn`, …
    Scale,
    /// `first`, `twentieth`, `hundredth`, …
    Ordinal,
}

/// A number word's entry in `data/lexicon/number-words.txt`: its `Word`, and for ordinals
/// whether it ends a compound (`twenty-first`, `one hundredth`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Class {
    Word(Word),
    /// `first` … `ninth`.
    UnitOrdinal,
    /// `hundredth` … `billionth`.
    ScaleOrdinal,
}

fn classes() -> &'static HashMap<&'static str, Class> {
    static CLASSES: OnceLock<HashMap<&'static str, Class>> = OnceLock::new();
    CLASSES.get_or_init(|| {
        lexicon::pairs(Table::NumberWords)
            .filter_map(|(word, class)| {
                let class = match class {
                    "unit" => Class::Word(Word::Unit),
                    "teen" => Class::Word(Word::Teen),
                    "tens" => Class::Word(Word::Tens),
                    "scale" => Class::Word(Word::Scale),
                    "ordinal" => Class::Word(Word::Ordinal),
                    "unit-ordinal" => Class::UnitOrdinal,
                    "scale-ordinal" => Class::ScaleOrdinal,
                    _ => return None,
                };
                Some((word, class))
            })
            .collect()
    })
}

fn class_of(lower: &str) -> Option<Class> {
    classes().get(lower).copied()
}

fn word_class(lower: &str) -> Option<Word> {
    class_of(lower).map(|c| match c {
        Class::Word(w) => w,
        Class::UnitOrdinal | Class::ScaleOrdinal => Word::Ordinal,
    })
}

/// Scale words that may follow digits (`995 million`, `4.2 bn`) but are no number on their own.
fn is_digit_scale(lower: &str) -> bool {
    lexicon::has(List::DigitScales, lower)
}

/// One currency symbol: Unicode's currency symbols (general category Sc, of the Basic
/// Multilingual Plane), so that every currency's sign counts (`₵`, `৳`, `₸`), not only those
/// someone thought of.
fn is_currency_symbol(s: &str) -> bool {
    let mut it = s.chars();
    matches!((it.next(), it.next()), (Some(c), None) if matches!(c,
        '$' | '\u{a2}'..='\u{a5}' | '\u{58f}' | '\u{60b}' | '\u{7fe}' | '\u{7ff}'
        | '\u{9f2}' | '\u{9f3}' | '\u{9fb}' | '\u{af1}' | '\u{bf9}' | '\u{e3f}' | '\u{17db}'
        | '\u{20a0}'..='\u{20c0}' | '\u{a838}' | '\u{fdfc}' | '\u{fe69}' | '\u{ff04}'
        | '\u{ffe0}' | '\u{ffe1}' | '\u{ffe5}' | '\u{ffe6}'))
}

fn is_sign(s: &str) -> bool {
    matches!(s, "-" | "−" | "+" | "±")
}

/// Prefixes that may join a number with a hyphen without making it an identifier: `mid-2014`.
fn is_number_prefix(lower: &str) -> bool {
    lexicon::has(List::NumberPrefixes, lower)
}

/// Suffixes glued to digits that still leave a numeric expression of one token: ordinals
/// (`2nd`), scales (`4.2bn`), decades (`1990s`), clock times (`10am`) and common units (`5km`,
/// which cannot be split, since spans cover whole tokens).
fn is_numeric_suffix(lower: &str) -> bool {
    lexicon::has(List::NumericSuffixes, lower)
}

/// `2nd`, `4.2bn`, `1990s`: digits (with inner separators) then a known suffix.
fn is_suffixed_number(word: &str) -> bool {
    let digits_end = word
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || *c == ',' || *c == '.'))
        .map(|(i, _)| i)
        .unwrap_or(word.len());
    if digits_end == 0 || !word.as_bytes()[0].is_ascii_digit() {
        return false;
    }
    let suffix = &word[digits_end..];
    let mut buf = [0u8; 24];
    match ascii_lower(suffix, &mut buf) {
        Some(l) => {
            !l.is_empty() && l.bytes().all(|b| b.is_ascii_alphabetic()) && is_numeric_suffix(l)
        }
        None => false,
    }
}

/// `RM150,000`, `Rp41`, `USD500`: a currency's letters glued before digits (currency-prefixes.txt,
/// and the codes of currency-codes.txt), which make one word that is all money. One letter
/// (`P1,000`) only with money's shape: a thousands comma or a decimal point, or a scale word
/// after it (`scale_follows`, asked only then: `R50 million`); `N95` and `P1` name things.
fn is_prefixed_money(word: &str, scale_follows: impl FnOnce() -> bool) -> bool {
    let Some(at) = word.find(|c: char| c.is_ascii_digit()) else {
        return false;
    };
    let (prefix, digits) = word.split_at(at);
    let known = lexicon::has(List::CurrencyPrefixes, prefix)
        || lexicon::has(List::CurrencyCodes, prefix) && prefix.len() == 3;
    known
        && digits
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b',' || b == b'.')
        && digits.ends_with(|c: char| c.is_ascii_digit())
        && (prefix.len() > 1 || digits.contains([',', '.']) || scale_follows())
}

/// Whether token `i` is a word of money with its currency's letters glued before the digits.
fn is_prefixed_money_at(toks: &[Tok<'_>], i: usize) -> bool {
    let t = &toks[i];
    t.kind == TokenKind::Word
        && t.text.starts_with(|c: char| c.is_ascii_uppercase())
        && is_prefixed_money(t.text, || lower_on(toks, i + 1, List::DigitScales))
}

fn lower_word<'b>(t: &Tok<'b>, buf: &'b mut [u8; 24]) -> Option<&'b str> {
    if t.kind != TokenKind::Word {
        return None;
    }
    ascii_lower(t.text, buf)
}

fn class_at(toks: &[Tok<'_>], i: usize) -> Option<Word> {
    let mut buf = [0u8; 24];
    toks.get(i)
        .and_then(|t| lower_word(t, &mut buf))
        .and_then(word_class)
}

/// Whether token `i`, in lower case, is on `list`.
fn lower_on(toks: &[Tok<'_>], i: usize, list: List) -> bool {
    let mut buf = [0u8; 24];
    toks.get(i)
        .and_then(|t| lower_word(t, &mut buf))
        .is_some_and(|l| lexicon::has(list, l))
}

fn lower_is(toks: &[Tok<'_>], i: usize, words: &[&str]) -> bool {
    let mut buf = [0u8; 24];
    toks.get(i)
        .and_then(|t| lower_word(t, &mut buf))
        .is_some_and(|l| words.contains(&l))
}

/// Whether token `i` is glued (no white space) to a word before it, directly or through a
/// hyphen or slash: then it is part of an identifier like `COVID-19` or `A/H1N1`.
fn glued_to_word_before(toks: &[Tok<'_>], i: usize) -> bool {
    if i == 0 || toks[i].space_before {
        return false;
    }
    let p = &toks[i - 1];
    match p.kind {
        TokenKind::Word => true,
        TokenKind::Punct
            if matches!(p.text, "-" | "‑" | "/" | "_") && !p.space_before && i >= 2 =>
        {
            let w = &toks[i - 2];
            let mut buf = [0u8; 24];
            w.kind == TokenKind::Word
                && !lower_word(w, &mut buf).is_some_and(is_number_prefix)
                && word_class(lower_word(w, &mut buf).unwrap_or("")).is_none()
        }
        _ => false,
    }
}

/// Whether token `i` is glued to a word after it (`19COVID`, `3D` is one token anyway).
fn glued_to_word_after(toks: &[Tok<'_>], i: usize) -> bool {
    toks.get(i + 1)
        .is_some_and(|n| !n.space_before && n.kind == TokenKind::Word)
}

fn is_hyphen(t: &Tok<'_>) -> bool {
    t.kind == TokenKind::Punct && matches!(t.text, "-" | "‑" | "–") && !t.space_before
}

/// The denominator of a fraction written in words (`third`, `thirds`, `quarter`, `half`).
fn is_fraction_word(lower: &str) -> bool {
    let singular = lower.strip_suffix('s').unwrap_or(lower);
    matches!(singular, "half" | "halve" | "quarter")
        || (singular != "first"
            && singular != "second"
            && word_class(singular) == Some(Word::Ordinal))
}

/// `and a half`, `and a quarter` at `i`: the fraction is part of the number before it
/// (`three and a half`, `2 and a half`).
fn and_a_fraction(toks: &[Tok<'_>], i: usize) -> bool {
    let mut buf = [0u8; 24];
    lower_is(toks, i, &["and"])
        && lower_is(toks, i + 1, &["a"])
        && toks
            .get(i + 2)
            .and_then(|t| lower_word(t, &mut buf))
            .is_some_and(|l| matches!(l, "half" | "quarter" | "third"))
        && toks[i..i + 3].iter().all(|t| !t.newline_before)
}

/// Parses a run of number words from `i`; returns the end (exclusive) and how many number
/// words it holds.
fn word_run(toks: &[Tok<'_>], i: usize) -> Option<usize> {
    let first = class_at(toks, i)?;
    let mut end = i + 1;
    let mut last = first;
    if last == Word::Ordinal {
        return Some(end);
    }
    loop {
        // `one-third`, `two-thirds`, `three-quarters`: a fraction is one number.
        if matches!(last, Word::Unit | Word::Teen | Word::Tens)
            && toks.get(end).is_some_and(is_hyphen)
            && toks.get(end + 1).is_some_and(|t| !t.space_before)
        {
            let mut buf = [0u8; 24];
            if toks
                .get(end + 1)
                .and_then(|t| lower_word(t, &mut buf))
                .is_some_and(is_fraction_word)
            {
                return Some(end + 2);
            }
        }
        // `twenty-one`, `twenty-first`
        if last == Word::Tens
            && toks.get(end).is_some_and(is_hyphen)
            && toks.get(end + 1).is_some_and(|t| !t.space_before)
        {
            let mut buf = [0u8; 24];
            if let Some(l) = toks.get(end + 1).and_then(|t| lower_word(t, &mut buf)) {
                let unit_ord = class_of(l) == Some(Class::UnitOrdinal);
                if word_class(l) == Some(Word::Unit) || unit_ord {
                    end += 2;
                    if unit_ord {
                        return Some(end);
                    }
                    last = Word::Unit;
                    continue;
                }
            }
        }
        match class_at(toks, end) {
            Some(Word::Scale) => {
                end += 1;
                last = Word::Scale;
            }
            Some(Word::Ordinal) if last == Word::Scale || last == Word::Tens => {
                // `one hundredth`, `twenty first` (rare without the hyphen)
                let mut buf = [0u8; 24];
                let l = lower_word(&toks[end], &mut buf).unwrap_or("");
                if class_of(l) == Some(Class::ScaleOrdinal) || last == Word::Tens {
                    return Some(end + 1);
                }
                return Some(end);
            }
            Some(c @ (Word::Unit | Word::Teen | Word::Tens)) if last == Word::Scale => {
                end += 1;
                last = c;
            }
            Some(Word::Unit) if last == Word::Tens => {
                end += 1;
                last = Word::Unit;
            }
            _ if and_a_fraction(toks, end) => return Some(end + 3),
            _ => {
                // `a hundred and twelve`: `and` only after a scale word, before a small number.
                if last == Word::Scale
                    && lower_is(toks, end, &["and"])
                    && matches!(
                        class_at(toks, end + 1),
                        Some(Word::Unit | Word::Teen | Word::Tens)
                    )
                {
                    end += 1;
                    continue;
                }
                return Some(end);
            }
        }
    }
}

/// `one` as a pronoun ("one of them", "no one", "the one who") is not a number.
fn is_pronoun_one(toks: &[Tok<'_>], i: usize) -> bool {
    (i > 0 && lower_on(toks, i - 1, List::OnePronounBefore))
        || lower_on(toks, i + 1, List::OnePronounAfter)
        || toks.get(i + 1).is_some_and(|t| t.kind == TokenKind::Clitic)
        || stands_for_a_noun(toks, i)
}

/// "including one near Sacramento", "pulled one back": `one` followed straight by a
/// preposition or particle stands for a noun named before it. "one in four" still counts.
fn stands_for_a_noun(toks: &[Tok<'_>], i: usize) -> bool {
    let next_is_number = || {
        toks.get(i + 2)
            .is_some_and(|t| t.kind == TokenKind::Number || class_at(toks, i + 2).is_some())
    };
    lower_on(toks, i + 1, List::OneNounAfter) && !next_is_number()
}

/// A capitalised number word inside a run of capitalised words belongs to a name
/// (`Formula One`, `Second World War`), which the guideline does not count.
fn in_a_name(toks: &[Tok<'_>], i: usize, end: usize) -> bool {
    if !is_capitalised(toks[i].text) {
        return false;
    }
    let sentence_start = i == 0 || matches!(toks[i - 1].text, "." | "!" | "?" | "\"" | "“" | ":");
    let cap_before =
        !sentence_start && toks[i - 1].kind == TokenKind::Word && is_capitalised(toks[i - 1].text);
    let cap_after = toks.get(end).is_some_and(|t| {
        t.kind == TokenKind::Word && is_capitalised(t.text) && class_at(toks, end).is_none()
    });
    cap_before || cap_after
}

/// Finds NUMBER spans as token ranges `[first, last)`, sorted and non-overlapping.
pub fn find(toks: &[Tok<'_>]) -> Vec<(usize, usize)> {
    let identifier = identifiers(toks);
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        match core_at(toks, i) {
            Some((s, e)) if identifier[s..e].iter().any(|&x| x) => i = e.max(i + 1),
            Some((s, e)) => {
                // `A$4.5 million`, `US$5`: the letters are the currency symbol's.
                let s = if currency_letters_before(toks, s) {
                    s - 1
                } else {
                    s
                };
                // `minus 12`: the sign in words.
                let s = if s > 0
                    && lower_is(toks, s - 1, &["minus"])
                    && toks[s].space_before
                    && !toks[s].newline_before
                {
                    s - 1
                } else {
                    s
                };
                let s = s.max(out.last().map_or(0, |&(_, e)| e));
                out.push((s, e));
                i = e.max(i + 1);
            }
            None => i += 1,
        }
    }
    // Joins clock times split at the colon (`10:30`) into one number.
    let mut joined: Vec<(usize, usize)> = Vec::with_capacity(out.len());
    for (s, e) in out {
        if let Some(last) = joined.last_mut() {
            if last.1 + 1 == s
                && toks[last.1].text == ":"
                && !toks[last.1].space_before
                && !toks[s].space_before
                && toks[s].kind == TokenKind::Number
                && toks[s].text.len() == 2
                && toks[last.1 - 1].kind == TokenKind::Number
            {
                last.1 = e;
                continue;
            }
        }
        joined.push((s, e));
    }
    joined
}

/// Whether token `s` is a currency symbol with a currency's letters glued before it (`A$`,
/// `NZ$`, `US$`, `GH₵`): one to three capitals standing alone before the symbol.
pub fn currency_letters_before(toks: &[Tok<'_>], s: usize) -> bool {
    s > 0
        && s < toks.len()
        && is_currency_symbol(toks[s].text)
        && !toks[s].space_before
        && toks[s - 1].kind == TokenKind::Word
        // After a space, or an opening bracket or quote (`(US$495 million)`).
        && (toks[s - 1].space_before
            || s >= 2 && matches!(toks[s - 2].text, "(" | "[" | "\"" | "\u{201c}" | "'" | "\u{2018}"))
        && (1..=3).contains(&toks[s - 1].text.len())
        && toks[s - 1].text.bytes().all(|b| b.is_ascii_uppercase())
}

/// Plain digits, no separators (a group of a phone or reference number).
fn is_digit_group(t: &Tok<'_>) -> bool {
    t.kind == TokenKind::Number && t.text.bytes().all(|b| b.is_ascii_digit())
}

/// Which tokens are parts of identifiers, whose digits are no numbers (GUIDELINES.md):
/// phone numbers (`+44 20 7946 0018`, `(555) 123-4567`, `612-555-0183`), digit groups in a
/// row (`978-3-16-148410-0`, but not a date such as `2014-04-22`), digits joined to letters by
/// slashes (`2023/CV/1142`), and a road's number (`Highway 61`, `Hwy. 7`).
fn identifiers(toks: &[Tok<'_>]) -> Vec<bool> {
    let mut out = vec![false; toks.len()];
    for (i, t) in toks.iter().enumerate() {
        if is_digit_group(t) && t.space_before && !t.newline_before {
            // The road's word right before, or before its abbreviation's dot.
            let word = match i.checked_sub(1).map(|k| &toks[k]) {
                Some(d) if d.text == "." && i >= 2 && !d.space_before => &toks[i - 2],
                Some(w) => w,
                None => continue,
            };
            out[i] = lexicon::has(List::RoadWords, word.text);
        }
    }
    let mut i = 0;
    while i < toks.len() {
        if !is_digit_group(&toks[i]) || (i > 0 && !toks[i].space_before && out[i - 1]) {
            i += 1;
            continue;
        }
        let plus = i > 0 && toks[i - 1].text == "+" && !toks[i].space_before;
        let paren = i > 0
            && toks[i - 1].text == "("
            && toks
                .get(i + 1)
                .is_some_and(|t| t.text == ")" && !t.space_before);
        let first = if plus || paren { i - 1 } else { i };
        let mut groups = vec![toks[i].text.len()];
        let mut hyphens_only = true;
        let mut j = i + (paren as usize);
        loop {
            let next = j + 1;
            match toks.get(next) {
                Some(n) if is_digit_group(n) && n.space_before && !n.newline_before => {
                    hyphens_only = false;
                    groups.push(n.text.len());
                    j = next;
                }
                Some(n)
                    if matches!(n.text, "-" | "‑")
                        && !n.space_before
                        && toks
                            .get(next + 1)
                            .is_some_and(|d| is_digit_group(d) && !d.space_before) =>
                {
                    groups.push(toks[next + 1].text.len());
                    j = next + 1;
                }
                _ => break,
            }
        }
        // A date has a year of four digits and a month and day of one or two (`2014-04-22`,
        // `22-04-2014`); `612-555-0183` is a phone number.
        let date = hyphens_only
            && groups.len() == 3
            && ((groups[0] == 4 && groups[1] <= 2 && groups[2] <= 2)
                || (groups[2] == 4 && groups[0] <= 2 && groups[1] <= 2));
        // Groups of one or two digits are a record or a score (`12-4-2`), each a number.
        let record = hyphens_only && groups.iter().all(|&g| g <= 2);
        // A national number opens with its trunk's zero (`01632 960123`, `0412 555 019`).
        let trunk = groups.len() == 2
            && !paren
            && toks[i].text.starts_with('0')
            && (3..=5).contains(&groups[0])
            && (5..=8).contains(&groups[1]);
        let phone = (plus && groups.len() >= 2) || trunk || (groups.len() >= 3 && !date && !record);
        // `2023/CV/1142`: a slash glued to letters after the digits.
        let slashed = toks
            .get(i + 1)
            .is_some_and(|t| t.text == "/" && !t.space_before)
            && toks
                .get(i + 2)
                .is_some_and(|t| t.kind == TokenKind::Word && !t.space_before);
        if phone || slashed {
            let mut end = j + 1;
            if slashed {
                // The whole identifier, through its glued slashes and letters.
                end = i + 1;
                while toks.get(end).is_some_and(|t| !t.space_before) {
                    end += 1;
                }
            }
            out[first..end].iter_mut().for_each(|x| *x = true);
            i = end;
        } else {
            i += 1;
        }
    }
    out
}

/// The number starting at token `i`, with its sign, symbol and scale, or `None`.
fn core_at(toks: &[Tok<'_>], i: usize) -> Option<(usize, usize)> {
    let t = &toks[i];
    // A currency symbol or sign is only taken when a number follows it directly.
    if t.kind == TokenKind::Punct && (is_currency_symbol(t.text) || is_sign(t.text)) {
        let sign_ok = is_sign(t.text)
            && (i == 0
                || t.space_before
                || matches!(toks[i - 1].kind, TokenKind::Punct)
                    && !is_currency_symbol(toks[i - 1].text));
        let symbol_ok = is_currency_symbol(t.text);
        if (sign_ok || symbol_ok)
            && toks.get(i + 1).is_some_and(|n| {
                !n.space_before && (n.kind == TokenKind::Number || is_suffixed_number(n.text))
            })
        {
            // `$-4` or `-$4`
            let (_, e) = digits_at(toks, i + 1)?;
            return Some((i, e));
        }
        if is_sign(t.text)
            && toks
                .get(i + 1)
                .is_some_and(|n| is_currency_symbol(n.text) && !n.space_before)
            && (i == 0 || t.space_before)
        {
            if let Some((_, e)) = core_at(toks, i + 1) {
                return Some((i, e));
            }
        }
        return None;
    }
    if t.kind == TokenKind::Number
        || (t.kind == TokenKind::Word && is_suffixed_number(t.text))
        || is_prefixed_money_at(toks, i)
    {
        return digits_at(toks, i);
    }
    // `a hundred`, `a million`
    if lower_is(toks, i, &["a"]) && class_at(toks, i + 1) == Some(Word::Scale) {
        let e = word_run(toks, i + 1)?;
        if in_a_name(toks, i + 1, e) {
            return None;
        }
        return Some((i, e));
    }
    let e = word_run(toks, i)?;
    let mut buf = [0u8; 24];
    let first = lower_word(t, &mut buf).unwrap_or("");
    if e == i + 1 {
        if first == "one" && is_pronoun_one(toks, i) {
            return None;
        }
        // A scale word alone is only a number in `a hundred` and after digits.
        if matches!(word_class(first), Some(Word::Scale)) {
            return None;
        }
        // `a second` (of time), `second-hand`
        let unit_follows = toks.get(i + 1).is_none_or(|n| n.kind != TokenKind::Word)
            || lower_is(
                toks,
                i + 1,
                &["later", "ago", "or", "and", "earlier", "before"],
            );
        if first == "second"
            && (i > 0 && lower_is(toks, i - 1, &["per", "split", "every"])
                || i > 0 && lower_is(toks, i - 1, &["a"]) && unit_follows
                || toks.get(i + 1).is_some_and(is_hyphen))
        {
            return None;
        }
    }
    if in_a_name(toks, i, e) || glued_to_word_before(toks, i) {
        return None;
    }
    Some((i, e))
}

/// `FTSE 100`, `COVID 19`: a plain integer right after an acronym names a thing (an index, a
/// disease) rather than counting; currency codes (`USD 500`) still take numbers.
fn after_acronym(toks: &[Tok<'_>], i: usize) -> bool {
    let t = &toks[i];
    if i == 0 || !t.space_before || t.newline_before || t.text.len() > 4 {
        return false;
    }
    if !t.text.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let p = toks[i - 1].text;
    let acronym = toks[i - 1].kind == TokenKind::Word
        && (2..=6).contains(&p.len())
        && p.bytes().all(|b| b.is_ascii_uppercase());
    let currency = lexicon::has(List::CurrencyCodes, p);
    acronym && !currency
}

/// Digits at `i` (a number token or `2nd`-like word), then scale words and an attached `%`.
fn digits_at(toks: &[Tok<'_>], i: usize) -> Option<(usize, usize)> {
    let t = &toks[i];
    if glued_to_word_before(toks, i) {
        return None;
    }
    if t.kind == TokenKind::Number && glued_to_word_after(toks, i) {
        return None;
    }
    if t.kind == TokenKind::Number && after_acronym(toks, i) {
        return None;
    }
    let mut e = i + 1;
    if t.kind == TokenKind::Number && and_a_fraction(toks, e) {
        e += 3;
    }
    if t.kind == TokenKind::Number || is_prefixed_money_at(toks, i) {
        // `995 million`, `3 hundred thousand`, `Rp41 billion`
        loop {
            let mut buf = [0u8; 24];
            match toks.get(e).and_then(|n| lower_word(n, &mut buf)) {
                Some(l) if is_digit_scale(l) => e += 1,
                _ => break,
            }
        }
    }
    if let Some(n) = toks.get(e) {
        if matches!(n.text, "%" | "‰") && !n.space_before {
            e += 1;
        }
    }
    Some((i, e))
}

#[cfg(test)]
mod tests {
    use super::super::tokens::toks;
    use super::*;

    /// The texts of the numbers found in `text`.
    fn numbers(text: &str) -> Vec<String> {
        let t = toks(text);
        let chars: Vec<char> = text.chars().collect();
        find(&t)
            .into_iter()
            .map(|(s, e)| chars[t[s].start()..t[e - 1].end()].iter().collect())
            .collect()
    }

    #[test]
    fn digits_keep_separators_sign_and_decimals() {
        assert_eq!(
            numbers("50,000 people, -4.5 degrees and 10,432.75 points"),
            ["50,000", "-4.5", "10,432.75"]
        );
        assert_eq!(numbers("from 3-1 to (−2)"), ["3", "1", "−2"]);
    }

    #[test]
    fn number_words_and_compounds() {
        assert_eq!(
            numbers("two boys, twenty-one girls, three hundred men"),
            ["two", "twenty-one", "three hundred"]
        );
        assert_eq!(
            numbers("a hundred and twelve days"),
            ["a hundred and twelve"]
        );
        assert_eq!(numbers("Seven were hurt"), ["Seven"]);
        assert_eq!(
            numbers("one hundred thousand and five"),
            ["one hundred thousand and five"]
        );
        assert_eq!(
            numbers("two and three"),
            ["two", "three"],
            "`and` joins only after a scale word"
        );
    }

    #[test]
    fn scale_words_belong_to_the_number_but_units_do_not() {
        assert_eq!(numbers("995 million euros"), ["995 million"]);
        assert_eq!(numbers("4.2 billion dollars"), ["4.2 billion"]);
        assert_eq!(numbers("a $4.2bn deal"), ["$4.2bn"]);
        assert_eq!(numbers("63 per cent"), ["63"]);
        assert_eq!(numbers("two weeks"), ["two"]);
        assert_eq!(numbers("a million people"), ["a million"]);
        assert_eq!(numbers("millions of people"), Vec::<String>::new());
    }

    #[test]
    fn ordinals() {
        assert_eq!(
            numbers("the 2nd and 21st, the third and twenty-first"),
            ["2nd", "21st", "third", "twenty-first"]
        );
        assert_eq!(numbers("the 1990s"), ["1990s"]);
    }

    #[test]
    fn fractions_in_words_are_one_number() {
        assert_eq!(
            numbers("one-third of voters, two-thirds of seats and three-quarters of the rest"),
            ["one-third", "two-thirds", "three-quarters"]
        );
        assert_eq!(
            numbers("one-half, twenty-fifths"),
            ["one-half", "twenty-fifths"]
        );
        assert_eq!(
            numbers("a one-second delay"),
            ["one", "second"],
            "not a fraction: `second` is a unit"
        );
    }

    #[test]
    fn attached_symbols() {
        assert_eq!(
            numbers("$1,500 or €4.50, up 7.5% from £3m"),
            ["$1,500", "€4.50", "7.5%", "£3m"]
        );
        assert_eq!(
            numbers("A$4.5 million, NZ$3 and US$5, not USA $6"),
            ["A$4.5 million", "NZ$3", "US$5", "$6"]
        );
        assert_eq!(numbers("a $ sign"), Vec::<String>::new());
        // In brackets, after another currency's figure.
        assert_eq!(
            numbers("a fund of €40 million (US$43 million)"),
            ["€40 million", "US$43 million"]
        );
        // Any currency's sign, with the letters that name its country.
        assert_eq!(
            numbers("fares of GH₵12.50, ৳300 and ₸4,000"),
            ["GH₵12.50", "৳300", "₸4,000"]
        );
    }

    #[test]
    fn currency_letters_glued_before_digits() {
        assert_eq!(
            numbers("fined RM12,000 and Rp3 billion, paid Rs450 or USD75 for it"),
            ["RM12,000", "Rp3 billion", "Rs450", "USD75"]
        );
        assert_eq!(numbers("rent of Dh6,500 and KD900"), ["Dh6,500", "KD900"]);
        assert_eq!(numbers("two lakh and 3 crore"), ["two lakh", "3 crore"]);
        // One letter is money only in money's shape.
        assert_eq!(
            numbers("P2.4 million, R80 billion and K1,200"),
            ["P2.4 million", "R80 billion", "K1,200"]
        );
        assert_eq!(
            numbers("an N95 mask, the K2 climb, P3 on the grid"),
            Vec::<String>::new()
        );
        // Letters no currency glues (`G7`, `AB12`) leave no number.
        assert_eq!(numbers("the G20 and form AB12"), Vec::<String>::new());
    }

    #[test]
    fn signs_and_fractions_in_words() {
        assert_eq!(
            numbers("minus 12 degrees, three and a half hours, 2 and a half days"),
            ["minus 12", "three and a half", "2 and a half"]
        );
        assert_eq!(
            numbers("two and a lot, minus the rest"),
            ["two"],
            "no fraction, and `minus` without a number is a word"
        );
    }

    #[test]
    fn identifiers_are_not_numbers() {
        let none = Vec::<String>::new();
        assert_eq!(numbers("call +44 20 7946 0018 now"), none);
        assert_eq!(numbers("call (555) 123-4567 now"), none);
        assert_eq!(numbers("case 2023/CV/1142 was heard"), none);
        assert_eq!(numbers("ISBN 978-3-16-148410-0"), none);
        assert_eq!(numbers("call 612-555-0183 or 0800-555-0199"), none);
        assert_eq!(numbers("Highway 61 and Hwy. 7 and Route 9 were shut"), none);
        assert_eq!(numbers("ring 01632 960123 or 0412 555019"), none);
        // A date, a score, a record and a range still are.
        assert_eq!(
            numbers("on 2014-04-22, won 3-1"),
            ["2014", "04", "22", "3", "1"]
        );
        assert_eq!(
            numbers("on 22-04-2014, now 12-4-2"),
            ["22", "04", "2014", "12", "4", "2"]
        );
        assert_eq!(numbers("Highways 61 and the highway 2"), ["61", "2"]);
        // A time that opens with a zero and no number after it (`at 0600`) is no trunk's,
        // nor is a lone zero (`0 5000`).
        assert_eq!(
            numbers("at 0600 GMT, 2 100000 and 0 5000"),
            ["0600", "2", "100000", "0", "5000"]
        );
        assert_eq!(numbers("for 24/7, aged 10-12"), ["24", "7", "10", "12"]);
    }

    #[test]
    fn dates_and_times() {
        assert_eq!(
            numbers("On April 22, 2014, at 0100 GMT"),
            ["22", "2014", "0100"]
        );
        assert_eq!(numbers("at 10:30 on Monday"), ["10:30"]);
        assert_eq!(numbers("in mid-2014"), ["2014"]);
        assert_eq!(numbers("2014-04-22"), ["2014", "04", "22"]);
    }

    #[test]
    fn not_inside_identifiers() {
        assert_eq!(
            numbers("the G7, COVID-19 and an mp3 of F-16 jets"),
            Vec::<String>::new()
        );
        assert_eq!(numbers("MH17 and H1N1"), Vec::<String>::new());
        assert_eq!(numbers("the Under-19s side"), Vec::<String>::new());
        assert_eq!(numbers("the FTSE 100 index"), Vec::<String>::new());
        assert_eq!(numbers("USD 500 and NATO's 32 members"), ["500", "32"]);
    }

    #[test]
    fn one_as_a_pronoun_is_not_a_number() {
        assert_eq!(
            numbers("one of them said no one knew"),
            Vec::<String>::new()
        );
        assert_eq!(numbers("the one who left"), Vec::<String>::new());
        assert_eq!(numbers("one man and only one woman"), ["one", "one"]);
        assert_eq!(
            numbers("two fires, including one near Sacramento; he pulled one back"),
            ["two"]
        );
        assert_eq!(numbers("one in four cases"), ["one", "four"]);
        assert_eq!(numbers("forty-one"), ["forty-one"]);
    }

    #[test]
    fn number_words_inside_names_are_not_numbers() {
        assert_eq!(numbers("a Formula One race"), Vec::<String>::new());
        assert_eq!(numbers("after the Second World War"), Vec::<String>::new());
        assert_eq!(numbers("a second time"), ["second"]);
        assert_eq!(numbers("wait a second"), Vec::<String>::new());
    }

    #[test]
    fn odd_input_does_not_confuse_the_grammar() {
        assert!(numbers("").is_empty());
        assert!(numbers("$ - % , .").is_empty());
        assert_eq!(numbers("-$5"), ["-$5"]);
        assert_eq!(numbers("٣ and ३"), ["٣", "३"]);
    }
}
