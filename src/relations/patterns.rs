//! Argument patterns: from a trigger in a sentence to (source, target) pairs.

use super::args::{Arg, SentenceArgs};
use super::dep;
use super::polarity::Modality;
use super::triggers::{Pattern, Sense};
use super::{kinds_allowed, Found};
use crate::doc::Span;
use crate::graph::{EntityKind, RelationKind, Role};
use crate::mentions::Form;
use crate::resources::Resources;

const BE: &[&str] = &["is", "was", "are", "were", "be", "been", "being", "'s", "'re", "became", "become", "becomes", "remained", "remains"];
/// Words before a noun, never before a finite verb ("her" may be either: "let her criticize").
const DETERMINERS: &[&str] = &["the", "a", "an", "his", "their", "its", "my", "our", "your", "whose", "this", "these", "those"];

/// A pair of arguments found by a pattern.
pub(super) struct Pair<'a> {
    pub(super) source: &'a Arg,
    pub(super) target: &'a Arg,
    pub(super) directed: bool,
    pub(super) confidence: f32,
    /// A family role other than the trigger's (an in-law: "his daughter married B").
    pub(super) role: Option<Role>,
}

pub(super) fn pair<'a>(source: &'a Arg, target: &'a Arg, directed: bool, confidence: f32) -> Pair<'a> {
    Pair { source, target, directed, confidence, role: None }
}

/// Finds every relation of one sentence.
pub(crate) fn sentence_relations(ctx: &SentenceArgs, res: &Resources, out: &mut Vec<Found>) {
    super::implicit::title_membership(ctx, res, out);
    if ctx.args.len() < 2 && !ctx.args.iter().any(|a| a.chains.len() > 1) {
        return;
    }
    let n = ctx.forms.len();
    let mut i = 0;
    while i < n {
        let matches = res.triggers.matches_at(&ctx.forms, i);
        if matches.is_empty() {
            separated_preposition(ctx, res, i, out);
            i += 1;
            continue;
        }
        // a trigger inside a name ("Sea Org", "Freedom Party") is not a
        // trigger; the role noun of a description is, for membership only
        // ("X, the chairman of Y")
        let covering = ctx.covering(i).filter(|a| a.kind != EntityKind::Event);
        let description = covering.filter(|a| matches!(ctx.mentions[a.mention].form, Form::Description(_)));
        let in_description = description.is_some();
        // the person a description stands for here: the name in apposition
        // before it ("X, the chairman of Y") or the subject of its copula
        // ("X is the chairman of Y"); without one, its noun is no trigger
        let described = description.and_then(|d| {
            ctx.args.iter().find(|p| p.last + 2 == d.first && (ctx.forms[p.last + 1] == "," || COPULAS.contains(&ctx.forms[p.last + 1].as_str())))
        });
        if covering.is_some() && described.is_none() {
            i += 1;
            continue;
        }
        // the longest trigger that finds a relation wins, and its words are
        // used up; when none does, a shorter one may ("is dating" is the
        // mutual "be dating" only with two subjects, else the verb "date")
        let mut next = i + 1;
        let found_before = out.len();
        for &(ti, len) in &matches {
            let tr = &res.triggers.all[ti];
            let end = i + len - 1;
            let mut modality = res.cues.modality(&ctx.forms, i, end);
            // "former Museum of Flight CEO Bonnie Dunbar": the cue before the organization that qualifies the noun
            if let Some(o) = ctx.args.iter().find(|a| a.last + 1 == i && a.kind == EntityKind::Organization) {
                modality.ended |= res.cues.modality(&ctx.forms, o.first, end).ended;
            }
            if res.cues.is_ending(&tr.words[0]) {
                modality.ended = true;
            }
            if modality.hedged {
                next = end + 1;
                break;
            }
            let before = out.len();
            for sense in tr.senses.iter().filter(|s| !in_description || s.pattern == Pattern::Member) {
                apply(ctx, res, sense, &tr.words, i, end, modality, out);
                if let Some(p) = described {
                    let kept: Vec<Found> = out.drain(before..).filter(|f| p.chains.contains(&f.source)).collect();
                    out.extend(kept);
                }
                if out.len() > before {
                    break; // the first sense that fits wins
                }
            }
            if out.len() > before {
                next = end + 1;
                break;
            }
        }
        if out.len() == found_before {
            separated_preposition(ctx, res, i, out);
        }
        i = next;
    }
    super::implicit::implicit_participation(ctx, out);
    super::implicit::implicit_membership(ctx, res, out);
}

