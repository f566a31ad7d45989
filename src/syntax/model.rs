//! The run-time perceptron model: quantized `i16` weights of hashed
//! features, looked up in an open-addressing table and summed into integer
//! class scores.
//!
//! Features are found by their 32-bit key ([`fold32`] of the 64-bit feature
//! hash). A feature's weights are stored in one of three ways, chosen at load
//! time from the row's length:
//! - one weight: inline in the table slot (no second memory access);
//! - a few weights: `(class, weight)` pairs in `packed`;
//! - many weights (at least one per 8 classes): a dense row of `i16`s in
//!   `dense`, added to the scores 8 classes at a time with SIMD (AVX2 when
//!   the CPU has it).
//!
//! Integer sums do not depend on the order of the additions, so every layout
//! gives exactly the scores of the serialised model.

use super::perceptron::{fold32, serialize, ModelError, Reader, MAX_WEIGHTS};
use super::table::Table;

/// Most classes a model can have (class ids are bytes).
pub const MAX_CLASSES: usize = 256;

/// Class scores of one instance, with room for the classes of any model.
pub type Scores = [i32; MAX_CLASSES];

/// A trained, quantized model: integer weights of hashed features.
#[derive(Debug, Clone)]
pub struct Model {
    n_classes: usize,
    scale: f32,
    n_features: usize,
    n_weights: usize,
    /// entries of mid-length rows: weight in the high 16 bits, class in the low 8
    packed: Vec<u32>,
    /// long rows, `stride` groups of 8 weights each (zero for absent classes)
    dense: Vec<[i16; 8]>,
    /// `n_classes` divided by 8, rounded up
    stride: usize,
    /// feature key → payload: `1 << 31 | class << 16 | weight` for a feature
    /// with one weight, `start << 8 | count` (start below 2^23) for a row in
    /// `packed`, or `start << 8` (count 0, start above 0) for a row in `dense`
    table: Table,
    /// whether the CPU has AVX2 (checked once, at load)
    avx2: bool,
}

const INLINE: u32 = 1 << 31;

impl Model {
    /// Builds the lookup table straight from the serialised arrays.
    fn from_bytes(n_classes: usize, scale: f32, keys: &[u8], counts: &[u8], classes: &[u8], weights: &[u8]) -> Result<Model, ModelError> {
        let nw = classes.len();
        if nw >= MAX_WEIGHTS {
            return Err(ModelError::Corrupt("too many weights (prune the model)"));
        }
        if n_classes > MAX_CLASSES || classes.iter().any(|&c| c as usize >= n_classes) || counts.contains(&0) {
            return Err(ModelError::Corrupt("class out of range"));
        }
        let nk = counts.len();
        let keys = keys.as_chunks::<4>().0;
        if keys.windows(2).any(|k| u32::from_le_bytes(k[0]) >= u32::from_le_bytes(k[1])) {
            return Err(ModelError::Corrupt("feature keys are not in ascending order"));
        }
        let mut entries = Vec::with_capacity(nk);
        let stride = n_classes.div_ceil(8);
        // dense from one weight per 8 classes: one SIMD add then does the work of 8 scattered ones
        let dense_min = (stride * 5 / 8).max(2);
        let mut packed = huge_vec(nw);
        let dense_rows = counts.iter().filter(|&&n| n as usize >= dense_min).count();
        let mut dense = huge_vec((dense_rows + 1) * stride);
        // a first row of zeros that no feature uses: a dense payload is never 0
        dense.resize(stride, [0i16; 8]);
        let weights = weights.as_chunks::<2>().0;
        let mut st = 0usize;
        for (k, &n) in keys.iter().zip(counts) {
            let k = u32::from_le_bytes(*k);
            let n = n as usize;
            let (cls, ws) = (&classes[st..st + n], &weights[st..st + n]);
            st += n;
            let w = |x: &[u8; 2]| i16::from_le_bytes(*x) as u16 as u32;
            // a dense row must give back the same pairs when written out again
            let exact = || cls.windows(2).all(|p| p[0] < p[1]) && !ws.contains(&[0, 0]);
            let payload = if n == 1 {
                INLINE | (cls[0] as u32) << 16 | w(&ws[0])
            } else if n >= dense_min && dense.len() + stride < MAX_WEIGHTS && exact() {
                let start = dense.len();
                dense.resize(start + stride, [0; 8]);
                for (&c, x) in cls.iter().zip(ws) {
                    dense[start + c as usize / 8][c as usize % 8] = i16::from_le_bytes(*x);
                }
                (start as u32) << 8
            } else {
                let start = packed.len() as u32;
                packed.extend(cls.iter().zip(ws).map(|(&c, x)| w(x) << 16 | c as u32));
                start << 8 | n as u32
            };
            entries.push((k, payload));
        }
        let table = Table::new(&entries);
        Ok(Model { n_classes, scale, n_features: nk, n_weights: nw, packed, dense, stride, table, avx2: has_avx2_cached() })
    }

