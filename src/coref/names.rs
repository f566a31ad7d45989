//! Chains from names: full names, surnames and first names of people,
//! organizations (with their acronyms) and events. Stated aliases are
//! linked afterwards (see `aliases`).

use crate::text::lower;
use super::{Chain, Coref};
use crate::doc::Document;
use crate::graph::EntityKind;
use crate::mentions::{Form, Gender, Lexicon, Mention, NameType};

/// Lower-case words of a name, with Latin diacritics folded ("Ichiyō" and
/// "Ichiyo" are one name).
fn words(s: &str) -> Vec<String> {
    s.split_whitespace().map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase().chars().map(fold).collect::<String>()).filter(|w| !w.is_empty()).collect()
}

/// A lower-case Latin letter without its diacritic.
fn fold(c: char) -> char {
    if c.is_ascii() {
        return c;
    }
    const FROM: &str = "àáâãäåāăąçćčďèéêëēėęěìíîïīįıñńňòóôõöøōőùúûüūůűųýÿźżžśšşřťţłğ";
    const TO: &str = "aaaaaaaaacccdeeeeeeeeiiiiiiinnnoooooooouuuuuuuuyyzzzsssrttlg";
    FROM.chars().position(|x| x == c).and_then(|i| TO.chars().nth(i)).unwrap_or(c)
}

/// Content words of an event label (for matching repeated event mentions).
fn event_key(s: &str) -> Vec<String> {
    let mut k: Vec<String> = words(s).into_iter().filter(|w| !matches!(w.as_str(), "the" | "a" | "an" | "of" | "his" | "her" | "their" | "its" | "s" | "in" | "on" | "at" | "for" | "to" | "and" | "with")).collect();
    k.sort();
    k
}

/// True when `short` names the same person as `full`: its words appear in
/// order in `full`, or it is the first or last word of `full`.
fn names_same_person(short: &[String], full: &[String]) -> bool {
    if short.is_empty() || full.is_empty() {
        return false;
    }
    if short.len() == 1 {
        return full.first() == short.first() || full.last() == short.first();
    }
    // in-order subsequence
    let mut it = full.iter();
    let subseq = short.iter().all(|w| it.any(|f| f == w));
    subseq && (short.last() == full.last() || short.first() == full.first())
}

/// Two full names of one person that differ in the form of the given name:
/// same surname, given names equal or one a short form of the other
/// ("Larry Lessig", "Lawrence Lessig"; "Bill Clinton", "William Jefferson
/// Clinton").
fn same_person_by_given_name(lex: &Lexicon, a: &[String], b: &[String]) -> bool {
    a.len() >= 2 && b.len() >= 2 && a.last() == b.last() && a[0] != b[0] && lex.same_given_name(&a[0], &b[0])
}