/// A verb-and-preposition trigger whose preposition is not next to the verb
/// ("donated over $60,000 to charities", "lied repeatedly under oath to the
/// court"): the parse must show the preposition marking a nominal of the
/// verb after it; only the parse gives the pair, never word order. Like
/// any trigger, the verb may lie inside an event's mention, not a name's.
fn separated_preposition(ctx: &SentenceArgs, res: &Resources, i: usize, out: &mut Vec<Found>) {
    let in_name = ctx.covering(i).is_some_and(|a| a.kind != EntityKind::Event);
    if in_name || ctx.sent.tokens[i].upos != crate::doc::Upos::Verb || !dep::parsed(ctx.sent) {
        return;
    }
    for ti in res.triggers.two_word_at(&ctx.forms, i) {
        let tr = &res.triggers.all[ti];
        let prep = tr.words[1].as_str();
        if !PREPS.contains(&prep) || copular(&tr.words) {
            continue;
        }
        // after the verb, or on a relative pronoun before it ("the committee, on which X serves")
        let marked = dep::children(ctx.sent, i).any(|c| (c > i + 1 || dep::is_relative(ctx, c)) && dep::case_of(ctx, c).as_deref() == Some(prep));
        if !marked {
            continue;
        }
        let m = res.cues.modality(&ctx.forms, i, i);
        if m.hedged {
            return;
        }
        let before = out.len();
        for sense in tr.senses.iter().filter(|s| matches!(s.pattern, Pattern::Verb | Pattern::Event)) {
            let mut pairs: Vec<Pair> = Vec::new();
            dep_pairs(ctx, res, sense, &tr.words, i, i, &mut pairs);
            pairs.retain(|p| p.source.mention != p.target.mention || p.source.chains.len() > 1);
            trace(ctx, "parse (preposition apart)", sense, i, &pairs);
            for p in pairs {
                emit(ctx, sense, i, i, m, p, out);
            }
            if out.len() > before {
                return;
            }
        }
    }
}

/// A trigger of a copula and a predicate ("be friends", "become friends"),
/// whose predicate carries the arguments.
fn copular(words: &[String]) -> bool {
    words.len() > 1 && matches!(words[0].as_str(), "be" | "become" | "stay" | "remain" | "get")
}

/// Whether verb `i` has a subject in the parse that is a common noun no
/// argument covers.
fn common_noun_subject(ctx: &SentenceArgs, i: usize) -> bool {
    let toks = &ctx.sent.tokens;
    toks[i].upos == crate::doc::Upos::Verb
        && dep::children(ctx.sent, i).any(|c| toks[c].deprel.starts_with("nsubj") && toks[c].upos == crate::doc::Upos::Noun && ctx.covering(c).is_none())
}

fn looks_like_noun_use(ctx: &SentenceArgs, i: usize) -> bool {
    i > 0 && (DETERMINERS.contains(&ctx.forms[i - 1].as_str()) || ctx.args.iter().any(|a| a.possessive && a.last + 1 == i) && !ctx.forms[i].ends_with("ing"))
}

/// Whether the trigger at `i..=end` takes its agent after "by": a passive
/// participle ("B was backed by A"), or any form right before "by", which
/// reads as a noun whose doer follows ("SOO Africa teams support by Google").
fn is_passive(ctx: &SentenceArgs, i: usize, end: usize) -> bool {
    let w = &ctx.forms[i];
    let participle = w.ends_with("ed") || w.ends_with("en") || matches!(w.as_str(), "led" | "fought" | "won" | "held" | "met" | "taught" | "hit");
    let be_before = (1..=3).any(|k| i >= k && BE.contains(&ctx.forms[i - k].as_str()));
    participle && be_before || ctx.forms.get(end + 1).is_some_and(|w| w == "by")
}

#[allow(clippy::too_many_arguments)]
fn apply(ctx: &SentenceArgs, res: &Resources, sense: &Sense, words: &[String], i: usize, end: usize, m: Modality, out: &mut Vec<Found>) {
    let mut pairs: Vec<Pair> = Vec::new();
    if dep::parsed(ctx.sent) {
        dep_pairs(ctx, res, sense, words, i, end, &mut pairs);
        pairs.retain(|p| p.source.mention != p.target.mention || p.source.chains.len() > 1);
        trace(ctx, "parse", sense, i, &pairs);
        if !pairs.is_empty() {
            for p in pairs {
                emit(ctx, sense, i, end, m, p, out);
            }
            return;
        }
        // an adjective ("critical of") needs its copula or noun: word order misleads
        if ctx.sent.tokens[i].upos == crate::doc::Upos::Adj && sense.pattern == Pattern::Verb {
            return;
        }
        // the parse gives the verb a common-noun subject that is no entity
        // ("the amount of positive feedback for Mohamed had helped ..."):
        // word order would take some other name for it
        if matches!(sense.pattern, Pattern::Verb | Pattern::Event) && common_noun_subject(ctx, i) {
            return;
        }
    }
    surface_pairs(ctx, sense, i, end, m, &mut pairs, out);
    trace(ctx, "words", sense, i, &pairs);
    for p in pairs {
        emit(ctx, sense, i, end, m, p, out);
    }
}

