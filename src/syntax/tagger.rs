//! Averaged-perceptron part-of-speech tagger.
//!
//! Greedy, left to right. Each class is a joint `UPOS XPOS` pair seen in
//! training, so both tags come from one decision. Frequent words that are
//! almost always tagged the same way are looked up in a tag dictionary.

use super::features::{f1, f2, templates, Avalanche, Combine, WordFeats, END, START};
use super::model::{best_and_second, Scores, MAX_BATCH, MAX_CLASSES};
use super::perceptron::{put_str, put_u32, IdMap, Model, ModelError, Reader, Rng, Trainer};
use crate::doc::Upos;
use rayon::prelude::*;

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
    /// The second pass, which also sees the first pass's tags to the right.
    model2: Option<Model>,
    tagdict: IdMap<u16>,
    /// Ambiguity classes: lower-case word hash → bit set of the UPOS tags it takes.
    amb: IdMap<u32>,
    /// Per XPOS, its classes in class order (see [`Tagger::class_of`]).
    by_xpos: std::collections::HashMap<String, Vec<(Upos, u16)>>,
}

/// Sentinel tag ids for "before the sentence".
const NO_TAG: u64 = 0xFFFF;
const NO_TAG2: u64 = 0xFFFE;

/// The features of word `i` given the two previous tags.
#[inline]
pub fn features(w: &[WordFeats], amb: &[u64], i: usize, p1: u64, p2: u64, out: &mut Vec<u64>) {
    let am = |k: isize| -> u64 {
        let j = i as isize + k;
        if j < 0 || j as usize >= amb.len() {
            (0xA0 + k) as u64
        } else {
            amb[j as usize]
        }
    };
    let (a0, an1, an2, am1) = (am(0), am(1), am(2), am(-1));
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
    templates!(Avalanche, out;
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
        f1(40, a0),
        f1(41, an1),
        f1(42, an2),
        f2(43, p1, a0),
        f2(44, a0, an1),
        f3(45, p1, a0, an1),
        f2(46, c.lower, an1),
        f2(47, am1, a0),
        f2(48, c.suf[2], an1),
    );
}

/// Extra features of the second pass: first-pass tags to the right.
#[inline]
fn right_features(w: &[WordFeats], first: &[u16], i: usize, p1: u64, out: &mut Vec<u64>) {
    let r = |k: usize| first.get(i + k).map_or(0xFFF0 + k as u64, |&t| t as u64);
    let (r1, r2) = (r(1), r(2));
    let c = w[i].lower;
    out.extend_from_slice(&[f1(60, r1), f2(61, r1, r2), f2(62, c, r1), f2(63, p1, r1), f2(64, w[i].suf[2], r1), f1(65, r2)]);
}

/// One sentence's progress through a greedy pass of [`run_pass`].
struct Pass<'a> {
    /// The words.
    w: &'a [WordFeats],
    /// Their ambiguity classes.
    ambs: &'a [u64],
    /// In the second pass: the first pass's tags and margins, and the
    /// margin from which a first-pass tag is kept.
    first: Option<(&'a [u16], &'a [i32], i32)>,
    /// First pass: the margin of each word tagged so far.
    margins: &'a mut Vec<i32>,
    /// The tags so far.
    out: &'a mut Vec<u16>,
    /// The two previous tags.
    p1: u64,
    p2: u64,
}

impl Pass<'_> {
    fn push(&mut self, t: u16) {
        self.out.push(t);
        self.p2 = self.p1;
        self.p1 = t as u64;
    }
}

