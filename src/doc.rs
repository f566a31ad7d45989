//! The one document type that flows through the pipeline.
//!
//! A [`Document`] owns the original text, unchanged. Every later result
//! (regions kept by ingest, sentences, tokens, mentions, evidence) points back
//! into it with a [`Span`] of byte offsets, so that anything the tool reports
//! can be located in the source. Character (Unicode scalar) offsets, which is
//! what the JSON output carries, are derived with [`Document::char_offset`].

use serde::{Deserialize, Serialize};

/// A half-open byte range `start..end` into a document's original text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default)]
pub struct Span {
    /// First byte of the range.
    pub start: usize,
    /// One past the last byte of the range.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end` (bytes).
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end);
        Span { start, end }
    }

    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// True when the span covers no bytes.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// True when `other` lies inside this span.
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

/// Universal part-of-speech tag (UD v2), the coarse tag the extractor reads.
#[allow(missing_docs)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum Upos {
    Adj,
    Adp,
    Adv,
    Aux,
    Cconj,
    Det,
    Intj,
    Noun,
    Num,
    Part,
    Pron,
    Propn,
    Punct,
    Sconj,
    Sym,
    Verb,
    #[default]
    X,
}

impl Upos {
    /// All tags, in a fixed order (the index is the tag's class id).
    pub const ALL: [Upos; 17] = [
        Upos::Adj,
        Upos::Adp,
        Upos::Adv,
        Upos::Aux,
        Upos::Cconj,
        Upos::Det,
        Upos::Intj,
        Upos::Noun,
        Upos::Num,
        Upos::Part,
        Upos::Pron,
        Upos::Propn,
        Upos::Punct,
        Upos::Sconj,
        Upos::Sym,
        Upos::Verb,
        Upos::X,
    ];

    /// The tag as written in CoNLL-U ("PROPN").
    pub fn as_str(self) -> &'static str {
        match self {
            Upos::Adj => "ADJ",
            Upos::Adp => "ADP",
            Upos::Adv => "ADV",
            Upos::Aux => "AUX",
            Upos::Cconj => "CCONJ",
            Upos::Det => "DET",
            Upos::Intj => "INTJ",
            Upos::Noun => "NOUN",
            Upos::Num => "NUM",
            Upos::Part => "PART",
            Upos::Pron => "PRON",
            Upos::Propn => "PROPN",
            Upos::Punct => "PUNCT",
            Upos::Sconj => "SCONJ",
            Upos::Sym => "SYM",
            Upos::Verb => "VERB",
            Upos::X => "X",
        }
    }

    /// Parses a CoNLL-U tag; unknown tags give `None`.
    pub fn parse(s: &str) -> Option<Upos> {
        Upos::ALL.iter().copied().find(|t| t.as_str() == s)
    }
}

/// One token: a span of the original text plus what the syntax layer says of it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Token {
    /// Where the token is in the original text.
    pub span: Span,
    /// The token's text, normalised only for quotes and apostrophes (’ → ').
    pub form: String,
    /// Universal part of speech.
    pub upos: Upos,
    /// Penn Treebank tag ("NNP", "VBD", ...).
    pub xpos: String,
    /// Dictionary form ("was" → "be").
    pub lemma: String,
    /// Index of the syntactic head within the sentence, `None` for the root.
    pub head: Option<usize>,
    /// Universal dependency relation to the head ("nsubj", "obj", ...).
    pub deprel: String,
    /// True when whitespace follows the token in the original text.
    pub space_after: bool,
}

/// A sentence: a span and the tokens inside it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Sentence {
    /// Where the sentence is in the original text.
    pub span: Span,
    /// Tokens in order; heads index into this vector.
    pub tokens: Vec<Token>,
    /// Index of the paragraph (kept region) the sentence belongs to.
    pub paragraph: usize,
}

impl Sentence {
    /// The indices of the tokens whose head is `i`.
    pub fn children(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        self.tokens
            .iter()
            .enumerate()
            .filter(move |(_, t)| t.head == Some(i))
            .map(|(j, _)| j)
    }
}

/// A document: the original text and the analysis of every stage so far.
#[derive(Clone, Debug, Default)]
pub struct Document {
    /// Stable identifier (the file's base name without extension by default).
    pub id: String,
    /// The original text, exactly as read (after decoding to UTF-8).
    pub text: String,
    /// Paragraphs kept by ingest, in order; dropped furniture lies outside them.
    pub paragraphs: Vec<Span>,
    /// Ranges inside paragraphs that ingest dropped (credits, citation marks), sorted.
    pub dropped: Vec<Span>,
    /// Sentences, filled by the text stage and annotated by the syntax stage.
    pub sentences: Vec<Sentence>,
}

impl Document {
    /// A new document with no analysis yet.
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Self {
        Document { id: id.into(), text: text.into(), ..Default::default() }
    }

    /// The text under `span`.
    pub fn slice(&self, span: Span) -> &str {
        &self.text[span.start..span.end]
    }

    /// Converts a byte offset into a character (Unicode scalar) offset.
    pub fn char_offset(&self, byte: usize) -> usize {
        self.text[..byte].chars().count()
    }

    /// Number of tokens in all sentences.
    pub fn token_count(&self) -> usize {
        self.sentences.iter().map(|s| s.tokens.len()).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_offsets_count_scalars_not_bytes() {
        let d = Document::new("t", "I didn’t go");
        let b = d.text.find("go").unwrap();
        assert_eq!(b, 11);
        assert_eq!(d.char_offset(b), 9);
    }

    #[test]
    fn upos_round_trips() {
        for t in Upos::ALL {
            assert_eq!(Upos::parse(t.as_str()), Some(t));
        }
        assert_eq!(Upos::parse("NOPE"), None);
    }
}
