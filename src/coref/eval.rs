//! Scoring pronoun resolution against the coreference annotation of GUM.
//!
//! GUM's CoNLL-U files mark mentions in the MISC column: `Entity=(ID-TYPE-...`
//! opens a mention of entity ID, `ID)` closes it. For every pronoun whose gold
//! entity is a person or organization that the text names somewhere, we ask
//! whether our coreference puts the pronoun into a chain that contains one of
//! those named mentions. The share of such pronouns is the figure reported by
//! `relgraph eval-coref`.

use crate::doc::{Document, Sentence, Span, Token, Upos};
use crate::mentions::Form;
use crate::resources::Resources;
use std::collections::{HashMap, HashSet};

/// One gold mention: sentence, first and last token, entity id, entity type.
#[derive(Clone, Debug, PartialEq)]
pub struct GoldMention {
    /// Sentence index.
    pub sentence: usize,
    /// First token.
    pub first: usize,
    /// Last token (inclusive).
    pub last: usize,
    /// Entity id (unique within the file).
    pub entity: String,
    /// Entity type ("person", "organization", ...).
    pub kind: String,
}

/// Result of scoring one or more files.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct PronounScore {
    /// Pronouns whose gold chain contains a named person or organization.
    pub eligible: usize,
    /// Of those, resolved by us into a chain containing one of the named mentions.
    pub correct: usize,
    /// Of those, left unresolved by us.
    pub unresolved: usize,
    /// Second-person pronouns ("you") of such chains, counted apart so that
    /// the main figure stays comparable with earlier versions.
    pub second_eligible: usize,
    /// Of those, resolved into the gold chain.
    pub second_correct: usize,
}

/// A pronoun we got wrong: where, what we said, what the gold names it.
#[derive(Clone, Debug)]
pub struct Miss {
    /// Index of the pronoun's sentence.
    pub index: usize,
    /// The sentence text.
    pub sentence: String,
    /// The pronoun.
    pub pronoun: String,
    /// Our chain's label, if any.
    pub ours: Option<String>,
    /// Our antecedent: the closest earlier mention of our chain ("\[sentence\] text").
    pub our_antecedent: Option<String>,
    /// The gold entity's first named mention.
    pub gold: String,
    /// The gold antecedent: the closest earlier gold mention of the same entity.
    pub gold_antecedent: Option<String>,
}

impl PronounScore {
    /// Share correct, 0 to 1.
    pub fn share(&self) -> f64 {
        if self.eligible == 0 {
            0.0
        } else {
            self.correct as f64 / self.eligible as f64
        }
    }
}

impl std::ops::AddAssign for PronounScore {
    fn add_assign(&mut self, o: Self) {
        self.eligible += o.eligible;
        self.correct += o.correct;
        self.unresolved += o.unresolved;
        self.second_eligible += o.second_eligible;
        self.second_correct += o.second_correct;
    }
}

