//! The whole pipeline on one text: ingest → text → syntax → mentions →
//! coref → relations → graph.

use crate::coref::{self, Coref};
use crate::doc::Document;
use crate::graph::{slug, Entity, EntityKind, Evidence, Graph, MentionRef, Relation};
use crate::mentions::{self, Mention};
use crate::relations::{self, Found};
use crate::resources::Resources;
use std::collections::{HashMap, HashSet};
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
    /// Part-of-speech tags and lemmas.
    pub tags: Duration,
    /// Dependency parse.
    pub parse: Duration,
    /// Mentions.
    pub mentions: Duration,
    /// Coreference.
    pub coref: Duration,
    /// Relations.
    pub relations: Duration,
    /// Graph building.
    pub graph: Duration,
    /// Writing the graph out (serialising and handing it to the writer);
    /// set by the caller that writes.
    pub export: Duration,
}

impl std::ops::AddAssign for Timings {
    fn add_assign(&mut self, o: Timings) {
        self.ingest += o.ingest;
        self.text += o.text;
        self.tags += o.tags;
        self.parse += o.parse;
        self.mentions += o.mentions;
        self.coref += o.coref;
        self.relations += o.relations;
        self.graph += o.graph;
        self.export += o.export;
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
        models.analyze_all(&mut doc.sentences);
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
        models.tag_all(&mut doc.sentences);
    }
    t.tags = clock.elapsed();
    let clock = Instant::now();
    let mut mentions = if res.syntax.is_some() { mentions::find_names(&doc, &res.lexicon) } else { mentions::find_mentions(&doc, &res.lexicon) };
    t.mentions = clock.elapsed();
    if let Some(models) = &res.syntax {
        let clock = Instant::now();
        mark_names_proper(&mut doc, &mentions);
        mentions::mark_headline_verbs(&mut doc, &mentions, &res.lexicon);
        models.parse_tagged_all(&mut doc.sentences);
        t.parse = clock.elapsed();
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

/// One document's graph, however large its text, and the time spent.
#[derive(Debug)]
pub struct DocumentGraph {
    /// The document's graph; offsets index the whole text.
    pub graph: Graph,
    /// Time spent in each stage, summed over the pieces.
    pub timings: Timings,
    /// How many pieces the text was cut into (1 for a text of at most the piece size).
    pub pieces: usize,
}

/// Extracts one document's graph in bounded memory.
///
/// A text of at most `chunk_bytes` bytes goes through [`extract`] whole (the
/// graph is exactly [`extract`]'s). A longer one is cut at paragraph
/// boundaries ([`crate::ingest::chunk::chunks`]); each piece is extracted as
/// part of the same document, its mention and evidence offsets shifted so
/// that they index the whole text, and the pieces' graphs are merged: the
/// same (kind, id) is one node, the same (ends, kind, flags) one edge.
/// Coreference and relations do not cross a cut. `each` sees every piece's
/// [`Extraction`] (offsets relative to the piece), in order, for `--debug`.
/// Pieces are extracted in parallel on the current rayon pool, as many at a
/// time as it has threads; the result does not depend on their number.
pub fn extract_document(
    id: &str,
    text: String,
    res: &Resources,
    opts: Options,
    chunk_bytes: usize,
    mut each: impl FnMut(&Extraction),
) -> DocumentGraph {
    if text.len() <= chunk_bytes {
        let ex = extract(id, text, res, opts);
        each(&ex);
        return DocumentGraph { timings: ex.timings, graph: ex.graph, pieces: 1 };
    }
    let mut ranges = crate::ingest::chunk::chunks(&text, chunk_bytes);
    let next = || Ok::<_, std::convert::Infallible>(ranges.next().map(|r| text[r].to_string()));
    match extract_pieces(id, next, res, opts, each) {
        Ok(g) => g,
        Err(never) => match never {},
    }
}

/// Extracts one document given as its consecutive pieces, in bounded memory:
/// `next` hands out the next piece of the text (`None` at the end), read
/// from anywhere (a file read piece by piece: [`crate::ingest::stream`]).
/// The graph is built as [`extract_document`] builds a long text's, and is
/// the same for the same pieces; at most as many pieces as the rayon pool
/// has threads are held at once. An error of `next` ends the extraction.
pub fn extract_pieces<E>(
    id: &str,
    mut next: impl FnMut() -> Result<Option<String>, E>,
    res: &Resources,
    opts: Options,
    mut each: impl FnMut(&Extraction),
) -> Result<DocumentGraph, E> {
    use rayon::prelude::*;
    let width = rayon::current_num_threads().max(1);
    let mut acc = PieceMerger::default();
    let mut timings = Timings::default();
    let mut char_base = 0;
    let mut pieces = 0;
    loop {
        let mut batch = Vec::with_capacity(width);
        while batch.len() < width {
            match next()? {
                Some(p) => batch.push(p),
                None => break,
            }
        }
        let last = batch.len() < width;
        let lens: Vec<usize> = batch.iter().map(|p| p.chars().count()).collect();
        let done: Vec<Extraction> = batch.into_par_iter().map(|p| extract(id, p, res, opts)).collect();
        for (n, ex) in lens.into_iter().zip(done) {
            each(&ex);
            timings += ex.timings;
            acc.absorb(ex.graph, char_base);
            char_base += n;
            pieces += 1;
        }
        if last {
            break;
        }
    }
    Ok(DocumentGraph { graph: acc.finish(id), timings, pieces })
}

/// Merges the graphs of the pieces of one document. Mentions and evidence
/// of different pieces never coincide (their offsets differ), so they are
/// appended without comparison and merging stays linear.
#[derive(Default)]
struct PieceMerger {
    entities: Vec<Entity>,
    /// (kind, id in its piece) → entity
    by_key: HashMap<(EntityKind, String), usize>,
    /// ids given out
    ids: HashSet<String>,
    relations: Vec<(usize, usize, Relation)>,
    /// (source, target, kind, directed, negated) → relation
    by_rel: HashMap<(usize, usize, crate::graph::RelationKind, bool, bool), usize>,
}

impl PieceMerger {
    fn absorb(&mut self, piece: Graph, char_base: usize) {
        // (kind, id in the piece) → merged entity
        let mut node_of: HashMap<(EntityKind, &str), usize> = HashMap::new();
        for (_, orig) in piece.entities() {
            let mut e = orig.clone();
            for m in &mut e.mentions {
                m.start += char_base;
                m.end += char_base;
            }
            // a piece names a second entity with a taken id "x_KIND" (see
            // build_graph): the key is the id without that suffix
            let suffix = format!("_{}", e.kind.as_str());
            let key = (e.kind, e.id.strip_suffix(suffix.as_str()).unwrap_or(&e.id).to_string());
            let i = match self.by_key.get(&key) {
                Some(&i) => {
                    let into = &mut self.entities[i];
                    if e.label.len() > into.label.len() && e.label.contains(&into.label) {
                        into.label = e.label.clone();
                    }
                    for a in e.aliases.into_iter().chain(std::iter::once(e.label)) {
                        if !into.aliases.contains(&a) {
                            into.aliases.push(a);
                        }
                    }
                    into.mentions.append(&mut e.mentions);
                    i
                }
                None => {
                    let mut out_id = e.id.clone();
                    let mut k = 1;
                    while self.ids.contains(&out_id) {
                        out_id = if k == 1 { format!("{}_{}", e.id, e.kind.as_str()) } else { format!("{}_{}_{k}", e.id, e.kind.as_str()) };
                        k += 1;
                    }
                    self.ids.insert(out_id.clone());
                    e.id = out_id;
                    self.entities.push(e);
                    self.by_key.insert(key, self.entities.len() - 1);
                    self.entities.len() - 1
                }
            };
            node_of.insert((orig.kind, orig.id.as_str()), i);
        }
        for view in piece.relations() {
            let (Some(&a), Some(&b)) = (node_of.get(&(view.source.kind, view.source.id.as_str())), node_of.get(&(view.target.kind, view.target.id.as_str()))) else { continue };
            let mut rel = view.relation.clone();
            for ev in &mut rel.evidence {
                ev.start += char_base;
                ev.end += char_base;
            }
            // symmetric edges: ends in id order, as Graph::add_relation stores them
            let (a, b) = if !rel.directed && self.entities[a].id > self.entities[b].id { (b, a) } else { (a, b) };
            match self.by_rel.get(&(a, b, rel.kind, rel.directed, rel.negated)) {
                Some(&r) => {
                    let into = &mut self.relations[r].2;
                    into.confidence = into.confidence.max(rel.confidence);
                    into.ended = into.ended && rel.ended;
                    if into.role.is_none() {
                        into.role = rel.role;
                    }
                    into.evidence.append(&mut rel.evidence);
                }
                None => {
                    self.by_rel.insert((a, b, rel.kind, rel.directed, rel.negated), self.relations.len());
                    self.relations.push((a, b, rel));
                }
            }
        }
    }

    fn finish(self, id: &str) -> Graph {
        let mut g = Graph::new();
        g.documents.push(id.to_string());
        let nodes: Vec<_> = self.entities.into_iter().map(|e| g.add_entity(e)).collect();
        for (a, b, rel) in self.relations {
            g.add_relation(nodes[a], nodes[b], rel);
        }
        g.normalize();
        g
    }
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
    // one shared string for the document id and for each spelling of a name
    let doc_id: std::sync::Arc<str> = doc.id.as_str().into();
    let mut spellings: HashMap<&str, std::sync::Arc<str>> = HashMap::new();
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
                let text = spellings.entry(doc.slice(m.span)).or_insert_with_key(|&t| t.into()).clone();
                MentionRef { doc: doc_id.clone(), start: idx.char_of(&doc.text, m.span.start), end: idx.char_of(&doc.text, m.span.end), text }
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
                evidence: vec![Evidence { doc: doc_id.clone(), text, start: idx.char_of(&doc.text, f.evidence.start), end: idx.char_of(&doc.text, f.evidence.end) }],
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
    use super::{CharIndex, PieceMerger};
    use crate::graph::{Entity, EntityKind, Evidence, Graph, MentionRef, Relation, RelationKind};

    fn piece(entities: &[(&str, EntityKind, usize)], edge: bool) -> Graph {
        let mut g = Graph::new();
        let nodes: Vec<_> = entities
            .iter()
            .map(|&(id, kind, at)| {
                let label = id.split('_').next().unwrap().to_string();
                let mention = MentionRef { doc: "d".into(), start: at, end: at + label.len(), text: label.as_str().into() };
                g.add_entity(Entity { id: id.into(), kind, label: label.clone(), aliases: vec![label], mentions: vec![mention] })
            })
            .collect();
        if edge {
            let evidence = vec![Evidence { doc: "d".into(), text: "q".into(), start: 1, end: 2 }];
            let rel = Relation { kind: RelationKind::Friendship, role: None, directed: false, negated: false, ended: false, confidence: 0.5, evidence };
            g.add_relation(nodes[nodes.len() - 1], nodes[0], rel);
        }
        g
    }

    #[test]
    fn pieces_merge_by_kind_and_id_with_shifted_offsets() {
        use EntityKind::{Organization, Person};
        let mut m = PieceMerger::default();
        m.absorb(piece(&[("washington", Person, 0), ("adams", Person, 20)], true), 0);
        m.absorb(piece(&[("washington", Organization, 3)], false), 100);
        // a piece with both: the second was given "washington_organization"
        m.absorb(piece(&[("washington", Person, 5), ("washington_organization", Organization, 9), ("adams", Person, 30)], true), 200);
        let g = m.finish("d");
        let ids: Vec<_> = g.entities().map(|(_, e)| (e.id.clone(), e.kind, e.mentions.iter().map(|m| m.start).collect::<Vec<_>>())).collect();
        assert_eq!(
            ids,
            vec![
                ("washington".to_string(), Person, vec![0, 205]),
                ("adams".to_string(), Person, vec![20, 230]),
                ("washington_organization".to_string(), Organization, vec![103, 209]),
            ]
        );
        assert_eq!(g.edge_count(), 1);
        let e = g.relations().next().unwrap();
        assert_eq!((e.source.id.as_str(), e.target.id.as_str()), ("adams", "washington"));
        assert_eq!(e.relation.evidence.iter().map(|ev| ev.start).collect::<Vec<_>>(), vec![1, 201]);
        assert_eq!(g.documents, vec!["d"]);
    }

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
