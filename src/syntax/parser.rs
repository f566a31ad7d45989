//! Greedy labelled arc-hybrid dependency parser with an averaged perceptron.
//!
//! Classes are labelled moves: `0` = shift, `1 + 2l` = left with label `l`,
//! `2 + 2l` = right with label `l`. Training follows the dynamic oracle with
//! exploration (Goldberg & Nivre 2013).

use super::features::{templates, Avalanche, Combine, MulRot};
use super::model::{best_capped, Scores, MAX_BATCH, MAX_CLASSES};
use super::perceptron::{put_str, put_u32, Model, ModelError, Reader, Rng, Trainer};
use super::transition::{children_of, Move, State, NONE};

/// The trained parser.
#[derive(Debug, Clone)]
pub struct Parser {
    /// Dependency labels; a label id indexes this.
    pub labels: Vec<String>,
    model: Model,
    /// The feature templates the model was trained with.
    pub templates: Templates,
    /// How the features are hashed.
    pub hash: FeatureHash,
    /// per set of legal move kinds (bit 0 shift, 1 left, 2 right), the
    /// score cap of each class: `i32::MAX` if legal, `i32::MIN` if not
    caps: Vec<Vec<i32>>,
}

/// Per-token inputs to the parser: word hash and tag id.
#[derive(Clone, Copy, Debug, Default)]
pub struct ParseTok {
    /// Lower-case word hash.
    pub word: u64,
    /// Tag class id.
    pub tag: u64,
}

const NO_WORD: u64 = 3;
const NO_TAG: u64 = 0xFFFD;
const ROOT_WORD: u64 = 4;
const ROOT_TAG: u64 = 0xFFFC;
const NO_LABEL: u64 = 0xFFFF;

/// Decodes a class id into a move and label id.
#[inline]
pub fn decode(class: usize) -> (Move, u16) {
    if class == 0 {
        (Move::Shift, 0)
    } else if class % 2 == 1 {
        (Move::Left, ((class - 1) / 2) as u16)
    } else {
        (Move::Right, ((class - 2) / 2) as u16)
    }
}

/// The ids of the feature templates of [`features`], in the order it emits them.
const TEMPLATE_IDS: [u8; 95] = {
    let mut ids = [0u8; 95];
    let mut i = 0;
    while i < 95 {
        ids[i] = if i < 40 { i as u8 } else { i as u8 + 1 };
        i += 1;
    }
    ids
};

/// How a parser model hashes its features: the model must be scored with
/// the scheme it was trained with. The format version of the file says which.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FeatureHash {
    /// [`Avalanche`]: files of format 1 and 2.
    Avalanche,
    /// [`MulRot`], about a third of the instructions: files of format 3, and
    /// every newly trained parser.
    MulRot,
}

/// A set of feature templates, by the ids of [`features`] (0 to 95; 40 is
/// unused). A parser is trained with a set and stores it, so that parsing
/// computes the same features; fewer templates parse faster.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Templates(u128);

impl Templates {
    /// Every template.
    pub const ALL: Templates = {
        let mut m = 0u128;
        let mut i = 0;
        while i < 95 {
            m |= 1 << TEMPLATE_IDS[i];
            i += 1;
        }
        Templates(m)
    };

    /// Every template but `ids`; an id that names no template is an error.
    pub fn without(ids: &[u32]) -> Result<Templates, String> {
        let mut m = Templates::ALL.0;
        for &id in ids {
            if id > 127 || Templates::ALL.0 >> id & 1 == 0 {
                return Err(format!("no feature template {id} (templates are 0 to 95, without 40)"));
            }
            m &= !(1u128 << id);
        }
        Ok(Templates(m))
    }

    /// How many templates the set holds.
    pub fn len(self) -> usize {
        self.0.count_ones() as usize
    }

    /// Whether the set is empty.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The ids not in the set, ascending.
    pub fn dropped(self) -> Vec<u32> {
        TEMPLATE_IDS.iter().map(|&i| i as u32).filter(|&i| self.0 >> i & 1 == 0).collect()
    }
}

