//! Other names the text states for a person, and the merging of the chains
//! they started.
//!
//! A name is another name of the person named before it when:
//! - a cue phrase from `data/lexicons/alias_cues.txt` introduces it: "Legend
//!   (real name: John Stephens)", "née X", "born X", "X, whose real name is
//!   Y", "better known by his stage name Y", "commonly known as Saint
//!   Jerome", "Ichiyō Higuchi was a pen name of Natsu Higuchi";
//! - it opens a parenthesis right after the name, alone or after other
//!   scripts or a language label: "Natsu Higuchi (樋口 奈津 Higuchi Natsu)",
//!   "Jerome (...; Latin: Eusebius Sophronius Hieronymus; ...)";
//! - it is quoted inside the name: `Dwayne "The Rock" Johnson` (the mention
//!   stage makes the nickname a mention inside the full name's span).
//!
//! The chains of both names are merged, keeping the one mentioned first;
//! later bare uses of an alias ("Ye") then join that chain.

use crate::text::lower;
use super::{Chain, Coref};
use crate::doc::Document;
use crate::graph::EntityKind;
use crate::mentions::{Form, Gender, Lexicon, Mention, NameType};

/// Tokens skipped between a cue and the name it introduces.
fn skippable(f: &str) -> bool {
    matches!(f, "\"" | "“" | "”" | "'" | "‘" | "’" | ",")
}

/// The single person chain of mention `mi`.
fn person(c: &Coref, mi: usize) -> Option<usize> {
    match c.refs[mi][..] {
        [ci] if c.chains[ci].kind == EntityKind::Person => Some(ci),
        _ => None,
    }
}

/// A mention that may be a person's other name: a person name or an
/// untyped one, not an organization or event, not a language label
/// ("Latin:").
fn name_like(doc: &Document, lex: &Lexicon, m: &Mention) -> bool {
    let label = doc.sentences[m.sentence].tokens.get(m.last + 1).is_some_and(|t| t.form == ":");
    m.form == Form::Name && matches!(m.ty, NameType::Entity(EntityKind::Person) | NameType::Unknown) && !label && !lex.demonyms.contains(&*lower(&m.text))
}

/// True when the two names share a word ("Natsu Higuchi", "Higuchi Natsu").
fn share_word(a: &str, b: &str) -> bool {
    let wa: Vec<String> = a.split_whitespace().map(str::to_lowercase).collect();
    b.split_whitespace().any(|w| wa.iter().any(|x| *x == *lower(w)))
}

/// Where the cue before mention `a` starts and whether it is strong.
fn cue_before(doc: &Document, lex: &Lexicon, a: &Mention) -> Option<(usize, bool)> {
    let toks = &doc.sentences[a.sentence].tokens;
    // "pen name of Japanese author Natsu Higuchi": quotes, commas and a short description
    let mut end = a.first;
    while end > 0 && a.first - end < 4 {
        let f = lower(&toks[end - 1].form);
        let f = f.as_str();
        if !(skippable(f) || lex.demonyms.contains(f) || lex.role_nouns.contains_key(f) || matches!(f, "the" | "a" | "an")) {
            break;
        }
        end -= 1;
    }
    lex.alias_cues.iter().filter_map(|(phrase, strong)| {
        let start = end.checked_sub(phrase.len())?;
        toks[start..end].iter().zip(phrase).all(|(t, w)| t.form.to_lowercase() == *w).then_some((start, *strong))
    }).min_by_key(|&(start, _)| start)
}

/// Pairs of mentions (earlier name, other name) that name one person.
fn links(doc: &Document, mentions: &[Mention], lex: &Lexicon, c: &Coref) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let by_sentence = crate::mentions::by_sentence(doc.sentences.len(), mentions);
    for (ai, a) in mentions.iter().enumerate().filter(|(_, m)| name_like(doc, lex, m)) {
        let toks = &doc.sentences[a.sentence].tokens;
        let same: Vec<(usize, &Mention)> = by_sentence[a.sentence].iter().map(|&mi| (mi, &mentions[mi])).collect();
        let before: Vec<(usize, &Mention)> = same.iter().copied().filter(|(_, m)| m.form == Form::Name && m.last < a.first).collect();
        // a nickname quoted inside the full name
        if let Some((ti, _)) = same.iter().copied().find(|(ti, t)| *ti != ai && t.first < a.first && a.last < t.last && person(c, *ti).is_some()) {
            out.push((ti, ai));
            continue;
        }
        // a cue phrase
        if let Some((start, strong)) = cue_before(doc, lex, a) {
            let prior: Vec<&(usize, &Mention)> = before.iter().filter(|(_, m)| m.last < start).collect();
            let target = if strong {
                prior.iter().rev().find(|(ti, _)| person(c, *ti).is_some())
            } else {
                // the nearest name, close by or the sentence's subject, with
                // nobody else named between it and the cue
                prior.last().filter(|(ti, t)| {
                    let near = start - t.last <= 4;
                    let opener = prior.first().is_some_and(|(fi, _)| person(c, *fi) == person(c, *ti));
                    let alone = prior.iter().filter(|(oi, _)| person(c, *oi).is_some()).all(|(oi, _)| person(c, *oi) == person(c, *ti));
                    person(c, *ti).is_some() && (near || opener && alone)
                })
            };
            if let Some(&&(ti, _)) = target {
                out.push((ti, ai));
                continue;
            }
        }
        // the opening of a parenthesis right after a person's name, after a
        // language label or words in another script; a name in Latin script
        // right at the opening must share a word with the outer one
        // ("Natsu Higuchi (樋口 奈津 Higuchi Natsu)", not "Dean (Jensen Ackles)")
        let mut k = a.first;
        let mut labelled = false;
        while k > 0 && toks[k - 1].form != "(" && toks[k - 1].form != ";" && other_script_or_label(lex, &toks[k - 1].form, toks.get(k).map(|t| t.form.as_str())) {
            labelled |= toks[k - 1].form == ":" || !toks[k - 1].form.is_ascii();
            k -= 1;
        }
        if k == 0 || !matches!(toks[k - 1].form.as_str(), "(" | ";") {
            continue;
        }
        // the "(" that opens this parenthesis, and the name right before it
        let Some(open) = (0..k).rev().find(|&j| toks[j].form == "(") else { continue };
        if toks[open..k].iter().any(|t| t.form == ")") {
            continue;
        }
        let foreign = !a.text.chars().any(|ch| ch.is_ascii_alphabetic());
        if let Some(&(ti, t)) = before.iter().find(|(ti, t)| t.last + 1 == open && person(c, *ti).is_some()) {
            if labelled || foreign || share_word(&t.text, &a.text) {
                out.push((ti, ai));
            }
        }
    }
    out
}

