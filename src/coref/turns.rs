//! Dialogue turns: who speaks each paragraph of an interview or transcript.
//!
//! Three kinds of evidence, tried in this order:
//! - speaker labels: a paragraph that opens with a name or a tag and a colon
//!   ("WN: ...", "Herrick: ...", "Q: ...", "A: ...");
//! - interviews: the lead names the interviewee ("Wikinews interviewed X",
//!   "Wikinews' NAME spoke with X", "X tells Wikinews", "an interview with
//!   X") and the interviewer; after it, question paragraphs are the
//!   interviewer's and the other paragraphs the interviewee's answers;
//! - transcripts: a paragraph that ends by calling a person ("Miss
//!   Rosenthal?", "General Prelogar.") or opens by addressing one ("Mr.
//!   Wasserstrom, you're not challenging ...") gives that person the floor;
//!   until the floor passes on, questions are put to the holder and the other
//!   paragraphs are the holder's.
//!
//! First-person pronouns outside quotations then refer to the turn's speaker
//! and second-person ones to its addressee (see `pronouns`).

use crate::text::lower;
use super::Coref;
use crate::doc::{Document, Sentence};
use crate::graph::EntityKind;
use crate::mentions::{Form, Lexicon, Mention};

/// Who speaks a sentence of a dialogue, and to whom.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Turn {
    /// True when the sentence belongs to a turn of a dialogue (then the
    /// first person is the turn's speaker, never the narrator).
    pub dialogue: bool,
    /// The chain that speaks, when known.
    pub speaker: Option<usize>,
    /// The chain spoken to, when known.
    pub addressee: Option<usize>,
}

/// Tags of speaker labels that stand for the interviewer.
const INTERVIEWER_TAGS: &[&str] = &["q", "question", "interviewer", "wn", "int"];
/// Tags of speaker labels that stand for the interviewee.
const INTERVIEWEE_TAGS: &[&str] = &["a", "answer"];
/// Words that open a question written without its question mark.
const QUESTION_OPENERS: &[&str] = &["how", "what", "why", "when", "where", "who", "whom", "whose", "which", "do", "does", "did", "is", "are", "was", "were", "can", "could", "would", "will", "have", "has", "should", "tell"];

/// The role a speaker label gives.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Label {
    Chain(usize),
    Interviewer,
    Interviewee,
}

/// The sentences of each paragraph, in order.
fn paragraphs(doc: &Document) -> Vec<std::ops::Range<usize>> {
    let mut out: Vec<std::ops::Range<usize>> = Vec::new();
    for (si, s) in doc.sentences.iter().enumerate() {
        match out.last_mut() {
            Some(r) if doc.sentences[r.start].paragraph == s.paragraph => r.end = si + 1,
            _ => out.push(si..si + 1),
        }
    }
    out
}

/// The single chain of the name mention covering token `t` of sentence `si`.
fn chain_at(mentions: &[Mention], c: &Coref, si: usize, t: usize) -> Option<(usize, usize)> {
    mentions.iter().enumerate().find_map(|(mi, m)| {
        let ok = m.sentence == si && m.first <= t && t <= m.last && m.form == Form::Name;
        match (ok, &c.refs[mi][..]) {
            (true, [ci]) if c.chains[*ci].kind != EntityKind::Event => Some((mi, *ci)),
            _ => None,
        }
    })
}

/// True when the sentence ends with a question mark (before closing quotes).
fn asks(s: &Sentence) -> bool {
    s.tokens.iter().rev().find(|t| !matches!(t.form.as_str(), "\"" | "'" | "”" | "’" | ")")).is_some_and(|t| t.form == "?")
}

/// True when the sentence has no final punctuation.
fn unfinished(s: &Sentence) -> bool {
    !s.tokens.last().is_some_and(|t| matches!(t.form.as_str(), "." | "!" | "?" | "\"" | "”" | "'" | "…" | ":" | ";"))
}

/// A question paragraph: short, and its last sentence asks (with or without
/// its question mark).
fn is_question(doc: &Document, p: &std::ops::Range<usize>) -> bool {
    let last = &doc.sentences[p.end - 1];
    let opener = last.tokens.first().is_some_and(|t| QUESTION_OPENERS.contains(&lower(&t.form).as_str()));
    p.len() <= 4 && (asks(last) || (p.len() == 1 && unfinished(last) && opener && last.tokens.len() > 3))
}

