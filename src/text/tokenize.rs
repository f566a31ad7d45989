//! Tokenizer following the UD English conventions of the shared treebanks.
//!
//! Splits punctuation, clitics ("n't", "'s", "'re", "'ll", "'ve", "'m", "'d")
//! and hyphens between letters; keeps abbreviations ("Mr.", "U.S."), initials
//! ("H."), numbers ("3.5", "1,000"), URLs and e-mail addresses whole. Every
//! token is a [`Span`] into the original text.

use super::Abbreviations;
use crate::doc::Span;

/// Punctuation that is always a token of its own at the edge of a word.
fn is_edge_punct(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '“' | '”' | '‘' | '’' | '(' | ')' | '[' | ']' | '{' | '}' | ',' | ';' | ':' | '!'
            | '?' | '.' | '…' | '—' | '–' | '«' | '»' | '*' | '`'
    )
}

fn is_quote(c: char) -> bool {
    matches!(c, '"' | '\'' | '“' | '”' | '‘' | '’' | '`' | '«' | '»')
}

/// Splits the text of `region` (a byte range of `text`) into token spans.
pub fn tokenize_region(text: &str, region: Span, abbr: &Abbreviations, out: &mut Vec<Span>) {
    let s = &text[region.start..region.end];
    let mut chunk_start: Option<usize> = None;
    for (i, c) in s.char_indices().chain(std::iter::once((s.len(), ' '))) {
        // control characters (NUL, stray C0 controls, DEL) separate tokens like white space
        if c.is_whitespace() || c.is_ascii_control() {
            if let Some(cs) = chunk_start.take() {
                split_chunk(text, region.start + cs, region.start + i, abbr, out);
            }
        } else if chunk_start.is_none() {
            chunk_start = Some(i);
        }
    }
}

fn looks_like_url(w: &str) -> bool {
    let starts = |p: &str| w.get(..p.len()).is_some_and(|h| h.eq_ignore_ascii_case(p));
    starts("http://") || starts("https://") || starts("www.")
        || (w.contains('@') && w.rfind('.').is_some_and(|d| d > w.find('@').unwrap_or(0) + 1))
}

/// A dotted acronym or initial: "U.S.", "H.", "a.m.", "Ph.D." (a lone
/// two-letter word with a period, "it.", is not one).
fn dotted(w: &str) -> bool {
    let parts: Vec<&str> = w.split('.').filter(|p| !p.is_empty()).collect();
    w.ends_with('.')
        && w.len() >= 2
        && parts.iter().all(|p| p.chars().count() <= 2 && p.chars().all(char::is_alphabetic))
        && (parts.len() >= 2 || parts.iter().all(|p| p.chars().count() == 1))
        && w.chars().next().is_some_and(char::is_alphabetic)
}

fn split_chunk(text: &str, mut start: usize, mut end: usize, abbr: &Abbreviations, out: &mut Vec<Span>) {
    // URLs and e-mail addresses stay whole, minus trailing punctuation
    let w = &text[start..end];
    if looks_like_url(w.trim_start_matches(|c: char| is_edge_punct(c))) {
        let lead = w.len() - w.trim_start_matches(|c: char| is_edge_punct(c)).len();
        for (i, _) in w[..lead].char_indices() {
            let n = w[i..].chars().next().map_or(1, char::len_utf8);
            out.push(Span::new(start + i, start + i + n));
        }
        start += lead;
        let w = &text[start..end];
        let core = w.trim_end_matches(['.', ',', ';', ':', '!', '?', ')', '"', '”', '\'']);
        out.push(Span::new(start, start + core.len()));
        let mut p = start + core.len();
        for c in text[p..end].chars() {
            out.push(Span::new(p, p + c.len_utf8()));
            p += c.len_utf8();
        }
        return;
    }
    // leading punctuation
    let mut head = Vec::new();
    while start < end {
        let c = text[start..end].chars().next().expect("non-empty");
        if is_edge_punct(c) && !(c == '.' && text[start..end].len() > 1 && text[start + 1..end].starts_with(|d: char| d.is_ascii_digit())) {
            // "'s" and "'90s" at the start of a chunk are words, not quotes
            let rest = &text[start + c.len_utf8()..end];
            if matches!(c, '\'' | '’') && (is_clitic(rest) || rest.starts_with(|d: char| d.is_ascii_digit())) && rest.len() < 4 {
                break;
            }
            // a run of asterisks ("***") is one token
            let n = if c == '*' { text[start..end].len() - text[start..end].trim_start_matches('*').len() } else { c.len_utf8() };
            head.push(Span::new(start, start + n));
            start += n;
        } else {
            break;
        }
    }
    out.extend(head);
    // trailing punctuation, collected in reverse
    let mut tail = Vec::new();
    while start < end {
        let w = &text[start..end];
        let c = w.chars().next_back().expect("non-empty");
        if !is_edge_punct(c) {
            break;
        }
        if matches!(c, '!' | '?' | '*') {
            // "!!!", "?!" and "***" are one token each
            let run = w.len() - w.trim_end_matches(|d: char| if c == '*' { d == '*' } else { matches!(d, '!' | '?') }).len();
            if run >= 2 {
                tail.push(Span::new(end - run, end));
                end -= run;
                continue;
            }
        }
        if c == '.' {
            // an ellipsis "..." is one token
            let dots = w.len() - w.trim_end_matches('.').len();
            if dots >= 2 {
                tail.push(Span::new(end - dots, end));
                end -= dots;
                continue;
            }
            if dotted(w) || abbr.is_abbreviation(w) {
                break;
            }
        }
        tail.push(Span::new(end - c.len_utf8(), end));
        end -= c.len_utf8();
    }
    if start < end {
        split_word(text, start, end, out);
    }
    out.extend(tail.into_iter().rev());
}

