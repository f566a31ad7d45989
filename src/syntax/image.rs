//! The run-time layout of a perceptron model ("image"), and its conversion
//! from the compact serialised form.
//!
//! A model file stores each model compactly: sorted 32-bit feature keys,
//! a weight count per key, then classes and `i16` weights. Scoring needs a
//! different layout: a hash table of cache-line buckets ([`Line`]), short
//! rows of `(class, weight)` pairs and dense SIMD rows. Building that layout
//! takes tens of milliseconds for the parser, so `build.rs` builds it once, at
//! compile time, for the models embedded in the binary; loading them is then
//! a copy ([`decode`]). Models read from other files are built at load time
//! by the same [`build`].
//!
//! This file uses only `std`: `build.rs` includes it as a module.

/// One table bucket: a cache line of 8 slots, keys then payloads (compared
/// and picked 8 at a time). An empty slot has the largest key and payload 0.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(C, align(64))]
pub struct Line {
    /// Feature keys, ascending; `u32::MAX` for an empty slot.
    pub keys: [u32; 8],
    /// Payloads of the keys (see [`Parts::lines`]); 0 for an empty slot.
    pub payloads: [u32; 8],
}

impl Default for Line {
    fn default() -> Line {
        Line { keys: [u32::MAX; 8], payloads: [0; 8] }
    }
}

/// A payload flag: the feature's single weight is in the payload itself.
pub const INLINE: u32 = 1 << 31;

/// Most weights a model can hold (23-bit entry offsets).
pub const MAX_WEIGHTS: usize = 1 << 23;

/// Load factor of the home buckets, in percent.
const LOAD: u64 = 60;

/// The arrays of a run-time model.
#[derive(Clone, Debug, PartialEq)]
pub struct Parts {
    /// Number of classes.
    pub n_classes: usize,
    /// Size of one quantization step in perceptron units.
    pub scale: f32,
    /// Number of stored features.
    pub n_features: usize,
    /// Number of stored weights.
    pub n_weights: usize,
    /// `n_classes` divided by 8, rounded up: the width of a dense row.
    pub stride: usize,
    /// Number of home buckets of the table.
    pub homes: u64,
    /// The table: feature key → payload, which is `INLINE | class << 16 |
    /// weight` for a feature with one weight, `start << 8 | count` for a row
    /// in `packed`, or `start << 8` (count 0, start above 0) for a row in
    /// `dense`. `homes` home buckets, then enough to hold the last keys,
    /// then an empty one.
    pub lines: Vec<Line>,
    /// Entries of mid-length rows: weight in the high 16 bits, class in the low 8.
    pub packed: Vec<u32>,
    /// Long rows, `stride` groups of 8 weights each (zero for absent classes).
    pub dense: Vec<[i16; 8]>,
}

/// The home bucket of a key among `homes` (ascending with the key).
#[inline(always)]
pub fn home(key: u32, homes: u64) -> usize {
    ((key as u64 * homes) >> 32) as usize
}

