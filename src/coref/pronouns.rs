//! Pronouns, descriptions and groups, resolved in one pass over the text.
//!
//! Sentence by sentence (outside quotations first, so that "he said" is
//! known before the quotation's "I"), every mention that names nothing yet
//! is resolved against the history of the mentions before it:
//! - first person: inside a quotation its speaker, in a dialogue turn the
//!   turn's speaker, else the narrator (the person named in the opening);
//!   "we" in a quotation is the speaker and the other person of the passage;
//! - second person: the addressee of the quotation or of the turn;
//! - reflexives ("himself"): the subject of their clause;
//! - "he"/"she": the best agreeing person (see `salience`), never the
//!   subject of its own clause when the pronoun is a non-reflexive object,
//!   never the speaker of its own quotation, never a person named later in
//!   the sentence (unless the pronoun opens a fronted clause: "After he won,
//!   X ..."); "X and his Y" is X's;
//! - "it"/"its": a recent organization, when "it" acts (not "it is ... to");
//! - "they"/"their": two people just named together, a group ("the pair"),
//!   else a recent organization;
//! - descriptions and groups: see `describe`;
//! - organization nouns ("the organization", "the site", "the church";
//!   `data/lexicons/org_nouns.txt`): the organization the text is about.

use crate::text::lower;
use super::describe::{attach_roles, description, recent_pair, top_two};
use super::salience::{best, chains_at, clause_subject, role, Role, Seen, Site};
use super::Coref;
use crate::doc::Document;
use crate::graph::EntityKind;
use crate::mentions::{Form, Gender, Lexicon, Mention, PronounInfo};

/// Words that open a fronted subordinate clause ("After he won, X ...").
const SUBORDINATORS: &[&str] = &["after", "before", "when", "while", "although", "though", "since", "once", "because", "as", "if", "despite", "upon", "until", "whenever", "whereas"];
/// Verbs whose subject "it" is usually not a referent ("it is", "it seems").
const LIGHT_VERBS: &[&str] = &["be", "seem", "appear", "take", "become", "happen", "matter", "remain", "mean", "feel", "look", "make", "get", "go", "come"];

/// What the pass knows beyond the history.
struct Ctx<'a> {
    doc: &'a Document,
    mentions: &'a [Mention],
    /// For each sentence, who "I" is outside quotations: the turn's speaker
    /// in a dialogue, else the narrator.
    voice: Vec<Option<usize>>,
    /// For each sentence, whether the voice speaks in the first person there
    /// (then "he" and "she" are other people).
    narrating: Vec<bool>,
    /// For each sentence, the indices of its mentions.
    by_sentence: Vec<Vec<usize>>,
}

/// The running state: what was resolved so far and how salient each chain is.
struct State {
    history: Vec<Seen>,
    salience: Vec<f32>,
}

pub(super) fn resolve_references(doc: &Document, mentions: &[Mention], lex: &Lexicon, c: &mut Coref) {
    attach_roles(doc, mentions, lex, c);
    let (voice, narrating) = voices(doc, mentions, c);
    let ctx = Ctx { doc, mentions, voice, narrating, by_sentence: crate::mentions::by_sentence(doc.sentences.len(), mentions) };
    let mut st = State { history: Vec::new(), salience: vec![0.0f32; c.chains.len()] };
    for (si, ms) in ctx.by_sentence.iter().enumerate() {
        // outside quotations first, so "he said" is known before the quote's "I"
        let mut order = ms.clone();
        order.sort_by_key(|&mi| (c.quotes.is_inside(si, mentions[mi].first), mentions[mi].first));
        let named_here: Vec<usize> = ms.iter().flat_map(|&mi| c.refs[mi].clone()).collect();
        for mi in order {
            let m = &mentions[mi];
            if c.refs[mi].is_empty() {
                let r = match &m.form {
                    Form::Name => Vec::new(),
                    Form::Pronoun(p) => pronoun(&ctx, c, &st, mi, *p),
                    Form::Description(r) => {
                        let site = Site { sentence: si, paragraph: doc.sentences[si].paragraph, role: role(doc, mentions, mi), quoted: c.quotes.is_inside(si, m.first) };
                        let found = apposed_name(&ctx, c, mi).or_else(|| (!apposed_to_noun(&ctx, mi)).then(|| description(c, &named_here, &st.history, &site, r, m.gender)).flatten());
                        // the text now describes this chain that way: "the singer" later means the same
                        if let Some(ci) = found {
                            if !c.chains[ci].roles.contains(r) {
                                c.chains[ci].roles.push(r.clone());
                            }
                        }
                        found.into_iter().collect()
                    }
                    Form::Group => top_two(c, &st.history, &st.salience, si, None),
                    Form::OrgDescription { noun, any } => {
                        let site = Site { sentence: si, paragraph: doc.sentences[si].paragraph, role: role(doc, mentions, mi), quoted: c.quotes.is_inside(si, m.first) };
                        org_description(c, &st.history, &site, noun, *any).into_iter().collect()
                    }
                };
                c.refs[mi] = r;
            }
            record(&ctx, c, &mut st, mi);
        }
    }
}