    /// The stored features as `(key, [(class, weight)])`, sorted by key.
    fn rows(&self) -> Vec<(u32, Vec<(u8, i16)>)> {
        let mut rows: Vec<(u32, Vec<(u8, i16)>)> = self
            .table
            .entries()
            .map(|(k, p)| {
                if p & INLINE != 0 {
                    (k, vec![(((p >> 16) & 0xFF) as u8, p as u16 as i16)])
                } else if p & 0xFF == 0 {
                    let start = (p >> 8) as usize;
                    let row = self.dense[start..start + self.stride].iter().flatten();
                    (k, row.enumerate().filter(|x| *x.1 != 0).map(|(c, &w)| (c as u8, w)).collect())
                } else {
                    let start = (p >> 8) as usize;
                    let n = (p & 0xFF) as usize;
                    (k, self.packed[start..start + n].iter().map(|&x| ((x & 0xFF) as u8, (x >> 16) as u16 as i16)).collect())
                }
            })
            .collect();
        rows.sort_unstable_by_key(|r| r.0);
        rows
    }

    /// Number of classes.
    pub fn n_classes(&self) -> usize {
        self.n_classes
    }

    /// Size of one quantization step in perceptron units.
    pub fn scale(&self) -> f32 {
        self.scale
    }

    /// Number of stored features.
    pub fn n_features(&self) -> usize {
        self.n_features
    }

    /// Number of stored weights.
    pub fn n_weights(&self) -> usize {
        self.n_weights
    }

    /// Sums the weights of `feats` into `scores` (cleared first, length `n_classes`).
    pub fn score(&self, feats: &[u64], scores: &mut [i32]) {
        let mut acc = [0i32; MAX_CLASSES];
        self.score_into(feats, &mut acc);
        let n = scores.len().min(MAX_CLASSES);
        scores[..n].copy_from_slice(&acc[..n]);
        scores[n..].fill(0);
    }

    /// Sums the weights of `feats` into `acc`, which the caller clears;
    /// classes from `n_classes` on stay untouched.
    #[inline]
    pub fn score_into(&self, feats: &[u64], acc: &mut Scores) {
        #[cfg(target_arch = "x86_64")]
        if self.avx2 {
            // SAFETY: `avx2` is true only when the CPU reported AVX2 support.
            unsafe { self.accumulate_avx2(feats, acc) };
            return;
        }
        self.accumulate(feats, acc);
    }

    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2")]
    fn accumulate_avx2(&self, feats: &[u64], acc: &mut Scores) {
        self.accumulate(feats, acc);
    }

    /// Memory-bound: table slots and then rows are prefetched a batch at a
    /// time so that their cache misses overlap.
    #[inline(always)]
    fn accumulate(&self, feats: &[u64], acc: &mut Scores) {
        const B: usize = 32;
        // the key and home bucket of each feature of a batch
        let mut homes = [(0u32, 0usize); B];
        let mut sparse = [0u32; B];
        let mut dense = [0usize; B];
        let table = &self.table;
        for chunk in feats.chunks(B) {
            let homes = &mut homes[..chunk.len()];
            for (h, &f) in homes.iter_mut().zip(chunk) {
                let k = fold32(f);
                let b = table.home(k);
                prefetch(table.line_ptr(b));
                *h = (k, b);
            }
            let (mut ns, mut nd) = (0, 0);
            for &(key, b) in homes.iter() {
                let payload = table.get(key, b);
                if payload & INLINE != 0 {
                    acc[((payload >> 16) & 0xFF) as usize] += payload as u16 as i16 as i32;
                } else if payload & 0xFF != 0 {
                    sparse[ns % B] = payload;
                    ns += 1;
                    prefetch(self.packed.as_ptr().wrapping_add((payload >> 8) as usize));
                } else if payload != 0 {
                    let start = (payload >> 8) as usize;
                    dense[nd % B] = start;
                    nd += 1;
                    prefetch(self.dense.as_ptr().wrapping_add(start));
                }
            }
            for &e in &sparse[..ns] {
                let start = (e >> 8) as usize;
                let n = (e & 0xFF) as usize;
                for &x in &self.packed[start..start + n] {
                    acc[(x & 0xFF) as usize] += (x >> 16) as u16 as i16 as i32;
                }
            }
            if nd > 0 {
                add_rows(&mut acc.as_chunks_mut::<8>().0[..self.stride], &self.dense, &dense[..nd]);
            }
        }
    }

