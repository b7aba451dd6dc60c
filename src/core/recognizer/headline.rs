//! Headlines in Title Case (`Kerry, Lavrov Agree To Push For Syria Ceasefire`) capitalise
//! every word, so capitals there say nothing of names. Before tagging, such a line's words that
//! the article also writes in lower case, and its function words, are written in lower case;
//! the rest (the names) keep their capitals.
//!
//! Headlines and datelines in capitals (`PUTIN MEETS OBAMA IN GENEVA`, `NAIROBI —`,
//! `HILLSIDE, Wis., May 8 —`) say even less. A headline in capitals keeps a capital only on
//! the words the article itself writes capitalised (`Putin meets Obama in Geneva`), and on
//! the places the gazetteer knows that the article never writes in lower case: a headline
//! often names a place its story does not repeat. A dateline's place is written in Title
//! Case, and [`datelines`] says where it is, since a line that opens with capitals before a
//! dash names the place the story comes from: there casing and position decide, not a list.

use super::hash::{HashMap, HashSet};

use super::gazetteer;
use super::lexicon::{self, List};
use super::tokens::{ascii_lower, is_capitalised};

/// Capitalised in headlines, lower case in running text.
fn is_function_word(lower: &str) -> bool {
    lexicon::has(List::HeadlineWords, lower)
}

/// [`is_function_word`] of `word`'s lower case, without allocating for ASCII words.
fn is_lower_function_word(word: &str) -> bool {
    let mut buf = [0u8; 24];
    match ascii_lower(word, &mut buf) {
        Some(lower) => is_function_word(lower),
        None => is_function_word(&word.to_lowercase()),
    }
}

/// A word with the punctuation at its edges trimmed off.
fn core_of(word: &str) -> &str {
    word.trim_matches(|c: char| !c.is_alphanumeric())
}

/// [`core_of`] without a possessive `'s` (`ARMENIA'S`: `ARMENIA`), so that a name is known by
/// itself in a headline and in the text.
fn name_of(word: &str) -> &str {
    let core = core_of(word);
    ["'s", "'S", "\u{2019}s", "\u{2019}S"]
        .iter()
        .find_map(|s| core.strip_suffix(s))
        .filter(|stem| !stem.is_empty())
        .unwrap_or(core)
}

/// Whether `line` is set in Title Case: four or more words, three in four capitalised, and a
/// capitalised function word after the first (`… To Push For …`), which running text never has.
fn is_title_case(line: &str) -> bool {
    // Counted as the words go by: a line may be a whole article of millions of words.
    let (mut words, mut caps, mut function) = (0usize, 0usize, false);
    let letters = line
        .split_whitespace()
        .map(core_of)
        .filter(|w| w.chars().next().is_some_and(char::is_alphabetic));
    for w in letters {
        if is_capitalised(w) {
            caps += 1;
            function = function || (words > 0 && is_lower_function_word(w));
        }
        words += 1;
    }
    words >= 4 && caps * 4 >= words * 3 && function
}

/// Whether the article writes `lower` in lower case, or a form of it (`Agree`: `agreed`;
/// `Talks`: `talk`), as headlines shorten words the text spells out.
fn seen_in_some_form(seen: &HashSet<&str>, lower: &str) -> bool {
    if seen.contains(lower) {
        return true;
    }
    let mut buf = String::with_capacity(lower.len() + 3);
    ["s", "d", "ed", "ing", "es"].iter().any(|suffix| {
        buf.clear();
        buf.push_str(lower);
        buf.push_str(suffix);
        seen.contains(buf.as_str())
    }) || lower
        .strip_suffix('s')
        .is_some_and(|stem| stem.len() > 2 && seen.contains(stem))
}

/// Letters with dots between them (`N.D.`, `U.S.`, `B.C.`), which running text writes in
/// capitals too: kept as they are, not recased.
fn is_initialism(word: &str) -> bool {
    core_of(word).contains('.')
}

/// A word in capitals: two letters or more, none of them lower case (`NAIROBI`, `O'NEILL`).
fn is_all_caps(word: &str) -> bool {
    let core = core_of(word);
    core.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && !core.chars().any(char::is_lowercase)
        && core.chars().any(char::is_uppercase)
}