/// With `RELGRAPH_TRACE=1` in the environment, prints each trigger's pairs
/// on stderr (`=2` adds the sentence's parse): a rule writer's aid.
fn trace(ctx: &SentenceArgs, how: &str, sense: &Sense, i: usize, pairs: &[Pair]) {
    // read once: the environment is searched at every trigger otherwise
    static LEVEL: std::sync::OnceLock<Option<std::ffi::OsString>> = std::sync::OnceLock::new();
    let Some(level) = LEVEL.get_or_init(|| std::env::var_os("RELGRAPH_TRACE")) else { return };
    if level == "2" && how == "parse" {
        for (k, t) in ctx.sent.tokens.iter().enumerate() {
            eprintln!("   {k} {} {} {} {:?}", t.form, t.xpos, t.deprel, t.head);
        }
    }
    let found: Vec<_> = pairs.iter().map(|p| (&ctx.mentions[p.source.mention].text, &ctx.mentions[p.target.mention].text)).collect();
    eprintln!("trigger {:?} ({:?} {:?}) by {how}: {found:?}", ctx.forms[i], sense.kind, sense.pattern);
}

/// Pairs from word order alone, for sentences the parse does not serve.
fn surface_pairs<'a>(ctx: &'a SentenceArgs, sense: &Sense, i: usize, end: usize, m: Modality, pairs: &mut Vec<Pair<'a>>, out: &mut Vec<Found>) {
    match sense.pattern {
        Pattern::Verb | Pattern::Event => {
            if looks_like_noun_use(ctx, i) && sense.pattern == Pattern::Verb {
                return;
            }
            if is_passive(ctx, i, end) {
                // "B was backed by A"
                let agents = ctx.prep_object(end, &["by"]);
                for t in ctx.subjects_before(i) {
                    for &s in &agents {
                        pairs.push(pair(s, t, true, 0.7));
                    }
                }
            } else {
                let objects = ctx.objects_after(end);
                for s in ctx.subjects_before(i) {
                    for &t in &objects {
                        pairs.push(pair(s, t, true, 0.75));
                    }
                }
            }
        }
        Pattern::Mutual => {
            let mut subjects = ctx.subjects_before(i);
            // "Together Bernoulli and Euler tried ...": the trigger opens the sentence
            if subjects.is_empty() && (i == 0 || ctx.forms[i - 1] == ",") {
                subjects = ctx.objects_after(end);
            }
            let with = ctx.prep_object(end, &["with", "against"]);
            if !with.is_empty() {
                for &s in &subjects {
                    for &t in &with {
                        pairs.push(pair(s, t, false, 0.75));
                    }
                }
            } else if subjects.len() >= 2 {
                pairs.push(pair(subjects[1], subjects[0], false, 0.75));
            } else if let Some(g) = subjects.first().filter(|a| a.chains.len() >= 2) {
                group_pairs(ctx, g, sense, m, i, out);
            }
        }
        Pattern::Noun => noun_pairs(ctx, sense, i, end, pairs),
        Pattern::Agent => {
            // "A, a supporter of B" / "A is a critic of B"
            let of = ctx.prep_object(end, &["of"]);
            if let Some(s) = ctx.subject_before(i) {
                for &t in &of {
                    pairs.push(pair(s, t, true, 0.7));
                }
            }
            // "B's critic A" / "his critic A"
            if let Some(p) = ctx.possessor_before(i) {
                for &a in ctx.objects_after(end).iter().take(1) {
                    pairs.push(pair(a, p, true, 0.7));
                }
            }
        }
        Pattern::Member => member_pairs(ctx, sense, i, end, pairs),
        // "does a weekly podcast with her boyfriend Julien Solomita"
        Pattern::Coagent => {
            if ctx.forms.get(end + 1).is_some_and(|w| w == "with") {
                // past a possessor: "with her boyfriend Julien Solomita"
                let mut objs = ctx.objects_after(end + 1);
                if let Some(p) = objs.first().filter(|a| a.possessive) {
                    objs = ctx.objects_after(p.last);
                }
                let with: Vec<&Arg> = objs.into_iter().filter(|a| a.kind == EntityKind::Person && !a.possessive).collect();
                for s in ctx.subjects_before(i).into_iter().filter(|a| a.kind == EntityKind::Person) {
                    for &t in &with {
                        pairs.push(pair(s, t, false, 0.6));
                    }
                }
            }
        }
    }
}

