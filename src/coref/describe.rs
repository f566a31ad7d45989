//! Descriptions ("the singer", "the 43-year-old") and groups ("the pair",
//! "they" for two people named together).
//!
//! The roles a text gives a person are collected first: a role noun right
//! before the name ("fellow rapper Big Sean", "singer John Legend"), in
//! apposition after it ("Legend, the singer, ..."), an age in apposition
//! ("Legend, 43, tells ..." makes him "the 43-year-old"), or as the predicate
//! of a copula ("Chomsky is a professor"). A description then refers to the
//! recent person described that way, else to the most salient recent person
//! not named in its own sentence.

use super::salience::{best, Seen, Site};
use super::Coref;
use crate::doc::{Document, Upos};
use crate::graph::EntityKind;
use crate::mentions::{Form, Gender, Lexicon, Mention};

/// Verbs that report speech: after a role noun they make "West, the singer
/// says" a reporting clause rather than an apposition.
fn speech_verb(w: &str) -> bool {
    matches!(w, "says" | "said" | "say" | "tells" | "told" | "adds" | "added" | "writes" | "wrote")
}

/// The roles the text gives each person chain (stored in `Chain::roles`).
pub(super) fn attach_roles(doc: &Document, mentions: &[Mention], lex: &Lexicon, c: &mut Coref) {
    for (mi, m) in mentions.iter().enumerate() {
        if m.form != Form::Name {
            continue;
        }
        let [ci] = c.refs[mi][..] else { continue };
        if c.chains[ci].kind != EntityKind::Person {
            continue;
        }
        let toks = &doc.sentences[m.sentence].tokens;
        let mut roles: Vec<String> = m.roles.clone();
        if m.first > 0 {
            let w = toks[m.first - 1].form.to_lowercase();
            if lex.role_nouns.contains_key(&w) {
                roles.push(w);
            }
        }
        let after = |k: usize| toks.get(m.last + k).map(|t| t.form.to_lowercase()).unwrap_or_default();
        if after(1) == "," {
            // "Legend, 43, tells ...": the 43-year-old
            if after(2).chars().all(|ch| ch.is_ascii_digit()) && !after(2).is_empty() && matches!(after(3).as_str(), "," | "." | ")") {
                roles.push("year-old".into());
            }
            // "Name, the ROLE" / "Name, a ROLE"
            for (k, t) in toks.iter().enumerate().skip(m.last + 2).take(5) {
                let w = t.form.to_lowercase();
                if w == "," || w == "." {
                    break;
                }
                if lex.role_nouns.contains_key(&w) {
                    // "West, the EGOT-winning singer says ...": a reporting clause, not an apposition
                    let verb_next = toks.get(k + 1).is_some_and(|n| matches!(n.upos, Upos::Verb | Upos::Aux) || speech_verb(&n.form));
                    if !verb_next {
                        roles.push(w);
                    }
                    break;
                }
            }
        }
        // "Noam Chomsky is a professor emeritus"
        if matches!(after(1).as_str(), "is" | "was" | "became" | "becomes") {
            for t in toks.iter().skip(m.last + 2).take(4) {
                let w = t.form.to_lowercase();
                if lex.role_nouns.contains_key(&w) {
                    roles.push(w);
                    break;
                }
                if matches!(w.as_str(), "," | "." | "of" | "and" | "who" | "that") {
                    break;
                }
            }
        }
        for r in roles {
            if !c.chains[ci].roles.contains(&r) {
                c.chains[ci].roles.push(r);
            }
        }
    }
}

/// "the singer": the recent person described with that role, else the most
/// salient recent person (see `salience::best`) not named in this sentence
/// and of agreeing gender.
pub(super) fn description(c: &Coref, named_here: &[usize], history: &[Seen], site: &Site, role: &str, gender: Gender) -> Option<usize> {
    let si = site.sentence;
    let last_seen = |ci: usize| history.iter().rev().find(|h| h.chain == ci).map(|h| h.sentence);
    let recent = |ci: usize| last_seen(ci).is_some_and(|s| si - s <= 6);
    let person = |ci: usize| c.chains[ci].kind == EntityKind::Person && c.chains[ci].gender.agrees(gender);
    // (the role first: looking back through the history is the slow test)
    let described: Vec<usize> = (0..c.chains.len()).filter(|&ci| c.chains[ci].roles.iter().any(|r| r == role) && person(ci) && recent(ci)).collect();
    if !described.is_empty() {
        // the most recently mentioned of those described that way
        return described.into_iter().max_by_key(|&ci| (last_seen(ci), std::cmp::Reverse(ci)));
    }
    best(history, site, 6, person, named_here)
}