pub(super) fn resolve_names(doc: &Document, mentions: &[Mention], lex: &Lexicon, c: &mut Coref) {
    let mut keys = Keys::default();
    // pass 1: full person names (two words or more) found in document order
    for (mi, m) in mentions.iter().enumerate() {
        if m.form != Form::Name || m.ty != NameType::Entity(EntityKind::Person) {
            continue;
        }
        let w = words(&m.text);
        if w.len() < 2 {
            continue;
        }
        let hit = keys.label.iter().rposition(|fw| names_same_person(&w, fw) || names_same_person(fw, &w) || same_person_by_given_name(lex, &w, fw));
        match hit {
            Some(ci) => {
                if w.len() > keys.label[ci].len() {
                    c.chains[ci].label = m.text.clone();
                    keys.label[ci] = w;
                }
                keys.add_alias(lex, &mut c.chains[ci], ci, &m.text);
                keys.push(&mut c.chains[ci], ci, mi, mentions);
                c.refs[mi] = vec![ci];
            }
            None => {
                keys.new_chain(lex, c, EntityKind::Person, &m.text, mi, m.gender, mentions);
                c.refs[mi] = vec![c.chains.len() - 1];
            }
        }
    }
    // pass 2: everything else, in order
    for (mi, m) in mentions.iter().enumerate() {
        if m.form != Form::Name || !c.refs[mi].is_empty() {
            continue;
        }
        let w = words(&m.text);
        match m.ty {
            NameType::Entity(EntityKind::Person) | NameType::Unknown => {
                // "in Austin", "Austin, Texas": a place, not the person called Austin
                if w.len() == 1 && lex.places.contains(&w[0]) && placed(doc, m) {
                    continue;
                }
                // a short name joins the person the text already calls so
                // ("Padalecki" stays Jared when his son Austin Shepherd
                // Padalecki is named), else the most recently mentioned
                // person who carries it
                let at = m.sentence;
                // person who carries it; a lone word that several people carry
                // first goes to the one the text has named most ("Hadid" is
                // Zaha Hadid, not her father named once just before)
                let carries = |ci: usize, ch: &Chain| ch.kind == EntityKind::Person && keys.alias_words[ci].iter().any(|a| names_same_person(&w, a)) || ch.aliases.iter().any(|a| a.eq_ignore_ascii_case(&m.text));
                // a surname after an honorific goes to the one carrier the
                // text named with that honorific ("Dr. Nelson" is "Dr.
                // Alondra Nelson", not "Bill Nelson" named more often)
                let titled = title_before(lex, doc, m).and_then(|t| {
                    let mut same = c.chains.iter().enumerate().filter(|&(ci, ch)| carries(ci, ch) && ch.mentions.iter().any(|&pm| title_before(lex, doc, &mentions[pm]).as_deref() == Some(t.as_str()))).map(|(ci, _)| ci);
                    match (same.next(), same.next()) {
                        (Some(ci), None) => Some(ci),
                        _ => None,
                    }
                });
                let hit = titled
                    .or_else(|| keys.most_recent(c, at, |_, ch| ch.kind == EntityKind::Person && ch.aliases.iter().any(|a| a.eq_ignore_ascii_case(&m.text)) && w.len() == 1))
                    .or_else(|| if w.len() == 1 { keys.most_named(c, at, carries) } else { None })
                    .or_else(|| keys.most_recent(c, at, carries));
                if let Some(ci) = hit {
                    keys.add_alias(lex, &mut c.chains[ci], ci, &m.text);
                    keys.push(&mut c.chains[ci], ci, mi, mentions);
                    c.refs[mi] = vec![ci];
                    continue;
                }
                // an organization known by this name ("the Post")
                if let Some(ci) = c.chains.iter().position(|ch| ch.kind == EntityKind::Organization && ch.aliases.iter().any(|a| a.eq_ignore_ascii_case(&m.text))) {
                    keys.push(&mut c.chains[ci], ci, mi, mentions);
                    c.refs[mi] = vec![ci];
                    continue;
                }
                // a lone first name nobody else carries: a person known by it ("his son James")
                let toks = &doc.sentences[m.sentence].tokens;
                let after_role = m.first > 0 && lex.role_nouns.contains_key(&toks[m.first - 1].form);
                let plain = !lex.is_common(&w[0]) && !lex.places.contains(&w[0]);
                let lone_first = m.ty == NameType::Unknown && w.len() == 1 && plain && (after_role && lex.first_names.contains_key(&w[0]) || listed_after_role(lex, toks, m.first));
                if m.ty == NameType::Entity(EntityKind::Person) || lone_first {
                    keys.new_chain(lex, c, EntityKind::Person, &m.text, mi, m.gender, mentions);
                    c.refs[mi] = vec![c.chains.len() - 1];
                }
            }
            NameType::Entity(EntityKind::Organization) => {
                let label = m.canonical.clone().unwrap_or_else(|| m.text.clone());
                let key = norm_org(lex, &label);
                let alt = norm_org(lex, &m.text);
                let hit = [&key, &alt]
                    .into_iter()
                    .flat_map(|k| [keys.org_key_chain(k), place_first(lex, k).and_then(|p| keys.org_key_chain(&p))])
                    .flatten()
                    .min()
                    // "the U.S. Senate" after "the Senate": the one word it names with a place before it
                    .or_else(|| bare_of_placed(lex, &key).and_then(|bare| keys.org_key_chain(&bare)))
                    // "the Senate" after "the U.S. Senate", when one organization of the text is so named
                    .or_else(|| keys.placed.get(&key).filter(|chains| chains.len() == 1).map(|chains| chains[0]))
                    // "LV" after "LibriVox", "the National Aeronautics and Space Administration" after "NASA"
                    .or_else(|| acronym_chain(c, &m.text));
                let ci = match hit {
                    Some(ci) => ci,
                    None => {
                        keys.new_chain(lex, c, EntityKind::Organization, &label, mi, Gender::Neuter, mentions);
                        c.chains.len() - 1
                    }
                };
                keys.add_alias(lex, &mut c.chains[ci], ci, &m.text);
                if !c.chains[ci].mentions.contains(&mi) {
                    keys.push(&mut c.chains[ci], ci, mi, mentions);
                }
                c.refs[mi] = vec![ci];
                // an acronym defined right after: "the Democratic Party (DP)"
                if let Some(acr) = acronym_after(doc, m) {
                    keys.add_alias(lex, &mut c.chains[ci], ci, &acr);
                }
            }
            NameType::Entity(EntityKind::Event) => {
                let key = event_key(&m.text);
                let mut hit = keys.event_keys.iter().position(|ks| ks.contains(&key));
                // a bare "the interview" / "the election" refers back to the last event of that kind
                if hit.is_none() && key.len() == 1 {
                    hit = keys.event_keys.iter().rposition(|ks| ks.iter().any(|k| k.contains(&key[0])));
                }
                // an interview a verb states again without the interviewee the
                // parse found the first time: "Wikinews interviewed Assistant
                // Professor ... Simon Ličen" is the "Wikinews interview with
                // Simon Ličen" of the heading (the shorter label names other
                // interviews too, and is no alias of this one)
                let mut alias = true;
                if hit.is_none() && doc.sentences[m.sentence].tokens[m.head].upos == crate::doc::Upos::Verb {
                    let with = format!("{} with ", m.text);
                    hit = c.chains.iter().position(|ch| ch.kind == EntityKind::Event && ch.label.starts_with(&with));
                    alias = hit.is_none();
                }
                // a title the text gives the event it has just described: "a
                // weekly podcast with her boyfriend Julien Solomita called "The
                // Jenna Julien Podcast" (formerly called "The Jenna and Julien Podcast")"
                if hit.is_none() {
                    hit = called_title_of(doc, mentions, c, mi);
                }
                // a bare head that refers back to none ("the mission", "the
                // journey back to Scotland") describes no specific event
                if hit.is_none() && m.first == m.last && lex.event_common.contains(lower(&m.text).as_str()) {
                    continue;
                }
                let ci = match hit {
                    Some(ci) => ci,
                    None => {
                        keys.new_chain(lex, c, EntityKind::Event, &m.text, mi, Gender::Neuter, mentions);
                        c.chains.len() - 1
                    }
                };
                if alias {
                    keys.add_alias(lex, &mut c.chains[ci], ci, &m.text);
                }
                if !c.chains[ci].mentions.contains(&mi) {
                    keys.push(&mut c.chains[ci], ci, mi, mentions);
                }
                c.refs[mi] = vec![ci];
            }
        }
    }
    // a lone name the text keeps using ("Jerome", "Euler") is a person known by one name
    let mut counts: std::collections::HashMap<String, Vec<usize>> = std::collections::HashMap::new();
    for (mi, m) in mentions.iter().enumerate() {
        if m.form == Form::Name && m.ty == NameType::Unknown && c.refs[mi].is_empty() && !m.text.contains(' ') {
            counts.entry(m.text.clone()).or_default().push(mi);
        }
    }
    let mut lone: Vec<(String, Vec<usize>)> = counts.into_iter().filter(|(w, ms)| {
        let l = w.to_lowercase();
        ms.len() >= 3 && w.chars().next().is_some_and(char::is_uppercase) && w.chars().skip(1).any(char::is_lowercase)
            && !lex.is_common(&l) && !lex.places.contains(&l) && !lex.demonyms.contains(&l) && !lex.organizations.contains(&l)
            && !lex.non_names.contains(&l) && !lex.is_title_or_role(&l)
            && ms.iter().any(|&mi| mentions[mi].first > 0)
            && !w.ends_with('s')
            // acts as somebody: a subject at least once, never after a place preposition or "the"
            && ms.iter().any(|&mi| doc.sentences[mentions[mi].sentence].tokens[mentions[mi].head].deprel.starts_with("nsubj"))
            && !ms.iter().any(|&mi| {
                let m = &mentions[mi];
                m.first > 0 && matches!(lower(&doc.sentences[m.sentence].tokens[m.first - 1].form).as_str(), "the" | "in" | "at" | "to" | "from" | "near" | "into")
            })
    }).collect();
    lone.sort();
    for (w, ms) in lone {
        let gender = lex.first_name_gender(&w).unwrap_or_default();
        c.chains.push(new_chain(EntityKind::Person, &w, ms[0], gender));
        let ci = c.chains.len() - 1;
        for &mi in &ms {
            if !c.chains[ci].mentions.contains(&mi) {
                c.chains[ci].mentions.push(mi);
            }
            c.refs[mi] = vec![ci];
        }
    }
    // acronyms used later join the organization that defined them
    for (mi, m) in mentions.iter().enumerate() {
        if m.form == Form::Name && c.refs[mi].is_empty() {
            if let Some(ci) = c.chains.iter().position(|ch| ch.kind != EntityKind::Event && ch.aliases.iter().any(|a| a == &m.text)) {
                c.chains[ci].mentions.push(mi);
                c.refs[mi] = vec![ci];
            }
        }
    }
    // gender from first names, titles and role nouns of the chain's mentions
    for ch in &mut c.chains {
        if ch.kind != EntityKind::Person {
            continue;
        }
        let mut votes = (0, 0);
        for &mi in &ch.mentions {
            match mentions[mi].gender {
                Gender::Male => votes.0 += 1,
                Gender::Female => votes.1 += 1,
                _ => {}
            }
        }
        if let Some(first) = ch.label.split_whitespace().next() {
            match lex.first_name_gender(first) {
                Some(Gender::Male) => votes.0 += 1,
                Some(Gender::Female) => votes.1 += 1,
                _ => {}
            }
        }
        ch.gender = match votes {
            (m, f) if m > f => Gender::Male,
            (m, f) if f > m => Gender::Female,
            _ => Gender::Unknown,
        };
    }
}