/// One greedy pass over up to [`MAX_BATCH`] sentences side by side, each
/// tagged exactly as alone: their words are scored together
/// ([`Model::score_many`]), so that the memory reads overlap. In the first
/// pass (`first` is `None`) `margins` receives, per word, the gap between
/// the best and second-best score (`i32::MAX` for dictionary words). In the
/// second pass, words whose first-pass margin is at least `keep` keep their
/// first-pass tag without being scored again.
fn run_pass(model: &Model, tagdict: &IdMap<u16>, sents: &mut [Pass], feats: &mut [Vec<u64>; MAX_BATCH]) {
    for p in sents.iter_mut() {
        p.out.clear();
        if p.first.is_none() {
            p.margins.clear();
        }
        (p.p1, p.p2) = (NO_TAG, NO_TAG2);
    }
    let mut scores: [Scores; MAX_BATCH] = [[0; MAX_CLASSES]; MAX_BATCH];
    let n_classes = model.n_classes();
    loop {
        // the sentences whose next word needs scoring, up to it
        let mut busy = [0usize; MAX_BATCH];
        let mut nb = 0;
        for (j, p) in sents.iter_mut().enumerate().take(MAX_BATCH) {
            while p.out.len() < p.w.len() {
                let i = p.out.len();
                match (tagdict.get(&p.w[i].exact), p.first) {
                    (Some(&t), _) => {
                        if p.first.is_none() {
                            p.margins.push(i32::MAX);
                        }
                        p.push(t);
                    }
                    (None, Some((f, m, keep))) if m[i] >= keep => p.push(f[i]),
                    (None, _) => {
                        features(p.w, p.ambs, i, p.p1, p.p2, &mut feats[nb]);
                        if let Some((f, _, _)) = p.first {
                            right_features(p.w, f, i, p.p1, &mut feats[nb]);
                        }
                        scores[nb][..n_classes].fill(0);
                        busy[nb] = j;
                        nb += 1;
                        break;
                    }
                }
            }
        }
        if nb == 0 {
            break;
        }
        let batch: [&[u64]; MAX_BATCH] = std::array::from_fn(|k| feats[k].as_slice());
        model.score_many(&batch[..nb], &mut scores[..nb]);
        for (k, &j) in busy[..nb].iter().enumerate() {
            let p = &mut sents[j];
            let (best, second) = best_and_second(&scores[k][..n_classes]).unwrap_or((0, i32::MIN));
            if p.first.is_none() {
                p.margins.push(scores[k][best].saturating_sub(second));
            }
            p.push(best as u16);
        }
    }
}

impl Tagger {
    fn new(classes: Vec<TagClass>, model: Model, model2: Option<Model>, tagdict: IdMap<u16>, amb: IdMap<u32>) -> Tagger {
        let mut by_xpos: std::collections::HashMap<String, Vec<(Upos, u16)>> = Default::default();
        for (i, c) in classes.iter().enumerate() {
            by_xpos.entry(c.xpos.clone()).or_default().push((c.upos, i as u16));
        }
        Tagger { hashes: classes.iter().map(tag_hash).collect(), classes, model, model2, tagdict, amb, by_xpos }
    }

    /// The class of a UPOS and XPOS pair: the first class with both, else
    /// the first with the XPOS, else class 0.
    pub fn class_of(&self, upos: Upos, xpos: &str) -> usize {
        self.by_xpos.get(xpos).map_or(0, |v| v.iter().find(|x| x.0 == upos).unwrap_or(&v[0]).1 as usize)
    }

    /// Tags a sentence: one class id per word.
    pub fn tag(&self, w: &[WordFeats], out: &mut Vec<u16>) {
        self.tag_many(&[w], std::slice::from_mut(out));
    }

