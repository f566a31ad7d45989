//! Quotations and their speakers.
//!
//! [`find_quotes`] marks every token inside double quotation marks and finds
//! who speaks each quotation: the subject next to a speech verb outside the
//! quote in the same sentence ("..., Legend says", "he said, “...”",
//! "according to X"), else the speaker of the quotation that runs on from the
//! previous sentence or paragraph.

use crate::doc::Document;
use crate::mentions::{Form, Mention};
use crate::resources::{data, word_set};
use std::collections::HashSet;
use std::sync::OnceLock;

fn speech_verbs() -> &'static HashSet<String> {
    static S: OnceLock<HashSet<String>> = OnceLock::new();
    S.get_or_init(|| word_set(data!("lexicons/speech_verbs.txt").1))
}

/// Quotation marks and speakers of a document.
#[derive(Clone, Debug, Default)]
pub struct Quotes {
    /// `inside[s][t]`: token `t` of sentence `s` is inside a quotation.
    pub inside: Vec<Vec<bool>>,
    /// `speaker[s]`: the mention that speaks the quotations of sentence `s`.
    pub speaker: Vec<Option<usize>>,
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

/// Marks quotations and finds their speakers.
pub fn find_quotes(doc: &Document, mentions: &[Mention]) -> Quotes {
    let mut q = Quotes { inside: Vec::with_capacity(doc.sentences.len()), speaker: vec![None; doc.sentences.len()] };
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
        q.inside.push(v);
    }
    // speakers
    let by_sentence = |si: usize| mentions.iter().enumerate().filter(move |(_, m)| m.sentence == si);
    let mut last_speaker: Option<(usize, usize)> = None; // (paragraph, mention)
    for (si, s) in doc.sentences.iter().enumerate() {
        let has_quote = q.inside[si].iter().any(|&b| b);
        if !has_quote {
            continue;
        }
        let mut found = None;
        for (ti, t) in s.tokens.iter().enumerate() {
            if q.inside[si][ti] {
                continue;
            }
            let f = t.form.to_lowercase();
            if f == "according" && s.tokens.get(ti + 1).is_some_and(|n| n.form == "to") {
                found = by_sentence(si).find(|(_, m)| m.first >= ti + 2 && m.first <= ti + 3).map(|(i, _)| i);
            } else if speech_verbs().contains(&f) {
                // subject before the verb ("Legend says", "the singer clarified", "he said")
                let before = by_sentence(si)
                    .filter(|(_, m)| m.last < ti && ti - m.last <= 4 && !q.is_inside(si, m.first) && is_speaker_form(m))
                    .last()
                    .map(|(i, _)| i);
                // or inverted after it ("said Legend")
                let after = by_sentence(si).find(|(_, m)| m.first == ti + 1 && is_speaker_form(m)).map(|(i, _)| i);
                found = before.or(after);
            }
            if found.is_some() {
                break;
            }
        }
        let found = found.or_else(|| last_speaker.filter(|(p, _)| *p + 1 >= s.paragraph).map(|(_, m)| m));
        if let Some(m) = found {
            last_speaker = Some((s.paragraph, m));
        }
        q.speaker[si] = found;
    }
    q
}

fn is_speaker_form(m: &Mention) -> bool {
    match &m.form {
        Form::Name | Form::Description(_) => true,
        Form::Pronoun(p) => p.person == 3,
        Form::Group => false,
    }
}
