//! A statistical entity-type classifier for name mentions: person,
//! organization, event or other (places, works, products, ...).
//!
//! An averaged perceptron (the machinery of [`crate::syntax::perceptron`])
//! over hashed features of the name's words, their shapes and suffixes,
//! gazetteer flags from the [`Lexicon`], the words around the name and,
//! when the sentence is parsed, its dependency relation and governing word.
//! It is trained on the entity annotation of the GUM treebank
//! ([`super::classifier_train`], `relgraph train entities`) into
//! `data/models/entity.bin`, which is compiled into the binary.
//!
//! The rules of `names.rs` type a name first; the classifier decides the
//! names they leave unknown (see `names::make_name`).

use crate::text::lower;
use super::Lexicon;
use crate::doc::{Sentence, Token, Upos};
use crate::graph::EntityKind;
use crate::syntax::features::{f1, f2, f3, hash_str};
use crate::syntax::perceptron::{Model, ModelError, Reader};
use rustc_hash::FxHashMap;

/// The embedded classifier bytes (empty when not trained yet).
pub static ENTITY_BYTES: &[u8] = include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/models/entity.bin"));

const MAGIC: &[u8] = b"RGENT";
const VERSION: u32 = 1;

/// The classes the classifier tells apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntityClass {
    /// A person.
    Person,
    /// An organization (companies, parties, institutions, bands, governments).
    Organization,
    /// A named event.
    Event,
    /// Not an entity of the graph: a place, work, product, abstraction, time, ...
    Other,
}

impl EntityClass {
    /// Every class, in class-id order.
    pub const ALL: [EntityClass; 4] = [EntityClass::Person, EntityClass::Organization, EntityClass::Event, EntityClass::Other];

    /// The class id used by the model.
    pub fn id(self) -> usize {
        self as usize
    }

    /// The class of an id, `Other` when out of range.
    pub fn from_id(i: usize) -> EntityClass {
        EntityClass::ALL.get(i).copied().unwrap_or(EntityClass::Other)
    }

    /// The class of a GUM entity type ("person", "organization", "event";
    /// every other type is `Other`).
    pub fn from_gum(ty: &str) -> EntityClass {
        match ty {
            "person" => EntityClass::Person,
            "organization" => EntityClass::Organization,
            "event" => EntityClass::Event,
            _ => EntityClass::Other,
        }
    }

    /// The graph's entity kind, `None` for `Other`.
    pub fn kind(self) -> Option<EntityKind> {
        match self {
            EntityClass::Person => Some(EntityKind::Person),
            EntityClass::Organization => Some(EntityKind::Organization),
            EntityClass::Event => Some(EntityKind::Event),
            EntityClass::Other => None,
        }
    }

    /// A lower-case name for reports.
    pub fn name(self) -> &'static str {
        match self {
            EntityClass::Person => "person",
            EntityClass::Organization => "organization",
            EntityClass::Event => "event",
            EntityClass::Other => "other",
        }
    }
}

/// A classification: the best class and how far it is ahead of the next.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Prediction {
    /// The best class.
    pub class: EntityClass,
    /// Score of the best class minus the score of the second, in perceptron
    /// units (one update moves a weight by 1).
    pub margin: f32,
}

/// The trained classifier.
#[derive(Clone, Debug)]
pub struct EntityClassifier {
    model: Model,
}

impl EntityClassifier {
    /// Wraps a trained model (4 classes, ids as [`EntityClass::id`]).
    pub fn new(model: Model) -> Result<Self, ModelError> {
        if model.n_classes() != EntityClass::ALL.len() {
            return Err(ModelError::Corrupt("an entity model has 4 classes"));
        }
        Ok(EntityClassifier { model })
    }

    /// The classifier compiled into the binary, if one was trained.
    pub fn embedded() -> Option<EntityClassifier> {
        EntityClassifier::read(ENTITY_BYTES).ok()
    }

    /// Reads a classifier written by [`EntityClassifier::write`].
    pub fn read(data: &[u8]) -> Result<EntityClassifier, ModelError> {
        let mut r = Reader::new(data);
        r.header(MAGIC, VERSION)?;
        EntityClassifier::new(Model::read(&mut r)?)
    }

