//! A fast 64-bit hash for change detection (not for security), used by the cache, the
//! output stamps and the page fingerprints.

use std::hash::Hasher;

/// A fast 64-bit hash for change detection (not for security): 8 bytes per step, then a
/// final mix. Any single changed word changes the result, since every step is a bijection of
/// the state.
#[derive(Debug, Clone)]
pub struct Hash64(u64);

const K: u64 = 0x9E37_79B9_7F4A_7C15;

impl Default for Hash64 {
    fn default() -> Self {
        Hash64(0x243F_6A88_85A3_08D3)
    }
}

impl Hash64 {
    fn word(&mut self, w: u64) {
        self.0 = (self.0.rotate_left(23) ^ w).wrapping_mul(K);
    }

    /// Adds a string, length included, so `("ab", "c")` and `("a", "bc")` differ.
    pub fn str(&mut self, s: &str) -> &mut Self {
        self.write(s.as_bytes());
        self
    }

    /// Adds a number.
    pub fn num(&mut self, n: u64) -> &mut Self {
        self.word(n);
        self
    }
}

impl Hasher for Hash64 {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(chunk);
            self.word(u64::from_le_bytes(w));
        }
        let mut last = [0u8; 8];
        let rest = chunks.remainder();
        last[..rest.len()].copy_from_slice(rest);
        self.word(u64::from_le_bytes(last));
        self.word(bytes.len() as u64);
    }

    fn write_u64(&mut self, n: u64) {
        self.word(n);
    }

    fn finish(&self) -> u64 {
        let mut h = self.0;
        h ^= h >> 33;
        h = h.wrapping_mul(0xFF51_AFD7_ED55_8CCD);
        h ^= h >> 33;
        h = h.wrapping_mul(0xC4CE_B9FE_1A85_EC53);
        h ^ (h >> 33)
    }
}

/// The hash of one byte string.
pub fn hash_bytes(bytes: &[u8]) -> u64 {
    let mut h = Hash64::default();
    h.write(bytes);
    h.finish()
}