    /// Tags several sentences, [`MAX_BATCH`] at a time side by side (each
    /// greedy pass steps through them together): `outs[i]` receives the class ids of `sents[i]`, the
    /// same as [`Tagger::tag`] gives.
    pub fn tag_many(&self, sents: &[&[WordFeats]], outs: &mut [Vec<u16>]) {
        let mut feats: [Vec<u64>; MAX_BATCH] = Default::default();
        for (ws, outs) in sents.chunks(MAX_BATCH).zip(outs.chunks_mut(MAX_BATCH)) {
            let ambs: Vec<Vec<u64>> = ws.iter().map(|w| w.iter().map(|x| amb_of(&self.amb, x)).collect()).collect();
            let mut margins: Vec<Vec<i32>> = ws.iter().map(|w| Vec::with_capacity(w.len())).collect();
            let mut passes: Vec<Pass> = ws
                .iter()
                .zip(&ambs)
                .zip(margins.iter_mut())
                .zip(outs.iter_mut())
                .map(|(((w, ambs), margins), out)| Pass { w, ambs, first: None, margins, out, p1: NO_TAG, p2: NO_TAG2 })
                .collect();
            run_pass(&self.model, &self.tagdict, &mut passes, &mut feats);
            if let Some(m2) = &self.model2 {
                let firsts: Vec<Vec<u16>> = outs.iter_mut().map(std::mem::take).collect();
                let keep = (KEEP_MARGIN / self.model.scale()) as i32;
                let mut unused: Vec<Vec<i32>> = vec![Vec::new(); ws.len()];
                let mut passes: Vec<Pass> = ws
                    .iter()
                    .zip(&ambs)
                    .zip(firsts.iter().zip(&margins))
                    .zip(unused.iter_mut().zip(outs.iter_mut()))
                    .map(|(((w, ambs), (f, m)), (margins, out))| Pass { w, ambs, first: Some((f, m, keep)), margins, out, p1: NO_TAG, p2: NO_TAG2 })
                    .collect();
                run_pass(m2, &self.tagdict, &mut passes, &mut feats);
            }
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
        let mut a: Vec<_> = self.amb.iter().collect();
        a.sort_unstable();
        put_u32(out, a.len() as u32);
        for (k, v) in a {
            out.extend_from_slice(&k.to_le_bytes());
            out.extend_from_slice(&v.to_le_bytes());
        }
        self.model.write(out);
        out.push(u8::from(self.model2.is_some()));
        if let Some(m) = &self.model2 {
            m.write(out);
        }
    }

    /// Reads a tagger written by [`Tagger::write`].
    pub fn read(data: &[u8]) -> Result<Tagger, ModelError> {
        Tagger::read_with_images(data, &[])
    }

    /// Reads a file written by [`Tagger::write`], taking the run-time arrays
    /// of its models from `images` (built by `build.rs`) where they match.
    pub fn read_with_images(data: &[u8], images: &[u8]) -> Result<Tagger, ModelError> {
        let mut r = Reader::with_images(data, images);
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
        let na = r.u32()? as usize;
        let mut amb = IdMap::default();
        amb.reserve(na);
        for _ in 0..na {
            let k = r.u64()?;
            let v = r.u32()?;
            amb.insert(k, v);
        }
        let model = Model::read(&mut r)?;
        let model2 = if r.take(1)?[0] == 1 { Some(Model::read(&mut r)?) } else { None };
        if model.n_classes() != n || model2.as_ref().is_some_and(|m| m.n_classes() != n) {
            return Err(ModelError::Corrupt("class count mismatch"));
        }
        Ok(Tagger::new(classes, model, model2, tagdict, amb))
    }

    /// A copy with small weights dropped (see [`Model::pruned`]).
    pub fn pruned(&self, min_abs: f32) -> Tagger {
        let mut t = self.clone();
        t.model = self.model.pruned(min_abs);
        t.model2 = self.model2.as_ref().map(|m| m.pruned(min_abs));
        t
    }

    /// Model statistics for reports: (features, weights, dictionary entries).
    pub fn stats(&self) -> (usize, usize, usize) {
        let m2 = self.model2.as_ref().map_or((0, 0), |m| (m.n_features(), m.n_weights()));
        (self.model.n_features() + m2.0, self.model.n_weights() + m2.1, self.tagdict.len())
    }
}

/// The parser's feature value for a tag class.
pub fn tag_hash(c: &TagClass) -> u64 {
    super::features::hash_str(&format!("{} {}", c.upos.as_str(), c.xpos))
}

const MAGIC: &[u8] = b"RGTAGGER";
const VERSION: u32 = 3;

/// First-pass score margin (perceptron units) above which the second pass
/// keeps the first-pass tag: saves a third of the tagger's lookups at no
/// measurable cost in accuracy (EWT dev UPOS 95.19 → 95.14, test 95.53 → 95.55).
const KEEP_MARGIN: f32 = 10.0;

/// Minimum frequency of a word for its ambiguity class to be stored.
const AMB_MIN_COUNT: u32 = 5;

#[inline]
fn amb_of(amb: &IdMap<u32>, w: &WordFeats) -> u64 {
    amb.get(&w.lower).map_or(0xFFFF_FFFF, |&a| a as u64)
}

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
/// With `two_pass`, a second model also sees the first pass's tags to the right
/// (trained on jackknifed first-pass tags).
pub fn train(classes: Vec<TagClass>, sents: &[TagSent], iterations: usize, seed: u64, min_abs: f32, two_pass: bool) -> Tagger {
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
    // ambiguity classes of frequent words: the UPOS tags with at least 5% of their uses
    let mut lc: IdMap<[u32; 17]> = IdMap::default();
    for s in sents {
        for (w, &t) in s.words.iter().zip(&s.tags) {
            let u = Upos::ALL.iter().position(|&x| x == classes[t as usize].upos).unwrap_or(16);
            lc.entry(w.lower).or_insert([0; 17])[u] += 1;
        }
    }
    let mut amb = IdMap::default();
    for (w, c) in &lc {
        let n: u32 = c.iter().sum();
        if n >= AMB_MIN_COUNT {
            let mask = c.iter().enumerate().filter(|(_, &k)| k * 20 >= n).fold(0u32, |m, (i, _)| m | 1 << i);
            amb.insert(*w, mask);
        }
    }
    let n = classes.len();
    let model = train_pass(n, sents, &tagdict, &amb, None, iterations, seed, min_abs);
    let model2 = if two_pass {
        // first-pass tags of each fold from a model trained on the other folds
        let folds = 4;
        let parts: Vec<Vec<(usize, Vec<u16>)>> = (0..folds)
            .into_par_iter()
            .map(|k| {
                let train: Vec<&TagSent> = sents.iter().enumerate().filter(|(i, _)| i % folds != k).map(|x| x.1).collect();
                let m = train_pass(n, &train, &tagdict, &amb, None, iterations, seed.wrapping_add(100 + k as u64), min_abs);
                let (mut out, mut margins, mut feats) = (Vec::new(), Vec::new(), Default::default());
                (0..sents.len())
                    .filter(|i| i % folds == k)
                    .map(|i| {
                        let (w, ambs) = (&sents[i].words, sents[i].words.iter().map(|x| amb_of(&amb, x)).collect::<Vec<u64>>());
                        let mut pass = [Pass { w, ambs: &ambs, first: None, margins: &mut margins, out: &mut out, p1: NO_TAG, p2: NO_TAG2 }];
                        run_pass(&m, &tagdict, &mut pass, &mut feats);
                        (i, out.clone())
                    })
                    .collect()
            })
            .collect();
        let mut first = vec![Vec::new(); sents.len()];
        for (i, v) in parts.into_iter().flatten() {
            first[i] = v;
        }
        Some(train_pass(n, sents, &tagdict, &amb, Some(&first), iterations, seed.wrapping_add(7), min_abs))
    } else {
        None
    };
    Tagger::new(classes, model, model2, tagdict, amb)
}

#[allow(clippy::too_many_arguments)]
fn train_pass<S: std::borrow::Borrow<TagSent>>(
    n_classes: usize,
    sents: &[S],
    tagdict: &IdMap<u16>,
    amb: &IdMap<u32>,
    first: Option<&[Vec<u16>]>,
    iterations: usize,
    seed: u64,
    min_abs: f32,
) -> Model {
    let mut tr = Trainer::new(n_classes);
    let mut order: Vec<usize> = (0..sents.len()).collect();
    let mut rng = Rng::new(seed);
    let mut feats = Vec::with_capacity(48);
    let mut scores = vec![0f32; n_classes];
    for _ in 0..iterations {
        rng.shuffle(&mut order);
        for &si in &order {
            let s = sents[si].borrow();
            let (mut p1, mut p2) = (NO_TAG, NO_TAG2);
            let ambs: Vec<u64> = s.words.iter().map(|x| amb_of(amb, x)).collect();
            for i in 0..s.words.len() {
                let gold = s.tags[i];
                let guess = match tagdict.get(&s.words[i].exact) {
                    Some(&t) => t,
                    None => {
                        features(&s.words, &ambs, i, p1, p2, &mut feats);
                        if let Some(f) = first {
                            right_features(&s.words, &f[si], i, p1, &mut feats);
                        }
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
    tr.finish(min_abs)
}
