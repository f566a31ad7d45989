//! Described events: noun phrases headed by an event noun.
//!
//! "his 2020 presidential bid", "a 2006 Grammys after-party", "an interview
//! with the New Yorker", "his run for the presidency", "the Battle of
//! Chudnov". The label is the natural noun phrase without determiner or
//! vague words, so that it reads the way a person names the event. A bare
//! head ("the interview") needs a modifier or a complement to count.

use crate::text::lower;
use super::{Form, Gender, Lexicon, Mention, NameType};
use crate::doc::{Document, Sentence, Upos};
use crate::graph::EntityKind;

const DETERMINERS: &[&str] = &["the", "a", "an", "his", "her", "their", "its", "our", "my", "your", "this", "that", "these", "those", "whose"];
const VAGUE: &[&str] = &["own", "new", "recent", "latest", "same", "other", "such", "big", "very"];
const ADJECTIVES: &[&str] = &["presidential", "annual", "national", "public", "mass", "first", "last", "final", "second", "third", "former", "political", "military", "general", "special", "upcoming", "historic", "federal", "local", "primary", "live", "exclusive", "televised", "press", "state", "royal", "civil", "world", "joint", "official", "virtual", "invited", "summer", "winter", "spring", "autumn", "fall"];
/// Verbs whose object without a determiner may be an event ("hold two referendums").
const EVENT_VERBS: &[&str] = &["hold", "attend", "win", "lose", "contest", "organize", "organise", "stage", "host", "boycott", "call"];
/// Prepositions that introduce an event's complement.
const COMPLEMENTS: &[&str] = &["of", "with", "on", "against", "for", "to", "in", "at", "into"];
/// Heads that need a complement or a modifier that is not a plain adjective.
const WEAK: &[&str] = &["run", "campaign", "party", "address", "vote", "show", "visit", "performance", "speech", "meeting", "march", "strike", "attack", "trial", "talks", "hearing", "investigation", "bid"];

fn is_modifier(t: &crate::doc::Token, tagged: bool) -> bool {
    let f = t.form.as_str();
    let l = lower(f);
    let l = l.as_str();
    if DETERMINERS.contains(&l) || COMPLEMENTS.contains(&l) || l == "and" {
        return false;
    }
    if f.chars().all(|c| c.is_ascii_digit()) || f == "-" || f.chars().next().is_some_and(char::is_uppercase) {
        return true;
    }
    if tagged {
        return matches!(t.upos, Upos::Adj | Upos::Noun | Upos::Num | Upos::Propn);
    }
    ADJECTIVES.contains(&l) || VAGUE.contains(&l) || ["al", "ial", "ic", "ary", "ive", "ous"].iter().any(|s| l.ends_with(s) && l.len() > 5)
}

/// The closing quotation mark of a quoted title that opens at `k`: at most
/// eight words inside, each capitalised, a number or a possessive "'s"
/// ("the 'Mets Poet'", "'America's Finest News Source'").
fn quoted_title(toks: &[crate::doc::Token], k: usize) -> Option<usize> {
    let quote = |t: &crate::doc::Token| matches!(t.form.as_str(), "'" | "\"" | "‘" | "’" | "“" | "”" | "`" | "``" | "''");
    if !toks.get(k).is_some_and(quote) {
        return None;
    }
    let close = (k + 2..toks.len().min(k + 10)).find(|&j| quote(&toks[j]))?;
    toks[k + 1..close].iter().all(|t| t.form == "'s" || t.form.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())).then_some(close)
}