/// A line set in capitals: two or more words with letters, none with a lower-case letter
/// (`MORNING BULLETIN`, `PUTIN MEETS OBAMA`).
fn is_all_caps_line(line: &str) -> bool {
    let mut words = 0;
    for w in line
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphabetic))
    {
        if !(is_all_caps(w) || core_of(w).chars().count() < 2) {
            return false;
        }
        words += 1;
    }
    words >= 2
}

/// How many leading words of `line` are a dateline's place in capitals: words in capitals
/// at the start of the line, followed on the line by a dash (`—`, `–`, ` - `) or a
/// parenthesis (`(Reuters)`) with no lower-case word before it, and then by the story's
/// running text (a word in lower case) or by the end of the line. A heading in capitals
/// before a dash (`TRANSCRIPT – Morning Show, 3 May`, `ELLI MÄKINEN, PAINTER (1920 – 2011)`)
/// runs on with no sentence, so it opens no dateline.
fn dateline_words(line: &str) -> usize {
    let mut words = line.split_whitespace();
    let mut caps = 0;
    let mut after = None;
    for w in words.by_ref() {
        if w.starts_with(char::is_alphabetic) && is_all_caps(w) {
            caps += 1;
        } else {
            after = Some(w);
            break;
        }
    }
    if caps == 0 {
        return 0;
    }
    // A dash, or a parenthesis naming an agency (`(AP)`), not a year (`(1931`).
    let opens = |w: &str| {
        w.starts_with(['—', '–'])
            || w == "-"
            || w.starts_with('(') && w.chars().any(char::is_alphabetic)
    };
    let mut words = after.into_iter().chain(words);
    match words
        .by_ref()
        .find(|w| opens(w) || w.starts_with(char::is_lowercase))
    {
        Some(w) if opens(w) => {}
        _ => return 0,
    }
    let (mut running, mut bare) = (false, true);
    for w in words {
        running = running || w.starts_with(char::is_lowercase);
        bare = bare && !w.chars().any(char::is_alphanumeric);
    }
    if running || bare {
        caps
    } else {
        0
    }
}

/// `c` in lower case when that is one character of the same length in UTF-8 (`Ä`: `ä`), so
/// that no offset moves; else `c` as it is.
fn lower_in_place(c: char) -> char {
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) if l.len_utf8() == c.len_utf8() => l,
        _ => c,
    }
}

/// `word` in Title Case, each part of a hyphened word too (`ADEYEMI-BROWN`: `Adeyemi-Brown`),
/// or all in lower case when `capital` is false: a letter changes only to one of the same
/// length (`MÄKINEN`: `Mäkinen`), so no offset moves.
fn recase_into(out: &mut String, word: &str, capital: bool) {
    let mut first = true;
    for c in word.chars() {
        if first && c.is_alphabetic() {
            first = false;
            out.push(if capital { c } else { lower_in_place(c) });
        } else if !first {
            out.push(lower_in_place(c));
            first = c == '-';
        } else {
            out.push(c);
        }
    }
}

/// The code-point ranges of the places that open datelines (`NAIROBI` of `NAIROBI —`,
/// `SAN JOSE` of `SAN JOSE, Calif. (AP) —`): the line's leading words in capitals, up to the
/// first comma.
fn datelines(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut line_start = 0usize;
    for line in text.split('\n') {
        let n = dateline_words(line);
        if n > 0 {
            let mut cp = line_start;
            let mut start = None;
            let mut end = 0;
            let mut rest = line;
            for _ in 0..n {
                let ws = rest.len() - rest.trim_start().len();
                cp += rest[..ws].chars().count();
                rest = &rest[ws..];
                let len = rest.find(char::is_whitespace).unwrap_or(rest.len());
                let word = &rest[..len];
                let core = core_of(word);
                let at = word.find(core).unwrap_or(0);
                let core_start = cp + word[..at].chars().count();
                start.get_or_insert(core_start);
                end = core_start + core.chars().count();
                cp += word.chars().count();
                rest = &rest[len..];
                if word.ends_with(',') {
                    break;
                }
            }
            if let Some(start) = start.filter(|&s| s < end) {
                out.push((start, end));
            }
        }
        line_start += line.chars().count() + 1;
    }
    out
}

