//! The recogniser: finds PERSON, PLACE and NUMBER spans in plain text (../shared/GUIDELINES.md).
//!
//! NUMBER comes from a grammar ([`numbers`]); PERSON and PLACE from a tagger over the same
//! tokens. Where they overlap the name wins, since a number inside a name is not a number.

pub mod abbreviations;
pub mod baseline;
pub mod batch;
pub mod constraints;
pub mod corpus;
pub mod features;
pub mod gazetteer;
pub mod hash;
pub mod headline;
pub mod learning;
pub mod lexicon;
pub mod nfc;
pub mod numbers;
pub mod overlaps;
pub mod perceptron;
pub mod repeats;
pub mod rules;
pub mod spanlabel;
pub mod tokens;

use std::sync::{Arc, OnceLock};

use super::document::{Span, NUMBER, PERSON, PLACE};
use crate::core::text::TokenKind;
pub use learning::{run_job, DocScore, History, LearnDoc, LearnReport, LearnSpan, LearningJob};
use lexicon::List;
pub use perceptron::ModelError;

/// Which PERSON/PLACE tagger to run; the baseline stays for comparison in `spanlight eval`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Tagger {
    /// The averaged perceptron of data/model/names.bin (the baseline if that is missing).
    #[default]
    Model,
    Baseline,
}

/// The trained PERSON/PLACE model (`spanlight train`; trained on wikigold, CC-BY 4.0, by
/// Balasuriya, Ringland, Nothman, Murphy and Curran), embedded so the app needs no file.
const MODEL: &[u8] = include_bytes!("../../../data/model/names.bin");

/// A recogniser: a model (the shipped one, or one a person taught) over the shared, read-only
/// lexicons and gazetteers, with what it has learned so far. A value, so a workspace can hold
/// its own and swap it for a learned one; the lexicons are loaded once for all of them.
#[derive(Clone, Debug)]
pub struct Recognizer {
    /// `None`: the rule-based baseline tags names.
    model: Option<perceptron::Model>,
    history: History,
    /// The model file, written once when first asked for: autosave and exports ask often,
    /// and a recogniser never changes.
    file: OnceLock<Vec<u8>>,
}

impl Recognizer {
    /// The recogniser every workspace starts from: the embedded model, parsed once.
    pub fn shipped() -> Arc<Recognizer> {
        shipped_ref().clone()
    }

    /// The rule-based tagger, no model.
    pub fn baseline() -> Recognizer {
        Recognizer {
            model: None,
            history: History::default(),
            file: OnceLock::new(),
        }
    }

    pub fn from_model(model: perceptron::Model, history: History) -> Recognizer {
        Recognizer {
            model: Some(model),
            history,
            file: OnceLock::new(),
        }
    }

    /// Reads a model file ([`Recognizer::to_bytes`]); bad bytes get a reason, never a panic.
    pub fn from_bytes(b: &[u8]) -> Result<Recognizer, ModelError> {
        let (model, notes) = perceptron::Model::read(b)?;
        let history = if notes.is_empty() {
            History::default()
        } else {
            serde_json::from_slice(notes).map_err(|e| {
                ModelError::Invalid(format!("its learning history is not readable: {e}"))
            })?
        };
        Ok(Recognizer::from_model(model, history))
    }

    /// The model file: weights, labels and the learning history. (The baseline has no file:
    /// it is written as an empty PERSON/PLACE model.)
    pub fn to_bytes(&self) -> Vec<u8> {
        self.file().to_vec()
    }

    /// [`Recognizer::to_bytes`] without a copy.
    pub fn file(&self) -> &[u8] {
        self.file.get_or_init(|| self.write_file())
    }

    fn write_file(&self) -> Vec<u8> {
        let history = serde_json::to_vec(&self.history).unwrap_or_default();
        let empty;
        let model = match &self.model {
            Some(m) => m,
            None => {
                empty = perceptron::Model::empty(perceptron::person_place());
                &empty
            }
        };
        // No pruning: a freshly learned feature has a small averaged weight and still counts.
        model.to_bytes(0.0, &history)
    }

    pub fn model(&self) -> Option<&perceptron::Model> {
        self.model.as_ref()
    }

    /// The labels the model suggests, besides NUMBER (which the grammar finds).
    pub fn labels(&self) -> Vec<String> {
        match &self.model {
            Some(m) => m.labels().to_vec(),
            None => perceptron::person_place(),
        }
    }

    /// What this recogniser has learned beyond the model it started from.
    pub fn history(&self) -> &History {
        &self.history
    }

    /// Finds spans in `text`, as suggestions, sorted and non-overlapping.
    pub fn recognize(&self, text: &str) -> Vec<Span> {
        recognize_taught(
            text,
            self.model.as_ref(),
            &self.history.grown(),
            self.history.labeler.as_ref(),
        )
    }
}

/// A workspace's recogniser: cheap to clone, and two are equal when they are the same one
/// (comparing weights would cost as much as the model is large).
#[derive(Clone)]
pub struct SharedRecognizer(pub Arc<Recognizer>);

impl SharedRecognizer {
    pub fn shipped() -> Self {
        SharedRecognizer(Recognizer::shipped())
    }

    pub fn is_shipped(&self) -> bool {
        Arc::ptr_eq(&self.0, &Recognizer::shipped())
    }
}

impl Default for SharedRecognizer {
    fn default() -> Self {
        SharedRecognizer::shipped()
    }
}

impl PartialEq for SharedRecognizer {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl std::fmt::Debug for SharedRecognizer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("SharedRecognizer")
            .field(&self.0.labels())
            .field(&self.0.history.docs)
            .finish()
    }
}

impl std::ops::Deref for SharedRecognizer {
    type Target = Recognizer;
    fn deref(&self) -> &Recognizer {
        &self.0
    }
}

fn shipped_ref() -> &'static Arc<Recognizer> {
    static R: OnceLock<Arc<Recognizer>> = OnceLock::new();
    R.get_or_init(|| {
        Arc::new(Recognizer::from_bytes(MODEL).unwrap_or_else(|_| Recognizer::baseline()))
    })
}

/// Makes the shipped recogniser a part a call (its name lists one at a time, then the model,
/// checked against the feature fingerprint) and says when it is all made: the page calls it
/// once a task before its first render, so making it is never one long task.
pub fn ready_step() -> bool {
    if gazetteer::ready_step() {
        shipped_ref();
        true
    } else {
        false
    }
}

/// The embedded model, parsed once; `None` if the file is empty or not a model.
pub fn model() -> Option<&'static perceptron::Model> {
    shipped_ref().model()
}

/// Finds spans in `text` with the shipped recogniser, as suggestions, sorted and
/// non-overlapping.
pub fn recognize(text: &str) -> Vec<Span> {
    Recognizer::shipped().recognize(text)
}

