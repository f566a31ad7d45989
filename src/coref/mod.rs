//! Coreference: which mentions are the same referent.
//!
//! [`resolve`] groups the mentions of one document into [`Chain`]s:
//! - names: a surname or first name joins the earlier (or later) full name
//!   that carries it; party plurals join their party ("Democrats" →
//!   Democratic Party); two people who share a surname stay apart (a short
//!   name joins the most recent one); see `names`;
//! - aliases: "real name: X", "born X", "née X", "known as X", stage and pen
//!   names, quoted nicknames, names opening a parenthesis; see `aliases`;
//! - dialogue turns: who speaks each paragraph of an interview or a
//!   transcript; see [`turns`];
//! - descriptions ("the singer") join the person the text described that way,
//!   else the most salient person not named in the same sentence;
//! - pronouns join the most salient agreeing antecedent (gender, number,
//!   recency, subjecthood), and first person inside a quotation joins its
//!   speaker (see [`speakers`]);
//! - groups ("the pair", "we" in a quote) refer to two chains at once.

mod aliases;
mod describe;
pub mod eval;
mod names;
mod pronouns;
mod salience;
pub mod speakers;
pub mod turns;

use crate::doc::Document;
use crate::graph::EntityKind;
use crate::mentions::{Gender, Lexicon, Mention};

/// One referent: an entity with every mention that refers to it.
#[derive(Clone, Debug, PartialEq)]
pub struct Chain {
    /// What it is.
    pub kind: EntityKind,
    /// The fullest name.
    pub label: String,
    /// Every name used for it (label included).
    pub aliases: Vec<String>,
    /// Indices of its mentions (into the mention list given to [`resolve`]).
    pub mentions: Vec<usize>,
    /// Gender, from first names, titles, role nouns and pronouns.
    pub gender: Gender,
    /// Role nouns the text uses for it ("singer", "rapper").
    pub roles: Vec<String>,
}

/// The result of coreference for one document.
#[derive(Clone, Debug, Default)]
pub struct Coref {
    /// The chains (entities) of the document.
    pub chains: Vec<Chain>,
    /// For each mention, the chains it refers to: none (unresolved or not an
    /// entity), one, or two or more for a group ("we", "the pair").
    pub refs: Vec<Vec<usize>>,
    /// Quotations and their speakers.
    pub quotes: speakers::Quotes,
    /// For each sentence, the dialogue turn it belongs to (interviews, transcripts).
    pub turns: Vec<turns::Turn>,
    /// Who interviews whom, when the document is an interview.
    pub interview: turns::Interview,
}

impl Coref {
    /// The chains a mention refers to.
    pub fn of(&self, mention: usize) -> &[usize] {
        &self.refs[mention]
    }
}

/// Resolves the mentions of a document into chains.
pub fn resolve(doc: &Document, mentions: &[Mention], lex: &Lexicon) -> Coref {
    let mut c = Coref { chains: Vec::new(), refs: vec![Vec::new(); mentions.len()], quotes: speakers::find_quotes(doc, mentions), turns: Vec::new(), interview: Default::default() };
    names::resolve_names(doc, mentions, lex, &mut c);
    aliases::link_aliases(doc, mentions, lex, &mut c);
    (c.turns, c.interview) = turns::find_turns(doc, mentions, lex, &c);
    pronouns::resolve_references(doc, mentions, lex, &mut c);
    c
}

#[cfg(test)]
mod tests;
