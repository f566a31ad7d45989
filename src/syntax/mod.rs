//! Syntax: part-of-speech tags, lemmas and a labelled dependency parse.
//!
//! Fills `upos`, `xpos`, `lemma`, `head` and `deprel` of every [`Token`] of a
//! [`Sentence`] with three small models:
//! - [`tagger`]: a greedy averaged-perceptron tagger over joint UPOS/XPOS classes,
//! - [`lemma`]: suffix rules plus an exception table (text files in `data/lexicons/`),
//! - [`parser`]: a greedy labelled arc-hybrid parser (averaged perceptron,
//!   trained with a dynamic oracle).
//!
//! The models live in `data/models/` in a compact binary format (see
//! [`perceptron::Model`]) and are compiled into the binary. Retrain them with
//! `cargo run --release -- train all` (see `data/README.md`).

pub mod conllu;
pub mod eval;
pub mod features;
pub mod image;
pub mod lemma;
pub mod model;
pub mod parser;
pub mod perceptron;
pub mod table;
pub mod tagger;
pub mod train;
pub mod transition;

use crate::doc::{Sentence, Token};
use features::{word_feats, WordFeats};
use parser::{ParseTok, Parser};
use std::cell::RefCell;
use tagger::Tagger;

/// The embedded tagger model bytes (empty when not trained yet).
pub static TAGGER_BYTES: &[u8] = include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/models/tagger.bin"));
/// The embedded parser model bytes (empty when not trained yet).
pub static PARSER_BYTES: &[u8] = include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/models/parser.bin"));

/// Prebuilt run-time images of the embedded tagger's models (see `build.rs`).
static TAGGER_IMAGES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/tagger.images"));
/// Prebuilt run-time images of the embedded parser's model.
static PARSER_IMAGES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/parser.images"));

/// The trained tagger, lemmatizer and parser.
#[derive(Debug, Clone)]
pub struct Models {
    /// Part-of-speech tagger.
    pub tagger: Tagger,
    /// Dependency parser.
    pub parser: Parser,
    /// Lemmatizer.
    pub lemmatizer: lemma::Lemmatizer,
}

/// Reusable buffers for one thread.
#[derive(Default)]
struct Scratch {
    chars: Vec<char>,
    words: Vec<WordFeats>,
    tags: Vec<u16>,
    toks: Vec<ParseTok>,
    state: transition::State,
    feats: Vec<u64>,
    /// per sentence of a batch: word features and tags, parser inputs,
    /// states, features and arcs
    batch_words: [Vec<WordFeats>; model::MAX_BATCH],
    batch_tags: [Vec<u16>; model::MAX_BATCH],
    batch_toks: [Vec<ParseTok>; model::MAX_BATCH],
    states: [transition::State; model::MAX_BATCH],
    batch_feats: [Vec<u64>; model::MAX_BATCH],
    arcs: [Vec<(Option<usize>, u16)>; model::MAX_BATCH],
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

impl Models {
    /// The models compiled into the binary, if any.
    pub fn load_embedded() -> Option<Models> {
        // the parser is the larger: it loads on a second thread meanwhile
        let (tagger, parser) = std::thread::scope(|s| {
            let parser = s.spawn(|| Parser::read_with_images(PARSER_BYTES, PARSER_IMAGES));
            (Tagger::read_with_images(TAGGER_BYTES, TAGGER_IMAGES), parser.join())
        });
        Some(Models { tagger: tagger.ok()?, parser: parser.ok()?.ok()?, lemmatizer: lemma::Lemmatizer::embedded().ok()? })
    }

    /// Models from serialised tagger and parser bytes, with the embedded lemmatizer.
    pub fn from_bytes(tagger: &[u8], parser: &[u8]) -> anyhow::Result<Models> {
        use anyhow::Context;
        Ok(Models {
            tagger: Tagger::read(tagger).context("reading the tagger model")?,
            parser: Parser::read(parser).context("reading the parser model")?,
            lemmatizer: lemma::Lemmatizer::embedded()?,
        })
    }

    /// Models read from `DIR/tagger.bin` and `DIR/parser.bin`.
    pub fn load_dir(dir: &std::path::Path) -> anyhow::Result<Models> {
        use anyhow::Context;
        let t = std::fs::read(dir.join("tagger.bin")).with_context(|| format!("reading {}/tagger.bin", dir.display()))?;
        let p = std::fs::read(dir.join("parser.bin")).with_context(|| format!("reading {}/parser.bin", dir.display()))?;
        Models::from_bytes(&t, &p)
    }

    /// Tags, lemmatizes and parses one sentence in place.
    pub fn analyze(&self, sentence: &mut Sentence) {
        self.analyze_opts(sentence, true);
    }

    /// [`Models::analyze`] for each sentence, several at a time
    /// ([`Models::tag_all`], then [`Models::parse_tagged_all`] with the tags
    /// as the tagger gave them): the same analysis, faster.
    pub fn analyze_all(&self, sentences: &mut [Sentence]) {
        self.tag_all(sentences);
        self.parse_tagged_all(sentences);
    }

