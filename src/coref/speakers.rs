//! Quotations and their speakers.
//!
//! [`find_quotes`] marks every token inside double quotation marks and finds
//! who speaks each quotation, and to whom:
//! - the subject of a speech verb outside the quote in the same sentence
//!   ("..., Legend says", "he said, “...”", "the singer clarified"), or the
//!   name inverted after it ("said Legend"); the verb's object is the
//!   addressee ("he told West, “...”");
//! - "according to X";
//! - a name or pronoun introducing the quote with a colon (`X: "..."`), or a
//!   sentence that ends with a colon after a speech verb ("He added:");
//! - the subject of the sentence before, in the same paragraph, when it
//!   issues a statement (`data/lexicons/statement_nouns.txt`: "Senator X
//!   issued a statement regarding ...", then the quotation);
//! - else the speaker of the quotation that runs on from the previous
//!   sentence or paragraph.

use crate::doc::Document;
use crate::graph::EntityKind;
use crate::mentions::{Form, Mention, NameType};
use crate::resources::{data, word_set};
use rustc_hash::FxHashSet as HashSet;
use std::sync::OnceLock;

fn speech_verbs() -> &'static HashSet<String> {
    static S: OnceLock<HashSet<String>> = OnceLock::new();
    S.get_or_init(|| word_set(data!("lexicons/speech_verbs.txt").1))
}

fn statement_nouns() -> &'static HashSet<String> {
    static S: OnceLock<HashSet<String>> = OnceLock::new();
    S.get_or_init(|| word_set(data!("lexicons/statement_nouns.txt").1))
}

/// Quotation marks and speakers of a document.
#[derive(Clone, Debug, Default)]
pub struct Quotes {
    /// `inside[s][t]`: token `t` of sentence `s` is inside a quotation.
    pub inside: Vec<Vec<bool>>,
    /// `speaker[s]`: the mention that speaks the quotations of sentence `s`.
    pub speaker: Vec<Option<usize>>,
    /// `addressee[s]`: the mention spoken to ("told West"), when the text says.
    pub addressee: Vec<Option<usize>>,
}

impl Quotes {
    /// True when the token is inside a quotation.
    pub fn is_inside(&self, s: usize, t: usize) -> bool {
        self.inside.get(s).and_then(|v| v.get(t)).copied().unwrap_or(false)
    }
}

fn opens(form: &str) -> Option<bool> {
    match form {
        "\"" => None, // straight: toggles
        "“" => Some(true),
        "”" => Some(false),
        _ => Some(false),
    }
}

/// Verbs whose object is the person spoken to.
const ADDRESS_VERBS: &[&str] = &["tell", "tells", "told", "telling", "ask", "asks", "asked", "asking", "assure", "assured", "warn", "warned", "remind", "reminded"];

/// Marks quotations and finds their speakers.
pub fn find_quotes(doc: &Document, mentions: &[Mention]) -> Quotes {
    let n = doc.sentences.len();
    let mut q = Quotes { inside: Vec::with_capacity(n), speaker: vec![None; n], addressee: vec![None; n] };
    let mut open = false;
    let mut para = usize::MAX;
    for s in &doc.sentences {
        if s.paragraph != para {
            // a quotation may run on into the next paragraph only when that
            // paragraph opens with a quotation mark again
            open = false;
            para = s.paragraph;
        }
        let mut v = Vec::with_capacity(s.tokens.len());
        for t in &s.tokens {
            let raw = &doc.text[t.span.start..t.span.end];
            if matches!(raw, "\"" | "“" | "”") {
                open = match opens(raw) {
                    None => !open,
                    Some(o) => o,
                };
                v.push(false);
            } else {
                v.push(open);
            }
        }
        single_quotes(doc, s, &mut v);
        q.inside.push(v);
    }
    let mut last_speaker: Option<(usize, usize)> = None; // (paragraph, mention)
    for (si, s) in doc.sentences.iter().enumerate() {
        if !q.inside[si].iter().any(|&b| b) {
            continue;
        }
        let (mut found, addressee) = attribution(doc, mentions, &q, si);
        // the sentence before, outside quotations
        if found.is_none() && si > 0 && !q.inside[si - 1].iter().any(|&b| b) {
            let before = &doc.sentences[si - 1];
            // "He added:" at its end
            if before.tokens.last().is_some_and(|t| t.form == ":") {
                found = attribution(doc, mentions, &q, si - 1).0;
            }
            // "Senator X issued a statement regarding ...", then the quotation
            if found.is_none() && before.paragraph == s.paragraph {
                found = statement_speaker(doc, mentions, si - 1);
            }
        }
        let found = found.or_else(|| last_speaker.filter(|(p, _)| *p + 1 >= s.paragraph).map(|(_, m)| m));
        if let Some(m) = found {
            last_speaker = Some((s.paragraph, m));
        }
        q.speaker[si] = found;
        q.addressee[si] = addressee;
    }
    q
}

