//! Training the entity-type classifier on GUM's entity annotation.
//!
//! GUM's CoNLL-U files mark entity mentions in the MISC column:
//! `Entity=(ID-TYPE-...` opens a mention, `ID)` closes it, `(ID-TYPE-...)`
//! is a mention of one token; several may open or close on one token.
//! Mentions whose head is a proper noun are names; each becomes one
//! training instance: the run of capitalised words around the head (the
//! span the name finder of `names.rs` would see), with its gold class.
//!
//! Training is deterministic for a seed; held-out accuracy is measured by
//! k-fold cross-validation over documents.

use super::classifier::{cue_window, doc_cues, features, EntityClass, EntityClassifier};
use super::Lexicon;
use crate::doc::{Span, Token};
use crate::syntax::conllu::{upos_of, ConlluError};
use crate::syntax::perceptron::{Rng, Trainer};
use std::path::{Path, PathBuf};

/// One sentence of a GUM document: gold tokens (tags, lemmas, parse) and
/// the entity mentions that lie in it.
#[derive(Clone, Debug, Default)]
pub struct GumSentence {
    /// Tokens with gold UPOS, XPOS, lemma, head and relation.
    pub tokens: Vec<Token>,
    /// Entity mentions: first token, last token (inclusive), GUM type.
    pub entities: Vec<(usize, usize, String)>,
}

/// A training instance: a name in a sentence and its gold class.
#[derive(Clone, Debug)]
pub struct Instance {
    /// Index of the document it comes from (for folds).
    pub doc: usize,
    /// The name's words.
    pub text: String,
    /// Features ([`features`]).
    pub feats: Vec<u64>,
    /// Gold class.
    pub class: EntityClass,
}

/// Training settings.
#[derive(Clone, Debug)]
pub struct TrainOptions {
    /// Passes over the data.
    pub iterations: usize,
    /// Seed of the shuffles.
    pub seed: u64,
    /// Averaged weights below this are dropped.
    pub min_abs: f32,
    /// Folds of the held-out evaluation (0 or 1: none).
    pub folds: usize,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions { iterations: 10, seed: 1, min_abs: 0.5, folds: 5 }
    }
}

/// Held-out results: a confusion matrix `[gold][predicted]`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Report {
    /// Counts by gold class (rows) and predicted class (columns).
    pub confusion: [[usize; 4]; 4],
}

impl Report {
    /// Number of instances.
    pub fn total(&self) -> usize {
        self.confusion.iter().flatten().sum()
    }

    /// Fraction classified correctly (0 when empty).
    pub fn accuracy(&self) -> f64 {
        let right: usize = (0..4).map(|i| self.confusion[i][i]).sum();
        right as f64 / self.total().max(1) as f64
    }

    /// Precision, recall and F1 of one class.
    pub fn prf(&self, c: EntityClass) -> (f64, f64, f64) {
        let i = c.id();
        let tp = self.confusion[i][i] as f64;
        let pred: usize = (0..4).map(|g| self.confusion[g][i]).sum();
        let gold: usize = self.confusion[i].iter().sum();
        let p = tp / (pred.max(1) as f64);
        let r = tp / (gold.max(1) as f64);
        (p, r, if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 })
    }

    /// A printable table: accuracy, per-class P/R/F1 and the confusion matrix.
    pub fn table(&self) -> String {
        let mut s = format!("accuracy {:.3} on {} held-out names\n", self.accuracy(), self.total());
        s.push_str("class           P      R     F1   gold  | predicted: person org event other\n");
        for c in EntityClass::ALL {
            let (p, r, f) = self.prf(c);
            let row = &self.confusion[c.id()];
            s.push_str(&format!(
                "{:<12} {:.3}  {:.3}  {:.3}  {:>5}  | {:>5} {:>5} {:>5} {:>5}\n",
                c.name(),
                p,
                r,
                f,
                row.iter().sum::<usize>(),
                row[0],
                row[1],
                row[2],
                row[3]
            ));
        }
        s
    }
}

