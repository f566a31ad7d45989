//! The candidate arguments of one sentence: its resolved mentions, with the
//! helpers that find a trigger's subject and objects around it.

use crate::coref::Coref;
use crate::doc::{Document, Sentence, Upos};
use crate::graph::EntityKind;
use crate::mentions::{Form, Mention};

/// A mention that resolves to one or more chains.
#[derive(Clone, Debug)]
pub struct Arg {
    /// Mention index.
    pub mention: usize,
    /// The chains it refers to (two or more for a group).
    pub chains: Vec<usize>,
    /// First token.
    pub first: usize,
    /// Last token.
    pub last: usize,
    /// Kind of its (first) chain.
    pub kind: EntityKind,
    /// Possessive: followed by "'s", or "his"/"her"/"their"/"its"/"my"/"our".
    pub possessive: bool,
    /// Inside a quotation.
    pub quoted: bool,
}

/// Words after which a mention is the object of a preposition, not a subject.
const PREPOSITIONS: &[&str] = &["of", "with", "in", "at", "for", "from", "to", "by", "on", "about", "against", "than", "over", "into", "like", "between", "among"];

/// Words that may stand between a trigger and its object.
const SKIPPABLE: &[&str] = &["the", "a", "an", "his", "her", "their", "its", "fellow", "former", "longtime", "then", "rapper", "singer", "president", "senator", "also", "publicly", "openly", "strongly", "own", "both"];

/// The arguments of one sentence.
pub struct SentenceArgs<'a> {
    /// Sentence index.
    pub si: usize,
    /// The sentence.
    pub sent: &'a Sentence,
    /// Lower-case forms of its tokens.
    pub forms: Vec<String>,
    /// Resolved mentions in token order.
    pub args: Vec<Arg>,
    /// All mentions of the document.
    pub mentions: &'a [Mention],
    /// Coreference.
    pub coref: &'a Coref,
    /// Which tokens are inside a quotation.
    pub quoted: Vec<bool>,
}

impl<'a> SentenceArgs<'a> {
    /// Collects the resolved mentions of sentence `si`, whose indices are `here`
    /// (see [`crate::mentions::by_sentence`]).
    pub fn new(doc: &'a Document, si: usize, mentions: &'a [Mention], here: &[usize], coref: &'a Coref) -> Self {
        let sent = &doc.sentences[si];
        let forms: Vec<String> = sent.tokens.iter().map(|t| t.form.to_lowercase()).collect();
        let quoted = coref.quotes.inside.get(si).cloned().unwrap_or_else(|| vec![false; sent.tokens.len()]);
        let mut args = Vec::new();
        for (mi, m) in here.iter().map(|&mi| (mi, &mentions[mi])) {
            let chains = coref.of(mi).to_vec();
            if chains.is_empty() {
                continue;
            }
            let possessive = matches!(&m.form, Form::Pronoun(_)) && matches!(forms[m.first].as_str(), "his" | "her" | "their" | "its" | "my" | "our")
                || forms.get(m.last + 1).is_some_and(|w| w == "'s" || w == "'");
            args.push(Arg { mention: mi, kind: coref.chains[chains[0]].kind, chains, first: m.first, last: m.last, possessive, quoted: quoted[m.first] });
        }
        args.sort_by_key(|a| (a.first, a.last));
        // an event mention that contains a name: keep both (the name is a participant)
        SentenceArgs { si, sent, forms, args, mentions, coref, quoted }
    }

    /// The argument starting exactly at token `i`.
    pub fn at(&self, i: usize) -> Option<&Arg> {
        self.args.iter().find(|a| a.first == i)
    }

    /// The argument covering token `i` (the shortest one).
    pub fn covering(&self, i: usize) -> Option<&Arg> {
        self.args.iter().filter(|a| a.first <= i && i <= a.last).min_by_key(|a| a.last - a.first)
    }

    /// The nearest argument before token `i` that can be a subject: not the
    /// object of a preposition, not inside a quotation unless the trigger is.
    pub fn subject_before(&self, i: usize) -> Option<&Arg> {
        let quoted = self.quoted.get(i).copied().unwrap_or(false);
        let mut best = None;
        for a in self.args.iter().filter(|a| a.last < i) {
            if a.quoted != quoted || a.kind == EntityKind::Event {
                continue;
            }
            // a clause boundary between the argument and the trigger
            if self.forms[a.last + 1..i].iter().any(|w| matches!(w.as_str(), ";" | "\"" | "—" | "(" | ")")) {
                continue;
            }
            let prep = a.first > 0 && PREPOSITIONS.contains(&self.forms[a.first - 1].as_str());
            let poss_subject = a.possessive && a.last + 1 >= i.saturating_sub(2); // "his supporting Trump"
            if prep || (a.possessive && !poss_subject) {
                continue;
            }
            best = Some(a);
        }
        best
    }

