//! Averaged perceptron: a sparse trainer and a compact quantized model.
//!
//! Features are 64-bit hashes (see [`super::features`]). During training each
//! feature owns a short list of `(class, weight)` entries, averaged with the
//! usual "weight minus accumulated update times time" trick in exact integer
//! arithmetic. [`Trainer::finish`] averages, prunes small weights, quantizes
//! to `i16` and keys features by 32-bit hashes: the run-time [`Model`] sums
//! integer weights into integer scores.

pub use super::model::Model;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A hasher for keys that are already well-mixed 64-bit hashes.
#[derive(Default, Clone, Copy)]
pub struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8 | b as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }
    fn write_u64(&mut self, v: u64) {
        self.0 = v;
    }
}

/// A `HashMap` keyed by pre-hashed `u64`s.
pub type IdMap<V> = HashMap<u64, V, BuildHasherDefault<IdHasher>>;

#[derive(Clone, Copy, Debug)]
struct Entry {
    class: u16,
    w: i32,
    /// sum of (time of update × delta), for averaging
    u: i64,
}

/// Training-time weights.
#[derive(Default)]
pub struct Trainer {
    n_classes: usize,
    rows: IdMap<Vec<Entry>>,
    /// number of training instances seen (the averaging clock), starts at 1
    time: i64,
}

impl Trainer {
    /// A trainer for `n_classes` classes.
    pub fn new(n_classes: usize) -> Self {
        Trainer { n_classes, rows: IdMap::default(), time: 1 }
    }

    /// Number of classes.
    pub fn n_classes(&self) -> usize {
        self.n_classes
    }

    /// Adds the current weights of `feats` into `scores` (length `n_classes`).
    pub fn score(&self, feats: &[u64], scores: &mut [f32]) {
        scores.iter_mut().for_each(|s| *s = 0.0);
        for f in feats {
            if let Some(row) = self.rows.get(f) {
                for e in row {
                    scores[e.class as usize] += e.w as f32;
                }
            }
        }
    }

    /// Advances the averaging clock by one instance.
    pub fn tick(&mut self) {
        self.time += 1;
    }

    /// Moves weights of `feats` toward `truth` and away from `guess`.
    pub fn update(&mut self, truth: usize, guess: usize, feats: &[u64]) {
        if truth == guess {
            return;
        }
        let t = self.time;
        for &f in feats {
            let row = self.rows.entry(f).or_default();
            for (class, delta) in [(truth as u16, 1i32), (guess as u16, -1i32)] {
                match row.iter_mut().find(|e| e.class == class) {
                    Some(e) => {
                        e.w += delta;
                        e.u += t * delta as i64;
                    }
                    None => row.push(Entry { class, w: delta, u: t * delta as i64 }),
                }
            }
        }
    }

