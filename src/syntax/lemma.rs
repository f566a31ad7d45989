//! Lemmatizer: an exception table plus suffix rules by Penn tag.
//!
//! Both are text files under `data/lexicons/`, derived from the training
//! treebanks' lemma column by `relgraph train lemmas`:
//! - `lemma_rules.txt`: `XPOS SUFFIX STRIP ADD` — for a word with tag XPOS
//!   ending in SUFFIX (longest match wins), remove STRIP characters and append
//!   ADD (`-` for nothing);
//! - `lemma_exceptions.txt`: `FORM XPOS LEMMA` for words the rules get wrong.
//!
//! Forms are compared in lower case; proper nouns keep their case.

use crate::resources::{entries, LexiconError};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// FNV-1a with a strong finish: quicker than SipHash for the short keys of
/// the lemma tables (which hold no untrusted input).
#[derive(Default, Clone, Copy)]
pub struct StrHasher(u64);

impl Hasher for StrHasher {
    fn finish(&self) -> u64 {
        super::features::avalanche(self.0)
    }
    fn write(&mut self, bytes: &[u8]) {
        self.0 = bytes.iter().fold(self.0 ^ 0xcbf2_9ce4_8422_2325, |h, &b| (h ^ b as u64).wrapping_mul(0x0000_0100_0000_01B3));
    }
}

/// A string-keyed map with [`StrHasher`].
type StrMap<V> = HashMap<String, V, BuildHasherDefault<StrHasher>>;

/// A suffix rule.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Rule {
    /// Characters to remove from the end.
    pub strip: usize,
    /// Text to append.
    pub add: String,
}

/// The lemmatizer.
#[derive(Debug, Default, Clone)]
pub struct Lemmatizer {
    /// `(xpos, suffix)` → rule.
    rules: StrMap<StrMap<Rule>>,
    /// lower-case form → `(xpos, lemma)` pairs.
    exceptions: StrMap<Vec<(String, String)>>,
}

fn is_proper(xpos: &str) -> bool {
    xpos == "NNP" || xpos == "NNPS"
}

/// The rule that turns `form` into `lemma`.
pub fn rule_of(form: &str, lemma: &str) -> Rule {
    let f: Vec<char> = form.chars().collect();
    let l: Vec<char> = lemma.chars().collect();
    let p = f.iter().zip(&l).take_while(|(a, b)| a == b).count();
    Rule { strip: f.len() - p, add: l[p..].iter().collect() }
}

/// Applies a rule; `None` when it would strip the whole word.
pub fn apply(form: &str, r: &Rule) -> Option<String> {
    let n = form.chars().count();
    if r.strip >= n {
        return None;
    }
    let cut = form.char_indices().nth(n - r.strip).map_or(form.len(), |(i, _)| i);
    Some(format!("{}{}", &form[..cut], r.add))
}

impl Lemmatizer {
    /// Parses the rule and exception files.
    pub fn parse(rules_file: &'static str, rules: &str, exc_file: &'static str, exc: &str) -> Result<Self, LexiconError> {
        let mut lm = Lemmatizer::default();
        for (line, l) in entries(rules) {
            let p: Vec<&str> = l.split_whitespace().collect();
            let bad = || LexiconError { file: rules_file, line, message: format!("expected 'XPOS SUFFIX STRIP ADD', found '{l}'") };
            if p.len() != 4 {
                return Err(bad());
            }
            let strip = p[2].parse().map_err(|_| bad())?;
            let suffix = if p[1] == "-" { "" } else { p[1] };
            let add = if p[3] == "-" { String::new() } else { p[3].to_string() };
            lm.rules.entry(p[0].to_string()).or_default().insert(suffix.to_string(), Rule { strip, add });
        }
        for (line, l) in entries(exc) {
            let p: Vec<&str> = l.split_whitespace().collect();
            if p.len() != 3 {
                return Err(LexiconError { file: exc_file, line, message: format!("expected 'FORM XPOS LEMMA', found '{l}'") });
            }
            lm.exceptions.entry(p[0].to_string()).or_default().push((p[1].to_string(), p[2].to_string()));
        }
        Ok(lm)
    }

    /// The embedded lemmatizer data.
    pub fn embedded() -> Result<Self, LexiconError> {
        let (rf, rt) = crate::resources::data!("lexicons/lemma_rules.txt");
        let (ef, et) = crate::resources::data!("lexicons/lemma_exceptions.txt");
        Lemmatizer::parse(rf, rt, ef, et)
    }

