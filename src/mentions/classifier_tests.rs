//! Tests of the entity classifier: features on corpus text, GUM reading,
//! training, the model file, and the embedded model on corpus names.

use super::*;
use crate::mentions::classifier_train::{self as ct, read_gum, TrainOptions};
use crate::resources::Resources;
use std::path::{Path, PathBuf};

fn shared() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared")
}

/// Analyses (tags and parses) a corpus text and returns the document.
fn analyzed(corpus_file: &str) -> crate::doc::Document {
    let text = std::fs::read_to_string(shared().join("corpus").join(corpus_file)).expect("corpus text");
    crate::pipeline::analyze(corpus_file, text, Resources::get())
}

/// The sentence and token range of the first occurrence of `name` (its words) in `doc`.
fn find(doc: &crate::doc::Document, name: &str) -> (usize, usize, usize) {
    let words: Vec<&str> = name.split(' ').collect();
    for (si, s) in doc.sentences.iter().enumerate() {
        for a in 0..s.tokens.len() {
            if s.tokens.len() >= a + words.len() && words.iter().enumerate().all(|(k, w)| s.tokens[a + k].form == *w) {
                return (si, a, a + words.len() - 1);
            }
        }
    }
    panic!("{name} is not in the text");
}

fn feats_of(doc: &crate::doc::Document, si: usize, a: usize, b: usize) -> Vec<u64> {
    let lex = &Resources::get().lexicon;
    let toks = &doc.sentences[si].tokens;
    let cues = doc_cues(lex, doc.sentences.iter().map(|s| s.tokens.as_slice()), &toks[b].form);
    let mut f = Vec::new();
    features(lex, toks, a, b, cues, &mut f);
    f
}

#[test]
fn features_of_a_corpus_name_carry_words_gazetteers_and_parse() {
    let doc = analyzed("seed_legend_west.txt");
    let lex = &Resources::get().lexicon;
    // "John Legend is setting the record straight: Donald Trump didn't ruin ..."
    let (si, a, b) = find(&doc, "Donald Trump");
    let toks = &doc.sentences[si].tokens;
    let f = feats_of(&doc, si, a, b);
    assert_eq!(f, feats_of(&doc, si, a, b), "deterministic");
    assert!(f.contains(&f1(t::WORD, hash_str("donald"))) && f.contains(&f1(t::WORD, hash_str("trump"))));
    assert!(f.contains(&f1(t::FIRST, hash_str("donald"))));
    assert!(f.contains(&f1(t::SHAPES, hash_str("Xx Xx "))));
    let mut flags = Vec::new();
    gazetteer_flags(lex, toks, a, b, &mut flags);
    assert!(flags.contains(&"first_name_m"), "{flags:?}");
    assert!(!flags.contains(&"org_last") && !flags.contains(&"place"));
    // the name is the subject of "ruin" (UD: "Donald" heads "Trump"): its relation comes from the parse
    assert!(toks[a].deprel.starts_with("nsubj") && toks[b].head == Some(a), "parsed as subject: {:?}", &toks[a..=b]);
    assert!(f.contains(&f1(t::DEPREL, hash_str("nsubj"))));
    // without a parse there are no parse features
    let mut bare: Vec<crate::doc::Token> = toks.clone();
    bare.iter_mut().for_each(|t| t.head = None);
    let mut g = Vec::new();
    features(lex, &bare, a, b, 0, &mut g);
    assert!(!g.contains(&f1(t::DEPREL, hash_str("nsubj"))));
    // the document names "Donald Trump", so a lone "Trump" later carries the first-name cue
    let cues = doc_cues(lex, doc.sentences.iter().map(|s| s.tokens.as_slice()), "Trump");
    assert_ne!(cues & 1, 0);
    assert_eq!(doc_cues(lex, doc.sentences.iter().map(|s| s.tokens.as_slice()), "Zanzibar"), 0);
}

/// The index gives, for every word of a long real text, the cues of a scan
/// of the window around it, and finds some of each kind.
#[test]
fn form_index_cues_equal_the_window_scan() {
    let lex = &Resources::get().lexicon;
    let doc = analyzed("gum/news_warhol.txt");
    let index = FormIndex::new(&doc.sentences);
    let mut found = 0;
    let mut checked = 0;
    for (si, s) in doc.sentences.iter().enumerate() {
        let window = &doc.sentences[cue_window(si, doc.sentences.len())];
        for t in &s.tokens {
            let scan = doc_cues(lex, window.iter().map(|w| w.tokens.as_slice()), &t.form);
            assert_eq!(index.cues(lex, si, &t.form), scan, "{} in sentence {si}", t.form);
            found |= scan;
            checked += 1;
        }
    }
    assert!(checked > 1000, "{checked} tokens");
    // first name, place preposition, 'the', subject and possessive cues all occur
    assert_eq!(found & (1 | 4 | 8 | 32 | 64), 1 | 4 | 8 | 32 | 64, "{found:b}");
}

/// The first sentences of a real GUM document, with their entity annotation.
fn gum_excerpt(file: &str, sentences: usize) -> String {
    let text = std::fs::read_to_string(shared().join("treebanks/gum").join(file)).expect("GUM file");
    text.split("\n\n").take(sentences).collect::<Vec<_>>().join("\n\n") + "\n"
}