pub(super) fn emit(ctx: &SentenceArgs, sense: &Sense, i: usize, end: usize, m: Modality, p: Pair, out: &mut Vec<Found>) {
    for &s in &p.source.chains {
        for &t in &p.target.chains {
            let (sk, tk) = (ctx.coref.chains[s].kind, ctx.coref.chains[t].kind);
            if s == t || !kinds_allowed(sense.kind, sk, tk) {
                continue;
            }
            let lo = p.source.first.min(p.target.first).min(i);
            let hi = p.source.last.max(p.target.last).max(end);
            out.push(Found {
                source: s,
                target: t,
                kind: sense.kind,
                role: p.role.or(sense.role),
                directed: p.directed,
                negated: m.negated,
                ended: m.ended,
                confidence: p.confidence * if p.source.chains.len() > 1 || p.target.chains.len() > 1 { 0.8 } else { 1.0 },
                sentence: ctx.si,
                evidence: evidence(ctx, lo, hi),
            });
        }
    }
}

/// A group ("the pair", "we") as the subject of a mutual trigger: its members.
fn group_pairs(ctx: &SentenceArgs, g: &Arg, sense: &Sense, m: Modality, i: usize, out: &mut Vec<Found>) {
    let chains = &g.chains;
    for x in 0..chains.len() {
        for y in x + 1..chains.len() {
            let (a, b) = (chains[x], chains[y]);
            if !kinds_allowed(sense.kind, ctx.coref.chains[a].kind, ctx.coref.chains[b].kind) {
                continue;
            }
            out.push(Found {
                source: a,
                target: b,
                kind: sense.kind,
                role: sense.role,
                directed: false,
                negated: m.negated,
                ended: m.ended,
                confidence: 0.6,
                sentence: ctx.si,
                evidence: evidence(ctx, g.first.min(i), g.last.max(i)),
            });
        }
    }
}

/// Relational nouns: "his wife Chrissy Teigen", "John Legend (with wife Chrissy
/// Teigen)", "a close friend of Peter", "X and Y were friends", "his fallout
/// with West", "his support for Biden", "his former producer".
fn noun_pairs<'a>(ctx: &'a SentenceArgs, sense: &Sense, i: usize, end: usize, pairs: &mut Vec<Pair<'a>>) {
    let mutual = matches!(sense.kind, RelationKind::Disagreement) || sense.kind.always_symmetric();
    let poss = ctx.possessor_before(i);
    let after = if ctx.forms.get(end + 1).is_some_and(|w| w == ",") { end + 2 } else { end + 1 };
    let named_after = ctx.at(after).filter(|a| matches!(ctx.mentions[a.mention].form, Form::Name));
    let with = ctx.prep_object(end, &["with", "between", "against", "for", "to", "toward", "towards"]);
    let of = ctx.prep_object(end, &["of"]);
    if let (Some(p), Some(b)) = (poss, named_after) {
        pairs.push(pair(p, b, !mutual, 0.85)); // "his wife Chrissy Teigen"
        return;
    }
    if let Some(p) = poss {
        if !with.is_empty() {
            for &t in &with {
                pairs.push(pair(p, t, !mutual, 0.75)); // "his fallout with West", "his support for Biden"
            }
            return;
        }
    }
    // "John Legend (with wife Chrissy Teigen)"
    if i > 0 && ctx.forms[i - 1] == "with" {
        if let (Some(b), Some(a)) = (named_after, ctx.subject_before(i - 1).or_else(|| ctx.args.iter().rfind(|a| a.last + 3 >= i - 1 && a.last < i))) {
            pairs.push(pair(a, b, !mutual, 0.8));
            return;
        }
    }
    // "a close friend of Peter" / "X was the brother of Y"
    if !of.is_empty() {
        if let Some(s) = ctx.subject_before(i) {
            for &t in &of {
                pairs.push(pair(s, t, !mutual, 0.7));
            }
            return;
        }
    }
    // "X and Y were friends" / "the pair were friends"
    let copula = i >= 1 && (1..=3).any(|k| i >= k && BE.contains(&ctx.forms[i - k].as_str()));
    if copula && poss.is_none() {
        let subjects = ctx.subjects_before(i);
        if subjects.len() >= 2 {
            pairs.push(pair(subjects[1], subjects[0], false, 0.75));
            return;
        }
    }
    // "X is Y's brother"
    if copula {
        if let (Some(p), Some(s)) = (poss, ctx.subject_before(i)) {
            if p.mention != s.mention {
                pairs.push(pair(p, s, !mutual, 0.75));
                return;
            }
        }
    }
    // "B, A's wife" / "B, his producer"
    if let Some(p) = poss {
        if let Some(b) = ctx.args.iter().rfind(|a| a.last + 2 == p.first && ctx.forms[a.last + 1] == ",") {
            pairs.push(pair(p, b, !mutual, 0.75));
        }
    }
}