fn is_clitic(rest: &str) -> bool {
    matches!(rest.to_ascii_lowercase().as_str(), "s" | "re" | "ve" | "ll" | "d" | "m")
}

/// Splits inside a word: dashes, hyphens between letters, "n't" and clitics.
fn split_word(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    let w = &text[start..end];
    // dashes and inner punctuation that always separate
    if let Some((i, c)) = w.char_indices().find(|&(i, c)| {
        matches!(c, '—' | '–' | '…' | '"' | '“' | '”' | '(' | ')' | ';' | '!' | '?' | '[' | ']')
            || (c == '-' && w[i + 1..].starts_with('-'))
            || (c == '.' && i > 0 && w[i + 1..].starts_with('.'))
            || (c == ',' && !(i > 0 && w[..i].ends_with(|d: char| d.is_ascii_digit()) && w[i + 1..].starts_with(|d: char| d.is_ascii_digit())))
            || (c == ':' && !(w[i + 1..].starts_with(|d: char| d.is_ascii_digit())))
    }) {
        let n = match c {
            '-' => w[i..].len() - w[i..].trim_start_matches('-').len(),
            '.' => w[i..].len() - w[i..].trim_start_matches('.').len(),
            _ => c.len_utf8(),
        };
        if i > 0 {
            split_word(text, start, start + i, out);
        }
        out.push(Span::new(start + i, start + i + n));
        if start + i + n < end {
            split_chunk_inner(text, start + i + n, end, out);
        }
        return;
    }
    // hyphen between letters: "after-party" -> after - party
    if let Some(i) = w.char_indices().skip(1).find_map(|(i, c)| {
        (c == '-'
            && w[..i].ends_with(|d: char| d.is_alphabetic())
            && w[i + 1..].starts_with(|d: char| d.is_alphabetic()))
        .then_some(i)
    }) {
        split_word(text, start, start + i, out);
        out.push(Span::new(start + i, start + i + 1));
        split_word(text, start + i + 1, end, out);
        return;
    }
    let lowered = super::lower(w);
    let lower: std::borrow::Cow<str> = if lowered.contains('’') { lowered.replace('’', "'").into() } else { lowered.as_str().into() };
    // negation clitic
    if lower.ends_with("n't") && lower.len() > 3 {
        let cut = end - "n't".len() - (w.len() - lower.len()); // ’ is 3 bytes, ' is 1
        let cut = text[start..end]
            .char_indices()
            .rev()
            .nth(2)
            .map(|(i, _)| start + i)
            .unwrap_or(cut);
        out.push(Span::new(start, cut));
        out.push(Span::new(cut, end));
        return;
    }
    if lower == "cannot" {
        out.push(Span::new(start, start + 3));
        out.push(Span::new(start + 3, end));
        return;
    }
    // 's 're 've 'll 'd 'm
    for cl in ["'s", "'re", "'ve", "'ll", "'d", "'m"] {
        if lower.ends_with(cl) && lower.len() > cl.len() {
            let chars = cl.chars().count();
            let cut = start + w.char_indices().rev().nth(chars - 1).map(|(i, _)| i).unwrap_or(0);
            out.push(Span::new(start, cut));
            out.push(Span::new(cut, end));
            return;
        }
    }
    // possessive of a plural: "Galois'" -> Galois '
    if (w.ends_with('\'') || w.ends_with('’')) && w.chars().count() > 1 {
        let q = w.chars().next_back().map_or(1, char::len_utf8);
        out.push(Span::new(start, end - q));
        out.push(Span::new(end - q, end));
        return;
    }
    out.push(Span::new(start, end));
}

