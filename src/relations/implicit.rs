//! Relations stated without a trigger word: membership by apposition or
//! title ("Steve Whitmore, a representative for the LA Sheriff's office",
//! "Co-founder of Google, Sergey Brin", "Senator Ossoff" when the Senate is
//! named), and participation by position ("West and Legend at a 2006
//! Grammys after-party", "his 2020 presidential bid").

use super::args::{Arg, SentenceArgs};
use super::dep;
use super::patterns::{emit, pair, Pair};
use super::polarity::Modality;
use super::triggers::{Pattern, Sense};
use super::Found;
use crate::graph::{EntityKind, RelationKind};
use crate::mentions::Form;
use crate::resources::Resources;

/// True when the lower-case word is a membership noun or a role noun.
fn is_member_noun(res: &Resources, w: &str) -> bool {
    let stem = w.strip_suffix('s').unwrap_or(w);
    res.lexicon.role_nouns.contains_key(w)
        || res.lexicon.role_nouns.contains_key(stem)
        || res.triggers.all.iter().any(|t| t.words.len() == 1 && (t.words[0] == w || t.words[0] == stem) && t.senses.iter().any(|s| s.pattern == Pattern::Member && s.kind == RelationKind::Membership))
}

/// Membership stated by apposition or a copula, without a verb of its own
/// ("John Smith, a Republican", "Mary Jones is a Democrat"):
/// "Steve Whitmore, a representative for the LA Sheriff's office",
/// "James, brigadier of the Russian army", "a Scientology attorney, Kendrick
/// Moxon", "NASA's administrator Charles Bolden", "former members of
/// Scientology, including musician Tiziano Lugli and actor Jason Beghe".
pub(super) fn implicit_membership(ctx: &SentenceArgs, res: &Resources, out: &mut Vec<Found>) {
    let sense = Sense { kind: RelationKind::Membership, role: None, pattern: Pattern::Member };
    let f = &ctx.forms;
    let lowerword = |k: usize| f[k].chars().all(|c| c.is_lowercase() || c == '-') && ctx.covering(k).is_none();
    let mut pairs: Vec<(usize, usize, bool)> = Vec::new(); // (person arg, org arg, ended)
    for (pi, p) in ctx.args.iter().enumerate() {
        if p.kind != EntityKind::Person || !matches!(ctx.mentions[p.mention].form, Form::Name) {
            continue;
        }
        // (a) "P, [19,] a N ... of/for/at ORG"; not after "According to P,",
        // where the comma closes the attribution ("According to Rathbun, a
        // detective for the Sheriff's office was ...")
        let attribution = p.first >= 2 && f[p.first - 2].eq_ignore_ascii_case("according") && f[p.first - 1] == "to";
        let mut k = p.last + 1;
        if f.get(k).is_some_and(|w| w == ",") && !attribution {
            k += 1;
            if f.get(k).is_some_and(|w| w.chars().all(|c| c.is_ascii_digit())) && f.get(k + 1).is_some_and(|w| w == ",") {
                k += 2;
            }
            // "John Cornyn, Republican from Texas", "John Smith, a Republican
            // senator": a party in apposition
            if let Some((oi, ended)) = party_at(ctx, res, k) {
                pairs.push((pi, oi, ended));
            }
            let start = k;
            let mut noun = false;
            while k < f.len() && k - start < 6 && (lowerword(k) || f[k] == "'s") && !matches!(f[k].as_str(), "of" | "for" | "at" | "with" | "who" | "which" | "and" | "said" | "says") {
                noun |= f[k] != "a" && f[k] != "an" && f[k] != "the";
                k += 1;
            }
            if noun && k < f.len() && matches!(f[k].as_str(), "of" | "for" | "at" | "with") {
                if let Some(o) = ctx.objects_after(k).into_iter().find(|o| o.kind == EntityKind::Organization) {
                    let oi = ctx.args.iter().position(|a| a.mention == o.mention).unwrap_or(0);
                    let ended = f[start..k].iter().any(|w| w == "former" || w == "ex");
                    pairs.push((pi, oi, ended));
                }
            }
        }
        // (f) "P is a Democrat", "P was a lifelong Republican", "P was brought
        // up and remained a lifelong Roman Catholic": a party after a copula
        // right after P, or after "and" closing a run of lower-case words
        // (P's own coordinated predicate)
        let mut c = p.last + 1;
        while c < f.len() && c - p.last <= 6 && lowerword(c) {
            if is_copula(&f[c]) && (c == p.last + 1 || f[c - 1] == "and") {
                if let Some((oi, ended)) = party_at(ctx, res, c + 1) {
                    pairs.push((pi, oi, ended));
                    break;
                }
            }
            c += 1;
        }
        // (b) "[a] ORG N[,] P" and (d) "ORG's N P"
        let mut k = p.first;
        if k >= 1 && f[k - 1] == "," {
            k -= 1;
        }
        let mut nouns = 0;
        while k >= 1 && nouns < 4 && ctx.covering(k - 1).is_none() && (is_member_noun(res, &f[k - 1]) || (matches!(f[k - 1].as_str(), "-" | "co") && nouns > 0)) {
            k -= 1;
            nouns += 1;
        }
        if nouns > 0 && k >= 1 {
            let before = if f[k - 1] == "'s" && k >= 2 { k - 2 } else { k - 1 };
            if let Some(oi) = ctx.args.iter().position(|a| a.last == before && a.kind == EntityKind::Organization) {
                pairs.push((pi, oi, false));
            }
        }
    }
    // (c) "members of ORG, including P1 and P2"
    for k in 0..f.len() {
        if !(matches!(f[k].as_str(), "including" | "like") || f[k] == "such" && f.get(k + 1).is_some_and(|w| w == "as")) {
            continue;
        }
        let after = if f[k] == "such" { k + 1 } else { k };
        let people: Vec<&Arg> = ctx.objects_after(after).into_iter().filter(|a| a.kind == EntityKind::Person).collect();
        if people.is_empty() {
            continue;
        }
        // the organization just before, after a member noun and "of/from"
        let mut j = k;
        if j >= 1 && f[j - 1] == "," {
            j -= 1;
        }
        let Some(o) = ctx.args.iter().rfind(|a| a.last + 1 == j && a.kind == EntityKind::Organization) else { continue };
        let mut m = o.first;
        while m >= 1 && matches!(f[m - 1].as_str(), "the" | "its" | "their") {
            m -= 1;
        }
        if m >= 2 && matches!(f[m - 1].as_str(), "of" | "from" | "in" | "at") && is_member_noun(res, &f[m - 2]) {
            let ended = m >= 3 && (f[m - 3] == "former" || f[m - 2].starts_with("defector"));
            let oi = ctx.args.iter().position(|a| a.mention == o.mention).unwrap_or(0);
            for p in people {
                let pi = ctx.args.iter().position(|a| a.mention == p.mention).unwrap_or(0);
                pairs.push((pi, oi, ended));
            }
        }
    }
    role_of_org_before(ctx, res, &mut pairs);
    for (pi, oi, ended) in pairs {
        let (p, o) = (&ctx.args[pi], &ctx.args[oi]);
        let m = Modality { ended, ..Modality::default() };
        emit(ctx, &sense, p.first.min(o.first), p.last.max(o.last), m, pair(p, o, true, 0.6), out);
    }
}