    /// Tags and lemmatizes one sentence, and parses it when `parse` is true.
    pub fn analyze_opts(&self, sentence: &mut Sentence, parse: bool) {
        if sentence.tokens.is_empty() {
            return;
        }
        SCRATCH.with(|s| {
            let s = &mut *s.borrow_mut();
            s.words.clear();
            for t in &sentence.tokens {
                let wf = word_feats(&t.form, &mut s.chars);
                s.words.push(wf);
            }
            self.tagger.tag(&s.words, &mut s.tags);
            s.toks.clear();
            for (w, &t) in s.words.iter().zip(&s.tags) {
                s.toks.push(ParseTok { word: w.lower, tag: self.tagger.hashes[t as usize] });
            }
            self.write_tags(sentence, &s.tags);
            if parse {
                let arcs = self.parser.parse(&s.toks, &mut s.state, &mut s.feats);
                self.write_arcs(sentence, arcs);
            }
        });
    }

    /// Stores the parser's arcs on the tokens.
    fn write_arcs(&self, sentence: &mut Sentence, arcs: impl IntoIterator<Item = (Option<usize>, u16)>) {
        for (tok, (h, l)) in sentence.tokens.iter_mut().zip(arcs) {
            tok.head = h;
            tok.deprel.clear();
            tok.deprel.push_str(if h.is_none() { "root" } else { self.parser.labels.get(l as usize).map_or("dep", |x| x.as_str()) });
        }
    }

    /// Tags and lemmatizes one sentence without parsing it.
    pub fn tag(&self, sentence: &mut Sentence) {
        self.analyze_opts(sentence, false);
    }

    /// [`Models::tag`] for each sentence, several at a time
    /// ([`Tagger::tag_many`]: the tags are the same, and faster).
    pub fn tag_all(&self, sentences: &mut [Sentence]) {
        SCRATCH.with(|s| {
            let s = &mut *s.borrow_mut();
            for batch in sentences.chunks_mut(model::MAX_BATCH) {
                for (sentence, words) in batch.iter().zip(s.batch_words.iter_mut()) {
                    words.clear();
                    words.extend(sentence.tokens.iter().map(|t| word_feats(&t.form, &mut s.chars)));
                }
                let k = batch.len();
                let words: [&[WordFeats]; model::MAX_BATCH] = std::array::from_fn(|i| s.batch_words[i].as_slice());
                self.tagger.tag_many(&words[..k], &mut s.batch_tags[..k]);
                for (sentence, tags) in batch.iter_mut().zip(&s.batch_tags) {
                    self.write_tags(sentence, tags);
                }
            }
        });
    }

    /// Stores the tagger's classes, and the lemmas they give, on the tokens.
    fn write_tags(&self, sentence: &mut Sentence, tags: &[u16]) {
        for (tok, &t) in sentence.tokens.iter_mut().zip(tags) {
            let c = &self.tagger.classes[t as usize];
            tok.upos = c.upos;
            tok.xpos.clear();
            tok.xpos.push_str(&c.xpos);
            self.lemmatizer.lemma_into(&tok.form, &c.xpos, &mut tok.lemma);
        }
    }

    /// Parses a sentence whose tokens are already tagged, using their XPOS
    /// tags as they are. The pipeline tags first, marks the names it is sure
    /// of as proper nouns (unusual names such as "Big Sean" tag badly), then
    /// parses with those tags.
    pub fn parse_tagged(&self, sentence: &mut Sentence) {
        self.parse_tagged_all(std::slice::from_mut(sentence));
    }

    /// [`Models::parse_tagged`] for each sentence, several at a time
    /// ([`Parser::parse_many`]: the parses are the same, and faster).
    pub fn parse_tagged_all(&self, sentences: &mut [Sentence]) {
        SCRATCH.with(|s| {
            let s = &mut *s.borrow_mut();
            for batch in sentences.chunks_mut(model::MAX_BATCH) {
                for (sentence, toks) in batch.iter().zip(s.batch_toks.iter_mut()) {
                    toks.clear();
                    for t in &sentence.tokens {
                        let class = self.tagger.class_of(t.upos, &t.xpos);
                        toks.push(ParseTok { word: features::lower_hash(&t.form), tag: self.tagger.hashes[class] });
                    }
                }
                let k = batch.len();
                let toks: [&[ParseTok]; model::MAX_BATCH] = std::array::from_fn(|i| s.batch_toks[i].as_slice());
                self.parser.parse_many(&toks[..k], &mut s.states[..k], &mut s.batch_feats[..k], &mut s.arcs[..k]);
                for (sentence, arcs) in batch.iter_mut().zip(&s.arcs) {
                    self.write_arcs(sentence, arcs.iter().copied());
                }
            }
        });
    }

    /// Analyses a pre-tokenized sentence given as words.
    pub fn analyze_words(&self, words: &[&str]) -> Sentence {
        let mut s = Sentence::default();
        let mut pos = 0;
        for w in words {
            let span = crate::doc::Span::new(pos, pos + w.len());
            pos = span.end + 1;
            s.tokens.push(Token { span, form: w.replace(['’', '‘'], "'"), space_after: true, ..Default::default() });
        }
        s.span = crate::doc::Span::new(0, pos.saturating_sub(1));
        self.analyze(&mut s);
        s
    }
}