    /// Serialises the classifier.
    pub fn write(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(MAGIC);
        crate::syntax::perceptron::put_u32(out, VERSION);
        self.model.write(out);
    }

    /// Number of stored features and weights.
    pub fn stats(&self) -> (usize, usize) {
        (self.model.n_features(), self.model.n_weights())
    }

    /// Classifies the name of tokens `a..=b` of a sentence, given the
    /// document's cues about it ([`doc_cues`]).
    pub fn classify(&self, lex: &Lexicon, toks: &[Token], a: usize, b: usize, cues: DocCues) -> Prediction {
        let mut feats = Vec::with_capacity(64);
        features(lex, toks, a, b, cues, &mut feats);
        self.classify_features(&feats)
    }

    /// Classifies an instance given its features.
    pub fn classify_features(&self, feats: &[u64]) -> Prediction {
        let mut scores = [0i32; 4];
        self.model.score(feats, &mut scores);
        prediction(&scores.map(|s| s as f32 * self.model.scale()))
    }
}

/// The best class of `scores` (the first on ties) and its margin.
pub fn prediction(scores: &[f32]) -> Prediction {
    let mut best = 0;
    for (i, &s) in scores.iter().enumerate() {
        if s > scores[best] {
            best = i;
        }
    }
    let second = scores.iter().enumerate().filter(|&(i, _)| i != best).map(|(_, &s)| s).fold(f32::NEG_INFINITY, f32::max);
    Prediction { class: EntityClass::from_id(best), margin: if second.is_finite() { scores[best] - second } else { 0.0 } }
}

/// A word's shape with runs collapsed: "Xx", "X", "X.", "XxXx", "d", "x-Xx".
fn shape(w: &str) -> String {
    let mut out = String::new();
    for c in w.chars() {
        let k = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_ascii_digit() {
            'd'
        } else {
            c
        };
        if !out.ends_with(k) {
            out.push(k);
        }
    }
    out
}

fn suffix(w: &str, n: usize) -> &str {
    let k = w.char_indices().rev().nth(n - 1).map_or(0, |(i, _)| i);
    &w[k..]
}

/// Feature template ids (kept stable: the model stores hashes of them).
mod t {
    pub const BIAS: u32 = 1;
    pub const WORD: u32 = 2;
    pub const FIRST: u32 = 3;
    pub const LAST: u32 = 4;
    pub const LEN: u32 = 5;
    pub const SHAPE: u32 = 6;
    pub const SHAPES: u32 = 7;
    pub const SUF3: u32 = 8;
    pub const SUF2: u32 = 9;
    pub const GAZ: u32 = 10;
    pub const PREV: u32 = 11;
    pub const PREV2: u32 = 12;
    pub const NEXT: u32 = 13;
    pub const PREV_LEMMA: u32 = 14;
    pub const DEPREL: u32 = 15;
    pub const GOV: u32 = 16;
    pub const GOV_REL: u32 = 17;
    pub const GAZ_LEN: u32 = 18;
    pub const UPOS: u32 = 19;
    pub const NEXT2: u32 = 20;
    pub const FIRST_SHAPE: u32 = 21;
    pub const GAZ_ALL: u32 = 22;
}