/// Membership: "X, CEO of Y", "Labour MP X", "a Scientology attorney, Kendrick
/// Moxon", "X is a member of Y", "X, a representative for Y".
fn member_pairs<'a>(ctx: &'a SentenceArgs, sense: &Sense, i: usize, end: usize, pairs: &mut Vec<Pair<'a>>) {
    // a role in an event is found on the parse only
    if sense.kind != RelationKind::Membership {
        return;
    }
    let is_org = |a: &&Arg| a.kind == EntityKind::Organization;
    let is_person = |a: &&Arg| a.kind == EntityKind::Person;
    // the organization: "of/for/at/with O" after (not "host of MTV's series"),
    // or "O N" / "O's N" right before
    let mut orgs: Vec<&Arg> = ctx.prep_object(end, &["of", "for", "at", "with", "in", "from"]).into_iter().filter(|a| is_org(a) && !a.possessive).collect();
    if orgs.is_empty() {
        let mut k = i;
        while k > 0 && i - k < 3 {
            k -= 1;
            if let Some(a) = ctx.args.iter().find(|a| (a.last == k || (a.possessive && a.last + 1 == k)) && a.kind == EntityKind::Organization) {
                orgs.push(a);
                break;
            }
            if !(ctx.forms[k] == "'s" || ctx.forms[k].chars().next().is_some_and(char::is_alphabetic) && ctx.covering(k).is_none() && !matches!(ctx.forms[k].as_str(), "the" | "a" | "an" | "and" | "of")) {
                break;
            }
        }
    }
    if orgs.is_empty() {
        // verbs: "joined the Church", "founded Civic Passion", "worked for NASA"
        if ctx.forms[i].ends_with("ed") || ctx.forms[i].ends_with('s') || !looks_like_noun_use(ctx, i) {
            let objects: Vec<&Arg> = ctx.objects_after(end).into_iter().filter(is_org).collect();
            if !objects.is_empty() {
                if is_passive(ctx, i, end) {
                    let agents: Vec<&Arg> = ctx.prep_object(end, &["by"]).into_iter().filter(is_person).collect();
                    let _ = agents;
                } else {
                    for s in ctx.subjects_before(i).into_iter().filter(is_person) {
                        for &o in &objects {
                            pairs.push(pair(s, o, true, 0.7));
                        }
                    }
                }
                return;
            }
            // "the organization founded by L. Ron Hubbard"
            if is_passive(ctx, i, end) {
                if let Some(o) = ctx.args.iter().rfind(|a| a.last < i && a.kind == EntityKind::Organization) {
                    for p in ctx.prep_object(end, &["by"]).into_iter().filter(is_person) {
                        pairs.push(pair(p, o, true, 0.65));
                    }
                }
            }
        }
        return;
    }
    // the person: right after the noun ("attorney, Kendrick Moxon", "MP Jo Cox"), in
    // apposition before ("X, a member of Y"), or the subject of a copula
    let mut people: Vec<&Arg> = Vec::new();
    let mut k = end + 1;
    if orgs.iter().all(|o| o.first > end) {
        // organization after: the person is before
        if let Some(s) = ctx.subject_before(i).filter(is_person) {
            people = ctx.coordinated_left(s).into_iter().filter(is_person).collect();
        }
    } else {
        // "attorney, Kendrick Moxon"; an editor's bracket: "[former Museum of Flight CEO] Bonnie Dunbar"
        if ctx.forms.get(k).is_some_and(|w| w == "," || w == "]") {
            k += 1;
        }
        if let Some(a) = ctx.at(k).filter(is_person) {
            people = ctx.coordinated_right(a).into_iter().filter(is_person).collect();
        } else if let Some(s) = ctx.subject_before(i).filter(is_person) {
            people.push(s);
        }
    }
    for p in people {
        for &o in &orgs {
            pairs.push(pair(p, o, true, 0.7));
        }
    }
}

/// Forms of the verbs that link a subject to its description ("X is the chairman").
const COPULAS: &[&str] = &["is", "was", "became", "becomes", "remains", "remained"];

