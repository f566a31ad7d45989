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

use super::image::{self, INLINE};
use super::perceptron::{fold32, serialize, ModelError, Reader};
use super::table::Table;

/// Most classes a model can have (class ids are bytes).
pub const MAX_CLASSES: usize = 256;

/// Class scores of one instance, with room for the classes of any model.
pub type Scores = [i32; MAX_CLASSES];

/// Most instances [`Model::score_many`] overlaps.
pub const MAX_BATCH: usize = 8;

/// Most features of an instance that [`Model::score_many`] takes in one
/// pass (the parser's states have 95, the tagger's words fewer).
pub const BATCH_FEATURES: usize = 96;

/// The working arrays of [`Model::score_many`], per instance: the key and
/// home bucket of each feature, then the table payloads of its rows (sparse
/// ones from the front, dense ones from the back). Kept per thread: clearing
/// 9 KiB for each scored move would cost more than the lookups save.
struct Batch {
    /// key | home bucket << 32
    homes: [[u64; BATCH_FEATURES]; MAX_BATCH],
    rows: [[u32; BATCH_FEATURES]; MAX_BATCH],
}

thread_local! {
    static BATCH: std::cell::RefCell<Box<Batch>> =
        std::cell::RefCell::new(Box::new(Batch { homes: [[0; BATCH_FEATURES]; MAX_BATCH], rows: [[0; BATCH_FEATURES]; MAX_BATCH] }));
}

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
    /// whether it has the AVX-512 subsets of [`add_rows_wide`]
    avx512: bool,
}


impl Model {
    /// The model of run-time arrays built by [`image::build`] or decoded from an image.
    fn from_parts(p: image::Parts) -> Model {
        Model {
            n_classes: p.n_classes,
            scale: p.scale,
            n_features: p.n_features,
            n_weights: p.n_weights,
            packed: p.packed,
            dense: p.dense,
            stride: p.stride,
            table: Table::from_lines(p.lines, p.homes),
            avx2: has_avx2_cached(),
            avx512: has_avx512(),
        }
    }

    /// The run-time arrays, for [`image::encode`].
    pub fn to_parts(&self) -> image::Parts {
        let (lines, homes) = self.table.lines();
        image::Parts {
            n_classes: self.n_classes,
            scale: self.scale,
            n_features: self.n_features,
            n_weights: self.n_weights,
            stride: self.stride,
            homes,
            lines: lines.to_vec(),
            packed: self.packed.clone(),
            dense: self.dense.clone(),
        }
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
        self.score_many(&[feats], std::slice::from_mut(acc));
    }

    /// Sums the weights of each instance's features `feats[i]` into
    /// `accs[i]`, as [`Model::score_into`] does for one. The table and row
    /// reads of all the instances are issued before any is waited for, so
    /// that their cache misses overlap: scoring [`MAX_BATCH`] independent
    /// instances (the states of several sentences) at once takes less time
    /// than one after another.
    pub fn score_many(&self, feats: &[&[u64]], accs: &mut [Scores]) {
        BATCH.with_borrow_mut(|batch| {
            #[cfg(target_arch = "x86_64")]
            if self.avx512 {
                // SAFETY: `avx512` is true only when the CPU reported these features.
                unsafe { self.accumulate_avx512(feats, accs, batch) };
                return;
            }
            #[cfg(target_arch = "x86_64")]
            if self.avx2 {
                // SAFETY: `avx2` is true only when the CPU reported AVX2 support.
                unsafe { self.accumulate_avx2(feats, accs, batch) };
                return;
            }
            self.accumulate::<false>(feats, accs, batch);
        })
    }

    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2")]
    fn accumulate_avx2(&self, feats: &[&[u64]], accs: &mut [Scores], batch: &mut Batch) {
        self.accumulate::<false>(feats, accs, batch);
    }

    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2,avx512f,avx512bw,avx512vl,avx512dq")]
    fn accumulate_avx512(&self, feats: &[&[u64]], accs: &mut [Scores], batch: &mut Batch) {
        self.accumulate::<true>(feats, accs, batch);
    }

