//! Argument finding over the dependency parse (UD relations).
//!
//! Used when the syntax stage ran; the surface patterns of `patterns.rs`
//! are the fallback. Each function maps a trigger token to the arguments the
//! parse gives it, through passives, coordination, control (xcomp), shared
//! subjects of conjoined verbs, relative clauses and possessives.

use super::args::{Arg, SentenceArgs};
use crate::doc::{Sentence, Upos};

/// The tokens whose head is token `i`.
pub fn children<'s>(s: &'s Sentence, i: usize) -> impl Iterator<Item = usize> + 's {
    s.children(i)
}

fn rel(s: &Sentence, i: usize) -> &str {
    s.tokens[i].deprel.as_str()
}

/// The lower-case case-marking word of a nominal ("with" in "with West").
pub fn case_of(ctx: &SentenceArgs, i: usize) -> Option<String> {
    children(ctx.sent, i).find(|&c| rel(ctx.sent, c) == "case" || rel(ctx.sent, c) == "mark").map(|c| ctx.forms[c].clone())
}

/// True when the sentence has a parse.
pub fn parsed(s: &Sentence) -> bool {
    s.tokens.iter().any(|t| !t.deprel.is_empty())
}

/// The argument for a nominal token and its conjuncts ("him and Big Sean").
pub fn args_of<'a>(ctx: &'a SentenceArgs, i: usize) -> Vec<&'a Arg> {
    let mut out = Vec::new();
    let mut stack = vec![i];
    let mut seen = 0;
    while let Some(t) = stack.pop() {
        seen += 1;
        if seen > 12 {
            break;
        }
        if let Some(a) = ctx.covering(t) {
            let a = titled_person_after(ctx, t, a).unwrap_or(a);
            if !out.iter().any(|o: &&Arg| o.mention == a.mention) {
                out.push(a);
            }
        } else if let Some(h) = relative_antecedent(ctx, t) {
            // "Acme Records, which Tom Jones later joined", "the committee, on
            // which Bill Green serves": a relative pronoun is the noun its clause modifies
            stack.push(h);
        } else if let Some(a) = appositive_arg(ctx, t).or_else(|| name_after_noun(ctx, t)) {
            // "the rapper Big Sean": the noun's appositive or flat name
            out.push(a);
        } else {
            // "defectors from the organization including Tom Devocht and Mark Rathbun"
            let mut marked = false;
            for c in children(ctx.sent, t) {
                if case_of(ctx, c).is_some_and(|p| matches!(p.as_str(), "including" | "like" | "as")) {
                    stack.push(c);
                    marked = true;
                }
            }
            // "a weekly pop countdown called \"YouTube 15\"": the name it is called by
            for c in children(ctx.sent, t).filter(|&c| rel(ctx.sent, c) == "acl" && matches!(ctx.forms[c].as_str(), "called" | "named" | "titled" | "entitled" | "dubbed")) {
                for g in children(ctx.sent, c).filter(|&g| matches!(rel(ctx.sent, g), "xcomp" | "obj" | "nsubj:pass" | "obl")) {
                    stack.push(g);
                    marked = true;
                }
            }
            if !marked && seen == 1 {
                for a in including_after(ctx, t) {
                    if !out.iter().any(|o: &&Arg| o.mention == a.mention) {
                        out.push(a);
                    }
                }
            }
        }
        for c in children(ctx.sent, t) {
            if rel(ctx.sent, c) == "conj" {
                stack.push(c);
            }
        }
    }
    // coordination the parse missed ("him and fellow rapper Big Sean")
    let mut k = 0;
    while k < out.len() {
        for b in ctx.coordinated_right(out[k]) {
            if !out.iter().any(|o| o.mention == b.mention) && !ctx.opens_clause(b) {
                out.push(b);
            }
        }
        k += 1;
    }
    out
}

