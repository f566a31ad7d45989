//! Averaged-perceptron part-of-speech tagger.
//!
//! Greedy, left to right. Each class is a joint `UPOS XPOS` pair seen in
//! training, so both tags come from one decision. Frequent words that are
//! almost always tagged the same way are looked up in a tag dictionary.

use super::features::{f1, f2, f3, WordFeats, END, START};
use super::perceptron::{put_str, put_u32, IdMap, Model, ModelError, Reader, Rng, Trainer};
use crate::doc::Upos;

/// One tag class: a UPOS and an XPOS.
#[derive(Clone, Debug, PartialEq)]
pub struct TagClass {
    /// Universal tag.
    pub upos: Upos,
    /// Penn tag.
    pub xpos: String,
}

/// The trained tagger.
#[derive(Debug, Clone)]
pub struct Tagger {
    /// Tag classes; a class id indexes this.
    pub classes: Vec<TagClass>,
    /// Per class, the hash the parser sees ([`tag_hash`]).
    pub hashes: Vec<u64>,
    model: Model,
    tagdict: IdMap<u16>,
}

/// Sentinel tag ids for "before the sentence".
const NO_TAG: u64 = 0xFFFF;
const NO_TAG2: u64 = 0xFFFE;

/// The features of word `i` given the two previous tags.
#[inline]
pub fn features(w: &[WordFeats], i: usize, p1: u64, p2: u64, out: &mut Vec<u64>) {
    out.clear();
    let at = |k: isize| -> WordFeats {
        let j = i as isize + k;
        if j < 0 {
            START
        } else if j as usize >= w.len() {
            END
        } else {
            w[j as usize]
        }
    };
    let (c, m1, m2, n1, n2) = (at(0), at(-1), at(-2), at(1), at(2));
    out.extend_from_slice(&[
        f1(0, 0),
        f1(1, c.lower),
        f1(2, c.exact),
        f1(3, c.suf[0]),
        f1(4, c.suf[1]),
        f1(5, c.suf[2]),
        f1(6, c.suf[3]),
        f1(7, c.pre[0]),
        f1(8, c.pre[1]),
        f1(9, c.pre[2]),
        f1(10, c.shape),
        f1(11, c.flags),
        f1(12, p1),
        f2(13, p1, p2),
        f2(14, p1, c.lower),
        f1(15, m1.lower),
        f1(16, m1.suf[2]),
        f1(17, m2.lower),
        f1(18, n1.lower),
        f1(19, n1.suf[2]),
        f1(20, n2.lower),
        f2(21, m1.lower, c.lower),
        f2(22, c.lower, n1.lower),
        f1(23, n1.shape),
        f2(24, p1, c.suf[2]),
        f3(25, p1, c.shape, n1.shape),
        f2(26, c.flags, u64::from(i == 0)),
        f1(27, m1.shape),
        f2(28, c.suf[1], n1.suf[1]),
    ]);
}

impl Tagger {
    /// Tags a sentence: one class id per word.
    pub fn tag(&self, w: &[WordFeats], out: &mut Vec<u16>) {
        out.clear();
        let mut feats = Vec::with_capacity(32);
        let mut scores = vec![0i32; self.classes.len()];
        let (mut p1, mut p2) = (NO_TAG, NO_TAG2);
        for i in 0..w.len() {
            let t = match self.tagdict.get(&w[i].exact) {
                Some(&t) => t,
                None => {
                    features(w, i, p1, p2, &mut feats);
                    self.model.score(&feats, &mut scores);
                    argmax_i(&scores) as u16
                }
            };
            out.push(t);
            p2 = p1;
            p1 = t as u64;
        }
    }

    /// Serialises the tagger.
    pub fn write(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(MAGIC);
        put_u32(out, VERSION);
        put_u32(out, self.classes.len() as u32);
        for c in &self.classes {
            put_str(out, c.upos.as_str());
            put_str(out, &c.xpos);
        }
        let mut d: Vec<_> = self.tagdict.iter().collect();
        d.sort_unstable();
        put_u32(out, d.len() as u32);
        for (k, v) in d {
            out.extend_from_slice(&k.to_le_bytes());
            out.extend_from_slice(&v.to_le_bytes());
        }
        self.model.write(out);
    }