    /// The rules only (no exceptions): what the rules alone make of `form`.
    pub fn by_rule(&self, form: &str, xpos: &str) -> String {
        let base = if is_proper(xpos) { form.to_string() } else { form.to_lowercase() };
        let Some(rules) = self.rules.get(xpos) else { return base };
        let chars: Vec<char> = base.chars().collect();
        let mut suffix = String::with_capacity(24);
        for k in (0..=chars.len().min(6)).rev() {
            suffix.clear();
            suffix.extend(chars[chars.len() - k..].iter().flat_map(|c| c.to_lowercase()));
            if let Some(r) = rules.get(suffix.as_str()) {
                return apply(&base, r).unwrap_or(base);
            }
        }
        base
    }

    /// The lemma of `form` with Penn tag `xpos`.
    pub fn lemma(&self, form: &str, xpos: &str) -> String {
        let lower = form.to_lowercase();
        if let Some(v) = self.exceptions.get(&lower) {
            if let Some((_, l)) = v.iter().find(|(x, _)| x == xpos) {
                return l.clone();
            }
        }
        self.by_rule(form, xpos)
    }

    /// [`Lemmatizer::lemma`] written into `out` (replacing its content),
    /// without allocating for ASCII words of up to 64 bytes.
    pub fn lemma_into(&self, form: &str, xpos: &str, out: &mut String) {
        out.clear();
        let mut buf = [0u8; 64];
        let lower = match buf.get_mut(..form.len()) {
            Some(b) if form.is_ascii() => {
                b.copy_from_slice(form.as_bytes());
                b.make_ascii_lowercase();
                std::str::from_utf8(b).expect("ASCII is UTF-8")
            }
            _ => return out.push_str(&self.lemma(form, xpos)),
        };
        // as in `lemma` and `by_rule`: in ASCII, characters are bytes and
        // the lower-case suffix of the base is the suffix of `lower`
        if let Some((_, l)) = self.exceptions.get(lower).and_then(|v| v.iter().find(|(x, _)| x == xpos)) {
            return out.push_str(l);
        }
        let base = if is_proper(xpos) { form } else { lower };
        let n = base.len();
        let rule = self.rules.get(xpos).and_then(|rules| (0..=n.min(6)).rev().find_map(|k| rules.get(&lower[n - k..])));
        match rule {
            Some(r) if r.strip < n => {
                out.push_str(&base[..n - r.strip]);
                out.push_str(&r.add);
            }
            _ => out.push_str(base),
        }
    }