/// The byte ranges in `line` of a transcript's speakers (`PRESENTER JOHN OKAFOR:`,
/// `DR MENSAH:`, `CLLR SEÁN Ó BRIAIN:`): up to six words in capitals that open the line
/// or a sentence and end in a colon. Like a dateline, a speaker is set in capitals for the
/// eye, so the capitals say nothing of the words.
fn speaker_labels(line: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    if !line.contains(':') {
        return out;
    }
    // (byte where the run starts, its words, whether one has two letters or more)
    let mut run: Option<(usize, usize, bool)> = None;
    let mut opens = true;
    let mut rest = line;
    while !rest.is_empty() {
        rest = rest.trim_start();
        let at = line.len() - rest.len();
        let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let word = &rest[..end];
        rest = &rest[end..];
        if word.is_empty() {
            break;
        }
        let core = core_of(word);
        let caps = core.chars().any(char::is_alphabetic) && !core.chars().any(char::is_lowercase);
        if caps && (run.is_some() || opens) {
            let (start, words, long) = run.get_or_insert((at, 0, false));
            *words += 1;
            *long = *long || core.chars().filter(|c| c.is_alphabetic()).count() >= 2;
            if word.ends_with(':') {
                if *long && *words <= 6 {
                    out.push((*start, at + word.len()));
                }
                run = None;
            }
        } else {
            run = None;
        }
        opens = word.ends_with(['.', '?', '!', '"', '\u{201d}', ':']);
    }
    out
}

/// The words `text` writes in lower case (`presenter`).
fn words_in_lower_case(text: &str) -> HashSet<&str> {
    text.split_whitespace()
        .map(core_of)
        .filter(|w| w.starts_with(char::is_lowercase))
        .collect()
}

/// The words `text` writes capitalised in running text (`Putin`, not `NATO`), possessive
/// or not (`Putin's`: `Putin`).
fn words_capitalised(text: &str) -> HashSet<&str> {
    text.split_whitespace()
        .map(name_of)
        .filter(|w| is_capitalised(w) && w.chars().skip(1).any(char::is_lowercase))
        .collect()
}

/// Whether a word of a speaker's label (in lower case) says what the speaker is, not who:
/// a role (`presenter`), a word of grammar, or a word the article writes in lower case.
fn is_role_in_label(lower_word: &str, lower: &HashSet<&str>) -> bool {
    is_function_word(lower_word)
        || lexicon::has(List::RoleNouns, lower_word)
        || lower.contains(lower_word)
}

/// The code-point ranges of the persons a transcript names as its speakers (`JOHN OKAFOR` of
/// `PRESENTER JOHN OKAFOR:`, `MENSAH` of `DR MENSAH:`): in a text with two speakers or more,
/// the words of a speaker's label after its titles and roles, where the name speaks more than
/// once or the article also writes it with a capital (`Thank you, Mensah`). A heading that
/// happens to end in a colon (`TRANSCRIPT:`) does neither.
fn speakers(text: &str, by_line: &[Vec<(usize, usize)>]) -> Vec<(usize, usize)> {
    let mut labels: Vec<(usize, usize)> = Vec::new();
    let mut at = 0;
    for (line, found) in text.split('\n').zip(by_line) {
        labels.extend(found.iter().map(|&(s, e)| (at + s, at + e)));
        at += line.len() + 1;
    }
    if labels.is_empty() {
        return Vec::new();
    }
    let lower = words_in_lower_case(text);
    // Each label's name: its words after the titles and roles, as a byte range of `text`.
    let names: Vec<(usize, usize)> = labels
        .iter()
        .filter_map(|&(s, e)| {
            let label = &text[s..e];
            let mut name: Option<(usize, usize)> = None;
            for w in label.split_whitespace() {
                let core = core_of(w);
                let before_name = name.is_none() && {
                    let word = core.to_lowercase();
                    lexicon::has(List::Titles, &word) || is_role_in_label(&word, &lower)
                };
                if core.is_empty() || before_name {
                    continue;
                }
                let a = s + (core.as_ptr() as usize - label.as_ptr() as usize);
                let first = name.map_or(a, |n| n.0);
                name = Some((first, a + core.len()));
            }
            name
        })
        .collect();
    let last_word = |&(s, e): &(usize, usize)| text[s..e].rsplit(' ').next().unwrap_or("");
    let mut times: HashMap<&str, usize> = HashMap::default();
    for n in &names {
        *times.entry(last_word(n)).or_default() += 1;
    }
    // A transcript has two speakers or more; one label alone is a heading or a dateline
    // (`NEW DELHI: The government…`).
    if times.len() < 2 {
        return Vec::new();
    }
    let capitalised = words_capitalised(text);
    let mut title = String::new();
    // Code points counted once along the text: the names are in order.
    let (mut byte, mut cp) = (0, 0);
    let mut out = Vec::new();
    for n in &names {
        let last = last_word(n);
        title.clear();
        recase_into(&mut title, last, true);
        if times[last] >= 2 || capitalised.contains(title.as_str()) {
            cp += text[byte..n.0].chars().count();
            byte = n.0;
            out.push((cp, cp + text[n.0..n.1].chars().count()));
        }
    }
    out
}