/// The person a description stands in apposition to: "Susan Clark, the
/// chairman of ...". The text says here who is meant, whoever else was
/// described that way before. The parse decides: "West, the singer says
/// ..." is a reporting clause, not an apposition.
fn apposed_name(ctx: &Ctx, c: &Coref, mi: usize) -> Option<usize> {
    let m = &ctx.mentions[mi];
    let toks = &ctx.doc.sentences[m.sentence].tokens;
    let comma = |k: usize| toks.get(k).is_some_and(|t| t.form == ",");
    // token `t` is in apposition to a token of `first..=last`
    let apposed = |t: usize, first: usize, last: usize| toks[t].deprel == "appos" && toks[t].head.is_some_and(|h| (first..=last).contains(&h));
    ctx.by_sentence[m.sentence].iter().find_map(|&o| {
        let n = &ctx.mentions[o];
        let before = n.last + 2 == m.first && comma(n.last + 1) && apposed(m.head, n.first, n.last);
        match (&n.form, &c.refs[o][..]) {
            (Form::Name, [ci]) if before && c.chains[*ci].kind == EntityKind::Person => Some(*ci),
            _ => None,
        }
    })
}

/// A description in apposition to the common noun right before it ("her
/// mother (the chief executive officer)") describes that noun's referent, which the text does
/// not name: it is no one salient.
fn apposed_to_noun(ctx: &Ctx, mi: usize) -> bool {
    let m = &ctx.mentions[mi];
    let toks = &ctx.doc.sentences[m.sentence].tokens;
    // the noun right before the comma or bracket, whatever the parse makes
    // the apposition's head: "a friend of Hu Shih, the leader" is apposed to
    // the name, "a manager and her mother (the chief ...)" to "mother"
    toks[m.head].deprel == "appos" && m.first >= 2 && matches!(toks[m.first - 1].form.as_str(), "(" | ",") && toks[m.first - 2].upos == crate::doc::Upos::Noun
}

/// "the organization", "the church": the organization the text is about,
/// i.e. the most mentioned so far among those seen in the last six
/// sentences (for "the church", one whose name holds "church"); ties go to
/// the most salient. Unlike a person's description, it may be named in the
/// same sentence ("an article in the Scientology publication, which attacked
/// defectors from the organization").
fn org_description(c: &Coref, history: &[Seen], site: &Site, noun: &str, any: bool) -> Option<usize> {
    let fits = |ci: usize| {
        let ch = &c.chains[ci];
        ch.kind == EntityKind::Organization && (any || ch.label.to_lowercase().split(|ch: char| !ch.is_alphanumeric()).any(|w| w == noun))
    };
    let recent: Vec<usize> = history.iter().rev().take_while(|h| site.sentence - h.sentence <= 6).map(|h| h.chain).filter(|&ci| fits(ci)).collect();
    let count = |ci: usize| history.iter().filter(|h| h.chain == ci).count();
    let top = recent.iter().map(|&ci| count(ci)).max()?;
    let tied: Vec<usize> = recent.iter().copied().filter(|&ci| count(ci) == top).collect();
    best(history, site, 6, |ci| tied.contains(&ci), &[])
}