/// A heading inside the dialogue ("Interview", "General questions").
fn is_heading(doc: &Document, p: &std::ops::Range<usize>) -> bool {
    let s = &doc.sentences[p.start];
    p.len() == 1 && unfinished(s) && s.tokens.len() <= 6 && !is_question(doc, p)
}

/// A speaker label at the start of sentence `si`: one to four capitalised
/// words (or a tag) and a colon.
fn label(doc: &Document, mentions: &[Mention], c: &Coref, si: usize) -> Option<Label> {
    let toks = &doc.sentences[si].tokens;
    let colon = toks.iter().take(5).position(|t| t.form == ":")?;
    if colon == 0 || colon + 1 >= toks.len() {
        return None;
    }
    let words = &toks[..colon];
    if !words.iter().all(|t| t.form.chars().next().is_some_and(char::is_uppercase) || t.form == "." || t.form == "'s") {
        return None;
    }
    if colon == 1 {
        let w = words[0].form.trim_end_matches('.').to_lowercase();
        if INTERVIEWER_TAGS.contains(&w.as_str()) {
            return Some(Label::Interviewer);
        }
        if INTERVIEWEE_TAGS.contains(&w.as_str()) {
            return Some(Label::Interviewee);
        }
    }
    // the label is a name: every word of it belongs to one name mention
    if let Some((mi, ci)) = chain_at(mentions, c, si, 0) {
        if mentions[mi].last + 1 == colon {
            return Some(Label::Chain(ci));
        }
    }
    // initials of a person named elsewhere ("JH:")
    let w = &words[0].form;
    if colon == 1 && (2..=3).contains(&w.len()) && w.chars().all(|ch| ch.is_ascii_uppercase()) {
        let hit = c.chains.iter().position(|ch| {
            let initials: String = ch.label.split_whitespace().filter_map(|x| x.chars().next()).collect();
            ch.kind == EntityKind::Person && initials == *w
        });
        return hit.map(Label::Chain);
    }
    None
}

/// Who interviews whom, as the heading and lead say.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Interview {
    /// The interviewer (a person, or the outlet).
    pub interviewer: Option<usize>,
    /// The people interviewed.
    pub interviewees: Vec<usize>,
}

/// Verbs and nouns that state an interview, and whether the interviewee
/// follows them ("interviewed X") or precedes them ("X tells", "X answered").
fn interview_cue(toks: &[crate::doc::Token], ti: usize) -> Option<bool> {
    let next = |k: usize| toks.get(ti + k).map(|t| t.form.to_lowercase()).unwrap_or_default();
    match lower(&toks[ti].form).as_str() {
        "interview" | "interviews" | "interviewed" | "interviewing" | "q&a" => Some(true),
        // "spoke with", "talked to", "sat down with", "caught up with"
        "spoke" | "speaks" | "talked" | "talks" => matches!(next(1).as_str(), "with" | "to").then_some(true),
        "sat" | "caught" => (matches!(next(1).as_str(), "down" | "up") && next(2) == "with").then_some(true),
        "tells" | "told" | "answered" | "answers" => Some(false),
        _ => None,
    }
}

/// Words after which the interviewee can no longer come ("interviewed the
/// owner of a bar about a cocktail called Santorum").
const TOPIC_WORDS: &[&str] = &["about", "regarding", "concerning", "on", "over", ".", ";", "?", "!"];

