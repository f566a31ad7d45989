//! CoNLL-U reading and writing.
//!
//! Only the basic tree is read: multiword-token range lines (`19-20 don't`)
//! are kept aside as surface tokens (for tokenizer evaluation) and empty
//! nodes (`8.1`) are skipped. `# text =` and `SpaceAfter=No` are read.

use crate::doc::{Sentence, Upos};
use std::fmt::Write as _;
use std::path::Path;

/// A malformed CoNLL-U line.
#[derive(Debug, thiserror::Error)]
#[error("{file}:{line}: {message}")]
pub struct ConlluError {
    /// File name (or a label for in-memory text).
    pub file: String,
    /// 1-based line number.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

/// One syntactic word of a gold sentence.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Word {
    /// Word form.
    pub form: String,
    /// Lemma.
    pub lemma: String,
    /// Universal POS tag as written ("NOUN").
    pub upos: String,
    /// Language-specific tag ("NN").
    pub xpos: String,
    /// Head, 1-based; 0 is the root.
    pub head: usize,
    /// Dependency relation.
    pub deprel: String,
    /// False when `SpaceAfter=No`.
    pub space_after: bool,
}

/// A surface token made of several syntactic words (`19-20 don't`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MultiWord {
    /// First word (0-based index into [`ConllSentence::words`]).
    pub first: usize,
    /// Last word (0-based, inclusive).
    pub last: usize,
    /// Surface form.
    pub form: String,
}

/// A sentence read from CoNLL-U.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ConllSentence {
    /// The `# text =` comment, if present.
    pub text: Option<String>,
    /// Syntactic words, in order.
    pub words: Vec<Word>,
    /// Multiword tokens.
    pub multiwords: Vec<MultiWord>,
    /// A `# newpar` or `# newdoc` comment precedes the sentence.
    pub new_par: bool,
}

impl ConllSentence {
    /// Surface tokens: each word, except that the words of a multiword token
    /// are replaced by the one surface form.
    pub fn surface_tokens(&self) -> Vec<&str> {
        let mut out = Vec::with_capacity(self.words.len());
        let mut i = 0;
        while i < self.words.len() {
            if let Some(m) = self.multiwords.iter().find(|m| m.first == i) {
                out.push(m.form.as_str());
                i = m.last + 1;
            } else {
                out.push(self.words[i].form.as_str());
                i += 1;
            }
        }
        out
    }
}

fn err(file: &str, line: usize, message: impl Into<String>) -> ConlluError {
    ConlluError { file: file.to_string(), line, message: message.into() }
}