/// Fills `out` with the features of a configuration that `templates` holds,
/// hashed by `hash`.
pub fn features(st: &State, toks: &[ParseTok], templates: Templates, hash: FeatureHash, out: &mut Vec<u64>) {
    match hash {
        FeatureHash::Avalanche => all_features::<Avalanche>(st, toks, out),
        FeatureHash::MulRot => all_features::<MulRot>(st, toks, out),
    }
    if templates != Templates::ALL {
        let mut i = 0;
        out.retain(|_| {
            i += 1;
            templates.0 >> TEMPLATE_IDS[i - 1] & 1 == 1
        });
    }
}

/// Fills `out` with the features of every template.
#[inline(always)]
fn all_features<C: Combine>(st: &State, toks: &[ParseTok], out: &mut Vec<u64>) {
    let mix = C::step;
    let n = st.n as u32;
    let w = |i: u32| if i == NONE { NO_WORD } else if i == n { ROOT_WORD } else { toks[i as usize].word };
    let t = |i: u32| if i == NONE { NO_TAG } else if i == n { ROOT_TAG } else { toks[i as usize].tag };
    let lab = |i: u32| if i == NONE { NO_LABEL } else { st.label[i as usize] as u64 };
    let get = |v: &Vec<u32>, i: u32| if i == NONE { NONE } else { v[i as usize] };
    let cnt = |v: &Vec<u8>, i: u32| if i == NONE { 0xFF } else { v[i as usize] as u64 };
    let set = |v: &Vec<u64>, i: u32| if i == NONE { 1 << 63 } else { v[i as usize] };
    let (s0, s1, s2) = (st.s(0), st.s(1), st.s(2));
    let (b0, b1, b2) = (st.bf(0), st.bf(1), st.bf(2));
    let (s0w, s0t, s1w, s1t, b0w, b0t, b1w, b1t) = (w(s0), t(s0), w(s1), t(s1), w(b0), t(b0), w(b1), t(b1));
    let (s0wt, s1wt, b0wt, b1wt) = (mix(s0w, s0t), mix(s1w, s1t), mix(b0w, b0t), mix(b1w, b1t));
    let (s0l1, s0l2, s0r1, s0r2) = (get(&st.l1, s0), get(&st.l2, s0), get(&st.r1, s0), get(&st.r2, s0));
    let (s1l1, s1r1) = (get(&st.l1, s1), get(&st.r1, s1));
    let (b0l1, b0l2) = (get(&st.l1, b0), get(&st.l2, b0));
    let d = if s0 != NONE && b0 != NONE { (b0 - s0).min(6) as u64 } else { 0 };
    let d2 = if s0 != NONE && s1 != NONE { (s0 - s1).min(6) as u64 } else { 0 };
    templates!(C, out;
        f1(0, 0),
        f1(1, s0w),
        f1(2, s0t),
        f1(3, s0wt),
        f1(4, s1w),
        f1(5, s1t),
        f1(6, s1wt),
        f1(7, b0w),
        f1(8, b0t),
        f1(9, b0wt),
        f1(10, b1w),
        f1(11, b1t),
        f1(12, b1wt),
        f1(13, w(b2)),
        f1(14, t(b2)),
        f1(15, t(s2)),
        f2(16, s0wt, b0wt),
        f2(17, s0wt, b0w),
        f2(18, s0w, b0wt),
        f2(19, s0wt, b0t),
        f2(20, s0t, b0wt),
        f2(21, s0w, b0w),
        f2(22, s0t, b0t),
        f2(23, b0t, b1t),
        f2(24, s1t, s0t),
        f2(25, s1w, s0w),
        f2(26, s1t, s0w),
        f2(27, s1w, s0t),
        f3(28, b0t, b1t, t(b2)),
        f3(29, s0t, b0t, b1t),
        f3(30, s1t, s0t, b0t),
        f3(31, t(s2), s1t, s0t),
        f3(32, s0t, t(s0l1), b0t),
        f3(33, s0t, t(s0r1), b0t),
        f3(34, s0t, b0t, t(b0l1)),
        f3(35, s1t, s0t, t(s0r1)),
        f3(36, s1t, t(s1r1), s0t),
        f3(37, s0t, t(s0l1), t(s0l2)),
        f3(38, s0t, t(s0r1), t(s0r2)),
        f3(39, b0t, t(b0l1), t(b0l2)),
        f2(41, s0w, d),
        f2(42, s0t, d),
        f2(43, b0w, d),
        f2(44, b0t, d),
        f3(45, s0w, b0w, d),
        f3(46, s0t, b0t, d),
        f3(47, s1t, s0t, d2),
        f2(48, s0w, cnt(&st.nr, s0)),
        f2(49, s0t, cnt(&st.nr, s0)),
        f2(50, s0w, cnt(&st.nl, s0)),
        f2(51, s0t, cnt(&st.nl, s0)),
        f2(52, b0w, cnt(&st.nl, b0)),
        f2(53, b0t, cnt(&st.nl, b0)),
        f2(54, s1t, cnt(&st.nr, s1)),
        f1(55, w(s0l1)),
        f1(56, t(s0l1)),
        f1(57, lab(s0l1)),
        f1(58, w(s0r1)),
        f1(59, t(s0r1)),
        f1(60, lab(s0r1)),
        f1(61, t(s0l2)),
        f1(62, lab(s0l2)),
        f1(63, t(s0r2)),
        f1(64, lab(s0r2)),
        f1(65, w(b0l1)),
        f1(66, t(b0l1)),
        f1(67, lab(b0l1)),
        f1(68, t(b0l2)),
        f1(69, lab(b0l2)),
        f1(70, t(s1l1)),
        f1(71, lab(s1l1)),
        f1(72, t(s1r1)),
        f1(73, lab(s1r1)),
        f2(74, s0w, set(&st.rset, s0)),
        f2(75, s0t, set(&st.rset, s0)),
        f2(76, s0w, set(&st.lset, s0)),
        f2(77, s0t, set(&st.lset, s0)),
        f2(78, b0w, set(&st.lset, b0)),
        f2(79, b0t, set(&st.lset, b0)),
        f2(80, b0w, b1w),
        f3(81, s0t, lab(s0l1), lab(s0r1)),
        f3(82, s1t, lab(s1l1), lab(s1r1)),
        f3(83, b0t, lab(b0l1), lab(b0l2)),
        f2(84, s1wt, b0wt),
        f3(85, s1t, s0t, b1t),
        f2(86, s0wt, b1wt),
        f2(87, s0w, w(s0r1)),
        f2(88, b0w, w(b0l1)),
        f2(89, s0w, w(s0l1)),
        f2(90, s1w, b0w),
        f3(91, s1t, b0t, b1t),
        f3(92, s0w, lab(s0l1), lab(s0r1)),
        f3(93, b0w, b0t, lab(b0l1)),
        f2(94, s1wt, s0t),
        f2(95, s1t, s0wt),
    );
}

