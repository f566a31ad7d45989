//! The running history of resolved mentions and the choice of the most
//! salient antecedent among them, plus the few facts of the parse that the
//! pronoun rules need (subjects, clause subjects, reflexive binders).
//!
//! An antecedent's score adds up, in this order of weight: recency by
//! sentence (one point per sentence back), grammatical role (subject over
//! object over the rest, more so in the pronoun's own sentence), parallel
//! role (a subject pronoun prefers a subject), the chain's salience so far
//! (how often it was mentioned), and small penalties for crossing a
//! paragraph or a quotation boundary.

use super::Coref;
use crate::doc::{Document, Sentence};
use crate::mentions::{Form, Mention};

/// Grammatical role of a mention in its clause.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Role {
    /// Nominal subject (active or passive).
    Subject,
    /// Direct or indirect object.
    Object,
    /// Anything else (oblique, possessor, modifier).
    Other,
}

/// A resolved mention in the running history of the document.
#[derive(Clone, Copy, Debug)]
pub(super) struct Seen {
    /// The chain it refers to.
    pub chain: usize,
    /// Its sentence.
    pub sentence: usize,
    /// Its first token.
    pub token: usize,
    /// Its paragraph.
    pub paragraph: usize,
    /// Its role.
    pub role: Role,
    /// True when it is inside a quotation.
    pub quoted: bool,
}

/// Where the pronoun being resolved stands.
#[derive(Clone, Copy, Debug)]
pub(super) struct Site {
    /// Its sentence.
    pub sentence: usize,
    /// Its paragraph.
    pub paragraph: usize,
    /// Its role.
    pub role: Role,
    /// True when it is inside a quotation.
    pub quoted: bool,
}

/// The role of mention `mi`, from the parse, else from its position (the
/// first mention of a sentence counts as its subject).
pub(super) fn role(doc: &Document, mentions: &[Mention], mi: usize) -> Role {
    let m = &mentions[mi];
    let t = &doc.sentences[m.sentence].tokens[m.head];
    if t.deprel.is_empty() {
        let first = !mentions.iter().any(|o| o.sentence == m.sentence && o.last < m.first);
        return if first { Role::Subject } else { Role::Other };
    }
    match t.deprel.split(':').next().unwrap_or("") {
        "nsubj" => Role::Subject,
        "obj" | "iobj" => Role::Object,
        _ => Role::Other,
    }
}

/// The chains of the mentions covering token `t` of sentence `si`.
pub(super) fn chains_at(c: &Coref, mentions: &[Mention], si: usize, t: usize) -> Vec<usize> {
    mentions
        .iter()
        .enumerate()
        .filter(|(_, m)| m.sentence == si && m.first <= t && t <= m.last && m.form != Form::Group)
        .min_by_key(|(_, m)| m.last - m.first)
        .map(|(mi, _)| c.refs[mi].clone())
        .unwrap_or_default()
}

/// The subject of the clause of token `t`: the `nsubj` of its verb; for a
/// verb without one, the controller up the tree (the object of "urging him
/// to reconsider aligning himself", else the subject of the higher verb).
pub(super) fn clause_subject(s: &Sentence, t: usize) -> Option<usize> {
    let mut v = s.tokens[t].head?;
    let mut from_xcomp = false;
    for _ in 0..4 {
        let subj = s.children(v).find(|&k| s.tokens[k].deprel.starts_with("nsubj") && k != t);
        if let Some(k) = subj {
            return Some(k);
        }
        if from_xcomp {
            // the object of the controlling verb controls the infinitive
            if let Some(k) = s.children(v).find(|&k| s.tokens[k].deprel == "obj" && k != t) {
                return Some(k);
            }
        }
        let rel = s.tokens[v].deprel.as_str();
        if !matches!(rel, "xcomp" | "advcl" | "acl" | "conj" | "ccomp") {
            return None;
        }
        from_xcomp = rel == "xcomp" || rel == "advcl" || rel == "acl";
        v = s.tokens[v].head?;
    }
    None
}

/// Weights of the antecedent score.
#[derive(Clone, Copy, Debug)]
pub(super) struct Weights {
    /// Per sentence between antecedent and pronoun.
    pub distance: f32,
    /// For a subject antecedent in an earlier sentence.
    pub subject: f32,
    /// For a subject antecedent in the pronoun's own sentence.
    pub subject_here: f32,
    /// For an object antecedent.
    pub object: f32,
    /// When pronoun and antecedent are both subjects.
    pub parallel: f32,
    /// Per earlier mention of the chain (capped by `salience_cap`).
    pub salience: f32,
    /// Cap of the salience term.
    pub salience_cap: f32,
    /// For an antecedent in another paragraph.
    pub paragraph: f32,
    /// For an antecedent on the other side of a quotation boundary.
    pub quote: f32,
}

/// The weights in use.
pub(super) const WEIGHTS: Weights = Weights {
    distance: 1.0,
    subject: 1.5,
    subject_here: 2.5,
    object: 0.5,
    parallel: 0.5,
    salience: 0.15,
    salience_cap: 1.5,
    paragraph: 0.5,
    quote: 0.5,
};

/// The best antecedent among chains seen in the last `window` sentences that
/// pass `ok` and are not in `exclude`.
pub(super) fn best(history: &[Seen], salience: &[f32], site: &Site, window: usize, ok: impl Fn(usize) -> bool, exclude: &[usize]) -> Option<usize> {
    let w = WEIGHTS;
    let mut scores: Vec<(f32, usize)> = Vec::new();
    for (k, h) in history.iter().enumerate().rev() {
        let d = site.sentence - h.sentence;
        if d > window || exclude.contains(&h.chain) || !ok(h.chain) {
            continue;
        }
        let role = match (h.role, d) {
            (Role::Subject, 0) => w.subject_here,
            (Role::Subject, _) => w.subject,
            (Role::Object, _) => w.object,
            _ => 0.0,
        };
        let parallel = if h.role == Role::Subject && site.role == Role::Subject { w.parallel } else { 0.0 };
        let recency = (history.len() - k) as f32 * 0.02;
        let score = -(d.min(10) as f32) * w.distance + role + parallel + (salience[h.chain] * w.salience).min(w.salience_cap)
            - if h.paragraph != site.paragraph { w.paragraph } else { 0.0 }
            - if h.quoted != site.quoted { w.quote } else { 0.0 }
            - recency;
        match scores.iter_mut().find(|(_, ci)| *ci == h.chain) {
            Some(e) => e.0 = e.0.max(score),
            None => scores.push((score, h.chain)),
        }
    }
    scores.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    scores.first().map(|&(_, ci)| ci)
}