/// "NASA Administrator Charles Bolden" parsed as one flat name headed by
/// the organization: the person whose role follows the organization is the
/// argument, not the organization (at most three words between, of no name).
fn titled_person_after<'a>(ctx: &'a SentenceArgs, t: usize, a: &'a Arg) -> Option<&'a Arg> {
    if a.kind != crate::graph::EntityKind::Organization {
        return None;
    }
    children(ctx.sent, t)
        .filter(|&c| c > a.last && matches!(rel(ctx.sent, c), "flat" | "compound" | "appos"))
        .filter_map(|c| ctx.covering(c))
        .find(|p| p.kind == crate::graph::EntityKind::Person && p.first > a.last + 1 && p.first <= a.last + 4 && (a.last + 1..p.first).all(|k| ctx.covering(k).is_none() && ctx.forms[k].chars().all(|ch| ch.is_alphabetic() || ch == '-')))
}

/// The organization a relative "where" stands for in the clause of token
/// `i` (the token itself or the word it depends on): "the University of
/// Basel, where he held the chairs of medicine" — "where" right after a
/// comma that ends the organization's name.
pub fn where_antecedent<'a>(ctx: &'a SentenceArgs, i: usize) -> Option<&'a Arg> {
    let s = ctx.sent;
    let clause = [Some(i), s.tokens[i].head];
    let w = clause.iter().flatten().find_map(|&v| children(s, v).find(|&c| ctx.forms[c] == "where" && rel(s, c) == "advmod"))?;
    if w < 2 || w > i || ctx.forms[w - 1] != "," {
        return None;
    }
    ctx.covering(w - 2).filter(|a| a.kind == crate::graph::EntityKind::Organization && a.last == w - 2)
}

/// Whether token `i` is a relative pronoun ("which", "whom", "that", "who").
pub fn is_relative(ctx: &SentenceArgs, i: usize) -> bool {
    matches!(ctx.forms[i].as_str(), "which" | "whom" | "who" | "that") && matches!(ctx.sent.tokens[i].upos, Upos::Pron | Upos::Det)
}

/// The noun that the relative clause of the relative pronoun at `t`
/// modifies: the head of the `acl:relcl` clause the pronoun belongs to, when
/// that is a nominal; else (a parser slip) the name that ends right before
/// the pronoun, its preposition and a comma ("the Ways and Means Committee,
/// on which Bill Green serves").
fn relative_antecedent(ctx: &SentenceArgs, t: usize) -> Option<usize> {
    if !is_relative(ctx, t) {
        return None;
    }
    let s = ctx.sent;
    let mut v = s.tokens[t].head?;
    let mut relcl = false;
    for _ in 0..3 {
        if rel(s, v) == "acl:relcl" {
            let h = s.tokens[v].head.filter(|&h| h < t)?;
            if matches!(s.tokens[h].upos, Upos::Noun | Upos::Propn) {
                return Some(h);
            }
            relcl = true;
            break;
        }
        v = s.tokens[v].head?;
    }
    if !relcl {
        return None;
    }
    let mut k = t;
    if k > 0 && s.tokens[k - 1].upos == Upos::Adp {
        k -= 1;
    }
    if k > 0 && ctx.forms[k - 1] == "," {
        k -= 1;
    }
    ctx.args.iter().find(|a| a.last + 1 == k && k < t).map(|a| a.last)
}

/// The names listed after a common noun by "including" / "such as"
/// ("former members of Scientology, including musician Tiziano Lugli and
/// actor Jason Beghe"), found by word order, since parsers attach the list
/// anywhere in the noun phrase.
fn including_after<'a>(ctx: &'a SentenceArgs, t: usize) -> Vec<&'a Arg> {
    let f = &ctx.forms;
    let mut k = t + 1;
    while k < f.len() && k <= t + 10 {
        match f[k].as_str() {
            "including" => return ctx.objects_after(k),
            "such" if f.get(k + 1).is_some_and(|w| w == "as") => return ctx.objects_after(k + 1),
            "." | ";" | ":" | "which" | "who" | "that" | "\"" | "(" | ")" => break,
            _ => {}
        }
        let verb = matches!(ctx.sent.tokens[k].upos, crate::doc::Upos::Verb | crate::doc::Upos::Aux);
        if verb && ctx.covering(k).is_none() {
            break;
        }
        k += 1;
    }
    Vec::new()
}

