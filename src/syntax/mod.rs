//! Syntax: part-of-speech tags, lemmas and a labelled dependency parse.
//!
//! Fills `upos`, `xpos`, `lemma`, `head` and `deprel` of every [`Token`] of a
//! [`Sentence`]. The trained models are not in the tree yet (issue 4); until
//! they are, [`Models::load_embedded`] returns `None` and the later stages
//! fall back to surface features.

use crate::doc::Sentence;

/// The trained tagger and parser.
#[derive(Debug)]
pub struct Models {
    _private: (),
}

impl Models {
    /// The models compiled into the binary, if any.
    pub fn load_embedded() -> Option<Models> {
        None
    }

    /// Tags, lemmatizes and parses one sentence in place.
    pub fn analyze(&self, _sentence: &mut Sentence) {}
}
