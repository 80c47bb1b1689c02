//! A fast hash for the word tables the stages look up for nearly every token.
//!
//! FNV-1a: the keys are short words from the project's own tables (no untrusted input builds
//! the maps), so a simple non-keyed hash beats std's SipHash by a wide margin.
//!
//! ```
//! use newsquotes_document::hash::{FnvMap, fnv1a};
//!
//! let mut m: FnvMap<&str, u8> = FnvMap::default();
//! m.insert("said", 1);
//! assert_eq!(m.get("said"), Some(&1));
//! assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
//! ```

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const PRIME: u64 = 0x0100_0000_01b3;

/// FNV-1a of `bytes`.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h = FnvHasher::default();
    h.write(bytes);
    h.finish()
}

/// The FNV-1a hasher: successive writes hash as their concatenation.
#[derive(Clone, Copy, Debug)]
pub struct FnvHasher(u64);

impl Default for FnvHasher {
    fn default() -> Self {
        FnvHasher(OFFSET)
    }
}

impl Hasher for FnvHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(PRIME);
        }
    }
}

/// A `HashMap` with [`FnvHasher`].
pub type FnvMap<K, V> = HashMap<K, V, BuildHasherDefault<FnvHasher>>;