/// A verb that links a subject to what it is, for (f).
fn is_copula(w: &str) -> bool {
    matches!(w, "is" | "was" | "remains" | "remained" | "became")
}

/// A party named at token `k` after an optional article and one lower-case
/// modifier ("Republican", "a Republican senator", "a lifelong Democrat",
/// "a former Democrat"): its argument index, and whether "former" ends it.
/// A church named by its adherents' word counts as a party ("a lifelong
/// Roman Catholic"): any organization that a word of `org_heads.txt`'s
/// `plural` lines stands for.
fn party_at(ctx: &SentenceArgs, res: &Resources, k: usize) -> Option<(usize, bool)> {
    let f = &ctx.forms;
    let mut k = k;
    if f.get(k).is_some_and(|w| matches!(w.as_str(), "a" | "an" | "the")) {
        k += 1;
    }
    let mut ended = false;
    if f.get(k).is_some_and(|w| w.chars().all(|c| c.is_lowercase() || c == '-') && ctx.covering(k).is_none()) {
        ended = matches!(f[k].as_str(), "former" | "ex");
        k += 1;
    }
    // a people's adjective left out of the name: "a lifelong Roman Catholic"
    if ctx.covering(k).is_none() && res.lexicon.demonyms.contains(&f.get(k)?.to_string()) {
        k += 1;
    }
    let o = ctx.at(k).filter(|o| {
        let label = &ctx.coref.chains[o.chains[0]].label;
        o.kind == EntityKind::Organization && (label.ends_with(" Party") || res.lexicon.party_plurals.values().any(|v| v == label))
    })?;
    Some((ctx.args.iter().position(|a| a.mention == o.mention)?, ended))
}