/// Gazetteer flags (hashed with their name, so the ids only need to be distinct).
fn gazetteer_flags(lex: &Lexicon, toks: &[Token], a: usize, b: usize, out: &mut Vec<&'static str>) {
    let words: Vec<String> = toks[a..=b].iter().map(|t| t.form.trim_end_matches('.').to_lowercase()).collect();
    let first = &words[0];
    let last = &words[words.len() - 1];
    let full = toks[a..=b].iter().map(|t| t.form.as_str()).collect::<Vec<_>>().join(" ").to_lowercase();
    match lex.first_names.get(first) {
        Some(super::Gender::Male) => out.push("first_name_m"),
        Some(super::Gender::Female) => out.push("first_name_f"),
        Some(_) => out.push("first_name"),
        None => {}
    }
    if words.len() > 1 && lex.surnames.contains(last) {
        out.push("last_surname");
    }
    if words.len() == 1 && lex.surnames.contains(last) {
        out.push("lone_surname");
    }
    if words.iter().any(|w| lex.first_names.contains_key(w)) {
        out.push("any_first_name");
    }
    if lex.org_last.contains(last) {
        out.push("org_last");
    }
    if lex.org_first.contains(first) {
        out.push("org_first");
    }
    if words.iter().any(|w| lex.org_last.contains(w)) {
        out.push("org_word");
    }
    if lex.organizations.contains(&full) {
        out.push("organization");
    }
    if words.len() > 1 && words.iter().any(|w| lex.organizations.contains(w)) {
        out.push("org_inside");
    }
    if lex.places.contains(&full) {
        out.push("place");
    }
    if words.iter().any(|w| lex.places.contains(w)) {
        out.push("place_word");
    }
    if lex.demonyms.contains(first) || words.iter().any(|w| lex.demonyms.contains(w)) {
        out.push("demonym");
    }
    if lex.event_named.contains(last) {
        out.push("event_last");
    }
    if lex.event_first.contains(first) {
        out.push("event_first");
    }
    if words.iter().any(|w| lex.event_common.contains(w)) {
        out.push("event_common");
    }
    if lex.non_person_last.contains(last) {
        out.push("non_person_last");
    }
    if lex.non_person_first.contains(first) {
        out.push("non_person_first");
    }
    if lex.party_plurals.contains_key(&full) {
        out.push("party");
    }
    if lex.is_common(first) {
        out.push("first_common");
    }
    if lex.is_common(last) {
        out.push("last_common");
    }
    if words.iter().all(|w| lex.is_common(w)) {
        out.push("all_common");
    }
    if lex.non_names.contains(first) || lex.non_names.contains(last) {
        out.push("non_name");
    }
    if words.iter().any(|w| lex.is_title_or_role(w)) {
        out.push("title_inside");
    }
    if lex.org_after.contains(&toks.get(b + 1).map(|t| t.form.to_lowercase()).unwrap_or_default()) {
        out.push("org_after");
    }
    if a > 0 {
        let p = toks[a - 1].form.trim_end_matches('.').to_lowercase();
        if lex.titles.contains_key(&p) {
            out.push("title_before");
        } else if lex.is_title_or_role(&p) {
            out.push("role_before");
        }
        if lex.demonyms.contains(&p) {
            out.push("demonym_before");
        }
    }
    if a == 0 || !toks[..a].iter().any(|t| t.form.chars().any(char::is_alphanumeric)) {
        out.push("sentence_start");
    }
    if toks.get(b + 1).is_some_and(|t| t.form == "'s" || t.form == "'") {
        out.push("possessive");
    }
    if toks[a..=b].iter().all(|t| t.form.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase)) {
        out.push("all_caps");
    }
    if toks[a..=b].iter().any(|t| t.form.len() <= 3 && t.form.ends_with('.')) {
        out.push("initial");
    }
    if words.iter().any(|w| w == "of") {
        out.push("has_of");
    }
    if toks[a..=b].iter().any(|t| t.form.chars().any(|c| c.is_ascii_digit())) {
        out.push("digit");
    }
}

/// How many sentences before and after a name [`doc_cues`] looks at.
pub const CUE_WINDOW: (usize, usize) = (40, 10);

/// The sentences of the [`CUE_WINDOW`] around sentence `si` of `n`.
pub fn cue_window(si: usize, n: usize) -> std::ops::Range<usize> {
    si.saturating_sub(CUE_WINDOW.0)..(si + CUE_WINDOW.1 + 1).min(n)
}

/// What the rest of the document says about the last word of a name:
/// bit flags, see [`doc_cues`].
pub type DocCues = u32;

const CUE_NAMES: [&str; 7] = ["cue_first_name", "cue_title", "cue_place_prep", "cue_the", "cue_org_head", "cue_subject", "cue_possessive"];