/// The two most salient recent people, or `first` and the most salient other.
pub(super) fn top_two(c: &Coref, history: &[Seen], salience: &[f32], si: usize, first: Option<usize>) -> Vec<usize> {
    let mut cands: Vec<usize> = Vec::new();
    for h in history.iter().rev() {
        if si - h.sentence > 4 {
            break;
        }
        if !cands.contains(&h.chain) && Some(h.chain) != first && c.chains[h.chain].kind == EntityKind::Person {
            cands.push(h.chain);
        }
    }
    cands.sort_by(|&a, &b| salience[b].total_cmp(&salience[a]).then(a.cmp(&b)));
    let mut out: Vec<usize> = first.into_iter().collect();
    for ci in cands {
        if out.len() == 2 {
            break;
        }
        out.push(ci);
    }
    if out.len() == 2 {
        out
    } else {
        Vec::new()
    }
}

/// Two people named together ("Carrano and Biewener", "West and Legend") in
/// this or the previous sentence, before the pronoun `m`; or a group mention
/// ("the pair") resolved there. `near` holds the indices of the mentions of
/// this and the previous sentence, ascending.
pub(super) fn recent_pair(doc: &Document, c: &Coref, mentions: &[Mention], near: &[usize], m: &Mention) -> Option<Vec<usize>> {
    let si = m.sentence;
    let before = |o: &Mention| o.sentence + 2 >= si && (o.sentence < si || o.last < m.first);
    let near = || near.iter().map(|&mi| (mi, &mentions[mi]));
    let named: Vec<(usize, &Mention)> = near().filter(|(_, o)| o.form == Form::Name && before(o)).collect();
    let person = |mi: usize| match c.refs[mi][..] {
        [ci] if c.chains[ci].kind == EntityKind::Person => Some(ci),
        _ => None,
    };
    let mut found: Option<(usize, usize, Vec<usize>)> = None; // (sentence, token, chains)
    for w in named.windows(2) {
        let ((a, ma), (b, mb)) = (w[0], w[1]);
        let joined = ma.sentence == mb.sentence && mb.first == ma.last + 2 && matches!(doc.sentences[ma.sentence].tokens[ma.last + 1].form.as_str(), "and" | "&");
        if let (true, Some(ca), Some(cb)) = (joined, person(a), person(b)) {
            if ca != cb {
                found = Some((mb.sentence, mb.last, vec![ca, cb]));
            }
        }
    }
    // a subject and the one it acts "with" ("Marbles does a weekly podcast
    // with her boyfriend Julien Solomita. ... They ...")
    for (i, &(a, ma)) in named.iter().enumerate() {
        let toks = &doc.sentences[ma.sentence].tokens;
        if !(ma.first..=ma.last).any(|k| toks[k].deprel.starts_with("nsubj")) {
            continue;
        }
        let partner = named[i + 1..].iter().take_while(|(_, o)| o.sentence == ma.sentence).find(|(_, o)| (o.first.saturating_sub(3).max(ma.last + 1)..o.first).any(|k| toks[k].form == "with"));
        if let (Some(&(b, mb)), Some(ca)) = (partner, person(a)) {
            if let Some(cb) = person(b).filter(|&cb| cb != ca) {
                if found.as_ref().is_none_or(|f| (f.0, f.1) < (mb.sentence, mb.last)) {
                    found = Some((mb.sentence, mb.last, vec![ca, cb]));
                }
            }
        }
    }
    // "the pair", "the two"
    for (gi, g) in near().filter(|(_, o)| o.form == Form::Group && before(o)) {
        if c.refs[gi].len() == 2 && found.as_ref().is_none_or(|f| (f.0, f.1) < (g.sentence, g.last)) {
            found = Some((g.sentence, g.last, c.refs[gi].clone()));
        }
    }
    found.map(|f| f.2)
}