/// Finds the interview stated in the first `lead` sentences.
pub(super) fn find_interview(doc: &Document, mentions: &[Mention], c: &Coref, lead: usize) -> Interview {
    let mut iv = Interview::default();
    let kind = |ci: usize| c.chains[ci].kind;
    for si in 0..lead.min(doc.sentences.len()) {
        let toks = &doc.sentences[si].tokens;
        let names: Vec<(usize, usize)> = mentions
            .iter()
            .enumerate()
            .filter(|(mi, m)| m.sentence == si && m.form == Form::Name && c.refs[*mi].len() == 1 && kind(c.refs[*mi][0]) != EntityKind::Event)
            .map(|(mi, _)| (mi, c.refs[mi][0]))
            .collect();
        for (ti, t) in toks.iter().enumerate() {
            let w = t.form.to_lowercase();
            let Some(forward) = interview_cue(toks, ti) else { continue };
            let passive = toks.get(ti + 1).is_some_and(|n| n.form == "by");
            let before: Vec<(usize, usize)> = names.iter().copied().filter(|&(mi, _)| mentions[mi].last < ti).collect();
            let topic = (ti + 1..toks.len()).find(|&k| TOPIC_WORDS.contains(&lower(&toks[k].form).as_str())).unwrap_or(toks.len());
            let after: Vec<(usize, usize)> = names.iter().copied().filter(|&(mi, _)| mentions[mi].first > ti && (passive || mentions[mi].first < topic)).collect();
            // "Andrew Westphal is the director ... Wikinews interviewed him"
            if forward && !passive && toks.get(ti + 1).is_some_and(|n| matches!(lower(&n.form).as_str(), "him" | "her")) && iv.interviewees.is_empty() {
                if let Some(ci) = last_person_before(mentions, c, si, ti) {
                    iv.interviewees.push(ci);
                }
            }
            let (asker, answerers): (Option<usize>, Vec<usize>) = if passive {
                // "Jack Herrick, wikiHow founder interviewed by Wikinews"
                let by = after.first().map(|&(_, ci)| ci);
                (by, before.iter().filter(|&&(_, ci)| kind(ci) == EntityKind::Person).take(1).map(|&(_, ci)| ci).collect())
            } else if forward {
                // "Wikinews interviewed X", "Wikinews' NAME spoke with X", "an interview with X"
                let noun = w == "interview" || toks.get(ti + 1).is_some_and(|n| n.form == "with") && w.starts_with("interview");
                // the noun's asker stands right before it: "Wikinews' interview with X"
                let adjacent = |&&(mi, _): &&(usize, usize)| {
                    let gap: Vec<&str> = toks[mentions[mi].last + 1..ti].iter().map(|t| t.form.as_str()).collect();
                    gap.is_empty() || gap == ["'s"] || gap == ["'"]
                };
                let subject = if noun { before.last().filter(adjacent).map(|&(_, ci)| ci) } else { before.last().map(|&(_, ci)| ci) };
                let people: Vec<(usize, usize)> = after.iter().copied().filter(|&(_, ci)| kind(ci) == EntityKind::Person).collect();
                let mut out = Vec::new();
                if let Some(&(m0, c0)) = people.first() {
                    out.push(c0);
                    // "Mario J. Lucero and Isabel Ruiz"
                    if let Some(&(m1, c1)) = people.get(1) {
                        let (a, b) = (&mentions[m0], &mentions[m1]);
                        if b.first == a.last + 2 && toks[a.last + 1].form == "and" && c1 != c0 {
                            out.push(c1);
                        }
                    }
                }
                match (subject, out.is_empty()) {
                    // "Legend spoke with the New Yorker": the person speaks to an outlet
                    (Some(s), true) if kind(s) == EntityKind::Person && matches!(w.as_str(), "spoke" | "speaks" | "talked" | "talks") => {
                        (after.first().map(|&(_, ci)| ci).filter(|&ci| kind(ci) == EntityKind::Organization), vec![s])
                    }
                    _ => (subject, out),
                }
            } else {
                // "Biologist Nick Bos tells Wikinews", "Sarvis answered five questions"
                let teller = before.iter().rev().find(|&&(_, ci)| kind(ci) == EntityKind::Person).map(|&(_, ci)| ci);
                let to = after.first().map(|&(_, ci)| ci).filter(|&ci| kind(ci) == EntityKind::Organization);
                (to, teller.into_iter().collect())
            };
            if iv.interviewees.is_empty() && !answerers.is_empty() {
                iv.interviewees = answerers;
            }
            if let Some(a) = asker.filter(|a| !iv.interviewees.contains(a)) {
                // a named reporter outranks the outlet
                if iv.interviewer.is_none_or(|cur| kind(cur) == EntityKind::Organization && kind(a) == EntityKind::Person) {
                    iv.interviewer = Some(a);
                }
            }
        }
    }
    // "Frank Messina: An Interview with the 'Mets Poet'", "The Onion: An
    // interview with ...": the heading's person, else its organization
    // "File photo of interviewee David Titley": captions anywhere name interviewees
    for (mi, m) in mentions.iter().enumerate() {
        let toks = &doc.sentences[m.sentence].tokens;
        let cue = m.first > 0 && matches!(lower(&toks[m.first - 1].form).as_str(), "interviewee" | "interviewees");
        if let (true, [ci]) = (cue && m.form == Form::Name, &c.refs[mi][..]) {
            if kind(*ci) == EntityKind::Person && !iv.interviewees.contains(ci) {
                iv.interviewees.push(*ci);
            }
        }
    }
    let heading = doc.sentences.first().map(|s| &s.tokens[..]).unwrap_or_default();
    if iv.interviewees.is_empty() && heading.iter().any(|t| t.form.to_lowercase().starts_with("interview")) {
        let titled = mentions.iter().enumerate().find(|(_, m)| m.sentence == 0 && m.form == Form::Name && heading.get(m.last + 1).is_some_and(|t| t.form == ":") && heading[..m.first].iter().all(|t| t.form.eq_ignore_ascii_case("the")));
        let pick = titled.and_then(|(mi, _)| c.refs[mi].first().copied()).filter(|&ci| iv.interviewer != Some(ci) && matches!(kind(ci), EntityKind::Person | EntityKind::Organization));
        iv.interviewees.extend(pick);
    }
    iv
}