fn split_chunk_inner(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    // after an inner split the rest may start or end with punctuation again
    let mut s = start;
    while s < end {
        let c = text[s..end].chars().next().expect("non-empty");
        if is_edge_punct(c) && c != '.' {
            out.push(Span::new(s, s + c.len_utf8()));
            s += c.len_utf8();
        } else {
            break;
        }
    }
    let mut e = end;
    let mut tail = Vec::new();
    while e > s {
        let c = text[s..e].chars().next_back().expect("non-empty");
        if is_edge_punct(c) && (c != '.' || !dotted(&text[s..e])) {
            tail.push(Span::new(e - c.len_utf8(), e));
            e -= c.len_utf8();
        } else {
            break;
        }
    }
    if s < e {
        split_word(text, s, e, out);
    }
    out.extend(tail.into_iter().rev());
}

/// True when the token is an opening or closing quotation mark.
pub fn is_quote_token(t: &str) -> bool {
    t.chars().count() == 1 && t.chars().all(is_quote) || t == "``" || t == "''"
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::resources::Resources;

    fn toks(s: &str) -> Vec<String> {
        let mut out = Vec::new();
        tokenize_region(s, Span::new(0, s.len()), &Resources::get().lexicon.abbreviations, &mut out);
        out.iter().map(|sp| s[sp.start..sp.end].to_string()).collect()
    }

    #[test]
    fn splits_clitics_and_punctuation() {
        assert_eq!(toks("I didn’t support him."), ["I", "did", "n’t", "support", "him", "."]);
        assert_eq!(toks("West's own bid, really!"), ["West", "'s", "own", "bid", ",", "really", "!"]);
        assert_eq!(toks("can't cannot"), ["ca", "n't", "can", "not"]);
        assert_eq!(toks("\"lofty stage name,\""), ["\"", "lofty", "stage", "name", ",", "\""]);
    }

    #[test]
    fn keeps_abbreviations_initials_numbers_urls() {
        assert_eq!(toks("Mr. George H. W. Bush"), ["Mr.", "George", "H.", "W.", "Bush"]);
        assert_eq!(toks("the U.S. spent $3.5 billion, 1,000 times."), ["the", "U.S.", "spent", "$3.5", "billion", ",", "1,000", "times", "."]);
        assert_eq!(toks("see https://example.org/a-b. Or mail a.b@c.com."), ["see", "https://example.org/a-b", ".", "Or", "mail", "a.b@c.com", "."]);
    }

    #[test]
    fn splits_hyphens_dashes_and_ellipses() {
        assert_eq!(toks("after-party.."), ["after", "-", "party", ".."]);
        assert_eq!(toks("story — it"), ["story", "—", "it"]);
        assert_eq!(toks("speech-- so --- ----"), ["speech", "--", "so", "---", "----"]);
        assert_eq!(toks("wait...what"), ["wait", "...", "what"]);
        assert_eq!(toks("Galois' paper"), ["Galois", "'", "paper"]);
        assert_eq!(toks("wow!!! really?! ***"), ["wow", "!!!", "really", "?!", "***"]);
        assert_eq!(toks("I saw it. Me too."), ["I", "saw", "it", ".", "Me", "too", "."]);
    }

    #[test]
    fn offsets_slice_the_original() {
        let s = "“I don’t rock with neither of them,” he said (Photo) [4].";
        let mut out = Vec::new();
        tokenize_region(s, Span::new(0, s.len()), &Resources::get().lexicon.abbreviations, &mut out);
        let mut last = 0;
        for sp in &out {
            assert!(sp.start >= last && sp.end > sp.start, "{out:?}");
            assert!(s.is_char_boundary(sp.start) && s.is_char_boundary(sp.end));
            assert!(!s[sp.start..sp.end].contains(' '));
            last = sp.end;
        }
    }
}
