//! Pronouns, role descriptions ("the singer"), organization descriptions
//! ("the organization") and groups ("the pair") in one sentence, around the
//! names `names.rs` found.

use super::names::is_cap;
use super::{Form, Gender, Lexicon, Mention, NameType};
use crate::doc::{Sentence, Upos};
use crate::graph::EntityKind;

/// Pronouns, role descriptions ("the singer") and groups ("the pair"), and
/// role nouns attached to names ("fellow rapper Big Sean").
pub(super) fn find_pronouns_and_descriptions(si: usize, s: &Sentence, lex: &Lexicon, names: &[Mention]) -> Vec<Mention> {
    let toks = &s.tokens;
    let covered = |i: usize| names.iter().any(|m| m.first <= i && i <= m.last && m.ty != NameType::Entity(EntityKind::Event));
    let mut out = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        if covered(i) {
            continue;
        }
        let lowered = crate::text::lower(&t.form);
        let lower = lowered.as_str();
        if let Some(&p) = lex.pronouns.get(lower) {
            if t.form == "US" || (lower == "i" && t.form != "I") {
                continue;
            }
            // "To Write Love On Her Arms", "All of Me": a capitalised pronoun
            // inside a title, not at the start of the sentence or a quotation
            let opens = toks[..i].iter().all(|x| !x.form.chars().any(char::is_alphanumeric)) || toks[i - 1].form == ":";
            let title_case = toks.get(i.wrapping_sub(1)).is_some_and(|x| is_cap(&x.form)) || toks.get(i + 1).is_some_and(|x| is_cap(&x.form) && x.form != "I");
            if lower != "i" && is_cap(&t.form) && !opens && (title_case || t.form.chars().all(char::is_uppercase)) && !quote_start(toks, i) {
                continue;
            }
            out.push(simple(si, s, i, i, Form::Pronoun(p), p.gender));
            continue;
        }
        // "the pair", "the two", "the couple"
        if matches!(lower, "pair" | "couple" | "duo" | "two") && i > 0 && toks[i - 1].form.eq_ignore_ascii_case("the") && !toks.get(i + 1).is_some_and(|n| n.form.chars().next().is_some_and(char::is_alphabetic) && !is_cap(&n.form) && n.form != "have" && n.form != "had" && n.form != "were") {
            out.push(simple(si, s, i - 1, i, Form::Group, Gender::Unknown));
            continue;
        }
        // "the organization founded by ...", "the site's founder": not "the group
        // of friends", nor "the company Google" (an apposition of its name)
        if let Some(&any) = lex.org_nouns.get(lower) {
            let after = toks.get(i + 1).map(|n| n.form.as_str()).unwrap_or("");
            let noun = t.upos == Upos::Noun || t.upos == Upos::X;
            if i > 0 && toks[i - 1].form.eq_ignore_ascii_case("the") && noun && after != "of" && !is_cap(after) && !covered(i - 1) {
                out.push(simple(si, s, i - 1, i, Form::OrgDescription { noun: lower.to_string(), any }, Gender::Neuter));
                continue;
            }
        }
        // "the singer", "the EGOT-winning singer", "the 43-year-old"
        let role = if lower == "old" && i >= 2 && toks[i - 1].form == "-" { Some("year-old".to_string()) } else if lex.role_nouns.contains_key(lower) { Some(lower.to_string()) } else { None };
        if let Some(role) = role {
            let next_is_name = names.iter().any(|m| m.first == i + 1 || (m.first == i + 2 && toks[i + 1].form == ","));
            let mut k = i;
            let mut det = None;
            while k > 0 && i - k < 6 {
                k -= 1;
                let w = crate::text::lower(&toks[k].form);
                let w = w.as_str();
                if w == "the" || w == "this" || w == "that" {
                    det = Some(k);
                    break;
                }
                let participle = toks[k].upos == Upos::Verb && (matches!(toks[k].xpos.as_str(), "VBG" | "VBN") || k > 0 && toks[k - 1].form == "-");
                if (matches!(toks[k].upos, Upos::Verb | Upos::Aux | Upos::Adp) && !participle) || matches!(w, "," | "." | "a" | "an" | "and" | "of" | "with" | "to" | "his" | "her") {
                    break;
                }
            }
            if let (Some(d), false) = (det, next_is_name) {
                let g = lex.role_nouns.get(&role).copied().unwrap_or(Gender::Unknown);
                out.push(simple(si, s, d, i, Form::Description(role), g));
            }
        }
    }
    out
}

/// True when token `i` opens a quotation ("He added, “Her ...").
fn quote_start(toks: &[crate::doc::Token], i: usize) -> bool {
    i > 0 && matches!(toks[i - 1].form.as_str(), "\"" | "“" | "'" | "‘")
}

fn simple(si: usize, s: &Sentence, a: usize, b: usize, form: Form, gender: Gender) -> Mention {
    let text = s.tokens[a..=b].iter().map(|t| t.form.as_str()).collect::<Vec<_>>().join(" ");
    Mention::new(si, s, a, b, text, form, NameType::Unknown, gender)
}