/// A place name used as one: after a locative preposition ("in Austin") or
/// before ", Region" ("Austin, Texas").
/// The event chain that the quoted title at mention `mi` names, when a
/// cue of naming ("called", "titled", "entitled", "dubbed") stands before
/// its opening quotation mark and an event of the same sentence ends at
/// most eight words before the cue: "a weekly podcast with her boyfriend
/// Julien Solomita called "The Jenna Julien Podcast"". The title may start
/// before the mention ("The Jenna and Julien Podcast", whose mention is
/// "Julien Podcast").
fn called_title_of(doc: &Document, mentions: &[Mention], c: &Coref, mi: usize) -> Option<usize> {
    let m = &mentions[mi];
    let toks = &doc.sentences[m.sentence].tokens;
    let quote = |k: usize| matches!(toks[k].form.as_str(), "\"" | "“" | "'" | "‘" | "``");
    let mut k = m.first;
    while k > 0 && m.first - k < 6 && !quote(k - 1) && (toks[k - 1].form.chars().next().is_some_and(char::is_uppercase) || matches!(toks[k - 1].form.as_str(), "and" | "&" | "of")) {
        k -= 1;
    }
    if k < 2 || !quote(k - 1) || !matches!(lower(&toks[k - 2].form).as_str(), "called" | "titled" | "entitled" | "dubbed") {
        return None;
    }
    let cue = k - 2;
    mentions[..mi]
        .iter()
        .enumerate()
        .rev()
        .take_while(|(_, p)| p.sentence == m.sentence)
        .find(|(_, p)| p.last < cue && cue - p.last <= 8 && p.ty == NameType::Entity(EntityKind::Event))
        .and_then(|(pi, _)| c.refs[pi].first().copied())
        .filter(|&ci| c.chains[ci].kind == EntityKind::Event)
}

