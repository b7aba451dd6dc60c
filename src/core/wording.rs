//! How counts are written for people: digits grouped by thousands ("12,480 spans"), and the
//! noun in the singular for one. Every message and panel goes through here, so they agree.

/// `n` with its digits grouped by thousands: `12480` becomes `12,480`.
pub fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `n` and the noun, plural unless `n` is one: `count(1, "span")` is `1 span`,
/// `count(1200, "span")` is `1,200 spans`.
pub fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{} {noun}s", grouped(n))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_are_grouped_and_one_is_singular() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(1000), "1,000");
        assert_eq!(grouped(12_480), "12,480");
        assert_eq!(grouped(1_234_567), "1,234,567");
        assert_eq!(count(1, "span"), "1 span");
        assert_eq!(count(0, "span"), "0 spans");
        assert_eq!(count(20_000, "word"), "20,000 words");
    }
}
