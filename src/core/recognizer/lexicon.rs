//! The recogniser's word lists (titles, function words, months, …), kept as data in
//! data/lexicon/*.txt (one entry a line, `#` for comments), embedded and parsed once.

use std::sync::OnceLock;

pub(crate) use super::hash::HashSet;

/// A word list, and how its words are matched.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum List {
    Titles,
    TitleDepartments,
    FunctionWords,
    HeadlineWords,
    Calendar,
    CalendarAbbreviations,
    Parties,
    PostNominals,
    NameSuffixes,
    RegionAbbreviations,
    SurnameParticles,
    GluedEnglish,
    RoleNouns,
    SpeechVerbs,
    PlaceHeads,
    OrganisationHeads,
    CompanyHeads,
    SpeakerVerbs,
    AttributionVerbs,
    PersonObjectVerbs,
    NationalityFronts,
    OrganisationsOf,
    TitleTails,
    GeographicHeads,
    GeographicFronts,
    NameParticles,
    PlacePrepositions,
    NameOpeners,
    HyphenedArticles,
    GrammarWords,
    DigitScales,
    NumericSuffixes,
    NumberPrefixes,
    CurrencyCodes,
    CurrencyPrefixes,
    OnePronounBefore,
    OnePronounAfter,
    OneNounAfter,
    RoadWords,
}

const ALL: [List; 39] = [
    List::Titles,
    List::TitleDepartments,
    List::FunctionWords,
    List::HeadlineWords,
    List::Calendar,
    List::CalendarAbbreviations,
    List::Parties,
    List::PostNominals,
    List::NameSuffixes,
    List::RegionAbbreviations,
    List::SurnameParticles,
    List::GluedEnglish,
    List::RoleNouns,
    List::SpeechVerbs,
    List::PlaceHeads,
    List::OrganisationHeads,
    List::CompanyHeads,
    List::SpeakerVerbs,
    List::AttributionVerbs,
    List::PersonObjectVerbs,
    List::NationalityFronts,
    List::OrganisationsOf,
    List::TitleTails,
    List::GeographicHeads,
    List::GeographicFronts,
    List::NameParticles,
    List::PlacePrepositions,
    List::NameOpeners,
    List::HyphenedArticles,
    List::GrammarWords,
    List::DigitScales,
    List::NumericSuffixes,
    List::NumberPrefixes,
    List::CurrencyCodes,
    List::CurrencyPrefixes,
    List::OnePronounBefore,
    List::OnePronounAfter,
    List::OneNounAfter,
    List::RoadWords,
];

impl List {
    fn source(self) -> &'static str {
        match self {
            List::Titles => include_str!("../../../data/lexicon/titles.txt"),
            List::TitleDepartments => include_str!("../../../data/lexicon/title-departments.txt"),
            List::FunctionWords => include_str!("../../../data/lexicon/function-words.txt"),
            List::HeadlineWords => include_str!("../../../data/lexicon/headline-words.txt"),
            List::Calendar => include_str!("../../../data/lexicon/calendar.txt"),
            List::CalendarAbbreviations => {
                include_str!("../../../data/lexicon/calendar-abbreviations.txt")
            }
            List::Parties => include_str!("../../../data/lexicon/parties.txt"),
            List::PostNominals => include_str!("../../../data/lexicon/post-nominals.txt"),
            List::NameSuffixes => include_str!("../../../data/lexicon/name-suffixes.txt"),
            List::RegionAbbreviations => {
                include_str!("../../../data/lexicon/region-abbreviations.txt")
            }
            List::SurnameParticles => include_str!("../../../data/lexicon/surname-particles.txt"),
            List::GluedEnglish => include_str!("../../../data/lexicon/glued-english.txt"),
            List::RoleNouns => include_str!("../../../data/lexicon/role-nouns.txt"),
            List::SpeechVerbs => include_str!("../../../data/lexicon/speech-verbs.txt"),
            List::PlaceHeads => include_str!("../../../data/lexicon/place-heads.txt"),
            List::OrganisationHeads => include_str!("../../../data/lexicon/organisation-heads.txt"),
            List::CompanyHeads => include_str!("../../../data/lexicon/company-heads.txt"),
            List::SpeakerVerbs => include_str!("../../../data/lexicon/speaker-verbs.txt"),
            List::AttributionVerbs => include_str!("../../../data/lexicon/attribution-verbs.txt"),
            List::PersonObjectVerbs => {
                include_str!("../../../data/lexicon/person-object-verbs.txt")
            }
            List::NationalityFronts => include_str!("../../../data/lexicon/nationality-fronts.txt"),
            List::OrganisationsOf => include_str!("../../../data/lexicon/organisations-of.txt"),
            List::TitleTails => include_str!("../../../data/lexicon/title-tails.txt"),
            List::GeographicHeads => include_str!("../../../data/lexicon/geographic-heads.txt"),
            List::GeographicFronts => include_str!("../../../data/lexicon/geographic-fronts.txt"),
            List::NameParticles => include_str!("../../../data/lexicon/name-particles.txt"),
            List::PlacePrepositions => {
                include_str!("../../../data/lexicon/place-prepositions.txt")
            }
            List::NameOpeners => include_str!("../../../data/lexicon/name-openers.txt"),
            List::HyphenedArticles => include_str!("../../../data/lexicon/hyphened-articles.txt"),
            List::GrammarWords => include_str!("../../../data/lexicon/grammar-words.txt"),
            List::DigitScales => include_str!("../../../data/lexicon/digit-scales.txt"),
            List::NumericSuffixes => include_str!("../../../data/lexicon/numeric-suffixes.txt"),
            List::NumberPrefixes => include_str!("../../../data/lexicon/number-prefixes.txt"),
            List::CurrencyCodes => include_str!("../../../data/lexicon/currency-codes.txt"),
            List::CurrencyPrefixes => include_str!("../../../data/lexicon/currency-prefixes.txt"),
            List::OnePronounBefore => include_str!("../../../data/lexicon/one-pronoun-before.txt"),
            List::OnePronounAfter => include_str!("../../../data/lexicon/one-pronoun-after.txt"),
            List::OneNounAfter => include_str!("../../../data/lexicon/one-noun-after.txt"),
            List::RoadWords => include_str!("../../../data/lexicon/road-words.txt"),
        }
    }

    /// How a word is matched against the list.
    fn case(self) -> Case {
        match self {
            List::Titles | List::FunctionWords | List::HeadlineWords | List::GluedEnglish => {
                Case::Any
            }
            List::RoleNouns
            | List::SpeechVerbs
            | List::PlaceHeads
            | List::OrganisationHeads
            | List::CompanyHeads
            | List::TitleTails => Case::AsciiAny,
            _ => Case::AsWritten,
        }
    }
}