/// Reads a GUM CoNLL-U text into a document (gold tokens, text rebuilt from
/// forms and SpaceAfter) and its gold mentions.
pub fn read_gum(id: &str, conllu: &str) -> (Document, Vec<GoldMention>) {
    let mut text = String::new();
    let mut sentences: Vec<Sentence> = Vec::new();
    let mut gold = Vec::new();
    let mut open: Vec<(String, String, usize, usize)> = Vec::new(); // (id, kind, sentence, token)
    let mut cur: Vec<Token> = Vec::new();
    let mut para = 0;
    let flush = |cur: &mut Vec<Token>, sentences: &mut Vec<Sentence>, text: &mut String, para: usize| {
        if let (Some(f), Some(l)) = (cur.first(), cur.last()) {
            let span = Span::new(f.span.start, l.span.end);
            sentences.push(Sentence { span, tokens: std::mem::take(cur), paragraph: para });
            text.push('\n');
        }
    };
    for line in conllu.lines() {
        if line.is_empty() {
            flush(&mut cur, &mut sentences, &mut text, para);
            continue;
        }
        if line == "# newpar" {
            para += 1;
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 10 || cols[0].contains('-') || cols[0].contains('.') {
            continue;
        }
        let start = text.len();
        text.push_str(cols[1]);
        let end = text.len();
        let misc = cols[9];
        let space_after = !misc.split('|').any(|m| m == "SpaceAfter=No");
        if space_after {
            text.push(' ');
        }
        let ti = cur.len();
        let si = sentences.len();
        if let Some(ent) = misc.split('|').find_map(|m| m.strip_prefix("Entity=")) {
            parse_entity_field(ent, si, ti, &mut open, &mut gold);
        }
        cur.push(Token {
            span: Span::new(start, end),
            form: cols[1].replace('’', "'"),
            upos: Upos::parse(cols[3]).unwrap_or_default(),
            space_after,
            ..Default::default()
        });
    }
    flush(&mut cur, &mut sentences, &mut text, para);
    let mut doc = Document::new(id, text);
    // GUM's paragraphs (`# newpar`): in transcripts, one speaker's turn
    let mut paragraphs: Vec<Span> = Vec::new();
    let mut renumbered = Vec::with_capacity(sentences.len());
    let mut last = None;
    for s in &sentences {
        if last == Some(s.paragraph) {
            if let Some(p) = paragraphs.last_mut() {
                p.end = s.span.end;
            }
        } else {
            paragraphs.push(s.span);
            last = Some(s.paragraph);
        }
        renumbered.push(paragraphs.len() - 1);
    }
    for (s, p) in sentences.iter_mut().zip(renumbered) {
        s.paragraph = p;
    }
    doc.paragraphs = paragraphs;
    doc.sentences = sentences;
    (doc, gold)
}

fn parse_entity_field(ent: &str, si: usize, ti: usize, open: &mut Vec<(String, String, usize, usize)>, gold: &mut Vec<GoldMention>) {
    let b = ent.as_bytes();
    let mut k = 0;
    while k < b.len() {
        if b[k] == b'(' {
            // "(ID-TYPE-..." up to the next '(' or ')' or end
            let rest = &ent[k + 1..];
            let stop = rest.find(['(', ')']).unwrap_or(rest.len());
            let body = &rest[..stop];
            let mut parts = body.split('-');
            let id = parts.next().unwrap_or("").to_string();
            let kind = parts.next().unwrap_or("").to_string();
            let closes_here = rest[stop..].starts_with(')');
            if closes_here {
                gold.push(GoldMention { sentence: si, first: ti, last: ti, entity: id, kind });
                k += 1 + stop + 1;
            } else {
                open.push((id, kind, si, ti));
                k += 1 + stop;
            }
        } else if b[k].is_ascii_digit() {
            let rest = &ent[k..];
            let stop = rest.find(|c: char| !c.is_ascii_digit()).unwrap_or(rest.len());
            let id = &rest[..stop];
            if rest[stop..].starts_with(')') {
                if let Some(pos) = open.iter().rposition(|(oid, ..)| oid == id) {
                    let (id, kind, s0, t0) = open.remove(pos);
                    // mentions are within one sentence in GUM
                    let first = if s0 == si { t0 } else { 0 };
                    gold.push(GoldMention { sentence: si, first, last: ti, entity: id, kind });
                }
                k += stop + 1;
            } else {
                k += stop.max(1);
            }
        } else {
            k += 1;
        }
    }
}

/// Scores our pronoun resolution on one GUM document.
pub fn score_pronouns(doc: &mut Document, gold: &[GoldMention], res: &Resources) -> PronounScore {
    score_pronouns_verbose(doc, gold, res).0
}

/// Tags and parses a GUM document, then finds its mentions and coreference.
pub fn analyse(doc: &mut Document, res: &Resources) -> (Vec<crate::mentions::Mention>, super::Coref) {
    if let Some(m) = &res.syntax {
        for s in &mut doc.sentences {
            m.analyze(s);
        }
    }
    let mentions = crate::mentions::find_mentions(doc, &res.lexicon);
    let coref = super::resolve(doc, &mentions, &res.lexicon);
    (mentions, coref)
}

/// Like [`score_pronouns`], also listing the misses.
pub fn score_pronouns_verbose(doc: &mut Document, gold: &[GoldMention], res: &Resources) -> (PronounScore, Vec<Miss>) {
    let mut misses = Vec::new();
    let (mentions, coref) = analyse(doc, res);
    // gold entities that are named persons or organizations: their named mentions
    let mut named: HashMap<&str, Vec<&GoldMention>> = HashMap::new();
    for g in gold {
        if !matches!(g.kind.as_str(), "person" | "organization") {
            continue;
        }
        let toks = &doc.sentences[g.sentence].tokens[g.first..=g.last];
        if toks.iter().any(|t| t.upos == Upos::Propn) {
            named.entry(g.entity.as_str()).or_default().push(g);
        }
    }
    let mut score = PronounScore::default();
    for g in gold.iter().filter(|g| g.first == g.last && named.contains_key(g.entity.as_str())) {
        let tok = &doc.sentences[g.sentence].tokens[g.first];
        let Some(info) = res.lexicon.pronouns.get(&tok.form.to_lowercase()).filter(|_| tok.upos == Upos::Pron) else { continue };
        let second = info.person == 2;
        let ours = mentions
            .iter()
            .position(|m| m.sentence == g.sentence && m.first == g.first && matches!(m.form, Form::Pronoun(_)));
        let chains: HashSet<usize> = ours.map(|mi| coref.of(mi).iter().copied().collect()).unwrap_or_default();
        let nm = named[g.entity.as_str()][0];
        let forms = |si: usize, a: usize, b: usize| doc.sentences[si].tokens[a..=b].iter().map(|t| t.form.as_str()).collect::<Vec<_>>().join(" ");
        let gold_antecedent = gold
            .iter()
            .filter(|o| o.entity == g.entity && (o.sentence, o.first) < (g.sentence, g.first))
            .max_by_key(|o| (o.sentence, o.first))
            .map(|o| format!("[{}] {}", o.sentence, forms(o.sentence, o.first, o.last)));
        let our_antecedent = |ci: usize| {
            coref.chains[ci]
                .mentions
                .iter()
                .map(|&mi| &mentions[mi])
                .filter(|o| (o.sentence, o.first) < (g.sentence, g.first))
                .max_by_key(|o| (o.sentence, o.first))
                .map(|o| format!("[{}] {}", o.sentence, o.text))
        };
        let miss = |ours: Option<usize>| Miss {
            index: g.sentence,
            sentence: doc.slice(doc.sentences[g.sentence].span).to_string(),
            pronoun: tok.form.clone(),
            ours: ours.map(|ci| coref.chains[ci].label.clone()),
            our_antecedent: ours.and_then(our_antecedent),
            gold: forms(nm.sentence, nm.first, nm.last),
            gold_antecedent: gold_antecedent.clone(),
        };
        let hit = named[g.entity.as_str()].iter().any(|nm| {
            mentions.iter().enumerate().any(|(mi, m)| {
                m.sentence == nm.sentence && m.first <= nm.last && nm.first <= m.last && m.form == Form::Name && coref.of(mi).iter().any(|c| chains.contains(c))
            })
        });
        if second {
            score.second_eligible += 1;
            score.second_correct += usize::from(hit);
            continue;
        }
        score.eligible += 1;
        if chains.is_empty() {
            score.unresolved += 1;
            misses.push(miss(None));
            continue;
        }
        if hit {
            score.correct += 1;
        } else {
            misses.push(miss(chains.iter().min().copied()));
        }
    }
    (score, misses)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "# newpar\n\
1\tKim\tKim\tPROPN\tNNP\t_\t3\tnsubj\t_\tEntity=(1-person-new-x-1-sgl\n\
2\tSmith\tSmith\tPROPN\tNNP\t_\t1\tflat\t_\tEntity=1)\n\
3\tsmiled\tsmile\tVERB\tVBD\t_\t0\troot\t_\tSpaceAfter=No\n\
4\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_\n\
\n\
1\tShe\tshe\tPRON\tPRP\t_\t2\tnsubj\t_\tEntity=(1-person-giv-x-1)\n\
2\tleft\tleave\tVERB\tVBD\t_\t0\troot\t_\tSpaceAfter=No\n\
3\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n\n";

    #[test]
    fn reads_gum_mentions_and_rebuilds_text() {
        let (doc, gold) = read_gum("t", SAMPLE);
        assert_eq!(doc.sentences.len(), 2);
        assert_eq!(doc.slice(doc.sentences[1].tokens[0].span), "She");
        assert_eq!(gold.len(), 2);
        assert_eq!(gold[1], GoldMention { sentence: 1, first: 0, last: 0, entity: "1".into(), kind: "person".into() });
    }

    #[test]
    fn multi_token_and_nested_mentions() {
        let mut open = Vec::new();
        let mut gold = Vec::new();
        parse_entity_field("(5-organization-new-x(6-person-new-x-1)", 0, 0, &mut open, &mut gold);
        parse_entity_field("5)", 0, 3, &mut open, &mut gold);
        assert_eq!(gold.len(), 2);
        assert_eq!((gold[1].first, gold[1].last, gold[1].kind.as_str()), (0, 3, "organization"));
    }

    #[test]
    fn resolves_the_pronoun_of_a_tiny_document() {
        let (mut doc, gold) = read_gum("t", SAMPLE);
        let s = score_pronouns(&mut doc, &gold, Resources::get());
        assert_eq!(s.eligible, 1);
        assert_eq!(s.correct, 1, "{s:?}");
    }
}
