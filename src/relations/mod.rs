//! Relations: typed, directed, evidenced edges between resolved entities.
//!
//! [`extract_relations`] scans each sentence for triggers from
//! `data/lexicons/triggers.txt`, finds the trigger's arguments among the
//! sentence's resolved mentions (names, pronouns, descriptions, groups) with
//! the patterns of `patterns`, qualifies the statement with [`polarity`]
//! (negated, hedged, ended), and keeps one edge per (source, kind, target)
//! with its clearest evidence sentence.

pub(crate) mod args;
mod dep;
mod implicit;
mod interview;
pub(crate) mod patterns;
pub mod polarity;
mod triggers;

pub use triggers::{Pattern, Sense, Trigger, Triggers};

use crate::coref::Coref;
use crate::doc::{Document, Span};
use crate::graph::{EntityKind, RelationKind, Role};
use crate::mentions::Mention;
use crate::resources::Resources;

/// A relation found in one document, between two coreference chains.
#[derive(Clone, Debug, PartialEq)]
pub struct Found {
    /// Source chain.
    pub source: usize,
    /// Target chain.
    pub target: usize,
    /// Kind.
    pub kind: RelationKind,
    /// Family role (of the target, seen from the source).
    pub role: Option<Role>,
    /// False for mutual relations.
    pub directed: bool,
    /// The text denies it.
    pub negated: bool,
    /// It is over.
    pub ended: bool,
    /// 0 to 1.
    pub confidence: f32,
    /// Sentence index.
    pub sentence: usize,
    /// The evidence quote (bytes in the original text).
    pub evidence: Span,
}

/// True when a relation of `kind` may link entities of these kinds (GUIDELINES.md).
pub fn kinds_allowed(kind: RelationKind, source: EntityKind, target: EntityKind) -> bool {
    use EntityKind::*;
    use RelationKind::*;
    match kind {
        Friendship | Family | Romance => source == Person && target == Person,
        Collaboration | Support | Disagreement => source != Event && target != Event,
        Participation => source != Event && target == Event,
        Membership => source == Person && target == Organization,
    }
}

/// Finds the relations of a document from its mentions and chains.
pub fn extract_relations(doc: &Document, mentions: &[Mention], coref: &Coref, res: &Resources) -> Vec<Found> {
    let mut found: Vec<Found> = Vec::new();
    let by_sentence = crate::mentions::by_sentence(doc.sentences.len(), mentions);
    for (si, here) in by_sentence.iter().enumerate() {
        let ctx = args::SentenceArgs::new(doc, si, mentions, here, coref);
        patterns::sentence_relations(&ctx, res, &mut found);
    }
    interview::interview_participation(doc, mentions, coref, &mut found);
    // symmetric kinds are undirected; no self-loops; kinds must fit the guidelines
    found.retain(|f| f.source != f.target && kinds_allowed(f.kind, coref.chains[f.source].kind, coref.chains[f.target].kind));
    for f in &mut found {
        if f.kind.always_symmetric() {
            f.directed = false;
        }
    }
    dedupe(found)
}

/// One edge per (source, kind, target, polarity): the most confident, earliest.
fn dedupe(found: Vec<Found>) -> Vec<Found> {
    let mut out: Vec<Found> = Vec::new();
    for f in found {
        let key = |x: &Found| {
            let (a, b) = if x.directed { (x.source, x.target) } else { (x.source.min(x.target), x.source.max(x.target)) };
            (a, b, x.kind, x.directed, x.negated)
        };
        match out.iter_mut().find(|o| key(o) == key(&f)) {
            Some(o) => {
                if f.confidence > o.confidence {
                    let ended = o.ended || f.ended;
                    *o = Found { ended, ..f };
                } else {
                    o.ended |= f.ended;
                }
            }
            None => out.push(f),
        }
    }
    // a mutual disagreement makes the directed ones between the same pair redundant
    out
}

#[cfg(test)]
mod tests;