/// Parses GUM CoNLL-U text with its entity annotation; `file` names the
/// source in error messages.
pub fn read_gum(file: &str, text: &str) -> Result<Vec<GumSentence>, ConlluError> {
    let err = |line: usize, message: String| ConlluError { file: file.to_string(), line, message };
    let mut out = Vec::new();
    let mut cur = GumSentence::default();
    // open mentions: (id, first token, type)
    let mut open: Vec<(String, usize, String)> = Vec::new();
    let mut pos = 0;
    for (i, raw) in text.lines().enumerate() {
        let ln = i + 1;
        let line = raw.trim_end_matches('\r');
        if line.trim().is_empty() {
            if !cur.tokens.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        let c: Vec<&str> = line.split('\t').collect();
        if c.len() != 10 {
            return Err(err(ln, format!("expected 10 tab-separated columns, found {}", c.len())));
        }
        if c[0].contains('-') || c[0].contains('.') {
            continue;
        }
        let k = cur.tokens.len();
        let head = match c[6] {
            "_" | "0" => None,
            h => Some(h.parse::<usize>().map_err(|_| err(ln, format!("bad head '{h}'")))? - 1),
        };
        let form = crate::text::normalise_quotes(c[1]);
        let span = Span::new(pos, pos + form.len());
        pos = span.end + 1;
        cur.tokens.push(Token { span, form, upos: upos_of(c[3]), xpos: c[4].to_string(), lemma: c[2].to_string(), head, deprel: c[7].to_string(), space_after: true });
        let Some(ent) = c[9].split('|').find_map(|m| m.strip_prefix("Entity=")) else { continue };
        for item in entity_items(ent) {
            match item {
                Item::Single(ty) => cur.entities.push((k, k, ty)),
                Item::Open(id, ty) => open.push((id, k, ty)),
                Item::Close(id) => {
                    let Some(j) = open.iter().rposition(|o| o.0 == id) else {
                        return Err(err(ln, format!("entity {id} closed but never opened")));
                    };
                    let (_, first, ty) = open.remove(j);
                    // a mention never crosses a sentence boundary in GUM; be safe if it does
                    cur.entities.push((first.min(k), k, ty));
                }
            }
        }
    }
    if !cur.tokens.is_empty() {
        out.push(cur);
    }
    for s in &mut out {
        let n = s.tokens.len();
        if s.tokens.iter().any(|t| t.head.is_some_and(|h| h >= n)) {
            return Err(err(0, "a head is out of range".into()));
        }
    }
    Ok(out)
}

enum Item {
    Single(String),
    Open(String, String),
    Close(String),
}

/// The opening and closing brackets of one `Entity=` value, in order.
fn entity_items(v: &str) -> Vec<Item> {
    let mut out = Vec::new();
    let b = v.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'(' {
            let j = (i + 1..b.len()).find(|&j| b[j] == b'(' || b[j] == b')').unwrap_or(b.len());
            let body = &v[i + 1..j];
            let mut parts = body.split('-');
            let (id, ty) = (parts.next().unwrap_or("").to_string(), parts.next().unwrap_or("").to_string());
            if j < b.len() && b[j] == b')' {
                out.push(Item::Single(ty));
                i = j + 1;
            } else {
                out.push(Item::Open(id, ty));
                i = j;
            }
        } else if b[i].is_ascii_digit() {
            let j = (i..b.len()).find(|&j| !b[j].is_ascii_digit()).unwrap_or(b.len());
            out.push(Item::Close(v[i..j].to_string()));
            i = j + 1;
        } else {
            i += 1;
        }
    }
    out
}