/// [`recognize`] with a chosen PERSON/PLACE tagger.
pub fn recognize_with(text: &str, tagger: Tagger) -> Vec<Span> {
    match (tagger, model()) {
        (Tagger::Model, Some(m)) => recognize_using(text, Some(m)),
        _ => recognize_using(text, None),
    }
}

/// Byte offset of a token: its text is a slice of `text`.
fn byte_start(text: &str, t: &tokens::Tok<'_>) -> usize {
    (t.text.as_ptr() as usize).saturating_sub(text.as_ptr() as usize)
}

/// Word boundaries can fall inside a grapheme (after a prepended mark such as Malayalam's
/// dot reph); a span there could not be shown or stored, so such rare spans are dropped.
fn on_grapheme_boundary(text: &str, byte: usize) -> bool {
    use unicode_segmentation::GraphemeCursor;
    byte <= text.len()
        && GraphemeCursor::new(byte, text.len(), true)
            .is_boundary(text, 0)
            .unwrap_or(false)
}

/// Holds a tagged name to the guidelines' edges: titles (`Secretary of State`, `Dr`) and a
/// leading `the` stay outside, and a name neither starts nor ends with punctuation, except the
/// dot of an initial or abbreviation (`J. R. R. Tolkien`, `U.S.`).
fn tidy<'a>(
    toks: &[tokens::Tok<'_>],
    places: &[Option<bool>],
    (mut s, mut e, label): (usize, usize, &'a str),
) -> Option<(usize, usize, &'a str)> {
    use crate::core::text::TokenKind::Word;
    if label == PLACE {
        // A place the gazetteer knows runs to the end of its name: `Côte d'Ivoire`, not `Côte`.
        while e < toks.len() && places[e] == Some(false) && places[s..e].contains(&Some(true)) {
            e += 1;
        }
    }
    if label == PERSON {
        // `Kim Seo-` `yeon`: the hyphen is handled with what follows it.
        if e > s + 1 && toks[e - 1].text == "-" {
            e -= 1;
        }
        // A person's name runs to the end of its capitalised words: `Giorgia` alone in
        // `Giorgia Meloni flew` is a tagger that lost its nerve, not a name.
        while e < toks.len() {
            let t = &toks[e];
            // Not into a headline's capitalised words (`Lavrov Agree To Push For …`): no
            // function words, and no name longer than five words this way.
            let cap_word = |t: &tokens::Tok<'_>| {
                t.kind == Word
                    && tokens::is_capitalised(t.text)
                    && !baseline::is_title(t.text)
                    && !rules::is_function_word(t.text)
            };
            if e - s >= 5 {
                break;
            }
            if cap_word(t) && t.space_before && !t.newline_before {
                e += 1;
            } else if t.text == "-"
                && !t.space_before
                && toks.get(e + 1).is_some_and(|n| {
                    !n.space_before
                        && (cap_word(n) || (n.kind == Word && is_given_name_syllable(n.text)))
                })
            {
                e += 2;
            } else {
                break;
            }
        }
        // Titles stay outside, also one that was found alone and grew into the name above
        // (`General` + `Kamal Eddin Hamid`), and whatever stands before a title inside the
        // span (`Fed Chair Jerome Powell`, `Fianna Fáil TD …`): a name does not contain one.
        let in_title =
            |k: usize| baseline::is_title(toks[k].text) || baseline::is_title_department(toks, k);
        if let Some(k) = (s..e - 1).rev().find(|&k| in_title(k)) {
            s = k + 1;
        }
        // `Secretary of State John Kerry` with `State John Kerry` found: `State` is the title's.
        // And a role, party or nationality at the start of a sentence is no part of the name
        // either (`Glaciologist Ana Ruiz`, `Democrat Hillary Clinton`, `Brazilian Estêvão`,
        // `Dane Ole Madsen`); one that is a given name too only before two words or more
        // (`Dane Cook` is a person's whole name).
        let role = |k: usize| {
            is_role_before_name(toks[k].text)
                && (e - k >= 3 || !gazetteer::get().is_given_name(toks[k].text))
        };
        while s + 1 < e && (baseline::is_title_department(toks, s) || role(s)) {
            s += 1;
        }
        // Nor does it end in letters after the name (`Jonathan Rees KC`).
        while e > s + 1 && is_post_nominal(toks[e - 1].text) {
            e -= 1;
        }
        // And a name starts at its first given name: `María` of `María Fernanda Urdaneta`,
        // `Abu` of `Abu Ali al-Hamdani`, where the tagger began a word late.
        let g = gazetteer::get();
        while s > 0 {
            let p = &toks[s - 1];
            let name_word = p.kind == Word
                && tokens::is_capitalised(p.text)
                && (g.is_given_name(p.text) || lexicon::has(List::NameOpeners, p.text))
                && !baseline::is_title(p.text)
                && !g.is_demonym(p.text)
                && places[s - 1].is_none()
                && !is_calendar_word(p.text);
            if name_word && toks[s].space_before && !toks[s].newline_before {
                s -= 1;
            } else if toks[s].space_before && !toks[s].newline_before && is_surname_particle(p.text)
            {
                // `de Mistura`, `Du Plessis`, `Ó Súilleabháin`: the particle is the surname's.
                s -= 1;
            } else if s >= 2
                && p.text == "-"
                && !p.space_before
                && !toks[s].space_before
                && lexicon::has(List::HyphenedArticles, toks[s - 2].text)
            {
                // `al-Otaibi`.
                s -= 2;
            } else {
                break;
            }
        }
    }
    // A leading `the` stays outside (`the United States`); `The Hague` keeps its capital. So
    // does a capitalised word of grammar before a name (`By LARA JAKES`, `In Syria`).
    while s < e
        && (toks[s].kind != Word
            || toks[s].text == "the"
            || (s + 1 < e && is_leading_preposition(toks[s].text)))
    {
        s += 1;
    }
    // Nor does a name end in a word without a capital (`Malatya province`): lower-case words
    // only join capitalised ones (`Bosnia and Herzegovina`, `Côte d'Ivoire`).
    // (`Lee Jae-myung` keeps its hyphened part.)
    while e > s + 1
        && toks[e - 1].kind == Word
        && toks[e - 1].space_before
        && !toks[e - 1].text.chars().any(char::is_uppercase)
    {
        e -= 1;
    }
    while e > s && toks[e - 1].kind != Word {
        let dot_of_initial = toks[e - 1].text == "."
            && !toks[e - 1].space_before
            && e >= s + 2
            && (toks[e - 2].text.chars().count() == 1 || toks[e - 2].text.contains('.'));
        if dot_of_initial {
            break;
        }
        e -= 1;
    }
    // The dot of an abbreviation that ends the name, which a comma or a lower-case word
    // follows, so it is no full stop: `Wis.` of `Hillside, Wis., May 8`, `Calif.,`, `Jr.` of
    // `Jr. said`. Before a lower-case word only a word that is no word of its own (three
    // letters at most, or no vowel): posts start sentences in lower case (`cycled down to
    // Arras. flat and windy`). Before a closing parenthesis, the same, or a parenthesis of a
    // few words that holds no sentence (a lawmaker's party and state, `(R., Neb.)`).
    let closes_short_parenthesis = |k: usize| {
        toks.get(k).is_some_and(|t| t.text == ")")
            && toks[k.saturating_sub(4)..k].iter().any(|t| t.text == "(")
    };
    let no_full_stop = |word: &str, next: usize| {
        let after = toks[next].text;
        after == ","
            || closes_short_parenthesis(next)
            || ((after == ")" || after.starts_with(char::is_lowercase))
                && constraints::is_abbreviation(word))
    };
    // Where the dot ends the sentence too, one dot serves both (`… of Jordan, Minn.`,
    // `Harry Connick Jr.`): a state's abbreviation after a town and a comma, a suffix of a
    // person's name.
    let full_stop_too = |word: &str, k: usize| {
        (label == PLACE
            && k >= 2
            && toks[k - 1].text == ","
            && lexicon::has(List::RegionAbbreviations, word))
            || (label == PERSON && lexicon::has(List::NameSuffixes, word))
    };
    // (`N.D.`, `B.C.`: a listed abbreviation of capitals and dots keeps its last dot too.)
    let short_word = |word: &str| {
        tokens::is_capitalised(word)
            && word.chars().skip(1).all(char::is_lowercase)
            && word.chars().count() <= 5
    };
    if e > s
        && e < toks.len()
        && toks[e].text == "."
        && !toks[e].space_before
        && ((short_word(toks[e - 1].text)
            && e + 1 < toks.len()
            && no_full_stop(toks[e - 1].text, e + 1))
            || full_stop_too(toks[e - 1].text, e - 1))
    {
        e += 1;
    }
    // A generational suffix after a comma is the person's (`John A. Notte, Jr., Governor`),
    // not a place after a comma as `Dayton, Ohio` is.
    if label == PERSON
        && e > s
        && toks
            .get(e)
            .is_some_and(|t| t.text == "," && !t.space_before)
        && toks
            .get(e + 1)
            .is_some_and(|t| t.space_before && lexicon::has(List::NameSuffixes, t.text))
        && toks
            .get(e + 2)
            .is_some_and(|t| t.text == "." && !t.space_before)
    {
        e += 3;
    }
    // A name has a capital somewhere: `al` of `al-Quds` alone is none.
    let capital = toks[s..e]
        .iter()
        .any(|t| t.text.chars().any(char::is_uppercase));
    (s < e && capital).then_some((s, e, label))
}

