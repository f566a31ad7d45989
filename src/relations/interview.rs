//! Relations the form of the document states: in an interview, the
//! interviewer and the interviewees take part in the interview the heading
//! or lead names ("Wikinews interviews academic Simon Ličen ...").

use super::Found;
use crate::coref::Coref;
use crate::doc::Document;
use crate::graph::{EntityKind, RelationKind};
use crate::mentions::Mention;

/// How far into the document (in sentences) the interview must be named to
/// be the document's own interview rather than one it reports on.
const LEAD_SENTENCES: usize = 12;

/// Participation of the interview's people (see [`Coref::interview`]) in the
/// interview event named in the lead, with the sentence that names it as
/// evidence. Nothing when the document is no interview or names no event.
pub(super) fn interview_participation(doc: &Document, mentions: &[Mention], coref: &Coref, out: &mut Vec<Found>) {
    let iv = &coref.interview;
    if iv.interviewees.is_empty() {
        return;
    }
    // the earliest event chain of the lead whose name says "interview"
    let event = coref
        .chains
        .iter()
        .enumerate()
        .filter(|(_, ch)| ch.kind == EntityKind::Event && ch.label.to_lowercase().contains("interview"))
        .filter_map(|(ci, ch)| ch.mentions.iter().map(|&mi| mentions[mi].sentence).min().map(|s| (s, ci)))
        .filter(|&(s, _)| s < LEAD_SENTENCES)
        .min();
    let Some((si, ev)) = event else { return };
    for &p in iv.interviewer.iter().chain(&iv.interviewees) {
        if coref.chains[p].kind == EntityKind::Event {
            continue;
        }
        out.push(Found {
            source: p,
            target: ev,
            kind: RelationKind::Participation,
            role: None,
            directed: true,
            negated: false,
            ended: false,
            confidence: 0.7,
            sentence: si,
            evidence: doc.sentences[si].span,
        });
    }
}
