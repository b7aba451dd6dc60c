//! How many records each page of a read of the whole store asks for. The browser makes a
//! page's values all at once, in the task that takes them (about 6 ms a million characters,
//! with the collection that follows), so a page is sized to hold about [`PAGE_UNITS`] of text.
//! The size of what comes next is judged from the records already read whose keys begin alike
//! (the part of the key before its first `:` or digit): a long text's parts are 256 KB each,
//! while a short document's records are a few KB, and ten thousand of them should still come
//! a thousand at a time.

use std::collections::HashMap;

/// Records a page asks for at most.
pub const PAGE: usize = 1000;

/// Text (UTF-16 code units, as the browser counts a string) a page should hold at most.
pub const PAGE_UNITS: usize = 2_000_000;

/// A record of a kind not read yet is taken to be this long, so a page reaches at most four
/// records into a kind it knows nothing of.
const UNSEEN_UNITS: usize = PAGE_UNITS / 4;

/// The longest value read so far of each kind of key.
#[derive(Debug, Default)]
pub struct PageSizer {
    longest: HashMap<String, usize>,
}

/// The kind of a key: what it says before its first `:` or digit (`part`, `spans`, `text`,
/// `doc`, `index`).
fn kind(key: &str) -> &str {
    key.split(|c: char| c == ':' || c.is_ascii_digit())
        .next()
        .unwrap_or(key)
}

impl PageSizer {
    /// Notes a record read: its key and its value's length in UTF-16 code units.
    pub fn learn(&mut self, key: &str, units: usize) {
        let longest = self.longest.entry(kind(key).to_string()).or_default();
        *longest = (*longest).max(units);
    }

    /// How many records the next page asks for, given the keys that follow in order (all of
    /// them, or as many as are known): at least one, at most [`PAGE`]; [`PAGE`] when no key
    /// that follows is known.
    pub fn page_of<'a>(&self, next: impl IntoIterator<Item = &'a str>) -> usize {
        let mut units = 0;
        let mut count = 0;
        for key in next.into_iter().take(PAGE) {
            let guess = self.longest.get(kind(key)).copied().unwrap_or(UNSEEN_UNITS);
            if count > 0 && units + guess > PAGE_UNITS {
                return count;
            }
            units += guess;
            count += 1;
        }
        if count == 0 {
            PAGE
        } else {
            count
        }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn keys(prefix: &str, n: usize) -> Vec<String> {
        (0..n).map(|i| format!("{prefix}:{i}")).collect()
    }

    #[test]
    fn short_records_come_a_thousand_at_a_time() {
        let mut sizer = PageSizer::default();
        for k in keys("doc", 10) {
            sizer.learn(&k, 300);
        }
        let next = keys("doc", 5000);
        assert_eq!(sizer.page_of(next.iter().map(String::as_str)), PAGE);
    }

    #[test]
    fn a_long_texts_parts_come_a_few_at_a_time() {
        let mut sizer = PageSizer::default();
        sizer.learn("part:1:00ab:0", 262_144);
        let next = keys("part", 80);
        // 2,000,000 / 262,144: seven parts, about 1.8 million characters.
        assert_eq!(sizer.page_of(next.iter().map(String::as_str)), 7);
    }

    #[test]
    fn a_page_reaches_only_a_few_records_into_a_kind_not_read_yet() {
        let mut sizer = PageSizer::default();
        for k in keys("doc", 20) {
            sizer.learn(&k, 200);
        }
        // Twenty short records, then the parts of a long text, whose size is not known yet.
        let next: Vec<String> = keys("doc", 20)
            .into_iter()
            .chain(keys("part", 80))
            .collect();
        let count = sizer.page_of(next.iter().map(String::as_str));
        assert!((20..=24).contains(&count), "{count}");
    }

    #[test]
    fn keys_are_grouped_by_what_they_say_before_a_colon_or_digit() {
        assert_eq!(kind("part:3:00ab:12"), "part");
        assert_eq!(kind("index"), "index");
        assert_eq!(kind("k1234"), "k");
        let mut sizer = PageSizer::default();
        sizer.learn("k1", 10);
        let next = keys("k", 3000);
        let next: Vec<String> = next.iter().map(|k| k.replace(':', "")).collect();
        assert_eq!(sizer.page_of(next.iter().map(String::as_str)), PAGE);
    }

    #[test]
    fn with_nothing_known_to_follow_a_whole_page_is_asked_for() {
        assert_eq!(PageSizer::default().page_of([]), PAGE);
    }

    proptest! {
        /// Whatever was read before, a page asks for at least one record and at most a page,
        /// and where every record that follows is of a kind read before, its records are as
        /// long together as the budget allows.
        #[test]
        fn a_page_is_within_its_budget(
            read in prop::collection::vec((0usize..4, 0usize..600_000), 0..20),
            next in prop::collection::vec(0usize..4, 0..1500),
        ) {
            let kinds = ["doc", "part", "spans", "text"];
            let mut sizer = PageSizer::default();
            for (k, units) in &read {
                sizer.learn(&format!("{}:{}", kinds[*k], units), *units);
            }
            let next: Vec<String> = next.iter().enumerate()
                .map(|(i, k)| format!("{}:{i}", kinds[*k])).collect();
            let count = sizer.page_of(next.iter().map(String::as_str));
            prop_assert!((1..=PAGE).contains(&count));
            let guess = |key: &str| sizer.longest.get(kind(key)).copied().unwrap_or(UNSEEN_UNITS);
            let taken: usize = next.iter().take(count).map(|k| guess(k)).sum();
            if count > 1 {
                prop_assert!(taken <= PAGE_UNITS);
            }
            if count < next.len().min(PAGE) {
                prop_assert!(taken + guess(&next[count]) > PAGE_UNITS);
            }
        }
    }
}