    /// Averages, prunes entries whose averaged weight is below `min_abs`, and
    /// quantizes into a run-time model.
    pub fn finish(&self, min_abs: f32) -> Model {
        let t = self.time as f64;
        let mut avg: Vec<(u32, Vec<(u8, f32)>)> = Vec::new();
        let mut by_key: HashMap<u32, usize> = HashMap::new();
        let mut max_abs = 0f32;
        let mut keys: Vec<&u64> = self.rows.keys().collect();
        keys.sort_unstable(); // deterministic order
        for k in keys {
            let row = &self.rows[k];
            let mut out = Vec::new();
            for e in row {
                let a = (e.w as f64 - e.u as f64 / t) as f32;
                if a.abs() >= min_abs && a != 0.0 {
                    out.push((e.class as u8, a));
                }
            }
            if out.is_empty() {
                continue;
            }
            let key32 = fold32(*k);
            match by_key.get(&key32) {
                Some(&i) => {
                    // 32-bit collision: merge the two features
                    for (c, a) in out {
                        match avg[i].1.iter_mut().find(|x| x.0 == c) {
                            Some(x) => x.1 += a,
                            None => avg[i].1.push((c, a)),
                        }
                    }
                }
                None => {
                    by_key.insert(key32, avg.len());
                    avg.push((key32, out));
                }
            }
        }
        // a model holds at most MAX_WEIGHTS weights: raise the threshold until it fits
        let mut floor = min_abs.max(0.0);
        while avg.iter().map(|r| r.1.len()).sum::<usize>() >= MAX_WEIGHTS {
            floor = (floor * 1.5).max(0.25);
            for r in &mut avg {
                r.1.retain(|x| x.1.abs() >= floor);
            }
            avg.retain(|r| !r.1.is_empty());
        }
        for (_, r) in &avg {
            for &(_, a) in r {
                max_abs = max_abs.max(a.abs());
            }
        }
        let scale = if max_abs > 0.0 { max_abs / 32767.0 } else { 1.0 };
        avg.sort_unstable_by_key(|r| r.0);
        let rows: Vec<(u32, Vec<(u8, i16)>)> = avg
            .into_iter()
            .map(|(k, mut r)| {
                r.sort_unstable_by_key(|x| x.0);
                (k, r.iter().map(|&(c, a)| (c, (a / scale).round() as i16)).filter(|x| x.1 != 0).collect::<Vec<_>>())
            })
            .filter(|r| !r.1.is_empty())
            .collect();
        let mut bytes = Vec::new();
        serialize(self.n_classes, scale, &rows, &mut bytes);
        Model::read(&mut Reader::new(&bytes)).expect("classes and counts are consistent and the size is capped")
    }
}

/// Writes model rows `(key, [(class, weight)])`, sorted by key.
pub(super) fn serialize(n_classes: usize, scale: f32, rows: &[(u32, Vec<(u8, i16)>)], out: &mut Vec<u8>) {
    put_u32(out, n_classes as u32);
    out.extend_from_slice(&scale.to_le_bytes());
    put_u32(out, rows.len() as u32);
    put_u32(out, rows.iter().map(|r| r.1.len()).sum::<usize>() as u32);
    for (k, _) in rows {
        out.extend_from_slice(&k.to_le_bytes());
    }
    out.extend(rows.iter().map(|r| r.1.len() as u8));
    out.extend(rows.iter().flat_map(|r| r.1.iter().map(|e| e.0)));
    for (_, r) in rows {
        for &(_, w) in r {
            out.extend_from_slice(&w.to_le_bytes());
        }
    }
}

/// Most weights a model can hold (23-bit entry offsets).
pub(super) use super::image::MAX_WEIGHTS;

/// Folds a 64-bit feature hash to the 32-bit key stored in models.
#[inline]
pub fn fold32(h: u64) -> u32 {
    let h = h ^ (h >> 29);
    let h = h.wrapping_mul(super::features::AVALANCHE_MUL[0]);
    (h ^ (h >> 32)) as u32
}

/// A model file that cannot be read.
#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    /// The data ends early.
    #[error("model data is truncated")]
    Truncated,
    /// Wrong magic bytes or version.
    #[error("not a relgraph model of this version: {0}")]
    BadHeader(String),
    /// Inconsistent content.
    #[error("model data is corrupt: {0}")]
    Corrupt(&'static str),
}

/// Appends a little-endian `u32`.
pub fn put_u32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

/// Appends a length-prefixed UTF-8 string.
pub fn put_str(out: &mut Vec<u8>, s: &str) {
    put_u32(out, s.len() as u32);
    out.extend_from_slice(s.as_bytes());
}

/// A cursor over model bytes.
pub struct Reader<'a> {
    data: &'a [u8],
    pos: usize,
    /// Prebuilt images of the model sections still to read, each as a
    /// little-endian `u64` length and the image (see `build.rs`).
    images: &'a [u8],
}

impl<'a> Reader<'a> {
    /// A reader at the start of `data`.
    pub fn new(data: &'a [u8]) -> Self {
        Reader { data, pos: 0, images: &[] }
    }

