//! Pronouns, descriptions, speakers and groups.

use super::speakers::Quotes;
use super::Coref;
use crate::doc::Document;
use crate::graph::EntityKind;
use crate::mentions::{Form, Gender, Lexicon, Mention};

/// A resolved mention in the running history of the document.
#[derive(Clone, Copy, Debug)]
struct Seen {
    chain: usize,
    sentence: usize,
    subject: bool,
}

/// Role nouns right before a name or in apposition after it.
fn attach_roles(doc: &Document, mentions: &[Mention], lex: &Lexicon, c: &mut Coref) {
    for (mi, m) in mentions.iter().enumerate() {
        if m.form != Form::Name {
            continue;
        }
        let [ci] = c.refs[mi][..] else { continue };
        if c.chains[ci].kind != EntityKind::Person {
            continue;
        }
        let toks = &doc.sentences[m.sentence].tokens;
        let mut roles = Vec::new();
        if m.first > 0 {
            let w = toks[m.first - 1].form.to_lowercase();
            if lex.role_nouns.contains_key(&w) {
                roles.push(w);
            }
        }
        // "Name, the ROLE" / "Name, a ROLE" / "Name, 43, ..."
        if toks.get(m.last + 1).is_some_and(|t| t.form == ",") {
            for t in toks.iter().skip(m.last + 2).take(5) {
                let w = t.form.to_lowercase();
                if w == "," || w == "." {
                    break;
                }
                if lex.role_nouns.contains_key(&w) {
                    // "West, the EGOT-winning singer says ...": a reporting clause, not an apposition
                    let verb_next = toks.iter().skip_while(|x| !std::ptr::eq(*x, t)).nth(1).is_some_and(|n| matches!(n.upos, crate::doc::Upos::Verb | crate::doc::Upos::Aux) || speech_verb(&n.form));
                    if !verb_next {
                        roles.push(w);
                    }
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

fn speech_verb(w: &str) -> bool {
    matches!(w, "says" | "said" | "say" | "tells" | "told" | "adds" | "added" | "writes" | "wrote")
}

fn is_subject(doc: &Document, mentions: &[Mention], mi: usize) -> bool {
    let m = &mentions[mi];
    let t = &doc.sentences[m.sentence].tokens[m.head];
    if !t.deprel.is_empty() {
        return t.deprel.starts_with("nsubj");
    }
    // without a parse: the first mention of its sentence
    !mentions.iter().any(|o| o.sentence == m.sentence && o.last < m.first)
}

pub(super) fn resolve_references(doc: &Document, mentions: &[Mention], lex: &Lexicon, c: &mut Coref) {
    attach_roles(doc, mentions, lex, c);
    let quotes = c.quotes.clone();
    // the narrator of first-person text outside quotations: the person named most often
    let mut counts = vec![0usize; c.chains.len()];
    for refs in &c.refs {
        if let [ci] = refs[..] {
            counts[ci] += 1;
        }
    }
    // the person named in the heading or opening (speeches, interviews, statements),
    // else the person named most often
    let opening = mentions
        .iter()
        .enumerate()
        .filter(|(_, m)| m.sentence < 5 && m.form == Form::Name)
        .find_map(|(mi, _)| c.refs[mi].first().copied().filter(|&ci| c.chains[ci].kind == EntityKind::Person));
    let narrator = opening.or_else(|| {
        (0..c.chains.len())
            .filter(|&ci| c.chains[ci].kind == EntityKind::Person && counts[ci] >= 2)
            .max_by_key(|&ci| (counts[ci], std::cmp::Reverse(ci)))
    });

    // first-person narration: "he" and "she" are then other people than the narrator
    let first_person_outside = mentions
        .iter()
        .filter(|m| matches!(&m.form, Form::Pronoun(p) if p.person == 1 && !p.plural) && !quotes.is_inside(m.sentence, m.first))
        .count();
    let narrating = if first_person_outside >= 3 { narrator } else { None };
    let mut history: Vec<Seen> = Vec::new();
    let mut salience = vec![0.0f32; c.chains.len()];
    let nsent = doc.sentences.len();
    let mut by_sentence: Vec<Vec<usize>> = vec![Vec::new(); nsent];
    for (mi, m) in mentions.iter().enumerate() {
        by_sentence[m.sentence].push(mi);
    }
    for (si, ms) in by_sentence.iter().enumerate() {
        // outside quotations first, so "he said" is known before the quote's "I"
        let mut order = ms.clone();
        order.sort_by_key(|&mi| (quotes.is_inside(si, mentions[mi].first), mentions[mi].first));
        let named_here: Vec<usize> = ms.iter().flat_map(|&mi| c.refs[mi].clone()).collect();
        for mi in order {
            let m = &mentions[mi];
            if c.refs[mi].is_empty() {
                let inside = quotes.is_inside(si, m.first);
                let r = match &m.form {
                    Form::Name => Vec::new(),
                    Form::Pronoun(p) => {
                        let not = clause_subject_chains(doc, c, mentions, m);
                        pronoun(c, &quotes, mentions, &history, &salience, si, inside, *p, narrator, narrating, m, &not)
                    }
                    Form::Description(role) => {
                        let r = description(c, &salience, &named_here, &history, si, role);
                        // the text now describes this chain that way: "the singer" later means the same
                        if let Some(ci) = r {
                            if !c.chains[ci].roles.contains(role) {
                                c.chains[ci].roles.push(role.clone());
                            }
                        }
                        r.into_iter().collect()
                    }
                    Form::Group => top_two(c, &history, &salience, si, None),
                };
                c.refs[mi] = r;
            }
            let subject = is_subject(doc, mentions, mi);
            for &ci in &c.refs[mi] {
                if !c.chains[ci].mentions.contains(&mi) && c.refs[mi].len() == 1 {
                    c.chains[ci].mentions.push(mi);
                }
                // pronouns teach gender to a chain that lacks it
                if let (Form::Pronoun(p), 1) = (&m.form, c.refs[mi].len()) {
                    if c.chains[ci].gender == Gender::Unknown && matches!(p.gender, Gender::Male | Gender::Female) && p.person == 3 {
                        c.chains[ci].gender = p.gender;
                    }
                }
                salience[ci] += if m.form == Form::Name { 1.0 } else { 0.5 };
                history.push(Seen { chain: ci, sentence: si, subject });
            }
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn pronoun(
    c: &Coref,
    quotes: &Quotes,
    mentions: &[Mention],
    history: &[Seen],
    salience: &[f32],
    si: usize,
    inside: bool,
    p: crate::mentions::PronounInfo,
    narrator: Option<usize>,
    narrating: Option<usize>,
    m: &Mention,
    not: &[usize],
) -> Vec<usize> {
    let speaker = if inside { quotes.speaker[si].and_then(|sm| c.refs.get(sm)).and_then(|r| r.first().copied()) } else { None };
    let turn = c.turns.get(si).copied().unwrap_or_default();
    // outside quotations the first person is the turn's speaker in a dialogue, else the narrator
    let voice = if turn.dialogue { turn.speaker } else { narrator };
    match (p.person, p.plural) {
        (1, false) => {
            if inside {
                speaker.into_iter().collect()
            } else {
                voice.into_iter().collect()
            }
        }
        (1, true) => {
            // "we" in a quotation: the speaker and the other person the passage is about
            match speaker.filter(|_| inside) {
                Some(sp) => top_two(c, history, salience, si, Some(sp)),
                // outside quotations "we" is the narrator's side: the narrator stands for it
                None if !inside => voice.into_iter().collect(),
                None => Vec::new(),
            }
        }
        (2, _) => {
            if inside {
                Vec::new()
            } else {
                turn.addressee.into_iter().collect()
            }
        }
        (3, false) if p.gender == Gender::Neuter => {
            // "it": a recent organization
            best(c, history, salience, si, 2, |ch| ch.kind == EntityKind::Organization, None).into_iter().collect()
        }
        (3, false) => {
            // "he was upset with me": he is not the speaker, nor the narrator of a first-person text
            let exclude = speaker.or(if inside { None } else if turn.dialogue { turn.speaker } else { narrating });
            // "he said, referencing his texts to West": a subject pronoun is not
            // someone the same sentence names after it
            let named_later: Vec<usize> = if m.first == 0 || c.quotes.is_inside(m.sentence, m.first) || !is_subject_pronoun(m) {
                Vec::new()
            } else {
                mentions.iter().enumerate().filter(|(_, o)| o.sentence == m.sentence && o.first > m.last && o.form == Form::Name && !c.quotes.is_inside(o.sentence, o.first)).flat_map(|(oi, _)| c.refs[oi].clone()).collect()
            };
            // "John Legend did not support him": an object pronoun is not its own clause's subject
            let history: Vec<Seen> = history.iter().copied().filter(|h| !named_later.contains(&h.chain) && !not.contains(&h.chain)).collect();
            let history = &history[..];
            let _ = (mentions, m);
            let ok = |ch: &super::Chain| ch.kind == EntityKind::Person && ch.gender.agrees(p.gender);
            best(c, history, salience, si, 3, ok, exclude)
                // nobody near: the most salient agreeing person of the text so far
                .or_else(|| best(c, history, salience, si, usize::MAX / 2, ok, exclude))
                .into_iter()
                .collect()
        }
        // "they": a recent pair of people named together ("Carrano and Biewener"), else an organization
        (3, true) => match recent_pair(c, mentions, history, si, m) {
            Some(pair) => pair,
            None => best(c, history, salience, si, 1, |ch| ch.kind == EntityKind::Organization, None).into_iter().collect(),
        },
        _ => Vec::new(),
    }
}

/// The chains of the subject of the verb whose object the pronoun `m` is.
fn clause_subject_chains(doc: &Document, c: &Coref, mentions: &[Mention], m: &Mention) -> Vec<usize> {
    let s = &doc.sentences[m.sentence];
    let t = &s.tokens[m.head];
    if !matches!(t.deprel.as_str(), "obj" | "iobj" | "obl") || matches!(t.form.to_lowercase().as_str(), "his" | "her" | "its" | "their") {
        return Vec::new();
    }
    let Some(v) = t.head else { return Vec::new() };
    let Some(subj) = s.children(v).find(|&k| s.tokens[k].deprel.starts_with("nsubj")) else { return Vec::new() };
    mentions
        .iter()
        .enumerate()
        .filter(|(_, o)| o.sentence == m.sentence && o.first <= subj && subj <= o.last)
        .flat_map(|(oi, _)| c.refs[oi].clone())
        .collect()
}

/// "he", "she", "they": pronouns in subject form.
fn is_subject_pronoun(m: &Mention) -> bool {
    matches!(m.text.to_lowercase().as_str(), "he" | "she" | "they")
}

/// The best antecedent among chains seen in the last `window` sentences.
fn best(
    c: &Coref,
    history: &[Seen],
    salience: &[f32],
    si: usize,
    window: usize,
    ok: impl Fn(&super::Chain) -> bool,
    exclude: Option<usize>,
) -> Option<usize> {
    let mut scores: Vec<(f32, usize)> = Vec::new();
    for (k, h) in history.iter().enumerate().rev() {
        if si - h.sentence > window || Some(h.chain) == exclude || !ok(&c.chains[h.chain]) {
            continue;
        }
        let recency = (history.len() - k) as f32;
        let score = -((si - h.sentence).min(10) as f32) - recency * 0.1 + if h.subject { if h.sentence == si { 2.5 } else { 1.5 } } else { 0.0 } + salience[h.chain].min(10.0) * 0.3;
        match scores.iter_mut().find(|(_, ci)| *ci == h.chain) {
            Some(e) => e.0 = e.0.max(score),
            None => scores.push((score, h.chain)),
        }
    }
    scores.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    scores.first().map(|&(_, ci)| ci)
}

/// "the singer": the chain described with that role, else the most salient
/// person not named in this sentence.
fn description(c: &Coref, salience: &[f32], named_here: &[usize], history: &[Seen], si: usize, role: &str) -> Option<usize> {
    let recent = |ci: usize| history.iter().any(|h| h.chain == ci && si - h.sentence <= 6);
    let people = (0..c.chains.len()).filter(|&ci| c.chains[ci].kind == EntityKind::Person && recent(ci));
    let described: Vec<usize> = people.clone().filter(|&ci| c.chains[ci].roles.iter().any(|r| r == role)).collect();
    let pool: Vec<usize> = if described.is_empty() { people.filter(|ci| !named_here.contains(ci)).collect() } else { described };
    pool.into_iter().max_by(|&a, &b| salience[a].total_cmp(&salience[b]).then(b.cmp(&a)))
}

/// The two most salient recent people, or `first` and the most salient other.
fn top_two(c: &Coref, history: &[Seen], salience: &[f32], si: usize, first: Option<usize>) -> Vec<usize> {
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

/// Two people named together ("X and Y") in this or the previous sentence,
/// before the pronoun `m`.
fn recent_pair(c: &Coref, mentions: &[Mention], history: &[Seen], si: usize, m: &Mention) -> Option<Vec<usize>> {
    let _ = history;
    let names: Vec<(usize, &Mention)> = mentions
        .iter()
        .enumerate()
        .filter(|(_, o)| o.form == Form::Name && o.sentence + 1 >= si && (o.sentence < si || o.last < m.first))
        .collect();
    for w in names.windows(2).rev() {
        let ((a, ma), (b, mb)) = (w[0], w[1]);
        if ma.sentence == mb.sentence && mb.first == ma.last + 2 {
            let (ca, cb) = (c.refs[a].first()?, c.refs[b].first()?);
            if ca != cb && c.chains[*ca].kind == EntityKind::Person && c.chains[*cb].kind == EntityKind::Person {
                return Some(vec![*ca, *cb]);
            }
        }
    }
    None
}