    /// A copy without the weights whose absolute value is below `min_abs`
    /// (in the units of the averaged perceptron).
    pub fn pruned(&self, min_abs: f32) -> Model {
        let min_q = ((min_abs / self.scale).round() as i32).max(1);
        let rows: Vec<(u32, Vec<(u8, i16)>)> = self
            .rows()
            .into_iter()
            .map(|(k, r)| (k, r.into_iter().filter(|x| (x.1 as i32).abs() >= min_q).collect::<Vec<_>>()))
            .filter(|r| !r.1.is_empty())
            .collect();
        let mut bytes = Vec::new();
        serialize(self.n_classes, self.scale, &rows, &mut bytes);
        Model::read(&mut Reader::new(&bytes)).expect("a subset of a valid model is valid")
    }

    /// Serialises the weights (after a caller-written header).
    pub fn write(&self, out: &mut Vec<u8>) {
        serialize(self.n_classes, self.scale, &self.rows(), out);
    }

    /// Reads weights written by [`Model::write`].
    pub fn read(r: &mut Reader) -> Result<Model, ModelError> {
        let n_classes = r.u32()? as usize;
        let scale = f32::from_le_bytes(r.take(4)?.try_into().map_err(|_| ModelError::Truncated)?);
        let nk = r.u32()? as usize;
        let nw = r.u32()? as usize;
        let keys = r.take(nk.checked_mul(4).ok_or(ModelError::Truncated)?)?;
        let counts = r.take(nk)?;
        let classes = r.take(nw)?;
        let weights = r.take(nw.checked_mul(2).ok_or(ModelError::Truncated)?)?;
        if counts.iter().map(|&c| c as usize).sum::<usize>() != nw {
            return Err(ModelError::Corrupt("entry counts do not add up"));
        }
        Model::from_bytes(n_classes, scale, keys, counts, classes, weights)
    }
}

/// Adds the dense rows that start at `starts` into `acc` (one row's width).
/// The sums of a block of columns stay in registers while the rows are
/// added: the whole row for the usual widths (up to 14 groups of 8 classes
/// fit in the 16 AVX2 registers), else blocks of 8, 4 and 1 groups.
#[inline(always)]
fn add_rows(acc: &mut [[i32; 8]], dense: &[[i16; 8]], starts: &[usize]) {
    macro_rules! whole_row {
        ($($w:literal)*) => {
            match acc.len() {
                $($w => return add_block::<$w>(acc, dense, starts, 0),)*
                _ => {}
            }
        };
    }
    whole_row!(8 9 10 11 12 13 14);
    let mut c = 0;
    while c + 8 <= acc.len() {
        add_block::<8>(&mut acc[c..c + 8], dense, starts, c);
        c += 8;
    }
    if c + 4 <= acc.len() {
        add_block::<4>(&mut acc[c..c + 4], dense, starts, c);
        c += 4;
    }
    while c < acc.len() {
        add_block::<1>(&mut acc[c..c + 1], dense, starts, c);
        c += 1;
    }
}

/// Groups `c .. c + W` of [`add_rows`].
#[inline(always)]
fn add_block<const W: usize>(acc: &mut [[i32; 8]], dense: &[[i16; 8]], starts: &[usize], c: usize) {
    let mut sum = [[0i32; 8]; W];
    for &s in starts {
        let row: &[[i16; 8]; W] = dense[s + c..s + c + W].try_into().expect("W groups");
        for j in 0..W {
            for k in 0..8 {
                sum[j][k] += i32::from(row[j][k]);
            }
        }
    }
    for (a, s) in acc.iter_mut().zip(&sum) {
        for k in 0..8 {
            a[k] += s[k];
        }
    }
}

