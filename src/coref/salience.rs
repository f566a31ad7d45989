//! The running history of resolved mentions and the choice of the most
//! salient antecedent among them, plus the few facts of the parse that the
//! pronoun rules need (subjects, clause subjects, reflexive binders).
//!
//! The antecedent's score is the salience of its chain in the manner of
//! Lappin and Leass (1994): every earlier mention adds weight for recency,
//! role (subject, object, other), being a phrase's head and not being in an
//! adverbial; the weight halves with every sentence back.

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
    /// True for a possessor ("Legend's texts", "his"): not the head of its phrase.
    pub possessor: bool,
    /// True inside an adverbial phrase (an oblique: "in an interview with X").
    pub adverbial: bool,
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

/// The salience a mention gives its chain, in the manner of Lappin and
/// Leass (1994): recency, plus emphasis for its role, for being the head of
/// its phrase and for not being inside an adverbial phrase.
fn weight(h: &Seen) -> f32 {
    let role = match h.role {
        Role::Subject => 80.0,
        Role::Object => 50.0,
        Role::Other => 40.0,
    };
    let head = if h.possessor { 0.0 } else { 80.0 };
    let non_adverbial = if h.adverbial { 0.0 } else { 50.0 };
    100.0 + role + head + non_adverbial
}

/// The best antecedent among chains seen in the last `window` sentences that
/// pass `ok` and are not in `exclude`: each mention's weight halves with
/// every sentence back, a chain's salience is the sum over its mentions, and
/// a subject pronoun earns a bonus from a subject antecedent (parallelism).
/// Crossing a quotation or paragraph boundary halves a mention's weight.
pub(super) fn best(history: &[Seen], site: &Site, window: usize, ok: impl Fn(usize) -> bool, exclude: &[usize]) -> Option<usize> {
    let mut scores: Vec<(f32, usize)> = Vec::new();
    for h in history.iter().rev() {
        let d = site.sentence - h.sentence;
        if d > window || exclude.contains(&h.chain) || !ok(h.chain) {
            continue;
        }
        let mut w = weight(h) * 0.5f32.powi(d.min(30) as i32);
        if h.quoted != site.quoted {
            w *= 0.5;
        }
        if h.paragraph != site.paragraph {
            w *= 0.5;
        }
        if d == 0 && h.role == Role::Subject && site.role == Role::Subject {
            w += 35.0;
        }
        match scores.iter_mut().find(|(_, ci)| *ci == h.chain) {
            Some(e) => e.0 += w,
            None => scores.push((w, h.chain)),
        }
    }
    // the most salient; ties go to the chain mentioned last
    let mut best: Option<(f32, usize)> = None;
    for (sc, ci) in scores {
        if best.is_none_or(|(b, _)| sc > b + 1e-3) {
            best = Some((sc, ci));
        }
    }
    best.map(|(_, ci)| ci)
}