/// Legal classes of a state: `(shift, left, right)`.
#[inline]
fn legal(st: &State) -> [bool; 3] {
    [st.can(Move::Shift), st.can(Move::Left), st.can(Move::Right)]
}

#[inline]
fn kind(class: usize) -> usize {
    if class == 0 {
        0
    } else {
        2 - class % 2
    }
}

impl Parser {
    /// A parser from its labels and a model over `1 + 2 * labels.len()` classes.
    fn new(labels: Vec<String>, templates: Templates, hash: FeatureHash, model: Model) -> Parser {
        let caps = (0..8u8)
            .map(|legal| {
                let mut caps = vec![i32::MIN; model.n_classes()];
                for (c, cap) in caps.iter_mut().enumerate() {
                    if legal >> kind(c) & 1 == 1 {
                        *cap = i32::MAX;
                    }
                }
                caps
            })
            .collect();
        Parser { labels, model, templates, hash, caps }
    }

    /// Parses a sentence; returns heads (`None` for the root word) and label ids.
    pub fn parse(&self, toks: &[ParseTok], st: &mut State, feats: &mut Vec<u64>) -> Vec<(Option<usize>, u16)> {
        let mut out = [Vec::new()];
        self.parse_many(&[toks], std::slice::from_mut(st), std::slice::from_mut(feats), &mut out);
        let [arcs] = out;
        arcs
    }