/// A name attached to a noun as apposition or compound ("fellow rapper Big
/// Sean", "the rapper, Big Sean"). A name after the noun with a verb or an
/// infinitive's "to" between is not the noun: the parse attached it wrongly
/// ("NASA's decision to slight the Johnson Space Center").
fn appositive_arg<'a>(ctx: &'a SentenceArgs, t: usize) -> Option<&'a Arg> {
    let verb_between = |a: &Arg| (t + 1..a.first).any(|k| matches!(ctx.sent.tokens[k].upos, Upos::Verb | Upos::Aux | Upos::Part) || ctx.forms[k] == "to");
    // a compound before the noun modifies it ("NASA Administrator Charles
    // Bolden": the administrator is Bolden, not NASA), so a name after it wins
    let attached = |c: &usize| matches!(rel(ctx.sent, *c), "appos" | "flat" | "compound" | "nmod:npmod");
    let after = children(ctx.sent, t).filter(|&c| c > t).filter(attached).find_map(|c| ctx.covering(c));
    after
        .or_else(|| children(ctx.sent, t).filter(|&c| c < t).filter(attached).find_map(|c| ctx.covering(c)))
        .filter(|a| !verb_between(a))
}

/// A person's name right after a singular common noun, which the parse did
/// not attach to it: "founded by science fiction writer L. Ron Hubbard"
/// (the name parsed as a second object of the verb).
fn name_after_noun<'a>(ctx: &'a SentenceArgs, t: usize) -> Option<&'a Arg> {
    let tok = &ctx.sent.tokens[t];
    if tok.upos != Upos::Noun || tok.xpos != "NN" {
        return None;
    }
    ctx.args.iter().find(|a| a.first == t + 1 && a.kind == crate::graph::EntityKind::Person && matches!(ctx.mentions[a.mention].form, crate::mentions::Form::Name))
}

/// A finite verb (past or present tense).
fn finite(s: &Sentence, i: usize) -> bool {
    matches!(s.tokens[i].xpos.as_str(), "VBD" | "VBZ" | "VBP")
}

/// Whether subject `c` of verb `v` is the parser's split of a subject
/// coordinated with its first subject `first`: both before the verb, "and"
/// between them, and no comma, semicolon or colon from `first` to the verb.
fn split_coordination(ctx: &SentenceArgs, first: usize, c: usize, v: usize) -> bool {
    first < c && c < v && ctx.forms[first..c].iter().any(|w| w == "and") && !ctx.forms[first..v].iter().any(|w| matches!(w.as_str(), "," | ";" | ":"))
}