/// Cues from the sentences around a name about its last word `w` (as
/// written): somewhere nearby it follows a first name ("Donald Trump") or a
/// title ("Mr. Trump"), a place preposition ("in Durham"), "the", precedes
/// an organization head ("Quantcast Inc."), is the subject of a verb, or
/// takes a possessive. The caller passes the sentences of
/// [`CUE_WINDOW`] around the name.
pub fn doc_cues<'a>(lex: &Lexicon, sentences: impl IntoIterator<Item = &'a [Token]>, w: &str) -> DocCues {
    if !w.chars().next().is_some_and(char::is_uppercase) {
        return 0;
    }
    let mut cues = 0;
    for toks in sentences {
        for (k, t) in toks.iter().enumerate() {
            if t.form == w {
                cues |= occurrence_cues(lex, toks, k);
            }
        }
    }
    cues
}

/// The [`doc_cues`] of one occurrence: token `k` of a sentence.
fn occurrence_cues(lex: &Lexicon, toks: &[Token], k: usize) -> DocCues {
    let mut cues = 0;
    if k > 0 {
        let p = &toks[k - 1];
        let pl = p.form.trim_end_matches('.').to_lowercase();
        if p.form.chars().next().is_some_and(char::is_uppercase) && lex.first_names.contains_key(&pl) && !lex.is_common(&pl) {
            cues |= 1;
        }
        if lex.titles.contains_key(&pl) {
            cues |= 2;
        }
        if matches!(pl.as_str(), "in" | "at" | "near" | "from" | "to" | "into" | "across" | "around") {
            cues |= 4;
        }
        if pl == "the" {
            cues |= 8;
        }
    }
    if let Some(n) = toks.get(k + 1) {
        let nl = n.form.trim_end_matches('.').to_lowercase();
        if lex.org_last.contains(&nl) && n.form.chars().next().is_some_and(char::is_uppercase) {
            cues |= 16;
        }
        if n.form == "'s" {
            cues |= 64;
        }
    }
    if toks[k].deprel.starts_with("nsubj") {
        cues |= 32;
    }
    cues
}

/// Where each capitalised word of a document occurs, so that the
/// [`doc_cues`] of a name visit only the occurrences of its last word
/// instead of every token of the [`CUE_WINDOW`] (same result).
#[derive(Debug)]
pub struct FormIndex<'a> {
    sentences: &'a [Sentence],
    /// form → (sentence, token) in document order
    at: FxHashMap<&'a str, Vec<(u32, u32)>>,
}

impl<'a> FormIndex<'a> {
    /// The index of a document's sentences.
    pub fn new(sentences: &'a [Sentence]) -> Self {
        let mut at: FxHashMap<&'a str, Vec<(u32, u32)>> = FxHashMap::default();
        for (si, s) in sentences.iter().enumerate() {
            for (k, t) in s.tokens.iter().enumerate() {
                if t.form.chars().next().is_some_and(char::is_uppercase) {
                    at.entry(t.form.as_str()).or_default().push((si as u32, k as u32));
                }
            }
        }
        FormIndex { sentences, at }
    }

    /// [`doc_cues`] of `w` over the [`CUE_WINDOW`] around sentence `si`.
    pub fn cues(&self, lex: &Lexicon, si: usize, w: &str) -> DocCues {
        let window = cue_window(si, self.sentences.len());
        let Some(at) = self.at.get(w) else { return 0 };
        at.iter()
            .filter(|(s, _)| window.contains(&(*s as usize)))
            .fold(0, |cues, &(s, k)| cues | occurrence_cues(lex, &self.sentences[s as usize].tokens, k as usize))
    }
}