/// The honorific of `titles.txt` right before a name, lower case without
/// its period ("dr" for "Dr. Alondra Nelson").
fn title_before(lex: &Lexicon, doc: &Document, m: &Mention) -> Option<String> {
    let t = &doc.sentences[m.sentence].tokens[m.first.checked_sub(1)?];
    let key = t.form.trim_end_matches('.').to_lowercase();
    (t.form.chars().next().is_some_and(char::is_uppercase) && lex.titles.contains_key(&key)).then_some(key)
}

fn placed(doc: &Document, m: &Mention) -> bool {
    let toks = &doc.sentences[m.sentence].tokens;
    let before = m.first.checked_sub(1).map(|k| toks[k].form.to_lowercase()).unwrap_or_default();
    let region = toks.get(m.last + 1).is_some_and(|t| t.form == ",") && toks.get(m.last + 2).is_some_and(|t| t.form.chars().next().is_some_and(char::is_uppercase));
    matches!(before.as_str(), "in" | "at" | "from" | "to" | "near" | "into" | "outside") || region
}

/// Token `i` opens a name in a list set in apposition to a role noun: "two
/// brothers, Niklaus and Johann II", "his sons, Daniel, Johann and Niklaus".
fn listed_after_role(lex: &Lexicon, toks: &[crate::doc::Token], i: usize) -> bool {
    let mut k = i;
    // back over earlier members of the list: capitalised words, commas, "and"
    while k >= 2 && (toks[k - 1].form == "," || toks[k - 1].form == "and") {
        k -= 1;
        if toks[k].form == "," && toks.get(k.wrapping_sub(1)).is_some_and(|t| lex.is_title_or_role(&t.form) && t.form.chars().next().is_some_and(char::is_lowercase)) {
            return true;
        }
        while k >= 1 && toks[k - 1].form.chars().next().is_some_and(char::is_uppercase) {
            k -= 1;
        }
    }
    false
}