    /// Reads a tagger written by [`Tagger::write`].
    pub fn read(data: &[u8]) -> Result<Tagger, ModelError> {
        let mut r = Reader::new(data);
        r.header(MAGIC, VERSION)?;
        let n = r.u32()? as usize;
        let mut classes = Vec::with_capacity(n);
        for _ in 0..n {
            let u = r.str()?;
            let upos = Upos::parse(&u).ok_or(ModelError::Corrupt("unknown UPOS"))?;
            classes.push(TagClass { upos, xpos: r.str()? });
        }
        let nd = r.u32()? as usize;
        let mut tagdict = IdMap::default();
        tagdict.reserve(nd);
        for _ in 0..nd {
            let k = r.u64()?;
            let b = r.take(2)?;
            let v = u16::from_le_bytes([b[0], b[1]]);
            if v as usize >= n {
                return Err(ModelError::Corrupt("tag dictionary class out of range"));
            }
            tagdict.insert(k, v);
        }
        let model = Model::read(&mut r)?;
        if model.n_classes() != n {
            return Err(ModelError::Corrupt("class count mismatch"));
        }
        Ok(Tagger { hashes: classes.iter().map(tag_hash).collect(), classes, model, tagdict })
    }

    /// Model statistics for reports: (features, weights, dictionary entries).
    pub fn stats(&self) -> (usize, usize, usize) {
        (self.model.n_features(), self.model.n_weights(), self.tagdict.len())
    }
}

/// The parser's feature value for a tag class.
pub fn tag_hash(c: &TagClass) -> u64 {
    super::features::hash_str(&format!("{} {}", c.upos.as_str(), c.xpos))
}

const MAGIC: &[u8] = b"RGTAGGER";
const VERSION: u32 = 1;

/// Index of the highest score (first on ties).
#[inline]
pub fn argmax_i(s: &[i32]) -> usize {
    let mut best = 0;
    for (i, &v) in s.iter().enumerate() {
        if v > s[best] {
            best = i;
        }
    }
    best
}

fn argmax_f(s: &[f32]) -> usize {
    let mut best = 0;
    for (i, &v) in s.iter().enumerate() {
        if v > s[best] {
            best = i;
        }
    }
    best
}

/// A training sentence for the tagger.
pub struct TagSent {
    /// Word hashes.
    pub words: Vec<WordFeats>,
    /// Gold class ids.
    pub tags: Vec<u16>,
}

/// Trains a tagger on `sents` with gold class ids into `classes`.
pub fn train(classes: Vec<TagClass>, sents: &[TagSent], iterations: usize, seed: u64, min_abs: f32) -> Tagger {
    // tag dictionary: frequent, nearly unambiguous exact forms
    let mut counts: IdMap<IdMap<u32>> = IdMap::default();
    for s in sents {
        for (w, &t) in s.words.iter().zip(&s.tags) {
            *counts.entry(w.exact).or_default().entry(t as u64).or_default() += 1;
        }
    }
    let mut tagdict = IdMap::default();
    for (w, m) in &counts {
        let n: u32 = m.values().sum();
        let (best, bn) = m.iter().max_by_key(|(t, c)| (**c, std::cmp::Reverse(**t))).map(|(t, c)| (*t, *c)).unwrap_or((0, 0));
        if n >= 20 && bn as f64 / n as f64 >= 0.99 {
            tagdict.insert(*w, best as u16);
        }
    }
    let mut tr = Trainer::new(classes.len());
    let mut order: Vec<usize> = (0..sents.len()).collect();
    let mut rng = Rng::new(seed);
    let mut feats = Vec::with_capacity(32);
    let mut scores = vec![0f32; classes.len()];
    for _ in 0..iterations {
        rng.shuffle(&mut order);
        for &si in &order {
            let s = &sents[si];
            let (mut p1, mut p2) = (NO_TAG, NO_TAG2);
            for i in 0..s.words.len() {
                let gold = s.tags[i];
                let guess = match tagdict.get(&s.words[i].exact) {
                    Some(&t) => t,
                    None => {
                        features(&s.words, i, p1, p2, &mut feats);
                        tr.score(&feats, &mut scores);
                        let g = argmax_f(&scores) as u16;
                        tr.update(gold as usize, g as usize, &feats);
                        tr.tick();
                        g
                    }
                };
                p2 = p1;
                p1 = guess as u64;
            }
        }
    }
    Tagger { hashes: classes.iter().map(tag_hash).collect(), classes, model: tr.finish(min_abs), tagdict }
}