/// A taught label's span holds no punctuation at its edges, except the dot of an initial or
/// abbreviation (`Acme Corp.`), neither starts nor ends with a lower-case word of grammar
/// (`Palmaner Taluk of`), as the person's own spans do not, and is no word of grammar alone.
fn trim<'a>(
    toks: &[tokens::Tok<'_>],
    (mut s, mut e, label): (usize, usize, &'a str),
) -> Option<(usize, usize, &'a str)> {
    use crate::core::text::TokenKind::{Number, Word};
    let grammar = |t: &tokens::Tok<'_>| {
        t.kind == Word && t.text.starts_with(char::is_lowercase) && rules::is_function_word(t.text)
    };
    // A name is no word of grammar alone (`The`, `He`, `During`).
    if only_grammar(&toks[s..e]) {
        return None;
    }
    // Nor does it begin with a preposition, pronoun or conjunction a sentence begins with
    // (`Since Connecticut`, `After World War II`).
    if e > s + 1
        && features::is_sentence_start(toks, s)
        && (is_leading_preposition(toks[s].text) || lexicon::has(List::GrammarWords, toks[s].text))
    {
        s += 1;
    }
    // Nor does it end with a capitalised preposition or conjunction that leads on to words
    // after it (`Perth Glory From 2006`, `National Action In the 1970s`, where a full stop is
    // missing); a title may end on one (`Hold On.`), so one before punctuation stays.
    let leads_on = |k: usize| {
        toks.get(k)
            .is_some_and(|t| !t.newline_before && (t.kind == Word || t.kind == Number))
    };
    loop {
        let before = (s, e);
        while e > s + 1
            && leads_on(e)
            && tokens::is_capitalised(toks[e - 1].text)
            && is_leading_preposition(toks[e - 1].text)
        {
            e -= 1;
        }
        while s < e && ((toks[s].kind != Word && toks[s].kind != Number) || grammar(&toks[s])) {
            s += 1;
        }
        while e > s
            && ((toks[e - 1].kind != Word
                && toks[e - 1].kind != Number
                && !(toks[e - 1].text == "." && !toks[e - 1].space_before && e >= s + 2))
                || grammar(&toks[e - 1]))
        {
            e -= 1;
        }
        if (s, e) == before {
            break;
        }
    }
    (s < e).then_some((s, e, label))
}