/// An organization name for matching: lower case, without "the", short
/// forms of places written out ("LA Sheriff's office" = "Los Angeles
/// Sheriff's office").
fn norm_org(lex: &Lexicon, s: &str) -> String {
    words(&s.replace('.', ""))
        .into_iter()
        .filter(|w| w != "the")
        .map(|w| lex.place_abbreviations.get(&w).cloned().unwrap_or(w))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The place a `norm_org` key opens with and the rest ("united states" and
/// "senate" of "united states senate"), for a known place of one to three
/// words followed by at least one word.
fn leading_place<'a>(lex: &Lexicon, key: &'a str) -> Option<(&'a str, &'a str)> {
    let ends: Vec<usize> = key.match_indices(' ').map(|(i, _)| i).take(3).collect();
    ends.into_iter().rev().find(|&e| lex.places.contains(&key[..e])).map(|e| (&key[..e], &key[e + 1..]))
}

/// A `norm_org` key with a trailing "of PLACE" written first: "senate of
/// united states" → "united states senate" (`norm_org` has dropped "the").
/// `None` when the key ends with no such place.
fn place_first(lex: &Lexicon, key: &str) -> Option<String> {
    let (name, place) = key.rsplit_once(" of ")?;
    (lex.places.contains(place) && !name.is_empty()).then(|| format!("{place} {name}"))
}

/// The one word a `norm_org` key names once its leading place is taken
/// away: "senate" of "united states senate", "times" of "new york times".
/// Only single words: "California Democratic Party" is not the "Democratic
/// Party" of the same text, while "the Senate" after "the U.S. Senate" is.
fn bare_of_placed(lex: &Lexicon, key: &str) -> Option<String> {
    let canon = place_first(lex, key);
    let (_, rest) = leading_place(lex, canon.as_deref().unwrap_or(key))?;
    (!rest.contains(' ')).then(|| rest.to_string())
}

/// The capitals that open the words of a name, and those of its camel-case
/// humps: "NASA" of "National Aeronautics and Space Administration", "LV"
/// of "LibriVox".
pub(super) fn initials(name: &str) -> String {
    let mut out = String::new();
    let mut prev: Option<char> = None;
    for c in name.chars() {
        let opens_word = prev.is_none_or(|p| p.is_whitespace() || p == '-');
        let hump = prev.is_some_and(char::is_lowercase);
        if c.is_uppercase() && (opens_word || hump) {
            out.push(c);
        }
        prev = Some(c);
    }
    out
}

/// True when every word of a name but its function words is capitalised, so
/// that its initials can make an acronym ("Korean People's Army", not "New
/// Zealand government").
pub(super) fn all_capitalised(name: &str) -> bool {
    name.split_whitespace().all(|w| matches!(w, "of" | "and" | "the" | "for" | "&" | "de" | "du" | "des" | "la") || w.starts_with(char::is_uppercase))
}

/// Two to six capital letters: "LV", "NASA".
fn is_acronym(s: &str) -> bool {
    (2..=6).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_uppercase())
}