/// Participation without a trigger verb: "West's own 2020 presidential bid",
/// "David Axelrod's The Axe Files", "West and Legend at a 2006 Grammys after-party".
/// The evidence quote: the sentence, or at most about 25 words of it around
/// the tokens `lo..=hi`.
fn evidence(ctx: &SentenceArgs, lo: usize, hi: usize) -> Span {
    let toks = &ctx.sent.tokens;
    let words = |a: usize, b: usize| toks[a..=b].iter().filter(|t| t.form.chars().any(char::is_alphanumeric)).count();
    let (mut a, mut b) = (0, toks.len() - 1);
    if words(a, b) > 25 {
        a = lo;
        b = hi;
        while words(a, b) < 25 && (a > 0 || b + 1 < toks.len()) {
            a = a.saturating_sub(1);
            if b + 1 < toks.len() && words(a, b) < 25 {
                b += 1;
            }
        }
    }
    Span::new(toks[a].span.start, toks[b].span.end)
}

const PREPS: &[&str] = &["for", "with", "against", "to", "at", "in", "on", "from", "into", "by", "of", "behind", "after", "as", "out"];

/// Pairs from the dependency parse (see `dep.rs`).
fn dep_pairs<'a>(ctx: &'a SentenceArgs, res: &Resources, sense: &Sense, words: &[String], i: usize, end: usize, pairs: &mut Vec<Pair<'a>>) {
    // "be friends", "become friends": the predicate noun carries the arguments
    let copular = copular(words);
    let i = if copular { end } else { i };
    let preps: Vec<&str> = words[1..].iter().map(String::as_str).filter(|w| PREPS.contains(w)).collect();
    let upos = ctx.sent.tokens[i].upos;
    let verbal = matches!(upos, crate::doc::Upos::Verb | crate::doc::Upos::Aux) || (upos == crate::doc::Upos::Adj && (ctx.forms[i].ends_with("ed") || words.len() > 1));
    match sense.pattern {
        Pattern::Verb | Pattern::Event => {
            if !verbal {
                return;
            }
            let fallback: &[&str] = if sense.pattern == Pattern::Event && preps.is_empty() { &["in", "at", "on", "for"] } else { &[] };
            verbal_pairs(ctx, i, &preps, fallback, 0.85, pairs);
            // "his daughter married B": B is his in-law
            if pairs.is_empty() && sense.kind == RelationKind::Family && dep::subjects(ctx, i).0.is_empty() {
                for s in kin_possessors(ctx, res, i) {
                    for t in dep::objects(ctx, i, &[]) {
                        let mut p = pair(s, t, false, 0.8);
                        p.role = Some(Role::Relative);
                        pairs.push(p);
                    }
                }
            }
            if matches!(sense.kind, RelationKind::Support | RelationKind::Disagreement) && !pairs.iter().any(|p| p.target.kind != EntityKind::Event) {
                let (subj, passive) = dep::subjects(ctx, i);
                if !passive {
                    let mut targets = dep::object_owners(ctx, i, &preps);
                    if targets.is_empty() && upos == crate::doc::Upos::Adj {
                        targets = dep::clause_subjects(ctx, i);
                    }
                    for t in targets {
                        for &s in &subj {
                            pairs.push(pair(s, t, true, 0.7));
                        }
                    }
                }
            }
        }
        Pattern::Mutual => {
            // an adverb ("together") stands for the verb it modifies
            let i = if upos == crate::doc::Upos::Adv { ctx.sent.tokens[i].head.unwrap_or(i) } else { i };
            if !verbal && upos != crate::doc::Upos::Adv && !copular {
                return;
            }
            let (mut subj, _) = dep::subjects(ctx, i);
            let in_law = subj.is_empty() && sense.kind == RelationKind::Family;
            if in_law {
                subj = kin_possessors(ctx, res, i);
            }
            let mut with = dep::objects(ctx, i, &["with", "against", "between"]);
            if with.is_empty() && !preps.is_empty() {
                with = dep::objects(ctx, i, &preps);
            }
            // "X was married to Y", "X got engaged to Y"
            if with.is_empty() && matches!(sense.kind, RelationKind::Family | RelationKind::Romance) {
                with = dep::objects(ctx, i, &["to"]);
            }
            if !with.is_empty() {
                for &s in &subj {
                    for &t in &with {
                        let mut p = pair(s, t, false, 0.85);
                        if in_law {
                            p.role = Some(Role::Relative);
                        }
                        pairs.push(p);
                    }
                }
            } else if subj.len() >= 2 {
                for x in 0..subj.len() {
                    for y in x + 1..subj.len() {
                        pairs.push(pair(subj[x], subj[y], false, 0.8));
                    }
                }
            } else if let Some(g) = subj.first().filter(|a| a.chains.len() >= 2) {
                pairs.push(pair(g, g, false, 0.7));
            }
        }
        Pattern::Noun => {
            // "Mohamed received support online ranging from Barack Obama to Mark Zuckerberg"
            if matches!(sense.kind, RelationKind::Support | RelationKind::Disagreement) {
                let received = received_from(ctx, i);
                if !received.is_empty() {
                    pairs.extend(received);
                    return;
                }
            }
            let mutual = sense.kind == RelationKind::Disagreement || sense.kind.always_symmetric();
            let mut na = dep::noun_args(ctx, i, &["of", "with", "between", "against", "for", "to", "toward", "towards"]);
            // "Depp filed a lawsuit against Heard": the object of a carrier verb is its subject's
            // (directed: the subject acts on the other, even with a mutual noun)
            let mut directed = !mutual;
            if na.possessor.is_empty() && na.subject.is_empty() && !na.marked.is_empty() {
                na.possessor = dep::carrier_subjects(ctx, i, &res.triggers.carriers);
                directed |= !na.possessor.is_empty();
            }
            for &p in &na.possessor {
                for &b in na.described.iter().chain(&na.marked) {
                    pairs.push(pair(p, b, directed, 0.85));
                }
                for &b in &na.subject {
                    pairs.push(pair(p, b, !mutual, 0.8));
                }
            }
            if na.possessor.is_empty() {
                for &a in na.subject.iter().chain(&na.described) {
                    for &b in &na.marked {
                        pairs.push(pair(a, b, !mutual, 0.8));
                    }
                }
                if na.marked.is_empty() && na.subject.len() >= 2 {
                    pairs.push(pair(na.subject[0], na.subject[1], false, 0.8));
                }
            }
        }
        Pattern::Agent => {
            let na = dep::noun_args(ctx, i, &["of"]);
            for &a in na.subject.iter().chain(&na.described) {
                for &b in na.marked.iter().chain(&na.possessor) {
                    pairs.push(pair(a, b, true, 0.8));
                }
            }
        }
        Pattern::Coagent => {
            if let Some((subj, with)) = dep::coagents(ctx, i) {
                for &a in &subj {
                    for &b in &with {
                        pairs.push(pair(a, b, false, 0.7));
                    }
                }
            }
        }
        Pattern::Member => {
            // a role in a work or an event: "an executive producer for Maximum Ride"
            let target = if sense.kind == RelationKind::Participation { EntityKind::Event } else { EntityKind::Organization };
            if verbal && target == EntityKind::Event {
                return;
            }
            if verbal {
                verbal_pairs(ctx, i, &preps, &["for", "at", "in", "into", "with", "on", "from"], 0.8, pairs);
                return;
            }
            let na = dep::noun_args(ctx, i, &["of", "for", "at", "with", "in", "from"]);
            let mut orgs: Vec<&Arg> = na.marked.iter().chain(&na.possessor).chain(&na.described).copied().filter(|a| a.kind == target).collect();
            let mut people: Vec<&Arg> = na.described.iter().chain(&na.subject).copied().filter(|a| a.kind == EntityKind::Person).collect();
            if orgs.is_empty() && target == EntityKind::Organization {
                orgs = org_part_owner(ctx, i);
            }
            // "the University of Basel, where he held the chairs of medicine" / "where he was a professor"
            if orgs.is_empty() && target == EntityKind::Organization {
                if let Some(o) = dep::where_antecedent(ctx, i) {
                    orgs.push(o);
                    let s = ctx.sent;
                    if let Some(h) = s.tokens[i].head.filter(|&h| people.is_empty() && s.tokens[i].deprel == "obj" && s.tokens[h].lemma == "hold") {
                        people = dep::subjects(ctx, h).0.into_iter().filter(|a| a.kind == EntityKind::Person).collect();
                    }
                }
            }
            for &p in &people {
                for &o in &orgs {
                    pairs.push(pair(p, o, true, 0.8));
                }
            }
        }
    }
}

