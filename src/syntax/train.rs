//! Training the tagger and parser from CoNLL-U treebanks.
//!
//! Deterministic for a given seed: sentence order is shuffled with a seeded
//! generator, and the jackknifed taggers (which give the parser realistic
//! predicted tags on its training data) are trained with derived seeds.

use super::conllu::ConllSentence;
use super::features::word_feats;
use super::parser::{self, ParseSent, ParseTok, Parser};
use super::tagger::{self, TagClass, TagSent, Tagger};

use crate::doc::Upos;
use crate::text::normalise_quotes;
use rayon::prelude::*;
use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;

/// Training settings.
#[derive(Clone, Debug)]
pub struct Options {
    /// Passes over the data.
    pub iterations: usize,
    /// Random seed.
    pub seed: u64,
    /// Averaged weights smaller than this are dropped.
    pub min_abs: f32,
}

/// The default training files: EWT train plus every GUM file, under `shared`.
pub fn default_files(shared: &std::path::Path) -> anyhow::Result<Vec<PathBuf>> {
    use anyhow::Context;
    let mut files = vec![shared.join("treebanks/en_ewt/train.conllu")];
    let gum = shared.join("treebanks/gum");
    let mut g: Vec<PathBuf> = std::fs::read_dir(&gum)
        .with_context(|| format!("listing {}", gum.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "conllu"))
        .collect();
    g.sort();
    files.extend(g);
    Ok(files)
}

/// Reads and concatenates CoNLL-U files.
pub fn load(files: &[PathBuf]) -> anyhow::Result<Vec<ConllSentence>> {
    let mut out = Vec::new();
    for f in files {
        out.extend(super::conllu::read_file(f)?);
    }
    Ok(out)
}

/// The joint tag classes of a treebank, sorted.
pub fn tag_classes(sents: &[ConllSentence]) -> Vec<TagClass> {
    let set: BTreeSet<(String, String)> =
        sents.iter().flat_map(|s| s.words.iter().map(|w| (w.upos.clone(), w.xpos.clone()))).collect();
    set.into_iter()
        .map(|(u, x)| TagClass { upos: Upos::parse(&u).unwrap_or(Upos::X), xpos: x })
        .collect()
}

fn class_index(classes: &[TagClass]) -> HashMap<(Upos, &str), u16> {
    classes.iter().enumerate().map(|(i, c)| ((c.upos, c.xpos.as_str()), i as u16)).collect()
}

/// Tagger training sentences with gold classes.
pub fn tag_sents(sents: &[ConllSentence], classes: &[TagClass]) -> Vec<TagSent> {
    let idx = class_index(classes);
    let mut scratch = Vec::new();
    sents
        .iter()
        .map(|s| TagSent {
            words: s.words.iter().map(|w| word_feats(&normalise_quotes(&w.form), &mut scratch)).collect(),
            tags: s
                .words
                .iter()
                .map(|w| *idx.get(&(Upos::parse(&w.upos).unwrap_or(Upos::X), w.xpos.as_str())).unwrap_or(&0))
                .collect(),
        })
        .collect()
}

/// Trains the tagger on all of `sents`.
pub fn train_tagger(sents: &[ConllSentence], opts: &Options) -> anyhow::Result<Tagger> {
    let classes = tag_classes(sents);
    anyhow::ensure!(classes.len() <= MAX_CLASSES, "{} tag classes; the model format holds at most {MAX_CLASSES}", classes.len());
    let ts = tag_sents(sents, &classes);
    Ok(tagger::train(classes, &ts, opts.iterations, opts.seed, opts.min_abs, true))
}

/// Most classes a model can have (class ids are stored in one byte).
pub const MAX_CLASSES: usize = 256;

/// Predicted tags (as parser tag hashes) for every training sentence: each
/// of `folds` folds is tagged by a tagger trained on the other folds. With
/// `folds` < 2 the gold tags are used.
pub fn jackknife_tags(sents: &[ConllSentence], opts: &Options, folds: usize) -> Vec<Vec<u64>> {
    let classes = tag_classes(sents);
    let all = tag_sents(sents, &classes);
    let hashes: Vec<u64> = classes.iter().map(tagger::tag_hash).collect();
    if folds < 2 {
        return all.iter().map(|s| s.tags.iter().map(|&c| hashes[c as usize]).collect()).collect();
    }
    let results: Vec<Vec<(usize, Vec<u64>)>> = (0..folds)
        .into_par_iter()
        .map(|k| {
            let train: Vec<TagSent> = all
                .iter()
                .enumerate()
                .filter(|(i, _)| i % folds != k)
                .map(|(_, s)| TagSent { words: s.words.clone(), tags: s.tags.clone() })
                .collect();
            let t = tagger::train(classes.clone(), &train, opts.iterations, opts.seed.wrapping_add(k as u64 + 1), opts.min_abs, true);
            let mut out = Vec::new();
            (0..sents.len())
                .filter(|i| i % folds == k)
                .map(|i| {
                    t.tag(&all[i].words, &mut out);
                    (i, out.iter().map(|&c| t.hashes[c as usize]).collect())
                })
                .collect()
        })
        .collect();
    let mut tags = vec![Vec::new(); sents.len()];
    for (i, v) in results.into_iter().flatten() {
        tags[i] = v;
    }
    tags
}

/// Trains the parser on `sents` with the given per-word tag hashes.
pub fn train_parser(sents: &[ConllSentence], tags: &[Vec<u64>], opts: &Options, explore: f64, templates: parser::Templates, progress: impl FnMut(usize)) -> anyhow::Result<Parser> {
    let labels: Vec<String> =
        sents.iter().flat_map(|s| s.words.iter().map(|w| w.deprel.clone())).collect::<BTreeSet<_>>().into_iter().collect();
    anyhow::ensure!(2 * labels.len() < MAX_CLASSES, "{} dependency labels; the parser holds at most {}", labels.len(), (MAX_CLASSES - 1) / 2);
    anyhow::ensure!(
        tags.len() == sents.len() && sents.iter().zip(tags).all(|(s, t)| s.words.len() == t.len()),
        "predicted tags do not match the training sentences"
    );
    let lidx: HashMap<&str, u16> = labels.iter().enumerate().map(|(i, l)| (l.as_str(), i as u16)).collect();
    let mut scratch = Vec::new();
    let ps: Vec<ParseSent> = sents
        .iter()
        .zip(tags)
        .map(|(s, t)| {
            let n = s.words.len();
            ParseSent {
                toks: s
                    .words
                    .iter()
                    .zip(t)
                    .map(|(w, &tag)| ParseTok { word: word_feats(&normalise_quotes(&w.form), &mut scratch).lower, tag })
                    .collect(),
                heads: s.words.iter().map(|w| if w.head == 0 { n } else { w.head - 1 }).collect(),
                labels: s.words.iter().map(|w| lidx[w.deprel.as_str()]).collect(),
            }
        })
        .collect();
    Ok(parser::train(labels, templates, &ps, opts.iterations, opts.seed, explore, opts.min_abs, progress))
}

/// Derives the lemmatizer files `(rules, exceptions)` from the treebanks.
pub fn derive_lemmas(sents: &[ConllSentence]) -> (String, String) {
    let triples: Vec<(String, String, String)> = sents
        .iter()
        .flat_map(|s| s.words.iter().map(|w| (normalise_quotes(&w.form), w.xpos.clone(), normalise_quotes(&w.lemma))))
        .collect();
    super::lemma::Lemmatizer::derive(triples.iter().map(|(a, b, c)| (a.as_str(), b.as_str(), c.as_str())))
}