/// The one organization chain that an acronym abbreviates, or that a full
/// name is abbreviated by ("LV" and "LibriVox", either first); `None` when
/// none or several do.
fn acronym_chain(c: &Coref, text: &str) -> Option<usize> {
    let matches = |ch: &Chain| {
        if is_acronym(text) {
            ch.aliases.iter().any(|a| !is_acronym(a) && all_capitalised(a) && initials(a) == text)
        } else {
            let ini = initials(text);
            ini.len() >= 2 && all_capitalised(text) && ch.aliases.iter().any(|a| is_acronym(a) && *a == ini)
        }
    };
    let mut found = c.chains.iter().enumerate().filter(|(_, ch)| ch.kind == EntityKind::Organization && matches(ch)).map(|(ci, _)| ci);
    let first = found.next()?;
    found.next().is_none().then_some(first)
}

fn acronym_after(doc: &Document, m: &Mention) -> Option<String> {
    let toks = &doc.sentences[m.sentence].tokens;
    let (open, acr, close) = (toks.get(m.last + 1)?, toks.get(m.last + 2)?, toks.get(m.last + 3)?);
    let initials: String = m.text.split_whitespace().filter(|w| w.chars().next().is_some_and(char::is_uppercase)).filter_map(|w| w.chars().next()).collect();
    (open.form == "(" && close.form == ")" && acr.form.len() >= 2 && acr.form.chars().all(|c| c.is_ascii_uppercase()) && initials.starts_with(&acr.form[..1]))
        .then(|| acr.form.clone())
}

/// Matching keys of the chains built so far, kept beside them while names
/// are resolved, so that a name is normalised once and not at every
/// comparison: long documents have thousands of chains.
#[derive(Default)]
struct Keys {
    /// `words` of each chain's label
    label: Vec<Vec<String>>,
    /// `words` of each alias of a person chain (empty for other kinds)
    alias_words: Vec<Vec<Vec<String>>>,
    /// `event_key` of each alias of an event chain (empty for other kinds)
    event_keys: Vec<Vec<Vec<String>>>,
    /// `norm_org` of organization aliases (and the same with a trailing
    /// "of PLACE" written first) → the first chain that has it
    org: std::collections::HashMap<String, usize>,
    /// one word → the organization chains named by it and a place before
    /// it ("senate" → the chain of "U.S. Senate"; see `bare_of_placed`)
    placed: std::collections::HashMap<String, Vec<usize>>,
    /// sentences of each chain's mentions
    sentences: Vec<std::collections::BTreeSet<usize>>,
}