/// The first class with the highest score once each score is capped by
/// `caps` (same length): a cap of `i32::MIN` rules a class out, `i32::MAX`
/// leaves it alone. `None` when `scores` is empty.
///
/// Scores are sums of `i16` weights, so no allowed class scores `i32::MIN`
/// and the result is the first best allowed class.
pub fn best_capped(scores: &[i32], caps: &[i32]) -> Option<usize> {
    #[cfg(target_arch = "x86_64")]
    if has_avx2_cached() {
        // SAFETY: the CPU reported AVX2 support.
        return unsafe { best_capped_avx2(scores, caps) };
    }
    best_capped_impl(scores, caps)
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn best_capped_avx2(scores: &[i32], caps: &[i32]) -> Option<usize> {
    best_capped_impl(scores, caps)
}

#[inline(always)]
fn best_capped_impl(scores: &[i32], caps: &[i32]) -> Option<usize> {
    let caps = &caps[..scores.len()];
    let max = scores.iter().zip(caps).map(|(&s, &c)| s.min(c)).max()?;
    let (s8, s_rest) = scores.as_chunks::<8>();
    let (c8, c_rest) = caps.as_chunks::<8>();
    for (i, (s, c)) in s8.iter().zip(c8).enumerate() {
        let mut any = false;
        for k in 0..8 {
            any |= s[k].min(c[k]) == max;
        }
        if any {
            return (0..8).position(|k| s[k].min(c[k]) == max).map(|k| 8 * i + k);
        }
    }
    s_rest.iter().zip(c_rest).position(|(&s, &c)| s.min(c) == max).map(|k| 8 * s8.len() + k)
}

/// The first class with the highest score, and the highest score among the
/// other classes (`i32::MIN` when there is none). `None` when `scores` is empty.
pub fn best_and_second(scores: &[i32]) -> Option<(usize, i32)> {
    #[cfg(target_arch = "x86_64")]
    if has_avx2_cached() {
        // SAFETY: the CPU reported AVX2 support.
        return unsafe { best_and_second_avx2(scores) };
    }
    best_and_second_impl(scores)
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn best_and_second_avx2(scores: &[i32]) -> Option<(usize, i32)> {
    best_and_second_impl(scores)
}

#[inline(always)]
fn best_and_second_impl(scores: &[i32]) -> Option<(usize, i32)> {
    let max = scores.iter().copied().max()?;
    let best = first_equal(scores, max);
    let second = scores[..best].iter().chain(&scores[best + 1..]).copied().max().unwrap_or(i32::MIN);
    Some((best, second))
}

/// The index of the first of `values` that is `x` (`values.len()` if none), 8 at a time.
#[inline(always)]
fn first_equal(values: &[i32], x: i32) -> usize {
    let (v8, rest) = values.as_chunks::<8>();
    for (i, v) in v8.iter().enumerate() {
        let mut any = false;
        for k in 0..8 {
            any |= v[k] == x;
        }
        if any {
            return 8 * i + v.iter().position(|&v| v == x).unwrap_or(0);
        }
    }
    8 * v8.len() + rest.iter().position(|&v| v == x).unwrap_or(rest.len())
}

/// [`has_avx2`], asked once per process.
fn has_avx2_cached() -> bool {
    static AVX2: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *AVX2.get_or_init(has_avx2)
}

fn has_avx2() -> bool {
    #[cfg(target_arch = "x86_64")]
    {
        std::is_x86_feature_detected!("avx2")
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        false
    }
}

/// An empty vector with room for `n` items, whose memory the kernel is
/// asked to back with huge pages: the tables are read at random, and with
/// 4 KiB pages most lookups would also miss the TLB.
pub(super) fn huge_vec<T>(n: usize) -> Vec<T> {
    let v = Vec::with_capacity(n);
    #[cfg(target_os = "linux")]
    {
        extern "C" {
            fn madvise(addr: *mut std::ffi::c_void, len: usize, advice: i32) -> i32;
        }
        const MADV_HUGEPAGE: i32 = 14;
        const HUGE: usize = 2 << 20;
        let start = v.as_ptr() as usize;
        let end = start + v.capacity() * std::mem::size_of::<T>();
        let (a, b) = (start.next_multiple_of(HUGE), end / HUGE * HUGE);
        if b > a {
            // SAFETY: the range lies inside the vector's allocation, and the
            // advice only changes how its pages are backed, never their
            // content; a failure (say, no huge page support) is harmless.
            unsafe { madvise(a as *mut std::ffi::c_void, b - a, MADV_HUGEPAGE) };
        }
    }
    v
}

/// Asks for the cache line at `x` (any address: a prefetch never faults).
#[inline(always)]
fn prefetch<T>(x: *const T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: prefetching is a hint with no architectural effect, valid for any address.
    unsafe {
        std::arch::x86_64::_mm_prefetch(x as *const i8, std::arch::x86_64::_MM_HINT_T0);
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = x;
}


#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::perceptron::Rng;

    /// A model over random rows of every length, and a plain sum to check it against.
    fn random_model(n_classes: usize, seed: u64) -> (Model, Vec<u64>, Vec<Vec<(u8, i16)>>) {
        let mut rng = Rng::new(seed);
        let mut feats: Vec<u64> = (0..3000).map(|_| rng.next_u64()).collect();
        feats.sort_by_key(|&f| fold32(f));
        feats.dedup_by_key(|f| fold32(*f));
        let rows: Vec<Vec<(u8, i16)>> = feats
            .iter()
            .map(|_| {
                let n = 1 + (rng.next_u64() % n_classes.min(255) as u64) as usize;
                let mut r: Vec<(u8, i16)> = (0..n).map(|_| ((rng.next_u64() % n_classes as u64) as u8, rng.next_u64() as i16)).collect();
                if rng.next_u64() % 4 != 0 {
                    // mostly well-formed rows: sorted classes, no zero weights
                    r.sort_by_key(|x| x.0);
                    r.dedup_by_key(|x| x.0);
                    r.retain(|x| x.1 != 0);
                }
                r
            })
            .collect();
        let keyed: Vec<(u32, Vec<(u8, i16)>)> =
            feats.iter().zip(&rows).filter(|(_, r)| !r.is_empty()).map(|(&f, r)| (fold32(f), r.clone())).collect();
        let mut bytes = Vec::new();
        serialize(n_classes, 1.0, &keyed, &mut bytes);
        let m = Model::read(&mut Reader::new(&bytes)).unwrap();
        let mut again = Vec::new();
        m.write(&mut again);
        assert_eq!(bytes, again, "rows read back as written");
        (m, feats, rows)
    }

    #[test]
    fn every_layout_sums_like_the_rows() {
        for (n_classes, seed) in [(3, 1), (8, 2), (103, 3), (107, 4), (200, 5), (256, 6)] {
            let (m, feats, rows) = random_model(n_classes, seed);
            let mut rng = Rng::new(seed + 10);
            for round in 0..200 {
                let k = (rng.next_u64() % 100) as usize;
                // known features (with repeats) and unknown ones
                let fs: Vec<(u64, Option<usize>)> = (0..k)
                    .map(|_| {
                        if rng.next_u64() % 5 == 0 {
                            (rng.next_u64(), None)
                        } else {
                            let i = (rng.next_u64() % feats.len() as u64) as usize;
                            (feats[i], Some(i))
                        }
                    })
                    .collect();
                let mut want = vec![0i32; n_classes];
                for &(f, i) in &fs {
                    match i {
                        Some(i) => rows[i].iter().for_each(|&(c, w)| want[c as usize] += w as i32),
                        None => assert!(feats.iter().all(|&g| fold32(g) != fold32(f)), "random feature collides"),
                    }
                }
                let fs: Vec<u64> = fs.iter().map(|x| x.0).collect();
                let mut got = vec![7i32; n_classes];
                m.score(&fs, &mut got);
                assert_eq!(got, want, "{n_classes} classes, round {round}");
                let mut acc: Scores = [0; MAX_CLASSES];
                m.accumulate(&fs, &mut acc);
                assert_eq!(&acc[..n_classes], &want[..], "portable path");
                assert!(acc[n_classes..].iter().all(|&x| x == 0));
            }
        }
    }

    #[test]
    fn best_classes() {
        let s = [3, 9, -4, 9, 2, 9, 0, 1, 5, 9];
        assert_eq!(best_and_second(&s), Some((1, 9)));
        assert_eq!(best_and_second(&[4]), Some((0, i32::MIN)));
        assert_eq!(best_and_second(&[]), None);
        let caps = [i32::MAX, i32::MIN, i32::MAX, i32::MIN, i32::MIN, i32::MAX, i32::MAX, i32::MAX, i32::MAX, i32::MIN];
        assert_eq!(best_capped(&s, &caps), Some(5));
        let long: Vec<i32> = (0..103).map(|i| (i * 37 % 101) as i32).collect();
        let open = vec![i32::MAX; 103];
        let want = (0..103).max_by_key(|&i| (long[i], std::cmp::Reverse(i))).unwrap();
        assert_eq!(best_capped(&long, &open), Some(want));
        assert_eq!(best_and_second(&long).map(|x| x.0), Some(want));
    }
}
