//! Titles with a subtitle after a colon: "Smosh: The Movie", "Inspector
//! Lynley Mysteries: A Suitable Vengeance".
//!
//! The name finder stops at the colon. [`join_subtitles`] replaces the
//! pieces with one event mention (a work, like the dated titles of
//! `names.rs`) when the title follows "in", "on" or "at" (a show or film
//! one is in, not a book: "his textbook Morphology: The Descriptive
//! Analysis of Words"), outside a quotation, and the subtitle opens with an
//! article and a capitalised word; a label at the start of a line
//! ("Note: The ...", "Image: NASA") is none.

use super::{Form, Gender, Mention, NameType};
use crate::doc::{Document, Sentence, Token};
use crate::graph::EntityKind;

fn is_cap(t: &Token) -> bool {
    t.form.chars().next().is_some_and(char::is_uppercase) && t.form.chars().any(char::is_alphabetic)
}

/// Finds `Title: The Subtitle` in sentence `si` and rewrites `names` accordingly.
pub(super) fn join_subtitles(doc: &Document, si: usize, s: &Sentence, names: &mut Vec<Mention>) {
    let toks = &s.tokens;
    let mut c = 1;
    while c + 2 < toks.len() {
        // the colon right after a word, the article and a capitalised word after it
        let colon = toks[c].form == ":" && toks[c - 1].span.end == toks[c].span.start;
        if !colon || !matches!(toks[c + 1].form.as_str(), "The" | "A" | "An") || !is_cap(&toks[c + 2]) {
            c += 1;
            continue;
        }
        // the title: capitalised words before the colon, after a lower-case word
        let mut a = c;
        while a > 0 && c - a < 5 && is_cap(&toks[a - 1]) {
            a -= 1;
        }
        // not inside a quotation, whose whole text is the title ("appeared as \"Regularity and
        // Idiomaticity in Grammatical Constructions: The Case of Let Alone\"")
        let quoted = toks[..a].iter().filter(|t| matches!(doc.text[t.span.start..t.span.end].as_ref(), "\"" | "“" | "”")).count() % 2 == 1;
        // after "in", "on" or "at": a show or film one is in ("appeared in Smosh: The Movie");
        // a book's title ("his textbook Morphology: The Descriptive Analysis") is no event
        if a == c || a == 0 || !matches!(toks[a - 1].form.as_str(), "in" | "on" | "at") || quoted {
            c += 1;
            continue;
        }
        // the subtitle: capitalised words, and "of", "the", "and" between them
        let mut b = c + 2;
        while b + 1 < toks.len() && b - c < 8 && (is_cap(&toks[b + 1]) || matches!(toks[b + 1].form.as_str(), "of" | "the" | "and") && toks.get(b + 2).is_some_and(is_cap)) {
            b += 1;
        }
        let text = doc.text[toks[a].span.start..toks[b].span.end].replace('’', "'");
        let work = Mention { head: b, ..Mention::new(si, s, a, b, text, Form::Name, NameType::Entity(EntityKind::Event), Gender::Neuter) };
        names.retain(|m| m.last < a || m.first > b);
        names.push(work);
        names.sort_by_key(|m| (m.first, m.last));
        c = b + 1;
    }
}