/// The last person named before token `t` of sentence `si` (this sentence or earlier).
fn last_person_before(mentions: &[Mention], c: &Coref, si: usize, t: usize) -> Option<usize> {
    mentions.iter().enumerate().rev().filter(|(_, m)| m.form == Form::Name && (m.sentence < si || m.sentence == si && m.last < t)).find_map(|(mi, _)| match c.refs[mi][..] {
        [ci] if c.chains[ci].kind == EntityKind::Person => Some(ci),
        _ => None,
    })
}

/// How a person is called or addressed in a sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Call {
    /// The whole sentence is the call: "Miss Rosenthal?", "General Prelogar."
    Whole,
    /// A name set off by commas and followed by "you" or "please":
    /// "Mr. Wasserstrom, you're ...", "Alright, Mr. Sova, please proceed."
    Direct,
    /// A titled name set off at the end: "..., Justice Thomas." (in a
    /// speech this is as often an apposition, so it only counts once the
    /// text is known to be a transcript).
    Trailing,
}

/// The last person called or addressed by name in sentence `si`.
fn vocative(doc: &Document, mentions: &[Mention], c: &Coref, lex: &Lexicon, si: usize) -> Option<(usize, Call)> {
    let toks = &doc.sentences[si].tokens;
    let is_title = |k: usize| lex.titles.contains_key(&toks[k].form.trim_end_matches('.').to_lowercase());
    let n = toks.len();
    let mut found = None;
    for (mi, m) in mentions.iter().enumerate().filter(|(_, m)| m.sentence == si && m.form == Form::Name) {
        let [ci] = c.refs[mi][..] else { continue };
        if c.chains[ci].kind != EntityKind::Person {
            continue;
        }
        let start = (0..m.first).rev().take_while(|&k| is_title(k)).last().unwrap_or(m.first);
        let titled = start < m.first;
        let end_punct = m.last + 2 == n && matches!(toks[n - 1].form.as_str(), "?" | "." | "!");
        if start == 0 && end_punct && (titled || toks[n - 1].form == "?") {
            found = Some((ci, Call::Whole));
            continue;
        }
        let open_left = start == 0 || toks[start - 1].form == ",";
        let next = toks.get(m.last + 2).map(|t| t.form.to_lowercase()).unwrap_or_default();
        let comma_after = toks.get(m.last + 1).is_some_and(|t| t.form == ",");
        if open_left && comma_after && matches!(next.as_str(), "you" | "your" | "please") {
            found = Some((ci, Call::Direct));
        } else if open_left && titled && (comma_after || end_punct) && start > 0 {
            found = Some((ci, Call::Trailing));
        }
    }
    found
}

