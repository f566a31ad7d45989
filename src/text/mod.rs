//! Text: tokens and sentences, with byte offsets into the original text.
//!
//! [`segment`] tokenizes every paragraph that ingest kept (skipping dropped
//! ranges) and groups the tokens into sentences. A sentence ends at `.`, `!`,
//! `?` or an ellipsis followed by a capitalised word, a quote or a bracket, and
//! always at the end of a paragraph (headlines and list lines have no final
//! punctuation). Closing quotes and brackets after the final mark stay with
//! the sentence. Abbreviations ("Mr.", "U.S.") and initials ("H.") keep their
//! period and do not end a sentence before a name.

pub mod case;
mod tokenize;

pub use case::{lower, Lower};

pub use tokenize::is_quote_token;

use crate::doc::{Document, Sentence, Span, Token};
use crate::resources::{entries, LexiconError};
use rustc_hash::FxHashSet as HashSet;

/// The longest sentence the pipeline passes on; longer runs without
/// punctuation are cut so the parser's time stays bounded.
pub const MAX_SENTENCE_TOKENS: usize = 200;

/// Abbreviations from `data/lexicons/abbreviations.txt`.
#[derive(Debug, Default)]
pub struct Abbreviations {
    titles: HashSet<String>,
    other: HashSet<String>,
}

impl Abbreviations {
    /// Parses the abbreviation list (`title WORD.` or `abbr WORD.` per line).
    pub fn parse(file: &'static str, text: &str) -> Result<Self, LexiconError> {
        let mut a = Abbreviations::default();
        for (line, l) in entries(text) {
            match l.split_once(' ') {
                Some(("title", w)) => a.titles.insert(w.trim().to_lowercase()),
                Some(("abbr", w)) => a.other.insert(w.trim().to_lowercase()),
                _ => {
                    return Err(LexiconError {
                        file,
                        line,
                        message: format!("expected 'title WORD.' or 'abbr WORD.', found '{l}'"),
                    })
                }
            };
        }
        Ok(a)
    }

    /// True when `w` (with its final period) is a known abbreviation.
    pub fn is_abbreviation(&self, w: &str) -> bool {
        let l = w.to_lowercase();
        self.titles.contains(&l) || self.other.contains(&l)
    }

    /// True for title abbreviations, which never end a sentence ("Mr.").
    pub fn is_title(&self, w: &str) -> bool {
        self.titles.contains(&w.to_lowercase())
    }
}

/// Words that start sentences; an abbreviation followed by one ends its sentence.
const STARTERS: &[&str] = &[
    "The", "A", "An", "He", "She", "It", "They", "We", "I", "In", "On", "At", "But", "And", "This", "That",
    "There", "His", "Her", "Their", "Its", "After", "When", "While", "As", "However", "Meanwhile", "According",
];

/// Tokenizes and sentence-splits every kept paragraph of `doc`.
pub fn segment(doc: &mut Document, abbr: &Abbreviations) {
    let mut sentences = Vec::new();
    for (pi, &para) in doc.paragraphs.iter().enumerate() {
        let mut spans = Vec::new();
        // tokenize the pieces of the paragraph between dropped ranges
        let mut at = para.start;
        for hole in doc.dropped.iter().filter(|h| para.contains(**h)) {
            if hole.start > at {
                tokenize::tokenize_region(&doc.text, Span::new(at, hole.start), abbr, &mut spans);
            }
            at = at.max(hole.end);
        }
        if at < para.end {
            tokenize::tokenize_region(&doc.text, Span::new(at, para.end), abbr, &mut spans);
        }
        split_sentences(&doc.text, &spans, abbr, pi, &mut sentences);
    }
    doc.sentences = sentences;
}

fn is_closer(t: &str) -> bool {
    matches!(t, "”" | "’" | "\"" | "'" | ")" | "]" | "»")
}