/// Adds mention `mi` to its chains and to the history.
fn record(ctx: &Ctx, c: &mut Coref, st: &mut State, mi: usize) {
    let m = &ctx.mentions[mi];
    let refs = c.refs[mi].clone();
    let toks = &ctx.doc.sentences[m.sentence].tokens;
    let rel = toks[m.head].deprel.as_str();
    let seen = Seen {
        chain: 0,
        sentence: m.sentence,
        token: m.first,
        paragraph: ctx.doc.sentences[m.sentence].paragraph,
        role: role(ctx.doc, ctx.mentions, mi),
        quoted: c.quotes.is_inside(m.sentence, m.first),
        possessor: rel == "nmod:poss" || is_possessive(m) || toks.get(m.last + 1).is_some_and(|t| t.form == "'s" || t.form == "'"),
        adverbial: rel.starts_with("obl") || rel == "advmod",
    };
    for &ci in &refs {
        if refs.len() == 1 && !c.chains[ci].mentions.contains(&mi) {
            c.chains[ci].mentions.push(mi);
        }
        // pronouns teach gender to a chain that lacks it
        if let (Form::Pronoun(p), 1) = (&m.form, refs.len()) {
            if c.chains[ci].gender == Gender::Unknown && matches!(p.gender, Gender::Male | Gender::Female) && p.person == 3 {
                c.chains[ci].gender = p.gender;
            }
        }
        st.salience[ci] += if m.form == Form::Name { 1.0 } else { 0.5 };
        st.history.push(Seen { chain: ci, ..seen });
    }
}

/// The narrator of a first-person text: the one person named in its
/// heading (the first paragraph and the unfinished lines after it: titles,
/// bylines, dates), as in "Interview with ... Noam Chomsky" or "Pelosi Floor
/// Speech"; none when the heading names nobody or several people.
fn narrator(doc: &Document, mentions: &[Mention], c: &Coref) -> Option<usize> {
    let unfinished = |si: usize| !doc.sentences[si].tokens.last().is_some_and(|t| matches!(t.form.as_str(), "." | "!" | "?" | "\"" | "”"));
    let mut heading = 0;
    while heading < doc.sentences.len() && heading < 4 && (heading == 0 || doc.sentences[heading].paragraph != doc.sentences[heading - 1].paragraph) && (heading == 0 || unfinished(heading - 1)) {
        heading += 1;
    }
    let mut people: Vec<usize> = Vec::new();
    for (mi, _) in mentions.iter().enumerate().filter(|(_, m)| m.sentence < heading && m.form == Form::Name) {
        if let [ci] = c.refs[mi][..] {
            if c.chains[ci].kind == EntityKind::Person && !people.contains(&ci) {
                people.push(ci);
            }
        }
    }
    match people[..] {
        [one] => Some(one),
        _ => None,
    }
}

