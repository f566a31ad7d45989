//! Scoring the syntax layer against gold CoNLL-U.
//!
//! - On gold tokenization: UPOS, XPOS and lemma accuracy, UAS and LAS (all
//!   tokens, punctuation included; LAS compares full labels with subtypes).
//! - On raw text: the `# text` lines, re-assembled into paragraphs, are
//!   tokenized and sentence-split by [`crate::text::segment`]; tokens and
//!   sentences are matched by their character offsets ignoring whitespace.

use super::conllu::{to_sentence, ConllSentence};
use super::Models;
use crate::doc::{Document, Span};
use crate::text::Abbreviations;
use std::collections::HashSet;

/// Scores on gold tokenization.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GoldScores {
    /// Number of words.
    pub words: usize,
    /// Number of sentences.
    pub sentences: usize,
    /// UPOS accuracy (0–1).
    pub upos: f64,
    /// XPOS accuracy.
    pub xpos: f64,
    /// Lemma accuracy.
    pub lemma: f64,
    /// Unlabelled attachment score.
    pub uas: f64,
    /// Labelled attachment score.
    pub las: f64,
}

/// Tags and parses the gold words of every sentence and scores them.
pub fn eval_gold(models: &Models, gold: &[ConllSentence]) -> GoldScores {
    use rayon::prelude::*;
    let counts = gold
        .par_iter()
        .map(|g| {
            let mut s = to_sentence(g);
            models.analyze(&mut s);
            let mut c = [0usize; 6];
            for (t, w) in s.tokens.iter().zip(&g.words) {
                c[0] += 1;
                c[1] += usize::from(t.upos.as_str() == w.upos);
                c[2] += usize::from(t.xpos == w.xpos);
                c[3] += usize::from(t.lemma == crate::text::normalise_quotes(&w.lemma));
                let head_ok = t.head.map_or(0, |h| h + 1) == w.head;
                c[4] += usize::from(head_ok);
                c[5] += usize::from(head_ok && t.deprel == w.deprel);
            }
            c
        })
        .reduce(|| [0; 6], |a, b| std::array::from_fn(|i| a[i] + b[i]));
    let n = counts[0].max(1) as f64;
    GoldScores {
        words: counts[0],
        sentences: gold.len(),
        upos: counts[1] as f64 / n,
        xpos: counts[2] as f64 / n,
        lemma: counts[3] as f64 / n,
        uas: counts[4] as f64 / n,
        las: counts[5] as f64 / n,
    }
}

/// Precision, recall and F1 of a set comparison.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Prf {
    /// Gold items.
    pub gold: usize,
    /// System items.
    pub system: usize,
    /// Items in both.
    pub correct: usize,
}

impl Prf {
    /// Precision.
    pub fn precision(&self) -> f64 {
        self.correct as f64 / self.system.max(1) as f64
    }
    /// Recall.
    pub fn recall(&self) -> f64 {
        self.correct as f64 / self.gold.max(1) as f64
    }
    /// F1.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    fn of(gold: &HashSet<(usize, usize)>, sys: &HashSet<(usize, usize)>) -> Prf {
        Prf { gold: gold.len(), system: sys.len(), correct: gold.intersection(sys).count() }
    }
}

/// Segmentation scores on raw text.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct RawScores {
    /// Sentence boundaries.
    pub sentences: Prf,
    /// Token boundaries.
    pub tokens: Prf,
}

