//! Regression tests of the shipped syntax models and of training.

use relgraph::syntax::{conllu, eval, train, Models};
use std::path::{Path, PathBuf};

fn shared() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared")
}

#[test]
fn shipped_models_reach_the_dev_floor() {
    let t0 = std::time::Instant::now();
    let models = Models::load_embedded().expect("models are embedded");
    let load = t0.elapsed();
    let dev = conllu::read_file(&shared().join("treebanks/en_ewt/dev.conllu")).expect("dev treebank");
    let s = eval::eval_gold(&models, &dev);
    eprintln!("dev: UPOS {:.2} XPOS {:.2} UAS {:.2} LAS {:.2} (load {load:?})", s.upos * 100.0, s.xpos * 100.0, s.uas * 100.0, s.las * 100.0);
    assert!(s.upos >= 0.94, "UPOS {}", s.upos);
    assert!(s.uas >= 0.83, "UAS {}", s.uas);
}

#[test]
fn analyze_fills_every_field() {
    let models = Models::load_embedded().expect("models are embedded");
    let s = models.analyze_words(&["John", "Legend", "married", "Chrissy", "Teigen", "in", "2013", "."]);
    assert_eq!(s.tokens.iter().filter(|t| t.head.is_none()).count(), 1);
    let root = s.tokens.iter().position(|t| t.head.is_none()).unwrap();
    assert_eq!(s.tokens[root].form, "married");
    assert_eq!(s.tokens[root].lemma, "marry");
    assert_eq!(s.tokens[root].deprel, "root");
    assert_eq!(s.tokens[1].upos, relgraph::doc::Upos::Propn);
    assert!(s.tokens.iter().all(|t| !t.xpos.is_empty() && !t.deprel.is_empty() && !t.lemma.is_empty()));
}

#[test]
fn training_on_a_small_slice_runs_end_to_end() {
    let mut sents = train::load(&[shared().join("treebanks/en_ewt/train.conllu")]).expect("train treebank");
    sents.truncate(200);
    let opts = train::Options { iterations: 1, seed: 3, min_abs: 0.0 };
    let tagger = train::train_tagger(&sents, &opts).unwrap();
    let tags = train::jackknife_tags(&sents, &opts, 2);
    // a parser trained without some templates keeps that set through a round trip
    let templates = relgraph::syntax::parser::Templates::without(&[6, 12, 95]).unwrap();
    let parser = train::train_parser(&sents, &tags, &opts, 0.9, templates, |_| {}).unwrap();
    let (mut tb, mut pb) = (Vec::new(), Vec::new());
    tagger.write(&mut tb);
    parser.write(&mut pb);
    let models = Models::from_bytes(&tb, &pb).expect("round trip");
    assert_eq!(models.parser.templates, templates);
    // a newly trained parser hashes its features the cheap way (format 3)
    assert_eq!(models.parser.hash, relgraph::syntax::parser::FeatureHash::MulRot);
    assert_eq!(&pb[8..12], &3u32.to_le_bytes());
    assert_eq!(templates.dropped(), vec![6, 12, 95]);
    assert!(relgraph::syntax::parser::Templates::without(&[40]).is_err(), "40 names no template");
    let mut s = conllu::to_sentence(&sents[0]);
    models.analyze(&mut s);
    assert_eq!(s.tokens.iter().filter(|t| t.head.is_none()).count(), 1);
    // deterministic for a seed
    let again = train::train_tagger(&sents, &opts).unwrap();
    let mut tb2 = Vec::new();
    again.write(&mut tb2);
    assert_eq!(tb, tb2);
}

#[test]
fn shipped_models_write_back_byte_for_byte() {
    let models = Models::load_embedded().expect("models are embedded");
    // the shipped parser is of format 2, whose features are hashed by Avalanche
    assert_eq!(models.parser.hash, relgraph::syntax::parser::FeatureHash::Avalanche);
    let (mut t, mut p) = (Vec::new(), Vec::new());
    models.tagger.write(&mut t);
    models.parser.write(&mut p);
    assert!(t == relgraph::syntax::TAGGER_BYTES, "tagger bytes differ after a round trip");
    assert!(p == relgraph::syntax::PARSER_BYTES, "parser bytes differ after a round trip");
}

#[test]
fn quick_lemmas_match_the_plain_path() {
    let models = Models::load_embedded().expect("models are embedded");
    let dev = conllu::read_file(&shared().join("treebanks/en_ewt/dev.conllu")).expect("dev treebank");
    let lm = &models.lemmatizer;
    let mut out = String::new();
    let xpos: Vec<&str> = models.tagger.classes.iter().map(|c| c.xpos.as_str()).collect();
    for w in dev.iter().flat_map(|s| &s.words) {
        for x in xpos.iter().copied().chain([w.xpos.as_str()]) {
            lm.lemma_into(&w.form, x, &mut out);
            assert_eq!(out, lm.lemma(&w.form, x), "{} {x}", w.form);
        }
    }
}

#[test]
fn sentences_tagged_and_parsed_side_by_side_match_one_at_a_time() {
    let models = Models::load_embedded().expect("models are embedded");
    let dev = conllu::read_file(&shared().join("treebanks/en_ewt/dev.conllu")).expect("dev treebank");
    // sentences of every length, including an empty one and a last batch
    // that is not full
    let mut sents: Vec<relgraph::doc::Sentence> = dev.iter().take(203).map(conllu::to_sentence).collect();
    sents.insert(7, relgraph::doc::Sentence::default());
    let mut one = sents.clone();
    for s in &mut one {
        models.tag(s);
        models.parse_tagged(s);
    }
    models.tag_all(&mut sents);
    models.parse_tagged_all(&mut sents);
    type Analysis = Vec<Vec<(relgraph::doc::Upos, String, String, Option<usize>, String)>>;
    let analysis = |v: &[relgraph::doc::Sentence]| -> Analysis {
        v.iter().map(|s| s.tokens.iter().map(|t| (t.upos, t.xpos.clone(), t.lemma.clone(), t.head, t.deprel.clone())).collect()).collect()
    };
    let (a, b) = (analysis(&one), analysis(&sents));
    assert_eq!(a.len(), 204);
    assert!(a.iter().flatten().filter(|x| x.3.is_some()).count() > 3000, "the sentences were parsed");
    assert_eq!(a, b);
}