/// The features of the name of tokens `a..=b` (inclusive) of a sentence,
/// appended to `out` as 64-bit hashes, with the document's cues about its
/// last word ([`doc_cues`]). Parse features are added only when the
/// sentence is parsed (some token has a head).
pub fn features(lex: &Lexicon, toks: &[Token], a: usize, b: usize, cues: DocCues, out: &mut Vec<u64>) {
    if toks.is_empty() || a > b || b >= toks.len() {
        out.push(f1(t::BIAS, 0));
        return;
    }
    let low = |k: usize| toks[k].form.to_lowercase();
    let n = b - a + 1;
    out.push(f1(t::BIAS, 0));
    out.push(f1(t::LEN, n.min(5) as u64));
    let mut shapes = String::new();
    for (i, tok) in toks[a..=b].iter().enumerate() {
        out.push(f1(t::WORD, hash_str(&lower(&tok.form))));
        let sh = shape(&tok.form);
        out.push(f1(t::SHAPE, hash_str(&sh)));
        if i < 4 {
            shapes.push_str(&sh);
            shapes.push(' ');
        }
        out.push(f1(t::UPOS, tok.upos as u64));
    }
    out.push(f1(t::SHAPES, hash_str(&shapes)));
    let (first, last) = (low(a), low(b));
    out.push(f1(t::FIRST, hash_str(&first)));
    out.push(f2(t::LAST, hash_str(&last), (n > 1) as u64));
    out.push(f2(t::FIRST_SHAPE, hash_str(&shape(&toks[a].form)), (n > 1) as u64));
    out.push(f1(t::SUF3, hash_str(suffix(&last, 3))));
    out.push(f1(t::SUF2, hash_str(suffix(&last, 2))));
    let mut flags = Vec::new();
    gazetteer_flags(lex, toks, a, b, &mut flags);
    for (i, c) in CUE_NAMES.iter().enumerate() {
        if cues & (1 << i) != 0 {
            flags.push(c);
        }
    }
    // the whole set of flags as one feature: combinations ("a surname, but also a place")
    out.push(f1(t::GAZ_ALL, flags.iter().fold(0, |h, g| crate::syntax::features::mix(h, hash_str(g)))));
    for g in &flags {
        out.push(f1(t::GAZ, hash_str(g)));
        out.push(f2(t::GAZ_LEN, hash_str(g), n.min(3) as u64));
    }
    let none = hash_str("<none>");
    let prev = if a > 0 { hash_str(&low(a - 1)) } else { none };
    let prev2 = if a > 1 { hash_str(&low(a - 2)) } else { none };
    let next = toks.get(b + 1).map_or(none, |t| hash_str(&lower(&t.form)));
    let next2 = toks.get(b + 2).map_or(none, |t| hash_str(&lower(&t.form)));
    out.push(f1(t::PREV, prev));
    out.push(f2(t::PREV2, prev2, prev));
    out.push(f1(t::NEXT, next));
    out.push(f2(t::NEXT2, next, next2));
    if a > 0 && !toks[a - 1].lemma.is_empty() {
        out.push(f1(t::PREV_LEMMA, hash_str(&lower(&toks[a - 1].lemma))));
    }
    // the parse: the name's head is its token governed from outside the span
    if toks.iter().any(|t| t.head.is_some()) {
        let h = (a..=b).rev().find(|&k| toks[k].head.is_none_or(|g| g < a || g > b)).unwrap_or(b);
        let rel = toks[h].deprel.split(':').next().unwrap_or("");
        out.push(f1(t::DEPREL, hash_str(rel)));
        if let Some(g) = toks[h].head.filter(|&g| g < toks.len()) {
            let gl = if toks[g].lemma.is_empty() { toks[g].form.to_lowercase() } else { toks[g].lemma.to_lowercase() };
            out.push(f2(t::GOV, hash_str(&gl), hash_str(rel)));
            out.push(f2(t::GOV_REL, toks[g].upos as u64, hash_str(rel)));
            if rel == "nsubj" && matches!(toks[g].upos, Upos::Verb) {
                out.push(f1(t::GAZ, hash_str("acts")));
                if lex.acting_verbs.contains(&gl) {
                    out.push(f1(t::GAZ, hash_str("acts_govern")));
                }
            }
            // "the Trump campaign", "Durham University students": a name modifying a noun
            if rel == "compound" || rel == "nmod" {
                out.push(f3(t::GOV, hash_str(&gl), hash_str(rel), 1));
            }
        }
    }
}

#[cfg(test)]
#[path = "classifier_tests.rs"]
mod tests;