    /// Derives rules and exceptions from `(form, xpos, lemma)` triples and
    /// returns the two files' texts `(rules, exceptions)`.
    pub fn derive<'a>(triples: impl Iterator<Item = (&'a str, &'a str, &'a str)>) -> (String, String) {
        // most frequent lemma per (form key, xpos)
        let mut types: HashMap<(String, String), HashMap<String, u32>> = HashMap::new();
        for (form, xpos, lemma) in triples {
            if form.chars().any(char::is_whitespace) || lemma.chars().any(char::is_whitespace) || lemma == "_" || form.is_empty() {
                continue;
            }
            let key = if is_proper(xpos) { form.to_string() } else { form.to_lowercase() };
            *types.entry((key, xpos.to_string())).or_default().entry(lemma.to_string()).or_default() += 1;
        }
        let mut best: Vec<((String, String), String, u32)> = types
            .into_iter()
            .map(|(k, m)| {
                let n = m.values().sum();
                let l = m.into_iter().max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0))).map(|x| x.0).unwrap_or_default();
                (k, l, n)
            })
            .collect();
        best.sort();
        // count transformations per (xpos, suffix) over word types
        let mut counts: HashMap<(String, String), HashMap<Rule, u32>> = HashMap::new();
        for ((form, xpos), lemma, _) in &best {
            let r = rule_of(form, lemma);
            let lower = form.to_lowercase();
            let chars: Vec<char> = lower.chars().collect();
            for k in r.strip..=chars.len().min(6) {
                let suffix: String = chars[chars.len() - k..].iter().collect();
                *counts.entry((xpos.clone(), suffix)).or_default().entry(r.clone()).or_default() += 1;
            }
        }
        let mut chosen: Vec<((String, String), Rule, u32)> = counts
            .into_iter()
            .filter_map(|(k, m)| m.into_iter().max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0))).map(|(r, c)| (k, r, c)))
            .collect();
        chosen.sort();
        // keep a rule when it is the empty-suffix default or differs from its parent suffix's rule
        let lookup: HashMap<(String, String), Rule> = chosen.iter().map(|(k, r, _)| (k.clone(), r.clone())).collect();
        let mut rules_txt = String::from(
            "# Lemma suffix rules: XPOS SUFFIX STRIP ADD ('-' = empty). Derived from the training\n# treebanks by `relgraph train lemmas`; longest matching suffix wins.\n",
        );
        let mut lm = Lemmatizer::default();
        for ((xpos, suffix), r, c) in &chosen {
            let identity = r.strip == 0 && r.add.is_empty();
            let parent = if suffix.is_empty() {
                None
            } else {
                let p: String = suffix.chars().skip(1).collect();
                // nearest stored ancestor decides
                let mut p = p;
                loop {
                    if let Some(pr) = lookup.get(&(xpos.clone(), p.clone())) {
                        break Some(pr.clone());
                    }
                    if p.is_empty() {
                        break None;
                    }
                    p = p.chars().skip(1).collect();
                }
            };
            let needed = match &parent {
                None => !identity,
                Some(pr) => pr != r,
            };
            if needed && (*c >= 3 || suffix.is_empty()) {
                let s = if suffix.is_empty() { "-" } else { suffix };
                let a = if r.add.is_empty() { "-" } else { &r.add };
                rules_txt.push_str(&format!("{xpos} {s} {} {a}\n", r.strip));
                lm.rules.entry(xpos.clone()).or_default().insert(suffix.clone(), r.clone());
            }
        }
        let mut exc_txt = String::from(
            "# Lemma exceptions: FORM XPOS LEMMA, where the suffix rules are wrong. Derived from the\n# training treebanks by `relgraph train lemmas`.\n",
        );
        for ((form, xpos), lemma, _) in &best {
            if lm.by_rule(form, xpos) != *lemma {
                exc_txt.push_str(&format!("{} {xpos} {lemma}\n", form.to_lowercase()));
            }
        }
        (rules_txt, exc_txt)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_and_exceptions() {
        let lm = Lemmatizer::parse("r", "NNS s 1 -\nNNS ies 3 y\nVBD ed 2 -\n", "e", "went VBD go\n").unwrap();
        assert_eq!(lm.lemma("Cats", "NNS"), "cat");
        assert_eq!(lm.lemma("stories", "NNS"), "story");
        assert_eq!(lm.lemma("walked", "VBD"), "walk");
        assert_eq!(lm.lemma("went", "VBD"), "go");
        assert_eq!(lm.lemma("London", "NNP"), "London");
        assert_eq!(lm.lemma("The", "DT"), "the");
        let mut out = String::from("old");
        for (form, xpos) in [("Cats", "NNS"), ("stories", "NNS"), ("went", "VBD"), ("WENT", "VBD"), ("London", "NNP"), ("s", "NNS"), ("Ünïcode", "NNS"), ("x", "XX")] {
            lm.lemma_into(form, xpos, &mut out);
            assert_eq!(out, lm.lemma(form, xpos), "{form} {xpos}");
        }
        assert!(Lemmatizer::parse("r", "NNS s x -\n", "e", "").is_err());
    }

    #[test]
    fn derived_rules_reproduce_training_lemmas() {
        let data = [
            ("cats", "NNS", "cat"), ("dogs", "NNS", "dog"), ("hats", "NNS", "hat"), ("stories", "NNS", "story"),
            ("flies", "NNS", "fly"), ("cities", "NNS", "city"), ("went", "VBD", "go"), ("walked", "VBD", "walk"),
            ("talked", "VBD", "talk"), ("jumped", "VBD", "jump"), ("mice", "NNS", "mouse"),
        ];
        let (r, e) = Lemmatizer::derive(data.iter().copied());
        let lm = Lemmatizer::parse("r", &r, "e", &e).unwrap();
        for (f, x, l) in data {
            assert_eq!(lm.lemma(f, x), l, "{f}");
        }
        assert_eq!(lm.lemma("parties", "NNS"), "party");
        assert_eq!(lm.lemma("kicked", "VBD"), "kick");
    }

    #[test]
    fn embedded_files_parse() {
        let lm = Lemmatizer::embedded().unwrap();
        assert_eq!(lm.lemma("was", "VBD"), "be");
        assert_eq!(lm.lemma("children", "NNS"), "child");
    }
}