/// Who "I" is outside quotations, sentence by sentence, and where the
/// narrator speaks in the first person.
///
/// In a dialogue turn it is the turn's speaker; elsewhere the narrator (see
/// [`narrator`]). "My name is X", "I'm X" or "I am X" outside quotations
/// makes X the voice of that paragraph (and, outside dialogue, of the rest
/// of the text). The narrator narrates from the first paragraph where "I"
/// occurs outside quotations, when the text does so at least three times;
/// if the text still names the narrator after that (a biography quoting its
/// subject at length), only in the paragraphs that say "I".
fn voices(doc: &Document, mentions: &[Mention], c: &Coref) -> (Vec<Option<usize>>, Vec<bool>) {
    let n = doc.sentences.len();
    let dialogue = |si: usize| c.turns.get(si).is_some_and(|t| t.dialogue);
    let mut narrator = narrator(doc, mentions, c);
    let mut voice = vec![None; n];
    let mut claimed: Vec<(usize, usize)> = Vec::new(); // (paragraph, chain)
    for si in 0..n {
        if let Some(ci) = self_named(doc, mentions, c, si) {
            claimed.push((doc.sentences[si].paragraph, ci));
        }
    }
    for (si, s) in doc.sentences.iter().enumerate() {
        let claim = claimed.iter().find(|(p, _)| *p == s.paragraph).map(|&(_, ci)| ci);
        if dialogue(si) {
            voice[si] = claim.or(c.turns[si].speaker);
        } else {
            if let Some(ci) = claim {
                narrator = Some(ci);
            }
            voice[si] = narrator;
        }
    }
    let first: Vec<&Mention> = mentions
        .iter()
        .filter(|m| matches!(&m.form, Form::Pronoun(p) if p.person == 1 && !p.plural))
        .filter(|m| !c.quotes.is_inside(m.sentence, m.first) && !dialogue(m.sentence))
        .collect();
    let from = first.first().map(|m| doc.sentences[m.sentence].paragraph).filter(|_| first.len() >= 3);
    // a narrator the text also names in the third person after it starts to
    // say "I" (a biography quoting its subject) narrates only where "I" occurs
    let paragraph_of = |mi: usize| doc.sentences[mentions[mi].sentence].paragraph;
    let named_after = from.is_some_and(|p| {
        (0..mentions.len()).any(|mi| mentions[mi].form == Form::Name && paragraph_of(mi) > p && c.refs[mi].len() == 1 && Some(c.refs[mi][0]) == voice[mentions[mi].sentence])
    });
    let local: Vec<usize> = first.iter().map(|m| doc.sentences[m.sentence].paragraph).collect();
    let narrating = doc
        .sentences
        .iter()
        .enumerate()
        .map(|(si, s)| !dialogue(si) && from.is_some_and(|p| s.paragraph >= p) && (!named_after || local.contains(&s.paragraph)))
        .collect();
    (voice, narrating)
}

/// "My name is Eric Levi", "I'm Isabel Ruiz", "I am X" outside quotations:
/// the person the speaker says he is.
fn self_named(doc: &Document, mentions: &[Mention], c: &Coref, si: usize) -> Option<usize> {
    let toks = &doc.sentences[si].tokens;
    for (ti, t) in toks.iter().enumerate() {
        if c.quotes.is_inside(si, ti) {
            continue;
        }
        let f = |k: usize| toks.get(ti + k).map(|x| x.form.to_lowercase()).unwrap_or_default();
        let at = match (t.form.as_str(), f(1).as_str(), f(2).as_str()) {
            ("My" | "my", "name", "is" | "'s") => ti + 3,
            ("I", "'m" | "am", _) => ti + 2,
            _ => continue,
        };
        let named = mentions.iter().enumerate().find(|(_, m)| m.sentence == si && m.first == at && m.form == Form::Name);
        if let Some((mi, _)) = named {
            if let [ci] = c.refs[mi][..] {
                if c.chains[ci].kind == EntityKind::Person {
                    return Some(ci);
                }
            }
        }
    }
    None
}

fn is_reflexive(m: &Mention) -> bool {
    let w = lower(&m.text);
    let w = w.as_str();
    w.ends_with("self") || w.ends_with("selves")
}

fn is_possessive(m: &Mention) -> bool {
    matches!(lower(&m.text).as_str(), "his" | "her" | "its" | "their" | "my" | "our" | "your")
}

/// "he", "she", "they": pronouns in subject form.
fn is_subject_pronoun(m: &Mention) -> bool {
    matches!(lower(&m.text).as_str(), "he" | "she" | "they")
}