/// Parses CoNLL-U text; `file` names the source in error messages.
pub fn parse(file: &str, text: &str) -> Result<Vec<ConllSentence>, ConlluError> {
    let mut out = Vec::new();
    let mut cur = ConllSentence::default();
    let mut cur_start = 1;
    let mut mwt_space: Option<(usize, bool)> = None;
    let finish = |cur: &mut ConllSentence, out: &mut Vec<ConllSentence>, start: usize| -> Result<(), ConlluError> {
        if cur.words.is_empty() {
            *cur = ConllSentence::default();
            return Ok(());
        }
        let n = cur.words.len();
        if let Some(w) = cur.words.iter().find(|w| w.head > n) {
            return Err(err(file, start, format!("head {} out of range in sentence of {n} words", w.head)));
        }
        out.push(std::mem::take(cur));
        Ok(())
    };
    for (i, raw) in text.lines().enumerate() {
        let ln = i + 1;
        let line = raw.trim_end_matches('\r');
        if line.trim().is_empty() {
            finish(&mut cur, &mut out, cur_start)?;
            cur_start = ln + 1;
            mwt_space = None;
            continue;
        }
        if let Some(c) = line.strip_prefix('#') {
            let c = c.trim_start();
            if let Some(t) = c.strip_prefix("text =") {
                cur.text = Some(t.trim().to_string());
            } else if c.starts_with("newpar") || c.starts_with("newdoc") {
                cur.new_par = true;
            }
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 10 {
            return Err(err(file, ln, format!("expected 10 tab-separated columns, found {}", cols.len())));
        }
        let id = cols[0];
        if id.contains('.') {
            continue; // empty node of the enhanced graph
        }
        if let Some((a, b)) = id.split_once('-') {
            let (a, b): (usize, usize) = match (a.parse(), b.parse()) {
                (Ok(a), Ok(b)) if a >= 1 && b >= a => (a, b),
                _ => return Err(err(file, ln, format!("bad multiword range '{id}'"))),
            };
            cur.multiwords.push(MultiWord { first: a - 1, last: b - 1, form: cols[1].to_string() });
            mwt_space = Some((b - 1, !cols[9].split('|').any(|m| m == "SpaceAfter=No")));
            continue;
        }
        let idn: usize = id.parse().map_err(|_| err(file, ln, format!("bad word id '{id}'")))?;
        if idn != cur.words.len() + 1 {
            return Err(err(file, ln, format!("word id {idn} out of sequence (expected {})", cur.words.len() + 1)));
        }
        let head = if cols[6] == "_" {
            0
        } else {
            cols[6].parse().map_err(|_| err(file, ln, format!("bad head '{}'", cols[6])))?
        };
        let mut space_after = !cols[9].split('|').any(|m| m == "SpaceAfter=No");
        if let Some((last, sp)) = mwt_space {
            // words inside a multiword token are glued; the last takes the token's spacing
            if idn - 1 < last {
                space_after = false;
            } else {
                space_after = sp;
                mwt_space = None;
            }
        }
        cur.words.push(Word {
            form: cols[1].to_string(),
            lemma: cols[2].to_string(),
            upos: cols[3].to_string(),
            xpos: cols[4].to_string(),
            head,
            deprel: cols[7].to_string(),
            space_after,
        });
    }
    finish(&mut cur, &mut out, cur_start)?;
    Ok(out)
}

/// Reads and parses a CoNLL-U file.
pub fn read_file(path: &Path) -> anyhow::Result<Vec<ConllSentence>> {
    use anyhow::Context;
    let text = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    Ok(parse(&path.display().to_string(), &text)?)
}

/// Writes an analysed sentence as CoNLL-U (with a `# text` line when `text` is given).
pub fn write_sentence(out: &mut String, s: &Sentence, sent_id: Option<&str>, text: Option<&str>) {
    if let Some(id) = sent_id {
        let _ = writeln!(out, "# sent_id = {id}");
    }
    if let Some(t) = text {
        let _ = writeln!(out, "# text = {}", t.replace('\n', " "));
    }
    for (i, t) in s.tokens.iter().enumerate() {
        let head = t.head.map_or(0, |h| h + 1);
        let dash = |x: &str| if x.is_empty() { "_".to_string() } else { x.to_string() };
        let _ = writeln!(
            out,
            "{}\t{}\t{}\t{}\t{}\t_\t{}\t{}\t_\t{}",
            i + 1,
            dash(&t.form),
            dash(&t.lemma),
            t.upos.as_str(),
            dash(&t.xpos),
            head,
            dash(&t.deprel),
            if t.space_after { "_" } else { "SpaceAfter=No" }
        );
    }
    out.push('\n');
}

/// Converts a gold sentence into a [`Sentence`] with gold tokens only (no analysis).
pub fn to_sentence(c: &ConllSentence) -> Sentence {
    let mut s = Sentence::default();
    let mut pos = 0;
    for w in &c.words {
        let span = crate::doc::Span::new(pos, pos + w.form.len());
        pos = span.end + usize::from(w.space_after);
        s.tokens.push(crate::doc::Token {
            span,
            form: crate::text::normalise_quotes(&w.form),
            space_after: w.space_after,
            ..Default::default()
        });
    }
    s.span = crate::doc::Span::new(0, pos);
    s
}

/// Parses a UPOS string, `X` when unknown.
pub fn upos_of(s: &str) -> Upos {
    Upos::parse(s).unwrap_or(Upos::X)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "# sent_id = 1\n# text = I don't know.\n\
1\tI\tI\tPRON\tPRP\t_\t4\tnsubj\t_\t_\n\
2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n\
2\tdo\tdo\tAUX\tVBP\t_\t4\taux\t_\t_\n\
3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_\n\
4\tknow\tknow\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No\n\
4.1\tknew\t_\t_\t_\t_\t_\t_\t4:conj\t_\n\
5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_\n\n\
# text = Hi\n1\tHi\thi\tINTJ\tUH\t_\t0\troot\t_\t_\n";

    #[test]
    fn reads_words_skipping_ranges_and_empty_nodes() {
        let s = parse("t", SAMPLE).unwrap();
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].text.as_deref(), Some("I don't know."));
        let forms: Vec<_> = s[0].words.iter().map(|w| w.form.as_str()).collect();
        assert_eq!(forms, ["I", "do", "n't", "know", "."]);
        assert!(!s[0].words[1].space_after && s[0].words[2].space_after);
        assert_eq!(s[0].words[3].head, 0);
        assert!(!s[0].words[3].space_after);
        assert_eq!(s[0].surface_tokens(), ["I", "don't", "know", "."]);
        assert_eq!(s[1].words[0].upos, "INTJ");
    }

    #[test]
    fn malformed_lines_name_file_and_line() {
        let e = parse("x.conllu", "1\tA\ta\tX\n").unwrap_err();
        assert_eq!(e.line, 1);
        assert!(e.to_string().starts_with("x.conllu:1:"));
        let e = parse("x", "# c\n1\tA\ta\tX\tX\t_\tzz\tdep\t_\t_\n").unwrap_err();
        assert_eq!(e.line, 2);
        assert!(parse("x", "1\tA\ta\tX\tX\t_\t7\tdep\t_\t_\n").is_err());
    }

    #[test]
    fn writes_round_trip() {
        let s = parse("t", SAMPLE).unwrap();
        let mut sent = to_sentence(&s[0]);
        for (t, w) in sent.tokens.iter_mut().zip(&s[0].words) {
            t.head = w.head.checked_sub(1);
            t.deprel = w.deprel.clone();
            t.upos = upos_of(&w.upos);
            t.xpos = w.xpos.clone();
            t.lemma = w.lemma.clone();
        }
        let mut out = String::new();
        write_sentence(&mut out, &sent, None, None);
        let back = parse("t", &out).unwrap();
        assert_eq!(back[0].words, s[0].words);
    }
}
