//! The recogniser's word lists (titles, function words, months, …), kept as data in
//! data/lexicon/*.txt (one entry a line, `#` for comments), embedded and parsed once.

use std::collections::HashSet;
use std::sync::OnceLock;

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
    SurnameParticles,
    GluedEnglish,
}

const ALL: [List; 10] = [
    List::Titles,
    List::TitleDepartments,
    List::FunctionWords,
    List::HeadlineWords,
    List::Calendar,
    List::CalendarAbbreviations,
    List::Parties,
    List::PostNominals,
    List::SurnameParticles,
    List::GluedEnglish,
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
            List::SurnameParticles => include_str!("../../../data/lexicon/surname-particles.txt"),
            List::GluedEnglish => include_str!("../../../data/lexicon/glued-english.txt"),
        }
    }

    /// Lists of lower-case words match a word in any case (`Mr`, `MR`); the others only as
    /// written (`May` the month, not `may`).
    fn any_case(self) -> bool {
        matches!(
            self,
            List::Titles | List::FunctionWords | List::HeadlineWords | List::GluedEnglish
        )
    }
}

fn sets() -> &'static Vec<HashSet<&'static str>> {
    static SETS: OnceLock<Vec<HashSet<&'static str>>> = OnceLock::new();
    SETS.get_or_init(|| {
        ALL.iter()
            .map(|l| {
                l.source()
                    .lines()
                    .map(str::trim)
                    .filter(|w| !w.is_empty() && !w.starts_with('#'))
                    .collect()
            })
            .collect()
    })
}

/// Whether `word` is on `list`.
pub fn has(list: List, word: &str) -> bool {
    let set = &sets()[list as usize];
    if !list.any_case() || !word.chars().any(char::is_uppercase) {
        return set.contains(word);
    }
    let mut buf = [0u8; 24];
    match super::tokens::ascii_lower(word, &mut buf) {
        Some(lower) => set.contains(lower),
        None => set.contains(word.to_lowercase().as_str()),
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
            if l.any_case() {
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
    }
}