/// The organization that owns a body the role noun at `i` is "of": "the
/// chairman of the project's panel", "a member of the company's board" (the
/// bodies are listed in `data/lexicons/org_parts.txt`).
fn org_part_owner<'a>(ctx: &'a SentenceArgs, i: usize) -> Vec<&'a Arg> {
    static PARTS: std::sync::OnceLock<rustc_hash::FxHashSet<String>> = std::sync::OnceLock::new();
    let parts = PARTS.get_or_init(|| crate::resources::word_set(crate::resources::data!("lexicons/org_parts.txt").1));
    let s = ctx.sent;
    let body = dep::children(s, i).filter(|&c| s.tokens[c].deprel == "nmod" && parts.contains(&s.tokens[c].lemma.to_lowercase()) && dep::case_of(ctx, c).is_some_and(|p| matches!(p.as_str(), "of" | "on" | "in")));
    body.flat_map(|c| dep::children(s, c).filter(|&g| s.tokens[g].deprel == "nmod:poss").collect::<Vec<_>>())
        .flat_map(|g| dep::args_of(ctx, g))
        .filter(|a| a.kind == EntityKind::Organization)
        .collect()
}

/// The possessors of the subject of verb `i` when that subject is a child,
/// parent or sibling noun ("His daughter was married to B", "her brother
/// married B"): whom a marriage of their kin makes B an in-law of. Empty
/// when the subject is anything else.
fn kin_possessors<'a>(ctx: &'a SentenceArgs, res: &Resources, i: usize) -> Vec<&'a Arg> {
    let s = ctx.sent;
    let Some(c) = dep::children(s, i).find(|&c| matches!(s.tokens[c].deprel.as_str(), "nsubj" | "nsubj:pass")) else { return Vec::new() };
    let lemma = [s.tokens[c].lemma.to_lowercase()];
    let kin = res.triggers.matches_at(&lemma, 0).iter().any(|&(ti, n)| {
        n == 1 && res.triggers.all[ti].senses.iter().any(|x| x.kind == RelationKind::Family && x.pattern == Pattern::Noun && matches!(x.role, Some(Role::Child | Role::Parent | Role::Sibling)))
    });
    if !kin || ctx.covering(c).is_some() {
        return Vec::new();
    }
    dep::children(s, c).filter(|&p| s.tokens[p].deprel == "nmod:poss").flat_map(|p| dep::args_of(ctx, p)).filter(|a| a.kind == EntityKind::Person).collect()
}