/// Subjects of a verbal trigger at token `i`: `(subjects, passive)`.
pub fn subjects<'a>(ctx: &'a SentenceArgs, i: usize) -> (Vec<&'a Arg>, bool) {
    let s = ctx.sent;
    let mut t = i;
    for _ in 0..4 {
        // several subjects of one verb are a coordination the parser split
        // ("Padalecki and Supernatural co-stars Jensen Ackles and Misha Collins supported ...")
        let mut found: Vec<&'a Arg> = Vec::new();
        let mut first_subject: Option<usize> = None;
        for c in children(s, t) {
            match rel(s, c) {
                // "last year accused him": a time is no subject (a parser slip); look further
                "nsubj" if matches!(s.tokens[c].lemma.as_str(), "year" | "day" | "week" | "month" | "time" | "night" | "morning" | "evening" | "decade" | "century" | "today" | "yesterday") => {}
                // a relative pronoun stands for the noun the clause modifies (below)
                "nsubj" if matches!(ctx.forms[c].as_str(), "which" | "who" | "that") && rel(s, t) == "acl:relcl" => {}
                // a further subject only when "and" joins it to the first, with
                // no comma up to the verb (not a parser slip over a long clause)
                "nsubj" | "csubj" if first_subject.is_some_and(|f| !split_coordination(ctx, f, c, t)) => {}
                "nsubj" | "csubj" => {
                    first_subject.get_or_insert(c);
                    for a in args_of(ctx, c) {
                        if !found.iter().any(|f| std::ptr::eq(*f, a)) {
                            found.push(a);
                        }
                    }
                }
                "nsubj:pass" if first_subject.is_none() => return (args_of(ctx, c), t == i),
                _ => {}
            }
        }
        if first_subject.is_some() {
            return (found, false);
        }
        // "his supporting Trump": the gerund's possessor
        if let Some(p) = children(s, t).find(|&c| rel(s, c) == "nmod:poss") {
            return (args_of(ctx, p), false);
        }
        match rel(s, t) {
            // "tried to help him", "shared ... and accused him", "after leaving"
            // "accused him and Big Sean of supporting the Democrats": a gerund
            // adjunct of a verb with an object is said of that object
            "advcl" if s.tokens[t].xpos == "VBG" && children(s, t).any(|c| matches!(ctx.forms[c].as_str(), "for" | "of")) => {
                let mut h = s.tokens[t].head.unwrap_or(t);
                // attached to a coordinated object noun by a parser slip: its verb
                if matches!(s.tokens[h].upos, Upos::Noun | Upos::Propn | Upos::Pron) {
                    match s.tokens[h].head {
                        Some(v) if rel(s, h) == "conj" && s.tokens[v].upos == Upos::Verb => h = v,
                        _ => {
                            let objs = args_of(ctx, h);
                            if !objs.is_empty() {
                                return (objs, false);
                            }
                        }
                    }
                }
                if let Some(o) = children(s, h).find(|&c| rel(s, c) == "obj") {
                    let objs = args_of(ctx, o);
                    if !objs.is_empty() {
                        return (objs, false);
                    }
                }
                t = h;
            }
            // "West shared Legend's texts urging him to ..., and last year accused him":
            // a finite verb conjoined to a non-finite one shares the main verb's subject
            "conj" if finite(s, t) && s.tokens[t].head.is_some_and(|h| !finite(s, h)) => {
                let root = (0..s.tokens.len()).find(|&k| s.tokens[k].head.is_none() && k < t && finite(s, k));
                t = root.unwrap_or_else(|| s.tokens[t].head.unwrap_or(t));
            }
            "xcomp" | "conj" | "advcl" | "ccomp" if s.tokens[t].head.is_some() => t = s.tokens[t].head.unwrap_or(t),
            // "Freedom Magazine, which attacked ...": the relative clause's head noun,
            // or the name right before ", which" when the parse attached the clause higher
            "acl:relcl" => {
                let h = s.tokens[t].head.unwrap_or(t);
                let mut out = args_of(ctx, h);
                if out.is_empty() {
                    if let Some(w) = children(s, t).find(|&c| rel(s, c).starts_with("nsubj") && matches!(ctx.forms[c].as_str(), "which" | "who" | "that")) {
                        if w >= 2 && ctx.forms[w - 1] == "," {
                            out.extend(ctx.args.iter().filter(|a| a.last + 2 == w && a.kind != crate::graph::EntityKind::Event));
                        }
                    }
                }
                return (out, false);
            }
            // "the organization founded by Hubbard": the modified noun is the object
            // (a present participle's noun is its subject: "Big Sean ... for supporting")
            "acl" => {
                let h = s.tokens[t].head.unwrap_or(t);
                return (args_of(ctx, h), s.tokens[t].xpos == "VBN");
            }
            _ => break,
        }
    }
    (Vec::new(), false)
}

/// Objects of a verbal trigger: direct objects, or nominals marked by one of `preps`.
pub fn objects<'a>(ctx: &'a SentenceArgs, i: usize, preps: &[&str]) -> Vec<&'a Arg> {
    let s = ctx.sent;
    let mut out = Vec::new();
    for c in children(s, i) {
        let r = rel(s, c);
        let take = if preps.is_empty() {
            matches!(r, "obj" | "iobj")
        } else {
            matches!(r, "obl" | "nmod" | "obj" | "obl:arg") && case_of(ctx, c).is_some_and(|p| preps.contains(&p.as_str()))
        };
        if take {
            out.extend(args_of(ctx, c));
        }
    }
    // "support him running for president": the object of a small clause,
    // which follows the verb and has no subordinator ("While the museum was
    // in the running, I'm disappointed" is not one)
    if out.is_empty() && preps.is_empty() {
        for c in children(s, i) {
            if c > i && matches!(rel(s, c), "ccomp" | "xcomp" | "advcl") && !children(s, c).any(|g| rel(s, g) == "mark") {
                // (never a subject inside a quotation the verb is outside of)
                if let Some(sub) = children(s, c).find(|&g| rel(s, g) == "nsubj" && ctx.quoted[g] == ctx.quoted[i]) {
                    out.extend(args_of(ctx, sub));
                }
            }
        }
    }
    out
}