fn pronoun(ctx: &Ctx, c: &Coref, st: &State, mi: usize, p: PronounInfo) -> Vec<usize> {
    let m = &ctx.mentions[mi];
    let si = m.sentence;
    let inside = c.quotes.is_inside(si, m.first);
    let of_mention = |x: Option<usize>| x.and_then(|sm| c.refs.get(sm)).and_then(|r| r.first().copied());
    let speaker = if inside { of_mention(c.quotes.speaker[si]) } else { None };
    let turn = c.turns.get(si).copied().unwrap_or_default();
    // outside quotations the first person is the turn's speaker in a dialogue, else the narrator
    let voice = ctx.voice[si];
    let paragraph = ctx.doc.sentences[si].paragraph;
    let site = Site { sentence: si, paragraph, role: role(ctx.doc, ctx.mentions, mi), quoted: inside };
    match (p.person, p.plural) {
        (1, false) if inside => speaker.into_iter().collect(),
        (1, false) => voice.into_iter().collect(),
        // "we" in a quotation: the speaker and the other person the passage is about
        (1, true) if inside => speaker.map(|sp| top_two(c, &st.history, &st.salience, si, Some(sp))).unwrap_or_default(),
        // outside quotations "we" is the narrator's or speaker's side: the narrator stands for it
        (1, true) => voice.into_iter().collect(),
        (2, _) if inside => of_mention(c.quotes.addressee.get(si).copied().flatten()).into_iter().collect(),
        (2, _) => turn.addressee.into_iter().collect(),
        (3, _) if is_reflexive(m) => reflexive(ctx, c, st, m, p, &site),
        (3, false) if p.gender == Gender::Neuter => it(ctx, c, st, m, &site),
        (3, plural) => {
            // "he was upset with me": not the speaker, nor the narrator where he speaks;
            // in a dialogue turn "them" is neither who answers nor who asks
            let mut exclude: Vec<usize> = speaker.into_iter().collect();
            if !inside && turn.dialogue {
                exclude.extend(voice);
                exclude.extend(turn.addressee);
            } else if !inside && ctx.narrating[si] && !plural {
                exclude.extend(voice);
            }
            if plural {
                they(ctx, c, st, m, &site, &exclude)
            } else {
                personal(ctx, c, st, m, p, &site, &exclude)
            }
        }
        _ => Vec::new(),
    }
}

fn agrees(c: &Coref, ci: usize, p: PronounInfo) -> bool {
    c.chains[ci].kind == EntityKind::Person && c.chains[ci].gender.agrees(p.gender)
}

/// "he", "him", "his", "she", "her".
fn personal(ctx: &Ctx, c: &Coref, st: &State, m: &Mention, p: PronounInfo, site: &Site, exclude: &[usize]) -> Vec<usize> {
    let ok = |ci: usize| agrees(c, ci, p);
    let toks = &ctx.doc.sentences[m.sentence].tokens;
    // "Jacob and his Sons": the possessor named just before
    if is_possessive(m) && m.first >= 2 && toks[m.first - 1].form == "and" {
        let named = chains_at(c, ctx.mentions, m.sentence, m.first - 2);
        if let [ci] = named[..] {
            if ok(ci) && !exclude.contains(&ci) && ctx.mentions.iter().any(|o| o.sentence == m.sentence && o.last + 2 == m.first && o.form == Form::Name) {
                return vec![ci];
            }
        }
    }
    // "After he won, X ...": the subject of the main clause
    if let Some(ci) = cataphor(ctx, c, m).filter(|&ci| ok(ci) && !exclude.contains(&ci)) {
        return vec![ci];
    }
    // "Devocht, who had told Montalvo he would assist him": the reporter
    if let Some(ci) = reporter(ctx, c, m).filter(|&ci| ok(ci) && !exclude.contains(&ci) && !site.quoted) {
        return vec![ci];
    }
    let mut not: Vec<usize> = exclude.to_vec();
    // "he said, referencing his texts to West": a subject pronoun is not
    // someone the same sentence names after it
    if m.first > 0 && !site.quoted && is_subject_pronoun(m) {
        for (oi, o) in ctx.by_sentence[m.sentence].iter().map(|&oi| (oi, &ctx.mentions[oi])) {
            if o.first > m.last && o.form == Form::Name && !c.quotes.is_inside(o.sentence, o.first) {
                not.extend(c.refs[oi].iter().copied());
            }
        }
    }
    // "John Legend did not support him": an object pronoun is not its own clause's subject
    not.extend(bound_subject(ctx, c, m));
    best(&st.history, site, 3, ok, &not)
        // nobody near: the most salient agreeing person of the text so far
        .or_else(|| best(&st.history, site, usize::MAX / 2, ok, &not))
        .into_iter()
        .collect()
}