    /// Parses up to [`MAX_BATCH`] sentences side by side (more go
    /// [`MAX_BATCH`] at a time), each exactly as [`Parser::parse`] would:
    /// the moves of all of them are scored together ([`Model::score_many`]),
    /// so that the memory reads of one overlap those of the others. `states`
    /// and `feats` are scratch space, one per sentence; `out[i]` receives the
    /// arcs of `sents[i]`.
    pub fn parse_many(&self, sents: &[&[ParseTok]], states: &mut [State], feats: &mut [Vec<u64>], out: &mut [Vec<(Option<usize>, u16)>]) {
        let n_classes = self.model.n_classes();
        let mut scores: [Scores; MAX_BATCH] = [[0; MAX_CLASSES]; MAX_BATCH];
        for (((toks, st), fs), arcs) in sents.chunks(MAX_BATCH).zip(states.chunks_mut(MAX_BATCH)).zip(feats.chunks_mut(MAX_BATCH)).zip(out.chunks_mut(MAX_BATCH)) {
            let k = toks.len();
            for (st, t) in st.iter_mut().zip(toks.iter()) {
                st.reset(t.len());
            }
            // the sentences that still need a scored move, and the legal moves of each
            let mut busy = [(0usize, 0usize); MAX_BATCH];
            loop {
                let mut nb = 0;
                for i in 0..k {
                    let st = &mut st[i];
                    while !st.terminal() {
                        let ok = legal(st);
                        if ok == [true, false, false] {
                            st.apply(Move::Shift, 0); // the only move: no need to score
                            continue;
                        }
                        features(st, toks[i], self.templates, self.hash, &mut fs[i]);
                        scores[nb][..n_classes].fill(0);
                        busy[nb] = (i, usize::from(ok[0]) | usize::from(ok[1]) << 1 | usize::from(ok[2]) << 2);
                        nb += 1;
                        break;
                    }
                }
                if nb == 0 {
                    break;
                }
                let batch: [&[u64]; MAX_BATCH] = std::array::from_fn(|j| if j < nb { fs[busy[j].0].as_slice() } else { &[] });
                self.model.score_many(&batch[..nb], &mut scores[..nb]);
                for (j, &(i, legal)) in busy[..nb].iter().enumerate() {
                    match best_capped(&scores[j][..n_classes], &self.caps[legal]) {
                        Some(c) if legal >> kind(c) & 1 == 1 => {
                            let (m, l) = decode(c);
                            st[i].apply(m, l);
                        }
                        // cannot happen: a non-terminal state has a legal move
                        _ => st[i].finish(),
                    }
                }
            }
            for ((st, t), arcs) in st.iter().zip(toks.iter()).zip(arcs.iter_mut()) {
                let n = t.len();
                arcs.clear();
                arcs.extend((0..n).map(|i| {
                    let h = st.head[i] as usize;
                    (if h >= n { None } else { Some(h) }, st.label[i])
                }));
            }
        }
    }

    /// Serialises the parser.
    pub fn write(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(MAGIC);
        // a pruned copy of an older model keeps its format (and so its hashing)
        put_u32(out, if self.hash == FeatureHash::Avalanche { 2 } else { VERSION });
        put_u32(out, self.labels.len() as u32);
        for l in &self.labels {
            put_str(out, l);
        }
        out.extend_from_slice(&self.templates.0.to_le_bytes());
        self.model.write(out);
    }

    /// Reads a parser written by [`Parser::write`].
    pub fn read(data: &[u8]) -> Result<Parser, ModelError> {
        Parser::read_with_images(data, &[])
    }

    /// Reads a file written by [`Parser::write`], taking the run-time arrays
    /// of its models from `images` (built by `build.rs`) where they match.
    pub fn read_with_images(data: &[u8], images: &[u8]) -> Result<Parser, ModelError> {
        let mut r = Reader::with_images(data, images);
        // version 1 files have no template set: they use every template
        let version = r.header_in(MAGIC, 1..=VERSION)?;
        let n = r.u32()? as usize;
        let labels = (0..n).map(|_| r.str()).collect::<Result<Vec<_>, _>>()?;
        let templates = if version >= 2 {
            let m = u128::from_le_bytes(r.take(16)?.try_into().map_err(|_| ModelError::Truncated)?);
            if m & !Templates::ALL.0 != 0 || m == 0 {
                return Err(ModelError::Corrupt("unknown feature templates"));
            }
            Templates(m)
        } else {
            Templates::ALL
        };
        let model = Model::read(&mut r)?;
        if model.n_classes() != 1 + 2 * n {
            return Err(ModelError::Corrupt("class count does not match labels"));
        }
        let hash = if version >= 3 { FeatureHash::MulRot } else { FeatureHash::Avalanche };
        Ok(Parser::new(labels, templates, hash, model))
    }