    /// A reader of `data` whose model sections have prebuilt run-time
    /// images in `images`, in file order.
    pub fn with_images(data: &'a [u8], images: &'a [u8]) -> Self {
        Reader { data, pos: 0, images }
    }

    /// The image of the next model section, if one was given.
    pub fn next_image(&mut self) -> Option<&'a [u8]> {
        let n = u64::from_le_bytes(self.images.get(..8)?.try_into().ok()?) as usize;
        let img = self.images.get(8..8usize.checked_add(n)?)?;
        self.images = &self.images[8 + n..];
        Some(img)
    }

    /// The read position.
    pub fn pos(&self) -> usize {
        self.pos
    }

    /// The bytes read since position `start`.
    pub fn since(&self, start: usize) -> &'a [u8] {
        &self.data[start.min(self.pos)..self.pos]
    }
    /// The next `n` bytes.
    pub fn take(&mut self, n: usize) -> Result<&'a [u8], ModelError> {
        let end = self.pos.checked_add(n).ok_or(ModelError::Truncated)?;
        let s = self.data.get(self.pos..end).ok_or(ModelError::Truncated)?;
        self.pos = end;
        Ok(s)
    }
    /// A little-endian `u32`.
    pub fn u32(&mut self) -> Result<u32, ModelError> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
    /// A little-endian `u64`.
    pub fn u64(&mut self) -> Result<u64, ModelError> {
        let b = self.take(8)?;
        let mut a = [0u8; 8];
        a.copy_from_slice(b);
        Ok(u64::from_le_bytes(a))
    }
    /// A length-prefixed string.
    pub fn str(&mut self) -> Result<String, ModelError> {
        let n = self.u32()? as usize;
        String::from_utf8(self.take(n)?.to_vec()).map_err(|_| ModelError::Corrupt("invalid UTF-8"))
    }
    /// Checks the magic bytes and version.
    pub fn header(&mut self, magic: &[u8], version: u32) -> Result<(), ModelError> {
        self.header_in(magic, version..=version).map(|_| ())
    }

    /// Checks the magic bytes and that the format version lies in
    /// `versions`; returns the version.
    pub fn header_in(&mut self, magic: &[u8], versions: std::ops::RangeInclusive<u32>) -> Result<u32, ModelError> {
        let m = self.take(magic.len())?;
        if m != magic {
            return Err(ModelError::BadHeader(format!("magic {:?}", String::from_utf8_lossy(m))));
        }
        let v = self.u32()?;
        if !versions.contains(&v) {
            return Err(ModelError::BadHeader(format!("version {v}, expected {}", versions.end())));
        }
        Ok(v)
    }
}

/// A small deterministic random generator (xorshift64*), for shuffling and exploration.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    /// A float in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
    /// Shuffles a slice (Fisher–Yates).
    pub fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next_u64() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_separable_data_and_round_trips() {
        let mut t = Trainer::new(3);
        let data = [(vec![1u64, 10], 0usize), (vec![2, 10], 1), (vec![3, 10], 2)];
        let mut s = vec![0f32; 3];
        for _ in 0..5 {
            for (f, y) in &data {
                t.score(f, &mut s);
                let g = (0..3).max_by(|&a, &b| s[a].total_cmp(&s[b]).then(b.cmp(&a))).unwrap();
                t.update(*y, g, f);
                t.tick();
            }
        }
        let m = t.finish(0.0);
        let mut bytes = Vec::new();
        m.write(&mut bytes);
        let m2 = Model::read(&mut Reader::new(&bytes)).unwrap();
        let mut si = vec![0i32; 3];
        for (f, y) in &data {
            m2.score(f, &mut si);
            let g = (0..3).max_by_key(|&c| si[c]).unwrap();
            assert_eq!(g, *y);
        }
        assert!(Model::read(&mut Reader::new(&bytes[..bytes.len() - 1])).is_err());
    }
}