/// The run-time arrays of a compactly serialised model: `keys` (4 bytes
/// each, strictly ascending), `counts` (weights per key), then per weight
/// its class and its `i16` weight (2 bytes).
pub fn build(n_classes: usize, scale: f32, keys: &[u8], counts: &[u8], classes: &[u8], weights: &[u8]) -> Result<Parts, &'static str> {
    let nw = classes.len();
    if nw >= MAX_WEIGHTS {
        return Err("too many weights (prune the model)");
    }
    if n_classes > 256 || classes.iter().any(|&c| c as usize >= n_classes) || counts.contains(&0) {
        return Err("class out of range");
    }
    if keys.len() != 4 * counts.len() || weights.len() != 2 * nw || counts.iter().map(|&c| c as usize).sum::<usize>() != nw {
        return Err("entry counts do not add up");
    }
    let nk = counts.len();
    let keys: Vec<u32> = keys.chunks_exact(4).map(|k| u32::from_le_bytes([k[0], k[1], k[2], k[3]])).collect();
    if keys.windows(2).any(|k| k[0] >= k[1]) {
        return Err("feature keys are not in ascending order");
    }
    let stride = n_classes.div_ceil(8);
    // dense from one weight per 8 classes: one SIMD add then does the work of 8 scattered ones
    let dense_min = (stride * 5 / 8).max(2);
    let mut packed = huge_vec(nw);
    let dense_rows = counts.iter().filter(|&&n| n as usize >= dense_min).count();
    let mut dense = huge_vec((dense_rows + 1) * stride);
    // a first row of zeros that no feature uses: a dense payload is never 0
    dense.resize(stride, [0i16; 8]);
    let mut entries = Vec::with_capacity(nk);
    let mut st = 0usize;
    for (&k, &n) in keys.iter().zip(counts) {
        let n = n as usize;
        let (cls, ws) = (&classes[st..st + n], &weights[2 * st..2 * (st + n)]);
        st += n;
        let w = |i: usize| i16::from_le_bytes([ws[2 * i], ws[2 * i + 1]]);
        // a dense row must give back the same pairs when written out again
        let exact = || cls.windows(2).all(|p| p[0] < p[1]) && (0..n).all(|i| w(i) != 0);
        let payload = if n == 1 {
            INLINE | (cls[0] as u32) << 16 | w(0) as u16 as u32
        } else if n >= dense_min && dense.len() + stride < MAX_WEIGHTS && exact() {
            let start = dense.len();
            dense.resize(start + stride, [0; 8]);
            for (i, &c) in cls.iter().enumerate() {
                dense[start + c as usize / 8][c as usize % 8] = w(i);
            }
            (start as u32) << 8
        } else {
            let start = packed.len() as u32;
            packed.extend(cls.iter().enumerate().map(|(i, &c)| (w(i) as u16 as u32) << 16 | c as u32));
            start << 8 | n as u32
        };
        entries.push((k, payload));
    }
    let (lines, homes) = table_lines(&entries);
    Ok(Parts { n_classes, scale, n_features: nk, n_weights: nw, stride, homes, lines, packed, dense })
}

/// The table lines of `(key, payload)` pairs with keys in strictly
/// ascending order and nonzero payloads, and the number of home buckets.
///
/// Linear probing over buckets of 8 slots, with the keys in ascending order:
/// a key's home bucket is its top bits scaled to the number of buckets, and
/// keys are placed in key order from their home bucket on, so the table is
/// sorted.
pub fn table_lines(entries: &[(u32, u32)]) -> (Vec<Line>, u64) {
    let homes = (entries.len() as u64 * 100 / LOAD / 8).max(1);
    let mut lines = huge_vec(homes as usize + 1);
    lines.resize(homes as usize + 1, Line::default());
    let mut next = 0; // the first free slot
    for &(key, payload) in entries {
        let p = (8 * home(key, homes)).max(next);
        if p / 8 + 1 >= lines.len() {
            lines.push(Line::default());
        }
        lines[p / 8].keys[p % 8] = key;
        lines[p / 8].payloads[p % 8] = payload;
        next = p + 1;
    }
    (lines, homes)
}

/// The compact model sections of a tagger or parser file, in file order,
/// as byte ranges. Only the framing is read: `build` checks the contents.
pub fn model_sections(file: &[u8]) -> Result<Vec<std::ops::Range<usize>>, &'static str> {
    let mut r = Cursor { data: file, pos: 8 };
    let magic = file.get(..8).ok_or("truncated")?;
    let version = r.u32()?;
    let mut out = Vec::new();
    match magic {
        b"RGTAGGER" => {
            for _ in 0..r.u32()? {
                r.string()?;
                r.string()?;
            }
            let nd = r.u32()? as usize;
            r.skip(nd.checked_mul(10).ok_or("truncated")?)?;
            let na = r.u32()? as usize;
            r.skip(na.checked_mul(12).ok_or("truncated")?)?;
            out.push(r.model()?);
            if r.take(1)?[0] == 1 {
                out.push(r.model()?);
            }
        }
        b"RGPARSER" => {
            for _ in 0..r.u32()? {
                r.string()?;
            }
            if version >= 2 {
                r.skip(16)?;
            }
            out.push(r.model()?);
        }
        _ => return Err("not a tagger or parser file"),
    }
    Ok(out)
}

