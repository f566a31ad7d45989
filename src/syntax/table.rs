//! The feature table of a run-time model: 32-bit feature keys to nonzero
//! 32-bit payloads, found with one cache line read and no data-dependent
//! branch in the common case.
//!
//! Linear probing over cache-line buckets of 8 slots, with the keys in
//! ascending order: a key's home bucket is its top bits scaled to the
//! number of buckets, and keys are placed in key order from their home
//! bucket on, so the table is sorted. A lookup compares the 8 keys of the
//! home bucket at once; only when that bucket is full of smaller keys (a few
//! percent of lookups at 60% load) may the key lie further on.

pub use super::image::Line;
use super::image::home;

/// Keys to nonzero payloads.
#[derive(Clone, Debug)]
pub struct Table {
    /// `homes` home buckets, then enough to hold the last keys, then an empty one
    lines: Vec<Line>,
    homes: u64,
}

impl Table {
    /// A table of `(key, payload)` pairs with keys in strictly ascending
    /// order and nonzero payloads.
    pub fn new(entries: &[(u32, u32)]) -> Table {
        debug_assert!(entries.windows(2).all(|e| e[0].0 < e[1].0));
        let (lines, homes) = super::image::table_lines(entries);
        Table { lines, homes }
    }

    /// A table from lines built by [`super::image::table_lines`] (or decoded from an image).
    pub fn from_lines(lines: Vec<Line>, homes: u64) -> Table {
        Table { lines, homes }
    }

    /// The lines and the number of home buckets.
    pub fn lines(&self) -> (&[Line], u64) {
        (&self.lines, self.homes)
    }

    /// The number of home buckets.
    #[inline(always)]
    pub fn homes(&self) -> u64 {
        self.homes
    }

    /// The bucket to prefetch and look in for `key`.
    #[inline(always)]
    pub fn home(&self, key: u32) -> usize {
        home(key, self.homes)
    }

    /// The address of a bucket, for prefetching.
    #[inline(always)]
    pub fn line_ptr(&self, b: usize) -> *const Line {
        self.lines.as_ptr().wrapping_add(b)
    }

    /// The payload of `key` whose home bucket is `b`, 0 when absent.
    #[inline(always)]
    pub fn get(&self, key: u32, b: usize) -> u32 {
        let line = &self.lines[b];
        let payload = payload_in(line, key);
        // sorted: the key lies further on only if this bucket ends with a
        // smaller key (empty slots hold the largest key)
        if payload | u32::from(line.keys[7] >= key) == 0 {
            return self.further(key, b + 1);
        }
        payload
    }

    /// The payload of `key` from bucket `b` on, 0 when absent: bucket after
    /// bucket, 8 keys at a time, until one holds the key or a larger one.
    #[cold]
    fn further(&self, key: u32, b: usize) -> u32 {
        for line in &self.lines[b.min(self.lines.len())..] {
            let payload = payload_in(line, key);
            if payload != 0 || line.keys[7] >= key {
                return payload;
            }
        }
        0
    }

    /// The keys and payloads stored, in key order.
    pub fn entries(&self) -> impl Iterator<Item = (u32, u32)> + '_ {
        self.lines.iter().flat_map(|l| l.keys.into_iter().zip(l.payloads)).filter(|e| e.1 != 0)
    }
}

/// The payload of `key` in `line`, 0 when the line does not hold it: the 8
/// keys compared at once, with no branch.
#[inline(always)]
fn payload_in(line: &Line, key: u32) -> u32 {
    let mut payload = 0;
    for i in 0..8 {
        payload |= line.payloads[i] & u32::from(line.keys[i] == key).wrapping_neg();
    }
    payload
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::perceptron::Rng;

    #[test]
    fn finds_every_key_and_no_other() {
        let mut rng = Rng::new(9);
        for n in [0, 1, 7, 100, 20_000] {
            let mut keys: Vec<u32> = (0..n).map(|_| rng.next_u64() as u32).collect();
            // crowd some buckets, and the extremes
            keys.extend([0, 1, 2, u32::MAX - 1, u32::MAX]);
            keys.extend((0..40).map(|i| 0x8000_0000 + i));
            keys.sort_unstable();
            keys.dedup();
            let entries: Vec<(u32, u32)> = keys.iter().map(|&k| (k, k | 1)).collect();
            let t = Table::new(&entries);
            for &(k, p) in &entries {
                assert_eq!(t.get(k, t.home(k)), p);
            }
            for k in (0..20_000).map(|_| rng.next_u64() as u32).chain([3, u32::MAX - 2, 0x8000_0000 + 40, 0x7FFF_FFFF]) {
                if keys.binary_search(&k).is_err() {
                    assert_eq!(t.get(k, t.home(k)), 0, "{k}");
                }
            }
            assert_eq!(t.entries().collect::<Vec<_>>(), entries);
        }
    }
}