/// The turns of every sentence of the document.
pub(super) fn find_turns(doc: &Document, mentions: &[Mention], lex: &Lexicon, c: &Coref) -> (Vec<Turn>, Interview) {
    let mut turns = vec![Turn::default(); doc.sentences.len()];
    let paras = paragraphs(doc);
    let set = |turns: &mut Vec<Turn>, p: &std::ops::Range<usize>, speaker: Option<usize>, addressee: Option<usize>| {
        for t in &mut turns[p.clone()] {
            *t = Turn { dialogue: true, speaker, addressee: addressee.filter(|a| Some(*a) != speaker) };
        }
    };
    let first_question = paras.iter().position(|p| is_question(doc, p));
    let lead = first_question.map_or(6, |q| paras[q].start).clamp(2, 12);
    let iv = find_interview(doc, mentions, c, lead);
    let interviewee = match iv.interviewees[..] {
        [one] => Some(one),
        _ => None,
    };

    // speaker labels
    let labels: Vec<Option<Label>> = paras.iter().map(|p| label(doc, mentions, c, p.start)).collect();
    if labels.iter().filter(|l| l.is_some()).count() >= 2 {
        let mut current: Option<Option<usize>> = None;
        for (p, l) in paras.iter().zip(&labels) {
            let who = match l {
                Some(Label::Chain(ci)) => Some(Some(*ci)),
                Some(Label::Interviewer) => Some(iv.interviewer),
                Some(Label::Interviewee) => Some(interviewee),
                None => None,
            };
            if let Some(w) = who {
                current = Some(w);
            }
            if let Some(sp) = current {
                // the other party of a two-sided conversation
                let other = if sp.is_some() && sp == iv.interviewer { interviewee } else if sp.is_some() && sp == interviewee { iv.interviewer } else { None };
                set(&mut turns, p, sp, other);
            }
        }
        return (turns, iv);
    }

    // interviews: questions and answers after the lead
    let questions = paras.iter().filter(|p| is_question(doc, p)).count();
    if !iv.interviewees.is_empty() && questions >= 2 {
        let start = first_question.unwrap_or(paras.len());
        for p in &paras[start..] {
            if is_question(doc, p) {
                set(&mut turns, p, iv.interviewer, interviewee);
            } else if !is_heading(doc, p) {
                // several interviewees: the one who names himself ("I'm Isabel Ruiz")
                let speaker = interviewee.or_else(|| self_named(doc, mentions, c, p, &iv.interviewees));
                set(&mut turns, p, speaker, iv.interviewer);
            }
        }
        return (turns, iv);
    }

    // transcripts: the floor passes to the person called or addressed
    let calls: Vec<Option<(usize, Call)>> = paras.iter().map(|p| p.clone().rev().find_map(|si| vocative(doc, mentions, c, lex, si))).collect();
    // a transcript calls somebody by a whole sentence, or asks a person by
    // name, or addresses people directly twice
    let whole = calls.iter().any(|v| matches!(v, Some((_, Call::Whole))));
    let direct = calls.iter().filter(|v| matches!(v, Some((_, Call::Direct)))).count();
    let asked = calls.iter().zip(&paras).any(|(v, p)| matches!(v, Some((_, Call::Direct))) && is_question(doc, p));
    if !whole && !asked && direct < 2 {
        return (turns, iv);
    }
    let calls: Vec<Option<(usize, bool)>> = calls.into_iter().map(|v| v.map(|(ci, call)| (ci, call == Call::Whole))).collect();
    let mut floor: Option<usize> = None;
    let mut passed = false;
    for (k, p) in paras.iter().enumerate() {
        let question = is_question(doc, p);
        match (calls[k], floor) {
            // the holder answers somebody else by name: "It's both, Justice Thomas."
            (Some((to, false)), Some(holder)) if to != holder && !question => {
                set(&mut turns, p, Some(holder), Some(to));
                passed = false;
            }
            // somebody speaks to the holder, or calls a person to speak next
            (Some((to, _)), _) => {
                set(&mut turns, p, None, Some(to));
                passed = floor != Some(to);
                floor = Some(to);
            }
            (None, Some(holder)) if passed || !question => {
                set(&mut turns, p, Some(holder), None);
                passed = false;
            }
            (None, Some(holder)) => set(&mut turns, p, None, Some(holder)),
            (None, None) => {}
        }
    }
    (turns, iv)
}

/// The interviewee who names himself in paragraph `p` ("I'm Isabel Ruiz").
fn self_named(doc: &Document, mentions: &[Mention], c: &Coref, p: &std::ops::Range<usize>, among: &[usize]) -> Option<usize> {
    for si in p.clone() {
        let toks = &doc.sentences[si].tokens;
        for (ti, t) in toks.iter().enumerate() {
            let is_i = t.form == "I" && toks.get(ti + 1).is_some_and(|n| matches!(n.form.as_str(), "'m" | "am"));
            if let Some((_, ci)) = is_i.then(|| chain_at(mentions, c, si, ti + 2)).flatten() {
                if among.contains(&ci) {
                    return Some(ci);
                }
            }
        }
    }
    None
}