    /// The subject and the arguments coordinated with it ("West and Legend").
    pub fn subjects_before(&self, i: usize) -> Vec<&Arg> {
        match self.subject_before(i) {
            Some(a) => self.coordinated_left(a),
            None => Vec::new(),
        }
    }

    /// `a` and the arguments joined to its left by "and" or ",".
    pub fn coordinated_left(&self, a: &'a Arg) -> Vec<&Arg> {
        let mut out = vec![a];
        let mut cur = a;
        while cur.first >= 2 && matches!(self.forms[cur.first - 1].as_str(), "and" | ",") {
            // the serial comma: "Kelly, Hickenlooper, and Luján"
            let gap = if cur.first >= 3 && self.forms[cur.first - 1] == "and" && self.forms[cur.first - 2] == "," { 3 } else { 2 };
            match self.args.iter().find(|b| b.last + gap == cur.first && b.kind == cur.kind) {
                Some(b) => {
                    out.push(b);
                    cur = b;
                }
                None => break,
            }
        }
        out
    }

    /// The first argument after token `j` (within a few skippable words) and
    /// the arguments coordinated to its right ("him and fellow rapper Big Sean").
    pub fn objects_after(&self, j: usize) -> Vec<&Arg> {
        let mut k = j + 1;
        let mut steps = 0;
        while k < self.forms.len() && steps < 4 {
            if let Some(a) = self.at(k) {
                return self.coordinated_right(a);
            }
            let w = self.forms[k].as_str();
            let before_name = self.at(k + 1).is_some() && w.chars().all(|c| c.is_lowercase());
            if SKIPPABLE.contains(&w) || w.ends_with("ly") || (w.chars().all(|c| c.is_ascii_digit()) && w.len() == 4) || before_name {
                k += 1;
                steps += 1;
            } else {
                break;
            }
        }
        Vec::new()
    }

    /// True when a finite verb follows the argument: it starts a clause
    /// ("... and Big Sean said") rather than ending a list of objects.
    pub fn opens_clause(&self, a: &Arg) -> bool {
        self.sent.tokens.get(a.last + 1).is_some_and(|t| matches!(t.xpos.as_str(), "VBD" | "VBZ" | "VBP" | "MD"))
    }

    /// `a` and the arguments joined to its right by "and" / "," (skipping role nouns).
    pub fn coordinated_right(&self, a: &'a Arg) -> Vec<&Arg> {
        let mut out = vec![a];
        let mut cur = a;
        loop {
            let mut k = cur.last + 1;
            if !self.forms.get(k).is_some_and(|w| w == "and" || w == ",") {
                break;
            }
            k += 1;
            // the serial comma: "Padilla, Ossoff, and Warnock"
            if self.forms[k - 1] == "," && self.forms.get(k).is_some_and(|w| w == "and") {
                k += 1;
            }
            let mut steps = 0;
            // "musician Tiziano Lugli and actor Jason Beghe": role nouns and adjectives
            while k < self.forms.len()
                && self.at(k).is_none()
                && steps < 3
                && (SKIPPABLE.contains(&self.forms[k].as_str()) || matches!(self.sent.tokens[k].upos, Upos::Noun | Upos::Adj) && self.forms[k].chars().all(|c| c.is_lowercase() || c == '-'))
            {
                k += 1;
                steps += 1;
            }
            match self.at(k).filter(|b| b.kind == cur.kind) {
                Some(b) => {
                    out.push(b);
                    cur = b;
                }
                None => break,
            }
        }
        out
    }

    /// The object of the preposition `prep` right after token `j` (skipping a
    /// few words): "clashed with West", "a supporter of Biden".
    pub fn prep_object(&self, j: usize, preps: &[&str]) -> Vec<&Arg> {
        let mut k = j + 1;
        let mut steps = 0;
        while k < self.forms.len() && steps < 3 {
            if preps.contains(&self.forms[k].as_str()) {
                return self.objects_after(k);
            }
            if self.at(k).is_some() || matches!(self.forms[k].as_str(), "," | "." | ";") {
                break;
            }
            k += 1;
            steps += 1;
        }
        Vec::new()
    }

    /// The possessor right before token `i`, skipping adjectives:
    /// "his former producer", "West's own bid".
    pub fn possessor_before(&self, i: usize) -> Option<&Arg> {
        let mut k = i;
        let mut steps = 0;
        while k > 0 && steps < 4 {
            k -= 1;
            if let Some(a) = self.args.iter().find(|a| a.possessive && (a.last == k || a.last + 1 == k)) {
                return Some(a);
            }
            let w = self.forms[k].as_str();
            if matches!(w, "the" | "a" | "an" | "," | "." | "and" | "of" | "with" | "to") || self.covering(k).is_some() {
                return None;
            }
            steps += 1;
        }
        None
    }
}
