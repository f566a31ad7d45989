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

/// Retags, before the parse, an event verb that the tagger read as a plural
/// noun right after a person's or organization's name, as headlines write
/// them: "Wikinews interviews meteorological experts on Cyclone Phalin",
/// "Wikinews interviews Christopher Hill". Only a verb of
/// `data/lexicons/event_verbs.txt`, only when the name opens its phrase (the
/// sentence's start, or after punctuation, a conjunction or an adverb) and a
/// noun phrase follows (a determiner, adjective, noun, name, number or
/// pronoun): "the Wikinews interviews of 2009", "exit interviews",
/// "Wikinews interviews with X" stay nouns.
pub fn mark_headline_verbs(doc: &mut crate::doc::Document, names: &[Mention], lex: &Lexicon) {
    for m in names {
        let typed = matches!(m.ty, NameType::Entity(EntityKind::Person) | NameType::Entity(EntityKind::Organization));
        if m.form != Form::Name || !typed {
            continue;
        }
        let toks = &mut doc.sentences[m.sentence].tokens;
        let v = m.last + 1;
        let opens = m.first == 0 || matches!(toks[m.first - 1].upos, Upos::Punct | Upos::Cconj | Upos::Adv | Upos::Sconj);
        let object = toks.get(v + 1).is_some_and(|n| matches!(n.upos, Upos::Det | Upos::Adj | Upos::Noun | Upos::Propn | Upos::Num | Upos::Pron));
        let Some(t) = toks.get_mut(v) else { continue };
        if !opens || !object || t.xpos != "NNS" || !t.form.ends_with('s') || !lex.event_verbs.contains_key(&t.lemma.to_lowercase()) {
            continue;
        }
        t.upos = Upos::Verb;
        t.xpos.clear();
        t.xpos.push_str("VBZ");
    }
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

#[cfg(test)]
mod tests {
    use crate::graph::{EntityKind, RelationKind};
    use crate::pipeline::{extract, Options};
    use crate::resources::Resources;

    /// (source, kind, target) labels of the edges of `text`'s graph, and its event labels.
    fn graph(text: &str) -> (Vec<(String, RelationKind, String)>, Vec<String>) {
        let ex = extract("t", text.to_string(), Resources::get(), Options::default());
        let edges = ex.graph.relations().map(|e| (e.source.label.clone(), e.relation.kind, e.target.label.clone())).collect();
        let events = ex.coref.chains.iter().filter(|c| c.kind == EntityKind::Event).map(|c| c.label.clone()).collect();
        (edges, events)
    }

    #[test]
    fn a_headline_verb_after_a_name_states_the_interview() {
        // interview_cyclone.txt: the tagger reads "interviews" as a plural noun
        let text = "Wikinews interviews meteorological experts on Cyclone Phalin\n\n\
            File photo of interviewee David Titley. Image: David Titley.\n\n\
            Will the cyclone lose strength over land?\n\n\
            Yes, all tropical cyclones are driven by high heat content waters.\n\n\
            How much rain will fall?\n\n\
            There will be very heavy rains and flooding along its path.";
        let (edges, events) = graph(text);
        assert!(events.iter().any(|e| e == "Wikinews interview"), "{events:?}");
        for who in ["Wikinews", "David Titley"] {
            assert!(edges.iter().any(|(s, k, t)| s == who && *k == RelationKind::Participation && t == "Wikinews interview"), "{who}: {edges:?}");
        }
        // a noun phrase of interviews stays one: no event is stated
        let (_, events) = graph("The Wikinews interviews with scientists were published in 2013.");
        assert!(!events.iter().any(|e| e.contains("interview")), "{events:?}");
    }
}