/// Marks a quotation in single quotation marks that opens and closes within
/// the sentence, outside double quotes: the headline `John Legend says Kanye
/// West 'was very upset with me that I didn't support him'`. An opening mark
/// follows a space and touches the next word; a closing one touches the word
/// before it and is followed by a space, punctuation or the end.
fn single_quotes(doc: &Document, s: &crate::doc::Sentence, inside: &mut [bool]) {
    let toks = &s.tokens;
    let raw = |k: usize| &doc.text[toks[k].span.start..toks[k].span.end];
    let mut k = 0;
    while k + 1 < toks.len() {
        let opens = matches!(raw(k), "'" | "‘") && !inside[k] && (k == 0 || toks[k - 1].span.end < toks[k].span.start) && toks[k].span.end == toks[k + 1].span.start && toks[k + 1].form.chars().next().is_some_and(char::is_alphanumeric);
        if !opens {
            k += 1;
            continue;
        }
        let close = (k + 2..toks.len()).find(|&j| matches!(raw(j), "'" | "’") && toks[j - 1].span.end == toks[j].span.start && toks.get(j + 1).is_none_or(|n| toks[j].span.end < n.span.start || !n.form.chars().next().is_some_and(char::is_alphanumeric)));
        match close {
            Some(j) if j - k > 3 => {
                for b in &mut inside[k + 1..j] {
                    *b = true;
                }
                k = j + 1;
            }
            _ => k += 1,
        }
    }
}

/// The speaker and addressee that sentence `si` names outside its quotations.
fn attribution(doc: &Document, mentions: &[Mention], q: &Quotes, si: usize) -> (Option<usize>, Option<usize>) {
    let s = &doc.sentences[si];
    let here: Vec<(usize, &Mention)> = mentions.iter().enumerate().filter(|(_, m)| m.sentence == si && !q.is_inside(si, m.first)).collect();
    for (ti, t) in s.tokens.iter().enumerate() {
        if q.is_inside(si, ti) {
            continue;
        }
        let f = t.form.to_lowercase();
        if f == "according" && s.tokens.get(ti + 1).is_some_and(|n| n.form == "to") {
            let found = here.iter().find(|(_, m)| m.first >= ti + 2 && m.first <= ti + 3).map(|&(i, _)| i);
            if found.is_some() {
                return (found, None);
            }
        } else if speech_verbs().contains(&f) {
            // the parse's subject, else the name just before ("Legend says",
            // "the singer clarified", "he said"), else inverted after it ("said Legend")
            let parsed = s.children(ti).find(|&k| s.tokens[k].deprel.starts_with("nsubj")).and_then(|k| here.iter().find(|(_, m)| m.first <= k && k <= m.last && is_speaker_form(m)).map(|&(i, _)| i));
            let before = here.iter().rev().find(|(_, m)| m.last < ti && ti - m.last <= 4 && is_speaker_form(m)).map(|&(i, _)| i);
            let after = here.iter().find(|(_, m)| m.first == ti + 1 && is_speaker_form(m)).map(|&(i, _)| i);
            // "CEO of the Refugee Council Enver Solomon told": the parse took the
            // organization for the subject; the person right after it speaks
            let parsed = parsed.filter(|&p| !before.is_some_and(|b| mentions[b].first == mentions[p].last + 1 && mentions[p].ty == NameType::Entity(EntityKind::Organization)));
            let found = parsed.or(before).or(after);
            // "told West", "said to him"
            let object_at = if ADDRESS_VERBS.contains(&f.as_str()) { ti + 1 } else if s.tokens.get(ti + 1).is_some_and(|n| n.form == "to") { ti + 2 } else { usize::MAX };
            let det = s.tokens.get(object_at).is_some_and(|t| matches!(t.form.to_lowercase().as_str(), "the" | "a" | "an"));
            let addressee = here.iter().find(|(i, m)| (m.first == object_at || det && m.first == object_at + 1) && Some(*i) != found && is_speaker_form(m)).map(|&(i, _)| i);
            if found.is_some() {
                return (found, addressee);
            }
        } else if f == ":" && s.tokens.get(ti + 1).is_some_and(|n| matches!(&doc.text[n.span.start..n.span.end], "\"" | "“")) {
            // `Legend: "..."`
            if let Some(&(i, _)) = here.iter().find(|(_, m)| m.last + 1 == ti && is_speaker_form(m)) {
                return (Some(i), None);
            }
            // `Sunak defended the government's record ...: "..."`: the subject of the clause before the colon
            // (the first subject of a verb before the colon: the parse's root may lie inside the quotation)
            let subj = (0..ti).find(|&k| s.tokens[k].deprel.starts_with("nsubj") && s.tokens[k].head.is_some_and(|h| h < ti && s.tokens[h].upos == crate::doc::Upos::Verb));
            // (or the name in apposition to it: "Wednesday, Sunak defended" parsed with the day as subject)
            let names = subj.map(|k| std::iter::once(k).chain(s.children(k).filter(|&c| s.tokens[c].deprel == "appos")).collect::<Vec<_>>()).unwrap_or_default();
            if let Some(&(i, _)) = names.iter().find_map(|&k| here.iter().find(|(_, m)| m.first <= k && k <= m.last && m.form == Form::Name)) {
                return (Some(i), None);
            }
        }
    }
    (None, None)
}

/// The subject of the verb whose object is a statement noun in sentence
/// `si` ("Cornyn ... issued a statement"), when it is a speaker.
fn statement_speaker(doc: &Document, mentions: &[Mention], si: usize) -> Option<usize> {
    let s = &doc.sentences[si];
    let noun = s.tokens.iter().position(|t| t.deprel == "obj" && statement_nouns().contains(&t.form.to_lowercase()))?;
    let verb = s.tokens[noun].head?;
    let subj = s.children(verb).find(|&k| s.tokens[k].deprel == "nsubj")?;
    mentions.iter().position(|m| m.sentence == si && m.first <= subj && subj <= m.last && is_speaker_form(m))
}

fn is_speaker_form(m: &Mention) -> bool {
    match &m.form {
        Form::Name | Form::Description(_) | Form::OrgDescription { .. } => true,
        Form::Pronoun(p) => p.person == 3,
        Form::Group => false,
    }
}