#[test]
fn reads_nested_gum_entities() {
    let text = gum_excerpt("GUM_academic_art.conllu", 12);
    let sents = read_gum("art", &text).unwrap();
    assert_eq!(sents.len(), 12);
    let lex = &Resources::get().lexicon;
    let inst = ct::instances(lex, 0, &sents);
    let get = |name: &str| inst.iter().find(|x| x.text == name).map(|x| x.class);
    // an author line: "Claire Bailey-Ross", a person; "University of Portsmouth", an organization; "United Kingdom", a place
    assert_eq!(get("Claire Bailey - Ross"), Some(EntityClass::Person), "{:?}", inst.iter().map(|x| &x.text).collect::<Vec<_>>());
    assert_eq!(get("University of Portsmouth"), Some(EntityClass::Organization));
    assert_eq!(get("United Kingdom"), Some(EntityClass::Other));
    // a mention closed but never opened is an error naming the line
    let bad = "1\tX\tx\tPROPN\tNNP\t_\t0\troot\t_\tEntity=7)\n";
    assert!(read_gum("bad", bad).unwrap_err().to_string().starts_with("bad:1:"));
}

#[test]
fn training_on_a_gum_excerpt_learns_it() {
    let lex = &Resources::get().lexicon;
    let mut data = Vec::new();
    for (d, f) in ["GUM_academic_art.conllu", "GUM_voyage_york.conllu"].iter().enumerate() {
        let sents = read_gum(f, &gum_excerpt(f, 60)).unwrap();
        data.extend(ct::instances(lex, d, &sents));
    }
    let classes: std::collections::HashSet<_> = data.iter().map(|x| x.class).collect();
    assert!(data.len() > 30 && classes.len() >= 3, "{} names, classes {classes:?}", data.len());
    let m = ct::train(&data, &TrainOptions { iterations: 10, seed: 1, min_abs: 0.0, folds: 0 });
    let right = data.iter().filter(|x| m.classify_features(&x.feats).class == x.class).count();
    assert!(right * 10 >= data.len() * 9, "{right} of {} training names right", data.len());
    // an untrained model knows nothing: the perceptron's ties go to the first class
    let empty = ct::train(&[], &TrainOptions::default());
    assert!(data.iter().all(|x| empty.classify_features(&x.feats).margin == 0.0));
}

#[test]
fn model_round_trips_and_rejects_bad_bytes() {
    let lex = &Resources::get().lexicon;
    let sents = read_gum("art", &gum_excerpt("GUM_academic_art.conllu", 80)).unwrap();
    let data = ct::instances(lex, 0, &sents);
    let m = ct::train(&data, &TrainOptions { iterations: 5, seed: 3, min_abs: 0.0, folds: 0 });
    let mut bytes = Vec::new();
    m.write(&mut bytes);
    let back = EntityClassifier::read(&bytes).unwrap();
    for x in &data {
        assert_eq!(m.classify_features(&x.feats), back.classify_features(&x.feats));
    }
    assert!(EntityClassifier::read(&bytes[..bytes.len() - 1]).is_err());
    assert!(EntityClassifier::read(b"RGTAG\x01\0\0\0").is_err());
    assert!(EntityClassifier::read(&[]).is_err());
}

#[test]
fn embedded_model_types_corpus_names() {
    let lex = &Resources::get().lexicon;
    let model = EntityClassifier::embedded().expect("data/models/entity.bin is trained");
    let (f, w) = model.stats();
    assert!(f > 1000 && w < 200_000, "{f} features, {w} weights");
    let doc = analyzed("gum/news_nasa.txt");
    let class = |name: &str| {
        let (si, a, b) = find(&doc, name);
        let toks = &doc.sentences[si].tokens;
        let cues = doc_cues(lex, doc.sentences.iter().map(|s| s.tokens.as_slice()), &toks[b].form);
        model.classify(lex, toks, a, b, cues).class
    };
    // "NASA Administrator Charles Bolden announces ..."
    assert_eq!(class("Charles Bolden"), EntityClass::Person);
    // "NASA celebrated the launch of the first space shuttle Tuesday at an event ..."
    assert_eq!(class("NASA"), EntityClass::Organization);
    assert_eq!(class("Cape Canaveral"), EntityClass::Other);
    let doc = analyzed("seed_legend_west.txt");
    let (si, a, b) = find(&doc, "Donald Trump");
    let p = model.classify(lex, &doc.sentences[si].tokens, a, b, 0);
    assert_eq!(p.class, EntityClass::Person);
    assert!(p.margin > 0.0);
}

#[test]
fn classes_map_from_gum_types() {
    assert_eq!(EntityClass::from_gum("person"), EntityClass::Person);
    assert_eq!(EntityClass::from_gum("place"), EntityClass::Other);
    assert_eq!(EntityClass::from_gum("object"), EntityClass::Other);
    assert_eq!(EntityClass::Other.kind(), None);
    for c in EntityClass::ALL {
        assert_eq!(EntityClass::from_id(c.id()), c);
    }
    let p = prediction(&[1.0, 5.0, 2.0, 5.0]);
    assert_eq!((p.class, p.margin), (EntityClass::Organization, 0.0));
}