/// The agent of a passive trigger ("backed by the Trump campaign"); a
/// "by" nominal the parse took for an object or modifier counts too
/// ("the organization founded by ... L. Ron Hubbard").
/// Failing that, a "by" nominal that the parse hung lower, on a noun of the
/// verb's own clause ("recognised as a saint and Doctor of the Church by
/// the Catholic Church, ..."): the nearest one after the verb.
pub fn agents<'a>(ctx: &'a SentenceArgs, i: usize) -> Vec<&'a Arg> {
    let s = ctx.sent;
    let by = |c: usize| case_of(ctx, c).as_deref() == Some("by");
    let direct: Vec<&Arg> = children(s, i).filter(|&c| matches!(rel(s, c), "obl:agent" | "obl" | "obj" | "nmod") && by(c)).flat_map(|c| args_of(ctx, c)).collect();
    if !direct.is_empty() {
        return direct;
    }
    // nominals of the clause, breadth first, not entering other clauses
    let mut queue: std::collections::VecDeque<usize> = children(s, i).filter(|&c| c > i && matches!(rel(s, c), "obl" | "obj" | "nmod")).collect();
    let mut seen = 0;
    while let Some(t) = queue.pop_front() {
        seen += 1;
        if seen > 24 {
            break;
        }
        // (a noun the parse merged with the one before keeps both case words: "of the Church by the Catholic Church")
        if t > i && rel(s, t) == "nmod" && children(s, t).any(|c| rel(s, c) == "case" && ctx.forms[c] == "by") {
            return args_of(ctx, t);
        }
        queue.extend(children(s, t).filter(|&c| matches!(rel(s, c), "nmod" | "conj") && !matches!(s.tokens[c].upos, Upos::Verb | Upos::Aux)));
    }
    Vec::new()
}

/// Arguments of a relational noun at `i`: its possessor, its subject (copula:
/// "X is Y's brother"), its nominal dependents marked by `preps` ("friend of
/// Peter", "fallout with West"), the name it is in apposition with or
/// attached to ("his wife Chrissy Teigen", "Chrissy Teigen, his wife").
pub struct NounArgs<'a> {
    /// "his", "West's".
    pub possessor: Vec<&'a Arg>,
    /// Copular subject.
    pub subject: Vec<&'a Arg>,
    /// Marked nominal dependents.
    pub marked: Vec<&'a Arg>,
    /// The name the noun describes (apposition either way, or compound name).
    pub described: Vec<&'a Arg>,
}

