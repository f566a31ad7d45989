//! Polarity and modality of a trigger: negated, hedged, ended.
//!
//! Cues come from `data/lexicons/modality.txt`. A negation or hedge counts
//! when only "light" words (auxiliaries, adverbs, determiners) stand between
//! it and the trigger, so "didn't ruin his friendship" does not deny the
//! friendship while "I didn't support him" denies the support. "haven't been
//! friends since" is an ended relation, not a denied one. Questions and
//! conditionals ("if", "whether") state nothing.

use crate::resources::{data, entries, LexiconError};
use rustc_hash::FxHashSet as HashSet;

/// How a relation statement is qualified.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Modality {
    /// The relation is denied.
    pub negated: bool,
    /// The statement is speculation, a condition or a question: no relation.
    pub hedged: bool,
    /// The relation is over.
    pub ended: bool,
}

/// Modality cue lists.
#[derive(Debug, Default)]
pub struct Cues {
    negation: Vec<Vec<String>>,
    hedge: Vec<Vec<String>>,
    ended: Vec<Vec<String>>,
    ending: HashSet<String>,
    light: HashSet<String>,
    speculation: HashSet<String>,
    report: HashSet<String>,
}

impl Cues {
    /// Parses `data/lexicons/modality.txt`.
    pub fn load() -> Result<Self, LexiconError> {
        let (file, text) = data!("lexicons/modality.txt");
        let mut c = Cues::default();
        for (line, l) in entries(text) {
            let (k, v) = l.split_once(' ').ok_or_else(|| LexiconError { file, line, message: format!("expected 'CLASS WORDS', found '{l}'") })?;
            let words: Vec<String> = v.split_whitespace().map(str::to_lowercase).collect();
            match k {
                "negation" => c.negation.push(words),
                "hedge" => c.hedge.push(words),
                "ended" => c.ended.push(words),
                "ending" => drop(c.ending.insert(v.trim().to_lowercase())),
                "light" => drop(c.light.insert(v.trim().to_lowercase())),
                "speculation" => drop(c.speculation.insert(v.trim().to_lowercase())),
                "report" => drop(c.report.insert(v.trim().to_lowercase())),
                _ => return Err(LexiconError { file, line, message: format!("unknown class '{k}' (expected negation, hedge, speculation, ended, ending, light or report)") }),
            }
        }
        Ok(c)
    }

    /// Whether a trigger's first word ends the relation ("divorced").
    pub fn is_ending(&self, base: &str) -> bool {
        self.ending.contains(base)
    }

    /// Cue `cue` ends at token `k` (inclusive) of `forms`.
    fn cue_ends_at(cue: &[String], forms: &[String], k: usize) -> bool {
        k + 1 >= cue.len() && cue.iter().rev().enumerate().all(|(j, w)| forms[k - j] == *w)
    }

    /// Whether a reporting verb ("told", "said", "promised") comes shortly
    /// before token `k`, in the same clause.
    fn reported_before(&self, forms: &[String], k: usize) -> bool {
        forms[..k].iter().rev().take(6).take_while(|w| !matches!(w.as_str(), ";" | "." | "if" | "whether" | "unless" | "\"")).any(|w| self.report.contains(w.as_str()))
    }

    /// Looks left of the trigger at `start` (and right of its end) for cues.
    /// `forms` are the sentence's lower-case token forms.
    pub fn modality(&self, forms: &[String], start: usize, end: usize) -> Modality {
        let mut m = Modality::default();
        let mut k = start;
        let mut steps = 0;
        while k > 0 && steps < 6 {
            k -= 1;
            steps += 1;
            let w = &forms[k];
            if self.negation.iter().any(|c| Self::cue_ends_at(c, forms, k)) {
                m.negated = true;
            } else if self.hedge.iter().any(|c| Self::cue_ends_at(c, forms, k)) {
                // "told Montalvo he would assist him": a reported promise, the
                // future seen from the past, is stated, not a hedge
                m.hedged |= !(w == "would" && self.reported_before(forms, k));
            } else if self.ended.iter().any(|c| Self::cue_ends_at(c, forms, k)) || (w == "-" && k > 0 && forms[k - 1] == "ex") {
                m.ended = true;
            } else if !self.light.contains(w.as_str()) && !w.ends_with("ly") {
                break;
            }
        }
        // "no longer": ended, not denied
        if m.negated && start >= 2 && forms[start - 1] == "longer" {
            m.negated = false;
            m.ended = true;
        }
        // "haven't been friends since": ended, not denied
        if m.negated && forms.get(end + 1).is_some_and(|w| w == "since") {
            m.negated = false;
            m.ended = true;
        }
        // speculation anywhere earlier in the clause ("he might have been her supposed fiancé")
        if forms[..start].iter().rev().take_while(|w| !matches!(w.as_str(), "," | ";" | ":" | "but" | "." )).any(|w| self.speculation.contains(w.as_str())) {
            m.hedged = true;
        }
        // a conditional anywhere earlier in the clause
        if forms[..start].iter().rev().take_while(|w| !matches!(w.as_str(), "," | ";" | ":" | "\"" | "but")).any(|w| w == "if" || w == "whether" || w == "unless") {
            m.hedged = true;
        }
        if forms.last().is_some_and(|w| w == "?") {
            m.hedged = true;
        }
        m
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(s: &str, trigger: &str) -> Modality {
        let forms: Vec<String> = s.split(' ').map(str::to_lowercase).collect();
        let i = forms.iter().position(|w| w == trigger).unwrap();
        Cues::load().unwrap().modality(&forms, i, i)
    }

    #[test]
    fn negation_hedges_and_ended_on_real_sentences() {
        assert!(check("he was very upset with me that I did n't support him", "support").negated);
        assert!(!check("Donald Trump did n't ruin his friendship with Kanye West", "friendship").negated);
        let m = check("and we have n't been friends since , really", "friends");
        assert!(m.ended && !m.negated);
        assert!(check("trying to connect with his former producer", "producer").ended);
        assert!(check("I think he might support Biden", "support").hedged);
        assert!(check("if he backs Trump , we lose", "backs").hedged);
        assert!(check("would you support him ?", "support").hedged);
        assert!(check("she refused to endorse him", "endorse").negated);
        assert_eq!(check("Legend supported Joe Biden", "supported"), Modality::default());
        // news_defector.txt: a reported promise is stated
        assert!(!check("Devocht , who had told Montalvo he would assist him with future employment", "assist").hedged);
        assert!(check("Devocht said that if asked he would assist him", "assist").hedged);
        assert!(check("I think he would assist him", "assist").hedged);
    }
}