struct Cursor<'a> {
    data: &'a [u8],
    pos: usize,
}

impl Cursor<'_> {
    fn take(&mut self, n: usize) -> Result<&[u8], &'static str> {
        let end = self.pos.checked_add(n).filter(|&e| e <= self.data.len()).ok_or("truncated")?;
        let s = &self.data[self.pos..end];
        self.pos = end;
        Ok(s)
    }
    fn skip(&mut self, n: usize) -> Result<(), &'static str> {
        self.take(n).map(|_| ())
    }
    fn u32(&mut self) -> Result<u32, &'static str> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
    fn string(&mut self) -> Result<(), &'static str> {
        let n = self.u32()? as usize;
        self.skip(n)
    }
    /// A model section: classes, scale, key count, weight count, then 5 bytes per key and 3 per weight.
    fn model(&mut self) -> Result<std::ops::Range<usize>, &'static str> {
        let start = self.pos;
        self.skip(8)?;
        let nk = self.u32()? as usize;
        let nw = self.u32()? as usize;
        self.skip(nk.checked_mul(5).and_then(|a| nw.checked_mul(3).map(|b| a + b)).ok_or("truncated")?)?;
        Ok(start..self.pos)
    }
}

/// The compact section a model image was built from, in brief: its length
/// and a hash of its first and last 4 KiB (its header, first keys and last
/// weights), so that an image is never used for other bytes. Hashing the
/// whole section would read megabytes at start-up; the image and the bytes
/// come from the same file in the same build, so this only guards mix-ups.
pub fn fingerprint(section: &[u8]) -> u64 {
    const SAMPLE: usize = 4096;
    let head = &section[..section.len().min(SAMPLE)];
    let tail = &section[section.len().saturating_sub(SAMPLE)..];
    // FNV-1a
    let mut h = 0xCBF2_9CE4_8422_2325u64 ^ section.len() as u64;
    for &b in head.iter().chain(tail) {
        h = (h ^ b as u64).wrapping_mul(0x100_0000_01B3);
    }
    h
}

const IMAGE_MAGIC: &[u8; 8] = b"RGIMAGE1";
const HEADER: usize = 80;

/// Serialises `parts`, built from a compact section of fingerprint
/// `source`, as an image: a header, then the lines, packed and dense arrays
/// as little-endian bytes.
pub fn encode(source: u64, p: &Parts) -> Vec<u8> {
    let mut out = Vec::with_capacity(HEADER + p.lines.len() * 64 + p.packed.len() * 4 + p.dense.len() * 16);
    out.extend_from_slice(IMAGE_MAGIC);
    for v in [source, p.n_classes as u64, p.scale.to_bits() as u64, p.n_features as u64, p.n_weights as u64, p.homes, p.lines.len() as u64, p.packed.len() as u64, p.dense.len() as u64] {
        out.extend_from_slice(&v.to_le_bytes());
    }
    for l in &p.lines {
        l.keys.iter().chain(&l.payloads).for_each(|x| out.extend_from_slice(&x.to_le_bytes()));
    }
    p.packed.iter().for_each(|x| out.extend_from_slice(&x.to_le_bytes()));
    p.dense.iter().flatten().for_each(|x| out.extend_from_slice(&x.to_le_bytes()));
    out
}

