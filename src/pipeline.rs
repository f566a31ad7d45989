//! The whole pipeline on one text: ingest → text → syntax → mentions →
//! coref → relations → graph.

use crate::coref::{self, Coref};
use crate::doc::Document;
use crate::graph::{slug, Entity, EntityKind, Evidence, Graph, MentionRef, Relation};
use crate::mentions::{self, Mention};
use crate::relations::{self, Found};
use crate::resources::Resources;
use std::time::{Duration, Instant};

/// Everything the pipeline learned about one document.
#[derive(Debug)]
pub struct Extraction {
    /// The analysed document.
    pub doc: Document,
    /// Its mentions.
    pub mentions: Vec<Mention>,
    /// Its coreference chains.
    pub coref: Coref,
    /// Its relations, between chains.
    pub relations: Vec<Found>,
    /// The document's graph.
    pub graph: Graph,
    /// Time spent in each stage.
    pub timings: Timings,
}

/// Wall time per stage.
#[derive(Clone, Copy, Debug, Default)]
pub struct Timings {
    /// Ingest (furniture removal).
    pub ingest: Duration,
    /// Tokens and sentences.
    pub text: Duration,
    /// Tagging and parsing.
    pub syntax: Duration,
    /// Mentions.
    pub mentions: Duration,
    /// Coreference.
    pub coref: Duration,
    /// Relations.
    pub relations: Duration,
    /// Graph building.
    pub graph: Duration,
}

impl std::ops::AddAssign for Timings {
    fn add_assign(&mut self, o: Timings) {
        self.ingest += o.ingest;
        self.text += o.text;
        self.syntax += o.syntax;
        self.mentions += o.mentions;
        self.coref += o.coref;
        self.relations += o.relations;
        self.graph += o.graph;
    }
}

/// Options of an extraction.
#[derive(Clone, Copy, Debug)]
pub struct Options {
    /// Edges below this confidence are dropped.
    pub min_confidence: f32,
}

impl Default for Options {
    fn default() -> Self {
        Options { min_confidence: 0.0 }
    }
}

/// Runs ingest and the text and syntax stages only.
pub fn analyze(id: &str, text: String, res: &Resources) -> Document {
    let mut doc = crate::ingest::ingest(id, text, &res.furniture);
    crate::text::segment(&mut doc, &res.lexicon.abbreviations);
    if let Some(models) = &res.syntax {
        for s in &mut doc.sentences {
            models.analyze(s);
        }
    }
    doc
}

/// Runs every stage on one text and builds its graph.
pub fn extract(id: &str, text: String, res: &Resources, opts: Options) -> Extraction {
    let mut t = Timings::default();
    let clock = Instant::now();
    let mut doc = crate::ingest::ingest(id, text, &res.furniture);
    t.ingest = clock.elapsed();
    let clock = Instant::now();
    crate::text::segment(&mut doc, &res.lexicon.abbreviations);
    t.text = clock.elapsed();
    let clock = Instant::now();
    if let Some(models) = &res.syntax {
        for s in &mut doc.sentences {
            models.tag(s);
        }
    }
    t.syntax = clock.elapsed();
    let clock = Instant::now();
    let mut mentions = mentions::find_mentions(&doc, &res.lexicon);
    t.mentions = clock.elapsed();
    if let Some(models) = &res.syntax {
        let clock = Instant::now();
        mark_names_proper(&mut doc, &mentions);
        for s in &mut doc.sentences {
            models.parse_tagged(s);
        }
        t.syntax += clock.elapsed();
        let clock = Instant::now();
        mentions = mentions::find_mentions(&doc, &res.lexicon);
        t.mentions += clock.elapsed();
    }
    let clock = Instant::now();
    let coref = coref::resolve(&doc, &mentions, &res.lexicon);
    t.coref = clock.elapsed();
    let clock = Instant::now();
    let mut relations = relations::extract_relations(&doc, &mentions, &coref, res);
    relations.retain(|r| r.confidence >= opts.min_confidence);
    t.relations = clock.elapsed();
    let clock = Instant::now();
    let graph = build_graph(&doc, &mentions, &coref, &relations);
    t.graph = clock.elapsed();
    Extraction { doc, mentions, coref, relations, graph, timings: t }
}

/// Tags the tokens of person and organization names as proper nouns, so the
/// parser attaches them as names ("Big Sean" is not an adjective and a noun).
fn mark_names_proper(doc: &mut Document, mentions: &[Mention]) {
    use crate::doc::Upos;
    use crate::mentions::{Form, NameType};
    for m in mentions {
        let typed = matches!(m.ty, NameType::Entity(EntityKind::Person) | NameType::Entity(EntityKind::Organization));
        if m.form != Form::Name || !typed {
            continue;
        }
        for t in &mut doc.sentences[m.sentence].tokens[m.first..=m.last] {
            if t.form.chars().next().is_some_and(char::is_uppercase) && t.upos != Upos::Propn {
                t.upos = Upos::Propn;
                t.xpos.clear();
                t.xpos.push_str(if t.form.ends_with('s') && t.form.len() > 3 && m.canonical.is_some() { "NNPS" } else { "NNP" });
            }
        }
    }
}

/// Converts byte offsets to character offsets quickly, for ascending or random queries.
struct CharIndex {
    /// chars before each 256-byte block
    blocks: Vec<usize>,
}