/// (e) "Co-founder of Google, Sergey Brin", "Executive director of the Dallas
/// chapter of the Council on American-Islamic Relations Alia Salem",
/// "Assistant Professor in Sport Studies at Washington State University Simon
/// Ličen": a role noun, a preposition and an organization right before a name.
fn role_of_org_before(ctx: &SentenceArgs, res: &Resources, pairs: &mut Vec<(usize, usize, bool)>) {
    let f = &ctx.forms;
    for (pi, p) in ctx.args.iter().enumerate() {
        if p.kind != EntityKind::Person || !matches!(ctx.mentions[p.mention].form, Form::Name) || p.first == 0 {
            continue;
        }
        let before = if f[p.first - 1] == "," && p.first >= 2 { p.first - 2 } else { p.first - 1 };
        let Some(oi) = ctx.args.iter().position(|a| a.last == before && a.kind == EntityKind::Organization) else { continue };
        let mut k = ctx.args[oi].first;
        let stop = k.saturating_sub(15);
        while k > stop.max(1) {
            k -= 1;
            let w = f[k].as_str();
            if matches!(w, "." | ";" | ":" | "\"" | "(" | ")") || matches!(ctx.sent.tokens[k].upos, crate::doc::Upos::Verb | crate::doc::Upos::Aux) {
                break;
            }
            if ctx.covering(k).is_some_and(|a| a.kind == EntityKind::Person) {
                break;
            }
            if matches!(w, "of" | "at" | "for" | "in" | "with") && is_member_noun(res, &f[k - 1]) {
                let ended = k >= 2 && matches!(f[k - 2].as_str(), "former" | "ex" | "then");
                pairs.push((pi, oi, ended));
                break;
            }
        }
    }
}

/// (f) "Senator Ossoff", "Senators Kelly, Hickenlooper, and Luján": a title
/// that names a body (`data/lexicons/title_bodies.txt`) makes its holder a
/// member of the organization of that name, when the document names one.
pub(super) fn title_membership(ctx: &SentenceArgs, res: &Resources, out: &mut Vec<Found>) {
    let sense = Sense { kind: RelationKind::Membership, role: None, pattern: Pattern::Member };
    let f = &ctx.forms;
    for p in ctx.args.iter().filter(|a| a.kind == EntityKind::Person && matches!(ctx.mentions[a.mention].form, Form::Name)) {
        // the title before the name, or before the first name of its list
        let first = ctx.coordinated_left(p).iter().map(|a| a.first).min().unwrap_or(p.first);
        let mut title_at = first.checked_sub(1);
        // "Joe Clark, your United States Senator": a title in apposition
        if !title_at.is_some_and(|k| res.triggers.bodies.contains_key(&f[k])) && f.get(p.last + 1).is_some_and(|w| w == ",") {
            let mut k = p.last + 2;
            if f.get(k).is_some_and(|w| matches!(w.as_str(), "your" | "our" | "their" | "the" | "a" | "an" | "its")) {
                k += 1;
            }
            while k < f.len() && k < p.last + 7 && !res.triggers.bodies.contains_key(&f[k]) && ctx.sent.tokens[k].form.starts_with(char::is_uppercase) {
                k += 1;
            }
            title_at = Some(k).filter(|&k| k < f.len());
        }
        let Some(title_at) = title_at else { continue };
        let Some(bodies) = res.triggers.bodies.get(&f[title_at]) else { continue };
        // the body's chain: an organization whose label ends with a body name;
        // of several ("the Senate", "U.S. Senate"), the one the text names most
        let chain = ctx
            .coref
            .chains
            .iter()
            .enumerate()
            .filter(|(_, c)| c.kind == EntityKind::Organization && bodies.iter().any(|b| c.label.eq_ignore_ascii_case(b) || c.label.to_lowercase().ends_with(&format!(" {}", b.to_lowercase()))))
            .rev()
            .max_by_key(|(_, c)| c.mentions.len());
        let Some((c, _)) = chain else { continue };
        let body = Arg { mention: p.mention, chains: vec![c], first: title_at, last: title_at, kind: EntityKind::Organization, possessive: false, quoted: p.quoted };
        emit(ctx, &sense, title_at.min(first), p.last.max(title_at), Modality::default(), pair(p, &body, true, 0.55), out);
    }
}

