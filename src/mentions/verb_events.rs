//! Events stated by a verb: "Wikinews interviewed Jack Herrick" is the event
//! "Wikinews interview with Jack Herrick"; "Montalvo was arrested" is the
//! event "arrest of Montalvo". Needs the parse; the verbs are listed in
//! `data/lexicons/event_verbs.txt`.

use super::{Form, Gender, Lexicon, Mention, NameType};
use crate::doc::{Sentence, Upos};
use crate::graph::EntityKind;

/// The name mention covering token `t`, if any.
fn name_at(names: &[Mention], t: usize) -> Option<&Mention> {
    names.iter().find(|m| m.form == Form::Name && m.first <= t && t <= m.last && m.ty != NameType::Unknown)
}

/// The name that is the dependent of `v` with one of these relations.
/// A name in apposition to the dependent counts: "interviewed Assistant
/// Professor ... Simon Ličen".
fn dependent<'m>(s: &Sentence, names: &'m [Mention], v: usize, rels: &[&str]) -> Option<&'m Mention> {
    s.children(v).filter(|&c| rels.contains(&s.tokens[c].deprel.as_str())).find_map(|c| {
        name_at(names, c).or_else(|| s.children(c).filter(|&g| matches!(s.tokens[g].deprel.as_str(), "appos" | "flat" | "compound")).find_map(|g| name_at(names, g)))
    })
}

/// The name a passive verb is said of when the parse lost its subject
/// ("Daniel Montalvo, 19, a member of Scientology all his life, was
/// arrested"): the first person name of the sentence before the verb that
/// no preposition governs.
fn surface_patient<'m>(s: &Sentence, names: &'m [Mention], v: usize) -> Option<&'m Mention> {
    let passive = s.children(v).any(|c| s.tokens[c].deprel == "aux:pass") || (v >= 1 && matches!(s.tokens[v - 1].lemma.as_str(), "be" | "get"));
    if !passive {
        return None;
    }
    names.iter().filter(|m| m.last < v && m.ty == NameType::Entity(EntityKind::Person)).find(|m| m.first == 0 || s.tokens[m.first - 1].upos != Upos::Adp)
}

pub(super) fn find_verb_events(si: usize, s: &Sentence, lex: &Lexicon, names: &[Mention]) -> Vec<Mention> {
    let mut out = Vec::new();
    if !s.tokens.iter().any(|t| !t.deprel.is_empty()) {
        return out;
    }
    for (v, t) in s.tokens.iter().enumerate() {
        if t.upos != Upos::Verb {
            continue;
        }
        let Some((noun, agent_style)) = lex.event_verbs.get(&t.lemma.to_lowercase()) else { continue };
        let subj = dependent(s, names, v, &["nsubj"]);
        let obj = dependent(s, names, v, &["obj", "nsubj:pass"]).or_else(|| if *agent_style { None } else { surface_patient(s, names, v) });
        let label = match (agent_style, subj, obj) {
            (true, Some(a), Some(b)) => format!("{} {noun} with {}", a.text, b.text),
            (true, None, Some(b)) => format!("{noun} with {}", b.text),
            (true, Some(a), None) => format!("{} {noun}", a.text),
            (false, _, Some(b)) => format!("{noun} of {}", b.text),
            _ => continue,
        };
        out.push(Mention::new(si, s, v, v, label, Form::Name, NameType::Entity(EntityKind::Event), Gender::Neuter));
    }
    out
}