/// The parts of an image made by [`encode`], and the fingerprint of the
/// section it was built from. The arrays are copied into fresh memory
/// (advised to use huge pages).
pub fn decode(img: &[u8]) -> Result<(u64, Parts), &'static str> {
    if img.len() < HEADER || &img[..8] != IMAGE_MAGIC {
        return Err("not a model image");
    }
    let h = |i: usize| u64::from_le_bytes(img[8 + 8 * i..16 + 8 * i].try_into().unwrap_or([0; 8]));
    let (source, n_classes, scale, nk, nw, homes, nl, np, nd) = (h(0), h(1) as usize, f32::from_bits(h(2) as u32), h(3) as usize, h(4) as usize, h(5), h(6) as usize, h(7) as usize, h(8) as usize);
    let stride = n_classes.div_ceil(8);
    let sizes = [nl.checked_mul(64), np.checked_mul(4), nd.checked_mul(16)];
    let total = sizes.iter().try_fold(HEADER, |a, s| s.and_then(|s| a.checked_add(s))).ok_or("image sizes overflow")?;
    if total != img.len() || n_classes == 0 || n_classes > 256 || homes as usize >= nl || nd % stride.max(1) != 0 {
        return Err("image sizes do not match its header");
    }
    let body = &img[HEADER..];
    let (lb, rest) = body.split_at(nl * 64);
    let (pb, db) = rest.split_at(np * 4);
    let (lines, packed, dense) = (copy_plain::<Line>(lb), copy_plain::<u32>(pb), copy_plain::<[i16; 8]>(db));
    Ok((source, Parts { n_classes, scale, n_features: nk, n_weights: nw, stride, homes, lines, packed, dense }))
}

/// Types of which every bit pattern is a valid value, with no padding.
///
/// # Safety
/// Implement only for such types (integers and arrays or `repr(C)` structs of them).
unsafe trait Plain: Copy {
    /// The value from its little-endian bytes (`size_of::<Self>()` of them).
    fn from_le(b: &[u8]) -> Self;
}

// SAFETY: a u32 has no invalid bit patterns and no padding.
unsafe impl Plain for u32 {
    fn from_le(b: &[u8]) -> u32 {
        u32::from_le_bytes([b[0], b[1], b[2], b[3]])
    }
}

// SAFETY: an array of i16 has no invalid bit patterns and no padding.
unsafe impl Plain for [i16; 8] {
    fn from_le(b: &[u8]) -> [i16; 8] {
        std::array::from_fn(|i| i16::from_le_bytes([b[2 * i], b[2 * i + 1]]))
    }
}

// SAFETY: `Line` is `repr(C)`: 16 u32s filling its 64 bytes, no padding.
unsafe impl Plain for Line {
    fn from_le(b: &[u8]) -> Line {
        Line { keys: std::array::from_fn(|i| <u32 as Plain>::from_le(&b[4 * i..])), payloads: std::array::from_fn(|i| <u32 as Plain>::from_le(&b[32 + 4 * i..])) }
    }
}

/// The values whose little-endian bytes are `bytes` (a whole number of
/// them), in fresh memory advised to use huge pages.
fn copy_plain<T: Plain>(bytes: &[u8]) -> Vec<T> {
    let size = std::mem::size_of::<T>();
    let n = bytes.len() / size;
    let mut v = huge_vec(n);
    if cfg!(target_endian = "little") {
        // SAFETY: `v` has room for `n` values, the source holds exactly
        // `n * size` bytes, and `T: Plain` makes any bytes a valid `T` in
        // this (little-endian) byte order.
        unsafe {
            std::ptr::copy_nonoverlapping(bytes.as_ptr(), v.as_mut_ptr() as *mut u8, n * size);
            v.set_len(n);
        }
    } else {
        v.extend(bytes.chunks_exact(size).map(T::from_le));
    }
    v
}

/// An empty vector with room for `n` items, whose memory the kernel is
/// asked to back with huge pages: the tables are read at random, and with
/// 4 KiB pages most lookups would also miss the TLB.
pub fn huge_vec<T>(n: usize) -> Vec<T> {
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