/// `text` with its headlines, datelines and speakers in capitals written in Title Case, or
/// `None` when it has none.
fn title_case_capitals(text: &str, by_line: &[Vec<(usize, usize)>]) -> Option<String> {
    let touched = |line: &str| is_all_caps_line(line) || dateline_words(line) > 0;
    if by_line.iter().all(Vec::is_empty) && !text.split('\n').any(touched) {
        return None;
    }
    // The words the article writes capitalised in running text (`Putin`); gathered only for
    // a headline in capitals, which most texts that open with a dateline do not have.
    let mut capitalised: Option<HashSet<&str>> = None;
    // The words it writes in lower case (`presenter`), gathered only for a speaker or a
    // headline's place.
    let mut lower: Option<HashSet<&str>> = None;
    let mut out = String::with_capacity(text.len());
    for (n, (line, labels)) in text.split('\n').zip(by_line).enumerate() {
        if n > 0 {
            out.push('\n');
        }
        let headline = is_all_caps_line(line);
        let words = if headline {
            usize::MAX
        } else {
            dateline_words(line)
        };
        let speakers: &[(usize, usize)] = if headline { &[] } else { labels };
        // A headline's words in Title Case, without a possessive (`ARMENIA'S`: `Armenia`), and
        // which of them the gazetteer's places cover.
        let titled: Vec<String> = if headline {
            line.split_whitespace()
                .map(|w| {
                    let mut t = String::new();
                    recase_into(&mut t, name_of(w), true);
                    t
                })
                .collect()
        } else {
            Vec::new()
        };
        let places = if headline {
            gazetteer::get().place_words(&titled)
        } else {
            Vec::new()
        };
        let mut speaker = speakers.iter().peekable();
        let mut rest = line;
        let mut k = 0;
        while !rest.is_empty() {
            let ws = rest.len() - rest.trim_start().len();
            out.push_str(&rest[..ws]);
            rest = &rest[ws..];
            let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            let at = line.len() - rest.len();
            while speaker.next_if(|&&(_, e)| e <= at).is_some() {}
            if speaker.peek().is_some_and(|&&(s, _)| s <= at) {
                // A speaker's name keeps its capital, and a title (`Dr`); a role
                // (`PRESENTER`) or a word the article writes in lower case does not.
                let word = &rest[..end];
                let core = core_of(word).to_lowercase();
                let name = lexicon::has(List::Titles, &core)
                    || !is_role_in_label(
                        &core,
                        lower.get_or_insert_with(|| words_in_lower_case(text)),
                    );
                recase_into(&mut out, word, name);
            } else if k < words && is_all_caps(&rest[..end]) && !is_initialism(&rest[..end]) {
                let word = &rest[..end];
                // A dateline's place keeps its capital; a headline's word as said above.
                let capital = titled.get(k).is_none_or(|title| {
                    capitalised
                        .get_or_insert_with(|| words_capitalised(text))
                        .contains(title.as_str())
                        || places[k]
                            && !lower
                                .get_or_insert_with(|| words_in_lower_case(text))
                                .contains(title.to_lowercase().as_str())
                });
                recase_into(&mut out, word, capital);
            } else {
                out.push_str(&rest[..end]);
            }
            k += 1;
            rest = &rest[end..];
        }
    }
    debug_assert_eq!(out.len(), text.len());
    Some(out)
}

/// What a text's headlines, datelines and speakers' labels say, read in one pass over its
/// lines for the labels, which both the recasing and the speakers need. The default says
/// nothing (the stage switched off).
#[derive(Default)]
pub struct Capitals {
    /// The text recased (see [`normalise`]), or `None` when nothing changes.
    pub normalised: Option<String>,
    /// The places that open datelines, as code-point ranges ([`datelines`]).
    pub datelines: Vec<(usize, usize)>,
    /// A transcript's speakers, as code-point ranges ([`speakers`]).
    pub speakers: Vec<(usize, usize)>,
}