impl CharIndex {
    fn new(text: &str) -> Self {
        let mut blocks = Vec::with_capacity(text.len() / 256 + 1);
        let mut count = 0;
        let bytes = text.as_bytes();
        for chunk in bytes.chunks(256) {
            blocks.push(count);
            count += chunk.iter().filter(|&&b| (b as i8) >= -0x40).count();
        }
        // the end of a text whose length is a multiple of the block size
        blocks.push(count);
        CharIndex { blocks }
    }

    fn char_of(&self, text: &str, byte: usize) -> usize {
        let block = byte / 256;
        let base = self.blocks[block];
        base + text.as_bytes()[block * 256..byte].iter().filter(|&&b| (b as i8) >= -0x40).count()
    }
}

/// Builds the document's graph: one node per entity chain, one edge per relation.
pub fn build_graph(doc: &Document, mentions: &[Mention], coref: &Coref, relations: &[Found]) -> Graph {
    let idx = CharIndex::new(&doc.text);
    let mut g = Graph::new();
    g.documents.push(doc.id.clone());
    let mut node_of = vec![None; coref.chains.len()];
    let mut used_ids: Vec<String> = Vec::new();
    for (ci, ch) in coref.chains.iter().enumerate() {
        let label = if ch.kind == EntityKind::Event {
            ch.aliases.iter().max_by_key(|a| (a.split_whitespace().count(), a.len())).cloned().unwrap_or_else(|| ch.label.clone())
        } else {
            ch.label.clone()
        };
        let mut id = slug(label.trim_start_matches("the ").trim_start_matches("The "));
        if used_ids.contains(&id) {
            id = format!("{id}_{}", ch.kind.as_str());
        }
        used_ids.push(id.clone());
        let mentions_refs = ch
            .mentions
            .iter()
            .filter(|&&mi| mentions[mi].form == crate::mentions::Form::Name)
            .map(|&mi| {
                let m = &mentions[mi];
                MentionRef { doc: doc.id.clone(), start: idx.char_of(&doc.text, m.span.start), end: idx.char_of(&doc.text, m.span.end), text: doc.slice(m.span).to_string() }
            })
            .collect();
        let mut aliases: Vec<String> = ch.aliases.iter().map(|a| a.trim().to_string()).collect();
        aliases.sort();
        aliases.dedup();
        let n = g.add_entity(Entity { id, kind: ch.kind, label, aliases, mentions: mentions_refs });
        node_of[ci] = Some(n);
    }
    for f in relations {
        let (Some(a), Some(b)) = (node_of[f.source], node_of[f.target]) else { continue };
        let text = doc.slice(f.evidence).to_string();
        g.add_relation(
            a,
            b,
            Relation {
                kind: f.kind,
                role: f.role,
                directed: f.directed,
                negated: f.negated,
                ended: f.ended,
                confidence: f.confidence,
                evidence: vec![Evidence { doc: doc.id.clone(), text, start: idx.char_of(&doc.text, f.evidence.start), end: idx.char_of(&doc.text, f.evidence.end) }],
            },
        );
    }
    g.normalize();
    g
}

/// A readable account of the mentions of each sentence and the chains they
/// resolve to, for `relgraph extract --debug`.
pub fn debug_report(ex: &Extraction) -> String {
    coref_report(&ex.doc, &ex.mentions, &ex.coref)
}

/// The body of [`debug_report`] for any analysed document: each sentence,
/// its mentions with the chains they resolve to, the speaker of its
/// quotations and, in dialogue, the speaker of its turn.
pub fn coref_report(doc: &Document, mentions: &[Mention], coref: &Coref) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let label = |c: usize| coref.chains[c].label.clone();
    let labelled = |c: usize| format!("{} ({})", coref.chains[c].label, coref.chains[c].kind.as_str());
    for (si, s) in doc.sentences.iter().enumerate() {
        let _ = writeln!(out, "[{si}] {}", doc.slice(s.span));
        for (mi, m) in mentions.iter().enumerate().filter(|(_, m)| m.sentence == si) {
            let refs: Vec<String> = coref.of(mi).iter().map(|&c| labelled(c)).collect();
            let quoted = if coref.quotes.is_inside(si, m.first) { " (quoted)" } else { "" };
            let _ = writeln!(out, "    {:<40} {}{} -> {}", m.text, m.form.short(), quoted, if refs.is_empty() { "-".to_string() } else { refs.join(" + ") });
        }
        if let Some(sp) = coref.quotes.speaker.get(si).copied().flatten() {
            let _ = writeln!(out, "    speaker: {}", mentions[sp].text);
        }
        if let Some(turn) = coref.turns.get(si).filter(|t| t.speaker.is_some() || t.addressee.is_some()) {
            let _ = writeln!(out, "    turn: {} to {}", turn.speaker.map_or("?".into(), label), turn.addressee.map_or("?".into(), label));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::CharIndex;

    #[test]
    fn char_index_counts_to_the_very_end() {
        for text in ["", "a", &"é".repeat(128), &"x".repeat(256), &"日本".repeat(300)] {
            let idx = CharIndex::new(text);
            for (b, _) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
                assert_eq!(idx.char_of(text, b), text[..b].chars().count(), "byte {b} of a {}-byte text", text.len());
            }
        }
    }
}
