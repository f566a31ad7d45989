//! Nicknames quoted inside a name: `Dwayne "The Rock" Johnson`,
//! `Austin Shepherd "Shep" Padalecki`.
//!
//! The name finder stops at the quotation marks and sees two or three
//! pieces. [`join_quoted_nicknames`] replaces them with one person mention
//! that spans the whole ("Dwayne Johnson", from the first word to the last)
//! plus a name mention for the nickname inside it; the coreference stage
//! makes the inner name an alias of the outer one.

use super::{Form, Gender, Lexicon, Mention, NameType};
use crate::doc::{Document, Sentence, Token, Upos};
use crate::graph::EntityKind;

fn is_cap(t: &Token) -> bool {
    t.form.chars().next().is_some_and(char::is_uppercase) && t.form.chars().any(char::is_alphabetic)
}

fn raw<'a>(doc: &'a Document, t: &Token) -> &'a str {
    &doc.text[t.span.start..t.span.end]
}

fn opening(q: &str) -> bool {
    matches!(q, "\"" | "“" | "‘" | "'")
}

fn closing(q: &str) -> bool {
    matches!(q, "\"" | "”" | "’" | "'")
}

/// Finds `First "Nick" Last` in sentence `si` and rewrites `names` accordingly.
pub(super) fn join_quoted_nicknames(doc: &Document, si: usize, s: &Sentence, lex: &Lexicon, names: &mut Vec<Mention>) {
    let toks = &s.tokens;
    let mut i = 1;
    while i + 3 < toks.len() {
        let q1 = i;
        if !opening(raw(doc, &toks[q1])) || !is_cap(&toks[q1 - 1]) || toks[q1 - 1].span.end == toks[q1].span.start {
            i += 1;
            continue;
        }
        // the nickname: one to three words, capitalised (or "the")
        let mut q2 = q1 + 1;
        while q2 < toks.len() && q2 - q1 <= 4 && (is_cap(&toks[q2]) || toks[q2].form.eq_ignore_ascii_case("the")) {
            q2 += 1;
        }
        let ok_nick = q2 > q1 + 1 && q2 < toks.len() && closing(raw(doc, &toks[q2])) && toks.get(q2 + 1).is_some_and(is_cap);
        if !ok_nick {
            i += 1;
            continue;
        }
        // the given names before, the surname after
        let mut a = q1 - 1;
        while a > 0 && q1 - a < 3 && is_cap(&toks[a - 1]) {
            a -= 1;
        }
        let mut b = q2 + 1;
        while b + 1 < toks.len() && b - q2 < 2 && is_cap(&toks[b + 1]) {
            b += 1;
        }
        let first = toks[a].form.to_lowercase();
        let given = lex.first_names.contains_key(&first) || (q1 - a == 1 && !lex.is_common(&first) && toks[a].upos == Upos::Propn);
        let surname_like = !toks[q2 + 1..=b].iter().any(|t| lex.is_title_or_role(&t.form) || lex.org_last.contains(&t.form.to_lowercase()));
        if !given || !surname_like {
            i = q2 + 1;
            continue;
        }
        let text = format!("{} {}", doc.text[toks[a].span.start..toks[q1 - 1].span.end].replace('’', "'"), doc.text[toks[q2 + 1].span.start..toks[b].span.end].replace('’', "'"));
        let gender = lex.first_name_gender(&first).unwrap_or(Gender::Unknown);
        let whole = Mention { head: b, ..Mention::new(si, s, a, b, text, Form::Name, NameType::Entity(EntityKind::Person), gender) };
        let nick_text = doc.text[toks[q1 + 1].span.start..toks[q2 - 1].span.end].replace('’', "'");
        let nick = Mention::new(si, s, q1 + 1, q2 - 1, nick_text, Form::Name, NameType::Entity(EntityKind::Person), gender);
        names.retain(|m| m.last < a || m.first > b);
        names.push(whole);
        names.push(nick);
        names.sort_by_key(|m| (m.first, m.last));
        i = b + 1;
    }
}