/// Verbs that report what their subject says to someone (lemmas).
const TELLING: &[&str] = &["tell", "assure", "promise", "inform", "warn", "remind", "convince"];

/// "X told Y (that) he would ...": the subject pronoun of a clause reported
/// by a verb of telling is its reporter, not the one told (who is nearer).
/// A relative "who" as the reporter stands for the name just before it.
fn reporter(ctx: &Ctx, c: &Coref, m: &Mention) -> Option<usize> {
    let s = &ctx.doc.sentences[m.sentence];
    if !s.tokens[m.head].deprel.starts_with("nsubj") {
        return None;
    }
    let v = s.tokens[m.head].head?;
    let r = s.tokens[v].head.filter(|_| s.tokens[v].deprel == "ccomp")?;
    if !TELLING.contains(&lower(&s.tokens[r].lemma).as_str()) {
        return None;
    }
    let subj = s.children(r).find(|&k| s.tokens[k].deprel.starts_with("nsubj"))?;
    let subj = if s.tokens[subj].form.eq_ignore_ascii_case("who") {
        // the name right before "who" (or ", who")
        let before = if subj >= 2 && s.tokens[subj - 1].form == "," { subj - 2 } else { subj.checked_sub(1)? };
        ctx.by_sentence[m.sentence].iter().map(|&o| &ctx.mentions[o]).find(|o| o.last == before && o.form == Form::Name)?.head
    } else {
        subj
    };
    match chains_at(c, ctx.mentions, m.sentence, subj)[..] {
        [ci] => Some(ci),
        _ => None,
    }
}

/// For a non-reflexive object pronoun: the chains of its clause's subject.
fn bound_subject(ctx: &Ctx, c: &Coref, m: &Mention) -> Vec<usize> {
    let s = &ctx.doc.sentences[m.sentence];
    let t = &s.tokens[m.head];
    if is_possessive(m) || !matches!(t.deprel.split(':').next().unwrap_or(""), "obj" | "iobj" | "obl") {
        return Vec::new();
    }
    let Some(mut v) = t.head else { return Vec::new() };
    // "West shared ... and accused him": a conjoined verb shares its subject
    for _ in 0..4 {
        if let Some(subj) = s.children(v).find(|&k| s.tokens[k].deprel.starts_with("nsubj")) {
            return chains_at(c, ctx.mentions, m.sentence, subj);
        }
        match (s.tokens[v].deprel.as_str(), s.tokens[v].head) {
            ("conj", Some(h)) => v = h,
            _ => break,
        }
    }
    Vec::new()
}

/// A pronoun in a fronted subordinate clause refers forward to the subject
/// named right after the clause: "After he won the award, Legend said ...".
fn cataphor(ctx: &Ctx, c: &Coref, m: &Mention) -> Option<usize> {
    let toks = &ctx.doc.sentences[m.sentence].tokens;
    let fw = toks.iter().position(|t| t.form.chars().any(char::is_alphanumeric))?;
    if !SUBORDINATORS.contains(&lower(&toks[fw].form).as_str()) || m.first <= fw || c.quotes.is_inside(m.sentence, m.first) {
        return None;
    }
    let comma = (m.last + 1..toks.len()).find(|&k| toks[k].form == ",")?;
    if toks[fw..m.first].iter().any(|t| t.form == ",") {
        return None;
    }
    let (oi, o) = ctx.mentions.iter().enumerate().find(|(_, o)| o.sentence == m.sentence && o.first > comma && o.first <= comma + 3)?;
    // the name must be the main clause's subject (or the first thing in it)
    let subj = o.form == Form::Name && (toks[o.head].deprel.is_empty() || toks[o.first..=o.last].iter().any(|t| t.deprel.starts_with("nsubj")));
    match (subj, &c.refs[oi][..]) {
        (true, [ci]) => Some(*ci),
        _ => None,
    }
}