pub(super) fn implicit_participation(ctx: &SentenceArgs, out: &mut Vec<Found>) {
    let sense = Sense { kind: RelationKind::Participation, role: None, pattern: Pattern::Event };
    for e in ctx.args.iter().filter(|a| a.kind == EntityKind::Event) {
        let mut pairs: Vec<Pair> = Vec::new();
        // possessor right before the event phrase
        // (a person's own event; a pronoun possessor needs an event that is specific:
        // a name, a number or a complement in it, not just "its final mission")
        let specific = ctx.sent.tokens[e.first..=e.last].iter().any(|t| t.form.chars().any(|c| c.is_ascii_digit() || c.is_uppercase())) || e.last > ctx.mentions[e.mention].head;
        if let Some(p) = ctx.args.iter().find(|a| a.possessive && a.kind == EntityKind::Person && (a.last + 1 == e.first || a.last + 2 == e.first || (a.last + 3 == e.first && ctx.forms[a.last + 2] == "own"))) {
            if specific || matches!(ctx.mentions[p.mention].form, Form::Name) {
                pairs.push(pair(p, e, true, 0.7));
            }
        }
        // a possessor name inside the event phrase ("David Axelrod's The Axe Files"),
        // or a person it is "of" ("the inauguration of Joe Biden", "the trial of X")
        // or "with", after the head ("a weekly podcast with her boyfriend
        // Julien Solomita", "an interview with Terry Gross"; not a possessor,
        // "the 2011 season with the Pirates' affiliate")
        let of_person = |a: &Arg| a.first >= 2 && (ctx.forms[a.first - 1] == "of" || ctx.forms[a.first - 1] == "the" && ctx.forms[a.first - 2] == "of");
        let head = ctx.mentions[e.mention].head;
        let with_person = |a: &Arg| !a.possessive && (head + 1..a.first).any(|k| ctx.forms[k] == "with");
        for a in ctx.args.iter().filter(|a| a.kind == EntityKind::Person && a.first > e.first && (a.possessive && a.last < e.last || a.last <= e.last && (of_person(a) || with_person(a)))) {
            pairs.push(pair(a, e, true, 0.6));
        }
        // "at / during / in EVENT": the clause's subject (from the parse when there is one)
        if dep::parsed(ctx.sent) {
            for a in dep::event_participants(ctx, e.first, e.last) {
                if a.kind != EntityKind::Event {
                    pairs.push(pair(a, e, true, 0.6));
                }
            }
        } else if e.first >= 1 {
            let mut k = e.first - 1;
            while k > 0 && matches!(ctx.forms[k].as_str(), "a" | "an" | "the" | "his" | "her" | "their") {
                k -= 1;
            }
            if matches!(ctx.forms[k].as_str(), "at" | "during" | "in" | "attended" | "attend" | "attends" | "to") {
                let poss = if k > 0 { ctx.args.iter().find(|a| a.possessive && (a.last + 2 == k || a.last + 3 == k)) } else { None };
                match poss {
                    Some(p) => pairs.push(pair(p, e, true, 0.55)), // "his remarks during an episode"
                    None => {
                        let subjects = ctx.subjects_before(k + 1);
                        if subjects.is_empty() && k <= 1 {
                            // fronted: "At the Battle of Chudnov in 1660, Gordon was wounded."
                            if let Some(s) = ctx.args.iter().find(|a| a.first > e.last && a.kind != EntityKind::Event && ctx.forms[e.last + 1..a.first].contains(&",".to_string())) {
                                pairs.push(pair(s, e, true, 0.5));
                            }
                        }
                        for s in subjects {
                            pairs.push(pair(s, e, true, 0.55));
                        }
                    }
                }
            }
        }
        // an event stated by a verb is labelled with its participants' names
        // ("arrest of Daniel Montalvo"): those names take part in it
        let m = &ctx.mentions[e.mention];
        if m.first == m.last && ctx.sent.tokens[m.first].upos == crate::doc::Upos::Verb {
            for a in ctx.args.iter().filter(|a| a.kind != EntityKind::Event && matches!(ctx.mentions[a.mention].form, Form::Name)) {
                let name = &ctx.mentions[a.mention].text;
                if m.text.ends_with(&format!(" {name}")) || m.text.starts_with(&format!("{name} ")) {
                    pairs.push(pair(a, e, true, 0.6));
                }
            }
        }
        for p in pairs {
            emit(ctx, &sense, e.first, e.last, Modality::default(), p, out);
        }
    }
}

