//! A taught label's name stands for the same thing wherever its document repeats it: "one sense
//! per discourse" (Gale, Church and Yarowsky, 1992). The tagger and the span labeler decide
//! each mention on its own words around it, and with a few dozen examples of a label the
//! person taught they find a firm or a club at one mention and call it a place, or nothing, at
//! the next (`Caloi` three times ORG and twice left alone). Here every repeat of a taught
//! name, as the same tokens, gets the label most of its mentions got, where nothing else was
//! found there or only a place (a club named after its city is the club all through its
//! article). Never over a person, as with defined abbreviations, and never inside a longer
//! capitalised run (`Fairfax` of `Fairfax Media` is not the `Fairfax` found alone).
//! BENCHMARKS.md, "A taught name is that name wherever its document repeats it", has the
//! figures.

use super::hash::HashMap;
use super::overlaps::Overlaps;
use super::tokens::Tok;
use crate::core::document::PLACE;

/// Longest name repeated, in tokens.
const MAX_TOKENS: usize = 8;

/// The repeats of the names of `labels` among `found` (token ranges), with the label most of
/// that name's mentions got (the first found on a tie), when that is one of `labels`: where no
/// name was found, or only places within the repeat, and where the repeat is no part of a
/// longer capitalised run (`runs`, [`super::spanlabel::candidate_runs`], sorted). Each name
/// found with one of `labels` is left as it is, and so is a one-word name the text also
/// writes in lower case.
pub fn repeated<'a>(
    toks: &[Tok<'_>],
    found: &[(usize, usize, &'a str)],
    labels: &[&str],
    runs: &[(usize, usize)],
) -> Vec<(usize, usize, &'a str)> {
    // Per name of a taught label (its tokens' texts): per label, how many mentions and the
    // first; then the mentions of those names with any other label.
    let name = |s: usize, e: usize| e > s && e - s <= MAX_TOKENS && e <= toks.len();
    let mut votes: HashMap<Vec<&str>, Vec<(&'a str, usize, usize)>> = HashMap::default();
    for &(s, e, _) in found.iter().filter(|n| labels.contains(&n.2)) {
        if name(s, e) {
            votes.insert(toks[s..e].iter().map(|t| t.text).collect(), Vec::new());
        }
    }
    if votes.is_empty() {
        return Vec::new();
    }
    let mut key: Vec<&str> = Vec::with_capacity(MAX_TOKENS);
    for &(s, e, label) in found {
        if !name(s, e) {
            continue;
        }
        key.clear();
        key.extend(toks[s..e].iter().map(|t| t.text));
        if let Some(v) = votes.get_mut(key.as_slice()) {
            match v.iter_mut().find(|x| x.0 == label) {
                Some(x) => x.1 += 1,
                None => v.push((label, 1, s)),
            }
        }
    }
    // A one-word name the text also writes in lower case is a common word (`Battle`, `Army`):
    // its mentions are as many things as the word means.
    let lower = super::tokens::lower_case_words(toks);
    let mut by_first: HashMap<&str, Vec<(Vec<&str>, &'a str)>> = HashMap::default();
    for (key, v) in votes {
        if key.len() == 1 && lower.contains(key[0].to_lowercase().as_str()) {
            continue;
        }
        let best = v
            .iter()
            .max_by(|a, b| a.1.cmp(&b.1).then(b.2.cmp(&a.2)))
            .map(|x| x.0);
        if let Some(label) = best.filter(|l| labels.contains(l)) {
            by_first.entry(key[0]).or_default().push((key, label));
        }
    }
    let other = Overlaps::new(
        found
            .iter()
            .filter(|n| n.2 != PLACE && !labels.contains(&n.2))
            .map(|n| (n.0, n.1)),
    );
    let taught = Overlaps::new(
        found
            .iter()
            .filter(|n| labels.contains(&n.2))
            .map(|n| (n.0, n.1)),
    );
    let mut places: Vec<(usize, usize)> = found
        .iter()
        .filter(|n| n.2 == PLACE)
        .map(|n| (n.0, n.1))
        .collect();
    // Places found do not overlap one another: by start is by end.
    places.sort_unstable();
    let place_index = Overlaps::new(places.iter().copied());
    let inside_run = |s: usize, e: usize| {
        let k = runs.partition_point(|r| r.1 <= s);
        runs.get(k)
            .is_some_and(|r| r.0 <= s && e <= r.1 && (r.0, r.1) != (s, e))
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let mut matched = None;
        if let Some(cands) = by_first.get(toks[i].text) {
            // The longest name that stands here.
            for (key, label) in cands {
                let e = i + key.len();
                let here = e <= toks.len()
                    && toks[i..e].iter().zip(key).all(|(t, k)| t.text == *k)
                    && !toks[i + 1..e].iter().any(|t| t.newline_before);
                if here && matched.is_none_or(|(_, me, _): (usize, usize, &str)| e > me) {
                    matched = Some((i, e, *label));
                }
            }
        }
        match matched {
            Some((s, e, label))
                if taught.count(s, e) == 0
                    && other.count(s, e) == 0
                    && !inside_run(s, e)
                    && places_within(&places, &place_index, s, e) =>
            {
                out.push((s, e, label));
                i = e;
            }
            _ => i += 1,
        }
    }
    out
}

/// Whether every place overlapping `s..e` lies within it.
fn places_within(places: &[(usize, usize)], index: &Overlaps, s: usize, e: usize) -> bool {
    if index.count(s, e) == 0 {
        return true;
    }
    let k = places.partition_point(|p| p.1 <= s);
    places[k..]
        .iter()
        .take_while(|p| p.0 < e)
        .all(|p| s <= p.0 && p.1 <= e)
}

/// Puts the `repeats` among the names `found`, in place of the places they hold.
pub fn put<'a>(found: &mut Vec<(usize, usize, &'a str)>, repeats: Vec<(usize, usize, &'a str)>) {
    if repeats.is_empty() {
        return;
    }
    let index = Overlaps::new(repeats.iter().map(|r| (r.0, r.1)));
    found.retain(|n| n.2 != PLACE || index.count(n.0, n.1) == 0);
    found.extend(repeats);
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::core::recognizer::spanlabel::candidate_runs;
    use crate::core::recognizer::tokens::toks;
    use proptest::prelude::*;

    fn words(text: &str, found: &[(usize, usize, &str)]) -> Vec<(String, String)> {
        let t = toks(text);
        let mut all = found.to_vec();
        put(&mut all, repeated(&t, found, &["ORG"], &candidate_runs(&t)));
        all.sort();
        all.iter()
            .map(|&(s, e, l)| {
                let w: Vec<&str> = t[s..e].iter().map(|x| x.text).collect();
                (w.join(" "), l.to_string())
            })
            .collect()
    }

    #[test]
    fn a_taught_name_is_that_name_where_it_stands_again() {
        // Caloi(0) makes(1) bicycles(2) .(3) Caloi(4) was(5) sold(6) .(7)
        let got = words("Caloi makes bicycles. Caloi was sold.", &[(0, 1, "ORG")]);
        let want = [("Caloi", "ORG"), ("Caloi", "ORG")];
        assert_eq!(got, want.map(|(w, l)| (w.to_string(), l.to_string())));
    }

    #[test]
    fn a_repeat_takes_a_place_s_spot_but_never_a_person_s() {
        // Lausanne(0) won(1) .(2) Fans(3) of(4) Lausanne(5) sang(6) .(7) Lausanne(8) said(9)
        let text = "Lausanne won. Fans of Lausanne sang. Lausanne said";
        let got = words(text, &[(0, 1, "ORG"), (5, 6, "PLACE"), (8, 9, "PERSON")]);
        let want = [
            ("Lausanne", "ORG"),
            ("Lausanne", "ORG"),
            ("Lausanne", "PERSON"),
        ];
        assert_eq!(got, want.map(|(w, l)| (w.to_string(), l.to_string())));
    }

    #[test]
    fn a_repeat_inside_a_longer_name_or_across_a_line_is_left_alone() {
        // Fairfax(0) bought(1) it(2) .(3) Fairfax(4) Media(5) grew(6) .(7)
        let got = words("Fairfax bought it. Fairfax Media grew.", &[(0, 1, "ORG")]);
        assert_eq!(got, [("Fairfax".to_string(), "ORG".to_string())]);
        // Blue(0) Fin(1) sold(2) Blue(3) \n Fin(4)
        let got = words("Blue Fin sold Blue\nFin", &[(0, 2, "ORG")]);
        assert_eq!(got, [("Blue Fin".to_string(), "ORG".to_string())]);
    }

    #[test]
    fn most_mentions_decide_and_a_taught_name_keeps_its_label() {
        let t = toks("Acme A. Acme B. Acme C. Acme");
        // Acme(0) A(1) .(2) Acme(3) B(4) .(5) Acme(6) C(7) .(8) Acme(9)
        let found = [(0, 1, "MISC"), (3, 4, "ORG"), (6, 7, "ORG")];
        let got = repeated(&t, &found, &["ORG", "MISC"], &[]);
        assert_eq!(got, [(9, 10, "ORG")]);
        // A name found more often as a place than as the taught label stays as it was.
        let found = [(0, 1, "PLACE"), (3, 4, "ORG"), (6, 7, "PLACE")];
        assert_eq!(repeated(&t, &found, &["ORG"], &[]), []);
    }

    #[test]
    fn a_common_word_is_not_repeated() {
        // Army(0) won(1) .(2) The(3) army(4) lost(5) .(6) Army(7) fled(8) .(9)
        let got = words("Army won. The army lost. Army fled.", &[(0, 1, "ORG")]);
        assert_eq!(got, [("Army".to_string(), "ORG".to_string())]);
    }

    proptest! {
        /// On any text and any names found, the repeats lie in the text on one line, overlap
        /// no name of a taught label, no person and one another, and each repeats a taught
        /// name's words.
        #[test]
        fn repeats_lie_in_the_text_and_overlap_no_taught_name_or_person(
            pieces in prop::collection::vec(
                prop::sample::select(vec![
                    "Acme", "Bank", "Corp", "AB", " ", "\n", ".", "of", "é", "Ünion", "12",
                ]),
                0..60,
            ),
            names in prop::collection::vec((0usize..70, 0usize..4, 0usize..3), 0..8),
        ) {
            let text: String = pieces.concat();
            let t = toks(&text);
            let labels = ["ORG", "PLACE", "PERSON"];
            let found: Vec<(usize, usize, &str)> = names
                .iter()
                .map(|&(s, n, l)| (s.min(t.len()), (s + n).min(t.len()), labels[l]))
                .filter(|n| n.0 < n.1)
                .collect();
            let got = repeated(&t, &found, &["ORG"], &candidate_runs(&t));
            let mut seen: Vec<(usize, usize)> = Vec::new();
            for &(s, e, label) in &got {
                prop_assert!(s < e && e <= t.len());
                prop_assert_eq!(label, "ORG");
                prop_assert!(t[s + 1..e].iter().all(|x| !x.newline_before));
                prop_assert!(!found
                    .iter()
                    .any(|n| n.2 != "PLACE" && n.0 < e && s < n.1));
                prop_assert!(!seen.iter().any(|o| o.0 < e && s < o.1));
                let words: Vec<&str> = t[s..e].iter().map(|x| x.text).collect();
                prop_assert!(found.iter().any(|n| n.2 == "ORG"
                    && t[n.0..n.1].iter().map(|x| x.text).collect::<Vec<_>>() == words));
                seen.push((s, e));
            }
        }
    }
}