/// The spans of the taught labels in `grown` grown to the capitalised run they lie in (`FC` of
/// `FC Basel`, `Cult` of `The Cult`): a label with few examples learns the edges of its
/// multi-word names slowest, and for labels whose names are whole runs (organisations, bands,
/// works) the run's edges are the name's. A run goes on past `of` (`State Railway of
/// Thailand`, `Army of the North`) and ends on no preposition (`National Action In the
/// 1970s`). Which labels are grown, learning decides from
/// progressive validation ([`History::grown`]). A span is not grown over the first word of a
/// sentence when that is a word of grammar (`The French said`), nor into another span (a
/// person or place the tagger found next to it keeps its own words).
fn grow_to_runs<'a>(
    toks: &[tokens::Tok<'_>],
    names: Vec<(usize, usize, &'a str)>,
    others: &[(usize, usize, &str)],
    grown: &[&str],
) -> Vec<(usize, usize, &'a str)> {
    if grown.is_empty() || names.is_empty() {
        return names;
    }
    let runs = features::cap_runs(toks);
    let taken = overlaps::Overlaps::new(names.iter().map(|n| (n.0, n.1)));
    let beside = overlaps::Overlaps::new(others.iter().map(|n| (n.0, n.1)));
    let mut out = Vec::with_capacity(names.len());
    for &(s, e, label) in &names {
        if !grown.contains(&label) {
            out.push((s, e, label));
            continue;
        }
        let run_of = |i: usize| {
            let k = runs.partition_point(|r| r.0 as usize <= i);
            runs[..k].last().filter(|r| r.1 as usize > i).copied()
        };
        // A name ends on no preposition the run took in (`Perth Glory From 2006`): the end
        // `to` goes back to at most `from`.
        let no_preposition = |from: usize, mut to: usize| {
            while to > from && is_leading_preposition(toks[to - 1].text) {
                to -= 1;
            }
            to
        };
        let mut s2 = run_of(s).map_or(s, |r| (r.0 as usize).min(s));
        let run_end = run_of(e - 1).map_or(e, |r| (r.1 as usize).max(e));
        let e2 = no_preposition(e, run_end);
        if s2 < s && features::is_sentence_start(toks, s2) && is_grammar_word(toks[s2].text) {
            s2 += 1;
        }
        // `of` (or `of the`) and the capitalised run after it: `Army of the North`.
        let mut joined = e2;
        while let Some(r) =
            of_what(toks, joined).and_then(|k| run_of(k).filter(|r| r.0 as usize == k))
        {
            joined = r.1 as usize;
        }
        let e3 = no_preposition(e2, joined);
        // The longest that holds this name (which overlaps it) and no other.
        let clear = |e: usize| taken.count(s2, e) <= 1 && beside.count(s2, e) == 0;
        out.push(match [e3, e2].into_iter().find(|&e| clear(e)) {
            Some(e2) => (s2, e2, label),
            None => (s, e, label),
        });
    }
    out
}

/// Where the name continues after token `e` (exclusive end of a name): past `of` or `of the`
/// on the same line, at the capitalised word that follows, or `None`.
fn of_what(toks: &[tokens::Tok<'_>], e: usize) -> Option<usize> {
    let same_line = |k: usize| toks.get(k).filter(|t| !t.newline_before);
    same_line(e).filter(|t| t.text == "of")?;
    let k = if same_line(e + 1).is_some_and(|t| t.text == "the") {
        e + 2
    } else {
        e + 1
    };
    same_line(k)
        .filter(|t| t.kind == TokenKind::Word && tokens::is_capitalised(t.text))
        .map(|_| k)
}

/// A word of grammar: an article, preposition, pronoun or conjunction, which is no name.
pub(super) fn is_grammar_word(word: &str) -> bool {
    rules::is_function_word(word) || lexicon::has(List::GrammarWords, word)
}

/// Tokens with words, all of them of grammar (`The`, `He`, `During`): no name. (Numbers alone
/// are not this: a taught label may be `2007`.)
pub(super) fn only_grammar(toks: &[tokens::Tok<'_>]) -> bool {
    let mut words = toks.iter().filter(|t| t.kind == TokenKind::Word).peekable();
    words.peek().is_some() && words.all(|t| is_grammar_word(t.text))
}

/// Prepositions and conjunctions, capitalised at a sentence's or a byline's start (`By`, `In`),
/// which no name begins with. (`A`, `An` and `The` may: `A Coruña`, `An Spidéal`, `The Hague`.)
fn is_leading_preposition(word: &str) -> bool {
    rules::is_function_word(word)
        && !matches!(
            word.to_ascii_lowercase().as_str(),
            "the" | "a" | "an" | "this" | "that"
        )
}

/// Particles that begin a surname: `de Mistura`, `Du Plessis`, `van der Merwe`, `Ó Dubhghaill`,
/// `Ní Riain`, `ap Rhys`.
fn is_surname_particle(word: &str) -> bool {
    lexicon::has(List::SurnameParticles, word)
}

/// A capitalised word that says what a person is, not who: a role (`Founder`, `Glaciologist`),
/// a party (`Democrat`) or a nationality (`Brazilian`).
fn is_role_before_name(word: &str) -> bool {
    let lower = word.to_lowercase();
    // `Tigist` is a given name, not a role.
    let role_suffix = lower.chars().count() > 6
        && ["ologist", "ographer", "ician", "ist"]
            .iter()
            .any(|x| lower.ends_with(x))
        && !gazetteer::get().is_given_name(word);
    features::context_class(word) == 1
        || role_suffix
        || gazetteer::get().is_demonym(word)
        || lexicon::has(List::Parties, word)
}

/// Letters after a name: honours, offices and ranks at the bar (`KC`, `MP`, `TD`).
fn is_post_nominal(word: &str) -> bool {
    lexicon::has(List::PostNominals, word)
}

/// Months and weekdays, some of which are given names too (`May`, `June`, `Sunday`), but never
/// the start of the name that follows them (`in May Johnson resigned`).
pub(super) fn is_calendar_word(word: &str) -> bool {
    lexicon::has(List::Calendar, word)
}

/// The lower-case half of a hyphened given name (`Jae-myung`, `Jong-un`, `Suk-yeol`), as
/// opposed to an English word glued to a name (`Kerry-led`, `Putin-backed`, `Obama-era`),
/// which stays outside.
fn is_given_name_syllable(word: &str) -> bool {
    let short = (1..=5).contains(&word.chars().count());
    let plain = word.chars().all(|c| c.is_ascii_lowercase());
    short && plain && !lexicon::has(List::GluedEnglish, word)
}

/// [`recognize`] with a given model (the baseline when `None`), for evaluating a freshly
/// trained model without rebuilding.
pub fn recognize_using(text: &str, model: Option<&perceptron::Model>) -> Vec<Span> {
    recognize_growing(text, model, &[])
}

/// [`recognize_using`], with the spans of the taught labels in `grown` grown to whole
/// capitalised runs (see [`grow_to_runs`]).
pub fn recognize_growing(
    text: &str,
    model: Option<&perceptron::Model>,
    grown: &[&str],
) -> Vec<Span> {
    recognize_all(text, model, Stages::from_env(), grown, None)
}

/// [`recognize_growing`], with the names the tagger found relabelled by `labeler` (see
/// [`spanlabel`]).
pub fn recognize_taught(
    text: &str,
    model: Option<&perceptron::Model>,
    grown: &[&str],
    labeler: Option<&spanlabel::SpanLabeler>,
) -> Vec<Span> {
    recognize_all(text, model, Stages::from_env(), grown, labeler)
}

/// The stages of the recogniser that can be switched off, for an ablation table
/// (`SPANLIGHT_OFF=headlines,constraints,compose,tidy,rules spanlight eval …`). All are on by default.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stages {
    /// Headlines and datelines re-cased by the article's own casing ([`headline`]).
    pub headlines: bool,
    /// No span across a line break or sentence end ([`constraints`]).
    pub constraints: bool,
    /// Decomposed text composed for look-ups ([`nfc`]).
    pub compose: bool,
    /// Names held to the guidelines' edges: titles, `the`, punctuation ([`tidy`]).
    pub tidy: bool,
    /// The rules after the tagger: geographic names, organisations, later mentions ([`rules`]).
    pub rules: bool,
}

impl Default for Stages {
    fn default() -> Self {
        Stages {
            headlines: true,
            constraints: true,
            compose: true,
            tidy: true,
            rules: true,
        }
    }
}

impl Stages {
    /// All stages, less those named in `SPANLIGHT_OFF` (comma-separated). Read once: the
    /// browser has no environment and gets every stage.
    pub fn from_env() -> Stages {
        static S: OnceLock<Stages> = OnceLock::new();
        *S.get_or_init(|| Stages::without(&std::env::var("SPANLIGHT_OFF").unwrap_or_default()))
    }

    /// All stages less those named in `off` (comma-separated); unknown names are ignored.
    pub fn without(off: &str) -> Stages {
        let off: Vec<&str> = off.split(',').map(str::trim).collect();
        Stages {
            headlines: !off.contains(&"headlines"),
            constraints: !off.contains(&"constraints"),
            compose: !off.contains(&"compose"),
            tidy: !off.contains(&"tidy"),
            rules: !off.contains(&"rules"),
        }
    }
}

/// `names` with `label` over the given code-point ranges (in order, disjoint: the places that
/// open datelines, the persons a transcript names as speakers) in place of whatever the tagger
/// found there. Tokens are found by binary search, and each name is checked against the ranges
/// once: a text of many articles has many datelines.
fn with_forced<'a>(
    toks: &[tokens::Tok<'_>],
    forced: &[(usize, usize)],
    label: &'a str,
    mut names: Vec<(usize, usize, &'a str)>,
) -> Vec<(usize, usize, &'a str)> {
    // Token starts and ends both increase along the text.
    let ranges: Vec<(usize, usize)> = forced
        .iter()
        .filter_map(|&(a, b)| {
            let s = toks.partition_point(|t| t.start() < a);
            let e = toks.partition_point(|t| t.end() < b);
            let found = toks.get(s)?.start() == a && toks.get(e)?.end() == b;
            (found && s <= e).then_some((s, e + 1))
        })
        .collect();
    if ranges.is_empty() {
        return names;
    }
    names.retain(|n| {
        let next = ranges.partition_point(|r| r.1 <= n.0);
        ranges.get(next).is_none_or(|r| n.1 <= r.0)
    });
    names.extend(ranges.into_iter().map(|(s, e)| (s, e, label)));
    names
}

/// [`recognize_using`] with chosen stages.
pub fn recognize_staged(
    text: &str,
    model: Option<&perceptron::Model>,
    stages: Stages,
) -> Vec<Span> {
    recognize_all(text, model, stages, &[], None)
}

fn recognize_all(
    text: &str,
    model: Option<&perceptron::Model>,
    stages: Stages,
    grown: &[&str],
    labeler: Option<&spanlabel::SpanLabeler>,
) -> Vec<Span> {
    match stages.compose.then(|| nfc::compose(text)).flatten() {
        Some(composed) => from_composed(
            text,
            &composed,
            recognize_text(&composed.text, model, stages, grown, labeler),
        ),
        None => recognize_text(text, model, stages, grown, labeler),
    }
}

/// Spans found in the composed text, at the offsets of the text as written; those that do not
/// fall on its tokens and graphemes (which composition could only cause in odd text) are
/// dropped, as are overlaps.
fn from_composed(written: &str, composed: &nfc::Composed, spans: Vec<Span>) -> Vec<Span> {
    let toks = tokens::toks(written);
    let starts: hash::HashSet<usize> = toks.iter().map(|t| t.start()).collect();
    let ends: hash::HashSet<usize> = toks.iter().map(|t| t.end()).collect();
    let byte_of: Vec<usize> = written
        .char_indices()
        .map(|(b, _)| b)
        .chain(std::iter::once(written.len()))
        .collect();
    let mut out: Vec<Span> = Vec::with_capacity(spans.len());
    for s in spans {
        let Some((start, end)) = composed.written(s.start, s.end) else {
            continue;
        };
        let fits = starts.contains(&start)
            && ends.contains(&end)
            && on_grapheme_boundary(written, byte_of[start])
            && on_grapheme_boundary(written, byte_of[end])
            && out.last().is_none_or(|p| p.end <= start);
        if fits {
            out.push(Span::new(start, end, s.label).suggested());
        }
    }
    out
}

/// The stages after composition, on text in which offsets are those of the tokens.
fn recognize_text(
    text: &str,
    model: Option<&perceptron::Model>,
    stages: Stages,
    grown: &[&str],
    labeler: Option<&spanlabel::SpanLabeler>,
) -> Vec<Span> {
    // Same length and offsets as `text`, headlines aside: only their capitals change.
    let headline::Capitals {
        normalised,
        datelines,
        speakers,
    } = if stages.headlines {
        headline::read(text)
    } else {
        headline::Capitals::default()
    };
    let text = normalised.as_deref().unwrap_or(text);
    let toks = tokens::toks(text);
    let names = match model {
        Some(m) => {
            let (tags, places, orgs) = m.tag_with_lists(&toks);
            // PERSON and PLACE go through the tidying and the rules written for them; a label
            // the person taught (ORG, DRUG, a NUMBER they corrected) is theirs and goes first,
            // so that it wins over anything the rules add.
            let mut tagged = perceptron::spans(&tags, m.labels());
            // The labels the person taught.
            let taught_labels: Vec<&str> = m
                .labels()
                .iter()
                .filter(|l| *l != PERSON && *l != PLACE && *l != NUMBER)
                .map(String::as_str)
                .collect();
            // The capitalised runs that could be names, which the labeler and repeats ask.
            let runs = if labeler.is_some() || !taught_labels.is_empty() {
                spanlabel::candidate_runs(&toks)
            } else {
                Vec::new()
            };
            // The person's labeler decides the label of each name but a person's, may take
            // away a taught label's name that it finds no name, and may make a name the whole
            // capitalised run it begins or lies in (see [`spanlabel`]).
            if let Some(l) = labeler {
                tagged.retain(|n| !l.no_name(&toks, &places, &orgs, *n));
                let found = overlaps::Overlaps::new(tagged.iter().map(|n| (n.0, n.1)));
                for n in tagged.iter_mut() {
                    let k = runs.partition_point(|r| r.1 <= n.0);
                    // A longer run holding this name (which overlaps it) and no other.
                    let run = runs.get(k).filter(|r| {
                        r.0 <= n.0
                            && n.1 <= r.1
                            && (r.0, r.1) != (n.0, n.1)
                            && found.count(r.0, r.1) <= 1
                    });
                    let whole = run.and_then(|&r| {
                        l.whole_run(&toks, &places, &orgs, *n, r, m.labels())
                            .map(|label| (r.0, r.1, label))
                    });
                    *n = whole.unwrap_or((
                        n.0,
                        n.1,
                        l.relabel(&toks, &places, &orgs, *n, m.labels()),
                    ));
                }
            }
            let (names, taught): (Vec<_>, Vec<_>) = tagged
                .into_iter()
                .partition(|n| n.2 == PERSON || n.2 == PLACE);
            let names = names
                .into_iter()
                .filter_map(|n| {
                    if stages.tidy {
                        tidy(&toks, &places, n)
                    } else {
                        Some(n)
                    }
                })
                .collect::<Vec<_>>();
            let taught = taught.into_iter().filter_map(|n| trim(&toks, n)).collect();
            let mut found = grow_to_runs(&toks, taught, &names, grown);
            if stages.rules {
                found.extend(rules::apply(&toks, &places, &orgs, names));
            } else {
                found.extend(names);
            }
            // Capitalised runs the tagger left alone that the labeler finds to be names of a
            // taught label (acronyms, bands, firms the tagger has too few examples to begin).
            if let Some(l) = labeler {
                // The runs are disjoint, so those proposed never overlap one another.
                let taken = overlaps::Overlaps::new(found.iter().map(|n| (n.0, n.1)));
                for &run in &runs {
                    if taken.count(run.0, run.1) > 0 {
                        continue;
                    }
                    if let Some(label) = l.propose(&toks, &places, &orgs, run, &taught_labels) {
                        found.extend(trim(&toks, (run.0, run.1, label)));
                    }
                }
            }
            // A taught label's name is that name wherever the document repeats it.
            if !taught_labels.is_empty() {
                let again = repeats::repeated(&toks, &found, &taught_labels, &runs);
                repeats::put(&mut found, again);
            }
            // A taught label's name defined by its abbreviation, `… Federation (BWF)`: the
            // letters are that name there and later, over a place or a taught label's name
            // on the same letters, never over a person.
            if !taught_labels.is_empty() {
                let defined = abbreviations::defined(&toks, &found, &taught_labels);
                abbreviations::put(&mut found, defined);
            }
            found
        }
        None => baseline::find(&toks),
    };
    // Split before the datelines and speakers are put in, so that a name the tagger ran from
    // a headline's last word into the dateline below (`… ACROSS GALICIA` / `VIGO, Spain —`)
    // keeps its part on the headline's line when the dateline's place replaces the rest.
    let names: Vec<_> = if stages.constraints {
        names
            .into_iter()
            .flat_map(|n| constraints::split(&toks, n, n.2 != NUMBER))
            .collect()
    } else {
        names
    };
    let names = with_forced(&toks, &datelines, PLACE, names);
    let names = with_forced(&toks, &speakers, PERSON, names);
    let mut covered = vec![false; toks.len()];
    let mut found: Vec<(usize, usize, &str)> = Vec::with_capacity(names.len() * 2);
    for (s, e, label) in names {
        // `US` of `US$5` is the currency's, not a place.
        if e == s + 1 && label != NUMBER && numbers::currency_letters_before(&toks, e) {
            continue;
        }
        if s < e && e <= toks.len() && !covered[s..e].iter().any(|&c| c) {
            covered[s..e].iter_mut().for_each(|c| *c = true);
            found.push((s, e, label));
        }
    }
    for (s, e) in numbers::find(&toks) {
        let pieces = if stages.constraints {
            constraints::split(&toks, (s, e, NUMBER), false)
        } else {
            vec![(s, e, NUMBER)]
        };
        for (s, e, label) in pieces {
            if !covered[s..e].iter().any(|&c| c) {
                found.push((s, e, label));
            }
        }
    }
    found.sort_unstable_by_key(|f| f.0);
    found.retain(|&(s, e, _)| {
        on_grapheme_boundary(text, byte_start(text, &toks[s]))
            && on_grapheme_boundary(
                text,
                byte_start(text, &toks[e - 1]) + toks[e - 1].text.len(),
            )
    });
    // Code points in place of token indices; then the tokens and the re-cased text go before
    // the spans are made, which on a long text are as many as a tenth of the tokens.
    let found: Vec<(usize, usize, &str)> = found
        .into_iter()
        .map(|(s, e, label)| (toks[s].start(), toks[e - 1].end(), label))
        .collect();
    drop(covered);
    drop(toks);
    drop(normalised);
    found
        .into_iter()
        .map(|(start, end, label)| Span::new(start, end, label).suggested())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stages_are_switched_off_by_name() {
        assert_eq!(Stages::without(""), Stages::default());
        let off = Stages::without("constraints, rules,nonsense");
        assert!(!off.constraints && !off.rules && off.headlines && off.tidy && off.compose);
        // With every stage on, no span crosses the line break.
        let text = "Hillside Park\nSpringfield Road";
        let m = model();
        let on = recognize_staged(text, m, Stages::default());
        assert!(on.iter().all(|s| s.end <= 13 || s.start >= 14), "{on:?}");
    }

    #[test]
    fn a_hyphened_given_name_is_kept_whole_and_a_glued_english_word_is_not() {
        assert_eq!(tidied_at("Lee Jae-myung won", 0, 2), "Lee Jae-myung");
        assert_eq!(tidied_at("Moon Jae-in said", 0, 2), "Moon Jae-in");
        assert_eq!(tidied_at("Kim Jong-un met", 0, 2), "Kim Jong-un");
        assert_eq!(
            tidied_at("Jean-Marc Ayrault said", 0, 1),
            "Jean-Marc Ayrault"
        );
        assert_eq!(tidied_at("Kerry-led talks", 0, 1), "Kerry");
        assert_eq!(tidied_at("Putin-backed forces", 0, 1), "Putin");
        assert_eq!(tidied_at("Obama-era rules", 0, 1), "Obama");
        assert_eq!(tidied_at("Kim Seo-yeon said", 0, 3), "Kim Seo-yeon");
    }

    #[test]
    fn every_article_of_a_long_text_has_its_dateline_place() {
        // Many articles, one per line, each opening with a dateline in capitals.
        let articles = [
            "NAIROBI — Rain fell on the city on Monday, officials said.",
            "SAN JOSE, Calif. (AP) — The council met on Tuesday.",
            "PORT SUDAN (AFP) - Prices rose again, traders said.",
        ];
        let text: String = (0..300)
            .map(|k| articles[k % 3])
            .collect::<Vec<_>>()
            .join("\n");
        let spans = recognize(&text);
        let chars: Vec<char> = text.chars().collect();
        let places: Vec<String> = spans
            .iter()
            .filter(|s| s.label == PLACE && (s.start == 0 || chars[s.start - 1] == '\n'))
            .map(|s| chars[s.start..s.end].iter().collect())
            .collect();
        assert_eq!(places.len(), 300, "{places:?}");
        for (k, p) in places.iter().enumerate() {
            assert_eq!(p, ["NAIROBI", "SAN JOSE", "PORT SUDAN"][k % 3]);
        }
    }

    #[test]
    fn a_post_that_names_people_by_given_names_gets_them_as_persons() {
        let persons = |text: &str| -> Vec<String> {
            let chars: Vec<char> = text.chars().collect();
            recognize(text)
                .iter()
                .filter(|s| s.label == PERSON)
                .map(|s| chars[s.start..s.end].iter().collect())
                .collect()
        };
        let post = "Hiking near Zermatt, so cheap compared to the Alps.\n\
                    Solveig cooked every night and we met Declan at the marina.";
        for name in ["Solveig", "Declan"] {
            assert!(persons(post).iter().any(|p| p == name), "{name}: {post}");
        }
        // Split into lines or sentences, the same: no span crosses them.
        assert!(persons(post).iter().all(|p| !p.contains('\n')));
    }

    /// The text of tokens `s..e` of `text`.
    fn text_of(text: &str, toks: &[tokens::Tok<'_>], s: usize, e: usize) -> String {
        text[byte_start(text, &toks[s])..byte_start(text, &toks[e - 1]) + toks[e - 1].text.len()]
            .to_string()
    }

    /// The texts of taught spans on tokens `names` of `text` after [`grow_to_runs`], with
    /// the tagger's PERSON/PLACE spans `others`, growing ORG only.
    fn grown_texts(
        text: &str,
        names: &[(usize, usize, &str)],
        others: &[(usize, usize, &str)],
    ) -> Vec<String> {
        let toks = tokens::toks(text);
        grow_to_runs(&toks, names.to_vec(), others, &["ORG"])
            .into_iter()
            .map(|(s, e, _)| text_of(text, &toks, s, e))
            .collect()
    }

    #[test]
    fn a_grown_label_takes_the_whole_capitalised_run() {
        // `He joined FC Basel in May.`: `FC` alone becomes the club.
        let text = "He joined FC Basel in May.";
        assert_eq!(grown_texts(text, &[(2, 3, "ORG")], &[]), ["FC Basel"]);
        assert_eq!(grown_texts(text, &[(3, 4, "ORG")], &[]), ["FC Basel"]);
        // A label not grown keeps its edges.
        assert_eq!(grown_texts(text, &[(2, 3, "MISC")], &[]), ["FC"]);
        // Mid-sentence `The` is part of a band's name; a sentence's first `The` is not.
        assert_eq!(
            grown_texts("a tour with The Cult began", &[(3, 4, "ORG")], &[]),
            ["The Cult"]
        );
        assert_eq!(
            grown_texts("The Cult began a tour.", &[(1, 2, "ORG")], &[]),
            ["Cult"]
        );
        // Not into a place the tagger found next to it, nor into another taught span.
        assert_eq!(
            grown_texts(text, &[(2, 3, "ORG")], &[(3, 4, PLACE)]),
            ["FC"]
        );
        assert_eq!(
            grown_texts(text, &[(2, 3, "ORG"), (3, 4, "ORG")], &[]),
            ["FC", "Basel"]
        );
    }

    /// The text [`trim`] leaves of a taught span on tokens `s..e` of `text`, if any.
    fn trimmed(text: &str, s: usize, e: usize) -> Option<String> {
        let toks = tokens::toks(text);
        trim(&toks, (s, e, "ORG")).map(|(s, e, _)| text_of(text, &toks, s, e))
    }

    #[test]
    fn a_taught_name_is_no_word_of_grammar_and_begins_with_none() {
        // Alone, a pronoun, article or preposition is no name, wherever it stands.
        assert_eq!(trimmed("The band toured.", 0, 1), None);
        assert_eq!(trimmed("He joined.", 0, 1), None);
        assert_eq!(trimmed("and then During it", 2, 3), None);
        // At a sentence's start, one goes from the front of a name.
        assert_eq!(
            trimmed("Since Connecticut Lottery began, it paid.", 0, 3).as_deref(),
            Some("Connecticut Lottery")
        );
        assert_eq!(
            trimmed("After World War II ended.", 0, 4).as_deref(),
            Some("World War II")
        );
        // Not an article, which may begin a name, and not inside a sentence.
        assert_eq!(
            trimmed("The Cult toured.", 0, 2).as_deref(),
            Some("The Cult")
        );
        assert_eq!(
            trimmed("the novel In Cold Blood sold", 2, 5).as_deref(),
            Some("In Cold Blood")
        );
        // Capitals that spell a name are no pronoun.
        assert_eq!(trimmed("US troops left.", 0, 1).as_deref(), Some("US"));
        // A number has no word and is no word of grammar: a taught label may be a year.
        assert_eq!(
            trimmed("It rained in 2007 too.", 3, 4).as_deref(),
            Some("2007")
        );
    }

    #[test]
    fn a_taught_name_ends_on_no_preposition_that_leads_on() {
        // Where a full stop is missing, the preposition after a name begins what follows.
        assert_eq!(
            trimmed("the partner of the Perth Glory From 2006, it aired", 4, 7).as_deref(),
            Some("Perth Glory")
        );
        assert_eq!(
            trimmed("linked to National Action In the 1970s", 2, 5).as_deref(),
            Some("National Action")
        );
        // Nothing is left but punctuation before it: that goes too.
        assert_eq!(
            trimmed("fans of Perth Glory, From 2006 on", 2, 6).as_deref(),
            Some("Perth Glory")
        );
        // A title may end on one where nothing follows it.
        assert_eq!(
            trimmed("She sang Hold On. Then she left.", 2, 4).as_deref(),
            Some("Hold On")
        );
        assert_eq!(
            trimmed("She sang Hold On\nThen she left.", 2, 4).as_deref(),
            Some("Hold On")
        );
        // Not a lower-case word inside the name: that is the grammar the name holds.
        assert_eq!(
            trimmed("the Bank of England said", 1, 4).as_deref(),
            Some("Bank of England")
        );
    }

    #[test]
    fn a_grown_name_goes_on_past_of_and_ends_on_no_preposition() {
        let text = "It is run by the State Railway of Thailand.";
        assert_eq!(
            grown_texts(text, &[(5, 6, "ORG")], &[]),
            ["State Railway of Thailand"]
        );
        assert_eq!(
            grown_texts("after the Army of the North won", &[(2, 3, "ORG")], &[]),
            ["Army of the North"]
        );
        // Not past `of` into a place the tagger found, nor past a lower-case word or a line.
        assert_eq!(
            grown_texts(text, &[(5, 6, "ORG")], &[(8, 9, PLACE)]),
            ["State Railway"]
        );
        assert_eq!(
            grown_texts("the State Railway of old", &[(1, 2, "ORG")], &[]),
            ["State Railway"]
        );
        assert_eq!(
            grown_texts("the State Railway of\nThailand", &[(1, 2, "ORG")], &[]),
            ["State Railway"]
        );
        // A capitalised preposition the run took in stays out (a missing full stop).
        assert_eq!(
            grown_texts(
                "partner of the Perth Glory From 2006 on",
                &[(3, 4, "ORG")],
                &[]
            ),
            ["Perth Glory"]
        );
        // A label not grown keeps its edges.
        assert_eq!(grown_texts(text, &[(5, 6, "MISC")], &[]), ["State"]);
    }

    /// The text [`tidy`] makes of a PERSON found on tokens `s..e` of `text`.
    fn tidied_as(text: &str, s: usize, e: usize, label: &str) -> String {
        let toks = tokens::toks(text);
        let places = gazetteer::get().place_matches(&toks);
        let (s, e, _) = tidy(&toks, &places, (s, e, label)).unwrap();
        text_of(text, &toks, s, e)
    }

    fn tidied_at(text: &str, s: usize, e: usize) -> String {
        tidied_as(text, s, e, PERSON)
    }

    fn tidied_place(text: &str, s: usize, e: usize) -> String {
        tidied_as(text, s, e, PLACE)
    }

    #[test]
    fn a_role_or_a_nationality_before_a_name_is_not_the_name() {
        // (text, span's tokens, what is left of the name)
        let cases = [
            ("Skipper Ana Ruiz said", 3, "Ana Ruiz"),
            ("Frenchman Luc Besson won", 3, "Luc Besson"),
            ("Dane Ole Madsen won", 3, "Ole Madsen"),
            // A nationality that is a given name too, before a single word, is the name's.
            ("Dane Cook won", 2, "Dane Cook"),
            ("Glaciologist Cook won", 2, "Cook"),
        ];
        for (text, e, want) in cases {
            assert_eq!(tidied_at(text, 0, e), want, "{text}");
        }
    }

    #[test]
    fn an_abbreviation_keeps_its_dot_and_a_full_stop_before_lower_case_does_not() {
        // Hillside(0) ,(1) Wis(2) .(3) ,(4)
        assert_eq!(tidied_place("Hillside, Wis., May 8", 2, 3), "Wis.");
        assert_eq!(tidied_place("Sacramento, Calif., said", 2, 3), "Calif.");
        // Harry(0) Connick(1) Jr(2) .(3) said(4)
        assert_eq!(
            tidied_at("Harry Connick Jr. said", 0, 3),
            "Harry Connick Jr."
        );
        // And after a comma: John(0) A(1) .(2) Notte(3) ,(4) Jr(5) .(6) ,(7)
        assert_eq!(
            tidied_at("John A. Notte, Jr., Governor", 0, 4),
            "John A. Notte, Jr."
        );
        // Not a place after a comma, nor a word that is no suffix.
        assert_eq!(tidied_place("Dayton, Jr., said", 0, 1), "Dayton");
        assert_eq!(tidied_at("Ana Ruiz, Sra. Lopez", 0, 2), "Ana Ruiz");
        // A state's abbreviation and a suffix keep their dot where it ends the sentence too;
        // a town, or a country after a comma, ends before the full stop.
        // from(0) Ely(1) ,(2) Minn(3) .(4)
        let sentence_ends = [
            ("from Ely, Minn.", 3, 4, PLACE, "Minn."),
            ("to Ely, Minn. She left", 3, 4, PLACE, "Minn."),
            // to(0) Fargo(1) ,(2) N.D(3) .(4): capitals and dots, listed, keep their last dot.
            ("to Fargo, N.D. She left", 3, 4, PLACE, "N.D."),
            ("to Fargo, N.D. — She left", 3, 4, PLACE, "N.D."),
            (
                "We met Harry Connick Jr. He sang",
                2,
                5,
                PERSON,
                "Harry Connick Jr.",
            ),
            ("from Ely, Italy.", 3, 4, PLACE, "Italy"),
            ("from Ely.", 1, 2, PLACE, "Ely"),
        ];
        for (text, s, e, label, want) in sentence_ends {
            assert_eq!(tidied_as(text, s, e, label), want, "{text}");
        }
        // A post that begins its next sentence in lower case: the dot is a full stop.
        // cycled(0) to(1) Arras(2) .(3) flat(4)
        assert_eq!(
            tidied_place("cycled to Arras. flat and windy", 2, 3),
            "Arras"
        );
        assert_eq!(tidied_place("went to Petra. two days", 2, 3), "Petra");
        // A lawmaker's party and state: the parenthesis holds no sentence.
        // Sen(0) .(1) Olsen(2) ((3) R(4) .(5) ,(6) Neb(7) .(8) )(9)
        assert_eq!(tidied_place("Sen. Olsen (R., Neb.) voted", 7, 8), "Neb.");
        assert_eq!(tidied_place("Ana Ruiz (Calif.) said", 3, 4), "Calif.");
        // A sentence in parentheses ends in a full stop, unless its last word is no word of
        // its own. They(1) flew(2) to(3) Rome(4)
        assert_eq!(tidied_place("(They flew to Rome.) Then", 4, 5), "Rome");
        assert_eq!(
            tidied_place("(They flew to Salem, Ore.) Then", 6, 7),
            "Ore."
        );
    }

    #[test]
    fn a_name_keeps_its_given_name_and_drops_its_title() {
        // `General` alone, grown into the name: the title still goes.
        assert_eq!(
            tidied_at("spokesman General Kamal Hamid said", 1, 2),
            "Kamal Hamid"
        );
        // A given name before where the tagger began is the name's start.
        assert_eq!(
            tidied_at("María Fernanda Urdaneta was taken", 1, 3),
            "María Fernanda Urdaneta"
        );
        assert_eq!(
            tidied_at("said Abu Ali al-Hamdani.", 2, 6),
            "Abu Ali al-Hamdani"
        );
        // Not a month, a title, or a place.
        assert_eq!(tidied_at("in May Johnson resigned", 2, 3), "Johnson");
        assert_eq!(tidied_at("Minister Ahmed Ali said", 2, 3), "Ahmed Ali");
        // Whatever stands before a title inside the span goes with it; letters after go too.
        assert_eq!(
            tidied_at("Fed Chair Jerome Powell said", 0, 4),
            "Jerome Powell"
        );
        assert_eq!(tidied_at("by Jonathan Rees KC, for", 1, 4), "Jonathan Rees");
        // A title-like word that ends the name is its surname.
        assert_eq!(tidied_at("John Major said", 0, 2), "John Major");
        assert_eq!(
            tidied_at("Secretary of State John Kerry said", 2, 5),
            "John Kerry"
        );
        assert_eq!(
            tidied_at("Secretary of State John Kerry said", 0, 5),
            "John Kerry"
        );
        // Not across a headline's function words, nor beyond five words.
        assert_eq!(
            tidied_at("Lavrov Agree To Push For Syria", 0, 1),
            "Lavrov Agree"
        );
        assert_eq!(
            tidied_at("Lavrov Agree Push Syria Ceasefire Geneva Talks", 0, 1),
            "Lavrov Agree Push Syria Ceasefire"
        );
    }
}
