//! Stable 64-bit hashing of strings and feature keys, and a compact open-addressing table.
//!
//! Feature keys are stored in model files, so the hash must never change between versions,
//! platforms or Rust releases: it is written out here rather than taken from `std`.

const K: u64 = 0x9E37_79B9_7F4A_7C15;

/// The murmur3 64-bit finaliser: a cheap, well-mixing bijection.
#[inline]
pub(crate) fn fmix(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xFF51_AFD7_ED55_8CCD);
    h ^= h >> 33;
    h = h.wrapping_mul(0xC4CE_B9FE_1A85_EC53);
    h ^ (h >> 33)
}

/// Hashes bytes (8 at a time, little-endian).
#[inline]
pub(crate) fn hash_bytes(bytes: &[u8]) -> u64 {
    let mut h = (bytes.len() as u64).wrapping_mul(K);
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let v = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
        h = (h ^ v).wrapping_mul(K).rotate_left(29);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut buf = [0u8; 8];
        buf[..rest.len()].copy_from_slice(rest);
        h = (h ^ u64::from_le_bytes(buf))
            .wrapping_mul(K)
            .rotate_left(29);
    }
    fmix(h)
}

/// Hashes a string.
#[inline]
pub(crate) fn hash_str(s: &str) -> u64 {
    hash_bytes(s.as_bytes())
}

/// Combines two hashes (order matters).
#[inline]
pub(crate) fn mix(a: u64, b: u64) -> u64 {
    fmix(a.wrapping_mul(K) ^ b.rotate_left(23).wrapping_add(0x632B_E59B_D9B4_E019))
}

/// A hasher for keys that are already well-mixed hashes.
#[derive(Default)]
pub(crate) struct IdHasher(u64);

impl std::hash::Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8 | u64::from(b)).wrapping_mul(K);
        }
    }
    fn write_u64(&mut self, v: u64) {
        self.0 = v;
    }
}

/// A hash map keyed by hashes.
pub(crate) type IdMap<V> =
    std::collections::HashMap<u64, V, std::hash::BuildHasherDefault<IdHasher>>;

/// A read-only map from `u64` keys to `u32` values: keys sorted, with a directory of where each
/// run of keys sharing their top bits starts. Building it from sorted keys is one linear pass,
/// so loading a model costs little more than copying its bytes.
#[derive(Clone, Debug, Default)]
pub(crate) struct KeyTable {
    keys: Vec<u64>,
    vals: Vec<u32>,
    dir: Vec<u32>,
    shift: u32,
    /// One bit per key (low key bits): most absent keys are rejected without touching `keys`.
    bloom: Vec<u64>,
    bloom_mask: u64,
}

impl KeyTable {
    /// Builds the table. Entries are sorted by key if they are not already; for duplicate keys
    /// the first entry wins.
    pub(crate) fn build(entries: impl ExactSizeIterator<Item = (u64, u32)>) -> Self {
        let mut e: Vec<(u64, u32)> = entries.collect();
        if !e.windows(2).all(|w| w[0].0 <= w[1].0) {
            e.sort_by_key(|x| x.0);
        }
        e.dedup_by_key(|x| x.0);
        let (keys, vals): (Vec<u64>, Vec<u32>) = e.into_iter().unzip();
        Self::from_sorted(keys, vals)
    }

    /// Builds the table from keys sorted ascending, without duplicates, and their values.
    pub(crate) fn from_sorted(keys: Vec<u64>, vals: Vec<u32>) -> Self {
        // About four keys per directory slot.
        let bits = (usize::BITS - (keys.len() / 4).max(1).leading_zeros()).clamp(1, 24);
        let shift = 64 - bits;
        let slots = 1usize << bits;
        let mut dir = vec![0u32; slots + 1];
        let mut j = 0usize;
        for (slot, d) in dir.iter_mut().enumerate().take(slots) {
            while j < keys.len() && ((keys[j] >> shift) as usize) < slot {
                j += 1;
            }
            *d = j as u32;
        }
        dir[slots] = keys.len() as u32;
        let bloom_bits = (keys.len() * 16).next_power_of_two().max(64);
        let mut bloom = vec![0u64; bloom_bits / 64];
        let bloom_mask = bloom_bits as u64 - 1;
        for &k in &keys {
            let b = k & bloom_mask;
            bloom[(b >> 6) as usize] |= 1 << (b & 63);
        }
        KeyTable {
            keys,
            vals,
            dir,
            shift,
            bloom,
            bloom_mask,
        }
    }

    /// Whether keys are sorted ascending without duplicates.
    pub(crate) fn is_sorted_unique(keys: &[u64]) -> bool {
        keys.windows(2).all(|w| w[0] < w[1])
    }

    /// Looks a key up.
    #[inline]
    pub(crate) fn get(&self, k: u64) -> Option<u32> {
        if self.keys.is_empty() {
            return None;
        }
        let b = k & self.bloom_mask;
        if self.bloom[(b >> 6) as usize] & (1 << (b & 63)) == 0 {
            return None;
        }
        let slot = (k >> self.shift) as usize;
        let (a, b) = (self.dir[slot] as usize, self.dir[slot + 1] as usize);
        for (i, &x) in self.keys[a..b].iter().enumerate() {
            if x >= k {
                return (x == k).then(|| self.vals[a + i]);
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_stable_and_distinct() {
        assert_eq!(hash_str("Clinton"), hash_str("Clinton"));
        assert_ne!(hash_str("Clinton"), hash_str("clinton"));
        assert_ne!(hash_str(""), hash_str("\0"));
        assert_ne!(mix(1, 2), mix(2, 1));
        let t = KeyTable::build([(u64::MAX, 9u32), (0, 7), (5, 1), (5, 3), (21, 2)].into_iter());
        assert_eq!(t.get(0), Some(7));
        assert_eq!(t.get(5), Some(1));
        assert_eq!(t.get(21), Some(2));
        assert_eq!(t.get(u64::MAX), Some(9));
        assert_eq!(t.get(37), None);
        let keys: Vec<u64> = (0..1000u64).map(|i| fmix(i + 1)).collect();
        let t = KeyTable::build(keys.iter().enumerate().map(|(i, &k)| (k, i as u32)));
        for (i, &k) in keys.iter().enumerate() {
            assert_eq!(t.get(k), Some(i as u32));
            assert_eq!(t.get(k ^ 1), None);
        }
        assert_eq!(KeyTable::default().get(3), None);
    }
}
