//! The recogniser's hash sets and maps. Its keys are words of the text and token numbers,
//! looked up for nearly every token; std's SipHash was a seventh of the recogniser's time.
//! Only membership and look-ups are asked of them, never their order, so the output does not
//! depend on the hasher.

use std::hash::{BuildHasherDefault, Hasher};

pub type HashSet<T> = std::collections::HashSet<T, BuildHasherDefault<FxHasher>>;
pub type HashMap<K, V> = std::collections::HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// The Fx hash (as in rustc): a multiply and a rotate per 8 bytes; not for keys an attacker
/// chooses to collide, and a collision costs time, never a wrong answer.
#[derive(Clone, Copy, Default)]
pub struct FxHasher(u64);

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut b = [0u8; 8];
            b.copy_from_slice(c);
            self.add(u64::from_le_bytes(b));
        }
        for &b in chunks.remainder() {
            self.add(u64::from(b));
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }

    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sets_and_maps_find_what_they_hold() {
        let words = ["Kraków", "", "a", "Zürich-based", "12345678", "123456789"];
        let set: HashSet<&str> = words.iter().copied().collect();
        assert!(words.iter().all(|w| set.contains(w)));
        assert!(!set.contains("Krakow"));
        let map: HashMap<u32, u8> = (0..1000u32).map(|i| (i, (i % 7) as u8)).collect();
        assert!((0..1000u32).all(|i| map[&i] == (i % 7) as u8));
        assert!(!map.contains_key(&1000));
    }
}