/// Reads `text`'s headlines, datelines and speakers.
pub fn read(text: &str) -> Capitals {
    let by_line: Vec<Vec<(usize, usize)>> = text.split('\n').map(speaker_labels).collect();
    Capitals {
        normalised: normalise(text, &by_line),
        datelines: datelines(text),
        speakers: speakers(text, &by_line),
    }
}

/// `text` with the headlines' ordinary words in lower case, or `None` when it has no headline.
/// Only ASCII letters change, and only to lower case, so every offset stays valid.
/// `by_line` holds each line's speakers' labels.
fn normalise(text: &str, by_line: &[Vec<(usize, usize)>]) -> Option<String> {
    let capitals = title_case_capitals(text, by_line);
    let text = capitals.as_deref().unwrap_or(text);
    if !text.split('\n').any(is_title_case) {
        return capitals;
    }
    let lower_seen = words_in_lower_case(text);
    let mut out = String::with_capacity(text.len());
    for (n, line) in text.split('\n').enumerate() {
        if n > 0 {
            out.push('\n');
        }
        if !is_title_case(line) {
            out.push_str(line);
            continue;
        }
        let mut rest = line;
        while !rest.is_empty() {
            let ws = rest.len() - rest.trim_start().len();
            out.push_str(&rest[..ws]);
            rest = &rest[ws..];
            let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            let word = &rest[..end];
            let core = core_of(word);
            let lower = core.to_ascii_lowercase();
            let ordinary = core.is_ascii()
                && is_capitalised(core)
                && core.chars().skip(1).any(|c| c.is_ascii_lowercase())
                && (is_function_word(&lower) || seen_in_some_form(&lower_seen, &lower));
            if ordinary {
                let at = word.find(core).unwrap_or(0);
                out.push_str(&word[..at]);
                out.push_str(&core[..1].to_ascii_lowercase());
                out.push_str(&word[at + 1..]);
            } else {
                out.push_str(word);
            }
            rest = &rest[end..];
        }
    }
    debug_assert_eq!(out.len(), text.len());
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn normalise(text: &str) -> Option<String> {
        read(text).normalised
    }

    fn speakers(text: &str) -> Vec<(usize, usize)> {
        read(text).speakers
    }

    #[test]
    fn a_title_case_headline_keeps_only_its_names_capitalised() {
        let text = "Kerry, Lavrov Agree To Push For Syria Ceasefire In Geneva Talks\n\n\
                    Kerry and Lavrov agreed to push for a ceasefire at the talks.";
        let out = normalise(text).unwrap();
        assert_eq!(
            out.lines().next().unwrap(),
            "Kerry, Lavrov agree to push for Syria ceasefire in Geneva talks"
        );
        assert_eq!(
            &out[out.find('\n').unwrap()..],
            &text[text.find('\n').unwrap()..]
        );
    }

    #[test]
    fn running_text_and_lists_of_names_are_left_alone() {
        assert_eq!(normalise("Kerry met Lavrov in Geneva on Friday."), None);
        assert_eq!(
            normalise("Angela Merkel, Emmanuel Macron, Justin Trudeau"),
            None
        );
        assert_eq!(normalise("Bosnia and Herzegovina"), None);
    }

    #[test]
    fn headlines_and_datelines_in_capitals_are_recased() {
        let text = "PUTIN MEETS OBAMA IN GENEVA\n\nNAIROBI — Putin meets Obama in talks.\n\
                    HILLSIDE, Wis., May 8 — NATO said";
        let out = normalise(text).unwrap();
        let lines: Vec<&str> = out.split('\n').collect();
        // `Geneva` is not in the article, but the gazetteer knows it as a place.
        assert_eq!(lines[0], "Putin meets Obama in Geneva");
        assert_eq!(lines[2], "Nairobi — Putin meets Obama in talks.");
        assert_eq!(lines[3], "Hillside, Wis., May 8 — NATO said");
        // Initials keep their capitals, in a dateline and in a headline.
        let out = normalise("U.S. TROOPS LEAVE\nTALLOWAY, N.D. — The U.S. troops left.").unwrap();
        assert_eq!(
            out,
            "U.S. troops leave\nTalloway, N.D. — The U.S. troops left."
        );
        // A possessive's place too, and a name the article writes only as a possessive.
        let out = normalise("STORM HITS KENYA'S COAST AND OKAFOR\nOkafor's boat sank.").unwrap();
        assert_eq!(
            out,
            "storm hits Kenya's coast and Okafor\nOkafor's boat sank."
        );
        // A place the article writes in lower case is an ordinary word there.
        let out = normalise("NEW ZEALAND TEAM BEGINS READING\nThe team's reading began.").unwrap();
        assert_eq!(
            out,
            "New Zealand team begins reading\nThe team's reading began."
        );
        // An acronym that starts a sentence is no dateline.
        assert_eq!(normalise("NATO said on Friday - and"), None);
        assert_eq!(normalise("The US and EU"), None);
    }

    #[test]
    fn a_dateline_opens_with_its_place() {
        let text =
            "Intro\nSAN JOSE, Calif. (AP) — Rain fell.\nÅLESUND — Snow fell.\nNATO said - no\n\
                    PORT SUDAN (AFP) -\nRain fell.";
        let places: Vec<String> = datelines(text)
            .into_iter()
            .map(|(s, e)| text.chars().skip(s).take(e - s).collect())
            .collect();
        assert_eq!(places, ["SAN JOSE", "ÅLESUND", "PORT SUDAN"]);
    }

    #[test]
    fn a_heading_before_a_dash_opens_no_dateline() {
        let text = "TRANSCRIPT – Morning Show, 3 May\nELLI MÄKINEN, PAINTER (1920 – 2011)\n\
                    Elli Mäkinen, who painted the lakes, has died.";
        assert!(datelines(text).is_empty());
        let out = normalise(text).unwrap();
        // A heading in capitals keeps a capital on the names the article writes with one,
        // accented letters too.
        assert_eq!(
            out.split('\n').nth(1).unwrap(),
            "Elli Mäkinen, painter (1920 – 2011)"
        );
    }

    #[test]
    fn a_speaker_in_capitals_is_recased_and_a_role_is_not_a_name() {
        let text = "PRESENTER JOHN ADEYEMI-BROWN: Good evening. Our guest is a doctor. \
                    DR MENSAH: Thank you, John. ADEYEMI-BROWN: Why now?\n\
                    CLLR SEÁN Ó BRIAIN: Agreed. A word from NATO: wait.";
        let out = normalise(text).unwrap();
        assert_eq!(
            out,
            "presenter John Adeyemi-Brown: Good evening. Our guest is a doctor. \
             Dr Mensah: Thank you, John. Adeyemi-Brown: Why now?\n\
             Cllr Seán Ó Briain: Agreed. A word from NATO: wait."
        );
        // Capitals that do not end in a colon, or follow a word of the sentence, stay.
        assert_eq!(normalise("He said: NATO will wait. UN troops: none."), None);
    }

    #[test]
    fn a_transcript_s_speakers_are_persons_and_a_heading_is_not() {
        let text = "TRANSCRIPT: Evening Line, 2 June\n\
                    PRESENTER JOHN ADEYEMI-BROWN: Good evening. With me is Dr Ama Mensah. \
                    DR MENSAH: Thank you. ADEYEMI-BROWN: Why now? MENSAH: The rains, Ågot.\n\
                    ÅGOT: Quite. UPDATE: none.";
        let names: Vec<String> = speakers(text)
            .into_iter()
            .map(|(s, e)| text.chars().skip(s).take(e - s).collect())
            .collect();
        // `TRANSCRIPT` and `UPDATE` speak once and are never written with a capital in the
        // text; `ÅGOT` speaks once but is addressed as `Ågot`.
        assert_eq!(
            names,
            [
                "JOHN ADEYEMI-BROWN",
                "MENSAH",
                "ADEYEMI-BROWN",
                "MENSAH",
                "ÅGOT"
            ]
        );
        assert!(speakers("He said: no. NATO: yes.").is_empty());
        // One label alone is a dateline or a heading, not a transcript.
        assert!(speakers("MUMBAI: Rain fell on Mumbai. MUMBAI: more rain.").is_empty());
    }

    #[test]
    fn offsets_survive_any_headline() {
        let text = "Ça Va: Émile Zola's “Heirs” Sue Over The Rights\n\nthe heirs sue over rights.";
        let out = normalise(text).unwrap();
        assert_eq!(out.len(), text.len());
        assert_eq!(out.chars().count(), text.chars().count());
        assert!(out.starts_with("Ça Va: Émile Zola's “heirs” sue over the rights"));
    }
}