    /// Memory-bound, in three passes over up to [`MAX_BATCH`] instances of
    /// up to [`BATCH_FEATURES`] features each (larger inputs go by parts):
    /// find each feature's table bucket and prefetch it; read the payloads,
    /// adding single weights at once and prefetching the rows; add the rows.
    /// With `WIDE`, dense rows are added 16 classes at a time ([`add_rows_wide`]).
    #[inline(always)]
    fn accumulate<const WIDE: bool>(&self, feats: &[&[u64]], accs: &mut [Scores], batch: &mut Batch) {
        if feats.len() <= MAX_BATCH && feats.iter().all(|f| f.len() <= BATCH_FEATURES) {
            let k = feats.len().min(accs.len());
            return self.accumulate_in::<WIDE>(feats, &mut accs[..k], batch);
        }
        for (f, acc) in feats.iter().zip(accs.iter_mut()) {
            for chunk in f.chunks(BATCH_FEATURES) {
                self.accumulate_in::<WIDE>(&[chunk], std::slice::from_mut(acc), batch);
            }
        }
    }

    /// [`Model::accumulate`] of at most [`MAX_BATCH`] instances (`accs`)
    /// of at most [`BATCH_FEATURES`] features, with its arrays in `batch`.
    #[inline(always)]
    fn accumulate_in<const WIDE: bool>(&self, feats: &[&[u64]], accs: &mut [Scores], batch: &mut Batch) {
        const B: usize = BATCH_FEATURES;
        let k = accs.len();
        let table = &self.table;
        let Batch { homes, rows } = batch;
        for (h, f) in homes.iter_mut().zip(&feats[..k]) {
            let mut done = 0;
            #[cfg(target_arch = "x86_64")]
            if WIDE {
                // SAFETY: `WIDE` is set only by `accumulate_avx512`, for CPUs with the features.
                done = unsafe { keys_and_homes_wide(f, table.homes(), h) };
            }
            for (h, &f) in h[done..].iter_mut().zip(&f[done..]) {
                let key = fold32(f);
                *h = key as u64 | (table.home(key) as u64) << 32;
            }
            for &h in &h[..f.len()] {
                prefetch(table.line_ptr((h >> 32) as usize));
            }
        }
        let mut n_sparse = [0usize; MAX_BATCH];
        let mut n_rows = [0usize; MAX_BATCH];
        for i in 0..k {
            let acc = &mut accs[i];
            // sparse rows from the front of `rows`, dense ones from the back
            let (mut ns, mut nd) = (0, 0);
            for &h in &homes[i][..feats[i].len()] {
                let payload = table.get(h as u32, (h >> 32) as usize);
                if payload & INLINE != 0 {
                    acc[((payload >> 16) & 0xFF) as usize] += payload as u16 as i16 as i32;
                } else if payload & 0xFF != 0 {
                    rows[i][ns] = payload;
                    ns += 1;
                    prefetch(self.packed.as_ptr().wrapping_add((payload >> 8) as usize));
                } else if payload != 0 {
                    nd += 1;
                    rows[i][B - nd] = payload;
                    prefetch(self.dense.as_ptr().wrapping_add((payload >> 8) as usize));
                }
            }
            n_sparse[i] = ns;
            n_rows[i] = ns + nd;
        }
        for i in 0..k {
            let acc = &mut accs[i];
            let (ns, nd) = (n_sparse[i], n_rows[i] - n_sparse[i]);
            for &e in &rows[i][..ns] {
                let start = (e >> 8) as usize;
                let n = (e & 0xFF) as usize;
                for &x in &self.packed[start..start + n] {
                    acc[(x & 0xFF) as usize] += (x >> 16) as u16 as i16 as i32;
                }
            }
            if nd > 0 {
                #[cfg(target_arch = "x86_64")]
                // SAFETY: `WIDE` is set only by `accumulate_avx512`, for CPUs with the features.
                if WIDE && unsafe { add_rows_wide(acc, self.stride, &self.dense, &rows[i][B - nd..]) } {
                    continue;
                }
                add_rows(&mut acc.as_chunks_mut::<8>().0[..self.stride], &self.dense, &rows[i][B - nd..]);
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

    /// Reads weights written by [`Model::write`]. When the reader carries a
    /// prebuilt image of this section (see [`Reader::with_images`]), the
    /// run-time arrays are copied from it instead of being built.
    pub fn read(r: &mut Reader) -> Result<Model, ModelError> {
        let start = r.pos();
        let n_classes = r.u32()? as usize;
        let scale = f32::from_le_bytes(r.take(4)?.try_into().map_err(|_| ModelError::Truncated)?);
        let nk = r.u32()? as usize;
        let nw = r.u32()? as usize;
        let keys = r.take(nk.checked_mul(4).ok_or(ModelError::Truncated)?)?;
        let counts = r.take(nk)?;
        let classes = r.take(nw)?;
        let weights = r.take(nw.checked_mul(2).ok_or(ModelError::Truncated)?)?;
        if let Some(img) = r.next_image() {
            let (source, parts) = image::decode(img).map_err(ModelError::Corrupt)?;
            let section = r.since(start);
            // an image of other bytes (a stale build) is ignored
            if source == image::fingerprint(section) && parts.n_classes == n_classes && parts.n_features == nk && parts.n_weights == nw {
                return Ok(Model::from_parts(parts));
            }
        }
        image::build(n_classes, scale, keys, counts, classes, weights).map(Model::from_parts).map_err(ModelError::Corrupt)
    }
}

/// Adds the dense rows of `starts` (table payloads: a row's start times
/// 256) into `acc` (one row's width).
/// The sums of a block of columns stay in registers while the rows are
/// added: the whole row for the usual widths (up to 14 groups of 8 classes
/// fit in the 16 AVX2 registers), else blocks of 8, 4 and 1 groups.
#[inline(always)]
fn add_rows(acc: &mut [[i32; 8]], dense: &[[i16; 8]], starts: &[u32]) {
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
fn add_block<const W: usize>(acc: &mut [[i32; 8]], dense: &[[i16; 8]], payloads: &[u32], c: usize) {
    let mut sum = [[0i32; 8]; W];
    for &p in payloads {
        let s = (p >> 8) as usize;
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

/// The keys ([`fold32`]) and home buckets of `feats`, 8 at a time, into
/// `out` as `key | bucket << 32`, for a table of `homes` home buckets (the
/// bucket of [`super::image::home`]); returns how many it did (the
/// multiples of 8). `homes` must be below 2^32.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,avx512f,avx512bw,avx512vl,avx512dq")]
fn keys_and_homes_wide(feats: &[u64], homes: u64, out: &mut [u64; BATCH_FEATURES]) -> usize {
    use std::arch::x86_64::*;
    if homes >> 32 != 0 {
        return 0;
    }
    let mul = _mm512_set1_epi64(super::features::AVALANCHE_MUL[0] as i64);
    let n = homes as i64;
    let low = _mm512_set1_epi64(0xFFFF_FFFF);
    let n8 = feats.len().min(BATCH_FEATURES) / 8 * 8;
    for j in (0..n8).step_by(8) {
        // SAFETY: 8 u64s of `feats` and of `out` from `j`, unaligned.
        unsafe {
            let f = _mm512_loadu_si512(feats[j..j + 8].as_ptr().cast());
            let h = _mm512_mullo_epi64(_mm512_xor_si512(f, _mm512_srli_epi64::<29>(f)), mul);
            let key = _mm512_and_si512(_mm512_xor_si512(h, _mm512_srli_epi64::<32>(h)), low);
            let bucket = _mm512_srli_epi64::<32>(_mm512_mul_epu32(key, _mm512_set1_epi64(n)));
            _mm512_storeu_si512(out[j..j + 8].as_mut_ptr().cast(), _mm512_or_si512(key, _mm512_slli_epi64::<32>(bucket)));
        }
    }
    n8
}

/// [`add_rows`] 16 classes at a time, for rows of up to 16 groups of 8
/// (up to 128 classes; false, and nothing added, for wider rows).
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,avx512f,avx512bw,avx512vl")]
fn add_rows_wide(acc: &mut Scores, stride: usize, dense: &[[i16; 8]], payloads: &[u32]) -> bool {
    macro_rules! by_width {
        ($($w:literal => $pairs:literal $tail:literal),*) => {
            match stride {
                $($w => add_pairs::<$pairs, $tail>(acc, dense, payloads),)*
                _ => return false,
            }
        };
    }
    by_width!(1 => 0 true, 2 => 1 false, 3 => 1 true, 4 => 2 false, 5 => 2 true, 6 => 3 false, 7 => 3 true, 8 => 4 false,
        9 => 4 true, 10 => 5 false, 11 => 5 true, 12 => 6 false, 13 => 6 true, 14 => 7 false, 15 => 7 true, 16 => 8 false);
    true
}

/// [`add_rows_wide`] of rows of `2 * P` groups of 8 weights, and one more
/// if `TAIL`: the sums stay in `P` 512-bit registers (and a 256-bit one).
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,avx512f,avx512bw,avx512vl")]
fn add_pairs<const P: usize, const TAIL: bool>(acc: &mut Scores, dense: &[[i16; 8]], payloads: &[u32]) {
    use std::arch::x86_64::*;
    let width = 2 * P + usize::from(TAIL);
    let mut sum = [_mm512_setzero_si512(); P];
    let mut tail = _mm256_setzero_si256();
    for &p in payloads {
        let start = (p >> 8) as usize;
        let row = &dense[start..start + width];
        let base = row.as_ptr() as *const i16;
        for (j, s) in sum.iter_mut().enumerate() {
            // SAFETY: groups 2j and 2j + 1 of the row: 16 i16s inside `row`.
            let v = unsafe { _mm256_loadu_si256(base.add(16 * j).cast()) };
            *s = _mm512_add_epi32(*s, _mm512_cvtepi16_epi32(v));
        }
        if TAIL {
            // SAFETY: the last group of the row: 8 i16s inside `row`.
            let v = unsafe { _mm_loadu_si128(base.add(16 * P).cast()) };
            tail = _mm256_add_epi32(tail, _mm256_cvtepi16_epi32(v));
        }
    }
    // the sums cover classes 0 .. 8 * width, which is at most 128 < MAX_CLASSES
    let (pairs, rest) = acc.as_chunks_mut::<16>();
    for (a, s) in pairs.iter_mut().zip(&sum) {
        // SAFETY: 16 i32s of `a`, unaligned.
        unsafe { _mm512_storeu_si512(a.as_mut_ptr().cast(), _mm512_add_epi32(_mm512_loadu_si512(a.as_ptr().cast()), *s)) };
    }
    if TAIL {
        let a = pairs.get_mut(P).map_or(&mut rest[..], |a| &mut a[..]);
        // SAFETY: 8 i32s of `a` (a whole chunk of 16, or the rest, which holds at least 8 for P < 16).
        unsafe { _mm256_storeu_si256(a.as_mut_ptr().cast(), _mm256_add_epi32(_mm256_loadu_si256(a.as_ptr().cast()), tail)) };
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
#[allow(clippy::needless_range_loop)] // a fixed-width loop the compiler turns into one vector compare
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

/// Whether the CPU has the AVX-512 subsets (F, BW, VL, DQ) of
/// [`add_rows_wide`], [`keys_and_homes_wide`] and the feature hashing of
/// [`super::features::Avalanche`], asked once per process.
pub(crate) fn has_avx512() -> bool {
    static YES: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *YES.get_or_init(|| {
        #[cfg(target_arch = "x86_64")]
        {
            std::is_x86_feature_detected!("avx512f")
                && std::is_x86_feature_detected!("avx512bw")
                && std::is_x86_feature_detected!("avx512vl")
                && std::is_x86_feature_detected!("avx512dq")
        }
        #[cfg(not(target_arch = "x86_64"))]
        {
            false
        }
    })
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
    /// Each feature's `(class, weight)` entries.
    type Rows = Vec<Vec<(u8, i16)>>;

    fn random_model(n_classes: usize, seed: u64) -> (Model, Vec<u64>, Rows) {
        let mut rng = Rng::new(seed);
        let mut feats: Vec<u64> = (0..3000).map(|_| rng.next_u64()).collect();
        feats.sort_by_key(|&f| fold32(f));
        feats.dedup_by_key(|f| fold32(*f));
        let rows: Vec<Vec<(u8, i16)>> = feats
            .iter()
            .map(|_| {
                let n = 1 + (rng.next_u64() % n_classes.min(255) as u64) as usize;
                let mut r: Vec<(u8, i16)> = (0..n).map(|_| ((rng.next_u64() % n_classes as u64) as u8, rng.next_u64() as i16)).collect();
                if !rng.next_u64().is_multiple_of(4) {
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
            let mut batch = Vec::new();
            for round in 0..200 {
                let k = (rng.next_u64() % 100) as usize;
                // known features (with repeats) and unknown ones
                let fs: Vec<(u64, Option<usize>)> = (0..k)
                    .map(|_| {
                        if rng.next_u64().is_multiple_of(5) {
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
                BATCH.with_borrow_mut(|b| m.accumulate::<false>(&[&fs], std::slice::from_mut(&mut acc), b));
                assert_eq!(&acc[..n_classes], &want[..], "portable path");
                assert!(acc[n_classes..].iter().all(|&x| x == 0));
                batch.push((fs, want));
            }
            // instances scored side by side, in batches of every size (up
            // to more than a batch holds), sum as they do alone
            let mut start = 0;
            for size in (1..=MAX_BATCH + 3).cycle() {
                let Some(group) = batch.get(start..start + size) else { break };
                start += size;
                let feats: Vec<&[u64]> = group.iter().map(|g| g.0.as_slice()).collect();
                let mut accs = vec![[0i32; MAX_CLASSES]; size];
                m.score_many(&feats, &mut accs);
                for (acc, g) in accs.iter().zip(group) {
                    assert_eq!(&acc[..n_classes], &g.1[..], "{n_classes} classes, batch of {size}");
                }
                let mut accs = vec![[0i32; MAX_CLASSES]; size];
                BATCH.with_borrow_mut(|b| m.accumulate::<false>(&feats, &mut accs, b));
                assert!(accs.iter().zip(group).all(|(a, g)| a[..n_classes] == g.1[..]), "portable path, batch of {size}");
            }
            assert!(start > 150);
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
        let long: Vec<i32> = (0..103).map(|i| i * 37 % 101).collect();
        let open = vec![i32::MAX; 103];
        let want = (0..103).max_by_key(|&i| (long[i], std::cmp::Reverse(i))).unwrap();
        assert_eq!(best_capped(&long, &open), Some(want));
        assert_eq!(best_and_second(&long).map(|x| x.0), Some(want));
    }

    /// Image bytes of `bytes` (one compact model section) as `build.rs` makes them.
    fn images_of(section: &[u8], m: &Model) -> Vec<u8> {
        let img = image::encode(image::fingerprint(section), &m.to_parts());
        let mut out = (img.len() as u64).to_le_bytes().to_vec();
        out.extend_from_slice(&img);
        out
    }

    #[test]
    fn an_image_reads_back_as_the_built_model_and_a_stale_one_is_ignored() {
        let (m, feats, _) = random_model(103, 7);
        let mut bytes = Vec::new();
        m.write(&mut bytes);
        let images = images_of(&bytes, &m);
        let from_image = Model::read(&mut Reader::with_images(&bytes, &images)).unwrap();
        assert_eq!(from_image.to_parts(), m.to_parts());
        let (mut a, mut b) = ([0; MAX_CLASSES], [0; MAX_CLASSES]);
        m.score_into(&feats, &mut a);
        from_image.score_into(&feats, &mut b);
        assert_eq!(a, b);
        // the image of another model is not used for these bytes
        let (other, _, _) = random_model(103, 8);
        let mut other_bytes = Vec::new();
        other.write(&mut other_bytes);
        let stale = images_of(&other_bytes, &other);
        let read = Model::read(&mut Reader::with_images(&bytes, &stale)).unwrap();
        assert_eq!(read.to_parts(), m.to_parts());
        // a damaged image is an error, not a wrong model
        let mut bad = images.clone();
        bad.truncate(bad.len() - 3);
        let n = (bad.len() - 8) as u64;
        bad[..8].copy_from_slice(&n.to_le_bytes());
        assert!(Model::read(&mut Reader::with_images(&bytes, &bad)).is_err());
    }

    #[test]
    fn the_embedded_models_sections_are_found_and_their_images_used() {
        use crate::syntax::{PARSER_BYTES, TAGGER_BYTES};
        for file in [TAGGER_BYTES, PARSER_BYTES] {
            let sections = image::model_sections(file).unwrap();
            // the parser's model ends the file; the tagger's second model too
            assert_eq!(sections.last().unwrap().end, file.len());
            for r in &sections {
                let m = Model::read(&mut Reader::new(&file[r.clone()])).unwrap();
                assert!(m.n_features() > 1000);
            }
        }
        assert!(image::model_sections(b"RGOTHER!\x01\0\0\0").is_err());
        assert!(image::model_sections(&PARSER_BYTES[..PARSER_BYTES.len() - 1]).is_err());
        // the prebuilt images give the same models as building them
        let built = crate::syntax::parser::Parser::read(PARSER_BYTES).unwrap();
        let loaded = crate::syntax::Models::load_embedded().unwrap();
        let mut a = Vec::new();
        let mut b = Vec::new();
        built.write(&mut a);
        loaded.parser.write(&mut b);
        assert!(a == b);
        assert_eq!(built.model_parts(), loaded.parser.model_parts());
    }
}