/// "himself", "herself", "themselves", "itself": the subject of the clause.
fn reflexive(ctx: &Ctx, c: &Coref, st: &State, m: &Mention, p: PronounInfo, site: &Site) -> Vec<usize> {
    let s = &ctx.doc.sentences[m.sentence];
    let kind_ok = |ci: usize| match (p.plural, p.gender) {
        (true, _) => true,
        (false, Gender::Neuter) => c.chains[ci].kind == EntityKind::Organization,
        (false, _) => agrees(c, ci, p),
    };
    if let Some(subj) = clause_subject(s, m.head) {
        let chains = chains_at(c, ctx.mentions, m.sentence, subj);
        if !chains.is_empty() && chains.iter().all(|&ci| kind_ok(ci)) {
            return chains;
        }
    }
    // no parse to go by: the nearest agreeing subject in the sentence or just before
    best(&st.history, site, 1, kind_ok, &[]).into_iter().collect()
}

/// "it", "its": a recent organization, when the pronoun can be one.
fn it(ctx: &Ctx, c: &Coref, st: &State, m: &Mention, site: &Site) -> Vec<usize> {
    let s = &ctx.doc.sentences[m.sentence];
    let t = &s.tokens[m.head];
    let org = |ci: usize| c.chains[ci].kind == EntityKind::Organization;
    if is_possessive(m) {
        return best(&st.history, site, 2, org, &[]).into_iter().collect();
    }
    // "it" as the subject of a verb that acts: "the company said it would ..."
    let acts = match (t.deprel.starts_with("nsubj"), t.head) {
        (true, Some(h)) => !LIGHT_VERBS.contains(&lower(&s.tokens[h].lemma).as_str()) && !s.children(h).any(|k| s.tokens[k].deprel == "cop"),
        (false, _) if t.deprel.is_empty() => s.tokens.get(m.last + 1).is_some_and(|n| !matches!(lower(&n.form).as_str(), "is" | "was" | "'s" | "seems" | "seemed" | "has" | "had" | "will" | "would")),
        _ => false,
    };
    if !acts {
        return Vec::new();
    }
    best(&st.history, site, 1, org, &[]).into_iter().collect()
}

/// "they", "them", "their".
fn they(ctx: &Ctx, c: &Coref, st: &State, m: &Mention, site: &Site, exclude: &[usize]) -> Vec<usize> {
    // the sentence before, or the one before that when the one between names nobody
    let quiet = |k: usize| !ctx.by_sentence[k].iter().any(|&x| ctx.mentions[x].form == Form::Name && c.refs[x].iter().any(|&ci| c.chains[ci].kind != EntityKind::Event));
    let from = if m.sentence >= 2 && quiet(m.sentence - 1) { m.sentence - 2 } else { m.sentence.saturating_sub(1) };
    let mut near: Vec<usize> = ctx.by_sentence[from..=m.sentence].concat();
    near.sort_unstable();
    if let Some(pair) = recent_pair(ctx.doc, c, ctx.mentions, &near, m) {
        return pair;
    }
    let org = |ci: usize| c.chains[ci].kind == EntityKind::Organization;
    // an organization that was the subject just before, or a plural name ("the Democrats")
    let plural_or_subject = |ci: usize| {
        org(ci) && st.history.iter().rev().take_while(|h| site.sentence - h.sentence <= 1).any(|h| h.chain == ci && (h.role == Role::Subject || ctx.by_sentence[h.sentence].iter().any(|&x| ctx.mentions[x].first == h.token && ctx.mentions[x].text.ends_with('s'))))
    };
    best(&st.history, site, 1, plural_or_subject, exclude).into_iter().collect()
}