pub(super) fn find_events(doc: &Document, si: usize, s: &Sentence, lex: &Lexicon, names: &[Mention]) -> Vec<Mention> {
    let toks = &s.tokens;
    let tagged = toks.iter().any(|t| t.upos != Upos::X);
    let in_name = |i: usize| names.iter().find(|m| m.first <= i && i <= m.last);
    let mut out: Vec<Mention> = Vec::new();
    for h in 0..toks.len() {
        let head = lower(&toks[h].form);
        let head = head.as_str();
        if !lex.event_common.contains(head) || in_name(h).is_some() || out.iter().any(|m| m.first <= h && h <= m.last) {
            continue;
        }
        if tagged && matches!(toks[h].upos, Upos::Verb | Upos::Aux | Upos::Adj) {
            continue;
        }
        // the month in a date ("31 March 1635", "January 23 - March 20")
        let number = |k: usize| toks.get(k).is_some_and(|t| !t.form.is_empty() && t.form.chars().all(|c| c.is_ascii_digit()));
        if toks[h].form == "March" && (h > 0 && number(h - 1) || number(h + 1)) {
            continue;
        }
        // a noun used as a verb after "to" or a pronoun ("to run", "they run")
        if h > 0 && matches!(lower(&toks[h - 1].form).as_str(), "to" | "will" | "would" | "i" | "we" | "they" | "you" | "can" | "could") {
            continue;
        }
        // walk left over modifiers (and a possessor name before "'s")
        let mut a = h;
        let mut has_mod = false;
        let mut det = false;
        while a > 0 {
            let t = &toks[a - 1];
            let l = lower(&t.form);
            let l = l.as_str();
            if DETERMINERS.contains(&l) {
                det = true;
                break;
            }
            if l == "'s" || l == "'" {
                break; // "West's own 2020 presidential bid": the possessor is not in the label
            }
            if let Some(m) = in_name(a - 1) {
                // a name inside the phrase: "2006 Grammys after-party", "Montalvo arrest"
                if m.ty == NameType::Entity(EntityKind::Organization) && m.last == a - 1 && toks.get(m.last + 1).is_some_and(|n| n.form != "-") && !lex.event_named.contains(&m.text.split_whitespace().last().unwrap_or("").to_lowercase()) {
                    break;
                }
                a = m.first;
                has_mod = true;
                continue;
            }
            if t.form == "-" && a >= 2 && toks[a - 2].span.end == t.span.start {
                a -= 2; // "after-party", "Army-Navy game"
                has_mod = true;
                continue;
            }
            if is_modifier(t, tagged) {
                if !VAGUE.contains(&l) && t.form != "-" {
                    has_mod = true;
                }
                a -= 1;
            } else {
                break;
            }
        }
        // also the object of a verb that holds or takes part in events, without a
        // determiner: "to hold two referendums", "contested general elections"
        let event_verb = tagged && a > 0 && toks[a - 1].upos == Upos::Verb && EVENT_VERBS.contains(&lower(&toks[a - 1].lemma).as_str());
        let starts_np = det || a == 0 || event_verb || (a > 0 && matches!(toks[a - 1].form.as_str(), "," | "(" | "\"" | "'s" | "'" | "at" | "in" | "during" | "after" | "before" | "of" | "on" | "for" | "from" | "to" | "with"));
        if !starts_np {
            continue;
        }
        // complement: "with the New Yorker", "for the presidency", "of Daniel Montalvo"
        let mut b = h;
        // a number after the head before its complement: "season four of
        // Ridiculousness", "season 2 of Epic Rap Battles of History"
        let numbered = toks.get(h + 1).is_some_and(|t| t.form.chars().all(|c| c.is_ascii_digit()) && t.form.len() < 4 || tagged && t.upos == Upos::Num && t.form.chars().all(char::is_alphabetic))
            && toks.get(h + 2).is_some_and(|t| COMPLEMENTS.contains(&lower(&t.form).as_str()));
        let c = if numbered { h + 2 } else { h + 1 };
        if let Some(p) = toks.get(c) {
            let pl = lower(&p.form);
            let pl = pl.as_str();
            if COMPLEMENTS.contains(&pl) {
                let mut k = c + 1;
                if k < toks.len() && DETERMINERS.contains(&lower(&toks[k].form).as_str()) {
                    k += 1;
                }
                let np_start = k;
                // a quoted title: "an interview with the 'Mets Poet'"
                if let Some(close) = quoted_title(toks, k) {
                    k = close + 1;
                }
                let quoted = k > np_start;
                while !quoted && k < toks.len() && k - np_start < 6 {
                    if let Some(m) = in_name(k) {
                        k = m.last + 1;
                        if toks.get(k).is_some_and(|t| t.form == "'s") && toks.get(k + 1).is_some_and(|t| is_modifier(t, tagged) || t.form == "The") {
                            k += if toks[k + 1].form == "The" { 2 } else { 1 }; // "David Axelrod's The Axe Files"
                            continue;
                        }
                        break;
                    }
                    let t = &toks[k];
                    let cont = if tagged { matches!(t.upos, Upos::Noun | Upos::Propn | Upos::Adj | Upos::Num) } else { t.form.chars().next().is_some_and(char::is_alphanumeric) && !lex.common_words.contains(&*lower(&t.form)) || lex.event_common.contains(&*lower(&t.form)) || t.form.chars().next().is_some_and(char::is_uppercase) };
                    if !cont {
                        break;
                    }
                    k += 1;
                }
                if k > np_start {
                    b = k - 1;
                }
            } else if tagged && p.xpos == "VBG" && h + 2 < toks.len() {
                // a participle and its object: "a ceremony commemorating the
                // 30th anniversary", "a rally marking the anniversary"
                let mut k = h + 2;
                if DETERMINERS.contains(&lower(&toks[k].form).as_str()) {
                    k += 1;
                }
                let np_start = k;
                while k < toks.len() && k - np_start < 5 && (matches!(toks[k].upos, Upos::Noun | Upos::Propn | Upos::Adj | Upos::Num) || in_name(k).is_some()) {
                    k += 1;
                }
                if k > np_start && matches!(toks[k - 1].upos, Upos::Noun | Upos::Propn | Upos::Num) {
                    b = k - 1;
                }
            }
        }
        let weak = WEAK.contains(&head);
        let has_pp = b > h;
        let definite = a > 0 && toks[a - 1].form.eq_ignore_ascii_case("the");
        // a possessor and a modifier that is no ordinal make a weak head
        // specific: "his inaugural address", not "his first campaign"
        let possessed = a > 0 && matches!(lower(&toks[a - 1].form).as_str(), "his" | "her" | "their" | "its" | "'s" | "'");
        let qualified = possessed && toks[a..h].iter().any(|t| !matches!(lower(&t.form).as_str(), "first" | "second" | "third" | "last" | "final" | "next" | "previous" | "latest") && !VAGUE.contains(&lower(&t.form).as_str()));
        if !(has_mod || has_pp || (definite && !weak)) || (weak && !has_pp && !qualified && !toks[a..h].iter().any(|t| t.form.chars().any(|c| c.is_ascii_digit() || c.is_uppercase()) || t.form == "-")) {
            continue;
        }
        // "party" only as an after-party or a dated party
        if head == "party" && !toks[a..h].iter().any(|t| t.form == "-" || t.form.chars().all(|c| c.is_ascii_digit())) {
            continue;
        }
        // label: skip vague words at the front
        while a < h && VAGUE.contains(&lower(&toks[a].form).as_str()) {
            a += 1;
        }
        let text = doc.text[toks[a].span.start..toks[b].span.end].replace('’', "'");
        let m = Mention::new(si, s, a, b, text, Form::Name, NameType::Entity(EntityKind::Event), Gender::Neuter);
        out.push(Mention { head: h, ..m });
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::graph::EntityKind;
    use crate::pipeline::{extract, Options};
    use crate::resources::Resources;

    #[test]
    fn a_quoted_title_completes_an_event_phrase() {
        // interview_messina.txt, interview_onion.txt
        for (text, label) in [
            ("Frank Messina: An Interview with the 'Mets Poet' Wednesday, October 3, 2007\n\nYou have received a good deal of attention recently.", "Interview with the 'Mets Poet'"),
            ("The Onion: An interview with 'America's Finest News Source' Sunday, November 25, 2007\n\nHow The Onion writes an issue", "interview with 'America's Finest News Source'"),
        ] {
            let ex = extract("t", text.to_string(), Resources::get(), Options::default());
            let events: Vec<&str> = ex.coref.chains.iter().filter(|c| c.kind == EntityKind::Event).map(|c| c.label.as_str()).collect();
            assert!(events.contains(&label), "{events:?}");
        }
    }
}
