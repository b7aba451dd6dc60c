//! Annotated documents (wikigold-style JSONL) for training and evaluation, and the fixed split.

use serde::Deserialize;

#[derive(Clone, Debug, Deserialize)]
pub struct GoldSpan {
    pub start: usize,
    pub end: usize,
    pub label: String,
}

#[derive(Clone, Debug, Deserialize)]
pub struct GoldDoc {
    #[serde(default)]
    pub id: String,
    pub text: String,
    #[serde(default)]
    pub spans: Vec<GoldSpan>,
}

/// Parses JSONL; names the first bad line.
pub fn parse_jsonl(s: &str) -> Result<Vec<GoldDoc>, String> {
    s.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| serde_json::from_str(l).map_err(|e| format!("line {}: {e}", i + 1)))
        .collect()
}

/// Which of five folds a document is in, by a hash of its id, so the split never depends on
/// file order and never changes between runs.
pub fn fold(id: &str) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for b in id.bytes() {
        h = (h ^ b as u32).wrapping_mul(0x0100_0193);
    }
    h % 5
}

/// Held-out documents: fold 0, one in five.
pub fn is_dev(id: &str) -> bool {
    fold(id) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_split_is_stable_and_about_a_fifth() {
        let dev = (1..=100)
            .filter(|i| is_dev(&format!("wikigold-{i:04}")))
            .count();
        assert!((10..=30).contains(&dev), "{dev}");
        assert_eq!(is_dev("wikigold-0001"), is_dev("wikigold-0001"));
    }

    #[test]
    fn bad_lines_are_named() {
        let e = parse_jsonl("{\"text\": \"a\"}\n\n{").unwrap_err();
        assert!(e.starts_with("line 3"), "{e}");
    }
}