impl Keys {
    /// Starts a chain of one mention, named `label`.
    #[allow(clippy::too_many_arguments)]
    fn new_chain(&mut self, lex: &Lexicon, c: &mut Coref, kind: EntityKind, label: &str, mi: usize, gender: Gender, mentions: &[Mention]) {
        let ci = c.chains.len();
        c.chains.push(new_chain(kind, label, mi, gender));
        self.label.push(words(label));
        self.alias_words.push(Vec::new());
        self.event_keys.push(Vec::new());
        self.sentences.push(std::iter::once(mentions[mi].sentence).collect());
        self.index_alias(lex, kind, ci, label);
    }

    /// Adds a name to chain `ci` (`ch`) unless it has it.
    fn add_alias(&mut self, lex: &Lexicon, ch: &mut Chain, ci: usize, a: &str) {
        if ch.aliases.iter().any(|x| x == a) {
            return;
        }
        ch.aliases.push(a.to_string());
        self.index_alias(lex, ch.kind, ci, a);
    }

    /// Records the matching key of a new alias `a` of chain `ci` (of `kind`).
    fn index_alias(&mut self, lex: &Lexicon, kind: EntityKind, ci: usize, a: &str) {
        match kind {
            EntityKind::Person => self.alias_words[ci].push(words(a)),
            EntityKind::Event => self.event_keys[ci].push(event_key(a)),
            EntityKind::Organization => {
                let key = norm_org(lex, a);
                if let Some(bare) = bare_of_placed(lex, &key) {
                    let chains = self.placed.entry(bare).or_default();
                    if !chains.contains(&ci) {
                        chains.push(ci);
                    }
                }
                for k in place_first(lex, &key).into_iter().chain(std::iter::once(key)) {
                    self.org.entry(k).and_modify(|x| *x = (*x).min(ci)).or_insert(ci);
                }
            }
        }
    }

    /// Adds mention `mi` to chain `ci` (`ch`).
    fn push(&mut self, ch: &mut Chain, ci: usize, mi: usize, mentions: &[Mention]) {
        ch.mentions.push(mi);
        self.sentences[ci].insert(mentions[mi].sentence);
    }

    /// The first organization chain with an alias of this `norm_org` form.
    fn org_key_chain(&self, key: &str) -> Option<usize> {
        self.org.get(key).copied()
    }

    /// The chain matching `pred` named in the most sentences up to sentence
    /// `at`, when one leads; `None` when none matches or the best are tied.
    fn most_named(&self, c: &Coref, at: usize, pred: impl Fn(usize, &Chain) -> bool) -> Option<usize> {
        let mut counts: Vec<(usize, usize)> = c.chains.iter().enumerate().filter(|&(ci, ch)| pred(ci, ch)).map(|(ci, _)| (self.sentences[ci].range(..=at).count(), ci)).collect();
        counts.sort_by_key(|c| std::cmp::Reverse(c.0));
        match counts[..] {
            [(n, ci), (m, _), ..] if n > m => Some(ci),
            _ => None,
        }
    }

    /// The chain matching `pred` (given its index) that was mentioned most
    /// recently before sentence `at`, or in it, or failing that the first
    /// one mentioned after it; ties go to the earlier chain.
    fn most_recent(&self, c: &Coref, at: usize, pred: impl Fn(usize, &Chain) -> bool) -> Option<usize> {
        let mut best: Option<(usize, usize)> = None; // (distance, chain)
        for (ci, ch) in c.chains.iter().enumerate() {
            if !pred(ci, ch) {
                continue;
            }
            let before = self.sentences[ci].range(..=at).next_back().map(|s| (at - s) * 2);
            let after = self.sentences[ci].range(at + 1..).next().map(|s| (s - at) * 2 + 1);
            if let Some(d) = before.into_iter().chain(after).min() {
                if best.is_none_or(|(bd, _)| d < bd) {
                    best = Some((d, ci));
                }
            }
        }
        best.map(|(_, ci)| ci)
    }
}

fn new_chain(kind: EntityKind, label: &str, mi: usize, gender: Gender) -> Chain {
    Chain { kind, label: label.to_string(), aliases: vec![label.to_string()], mentions: vec![mi], gender, roles: Vec::new() }
}