/// Verbs whose object is something the subject is given.
const RECEIVE: &[&str] = &["receive", "get", "win", "earn", "gain", "draw", "attract", "garner", "enjoy", "face"];

/// "X received support from A and B": the givers (after "from") → the receiver.
fn received_from<'a>(ctx: &'a SentenceArgs, i: usize) -> Vec<Pair<'a>> {
    let s = ctx.sent;
    // "support online" may come out as a compound of the object
    let n = if s.tokens[i].deprel == "compound" { s.tokens[i].head.unwrap_or(i) } else { i };
    let Some(v) = s.tokens[n].head.filter(|_| s.tokens[n].deprel == "obj") else { return Vec::new() };
    if !RECEIVE.contains(&s.tokens[v].lemma.as_str()) {
        return Vec::new();
    }
    let (receivers, passive) = dep::subjects(ctx, v);
    if passive || receivers.is_empty() {
        return Vec::new();
    }
    let Some(from) = (i + 1..ctx.forms.len().min(i + 8)).find(|&k| ctx.forms[k] == "from") else { return Vec::new() };
    let mut out = Vec::new();
    for a in ctx.args.iter().filter(|a| a.first > from && a.kind != EntityKind::Event) {
        // stop at the next clause
        if ctx.forms[from..a.first].iter().any(|w| matches!(w.as_str(), "." | ";" | "which" | "who" | "but")) {
            break;
        }
        // a possessor, or a modifier of a role noun ("Facebook creator Mark Zuckerberg")
        let role_next = ctx.sent.tokens.get(a.last + 1).is_some_and(|t| t.upos == crate::doc::Upos::Noun && t.form.chars().all(char::is_lowercase)) && ctx.at(a.last + 2).is_some();
        if role_next || ctx.forms.get(a.last + 1).is_some_and(|w| w == "'s") {
            continue;
        }
        for &r in &receivers {
            out.push(pair(a, r, true, 0.7));
        }
    }
    out
}

/// A verbal trigger's pairs: agent → subject for a passive, else subject →
/// object (objects marked by `preps`, or by `fallback` when there are none).
fn verbal_pairs<'a>(ctx: &'a SentenceArgs, i: usize, preps: &[&str], fallback: &[&str], confidence: f32, pairs: &mut Vec<Pair<'a>>) {
    let (subj, passive) = dep::subjects(ctx, i);
    if passive {
        for s in dep::agents(ctx, i) {
            for &t in &subj {
                pairs.push(pair(s, t, true, 0.8));
            }
        }
        return;
    }
    let mut objs = dep::objects(ctx, i, preps);
    if objs.is_empty() && !fallback.is_empty() {
        objs = dep::objects(ctx, i, fallback);
    }
    for &s in &subj {
        for &t in &objs {
            pairs.push(pair(s, t, true, confidence));
        }
    }
}