/// Rebuilds the raw text from `# text` lines (paragraphs at `# newpar`/`# newdoc`),
/// segments it and scores tokens and sentences.
pub fn eval_raw(gold: &[ConllSentence], abbr: &Abbreviations) -> RawScores {
    let mut text = String::new();
    let mut paragraphs = Vec::new();
    let mut par_start = 0;
    // gold items in non-whitespace character offsets
    let mut gold_sents = HashSet::new();
    let mut gold_toks = HashSet::new();
    let mut nws = 0usize;
    for (i, g) in gold.iter().enumerate() {
        let Some(t) = g.text.as_deref() else { continue };
        if i > 0 && g.new_par && text.len() > par_start {
            paragraphs.push(Span::new(par_start, text.len()));
            text.push('\n');
            par_start = text.len();
        } else if !text.is_empty() && text.len() > par_start {
            text.push(' ');
        }
        text.push_str(t);
        let start = nws;
        let len_of = |s: &str| s.chars().filter(|c| !c.is_whitespace()).count();
        let total = len_of(t);
        let mut at = start;
        let mut i = 0;
        while i < g.words.len() {
            // a multiword token counts as its words when they spell it out
            let mw = g.multiwords.iter().find(|m| m.first == i);
            let words_spell = mw.is_some_and(|m| {
                g.words[m.first..=m.last].iter().map(|w| w.form.as_str()).collect::<String>() == m.form
            });
            match mw {
                Some(m) if !words_spell => {
                    let l = len_of(&m.form);
                    gold_toks.insert((at, at + l));
                    at += l;
                    i = m.last + 1;
                }
                _ => {
                    let l = len_of(&g.words[i].form);
                    gold_toks.insert((at, at + l));
                    at += l;
                    i += 1;
                }
            }
        }
        gold_sents.insert((start, start + total));
        nws += total;
    }
    if text.len() > par_start {
        paragraphs.push(Span::new(par_start, text.len()));
    }
    let mut doc = Document::new("gold", text);
    doc.paragraphs = paragraphs;
    crate::text::segment(&mut doc, abbr);
    // byte offset → non-whitespace char offset
    let mut map = vec![0usize; doc.text.len() + 1];
    let mut k = 0;
    for (b, c) in doc.text.char_indices() {
        map[b] = k;
        if !c.is_whitespace() {
            k += 1;
        }
        map[b + 1..b + c.len_utf8()].fill(k);
    }
    map[doc.text.len()] = k;
    let off = |s: Span| (map[s.start], map[s.end]);
    let sys_sents: HashSet<_> = doc.sentences.iter().map(|s| off(s.span)).collect();
    let sys_toks: HashSet<_> = doc.sentences.iter().flat_map(|s| s.tokens.iter().map(|t| off(t.span))).collect();
    RawScores { sentences: Prf::of(&gold_sents, &sys_sents), tokens: Prf::of(&gold_toks, &sys_toks) }
}

/// The most frequent UPOS confusions `(gold, predicted, count)` on gold tokenization.
pub fn upos_confusions(models: &Models, gold: &[ConllSentence], top: usize) -> Vec<(String, String, usize)> {
    let mut m: std::collections::HashMap<(String, String), usize> = std::collections::HashMap::new();
    for g in gold {
        let mut s = to_sentence(g);
        models.analyze_opts(&mut s, false);
        for (t, w) in s.tokens.iter().zip(&g.words) {
            if t.upos.as_str() != w.upos {
                *m.entry((w.upos.clone(), t.upos.as_str().to_string())).or_default() += 1;
            }
        }
    }
    let mut v: Vec<_> = m.into_iter().map(|((a, b), c)| (a, b, c)).collect();
    v.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(&b.0)).then(a.1.cmp(&b.1)));
    v.truncate(top);
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_text_scores_align_by_characters() {
        let gold = "# newpar\n# text = He left.\n1\tHe\the\tPRON\tPRP\t_\t2\tnsubj\t_\t_\n2\tleft\tleave\tVERB\tVBD\t_\t0\troot\t_\tSpaceAfter=No\n\
3\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n\n# text = Mr. Smith can't.\n1\tMr.\tMr.\tPROPN\tNNP\t_\t2\tcompound\t_\t_\n\
2\tSmith\tSmith\tPROPN\tNNP\t_\t4\tnsubj\t_\t_\n3-4\tcan't\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No\n3\tca\tcan\tAUX\tMD\t_\t0\troot\t_\t_\n\
4\tn't\tnot\tPART\tRB\t_\t3\tadvmod\t_\t_\n5\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_\n\n";
        let g = super::super::conllu::parse("g", gold).unwrap();
        let r = crate::resources::Resources::get();
        let s = eval_raw(&g, &r.lexicon.abbreviations);
        assert_eq!(s.sentences.gold, 2);
        assert_eq!(s.sentences.correct, 2, "{s:?}");
        assert_eq!(s.tokens.gold, 8);
        assert_eq!(s.tokens.f1(), 1.0, "{s:?}");
        let p = Prf { gold: 4, system: 2, correct: 2 };
        assert!((p.f1() - 2.0 / 3.0).abs() < 1e-9);
    }
}