    /// A copy with small weights dropped (see [`Model::pruned`]).
    pub fn pruned(&self, min_abs: f32) -> Parser {
        Parser::new(self.labels.clone(), self.templates, self.hash, self.model.pruned(min_abs))
    }

    /// The run-time arrays of the model (for checking how it was loaded).
    pub fn model_parts(&self) -> super::image::Parts {
        self.model.to_parts()
    }

    /// Model statistics for reports: (features, weights).
    pub fn stats(&self) -> (usize, usize) {
        (self.model.n_features(), self.model.n_weights())
    }
}

const MAGIC: &[u8] = b"RGPARSER";
/// 1: every template; 2: a stored template set; 3: [`FeatureHash::MulRot`].
const VERSION: u32 = 3;

/// A training sentence for the parser.
pub struct ParseSent {
    /// Words and (predicted) tags.
    pub toks: Vec<ParseTok>,
    /// Gold heads (`n` = root).
    pub heads: Vec<usize>,
    /// Gold label ids.
    pub labels: Vec<u16>,
}

/// Trains a parser with the dynamic oracle; `explore` is the probability of
/// following the model's own (possibly wrong) move from the second iteration on.
#[allow(clippy::too_many_arguments)]
pub fn train(labels: Vec<String>, templates: Templates, sents: &[ParseSent], iterations: usize, seed: u64, explore: f64, min_abs: f32, mut progress: impl FnMut(usize)) -> Parser {
    let n_classes = 1 + 2 * labels.len();
    let mut tr = Trainer::new(n_classes);
    let mut rng = Rng::new(seed);
    let mut order: Vec<usize> = (0..sents.len()).collect();
    let mut st = State::default();
    let mut feats = Vec::with_capacity(96);
    let mut scores = vec![0f32; n_classes];
    let children: Vec<Vec<Vec<u32>>> = sents.iter().map(|s| children_of(&s.heads)).collect();
    for it in 0..iterations {
        rng.shuffle(&mut order);
        for &si in &order {
            let s = &sents[si];
            let n = s.toks.len();
            if n == 0 {
                continue;
            }
            st.reset(n);
            while !st.terminal() {
                features(&st, &s.toks, templates, FeatureHash::MulRot, &mut feats);
                tr.score(&feats, &mut scores);
                let costs = st.costs(&s.heads, &children[si]);
                let min = costs.iter().flatten().copied().min().unwrap_or(0);
                let s0 = st.s(0);
                let correct = |c: usize| -> bool {
                    let k = kind(c);
                    if costs[k] != Some(min) {
                        return false;
                    }
                    let (m, l) = decode(c);
                    match m {
                        Move::Shift => true,
                        Move::Left => s.heads[s0 as usize] != st.b || s.labels[s0 as usize] == l,
                        Move::Right => s.heads[s0 as usize] != st.s(1) as usize || s.labels[s0 as usize] == l,
                    }
                };
                let (mut guess, mut gold) = (usize::MAX, usize::MAX);
                for c in 0..n_classes {
                    if costs[kind(c)].is_none() {
                        continue;
                    }
                    if guess == usize::MAX || scores[c] > scores[guess] {
                        guess = c;
                    }
                    if correct(c) && (gold == usize::MAX || scores[c] > scores[gold]) {
                        gold = c;
                    }
                }
                if guess == usize::MAX || gold == usize::MAX {
                    break;
                }
                let guess_ok = correct(guess);
                if !guess_ok {
                    tr.update(gold, guess, &feats);
                }
                tr.tick();
                let follow = if it > 0 && rng.unit() < explore { guess } else { gold };
                let (m, l) = decode(follow);
                st.apply(m, l);
            }
        }
        progress(it + 1);
    }
    Parser::new(labels, templates, FeatureHash::MulRot, tr.finish(min_abs))
}