fn is_cap(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// The name of an entity mention `first..=last`, as the name finder would
/// cut it: the run of capitalised words (with inner connectors) around the
/// mention's head, without a leading determiner or title. `None` when the
/// head is no proper noun.
pub fn name_span(lex: &Lexicon, toks: &[Token], first: usize, last: usize) -> Option<(usize, usize)> {
    let h = (first..=last).find(|&k| toks[k].head.is_none_or(|g| g < first || g > last))?;
    if toks[h].upos != crate::doc::Upos::Propn {
        return None;
    }
    let namey = |k: usize| is_cap(&toks[k].form) || toks[k].upos == crate::doc::Upos::Propn;
    // the words `names.rs` lets join two capitalised parts of one name
    let joiner = |k: usize| matches!(toks[k].form.as_str(), "of" | "&" | "-" | "de" | "van" | "von" | "der" | "den" | "bin" | "ibn" | "al" | "la" | "le" | "du" | "da" | "di" | "del" | "dos");
    let mut a = h;
    while a > first && (namey(a - 1) || (a >= first + 2 && joiner(a - 1) && namey(a - 2))) {
        a -= 1;
    }
    let mut b = h;
    while b < last && (namey(b + 1) || (b + 2 <= last && joiner(b + 1) && namey(b + 2))) {
        b += 1;
    }
    while a < b && (toks[a].form.eq_ignore_ascii_case("the") || lex.titles.contains_key(&toks[a].form.trim_end_matches('.').to_lowercase())) {
        a += 1;
    }
    Some((a, b))
}

/// The name instances of one document.
pub fn instances(lex: &Lexicon, doc: usize, sents: &[GumSentence]) -> Vec<Instance> {
    let mut out = Vec::new();
    for (si, s) in sents.iter().enumerate() {
        let window = &sents[cue_window(si, sents.len())];
        // the smallest mention decides a name that several mentions share
        let mut ents: Vec<&(usize, usize, String)> = s.entities.iter().collect();
        ents.sort_by_key(|e| (e.1 - e.0, e.0));
        let mut seen = std::collections::HashSet::new();
        for (first, last, ty) in ents {
            let Some((a, b)) = name_span(lex, &s.tokens, *first, *last) else { continue };
            if !seen.insert((a, b)) {
                continue;
            }
            let cues = doc_cues(lex, window.iter().map(|w| w.tokens.as_slice()), &s.tokens[b].form);
            let mut feats = Vec::new();
            features(lex, &s.tokens, a, b, cues, &mut feats);
            let text = s.tokens[a..=b].iter().map(|t| t.form.as_str()).collect::<Vec<_>>().join(" ");
            // GUM types groups of people ("Americans") as persons; the graph's persons are individuals
            let plural = matches!(s.tokens[b].xpos.as_str(), "NNPS" | "NNS");
            let class = match EntityClass::from_gum(ty) {
                EntityClass::Person if plural => EntityClass::Other,
                c => c,
            };
            out.push(Instance { doc, text, feats, class });
        }
    }
    out
}

/// The GUM `.conllu` files of a directory, sorted by name.
pub fn gum_files(dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    use anyhow::Context;
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("listing {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "conllu"))
        .collect();
    files.sort();
    Ok(files)
}

/// Reads the files and returns the instances of every document (document
/// index: position in `files`).
pub fn load_instances(lex: &Lexicon, files: &[PathBuf]) -> anyhow::Result<Vec<Instance>> {
    use anyhow::Context;
    let mut out = Vec::new();
    for (d, f) in files.iter().enumerate() {
        let text = std::fs::read_to_string(f).with_context(|| format!("reading {}", f.display()))?;
        let sents = read_gum(&f.display().to_string(), &text)?;
        out.extend(instances(lex, d, &sents));
    }
    Ok(out)
}

/// Trains a classifier on the instances.
pub fn train(data: &[Instance], opts: &TrainOptions) -> EntityClassifier {
    let mut t = Trainer::new(EntityClass::ALL.len());
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut rng = Rng::new(opts.seed);
    let mut scores = [0f32; 4];
    for _ in 0..opts.iterations {
        rng.shuffle(&mut order);
        for &i in &order {
            let x = &data[i];
            t.score(&x.feats, &mut scores);
            let guess = super::classifier::prediction(&scores).class;
            t.update(x.class.id(), guess.id(), &x.feats);
            t.tick();
        }
    }
    let model = t.finish(opts.min_abs);
    EntityClassifier::new(model).expect("the trainer has 4 classes")
}

/// Held-out evaluation: documents are split into `folds` folds (document
/// `d` in fold `d % folds`); each fold is classified by a model trained on
/// the others.
pub fn cross_validate(data: &[Instance], opts: &TrainOptions) -> Report {
    let mut r = Report::default();
    let k = opts.folds.max(2);
    for fold in 0..k {
        let train_set: Vec<Instance> = data.iter().filter(|x| x.doc % k != fold).cloned().collect();
        if train_set.is_empty() {
            continue;
        }
        let m = train(&train_set, opts);
        let trace = std::env::var_os("RELGRAPH_TRACE").is_some();
        for x in data.iter().filter(|x| x.doc % k == fold) {
            let p = m.classify_features(&x.feats);
            r.confusion[x.class.id()][p.class.id()] += 1;
            if trace && p.class != x.class {
                eprintln!("held-out error: {:?} gold {} predicted {} (margin {:.1})", x.text, x.class.name(), p.class.name(), p.margin);
            }
        }
    }
    r
}