fn split_sentences(text: &str, spans: &[Span], abbr: &Abbreviations, paragraph: usize, out: &mut Vec<Sentence>) {
    let form = |i: usize| &text[spans[i].start..spans[i].end];
    let mut start = 0;
    let mut i = 0;
    while i < spans.len() {
        let t = form(i);
        let mut end_here = false;
        if matches!(t, "." | "..." | "…" | "..") || (!t.is_empty() && t.chars().all(|c| matches!(c, '!' | '?'))) {
            // swallow closing quotes and brackets and repeated marks
            while i + 1 < spans.len() && (is_closer(form(i + 1)) && !opens_next(text, spans, i + 1) || matches!(form(i + 1), "." | "!" | "?")) {
                i += 1;
            }
            // "?" or "!" before a lower-case word also ends a sentence (web text),
            // unless a closing quote intervenes ("'Why?' he asked")
            let bang = form(i).chars().all(|c| matches!(c, '!' | '?'));
            end_here = i + 1 >= spans.len()
                || starts_sentence(form(i + 1))
                || (bang && form(i + 1).starts_with(|c: char| c.is_lowercase()));
        } else if t.ends_with('.') && t.len() > 1 && !abbr.is_title(t) && i + 1 < spans.len() {
            // "in the U.S. The next day": an abbreviation before a sentence starter
            end_here = STARTERS.contains(&form(i + 1));
        }
        if end_here || i + 1 - start >= MAX_SENTENCE_TOKENS {
            push_sentence(text, &spans[start..=i], paragraph, out);
            start = i + 1;
        }
        i += 1;
    }
    if start < spans.len() {
        push_sentence(text, &spans[start..], paragraph, out);
    }
}

/// A straight quote right after a sentence end that is followed by a space
/// and then a word opens the next sentence rather than closing this one.
fn opens_next(text: &str, spans: &[Span], i: usize) -> bool {
    let q = &text[spans[i].start..spans[i].end];
    if q != "\"" && q != "'" {
        return false;
    }
    let glued_before = i > 0 && spans[i - 1].end == spans[i].start;
    !glued_before
}

fn starts_sentence(next: &str) -> bool {
    next.chars().next().is_some_and(|c| {
        c.is_uppercase() || c.is_ascii_digit() || matches!(c, '"' | '“' | '‘' | '\'' | '(' | '[' | '—' | '–' | '-' | '•')
    })
}

/// A token's form with curly quotes made straight (’ ‘ → ', “ ” → "): how
/// the tokenizer normalises text, and how treebank forms are read to match.
pub fn normalise_quotes(w: &str) -> String {
    if w.is_ascii() {
        return w.to_string();
    }
    w.replace(['’', '‘'], "'").replace(['“', '”'], "\"")
}

fn push_sentence(text: &str, spans: &[Span], paragraph: usize, out: &mut Vec<Sentence>) {
    let (Some(first), Some(last)) = (spans.first(), spans.last()) else { return };
    let tokens = spans
        .iter()
        .enumerate()
        .map(|(k, sp)| Token {
            span: *sp,
            form: normalise_quotes(&text[sp.start..sp.end]),
            space_after: spans.get(k + 1).is_none_or(|n| n.start > sp.end),
            ..Default::default()
        })
        .collect();
    out.push(Sentence { span: Span::new(first.start, last.end), tokens, paragraph });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::resources::Resources;

    fn sents(text: &str) -> Vec<String> {
        let r = Resources::get();
        let mut d = crate::ingest::ingest("t", text.to_string(), &r.furniture);
        segment(&mut d, &r.lexicon.abbreviations);
        d.sentences.iter().map(|s| d.slice(s.span).to_string()).collect()
    }

    #[test]
    fn splits_on_marks_but_not_abbreviations_or_initials() {
        assert_eq!(
            sents("Mr. George H. W. Bush spoke. He left in Jan. 2004 for the U.S. The end."),
            ["Mr. George H. W. Bush spoke.", "He left in Jan. 2004 for the U.S.", "The end."]
        );
    }

    #[test]
    fn keeps_closing_quotes_and_splits_headlines() {
        assert_eq!(
            sents("A headline without a stop\n\n“I left,” he said. “It was over.” Then he went."),
            ["A headline without a stop", "“I left,” he said.", "“It was over.”", "Then he went."]
        );
    }

    #[test]
    fn lowercase_after_period_continues_and_ellipsis_splits() {
        assert_eq!(sents("It was 3.5 p.m. when... Then. ok"), ["It was 3.5 p.m. when...", "Then. ok"]);
    }

    #[test]
    fn question_before_lower_case_splits_unless_quoted() {
        assert_eq!(sents("Is it? yes it is. “Why?” he asked."), ["Is it?", "yes it is.", "“Why?” he asked."]);
    }

    #[test]
    fn long_runs_are_cut() {
        let text = "word ".repeat(450);
        let s = sents(&text);
        assert_eq!(s.len(), 3);
    }

    #[test]
    fn token_forms_normalise_quotes() {
        let r = Resources::get();
        let mut d = crate::ingest::ingest("t", "I didn’t.".to_string(), &r.furniture);
        segment(&mut d, &r.lexicon.abbreviations);
        let forms: Vec<_> = d.sentences[0].tokens.iter().map(|t| t.form.as_str()).collect();
        assert_eq!(forms, ["I", "did", "n't", "."]);
        assert!(!d.sentences[0].tokens[2].space_after);
    }
}