/// A token that may stand between the start of a parenthesis and the name:
/// a word in another script, or a language label and its colon ("Latin :").
fn other_script_or_label(lex: &Lexicon, f: &str, next: Option<&str>) -> bool {
    let foreign = f.chars().any(char::is_alphabetic) && !f.chars().any(|ch| ch.is_ascii_alphabetic() || ch.is_ascii_digit());
    foreign || f == ":" || (next == Some(":") && lex.demonyms.contains(&*lower(f)))
}

/// Finds the stated aliases and merges the chains they name.
pub(super) fn link_aliases(doc: &Document, mentions: &[Mention], lex: &Lexicon, c: &mut Coref) {
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for (ti, ai) in links(doc, mentions, lex, c) {
        let Some(ct) = person(c, ti) else { continue };
        match c.refs[ai][..] {
            [] => {
                add_alias(&mut c.chains[ct], &mentions[ai].text);
                c.chains[ct].mentions.push(ai);
                c.refs[ai] = vec![ct];
            }
            [ca] if ca != ct && c.chains[ca].kind == EntityKind::Person => {
                let gt = groups.iter().position(|g| g.contains(&ct));
                let ga = groups.iter().position(|g| g.contains(&ca));
                match (gt, ga) {
                    (Some(x), Some(y)) if x != y => {
                        let moved = groups.remove(x.max(y));
                        groups[x.min(y)].extend(moved);
                    }
                    (Some(_), Some(_)) => {}
                    (Some(x), None) => groups[x].push(ca),
                    (None, Some(y)) => groups[y].push(ct),
                    (None, None) => groups.push(vec![ct, ca]),
                }
            }
            _ => {}
        }
    }
    merge(c, groups);
    // later bare uses of an alias: "Ye", "The Rock" (the first person chain
    // that has the alias)
    let mut by_alias: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for (ci, ch) in c.chains.iter().enumerate().filter(|(_, ch)| ch.kind == EntityKind::Person) {
        for a in &ch.aliases {
            by_alias.entry(bare(a)).or_insert(ci);
        }
    }
    for (mi, m) in mentions.iter().enumerate() {
        if !c.refs[mi].is_empty() || !name_like(doc, lex, m) {
            continue;
        }
        if let Some(&ci) = by_alias.get(&bare(&m.text)) {
            c.chains[ci].mentions.push(mi);
            c.refs[mi] = vec![ci];
        }
    }
}

/// A name without a leading "the", lower case.
fn bare(s: &str) -> String {
    let l = lower(s.trim());
    let l = l.as_str();
    l.strip_prefix("the ").unwrap_or(l).to_string()
}

fn add_alias(ch: &mut Chain, a: &str) {
    if !ch.aliases.iter().any(|x| x == a) {
        ch.aliases.push(a.to_string());
    }
}

/// Merges each group of chains into the one mentioned first, and renumbers
/// the references.
pub(super) fn merge(c: &mut Coref, groups: Vec<Vec<usize>>) {
    if groups.is_empty() {
        return;
    }
    let n = c.chains.len();
    let mut into: Vec<usize> = (0..n).collect();
    for g in &groups {
        let keep = *g.iter().min_by_key(|&&ci| (c.chains[ci].mentions.iter().min().copied(), ci)).unwrap_or(&g[0]);
        for &ci in g {
            into[ci] = keep;
        }
    }
    for (ci, &keep) in into.iter().enumerate() {
        if keep == ci {
            continue;
        }
        let gone = std::mem::replace(&mut c.chains[ci], Chain { kind: EntityKind::Person, label: String::new(), aliases: Vec::new(), mentions: Vec::new(), gender: Gender::Unknown, roles: Vec::new() });
        let ch = &mut c.chains[keep];
        for a in &gone.aliases {
            add_alias(ch, a);
        }
        ch.mentions.extend(gone.mentions);
        ch.mentions.sort_unstable();
        ch.mentions.dedup();
        for r in gone.roles {
            if !ch.roles.contains(&r) {
                ch.roles.push(r);
            }
        }
        if ch.gender == Gender::Unknown {
            ch.gender = gone.gender;
        }
    }
    // renumber: surviving chains keep their order
    let mut new_index = vec![usize::MAX; n];
    let mut next = 0;
    for ci in 0..n {
        if into[ci] == ci {
            new_index[ci] = next;
            next += 1;
        }
    }
    let mut k = 0;
    c.chains.retain(|_| {
        let keep = into[k] == k;
        k += 1;
        keep
    });
    for refs in &mut c.refs {
        for r in refs.iter_mut() {
            *r = new_index[into[*r]];
        }
        refs.dedup();
    }
}