/// See [`NounArgs`].
pub fn noun_args<'a>(ctx: &'a SentenceArgs, i: usize, preps: &[&str]) -> NounArgs<'a> {
    let s = ctx.sent;
    let mut na = NounArgs { possessor: Vec::new(), subject: Vec::new(), marked: Vec::new(), described: Vec::new() };
    for c in children(s, i) {
        match rel(s, c) {
            "nmod:poss" => na.possessor.extend(args_of(ctx, c)),
            "nsubj" => na.subject.extend(args_of(ctx, c)),
            "appos" | "flat" | "compound" => {
                if let Some(a) = ctx.covering(c) {
                    na.described.push(a);
                    // "two brothers, Niklaus and Johann II"
                    if rel(s, c) == "appos" {
                        na.described.extend(args_of(ctx, c).into_iter().filter(|b| b.mention != a.mention));
                    }
                }
            }
            "nmod" | "obl" => {
                if case_of(ctx, c).is_some_and(|p| preps.contains(&p.as_str())) {
                    na.marked.extend(args_of(ctx, c));
                } else if case_of(ctx, c).is_none() {
                    // "wife Chrissy Teigen" parsed as a bare nominal modifier
                    if let Some(a) = ctx.covering(c) {
                        na.described.push(a);
                    }
                }
            }
            _ => {}
        }
    }
    // "his wife Chrissy Teigen" parsed with the noun as a modifier of the name
    if matches!(rel(s, i), "compound" | "amod" | "nmod") {
        if let Some(h) = s.tokens[i].head {
            if let Some(a) = ctx.covering(h).filter(|a| matches!(ctx.mentions[a.mention].form, crate::mentions::Form::Name)) {
                na.described.push(a);
            }
        }
    }
    // "Chrissy Teigen, his wife": the noun is the name's appositive
    if rel(s, i) == "appos" {
        if let Some(h) = s.tokens[i].head {
            na.described.extend(args_of(ctx, h));
        }
    }
    // "X became principal adviser and close friend of Y": the subject of the clause
    if na.subject.is_empty() && matches!(rel(s, i), "xcomp" | "conj" | "obj" | "root") {
        let (subj, _) = subjects(ctx, i);
        // "He had two brothers, ...": the object of "have" belongs to its subject
        let had = rel(s, i) == "obj" && s.tokens[i].head.is_some_and(|h| s.tokens[h].lemma == "have");
        // "Marbles became an executive producer for ...": the object of "become" is its predicate
        let predicate = rel(s, i) == "obj" && s.tokens[i].head.is_some_and(|h| matches!(s.tokens[h].lemma.as_str(), "become" | "remain"));
        if predicate {
            na.subject = s.tokens[i].head.map(|h| subjects(ctx, h).0).unwrap_or_default();
        } else if rel(s, i) != "obj" {
            na.subject = subj;
        } else if had && na.possessor.is_empty() {
            // the subject of "have", not of the noun
            na.possessor = s.tokens[i].head.map(|h| subjects(ctx, h).0).unwrap_or_default();
        }
    }
    na
}

/// Who takes part in the event mentioned at token `h`, from the parse:
/// the subject and object of an event verb ("Wikinews interviewed Herrick"),
/// the subject of the clause an event phrase is attached to with at / in /
/// during ("Gordon was wounded at the Battle of Chudnov"), or the noun it
/// modifies ("West and Legend at a 2006 Grammys after-party", "his remarks
/// during an August episode").
pub fn event_participants<'a>(ctx: &'a SentenceArgs, first: usize, last: usize) -> Vec<&'a Arg> {
    let s = ctx.sent;
    // the phrase's syntactic head: its token attached outside it
    let h = (first..=last).find(|&k| s.tokens[k].head.is_none_or(|g| g < first || g > last)).unwrap_or(last);
    let t = &s.tokens[h];
    if t.upos == crate::doc::Upos::Verb {
        let (mut out, _) = subjects(ctx, h);
        out.extend(objects(ctx, h, &[]));
        return out;
    }
    // "West and Legend at a 2006 Grammys after-party", "Gordon was at the siege": a verbless
    // or copular clause whose predicate is the event
    let subjects_of_event: Vec<&Arg> = children(s, h).filter(|&c| rel(s, c) == "nsubj").flat_map(|c| args_of(ctx, c)).collect();
    if !subjects_of_event.is_empty() {
        return subjects_of_event;
    }
    let Some(g) = t.head else { return Vec::new() };
    let marked = children(s, h).any(|c| rel(s, c) == "case" && matches!(ctx.forms[c].as_str(), "at" | "in" | "during" | "on" | "to" | "into" | "for"));
    if !matches!(rel(s, h), "obl" | "nmod" | "obl:tmod") || !marked {
        return Vec::new();
    }
    match s.tokens[g].upos {
        crate::doc::Upos::Verb | crate::doc::Upos::Aux | crate::doc::Upos::Adj => subjects(ctx, g).0,
        _ => {
            let mut out = args_of(ctx, g);
            out.extend(children(s, g).filter(|&c| rel(s, c) == "nmod:poss").flat_map(|c| args_of(ctx, c)));
            // "Mohamed was a VIP guest at the Google Science Fair": the predicate noun's subject
            if out.is_empty() {
                out.extend(children(s, g).filter(|&c| rel(s, c) == "nsubj").flat_map(|c| args_of(ctx, c)));
            }
            out
        }
    }
}