/// How the words of a list are matched; lists matched in any case are written in lower case.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Case {
    /// `May` the month, not `may`.
    AsWritten,
    /// `Mr`, `MR`, `mr`.
    Any,
    /// Any case, but only ASCII words (`Chief`, not `Chíef`): the lists the tagger's features read
    /// were matched so when the model was trained.
    AsciiAny,
}

fn sets() -> &'static Vec<HashSet<&'static str>> {
    static SETS: OnceLock<Vec<HashSet<&'static str>>> = OnceLock::new();
    SETS.get_or_init(|| ALL.iter().map(|l| entries(l.source()).collect()).collect())
}

/// The entries of a list's file: its lines, trimmed, less blank lines and `#` comments.
fn entries(source: &'static str) -> impl Iterator<Item = &'static str> {
    source
        .lines()
        .map(str::trim)
        .filter(|w| !w.is_empty() && !w.starts_with('#'))
}

/// A table: each entry a word and its class (`twenty tens`), for a stage that reads a word's
/// class rather than a yes or no.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Table {
    /// Number words and their place in the NUMBER grammar.
    NumberWords,
    /// Words and their classes learned from unlabelled text (`coarse fine`).
    WordClasses,
}

impl Table {
    pub(super) fn source(self) -> &'static str {
        match self {
            Table::NumberWords => include_str!("../../../data/lexicon/number-words.txt"),
            Table::WordClasses => include_str!("../../../data/lexicon/word-classes.txt"),
        }
    }
}

/// The entries of `table` as `(word, class)`; a line without a class is left out (a test checks
/// that none is).
pub fn pairs(table: Table) -> impl Iterator<Item = (&'static str, &'static str)> {
    entries(table.source()).filter_map(|line| {
        let (word, class) = line.split_once(char::is_whitespace)?;
        Some((word, class.trim()))
    })
}

/// Whether `word` is on `list`.
pub fn has(list: List, word: &str) -> bool {
    let set = &sets()[list as usize];
    let mut buf = [0u8; 24];
    match list.case() {
        Case::AsWritten => set.contains(word),
        Case::AsciiAny => {
            super::tokens::ascii_lower(word, &mut buf).is_some_and(|lower| set.contains(lower))
        }
        Case::Any if !word.chars().any(char::is_uppercase) => set.contains(word),
        Case::Any => match super::tokens::ascii_lower(word, &mut buf) {
            Some(lower) => set.contains(lower),
            None => set.contains(word.to_lowercase().as_str()),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_list_loads_and_matches_as_its_kind() {
        for (i, l) in ALL.iter().enumerate() {
            assert_eq!(*l as usize, i);
            assert!(!sets()[i].is_empty(), "{l:?} is empty");
            if l.case() != Case::AsWritten {
                assert!(
                    sets()[i].iter().all(|w| !w.chars().any(char::is_uppercase)),
                    "{l:?} must be in lower case"
                );
            }
        }
        assert!(has(List::Titles, "Mr") && has(List::Titles, "PRESIDENT"));
        assert!(has(List::Titles, "Tánaiste"));
        assert!(has(List::Calendar, "May") && !has(List::Calendar, "may"));
        assert!(has(List::FunctionWords, "The") && !has(List::FunctionWords, "Theresa"));
        assert!(has(List::Parties, "Democrat") && !has(List::Parties, "democrat"));
        assert!(has(List::RoleNouns, "Novelist") && has(List::TitleTails, "VICE"));
        assert!(has(List::SpeakerVerbs, "said") && !has(List::SpeakerVerbs, "Said"));
        assert!(has(List::GrammarWords, "They") && !has(List::GrammarWords, "US"));
        assert!(has(List::DigitScales, "crore") && has(List::CurrencyCodes, "USD"));
        assert!(has(List::CompanyHeads, "Holdings") && !has(List::CompanyHeads, "Park"));
    }

    #[test]
    fn no_company_head_is_a_name() {
        // The company rule drops a person's name that ends in one, so none may be a surname.
        let names = super::super::gazetteer::get();
        let named: Vec<_> = sets()[List::CompanyHeads as usize]
            .iter()
            .filter(|w| names.is_given_or_surname(w))
            .collect();
        assert!(named.is_empty(), "{named:?}");
    }

    #[test]
    fn every_table_entry_has_a_word_and_a_class() {
        for table in [Table::NumberWords, Table::WordClasses] {
            let lines = entries(table.source()).count();
            let pairs: Vec<_> = pairs(table).collect();
            assert_eq!(pairs.len(), lines, "{table:?}");
            assert!(pairs.iter().all(|(w, c)| !w.is_empty() && !c.is_empty()));
        }
        assert!(pairs(Table::NumberWords).any(|p| p == ("twenty", "tens")));
    }
}