/// The owners of a verb's objects that are not themselves arguments, or are
/// events: "disappointed with NASA's decision" → NASA, "backing West's own
/// 2020 presidential bid" → West. Support of a person's action or campaign
/// is support of that person.
pub fn object_owners<'a>(ctx: &'a SentenceArgs, i: usize, preps: &[&str]) -> Vec<&'a Arg> {
    let s = ctx.sent;
    let mut out = Vec::new();
    for c in children(s, i) {
        let r = rel(s, c);
        let marked = case_of(ctx, c).is_some_and(|p| preps.contains(&p.as_str()));
        if !(r == "obj" || (matches!(r, "obl" | "nmod" | "obl:arg") && marked)) {
            continue;
        }
        let direct = args_of(ctx, c);
        if direct.iter().any(|a| a.kind != crate::graph::EntityKind::Event) {
            continue;
        }
        for p in children(s, c).filter(|&g| rel(s, g) == "nmod:poss") {
            out.extend(args_of(ctx, p).into_iter().filter(|a| a.kind != crate::graph::EntityKind::Event));
        }
    }
    out
}

/// The subjects of the clause an adjective of feeling takes: "I'm
/// disappointed that NASA did not choose them" → NASA. Only a clause after
/// the adjective, marked by "that", with an active subject, counts ("While
/// the museum was in the running, I'm disappointed" names no target).
pub fn clause_subjects<'a>(ctx: &'a SentenceArgs, i: usize) -> Vec<&'a Arg> {
    let s = ctx.sent;
    let mut out = Vec::new();
    for c in children(s, i).filter(|&c| c > i && rel(s, c) == "ccomp") {
        if !children(s, c).any(|g| rel(s, g) == "mark" && ctx.forms[g].eq_ignore_ascii_case("that")) {
            continue;
        }
        for g in children(s, c).filter(|&g| rel(s, g) == "nsubj") {
            out.extend(args_of(ctx, g));
        }
    }
    out
}

/// The people who make or do the thing named at `i` together: the subject of
/// the verb it is the object of, and the people the verb or the noun takes
/// "with" ("Marbles does a weekly podcast with her boyfriend Julien
/// Solomita"). People only, and `None` unless both sides are found.
pub fn coagents<'a>(ctx: &'a SentenceArgs, i: usize) -> Option<(Vec<&'a Arg>, Vec<&'a Arg>)> {
    let s = ctx.sent;
    if rel(s, i) != "obj" || ctx.covering(i).is_some_and(|a| a.kind != crate::graph::EntityKind::Event) {
        return None;
    }
    let v = s.tokens[i].head?;
    let person = |a: &&Arg| a.kind == crate::graph::EntityKind::Person;
    let with: Vec<&Arg> = children(s, v)
        .chain(children(s, i))
        .filter(|&c| matches!(rel(s, c), "obl" | "nmod") && case_of(ctx, c).as_deref() == Some("with"))
        .flat_map(|c| args_of(ctx, c))
        .filter(person)
        .collect();
    if with.is_empty() {
        return None;
    }
    let (subj, passive) = subjects(ctx, v);
    let subj: Vec<&Arg> = subj.into_iter().filter(person).collect();
    (!passive && !subj.is_empty()).then_some((subj, with))
}

/// The subjects of the verb whose direct object is the noun at token `i`,
/// when that verb is a carrier (`data/lexicons/carrier_verbs.txt`): "Depp
/// filed a lawsuit against Heard" gives Depp. Empty otherwise.
pub fn carrier_subjects<'a>(ctx: &'a SentenceArgs, i: usize, carriers: &crate::resources::SortedWords) -> Vec<&'a Arg> {
    let s = ctx.sent;
    match s.tokens[i].head {
        Some(v) if rel(s, i) == "obj" && carriers.contains(&s.tokens[v].lemma.to_lowercase()) => subjects(ctx, v).0,
        _ => Vec::new(),
    }
}
